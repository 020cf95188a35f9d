/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-sandbox"

#include "lum-sandbox-extensiv-private.h"

#include <string.h>

/*
 * Extensiv 3PL Warehouse Manager (secure-wms.com): OAuth2 client-credentials
 * tokens at /AuthServer/api/Token, bearer tokens on the API, orders in
 * application/hal+json. POST /orders is not idempotent: the same
 * referenceNum twice makes two orders, as the real service does. Lists come
 * as {"totalResults", "_links", "_embedded": {"http://api.3plCentral.com/rels/…": […]}}.
 * Member names are matched regardless of case, as the .NET service does;
 * errors come as {"ErrorCode", "Hint", "Properties"}.
 */
static void
reply_error (LumSandboxRequest *req,
             guint              status,
             const char        *code,
             const char        *hint,
             const char        *property)
{
  JsonObject *object = json_object_new ();
  JsonObject *properties = json_object_new ();

  if (property != NULL)
    json_object_set_string_member (properties, "Field", property);
  json_object_set_string_member (object, "ErrorCode", code);
  json_object_set_string_member (object, "Hint", hint);
  json_object_set_object_member (object, "Properties", properties);
  lum_sandbox_request_reply_object (req, status, object);
}

static void
reply_oauth_error (LumSandboxRequest *req,
                   guint              status,
                   const char        *error,
                   const char        *description)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "error", error);
  json_object_set_string_member (object, "error_description", description);
  lum_sandbox_request_reply_object (req, status, object);
}

/* Bearer token and rate limit; FALSE after answering. */
static gboolean
admit (LumSandboxExtensiv *ext,
       LumSandboxRequest  *req)
{
  g_autofree char *bearer = lum_sandbox_bearer (req->headers);
  Token *token = bearer != NULL ? g_hash_table_lookup (ext->tokens, bearer) : NULL;
  guint limit, remaining, reset;

  if (token == NULL || lum_sandbox_now_locked (ext->sandbox) >= token->expires)
    {
      const char *hint = token == NULL ? "The access token is missing or unknown"
                                       : "The access token is expired";

      lum_sandbox_request_set_header (req, "WWW-Authenticate",
                                      token == NULL ? "Bearer" : "Bearer error=\"invalid_token\"");
      reply_error (req, SOUP_STATUS_UNAUTHORIZED, "Unauthorized", hint, NULL);
      return FALSE;
    }
  if (!lum_sandbox_rate_limit_take (ext->limit, token->client_id, &limit, &remaining, &reset))
    {
      g_autofree char *seconds = g_strdup_printf ("%u", reset);

      lum_sandbox_request_set_header (req, "Retry-After", seconds);
      reply_error (req, 429, "TooManyRequests", "Too many requests; retry later", NULL);
      return FALSE;
    }
  return TRUE;
}

static void
handle_token (LumSandboxExtensiv *ext,
              LumSandboxRequest  *req)
{
  g_autofree char *client_id = NULL;
  g_autofree char *client_secret = NULL;
  g_autofree char *login = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *body;
  JsonObject *answer;
  JsonNode *user;
  Token *token;
  char *access;

  if (!lum_sandbox_basic_auth (req->headers, &client_id, &client_secret)
      || !g_str_equal (client_id, ext->client_id) || !g_str_equal (client_secret, ext->client_secret))
    {
      reply_oauth_error (req, SOUP_STATUS_UNAUTHORIZED, "invalid_client",
                         "The client id or client secret is wrong");
      return;
    }
  root = lum_sandbox_request_parse_json (req, &error);
  if (root == NULL || !lum_json_is_object (root))
    {
      reply_oauth_error (req, SOUP_STATUS_BAD_REQUEST, "invalid_request",
                         error != NULL ? error->message : "The body must be a JSON object");
      return;
    }
  body = json_node_get_object (root);
  if (g_strcmp0 (lum_json_get_string (body, "grant_type"), "client_credentials") != 0)
    {
      reply_oauth_error (req, SOUP_STATUS_BAD_REQUEST, "unsupported_grant_type",
                         "grant_type must be client_credentials");
      return;
    }
  user = lum_json_member (body, "user_login_id");
  if (lum_json_is_string (user) || lum_json_is_int (user))
    login = lum_json_scalar_text (user);
  if (g_strcmp0 (lum_json_get_string (body, "tpl"), ext->tpl) != 0 || g_strcmp0 (login, ext->user_login_id) != 0)
    {
      reply_oauth_error (req, SOUP_STATUS_BAD_REQUEST, "invalid_grant",
                         "The tpl or user_login_id does not belong to this client");
      return;
    }

  access = lum_sandbox_random_token ("ext-");
  token = g_new0 (Token, 1);
  token->client_id = g_strdup (client_id);
  token->expires = lum_sandbox_now_locked (ext->sandbox) + (gint64)ext->token_lifetime * G_USEC_PER_SEC;
  g_hash_table_insert (ext->tokens, access, token);

  answer = json_object_new ();
  json_object_set_string_member (answer, "access_token", access);
  json_object_set_string_member (answer, "token_type", "Bearer");
  json_object_set_int_member (answer, "expires_in", ext->token_lifetime);
  json_object_set_null_member (answer, "refresh_token");
  json_object_set_null_member (answer, "scope");
  lum_sandbox_request_set_header (req, "Cache-Control", "no-store");
  lum_sandbox_request_reply_object (req, SOUP_STATUS_OK, answer);
}

static gboolean
check_strings (JsonObject *object,
               const char *const *names,
               const char *prefix,
               char      **field)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      JsonNode *node = lum_json_member_ci (object, names[i]);

      if (node != NULL && (!lum_json_is_string (node) || strlen (json_node_get_string (node)) > MAX_TEXT))
        {
          *field = g_strconcat (prefix, names[i], NULL);
          return FALSE;
        }
    }
  return TRUE;
}

static char *
check_items (LumSandboxExtensiv *ext,
             gint64              customer_id,
             JsonNode           *node,
             char              **field)
{
  JsonArray *items;

  if (!lum_json_is_array (node) || json_array_get_length (json_node_get_array (node)) == 0)
    {
      *field = g_strdup ("orderItems");
      return g_strdup ("An order needs at least one item in orderItems");
    }
  items = json_node_get_array (node);
  if (json_array_get_length (items) > MAX_ITEMS)
    {
      *field = g_strdup ("orderItems");
      return g_strdup_printf ("An order may have at most %d items", MAX_ITEMS);
    }
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *element = json_array_get_element (items, i);
      JsonObject *item = lum_json_is_object (element) ? json_node_get_object (element) : NULL;
      JsonNode *identifier = lum_json_member_ci (item, "itemIdentifier");
      JsonNode *qty = lum_json_member_ci (item, "qty");
      JsonObject *ident = lum_json_is_object (identifier) ? json_node_get_object (identifier) : NULL;
      JsonNode *sku = lum_json_member_ci (ident, "sku");
      JsonNode *id = lum_json_member_ci (ident, "id");

      *field = g_strdup_printf ("orderItems[%u]", i);
      if (item == NULL)
        return g_strdup ("Each order item must be an object");
      if (ident == NULL || (!(lum_json_is_string (sku) && *json_node_get_string (sku) != '\0')
                            && !lum_json_is_int (id)))
        return g_strdup ("An order item needs itemIdentifier with a sku");
      if (!lum_json_is_number (qty) || lum_json_number (qty) <= 0 || lum_json_number (qty) > 1e7)
        return g_strdup ("An order item needs a qty greater than 0");
      /* only the items the warehouse set up for the customer (the exact
       * ErrorCode the real service gives for another SKU is not on the
       * pages we could read; the shape is that of its WmsException) */
      if (lum_sandbox_extensiv_find_item (ext, customer_id, ident) == NULL)
        {
          g_free (*field);
          *field = g_strdup_printf ("orderItems[%u].itemIdentifier", i);
          if (lum_json_is_string (sku) && *json_node_get_string (sku) != '\0')
            return g_strdup_printf ("Customer %" G_GINT64_FORMAT " has no item with SKU '%s'",
                                    customer_id, json_node_get_string (sku));
          return g_strdup_printf ("Customer %" G_GINT64_FORMAT " has no item with id %" G_GINT64_FORMAT,
                                  customer_id, json_node_get_int (id));
        }
      g_clear_pointer (field, g_free);
    }
  return NULL;
}

static char *
check_saved_elements (JsonNode  *node,
                      char     **field)
{
  *field = g_strdup ("savedElements");
  if (!lum_json_is_array (node))
    return g_strdup ("savedElements must be an array of {name, value}");
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (node), i);
      JsonObject *saved = lum_json_is_object (element) ? json_node_get_object (element) : NULL;
      JsonNode *value = lum_json_member_ci (saved, "value");

      if (!lum_json_is_string (lum_json_member_ci (saved, "name"))
          || (value != NULL && !lum_json_is_string (value)))
        return g_strdup_printf ("savedElements[%u] needs a name and a string value", i);
    }
  g_clear_pointer (field, g_free);
  return NULL;
}

/* NULL when @order can be stored; the hint otherwise, with the field. */
static char *
check_order (LumSandboxExtensiv *ext,
             JsonObject         *order,
             JsonObject        **customer,
             JsonObject        **facility,
             char              **field)
{
  static const char * const texts[] = { "referenceNum", "poNum", "notes", "shippingNotes",
                                        "billingCode", "earliestShipDate", "shipCancelDate", NULL };
  static const char * const routing_texts[] = { "carrier", "mode", "scacCode", "account",
                                                "shipPointZip", "trackingNumber", NULL };
  static const char * const address_texts[] = { "companyName", "name", "title", "address1", "address2",
                                                "city", "state", "zip", "country", "phoneNumber",
                                                "fax", "emailAddress", "dept", NULL };
  JsonNode *customer_node = lum_json_member_ci (order, "customerIdentifier");
  JsonNode *facility_node = lum_json_member_ci (order, "facilityIdentifier");
  JsonNode *routing = lum_json_member_ci (order, "routingInfo");
  JsonNode *ship_to = lum_json_member_ci (order, "shipTo");
  JsonNode *saved = lum_json_member_ci (order, "savedElements");
  JsonNode *reference = lum_json_member_ci (order, "referenceNum");

  if (!check_strings (order, texts, "", field))
    return g_strdup_printf ("%s must be a string of up to %d characters", *field, MAX_TEXT);
  if (reference == NULL || *json_node_get_string (reference) == '\0')
    {
      *field = g_strdup ("referenceNum");
      return g_strdup ("referenceNum is required");
    }
  if (!lum_json_is_object (customer_node))
    {
      *field = g_strdup ("customerIdentifier");
      return g_strdup ("customerIdentifier is required: {\"id\": …} or {\"name\": …}");
    }
  *customer = lum_sandbox_extensiv_find_by_identifier (ext->customers, json_node_get_object (customer_node), TRUE);
  if (*customer == NULL)
    {
      *field = g_strdup ("customerIdentifier");
      return g_strdup ("The customer in customerIdentifier does not exist");
    }
  if (!lum_json_is_object (facility_node))
    {
      *field = g_strdup ("facilityIdentifier");
      return g_strdup ("facilityIdentifier is required: {\"id\": …} or {\"name\": …}");
    }
  *facility = lum_sandbox_extensiv_find_by_identifier (ext->facilities, json_node_get_object (facility_node), FALSE);
  if (*facility == NULL)
    {
      *field = g_strdup ("facilityIdentifier");
      return g_strdup ("The facility in facilityIdentifier does not exist");
    }
  if (routing != NULL && (!lum_json_is_object (routing)
                          || !check_strings (json_node_get_object (routing), routing_texts, "routingInfo.", field)))
    {
      if (*field == NULL)
        *field = g_strdup ("routingInfo");
      return g_strdup_printf ("%s must be made of strings", *field);
    }
  if (ship_to != NULL && (!lum_json_is_object (ship_to)
                          || !check_strings (json_node_get_object (ship_to), address_texts, "shipTo.", field)))
    {
      if (*field == NULL)
        *field = g_strdup ("shipTo");
      return g_strdup_printf ("%s must be made of strings", *field);
    }
  if (saved != NULL)
    {
      char *hint = check_saved_elements (saved, field);
      if (hint != NULL)
        return hint;
    }
  {
    JsonNode *defer = lum_json_member_ci (order, "deferNotification");

    if (defer != NULL && !JSON_NODE_HOLDS_NULL (defer)
        && !(JSON_NODE_HOLDS_VALUE (defer) && json_node_get_value_type (defer) == G_TYPE_BOOLEAN))
      {
        *field = g_strdup ("deferNotification");
        return g_strdup ("deferNotification must be true or false");
      }
  }
  return check_items (ext, lum_sandbox_extensiv_customer_id (*customer), lum_json_member_ci (order, "orderItems"),
                      field);
}

static JsonObject *
store_order (LumSandboxExtensiv *ext,
             JsonObject         *received,
             JsonObject         *customer,
             JsonObject         *facility)
{
  g_autofree char *now = lum_sandbox_time_plain (lum_sandbox_now_locked (ext->sandbox));
  gint64 id = FIRST_ORDER_ID + ext->orders->len;
  g_autofree char *href = g_strdup_printf ("/orders/%" G_GINT64_FORMAT, id);
  JsonObject *order = lum_json_object_copy (received);
  JsonObject *read_only = json_object_new ();
  JsonObject *created_by = json_object_new ();
  JsonArray *items;

  lum_sandbox_extensiv_remove_member_ci (order, "readOnly");
  lum_sandbox_extensiv_remove_member_ci (order, "_links");
  lum_sandbox_extensiv_remove_member_ci (order, "_embedded");

  json_object_set_int_member (read_only, "orderId", id);
  json_object_set_int_member (read_only, "asnCandidate", 0);
  json_object_set_int_member (read_only, "routeCandidate", 0);
  json_object_set_boolean_member (read_only, "fullyAllocated", FALSE);
  {
    JsonNode *defer = lum_json_member_ci (received, "deferNotification");

    json_object_set_boolean_member (read_only, "deferNotification",
                                    defer != NULL && lum_json_is_bool (defer) && json_node_get_boolean (defer));
    lum_sandbox_extensiv_remove_member_ci (order, "deferNotification");
  }
  json_object_set_boolean_member (read_only, "isClosed", FALSE);
  json_object_set_null_member (read_only, "processDate");
  json_object_set_null_member (read_only, "shipDate");
  json_object_set_boolean_member (read_only, "pickStarted", FALSE);
  json_object_set_boolean_member (read_only, "packStarted", FALSE);
  json_object_set_array_member (read_only, "packages", json_array_new ());
  json_object_set_object_member (read_only, "customerIdentifier",
                                 lum_sandbox_extensiv_new_identifier (lum_sandbox_extensiv_customer_id (customer), lum_sandbox_extensiv_customer_name (customer)));
  json_object_set_object_member (read_only, "facilityIdentifier",
                                 lum_sandbox_extensiv_new_identifier (json_object_get_int_member (facility, "facilityId"),
                                                 json_object_get_string_member (facility, "name")));
  json_object_set_string_member (read_only, "creationDate", now);
  json_object_set_string_member (created_by, "id", ext->user_login_id);
  json_object_set_object_member (read_only, "createdByIdentifier", created_by);
  json_object_set_string_member (read_only, "lastModifiedDate", now);
  json_object_set_int_member (read_only, "status", 0);
  json_object_set_object_member (order, "readOnly", read_only);
  json_object_set_object_member (order, "_links", lum_sandbox_extensiv_new_links (href));

  items = json_node_get_array (lum_json_member_ci (order, "orderItems"));
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonObject *item_read_only = json_object_new ();

      JsonObject *identifier = json_node_get_object (lum_json_member_ci (item, "itemIdentifier"));
      JsonObject *known = lum_sandbox_extensiv_find_item (ext, lum_sandbox_extensiv_customer_id (customer), identifier);

      /* as the service answers it: the item's sku and id both */
      lum_sandbox_extensiv_remove_member_ci (identifier, "sku");
      lum_sandbox_extensiv_remove_member_ci (identifier, "id");
      json_object_set_string_member (identifier, "sku", json_object_get_string_member (known, "sku"));
      json_object_set_int_member (identifier, "id", json_object_get_int_member (known, "itemId"));
      lum_sandbox_extensiv_remove_member_ci (item, "readOnly");
      json_object_set_int_member (item_read_only, "orderItemId", ext->next_item_id++);
      json_object_set_boolean_member (item_read_only, "fullyAllocated", FALSE);
      json_object_set_object_member (item, "readOnly", item_read_only);
    }
  g_ptr_array_add (ext->orders, order);
  return order;
}

static void
handle_create_order (LumSandboxExtensiv *ext,
                     LumSandboxRequest  *req)
{
  const char *type = soup_message_headers_get_content_type (req->headers, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *field = NULL;
  g_autofree char *hint = NULL;
  JsonObject *customer = NULL;
  JsonObject *facility = NULL;
  JsonObject *order;
  char location[64];

  if (type != NULL && g_ascii_strcasecmp (type, "application/hal+json") != 0
      && g_ascii_strcasecmp (type, "application/json") != 0)
    {
      reply_error (req, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "UnsupportedMediaType",
                   "Send orders as application/hal+json", NULL);
      return;
    }
  root = lum_sandbox_request_parse_json (req, &error);
  if (root == NULL)
    {
      reply_error (req, SOUP_STATUS_BAD_REQUEST, "InvalidJson", error->message, NULL);
      return;
    }
  if (!lum_json_is_object (root))
    {
      reply_error (req, SOUP_STATUS_BAD_REQUEST, "InvalidJson", "The order must be a JSON object", NULL);
      return;
    }
  hint = check_order (ext, json_node_get_object (root), &customer, &facility, &field);
  if (hint != NULL)
    {
      reply_error (req, SOUP_STATUS_BAD_REQUEST, "InvalidModel", hint, field);
      return;
    }
  order = store_order (ext, json_node_get_object (root), customer, facility);
  g_snprintf (location, sizeof location, "/orders/%" G_GINT64_FORMAT,
              json_object_get_int_member (json_object_get_object_member (order, "readOnly"), "orderId"));
  lum_sandbox_request_set_header (req, "Location", location);
  lum_sandbox_request_reply_object (req, SOUP_STATUS_CREATED, json_object_ref (order));
}

typedef struct
{
  gboolean items;
  gboolean saved_elements;
  gboolean packages;
  gboolean item_saved_elements;
} Detail;

/* `detail` and `itemdetail` of GET /orders and GET /orders/{id}: comma-
 * separated Common.Enum.OrderChildren and OrderItemChildren values, both
 * None by default; "if other than None, detail must include OrderItems"
 * ("orders orders", 3w.extensiv.com). A value the enums do not have is
 * refused, as the .NET service refuses what it cannot bind. */
static char *
read_detail (const char *detail_text,
             const char *item_text,
             Detail     *detail)
{
  static const char * const order_children[] = { "None", "OrderItems", "BillingDetails", "SavedElements", "Packages",
                                                 "Contacts", "ProposedBilling", "OutboundSerialNumbers",
                                                 "SmallParcel", "ParcelOptions", "Inserts", "All", NULL };
  static const char * const item_children[] = { "None", "SavedElements", "Allocations", "All",
                                                "AllocationsWithDetail", NULL };
  g_auto(GStrv) parts = g_strsplit (detail_text != NULL ? detail_text : "", ",", 16);
  g_auto(GStrv) item_parts = g_strsplit (item_text != NULL ? item_text : "", ",", 16);
  gboolean any_item_detail = FALSE;

  *detail = (Detail) { FALSE, FALSE, FALSE, FALSE };
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = g_strstrip (parts[i]);

      if (*part == '\0' && parts[1] == NULL)
        break;
      if (!g_strv_contains (order_children, part))
        {
          for (guint j = 0; order_children[j] != NULL; j++)
            if (g_ascii_strcasecmp (order_children[j], part) == 0)
              part = order_children[j];
          if (!g_strv_contains (order_children, part))
            return g_strdup_printf ("detail '%s' is not one of None, OrderItems, BillingDetails, SavedElements, "
                                    "Packages, Contacts, ProposedBilling, OutboundSerialNumbers, SmallParcel, "
                                    "ParcelOptions, Inserts, All", part);
        }
      if (g_str_equal (part, "All"))
        *detail = (Detail) { TRUE, TRUE, TRUE, detail->item_saved_elements };
      else if (g_str_equal (part, "OrderItems"))
        detail->items = TRUE;
      else if (g_str_equal (part, "SavedElements"))
        detail->saved_elements = TRUE;
      else if (g_str_equal (part, "Packages"))
        detail->packages = TRUE;
    }
  for (guint i = 0; item_parts[i] != NULL; i++)
    {
      const char *part = g_strstrip (item_parts[i]);
      gboolean known = FALSE;

      if (*part == '\0' && item_parts[1] == NULL)
        break;
      for (guint j = 0; item_children[j] != NULL; j++)
        known |= g_ascii_strcasecmp (item_children[j], part) == 0;
      if (!known)
        return g_strdup_printf ("itemdetail '%s' is not one of None, SavedElements, Allocations, All, "
                                "AllocationsWithDetail", part);
      if (g_ascii_strcasecmp (part, "None") != 0)
        any_item_detail = TRUE;
      if (g_ascii_strcasecmp (part, "SavedElements") == 0 || g_ascii_strcasecmp (part, "All") == 0)
        detail->item_saved_elements = TRUE;
    }
  if (any_item_detail && !detail->items)
    return g_strdup ("itemdetail other than None needs detail to include OrderItems");
  return NULL;
}

/* The items as lists show them: their saved elements only when itemdetail
 * asks for them. */
static JsonNode *
present_items (JsonNode *items,
               Detail    detail)
{
  JsonArray *shown = json_array_new ();
  JsonNode *node;

  for (guint i = 0; lum_json_is_array (items) && i < json_array_get_length (json_node_get_array (items)); i++)
    {
      JsonObject *item = lum_json_object_copy (json_array_get_object_element (json_node_get_array (items), i));

      if (!detail.item_saved_elements)
        lum_sandbox_extensiv_remove_member_ci (item, "savedElements");
      json_array_add_object_element (shown, item);
    }
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, shown);
  return node;
}

/* An order as lists show it: items under _embedded, and the details asked for. */
static JsonObject *
present_order (JsonObject *order,
               Detail      detail)
{
  JsonObject *shown = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init_ordered (&iter, order);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      if (g_ascii_strcasecmp (name, "orderItems") == 0)
        {
          if (detail.items)
            {
              JsonObject *embedded = json_object_new ();
              json_object_set_member (embedded, REL "orders/item", present_items (node, detail));
              json_object_set_object_member (shown, "_embedded", embedded);
            }
        }
      else if (g_ascii_strcasecmp (name, "savedElements") == 0)
        {
          if (detail.saved_elements)
            json_object_set_member (shown, name, json_node_ref (node));
        }
      else if (g_str_equal (name, "readOnly") && !detail.packages)
        {
          JsonObject *read_only = lum_json_object_copy (json_node_get_object (node));
          json_object_remove_member (read_only, "packages");
          json_object_set_object_member (shown, name, read_only);
        }
      else
        json_object_set_member (shown, name, json_node_ref (node));
    }
  return shown;
}

static int
compare_sort (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const char *path = user_data;
  JsonObject *oa = *(JsonObject **)a;
  JsonObject *ob = *(JsonObject **)b;
  g_autoptr(JsonNode) na = lum_json_node_new_object (oa);
  g_autoptr(JsonNode) nb = lum_json_node_new_object (ob);
  JsonNode *va = lum_json_path_ci (na, path[0] == '-' ? path + 1 : path);
  JsonNode *vb = lum_json_path_ci (nb, path[0] == '-' ? path + 1 : path);
  g_autofree char *ta = lum_json_scalar_text (va);
  g_autofree char *tb = lum_json_scalar_text (vb);
  int order;

  if (lum_json_is_number (va) && lum_json_is_number (vb))
    order = lum_json_number (va) < lum_json_number (vb) ? -1 : lum_json_number (va) > lum_json_number (vb);
  else
    order = g_strcmp0 (ta, tb);
  return path[0] == '-' ? -order : order;
}

/* A hal+json page of @records under @rel, filtered by rql and sorted. */
static void
reply_list (LumSandboxRequest *req,
            GPtrArray         *records,
            const char        *rel,
            const char        *href,
            gboolean           orders)
{
  const char *rql_text = lum_sandbox_request_param (req, "rql");
  const char *sort = lum_sandbox_request_param (req, "sort");
  Detail detail;
  g_autofree char *detail_hint = read_detail (lum_sandbox_request_param (req, "detail"),
                                              lum_sandbox_request_param (req, "itemdetail"), &detail);
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  g_autoptr(LumRql) rql = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *self_href = NULL;
  guint64 size = DEFAULT_PAGE_SIZE, page = 1;
  JsonObject *answer, *embedded;
  JsonArray *list;

  if ((lum_sandbox_request_param (req, "pgsiz") != NULL
       && (!lum_sandbox_parse_uint (lum_sandbox_request_param (req, "pgsiz"), MAX_PAGE_SIZE, &size) || size == 0))
      || (lum_sandbox_request_param (req, "pgnum") != NULL
          && (!lum_sandbox_parse_uint (lum_sandbox_request_param (req, "pgnum"), G_MAXINT32, &page) || page == 0)))
    {
      reply_error (req, SOUP_STATUS_BAD_REQUEST, "InvalidParameter",
                   "pgsiz must be 1 to 1000 and pgnum 1 or more", "pgsiz");
      return;
    }
  if (orders && detail_hint != NULL)
    {
      reply_error (req, SOUP_STATUS_BAD_REQUEST, "InvalidParameter", detail_hint, "detail");
      return;
    }
  if (rql_text != NULL && *rql_text != '\0' && (rql = lum_rql_parse (rql_text, &error)) == NULL)
    {
      reply_error (req, SOUP_STATUS_BAD_REQUEST, "InvalidRql", error->message, "rql");
      return;
    }
  for (guint i = 0; i < records->len; i++)
    {
      JsonObject *record = g_ptr_array_index (records, i);
      g_autoptr(JsonNode) node = lum_json_node_new_object (record);

      if (rql == NULL || lum_rql_matches (rql, node))
        g_ptr_array_add (matches, record);
    }
  if (sort != NULL && *sort != '\0' && strlen (sort) < 200)
    g_ptr_array_sort_with_data (matches, compare_sort, (gpointer)sort);

  list = json_array_new ();
  for (guint64 i = (page - 1) * size; i < matches->len && i < page * size; i++)
    {
      JsonObject *record = g_ptr_array_index (matches, i);
      json_array_add_object_element (list, orders ? present_order (record, detail) : json_object_ref (record));
    }
  answer = json_object_new ();
  embedded = json_object_new ();
  self_href = g_strdup_printf ("%s?pgsiz=%" G_GUINT64_FORMAT "&pgnum=%" G_GUINT64_FORMAT, href, size, page);
  json_object_set_int_member (answer, "totalResults", matches->len);
  json_object_set_object_member (answer, "_links", lum_sandbox_extensiv_new_links (self_href));
  json_object_set_array_member (embedded, rel, list);
  json_object_set_object_member (answer, "_embedded", embedded);
  lum_sandbox_request_reply_object (req, SOUP_STATUS_OK, answer);
}

static JsonObject *
find_order (LumSandboxExtensiv *ext,
            LumSandboxRequest  *req,
            const char         *id_text)
{
  gint64 id = 0;

  if (!g_ascii_string_to_signed (id_text, 10, FIRST_ORDER_ID, G_MAXINT64, &id, NULL)
      || id - FIRST_ORDER_ID >= ext->orders->len)
    {
      g_autofree char *hint = g_strdup_printf ("There is no order %s", id_text);
      reply_error (req, SOUP_STATUS_NOT_FOUND, "ResourceNotFound", hint, NULL);
      return NULL;
    }
  return g_ptr_array_index (ext->orders, id - FIRST_ORDER_ID);
}

/* GET /orders/{id}{?detail,itemdetail}: the order, with the ETag that
 * operators on it (the canceler) want back in If-Match. */
static void
handle_get_order (LumSandboxExtensiv *ext,
                  LumSandboxRequest  *req,
                  const char         *id_text)
{
  JsonObject *order = find_order (ext, req, id_text);
  g_autofree char *hint = NULL;
  g_autofree char *etag = NULL;
  Detail detail;

  if (order == NULL)
    return;
  hint = read_detail (lum_sandbox_request_param (req, "detail"), lum_sandbox_request_param (req, "itemdetail"),
                      &detail);
  if (hint != NULL)
    {
      reply_error (req, SOUP_STATUS_BAD_REQUEST, "InvalidParameter", hint, "detail");
      return;
    }
  etag = lum_sandbox_extensiv_etag (ext, order);
  lum_sandbox_request_set_header (req, "ETag", etag);
  lum_sandbox_request_reply_object (req, SOUP_STATUS_OK, present_order (order, detail));
}

/* POST /orders/{id}/canceler {"reason", "charge"?, "invoiceCreationInfo"?}:
 * "Cancel an open order. If-Match request header required; Success status:
 * 204" ("orders ordercancel", 3w.extensiv.com). Which statuses the real
 * service answers a missing or an out-of-date If-Match with is not on that
 * page: the sandbox answers 428 and 412, as HTTP (RFC 6585, RFC 9110)
 * names them, and refuses either way. */
static void
handle_cancel_order (LumSandboxExtensiv *ext,
                     LumSandboxRequest  *req,
                     const char         *id_text)
{
  JsonObject *order = find_order (ext, req, id_text);
  const char *if_match = soup_message_headers_get_one (req->headers, "If-Match");
  g_autofree char *etag = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *now = NULL;
  JsonObject *read_only;
  JsonNode *reason, *charge;

  if (order == NULL)
    return;
  etag = lum_sandbox_extensiv_etag (ext, order);
  if (if_match == NULL || *if_match == '\0')
    {
      reply_error (req, 428, "PreconditionRequired",
                   "If-Match is required: send the ETag of GET /orders/{id}", "If-Match");
      return;
    }
  if (g_strcmp0 (if_match, etag) != 0)
    {
      reply_error (req, SOUP_STATUS_PRECONDITION_FAILED, "PreconditionFailed",
                   "The order changed since its ETag was read", "If-Match");
      return;
    }
  root = lum_sandbox_request_parse_json (req, &error);
  if (root == NULL || !lum_json_is_object (root))
    {
      reply_error (req, SOUP_STATUS_BAD_REQUEST, "InvalidJson",
                   error != NULL ? error->message : "The body must be a JSON object", NULL);
      return;
    }
  reason = lum_json_member_ci (json_node_get_object (root), "reason");
  charge = lum_json_member_ci (json_node_get_object (root), "charge");
  if (!lum_json_is_string (reason) || *json_node_get_string (reason) == '\0'
      || strlen (json_node_get_string (reason)) > MAX_TEXT)
    {
      reply_error (req, SOUP_STATUS_BAD_REQUEST, "InvalidModel", "reason is required", "reason");
      return;
    }
  if (charge != NULL && !JSON_NODE_HOLDS_NULL (charge) && (!lum_json_is_number (charge) || lum_json_number (charge) < 0))
    {
      reply_error (req, SOUP_STATUS_BAD_REQUEST, "InvalidModel", "charge must be a number of 0 or more", "charge");
      return;
    }
  read_only = json_object_get_object_member (order, "readOnly");
  if (json_object_get_boolean_member (read_only, "isClosed"))
    {
      reply_error (req, SOUP_STATUS_BAD_REQUEST, "InvalidOrderState",
                   json_object_get_int_member (read_only, "status") == 2 ? "The order is cancelled already"
                                                                          : "Only an open order can be cancelled",
                   NULL);
      return;
    }

  now = lum_sandbox_time_plain (lum_sandbox_now_locked (ext->sandbox));
  json_object_set_boolean_member (read_only, "isClosed", TRUE);
  json_object_set_int_member (read_only, "status", 2);
  json_object_set_string_member (read_only, "lastModifiedDate", now);
  json_object_set_string_member (read_only, "cancelReason", json_node_get_string (reason));
  lum_sandbox_extensiv_touch (ext, order);
  lum_sandbox_request_reply (req, SOUP_STATUS_NO_CONTENT, NULL, NULL, 0);
}

void
lum_sandbox_extensiv_handle (LumSandboxExtensiv *ext,
                             LumSandboxRequest  *req)
{
  gboolean get = g_str_equal (req->method, "GET");
  gboolean post = g_str_equal (req->method, "POST");
  const char *path = req->path;

  req->json_type = HAL_TYPE;
  if (g_ascii_strcasecmp (path, "/AuthServer/api/Token") == 0)
    {
      req->json_type = "application/json; charset=utf-8";
      if (post)
        handle_token (ext, req);
      else
        reply_oauth_error (req, SOUP_STATUS_METHOD_NOT_ALLOWED, "invalid_request", "POST the token request");
      return;
    }
  if (!admit (ext, req))
    return;
  if (g_str_equal (path, "/orders") && post)
    handle_create_order (ext, req);
  else if (g_str_equal (path, "/orders") && get)
    reply_list (req, ext->orders, REL "orders/order", "/orders", TRUE);
  else if (g_str_has_prefix (path, "/orders/") && strchr (path + 8, '/') == NULL && get)
    handle_get_order (ext, req, path + 8);
  else if (g_str_has_prefix (path, "/orders/") && g_str_has_suffix (path, "/canceler")
           && strchr (path + 8, '/') == path + strlen (path) - strlen ("/canceler"))
    {
      g_autofree char *id = g_strndup (path + 8, strlen (path) - 8 - strlen ("/canceler"));

      if (post)
        handle_cancel_order (ext, req, id);
      else
        reply_error (req, SOUP_STATUS_METHOD_NOT_ALLOWED, "MethodNotAllowed",
                     "This resource does not take that method", NULL);
    }
  else if (g_str_equal (path, "/customers") && get)
    reply_list (req, ext->customers, REL "customers/customer", "/customers", FALSE);
  else if (g_str_equal (path, "/properties/facilities") && get)
    reply_list (req, ext->facilities, REL "properties/facility", path, FALSE);
  else if (g_str_equal (path, "/inventory/stocksummaries") && get)
    lum_sandbox_extensiv_stock_summaries (ext, req);
  else if (g_str_equal (path, "/orders") || g_str_equal (path, "/customers")
           || g_str_equal (path, "/properties/facilities") || g_str_equal (path, "/inventory/stocksummaries"))
    reply_error (req, SOUP_STATUS_METHOD_NOT_ALLOWED, "MethodNotAllowed",
                 "This resource does not take that method", NULL);
  else
    {
      g_autofree char *hint = g_strdup_printf ("No resource at %s", path);
      reply_error (req, SOUP_STATUS_NOT_FOUND, "ResourceNotFound", hint, NULL);
    }
}

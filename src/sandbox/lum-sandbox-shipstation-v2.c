/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-sandbox"

#include "lum-sandbox-shipstation-private.h"

#include <string.h>

/*
 * ShipStation API V2 over the same account as the sandbox's API V1, as at
 * ShipStation: a V2 *shipment* is a V1 order (external_shipment_id is its
 * orderKey, shipment_id "se-" and its orderId), a V2 *label* a V1
 * shipment. The requests are held to ShipStation's own description
 * (shipstation-v2.openapi.yaml): create_shipment_request, its addresses
 * and items take no member the description does not name, the required
 * address members must be there and not empty, and the list filters must
 * be of their documented values; errors are error_response_body.
 * Labels are bought through the control endpoint
 * /_sandbox/shipstation/ship, as for API V1.
 */

#define V2_PAGE_SIZE_DEFAULT 25

static const char * const create_members[] = {
  "validate_address", "external_shipment_id", "carrier_id", "create_sales_order", "store_id",
  "notes_from_buyer", "notes_for_gift", "is_gift", "zone", "display_scheme", "assigned_user",
  "shipment_status", "amount_paid", "shipping_paid", "tax_paid", "ship_to", "ship_from", "items",
  "packages", NULL,
};

static const char * const address_members[] = {
  "name", "phone", "email", "company_name", "address_line1", "address_line2", "address_line3",
  "city_locality", "state_province", "postal_code", "country_code", "address_residential_indicator",
  "instructions", "geolocation", NULL,
};

static const char * const address_required[] = {
  "name", "phone", "address_line1", "city_locality", "state_province", "postal_code", "country_code",
  "address_residential_indicator", NULL,
};

static const char * const item_members[] = {
  "name", "sales_order_id", "sales_order_item_id", "quantity", "sku", "bundle_sku", "external_order_id",
  "external_order_item_id", "asin", "order_source_code", "item_id", "allocation_status", "image_url",
  "weight", "unit_price", "tax_amount", "shipping_amount", "inventory_location", "options", "product_id",
  "fullfilment_sku", "upc", NULL,
};

static void
reply_errors (LumSandboxRequest *req,
              guint              status,
              const char        *error_type,
              const char        *error_code,
              const char        *message)
{
  JsonObject *body = json_object_new ();
  JsonArray *errors = json_array_new ();
  JsonObject *error = json_object_new ();
  g_autofree char *request_id = g_uuid_string_random ();

  json_object_set_string_member (error, "error_source", "ShipStation");
  json_object_set_string_member (error, "error_type", error_type);
  json_object_set_string_member (error, "error_code", error_code);
  json_object_set_string_member (error, "message", message);
  json_array_add_object_element (errors, error);
  json_object_set_string_member (body, "request_id", request_id);
  json_object_set_array_member (body, "errors", errors);
  lum_sandbox_request_reply_object (req, status, body);
}

static void
reply_invalid (LumSandboxRequest *req,
               const char        *message)
{
  reply_errors (req, SOUP_STATUS_BAD_REQUEST, "validation", "invalid_field_value", message);
}

static void
reply_not_found (LumSandboxRequest *req,
                 const char        *what)
{
  g_autofree char *message = g_strdup_printf ("%s was not found", what);
  reply_errors (req, SOUP_STATUS_NOT_FOUND, "validation", "not_found", message);
}

/* The key of the API-Key header, the same as the account's V1 key, and
 * the rate limit with its Retry-After; FALSE after answering. */
static gboolean
admit_v2 (LumSandboxShipstation *ss,
          LumSandboxRequest     *req)
{
  const char *key = soup_message_headers_get_one (req->headers, "API-Key");
  char text[32];
  guint limit, remaining, reset;

  if (key == NULL || !g_hash_table_contains (ss->credentials, key))
    {
      reply_errors (req, SOUP_STATUS_UNAUTHORIZED, "security", "unauthorized",
                    "The API key is invalid. Please see https://www.shipstation.com/docs/api");
      return FALSE;
    }
  if (!lum_sandbox_rate_limit_take (ss->limit, key, &limit, &remaining, &reset))
    {
      g_snprintf (text, sizeof text, "%u", reset);
      lum_sandbox_request_set_header (req, "Retry-After", text);
      reply_errors (req, 429, "system", "rate_limit_exceeded",
                    "You have exceeded the rate limit. Please see https://www.shipstation.com/docs/api");
      return FALSE;
    }
  return TRUE;
}

static gboolean
in_list (const char * const *list,
         const char         *name)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (g_str_equal (list[i], name))
      return TRUE;
  return FALSE;
}

/* Members of @object that @allowed does not name; NULL when all are. */
static char *
unknown_member (JsonObject         *object,
                const char * const *allowed,
                const char         *where)
{
  g_autoptr(GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    if (!in_list (allowed, l->data))
      return g_strdup_printf ("%s: the member '%s' is not allowed", where, (const char *)l->data);
  return NULL;
}

static char *
check_address (JsonNode   *node,
               const char *where)
{
  JsonObject *address;
  char *why;

  if (!lum_json_is_object (node))
    return g_strdup_printf ("%s must be an object", where);
  address = json_node_get_object (node);
  if ((why = unknown_member (address, address_members, where)) != NULL)
    return why;
  for (guint i = 0; address_required[i] != NULL; i++)
    {
      const char *value = lum_json_get_string (address, address_required[i]);

      if (value == NULL || *value == '\0')
        return g_strdup_printf ("%s.%s is required", where, address_required[i]);
    }
  if (strlen (lum_json_get_string (address, "country_code")) != 2)
    return g_strdup_printf ("%s.country_code must be two letters", where);
  if (!in_list ((const char *[]) { "unknown", "yes", "no", NULL },
                lum_json_get_string (address, "address_residential_indicator")))
    return g_strdup_printf ("%s.address_residential_indicator must be unknown, yes or no", where);
  for (const char * const *m = (const char *[]) { "company_name", "address_line2", "address_line3", NULL }; *m; m++)
    {
      JsonNode *value = json_object_get_member (address, *m);

      if (value != NULL && !JSON_NODE_HOLDS_NULL (value) &&
          (!lum_json_is_string (value) || *json_node_get_string (value) == '\0'))
        return g_strdup_printf ("%s.%s must be a non-empty string or null", where, *m);
    }
  return NULL;
}

static char *
check_items (JsonNode *node)
{
  JsonArray *items;

  if (!lum_json_is_array (node))
    return g_strdup ("items must be an array");
  items = json_node_get_array (node);
  if (json_array_get_length (items) > MAX_ITEMS)
    return g_strdup_printf ("items: at most %d", MAX_ITEMS);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *element = json_array_get_element (items, i);
      JsonObject *item;
      JsonNode *quantity, *price;
      char *why;

      if (!lum_json_is_object (element))
        return g_strdup_printf ("items[%u] must be an object", i);
      item = json_node_get_object (element);
      if ((why = unknown_member (item, item_members, "items[]")) != NULL)
        return why;
      quantity = json_object_get_member (item, "quantity");
      if (quantity != NULL && (!lum_json_is_int (quantity) || json_node_get_int (quantity) < 0 ||
                               json_node_get_int (quantity) > G_MAXINT32))
        return g_strdup_printf ("items[%u].quantity must be an integer of at least 0", i);
      price = json_object_get_member (item, "unit_price");
      if (price != NULL && !JSON_NODE_HOLDS_NULL (price) && (!lum_json_is_number (price) || lum_json_number (price) < 0))
        return g_strdup_printf ("items[%u].unit_price must be a number of at least 0", i);
      for (const char * const *m = (const char *[]) { "sku", "name", "external_order_id", "external_order_item_id", NULL };
           *m; m++)
        {
          JsonNode *value = json_object_get_member (item, *m);
          if (value != NULL && !JSON_NODE_HOLDS_NULL (value) && !lum_json_is_string (value))
            return g_strdup_printf ("items[%u].%s must be a string", i, *m);
        }
    }
  return NULL;
}

/* A create_shipment_request as the description takes it. */
static char *
check_shipment (JsonNode *node)
{
  JsonObject *shipment;
  JsonNode *member;
  char *why;

  if (!lum_json_is_object (node))
    return g_strdup ("shipments[] must be objects");
  shipment = json_node_get_object (node);
  if ((why = unknown_member (shipment, create_members, "shipments[]")) != NULL)
    return why;
  member = json_object_get_member (shipment, "external_shipment_id");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member) &&
      (!lum_json_is_string (member) || strlen (json_node_get_string (member)) > 50))
    return g_strdup ("external_shipment_id must be a string of at most 50 characters");
  member = json_object_get_member (shipment, "store_id");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member) && !lum_json_is_string (member))
    return g_strdup ("store_id must be a string");
  for (const char * const *m = (const char *[]) { "notes_from_buyer", "notes_for_gift", NULL }; *m; m++)
    {
      member = json_object_get_member (shipment, *m);
      if (member != NULL && !JSON_NODE_HOLDS_NULL (member) && !lum_json_is_string (member))
        return g_strdup_printf ("%s must be a string", *m);
    }
  member = json_object_get_member (shipment, "is_gift");
  if (member != NULL && !lum_json_is_bool (member))
    return g_strdup ("is_gift must be a boolean");
  if ((member = json_object_get_member (shipment, "ship_to")) != NULL && (why = check_address (member, "ship_to")))
    return why;
  if ((member = json_object_get_member (shipment, "ship_from")) != NULL && (why = check_address (member, "ship_from")))
    return why;
  if ((member = json_object_get_member (shipment, "items")) != NULL && (why = check_items (member)))
    return why;
  return NULL;
}

/* V2 address → V1 address. */
static JsonObject *
v1_address (JsonObject *address)
{
  JsonObject *v1 = json_object_new ();

  lum_json_set_nullable_string (v1, "name", lum_json_get_string (address, "name"));
  lum_json_set_nullable_string (v1, "company", lum_json_get_string (address, "company_name"));
  lum_json_set_nullable_string (v1, "street1", lum_json_get_string (address, "address_line1"));
  lum_json_set_nullable_string (v1, "street2", lum_json_get_string (address, "address_line2"));
  lum_json_set_nullable_string (v1, "city", lum_json_get_string (address, "city_locality"));
  lum_json_set_nullable_string (v1, "state", lum_json_get_string (address, "state_province"));
  lum_json_set_nullable_string (v1, "postalCode", lum_json_get_string (address, "postal_code"));
  lum_json_set_nullable_string (v1, "country", lum_json_get_string (address, "country_code"));
  lum_json_set_nullable_string (v1, "phone", lum_json_get_string (address, "phone"));
  json_object_set_boolean_member (v1, "residential",
                                  g_strcmp0 (lum_json_get_string (address, "address_residential_indicator"), "yes") == 0);
  return v1;
}

static JsonObject *
v2_address (JsonObject *v1)
{
  JsonObject *address = json_object_new ();

  lum_json_set_nullable_string (address, "name", v1 ? lum_json_get_string (v1, "name") : NULL);
  lum_json_set_nullable_string (address, "phone", v1 ? lum_json_get_string (v1, "phone") : NULL);
  lum_json_set_nullable_string (address, "company_name", v1 ? lum_json_get_string (v1, "company") : NULL);
  lum_json_set_nullable_string (address, "address_line1", v1 ? lum_json_get_string (v1, "street1") : NULL);
  lum_json_set_nullable_string (address, "address_line2", v1 ? lum_json_get_string (v1, "street2") : NULL);
  lum_json_set_nullable_string (address, "city_locality", v1 ? lum_json_get_string (v1, "city") : NULL);
  lum_json_set_nullable_string (address, "state_province", v1 ? lum_json_get_string (v1, "state") : NULL);
  lum_json_set_nullable_string (address, "postal_code", v1 ? lum_json_get_string (v1, "postalCode") : NULL);
  lum_json_set_nullable_string (address, "country_code", v1 ? lum_json_get_string (v1, "country") : NULL);
  json_object_set_string_member (address, "address_residential_indicator", "unknown");
  return address;
}

/* A time of the V1 side (Pacific, no zone) as a date_time (UTC, Z). */
static char *
v2_time (const char *pacific)
{
  gint64 us = 0;
  g_autoptr(GDateTime) dt = NULL;

  if (pacific == NULL || !lum_sandbox_shipstation_parse_time (pacific, &us))
    return NULL;
  dt = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S.000Z");
}

static const char *
v2_status (Order *order)
{
  const char *status = lum_json_get_string (order->object, "orderStatus");

  if (g_strcmp0 (status, "cancelled") == 0)
    return "cancelled";
  for (guint i = 0; i < order->shipments->len; i++)
    {
      JsonNode *voided = lum_json_member (g_ptr_array_index (order->shipments, i), "voided");
      if (voided == NULL || !json_node_get_boolean (voided))
        return "label_purchased";
    }
  return "pending";
}

/* An order as the V2 shipment object. */
static JsonObject *
present_shipment (Order *order)
{
  JsonObject *object = order->object;
  JsonObject *shipment = json_object_new ();
  JsonArray *items = json_array_new ();
  JsonArray *tags = json_array_new ();
  JsonArray *v1_items = lum_json_get_array (object, "items");
  g_autofree char *id = g_strdup_printf ("se-%" G_GINT64_FORMAT, order->id);
  g_autofree char *created = v2_time (lum_json_get_string (object, "createDate"));
  g_autofree char *modified = v2_time (lum_json_get_string (object, "modifyDate"));
  g_autofree char *store = g_strdup_printf ("%" G_GINT64_FORMAT,
                                            json_object_get_int_member (lum_json_get_object (object, "advancedOptions"),
                                                                        "storeId"));

  json_object_set_string_member (shipment, "shipment_id", id);
  json_object_set_string_member (shipment, "external_shipment_id", lum_json_get_string (object, "orderKey"));
  lum_json_set_nullable_string (shipment, "shipment_number", lum_json_get_string (object, "orderNumber"));
  json_object_set_string_member (shipment, "store_id", store);
  {
    JsonNode *warehouse = lum_json_member (lum_json_get_object (object, "advancedOptions"), "warehouseId");
    g_autofree char *warehouse_id = warehouse != NULL && lum_json_is_int (warehouse)
      ? g_strdup_printf ("se-%" G_GINT64_FORMAT, json_node_get_int (warehouse)) : NULL;

    lum_json_set_nullable_string (shipment, "warehouse_id", warehouse_id);
  }
  json_object_set_string_member (shipment, "shipment_status", v2_status (order));
  json_object_set_string_member (shipment, "created_at", created ? created : "");
  json_object_set_string_member (shipment, "modified_at", modified ? modified : "");
  json_object_set_object_member (shipment, "ship_to", v2_address (lum_json_get_object (object, "shipTo")));
  for (guint i = 0; v1_items != NULL && i < json_array_get_length (v1_items); i++)
    {
      JsonObject *v1 = json_array_get_object_element (v1_items, i);
      JsonObject *item = json_object_new ();

      lum_json_set_nullable_string (item, "sku", lum_json_get_string (v1, "sku"));
      json_object_set_string_member (item, "name", lum_json_get_string (v1, "name") ? lum_json_get_string (v1, "name") : "");
      json_object_set_int_member (item, "quantity", json_object_get_int_member_with_default (v1, "quantity", 0));
      json_array_add_object_element (items, item);
    }
  json_object_set_array_member (shipment, "items", items);
  for (guint i = 0; order->tags != NULL && i < order->tags->len; i++)
    {
      JsonObject *tag = json_object_new ();
      json_object_set_string_member (tag, "name", g_ptr_array_index (order->tags, i));
      json_array_add_object_element (tags, tag);
    }
  json_object_set_array_member (shipment, "tags", tags);
  return shipment;
}

static Order *
order_by_shipment_id (LumSandboxShipstation *ss,
                      const char            *id)
{
  guint64 number;

  if (!g_str_has_prefix (id, "se-") || !g_ascii_string_to_unsigned (id + 3, 10, 1, G_MAXINT64, &number, NULL))
    return NULL;
  return g_hash_table_lookup (ss->orders_by_id, &(gint64){ (gint64)number });
}

/* -- shipments ------------------------------------------------------------ */

/* One checked shipment stored as a V1 order; its create_shipment_response,
 * or one with "errors" when it cannot be. */
static JsonObject *
create_one (LumSandboxShipstation *ss,
            JsonObject            *request)
{
  const char *key = lum_json_get_string (request, "external_shipment_id");
  const char *store_text = lum_json_get_string (request, "store_id");
  JsonArray *items = lum_json_get_array (request, "items");
  JsonObject *ship_to = lum_json_get_object (request, "ship_to");
  g_autoptr(JsonObject) v1 = json_object_new ();
  g_autofree char *number = NULL;
  g_autofree char *now = lum_sandbox_shipstation_time (lum_sandbox_now_locked (ss->sandbox));
  const char *why = NULL;
  JsonArray *v1_items = json_array_new ();
  JsonObject *advanced = json_object_new ();
  guint64 store_id = FIRST_STORE_ID;
  Order *order;

  if (key != NULL && g_hash_table_contains (ss->orders_by_key, key))
    why = "A shipment with this external_shipment_id already exists";
  else if (store_text != NULL && (!g_ascii_string_to_unsigned (store_text, 10, 1, G_MAXINT32, &store_id, NULL) ||
                                  lum_sandbox_shipstation_find_store (ss, (gint64)store_id) == NULL))
    why = "store_id is not a store of this account";
  else if (ship_to == NULL)
    why = "ship_to is required";
  if (why != NULL)
    {
      JsonObject *response = json_object_new ();
      JsonArray *errors = json_array_new ();

      json_array_add_string_element (errors, why);
      lum_json_set_nullable_string (response, "external_shipment_id", key);
      json_object_set_array_member (response, "errors", errors);
      json_array_unref (v1_items);
      json_object_unref (advanced);
      return response;
    }

  /* the order number a clerk sees: the items' external_order_id */
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonObject *v1_item = json_object_new ();
      JsonNode *price = json_object_get_member (item, "unit_price");

      if (number == NULL && lum_json_get_string (item, "external_order_id") != NULL)
        number = g_strdup (lum_json_get_string (item, "external_order_id"));
      lum_json_set_nullable_string (v1_item, "lineItemKey", lum_json_get_string (item, "external_order_item_id"));
      lum_json_set_nullable_string (v1_item, "sku", lum_json_get_string (item, "sku"));
      lum_json_set_nullable_string (v1_item, "name", lum_json_get_string (item, "name"));
      json_object_set_int_member (v1_item, "quantity", json_object_get_int_member_with_default (item, "quantity", 0));
      json_object_set_double_member (v1_item, "unitPrice", price && lum_json_is_number (price) ? lum_json_number (price) : 0);
      json_array_add_object_element (v1_items, v1_item);
    }
  if (number == NULL)
    number = g_strdup (key ? key : "");
  json_object_set_string_member (v1, "orderNumber", number);
  lum_json_set_nullable_string (v1, "orderKey", key);
  json_object_set_string_member (v1, "orderDate", now);
  json_object_set_string_member (v1, "orderStatus", "awaiting_shipment");
  json_object_set_object_member (v1, "billTo", v1_address (ship_to));
  json_object_set_object_member (v1, "shipTo", v1_address (ship_to));
  json_object_set_array_member (v1, "items", v1_items);
  lum_json_set_nullable_string (v1, "customerNotes", lum_json_get_string (request, "notes_from_buyer"));
  lum_json_set_nullable_string (v1, "giftMessage", lum_json_get_string (request, "notes_for_gift"));
  json_object_set_int_member (advanced, "storeId", (gint64)store_id);
  /* the Ship From Location whose address the ship_from is */
  if (lum_sandbox_shipstation_warehouse_at (ss, lum_json_get_object (request, "ship_from")) != 0)
    json_object_set_int_member (advanced, "warehouseId",
                                lum_sandbox_shipstation_warehouse_at (ss, lum_json_get_object (request, "ship_from")));
  json_object_set_object_member (v1, "advancedOptions", advanced);
  order = lum_sandbox_shipstation_store_order (ss, v1);
  return present_shipment (order);
}

static void
handle_create (LumSandboxShipstation *ss,
               LumSandboxRequest     *req)
{
  g_autoptr(JsonNode) root = lum_sandbox_request_parse_json (req, NULL);
  JsonObject *body = lum_json_is_object (root) ? json_node_get_object (root) : NULL;
  JsonArray *shipments = body ? lum_json_get_array (body, "shipments") : NULL;
  g_autofree char *why = NULL;
  JsonObject *answer;
  JsonArray *results;
  gboolean has_errors = FALSE;

  if (shipments == NULL || json_array_get_length (shipments) == 0)
    {
      reply_invalid (req, "The request body must be {\"shipments\": [...]} with at least one shipment");
      return;
    }
  if ((why = unknown_member (body, (const char *[]) { "shipments", NULL }, "body")) != NULL)
    {
      reply_invalid (req, why);
      return;
    }
  if (json_array_get_length (shipments) > MAX_BULK)
    {
      reply_invalid (req, "At most 100 shipments can be created in one request");
      return;
    }
  /* the whole request is refused when one shipment does not conform */
  for (guint i = 0; i < json_array_get_length (shipments); i++)
    if ((why = check_shipment (json_array_get_element (shipments, i))) != NULL)
      {
        reply_invalid (req, why);
        return;
      }

  answer = json_object_new ();
  results = json_array_new ();
  for (guint i = 0; i < json_array_get_length (shipments); i++)
    {
      JsonObject *result = create_one (ss, json_array_get_object_element (shipments, i));

      has_errors |= json_object_has_member (result, "errors");
      json_array_add_object_element (results, result);
    }
  json_object_set_boolean_member (answer, "has_errors", has_errors);
  json_object_set_array_member (answer, "shipments", results);
  lum_sandbox_request_reply_object (req, SOUP_STATUS_OK, answer);
}

static void
handle_by_external_id (LumSandboxShipstation *ss,
                       LumSandboxRequest     *req,
                       const char            *escaped)
{
  g_autofree char *key = g_uri_unescape_string (escaped, NULL);
  Order *order = key ? g_hash_table_lookup (ss->orders_by_key, key) : NULL;

  if (order == NULL)
    {
      reply_not_found (req, "The shipment");
      return;
    }
  lum_sandbox_request_reply_object (req, SOUP_STATUS_OK, present_shipment (order));
}

static void
handle_cancel (LumSandboxShipstation *ss,
               LumSandboxRequest     *req,
               const char            *id)
{
  Order *order = order_by_shipment_id (ss, id);
  g_autofree char *now = lum_sandbox_shipstation_time (lum_sandbox_now_locked (ss->sandbox));

  if (order == NULL)
    {
      reply_not_found (req, "The shipment");
      return;
    }
  if (g_str_equal (v2_status (order), "label_purchased"))
    {
      reply_errors (req, SOUP_STATUS_BAD_REQUEST, "business_rules", "invalid_status",
                    "Any label associated with the shipment needs to be voided first");
      return;
    }
  json_object_set_string_member (order->object, "orderStatus", "cancelled");
  json_object_set_string_member (order->object, "modifyDate", now);
  lum_sandbox_request_reply (req, SOUP_STATUS_NO_CONTENT, NULL, NULL, 0);
}

static void
handle_tag (LumSandboxShipstation *ss,
            LumSandboxRequest     *req,
            const char            *id,
            const char            *escaped_name)
{
  Order *order = order_by_shipment_id (ss, id);
  g_autofree char *name = g_uri_unescape_string (escaped_name, NULL);
  JsonObject *answer, *tag;
  gboolean has = FALSE;

  if (order == NULL)
    {
      reply_not_found (req, "The shipment");
      return;
    }
  if (name == NULL || *name == '\0')
    {
      reply_invalid (req, "tag_name must not be empty");
      return;
    }
  if (order->tags == NULL)
    order->tags = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < order->tags->len; i++)
    has |= g_str_equal (g_ptr_array_index (order->tags, i), name);
  if (!has)
    g_ptr_array_add (order->tags, g_strdup (name));
  answer = json_object_new ();
  tag = json_object_new ();
  json_object_set_string_member (answer, "shipment_id", id);
  json_object_set_string_member (tag, "name", name);
  json_object_set_object_member (answer, "tag", tag);
  lum_sandbox_request_reply_object (req, SOUP_STATUS_OK, answer);
}

/* -- labels --------------------------------------------------------------- */

static JsonObject *
present_label (JsonObject *shipment)
{
  JsonObject *label = json_object_new ();
  g_autofree char *label_id = g_strdup_printf ("se-%" G_GINT64_FORMAT,
                                               json_object_get_int_member (shipment, "shipmentId"));
  g_autofree char *shipment_id = g_strdup_printf ("se-%" G_GINT64_FORMAT,
                                                  json_object_get_int_member (shipment, "orderId"));
  g_autofree char *created = v2_time (lum_json_get_string (shipment, "createDate"));
  g_autofree char *voided_at = v2_time (lum_json_get_string (shipment, "voidDate"));
  JsonNode *voided = lum_json_member (shipment, "voided");
  gboolean is_voided = voided != NULL && json_node_get_boolean (voided);

  json_object_set_string_member (label, "label_id", label_id);
  json_object_set_string_member (label, "status", is_voided ? "voided" : "completed");
  json_object_set_string_member (label, "shipment_id", shipment_id);
  lum_json_set_nullable_string (label, "external_shipment_id", lum_json_get_string (shipment, "orderKey"));
  json_object_set_string_member (label, "ship_date", lum_json_get_string (shipment, "shipDate"));
  json_object_set_string_member (label, "created_at", created ? created : "");
  json_object_set_string_member (label, "tracking_number", lum_json_get_string (shipment, "trackingNumber"));
  json_object_set_boolean_member (label, "is_return_label", FALSE);
  json_object_set_string_member (label, "carrier_id", "se-1");
  json_object_set_string_member (label, "carrier_code", lum_json_get_string (shipment, "carrierCode"));
  json_object_set_string_member (label, "service_code", lum_json_get_string (shipment, "serviceCode")
                                                        ? lum_json_get_string (shipment, "serviceCode") : "");
  json_object_set_boolean_member (label, "voided", is_voided);
  lum_json_set_nullable_string (label, "voided_at", voided_at);
  return label;
}

/* created_at, or the void's time for sort_by=modified_at */
static char *
label_time (JsonObject *label,
            gboolean    modified)
{
  const char *voided_at = lum_json_get_string (label, "voided_at");
  return g_strdup (modified && voided_at ? voided_at : lum_json_get_string (label, "created_at"));
}

static gboolean
read_query_time (LumSandboxRequest *req,
                 const char        *name,
                 char             **out)
{
  const char *text = lum_sandbox_request_param (req, name);
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) in_utc = NULL;

  *out = NULL;
  if (text == NULL)
    return TRUE;
  /* format: date-time, so the zone is there */
  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL)
    return FALSE;
  in_utc = g_date_time_to_utc (dt);
  *out = g_date_time_format (in_utc, "%Y-%m-%dT%H:%M:%S.000Z");
  return TRUE;
}

static gint
compare_asc_cb (gconstpointer a,
                gconstpointer b,
                gpointer      modified)
{
  g_autofree char *ta = label_time (*(JsonObject **)a, GPOINTER_TO_INT (modified));
  g_autofree char *tb = label_time (*(JsonObject **)b, GPOINTER_TO_INT (modified));
  return g_strcmp0 (ta, tb);
}

static void
handle_list_labels (LumSandboxShipstation *ss,
                    LumSandboxRequest     *req)
{
  const char *status = lum_sandbox_request_param (req, "label_status");
  const char *sort_by = lum_sandbox_request_param (req, "sort_by");
  const char *sort_dir = lum_sandbox_request_param (req, "sort_dir");
  const char *page_text = lum_sandbox_request_param (req, "page");
  const char *size_text = lum_sandbox_request_param (req, "page_size");
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  guint64 page = 1, size = V2_PAGE_SIZE_DEFAULT;
  gboolean modified, desc;
  JsonObject *answer, *links;
  JsonArray *list;
  guint pages;

  if (status != NULL && !in_list ((const char *[]) { "processing", "completed", "error", "voided", NULL }, status))
    {
      reply_invalid (req, "label_status must be processing, completed, error or voided");
      return;
    }
  if (sort_by != NULL && !in_list ((const char *[]) { "modified_at", "created_at", NULL }, sort_by))
    {
      reply_invalid (req, "sort_by must be modified_at or created_at");
      return;
    }
  if (sort_dir != NULL && !in_list ((const char *[]) { "asc", "desc", NULL }, sort_dir))
    {
      reply_invalid (req, "sort_dir must be asc or desc");
      return;
    }
  if ((page_text != NULL && !g_ascii_string_to_unsigned (page_text, 10, 1, G_MAXINT32, &page, NULL)) ||
      (size_text != NULL && !g_ascii_string_to_unsigned (size_text, 10, 1, G_MAXINT32, &size, NULL)))
    {
      reply_invalid (req, "page and page_size must be integers of at least 1");
      return;
    }
  if (!read_query_time (req, "created_at_start", &start) || !read_query_time (req, "created_at_end", &end))
    {
      reply_invalid (req, "created_at_start and created_at_end must be date-times with a zone");
      return;
    }
  size = MIN (size, MAX_PAGE_SIZE);
  modified = g_strcmp0 (sort_by, "modified_at") == 0;
  desc = sort_dir == NULL || g_str_equal (sort_dir, "desc");

  for (guint i = 0; i < ss->shipments->len; i++)
    {
      JsonObject *label = present_label (g_ptr_array_index (ss->shipments, i));
      const char *created = lum_json_get_string (label, "created_at");

      if ((status != NULL && g_strcmp0 (lum_json_get_string (label, "status"), status) != 0) ||
          (start != NULL && g_strcmp0 (created, start) < 0) || (end != NULL && g_strcmp0 (created, end) > 0))
        {
          json_object_unref (label);
          continue;
        }
      g_ptr_array_add (labels, label);
    }
  g_ptr_array_sort_with_data (labels, compare_asc_cb, GINT_TO_POINTER (modified));
  if (desc)
    for (guint i = 0; i < labels->len / 2; i++)
      {
        gpointer t = labels->pdata[i];
        labels->pdata[i] = labels->pdata[labels->len - 1 - i];
        labels->pdata[labels->len - 1 - i] = t;
      }

  pages = (labels->len + size - 1) / size;
  list = json_array_new ();
  for (guint64 i = (page - 1) * size; i < labels->len && i < page * size; i++)
    json_array_add_object_element (list, json_object_ref (g_ptr_array_index (labels, i)));
  answer = json_object_new ();
  json_object_set_array_member (answer, "labels", list);
  json_object_set_int_member (answer, "total", labels->len);
  json_object_set_int_member (answer, "page", page);
  json_object_set_int_member (answer, "pages", pages);
  links = json_object_new ();
  for (const char * const *m = (const char *[]) { "first", "last", "prev", "next", NULL }; *m; m++)
    json_object_set_object_member (links, *m, json_object_new ());
  json_object_set_object_member (answer, "links", links);
  lum_sandbox_request_reply_object (req, SOUP_STATUS_OK, answer);
}

/**
 * lum_sandbox_shipstation_v2_handle:
 * @req: a request whose path starts with /v2/
 *
 * Answers one request of ShipStation API V2.
 */
void
lum_sandbox_shipstation_v2_handle (LumSandboxShipstation *ss,
                                   LumSandboxRequest     *req)
{
  const char *path = req->path;
  const char *method = req->method;
  g_auto(GStrv) parts = NULL;
  guint n;

  if (!admit_v2 (ss, req))
    return;
  req->json_type = "application/json";
  parts = g_strsplit (path + 1, "/", 0);
  n = g_strv_length (parts);

  if (g_str_equal (path, "/v2/shipments") && g_str_equal (method, "POST"))
    handle_create (ss, req);
  else if (n == 4 && g_str_equal (parts[1], "shipments") && g_str_equal (parts[2], "external_shipment_id") &&
           g_str_equal (method, "GET"))
    handle_by_external_id (ss, req, parts[3]);
  else if (n == 4 && g_str_equal (parts[1], "shipments") && g_str_equal (parts[3], "cancel") &&
           g_str_equal (method, "PUT"))
    handle_cancel (ss, req, parts[2]);
  else if (n == 5 && g_str_equal (parts[1], "shipments") && g_str_equal (parts[3], "tags") &&
           g_str_equal (method, "POST"))
    handle_tag (ss, req, parts[2], parts[4]);
  else if (g_str_equal (path, "/v2/labels") && g_str_equal (method, "GET"))
    handle_list_labels (ss, req);
  else if (g_str_equal (path, "/v2/warehouses") && g_str_equal (method, "GET"))
    lum_sandbox_shipstation_v2_handle_list_warehouses (ss, req);
  else if (g_str_equal (path, "/v2/inventory") && g_str_equal (method, "GET"))
    lum_sandbox_shipstation_v2_inventory (ss, req);
  else
    reply_not_found (req, path);
}

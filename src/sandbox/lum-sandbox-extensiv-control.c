/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-sandbox"

#include "lum-sandbox-extensiv-private.h"

#include <string.h>

/*
 * The warehouse behind the Extensiv API: its customers and facilities, and
 * the control that closes an order with a tracking number as the warehouse
 * would when it ships it.
 */

void
lum_sandbox_extensiv_token_free (gpointer data)
{
  Token *token = data;

  g_free (token->client_id);
  g_free (token);
}

JsonObject *
lum_sandbox_extensiv_new_identifier (gint64      id,
                const char *name)
{
  JsonObject *identifier = json_object_new ();

  json_object_set_int_member (identifier, "id", id);
  json_object_set_string_member (identifier, "name", name);
  return identifier;
}

JsonObject *
lum_sandbox_extensiv_new_links (const char *self_href)
{
  JsonObject *links = json_object_new ();
  JsonObject *self = json_object_new ();

  json_object_set_string_member (self, "href", self_href);
  json_object_set_object_member (links, "self", self);
  return links;
}

JsonObject *
lum_sandbox_extensiv_new_facility (gint64      id,
              const char *name)
{
  JsonObject *facility = json_object_new ();
  g_autofree char *href = g_strdup_printf ("/properties/facilities/%" G_GINT64_FORMAT, id);
  g_autofree char *code = g_ascii_strup (name, MIN (strlen (name), 4));

  json_object_set_int_member (facility, "facilityId", id);
  json_object_set_string_member (facility, "name", name);
  json_object_set_string_member (facility, "code", code);
  json_object_set_boolean_member (facility, "deactivated", FALSE);
  json_object_set_string_member (facility, "timeZoneName", "UTC");
  json_object_set_object_member (facility, "_links", lum_sandbox_extensiv_new_links (href));
  return facility;
}

JsonObject *
lum_sandbox_extensiv_new_customer (gint64      id,
              const char *name,
              JsonObject *facility,
              const char *now)
{
  JsonObject *customer = json_object_new ();
  JsonObject *read_only = json_object_new ();
  JsonObject *company = json_object_new ();
  JsonArray *facilities = json_array_new ();
  g_autofree char *href = g_strdup_printf ("/customers/%" G_GINT64_FORMAT, id);
  gint64 facility_id = json_object_get_int_member (facility, "facilityId");
  const char *facility_name = json_object_get_string_member (facility, "name");

  json_object_set_int_member (read_only, "customerId", id);
  json_object_set_boolean_member (read_only, "deactivated", FALSE);
  json_object_set_string_member (read_only, "creationDate", now);
  json_object_set_string_member (company, "companyName", name);
  json_array_add_object_element (facilities, lum_sandbox_extensiv_new_identifier (facility_id, facility_name));
  json_object_set_object_member (customer, "readOnly", read_only);
  json_object_set_object_member (customer, "companyInfo", company);
  json_object_set_object_member (customer, "primaryFacilityIdentifier",
                                 lum_sandbox_extensiv_new_identifier (facility_id, facility_name));
  json_object_set_array_member (customer, "facilities", facilities);
  json_object_set_object_member (customer, "_links", lum_sandbox_extensiv_new_links (href));
  return customer;
}

gint64
lum_sandbox_extensiv_customer_id (JsonObject *customer)
{
  return json_object_get_int_member (json_object_get_object_member (customer, "readOnly"), "customerId");
}

const char *
lum_sandbox_extensiv_customer_name (JsonObject *customer)
{
  return json_object_get_string_member (json_object_get_object_member (customer, "companyInfo"),
                                        "companyName");
}

/* A customer or facility named by an identifier {"id"} or {"name"}. */
JsonObject *
lum_sandbox_extensiv_find_by_identifier (GPtrArray  *records,
                    JsonObject *identifier,
                    gboolean    customers)
{
  JsonNode *id = lum_json_member_ci (identifier, "id");
  JsonNode *name = lum_json_member_ci (identifier, "name");

  for (guint i = 0; i < records->len; i++)
    {
      JsonObject *record = g_ptr_array_index (records, i);
      gint64 record_id = customers ? lum_sandbox_extensiv_customer_id (record) : json_object_get_int_member (record, "facilityId");
      const char *record_name = customers ? lum_sandbox_extensiv_customer_name (record) : json_object_get_string_member (record, "name");

      if (lum_json_is_int (id) && json_node_get_int (id) == record_id)
        return record;
      if (id == NULL && lum_json_is_string (name)
          && g_ascii_strcasecmp (json_node_get_string (name), record_name) == 0)
        return record;
    }
  return NULL;
}

void
lum_sandbox_extensiv_remove_member_ci (JsonObject *object,
                  const char *name)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (g_ascii_strcasecmp (l->data, name) == 0)
      json_object_remove_member (object, l->data);
}

/* The SKUs the customer of a fresh sandbox has: Lumen's sample products,
 * the channel test's own item (LUMEN-TEST-SKU, for a database without
 * products) and the ones its tests use. A real 3PL customer has the items
 * its warehouse set up for it, and an order for any other SKU is refused. */
static const char * const default_skus[] = {
  "WID-100", "GAD-200", "GIZ-300", "BLT-010", "NUT-010", "LUMEN-TEST-SKU",
  "SKU-A", "SKU-B", "SKU-C", "WID-1", "GAD-2", "W-1", "G-2", "N-1",
};

static void
add_item (LumSandboxExtensiv *ext,
          gint64              customer_id,
          const char         *sku)
{
  JsonObject *item = json_object_new ();

  json_object_set_int_member (item, "itemId", ext->next_sku_id++);
  json_object_set_string_member (item, "sku", sku);
  json_object_set_int_member (item, "customerId", customer_id);
  g_ptr_array_add (ext->items, item);
}

/* The customer's item that an itemIdentifier {"sku"} or {"id"} names. */
JsonObject *
lum_sandbox_extensiv_find_item (LumSandboxExtensiv *ext,
                                gint64              customer_id,
                                JsonObject         *identifier)
{
  JsonNode *sku = lum_json_member_ci (identifier, "sku");
  JsonNode *id = lum_json_member_ci (identifier, "id");

  for (guint i = 0; i < ext->items->len; i++)
    {
      JsonObject *item = g_ptr_array_index (ext->items, i);

      if (json_object_get_int_member (item, "customerId") != customer_id)
        continue;
      if (lum_json_is_string (sku) && *json_node_get_string (sku) != '\0')
        {
          if (g_str_equal (json_node_get_string (sku), json_object_get_string_member (item, "sku")))
            return item;
        }
      else if (lum_json_is_int (id) && json_node_get_int (id) == json_object_get_int_member (item, "itemId"))
        return item;
    }
  return NULL;
}

static gint64 *
order_version (LumSandboxExtensiv *ext,
               JsonObject         *order)
{
  gint64 id = json_object_get_int_member (json_object_get_object_member (order, "readOnly"), "orderId");
  guint index = (guint)(id - FIRST_ORDER_ID);

  if (ext->versions->len <= index)
    g_array_set_size (ext->versions, index + 1);
  return &g_array_index (ext->versions, gint64, index);
}

/* The ETag of an order as it is now: a new one after every change. */
char *
lum_sandbox_extensiv_etag (LumSandboxExtensiv *ext,
                           JsonObject         *order)
{
  gint64 id = json_object_get_int_member (json_object_get_object_member (order, "readOnly"), "orderId");

  return g_strdup_printf ("\"%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT "\"", id, *order_version (ext, order) + 1);
}

void
lum_sandbox_extensiv_touch (LumSandboxExtensiv *ext,
                            JsonObject         *order)
{
  *order_version (ext, order) += 1;
}

static void
clear_state (LumSandboxExtensiv *ext)
{
  g_autofree char *now = lum_sandbox_time_plain (lum_sandbox_now_locked (ext->sandbox));
  JsonObject *facility = lum_sandbox_extensiv_new_facility (LUM_SANDBOX_EXTENSIV_FACILITY, "Main Facility");

  g_hash_table_remove_all (ext->tokens);
  lum_sandbox_rate_limit_clear (ext->limit);
  g_ptr_array_set_size (ext->orders, 0);
  g_ptr_array_set_size (ext->customers, 0);
  g_ptr_array_set_size (ext->facilities, 0);
  g_ptr_array_add (ext->facilities, facility);
  g_ptr_array_add (ext->customers, lum_sandbox_extensiv_new_customer (LUM_SANDBOX_EXTENSIV_CUSTOMER, "Sandbox Customer",
                                                 facility, now));
  ext->next_customer_id = LUM_SANDBOX_EXTENSIV_CUSTOMER + 1;
  /* a second warehouse to ship from, which the customer's store does not
   * name: an order reaches it by its facilityIdentifier */
  g_ptr_array_add (ext->facilities, lum_sandbox_extensiv_new_facility (LUM_SANDBOX_EXTENSIV_FACILITY_EAST,
                                                                       "East Facility"));
  ext->next_facility_id = LUM_SANDBOX_EXTENSIV_FACILITY_EAST + 1;
  ext->next_item_id = FIRST_ITEM_ID;
  ext->next_package_id = FIRST_PACKAGE_ID;
  g_array_set_size (ext->versions, 0);
  g_ptr_array_set_size (ext->items, 0);
  g_ptr_array_set_size (ext->stock, 0);
  ext->next_sku_id = FIRST_SKU_ID;
  for (guint i = 0; i < G_N_ELEMENTS (default_skus); i++)
    add_item (ext, LUM_SANDBOX_EXTENSIV_CUSTOMER, default_skus[i]);
}

LumSandboxExtensiv *
lum_sandbox_extensiv_new (LumSandbox *sandbox)
{
  LumSandboxExtensiv *ext = g_new0 (LumSandboxExtensiv, 1);

  ext->sandbox = sandbox;
  ext->client_id = g_strdup (LUM_SANDBOX_EXTENSIV_CLIENT_ID);
  ext->client_secret = g_strdup (LUM_SANDBOX_EXTENSIV_CLIENT_SECRET);
  ext->tpl = g_strdup (LUM_SANDBOX_EXTENSIV_TPL);
  ext->user_login_id = g_strdup (LUM_SANDBOX_EXTENSIV_USER_LOGIN_ID);
  ext->token_lifetime = LUM_SANDBOX_TOKEN_LIFETIME;
  ext->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, lum_sandbox_extensiv_token_free);
  ext->limit = lum_sandbox_rate_limit_new (0, 60000);
  ext->customers = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  ext->facilities = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  ext->orders = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  ext->versions = g_array_new (FALSE, TRUE, sizeof (gint64));
  ext->items = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  ext->stock = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  clear_state (ext);
  return ext;
}

void
lum_sandbox_extensiv_free (LumSandboxExtensiv *ext)
{
  if (ext == NULL)
    return;
  g_free (ext->client_id);
  g_free (ext->client_secret);
  g_free (ext->tpl);
  g_free (ext->user_login_id);
  g_hash_table_unref (ext->tokens);
  lum_sandbox_rate_limit_free (ext->limit);
  g_ptr_array_unref (ext->customers);
  g_ptr_array_unref (ext->facilities);
  g_ptr_array_unref (ext->orders);
  g_array_unref (ext->versions);
  g_ptr_array_unref (ext->items);
  g_ptr_array_unref (ext->stock);
  g_free (ext);
}

void
lum_sandbox_extensiv_reset (LumSandboxExtensiv *ext)
{
  clear_state (ext);
}

void
lum_sandbox_extensiv_set_credentials (LumSandboxExtensiv *ext,
                                      const char         *client_id,
                                      const char         *client_secret,
                                      const char         *tpl,
                                      const char         *user_login_id)
{
  g_return_if_fail (client_id != NULL && client_secret != NULL && tpl != NULL && user_login_id != NULL);

  g_free (ext->client_id);
  g_free (ext->client_secret);
  g_free (ext->tpl);
  g_free (ext->user_login_id);
  ext->client_id = g_strdup (client_id);
  ext->client_secret = g_strdup (client_secret);
  ext->tpl = g_strdup (tpl);
  ext->user_login_id = g_strdup (user_login_id);
  g_hash_table_remove_all (ext->tokens);
}

void
lum_sandbox_extensiv_set_token_lifetime (LumSandboxExtensiv *ext,
                                         guint               seconds)
{
  ext->token_lifetime = seconds;
}

void
lum_sandbox_extensiv_set_rate_limit (LumSandboxExtensiv *ext,
                                     guint               requests,
                                     guint               window_ms)
{
  lum_sandbox_rate_limit_set (ext->limit, requests, window_ms);
}

void
lum_sandbox_extensiv_expire_tokens (LumSandboxExtensiv *ext)
{
  GHashTableIter iter;
  Token *token;

  g_hash_table_iter_init (&iter, ext->tokens);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&token))
    token->expires = G_MININT64;
}

JsonObject *
lum_sandbox_extensiv_dump (LumSandboxExtensiv *ext)
{
  JsonObject *dump = json_object_new ();

  json_object_set_array_member (dump, "customers", lum_json_array_of_objects (ext->customers));
  json_object_set_array_member (dump, "facilities", lum_json_array_of_objects (ext->facilities));
  json_object_set_array_member (dump, "orders", lum_json_array_of_objects (ext->orders));
  json_object_set_array_member (dump, "items", lum_json_array_of_objects (ext->items));
  json_object_set_int_member (dump, "tokens", g_hash_table_size (ext->tokens));
  return dump;
}

JsonNode *
lum_sandbox_extensiv_records (LumSandboxExtensiv *ext,
                              const char         *kind,
                              guint              *count)
{
  GPtrArray *records = NULL;

  if (g_strcmp0 (kind, "orders") == 0)
    records = ext->orders;
  else if (g_strcmp0 (kind, "customers") == 0)
    records = ext->customers;
  else if (g_strcmp0 (kind, "facilities") == 0)
    records = ext->facilities;
  else if (g_strcmp0 (kind, "items") == 0)
    records = ext->items;
  return lum_json_records_node (records, count);
}

static JsonObject *
find_open_order (LumSandboxExtensiv *ext,
                 JsonObject         *spec,
                 GError            **error)
{
  const char *reference = lum_json_get_string (spec, "referenceNum");
  JsonNode *id = lum_json_member (spec, "orderId");
  JsonNode *customer = lum_json_member (spec, "customerId");
  gboolean closed = FALSE;

  if (customer != NULL && !lum_json_is_int (customer))
    {
      g_set_error_literal (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID, "\"customerId\" is a number");
      return NULL;
    }

  if (id != NULL)
    {
      gint64 index = lum_json_is_int (id) ? json_node_get_int (id) - FIRST_ORDER_ID : -1;

      if (index < 0 || index >= ext->orders->len)
        {
          g_set_error_literal (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_NOT_FOUND, "No order with that orderId");
          return NULL;
        }
      return g_ptr_array_index (ext->orders, index);
    }
  if (reference == NULL)
    {
      g_set_error_literal (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                           "Say which order: \"referenceNum\" or \"orderId\"");
      return NULL;
    }
  /* With duplicates, the oldest open one: what a warehouse would pick first. */
  for (guint i = 0; i < ext->orders->len; i++)
    {
      JsonObject *order = g_ptr_array_index (ext->orders, i);
      JsonObject *read_only = json_object_get_object_member (order, "readOnly");

      if (g_strcmp0 (json_node_get_string (lum_json_member_ci (order, "referenceNum")), reference) != 0)
        continue;
      if (customer != NULL
          && json_object_get_int_member (json_object_get_object_member (read_only, "customerIdentifier"), "id")
             != json_node_get_int (customer))
        continue;
      if (!json_object_get_boolean_member (read_only, "isClosed"))
        return order;
      closed = TRUE;
    }
  g_set_error (error, LUM_SANDBOX_ERROR, closed ? LUM_SANDBOX_ERROR_CONFLICT : LUM_SANDBOX_ERROR_NOT_FOUND,
               closed ? "Order %s is closed already" : "No order with referenceNum %s", reference);
  return NULL;
}

static JsonArray *
package_contents (JsonObject *order)
{
  JsonArray *contents = json_array_new ();
  JsonNode *items = lum_json_member_ci (order, "orderItems");

  for (guint i = 0; lum_json_is_array (items) && i < json_array_get_length (json_node_get_array (items)); i++)
    {
      JsonObject *item = json_array_get_object_element (json_node_get_array (items), i);
      JsonObject *content = json_object_new ();

      json_object_set_int_member (content, "orderItemId",
                                  json_object_get_int_member (json_object_get_object_member (item, "readOnly"),
                                                              "orderItemId"));
      json_object_set_member (content, "qty", json_node_copy (lum_json_member_ci (item, "qty")));
      json_array_add_object_element (contents, content);
    }
  return contents;
}

/* What @spec's "items" ([{"sku", "qty"}]) say shipped of @order; NULL
 * without "items" (everything shipped), FALSE on a bad list. */
static gboolean
read_shipped (JsonObject  *order,
              JsonObject  *spec,
              GHashTable **shipped,
              GError     **error)
{
  JsonNode *items = lum_json_member (spec, "items");
  JsonNode *ordered = lum_json_member_ci (order, "orderItems");

  *shipped = NULL;
  if (items == NULL)
    return TRUE;
  if (!lum_json_is_array (items))
    goto bad;
  *shipped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (items)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (items), i);
      JsonObject *item = lum_json_is_object (element) ? json_node_get_object (element) : NULL;
      const char *sku = lum_json_get_string (item, "sku");
      JsonNode *qty = lum_json_member (item, "qty");
      double most = -1;

      for (guint j = 0; sku != NULL && j < json_array_get_length (json_node_get_array (ordered)); j++)
        {
          JsonObject *line = json_array_get_object_element (json_node_get_array (ordered), j);
          JsonNode *ident = lum_json_member_ci (line, "itemIdentifier");

          if (g_strcmp0 (lum_json_get_string (json_node_get_object (ident), "sku"), sku) == 0)
            most = lum_json_number (lum_json_member_ci (line, "qty"));
        }
      if (sku == NULL || !lum_json_is_number (qty) || lum_json_number (qty) < 0 || lum_json_number (qty) > most)
        goto bad;
      g_hash_table_replace (*shipped, g_strdup (sku), g_memdup2 (&(double) { lum_json_number (qty) }, sizeof (double)));
    }
  return TRUE;

bad:
  g_clear_pointer (shipped, g_hash_table_unref);
  g_set_error_literal (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                       "\"items\" lists {\"sku\", \"qty\"} of SKUs of the order, each qty at most the ordered one");
  return FALSE;
}

/* A short shipment: each item's qty becomes what shipped, its
 * readOnly.originalPrimaryQty what was ordered ("on a shorted order,
 * specifies original quantity ordered; otherwise same as Qty"). */
static void
apply_shipped (JsonObject *order,
               GHashTable *shipped)
{
  JsonNode *items = lum_json_member_ci (order, "orderItems");

  for (guint i = 0; i < json_array_get_length (json_node_get_array (items)); i++)
    {
      JsonObject *item = json_array_get_object_element (json_node_get_array (items), i);
      JsonObject *read_only = json_object_get_object_member (item, "readOnly");
      JsonNode *ident = lum_json_member_ci (item, "itemIdentifier");
      JsonNode *qty = lum_json_member_ci (item, "qty");
      const double *sent = shipped ? g_hash_table_lookup (shipped, lum_json_get_string (json_node_get_object (ident), "sku"))
                                   : NULL;

      json_object_set_member (read_only, "originalPrimaryQty", json_node_copy (qty));
      if (shipped != NULL)
        {
          lum_sandbox_extensiv_remove_member_ci (item, "qty");
          json_object_set_double_member (item, "qty", sent != NULL ? *sent : 0);
        }
    }
}

/* {"referenceNum" | "orderId", "customerId"?, "trackingNumber", "carrier"?,
 * "processDate"?, "items"?}: the warehouse shipped the order (of that
 * customer), all of it or the "items" [{"sku", "qty"}] listed. Returns a
 * copy of it. */
JsonObject *
lum_sandbox_extensiv_close_locked (LumSandboxExtensiv *ext,
                                   JsonObject         *spec,
                                   GError            **error)
{
  const char *tracking = lum_json_get_string (spec, "trackingNumber");
  JsonNode *carrier = lum_json_member (spec, "carrier");
  JsonNode *process = lum_json_member (spec, "processDate");
  gint64 when = lum_sandbox_now_locked (ext->sandbox);
  g_autofree char *when_text = NULL;
  JsonObject *order, *read_only, *routing, *package;
  g_autoptr(GHashTable) shipped = NULL;
  JsonArray *packages;
  JsonNode *routing_node;

  if (tracking == NULL || *tracking == '\0' || strlen (tracking) > 200
      || (carrier != NULL && !lum_json_is_string (carrier))
      || (process != NULL && (!lum_json_is_string (process)
                              || !lum_sandbox_parse_time (json_node_get_string (process), &when))))
    {
      g_set_error_literal (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                           "Closing needs a \"trackingNumber\"; \"carrier\" and \"processDate\" are strings");
      return NULL;
    }
  order = find_open_order (ext, spec, error);
  if (order == NULL || !read_shipped (order, spec, &shipped, error))
    return NULL;
  read_only = json_object_get_object_member (order, "readOnly");
  if (json_object_get_boolean_member (read_only, "isClosed"))
    {
      g_set_error_literal (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_CONFLICT, "The order is closed already");
      return NULL;
    }

  when_text = lum_sandbox_time_plain (when);
  routing_node = lum_json_member_ci (order, "routingInfo");
  if (!lum_json_is_object (routing_node))
    {
      lum_sandbox_extensiv_remove_member_ci (order, "routingInfo");
      json_object_set_object_member (order, "routingInfo", json_object_new ());
      routing_node = json_object_get_member (order, "routingInfo");
    }
  routing = json_node_get_object (routing_node);
  lum_sandbox_extensiv_remove_member_ci (routing, "trackingNumber");
  json_object_set_string_member (routing, "trackingNumber", tracking);
  if (carrier != NULL)
    {
      lum_sandbox_extensiv_remove_member_ci (routing, "carrier");
      json_object_set_string_member (routing, "carrier", json_node_get_string (carrier));
    }

  apply_shipped (order, shipped);
  lum_sandbox_extensiv_touch (ext, order);
  package = json_object_new ();
  json_object_set_int_member (package, "packageId", ext->next_package_id++);
  json_object_set_string_member (package, "trackingNumber", tracking);
  json_object_set_array_member (package, "packageContents", package_contents (order));
  packages = json_object_get_array_member (read_only, "packages");
  json_array_add_object_element (packages, package);
  json_object_set_boolean_member (read_only, "isClosed", TRUE);
  json_object_set_int_member (read_only, "status", 1);
  json_object_set_string_member (read_only, "processDate", when_text);
  json_object_set_string_member (read_only, "shipDate", when_text);
  json_object_set_string_member (read_only, "lastModifiedDate", when_text);
  return lum_json_object_copy (order);
}

static JsonObject *
add_record_check (JsonObject *spec,
                  const char *what,
                  gint64     *id,
                  gint64      next,
                  GError    **error)
{
  JsonNode *id_node = lum_json_member (spec, "id");
  const char *name = lum_json_get_string (spec, "name");

  if (name == NULL || *name == '\0' || strlen (name) > 200
      || (id_node != NULL && (!lum_json_is_int (id_node) || json_node_get_int (id_node) < 1)))
    {
      g_set_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                   "A %s needs a \"name\" and may have a positive integer \"id\"", what);
      return NULL;
    }
  *id = id_node != NULL ? json_node_get_int (id_node) : next;
  return spec;
}

/* {"name", "id"?, "skus"?: ["…"]}. Returns a copy of the new customer, who
 * uses facility 1 and has the items "skus" lists. */
JsonObject *
lum_sandbox_extensiv_add_customer_locked (LumSandboxExtensiv *ext,
                                          JsonObject         *spec,
                                          GError            **error)
{
  g_autofree char *now = lum_sandbox_time_plain (lum_sandbox_now_locked (ext->sandbox));
  g_autoptr(JsonObject) probe = json_object_new ();
  JsonNode *skus = lum_json_member (spec, "skus");
  gboolean skus_ok = skus == NULL || lum_json_is_array (skus);
  JsonObject *customer;
  gint64 id;

  if (add_record_check (spec, "customer", &id, ext->next_customer_id, error) == NULL)
    return NULL;
  for (guint i = 0; skus_ok && skus != NULL && i < json_array_get_length (json_node_get_array (skus)); i++)
    skus_ok = lum_json_is_string (json_array_get_element (json_node_get_array (skus), i));
  if (!skus_ok)
    {
      g_set_error_literal (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID, "\"skus\" is an array of SKUs");
      return NULL;
    }
  json_object_set_int_member (probe, "id", id);
  if (lum_sandbox_extensiv_find_by_identifier (ext->customers, probe, TRUE) != NULL)
    {
      g_set_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_CONFLICT, "Customer %" G_GINT64_FORMAT " exists", id);
      return NULL;
    }
  ext->next_customer_id = MAX (ext->next_customer_id, id + 1);
  customer = lum_sandbox_extensiv_new_customer (id, lum_json_get_string (spec, "name"), g_ptr_array_index (ext->facilities, 0), now);
  g_ptr_array_add (ext->customers, customer);
  for (guint i = 0; skus != NULL && i < json_array_get_length (json_node_get_array (skus)); i++)
    add_item (ext, id, json_array_get_string_element (json_node_get_array (skus), i));
  return lum_json_object_copy (customer);
}

/* {"name", "id"?}. Returns a copy of the new facility. */
JsonObject *
lum_sandbox_extensiv_add_facility_locked (LumSandboxExtensiv *ext,
                                          JsonObject         *spec,
                                          GError            **error)
{
  g_autoptr(JsonObject) probe = json_object_new ();
  JsonObject *facility;
  gint64 id;

  if (add_record_check (spec, "facility", &id, ext->next_facility_id, error) == NULL)
    return NULL;
  json_object_set_int_member (probe, "id", id);
  if (lum_sandbox_extensiv_find_by_identifier (ext->facilities, probe, FALSE) != NULL)
    {
      g_set_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_CONFLICT, "Facility %" G_GINT64_FORMAT " exists", id);
      return NULL;
    }
  ext->next_facility_id = MAX (ext->next_facility_id, id + 1);
  facility = lum_sandbox_extensiv_new_facility (id, lum_json_get_string (spec, "name"));
  g_ptr_array_add (ext->facilities, facility);
  return lum_json_object_copy (facility);
}

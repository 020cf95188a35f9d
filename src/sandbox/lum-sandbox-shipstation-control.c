/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-sandbox"

#include "lum-sandbox-shipstation-private.h"

#include <string.h>

/*
 * The ShipStation account behind the API: its stores, and the shipments the
 * control endpoints make, as a warehouse would by shipping an order. A
 * shipment covers whole or part quantities of the order's lines; the order
 * turns "shipped" when nothing is left, and back when a shipment is voided.
 */

static JsonObject *
new_store (gint64      id,
           const char *name,
           gboolean    active,
           const char *now)
{
  JsonObject *store = json_object_new ();

  json_object_set_int_member (store, "storeId", id);
  json_object_set_string_member (store, "storeName", name);
  json_object_set_int_member (store, "marketplaceId", 0);
  json_object_set_string_member (store, "marketplaceName", "ShipStation");
  json_object_set_null_member (store, "accountName");
  json_object_set_null_member (store, "email");
  json_object_set_null_member (store, "integrationUrl");
  json_object_set_boolean_member (store, "active", active);
  json_object_set_string_member (store, "companyName", "");
  json_object_set_string_member (store, "phone", "");
  json_object_set_string_member (store, "publicEmail", "");
  json_object_set_string_member (store, "website", "");
  json_object_set_null_member (store, "refreshDate");
  json_object_set_null_member (store, "lastRefreshAttempt");
  json_object_set_string_member (store, "createDate", now);
  json_object_set_string_member (store, "modifyDate", now);
  json_object_set_boolean_member (store, "autoRefresh", FALSE);
  return store;
}

static void
clear_state (LumSandboxShipstation *ss)
{
  g_autofree char *now = lum_sandbox_shipstation_time (lum_sandbox_now_locked (ss->sandbox));

  g_hash_table_remove_all (ss->orders_by_key);
  g_hash_table_remove_all (ss->orders_by_number);
  g_hash_table_remove_all (ss->orders_by_id);
  g_ptr_array_set_size (ss->orders, 0);
  g_ptr_array_set_size (ss->shipments, 0);
  g_ptr_array_set_size (ss->stock, 0);
  g_ptr_array_set_size (ss->stores, 0);
  g_ptr_array_add (ss->stores, new_store (LUM_SANDBOX_STORE_WHOLESALE, "Wholesale", TRUE, now));
  g_ptr_array_add (ss->stores, new_store (LUM_SANDBOX_STORE_RETAIL, "Retail", TRUE, now));
  ss->next_store_id = LUM_SANDBOX_STORE_RETAIL + 1;
  lum_sandbox_shipstation_seed_warehouses (ss, now);
  ss->next_order_id = FIRST_ORDER_ID;
  ss->next_item_id = FIRST_ITEM_ID;
  ss->next_shipment_id = FIRST_SHIPMENT_ID;
  lum_sandbox_rate_limit_clear (ss->limit);
}

LumSandboxShipstation *
lum_sandbox_shipstation_new (LumSandbox *sandbox)
{
  LumSandboxShipstation *ss = g_new0 (LumSandboxShipstation, 1);

  ss->sandbox = sandbox;
  ss->credentials = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (ss->credentials, g_strdup (LUM_SANDBOX_SHIPSTATION_KEY),
                       g_strdup (LUM_SANDBOX_SHIPSTATION_SECRET));
  ss->limit = lum_sandbox_rate_limit_new (LUM_SANDBOX_SHIPSTATION_RATE_LIMIT, DEFAULT_WINDOW_MS);
  ss->stores = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  ss->warehouses = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  ss->orders = g_ptr_array_new_with_free_func (lum_sandbox_shipstation_order_free);
  ss->orders_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  ss->orders_by_key = g_hash_table_new (g_str_hash, g_str_equal);
  ss->orders_by_number = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify)g_ptr_array_unref);
  ss->shipments = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  ss->stock = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  clear_state (ss);
  return ss;
}

void
lum_sandbox_shipstation_free (LumSandboxShipstation *ss)
{
  if (ss == NULL)
    return;
  g_hash_table_unref (ss->orders_by_key);
  g_hash_table_unref (ss->orders_by_number);
  g_hash_table_unref (ss->orders_by_id);
  g_ptr_array_unref (ss->orders);
  g_ptr_array_unref (ss->shipments);
  g_ptr_array_unref (ss->stock);
  g_ptr_array_unref (ss->stores);
  g_ptr_array_unref (ss->warehouses);
  g_hash_table_unref (ss->credentials);
  lum_sandbox_rate_limit_free (ss->limit);
  g_free (ss);
}

void
lum_sandbox_shipstation_reset (LumSandboxShipstation *ss)
{
  clear_state (ss);
}

void
lum_sandbox_shipstation_set_credentials (LumSandboxShipstation *ss,
                                         const char            *key,
                                         const char            *secret,
                                         gboolean               replace)
{
  g_return_if_fail (key != NULL && secret != NULL);

  if (replace)
    g_hash_table_remove_all (ss->credentials);
  g_hash_table_insert (ss->credentials, g_strdup (key), g_strdup (secret));
}

void
lum_sandbox_shipstation_set_rate_limit (LumSandboxShipstation *ss,
                                        guint                  requests,
                                        guint                  window_ms)
{
  lum_sandbox_rate_limit_set (ss->limit, requests, window_ms);
}

static JsonArray *
orders_array (LumSandboxShipstation *ss)
{
  JsonArray *array = json_array_sized_new (ss->orders->len);

  for (guint i = 0; i < ss->orders->len; i++)
    {
      Order *order = g_ptr_array_index (ss->orders, i);
      json_array_add_object_element (array, json_object_ref (order->object));
    }
  return array;
}

JsonObject *
lum_sandbox_shipstation_dump (LumSandboxShipstation *ss)
{
  JsonObject *dump = json_object_new ();

  json_object_set_array_member (dump, "stores", lum_json_array_of_objects (ss->stores));
  json_object_set_array_member (dump, "warehouses", lum_json_array_of_objects (ss->warehouses));
  json_object_set_array_member (dump, "orders", orders_array (ss));
  json_object_set_array_member (dump, "shipments", lum_json_array_of_objects (ss->shipments));
  return dump;
}

JsonNode *
lum_sandbox_shipstation_records (LumSandboxShipstation *ss,
                                 const char            *kind,
                                 guint                 *count)
{
  JsonArray *array = NULL;
  JsonNode *node;

  if (g_strcmp0 (kind, "orders") == 0)
    array = orders_array (ss);
  else if (g_strcmp0 (kind, "shipments") == 0)
    array = lum_json_array_of_objects (ss->shipments);
  else if (g_strcmp0 (kind, "stores") == 0)
    array = lum_json_array_of_objects (ss->stores);
  else if (g_strcmp0 (kind, "warehouses") == 0)
    array = lum_json_array_of_objects (ss->warehouses);
  if (array == NULL)
    {
      *count = 0;
      return NULL;
    }
  *count = json_array_get_length (array);
  node = lum_json_node_new_array (array);
  json_array_unref (array);
  return node;
}

/* {"storeName", "storeId"?, "active"?}. Returns a copy of the new store. */
JsonObject *
lum_sandbox_shipstation_add_store_locked (LumSandboxShipstation *ss,
                                          JsonObject            *spec,
                                          GError               **error)
{
  g_autofree char *now = lum_sandbox_shipstation_time (lum_sandbox_now_locked (ss->sandbox));
  const char *name = lum_json_get_string (spec, "storeName");
  JsonNode *id_node = lum_json_member (spec, "storeId");
  JsonNode *active = lum_json_member (spec, "active");
  JsonObject *store;
  gint64 id;

  if (name == NULL || *name == '\0' || strlen (name) > 200)
    {
      g_set_error_literal (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                           "A store needs a \"storeName\" of 1 to 200 characters");
      return NULL;
    }
  if ((id_node != NULL && (!lum_json_is_int (id_node) || json_node_get_int (id_node) < 1))
      || (active != NULL && !lum_json_is_bool (active)))
    {
      g_set_error_literal (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                           "\"storeId\" must be a positive integer and \"active\" true or false");
      return NULL;
    }
  id = id_node != NULL ? json_node_get_int (id_node) : ss->next_store_id;
  if (lum_sandbox_shipstation_find_store (ss, id) != NULL)
    {
      g_set_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_CONFLICT,
                   "A store with storeId %" G_GINT64_FORMAT " already exists", id);
      return NULL;
    }
  ss->next_store_id = MAX (ss->next_store_id, id + 1);
  store = new_store (id, name, active != NULL ? json_node_get_boolean (active) : TRUE, now);
  g_ptr_array_add (ss->stores, store);
  return lum_json_object_copy (store);
}

/* As POST /orders/createorder. Returns a copy of the stored order. */
JsonObject *
lum_sandbox_shipstation_upsert (LumSandboxShipstation *ss,
                                JsonObject            *order,
                                GError               **error)
{
  g_autofree char *key = NULL;
  g_autofree char *message = NULL;
  OrderCheck check;

  message = lum_sandbox_shipstation_check_order (ss, order, &check, &key);
  if (check != ORDER_OK)
    {
      g_set_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID, "%s%s%s",
                   key != NULL ? key : "", key != NULL ? ": " : "", message);
      return NULL;
    }
  return lum_json_object_copy (lum_sandbox_shipstation_store_order (ss, order)->object);
}

static Order *
find_order (LumSandboxShipstation *ss,
            JsonObject            *spec,
            GError               **error)
{
  JsonNode *id = lum_json_member (spec, "orderId");
  const char *key = lum_json_get_string (spec, "orderKey");
  const char *number = lum_json_get_string (spec, "orderNumber");
  Order *found = NULL;

  if (id != NULL)
    {
      gint64 value = lum_json_is_int (id) ? json_node_get_int (id) : 0;
      found = g_hash_table_lookup (ss->orders_by_id, &value);
    }
  else if (key != NULL)
    found = g_hash_table_lookup (ss->orders_by_key, key);
  else if (number != NULL)
    {
      GPtrArray *orders = g_hash_table_lookup (ss->orders_by_number, number);

      if (orders != NULL && orders->len > 1)
        {
          g_set_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_CONFLICT,
                       "Several orders have orderNumber '%s'; give \"orderKey\" or \"orderId\"", number);
          return NULL;
        }
      found = orders != NULL ? g_ptr_array_index (orders, 0) : NULL;
    }
  else
    {
      g_set_error_literal (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                           "Say which order: \"orderNumber\", \"orderKey\" or \"orderId\"");
      return NULL;
    }
  if (found == NULL)
    g_set_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_NOT_FOUND, "No order %s",
                 number != NULL ? number : key != NULL ? key : "with that orderId");
  return found;
}

/* Quantity of one order line in shipments that are not voided. */
static gint64
line_shipped (Order  *order,
              gint64  item_id)
{
  gint64 shipped = 0;

  for (guint i = 0; i < order->shipments->len; i++)
    {
      JsonObject *shipment = g_ptr_array_index (order->shipments, i);
      JsonArray *items = json_object_get_array_member (shipment, "shipmentItems");

      if (json_object_get_boolean_member (shipment, "voided"))
        continue;
      for (guint j = 0; j < json_array_get_length (items); j++)
        {
          JsonObject *item = json_array_get_object_element (items, j);
          if (json_object_get_int_member (item, "orderItemId") == item_id)
            shipped += json_object_get_int_member (item, "quantity");
        }
    }
  return shipped;
}

static JsonArray *
order_lines (Order *order)
{
  return json_object_get_array_member (order->object, "items");
}

static JsonObject *
shipment_item (JsonObject *line,
               gint64      quantity)
{
  JsonObject *item = json_object_new ();
  JsonNode *price = lum_json_member (line, "unitPrice");

  json_object_set_int_member (item, "orderItemId", json_object_get_int_member (line, "orderItemId"));
  lum_json_set_nullable_string (item, "lineItemKey", lum_json_get_string (line, "lineItemKey"));
  json_object_set_string_member (item, "sku", lum_json_get_string (line, "sku"));
  lum_json_set_nullable_string (item, "name", lum_json_get_string (line, "name"));
  json_object_set_int_member (item, "quantity", quantity);
  json_object_set_double_member (item, "unitPrice", price != NULL ? lum_json_number (price) : 0.0);
  return item;
}

/* The lines of a shipment: what @wanted asks for ([{sku, quantity}]), or
 * everything not shipped yet. */
static JsonArray *
shipment_items (Order     *order,
                JsonNode  *wanted,
                GError   **error)
{
  g_autoptr(JsonArray) items = json_array_new ();
  JsonArray *lines = order_lines (order);

  if (wanted == NULL)
    {
      for (guint i = 0; i < json_array_get_length (lines); i++)
        {
          JsonObject *line = json_array_get_object_element (lines, i);
          gint64 left = json_object_get_int_member (line, "quantity")
                        - line_shipped (order, json_object_get_int_member (line, "orderItemId"));
          if (left > 0)
            json_array_add_object_element (items, shipment_item (line, left));
        }
      if (json_array_get_length (items) == 0 && json_array_get_length (lines) > 0)
        {
          g_set_error_literal (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_CONFLICT,
                               "Everything on this order is shipped already");
          return NULL;
        }
      return g_steal_pointer (&items);
    }

  if (!lum_json_is_array (wanted) || json_array_get_length (json_node_get_array (wanted)) == 0)
    {
      g_set_error_literal (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                           "\"items\" must be a non-empty array of {\"sku\", \"quantity\"}");
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (wanted)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (wanted), i);
      JsonObject *want = lum_json_is_object (node) ? json_node_get_object (node) : NULL;
      const char *sku = lum_json_get_string (want, "sku");
      JsonNode *quantity = lum_json_member (want, "quantity");
      gint64 needed;

      if (sku == NULL || !lum_json_is_int (quantity) || json_node_get_int (quantity) < 1)
        {
          g_set_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                       "items[%u] needs a \"sku\" and a positive integer \"quantity\"", i);
          return NULL;
        }
      needed = json_node_get_int (quantity);
      for (guint j = 0; j < json_array_get_length (lines) && needed > 0; j++)
        {
          JsonObject *line = json_array_get_object_element (lines, j);
          gint64 item_id = json_object_get_int_member (line, "orderItemId");
          gint64 left = json_object_get_int_member (line, "quantity") - line_shipped (order, item_id);

          /* Lines taken earlier in this same shipment count as shipped too. */
          for (guint k = 0; k < json_array_get_length (items); k++)
            {
              JsonObject *taken = json_array_get_object_element (items, k);
              if (json_object_get_int_member (taken, "orderItemId") == item_id)
                left -= json_object_get_int_member (taken, "quantity");
            }
          if (g_strcmp0 (lum_json_get_string (line, "sku"), sku) != 0 || left <= 0)
            continue;
          json_array_add_object_element (items, shipment_item (line, MIN (left, needed)));
          needed -= MIN (left, needed);
        }
      if (needed > 0)
        {
          g_set_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_CONFLICT,
                       "The order has %" G_GINT64_FORMAT " fewer of '%s' left to ship than asked",
                       needed, sku);
          return NULL;
        }
    }
  return g_steal_pointer (&items);
}

static void
update_status (LumSandboxShipstation *ss,
               Order                 *order,
               const char            *ship_date)
{
  JsonArray *lines = order_lines (order);
  gboolean any = FALSE;
  gboolean all = TRUE;
  g_autofree char *now = lum_sandbox_shipstation_time (lum_sandbox_now_locked (ss->sandbox));
  const char *status = lum_json_get_string (order->object, "orderStatus");

  for (guint i = 0; i < order->shipments->len; i++)
    if (!json_object_get_boolean_member (g_ptr_array_index (order->shipments, i), "voided"))
      any = TRUE;
  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonObject *line = json_array_get_object_element (lines, i);
      if (line_shipped (order, json_object_get_int_member (line, "orderItemId"))
          < json_object_get_int_member (line, "quantity"))
        all = FALSE;
    }
  if (any && all)
    {
      json_object_set_string_member (order->object, "orderStatus", "shipped");
      if (ship_date != NULL)
        json_object_set_string_member (order->object, "shipDate", ship_date);
    }
  else if (g_strcmp0 (status, "shipped") == 0)
    json_object_set_string_member (order->object, "orderStatus", "awaiting_shipment");
  json_object_set_string_member (order->object, "modifyDate", now);
}

static gboolean
has_zone (const char *text)
{
  gsize length = strlen (text);

  return length > 19 && strpbrk (text + 19, "Zz+-") != NULL;
}

static gboolean
check_ship_spec (JsonObject *spec,
                 gint64     *created,
                 GError    **error)
{
  static const char * const strings[] = { "carrierCode", "trackingNumber", "serviceCode", "shipDate", NULL };
  JsonNode *create_date = lum_json_member (spec, "createDate");
  JsonNode *cost = lum_json_member (spec, "shipmentCost");

  for (guint i = 0; strings[i] != NULL; i++)
    {
      JsonNode *node = lum_json_member (spec, strings[i]);
      gboolean required = i < 2;

      if ((node == NULL && required) || (node != NULL && (!lum_json_is_string (node)
                                                          || strlen (json_node_get_string (node)) > 200)))
        {
          g_set_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                       "\"%s\" must be a string of up to 200 characters%s", strings[i],
                       required ? " and is required" : "");
          return FALSE;
        }
    }
  /* an instant with its zone, or ShipStation's Pacific clock without one */
  if (create_date != NULL && (!lum_json_is_string (create_date)
                              || !(has_zone (json_node_get_string (create_date))
                                   ? lum_sandbox_parse_time (json_node_get_string (create_date), created)
                                   : lum_sandbox_shipstation_parse_time (json_node_get_string (create_date),
                                                                         created))))
    {
      g_set_error_literal (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                           "\"createDate\" must be an ISO 8601 date-time");
      return FALSE;
    }
  if (cost != NULL && !lum_json_is_number (cost))
    {
      g_set_error_literal (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                           "\"shipmentCost\" must be a number");
      return FALSE;
    }
  return TRUE;
}

/* {"orderNumber" | "orderKey" | "orderId", "carrierCode", "trackingNumber",
 *  "serviceCode"?, "items"?, "shipDate"?, "createDate"?, "shipmentCost"?}.
 * Returns a copy of the new shipment. */
JsonObject *
lum_sandbox_shipstation_ship_locked (LumSandboxShipstation *ss,
                                     JsonObject            *spec,
                                     GError               **error)
{
  gint64 created = lum_sandbox_now_locked (ss->sandbox);
  g_autoptr(JsonArray) items = NULL;
  g_autofree char *create_text = NULL;
  g_autofree char *ship_date = NULL;
  JsonObject *shipment;
  JsonObject *advanced;
  JsonNode *ship_to;
  Order *order;

  if (!check_ship_spec (spec, &created, error) || (order = find_order (ss, spec, error)) == NULL)
    return NULL;
  if (g_strcmp0 (lum_json_get_string (order->object, "orderStatus"), "cancelled") == 0)
    {
      g_set_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_CONFLICT,
                   "Order %s is cancelled and cannot be shipped",
                   lum_json_get_string (order->object, "orderNumber"));
      return NULL;
    }
  items = shipment_items (order, lum_json_member (spec, "items"), error);
  if (items == NULL)
    return NULL;

  create_text = lum_sandbox_shipstation_time (created);
  ship_date = lum_json_get_string (spec, "shipDate") != NULL ? g_strdup (lum_json_get_string (spec, "shipDate"))
                                                         : lum_sandbox_shipstation_date (created);
  advanced = json_object_new ();
  json_object_set_int_member (advanced, "storeId",
                              json_object_get_int_member (json_object_get_object_member (order->object,
                                                                                          "advancedOptions"),
                                                          "storeId"));
  ship_to = lum_json_member (order->object, "shipTo");

  shipment = json_object_new ();
  json_object_set_int_member (shipment, "shipmentId", ss->next_shipment_id++);
  json_object_set_int_member (shipment, "orderId", order->id);
  json_object_set_string_member (shipment, "orderKey", lum_json_get_string (order->object, "orderKey"));
  json_object_set_null_member (shipment, "userId");
  lum_json_set_nullable_string (shipment, "customerEmail", lum_json_get_string (order->object, "customerEmail"));
  json_object_set_string_member (shipment, "orderNumber", lum_json_get_string (order->object, "orderNumber"));
  json_object_set_string_member (shipment, "createDate", create_text);
  json_object_set_string_member (shipment, "shipDate", ship_date);
  json_object_set_double_member (shipment, "shipmentCost", lum_json_number (lum_json_member (spec, "shipmentCost")));
  json_object_set_double_member (shipment, "insuranceCost", 0.0);
  json_object_set_string_member (shipment, "trackingNumber", lum_json_get_string (spec, "trackingNumber"));
  json_object_set_boolean_member (shipment, "isReturnLabel", FALSE);
  json_object_set_null_member (shipment, "batchNumber");
  json_object_set_string_member (shipment, "carrierCode", lum_json_get_string (spec, "carrierCode"));
  lum_json_set_nullable_string (shipment, "serviceCode", lum_json_get_string (spec, "serviceCode"));
  json_object_set_string_member (shipment, "packageCode", "package");
  json_object_set_string_member (shipment, "confirmation", "none");
  json_object_set_null_member (shipment, "warehouseId");
  json_object_set_boolean_member (shipment, "voided", FALSE);
  json_object_set_null_member (shipment, "voidDate");
  json_object_set_boolean_member (shipment, "marketplaceNotified", FALSE);
  json_object_set_null_member (shipment, "notifyErrorMessage");
  json_object_set_member (shipment, "shipTo", ship_to != NULL ? lum_json_deep_copy (ship_to)
                                                               : json_node_new (JSON_NODE_NULL));
  json_object_set_null_member (shipment, "weight");
  json_object_set_null_member (shipment, "dimensions");
  json_object_set_null_member (shipment, "insuranceOptions");
  json_object_set_object_member (shipment, "advancedOptions", advanced);
  json_object_set_array_member (shipment, "shipmentItems", g_steal_pointer (&items));
  json_object_set_null_member (shipment, "labelData");
  json_object_set_null_member (shipment, "formData");

  g_ptr_array_add (ss->shipments, shipment);
  g_ptr_array_add (order->shipments, shipment);
  update_status (ss, order, ship_date);
  return lum_json_object_copy (shipment);
}

static JsonObject *
find_shipment (LumSandboxShipstation *ss,
               gint64                 id)
{
  /* Shipment ids are consecutive from FIRST_SHIPMENT_ID, in creation order. */
  gint64 index = id - FIRST_SHIPMENT_ID;

  if (index < 0 || index >= ss->shipments->len)
    return NULL;
  return g_ptr_array_index (ss->shipments, index);
}

/* {"shipmentId"}. Returns a copy of the voided shipment. */
JsonObject *
lum_sandbox_shipstation_void_locked (LumSandboxShipstation *ss,
                                     JsonObject            *spec,
                                     GError               **error)
{
  JsonNode *id = lum_json_member (spec, "shipmentId");
  g_autofree char *now = NULL;
  JsonObject *shipment;
  gint64 order_id;
  Order *order;

  if (!lum_json_is_int (id))
    {
      g_set_error_literal (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                           "Voiding needs a \"shipmentId\" (an integer)");
      return NULL;
    }
  shipment = find_shipment (ss, json_node_get_int (id));
  if (shipment == NULL)
    {
      g_set_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_NOT_FOUND,
                   "No shipment %" G_GINT64_FORMAT, json_node_get_int (id));
      return NULL;
    }
  if (json_object_get_boolean_member (shipment, "voided"))
    {
      g_set_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_CONFLICT,
                   "Shipment %" G_GINT64_FORMAT " is voided already", json_node_get_int (id));
      return NULL;
    }
  now = lum_sandbox_shipstation_time (lum_sandbox_now_locked (ss->sandbox));
  json_object_set_boolean_member (shipment, "voided", TRUE);
  json_object_set_string_member (shipment, "voidDate", now);
  order_id = json_object_get_int_member (shipment, "orderId");
  order = g_hash_table_lookup (ss->orders_by_id, &order_id);
  if (order != NULL)
    update_status (ss, order, NULL);
  return lum_json_object_copy (shipment);
}

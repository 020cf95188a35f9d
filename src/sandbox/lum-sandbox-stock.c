/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-sandbox"

#include "lum-sandbox-shipstation-private.h"

#include <string.h>

/*
 * Stock in the OMSs, set through the control endpoints
 * /_sandbox/shipstation/inventory and /_sandbox/extensiv/stock, and read
 * as the real APIs answer:
 * - ShipStation API V2 `GET /v2/inventory` (shipstation-v2.openapi.yaml,
 *   getInventoryLevels): the filters sku, inventory_warehouse_id,
 *   inventory_location_id, group_by (warehouse or location) and limit; the
 *   answer {inventory: [{sku, on_hand, allocated, available, average_cost,
 *   inventory_warehouse_id, inventory_location_id}], total, page, pages,
 *   links}. The description names no page parameter: the sandbox takes
 *   `page` only as its own links.next gives it, and refuses any other
 *   parameter, as it does a group_by or a limit out of its values.
 * - Extensiv `GET /inventory/stocksummaries` (getStockSummaries): pgsiz,
 *   pgnum and rql, nothing else; the list under "summaries" with
 *   "totalResults", each {facilityId, itemId, sku, onHand, available,
 *   allocated, committed}, camelCase as the real JSON is.
 */

#define V2_INVENTORY_LIMIT_DEFAULT 25

/* -- ShipStation API V2 ---------------------------------------------------- */

static void
reply_v2_invalid (LumSandboxRequest *req,
                  const char        *message)
{
  JsonObject *body = json_object_new ();
  JsonArray *errors = json_array_new ();
  JsonObject *error = json_object_new ();
  g_autofree char *request_id = g_uuid_string_random ();

  json_object_set_string_member (error, "error_source", "ShipStation");
  json_object_set_string_member (error, "error_type", "validation");
  json_object_set_string_member (error, "error_code", "invalid_field_value");
  json_object_set_string_member (error, "message", message);
  json_array_add_object_element (errors, error);
  json_object_set_string_member (body, "request_id", request_id);
  json_object_set_array_member (body, "errors", errors);
  lum_sandbox_request_reply_object (req, SOUP_STATUS_BAD_REQUEST, body);
}

/* The first query parameter not in @allowed; %NULL when all are. */
const char *
lum_sandbox_unknown_param (LumSandboxRequest  *req,
                           const char * const *allowed)
{
  GHashTableIter iter;
  gpointer name;

  if (req->params == NULL)
    return NULL;
  g_hash_table_iter_init (&iter, req->params);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    if (!g_strv_contains (allowed, name))
      return name;
  return NULL;
}

static gint
compare_v2_level_cb (gconstpointer a,
                     gconstpointer b)
{
  JsonObject *la = *(JsonObject **)a, *lb = *(JsonObject **)b;
  static const char * const keys[] = { "sku", "inventory_warehouse_id", "inventory_location_id" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      int order = g_strcmp0 (json_object_get_string_member (la, keys[i]), json_object_get_string_member (lb, keys[i]));
      if (order != 0)
        return order;
    }
  return 0;
}

static JsonObject *
present_v2_level (const char *sku,
                  const char *warehouse,
                  const char *location,
                  gint64      on_hand,
                  gint64      allocated)
{
  JsonObject *level = json_object_new ();
  JsonObject *cost = json_object_new ();

  json_object_set_string_member (level, "sku", sku);
  json_object_set_int_member (level, "on_hand", on_hand);
  json_object_set_int_member (level, "allocated", allocated);
  json_object_set_int_member (level, "available", on_hand - allocated);
  json_object_set_double_member (cost, "amount", 0.0);
  json_object_set_string_member (cost, "currency", "USD");
  json_object_set_object_member (level, "average_cost", cost);
  json_object_set_string_member (level, "inventory_warehouse_id", warehouse);
  if (location != NULL)
    json_object_set_string_member (level, "inventory_location_id", location);
  return level;
}

/* The levels the filters keep, one per location, or summed per warehouse
 * for group_by=warehouse. */
static GPtrArray *
filter_v2_levels (LumSandboxShipstation *ss,
                  LumSandboxRequest     *req,
                  gboolean               by_warehouse)
{
  const char *sku = lum_sandbox_request_param (req, "sku");
  const char *warehouse = lum_sandbox_request_param (req, "inventory_warehouse_id");
  const char *location = lum_sandbox_request_param (req, "inventory_location_id");
  GPtrArray *levels = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  for (guint i = 0; i < ss->stock->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (ss->stock, i));
  g_ptr_array_sort (sorted, compare_v2_level_cb);
  for (guint i = 0; i < sorted->len; i++)
    {
      JsonObject *stock = g_ptr_array_index (sorted, i);
      const char *s = json_object_get_string_member (stock, "sku");
      const char *w = json_object_get_string_member (stock, "inventory_warehouse_id");
      const char *l = json_object_get_string_member (stock, "inventory_location_id");
      gint64 on_hand = json_object_get_int_member (stock, "on_hand");
      gint64 allocated = json_object_get_int_member (stock, "allocated");
      JsonObject *last = levels->len > 0 ? g_ptr_array_index (levels, levels->len - 1) : NULL;

      if ((sku != NULL && g_strcmp0 (sku, s) != 0) || (warehouse != NULL && g_strcmp0 (warehouse, w) != 0) ||
          (location != NULL && g_strcmp0 (location, l) != 0))
        continue;
      if (by_warehouse && last != NULL && g_str_equal (json_object_get_string_member (last, "sku"), s) &&
          g_str_equal (json_object_get_string_member (last, "inventory_warehouse_id"), w))
        {
          on_hand += json_object_get_int_member (last, "on_hand");
          allocated += json_object_get_int_member (last, "allocated");
          g_ptr_array_remove_index (levels, levels->len - 1);
        }
      g_ptr_array_add (levels, present_v2_level (s, w, by_warehouse ? NULL : l, on_hand, allocated));
    }
  return levels;
}

/* The query of this request with another page, for links. */
static JsonObject *
v2_link (LumSandboxRequest *req,
         guint64            page)
{
  static const char * const names[] = { "sku", "inventory_warehouse_id", "inventory_location_id", "group_by", "limit" };
  g_autoptr(GString) href = g_string_new ("/v2/inventory?");
  JsonObject *link = json_object_new ();

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *value = lum_sandbox_request_param (req, names[i]);
      g_autofree char *escaped = value ? g_uri_escape_string (value, NULL, FALSE) : NULL;

      if (escaped != NULL)
        g_string_append_printf (href, "%s=%s&", names[i], escaped);
    }
  g_string_append_printf (href, "page=%" G_GUINT64_FORMAT, page);
  json_object_set_string_member (link, "href", href->str);
  return link;
}

/**
 * lum_sandbox_shipstation_v2_inventory:
 *
 * GET /v2/inventory, already admitted (key and rate limit).
 */
void
lum_sandbox_shipstation_v2_inventory (LumSandboxShipstation *ss,
                                      LumSandboxRequest     *req)
{
  static const char * const allowed[] = {
    "sku", "inventory_warehouse_id", "inventory_location_id", "group_by", "limit", "page", NULL,
  };
  const char *group_by = lum_sandbox_request_param (req, "group_by");
  const char *limit_text = lum_sandbox_request_param (req, "limit");
  const char *page_text = lum_sandbox_request_param (req, "page");
  const char *unknown = lum_sandbox_unknown_param (req, allowed);
  guint64 limit = V2_INVENTORY_LIMIT_DEFAULT, page = 1;
  g_autoptr(GPtrArray) levels = NULL;
  JsonObject *answer, *links;
  JsonArray *list;
  guint64 pages;

  if (unknown != NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s is not a parameter of list inventory levels", unknown);
      reply_v2_invalid (req, message);
      return;
    }
  if (group_by != NULL && !g_str_equal (group_by, "warehouse") && !g_str_equal (group_by, "location"))
    {
      reply_v2_invalid (req, "group_by must be warehouse or location");
      return;
    }
  if ((limit_text != NULL && !g_ascii_string_to_unsigned (limit_text, 10, 1, MAX_PAGE_SIZE, &limit, NULL)) ||
      (page_text != NULL && !g_ascii_string_to_unsigned (page_text, 10, 1, G_MAXINT32, &page, NULL)))
    {
      reply_v2_invalid (req, "limit must be an integer from 1 to 500");
      return;
    }

  levels = filter_v2_levels (ss, req, g_strcmp0 (group_by, "warehouse") == 0);
  pages = (levels->len + limit - 1) / limit;
  list = json_array_new ();
  for (guint64 i = (page - 1) * limit; i < levels->len && i < page * limit; i++)
    json_array_add_object_element (list, json_object_ref (g_ptr_array_index (levels, i)));
  answer = json_object_new ();
  json_object_set_array_member (answer, "inventory", list);
  json_object_set_int_member (answer, "total", levels->len);
  json_object_set_int_member (answer, "page", page);
  json_object_set_int_member (answer, "pages", pages);
  links = json_object_new ();
  json_object_set_object_member (links, "first", v2_link (req, 1));
  json_object_set_object_member (links, "last", v2_link (req, MAX (pages, 1)));
  json_object_set_object_member (links, "prev", page > 1 ? v2_link (req, page - 1) : json_object_new ());
  json_object_set_object_member (links, "next", page < pages ? v2_link (req, page + 1) : json_object_new ());
  json_object_set_object_member (answer, "links", links);
  lum_sandbox_request_reply_object (req, SOUP_STATUS_OK, answer);
}

/* A quantity of a control request: a whole number, 0 or more. */
gboolean
lum_sandbox_read_quantity (JsonObject  *spec,
                           const char  *name,
                           gboolean     required,
                           gint64      *value,
                           GError     **error)
{
  JsonNode *node = lum_json_member (spec, name);

  *value = 0;
  if (node == NULL && !required)
    return TRUE;
  if (!lum_json_is_int (node) || json_node_get_int (node) < 0 || json_node_get_int (node) > MAX_STOCK_QUANTITY)
    {
      g_set_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                   "\"%s\" must be a whole number from 0 to %d", name, MAX_STOCK_QUANTITY);
      return FALSE;
    }
  *value = json_node_get_int (node);
  return TRUE;
}

/* {"sku", "inventory_warehouse_id", "inventory_location_id"?, "on_hand",
 * "allocated"?}: sets the stock of a SKU in a location (by default the
 * warehouse's own, "<warehouse>-main"); returns the level as V2 lists it. */
JsonObject *
lum_sandbox_shipstation_set_inventory_locked (LumSandboxShipstation *ss,
                                              JsonObject            *spec,
                                              GError               **error)
{
  const char *sku = lum_json_get_string (spec, "sku");
  const char *warehouse = lum_json_get_string (spec, "inventory_warehouse_id");
  const char *location = lum_json_get_string (spec, "inventory_location_id");
  g_autofree char *default_location = NULL;
  gint64 on_hand, allocated;
  JsonObject *stock;

  if (sku == NULL || *sku == '\0' || warehouse == NULL || *warehouse == '\0')
    {
      g_set_error_literal (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                           "Inventory needs a \"sku\" and an \"inventory_warehouse_id\"");
      return NULL;
    }
  if (!lum_sandbox_read_quantity (spec, "on_hand", TRUE, &on_hand, error) ||
      !lum_sandbox_read_quantity (spec, "allocated", FALSE, &allocated, error))
    return NULL;
  if (allocated > on_hand)
    {
      g_set_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                   "\"allocated\" %" G_GINT64_FORMAT " is more than \"on_hand\" %" G_GINT64_FORMAT, allocated, on_hand);
      return NULL;
    }
  if (location == NULL || *location == '\0')
    location = default_location = g_strdup_printf ("%s-main", warehouse);

  for (guint i = 0; i < ss->stock->len; i++)
    {
      JsonObject *old = g_ptr_array_index (ss->stock, i);

      if (g_str_equal (json_object_get_string_member (old, "sku"), sku) &&
          g_str_equal (json_object_get_string_member (old, "inventory_warehouse_id"), warehouse) &&
          g_str_equal (json_object_get_string_member (old, "inventory_location_id"), location))
        {
          g_ptr_array_remove_index (ss->stock, i);
          break;
        }
    }
  stock = json_object_new ();
  json_object_set_string_member (stock, "sku", sku);
  json_object_set_string_member (stock, "inventory_warehouse_id", warehouse);
  json_object_set_string_member (stock, "inventory_location_id", location);
  json_object_set_int_member (stock, "on_hand", on_hand);
  json_object_set_int_member (stock, "allocated", allocated);
  g_ptr_array_add (ss->stock, stock);
  return present_v2_level (sku, warehouse, location, on_hand, allocated);
}

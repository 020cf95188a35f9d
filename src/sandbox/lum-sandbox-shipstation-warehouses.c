/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-sandbox"

#include "lum-sandbox-shipstation-private.h"

#include <string.h>

/*
 * The account's warehouses (Ship From Locations), one list that both APIs
 * show: API V1 GET /warehouses as Warehouse objects (warehouseId, an
 * integer, warehouseName, originAddress, returnAddress, createDate,
 * isDefault), API V2 GET /v2/warehouses as list_warehouses_response_body
 * ("se-" and the same number, name, origin_address, …). An order names its
 * warehouse by advancedOptions.warehouseId (V1), and one that names a
 * warehouse the account does not have is refused; a V2 shipment by its
 * ship_from, which is the warehouse whose origin address it is.
 * Control: POST /_sandbox/shipstation/warehouses {"warehouseName",
 * "warehouseId"?, "isDefault"?, "city"?, "state"?, "postalCode"?,
 * "street1"?}.
 */

static JsonObject *
new_address (const char *name,
             const char *street1,
             const char *city,
             const char *state,
             const char *postal_code)
{
  JsonObject *address = json_object_new ();

  json_object_set_string_member (address, "name", name);
  json_object_set_string_member (address, "company", "Lumen Sandbox");
  json_object_set_string_member (address, "street1", street1);
  json_object_set_string_member (address, "street2", "");
  json_object_set_null_member (address, "street3");
  json_object_set_string_member (address, "city", city);
  json_object_set_string_member (address, "state", state);
  json_object_set_string_member (address, "postalCode", postal_code);
  json_object_set_string_member (address, "country", "US");
  json_object_set_string_member (address, "phone", "512-555-0100");
  json_object_set_boolean_member (address, "residential", FALSE);
  json_object_set_null_member (address, "addressVerified");
  return address;
}

static JsonObject *
new_warehouse (gint64      id,
               const char *name,
               JsonObject *address,
               gboolean    is_default,
               const char *now)
{
  JsonObject *warehouse = json_object_new ();

  json_object_set_int_member (warehouse, "warehouseId", id);
  json_object_set_string_member (warehouse, "warehouseName", name);
  json_object_set_object_member (warehouse, "originAddress", address);
  json_object_set_object_member (warehouse, "returnAddress", lum_json_object_copy (address));
  json_object_set_string_member (warehouse, "createDate", now);
  json_object_set_boolean_member (warehouse, "isDefault", is_default);
  return warehouse;
}

/* The sandbox's two: the default "Sandbox Warehouse" in Austin and "East
 * Warehouse" in Newark. */
void
lum_sandbox_shipstation_seed_warehouses (LumSandboxShipstation *ss,
                                         const char            *now)
{
  g_ptr_array_set_size (ss->warehouses, 0);
  g_ptr_array_add (ss->warehouses,
                   new_warehouse (LUM_SANDBOX_WAREHOUSE_MAIN, "Sandbox Warehouse",
                                  new_address ("Sandbox Warehouse", "4009 Marathon Blvd", "Austin", "TX", "78756"),
                                  TRUE, now));
  g_ptr_array_add (ss->warehouses,
                   new_warehouse (LUM_SANDBOX_WAREHOUSE_EAST, "East Warehouse",
                                  new_address ("East Warehouse", "200 Port St", "Newark", "NJ", "07114"),
                                  FALSE, now));
  ss->next_warehouse_id = LUM_SANDBOX_WAREHOUSE_EAST + 1;
}

JsonObject *
lum_sandbox_shipstation_find_warehouse (LumSandboxShipstation *ss,
                                        gint64                 id)
{
  for (guint i = 0; i < ss->warehouses->len; i++)
    {
      JsonObject *warehouse = g_ptr_array_index (ss->warehouses, i);

      if (json_object_get_int_member (warehouse, "warehouseId") == id)
        return warehouse;
    }
  return NULL;
}

/* The warehouse whose origin address a V2 ship_from is (its first line and
 * postal code), or 0. */
gint64
lum_sandbox_shipstation_warehouse_at (LumSandboxShipstation *ss,
                                      JsonObject            *v2_address)
{
  for (guint i = 0; v2_address != NULL && i < ss->warehouses->len; i++)
    {
      JsonObject *warehouse = g_ptr_array_index (ss->warehouses, i);
      JsonObject *origin = json_object_get_object_member (warehouse, "originAddress");

      if (g_strcmp0 (lum_json_get_string (origin, "street1"), lum_json_get_string (v2_address, "address_line1")) == 0 &&
          g_strcmp0 (lum_json_get_string (origin, "postalCode"), lum_json_get_string (v2_address, "postal_code")) == 0)
        return json_object_get_int_member (warehouse, "warehouseId");
    }
  return 0;
}

/* See the file's comment. Returns a copy of the new warehouse. */
JsonObject *
lum_sandbox_shipstation_add_warehouse_locked (LumSandboxShipstation *ss,
                                              JsonObject            *spec,
                                              GError               **error)
{
  g_autofree char *now = lum_sandbox_shipstation_time (lum_sandbox_now_locked (ss->sandbox));
  const char *name = lum_json_get_string (spec, "warehouseName");
  JsonNode *id_node = lum_json_member (spec, "warehouseId");
  JsonNode *is_default = lum_json_member (spec, "isDefault");
  const char *street1 = lum_json_get_string (spec, "street1");
  const char *city = lum_json_get_string (spec, "city");
  const char *state = lum_json_get_string (spec, "state");
  const char *postal_code = lum_json_get_string (spec, "postalCode");
  g_autofree char *default_street = NULL;
  JsonObject *warehouse;
  gint64 id;

  if (name == NULL || *name == '\0' || strlen (name) > 200)
    {
      g_set_error_literal (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                           "A warehouse needs a \"warehouseName\" of 1 to 200 characters");
      return NULL;
    }
  if ((id_node != NULL && (!lum_json_is_int (id_node) || json_node_get_int (id_node) < 1))
      || (is_default != NULL && !lum_json_is_bool (is_default)))
    {
      g_set_error_literal (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                           "\"warehouseId\" must be a positive integer and \"isDefault\" true or false");
      return NULL;
    }
  id = id_node != NULL ? json_node_get_int (id_node) : ss->next_warehouse_id;
  if (lum_sandbox_shipstation_find_warehouse (ss, id) != NULL)
    {
      g_set_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_CONFLICT,
                   "A warehouse with warehouseId %" G_GINT64_FORMAT " already exists", id);
      return NULL;
    }
  ss->next_warehouse_id = MAX (ss->next_warehouse_id, id + 1);
  /* each its own address unless told: a V2 ship_from finds its warehouse by it */
  default_street = g_strdup_printf ("%" G_GINT64_FORMAT " Warehouse Row", id);
  if (is_default != NULL && json_node_get_boolean (is_default))
    for (guint i = 0; i < ss->warehouses->len; i++)
      json_object_set_boolean_member (g_ptr_array_index (ss->warehouses, i), "isDefault", FALSE);
  warehouse = new_warehouse (id, name,
                             new_address (name, street1 ? street1 : default_street, city ? city : "Austin",
                                          state ? state : "TX", postal_code ? postal_code : "78756"),
                             is_default != NULL && json_node_get_boolean (is_default), now);
  g_ptr_array_add (ss->warehouses, warehouse);
  return lum_json_object_copy (warehouse);
}

/* API V1 GET /warehouses: an array of Warehouse. */
void
lum_sandbox_shipstation_handle_list_warehouses (LumSandboxShipstation *ss,
                                                LumSandboxRequest     *req)
{
  JsonArray *warehouses = lum_json_array_of_objects (ss->warehouses);

  lum_sandbox_request_reply_json (req, SOUP_STATUS_OK, lum_json_node_new_array (warehouses));
  json_array_unref (warehouses);
}

static JsonObject *
v2_address (JsonObject *v1)
{
  JsonObject *address = json_object_new ();

  json_object_set_string_member (address, "name", lum_json_get_string (v1, "name"));
  json_object_set_string_member (address, "phone", lum_json_get_string (v1, "phone"));
  json_object_set_string_member (address, "company_name", lum_json_get_string (v1, "company"));
  json_object_set_string_member (address, "address_line1", lum_json_get_string (v1, "street1"));
  json_object_set_string_member (address, "city_locality", lum_json_get_string (v1, "city"));
  json_object_set_string_member (address, "state_province", lum_json_get_string (v1, "state"));
  json_object_set_string_member (address, "postal_code", lum_json_get_string (v1, "postalCode"));
  json_object_set_string_member (address, "country_code", lum_json_get_string (v1, "country"));
  json_object_set_string_member (address, "address_residential_indicator", "no");
  return address;
}

/* API V2 GET /v2/warehouses: {"warehouses": [warehouse]}. */
void
lum_sandbox_shipstation_v2_handle_list_warehouses (LumSandboxShipstation *ss,
                                                   LumSandboxRequest     *req)
{
  JsonObject *answer = json_object_new ();
  JsonArray *warehouses = json_array_new ();

  for (guint i = 0; i < ss->warehouses->len; i++)
    {
      JsonObject *v1 = g_ptr_array_index (ss->warehouses, i);
      JsonObject *warehouse = json_object_new ();
      g_autofree char *id = g_strdup_printf ("se-%" G_GINT64_FORMAT, json_object_get_int_member (v1, "warehouseId"));

      json_object_set_string_member (warehouse, "warehouse_id", id);
      json_object_set_boolean_member (warehouse, "is_default", json_object_get_boolean_member (v1, "isDefault"));
      json_object_set_string_member (warehouse, "name", json_object_get_string_member (v1, "warehouseName"));
      json_object_set_string_member (warehouse, "created_at", "2024-01-01T00:00:00.000Z");
      json_object_set_object_member (warehouse, "origin_address",
                                     v2_address (json_object_get_object_member (v1, "originAddress")));
      json_object_set_object_member (warehouse, "return_address",
                                     v2_address (json_object_get_object_member (v1, "returnAddress")));
      json_array_add_object_element (warehouses, warehouse);
    }
  json_object_set_array_member (answer, "warehouses", warehouses);
  lum_sandbox_request_reply_object (req, SOUP_STATUS_OK, answer);
}

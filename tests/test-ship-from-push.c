/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "lum-test-sandbox.h"
#include "lum-engine-setup.h"
#include "lum-engine-warehouses.h"

/* An order pushed ships from its group's first warehouse linked to the
 * OMS: the field each OMS reads, what the sandbox (as the real API)
 * refuses, and what the order records. */

typedef struct
{
  LumTestWorld    world;
  LumIntegration *v2;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumWarehouse) east = NULL;
  g_autoptr(LumWarehouseGroup) group = NULL;
  const char *codes[] = { "EAST", "MAIN", NULL };

  if (!lum_test_keyring_available ())
    return;
  lum_test_world_init (&f->world);
  f->v2 = lum_test_world_add_integration (&f->world, LUM_INTEGRATION_KIND_SHIPSTATION_V2, "Sandbox ShipStation V2",
                                          NULL);
  /* V2's ship_to needs a phone */
  lum_customer_set_text (f->world.customer, LUM_CUSTOMER_PHONE, "217-555-0101");
  g_assert_true (lum_engine_save_customer (f->world.engine, f->world.customer, &error));
  east = lum_engine_add_warehouse (f->world.engine, "EAST", "East", &error);
  g_assert_no_error (error);
  group = lum_engine_find_warehouse_group (f->world.engine, "Default Warehouse Group", &error);
  g_assert_no_error (error);
  g_assert_true (lum_engine_set_group_warehouses (f->world.engine, lum_warehouse_group_get_id (group), codes, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->v2);
  lum_test_world_clear (&f->world);
}

static void
link_warehouse (Fixture        *f,
                const char     *code,
                LumIntegration *integration,
                const char     *remote_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lum_engine_link_warehouse (f->world.engine, code, integration, remote_id, NULL, &error));
  g_assert_no_error (error);
}

static LumShipFrom *
recorded (Fixture     *f,
          LumDocument *order)
{
  g_autoptr(GError) error = NULL;
  LumShipFrom *ship_from = lum_engine_get_ship_from (f->world.engine, lum_document_get_id (order), &error);

  g_assert_no_error (error);
  g_assert_nonnull (ship_from);
  return ship_from;
}

static gint64
v1_warehouse (JsonObject *order)
{
  JsonNode *node = json_object_get_member (json_object_get_object_member (order, "advancedOptions"), "warehouseId");

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? json_node_get_int (node) : 0;
}

static void
on_fetched_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GListStore **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = lum_sync_service_fetch_warehouses_finish (LUM_SYNC_SERVICE (source), result, &error);
  g_assert_no_error (error);
}

static char *
fetch_ids (Fixture        *f,
           LumIntegration *integration)
{
  g_autoptr(GListStore) list = NULL;
  g_autoptr(GString) ids = g_string_new (NULL);

  lum_sync_service_fetch_warehouses_async (f->world.service, integration, NULL, on_fetched_cb, &list);
  while (list == NULL)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(LumRemoteStore) w = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_string_append_printf (ids, "%s%s=%s", i ? ", " : "", lum_remote_store_get_remote_id (w),
                              lum_remote_store_get_name (w));
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static void
test_lists (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *v1 = NULL;
  g_autofree char *v2 = NULL;
  g_autofree char *ext = NULL;

  SKIP_WITHOUT_KEYRING ();
  v1 = fetch_ids (f, f->world.shipstation);
  v2 = fetch_ids (f, f->v2);
  ext = fetch_ids (f, f->world.extensiv);
  /* one account, two APIs: the same warehouses */
  g_assert_cmpstr (v1, ==, "1001=Sandbox Warehouse, 1002=East Warehouse");
  g_assert_cmpstr (v2, ==, "se-1001=Sandbox Warehouse, se-1002=East Warehouse");
  g_assert_cmpstr (ext, ==, "1=Main Facility, 2=East Facility");
  g_assert_cmpuint (lum_sandbox_count_requests (f->world.sandbox, "shipstation", "GET", "/warehouses"), ==, 1);
}

static void
test_shipstation_v1 (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) plain = NULL;
  g_autoptr(LumDocument) second = NULL;
  g_autoptr(LumDocument) first = NULL;
  g_autoptr(LumShipFrom) plain_from = NULL;
  g_autoptr(LumShipFrom) second_from = NULL;
  g_autoptr(LumShipFrom) first_from = NULL;
  g_autofree char *text = NULL;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (&f->world, "Ships", f->world.shipstation, "1001", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);

  /* no link: as before, ShipStation's default, and the order says so */
  plain = lum_test_world_post_order (&f->world, channel, "Dock 1");
  g_assert_cmpuint (lum_test_world_push (&f->world), ==, 1);
  g_assert_cmpint (v1_warehouse (lum_test_world_remote_order (&f->world, "shipstation", "orderNumber",
                                                             lum_document_get_number (plain))), ==, 0);
  plain_from = recorded (f, plain);
  g_assert_cmpint (plain_from->reason, ==, LUM_SHIP_FROM_NO_LINK);

  /* the group's second warehouse is linked, its first not */
  link_warehouse (f, "MAIN", f->world.shipstation, "1001");
  second = lum_test_world_post_order (&f->world, channel, "Dock 2");
  g_assert_cmpuint (lum_test_world_push (&f->world), ==, 1);
  g_assert_cmpint (v1_warehouse (lum_test_world_remote_order (&f->world, "shipstation", "orderNumber",
                                                             lum_document_get_number (second))), ==, 1001);
  second_from = recorded (f, second);
  g_assert_cmpstr (second_from->warehouse_code, ==, "MAIN");

  /* both: the first in order */
  link_warehouse (f, "EAST", f->world.shipstation, "1002");
  first = lum_test_world_post_order (&f->world, channel, "Dock 3");
  g_assert_cmpuint (lum_test_world_push (&f->world), ==, 1);
  g_assert_cmpint (v1_warehouse (lum_test_world_remote_order (&f->world, "shipstation", "orderNumber",
                                                             lum_document_get_number (first))), ==, 1002);
  first_from = recorded (f, first);
  text = lum_ship_from_describe (first_from);
  g_assert_cmpstr (text, ==, "Ships from East (first in group Default Warehouse Group)");
}

static void
test_shipstation_v1_unknown (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumDocument) after = NULL;
  g_autoptr(LumJob) job = NULL;

  SKIP_WITHOUT_KEYRING ();
  /* a link to a warehouse deleted at ShipStation since */
  link_warehouse (f, "EAST", f->world.shipstation, "4242");
  channel = lum_test_world_channel (&f->world, "Ships", f->world.shipstation, "1001", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);
  order = lum_test_world_post_order (&f->world, channel, "Dock 1");
  lum_test_world_push (&f->world);
  after = lum_test_world_reload (&f->world, order);
  job = lum_test_world_last_job (&f->world, order);
  g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_PUSH_STATUS), ==, "failed");
  g_assert_nonnull (strstr (lum_job_get_text (job, LUM_JOB_LAST_ERROR), "warehouseId 4242"));
  g_assert_cmpuint (lum_test_world_count_remote (&f->world, "shipstation", "orders"), ==, 0);
}

static void
test_shipstation_v2 (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumDocument) unknown = NULL;
  g_autoptr(LumDocument) after = NULL;
  g_autoptr(LumJob) job = NULL;
  g_autoptr(LumJob) failed = NULL;
  g_autoptr(LumShipFrom) ship_from = NULL;

  SKIP_WITHOUT_KEYRING ();
  link_warehouse (f, "EAST", f->v2, "se-1002");
  channel = lum_test_world_channel (&f->world, "V2", f->v2, "1001", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);
  order = lum_test_world_post_order (&f->world, channel, "Dock 1");
  g_assert_cmpuint (lum_test_world_push (&f->world), ==, 1);
  /* sent as that warehouse's address (create_shipment_request has no
   * warehouse_id), which ShipStation knows as the warehouse */
  job = lum_test_world_last_job (&f->world, order);
  g_assert_nonnull (strstr (lum_job_get_text (job, LUM_JOB_SENT_BODY), "200 Port St"));
  g_assert_null (strstr (lum_job_get_text (job, LUM_JOB_SENT_BODY), "warehouse_id"));
  g_assert_cmpint (v1_warehouse (lum_test_world_remote_order (&f->world, "shipstation", "orderNumber",
                                                             lum_document_get_number (order))), ==, 1002);
  ship_from = recorded (f, order);
  g_assert_cmpstr (ship_from->remote_id, ==, "se-1002");

  /* a warehouse the account does not list fails that order alone */
  link_warehouse (f, "EAST", f->v2, "se-4242");
  unknown = lum_test_world_post_order (&f->world, channel, "Dock 2");
  lum_test_world_push (&f->world);
  after = lum_test_world_reload (&f->world, unknown);
  failed = lum_test_world_last_job (&f->world, unknown);
  g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_PUSH_STATUS), ==, "failed");
  g_assert_nonnull (strstr (lum_job_get_text (failed, LUM_JOB_LAST_ERROR), "se-4242"));
}

static void
test_extensiv (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumDocument) unknown = NULL;
  g_autoptr(LumDocument) after = NULL;
  g_autoptr(LumJob) failed = NULL;
  JsonObject *remote;

  SKIP_WITHOUT_KEYRING ();
  link_warehouse (f, "EAST", f->world.extensiv, "2");
  /* the store names facility 1: the ship-from's facility wins */
  channel = lum_test_world_channel (&f->world, "3PL", f->world.extensiv, "1:1", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);
  order = lum_test_world_post_order (&f->world, channel, "Dock 1");
  g_assert_cmpuint (lum_test_world_push (&f->world), ==, 1);
  remote = lum_test_world_remote_order (&f->world, "extensiv", "referenceNum", lum_document_get_number (order));
  g_assert_nonnull (remote);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_object_get_object_member (remote, "readOnly"),
                                                                              "facilityIdentifier"), "id"), ==, 2);

  /* the warehouse ships it from there: the poll finds it, though the
   * channel's store names facility 1 */
  {
    g_autoptr(JsonNode) request = json_from_string ("{\"trackingNumber\": \"1ZEAST\"}", NULL);
    g_autoptr(JsonNode) answer = NULL;
    g_autoptr(LumDocument) shipped = NULL;
    LumPollStats stats;
    guint status = 0;

    json_object_set_string_member (json_node_get_object (request), "referenceNum", lum_document_get_number (order));
    answer = lum_sandbox_control (f->world.sandbox, "POST", "/extensiv/close", request, &status);
    g_assert_cmpuint (status, ==, 200);
    stats = lum_test_world_poll (&f->world);
    g_assert_cmpuint (stats.recorded, ==, 1);
    shipped = lum_test_world_reload (&f->world, order);
    g_assert_cmpstr (lum_document_get_text (shipped, LUM_DOC_FULFILLMENT_STATUS), ==, "fulfilled");
  }

  link_warehouse (f, "EAST", f->world.extensiv, "77");
  unknown = lum_test_world_post_order (&f->world, channel, "Dock 2");
  lum_test_world_push (&f->world);
  after = lum_test_world_reload (&f->world, unknown);
  failed = lum_test_world_last_job (&f->world, unknown);
  g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_PUSH_STATUS), ==, "failed");
  g_assert_nonnull (strstr (lum_job_get_text (failed, LUM_JOB_LAST_ERROR), "facility"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ship-from-push/lists", test_lists);
  ADD ("/ship-from-push/shipstation-v1", test_shipstation_v1);
  ADD ("/ship-from-push/shipstation-v1-unknown", test_shipstation_v1_unknown);
  ADD ("/ship-from-push/shipstation-v2", test_shipstation_v2);
  ADD ("/ship-from-push/extensiv", test_extensiv);
#undef ADD
  return g_test_run ();
}

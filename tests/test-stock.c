/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "lum-test-sandbox.h"
#include "lum-engine-setup.h"
#include "lum-engine-stock.h"
#include "sync/lum-stock-reader.h"
#include "sync/lum-sync-service.h"

/* Stock read from the OMSs that report it (ShipStation API V2 inventory,
 * Extensiv stock summaries) against the sandbox, kept by the OMS's own
 * warehouse with the time it was read; ShipStation API V1 reports none. */

typedef struct
{
  LumTestWorld    world;
  LumIntegration *v2;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  if (!lum_test_keyring_available ())
    return;
  lum_test_world_init (&f->world);
  f->v2 = lum_test_world_add_integration (&f->world, LUM_INTEGRATION_KIND_SHIPSTATION_V2, "Sandbox ShipStation V2",
                                          NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->v2);
  lum_test_world_clear (&f->world);
}

static void
control (Fixture    *f,
         const char *path,
         const char *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) request = json_from_string (body, &error);
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;

  g_assert_no_error (error);
  answer = lum_sandbox_control (f->world.sandbox, "POST", path, request, &status);
  g_assert_cmpuint (status, ==, 200);
}

static void
set_v2 (Fixture    *f,
        const char *sku,
        const char *warehouse,
        const char *location,
        int         on_hand,
        int         allocated)
{
  g_autofree char *body = g_strdup_printf ("{\"sku\": \"%s\", \"inventory_warehouse_id\": \"%s\","
                                           " \"inventory_location_id\": \"%s\", \"on_hand\": %d, \"allocated\": %d}",
                                           sku, warehouse, location, on_hand, allocated);
  control (f, "/shipstation/inventory", body);
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  guint     n_read;
  GStrv     failures;
} ReadResult;

static void
on_read_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  ReadResult *read = user_data;

  read->ok = lum_stock_reader_read_finish (LUM_STOCK_READER (source), result, &read->n_read, &read->failures, NULL);
  read->done = TRUE;
}

/* One reading of every integration that reports stock; the number read. */
static guint
read_stock (Fixture    *f,
            const char *sku,
            guint       expected_failures)
{
  ReadResult read = { 0, };

  lum_stock_reader_read_async (lum_sync_service_get_stock_reader (f->world.service), sku, NULL, on_read_cb, &read);
  while (!read.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (read.ok);
  if (g_strv_length (read.failures) != expected_failures)
    g_error ("%u failures, not %u: %s", g_strv_length (read.failures), expected_failures,
             read.failures[0] ? read.failures[0] : "");
  g_strfreev (read.failures);
  return read.n_read;
}

static guint
count (Fixture    *f,
       const char *service,
       const char *path)
{
  return lum_sandbox_count_requests (f->world.sandbox, service, "GET", path);
}

static void
assert_available (Fixture            *f,
                  LumIntegration     *integration,
                  const char         *sku,
                  const char * const *warehouses,
                  LumStockReport      report,
                  gint64              available)
{
  g_auto(LumAvailability) availability = { 0, };
  g_autoptr(GError) error = NULL;

  g_assert_true (lum_engine_get_availability (f->world.engine, lum_integration_get_id (integration), sku, warehouses,
                                              &availability, &error));
  g_assert_no_error (error);
  g_assert_cmpint (availability.report, ==, report);
  g_assert_cmpint (availability.available, ==, available);
  if (report == LUM_STOCK_READ)
    g_assert_nonnull (availability.read_at);
}

static void
test_v2_every_page (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) levels = NULL;
  const char *east[] = { "wh-east", NULL };

  SKIP_WITHOUT_KEYRING ();
  /* 130 SKUs in two warehouses, the second in two bins: 260 levels by
   * warehouse, three pages of 100 */
  for (int i = 0; i < 130; i++)
    {
      g_autofree char *sku = g_strdup_printf ("BULK-%03d", i);
      set_v2 (f, sku, "wh-east", "bin-1", 10 + i, 1);
      set_v2 (f, sku, "wh-west", "bin-1", 2, 0);
      set_v2 (f, sku, "wh-west", "bin-2", 3, 1);
    }
  set_v2 (f, "SKU-A", "wh-east", "bin-1", 9, 2);

  g_assert_cmpuint (read_stock (f, NULL, 0), ==, 2);
  g_assert_cmpuint (count (f, "shipstation", "/v2/inventory"), ==, 3);

  /* summed over the warehouses asked about; all of them by default */
  assert_available (f, f->v2, "BULK-129", NULL, LUM_STOCK_READ, 138 + 4);
  assert_available (f, f->v2, "BULK-129", east, LUM_STOCK_READ, 138);
  assert_available (f, f->v2, "SKU-A", NULL, LUM_STOCK_READ, 7);
  /* read whole, and not listed: none, read then */
  assert_available (f, f->v2, "SKU-B", NULL, LUM_STOCK_READ, 0);

  levels = lum_engine_list_stock (f->world.engine, "BULK-000", NULL);
  g_assert_cmpuint (levels->len, ==, 2);
  g_assert_cmpstr (((LumStockLevel *)levels->pdata[0])->warehouse_id, ==, "wh-east");
  g_assert_cmpint (((LumStockLevel *)levels->pdata[1])->available, ==, 4);
  g_assert_cmpstr (((LumStockLevel *)levels->pdata[1])->integration_name, ==, "Sandbox ShipStation V2");
}

static void
test_v2_one_sku (Fixture       *f,
                 gconstpointer  data)
{
  SKIP_WITHOUT_KEYRING ();
  set_v2 (f, "SKU-A", "wh-east", "bin-1", 9, 2);
  set_v2 (f, "SKU-B", "wh-east", "bin-1", 5, 0);
  g_assert_cmpuint (read_stock (f, NULL, 0), ==, 2);

  /* SKU-A comes in; SKU-B sells out: reading SKU-A alone leaves SKU-B */
  set_v2 (f, "SKU-A", "wh-east", "bin-1", 30, 2);
  set_v2 (f, "SKU-B", "wh-east", "bin-1", 0, 0);
  g_assert_cmpuint (read_stock (f, "SKU-A", 0), ==, 2);
  g_assert_cmpuint (lum_sandbox_count_requests (f->world.sandbox, "shipstation", "GET", "/v2/inventory"), ==, 2);
  assert_available (f, f->v2, "SKU-A", NULL, LUM_STOCK_READ, 28);
  assert_available (f, f->v2, "SKU-B", NULL, LUM_STOCK_READ, 5);
}

static void
test_extensiv_every_page (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GString) skus = g_string_new ("{\"name\": \"Bulk\", \"id\": 5, \"skus\": [");
  const char *west[] = { "2", NULL };

  SKIP_WITHOUT_KEYRING ();
  control (f, "/extensiv/facilities", "{\"name\": \"West\", \"id\": 3}");
  for (int i = 0; i < 110; i++)
    g_string_append_printf (skus, "%s\"BULK-%03d\"", i ? ", " : "", i);
  g_string_append (skus, "]}");
  control (f, "/extensiv/customers", skus->str);
  for (int i = 0; i < 110; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"facilityId\": 1, \"customerId\": 5, \"sku\": \"BULK-%03d\","
                                               " \"onHand\": %d}", i, i);
      control (f, "/extensiv/stock", body);
    }
  control (f, "/extensiv/stock", "{\"facilityId\": 1, \"sku\": \"SKU-A\", \"onHand\": 12, \"allocated\": 2}");
  control (f, "/extensiv/stock", "{\"facilityId\": 2, \"sku\": \"SKU-A\", \"onHand\": 4}");

  g_assert_cmpuint (read_stock (f, NULL, 0), ==, 2);
  g_assert_cmpuint (count (f, "extensiv", "/inventory/stocksummaries"), ==, 2);
  assert_available (f, f->world.extensiv, "SKU-A", NULL, LUM_STOCK_READ, 14);
  assert_available (f, f->world.extensiv, "SKU-A", west, LUM_STOCK_READ, 4);
  assert_available (f, f->world.extensiv, "BULK-109", NULL, LUM_STOCK_READ, 109);
}

static void
test_v1_not_reported (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_auto(LumAvailability) availability = { 0, };

  SKIP_WITHOUT_KEYRING ();
  set_v2 (f, "SKU-A", "wh-east", "bin-1", 9, 0);
  g_assert_cmpuint (read_stock (f, NULL, 0), ==, 2);

  /* V1 is never asked, and says "not reported", not 0 */
  g_assert_cmpuint (lum_sandbox_count_requests (f->world.sandbox, "shipstation", "GET", NULL),
                    ==, count (f, "shipstation", "/v2/inventory"));
  assert_available (f, f->world.shipstation, "SKU-A", NULL, LUM_STOCK_NOT_REPORTED, 0);
  channel = lum_test_world_channel (&f->world, "V1", f->world.shipstation, "1001", 0,
                                    LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);
  g_assert_true (lum_engine_channel_availability (f->world.engine, channel, "SKU-A", NULL, &availability, NULL));
  g_assert_cmpint (availability.report, ==, LUM_STOCK_NOT_REPORTED);
}

static void
test_not_read_yet (Fixture       *f,
                   gconstpointer  data)
{
  SKIP_WITHOUT_KEYRING ();
  assert_available (f, f->v2, "SKU-A", NULL, LUM_STOCK_NOT_READ, 0);
}

static void
test_failure_keeps_last_reading (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;

  SKIP_WITHOUT_KEYRING ();
  set_v2 (f, "SKU-A", "wh-east", "bin-1", 9, 0);
  g_assert_cmpuint (read_stock (f, NULL, 0), ==, 2);
  before = lum_engine_list_stock (f->world.engine, "SKU-A", NULL);

  set_v2 (f, "SKU-A", "wh-east", "bin-1", 1, 0);
  lum_test_world_advance (&f->world, 10);
  control (f, "/faults", "{\"service\": \"shipstation\", \"path\": \"/v2/inventory\","
                         " \"status_storm\": {\"status\": 500, \"count\": 50}}");
  /* the other integration is read all the same */
  g_assert_cmpuint (read_stock (f, NULL, 1), ==, 1);
  after = lum_engine_list_stock (f->world.engine, "SKU-A", NULL);
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_cmpint (((LumStockLevel *)after->pdata[0])->available, ==, 9);
  g_assert_cmpstr (((LumStockLevel *)after->pdata[0])->read_at, ==, ((LumStockLevel *)before->pdata[0])->read_at);
}

static void
on_stock_changed_cb (LumEngine  *engine,
                     const char *what,
                     gpointer    user_data)
{
  (*(guint *)user_data)++;
}

static void
test_read_on_poll_schedule (Fixture       *f,
                            gconstpointer  data)
{
  guint changed = 0;

  SKIP_WITHOUT_KEYRING ();
  set_v2 (f, "SKU-A", "wh-east", "bin-1", 9, 0);
  g_signal_connect (f->world.engine, "changed::stock", G_CALLBACK (on_stock_changed_cb), &changed);
  lum_sync_service_start_polling (f->world.service, 60);
  /* one reading of each integration that reports stock */
  while (changed < 2)
    g_main_context_iteration (NULL, TRUE);
  lum_sync_service_stop_polling (f->world.service);
  assert_available (f, f->v2, "SKU-A", NULL, LUM_STOCK_READ, 9);
}

/* "Sync Now" while a reading runs: one reading, not two */
static void
test_read_now_once (Fixture       *f,
                    gconstpointer  data)
{
  guint changed = 0;

  SKIP_WITHOUT_KEYRING ();
  set_v2 (f, "SKU-A", "wh-east", "bin-1", 9, 0);
  g_signal_connect (f->world.engine, "changed::stock", G_CALLBACK (on_stock_changed_cb), &changed);
  lum_sync_service_read_stock (f->world.service);
  lum_sync_service_read_stock (f->world.service);
  while (changed < 2)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpuint (count (f, "shipstation", "/v2/inventory"), ==, 1);
  assert_available (f, f->v2, "SKU-A", NULL, LUM_STOCK_READ, 9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/stock/v2-every-page", test_v2_every_page);
  ADD ("/stock/v2-one-sku", test_v2_one_sku);
  ADD ("/stock/extensiv-every-page", test_extensiv_every_page);
  ADD ("/stock/v1-not-reported", test_v1_not_reported);
  ADD ("/stock/not-read-yet", test_not_read_yet);
  ADD ("/stock/failure-keeps-last-reading", test_failure_keeps_last_reading);
  ADD ("/stock/read-on-poll-schedule", test_read_on_poll_schedule);
  ADD ("/stock/read-now-once", test_read_now_once);

  return g_test_run ();
}

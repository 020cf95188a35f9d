/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Applies the shipments of one poll: N orders (default 10,000) are posted
 * and pushed to the sandbox's ShipStation, each is shipped there, and one
 * poll reads them back (pages of 500). Prints the time to fetch and parse
 * the pages (the sandbox's own time included) and, apart, the time Lumen
 * takes to apply them: shipments, fulfillment statuses, events and, on a
 * channel that invoices on shipment, the invoices and their QuickBooks jobs;
 * wall time and, as a steadier figure on a busy machine, CPU time.
 *
 *   bench-poll [N]
 */
#include <glib/gstdio.h>
#include <time.h>

#include "lum-engine-documents.h"
#include "lum-engine-private.h"
#include "lum-engine-sync.h"
#include "lum-engine-setup.h"
#include "lum-sandbox.h"
#include "lum-secrets.h"
#include "lum-util.h"
#include "sync/lum-fulfillment-poller.h"
#include "sync/lum-push-worker.h"
#include "sync/lum-sync-service.h"

typedef struct
{
  LumEngine      *engine;
  LumSyncService *service;
  LumSandbox     *sandbox;
  LumIntegration *shipstation;
  LumChannel     *channel;
  gint64          customer_id;
} Bench;

static void
die_on (GError *error)
{
  if (error != NULL)
    g_error ("%s", error->message);
}

static void
bench_init (Bench            *b,
            const char       *dir,
            const char       *name,
            guint             requests,
            guint             window_ms,
            LumInvoiceTiming  timing)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *url = NULL;
  g_autofree char *window = g_strdup_printf ("%u", window_ms);
  g_autofree char *budget = g_strdup_printf ("%u", requests);
  g_autoptr(LumCustomer) customer = lum_customer_new ("Acme Corp");
  g_autoptr(LumConnector) connector = NULL;

  b->engine = lum_engine_new (path, &error);
  b->service = lum_sync_service_new (b->engine);
  die_on (error);
  b->sandbox = lum_sandbox_new ();
  lum_sandbox_set_rate_limit (b->sandbox, "shipstation", requests, window_ms);
  if (requests == 0)
    {
      g_free (budget);
      budget = g_strdup ("1000000");
    }
  lum_sandbox_listen_in_thread (b->sandbox, "127.0.0.1", 0, &error);
  die_on (error);

  url = lum_sandbox_dup_base_url (b->sandbox, "shipstation");
  b->shipstation = lum_integration_new (LUM_INTEGRATION_KIND_SHIPSTATION, "Sandbox ShipStation");
  lum_integration_set_base_url (b->shipstation, url);
  lum_integration_set_setting (b->shipstation, "rate_limit_requests", budget);
  lum_integration_set_setting (b->shipstation, "rate_limit_window_ms", window);
  lum_engine_save_integration (b->engine, b->shipstation, &error);
  die_on (error);
  lum_engine_save_customer (b->engine, customer, &error);
  die_on (error);
  b->customer_id = lum_customer_get_id (customer);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *sku = g_strdup_printf ("SKU-%u", i);
      g_autoptr(LumProduct) p = lum_product_new (sku, "Product", 1000 + i, 1);
      lum_engine_save_product (b->engine, p, &error);
      die_on (error);
    }
  b->channel = lum_engine_new_channel (b->engine, &error);
  lum_channel_set_name (b->channel, "Wholesale Sales Channel");
  lum_channel_set_push_to_oms (b->channel, TRUE);
  lum_channel_set_oms_integration_id (b->channel, lum_integration_get_id (b->shipstation));
  lum_channel_set_oms_store_id (b->channel, "1001");
  lum_channel_set_invoice_timing (b->channel, timing);
  lum_channel_set_push_fulfillment_updates (b->channel, TRUE);
  lum_channel_add_mapping (b->channel, "shipping_notes", "advancedOptions.customField1");
  lum_engine_save_channel (b->engine, b->channel, &error);
  die_on (error);

  connector = lum_sync_service_get_connector (b->service, lum_integration_get_id (b->shipstation), &error);
  die_on (error);
  lum_connector_set_secret (connector, LUM_SECRET_SHIPSTATION_API_KEY, LUM_SANDBOX_SHIPSTATION_KEY);
  lum_connector_set_secret (connector, LUM_SECRET_SHIPSTATION_API_SECRET, LUM_SANDBOX_SHIPSTATION_SECRET);
}

static void
bench_clear (Bench *b)
{
  lum_sandbox_stop (b->sandbox);
  g_clear_object (&b->sandbox);
  g_clear_object (&b->channel);
  g_clear_object (&b->shipstation);
  g_clear_object (&b->service);
  g_clear_object (&b->engine);
}

static void
post_orders (Bench *b,
             guint  n)
{
  g_autoptr(GError) error = NULL;

  for (guint start = 0; start < n; start += 1000)
    {
      g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = start; i < MIN (n, start + 1000); i++)
        {
          LumDocument *doc = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);

          lum_document_set_int (doc, LUM_DOC_CHANNEL_ID, lum_channel_get_id (b->channel));
          lum_document_set_int (doc, LUM_DOC_CUSTOMER_ID, b->customer_id);
          lum_document_set_text (doc, LUM_DOC_SHIPPING_NOTES, "Dock 3");
          for (guint l = 0; l < 3; l++)
            {
              g_autofree char *sku = g_strdup_printf ("SKU-%u", l);
              g_autoptr(LumDocLine) line = lum_doc_line_new (sku, l + 1, -1);
              lum_document_add_line (doc, line);
            }
          g_ptr_array_add (docs, doc);
        }
      lum_engine_create_and_post_documents (b->engine, docs, &error);
      die_on (error);
    }
}

static void
on_run_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  lum_push_worker_run_once_finish (LUM_PUSH_WORKER (source), result, NULL, &error);
  die_on (error);
  *done = TRUE;
}

/* Runs the worker until every job is done; returns the seconds it took. */
static double
push_all (Bench *b)
{
  g_autoptr(LumPushWorker) worker = lum_push_worker_new (b->service);
  gint64 start = g_get_monotonic_time ();
  gboolean done = FALSE;

  lum_push_worker_run_once_async (worker, NULL, on_run_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  return (g_get_monotonic_time () - start) / 1e6;
}

static gint64
count (Bench      *b,
       const char *sql)
{
  LumStmt *stmt = NULL;
  gint64 n = -1;

  stmt = lum_db_prepare (lum_engine_get_db (b->engine), sql, NULL);
  if (stmt != NULL && lum_stmt_step (stmt, NULL) == LUM_STMT_ROW)
    n = lum_stmt_column_int64 (stmt, 0);
  if (stmt != NULL)
    lum_stmt_reset (stmt);
  return n;
}

typedef struct
{
  GPtrArray *shipments;
  char      *latest;
  gboolean   done;
} Fetched;

static void
on_fetched_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Fetched *fetched = user_data;
  g_autoptr(GError) error = NULL;

  fetched->shipments = lum_connector_poll_finish (LUM_CONNECTOR (source), result, &fetched->latest, &error);
  die_on (error);
  fetched->done = TRUE;
}

/* The CPU time of this thread: what the apply costs whatever else the
 * machine runs at the moment. */
static double
thread_cpu_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
run (const char       *dir,
     const char       *name,
     guint             n,
     LumInvoiceTiming  timing,
     const char       *label)
{
  Bench b = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(LumConnector) connector = NULL;
  Fetched fetched = { 0, };
  LumPollStats stats = { 0, };
  gint64 start;
  double fetch_s, apply_s, apply_cpu_s;

  bench_init (&b, dir, name, 0, 1000, timing);
  post_orders (&b, n);
  push_all (&b);
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *number = g_strdup_printf ("SO-%06u", i);
      g_autofree char *tracking = g_strdup_printf ("1ZBENCH%08u", i);
      g_autoptr(JsonObject) shipment = lum_sandbox_shipstation_ship (b.sandbox, number, "ups", tracking, NULL, &error);
      die_on (error);
    }

  connector = lum_sync_service_get_connector (b.service, lum_integration_get_id (b.shipstation), &error);
  start = g_get_monotonic_time ();
  lum_connector_poll_async (connector, "1001", NULL, NULL, on_fetched_cb, &fetched);
  while (!fetched.done)
    g_main_context_iteration (NULL, TRUE);
  fetch_s = (g_get_monotonic_time () - start) / 1e6;

  start = g_get_monotonic_time ();
  apply_cpu_s = thread_cpu_s ();
  lum_engine_apply_shipments (b.engine, lum_integration_get_id (b.shipstation), "1001", fetched.shipments,
                              fetched.latest, &stats, &error);
  die_on (error);
  apply_s = (g_get_monotonic_time () - start) / 1e6;
  apply_cpu_s = thread_cpu_s () - apply_cpu_s;

  g_print ("%s\n", label);
  g_print ("  fetched and parsed:   %u shipments in %u page requests, %.2f s (the sandbox's time included)\n",
           fetched.shipments->len, lum_sandbox_count_requests (b.sandbox, "shipstation", "GET", "/shipments"),
           fetch_s);
  g_print ("  applied by Lumen:     %u recorded in %.3f s (%.0f shipments/s), %.3f s of CPU\n",
           stats.recorded, apply_s, stats.recorded / apply_s, apply_cpu_s);
  g_print ("  invoices made:        %" G_GINT64_FORMAT "\n", count (&b, "SELECT count(*) FROM invoice"));

  g_ptr_array_unref (fetched.shipments);
  g_free (fetched.latest);
  bench_clear (&b);
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint)g_ascii_strtoull (argv[1], NULL, 10) : 10000;
  g_autofree char *dir = g_dir_make_tmp ("lumen-bench-poll-XXXXXX", NULL);

  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  run (dir, "invoiced.db", n, LUM_INVOICE_TIMING_SO_CREATED, "Invoiced with the order (shipments only):");
  run (dir, "on-shipment.db", n, LUM_INVOICE_TIMING_SHIPMENT_CREATED, "Invoiced on shipment (an invoice a shipment):");

  {
    const char *files[] = { "invoiced.db", "invoiced.db-wal", "invoiced.db-shm",
                            "on-shipment.db", "on-shipment.db-wal", "on-shipment.db-shm" };
    for (guint i = 0; i < G_N_ELEMENTS (files); i++)
      {
        g_autofree char *p = g_build_filename (dir, files[i], NULL);
        g_unlink (p);
      }
    g_rmdir (dir);
  }
  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Pushes orders to the sandbox's ShipStation through the push worker and
 * prints two figures:
 *
 *   1. throughput with no rate limit: N orders (default 10,000), orders/s;
 *   2. under ShipStation's limit of 40 requests a window, the window
 *      compressed to WINDOW_MS (default 10,000 ms for "a minute"): the
 *      requests sent as a share of the limit, the orders pushed per window
 *      (through the bulk endpoint) and the 429s met.
 *
 *   bench-push [N [WINDOW_MS [WINDOWS]]]
 *
 * Credentials are handed to the connector directly, so no keyring is needed.
 */
#include <glib/gstdio.h>
#include <math.h>

#include "lum-engine-documents.h"
#include "lum-engine-private.h"
#include "lum-engine-sync.h"
#include "lum-engine-setup.h"
#include "lum-sandbox.h"
#include "lum-secrets.h"
#include "lum-util.h"
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
bench_init (Bench      *b,
            const char *dir,
            const char *name,
            guint       requests,
            guint       window_ms)
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
  lum_channel_set_invoice_timing (b->channel, LUM_INVOICE_TIMING_SHIPMENT_CREATED);
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

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint)g_ascii_strtoull (argv[1], NULL, 10) : 10000;
  guint window_ms = argc > 2 ? (guint)g_ascii_strtoull (argv[2], NULL, 10) : 10000;
  guint windows = argc > 3 ? (guint)g_ascii_strtoull (argv[3], NULL, 10) : 4;
  g_autofree char *dir = g_dir_make_tmp ("lumen-bench-push-XXXXXX", NULL);
  Bench b = { 0, };
  double seconds;

  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  /* 1: no rate limit at the sandbox, none worth the name at the client */
  bench_init (&b, dir, "free.db", 0, 1000);
  post_orders (&b, n);
  seconds = push_all (&b);
  g_print ("no rate limit:          %u orders pushed in %.2f s: %.0f orders/s (%u bulk requests)\n",
           n, seconds, n / seconds,
           lum_sandbox_count_requests (b.sandbox, "shipstation", "POST", "/orders/createorders"));
  g_print ("                        pushed: %" G_GINT64_FORMAT ", failed: %" G_GINT64_FORMAT "\n",
           count (&b, "SELECT count(*) FROM sales_order WHERE push_status = 'pushed'"),
           count (&b, "SELECT count(*) FROM sales_order WHERE push_status = 'failed'"));
  bench_clear (&b);

  /* 2: 40 requests a compressed window, for WINDOWS windows of orders */
  {
    guint orders = windows * 40 * 100;
    guint requests;
    double elapsed_windows;
    gint64 rejected;

    bench_init (&b, dir, "limited.db", 40, window_ms);
    post_orders (&b, orders);
    seconds = push_all (&b);
    requests = lum_sandbox_count_requests (b.sandbox, "shipstation", "POST", "/orders/createorder");
    /* the service's windows open with the first request: count those begun */
    elapsed_windows = ceil (seconds * 1000.0 / window_ms);
    rejected = count (&b, "SELECT count(*) FROM event WHERE kind = 'push.retry' AND details LIKE '%429%'");
    g_print ("40 requests a %u ms window: %u orders in %.2f s (%.0f windows begun)\n",
             window_ms, orders, seconds, elapsed_windows);
    g_print ("  requests sent:        %u, %.1f%% of the limit over the windows used\n",
             requests, 100.0 * requests / (40.0 * MAX (1.0, elapsed_windows)));
    g_print ("  orders per window:    %.0f (a window stands for a minute)\n", orders / MAX (1.0, elapsed_windows));
    g_print ("  429 answers met:      %" G_GINT64_FORMAT "\n", rejected);
    g_print ("  pushed: %" G_GINT64_FORMAT " of %u\n",
             count (&b, "SELECT count(*) FROM sales_order WHERE push_status = 'pushed'"), orders);
    bench_clear (&b);
  }

  {
    const char *files[] = { "free.db", "free.db-wal", "free.db-shm", "limited.db", "limited.db-wal", "limited.db-shm" };
    for (guint i = 0; i < G_N_ELEMENTS (files); i++)
      {
        g_autofree char *p = g_build_filename (dir, files[i], NULL);
        g_unlink (p);
      }
    g_rmdir (dir);
  }
  return 0;
}

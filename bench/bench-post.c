/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Posts N three-line sales orders through the engine (each one create and
 * post in one transaction: documents, events and the push job) and, in the
 * same run, inserts the same rows with plain prepared statements into a
 * fresh database of the same schema. Prints both rates and their ratio.
 *
 *   bench-post [N [BATCH]]    (defaults: 100000 orders, 1000 a transaction)
 *
 * BATCH 1 is a clerk posting orders one by one; a larger one is an import
 * posting many in one transaction. The baseline commits the same way.
 */
#include <glib/gstdio.h>

#include "lum-engine-documents.h"
#include "lum-engine-private.h"
#include "lum-engine-setup.h"
#include "lum-util.h"


static LumEngine *
open_engine (const char *dir,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  LumEngine *engine = lum_engine_new (path, &error);

  if (engine == NULL)
    g_error ("%s", error->message);
  return engine;
}

static LumChannel *
setup (LumEngine *engine,
       gint64    *customer_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumIntegration) ss = lum_integration_new (LUM_INTEGRATION_KIND_SHIPSTATION, "ShipStation");
  g_autoptr(LumCustomer) customer = lum_customer_new ("Acme Corp");
  LumChannel *channel;

  if (!lum_engine_save_integration (engine, ss, &error) ||
      !lum_engine_save_customer (engine, customer, &error))
    g_error ("%s", error->message);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *sku = g_strdup_printf ("SKU-%u", i);
      g_autoptr(LumProduct) p = lum_product_new (sku, "Product", 1000 + i, 1);
      if (!lum_engine_save_product (engine, p, &error))
        g_error ("%s", error->message);
    }
  channel = lum_engine_new_channel (engine, &error);
  lum_channel_set_name (channel, "Wholesale Sales Channel");
  lum_channel_set_push_to_oms (channel, TRUE);
  lum_channel_set_oms_integration_id (channel, lum_integration_get_id (ss));
  lum_channel_set_oms_store_id (channel, "1001");
  lum_channel_set_push_delay_minutes (channel, 15);
  lum_channel_set_invoice_timing (channel, LUM_INVOICE_TIMING_SHIPMENT_CREATED);
  lum_channel_add_mapping (channel, "shipping_notes", "shippingNotes");
  if (!lum_engine_save_channel (engine, channel, &error))
    g_error ("%s", error->message);
  *customer_id = lum_customer_get_id (customer);
  return channel;
}

static LumDocument *
make_order (LumChannel *channel,
            gint64      customer_id)
{
  LumDocument *doc = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);

  lum_document_set_int (doc, LUM_DOC_CHANNEL_ID, lum_channel_get_id (channel));
  lum_document_set_int (doc, LUM_DOC_CUSTOMER_ID, customer_id);
  lum_document_set_text (doc, LUM_DOC_SHIPPING_NOTES, "Dock 3");
  for (guint l = 0; l < 3; l++)
    {
      g_autofree char *sku = g_strdup_printf ("SKU-%u", l);
      g_autoptr(LumDocLine) line = lum_doc_line_new (sku, l + 1, -1);
      lum_document_add_line (doc, line);
    }
  return doc;
}

/* batch 1: lum_engine_create_and_post_document(), one transaction an order;
 * more: lum_engine_create_and_post_documents() in transactions of @batch. */
static double
run_engine (LumEngine *engine,
            guint      n,
            guint      batch)
{
  g_autoptr(GError) error = NULL;
  gint64 customer_id;
  g_autoptr(LumChannel) channel = setup (engine, &customer_id);
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < n; i += batch)
    {
      g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint j = i; j < MIN (n, i + batch); j++)
        g_ptr_array_add (docs, make_order (channel, customer_id));
      if (batch == 1
          ? !lum_engine_create_and_post_document (engine, g_ptr_array_index (docs, 0), &error)
          : !lum_engine_create_and_post_documents (engine, docs, &error))
        g_error ("order %u: %s", i, error->message);
    }
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static sqlite3_stmt *
prepare (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  return stmt;
}

static void
step_reset (sqlite3_stmt *stmt)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    g_error ("%s", sqlite3_errmsg (sqlite3_db_handle (stmt)));
  sqlite3_reset (stmt);
}

/* The same rows an order of the engine run leaves, written directly. */
static double
run_baseline (LumEngine *engine,
              guint      n,
              guint      batch)
{
  gint64 customer_id;
  g_autoptr(LumChannel) channel = setup (engine, &customer_id);
  sqlite3 *db = lum_db_get_handle (lum_engine_get_db (engine));
  gint64 config_id;
  sqlite3_stmt *seq = prepare (db, "UPDATE doc_sequence SET next_value = next_value + 1 WHERE name = 'sales_order' RETURNING next_value - 1");
  sqlite3_stmt *order = prepare (db, "INSERT INTO sales_order (number, uuid, channel_id, customer_id, customer_key, status,"
                                     " shipping_notes, total_cents, push_status, push_due_at, fulfillment_status, config_id,"
                                     " created_at, posted_at, updated_at) VALUES (?, ?, ?, ?, 'acme corp', 'posted', 'Dock 3',"
                                     " ?, 'scheduled', ?, 'unfulfilled', ?, ?, ?, ?)");
  sqlite3_stmt *line = prepare (db, "INSERT INTO sales_order_line (order_id, position, sku, description, quantity,"
                                    " unit_price_cents) VALUES (?, ?, ?, 'Product', ?, ?)");
  sqlite3_stmt *job = prepare (db, "INSERT INTO job (kind, integration_id, sales_order_id, state, due_at, request_id,"
                                   " created_at, updated_at) VALUES ('push-sales-order', ?, ?, 'scheduled', ?, ?, ?, ?)");
  sqlite3_stmt *event = prepare (db, "INSERT INTO event (at, actor, kind, channel_id, sales_order_id, job_id, details)"
                                     " VALUES (?, 'user', ?, ?, ?, ?, ?)");
  const char *kinds[] = { "order.created", "order.posted", "push.scheduled" };
  gint64 start = g_get_monotonic_time ();

  /* The configuration the orders are posted under is kept once for all. */
  exec_or_die (db, "INSERT INTO posted_config (config) VALUES ('{\"name\":\"Wholesale Sales Channel\",\"push_to_oms\":true}')");
  config_id = sqlite3_last_insert_rowid (db);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *request = g_uuid_string_random ();
      g_autofree char *now = lum_time_format (g_get_real_time ());
      g_autofree char *due = lum_time_format (g_get_real_time () + 15 * 60 * G_USEC_PER_SEC);
      g_autofree char *number = NULL;
      gint64 order_id, job_id;

      if (i % batch == 0)
        exec_or_die (db, "BEGIN IMMEDIATE");
      sqlite3_step (seq);
      number = g_strdup_printf ("SO-%06lld", (long long)sqlite3_column_int64 (seq, 0));
      sqlite3_reset (seq);

      sqlite3_bind_text (order, 1, number, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (order, 2, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (order, 3, lum_channel_get_id (channel));
      sqlite3_bind_int64 (order, 4, customer_id);
      sqlite3_bind_int64 (order, 5, 6006);
      sqlite3_bind_text (order, 6, due, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (order, 7, config_id);
      sqlite3_bind_text (order, 8, now, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (order, 9, now, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (order, 10, now, -1, SQLITE_TRANSIENT);
      step_reset (order);
      order_id = sqlite3_last_insert_rowid (db);

      for (guint l = 0; l < 3; l++)
        {
          g_autofree char *sku = g_strdup_printf ("SKU-%u", l);
          sqlite3_bind_int64 (line, 1, order_id);
          sqlite3_bind_int (line, 2, l);
          sqlite3_bind_text (line, 3, sku, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int (line, 4, l + 1);
          sqlite3_bind_int (line, 5, 1000 + l);
          step_reset (line);
        }

      sqlite3_bind_int64 (job, 1, 1);
      sqlite3_bind_int64 (job, 2, order_id);
      sqlite3_bind_text (job, 3, due, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (job, 4, request, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (job, 5, now, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (job, 6, now, -1, SQLITE_TRANSIENT);
      step_reset (job);
      job_id = sqlite3_last_insert_rowid (db);

      for (guint e = 0; e < G_N_ELEMENTS (kinds); e++)
        {
          sqlite3_bind_text (event, 1, now, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (event, 2, kinds[e], -1, SQLITE_STATIC);
          sqlite3_bind_int64 (event, 3, lum_channel_get_id (channel));
          sqlite3_bind_int64 (event, 4, order_id);
          if (e == 2)
            sqlite3_bind_int64 (event, 5, job_id);
          else
            sqlite3_bind_null (event, 5);
          sqlite3_bind_text (event, 6, "{\"number\":\"SO-000001\"}", -1, SQLITE_STATIC);
          step_reset (event);
        }
      if (i % batch == batch - 1 || i == n - 1)
        exec_or_die (db, "COMMIT");
    }

  sqlite3_finalize (seq);
  sqlite3_finalize (order);
  sqlite3_finalize (line);
  sqlite3_finalize (job);
  sqlite3_finalize (event);
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint)g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  guint batch = argc > 2 ? MAX (1, (guint)g_ascii_strtoull (argv[2], NULL, 10)) : 1000;
  g_autofree char *dir = g_dir_make_tmp ("lumen-bench-XXXXXX", NULL);
  double engine_s, baseline_s;

  {
    g_autoptr(LumEngine) engine = open_engine (dir, "engine.db");
    engine_s = run_engine (engine, n, batch);
  }
  {
    g_autoptr(LumEngine) engine = open_engine (dir, "baseline.db");
    baseline_s = run_baseline (engine, n, batch);
  }

  g_print ("orders posted:         %u (3 lines, 3 events and 1 push job each), %u a transaction\n", n, batch);
  g_print ("engine:                %.2f s, %.0f orders/s\n", engine_s, n / engine_s);
  g_print ("plain SQLite baseline: %.2f s, %.0f orders/s\n", baseline_s, n / baseline_s);
  g_print ("engine / baseline:     %.2fx the baseline's time\n", engine_s / baseline_s);

  {
    g_autofree char *a = g_build_filename (dir, "engine.db", NULL);
    g_autofree char *b = g_build_filename (dir, "baseline.db", NULL);
    const char *suffixes[] = { "", "-wal", "-shm" };
    for (guint i = 0; i < 3; i++)
      {
        g_autofree char *x = g_strconcat (a, suffixes[i], NULL);
        g_autofree char *y = g_strconcat (b, suffixes[i], NULL);
        g_unlink (x);
        g_unlink (y);
      }
    g_rmdir (dir);
  }
  return 0;
}

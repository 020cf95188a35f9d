/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Posts N three-line sales orders through the engine (each one create and
 * post in one transaction: documents, events and the push job) and, in the
 * same run, inserts the same rows with plain prepared statements into a
 * fresh database of the same schema. Prints both rates and their ratio.
 *
 *   bench-post [N [BATCH]]    (defaults: 100000 orders, 1000 a transaction)
 *   bench-post --desks [N]    (N orders a desk, default 2000)
 *
 * --desks: 1, 4 and 8 desks, each a process posting orders one by one
 * into one database, on SQLite (a file) and, when $LUMEN_BENCH_DB is a
 * PostgreSQL URL, on that server in the same run; orders/s of all desks
 * together, and a check that the numbers have no gap.
 *
 * BATCH 1 is a clerk posting orders one by one; a larger one is an import
 * posting many in one transaction. The baseline commits the same way.
 */
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "lum-engine-documents.h"
#include "lum-engine-private.h"
#include "lum-engine-setup.h"
#include "lum-util.h"


/* A fresh database: a file in @dir, or on a PostgreSQL server (a URL in
 * @server) a new schema a run. */
static char *
new_database (const char *dir,
              const char *name,
              const char *server)
{
  g_autoptr(GError) error = NULL;

  if (server != NULL && *server != '\0')
    {
      g_autoptr(LumDb) admin = lum_db_open (server, &error);
      g_autofree char *schema = g_strdup_printf ("bench_%u_%u", (guint)getpid (), g_random_int ());
      g_autofree char *create = g_strdup_printf ("CREATE SCHEMA %s", schema);

      if (admin == NULL || !lum_db_exec (admin, create, &error))
        g_error ("%s", error->message);
      return g_strdup_printf ("%s%soptions=-csearch_path%%3D%s", server, strchr (server, '?') ? "&" : "?", schema);
    }
  return g_build_filename (dir, name, NULL);
}

static LumEngine *
open_path (const char *path)
{
  g_autoptr(GError) error = NULL;
  LumEngine *engine = lum_engine_new (path, &error);

  if (engine == NULL)
    g_error ("%s", error->message);
  return engine;
}

static LumEngine *
open_engine (const char *dir,
             const char *name)
{
  g_autofree char *path = new_database (dir, name, g_getenv ("LUMEN_BENCH_DB"));

  return open_path (path);
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
exec_or_die (LumDb      *db,
             const char *sql)
{
  g_autoptr(GError) error = NULL;

  if (!lum_db_exec (db, sql, &error))
    g_error ("%s: %s", sql, error->message);
}

/* From the database's cache: not finalized. */
static LumStmt *
prepare (LumDb      *db,
         const char *sql)
{
  g_autoptr(GError) error = NULL;
  LumStmt *stmt = lum_db_prepare (db, sql, &error);

  if (stmt == NULL)
    g_error ("%s: %s", sql, error->message);
  return stmt;
}

static void
step_reset (LumStmt *stmt)
{
  g_autoptr(GError) error = NULL;

  if (lum_stmt_step (stmt, &error) == LUM_STMT_ERROR)
    g_error ("%s", error->message);
  lum_stmt_reset (stmt);
}

/* The same rows an order of the engine run leaves, written directly. */
static double
run_baseline (LumEngine *engine,
              guint      n,
              guint      batch)
{
  gint64 customer_id;
  g_autoptr(LumChannel) channel = setup (engine, &customer_id);
  LumDb *db = lum_engine_get_db (engine);
  gint64 config_id;
  LumStmt *seq = prepare (db, "UPDATE doc_sequence SET next_value = next_value + 1 WHERE name = 'sales_order' RETURNING next_value - 1");
  LumStmt *order = prepare (db, "INSERT INTO sales_order (number, uuid, channel_id, customer_id, customer_key, status,"
                                     " shipping_notes, total_cents, push_status, push_due_at, fulfillment_status, config_id,"
                                     " created_at, posted_at, updated_at) VALUES (?, ?, ?, ?, 'acme corp', 'posted', 'Dock 3',"
                                     " ?, 'scheduled', ?, 'unfulfilled', ?, ?, ?, ?)");
  LumStmt *line = prepare (db, "INSERT INTO sales_order_line (order_id, position, sku, description, quantity,"
                                    " unit_price_cents) VALUES (?, ?, ?, 'Product', ?, ?)");
  LumStmt *job = prepare (db, "INSERT INTO job (kind, integration_id, sales_order_id, state, due_at, request_id,"
                                   " created_at, updated_at) VALUES ('push-sales-order', ?, ?, 'scheduled', ?, ?, ?, ?)");
  LumStmt *event = prepare (db, "INSERT INTO event (at, actor, kind, channel_id, sales_order_id, job_id, details)"
                                     " VALUES (?, 'user', ?, ?, ?, ?, ?)");
  const char *kinds[] = { "order.created", "order.posted", "push.scheduled" };
  gint64 start = g_get_monotonic_time ();

  /* The configuration the orders are posted under is kept once for all. */
  exec_or_die (db, "INSERT INTO posted_config (config) VALUES ('{\"name\":\"Wholesale Sales Channel\",\"push_to_oms\":true}')");
  config_id = lum_db_last_insert_id (db);

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
      lum_stmt_step (seq, NULL);
      number = g_strdup_printf ("SO-%06lld", (long long)lum_stmt_column_int64 (seq, 0));
      lum_stmt_reset (seq);

      lum_stmt_bind_text (order, 1, number);
      lum_stmt_bind_text (order, 2, uuid);
      lum_stmt_bind_int64 (order, 3, lum_channel_get_id (channel));
      lum_stmt_bind_int64 (order, 4, customer_id);
      lum_stmt_bind_int64 (order, 5, 6006);
      lum_stmt_bind_text (order, 6, due);
      lum_stmt_bind_int64 (order, 7, config_id);
      lum_stmt_bind_text (order, 8, now);
      lum_stmt_bind_text (order, 9, now);
      lum_stmt_bind_text (order, 10, now);
      step_reset (order);
      order_id = lum_db_last_insert_id (db);

      for (guint l = 0; l < 3; l++)
        {
          g_autofree char *sku = g_strdup_printf ("SKU-%u", l);
          lum_stmt_bind_int64 (line, 1, order_id);
          lum_stmt_bind_int (line, 2, l);
          lum_stmt_bind_text (line, 3, sku);
          lum_stmt_bind_int (line, 4, l + 1);
          lum_stmt_bind_int (line, 5, 1000 + l);
          step_reset (line);
        }

      lum_stmt_bind_int64 (job, 1, 1);
      lum_stmt_bind_int64 (job, 2, order_id);
      lum_stmt_bind_text (job, 3, due);
      lum_stmt_bind_text (job, 4, request);
      lum_stmt_bind_text (job, 5, now);
      lum_stmt_bind_text (job, 6, now);
      step_reset (job);
      job_id = lum_db_last_insert_id (db);

      for (guint e = 0; e < G_N_ELEMENTS (kinds); e++)
        {
          lum_stmt_bind_text (event, 1, now);
          lum_stmt_bind_static_text (event, 2, kinds[e]);
          lum_stmt_bind_int64 (event, 3, lum_channel_get_id (channel));
          lum_stmt_bind_int64 (event, 4, order_id);
          if (e == 2)
            lum_stmt_bind_int64 (event, 5, job_id);
          else
            lum_stmt_bind_null (event, 5);
          lum_stmt_bind_static_text (event, 6, "{\"number\":\"SO-000001\"}");
          step_reset (event);
        }
      if (i % batch == batch - 1 || i == n - 1)
        exec_or_die (db, "COMMIT");
    }

  return (g_get_monotonic_time () - start) / 1e6;
}

/* A desk: its own process and connection, posting @n orders one by one
 * once the parent says go (end of input on @go). */
static void G_GNUC_NORETURN
run_desk (const char *path,
          gint64      channel_id,
          gint64      customer_id,
          guint       n,
          int         ready,
          int         go)
{
  g_autoptr(GError) error = NULL;
  LumEngine *engine;
  g_autoptr(LumChannel) channel = NULL;
  char byte = 0;

  /* the uuids come from GLib's generator, which fork copied: a seed of
   * its own a desk, the pid, which no two living desks share */
  g_random_set_seed ((guint32)getpid ());
  engine = open_path (path);
  channel = lum_engine_get_channel (engine, channel_id, &error);

  if (channel == NULL)
    g_error ("%s", error->message);
  if (write (ready, &byte, 1) != 1 || read (go, &byte, 1) != 0)
    g_error ("desk: the parent went away");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LumDocument) doc = make_order (channel, customer_id);

      if (!lum_engine_create_and_post_document (engine, doc, &error))
        g_error ("desk %d, order %u: %s", (int)getpid (), i, error->message);
    }
  g_object_unref (engine);
  _exit (0);
}

static void
run_desks (const char *label,
           const char *path,
           guint       n_desks,
           guint       n)
{
  g_autoptr(GError) error = NULL;
  gint64 channel_id, customer_id, start, count = 0;
  g_autofree char *highest = NULL;
  int ready[2], go[2];
  double seconds;
  LumStmt *stmt;

  {
    g_autoptr(LumEngine) engine = open_path (path);
    g_autoptr(LumChannel) channel = setup (engine, &customer_id);

    channel_id = lum_channel_get_id (channel);
  }
  if (pipe (ready) != 0 || pipe (go) != 0)
    g_error ("pipe failed");
  for (guint d = 0; d < n_desks; d++)
    {
      pid_t pid = fork ();

      if (pid < 0)
        g_error ("fork failed");
      if (pid == 0)
        {
          close (ready[0]);
          close (go[1]);
          run_desk (path, channel_id, customer_id, n, ready[1], go[0]);
        }
    }
  close (ready[1]);
  close (go[0]);
  for (guint d = 0; d < n_desks; d++)
    {
      char byte;

      if (read (ready[0], &byte, 1) != 1)
        g_error ("a desk did not start");
    }
  start = g_get_monotonic_time ();
  close (go[1]);
  for (guint d = 0; d < n_desks; d++)
    {
      int status;

      if (wait (&status) < 0 || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
        g_error ("a desk failed");
    }
  seconds = (g_get_monotonic_time () - start) / 1e6;
  close (ready[0]);

  {
    g_autoptr(LumEngine) engine = open_path (path);

    stmt = lum_db_prepare (lum_engine_get_db (engine), "SELECT count (*), max (number) FROM sales_order", &error);
    if (stmt == NULL || lum_stmt_step (stmt, &error) != LUM_STMT_ROW)
      g_error ("%s", error->message);
    count = lum_stmt_column_int64 (stmt, 0);
    highest = lum_db_column_dup_text (stmt, 1);
    lum_stmt_reset (stmt);
  }
  g_print ("%-10s %u desk%s  %6u orders  %6.2f s  %7.0f orders/s  (last number %s%s)\n",
           label, n_desks, n_desks == 1 ? " " : "s", n_desks * n, seconds, n_desks * n / seconds, highest,
           count == (gint64)n_desks * n ? "" : ", ORDERS MISSING");
  {
    g_autofree char *expected = g_strdup_printf ("SO-%06u", n_desks * n);

    if (count != (gint64)n_desks * n || g_strcmp0 (highest, expected) != 0)
      g_error ("%s: %" G_GINT64_FORMAT " orders, the last %s: numbers with a gap", label, count, highest);
  }
}

static int
main_desks (guint n)
{
  const guint desks[] = { 1, 4, 8 };
  const char *server = g_getenv ("LUMEN_BENCH_DB");
  g_autofree char *dir = g_dir_make_tmp ("lumen-bench-XXXXXX", NULL);

  g_print ("desks posting orders one by one (3 lines, 3 events and 1 push job each), %u a desk\n", n);
  for (guint i = 0; i < G_N_ELEMENTS (desks); i++)
    {
      g_autofree char *name = g_strdup_printf ("desks-%u.db", desks[i]);
      g_autofree char *file = new_database (dir, name, NULL);

      run_desks ("SQLite", file, desks[i], n);
      if (server != NULL && *server != '\0')
        {
          g_autofree char *url = new_database (dir, name, server);

          run_desks ("PostgreSQL", url, desks[i], n);
        }
    }
  if (server == NULL || *server == '\0')
    g_print ("(PostgreSQL: set LUMEN_BENCH_DB to a server's URL, e.g. under tests/pg-cluster.sh start DIR)\n");
  g_print ("(the files are left in %s)\n", dir);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint)g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  guint batch = argc > 2 ? MAX (1, (guint)g_ascii_strtoull (argv[2], NULL, 10)) : 1000;
  g_autofree char *dir = g_dir_make_tmp ("lumen-bench-XXXXXX", NULL);
  double engine_s, baseline_s;

  if (argc > 1 && g_str_equal (argv[1], "--desks"))
    {
      g_rmdir (dir);
      return main_desks (argc > 2 ? MAX (1, (guint)g_ascii_strtoull (argv[2], NULL, 10)) : 2000);
    }

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

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "lum-test-sandbox.h"
#include "lum-engine-fulfillments.h"
#include "lum-engine-setup.h"
#include "lum-engine-warehouses.h"
#include "lum-util.h"
#include "sync/lum-stock-reader.h"

/* Split fulfillment against the sandbox: an order of a channel that splits
 * when short, which no warehouse of its group can ship whole, goes to
 * Extensiv as one order a warehouse, `SO-…-1` and `-2`, each once. */

typedef struct
{
  LumTestWorld world;
  LumChannel  *channel;
} Fixture;

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
on_read_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  gboolean *done = user_data;
  g_auto(GStrv) failures = NULL;
  guint n_read = 0;

  g_assert_true (lum_stock_reader_read_finish (LUM_STOCK_READER (source), result, &n_read, &failures, NULL));
  g_assert_cmpuint (g_strv_length (failures), ==, 0);
  *done = TRUE;
}

static void
read_stock (Fixture *f)
{
  gboolean done = FALSE;

  lum_stock_reader_read_async (lum_sync_service_get_stock_reader (f->world.service), NULL, NULL, on_read_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
link_warehouse (Fixture    *f,
                const char *code,
                const char *remote_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lum_engine_link_warehouse (f->world.engine, code, f->world.extensiv, remote_id, NULL, &error));
  g_assert_no_error (error);
}

/* Group EAST (Extensiv facility 2), then MAIN (facility 1). East has all
 * of SKU-A (2) and too little SKU-B (4), Main has SKU-B. */
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
  east = lum_engine_add_warehouse (f->world.engine, "EAST", "East", &error);
  g_assert_no_error (error);
  group = lum_engine_find_warehouse_group (f->world.engine, "Default Warehouse Group", &error);
  g_assert_no_error (error);
  g_assert_true (lum_engine_set_group_warehouses (f->world.engine, lum_warehouse_group_get_id (group), codes, &error));
  link_warehouse (f, "EAST", "2");
  link_warehouse (f, "MAIN", "1");
  control (f, "/extensiv/stock", "{\"facilityId\": 2, \"sku\": \"SKU-A\", \"onHand\": 5}");
  control (f, "/extensiv/stock", "{\"facilityId\": 2, \"sku\": \"SKU-B\", \"onHand\": 3}");
  control (f, "/extensiv/stock", "{\"facilityId\": 1, \"sku\": \"SKU-B\", \"onHand\": 10}");
  read_stock (f);
  f->channel = lum_test_world_channel (&f->world, "3PL", f->world.extensiv, "1:1", LUM_PUSH_DELAY_IMMEDIATE,
                                       LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->channel);
  lum_test_world_clear (&f->world);
}

static void
set_splits (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  lum_channel_set_when_short (f->channel, LUM_WHEN_SHORT_SPLIT);
  g_assert_true (lum_engine_save_channel (f->world.engine, f->channel, &error));
  g_assert_no_error (error);
}

static gint64
facility_of (JsonObject *remote)
{
  return json_object_get_int_member (json_object_get_object_member (json_object_get_object_member (remote, "readOnly"),
                                                                    "facilityIdentifier"), "id");
}

/* "SKU:qty,…" of a remote Extensiv order */
static char *
remote_lines (JsonObject *remote)
{
  JsonArray *items = json_object_get_array_member (remote, "orderItems");
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonObject *sku = json_object_get_object_member (item, "itemIdentifier");

      g_string_append_printf (text, "%s%s:%" G_GINT64_FORMAT, i ? "," : "", json_object_get_string_member (sku, "sku"),
                              json_object_get_int_member (item, "qty"));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GPtrArray *
fulfillments (Fixture     *f,
              LumDocument *order)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = lum_engine_list_fulfillments (f->world.engine, lum_document_get_id (order), &error);

  g_assert_no_error (error);
  return list;
}

/* A channel that holds (the default) pushes the order whole, as before. */
static void
test_hold_pushes_whole (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(GPtrArray) list = NULL;

  SKIP_WITHOUT_KEYRING ();
  order = lum_test_world_post_order (&f->world, f->channel, "Dock 1");
  g_assert_cmpuint (lum_test_world_push (&f->world), ==, 1);
  g_assert_nonnull (lum_test_world_remote_order (&f->world, "extensiv", "referenceNum", lum_document_get_number (order)));
  g_assert_cmpuint (lum_test_world_count_remote (&f->world, "extensiv", "orders"), ==, 1);
  list = fulfillments (f, order);
  g_assert_cmpuint (list->len, ==, 0);
}

static void
test_split_pushes_each (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumDocument) after = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *first_lines = NULL;
  g_autofree char *second_lines = NULL;
  JsonObject *remote;
  LumFulfillment *east, *main;

  SKIP_WITHOUT_KEYRING ();
  set_splits (f);
  order = lum_test_world_post_order (&f->world, f->channel, "Dock 1");
  list = fulfillments (f, order);
  g_assert_cmpuint (list->len, ==, 2);
  east = g_ptr_array_index (list, 0);
  main = g_ptr_array_index (list, 1);
  g_assert_cmpstr (east->warehouse_code, ==, "EAST");
  g_assert_cmpstr (main->warehouse_code, ==, "MAIN");
  g_assert_cmpstr (east->push_state, ==, "scheduled");

  g_assert_cmpuint (lum_test_world_push (&f->world), ==, 2);
  g_assert_cmpuint (lum_test_world_count_remote (&f->world, "extensiv", "orders"), ==, 2);
  g_assert_null (lum_test_world_remote_order (&f->world, "extensiv", "referenceNum", lum_document_get_number (order)));
  first = g_strdup_printf ("%s-1", lum_document_get_number (order));
  second = g_strdup_printf ("%s-2", lum_document_get_number (order));
  remote = lum_test_world_remote_order (&f->world, "extensiv", "referenceNum", first);
  g_assert_nonnull (remote);
  g_assert_cmpint (facility_of (remote), ==, 2);
  first_lines = remote_lines (remote);
  g_assert_cmpstr (first_lines, ==, "SKU-A:2");
  remote = lum_test_world_remote_order (&f->world, "extensiv", "referenceNum", second);
  g_assert_nonnull (remote);
  g_assert_cmpint (facility_of (remote), ==, 1);
  second_lines = remote_lines (remote);
  g_assert_cmpstr (second_lines, ==, "SKU-B:4");

  after = lum_test_world_reload (&f->world, order);
  g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_PUSH_STATUS), ==, "pushed");
  g_clear_pointer (&list, g_ptr_array_unref);
  list = fulfillments (f, order);
  for (guint i = 0; i < list->len; i++)
    {
      LumFulfillment *fl = g_ptr_array_index (list, i);

      g_assert_cmpstr (fl->push_state, ==, "pushed");
      g_assert_false (lum_str_empty (fl->remote_id));
    }

  /* nothing left to send: each went once */
  g_assert_cmpuint (lum_test_world_push (&f->world), ==, 0);
  g_assert_cmpuint (lum_test_world_count_remote (&f->world, "extensiv", "orders"), ==, 2);
}

/* When the first warehouse has everything, a split channel's order goes
 * whole, under its own number. */
static void
test_split_not_needed (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(GPtrArray) list = NULL;

  SKIP_WITHOUT_KEYRING ();
  set_splits (f);
  control (f, "/extensiv/stock", "{\"facilityId\": 2, \"sku\": \"SKU-B\", \"onHand\": 4}");
  read_stock (f);
  order = lum_test_world_post_order (&f->world, f->channel, "Dock 1");
  list = fulfillments (f, order);
  g_assert_cmpuint (list->len, ==, 0);
  g_assert_cmpuint (lum_test_world_push (&f->world), ==, 1);
  g_assert_nonnull (lum_test_world_remote_order (&f->world, "extensiv", "referenceNum", lum_document_get_number (order)));
}

static void
set_faults (Fixture    *f,
            const char *spec)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, spec, -1, NULL));
  g_assert_true (lum_sandbox_set_faults (f->world.sandbox, json_node_get_object (json_parser_get_root (parser)), &error));
  g_assert_no_error (error);
}

static guint
count_remote_number (Fixture    *f,
                     const char *number)
{
  g_autoptr(JsonNode) records = lum_sandbox_dup_records (f->world.sandbox, "extensiv", "orders");
  JsonArray *list = json_node_get_array (records);
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (list); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (list, i), "referenceNum"), number) == 0)
      n++;
  return n;
}

/* The answer to the first fulfillment order's creation is lost: the next
 * worker (each push is a fresh one) finds it by its own number in its own
 * facility and does not create it again, nor the other. */
static void
test_exactly_once (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumDocument) after = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  SKIP_WITHOUT_KEYRING ();
  set_splits (f);
  order = lum_test_world_post_order (&f->world, f->channel, "Dock 1");
  first = g_strdup_printf ("%s-1", lum_document_get_number (order));
  second = g_strdup_printf ("%s-2", lum_document_get_number (order));
  set_faults (f, "{\"service\": \"extensiv\", \"reset_after_request\": 1, \"path\": \"/orders\"}");
  lum_test_world_push (&f->world);
  lum_sandbox_clear_faults (f->world.sandbox, "extensiv");
  g_assert_cmpuint (count_remote_number (f, first), ==, 1);
  after = lum_test_world_reload (&f->world, order);
  g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_PUSH_STATUS), !=, "pushed");

  for (guint i = 0; i < 3; i++)
    {
      lum_test_world_advance (&f->world, 60);
      lum_test_world_push (&f->world);
    }
  g_assert_cmpuint (count_remote_number (f, first), ==, 1);
  g_assert_cmpuint (count_remote_number (f, second), ==, 1);
  g_assert_cmpuint (lum_test_world_count_remote (&f->world, "extensiv", "orders"), ==, 2);
  g_clear_object (&after);
  after = lum_test_world_reload (&f->world, order);
  g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_PUSH_STATUS), ==, "pushed");
}

static guint
count_jobs (Fixture     *f,
            LumDocument *order,
            LumJobKind   kind,
            const char  *state)
{
  LumJobFilter filter = { lum_document_get_id (order), 0, state, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) jobs = lum_engine_list_jobs (f->world.engine, &filter, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (jobs)); i++)
    {
      g_autoptr(LumJob) job = g_list_model_get_item (G_LIST_MODEL (jobs), i);

      if (lum_job_get_kind (job) == kind && lum_job_get_int (job, LUM_JOB_FULFILLMENT_ID) != 0)
        n++;
    }
  return n;
}

/* Cancelled before its push: every fulfillment order's push is cancelled,
 * nothing is sent. */
static void
test_cancel_before_push (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  SKIP_WITHOUT_KEYRING ();
  g_clear_object (&f->channel);
  f->channel = lum_test_world_channel (&f->world, "Later", f->world.extensiv, "1:1", 30,
                                       LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);
  set_splits (f);
  order = lum_test_world_post_order (&f->world, f->channel, "Dock 1");
  g_assert_true (lum_engine_cancel_order (f->world.engine, lum_document_get_id (order), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_jobs (f, order, LUM_JOB_KIND_PUSH_SALES_ORDER, "cancelled"), ==, 2);
  g_assert_cmpuint (count_jobs (f, order, LUM_JOB_KIND_CANCEL_SALES_ORDER, NULL), ==, 0);
  lum_test_world_advance (&f->world, 60);
  g_assert_cmpuint (lum_test_world_push (&f->world), ==, 0);
  g_assert_cmpuint (lum_test_world_count_remote (&f->world, "extensiv", "orders"), ==, 0);
  list = fulfillments (f, order);
  for (guint i = 0; i < list->len; i++)
    g_assert_cmpstr (((LumFulfillment *)g_ptr_array_index (list, i))->push_state, ==, "cancelled");
}

/* Cancelled once pushed: each fulfillment order is cancelled at Extensiv
 * by a job of its own. */
static void
test_cancel_after_push (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  SKIP_WITHOUT_KEYRING ();
  set_splits (f);
  order = lum_test_world_post_order (&f->world, f->channel, "Dock 1");
  g_assert_cmpuint (lum_test_world_push (&f->world), ==, 2);
  g_assert_true (lum_engine_cancel_order (f->world.engine, lum_document_get_id (order), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_jobs (f, order, LUM_JOB_KIND_CANCEL_SALES_ORDER, "scheduled"), ==, 2);
  g_assert_cmpuint (lum_test_world_push (&f->world), ==, 2);
  g_assert_cmpuint (count_jobs (f, order, LUM_JOB_KIND_CANCEL_SALES_ORDER, "done"), ==, 2);
  list = fulfillments (f, order);
  for (guint i = 0; i < list->len; i++)
    g_assert_cmpstr (((LumFulfillment *)g_ptr_array_index (list, i))->push_state, ==, "cancelled");
}

static void
close_remote (Fixture    *f,
              const char *number,
              const char *tracking)
{
  g_autofree char *body = g_strdup_printf ("{\"referenceNum\": \"%s\", \"trackingNumber\": \"%s\"}", number, tracking);

  control (f, "/extensiv/close", body);
}

/* "SKU:qty,…" of an invoice */
static char *
invoice_lines (Fixture    *f,
               const char *number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumDocument) invoice = lum_engine_find_document (f->world.engine, LUM_DOCUMENT_KIND_INVOICE, number, &error);
  g_autoptr(GString) text = g_string_new (NULL);
  GListModel *lines;

  g_assert_no_error (error);
  lines = lum_document_get_lines (invoice);
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(LumDocLine) line = g_list_model_get_item (lines, i);

      g_string_append_printf (text, "%s%s:%" G_GINT64_FORMAT, i ? "," : "", lum_doc_line_get_sku (line),
                              lum_doc_line_get_quantity (line));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Each fulfillment order ships on its own: its shipment rolls up to the
 * sales order (partly shipped after the first, shipped after both) and is
 * invoiced for what it shipped. */
static void
test_roll_up (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumDocument) after = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_auto(GStrv) invoices = NULL;
  g_autofree char *first_lines = NULL;
  g_autofree char *second_lines = NULL;
  LumPollStats stats;

  SKIP_WITHOUT_KEYRING ();
  set_splits (f);
  order = lum_test_world_post_order (&f->world, f->channel, "Dock 1");
  g_assert_cmpuint (lum_test_world_push (&f->world), ==, 2);
  first = g_strdup_printf ("%s-1", lum_document_get_number (order));
  second = g_strdup_printf ("%s-2", lum_document_get_number (order));

  close_remote (f, second, "1ZMAIN");
  stats = lum_test_world_poll (&f->world);
  g_assert_cmpuint (stats.recorded, ==, 1);
  g_assert_cmpuint (stats.unknown, ==, 0);
  after = lum_test_world_reload (&f->world, order);
  g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_FULFILLMENT_STATUS), ==, "partially-fulfilled");
  invoices = lum_engine_list_order_invoices (f->world.engine, lum_document_get_id (order), NULL);
  g_assert_cmpuint (g_strv_length (invoices), ==, 1);
  second_lines = invoice_lines (f, invoices[0]);
  g_assert_cmpstr (second_lines, ==, "SKU-B:4");
  list = fulfillments (f, order);
  g_assert_true (lum_str_empty (((LumFulfillment *)g_ptr_array_index (list, 0))->shipped_at));
  g_assert_false (lum_str_empty (((LumFulfillment *)g_ptr_array_index (list, 1))->shipped_at));
  g_assert_cmpstr (((LumFulfillment *)g_ptr_array_index (list, 1))->tracking_number, ==, "1ZMAIN");

  close_remote (f, first, "1ZEAST");
  lum_test_world_advance (&f->world, 10);
  stats = lum_test_world_poll (&f->world);
  g_assert_cmpuint (stats.recorded, ==, 1);
  g_clear_object (&after);
  after = lum_test_world_reload (&f->world, order);
  g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_FULFILLMENT_STATUS), ==, "fulfilled");
  g_clear_pointer (&invoices, g_strfreev);
  invoices = lum_engine_list_order_invoices (f->world.engine, lum_document_get_id (order), NULL);
  g_assert_cmpuint (g_strv_length (invoices), ==, 2);
  first_lines = invoice_lines (f, invoices[1]);
  g_assert_cmpstr (first_lines, ==, "SKU-A:2");

  /* polled again: nothing twice */
  stats = lum_test_world_poll (&f->world);
  g_assert_cmpuint (stats.recorded, ==, 0);
  g_clear_pointer (&invoices, g_strfreev);
  invoices = lum_engine_list_order_invoices (f->world.engine, lum_document_get_id (order), NULL);
  g_assert_cmpuint (g_strv_length (invoices), ==, 2);
}

/* A fulfillment order the OMS refuses fails alone and fails the order;
 * retried once the link is fixed, it goes, and the order is pushed. */
static void
test_failed_and_retried (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumDocument) failed = NULL;
  g_autoptr(LumDocument) after = NULL;
  g_autoptr(LumJob) job = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) retried = NULL;
  g_autoptr(GError) error = NULL;

  SKIP_WITHOUT_KEYRING ();
  set_splits (f);
  order = lum_test_world_post_order (&f->world, f->channel, "Dock 1");
  /* relinked after the split, to a facility Extensiv does not have */
  link_warehouse (f, "MAIN", "77");
  lum_test_world_push (&f->world);
  failed = lum_test_world_reload (&f->world, order);
  g_assert_cmpstr (lum_document_get_text (failed, LUM_DOC_PUSH_STATUS), ==, "failed");
  list = fulfillments (f, order);
  g_assert_cmpstr (((LumFulfillment *)g_ptr_array_index (list, 0))->push_state, ==, "pushed");
  g_assert_cmpstr (((LumFulfillment *)g_ptr_array_index (list, 1))->push_state, ==, "failed");

  link_warehouse (f, "MAIN", "1");
  job = lum_test_world_last_job (&f->world, order);
  g_assert_cmpint (lum_job_get_int (job, LUM_JOB_FULFILLMENT_ID), ==, ((LumFulfillment *)g_ptr_array_index (list, 1))->id);
  g_assert_true (lum_engine_retry_job (f->world.engine, lum_job_get_id (job), &error));
  g_assert_no_error (error);
  retried = fulfillments (f, order);
  g_assert_cmpstr (((LumFulfillment *)g_ptr_array_index (retried, 1))->push_state, ==, "scheduled");
  g_assert_cmpuint (lum_test_world_push (&f->world), ==, 1);
  after = lum_test_world_reload (&f->world, order);
  g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_PUSH_STATUS), ==, "pushed");
  g_assert_cmpuint (lum_test_world_count_remote (&f->world, "extensiv", "orders"), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/split/hold-pushes-whole", test_hold_pushes_whole);
  ADD ("/split/split-pushes-each", test_split_pushes_each);
  ADD ("/split/split-not-needed", test_split_not_needed);
  ADD ("/split/exactly-once", test_exactly_once);
  ADD ("/split/roll-up", test_roll_up);
  ADD ("/split/failed-and-retried", test_failed_and_retried);
  ADD ("/split/cancel-before-push", test_cancel_before_push);
  ADD ("/split/cancel-after-push", test_cancel_after_push);
#undef ADD
  return g_test_run ();
}

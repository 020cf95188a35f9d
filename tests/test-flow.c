/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "lum-test-util.h"
#include "lum-engine-documents.h"
#include "lum-engine-setup.h"
#include "lum-util.h"

typedef struct
{
  LumTestClock    clock;
  LumEngine      *engine;
  LumIntegration *shipstation;
  LumIntegration *quickbooks;
  LumCustomer    *customer;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  struct { const char *sku; const char *name; gint64 price; } products[] = {
    { "SKU-A", "Widget", 1000 },
    { "SKU-B", "Gadget", 250 },
    { "SKU-C", "Gizmo", 9999 },
  };

  f->engine = lum_test_engine_new (&f->clock, NULL);
  f->shipstation = lum_integration_new (LUM_INTEGRATION_KIND_SHIPSTATION, "Sandbox ShipStation");
  g_assert_true (lum_engine_save_integration (f->engine, f->shipstation, &error));
  f->quickbooks = lum_integration_new (LUM_INTEGRATION_KIND_QUICKBOOKS, "Sandbox QuickBooks");
  g_assert_true (lum_engine_save_integration (f->engine, f->quickbooks, &error));

  f->customer = lum_customer_new ("Acme Corp");
  lum_customer_set_text (f->customer, LUM_CUSTOMER_EMAIL, "buyer@acme.example");
  lum_customer_set_text (f->customer, LUM_CUSTOMER_SHIP_STREET1, "1 Main St");
  lum_customer_set_text (f->customer, LUM_CUSTOMER_SHIP_CITY, "Springfield");
  lum_customer_set_terms_days (f->customer, 30);
  g_assert_true (lum_engine_save_customer (f->engine, f->customer, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (products); i++)
    {
      g_autoptr(LumProduct) p = lum_product_new (products[i].sku, products[i].name, products[i].price, 8);
      g_assert_true (lum_engine_save_product (f->engine, p, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->customer);
  g_clear_object (&f->shipstation);
  g_clear_object (&f->quickbooks);
  g_clear_object (&f->engine);
}

static LumChannel *
make_channel (Fixture          *f,
              const char       *name,
              LumOrderFlow      flow,
              LumInvoiceTiming  timing,
              gboolean          push,
              int               delay,
              gboolean          accounting)
{
  g_autoptr(GError) error = NULL;
  LumChannel *channel = lum_engine_new_channel (f->engine, &error);

  lum_channel_set_name (channel, name);
  lum_channel_set_internal (channel, TRUE);
  lum_channel_set_order_flow (channel, flow);
  lum_channel_set_invoice_timing (channel, timing);
  lum_channel_set_push_to_oms (channel, push);
  if (push)
    {
      lum_channel_set_oms_integration_id (channel, lum_integration_get_id (f->shipstation));
      lum_channel_set_oms_store_id (channel, "1001");
      lum_channel_set_push_delay_minutes (channel, delay);
    }
  if (accounting)
    lum_channel_set_accounting_integration_id (channel, lum_integration_get_id (f->quickbooks));
  g_assert_true (lum_engine_save_channel (f->engine, channel, &error));
  g_assert_no_error (error);
  return channel;
}

/* A draft with 2 × SKU-A and 4 × SKU-B at the products' prices: 30.00. */
static LumDocument *
make_draft (Fixture         *f,
            LumChannel      *channel,
            LumDocumentKind  kind)
{
  g_autoptr(GError) error = NULL;
  LumDocument *doc = lum_document_new (kind);
  g_autoptr(LumDocLine) a = lum_doc_line_new ("SKU-A", 2, -1);
  g_autoptr(LumDocLine) b = lum_doc_line_new ("SKU-B", 4, -1);

  lum_document_set_int (doc, LUM_DOC_CHANNEL_ID, lum_channel_get_id (channel));
  lum_document_set_int (doc, LUM_DOC_CUSTOMER_ID, lum_customer_get_id (f->customer));
  lum_document_set_text (doc, LUM_DOC_SHIPPING_NOTES, "Leave at dock 3");
  lum_document_set_text (doc, LUM_DOC_PO_NUMBER, "PO-778");
  lum_document_add_line (doc, a);
  lum_document_add_line (doc, b);
  lum_engine_create_document (f->engine, doc, &error);
  g_assert_no_error (error);
  return doc;
}

static LumDocument *
reload (Fixture     *f,
        LumDocument *doc)
{
  g_autoptr(GError) error = NULL;
  LumDocument *fresh = lum_engine_get_document (f->engine, lum_document_get_kind (doc),
                                                lum_document_get_id (doc), &error);
  g_assert_no_error (error);
  return fresh;
}

static GListStore *
jobs_of (Fixture     *f,
         LumDocument *doc)
{
  LumJobFilter filter = { 0, };
  g_autoptr(GError) error = NULL;
  GListStore *jobs;

  if (lum_document_get_kind (doc) == LUM_DOCUMENT_KIND_SALES_ORDER)
    filter.sales_order_id = lum_document_get_id (doc);
  else
    filter.invoice_id = lum_document_get_id (doc);
  jobs = lum_engine_list_jobs (f->engine, &filter, &error);
  g_assert_no_error (error);
  return jobs;
}

static guint
n_items (gpointer model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (model));
}

static gint64
invoiced_total (Fixture     *f,
                LumDocument *order)
{
  g_auto(GStrv) numbers = lum_engine_list_order_invoices (f->engine, lum_document_get_id (order), NULL);
  gint64 total = 0;

  for (guint i = 0; numbers[i]; i++)
    {
      g_autoptr(LumDocument) inv = lum_engine_find_document (f->engine, LUM_DOCUMENT_KIND_INVOICE, numbers[i], NULL);
      g_assert_cmpstr (lum_document_get_status (inv), ==, "posted");
      total += lum_document_get_total_cents (inv);
    }
  return total;
}

static void
ship (Fixture     *f,
      LumDocument *order,
      const char  *sku,
      gint64       quantity,
      const char  *tracking)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumShipment) shipment = lum_shipment_new ();

  lum_shipment_set_text (shipment, LUM_SHIPMENT_CARRIER, "ups");
  lum_shipment_set_text (shipment, LUM_SHIPMENT_TRACKING_NUMBER, tracking);
  if (sku != NULL)
    lum_shipment_add_line (shipment, sku, quantity);
  g_assert_true (lum_engine_record_shipment (f->engine, lum_document_get_id (order), shipment,
                                             LUM_ACTOR_USER, NULL, &error));
  g_assert_no_error (error);
}

/* so-first × both timings × push on/off × delay blank/0/15, with partial
 * and complete shipments. */
static void
test_sales_order_first_matrix (Fixture       *f,
                               gconstpointer  data)
{
  const LumInvoiceTiming timings[] = { LUM_INVOICE_TIMING_SO_CREATED, LUM_INVOICE_TIMING_SHIPMENT_CREATED };
  const int delays[] = { LUM_PUSH_DELAY_IMMEDIATE, 0, 15 };
  guint n = 0;

  for (guint t = 0; t < G_N_ELEMENTS (timings); t++)
    for (guint push = 0; push <= 1; push++)
      for (guint d = 0; d < (push ? G_N_ELEMENTS (delays) : 1); d++)
        {
          g_autofree char *name = g_strdup_printf ("Channel %u", ++n);
          g_autoptr(LumChannel) channel = make_channel (f, name, LUM_ORDER_FLOW_SO_FIRST, timings[t],
                                                        push, delays[d], TRUE);
          g_autoptr(LumDocument) draft = make_draft (f, channel, LUM_DOCUMENT_KIND_SALES_ORDER);
          g_autoptr(LumDocument) order = NULL;
          g_autoptr(GListStore) jobs = NULL;
          g_autoptr(GError) error = NULL;
          g_auto(GStrv) invoices = NULL;
          gboolean on_creation = timings[t] == LUM_INVOICE_TIMING_SO_CREATED;

          g_assert_cmpint (lum_document_get_total_cents (draft), ==, 3000);
          g_assert_cmpstr (lum_document_get_text (draft, LUM_DOC_SHIP_STREET1), ==, "1 Main St");

          g_assert_true (lum_engine_post_document (f->engine, LUM_DOCUMENT_KIND_SALES_ORDER,
                                                   lum_document_get_id (draft), &error));
          g_assert_no_error (error);
          order = reload (f, draft);
          g_assert_cmpstr (lum_document_get_status (order), ==, "posted");

          jobs = jobs_of (f, order);
          if (push)
            {
              g_autoptr(LumJob) job = g_list_model_get_item (G_LIST_MODEL (jobs), 0);
              g_autofree char *expected = lum_time_format (f->clock.now +
                                                           (gint64)MAX (delays[d], 0) * 60 * G_USEC_PER_SEC);

              g_assert_cmpuint (n_items (jobs), ==, 1);
              g_assert_cmpint (lum_job_get_kind (job), ==, LUM_JOB_KIND_PUSH_SALES_ORDER);
              g_assert_cmpint (lum_job_get_state (job), ==, LUM_JOB_STATE_SCHEDULED);
              g_assert_cmpstr (lum_job_get_text (job, LUM_JOB_DUE_AT), ==, expected);
              g_assert_cmpstr (lum_document_get_text (order, LUM_DOC_PUSH_STATUS), ==, "scheduled");
              g_assert_cmpstr (lum_document_get_text (order, LUM_DOC_PUSH_DUE_AT), ==, expected);
            }
          else
            {
              g_assert_cmpuint (n_items (jobs), ==, 0);
              g_assert_cmpstr (lum_document_get_text (order, LUM_DOC_PUSH_STATUS), ==, "not-pushed");
            }

          invoices = lum_engine_list_order_invoices (f->engine, lum_document_get_id (order), NULL);
          g_assert_cmpuint (g_strv_length (invoices), ==, on_creation ? 1 : 0);
          g_assert_cmpint (invoiced_total (f, order), ==, on_creation ? 3000 : 0);
          if (on_creation)
            {
              g_autoptr(LumDocument) inv = lum_engine_find_document (f->engine, LUM_DOCUMENT_KIND_INVOICE,
                                                                     invoices[0], NULL);
              g_autoptr(GListStore) inv_jobs = jobs_of (f, inv);
              g_autoptr(LumJob) inv_job = g_list_model_get_item (G_LIST_MODEL (inv_jobs), 0);
              g_autofree char *now = lum_time_format (f->clock.now);

              g_assert_cmpstr (lum_document_get_text (inv, LUM_DOC_INVOICE_TYPE_NAME), ==, "Standard");
              g_assert_cmpstr (lum_document_get_text (inv, LUM_DOC_ISSUE_DATE), ==, "2027-01-01");
              g_assert_cmpstr (lum_document_get_text (inv, LUM_DOC_DUE_DATE), ==, "2027-01-31");
              g_assert_cmpstr (lum_document_get_text (inv, LUM_DOC_LINKED_NUMBER), ==, lum_document_get_number (order));
              g_assert_cmpstr (lum_document_get_text (inv, LUM_DOC_ACCOUNTING_STATUS), ==, "scheduled");
              g_assert_cmpuint (n_items (inv_jobs), ==, 1);
              g_assert_cmpint (lum_job_get_kind (inv_job), ==, LUM_JOB_KIND_PUSH_INVOICE);
              g_assert_cmpstr (lum_job_get_text (inv_job, LUM_JOB_DUE_AT), ==, now);
            }

          /* a partial shipment, then the rest */
          ship (f, order, "SKU-B", 1, "1Z001");
          {
            g_autoptr(LumDocument) partial = reload (f, order);
            g_assert_cmpstr (lum_document_get_text (partial, LUM_DOC_FULFILLMENT_STATUS), ==, "partially-fulfilled");
            g_assert_cmpint (invoiced_total (f, order), ==, on_creation ? 3000 : 250);
          }
          ship (f, order, NULL, 0, "1Z002");
          {
            g_autoptr(LumDocument) done = reload (f, order);
            g_autoptr(GListStore) shipments = lum_engine_list_shipments (f->engine, lum_document_get_id (order), NULL);
            g_auto(GStrv) all = lum_engine_list_order_invoices (f->engine, lum_document_get_id (order), NULL);

            g_assert_cmpstr (lum_document_get_text (done, LUM_DOC_FULFILLMENT_STATUS), ==, "fulfilled");
            g_assert_cmpuint (n_items (shipments), ==, 2);
            g_assert_cmpint (invoiced_total (f, order), ==, 3000);
            g_assert_cmpuint (g_strv_length (all), ==, on_creation ? 1 : 2);
          }

          /* never more than ordered */
          {
            g_autoptr(LumShipment) extra = lum_shipment_new ();
            lum_shipment_add_line (extra, "SKU-A", 1);
            g_assert_false (lum_engine_record_shipment (f->engine, lum_document_get_id (order), extra,
                                                        LUM_ACTOR_USER, NULL, &error));
            g_assert_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_SHIPMENT);
            g_assert_nonnull (strstr (error->message, "0 still open"));
          }
        }
}

static void
test_shipment_rules (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(LumChannel) channel = make_channel (f, "Hand", LUM_ORDER_FLOW_SO_FIRST,
                                                LUM_INVOICE_TIMING_SHIPMENT_CREATED, FALSE, 0, FALSE);
  g_autoptr(LumDocument) order = make_draft (f, channel, LUM_DOCUMENT_KIND_SALES_ORDER);
  g_autoptr(GError) error = NULL;
  g_autoptr(LumShipment) too_many = lum_shipment_new ();
  g_autoptr(LumShipment) unknown = lum_shipment_new ();
  g_autoptr(LumShipment) remote = lum_shipment_new ();
  g_autoptr(LumShipment) again = lum_shipment_new ();
  gboolean duplicate = FALSE;
  gint64 id = lum_document_get_id (order);

  /* a draft does not ship */
  g_assert_false (lum_engine_record_shipment (f->engine, id, too_many, LUM_ACTOR_USER, NULL, &error));
  g_assert_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_STATUS);
  g_clear_error (&error);
  g_assert_true (lum_engine_post_document (f->engine, LUM_DOCUMENT_KIND_SALES_ORDER, id, &error));

  lum_shipment_add_line (too_many, "SKU-A", 3);
  g_assert_false (lum_engine_record_shipment (f->engine, id, too_many, LUM_ACTOR_USER, NULL, &error));
  g_assert_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_SHIPMENT);
  g_assert_nonnull (strstr (error->message, "SKU-A"));
  g_clear_error (&error);

  lum_shipment_add_line (unknown, "SKU-C", 1);
  g_assert_false (lum_engine_record_shipment (f->engine, id, unknown, LUM_ACTOR_USER, NULL, &error));
  g_assert_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_SHIPMENT);
  g_clear_error (&error);
  g_assert_cmpint (lum_test_count_rows (f->engine, "shipment"), ==, 0);
  g_assert_cmpint (lum_test_count_rows (f->engine, "invoice"), ==, 0);

  /* the same remote shipment twice is recorded once */
  lum_shipment_set_text (remote, LUM_SHIPMENT_REMOTE_ID, "ss-1");
  lum_shipment_add_line (remote, "SKU-A", 1);
  g_assert_true (lum_engine_record_shipment (f->engine, id, remote, LUM_ACTOR_SYNC, &duplicate, &error));
  g_assert_false (duplicate);
  lum_shipment_set_text (again, LUM_SHIPMENT_REMOTE_ID, "ss-1");
  lum_shipment_add_line (again, "SKU-A", 1);
  g_assert_true (lum_engine_record_shipment (f->engine, id, again, LUM_ACTOR_SYNC, &duplicate, &error));
  g_assert_true (duplicate);
  g_assert_cmpint (lum_test_count_rows (f->engine, "shipment"), ==, 1);
  g_assert_cmpint (lum_test_count_rows (f->engine, "invoice"), ==, 1);
  g_assert_cmpint (invoiced_total (f, order), ==, 1000);
}

static void
test_invoice_first (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(LumChannel) channel = make_channel (f, "Counter", LUM_ORDER_FLOW_INVOICE_FIRST,
                                                LUM_INVOICE_TIMING_NONE, TRUE, 15, TRUE);
  g_autoptr(LumChannel) so_first = make_channel (f, "Web", LUM_ORDER_FLOW_SO_FIRST,
                                                 LUM_INVOICE_TIMING_SO_CREATED, FALSE, 0, FALSE);
  g_autoptr(LumDocument) invoice = make_draft (f, channel, LUM_DOCUMENT_KIND_INVOICE);
  g_autoptr(LumDocument) posted = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(GListStore) order_jobs = NULL;
  g_autoptr(GListStore) invoice_jobs = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) invoices = NULL;

  g_assert_cmpstr (lum_document_get_number (invoice), ==, "INV-000001");
  g_assert_true (lum_engine_post_document (f->engine, LUM_DOCUMENT_KIND_INVOICE,
                                           lum_document_get_id (invoice), &error));
  g_assert_no_error (error);

  posted = reload (f, invoice);
  g_assert_cmpstr (lum_document_get_status (posted), ==, "posted");
  g_assert_cmpstr (lum_document_get_text (posted, LUM_DOC_LINKED_NUMBER), ==, "SO-000001");

  order = lum_engine_find_document (f->engine, LUM_DOCUMENT_KIND_SALES_ORDER, "SO-000001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lum_document_get_status (order), ==, "posted");
  g_assert_cmpstr (lum_document_get_text (order, LUM_DOC_LINKED_NUMBER), ==, "INV-000001");
  g_assert_cmpstr (lum_document_get_text (order, LUM_DOC_SHIPPING_NOTES), ==, "Leave at dock 3");
  g_assert_cmpint (lum_document_get_total_cents (order), ==, 3000);
  g_assert_cmpuint (n_items (lum_document_get_lines (order)), ==, 2);

  order_jobs = jobs_of (f, order);
  invoice_jobs = jobs_of (f, posted);
  g_assert_cmpuint (n_items (order_jobs), ==, 1);
  g_assert_cmpuint (n_items (invoice_jobs), ==, 1);
  invoices = lum_engine_list_order_invoices (f->engine, lum_document_get_id (order), NULL);
  g_assert_cmpuint (g_strv_length (invoices), ==, 1);
  g_assert_cmpint (lum_test_count_rows (f->engine, "invoice"), ==, 1);

  /* each flow refuses the other's document */
  {
    g_autoptr(LumDocument) wrong = lum_document_new (LUM_DOCUMENT_KIND_INVOICE);
    lum_document_set_int (wrong, LUM_DOC_CHANNEL_ID, lum_channel_get_id (so_first));
    lum_document_set_int (wrong, LUM_DOC_CUSTOMER_ID, lum_customer_get_id (f->customer));
    g_assert_false (lum_engine_create_document (f->engine, wrong, &error));
    g_assert_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_CHANNEL);
    g_assert_nonnull (strstr (error->message, "Web"));
    g_clear_error (&error);
  }
  {
    g_autoptr(LumDocument) wrong = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);
    lum_document_set_int (wrong, LUM_DOC_CHANNEL_ID, lum_channel_get_id (channel));
    lum_document_set_int (wrong, LUM_DOC_CUSTOMER_ID, lum_customer_get_id (f->customer));
    g_assert_false (lum_engine_create_document (f->engine, wrong, &error));
    g_assert_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_CHANNEL);
    g_assert_nonnull (strstr (error->message, "Counter"));
  }
}

static void
set_job_state (Fixture     *f,
               LumDocument *order,
               const char  *state)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE job SET state = '%s' WHERE sales_order_id = %" G_GINT64_FORMAT,
                                          state, lum_document_get_id (order));
  g_autofree char *sql2 = g_strdup_printf ("UPDATE sales_order SET push_status = 'pushed' WHERE id = %" G_GINT64_FORMAT
                                           " AND '%s' = 'done'", lum_document_get_id (order), state);
  LumDb *db = lum_engine_get_db (f->engine);

  g_assert_true (lum_db_exec (db, sql, NULL));
  g_assert_true (lum_db_exec (db, sql2, NULL));
}

static void
test_edit_inside_delay (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(LumChannel) channel = make_channel (f, "Delayed", LUM_ORDER_FLOW_SO_FIRST,
                                                LUM_INVOICE_TIMING_SHIPMENT_CREATED, TRUE, 15, FALSE);
  g_autoptr(LumChannel) invoiced = make_channel (f, "Invoiced", LUM_ORDER_FLOW_SO_FIRST,
                                                 LUM_INVOICE_TIMING_SO_CREATED, TRUE, 15, FALSE);
  g_autoptr(LumDocument) order = make_draft (f, channel, LUM_DOCUMENT_KIND_SALES_ORDER);
  g_autoptr(LumDocument) edit = NULL;
  g_autoptr(LumDocument) after = NULL;
  g_autoptr(GListStore) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LumDocLine) c = lum_doc_line_new ("SKU-C", 1, 5000);

  g_assert_true (lum_engine_post_document (f->engine, LUM_DOCUMENT_KIND_SALES_ORDER, lum_document_get_id (order), &error));
  f->clock.now += 5 * 60 * G_USEC_PER_SEC;

  edit = reload (f, order);
  lum_document_set_text (edit, LUM_DOC_SHIPPING_NOTES, "Call before delivery");
  lum_document_add_line (edit, c);
  g_assert_true (lum_engine_update_document (f->engine, edit, &error));
  g_assert_no_error (error);
  after = reload (f, order);
  g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_SHIPPING_NOTES), ==, "Call before delivery");
  g_assert_cmpint (lum_document_get_total_cents (after), ==, 8000);

  events = lum_engine_list_events (f->engine, lum_document_get_id (order), 0, 0, &error);
  {
    g_autoptr(LumEvent) last = g_list_model_get_item (G_LIST_MODEL (events), n_items (events) - 1);
    g_autofree char *summary = lum_event_dup_summary (last);
    g_assert_cmpstr (lum_event_get_text (last, LUM_EVENT_KIND), ==, "order.edited");
    g_assert_nonnull (strstr (summary, "shipping_notes"));
    g_assert_nonnull (strstr (summary, "lines"));
  }

  /* Push now: due at once */
  g_assert_true (lum_engine_push_now (f->engine, lum_document_get_id (order), &error));
  {
    g_autoptr(GListStore) jobs = jobs_of (f, order);
    g_autoptr(LumJob) job = g_list_model_get_item (G_LIST_MODEL (jobs), 0);
    g_autofree char *now = lum_time_format (f->clock.now);
    g_assert_cmpstr (lum_job_get_text (job, LUM_JOB_DUE_AT), ==, now);
  }

  /* once the push has started, the order is fixed */
  set_job_state (f, order, "running");
  lum_document_set_text (edit, LUM_DOC_SHIPPING_NOTES, "Too late");
  g_assert_false (lum_engine_update_document (f->engine, edit, &error));
  g_assert_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_STATUS);
  g_clear_error (&error);

  /* an order invoiced on creation keeps its lines, not its notes */
  {
    g_autoptr(LumDocument) o2 = make_draft (f, invoiced, LUM_DOCUMENT_KIND_SALES_ORDER);
    g_autoptr(LumDocument) e2 = NULL;
    g_autoptr(LumDocLine) extra = lum_doc_line_new ("SKU-C", 1, -1);

    g_assert_true (lum_engine_post_document (f->engine, LUM_DOCUMENT_KIND_SALES_ORDER, lum_document_get_id (o2), &error));
    e2 = reload (f, o2);
    lum_document_add_line (e2, extra);
    g_assert_false (lum_engine_update_document (f->engine, e2, &error));
    g_assert_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_STATUS);
    g_assert_nonnull (strstr (error->message, "INV-"));
    g_clear_error (&error);
    g_clear_object (&e2);
    e2 = reload (f, o2);
    lum_document_set_text (e2, LUM_DOC_GIFT_MESSAGE, "Happy holidays");
    g_assert_true (lum_engine_update_document (f->engine, e2, &error));
    g_assert_no_error (error);
  }
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(LumChannel) channel = make_channel (f, "Cancels", LUM_ORDER_FLOW_SO_FIRST,
                                                LUM_INVOICE_TIMING_SHIPMENT_CREATED, TRUE, 15, FALSE);
  g_autoptr(LumDocument) before = make_draft (f, channel, LUM_DOCUMENT_KIND_SALES_ORDER);
  g_autoptr(LumDocument) after = make_draft (f, channel, LUM_DOCUMENT_KIND_SALES_ORDER);
  g_autoptr(LumDocument) shipped = make_draft (f, channel, LUM_DOCUMENT_KIND_SALES_ORDER);
  g_autoptr(LumDocument) draft = make_draft (f, channel, LUM_DOCUMENT_KIND_SALES_ORDER);
  g_autoptr(GError) error = NULL;

  g_assert_true (lum_engine_post_document (f->engine, LUM_DOCUMENT_KIND_SALES_ORDER, lum_document_get_id (before), &error));
  g_assert_true (lum_engine_post_document (f->engine, LUM_DOCUMENT_KIND_SALES_ORDER, lum_document_get_id (after), &error));
  g_assert_true (lum_engine_post_document (f->engine, LUM_DOCUMENT_KIND_SALES_ORDER, lum_document_get_id (shipped), &error));

  /* before the push: the job is cancelled, nothing goes to the OMS */
  g_assert_true (lum_engine_cancel_order (f->engine, lum_document_get_id (before), &error));
  {
    g_autoptr(LumDocument) o = reload (f, before);
    g_autoptr(GListStore) jobs = jobs_of (f, before);
    g_autoptr(LumJob) job = g_list_model_get_item (G_LIST_MODEL (jobs), 0);

    g_assert_cmpstr (lum_document_get_status (o), ==, "cancelled");
    g_assert_cmpstr (lum_document_get_text (o, LUM_DOC_PUSH_STATUS), ==, "not-pushed");
    g_assert_cmpuint (n_items (jobs), ==, 1);
    g_assert_cmpint (lum_job_get_state (job), ==, LUM_JOB_STATE_CANCELLED);
  }

  /* after the push: a cancel job tells the OMS */
  set_job_state (f, after, "done");
  g_assert_true (lum_engine_cancel_order (f->engine, lum_document_get_id (after), &error));
  {
    g_autoptr(GListStore) jobs = jobs_of (f, after);
    g_autoptr(LumJob) newest = g_list_model_get_item (G_LIST_MODEL (jobs), 0);

    g_assert_cmpuint (n_items (jobs), ==, 2);
    g_assert_cmpint (lum_job_get_kind (newest), ==, LUM_JOB_KIND_CANCEL_SALES_ORDER);
    g_assert_cmpint (lum_job_get_state (newest), ==, LUM_JOB_STATE_SCHEDULED);
    g_assert_cmpint (lum_job_get_int (newest, LUM_JOB_INTEGRATION_ID), ==, lum_integration_get_id (f->shipstation));
  }

  /* a shipped order stays */
  ship (f, shipped, "SKU-A", 1, "1Z9");
  g_assert_false (lum_engine_cancel_order (f->engine, lum_document_get_id (shipped), &error));
  g_assert_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_STATUS);
  g_clear_error (&error);

  /* a draft just goes */
  g_assert_true (lum_engine_cancel_order (f->engine, lum_document_get_id (draft), &error));
  g_assert_false (lum_engine_cancel_order (f->engine, lum_document_get_id (draft), &error));
  g_assert_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_STATUS);
}

static void
test_channel_edited_after_posting (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(LumChannel) channel = make_channel (f, "Changing", LUM_ORDER_FLOW_SO_FIRST,
                                                LUM_INVOICE_TIMING_SHIPMENT_CREATED, TRUE, 15, FALSE);
  g_autoptr(LumDocument) old_order = make_draft (f, channel, LUM_DOCUMENT_KIND_SALES_ORDER);
  g_autoptr(LumDocument) new_order = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) old_invoices = NULL;
  g_auto(GStrv) new_invoices = NULL;

  g_assert_true (lum_engine_post_document (f->engine, LUM_DOCUMENT_KIND_SALES_ORDER, lum_document_get_id (old_order), &error));

  /* the channel now invoices on creation and does not push */
  lum_channel_set_invoice_timing (channel, LUM_INVOICE_TIMING_SO_CREATED);
  lum_channel_set_push_fulfillment_updates (channel, FALSE);
  lum_channel_set_push_to_oms (channel, FALSE);
  g_assert_true (lum_engine_save_channel (f->engine, channel, &error));
  g_assert_no_error (error);

  /* the old order still invoices on shipment, as posted */
  old_invoices = lum_engine_list_order_invoices (f->engine, lum_document_get_id (old_order), NULL);
  g_assert_cmpuint (g_strv_length (old_invoices), ==, 0);
  ship (f, old_order, "SKU-A", 2, "1Z1");
  g_strfreev (old_invoices);
  old_invoices = lum_engine_list_order_invoices (f->engine, lum_document_get_id (old_order), NULL);
  g_assert_cmpuint (g_strv_length (old_invoices), ==, 1);
  g_assert_cmpint (invoiced_total (f, old_order), ==, 2000);
  {
    g_autoptr(LumDocument) o = reload (f, old_order);
    g_autoptr(LumChannel) config = lum_engine_get_document_config (f->engine, o, &error);
    g_assert_true (lum_channel_get_push_to_oms (config));
    g_assert_cmpint (lum_channel_get_push_delay_minutes (config), ==, 15);
  }

  /* a new order follows the new configuration */
  new_order = make_draft (f, channel, LUM_DOCUMENT_KIND_SALES_ORDER);
  g_assert_true (lum_engine_post_document (f->engine, LUM_DOCUMENT_KIND_SALES_ORDER, lum_document_get_id (new_order), &error));
  new_invoices = lum_engine_list_order_invoices (f->engine, lum_document_get_id (new_order), NULL);
  g_assert_cmpuint (g_strv_length (new_invoices), ==, 1);
  {
    g_autoptr(GListStore) jobs = jobs_of (f, new_order);
    g_assert_cmpuint (n_items (jobs), ==, 0);
  }
}

/* A failure after the document is written rolls the whole action back. */
static void
test_failure_rolls_back (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(LumChannel) channel = make_channel (f, "Fragile", LUM_ORDER_FLOW_SO_FIRST,
                                                LUM_INVOICE_TIMING_SO_CREATED, TRUE, 0, TRUE);
  g_autoptr(LumDocument) order = make_draft (f, channel, LUM_DOCUMENT_KIND_SALES_ORDER);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = lum_test_dump_database (f->engine);
  g_autofree char *after = NULL;
  g_autoptr(LumDocument) next = NULL;

  /* posting writes the invoice, which fails right after it is written */
  lum_db_inject_failure (lum_engine_get_db (f->engine), "document-written");
  g_assert_false (lum_engine_post_document (f->engine, LUM_DOCUMENT_KIND_SALES_ORDER, lum_document_get_id (order), &error));
  g_assert_error (error, LUM_DB_ERROR, LUM_DB_ERROR_INJECTED);
  g_clear_error (&error);
  after = lum_test_dump_database (f->engine);
  g_assert_cmpstr (before, ==, after);

  /* creating a document fails likewise, and gives its number back */
  lum_db_inject_failure (lum_engine_get_db (f->engine), "document-written");
  {
    g_autoptr(LumDocument) failed = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);
    lum_document_set_int (failed, LUM_DOC_CHANNEL_ID, lum_channel_get_id (channel));
    lum_document_set_int (failed, LUM_DOC_CUSTOMER_ID, lum_customer_get_id (f->customer));
    g_assert_false (lum_engine_create_document (f->engine, failed, &error));
    g_assert_error (error, LUM_DB_ERROR, LUM_DB_ERROR_INJECTED);
    g_clear_error (&error);
  }
  g_free (after);
  after = lum_test_dump_database (f->engine);
  g_assert_cmpstr (before, ==, after);

  next = make_draft (f, channel, LUM_DOCUMENT_KIND_SALES_ORDER);
  g_assert_cmpstr (lum_document_get_number (next), ==, "SO-000002");

  /* and it works once the failure is gone */
  g_assert_true (lum_engine_post_document (f->engine, LUM_DOCUMENT_KIND_SALES_ORDER, lum_document_get_id (order), &error));
  g_assert_no_error (error);
  g_assert_cmpint (lum_test_count_rows (f->engine, "invoice"), ==, 1);
}

static void
test_line_rules (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(LumChannel) channel = make_channel (f, "Lines", LUM_ORDER_FLOW_SO_FIRST,
                                                LUM_INVOICE_TIMING_SO_CREATED, FALSE, 0, FALSE);
  struct { const char *sku; gint64 qty; gint64 price; const char *needle; } bad[] = {
    { "NOPE", 1, 100, "NOPE" },
    { "SKU-A", 0, 100, "quantity 0" },
    { "SKU-A", -3, 100, "quantity -3" },
    { "SKU-A", 1000001, 100, "1000001" },
    { "  ", 1, 100, "SKU is empty" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(LumDocument) doc = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);
      g_autoptr(LumDocLine) line = lum_doc_line_new (bad[i].sku, bad[i].qty, bad[i].price);
      g_autoptr(GError) error = NULL;
      g_autofree char *before = lum_test_dump_database (f->engine);
      g_autofree char *after = NULL;

      lum_document_set_int (doc, LUM_DOC_CHANNEL_ID, lum_channel_get_id (channel));
      lum_document_set_int (doc, LUM_DOC_CUSTOMER_ID, lum_customer_get_id (f->customer));
      lum_document_add_line (doc, line);
      g_assert_false (lum_engine_create_document (f->engine, doc, &error));
      g_assert_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_LINE);
      g_assert_nonnull (strstr (error->message, bad[i].needle));
      after = lum_test_dump_database (f->engine);
      g_assert_cmpstr (before, ==, after);
    }

  {
    g_autoptr(LumDocument) doc = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);
    g_autoptr(GError) error = NULL;

    lum_document_set_int (doc, LUM_DOC_CHANNEL_ID, lum_channel_get_id (channel));
    lum_document_set_int (doc, LUM_DOC_CUSTOMER_ID, lum_customer_get_id (f->customer));
    lum_document_set_text (doc, LUM_DOC_REQUESTED_SHIP_DATE, "2027-02-30");
    g_assert_false (lum_engine_create_document (f->engine, doc, &error));
    g_assert_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_DATE);
    g_assert_nonnull (strstr (error->message, "2027-02-30"));
    g_clear_error (&error);

    /* an empty draft saves, but does not post */
    lum_document_set_text (doc, LUM_DOC_REQUESTED_SHIP_DATE, "2027-02-27");
    g_assert_true (lum_engine_create_document (f->engine, doc, &error));
    g_assert_false (lum_engine_post_document (f->engine, LUM_DOCUMENT_KIND_SALES_ORDER, lum_document_get_id (doc), &error));
    g_assert_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_LINE);
  }
}

static void
test_query_pages (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(LumChannel) a = make_channel (f, "A", LUM_ORDER_FLOW_SO_FIRST, LUM_INVOICE_TIMING_SO_CREATED, FALSE, 0, FALSE);
  g_autoptr(LumChannel) b = make_channel (f, "B", LUM_ORDER_FLOW_SO_FIRST, LUM_INVOICE_TIMING_SHIPMENT_CREATED, FALSE, 0, FALSE);
  g_autoptr(LumCustomer) zed = lum_customer_new ("Zed Supplies");
  g_autoptr(LumCustomer) so_fresh = lum_customer_new ("So Fresh");
  LumDocumentQuery q = { .kind = LUM_DOCUMENT_KIND_SALES_ORDER, .include_test = TRUE };
  g_autoptr(GError) error = NULL;

  g_assert_true (lum_engine_save_customer (f->engine, zed, &error));
  g_assert_true (lum_engine_save_customer (f->engine, so_fresh, &error));
  for (guint i = 0; i < 30; i++)
    {
      g_autoptr(LumDocument) doc = make_draft (f, i % 3 == 0 ? b : a, LUM_DOCUMENT_KIND_SALES_ORDER);
      if (i % 5 == 0 || i % 5 == 1)
        {
          lum_document_set_int (doc, LUM_DOC_CUSTOMER_ID, lum_customer_get_id (i % 5 == 0 ? zed : so_fresh));
          g_assert_true (lum_engine_update_document (f->engine, doc, &error));
          g_assert_no_error (error);
        }
      if (i % 2 == 0)
        g_assert_true (lum_engine_post_document (f->engine, LUM_DOCUMENT_KIND_SALES_ORDER, lum_document_get_id (doc), &error));
    }

  g_assert_cmpint (lum_engine_count_documents (f->engine, &q, &error), ==, 30);
  q.channel_id = lum_channel_get_id (b);
  g_assert_cmpint (lum_engine_count_documents (f->engine, &q, &error), ==, 10);
  q.channel_id = 0;
  q.status = "posted";
  g_assert_cmpint (lum_engine_count_documents (f->engine, &q, &error), ==, 15);
  q.status = NULL;
  q.search = "zed";
  g_assert_cmpint (lum_engine_count_documents (f->engine, &q, &error), ==, 6);
  q.search = "SO-00002";
  g_assert_cmpint (lum_engine_count_documents (f->engine, &q, &error), ==, 10);
  q.search = "po-7";
  g_assert_cmpint (lum_engine_count_documents (f->engine, &q, &error), ==, 0);
  q.search = "PO-7";
  g_assert_cmpint (lum_engine_count_documents (f->engine, &q, &error), ==, 30);
  /* a search counted in parts counts an order that matches twice once:
   * every number starts with SO, six customers too */
  q.search = "so";
  g_assert_cmpint (lum_engine_count_documents (f->engine, &q, &error), ==, 30);
  g_assert_cmpint (lum_engine_count_documents_at_most (f->engine, &q, 100, &error), ==, 30);
  g_assert_cmpint (lum_engine_count_documents_at_most (f->engine, &q, 10, &error), >, 10);
  q.search = "So Fresh";
  g_assert_cmpint (lum_engine_count_documents (f->engine, &q, &error), ==, 6);
  q.include_test = FALSE;
  q.status = "posted";
  g_assert_cmpint (lum_engine_count_documents (f->engine, &q, &error), ==, 3);
  g_assert_cmpint (lum_engine_count_documents_at_most (f->engine, &q, 100, &error), ==, 3);
  q.search = "so";
  g_assert_cmpint (lum_engine_count_documents (f->engine, &q, &error), ==, 15);
  q.include_test = TRUE;
  q.status = NULL;
  q.search = NULL;

  /* pages in order, both ways */
  q.sort = LUM_DOC_SORT_CUSTOMER;
  {
    g_autoptr(GListStore) page = lum_engine_query_documents (f->engine, &q, 0, 10, &error);
    g_autoptr(GListStore) last = lum_engine_query_documents (f->engine, &q, 25, 10, &error);
    g_autoptr(LumDocument) first = g_list_model_get_item (G_LIST_MODEL (page), 0);
    g_autoptr(LumDocument) end = g_list_model_get_item (G_LIST_MODEL (last), 4);

    g_assert_cmpuint (n_items (page), ==, 10);
    g_assert_cmpuint (n_items (last), ==, 5);
    g_assert_cmpstr (lum_document_get_text (first, LUM_DOC_CUSTOMER_NAME), ==, "Acme Corp");
    g_assert_cmpstr (lum_document_get_text (end, LUM_DOC_CUSTOMER_NAME), ==, "Zed Supplies");
    g_assert_cmpint (lum_document_get_total_cents (first), ==, 3000);
    g_assert_cmpuint (n_items (lum_document_get_lines (first)), ==, 0);
  }
  q.sort = LUM_DOC_SORT_NUMBER;
  q.descending = TRUE;
  {
    g_autoptr(GListStore) page = lum_engine_query_documents (f->engine, &q, 0, 1, &error);
    g_autoptr(LumDocument) top = g_list_model_get_item (G_LIST_MODEL (page), 0);
    g_assert_cmpstr (lum_document_get_number (top), ==, "SO-000030");
  }
}

/* -- two processes -------------------------------------------------------- */

static int
child_main (const char *path,
            int         n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumEngine) engine = lum_engine_new (path, &error);
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumCustomer) customer = NULL;

  if (engine == NULL)
    return 2;
  channel = lum_engine_find_channel (engine, "Shared", &error);
  customer = lum_engine_find_customer (engine, "Acme Corp", &error);
  if (channel == NULL || customer == NULL)
    return 3;

  for (int i = 0; i < n; i++)
    {
      g_autoptr(LumDocument) doc = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);
      g_autoptr(LumDocLine) line = lum_doc_line_new ("SKU-A", 1, -1);

      lum_document_set_int (doc, LUM_DOC_CHANNEL_ID, lum_channel_get_id (channel));
      lum_document_set_int (doc, LUM_DOC_CUSTOMER_ID, lum_customer_get_id (customer));
      lum_document_add_line (doc, line);
      if (!lum_engine_create_document (engine, doc, &error) ||
          !lum_engine_post_document (engine, LUM_DOCUMENT_KIND_SALES_ORDER, lum_document_get_id (doc), &error))
        {
          g_printerr ("child: %s\n", error->message);
          return 1;
        }
    }
  return 0;
}

static const char *self_path;

static void
test_two_processes_number_gap_free (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(LumChannel) channel = make_channel (f, "Shared", LUM_ORDER_FLOW_SO_FIRST,
                                                LUM_INVOICE_TIMING_SO_CREATED, TRUE, 0, FALSE);
  const char *path = lum_db_get_path (lum_engine_get_db (f->engine));
  GSubprocess *children[3];
  g_autoptr(GError) error = NULL;
  LumStmt *stmt = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    {
      children[i] = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, self_path, "--child", path, "40", NULL);
      g_assert_no_error (error);
    }
  /* this process writes at the same time */
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(LumDocument) doc = make_draft (f, channel, LUM_DOCUMENT_KIND_SALES_ORDER);
      g_assert_true (lum_engine_post_document (f->engine, LUM_DOCUMENT_KIND_SALES_ORDER, lum_document_get_id (doc), &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    {
      g_assert_true (g_subprocess_wait_check (children[i], NULL, &error));
      g_assert_no_error (error);
      g_object_unref (children[i]);
    }

  /* 140 orders and 140 invoices, numbered 1…140 without a gap or a twin */
  stmt = lum_db_prepare (lum_engine_get_db (f->engine),
                         "SELECT count(*), count(DISTINCT number), min(number), max(number) FROM sales_order"
                         " UNION ALL SELECT count(*), count(DISTINCT number), min(number), max(number) FROM invoice",
                         NULL);
  g_assert_nonnull (stmt);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpint (lum_stmt_step (stmt, NULL), ==, LUM_STMT_ROW);
      g_assert_cmpint (lum_stmt_column_int (stmt, 0), ==, 140);
      g_assert_cmpint (lum_stmt_column_int (stmt, 1), ==, 140);
      g_assert_cmpstr (lum_stmt_column_text (stmt, 2), ==, i == 0 ? "SO-000001" : "INV-000001");
      g_assert_cmpstr (lum_stmt_column_text (stmt, 3), ==, i == 0 ? "SO-000140" : "INV-000140");
    }
  lum_stmt_reset (stmt);
  g_assert_cmpint (lum_test_count_rows (f->engine, "job"), ==, 140);
}

/* A posted sales order, a test or not, with its invoice; its number. */
static char *
post_order (Fixture    *f,
            LumChannel *channel,
            gboolean    is_test)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumDocument) doc = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);
  g_autoptr(LumDocLine) line = lum_doc_line_new ("SKU-A", 1, -1);

  lum_document_set_int (doc, LUM_DOC_CHANNEL_ID, lum_channel_get_id (channel));
  lum_document_set_int (doc, LUM_DOC_CUSTOMER_ID, lum_customer_get_id (f->customer));
  lum_document_set_is_test (doc, is_test);
  lum_document_add_line (doc, line);
  g_assert_true (lum_engine_create_and_post_document (f->engine, doc, &error));
  g_assert_no_error (error);
  return g_strdup (lum_document_get_number (doc));
}

static char *
numbers_of (Fixture    *f,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT group_concat (number, ' ') FROM (SELECT number FROM %s"
                                          " ORDER BY number) AS n", table);
  LumStmt *stmt = NULL;
  char *numbers;

  stmt = lum_db_prepare (lum_engine_get_db (f->engine), sql, NULL);
  g_assert_nonnull (stmt);
  g_assert_cmpint (lum_stmt_step (stmt, NULL), ==, LUM_STMT_ROW);
  numbers = g_strdup (lum_stmt_column_text (stmt, 0));
  lum_stmt_reset (stmt);
  return numbers;
}

/* Test documents are numbered in series of their own: the real numbers
 * have no gap whatever is tested or purged, and a test document that took
 * a real number before the test series existed keeps it through a purge. */
static void
test_test_series (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(LumChannel) channel = make_channel (f, "Wholesale", LUM_ORDER_FLOW_SO_FIRST,
                                                LUM_INVOICE_TIMING_SO_CREATED, TRUE, 15, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *test = post_order (f, channel, TRUE);
  g_autofree char *real = post_order (f, channel, FALSE);
  g_autofree char *old_test = post_order (f, channel, TRUE);
  g_autofree char *orders = NULL;
  g_autofree char *invoices = NULL;
  guint n_orders = 9, n_invoices = 9;

  g_assert_cmpstr (test, ==, "TEST-SO-000001");
  g_assert_cmpstr (real, ==, "SO-000001");
  g_assert_cmpstr (old_test, ==, "TEST-SO-000002");
  invoices = numbers_of (f, "invoice");
  g_assert_cmpstr (invoices, ==, "INV-000001 TEST-INV-000001 TEST-INV-000002");

  /* a test order as an older Lumen numbered it, in the real series */
  g_assert_true (lum_db_exec (lum_engine_get_db (f->engine),
                              "UPDATE sales_order SET number = 'SO-000002' WHERE number = 'TEST-SO-000002';"
                              "UPDATE doc_sequence SET next_value = 3 WHERE name = 'sales_order'", &error));
  g_assert_no_error (error);

  /* the purge deletes the test series only, and what is linked to the
   * old test order stays with it */
  g_assert_true (lum_engine_purge_test_documents (f->engine, &n_orders, &n_invoices, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_orders, ==, 1);
  g_assert_cmpuint (n_invoices, ==, 1);
  orders = numbers_of (f, "sales_order");
  g_assert_cmpstr (orders, ==, "SO-000001 SO-000002");
  g_clear_pointer (&invoices, g_free);
  invoices = numbers_of (f, "invoice");
  g_assert_cmpstr (invoices, ==, "INV-000001 TEST-INV-000002");

  /* the real series goes on where it was; the test series is not reset,
   * the OMS may still hold its numbers */
  g_clear_pointer (&real, g_free);
  real = post_order (f, channel, FALSE);
  g_assert_cmpstr (real, ==, "SO-000003");
  g_clear_pointer (&test, g_free);
  test = post_order (f, channel, TRUE);
  g_assert_cmpstr (test, ==, "TEST-SO-000003");
  g_clear_pointer (&invoices, g_free);
  invoices = numbers_of (f, "invoice");
  g_assert_cmpstr (invoices, ==, "INV-000001 INV-000002 TEST-INV-000002 TEST-INV-000003");

  /* a test draft made real takes the next real number */
  {
    g_autoptr(LumDocument) draft = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);
    g_autoptr(LumDocument) fresh = NULL;

    lum_document_set_int (draft, LUM_DOC_CHANNEL_ID, lum_channel_get_id (channel));
    lum_document_set_int (draft, LUM_DOC_CUSTOMER_ID, lum_customer_get_id (f->customer));
    lum_document_set_is_test (draft, TRUE);
    g_assert_true (lum_engine_create_document (f->engine, draft, &error));
    g_assert_cmpstr (lum_document_get_number (draft), ==, "TEST-SO-000004");
    lum_document_set_is_test (draft, FALSE);
    g_assert_true (lum_engine_update_document (f->engine, draft, &error));
    g_assert_no_error (error);
    fresh = reload (f, draft);
    g_assert_cmpstr (lum_document_get_number (fresh), ==, "SO-000004");
    g_assert_false (lum_document_get_is_test (fresh));
  }
}

/* An invoice made on shipment copies its order's header as the invoice is
 * written: a test order's invoice is a test invoice of the test series,
 * found by its customer, with the order's ship-to, channel and
 * configuration, and the shipped lines only. */
static void
test_shipment_invoice_of_test_order (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumChannel) channel = make_channel (f, "Test shipments", LUM_ORDER_FLOW_SO_FIRST,
                                                LUM_INVOICE_TIMING_SHIPMENT_CREATED, FALSE, 0, TRUE);
  g_autoptr(LumDocument) order = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);
  g_autoptr(LumDocLine) a = lum_doc_line_new ("SKU-A", 2, -1);
  g_autoptr(LumDocLine) b = lum_doc_line_new ("SKU-B", 4, -1);
  g_autoptr(LumDocument) invoice = NULL;
  g_autoptr(LumDocLine) line = NULL;
  g_autofree char *order_config = NULL;
  g_autofree char *invoice_config = NULL;
  g_auto(GStrv) numbers = NULL;
  LumDocumentQuery q = { .kind = LUM_DOCUMENT_KIND_INVOICE, .only_test = TRUE };
  LumDb *db = lum_engine_get_db (f->engine);

  lum_document_set_int (order, LUM_DOC_CHANNEL_ID, lum_channel_get_id (channel));
  lum_document_set_int (order, LUM_DOC_CUSTOMER_ID, lum_customer_get_id (f->customer));
  lum_document_set_is_test (order, TRUE);
  lum_document_set_text (order, LUM_DOC_SHIP_NAME, "Dock Master");
  lum_document_set_text (order, LUM_DOC_SHIP_STREET1, "1 Quay Rd");
  lum_document_set_text (order, LUM_DOC_SHIP_COUNTRY, "GB");
  lum_document_set_text (order, LUM_DOC_REQUESTED_SHIP_DATE, "2027-02-01");
  lum_document_set_text (order, LUM_DOC_INTERNAL_NOTES, "fragile");
  lum_document_add_line (order, a);
  lum_document_add_line (order, b);
  g_assert_true (lum_engine_create_and_post_document (f->engine, order, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lum_document_get_number (order), ==, "TEST-SO-000001");

  ship (f, order, "SKU-B", 3, "1ZTEST0001");

  numbers = lum_engine_list_order_invoices (f->engine, lum_document_get_id (order), NULL);
  g_assert_cmpuint (g_strv_length (numbers), ==, 1);
  g_assert_cmpstr (numbers[0], ==, "TEST-INV-000001");
  invoice = lum_engine_find_document (f->engine, LUM_DOCUMENT_KIND_INVOICE, numbers[0], &error);
  g_assert_no_error (error);
  g_assert_true (lum_document_get_is_test (invoice));
  g_assert_cmpstr (lum_document_get_status (invoice), ==, "posted");
  g_assert_cmpint (lum_document_get_int (invoice, LUM_DOC_CHANNEL_ID), ==, lum_channel_get_id (channel));
  g_assert_cmpint (lum_document_get_int (invoice, LUM_DOC_CUSTOMER_ID), ==, lum_customer_get_id (f->customer));
  g_assert_cmpint (lum_document_get_int (invoice, LUM_DOC_LINKED_ID), ==, lum_document_get_id (order));
  g_assert_cmpint (lum_document_get_int (invoice, LUM_DOC_SHIPMENT_ID), >, 0);
  g_assert_cmpstr (lum_document_get_text (invoice, LUM_DOC_CUSTOMER_NAME), ==, lum_customer_get_name (f->customer));
  g_assert_cmpstr (lum_document_get_text (invoice, LUM_DOC_SHIP_NAME), ==, "Dock Master");
  g_assert_cmpstr (lum_document_get_text (invoice, LUM_DOC_SHIP_STREET1), ==, "1 Quay Rd");
  g_assert_cmpstr (lum_document_get_text (invoice, LUM_DOC_SHIP_COUNTRY), ==, "GB");
  g_assert_cmpstr (lum_document_get_text (invoice, LUM_DOC_REQUESTED_SHIP_DATE), ==, "2027-02-01");
  g_assert_cmpstr (lum_document_get_text (invoice, LUM_DOC_INTERNAL_NOTES), ==, "fragile");
  g_assert_cmpstr (lum_document_get_text (invoice, LUM_DOC_ACCOUNTING_STATUS), ==, "scheduled");
  g_assert_cmpuint (n_items (lum_document_get_lines (invoice)), ==, 1);
  line = g_list_model_get_item (lum_document_get_lines (invoice), 0);
  g_assert_cmpstr (lum_doc_line_get_sku (line), ==, "SKU-B");
  g_assert_cmpint (lum_doc_line_get_quantity (line), ==, 3);
  g_assert_cmpint (lum_document_get_total_cents (invoice), ==, 3 * lum_doc_line_get_unit_price_cents (line));

  /* posted under the order's configuration, and listed by its customer */
  order_config = lum_document_store_get_config (db, LUM_DOCUMENT_KIND_SALES_ORDER, lum_document_get_id (order),
                                                &error);
  invoice_config = lum_document_store_get_config (db, LUM_DOCUMENT_KIND_INVOICE, lum_document_get_id (invoice),
                                                  &error);
  g_assert_nonnull (order_config);
  g_assert_cmpstr (invoice_config, ==, order_config);
  q.search = lum_customer_get_name (f->customer);
  g_assert_cmpint (lum_engine_count_documents (f->engine, &q, &error), ==, 1);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--child"))
    return child_main (argv[2], atoi (argv[3]));

  self_path = argv[0];
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/flow/sales-order-first-matrix", test_sales_order_first_matrix);
  ADD ("/flow/shipment-rules", test_shipment_rules);
  ADD ("/flow/shipment-invoice-of-test-order", test_shipment_invoice_of_test_order);
  ADD ("/flow/invoice-first", test_invoice_first);
  ADD ("/flow/edit-inside-delay", test_edit_inside_delay);
  ADD ("/flow/cancel", test_cancel);
  ADD ("/flow/channel-edited-after-posting", test_channel_edited_after_posting);
  ADD ("/flow/failure-rolls-back", test_failure_rolls_back);
  ADD ("/flow/line-rules", test_line_rules);
  ADD ("/flow/query-pages", test_query_pages);
  ADD ("/flow/two-processes-number-gap-free", test_two_processes_number_gap_free);
  ADD ("/flow/test-series", test_test_series);

  return g_test_run ();
}

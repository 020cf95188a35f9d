/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lum-channel-test.h"
#include "lum-engine-documents.h"
#include "lum-engine-sync.h"
#include "lum-engine-setup.h"
#include "lum-sync-service.h"
#include "lum-fulfillment-poller.h"
#include "lum-push-worker.h"
#include "lum-util.h"
#include "model/lum-field-path.h"
#include "connect/lum-http.h"
#include "connect/lum-order-payload.h"

#define TEST_SKU      "LUMEN-TEST-SKU"
#define TEST_TRACKING "1ZLUMENTEST"

G_DEFINE_QUARK (lum-channel-test-error-quark, lum_channel_test_error)

typedef void (*StepFunc) (LumChannelTest *self,
                          LumTestStep    *step);

struct _LumChannelTest
{
  GObject          parent_instance;

  LumSyncService  *service;
  LumEngine       *engine;
  LumChannel      *channel;
  LumIntegration  *oms;
  LumIntegration  *accounting;
  GListStore      *steps;
  GPtrArray       *funcs;      /* StepFunc, one a step */
  guint            current;
  GTask           *task;
  gboolean         confirmed;
  gboolean         skip_delay;
  gboolean         ok;

  LumPushWorker   *worker;
  GHashTable      *payloads;   /* job id → JsonNode sent */
  LumDocument     *order;
  LumDocument     *invoice;    /* invoice-first: the test invoice */
  gint64           push_job;
  gboolean         shipped;
};

G_DEFINE_FINAL_TYPE (LumChannelTest, lum_channel_test, G_TYPE_OBJECT)

static void next_step (LumChannelTest *self);

/* -- bookkeeping ----------------------------------------------------------- */

static void
set_state (LumChannelTest *self,
           LumTestStep    *step,
           const char     *state,
           const char     *detail)
{
  g_autofree char *now = lum_engine_now_text (self->engine);

  lum_test_step_set_text (step, LUM_TEST_STEP_STATE, state);
  if (detail != NULL)
    lum_test_step_set_text (step, LUM_TEST_STEP_DETAIL, detail);
  if (!g_str_equal (state, LUM_TEST_STEP_RUNNING))
    lum_test_step_set_text (step, LUM_TEST_STEP_AT, now);
}

static void
step_ok (LumChannelTest *self,
         LumTestStep    *step,
         const char     *detail)
{
  set_state (self, step, LUM_TEST_STEP_OK, detail);
  next_step (self);
}

/* A failed step ends the test: what follows depended on it. */
static void
step_failed (LumChannelTest *self,
             LumTestStep    *step,
             const char     *detail)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->steps));

  set_state (self, step, LUM_TEST_STEP_FAILED, detail);
  for (guint i = self->current + 1; i < n; i++)
    {
      g_autoptr(LumTestStep) later = g_list_model_get_item (G_LIST_MODEL (self->steps), i);

      if (g_str_equal (lum_test_step_get_state (later), LUM_TEST_STEP_PENDING))
        set_state (self, later, LUM_TEST_STEP_SKIPPED, _("Not run: an earlier step failed"));
    }
  self->current = n;
  next_step (self);
}

static LumTestStep *
add_step (LumChannelTest *self,
          const char     *name,
          const char     *title,
          StepFunc        func,
          const char     *skip_reason)
{
  g_autoptr(LumTestStep) step = lum_test_step_new (name, title);

  if (skip_reason != NULL)
    {
      lum_test_step_set_text (step, LUM_TEST_STEP_STATE, LUM_TEST_STEP_SKIPPED);
      lum_test_step_set_text (step, LUM_TEST_STEP_DETAIL, skip_reason);
      func = NULL;
    }
  g_list_store_append (self->steps, step);
  g_ptr_array_add (self->funcs, func);
  return step;
}

static gint64
open_job (LumChannelTest *self,
          LumJobKind      kind,
          gint64          order_id,
          gint64          invoice_id)
{
  g_autoptr(LumJob) job = lum_engine_find_open_job (self->engine, kind, order_id, invoice_id, NULL);
  return job ? lum_job_get_id (job) : 0;
}

static void
on_job_sending_cb (LumPushWorker  *worker,
                   LumJob         *job,
                   JsonNode       *payload,
                   LumChannelTest *self)
{
  gint64 id = lum_job_get_id (job);

  g_hash_table_insert (self->payloads, g_memdup2 (&id, sizeof id), json_node_copy (payload));
}

typedef void (*JobDone) (LumChannelTest *self,
                         LumTestStep    *step,
                         LumJob         *job);

typedef struct
{
  LumChannelTest *self;
  LumTestStep    *step;
  gint64          job_id;
  JobDone         done;
  gint64          waited_since;   /* while another worker sends the job */
} RunJob;

/* Another worker (the window's, `lumenctl sync --watch`) may take the
 * test's job first: the test waits for its outcome this long. */
#define OTHER_WORKER_WAIT_S  120
#define OTHER_WORKER_POLL_MS 250

static void
run_job_free (RunJob *run)
{
  g_object_unref (run->step);
  g_object_unref (run->self);
  g_free (run);
}

static gboolean
on_other_worker_poll_cb (gpointer user_data);

/* The job's outcome, whoever sent it; FALSE while another worker still
 * sends it. */
static gboolean
judge_job (RunJob *run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumJob) job = lum_engine_get_job (run->self->engine, run->job_id, &error);

  if (job == NULL)
    {
      step_failed (run->self, run->step, error->message);
      return TRUE;
    }
  if (lum_job_get_state (job) == LUM_JOB_STATE_RUNNING &&
      g_get_monotonic_time () - run->waited_since < OTHER_WORKER_WAIT_S * G_USEC_PER_SEC)
    return FALSE;

  if (lum_job_get_state (job) != LUM_JOB_STATE_DONE)
    {
      g_autofree char *detail = g_strdup_printf (_("%s: %s"), lum_job_get_text (job, LUM_JOB_INTEGRATION_NAME),
                                                 lum_str_empty (lum_job_get_text (job, LUM_JOB_LAST_ERROR))
                                                 ? _("the job was not sent")
                                                 : lum_job_get_text (job, LUM_JOB_LAST_ERROR));
      step_failed (run->self, run->step, detail);
    }
  else
    run->done (run->self, run->step, job);
  return TRUE;
}

static gboolean
on_other_worker_poll_cb (gpointer user_data)
{
  RunJob *run = user_data;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (run->self->task)))
    {
      step_failed (run->self, run->step, _("The test was cancelled"));
      run_job_free (run);
      return G_SOURCE_REMOVE;
    }
  if (!judge_job (run))
    return G_SOURCE_CONTINUE;
  run_job_free (run);
  return G_SOURCE_REMOVE;
}

static void
on_job_run_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  RunJob *run = user_data;
  g_autoptr(GError) error = NULL;

  if (!lum_push_worker_run_job_finish (LUM_PUSH_WORKER (source), result, &error))
    {
      step_failed (run->self, run->step, error->message);
      run_job_free (run);
      return;
    }
  run->waited_since = g_get_monotonic_time ();
  if (judge_job (run))
    {
      run_job_free (run);
      return;
    }
  g_timeout_add (OTHER_WORKER_POLL_MS, on_other_worker_poll_cb, run);
}

static void
run_job (LumChannelTest *self,
         LumTestStep    *step,
         gint64          job_id,
         JobDone         done)
{
  RunJob *run = g_new0 (RunJob, 1);

  run->self = g_object_ref (self);
  run->step = g_object_ref (step);
  run->job_id = job_id;
  run->done = done;
  lum_push_worker_run_job_async (self->worker, job_id, g_task_get_cancellable (self->task), on_job_run_cb, run);
}

static LumDocument *
reload (LumChannelTest *self,
        LumDocument    *doc)
{
  return lum_engine_get_document (self->engine, lum_document_get_kind (doc), lum_document_get_id (doc), NULL);
}

/* -- the steps ------------------------------------------------------------- */

static LumProduct *
test_product (LumChannelTest  *self,
              GError         **error)
{
  g_autoptr(GListStore) products = lum_engine_search_products (self->engine, "", 1, error);
  LumProduct *product;

  if (products == NULL)
    return NULL;
  if (g_list_model_get_n_items (G_LIST_MODEL (products)) > 0)
    return g_list_model_get_item (G_LIST_MODEL (products), 0);
  product = lum_product_new (TEST_SKU, _("Lumen test item"), 1000, 16);
  if (!lum_engine_save_product (self->engine, product, error))
    g_clear_object (&product);
  return product;
}

static void
step_document (LumChannelTest *self,
               LumTestStep    *step)
{
  gboolean invoice_first = lum_channel_get_order_flow (self->channel) == LUM_ORDER_FLOW_INVOICE_FIRST;
  g_autoptr(GError) error = NULL;
  g_autoptr(LumCustomer) customer = lum_engine_ensure_test_customer (self->engine, &error);
  g_autoptr(LumProduct) product = customer ? test_product (self, &error) : NULL;
  g_autoptr(LumDocument) doc = NULL;
  g_autoptr(LumDocLine) line = NULL;
  g_autofree char *detail = NULL;

  if (product == NULL)
    {
      step_failed (self, step, error->message);
      return;
    }

  doc = lum_document_new (invoice_first ? LUM_DOCUMENT_KIND_INVOICE : LUM_DOCUMENT_KIND_SALES_ORDER);
  lum_document_set_int (doc, LUM_DOC_CHANNEL_ID, lum_channel_get_id (self->channel));
  lum_document_set_int (doc, LUM_DOC_CUSTOMER_ID, lum_customer_get_id (customer));
  lum_document_set_is_test (doc, TRUE);
  lum_document_set_text (doc, LUM_DOC_SHIPPING_NOTES, _("Lumen channel test"));
  lum_document_set_text (doc, LUM_DOC_SHIPPING_TYPE, "Ground");
  lum_document_set_text (doc, LUM_DOC_PO_NUMBER, "TEST-PO");
  lum_document_set_text (doc, LUM_DOC_INTERNAL_NOTES, _("Test order of a channel test: cancel or ignore"));
  lum_document_set_text (doc, LUM_DOC_CUSTOMER_NOTES, _("Channel test"));
  lum_document_set_text (doc, LUM_DOC_GIFT_MESSAGE, _("Channel test"));
  line = lum_doc_line_new (lum_product_get_sku (product), 2, -1);
  lum_document_add_line (doc, line);

  if (!lum_engine_create_and_post_document (self->engine, doc, &error))
    {
      step_failed (self, step, error->message);
      return;
    }

  if (invoice_first)
    {
      self->invoice = reload (self, doc);
      self->order = lum_engine_get_document (self->engine, LUM_DOCUMENT_KIND_SALES_ORDER,
                                             lum_document_get_int (self->invoice, LUM_DOC_LINKED_ID), NULL);
      detail = g_strdup_printf (_("Test invoice %s created and posted for %s: 2 × %s"),
                                lum_document_get_number (self->invoice), LUM_TEST_CUSTOMER_NAME,
                                lum_product_get_sku (product));
    }
  else
    {
      self->order = reload (self, doc);
      detail = g_strdup_printf (_("Test sales order %s created and posted for %s: 2 × %s"),
                                lum_document_get_number (self->order), LUM_TEST_CUSTOMER_NAME,
                                lum_product_get_sku (product));
    }
  if (self->order == NULL)
    {
      step_failed (self, step, _("The document was posted but its sales order cannot be found"));
      return;
    }
  step_ok (self, step, detail);
}

static void
step_invoice (LumChannelTest *self,
              LumTestStep    *step)
{
  g_auto(GStrv) invoices = lum_engine_list_order_invoices (self->engine, lum_document_get_id (self->order), NULL);
  g_autofree char *detail = NULL;

  if (lum_channel_get_invoice_timing (self->channel) == LUM_INVOICE_TIMING_SHIPMENT_CREATED)
    {
      if (invoices != NULL && invoices[0] != NULL)
        {
          detail = g_strdup_printf (_("Invoice %s was created before any shipment"), invoices[0]);
          step_failed (self, step, detail);
          return;
        }
      step_ok (self, step, _("No invoice yet, as configured: it is created when a shipment is recorded"));
      return;
    }
  if (invoices == NULL || invoices[0] == NULL)
    {
      step_failed (self, step, _("No invoice was created with the sales order"));
      return;
    }
  detail = g_strdup_printf (_("Invoice %s created with the sales order"), invoices[0]);
  step_ok (self, step, detail);
}

static void
step_sales_order (LumChannelTest *self,
                  LumTestStep    *step)
{
  g_autofree char *detail = g_strdup_printf (_("Sales order %s generated from invoice %s and posted"),
                                             lum_document_get_number (self->order),
                                             lum_document_get_number (self->invoice));
  step_ok (self, step, detail);
}

static void
step_push_scheduled (LumChannelTest *self,
                     LumTestStep    *step)
{
  g_autoptr(LumJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *now = lum_engine_now_text (self->engine);
  const char *store = lum_channel_get_oms_store_name (self->channel);
  const char *due;
  g_autofree char *due_local = NULL;

  self->push_job = open_job (self, LUM_JOB_KIND_PUSH_SALES_ORDER, lum_document_get_id (self->order), 0);
  job = self->push_job ? lum_engine_get_job (self->engine, self->push_job, NULL) : NULL;
  if (job == NULL)
    {
      step_failed (self, step, _("No push was scheduled for the sales order"));
      return;
    }
  due = lum_job_get_text (job, LUM_JOB_DUE_AT);
  due_local = lum_time_format_local (due);
  detail = g_strdup_printf (_("Push to %s, store %s, scheduled for %s"),
                            lum_integration_get_name (self->oms),
                            lum_str_empty (store) ? lum_channel_get_oms_store_id (self->channel) : store, due_local);

  if (g_strcmp0 (due, now) > 0)
    {
      /* against a real account the order would arrive after the test, with
       * no cleanup to cancel it: the delay is skipped there */
      if (!self->skip_delay && lum_integration_is_sandbox (self->oms))
        {
          g_autofree char *waiting = g_strdup_printf (_("%s; the test stops here until then"), detail);
          set_state (self, step, LUM_TEST_STEP_OK, waiting);
          self->current = g_list_model_get_n_items (G_LIST_MODEL (self->steps));
          next_step (self);
          return;
        }
      if (!lum_engine_push_now (self->engine, lum_document_get_id (self->order), &error))
        {
          step_failed (self, step, error->message);
          return;
        }
      g_free (g_steal_pointer (&detail));
      detail = g_strdup_printf (_("Push to %s, store %s, scheduled for %s; the delay is skipped for this test"),
                                lum_integration_get_name (self->oms),
                                lum_str_empty (store) ? lum_channel_get_oms_store_id (self->channel) : store, due_local);
    }
  step_ok (self, step, detail);
}

static char *
mapped_fields (LumChannelTest *self,
               JsonNode       *payload)
{
  return lum_field_mappings_describe (lum_channel_get_mappings (self->channel), payload);
}

static void
on_pushed (LumChannelTest *self,
           LumTestStep    *step,
           LumJob         *job)
{
  JsonNode *payload = g_hash_table_lookup (self->payloads, &self->push_job);
  g_autoptr(JsonNode) rebuilt = NULL;
  g_autofree char *body = NULL;
  g_autofree char *mapped = NULL;
  g_autofree char *detail = g_strdup_printf (_("Pushed to %s, store %s: remote id %s"),
                                             lum_integration_get_name (self->oms),
                                             lum_channel_get_oms_store_id (self->channel),
                                             lum_job_get_text (job, LUM_JOB_REMOTE_ID));

  /* another worker sent it: the same body, built again from the order */
  if (payload == NULL)
    payload = rebuilt = lum_push_worker_dup_payload (self->worker, job, NULL);
  mapped = mapped_fields (self, payload);

  if (payload != NULL)
    body = lum_json_write (payload, TRUE);
  lum_test_step_set_text (step, LUM_TEST_STEP_REQUEST, body);
  lum_test_step_set_text (step, LUM_TEST_STEP_MAPPED, mapped);
  step_ok (self, step, detail);
}

static void
step_pushed (LumChannelTest *self,
             LumTestStep    *step)
{
  run_job (self, step, self->push_job, on_pushed);
}

/* /_sandbox/<service>/<action> beside the integration's base URL. */
static char *
sandbox_control_url (LumIntegration *integration,
                     const char     *action)
{
  g_autoptr(GUri) base = g_uri_parse (lum_integration_get_base_url (integration), G_URI_FLAGS_NONE, NULL);
  const char *service = lum_integration_get_kind (integration) == LUM_INTEGRATION_KIND_EXTENSIV
                        ? "extensiv" : "shipstation";
  g_autofree char *path = g_strdup_printf ("/_sandbox/%s/%s", service, action);

  if (base == NULL)
    return NULL;
  return g_uri_join (G_URI_FLAGS_NONE, g_uri_get_scheme (base), NULL, g_uri_get_host (base),
                     g_uri_get_port (base), path, NULL, NULL);
}

/* The sandbox's tracking number of the test order: "1ZLUMENTEST000001"
 * for TEST-SO-000001 (and for SO-000001 of an older test). */
static char *
test_tracking (LumChannelTest *self)
{
  const char *number = lum_document_get_number (self->order);
  const char *dash = strrchr (number, '-');

  return g_strconcat (TEST_TRACKING, dash != NULL ? dash + 1 : number, NULL);
}

static void
on_shipped_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LumChannelTest) self = user_data;
  g_autoptr(LumTestStep) step = g_list_model_get_item (G_LIST_MODEL (self->steps), self->current);
  g_autoptr(GError) error = NULL;
  g_autoptr(LumHttpResponse) response = lum_http_send_finish (result, &error);
  g_autofree char *detail = NULL;
  g_autofree char *tracking = NULL;

  if (response == NULL || !lum_http_check_status (response, _("The sandbox"), NULL, &error))
    {
      step_failed (self, step, error->message);
      return;
    }
  self->shipped = TRUE;
  tracking = test_tracking (self);
  detail = g_strdup_printf (_("The sandbox shipped %s with UPS, tracking %s"),
                            lum_document_get_number (self->order), tracking);
  step_ok (self, step, detail);
}

static void
step_shipment (LumChannelTest *self,
               LumTestStep    *step)
{
  gboolean extensiv = lum_integration_get_kind (self->oms) == LUM_INTEGRATION_KIND_EXTENSIV;
  g_autofree char *url = sandbox_control_url (self->oms, extensiv ? "close" : "ship");
  g_autofree char *tracking = test_tracking (self);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(SoupMessage) message = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, extensiv ? "referenceNum" : "orderNumber");
  json_builder_add_string_value (b, lum_document_get_number (self->order));
  json_builder_set_member_name (b, extensiv ? "carrier" : "carrierCode");
  json_builder_add_string_value (b, "ups");
  json_builder_set_member_name (b, "trackingNumber");
  json_builder_add_string_value (b, tracking);
  json_builder_end_object (b);
  body = json_builder_get_root (b);

  message = url ? lum_http_new_json_message ("POST", url, body, "application/json") : NULL;
  if (message == NULL)
    {
      step_failed (self, step, _("The sandbox address of the integration is not usable"));
      return;
    }
  lum_http_send_async (lum_sync_service_get_session (self->service), message, g_task_get_cancellable (self->task),
                       on_shipped_cb, g_object_ref (self));
}

static void
on_polled_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LumChannelTest) self = user_data;
  g_autoptr(LumTestStep) step = g_list_model_get_item (G_LIST_MODEL (self->steps), self->current);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) shipments = NULL;
  g_autoptr(LumDocument) order = NULL;
  LumPollStats stats = { 0, };

  if (!lum_fulfillment_poller_poll_finish (LUM_FULFILLMENT_POLLER (source), result, &stats, &error))
    {
      step_failed (self, step, error->message);
      return;
    }
  shipments = lum_engine_list_shipments (self->engine, lum_document_get_id (self->order), NULL);
  order = reload (self, self->order);
  for (guint i = 0; shipments != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (shipments)); i++)
    {
      g_autoptr(LumShipment) s = g_list_model_get_item (G_LIST_MODEL (shipments), i);
      const char *tracking = lum_shipment_get_text (s, LUM_SHIPMENT_TRACKING_NUMBER);

      if (!lum_str_empty (tracking))
        {
          g_autofree char *detail = g_strdup_printf (_("Tracking %s received from %s; the order is %s"), tracking,
                                                     lum_integration_get_name (self->oms),
                                                     lum_document_get_text (order, LUM_DOC_FULFILLMENT_STATUS));
          g_set_object (&self->order, order);
          step_ok (self, step, detail);
          return;
        }
    }
  {
    const GError *last = lum_fulfillment_poller_get_last_error (LUM_FULFILLMENT_POLLER (source));
    g_autofree char *detail = g_strdup_printf (_("%s reported no shipment of %s%s%s"),
                                               lum_integration_get_name (self->oms),
                                               lum_document_get_number (self->order),
                                               last ? ": " : "", last ? last->message : "");
    step_failed (self, step, detail);
  }
}

static void
step_tracking (LumChannelTest *self,
               LumTestStep    *step)
{
  g_autoptr(LumFulfillmentPoller) poller = lum_fulfillment_poller_new (self->service);

  lum_fulfillment_poller_poll_async (poller, g_task_get_cancellable (self->task), on_polled_cb, g_object_ref (self));
}

static void
step_invoice_on_shipment (LumChannelTest *self,
                          LumTestStep    *step)
{
  g_auto(GStrv) invoices = lum_engine_list_order_invoices (self->engine, lum_document_get_id (self->order), NULL);
  g_autofree char *detail = NULL;

  if (invoices == NULL || invoices[0] == NULL)
    {
      step_failed (self, step, _("The shipment was recorded but no invoice was created"));
      return;
    }
  detail = g_strdup_printf (_("Invoice %s created for the shipped quantities"), invoices[0]);
  step_ok (self, step, detail);
}

static gint64
accounting_job (LumChannelTest  *self,
                char           **number)
{
  g_auto(GStrv) invoices = lum_engine_list_order_invoices (self->engine, lum_document_get_id (self->order), NULL);

  for (guint i = 0; invoices != NULL && invoices[i]; i++)
    {
      g_autoptr(LumDocument) invoice = lum_engine_find_document (self->engine, LUM_DOCUMENT_KIND_INVOICE,
                                                                 invoices[i], NULL);
      gint64 job = invoice ? open_job (self, LUM_JOB_KIND_PUSH_INVOICE, 0, lum_document_get_id (invoice)) : 0;

      if (job != 0)
        {
          *number = g_strdup (invoices[i]);
          return job;
        }
    }
  return 0;
}

static void
on_accounted (LumChannelTest *self,
              LumTestStep    *step,
              LumJob         *job)
{
  g_autofree char *detail = g_strdup_printf (_("Pushed to %s: invoice %s is %s invoice %s"),
                                             lum_integration_get_name (self->accounting),
                                             lum_job_get_text (job, LUM_JOB_DOCUMENT_NUMBER),
                                             _("QuickBooks"), lum_job_get_text (job, LUM_JOB_REMOTE_ID));
  step_ok (self, step, detail);
}

static void
step_accounting (LumChannelTest *self,
                 LumTestStep    *step)
{
  g_autofree char *number = NULL;
  gint64 job = accounting_job (self, &number);

  if (job == 0)
    {
      set_state (self, step, LUM_TEST_STEP_SKIPPED, _("No invoice to push: none was created in this test"));
      next_step (self);
      return;
    }
  run_job (self, step, job, on_accounted);
}

static void
on_cancelled (LumChannelTest *self,
              LumTestStep    *step,
              LumJob         *job)
{
  g_autofree char *detail = g_strdup_printf (_("Test order %s cancelled in %s"), lum_document_get_number (self->order),
                                             lum_integration_get_name (self->oms));
  step_ok (self, step, detail);
}

static void
step_cleanup (LumChannelTest *self,
              LumTestStep    *step)
{
  g_autoptr(GError) error = NULL;
  gint64 job;

  if (!lum_engine_cancel_order (self->engine, lum_document_get_id (self->order), &error))
    {
      step_failed (self, step, error->message);
      return;
    }
  job = open_job (self, LUM_JOB_KIND_CANCEL_SALES_ORDER, lum_document_get_id (self->order), 0);
  if (job == 0)
    {
      step_ok (self, step, _("The test order was cancelled before it reached the OMS"));
      return;
    }
  run_job (self, step, job, on_cancelled);
}

/* -- running --------------------------------------------------------------- */

static gboolean
on_next_idle_cb (gpointer user_data)
{
  LumChannelTest *self = user_data;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->steps));

  while (self->current < n)
    {
      g_autoptr(LumTestStep) step = g_list_model_get_item (G_LIST_MODEL (self->steps), self->current);
      StepFunc func = g_ptr_array_index (self->funcs, self->current);

      if (func == NULL || !g_str_equal (lum_test_step_get_state (step), LUM_TEST_STEP_PENDING))
        {
          self->current++;
          continue;
        }
      if (g_task_return_error_if_cancelled (self->task))
        {
          g_clear_object (&self->task);
          g_object_unref (self);
          return G_SOURCE_REMOVE;
        }
      set_state (self, step, LUM_TEST_STEP_RUNNING, NULL);
      func (self, step);
      g_object_unref (self);
      return G_SOURCE_REMOVE;
    }

  self->ok = TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LumTestStep) step = g_list_model_get_item (G_LIST_MODEL (self->steps), i);
      const char *state = lum_test_step_get_state (step);

      if (!g_str_equal (state, LUM_TEST_STEP_OK) && !g_str_equal (state, LUM_TEST_STEP_SKIPPED))
        self->ok = FALSE;
      /* a step skipped because an earlier one failed is no success either */
      if (g_str_equal (state, LUM_TEST_STEP_FAILED))
        self->ok = FALSE;
    }
  g_task_return_boolean (self->task, TRUE);
  g_clear_object (&self->task);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

/* Steps end by calling this, from whatever callback they finished in. */
static void
next_step (LumChannelTest *self)
{
  if (self->current < g_list_model_get_n_items (G_LIST_MODEL (self->steps)))
    self->current++;
  /* at the default priority: an idle one waits behind every redraw */
  g_idle_add_full (G_PRIORITY_DEFAULT, on_next_idle_cb, g_object_ref (self), NULL);
}

static void
lum_channel_test_dispose (GObject *object)
{
  LumChannelTest *self = (LumChannelTest *)object;

  g_clear_object (&self->worker);
  g_clear_object (&self->engine);
  g_clear_object (&self->service);
  g_clear_object (&self->channel);
  g_clear_object (&self->oms);
  g_clear_object (&self->accounting);
  g_clear_object (&self->order);
  g_clear_object (&self->invoice);
  g_clear_object (&self->task);

  G_OBJECT_CLASS (lum_channel_test_parent_class)->dispose (object);
}

static void
lum_channel_test_finalize (GObject *object)
{
  LumChannelTest *self = (LumChannelTest *)object;

  g_clear_object (&self->steps);
  g_clear_pointer (&self->funcs, g_ptr_array_unref);
  g_clear_pointer (&self->payloads, g_hash_table_unref);

  G_OBJECT_CLASS (lum_channel_test_parent_class)->finalize (object);
}

static void
lum_channel_test_class_init (LumChannelTestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lum_channel_test_dispose;
  object_class->finalize = lum_channel_test_finalize;
}

static void
lum_channel_test_init (LumChannelTest *self)
{
  self->steps = g_list_store_new (LUM_TYPE_TEST_STEP);
  self->funcs = g_ptr_array_new ();
  self->payloads = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify)json_node_unref);
  self->skip_delay = TRUE;
}

static gboolean
is_sandbox (LumIntegration *integration)
{
  return integration == NULL || lum_integration_is_sandbox (integration);
}

/* The steps that apply to @channel, the others skipped with their reason. */
static void
plan (LumChannelTest *self)
{
  LumChannel *c = self->channel;
  gboolean invoice_first = lum_channel_get_order_flow (c) == LUM_ORDER_FLOW_INVOICE_FIRST;
  gboolean on_shipment = !invoice_first &&
                         lum_channel_get_invoice_timing (c) == LUM_INVOICE_TIMING_SHIPMENT_CREATED;
  gboolean push = lum_channel_get_push_to_oms (c) && self->oms != NULL;
  const char *no_push = push ? NULL : _("Push Sales Orders to OMS is off");
  const char *no_ship = no_push;

  if (no_ship == NULL && !lum_channel_get_push_fulfillment_updates (c))
    no_ship = _("Automatically Push Fulfillment Updates is off: shipments are recorded by hand");
  else if (no_ship == NULL && !is_sandbox (self->oms))
    no_ship = _("Against a real OMS no shipment is simulated; real shipments come back with the next sync");

  add_step (self, "document", invoice_first ? _("Test invoice") : _("Test sales order"), step_document, NULL);
  if (invoice_first)
    add_step (self, "sales-order", _("Sales order from the invoice"), step_sales_order, NULL);
  else
    add_step (self, "invoice", _("Invoice"), step_invoice, NULL);
  add_step (self, "push-scheduled", _("Push scheduled"), step_push_scheduled, no_push);
  add_step (self, "pushed", _("Pushed to the OMS"), step_pushed, no_push);
  add_step (self, "shipment", _("Shipment"), step_shipment, no_ship);
  add_step (self, "tracking", _("Tracking received"), step_tracking, no_ship);
  if (on_shipment)
    add_step (self, "invoice-on-shipment", _("Invoice on shipment"), step_invoice_on_shipment,
              no_ship ? _("No shipment in this test, so no invoice on shipment") : NULL);
  add_step (self, "accounting", _("Invoice in QuickBooks"), step_accounting,
            self->accounting ? NULL : _("No accounting integration"));
  add_step (self, "cleanup", _("Cleanup"), step_cleanup,
            !push ? no_push : is_sandbox (self->oms) ? _("Sandbox orders need no cleanup") : NULL);
}

/**
 * lum_channel_test_new:
 * @service: the sync service whose session and connectors the test uses
 */
LumChannelTest *
lum_channel_test_new (LumSyncService *service,
                      LumChannel     *channel)
{
  LumChannelTest *self;
  LumEngine *engine;

  g_return_val_if_fail (LUM_IS_SYNC_SERVICE (service), NULL);
  g_return_val_if_fail (LUM_IS_CHANNEL (channel), NULL);

  self = g_object_new (LUM_TYPE_CHANNEL_TEST, NULL);
  self->service = g_object_ref (service);
  self->engine = engine = g_object_ref (lum_sync_service_get_engine (service));
  self->channel = lum_channel_copy (channel);
  if (lum_channel_get_push_to_oms (channel))
    self->oms = lum_engine_get_integration (engine, lum_channel_get_oms_integration_id (channel), NULL);
  if (lum_channel_get_accounting_integration_id (channel) != 0)
    self->accounting = lum_engine_get_integration (engine, lum_channel_get_accounting_integration_id (channel), NULL);
  self->worker = lum_push_worker_new (service);
  g_signal_connect_object (self->worker, "job-sending", G_CALLBACK (on_job_sending_cb), self, 0);
  plan (self);
  return self;
}

GListModel *
lum_channel_test_get_steps (LumChannelTest *self)
{
  return G_LIST_MODEL (self->steps);
}

/* TRUE when the test would send to a real (not sandbox) account. */
gboolean
lum_channel_test_needs_confirmation (LumChannelTest *self)
{
  return (self->oms != NULL && !is_sandbox (self->oms)) ||
         (self->accounting != NULL && !is_sandbox (self->accounting));
}

void
lum_channel_test_set_confirmed (LumChannelTest *self,
                                gboolean        confirmed)
{
  self->confirmed = confirmed;
}

/* Whether the test pushes at once on a channel that waits before pushing
 * (the default), or stops at the scheduled push. Against a real account it
 * always pushes at once, so that its cleanup can cancel the test order. */
void
lum_channel_test_set_skip_delay (LumChannelTest *self,
                                 gboolean        skip_delay)
{
  self->skip_delay = skip_delay;
}

void
lum_channel_test_run_async (LumChannelTest      *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (LUM_IS_CHANNEL_TEST (self));

  task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, lum_channel_test_run_async);
  if (self->task != NULL || self->current > 0)
    {
      g_task_return_new_error (task, LUM_CHANNEL_TEST_ERROR, LUM_CHANNEL_TEST_ERROR_RUNNING,
                               _("This channel test has run already; start a new one"));
      g_object_unref (task);
      return;
    }
  if (lum_channel_test_needs_confirmation (self) && !self->confirmed)
    {
      g_task_return_new_error (task, LUM_CHANNEL_TEST_ERROR, LUM_CHANNEL_TEST_ERROR_NEEDS_CONFIRMATION,
                               _("Channel “%s” sends to a real account: confirm to send a test order there (it is put on hold, marked as a test, and cancelled afterwards)"),
                               lum_channel_get_name (self->channel));
      g_object_unref (task);
      return;
    }
  self->task = task;
  g_idle_add_full (G_PRIORITY_DEFAULT, on_next_idle_cb, g_object_ref (self), NULL);
}

gboolean
lum_channel_test_run_finish (LumChannelTest  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (LUM_IS_CHANNEL_TEST (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
lum_channel_test_get_ok (LumChannelTest *self)
{
  return self->ok;
}

const char *
lum_channel_test_get_document_number (LumChannelTest *self)
{
  if (self->invoice != NULL)
    return lum_document_get_number (self->invoice);
  return self->order ? lum_document_get_number (self->order) : NULL;
}

/**
 * lum_channel_test_to_json:
 * @full: add each step's title, request body and mapped fields
 *
 * `{"channel", "ok", "steps": [{"name", "state", "detail", "at"}…]}`.
 */
JsonNode *
lum_channel_test_to_json (LumChannelTest *self,
                          gboolean        full)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->steps));

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "channel");
  json_builder_add_string_value (b, lum_channel_get_name (self->channel));
  json_builder_set_member_name (b, "ok");
  json_builder_add_boolean_value (b, self->ok);
  json_builder_set_member_name (b, "steps");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LumTestStep) step = g_list_model_get_item (G_LIST_MODEL (self->steps), i);
      const char *keys[] = { "name", "state", "detail", "at", "title", "request", "mapped" };
      LumTestStepText fields[] = { LUM_TEST_STEP_NAME, LUM_TEST_STEP_STATE, LUM_TEST_STEP_DETAIL, LUM_TEST_STEP_AT,
                                   LUM_TEST_STEP_TITLE, LUM_TEST_STEP_REQUEST, LUM_TEST_STEP_MAPPED };

      json_builder_begin_object (b);
      for (guint k = 0; k < (full ? G_N_ELEMENTS (keys) : 4); k++)
        {
          const char *value = lum_test_step_get_text (step, fields[k]);

          json_builder_set_member_name (b, keys[k]);
          if (lum_str_empty (value))
            json_builder_add_null_value (b);
          else
            json_builder_add_string_value (b, value);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

char *
lum_channel_test_to_markdown (LumChannelTest *self)
{
  g_autoptr(GString) md = g_string_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->steps));

  g_string_append_printf (md, "# %s\n\n", lum_channel_get_name (self->channel));
  g_string_append_printf (md, "%s\n\n", self->ok ? _("Every step that applies passed.") : _("The test did not pass."));
  g_string_append_printf (md, "| %s | %s | %s | %s |\n|---|---|---|---|\n",
                          _("Step"), _("State"), _("Detail"), _("At"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LumTestStep) step = g_list_model_get_item (G_LIST_MODEL (self->steps), i);
      g_autofree char *detail = g_strdup (lum_test_step_get_text (step, LUM_TEST_STEP_DETAIL));

      g_strdelimit (detail, "|\n", ' ');
      g_string_append_printf (md, "| %s | %s | %s | %s |\n", lum_test_step_get_text (step, LUM_TEST_STEP_TITLE),
                              lum_test_step_get_state (step), detail,
                              lum_str_empty (lum_test_step_get_text (step, LUM_TEST_STEP_AT))
                                ? "" : lum_test_step_get_text (step, LUM_TEST_STEP_AT));
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LumTestStep) step = g_list_model_get_item (G_LIST_MODEL (self->steps), i);

      if (!lum_str_empty (lum_test_step_get_text (step, LUM_TEST_STEP_MAPPED)))
        g_string_append_printf (md, "\n## %s\n\n```\n%s\n```\n", _("Mapped fields"),
                                lum_test_step_get_text (step, LUM_TEST_STEP_MAPPED));
      if (!lum_str_empty (lum_test_step_get_text (step, LUM_TEST_STEP_REQUEST)))
        g_string_append_printf (md, "\n## %s\n\n```json\n%s\n```\n", _("Request sent"),
                                lum_test_step_get_text (step, LUM_TEST_STEP_REQUEST));
    }
  return g_string_free (g_steal_pointer (&md), FALSE);
}

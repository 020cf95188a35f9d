/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "lum-push-worker.h"
#include "lum-lease.h"
#include "lum-engine-documents.h"
#include "lum-engine-sync.h"
#include "lum-engine-setup.h"
#include "lum-engine-warehouses.h"
#include "lum-engine-fulfillments.h"
#include "lum-sync-service.h"
#include "lum-util.h"
#include "connect/lum-order-payload.h"

#define BACKOFF_BASE_MS   (30 * 1000)
#define BACKOFF_MAX_MS    (60 * 60 * 1000)

struct _LumPushWorker
{
  GObject        parent_instance;

  LumEngine     *engine;
  LumSyncService *service;  /* not owned: the service owns its worker */
  char          *owner;
  GCancellable  *cancellable;
  gboolean       started;
  gboolean       busy;
  gboolean       wake_again;
  gboolean       with_invoices;
  guint          timeout_id;
  guint          idle_id;
  guint          renew_id;
  gulong         changed_id;
};

G_DEFINE_FINAL_TYPE (LumPushWorker, lum_push_worker, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  JOB_FAILED,
  JOB_DONE,
  JOB_SENDING,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* One pass: what was claimed, what is in flight. */
typedef struct
{
  GPtrArray *groups;     /* Group*, one per integration */
  guint      pending;    /* chunks in flight */
  guint      n_sent;
  gboolean   claimed_any;
  gint64     only_job_id;
} Pass;

typedef struct
{
  LumConnector *connector;
  GPtrArray    *items;     /* LumPushItem */
} Group;

static void
group_free (gpointer data)
{
  Group *group = data;

  g_clear_object (&group->connector);
  g_ptr_array_unref (group->items);
  g_free (group);
}

static void
pass_free (gpointer data)
{
  Pass *pass = data;

  g_ptr_array_unref (pass->groups);
  g_free (pass);
}

/**
 * lum_push_worker_backoff:
 * @attempt: the attempt that failed, from 1
 * @random: any 32 random bits, for the jitter
 *
 * How long to wait before the next attempt, in milliseconds: 30 s doubling
 * each time up to an hour, less up to a fifth at random so that jobs that
 * failed together do not come back together.
 */
gint64
lum_push_worker_backoff (guint   attempt,
                         guint32 random)
{
  gint64 delay = BACKOFF_BASE_MS;

  for (guint i = 1; i < attempt && delay < BACKOFF_MAX_MS; i++)
    delay *= 2;
  delay = MIN (delay, BACKOFF_MAX_MS);
  return delay - (delay / 5) * (random % 1000) / 1000;
}

static void
set_busy (LumPushWorker *self,
          gboolean       busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* -- building the items --------------------------------------------------- */

static char *
warehouse_code (LumEngine  *engine,
                LumChannel *config)
{
  g_autoptr(GListStore) warehouses = lum_engine_list_warehouses (engine, lum_channel_get_warehouse_group_id (config),
                                                                 NULL);
  g_autoptr(LumWarehouse) first = NULL;

  if (warehouses == NULL || g_list_model_get_n_items (G_LIST_MODEL (warehouses)) == 0)
    return NULL;
  first = g_list_model_get_item (G_LIST_MODEL (warehouses), 0);
  return g_strdup (lum_warehouse_get_code (first));
}

/* What the QuickBooks connector turns into an invoice: a summary of the
 * posted invoice, with the job's request id for idempotency. */
static JsonNode *
build_invoice_summary (LumPushWorker  *self,
                       LumJob         *job,
                       LumDocument   **out_invoice,
                       GError        **error)
{
  g_autoptr(LumDocument) invoice = NULL;
  g_autoptr(LumCustomer) customer = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GListModel *lines;

  invoice = lum_engine_get_document (self->engine, LUM_DOCUMENT_KIND_INVOICE,
                                     lum_job_get_int (job, LUM_JOB_INVOICE_ID), error);
  if (invoice == NULL)
    return NULL;
  customer = lum_engine_find_customer (self->engine, lum_document_get_text (invoice, LUM_DOC_CUSTOMER_NAME), error);
  if (customer == NULL)
    return NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "number");
  json_builder_add_string_value (b, lum_document_get_number (invoice));
  json_builder_set_member_name (b, "issue_date");
  json_builder_add_string_value (b, lum_document_get_text (invoice, LUM_DOC_ISSUE_DATE));
  json_builder_set_member_name (b, "due_date");
  json_builder_add_string_value (b, lum_document_get_text (invoice, LUM_DOC_DUE_DATE));
  json_builder_set_member_name (b, "customer");
  json_builder_add_string_value (b, lum_customer_get_name (customer));
  if (!lum_str_empty (lum_customer_get_text (customer, LUM_CUSTOMER_EMAIL)))
    {
      json_builder_set_member_name (b, "email");
      json_builder_add_string_value (b, lum_customer_get_text (customer, LUM_CUSTOMER_EMAIL));
    }
  if (!lum_str_empty (lum_document_get_text (invoice, LUM_DOC_PO_NUMBER)))
    {
      json_builder_set_member_name (b, "po_number");
      json_builder_add_string_value (b, lum_document_get_text (invoice, LUM_DOC_PO_NUMBER));
    }
  json_builder_set_member_name (b, "request_id");
  json_builder_add_string_value (b, lum_job_get_text (job, LUM_JOB_REQUEST_ID));
  json_builder_set_member_name (b, "lines");
  json_builder_begin_array (b);
  lines = lum_document_get_lines (invoice);
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(LumDocLine) line = g_list_model_get_item (lines, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "sku");
      json_builder_add_string_value (b, lum_doc_line_get_sku (line));
      json_builder_set_member_name (b, "description");
      json_builder_add_string_value (b, lum_doc_line_get_description (line));
      json_builder_set_member_name (b, "quantity");
      json_builder_add_int_value (b, lum_doc_line_get_quantity (line));
      json_builder_set_member_name (b, "unit_price_cents");
      json_builder_add_int_value (b, lum_doc_line_get_unit_price_cents (line));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  *out_invoice = g_steal_pointer (&invoice);
  return json_builder_get_root (b);
}

/* The payload of an order job, as its OMS wants it, mappings applied. */
static JsonNode *
build_payload (LumPushWorker   *self,
               LumJob          *job,
               LumIntegration  *integration,
               gboolean         sending,
               LumDocument    **out_order,
               GError         **error)
{
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumChannel) config = NULL;
  g_autoptr(LumCustomer) customer = NULL;
  g_autofree char *code = NULL;
  g_autoptr(JsonNode) payload = NULL;
  LumOrderPayloadInput input = { 0, };
  g_autoptr(LumShipFrom) ship_from = NULL;
  gboolean cancel = lum_job_get_kind (job) == LUM_JOB_KIND_CANCEL_SALES_ORDER;
  gboolean record = sending && !cancel;

  order = lum_engine_get_document (self->engine, LUM_DOCUMENT_KIND_SALES_ORDER,
                                   lum_job_get_int (job, LUM_JOB_SALES_ORDER_ID), error);
  if (order == NULL)
    return NULL;
  config = lum_engine_get_document_config (self->engine, order, error);
  customer = config ? lum_engine_find_customer (self->engine, lum_document_get_text (order, LUM_DOC_CUSTOMER_NAME),
                                                error) : NULL;
  if (customer == NULL)
    return NULL;
  code = warehouse_code (self->engine, config);
  if (lum_job_get_int (job, LUM_JOB_FULFILLMENT_ID) != 0)
    {
      g_autoptr(LumFulfillment) fulfillment = NULL;
      g_autoptr(LumDocument) whole = g_steal_pointer (&order);

      /* one fulfillment order of a split: its own number, lines and
       * warehouse; the order's ship-from record stays the group's */
      fulfillment = lum_engine_get_fulfillment (self->engine, lum_job_get_int (job, LUM_JOB_FULFILLMENT_ID), error);
      if (fulfillment == NULL)
        return NULL;
      order = lum_engine_fulfillment_order (whole, fulfillment);
      ship_from = lum_engine_fulfillment_ship_from (self->engine, config, integration, fulfillment, error);
      record = FALSE;
    }
  else
    ship_from = lum_engine_choose_order_ship_from (self->engine, config, integration, order, error);
  if (ship_from == NULL)
    return NULL;

  input.order = order;
  input.ship_from = ship_from;
  input.customer = customer;
  input.config = config;
  input.warehouse_code = code;
  input.status = cancel ? "cancelled" : lum_document_get_is_test (order) ? "on_hold" : "awaiting_shipment";

  if (lum_integration_get_kind (integration) == LUM_INTEGRATION_KIND_SHIPSTATION)
    payload = lum_order_payload_shipstation (&input, error);
  else if (lum_integration_get_kind (integration) == LUM_INTEGRATION_KIND_SHIPSTATION_V2)
    payload = lum_order_payload_shipstation_v2 (&input, error);
  else if (lum_integration_get_kind (integration) == LUM_INTEGRATION_KIND_EXTENSIV)
    payload = lum_order_payload_extensiv (&input, integration, error);
  else
    g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED,
                 _("Integration “%s” does not take sales orders"), lum_integration_get_name (integration));
  if (payload == NULL || !lum_order_payload_apply_mappings (payload, lum_integration_get_kind (integration), &input, error))
    return NULL;
  /* what the order view says of where it ships from: the choice of the
   * request being sent (a cancellation sends the same) */
  if (record)
    {
      g_autoptr(GError) record_error = NULL;

      /* the order goes all the same: the record only explains it */
      if (!lum_engine_record_ship_from (self->engine, lum_document_get_id (order), ship_from, &record_error))
        g_warning ("Could not record where order %s ships from: %s", lum_document_get_number (order),
                   record_error->message);
    }

  *out_order = g_steal_pointer (&order);
  return g_steal_pointer (&payload);
}

/**
 * lum_push_worker_dup_payload:
 * @job: a push or cancellation of a sales order
 *
 * The body the job sends (or sent) to its OMS, built as a push builds it.
 *
 * Returns: (transfer full) (nullable): the body
 */
JsonNode *
lum_push_worker_dup_payload (LumPushWorker  *self,
                             LumJob         *job,
                             GError        **error)
{
  g_autoptr(LumIntegration) integration = NULL;
  g_autoptr(LumDocument) order = NULL;

  g_return_val_if_fail (LUM_IS_PUSH_WORKER (self), NULL);

  integration = lum_engine_get_integration (self->engine, lum_job_get_int (job, LUM_JOB_INTEGRATION_ID), error);
  if (integration == NULL)
    return NULL;
  return build_payload (self, job, integration, FALSE, &order, error);
}

/* -- recording outcomes --------------------------------------------------- */

/* Done, again later with backoff, or failed for good. */
static LumJobState
decide_state (LumJob      *job,
              LumPushItem *item,
              gint64       now,
              char       **due)
{
  gint64 attempts = lum_job_get_int (job, LUM_JOB_ATTEMPTS);
  gint64 max_attempts = lum_job_get_int (job, LUM_JOB_MAX_ATTEMPTS);

  *due = NULL;
  if (item->error == NULL)
    return LUM_JOB_STATE_DONE;
  if (lum_remote_error_is_retryable (item->error) && attempts < max_attempts)
    {
      *due = lum_time_format (now + lum_push_worker_backoff (attempts, g_random_int ()) * 1000);
      return LUM_JOB_STATE_SCHEDULED;
    }
  return LUM_JOB_STATE_FAILED;
}

/* Records a chunk's outcomes through the engine, in one transaction;
 * signals follow the commit. */
static void
record_outcomes (LumPushWorker *self,
                 GPtrArray     *items)
{
  g_autoptr(GArray) outcomes = g_array_new (FALSE, TRUE, sizeof (LumJobOutcome));
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) dues = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gint64 now = lum_engine_now (self->engine);

  if (items->len == 0)
    return;
  for (guint i = 0; i < items->len; i++)
    {
      LumPushItem *item = g_ptr_array_index (items, i);
      LumJob *job = lum_engine_get_job (self->engine, item->job_id, NULL);
      LumJobOutcome outcome = { 0, };
      char *due = NULL;

      if (job == NULL)
        continue;
      outcome.job = job;
      outcome.state = decide_state (job, item, now, &due);
      outcome.due_at = due;
      outcome.remote_id = item->remote_id;
      outcome.message = item->error ? item->error->message : NULL;
      outcome.sent = item->sent;
      g_ptr_array_add (jobs, job);
      g_ptr_array_add (dues, due);
      g_array_append_val (outcomes, outcome);
    }

  if (!lum_engine_record_job_outcomes (self->engine, self->owner, (LumJobOutcome *)(gpointer)outcomes->data,
                                       outcomes->len, &error))
    {
      /* the jobs stay running; their leases run out and they are tried again */
      g_warning ("Could not record the outcome of %u jobs: %s", items->len, error->message);
      return;
    }

  for (guint i = 0; i < outcomes->len; i++)
    {
      LumJobOutcome *outcome = &g_array_index (outcomes, LumJobOutcome, i);

      if (!outcome->recorded)
        continue;
      if (outcome->state == LUM_JOB_STATE_FAILED)
        {
          g_autoptr(LumJob) failed = lum_engine_get_job (self->engine, lum_job_get_id (outcome->job), NULL);
          g_signal_emit (self, signals[JOB_FAILED], 0, failed ? failed : outcome->job);
        }
      else if (outcome->state == LUM_JOB_STATE_DONE)
        g_signal_emit (self, signals[JOB_DONE], 0, outcome->job);
    }
}

/* -- a pass ---------------------------------------------------------------- */

static void run_pass (GTask *task);

static void
pass_chunk_done (GTask *task)
{
  Pass *pass = g_task_get_task_data (task);

  g_assert (pass->pending > 0);
  pass->pending--;
  if (pass->pending == 0)
    run_pass (task); /* more may be due by now */
  else
    g_object_unref (task);
}

typedef struct
{
  GTask     *task;
  GPtrArray *chunk;
} Chunk;

static void
on_chunk_pushed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Chunk *chunk = user_data;
  GTask *task = chunk->task;
  LumPushWorker *self = g_task_get_source_object (task);
  Pass *pass = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!lum_connector_push_finish (LUM_CONNECTOR (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* stopping: the claims stay and their leases run out */
          g_ptr_array_unref (chunk->chunk);
          g_free (chunk);
          pass_chunk_done (task);
          return;
        }
      for (guint i = 0; i < chunk->chunk->len; i++)
        {
          LumPushItem *item = g_ptr_array_index (chunk->chunk, i);
          g_clear_error (&item->error);
          item->error = g_error_copy (error);
        }
    }

  pass->n_sent += chunk->chunk->len;
  record_outcomes (self, chunk->chunk);
  g_ptr_array_unref (chunk->chunk);
  g_free (chunk);
  pass_chunk_done (task);
}

static Group *
find_group (Pass          *pass,
            LumPushWorker *self,
            gint64         integration_id,
            GError       **error)
{
  Group *group;
  LumConnector *connector;

  for (guint i = 0; i < pass->groups->len; i++)
    {
      group = g_ptr_array_index (pass->groups, i);
      if (lum_integration_get_id (lum_connector_get_integration (group->connector)) == integration_id)
        return group;
    }
  if (self->service == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED, _("The sync service of this push worker has stopped"));
      return NULL;
    }
  connector = lum_sync_service_get_connector (self->service, integration_id, error);
  if (connector == NULL)
    return NULL;
  group = g_new0 (Group, 1);
  group->connector = connector;
  group->items = g_ptr_array_new_with_free_func ((GDestroyNotify)lum_push_item_free);
  g_ptr_array_add (pass->groups, group);
  return group;
}

/* How many jobs a pass takes at most; LUMEN_PUSH_CLAIM_LIMIT lowers it so
 * that tests can make two workers share a queue. */
static guint
claim_limit (void)
{
  const char *env = g_getenv ("LUMEN_PUSH_CLAIM_LIMIT");
  guint64 limit;

  if (env != NULL && g_ascii_string_to_unsigned (env, 10, 1, LUM_PUSH_WORKER_CLAIM_LIMIT, &limit, NULL))
    return (guint)limit;
  return LUM_PUSH_WORKER_CLAIM_LIMIT;
}

/* How long a claim holds without renewal; LUMEN_PUSH_LEASE_SECONDS
 * shortens it so that tests need not wait for it. */
static guint
lease_seconds (void)
{
  const char *env = g_getenv ("LUMEN_PUSH_LEASE_SECONDS");
  guint64 seconds;

  if (env != NULL && g_ascii_string_to_unsigned (env, 10, 1, LUM_PUSH_WORKER_LEASE_SECONDS, &seconds, NULL))
    return (guint)seconds;
  return LUM_PUSH_WORKER_LEASE_SECONDS;
}

static gboolean
on_renew_leases_cb (gpointer user_data)
{
  LumPushWorker *self = user_data;
  g_autoptr(GError) error = NULL;
  guint n_held = 0;

  if (!lum_engine_renew_jobs (self->engine, self->owner, lease_seconds (), &n_held, &error))
    {
      /* the next tick tries again, well before the leases run out */
      g_warning ("Could not renew the leases of the jobs being sent: %s", error->message);
      return G_SOURCE_CONTINUE;
    }
  g_debug ("Renewed the leases of %u jobs for %u s", n_held, lease_seconds ());
  if (n_held > 0)
    return G_SOURCE_CONTINUE;
  self->renew_id = 0;
  return G_SOURCE_REMOVE;
}

/* While the worker holds jobs, their leases are renewed a few times per
 * lease, so that a long request keeps its jobs and a dead worker's come
 * back soon. */
static void
keep_leases (LumPushWorker *self)
{
  if (self->renew_id == 0)
    self->renew_id = g_timeout_add_full (G_PRIORITY_DEFAULT, MAX (lease_seconds () * 1000 / 3, 100),
                                         on_renew_leases_cb, self, NULL);
}

/* Claims the due jobs and turns them into items; a job whose payload
 * cannot be built fails at once, with its reason. */
static gboolean
claim_and_prepare (LumPushWorker *self,
                   Pass          *pass,
                   GError       **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) unbuildable = g_ptr_array_new_with_free_func ((GDestroyNotify)lum_push_item_free);

  ids = lum_engine_claim_jobs (self->engine, self->owner, lease_seconds (),
                               self->with_invoices || pass->only_job_id != 0, pass->only_job_id, claim_limit (),
                               error);
  if (ids == NULL)
    return FALSE;
  pass->claimed_any = ids->len > 0;
  if (pass->claimed_any)
    keep_leases (self);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(LumJob) job = lum_engine_get_job (self->engine, id, NULL);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(LumDocument) order = NULL;
      g_autoptr(JsonNode) payload = NULL;
      Group *group;
      LumPushItem *item;

      if (job == NULL)
        continue;
      group = find_group (pass, self, lum_job_get_int (job, LUM_JOB_INTEGRATION_ID), &local_error);
      if (group != NULL && lum_job_get_kind (job) == LUM_JOB_KIND_PUSH_INVOICE)
        payload = build_invoice_summary (self, job, &order, &local_error);
      else if (group != NULL)
        payload = build_payload (self, job, lum_connector_get_integration (group->connector), TRUE, &order,
                                 &local_error);

      item = lum_push_item_new (id, lum_job_get_kind (job),
                                order ? lum_document_get_number (order) : NULL,
                                order ? lum_document_get_text (order, LUM_DOC_UUID) : NULL,
                                payload);
      item->may_have_arrived = lum_job_get_int (job, LUM_JOB_ATTEMPTS) > 1;
      if (payload == NULL)
        {
          item->error = g_steal_pointer (&local_error);
          g_ptr_array_add (unbuildable, item);
        }
      else
        {
          g_signal_emit (self, signals[JOB_SENDING], 0, job, payload);
          g_ptr_array_add (group->items, item);
        }
    }

  record_outcomes (self, unbuildable);
  return TRUE;
}

static void
run_pass (GTask *task)
{
  LumPushWorker *self = g_task_get_source_object (task);
  Pass *pass = g_task_get_task_data (task);
  GError *error = NULL;

  g_ptr_array_set_size (pass->groups, 0);
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  if (!claim_and_prepare (self, pass, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (!pass->claimed_any)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  /* every chunk holds a reference to the task; the pass ends with the last */
  pass->pending = 1;
  for (guint g = 0; g < pass->groups->len; g++)
    {
      Group *group = g_ptr_array_index (pass->groups, g);
      guint batch = lum_connector_get_batch_size (group->connector);

      while (group->items->len > 0)
        {
          Chunk *chunk = g_new0 (Chunk, 1);
          guint n = MIN (batch, group->items->len);

          chunk->task = g_object_ref (task);
          chunk->chunk = g_ptr_array_new_with_free_func ((GDestroyNotify)lum_push_item_free);
          for (guint i = 0; i < n; i++)
            g_ptr_array_add (chunk->chunk, g_ptr_array_steal_index (group->items, 0));
          pass->pending++;
          lum_connector_push_async (group->connector, chunk->chunk, g_task_get_cancellable (task),
                                    on_chunk_pushed_cb, chunk);
        }
    }
  pass_chunk_done (task);
}

/**
 * lum_push_worker_run_once_async:
 *
 * Sends everything due now, pass after pass until nothing due is left,
 * then completes. `lumenctl sync --once` and the tests use it.
 */
void
lum_push_worker_run_once_async (LumPushWorker       *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  Pass *pass;

  g_return_if_fail (LUM_IS_PUSH_WORKER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  pass = g_new0 (Pass, 1);

  g_task_set_source_tag (task, lum_push_worker_run_once_async);
  pass->groups = g_ptr_array_new_with_free_func (group_free);
  g_task_set_task_data (task, pass, pass_free);
  run_pass (task);
}

/**
 * lum_push_worker_run_job_async:
 *
 * Sends one job if it is due (a channel test's), as run_once does for all.
 */
void
lum_push_worker_run_job_async (LumPushWorker       *self,
                               gint64               job_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;
  Pass *pass;

  g_return_if_fail (LUM_IS_PUSH_WORKER (self));
  g_return_if_fail (job_id > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  pass = g_new0 (Pass, 1);

  g_task_set_source_tag (task, lum_push_worker_run_job_async);
  pass->groups = g_ptr_array_new_with_free_func (group_free);
  pass->only_job_id = job_id;
  g_task_set_task_data (task, pass, pass_free);
  run_pass (task);
}

gboolean
lum_push_worker_run_once_finish (LumPushWorker  *self,
                                 GAsyncResult   *result,
                                 guint          *n_sent,
                                 GError        **error)
{
  Pass *pass;

  g_return_val_if_fail (LUM_IS_PUSH_WORKER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, lum_push_worker_run_once_async), FALSE);

  pass = g_task_get_task_data (G_TASK (result));

  if (n_sent != NULL)
    *n_sent = pass->n_sent;
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
lum_push_worker_run_job_finish (LumPushWorker  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (LUM_IS_PUSH_WORKER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, lum_push_worker_run_job_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* -- running continuously ------------------------------------------------- */

static void wake (LumPushWorker *self);

static gboolean
on_timeout_cb (gpointer user_data)
{
  LumPushWorker *self = user_data;

  self->timeout_id = 0;
  wake (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_idle_cb (gpointer user_data)
{
  LumPushWorker *self = user_data;

  self->idle_id = 0;
  wake (self);
  return G_SOURCE_REMOVE;
}

/* Sleeps until the next job falls due (or a lease runs out). */
static void
schedule_next (LumPushWorker *self)
{
  g_autofree char *next = lum_engine_next_job_wakeup (self->engine, self->with_invoices);
  gint64 when, now, delay_ms;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (!self->started || next == NULL || !lum_time_parse (next, &when))
    return;
  now = lum_engine_now (self->engine);
  delay_ms = MAX (0, (when - now) / 1000) + 1000; /* due times have second precision */
  self->timeout_id = g_timeout_add_full (G_PRIORITY_DEFAULT, (guint)MIN (delay_ms, 60 * 60 * 1000),
                                         on_timeout_cb, self, NULL);
}

static void
on_run_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  LumPushWorker *self = LUM_PUSH_WORKER (source);
  g_autoptr(GError) error = NULL;

  if (!lum_push_worker_run_once_finish (self, result, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Push worker: %s", error->message);

  set_busy (self, FALSE);
  if (self->wake_again)
    {
      self->wake_again = FALSE;
      wake (self);
      return;
    }
  schedule_next (self);
}

static void
wake (LumPushWorker *self)
{
  if (!self->started)
    return;
  if (self->busy)
    {
      self->wake_again = TRUE;
      return;
    }
  set_busy (self, TRUE);
  lum_push_worker_run_once_async (self, self->cancellable, on_run_done_cb, NULL);
}

static void
on_engine_changed_cb (LumPushWorker *self,
                      const char    *what)
{
  /* a job may have been written, here or by another process */
  if ((g_str_equal (what, "documents") || g_str_equal (what, "external")) && self->idle_id == 0)
    self->idle_id = g_idle_add (on_idle_cb, self);
}

static void
lum_push_worker_dispose (GObject *object)
{
  LumPushWorker *self = (LumPushWorker *)object;

  lum_push_worker_stop (self);
  g_clear_handle_id (&self->renew_id, g_source_remove);
  if (self->service != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->service), (gpointer *)&self->service);
  self->service = NULL;
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (lum_push_worker_parent_class)->dispose (object);
}

static void
lum_push_worker_finalize (GObject *object)
{
  LumPushWorker *self = (LumPushWorker *)object;

  g_clear_object (&self->cancellable);
  g_free (self->owner);

  G_OBJECT_CLASS (lum_push_worker_parent_class)->finalize (object);
}

static void
lum_push_worker_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, LUM_PUSH_WORKER (object)->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_push_worker_class_init (LumPushWorkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lum_push_worker_dispose;
  object_class->finalize = lum_push_worker_finalize;
  object_class->get_property = lum_push_worker_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LumPushWorker::job-failed:
   * @job: the job as it is now, its last error included
   *
   * A job failed for good: the user must look at it.
   */
  signals[JOB_FAILED] =
    g_signal_new ("job-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, LUM_TYPE_JOB);
  signals[JOB_DONE] =
    g_signal_new ("job-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, LUM_TYPE_JOB);

  /**
   * LumPushWorker::job-sending:
   * @job: the job
   * @payload: the body about to be sent (for QuickBooks, the invoice summary)
   *
   * What a channel test shows as the exact request.
   */
  signals[JOB_SENDING] =
    g_signal_new ("job-sending", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, LUM_TYPE_JOB, JSON_TYPE_NODE);
}

static void
lum_push_worker_init (LumPushWorker *self)
{
  self->owner = lum_lease_owner_new ();
  self->cancellable = g_cancellable_new ();
}

/**
 * lum_push_worker_new:
 * @service: whose connectors the worker sends through; it must outlive
 *   the worker's passes (the service owns its own worker)
 */
LumPushWorker *
lum_push_worker_new (LumSyncService *service)
{
  LumPushWorker *self;

  g_return_val_if_fail (LUM_IS_SYNC_SERVICE (service), NULL);

  self = g_object_new (LUM_TYPE_PUSH_WORKER, NULL);
  self->engine = g_object_ref (lum_sync_service_get_engine (service));
  self->service = service;
  g_object_add_weak_pointer (G_OBJECT (service), (gpointer *)&self->service);
  return self;
}

/**
 * lum_push_worker_start:
 *
 * Runs on the main loop until stopped: sends what is due (jobs left
 * running by a crashed process come back at once when it ran on this
 * computer, otherwise when their lease runs out), then
 * sleeps until the next due time or until a job is written.
 */
void
lum_push_worker_start (LumPushWorker *self)
{
  g_return_if_fail (LUM_IS_PUSH_WORKER (self));

  if (self->started)
    return;
  self->started = TRUE;
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
    }
  self->changed_id = g_signal_connect_swapped (self->engine, "changed", G_CALLBACK (on_engine_changed_cb), self);
  wake (self);
}

void
lum_push_worker_stop (LumPushWorker *self)
{
  g_return_if_fail (LUM_IS_PUSH_WORKER (self));

  self->started = FALSE;
  g_cancellable_cancel (self->cancellable);
  /* the cancelled requests hold nothing: their leases run out */
  g_clear_handle_id (&self->renew_id, g_source_remove);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->engine != NULL)
    g_clear_signal_handler (&self->changed_id, self->engine);
}

gboolean
lum_push_worker_get_busy (LumPushWorker *self)
{
  return self->busy;
}

/* The claim this worker writes into the jobs it holds (see lum-lease.h). */
const char *
lum_push_worker_get_owner (LumPushWorker *self)
{
  g_return_val_if_fail (LUM_IS_PUSH_WORKER (self), NULL);
  return self->owner;
}

/* Whether invoice jobs are for this worker too (they need QuickBooks). */
void
lum_push_worker_set_with_invoices (LumPushWorker *self,
                                   gboolean       with_invoices)
{
  self->with_invoices = with_invoices;
}

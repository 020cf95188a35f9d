/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-engine"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "lum-engine-private.h"
#include "lum-engine-sync.h"
#include "lum-engine-setup.h"
#include "lum-util.h"
#include "lum-lease.h"
#include "store/lum-job-store.h"
#include "store/lum-fulfillment-store.h"
#include "connect/lum-connector.h"
#include "flow/lum-order-flow.h"
#include "flow/lum-conflict-flow.h"
#include "store/lum-document-store.h"
#include "store/lum-sync-cursor.h"

/* -- the push worker's jobs ---------------------------------------------- */

static const char *
integration_name (LumJob *job)
{
  return lum_job_get_text (job, LUM_JOB_INTEGRATION_NAME);
}

static gboolean
record_invoice_outcome (LumFlowContext  *ctx,
                        LumJobOutcome   *outcome,
                        const char      *due,
                        GError         **error)
{
  LumJob *job = outcome->job;
  g_autofree char *now = lum_time_format (ctx->now);
  gint64 invoice_id = lum_job_get_int (job, LUM_JOB_INVOICE_ID);
  g_autoptr(LumDocument) invoice = lum_document_store_get (ctx->db, LUM_DOCUMENT_KIND_INVOICE, invoice_id, error);
  const char *message = outcome->message;

  if (invoice == NULL)
    return FALSE;
  switch (outcome->state)
    {
    case LUM_JOB_STATE_DONE:
      lum_document_set_text (invoice, LUM_DOC_ACCOUNTING_STATUS, LUM_PUSH_PUSHED);
      lum_document_set_text (invoice, LUM_DOC_ACCOUNTING_ID, outcome->remote_id);
      lum_flow_add_event (ctx, "accounting.pushed", lum_document_get_int (invoice, LUM_DOC_CHANNEL_ID), 0, invoice_id,
                          lum_job_get_id (job), "integration", integration_name (job), "remote_id", outcome->remote_id,
                          NULL);
      break;
    case LUM_JOB_STATE_SCHEDULED:
      lum_flow_add_event (ctx, "push.retry", lum_document_get_int (invoice, LUM_DOC_CHANNEL_ID), 0, invoice_id,
                          lum_job_get_id (job), "next_at", due, "error", message, NULL);
      break;
    case LUM_JOB_STATE_FAILED:
    default:
      lum_document_set_text (invoice, LUM_DOC_ACCOUNTING_STATUS, LUM_PUSH_FAILED);
      lum_flow_add_event (ctx, "accounting.failed", lum_document_get_int (invoice, LUM_DOC_CHANNEL_ID), 0, invoice_id,
                          lum_job_get_id (job), "error", message, NULL);
      break;
    }
  return lum_document_store_update (ctx->db, invoice, now, FALSE, error);
}

typedef struct
{
  const char    *owner;
  LumJobOutcome *outcome;
} RecordOutcome;

/* A push of one fulfillment order of a split: the fulfillment records it;
 * the order is pushed once all of them are, failed when one fails. */
static gboolean
record_fulfillment_outcome (LumFlowContext  *ctx,
                            LumDocument     *order,
                            LumJobOutcome   *outcome,
                            const char      *now,
                            GError         **error)
{
  LumJob *job = outcome->job;
  gint64 fulfillment_id = lum_job_get_int (job, LUM_JOB_FULFILLMENT_ID);
  gint64 order_id = lum_document_get_id (order);
  gint64 channel_id = lum_document_get_int (order, LUM_DOC_CHANNEL_ID);
  const char *number = lum_job_get_text (job, LUM_JOB_DOCUMENT_NUMBER);
  g_autoptr(GPtrArray) all = NULL;
  guint pushed = 0;

  if (lum_job_get_kind (job) == LUM_JOB_KIND_CANCEL_SALES_ORDER)
    {
      gboolean sent = outcome->state == LUM_JOB_STATE_DONE;

      if (sent && !lum_fulfillment_store_set_push_state (ctx->db, fulfillment_id, LUM_FULFILLMENT_PUSH_CANCELLED, NULL,
                                                         error))
        return FALSE;
      lum_flow_add_event (ctx, sent ? "cancel.sent" : outcome->state == LUM_JOB_STATE_SCHEDULED ? "push.retry"
                                                                                                : "push.failed",
                          channel_id, order_id, 0, lum_job_get_id (job),
                          "integration", integration_name (job), "error", outcome->message,
                          "fulfillment", number, NULL);
      return TRUE;
    }

  switch (outcome->state)
    {
    case LUM_JOB_STATE_DONE:
      if (!lum_fulfillment_store_set_push_state (ctx->db, fulfillment_id, LUM_FULFILLMENT_PUSH_PUSHED, outcome->remote_id,
                                                 error))
        return FALSE;
      lum_flow_add_event (ctx, "push.sent", channel_id, order_id, 0, lum_job_get_id (job),
                          "integration", integration_name (job), "remote_id", outcome->remote_id,
                          "fulfillment", number, NULL);
      all = lum_fulfillment_store_list (ctx->db, order_id, error);
      if (all == NULL)
        return FALSE;
      for (guint i = 0; i < all->len; i++)
        if (g_str_equal (((LumFulfillment *)g_ptr_array_index (all, i))->push_state, LUM_FULFILLMENT_PUSH_PUSHED))
          pushed++;
      if (pushed == all->len)
        {
          lum_document_set_text (order, LUM_DOC_PUSH_STATUS, LUM_PUSH_PUSHED);
          lum_document_set_text (order, LUM_DOC_PUSH_DUE_AT, NULL);
        }
      break;
    case LUM_JOB_STATE_SCHEDULED:
      lum_document_set_text (order, LUM_DOC_PUSH_DUE_AT, outcome->due_at);
      lum_flow_add_event (ctx, "push.retry", channel_id, order_id, 0, lum_job_get_id (job),
                          "next_at", outcome->due_at, "error", outcome->message, "fulfillment", number, NULL);
      break;
    case LUM_JOB_STATE_FAILED:
    default:
      if (!lum_fulfillment_store_set_push_state (ctx->db, fulfillment_id, LUM_FULFILLMENT_PUSH_FAILED, NULL, error))
        return FALSE;
      lum_document_set_text (order, LUM_DOC_PUSH_STATUS, LUM_PUSH_FAILED);
      lum_flow_add_event (ctx, "push.failed", channel_id, order_id, 0, lum_job_get_id (job),
                          "error", outcome->message, "fulfillment", number, NULL);
      break;
    }
  return lum_document_store_update (ctx->db, order, now, FALSE, error);
}

static gboolean
record_outcome_tx (LumEngine  *self,
                   gpointer    user_data,
                   GError    **error)
{
  RecordOutcome *data = user_data;
  LumJobOutcome *outcome = data->outcome;
  LumJob *job = outcome->job;
  LumDb *db = self->db;
  LumFlowContext ctx = { db, lum_engine_now (self), LUM_ACTOR_SYNC, "" };
  g_autofree char *now = lum_time_format (ctx.now);
  const char *due = outcome->due_at;
  g_autoptr(LumDocument) order = NULL;
  gint64 order_id = lum_job_get_int (job, LUM_JOB_SALES_ORDER_ID);
  gboolean cancel = lum_job_get_kind (job) == LUM_JOB_KIND_CANCEL_SALES_ORDER;
  const char *message = outcome->message;

  if (!lum_job_store_finish (db, lum_job_get_id (job), data->owner, outcome->state, due, outcome->remote_id,
                             message, now, error))
    return error == NULL || *error == NULL; /* the lease was lost: another worker records it */
  outcome->recorded = TRUE;
  if (outcome->sent != NULL &&
      !lum_job_store_set_sent (db, lum_job_get_id (job), outcome->sent->method, outcome->sent->path,
                               outcome->sent->body, outcome->sent->status, outcome->sent->answer, error))
    return FALSE;

  if (lum_job_get_kind (job) == LUM_JOB_KIND_PUSH_INVOICE)
    return record_invoice_outcome (&ctx, outcome, due, error);

  order = lum_document_store_get (db, LUM_DOCUMENT_KIND_SALES_ORDER, order_id, error);
  if (order == NULL)
    return FALSE;

  if (lum_job_get_int (job, LUM_JOB_FULFILLMENT_ID) != 0)
    return record_fulfillment_outcome (&ctx, order, outcome, now, error);

  switch (outcome->state)
    {
    case LUM_JOB_STATE_DONE:
      if (!cancel)
        {
          lum_document_set_text (order, LUM_DOC_PUSH_STATUS, LUM_PUSH_PUSHED);
          lum_document_set_text (order, LUM_DOC_REMOTE_ID, outcome->remote_id);
          lum_document_set_text (order, LUM_DOC_PUSH_DUE_AT, NULL);
        }
      lum_flow_add_event (&ctx, cancel ? "cancel.sent" : "push.sent",
                          lum_document_get_int (order, LUM_DOC_CHANNEL_ID), order_id, 0, lum_job_get_id (job),
                          "integration", integration_name (job), "remote_id", outcome->remote_id, NULL);
      break;
    case LUM_JOB_STATE_SCHEDULED:
      if (!cancel)
        lum_document_set_text (order, LUM_DOC_PUSH_DUE_AT, due);
      lum_flow_add_event (&ctx, "push.retry", lum_document_get_int (order, LUM_DOC_CHANNEL_ID), order_id, 0,
                          lum_job_get_id (job), "next_at", due, "error", message, NULL);
      break;
    case LUM_JOB_STATE_FAILED:
    default:
      if (!cancel)
        lum_document_set_text (order, LUM_DOC_PUSH_STATUS, LUM_PUSH_FAILED);
      lum_flow_add_event (&ctx, "push.failed", lum_document_get_int (order, LUM_DOC_CHANNEL_ID), order_id, 0,
                          lum_job_get_id (job), "error", message, NULL);
      break;
    }
  return lum_document_store_update (db, order, now, FALSE, error);
}

/* The claimers of this computer whose process no longer exists. */
static GStrv
find_gone_claimers (LumDb       *db,
                    const char  *now_text,
                    GError     **error)
{
  g_auto(GStrv) claimers = lum_job_store_list_claimers (db, now_text, error);
  g_autoptr(GStrvBuilder) gone = g_strv_builder_new ();

  if (claimers == NULL)
    return NULL;
  for (guint i = 0; claimers[i] != NULL; i++)
    if (lum_lease_owner_check (claimers[i], NULL, NULL) == LUM_LEASE_HOLDER_GONE)
      {
        g_debug ("Taking back the jobs of %s: its process is gone", claimers[i]);
        g_strv_builder_add (gone, claimers[i]);
      }
  return g_strv_builder_end (gone);
}

/**
 * lum_engine_claim_jobs:
 * @owner: the claim the worker writes into the jobs it takes (lum-lease.h)
 * @lease_seconds: how long the claim holds unless renewed
 * @only_job_id: one job (when it is due), or 0 for every due one
 *
 * Claims the jobs that are due, taking back first those of claimers of
 * this computer whose process is gone.
 *
 * Returns: (transfer full) (element-type gint64): the ids of the jobs
 *   claimed, or %NULL with @error set
 */
GArray *
lum_engine_claim_jobs (LumEngine   *self,
                       const char  *owner,
                       guint        lease_seconds,
                       gboolean     with_invoices,
                       gint64       only_job_id,
                       guint        limit,
                       GError     **error)
{
  gint64 now;
  g_autofree char *now_text = NULL;
  g_autofree char *lease = NULL;
  g_auto(GStrv) gone = NULL;
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  g_return_val_if_fail (owner != NULL, NULL);

  now = lum_engine_now (self);
  now_text = lum_time_format (now);
  lease = lum_time_format (now + (gint64)lease_seconds * G_USEC_PER_SEC);
  if (!lum_db_begin (self->db, error))
    return NULL;
  gone = find_gone_claimers (self->db, now_text, error);
  ids = gone == NULL ? NULL
        : lum_job_store_claim (self->db, owner, now_text, lease, (const char * const *)gone, with_invoices,
                               only_job_id, limit, error);
  if (ids == NULL || !lum_db_commit (self->db, error))
    {
      if (lum_db_in_transaction (self->db))
        lum_db_rollback (self->db);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* Extends the claims of @owner by @lease_seconds from now; @n_renewed
 * says how many jobs it still holds. */
gboolean
lum_engine_renew_jobs (LumEngine   *self,
                       const char  *owner,
                       guint        lease_seconds,
                       guint       *n_renewed,
                       GError     **error)
{
  g_autofree char *lease = NULL;

  g_return_val_if_fail (LUM_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (owner != NULL, FALSE);

  lease = lum_time_format (lum_engine_now (self) + (gint64)lease_seconds * G_USEC_PER_SEC);
  return lum_job_store_renew (self->db, owner, lease, n_renewed, error);
}

/* When the next job falls due or a lease runs out, or %NULL for never. */
char *
lum_engine_next_job_wakeup (LumEngine *self,
                            gboolean   with_invoices)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  return lum_job_store_next_wakeup (self->db, with_invoices, NULL);
}

/**
 * lum_engine_record_job_outcomes:
 * @owner: the claim the jobs were sent under
 * @outcomes: (array length=n_outcomes): what became of each job
 *
 * Records the outcomes in one transaction, each in a savepoint so that one
 * that cannot be written leaves the others: the job, its document's push
 * or accounting state and an event. An outcome is recorded (@recorded
 * set) only while @owner still holds the job. ::changed follows the
 * commit.
 */
gboolean
lum_engine_record_job_outcomes (LumEngine      *self,
                                const char     *owner,
                                LumJobOutcome  *outcomes,
                                guint           n_outcomes,
                                GError        **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (owner != NULL, FALSE);
  g_return_val_if_fail (outcomes != NULL || n_outcomes == 0, FALSE);

  if (n_outcomes == 0)
    return TRUE;
  if (!lum_db_begin (self->db, error))
    return FALSE;

  for (guint i = 0; i < n_outcomes; i++)
    {
      RecordOutcome data = { owner, &outcomes[i] };
      g_autoptr(GError) local_error = NULL;

      outcomes[i].recorded = FALSE;
      if (!lum_engine_run_in_transaction (self, record_outcome_tx, &data, NULL, &local_error))
        {
          g_warning ("Could not record the outcome of job %" PRId64 ": %s", lum_job_get_id (outcomes[i].job),
                     local_error->message);
          outcomes[i].recorded = FALSE;
        }
    }

  if (!lum_db_commit (self->db, error))
    {
      for (guint i = 0; i < n_outcomes; i++)
        outcomes[i].recorded = FALSE;
      return FALSE;
    }
  lum_engine_emit_changed (self, "documents");
  return TRUE;
}

/**
 * lum_engine_dup_job_web_link:
 *
 * Where what @job sent opens in its service's web app (see
 * lum_integration_dup_web_link()), once the service gave it an id.
 *
 * Returns: (transfer full) (nullable): the address, or %NULL for none
 */
char *
lum_engine_dup_job_web_link (LumEngine *self,
                             LumJob    *job)
{
  g_autoptr(LumIntegration) integration = NULL;

  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  g_return_val_if_fail (LUM_IS_JOB (job), NULL);

  if (lum_job_get_kind (job) == LUM_JOB_KIND_CANCEL_SALES_ORDER || lum_str_empty (lum_job_get_text (job, LUM_JOB_REMOTE_ID)))
    return NULL;
  integration = lum_engine_get_integration (self, lum_job_get_int (job, LUM_JOB_INTEGRATION_ID), NULL);
  if (integration == NULL)
    return NULL;
  return lum_integration_dup_web_link (integration, lum_job_get_text (job, LUM_JOB_REMOTE_ID),
                                       lum_job_get_text (job, LUM_JOB_DOCUMENT_NUMBER));
}

/* -- a poll's shipments ---------------------------------------------------- */

static char *
cursor_name (const char *store_id)
{
  return g_strdup_printf ("shipments:%s", store_id);
}

typedef struct
{
  GPtrArray    *shipments;
  LumPollStats *stats;
  gint64        integration_id;
  const char   *store_id;
  const char   *latest;
} Apply;

static gboolean
add_fulfillment_lines (LumFlowContext  *ctx,
                       gint64           fulfillment_id,
                       LumShipment     *shipment,
                       GError         **error)
{
  g_autoptr(LumFulfillment) f = lum_fulfillment_store_get (ctx->db, fulfillment_id, error);

  if (f == NULL)
    return FALSE;
  for (guint i = 0; i < f->lines->len; i++)
    {
      LumFulfillmentLine *line = g_ptr_array_index (f->lines, i);

      lum_shipment_add_line (shipment, line->sku, line->quantity);
    }
  return TRUE;
}

/* Records one shipment in the savepoint the caller holds; %FALSE when the
 * order rules refused it, and the caller rolls the savepoint back. A
 * shipment of an unknown order is only counted. */
static gboolean
record_one (LumFlowContext     *ctx,
            LumRemoteShipment  *remote,
            LumPollStats       *stats,
            gint64             *order_id,
            GError            **error)
{
  const char *remote_id = lum_shipment_get_text (remote->shipment, LUM_SHIPMENT_REMOTE_ID);
  g_autoptr(LumDocument) order = NULL;
  gboolean duplicate = FALSE, changed = FALSE;
  gint64 fulfillment_id = 0;

  *order_id = lum_document_store_id_by_uuid (ctx->db, remote->order_key);
  if (*order_id == 0 && remote->order_number != NULL)
    {
      order = lum_document_store_find (ctx->db, LUM_DOCUMENT_KIND_SALES_ORDER, remote->order_number, NULL);
      *order_id = order ? lum_document_get_id (order) : 0;
    }
  /* a fulfillment order of a split: `SO-000123-1` */
  if (*order_id == 0)
    fulfillment_id = lum_fulfillment_store_resolve (ctx->db, remote->order_key, remote->order_number, order_id);
  if (*order_id == 0)
    {
      stats->unknown++;
      return TRUE;
    }

  if (lum_shipment_get_int (remote->shipment, LUM_SHIPMENT_VOIDED))
    {
      if (!lum_flow_void_shipment (ctx, *order_id, remote_id, &changed, error))
        return FALSE;
      stats->voided += changed;
    }
  else
    {
      g_autoptr(LumShipment) shipment = lum_shipment_new ();
      GListModel *lines = lum_shipment_get_lines (remote->shipment);
      gint64 conflict_id = 0;

      lum_record_copy_into (LUM_RECORD (remote->shipment), LUM_RECORD (shipment));
      for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
        {
          g_autoptr(LumDocLine) line = g_list_model_get_item (lines, i);
          lum_shipment_add_line (shipment, lum_doc_line_get_sku (line), lum_doc_line_get_quantity (line));
        }
      /* a fulfillment order's shipment without lines ships its lines, not
       * what is open on the whole order */
      if (fulfillment_id != 0 && g_list_model_get_n_items (lines) == 0 &&
          !add_fulfillment_lines (ctx, fulfillment_id, shipment, error))
        return FALSE;
      if (!lum_flow_keep_shipment_conflict (ctx, *order_id, shipment, &conflict_id, &duplicate, error))
        return FALSE;
      if (conflict_id != 0 || duplicate)
        {
          stats->conflicts += !duplicate;
          stats->duplicates += duplicate;
          return TRUE;
        }
      if (!lum_flow_record_shipment (ctx, *order_id, shipment, &duplicate, error))
        return FALSE;
      if (fulfillment_id != 0 && !duplicate &&
          !lum_fulfillment_store_set_shipped (ctx->db, fulfillment_id,
                                              lum_shipment_get_text (shipment, LUM_SHIPMENT_SHIPPED_AT),
                                              lum_shipment_get_text (shipment, LUM_SHIPMENT_TRACKING_NUMBER), error))
        return FALSE;
      if (duplicate)
        stats->duplicates++;
      else
        stats->recorded++;
    }
  return TRUE;
}

static void
refuse (LumFlowContext    *ctx,
        LumRemoteShipment *remote,
        gint64             order_id,
        const GError      *error,
        LumPollStats      *stats)
{
  stats->refused++;
  lum_flow_add_event (ctx, "shipment.refused", 0, order_id, 0, 0,
                      "remote_id", lum_shipment_get_text (remote->shipment, LUM_SHIPMENT_REMOTE_ID),
                      "error", error ? error->message : NULL, NULL);
}

/* One shipment in its own savepoint: a refused one leaves the others. */
static void
apply_one (LumFlowContext    *ctx,
           LumRemoteShipment *remote,
           LumPollStats      *stats)
{
  g_autoptr(GError) error = NULL;
  gint64 order_id = 0;

  if (!lum_db_begin (ctx->db, &error))
    {
      refuse (ctx, remote, order_id, error, stats);
      return;
    }
  if (record_one (ctx, remote, stats, &order_id, &error))
    {
      if (lum_db_commit (ctx->db, &error))
        return;
    }
  else
    {
      lum_db_rollback (ctx->db);
    }
  refuse (ctx, remote, order_id, error, stats);
}

/* Shipments from @start to @end, the same as each in its own savepoint but
 * with one savepoint for them all: a savepoint copies every page it changes
 * first, and a poll's shipments change the same few pages over and over.
 * When one is refused, the savepoint goes back, the shipments before it are
 * applied again (they went through on the same rows, so they go through
 * again) and the refused one is not tried again, only recorded as refused;
 * the rest follow in a savepoint of their own. */
static void
apply_batch (LumFlowContext *ctx,
             GPtrArray      *shipments,
             guint           start,
             guint           end,
             LumPollStats   *stats)
{
  while (start < end)
    {
      g_autoptr(GError) error = NULL;
      LumPollStats before = *stats;
      gint64 order_id = 0;
      guint i;

      if (end - start == 1 || !lum_db_begin (ctx->db, NULL))
        {
          apply_one (ctx, g_ptr_array_index (shipments, start), stats);
          start++;
          continue;
        }

      for (i = start; i < end; i++)
        if (!record_one (ctx, g_ptr_array_index (shipments, i), stats, &order_id, &error))
          break;

      if (i == end)
        {
          if (lum_db_commit (ctx->db, NULL))
            return;
          /* the savepoint is gone with what it held: one by one, then */
          *stats = before;
          for (i = start; i < end; i++)
            apply_one (ctx, g_ptr_array_index (shipments, i), stats);
          return;
        }

      lum_db_rollback (ctx->db);
      *stats = before;
      apply_batch (ctx, shipments, start, i, stats);
      refuse (ctx, g_ptr_array_index (shipments, i), order_id, error, stats);
      start = i + 1;
    }
}

/* shipments a savepoint: enough to share the pages they change, few
 * enough that a refusal redoes little */
#define BATCH_SIZE 256

static gboolean
apply_tx (LumEngine  *engine,
          gpointer    user_data,
          GError    **error)
{
  Apply *apply = user_data;
  LumFlowContext ctx = { lum_engine_get_db (engine), lum_engine_now (engine), LUM_ACTOR_SYNC, "" };
  g_autofree char *name = cursor_name (apply->store_id);
  g_autofree char *now = lum_time_format (ctx.now);

  for (guint i = 0; i < apply->shipments->len; i += BATCH_SIZE)
    apply_batch (&ctx, apply->shipments, i, MIN (i + BATCH_SIZE, apply->shipments->len), apply->stats);

  if (apply->latest == NULL)
    return TRUE;
  return lum_sync_cursor_set (ctx.db, apply->integration_id, name, apply->latest, now, error);
}

/**
 * lum_engine_apply_shipments:
 * @shipments: (element-type LumRemoteShipment): what a poll of the store read
 * @latest: (nullable): the new cursor
 * @stats: counts what became of each shipment
 *
 * Records a poll's shipments and moves the store's cursor, in one
 * transaction; a refused shipment leaves the others, as if each had its
 * own savepoint.
 */
gboolean
lum_engine_apply_shipments (LumEngine     *self,
                            gint64         integration_id,
                            const char    *store_id,
                            GPtrArray     *shipments,
                            const char    *latest,
                            LumPollStats  *stats,
                            GError       **error)
{
  Apply apply = { shipments, stats, integration_id, store_id, latest };

  g_return_val_if_fail (LUM_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (shipments != NULL && stats != NULL, FALSE);

  stats->shipments += shipments->len;
  return lum_engine_run_in_transaction (self, apply_tx, &apply, "documents", error);
}

/* The cursor of a store's shipments: where the next poll starts. */
char *
lum_engine_get_shipment_cursor (LumEngine  *self,
                                gint64      integration_id,
                                const char *store_id)
{
  g_autofree char *name = cursor_name (store_id);

  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);

  return lum_sync_cursor_get (self->db, integration_id, name);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lum-engine-private.h"
#include "lum-engine-sync.h"
#include "lum-util.h"
#include "connect/lum-connector.h"
#include "flow/lum-order-flow.h"
#include "store/lum-document-store.h"
#include "store/lum-sync-cursor.h"

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

  *order_id = lum_document_store_id_by_uuid (ctx->db, remote->order_key);
  if (*order_id == 0 && remote->order_number != NULL)
    {
      order = lum_document_store_find (ctx->db, LUM_DOCUMENT_KIND_SALES_ORDER, remote->order_number, NULL);
      *order_id = order ? lum_document_get_id (order) : 0;
    }
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

      lum_record_copy_into (LUM_RECORD (remote->shipment), LUM_RECORD (shipment));
      for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
        {
          g_autoptr(LumDocLine) line = g_list_model_get_item (lines, i);
          lum_shipment_add_line (shipment, lum_doc_line_get_sku (line), lum_doc_line_get_quantity (line));
        }
      if (!lum_flow_record_shipment (ctx, *order_id, shipment, &duplicate, error))
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

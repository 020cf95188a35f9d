/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-flow"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lum-flow-private.h"
#include "lum-fulfillment-plan.h"
#include "model/lum-fulfillment.h"
#include "model/lum-stock-level.h"
#include "model/lum-warehouse.h"
#include "model/lum-warehouse-link.h"
#include "store/lum-fulfillment-store.h"
#include "store/lum-job-store.h"
#include "store/lum-setup-store.h"
#include "store/lum-stock-store.h"
#include "store/lum-warehouse-store.h"

/*
 * Split fulfillment at posting. On a channel that splits when short, the
 * order's lines are planned over the group's warehouses linked to the
 * channel's OMS (lum-fulfillment-plan.c) with the stock last read; when
 * more than one warehouse ships, each gets a fulfillment order and a push
 * job of its own, written in the posting's transaction, as the one push
 * job of an order that goes whole.
 */

typedef struct
{
  LumDb      *db;
  gint64      integration_id;
  GHashTable *remote_ids; /* warehouse id → the OMS's warehouse id */
} Stock;

static gint64
on_lookup_available_cb (gint64      warehouse_id,
                        const char *sku,
                        gpointer    user_data)
{
  Stock *stock = user_data;
  const char *remote_ids[2] = { g_hash_table_lookup (stock->remote_ids, &warehouse_id), NULL };
  g_auto(LumAvailability) availability = { 0, };

  if (remote_ids[0] == NULL ||
      !lum_stock_store_available (stock->db, stock->integration_id, sku, remote_ids, &availability, NULL) ||
      availability.report != LUM_STOCK_READ)
    return 0;
  return availability.available;
}

static LumFulfillmentPlan *
plan_order (LumFlowContext  *ctx,
            LumDocument     *order,
            LumChannel      *config,
            GError         **error)
{
  gint64 integration_id = lum_channel_get_oms_integration_id (config);
  g_autoptr(GListStore) warehouses = NULL;
  g_autoptr(GListStore) links = NULL;
  g_autoptr(GHashTable) remote_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  Stock stock = { ctx->db, integration_id, remote_ids };

  warehouses = lum_setup_store_list_warehouses (ctx->db, lum_channel_get_warehouse_group_id (config), error);
  if (warehouses == NULL)
    return NULL;
  links = lum_warehouse_store_list_links (ctx->db, 0, integration_id, error);
  if (links == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (warehouses)); i++)
    {
      g_autoptr(LumWarehouse) w = g_list_model_get_item (G_LIST_MODEL (warehouses), i);

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (links)); j++)
        {
          g_autoptr(LumWarehouseLink) link = g_list_model_get_item (G_LIST_MODEL (links), j);
          gint64 id = lum_warehouse_get_id (w);

          if (lum_warehouse_link_get_warehouse_id (link) != id ||
              *lum_warehouse_link_get_remote_id (link) == '\0')
            continue;
          g_array_append_val (ids, id);
          g_hash_table_insert (remote_ids, g_memdup2 (&id, sizeof id),
                               g_strdup (lum_warehouse_link_get_remote_id (link)));
        }
    }
  return lum_fulfillment_plan_new (lum_document_get_lines (order), (const gint64 *)ids->data, ids->len,
                                   on_lookup_available_cb, &stock);
}

/**
 * lum_flow_schedule_fulfillments:
 * @due: when the pushes are due
 * @split: (out): whether the order was split; when not, the caller
 *   schedules the push of the whole order as before
 *
 * Splits @order, posted under @config that pushes, when its channel
 * splits when short and no single warehouse ships it whole: writes its
 * fulfillment orders and one push job each. In the caller's transaction.
 */
gboolean
lum_flow_schedule_fulfillments (LumFlowContext  *ctx,
                                LumDocument     *order,
                                LumChannel      *config,
                                const char      *due,
                                const char      *now,
                                gboolean        *split,
                                GError         **error)
{
  g_autoptr(LumFulfillmentPlan) plan = NULL;
  gint64 order_id = lum_document_get_id (order);
  gint64 integration_id = lum_channel_get_oms_integration_id (config);

  *split = FALSE;
  if (!lum_fulfillment_store_channel_splits (ctx->db, lum_channel_get_id (config)))
    return TRUE;
  plan = plan_order (ctx, order, config, error);
  if (plan == NULL)
    return FALSE;
  if (!lum_fulfillment_plan_splits (plan))
    return TRUE;

  for (guint i = 0; i < plan->fulfillments->len; i++)
    {
      LumPlannedFulfillment *planned = g_ptr_array_index (plan->fulfillments, i);
      g_autoptr(LumFulfillment) f = lum_fulfillment_new ();
      g_autofree char *number = NULL;
      gint64 job;

      f->order_id = order_id;
      f->suffix = planned->suffix;
      f->warehouse_id = planned->warehouse_id;
      for (guint j = 0; j < planned->lines->len; j++)
        {
          LumDocLine *line = g_ptr_array_index (planned->lines, j);

          lum_fulfillment_add_line (f, g_array_index (planned->line_positions, guint, j),
                                    lum_doc_line_get_sku (line), lum_doc_line_get_quantity (line));
        }
      if (lum_fulfillment_store_insert (ctx->db, f, now, error) == 0)
        return FALSE;
      job = lum_job_store_insert (ctx->db, LUM_JOB_KIND_PUSH_SALES_ORDER, integration_id, order_id, 0, due, now,
                                  error);
      if (job == 0 || !lum_fulfillment_store_set_job (ctx->db, job, f->id, error))
        return FALSE;
      number = lum_fulfillment_dup_number (f, lum_document_get_number (order));
      lum_flow_add_event (ctx, "push.scheduled", lum_channel_get_id (config), order_id, 0, job,
                          "integration", lum_channel_get_oms_integration_name (config),
                          "store", lum_channel_get_oms_store_id (config),
                          "due_at", due, "fulfillment", number, NULL);
    }
  *split = TRUE;
  return TRUE;
}

static LumFulfillment *
find_fulfillment (GPtrArray *fulfillments,
                  gint64     id)
{
  for (guint i = 0; i < fulfillments->len; i++)
    if (((LumFulfillment *)g_ptr_array_index (fulfillments, i))->id == id)
      return g_ptr_array_index (fulfillments, i);
  return NULL;
}

/**
 * lum_flow_cancel_fulfillments:
 * @fulfillments: (element-type LumFulfillment): the order's, not empty
 *
 * The cancellation of a split order, one fulfillment order at a time as
 * lum_flow_cancel_order() does the whole: a push not yet sent is
 * cancelled; one in the OMS (or on its way there, or failed after an
 * attempt that may have arrived) gets a cancel job of its own.
 */
gboolean
lum_flow_cancel_fulfillments (LumFlowContext  *ctx,
                              LumDocument     *order,
                              LumChannel      *config,
                              GPtrArray       *fulfillments,
                              const char      *now,
                              GError         **error)
{
  gint64 order_id = lum_document_get_id (order);
  gint64 channel_id = lum_document_get_int (order, LUM_DOC_CHANNEL_ID);
  g_autoptr(GPtrArray) open = lum_job_store_list_open (ctx->db, LUM_JOB_KIND_PUSH_SALES_ORDER, order_id, error);
  g_autoptr(GHashTable) to_tell = g_hash_table_new (g_int64_hash, g_int64_equal);

  if (open == NULL)
    return FALSE;
  for (guint i = 0; i < fulfillments->len; i++)
    {
      LumFulfillment *f = g_ptr_array_index (fulfillments, i);

      if (g_str_equal (f->push_state, LUM_FULFILLMENT_PUSH_PUSHED))
        g_hash_table_add (to_tell, &f->id);
    }
  for (guint i = 0; i < open->len; i++)
    {
      LumJob *job = g_ptr_array_index (open, i);
      LumFulfillment *f = find_fulfillment (fulfillments, lum_job_get_int (job, LUM_JOB_FULFILLMENT_ID));

      if (f == NULL)
        continue;
      if (lum_job_get_state (job) == LUM_JOB_STATE_RUNNING ||
          (lum_job_get_state (job) == LUM_JOB_STATE_FAILED && lum_job_get_int (job, LUM_JOB_ATTEMPTS) > 0))
        g_hash_table_add (to_tell, &f->id);
      if (lum_job_get_state (job) == LUM_JOB_STATE_RUNNING)
        continue;
      if (!lum_job_store_set_state (ctx->db, lum_job_get_id (job), LUM_JOB_STATE_CANCELLED, now, error) ||
          !lum_fulfillment_store_set_push_state (ctx->db, f->id, LUM_FULFILLMENT_PUSH_CANCELLED, NULL, error))
        return FALSE;
      lum_flow_add_event (ctx, "push.cancelled", channel_id, order_id, 0, lum_job_get_id (job),
                          "fulfillment", lum_job_get_text (job, LUM_JOB_DOCUMENT_NUMBER), NULL);
    }
  if (g_hash_table_size (to_tell) == 0)
    {
      lum_document_set_text (order, LUM_DOC_PUSH_STATUS, LUM_PUSH_NOT_PUSHED);
      lum_document_set_text (order, LUM_DOC_PUSH_DUE_AT, NULL);
    }

  for (guint i = 0; i < fulfillments->len; i++)
    {
      LumFulfillment *f = g_ptr_array_index (fulfillments, i);
      g_autofree char *number = NULL;
      gint64 cancel_job;

      if (!g_hash_table_contains (to_tell, &f->id))
        continue;
      cancel_job = lum_job_store_insert (ctx->db, LUM_JOB_KIND_CANCEL_SALES_ORDER,
                                         lum_channel_get_oms_integration_id (config), order_id, 0, now, now, error);
      if (cancel_job == 0 || !lum_fulfillment_store_set_job (ctx->db, cancel_job, f->id, error))
        return FALSE;
      number = lum_fulfillment_dup_number (f, lum_document_get_number (order));
      lum_flow_add_event (ctx, "cancel.scheduled", channel_id, order_id, 0, cancel_job,
                          "integration", lum_channel_get_oms_integration_name (config),
                          "fulfillment", number, NULL);
    }
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-flow"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lum-flow-private.h"
#include "lum-conflict-flow.h"
#include "lum-util.h"
#include "store/lum-conflict-store.h"
#include "store/lum-shipment-store.h"

/* A shipment the OMS reports for an order a clerk already marked as
 * shipped: when it does not fit in what is still open and its tracking
 * number or carrier differ from the shipment recorded by hand, it is kept
 * as a conflict for the clerk, not refused; the warehouse's tracking
 * number is never lost. */

static gint64
quantity_of (GHashTable *table,
             const char *sku)
{
  gint64 *value = g_hash_table_lookup (table, sku);
  return value ? *value : 0;
}

/* Whether lum_flow_record_shipment() has room for @shipment: all its SKUs
 * on the order, within what is open (no lines: anything open at all). */
static gboolean
fits_open (LumDocument *order,
           GHashTable  *shipped,
           LumShipment *shipment)
{
  GListModel *order_lines = lum_document_get_lines (order);
  GListModel *lines = lum_shipment_get_lines (shipment);
  g_autoptr(GHashTable) open = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gboolean any_open = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (order_lines); i++)
    {
      g_autoptr(LumDocLine) l = g_list_model_get_item (order_lines, i);
      gint64 left = quantity_of (open, lum_doc_line_get_sku (l)) + lum_doc_line_get_quantity (l);

      g_hash_table_insert (open, g_strdup (lum_doc_line_get_sku (l)), g_memdup2 (&left, sizeof left));
    }
  for (guint i = 0; i < g_list_model_get_n_items (order_lines); i++)
    {
      g_autoptr(LumDocLine) l = g_list_model_get_item (order_lines, i);
      any_open |= quantity_of (open, lum_doc_line_get_sku (l)) > quantity_of (shipped, lum_doc_line_get_sku (l));
    }
  if (g_list_model_get_n_items (lines) == 0)
    return any_open;

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(LumDocLine) l = g_list_model_get_item (lines, i);
      const char *sku = lum_doc_line_get_sku (l);

      /* an SKU not on the order is refused as before, not a conflict */
      if (!g_hash_table_contains (open, sku))
        return TRUE;
      if (lum_doc_line_get_quantity (l) > quantity_of (open, sku) - quantity_of (shipped, sku))
        return FALSE;
    }
  return TRUE;
}

/* The last live shipment recorded by hand (no remote id), or %NULL. */
static LumShipment *
last_manual_shipment (GListModel *shipments)
{
  for (guint i = g_list_model_get_n_items (shipments); i > 0; i--)
    {
      g_autoptr(LumShipment) s = g_list_model_get_item (shipments, i - 1);

      if (lum_str_empty (lum_shipment_get_text (s, LUM_SHIPMENT_REMOTE_ID)) &&
          !lum_shipment_get_int (s, LUM_SHIPMENT_VOIDED))
        return g_steal_pointer (&s);
    }
  return NULL;
}

/**
 * lum_flow_keep_shipment_conflict:
 * @shipment: a shipment the OMS reported, with its remote id
 * @conflict_id: (out): the conflict kept (new or known), 0 when there is none
 *   and the shipment is for lum_flow_record_shipment()
 * @duplicate: (out): set when the OMS reported it before, as a conflict or
 *   as the shipment recorded by hand (same carrier and tracking number,
 *   which then takes the remote id)
 *
 * Returns: %FALSE only on a database error.
 */
gboolean
lum_flow_keep_shipment_conflict (LumFlowContext  *ctx,
                                 gint64           order_id,
                                 LumShipment     *shipment,
                                 gint64          *conflict_id,
                                 gboolean        *duplicate,
                                 GError         **error)
{
  const char *remote_id = lum_shipment_get_text (shipment, LUM_SHIPMENT_REMOTE_ID);
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(GListStore) shipments = NULL;
  g_autoptr(GHashTable) shipped = NULL;
  g_autoptr(LumShipment) mine = NULL;
  g_autoptr(LumShipmentConflict) conflict = NULL;
  g_autofree char *now = lum_flow_now_text (ctx);
  g_autofree char *difference = NULL;
  const char *tracking = lum_shipment_get_text (shipment, LUM_SHIPMENT_TRACKING_NUMBER);
  const char *carrier = lum_shipment_get_text (shipment, LUM_SHIPMENT_CARRIER);

  *conflict_id = 0;
  *duplicate = FALSE;
  if (lum_str_empty (remote_id) || lum_shipment_store_find_remote (ctx->db, order_id, remote_id) != 0)
    return TRUE;
  if ((*conflict_id = lum_conflict_store_find_remote (ctx->db, order_id, remote_id)) != 0)
    {
      *duplicate = TRUE;
      return TRUE;
    }

  /* no shipment marked by hand, nothing to conflict with: the order is
   * read only when there is one (a poll's orders mostly have none) */
  shipments = lum_shipment_store_list (ctx->db, order_id, error);
  if (shipments == NULL)
    return FALSE;
  mine = last_manual_shipment (G_LIST_MODEL (shipments));
  if (mine == NULL)
    return TRUE;

  /* an order that cannot be shipped is refused by lum_flow_record_shipment() */
  order = lum_flow_get_posted_order_brief (ctx, order_id, _("shipped"), NULL);
  if (order == NULL)
    return TRUE;
  shipped = lum_shipment_store_shipped (ctx->db, order_id, error);
  if (shipped == NULL)
    return FALSE;
  if (fits_open (order, shipped, shipment))
    return TRUE;

  conflict = lum_shipment_conflict_new ();
  lum_shipment_conflict_set_int (conflict, LUM_CONFLICT_ORDER_ID, order_id);
  lum_shipment_conflict_set_int (conflict, LUM_CONFLICT_SHIPMENT_ID, lum_shipment_get_int (mine, LUM_SHIPMENT_ID));
  lum_shipment_conflict_set_text (conflict, LUM_CONFLICT_REMOTE_ID, remote_id);
  lum_shipment_conflict_set_text (conflict, LUM_CONFLICT_CARRIER, carrier);
  lum_shipment_conflict_set_text (conflict, LUM_CONFLICT_SERVICE,
                                  lum_shipment_get_text (shipment, LUM_SHIPMENT_SERVICE));
  lum_shipment_conflict_set_text (conflict, LUM_CONFLICT_TRACKING_NUMBER, tracking);
  lum_shipment_conflict_set_text (conflict, LUM_CONFLICT_SHIPPED_AT,
                                  lum_shipment_get_text (shipment, LUM_SHIPMENT_SHIPPED_AT));
  lum_shipment_conflict_set_text (conflict, LUM_CONFLICT_RECORDED_CARRIER,
                                  lum_shipment_get_text (mine, LUM_SHIPMENT_CARRIER));
  lum_shipment_conflict_set_text (conflict, LUM_CONFLICT_RECORDED_TRACKING_NUMBER,
                                  lum_shipment_get_text (mine, LUM_SHIPMENT_TRACKING_NUMBER));

  /* the warehouse confirms what the clerk typed: one shipment, now known to the OMS */
  if (g_strcmp0 (tracking, lum_shipment_get_text (mine, LUM_SHIPMENT_TRACKING_NUMBER)) == 0 &&
      g_ascii_strcasecmp (carrier, lum_shipment_get_text (mine, LUM_SHIPMENT_CARRIER)) == 0)
    {
      *duplicate = TRUE;
      return lum_conflict_store_take_remote (ctx->db, conflict, error);
    }

  if (!lum_conflict_store_insert (ctx->db, conflict, now, error))
    return FALSE;
  *conflict_id = lum_shipment_conflict_get_int (conflict, LUM_CONFLICT_ID);
  difference = lum_shipment_conflict_dup_difference (conflict);
  lum_flow_add_event (ctx, "shipment.conflict", lum_document_get_int (order, LUM_DOC_CHANNEL_ID), order_id, 0, 0,
                      "tracking_number", tracking, "carrier", carrier, "remote_id", remote_id,
                      "recorded_tracking_number", lum_shipment_get_text (mine, LUM_SHIPMENT_TRACKING_NUMBER),
                      "recorded_carrier", lum_shipment_get_text (mine, LUM_SHIPMENT_CARRIER),
                      "difference", difference, NULL);
  return TRUE;
}

/**
 * lum_order_is_with_oms:
 *
 * Whether the order was sent to an OMS, or is about to be: its warehouse
 * may then report a shipment of its own, and a shipment marked by hand
 * should be confirmed first.
 */
gboolean
lum_order_is_with_oms (LumDocument *order)
{
  const char *push = lum_document_get_text (order, LUM_DOC_PUSH_STATUS);

  return g_strcmp0 (push, LUM_PUSH_PUSHED) == 0 || g_strcmp0 (push, LUM_PUSH_SCHEDULED) == 0;
}

/**
 * lum_flow_resolve_shipment_conflict:
 * @keep_warehouse: %TRUE: the recorded shipment takes the warehouse's
 *   carrier, tracking number and remote id; %FALSE: the clerk's stay
 *
 * Either way the conflict keeps both sides, and an event says which won.
 */
gboolean
lum_flow_resolve_shipment_conflict (LumFlowContext  *ctx,
                                    gint64           conflict_id,
                                    gboolean         keep_warehouse,
                                    GError         **error)
{
  g_autoptr(LumShipmentConflict) conflict = lum_conflict_store_get (ctx->db, conflict_id, error);
  g_autofree char *now = lum_flow_now_text (ctx);
  const char *warehouse, *mine;

  if (conflict == NULL)
    return FALSE;
  if (!lum_shipment_conflict_is_open (conflict))
    {
      g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_STATUS,
                   _("The shipment conflict of %s was already resolved (kept: %s)"),
                   lum_shipment_conflict_get_text (conflict, LUM_CONFLICT_ORDER_NUMBER),
                   lum_shipment_conflict_get_text (conflict, LUM_CONFLICT_RESOLUTION));
      return FALSE;
    }
  if (keep_warehouse && !lum_conflict_store_take_remote (ctx->db, conflict, error))
    return FALSE;
  if (!lum_conflict_store_resolve (ctx->db, conflict_id,
                                   keep_warehouse ? LUM_CONFLICT_KEEP_WAREHOUSE : LUM_CONFLICT_KEEP_MINE, now, error))
    return FALSE;

  warehouse = lum_shipment_conflict_get_text (conflict, LUM_CONFLICT_TRACKING_NUMBER);
  mine = lum_shipment_conflict_get_text (conflict, LUM_CONFLICT_RECORDED_TRACKING_NUMBER);
  lum_flow_add_event (ctx, keep_warehouse ? "shipment.conflict-kept-warehouse" : "shipment.conflict-kept-mine",
                      0, lum_shipment_conflict_get_int (conflict, LUM_CONFLICT_ORDER_ID), 0, 0,
                      "tracking_number", keep_warehouse ? warehouse : mine,
                      "other_tracking_number", keep_warehouse ? mine : warehouse, NULL);
  return TRUE;
}

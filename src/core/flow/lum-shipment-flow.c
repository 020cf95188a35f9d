/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-flow"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "lum-flow-private.h"
#include "lum-text.h"
#include "lum-util.h"
#include "store/lum-document-store.h"
#include "store/lum-shipment-store.h"

/* Recording a shipment: quantities, fulfillment status, the invoice of a
 * channel that invoices on shipment. */

static gint64
lookup_quantity (GHashTable *table,
                 const char *sku)
{
  gint64 *value = g_hash_table_lookup (table, sku);
  return value ? *value : 0;
}

static void
add_quantity (GHashTable *table,
              const char *sku,
              gint64      quantity)
{
  gint64 *value = g_hash_table_lookup (table, sku);

  if (value == NULL)
    g_hash_table_insert (table, g_strdup (sku), g_memdup2 (&quantity, sizeof quantity));
  else
    *value += quantity;
}

/* The shipped quantities as invoice lines at the order's prices, taking
 * the order's lines of each SKU in turn. */
static GListStore *
invoice_lines_for_shipment (LumDocument *order,
                            LumShipment *shipment,
                            GHashTable  *shipped_before)
{
  GListStore *lines = g_list_store_new (LUM_TYPE_DOC_LINE);
  g_autoptr(GHashTable) to_bill = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) skip = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GListModel *order_lines = lum_document_get_lines (order);
  GListModel *ship_lines = lum_shipment_get_lines (shipment);

  for (guint i = 0; i < g_list_model_get_n_items (ship_lines); i++)
    {
      g_autoptr(LumDocLine) l = g_list_model_get_item (ship_lines, i);
      add_quantity (to_bill, lum_doc_line_get_sku (l), lum_doc_line_get_quantity (l));
    }
  /* what earlier shipments used up of each order line comes first */
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, shipped_before);
    while (g_hash_table_iter_next (&iter, &key, &value))
      add_quantity (skip, key, *(gint64 *)value);
  }

  for (guint i = 0; i < g_list_model_get_n_items (order_lines); i++)
    {
      g_autoptr(LumDocLine) ol = g_list_model_get_item (order_lines, i);
      const char *sku = lum_doc_line_get_sku (ol);
      gint64 available = lum_doc_line_get_quantity (ol);
      gint64 *skipped = g_hash_table_lookup (skip, sku);
      gint64 *wanted = g_hash_table_lookup (to_bill, sku);
      gint64 take;

      if (skipped != NULL)
        {
          gint64 used = MIN (*skipped, available);
          *skipped -= used;
          available -= used;
        }
      if (wanted == NULL || *wanted == 0 || available == 0)
        continue;
      take = MIN (*wanted, available);
      *wanted -= take;
      {
        g_autoptr(LumDocLine) line = lum_doc_line_new (sku, take, lum_doc_line_get_unit_price_cents (ol));
        lum_doc_line_set_description (line, lum_doc_line_get_description (ol));
        g_list_store_append (lines, line);
      }
    }
  return lines;
}

/* What the user or the OMS says of a shipment, trimmed: one line each. */
static gboolean
check_shipment_texts (LumDocument  *order,
                      LumShipment  *shipment,
                      GError      **error)
{
  const struct { LumShipmentText field; const char *label; glong max; } texts[] = {
    { LUM_SHIPMENT_CARRIER, N_("Carrier"), LUM_TEXT_CODE_MAX },
    { LUM_SHIPMENT_SERVICE, N_("Service"), LUM_TEXT_CODE_MAX },
    { LUM_SHIPMENT_TRACKING_NUMBER, N_("Tracking number"), LUM_TEXT_CODE_MAX },
    { LUM_SHIPMENT_REMOTE_ID, N_("Shipment id"), LUM_TEXT_ADDRESS_MAX },
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *stripped = lum_strip_dup (lum_shipment_get_text (shipment, texts[i].field));

      if (!lum_text_check_in (_(texts[i].label), stripped, LUM_TEXT_ONE_LINE, texts[i].max,
                              LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_SHIPMENT, error))
        {
          g_prefix_error (error, _("Shipment of %s: "), lum_document_get_number (order));
          return FALSE;
        }
      lum_shipment_set_text (shipment, texts[i].field, stripped);
    }
  return TRUE;
}

/**
 * lum_flow_record_shipment:
 * @shipment: carrier, service, tracking, date and lines; no lines ships
 *   everything still open. A remote id already recorded for the order
 *   makes this a no-op with @duplicate set.
 *
 * Records a shipment of a posted order: its fulfillment status follows, and
 * on a sales-order-first channel that invoices on shipment (as configured
 * when the order was posted) the shipped quantities are invoiced.
 */
gboolean
lum_flow_record_shipment (LumFlowContext  *ctx,
                          gint64           order_id,
                          LumShipment     *shipment,
                          gboolean        *duplicate,
                          GError         **error)
{
  /* the rest of the order is read only to invoice the shipment */
  g_autoptr(LumDocument) order = lum_flow_get_posted_order_brief (ctx, order_id, _("shipped"), error);
  g_autoptr(GHashTable) ordered = NULL;
  g_autoptr(GHashTable) shipped = NULL;
  g_autoptr(GHashTable) requested = NULL;
  g_autoptr(LumChannel) config = NULL;
  g_autofree char *now = lum_flow_now_text (ctx);
  GListModel *lines;
  gboolean complete = TRUE;
  const char *remote_id = lum_shipment_get_text (shipment, LUM_SHIPMENT_REMOTE_ID);
  GHashTableIter iter;
  gpointer key, value;

  if (duplicate != NULL)
    *duplicate = FALSE;
  if (order == NULL)
    return FALSE;

  if (!check_shipment_texts (order, shipment, error))
    return FALSE;
  if (!lum_str_empty (remote_id) && lum_shipment_store_find_remote (ctx->db, order_id, remote_id) != 0)
    {
      if (duplicate != NULL)
        *duplicate = TRUE;
      return TRUE;
    }

  ordered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < g_list_model_get_n_items (lum_document_get_lines (order)); i++)
    {
      g_autoptr(LumDocLine) l = g_list_model_get_item (lum_document_get_lines (order), i);
      add_quantity (ordered, lum_doc_line_get_sku (l), lum_doc_line_get_quantity (l));
    }
  shipped = lum_shipment_store_shipped (ctx->db, order_id, error);
  if (shipped == NULL)
    return FALSE;

  lines = lum_shipment_get_lines (shipment);
  if (g_list_model_get_n_items (lines) == 0)
    {
      /* everything still open, in the order's own order */
      for (guint i = 0; i < g_list_model_get_n_items (lum_document_get_lines (order)); i++)
        {
          g_autoptr(LumDocLine) l = g_list_model_get_item (lum_document_get_lines (order), i);
          const char *sku = lum_doc_line_get_sku (l);
          gint64 open = lookup_quantity (ordered, sku) - lookup_quantity (shipped, sku);
          gboolean listed = FALSE;

          for (guint j = 0; j < g_list_model_get_n_items (lines); j++)
            {
              g_autoptr(LumDocLine) s = g_list_model_get_item (lines, j);
              listed |= g_str_equal (lum_doc_line_get_sku (s), sku);
            }
          if (open > 0 && !listed)
            lum_shipment_add_line (shipment, sku, open);
        }
    }

  requested = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(LumDocLine) l = g_list_model_get_item (lines, i);
      const char *sku = lum_doc_line_get_sku (l);
      gint64 quantity = lum_doc_line_get_quantity (l);

      if (!g_hash_table_contains (ordered, sku))
        {
          g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_SHIPMENT,
                       _("Shipment of %s: SKU “%s” is not on the order"), lum_document_get_number (order), sku);
          return FALSE;
        }
      if (quantity <= 0)
        {
          g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_SHIPMENT,
                       _("Shipment of %s: quantity %" PRId64 " of “%s” must be at least 1"),
                       lum_document_get_number (order), quantity, sku);
          return FALSE;
        }
      add_quantity (requested, sku, quantity);
    }

  if (g_hash_table_size (requested) == 0)
    {
      g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_SHIPMENT,
                   _("Sales order %s has nothing left to ship"), lum_document_get_number (order));
      return FALSE;
    }

  g_hash_table_iter_init (&iter, requested);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 open = lookup_quantity (ordered, key) - lookup_quantity (shipped, key);

      if (*(gint64 *)value > open)
        {
          g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_SHIPMENT,
                       _("Shipment of %s: %" PRId64 " × “%s” is more than the %" PRId64 " still open"),
                       lum_document_get_number (order), *(gint64 *)value, (const char *)key, open);
          return FALSE;
        }
    }

  if (lum_str_empty (lum_shipment_get_text (shipment, LUM_SHIPMENT_SHIPPED_AT)))
    lum_shipment_set_text (shipment, LUM_SHIPMENT_SHIPPED_AT, now);
  lum_shipment_set_int (shipment, LUM_SHIPMENT_ORDER_ID, order_id);
  if (!lum_shipment_store_insert (ctx->db, shipment, now, error))
    return FALSE;

  g_hash_table_iter_init (&iter, ordered);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (lookup_quantity (shipped, key) + lookup_quantity (requested, key) < *(gint64 *)value)
      complete = FALSE;
  lum_document_set_text (order, LUM_DOC_FULFILLMENT_STATUS,
                         complete ? LUM_FULFILLMENT_FULFILLED : LUM_FULFILLMENT_PARTIAL);
  if (!lum_document_store_update (ctx->db, order, now, FALSE, error))
    return FALSE;
  lum_flow_add_event (ctx, "shipment.recorded", lum_document_get_int (order, LUM_DOC_CHANNEL_ID), order_id, 0, 0,
                      "carrier", lum_shipment_get_text (shipment, LUM_SHIPMENT_CARRIER),
                      "tracking_number", lum_shipment_get_text (shipment, LUM_SHIPMENT_TRACKING_NUMBER),
                      "fulfillment_status", lum_document_get_text (order, LUM_DOC_FULFILLMENT_STATUS),
                      NULL);

  config = lum_flow_get_posted_config (ctx, order, error);
  if (config == NULL)
    return FALSE;
  if (lum_channel_get_order_flow (config) == LUM_ORDER_FLOW_SO_FIRST &&
      lum_channel_get_invoice_timing (config) == LUM_INVOICE_TIMING_SHIPMENT_CREATED)
    {
      g_autoptr(GListStore) invoice_lines = invoice_lines_for_shipment (order, shipment, shipped);

      if (!lum_flow_invoice_shipment (ctx, order, config, G_LIST_MODEL (invoice_lines),
                                      lum_shipment_get_int (shipment, LUM_SHIPMENT_ID), error))
        return FALSE;
    }

  return TRUE;
}


/**
 * lum_flow_void_shipment:
 * @remote_id: the OMS's id of the shipment
 * @changed: (out) (optional): %FALSE when there was nothing to void
 *
 * A shipment voided at the OMS: its tracking goes, and the order's
 * fulfillment status follows what is still shipped. An invoice made on it
 * stays; the event says so, for the clerk to void it if need be.
 */
gboolean
lum_flow_void_shipment (LumFlowContext  *ctx,
                        gint64           order_id,
                        const char      *remote_id,
                        gboolean        *changed,
                        GError         **error)
{
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(GListStore) shipments = NULL;
  g_autoptr(GHashTable) shipped = NULL;
  g_autofree char *now = lum_flow_now_text (ctx);
  g_autofree char *tracking = NULL;
  gint64 shipment_id = lum_shipment_store_find_remote (ctx->db, order_id, remote_id);
  gboolean any = FALSE, complete = TRUE;
  GListModel *lines;

  if (changed != NULL)
    *changed = FALSE;
  if (shipment_id == 0)
    return TRUE;

  shipments = lum_shipment_store_list (ctx->db, order_id, error);
  if (shipments == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (shipments)); i++)
    {
      g_autoptr(LumShipment) s = g_list_model_get_item (G_LIST_MODEL (shipments), i);

      if (lum_shipment_get_int (s, LUM_SHIPMENT_ID) != shipment_id)
        continue;
      if (lum_shipment_get_int (s, LUM_SHIPMENT_VOIDED))
        return TRUE;
      tracking = g_strdup (lum_shipment_get_text (s, LUM_SHIPMENT_TRACKING_NUMBER));
    }

  if (!lum_shipment_store_set_voided (ctx->db, shipment_id, error))
    return FALSE;
  order = lum_document_store_get (ctx->db, LUM_DOCUMENT_KIND_SALES_ORDER, order_id, error);
  shipped = order ? lum_shipment_store_shipped (ctx->db, order_id, error) : NULL;
  if (shipped == NULL)
    return FALSE;

  lines = lum_document_get_lines (order);
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(LumDocLine) line = g_list_model_get_item (lines, i);
      gint64 *qty = g_hash_table_lookup (shipped, lum_doc_line_get_sku (line));

      any |= qty != NULL && *qty > 0;
      if (qty == NULL || *qty < lum_doc_line_get_quantity (line))
        complete = FALSE;
    }
  lum_document_set_text (order, LUM_DOC_FULFILLMENT_STATUS,
                         !any ? LUM_FULFILLMENT_UNFULFILLED
                              : complete ? LUM_FULFILLMENT_FULFILLED : LUM_FULFILLMENT_PARTIAL);
  if (!lum_document_store_update (ctx->db, order, now, FALSE, error))
    return FALSE;
  lum_flow_add_event (ctx, "shipment.voided", lum_document_get_int (order, LUM_DOC_CHANNEL_ID), order_id, 0, 0,
                      "tracking_number", tracking, "remote_id", remote_id,
                      "fulfillment_status", lum_document_get_text (order, LUM_DOC_FULFILLMENT_STATUS), NULL);
  if (changed != NULL)
    *changed = TRUE;
  return TRUE;
}

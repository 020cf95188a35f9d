/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lum-engine-private.h"
#include "lum-engine-fulfillments.h"
#include "model/lum-doc-line.h"
#include "model/lum-warehouse.h"
#include "model/lum-warehouse-group.h"
#include "store/lum-fulfillment-store.h"
#include "store/lum-setup-store.h"
#include "store/lum-warehouse-store.h"

LumFulfillment *
lum_engine_get_fulfillment (LumEngine  *self,
                            gint64      id,
                            GError    **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  return lum_fulfillment_store_get (lum_engine_get_db (self), id, error);
}

GPtrArray *
lum_engine_list_fulfillments (LumEngine  *self,
                              gint64      order_id,
                              GError    **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  return lum_fulfillment_store_list (lum_engine_get_db (self), order_id, error);
}

/**
 * lum_engine_fulfillment_order:
 * @order: a split sales order, lines included
 *
 * Returns: (transfer full): @order as its OMS gets @fulfillment: numbered
 *   `SO-000123-1`, its key the order's UUID with the same suffix (the
 *   identity the connectors look an order up by, so that a retry finds
 *   this fulfillment and no other), with the lines it ships
 */
LumDocument *
lum_engine_fulfillment_order (LumDocument    *order,
                              LumFulfillment *fulfillment)
{
  g_autoptr(LumDocument) copy = lum_document_copy (order);
  g_autofree char *number = lum_fulfillment_dup_number (fulfillment, lum_document_get_number (order));
  g_autofree char *key = g_strdup_printf ("%s-%u", lum_document_get_text (order, LUM_DOC_UUID), fulfillment->suffix);
  GListModel *all = lum_document_get_lines (order);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < fulfillment->lines->len; i++)
    {
      LumFulfillmentLine *fl = g_ptr_array_index (fulfillment->lines, i);
      g_autoptr(LumDocLine) line = NULL;
      g_autoptr(LumDocLine) copied = NULL;

      if (fl->position >= g_list_model_get_n_items (all))
        continue;
      line = g_list_model_get_item (all, fl->position);
      copied = lum_doc_line_copy (line);
      lum_doc_line_set_quantity (copied, fl->quantity);
      g_ptr_array_add (lines, g_steal_pointer (&copied));
    }
  lum_document_set_text (copy, LUM_DOC_NUMBER, number);
  lum_document_set_text (copy, LUM_DOC_UUID, key);
  lum_document_set_lines (copy, lines);
  return g_steal_pointer (&copy);
}

/* Where @fulfillment ships from: its own warehouse, described with its
 * place in the group. */
LumShipFrom *
lum_engine_fulfillment_ship_from (LumEngine       *self,
                                  LumChannel      *config,
                                  LumIntegration  *integration,
                                  LumFulfillment  *fulfillment,
                                  GError         **error)
{
  LumDb *db;
  g_autoptr(LumWarehouseGroup) group = NULL;
  g_autoptr(GListStore) warehouses = NULL;
  g_autoptr(GListStore) only = g_list_store_new (LUM_TYPE_WAREHOUSE);
  g_autoptr(GListStore) links = NULL;
  guint position = 0;
  LumShipFrom *ship_from;

  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  db = lum_engine_get_db (self);
  group = lum_setup_store_get_group (db, lum_channel_get_warehouse_group_id (config), error);
  if (group == NULL)
    return NULL;
  warehouses = lum_setup_store_list_warehouses (db, lum_warehouse_group_get_id (group), error);
  if (warehouses == NULL)
    return NULL;
  links = lum_warehouse_store_list_links (db, fulfillment->warehouse_id, lum_integration_get_id (integration), error);
  if (links == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (warehouses)); i++)
    {
      g_autoptr(LumWarehouse) w = g_list_model_get_item (G_LIST_MODEL (warehouses), i);

      if (lum_warehouse_get_id (w) == fulfillment->warehouse_id)
        {
          g_list_store_append (only, w);
          position = i + 1;
        }
    }
  ship_from = lum_ship_from_choose (lum_warehouse_group_get_name (group), G_LIST_MODEL (only),
                                    G_LIST_MODEL (links), lum_integration_get_name (integration));
  if (ship_from->reason == LUM_SHIP_FROM_LINKED)
    ship_from->position = position;
  return ship_from;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-store"

#include "config.h"

#include "lum-shipment-store.h"

gboolean
lum_shipment_store_insert (LumDb        *db,
                           LumShipment  *shipment,
                           const char   *now,
                           GError      **error)
{
  LumStmt *stmt = lum_db_prepare_static (db,
                                         "INSERT INTO shipment (order_id, remote_id, carrier, service,"
                                         " tracking_number, shipped_at, voided, created_at)"
                                         " VALUES (?, ?, ?, ?, ?, ?, 0, ?)", error);
  LumStmt *line_stmt = lum_db_prepare_static (db,
                                              "INSERT INTO shipment_line (shipment_id, sku, quantity)"
                                              " VALUES (?, ?, ?) ON CONFLICT (shipment_id, sku)"
                                              " DO UPDATE SET quantity = quantity + excluded.quantity",
                                              error);
  GListModel *lines = lum_shipment_get_lines (shipment);
  const char *remote = lum_shipment_get_text (shipment, LUM_SHIPMENT_REMOTE_ID);
  gint64 id;

  if (stmt == NULL || line_stmt == NULL)
    return FALSE;
  lum_stmt_bind_int64 (stmt, 1, lum_shipment_get_int (shipment, LUM_SHIPMENT_ORDER_ID));
  lum_db_bind_text_or_null (stmt, 2, *remote ? remote : NULL);
  lum_stmt_bind_text (stmt, 3, lum_shipment_get_text (shipment, LUM_SHIPMENT_CARRIER));
  lum_stmt_bind_text (stmt, 4, lum_shipment_get_text (shipment, LUM_SHIPMENT_SERVICE));
  lum_stmt_bind_text (stmt, 5, lum_shipment_get_text (shipment, LUM_SHIPMENT_TRACKING_NUMBER));
  lum_stmt_bind_text (stmt, 6, lum_shipment_get_text (shipment, LUM_SHIPMENT_SHIPPED_AT));
  lum_stmt_bind_text (stmt, 7, now);
  if (!lum_db_step_done (db, stmt, error))
    return FALSE;

  id = lum_db_last_insert_id (db);
  lum_shipment_set_int (shipment, LUM_SHIPMENT_ID, id);
  lum_shipment_set_text (shipment, LUM_SHIPMENT_CREATED_AT, now);

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(LumDocLine) line = g_list_model_get_item (lines, i);

      lum_stmt_bind_int64 (line_stmt, 1, id);
      lum_stmt_bind_text (line_stmt, 2, lum_doc_line_get_sku (line));
      lum_stmt_bind_int64 (line_stmt, 3, lum_doc_line_get_quantity (line));
      if (!lum_db_step_done (db, line_stmt, error))
        return FALSE;
    }
  return TRUE;
}

GListStore *
lum_shipment_store_list (LumDb   *db,
                         gint64   order_id,
                         GError **error)
{
  LumStmt *stmt = lum_db_prepare (db,
                                  "SELECT s.id, s.order_id, s.voided, o.number, s.remote_id, s.carrier, s.service,"
                                  " s.tracking_number, s.shipped_at, s.created_at"
                                  " FROM shipment s JOIN sales_order o ON o.id = s.order_id"
                                  " WHERE s.order_id = ? ORDER BY s.id", error);
  LumStmt *lines = lum_db_prepare (db, "SELECT sku, quantity FROM shipment_line WHERE shipment_id = ? ORDER BY sku",
                                   error);
  g_autoptr(GListStore) list = g_list_store_new (LUM_TYPE_SHIPMENT);
  int rc;

  if (stmt == NULL || lines == NULL)
    return NULL;
  lum_stmt_bind_int64 (stmt, 1, order_id);
  while ((rc = lum_stmt_step (stmt, NULL)) == LUM_STMT_ROW)
    {
      g_autoptr(LumShipment) s = lum_shipment_new ();

      lum_shipment_set_int (s, LUM_SHIPMENT_ID, lum_stmt_column_int64 (stmt, 0));
      lum_shipment_set_int (s, LUM_SHIPMENT_ORDER_ID, lum_stmt_column_int64 (stmt, 1));
      lum_shipment_set_int (s, LUM_SHIPMENT_VOIDED, lum_stmt_column_int64 (stmt, 2));
      lum_shipment_set_text (s, LUM_SHIPMENT_ORDER_NUMBER, lum_db_column_text (stmt, 3));
      lum_shipment_set_text (s, LUM_SHIPMENT_REMOTE_ID, lum_db_column_text (stmt, 4));
      lum_shipment_set_text (s, LUM_SHIPMENT_CARRIER, lum_db_column_text (stmt, 5));
      lum_shipment_set_text (s, LUM_SHIPMENT_SERVICE, lum_db_column_text (stmt, 6));
      lum_shipment_set_text (s, LUM_SHIPMENT_TRACKING_NUMBER, lum_db_column_text (stmt, 7));
      lum_shipment_set_text (s, LUM_SHIPMENT_SHIPPED_AT, lum_db_column_text (stmt, 8));
      lum_shipment_set_text (s, LUM_SHIPMENT_CREATED_AT, lum_db_column_text (stmt, 9));
      g_list_store_append (list, s);
    }
  lum_stmt_reset (stmt);
  if (rc != LUM_STMT_DONE)
    {
      lum_db_set_error (db, error);
      return NULL;
    }

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(LumShipment) s = g_list_model_get_item (G_LIST_MODEL (list), i);

      lum_stmt_bind_int64 (lines, 1, lum_shipment_get_int (s, LUM_SHIPMENT_ID));
      while (lum_stmt_step (lines, NULL) == LUM_STMT_ROW)
        lum_shipment_add_line (s, lum_db_column_text (lines, 0), lum_stmt_column_int64 (lines, 1));
      lum_stmt_reset (lines);
    }
  return g_steal_pointer (&list);
}

gint64
lum_shipment_store_find_remote (LumDb      *db,
                                gint64      order_id,
                                const char *remote_id)
{
  LumStmt *stmt = lum_db_prepare_static (db, "SELECT id FROM shipment WHERE order_id = ? AND remote_id = ?",
                                         NULL);
  gint64 id = 0;

  if (stmt == NULL || remote_id == NULL)
    return 0;
  lum_stmt_bind_int64 (stmt, 1, order_id);
  lum_stmt_bind_text (stmt, 2, remote_id);
  if (lum_stmt_step (stmt, NULL) == LUM_STMT_ROW)
    id = lum_stmt_column_int64 (stmt, 0);
  lum_stmt_reset (stmt);
  return id;
}

/* SKU → shipped quantity (gint64 in a pointer-sized box) over live shipments. */
GHashTable *
lum_shipment_store_shipped (LumDb   *db,
                            gint64   order_id,
                            GError **error)
{
  LumStmt *stmt = lum_db_prepare_static (db,
                                         "SELECT l.sku, sum(l.quantity) FROM shipment_line l"
                                         " JOIN shipment s ON s.id = l.shipment_id"
                                         " WHERE s.order_id = ? AND s.voided = 0 GROUP BY l.sku", error);
  g_autoptr(GHashTable) shipped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  lum_stmt_bind_int64 (stmt, 1, order_id);
  while ((rc = lum_stmt_step (stmt, NULL)) == LUM_STMT_ROW)
    g_hash_table_insert (shipped, lum_db_column_dup_text (stmt, 0),
                         g_memdup2 (&(gint64){ lum_stmt_column_int64 (stmt, 1) }, sizeof (gint64)));
  lum_stmt_reset (stmt);
  if (rc != LUM_STMT_DONE)
    {
      lum_db_set_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&shipped);
}

gboolean
lum_shipment_store_set_voided (LumDb   *db,
                               gint64   shipment_id,
                               GError **error)
{
  LumStmt *stmt = lum_db_prepare (db, "UPDATE shipment SET voided = 1, tracking_number = '' WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  lum_stmt_bind_int64 (stmt, 1, shipment_id);
  return lum_db_step_done (db, stmt, error);
}

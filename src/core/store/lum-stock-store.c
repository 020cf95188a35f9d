/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-store"

#include "config.h"

#include "lum-stock-store.h"

/*
 * stock_level holds the last reading of each (integration, SKU, OMS
 * warehouse); stock_read when an integration's stock was last read whole.
 * A whole reading replaces every row of its integration: a SKU the OMS no
 * longer lists has none. A reading of one SKU replaces that SKU's rows.
 */

static gboolean
insert_level (LumDb          *db,
              gint64          integration_id,
              LumStockLevel  *level,
              const char     *read_at,
              GError        **error)
{
  LumStmt *stmt = lum_db_prepare (db,
                                  "INSERT INTO stock_level"
                                  " (integration_id, sku, remote_warehouse_id, available, read_at)"
                                  " VALUES (?, ?, ?, ?, ?)"
                                  " ON CONFLICT (integration_id, sku, remote_warehouse_id)"
                                  " DO UPDATE SET available = stock_level.available + excluded.available,"
                                  " read_at = excluded.read_at",
                                  error);
  if (stmt == NULL)
    return FALSE;
  lum_stmt_bind_int64 (stmt, 1, integration_id);
  lum_stmt_bind_text (stmt, 2, level->sku);
  lum_stmt_bind_text (stmt, 3, level->warehouse_id);
  lum_stmt_bind_int64 (stmt, 4, level->available);
  lum_stmt_bind_text (stmt, 5, read_at);
  return lum_db_step_done (db, stmt, error);
}

/**
 * lum_stock_store_replace:
 * @sku: (nullable): the SKU read, or %NULL for a reading of every SKU
 * @levels: (element-type LumStockLevel): what the OMS reported; two
 *   levels of one SKU and warehouse (an OMS reporting by location) add up
 *
 * Keeps a reading of @integration_id's stock in place of the last one.
 */
gboolean
lum_stock_store_replace (LumDb       *db,
                         gint64       integration_id,
                         const char  *sku,
                         GPtrArray   *levels,
                         const char  *read_at,
                         GError     **error)
{
  LumStmt *clear;

  if (sku == NULL)
    clear = lum_db_prepare (db, "DELETE FROM stock_level WHERE integration_id = ?", error);
  else
    clear = lum_db_prepare (db, "DELETE FROM stock_level WHERE integration_id = ? AND sku = ?", error);
  if (clear == NULL)
    return FALSE;
  lum_stmt_bind_int64 (clear, 1, integration_id);
  if (sku != NULL)
    lum_stmt_bind_text (clear, 2, sku);
  if (!lum_db_step_done (db, clear, error))
    return FALSE;

  for (guint i = 0; i < levels->len; i++)
    {
      LumStockLevel *level = g_ptr_array_index (levels, i);

      if (sku != NULL && g_strcmp0 (level->sku, sku) != 0)
        continue;
      if (!insert_level (db, integration_id, level, read_at, error))
        return FALSE;
    }

  if (sku == NULL)
    {
      LumStmt *stmt = lum_db_prepare (db,
                                      "INSERT INTO stock_read (integration_id, read_at) VALUES (?, ?)"
                                      " ON CONFLICT (integration_id) DO UPDATE SET read_at = excluded.read_at",
                                      error);
      if (stmt == NULL)
        return FALSE;
      lum_stmt_bind_int64 (stmt, 1, integration_id);
      lum_stmt_bind_text (stmt, 2, read_at);
      return lum_db_step_done (db, stmt, error);
    }
  return TRUE;
}

/**
 * lum_stock_store_list:
 *
 * Returns: (transfer full) (element-type LumStockLevel): @sku's stock at
 *   every integration and warehouse, with the integrations' names, by
 *   integration name and warehouse
 */
GPtrArray *
lum_stock_store_list (LumDb       *db,
                      const char  *sku,
                      GError     **error)
{
  g_autoptr(GPtrArray) levels = g_ptr_array_new_with_free_func ((GDestroyNotify)lum_stock_level_free);
  LumStmt *stmt = lum_db_prepare (db,
                                  "SELECT s.integration_id, i.name, s.remote_warehouse_id, s.available, s.read_at"
                                  " FROM stock_level s JOIN integration i ON i.id = s.integration_id"
                                  " WHERE s.sku = ? ORDER BY i.name_key, s.remote_warehouse_id",
                                  error);
  int rc;

  if (stmt == NULL)
    return NULL;
  lum_stmt_bind_text (stmt, 1, sku);
  while ((rc = lum_stmt_step (stmt, NULL)) == LUM_STMT_ROW)
    {
      LumStockLevel *level = lum_stock_level_new (lum_db_column_text (stmt, 2), sku, lum_stmt_column_int64 (stmt, 3));

      level->integration_id = lum_stmt_column_int64 (stmt, 0);
      level->integration_name = lum_db_column_dup_text (stmt, 1);
      level->read_at = lum_db_column_dup_text (stmt, 4);
      g_ptr_array_add (levels, level);
    }
  lum_stmt_reset (stmt);
  if (rc != LUM_STMT_DONE)
    {
      lum_db_set_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&levels);
}

/* When @integration_id's stock was last read whole; %NULL: never. */
char *
lum_stock_store_read_at (LumDb  *db,
                         gint64  integration_id)
{
  LumStmt *stmt = lum_db_prepare (db, "SELECT read_at FROM stock_read WHERE integration_id = ?", NULL);
  char *read_at = NULL;

  if (stmt == NULL)
    return NULL;
  lum_stmt_bind_int64 (stmt, 1, integration_id);
  if (lum_stmt_step (stmt, NULL) == LUM_STMT_ROW)
    read_at = lum_db_column_dup_text (stmt, 0);
  lum_stmt_reset (stmt);
  return read_at;
}

/**
 * lum_stock_store_available:
 * @warehouse_ids: (nullable) (array zero-terminated=1): the OMS's
 *   warehouses to sum over; %NULL for every one it reported
 *
 * @sku's stock at @integration_id: %LUM_STOCK_READ with the sum and the
 * oldest reading in it (a SKU not listed at the last whole reading has
 * none, read then), or %LUM_STOCK_NOT_READ. Whether the OMS reports stock
 * at all is the caller's to know.
 */
gboolean
lum_stock_store_available (LumDb               *db,
                           gint64               integration_id,
                           const char          *sku,
                           const char * const  *warehouse_ids,
                           LumAvailability     *availability,
                           GError             **error)
{
  LumStmt *stmt = lum_db_prepare (db,
                                  "SELECT remote_warehouse_id, available, read_at FROM stock_level"
                                  " WHERE integration_id = ? AND sku = ?",
                                  error);
  int rc;

  lum_availability_clear (availability);
  availability->report = LUM_STOCK_NOT_READ;
  availability->available = 0;
  if (stmt == NULL)
    return FALSE;
  lum_stmt_bind_int64 (stmt, 1, integration_id);
  lum_stmt_bind_text (stmt, 2, sku);
  while ((rc = lum_stmt_step (stmt, NULL)) == LUM_STMT_ROW)
    {
      const char *read_at = lum_db_column_text (stmt, 2);

      if (warehouse_ids != NULL && !g_strv_contains (warehouse_ids, lum_db_column_text (stmt, 0)))
        continue;
      availability->report = LUM_STOCK_READ;
      availability->available += lum_stmt_column_int64 (stmt, 1);
      if (availability->read_at == NULL || g_strcmp0 (read_at, availability->read_at) < 0)
        {
          g_free (availability->read_at);
          availability->read_at = g_strdup (read_at);
        }
    }
  lum_stmt_reset (stmt);
  if (rc != LUM_STMT_DONE)
    {
      lum_db_set_error (db, error);
      return FALSE;
    }
  if (availability->report == LUM_STOCK_NOT_READ)
    {
      availability->read_at = lum_stock_store_read_at (db, integration_id);
      if (availability->read_at != NULL)
        availability->report = LUM_STOCK_READ;
    }
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "lum-conflict-store.h"

#define SELECT_CONFLICT \
  "SELECT c.id, c.order_id, c.shipment_id, o.number, c.remote_id, c.carrier, c.service, c.tracking_number," \
  " c.shipped_at, c.recorded_carrier, c.recorded_tracking_number, c.resolution, c.created_at, c.resolved_at" \
  " FROM shipment_conflict c JOIN sales_order o ON o.id = c.order_id"

static LumShipmentConflict *
read_conflict (LumStmt *stmt)
{
  LumShipmentConflict *c = lum_shipment_conflict_new ();
  static const LumConflictText texts[] = {
    LUM_CONFLICT_ORDER_NUMBER, LUM_CONFLICT_REMOTE_ID, LUM_CONFLICT_CARRIER, LUM_CONFLICT_SERVICE,
    LUM_CONFLICT_TRACKING_NUMBER, LUM_CONFLICT_SHIPPED_AT, LUM_CONFLICT_RECORDED_CARRIER,
    LUM_CONFLICT_RECORDED_TRACKING_NUMBER, LUM_CONFLICT_RESOLUTION, LUM_CONFLICT_CREATED_AT,
    LUM_CONFLICT_RESOLVED_AT,
  };

  lum_shipment_conflict_set_int (c, LUM_CONFLICT_ID, lum_stmt_column_int64 (stmt, 0));
  lum_shipment_conflict_set_int (c, LUM_CONFLICT_ORDER_ID, lum_stmt_column_int64 (stmt, 1));
  lum_shipment_conflict_set_int (c, LUM_CONFLICT_SHIPMENT_ID, lum_stmt_column_int64 (stmt, 2));
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    lum_shipment_conflict_set_text (c, texts[i], lum_db_column_text (stmt, 3 + i));
  return c;
}

gboolean
lum_conflict_store_insert (LumDb                *db,
                           LumShipmentConflict  *conflict,
                           const char           *now,
                           GError              **error)
{
  LumStmt *stmt = lum_db_prepare (db,
                                  "INSERT INTO shipment_conflict (order_id, shipment_id, remote_id, carrier, service,"
                                  " tracking_number, shipped_at, recorded_carrier, recorded_tracking_number, created_at)"
                                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  static const LumConflictText texts[] = {
    LUM_CONFLICT_REMOTE_ID, LUM_CONFLICT_CARRIER, LUM_CONFLICT_SERVICE, LUM_CONFLICT_TRACKING_NUMBER,
    LUM_CONFLICT_SHIPPED_AT, LUM_CONFLICT_RECORDED_CARRIER, LUM_CONFLICT_RECORDED_TRACKING_NUMBER,
  };

  if (stmt == NULL)
    return FALSE;
  lum_stmt_bind_int64 (stmt, 1, lum_shipment_conflict_get_int (conflict, LUM_CONFLICT_ORDER_ID));
  lum_stmt_bind_int64 (stmt, 2, lum_shipment_conflict_get_int (conflict, LUM_CONFLICT_SHIPMENT_ID));
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    lum_stmt_bind_text (stmt, 3 + i, lum_shipment_conflict_get_text (conflict, texts[i]));
  lum_stmt_bind_text (stmt, 10, now);
  if (!lum_db_step_done (db, stmt, error))
    return FALSE;
  lum_shipment_conflict_set_int (conflict, LUM_CONFLICT_ID, lum_db_last_insert_id (db));
  lum_shipment_conflict_set_text (conflict, LUM_CONFLICT_CREATED_AT, now);
  return TRUE;
}

gint64
lum_conflict_store_find_remote (LumDb      *db,
                                gint64      order_id,
                                const char *remote_id)
{
  LumStmt *stmt = lum_db_prepare (db, "SELECT id FROM shipment_conflict WHERE order_id = ? AND remote_id = ?",
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

LumShipmentConflict *
lum_conflict_store_get (LumDb   *db,
                        gint64   conflict_id,
                        GError **error)
{
  LumStmt *stmt = lum_db_prepare (db, SELECT_CONFLICT " WHERE c.id = ?", error);
  LumShipmentConflict *conflict = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  lum_stmt_bind_int64 (stmt, 1, conflict_id);
  rc = lum_stmt_step (stmt, NULL);
  if (rc == LUM_STMT_ROW)
    conflict = read_conflict (stmt);
  else if (rc == LUM_STMT_DONE)
    g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND,
                 _("Shipment conflict %" PRId64 " does not exist"), conflict_id);
  else
    lum_db_set_error (db, error);
  lum_stmt_reset (stmt);
  return conflict;
}

/* An order's conflicts (@order_id 0: every order's), oldest first. */
GListStore *
lum_conflict_store_list (LumDb    *db,
                         gint64    order_id,
                         gboolean  open_only,
                         GError  **error)
{
  LumStmt *stmt = lum_db_prepare (db, SELECT_CONFLICT
                                  " WHERE (?1 = 0 OR c.order_id = ?1) AND (?2 = 0 OR c.resolution = '')"
                                  " ORDER BY c.id", error);
  g_autoptr(GListStore) list = g_list_store_new (LUM_TYPE_SHIPMENT_CONFLICT);
  int rc;

  if (stmt == NULL)
    return NULL;
  lum_stmt_bind_int64 (stmt, 1, order_id);
  lum_stmt_bind_int (stmt, 2, open_only);
  while ((rc = lum_stmt_step (stmt, NULL)) == LUM_STMT_ROW)
    {
      g_autoptr(LumShipmentConflict) c = read_conflict (stmt);
      g_list_store_append (list, c);
    }
  lum_stmt_reset (stmt);
  if (rc != LUM_STMT_DONE)
    {
      lum_db_set_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

gint64
lum_conflict_store_count_open (LumDb   *db,
                               GError **error)
{
  LumStmt *stmt = lum_db_prepare (db, "SELECT count(*) FROM shipment_conflict WHERE resolution = ''", error);
  gint64 n = -1;

  if (stmt == NULL)
    return -1;
  if (lum_stmt_step (stmt, NULL) == LUM_STMT_ROW)
    n = lum_stmt_column_int64 (stmt, 0);
  else
    lum_db_set_error (db, error);
  lum_stmt_reset (stmt);
  return n;
}

gboolean
lum_conflict_store_resolve (LumDb       *db,
                            gint64       conflict_id,
                            const char  *resolution,
                            const char  *now,
                            GError     **error)
{
  LumStmt *stmt = lum_db_prepare (db,
                                  "UPDATE shipment_conflict SET resolution = ?, resolved_at = ?"
                                  " WHERE id = ? AND resolution = ''", error);

  if (stmt == NULL)
    return FALSE;
  lum_stmt_bind_text (stmt, 1, resolution);
  lum_stmt_bind_text (stmt, 2, now);
  lum_stmt_bind_int64 (stmt, 3, conflict_id);
  return lum_db_step_done (db, stmt, error);
}

/* The recorded shipment takes the warehouse's carrier, service, tracking
 * number and remote id: a void at the OMS then finds it. */
gboolean
lum_conflict_store_take_remote (LumDb                *db,
                                LumShipmentConflict  *conflict,
                                GError              **error)
{
  LumStmt *stmt = lum_db_prepare (db,
                                  "UPDATE shipment SET remote_id = ?, carrier = ?, service = ?, tracking_number = ?"
                                  " WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  lum_stmt_bind_text (stmt, 1, lum_shipment_conflict_get_text (conflict, LUM_CONFLICT_REMOTE_ID));
  lum_stmt_bind_text (stmt, 2, lum_shipment_conflict_get_text (conflict, LUM_CONFLICT_CARRIER));
  lum_stmt_bind_text (stmt, 3, lum_shipment_conflict_get_text (conflict, LUM_CONFLICT_SERVICE));
  lum_stmt_bind_text (stmt, 4, lum_shipment_conflict_get_text (conflict, LUM_CONFLICT_TRACKING_NUMBER));
  lum_stmt_bind_int64 (stmt, 5, lum_shipment_conflict_get_int (conflict, LUM_CONFLICT_SHIPMENT_ID));
  return lum_db_step_done (db, stmt, error);
}

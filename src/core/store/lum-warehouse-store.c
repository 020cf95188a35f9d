/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "lum-warehouse-store.h"
#include "lum-text.h"
#include "lum-util.h"

/* Replaces the group's members by @warehouse_ids, in that order of
 * preference; inside the caller's transaction. */
gboolean
lum_warehouse_store_set_members (LumDb         *db,
                                 gint64         group_id,
                                 const gint64  *warehouse_ids,
                                 guint          n_warehouses,
                                 GError       **error)
{
  LumStmt *clear = lum_db_prepare (db, "DELETE FROM warehouse_group_member WHERE group_id = ?", error);
  LumStmt *add = lum_db_prepare (db,
                                 "INSERT INTO warehouse_group_member (group_id, warehouse_id, position)"
                                 " VALUES (?, ?, ?)", error);

  if (clear == NULL || add == NULL)
    return FALSE;
  lum_stmt_bind_int64 (clear, 1, group_id);
  if (!lum_db_step_done (db, clear, error))
    return FALSE;
  for (guint i = 0; i < n_warehouses; i++)
    {
      lum_stmt_bind_int64 (add, 1, group_id);
      lum_stmt_bind_int64 (add, 2, warehouse_ids[i]);
      lum_stmt_bind_int (add, 3, (int)i);
      if (!lum_db_step_done (db, add, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
lum_warehouse_store_rename_group (LumDb       *db,
                                  gint64       group_id,
                                  const char  *name,
                                  GError     **error)
{
  g_autofree char *key = lum_name_key (name);
  g_autofree char *stripped = lum_strip_dup (name);
  LumStmt *stmt = lum_db_prepare (db, "UPDATE warehouse_group SET name = ?, name_key = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  lum_stmt_bind_text (stmt, 1, stripped);
  lum_stmt_bind_text (stmt, 2, key);
  lum_stmt_bind_int64 (stmt, 3, group_id);
  if (!lum_db_step_done (db, stmt, error))
    return FALSE;
  if (lum_db_changes (db) != 1)
    {
      g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND,
                   _("Warehouse group %" PRId64 " does not exist"), group_id);
      return FALSE;
    }
  return TRUE;
}

/* @rule: its nick, "preference" or "stock" (the CHECK refuses others) */
gboolean
lum_warehouse_store_set_group_rule (LumDb       *db,
                                    gint64       group_id,
                                    const char  *rule,
                                    GError     **error)
{
  LumStmt *stmt = lum_db_prepare (db, "UPDATE warehouse_group SET ship_from_rule = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  lum_stmt_bind_text (stmt, 1, rule);
  lum_stmt_bind_int64 (stmt, 2, group_id);
  if (!lum_db_step_done (db, stmt, error))
    return FALSE;
  if (lum_db_changes (db) != 1)
    {
      g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND,
                   _("Warehouse group %" PRId64 " does not exist"), group_id);
      return FALSE;
    }
  return TRUE;
}

GListStore *
lum_warehouse_store_list_links (LumDb   *db,
                                gint64   warehouse_id,
                                gint64   integration_id,
                                GError **error)
{
  g_autoptr(GListStore) list = g_list_store_new (LUM_TYPE_WAREHOUSE_LINK);
  LumStmt *stmt = lum_db_prepare (db,
                                  "SELECT l.warehouse_id, w.code, w.name, l.integration_id, i.name,"
                                  " l.remote_id, l.remote_name"
                                  " FROM warehouse_link l"
                                  " JOIN warehouse w ON w.id = l.warehouse_id"
                                  " JOIN integration i ON i.id = l.integration_id"
                                  " WHERE (?1 = 0 OR l.warehouse_id = ?1) AND (?2 = 0 OR l.integration_id = ?2)"
                                  " ORDER BY w.code, i.name_key", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  lum_stmt_bind_int64 (stmt, 1, warehouse_id);
  lum_stmt_bind_int64 (stmt, 2, integration_id);
  while ((rc = lum_stmt_step (stmt, NULL)) == LUM_STMT_ROW)
    {
      g_autoptr(LumWarehouseLink) link = lum_warehouse_link_new (lum_stmt_column_int64 (stmt, 0),
                                                                 lum_db_column_text (stmt, 1),
                                                                 lum_db_column_text (stmt, 2),
                                                                 lum_stmt_column_int64 (stmt, 3),
                                                                 lum_db_column_text (stmt, 4),
                                                                 lum_db_column_text (stmt, 5),
                                                                 lum_db_column_text (stmt, 6));
      g_list_store_append (list, link);
    }
  lum_stmt_reset (stmt);
  if (rc != LUM_STMT_DONE)
    {
      lum_db_set_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

gboolean
lum_warehouse_store_set_link (LumDb       *db,
                              gint64       warehouse_id,
                              gint64       integration_id,
                              const char  *remote_id,
                              const char  *remote_name,
                              const char  *now,
                              GError     **error)
{
  LumStmt *stmt = lum_db_prepare (db,
                                  "INSERT INTO warehouse_link (warehouse_id, integration_id, remote_id,"
                                  " remote_name, linked_at) VALUES (?, ?, ?, ?, ?)"
                                  " ON CONFLICT (warehouse_id, integration_id) DO UPDATE SET"
                                  " remote_id = excluded.remote_id, remote_name = excluded.remote_name,"
                                  " linked_at = excluded.linked_at", error);

  if (stmt == NULL)
    return FALSE;
  lum_stmt_bind_int64 (stmt, 1, warehouse_id);
  lum_stmt_bind_int64 (stmt, 2, integration_id);
  lum_stmt_bind_text (stmt, 3, remote_id);
  lum_stmt_bind_text (stmt, 4, remote_name ? remote_name : "");
  lum_stmt_bind_text (stmt, 5, now);
  return lum_db_step_done (db, stmt, error);
}

gboolean
lum_warehouse_store_delete_link (LumDb   *db,
                                 gint64   warehouse_id,
                                 gint64   integration_id,
                                 GError **error)
{
  LumStmt *stmt = lum_db_prepare (db,
                                  "DELETE FROM warehouse_link WHERE warehouse_id = ? AND integration_id = ?",
                                  error);

  if (stmt == NULL)
    return FALSE;
  lum_stmt_bind_int64 (stmt, 1, warehouse_id);
  lum_stmt_bind_int64 (stmt, 2, integration_id);
  if (!lum_db_step_done (db, stmt, error))
    return FALSE;
  if (lum_db_changes (db) != 1)
    {
      g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND,
                   _("Warehouse %" PRId64 " has no link for integration %" PRId64), warehouse_id, integration_id);
      return FALSE;
    }
  return TRUE;
}

gboolean
lum_warehouse_store_set_ship_from (LumDb       *db,
                                   gint64       order_id,
                                   const char  *json,
                                   GError     **error)
{
  LumStmt *stmt = lum_db_prepare (db, "UPDATE sales_order SET ship_from = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  lum_db_bind_text_or_null (stmt, 1, json);
  lum_stmt_bind_int64 (stmt, 2, order_id);
  return lum_db_step_done (db, stmt, error);
}

char *
lum_warehouse_store_get_ship_from (LumDb   *db,
                                   gint64   order_id,
                                   GError **error)
{
  LumStmt *stmt = lum_db_prepare (db, "SELECT ship_from FROM sales_order WHERE id = ?", error);
  char *json = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  lum_stmt_bind_int64 (stmt, 1, order_id);
  rc = lum_stmt_step (stmt, NULL);
  if (rc == LUM_STMT_ROW && !lum_stmt_column_is_null (stmt, 0))
    json = lum_db_column_dup_text (stmt, 0);
  lum_stmt_reset (stmt);
  if (rc != LUM_STMT_ROW && rc != LUM_STMT_DONE)
    lum_db_set_error (db, error);
  return json;
}

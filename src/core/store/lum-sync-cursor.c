/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-store"

#include "config.h"

#include "lum-sync-cursor.h"

char *
lum_sync_cursor_get (LumDb      *db,
                     gint64      integration_id,
                     const char *name)
{
  LumStmt *stmt = lum_db_prepare (db, "SELECT value FROM sync_cursor WHERE integration_id = ? AND name = ?", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  lum_stmt_bind_int64 (stmt, 1, integration_id);
  lum_stmt_bind_text (stmt, 2, name);
  if (lum_stmt_step (stmt, NULL) == LUM_STMT_ROW)
    value = lum_db_column_dup_text (stmt, 0);
  lum_stmt_reset (stmt);
  return value;
}

gboolean
lum_sync_cursor_set (LumDb       *db,
                     gint64       integration_id,
                     const char  *name,
                     const char  *value,
                     const char  *now,
                     GError     **error)
{
  LumStmt *stmt = lum_db_prepare (db,
                                  "INSERT INTO sync_cursor (integration_id, name, value, updated_at)"
                                  " VALUES (?, ?, ?, ?) ON CONFLICT (integration_id, name)"
                                  " DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                                  error);
  if (stmt == NULL)
    return FALSE;
  lum_stmt_bind_int64 (stmt, 1, integration_id);
  lum_stmt_bind_text (stmt, 2, name);
  lum_stmt_bind_text (stmt, 3, value);
  lum_stmt_bind_text (stmt, 4, now);
  return lum_db_step_done (db, stmt, error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <stdlib.h>

#include "lum-setup-store.h"
#include "lum-text.h"
#include "lum-util.h"
#include "lum-enum-types.h"

gboolean
lum_setup_store_parse_id (const char *text,
                          gint64     *id)
{
  char *end = NULL;
  gint64 value;

  if (text == NULL || !g_ascii_isdigit (*text))
    return FALSE;
  value = g_ascii_strtoll (text, &end, 10);
  if (end == NULL || *end != '\0' || value <= 0)
    return FALSE;
  *id = value;
  return TRUE;
}

/* Runs @stmt (by name key, then by id) and returns the first row's stmt. */
static gboolean
step_by_name_or_id (LumDb        *db,
                    LumStmt *by_key,
                    LumStmt *by_id,
                    const char   *name_or_id,
                    LumStmt **found,
                    GError      **error)
{
  g_autofree char *key = lum_name_key (name_or_id);
  gint64 id;
  int rc;

  lum_stmt_bind_text (by_key, 1, key);
  rc = lum_stmt_step (by_key, NULL);
  if (rc == LUM_STMT_ROW)
    {
      *found = by_key;
      return TRUE;
    }
  lum_stmt_reset (by_key);
  if (rc != LUM_STMT_DONE)
    return lum_db_set_error (db, error);

  if (lum_setup_store_parse_id (name_or_id, &id))
    {
      lum_stmt_bind_int64 (by_id, 1, id);
      rc = lum_stmt_step (by_id, NULL);
      if (rc == LUM_STMT_ROW)
        {
          *found = by_id;
          return TRUE;
        }
      lum_stmt_reset (by_id);
      if (rc != LUM_STMT_DONE)
        return lum_db_set_error (db, error);
    }

  *found = NULL;
  return TRUE;
}

gboolean
lum_setup_store_name_used (LumDb         *db,
                           LumSetupTable  table,
                           const char    *name,
                           gint64         except_id)
{
  static const char *queries[] = {
    [LUM_SETUP_TABLE_WAREHOUSE_GROUP] = "SELECT 1 FROM warehouse_group WHERE name_key = ? AND id <> ?",
    [LUM_SETUP_TABLE_INVOICE_TYPE] = "SELECT 1 FROM invoice_type WHERE name_key = ? AND id <> ?",
    [LUM_SETUP_TABLE_INTEGRATION] = "SELECT 1 FROM integration WHERE name_key = ? AND id <> ?",
  };
  g_autofree char *key = lum_name_key (name);
  LumStmt *stmt = lum_db_prepare (db, queries[table], NULL);
  gboolean used;

  if (stmt == NULL)
    return FALSE;
  lum_stmt_bind_text (stmt, 1, key);
  lum_stmt_bind_int64 (stmt, 2, except_id);
  used = lum_stmt_step (stmt, NULL) == LUM_STMT_ROW;
  lum_stmt_reset (stmt);
  return used;
}

/* -- warehouse groups ---------------------------------------------------- */

#define GROUP_COLUMNS \
  "SELECT g.id, g.name, g.is_default," \
  " (SELECT count(*) FROM warehouse_group_member m WHERE m.group_id = g.id), g.ship_from_rule" \
  " FROM warehouse_group g "

static LumWarehouseGroup *
group_from_row (LumStmt *stmt)
{
  LumWarehouseGroup *group = lum_warehouse_group_new (lum_stmt_column_int64 (stmt, 0),
                                                      lum_db_column_text (stmt, 1),
                                                      lum_stmt_column_int (stmt, 2) != 0,
                                                      lum_stmt_column_int (stmt, 3));
  int rule = LUM_SHIP_FROM_RULE_PREFERENCE;

  lum_enum_from_nick (LUM_TYPE_SHIP_FROM_RULE, lum_db_column_text (stmt, 4), &rule);
  lum_warehouse_group_set_ship_from_rule (group, rule);
  return group;
}

GListStore *
lum_setup_store_list_groups (LumDb   *db,
                             GError **error)
{
  g_autoptr(GListStore) list = g_list_store_new (LUM_TYPE_WAREHOUSE_GROUP);
  LumStmt *stmt = lum_db_prepare (db, GROUP_COLUMNS "ORDER BY g.is_default DESC, g.name_key", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = lum_stmt_step (stmt, NULL)) == LUM_STMT_ROW)
    {
      g_autoptr(LumWarehouseGroup) group = group_from_row (stmt);
      g_list_store_append (list, group);
    }
  lum_stmt_reset (stmt);
  if (rc != LUM_STMT_DONE)
    {
      lum_db_set_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

LumWarehouseGroup *
lum_setup_store_find_group (LumDb       *db,
                            const char  *name_or_id,
                            GError     **error)
{
  LumStmt *by_key = lum_db_prepare (db, GROUP_COLUMNS "WHERE g.name_key = ?", error);
  LumStmt *by_id = lum_db_prepare (db, GROUP_COLUMNS "WHERE g.id = ?", error);
  LumStmt *found = NULL;
  LumWarehouseGroup *group;

  if (by_key == NULL || by_id == NULL)
    return NULL;
  if (!step_by_name_or_id (db, by_key, by_id, name_or_id, &found, error))
    return NULL;
  if (found == NULL)
    {
      g_autofree char *shown = lum_text_shown (name_or_id);
      g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND,
                   _("Warehouse group “%s” does not exist"), shown);
      return NULL;
    }
  group = group_from_row (found);
  lum_stmt_reset (found);
  return group;
}

LumWarehouseGroup *
lum_setup_store_get_group (LumDb   *db,
                           gint64   id,
                           GError **error)
{
  LumStmt *stmt = lum_db_prepare (db, GROUP_COLUMNS "WHERE g.id = ?", error);
  LumWarehouseGroup *group = NULL;

  if (stmt == NULL)
    return NULL;
  lum_stmt_bind_int64 (stmt, 1, id);
  if (lum_stmt_step (stmt, NULL) == LUM_STMT_ROW)
    group = group_from_row (stmt);
  lum_stmt_reset (stmt);
  if (group == NULL)
    g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND,
                 _("Warehouse group %" PRId64 " does not exist"), id);
  return group;
}

gint64
lum_setup_store_get_default_group_id (LumDb   *db,
                                      GError **error)
{
  LumStmt *stmt = lum_db_prepare (db, "SELECT id FROM warehouse_group WHERE is_default = 1", error);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  if (lum_stmt_step (stmt, NULL) == LUM_STMT_ROW)
    id = lum_stmt_column_int64 (stmt, 0);
  lum_stmt_reset (stmt);
  if (id == 0)
    g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND,
                 _("There is no default warehouse group"));
  return id;
}

gint64
lum_setup_store_insert_group (LumDb       *db,
                              const char  *name,
                              const char  *now,
                              GError     **error)
{
  g_autofree char *key = lum_name_key (name);
  g_autofree char *stripped = lum_strip_dup (name);
  LumStmt *stmt = lum_db_prepare (db,
                                  "INSERT INTO warehouse_group (name, name_key, is_default, created_at)"
                                  " VALUES (?, ?, 0, ?)", error);

  if (stmt == NULL)
    return 0;
  lum_stmt_bind_text (stmt, 1, stripped);
  lum_stmt_bind_text (stmt, 2, key);
  lum_stmt_bind_text (stmt, 3, now);
  if (!lum_db_step_done (db, stmt, error))
    return 0;
  return lum_db_last_insert_id (db);
}

/* Exactly one default: clear the old one and set the new in one statement
 * pair, inside the caller's transaction. */
gboolean
lum_setup_store_set_default_group (LumDb   *db,
                                   gint64   id,
                                   GError **error)
{
  LumStmt *clear = lum_db_prepare (db, "UPDATE warehouse_group SET is_default = 0 WHERE is_default = 1 AND id <> ?", error);
  LumStmt *set = lum_db_prepare (db, "UPDATE warehouse_group SET is_default = 1 WHERE id = ?", error);

  if (clear == NULL || set == NULL)
    return FALSE;
  lum_stmt_bind_int64 (clear, 1, id);
  if (!lum_db_step_done (db, clear, error))
    return FALSE;
  lum_stmt_bind_int64 (set, 1, id);
  if (!lum_db_step_done (db, set, error))
    return FALSE;
  if (lum_db_changes (db) != 1)
    {
      g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND,
                   _("Warehouse group %" PRId64 " does not exist"), id);
      return FALSE;
    }
  return TRUE;
}

gboolean
lum_setup_store_add_group_member (LumDb   *db,
                                  gint64   group_id,
                                  gint64   warehouse_id,
                                  GError **error)
{
  LumStmt *stmt = lum_db_prepare (db,
                                  "INSERT INTO warehouse_group_member (group_id, warehouse_id, position)"
                                  " VALUES (?1, ?2, (SELECT coalesce (max (position), -1) + 1"
                                  "  FROM warehouse_group_member WHERE group_id = ?1))"
                                  " ON CONFLICT DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;
  lum_stmt_bind_int64 (stmt, 1, group_id);
  lum_stmt_bind_int64 (stmt, 2, warehouse_id);
  return lum_db_step_done (db, stmt, error);
}

/* -- warehouses ----------------------------------------------------------- */

GListStore *
lum_setup_store_list_warehouses (LumDb   *db,
                                 gint64   group_id,
                                 GError **error)
{
  g_autoptr(GListStore) list = g_list_store_new (LUM_TYPE_WAREHOUSE);
  LumStmt *stmt = lum_db_prepare (db,
                                  "SELECT w.id, w.code, w.name FROM warehouse w"
                                  " LEFT JOIN warehouse_group_member m ON m.warehouse_id = w.id AND m.group_id = ?1"
                                  " WHERE ?1 = 0 OR m.group_id IS NOT NULL"
                                  " ORDER BY m.position, w.code", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  lum_stmt_bind_int64 (stmt, 1, group_id);
  while ((rc = lum_stmt_step (stmt, NULL)) == LUM_STMT_ROW)
    {
      g_autoptr(LumWarehouse) w = lum_warehouse_new (lum_stmt_column_int64 (stmt, 0),
                                                     lum_db_column_text (stmt, 1),
                                                     lum_db_column_text (stmt, 2));
      g_list_store_append (list, w);
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
lum_setup_store_insert_warehouse (LumDb       *db,
                                  const char  *code,
                                  const char  *name,
                                  const char  *now,
                                  GError     **error)
{
  LumStmt *stmt = lum_db_prepare (db,
                                  "INSERT INTO warehouse (code, name, created_at) VALUES (?, ?, ?)",
                                  error);
  if (stmt == NULL)
    return 0;
  lum_stmt_bind_text (stmt, 1, code);
  lum_stmt_bind_text (stmt, 2, name);
  lum_stmt_bind_text (stmt, 3, now);
  if (!lum_db_step_done (db, stmt, error))
    return 0;
  return lum_db_last_insert_id (db);
}

LumWarehouse *
lum_setup_store_find_warehouse (LumDb       *db,
                                const char  *code,
                                GError     **error)
{
  LumStmt *stmt = lum_db_prepare (db, "SELECT id, code, name FROM warehouse WHERE code = ?", error);
  LumWarehouse *w = NULL;

  if (stmt == NULL)
    return NULL;
  lum_stmt_bind_text (stmt, 1, code);
  if (lum_stmt_step (stmt, NULL) == LUM_STMT_ROW)
    w = lum_warehouse_new (lum_stmt_column_int64 (stmt, 0),
                           lum_db_column_text (stmt, 1),
                           lum_db_column_text (stmt, 2));
  lum_stmt_reset (stmt);
  if (w == NULL)
    {
      g_autofree char *shown = lum_text_shown (code);
      g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND,
                   _("Warehouse “%s” does not exist"), shown);
    }
  return w;
}

/* -- invoice types -------------------------------------------------------- */

GListStore *
lum_setup_store_list_invoice_types (LumDb   *db,
                                    GError **error)
{
  g_autoptr(GListStore) list = g_list_store_new (LUM_TYPE_INVOICE_TYPE);
  LumStmt *stmt = lum_db_prepare (db, "SELECT id, name FROM invoice_type ORDER BY id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = lum_stmt_step (stmt, NULL)) == LUM_STMT_ROW)
    {
      g_autoptr(LumInvoiceType) type = lum_invoice_type_new (lum_stmt_column_int64 (stmt, 0),
                                                             lum_db_column_text (stmt, 1));
      g_list_store_append (list, type);
    }
  lum_stmt_reset (stmt);
  if (rc != LUM_STMT_DONE)
    {
      lum_db_set_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

LumInvoiceType *
lum_setup_store_find_invoice_type (LumDb       *db,
                                   const char  *name_or_id,
                                   GError     **error)
{
  LumStmt *by_key = lum_db_prepare (db, "SELECT id, name FROM invoice_type WHERE name_key = ?", error);
  LumStmt *by_id = lum_db_prepare (db, "SELECT id, name FROM invoice_type WHERE id = ?", error);
  LumStmt *found = NULL;
  LumInvoiceType *type;

  if (by_key == NULL || by_id == NULL)
    return NULL;
  if (!step_by_name_or_id (db, by_key, by_id, name_or_id, &found, error))
    return NULL;
  if (found == NULL)
    {
      g_autofree char *shown = lum_text_shown (name_or_id);
      g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND,
                   _("Invoice type “%s” does not exist"), shown);
      return NULL;
    }
  type = lum_invoice_type_new (lum_stmt_column_int64 (found, 0), lum_db_column_text (found, 1));
  lum_stmt_reset (found);
  return type;
}

LumInvoiceType *
lum_setup_store_get_invoice_type (LumDb   *db,
                                  gint64   id,
                                  GError **error)
{
  LumStmt *stmt = lum_db_prepare (db, "SELECT id, name FROM invoice_type WHERE id = ?", error);
  LumInvoiceType *type = NULL;

  if (stmt == NULL)
    return NULL;
  lum_stmt_bind_int64 (stmt, 1, id);
  if (lum_stmt_step (stmt, NULL) == LUM_STMT_ROW)
    type = lum_invoice_type_new (lum_stmt_column_int64 (stmt, 0), lum_db_column_text (stmt, 1));
  lum_stmt_reset (stmt);
  if (type == NULL)
    g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND,
                 _("Invoice type %" PRId64 " does not exist"), id);
  return type;
}

gint64
lum_setup_store_insert_invoice_type (LumDb       *db,
                                     const char  *name,
                                     const char  *now,
                                     GError     **error)
{
  g_autofree char *key = lum_name_key (name);
  g_autofree char *stripped = lum_strip_dup (name);
  LumStmt *stmt = lum_db_prepare (db,
                                  "INSERT INTO invoice_type (name, name_key, created_at) VALUES (?, ?, ?)",
                                  error);
  if (stmt == NULL)
    return 0;
  lum_stmt_bind_text (stmt, 1, stripped);
  lum_stmt_bind_text (stmt, 2, key);
  lum_stmt_bind_text (stmt, 3, now);
  if (!lum_db_step_done (db, stmt, error))
    return 0;
  return lum_db_last_insert_id (db);
}

/* -- integrations --------------------------------------------------------- */

#define INTEGRATION_COLUMNS "SELECT id, kind, name, base_url, settings, state FROM integration "

static LumIntegration *
integration_from_row (LumDb        *db,
                      LumStmt *stmt)
{
  int kind = 0;
  LumIntegration *integration;

  lum_enum_from_nick (LUM_TYPE_INTEGRATION_KIND, lum_db_column_text (stmt, 1), &kind);
  integration = lum_integration_new (kind, lum_db_column_text (stmt, 2));
  lum_integration_set_id (integration, lum_stmt_column_int64 (stmt, 0));
  lum_integration_set_base_url (integration, lum_db_column_text (stmt, 3));
  lum_integration_load_settings_json (integration, lum_db_column_text (stmt, 4));
  lum_integration_set_state (integration, lum_db_column_text (stmt, 5));
  lum_integration_set_secret_scope (integration, lum_db_get_id (db));
  return integration;
}

GListStore *
lum_setup_store_list_integrations (LumDb   *db,
                                   GError **error)
{
  g_autoptr(GListStore) list = g_list_store_new (LUM_TYPE_INTEGRATION);
  LumStmt *stmt = lum_db_prepare (db, INTEGRATION_COLUMNS "ORDER BY name_key", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = lum_stmt_step (stmt, NULL)) == LUM_STMT_ROW)
    {
      g_autoptr(LumIntegration) integration = integration_from_row (db, stmt);
      g_list_store_append (list, integration);
    }
  lum_stmt_reset (stmt);
  if (rc != LUM_STMT_DONE)
    {
      lum_db_set_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

LumIntegration *
lum_setup_store_get_integration (LumDb   *db,
                                 gint64   id,
                                 GError **error)
{
  LumStmt *stmt = lum_db_prepare (db, INTEGRATION_COLUMNS "WHERE id = ?", error);
  LumIntegration *integration = NULL;

  if (stmt == NULL)
    return NULL;
  lum_stmt_bind_int64 (stmt, 1, id);
  if (lum_stmt_step (stmt, NULL) == LUM_STMT_ROW)
    integration = integration_from_row (db, stmt);
  lum_stmt_reset (stmt);
  if (integration == NULL)
    g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND,
                 _("Integration %" PRId64 " does not exist"), id);
  return integration;
}

LumIntegration *
lum_setup_store_find_integration (LumDb       *db,
                                  const char  *name_or_id,
                                  GError     **error)
{
  LumStmt *by_key = lum_db_prepare (db, INTEGRATION_COLUMNS "WHERE name_key = ?", error);
  LumStmt *by_id = lum_db_prepare (db, INTEGRATION_COLUMNS "WHERE id = ?", error);
  LumStmt *found = NULL;
  LumIntegration *integration;

  if (by_key == NULL || by_id == NULL)
    return NULL;
  if (!step_by_name_or_id (db, by_key, by_id, name_or_id, &found, error))
    return NULL;
  if (found == NULL)
    {
      g_autofree char *shown = lum_text_shown (name_or_id);
      g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND,
                   _("Integration “%s” does not exist"), shown);
      return NULL;
    }
  integration = integration_from_row (db, found);
  lum_stmt_reset (found);
  return integration;
}

gboolean
lum_setup_store_save_integration (LumDb           *db,
                                  LumIntegration  *integration,
                                  const char      *now,
                                  GError         **error)
{
  g_autofree char *key = lum_name_key (lum_integration_get_name (integration));
  g_autofree char *settings = lum_integration_dup_settings_json (integration);
  gint64 id = lum_integration_get_id (integration);
  LumStmt *stmt;

  if (id == 0)
    stmt = lum_db_prepare (db,
                           "INSERT INTO integration (kind, name, name_key, base_url, settings, state, created_at, updated_at)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)", error);
  else
    stmt = lum_db_prepare (db,
                           "UPDATE integration SET kind = ?1, name = ?2, name_key = ?3, base_url = ?4,"
                           " settings = ?5, state = ?6, updated_at = ?7 WHERE id = ?8", error);
  if (stmt == NULL)
    return FALSE;

  lum_stmt_bind_static_text (stmt, 1, lum_integration_get_kind_nick (integration));
  lum_stmt_bind_text (stmt, 2, lum_integration_get_name (integration));
  lum_stmt_bind_text (stmt, 3, key);
  lum_stmt_bind_text (stmt, 4, lum_integration_get_base_url (integration));
  lum_stmt_bind_text (stmt, 5, settings);
  lum_stmt_bind_text (stmt, 6, lum_integration_get_state (integration));
  lum_stmt_bind_text (stmt, 7, now);
  if (id != 0)
    lum_stmt_bind_int64 (stmt, 8, id);

  if (!lum_db_step_done (db, stmt, error))
    return FALSE;
  if (id == 0)
    lum_integration_set_id (integration, lum_db_last_insert_id (db));
  lum_integration_set_secret_scope (integration, lum_db_get_id (db));
  return TRUE;
}

gboolean
lum_setup_store_delete_integration (LumDb   *db,
                                    gint64   id,
                                    GError **error)
{
  LumStmt *stmt = lum_db_prepare (db, "DELETE FROM integration WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  lum_stmt_bind_int64 (stmt, 1, id);
  return lum_db_step_done (db, stmt, error);
}

/* -- known stores --------------------------------------------------------- */

GListStore *
lum_setup_store_list_remote_stores (LumDb   *db,
                                    gint64   integration_id,
                                    GError **error)
{
  g_autoptr(GListStore) list = g_list_store_new (LUM_TYPE_REMOTE_STORE);
  LumStmt *stmt = lum_db_prepare (db,
                                  "SELECT remote_id, name FROM remote_store"
                                  " WHERE integration_id = ? ORDER BY name, remote_id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  lum_stmt_bind_int64 (stmt, 1, integration_id);
  while ((rc = lum_stmt_step (stmt, NULL)) == LUM_STMT_ROW)
    {
      g_autoptr(LumRemoteStore) store = lum_remote_store_new (lum_db_column_text (stmt, 0),
                                                              lum_db_column_text (stmt, 1));
      g_list_store_append (list, store);
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
lum_setup_store_remember_remote_store (LumDb       *db,
                                       gint64       integration_id,
                                       const char  *remote_id,
                                       const char  *name,
                                       const char  *now,
                                       GError     **error)
{
  LumStmt *stmt = lum_db_prepare (db,
                                  "INSERT INTO remote_store (integration_id, remote_id, name, fetched_at)"
                                  " VALUES (?, ?, ?, ?)"
                                  " ON CONFLICT (integration_id, remote_id)"
                                  " DO UPDATE SET name = excluded.name, fetched_at = excluded.fetched_at",
                                  error);
  if (stmt == NULL)
    return FALSE;
  lum_stmt_bind_int64 (stmt, 1, integration_id);
  lum_stmt_bind_text (stmt, 2, remote_id);
  lum_stmt_bind_text (stmt, 3, name ? name : "");
  lum_stmt_bind_text (stmt, 4, now);
  return lum_db_step_done (db, stmt, error);
}

/* The live list replaces the cache: stores gone from the OMS are forgotten. */
gboolean
lum_setup_store_replace_remote_stores (LumDb       *db,
                                       gint64       integration_id,
                                       GListModel  *stores,
                                       const char  *now,
                                       GError     **error)
{
  LumStmt *clear = lum_db_prepare (db, "DELETE FROM remote_store WHERE integration_id = ?", error);
  guint n = g_list_model_get_n_items (stores);

  if (clear == NULL)
    return FALSE;
  lum_stmt_bind_int64 (clear, 1, integration_id);
  if (!lum_db_step_done (db, clear, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LumRemoteStore) store = g_list_model_get_item (stores, i);

      if (!lum_setup_store_remember_remote_store (db, integration_id,
                                                  lum_remote_store_get_remote_id (store),
                                                  lum_remote_store_get_name (store),
                                                  now, error))
        return FALSE;
    }
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "lum-store-version.h"
#include "lum-util.h"

/*
 * No silent overwrite: a row people edit has a version, raised by every
 * save. A save names the version its editor loaded and is refused when the
 * row moved on meanwhile, whoever saved it: another window, another
 * process on the same file, another desk on a server. The row also keeps
 * who saved it last and when, for the refusal to say so.
 */

G_DEFINE_QUARK (lum-store-error-quark, lum_store_error)

static const char * const tables[] = {
  [LUM_VERSIONED_CHANNEL] = "channel",
  [LUM_VERSIONED_CUSTOMER] = "customer",
  [LUM_VERSIONED_PRODUCT] = "product",
  [LUM_VERSIONED_SALES_ORDER] = "sales_order",
  [LUM_VERSIONED_INVOICE] = "invoice",
};

/**
 * lum_store_set_actor_name:
 * @name: (nullable): the person's name as events and saves record it;
 *   %NULL or "" for the default
 *
 * The default is the system user on SQLite. A server back end that knows
 * the session's database user returns it from
 * lum_store_get_actor_name() instead, before this default.
 */
void
lum_store_set_actor_name (LumDb      *db,
                          const char *name)
{
  g_autofree char *stripped = lum_strip_dup (name);

  g_object_set_data_full (G_OBJECT (db), "lum-actor-name",
                          lum_str_empty (stripped) ? NULL : g_steal_pointer (&stripped), g_free);
}

const char *
lum_store_get_actor_name (LumDb *db)
{
  const char *name = g_object_get_data (G_OBJECT (db), "lum-actor-name");

  /* Hook: a server back end puts its database user here (current_user). */
  return name != NULL ? name : g_get_user_name ();
}

static gboolean
set_changed_error (LumDb         *db,
                   const char    *table,
                   gint64         id,
                   gint64         expected,
                   const char    *label,
                   GError       **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT version, changed_by, changed_at FROM %s WHERE id = ?", table);
  LumStmt *stmt = lum_db_prepare (db, sql, error);
  g_autofree char *who = NULL;
  g_autofree char *when = NULL;
  gint64 version = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  lum_stmt_bind_int64 (stmt, 1, id);
  rc = lum_stmt_step (stmt, NULL);
  if (rc == LUM_STMT_ROW)
    {
      version = lum_stmt_column_int64 (stmt, 0);
      who = lum_db_column_dup_text (stmt, 1);
      when = lum_time_format_local (lum_db_column_text (stmt, 2));
    }
  lum_stmt_reset (stmt);
  if (rc == LUM_STMT_DONE)
    g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND,
                 _("%s was deleted after you opened it"), label);
  else if (rc != LUM_STMT_ROW)
    lum_db_set_error (db, error);
  else if (lum_str_empty (who))
    g_set_error (error, LUM_STORE_ERROR, LUM_STORE_ERROR_CHANGED,
                 _("%s was changed by someone else after you opened it (version %" PRId64
                   ", you opened version %" PRId64 ")"),
                 label, version, expected);
  else
    g_set_error (error, LUM_STORE_ERROR, LUM_STORE_ERROR_CHANGED,
                 _("%s was changed by %s on %s, after you opened it (version %" PRId64
                   ", you opened version %" PRId64 ")"),
                 label, who, when, version, expected);
  return FALSE;
}

/**
 * lum_store_version_claim:
 * @expected: the version the editor loaded; 0 saves over any version (a
 *   new record's first save, an import, Save Anyway after a reload)
 * @label: the record in words for the refusal ("Customer “Acme”")
 * @version: (out) (optional): the version the save gives the row
 *
 * Raises the row's version and records who saves it, in the transaction
 * of the save, or refuses with %LUM_STORE_ERROR_CHANGED when the row is no
 * longer at @expected. Call it before writing the row.
 */
gboolean
lum_store_version_claim (LumDb         *db,
                         LumVersioned   table,
                         gint64         id,
                         gint64         expected,
                         const char    *label,
                         const char    *now,
                         gint64        *version,
                         GError       **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET version = version + 1, changed_by = ?1, changed_at = ?2"
                                          " WHERE id = ?3 AND (?4 = 0 OR version = ?4) RETURNING version",
                                          tables[table]);
  LumStmt *stmt = lum_db_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  lum_stmt_bind_text (stmt, 1, lum_store_get_actor_name (db));
  lum_stmt_bind_text (stmt, 2, now);
  lum_stmt_bind_int64 (stmt, 3, id);
  lum_stmt_bind_int64 (stmt, 4, expected);
  rc = lum_stmt_step (stmt, NULL);
  if (rc == LUM_STMT_ROW && version != NULL)
    *version = lum_stmt_column_int64 (stmt, 0);
  if (rc == LUM_STMT_ROW)
    rc = lum_stmt_step (stmt, NULL);
  lum_stmt_reset (stmt);
  if (rc == LUM_STMT_DONE && lum_db_changes (db) == 1)
    return TRUE;
  if (rc != LUM_STMT_DONE)
    return lum_db_set_error (db, error);
  return set_changed_error (db, tables[table], id, expected, label, error);
}

/* The row's version now, for Save Anyway; 0 with @error when it is gone. */
gint64
lum_store_version_get (LumDb         *db,
                       LumVersioned   table,
                       gint64         id,
                       GError       **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT version FROM %s WHERE id = ?", tables[table]);
  LumStmt *stmt = lum_db_prepare (db, sql, error);
  gint64 version = 0;
  int rc;

  if (stmt == NULL)
    return 0;
  lum_stmt_bind_int64 (stmt, 1, id);
  rc = lum_stmt_step (stmt, NULL);
  if (rc == LUM_STMT_ROW)
    version = lum_stmt_column_int64 (stmt, 0);
  lum_stmt_reset (stmt);
  if (rc == LUM_STMT_DONE)
    g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND,
                 _("Record %" PRId64 " of %s does not exist"), id, tables[table]);
  else if (rc != LUM_STMT_ROW)
    lum_db_set_error (db, error);
  return version;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "lum-db-copy.h"
/* only lum_pg_is_url(), to tell the back ends' catalogs apart */
#include "lum-db-pg.h"

/*
 * `lumenctl database copy`: every row of every table from one database to
 * another of either back end, in one transaction on the target, ids kept.
 * Tables are copied parents first (by their foreign keys, read from the
 * source's catalog); the rows the migrations put into a new database
 * (meta, doc_sequence) are replaced by the source's, so the database id
 * and the document counters move with the data. Before the commit the
 * rows of every table and the money of orders and invoices are counted on
 * both sides; a difference rolls the copy back.
 */

/* Filled by the migrations of every new database: replaced, not refused,
 * as long as they are as the migrations left them. */
#define SEEDED_EMPTY_CHECK \
  "SELECT 'meta', count (*) FROM meta WHERE key <> 'database_id'" \
  " UNION ALL SELECT 'doc_sequence', count (*) FROM doc_sequence WHERE next_value <> 1"

static void
copy_table_free (gpointer data)
{
  LumDbCopyTable *table = data;

  g_free (table->name);
  g_free (table);
}

void
lum_db_copy_report_free (LumDbCopyReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->tables, g_ptr_array_unref);
  g_free (report);
}

static gboolean
is_postgresql (LumDb *db)
{
  return lum_pg_is_url (lum_db_get_path (db));
}

static gboolean
is_seeded (const char *table)
{
  return g_str_equal (table, "meta") || g_str_equal (table, "doc_sequence");
}

/* The tables of @db, each after those its foreign keys refer to. */
static GPtrArray *
list_tables (LumDb   *db,
             GError **error)
{
  const char *sql = is_postgresql (db)
    ? "SELECT c.relname, coalesce (r.relname, '') FROM pg_class c"
      " LEFT JOIN pg_constraint k ON k.conrelid = c.oid AND k.contype = 'f'"
      " LEFT JOIN pg_class r ON r.oid = k.confrelid"
      " WHERE c.relkind = 'r' AND c.relname <> 'lumen_schema'"
      " AND c.relnamespace = (SELECT n.oid FROM pg_namespace n WHERE n.nspname = current_schema ())"
      " ORDER BY c.oid"
    : "SELECT m.name, coalesce (f.\"table\", '') FROM sqlite_master m"
      " LEFT JOIN pragma_foreign_key_list (m.name) f"
      " WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%' ORDER BY m.rowid";
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) parents = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify)g_ptr_array_unref);
  g_autoptr(GHashTable) placed = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *ordered = g_ptr_array_new_with_free_func (g_free);
  LumStmt *stmt = lum_db_prepare (db, sql, error);
  LumStmtResult rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = lum_stmt_step (stmt, error)) == LUM_STMT_ROW)
    {
      const char *name = lum_stmt_column_text (stmt, 0);
      const char *parent = lum_stmt_column_text (stmt, 1);
      GPtrArray *list = g_hash_table_lookup (parents, name);

      if (list == NULL)
        {
          char *copy = g_strdup (name);

          g_ptr_array_add (names, copy);
          list = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (parents, copy, list);
        }
      /* a table that refers to itself needs no other first */
      if (parent != NULL && *parent != '\0' && g_strcmp0 (parent, name) != 0)
        g_ptr_array_add (list, g_strdup (parent));
    }
  lum_stmt_reset (stmt);
  if (rc == LUM_STMT_ERROR)
    {
      g_ptr_array_unref (ordered);
      return NULL;
    }

  while (ordered->len < names->len)
    {
      guint before = ordered->len;

      for (guint i = 0; i < names->len; i++)
        {
          const char *name = names->pdata[i];
          GPtrArray *list = g_hash_table_lookup (parents, name);
          gboolean ready = TRUE;

          if (g_hash_table_contains (placed, name))
            continue;
          for (guint j = 0; j < list->len && ready; j++)
            ready = g_hash_table_contains (placed, list->pdata[j]) || !g_hash_table_contains (parents, list->pdata[j]);
          if (ready)
            {
              g_ptr_array_add (ordered, g_strdup (name));
              g_hash_table_add (placed, ordered->pdata[ordered->len - 1]);
            }
        }
      if (ordered->len == before)
        {
          g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_SQL,
                       _("The tables of the database “%s” refer to each other in a circle; they cannot be copied one after the other"),
                       lum_db_get_path (db));
          g_ptr_array_unref (ordered);
          return NULL;
        }
    }
  return ordered;
}

/* One number a query returns: a count or a sum (NULL: 0). */
static gboolean
query_int64 (LumDb       *db,
             const char  *sql,
             gint64      *out_value,
             GError     **error)
{
  LumStmt *stmt = lum_db_prepare (db, sql, error);
  LumStmtResult rc;

  if (stmt == NULL)
    return FALSE;
  rc = lum_stmt_step (stmt, error);
  *out_value = rc == LUM_STMT_ROW ? lum_stmt_column_int64 (stmt, 0) : 0;
  lum_stmt_reset (stmt);
  return rc != LUM_STMT_ERROR;
}

static gboolean
count_rows (LumDb       *db,
            const char  *table,
            gint64      *out_count,
            GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM %s", table);

  return query_int64 (db, sql, out_count, error);
}

static void
set_not_empty (GError     **error,
               LumDb       *target,
               const char  *table,
               gint64       count)
{
  g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_SQL,
               g_dngettext (GETTEXT_PACKAGE,
                            "The database “%s” is not empty: the table “%s” has %" PRId64 " row. Copy into a new database.",
                            "The database “%s” is not empty: the table “%s” has %" PRId64 " rows. Copy into a new database.",
                            (gulong)MIN (count, G_MAXLONG)),
               lum_db_get_path (target), table, count);
}

/* Refused onto a target that holds anything but what a new database has. */
static gboolean
check_empty (LumDb      *target,
             GPtrArray  *tables,
             GError    **error)
{
  LumStmt *stmt;
  LumStmtResult rc;

  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = tables->pdata[i];
      gint64 count;

      if (is_seeded (table))
        continue;
      if (!count_rows (target, table, &count, error))
        return FALSE;
      if (count > 0)
        {
          set_not_empty (error, target, table, count);
          return FALSE;
        }
    }

  stmt = lum_db_prepare (target, SEEDED_EMPTY_CHECK, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = lum_stmt_step (stmt, error)) == LUM_STMT_ROW)
    if (lum_stmt_column_int64 (stmt, 1) > 0)
      {
        set_not_empty (error, target, lum_stmt_column_text (stmt, 0), lum_stmt_column_int64 (stmt, 1));
        lum_stmt_reset (stmt);
        return FALSE;
      }
  lum_stmt_reset (stmt);
  return rc != LUM_STMT_ERROR;
}

/* Every row of @table, each value as text: both back ends read the text
 * of a number into a number column. */
static gboolean
copy_rows (LumDb       *source,
           LumDb       *target,
           const char  *table,
           GError     **error)
{
  g_autofree char *select = g_strdup_printf ("SELECT * FROM %s", table);
  g_autofree char *insert = NULL;
  LumStmt *from = lum_db_prepare (source, select, error);
  LumStmt *to = NULL;
  LumStmtResult rc;
  int n_columns = 0;

  if (from == NULL)
    return FALSE;
  while ((rc = lum_stmt_step (from, error)) == LUM_STMT_ROW)
    {
      if (to == NULL)
        {
          g_autoptr(GString) sql = g_string_new (NULL);

          n_columns = lum_stmt_column_count (from);
          g_string_append_printf (sql, "INSERT INTO %s (", table);
          for (int i = 0; i < n_columns; i++)
            g_string_append_printf (sql, "%s%s", i > 0 ? ", " : "", lum_stmt_column_name (from, i));
          g_string_append (sql, ") VALUES (");
          for (int i = 0; i < n_columns; i++)
            g_string_append_printf (sql, "%s?%d", i > 0 ? ", " : "", i + 1);
          g_string_append_c (sql, ')');
          insert = g_string_free (g_steal_pointer (&sql), FALSE);
        }
      /* from the cache: the same statement, reset with its bindings cleared */
      to = lum_db_prepare (target, insert, error);
      if (to == NULL)
        break;
      for (int i = 0; i < n_columns; i++)
        {
          if (lum_stmt_column_is_null (from, i))
            lum_stmt_bind_null (to, i + 1);
          else
            lum_stmt_bind_text (to, i + 1, lum_stmt_column_text (from, i));
        }
      if (!lum_db_step_done (target, to, error))
        break;
    }
  lum_stmt_reset (from);
  return rc == LUM_STMT_DONE;
}

/* PostgreSQL's identity columns go on after the highest id copied. */
static gboolean
advance_identities (LumDb      *target,
                    GPtrArray  *tables,
                    GError    **error)
{
  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = tables->pdata[i];
      g_autofree char *find = g_strdup_printf ("SELECT count (*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                                               " WHERE a.attname = 'id' AND a.attidentity <> '' AND c.relname = '%s'"
                                               " AND c.relnamespace = (SELECT n.oid FROM pg_namespace n WHERE n.nspname = current_schema ())",
                                               table);
      g_autofree char *max_id = g_strdup_printf ("SELECT max (id) FROM %s", table);
      g_autofree char *setval = g_strdup_printf ("SELECT setval (pg_get_serial_sequence ('%s', 'id'), ?, false)", table);
      gint64 has_identity, highest;
      LumStmt *stmt;
      LumStmtResult rc;

      if (!query_int64 (target, find, &has_identity, error))
        return FALSE;
      if (has_identity == 0)
        continue;
      if (!query_int64 (target, max_id, &highest, error))
        return FALSE;
      stmt = lum_db_prepare (target, setval, error);
      if (stmt == NULL)
        return FALSE;
      lum_stmt_bind_int64 (stmt, 1, highest + 1);
      rc = lum_stmt_step (stmt, error);
      lum_stmt_reset (stmt);
      if (rc == LUM_STMT_ERROR)
        return FALSE;
    }
  return TRUE;
}

static gboolean
fill_report (LumDb            *source,
             LumDb            *target,
             GPtrArray        *tables,
             LumDbCopyReport  *report,
             GError          **error)
{
  static const char *orders = "SELECT sum (total_cents) FROM sales_order";
  static const char *invoices = "SELECT sum (total_cents) FROM invoice";

  report->equal = TRUE;
  for (guint i = 0; i < tables->len; i++)
    {
      LumDbCopyTable *row = g_new0 (LumDbCopyTable, 1);

      row->name = g_strdup (tables->pdata[i]);
      g_ptr_array_add (report->tables, row);
      if (!count_rows (source, row->name, &row->source_rows, error) ||
          !count_rows (target, row->name, &row->target_rows, error))
        return FALSE;
      report->equal &= row->source_rows == row->target_rows;
    }
  if (!query_int64 (source, orders, &report->source_order_cents, error) ||
      !query_int64 (target, orders, &report->target_order_cents, error) ||
      !query_int64 (source, invoices, &report->source_invoice_cents, error) ||
      !query_int64 (target, invoices, &report->target_invoice_cents, error))
    return FALSE;
  report->equal &= report->source_order_cents == report->target_order_cents &&
                   report->source_invoice_cents == report->target_invoice_cents;
  return TRUE;
}

/**
 * lum_db_copy:
 * @source: the database copied, read in one transaction
 * @target: a database of the same schema version with no rows of its own
 *
 * Copies every row of @source into @target in one transaction, with the
 * ids, counters and database id of @source.
 *
 * Returns: (transfer full) (nullable): the counts and sums on both sides;
 *   when they differ (@equal %FALSE) nothing was committed. %NULL with
 *   @error when the copy was refused or failed, and @target is unchanged.
 */
LumDbCopyReport *
lum_db_copy (LumDb   *source,
             LumDb   *target,
             GError **error)
{
  g_autoptr(LumDbCopyReport) report = g_new0 (LumDbCopyReport, 1);
  g_autoptr(GPtrArray) tables = NULL;

  report->tables = g_ptr_array_new_with_free_func (copy_table_free);

  if (lum_db_get_schema_version (source) != lum_db_get_schema_version (target))
    {
      g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_MIGRATION,
                   _("The database “%s” has schema version %d and “%s” %d: open both with this Lumen first"),
                   lum_db_get_path (source), lum_db_get_schema_version (source),
                   lum_db_get_path (target), lum_db_get_schema_version (target));
      return NULL;
    }

  /* one snapshot of the source: on SQLite its write lock, on a server a
   * repeatable read */
  if (!lum_db_begin (source, error))
    return NULL;
  if (is_postgresql (source) &&
      !lum_db_exec (source, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", error))
    goto failed_source;
  tables = list_tables (source, error);
  if (tables == NULL)
    goto failed_source;

  if (!lum_db_begin (target, error))
    goto failed_source;
  if (!check_empty (target, tables, error) ||
      !lum_db_exec (target, "DELETE FROM meta", error) ||
      !lum_db_exec (target, "DELETE FROM doc_sequence", error))
    goto failed;
  for (guint i = 0; i < tables->len; i++)
    {
      g_debug ("Copying the table %s", (const char *)tables->pdata[i]);
      if (!copy_rows (source, target, tables->pdata[i], error))
        goto failed;
    }
  if (is_postgresql (target) && !advance_identities (target, tables, error))
    goto failed;
  if (!fill_report (source, target, tables, report, error))
    goto failed;
  if (!report->equal)
    lum_db_rollback (target);
  else if (!lum_db_commit (target, error))
    goto failed;
  lum_db_rollback (source);
  return g_steal_pointer (&report);

failed:
  lum_db_rollback (target);
failed_source:
  lum_db_rollback (source);
  return NULL;
}

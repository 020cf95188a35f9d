/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <libpq-fe.h>
#include <unistd.h>
#include <stdio.h>
#include <string.h>

#include "lum-test-util.h"
#include "lum-engine-documents.h"

static gint64
test_clock_now (gpointer user_data)
{
  return ((LumTestClock *)user_data)->now;
}

/**
 * lum_test_new_database:
 * @name: a file name, used on SQLite
 *
 * Where a test keeps a fresh database: a file in the test's private temp
 * dir (G_TEST_OPTION_ISOLATE_DIRS), or, when $LUMEN_TEST_DB names a
 * PostgreSQL database (tests/pg-cluster.sh), a new schema of its own in
 * it, as a URL whose search_path is that schema.
 *
 * Returns: (transfer full): the path or URL for lum_engine_new()
 */
char *
lum_test_new_database (const char *name)
{
  static guint counter;
  const char *server = g_getenv ("LUMEN_TEST_DB");
  g_autofree char *schema = NULL;
  g_autofree char *create = NULL;
  PGconn *conn;
  PGresult *result;

  if (server == NULL || *server == '\0')
    return g_build_filename (g_get_user_data_dir (), name, NULL);

  schema = g_strdup_printf ("t_%u_%u_%u", (guint)getpid (), ++counter, g_random_int ());
  create = g_strdup_printf ("CREATE SCHEMA %s", schema);
  conn = PQconnectdb (server);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, create);
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  PQclear (result);
  PQfinish (conn);
  return g_strdup_printf ("%s%soptions=-csearch_path%%3D%s", server, strchr (server, '?') ? "&" : "?", schema);
}

gboolean
lum_test_on_postgresql (void)
{
  const char *server = g_getenv ("LUMEN_TEST_DB");

  return server != NULL && *server != '\0';
}

/* A new engine on a fresh database in the test's private temp dir
 * (G_TEST_OPTION_ISOLATE_DIRS), clocked by @clock when given. */
LumEngine *
lum_test_engine_new (LumTestClock  *clock,
                     char         **out_path)
{
  static guint counter;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("test-%u-%u.db", (guint)getpid (), ++counter);
  g_autofree char *path = lum_test_new_database (name);
  LumEngine *engine;

  engine = lum_engine_new (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (engine);
  if (clock != NULL)
    {
      if (clock->now == 0)
        clock->now = (gint64)1798761600 * G_USEC_PER_SEC; /* 2027-01-01T00:00:00Z */
      lum_engine_set_clock (engine, test_clock_now, clock, NULL);
    }
  if (out_path != NULL)
    *out_path = g_steal_pointer (&path);
  return engine;
}

gint64
lum_test_count_rows (LumEngine  *engine,
                     const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  LumStmt *stmt = NULL;
  gint64 n = -1;

  stmt = lum_db_prepare (lum_engine_get_db (engine), sql, NULL);
  g_assert_nonnull (stmt);
  if (lum_stmt_step (stmt, NULL) == LUM_STMT_ROW)
    n = lum_stmt_column_int64 (stmt, 0);
  lum_stmt_reset (stmt);
  return n;
}

/* Every row of every table as text, to prove an action changed nothing. */
char *
lum_test_dump_database (LumEngine *engine)
{
  LumDb *db = lum_engine_get_db (engine);
  GString *dump = g_string_new (NULL);
  LumStmt *tables = NULL;

  tables = lum_db_prepare (db, lum_test_on_postgresql ()
                              ? "SELECT table_name FROM information_schema.tables"
                                " WHERE table_schema = current_schema () ORDER BY 1"
                              : "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", NULL);
  g_assert_nonnull (tables);
  while (lum_stmt_step (tables, NULL) == LUM_STMT_ROW)
    {
      const char *table = lum_stmt_column_text (tables, 0);
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY 1", table);
      LumStmt *rows = NULL;

      g_string_append_printf (dump, "## %s\n", table);
      rows = lum_db_prepare (db, sql, NULL);
      g_assert_nonnull (rows);
      while (lum_stmt_step (rows, NULL) == LUM_STMT_ROW)
        {
          for (int c = 0; c < lum_stmt_column_count (rows); c++)
            g_string_append_printf (dump, "%s|", lum_stmt_column_text (rows, c));
          g_string_append_c (dump, '\n');
        }
      lum_stmt_reset (rows);
    }
  lum_stmt_reset (tables);
  return g_string_free (dump, FALSE);
}

/**
 * lum_test_damaged_database:
 *
 * Makes a database with 400 customers whose table's root page is then
 * overwritten in the middle, as a failing disk would: SQLite opens it, and
 * finds the damage only when that page is read.
 *
 * Returns: (transfer full): its path
 */
char *
lum_test_damaged_database (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LumEngine) engine = lum_test_engine_new (NULL, &path);
  LumDb *db = lum_engine_get_db (engine);
  LumStmt *stmt;
  gint64 root = 0, page_size = 0;
  FILE *file;

  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %04u %080u", i, i);
      g_autoptr(LumCustomer) customer = lum_customer_new (name);

      g_assert_true (lum_engine_save_customer (engine, customer, &error));
    }
  g_assert_true (lum_engine_check_integrity (engine, &error));
  g_assert_no_error (error);

  stmt = lum_db_prepare (db, "SELECT rootpage, (SELECT page_size FROM pragma_page_size) "
                         "FROM sqlite_schema WHERE name = 'customer'", NULL);
  g_assert_nonnull (stmt);
  g_assert_cmpint (lum_stmt_step (stmt, NULL), ==, LUM_STMT_ROW);
  root = lum_stmt_column_int64 (stmt, 0);
  page_size = lum_stmt_column_int64 (stmt, 1);
  lum_stmt_reset (stmt);
  g_assert_true (lum_db_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL));
  g_clear_object (&engine);

  file = fopen (path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, (root - 1) * page_size + 16, SEEK_SET), ==, 0);
  for (guint i = 0; i < 64; i++)
    fputc (0xa5, file);
  fclose (file);

  return g_steal_pointer (&path);
}

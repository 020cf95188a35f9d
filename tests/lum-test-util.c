/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <unistd.h>
#include <stdio.h>

#include "lum-test-util.h"
#include "lum-engine-documents.h"

static gint64
test_clock_now (gpointer user_data)
{
  return ((LumTestClock *)user_data)->now;
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
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
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
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (lum_db_get_handle (lum_engine_get_db (engine)), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* Every row of every table as text, to prove an action changed nothing. */
char *
lum_test_dump_database (LumEngine *engine)
{
  sqlite3 *handle = lum_db_get_handle (lum_engine_get_db (engine));
  GString *dump = g_string_new (NULL);
  sqlite3_stmt *tables = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
                                       -1, &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *table = (const char *)sqlite3_column_text (tables, 0);
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY 1", table);
      sqlite3_stmt *rows = NULL;

      g_string_append_printf (dump, "## %s\n", table);
      g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &rows, NULL), ==, SQLITE_OK);
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (rows); c++)
            g_string_append_printf (dump, "%s|", (const char *)sqlite3_column_text (rows, c));
          g_string_append_c (dump, '\n');
        }
      sqlite3_finalize (rows);
    }
  sqlite3_finalize (tables);
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
  sqlite3_stmt *stmt;
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

  g_assert_cmpint (sqlite3_prepare_v2 (lum_db_get_handle (db),
                                       "SELECT rootpage, (SELECT page_size FROM pragma_page_size) "
                                       "FROM sqlite_schema WHERE name = 'customer'", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  root = sqlite3_column_int64 (stmt, 0);
  page_size = sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);
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

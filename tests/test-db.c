/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "lum-test-util.h"
#include "lum-engine-documents.h"
#include "lum-engine-setup.h"
#include "store/lum-db-sqlite.h"
#include "store/lum-document-store.h"
#include "store/lum-schema.h"
#include "store/lum-setup-store.h"

static char *
temp_db_path (const char *name)
{
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  return g_build_filename (g_get_user_data_dir (), name, NULL);
}

static char *
pragma_text (LumDb      *db,
             const char *pragma)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (lum_db_get_sqlite_handle (db), pragma, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static void
test_migrate_empty_and_reopen (void)
{
  g_autofree char *path = temp_db_path ("migrate.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *schema_before = NULL;
  g_autofree char *schema_after = NULL;

  {
    g_autoptr(LumDb) db = lum_db_open (path, &error);
    g_autofree char *journal = NULL;
    g_autofree char *fk = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (lum_db_get_schema_version (db), ==, lum_schema_get_n_migrations ());
    g_assert_cmpint (lum_db_get_schema_version (db), >=, 1);
    journal = pragma_text (db, "PRAGMA journal_mode");
    fk = pragma_text (db, "PRAGMA foreign_keys");
    g_assert_cmpstr (journal, ==, "wal");
    g_assert_cmpstr (fk, ==, "1");
    schema_before = pragma_text (db, "SELECT group_concat(sql, ';') FROM sqlite_master");
  }

  /* Re-opening runs no migration and leaves the schema as it was. */
  {
    g_autoptr(LumDb) db = lum_db_open (path, &error);
    g_autofree char *check = NULL;
    g_autofree char *fk_check = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (lum_db_get_schema_version (db), ==, lum_schema_get_n_migrations ());
    schema_after = pragma_text (db, "SELECT group_concat(sql, ';') FROM sqlite_master");
    g_assert_cmpstr (schema_before, ==, schema_after);
    check = pragma_text (db, "PRAGMA integrity_check");
    g_assert_cmpstr (check, ==, "ok");
    fk_check = pragma_text (db, "PRAGMA foreign_key_check");
    g_assert_null (fk_check);
  }
}

static void
test_each_migration_is_atomic (void)
{
  g_autofree char *path = temp_db_path ("partial.db");
  g_autoptr(GError) error = NULL;
  sqlite3 *raw = NULL;

  /* A database at version 0 with a table that migration 1 creates: the
   * migration fails half-way and must leave version 0 and nothing else. */
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "CREATE TABLE channel_tag (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  {
    g_autoptr(LumDb) db = lum_db_open (path, &error);
    g_assert_error (error, LUM_DB_ERROR, LUM_DB_ERROR_MIGRATION);
    g_assert_null (db);
    g_assert_nonnull (strstr (error->message, "schema version 1"));
  }

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  {
    sqlite3_stmt *stmt = NULL;
    sqlite3_prepare_v2 (raw, "SELECT count(*) FROM sqlite_master WHERE name = 'warehouse_group'", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
    sqlite3_finalize (stmt);
    sqlite3_prepare_v2 (raw, "PRAGMA user_version", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
    sqlite3_finalize (stmt);
  }
  sqlite3_close (raw);
}

/* Migration 5 moves the configuration every posted document carried into
 * one shared row per distinct text, and the documents keep finding it. */
static void
test_posted_configs_shared (void)
{
  g_autofree char *path = temp_db_path ("configs.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(LumDb) db = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *count = NULL;
  sqlite3 *raw = NULL;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  for (int v = 1; v <= 4; v++)
    g_assert_cmpint (sqlite3_exec (raw, lum_schema_get_migration (v), NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw,
    "PRAGMA user_version = 4;"
    "INSERT INTO sales_order (id, number, uuid, channel_id, customer_id, customer_key, status, config,"
    "                         created_at, updated_at)"
    "  VALUES (1, 'SO-000001', 'u1', 1, 1, 'acme', 'posted', '{\"name\":\"A\"}', 'x', 'x'),"
    "         (2, 'SO-000002', 'u2', 1, 1, 'acme', 'posted', '{\"name\":\"A\"}', 'x', 'x'),"
    "         (3, 'SO-000003', 'u3', 1, 1, 'acme', 'posted', '{\"name\":\"B\"}', 'x', 'x'),"
    "         (4, 'SO-000004', 'u4', 1, 1, 'acme', 'draft', NULL, 'x', 'x');",
    NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  db = lum_db_open (path, &error);
  g_assert_no_error (error);
  count = pragma_text (db, "SELECT count(*) FROM posted_config");
  g_assert_cmpstr (count, ==, "2");
  first = lum_document_store_get_config (db, LUM_DOCUMENT_KIND_SALES_ORDER, 2, &error);
  g_assert_cmpstr (first, ==, "{\"name\":\"A\"}");
  second = lum_document_store_get_config (db, LUM_DOCUMENT_KIND_SALES_ORDER, 3, &error);
  g_assert_cmpstr (second, ==, "{\"name\":\"B\"}");
  g_assert_null (lum_document_store_get_config (db, LUM_DOCUMENT_KIND_SALES_ORDER, 4, &error));

  /* a document posted under a known text shares its row */
  g_assert_true (lum_document_store_set_config (db, LUM_DOCUMENT_KIND_SALES_ORDER, 4, "{\"name\":\"B\"}", &error));
  g_assert_no_error (error);
  g_free (count);
  count = pragma_text (db, "SELECT count(*) FROM posted_config");
  g_assert_cmpstr (count, ==, "2");
}

static int
raw_count (sqlite3    *raw,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int n;

  g_assert_cmpint (sqlite3_prepare_v2 (raw, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* Migration 7 writes each CHECK (col IN (…)) as comparisons joined by OR:
 * the same rules, on a database that had rows before. */
/* A database of version 8 gets the test series, its real counters as they
 * were: test documents that took real numbers keep them. */
static void
test_test_series_added (void)
{
  g_autofree char *path = temp_db_path ("series.db");
  g_autoptr(GError) error = NULL;
  sqlite3 *raw = NULL;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  for (int v = 1; v <= 8; v++)
    g_assert_cmpint (sqlite3_exec (raw, lum_schema_get_migration (v), NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "UPDATE doc_sequence SET next_value = 3; PRAGMA user_version = 8",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  {
    g_autoptr(LumDb) db = lum_db_open (path, &error);
    g_autofree char *test_order = NULL;
    g_autofree char *order = NULL;
    g_autofree char *test_invoice = NULL;

    g_assert_no_error (error);
    g_assert_true (lum_db_begin (db, &error));
    test_order = lum_document_store_next_number (db, LUM_DOCUMENT_KIND_SALES_ORDER, TRUE, &error);
    order = lum_document_store_next_number (db, LUM_DOCUMENT_KIND_SALES_ORDER, FALSE, &error);
    test_invoice = lum_document_store_next_number (db, LUM_DOCUMENT_KIND_INVOICE, TRUE, &error);
    g_assert_no_error (error);
    g_assert_true (lum_db_commit (db, &error));
    g_assert_cmpstr (test_order, ==, "TEST-SO-000001");
    g_assert_cmpstr (order, ==, "SO-000003");
    g_assert_cmpstr (test_invoice, ==, "TEST-INV-000001");
  }
}

static void
test_checks_rewritten (void)
{
  g_autofree char *path = temp_db_path ("checks.db");
  g_autofree char *rewritten = lum_schema_rewrite_in_checks (
    "CREATE TABLE t (a TEXT CHECK (a IN ('x', 'y', 'z')), b INTEGER NOT NULL CHECK (b IN (0, 1)),"
    " c INTEGER CHECK (c BETWEEN 1 AND 2))");
  g_autoptr(GError) error = NULL;
  sqlite3 *raw = NULL;

  g_assert_cmpstr (rewritten, ==,
                   "CREATE TABLE t (a TEXT CHECK (a = 'x' OR a = 'y' OR a = 'z'), b INTEGER NOT NULL CHECK (b = 0 OR b = 1),"
                   " c INTEGER CHECK (c BETWEEN 1 AND 2))");
  g_assert_null (lum_schema_rewrite_in_checks ("CREATE TABLE t (c INTEGER CHECK (c BETWEEN 1 AND 2))"));

  /* a database of the version before, with an event in it */
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  for (int v = 1; v < LUM_SCHEMA_VERSION_CHECKS_REWRITTEN; v++)
    g_assert_cmpint (sqlite3_exec (raw, lum_schema_get_migration (v), NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "INSERT INTO event (at, actor, kind, details) VALUES ('2027-01-01T00:00:00Z',"
                                      " 'system', 'test.kept', '{}'); PRAGMA user_version = 6", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (raw_count (raw, "SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%CHECK (% IN (%'"), >, 5);
  sqlite3_close (raw);

  {
    g_autoptr(LumDb) db = lum_db_open (path, &error);

    g_assert_no_error (error);
    g_assert_cmpint (lum_db_get_schema_version (db), ==, lum_schema_get_n_migrations ());
  }

  /* read again from the file by another connection */
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (raw_count (raw, "SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%CHECK (% IN (%'"), ==, 0);
  g_assert_cmpint (raw_count (raw, "SELECT count(*) FROM sqlite_schema"
                                   " WHERE sql LIKE '%CHECK (actor = ''user'' OR actor = ''sync'' OR actor = ''system'')%'"),
                   ==, 1);
  g_assert_cmpint (raw_count (raw, "SELECT count(*) FROM event WHERE kind = 'test.kept'"), ==, 1);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (raw, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "ok");
    sqlite3_finalize (stmt);
  }
  /* the rule still holds */
  g_assert_cmpint (sqlite3_exec (raw, "INSERT INTO event (at, actor, kind, details) VALUES ('2027-01-01T00:00:00Z',"
                                      " 'robot', 'test.refused', '{}')", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT);
  g_assert_nonnull (strstr (sqlite3_errmsg (raw), "CHECK constraint failed"));
  sqlite3_close (raw);
}

static void
test_newer_schema_refused (void)
{
  g_autofree char *path = temp_db_path ("newer.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", lum_schema_get_n_migrations () + 1);
  sqlite3 *raw = NULL;
  g_autoptr(LumDb) db = NULL;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  db = lum_db_open (path, &error);
  g_assert_error (error, LUM_DB_ERROR, LUM_DB_ERROR_TOO_NEW);
  g_assert_null (db);
}

static void
test_seed_once (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LumEngine) engine = lum_test_engine_new (NULL, &path);
  g_autoptr(GListStore) groups = lum_engine_list_warehouse_groups (engine, &error);
  g_autoptr(LumWarehouseGroup) group = NULL;
  g_autoptr(GListStore) warehouses = NULL;
  g_autoptr(LumWarehouse) warehouse = NULL;
  g_autoptr(GListStore) types = NULL;
  g_autoptr(LumInvoiceType) type = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (groups)), ==, 1);
  group = g_list_model_get_item (G_LIST_MODEL (groups), 0);
  g_assert_cmpstr (lum_warehouse_group_get_name (group), ==, "Default Warehouse Group");
  g_assert_true (lum_warehouse_group_get_is_default (group));
  g_assert_cmpuint (lum_warehouse_group_get_n_warehouses (group), ==, 1);

  warehouses = lum_engine_list_warehouses (engine, lum_warehouse_group_get_id (group), &error);
  g_assert_no_error (error);
  warehouse = g_list_model_get_item (G_LIST_MODEL (warehouses), 0);
  g_assert_cmpstr (lum_warehouse_get_name (warehouse), ==, "Main Warehouse");

  types = lum_engine_list_invoice_types (engine, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (types)), ==, 1);
  type = g_list_model_get_item (G_LIST_MODEL (types), 0);
  g_assert_cmpstr (lum_invoice_type_get_name (type), ==, "Standard");

  /* A second engine on the same file seeds nothing more. */
  {
    g_autoptr(LumEngine) again = lum_engine_new (path, &error);
    g_assert_no_error (error);
    g_assert_cmpint (lum_test_count_rows (again, "warehouse_group"), ==, 1);
    g_assert_cmpint (lum_test_count_rows (again, "warehouse"), ==, 1);
    g_assert_cmpint (lum_test_count_rows (again, "invoice_type"), ==, 1);
  }
}

static void
test_exactly_one_default_group (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumEngine) engine = lum_test_engine_new (NULL, NULL);
  g_autoptr(LumWarehouseGroup) east = NULL;
  g_autoptr(LumWarehouseGroup) found = NULL;
  const char *codes[] = { "MAIN", NULL };
  sqlite3 *handle = lum_db_get_sqlite_handle (lum_engine_get_db (engine));
  int rc;

  east = lum_engine_create_warehouse_group (engine, "East Coast", codes, FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (lum_warehouse_group_get_is_default (east));
  g_assert_cmpuint (lum_warehouse_group_get_n_warehouses (east), ==, 1);

  g_assert_true (lum_engine_set_default_warehouse_group (engine, lum_warehouse_group_get_id (east), &error));
  g_assert_no_error (error);
  g_assert_cmpint (lum_setup_store_get_default_group_id (lum_engine_get_db (engine), NULL),
                   ==, lum_warehouse_group_get_id (east));

  found = lum_engine_find_warehouse_group (engine, "default warehouse group", &error);
  g_assert_no_error (error);
  g_assert_false (lum_warehouse_group_get_is_default (found));

  /* The schema itself refuses a second default. */
  rc = sqlite3_exec (handle, "UPDATE warehouse_group SET is_default = 1", NULL, NULL, NULL);
  g_assert_cmpint (rc & 0xff, ==, SQLITE_CONSTRAINT);

  /* Names are unique ignoring case; a failed create writes nothing. */
  g_clear_object (&found);
  found = lum_engine_create_warehouse_group (engine, "EAST coast", NULL, FALSE, &error);
  g_assert_error (error, LUM_SETUP_ERROR, LUM_SETUP_ERROR_NAME);
  g_assert_nonnull (strstr (error->message, "EAST coast"));
  g_assert_cmpint (lum_test_count_rows (engine, "warehouse_group"), ==, 2);
  g_clear_error (&error);

  /* An unknown warehouse rolls the whole group back. */
  {
    const char *bad[] = { "MAIN", "NOPE", NULL };
    g_autoptr(LumWarehouseGroup) none = lum_engine_create_warehouse_group (engine, "West", bad, TRUE, &error);
    g_assert_error (error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "NOPE"));
    g_assert_null (none);
    g_assert_cmpint (lum_test_count_rows (engine, "warehouse_group"), ==, 2);
    g_assert_cmpint (lum_setup_store_get_default_group_id (lum_engine_get_db (engine), NULL),
                     ==, lum_warehouse_group_get_id (east));
  }
}

static void
test_nested_transactions (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumEngine) engine = lum_test_engine_new (NULL, NULL);
  LumDb *db = lum_engine_get_db (engine);

  g_assert_true (lum_db_begin (db, &error));
  g_assert_cmpint (lum_setup_store_insert_invoice_type (db, "Outer", "2027-01-01T00:00:00Z", &error), >, 0);
  g_assert_true (lum_db_begin (db, &error));
  g_assert_cmpint (lum_setup_store_insert_invoice_type (db, "Inner", "2027-01-01T00:00:00Z", &error), >, 0);
  lum_db_rollback (db);
  g_assert_true (lum_db_in_transaction (db));
  g_assert_true (lum_db_commit (db, &error));
  g_assert_no_error (error);
  g_assert_false (lum_db_in_transaction (db));

  g_assert_nonnull (lum_engine_find_invoice_type (engine, "outer", NULL));
  g_assert_null (lum_engine_find_invoice_type (engine, "inner", &error));
  g_assert_error (error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND);
}

static void
test_busy_database_fails_clearly (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LumEngine) engine = lum_test_engine_new (NULL, &path);
  sqlite3 *other = NULL;
  g_autoptr(LumInvoiceType) type = NULL;

  /* Another connection holds the write lock; ours waits, then says so. */
  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (lum_db_get_sqlite_handle (lum_engine_get_db (engine)), 200);

  type = lum_engine_add_invoice_type (engine, "Pro forma", &error);
  g_assert_null (type);
  g_assert_error (error, LUM_DB_ERROR, LUM_DB_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "busy"));
  g_clear_error (&error);

  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);

  type = lum_engine_add_invoice_type (engine, "Pro forma", &error);
  g_assert_no_error (error);
  g_assert_nonnull (type);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

/* A database holds customers and prices: its file, -wal and -shm are the
 * owner's alone, whatever the umask. */
static void
test_private_files (void)
{
  g_autofree char *path = temp_db_path ("private.db");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(LumInvoiceType) type = NULL;
  mode_t old = umask (0);

  engine = lum_engine_new (path, &error);
  umask (old);
  g_assert_no_error (error);
  type = lum_engine_add_invoice_type (engine, "Pro forma", &error);
  g_assert_no_error (error);

  g_assert_cmpuint (file_mode (path), ==, 0600);
  g_assert_cmpuint (file_mode (wal), ==, 0600);
  g_assert_cmpuint (file_mode (shm), ==, 0600);
}

/* A version no Lumen writes (a negative one tripped an assertion and was
 * rewritten to 0) is refused, and the file is left byte for byte. */
static void
test_unknown_version_refused (void)
{
  const int versions[] = { -1, -7, G_MININT32 };

  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    {
      g_autofree char *path = temp_db_path ("unknown-version.db");
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *sql = g_strdup_printf ("CREATE TABLE t (x); PRAGMA user_version = %d", versions[i]);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      gsize before_len, after_len;
      g_autoptr(GError) error = NULL;
      g_autoptr(LumDb) db = NULL;
      sqlite3 *raw = NULL;

      g_unlink (path);
      g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (raw);
      g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

      db = lum_db_open (path, &error);
      g_assert_null (db);
      g_assert_error (error, LUM_DB_ERROR, LUM_DB_ERROR_UNKNOWN_VERSION);
      g_assert_nonnull (strstr (error->message, path));

      g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
      g_assert_cmpmem (before, before_len, after, after_len);
      g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
    }
}

/* Opening a database and reading it takes no write lock: `order list`
 * failed after 5 s while another process imported. */
static void
test_read_while_another_writes (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LumEngine) first = lum_test_engine_new (NULL, &path);
  g_autoptr(LumEngine) second = NULL;
  g_autoptr(GListStore) groups = NULL;
  sqlite3 *other = NULL;
  gint64 start;

  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE; INSERT INTO meta (key, value) VALUES ('x', 'y')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  start = g_get_monotonic_time ();
  second = lum_engine_new (path, &error);
  g_assert_no_error (error);
  groups = lum_engine_list_warehouse_groups (second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (groups)), ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);

  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);
}

static gpointer
release_lock_later (gpointer data)
{
  g_usleep (800 * 1000);
  sqlite3_exec (data, "COMMIT", NULL, NULL, NULL);
  return NULL;
}

static void
on_waiting_cb (LumDb    *db,
               gpointer  user_data)
{
  (*(guint *)user_data)++;
}

/* A writer waits for another process's lock, and says so once. */
static void
test_writer_waits (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LumEngine) first = lum_test_engine_new (NULL, &path);
  g_autoptr(LumEngine) second = NULL;
  g_autoptr(LumInvoiceType) type = NULL;
  g_autoptr(GThread) thread = NULL;
  sqlite3 *other = NULL;
  guint waits = 0;

  second = lum_engine_new_waiting (path, 10000, on_waiting_cb, &waits, &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  thread = g_thread_new ("release", release_lock_later, other);

  type = lum_engine_add_invoice_type (second, "Pro forma", &error);
  g_assert_no_error (error);
  g_assert_nonnull (type);
  g_assert_cmpuint (waits, ==, 1);

  g_thread_join (g_steal_pointer (&thread));
  sqlite3_close (other);
}

/* A full disk is said to be one, and the change is not half-written. */
static void
test_full_disk (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LumEngine) engine = lum_test_engine_new (NULL, &path);
  LumDb *db = lum_engine_get_db (engine);
  g_autofree char *pages = pragma_text (db, "PRAGMA page_count");
  g_autofree char *limit = g_strdup_printf ("PRAGMA max_page_count = %s", pages);
  gint64 before = lum_test_count_rows (engine, "customer");
  gboolean full = FALSE;

  g_assert_true (lum_db_exec (db, limit, NULL));
  for (guint i = 0; i < 10000 && !full; i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %u with a long name to fill pages %060u", i, i);
      g_autoptr(LumCustomer) customer = lum_customer_new (name);

      if (!lum_engine_save_customer (engine, customer, &error))
        full = TRUE;
      else
        before++;
    }
  g_assert_true (full);
  g_assert_error (error, LUM_DB_ERROR, LUM_DB_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "is full"));
  g_assert_nonnull (strstr (error->message, path));
  g_assert_cmpint (lum_test_count_rows (engine, "customer"), ==, before);
}

/* A damaged page is found when the file is checked, not at the first read
 * of that page, and the message names the file and what to do. */
static void
test_quick_check_finds_damage (void)
{
  g_autofree char *path = lum_test_damaged_database ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LumDb) reopened = NULL;

  reopened = lum_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (lum_db_quick_check (reopened, &error));
  g_assert_error (error, LUM_DB_ERROR, LUM_DB_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, ".recover"));
}

/* The list's page query as SQLite ran it: the trace keeps, of the last
 * statement that read a page, the inner query that picks the page's ids
 * from the whole table (the outer one only sorts the page's own rows). */
static int
on_trace_cb (unsigned  type,
             void     *user_data,
             void     *stmt,
             void     *unused)
{
  char **last = user_data;
  const char *sql = sqlite3_sql (stmt);
  const char *start = sql ? strstr (sql, "IN (SELECT") : NULL;
  const char *end = start ? strstr (start, "OFFSET ?14)") : NULL;

  if (end != NULL)
    {
      g_free (*last);
      *last = g_strndup (start + strlen ("IN ("), end + strlen ("OFFSET ?14") - start - strlen ("IN ("));
    }
  return 0;
}

/* Whether SQLite plans @sql with a sort of its own (a temporary B-tree)
 * rather than reading an index in order. */
static gboolean
plan_sorts (LumDb      *db,
            const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  sqlite3_stmt *stmt = NULL;
  gboolean sorts = FALSE;

  g_assert_cmpint (sqlite3_prepare_v2 (lum_db_get_sqlite_handle (db), explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    sorts |= strstr ((const char *)sqlite3_column_text (stmt, 3), "TEMP B-TREE") != NULL;
  sqlite3_finalize (stmt);
  return sorts;
}

/* A page of the Sales Orders list, sorted by any column either way or
 * filtered, is read from an index in order: on a million orders a sort
 * of them all took seconds where the number's order took milliseconds. */
static void
test_order_pages_read_in_order (void)
{
  g_autofree char *path = temp_db_path ("pages.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(LumDb) db = lum_db_open (path, &error);
  g_autofree char *last = NULL;
  const LumDocSort sorts[] = { LUM_DOC_SORT_NUMBER, LUM_DOC_SORT_CUSTOMER, LUM_DOC_SORT_TOTAL,
                               LUM_DOC_SORT_STATUS, LUM_DOC_SORT_PUSH_STATUS, LUM_DOC_SORT_FULFILLMENT };

  g_assert_no_error (error);
  sqlite3_trace_v2 (lum_db_get_sqlite_handle (db), SQLITE_TRACE_STMT, on_trace_cb, &last);
  for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
    for (guint descending = 0; descending < 2; descending++)
      {
        LumDocumentQuery q = { .kind = LUM_DOCUMENT_KIND_SALES_ORDER, .sort = sorts[s], .descending = descending };
        g_autoptr(GListStore) page = lum_document_store_query (db, &q, 0, 50, &error);

        g_assert_no_error (error);
        g_assert_nonnull (last);
        if (plan_sorts (db, last))
          g_error ("Sort %u (%s) sorts the orders itself: %s", sorts[s], descending ? "descending" : "ascending", last);
      }

  {
    const LumDocumentQuery filters[] = {
      { .kind = LUM_DOCUMENT_KIND_SALES_ORDER, .channel_id = 1 },
      { .kind = LUM_DOCUMENT_KIND_SALES_ORDER, .status = "posted" },
      { .kind = LUM_DOCUMENT_KIND_SALES_ORDER, .push_status = "pushed" },
      { .kind = LUM_DOCUMENT_KIND_SALES_ORDER, .fulfillment_status = "fulfilled" },
      { .kind = LUM_DOCUMENT_KIND_SALES_ORDER, .search = "acme" },
      { .kind = LUM_DOCUMENT_KIND_SALES_ORDER, .include_test = TRUE },
    };

    for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
      {
        g_autoptr(GListStore) page = lum_document_store_query (db, &filters[f], 0, 50, &error);

        g_assert_no_error (error);
        if (plan_sorts (db, last))
          g_error ("Filter %u sorts the orders itself: %s", f, last);
      }
  }
  sqlite3_trace_v2 (lum_db_get_sqlite_handle (db), 0, NULL, NULL);
}

/* The last count statement SQLite ran. */
static int
on_count_trace_cb (unsigned  type,
                   void     *user_data,
                   void     *stmt,
                   void     *unused)
{
  char **last = user_data;
  const char *sql = sqlite3_sql (stmt);

  if (sql != NULL && (g_str_has_prefix (sql, "SELECT count(*)") || g_str_has_prefix (sql, "SELECT (SELECT count(*)")))
    {
      g_free (*last);
      *last = g_strdup (sql);
    }
  return 0;
}

/* Whether SQLite plans @sql through every order: a scan of the table, or
 * a walk of the is_test index that reads each row for the rest. */
static gboolean
plan_reads_every_order (LumDb      *db,
                        const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  sqlite3_stmt *stmt = NULL;
  gboolean every = FALSE;

  g_assert_cmpint (sqlite3_prepare_v2 (lum_db_get_sqlite_handle (db), explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *detail = (const char *)sqlite3_column_text (stmt, 3);

      every |= g_str_has_prefix (detail, "SCAN d") || strstr (detail, "sales_order_by_test") != NULL;
    }
  sqlite3_finalize (stmt);
  return every;
}

/* The Sales Orders list's counts, all of them and the first rows, for a
 * channel or a search read only the orders that match: counted through
 * the is_test index, each read every row, 200 ms (channel) and 460 ms
 * (search) on a million orders. */
static void
test_order_counts_read_matches (void)
{
  g_autofree char *path = temp_db_path ("counts.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(LumDb) db = lum_db_open (path, &error);
  g_autofree char *last = NULL;
  const LumDocumentQuery queries[] = {
    { .kind = LUM_DOCUMENT_KIND_SALES_ORDER, .channel_id = 1 },
    { .kind = LUM_DOCUMENT_KIND_SALES_ORDER, .status = "posted" },
    { .kind = LUM_DOCUMENT_KIND_SALES_ORDER, .push_status = "pushed" },
    { .kind = LUM_DOCUMENT_KIND_SALES_ORDER, .fulfillment_status = "fulfilled" },
    { .kind = LUM_DOCUMENT_KIND_SALES_ORDER, .search = "acme" },
    { .kind = LUM_DOCUMENT_KIND_SALES_ORDER, .search = "SO-0001", .status = "posted" },
    { .kind = LUM_DOCUMENT_KIND_SALES_ORDER, .search = "po-1", .include_test = TRUE },
  };

  g_assert_no_error (error);
  sqlite3_trace_v2 (lum_db_get_sqlite_handle (db), SQLITE_TRACE_STMT, on_count_trace_cb, &last);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_assert_cmpint (lum_document_store_count (db, &queries[i], &error), ==, 0);
      g_assert_no_error (error);
      if (plan_reads_every_order (db, last))
        g_error ("Query %u counts through every order: %s", i, last);
      g_assert_cmpint (lum_document_store_count_at_most (db, &queries[i], 301, &error), ==, 0);
      g_assert_no_error (error);
      if (plan_reads_every_order (db, last))
        g_error ("Query %u counts its first rows through every order: %s", i, last);
    }
  sqlite3_trace_v2 (lum_db_get_sqlite_handle (db), 0, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/db/migrate-empty-and-reopen", test_migrate_empty_and_reopen);
  g_test_add_func ("/db/migration-is-atomic", test_each_migration_is_atomic);
  g_test_add_func ("/db/posted-configs-shared", test_posted_configs_shared);
  g_test_add_func ("/db/checks-rewritten", test_checks_rewritten);
  g_test_add_func ("/db/test-series-added", test_test_series_added);
  g_test_add_func ("/db/newer-schema-refused", test_newer_schema_refused);
  g_test_add_func ("/db/seed-once", test_seed_once);
  g_test_add_func ("/db/exactly-one-default-group", test_exactly_one_default_group);
  g_test_add_func ("/db/nested-transactions", test_nested_transactions);
  g_test_add_func ("/db/busy-database-fails-clearly", test_busy_database_fails_clearly);
  g_test_add_func ("/db/private-files", test_private_files);
  g_test_add_func ("/db/unknown-version-refused", test_unknown_version_refused);
  g_test_add_func ("/db/read-while-another-writes", test_read_while_another_writes);
  g_test_add_func ("/db/writer-waits", test_writer_waits);
  g_test_add_func ("/db/full-disk", test_full_disk);
  g_test_add_func ("/db/quick-check-finds-damage", test_quick_check_finds_damage);
  g_test_add_func ("/db/order-pages-read-in-order", test_order_pages_read_in_order);
  g_test_add_func ("/db/order-counts-read-matches", test_order_counts_read_matches);

  return g_test_run ();
}

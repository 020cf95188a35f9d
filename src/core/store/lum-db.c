/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "lum-db.h"
#include "lum-db-pg.h"
#include "lum-db-sqlite.h"
#include "lum-schema.h"

#define BUSY_TIMEOUT_MS 5000
/* PostgreSQL type oids of bound numbers */
#define PG_INT8   20
#define PG_FLOAT8 701
/* how long a wait for another process's write lock lasts before it is said */
#define WAIT_ANNOUNCE_MS 500

struct _LumStmt
{
  sqlite3_stmt *handle;   /* SQLite */
  LumDb        *db;       /* not a reference: the database owns its statements */
  LumPgStmt    *pg;       /* PostgreSQL */
};

struct _LumDb
{
  GObject     parent_instance;

  sqlite3    *handle;       /* SQLite, or */
  LumPg      *pg;           /* PostgreSQL */
  char       *path;         /* the file, or the URL without its password */
  GHashTable *statements;   /* SQL text → LumStmt */
  GHashTable *by_address;   /* SQL text that is never freed → its statement in @statements */
  guint       depth;        /* transaction nesting */
  GHashTable *memo;         /* text → GObject made from it, see lum_db_memo_lookup() */
  char       *armed_point;  /* injected failure, tests only */
  char       *id;           /* meta.database_id */

  guint        busy_timeout_ms;
  gint64       wait_started;   /* monotonic time the current wait began */
  gboolean     wait_announced;
  LumDbWaitFunc wait_func;
  gpointer     wait_data;
};

G_DEFINE_QUARK (lum-db-error-quark, lum_db_error)
G_DEFINE_FINAL_TYPE (LumDb, lum_db, G_TYPE_OBJECT)

static gboolean
set_error_from_code (LumDb   *self,
                     int      rc,
                     GError **error)
{
  int primary = rc & 0xff;

  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    {
      guint seconds = MAX (self->busy_timeout_ms / 1000, 1);

      g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_BUSY,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The database “%s” is busy: another Lumen process kept it locked for more than %u second. Try again.",
                                "The database “%s” is busy: another Lumen process kept it locked for more than %u seconds. Try again.",
                                seconds),
                   self->path, seconds);
    }
  else if (primary == SQLITE_FULL)
    g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_FULL,
                 _("The disk that holds the database “%s” is full: nothing of this change was saved. Free some space on it, then try again."),
                 self->path);
  else if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_CORRUPT,
                 _("The database “%s” is damaged (%s). Restore it from a backup, or save what can still be read with “sqlite3 %s .recover | sqlite3 recovered.db” and open recovered.db."),
                 self->path, sqlite3_errstr (rc), self->path);
  else
    g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_SQL,
                 _("Database error in “%s”: %s"),
                 self->path, sqlite3_errmsg (self->handle));
  return FALSE;
}

/* SQLite's busy handler: wait for another process's lock in short sleeps,
 * say once that we are waiting, and give up after the busy timeout. */
static int
on_busy_cb (void *data,
            int   count)
{
  LumDb *self = data;
  gint64 now = g_get_monotonic_time ();
  gint64 waited_ms;

  if (count == 0)
    {
      self->wait_started = now;
      self->wait_announced = FALSE;
    }
  waited_ms = (now - self->wait_started) / 1000;
  if (waited_ms >= self->busy_timeout_ms)
    return 0;
  if (!self->wait_announced && waited_ms >= WAIT_ANNOUNCE_MS && self->wait_func != NULL)
    {
      self->wait_announced = TRUE;
      self->wait_func (self, self->wait_data);
    }
  g_usleep (MIN (count + 1, 20) * 1000);
  return 1;
}

/* A new database file is made readable by its owner only, whatever the
 * umask: it holds customers, orders and prices. SQLite gives the -wal and
 * -shm files it creates the mode of the database file. */
static gboolean
create_private (const char  *path,
                GError     **error)
{
  int fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  int saved_errno = errno;

  if (fd < 0 && saved_errno == EEXIST)
    return TRUE;
  if (fd < 0 || fchmod (fd, 0600) != 0)
    {
      saved_errno = errno;
      if (fd >= 0)
        close (fd);
      g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_OPEN,
                   _("Could not create the database “%s”: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* The schema version, read before anything is written: a database whose
 * version this Lumen does not know is refused untouched. */
static gboolean
check_version (LumDb   *self,
               GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int latest = lum_schema_get_n_migrations ();
  int version, rc;

  rc = sqlite3_prepare_v2 (self->handle, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      return set_error_from_code (self, rc, error);
    }
  version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  if (version > latest)
    {
      g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_TOO_NEW,
                   _("The database “%s” has schema version %d, but this Lumen knows only up to %d. Use a newer Lumen."),
                   self->path, version, latest);
      return FALSE;
    }
  if (version < 0)
    {
      g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_UNKNOWN_VERSION,
                   _("The database “%s” has schema version %d, which no Lumen writes; it was left as it is. Open a copy from a backup."),
                   self->path, version);
      return FALSE;
    }
  return TRUE;
}

static void
finalize_statement (gpointer data)
{
  LumStmt *stmt = data;

  if (stmt->pg != NULL)
    lum_pg_stmt_free (stmt->pg);
  else
    sqlite3_finalize (stmt->handle);
  g_free (stmt);
}

/* Migration 7 (see lum-schema.c): the stored definitions of the tables get
 * their CHECK (… IN (…)) rewritten, the way SQLite documents for changing
 * a constraint without rebuilding a table: writable_schema, then a new
 * schema_version so that every connection reads the definitions again.
 * The rules stay the same, so where this cannot be done (a SQLite built
 * “defensive”) the database keeps its definitions and works as before. */
static void
rewrite_table_definitions (LumDb  *self,
                           char  *(*rewrite) (const char *sql))
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) definitions = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *bump = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (!lum_db_exec (self, "SAVEPOINT rewrite_checks", NULL))
    return;

  ok = sqlite3_prepare_v2 (self->handle, "SELECT name, sql FROM sqlite_schema WHERE type = 'table'",
                           -1, &stmt, NULL) == SQLITE_OK;
  while (ok && sqlite3_step (stmt) == SQLITE_ROW)
    {
      char *rewritten = rewrite ((const char *)sqlite3_column_text (stmt, 1));

      if (rewritten == NULL)
        continue;
      g_ptr_array_add (names, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (definitions, rewritten);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  ok = ok && lum_db_exec (self, "PRAGMA writable_schema = ON", &error) &&
       sqlite3_prepare_v2 (self->handle, "UPDATE sqlite_schema SET sql = ?1 WHERE type = 'table' AND name = ?2",
                           -1, &stmt, NULL) == SQLITE_OK;
  for (guint i = 0; ok && i < names->len; i++)
    {
      sqlite3_bind_text (stmt, 1, definitions->pdata[i], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, names->pdata[i], -1, SQLITE_STATIC);
      ok = sqlite3_step (stmt) == SQLITE_DONE || set_error_from_code (self, sqlite3_errcode (self->handle), &error);
      sqlite3_reset (stmt);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  lum_db_exec (self, "PRAGMA writable_schema = OFF", NULL);

  if (ok && sqlite3_prepare_v2 (self->handle, "PRAGMA schema_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    bump = g_strdup_printf ("PRAGMA schema_version = %d", sqlite3_column_int (stmt, 0) + 1);
  g_clear_pointer (&stmt, sqlite3_finalize);
  ok = ok && bump != NULL && lum_db_exec (self, bump, &error);

  if (!ok)
    {
      g_debug ("The CHECK constraints of %s stay as they were: %s", self->path,
               error ? error->message : sqlite3_errmsg (self->handle));
      lum_db_exec (self, "ROLLBACK TO rewrite_checks", NULL);
    }
  lum_db_exec (self, "RELEASE rewrite_checks", NULL);
}

static gboolean
migrate (LumDb   *self,
         GError **error)
{
  int version = lum_db_get_schema_version (self);
  int latest = lum_schema_get_n_migrations ();

  g_return_val_if_fail (version >= 0 && version <= latest, FALSE);

  for (int v = version + 1; v <= latest; v++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", v);
      g_autoptr(GError) local_error = NULL;
      gboolean done = lum_db_exec (self, "BEGIN IMMEDIATE", &local_error) &&
                      lum_db_exec (self, lum_schema_get_migration (v), &local_error);

      if (done && v == LUM_SCHEMA_VERSION_CHECKS_REWRITTEN)
        rewrite_table_definitions (self, lum_schema_rewrite_in_checks);
      /* migration 9 (the same way): integration.kind may be 'shipstation-v2' */
      if (done && v == LUM_SCHEMA_VERSION_SHIPSTATION_V2)
        rewrite_table_definitions (self, lum_schema_allow_shipstation_v2);
      if (!done ||
          !lum_db_exec (self, set_version, &local_error) ||
          !lum_db_exec (self, "COMMIT", &local_error))
        {
          if (sqlite3_get_autocommit (self->handle) == 0)
            lum_db_exec (self, "ROLLBACK", NULL);
          g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_MIGRATION,
                       _("Could not update the database “%s” to schema version %d: %s"),
                       self->path, v, local_error->message);
          return FALSE;
        }
      g_debug ("Migrated %s to schema version %d", self->path, v);
    }

  return TRUE;
}

static void
lum_db_finalize (GObject *object)
{
  LumDb *self = (LumDb *)object;

  g_clear_pointer (&self->memo, g_hash_table_unref);
  g_clear_pointer (&self->by_address, g_hash_table_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->handle != NULL)
    sqlite3_close_v2 (self->handle);
  g_clear_pointer (&self->pg, lum_pg_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->armed_point, g_free);
  g_clear_pointer (&self->id, g_free);

  G_OBJECT_CLASS (lum_db_parent_class)->finalize (object);
}

static void
lum_db_class_init (LumDbClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lum_db_finalize;
}

static void
lum_db_init (LumDb *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->by_address = g_hash_table_new (NULL, NULL);
  self->memo = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->busy_timeout_ms = BUSY_TIMEOUT_MS;
}

static gboolean
read_id (LumDb   *self,
         GError **error)
{
  LumStmt *stmt = lum_db_prepare (self, "SELECT value FROM meta WHERE key = 'database_id'", error);

  if (stmt == NULL)
    return FALSE;
  if (lum_stmt_step (stmt, error) == LUM_STMT_ROW)
    self->id = lum_db_column_dup_text (stmt, 0);
  lum_stmt_reset (stmt);
  if (self->id == NULL)
    {
      g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_MIGRATION,
                   _("The database “%s” has no id"), self->path);
      return FALSE;
    }
  return TRUE;
}

/* A database on a PostgreSQL server: @url as libpq reads it (a password
 * from ~/.pgpass or PGPASSFILE, or peer authentication on a socket); it
 * is never shown or logged, only the URL without its password. */
static LumDb *
open_postgresql (const char  *url,
                 GError     **error)
{
  g_autoptr(LumDb) self = g_object_new (LUM_TYPE_DB, NULL);

  self->path = lum_pg_redact_url (url);
  self->pg = lum_pg_connect (url, self->path, NULL, error);
  if (self->pg == NULL || !lum_pg_migrate (self->pg, error) || !read_id (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * lum_db_open:
 * @path: the database file; created with its directory when missing
 *
 * Opens the database in WAL mode with foreign keys and a busy timeout, and
 * runs the migrations the file has not seen yet, each in one transaction.
 */
LumDb *
lum_db_open (const char  *path,
             GError     **error)
{
  g_autoptr(LumDb) self = NULL;
  g_autofree char *dir = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (lum_pg_is_url (path))
    return open_postgresql (path, error);

  self = g_object_new (LUM_TYPE_DB, NULL);
  self->path = g_strdup (path);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_OPEN,
                   _("Could not create the folder “%s” for the database: %s"),
                   dir, g_strerror (saved_errno));
      return NULL;
    }

  if (!create_private (path, error))
    return NULL;

  /* SQLite counts every allocation under a global mutex unless told not
   * to, before its first use; Lumen never reads the counts */
  {
    static gsize configured;

    if (g_once_init_enter (&configured))
      {
        sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
        g_once_init_leave (&configured, 1);
      }
  }

  rc = sqlite3_open_v2 (path, &self->handle,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_OPEN,
                   _("Could not open the database “%s”: %s"),
                   path, self->handle ? sqlite3_errmsg (self->handle) : sqlite3_errstr (rc));
      return NULL;
    }

  sqlite3_extended_result_codes (self->handle, 1);
  /* SQLite's own small allocations (records, cursors, temporary values)
   * come from this pool instead of malloc; with the default 100 slots a
   * poll that records thousands of shipments spends much of its time in
   * malloc and free */
  sqlite3_db_config (self->handle, SQLITE_DBCONFIG_LOOKASIDE, NULL, 1200, 1000);
  sqlite3_busy_handler (self->handle, on_busy_cb, self);

  if (!check_version (self, error) ||
      !lum_db_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !lum_db_exec (self, "PRAGMA synchronous = NORMAL", error) ||
      !lum_db_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !lum_db_exec (self, "PRAGMA cache_size = -32768", error) ||
      !lum_db_exec (self, "PRAGMA temp_store = MEMORY", error) ||
      !migrate (self, error) ||
      !read_id (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

sqlite3 *
lum_db_get_sqlite_handle (LumDb *self)
{
  g_return_val_if_fail (LUM_IS_DB (self), NULL);
  return self->handle;
}

/**
 * lum_db_open_read_only:
 *
 * A connection that only reads, for tools and tests that look at a
 * database another process owns: no migration, no settings written; the
 * database must exist.
 */
LumDb *
lum_db_open_read_only (const char  *path,
                       GError     **error)
{
  g_autoptr(LumDb) self = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (lum_pg_is_url (path))
    return open_postgresql (path, error);
  self = g_object_new (LUM_TYPE_DB, NULL);
  self->path = g_strdup (path);
  rc = sqlite3_open_v2 (path, &self->handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_OPEN,
                   _("Could not open the database “%s”: %s"),
                   path, self->handle ? sqlite3_errmsg (self->handle) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_busy_handler (self->handle, on_busy_cb, self);
  return g_steal_pointer (&self);
}

const char *
lum_db_get_path (LumDb *self)
{
  g_return_val_if_fail (LUM_IS_DB (self), NULL);
  return self->path;
}

/* A random id made with the database: what tells two databases apart. */
const char *
lum_db_get_id (LumDb *self)
{
  g_return_val_if_fail (LUM_IS_DB (self), NULL);
  return self->id;
}

int
lum_db_get_schema_version (LumDb *self)
{
  sqlite3_stmt *stmt;
  int version = 0;

  if (self->pg != NULL)
    return lum_pg_get_schema_version (self->pg);
  if (sqlite3_prepare_v2 (self->handle, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

static inline void
clear_statement (LumStmt *stmt)
{
  if (G_UNLIKELY (stmt->pg != NULL))
    {
      lum_pg_stmt_reset (stmt->pg);
      lum_pg_stmt_clear_bindings (stmt->pg);
      return;
    }
  sqlite3_reset (stmt->handle);
  sqlite3_clear_bindings (stmt->handle);
}

LumStmt *
lum_db_prepare (LumDb       *self,
                const char  *sql,
                GError     **error)
{
  sqlite3_stmt *handle;
  LumStmt *stmt;
  int rc;

  g_return_val_if_fail (LUM_IS_DB (self), NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      clear_statement (stmt);
      return stmt;
    }

  if (self->pg != NULL)
    {
      LumPgStmt *pg_stmt = lum_pg_prepare (self->pg, sql, error);

      if (pg_stmt == NULL)
        return NULL;
      stmt = g_new0 (LumStmt, 1);
      stmt->pg = pg_stmt;
      stmt->db = self;
      g_hash_table_insert (self->statements, g_strdup (sql), stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &handle, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_code (self, rc, error);
      return NULL;
    }

  stmt = g_new0 (LumStmt, 1);
  stmt->handle = handle;
  stmt->db = self;
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/**
 * lum_db_prepare_static:
 * @sql: text that is never freed or changed: a literal, or one built once
 *
 * lum_db_prepare() looked up by the address of @sql rather than by its
 * text, for the long statements a poll runs thousands of times.
 */
LumStmt *
lum_db_prepare_static (LumDb       *self,
                       const char  *sql,
                       GError     **error)
{
  LumStmt *stmt;

  g_return_val_if_fail (LUM_IS_DB (self), NULL);

  stmt = g_hash_table_lookup (self->by_address, sql);
  if (stmt != NULL)
    {
      clear_statement (stmt);
      return stmt;
    }
  stmt = lum_db_prepare (self, sql, error);
  if (stmt != NULL)
    g_hash_table_insert (self->by_address, (gpointer)sql, stmt);
  return stmt;
}

gboolean
lum_db_exec (LumDb       *self,
             const char  *sql,
             GError     **error)
{
  int rc;

  g_return_val_if_fail (LUM_IS_DB (self), FALSE);

  if (self->pg != NULL)
    return lum_pg_exec (self->pg, sql, error);
  rc = sqlite3_exec (self->handle, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return set_error_from_code (self, rc, error);
  return TRUE;
}

/* Steps a statement that returns no rows; resets it either way. */
gboolean
lum_db_step_done (LumDb         *self,
                  LumStmt       *stmt,
                  GError       **error)
{
  int rc;

  if (stmt->pg != NULL)
    {
      gboolean ok = lum_pg_stmt_step (stmt->pg, error) != LUM_STMT_ERROR;

      lum_pg_stmt_reset (stmt->pg);
      return ok;
    }
  rc = sqlite3_step (stmt->handle);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      set_error_from_code (self, rc, error);
      sqlite3_reset (stmt->handle);
      return FALSE;
    }
  sqlite3_reset (stmt->handle);
  return TRUE;
}

gboolean
lum_db_set_error (LumDb   *self,
                  GError **error)
{
  if (self->pg != NULL)
    {
      g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_SQL, _("Database error in “%s”: %s"),
                   self->path, lum_pg_last_error (self->pg));
      return FALSE;
    }
  return set_error_from_code (self, sqlite3_extended_errcode (self->handle), error);
}

gint64
lum_db_last_insert_id (LumDb *self)
{
  if (self->pg != NULL)
    return lum_pg_last_insert_id (self->pg);
  return sqlite3_last_insert_rowid (self->handle);
}

int
lum_db_changes (LumDb *self)
{
  if (self->pg != NULL)
    return lum_pg_changes (self->pg);
  return sqlite3_changes (self->handle);
}

/* Runs one of the transaction statements, prepared once: a poll opens and
 * releases a savepoint a shipment. */
static gboolean
exec_cached (LumDb       *self,
             const char  *sql,
             GError     **error)
{
  LumStmt *stmt = lum_db_prepare (self, sql, error);

  return stmt != NULL && lum_db_step_done (self, stmt, error);
}

gboolean
lum_db_begin (LumDb   *self,
              GError **error)
{
  char sql[32];

  g_return_val_if_fail (LUM_IS_DB (self), FALSE);

  if (self->depth == 0)
    g_strlcpy (sql, "BEGIN IMMEDIATE", sizeof sql);
  else
    g_snprintf (sql, sizeof sql, "SAVEPOINT lum_%u", self->depth);

  if (!exec_cached (self, sql, error))
    return FALSE;

  self->depth++;
  return TRUE;
}

gboolean
lum_db_commit (LumDb   *self,
               GError **error)
{
  char sql[32];

  g_return_val_if_fail (LUM_IS_DB (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->depth == 1 && self->pg != NULL)
    lum_pg_notify_commit (self->pg);
  if (self->depth == 1)
    g_strlcpy (sql, "COMMIT", sizeof sql);
  else
    g_snprintf (sql, sizeof sql, "RELEASE lum_%u", self->depth - 1);

  if (!exec_cached (self, sql, error))
    {
      lum_db_rollback (self);
      return FALSE;
    }

  self->depth--;
  return TRUE;
}

void
lum_db_rollback (LumDb *self)
{
  g_return_if_fail (LUM_IS_DB (self));
  g_return_if_fail (self->depth > 0);

  /* Cached statements may still hold the transaction open. */
  {
    GHashTableIter iter;
    gpointer stmt;

    g_hash_table_iter_init (&iter, self->statements);
    while (g_hash_table_iter_next (&iter, NULL, &stmt))
      lum_stmt_reset (stmt);
  }

  if (self->pg != NULL)
    {
      g_autofree char *sql = NULL;

      if (self->depth == 1)
        sql = g_strdup ("ROLLBACK");
      else
        sql = g_strdup_printf ("ROLLBACK TO lum_%u; RELEASE lum_%u", self->depth - 1, self->depth - 1);
      lum_pg_exec (self->pg, sql, NULL);
    }
  else if (self->depth == 1)
    {
      if (sqlite3_get_autocommit (self->handle) == 0)
        sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
    }
  else
    {
      g_autofree char *sql = g_strdup_printf ("ROLLBACK TO lum_%u; RELEASE lum_%u",
                                              self->depth - 1, self->depth - 1);
      sqlite3_exec (self->handle, sql, NULL, NULL, NULL);
    }

  self->depth--;
}

/**
 * lum_db_memo_lookup:
 * @key: the text the object was made from
 *
 * Finds an object made from @key by lum_db_memo_insert(), e.g. a channel
 * parsed from the configuration a document was posted under. The text is
 * the whole key, so an entry never goes stale; the object is shared and
 * must not be changed.
 *
 * Returns: (transfer none) (nullable): the object
 */
gpointer
lum_db_memo_lookup (LumDb      *self,
                    const char *key)
{
  g_return_val_if_fail (LUM_IS_DB (self), NULL);
  return g_hash_table_lookup (self->memo, key);
}

#define MEMO_MAX 64

void
lum_db_memo_insert (LumDb      *self,
                    const char *key,
                    gpointer    object)
{
  g_return_if_fail (LUM_IS_DB (self));
  g_return_if_fail (G_IS_OBJECT (object));

  if (g_hash_table_size (self->memo) >= MEMO_MAX)
    g_hash_table_remove_all (self->memo);
  g_hash_table_replace (self->memo, g_strdup (key), g_object_ref (object));
}

gboolean
lum_db_in_transaction (LumDb *self)
{
  return self->depth > 0;
}

gint64
lum_db_data_version (LumDb *self)
{
  LumStmt *stmt;
  gint64 version = -1;

  if (self->pg != NULL)
    return lum_pg_data_version (self->pg);
  stmt = lum_db_prepare (self, "PRAGMA data_version", NULL);
  if (stmt != NULL && sqlite3_step (stmt->handle) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt->handle, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt->handle);
  return version;
}

void
lum_db_inject_failure (LumDb      *self,
                       const char *point)
{
  g_free (self->armed_point);
  self->armed_point = g_strdup (point);
}

gboolean
lum_db_check_point (LumDb       *self,
                    const char  *point,
                    GError     **error)
{
  if (self->armed_point == NULL || g_strcmp0 (self->armed_point, point) != 0)
    return TRUE;

  g_clear_pointer (&self->armed_point, g_free);
  g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_INJECTED,
               "Injected failure at “%s”", point);
  return FALSE;
}

/* The statement API: one indirection over SQLite's own calls. */
void
lum_stmt_bind_text (LumStmt    *stmt,
                    int         idx,
                    const char *text)
{
  if (G_UNLIKELY (stmt->pg != NULL))
    lum_pg_stmt_bind (stmt->pg, idx, g_strdup (text), 0);
  else
    sqlite3_bind_text (stmt->handle, idx, text, -1, SQLITE_TRANSIENT);
}

void
lum_stmt_bind_static_text (LumStmt    *stmt,
                           int         idx,
                           const char *text)
{
  if (G_UNLIKELY (stmt->pg != NULL))
    lum_pg_stmt_bind (stmt->pg, idx, g_strdup (text), 0);
  else
    sqlite3_bind_text (stmt->handle, idx, text, -1, SQLITE_STATIC);
}

void
lum_stmt_bind_int64 (LumStmt *stmt,
                     int      idx,
                     gint64   value)
{
  if (G_UNLIKELY (stmt->pg != NULL))
    lum_pg_stmt_bind (stmt->pg, idx, g_strdup_printf ("%" G_GINT64_FORMAT, value), PG_INT8);
  else
    sqlite3_bind_int64 (stmt->handle, idx, value);
}

void
lum_stmt_bind_int (LumStmt *stmt,
                   int      idx,
                   int      value)
{
  if (G_UNLIKELY (stmt->pg != NULL))
    lum_pg_stmt_bind (stmt->pg, idx, g_strdup_printf ("%d", value), PG_INT8);
  else
    sqlite3_bind_int (stmt->handle, idx, value);
}

void
lum_stmt_bind_double (LumStmt *stmt,
                      int      idx,
                      double   value)
{
  if (G_UNLIKELY (stmt->pg != NULL))
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      lum_pg_stmt_bind (stmt->pg, idx, g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value)), PG_FLOAT8);
    }
  else
    sqlite3_bind_double (stmt->handle, idx, value);
}

void
lum_stmt_bind_null (LumStmt *stmt,
                    int      idx)
{
  if (G_UNLIKELY (stmt->pg != NULL))
    lum_pg_stmt_bind (stmt->pg, idx, NULL, 0);
  else
    sqlite3_bind_null (stmt->handle, idx);
}

LumStmtResult
lum_stmt_step (LumStmt  *stmt,
               GError  **error)
{
  int rc;

  if (G_UNLIKELY (stmt->pg != NULL))
    return lum_pg_stmt_step (stmt->pg, error);
  rc = sqlite3_step (stmt->handle);
  if (G_LIKELY (rc == SQLITE_ROW))
    return LUM_STMT_ROW;
  if (rc == SQLITE_DONE)
    return LUM_STMT_DONE;
  set_error_from_code (stmt->db, rc, error);
  return LUM_STMT_ERROR;
}

void
lum_stmt_reset (LumStmt *stmt)
{
  if (G_UNLIKELY (stmt->pg != NULL))
    lum_pg_stmt_reset (stmt->pg);
  else
    sqlite3_reset (stmt->handle);
}

/* PostgreSQL's text form of a value as an integer: a boolean is t or f */
static gint64
pg_int64 (LumStmt *stmt,
          int      col)
{
  const char *value = lum_pg_stmt_value (stmt->pg, col);

  if (value == NULL)
    return 0;
  if (value[0] == 't')
    return 1;
  if (value[0] == 'f')
    return 0;
  if (strchr (value, '.') != NULL)
    return (gint64)g_ascii_strtod (value, NULL);
  return g_ascii_strtoll (value, NULL, 10);
}

gint64
lum_stmt_column_int64 (LumStmt *stmt,
                       int      col)
{
  if (G_UNLIKELY (stmt->pg != NULL))
    return pg_int64 (stmt, col);
  return sqlite3_column_int64 (stmt->handle, col);
}

int
lum_stmt_column_int (LumStmt *stmt,
                     int      col)
{
  if (G_UNLIKELY (stmt->pg != NULL))
    return (int)pg_int64 (stmt, col);
  return sqlite3_column_int (stmt->handle, col);
}

double
lum_stmt_column_double (LumStmt *stmt,
                        int      col)
{
  if (G_UNLIKELY (stmt->pg != NULL))
    {
      const char *value = lum_pg_stmt_value (stmt->pg, col);

      return value != NULL ? g_ascii_strtod (value, NULL) : 0.0;
    }
  return sqlite3_column_double (stmt->handle, col);
}

const char *
lum_stmt_column_text (LumStmt *stmt,
                      int      col)
{
  if (G_UNLIKELY (stmt->pg != NULL))
    return lum_pg_stmt_value (stmt->pg, col);
  return (const char *)sqlite3_column_text (stmt->handle, col);
}

gboolean
lum_stmt_column_is_null (LumStmt *stmt,
                         int      col)
{
  if (G_UNLIKELY (stmt->pg != NULL))
    return lum_pg_stmt_value (stmt->pg, col) == NULL;
  return sqlite3_column_type (stmt->handle, col) == SQLITE_NULL;
}

int
lum_stmt_column_count (LumStmt *stmt)
{
  if (stmt->pg != NULL)
    return lum_pg_stmt_n_columns (stmt->pg);
  return sqlite3_column_count (stmt->handle);
}

const char *
lum_stmt_column_name (LumStmt *stmt,
                      int      col)
{
  if (stmt->pg != NULL)
    return lum_pg_stmt_column_name (stmt->pg, col);
  return sqlite3_column_name (stmt->handle, col);
}

const char *
lum_stmt_get_sql (LumStmt *stmt)
{
  if (stmt->pg != NULL)
    return lum_pg_stmt_sql (stmt->pg);
  return sqlite3_sql (stmt->handle);
}

char *
lum_db_column_dup_text (LumStmt *stmt,
                        int      col)
{
  return g_strdup (lum_stmt_column_text (stmt, col));
}

const char *
lum_db_column_text (LumStmt *stmt,
                    int      col)
{
  const char *text = lum_stmt_column_text (stmt, col);
  return text != NULL ? text : "";
}

void
lum_db_bind_text_or_null (LumStmt    *stmt,
                          int         idx,
                          const char *text)
{
  if (text == NULL)
    lum_stmt_bind_null (stmt, idx);
  else
    lum_stmt_bind_text (stmt, idx, text);
}

void
lum_db_bind_id_or_null (LumStmt *stmt,
                        int      idx,
                        gint64   id)
{
  if (id <= 0)
    lum_stmt_bind_null (stmt, idx);
  else
    lum_stmt_bind_int64 (stmt, idx, id);
}

/**
 * lum_db_set_waiting:
 * @timeout_ms: how long a statement waits for another process's lock
 * @func: (nullable): called once a wait has lasted half a second, so that
 *   the user learns why nothing happens
 *
 * A writer waits for another Lumen process that holds the write lock (a
 * long import, say) instead of failing; readers never wait in WAL mode.
 */
void
lum_db_set_waiting (LumDb         *self,
                    guint          timeout_ms,
                    LumDbWaitFunc  func,
                    gpointer       user_data)
{
  g_return_if_fail (LUM_IS_DB (self));

  self->busy_timeout_ms = timeout_ms;
  self->wait_func = func;
  self->wait_data = user_data;
  if (self->handle != NULL)
    sqlite3_busy_handler (self->handle, on_busy_cb, self);
}

static gboolean
quick_check (const char  *path,
             GError     **error)
{
  g_autoptr(LumDb) reader = g_object_new (LUM_TYPE_DB, NULL);
  g_autoptr(GString) problems = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* a server checks its own pages */
  if (lum_pg_is_url (path))
    return TRUE;
  reader->path = g_strdup (path);
  rc = sqlite3_open_v2 (path, &reader->handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_handler (reader->handle, on_busy_cb, reader);
      rc = sqlite3_prepare_v2 (reader->handle, "PRAGMA quick_check(3)", -1, &stmt, NULL);
    }
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *)sqlite3_column_text (stmt, 0);

      if (line != NULL && !g_str_equal (line, "ok"))
        g_string_append_printf (problems, "%s%s", problems->len ? "; " : "", line);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    return set_error_from_code (reader, rc, error);
  if (problems->len > 0)
    {
      /* the check's own words (tree pages, cells, offsets) are for a
       * developer's log, not for the clerk who has to restore the file */
      g_debug ("Quick check of %s: %s", path, problems->str);
      g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_CORRUPT,
                   _("The database “%s” is damaged (%s). Restore it from a backup, or save what can still be read with “sqlite3 %s .recover | sqlite3 recovered.db” and open recovered.db."),
                   path, sqlite3_errstr (SQLITE_CORRUPT), path);
      return FALSE;
    }
  return TRUE;
}

static void
quick_check_thread (GTask        *task,
                    gpointer      source,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GError *error = NULL;

  if (quick_check (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * lum_db_quick_check:
 *
 * Runs SQLite's quick check over the whole file, on a connection of its
 * own: a damaged page is otherwise noticed only when a statement reads it,
 * and writes before that succeed. Reads every page: in a thread where a
 * window waits (lum_db_quick_check_async()).
 */
gboolean
lum_db_quick_check (LumDb   *self,
                    GError **error)
{
  g_return_val_if_fail (LUM_IS_DB (self), FALSE);
  return quick_check (self->path, error);
}

void
lum_db_quick_check_async (LumDb               *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LUM_IS_DB (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lum_db_quick_check_async);
  g_task_set_task_data (task, g_strdup (self->path), g_free);
  g_task_run_in_thread (task, quick_check_thread);
}

gboolean
lum_db_quick_check_finish (LumDb         *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lum_db_quick_check_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

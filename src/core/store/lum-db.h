/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * LumDbError:
 * @LUM_DB_ERROR_OPEN: the database file could not be opened or created
 * @LUM_DB_ERROR_BUSY: another process held the database for longer than the busy timeout
 * @LUM_DB_ERROR_SQL: a statement failed (constraint, I/O, corruption)
 * @LUM_DB_ERROR_MIGRATION: the schema could not be brought up to date
 * @LUM_DB_ERROR_TOO_NEW: the database was written by a newer Lumen
 * @LUM_DB_ERROR_INJECTED: a failure injected by a test
 * @LUM_DB_ERROR_NOT_FOUND: no row has the name or id asked for
 * @LUM_DB_ERROR_UNKNOWN_VERSION: the schema version is one no Lumen writes
 * @LUM_DB_ERROR_FULL: the disk that holds the database is full
 * @LUM_DB_ERROR_CORRUPT: the file is damaged or not a database
 */
typedef enum
{
  LUM_DB_ERROR_OPEN,
  LUM_DB_ERROR_BUSY,
  LUM_DB_ERROR_SQL,
  LUM_DB_ERROR_MIGRATION,
  LUM_DB_ERROR_TOO_NEW,
  LUM_DB_ERROR_INJECTED,
  LUM_DB_ERROR_NOT_FOUND,
  LUM_DB_ERROR_UNKNOWN_VERSION,
  LUM_DB_ERROR_FULL,
  LUM_DB_ERROR_CORRUPT,
} LumDbError;

#define LUM_DB_ERROR (lum_db_error_quark ())
GQuark lum_db_error_quark (void);

#define LUM_TYPE_DB (lum_db_get_type ())
G_DECLARE_FINAL_TYPE (LumDb, lum_db, LUM, DB, GObject)

/**
 * LumStmt:
 *
 * A prepared statement of either back end, owned by its #LumDb's cache:
 * never freed by the caller. Parameters are numbered from 1, written `?`
 * in the SQL; columns from 0.
 */
typedef struct _LumStmt LumStmt;

/**
 * LumStmtResult:
 * @LUM_STMT_ERROR: the step failed; the #GError says why
 * @LUM_STMT_DONE: no (more) rows
 * @LUM_STMT_ROW: a row is ready for lum_stmt_column_*()
 */
typedef enum
{
  LUM_STMT_ERROR = -1,
  LUM_STMT_DONE = 0,
  LUM_STMT_ROW = 1,
} LumStmtResult;

typedef void (*LumDbWaitFunc) (LumDb    *db,
                               gpointer  user_data);

LumDb        *lum_db_open               (const char    *path,
                                         GError       **error);
LumDb        *lum_db_open_read_only     (const char    *path,
                                         GError       **error);
void          lum_db_set_waiting        (LumDb         *self,
                                         guint          timeout_ms,
                                         LumDbWaitFunc  func,
                                         gpointer       user_data);
gboolean      lum_db_quick_check        (LumDb         *self,
                                         GError       **error);
void          lum_db_quick_check_async  (LumDb               *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean      lum_db_quick_check_finish (LumDb         *self,
                                         GAsyncResult  *result,
                                         GError       **error);
const char   *lum_db_get_path           (LumDb         *self);
const char   *lum_db_get_id             (LumDb         *self);
int           lum_db_get_schema_version (LumDb         *self);

/* Statements come from a cache keyed by their SQL text; the returned
 * statement is reset and has its bindings cleared. Do not finalize it. */
LumStmt      *lum_db_prepare            (LumDb         *self,
                                         const char    *sql,
                                         GError       **error);
LumStmt      *lum_db_prepare_static     (LumDb         *self,
                                         const char    *sql,
                                         GError       **error);
gboolean      lum_db_exec               (LumDb         *self,
                                         const char    *sql,
                                         GError       **error);
gboolean      lum_db_step_done          (LumDb         *self,
                                         LumStmt       *stmt,
                                         GError       **error);
gint64        lum_db_last_insert_id     (LumDb         *self);
int           lum_db_changes            (LumDb         *self);
gboolean      lum_db_set_error          (LumDb         *self,
                                         GError       **error);

/* Transactions nest: the outermost is BEGIN IMMEDIATE, inner ones are
 * savepoints, so a flow rule can call store functions that open their own. */
gpointer      lum_db_memo_lookup        (LumDb         *self,
                                         const char    *key);
void          lum_db_memo_insert        (LumDb         *self,
                                         const char    *key,
                                         gpointer       object);
gboolean      lum_db_begin              (LumDb         *self,
                                         GError       **error);
gboolean      lum_db_commit             (LumDb         *self,
                                         GError       **error);
void          lum_db_rollback           (LumDb         *self);
gboolean      lum_db_in_transaction     (LumDb         *self);

/* Returns a number that changes when another connection commits. */
gint64        lum_db_data_version       (LumDb         *self);

/* For tests: make the next check point named @point fail. */
void          lum_db_inject_failure     (LumDb         *self,
                                         const char    *point);
gboolean      lum_db_check_point        (LumDb         *self,
                                         const char    *point,
                                         GError       **error);

/* Statements. A text bound with lum_stmt_bind_text() is copied; one bound
 * with lum_stmt_bind_static_text() must outlive the step (a literal, an
 * enum nick). A NULL text binds NULL. */
void          lum_stmt_bind_text        (LumStmt       *stmt,
                                         int            idx,
                                         const char    *text);
void          lum_stmt_bind_static_text (LumStmt       *stmt,
                                         int            idx,
                                         const char    *text);
void          lum_stmt_bind_int64       (LumStmt       *stmt,
                                         int            idx,
                                         gint64         value);
void          lum_stmt_bind_int         (LumStmt       *stmt,
                                         int            idx,
                                         int            value);
void          lum_stmt_bind_double      (LumStmt       *stmt,
                                         int            idx,
                                         double         value);
void          lum_stmt_bind_null        (LumStmt       *stmt,
                                         int            idx);
LumStmtResult lum_stmt_step             (LumStmt       *stmt,
                                         GError       **error);
void          lum_stmt_reset            (LumStmt       *stmt);
gint64        lum_stmt_column_int64     (LumStmt       *stmt,
                                         int            col);
int           lum_stmt_column_int       (LumStmt       *stmt,
                                         int            col);
double        lum_stmt_column_double    (LumStmt       *stmt,
                                         int            col);
/* (nullable): NULL for SQL NULL; valid until the next step or reset */
const char   *lum_stmt_column_text      (LumStmt       *stmt,
                                         int            col);
gboolean      lum_stmt_column_is_null   (LumStmt       *stmt,
                                         int            col);
int           lum_stmt_column_count     (LumStmt       *stmt);
const char   *lum_stmt_column_name      (LumStmt       *stmt,
                                         int            col);
const char   *lum_stmt_get_sql          (LumStmt       *stmt);

/* Column helpers */
char         *lum_db_column_dup_text    (LumStmt       *stmt,
                                         int            col);
const char   *lum_db_column_text        (LumStmt       *stmt,
                                         int            col);
void          lum_db_bind_text_or_null  (LumStmt       *stmt,
                                         int            idx,
                                         const char    *text);
void          lum_db_bind_id_or_null    (LumStmt       *stmt,
                                         int            idx,
                                         gint64         id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LumStmt, lum_stmt_reset)

G_END_DECLS

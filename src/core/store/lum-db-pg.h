/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The PostgreSQL back end of LumDb (libpq), private to lum-db.c: the
 * store speaks LumStmt (lum-db.h) and never sees which back end runs. */

#include "lum-db.h"

G_BEGIN_DECLS

typedef struct _LumPg     LumPg;
typedef struct _LumPgStmt LumPgStmt;

gboolean      lum_pg_is_url              (const char   *path);
char         *lum_pg_redact_url          (const char   *url);
char         *lum_pg_effective_url       (const char   *url,
                                          gboolean     *out_warn);
gboolean      lum_pg_is_local_host       (const char   *host);
LumPg        *lum_pg_connect             (const char   *url,
                                          const char   *name,
                                          const char   *password,
                                          GError      **error);
void          lum_pg_free                (LumPg        *pg);
gboolean      lum_pg_exec                (LumPg        *pg,
                                          const char   *sql,
                                          GError      **error);
LumPgStmt    *lum_pg_prepare             (LumPg        *pg,
                                          const char   *sql,
                                          GError      **error);
void          lum_pg_stmt_free           (LumPgStmt    *stmt);
void          lum_pg_stmt_bind           (LumPgStmt    *stmt,
                                          int           idx,
                                          char         *value,
                                          guint         type);
void          lum_pg_stmt_clear_bindings (LumPgStmt    *stmt);
LumStmtResult lum_pg_stmt_step           (LumPgStmt    *stmt,
                                          GError      **error);
void          lum_pg_stmt_reset          (LumPgStmt    *stmt);
const char   *lum_pg_stmt_value          (LumPgStmt    *stmt,
                                          int           col);
int           lum_pg_stmt_n_columns      (LumPgStmt    *stmt);
const char   *lum_pg_stmt_column_name    (LumPgStmt    *stmt,
                                          int           col);
const char   *lum_pg_stmt_sql            (LumPgStmt    *stmt);
const char   *lum_pg_last_error          (LumPg        *pg);
gint64        lum_pg_last_insert_id      (LumPg        *pg);
int           lum_pg_changes             (LumPg        *pg);
gint64        lum_pg_data_version        (LumPg        *pg);
void          lum_pg_notify_commit       (LumPg        *pg);
gboolean      lum_pg_migrate             (LumPg        *pg,
                                          GError      **error);
int           lum_pg_get_schema_version  (LumPg        *pg);
int           lum_pg_server_version      (LumPg        *pg);

/* exposed for tests */
char         *lum_pg_translate           (const char   *sql,
                                          int          *out_n_params);

G_END_DECLS

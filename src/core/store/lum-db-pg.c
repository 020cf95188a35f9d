/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libpq-fe.h>
#include <string.h>

#include "lum-db-pg.h"
#include "lum-db-server.h"
#include "lum-schema.h"

/* any number, the same in every Lumen: two processes opening one new
 * database migrate it one after the other */
#define MIGRATION_LOCK 7342015
#define CHANNEL "lumen_change"

struct _LumPg
{
  PGconn     *conn;
  char       *name;            /* the URL without its password, for messages */
  guint       n_prepared;
  GHashTable *identity_tables; /* tables with an id column filled by the database */
  gint64      last_insert_id;
  int         changes;
  gint64      data_version;    /* commits of other connections seen */
  gboolean    dirty;           /* the open transaction wrote */
  char       *last_error;      /* for lum_db_set_error() */
};

struct _LumPgStmt
{
  LumPg     *pg;
  char      *sql;              /* as the store wrote it */
  char      *name;             /* of the prepared statement */
  int        n_params;
  char     **values;           /* n_params, owned, NULL for SQL NULL */
  Oid       *types;            /* n_params: of the values first bound, 0 for the server to infer */
  char      *text;             /* translated, prepared at the first step */
  gboolean   prepared;
  PGresult  *result;
  int        row;
  gboolean   is_write;
  gboolean   returns_id;       /* RETURNING id added by the translation: rows hidden */
};

static char *
trimmed_message (const char *message)
{
  return g_strstrip (g_strdup (message != NULL ? message : ""));
}

static gboolean
set_error_from_result (LumPg     *pg,
                       PGresult  *result,
                       GError   **error)
{
  const char *state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  g_autofree char *message = trimmed_message (result != NULL ? PQresultErrorMessage (result)
                                                               : PQerrorMessage (pg->conn));

  g_free (pg->last_error);
  pg->last_error = g_strdup (message);
  g_debug ("PostgreSQL: %s", message);

  if (state != NULL && (g_str_equal (state, "40P01") || g_str_equal (state, "40001") ||
                        g_str_equal (state, "55P03")))
    g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_BUSY,
                 _("The database “%s” is busy: another Lumen kept the same rows locked (%s). Try again."),
                 pg->name, message);
  else if (state != NULL && g_str_equal (state, "53100"))
    g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_FULL,
                 _("The disk that holds the database “%s” is full: nothing of this change was saved."),
                 pg->name);
  else
    g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_SQL,
                 _("Database error in “%s”: %s"), pg->name, message);
  return FALSE;
}

gboolean
lum_pg_is_url (const char *path)
{
  return path != NULL && (g_str_has_prefix (path, "postgresql://") || g_str_has_prefix (path, "postgres://"));
}

static const char *
option (PQconninfoOption *options,
        const char       *keyword)
{
  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, keyword))
      return o->val;
  return NULL;
}

/* The URL as it may be shown and logged: never its password, and
 * everything else, so that another connection can be opened with it. */
char *
lum_pg_redact_url (const char *url)
{
  static const char *query_keys[] = { "options", "sslmode", "sslrootcert", "sslcert", "sslkey",
                                      "target_session_attrs", "connect_timeout", "application_name", NULL };
  PQconninfoOption *options = PQconninfoParse (url, NULL);
  g_autoptr(GString) name = g_string_new ("postgresql://");
  const char *user, *host, *port, *dbname;
  char separator = '?';

  if (options == NULL)
    return g_strdup ("postgresql://(unreadable address)");
  user = option (options, "user");
  host = option (options, "host");
  port = option (options, "port");
  dbname = option (options, "dbname");
  if (user != NULL)
    {
      g_string_append_uri_escaped (name, user, NULL, FALSE);
      g_string_append_c (name, '@');
    }
  if (host != NULL)
    g_string_append_uri_escaped (name, host, NULL, FALSE);
  if (port != NULL)
    g_string_append_printf (name, ":%s", port);
  g_string_append_c (name, '/');
  if (dbname != NULL)
    g_string_append_uri_escaped (name, dbname, NULL, FALSE);
  for (guint i = 0; query_keys[i] != NULL; i++)
    {
      const char *value = option (options, query_keys[i]);

      if (value == NULL)
        continue;
      g_string_append_printf (name, "%c%s=", separator, query_keys[i]);
      g_string_append_uri_escaped (name, value, NULL, FALSE);
      separator = '&';
    }
  PQconninfoFree (options);
  return g_string_free (g_steal_pointer (&name), FALSE);
}

gboolean
lum_pg_is_local_host (const char *host)
{
  /* no host, or only sockets and loopback addresses */
  g_auto(GStrv) hosts = NULL;

  if (host == NULL || *host == '\0')
    return TRUE;
  hosts = g_strsplit (host, ",", -1);
  for (guint i = 0; hosts[i] != NULL; i++)
    if (hosts[i][0] != '/' && hosts[i][0] != '@' && !g_str_equal (hosts[i], "localhost") &&
        !g_str_equal (hosts[i], "127.0.0.1") && !g_str_equal (hosts[i], "::1"))
      return FALSE;
  return TRUE;
}

/**
 * lum_pg_effective_url:
 * @out_warn: (out): set when the URL lowers TLS for a server elsewhere
 *
 * Returns: @url with `sslmode=verify-full` added when it names a server
 *   on another computer and says nothing of TLS.
 */
char *
lum_pg_effective_url (const char *url,
                      gboolean   *out_warn)
{
  PQconninfoOption *options = PQconninfoParse (url, NULL);
  const char *sslmode;
  char *effective;

  *out_warn = FALSE;
  if (options == NULL || lum_pg_is_local_host (option (options, "host")))
    {
      PQconninfoFree (options);
      return g_strdup (url);
    }
  sslmode = option (options, "sslmode");
  if (sslmode != NULL)
    {
      *out_warn = !g_str_equal (sslmode, "verify-full");
      effective = g_strdup (url);
    }
  else
    effective = g_strconcat (url, strchr (url, '?') ? "&" : "?", "sslmode=verify-full", NULL);
  PQconninfoFree (options);
  return effective;
}

static PGresult *
exec_result (LumPg       *pg,
             const char  *sql,
             GError     **error)
{
  PGresult *result = PQexec (pg->conn, sql);
  ExecStatusType status = PQresultStatus (result);

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      set_error_from_result (pg, result, error);
      PQclear (result);
      return NULL;
    }
  return result;
}

gboolean
lum_pg_exec (LumPg       *pg,
             const char  *sql,
             GError     **error)
{
  g_autofree char *translated = lum_pg_translate (sql, NULL);
  PGresult *result = exec_result (pg, translated, error);

  if (result == NULL)
    return FALSE;
  PQclear (result);
  return TRUE;
}

static void
load_identity_tables (LumPg *pg)
{
  PGresult *result = exec_result (pg,
                                  "SELECT c.relname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                                  " WHERE a.attname = 'id' AND a.attidentity <> ''"
                                  " AND c.relnamespace = current_schema ()::regnamespace", NULL);

  g_hash_table_remove_all (pg->identity_tables);
  for (int i = 0; result != NULL && i < PQntuples (result); i++)
    g_hash_table_add (pg->identity_tables, g_strdup (PQgetvalue (result, i, 0)));
  PQclear (result);
}

/* libpq's reason without its "connection to server at … failed:" and
 * on one line: the name of the database comes first in our message. */
static char *
plain_reason (const char *message)
{
  g_autofree char *trimmed = trimmed_message (message);
  const char *reason = trimmed;
  const char *failed;
  g_auto(GStrv) lines = NULL;

  if (g_str_has_prefix (reason, "connection to server") && (failed = strstr (reason, " failed: ")) != NULL)
    reason = failed + strlen (" failed: ");
  lines = g_strsplit_set (reason, "\n\t", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_strstrip (lines[i]);
  return g_strjoinv (" ", lines);
}

static PGconn *
open_conn (const char *effective,
           const char *password)
{
  const char *keywords[] = { "dbname", "application_name", "client_encoding", "password", NULL };
  const char *values[] = { effective, "lumen", "UTF8", password, NULL };

  return PQconnectdbParams (keywords, values, TRUE);
}

/**
 * lum_pg_connect:
 * @password: (nullable): the user's password; %NULL for the keyring's,
 *   asked only when the server wants one that libpq (the URL, ~/.pgpass)
 *   did not have
 *
 * The password is handed to libpq apart from the URL: it is never in
 * @name, a message or a log.
 */
LumPg *
lum_pg_connect (const char  *url,
                const char  *name,
                const char  *password,
                GError     **error)
{
  LumPg *pg;
  gboolean warn;
  g_autofree char *effective = lum_pg_effective_url (url, &warn);

  if (warn)
    g_warning ("The database server of %s is reached without a verified certificate (the address sets sslmode): "
               "others on the network may read or change what Lumen sends", name);

  pg = g_new0 (LumPg, 1);
  pg->name = g_strdup (name);
  pg->identity_tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  pg->conn = open_conn (effective, password);
  if (PQstatus (pg->conn) != CONNECTION_OK && password == NULL && PQconnectionNeedsPassword (pg->conn))
    {
      g_autoptr(LumDbServer) server = lum_db_server_new_from_url (url, NULL);
      g_autofree char *stored = lum_db_server_lookup_password (url, error);

      if (stored == NULL)
        {
          if (error == NULL || *error == NULL)
            g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_OPEN,
                         _("The database server %s asks for the password of the user “%s”, and the keyring holds "
                           "none for it. Save it in Preferences › Database, or with "
                           "“lumenctl database password --db %s”."),
                         server ? server->host : "", server ? server->user : "", name);
          lum_pg_free (pg);
          return NULL;
        }
      PQfinish (pg->conn);
      pg->conn = open_conn (effective, stored);
      memset (stored, 0, strlen (stored));
    }
  if (PQstatus (pg->conn) != CONNECTION_OK)
    {
      g_autofree char *message = plain_reason (PQerrorMessage (pg->conn));

      g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_OPEN,
                   _("Could not connect to the database “%s”: %s"), name, message);
      lum_pg_free (pg);
      return NULL;
    }
  if (!lum_pg_exec (pg, "SET client_min_messages = warning; LISTEN " CHANNEL, error))
    {
      lum_pg_free (pg);
      return NULL;
    }
  return pg;
}

int
lum_pg_server_version (LumPg *pg)
{
  return PQserverVersion (pg->conn);
}

void
lum_pg_free (LumPg *pg)
{
  if (pg == NULL)
    return;
  g_clear_pointer (&pg->conn, PQfinish);
  g_clear_pointer (&pg->identity_tables, g_hash_table_unref);
  g_free (pg->name);
  g_free (pg->last_error);
  g_free (pg);
}

/* -- SQL of the store, in PostgreSQL's words --------------------------------- */

static void
replace_all (GString    *sql,
             const char *from,
             const char *to)
{
  g_string_replace (sql, from, to, 0);
}

static void
regex_replace (GString    *sql,
               const char *pattern,
               const char *replacement)
{
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_CASELESS, 0, NULL);
  g_autofree char *out = g_regex_replace (regex, sql->str, -1, 0, replacement, 0, NULL);

  g_string_assign (sql, out);
}

/* Placeholders `?` and `?N` become `$N` (a bare `?` is one more than the
 * highest so far, as in SQLite); quoted text is left alone. */
static GString *
number_placeholders (const char  *sql,
                     int         *out_n_params,
                     guint64     *out_used)
{
  GString *out = g_string_sized_new (strlen (sql) + 16);
  guint64 used = 0;
  int highest = 0;
  char quote = 0;

  for (const char *p = sql; *p != '\0'; p++)
    {
      if (quote != 0)
        {
          if (*p == quote)
            quote = 0;
          g_string_append_c (out, *p);
        }
      else if (*p == '\'' || *p == '"')
        {
          quote = *p;
          g_string_append_c (out, *p);
        }
      else if (*p == '?')
        {
          int n;

          if (g_ascii_isdigit (p[1]))
            {
              char *end;

              n = (int)strtol (p + 1, &end, 10);
              p = end - 1;
            }
          else
            n = highest + 1;
          highest = MAX (highest, n);
          if (n <= 64)
            used |= G_GUINT64_CONSTANT (1) << (n - 1);
          g_string_append_printf (out, "$%d", n);
        }
      else
        g_string_append_c (out, *p);
    }
  if (out_n_params != NULL)
    *out_n_params = highest;
  if (out_used != NULL)
    *out_used = used;
  return out;
}

/**
 * lum_pg_translate:
 * @out_n_params: (out) (optional): the highest parameter number
 *
 * The few places where the store's SQL (written for SQLite) and
 * PostgreSQL differ: placeholders, BEGIN IMMEDIATE, INSERT OR IGNORE,
 * LIKE (case-insensitive in SQLite), json_each, group_concat.
 */
static char *
translate (const char *sql,
           int        *out_n_params,
           guint64    *out_used)
{
  g_autoptr(GString) out = number_placeholders (sql, out_n_params, out_used);

  replace_all (out, "BEGIN IMMEDIATE", "BEGIN");
  if (strstr (out->str, "INSERT OR IGNORE INTO") != NULL)
    {
      const char *returning = strstr (out->str, " RETURNING ");

      replace_all (out, "INSERT OR IGNORE INTO", "INSERT INTO");
      returning = strstr (out->str, " RETURNING ");
      if (returning != NULL)
        g_string_insert (out, returning - out->str, " ON CONFLICT DO NOTHING");
      else
        {
          while (out->len > 0 && (out->str[out->len - 1] == ';' || g_ascii_isspace (out->str[out->len - 1])))
            g_string_truncate (out, out->len - 1);
          g_string_append (out, " ON CONFLICT DO NOTHING");
        }
    }
  regex_replace (out, "\\bLIKE\\b", "ILIKE");
  /* an integer is no boolean in PostgreSQL */
  regex_replace (out, "\\bWHERE 1\\b(?!\\s*[=<>])", "WHERE TRUE");
  regex_replace (out, "\\bcoalesce \\((\\([^()]*\\)), 0\\)", "coalesce (\\1, FALSE)");
  regex_replace (out, "\\bjson_each \\((\\$\\d+)\\)", "json_array_elements_text (\\1::json)");
  regex_replace (out, "\\bgroup_concat \\(", "string_agg (");
  /* SQLite's max and min of two values */
  regex_replace (out, "\\bmax \\(([\\w.]+), (\\$\\d+)\\)", "GREATEST (\\1, \\2)");
  regex_replace (out, "\\bmin \\(([\\w.]+), (\\$\\d+)\\)", "LEAST (\\1, \\2)");
  /* row locks the store asks for in a comment SQLite skips */
  regex_replace (out, "/\\* (FOR UPDATE[A-Z ]*) \\*/", "\\1");
  /* SQLite's unary + that keeps a column from its index is for numbers only here */
  regex_replace (out, "(\\b(?:AND|OR|WHERE|ON) |\\()\\+(\\w+\\.)", "\\1\\2");
  /* an upsert's SET reads the old row by its table's name */
  regex_replace (out, "^(\\s*INSERT INTO (\\w+)\\b.* DO UPDATE SET (\\w+) = )(\\w+ [-+])", "\\1\\2.\\4");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
lum_pg_translate (const char *sql,
                  int        *out_n_params)
{
  return translate (sql, out_n_params, NULL);
}

/* INSERT INTO t … into a table whose id the database fills: the id comes
 * back with RETURNING, for lum_db_last_insert_id(). */
static char *
add_returning_id (LumPg      *pg,
                  const char *sql)
{
  g_autoptr(GRegex) regex = g_regex_new ("^\\s*INSERT INTO (\\w+)", G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *table = NULL;

  if (strstr (sql, "RETURNING") != NULL || !g_regex_match (regex, sql, 0, &match))
    return NULL;
  table = g_match_info_fetch (match, 1);
  if (!g_hash_table_contains (pg->identity_tables, table))
    return NULL;
  return g_strconcat (sql, " RETURNING id", NULL);
}

LumPgStmt *
lum_pg_prepare (LumPg       *pg,
                const char  *sql,
                GError     **error)
{
  LumPgStmt *stmt = g_new0 (LumPgStmt, 1);
  guint64 used = 0;
  g_autofree char *translated = translate (sql, &stmt->n_params, &used);
  g_autofree char *with_id = add_returning_id (pg, translated);

  stmt->types = g_new0 (Oid, MAX (stmt->n_params, 1));
  /* a number the SQL skips (?1…?4, ?6) is bound all the same: text */
  for (int i = 0; i < stmt->n_params && i < 64; i++)
    if ((used & (G_GUINT64_CONSTANT (1) << i)) == 0)
      stmt->types[i] = 25;

  stmt->pg = pg;
  stmt->sql = g_strdup (sql);
  stmt->name = g_strdup_printf ("lum_%u", ++pg->n_prepared);
  stmt->values = g_new0 (char *, MAX (stmt->n_params, 1));
  stmt->row = -1;
  stmt->returns_id = with_id != NULL;
  {
    const char *p = sql;

    while (g_ascii_isspace (*p))
      p++;
    stmt->is_write = g_ascii_strncasecmp (p, "INSERT", 6) == 0 || g_ascii_strncasecmp (p, "UPDATE", 6) == 0 ||
                     g_ascii_strncasecmp (p, "DELETE", 6) == 0;
  }
  stmt->text = g_strdup (with_id ? with_id : translated);
  return stmt;
}

/* The type of parameter @n from the column it is compared with: an id,
 * or text. */
static Oid
guess_type (const char *sql,
            int         n)
{
  g_autofree char *pattern = g_strdup_printf ("(\\w+) = \\$%d\\b", n);
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *column = NULL;

  if (!g_regex_match (regex, sql, 0, &match))
    return 20;
  column = g_match_info_fetch (match, 1);
  return g_str_has_suffix (column, "id") || g_str_has_suffix (column, "_cents") ? 20 : 25;
}

/* Prepared at the first step, when the types of the values are known: a
 * parameter PostgreSQL cannot place (`?1 IS NULL OR id = ?1` with NULL)
 * is taken for an id, the only kind the store writes so. */
static gboolean
prepare_now (LumPgStmt  *stmt,
             GError    **error)
{
  /* a failed attempt must not end the transaction it is made in */
  gboolean guarded = PQtransactionStatus (stmt->pg->conn) == PQTRANS_INTRANS;

  for (int attempt = 0; attempt <= stmt->n_params; attempt++)
    {
      PGresult *result;
      const char *state;
      const char *at;
      int n;

      if (guarded)
        PQclear (PQexec (stmt->pg->conn, "SAVEPOINT lum_prepare"));
      result = PQprepare (stmt->pg->conn, stmt->name, stmt->text, stmt->n_params, stmt->types);
      state = PQresultErrorField (result, PG_DIAG_SQLSTATE);
      if (guarded)
        PQclear (PQexec (stmt->pg->conn, PQresultStatus (result) == PGRES_COMMAND_OK
                                         ? "RELEASE lum_prepare"
                                         : "ROLLBACK TO lum_prepare; RELEASE lum_prepare"));
      if (PQresultStatus (result) == PGRES_COMMAND_OK)
        {
          PQclear (result);
          stmt->prepared = TRUE;
          return TRUE;
        }
      at = strstr (PQresultErrorMessage (result), "parameter $");
      n = at != NULL ? atoi (at + strlen ("parameter $")) : 0;
      if ((g_strcmp0 (state, "42P18") == 0 || g_strcmp0 (state, "42P08") == 0) && n >= 1 && n <= stmt->n_params && stmt->types[n - 1] == 0)
        {
          stmt->types[n - 1] = guess_type (stmt->text, n);
          g_debug ("PostgreSQL: parameter $%d taken for type %u", n, stmt->types[n - 1]);
          PQclear (result);
          continue;
        }
      set_error_from_result (stmt->pg, result, error);
      g_debug ("Could not prepare for PostgreSQL: %s", stmt->text);
      PQclear (result);
      return FALSE;
    }
  return FALSE;
}

void
lum_pg_stmt_clear_bindings (LumPgStmt *stmt)
{
  for (int i = 0; i < stmt->n_params; i++)
    g_clear_pointer (&stmt->values[i], g_free);
}

void
lum_pg_stmt_free (LumPgStmt *stmt)
{
  /* only when the connection closes: its prepared statements go with it */
  lum_pg_stmt_reset (stmt);
  lum_pg_stmt_clear_bindings (stmt);
  g_free (stmt->values);
  g_free (stmt->types);
  g_free (stmt->text);
  g_free (stmt->name);
  g_free (stmt->sql);
  g_free (stmt);
}

/* takes @value */
void
lum_pg_stmt_bind (LumPgStmt *stmt,
                  int        idx,
                  char      *value,
                  guint      type)
{
  if (idx < 1 || idx > stmt->n_params)
    {
      g_free (value);
      return;
    }
  g_free (stmt->values[idx - 1]);
  stmt->values[idx - 1] = value;
  if (!stmt->prepared && stmt->types[idx - 1] == 0)
    stmt->types[idx - 1] = type;
}

LumStmtResult
lum_pg_stmt_step (LumPgStmt  *stmt,
                  GError    **error)
{
  LumPg *pg = stmt->pg;

  if (stmt->result == NULL)
    {
      ExecStatusType status;

      if (!stmt->prepared && !prepare_now (stmt, error))
        return LUM_STMT_ERROR;
      stmt->result = PQexecPrepared (pg->conn, stmt->name, stmt->n_params,
                                     (const char * const *)stmt->values, NULL, NULL, 0);
      status = PQresultStatus (stmt->result);
      if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        {
          set_error_from_result (pg, stmt->result, error);
          g_clear_pointer (&stmt->result, PQclear);
          return LUM_STMT_ERROR;
        }
      stmt->row = -1;
      if (stmt->is_write)
        {
          pg->changes = atoi (PQcmdTuples (stmt->result));
          if (pg->changes > 0)
            {
              if (PQtransactionStatus (pg->conn) == PQTRANS_IDLE)
                PQclear (PQexec (pg->conn, "NOTIFY " CHANNEL));
              else
                pg->dirty = TRUE;
            }
        }
      if (stmt->returns_id)
        {
          int n = PQntuples (stmt->result);

          if (n > 0)
            pg->last_insert_id = g_ascii_strtoll (PQgetvalue (stmt->result, n - 1, 0), NULL, 10);
          return LUM_STMT_DONE;
        }
    }
  else if (stmt->returns_id)
    return LUM_STMT_DONE;

  if (stmt->row + 1 < PQntuples (stmt->result))
    {
      stmt->row++;
      return LUM_STMT_ROW;
    }
  stmt->row = PQntuples (stmt->result);
  return LUM_STMT_DONE;
}

void
lum_pg_stmt_reset (LumPgStmt *stmt)
{
  g_clear_pointer (&stmt->result, PQclear);
  stmt->row = -1;
}

const char *
lum_pg_stmt_value (LumPgStmt *stmt,
                   int        col)
{
  if (stmt->result == NULL || stmt->row < 0 || stmt->row >= PQntuples (stmt->result) ||
      col < 0 || col >= PQnfields (stmt->result) || PQgetisnull (stmt->result, stmt->row, col))
    return NULL;
  return PQgetvalue (stmt->result, stmt->row, col);
}

int
lum_pg_stmt_n_columns (LumPgStmt *stmt)
{
  if (stmt->result == NULL && stmt->prepared)
    {
      PGresult *described = PQdescribePrepared (stmt->pg->conn, stmt->name);
      int n = PQnfields (described);

      PQclear (described);
      return n;
    }
  return PQnfields (stmt->result);
}

const char *
lum_pg_stmt_column_name (LumPgStmt *stmt,
                         int        col)
{
  return stmt->result != NULL ? PQfname (stmt->result, col) : NULL;
}

const char *
lum_pg_stmt_sql (LumPgStmt *stmt)
{
  return stmt->sql;
}

const char *
lum_pg_last_error (LumPg *pg)
{
  return pg->last_error != NULL ? pg->last_error : "";
}

gint64
lum_pg_last_insert_id (LumPg *pg)
{
  return pg->last_insert_id;
}

int
lum_pg_changes (LumPg *pg)
{
  return pg->changes;
}

/* Before the outermost COMMIT: a transaction that wrote tells the other
 * connections (LISTEN/NOTIFY delivers it when it commits). */
void
lum_pg_notify_commit (LumPg *pg)
{
  if (pg->dirty)
    PQclear (PQexec (pg->conn, "NOTIFY " CHANNEL));
  pg->dirty = FALSE;
}

/* What SQLite's data_version is: a number that changes when another
 * connection commits, here counted from the notifications of the others. */
gint64
lum_pg_data_version (LumPg *pg)
{
  PGnotify *notify;
  int own = PQbackendPID (pg->conn);

  PQconsumeInput (pg->conn);
  while ((notify = PQnotifies (pg->conn)) != NULL)
    {
      if (notify->be_pid != own)
        pg->data_version++;
      PQfreemem (notify);
    }
  return pg->data_version;
}

/* -- schema ------------------------------------------------------------------- */

static int
read_version (LumPg   *pg,
              GError **error)
{
  PGresult *result = exec_result (pg, "SELECT coalesce (max (version), 0) FROM lumen_schema", error);
  int version;

  if (result == NULL)
    return -1;
  version = atoi (PQgetvalue (result, 0, 0));
  PQclear (result);
  return version;
}

int
lum_pg_get_schema_version (LumPg *pg)
{
  return read_version (pg, NULL);
}

/* The schema version lives in a table of its own (PostgreSQL has no
 * user_version); one process migrates at a time, under an advisory lock
 * held by the migration's transaction. */
gboolean
lum_pg_migrate (LumPg   *pg,
                GError **error)
{
  int latest = lum_schema_get_n_migrations ();
  int version;

  if (!lum_pg_exec (pg, "BEGIN; SELECT pg_advisory_xact_lock (" G_STRINGIFY (MIGRATION_LOCK) ");"
                    " CREATE TABLE IF NOT EXISTS lumen_schema (version INTEGER NOT NULL)", error))
    goto failed;
  version = read_version (pg, error);
  if (version < 0)
    goto failed;
  if (version > latest)
    {
      g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_TOO_NEW,
                   _("The database “%s” has schema version %d, but this Lumen knows only up to %d. Use a newer Lumen."),
                   pg->name, version, latest);
      goto failed;
    }
  for (int v = version + 1; v <= latest; v++)
    {
      g_autofree char *ddl = lum_schema_get_migration_for_postgresql (v);
      g_autofree char *set_version = g_strdup_printf ("DELETE FROM lumen_schema; INSERT INTO lumen_schema VALUES (%d)", v);
      g_autoptr(GError) local_error = NULL;
      PGresult *result;

      result = PQexec (pg->conn, ddl);
      if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK &&
          PQresultStatus (result) != PGRES_EMPTY_QUERY)
        {
          set_error_from_result (pg, result, &local_error);
          PQclear (result);
          g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_MIGRATION,
                       _("Could not update the database “%s” to schema version %d: %s"),
                       pg->name, v, local_error->message);
          goto failed;
        }
      PQclear (result);
      if (!lum_pg_exec (pg, set_version, error))
        goto failed;
    }
  if (!lum_pg_exec (pg, "COMMIT", error))
    goto failed;
  load_identity_tables (pg);
  return TRUE;

failed:
  PQclear (PQexec (pg->conn, "ROLLBACK"));
  return FALSE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libpq-fe.h>
#include <string.h>

#include "lum-db-pg.h"
#include "lum-db-server.h"
#include "lum-secrets.h"

static char *
option_dup (PQconninfoOption *options,
            const char       *keyword,
            const char       *env,
            const char       *fallback)
{
  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, keyword) && o->val != NULL && *o->val != '\0')
      return g_strdup (o->val);
  if (env != NULL && g_getenv (env) != NULL && *g_getenv (env) != '\0')
    return g_strdup (g_getenv (env));
  return g_strdup (fallback);
}

/**
 * lum_db_server_new_from_url:
 *
 * Reads a postgresql:// URL, with libpq's defaults for what it leaves out
 * (the local server, port 5432, the system user, a database named after
 * the user), so that one server is one key in the keyring however written.
 */
LumDbServer *
lum_db_server_new_from_url (const char  *url,
                            GError     **error)
{
  char *message = NULL;
  PQconninfoOption *options;
  LumDbServer *server;

  if (!lum_pg_is_url (url))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not the address of a database server (it starts with postgresql://)"),
                   url ? url : "");
      return NULL;
    }
  options = PQconninfoParse (url, &message);
  if (options == NULL)
    {
      g_autofree char *redacted = lum_pg_redact_url (url);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The database address “%s” cannot be read"), redacted);
      PQfreemem (message);
      return NULL;
    }
  server = g_new0 (LumDbServer, 1);
  server->host = option_dup (options, "host", "PGHOST", "localhost");
  server->port = option_dup (options, "port", "PGPORT", "5432");
  server->user = option_dup (options, "user", "PGUSER", g_get_user_name ());
  server->dbname = option_dup (options, "dbname", "PGDATABASE", server->user);
  server->sslmode = option_dup (options, "sslmode", NULL, NULL);
  PQconninfoFree (options);
  return server;
}

void
lum_db_server_free (LumDbServer *server)
{
  if (server == NULL)
    return;
  g_free (server->host);
  g_free (server->port);
  g_free (server->dbname);
  g_free (server->user);
  g_free (server->sslmode);
  g_free (server);
}

gboolean
lum_db_server_is_local (LumDbServer *server)
{
  return lum_pg_is_local_host (server->host);
}

/**
 * lum_db_server_to_url:
 *
 * Returns: the URL of @server, which never holds a password
 */
char *
lum_db_server_to_url (LumDbServer *server)
{
  g_autoptr(GString) url = g_string_new ("postgresql://");
  gboolean socket = server->host != NULL && server->host[0] == '/';

  if (server->user != NULL && *server->user != '\0')
    {
      g_string_append_uri_escaped (url, server->user, NULL, FALSE);
      g_string_append_c (url, '@');
    }
  if (!socket && server->host != NULL)
    g_string_append_uri_escaped (url, server->host, G_URI_RESERVED_CHARS_SUBCOMPONENT_DELIMITERS ":[]", FALSE);
  if (server->port != NULL && *server->port != '\0' && !g_str_equal (server->port, "5432"))
    g_string_append_printf (url, ":%s", server->port);
  g_string_append_c (url, '/');
  if (server->dbname != NULL)
    g_string_append_uri_escaped (url, server->dbname, NULL, FALSE);
  if (socket)
    {
      g_string_append (url, "?host=");
      g_string_append_uri_escaped (url, server->host, "/", FALSE);
    }
  if (server->sslmode != NULL && *server->sslmode != '\0')
    g_string_append_printf (url, "%csslmode=%s", socket ? '&' : '?', server->sslmode);
  return g_string_free (g_steal_pointer (&url), FALSE);
}

gboolean
lum_db_server_store_password (const char  *url,
                              const char  *password,
                              GError     **error)
{
  g_autoptr(LumDbServer) server = lum_db_server_new_from_url (url, error);

  if (server == NULL)
    return FALSE;
  return lum_secrets_store_database_password (server->host, server->port, server->dbname, server->user,
                                              password, error);
}

/**
 * lum_db_server_lookup_password:
 *
 * Returns: (nullable): the keyring's password for the URL's server,
 *   database and user; %NULL when it has none (no error) or failed
 */
char *
lum_db_server_lookup_password (const char  *url,
                               GError     **error)
{
  g_autoptr(LumDbServer) server = lum_db_server_new_from_url (url, error);

  if (server == NULL)
    return NULL;
  return lum_secrets_lookup_database_password (server->host, server->port, server->dbname, server->user, error);
}

/**
 * lum_db_server_test:
 * @password: (nullable): the password to try; %NULL for the keyring's
 *
 * Connects once, without migrating anything.
 *
 * Returns: what was reached, in words: “Connected to lumen on
 *   db.example.com as ana (PostgreSQL 15)”
 */
char *
lum_db_server_test (const char  *url,
                    const char  *password,
                    GError     **error)
{
  g_autoptr(LumDbServer) server = lum_db_server_new_from_url (url, error);
  g_autofree char *name = NULL;
  LumPg *pg;
  int version;

  if (server == NULL)
    return NULL;
  name = lum_pg_redact_url (url);
  pg = lum_pg_connect (url, name, password != NULL && *password != '\0' ? password : NULL, error);
  if (pg == NULL)
    return NULL;
  version = lum_pg_server_version (pg);
  lum_pg_free (pg);
  return g_strdup_printf (_("Connected to %s on %s as %s (PostgreSQL %d)"), server->dbname, server->host,
                          server->user, version / 10000);
}

typedef struct
{
  char *url;
  char *password;
} TestData;

static void
test_data_free (TestData *data)
{
  g_free (data->url);
  if (data->password != NULL)
    memset (data->password, 0, strlen (data->password));
  g_free (data->password);
  g_free (data);
}

static void
test_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TestData *data = task_data;
  GError *error = NULL;
  char *summary = lum_db_server_test (data->url, data->password, &error);

  if (summary == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, summary, g_free);
}

/* lum_db_server_test() in a thread: libpq blocks until the server answers
 * or its connect timeout passes. */
void
lum_db_server_test_async (const char          *url,
                          const char          *password,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  TestData *data = g_new0 (TestData, 1);

  g_task_set_source_tag (task, lum_db_server_test_async);
  data->url = g_strdup (url);
  data->password = g_strdup (password);
  g_task_set_task_data (task, data, (GDestroyNotify)test_data_free);
  g_task_run_in_thread (task, test_thread);
}

char *
lum_db_server_test_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

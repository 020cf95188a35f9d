/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A database server's password: looked up in the keyring (the session's,
 * .ci/session) when the server asks for one, handed to libpq apart from
 * the URL, and never in a URL, an error or a log. A fake server on a
 * loopback port asks for a clear-text password and keeps what it got. */
#include <string.h>

#include "lum-test-util.h"
#include "store/lum-db.h"
#include "store/lum-db-server.h"

static GString *logged;
static GMutex   log_lock;

static GLogWriterOutput
keep_log (GLogLevelFlags   level,
          const GLogField *fields,
          gsize            n_fields,
          gpointer         user_data)
{
  g_mutex_lock (&log_lock);
  for (gsize i = 0; i < n_fields; i++)
    if (fields[i].length < 0 && g_str_equal (fields[i].key, "MESSAGE"))
      g_string_append_printf (logged, "%s\n", (const char *)fields[i].value);
  g_mutex_unlock (&log_lock);
  /* debug lines are kept, not printed: TAP reads standard output */
  if (level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO))
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

typedef struct
{
  GSocketListener *listener;
  guint16          port;
  GThread         *thread;
  GCancellable    *cancellable;
  char            *password;  /* the last one a client sent */
  guint            n_asked;
} FakeServer;

static gboolean
read_exact (GInputStream *in,
            void         *buffer,
            gsize         size)
{
  gsize n = 0;

  return g_input_stream_read_all (in, buffer, size, &n, NULL, NULL) && n == size;
}

static void
write_message (GOutputStream *out,
               char           type,
               const void    *body,
               gsize          size)
{
  guint32 length = GUINT32_TO_BE (size + 4);

  g_output_stream_write_all (out, &type, 1, NULL, NULL, NULL);
  g_output_stream_write_all (out, &length, 4, NULL, NULL, NULL);
  g_output_stream_write_all (out, body, size, NULL, NULL, NULL);
}

static void
serve_one (FakeServer        *server,
           GSocketConnection *connection)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  static const char failure[] = "SFATAL\0C28P01\0Mpassword authentication failed for user \"ana\"\0";
  guint32 header[2];
  guint32 ask[1] = { GUINT32_TO_BE (3) };  /* AuthenticationCleartextPassword */
  char type;
  guint32 length;
  g_autofree char *body = NULL;

  for (;;)
    {
      g_autofree char *rest = NULL;
      guint32 size, code;

      if (!read_exact (in, header, 8))
        return;
      size = GUINT32_FROM_BE (header[0]);
      code = GUINT32_FROM_BE (header[1]);
      if (code == 80877103 || code == 80877104)  /* SSLRequest, GSSENCRequest: no */
        {
          g_output_stream_write_all (out, "N", 1, NULL, NULL, NULL);
          continue;
        }
      rest = g_malloc (size - 8);
      if (!read_exact (in, rest, size - 8))
        return;
      break;
    }
  write_message (out, 'R', ask, sizeof ask);
  server->n_asked++;
  if (!read_exact (in, &type, 1) || type != 'p' || !read_exact (in, &length, 4))
    return;
  length = GUINT32_FROM_BE (length);
  body = g_malloc0 (length - 3);
  if (!read_exact (in, body, length - 4))
    return;
  g_free (server->password);
  server->password = g_strdup (body);
  write_message (out, 'E', failure, sizeof failure);
}

static gpointer
serve (gpointer data)
{
  FakeServer *server = data;

  for (;;)
    {
      g_autoptr(GSocketConnection) connection = g_socket_listener_accept (server->listener, NULL,
                                                                                   server->cancellable, NULL);

      if (connection == NULL)
        return NULL;
      serve_one (server, connection);
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
    }
}

static FakeServer *
fake_server_start (void)
{
  FakeServer *server = g_new0 (FakeServer, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  server->listener = g_socket_listener_new ();
  server->cancellable = g_cancellable_new ();
  g_socket_listener_add_address (server->listener, address, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                 &bound, &error);
  g_assert_no_error (error);
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  server->thread = g_thread_new ("fake-postgresql", serve, server);
  return server;
}

static void
fake_server_stop (FakeServer *server)
{
  g_cancellable_cancel (server->cancellable);
  g_thread_join (server->thread);
  g_socket_listener_close (server->listener);
  g_object_unref (server->cancellable);
  g_object_unref (server->listener);
  g_free (server->password);
  g_free (server);
}

static char *
fake_url (FakeServer *server,
          const char *dbname)
{
  return g_strdup_printf ("postgresql://ana@127.0.0.1:%u/%s?connect_timeout=5", server->port, dbname);
}

static void
test_missing_password (void)
{
  FakeServer *server = fake_server_start ();
  g_autofree char *dbname = g_strdup_printf ("missing-%u", g_random_int ());
  g_autofree char *url = fake_url (server, dbname);
  g_autoptr(GError) error = NULL;
  g_autoptr(LumDb) db = lum_db_open (url, &error);

  g_assert_null (db);
  g_assert_error (error, LUM_DB_ERROR, LUM_DB_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_nonnull (strstr (error->message, "“ana”"));
  g_assert_nonnull (strstr (error->message, "lumenctl database password"));
  g_assert_cmpuint (server->n_asked, >=, 1);
  g_assert_null (server->password);
  fake_server_stop (server);
}

static void
test_password_from_keyring (void)
{
  FakeServer *server = fake_server_start ();
  g_autofree char *dbname = g_strdup_printf ("kept-%u", g_random_int ());
  g_autofree char *url = fake_url (server, dbname);
  g_autofree char *password = g_strdup_printf ("pw-%u-secret", g_random_int ());
  g_autoptr(GError) error = NULL;
  g_autoptr(LumDb) db = NULL;
  g_autoptr(LumDbServer) parsed = NULL;
  g_autofree char *rebuilt = NULL;

  lum_db_server_store_password (url, password, &error);
  g_assert_no_error (error);

  db = lum_db_open (url, &error);
  g_assert_null (db);
  /* the keyring's password reached the server, and only the server */
  g_assert_cmpstr (server->password, ==, password);
  g_assert_error (error, LUM_DB_ERROR, LUM_DB_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "password authentication failed for user \"ana\""));
  g_assert_null (strstr (error->message, password));
  g_mutex_lock (&log_lock);
  g_assert_null (strstr (logged->str, password));
  g_mutex_unlock (&log_lock);
  g_clear_error (&error);

  parsed = lum_db_server_new_from_url (url, &error);
  g_assert_no_error (error);
  rebuilt = lum_db_server_to_url (parsed);
  g_assert_null (strstr (rebuilt, password));
  g_assert_null (strstr (rebuilt, ":pw-"));
  fake_server_stop (server);
}

static void
test_server_urls (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumDbServer) server = lum_db_server_new_from_url ("postgresql://ana@db.example.com:5433/lumen", &error);
  g_autoptr(LumDbServer) socket = NULL;
  g_autofree char *url = NULL;
  g_autofree char *socket_url = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (server->host, ==, "db.example.com");
  g_assert_cmpstr (server->port, ==, "5433");
  g_assert_cmpstr (server->dbname, ==, "lumen");
  g_assert_cmpstr (server->user, ==, "ana");
  g_assert_false (lum_db_server_is_local (server));
  g_free (server->sslmode);
  server->sslmode = g_strdup ("require");
  url = lum_db_server_to_url (server);
  g_assert_cmpstr (url, ==, "postgresql://ana@db.example.com:5433/lumen?sslmode=require");

  socket = lum_db_server_new_from_url ("postgresql:///lumen?host=/tmp/pg%20dir&user=lumen", &error);
  g_assert_no_error (error);
  g_assert_true (lum_db_server_is_local (socket));
  socket_url = lum_db_server_to_url (socket);
  g_assert_cmpstr (socket_url, ==, "postgresql://lumen@/lumen?host=/tmp/pg%20dir");

  g_assert_null (lum_db_server_new_from_url ("/home/ana/lumen.db", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  logged = g_string_new (NULL);
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_log_set_writer_func (keep_log, NULL, NULL);
  g_test_add_func ("/db-server/urls", test_server_urls);
  g_test_add_func ("/db-server/missing-password", test_missing_password);
  g_test_add_func ("/db-server/password-from-keyring", test_password_from_keyring);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-connect"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <sys/random.h>

#include "lum-http.h"
#include "lum-oauth-listener.h"
#include "lum-util.h"

#define CALLBACK_PATH "/callback"
#define STATE_BYTES   16

struct _LumOAuthListener
{
  GObject     parent_instance;

  SoupServer *server;
  char       *redirect_uri;
  char       *state;
  GTask      *task;
  guint       timeout_id;
};

G_DEFINE_FINAL_TYPE (LumOAuthListener, lum_oauth_listener, G_TYPE_OBJECT)

static void
answer (SoupServerMessage *msg,
        guint              status,
        const char        *text)
{
  g_autofree char *html = g_markup_printf_escaped ("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                                                   "<title>Lumen</title></head><body style=\"font-family:"
                                                   "sans-serif;margin:3em\"><h1>Lumen</h1><p>%s</p></body></html>",
                                                   text);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_COPY, html, strlen (html));
}

static void
finish (LumOAuthListener *self,
        GError           *error,
        char             *code,
        char             *realm)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (task == NULL)
    {
      g_clear_error (&error);
      g_free (code);
      g_free (realm);
      return;
    }
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_object_set_data_full (G_OBJECT (task), "realm-id", realm, g_free);
  g_task_return_pointer (task, code, g_free);
}

typedef enum
{
  ANSWER_GRANTED,
  ANSWER_FOREIGN,   /* the state is not ours: someone else's sign-in */
  ANSWER_REFUSED,
} Answer;

/* Reads the query of the redirect (RFC 6749 §4.1.2: code and state, or
 * error and state; Intuit adds realmId, the company chosen). */
static Answer
read_query (GHashTable  *query,
            const char  *state,
            char       **code,
            char       **realm,
            GError     **error)
{
  const char *their_state = query ? g_hash_table_lookup (query, "state") : NULL;
  const char *their_code = query ? g_hash_table_lookup (query, "code") : NULL;
  const char *denied = query ? g_hash_table_lookup (query, "error") : NULL;
  const char *description = query ? g_hash_table_lookup (query, "error_description") : NULL;

  if (g_strcmp0 (their_state, state) != 0)
    {
      if (their_state == NULL)
        g_set_error_literal (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_AUTH,
                             _("The address has no state: it is not QuickBooks’ answer to this sign-in"));
      else
        g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_AUTH,
                     _("The state “%s” in the address is not the one of this sign-in: the address answers another "
                       "sign-in, perhaps an older one; connect again and paste the newest address"),
                     their_state);
      return ANSWER_FOREIGN;
    }
  if (denied != NULL)
    {
      if (g_strcmp0 (denied, "access_denied") == 0)
        g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_AUTH,
                     _("QuickBooks did not grant access (access_denied): the sign-in was declined in the browser"));
      else
        g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_AUTH, _("QuickBooks did not grant access: %s%s%s%s"),
                     denied, description ? " (" : "", description ? description : "", description ? ")" : "");
      return ANSWER_REFUSED;
    }
  if (lum_str_empty (their_code))
    {
      g_set_error_literal (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_AUTH,
                           _("QuickBooks did not grant access: the address has no authorization code"));
      return ANSWER_REFUSED;
    }
  *code = g_strdup (their_code);
  *realm = g_strdup (query ? g_hash_table_lookup (query, "realmId") : NULL);
  return ANSWER_GRANTED;
}

static void
on_callback_cb (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  LumOAuthListener *self = user_data;
  GError *error = NULL;
  char *code = NULL;
  char *realm = NULL;

  if (self->task == NULL)
    {
      answer (msg, SOUP_STATUS_GONE, _("This sign-in is over. Go back to Lumen and start again."));
      return;
    }
  switch (read_query (query, self->state, &code, &realm, &error))
    {
    case ANSWER_FOREIGN:
      /* not our request: refuse it and keep waiting for ours */
      g_clear_error (&error);
      answer (msg, SOUP_STATUS_BAD_REQUEST, _("This answer does not belong to the sign-in Lumen started."));
      return;
    case ANSWER_REFUSED:
      answer (msg, SOUP_STATUS_OK, _("Access was not granted. You can close this page."));
      finish (self, error, NULL, NULL);
      return;
    case ANSWER_GRANTED:
    default:
      answer (msg, SOUP_STATUS_OK, _("Lumen is connected. You can close this page and go back to Lumen."));
      finish (self, NULL, code, realm);
    }
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  LumOAuthListener *self = user_data;

  self->timeout_id = 0;
  finish (self, g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                             _("The browser did not come back in time; try connecting again")), NULL, NULL);
  return G_SOURCE_REMOVE;
}

static void
lum_oauth_listener_dispose (GObject *object)
{
  LumOAuthListener *self = (LumOAuthListener *)object;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_object (&self->task);

  G_OBJECT_CLASS (lum_oauth_listener_parent_class)->dispose (object);
}

static void
lum_oauth_listener_finalize (GObject *object)
{
  LumOAuthListener *self = (LumOAuthListener *)object;

  g_free (self->redirect_uri);
  g_free (self->state);

  G_OBJECT_CLASS (lum_oauth_listener_parent_class)->finalize (object);
}

static void
lum_oauth_listener_class_init (LumOAuthListenerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lum_oauth_listener_dispose;
  object_class->finalize = lum_oauth_listener_finalize;
}

static void
lum_oauth_listener_init (LumOAuthListener *self)
{
}

/* Also on ::1 at the same port, where the system has IPv6: a browser may
 * try either address for "localhost". */
static void
listen_ipv6_too (LumOAuthListener *self,
                 guint             port)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV6);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autoptr(GError) error = NULL;

  if (!soup_server_listen (self->server, address, 0, &error))
    g_debug ("Not listening on [::1]:%u too: %s", port, error->message);
}

/**
 * lum_oauth_new_state:
 *
 * A state for an authorization request: 128 bits from the kernel's
 * cryptographic random source (getrandom(2)), URL-safe; an attacker who
 * could guess it could make Lumen take their code (RFC 6749 §10.12).
 */
char *
lum_oauth_new_state (GError **error)
{
  guint8 bytes[STATE_BYTES];
  gsize got = 0;
  char *state;

  while (got < sizeof bytes)
    {
      ssize_t n = getrandom (bytes + got, sizeof bytes - got, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("No random state for the sign-in could be made: %s"), g_strerror (saved));
          return NULL;
        }
      got += n;
    }
  state = g_base64_encode (bytes, sizeof bytes);
  g_strdelimit (state, "+/=", '_');
  return state;
}

static gboolean
same_endpoint (GUri *a,
               GUri *b)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (a) ? g_uri_get_host (a) : "",
                             g_uri_get_host (b) ? g_uri_get_host (b) : "") == 0 &&
         g_uri_get_port (a) == g_uri_get_port (b) &&
         g_strcmp0 (g_uri_get_path (a), g_uri_get_path (b)) == 0;
}

/**
 * lum_oauth_read_answer:
 * @answer: the address the browser ended on, as the user pasted it
 * @redirect_uri: the redirect URI of the authorization request
 * @state: the state of the authorization request
 * @realm_id: (out) (optional): the company chosen (Intuit's realmId), or %NULL
 *
 * Reads the authorization response out of the address the provider sent
 * the browser to. The address must be @redirect_uri with the query of the
 * response and the state of this sign-in. Messages never quote the code.
 *
 * Returns: (transfer full): the authorization code
 */
char *
lum_oauth_read_answer (const char  *answer,
                       const char  *redirect_uri,
                       const char  *state,
                       char       **realm_id,
                       GError     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (answer ? answer : ""));
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) expected = g_uri_parse (redirect_uri, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GHashTable) query = NULL;
  g_autofree char *code = NULL;
  g_autofree char *realm = NULL;

  if (*text == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Paste the address the browser shows after you allowed Lumen"));
      return NULL;
    }
  uri = g_uri_parse (text, G_URI_FLAGS_ENCODED_QUERY, NULL);
  if (uri == NULL || expected == NULL || !same_endpoint (uri, expected))
    {
      /* only the part before the query: the query holds the code */
      g_autofree char *shown = g_strndup (text, strcspn (text, "?#"));

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The address “%s” is not the redirect URI “%s”: paste the whole address the browser shows "
                     "after you allowed Lumen"),
                   shown, redirect_uri);
      return NULL;
    }
  if (g_uri_get_query (uri) != NULL)
    query = soup_form_decode (g_uri_get_query (uri));
  if (read_query (query, state, &code, &realm, error) != ANSWER_GRANTED)
    return NULL;
  if (realm_id != NULL)
    *realm_id = g_steal_pointer (&realm);
  return g_steal_pointer (&code);
}

/**
 * lum_oauth_listener_new:
 *
 * @port: the port of the redirect URI registered with the provider, or 0
 *   for one the kernel chooses
 *
 * Listens on 127.0.0.1 (and ::1) for http://localhost:PORT/callback, with a
 * fresh random state for the authorization request.
 */
LumOAuthListener *
lum_oauth_listener_new (guint    port,
                        GError **error)
{
  g_autoptr(LumOAuthListener) self = g_object_new (LUM_TYPE_OAUTH_LISTENER, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autoslist(GUri) uris = NULL;
  g_autoptr(GError) local_error = NULL;

  self->state = lum_oauth_new_state (error);
  if (self->state == NULL)
    return NULL;
  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, CALLBACK_PATH, on_callback_cb, self, NULL);
  if (!soup_server_listen (self->server, address, 0, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not listen for the browser’s redirect on 127.0.0.1 port %u: %s"),
                   port, local_error->message);
      return NULL;
    }
  uris = soup_server_get_uris (self->server);
  if (uris == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not listen on 127.0.0.1"));
      return NULL;
    }
  listen_ipv6_too (self, g_uri_get_port (uris->data));
  /* Intuit accepts http only for "localhost", and no IP address, in the
   * redirect URIs of a development app: "Tip: You can add localhost (no
   * HTTPS) as a URI for sandbox environments" and "IP addresses aren’t
   * allowed" (developer.intuit.com, QuickBooks Online, "Set app redirect
   * URIs"). */
  self->redirect_uri = g_strdup_printf ("http://localhost:%d%s", g_uri_get_port (uris->data), CALLBACK_PATH);
  return g_steal_pointer (&self);
}

const char *
lum_oauth_listener_get_redirect_uri (LumOAuthListener *self)
{
  return self->redirect_uri;
}

const char *
lum_oauth_listener_get_state (LumOAuthListener *self)
{
  return self->state;
}

void
lum_oauth_listener_wait_async (LumOAuthListener    *self,
                               guint                timeout_seconds,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (self->task == NULL);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, lum_oauth_listener_wait_async);
  self->timeout_id = g_timeout_add_seconds (MAX (timeout_seconds, 1), on_timeout_cb, self);
}

/* Returns: (transfer full): the authorization code */
char *
lum_oauth_listener_wait_finish (LumOAuthListener  *self,
                                GAsyncResult      *result,
                                char             **realm_id,
                                GError           **error)
{
  g_return_val_if_fail (LUM_IS_OAUTH_LISTENER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (realm_id != NULL)
    *realm_id = g_strdup (g_object_get_data (G_OBJECT (result), "realm-id"));
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-connect"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "lum-http.h"
#include "lum-oauth-listener.h"

#define CALLBACK_PATH "/callback"

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

static void
on_callback_cb (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  LumOAuthListener *self = user_data;
  const char *state = query ? g_hash_table_lookup (query, "state") : NULL;
  const char *code = query ? g_hash_table_lookup (query, "code") : NULL;
  const char *denied = query ? g_hash_table_lookup (query, "error") : NULL;
  const char *realm = query ? g_hash_table_lookup (query, "realmId") : NULL;

  if (self->task == NULL)
    {
      answer (msg, SOUP_STATUS_GONE, _("This sign-in is over. Go back to Lumen and start again."));
      return;
    }
  if (g_strcmp0 (state, self->state) != 0)
    {
      /* not our request: refuse it and keep waiting for ours */
      answer (msg, SOUP_STATUS_BAD_REQUEST, _("This answer does not belong to the sign-in Lumen started."));
      return;
    }
  if (denied != NULL || code == NULL)
    {
      answer (msg, SOUP_STATUS_OK, _("Access was not granted. You can close this page."));
      finish (self, g_error_new (LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_AUTH,
                                 _("QuickBooks did not grant access: %s"), denied ? denied : _("no code")),
              NULL, NULL);
      return;
    }
  answer (msg, SOUP_STATUS_OK, _("Lumen is connected. You can close this page and go back to Lumen."));
  finish (self, NULL, g_strdup (code), g_strdup (realm));
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
  guint8 bytes[16];

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = g_random_int_range (0, 256);
  self->state = g_base64_encode (bytes, sizeof bytes);
  g_strdelimit (self->state, "+/=", '_');
}

/**
 * lum_oauth_listener_new:
 *
 * @port: the port of the redirect URI registered with the provider, or 0
 *   for one the kernel chooses
 *
 * Listens on 127.0.0.1, with a fresh random state for the authorization
 * request.
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
  self->redirect_uri = g_strdup_printf ("http://127.0.0.1:%d%s", g_uri_get_port (uris->data), CALLBACK_PATH);
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
  if (realm_id != NULL)
    *realm_id = g_strdup (g_object_get_data (G_OBJECT (result), "realm-id"));
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-sandbox"

#include "lum-sandbox-private.h"

#include <string.h>

/*
 * The HTTP side: one SoupServer on one port, requests routed by their first
 * path segment to a service or to the control endpoints. A service request
 * goes through the injected faults of its service first (a storm or a
 * failure answers without touching the state), then its handler, then the
 * faults that shape the answer (replaced, cut short, dropped, delayed).
 * Bodies are collected here within LUM_SANDBOX_MAX_BODY rather than by
 * libsoup.
 */
#define BODY_KEY "lum-sandbox-body"

const char * const lum_sandbox_service_names[N_SERVICES] = {
  "shipstation", "extensiv", "quickbooks",
};

typedef struct
{
  GByteArray *data;
  gboolean    too_large;
} Body;

typedef struct
{
  LumSandbox        *self;
  LumSandboxRequest *req;
  GSource           *source;
} Delayed;

static void
body_free (gpointer data)
{
  Body *body = data;

  g_byte_array_unref (body->data);
  g_free (body);
}

/* Runs the request's release callbacks (slots in flight) under the lock. */
static void
complete_request (LumSandbox        *self,
                  LumSandboxRequest *req)
{
  g_rec_mutex_lock (&self->lock);
  lum_sandbox_request_run_finished (req);
  g_rec_mutex_unlock (&self->lock);
  lum_sandbox_request_free (req);
}

static void
copy_header_cb (const char *name,
                const char *value,
                gpointer    user_data)
{
  soup_message_headers_append (user_data, name, value);
}

static void
write_reply (LumSandboxRequest *req)
{
  SoupServerMessage *msg = req->msg;
  gsize length = 0;
  const char *data = NULL;

  soup_message_headers_foreach (req->reply_headers, copy_header_cb,
                                soup_server_message_get_response_headers (msg));
  soup_server_message_set_status (msg, req->status != 0 ? req->status : 500, NULL);
  if (req->reply != NULL)
    data = g_bytes_get_data (req->reply, &length);
  soup_server_message_set_response (msg, length > 0 ? req->content_type : NULL,
                                    SOUP_MEMORY_COPY, data, length);
}

/* The answer a client gets when the server fails or the connection is cut
 * short: what it sent may or may not have been stored. */
static void
cut_reply (LumSandboxRequest *req)
{
  gsize length = 0;
  const char *data = NULL;
  g_autofree char *cut = NULL;

  if (req->reply != NULL)
    data = g_bytes_get_data (req->reply, &length);
  cut = length > 1 ? g_strndup (data, length / 2) : g_strdup ("{\"");
  req->status = SOUP_STATUS_OK;
  lum_sandbox_request_reply (req, SOUP_STATUS_OK, req->json_type, cut, -1);
}

/* The text a test chose instead of the real answer: the request was handled
 * and what it stored stays, as with an answer cut short. */
static void
replace_reply (LumSandboxRequest *req,
               GBytes            *body)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (body, &length);

  lum_sandbox_request_reply (req, SOUP_STATUS_OK, "application/json", data, length);
}

static void
drop_connection (SoupServerMessage *msg)
{
  GSocket *socket = soup_server_message_get_socket (msg);

  /* Shut down rather than closed: the server still owns the descriptor and
   * finishes the message with a write error, as it would after a reset. */
  if (socket != NULL)
    g_socket_shutdown (socket, TRUE, TRUE, NULL);
  soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
}

static void
fault_reply (LumSandboxRequest         *req,
             const LumSandboxFaultPlan *plan,
             const char                *service)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *text = g_strdup_printf ("Injected fault: %u %s", plan->status,
                                           soup_status_get_phrase (plan->status));

  if (g_str_equal (service, "quickbooks"))
    {
      JsonObject *fault = json_object_new ();
      JsonArray *errors = json_array_new ();
      JsonObject *error = json_object_new ();
      g_autofree char *code = g_strdup_printf ("%u", plan->status == 429 ? 3001 : plan->status);

      json_object_set_string_member (error, "Message", text);
      json_object_set_string_member (error, "Detail", text);
      json_object_set_string_member (error, "code", code);
      json_array_add_object_element (errors, error);
      json_object_set_array_member (fault, "Error", errors);
      json_object_set_string_member (fault, "type", "SystemFault");
      json_object_set_object_member (object, "Fault", fault);
    }
  else if (g_str_equal (service, "extensiv"))
    {
      json_object_set_string_member (object, "ErrorCode", "InjectedFault");
      json_object_set_string_member (object, "Hint", text);
      json_object_set_object_member (object, "Properties", json_object_new ());
    }
  else
    json_object_set_string_member (object, "Message", text);

  if (plan->status == 429 || plan->status == 503)
    {
      g_autofree char *seconds = g_strdup_printf ("%u", plan->retry_after);

      lum_sandbox_request_set_header (req, "Retry-After", seconds);
      if (g_str_equal (service, "shipstation") && plan->status == 429)
        {
          lum_sandbox_request_set_header (req, "X-Rate-Limit-Remaining", "0");
          lum_sandbox_request_set_header (req, "X-Rate-Limit-Reset", seconds);
        }
    }
  lum_sandbox_request_reply_object (req, plan->status, g_steal_pointer (&object));
}

static void
delayed_free (gpointer data)
{
  Delayed *delayed = data;

  g_source_destroy (delayed->source);
  g_source_unref (delayed->source);
  g_free (delayed);
}

static gboolean
on_delay_done_cb (gpointer user_data)
{
  Delayed *delayed = user_data;
  LumSandboxRequest *req = delayed->req;

  g_hash_table_remove (delayed->self->delayed, delayed);
  write_reply (req);
  soup_server_message_unpause (req->msg);
  complete_request (delayed->self, req);
  delayed_free (delayed);
  return G_SOURCE_REMOVE;
}

static void
delay_reply (LumSandbox        *self,
             LumSandboxRequest *req,
             guint              latency_ms)
{
  Delayed *delayed = g_new0 (Delayed, 1);

  delayed->self = self;
  delayed->req = req;
  delayed->source = g_timeout_source_new (latency_ms);
  g_source_set_callback (delayed->source, on_delay_done_cb, delayed, NULL);
  g_source_attach (delayed->source, self->context);
  g_hash_table_add (self->delayed, delayed);
  soup_server_message_pause (req->msg);
}

static void
cancel_delayed (LumSandbox *self)
{
  GHashTableIter iter;
  Delayed *delayed;

  g_hash_table_iter_init (&iter, self->delayed);
  while (g_hash_table_iter_next (&iter, (gpointer *)&delayed, NULL))
    {
      LumSandboxRequest *req = delayed->req;

      g_hash_table_iter_steal (&iter);
      delayed_free (delayed);
      complete_request (self, req);
    }
}

static void
reply_index (LumSandbox        *self,
             LumSandboxRequest *req)
{
  JsonObject *object = json_object_new ();
  JsonObject *services = json_object_new ();
  g_autofree char *root = lum_sandbox_dup_base_url (self, NULL);
  g_autofree char *control = g_strconcat (root, "/_sandbox", NULL);

  for (int i = 0; i < N_SERVICES; i++)
    {
      g_autofree char *url = lum_sandbox_dup_base_url (self, lum_sandbox_service_names[i]);
      json_object_set_string_member (services, lum_sandbox_service_names[i], url);
    }
  json_object_set_string_member (object, "name", "Lumen sandbox");
  json_object_set_object_member (object, "services", services);
  json_object_set_string_member (object, "control", control);
  lum_sandbox_request_reply_object (req, SOUP_STATUS_OK, object);
}

/* "/shipstation/orders" → "shipstation", "/orders"; "/_sandbox/reset" →
 * "control", "/reset"; "/" → "index". NULL for anything else. */
static const char *
route (const char  *path,
       const char **rest)
{
  static const char * const prefixes[] = { "shipstation", "extensiv", "quickbooks", "_sandbox" };

  if (g_str_equal (path, "/"))
    {
      *rest = "/";
      return "index";
    }
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      gsize length = strlen (prefixes[i]);

      if (path[0] == '/' && strncmp (path + 1, prefixes[i], length) == 0
          && (path[length + 1] == '/' || path[length + 1] == '\0'))
        {
          *rest = path[length + 1] != '\0' ? path + length + 1 : "/";
          return i < N_SERVICES ? lum_sandbox_service_names[i] : "control";
        }
    }
  return NULL;
}

static void
copy_param_cb (gpointer key,
               gpointer value,
               gpointer user_data)
{
  g_hash_table_insert (user_data, g_strdup (key), g_strdup (value));
}

static void
handle_service (LumSandbox          *self,
                LumSandboxRequest   *req,
                LumSandboxFaultPlan *plan)
{
  int index = lum_sandbox_service_index (req->service);

  g_rec_mutex_lock (&self->lock);
  lum_sandbox_faults_plan (self->faults[index], req->path, plan);
  if (plan->status != 0)
    fault_reply (req, plan, req->service);
  else if (index == SERVICE_SHIPSTATION)
    lum_sandbox_shipstation_handle (self->shipstation, req);
  else if (index == SERVICE_EXTENSIV)
    lum_sandbox_extensiv_handle (self->extensiv, req);
  else
    lum_sandbox_quickbooks_handle (self->quickbooks, req);
  g_rec_mutex_unlock (&self->lock);
}

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  LumSandbox *self = user_data;
  LumSandboxRequest *req;
  LumSandboxFaultPlan plan = { 0 };
  Body *body = g_object_get_data (G_OBJECT (msg), BODY_KEY);
  const char *rest = NULL;
  const char *service = route (path, &rest);

  if (service == NULL)
    {
      static const char not_found[] = "{\"message\":\"Not found: the sandbox serves "
                                      "/shipstation, /extensiv, /quickbooks and /_sandbox\"}";
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        not_found, strlen (not_found));
      return;
    }

  req = lum_sandbox_request_new (self, service, soup_server_message_get_method (msg), rest);
  req->msg = g_object_ref (msg);
  req->query = g_strdup (g_uri_get_query (soup_server_message_get_uri (msg)));
  if (query != NULL)
    g_hash_table_foreach (query, copy_param_cb, req->params);
  req->headers = soup_server_message_get_request_headers (msg);
  if (body != NULL && !body->too_large)
    req->body = g_bytes_new (body->data->data, body->data->len);

  g_rec_mutex_lock (&self->lock);
  lum_sandbox_log_append (self->log, req, lum_sandbox_now_locked (self));
  g_rec_mutex_unlock (&self->lock);
  lum_sandbox_emit_request_received (self, req);

  if (body != NULL && body->too_large)
    {
      g_autofree char *text = g_strdup_printf ("{\"message\":\"The request body is larger than %d bytes\"}",
                                               LUM_SANDBOX_MAX_BODY);
      lum_sandbox_request_reply (req, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, req->json_type, text, -1);
    }
  else if (g_str_equal (service, "index"))
    reply_index (self, req);
  else if (g_str_equal (service, "control"))
    {
      g_rec_mutex_lock (&self->lock);
      lum_sandbox_control_handle (self, req);
      g_rec_mutex_unlock (&self->lock);
    }
  else
    handle_service (self, req, &plan);

  if (plan.reset)
    {
      drop_connection (msg);
      complete_request (self, req);
      return;
    }
  if (plan.body != NULL)
    replace_reply (req, plan.body);
  else if (plan.malformed)
    cut_reply (req);
  g_clear_pointer (&plan.body, g_bytes_unref);
  if (plan.latency_ms > 0)
    {
      delay_reply (self, req, plan.latency_ms);
      return;
    }
  write_reply (req);
  complete_request (self, req);
}

static void
on_got_chunk_cb (SoupServerMessage *msg,
                 GBytes            *chunk,
                 gpointer           user_data)
{
  Body *body = user_data;
  gsize length = g_bytes_get_size (chunk);

  if (body->too_large)
    return;
  if (body->data->len + length > LUM_SANDBOX_MAX_BODY)
    {
      body->too_large = TRUE;
      g_byte_array_set_size (body->data, 0);
      return;
    }
  g_byte_array_append (body->data, g_bytes_get_data (chunk, NULL), length);
}

static void
on_got_headers_cb (SoupServerMessage *msg,
                   gpointer           user_data)
{
  Body *body = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  /* The body is collected here, within its cap, instead of by libsoup. */
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
      && soup_message_headers_get_content_length (headers) > LUM_SANDBOX_MAX_BODY)
    body->too_large = TRUE;
}

static void
on_request_started_cb (SoupServer        *server,
                       SoupServerMessage *msg,
                       gpointer           user_data)
{
  Body *body = g_new0 (Body, 1);

  body->data = g_byte_array_new ();
  g_object_set_data_full (G_OBJECT (msg), BODY_KEY, body, body_free);
  g_signal_connect (msg, "got-headers", G_CALLBACK (on_got_headers_cb), body);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (on_got_chunk_cb), body);
}

gboolean
lum_sandbox_server_start (LumSandbox *self,
              GError    **error)
{
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GError) local_error = NULL;
  GSList *listeners;

  address = g_inet_socket_address_new_from_string (self->address, self->requested_port);
  if (address == NULL)
    {
      g_set_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_LISTEN,
                   "'%s' is not an IP address to listen on", self->address);
      return FALSE;
    }
  self->server = soup_server_new ("server-header", "Lumen-Sandbox ", NULL);
  soup_server_add_handler (self->server, NULL, on_request_cb, self, NULL);
  g_signal_connect (self->server, "request-started", G_CALLBACK (on_request_started_cb), self);
  if (!soup_server_listen (self->server, address, 0, &local_error))
    {
      g_set_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_LISTEN,
                   "The sandbox cannot listen on %s port %u: %s",
                   self->address, self->requested_port, local_error->message);
      g_clear_object (&self->server);
      return FALSE;
    }
  listeners = soup_server_get_listeners (self->server);
  if (listeners != NULL)
    {
      g_autoptr(GSocketAddress) local = g_socket_get_local_address (listeners->data, NULL);

      if (G_IS_INET_SOCKET_ADDRESS (local))
        self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
    }
  g_slist_free (listeners);
  return TRUE;
}

void
lum_sandbox_server_stop (LumSandbox *self)
{
  cancel_delayed (self);
  if (self->server != NULL)
    {
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }
}

gpointer
lum_sandbox_server_thread (gpointer data)
{
  LumSandbox *self = data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_main_context_push_thread_default (self->context);
  ok = lum_sandbox_server_start (self, &error);

  g_mutex_lock (&self->start_mutex);
  self->start_done = TRUE;
  self->start_error = g_steal_pointer (&error);
  g_cond_signal (&self->start_cond);
  g_mutex_unlock (&self->start_mutex);

  if (ok)
    g_main_loop_run (self->thread_loop);
  lum_sandbox_server_stop (self);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-contract"

#include <string.h>

#include "lum-json.h"
#include "lum-contract-mock.h"

#define MAX_REPAIRS 4

typedef struct
{
  char  *method;
  char  *path_prefix;
  char  *query_part;
  guint  status;
  char  *json;
} Answer;

struct _LumContractMock
{
  LumContractService  service;
  char               *name;
  GSubprocess        *prism;
  guint               prism_port;
  char               *prism_url;
  GDataInputStream   *out;
  GCancellable       *cancellable;
  GPtrArray          *log;
  gboolean            ready;
  gboolean            exited;
  SoupServer         *server;
  char               *url;
  SoupSession        *session;
  GPtrArray          *exchanges;
  GPtrArray          *all_messages;   /* every violation message seen, for the log check */
  GPtrArray          *answers;
  guint               flushes;
};

typedef struct
{
  LumContractMock     *mock;
  SoupServerMessage   *msg;
  LumContractExchange *exchange;
  char                *forward_path;
  GHashTable          *query;         /* decoded, for repairs; %NULL without one */
  char                *raw_query;
  JsonNode            *body;          /* parsed JSON body, for repairs */
  GBytes              *body_bytes;
  char                *content_type;
  gboolean             accept_json;   /* repaired: Accept as the description has it */
  guint                rounds;
} Relay;

static const char * const service_names[] = { "shipstation", "extensiv", "quickbooks", "shipstation-v2" };

static void
violation_free (gpointer data)
{
  LumContractViolation *v = data;

  g_free (v->location);
  g_free (v->code);
  g_free (v->message);
  g_free (v);
}

void
lum_contract_exchange_free (LumContractExchange *exchange)
{
  if (exchange == NULL)
    return;
  g_free (exchange->service);
  g_free (exchange->method);
  g_free (exchange->path);
  g_free (exchange->body);
  g_free (exchange->answer);
  g_ptr_array_unref (exchange->violations);
  g_free (exchange);
}

static void
answer_free (gpointer data)
{
  Answer *answer = data;

  g_free (answer->method);
  g_free (answer->path_prefix);
  g_free (answer->query_part);
  g_free (answer->json);
  g_free (answer);
}

static void
relay_free (Relay *relay)
{
  g_clear_object (&relay->msg);
  lum_contract_exchange_free (relay->exchange);
  g_free (relay->forward_path);
  g_clear_pointer (&relay->query, g_hash_table_unref);
  g_free (relay->raw_query);
  g_clear_pointer (&relay->body, json_node_unref);
  g_clear_pointer (&relay->body_bytes, g_bytes_unref);
  g_free (relay->content_type);
  g_free (relay);
}

/* -- Prism's process and log ---------------------------------------------- */

static guint
free_port (GError **error)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  if (socket == NULL || !g_socket_bind (socket, any, FALSE, error))
    return 0;
  bound = g_socket_get_local_address (socket, error);
  if (bound == NULL)
    return 0;
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void read_next_line (LumContractMock *mock);

static void
on_line_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  LumContractMock *mock = user_data;
  g_autoptr(GError) error = NULL;
  gsize length;
  char *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, &length, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (line == NULL)
    {
      mock->exited = TRUE;
      return;
    }
  if (g_getenv ("LUMEN_CONTRACT_VERBOSE") != NULL)
    g_printerr ("[prism %s] %s\n", mock->name, line);
  if (strstr (line, "Prism is listening") != NULL)
    mock->ready = TRUE;
  g_ptr_array_add (mock->log, line);
  read_next_line (mock);
}

static void
read_next_line (LumContractMock *mock)
{
  g_data_input_stream_read_line_async (mock->out, G_PRIORITY_DEFAULT, mock->cancellable, on_line_cb, mock);
}

/* -- violations ------------------------------------------------------------ */

static char *
join_location (JsonArray *location)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; location != NULL && i < json_array_get_length (location); i++)
    {
      JsonNode *node = json_array_get_element (location, i);

      /* the header says ["request", "body", …] where a 422 says ["body", …] */
      if (i == 0 && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          g_strcmp0 (json_node_get_string (node), "request") == 0)
        continue;
      g_autofree char *part = NULL;

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        part = g_strdup (json_node_get_string (node));
      else if (JSON_NODE_HOLDS_VALUE (node))
        part = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      else
        part = g_strdup ("?");
      g_string_append_printf (out, "%s%s", out->len ? "." : "", part);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Adds a violation unless the exchange has it already; returns it when new. */
static LumContractViolation *
add_violation (Relay      *relay,
               gboolean    request,
               const char *location,
               const char *code,
               const char *message)
{
  GPtrArray *list = relay->exchange->violations;
  LumContractViolation *v;

  for (guint i = 0; i < list->len; i++)
    {
      LumContractViolation *known = g_ptr_array_index (list, i);

      if (known->request == request && g_strcmp0 (known->location, location) == 0 &&
          g_strcmp0 (known->message, message) == 0)
        return NULL;
    }
  v = g_new0 (LumContractViolation, 1);
  v->request = request;
  v->location = g_strdup (location);
  v->code = g_strdup (code ? code : "");
  v->message = g_strdup (message ? message : "");
  if (request)
    lum_contract_classify (relay->mock->service, relay->exchange->method, relay->forward_path,
                           relay->body, relay->query, v);
  g_ptr_array_add (list, v);
  g_ptr_array_add (relay->mock->all_messages, g_strdup (v->message));
  return v;
}

/* Prism's findings as a list of {location, severity, code, message}. */
static void
add_violation_list (Relay      *relay,
                    JsonArray  *list,
                    GPtrArray  *fresh)
{
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonNode *where = object ? json_object_get_member (object, "location") : NULL;
      JsonArray *location = where && JSON_NODE_HOLDS_ARRAY (where) ? json_node_get_array (where) : NULL;
      g_autofree char *joined = join_location (location);
      gboolean request = !g_str_has_prefix (joined, "response");
      g_autofree char *code = object ? g_strdup (lum_json_get_string (object, "code")) : NULL;
      LumContractViolation *v;

      if (code == NULL && object != NULL && json_object_has_member (object, "code"))
        code = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (object, "code"));
      v = add_violation (relay, request, joined, code, object ? lum_json_get_string (object, "message") : NULL);
      if (v != NULL && request)
        g_ptr_array_add (fresh, v);
    }
}

/* Reads Prism's verdict on one answer; the new request violations go
 * into @fresh. */
static void
read_verdict (Relay      *relay,
              guint       status,
              SoupMessageHeaders *headers,
              GBytes     *body,
              GPtrArray  *fresh)
{
  const char *header = soup_message_headers_get_one (headers, "sl-violations");
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size = 0;
  const char *data = body ? g_bytes_get_data (body, &size) : NULL;

  if (header != NULL && json_parser_load_from_data (parser, header, -1, NULL) &&
      JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    add_violation_list (relay, json_node_get_array (json_parser_get_root (parser)), fresh);

  if (status >= 400 && data != NULL && size > 0 && json_parser_load_from_data (parser, data, size, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonObject *problem = json_node_get_object (json_parser_get_root (parser));
      const char *type = lum_json_get_string (problem, "type");
      JsonNode *validation = json_object_get_member (problem, "validation");
      const char *tag = type ? strrchr (type, '#') : NULL;

      if (type == NULL || !g_str_has_prefix (type, "https://stoplight.io/prism/errors"))
        return;
      if (validation != NULL && JSON_NODE_HOLDS_ARRAY (validation))
        add_violation_list (relay, json_node_get_array (validation), fresh);
      else if (tag != NULL)
        {
          /* no path or method of that name, no credentials, …: the
           * whole request is outside the description */
          LumContractViolation *v = add_violation (relay, TRUE, "path", tag + 1, lum_json_get_string (problem, "detail"));
          if (v != NULL)
            g_ptr_array_add (fresh, v);
        }
    }
}

/* -- the relay ------------------------------------------------------------- */

static char *
encode_query (GHashTable *query)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GList) keys = g_hash_table_get_keys (query);

  keys = g_list_sort (keys, (GCompareFunc)g_strcmp0);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      g_autofree char *key = g_uri_escape_string (l->data, NULL, FALSE);
      g_autofree char *value = g_uri_escape_string (g_hash_table_lookup (query, l->data), NULL, FALSE);
      g_string_append_printf (out, "%s%s=%s", out->len ? "&" : "", key, value);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void send_to_prism (Relay *relay);

static void
reply (Relay              *relay,
       guint               status,
       SoupMessageHeaders *headers,
       GBytes             *body)
{
  SoupMessageHeaders *out = soup_server_message_get_response_headers (relay->msg);
  gsize size = 0;
  const char *data = body ? g_bytes_get_data (body, &size) : NULL;
  SoupMessageHeadersIter iter;
  const char *name, *value;
  const char *content_type = "application/json";

  if (headers != NULL)
    {
      soup_message_headers_iter_init (&iter, headers);
      while (soup_message_headers_iter_next (&iter, &name, &value))
        {
          if (g_ascii_strcasecmp (name, "Content-Length") == 0 ||
              g_ascii_strcasecmp (name, "Transfer-Encoding") == 0 ||
              g_ascii_strcasecmp (name, "Connection") == 0 || g_ascii_strcasecmp (name, "Keep-Alive") == 0)
            continue;
          if (g_ascii_strcasecmp (name, "Content-Type") == 0)
            {
              content_type = value;
              continue;
            }
          soup_message_headers_append (out, name, value);
        }
    }
  relay->exchange->status = status;
  relay->exchange->answer = g_strndup (data ? data : "", size);
  soup_server_message_set_status (relay->msg, status, NULL);
  soup_server_message_set_response (relay->msg, content_type, SOUP_MEMORY_COPY, data ? data : "", size);
  soup_server_message_unpause (relay->msg);
  g_ptr_array_add (relay->mock->exchanges, g_steal_pointer (&relay->exchange));
  relay_free (relay);
}

static Answer *
take_answer (Relay *relay)
{
  GPtrArray *answers = relay->mock->answers;

  for (guint i = 0; i < answers->len; i++)
    {
      Answer *answer = g_ptr_array_index (answers, i);

      if (g_strcmp0 (answer->method, relay->exchange->method) == 0 &&
          g_str_has_prefix (relay->forward_path, answer->path_prefix) &&
          (answer->query_part == NULL ||
           (relay->raw_query != NULL && strstr (relay->raw_query, answer->query_part) != NULL)))
        return g_ptr_array_steal_index (answers, i);
    }
  return NULL;
}

static void
on_prism_answer_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Relay *relay = user_data;
  /* (transfer none) */
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_autoptr(GPtrArray) fresh = g_ptr_array_new ();
  guint status = soup_message_get_status (message);
  gboolean repairable = TRUE;
  Answer *answer;

  if (body == NULL)
    {
      g_autoptr(GBytes) said = g_bytes_new (error->message, strlen (error->message));
      add_violation (relay, TRUE, "relay", "PRISM_UNREACHABLE", error->message);
      reply (relay, SOUP_STATUS_BAD_GATEWAY, NULL, said);
      return;
    }
  read_verdict (relay, status, soup_message_get_response_headers (message), body, fresh);

  /* refused for what only named exceptions (or repairable slips) explain:
   * send it again repaired, for the example answer of the description */
  if ((status == 400 || status == 406 || status == 422) && fresh->len > 0 && relay->rounds < MAX_REPAIRS)
    {
      for (guint i = 0; i < fresh->len; i++)
        {
          LumContractViolation *v = g_ptr_array_index (fresh, i);

          if (g_strcmp0 (v->code, "NOT_ACCEPTABLE") == 0)
            relay->accept_json = v->repaired = TRUE;
          else
            repairable = repairable && lum_contract_repair (v, relay->body, relay->query);
        }
      if (repairable)
        {
          relay->rounds++;
          send_to_prism (relay);
          return;
        }
    }

  answer = take_answer (relay);
  if (answer != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (answer->json, strlen (answer->json));
      g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);

      soup_message_headers_replace (headers, "Content-Type", "application/json");
      reply (relay, answer->status, headers, bytes);
      answer_free (answer);
    }
  else
    reply (relay, status, soup_message_get_response_headers (message), body);
}

static void
send_to_prism (Relay *relay)
{
  SoupMessageHeaders *in = soup_server_message_get_request_headers (relay->msg);
  g_autofree char *query = relay->query ? encode_query (relay->query) : g_strdup (relay->raw_query);
  g_autofree char *url = g_strdup_printf ("%s%s%s%s", relay->mock->prism_url, relay->forward_path,
                                          query && *query ? "?" : "", query && *query ? query : "");
  g_autoptr(SoupMessage) message = soup_message_new (relay->exchange->method, url);
  SoupMessageHeadersIter iter;
  const char *name, *value;

  soup_message_headers_iter_init (&iter, in);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      if (g_ascii_strcasecmp (name, "Host") == 0 || g_ascii_strcasecmp (name, "Content-Length") == 0 ||
          g_ascii_strcasecmp (name, "Connection") == 0 || g_ascii_strcasecmp (name, "Accept-Encoding") == 0 ||
          g_ascii_strcasecmp (name, "Content-Type") == 0)
        continue;
      if (relay->accept_json && g_ascii_strcasecmp (name, "Accept") == 0)
        value = "application/json";
      soup_message_headers_append (soup_message_get_request_headers (message), name, value);
    }
  if (relay->body_bytes != NULL)
    {
      g_autoptr(GBytes) bytes = NULL;

      if (relay->body != NULL && relay->rounds > 0)
        {
          g_autoptr(JsonGenerator) generator = json_generator_new ();
          gsize length;
          char *text;

          json_generator_set_root (generator, relay->body);
          text = json_generator_to_data (generator, &length);
          bytes = g_bytes_new_take (text, length);
        }
      else
        bytes = g_bytes_ref (relay->body_bytes);
      soup_message_set_request_body_from_bytes (message, relay->content_type, bytes);
    }
  soup_session_send_and_read_async (relay->mock->session, message, G_PRIORITY_DEFAULT, NULL,
                                    on_prism_answer_cb, relay);
}

/* Intuit's token endpoint (oauth.platform.intuit.com, in no description):
 * a refresh with Basic client credentials answers the documented
 * {access_token, refresh_token, expires_in, x_refresh_token_expires_in,
 * token_type} (developer.intuit.com, "Refresh the token"). */
static void
answer_token (Relay *relay)
{
  SoupMessageHeaders *in = soup_server_message_get_request_headers (relay->msg);
  const char *authorization = soup_message_headers_get_one (in, "Authorization");
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(GBytes) bytes = NULL;
  static const char token[] =
    "{\"token_type\": \"bearer\", \"access_token\": \"contract-access-token\", \"expires_in\": 3600, "
    "\"refresh_token\": \"contract-refresh-token-2\", \"x_refresh_token_expires_in\": 8726400}";

  if (relay->exchange->body != NULL)
    form = soup_form_decode (relay->exchange->body);
  if (g_strcmp0 (relay->exchange->method, "POST") != 0 || authorization == NULL ||
      !g_str_has_prefix (authorization, "Basic ") || form == NULL ||
      g_strcmp0 (g_hash_table_lookup (form, "grant_type"), "refresh_token") != 0 ||
      g_hash_table_lookup (form, "refresh_token") == NULL)
    {
      add_violation (relay, TRUE, "body", "TOKEN_REQUEST",
                     "a token refresh is a POST with Basic client credentials and the form "
                     "grant_type=refresh_token&refresh_token=…");
      bytes = g_bytes_new_static ("{\"error\": \"invalid_request\"}", 28);
      reply (relay, 400, NULL, bytes);
      return;
    }
  bytes = g_bytes_new_static (token, sizeof token - 1);
  reply (relay, 200, NULL, bytes);
}

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  LumContractMock *mock = user_data;
  Relay *relay = g_new0 (Relay, 1);
  GUri *uri = soup_server_message_get_uri (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  const char *content_type = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                           "Content-Type");
  g_autofree char *company = g_strdup_printf ("/v3/company/%s/", LUM_CONTRACT_REALM);

  relay->mock = mock;
  relay->msg = g_object_ref (msg);
  relay->exchange = g_new0 (LumContractExchange, 1);
  relay->exchange->service = g_strdup (mock->name);
  relay->exchange->method = g_strdup (soup_server_message_get_method (msg));
  relay->exchange->path = g_uri_get_query (uri)
    ? g_strdup_printf ("%s?%s", path, g_uri_get_query (uri)) : g_strdup (path);
  relay->exchange->violations = g_ptr_array_new_with_free_func (violation_free);
  relay->raw_query = g_strdup (g_uri_get_query (uri));
  if (relay->raw_query != NULL)
    relay->query = g_uri_parse_params (relay->raw_query, -1, "&", G_URI_PARAMS_NONE, NULL);
  if (g_bytes_get_size (bytes) > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      relay->exchange->body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      relay->body_bytes = g_bytes_ref (bytes);
      relay->content_type = g_strdup (content_type);
      if (json_parser_load_from_data (parser, relay->exchange->body, -1, NULL))
        relay->body = json_node_copy (json_parser_get_root (parser));
    }
  soup_server_message_pause (msg);

  if (mock->service == LUM_CONTRACT_QUICKBOOKS)
    {
      if (g_strcmp0 (path, "/oauth2/v1/tokens/bearer") == 0)
        {
          answer_token (relay);
          return;
        }
      /* the description's server is https://…/v3/company/{realmId} */
      if (!g_str_has_prefix (path, company))
        {
          g_autoptr(GBytes) said = g_bytes_new_static ("{}", 2);
          add_violation (relay, TRUE, "path", "NOT_UNDER_SERVER_URL",
                         "the path is not under the description's server URL /v3/company/{realmId} "
                         "of the integration's company");
          reply (relay, 404, NULL, said);
          return;
        }
      relay->forward_path = g_strdup (path + strlen (company) - 1);
    }
  else
    relay->forward_path = g_strdup (path);
  send_to_prism (relay);
}

/* -- public ---------------------------------------------------------------- */

LumContractMock *
lum_contract_mock_start (LumContractService   service,
                         const char          *prism,
                         const char          *description,
                         GError             **error)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_MERGE);
  LumContractMock *mock = g_new0 (LumContractMock, 1);
  g_autofree char *port = NULL;
  g_autoptr(GSList) uris = NULL;

  mock->service = service;
  mock->name = g_strdup (service_names[service]);
  mock->log = g_ptr_array_new_with_free_func (g_free);
  mock->exchanges = g_ptr_array_new_with_free_func ((GDestroyNotify)lum_contract_exchange_free);
  mock->all_messages = g_ptr_array_new_with_free_func (g_free);
  mock->answers = g_ptr_array_new_with_free_func (answer_free);
  mock->cancellable = g_cancellable_new ();
  mock->session = soup_session_new_with_options ("timeout", 20, NULL);

  mock->prism_port = free_port (error);
  if (mock->prism_port == 0)
    goto fail;
  port = g_strdup_printf ("%u", mock->prism_port);
  mock->prism_url = g_strdup_printf ("http://127.0.0.1:%u", mock->prism_port);
  /* no colours: the log is read line by line */
  g_subprocess_launcher_setenv (launcher, "NO_COLOR", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "FORCE_COLOR", "0", TRUE);
  mock->prism = g_subprocess_launcher_spawn (launcher, error, prism, "mock", "-h", "127.0.0.1", "-p", port,
                                             description, NULL);
  if (mock->prism == NULL)
    goto fail;
  mock->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (mock->prism));
  read_next_line (mock);

  mock->server = soup_server_new ("server-header", "lumen-contract-relay", NULL);
  soup_server_add_handler (mock->server, NULL, on_request_cb, mock, NULL);
  if (!soup_server_listen_local (mock->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    goto fail;
  uris = soup_server_get_uris (mock->server);
  mock->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify)g_uri_unref);
  return mock;

fail:
  lum_contract_mock_free (mock);
  return NULL;
}

gboolean
lum_contract_mock_wait_ready (LumContractMock **mocks,
                              guint             n_mocks,
                              guint             timeout_s,
                              GError          **error)
{
  gint64 deadline = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;

  for (;;)
    {
      gboolean all = TRUE;

      for (guint i = 0; i < n_mocks; i++)
        {
          if (mocks[i]->exited && !mocks[i]->ready)
            {
              const char *last = mocks[i]->log->len ? g_ptr_array_index (mocks[i]->log, mocks[i]->log->len - 1) : "";
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Prism for %s ended before it listened: %s",
                           mocks[i]->name, last);
              return FALSE;
            }
          all = all && mocks[i]->ready;
        }
      if (all)
        return TRUE;
      if (g_get_monotonic_time () > deadline)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "Prism did not listen within %u s", timeout_s);
          return FALSE;
        }
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (20000);
    }
}

void
lum_contract_mock_free (LumContractMock *mock)
{
  if (mock == NULL)
    return;
  if (mock->server != NULL)
    soup_server_disconnect (mock->server);
  g_clear_object (&mock->server);
  g_cancellable_cancel (mock->cancellable);
  if (mock->prism != NULL)
    {
      g_subprocess_send_signal (mock->prism, SIGTERM);
      g_subprocess_wait (mock->prism, NULL, NULL);
    }
  g_clear_object (&mock->out);
  g_clear_object (&mock->prism);
  g_clear_object (&mock->cancellable);
  g_clear_object (&mock->session);
  g_ptr_array_unref (mock->log);
  g_ptr_array_unref (mock->exchanges);
  g_ptr_array_unref (mock->all_messages);
  g_ptr_array_unref (mock->answers);
  g_free (mock->prism_url);
  g_free (mock->url);
  g_free (mock->name);
  g_free (mock);
}

const char *
lum_contract_mock_get_url (LumContractMock *mock)
{
  return mock->url;
}

const char *
lum_contract_mock_get_name (LumContractMock *mock)
{
  return mock->name;
}

GPtrArray *
lum_contract_mock_get_exchanges (LumContractMock *mock)
{
  return mock->exchanges;
}

void
lum_contract_mock_clear (LumContractMock *mock)
{
  g_ptr_array_set_size (mock->exchanges, 0);
  g_ptr_array_set_size (mock->answers, 0);
}

void
lum_contract_mock_answer (LumContractMock *mock,
                          const char      *method,
                          const char      *path_prefix,
                          const char      *query_part,
                          guint            status,
                          const char      *json)
{
  Answer *answer = g_new0 (Answer, 1);

  answer->method = g_strdup (method);
  answer->path_prefix = g_strdup (path_prefix);
  answer->query_part = g_strdup (query_part);
  answer->status = status;
  answer->json = g_strdup (json);
  g_ptr_array_add (mock->answers, answer);
}

static void
on_flushed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);
}

/* The text of a `[VALIDATOR] ✖ error …` line after the severity, without
 * the "Violation: LOCATION " that Prism puts before answer findings. */
static const char *
validator_message (const char *line)
{
  const char *p = strstr (line, "\u2716");

  if (p == NULL)
    return NULL;
  p += strlen ("\u2716");
  while (*p == ' ')
    p++;
  if (g_str_has_prefix (p, "error"))
    p += strlen ("error");
  while (*p == ' ')
    p++;
  if (g_str_has_prefix (p, "Violation: "))
    {
      p += strlen ("Violation: ");
      p = strchr (p, ' ');
      p = p ? p + 1 : "";
    }
  return p;
}

GPtrArray *
lum_contract_mock_unexplained_log (LumContractMock *mock)
{
  g_autofree char *marker = g_strdup_printf ("/__lumen_contract_flush_%u", ++mock->flushes);
  g_autofree char *url = g_strconcat (mock->prism_url, marker, NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GPtrArray *unexplained = g_ptr_array_new_with_free_func (g_free);
  gboolean seen = FALSE;

  /* Prism logs a request before it answers: once the marker is in the
   * log, every earlier request's findings are too */
  soup_session_send_and_read_async (mock->session, message, G_PRIORITY_DEFAULT, NULL, on_flushed_cb, NULL);
  while (!seen && !mock->exited && g_get_monotonic_time () < deadline)
    {
      for (guint i = 0; i < mock->log->len && !seen; i++)
        seen = strstr (g_ptr_array_index (mock->log, i), marker) != NULL;
      if (!seen && !g_main_context_iteration (NULL, FALSE))
        g_usleep (10000);
    }
  if (!seen)
    g_ptr_array_add (unexplained, g_strdup_printf ("Prism's log of %s never showed %s", mock->name, marker));

  for (guint i = 0; i < mock->log->len; i++)
    {
      const char *line = g_ptr_array_index (mock->log, i);
      const char *said;
      gboolean known = FALSE;

      if (strstr (line, "[VALIDATOR]") == NULL || (said = validator_message (line)) == NULL)
        continue;
      for (guint j = 0; j < mock->all_messages->len && !known; j++)
        known = g_strcmp0 (g_ptr_array_index (mock->all_messages, j), said) == 0;
      if (!known)
        g_ptr_array_add (unexplained, g_strdup (line));
    }
  return unexplained;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-connect"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "lum-http.h"
#include "lum-util.h"

G_DEFINE_QUARK (lum-remote-error-quark, lum_remote_error)

#define CHUNK_SIZE (64 * 1024)

typedef struct
{
  SoupMessage     *message;
  GInputStream    *stream;
  GByteArray      *body;
} SendData;

static void
send_data_free (gpointer data)
{
  SendData *send = data;

  g_clear_object (&send->message);
  g_clear_object (&send->stream);
  g_clear_pointer (&send->body, g_byte_array_unref);
  g_free (send);
}

void
lum_http_response_free (LumHttpResponse *response)
{
  if (response == NULL)
    return;
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response);
}

static gint64
header_int (SoupMessageHeaders *headers,
            const char         *name)
{
  const char *value = soup_message_headers_get_one (headers, name);
  g_autofree char *copy = NULL;
  guint64 number;

  if (value == NULL)
    return -1;
  copy = g_strstrip (g_strdup (value));
  if (!g_ascii_string_to_unsigned (copy, 10, 0, G_MAXINT32, &number, NULL))
    return -1;
  return (gint64)number;
}

/* Retry-After: seconds, or an HTTP date. */
static gint64
retry_after_ms (SoupMessageHeaders *headers)
{
  const char *value = soup_message_headers_get_one (headers, "Retry-After");
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  gint64 seconds = header_int (headers, "Retry-After");

  if (seconds >= 0)
    return seconds * 1000;
  if (value == NULL)
    return -1;
  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return -1;
  now = g_date_time_new_now_utc ();
  return MAX (0, g_date_time_difference (when, now) / 1000);
}

static void
classify_transport_error (GError **error,
                          GError  *cause)
{
  gboolean not_sent = g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
                      g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
                      g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
                      cause->domain == G_RESOLVER_ERROR;

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (cause));
  else if (not_sent)
    g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NETWORK,
                 _("The service could not be reached: %s"), cause->message);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_TIMEOUT,
                 _("The service did not answer in time"));
  else
    g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_TIMEOUT,
                 _("The connection broke before the service answered: %s"), cause->message);
}

static void read_next_chunk (GTask *task);

static void
on_chunk_read_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendData *send = g_task_get_task_data (task);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &local_error);
  LumHttpResponse *response;

  if (chunk == NULL)
    {
      GError *error = NULL;
      classify_transport_error (&error, local_error);
      g_task_return_error (task, error);
      return;
    }

  if (g_bytes_get_size (chunk) > 0)
    {
      if (send->body->len + g_bytes_get_size (chunk) > LUM_HTTP_MAX_BODY)
        {
          g_task_return_new_error (task, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_INVALID_RESPONSE,
                                   _("The answer is larger than %d MiB"), LUM_HTTP_MAX_BODY / (1024 * 1024));
          return;
        }
      g_byte_array_append (send->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
      read_next_chunk (g_steal_pointer (&task));
      return;
    }

  response = g_new0 (LumHttpResponse, 1);
  response->status = soup_message_get_status (send->message);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (send->message));
  response->body = g_byte_array_free_to_bytes (g_steal_pointer (&send->body));
  response->retry_after_ms = retry_after_ms (response->headers);
  response->rate_remaining = header_int (response->headers, "X-Rate-Limit-Remaining");
  response->rate_reset_ms = header_int (response->headers, "X-Rate-Limit-Reset");
  if (response->rate_reset_ms >= 0)
    response->rate_reset_ms *= 1000;
  g_task_return_pointer (task, response, (GDestroyNotify)lum_http_response_free);
}

static void
read_next_chunk (GTask *task)
{
  SendData *send = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (send->stream, CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), on_chunk_read_cb, task);
}

static void
on_send_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendData *send = g_task_get_task_data (task);
  g_autoptr(GError) local_error = NULL;

  send->stream = soup_session_send_finish (SOUP_SESSION (source), result, &local_error);
  if (send->stream == NULL)
    {
      GError *error = NULL;
      classify_transport_error (&error, local_error);
      g_task_return_error (task, error);
      return;
    }
  send->body = g_byte_array_new ();
  read_next_chunk (g_steal_pointer (&task));
}

/**
 * lum_http_send_async:
 *
 * Sends @message and reads its whole answer (at most %LUM_HTTP_MAX_BODY).
 * Any HTTP status is a response; only transport failures are errors,
 * classified as %LUM_REMOTE_ERROR_NETWORK (nothing sent) or
 * %LUM_REMOTE_ERROR_TIMEOUT (may have arrived).
 */
void
lum_http_send_async (SoupSession         *session,
                     SoupMessage         *message,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GTask *task;
  SendData *send;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (SOUP_IS_MESSAGE (message));

  task = g_task_new (session, cancellable, callback, user_data);
  send = g_new0 (SendData, 1);

  g_task_set_source_tag (task, lum_http_send_async);
  send->message = g_object_ref (message);
  g_task_set_task_data (task, send, send_data_free);
  soup_session_send_async (session, message, G_PRIORITY_DEFAULT, cancellable, on_send_cb, task);
}

LumHttpResponse *
lum_http_send_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, lum_http_send_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

#define BODY_KEY         "lum-request-body"
#define CONTENT_TYPE_KEY "lum-request-content-type"

/**
 * lum_http_set_body:
 *
 * Sets the request body of @message and keeps it, so the message can be
 * sent again (after a 401 renewed its token) with lum_http_rewind_body():
 * libsoup reads a body once.
 */
void
lum_http_set_body (SoupMessage *message,
                   const char  *content_type,
                   GBytes      *bytes)
{
  g_object_set_data_full (G_OBJECT (message), BODY_KEY, g_bytes_ref (bytes), (GDestroyNotify)g_bytes_unref);
  g_object_set_data_full (G_OBJECT (message), CONTENT_TYPE_KEY, g_strdup (content_type), g_free);
  soup_message_set_request_body_from_bytes (message, content_type, bytes);
}

/* Gives @message its body again before it is sent once more. */
void
lum_http_rewind_body (SoupMessage *message)
{
  GBytes *bytes = g_object_get_data (G_OBJECT (message), BODY_KEY);

  if (bytes != NULL)
    soup_message_set_request_body_from_bytes (message, g_object_get_data (G_OBJECT (message), CONTENT_TYPE_KEY),
                                              bytes);
}

SoupMessage *
lum_http_new_json_message (const char *method,
                           const char *url,
                           JsonNode   *body,
                           const char *content_type)
{
  SoupMessage *message = soup_message_new (method, url);

  if (message == NULL)
    return NULL;
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept",
                                "application/json, application/hal+json");
  if (body != NULL)
    {
      char *text = lum_json_write (body, FALSE);
      g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));

      lum_http_set_body (message, content_type ? content_type : "application/json", bytes);
    }
  return message;
}

char *
lum_http_join_url (const char *base,
                   const char *path)
{
  gsize len = strlen (base);

  while (len > 0 && base[len - 1] == '/')
    len--;
  return g_strdup_printf ("%.*s%s%s", (int)len, base, *path == '/' ? "" : "/", path);
}

/* Whether the digits of an integer literal (sign apart) fit in 64 bits. */
static gboolean
fits_int64 (const char *digits,
            gsize       length,
            gboolean    negative)
{
  while (length > 1 && *digits == '0')
    {
      digits++;
      length--;
    }
  if (length != 19)
    return length < 19;
  return strncmp (digits, negative ? "9223372036854775808" : "9223372036854775807", 19) <= 0;
}

static gboolean
not_json (const char  *service,
          guint        status,
          GError     **error)
{
  g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_INVALID_RESPONSE,
               _("%s answered with something that is not JSON (HTTP %u)"), service, status);
  return FALSE;
}

/*
 * json-glib parses and frees nested values recursively, so a deep enough
 * answer exhausts the stack, and it reads an integer beyond 64 bits as
 * another number (-1, or one of the other sign). This reads the text first
 * as strict JSON does: strings in double quotes only, no comments (which
 * json-glib would take and which could hide brackets from this count).
 */
static gboolean
check_json_text (const char  *data,
                 gsize        size,
                 const char  *service,
                 guint        status,
                 GError     **error)
{
  guint depth = 0;

  for (gsize i = 0; i < size; i++)
    {
      char c = data[i];

      if (c == '"')
        {
          for (i++; i < size && data[i] != '"'; i++)
            if (data[i] == '\\')
              i++;
        }
      else if (c == '[' || c == '{')
        {
          if (++depth > LUM_HTTP_MAX_DEPTH)
            {
              g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_INVALID_RESPONSE,
                           _("%s answered with JSON nested deeper than %d levels (HTTP %u)"),
                           service, LUM_HTTP_MAX_DEPTH, status);
              return FALSE;
            }
        }
      else if (c == ']' || c == '}')
        depth = depth > 0 ? depth - 1 : 0;
      else if (c == '-' || g_ascii_isdigit (c))
        {
          gsize digits = i + (c == '-');
          gsize end = digits;

          while (end < size && g_ascii_isdigit (data[end]))
            end++;
          if (end < size && g_ascii_isalpha (data[end]) && data[end] != 'e' && data[end] != 'E')
            return not_json (service, status, error); /* 0x1F */
          if ((end >= size || (data[end] != '.' && data[end] != 'e' && data[end] != 'E')) &&
              !fits_int64 (data + digits, end - digits, c == '-'))
            {
              g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_INVALID_RESPONSE,
                           _("%s answered with a number too large to read (HTTP %u)"), service, status);
              return FALSE;
            }
          /* the rest of the number: fraction, exponent */
          while (end < size && (g_ascii_isdigit (data[end]) || data[end] == '.' || data[end] == 'e' ||
                                data[end] == 'E' || data[end] == '+' || data[end] == '-'))
            end++;
          i = end - 1;
        }
      else if (c == '\'' || c == '/' || c == '#' || c == '\0')
        return not_json (service, status, error);
    }
  return TRUE;
}

/**
 * lum_http_parse_json:
 * @service: (nullable): who answered, for the error; %NULL only without one
 *
 * The JSON of an answer: %NULL with %LUM_REMOTE_ERROR_INVALID_RESPONSE when
 * it is empty, not JSON, nested deeper than %LUM_HTTP_MAX_DEPTH or holds an
 * integer beyond 64 bits.
 */
JsonNode *
lum_http_parse_json (LumHttpResponse  *response,
                     const char       *service,
                     GError          **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize size;
  const char *data = g_bytes_get_data (response->body, &size);

  if (!check_json_text (data, size, service, response->status, error))
    return NULL;
  /* an empty or blank text loads without error and without a root */
  if (size == 0 || !json_parser_load_from_data (parser, data, size, NULL) || json_parser_get_root (parser) == NULL)
    {
      not_json (service, response->status, error);
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}

/* The body of an answer when it is short UTF-8 text: what a service said
 * in words when it did not say it in its JSON. */
char *
lum_http_response_text (LumHttpResponse *response)
{
  gsize size;
  const char *data;

  g_return_val_if_fail (response != NULL, NULL);

  data = g_bytes_get_data (response->body, &size);
  if (size > 0 && size < 500 && g_utf8_validate (data, size, NULL))
    return g_strndup (data, size);
  return NULL;
}

/**
 * lum_http_check_status:
 * @remote_message: (nullable): what the service said, for the error
 *
 * Turns a non-2xx status into the matching %LUM_REMOTE_ERROR.
 */
gboolean
lum_http_check_status (LumHttpResponse  *response,
                       const char       *service,
                       const char       *remote_message,
                       GError          **error)
{
  guint status = response->status;
  const char *said = remote_message && *remote_message ? remote_message : soup_status_get_phrase (status);

  if (status >= 200 && status < 300)
    return TRUE;
  if (status == 429)
    g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_RATE_LIMITED,
                 _("%s: too many requests (HTTP 429)"), service);
  else if (status == 401 || status == 403)
    g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_AUTH,
                 _("%s refused the credentials (HTTP %u): %s"), service, status, said);
  else if (status >= 500)
    g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_SERVER,
                 _("%s failed (HTTP %u): %s"), service, status, said);
  else
    g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_REJECTED,
                 _("%s refused the request (HTTP %u): %s"), service, status, said);
  return FALSE;
}

gboolean
lum_remote_error_is_retryable (const GError *error)
{
  if (error == NULL || error->domain != LUM_REMOTE_ERROR)
    return FALSE;
  switch (error->code)
    {
    case LUM_REMOTE_ERROR_NETWORK:
    case LUM_REMOTE_ERROR_TIMEOUT:
    case LUM_REMOTE_ERROR_SERVER:
    case LUM_REMOTE_ERROR_RATE_LIMITED:
    case LUM_REMOTE_ERROR_INVALID_RESPONSE:
      return TRUE;
    default:
      return FALSE;
    }
}

/* @date (ISO 8601, with or without a zone; a zoneless one is read as UTC)
 * less @minutes, written back without a zone; %NULL for an unreadable date. */
char *
lum_http_date_minus (const char *date,
                     int         minutes)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = date ? g_date_time_new_from_iso8601 (date, utc) : NULL;
  g_autoptr(GDateTime) earlier = NULL;

  if (dt == NULL)
    return NULL;
  earlier = g_date_time_add_minutes (dt, -minutes);
  return g_date_time_format (earlier, "%Y-%m-%dT%H:%M:%S");
}

/* -- what was sent, to show it ---------------------------------------------- */

#define EXCHANGE_BODY_MAX (256 * 1024)
#define MASK              "***"

/* The fields no body shown or stored may carry, as the sandbox's log masks
 * them (src/sandbox/lum-sandbox-log.c), and the credentials of our APIs.
 * Not its "code": an OAuth code only travels in token requests, which are
 * never kept, and QuickBooks says what went wrong in the "code" of a Fault. */
static const char * const secret_fields[] = {
  "client_secret", "refresh_token", "tpl", "access_token", "id_token", "password",
  "api_key", "apiKey", "api_secret", "apiSecret", "secret", "token", "authorization", NULL,
};

static gboolean
is_secret_field (const char *name)
{
  for (guint i = 0; secret_fields[i] != NULL; i++)
    if (g_ascii_strcasecmp (name, secret_fields[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean mask_node (JsonNode *node, guint depth);

static gboolean
mask_object (JsonObject *object,
             guint       depth)
{
  g_autoptr(GList) members = json_object_get_members (object);
  gboolean masked = FALSE;

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (is_secret_field (name))
        {
          json_object_set_string_member (object, name, MASK);
          masked = TRUE;
        }
      else
        masked |= mask_node (json_object_get_member (object, name), depth + 1);
    }
  return masked;
}

static gboolean
mask_node (JsonNode *node,
           guint     depth)
{
  gboolean masked = FALSE;

  if (node == NULL || depth > LUM_HTTP_MAX_DEPTH)
    return FALSE;
  if (JSON_NODE_HOLDS_OBJECT (node))
    return mask_object (json_node_get_object (node), depth);
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        masked |= mask_node (json_array_get_element (array, i), depth + 1);
    }
  return masked;
}

/**
 * lum_http_mask_secrets:
 *
 * @text as it may be kept and shown: the same bytes when it carries no
 * secret field, else its JSON written again with their values masked; a
 * text that is not UTF-8 is described, a long one cut.
 *
 * Returns: (transfer full) (nullable): %NULL for an empty text
 */
char *
lum_http_mask_secrets (const char *text,
                       gsize       length)
{
  g_autoptr(JsonParser) parser = NULL;
  const char *end = NULL;

  if (text == NULL || length == 0)
    return NULL;
  if (!g_utf8_validate_len (text, length, NULL) || memchr (text, '\0', length) != NULL)
    return g_strdup_printf (_("(%lu bytes that are not UTF-8 text)"), (unsigned long)length);

  parser = json_parser_new ();
  if (length <= EXCHANGE_BODY_MAX && check_json_text (text, length, "", 0, NULL) &&
      json_parser_load_from_data (parser, text, length, NULL) &&
      mask_node (json_parser_get_root (parser), 0))
    return lum_json_write (json_parser_get_root (parser), FALSE);
  if (length <= EXCHANGE_BODY_MAX)
    return g_strndup (text, length);

  /* too long to be read as JSON: cut, and no secret field may show */
  g_utf8_validate_len (text, EXCHANGE_BODY_MAX, &end);
  for (guint i = 0; secret_fields[i] != NULL; i++)
    {
      g_autofree char *quoted = g_strdup_printf ("\"%s\"", secret_fields[i]);

      if (g_strstr_len (text, end - text, quoted) != NULL)
        return g_strdup_printf (_("(%zu bytes, not shown)"), (size_t) length);
    }
  return g_strdup_printf ("%.*s… (%" G_GSIZE_FORMAT " bytes)", (int)(end - text), text, length);
}

/* A kept body to read: its JSON indented, or the text as it is. */
char *
lum_http_dup_pretty_body (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize length = text ? strlen (text) : 0;

  if (length == 0)
    return NULL;
  if (check_json_text (text, length, "", 0, NULL) && json_parser_load_from_data (parser, text, length, NULL) &&
      json_parser_get_root (parser) != NULL)
    return lum_json_write (json_parser_get_root (parser), TRUE);
  return g_strdup (text);
}

/* The body lum_http_set_body() gave @message, or %NULL. */
const char *
lum_http_get_body_text (SoupMessage *message,
                        gsize       *length)
{
  GBytes *bytes = g_object_get_data (G_OBJECT (message), BODY_KEY);

  *length = 0;
  return bytes != NULL ? g_bytes_get_data (bytes, length) : NULL;
}

/**
 * lum_http_exchange_new:
 * @body: (nullable): the part of the body that is the document's (one
 *   order of a batch), or %NULL for the whole body of @message
 * @response: (nullable): the answer, or %NULL when none came
 *
 * What @message sent and what came back, without credentials: no header is
 * kept, and secret fields of the bodies are masked.
 */
LumHttpExchange *
lum_http_exchange_new (SoupMessage     *message,
                       const char      *body,
                       LumHttpResponse *response)
{
  LumHttpExchange *exchange = g_new0 (LumHttpExchange, 1);
  GUri *uri = soup_message_get_uri (message);
  const char *query = g_uri_get_query (uri);
  gsize length = 0;
  const char *data = body;

  if (data == NULL)
    data = lum_http_get_body_text (message, &length);
  else
    length = strlen (body);
  exchange->method = g_strdup (soup_message_get_method (message));
  exchange->path = query ? g_strdup_printf ("%s?%s", g_uri_get_path (uri), query) : g_strdup (g_uri_get_path (uri));
  exchange->body = lum_http_mask_secrets (data, length);
  if (response != NULL)
    {
      gsize size = 0;
      const char *answer = g_bytes_get_data (response->body, &size);

      exchange->status = response->status;
      exchange->answer = lum_http_mask_secrets (answer, size);
    }
  return exchange;
}

void
lum_http_exchange_free (LumHttpExchange *exchange)
{
  if (exchange == NULL)
    return;
  g_free (exchange->method);
  g_free (exchange->path);
  g_free (exchange->body);
  g_free (exchange->answer);
  g_free (exchange);
}

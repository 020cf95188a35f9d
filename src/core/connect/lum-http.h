/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "lum-json.h"

G_BEGIN_DECLS

/**
 * LumRemoteError:
 * @LUM_REMOTE_ERROR_NETWORK: the service could not be reached; nothing arrived
 * @LUM_REMOTE_ERROR_TIMEOUT: no answer in time; the request may have arrived
 * @LUM_REMOTE_ERROR_SERVER: the service failed (5xx)
 * @LUM_REMOTE_ERROR_RATE_LIMITED: too many requests (429)
 * @LUM_REMOTE_ERROR_AUTH: the credentials were refused
 * @LUM_REMOTE_ERROR_REJECTED: the service refused the request (4xx); the
 *   message is the service's own
 * @LUM_REMOTE_ERROR_INVALID_RESPONSE: the answer was not what the API
 *   describes; the request may have arrived
 * @LUM_REMOTE_ERROR_NOT_CONFIGURED: a credential or setting is missing
 *
 * What went wrong talking to a remote service. The first four and the
 * invalid response are worth another attempt; the others are not.
 */
typedef enum
{
  LUM_REMOTE_ERROR_NETWORK,
  LUM_REMOTE_ERROR_TIMEOUT,
  LUM_REMOTE_ERROR_SERVER,
  LUM_REMOTE_ERROR_RATE_LIMITED,
  LUM_REMOTE_ERROR_AUTH,
  LUM_REMOTE_ERROR_REJECTED,
  LUM_REMOTE_ERROR_INVALID_RESPONSE,
  LUM_REMOTE_ERROR_NOT_CONFIGURED,
} LumRemoteError;

#define LUM_REMOTE_ERROR (lum_remote_error_quark ())
GQuark lum_remote_error_quark (void);

#define LUM_HTTP_MAX_BODY (16 * 1024 * 1024)
/* The APIs nest a few levels; json-glib recurses once per level. */
#define LUM_HTTP_MAX_DEPTH 64

typedef struct
{
  guint               status;
  SoupMessageHeaders *headers;
  GBytes             *body;
  gint64              retry_after_ms;   /* -1 when the answer did not say */
  gint64              rate_remaining;   /* -1 when unknown */
  gint64              rate_reset_ms;    /* -1 when unknown */
} LumHttpResponse;

void             lum_http_response_free        (LumHttpResponse     *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LumHttpResponse, lum_http_response_free)

void             lum_http_send_async           (SoupSession         *session,
                                                SoupMessage         *message,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
LumHttpResponse *lum_http_send_finish          (GAsyncResult        *result,
                                                GError             **error);

void             lum_http_set_body             (SoupMessage         *message,
                                                const char          *content_type,
                                                GBytes              *bytes);
void             lum_http_rewind_body          (SoupMessage         *message);
SoupMessage     *lum_http_new_json_message     (const char          *method,
                                                const char          *url,
                                                JsonNode            *body,
                                                const char          *content_type);
char            *lum_http_join_url             (const char          *base,
                                                const char          *path);
JsonNode        *lum_http_parse_json           (LumHttpResponse     *response,
                                                const char          *service,
                                                GError             **error);
char            *lum_http_response_text        (LumHttpResponse     *response);
gboolean         lum_http_check_status         (LumHttpResponse     *response,
                                                const char          *service,
                                                const char          *remote_message,
                                                GError             **error);
gboolean         lum_remote_error_is_retryable (const GError        *error);

/**
 * LumHttpExchange:
 * @method: the request's method
 * @path: the request's path and query (no host, no credentials)
 * @body: (nullable): the request body, secret fields masked
 * @status: the answer's status; 0 when no answer came
 * @answer: (nullable): the answer's body, secret fields masked
 *
 * What was sent for a document and what came back, to show it.
 */
typedef struct
{
  char  *method;
  char  *path;
  char  *body;
  guint  status;
  char  *answer;
} LumHttpExchange;

LumHttpExchange *lum_http_exchange_new         (SoupMessage         *message,
                                                const char          *body,
                                                LumHttpResponse     *response);
void             lum_http_exchange_free        (LumHttpExchange     *exchange);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LumHttpExchange, lum_http_exchange_free)
const char      *lum_http_get_body_text        (SoupMessage         *message,
                                                gsize               *length);
char            *lum_http_dup_pretty_body      (const char          *text);
char            *lum_http_mask_secrets         (const char          *text,
                                                gsize                length);

char            *lum_http_date_minus      (const char          *date,
                                          int                  minutes);

G_END_DECLS

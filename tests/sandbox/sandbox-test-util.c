/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "sandbox-test-util.h"

#include <string.h>

struct _SbPending
{
  SbFixture   *fixture;
  SoupMessage *message;
  SbResponse  *response;
  gboolean     done;
  gint64       started;
};

void
sb_fixture_setup (SbFixture     *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->sandbox = lum_sandbox_new ();
  g_assert_true (lum_sandbox_listen (f->sandbox, "127.0.0.1", 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lum_sandbox_get_port (f->sandbox), >, 0);
  f->base = lum_sandbox_dup_base_url (f->sandbox, NULL);
  /* No proxy: loopback only, and no GSettings lookup for proxy settings. */
  f->session = soup_session_new_with_options ("max-conns", 64, "max-conns-per-host", 32,
                                              "timeout", 30, "proxy-resolver", NULL, NULL);
}

void
sb_fixture_teardown (SbFixture     *f,
                     gconstpointer  data)
{
  g_clear_object (&f->session);
  lum_sandbox_stop (f->sandbox);
  g_clear_object (&f->sandbox);
  g_clear_pointer (&f->base, g_free);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
on_sent_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  SbPending *pending = user_data;
  SbResponse *response = pending->response;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  const char *data;

  response->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  response->elapsed_us = g_get_monotonic_time () - pending->started;
  if (error != NULL)
    response->error = g_steal_pointer (&error);
  else
    {
      response->status = soup_message_get_status (pending->message);
      response->headers = soup_message_headers_ref (soup_message_get_response_headers (pending->message));
      data = g_bytes_get_data (response->body, &length);
      if (length > 0)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          if (json_parser_load_from_data (parser, data, length, NULL))
            response->json = json_parser_steal_root (parser);
        }
    }
  pending->done = TRUE;
}

static SbPending *
start_with_header (SbFixture        *f,
                   const char       *method,
                   const char       *path,
                   const char       *header,
                   const char       *value,
                   const char       *content_type,
                   const char       *body,
                   gssize            length,
                   SoupMessageFlags  flags);

SbPending *
sb_start (SbFixture  *f,
          const char *method,
          const char *path,
          const char *authorization,
          const char *content_type,
          const char *body,
          gssize      length,
          SoupMessageFlags flags)
{
  return start_with_header (f, method, path, "Authorization", authorization, content_type, body, length, flags);
}

/* A request with @header (ShipStation API V2's API-Key, say) instead of
 * Authorization; JSON @body. */
SbResponse *
sb_send_with_header (SbFixture  *f,
                     const char *method,
                     const char *path,
                     const char *header,
                     const char *value,
                     const char *body)
{
  return sb_wait (start_with_header (f, method, path, header, value, NULL, body, -1, 0));
}

static SbPending *
start_with_header (SbFixture        *f,
                   const char       *method,
                   const char       *path,
                   const char       *header,
                   const char       *authorization,
                   const char       *content_type,
                   const char       *body,
                   gssize            length,
                   SoupMessageFlags  flags)
{
  g_autofree char *url = g_strconcat (f->base, path, NULL);
  SbPending *pending = g_new0 (SbPending, 1);

  pending->fixture = f;
  pending->response = g_new0 (SbResponse, 1);
  pending->message = soup_message_new (method, url);
  g_assert_nonnull (pending->message);
  if (authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (pending->message),
                                  header, authorization);
  soup_message_headers_replace (soup_message_get_request_headers (pending->message),
                                "Accept", "application/json");
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, length >= 0 ? (gsize)length : strlen (body));
      soup_message_set_request_body_from_bytes (pending->message,
                                                content_type != NULL ? content_type : "application/json",
                                                bytes);
    }
  soup_message_add_flags (pending->message, flags);
  pending->started = g_get_monotonic_time ();
  soup_session_send_and_read_async (f->session, pending->message, G_PRIORITY_DEFAULT, NULL,
                                    on_sent_cb, pending);
  return pending;
}

SbResponse *
sb_wait (SbPending *pending)
{
  SbResponse *response;

  while (!pending->done)
    g_main_context_iteration (NULL, TRUE);
  response = pending->response;
  g_object_unref (pending->message);
  g_free (pending);
  return response;
}

SbResponse *
sb_send (SbFixture  *f,
         const char *method,
         const char *path,
         const char *authorization,
         const char *body)
{
  return sb_wait (sb_start (f, method, path, authorization, NULL, body, -1, 0));
}

void
sb_response_free (SbResponse *response)
{
  if (response == NULL)
    return;
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->json, json_node_unref);
  g_clear_error (&response->error);
  g_free (response);
}

const char *
sb_header (SbResponse *response,
           const char *name)
{
  g_assert_nonnull (response->headers);
  return soup_message_headers_get_one (response->headers, name);
}

JsonObject *
sb_object (SbResponse *response)
{
  g_assert_no_error (response->error);
  g_assert_nonnull (response->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (response->json));
  return json_node_get_object (response->json);
}

JsonArray *
sb_array (SbResponse *response)
{
  g_assert_no_error (response->error);
  g_assert_nonnull (response->json);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (response->json));
  return json_node_get_array (response->json);
}

char *
sb_text (SbResponse *response)
{
  gsize length = 0;
  const char *data = response->body != NULL ? g_bytes_get_data (response->body, &length) : NULL;

  return g_strndup (data != NULL ? data : "", length);
}

char *
sb_basic (const char *user,
          const char *password)
{
  g_autofree char *pair = g_strconcat (user, ":", password, NULL);
  g_autofree char *encoded = g_base64_encode ((const guchar *)pair, strlen (pair));

  return g_strconcat ("Basic ", encoded, NULL);
}

char *
sb_bearer (const char *token)
{
  return g_strconcat ("Bearer ", token, NULL);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Waits while the main context keeps running, so the server answers. */
void
sb_sleep_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

JsonObject *
sb_parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* POSTs @json to /_sandbox@path over HTTP; returns the answer. */
JsonNode *
sb_control (SbFixture  *f,
            const char *path,
            const char *json,
            guint       expected_status)
{
  g_autofree char *full = g_strconcat ("/_sandbox", path, NULL);
  g_autoptr(SbResponse) response = sb_send (f, "POST", full, NULL, json);

  g_assert_no_error (response->error);
  if (response->status != expected_status)
    {
      g_autofree char *text = sb_text (response);
      g_error ("POST %s answered %u, not %u: %s", full, response->status, expected_status, text);
    }
  g_assert_nonnull (response->json);
  return g_steal_pointer (&response->json);
}

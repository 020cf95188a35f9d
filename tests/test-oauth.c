/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Connecting QuickBooks through the browser: the loopback listener takes
 * only the answer to the sign-in it started, on the port the integration
 * names, and the whole flow runs against the sandbox's authorization page.
 */
#include <libsoup/soup.h>

#include "connect/lum-oauth-listener.h"
#include "connect/lum-quickbooks.h"
#include "lum-secrets.h"
#include "lum-test-sandbox.h"
#include "lum-engine.h"
#include "lum-engine-setup.h"

typedef struct
{
  char     *code;
  char     *realm;
  GError   *error;
  gboolean  done;
} Waited;

static void
on_waited_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Waited *waited = user_data;

  waited->code = lum_oauth_listener_wait_finish (LUM_OAUTH_LISTENER (source), result, &waited->realm,
                                                 &waited->error);
  waited->done = TRUE;
}

typedef struct
{
  SoupMessage *msg;
  gboolean     done;
} Browse;

static void
on_browsed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Browse *browse = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);

  g_assert_no_error (error);
  browse->done = TRUE;
}

/* A GET, as the browser would, while the listener answers on the same
 * main context; returns the status. */
static guint
browse (SoupSession *session,
        const char  *uri)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  Browse browse = { msg, FALSE };

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, on_browsed_cb, &browse);
  while (!browse.done)
    g_main_context_iteration (NULL, TRUE);
  return soup_message_get_status (msg);
}

static guint
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
test_foreign_state_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumOAuthListener) listener = lum_oauth_listener_new (0, &error);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *foreign = NULL;
  g_autofree char *ours = NULL;
  g_autofree char *late = NULL;
  Waited waited = { 0, };

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (lum_oauth_listener_get_redirect_uri (listener), "http://localhost:"));
  lum_oauth_listener_wait_async (listener, 60, NULL, on_waited_cb, &waited);

  /* an answer to someone else's sign-in is refused, and the wait goes on */
  foreign = g_strdup_printf ("%s?state=not-ours&code=stolen", lum_oauth_listener_get_redirect_uri (listener));
  g_assert_cmpuint (browse (session, foreign), ==, SOUP_STATUS_BAD_REQUEST);
  g_assert_false (waited.done);

  ours = g_strdup_printf ("%s?state=%s&code=granted&realmId=4620816365", lum_oauth_listener_get_redirect_uri (listener),
                          lum_oauth_listener_get_state (listener));
  g_assert_cmpuint (browse (session, ours), ==, SOUP_STATUS_OK);
  while (!waited.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (waited.error);
  g_assert_cmpstr (waited.code, ==, "granted");
  g_assert_cmpstr (waited.realm, ==, "4620816365");

  /* once answered, the sign-in is over */
  late = g_strdup_printf ("%s?state=%s&code=again", lum_oauth_listener_get_redirect_uri (listener),
                          lum_oauth_listener_get_state (listener));
  g_assert_cmpuint (browse (session, late), ==, SOUP_STATUS_GONE);
  g_free (waited.code);
  g_free (waited.realm);
}

static void
test_access_denied (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumOAuthListener) listener = lum_oauth_listener_new (0, &error);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *denied = NULL;
  Waited waited = { 0, };

  g_assert_no_error (error);
  lum_oauth_listener_wait_async (listener, 60, NULL, on_waited_cb, &waited);
  denied = g_strdup_printf ("%s?state=%s&error=access_denied", lum_oauth_listener_get_redirect_uri (listener),
                            lum_oauth_listener_get_state (listener));
  g_assert_cmpuint (browse (session, denied), ==, SOUP_STATUS_OK);
  while (!waited.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (waited.code);
  g_assert_error (waited.error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_AUTH);
  g_assert_nonnull (strstr (waited.error->message, "access_denied"));
  g_clear_error (&waited.error);
}

static void
test_fixed_port (void)
{
  guint port = free_port ();
  g_autofree char *expected = g_strdup_printf ("http://localhost:%u/", port);
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  g_autoptr(GError) error = NULL;
  g_autoptr(LumOAuthListener) listener = lum_oauth_listener_new (port, &error);
  g_autoptr(LumOAuthListener) second = NULL;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (lum_oauth_listener_get_redirect_uri (listener), expected));

  /* the port is taken: the error says which */
  second = lum_oauth_listener_new (port, &error);
  g_assert_null (second);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, port_text));
}

typedef struct
{
  SoupSession *session;
  char        *authorization_url;
} Browser;

/* The user's browser: follows the authorization page's redirect home. */
static gboolean
open_in_browser (const char  *uri,
                 gpointer     user_data,
                 GError     **error)
{
  Browser *browser = user_data;
  SoupMessage *msg = soup_message_new ("GET", uri);

  g_free (browser->authorization_url);
  browser->authorization_url = g_strdup (uri);
  soup_session_send_and_read_async (browser->session, msg, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  g_object_unref (msg);
  return TRUE;
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Connected;

static void
on_connected_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Connected *connected = user_data;

  connected->ok = lum_sync_service_connect_quickbooks_finish (LUM_SYNC_SERVICE (source), result, &connected->error);
  connected->done = TRUE;
}

static void
on_finished_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Connected *connected = user_data;

  connected->ok = lum_sync_service_finish_quickbooks_sign_in_finish (LUM_SYNC_SERVICE (source), result,
                                                                     &connected->error);
  connected->done = TRUE;
}

static void
connect_world (LumTestWorld   *world,
               LumIntegration *integration,
               Browser        *browser,
               Connected      *connected)
{
  lum_sync_service_connect_quickbooks_async (world->service, integration, open_in_browser, browser, NULL,
                                             on_connected_cb, connected);
  while (!connected->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_connect_through_sandbox (void)
{
  LumTestWorld world = { 0, };
  Browser browser = { 0, };
  Connected connected = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *refresh_before = NULL;
  g_autofree char *refresh_after = NULL;
  g_autofree char *port_text = NULL;
  g_autofree char *redirect = NULL;
  guint port = free_port ();

  if (!lum_test_keyring_available ())
    {
      g_test_skip ("no Secret Service on the session bus");
      return;
    }
  lum_test_world_init (&world);
  world.quickbooks = lum_test_world_add_integration (&world, LUM_INTEGRATION_KIND_QUICKBOOKS, "Sandbox QuickBooks", NULL);
  browser.session = soup_session_new ();
  refresh_before = lum_secrets_lookup (world.quickbooks, LUM_SECRET_QUICKBOOKS_REFRESH_TOKEN, &error);
  g_assert_no_error (error);

  /* a redirect port that is not one is refused before anything starts */
  lum_integration_set_setting (world.quickbooks, LUM_SETTING_QUICKBOOKS_REDIRECT_PORT, "80000");
  connect_world (&world, world.quickbooks, &browser, &connected);
  g_assert_false (connected.ok);
  g_assert_nonnull (strstr (connected.error->message, "80000"));
  g_assert_null (browser.authorization_url);
  g_clear_error (&connected.error);

  port_text = g_strdup_printf ("%u", port);
  lum_integration_set_setting (world.quickbooks, LUM_SETTING_QUICKBOOKS_REDIRECT_PORT, port_text);
  g_free (redirect);
  redirect = g_strdup_printf ("http://localhost:%u/callback", port);
  g_assert_true (lum_sandbox_add_quickbooks_redirect_uri (world.sandbox, redirect, &error));
  lum_engine_save_integration (world.engine, world.quickbooks, &error);
  g_assert_no_error (error);
  connected = (Connected) { 0, };
  connect_world (&world, world.quickbooks, &browser, &connected);
  g_assert_no_error (connected.error);
  g_assert_true (connected.ok);

  /* the authorization page was asked to send the browser to our port */
  g_free (redirect);
  redirect = g_strdup_printf ("redirect_uri=http%%3A%%2F%%2Flocalhost%%3A%u%%2F", port);
  g_assert_nonnull (strstr (browser.authorization_url, redirect));
  g_assert_cmpuint (lum_sandbox_count_requests (world.sandbox, "quickbooks", "GET", "/connect/oauth2"), ==, 1);
  g_assert_cmpuint (lum_sandbox_count_requests (world.sandbox, "quickbooks", "POST", "/oauth2/v1/tokens/bearer"), >=, 1);

  /* the code became a new refresh token, kept in the keyring at once */
  refresh_after = lum_secrets_lookup (world.quickbooks, LUM_SECRET_QUICKBOOKS_REFRESH_TOKEN, &error);
  g_assert_no_error (error);
  g_assert_nonnull (refresh_after);
  g_assert_cmpstr (refresh_after, !=, refresh_before);

  g_clear_object (&browser.session);
  g_free (browser.authorization_url);
  lum_test_world_clear (&world);
}

/* -- the address pasted back ---------------------------------------------- */

#define PASTE_REDIRECT "https://lumen.example/intuit/callback"

static void
test_read_answer (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *realm = NULL;
  g_autofree char *code = NULL;
  g_autofree char *state = lum_oauth_new_state (&error);
  g_autofree char *other_state = lum_oauth_new_state (&error);
  g_autofree char *granted = NULL;
  g_autofree char *foreign = NULL;
  g_autofree char *denied = NULL;
  g_autofree char *codeless = NULL;
  g_autofree char *elsewhere = NULL;

  g_assert_no_error (error);
  /* 128 bits, URL-safe, fresh each time */
  g_assert_cmpuint (strlen (state), ==, 24);
  g_assert_cmpuint (strspn (state, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), ==, 24);
  g_assert_cmpstr (state, !=, other_state);

  /* The answer's shape: "code", "state" and "realmId" in the query of the
   * redirect URI (developer.intuit.com, QuickBooks Online, "Set up OAuth
   * 2.0", step "Receive the authorization code", as quoted in
   * github.com/intuit/oauth-pythonclient issue 28). */
  granted = g_strdup_printf ("  " PASTE_REDIRECT "?code=AB11612345&state=%s&realmId=4620816365\n", state);
  code = lum_oauth_read_answer (granted, PASTE_REDIRECT, state, &realm, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, "AB11612345");
  g_assert_cmpstr (realm, ==, "4620816365");

  foreign = g_strdup_printf (PASTE_REDIRECT "?code=AB11612345&state=%s&realmId=4620816365", other_state);
  g_assert_null (lum_oauth_read_answer (foreign, PASTE_REDIRECT, state, NULL, &error));
  g_assert_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, other_state));
  g_assert_null (strstr (error->message, "AB11612345"));
  g_clear_error (&error);

  denied = g_strdup_printf (PASTE_REDIRECT "?error=access_denied&state=%s", state);
  g_assert_null (lum_oauth_read_answer (denied, PASTE_REDIRECT, state, NULL, &error));
  g_assert_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "access_denied"));
  g_assert_nonnull (strstr (error->message, "declined"));
  g_clear_error (&error);

  codeless = g_strdup_printf (PASTE_REDIRECT "?state=%s&realmId=4620816365", state);
  g_assert_null (lum_oauth_read_answer (codeless, PASTE_REDIRECT, state, NULL, &error));
  g_assert_nonnull (strstr (error->message, "no authorization code"));
  g_clear_error (&error);

  /* another address: named without its query, which holds the code */
  elsewhere = g_strdup_printf ("https://evil.example/intuit/callback?code=AB11612345&state=%s", state);
  g_assert_null (lum_oauth_read_answer (elsewhere, PASTE_REDIRECT, state, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "https://evil.example/intuit/callback"));
  g_assert_nonnull (strstr (error->message, PASTE_REDIRECT));
  g_assert_null (strstr (error->message, "AB11612345"));
  g_clear_error (&error);

  g_assert_null (lum_oauth_read_answer ("  ", PASTE_REDIRECT, state, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
}

/* The authorization page's answer, as the browser would meet it: where it
 * sends the browser (its Location). */
static char *
follow_authorization (SoupSession *session,
                      const char  *url)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_FOUND);
  return g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location"));
}

static gboolean
finish_paste (LumTestWorld *world,
              const char   *state,
              const char   *answer,
              GError      **error)
{
  Connected connected = { 0, };

  lum_sync_service_finish_quickbooks_sign_in_async (world->service, world->quickbooks, state, answer, NULL,
                                                    on_finished_cb, &connected);
  while (!connected.done)
    g_main_context_iteration (NULL, TRUE);
  if (connected.error != NULL)
    g_propagate_error (error, connected.error);
  return connected.ok;
}

static void
test_paste_through_sandbox (void)
{
  LumTestWorld world = { 0, };
  g_autoptr(SoupSession) browser = soup_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;
  g_autofree char *url = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *refresh_before = NULL;
  g_autofree char *refresh_after = NULL;
  g_autofree char *stale_state = NULL;
  g_autofree char *stale_url = NULL;
  g_autofree char *other_company = NULL;
  Connected loopback = { 0, };

  if (!lum_test_keyring_available ())
    {
      g_test_skip ("no Secret Service on the session bus");
      return;
    }
  lum_test_world_init (&world);
  world.quickbooks = lum_test_world_add_integration (&world, LUM_INTEGRATION_KIND_QUICKBOOKS, "Sandbox QuickBooks", NULL);
  g_assert_true (lum_sandbox_set_quickbooks_app (world.sandbox, TRUE, &error));
  g_assert_true (lum_sandbox_add_quickbooks_redirect_uri (world.sandbox, PASTE_REDIRECT, &error));
  lum_integration_set_setting (world.quickbooks, LUM_SETTING_QUICKBOOKS_REDIRECT_URI, PASTE_REDIRECT);
  g_assert_true (lum_engine_save_integration (world.engine, world.quickbooks, &error));
  g_assert_true (lum_sync_service_quickbooks_signs_in_by_paste (world.quickbooks));
  refresh_before = lum_secrets_lookup (world.quickbooks, LUM_SECRET_QUICKBOOKS_REFRESH_TOKEN, &error);

  /* with a redirect URI, the loopback listener is not the way */
  lum_sync_service_connect_quickbooks_async (world.service, world.quickbooks, open_in_browser, NULL, NULL,
                                             on_connected_cb, &loopback);
  while (!loopback.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (loopback.ok);
  g_assert_nonnull (strstr (loopback.error->message, PASTE_REDIRECT));
  g_clear_error (&loopback.error);

  /* an answer to an older sign-in is refused */
  stale_url = lum_sync_service_begin_quickbooks_sign_in (world.service, world.quickbooks, &stale_state, &error);
  g_assert_no_error (error);
  url = lum_sync_service_begin_quickbooks_sign_in (world.service, world.quickbooks, &state, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (url, "redirect_uri=https%3A%2F%2Flumen.example%2Fintuit%2Fcallback"));
  g_assert_nonnull (strstr (url, state));
  g_assert_cmpstr (state, !=, stale_state);
  answer = follow_authorization (browser, stale_url);
  g_assert_false (finish_paste (&world, state, answer, &error));
  g_assert_nonnull (strstr (error->message, stale_state));
  g_clear_error (&error);

  /* a company other than the integration's is refused, in words */
  g_free (answer);
  answer = follow_authorization (browser, url);
  lum_integration_set_setting (world.quickbooks, LUM_SETTING_QUICKBOOKS_REALM, "123145000000000");
  g_assert_false (finish_paste (&world, state, answer, &error));
  g_assert_nonnull (strstr (error->message, "123145000000000"));
  g_assert_nonnull (strstr (error->message, LUM_SANDBOX_QUICKBOOKS_REALM));
  g_clear_error (&error);
  lum_integration_set_setting (world.quickbooks, LUM_SETTING_QUICKBOOKS_REALM, LUM_SANDBOX_QUICKBOOKS_REALM);

  /* the right address: the code becomes a refresh token in the keyring */
  g_assert_true (finish_paste (&world, state, answer, &error));
  g_assert_no_error (error);
  refresh_after = lum_secrets_lookup (world.quickbooks, LUM_SECRET_QUICKBOOKS_REFRESH_TOKEN, &error);
  g_assert_nonnull (refresh_after);
  g_assert_cmpstr (refresh_after, !=, refresh_before);

  lum_test_world_clear (&world);
}

static void
test_production_needs_https (void)
{
  LumTestWorld world = { 0, };
  g_autoptr(LumIntegration) books = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;
  g_autofree char *url = NULL;
  Connected connected = { 0, };

  lum_test_world_init (&world);
  books = lum_integration_new (LUM_INTEGRATION_KIND_QUICKBOOKS, "Books");
  lum_integration_set_setting (books, LUM_SETTING_QUICKBOOKS_REALM, "4620816365");
  lum_integration_set_setting (books, LUM_SETTING_QUICKBOOKS_CLIENT_ID, "ABcd1234");
  g_assert_true (lum_engine_save_integration (world.engine, books, &error));
  g_assert_true (lum_quickbooks_is_production (books));
  g_assert_true (lum_sync_service_quickbooks_signs_in_by_paste (books));

  /* no loopback for a production company: Intuit would not send the browser there */
  lum_sync_service_connect_quickbooks_async (world.service, books, open_in_browser, NULL, NULL, on_connected_cb,
                                             &connected);
  while (!connected.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (connected.ok);
  g_assert_error (connected.error, LUM_SETUP_ERROR, LUM_SETUP_ERROR_REDIRECT_URI);
  g_assert_nonnull (strstr (connected.error->message, "https"));
  g_clear_error (&connected.error);
  url = lum_sync_service_begin_quickbooks_sign_in (world.service, books, &state, &error);
  g_assert_null (url);
  g_assert_error (error, LUM_SETUP_ERROR, LUM_SETUP_ERROR_REDIRECT_URI);
  g_clear_error (&error);

  /* http://localhost is for development keys only */
  lum_integration_set_setting (books, LUM_SETTING_QUICKBOOKS_REDIRECT_URI, "http://localhost:8080/callback");
  g_assert_false (lum_engine_save_integration (world.engine, books, &error));
  g_assert_error (error, LUM_SETUP_ERROR, LUM_SETUP_ERROR_REDIRECT_URI);
  g_assert_nonnull (strstr (error->message, "http://localhost:8080/callback"));
  g_clear_error (&error);
  lum_integration_set_setting (books, LUM_SETTING_QUICKBOOKS_REDIRECT_URI, PASTE_REDIRECT);
  g_assert_true (lum_engine_save_integration (world.engine, books, &error));
  url = lum_sync_service_begin_quickbooks_sign_in (world.service, books, &state, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (url, LUM_QUICKBOOKS_AUTH_URL "?client_id=ABcd1234&response_type=code"));
  lum_test_world_clear (&world);
}

/* No credentials over plain http to another computer, for any kind, in
 * any address an integration keeps; this computer is fine. */
static void
test_no_plain_http (void)
{
  LumTestWorld world = { 0, };
  const struct { LumIntegrationKind kind; const char *field; const char *key; const char *url; int code; } refused[] = {
    { LUM_INTEGRATION_KIND_SHIPSTATION, "Base URL", NULL, "http://ssapi.shipstation.com", LUM_SETUP_ERROR_BASE_URL },
    { LUM_INTEGRATION_KIND_EXTENSIV, "Base URL", NULL, "http://secure-wms.com", LUM_SETUP_ERROR_BASE_URL },
    { LUM_INTEGRATION_KIND_QUICKBOOKS, "Base URL", NULL, "http://192.168.1.20:8080", LUM_SETUP_ERROR_BASE_URL },
    { LUM_INTEGRATION_KIND_QUICKBOOKS, "Base URL", NULL, "http://localhost.example.com", LUM_SETUP_ERROR_BASE_URL },
    { LUM_INTEGRATION_KIND_QUICKBOOKS, "Token URL", LUM_SETTING_QUICKBOOKS_TOKEN_URL,
      "http://oauth.platform.intuit.com/oauth2/v1/tokens/bearer", LUM_SETUP_ERROR_URL },
    { LUM_INTEGRATION_KIND_QUICKBOOKS, "Authorization URL", LUM_SETTING_QUICKBOOKS_AUTH_URL,
      "http://appcenter.intuit.com/connect/oauth2", LUM_SETUP_ERROR_URL },
    { LUM_INTEGRATION_KIND_QUICKBOOKS, "Redirect URI", LUM_SETTING_QUICKBOOKS_REDIRECT_URI,
      "http://lumen.example/callback", LUM_SETUP_ERROR_REDIRECT_URI },
  };
  const char *loopback[] = {
    "http://127.0.0.1:8080", "http://127.8.9.10", "http://localhost:3000", "http://LOCALHOST", "http://[::1]:4010",
  };
  g_autoptr(GError) error = NULL;

  lum_test_world_init (&world);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *name = g_strdup_printf ("Plain %u", i);
      g_autoptr(LumIntegration) integration = lum_integration_new (refused[i].kind, name);

      if (refused[i].key == NULL)
        lum_integration_set_base_url (integration, refused[i].url);
      else
        lum_integration_set_setting (integration, refused[i].key, refused[i].url);
      g_assert_false (lum_engine_save_integration (world.engine, integration, &error));
      g_assert_error (error, LUM_SETUP_ERROR, refused[i].code);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, refused[i].field));
      {
        /* a long address is shown by its first 40 characters */
        g_autofree char *start = g_utf8_substring (refused[i].url, 0, MIN (40, g_utf8_strlen (refused[i].url, -1)));
        g_assert_nonnull (strstr (error->message, start));
      }
      g_assert_cmpint (lum_integration_get_id (integration), ==, 0);
      g_clear_error (&error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (loopback); i++)
    {
      g_autofree char *name = g_strdup_printf ("Here %u", i);
      g_autoptr(LumIntegration) integration = lum_integration_new (LUM_INTEGRATION_KIND_QUICKBOOKS, name);

      lum_integration_set_base_url (integration, loopback[i]);
      lum_integration_set_setting (integration, LUM_SETTING_QUICKBOOKS_TOKEN_URL, loopback[i]);
      lum_integration_set_setting (integration, LUM_SETTING_QUICKBOOKS_AUTH_URL, loopback[i]);
      g_assert_true (lum_engine_save_integration (world.engine, integration, &error));
      g_assert_no_error (error);
    }
  lum_test_world_clear (&world);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/oauth/foreign-state-refused", test_foreign_state_refused);
  g_test_add_func ("/oauth/access-denied", test_access_denied);
  g_test_add_func ("/oauth/fixed-port", test_fixed_port);
  g_test_add_func ("/oauth/connect-through-sandbox", test_connect_through_sandbox);
  g_test_add_func ("/oauth/read-answer", test_read_answer);
  g_test_add_func ("/oauth/paste-through-sandbox", test_paste_through_sandbox);
  g_test_add_func ("/oauth/production-needs-https", test_production_needs_https);
  g_test_add_func ("/oauth/no-plain-http", test_no_plain_http);

  return g_test_run ();
}

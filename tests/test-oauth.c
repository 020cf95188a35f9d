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
  g_assert_true (g_str_has_prefix (lum_oauth_listener_get_redirect_uri (listener), "http://127.0.0.1:"));
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
  g_autofree char *expected = g_strdup_printf ("http://127.0.0.1:%u/", port);
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

  connected->ok = lum_engine_connect_quickbooks_finish (LUM_ENGINE (source), result, &connected->error);
  connected->done = TRUE;
}

static void
connect_world (LumTestWorld   *world,
               LumIntegration *integration,
               Browser        *browser,
               Connected      *connected)
{
  lum_engine_connect_quickbooks_async (world->engine, integration, open_in_browser, browser, NULL,
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
  lum_engine_save_integration (world.engine, world.quickbooks, &error);
  g_assert_no_error (error);
  connected = (Connected) { 0, };
  connect_world (&world, world.quickbooks, &browser, &connected);
  g_assert_no_error (connected.error);
  g_assert_true (connected.ok);

  /* the authorization page was asked to send the browser to our port */
  redirect = g_strdup_printf ("redirect_uri=http%%3A%%2F%%2F127.0.0.1%%3A%u%%2F", port);
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/oauth/foreign-state-refused", test_foreign_state_refused);
  g_test_add_func ("/oauth/access-denied", test_access_denied);
  g_test_add_func ("/oauth/fixed-port", test_fixed_port);
  g_test_add_func ("/oauth/connect-through-sandbox", test_connect_through_sandbox);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-test"

#include "lum-activity-page.h"
#include "lum-document-view.h"
#include "lum-integration-dialog.h"
#include "lum-integrations-page.h"
#include "lum-secrets.h"
#include "lum-test-sandbox.h"
#include "lum-util.h"
#include "connect/lum-quickbooks.h"
#include "sync-test-util.h"
#include "lum-engine-setup.h"

/* The Integrations and Activity pages against the sandbox (on its own
 * thread), driven through their actions and the dialog's rows. */

#define WRONG_SECRET "wrong-secret-7f3a9c"

typedef struct
{
  LumTestWorld  world;
  GtkWindow    *window;
  GtkWidget    *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GType (*get_type) (void) = data;

  if (!lum_test_keyring_available ())
    {
      g_test_skip ("No Secret Service for the credentials (run under .ci/session)");
      return;
    }
  lum_test_world_init (&f->world);
  f->page = g_object_new (get_type (), "engine", f->world.engine, NULL);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1000, 640);
  gtk_window_set_child (f->window, f->page);
  gtk_window_present (f->window);
  lum_ui_test_pump ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sync_test_close_toplevels ();
  lum_test_world_clear (&f->world);
}

static void
set_text (gpointer    dialog,
          const char *row,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (lum_ui_test_child (dialog, LUM_TYPE_INTEGRATION_DIALOG, row)), text);
}

static gboolean
row_visible (gpointer    dialog,
             const char *row)
{
  return gtk_widget_get_visible (lum_ui_test_child (dialog, LUM_TYPE_INTEGRATION_DIALOG, row));
}

/* Adds a ShipStation integration through the dialog, as a user would. */
static LumIntegration *
add_shipstation (Fixture    *f,
                 const char *name,
                 const char *secret)
{
  g_autofree char *url = lum_sandbox_dup_base_url (f->world.sandbox, "shipstation");
  LumIntegrationDialog *dialog;
  LumIntegration *added;

  gtk_widget_activate_action (f->page, "integrations.add", "s", "shipstation");
  lum_ui_test_pump ();
  dialog = sync_test_find_toplevel (LUM_TYPE_INTEGRATION_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Add ShipStation Integration");
  g_assert_true (row_visible (dialog, "api_key_row"));
  g_assert_true (row_visible (dialog, "api_secret_row"));
  g_assert_true (ADW_IS_PASSWORD_ENTRY_ROW (lum_ui_test_child (dialog, LUM_TYPE_INTEGRATION_DIALOG, "api_secret_row")));
  g_assert_false (row_visible (dialog, "tpl_row"));
  g_assert_false (row_visible (dialog, "authorization_group"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lum_ui_test_child (dialog, LUM_TYPE_INTEGRATION_DIALOG,
                                                                       "url_row"))),
                   ==, "https://ssapi.shipstation.com");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);

  set_text (dialog, "name_row", name);
  set_text (dialog, "url_row", url);
  set_text (dialog, "api_key_row", LUM_SANDBOX_SHIPSTATION_KEY);
  set_text (dialog, "api_secret_row", secret);
  sync_test_save_shot (GTK_WIDGET (dialog), "sync-integration-dialog-shipstation");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "integration.save", NULL);
  lum_ui_test_pump ();
  g_assert_null (dialog);

  added = lum_engine_find_integration (f->world.engine, name, NULL);
  g_assert_nonnull (added);
  g_assert_cmpstr (lum_integration_get_base_url (added), ==, url);
  return added;
}

typedef struct
{
  Fixture *f;
  gint64   id;
} Wait;

static gboolean
result_done (gpointer user_data)
{
  Wait *w = user_data;
  gboolean running = TRUE;
  const char *text = lum_integrations_page_get_result (LUM_INTEGRATIONS_PAGE (w->f->page), w->id, &running, NULL);

  return text != NULL && !running;
}

static const char *
test_connection (Fixture *f,
                 gint64   id,
                 gboolean *ok)
{
  Wait w = { f, id };
  gboolean running = FALSE;

  gtk_widget_activate_action (f->page, "integrations.test", "x", id);
  g_assert_nonnull (lum_integrations_page_get_result (LUM_INTEGRATIONS_PAGE (f->page), id, &running, NULL));
  g_assert_true (running);
  sync_test_wait (result_done, &w, 90, "the connection test");
  return lum_integrations_page_get_result (LUM_INTEGRATIONS_PAGE (f->page), id, NULL, ok);
}

static void
test_add_and_test (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(LumIntegration) good = NULL;
  g_autoptr(LumIntegration) wrong = NULL;
  g_autofree char *good_name = NULL;
  GtkWidget *list;
  const char *report;
  gboolean ok = FALSE;

  if (g_test_failed () || f->world.engine == NULL)
    return;

  good = add_shipstation (f, "Main ShipStation", LUM_SANDBOX_SHIPSTATION_SECRET);
  list = lum_ui_test_child (f->page, LUM_TYPE_INTEGRATIONS_PAGE, "list");
  good_name = g_strdup_printf ("integration-%" G_GINT64_FORMAT, lum_integration_get_id (good));
  g_assert_nonnull (sync_test_find_named (list, good_name));

  report = test_connection (f, lum_integration_get_id (good), &ok);
  g_assert_true (ok);
  g_assert_nonnull (strstr (report, "the API key and secret work"));
  g_assert_nonnull (strstr (report, "Wholesale"));
  g_assert_nonnull (strstr (report, "Retail"));
  /* The report is in a row of the list, under the integration's own. */
  {
    g_autofree char *result_name = g_strdup_printf ("result-%" G_GINT64_FORMAT, lum_integration_get_id (good));
    g_assert_nonnull (sync_test_find_named (list, result_name));
  }
  sync_test_save_shot (GTK_WIDGET (f->window), "sync-integrations-tested");

  wrong = add_shipstation (f, "Wrong ShipStation", WRONG_SECRET);
  report = test_connection (f, lum_integration_get_id (wrong), &ok);
  g_assert_false (ok);
  g_assert_true (g_str_has_prefix (report, "The connection failed: "));
  g_assert_null (strstr (report, WRONG_SECRET));
  g_assert_null (strstr (report, LUM_SANDBOX_SHIPSTATION_KEY));
  /* The good one still says what it said. */
  report = lum_integrations_page_get_result (LUM_INTEGRATIONS_PAGE (f->page), lum_integration_get_id (good),
                                             NULL, &ok);
  g_assert_true (ok);
  sync_test_save_shot (GTK_WIDGET (f->window), "sync-integrations");
}

static gboolean
message_dialog_shown (gpointer user_data)
{
  return sync_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static void
test_delete_in_use (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumIntegration) still = NULL;
  gint64 id;
  AdwMessageDialog *dialog;

  if (g_test_failed () || f->world.engine == NULL)
    return;

  channel = lum_test_world_channel (&f->world, "Wholesale", f->world.shipstation, "1001", 0,
                                    LUM_INVOICE_TIMING_SO_CREATED, NULL);
  id = lum_integration_get_id (f->world.shipstation);
  gtk_widget_activate_action (f->page, "integrations.delete", "x", id);
  lum_ui_test_pump ();
  dialog = sync_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete “Sandbox ShipStation”?");
  adw_message_dialog_response (dialog, "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));
  sync_test_wait (message_dialog_shown, NULL, 30, "the refusal");

  /* The core's refusal, shown as it is; nothing deleted. */
  dialog = sync_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Integration Was Not Deleted");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Sandbox ShipStation"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Wholesale"));
  still = lum_engine_get_integration (f->world.engine, id, NULL);
  g_assert_nonnull (still);
  gtk_window_destroy (GTK_WINDOW (dialog));
  lum_ui_test_pump ();

  /* One that nothing uses goes, after the question. */
  id = lum_integration_get_id (f->world.extensiv);
  gtk_widget_activate_action (f->page, "integrations.delete", "x", id);
  lum_ui_test_pump ();
  dialog = sync_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (dialog, "delete");
  lum_ui_test_pump ();
  g_assert_null (lum_engine_get_integration (f->world.engine, id, NULL));
  {
    g_autofree char *row_name = g_strdup_printf ("integration-%" G_GINT64_FORMAT, id);
    g_assert_null (sync_test_find_named (f->page, row_name));
  }
}

static void
test_kinds_and_reconnect (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(LumIntegration) quickbooks = NULL;
  g_autofree char *name = NULL;
  LumIntegrationDialog *dialog;
  GtkWidget *row;
  g_autoptr(GError) error = NULL;

  if (g_test_failed () || f->world.engine == NULL)
    return;

  /* Extensiv: the 3PL's identifiers, one secret. */
  gtk_widget_activate_action (f->page, "integrations.add", "s", "extensiv");
  lum_ui_test_pump ();
  dialog = sync_test_find_toplevel (LUM_TYPE_INTEGRATION_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Add Extensiv 3PL Warehouse Manager Integration");
  g_assert_true (row_visible (dialog, "client_id_row") && row_visible (dialog, "client_secret_row") &&
                 row_visible (dialog, "tpl_row") && row_visible (dialog, "user_login_row") &&
                 row_visible (dialog, "customer_row") && row_visible (dialog, "facility_row"));
  g_assert_false (row_visible (dialog, "api_key_row"));
  g_assert_true (ADW_IS_PASSWORD_ENTRY_ROW (lum_ui_test_child (dialog, LUM_TYPE_INTEGRATION_DIALOG, "client_secret_row")));
  /* Missing identifiers are refused on their row, nothing stored. */
  set_text (dialog, "name_row", "Warehouse West");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "integration.save", NULL);
  lum_ui_test_pump ();
  g_assert_true (gtk_widget_has_css_class (lum_ui_test_child (dialog, LUM_TYPE_INTEGRATION_DIALOG, "client_id_row"),
                                           "error"));
  g_assert_null (lum_engine_find_integration (f->world.engine, "Warehouse West", NULL));
  sync_test_save_shot (GTK_WIDGET (dialog), "sync-integration-dialog-extensiv");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* QuickBooks: environment, company, the browser flow or a pasted token. */
  gtk_widget_activate_action (f->page, "integrations.add", "s", "quickbooks");
  lum_ui_test_pump ();
  dialog = sync_test_find_toplevel (LUM_TYPE_INTEGRATION_DIALOG);
  g_assert_true (row_visible (dialog, "environment_row") && row_visible (dialog, "realm_row") &&
                 row_visible (dialog, "authorization_group") && row_visible (dialog, "connect_button") &&
                 row_visible (dialog, "refresh_expander"));
  g_assert_false (row_visible (dialog, "url_row"));
  g_assert_true (ADW_IS_PASSWORD_ENTRY_ROW (lum_ui_test_child (dialog, LUM_TYPE_INTEGRATION_DIALOG, "refresh_token_row")));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (lum_ui_test_child (dialog, LUM_TYPE_INTEGRATION_DIALOG,
                                                                  "refresh_expander")), TRUE);
  sync_test_save_shot (GTK_WIDGET (dialog), "sync-integration-dialog-quickbooks");
  gtk_window_destroy (GTK_WINDOW (dialog));
  lum_ui_test_pump ();

  /* A QuickBooks integration that needs reconnecting says so. */
  quickbooks = lum_test_world_add_integration (&f->world, LUM_INTEGRATION_KIND_QUICKBOOKS, "Books", NULL);
  lum_integration_set_state (quickbooks, LUM_QUICKBOOKS_NEEDS_RECONNECT);
  g_assert_true (lum_engine_save_integration (f->world.engine, quickbooks, &error));
  g_assert_no_error (error);
  lum_ui_test_pump ();
  name = g_strdup_printf ("integration-%" G_GINT64_FORMAT, lum_integration_get_id (quickbooks));
  row = sync_test_find_named (f->page, name);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_has_css_class (row, "lum-needs-reconnect"));
  g_assert_nonnull (sync_test_find_label (row, "Needs Reconnecting"));
  g_assert_nonnull (sync_test_find_label (row, "Reconnect"));
  sync_test_save_shot (GTK_WIDGET (f->window), "sync-integrations-reconnect");

  /* Editing keeps the stored secrets when their rows stay blank. */
  gtk_widget_activate_action (f->page, "integrations.edit", "x", lum_integration_get_id (quickbooks));
  lum_ui_test_pump ();
  dialog = sync_test_find_toplevel (LUM_TYPE_INTEGRATION_DIALOG);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lum_ui_test_child (dialog, LUM_TYPE_INTEGRATION_DIALOG,
                                                                       "realm_row"))),
                   ==, LUM_SANDBOX_QUICKBOOKS_REALM);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (lum_ui_test_child (dialog, LUM_TYPE_INTEGRATION_DIALOG,
                                                                              "environment_row"))), ==, 2);
  g_assert_true (row_visible (dialog, "url_row"));
  set_text (dialog, "name_row", "Company Books");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "integration.save", NULL);
  lum_ui_test_pump ();
  g_clear_object (&quickbooks);
  quickbooks = lum_engine_find_integration (f->world.engine, "Company Books", NULL);
  g_assert_nonnull (quickbooks);
  g_assert_cmpstr (lum_integration_get_setting (quickbooks, LUM_SETTING_QUICKBOOKS_REALM), ==,
                   LUM_SANDBOX_QUICKBOOKS_REALM);
  {
    g_autofree char *secret = lum_secrets_lookup (quickbooks, LUM_SECRET_QUICKBOOKS_CLIENT_SECRET, NULL);
    g_assert_cmpstr (secret, ==, LUM_SANDBOX_QUICKBOOKS_CLIENT_SECRET);
  }
}

static gboolean
uri_shown (gpointer overlay)
{
  return g_object_get_data (overlay, "lum-uri") != NULL;
}

static gboolean
connected (gpointer dialog)
{
  return gtk_widget_get_visible (lum_ui_test_child (dialog, LUM_TYPE_INTEGRATION_DIALOG, "connect_button"));
}

static void
on_browsed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);
  *(gboolean *)user_data = TRUE;
}

static gboolean
is_true (gpointer user_data)
{
  return *(gboolean *)user_data;
}

static void
test_connect_quickbooks (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(LumIntegration) books = NULL;
  g_autoptr(LumIntegration) stored = NULL;
  g_autoptr(SoupSession) browser = soup_session_new ();
  g_autoptr(SoupMessage) page = NULL;
  g_autoptr(GError) error = NULL;
  LumIntegrationDialog *dialog;
  GtkWidget *overlay, *connect_row;
  gboolean browsed = FALSE;
  g_autofree char *port_text = NULL;
  guint port;

  if (g_test_failed () || f->world.engine == NULL)
    return;

  /* An integration QuickBooks no longer accepts. */
  books = lum_test_world_add_integration (&f->world, LUM_INTEGRATION_KIND_QUICKBOOKS, "Books", NULL);
  lum_integration_set_state (books, LUM_QUICKBOOKS_NEEDS_RECONNECT);
  g_assert_true (lum_engine_save_integration (f->world.engine, books, &error));
  gtk_widget_activate_action (f->page, "integrations.edit", "x", lum_integration_get_id (books));
  lum_ui_test_pump ();
  dialog = sync_test_find_toplevel (LUM_TYPE_INTEGRATION_DIALOG);
  connect_row = lum_ui_test_child (dialog, LUM_TYPE_INTEGRATION_DIALOG, "connect_row");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (connect_row)), "connect again"));

  /* A port that is none is refused on its row. */
  set_text (dialog, "redirect_port_row", "70000");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "integration.connect", NULL);
  lum_ui_test_pump ();
  g_assert_true (gtk_widget_has_css_class (lum_ui_test_child (dialog, LUM_TYPE_INTEGRATION_DIALOG, "redirect_port_row"),
                                           "error"));
  /* The port of the address registered with the (sandbox's) Intuit app. */
  port = lum_sandbox_add_quickbooks_loopback_redirect (f->world.sandbox, &error);
  g_assert_no_error (error);
  port_text = g_strdup_printf ("%u", port);
  set_text (dialog, "redirect_port_row", port_text);

  /* Connect: the sign-in page opens (here no browser does, so the test is
   * the browser), QuickBooks sends it back to Lumen, the code is traded. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "integration.connect", NULL);
  g_assert_false (connected (dialog));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (connect_row)), "in your browser"));
  overlay = lum_ui_test_child (dialog, LUM_TYPE_INTEGRATION_DIALOG, "toast_overlay");
  sync_test_wait (uri_shown, overlay, 60, "the sign-in page");
  g_assert_true (g_str_has_prefix (g_object_get_data (G_OBJECT (overlay), "lum-uri"),
                                   lum_integration_get_base_url (books)));
  page = soup_message_new ("GET", g_object_get_data (G_OBJECT (overlay), "lum-uri"));
  soup_session_send_and_read_async (browser, page, G_PRIORITY_DEFAULT, NULL, on_browsed_cb, &browsed);
  sync_test_wait (is_true, &browsed, 60, "the browser");
  sync_test_wait (connected, dialog, 60, "the connection");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (connect_row)), "Connected."));

  stored = lum_engine_get_integration (f->world.engine, lum_integration_get_id (books), NULL);
  g_assert_cmpstr (lum_integration_get_state (stored), ==, "ok");
  g_assert_cmpstr (lum_integration_get_setting (stored, LUM_SETTING_QUICKBOOKS_REDIRECT_PORT), ==, port_text);
  sync_test_save_shot (GTK_WIDGET (dialog), "sync-integration-dialog-connected");
}

static gboolean
paste_dialog_shown (gpointer data)
{
  return sync_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

/* Where the authorization page sends the browser. */
static char *
authorization_redirect (const char *url)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr(GBytes) body = NULL;

  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  body = soup_session_send_and_read (session, message, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (message), ==, 302);
  return g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (message), "Location"));
}

static GtkWidget *
paste_entry (AdwMessageDialog *paste)
{
  return g_object_get_data (G_OBJECT (paste), "lum-entry");
}

#define PASTE_REDIRECT "https://lumen.example/intuit/callback"

/* A production company: the https redirect URI registered with Intuit, and
 * the address the browser ends on pasted into a dialog. */
static void
test_connect_by_paste (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(LumIntegration) books = NULL;
  g_autoptr(LumIntegration) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *tampered = NULL;
  LumIntegrationDialog *dialog;
  AdwMessageDialog *paste;
  GtkWidget *overlay, *group;
  char *state;

  if (g_test_failed () || f->world.engine == NULL)
    return;
  g_assert_true (lum_sandbox_add_quickbooks_redirect_uri (f->world.sandbox, PASTE_REDIRECT, &error));
  books = lum_test_world_add_integration (&f->world, LUM_INTEGRATION_KIND_QUICKBOOKS, "Books", NULL);
  gtk_widget_activate_action (f->page, "integrations.edit", "x", lum_integration_get_id (books));
  lum_ui_test_pump ();
  dialog = sync_test_find_toplevel (LUM_TYPE_INTEGRATION_DIALOG);

  /* plain http to another computer is refused on its row */
  set_text (dialog, "redirect_uri_row", "http://lumen.example/intuit/callback");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "integration.connect", NULL);
  lum_ui_test_pump ();
  g_assert_true (gtk_widget_has_css_class (lum_ui_test_child (dialog, LUM_TYPE_INTEGRATION_DIALOG, "redirect_uri_row"),
                                           "error"));
  g_assert_null (sync_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  set_text (dialog, "redirect_uri_row", PASTE_REDIRECT);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "integration.connect", NULL);
  overlay = lum_ui_test_child (dialog, LUM_TYPE_INTEGRATION_DIALOG, "toast_overlay");
  sync_test_wait (uri_shown, overlay, 60, "the sign-in page");
  sync_test_wait (paste_dialog_shown, NULL, 60, "the paste dialog");
  paste = ADW_MESSAGE_DIALOG (sync_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (paste), PASTE_REDIRECT));
  g_assert_false (adw_message_dialog_get_response_enabled (paste, "connect"));
  answer = authorization_redirect (g_object_get_data (G_OBJECT (overlay), "lum-uri"));

  /* an address of another sign-in: the dialog comes back and says why */
  tampered = g_strdup (answer);
  state = strstr (tampered, "state=");
  g_assert_nonnull (state);
  state[6] = state[6] == 'x' ? 'y' : 'x';
  gtk_editable_set_text (GTK_EDITABLE (paste_entry (paste)), tampered);
  g_assert_true (adw_message_dialog_get_response_enabled (paste, "connect"));
  adw_message_dialog_response (paste, "connect");
  gtk_window_destroy (GTK_WINDOW (paste));
  sync_test_wait (paste_dialog_shown, NULL, 60, "the paste dialog again");
  paste = ADW_MESSAGE_DIALOG (sync_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  group = adw_message_dialog_get_extra_child (paste);
  g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)),
                            "is not the one of this sign-in"));
  g_assert_true (gtk_widget_has_css_class (paste_entry (paste), "error"));
  sync_test_save_shot (GTK_WIDGET (paste), "sync-integration-paste-refused");

  /* the right address: connected */
  gtk_editable_set_text (GTK_EDITABLE (paste_entry (paste)), answer);
  adw_message_dialog_response (paste, "connect");
  gtk_window_destroy (GTK_WINDOW (paste));
  sync_test_wait (connected, dialog, 60, "the connection");
  stored = lum_engine_get_integration (f->world.engine, lum_integration_get_id (books), NULL);
  g_assert_cmpstr (lum_integration_get_setting (stored, LUM_SETTING_QUICKBOOKS_REDIRECT_URI), ==, PASTE_REDIRECT);
  g_assert_cmpstr (lum_integration_get_state (stored), ==, "ok");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (lum_ui_test_child (dialog,
                                                                                              LUM_TYPE_INTEGRATION_DIALOG,
                                                                                              "connect_row"))),
                            "Connected."));
}

/* No credentials over plain http to another computer, from the window. */
static void
test_plain_http_refused (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GListStore) integrations = NULL;
  LumIntegrationDialog *dialog;
  guint before;

  if (g_test_failed () || f->world.engine == NULL)
    return;
  integrations = lum_engine_list_integrations (f->world.engine, NULL);
  before = g_list_model_get_n_items (G_LIST_MODEL (integrations));
  dialog = lum_integration_dialog_new (GTK_WINDOW (f->window), f->world.engine, LUM_INTEGRATION_KIND_SHIPSTATION, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  set_text (dialog, "name_row", "Plain");
  set_text (dialog, "url_row", "http://ssapi.shipstation.com");
  set_text (dialog, "api_key_row", "key");
  set_text (dialog, "api_secret_row", "secret");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "integration.save", NULL);
  lum_ui_test_pump ();
  g_assert_true (gtk_widget_has_css_class (lum_ui_test_child (dialog, LUM_TYPE_INTEGRATION_DIALOG, "url_row"), "error"));
  g_clear_object (&integrations);
  integrations = lum_engine_list_integrations (f->world.engine, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (integrations)), ==, before);
  sync_test_save_shot (GTK_WIDGET (dialog), "sync-integration-plain-http");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* -- Activity ------------------------------------------------------------- */

static gboolean
accounts_settled (gpointer dialog)
{
  return gtk_widget_get_sensitive (lum_ui_test_child (dialog, LUM_TYPE_INTEGRATION_DIALOG, "income_account_row"));
}

static gboolean
accounts_failed (gpointer dialog)
{
  return gtk_widget_get_visible (lum_ui_test_child (dialog, LUM_TYPE_INTEGRATION_DIALOG,
                                                    "income_account_retry_button"));
}

/* The income account is chosen from the company's income accounts, listed
 * live; loading and a refusal show on the row, with Retry. */
static void
test_income_account (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(LumIntegration) quickbooks = NULL;
  g_autoptr(LumIntegration) saved = NULL;
  g_autoptr(GError) error = NULL;
  LumIntegrationDialog *dialog;
  AdwComboRow *row;
  GListModel *model;
  g_autofree char *label = NULL;

  quickbooks = lum_test_world_add_integration (&f->world, LUM_INTEGRATION_KIND_QUICKBOOKS, "Books", NULL);
  lum_ui_test_pump ();
  gtk_widget_activate_action (f->page, "integrations.edit", "x", lum_integration_get_id (quickbooks));
  dialog = LUM_INTEGRATION_DIALOG (sync_test_find_toplevel (LUM_TYPE_INTEGRATION_DIALOG));
  row = ADW_COMBO_ROW (lum_ui_test_child (dialog, LUM_TYPE_INTEGRATION_DIALOG, "income_account_row"));
  g_assert_true (row_visible (dialog, "invoicing_group"));
  g_assert_true (lum_ui_test_wait (accounts_settled, dialog, 10000));

  /* "Not chosen" and the four income accounts, the stored one selected */
  model = adw_combo_row_get_model (row);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  label = g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (model), adw_combo_row_get_selected (row)));
  g_assert_nonnull (strstr (label, "Sales of Product Income"));
  g_assert_false (row_visible (dialog, "income_account_retry_button"));
  sync_test_save_shot (GTK_WIDGET (dialog), "sync-integration-income-account");

  /* choose "Design income" (the last) and save */
  adw_combo_row_set_selected (row, 4);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "integration.save", NULL);
  lum_ui_test_pump ();
  saved = lum_engine_get_integration (f->world.engine, lum_integration_get_id (quickbooks), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lum_integration_get_setting (saved, LUM_SETTING_QUICKBOOKS_INCOME_ACCOUNT), ==, "82");

  /* refused credentials: the row says why and offers Retry, the stored
   * account kept */
  g_assert_true (lum_secrets_store (saved, LUM_SECRET_QUICKBOOKS_REFRESH_TOKEN, "never-issued", &error));
  gtk_widget_activate_action (f->page, "integrations.edit", "x", lum_integration_get_id (quickbooks));
  dialog = LUM_INTEGRATION_DIALOG (sync_test_find_toplevel (LUM_TYPE_INTEGRATION_DIALOG));
  row = ADW_COMBO_ROW (lum_ui_test_child (dialog, LUM_TYPE_INTEGRATION_DIALOG, "income_account_row"));
  g_assert_true (lum_ui_test_wait (accounts_failed, dialog, 10000));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "could not be listed"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  model = adw_combo_row_get_model (row);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 1);
}

static LumJob *
find_job (GListModel *model,
          gint64      order_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LumJob) job = g_list_model_get_item (model, i);

      if (lum_job_get_int (job, LUM_JOB_SALES_ORDER_ID) == order_id)
        return g_steal_pointer (&job);
    }
  return NULL;
}

static void
test_activity_retry (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(LumChannel) bad = NULL;
  g_autoptr(LumChannel) later = NULL;
  g_autoptr(LumDocument) failing = NULL;
  g_autoptr(LumDocument) waiting = NULL;
  g_autoptr(LumJob) job = NULL;
  g_autoptr(LumJob) first = NULL;
  g_autoptr(LumJob) stored = NULL;
  GListModel *model;
  GtkWidget *stack;
  gint64 job_id;

  if (g_test_failed () || f->world.engine == NULL)
    return;

  model = lum_activity_page_get_model (LUM_ACTIVITY_PAGE (f->page));
  stack = lum_ui_test_child (f->page, LUM_TYPE_ACTIVITY_PAGE, "content_stack");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");

  /* One push that waits 30 minutes, one that fails for good (no store 4040). */
  later = lum_test_world_channel (&f->world, "Later", f->world.shipstation, "1001", 30,
                                  LUM_INVOICE_TIMING_SO_CREATED, NULL);
  waiting = lum_test_world_post_order (&f->world, later, "Leave at the dock");
  bad = lum_test_world_channel (&f->world, "Broken", f->world.shipstation, "4040", LUM_PUSH_DELAY_IMMEDIATE,
                                LUM_INVOICE_TIMING_SO_CREATED, NULL);
  failing = lum_test_world_post_order (&f->world, bad, "Fragile");
  lum_test_world_push (&f->world);
  lum_ui_test_pump ();

  /* Failed first, with its error; then the scheduled one. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  first = g_list_model_get_item (model, 0);
  g_assert_cmpint (lum_job_get_state (first), ==, LUM_JOB_STATE_FAILED);
  g_assert_cmpint (lum_job_get_int (first, LUM_JOB_SALES_ORDER_ID), ==, lum_document_get_id (failing));
  g_assert_nonnull (strstr (lum_job_get_text (first, LUM_JOB_LAST_ERROR), "4040"));
  job = find_job (model, lum_document_get_id (waiting));
  g_assert_cmpint (lum_job_get_state (job), ==, LUM_JOB_STATE_SCHEDULED);
  sync_test_save_shot (GTK_WIDGET (f->window), "sync-activity");

  /* The failed filter shows only it. */
  lum_activity_page_set_filter (LUM_ACTIVITY_PAGE (f->page), "failed");
  lum_ui_test_pump ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  /* Retry schedules it again, due now; the page follows. */
  job_id = lum_job_get_id (first);
  gtk_widget_activate_action (f->page, "activity.retry", "x", job_id);
  lum_ui_test_pump ();
  stored = lum_engine_get_job (f->world.engine, job_id, NULL);
  g_assert_cmpint (lum_job_get_state (stored), ==, LUM_JOB_STATE_SCHEDULED);
  g_assert_cmpint (lum_job_get_int (stored, LUM_JOB_ATTEMPTS), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (lum_ui_test_child (f->page, LUM_TYPE_ACTIVITY_PAGE,
                                                                               "empty_page"))),
                   ==, "No Failed Jobs");

  /* Push Now makes the waiting order due at once. */
  lum_activity_page_set_filter (LUM_ACTIVITY_PAGE (f->page), NULL);
  lum_ui_test_pump ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  gtk_widget_activate_action (f->page, "activity.push-now", "x", lum_document_get_id (waiting));
  lum_ui_test_pump ();
  g_clear_object (&job);
  job = lum_test_world_last_job (&f->world, waiting);
  {
    g_autofree char *now = lum_engine_now_text (f->world.engine);
    g_assert_cmpstr (lum_job_get_text (job, LUM_JOB_DUE_AT), ==, now);
  }

  /* Cancel asks first, and says that the order itself is cancelled. */
  gtk_widget_activate_action (f->page, "activity.cancel-order", "x", lum_document_get_id (waiting));
  lum_ui_test_pump ();
  {
    AdwMessageDialog *dialog = sync_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
    g_autoptr(LumDocument) cancelled = NULL;

    g_assert_nonnull (dialog);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "The sales order itself is cancelled"));
    adw_message_dialog_response (dialog, "cancel-order");
    lum_ui_test_pump ();
    cancelled = lum_test_world_reload (&f->world, waiting);
    g_assert_cmpstr (lum_document_get_status (cancelled), ==, LUM_STATUS_CANCELLED);
  }
}

/* The numbers of the rows whose "Test" badge shows, in tree order. */
static void
collect_test_badges (GtkWidget *widget,
                     GString   *numbers)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (g_strcmp0 (gtk_widget_get_name (child), "test-badge") == 0 && gtk_widget_get_visible (child))
        {
          GtkWidget *number = gtk_widget_get_prev_sibling (child);

          g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child)), ==, "Test");
          g_string_append_printf (numbers, "%s%s", numbers->len ? " " : "", gtk_label_get_text (GTK_LABEL (number)));
        }
      collect_test_badges (child, numbers);
    }
}

/* Every text of the labels under @widget, one a line. */
static void
collect_label_texts (GtkWidget *widget,
                     GString   *texts)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_visible (child))
        g_string_append_printf (texts, "%s\n", gtk_label_get_text (GTK_LABEL (child)));
      collect_label_texts (child, texts);
    }
}

static LumDocument *
post_test_order (Fixture    *f,
                 LumChannel *channel)
{
  g_autoptr(GError) error = NULL;
  LumDocument *doc = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);
  g_autoptr(LumCustomer) customer = lum_engine_ensure_test_customer (f->world.engine, &error);
  g_autoptr(LumDocLine) line = lum_doc_line_new ("SKU-A", 1, -1);

  g_assert_no_error (error);
  lum_document_set_int (doc, LUM_DOC_CHANNEL_ID, lum_channel_get_id (channel));
  lum_document_set_int (doc, LUM_DOC_CUSTOMER_ID, lum_customer_get_id (customer));
  lum_document_set_is_test (doc, TRUE);
  lum_document_add_line (doc, line);
  g_assert_true (lum_engine_create_and_post_document (f->world.engine, doc, &error));
  g_assert_no_error (error);
  return doc;
}

/* A test order's job says it is a test, a real one's does not; an order's
 * timeline shows its times as people read them, none in ISO 8601. */
static void
test_activity_test_job_and_times (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(LumChannel) later = NULL;
  g_autoptr(LumDocument) real = NULL;
  g_autoptr(LumDocument) test = NULL;
  g_autoptr(LumJob) job = NULL;
  g_autoptr(GString) badges = g_string_new (NULL);
  g_autoptr(GString) texts = g_string_new (NULL);
  g_autoptr(GRegex) iso = g_regex_new ("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}", 0, 0, NULL);
  g_autofree char *due = NULL;
  g_autofree char *scheduled = NULL;
  LumDocumentView *view;

  if (g_test_failed () || f->world.engine == NULL)
    return;

  later = lum_test_world_channel (&f->world, "Later", f->world.shipstation, "1001", 90,
                                  LUM_INVOICE_TIMING_SO_CREATED, NULL);
  real = lum_test_world_post_order (&f->world, later, "Leave at the dock");
  test = post_test_order (f, later);
  lum_ui_test_pump ();

  g_assert_cmpstr (lum_document_get_number (real), ==, "SO-000001");
  g_assert_cmpstr (lum_document_get_number (test), ==, "TEST-SO-000001");
  g_assert_cmpuint (g_list_model_get_n_items (lum_activity_page_get_model (LUM_ACTIVITY_PAGE (f->page))), ==, 2);
  collect_test_badges (f->page, badges);
  g_assert_cmpstr (badges->str, ==, "TEST-SO-000001");
  sync_test_save_shot (GTK_WIDGET (f->window), "activity-test-job");

  /* the push due in 90 minutes, in the one format of a time */
  job = lum_test_world_last_job (&f->world, real);
  due = lum_time_format_local (lum_job_get_text (job, LUM_JOB_DUE_AT));
  scheduled = g_strdup_printf ("Push to Sandbox ShipStation scheduled for %s", due);
  view = lum_document_view_new (f->window, f->world.engine, LUM_DOCUMENT_KIND_SALES_ORDER,
                                lum_document_get_id (real));
  gtk_window_present (GTK_WINDOW (view));
  lum_ui_test_pump ();
  collect_label_texts (lum_ui_test_child (view, LUM_TYPE_DOCUMENT_VIEW, "timeline_list"), texts);
  g_assert_nonnull (strstr (texts->str, scheduled));
  if (g_regex_match (iso, texts->str, 0, NULL))
    g_error ("An ISO 8601 time in the timeline:\n%s", texts->str);
  lum_ui_test_scroll_to_end (lum_ui_test_child (view, LUM_TYPE_DOCUMENT_VIEW, "timeline_list"));
  sync_test_save_shot (GTK_WIDGET (view), "order-timeline-times");
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* An order's window shows what was sent to the OMS: the exact body with
 * the mapped field in bold, the answer, and the link into ShipStation. */
static void
test_document_sent (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) texts = g_string_new (NULL);
  g_autofree char *pretty = NULL;
  g_autofree char *shown = NULL;
  GtkWidget *sent, *request, *view, *link;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  GtkTextTag *mapped;
  LumDocumentView *view_window;

  if (g_test_failed () || f->world.engine == NULL)
    return;

  channel = lum_test_world_channel (&f->world, "Wholesale", f->world.shipstation, "1001", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SO_CREATED, NULL);
  lum_channel_add_mapping (channel, "shipping_notes", "advancedOptions.customField1");
  g_assert_true (lum_engine_save_channel (f->world.engine, channel, &error));
  g_assert_no_error (error);
  order = lum_test_world_post_order (&f->world, channel, "Leave at the dock");
  g_assert_cmpuint (lum_test_world_push (&f->world), ==, 1);
  job = lum_test_world_last_job (&f->world, order);
  g_assert_nonnull (lum_job_get_text (job, LUM_JOB_SENT_BODY));

  /* as a real account would be: the sandbox has no web app to open */
  lum_integration_set_setting (f->world.shipstation, LUM_SETTING_SANDBOX, NULL);
  g_assert_true (lum_engine_save_integration (f->world.engine, f->world.shipstation, &error));
  g_assert_no_error (error);

  view_window = lum_document_view_new (f->window, f->world.engine, LUM_DOCUMENT_KIND_SALES_ORDER,
                                       lum_document_get_id (order));
  gtk_window_present (GTK_WINDOW (view_window));
  lum_ui_test_pump ();

  sent = find_named (GTK_WIDGET (view_window), "sent");
  g_assert_nonnull (sent);
  g_assert_true (gtk_widget_is_visible (sent));
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (sent)), ==, "Sent to Sandbox ShipStation");
  request = find_named (sent, "sent-request");
  g_assert_nonnull (request);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (request), TRUE);
  collect_label_texts (sent, texts);
  g_assert_nonnull (strstr (texts->str, "The exact body, with 1 mapped field"));
  g_assert_nonnull (strstr (texts->str, "HTTP 200 OK"));

  /* the body is the one sent, indented; the mapped line in bold */
  view = find_named (request, "request-body");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  pretty = lum_http_dup_pretty_body (lum_job_get_text (job, LUM_JOB_SENT_BODY));
  g_assert_cmpstr (shown, ==, pretty);
  mapped = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "mapped");
  g_assert_nonnull (mapped);
  g_assert_true (gtk_text_iter_forward_search (&start, "\"customField1\" : \"Leave at the dock\"", 0,
                                               &start, &end, NULL));
  g_assert_true (gtk_text_iter_has_tag (&start, mapped));

  link = find_named (sent, "sent-link");
  g_assert_nonnull (link);
  g_assert_true (g_str_has_prefix (gtk_link_button_get_uri (GTK_LINK_BUTTON (link)),
                                   "https://ship.shipstation.com/orders/all-orders-search-result?quickSearch=SO-"));

  /* the section at the top of the shot */
  lum_ui_test_scroll_to_end (sent);
  for (guint i = 0; i < 20; i++)
    {
      g_usleep (20000);
      lum_ui_test_pump ();
    }
  sync_test_save_shot (GTK_WIDGET (view_window), "order-sent");
}

int
main (int   argc,
      char *argv[])
{
  lum_ui_test_init (&argc, &argv);

#define ADD(path, type, func) \
  g_test_add (path, Fixture, type, fixture_set_up, func, fixture_tear_down)

  ADD ("/ui/integrations/add-and-test", lum_integrations_page_get_type, test_add_and_test);
  ADD ("/ui/integrations/delete-in-use", lum_integrations_page_get_type, test_delete_in_use);
  ADD ("/ui/integrations/kinds-and-reconnect", lum_integrations_page_get_type, test_kinds_and_reconnect);
  ADD ("/ui/integrations/connect-quickbooks", lum_integrations_page_get_type, test_connect_quickbooks);
  ADD ("/ui/integrations/income-account", lum_integrations_page_get_type, test_income_account);
  ADD ("/ui/integrations/connect-by-paste", lum_integrations_page_get_type, test_connect_by_paste);
  ADD ("/ui/integrations/plain-http-refused", lum_integrations_page_get_type, test_plain_http_refused);
  ADD ("/ui/activity/retry", lum_activity_page_get_type, test_activity_retry);
  ADD ("/ui/activity/test-job-and-times", lum_activity_page_get_type, test_activity_test_job_and_times);
  ADD ("/ui/document/sent", lum_activity_page_get_type, test_document_sent);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-test"

#include <glib/gstdio.h>

#include "lum-application.h"
#include "lum-channel-editor.h"
#include "lum-documents-page.h"
#include "lum-engine-documents.h"
#include "lum-engine-setup.h"
#include "sync/lum-sync-remote.h"
#include "lum-help-window.h"
#include "lum-preferences-window.h"
#include "lum-sandbox-register.h"
#include "lum-test-dialog.h"
#include "lum-secrets.h"
#include "lum-test-sandbox.h"
#include "lum-welcome-page.h"
#include "lum-window.h"
#include "sync-test-util.h"

/* The application as a whole: the first run on the embedded defaults, the
 * welcome page, keeping on pushing without a window, preferences, help. */

static gboolean
skip_without_keyring (void)
{
  if (lum_test_keyring_available ())
    return FALSE;
  g_test_skip ("No Secret Service for the credentials (run under .ci/session)");
  return TRUE;
}

static void
clear_secrets (LumEngine *engine)
{
  g_autoptr(GListStore) integrations = lum_engine_list_integrations (engine, NULL);

  for (guint i = 0; integrations != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (integrations)); i++)
    {
      g_autoptr(LumIntegration) integration = g_list_model_get_item (G_LIST_MODEL (integrations), i);
      lum_secrets_clear (integration, NULL);
    }
}

static guint
count (GListStore *list)
{
  return list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (list)) : 0;
}

static gboolean
tested (gpointer user_data)
{
  return *(char **)user_data != NULL;
}

static void
on_tested_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **report = user_data;
  g_autoptr(GError) error = NULL;

  *report = lum_sync_service_test_integration_finish (LUM_SYNC_SERVICE (source), result, &error);
  if (*report == NULL)
    *report = g_strdup_printf ("ERROR %s", error->message);
}

static void
test_embedded_defaults (void)
{
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(LumSandbox) sandbox = NULL;
  g_autoptr(LumSandbox) again = NULL;
  g_autoptr(GListStore) integrations = NULL;
  g_autoptr(GListStore) customers = NULL;
  g_autoptr(GListStore) products = NULL;
  g_autoptr(LumIntegration) shipstation = NULL;
  g_autoptr(LumSyncService) service = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *report = NULL;
  const char *names[] = { LUM_SANDBOX_SHIPSTATION_NAME, LUM_SANDBOX_EXTENSIV_NAME, LUM_SANDBOX_QUICKBOOKS_NAME,
                          LUM_SANDBOX_SHIPSTATION_V2_NAME };
  gint64 id;
  GtkWidget *window, *page;

  if (skip_without_keyring ())
    return;

  /* A fresh database runs on the embedded defaults. */
  engine = lum_test_engine_new (NULL, NULL);
  g_assert_true (lum_embedded_sandbox_wanted (engine));
  sandbox = lum_embedded_sandbox_start (engine, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sandbox);

  integrations = lum_engine_list_integrations (engine, NULL);
  g_assert_cmpuint (count (integrations), ==, 4);
  url = g_strdup_printf ("http://127.0.0.1:%u/shipstation", lum_sandbox_get_port (sandbox));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(LumIntegration) integration = lum_engine_find_integration (engine, names[i], NULL);

      g_assert_nonnull (integration);
      g_assert_true (lum_integration_is_sandbox (integration));
    }
  shipstation = lum_engine_find_integration (engine, LUM_SANDBOX_SHIPSTATION_NAME, NULL);
  g_assert_cmpstr (lum_integration_get_base_url (shipstation), ==, url);
  id = lum_integration_get_id (shipstation);
  customers = lum_engine_search_customers (engine, "", 100, NULL);
  products = lum_engine_search_products (engine, "", 100, NULL);
  g_assert_cmpuint (count (customers), ==, 3);
  g_assert_cmpuint (count (products), ==, 5);

  /* The sandbox answers on this thread's main loop, with the credentials
   * that went to the keyring. */
  service = lum_sync_service_new (engine);
  lum_sync_service_test_integration_async (service, shipstation, NULL, on_tested_cb, &report);
  sync_test_wait (tested, &report, 60, "the test of Sandbox ShipStation");
  g_assert_nonnull (strstr (report, "the API key and secret work"));

  /* No channel yet: the welcome page, which says the sandbox is there. */
  g_assert_true (lum_welcome_page_should_show (engine));
  page = lum_welcome_page_new (engine);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  lum_ui_test_pump ();
  {
    GtkWidget *status = lum_ui_test_child (page, LUM_TYPE_WELCOME_PAGE, "status_page");
    GtkWidget *create = lum_ui_test_child (page, LUM_TYPE_WELCOME_PAGE, "create_button");
    GtkWidget *help = lum_ui_test_child (page, LUM_TYPE_WELCOME_PAGE, "help_button");

    g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "Welcome to Lumen");
    g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)),
                              "A sandbox of all three runs inside Lumen"));
    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (create)), ==, "_Create a Channel");
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (create)), ==, "win.new-channel");
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (help)), ==, "app.help");
  }
  sync_test_save_shot (window, "sync-welcome");
  gtk_window_destroy (GTK_WINDOW (window));

  /* The next start moves the same integrations to the new port. */
  lum_sandbox_stop (sandbox);
  again = lum_embedded_sandbox_start (engine, &error);
  g_assert_no_error (error);
  g_clear_object (&shipstation);
  shipstation = lum_engine_find_integration (engine, LUM_SANDBOX_SHIPSTATION_NAME, NULL);
  g_assert_cmpint (lum_integration_get_id (shipstation), ==, id);
  g_clear_pointer (&url, g_free);
  url = g_strdup_printf ("http://127.0.0.1:%u/shipstation", lum_sandbox_get_port (again));
  g_assert_cmpstr (lum_integration_get_base_url (shipstation), ==, url);
  g_clear_object (&integrations);
  integrations = lum_engine_list_integrations (engine, NULL);
  g_assert_cmpuint (count (integrations), ==, 4);
  lum_sandbox_stop (again);
  clear_secrets (engine);
}

static void
test_real_accounts_only (void)
{
  g_autoptr(LumEngine) engine = lum_test_engine_new (NULL, NULL);
  g_autoptr(LumIntegration) real = lum_integration_new (LUM_INTEGRATION_KIND_SHIPSTATION, "Our ShipStation");
  g_autoptr(GError) error = NULL;

  /* Nothing of the sandbox's: it is not started. */
  g_assert_true (lum_engine_save_integration (engine, real, &error));
  g_assert_no_error (error);
  g_assert_false (lum_embedded_sandbox_wanted (engine));
}

/* -- a notification server ------------------------------------------------ */

/* The session of the tests has none: this one records what Lumen shows. */
static GPtrArray *notifications;

static const char notifications_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='Notify'>"
  "      <arg type='s' direction='in'/><arg type='u' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/><arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "    <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "    <method name='GetServerInformation'>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "    </method>"
  "    <signal name='NotificationClosed'><arg type='u'/><arg type='u'/></signal>"
  "    <signal name='ActionInvoked'><arg type='u'/><arg type='s'/></signal>"
  "  </interface>"
  "</node>";

static void
on_notifications_call_cb (GDBusConnection       *connection,
                          const char            *sender,
                          const char            *object_path,
                          const char            *interface_name,
                          const char            *method_name,
                          GVariant              *parameters,
                          GDBusMethodInvocation *invocation,
                          gpointer               user_data)
{
  if (g_str_equal (method_name, "Notify"))
    {
      const char *summary = NULL, *body = NULL;

      g_variant_get_child (parameters, 3, "&s", &summary);
      g_variant_get_child (parameters, 4, "&s", &body);
      g_ptr_array_add (notifications, g_strdup_printf ("%s\n%s", summary, body));
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", notifications->len));
    }
  else if (g_str_equal (method_name, "GetCapabilities"))
    {
      const char *caps[] = { "body", "actions", NULL };
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else if (g_str_equal (method_name, "GetServerInformation"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ssss)", "test", "lumen", "1", "1.2"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
own_notification_server (void)
{
  static const GDBusInterfaceVTable vtable = { on_notifications_call_cb, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;

  notifications = g_ptr_array_new_with_free_func (g_free);
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus == NULL)
    return;
  info = g_dbus_node_info_new_for_xml (notifications_xml, NULL);
  g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications", info->interfaces[0],
                                     &vtable, NULL, NULL, NULL);
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.Notifications", 4),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
}

static gboolean
notified (gpointer user_data)
{
  for (guint i = 0; i < notifications->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (notifications, i), user_data))
      return TRUE;
  return FALSE;
}

/* -- the application ------------------------------------------------------ */

typedef void (*AppCheck) (LumApplication *app,
                          gpointer        data);

typedef struct
{
  AppCheck  check;
  gpointer  data;
  gboolean  checked;
} AppRun;

static gboolean
on_app_idle_cb (gpointer user_data)
{
  LumApplication *app = LUM_APPLICATION (g_application_get_default ());
  AppRun *run = user_data;

  if (gtk_application_get_active_window (GTK_APPLICATION (app)) == NULL &&
      gtk_application_get_windows (GTK_APPLICATION (app)) == NULL)
    return G_SOURCE_CONTINUE;
  lum_ui_test_pump ();
  run->check (app, run->data);
  run->checked = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs Lumen on @db with @extra_arg until @check quits it. */
static void
run_app (const char *db,
         const char *extra_arg,
         AppCheck    check,
         gpointer    data)
{
  g_autoptr(LumApplication) app = lum_application_new ();
  const char *argv[] = { "lumen", "--db", db, extra_arg, NULL };
  AppRun run = { check, data, FALSE };
  int status;

  g_timeout_add (100, on_app_idle_cb, &run);
  status = g_application_run (G_APPLICATION (app), extra_arg ? 4 : 3, (char **)argv);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (run.checked);
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
check_first_run (LumApplication *app,
                 gpointer        data)
{
  LumEngine *engine = lum_application_get_engine (app);
  g_autoptr(GListStore) integrations = lum_engine_list_integrations (engine, NULL);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = lum_application_dup_settings ();
  GtkStack *stack;
  GtkWidget *welcome_row;
  GtkWidget *editor;
  GtkWidget *test_button;

  g_assert_nonnull (lum_application_get_sandbox (app));
  g_assert_cmpuint (count (integrations), ==, 4);
  g_assert_true (LUM_IS_WINDOW (window));
  g_assert_true (lum_welcome_page_should_show (engine));
  g_assert_false (lum_application_get_in_background (app));

  /* The window opens on the welcome page, whose button starts a channel. */
  lum_ui_test_pump ();
  stack = GTK_STACK (lum_ui_test_child (window, LUM_TYPE_WINDOW, "stack"));
  welcome_row = sync_test_find_named (GTK_WIDGET (window), "welcome");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "welcome");
  g_assert_true (gtk_widget_get_visible (welcome_row));
  g_assert_nonnull (gtk_widget_get_parent (welcome_row));
  sync_test_save_shot (GTK_WIDGET (window), "sync-first-run");
  g_signal_emit_by_name (lum_ui_test_child (lum_window_get_page (LUM_WINDOW (window), "welcome"),
                                          LUM_TYPE_WELCOME_PAGE, "create_button"), "clicked");
  lum_ui_test_pump ();
  editor = GTK_WIDGET (sync_test_find_toplevel (LUM_TYPE_CHANNEL_EDITOR));
  g_assert_nonnull (editor);
  gtk_editable_set_text (GTK_EDITABLE (lum_ui_test_child (editor, LUM_TYPE_CHANNEL_EDITOR, "name_row")), "First Channel");
  gtk_widget_activate_action (editor, "editor.save", NULL);
  lum_ui_test_pump ();

  /* Saved: the toast offers the test, the last step of a set-up. */
  channel = lum_engine_find_channel (engine, "First Channel", &error);
  g_assert_no_error (error);
  test_button = find_button (GTK_WIDGET (window), "_Test");
  g_assert_nonnull (test_button);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (test_button)), ==, "app.test-channel");
  g_assert_cmpint (g_variant_get_int64 (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (test_button))), ==,
                   lum_channel_get_id (channel));

  /* The preference and the pages' own switch are one. */
  g_assert_nonnull (settings);
  g_settings_set_boolean (settings, "show-test-documents", TRUE);
  g_assert_true (lum_documents_page_get_show_test (LUM_DOCUMENTS_PAGE (lum_window_get_page (LUM_WINDOW (window),
                                                                                            "invoices"))));
  g_settings_set_boolean (settings, "show-test-documents", FALSE);
  g_assert_false (lum_documents_page_get_show_test (LUM_DOCUMENTS_PAGE (lum_window_get_page (LUM_WINDOW (window),
                                                                                             "sales-orders"))));

  /* With a channel, the welcome page gives way to the Channels page; its
   * row leaves the sidebar (a hidden row would shift AT-SPI's places). */
  g_assert_null (gtk_widget_get_parent (welcome_row));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "channels");
  clear_secrets (engine);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

static void
check_no_sandbox (LumApplication *app,
                  gpointer        data)
{
  g_autoptr(GListStore) integrations = lum_engine_list_integrations (lum_application_get_engine (app), NULL);
  g_autoptr(GSettings) settings = lum_application_dup_settings ();
  LumEngine *engine = lum_application_get_engine (app);

  g_assert_null (lum_application_get_sandbox (app));
  g_assert_cmpuint (count (integrations), ==, 0);

  /* Who: the system user until Preferences give a name, and that name at once */
  g_assert_cmpstr (lum_engine_get_actor_name (engine), ==, g_get_user_name ());
  g_settings_set_string (settings, "display-name", "Ana");
  lum_ui_test_pump ();
  g_assert_cmpstr (lum_engine_get_actor_name (engine), ==, "Ana");
  g_settings_reset (settings, "display-name");
  lum_ui_test_pump ();
  g_assert_cmpstr (lum_engine_get_actor_name (engine), ==, g_get_user_name ());
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

static char *
app_db_path (const char *name)
{
  return g_build_filename (g_get_user_data_dir (), name, NULL);
}

/* The next start, with a channel: the page the window showed last. */
static void
check_second_run (LumApplication *app,
                  gpointer        data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  GtkStack *stack = GTK_STACK (lum_ui_test_child (window, LUM_TYPE_WINDOW, "stack"));

  lum_ui_test_pump ();
  g_assert_false (lum_welcome_page_should_show (lum_application_get_engine (app)));
  g_assert_null (sync_test_find_named (GTK_WIDGET (window), "welcome")); /* not in the sidebar */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "sales-orders");
  clear_secrets (lum_application_get_engine (app));
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

static void
test_app_first_run (void)
{
  g_autofree char *db = app_db_path ("first-run.db");
  g_autoptr(GSettings) settings = NULL;

  if (skip_without_keyring ())
    return;
  run_app (db, NULL, check_first_run, NULL);

  settings = lum_application_dup_settings ();
  g_settings_set_string (settings, "last-page", "sales-orders");
  run_app (db, NULL, check_second_run, NULL);
}

/* A damaged database: the window says which file and what to do, in place
 * of the pages, and nothing is pushed from it. */
static void
check_damaged (LumApplication *app,
               gpointer        data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  GtkStack *stack = GTK_STACK (lum_ui_test_child (window, LUM_TYPE_WINDOW, "window_stack"));
  AdwStatusPage *page = ADW_STATUS_PAGE (lum_ui_test_child (window, LUM_TYPE_WINDOW, "error_page"));
  gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "error") != 0 && g_get_monotonic_time () < until)
    lum_ui_test_pump ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "error");
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "is damaged"));
  g_assert_nonnull (strstr (adw_status_page_get_description (page), ".recover"));
  sync_test_save_shot (GTK_WIDGET (window), "sync-damaged-database");
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

static void
test_app_damaged_database (void)
{
  g_autofree char *db = lum_test_damaged_database ();

  /* The pages that read the damaged table warn as well, as they should;
   * warnings stay non-fatal from here on, since reads still queued when
   * the application quits run in the next main loop: this test is last. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  run_app (db, "--no-sandbox", check_damaged, NULL);
}

static void
test_app_no_sandbox (void)
{
  g_autofree char *db = app_db_path ("no-sandbox.db");

  run_app (db, "--no-sandbox", check_no_sandbox, NULL);
}

static void
check_background (LumApplication *app,
                  gpointer        data)
{
  LumEngine *engine = lum_application_get_engine (app);
  g_autoptr(LumIntegration) shipstation = lum_engine_find_integration (engine, LUM_SANDBOX_SHIPSTATION_NAME, NULL);
  g_autoptr(LumCustomer) customer = lum_engine_find_customer (engine, "Acme Wholesale Supply", NULL);
  g_autoptr(LumChannel) channel = lum_engine_new_channel (engine, NULL);
  g_autoptr(LumDocument) order = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);
  g_autoptr(LumDocLine) line = lum_doc_line_new ("WID-100", 3, -1);
  g_autoptr(GError) error = NULL;
  GtkWindow *window = GTK_WINDOW (gtk_application_get_windows (GTK_APPLICATION (app))->data);

  /* An order whose push waits an hour. */
  lum_channel_set_name (channel, "Wholesale Sales Channel");
  lum_channel_set_internal (channel, TRUE);
  lum_channel_set_push_to_oms (channel, TRUE);
  lum_channel_set_oms_integration_id (channel, lum_integration_get_id (shipstation));
  lum_channel_set_oms_store_id (channel, "1001");
  lum_channel_set_push_delay_minutes (channel, 60);
  g_assert_true (lum_engine_save_channel (engine, channel, &error));
  g_assert_no_error (error);
  lum_document_set_int (order, LUM_DOC_CHANNEL_ID, lum_channel_get_id (channel));
  lum_document_set_int (order, LUM_DOC_CUSTOMER_ID, lum_customer_get_id (customer));
  lum_document_add_line (order, line);
  g_assert_true (lum_engine_create_and_post_document (engine, order, &error));
  g_assert_no_error (error);
  lum_ui_test_pump ();
  g_assert_cmpuint (lum_application_count_pending_jobs (app), ==, 1);

  /* Closing the window keeps Lumen running for it … */
  gtk_window_close (window);
  lum_ui_test_pump ();
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_assert_true (lum_application_get_in_background (app));
  sync_test_wait (notified, "Lumen keeps pushing in the background\n1 push is scheduled.", 60,
                  "the background notification");

  /* A push that fails meanwhile is a notification, since no window shows it. */
  {
    g_autoptr(LumChannel) broken = lum_engine_new_channel (engine, NULL);
    g_autoptr(LumDocument) doomed = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);
    g_autoptr(LumDocLine) doomed_line = lum_doc_line_new ("WID-100", 1, -1);
    g_autofree char *expected = NULL;

    lum_channel_set_name (broken, "Trade Show");
    lum_channel_set_push_to_oms (broken, TRUE);
    lum_channel_set_oms_integration_id (broken, lum_integration_get_id (shipstation));
    lum_channel_set_oms_store_id (broken, "4040");
    g_assert_true (lum_engine_save_channel (engine, broken, &error));
    lum_document_set_int (doomed, LUM_DOC_CHANNEL_ID, lum_channel_get_id (broken));
    lum_document_set_int (doomed, LUM_DOC_CUSTOMER_ID, lum_customer_get_id (customer));
    lum_document_add_line (doomed, doomed_line);
    g_assert_true (lum_engine_create_and_post_document (engine, doomed, &error));
    g_assert_no_error (error);
    expected = g_strdup_printf ("Push failed\nSales order %s: ", lum_document_get_number (doomed));
    sync_test_wait (notified, expected, 60, "the notification of the failed push");
    g_assert_cmpuint (lum_application_get_n_failed_jobs (app), ==, 1);
    g_assert_true (lum_application_get_in_background (app));
  }

  /* A window opened now counts the failed job beside Activity. */
  g_application_activate (G_APPLICATION (app));
  lum_ui_test_pump ();
  {
    GtkWidget *shown = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));
    GtkWidget *badge = sync_test_find_label (sync_test_find_named (shown, "activity"), "1");

    g_assert_nonnull (badge);
    g_assert_true (gtk_widget_get_visible (badge));
    g_assert_true (gtk_widget_has_css_class (badge, "lum-state-failed"));
    g_assert_cmpstr (gtk_widget_get_tooltip_text (badge), ==, "1 failed job");
    gtk_window_destroy (GTK_WINDOW (shown));
    lum_ui_test_pump ();
  }

  /* … until Quit, which needs no question without a window. */
  clear_secrets (engine);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

static void
test_app_background (void)
{
  g_autofree char *db = app_db_path ("background.db");

  if (skip_without_keyring ())
    return;
  run_app (db, NULL, check_background, NULL);
}

static gboolean
dialog_finished (gpointer dialog)
{
  return lum_test_dialog_get_finished (dialog);
}

/* The channel test sends its own jobs: the application's worker waits. */
static void
check_channel_test (LumApplication *app,
                    gpointer        data)
{
  LumEngine *engine = lum_application_get_engine (app);
  g_autoptr(LumIntegration) shipstation = lum_engine_find_integration (engine, LUM_SANDBOX_SHIPSTATION_NAME, NULL);
  g_autoptr(LumChannel) channel = lum_engine_new_channel (engine, NULL);
  g_autoptr(GError) error = NULL;
  GtkWindow *window = GTK_WINDOW (gtk_application_get_windows (GTK_APPLICATION (app))->data);
  LumChannelEditor *editor;
  LumTestDialog *dialog;
  LumChannelTest *test;

  lum_channel_set_name (channel, "Wholesale Sales Channel");
  lum_channel_set_internal (channel, TRUE);
  lum_channel_set_push_to_oms (channel, TRUE);
  lum_channel_set_oms_integration_id (channel, lum_integration_get_id (shipstation));
  lum_channel_set_oms_store_id (channel, "1001");
  lum_channel_set_push_delay_minutes (channel, LUM_PUSH_DELAY_IMMEDIATE);
  lum_channel_set_push_fulfillment_updates (channel, TRUE);
  g_assert_true (lum_engine_save_channel (engine, channel, &error));
  g_assert_no_error (error);

  editor = lum_channel_editor_new (window, engine, channel);
  gtk_window_present (GTK_WINDOW (editor));
  lum_ui_test_pump ();
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.test-channel", NULL);
  lum_ui_test_pump ();
  dialog = sync_test_find_toplevel (LUM_TYPE_TEST_DIALOG);
  g_assert_nonnull (dialog);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "test.run", NULL);
  sync_test_wait (dialog_finished, dialog, 180, "the channel test in the application");
  test = lum_test_dialog_get_test (dialog);
  g_assert_true (lum_channel_test_get_ok (test));
  g_assert_cmpuint (lum_application_count_pending_jobs (app), ==, 0);

  clear_secrets (engine);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

static void
test_app_channel_test (void)
{
  g_autofree char *db = app_db_path ("channel-test.db");

  if (skip_without_keyring ())
    return;
  run_app (db, NULL, check_channel_test, NULL);
}

/* -- preferences, help ---------------------------------------------------- */

static void
test_preferences (void)
{
  g_autoptr(LumEngine) engine = lum_test_engine_new (NULL, NULL);
  g_autoptr(GSettings) settings = lum_application_dup_settings ();
  g_autoptr(LumChannel) fresh = NULL;
  LumPreferencesWindow *prefs;
  LumChannelEditor *editor;
  GtkWidget *delay;
  AdwMessageDialog *dialog;

  g_assert_nonnull (settings);
  prefs = lum_preferences_window_new (NULL, engine);
  gtk_window_present (GTK_WINDOW (prefs));
  lum_ui_test_pump ();
  sync_test_save_shot (GTK_WIDGET (prefs), "sync-preferences");

  /* The interval in minutes, kept in seconds. */
  g_assert_cmpfloat (gtk_adjustment_get_value (GTK_ADJUSTMENT (gtk_widget_get_template_child (GTK_WIDGET (prefs),
                                                                                              LUM_TYPE_PREFERENCES_WINDOW,
                                                                                              "poll_adjustment"))),
                     ==, 5);
  gtk_adjustment_set_value (GTK_ADJUSTMENT (gtk_widget_get_template_child (GTK_WIDGET (prefs),
                                                                          LUM_TYPE_PREFERENCES_WINDOW,
                                                                          "poll_adjustment")), 10);
  g_assert_cmpuint (g_settings_get_uint (settings, "poll-interval"), ==, 600);

  /* The default delay: a number of minutes, or blank for immediately. */
  delay = lum_ui_test_child (prefs, LUM_TYPE_PREFERENCES_WINDOW, "delay_entry");
  gtk_editable_set_text (GTK_EDITABLE (delay), "15");
  g_assert_cmpint (g_settings_get_int (settings, "default-push-delay"), ==, 15);
  {
    int position = 2;

    /* As typed: "15" becomes "15x". */
    gtk_editable_insert_text (GTK_EDITABLE (delay), "x", 1, &position);
  }
  g_assert_true (gtk_widget_has_css_class (delay, "error"));
  g_assert_cmpint (g_settings_get_int (settings, "default-push-delay"), ==, 15);
  gtk_editable_set_text (GTK_EDITABLE (delay), "15");
  g_assert_false (gtk_widget_has_css_class (delay, "error"));

  gtk_switch_set_active (GTK_SWITCH (lum_ui_test_child (prefs, LUM_TYPE_PREFERENCES_WINDOW, "show_tests_switch")), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "show-test-documents"));

  /* Your name, for timelines and refusals */
  gtk_editable_set_text (GTK_EDITABLE (lum_ui_test_child (prefs, LUM_TYPE_PREFERENCES_WINDOW, "display_name_row")), "Ana");
  {
    g_autofree char *name = g_settings_get_string (settings, "display-name");
    g_assert_cmpstr (name, ==, "Ana");
  }

  /* Purging asks first. */
  gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.purge-test-documents", NULL);
  lum_ui_test_pump ();
  dialog = sync_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Purge Test Documents?");
  adw_message_dialog_response (dialog, "purge");
  lum_ui_test_pump ();
  gtk_window_destroy (GTK_WINDOW (prefs));
  lum_ui_test_pump ();

  /* A new channel starts with the default delay. */
  fresh = lum_engine_new_channel (engine, NULL);
  editor = lum_channel_editor_new (NULL, engine, fresh);
  gtk_window_present (GTK_WINDOW (editor));
  lum_ui_test_pump ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lum_ui_test_child (editor, LUM_TYPE_CHANNEL_EDITOR,
                                                                       "delay_entry"))), ==, "15");
  g_assert_false (lum_channel_editor_get_modified (editor));
  sync_test_close_toplevels ();
  g_settings_reset (settings, "default-push-delay");
  g_settings_reset (settings, "poll-interval");
  g_settings_reset (settings, "show-test-documents");
  g_settings_reset (settings, "display-name");
}

static void
test_help_and_shortcuts (void)
{
  g_autoptr(GtkBuilder) builder = NULL;
  LumHelpWindow *help;
  GObject *shortcuts;

  help = lum_help_window_show (NULL, "testing");
  lum_ui_test_pump ();
  g_assert_cmpstr (lum_help_window_get_topic (help), ==, "testing");
  g_assert_nonnull (sync_test_find_label (GTK_WIDGET (help), "Test a Channel"));
  g_assert_true (lum_help_window_show (NULL, "channel") == help);
  g_assert_cmpstr (lum_help_window_get_topic (help), ==, "channel");
  sync_test_save_shot (GTK_WIDGET (help), "sync-help");
  lum_help_window_set_topic (help, "no-such-topic");
  g_assert_cmpstr (lum_help_window_get_topic (help), ==, "getting-started");
  gtk_window_destroy (GTK_WINDOW (help));

  builder = gtk_builder_new_from_resource ("/io/github/lumenapp/Lumen/lum-shortcuts-window.ui");
  shortcuts = gtk_builder_get_object (builder, "shortcuts_window");
  g_assert_nonnull (shortcuts);
  g_assert_nonnull (sync_test_find_label (GTK_WIDGET (shortcuts), "Sync Now"));
  g_assert_nonnull (sync_test_find_label (GTK_WIDGET (shortcuts), "Test Channel"));
  gtk_window_destroy (GTK_WINDOW (shortcuts));
}

static void
assert_nothing_selected (GtkWidget *widget)
{
  int start, end;

  if (GTK_IS_LABEL (widget) && gtk_label_get_selection_bounds (GTK_LABEL (widget), &start, &end))
    g_error ("“%s” opens selected", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    assert_nothing_selected (child);
}

/* Whether a label under @widget shows @text as a heading: the role, the
 * look, and not selectable. */
static gboolean
has_heading (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0 &&
      gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) == GTK_ACCESSIBLE_ROLE_HEADING &&
      (gtk_widget_has_css_class (widget, "title-1") || gtk_widget_has_css_class (widget, "title-4")) &&
      !gtk_label_get_selectable (GTK_LABEL (widget)))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (has_heading (child, text))
      return TRUE;
  return FALSE;
}

/* The help window's headings are headings to a screen reader, and it opens
 * with nothing selected, wide and at 360 px, nor after changing topic. */
static void
test_help_headings (void)
{
  const int widths[] = { 900, 360 };

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      LumHelpWindow *help = g_object_new (LUM_TYPE_HELP_WINDOW, NULL);

      gtk_window_set_default_size (GTK_WINDOW (help), widths[i], 600);
      lum_help_window_set_topic (help, "channel");
      gtk_window_present (GTK_WINDOW (help));
      lum_ui_test_pump ();
      g_assert_true (has_heading (GTK_WIDGET (help), "Create a Channel"));
      g_assert_true (has_heading (GTK_WIDGET (help), "1. General"));
      g_assert_true (has_heading (GTK_WIDGET (help), "4. Invoicing and Sales Order Logic"));
      g_assert_false (has_heading (GTK_WIDGET (help), "Save with Save (Ctrl+S)."));
      g_assert_nonnull (sync_test_find_label (GTK_WIDGET (help), "Save with Save (Ctrl+S)."));
      assert_nothing_selected (GTK_WIDGET (help));

      lum_help_window_set_topic (help, "testing");
      lum_ui_test_pump ();
      assert_nothing_selected (GTK_WIDGET (help));
      sync_test_save_shot (GTK_WIDGET (help), widths[i] == 360 ? "sync-help-360" : "sync-help-headings");
      gtk_window_destroy (GTK_WINDOW (help));
      lum_ui_test_pump ();
    }
}

int
main (int   argc,
      char *argv[])
{
  lum_ui_test_init (&argc, &argv);
  own_notification_server ();

  g_test_add_func ("/ui/first-run/embedded-defaults", test_embedded_defaults);
  g_test_add_func ("/ui/first-run/real-accounts-only", test_real_accounts_only);
  g_test_add_func ("/ui/app/first-run", test_app_first_run);
  g_test_add_func ("/ui/app/no-sandbox", test_app_no_sandbox);
  g_test_add_func ("/ui/app/background", test_app_background);
  g_test_add_func ("/ui/app/channel-test", test_app_channel_test);
  g_test_add_func ("/ui/preferences", test_preferences);
  g_test_add_func ("/ui/help-and-shortcuts", test_help_and_shortcuts);
  g_test_add_func ("/ui/help/headings", test_help_headings);

  g_test_add_func ("/ui/app/damaged-database", test_app_damaged_database);

  return g_test_run ();
}

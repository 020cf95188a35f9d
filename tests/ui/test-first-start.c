/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-test"

#include <string.h>

#include "lum-application.h"
#include "lum-channel-editor.h"
#include "lum-engine-setup.h"
#include "lum-sandbox-register.h"
#include "lum-secrets.h"
#include "lum-test-dialog.h"
#include "lum-test-sandbox.h"
#include "lum-window.h"
#include "sync-test-util.h"

/*
 * The first start on a desktop without a Secret Service (meson runs this
 * under without-keyring.sh, a session bus that offers none): the window
 * appears, the built-in sandbox runs on its public credentials, and its
 * channel test passes. Nothing of this may wait on, or need, a keyring.
 */

typedef struct
{
  gboolean checked;
} AppRun;

static gboolean
dialog_finished (gpointer dialog)
{
  return lum_test_dialog_get_finished (dialog);
}

static void
check_first_start (LumApplication *app)
{
  LumEngine *engine = lum_application_get_engine (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autoptr(LumIntegration) shipstation = NULL;
  g_autoptr(LumChannel) channel = lum_engine_new_channel (engine, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  LumChannelEditor *editor;
  LumTestDialog *dialog;

  g_assert_nonnull (window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_nonnull (lum_application_get_sandbox (app));
  shipstation = lum_engine_find_integration (engine, LUM_SANDBOX_SHIPSTATION_NAME, &error);
  g_assert_no_error (error);
  /* the sandbox's public key, from this process, not from a keyring */
  key = lum_secrets_lookup (shipstation, LUM_SECRET_SHIPSTATION_API_KEY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, LUM_SANDBOX_SHIPSTATION_KEY);
  sync_test_save_shot (GTK_WIDGET (window), "first-start-no-keyring");

  /* the Integrations page says that there is no keyring, and what to do */
  {
    GtkWidget *notice;

    lum_window_show_page (LUM_WINDOW (window), "integrations");
    lum_ui_test_pump ();
    notice = sync_test_find_named (GTK_WIDGET (window), "keyring-notice");
    g_assert_nonnull (notice);
    sync_test_wait ((SyncTestCondition) gtk_widget_get_visible, notice, 30, "the notice of the missing keyring");
    g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (notice)), "No keyring (Secret Service) runs"));
    g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (notice)), "Start GNOME Keyring"));
    sync_test_save_shot (GTK_WIDGET (window), "first-start-no-keyring-integrations");
  }

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
  sync_test_wait (dialog_finished, dialog, 180, "the channel test without a keyring");
  g_assert_true (lum_channel_test_get_ok (lum_test_dialog_get_test (dialog)));
}

static gboolean
on_app_idle_cb (gpointer user_data)
{
  LumApplication *app = LUM_APPLICATION (g_application_get_default ());
  AppRun *run = user_data;

  if (gtk_application_get_active_window (GTK_APPLICATION (app)) == NULL)
    return G_SOURCE_CONTINUE;
  lum_ui_test_pump ();
  check_first_start (app);
  run->checked = TRUE;
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

/* gives up when the window has not appeared (a keyring prompt hides it) */
static gboolean
on_too_late_cb (gpointer user_data)
{
  g_error ("The window did not appear within 60 seconds of the first start");
  return G_SOURCE_REMOVE;
}

static void
test_first_start_without_keyring (void)
{
  g_autoptr(LumApplication) app = lum_application_new ();
  g_autofree char *db = g_build_filename (g_get_user_data_dir (), "first-start.db", NULL);
  const char *argv[] = { "lumen", "--db", db, NULL };
  AppRun run = { FALSE };
  guint too_late;

  /* the environment this test is about */
  g_assert_false (lum_test_keyring_available ());
  g_timeout_add (100, on_app_idle_cb, &run);
  too_late = g_timeout_add_seconds (60, on_too_late_cb, NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 3, (char **)argv), ==, 0);
  g_source_remove (too_late);
  g_assert_true (run.checked);
}

/* The core's copy of the sandbox's public credentials is the sandbox's. */
static void
check_public (LumIntegrationKind  kind,
              const char         *name,
              const char         *expected)
{
  g_autoptr(LumIntegration) integration = lum_integration_new (kind, "public");
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  lum_integration_set_id (integration, 4242);
  lum_integration_set_setting (integration, LUM_SETTING_SANDBOX, "true");
  lum_integration_set_setting (integration, LUM_SETTING_SANDBOX_REGISTERED, "true");
  value = lum_secrets_lookup (integration, name, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, expected);
}

static void
test_public_credentials (void)
{
  check_public (LUM_INTEGRATION_KIND_SHIPSTATION, LUM_SECRET_SHIPSTATION_API_KEY, LUM_SANDBOX_SHIPSTATION_KEY);
  check_public (LUM_INTEGRATION_KIND_SHIPSTATION, LUM_SECRET_SHIPSTATION_API_SECRET,
                LUM_SANDBOX_SHIPSTATION_SECRET);
  check_public (LUM_INTEGRATION_KIND_SHIPSTATION_V2, LUM_SECRET_SHIPSTATION_V2_API_KEY, LUM_SANDBOX_SHIPSTATION_KEY);
  check_public (LUM_INTEGRATION_KIND_EXTENSIV, LUM_SECRET_EXTENSIV_CLIENT_SECRET, LUM_SANDBOX_EXTENSIV_CLIENT_SECRET);
  check_public (LUM_INTEGRATION_KIND_QUICKBOOKS, LUM_SECRET_QUICKBOOKS_CLIENT_SECRET,
                LUM_SANDBOX_QUICKBOOKS_CLIENT_SECRET);
  /* issued by a running sandbox, never a constant */
  check_public (LUM_INTEGRATION_KIND_QUICKBOOKS, LUM_SECRET_QUICKBOOKS_REFRESH_TOKEN, NULL);
}

int
main (int   argc,
      char *argv[])
{
  lum_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/first-start/public-credentials", test_public_credentials);
  g_test_add_func ("/ui/first-start/without-keyring", test_first_start_without_keyring);
  return g_test_run ();
}

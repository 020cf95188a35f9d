/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-test"

#include <string.h>

#include <adwaita.h>

#include "lum-application.h"
#include "lum-database-page.h"
#include "lum-preferences-window.h"
#include "store/lum-db-server.h"
#include "ui-test-util.h"

/* Preferences › Database under Xvfb: a server chosen and filled in, the
 * setting without password, the password in the keyring (the session's,
 * .ci/session), and Test Connection in words, against the throw-away
 * cluster when $LUMEN_TEST_DB names one, else against a host that does
 * not exist. */

#define PASSWORD "pw-page-secret"

static GtkWidget *
child (gpointer    page,
       const char *name)
{
  return lum_ui_test_child (page, LUM_TYPE_DATABASE_PAGE, name);
}

static void
type_into (gpointer    page,
           const char *name,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (page, name)), text);
  lum_ui_test_pump ();
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_descendant (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
test_finished (gpointer user_data)
{
  return gtk_widget_get_sensitive (child (user_data, "test_button"));
}

static void
test_database_page (void)
{
  LumTestClock clock = { 0 };
  g_autoptr(LumEngine) engine = lum_test_engine_new (&clock, NULL);
  g_autoptr(GSettings) settings = lum_application_dup_settings ();
  const char *server_url = g_getenv ("LUMEN_TEST_DB");
  g_autoptr(LumDbServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *stored = NULL;
  LumPreferencesWindow *window;
  GtkWidget *page;
  const char *result;

  g_assert_nonnull (settings);
  g_settings_set_string (settings, "database", "");
  window = lum_preferences_window_new (NULL, engine);
  gtk_window_present (GTK_WINDOW (window));
  lum_ui_test_pump ();
  page = find_descendant (GTK_WIDGET (window), LUM_TYPE_DATABASE_PAGE);
  g_assert_true (LUM_IS_DATABASE_PAGE (page));
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  lum_ui_test_pump ();

  /* this computer at first: the server's rows wait */
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (child (page, "local_check"))));
  g_assert_false (gtk_widget_get_sensitive (child (page, "server_group")));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (page, "server_check")), TRUE);
  lum_ui_test_pump ();
  g_assert_true (gtk_widget_get_sensitive (child (page, "server_group")));
  type_into (page, "host_row", "db.invalid");
  type_into (page, "port_row", "5432");
  type_into (page, "dbname_row", "lumen");
  type_into (page, "user_row", "ana");
  saved = g_settings_get_string (settings, "database");
  g_assert_cmpstr (saved, ==, "postgresql://ana@db.invalid/lumen");

  /* TLS is verified on a server elsewhere; turning it off warns */
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (child (page, "tls_switch"))));
  g_assert_false (gtk_widget_has_css_class (child (page, "tls_row"), "warning"));
  gtk_switch_set_active (GTK_SWITCH (child (page, "tls_switch")), FALSE);
  lum_ui_test_pump ();
  g_assert_true (gtk_widget_has_css_class (child (page, "tls_row"), "warning"));
  g_clear_pointer (&saved, g_free);
  saved = g_settings_get_string (settings, "database");
  g_assert_cmpstr (saved, ==, "postgresql://ana@db.invalid/lumen?sslmode=require");
  gtk_switch_set_active (GTK_SWITCH (child (page, "tls_switch")), TRUE);

  /* the password: into the keyring, never into the setting */
  type_into (page, "password_row", PASSWORD);
  g_signal_emit_by_name (child (page, "password_row"), "apply");
  lum_ui_test_pump ();
  g_clear_pointer (&saved, g_free);
  saved = g_settings_get_string (settings, "database");
  g_assert_null (strstr (saved, PASSWORD));
  stored = lum_db_server_lookup_password (saved, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored, ==, PASSWORD);

  if (server_url != NULL && g_str_has_prefix (server_url, "postgres"))
    {
      server = lum_db_server_new_from_url (server_url, &error);
      g_assert_no_error (error);
      type_into (page, "host_row", server->host);
      type_into (page, "port_row", server->port);
      type_into (page, "dbname_row", server->dbname);
      type_into (page, "user_row", server->user);
      type_into (page, "password_row", "");
    }

  g_signal_emit_by_name (child (page, "test_button"), "clicked");
  g_assert_false (gtk_widget_get_sensitive (child (page, "test_button")));
  /* the window keeps drawing while libpq connects in a thread */
  lum_ui_test_pump ();
  g_assert_true (lum_ui_test_wait (test_finished, page, 30000));
  result = gtk_label_get_text (GTK_LABEL (child (page, "test_label")));
  g_test_message ("Test Connection: %s", result);
  g_assert_null (strstr (result, PASSWORD));
  if (server != NULL)
    {
      g_autofree char *expected = g_strdup_printf ("Connected to %s on %s as %s (PostgreSQL ", server->dbname,
                                                   server->host, server->user);
      g_assert_true (g_str_has_prefix (result, expected));
      g_assert_true (gtk_widget_has_css_class (child (page, "test_label"), "success"));
    }
  else
    {
      g_assert_nonnull (strstr (result, "db.invalid"));
      g_assert_null (strstr (result, "connection to server"));
      g_assert_true (gtk_widget_has_css_class (child (page, "test_label"), "error"));
    }
  lum_ui_test_shot ("database-page");
  lum_ui_test_scroll_to_end (child (page, "test_label"));
  lum_ui_test_shot ("database-page-result");
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  lum_ui_test_pump ();
  lum_ui_test_scroll_to_end (child (page, "test_label"));
  lum_ui_test_shot ("database-page-360");

  gtk_window_destroy (GTK_WINDOW (window));
  lum_ui_test_pump ();
}

int
main (int    argc,
      char **argv)
{
  lum_ui_test_init (&argc, &argv);
  g_test_add_func ("/database-page/server", test_database_page);
  return g_test_run ();
}

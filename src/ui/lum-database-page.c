/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "lum-database-page.h"
#include "store/lum-db-server.h"

/*
 * Preferences › Database: the file on this computer, or a PostgreSQL
 * server. The choice is the `database` setting (a URL without password,
 * read at the next start); the password goes to the keyring only.
 */
struct _LumDatabasePage
{
  AdwPreferencesPage    parent_instance;

  GSettings            *settings;
  GCancellable         *cancellable;
  gboolean              loading;

  AdwActionRow         *local_row;
  GtkCheckButton       *local_check;
  GtkCheckButton       *server_check;
  AdwPreferencesGroup  *server_group;
  AdwPreferencesGroup  *test_group;
  AdwEntryRow          *host_row;
  AdwEntryRow          *port_row;
  AdwEntryRow          *dbname_row;
  AdwEntryRow          *user_row;
  AdwPasswordEntryRow  *password_row;
  AdwActionRow         *tls_row;
  GtkSwitch            *tls_switch;
  GtkButton            *test_button;
  GtkSpinner           *test_spinner;
  GtkLabel             *test_label;
};

G_DEFINE_FINAL_TYPE (LumDatabasePage, lum_database_page, ADW_TYPE_PREFERENCES_PAGE)

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static char *
dup_server_url (LumDatabasePage *self)
{
  g_autofree char *host = g_strstrip (g_strdup (row_text (self->host_row)));
  LumDbServer server = {
    .host = host,
    .port = (char *)row_text (self->port_row),
    .dbname = (char *)row_text (self->dbname_row),
    .user = (char *)row_text (self->user_row),
    .sslmode = NULL,
  };

  if (*host == '\0')
    server.host = (char *)"localhost";
  /* verify-full is the default for a server elsewhere (lum-db-pg.c) */
  if (!lum_db_server_is_local (&server) && !gtk_switch_get_active (self->tls_switch))
    server.sslmode = (char *)"require";
  return lum_db_server_to_url (&server);
}

static void
show_result (LumDatabasePage *self,
             const char      *text,
             gboolean         failed)
{
  gtk_label_set_text (self->test_label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->test_label), failed ? "success" : "error");
  if (text != NULL && *text != '\0')
    gtk_widget_add_css_class (GTK_WIDGET (self->test_label), failed ? "error" : "success");
}

static void
update_tls_row (LumDatabasePage *self)
{
  const char *host = row_text (self->host_row);
  LumDbServer server = { .host = (char *)(*host ? host : "localhost") };

  if (lum_db_server_is_local (&server))
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->tls_switch), FALSE);
      adw_action_row_set_subtitle (self->tls_row, _("Not needed for a server on this computer"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->tls_row), "warning");
    }
  else if (gtk_switch_get_active (self->tls_switch))
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->tls_switch), TRUE);
      adw_action_row_set_subtitle (self->tls_row, _("Encrypted, and the server proves who it is (verify-full)"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->tls_row), "warning");
    }
  else
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->tls_switch), TRUE);
      adw_action_row_set_subtitle (self->tls_row,
                                   _("Off: another computer could pose as the server, read the orders and "
                                     "change them on the way. Only on a network you trust."));
      gtk_widget_add_css_class (GTK_WIDGET (self->tls_row), "warning");
    }
}

static void
save (LumDatabasePage *self)
{
  g_autofree char *url = NULL;
  gboolean server = gtk_check_button_get_active (self->server_check);

  gtk_widget_set_sensitive (GTK_WIDGET (self->server_group), server);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_group), server);
  update_tls_row (self);
  if (self->loading || self->settings == NULL)
    return;
  url = server ? dup_server_url (self) : g_strdup ("");
  g_settings_set_string (self->settings, "database", url);
}

static void
on_where_toggled_cb (LumDatabasePage *self)
{
  save (self);
}

static void
on_server_changed_cb (LumDatabasePage *self)
{
  show_result (self, "", FALSE);
  save (self);
}

static void
on_password_apply_cb (LumDatabasePage *self)
{
  g_autofree char *url = dup_server_url (self);
  g_autoptr(GError) error = NULL;
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (*password == '\0')
    return;
  if (!lum_db_server_store_password (url, password, &error))
    show_result (self, error->message, TRUE);
  else
    show_result (self, _("The password is saved in the keyring."), FALSE);
}

static void
on_test_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LumDatabasePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = lum_db_server_test_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_stop (self->test_spinner);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), TRUE);
  show_result (self, summary != NULL ? summary : error->message, summary == NULL);
}

static void
on_test_clicked_cb (LumDatabasePage *self)
{
  g_autofree char *url = dup_server_url (self);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  show_result (self, _("Connecting…"), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->test_label), "success");
  gtk_spinner_start (self->test_spinner);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), FALSE);
  lum_db_server_test_async (url, *password ? password : NULL, self->cancellable, on_test_done_cb,
                            g_object_ref (self));
}

static void
load (LumDatabasePage *self)
{
  g_autofree char *url = self->settings ? g_settings_get_string (self->settings, "database") : g_strdup ("");
  g_autofree char *file = g_build_filename (g_get_user_data_dir (), "lumen", "lumen.db", NULL);
  g_autoptr(LumDbServer) server = *url ? lum_db_server_new_from_url (url, NULL) : NULL;

  adw_action_row_set_subtitle (self->local_row, file);
  self->loading = TRUE;
  if (server != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->host_row), server->host);
      gtk_editable_set_text (GTK_EDITABLE (self->port_row), server->port);
      gtk_editable_set_text (GTK_EDITABLE (self->dbname_row), server->dbname);
      gtk_editable_set_text (GTK_EDITABLE (self->user_row), server->user);
      gtk_switch_set_active (self->tls_switch,
                             server->sslmode == NULL || g_str_equal (server->sslmode, "verify-full"));
      gtk_check_button_set_active (self->server_check, TRUE);
    }
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self->user_row), g_get_user_name ());
      gtk_check_button_set_active (self->local_check, TRUE);
    }
  save (self);
  self->loading = FALSE;
}

static void
lum_database_page_dispose (GObject *object)
{
  LumDatabasePage *self = LUM_DATABASE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), LUM_TYPE_DATABASE_PAGE);

  G_OBJECT_CLASS (lum_database_page_parent_class)->dispose (object);
}

static void
lum_database_page_class_init (LumDatabasePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lum_database_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lumenapp/Lumen/lum-database-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LumDatabasePage, local_row);
  gtk_widget_class_bind_template_child (widget_class, LumDatabasePage, local_check);
  gtk_widget_class_bind_template_child (widget_class, LumDatabasePage, server_check);
  gtk_widget_class_bind_template_child (widget_class, LumDatabasePage, server_group);
  gtk_widget_class_bind_template_child (widget_class, LumDatabasePage, test_group);
  gtk_widget_class_bind_template_child (widget_class, LumDatabasePage, host_row);
  gtk_widget_class_bind_template_child (widget_class, LumDatabasePage, port_row);
  gtk_widget_class_bind_template_child (widget_class, LumDatabasePage, dbname_row);
  gtk_widget_class_bind_template_child (widget_class, LumDatabasePage, user_row);
  gtk_widget_class_bind_template_child (widget_class, LumDatabasePage, password_row);
  gtk_widget_class_bind_template_child (widget_class, LumDatabasePage, tls_row);
  gtk_widget_class_bind_template_child (widget_class, LumDatabasePage, tls_switch);
  gtk_widget_class_bind_template_child (widget_class, LumDatabasePage, test_button);
  gtk_widget_class_bind_template_child (widget_class, LumDatabasePage, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, LumDatabasePage, test_label);
  gtk_widget_class_bind_template_callback (widget_class, on_where_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_server_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_password_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_test_clicked_cb);
}

static void
lum_database_page_init (LumDatabasePage *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * lum_database_page_new:
 * @settings: (nullable): the application's settings
 */
LumDatabasePage *
lum_database_page_new (GSettings *settings)
{
  LumDatabasePage *self = g_object_new (LUM_TYPE_DATABASE_PAGE, NULL);

  g_set_object (&self->settings, settings);
  load (self);
  return self;
}

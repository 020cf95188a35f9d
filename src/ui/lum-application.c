/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "lum-application.h"
#include "lum-window.h"

/* How often to look for changes that lumenctl or another window committed. */
#define EXTERNAL_CHECK_SECONDS 2

struct _LumApplication
{
  AdwApplication  parent_instance;

  char           *db_path;
  LumEngine      *engine;
  GError         *engine_error;
  guint           external_check_id;
};

G_DEFINE_FINAL_TYPE (LumApplication, lum_application, ADW_TYPE_APPLICATION)

static LumWindow *
find_window (LumApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (LUM_IS_WINDOW (active))
    return LUM_WINDOW (active);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (LUM_IS_WINDOW (l->data))
      return LUM_WINDOW (l->data);

  return NULL;
}

static LumWindow *
ensure_window (LumApplication *self)
{
  LumWindow *window = find_window (self);

  if (window == NULL)
    {
      g_autofree char *path = self->db_path ? g_strdup (self->db_path) : lum_engine_default_db_path ();
      window = lum_window_new (self, self->engine);
      if (self->engine == NULL)
        lum_window_show_database_error (window, path, self->engine_error);
    }
  return window;
}

static gboolean
on_external_check_cb (gpointer user_data)
{
  LumApplication *self = user_data;

  lum_engine_check_external_changes (self->engine);
  return G_SOURCE_CONTINUE;
}

static void
open_engine (LumApplication *self)
{
  if (self->engine != NULL || self->engine_error != NULL)
    return;

  self->engine = lum_engine_new (self->db_path, &self->engine_error);
  if (self->engine == NULL)
    {
      g_warning ("Cannot open the database: %s", self->engine_error->message);
      return;
    }

  self->external_check_id = g_timeout_add_seconds (EXTERNAL_CHECK_SECONDS, on_external_check_cb, self);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  LumApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing (not destroying) lets each main window save its size. */
  for (GList *l = windows; l != NULL; l = l->next)
    if (LUM_IS_WINDOW (l->data))
      gtk_window_close (GTK_WINDOW (l->data));

  g_application_quit (G_APPLICATION (self));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  LumApplication *self = user_data;
  const char *developers[] = { _("The Lumen developers"), NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Lumen"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Lumen developers"),
                         "developers", developers,
                         "version", PACKAGE_VERSION,
                         "comments", _("Set up internal sales channels for wholesale orders and "
                                       "run the order flow behind them: sales orders and invoices, "
                                       "pushed to your order management system and to "
                                       "QuickBooks Online."),
                         "copyright", _("© The Lumen developers"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "website", "https://github.com/lumenapp/lumen",
                         "issue-url", "https://github.com/lumenapp/lumen/issues",
                         /* Translators: your names, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
shortcuts_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  LumApplication *self = user_data;
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *window;

  builder = gtk_builder_new_from_resource ("/io/github/lumenapp/Lumen/lum-shortcuts-window.ui");
  window = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
  gtk_window_set_transient_for (window, gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_set_application (window, GTK_APPLICATION (self));
  gtk_window_present (window);
}

static void
new_channel_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  LumApplication *self = user_data;
  LumWindow *window = ensure_window (self);

  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-channel", NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
  { "shortcuts", shortcuts_activated },
  { "new-channel", new_channel_activated },
};

static int
lum_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  LumApplication *self = LUM_APPLICATION (app);
  const char *path = NULL;

  if (g_variant_dict_lookup (options, "db", "^&ay", &path))
    {
      self->db_path = g_canonicalize_filename (path, NULL);
      /* A window on another database must not be handed to a running
       * instance that has its own database open. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  return -1;
}

static void
lum_application_startup (GApplication *app)
{
  LumApplication *self = LUM_APPLICATION (app);
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Primary>q", NULL } },
    { "app.shortcuts", { "<Primary>question", NULL } },
    { "app.new-channel", { "<Primary>n", NULL } },
    { "win.search", { "<Primary>f", NULL } },
    { "window.close", { "<Primary>w", NULL } },
  };

  G_APPLICATION_CLASS (lum_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);

  open_engine (self);
}

static void
lum_application_activate (GApplication *app)
{
  LumApplication *self = LUM_APPLICATION (app);

  gtk_window_present (GTK_WINDOW (ensure_window (self)));
}

static void
lum_application_shutdown (GApplication *app)
{
  LumApplication *self = LUM_APPLICATION (app);

  g_clear_handle_id (&self->external_check_id, g_source_remove);

  G_APPLICATION_CLASS (lum_application_parent_class)->shutdown (app);
}

static void
lum_application_finalize (GObject *object)
{
  LumApplication *self = (LumApplication *)object;

  g_clear_handle_id (&self->external_check_id, g_source_remove);
  g_clear_object (&self->engine);
  g_clear_error (&self->engine_error);
  g_clear_pointer (&self->db_path, g_free);

  G_OBJECT_CLASS (lum_application_parent_class)->finalize (object);
}

static void
lum_application_class_init (LumApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = lum_application_finalize;

  app_class->handle_local_options = lum_application_handle_local_options;
  app_class->startup = lum_application_startup;
  app_class->activate = lum_application_activate;
  app_class->shutdown = lum_application_shutdown;
}

static void
lum_application_init (LumApplication *self)
{
  g_application_add_main_option (G_APPLICATION (self), "db", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_FILENAME,
                                 _("Open the database at PATH instead of the default one"),
                                 _("PATH"));
}

LumApplication *
lum_application_new (void)
{
  return g_object_new (LUM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/lumenapp/Lumen",
                       NULL);
}

/**
 * lum_application_get_engine:
 *
 * Returns: (transfer none) (nullable): the engine, or %NULL when the
 *   database could not be opened
 */
LumEngine *
lum_application_get_engine (LumApplication *self)
{
  g_return_val_if_fail (LUM_IS_APPLICATION (self), NULL);
  return self->engine;
}

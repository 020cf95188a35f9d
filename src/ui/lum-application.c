/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lum-application.h"
#include "lum-counts.h"
#include "lum-channel-editor.h"
#include "lum-engine-documents.h"
#include "lum-engine-setup.h"
#include "lum-help-window.h"
#include "lum-preferences-window.h"
#include "lum-samples.h"
#include "lum-sandbox-register.h"
#include "lum-ui-util.h"
#include "lum-window.h"
#include "sync/lum-sync-service.h"

/* More pending jobs than this are counted as "more than this". */
#define PENDING_COUNT_LIMIT 10000

#define BACKGROUND_NOTIFICATION "background"

struct _LumApplication
{
  AdwApplication        parent_instance;

  char                 *db_path;
  gboolean              no_sandbox;
  LumEngine            *engine;
  GError               *engine_error;
  GError               *integrity_error;  /* the quick check found damage */
  GSettings            *settings;
  GCancellable         *cancellable;

  LumSandbox           *sandbox;
  LumSyncService       *sync;
  gboolean              sync_started;
  guint                 push_pauses;
  GPtrArray            *pause_tasks;

  gboolean              syncing;
  guint                 sync_pending;
  guint                 sync_sent;
  LumPollStats          sync_stats;
  GError               *sync_error;

  guint                 n_failed_jobs;
  gboolean              in_background;
  gboolean              quitting;
};

G_DEFINE_FINAL_TYPE (LumApplication, lum_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_SYNCING,
  PROP_N_FAILED_JOBS,
  PROP_IN_BACKGROUND,
  N_PROPS
};

enum {
  JOB_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* -- windows -------------------------------------------------------------- */

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

/* The main window when the user is looking at it (or at one of its dialogs). */
static LumWindow *
find_focused_window (LumApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWindow *main_window = active;

  if (active == NULL || !gtk_window_is_active (active))
    return NULL;
  while (main_window != NULL && !LUM_IS_WINDOW (main_window))
    main_window = gtk_window_get_transient_for (main_window);
  if (main_window == NULL || !gtk_widget_get_visible (GTK_WIDGET (main_window)))
    return NULL;
  return LUM_WINDOW (main_window);
}

static void start_sync (LumApplication *self);
static void leave_background (LumApplication *self);

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
      else if (self->integrity_error != NULL)
        lum_window_show_database_error (window, path, self->integrity_error);
    }
  leave_background (self);
  start_sync (self);
  return window;
}

/* -- jobs ----------------------------------------------------------------- */

static guint
count_jobs (LumApplication *self,
            const char     *state)
{
  LumJobFilter filter = { 0, 0, state, PENDING_COUNT_LIMIT };
  g_autoptr(GListStore) jobs = NULL;
  g_autoptr(GError) error = NULL;

  if (self->engine == NULL)
    return 0;
  jobs = lum_engine_list_jobs (self->engine, &filter, &error);
  if (jobs == NULL)
    {
      g_warning ("Cannot count the %s jobs: %s", state, error->message);
      return 0;
    }
  return g_list_model_get_n_items (G_LIST_MODEL (jobs));
}

static void
update_failed_count (LumApplication *self)
{
  guint n = count_jobs (self, "failed");

  if (n == self->n_failed_jobs)
    return;
  self->n_failed_jobs = n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FAILED_JOBS]);
}

static void
add_window_toast (LumWindow  *window,
                  const char *title,
                  const char *button,
                  const char *action)
{
  AdwToast *toast = lum_ui_toast_new (title);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  if (button != NULL)
    {
      adw_toast_set_button_label (toast, button);
      adw_toast_set_action_name (toast, action);
    }
  lum_window_add_toast (window, toast);
}

static void
on_job_failed_cb (LumSyncService *sync,
                  LumJob         *job,
                  LumApplication *self)
{
  const char *number = lum_job_get_text (job, LUM_JOB_DOCUMENT_NUMBER);
  const char *reason = lum_job_get_text (job, LUM_JOB_LAST_ERROR);
  gboolean invoice = lum_job_get_kind (job) == LUM_JOB_KIND_PUSH_INVOICE;
  LumWindow *window = find_focused_window (self);
  g_autofree char *what = NULL;

  update_failed_count (self);
  g_signal_emit (self, signals[JOB_FAILED], 0, job);

  /* Translators: "Sales order SO-1001" or "Invoice INV-1001" */
  what = g_strdup_printf (invoice ? _("Invoice %s") : _("Sales order %s"), number ? number : "");
  if (window != NULL)
    {
      /* A toast is one line: the reason waits on the Activity page. */
      g_autofree char *title = g_strdup_printf (_("%s was not pushed"), what);
      add_window_toast (window, title, _("_View"), "app.show-activity");
    }
  else
    {
      g_autoptr(GNotification) notification = g_notification_new (_("Push failed"));
      g_autofree char *body = g_strdup_printf ("%s: %s", what, reason ? reason : _("no reason given"));
      g_autofree char *id = g_strdup_printf ("job-failed-%" G_GINT64_FORMAT, lum_job_get_id (job));

      g_notification_set_body (notification, body);
      g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
      g_notification_set_default_action (notification, "app.show-activity");
      g_application_send_notification (G_APPLICATION (self), id, notification);
    }
}

static void
on_engine_changed_cb (LumApplication *self,
                      const char     *what)
{
  if (!g_str_equal (what, "documents") && !g_str_equal (what, "external"))
    return;
  update_failed_count (self);
  /* Kept running for the jobs that were scheduled: go once they are sent. */
  if (self->in_background && lum_application_count_pending_jobs (self) == 0)
    {
      g_application_withdraw_notification (G_APPLICATION (self), BACKGROUND_NOTIFICATION);
      self->in_background = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IN_BACKGROUND]);
      g_application_release (G_APPLICATION (self));
    }
}

/* -- the push worker and the poller --------------------------------------- */

static void
complete_pauses (LumApplication *self)
{
  g_autoptr(GPtrArray) tasks = g_steal_pointer (&self->pause_tasks);

  self->pause_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < tasks->len; i++)
    g_task_return_boolean (g_ptr_array_index (tasks, i), TRUE);
}

static void
on_worker_busy_cb (LumApplication *self)
{
  /* A pause waits for the pass in flight: stopping it would cancel sends. */
  if (self->push_pauses > 0 && !lum_sync_service_get_busy (self->sync))
    {
      lum_sync_service_stop_push (self->sync);
      complete_pauses (self);
    }
}

static void
on_poll_interval_changed_cb (LumApplication *self)
{
  if (!self->sync_started)
    return;
  lum_sync_service_start_polling (self->sync, g_settings_get_uint (self->settings, "poll-interval"));
}

static void
start_sync (LumApplication *self)
{
  guint interval = LUM_SYNC_POLL_INTERVAL_DEFAULT;

  if (self->sync_started || self->engine == NULL || self->integrity_error != NULL)
    return;
  self->sync_started = TRUE;

  if (self->settings != NULL)
    interval = g_settings_get_uint (self->settings, "poll-interval");
  if (self->push_pauses == 0)
    lum_sync_service_start_push (self->sync);
  lum_sync_service_start_polling (self->sync, interval);
  update_failed_count (self);
}

static void
stop_sync (LumApplication *self)
{
  if (!self->sync_started)
    return;
  self->sync_started = FALSE;
  lum_sync_service_stop (self->sync);
}

static void
finish_sync_now (LumApplication *self)
{
  LumWindow *window = find_window (self);
  g_autofree char *message = NULL;

  if (--self->sync_pending > 0)
    return;

  if (self->sync_error != NULL)
    message = g_strdup_printf (_("Sync failed: %s"), self->sync_error->message);
  else if (self->sync_sent == 0 && self->sync_stats.recorded == 0 && self->sync_stats.voided == 0)
    message = g_strdup (_("Everything is up to date"));
  else
    message = lum_counts_dup_synced (self->sync_sent, self->sync_stats.recorded);
  if (window != NULL)
    add_window_toast (window, message, NULL, NULL);

  g_clear_error (&self->sync_error);
  self->syncing = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);
  g_application_release (G_APPLICATION (self));
}

static void
on_sync_polled_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  LumApplication *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lum_fulfillment_poller_poll_finish (LUM_FULFILLMENT_POLLER (source), result, &self->sync_stats, &error) &&
      self->sync_error == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    self->sync_error = g_steal_pointer (&error);
  finish_sync_now (self);
}

static void
on_sync_pushed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  LumApplication *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lum_push_worker_run_once_finish (LUM_PUSH_WORKER (source), result, &self->sync_sent, &error) &&
      self->sync_error == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    self->sync_error = g_steal_pointer (&error);
  finish_sync_now (self);
}

/* -- background ------------------------------------------------------------ */

static void
enter_background (LumApplication *self,
                  guint           pending)
{
  g_autoptr(GNotification) notification = g_notification_new (_("Lumen keeps pushing in the background"));
  g_autofree char *body = NULL;

  /* Translators: the notification shown when the last window closes */
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u push is scheduled. Lumen sends it and then quits.",
                                       "%u pushes are scheduled. Lumen sends them and then quits.",
                                       pending),
                          pending);
  g_notification_set_body (notification, body);
  g_notification_set_default_action (notification, "app.activate");
  g_notification_add_button (notification, _("Open Lumen"), "app.activate");
  g_notification_add_button (notification, _("Quit"), "app.quit");
  g_application_send_notification (G_APPLICATION (self), BACKGROUND_NOTIFICATION, notification);

  g_application_hold (G_APPLICATION (self));
  self->in_background = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IN_BACKGROUND]);
}

static void
leave_background (LumApplication *self)
{
  if (!self->in_background)
    return;
  g_application_withdraw_notification (G_APPLICATION (self), BACKGROUND_NOTIFICATION);
  self->in_background = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IN_BACKGROUND]);
  /* The window now holds the application. */
  g_application_release (G_APPLICATION (self));
}

/* -- engine and sandbox --------------------------------------------------- */

static void
on_polled_cb (LumSyncService     *sync,
              const LumPollStats *stats,
              const GError       *error,
              LumApplication     *self)
{
  if (error != NULL)
    g_warning ("Fulfillment poll: %s", error->message);
}

/* A damaged database is shown as the reason, in place of the pages, and
 * nothing more is written to it: the clerk restores a backup first. */
static void
on_integrity_checked_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(LumApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (lum_engine_check_integrity_finish (LUM_ENGINE (source), result, &error))
    return;

  g_warning ("%s", error->message);
  stop_sync (self);
  path = self->db_path ? g_strdup (self->db_path) : lum_engine_default_db_path ();
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (LUM_IS_WINDOW (l->data))
      lum_window_show_database_error (l->data, path, error);
  self->integrity_error = g_steal_pointer (&error);
}

/* Who this desk is, on timelines and in refusals: the name from
 * Preferences, else the system user (lum_engine_set_actor_name()). */
static void
apply_display_name (LumApplication *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autofree char *name = NULL;

  if (self->engine == NULL || self->settings == NULL)
    return;
  g_object_get (self->settings, "settings-schema", &schema, NULL);
  if (!g_settings_schema_has_key (schema, "display-name"))
    return;
  name = g_settings_get_string (self->settings, "display-name");
  lum_engine_set_actor_name (self->engine, name);
}

/* Without --db or $LUMEN_DB, the database chosen in Preferences › Database
 * (read once: a change takes effect at the next start). */
static void
read_database_setting (LumApplication *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autofree char *url = NULL;
  const char *env = g_getenv (LUM_ENGINE_DB_ENV);

  if (self->db_path != NULL || (env != NULL && *env != '\0') || self->settings == NULL)
    return;
  g_object_get (self->settings, "settings-schema", &schema, NULL);
  if (!g_settings_schema_has_key (schema, "database"))
    return;
  url = g_settings_get_string (self->settings, "database");
  if (*url != '\0')
    self->db_path = g_steal_pointer (&url);
}

static void
open_engine (LumApplication *self)
{
  if (self->engine != NULL || self->engine_error != NULL)
    return;

  read_database_setting (self);

  self->engine = lum_engine_new (self->db_path, &self->engine_error);
  if (self->engine == NULL)
    {
      g_warning ("Cannot open the database: %s", self->engine_error->message);
      return;
    }

  apply_display_name (self);
  lum_engine_check_integrity_async (self->engine, NULL, on_integrity_checked_cb, g_object_ref (self));
  g_signal_connect_object (self->engine, "changed", G_CALLBACK (on_engine_changed_cb), self, G_CONNECT_SWAPPED);

  self->sync = lum_sync_service_new (self->engine);
  lum_sync_service_watch_changes (self->sync);
  g_signal_connect_object (self->sync, "job-failed", G_CALLBACK (on_job_failed_cb), self, 0);
  g_signal_connect_object (self->sync, "notify::busy", G_CALLBACK (on_worker_busy_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "polled", G_CALLBACK (on_polled_cb), self, 0);
}

static void
start_embedded_sandbox (LumApplication *self)
{
  g_autoptr(GError) error = NULL;

  if (self->no_sandbox || self->engine == NULL || !lum_embedded_sandbox_wanted (self->engine))
    return;

  self->sandbox = lum_embedded_sandbox_start (self->engine, &error);
  if (self->sandbox == NULL)
    g_warning ("The built-in sandbox could not start: %s", error->message);
}

/* -- actions -------------------------------------------------------------- */

static void
really_quit (LumApplication *self)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  self->quitting = TRUE;
  /* Closing (not destroying) lets each main window save its size. */
  for (GList *l = windows; l != NULL; l = l->next)
    if (LUM_IS_WINDOW (l->data))
      gtk_window_close (GTK_WINDOW (l->data));

  g_application_withdraw_notification (G_APPLICATION (self), BACKGROUND_NOTIFICATION);
  g_application_quit (G_APPLICATION (self));
}

static void
on_quit_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     LumApplication   *self)
{
  if (g_strcmp0 (response, "quit") == 0)
    really_quit (self);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  LumApplication *self = user_data;
  LumWindow *window = find_window (self);
  guint pending;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* From the background notification the user has been told already. */
  pending = lum_application_count_pending_jobs (self);
  if (pending == 0 || window == NULL || !gtk_widget_get_visible (GTK_WIDGET (window)))
    {
      really_quit (self);
      return;
    }

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u push is scheduled. It is sent the next time Lumen runs, or by "
                                       "“lumenctl sync”.",
                                       "%u pushes are scheduled. They are sent the next time Lumen runs, or by "
                                       "“lumenctl sync”.",
                                       pending),
                          pending);
  dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Quit Lumen?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "quit", _("_Quit"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "quit", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_quit_response_cb), self, 0);
  lum_ui_name_buttons_by_label (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
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
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  LumApplication *self = user_data;
  GtkWindow *window;

  if (self->engine == NULL)
    return;
  window = GTK_WINDOW (lum_preferences_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                                   self->engine));
  gtk_window_present (window);
}

static void
help_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  LumApplication *self = user_data;
  const char *topic = parameter != NULL ? g_variant_get_string (parameter, NULL) : NULL;

  lum_help_window_show (gtk_application_get_active_window (GTK_APPLICATION (self)), topic);
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

static void
show_activity_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  LumApplication *self = user_data;
  LumWindow *window = ensure_window (self);

  gtk_window_present (GTK_WINDOW (window));
  lum_window_show_page (window, "activity");
}

static void
test_channel_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  LumApplication *self = user_data;
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(GError) error = NULL;
  LumWindow *window = ensure_window (self);
  GtkWindow *editor;

  gtk_window_present (GTK_WINDOW (window));
  if (self->engine == NULL)
    return;
  channel = lum_engine_get_channel (self->engine, g_variant_get_int64 (parameter), &error);
  if (channel == NULL)
    {
      add_window_toast (window, error->message, NULL, NULL);
      return;
    }
  editor = lum_window_edit_channel (window, channel);
  if (LUM_IS_CHANNEL_EDITOR (editor))
    gtk_widget_activate_action (GTK_WIDGET (editor), "editor.test-channel", NULL);
}

static void
sync_now_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  LumApplication *self = user_data;

  if (self->engine == NULL || self->syncing)
    return;

  self->syncing = TRUE;
  self->sync_pending = 2;
  self->sync_sent = 0;
  memset (&self->sync_stats, 0, sizeof self->sync_stats);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);
  /* A closed window must not end the round half way. */
  g_application_hold (G_APPLICATION (self));
  lum_fulfillment_poller_poll_async (lum_sync_service_get_poller (self->sync), self->cancellable,
                                     on_sync_polled_cb, self);
  lum_push_worker_run_once_async (lum_sync_service_get_push_worker (self->sync), self->cancellable,
                                  on_sync_pushed_cb, self);
  /* and the stock, in a round of its own that Sync Now does not wait for */
  lum_sync_service_read_stock (self->sync);
}

static void
activate_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  g_application_activate (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
  { "shortcuts", shortcuts_activated },
  { "preferences", preferences_activated },
  { "help", help_activated },
  { "help-topic", help_activated, "s" },
  { "new-channel", new_channel_activated },
  { "show-activity", show_activity_activated },
  { "test-channel", test_channel_activated, "x" },
  { "sync-now", sync_now_activated },
  { "activate", activate_activated },
};

/* -- GApplication --------------------------------------------------------- */

static int
lum_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  LumApplication *self = LUM_APPLICATION (app);
  const char *path = NULL;

  if (g_variant_dict_lookup (options, "db", "^&ay", &path))
    {
      /* a server's URL is no file name */
      self->db_path = g_str_has_prefix (path, "postgres") && strstr (path, "://") != NULL
                      ? g_strdup (path) : g_canonicalize_filename (path, NULL);
      /* A window on another database must not be handed to a running
       * instance that has its own database open. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }
  if (g_variant_dict_contains (options, "no-sandbox"))
    self->no_sandbox = TRUE;

  return -1;
}

/**
 * lum_application_set_accels:
 * @app: the application
 *
 * Sets the accelerators of the application's actions (and of the window
 * actions it shares with every window). The shortcuts window lists them;
 * tests/ui/test-shortcuts.c checks it does.
 */
void
lum_application_set_accels (GtkApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Primary>q", NULL } },
    { "app.shortcuts", { "<Primary>question", NULL } },
    { "app.preferences", { "<Primary>comma", NULL } },
    { "app.help", { "F1", NULL } },
    { "app.new-channel", { "<Primary>n", NULL } },
    { "app.sync-now", { "<Primary>r", "F5", NULL } },
    { "win.search", { "<Primary>f", NULL } },
    { "window.close", { "<Primary>w", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);
}

static void
lum_application_startup (GApplication *app)
{
  LumApplication *self = LUM_APPLICATION (app);

  G_APPLICATION_CLASS (lum_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  lum_application_set_accels (GTK_APPLICATION (self));

  self->settings = lum_application_dup_settings ();
  if (self->settings != NULL)
    {
      g_signal_connect_object (self->settings, "changed::poll-interval",
                               G_CALLBACK (on_poll_interval_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "changed::display-name",
                               G_CALLBACK (apply_display_name), self, G_CONNECT_SWAPPED);
    }

  open_engine (self);
  start_embedded_sandbox (self);
}

static void
lum_application_activate (GApplication *app)
{
  LumApplication *self = LUM_APPLICATION (app);

  gtk_window_present (GTK_WINDOW (ensure_window (self)));
}

static void
lum_application_window_removed (GtkApplication *app,
                                GtkWindow      *window)
{
  LumApplication *self = LUM_APPLICATION (app);
  gboolean last = LUM_IS_WINDOW (window);
  guint pending;

  for (GList *l = gtk_application_get_windows (app); last && l != NULL; l = l->next)
    if (l->data != window && LUM_IS_WINDOW (l->data))
      last = FALSE;

  /* Hold before the window lets go, or the application would end. */
  if (last && !self->quitting && !self->in_background && self->sync_started &&
      (pending = lum_application_count_pending_jobs (self)) > 0)
    enter_background (self, pending);

  GTK_APPLICATION_CLASS (lum_application_parent_class)->window_removed (app, window);
}

static void
lum_application_shutdown (GApplication *app)
{
  LumApplication *self = LUM_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  stop_sync (self);
  if (self->sandbox != NULL)
    lum_sandbox_stop (self->sandbox);

  G_APPLICATION_CLASS (lum_application_parent_class)->shutdown (app);
}

static void
lum_application_finalize (GObject *object)
{
  LumApplication *self = (LumApplication *)object;

  g_clear_object (&self->sync);
  g_clear_object (&self->sandbox);
  g_clear_object (&self->engine);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pause_tasks, g_ptr_array_unref);
  g_clear_error (&self->engine_error);
  g_clear_error (&self->integrity_error);
  g_clear_error (&self->sync_error);
  g_clear_pointer (&self->db_path, g_free);

  G_OBJECT_CLASS (lum_application_parent_class)->finalize (object);
}

static void
lum_application_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LumApplication *self = LUM_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_SYNCING:
      g_value_set_boolean (value, self->syncing);
      break;
    case PROP_N_FAILED_JOBS:
      g_value_set_uint (value, self->n_failed_jobs);
      break;
    case PROP_IN_BACKGROUND:
      g_value_set_boolean (value, self->in_background);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_application_class_init (LumApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->finalize = lum_application_finalize;
  object_class->get_property = lum_application_get_property;

  app_class->handle_local_options = lum_application_handle_local_options;
  app_class->startup = lum_application_startup;
  app_class->activate = lum_application_activate;
  app_class->shutdown = lum_application_shutdown;

  gtk_app_class->window_removed = lum_application_window_removed;

  /**
   * LumApplication:syncing:
   *
   * Whether a *Sync Now* round (a shipment poll and a push pass) runs.
   */
  properties[PROP_SYNCING] =
    g_param_spec_boolean ("syncing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * LumApplication:n-failed-jobs:
   *
   * How many jobs failed for good and wait for the user (a sidebar badge).
   */
  properties[PROP_N_FAILED_JOBS] =
    g_param_spec_uint ("n-failed-jobs", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * LumApplication:in-background:
   *
   * Whether the application runs without a window to send scheduled jobs.
   */
  properties[PROP_IN_BACKGROUND] =
    g_param_spec_boolean ("in-background", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LumApplication::job-failed:
   * @job: the job, its last error included
   *
   * The application's push worker gave up on a job.
   */
  signals[JOB_FAILED] =
    g_signal_new ("job-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, LUM_TYPE_JOB);
}

static void
lum_application_init (LumApplication *self)
{
  self->cancellable = g_cancellable_new ();
  self->pause_tasks = g_ptr_array_new_with_free_func (g_object_unref);

  g_application_add_main_option (G_APPLICATION (self), "db", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_FILENAME,
                                 _("Open the database at PATH instead of the default one"),
                                 _("PATH"));
  g_application_add_main_option (G_APPLICATION (self), "no-sandbox", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_NONE,
                                 _("Do not start the built-in sandbox of ShipStation, Extensiv 3PL and "
                                   "QuickBooks Online"),
                                 NULL);
}

/* -- public --------------------------------------------------------------- */

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

/**
 * lum_application_get_sandbox:
 *
 * Returns: (transfer none) (nullable): the built-in sandbox, when it runs
 */
LumSandbox *
lum_application_get_sandbox (LumApplication *self)
{
  g_return_val_if_fail (LUM_IS_APPLICATION (self), NULL);
  return self->sandbox;
}

gboolean
lum_application_get_syncing (LumApplication *self)
{
  g_return_val_if_fail (LUM_IS_APPLICATION (self), FALSE);
  return self->syncing;
}

guint
lum_application_get_n_failed_jobs (LumApplication *self)
{
  g_return_val_if_fail (LUM_IS_APPLICATION (self), 0);
  return self->n_failed_jobs;
}

gboolean
lum_application_get_in_background (LumApplication *self)
{
  g_return_val_if_fail (LUM_IS_APPLICATION (self), FALSE);
  return self->in_background;
}

/**
 * lum_application_count_pending_jobs:
 *
 * The jobs scheduled or being sent: what a quit would leave behind.
 */
guint
lum_application_count_pending_jobs (LumApplication *self)
{
  g_return_val_if_fail (LUM_IS_APPLICATION (self), 0);
  return count_jobs (self, "scheduled") + count_jobs (self, "running");
}

/**
 * lum_application_pause_push_async:
 *
 * Keeps the application's push worker from claiming jobs (a channel test
 * sends its own) until lum_application_resume_push(). Finishes once the
 * pass in flight, if any, has ended.
 */
void
lum_application_pause_push_async (LumApplication      *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LUM_IS_APPLICATION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lum_application_pause_push_async);
  self->push_pauses++;
  g_debug ("Push worker paused (%u), %s", self->push_pauses,
           self->sync && lum_sync_service_get_busy (self->sync) ? "after its pass" : "now");
  if (self->sync == NULL || !lum_sync_service_get_busy (self->sync))
    {
      if (self->sync != NULL)
        lum_sync_service_stop_push (self->sync);
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_ptr_array_add (self->pause_tasks, g_steal_pointer (&task));
}

gboolean
lum_application_pause_push_finish (LumApplication  *self,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
lum_application_resume_push (LumApplication *self)
{
  g_return_if_fail (LUM_IS_APPLICATION (self));
  g_return_if_fail (self->push_pauses > 0);

  g_debug ("Push worker resumed (%u)", self->push_pauses - 1);
  if (--self->push_pauses == 0 && self->sync_started)
    lum_sync_service_start_push (self->sync);
}

/**
 * lum_application_dup_settings:
 *
 * Returns: (transfer full) (nullable): the application's settings, or
 *   %NULL when the schema is not installed (an uninstalled run without
 *   GSETTINGS_SCHEMA_DIR): the defaults then apply
 */
GSettings *
lum_application_dup_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "poll-interval"))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

/**
 * lum_embedded_sandbox_wanted:
 *
 * Whether @engine's database runs on the embedded defaults: it has no
 * integration yet, or has the sandbox's.
 */
gboolean
lum_embedded_sandbox_wanted (LumEngine *engine)
{
  g_autoptr(GListStore) integrations = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  integrations = lum_engine_list_integrations (engine, &error);
  if (integrations == NULL)
    {
      g_warning ("Cannot list the integrations: %s", error->message);
      return FALSE;
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (integrations));
  if (n == 0)
    return TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LumIntegration) integration = g_list_model_get_item (G_LIST_MODEL (integrations), i);

      if (lum_integration_is_sandbox (integration))
        return TRUE;
    }
  return FALSE;
}

/**
 * lum_embedded_sandbox_start:
 *
 * Starts the sandbox on 127.0.0.1 (a port the kernel picks) on the
 * thread-default main context, points the database's sandbox integrations
 * at it (adding them the first time) and adds the sample customers and
 * products where there are none.
 *
 * Returns: (transfer full) (nullable): the running sandbox
 */
LumSandbox *
lum_embedded_sandbox_start (LumEngine  *engine,
                            GError    **error)
{
  g_autoptr(LumSandbox) sandbox = lum_sandbox_new ();
  g_autoptr(GError) local_error = NULL;

  if (!lum_sandbox_listen (sandbox, "127.0.0.1", 0, error))
    return NULL;
  if (!lum_sandbox_register (sandbox, engine, error))
    {
      lum_sandbox_stop (sandbox);
      return NULL;
    }
  if (!lum_engine_seed_samples (engine, &local_error))
    g_warning ("Cannot add the sample customers and products: %s", local_error->message);
  g_debug ("Sandbox listening on port %u", lum_sandbox_get_port (sandbox));
  return g_steal_pointer (&sandbox);
}

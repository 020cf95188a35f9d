/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "lum-application.h"
#include "lum-counts.h"
#include "lum-database-page.h"
#include "lum-engine-documents.h"
#include "lum-preferences-window.h"
#include "lum-ui-util.h"
#include "flow/lum-channel-rules.h"

struct _LumPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  LumEngine            *engine;
  GSettings            *settings;
  gboolean              loading;

  AdwActionRow         *poll_row;
  GtkAdjustment        *poll_adjustment;
  AdwActionRow         *delay_row;
  GtkEntry             *delay_entry;
  AdwActionRow         *show_tests_row;
  AdwPreferencesGroup  *you_group;
  AdwEntryRow          *display_name_row;
  GtkSwitch            *show_tests_switch;
};

G_DEFINE_FINAL_TYPE (LumPreferencesWindow, lum_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_ENGINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The schema keeps seconds; people think of the interval in minutes. */
static gboolean
seconds_to_minutes (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_uint32 (variant) / 60.0);
  return TRUE;
}

static GVariant *
minutes_to_seconds (const GValue       *value,
                    const GVariantType *type,
                    gpointer            user_data)
{
  return g_variant_new_uint32 ((guint32)(g_value_get_double (value) * 60 + 0.5));
}

static void
on_delay_changed_cb (LumPreferencesWindow *self,
                     GtkEditable          *editable)
{
  int delay = LUM_PUSH_DELAY_IMMEDIATE;
  g_autoptr(GError) error = NULL;

  if (self->loading || self->settings == NULL)
    return;
  if (!lum_channel_parse_push_delay (gtk_editable_get_text (editable), &delay, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->delay_entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->delay_entry), error->message);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->delay_entry), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->delay_entry), NULL);
  g_settings_set_int (self->settings, "default-push-delay", delay);
}

static void
on_purge_response_cb (AdwMessageDialog     *dialog,
                      const char           *response,
                      LumPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n_orders = 0, n_invoices = 0;

  if (g_strcmp0 (response, "purge") != 0)
    return;

  if (!lum_engine_purge_test_documents (self->engine, &n_orders, &n_invoices, &error))
    message = g_strdup (error->message);
  else if (n_orders == 0 && n_invoices == 0)
    message = g_strdup (_("There were no test documents"));
  else
    message = lum_counts_dup_purged (n_orders, n_invoices);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), lum_ui_toast_new (message));
}

static void
purge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LumPreferencesWindow *self = LUM_PREFERENCES_WINDOW (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Purge Test Documents?"),
                                   _("Every sales order and invoice that a channel test created is deleted "
                                     "from Lumen. What a test sent to an OMS or to QuickBooks stays there."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "purge", _("_Purge"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "purge", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_purge_response_cb), self, 0);
  lum_ui_name_buttons_by_label (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
lum_preferences_window_constructed (GObject *object)
{
  LumPreferencesWindow *self = (LumPreferencesWindow *)object;

  G_OBJECT_CLASS (lum_preferences_window_parent_class)->constructed (object);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.purge-test-documents", self->engine != NULL);
  if (self->settings == NULL)
    {
      /* Without the schema nothing could be kept: say so instead of pretending. */
      gtk_widget_set_sensitive (GTK_WIDGET (self->poll_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->delay_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->show_tests_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->display_name_row), FALSE);
      return;
    }

  {
    /* Translators: %s is the user name on this computer, e.g. “ana” */
    g_autofree char *description = g_strdup_printf (_("Timelines show what you do under this name (“by Ana”), and "
                                                      "so does the notice someone gets when your save came before "
                                                      "theirs. Leave it blank to go by your user name, %s."),
                                                    g_get_user_name ());
    adw_preferences_group_set_description (self->you_group, description);
    g_settings_bind (self->settings, "display-name", self->display_name_row, "text", G_SETTINGS_BIND_DEFAULT);
  }

  g_settings_bind_with_mapping (self->settings, "poll-interval", self->poll_adjustment, "value",
                                G_SETTINGS_BIND_DEFAULT, seconds_to_minutes, minutes_to_seconds, NULL, NULL);
  g_settings_bind (self->settings, "show-test-documents", self->show_tests_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);

  self->loading = TRUE;
  {
    int delay = g_settings_get_int (self->settings, "default-push-delay");
    g_autofree char *text = lum_channel_format_push_delay (delay < 0 ? LUM_PUSH_DELAY_IMMEDIATE : delay);

    gtk_editable_set_text (GTK_EDITABLE (self->delay_entry), text);
  }
  self->loading = FALSE;
}

static void
lum_preferences_window_dispose (GObject *object)
{
  LumPreferencesWindow *self = (LumPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), LUM_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (lum_preferences_window_parent_class)->dispose (object);
}

static void
lum_preferences_window_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  LumPreferencesWindow *self = LUM_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_preferences_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  LumPreferencesWindow *self = LUM_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      self->engine = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_preferences_window_class_init (LumPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lum_preferences_window_constructed;
  object_class->dispose = lum_preferences_window_dispose;
  object_class->get_property = lum_preferences_window_get_property;
  object_class->set_property = lum_preferences_window_set_property;

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, LUM_TYPE_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lumenapp/Lumen/lum-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LumPreferencesWindow, poll_row);
  gtk_widget_class_bind_template_child (widget_class, LumPreferencesWindow, poll_adjustment);
  gtk_widget_class_bind_template_child (widget_class, LumPreferencesWindow, delay_row);
  gtk_widget_class_bind_template_child (widget_class, LumPreferencesWindow, delay_entry);
  gtk_widget_class_bind_template_child (widget_class, LumPreferencesWindow, show_tests_row);
  gtk_widget_class_bind_template_child (widget_class, LumPreferencesWindow, show_tests_switch);
  gtk_widget_class_bind_template_child (widget_class, LumPreferencesWindow, you_group);
  gtk_widget_class_bind_template_child (widget_class, LumPreferencesWindow, display_name_row);
  gtk_widget_class_bind_template_callback (widget_class, on_delay_changed_cb);

  gtk_widget_class_install_action (widget_class, "prefs.purge-test-documents", NULL, purge_action);
}

static void
lum_preferences_window_init (LumPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = lum_application_dup_settings ();
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (lum_database_page_new (self->settings)));
  lum_ui_name_buttons_by_label (GTK_WIDGET (self));
}

LumPreferencesWindow *
lum_preferences_window_new (GtkWindow *parent,
                            LumEngine *engine)
{
  return g_object_new (LUM_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "engine", engine,
                       NULL);
}

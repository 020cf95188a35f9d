/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "lum-channel-editor.h"
#include "lum-channels-page.h"
#include "lum-ui-util.h"
#include "lum-window.h"

/* The sections of the sidebar. A later section is one more entry here: its
 * page is a widget with a construct-only "engine" and a "folded" property
 * (the page shows its back button and window buttons when folded) and may
 * install a "page.search" action. */
typedef struct
{
  const char *name;
  const char *title;
  const char *icon_name;
  GType     (*get_type) (void);
} LumSection;

static const LumSection sections[] = {
  { "channels", N_("Channels"), "mail-send-receive-symbolic", lum_channels_page_get_type },
};

struct _LumWindow
{
  AdwApplicationWindow  parent_instance;

  LumEngine            *engine;
  GSettings            *settings;
  GtkWindow            *editor;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *window_stack;
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar;
  GtkStack             *stack;
  AdwStatusPage        *error_page;
};

G_DEFINE_FINAL_TYPE (LumWindow, lum_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_ENGINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  GWeakRef    window;
  LumChannel *channel;
} ToastData;

static void
toast_data_free (gpointer  data,
                 GClosure *closure)
{
  ToastData *td = data;

  g_weak_ref_clear (&td->window);
  g_clear_object (&td->channel);
  g_free (td);
}

static ToastData *
toast_data_new (LumWindow  *self,
                LumChannel *channel)
{
  ToastData *td = g_new0 (ToastData, 1);

  g_weak_ref_init (&td->window, self);
  td->channel = g_object_ref (channel);
  return td;
}

static void
show_error_toast (LumWindow    *self,
                  const GError *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  lum_window_add_toast (self, toast);
}

static GSettings *
load_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      /* Running uninstalled without GSETTINGS_SCHEMA_DIR: work, forget the size. */
      g_warning ("GSettings schema %s is not installed; the window size will not be kept", APP_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

static void
save_window_state (LumWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static void
restore_window_state (LumWindow *self)
{
  if (self->settings == NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self), 1100, 720);
      return;
    }

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static const LumSection *
find_section (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (g_strcmp0 (sections[i].name, name) == 0)
      return &sections[i];
  return NULL;
}

static GtkWidget *
create_sidebar_row (const LumSection *section)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (_(section->title));

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (section->icon_name));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, section->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(section->title),
                                  -1);
  return row;
}

static void
build_sections (LumWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      const LumSection *section = &sections[i];
      GtkWidget *page = g_object_new (section->get_type (), "engine", self->engine, NULL);

      gtk_list_box_append (self->sidebar, create_sidebar_row (section));
      gtk_stack_add_titled (self->stack, page, section->name, _(section->title));
      g_object_bind_property (self->leaflet, "folded", page, "folded", G_BINDING_SYNC_CREATE);
    }
}

static void
select_section (LumWindow  *self,
                const char *name)
{
  const LumSection *section = find_section (name);
  GtkWidget *child;

  if (section == NULL)
    section = &sections[0];

  gtk_stack_set_visible_child_name (self->stack, section->name);
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && g_strcmp0 (gtk_widget_get_name (child), section->name) == 0)
      gtk_list_box_select_row (self->sidebar, GTK_LIST_BOX_ROW (child));

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-page", section->name);
}

static void
on_sidebar_row_activated_cb (LumWindow     *self,
                             GtkListBoxRow *row)
{
  select_section (self, gtk_widget_get_name (GTK_WIDGET (row)));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_editor_saved_cb (LumWindow  *self,
                    LumChannel *channel)
{
  AdwToast *toast = adw_toast_new_format (_("“%s” saved"), lum_channel_get_name (channel));

  lum_window_add_toast (self, toast);
}

static void
on_editor_archive_requested_cb (LumWindow  *self,
                                LumChannel *channel)
{
  /* The editor closes right after asking. */
  g_clear_weak_pointer (&self->editor);
  lum_window_archive_channel (self, channel);
}

static void
on_editor_duplicate_requested_cb (LumWindow  *self,
                                  LumChannel *channel)
{
  /* The editor closes right after asking, so the copy gets a new one. */
  g_clear_weak_pointer (&self->editor);
  lum_window_duplicate_channel (self, channel, TRUE);
}

static void
on_undo_archive_cb (AdwToast  *toast,
                    ToastData *td)
{
  g_autoptr(LumWindow) self = g_weak_ref_get (&td->window);

  if (self != NULL)
    lum_window_restore_channel (self, td->channel);
}

static void
on_edit_duplicate_cb (AdwToast  *toast,
                      ToastData *td)
{
  g_autoptr(LumWindow) self = g_weak_ref_get (&td->window);

  if (self != NULL)
    lum_window_edit_channel (self, td->channel);
}

static void
new_channel_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LumWindow *self = LUM_WINDOW (widget);

  lum_window_show_page (self, "channels");
  lum_window_edit_channel (self, NULL);
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LumWindow *self = LUM_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LumWindow *self = LUM_WINDOW (widget);
  GtkWidget *page = gtk_stack_get_visible_child (self->stack);

  if (page != NULL)
    gtk_widget_activate_action (page, "page.search", NULL);
}

static gboolean
lum_window_close_request (GtkWindow *window)
{
  save_window_state (LUM_WINDOW (window));

  return GTK_WINDOW_CLASS (lum_window_parent_class)->close_request (window);
}

static void
lum_window_constructed (GObject *object)
{
  LumWindow *self = (LumWindow *)object;

  G_OBJECT_CLASS (lum_window_parent_class)->constructed (object);

  restore_window_state (self);

  if (self->engine == NULL)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-channel", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", FALSE);
      gtk_stack_set_visible_child_name (self->window_stack, "error");
      return;
    }

  build_sections (self);
  if (self->settings != NULL)
    {
      g_autofree char *last = g_settings_get_string (self->settings, "last-page");
      select_section (self, last);
    }
  else
    {
      select_section (self, NULL);
    }
  /* A narrow window starts on the page, not on the list of sections. */
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->stack));
}

static void
lum_window_dispose (GObject *object)
{
  LumWindow *self = (LumWindow *)object;

  g_clear_weak_pointer (&self->editor);

  gtk_widget_dispose_template (GTK_WIDGET (self), LUM_TYPE_WINDOW);

  G_OBJECT_CLASS (lum_window_parent_class)->dispose (object);
}

static void
lum_window_finalize (GObject *object)
{
  LumWindow *self = (LumWindow *)object;

  g_clear_object (&self->engine);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lum_window_parent_class)->finalize (object);
}

static void
lum_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  LumWindow *self = LUM_WINDOW (object);

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
lum_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  LumWindow *self = LUM_WINDOW (object);

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
lum_window_class_init (LumWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = lum_window_constructed;
  object_class->dispose = lum_window_dispose;
  object_class->finalize = lum_window_finalize;
  object_class->get_property = lum_window_get_property;
  object_class->set_property = lum_window_set_property;

  window_class->close_request = lum_window_close_request;

  /**
   * LumWindow:engine:
   *
   * The engine the pages show, or %NULL when the database could not be
   * opened (the window then explains why).
   */
  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, LUM_TYPE_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lumenapp/Lumen/lum-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LumWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LumWindow, window_stack);
  gtk_widget_class_bind_template_child (widget_class, LumWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LumWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, LumWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LumWindow, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.new-channel", NULL, new_channel_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);

  /* Without an application (the UI tests) the app accels do not apply. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-channel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
}

static void
lum_window_init (LumWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  lum_ui_name_buttons_by_label (GTK_WIDGET (self));

  self->settings = load_settings ();
}

LumWindow *
lum_window_new (LumApplication *application,
                LumEngine      *engine)
{
  return g_object_new (LUM_TYPE_WINDOW,
                       "application", application,
                       "engine", engine,
                       NULL);
}

LumEngine *
lum_window_get_engine (LumWindow *self)
{
  g_return_val_if_fail (LUM_IS_WINDOW (self), NULL);
  return self->engine;
}

/**
 * lum_window_show_database_error:
 *
 * Replaces the pages by an explanation of why the database at @path could
 * not be opened.
 */
void
lum_window_show_database_error (LumWindow    *self,
                                const char   *path,
                                const GError *error)
{
  g_autofree char *description = NULL;
  g_autofree char *escaped_path = NULL;
  g_autofree char *escaped_message = NULL;

  g_return_if_fail (LUM_IS_WINDOW (self));

  escaped_path = g_markup_escape_text (path ? path : "", -1);
  escaped_message = g_markup_escape_text (error ? error->message : _("Unknown error"), -1);
  /* Translators: the first %s is the error, the second the file name */
  description = g_strdup_printf (_("%s\n\nDatabase: <tt>%s</tt>\n\nStart Lumen with <tt>--db PATH</tt> "
                                   "to open another database."),
                                 escaped_message, escaped_path);
  adw_status_page_set_description (self->error_page, description);
  gtk_stack_set_visible_child_name (self->window_stack, "error");
}

/**
 * lum_window_add_toast:
 * @toast: (transfer full): the toast
 */
void
lum_window_add_toast (LumWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (LUM_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  /* The toast's button (“Undo”) is built when the toast is shown. */
  lum_ui_name_buttons_by_label (GTK_WIDGET (self->toast_overlay));
}

/**
 * lum_window_get_page:
 *
 * Returns: (transfer none) (nullable): the page of the section @name
 */
GtkWidget *
lum_window_get_page (LumWindow  *self,
                     const char *name)
{
  g_return_val_if_fail (LUM_IS_WINDOW (self), NULL);
  return gtk_stack_get_child_by_name (self->stack, name);
}

void
lum_window_show_page (LumWindow  *self,
                      const char *name)
{
  g_return_if_fail (LUM_IS_WINDOW (self));

  if (self->engine == NULL)
    return;
  select_section (self, name);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/**
 * lum_window_edit_channel:
 * @channel: (nullable): the channel to edit, or %NULL for a new one
 *
 * Opens the channel editor, or brings the open one to the front.
 *
 * Returns: (transfer none) (nullable): the editor window
 */
GtkWindow *
lum_window_edit_channel (LumWindow  *self,
                         LumChannel *channel)
{
  g_autoptr(LumChannel) fresh = NULL;
  g_autoptr(GError) error = NULL;
  LumChannelEditor *editor;

  g_return_val_if_fail (LUM_IS_WINDOW (self), NULL);

  if (self->engine == NULL)
    return NULL;

  if (self->editor != NULL)
    {
      gtk_window_present (self->editor);
      return self->editor;
    }

  /* Edit what is stored now, not a list row that may be a few seconds old. */
  if (channel != NULL)
    fresh = lum_engine_get_channel (self->engine, lum_channel_get_id (channel), &error);
  else
    fresh = lum_engine_new_channel (self->engine, &error);
  if (fresh == NULL)
    {
      show_error_toast (self, error);
      return NULL;
    }

  editor = lum_channel_editor_new (GTK_WINDOW (self), self->engine, fresh);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "archive-requested",
                           G_CALLBACK (on_editor_archive_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "duplicate-requested",
                           G_CALLBACK (on_editor_duplicate_requested_cb), self, G_CONNECT_SWAPPED);

  self->editor = GTK_WINDOW (editor);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *)&self->editor);
  gtk_window_present (self->editor);

  return self->editor;
}

/**
 * lum_window_archive_channel:
 *
 * Archives @channel and offers to undo it.
 */
void
lum_window_archive_channel (LumWindow  *self,
                            LumChannel *channel)
{
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  g_return_if_fail (LUM_IS_WINDOW (self));
  g_return_if_fail (LUM_IS_CHANNEL (channel));

  if (!lum_engine_archive_channel (self->engine, channel, TRUE, &error))
    {
      show_error_toast (self, error);
      return;
    }

  toast = adw_toast_new (_("Channel archived"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_archive_cb),
                         toast_data_new (self, channel), toast_data_free, 0);
  lum_window_add_toast (self, toast);
}

void
lum_window_restore_channel (LumWindow  *self,
                            LumChannel *channel)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LUM_IS_WINDOW (self));
  g_return_if_fail (LUM_IS_CHANNEL (channel));

  if (!lum_engine_archive_channel (self->engine, channel, FALSE, &error))
    show_error_toast (self, error);
}

/**
 * lum_window_duplicate_channel:
 * @edit: open the copy in the editor, rather than offering to
 *
 * Saves a copy of @channel under a free name (“Name (copy)”).
 */
void
lum_window_duplicate_channel (LumWindow  *self,
                              LumChannel *channel,
                              gboolean    edit)
{
  g_autoptr(LumChannel) copy = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  g_return_if_fail (LUM_IS_WINDOW (self));
  g_return_if_fail (LUM_IS_CHANNEL (channel));

  copy = lum_engine_duplicate_channel (self->engine, channel, &error);
  if (copy == NULL)
    {
      show_error_toast (self, error);
      return;
    }

  toast = adw_toast_new_format (_("Duplicated as “%s”"), lum_channel_get_name (copy));
  if (edit)
    {
      lum_window_edit_channel (self, copy);
    }
  else
    {
      adw_toast_set_button_label (toast, _("_Edit"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_edit_duplicate_cb),
                             toast_data_new (self, copy), toast_data_free, 0);
    }
  lum_window_add_toast (self, toast);
}

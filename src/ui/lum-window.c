/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "lum-activity-page.h"
#include "lum-application.h"
#include "lum-channel-editor.h"
#include "lum-channels-page.h"
#include "lum-customer-editor.h"
#include "lum-customers-page.h"
#include "lum-document-editor.h"
#include "lum-document-view.h"
#include "lum-import-dialog.h"
#include "lum-integrations-page.h"
#include "lum-invoices-page.h"
#include "lum-orders-page.h"
#include "lum-product-editor.h"
#include "lum-products-page.h"
#include "lum-ui-format.h"
#include "lum-ui-util.h"
#include "lum-welcome-page.h"
#include "lum-window.h"
#include "lum-engine-setup.h"

/* The sections of the sidebar. A later section is one more entry here: its
 * page is a widget with a construct-only "engine" and a "folded" property
 * (the page shows its back button and window buttons when folded) and may
 * install a "page.search" action (Ctrl+F) and a "page.new" action (Ctrl+N). */
typedef struct
{
  const char *name;
  const char *title;
  const char *icon_name;
  GType     (*get_type) (void);
} LumSection;

static const LumSection sections[] = {
  /* Shown only until the database has a channel. */
  { "welcome", N_("Welcome"), "go-home-symbolic", lum_welcome_page_get_type },
  { "channels", N_("Channels"), "mail-send-receive-symbolic", lum_channels_page_get_type },
  { "sales-orders", N_("Sales Orders"), "emblem-documents-symbolic", lum_orders_page_get_type },
  { "invoices", N_("Invoices"), "accessories-calculator-symbolic", lum_invoices_page_get_type },
  { "customers", N_("Customers"), "system-users-symbolic", lum_customers_page_get_type },
  { "products", N_("Products"), "package-x-generic-symbolic", lum_products_page_get_type },
  { "integrations", N_("Integrations"), "network-server-symbolic", lum_integrations_page_get_type },
  { "activity", N_("Activity"), "document-open-recent-symbolic", lum_activity_page_get_type },
};

struct _LumWindow
{
  AdwApplicationWindow  parent_instance;

  LumEngine            *engine;
  GSettings            *settings;
  GtkWindow            *editor;
  GHashTable           *views;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *window_stack;
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar;
  GtkStack             *stack;
  AdwStatusPage        *error_page;
  GtkWidget            *welcome_row;
  GtkLabel             *failed_badge;
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

/* What a toast's button opens: a document. */
typedef struct
{
  GWeakRef        window;
  LumDocumentKind kind;
  gint64          id;
} DocToastData;

static void
doc_toast_data_free (gpointer  data,
                     GClosure *closure)
{
  DocToastData *td = data;

  g_weak_ref_clear (&td->window);
  g_free (td);
}

static void
on_open_document_clicked_cb (AdwToast     *toast,
                             DocToastData *td)
{
  g_autoptr(LumWindow) self = g_weak_ref_get (&td->window);

  if (self != NULL)
    lum_window_open_document (self, td->kind, td->id);
}

/* A toast whose button opens the document @id of @kind. */
static AdwToast *
document_toast_new (LumWindow       *self,
                    const char      *title,
                    const char      *button_label,
                    LumDocumentKind  kind,
                    gint64           id)
{
  AdwToast *toast = lum_ui_toast_new (title);
  DocToastData *td;

  if (button_label == NULL || id == 0)
    return toast;
  td = g_new0 (DocToastData, 1);
  g_weak_ref_init (&td->window, self);
  td->kind = kind;
  td->id = id;
  adw_toast_set_button_label (toast, button_label);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_open_document_clicked_cb),
                         td, doc_toast_data_free, 0);
  return toast;
}

static char *
view_key (LumDocumentKind kind,
          gint64          id)
{
  return g_strdup_printf ("%d:%" G_GINT64_FORMAT, kind, id);
}

static void
on_view_destroy_cb (LumWindow       *self,
                    LumDocumentView *view)
{
  g_autofree char *key = view_key (lum_document_view_get_kind (view), lum_document_view_get_id (view));

  if (g_hash_table_lookup (self->views, key) == view)
    g_hash_table_remove (self->views, key);
}

static void
show_error_toast (LumWindow    *self,
                  const GError *error)
{
  AdwToast *toast = lum_ui_toast_new (error->message);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  lum_window_add_toast (self, toast);
}

static GSettings *
load_settings (void)
{
  GSettings *settings = lum_application_dup_settings ();

  /* Running uninstalled without GSETTINGS_SCHEMA_DIR: work, forget the size. */
  if (settings == NULL)
    g_warning ("GSettings schema %s is not installed; the window size will not be kept", APP_ID);
  return settings;
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
create_sidebar_row (const LumSection *section,
                    GtkWidget        *suffix)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (_(section->title));

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (section->icon_name));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  if (suffix != NULL)
    gtk_box_append (GTK_BOX (box), suffix);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, section->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(section->title),
                                  -1);
  return row;
}

/* The number of failed jobs on the Activity row, hidden at none. */
static void
update_failed_badge (LumWindow *self)
{
  GApplication *app = g_application_get_default ();
  guint failed = LUM_IS_APPLICATION (app) ? lum_application_get_n_failed_jobs (LUM_APPLICATION (app)) : 0;
  g_autofree char *text = g_strdup_printf ("%u", failed);
  g_autofree char *described = g_strdup_printf (ngettext ("%u failed job", "%u failed jobs", failed), failed);

  gtk_label_set_text (self->failed_badge, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->failed_badge), described);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->failed_badge),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, described, -1);
  gtk_widget_set_visible (GTK_WIDGET (self->failed_badge), failed > 0);
}

static void
build_sections (LumWindow *self)
{
  GApplication *app = g_application_get_default ();

  self->failed_badge = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->failed_badge), "lum-badge");
  gtk_widget_add_css_class (GTK_WIDGET (self->failed_badge), "lum-state-failed");
  gtk_widget_set_valign (GTK_WIDGET (self->failed_badge), GTK_ALIGN_CENTER);
  if (LUM_IS_APPLICATION (app))
    g_signal_connect_object (app, "notify::n-failed-jobs", G_CALLBACK (update_failed_badge), self,
                             G_CONNECT_SWAPPED);
  update_failed_badge (self);

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      const LumSection *section = &sections[i];
      GtkWidget *page = g_object_new (section->get_type (), "engine", self->engine, NULL);
      gboolean activity = g_str_equal (section->name, "activity");
      GtkWidget *row = create_sidebar_row (section, activity ? GTK_WIDGET (self->failed_badge) : NULL);

      gtk_list_box_append (self->sidebar, row);
      gtk_stack_add_titled (self->stack, page, section->name, _(section->title));
      g_object_bind_property (self->leaflet, "folded", page, "folded", G_BINDING_SYNC_CREATE);
      if (g_str_equal (section->name, "welcome"))
        self->welcome_row = g_object_ref (row);
      /* The pages' own “Show Test Documents” and the preference are one. */
      if (LUM_IS_DOCUMENTS_PAGE (page) && self->settings != NULL)
        g_settings_bind (self->settings, "show-test-documents", page, "show-test", G_SETTINGS_BIND_DEFAULT);
    }
}

static void
select_section (LumWindow  *self,
                const char *name)
{
  const LumSection *section = find_section (name);
  GtkWidget *child;

  if (section == NULL || (section == &sections[0] && gtk_widget_get_parent (self->welcome_row) == NULL))
    section = &sections[1];

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

/* A row chosen without being activated (the keyboard's arrows, or a
 * screen reader selecting it over AT-SPI) shows its page too. */
static void
on_sidebar_row_selected_cb (LumWindow     *self,
                            GtkListBoxRow *row)
{
  const char *name = row != NULL ? gtk_widget_get_name (GTK_WIDGET (row)) : NULL;

  if (name == NULL || gtk_widget_in_destruction (GTK_WIDGET (self))
      || g_strcmp0 (name, gtk_stack_get_visible_child_name (self->stack)) == 0)
    return;
  select_section (self, name);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* The Welcome row leaves the sidebar rather than hiding in it: AT-SPI
 * counts the visible rows while GTK 4.8 selects a list box's row by its
 * place among all of them, so a screen reader selecting “Sales Orders”
 * would get the row before it. The window keeps a reference to it. */
static void
show_welcome_row (LumWindow *self,
                  gboolean   show)
{
  gboolean shown = gtk_widget_get_parent (self->welcome_row) != NULL;

  if (show && !shown)
    gtk_list_box_prepend (self->sidebar, self->welcome_row);
  else if (!show && shown)
    gtk_list_box_remove (self->sidebar, self->welcome_row);
}

/* The welcome page is there until the first channel is. */
static void
update_welcome (LumWindow *self)
{
  gboolean show = lum_welcome_page_should_show (self->engine);

  show_welcome_row (self, show);
  if (!show && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "welcome") == 0)
    select_section (self, "channels");
}

static void
on_engine_changed_cb (LumWindow  *self,
                      const char *what)
{
  if (g_str_equal (what, "channels") || g_str_equal (what, "external"))
    update_welcome (self);
}

static void
on_editor_saved_cb (LumWindow  *self,
                    LumChannel *channel)
{
  AdwToast *toast = lum_ui_toast_new_printf (_("“%s” saved"), lum_channel_get_name (channel));

  /* Testing is the last step of setting a channel up. */
  adw_toast_set_button_label (toast, _("_Test"));
  adw_toast_set_action_name (toast, "app.test-channel");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (lum_channel_get_id (channel)));
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

/* Ctrl+N: a new one of what the page shows; a channel by default. */
static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LumWindow *self = LUM_WINDOW (widget);
  GtkWidget *page = gtk_stack_get_visible_child (self->stack);

  if (self->engine == NULL)
    return;
  if (page == NULL || !gtk_widget_activate_action (page, "page.new", NULL))
    lum_window_edit_channel (self, NULL);
}

static void
new_document_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LumWindow *self = LUM_WINDOW (widget);
  gboolean order = g_str_equal (action_name, "win.new-sales-order");

  lum_window_show_page (self, order ? "sales-orders" : "invoices");
  lum_window_new_document (self, order ? LUM_DOCUMENT_KIND_SALES_ORDER : LUM_DOCUMENT_KIND_INVOICE);
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

/* The application maps Ctrl+N to “New Channel”; with pages of orders,
 * invoices, customers and products it means “new” of what is shown. */
static void
take_new_accel (LumWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  static const char * const new_accels[] = { "<Primary>n", NULL };
  static const char * const none[] = { NULL };
  g_auto(GStrv) channel_accels = NULL;

  if (app == NULL)
    return;
  channel_accels = gtk_application_get_accels_for_action (app, "app.new-channel");
  if (channel_accels != NULL && channel_accels[0] != NULL && g_str_equal (channel_accels[0], "<Primary>n"))
    gtk_application_set_accels_for_action (app, "app.new-channel", none);
  gtk_application_set_accels_for_action (app, "win.new", new_accels);
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
  take_new_accel (self);

  if (self->engine == NULL)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-channel", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-sales-order", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-invoice", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", FALSE);
      gtk_stack_set_visible_child_name (self->window_stack, "error");
      return;
    }

  build_sections (self);
  /* Not update_welcome(): it would leave the stack's first page, the
   * welcome page, for Channels before the last page is read. */
  show_welcome_row (self, lum_welcome_page_should_show (self->engine));
  g_signal_connect_object (self->engine, "changed", G_CALLBACK (on_engine_changed_cb), self, G_CONNECT_SWAPPED);
  if (gtk_widget_get_parent (self->welcome_row) != NULL)
    {
      select_section (self, "welcome");
    }
  else if (self->settings != NULL)
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
  g_clear_pointer (&self->views, g_hash_table_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), LUM_TYPE_WINDOW);
  g_clear_object (&self->welcome_row);

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
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_selected_cb);

  gtk_widget_class_install_action (widget_class, "win.new-channel", NULL, new_channel_action);
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.new-sales-order", NULL, new_document_action);
  gtk_widget_class_install_action (widget_class, "win.new-invoice", NULL, new_document_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);

  /* Without an application (the UI tests) the app accels do not apply. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
}

static void
lum_window_init (LumWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  lum_ui_name_buttons_by_label (GTK_WIDGET (self));

  self->settings = load_settings ();
  self->views = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
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

  toast = lum_ui_toast_new (_("Channel archived"));
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

  toast = lum_ui_toast_new_printf (_("Duplicated as “%s”"), lum_channel_get_name (copy));
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

/* -- documents ------------------------------------------------------------ */

static void
on_new_document_saved_cb (LumWindow   *self,
                          LumDocument *doc)
{
  g_autofree char *title = g_strdup_printf (_("Draft %s saved"), lum_document_get_number (doc));

  lum_window_add_toast (self, document_toast_new (self, title, _("_Open"), lum_document_get_kind (doc),
                                                  lum_document_get_id (doc)));
}

static void
on_new_document_posted_cb (LumWindow   *self,
                           LumDocument *doc)
{
  GtkWindow *view = lum_window_open_document (self, lum_document_get_kind (doc), lum_document_get_id (doc));

  lum_window_notify_posted (self, doc, GTK_WIDGET (view));
}

/**
 * lum_window_new_document:
 *
 * Opens the editor of a new sales order or invoice. Saved, it is offered
 * to open; posted, it opens.
 *
 * Returns: (transfer none) (nullable): the editor
 */
GtkWindow *
lum_window_new_document (LumWindow       *self,
                         LumDocumentKind  kind)
{
  g_autoptr(LumDocument) doc = NULL;
  LumDocumentEditor *editor;

  g_return_val_if_fail (LUM_IS_WINDOW (self), NULL);

  if (self->engine == NULL)
    return NULL;
  doc = lum_document_new (kind);
  editor = lum_document_editor_new (GTK_WINDOW (self), self->engine, doc);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_new_document_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "posted", G_CALLBACK (on_new_document_posted_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
  return GTK_WINDOW (editor);
}

/**
 * lum_window_open_document:
 *
 * Shows the document @id of @kind in its own window, or brings the one
 * already open to the front.
 *
 * Returns: (transfer none) (nullable): the LumDocumentView
 */
GtkWindow *
lum_window_open_document (LumWindow       *self,
                          LumDocumentKind  kind,
                          gint64           id)
{
  g_autofree char *key = view_key (kind, id);
  LumDocumentView *view;

  g_return_val_if_fail (LUM_IS_WINDOW (self), NULL);

  if (self->engine == NULL)
    return NULL;
  view = g_hash_table_lookup (self->views, key);
  if (view == NULL)
    {
      view = lum_document_view_new (GTK_WINDOW (self), self->engine, kind, id);
      g_hash_table_insert (self->views, g_steal_pointer (&key), view);
      g_signal_connect_object (view, "destroy", G_CALLBACK (on_view_destroy_cb), self, G_CONNECT_SWAPPED);
    }
  gtk_window_present (GTK_WINDOW (view));
  return GTK_WINDOW (view);
}

/**
 * lum_window_notify_posted:
 * @doc: a document just posted
 * @where: (nullable): the LumDocumentView to show the news in, or %NULL
 *   for the main window
 *
 * Says what posting @doc made: its push, its invoice, or for an invoice
 * the sales order it generated, with a button to open that.
 */
void
lum_window_notify_posted (LumWindow   *self,
                          LumDocument *doc,
                          GtkWidget   *where)
{
  g_autoptr(LumDocument) fresh = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  g_return_if_fail (LUM_IS_WINDOW (self));
  g_return_if_fail (LUM_IS_DOCUMENT (doc));

  fresh = lum_engine_get_document (self->engine, lum_document_get_kind (doc), lum_document_get_id (doc), NULL);
  if (fresh == NULL)
    fresh = g_object_ref (doc);

  if (lum_document_get_kind (fresh) == LUM_DOCUMENT_KIND_INVOICE)
    {
      gint64 order_id = lum_document_get_int (fresh, LUM_DOC_LINKED_ID);
      g_autoptr(LumDocument) order = order_id != 0
        ? lum_engine_get_document (self->engine, LUM_DOCUMENT_KIND_SALES_ORDER, order_id, NULL) : NULL;

      if (order != NULL)
        /* Translators: an invoice number, then a sales order number */
        title = g_strdup_printf (_("%s posted: sales order %s generated"), lum_document_get_number (fresh),
                                 lum_document_get_number (order));
      else
        title = g_strdup_printf (_("%s posted"), lum_document_get_number (fresh));
      toast = document_toast_new (self, title, _("_Open Sales Order"), LUM_DOCUMENT_KIND_SALES_ORDER, order_id);
    }
  else
    {
      g_auto(GStrv) invoices = lum_engine_list_order_invoices (self->engine, lum_document_get_id (fresh), NULL);
      gint64 invoice_id = 0;

      if (invoices != NULL && invoices[0] != NULL)
        {
          g_autoptr(LumDocument) invoice = lum_engine_find_document (self->engine, LUM_DOCUMENT_KIND_INVOICE,
                                                                     invoices[0], NULL);

          invoice_id = invoice ? lum_document_get_id (invoice) : 0;
          /* Translators: a sales order number, then an invoice number */
          title = g_strdup_printf (_("%s posted and invoiced as %s"), lum_document_get_number (fresh), invoices[0]);
        }
      else if (g_strcmp0 (lum_document_get_text (fresh, LUM_DOC_PUSH_STATUS), LUM_PUSH_SCHEDULED) == 0)
        {
          g_autofree char *due = lum_ui_format_time (lum_document_get_text (fresh, LUM_DOC_PUSH_DUE_AT));
          /* Translators: a sales order number, then a date and time */
          title = g_strdup_printf (_("%s posted: its push is scheduled for %s"), lum_document_get_number (fresh), due);
        }
      else
        {
          title = g_strdup_printf (_("%s posted"), lum_document_get_number (fresh));
        }
      toast = document_toast_new (self, title, invoice_id != 0 ? _("_Open Invoice") : NULL,
                                  LUM_DOCUMENT_KIND_INVOICE, invoice_id);
    }

  if (LUM_IS_DOCUMENT_VIEW (where))
    lum_document_view_add_toast (LUM_DOCUMENT_VIEW (where), toast);
  else
    lum_window_add_toast (self, toast);
}

/* -- customers, products and imports -------------------------------------- */

static void
on_customer_saved_cb (LumWindow   *self,
                      LumCustomer *customer)
{
  lum_window_add_toast (self, lum_ui_toast_new_printf (_("“%s” saved"), lum_customer_get_name (customer)));
}

/**
 * lum_window_edit_customer:
 * @customer: (nullable): the customer to edit, or %NULL for a new one
 *
 * Returns: (transfer none) (nullable): the editor
 */
GtkWindow *
lum_window_edit_customer (LumWindow   *self,
                          LumCustomer *customer)
{
  LumCustomerEditor *editor;

  g_return_val_if_fail (LUM_IS_WINDOW (self), NULL);

  if (self->engine == NULL)
    return NULL;
  editor = lum_customer_editor_new (GTK_WINDOW (self), self->engine, customer);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_customer_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
  return GTK_WINDOW (editor);
}

static void
on_product_saved_cb (LumWindow  *self,
                     LumProduct *product)
{
  lum_window_add_toast (self, lum_ui_toast_new_printf (_("“%s” saved"), lum_product_get_sku (product)));
}

/**
 * lum_window_edit_product:
 * @product: (nullable): the product to edit, or %NULL for a new one
 *
 * Returns: (transfer none) (nullable): the editor
 */
GtkWindow *
lum_window_edit_product (LumWindow  *self,
                         LumProduct *product)
{
  LumProductEditor *editor;

  g_return_val_if_fail (LUM_IS_WINDOW (self), NULL);

  if (self->engine == NULL)
    return NULL;
  editor = lum_product_editor_new (GTK_WINDOW (self), self->engine, product);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_product_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
  return GTK_WINDOW (editor);
}

static void
on_imported_cb (LumImportDialog *dialog,
                guint            added,
                guint            updated,
                guint            skipped,
                LumWindow       *self)
{
  g_autofree char *title = NULL;

  /* Translators: the result of an import: three counts */
  if (skipped > 0)
    title = g_strdup_printf (_("Imported: %u added, %u updated, %u skipped"), added, updated, skipped);
  else
    title = g_strdup_printf (_("Imported: %u added, %u updated"), added, updated);
  lum_window_add_toast (self, lum_ui_toast_new (title));
}

typedef struct
{
  LumWindow     *window;
  LumImportKind  kind;
} ImportCall;

static void
on_import_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  ImportCall *call = user_data;
  g_autoptr(LumWindow) self = call->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GListStore) rows = NULL;
  LumImportKind kind = call->kind;
  gsize length = 0;
  LumImportDialog *dialog;

  g_free (call);
  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      show_error_toast (self, error);
      return;
    }
  if (self->engine == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  rows = lum_engine_import_preview (self->engine, kind, contents, length, &error);
  if (rows == NULL)
    {
      show_error_toast (self, error);
      return;
    }
  name = g_file_get_basename (G_FILE (source));
  dialog = lum_import_dialog_new (GTK_WINDOW (self), self->engine, kind, G_LIST_MODEL (rows), name);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * lum_window_import_file:
 *
 * Reads @file without blocking the window and previews its import.
 */
void
lum_window_import_file (LumWindow     *self,
                        LumImportKind  kind,
                        GFile         *file)
{
  ImportCall *call;

  g_return_if_fail (LUM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  call = g_new0 (ImportCall, 1);
  call->window = g_object_ref (self);
  call->kind = kind;
  g_file_load_contents_async (file, NULL, on_import_loaded_cb, call);
}

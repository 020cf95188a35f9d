/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "lum-warehouse-groups-dialog.h"
#include "lum-channels-page.h"
#include "lum-ui-util.h"
#include "lum-window.h"
#include "lum-engine-setup.h"

struct _LumChannelsPage
{
  GtkWidget            parent_instance;

  LumEngine           *engine;
  gboolean             folded;
  gboolean             show_archived;

  /* channels → filter (search) → sort (column headers) → selection */
  GListStore          *channels;
  GtkFilterListModel  *filter_model;
  GtkSortListModel    *sort_model;
  GtkSingleSelection  *selection;
  char                *search_key;
  GtkWidget           *context_menu;

  GtkSearchBar        *search_bar;
  GtkSearchEntry      *search_entry;
  GtkStack            *content_stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *type_column;
  GtkColumnViewColumn *group_column;
  GtkColumnViewColumn *destination_column;
  GtkColumnViewColumn *flow_column;
  GtkColumnViewColumn *tags_column;
  GtkColumnViewColumn *actions_column;
};

G_DEFINE_FINAL_TYPE (LumChannelsPage, lum_channels_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ENGINE,
  PROP_FOLDED,
  PROP_SHOW_ARCHIVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static LumWindow *
get_window (LumChannelsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return LUM_IS_WINDOW (root) ? LUM_WINDOW (root) : NULL;
}

static LumChannel *
find_channel (LumChannelsPage *self,
              gint64           id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->channels));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LumChannel) channel = g_list_model_get_item (G_LIST_MODEL (self->channels), i);

      if (lum_channel_get_id (channel) == id)
        return g_steal_pointer (&channel);
    }
  return NULL;
}

static gboolean
contains_key (const char *text,
              const char *key)
{
  g_autofree char *folded = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  folded = g_utf8_casefold (text, -1);
  return strstr (folded, key) != NULL;
}

static gboolean
match_channel (gpointer item,
               gpointer user_data)
{
  LumChannelsPage *self = user_data;
  LumChannel *channel = item;
  g_autofree char *tags = NULL;

  if (self->search_key == NULL)
    return TRUE;

  tags = lum_channel_dup_tags_text (channel);
  return contains_key (lum_channel_get_name (channel), self->search_key) ||
         contains_key (tags, self->search_key) ||
         contains_key (lum_channel_get_description (channel), self->search_key);
}

static void
update_state (LumChannelsPage *self)
{
  const char *page = "list";

  if (g_list_model_get_n_items (G_LIST_MODEL (self->channels)) == 0)
    page = "empty";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0)
    page = "no-results";

  gtk_stack_set_visible_child_name (self->content_stack, page);
}

static gint64
selected_id (LumChannelsPage *self)
{
  LumChannel *channel = gtk_single_selection_get_selected_item (self->selection);

  return channel != NULL ? lum_channel_get_id (channel) : 0;
}

static void
select_id (LumChannelsPage *self,
           gint64           id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));

  for (guint i = 0; id != 0 && i < n; i++)
    {
      g_autoptr(LumChannel) channel = g_list_model_get_item (G_LIST_MODEL (self->sort_model), i);

      if (lum_channel_get_id (channel) == id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

/* -- cells ---------------------------------------------------------------- */

static GtkExpression *
item_property (const char *property)
{
  GtkExpression *item = gtk_property_expression_new (GTK_TYPE_LIST_ITEM, NULL, "item");

  return gtk_property_expression_new (LUM_TYPE_CHANNEL, item, property);
}

static GtkWidget *
create_badge (const char *text,
              const char *style)
{
  GtkWidget *badge = gtk_label_new (text);

  gtk_widget_add_css_class (badge, "lum-badge");
  gtk_widget_add_css_class (badge, style);
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  return badge;
}

typedef struct
{
  const char *property;
  int         width_chars;
} TextColumn;

/* A label showing one string property of the row's channel. */
static void
on_text_cell_setup_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *list_item,
                       const TextColumn         *column)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), column->width_chars);
  gtk_expression_bind (item_property (column->property), label, "label", list_item);
  gtk_expression_bind (item_property (column->property), label, "tooltip-text", list_item);
  gtk_list_item_set_child (list_item, label);
}

static void
on_type_cell_setup_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *list_item,
                       gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *internal = create_badge (_("Internal"), "internal");
  GtkWidget *archived = create_badge (_("Archived"), "archived");

  gtk_expression_bind (item_property ("internal"), internal, "visible", list_item);
  gtk_expression_bind (item_property ("archived"), archived, "visible", list_item);
  gtk_box_append (GTK_BOX (box), internal);
  gtk_box_append (GTK_BOX (box), archived);
  gtk_list_item_set_child (list_item, box);
}

static GMenuModel *
create_channel_menu (LumChannel *channel)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  GVariant *id = g_variant_new_int64 (lum_channel_get_id (channel));
  g_autoptr(GMenuItem) edit = g_menu_item_new (_("_Edit"), NULL);
  g_autoptr(GMenuItem) duplicate = g_menu_item_new (_("_Duplicate"), NULL);
  g_autoptr(GMenuItem) archive = NULL;

  g_variant_ref_sink (id);
  g_menu_item_set_action_and_target_value (edit, "channels.edit", id);
  g_menu_item_set_action_and_target_value (duplicate, "channels.duplicate", id);
  g_menu_append_item (menu, edit);
  g_menu_append_item (menu, duplicate);

  if (lum_channel_get_archived (channel))
    {
      archive = g_menu_item_new (_("_Restore"), NULL);
      g_menu_item_set_action_and_target_value (archive, "channels.restore", id);
    }
  else
    {
      archive = g_menu_item_new (_("_Archive"), NULL);
      g_menu_item_set_action_and_target_value (archive, "channels.archive", id);
    }
  g_menu_append_item (section, archive);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_variant_unref (id);

  return G_MENU_MODEL (g_steal_pointer (&menu));
}

static void
on_actions_cell_setup_cb (GtkSignalListItemFactory *factory,
                          GtkListItem              *list_item,
                          gpointer                  user_data)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Channel Actions"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Channel Actions"),
                                  -1);
  gtk_list_item_set_child (list_item, button);
}

static void
on_actions_cell_bind_cb (GtkSignalListItemFactory *factory,
                         GtkListItem              *list_item,
                         gpointer                  user_data)
{
  GtkWidget *button = gtk_list_item_get_child (list_item);
  LumChannel *channel = gtk_list_item_get_item (list_item);
  g_autoptr(GMenuModel) menu = create_channel_menu (channel);

  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
}

static void
on_actions_cell_unbind_cb (GtkSignalListItemFactory *factory,
                           GtkListItem              *list_item,
                           gpointer                  user_data)
{
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (gtk_list_item_get_child (list_item)), NULL);
}

static void
set_text_factory (GtkColumnViewColumn *column,
                  const TextColumn    *text)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_text_cell_setup_cb), (gpointer)text);
  gtk_column_view_column_set_factory (column, factory);
}

static void
setup_columns (LumChannelsPage *self)
{
  g_autoptr(GtkListItemFactory) type_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) actions_factory = gtk_signal_list_item_factory_new ();

  /* The narrowest each column gets before it ellipsizes. */
  static const TextColumn name = { "name", 24 };
  static const TextColumn group = { "warehouse-group-name", 12 };
  static const TextColumn destination = { "destination-summary", 18 };
  static const TextColumn flow = { "flow-summary", 14 };
  static const TextColumn tags = { "tags-text", 10 };

  set_text_factory (self->name_column, &name);
  set_text_factory (self->group_column, &group);
  set_text_factory (self->destination_column, &destination);
  set_text_factory (self->flow_column, &flow);
  set_text_factory (self->tags_column, &tags);

  g_signal_connect (type_factory, "setup", G_CALLBACK (on_type_cell_setup_cb), NULL);
  gtk_column_view_column_set_factory (self->type_column, type_factory);

  g_signal_connect (actions_factory, "setup", G_CALLBACK (on_actions_cell_setup_cb), NULL);
  g_signal_connect (actions_factory, "bind", G_CALLBACK (on_actions_cell_bind_cb), NULL);
  g_signal_connect (actions_factory, "unbind", G_CALLBACK (on_actions_cell_unbind_cb), NULL);
  gtk_column_view_column_set_factory (self->actions_column, actions_factory);
}

/* What gives way on a narrow window, the least needed first: the name
 * (all of it, “(copy)” included) and the actions always show. */
static void
setup_column_priorities (LumChannelsPage *self)
{
  GtkColumnViewColumn *by_priority[] = {
    self->tags_column, self->flow_column, self->group_column, self->destination_column, self->type_column,
  };

  lum_ui_column_view_fit_columns (self->column_view, by_priority, G_N_ELEMENTS (by_priority));
}

/* -- callbacks ------------------------------------------------------------ */

static void
on_engine_changed_cb (LumChannelsPage *self,
                      const char      *what)
{
  /* Integration and group names show in the rows, so any change counts. */
  lum_channels_page_reload (self);
}

static void
on_search_changed_cb (LumChannelsPage *self,
                      GtkSearchEntry  *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->search_key, g_free);
  if (*stripped != '\0')
    self->search_key = g_utf8_casefold (stripped, -1);

  gtk_filter_changed (gtk_filter_list_model_get_filter (self->filter_model), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_search_activate_cb (LumChannelsPage *self,
                       GtkSearchEntry  *entry)
{
  g_autoptr(LumChannel) first = g_list_model_get_item (G_LIST_MODEL (self->sort_model), 0);
  LumWindow *window = get_window (self);

  if (first != NULL && window != NULL)
    lum_window_edit_channel (window, first);
}

static void
on_column_view_activate_cb (LumChannelsPage *self,
                            guint            position)
{
  g_autoptr(LumChannel) channel = g_list_model_get_item (G_LIST_MODEL (self->sort_model), position);
  LumWindow *window = get_window (self);

  if (channel != NULL && window != NULL)
    lum_window_edit_channel (window, channel);
}

static void
on_filter_items_changed_cb (LumChannelsPage *self)
{
  update_state (self);
}

/* Right click on a row: the same menu as its ⋯ button, at the pointer. */
static void
on_context_click_pressed_cb (GtkGestureClick *gesture,
                             int              n_press,
                             double           x,
                             double           y,
                             LumChannelsPage *self)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->column_view), x, y, GTK_PICK_DEFAULT);
  g_autoptr(GMenuModel) menu = NULL;
  GtkListItem *list_item = NULL;
  LumChannel *channel;

  /* The factories tag each cell's child with its list item; the pointer
   * may be on that child, inside it, or on the cell around it. */
  for (GtkWidget *w = picked; w != NULL && w != GTK_WIDGET (self->column_view); w = gtk_widget_get_parent (w))
    {
      GtkWidget *child = gtk_widget_get_first_child (w);

      list_item = g_object_get_data (G_OBJECT (w), "lum-list-item");
      if (list_item == NULL && child != NULL)
        list_item = g_object_get_data (G_OBJECT (child), "lum-list-item");
      if (list_item != NULL)
        break;
    }
  if (list_item == NULL || (channel = gtk_list_item_get_item (list_item)) == NULL)
    return;

  gtk_single_selection_set_selected (self->selection, gtk_list_item_get_position (list_item));
  menu = create_channel_menu (channel);
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->context_menu), menu);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu),
                               &(GdkRectangle) { (int)x, (int)y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_cell_setup_tag_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      gpointer                  user_data)
{
  g_object_set_data (G_OBJECT (gtk_list_item_get_child (list_item)), "lum-list-item", list_item);
}

static void
setup_context_menu (LumChannelsPage *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkColumnViewColumn *columns[] = {
    self->name_column, self->type_column, self->group_column, self->destination_column,
    self->flow_column, self->tags_column,
  };

  /* Runs after each factory's own setup, so the child exists. */
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    g_signal_connect_after (gtk_column_view_column_get_factory (columns[i]), "setup",
                            G_CALLBACK (on_cell_setup_tag_cb), NULL);

  self->context_menu = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
  gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self->column_view));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_context_click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (click));
}

/* -- actions -------------------------------------------------------------- */

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LumChannelsPage *self = LUM_CHANNELS_PAGE (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Groups and their warehouses, in a dialog over the window. */
static void
warehouse_groups_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  LumChannelsPage *self = LUM_CHANNELS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  LumWarehouseGroupsDialog *dialog = lum_warehouse_groups_dialog_new (self->engine,
                                                                      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
channel_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LumChannelsPage *self = LUM_CHANNELS_PAGE (widget);
  g_autoptr(LumChannel) channel = find_channel (self, g_variant_get_int64 (parameter));
  LumWindow *window = get_window (self);

  if (channel == NULL || window == NULL)
    return;

  if (g_str_equal (action_name, "channels.edit"))
    lum_window_edit_channel (window, channel);
  else if (g_str_equal (action_name, "channels.duplicate"))
    lum_window_duplicate_channel (window, channel, FALSE);
  else if (g_str_equal (action_name, "channels.archive"))
    lum_window_archive_channel (window, channel);
  else if (g_str_equal (action_name, "channels.restore"))
    lum_window_restore_channel (window, channel);
}

/* -- GObject -------------------------------------------------------------- */

static void
lum_channels_page_constructed (GObject *object)
{
  LumChannelsPage *self = (LumChannelsPage *)object;

  G_OBJECT_CLASS (lum_channels_page_parent_class)->constructed (object);

  g_return_if_fail (LUM_IS_ENGINE (self->engine));

  g_signal_connect_object (self->engine, "changed", G_CALLBACK (on_engine_changed_cb), self,
                           G_CONNECT_SWAPPED);
  lum_channels_page_reload (self);
}

static void
lum_channels_page_dispose (GObject *object)
{
  LumChannelsPage *self = (LumChannelsPage *)object;

  GtkWidget *child;

  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), LUM_TYPE_CHANNELS_PAGE);
  /* The header bar is not a bound template child: unparent what is left. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->channels);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (lum_channels_page_parent_class)->dispose (object);
}

static void
lum_channels_page_finalize (GObject *object)
{
  LumChannelsPage *self = (LumChannelsPage *)object;

  g_clear_pointer (&self->search_key, g_free);

  G_OBJECT_CLASS (lum_channels_page_parent_class)->finalize (object);
}

static void
lum_channels_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LumChannelsPage *self = LUM_CHANNELS_PAGE (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    case PROP_SHOW_ARCHIVED:
      g_value_set_boolean (value, self->show_archived);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_channels_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LumChannelsPage *self = LUM_CHANNELS_PAGE (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      self->engine = g_value_dup_object (value);
      break;
    case PROP_FOLDED:
      if (self->folded != g_value_get_boolean (value))
        {
          self->folded = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SHOW_ARCHIVED:
      lum_channels_page_set_show_archived (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_channels_page_class_init (LumChannelsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lum_channels_page_constructed;
  object_class->dispose = lum_channels_page_dispose;
  object_class->finalize = lum_channels_page_finalize;
  object_class->get_property = lum_channels_page_get_property;
  object_class->set_property = lum_channels_page_set_property;

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, LUM_TYPE_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * LumChannelsPage:folded:
   *
   * Whether the window shows the page without its sidebar; the page then
   * shows a back button and the window buttons on its left.
   */
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOW_ARCHIVED] =
    g_param_spec_boolean ("show-archived", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LUM_TYPE_CHANNEL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lumenapp/Lumen/lum-channels-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LumChannelsPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, LumChannelsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LumChannelsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, LumChannelsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, LumChannelsPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, LumChannelsPage, type_column);
  gtk_widget_class_bind_template_child (widget_class, LumChannelsPage, group_column);
  gtk_widget_class_bind_template_child (widget_class, LumChannelsPage, destination_column);
  gtk_widget_class_bind_template_child (widget_class, LumChannelsPage, flow_column);
  gtk_widget_class_bind_template_child (widget_class, LumChannelsPage, tags_column);
  gtk_widget_class_bind_template_child (widget_class, LumChannelsPage, actions_column);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);

  gtk_widget_class_install_action (widget_class, "page.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "channels.edit", "x", channel_action);
  gtk_widget_class_install_action (widget_class, "channels.duplicate", "x", channel_action);
  gtk_widget_class_install_action (widget_class, "channels.archive", "x", channel_action);
  gtk_widget_class_install_action (widget_class, "channels.restore", "x", channel_action);
  gtk_widget_class_install_property_action (widget_class, "channels.show-archived", "show-archived");
  gtk_widget_class_install_action (widget_class, "channels.warehouse-groups", NULL, warehouse_groups_action);

  gtk_widget_class_set_css_name (widget_class, "lum-channels-page");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
lum_channels_page_init (LumChannelsPage *self)
{
  GtkCustomFilter *filter;

  gtk_widget_init_template (GTK_WIDGET (self));
  lum_ui_name_buttons_by_label (GTK_WIDGET (self));
  lum_ui_column_view_name_titles (self->column_view);

  self->channels = g_list_store_new (LUM_TYPE_CHANNEL);
  filter = gtk_custom_filter_new (match_channel, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->channels)),
                                                  GTK_FILTER (filter));
  /* A handful of channels sort in memory; the long lists of later pages
   * sort in SQL and only read the sorter's column and direction. */
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                              g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);

  g_signal_connect_object (self->filter_model, "items-changed", G_CALLBACK (on_filter_items_changed_cb),
                           self, G_CONNECT_SWAPPED);

  setup_columns (self);
  setup_column_priorities (self);
  setup_context_menu (self);
  /* Typing on the page searches. */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  update_state (self);
}

GtkWidget *
lum_channels_page_new (LumEngine *engine)
{
  return g_object_new (LUM_TYPE_CHANNELS_PAGE, "engine", engine, NULL);
}

/**
 * lum_channels_page_get_model:
 *
 * Returns: (transfer none): the channels as the page shows them: searched
 *   and sorted
 */
GListModel *
lum_channels_page_get_model (LumChannelsPage *self)
{
  g_return_val_if_fail (LUM_IS_CHANNELS_PAGE (self), NULL);
  return G_LIST_MODEL (self->sort_model);
}

gboolean
lum_channels_page_get_show_archived (LumChannelsPage *self)
{
  g_return_val_if_fail (LUM_IS_CHANNELS_PAGE (self), FALSE);
  return self->show_archived;
}

void
lum_channels_page_set_show_archived (LumChannelsPage *self,
                                     gboolean         show_archived)
{
  g_return_if_fail (LUM_IS_CHANNELS_PAGE (self));

  show_archived = !!show_archived;
  if (self->show_archived == show_archived)
    return;
  self->show_archived = show_archived;
  if (self->engine != NULL)
    lum_channels_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ARCHIVED]);
}

/**
 * lum_channels_page_reload:
 *
 * Reads the channels again, keeping the selected one selected.
 */
void
lum_channels_page_reload (LumChannelsPage *self)
{
  g_autoptr(GListStore) fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 selected;
  guint n;

  g_return_if_fail (LUM_IS_CHANNELS_PAGE (self));

  fresh = lum_engine_list_channels (self->engine, self->show_archived, &error);
  if (fresh == NULL)
    {
      LumWindow *window = get_window (self);

      g_warning ("Cannot list channels: %s", error->message);
      if (window != NULL)
        lum_window_add_toast (window, lum_ui_toast_new (error->message));
      return;
    }

  selected = selected_id (self);
  n = g_list_model_get_n_items (G_LIST_MODEL (fresh));
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (fresh), i));
  g_list_store_splice (self->channels, 0, g_list_model_get_n_items (G_LIST_MODEL (self->channels)),
                       items->pdata, items->len);
  select_id (self, selected);
  update_state (self);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include "lum-ui-util.h"

/**
 * lum_ui_name_buttons_by_label:
 *
 * GTK 4.8 names a button with a text label twice over AT-SPI: its label
 * property (mnemonic underscore included) and then the label widget it is
 * labelled by ("_Save Save"). Dropping the first leaves the visible label
 * as the name, so screen readers and AT-SPI tests find “Save”.
 */
void
lum_ui_name_buttons_by_label (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) != NULL)
        gtk_accessible_reset_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL);
      lum_ui_name_buttons_by_label (child);
    }
}

/**
 * lum_ui_toast_new:
 * @text: plain text, which may quote anything a user typed
 *
 * A toast's title is Pango markup: a name such as “Bolt & Nut” would be
 * lost, with a warning. Every toast is made here, from plain text.
 */
AdwToast *
lum_ui_toast_new (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return adw_toast_new (escaped);
}

AdwToast *
lum_ui_toast_new_printf (const char *format,
                         ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  return lum_ui_toast_new (text);
}

/* -- accessibility -------------------------------------------------------- */

/**
 * lum_ui_name_list_item:
 * @child: the child a list item factory made
 *
 * GTK 4.8 names the row of a list view, column view or drop-down after
 * nothing, and AT-SPI falls back to “GtkListItemWidget”. Names the cell
 * (or row) that holds @child after its text, so a screen reader reads it;
 * an empty one is named empty.
 */
void
lum_ui_name_list_item (GtkWidget  *child,
                       const char *text)
{
  GtkWidget *item = gtk_widget_get_parent (child);

  if (item == NULL)
    return;
  /* An empty cell is named empty, not after its type. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_LABEL, text ? text : "", -1);
}

static char *
item_text (GtkExpression *expression,
           gpointer       item)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (GTK_IS_STRING_OBJECT (item))
    return g_strdup (gtk_string_object_get_string (item));
  if (expression != NULL && gtk_expression_evaluate (expression, item, &value)
      && G_VALUE_HOLDS_STRING (&value))
    return g_value_dup_string (&value);
  return NULL;
}

static void
on_choice_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  /* The list's selection says which is chosen; the tick is not read. */
  GtkWidget *check = g_object_new (GTK_TYPE_IMAGE,
                                   "icon-name", "object-select-symbolic",
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                   NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (list_item, box);
}

static void
update_choice_check (GtkListItem *list_item,
                     guint        selected)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *check = gtk_widget_get_last_child (box);

  gtk_widget_set_opacity (check, gtk_list_item_get_position (list_item) == selected ? 1 : 0);
}

static void
on_choice_selected_cb (GObject     *chooser,
                       GParamSpec  *pspec,
                       GtkListItem *list_item)
{
  guint selected;

  g_object_get (chooser, "selected", &selected, NULL);
  update_choice_check (list_item, selected);
}

/* @chooser: the AdwComboRow or GtkDropDown whose list this is */
static void
on_choice_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   GWeakRef                 *chooser_ref)
{
  g_autoptr(GObject) chooser = g_weak_ref_get (chooser_ref);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkExpression *expression = NULL;
  g_autofree char *text = NULL;

  if (chooser == NULL)
    return;
  g_object_get (chooser, "expression", &expression, NULL);
  text = item_text (expression, gtk_list_item_get_item (list_item));
  g_clear_pointer (&expression, gtk_expression_unref);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)), text ? text : "");
  lum_ui_name_list_item (box, text);
  g_signal_connect_object (chooser, "notify::selected", G_CALLBACK (on_choice_selected_cb), list_item, 0);
  on_choice_selected_cb (chooser, NULL, list_item);
}

/* The chooser may be gone already when its list is torn down. */
static void
on_choice_unbind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     GWeakRef                 *chooser_ref)
{
  g_autoptr(GObject) chooser = g_weak_ref_get (chooser_ref);

  if (chooser != NULL)
    g_signal_handlers_disconnect_by_func (chooser, on_choice_selected_cb, list_item);
}

static void
free_weak_ref (gpointer data,
               GClosure *closure)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static GtkListItemFactory *
choice_factory_new (GObject *chooser)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GWeakRef *bind_ref = g_new0 (GWeakRef, 1);
  GWeakRef *unbind_ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (bind_ref, chooser);
  g_weak_ref_init (unbind_ref, chooser);
  g_signal_connect (factory, "setup", G_CALLBACK (on_choice_setup_cb), NULL);
  g_signal_connect_data (factory, "bind", G_CALLBACK (on_choice_bind_cb), bind_ref, free_weak_ref, 0);
  g_signal_connect_data (factory, "unbind", G_CALLBACK (on_choice_unbind_cb), unbind_ref, free_weak_ref, 0);
  return factory;
}

/* GTK 4.8 has no value for a combo box: its description says it. */
static void
on_chooser_selected_cb (GObject *chooser)
{
  GtkExpression *expression = NULL;
  g_autoptr(GObject) item = NULL;
  g_autofree char *text = NULL;

  g_object_get (chooser, "expression", &expression, "selected-item", &item, NULL);
  text = item_text (expression, item);
  g_clear_pointer (&expression, gtk_expression_unref);
  gtk_accessible_update_property (GTK_ACCESSIBLE (chooser),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text ? text : "", -1);
}

static void
expose_value (GObject *chooser)
{
  g_signal_connect (chooser, "notify::selected-item", G_CALLBACK (on_chooser_selected_cb), NULL);
  g_signal_connect (chooser, "notify::model", G_CALLBACK (on_chooser_selected_cb), NULL);
  on_chooser_selected_cb (chooser);
}

/* -- choices as actions ---------------------------------------------------- */

/**
 * lum_ui_choice_action_name:
 * @text: a choice as the list shows it
 *
 * The name of the action that chooses @text: its letters and digits in
 * ASCII, lower case, any other run of characters one hyphen
 * (“Sales order first, then invoice” is “sales-order-first-then-invoice”).
 * Returns: (transfer full): the name, empty when @text has no letter or digit
 */
char *
lum_ui_choice_action_name (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text != NULL ? text : "", "C");
  GString *name = g_string_new (NULL);
  gboolean hyphen = FALSE;

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (hyphen && name->len > 0)
            g_string_append_c (name, '-');
          g_string_append_c (name, g_ascii_tolower (*p));
          hyphen = FALSE;
        }
      else
        hyphen = TRUE;
    }
  return g_string_free (name, FALSE);
}

static void
on_choose_activated_cb (GSimpleAction *action,
                        GVariant      *parameter,
                        GObject       *chooser)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (action), "lum-choice-position"));
  g_autoptr(GListModel) model = NULL;

  g_object_get (chooser, "model", &model, NULL);
  if (model != NULL && position < g_list_model_get_n_items (model))
    g_object_set (chooser, "selected", position, NULL);
}

/* One action “choose.NAME” for each choice of the model, in its order. */
static void
update_choice_actions (GObject *chooser)
{
  GActionMap *group = g_object_get_data (chooser, "lum-choice-actions");
  g_auto(GStrv) old = g_action_group_list_actions (G_ACTION_GROUP (group));
  g_autoptr(GListModel) model = NULL;
  GtkExpression *expression = NULL;
  guint n_items;

  for (guint i = 0; old[i] != NULL; i++)
    g_action_map_remove_action (group, old[i]);

  g_object_get (chooser, "model", &model, "expression", &expression, NULL);
  n_items = model != NULL ? g_list_model_get_n_items (model) : 0;
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_autofree char *text = item_text (expression, item);
      g_autofree char *name = lum_ui_choice_action_name (text);
      g_autoptr(GSimpleAction) action = NULL;

      if (*name == '\0' || g_action_map_lookup_action (group, name) != NULL)
        {
          g_autofree char *plain = g_steal_pointer (&name);

          name = *plain == '\0' ? g_strdup_printf ("choice-%u", i + 1)
                                 : g_strdup_printf ("%s-%u", plain, i + 1);
        }
      action = g_simple_action_new (name, NULL);
      g_object_set_data (G_OBJECT (action), "lum-choice-position", GUINT_TO_POINTER (i));
      g_signal_connect_object (action, "activate", G_CALLBACK (on_choose_activated_cb), chooser, 0);
      g_action_map_add_action (group, G_ACTION (action));
    }
  g_clear_pointer (&expression, gtk_expression_unref);
}

static void
on_choices_changed_cb (GListModel *model,
                       guint       position,
                       guint       removed,
                       guint       added,
                       GObject    *chooser)
{
  update_choice_actions (chooser);
}

static void
on_chooser_model_cb (GObject *chooser)
{
  GListModel *watched = g_object_get_data (chooser, "lum-choice-model");
  g_autoptr(GListModel) model = NULL;

  g_object_get (chooser, "model", &model, NULL);
  if (watched != model)
    {
      if (watched != NULL)
        g_signal_handlers_disconnect_by_func (watched, on_choices_changed_cb, chooser);
      if (model != NULL)
        g_signal_connect_object (model, "items-changed", G_CALLBACK (on_choices_changed_cb), chooser, 0);
      g_object_set_data_full (chooser, "lum-choice-model",
                              model != NULL ? g_object_ref (model) : NULL, g_object_unref);
    }
  update_choice_actions (chooser);
}

/* Assistive technologies choose without the popover (which they cannot
 * drive reliably): the chooser gets an action per choice, named after it. */
static void
expose_choices (GtkWidget *chooser)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  g_object_set_data_full (G_OBJECT (chooser), "lum-choice-actions", g_object_ref (group), g_object_unref);
  gtk_widget_insert_action_group (chooser, "choose", G_ACTION_GROUP (group));
  g_signal_connect (chooser, "notify::model", G_CALLBACK (on_chooser_model_cb), NULL);
  g_signal_connect (chooser, "notify::expression", G_CALLBACK (update_choice_actions), NULL);
  on_chooser_model_cb (G_OBJECT (chooser));
}

static void
on_popup_activated_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       GtkWidget     *row)
{
  gtk_widget_activate (row);
}

/**
 * lum_ui_combo_row_make_accessible:
 *
 * A combo row of libadwaita 1.2 reads as its title and, with
 * #AdwComboRow:use-subtitle, its value, but a screen reader can neither
 * open it (it has no AT-SPI action) nor tell its choices apart (they are
 * unnamed list items). Gives it the action “combo.popup”, names each
 * choice after its text, keeps its chosen value as its description, and
 * gives it an action “choose.NAME” per choice that chooses it (NAME as
 * lum_ui_choice_action_name() makes it), kept up with its model.
 */
void
lum_ui_combo_row_make_accessible (AdwComboRow *row)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) popup = g_simple_action_new ("popup", NULL);
  g_autoptr(GtkListItemFactory) factory = choice_factory_new (G_OBJECT (row));

  g_signal_connect_object (popup, "activate", G_CALLBACK (on_popup_activated_cb), row, 0);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (popup));
  gtk_widget_insert_action_group (GTK_WIDGET (row), "combo", G_ACTION_GROUP (group));
  adw_combo_row_set_list_factory (row, factory);
  expose_value (G_OBJECT (row));
  expose_choices (GTK_WIDGET (row));
}

/**
 * lum_ui_drop_down_make_accessible:
 *
 * The same for a drop-down: its choices are named, its value is its
 * description, and each choice has its action “choose.NAME”. Its button
 * opens it.
 */
void
lum_ui_drop_down_make_accessible (GtkDropDown *dropdown)
{
  g_autoptr(GtkListItemFactory) factory = choice_factory_new (G_OBJECT (dropdown));

  gtk_drop_down_set_list_factory (dropdown, factory);
  expose_value (G_OBJECT (dropdown));
  expose_choices (GTK_WIDGET (dropdown));
}

/**
 * lum_ui_column_view_name_titles:
 *
 * A column view's headers read as “GtkColumnViewTitle” over AT-SPI in GTK
 * 4.8: names each after the title it shows. Call once the columns are in.
 */
void
lum_ui_column_view_name_titles (GtkColumnView *view)
{
  GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (view));
  GListModel *columns = gtk_column_view_get_columns (view);
  guint i = 0;

  /* The header is the view's first child, one title per column in order. */
  for (GtkWidget *title = header ? gtk_widget_get_first_child (header) : NULL;
       title != NULL && i < g_list_model_get_n_items (columns);
       title = gtk_widget_get_next_sibling (title), i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      const char *text = gtk_column_view_column_get_title (column);

      if (text != NULL && *text != '\0')
        gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
      else
        gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
    }
}

/* -- columns that give way ------------------------------------------------ */

typedef struct
{
  GtkColumnView *view;
  GPtrArray     *columns;   /* GtkColumnViewColumn, the first to hide first */
  guint          idle_id;
} FitColumns;

static void
fit_columns_free (gpointer data)
{
  FitColumns *fit = data;

  g_clear_handle_id (&fit->idle_id, g_source_remove);
  g_ptr_array_unref (fit->columns);
  g_free (fit);
}

static int
natural_width (GtkWidget *widget)
{
  int natural = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

/* The widest of each column's title and cells in @row, one child a column. */
static void
widen_columns (GtkWidget *row,
               int       *widths,
               guint      n_columns)
{
  guint i = 0;

  for (GtkWidget *cell = row != NULL ? gtk_widget_get_first_child (row) : NULL;
       cell != NULL && i < n_columns;
       cell = gtk_widget_get_next_sibling (cell), i++)
    widths[i] = MAX (widths[i], natural_width (cell));
}

/* What the shown columns ask for with the rows bound now. The view's own
 * measure is kept until it is laid out again, so the titles and cells are
 * measured: the header first, then the list's rows. */
static int
needed_width (GtkColumnView *view)
{
  GListModel *columns = gtk_column_view_get_columns (view);
  guint n_columns = g_list_model_get_n_items (columns);
  g_autofree int *widths = g_new0 (int, n_columns);
  GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (view));
  GtkWidget *list = header != NULL ? gtk_widget_get_next_sibling (header) : NULL;
  int needed = 0;

  widen_columns (header, widths, n_columns);
  for (GtkWidget *row = list != NULL ? gtk_widget_get_first_child (list) : NULL;
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_visible (row))
      widen_columns (row, widths, n_columns);
  for (guint i = 0; i < n_columns; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (gtk_column_view_column_get_visible (column))
        needed += widths[i];
    }
  return needed;
}

/* Shows every column, then hides them by priority until what the rows
 * say fits the width the view has: nothing is cut off or scrolled away.
 * All are shown first because a hidden cell measures nothing: this is
 * done after a frame, in one go, so nothing flickers. */
static gboolean
on_fit_columns_idle_cb (gpointer user_data)
{
  FitColumns *fit = user_data;
  GtkWidget *view = GTK_WIDGET (fit->view);
  GtkWidget *scrolled = gtk_widget_get_ancestor (view, GTK_TYPE_SCROLLED_WINDOW);
  int available = gtk_widget_get_width (scrolled != NULL ? scrolled : view);

  fit->idle_id = 0;
  if (available <= 0 || !gtk_widget_get_mapped (view))
    return G_SOURCE_REMOVE;
  for (guint i = 0; i < fit->columns->len; i++)
    gtk_column_view_column_set_visible (g_ptr_array_index (fit->columns, i), TRUE);
  for (guint i = 0; i < fit->columns->len && needed_width (fit->view) > available; i++)
    gtk_column_view_column_set_visible (g_ptr_array_index (fit->columns, i), FALSE);
  return G_SOURCE_REMOVE;
}

static void
queue_fit_columns (FitColumns *fit)
{
  if (fit->idle_id == 0)
    /* after the frame that lays out the rows */
    fit->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, on_fit_columns_idle_cb, fit, NULL);
}

static void
on_fit_columns_width_cb (GtkAdjustment *adjustment,
                         GtkWidget     *view)
{
  static const char key[] = "lum-fit-page-size";
  FitColumns *fit = g_object_get_data (G_OBJECT (view), "lum-fit-columns");
  int page = (int)gtk_adjustment_get_page_size (adjustment);

  /* the page, not the scrolling: once per width */
  if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (adjustment), key)) == page + 1)
    return;
  g_object_set_data (G_OBJECT (adjustment), key, GINT_TO_POINTER (page + 1));
  queue_fit_columns (fit);
}

static void
on_fit_columns_items_cb (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         GtkWidget  *view)
{
  queue_fit_columns (g_object_get_data (G_OBJECT (view), "lum-fit-columns"));
}

static void
on_fit_columns_model_cb (GtkColumnView *view,
                         GParamSpec    *pspec,
                         gpointer       user_data)
{
  GtkSelectionModel *model = gtk_column_view_get_model (view);

  if (model != NULL)
    g_signal_connect_object (model, "items-changed", G_CALLBACK (on_fit_columns_items_cb), view, 0);
  queue_fit_columns (g_object_get_data (G_OBJECT (view), "lum-fit-columns"));
}

/**
 * lum_ui_column_view_fit_columns:
 * @columns: (array length=n_columns): the columns that may be hidden, the
 *   least important first; the others always show
 *
 * Lets @view's columns give way on a narrow window: when the rows' text
 * does not fit the width, the least important columns are hidden, and
 * shown again when the window widens. Call once the columns are in.
 */
void
lum_ui_column_view_fit_columns (GtkColumnView              *view,
                                GtkColumnViewColumn * const *columns,
                                guint                        n_columns)
{
  FitColumns *fit = g_new0 (FitColumns, 1);
  GtkAdjustment *hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view));

  fit->view = view;
  fit->columns = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_columns; i++)
    g_ptr_array_add (fit->columns, g_object_ref (columns[i]));
  g_object_set_data_full (G_OBJECT (view), "lum-fit-columns", fit, fit_columns_free);
  if (hadjustment != NULL)
    g_signal_connect_object (hadjustment, "changed", G_CALLBACK (on_fit_columns_width_cb), view, 0);
  g_signal_connect (view, "notify::model", G_CALLBACK (on_fit_columns_model_cb), NULL);
  g_signal_connect_swapped (view, "map", G_CALLBACK (queue_fit_columns), fit);
  on_fit_columns_model_cb (view, NULL, NULL);
}

/**
 * lum_ui_set_error_message:
 * @message: (nullable): the label that says why @widget's value was
 *   refused, or %NULL when it was not
 *
 * Links an error label to the entry it is about, and marks the entry
 * invalid, so a screen reader reads the reason with the entry. GTK 4.8
 * gives AT-SPI no error-message relation (later versions do): the label
 * also describes the entry (AT-SPI “described-by”), which it does export.
 */
void
lum_ui_set_error_message (GtkWidget *widget,
                          GtkWidget *message)
{
  if (message != NULL)
    {
      gtk_accessible_update_relation (GTK_ACCESSIBLE (widget),
                                      GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE, message,
                                      -1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (widget),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, message, NULL,
                                      -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (widget),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

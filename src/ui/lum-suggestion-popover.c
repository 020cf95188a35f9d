/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include "lum-suggestion-popover.h"
#include "lum-ui-util.h"

/*
 * LumSuggestionPopover: type-ahead under an entry. The keyboard stays in
 * the entry: Up and Down move through the suggestions, Enter or Tab takes
 * the highlighted one, Escape closes the list; a click takes one too. The
 * popover is a child of the entry: its owner unparents it on dispose.
 */
struct _LumSuggestionPopover
{
  GtkPopover             parent_instance;

  GtkWidget             *entry;
  LumSuggestionTextFunc  text_func;
  GtkSingleSelection    *selection;

  GtkStack              *stack;
  GtkListView           *list_view;
  GtkLabel              *empty_label;
};

G_DEFINE_FINAL_TYPE (LumSuggestionPopover, lum_suggestion_popover, GTK_TYPE_POPOVER)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint
n_suggestions (LumSuggestionPopover *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->selection));
}

static void
move_selection (LumSuggestionPopover *self,
                int                   delta)
{
  guint n = n_suggestions (self);
  guint selected = gtk_single_selection_get_selected (self->selection);
  guint next;

  if (n == 0)
    return;
  if (selected == GTK_INVALID_LIST_POSITION)
    next = delta > 0 ? 0 : n - 1;
  else
    next = (selected + n + delta) % n;
  gtk_single_selection_set_selected (self->selection, next);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", next);
}

/* Whether the keyboard is in the entry, or in a part of it. */
static gboolean
entry_has_focus (LumSuggestionPopover *self)
{
  GtkRoot *root = self->entry != NULL ? gtk_widget_get_root (self->entry) : NULL;
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == self->entry || gtk_widget_is_ancestor (focus, self->entry));
}

/* -- callbacks ------------------------------------------------------------ */

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   LumSuggestionPopover  *self)
{
  gboolean shown = gtk_widget_get_visible (GTK_WIDGET (self));

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (!shown)
        {
          if (n_suggestions (self) == 0)
            return FALSE;
          gtk_popover_popup (GTK_POPOVER (self));
          return TRUE;
        }
      move_selection (self, keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down ? 1 : -1);
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_Tab:
      if (!shown || gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
        return FALSE;
      lum_suggestion_popover_choose (self, gtk_single_selection_get_selected (self->selection));
      /* Tab still moves on to the next field. */
      return keyval != GDK_KEY_Tab;

    case GDK_KEY_Escape:
      if (!shown)
        return FALSE;
      gtk_popover_popdown (GTK_POPOVER (self));
      return TRUE;

    default:
      return FALSE;
    }
}

static void
on_focus_leave_cb (GtkEventControllerFocus *controller,
                   LumSuggestionPopover    *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
on_list_activate_cb (GtkListView          *list_view,
                     guint                 position,
                     LumSuggestionPopover *self)
{
  lum_suggestion_popover_choose (self, position);
}

static void
on_item_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_item_set_child (list_item, box);
}

static void
on_item_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 LumSuggestionPopover     *self)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  gpointer item = gtk_list_item_get_item (list_item);
  g_autofree char *title_text = self->text_func (item, FALSE);
  g_autofree char *subtitle_text = self->text_func (item, TRUE);

  gtk_label_set_text (GTK_LABEL (title), title_text ? title_text : "");
  gtk_label_set_text (GTK_LABEL (subtitle), subtitle_text ? subtitle_text : "");
  gtk_widget_set_visible (subtitle, subtitle_text != NULL && *subtitle_text != '\0');
  lum_ui_name_list_item (box, title_text);
}

/* -- GObject -------------------------------------------------------------- */

static void
lum_suggestion_popover_show (GtkWidget *widget)
{
  LumSuggestionPopover *self = LUM_SUGGESTION_POPOVER (widget);
  int width = self->entry != NULL ? gtk_widget_get_width (self->entry) : 0;

  /* As wide as the entry it completes. */
  gtk_widget_set_size_request (GTK_WIDGET (self->stack), MAX (width - 24, 240), -1);

  GTK_WIDGET_CLASS (lum_suggestion_popover_parent_class)->show (widget);
}

static void
lum_suggestion_popover_dispose (GObject *object)
{
  LumSuggestionPopover *self = (LumSuggestionPopover *)object;

  g_clear_object (&self->selection);
  self->entry = NULL;

  G_OBJECT_CLASS (lum_suggestion_popover_parent_class)->dispose (object);
}

static void
lum_suggestion_popover_class_init (LumSuggestionPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lum_suggestion_popover_dispose;
  widget_class->show = lum_suggestion_popover_show;

  /**
   * LumSuggestionPopover::chosen:
   * @item: the suggestion taken
   *
   * The user took a suggestion; the popover is closed.
   */
  signals[CHOSEN] =
    g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_OBJECT);
}

static void
lum_suggestion_popover_init (LumSuggestionPopover *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, TRUE);

  g_signal_connect (factory, "setup", G_CALLBACK (on_item_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_item_bind_cb), self);
  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (g_object_ref (GTK_SELECTION_MODEL (self->selection)),
                                                      g_object_ref (factory)));
  gtk_list_view_set_single_click_activate (self->list_view, TRUE);
  /* The keyboard stays in the entry. */
  gtk_widget_set_focusable (GTK_WIDGET (self->list_view), FALSE);
  gtk_widget_set_can_focus (GTK_WIDGET (self->list_view), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "navigation-sidebar");
  g_signal_connect (self->list_view, "activate", G_CALLBACK (on_list_activate_cb), self);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list_view));

  self->empty_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->empty_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->empty_label), "dim-label");
  gtk_widget_set_margin_top (GTK_WIDGET (self->empty_label), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->empty_label), 12);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_vhomogeneous (self->stack, FALSE);
  gtk_stack_add_named (self->stack, scrolled, "list");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->empty_label), "empty");

  gtk_popover_set_child (GTK_POPOVER (self), GTK_WIDGET (self->stack));
  gtk_popover_set_autohide (GTK_POPOVER (self), FALSE);
  gtk_popover_set_has_arrow (GTK_POPOVER (self), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self), GTK_POS_BOTTOM);
  gtk_widget_add_css_class (GTK_WIDGET (self), "lum-suggestions");
}

/**
 * lum_suggestion_popover_new:
 * @entry: the widget the user types into (an entry, an entry row)
 *
 * Returns: (transfer none): the popover, a child of @entry
 */
LumSuggestionPopover *
lum_suggestion_popover_new (GtkWidget             *entry,
                            LumSuggestionTextFunc  text_func)
{
  LumSuggestionPopover *self = g_object_new (LUM_TYPE_SUGGESTION_POPOVER, NULL);
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->entry = entry;
  self->text_func = text_func;
  gtk_widget_set_parent (GTK_WIDGET (self), entry);

  /* Before the entry sees the key: Enter must not activate the row. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self, 0);
  gtk_widget_add_controller (entry, keys);
  g_signal_connect_object (focus, "leave", G_CALLBACK (on_focus_leave_cb), self, 0);
  gtk_widget_add_controller (entry, focus);

  return self;
}

/**
 * lum_suggestion_popover_set_items:
 * @items: (nullable): the suggestions, or %NULL to close the popover
 * @empty_text: (nullable): what to say when @items is empty; %NULL closes
 *   the popover then
 *
 * Shows @items, the first one highlighted, when the entry has the focus.
 */
void
lum_suggestion_popover_set_items (LumSuggestionPopover *self,
                                  GListModel           *items,
                                  const char           *empty_text)
{
  gboolean empty;

  g_return_if_fail (LUM_IS_SUGGESTION_POPOVER (self));

  gtk_single_selection_set_model (self->selection, items);
  empty = items == NULL || g_list_model_get_n_items (items) == 0;
  gtk_label_set_text (self->empty_label, empty_text ? empty_text : "");
  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");

  if ((empty && empty_text == NULL) || items == NULL || !entry_has_focus (self))
    {
      gtk_popover_popdown (GTK_POPOVER (self));
      return;
    }
  gtk_popover_popup (GTK_POPOVER (self));
}

/**
 * lum_suggestion_popover_get_items:
 *
 * Returns: (transfer none) (nullable): the suggestions shown
 */
GListModel *
lum_suggestion_popover_get_items (LumSuggestionPopover *self)
{
  g_return_val_if_fail (LUM_IS_SUGGESTION_POPOVER (self), NULL);
  return gtk_single_selection_get_model (self->selection);
}

/**
 * lum_suggestion_popover_get_selected:
 *
 * Returns: (transfer none) (nullable): the highlighted suggestion
 */
gpointer
lum_suggestion_popover_get_selected (LumSuggestionPopover *self)
{
  g_return_val_if_fail (LUM_IS_SUGGESTION_POPOVER (self), NULL);
  return gtk_single_selection_get_selected_item (self->selection);
}

/* Takes the suggestion at @position, as a click or Enter does. */
void
lum_suggestion_popover_choose (LumSuggestionPopover *self,
                               guint                 position)
{
  g_autoptr(GObject) item = NULL;

  g_return_if_fail (LUM_IS_SUGGESTION_POPOVER (self));

  item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  gtk_popover_popdown (GTK_POPOVER (self));
  if (item != NULL)
    g_signal_emit (self, signals[CHOSEN], 0, item);
}

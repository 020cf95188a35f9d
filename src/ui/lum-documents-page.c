/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "lum-document-columns.h"
#include "lum-documents-page.h"
#include "lum-list-relay.h"
#include "lum-ui-format.h"
#include "lum-ui-util.h"
#include "lum-window.h"
#include "lum-engine-setup.h"

typedef struct
{
  LumEngine           *engine;
  gboolean             folded;
  gboolean             show_test;
  gint64               hidden_tests;

  /* Made when the page is first shown: counting a million orders is not
   * for a page nobody looks at. */
  LumDocumentList     *list;
  LumListRelay        *relay;
  GtkNoSelection      *selection;
  guint                load_source;
  GArray              *channel_ids;
  gboolean             loading_filters;
  /* A refresh the user did not ask for (a push went out, a shipment came
   * in) keeps the rows in view; a new filter, search or sort starts at
   * the top. */
  gboolean             user_change;
  double               kept_scroll;
  gboolean             restoring;
  /* After a filter that selects many rows: the frames to wait for before
   * the rest are counted. */
  guint                count_tick;
  guint                count_ticks;

  AdwWindowTitle      *window_title;
  GtkWidget           *new_button;
  GtkSearchBar        *search_bar;
  GtkSearchEntry      *search_entry;
  GtkWidget           *filter_bar;
  GtkDropDown         *channel_dropdown;
  GtkDropDown         *status_dropdown;
  GtkDropDown         *push_dropdown;
  GtkDropDown         *fulfillment_dropdown;
  GtkDropDown         *accounting_dropdown;
  GtkWidget           *clear_filters_button;
  GtkLabel            *count_label;
  GtkWidget           *hidden_tests_button;
  GtkStack            *content_stack;
  GtkSpinner          *spinner;
  GtkColumnView       *column_view;
  AdwStatusPage       *empty_page;
  GtkWidget           *create_button;
  AdwStatusPage       *no_results_page;
  AdwStatusPage       *error_page;

  GtkColumnViewColumn *number_column;
  GtkColumnViewColumn *date_column;
  GtkColumnViewColumn *channel_column;
  GtkColumnViewColumn *customer_column;
  GtkColumnViewColumn *po_column;
  GtkColumnViewColumn *type_column;
  GtkColumnViewColumn *due_column;
  GtkColumnViewColumn *linked_column;
  GtkColumnViewColumn *total_column;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *push_column;
  GtkColumnViewColumn *fulfillment_column;
  GtkColumnViewColumn *accounting_column;
  GtkColumnViewColumn *accounting_id_column;
} LumDocumentsPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (LumDocumentsPage, lum_documents_page, GTK_TYPE_WIDGET)

/* The rows shown in the first frame: a screenful. GTK 4.8's column view
 * makes 200 rows at once, whatever its height. */
#define FIRST_ROWS 60

enum {
  PROP_0,
  PROP_ENGINE,
  PROP_FOLDED,
  PROP_SHOW_TEST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const LumFilterChoice order_statuses[] = {
  { NULL, N_("All Statuses") },
  { LUM_STATUS_DRAFT, N_("Draft") },
  { LUM_STATUS_POSTED, N_("Posted") },
  { LUM_STATUS_CANCELLED, N_("Cancelled") },
};

static const LumFilterChoice invoice_statuses[] = {
  { NULL, N_("All Statuses") },
  { LUM_STATUS_DRAFT, N_("Draft") },
  { LUM_STATUS_POSTED, N_("Posted") },
  { LUM_STATUS_VOID, N_("Void") },
};

static const LumFilterChoice push_states[] = {
  { NULL, N_("Any Push Status") },
  { LUM_PUSH_NOT_PUSHED, N_("Not Pushed") },
  { LUM_PUSH_SCHEDULED, N_("Scheduled") },
  { LUM_PUSH_PUSHED, N_("Pushed") },
  { LUM_PUSH_FAILED, N_("Failed") },
};

static const LumFilterChoice fulfillment_states[] = {
  { NULL, N_("Any Fulfillment") },
  { LUM_FULFILLMENT_UNFULFILLED, N_("Unfulfilled") },
  { LUM_FULFILLMENT_PARTIAL, N_("Partially Fulfilled") },
  { LUM_FULFILLMENT_FULFILLED, N_("Fulfilled") },
};

static const LumFilterChoice accounting_states[] = {
  { NULL, N_("Any Accounting Status") },
  { LUM_PUSH_NOT_PUSHED, N_("Not Pushed") },
  { LUM_PUSH_SCHEDULED, N_("Scheduled") },
  { LUM_PUSH_PUSHED, N_("Pushed") },
  { LUM_PUSH_FAILED, N_("Failed") },
};

static gboolean
is_orders (LumDocumentsPage *self)
{
  return lum_documents_page_get_kind (self) == LUM_DOCUMENT_KIND_SALES_ORDER;
}

static const LumFilterChoice *
status_choices (LumDocumentsPage *self,
                guint            *n)
{
  *n = is_orders (self) ? G_N_ELEMENTS (order_statuses) : G_N_ELEMENTS (invoice_statuses);
  return is_orders (self) ? order_statuses : invoice_statuses;
}

static LumWindow *
get_window (LumDocumentsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return LUM_IS_WINDOW (root) ? LUM_WINDOW (root) : NULL;
}

/* Whether a filter or the search narrows the list; the drop-downs that
 * filter are marked. */
static gboolean
filtering (LumDocumentsPage *self)
{
  LumDocumentsPagePrivate *priv = lum_documents_page_get_instance_private (self);
  GtkDropDown *dropdowns[] = {
    priv->channel_dropdown, priv->status_dropdown, priv->push_dropdown,
    priv->fulfillment_dropdown, priv->accounting_dropdown,
  };
  gboolean any = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (dropdowns); i++)
    {
      gboolean on = gtk_widget_get_visible (GTK_WIDGET (dropdowns[i])) && gtk_drop_down_get_selected (dropdowns[i]) != 0;

      if (on)
        gtk_widget_add_css_class (GTK_WIDGET (dropdowns[i]), "lum-filtering");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (dropdowns[i]), "lum-filtering");
      any |= on;
    }
  return any || *gtk_editable_get_text (GTK_EDITABLE (priv->search_entry)) != '\0';
}

/* Test documents are hidden, never silently: the page says how many, with
 * a button that shows them. */
static void
count_hidden_tests (LumDocumentsPage *self)
{
  LumDocumentsPagePrivate *priv = lum_documents_page_get_instance_private (self);
  LumDocumentQuery query = { .kind = lum_documents_page_get_kind (self), .only_test = TRUE };
  g_autoptr(GError) error = NULL;

  priv->hidden_tests = 0;
  if (priv->show_test || priv->engine == NULL)
    return;
  priv->hidden_tests = lum_engine_count_documents (priv->engine, &query, &error);
  if (priv->hidden_tests < 0)
    {
      g_warning ("Cannot count the test documents: %s", error->message);
      priv->hidden_tests = 0;
    }
}

static void
update_hidden_tests (LumDocumentsPage *self)
{
  LumDocumentsPagePrivate *priv = lum_documents_page_get_instance_private (self);
  guint n = (guint)MIN (priv->hidden_tests, G_MAXUINT);
  g_autofree char *text = NULL;

  if (is_orders (self))
    /* Translators: a button; "—" then what it does */
    text = g_strdup_printf (g_dngettext (NULL, "%u test order hidden — Show", "%u test orders hidden — Show", n), n);
  else
    text = g_strdup_printf (g_dngettext (NULL, "%u test invoice hidden — Show", "%u test invoices hidden — Show",
                                         n), n);
  gtk_button_set_label (GTK_BUTTON (priv->hidden_tests_button), text);
  gtk_widget_set_visible (priv->hidden_tests_button, priv->list != NULL && !priv->show_test && n > 0);
}

static void
update_state (LumDocumentsPage *self)
{
  LumDocumentsPagePrivate *priv = lum_documents_page_get_instance_private (self);
  const GError *error;
  guint n;
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;

  if (priv->list == NULL)
    {
      gtk_stack_set_visible_child_name (priv->content_stack, "loading");
      gtk_widget_set_visible (priv->filter_bar, FALSE);
      return;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (priv->list));
  count = lum_ui_format_count (n);
  if (is_orders (self))
    text = g_strdup_printf (g_dngettext (NULL, "%s sales order", "%s sales orders", n), count);
  else
    text = g_strdup_printf (g_dngettext (NULL, "%s invoice", "%s invoices", n), count);
  gtk_label_set_text (priv->count_label, text);
  /* Only the first rows counted yet: no count rather than a wrong one. */
  gtk_widget_set_visible (GTK_WIDGET (priv->count_label), n > 0 && !lum_document_list_get_counting (priv->list));
  gtk_widget_set_visible (priv->clear_filters_button, filtering (self));
  gtk_spinner_set_spinning (priv->spinner, FALSE);
  update_hidden_tests (self);

  if ((error = lum_document_list_get_error (priv->list)) != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_status_page_set_description (priv->error_page, escaped);
      gtk_stack_set_visible_child_name (priv->content_stack, "error");
    }
  else if (n > 0)
    gtk_stack_set_visible_child_name (priv->content_stack, "list");
  else if (filtering (self))
    gtk_stack_set_visible_child_name (priv->content_stack, "no-results");
  else
    gtk_stack_set_visible_child_name (priv->content_stack, "empty");

  /* Filters are for lists there are. */
  gtk_widget_set_visible (priv->filter_bar, g_strcmp0 (gtk_stack_get_visible_child_name (priv->content_stack),
                                                       "list") == 0 || filtering (self));
}

/* -- filters and sorting -------------------------------------------------- */

/* A new filter, search or sort starts at the top: the view goes there
 * first, so that the relay can swap the rows in place (see
 * on_list_changing_cb()). */
static void
begin_user_change (LumDocumentsPage *self)
{
  LumDocumentsPagePrivate *priv = lum_documents_page_get_instance_private (self);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (priv->column_view));

  priv->user_change = TRUE;
  if (priv->relay != NULL && adjustment != NULL)
    gtk_adjustment_set_value (adjustment, 0);
}

static void
load_channel_filter (LumDocumentsPage *self)
{
  LumDocumentsPagePrivate *priv = lum_documents_page_get_instance_private (self);
  g_autoptr(GListStore) channels = NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  guint selected = gtk_drop_down_get_selected (priv->channel_dropdown);
  gint64 current = selected < priv->channel_ids->len ? g_array_index (priv->channel_ids, gint64, selected) : 0;
  gint64 none = 0;

  channels = lum_engine_list_channels (priv->engine, TRUE, &error);
  if (channels == NULL)
    {
      g_warning ("Cannot list channels: %s", error->message);
      return;
    }

  g_array_set_size (priv->channel_ids, 0);
  gtk_string_list_append (labels, _("All Channels"));
  g_array_append_val (priv->channel_ids, none);
  selected = 0;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (channels)); i++)
    {
      g_autoptr(LumChannel) channel = g_list_model_get_item (G_LIST_MODEL (channels), i);
      gint64 id = lum_channel_get_id (channel);
      g_autofree char *label = NULL;

      if (lum_channel_get_archived (channel))
        /* Translators: a channel in the filter of the list pages */
        label = g_strdup_printf (_("%s (Archived)"), lum_channel_get_name (channel));
      if (id == current)
        selected = priv->channel_ids->len;
      gtk_string_list_append (labels, label ? label : lum_channel_get_name (channel));
      g_array_append_val (priv->channel_ids, id);
    }

  priv->loading_filters = TRUE;
  gtk_drop_down_set_model (priv->channel_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (priv->channel_dropdown, selected);
  priv->loading_filters = FALSE;
}

static void
apply_filters (LumDocumentsPage *self)
{
  LumDocumentsPagePrivate *priv = lum_documents_page_get_instance_private (self);
  guint channel = gtk_drop_down_get_selected (priv->channel_dropdown);
  const LumFilterChoice *statuses;
  guint n_statuses;

  if (priv->list == NULL || priv->loading_filters)
    return;

  begin_user_change (self);
  statuses = status_choices (self, &n_statuses);
  lum_document_list_set_channel_id (priv->list, channel < priv->channel_ids->len
                                                ? g_array_index (priv->channel_ids, gint64, channel) : 0);
  lum_document_list_set_status (priv->list, lum_filter_dropdown_value (priv->status_dropdown, statuses, n_statuses));
  if (is_orders (self))
    {
      lum_document_list_set_push_status (priv->list,
                                         lum_filter_dropdown_value (priv->push_dropdown, push_states,
                                                                    G_N_ELEMENTS (push_states)));
      lum_document_list_set_fulfillment_status (priv->list,
                                                lum_filter_dropdown_value (priv->fulfillment_dropdown,
                                                                           fulfillment_states,
                                                                           G_N_ELEMENTS (fulfillment_states)));
    }
  else
    {
      lum_document_list_set_accounting_status (priv->list,
                                               lum_filter_dropdown_value (priv->accounting_dropdown,
                                                                          accounting_states,
                                                                          G_N_ELEMENTS (accounting_states)));
    }
  priv->user_change = FALSE;
  update_state (self);
}

static void
apply_sort (LumDocumentsPage *self)
{
  LumDocumentsPagePrivate *priv = lum_documents_page_get_instance_private (self);
  LumDocSort sort = LUM_DOC_SORT_NUMBER;
  gboolean descending = TRUE;

  if (priv->list == NULL)
    return;
  lum_document_columns_get_sort (priv->column_view, &sort, &descending);
  begin_user_change (self);
  lum_document_list_set_sort (priv->list, sort, descending);
  priv->user_change = FALSE;
}

/* -- the list ------------------------------------------------------------- */

/* The list view inside the column view, which scrolls. */
static GtkWidget *
find_list_view (GtkWidget *column_view)
{
  for (GtkWidget *child = gtk_widget_get_first_child (column_view); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;
  return NULL;
}

/* After the window laid out the new rows at the top: back to the rows the
 * user saw, in the same frame (the frame clock lays out again). By row,
 * not by pixel: rows far down have no size yet. The view scrolls down to
 * an item by bringing it to the bottom, so it is asked for the last row
 * that was in view. */
static void
on_layout_cb (GdkFrameClock    *clock,
              LumDocumentsPage *self)
{
  LumDocumentsPagePrivate *priv = lum_documents_page_get_instance_private (self);
  GtkAdjustment *adjustment;
  GtkWidget *list_view;
  double value = priv->kept_scroll;
  double upper, row;
  guint n, last;

  g_signal_handlers_disconnect_by_func (clock, on_layout_cb, self);
  priv->restoring = FALSE;
  priv->kept_scroll = -1;
  if (priv->column_view == NULL || priv->relay == NULL || value <= 0)
    return;
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (priv->column_view));
  list_view = find_list_view (GTK_WIDGET (priv->column_view));
  n = g_list_model_get_n_items (G_LIST_MODEL (priv->relay));
  if (adjustment == NULL || list_view == NULL || n == 0)
    return;

  upper = gtk_adjustment_get_upper (adjustment);
  row = upper / n;
  if (row <= 0)
    return;
  last = (guint)((value + gtk_adjustment_get_page_size (adjustment)) / row);
  last = MIN (last, n - 1);
  gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", last);
}

/* Before the relay hears of a change: a view at the top stays there, and
 * the relay can give the rows it has the new items rather than have new
 * rows made for them; a view scrolled down keeps its place (below). */
static void
on_list_changing_cb (LumDocumentsPage *self)
{
  LumDocumentsPagePrivate *priv = lum_documents_page_get_instance_private (self);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (priv->column_view));

  if (priv->relay != NULL)
    lum_list_relay_set_swap (priv->relay, adjustment != NULL && gtk_adjustment_get_value (adjustment) <= 0);
}

/* Told in two steps by the relay: the rows go, the new ones come. */
static void
on_relay_items_changed_cb (LumListRelay     *relay,
                           guint             position,
                           guint             removed,
                           guint             added,
                           LumDocumentsPage *self)
{
  LumDocumentsPagePrivate *priv = lum_documents_page_get_instance_private (self);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (priv->column_view));
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (priv->column_view));

  if (priv->user_change || adjustment == NULL || clock == NULL || position != 0)
    {
      priv->kept_scroll = -1;
      return;
    }
  if (removed > 0 && added == 0)
    {
      if (!priv->restoring)
        priv->kept_scroll = gtk_adjustment_get_value (adjustment);
      return;
    }
  if (removed == 0 && added > 0 && priv->kept_scroll > 0 && !priv->restoring)
    {
      priv->restoring = TRUE;
      g_signal_connect_object (clock, "layout", G_CALLBACK (on_layout_cb), self, G_CONNECT_AFTER);
    }
}

/* Ticks come before a frame is drawn: the second comes after the first
 * frame with the first rows; then the rest are counted. */
static gboolean
on_count_frames_cb (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  LumDocumentsPage *self = user_data;
  LumDocumentsPagePrivate *priv = lum_documents_page_get_instance_private (self);

  if (++priv->count_ticks < 2)
    return G_SOURCE_CONTINUE;
  priv->count_tick = 0;
  if (priv->list != NULL)
    lum_document_list_count_rest (priv->list);
  return G_SOURCE_REMOVE;
}

static void
on_items_changed_cb (LumDocumentsPage *self)
{
  LumDocumentsPagePrivate *priv = lum_documents_page_get_instance_private (self);

  if (lum_document_list_get_counting (priv->list))
    {
      /* The frames of these rows, not of those before. */
      priv->count_ticks = 0;
      if (priv->count_tick == 0)
        priv->count_tick = gtk_widget_add_tick_callback (GTK_WIDGET (priv->column_view), on_count_frames_cb,
                                                         self, NULL);
    }
  update_state (self);
}

/* Ticks come before a frame is drawn: the second comes after the first
 * frame, rows and all, is on screen. */
static gboolean
on_first_frames_cb (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  LumListRelay *relay = user_data;
  guint ticks = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (relay), "lum-ticks")) + 1;

  g_object_set_data (G_OBJECT (relay), "lum-ticks", GUINT_TO_POINTER (ticks));
  if (ticks < 2)
    return G_SOURCE_CONTINUE;
  lum_list_relay_set_limit (relay, G_MAXUINT);
  return G_SOURCE_REMOVE;
}

static void
ensure_list (LumDocumentsPage *self)
{
  LumDocumentsPagePrivate *priv = lum_documents_page_get_instance_private (self);
  g_autofree char *search = NULL;

  if (priv->list != NULL || priv->engine == NULL)
    return;
  g_clear_handle_id (&priv->load_source, g_source_remove);

  priv->list = lum_document_list_new (priv->engine, lum_documents_page_get_kind (self));
  /* First of all: before the relay. */
  g_signal_connect_object (priv->list, "items-changed", G_CALLBACK (on_list_changing_cb), self,
                           G_CONNECT_SWAPPED);
  lum_document_list_set_include_test (priv->list, priv->show_test);
  count_hidden_tests (self);
  search = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (priv->search_entry))));
  lum_document_list_set_search (priv->list, search);
  apply_sort (self);
  apply_filters (self);

  /* No selection model that remembers an item: a selected item would make
   * GtkSingleSelection look for it through every row after a refresh; and
   * the relay keeps the view from looking for its rows there too. */
  priv->relay = lum_list_relay_new (G_LIST_MODEL (priv->list));
  g_signal_connect_object (priv->relay, "items-changed", G_CALLBACK (on_relay_items_changed_cb), self, 0);
  /* A screenful first, the rest once it is drawn. */
  lum_list_relay_set_limit (priv->relay, FIRST_ROWS);
  gtk_widget_add_tick_callback (GTK_WIDGET (priv->column_view), on_first_frames_cb, g_object_ref (priv->relay),
                                g_object_unref);
  priv->selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (priv->relay)));
  gtk_column_view_set_model (priv->column_view, GTK_SELECTION_MODEL (priv->selection));
  g_signal_connect_object (priv->list, "items-changed", G_CALLBACK (on_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (priv->list, "notify::counting", G_CALLBACK (on_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_state (self);
}

static gboolean
load_cb (gpointer user_data)
{
  LumDocumentsPage *self = user_data;
  LumDocumentsPagePrivate *priv = lum_documents_page_get_instance_private (self);

  priv->load_source = 0;
  ensure_list (self);
  return G_SOURCE_REMOVE;
}

/* -- columns -------------------------------------------------------------- */

static void
setup_columns (LumDocumentsPage *self)
{
  LumDocumentsPagePrivate *priv = lum_documents_page_get_instance_private (self);
  GtkColumnViewColumn *unused[5];
  guint n_unused = 0;

  lum_document_column_setup (priv->number_column, LUM_CELL_TEXT, LUM_DOC_NUMBER, 10);
  lum_document_column_setup (priv->channel_column, LUM_CELL_TEXT, LUM_DOC_CHANNEL_NAME, 10);
  lum_document_column_setup (priv->customer_column, LUM_CELL_TEXT, LUM_DOC_CUSTOMER_NAME, 14);
  lum_document_column_setup (priv->total_column, LUM_CELL_MONEY, LUM_DOC_NUMBER, 10);
  lum_document_column_setup (priv->status_column, LUM_CELL_STATUS, LUM_DOC_STATUS, 0);
  lum_document_column_set_sort (priv->number_column, LUM_DOC_SORT_NUMBER);
  lum_document_column_set_sort (priv->customer_column, LUM_DOC_SORT_CUSTOMER);
  lum_document_column_set_sort (priv->total_column, LUM_DOC_SORT_TOTAL);
  lum_document_column_set_sort (priv->status_column, LUM_DOC_SORT_STATUS);

  if (is_orders (self))
    {
      lum_document_column_setup (priv->date_column, LUM_CELL_DATE, LUM_DOC_CREATED_AT, 11);
      lum_document_column_setup (priv->po_column, LUM_CELL_TEXT, LUM_DOC_PO_NUMBER, 8);
      lum_document_column_setup (priv->push_column, LUM_CELL_PUSH, LUM_DOC_PUSH_STATUS, 0);
      lum_document_column_setup (priv->fulfillment_column, LUM_CELL_FULFILLMENT, LUM_DOC_FULFILLMENT_STATUS, 0);
      lum_document_column_set_sort (priv->push_column, LUM_DOC_SORT_PUSH_STATUS);
      lum_document_column_set_sort (priv->fulfillment_column, LUM_DOC_SORT_FULFILLMENT);
      unused[n_unused++] = priv->type_column;
      unused[n_unused++] = priv->due_column;
      unused[n_unused++] = priv->linked_column;
      unused[n_unused++] = priv->accounting_column;
      unused[n_unused++] = priv->accounting_id_column;
    }
  else
    {
      gtk_column_view_column_set_title (priv->date_column, _("Issued"));
      lum_document_column_setup (priv->date_column, LUM_CELL_DATE, LUM_DOC_ISSUE_DATE, 11);
      lum_document_column_setup (priv->type_column, LUM_CELL_TEXT, LUM_DOC_INVOICE_TYPE_NAME, 8);
      lum_document_column_setup (priv->due_column, LUM_CELL_DATE, LUM_DOC_DUE_DATE, 11);
      lum_document_column_setup (priv->linked_column, LUM_CELL_TEXT, LUM_DOC_LINKED_NUMBER, 10);
      lum_document_column_setup (priv->accounting_column, LUM_CELL_PUSH, LUM_DOC_ACCOUNTING_STATUS, 0);
      lum_document_column_setup (priv->accounting_id_column, LUM_CELL_TEXT, LUM_DOC_ACCOUNTING_ID, 8);
      lum_document_column_set_sort (priv->accounting_column, LUM_DOC_SORT_ACCOUNTING);
      unused[n_unused++] = priv->po_column;
      unused[n_unused++] = priv->push_column;
      unused[n_unused++] = priv->fulfillment_column;
    }
  for (guint i = 0; i < n_unused; i++)
    gtk_column_view_remove_column (priv->column_view, unused[i]);
  lum_ui_column_view_name_titles (priv->column_view);

  /* What gives way on a narrow window, least needed first: number,
   * customer, total and state always show. */
  if (is_orders (self))
    {
      GtkColumnViewColumn *by_priority[] = {
        priv->po_column, priv->push_column, priv->date_column, priv->channel_column, priv->fulfillment_column,
      };

      lum_ui_column_view_fit_columns (priv->column_view, by_priority, G_N_ELEMENTS (by_priority));
    }
  else
    {
      GtkColumnViewColumn *by_priority[] = {
        priv->accounting_id_column, priv->linked_column, priv->type_column, priv->accounting_column,
        priv->date_column, priv->channel_column, priv->due_column,
      };

      lum_ui_column_view_fit_columns (priv->column_view, by_priority, G_N_ELEMENTS (by_priority));
    }

  /* Newest first. */
  gtk_column_view_sort_by_column (priv->column_view, priv->number_column, GTK_SORT_DESCENDING);
}

static void
setup_texts (LumDocumentsPage *self)
{
  LumDocumentsPagePrivate *priv = lum_documents_page_get_instance_private (self);
  const LumFilterChoice *statuses;
  guint n_statuses;
  const char *title = is_orders (self) ? _("Sales Orders") : _("Invoices");
  const char *new_label = is_orders (self) ? _("New Sales Order") : _("New Invoice");
  g_autofree char *tooltip = g_strdup_printf ("%s (Ctrl+N)", new_label);

  adw_window_title_set_title (priv->window_title, title);
  gtk_widget_set_tooltip_text (priv->new_button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (priv->new_button), GTK_ACCESSIBLE_PROPERTY_LABEL, new_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (priv->column_view), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_button_set_label (GTK_BUTTON (priv->create_button),
                        is_orders (self) ? _("_New Sales Order") : _("_New Invoice"));
  gtk_editable_set_text (GTK_EDITABLE (priv->search_entry), "");
  g_object_set (priv->search_entry, "placeholder-text", _("Search by number, customer or PO"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (priv->search_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  is_orders (self) ? _("Search Sales Orders") : _("Search Invoices"), -1);

  adw_status_page_set_icon_name (priv->empty_page,
                                 is_orders (self) ? "emblem-documents-symbolic" : "accessories-calculator-symbolic");
  adw_status_page_set_title (priv->empty_page, is_orders (self) ? _("No Sales Orders") : _("No Invoices"));
  adw_status_page_set_description (priv->empty_page,
                                   is_orders (self)
                                   ? _("Orders your team enters are posted to their channel, pushed to its "
                                       "order management system and invoiced as the channel says.")
                                   : _("On an invoice-first channel the invoice comes first: posting it "
                                       "generates its sales order. Other invoices come from sales orders."));
  adw_status_page_set_title (priv->no_results_page,
                             is_orders (self) ? _("No Matching Sales Orders") : _("No Matching Invoices"));
  adw_status_page_set_title (priv->error_page,
                             is_orders (self) ? _("Cannot Read the Sales Orders") : _("Cannot Read the Invoices"));

  statuses = status_choices (self, &n_statuses);
  lum_filter_dropdown_setup (priv->status_dropdown, statuses, n_statuses);
  lum_filter_dropdown_setup (priv->push_dropdown, push_states, G_N_ELEMENTS (push_states));
  lum_filter_dropdown_setup (priv->fulfillment_dropdown, fulfillment_states, G_N_ELEMENTS (fulfillment_states));
  lum_filter_dropdown_setup (priv->accounting_dropdown, accounting_states, G_N_ELEMENTS (accounting_states));
  gtk_widget_set_visible (GTK_WIDGET (priv->push_dropdown), is_orders (self));
  gtk_widget_set_visible (GTK_WIDGET (priv->fulfillment_dropdown), is_orders (self));
  gtk_widget_set_visible (GTK_WIDGET (priv->accounting_dropdown), !is_orders (self));
}

/* -- callbacks ------------------------------------------------------------ */

static void
on_engine_changed_cb (LumDocumentsPage *self,
                      const char       *what)
{
  LumDocumentsPagePrivate *priv = lum_documents_page_get_instance_private (self);

  if (g_strcmp0 (what, "channels") == 0 || g_strcmp0 (what, "external") == 0)
    load_channel_filter (self);
  if (priv->list != NULL && (g_strcmp0 (what, "documents") == 0 || g_strcmp0 (what, "external") == 0))
    {
      count_hidden_tests (self);
      update_hidden_tests (self);
    }
}

static void
on_filter_changed_cb (LumDocumentsPage *self)
{
  apply_filters (self);
}

static void
on_sorter_changed_cb (LumDocumentsPage *self)
{
  apply_sort (self);
}

static void
on_search_changed_cb (LumDocumentsPage *self,
                      GtkSearchEntry   *entry)
{
  LumDocumentsPagePrivate *priv = lum_documents_page_get_instance_private (self);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (priv->list == NULL)
    return;
  begin_user_change (self);
  lum_document_list_set_search (priv->list, text);
  priv->user_change = FALSE;
  update_state (self);
}

static void
open_position (LumDocumentsPage *self,
               guint             position)
{
  LumDocumentsPagePrivate *priv = lum_documents_page_get_instance_private (self);
  g_autoptr(LumDocument) doc = NULL;
  LumWindow *window = get_window (self);

  if (priv->list == NULL || window == NULL)
    return;
  doc = g_list_model_get_item (G_LIST_MODEL (priv->list), position);
  if (doc != NULL)
    lum_window_open_document (window, lum_document_get_kind (doc), lum_document_get_id (doc));
}

static void
on_search_activate_cb (LumDocumentsPage *self)
{
  open_position (self, 0);
}

static void
on_column_view_activate_cb (LumDocumentsPage *self,
                            guint             position)
{
  open_position (self, position);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LumDocumentsPagePrivate *priv = lum_documents_page_get_instance_private (LUM_DOCUMENTS_PAGE (widget));

  gtk_search_bar_set_search_mode (priv->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (priv->search_entry));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LumDocumentsPage *self = LUM_DOCUMENTS_PAGE (widget);
  LumWindow *window = get_window (self);

  if (window != NULL)
    lum_window_new_document (window, lum_documents_page_get_kind (self));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  lum_documents_page_clear_filters (LUM_DOCUMENTS_PAGE (widget));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LumDocumentsPagePrivate *priv = lum_documents_page_get_instance_private (LUM_DOCUMENTS_PAGE (widget));

  if (priv->list != NULL)
    lum_document_list_refresh (priv->list);
  update_state (LUM_DOCUMENTS_PAGE (widget));
}

/* -- GObject -------------------------------------------------------------- */

static void
lum_documents_page_map (GtkWidget *widget)
{
  LumDocumentsPage *self = LUM_DOCUMENTS_PAGE (widget);
  LumDocumentsPagePrivate *priv = lum_documents_page_get_instance_private (self);

  GTK_WIDGET_CLASS (lum_documents_page_parent_class)->map (widget);

  if (priv->list == NULL && priv->load_source == 0)
    {
      gtk_spinner_set_spinning (priv->spinner, TRUE);
      priv->load_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, load_cb, self, NULL);
    }
}

static void
lum_documents_page_constructed (GObject *object)
{
  LumDocumentsPage *self = (LumDocumentsPage *)object;
  LumDocumentsPagePrivate *priv = lum_documents_page_get_instance_private (self);

  G_OBJECT_CLASS (lum_documents_page_parent_class)->constructed (object);

  setup_texts (self);
  setup_columns (self);
  g_signal_connect_object (gtk_column_view_get_sorter (priv->column_view), "changed",
                           G_CALLBACK (on_sorter_changed_cb), self, G_CONNECT_SWAPPED);
  lum_ui_name_buttons_by_label (GTK_WIDGET (self));

  if (priv->engine != NULL)
    {
      g_signal_connect_object (priv->engine, "changed", G_CALLBACK (on_engine_changed_cb), self,
                               G_CONNECT_SWAPPED);
      load_channel_filter (self);
    }
  update_state (self);
}

static void
lum_documents_page_dispose (GObject *object)
{
  LumDocumentsPage *self = (LumDocumentsPage *)object;
  LumDocumentsPagePrivate *priv = lum_documents_page_get_instance_private (self);
  GtkWidget *child;

  g_clear_handle_id (&priv->load_source, g_source_remove);
  if (priv->count_tick != 0 && priv->column_view != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (priv->column_view), priv->count_tick);
  priv->count_tick = 0;
  /* Not gtk_widget_dispose_template(): in GTK 4.8 it looks up the template
   * of the instance's class, a subclass without one. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&priv->selection);
  g_clear_object (&priv->relay);
  g_clear_object (&priv->list);
  g_clear_object (&priv->engine);

  G_OBJECT_CLASS (lum_documents_page_parent_class)->dispose (object);
}

static void
lum_documents_page_finalize (GObject *object)
{
  LumDocumentsPagePrivate *priv = lum_documents_page_get_instance_private (LUM_DOCUMENTS_PAGE (object));

  g_clear_pointer (&priv->channel_ids, g_array_unref);

  G_OBJECT_CLASS (lum_documents_page_parent_class)->finalize (object);
}

static void
lum_documents_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LumDocumentsPagePrivate *priv = lum_documents_page_get_instance_private (LUM_DOCUMENTS_PAGE (object));

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, priv->engine);
      break;
    case PROP_FOLDED:
      g_value_set_boolean (value, priv->folded);
      break;
    case PROP_SHOW_TEST:
      g_value_set_boolean (value, priv->show_test);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_documents_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LumDocumentsPage *self = LUM_DOCUMENTS_PAGE (object);
  LumDocumentsPagePrivate *priv = lum_documents_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ENGINE:
      priv->engine = g_value_dup_object (value);
      break;
    case PROP_FOLDED:
      if (priv->folded != g_value_get_boolean (value))
        {
          priv->folded = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SHOW_TEST:
      lum_documents_page_set_show_test (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_documents_page_class_init (LumDocumentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lum_documents_page_constructed;
  object_class->dispose = lum_documents_page_dispose;
  object_class->finalize = lum_documents_page_finalize;
  object_class->get_property = lum_documents_page_get_property;
  object_class->set_property = lum_documents_page_set_property;
  widget_class->map = lum_documents_page_map;

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, LUM_TYPE_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * LumDocumentsPage:show-test:
   *
   * Whether the documents of channel tests are listed too.
   */
  properties[PROP_SHOW_TEST] =
    g_param_spec_boolean ("show-test", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lumenapp/Lumen/lum-documents-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child_private (widget_class, LumDocumentsPage, name)
  BIND (window_title);
  BIND (new_button);
  BIND (search_bar);
  BIND (search_entry);
  BIND (filter_bar);
  BIND (channel_dropdown);
  BIND (status_dropdown);
  BIND (push_dropdown);
  BIND (fulfillment_dropdown);
  BIND (accounting_dropdown);
  BIND (clear_filters_button);
  BIND (count_label);
  BIND (hidden_tests_button);
  BIND (content_stack);
  BIND (spinner);
  BIND (column_view);
  BIND (empty_page);
  BIND (create_button);
  BIND (no_results_page);
  BIND (error_page);
  BIND (number_column);
  BIND (date_column);
  BIND (channel_column);
  BIND (customer_column);
  BIND (po_column);
  BIND (type_column);
  BIND (due_column);
  BIND (linked_column);
  BIND (total_column);
  BIND (status_column);
  BIND (push_column);
  BIND (fulfillment_column);
  BIND (accounting_column);
  BIND (accounting_id_column);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);

  gtk_widget_class_install_action (widget_class, "page.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "page.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "documents.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "documents.reload", NULL, reload_action);
  gtk_widget_class_install_property_action (widget_class, "documents.show-test", "show-test");

  gtk_widget_class_set_css_name (widget_class, "lum-documents-page");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
lum_documents_page_init (LumDocumentsPage *self)
{
  LumDocumentsPagePrivate *priv = lum_documents_page_get_instance_private (self);

  gtk_widget_init_template (GTK_WIDGET (self));
  priv->channel_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  priv->kept_scroll = -1;
  /* Typing on the page searches. */
  gtk_search_bar_connect_entry (priv->search_bar, GTK_EDITABLE (priv->search_entry));
  gtk_search_bar_set_key_capture_widget (priv->search_bar, GTK_WIDGET (self));
}

LumDocumentKind
lum_documents_page_get_kind (LumDocumentsPage *self)
{
  g_return_val_if_fail (LUM_IS_DOCUMENTS_PAGE (self), LUM_DOCUMENT_KIND_SALES_ORDER);
  return LUM_DOCUMENTS_PAGE_GET_CLASS (self)->kind;
}

/**
 * lum_documents_page_get_model:
 *
 * The documents as the page lists them: filtered, searched and sorted.
 * Made now if the page was not shown yet.
 *
 * Returns: (transfer none): the list
 */
LumDocumentList *
lum_documents_page_get_model (LumDocumentsPage *self)
{
  LumDocumentsPagePrivate *priv = lum_documents_page_get_instance_private (self);

  g_return_val_if_fail (LUM_IS_DOCUMENTS_PAGE (self), NULL);

  ensure_list (self);
  return priv->list;
}

gboolean
lum_documents_page_get_show_test (LumDocumentsPage *self)
{
  LumDocumentsPagePrivate *priv = lum_documents_page_get_instance_private (self);

  g_return_val_if_fail (LUM_IS_DOCUMENTS_PAGE (self), FALSE);
  return priv->show_test;
}

void
lum_documents_page_set_show_test (LumDocumentsPage *self,
                                  gboolean          show_test)
{
  LumDocumentsPagePrivate *priv = lum_documents_page_get_instance_private (self);

  g_return_if_fail (LUM_IS_DOCUMENTS_PAGE (self));

  show_test = !!show_test;
  if (priv->show_test == show_test)
    return;
  priv->show_test = show_test;
  count_hidden_tests (self);
  if (priv->list != NULL)
    {
      begin_user_change (self);
      lum_document_list_set_include_test (priv->list, show_test);
      priv->user_change = FALSE;
    }
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_TEST]);
}

/* Every filter back to “any”, and the search emptied. */
void
lum_documents_page_clear_filters (LumDocumentsPage *self)
{
  LumDocumentsPagePrivate *priv = lum_documents_page_get_instance_private (self);
  GtkDropDown *dropdowns[] = {
    priv->channel_dropdown, priv->status_dropdown, priv->push_dropdown,
    priv->fulfillment_dropdown, priv->accounting_dropdown,
  };

  g_return_if_fail (LUM_IS_DOCUMENTS_PAGE (self));

  priv->loading_filters = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (dropdowns); i++)
    gtk_drop_down_set_selected (dropdowns[i], 0);
  priv->loading_filters = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (priv->search_entry), "");
  if (priv->list != NULL)
    {
      begin_user_change (self);
      lum_document_list_set_search (priv->list, NULL);
      priv->user_change = FALSE;
    }
  apply_filters (self);
}

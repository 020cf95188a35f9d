/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-test"

#include "lum-document-view.h"
#include "lum-documents-page.h"
#include "lum-ship-dialog.h"
#include "lum-window.h"
#include "ui-test-util.h"
#include "lum-engine-setup.h"

/* The Sales Orders page on a database of 20,000 orders: counts, filters,
 * search and sorting happen in SQL and only the rows on screen are read;
 * and *Mark as shipped* from the order's view. */

#define N_ORDERS   20000
#define BATCH      5000
#define MAX_QTY    97

typedef struct
{
  LumUiTestData  data;
  LumChannel    *catalog;      /* so-first, pushes after 15 min, invoices on shipment */
  LumWindow     *window;
  GtkWidget     *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;

  lum_ui_test_data_init (&f->data);
  f->catalog = lum_engine_new_channel (f->data.engine, &error);
  lum_channel_set_name (f->catalog, "Catalog");
  lum_channel_set_push_to_oms (f->catalog, TRUE);
  lum_channel_set_oms_integration_id (f->catalog, f->data.shipstation_id);
  lum_channel_set_oms_store_id (f->catalog, "1001");
  lum_channel_set_push_delay_minutes (f->catalog, 15);
  lum_channel_set_invoice_timing (f->catalog, LUM_INVOICE_TIMING_SHIPMENT_CREATED);
  g_assert_true (lum_engine_save_channel (f->data.engine, f->catalog, &error));
  g_assert_no_error (error);

  f->window = lum_window_new (NULL, f->data.engine);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 760);
  gtk_window_present (GTK_WINDOW (f->window));
  lum_ui_test_pump ();
  f->page = lum_window_get_page (f->window, "sales-orders");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  unused)
{
  lum_ui_test_destroy_windows (GTK_WINDOW (f->window));
  g_clear_object (&f->catalog);
  lum_ui_test_data_clear (&f->data);
}

#define PAGE_CHILD(f, name) lum_ui_test_child ((f)->page, LUM_TYPE_DOCUMENTS_PAGE, name)

/* Order i: Catalog (pushes) or Trade Show (does not) in turn, Acme or
 * Bluebird every other pair, PO-0000i, i % 97 + 1 pieces of SKU-A100. */
static void
fill (Fixture *f)
{
  for (guint i = 0; i < N_ORDERS; i += BATCH)
    {
      g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GError) error = NULL;

      for (guint j = i; j < MIN (N_ORDERS, i + BATCH); j++)
        {
          LumDocument *doc = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);
          g_autoptr(LumDocLine) line = lum_doc_line_new ("SKU-A100", j % MAX_QTY + 1, -1);
          g_autofree char *po = g_strdup_printf ("PO-%05u", j + 1);

          lum_document_set_int (doc, LUM_DOC_CHANNEL_ID,
                                lum_channel_get_id (j % 2 == 0 ? f->catalog : f->data.trade_show));
          lum_document_set_int (doc, LUM_DOC_CUSTOMER_ID,
                                lum_customer_get_id ((j / 2) % 2 == 0 ? f->data.acme : f->data.bluebird));
          lum_document_set_text (doc, LUM_DOC_PO_NUMBER, po);
          lum_document_add_line (doc, line);
          g_ptr_array_add (docs, doc);
        }
      g_assert_true (lum_engine_create_and_post_documents (f->data.engine, docs, &error));
      g_assert_no_error (error);
    }
}

static LumDocumentList *
model (Fixture *f)
{
  return lum_documents_page_get_model (LUM_DOCUMENTS_PAGE (f->page));
}

static guint
count (Fixture *f)
{
  return g_list_model_get_n_items (G_LIST_MODEL (model (f)));
}

static guint
pages_read (Fixture *f)
{
  return lum_document_list_get_pages_read (model (f));
}

static gboolean
all_counted (gpointer user_data)
{
  return !lum_document_list_get_counting (model (user_data));
}

/* Turns the main loop until the page counted all the rows of a new
 * filter: the first ones at once, the rest after the first frames. */
static void
pump_counted (Fixture *f)
{
  lum_ui_test_pump ();
  g_assert_true (lum_ui_test_wait (all_counted, f, 5000));
}

/* Selects the entry @label of the drop-down @name. */
static void
choose_filter (Fixture    *f,
               const char *name,
               const char *label)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (PAGE_CHILD (f, name));
  GListModel *labels = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (labels, i);

      if (g_str_equal (gtk_string_object_get_string (item), label))
        {
          gtk_drop_down_set_selected (dropdown, i);
          pump_counted (f);
          return;
        }
    }
  g_error ("No “%s” in %s", label, name);
}

typedef struct
{
  Fixture *f;
  guint    expected;
} CountWait;

static gboolean
count_is (gpointer user_data)
{
  CountWait *wait = user_data;
  return count (wait->f) == wait->expected;
}

/* Types in the search entry; the list follows after the entry's delay. */
static void
search (Fixture    *f,
        const char *text,
        guint       expected)
{
  CountWait wait = { f, expected };

  gtk_editable_set_text (GTK_EDITABLE (PAGE_CHILD (f, "search_entry")), text);
  g_assert_true (lum_ui_test_wait (count_is, &wait, 5000));
}

static const char *
visible_page (Fixture *f)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (PAGE_CHILD (f, "content_stack")));
}

static gint64
total_at (Fixture *f,
          guint    position)
{
  g_autoptr(LumDocument) doc = g_list_model_get_item (G_LIST_MODEL (model (f)), position);

  return lum_document_get_total_cents (doc);
}

static GtkColumnViewColumn *
column (Fixture    *f,
        const char *name)
{
  return GTK_COLUMN_VIEW_COLUMN (gtk_widget_get_template_child (f->page, LUM_TYPE_DOCUMENTS_PAGE, name));
}

/* Whether a cell on screen shows @text: what the user sees, not the model. */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  const char *shown = NULL;

  if (GTK_IS_LABEL (widget))
    shown = gtk_label_get_text (GTK_LABEL (widget));
  else if (GTK_IS_INSCRIPTION (widget))
    shown = gtk_inscription_get_text (GTK_INSCRIPTION (widget));
  if (shown != NULL && gtk_widget_get_mapped (widget) && g_strcmp0 (shown, text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;
  return FALSE;
}

/* The rows the view has made, held so that none is freed meanwhile. */
static GPtrArray *
view_rows (GtkColumnView *view)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view)); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      for (GtkWidget *row = gtk_widget_get_first_child (child); row; row = gtk_widget_get_next_sibling (row))
        g_ptr_array_add (rows, g_object_ref (row));
  return rows;
}

/* How many of @rows the view still has. */
static guint
rows_kept (GtkColumnView *view,
           GPtrArray     *rows)
{
  guint kept = 0;

  for (guint i = 0; i < rows->len; i++)
    kept += gtk_widget_get_parent (g_ptr_array_index (rows, i)) != NULL &&
            gtk_widget_get_ancestor (g_ptr_array_index (rows, i), GTK_TYPE_COLUMN_VIEW) == GTK_WIDGET (view);
  return kept;
}

static void
test_page_at_scale (Fixture       *f,
                    gconstpointer  unused)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (PAGE_CHILD (f, "column_view"));
  GtkAdjustment *vadjustment;
  guint before;
  gint64 previous;

  fill (f);
  lum_window_show_page (f->window, "sales-orders");
  lum_ui_test_pump ();

  /* Counted in SQL, newest first, one page of rows read for the screen. */
  g_assert_cmpuint (count (f), ==, N_ORDERS);
  g_assert_cmpstr (visible_page (f), ==, "list");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (PAGE_CHILD (f, "count_label"))), ==, "20,000 sales orders");
  g_assert_true (shows_label (GTK_WIDGET (view), "SO-020000"));
  g_assert_false (shows_label (GTK_WIDGET (view), "SO-000001"));
  /* The view makes rows for the screen and a margin: 200-odd of them. */
  g_assert_cmpuint (pages_read (f), >=, 1);
  g_assert_cmpuint (pages_read (f), <=, 3);
  lum_ui_test_shot ("docs-orders-page-20000");

  /* Filters narrow it, with the rows the view has: making 200 new ones
   * took most of half a second. */
  {
    g_autoptr(GPtrArray) rows = view_rows (view);

    g_assert_cmpuint (rows->len, >=, 100);
    choose_filter (f, "channel_dropdown", "Trade Show");
    g_assert_cmpuint (rows_kept (view, rows), >=, rows->len - 2);
  }
  /* The first 300 counted, then, after the first frames, the rest. */
  g_assert_cmpuint (count (f), ==, N_ORDERS / 2);
  g_assert_true (shows_label (GTK_WIDGET (view), "SO-020000"));
  g_assert_true (gtk_widget_get_visible (PAGE_CHILD (f, "count_label")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (PAGE_CHILD (f, "count_label"))), ==, "10,000 sales orders");
  lum_ui_test_shot ("docs-orders-page-filtered");
  choose_filter (f, "push_dropdown", "Scheduled");
  g_assert_cmpuint (count (f), ==, 0);
  g_assert_cmpstr (visible_page (f), ==, "no-results");
  lum_ui_test_shot ("docs-orders-page-no-results");
  g_assert_true (gtk_widget_activate_action (f->page, "documents.clear-filters", NULL));
  pump_counted (f);
  g_assert_cmpuint (count (f), ==, N_ORDERS);
  choose_filter (f, "push_dropdown", "Scheduled");
  g_assert_cmpuint (count (f), ==, N_ORDERS / 2);
  choose_filter (f, "fulfillment_dropdown", "Unfulfilled");
  g_assert_cmpuint (count (f), ==, N_ORDERS / 2);
  choose_filter (f, "status_dropdown", "Draft");
  g_assert_cmpuint (count (f), ==, 0);
  g_assert_true (gtk_widget_activate_action (f->page, "documents.clear-filters", NULL));
  pump_counted (f);
  g_assert_cmpuint (count (f), ==, N_ORDERS);

  /* Search: a number, a customer or a PO, by its start. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL));
  lum_ui_test_pump ();
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (PAGE_CHILD (f, "search_bar"))));
  search (f, "SO-01999", 10);
  search (f, "blue", N_ORDERS / 2);
  choose_filter (f, "channel_dropdown", "Trade Show");
  g_assert_cmpuint (count (f), ==, N_ORDERS / 4);
  g_assert_true (gtk_widget_activate_action (f->page, "documents.clear-filters", NULL));
  pump_counted (f);
  search (f, "PO-0001", 10);
  search (f, "", N_ORDERS);

  /* Sorting by total reorders, one page read for it, with the same rows,
   * and from the top even when the view was scrolled down. */
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment) / 3);
  lum_ui_test_pump ();
  g_assert_false (shows_label (GTK_WIDGET (view), "SO-020000"));
  before = pages_read (f);
  {
    g_autoptr(GPtrArray) rows = view_rows (view);

    gtk_column_view_sort_by_column (view, column (f, "total_column"), GTK_SORT_DESCENDING);
    lum_ui_test_pump ();
    g_assert_cmpuint (rows_kept (view, rows), >=, rows->len - 2);
  }
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, 0);
  g_assert_cmpint (total_at (f, 0), ==, MAX_QTY * 1250);
  g_assert_cmpuint (pages_read (f) - before, <=, 3);
  previous = G_MAXINT64;
  for (guint i = 0; i < 150; i++)
    {
      g_assert_cmpint (total_at (f, i), <=, previous);
      previous = total_at (f, i);
    }
  gtk_column_view_sort_by_column (view, column (f, "total_column"), GTK_SORT_ASCENDING);
  lum_ui_test_pump ();
  g_assert_cmpint (total_at (f, 0), ==, 1250);
  g_assert_cmpint (total_at (f, 1), ==, 1250);
  g_assert_cmpint (total_at (f, 299), >=, total_at (f, 0));
  g_assert_true (shows_label (GTK_WIDGET (view), "$12.50"));
  g_assert_false (shows_label (GTK_WIDGET (view), "$1,212.50"));

  /* Scrolling to the middle reads the pages there, not those between. */
  before = pages_read (f);
  gtk_adjustment_set_value (vadjustment, (gtk_adjustment_get_upper (vadjustment) -
                                          gtk_adjustment_get_page_size (vadjustment)) / 2);
  lum_ui_test_pump ();
  g_assert_cmpuint (pages_read (f) - before, >=, 1);
  g_assert_cmpuint (pages_read (f) - before, <=, 4);

  /* A refresh nobody asked for (a push went out) keeps the rows in view. */
  {
    double value = gtk_adjustment_get_value (vadjustment);
    g_autoptr(LumDocument) middle = NULL;
    guint position = (guint)(value / (gtk_adjustment_get_upper (vadjustment) / count (f))) + 5;
    g_autofree char *total = NULL;

    middle = g_list_model_get_item (G_LIST_MODEL (model (f)), position);
    total = g_strdup (lum_document_get_number (middle));
    g_assert_true (shows_label (GTK_WIDGET (view), total));
    lum_engine_emit_changed (f->data.engine, "documents");
    lum_ui_test_pump ();
    g_assert_cmpfloat (ABS (gtk_adjustment_get_value (vadjustment) - value), <, 60);
    g_assert_true (shows_label (GTK_WIDGET (view), total));
  }

  /* Everything above, some twenty queries and a scroll, each reading the
   * three pages of rows the view keeps: far from the 200 there are. */
  g_test_message ("%u pages of %u rows read", pages_read (f), LUM_DOCUMENT_LIST_PAGE_SIZE);
  g_assert_cmpuint (pages_read (f), <, 80);
}

static LumDocument *
post_order (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  LumDocument *doc = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);
  g_autoptr(LumDocLine) a = lum_doc_line_new ("SKU-A100", 2, -1);
  g_autoptr(LumDocLine) b = lum_doc_line_new ("SKU-B100", 1, -1);

  lum_document_set_int (doc, LUM_DOC_CHANNEL_ID, lum_channel_get_id (f->data.trade_show));
  lum_document_set_int (doc, LUM_DOC_CUSTOMER_ID, lum_customer_get_id (f->data.acme));
  lum_document_set_text (doc, LUM_DOC_SHIPPING_TYPE, "Ground");
  lum_document_add_line (doc, a);
  lum_document_add_line (doc, b);
  g_assert_true (lum_engine_create_and_post_document (f->data.engine, doc, &error));
  g_assert_no_error (error);
  return doc;
}

static GStrv
badges (LumDocumentView *view)
{
  GtkWidget *box = lum_ui_test_child (view, LUM_TYPE_DOCUMENT_VIEW, "badge_box");
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (box); child; child = gtk_widget_get_next_sibling (child))
    g_strv_builder_add (labels, gtk_label_get_text (GTK_LABEL (child)));
  return g_strv_builder_end (labels);
}

static LumShipDialog *
open_ship_dialog (LumDocumentView *view)
{
  LumShipDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.ship", NULL));
  lum_ui_test_pump ();
  dialog = lum_ui_test_find_toplevel (LUM_TYPE_SHIP_DIALOG);
  g_assert_nonnull (dialog);
  return dialog;
}

static void
select_carrier (LumShipDialog *dialog,
                const char    *carrier)
{
  AdwComboRow *row = ADW_COMBO_ROW (lum_ui_test_child (dialog, LUM_TYPE_SHIP_DIALOG, "carrier_row"));
  GListModel *carriers = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (carriers); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (carriers, i);

      if (g_str_equal (gtk_string_object_get_string (item), carrier))
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }
  g_error ("No carrier %s", carrier);
}

/* The link of the first shipment's tracking number, or %NULL. */
static const char *
tracking_link (LumDocumentView *view,
               guint            index)
{
  GtkListBox *list = GTK_LIST_BOX (lum_ui_test_child (view, LUM_TYPE_DOCUMENT_VIEW, "shipments_list"));
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, index);
  GtkWidget *stack[32];
  guint n = 0;

  g_assert_nonnull (row);
  stack[n++] = GTK_WIDGET (row);
  while (n > 0)
    {
      GtkWidget *w = stack[--n];

      if (GTK_IS_LINK_BUTTON (w))
        return gtk_link_button_get_uri (GTK_LINK_BUTTON (w));
      for (GtkWidget *c = gtk_widget_get_first_child (w); c && n < G_N_ELEMENTS (stack); c = gtk_widget_get_next_sibling (c))
        stack[n++] = c;
    }
  return NULL;
}

static void
test_mark_as_shipped (Fixture       *f,
                      gconstpointer  unused)
{
  g_autoptr(LumDocument) order = post_order (f);
  g_autoptr(LumDocument) shipped = NULL;
  g_autoptr(LumDocument) listed = NULL;
  g_autoptr(GListStore) shipments = NULL;
  g_autoptr(LumShipment) first = NULL;
  g_autoptr(LumDocLine) first_line = NULL;
  g_auto(GStrv) labels = NULL;
  g_auto(GStrv) invoices = NULL;
  GtkWidget *column_view;
  LumDocumentView *view;
  LumShipDialog *dialog;
  const char *link;

  lum_window_show_page (f->window, "sales-orders");
  lum_ui_test_pump ();
  column_view = PAGE_CHILD (f, "column_view");
  g_assert_true (shows_label (column_view, "Unfulfilled"));

  view = LUM_DOCUMENT_VIEW (lum_window_open_document (f->window, LUM_DOCUMENT_KIND_SALES_ORDER,
                                                      lum_document_get_id (order)));
  lum_ui_test_pump ();
  labels = badges (view);
  g_assert_cmpstr (labels[2], ==, "Unfulfilled");
  g_clear_pointer (&labels, g_strfreev);

  /* Part of it: one of the two widgets, by UPS. */
  dialog = open_ship_dialog (view);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (lum_ship_dialog_get_quantity (dialog, "SKU-A100")), ==, 2);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (lum_ship_dialog_get_quantity (dialog, "SKU-B100")), ==, 1);
  select_carrier (dialog, "UPS");
  gtk_editable_set_text (GTK_EDITABLE (lum_ui_test_child (dialog, LUM_TYPE_SHIP_DIALOG, "service_row")), "Ground");
  gtk_editable_set_text (GTK_EDITABLE (lum_ui_test_child (dialog, LUM_TYPE_SHIP_DIALOG, "tracking_row")),
                         "1Z999AA10123456784");
  gtk_spin_button_set_value (lum_ship_dialog_get_quantity (dialog, "SKU-A100"), 1);
  gtk_spin_button_set_value (lum_ship_dialog_get_quantity (dialog, "SKU-B100"), 0);
  lum_ui_test_shot ("docs-mark-as-shipped");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "ship.confirm", NULL));
  lum_ui_test_pump ();
  g_assert_null (lum_ui_test_find_toplevel (LUM_TYPE_SHIP_DIALOG));

  shipments = lum_engine_list_shipments (f->data.engine, lum_document_get_id (order), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shipments)), ==, 1);
  first = g_list_model_get_item (G_LIST_MODEL (shipments), 0);
  g_assert_cmpstr (lum_shipment_get_text (first, LUM_SHIPMENT_CARRIER), ==, "UPS");
  g_assert_cmpstr (lum_shipment_get_text (first, LUM_SHIPMENT_SERVICE), ==, "Ground");
  g_assert_cmpstr (lum_shipment_get_text (first, LUM_SHIPMENT_TRACKING_NUMBER), ==, "1Z999AA10123456784");
  g_assert_cmpuint (g_list_model_get_n_items (lum_shipment_get_lines (first)), ==, 1);
  first_line = g_list_model_get_item (lum_shipment_get_lines (first), 0);
  g_assert_cmpstr (lum_doc_line_get_sku (first_line), ==, "SKU-A100");
  g_assert_cmpint (lum_doc_line_get_quantity (first_line), ==, 1);

  /* The order is partly fulfilled: in the database, the view, the page;
   * the channel invoices what shipped. */
  shipped = lum_engine_get_document (f->data.engine, LUM_DOCUMENT_KIND_SALES_ORDER, lum_document_get_id (order), NULL);
  g_assert_cmpstr (lum_document_get_text (shipped, LUM_DOC_FULFILLMENT_STATUS), ==, "partially-fulfilled");
  labels = badges (view);
  g_assert_cmpstr (labels[2], ==, "Partially Fulfilled");
  g_clear_pointer (&labels, g_strfreev);
  listed = g_list_model_get_item (G_LIST_MODEL (model (f)), 0);
  g_assert_cmpstr (lum_document_get_text (listed, LUM_DOC_FULFILLMENT_STATUS), ==, "partially-fulfilled");
  g_assert_true (shows_label (column_view, "Partially Fulfilled"));
  g_assert_false (shows_label (column_view, "Unfulfilled"));
  invoices = lum_engine_list_order_invoices (f->data.engine, lum_document_get_id (order), NULL);
  g_assert_cmpuint (g_strv_length (invoices), ==, 1);

  /* The tracking number links to the carrier's tracking page. */
  link = tracking_link (view, 0);
  g_assert_nonnull (link);
  g_assert_true (g_str_has_prefix (link, "https://www.ups.com/"));
  g_assert_nonnull (strstr (link, "1Z999AA10123456784"));
  lum_ui_test_shot ("docs-order-view-shipped");
  lum_ui_test_scroll_to_end (lum_ui_test_child (view, LUM_TYPE_DOCUMENT_VIEW, "timeline_list"));
  lum_ui_test_shot ("docs-order-view-timeline");

  /* The rest: what is still open is preselected. */
  dialog = open_ship_dialog (view);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (lum_ship_dialog_get_quantity (dialog, "SKU-A100")), ==, 1);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (lum_ship_dialog_get_quantity (dialog, "SKU-B100")), ==, 1);
  select_carrier (dialog, "FedEx");
  gtk_editable_set_text (GTK_EDITABLE (lum_ui_test_child (dialog, LUM_TYPE_SHIP_DIALOG, "tracking_row")),
                         "449044304137821");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "ship.confirm", NULL));
  lum_ui_test_pump ();

  g_clear_object (&shipped);
  shipped = lum_engine_get_document (f->data.engine, LUM_DOCUMENT_KIND_SALES_ORDER, lum_document_get_id (order), NULL);
  g_assert_cmpstr (lum_document_get_text (shipped, LUM_DOC_FULFILLMENT_STATUS), ==, "fulfilled");
  labels = badges (view);
  g_assert_cmpstr (labels[2], ==, "Fulfilled");
  g_assert_true (shows_label (column_view, "Fulfilled"));
  g_assert_true (g_str_has_prefix (tracking_link (view, 1), "https://www.fedex.com/"));
  /* Nothing left to ship. */
  g_assert_false (gtk_widget_get_visible (lum_ui_test_child (view, LUM_TYPE_DOCUMENT_VIEW, "ship_button")));
}

static gboolean
uuid_shown (gpointer expander)
{
  return shows_label (expander, "UUID");
}

/* The UUID is folded into a Technical Details expander, closed, not a row of its own
 * among the order's details. */
static void
test_uuid_in_details (Fixture       *f,
                      gconstpointer  unused)
{
  g_autoptr(LumDocument) order = post_order (f);
  const char *uuid = lum_document_get_text (order, LUM_DOC_UUID);
  GtkWidget *list, *expander = NULL;
  LumDocumentView *view;

  view = LUM_DOCUMENT_VIEW (lum_window_open_document (f->window, LUM_DOCUMENT_KIND_SALES_ORDER,
                                                      lum_document_get_id (order)));
  lum_ui_test_pump ();
  list = lum_ui_test_child (view, LUM_TYPE_DOCUMENT_VIEW, "details_list");
  g_assert_true (uuid != NULL && *uuid != '\0');
  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    {
      g_assert_true (ADW_IS_PREFERENCES_ROW (row));
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), !=, "UUID");
      if (ADW_IS_EXPANDER_ROW (row))
        expander = row;
    }
  g_assert_nonnull (expander);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (expander)), ==, "Technical Details");
  g_assert_false (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)));
  g_assert_true (shows_label (expander, "Technical Details"));
  g_assert_false (shows_label (expander, uuid));

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  g_assert_true (lum_ui_test_wait (uuid_shown, expander, 5000));
  g_assert_true (shows_label (expander, uuid));
  lum_ui_test_shot ("docs-order-view-details");
}

/* Test documents are hidden, never silently: the list says how many, with
 * a button that shows them, a Test badge on their rows; the test customer
 * is marked as such on the Customers page. */
static void
test_hidden_tests (Fixture       *f,
                   gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumCustomer) customer = lum_engine_ensure_test_customer (f->data.engine, &error);
  g_autoptr(LumDocument) real = post_order (f);
  g_autoptr(LumDocument) test = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);
  g_autoptr(LumDocLine) line = lum_doc_line_new ("SKU-A100", 1, -1);
  LumDocumentsPage *page = LUM_DOCUMENTS_PAGE (f->page);
  GtkWidget *button;
  GtkWidget *customers;
  const char *test_number;

  g_assert_no_error (error);
  lum_document_set_int (test, LUM_DOC_CHANNEL_ID, lum_channel_get_id (f->data.trade_show));
  lum_document_set_int (test, LUM_DOC_CUSTOMER_ID, lum_customer_get_id (customer));
  lum_document_set_is_test (test, TRUE);
  lum_document_add_line (test, line);
  g_assert_true (lum_engine_create_and_post_document (f->data.engine, test, &error));
  g_assert_no_error (error);
  test_number = lum_document_get_text (test, LUM_DOC_NUMBER);

  lum_documents_page_set_show_test (page, FALSE);
  lum_window_show_page (f->window, "sales-orders");
  lum_ui_test_pump ();
  pump_counted (f);
  button = PAGE_CHILD (f, "hidden_tests_button");
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "1 test order hidden — Show");
  g_assert_cmpuint (count (f), ==, 1);
  g_assert_false (shows_label (PAGE_CHILD (f, "column_view"), "Test"));
  lum_ui_test_shot ("docs-test-hidden");

  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  lum_ui_test_pump ();
  pump_counted (f);
  g_assert_true (lum_documents_page_get_show_test (page));
  g_assert_false (gtk_widget_get_visible (button));
  g_assert_cmpuint (count (f), ==, 2);
  g_assert_true (shows_label (PAGE_CHILD (f, "column_view"), test_number));
  /* one badge, on the test order's row */
  g_assert_true (shows_label (PAGE_CHILD (f, "column_view"), "Test"));
  lum_ui_test_shot ("docs-test-shown");
  lum_documents_page_set_show_test (page, FALSE);

  lum_window_show_page (f->window, "customers");
  lum_ui_test_pump ();
  customers = lum_window_get_page (f->window, "customers");
  g_assert_true (shows_label (customers, "Lumen Test Customer (test customer)"));
  g_assert_true (shows_label (customers, "Acme Corp"));
}

int
main (int   argc,
      char *argv[])
{
  lum_ui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ui/orders-page/20000-orders", test_page_at_scale);
  ADD ("/ui/orders-page/mark-as-shipped", test_mark_as_shipped);
  ADD ("/ui/orders-page/hidden-tests", test_hidden_tests);
  ADD ("/ui/orders-page/uuid-in-details", test_uuid_in_details);

  return g_test_run ();
}

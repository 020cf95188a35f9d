/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-test"

#include "lum-customer-chooser.h"
#include "lum-document-editor.h"
#include "lum-document-view.h"
#include "lum-documents-page.h"
#include "lum-line-row.h"
#include "lum-ui-format.h"
#include "lum-util.h"
#include "lum-window.h"
#include "ui-test-util.h"
#include "model/lum-channel.h"

/* The sales order and invoice editors, driven through their widgets as a
 * clerk would: customer chooser, SKU completion, live totals, Post; then
 * checked in the pages' models and in the database. */

typedef struct
{
  LumUiTestData  data;
  LumWindow     *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  unused)
{
  lum_ui_test_data_init (&f->data);
  f->window = lum_window_new (NULL, f->data.engine);
  gtk_window_present (GTK_WINDOW (f->window));
  lum_ui_test_pump ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  unused)
{
  lum_ui_test_destroy_windows (GTK_WINDOW (f->window));
  lum_ui_test_data_clear (&f->data);
}

#define EDITOR_CHILD(editor, name) lum_ui_test_child (editor, LUM_TYPE_DOCUMENT_EDITOR, name)

static LumDocumentEditor *
open_new_editor (Fixture    *f,
                 const char *page)
{
  LumDocumentEditor *editor;

  lum_window_show_page (f->window, page);
  lum_ui_test_pump ();
  /* Ctrl+N on the page: a new document of what it lists. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", NULL));
  lum_ui_test_pump ();
  editor = lum_ui_test_find_toplevel (LUM_TYPE_DOCUMENT_EDITOR);
  g_assert_nonnull (editor);
  return editor;
}

static GStrv
channel_choices (LumDocumentEditor *editor)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (EDITOR_CHILD (editor, "channel_row")));
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LumChannel) channel = g_list_model_get_item (model, i);
      g_strv_builder_add (names, lum_channel_get_name (channel));
    }
  return g_strv_builder_end (names);
}

static void
choose_channel (LumDocumentEditor *editor,
                const char        *name)
{
  g_auto(GStrv) names = channel_choices (editor);

  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      {
        adw_combo_row_set_selected (ADW_COMBO_ROW (EDITOR_CHILD (editor, "channel_row")), i);
        return;
      }
  g_error ("No channel “%s” offered", name);
}

/* Types @typed into the customer row and takes suggestion @expected. */
static void
choose_customer (LumDocumentEditor *editor,
                 const char        *typed,
                 const char        *expected)
{
  LumCustomerChooser *chooser = LUM_CUSTOMER_CHOOSER (EDITOR_CHILD (editor, "customer_row"));
  LumSuggestionPopover *popover = lum_customer_chooser_get_popover (chooser);
  GListModel *items;
  g_autoptr(LumCustomer) first = NULL;

  gtk_widget_grab_focus (GTK_WIDGET (chooser));
  gtk_editable_set_text (GTK_EDITABLE (chooser), typed);
  lum_ui_test_pump ();
  items = lum_suggestion_popover_get_items (popover);
  g_assert_nonnull (items);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 1);
  first = g_list_model_get_item (items, 0);
  g_assert_cmpstr (lum_customer_get_name (first), ==, expected);
  /* The list drops down under the row while the keyboard is there. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));

  lum_suggestion_popover_choose (popover, 0);
  lum_ui_test_pump ();
  g_assert_nonnull (lum_customer_chooser_get_customer (chooser));
  g_assert_cmpstr (lum_customer_get_name (lum_customer_chooser_get_customer (chooser)), ==, expected);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (chooser)), ==, expected);
}

static LumLineRow *
line_row (LumDocumentEditor *editor,
          int                index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (EDITOR_CHILD (editor, "lines_list")), index);

  g_assert_true (LUM_IS_LINE_ROW (row));
  return LUM_LINE_ROW (row);
}

#define ROW_CHILD(row, name) lum_ui_test_child (row, LUM_TYPE_LINE_ROW, name)

/* Types @typed as the SKU of line @index and takes the suggestion that is
 * @sku, among @n_expected suggestions. */
static void
complete_sku (LumDocumentEditor *editor,
              int                index,
              const char        *typed,
              guint              n_expected,
              const char        *sku)
{
  LumLineRow *row = line_row (editor, index);
  LumSuggestionPopover *popover = lum_line_row_get_popover (row);
  GListModel *items;

  gtk_widget_grab_focus (ROW_CHILD (row, "sku_entry"));
  gtk_editable_set_text (GTK_EDITABLE (ROW_CHILD (row, "sku_entry")), typed);
  lum_ui_test_pump ();
  items = lum_suggestion_popover_get_items (popover);
  g_assert_nonnull (items);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      g_autoptr(LumProduct) product = g_list_model_get_item (items, i);

      if (g_str_equal (lum_product_get_sku (product), sku))
        {
          lum_suggestion_popover_choose (popover, i);
          lum_ui_test_pump ();
          g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ROW_CHILD (row, "sku_entry"))), ==, sku);
          g_assert_cmpstr (lum_doc_line_get_sku (lum_line_row_get_line (row)), ==, sku);
          return;
        }
    }
  g_error ("No suggestion “%s” for “%s”", sku, typed);
}

static void
set_quantity (LumDocumentEditor *editor,
              int                index,
              int                quantity)
{
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (ROW_CHILD (line_row (editor, index), "quantity_spin")), quantity);
  lum_ui_test_pump ();
}

static void
set_text (GtkWidget  *editable,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
  lum_ui_test_pump ();
}

static LumDocument *
find (Fixture         *f,
      LumDocumentKind  kind,
      const char      *number)
{
  g_autoptr(GError) error = NULL;
  LumDocument *doc = lum_engine_find_document (f->data.engine, kind, number, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static GListStore *
jobs_of (Fixture         *f,
         LumDocumentKind  kind,
         gint64           id)
{
  LumJobFilter filter = { 0, };
  g_autoptr(GError) error = NULL;
  GListStore *jobs;

  if (kind == LUM_DOCUMENT_KIND_SALES_ORDER)
    filter.sales_order_id = id;
  else
    filter.invoice_id = id;
  jobs = lum_engine_list_jobs (f->data.engine, &filter, &error);
  g_assert_no_error (error);
  return jobs;
}

static LumDocument *
model_item (Fixture    *f,
            const char *page,
            guint       position)
{
  LumDocumentList *list = lum_documents_page_get_model (LUM_DOCUMENTS_PAGE (lum_window_get_page (f->window, page)));

  return g_list_model_get_item (G_LIST_MODEL (list), position);
}

static guint
model_count (Fixture    *f,
             const char *page)
{
  LumDocumentList *list = lum_documents_page_get_model (LUM_DOCUMENTS_PAGE (lum_window_get_page (f->window, page)));

  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

static void
test_create_and_post_order (Fixture       *f,
                            gconstpointer  unused)
{
  LumDocumentEditor *editor = open_new_editor (f, "sales-orders");
  g_auto(GStrv) channels = channel_choices (editor);
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumDocument) listed = NULL;
  g_autoptr(LumDocument) invoice = NULL;
  g_autoptr(LumDocLine) first = NULL;
  g_autoptr(LumDocLine) second = NULL;
  g_autoptr(GListStore) order_jobs = NULL;
  g_autoptr(GListStore) invoice_jobs = NULL;
  g_autoptr(LumJob) push = NULL;
  g_autoptr(LumJob) accounting = NULL;
  g_auto(GStrv) invoices = NULL;
  g_autofree char *due = lum_time_format (f->data.clock.now + 15 * 60 * G_USEC_PER_SEC);
  LumDocumentView *view;

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *)&editor);

  /* Sales orders go to sales-order-first channels only. */
  g_assert_cmpuint (g_strv_length (channels), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *)channels, "Wholesale Sales Channel"));
  g_assert_true (g_strv_contains ((const char * const *)channels, "Trade Show"));
  choose_channel (editor, "Wholesale Sales Channel");

  /* The customer, by the start of the name, any case; the ship-to follows. */
  choose_customer (editor, "acm", "Acme Corp");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (EDITOR_CHILD (editor, "ship_name_row"))), ==, "Acme Corp");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (EDITOR_CHILD (editor, "ship_street1_row"))), ==, "1 Main Street");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (EDITOR_CHILD (editor, "ship_city_row"))), ==, "Springfield");

  /* Line 1: two SKUs start with “SKU-A”; the product's price is taken. */
  complete_sku (editor, 0, "SKU-A", 2, "SKU-A100");
  set_quantity (editor, 0, 2);
  g_assert_cmpint (lum_document_editor_get_total_cents (editor), ==, 2 * 1250);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (EDITOR_CHILD (editor, "total_label"))), ==, "$25.00");

  /* Line 2, typed in lower case, at a price of its own. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-line", NULL));
  lum_ui_test_pump ();
  complete_sku (editor, 1, "sku-b", 1, "SKU-B100");
  set_quantity (editor, 1, 3);
  g_assert_cmpint (lum_document_editor_get_total_cents (editor), ==, 2 * 1250 + 3 * 2400);
  set_text (ROW_CHILD (line_row (editor, 1), "price_entry"), "20");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (ROW_CHILD (line_row (editor, 1), "total_label"))), ==, "$60.00");
  g_assert_cmpint (lum_document_editor_get_total_cents (editor), ==, 2 * 1250 + 3 * 2000);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (EDITOR_CHILD (editor, "total_label"))), ==, "$85.00");

  set_text (EDITOR_CHILD (editor, "po_row"), "PO-4410");
  set_text (EDITOR_CHILD (editor, "shipping_notes_row"), "Leave at dock 3");
  set_text (EDITOR_CHILD (editor, "ship_date_row"), "2027-01-05");
  lum_ui_test_shot ("docs-order-editor");

  /* Ctrl+Enter posts; the editor closes and the order opens. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.post", NULL));
  lum_ui_test_pump ();
  g_assert_null (editor);
  view = lum_ui_test_find_toplevel (LUM_TYPE_DOCUMENT_VIEW);
  g_assert_nonnull (view);
  g_assert_cmpstr (lum_document_get_number (lum_document_view_get_document (view)), ==, "SO-000001");
  lum_ui_test_shot ("docs-order-view-posted");

  /* The page lists it … */
  g_assert_cmpuint (model_count (f, "sales-orders"), ==, 1);
  listed = model_item (f, "sales-orders", 0);
  g_assert_cmpstr (lum_document_get_number (listed), ==, "SO-000001");
  g_assert_cmpint (lum_document_get_total_cents (listed), ==, 8500);
  g_assert_cmpstr (lum_document_get_status (listed), ==, "posted");
  g_assert_cmpstr (lum_document_get_text (listed, LUM_DOC_PUSH_STATUS), ==, "scheduled");

  /* … and the database holds it as the channel says: posted, its push
   * due 15 minutes later, invoiced on posting, the invoice for QuickBooks. */
  order = find (f, LUM_DOCUMENT_KIND_SALES_ORDER, "SO-000001");
  g_assert_cmpstr (lum_document_get_status (order), ==, "posted");
  g_assert_cmpint (lum_document_get_int (order, LUM_DOC_CUSTOMER_ID), ==, lum_customer_get_id (f->data.acme));
  g_assert_cmpint (lum_document_get_int (order, LUM_DOC_CHANNEL_ID), ==, lum_channel_get_id (f->data.wholesale));
  g_assert_cmpstr (lum_document_get_text (order, LUM_DOC_PO_NUMBER), ==, "PO-4410");
  g_assert_cmpstr (lum_document_get_text (order, LUM_DOC_SHIPPING_NOTES), ==, "Leave at dock 3");
  g_assert_cmpstr (lum_document_get_text (order, LUM_DOC_REQUESTED_SHIP_DATE), ==, "2027-01-05");
  g_assert_cmpstr (lum_document_get_text (order, LUM_DOC_SHIP_STREET1), ==, "1 Main Street");
  g_assert_cmpstr (lum_document_get_text (order, LUM_DOC_PUSH_STATUS), ==, "scheduled");
  g_assert_cmpstr (lum_document_get_text (order, LUM_DOC_PUSH_DUE_AT), ==, due);
  g_assert_cmpuint (g_list_model_get_n_items (lum_document_get_lines (order)), ==, 2);
  first = g_list_model_get_item (lum_document_get_lines (order), 0);
  second = g_list_model_get_item (lum_document_get_lines (order), 1);
  g_assert_cmpstr (lum_doc_line_get_sku (first), ==, "SKU-A100");
  g_assert_cmpint (lum_doc_line_get_quantity (first), ==, 2);
  g_assert_cmpint (lum_doc_line_get_unit_price_cents (first), ==, 1250);
  g_assert_cmpstr (lum_doc_line_get_sku (second), ==, "SKU-B100");
  g_assert_cmpint (lum_doc_line_get_quantity (second), ==, 3);
  g_assert_cmpint (lum_doc_line_get_unit_price_cents (second), ==, 2000);
  g_assert_cmpint (lum_document_get_total_cents (order), ==, 8500);

  order_jobs = jobs_of (f, LUM_DOCUMENT_KIND_SALES_ORDER, lum_document_get_id (order));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (order_jobs)), ==, 1);
  push = g_list_model_get_item (G_LIST_MODEL (order_jobs), 0);
  g_assert_cmpint (lum_job_get_kind (push), ==, LUM_JOB_KIND_PUSH_SALES_ORDER);
  g_assert_cmpint (lum_job_get_state (push), ==, LUM_JOB_STATE_SCHEDULED);
  g_assert_cmpstr (lum_job_get_text (push, LUM_JOB_DUE_AT), ==, due);

  invoices = lum_engine_list_order_invoices (f->data.engine, lum_document_get_id (order), NULL);
  g_assert_cmpuint (g_strv_length (invoices), ==, 1);
  invoice = find (f, LUM_DOCUMENT_KIND_INVOICE, invoices[0]);
  g_assert_cmpstr (lum_document_get_status (invoice), ==, "posted");
  g_assert_cmpint (lum_document_get_total_cents (invoice), ==, 8500);
  invoice_jobs = jobs_of (f, LUM_DOCUMENT_KIND_INVOICE, lum_document_get_id (invoice));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (invoice_jobs)), ==, 1);
  accounting = g_list_model_get_item (G_LIST_MODEL (invoice_jobs), 0);
  g_assert_cmpint (lum_job_get_kind (accounting), ==, LUM_JOB_KIND_PUSH_INVOICE);

  /* The view lists that invoice, and offers Push Now while the push waits. */
  g_assert_true (gtk_widget_get_visible (lum_ui_test_child (view, LUM_TYPE_DOCUMENT_VIEW, "push_button")));
  g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (lum_ui_test_child (view, LUM_TYPE_DOCUMENT_VIEW,
                                                                                    "linked_list")), 0));
}

static gboolean
has_error (GtkWidget *widget)
{
  return gtk_widget_has_css_class (widget, "error");
}

static void
test_errors_on_rows (Fixture       *f,
                     gconstpointer  unused)
{
  g_autofree char *before = lum_test_dump_database (f->data.engine);
  g_autofree char *after = NULL;
  LumDocumentEditor *editor = open_new_editor (f, "sales-orders");
  g_autoptr(LumDocument) draft = NULL;

  choose_channel (editor, "Trade Show");

  /* A name nobody has: refused on the customer row, nothing written. */
  set_text (EDITOR_CHILD (editor, "customer_row"), "Nobody Ltd");
  complete_sku (editor, 0, "SKU-A1", 1, "SKU-A100");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.post", NULL));
  lum_ui_test_pump ();
  g_assert_true (lum_ui_test_find_toplevel (LUM_TYPE_DOCUMENT_EDITOR) == editor);
  g_assert_true (has_error (EDITOR_CHILD (editor, "customer_row")));
  after = lum_test_dump_database (f->data.engine);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* A SKU that is no product, on line 2: line 2 is marked, line 1 is not. */
  choose_customer (editor, "Blue", "Bluebird Books");
  g_assert_false (has_error (EDITOR_CHILD (editor, "customer_row")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-line", NULL));
  lum_ui_test_pump ();
  set_text (ROW_CHILD (line_row (editor, 1), "sku_entry"), "NOPE-1");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.post", NULL));
  lum_ui_test_pump ();
  g_assert_true (has_error (GTK_WIDGET (line_row (editor, 1))));
  g_assert_false (has_error (GTK_WIDGET (line_row (editor, 0))));
  g_assert_true (gtk_widget_get_visible (ROW_CHILD (line_row (editor, 1), "error_box")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (ROW_CHILD (line_row (editor, 1), "error_label"))), "NOPE-1"));
  lum_ui_test_shot ("docs-order-editor-error");
  after = lum_test_dump_database (f->data.engine);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* Typing clears the mark; a price that is no amount is refused there. */
  complete_sku (editor, 1, "SKU-B", 1, "SKU-B100");
  g_assert_false (has_error (GTK_WIDGET (line_row (editor, 1))));
  set_text (ROW_CHILD (line_row (editor, 1), "price_entry"), "12,5x");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (ROW_CHILD (line_row (editor, 1), "total_label"))), ==, "—");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.post", NULL));
  lum_ui_test_pump ();
  g_assert_true (has_error (GTK_WIDGET (line_row (editor, 1))));
  set_text (ROW_CHILD (line_row (editor, 1), "price_entry"), "");

  /* A requested ship date that is no date: its row. */
  set_text (EDITOR_CHILD (editor, "ship_date_row"), "2027-13-45");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.post", NULL));
  lum_ui_test_pump ();
  g_assert_true (has_error (EDITOR_CHILD (editor, "ship_date_row")));
  after = lum_test_dump_database (f->data.engine);
  g_assert_cmpstr (after, ==, before);

  /* Fixed, Save keeps a draft. */
  set_text (EDITOR_CHILD (editor, "ship_date_row"), "");
  g_assert_false (has_error (EDITOR_CHILD (editor, "ship_date_row")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  lum_ui_test_pump ();
  g_assert_null (lum_ui_test_find_toplevel (LUM_TYPE_DOCUMENT_EDITOR));
  draft = find (f, LUM_DOCUMENT_KIND_SALES_ORDER, "SO-000001");
  g_assert_cmpstr (lum_document_get_status (draft), ==, "draft");
  g_assert_cmpuint (g_list_model_get_n_items (lum_document_get_lines (draft)), ==, 2);
  g_assert_cmpint (lum_document_get_total_cents (draft), ==, 1250 + 2400);
}

/* How many shown labels say @text: a message under its row and again in a
 * toast counts twice. */
static guint
count_labels_containing (GtkWidget  *root,
                         const char *text)
{
  guint n = GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
            strstr (gtk_label_get_label (GTK_LABEL (root)), text) != NULL;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_labels_containing (c, text);
  return n;
}

static gboolean
city_error_shown (gpointer editor)
{
  return count_labels_containing (GTK_WIDGET (editor), "“Seattle") > 0;
}

/* Every refused value at once, each under its row (a closed Ship To opens
 * for its own), said once: no toast repeats it; the keyboard on the
 * topmost; nothing written. */
static void
test_every_error_at_once (Fixture       *f,
                          gconstpointer  unused)
{
  g_autofree char *before = lum_test_dump_database (f->data.engine);
  g_autofree char *after = NULL;
  LumDocumentEditor *editor = open_new_editor (f, "sales-orders");
  GtkWidget *focus;

  choose_channel (editor, "Trade Show");
  set_text (EDITOR_CHILD (editor, "customer_row"), "Nobody Ltd");
  set_text (EDITOR_CHILD (editor, "ship_date_row"), "2027-13-45");
  set_text (EDITOR_CHILD (editor, "ship_city_row"), "Seattle\x1b[2J");
  set_text (ROW_CHILD (line_row (editor, 0), "sku_entry"), "NOPE-1");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-line", NULL));
  lum_ui_test_pump ();
  complete_sku (editor, 1, "SKU-B", 1, "SKU-B100");
  set_text (ROW_CHILD (line_row (editor, 1), "price_entry"), "12,5x");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.post", NULL));
  lum_ui_test_pump ();

  g_assert_true (lum_ui_test_find_toplevel (LUM_TYPE_DOCUMENT_EDITOR) == editor);
  g_assert_true (has_error (EDITOR_CHILD (editor, "customer_row")));
  g_assert_true (has_error (EDITOR_CHILD (editor, "ship_date_row")));
  g_assert_true (has_error (EDITOR_CHILD (editor, "ship_city_row")));
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (EDITOR_CHILD (editor, "ship_to_row"))));
  g_assert_true (has_error (GTK_WIDGET (line_row (editor, 0))));
  g_assert_true (has_error (GTK_WIDGET (line_row (editor, 1))));
  g_assert_cmpuint (count_labels_containing (GTK_WIDGET (editor), "No customer is named “Nobody Ltd”"), ==, 1);
  g_assert_cmpuint (count_labels_containing (GTK_WIDGET (editor), "“2027-13-45” is not a date"), ==, 1);
  /* under a row of Ship To, which opens for it: shown once it has */
  g_assert_true (lum_ui_test_wait (city_error_shown, editor, 3000));
  g_assert_cmpuint (count_labels_containing (GTK_WIDGET (editor), "“Seattle"), ==, 1);
  g_assert_cmpuint (count_labels_containing (GTK_WIDGET (editor), "SKU “NOPE-1” is not a product"), ==, 1);
  focus = gtk_root_get_focus (GTK_ROOT (editor));
  g_assert_nonnull (focus);
  g_assert_true (focus == EDITOR_CHILD (editor, "customer_row") ||
                 gtk_widget_is_ancestor (focus, EDITOR_CHILD (editor, "customer_row")));
  lum_ui_test_shot ("order-editor-every-error");
  after = lum_test_dump_database (f->data.engine);
  g_assert_cmpstr (after, ==, before);
  gtk_window_destroy (GTK_WINDOW (editor));
  lum_ui_test_pump ();
}

static LumDocument *
post_order (Fixture    *f,
            LumChannel *channel)
{
  g_autoptr(GError) error = NULL;
  LumDocument *doc = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);
  g_autoptr(LumDocLine) a = lum_doc_line_new ("SKU-A100", 2, -1);
  g_autoptr(LumDocLine) b = lum_doc_line_new ("SKU-B100", 1, -1);

  lum_document_set_int (doc, LUM_DOC_CHANNEL_ID, lum_channel_get_id (channel));
  lum_document_set_int (doc, LUM_DOC_CUSTOMER_ID, lum_customer_get_id (f->data.acme));
  lum_document_add_line (doc, a);
  lum_document_add_line (doc, b);
  g_assert_true (lum_engine_create_and_post_document (f->data.engine, doc, &error));
  g_assert_no_error (error);
  return doc;
}

static void
respond (const char *response)
{
  AdwMessageDialog *dialog = lum_ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  g_assert_nonnull (dialog);
  /* What a click on its button does. */
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  lum_ui_test_pump ();
}

static void
test_edit_then_cancel_posted (Fixture       *f,
                              gconstpointer  unused)
{
  g_autoptr(LumDocument) posted = post_order (f, f->data.wholesale);
  g_autoptr(LumDocument) edited = NULL;
  g_autoptr(LumDocument) cancelled = NULL;
  g_autoptr(GListStore) jobs = NULL;
  g_autoptr(LumJob) push = NULL;
  LumDocumentView *view;
  LumDocumentEditor *editor;

  view = LUM_DOCUMENT_VIEW (lum_window_open_document (f->window, LUM_DOCUMENT_KIND_SALES_ORDER,
                                                      lum_document_get_id (posted)));
  lum_ui_test_pump ();

  /* Its push waits: the order can still change, and the push sends that. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.edit", NULL));
  lum_ui_test_pump ();
  editor = lum_ui_test_find_toplevel (LUM_TYPE_DOCUMENT_EDITOR);
  g_assert_nonnull (editor);
  g_assert_false (gtk_widget_get_visible (EDITOR_CHILD (editor, "post_button")));
  g_assert_false (gtk_widget_get_sensitive (EDITOR_CHILD (editor, "customer_row")));
  set_text (EDITOR_CHILD (editor, "shipping_notes_row"), "Call before delivery");

  /* Its invoice was made from its lines when it was posted: the engine
   * refuses other lines, the editor stays open with what was typed. */
  set_quantity (editor, 1, 4);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  lum_ui_test_pump ();
  g_assert_true (lum_ui_test_find_toplevel (LUM_TYPE_DOCUMENT_EDITOR) == editor);
  edited = find (f, LUM_DOCUMENT_KIND_SALES_ORDER, lum_document_get_number (posted));
  g_assert_cmpstr (lum_document_get_text (edited, LUM_DOC_SHIPPING_NOTES), ==, "");
  g_clear_object (&edited);

  set_quantity (editor, 1, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  lum_ui_test_pump ();
  g_assert_null (lum_ui_test_find_toplevel (LUM_TYPE_DOCUMENT_EDITOR));

  edited = find (f, LUM_DOCUMENT_KIND_SALES_ORDER, lum_document_get_number (posted));
  g_assert_cmpstr (lum_document_get_text (edited, LUM_DOC_SHIPPING_NOTES), ==, "Call before delivery");
  g_assert_cmpstr (lum_document_get_text (edited, LUM_DOC_PUSH_STATUS), ==, "scheduled");

  /* Cancel asks first; the waiting push is cancelled with the order. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.cancel", NULL));
  lum_ui_test_pump ();
  respond ("keep");
  cancelled = find (f, LUM_DOCUMENT_KIND_SALES_ORDER, lum_document_get_number (posted));
  g_assert_cmpstr (lum_document_get_status (cancelled), ==, "posted");
  g_clear_object (&cancelled);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.cancel", NULL));
  lum_ui_test_pump ();
  respond ("cancel-order");
  cancelled = find (f, LUM_DOCUMENT_KIND_SALES_ORDER, lum_document_get_number (posted));
  g_assert_cmpstr (lum_document_get_status (cancelled), ==, "cancelled");
  jobs = jobs_of (f, LUM_DOCUMENT_KIND_SALES_ORDER, lum_document_get_id (posted));
  push = g_list_model_get_item (G_LIST_MODEL (jobs), 0);
  g_assert_cmpint (lum_job_get_state (push), ==, LUM_JOB_STATE_CANCELLED);

  /* The view follows: nothing more to do but look. */
  g_assert_false (gtk_widget_get_visible (lum_ui_test_child (view, LUM_TYPE_DOCUMENT_VIEW, "edit_button")));
  g_assert_false (gtk_widget_get_visible (lum_ui_test_child (view, LUM_TYPE_DOCUMENT_VIEW, "push_button")));
  g_assert_false (gtk_widget_get_visible (lum_ui_test_child (view, LUM_TYPE_DOCUMENT_VIEW, "ship_button")));
}

static gboolean
list_has_row_titled (GtkWidget  *list,
                     const char *title)
{
  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_PREFERENCES_ROW (row) &&
        g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
      return TRUE;
  return FALSE;
}

static void
test_invoice_first (Fixture       *f,
                    gconstpointer  unused)
{
  LumDocumentEditor *editor = open_new_editor (f, "invoices");
  g_auto(GStrv) channels = channel_choices (editor);
  g_autoptr(LumDocument) invoice = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumDocument) listed = NULL;
  g_autoptr(LumDocLine) line = NULL;
  g_autoptr(GListStore) jobs = NULL;
  LumDocumentView *view;

  /* Invoices start only on internal invoice-first channels. */
  g_assert_cmpuint (g_strv_length (channels), ==, 1);
  g_assert_cmpstr (channels[0], ==, "Invoice Desk");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "New Invoice");

  choose_customer (editor, "bluebird", "Bluebird Books");
  complete_sku (editor, 0, "SKU-A2", 1, "SKU-A200");
  set_quantity (editor, 0, 10);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (EDITOR_CHILD (editor, "total_label"))), ==, "$72.50");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.post", NULL));
  lum_ui_test_pump ();
  g_assert_null (lum_ui_test_find_toplevel (LUM_TYPE_DOCUMENT_EDITOR));

  /* Posting the invoice generated its sales order, linked both ways. */
  invoice = find (f, LUM_DOCUMENT_KIND_INVOICE, "INV-000001");
  g_assert_cmpstr (lum_document_get_status (invoice), ==, "posted");
  g_assert_cmpstr (lum_document_get_text (invoice, LUM_DOC_DUE_DATE), ==, "2027-01-16");
  g_assert_cmpint (lum_document_get_int (invoice, LUM_DOC_LINKED_ID), !=, 0);
  order = lum_engine_get_document (f->data.engine, LUM_DOCUMENT_KIND_SALES_ORDER,
                                   lum_document_get_int (invoice, LUM_DOC_LINKED_ID), NULL);
  g_assert_nonnull (order);
  g_assert_cmpstr (lum_document_get_status (order), ==, "posted");
  g_assert_cmpint (lum_document_get_int (order, LUM_DOC_LINKED_ID), ==, lum_document_get_id (invoice));
  g_assert_cmpuint (g_list_model_get_n_items (lum_document_get_lines (order)), ==, 1);
  line = g_list_model_get_item (lum_document_get_lines (order), 0);
  g_assert_cmpstr (lum_doc_line_get_sku (line), ==, "SKU-A200");
  g_assert_cmpint (lum_doc_line_get_quantity (line), ==, 10);
  /* The channel pushes at once. */
  g_assert_cmpstr (lum_document_get_text (order, LUM_DOC_PUSH_STATUS), ==, "scheduled");
  jobs = jobs_of (f, LUM_DOCUMENT_KIND_SALES_ORDER, lum_document_get_id (order));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (jobs)), ==, 1);

  /* Both pages list theirs; the invoice's view shows the order, and opens it. */
  g_assert_cmpuint (model_count (f, "invoices"), ==, 1);
  listed = model_item (f, "invoices", 0);
  g_assert_cmpstr (lum_document_get_text (listed, LUM_DOC_LINKED_NUMBER), ==, lum_document_get_number (order));
  g_assert_cmpuint (model_count (f, "sales-orders"), ==, 1);

  view = lum_ui_test_find_toplevel (LUM_TYPE_DOCUMENT_VIEW);
  g_assert_nonnull (view);
  g_assert_cmpint (lum_document_view_get_kind (view), ==, LUM_DOCUMENT_KIND_INVOICE);
  g_assert_true (list_has_row_titled (lum_ui_test_child (view, LUM_TYPE_DOCUMENT_VIEW, "linked_list"),
                                      lum_document_get_number (order)));
  lum_ui_test_shot ("docs-invoice-view");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.open-linked", NULL));
  lum_ui_test_pump ();
  view = lum_ui_test_find_toplevel (LUM_TYPE_DOCUMENT_VIEW);
  g_assert_cmpint (lum_document_view_get_kind (view), ==, LUM_DOCUMENT_KIND_SALES_ORDER);
  g_assert_cmpint (lum_document_view_get_id (view), ==, lum_document_get_id (order));
}

static void
test_void_invoice (Fixture       *f,
                   gconstpointer  unused)
{
  g_autoptr(LumDocument) order = post_order (f, f->data.wholesale);
  g_auto(GStrv) invoices = lum_engine_list_order_invoices (f->data.engine, lum_document_get_id (order), NULL);
  g_autoptr(LumDocument) invoice = find (f, LUM_DOCUMENT_KIND_INVOICE, invoices[0]);
  g_autoptr(LumDocument) voided = NULL;
  LumDocumentView *view;

  view = LUM_DOCUMENT_VIEW (lum_window_open_document (f->window, LUM_DOCUMENT_KIND_INVOICE,
                                                      lum_document_get_id (invoice)));
  lum_ui_test_pump ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.void", NULL));
  lum_ui_test_pump ();
  respond ("void");
  voided = find (f, LUM_DOCUMENT_KIND_INVOICE, invoices[0]);
  g_assert_cmpstr (lum_document_get_status (voided), ==, "void");
  /* Its QuickBooks push had not gone out: it never will. */
  g_assert_cmpstr (lum_document_get_text (voided, LUM_DOC_ACCOUNTING_STATUS), ==, "not-pushed");
  /* Void is done: asking again asks nothing. */
  g_assert_null (lum_ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  gtk_widget_activate_action (GTK_WIDGET (view), "view.void", NULL);
  lum_ui_test_pump ();
  g_assert_null (lum_ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

int
main (int   argc,
      char *argv[])
{
  lum_ui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ui/orders/create-and-post", test_create_and_post_order);
  ADD ("/ui/orders/errors-on-rows", test_errors_on_rows);
  ADD ("/ui/orders/every-error-at-once", test_every_error_at_once);
  ADD ("/ui/orders/edit-then-cancel-posted", test_edit_then_cancel_posted);
  ADD ("/ui/invoices/invoice-first", test_invoice_first);
  ADD ("/ui/invoices/void", test_void_invoice);

  return g_test_run ();
}

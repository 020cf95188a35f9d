/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-test"

#include "lum-customer-chooser.h"
#include "lum-customer-editor.h"
#include "lum-document-editor.h"
#include "lum-document-view.h"
#include "lum-product-editor.h"
#include "lum-window.h"
#include "ui-test-util.h"
#include "lum-engine-setup.h"

/* A user's text meets Pango markup in row titles and subtitles, toasts and
 * status pages. Names with & < > " were lost ("Failed to set text … from
 * markup", a warning these tests make fatal) and the ship-to summary of the
 * order editor stopped updating. Every page and dialog is opened here on a
 * customer, product, channel and notes that hold all four. */

#define NASTY_CUSTOMER "Bolt & Nut <Distributors> \"East\""
#define NASTY_PRODUCT  "Nuts & Bolts <M8> \"zinc\""
#define NASTY_CHANNEL  "R&D <Desk> \"A\""
#define NASTY_NOTES    "Ring twice & wait <5 min> \"dock 3\""

typedef struct
{
  LumUiTestData  data;
  LumWindow     *window;
  LumChannel    *channel;
  LumCustomer   *customer;
  LumProduct    *product;
  LumDocument   *order;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumDocLine) line = lum_doc_line_new ("NB-8", 3, -1);

  lum_ui_test_data_init (&f->data);

  f->channel = lum_engine_new_channel (f->data.engine, &error);
  lum_channel_set_name (f->channel, NASTY_CHANNEL);
  lum_channel_set_description (f->channel, NASTY_NOTES);
  lum_channel_set_internal (f->channel, TRUE);
  lum_channel_set_invoice_timing (f->channel, LUM_INVOICE_TIMING_SO_CREATED);
  lum_channel_set_accounting_integration_id (f->channel, f->data.quickbooks_id);
  g_assert_true (lum_engine_save_channel (f->data.engine, f->channel, &error));

  f->customer = lum_customer_new (NASTY_CUSTOMER);
  lum_customer_set_text (f->customer, LUM_CUSTOMER_COMPANY, NASTY_CUSTOMER);
  lum_customer_set_text (f->customer, LUM_CUSTOMER_SHIP_STREET1, "1 <Main> & Elm");
  lum_customer_set_text (f->customer, LUM_CUSTOMER_SHIP_CITY, "Springfield");
  g_assert_true (lum_engine_save_customer (f->data.engine, f->customer, &error));

  f->product = lum_product_new ("NB-8", NASTY_PRODUCT, 125, 2);
  g_assert_true (lum_engine_save_product (f->data.engine, f->product, &error));

  f->order = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);
  lum_document_set_int (f->order, LUM_DOC_CHANNEL_ID, lum_channel_get_id (f->channel));
  lum_document_set_int (f->order, LUM_DOC_CUSTOMER_ID, lum_customer_get_id (f->customer));
  lum_document_set_text (f->order, LUM_DOC_CUSTOMER_NOTES, NASTY_NOTES);
  lum_document_set_text (f->order, LUM_DOC_PO_NUMBER, "PO <7> & co");
  lum_document_add_line (f->order, line);
  g_assert_true (lum_engine_create_and_post_document (f->data.engine, f->order, &error));
  g_assert_no_error (error);

  f->window = lum_window_new (NULL, f->data.engine);
  gtk_window_present (GTK_WINDOW (f->window));
  lum_ui_test_pump ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  unused)
{
  lum_ui_test_destroy_windows (GTK_WINDOW (f->window));
  g_clear_object (&f->order);
  g_clear_object (&f->product);
  g_clear_object (&f->customer);
  g_clear_object (&f->channel);
  lum_ui_test_data_clear (&f->data);
}

/* Whether @text is shown somewhere under @root, in a label as it is. */
static gboolean
shows_text (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;
  return FALSE;
}

static void
test_every_page (Fixture       *f,
                 gconstpointer  unused)
{
  const char *pages[] = { "channels", "sales-orders", "invoices", "customers", "products", "integrations", "activity" };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      lum_window_show_page (f->window, pages[i]);
      lum_ui_test_pump ();
    }
  lum_window_show_page (f->window, "channels");
  lum_ui_test_pump ();
  g_assert_true (shows_text (GTK_WIDGET (f->window), NASTY_CHANNEL));
  lum_window_show_page (f->window, "customers");
  lum_ui_test_pump ();
  g_assert_true (shows_text (GTK_WIDGET (f->window), NASTY_CUSTOMER));
}

static void
test_editors_and_views (Fixture       *f,
                        gconstpointer  unused)
{
  GtkWindow *window;

  window = lum_window_edit_channel (f->window, f->channel);
  lum_ui_test_pump ();
  g_assert_true (shows_text (GTK_WIDGET (window), NASTY_CHANNEL));
  /* saved: the window's toast names the channel */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "editor.save", NULL));
  lum_ui_test_pump ();
  g_assert_true (shows_text (GTK_WIDGET (f->window), NASTY_CHANNEL "” saved"));

  window = lum_window_open_document (f->window, LUM_DOCUMENT_KIND_SALES_ORDER, lum_document_get_id (f->order));
  lum_ui_test_pump ();
  g_assert_true (shows_text (GTK_WIDGET (window), NASTY_CUSTOMER));
  g_assert_true (shows_text (GTK_WIDGET (window), NASTY_NOTES));
  g_assert_true (shows_text (GTK_WIDGET (window), NASTY_PRODUCT));
  lum_ui_test_shot ("markup-order-view");
  gtk_window_destroy (window);

  window = lum_window_edit_customer (f->window, f->customer);
  lum_ui_test_pump ();
  gtk_window_destroy (window);
  window = lum_window_edit_product (f->window, f->product);
  lum_ui_test_pump ();
  gtk_window_destroy (window);
  lum_ui_test_pump ();
}

static void
choose_customer (LumDocumentEditor *editor,
                 const char        *typed)
{
  LumCustomerChooser *chooser = LUM_CUSTOMER_CHOOSER (lum_ui_test_child (editor, LUM_TYPE_DOCUMENT_EDITOR,
                                                                         "customer_row"));
  LumSuggestionPopover *popover = lum_customer_chooser_get_popover (chooser);

  gtk_widget_grab_focus (GTK_WIDGET (chooser));
  gtk_editable_set_text (GTK_EDITABLE (chooser), typed);
  lum_ui_test_pump ();
  g_assert_cmpuint (g_list_model_get_n_items (lum_suggestion_popover_get_items (popover)), ==, 1);
  lum_suggestion_popover_choose (popover, 0);
  lum_ui_test_pump ();
}

/* The order editor's ship-to summary takes the customer's name, and keeps
 * following the choice of customer after it. */
static void
test_ship_to_summary (Fixture       *f,
                      gconstpointer  unused)
{
  LumDocumentEditor *editor = LUM_DOCUMENT_EDITOR (lum_window_new_document (f->window, LUM_DOCUMENT_KIND_SALES_ORDER));
  GtkWidget *ship_to;

  lum_ui_test_pump ();
  ship_to = lum_ui_test_child (editor, LUM_TYPE_DOCUMENT_EDITOR, "ship_to_row");

  /* the channel chosen is shown as the row's subtitle */
  {
    AdwComboRow *channel_row = ADW_COMBO_ROW (lum_ui_test_child (editor, LUM_TYPE_DOCUMENT_EDITOR, "channel_row"));
    GListModel *channels = adw_combo_row_get_model (channel_row);
    guint found = GTK_INVALID_LIST_POSITION;

    for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
      {
        g_autoptr(LumChannel) channel = g_list_model_get_item (channels, i);

        if (g_str_equal (lum_channel_get_name (channel), NASTY_CHANNEL))
          found = i;
      }
    g_assert_cmpuint (found, !=, GTK_INVALID_LIST_POSITION);
    adw_combo_row_set_selected (channel_row, found);
    lum_ui_test_pump ();
    g_assert_true (shows_text (GTK_WIDGET (channel_row), NASTY_CHANNEL));
  }
  choose_customer (editor, "bolt");
  g_assert_true (shows_text (ship_to, NASTY_CUSTOMER));
  g_assert_true (shows_text (ship_to, "1 <Main> & Elm"));
  lum_ui_test_shot ("markup-order-editor");

  choose_customer (editor, "bluebird");
  g_assert_true (shows_text (ship_to, "Bluebird Books"));
  g_assert_false (shows_text (ship_to, NASTY_CUSTOMER));
}

int
main (int   argc,
      char *argv[])
{
  lum_ui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/markup/every-page", test_every_page);
  ADD ("/markup/editors-and-views", test_editors_and_views);
  ADD ("/markup/ship-to-summary", test_ship_to_summary);

  return g_test_run ();
}

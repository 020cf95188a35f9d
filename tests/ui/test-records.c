/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-test"

#include <string.h>

#include <glib/gstdio.h>

#include "lum-customer-editor.h"
#include "lum-customers-page.h"
#include "lum-import-dialog.h"
#include "lum-product-editor.h"
#include "lum-products-page.h"
#include "lum-window.h"
#include "ui-test-util.h"

/* Customers and products: their pages, editors, and the CSV import with
 * its preview. */

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

static GFile *
write_file (const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static gboolean
dialog_shown (gpointer user_data)
{
  return lum_ui_test_find_toplevel (LUM_TYPE_IMPORT_DIALOG) != NULL;
}

static GListModel *
page_model (Fixture    *f,
            const char *name)
{
  return lum_records_page_get_model (LUM_RECORDS_PAGE (lum_window_get_page (f->window, name)));
}

static gboolean
page_lists (Fixture    *f,
            const char *page,
            const char *name)
{
  GListModel *model = page_model (f, page);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      const char *text = LUM_IS_CUSTOMER (item) ? lum_customer_get_name (LUM_CUSTOMER (item))
                                                : lum_product_get_sku (LUM_PRODUCT (item));

      if (g_strcmp0 (text, name) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_import_customers (Fixture       *f,
                       gconstpointer  unused)
{
  g_autoptr(GFile) file = write_file ("customers.csv",
                                      "name,email,phone,ship_city,terms\n"
                                      "Harbor Supply,orders@harbor.example,555-0101,Boston,net30\n"
                                      "\"Quote, Inc\",q@quote.example,,\"Portland, Maine\",net 15\n"
                                      "Bad Email Co,not-an-email,,,net30\n"
                                      "Acme Corp,new-buyer@acme.example,,,net45\n");
  g_autoptr(LumCustomer) acme = NULL;
  g_autoptr(LumCustomer) quote = NULL;
  g_autoptr(LumCustomer) bad = NULL;
  LumImportDialog *dialog;
  GListModel *rows;
  gboolean error_row_found = FALSE;

  lum_window_show_page (f->window, "customers");
  lum_ui_test_pump ();
  g_assert_cmpuint (g_list_model_get_n_items (page_model (f, "customers")), ==, 2);

  /* What the file chooser does with the file it was given. */
  lum_window_import_file (f->window, LUM_IMPORT_CUSTOMERS, file);
  g_assert_true (lum_ui_test_wait (dialog_shown, NULL, 5000));
  dialog = lum_ui_test_find_toplevel (LUM_TYPE_IMPORT_DIALOG);

  /* Every row, each with what it does or why not. */
  rows = lum_import_dialog_get_rows (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 4);
  g_assert_cmpuint (lum_import_dialog_get_n_good (dialog), ==, 3);
  g_assert_cmpuint (lum_import_dialog_get_n_errors (dialog), ==, 1);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(LumImportRow) row = g_list_model_get_item (rows, i);
      const char *error = lum_import_row_get_error (row);

      if (error != NULL && *error != '\0')
        {
          g_assert_nonnull (strstr (error, "not-an-email"));
          error_row_found = TRUE;
        }
    }
  g_assert_true (error_row_found);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (lum_ui_test_child (dialog, LUM_TYPE_IMPORT_DIALOG,
                                                                        "import_button"))), ==, "_Import 3 Rows");
  g_assert_true (gtk_widget_get_visible (lum_ui_test_child (dialog, LUM_TYPE_IMPORT_DIALOG, "errors_only_button")));
  lum_ui_test_shot ("docs-import-preview");

  /* The rows in error, alone. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (lum_ui_test_child (dialog, LUM_TYPE_IMPORT_DIALOG,
                                                                      "errors_only_button")), TRUE);
  lum_ui_test_pump ();
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);

  /* Import writes the good rows and skips the bad one. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.confirm", NULL));
  lum_ui_test_pump ();
  g_assert_null (lum_ui_test_find_toplevel (LUM_TYPE_IMPORT_DIALOG));

  acme = lum_engine_find_customer (f->data.engine, "Acme Corp", NULL);
  g_assert_cmpstr (lum_customer_get_text (acme, LUM_CUSTOMER_EMAIL), ==, "new-buyer@acme.example");
  g_assert_cmpint (lum_customer_get_terms_days (acme), ==, 45);
  quote = lum_engine_find_customer (f->data.engine, "Quote, Inc", NULL);
  g_assert_nonnull (quote);
  g_assert_cmpstr (lum_customer_get_text (quote, LUM_CUSTOMER_SHIP_CITY), ==, "Portland, Maine");
  g_assert_cmpint (lum_customer_get_terms_days (quote), ==, 15);
  bad = lum_engine_find_customer (f->data.engine, "Bad Email Co", NULL);
  g_assert_null (bad);
  g_assert_cmpint (lum_test_count_rows (f->data.engine, "customer"), ==, 4);

  /* The page shows them at once. */
  g_assert_cmpuint (g_list_model_get_n_items (page_model (f, "customers")), ==, 4);
  g_assert_true (page_lists (f, "customers", "Harbor Supply"));
  g_assert_true (page_lists (f, "customers", "Quote, Inc"));
  lum_ui_test_shot ("docs-customers-page");
}

static void
test_import_refused (Fixture       *f,
                     gconstpointer  unused)
{
  g_autoptr(GFile) file = write_file ("products.csv", "sku,name,colour\nSKU-Z1,Zed,blue\n");
  g_autofree char *before = lum_test_dump_database (f->data.engine);
  g_autofree char *after = NULL;

  /* A header the import does not know: no preview, nothing written. */
  lum_window_import_file (f->window, LUM_IMPORT_PRODUCTS, file);
  g_assert_false (lum_ui_test_wait (dialog_shown, NULL, 1000));
  after = lum_test_dump_database (f->data.engine);
  g_assert_cmpstr (after, ==, before);
}

static void
test_import_products (Fixture       *f,
                      gconstpointer  unused)
{
  g_autoptr(GFile) file = write_file ("products.csv",
                                      "sku,name,price,weight_oz\n"
                                      "SKU-Z100,Zephyr,4.99,2\n"
                                      "SKU-A100,\"Widget, large (new box)\",13.00,9\n"
                                      "BAD SKU,Spaced,1.00,1\n"
                                      "SKU-Z200,Zinc,abc,1\n");
  g_autoptr(LumProduct) widget = NULL;
  LumImportDialog *dialog;

  lum_window_show_page (f->window, "products");
  lum_ui_test_pump ();
  lum_window_import_file (f->window, LUM_IMPORT_PRODUCTS, file);
  g_assert_true (lum_ui_test_wait (dialog_shown, NULL, 5000));
  dialog = lum_ui_test_find_toplevel (LUM_TYPE_IMPORT_DIALOG);
  g_assert_cmpuint (lum_import_dialog_get_n_good (dialog), ==, 2);
  g_assert_cmpuint (lum_import_dialog_get_n_errors (dialog), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.confirm", NULL));
  lum_ui_test_pump ();

  widget = lum_engine_find_product (f->data.engine, "SKU-A100", NULL);
  g_assert_cmpint (lum_product_get_unit_price_cents (widget), ==, 1300);
  g_assert_cmpint (lum_test_count_rows (f->data.engine, "product"), ==, 4);
  g_assert_true (page_lists (f, "products", "SKU-Z100"));
  g_assert_false (page_lists (f, "products", "SKU-Z200"));
  lum_ui_test_shot ("docs-products-page");
}

#define CUSTOMER_ROW(editor, field) lum_customer_editor_get_row (editor, field)

/* How many shown labels say @text: a message said under its row and again
 * in a toast counts twice. */
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

/* The keyboard is in @row (an entry row's text has it). */
static gboolean
has_focus (GtkWidget *row)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (row));

  return focus != NULL && (focus == row || gtk_widget_is_ancestor (focus, row));
}

/* Every refused field at once, each under its row in plain words that
 * name the field, said once (no toast repeats it); nothing written. */
static void
test_customer_every_error (Fixture       *f,
                           gconstpointer  unused)
{
  g_autofree char *before = lum_test_dump_database (f->data.engine);
  g_autofree char *after = NULL;
  LumCustomerEditor *editor;

  lum_window_show_page (f->window, "customers");
  lum_ui_test_pump ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", NULL));
  lum_ui_test_pump ();
  editor = lum_ui_test_find_toplevel (LUM_TYPE_CUSTOMER_EDITOR);
  g_assert_nonnull (editor);

  gtk_editable_set_text (GTK_EDITABLE (CUSTOMER_ROW (editor, LUM_CUSTOMER_NAME)), "   ");
  gtk_editable_set_text (GTK_EDITABLE (CUSTOMER_ROW (editor, LUM_CUSTOMER_EMAIL)), "x");
  gtk_editable_set_text (GTK_EDITABLE (CUSTOMER_ROW (editor, LUM_CUSTOMER_PHONE)), "555 0100 555 0101 555 0102 555 0103 555 0104");
  gtk_editable_set_text (GTK_EDITABLE (CUSTOMER_ROW (editor, LUM_CUSTOMER_BILL_CITY)), "Seattle\x1b[2J");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  lum_ui_test_pump ();

  g_assert_true (lum_ui_test_find_toplevel (LUM_TYPE_CUSTOMER_EDITOR) == editor);
  g_assert_true (gtk_widget_has_css_class (CUSTOMER_ROW (editor, LUM_CUSTOMER_NAME), "error"));
  g_assert_true (gtk_widget_has_css_class (CUSTOMER_ROW (editor, LUM_CUSTOMER_EMAIL), "error"));
  g_assert_true (gtk_widget_has_css_class (CUSTOMER_ROW (editor, LUM_CUSTOMER_PHONE), "error"));
  g_assert_true (gtk_widget_has_css_class (CUSTOMER_ROW (editor, LUM_CUSTOMER_BILL_CITY), "error"));
  g_assert_false (gtk_widget_has_css_class (CUSTOMER_ROW (editor, LUM_CUSTOMER_COMPANY), "error"));
  g_assert_true (has_focus (CUSTOMER_ROW (editor, LUM_CUSTOMER_NAME)));
  g_assert_cmpuint (count_labels_containing (GTK_WIDGET (editor), "Name is empty"), ==, 1);
  g_assert_cmpuint (count_labels_containing (GTK_WIDGET (editor), "Email is not an address: “x”"), ==, 1);
  g_assert_cmpuint (count_labels_containing (GTK_WIDGET (editor), "Phone “555 0100"), ==, 1);
  g_assert_cmpuint (count_labels_containing (GTK_WIDGET (editor), "City “Seattle"), ==, 1);
  /* the row's words, not the column's nor a quoted nothing */
  g_assert_cmpuint (count_labels_containing (GTK_WIDGET (editor), "Customer name"), ==, 0);
  g_assert_cmpuint (count_labels_containing (GTK_WIDGET (editor), "bill_city"), ==, 0);
  g_assert_cmpuint (count_labels_containing (GTK_WIDGET (editor), "“”"), ==, 0);
  lum_ui_test_shot ("customer-editor-every-error");
  after = lum_test_dump_database (f->data.engine);
  g_assert_cmpstr (after, ==, before);

  /* Typing in a refused row takes its message away, the others stay. */
  gtk_editable_set_text (GTK_EDITABLE (CUSTOMER_ROW (editor, LUM_CUSTOMER_EMAIL)), "x@zephyr.example");
  g_assert_false (gtk_widget_has_css_class (CUSTOMER_ROW (editor, LUM_CUSTOMER_EMAIL), "error"));
  g_assert_true (gtk_widget_has_css_class (CUSTOMER_ROW (editor, LUM_CUSTOMER_NAME), "error"));
  gtk_window_destroy (GTK_WINDOW (editor));
  lum_ui_test_pump ();
}

/* The product editor as the customer editor: every refused value at once,
 * what does not parse and what the engine refuses, each said once. */
static void
test_product_every_error (Fixture       *f,
                          gconstpointer  unused)
{
  g_autofree char *before = lum_test_dump_database (f->data.engine);
  g_autofree char *after = NULL;
  LumProductEditor *editor;

  lum_window_show_page (f->window, "products");
  lum_ui_test_pump ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", NULL));
  lum_ui_test_pump ();
  editor = lum_ui_test_find_toplevel (LUM_TYPE_PRODUCT_EDITOR);
  g_assert_nonnull (editor);

#define PRODUCT_ROW(name) lum_ui_test_child (editor, LUM_TYPE_PRODUCT_EDITOR, name)
  gtk_editable_set_text (GTK_EDITABLE (PRODUCT_ROW ("sku_row")), "SKU Z9");
  gtk_editable_set_text (GTK_EDITABLE (PRODUCT_ROW ("name_row")), " ");
  gtk_editable_set_text (GTK_EDITABLE (PRODUCT_ROW ("price_row")), "three");
  gtk_editable_set_text (GTK_EDITABLE (PRODUCT_ROW ("weight_row")), "heavy");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  lum_ui_test_pump ();

  g_assert_true (lum_ui_test_find_toplevel (LUM_TYPE_PRODUCT_EDITOR) == editor);
  g_assert_true (gtk_widget_has_css_class (PRODUCT_ROW ("sku_row"), "error"));
  g_assert_true (gtk_widget_has_css_class (PRODUCT_ROW ("name_row"), "error"));
  g_assert_true (gtk_widget_has_css_class (PRODUCT_ROW ("price_row"), "error"));
  g_assert_true (gtk_widget_has_css_class (PRODUCT_ROW ("weight_row"), "error"));
  g_assert_true (has_focus (PRODUCT_ROW ("sku_row")));
  g_assert_cmpuint (count_labels_containing (GTK_WIDGET (editor), "SKU “SKU Z9” contains a space"), ==, 1);
  g_assert_cmpuint (count_labels_containing (GTK_WIDGET (editor), "Product name is empty"), ==, 1);
  g_assert_cmpuint (count_labels_containing (GTK_WIDGET (editor), "Unit price “three”"), ==, 1);
  g_assert_cmpuint (count_labels_containing (GTK_WIDGET (editor), "Weight “heavy”"), ==, 1);
  lum_ui_test_shot ("product-editor-every-error");
#undef PRODUCT_ROW
  after = lum_test_dump_database (f->data.engine);
  g_assert_cmpstr (after, ==, before);
  gtk_window_destroy (GTK_WINDOW (editor));
  lum_ui_test_pump ();
}

static void
test_customer_editor (Fixture       *f,
                      gconstpointer  unused)
{
  LumCustomerEditor *editor;
  AdwComboRow *terms;
  g_autoptr(LumCustomer) saved = NULL;
  GListModel *labels;

  lum_window_show_page (f->window, "customers");
  lum_ui_test_pump ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", NULL));
  lum_ui_test_pump ();
  editor = lum_ui_test_find_toplevel (LUM_TYPE_CUSTOMER_EDITOR);
  g_assert_nonnull (editor);

  /* A name already used: refused on the name row. */
  gtk_editable_set_text (GTK_EDITABLE (CUSTOMER_ROW (editor, LUM_CUSTOMER_NAME)), "acme corp");
  gtk_editable_set_text (GTK_EDITABLE (CUSTOMER_ROW (editor, LUM_CUSTOMER_EMAIL)), "hello@zephyr.example");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  lum_ui_test_pump ();
  g_assert_true (gtk_widget_has_css_class (CUSTOMER_ROW (editor, LUM_CUSTOMER_NAME), "error"));
  g_assert_false (gtk_widget_has_css_class (CUSTOMER_ROW (editor, LUM_CUSTOMER_EMAIL), "error"));

  /* A bad email: its row. */
  gtk_editable_set_text (GTK_EDITABLE (CUSTOMER_ROW (editor, LUM_CUSTOMER_NAME)), "Zephyr Ltd");
  g_assert_false (gtk_widget_has_css_class (CUSTOMER_ROW (editor, LUM_CUSTOMER_NAME), "error"));
  gtk_editable_set_text (GTK_EDITABLE (CUSTOMER_ROW (editor, LUM_CUSTOMER_EMAIL)), "hello at zephyr");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  lum_ui_test_pump ();
  g_assert_true (gtk_widget_has_css_class (CUSTOMER_ROW (editor, LUM_CUSTOMER_EMAIL), "error"));

  /* A terminal escape pasted into the city: refused on the city row. */
  gtk_editable_set_text (GTK_EDITABLE (CUSTOMER_ROW (editor, LUM_CUSTOMER_EMAIL)), "hello@zephyr.example");
  gtk_editable_set_text (GTK_EDITABLE (CUSTOMER_ROW (editor, LUM_CUSTOMER_BILL_CITY)), "Seattle\x1b[2J");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  lum_ui_test_pump ();
  g_assert_nonnull (lum_ui_test_find_toplevel (LUM_TYPE_CUSTOMER_EDITOR));
  g_assert_true (gtk_widget_has_css_class (CUSTOMER_ROW (editor, LUM_CUSTOMER_BILL_CITY), "error"));
  g_assert_false (gtk_widget_has_css_class (CUSTOMER_ROW (editor, LUM_CUSTOMER_EMAIL), "error"));
  g_assert_null (lum_engine_find_customer (f->data.engine, "Zephyr Ltd", NULL));

  gtk_editable_set_text (GTK_EDITABLE (CUSTOMER_ROW (editor, LUM_CUSTOMER_SALES_REP)), "Dana");
  gtk_editable_set_text (GTK_EDITABLE (CUSTOMER_ROW (editor, LUM_CUSTOMER_BILL_STREET1)), "9 Dock Road");
  gtk_editable_set_text (GTK_EDITABLE (CUSTOMER_ROW (editor, LUM_CUSTOMER_BILL_CITY)), "Seattle");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.copy-billing", NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (CUSTOMER_ROW (editor, LUM_CUSTOMER_SHIP_CITY))), ==, "Seattle");
  terms = lum_customer_editor_get_terms_row (editor);
  labels = adw_combo_row_get_model (terms);
  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      g_autoptr(GtkStringObject) label = g_list_model_get_item (labels, i);
      if (g_str_equal (gtk_string_object_get_string (label), "Net 60"))
        adw_combo_row_set_selected (terms, i);
    }
  lum_ui_test_shot ("docs-customer-editor");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  lum_ui_test_pump ();
  g_assert_null (lum_ui_test_find_toplevel (LUM_TYPE_CUSTOMER_EDITOR));

  saved = lum_engine_find_customer (f->data.engine, "Zephyr Ltd", NULL);
  g_assert_nonnull (saved);
  g_assert_cmpint (lum_customer_get_terms_days (saved), ==, 60);
  g_assert_cmpstr (lum_customer_get_text (saved, LUM_CUSTOMER_SALES_REP), ==, "Dana");
  g_assert_cmpstr (lum_customer_get_text (saved, LUM_CUSTOMER_SHIP_STREET1), ==, "9 Dock Road");
  g_assert_true (page_lists (f, "customers", "Zephyr Ltd"));
}

static void
test_product_editor (Fixture       *f,
                     gconstpointer  unused)
{
  LumProductEditor *editor;
  g_autoptr(LumProduct) saved = NULL;
  g_autofree char *before = lum_test_dump_database (f->data.engine);
  g_autofree char *after = NULL;

  lum_window_show_page (f->window, "products");
  lum_ui_test_pump ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", NULL));
  lum_ui_test_pump ();
  editor = lum_ui_test_find_toplevel (LUM_TYPE_PRODUCT_EDITOR);
  g_assert_nonnull (editor);

  gtk_editable_set_text (GTK_EDITABLE (lum_ui_test_child (editor, LUM_TYPE_PRODUCT_EDITOR, "sku_row")), "SKU-Z9");
  gtk_editable_set_text (GTK_EDITABLE (lum_ui_test_child (editor, LUM_TYPE_PRODUCT_EDITOR, "name_row")), "Zither");
  gtk_editable_set_text (GTK_EDITABLE (lum_ui_test_child (editor, LUM_TYPE_PRODUCT_EDITOR, "price_row")), "three");
  gtk_editable_set_text (GTK_EDITABLE (lum_ui_test_child (editor, LUM_TYPE_PRODUCT_EDITOR, "weight_row")), "2.5");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  lum_ui_test_pump ();
  g_assert_true (gtk_widget_has_css_class (lum_ui_test_child (editor, LUM_TYPE_PRODUCT_EDITOR, "price_row"), "error"));
  after = lum_test_dump_database (f->data.engine);
  g_assert_cmpstr (after, ==, before);

  gtk_editable_set_text (GTK_EDITABLE (lum_ui_test_child (editor, LUM_TYPE_PRODUCT_EDITOR, "price_row")), "$1,203.99");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  lum_ui_test_pump ();
  saved = lum_engine_find_product (f->data.engine, "SKU-Z9", NULL);
  g_assert_nonnull (saved);
  g_assert_cmpint (lum_product_get_unit_price_cents (saved), ==, 120399);
  g_assert_cmpfloat (lum_product_get_weight_oz (saved), ==, 2.5);
  g_assert_true (page_lists (f, "products", "SKU-Z9"));
}

int
main (int   argc,
      char *argv[])
{
  lum_ui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ui/import/customers-one-bad-row", test_import_customers);
  ADD ("/ui/import/unknown-column", test_import_refused);
  ADD ("/ui/import/products", test_import_products);
  ADD ("/ui/customers/editor", test_customer_editor);
  ADD ("/ui/products/editor", test_product_editor);
  ADD ("/ui/customers/every-error-at-once", test_customer_every_error);
  ADD ("/ui/products/every-error-at-once", test_product_every_error);

  return g_test_run ();
}

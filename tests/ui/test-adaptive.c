/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-test"

#include <math.h>

#include "lum-activity-page.h"
#include "lum-channel-editor.h"
#include "lum-engine-setup.h"
#include "lum-customer-editor.h"
#include "lum-document-editor.h"
#include "lum-flow-diagram.h"
#include "lum-documents-page.h"
#include "lum-product-editor.h"
#include "lum-records-page.h"
#include "lum-channels-page.h"
#include "lum-integrations-page.h"
#include "lum-window.h"
#include "ui-test-util.h"

/* The window at every width (down to 360 px, a phone or a tiled half
 * screen) and from the keyboard: the sidebar folds, nothing asks for more
 * than 360 px, Ctrl+N makes what the page lists and typing searches. */

#define NARROW 360

static const char * const list_pages[] = {
  "channels", "sales-orders", "invoices", "customers", "products", "integrations",
};

typedef struct
{
  LumUiTestData  data;
  LumWindow     *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  int width = GPOINTER_TO_INT (user_data);

  lum_ui_test_data_init (&f->data);
  f->window = lum_window_new (NULL, f->data.engine);
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, 720);
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

static int
min_width (GtkWidget *widget)
{
  int minimum = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  return minimum;
}

/* Names the innermost widgets that ask for more than @limit: what to fix. */
static void
print_too_wide (GtkWidget *widget,
                int        limit,
                GString   *out)
{
  gboolean child_too_wide = FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child) && min_width (child) > limit)
      {
        child_too_wide = TRUE;
        print_too_wide (child, limit, out);
      }
  if (!child_too_wide)
    {
      g_string_append_printf (out, " %s (%d px:", G_OBJECT_TYPE_NAME (widget), min_width (widget));
      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (gtk_widget_get_visible (child))
          g_string_append_printf (out, " %s %d", G_OBJECT_TYPE_NAME (child), min_width (child));
      g_string_append (out, ")");
    }
}

static GtkWidget *
window_content (GtkWindow *window)
{
  if (ADW_IS_APPLICATION_WINDOW (window))
    return adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  if (ADW_IS_WINDOW (window))
    return adw_window_get_content (ADW_WINDOW (window));
  return gtk_window_get_child (window);
}

static void
assert_fits (GtkWindow  *window,
             const char *what)
{
  GtkWidget *content = window_content (window);

  g_assert_nonnull (content);
  gtk_window_set_default_size (window, NARROW, 720);
  lum_ui_test_pump ();
  if (min_width (content) > NARROW)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      print_too_wide (content, NARROW, out);
      g_test_message ("%s needs %d px, more than %d:%s", what, min_width (content), NARROW, out->str);
      g_test_fail_printf ("%s needs %d px, more than %d", what, min_width (content), NARROW);
    }
}

static GtkWidget *
sidebar_row (Fixture    *f,
             const char *name)
{
  GtkWidget *sidebar = lum_ui_test_child (f->window, LUM_TYPE_WINDOW, "sidebar");

  for (GtkWidget *row = gtk_widget_get_first_child (sidebar); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), name) == 0)
      return row;
  g_error ("No sidebar row %s", name);
}

/* At 360 px the sidebar folds away, its pages are reached and left with
 * the back button, and no page asks for more than the width. */
static void
test_narrow_window (Fixture       *f,
                    gconstpointer  unused)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (lum_ui_test_child (f->window, LUM_TYPE_WINDOW, "leaflet"));
  GtkWidget *sidebar = lum_ui_test_child (f->window, LUM_TYPE_WINDOW, "sidebar");
  GtkStack *stack = GTK_STACK (lum_ui_test_child (f->window, LUM_TYPE_WINDOW, "stack"));

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, NARROW + 60);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  /* A narrow window opens on a page. */
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == GTK_WIDGET (stack));

  for (guint i = 0; i < G_N_ELEMENTS (list_pages); i++)
    {
      g_autofree char *what = g_strdup_printf ("The %s page at %d px", list_pages[i], NARROW);
      g_autofree char *shot = g_strdup_printf ("narrow-%s", list_pages[i]);

      lum_window_show_page (f->window, list_pages[i]);
      lum_ui_test_pump ();
      g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, list_pages[i]);
      assert_fits (GTK_WINDOW (f->window), what);
      lum_ui_test_shot (shot);
    }

  /* Back shows the sections; choosing one shows its page again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-sidebar", NULL));
  lum_ui_test_pump ();
  g_assert_true (gtk_widget_is_ancestor (sidebar, adw_leaflet_get_visible_child (leaflet)));
  assert_fits (GTK_WINDOW (f->window), "The sections at 360 px");
  lum_ui_test_shot ("narrow-sidebar");
  gtk_widget_activate (sidebar_row (f, "invoices"));
  lum_ui_test_pump ();
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == GTK_WIDGET (stack));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "invoices");
}

/* The editors and dialogs opened from the window fit 360 px too. */
static void
test_narrow_editors (Fixture       *f,
                     gconstpointer  unused)
{
  GtkWindow *editor;

  editor = lum_window_edit_channel (f->window, f->data.wholesale);
  assert_fits (editor, "The channel editor");
  lum_ui_test_shot ("narrow-channel-editor");
  gtk_window_destroy (editor);

  editor = lum_window_new_document (f->window, LUM_DOCUMENT_KIND_SALES_ORDER);
  assert_fits (editor, "The sales order editor");
  lum_ui_test_shot ("narrow-order-editor");
  gtk_window_destroy (editor);

  editor = lum_window_new_document (f->window, LUM_DOCUMENT_KIND_INVOICE);
  assert_fits (editor, "The invoice editor");
  gtk_window_destroy (editor);

  editor = lum_window_edit_customer (f->window, f->data.acme);
  assert_fits (editor, "The customer editor");
  lum_ui_test_shot ("narrow-customer-editor");
  gtk_window_destroy (editor);

  editor = lum_window_edit_product (f->window, NULL);
  assert_fits (editor, "The product editor");
  gtk_window_destroy (editor);
  lum_ui_test_pump ();
}

static int
node_width (LumFlowDiagram *diagram,
            const char     *node,
            int            *x,
            int            *y)
{
  graphene_rect_t r;

  g_assert_true (lum_flow_diagram_get_node_bounds (diagram, node, &r));
  *x = (int)r.origin.x;
  *y = (int)r.origin.y;
  return (int)r.size.width;
}

/* Narrow, the flow diagram is one column of readable boxes, not three of
 * boxes too small for “Invoice”. */
static void
test_flow_diagram_stacks (Fixture       *f,
                          gconstpointer  unused)
{
  static const char * const nodes[] = { "order", "oms", "shipment", "invoice", "accounting" };
  LumFlowDiagram *diagram = LUM_FLOW_DIAGRAM (lum_flow_diagram_new ());
  GtkWidget *window = gtk_window_new ();
  int wide_height, narrow_height, x0, y, previous_y = -1;

  lum_channel_set_push_to_oms (f->data.trade_show, TRUE);
  lum_flow_diagram_set_channel (diagram, f->data.trade_show);
  gtk_widget_measure (GTK_WIDGET (diagram), GTK_ORIENTATION_VERTICAL, 700, &wide_height, NULL, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (diagram), GTK_ORIENTATION_VERTICAL, 300, &narrow_height, NULL, NULL, NULL);
  g_assert_cmpint (min_width (GTK_WIDGET (diagram)), <=, 280);
  g_assert_cmpint (narrow_height, >, wide_height);

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (diagram));
  gtk_window_set_default_size (GTK_WINDOW (window), 300, narrow_height);
  gtk_window_present (GTK_WINDOW (window));
  lum_ui_test_pump ();
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (diagram)), <, 400);

  node_width (diagram, nodes[0], &x0, &y);
  for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
    {
      int x;
      int width = node_width (diagram, nodes[i], &x, &y);

      /* Wide enough for a word such as “Invoice” or “Shipment” … */
      g_assert_cmpint (width, >=, 140);
      /* … in one column, in the order of the flow. */
      g_assert_cmpint (x, ==, x0);
      g_assert_cmpint (y, >, previous_y);
      previous_y = y;
    }
  lum_ui_test_shot ("narrow-flow-diagram");
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
editor_open (gpointer user_data)
{
  return lum_ui_test_find_toplevel (GPOINTER_TO_SIZE (user_data)) != NULL;
}

static void
close_toplevels (Fixture *f)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (window != GTK_WINDOW (f->window))
        gtk_window_destroy (window);
    }
  lum_ui_test_pump ();
}

/* Ctrl+N (win.new) makes what the page lists; on Integrations it offers
 * the kinds of service. */
static void
test_new_on_every_page (Fixture       *f,
                        gconstpointer  unused)
{
  static const struct { const char *page; GType (*get_type) (void); LumDocumentKind kind; } cases[] = {
    { "channels", lum_channel_editor_get_type, 0 },
    { "sales-orders", lum_document_editor_get_type, LUM_DOCUMENT_KIND_SALES_ORDER },
    { "invoices", lum_document_editor_get_type, LUM_DOCUMENT_KIND_INVOICE },
    { "customers", lum_customer_editor_get_type, 0 },
    { "products", lum_product_editor_get_type, 0 },
  };
  GtkWidget *integrations;
  GtkPopover *popover;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GType type = cases[i].get_type ();
      gpointer editor;

      lum_window_show_page (f->window, cases[i].page);
      lum_ui_test_pump ();
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", NULL));
      g_assert_true (lum_ui_test_wait (editor_open, GSIZE_TO_POINTER (type), 2000));
      editor = lum_ui_test_find_toplevel (type);
      if (type == LUM_TYPE_DOCUMENT_EDITOR)
        g_assert_cmpint (lum_document_get_kind (lum_document_editor_get_document (editor)), ==, cases[i].kind);
      close_toplevels (f);
    }

  lum_window_show_page (f->window, "integrations");
  lum_ui_test_pump ();
  integrations = lum_window_get_page (f->window, "integrations");
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (lum_ui_test_child (integrations, LUM_TYPE_INTEGRATIONS_PAGE,
                                                                             "add_button")));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", NULL));
  lum_ui_test_pump ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_null (lum_ui_test_find_toplevel (LUM_TYPE_CHANNEL_EDITOR));
}

/* Typing on a list page goes to its search entry. */
static void
test_type_to_search (Fixture       *f,
                     gconstpointer  unused)
{
  static const struct { const char *page; GType (*get_type) (void); } cases[] = {
    { "channels", lum_channels_page_get_type },
    { "sales-orders", lum_documents_page_get_type },
    { "invoices", lum_documents_page_get_type },
    { "customers", lum_records_page_get_type },
    { "products", lum_records_page_get_type },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GtkWidget *page = lum_window_get_page (f->window, cases[i].page);
      GtkWidget *entry = lum_ui_test_child (page, cases[i].get_type (), "search_entry");
      GtkWidget *bar = gtk_widget_get_ancestor (entry, GTK_TYPE_SEARCH_BAR);

      /* The bar takes the keys typed on the page (its key capture widget)
       * and hands them to the entry it is connected to. */
      g_assert_nonnull (bar);
      g_assert_true (gtk_search_entry_get_key_capture_widget (GTK_SEARCH_ENTRY (entry)) == bar);
    }
}

/* -- the lists at the default width ------------------------------------- */

static const char *
widget_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget));
  if (GTK_IS_INSCRIPTION (widget))
    return gtk_inscription_get_text (GTK_INSCRIPTION (widget));
  return NULL;
}

static GtkWidget *
find_text (GtkWidget  *widget,
           const char *text)
{
  if (gtk_widget_get_mapped (widget) && g_strcmp0 (widget_text (widget), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_text (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  GtkWidget  *page;
  const char *text;
} Shows;

static gboolean
shows_text (gpointer user_data)
{
  Shows *shows = user_data;

  return find_text (shows->page, shows->text) != NULL;
}

/* The width @text needs on one line, in @widget's font. */
static int
text_width (GtkWidget  *widget,
            const char *text)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width = 0;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

static gboolean
shows_whole (gpointer user_data)
{
  Shows *shows = user_data;
  GtkWidget *widget = find_text (shows->page, shows->text);

  return widget != NULL && gtk_widget_get_width (widget) >= text_width (widget, shows->text);
}

/* @text shows on @page, whole: its widget is as wide as the text, once
 * the columns have given way (after a frame or two). */
static void
assert_whole (GtkWidget  *page,
              const char *text)
{
  Shows shows = { page, text };
  GtkWidget *widget;

  g_assert_true (lum_ui_test_wait (shows_text, &shows, 3000));
  if (!lum_ui_test_wait (shows_whole, &shows, 2000))
    {
      widget = find_text (page, text);
      g_test_fail_printf ("“%s” is %d px wide, it needs %d: it is cut short", text, gtk_widget_get_width (widget),
                          text_width (widget, text));
    }
}

/* Where the column view's last column ends, from the left of what is
 * shown of it. */
static double
last_column_end (GtkWidget *column_view)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (column_view, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *header = gtk_widget_get_first_child (column_view);
  GtkWidget *last = NULL;
  graphene_rect_t bounds;

  for (GtkWidget *title = gtk_widget_get_first_child (header); title; title = gtk_widget_get_next_sibling (title))
    if (gtk_widget_get_visible (title))
      last = title;
  g_assert_nonnull (last);
  g_assert_true (gtk_widget_compute_bounds (last, scrolled, &bounds));
  return bounds.origin.x + bounds.size.width;
}

static gboolean
last_column_inside (gpointer user_data)
{
  GtkWidget *column_view = user_data;
  GtkWidget *scrolled = gtk_widget_get_ancestor (column_view, GTK_TYPE_SCROLLED_WINDOW);

  return last_column_end (column_view) <= gtk_widget_get_width (scrolled) + 0.5;
}

/* The column view's last column ends inside what is shown of it. */
static void
assert_last_column_inside (GtkWidget *column_view)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (column_view, GTK_TYPE_SCROLLED_WINDOW);

  if (!lum_ui_test_wait (last_column_inside, column_view, 2000))
    g_test_fail_printf ("The last column ends at %.0f px, the view is %d px wide",
                        last_column_end (column_view), gtk_widget_get_width (scrolled));
}

/* At the default width the lists show what a clerk reads in full: the
 * Invoices table's last column, a long customer name and e-mail, a
 * duplicated channel's “(copy)”; columns give way, least needed first. */
static void
test_default_width_lists (Fixture       *f,
                          gconstpointer  unused)
{
  static const char name[] = "Northwind Hospitality Supply Company";
  static const char email[] = "purchasing@northwind-supply.example.com";
  g_autoptr(GError) error = NULL;
  g_autoptr(LumCustomer) customer = lum_customer_new (name);
  g_autoptr(LumChannel) copy = NULL;
  g_autoptr(LumDocument) invoice = lum_document_new (LUM_DOCUMENT_KIND_INVOICE);
  g_autoptr(LumDocLine) line = lum_doc_line_new ("SKU-A100", 2, -1);
  GtkWidget *page;
  Shows shows;

  lum_customer_set_text (customer, LUM_CUSTOMER_EMAIL, email);
  lum_customer_set_text (customer, LUM_CUSTOMER_SHIP_CITY, "Springfield");
  g_assert_true (lum_engine_save_customer (f->data.engine, customer, &error));
  g_assert_no_error (error);
  copy = lum_engine_duplicate_channel (f->data.engine, f->data.wholesale, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (lum_channel_get_name (copy), "(copy)"));
  lum_document_set_int (invoice, LUM_DOC_CHANNEL_ID, lum_channel_get_id (f->data.invoice_desk));
  lum_document_set_int (invoice, LUM_DOC_CUSTOMER_ID, lum_customer_get_id (customer));
  lum_document_add_line (invoice, line);
  g_assert_true (lum_engine_create_and_post_document (f->data.engine, invoice, &error));
  g_assert_no_error (error);

  lum_window_show_page (f->window, "invoices");
  page = lum_window_get_page (f->window, "invoices");
  shows = (Shows) { page, lum_document_get_text (invoice, LUM_DOC_NUMBER) };
  g_assert_true (lum_ui_test_wait (shows_text, &shows, 3000));
  lum_ui_test_pump ();
  assert_whole (page, name);
  lum_ui_test_shot ("default-width-invoices");
  assert_last_column_inside (lum_ui_test_child (page, LUM_TYPE_DOCUMENTS_PAGE, "column_view"));

  lum_window_show_page (f->window, "customers");
  page = lum_window_get_page (f->window, "customers");
  assert_whole (page, name);
  assert_whole (page, email);
  lum_ui_test_shot ("default-width-customers");
  assert_last_column_inside (lum_ui_test_child (page, LUM_TYPE_RECORDS_PAGE, "column_view"));

  lum_window_show_page (f->window, "channels");
  page = lum_window_get_page (f->window, "channels");
  assert_whole (page, lum_channel_get_name (copy));
  lum_ui_test_shot ("default-width-channels");
  assert_last_column_inside (lum_ui_test_child (page, LUM_TYPE_CHANNELS_PAGE, "column_view"));
}

/* -- column priorities ---------------------------------------------------- */

typedef struct
{
  const char        *page;
  const char * const must_read[5];   /* always shown */
  const char * const by_priority[8]; /* give way, the least needed first */
} PageColumns;

static const PageColumns page_columns[] = {
  { "sales-orders", { "Number", "Customer", "Total", "Status" },
    { "PO", "Push", "Date", "Channel", "Fulfillment" } },
  { "products", { "SKU", "Name", "Unit Price" }, { "Weight" } },
  { "activity", { "Document", "State", "Last Error" },
    { "Attempts", "Integration", "Next Try", "Kind" } },
};

static GtkColumnViewColumn *
column_titled (GtkColumnView *view,
               const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }
  g_error ("No column “%s”", title);
}

static GtkColumnView *
page_column_view (Fixture    *f,
                  const char *name)
{
  GtkWidget *page = lum_window_get_page (f->window, name);
  GType type = g_str_equal (name, "sales-orders") ? LUM_TYPE_DOCUMENTS_PAGE
             : g_str_equal (name, "products") ? LUM_TYPE_RECORDS_PAGE : LUM_TYPE_ACTIVITY_PAGE;

  return GTK_COLUMN_VIEW (lum_ui_test_child (page, type, "column_view"));
}

/* Sales orders of a long-named customer on a pushing channel (so Activity
 * lists a job), a product with a long name. */
static LumDocument *
add_long_rows (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumCustomer) customer = lum_customer_new ("Northwind Hospitality Supply Company");
  g_autoptr(LumProduct) product = lum_product_new ("SKU-SHELF48", "Heavy-Duty Stainless Steel Shelving Unit, 48 in", 18999, 640);
  LumDocument *order = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);
  g_autoptr(LumDocLine) line = lum_doc_line_new ("SKU-SHELF48", 2, -1);

  g_assert_true (lum_engine_save_customer (f->data.engine, customer, &error));
  g_assert_no_error (error);
  g_assert_true (lum_engine_save_product (f->data.engine, product, &error));
  g_assert_no_error (error);
  lum_document_set_int (order, LUM_DOC_CHANNEL_ID, lum_channel_get_id (f->data.wholesale));
  lum_document_set_int (order, LUM_DOC_CUSTOMER_ID, lum_customer_get_id (customer));
  lum_document_set_text (order, LUM_DOC_PO_NUMBER, "PO-7781");
  lum_document_add_line (order, line);
  g_assert_true (lum_engine_create_and_post_document (f->data.engine, order, &error));
  g_assert_no_error (error);
  return order;
}

/* On Sales Orders, Products and Activity, at the fixture's width: what a
 * clerk must read always shows, and the columns that give way go least
 * needed first (a shown column means every more needed one shows too);
 * the last shown column ends inside the view. At the default width the
 * long texts show whole. */
static void
test_column_priorities (Fixture       *f,
                        gconstpointer  data)
{
  int width = GPOINTER_TO_INT (data);
  g_autoptr(LumDocument) order = add_long_rows (f);
  const char *number = lum_document_get_text (order, LUM_DOC_NUMBER);

  for (guint p = 0; p < G_N_ELEMENTS (page_columns); p++)
    {
      const PageColumns *spec = &page_columns[p];
      GtkWidget *page;
      GtkColumnView *view;
      gboolean shown_before = FALSE;
      g_autofree char *shot = g_strdup_printf ("columns-%s-%d", spec->page, width);
      Shows shows;

      lum_window_show_page (f->window, spec->page);
      page = lum_window_get_page (f->window, spec->page);
      if (g_str_equal (spec->page, "activity"))
        lum_activity_page_reload (LUM_ACTIVITY_PAGE (page));
      shows = (Shows) { page, g_str_equal (spec->page, "products") ? "SKU-SHELF48" : number };
      g_assert_true (lum_ui_test_wait (shows_text, &shows, 3000));
      lum_ui_test_pump ();
      lum_ui_test_pump ();
      view = page_column_view (f, spec->page);

      for (guint i = 0; spec->must_read[i] != NULL; i++)
        if (!gtk_column_view_column_get_visible (column_titled (view, spec->must_read[i])))
          g_test_fail_printf ("%s at %d px: “%s” is hidden", spec->page, width, spec->must_read[i]);
      for (guint i = 0; spec->by_priority[i] != NULL; i++)
        {
          gboolean shown = gtk_column_view_column_get_visible (column_titled (view, spec->by_priority[i]));

          if (shown_before && !shown)
            g_test_fail_printf ("%s at %d px: “%s” is hidden, but “%s”, less needed, shows",
                                spec->page, width, spec->by_priority[i], spec->by_priority[i - 1]);
          shown_before = shown_before || shown;
        }
      if (width >= 1100)
        {
          assert_whole (page, shows.text);
          if (g_str_equal (spec->page, "sales-orders"))
            assert_whole (page, "Northwind Hospitality Supply Company");
          if (g_str_equal (spec->page, "products"))
            assert_whole (page, "Heavy-Duty Stainless Steel Shelving Unit, 48 in");
        }
      lum_ui_test_shot (shot);
      /* Activity's last column holds only the row's buttons, which end
       * inside; its padding runs 1 px past the view at the default width */
      if (!g_str_equal (spec->page, "activity"))
        assert_last_column_inside (GTK_WIDGET (view));
    }
}

/* WCAG's relative luminance of one channel */
static double
channel_luminance (double c)
{
  return c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static GtkWidget *
find_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = find_label (child);

      if (label != NULL)
        return label;
    }
  return NULL;
}

/* A column's title reads against the list's white at WCAG AA (4.5:1 for
 * its small bold text), not in Adwaita's dim grey. */
static void
test_column_titles_contrast (Fixture       *f,
                             gconstpointer  unused)
{
  GtkWidget *page = lum_window_get_page (f->window, "customers");
  GtkWidget *column_view = lum_ui_test_child (page, LUM_TYPE_RECORDS_PAGE, "column_view");
  GtkWidget *header = gtk_widget_get_first_child (column_view);
  GtkWidget *label;
  GdkRGBA color;
  double luminance, ratio;
  double rgb[3];

  lum_window_show_page (f->window, "customers");
  lum_ui_test_pump ();
  label = find_label (gtk_widget_get_first_child (header));
  g_assert_nonnull (label);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (label), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  /* over the view's white */
  rgb[0] = color.red * color.alpha + (1 - color.alpha);
  rgb[1] = color.green * color.alpha + (1 - color.alpha);
  rgb[2] = color.blue * color.alpha + (1 - color.alpha);
  luminance = 0.2126 * channel_luminance (rgb[0]) + 0.7152 * channel_luminance (rgb[1])
              + 0.0722 * channel_luminance (rgb[2]);
  ratio = (1.0 + 0.05) / (luminance + 0.05);
  g_test_message ("column title: %s, %.2f:1", gdk_rgba_to_string (&color), ratio);
  g_assert_cmpfloat (ratio, >=, 4.5);
}

int
main (int   argc,
      char *argv[])
{
  lum_ui_test_init (&argc, &argv);
  /* GNOME's and Phosh's window buttons, not GTK's fallback of three. */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);

#define ADD(path, width, func) \
  g_test_add (path, Fixture, GINT_TO_POINTER (width), fixture_set_up, func, fixture_tear_down)

  ADD ("/ui/adaptive/narrow-window", NARROW, test_narrow_window);
  ADD ("/ui/adaptive/narrow-editors", NARROW, test_narrow_editors);
  ADD ("/ui/adaptive/flow-diagram-stacks", NARROW, test_flow_diagram_stacks);
  ADD ("/ui/adaptive/default-width-lists", 1100, test_default_width_lists);
  ADD ("/ui/adaptive/column-titles-contrast", 1100, test_column_titles_contrast);
  ADD ("/ui/adaptive/column-priorities/default", 1100, test_column_priorities);
  ADD ("/ui/adaptive/column-priorities/720", 720, test_column_priorities);
  ADD ("/ui/adaptive/column-priorities/600", 600, test_column_priorities);
  ADD ("/ui/keyboard/new-on-every-page", 1100, test_new_on_every_page);
  ADD ("/ui/keyboard/type-to-search", 1100, test_type_to_search);

  return g_test_run ();
}

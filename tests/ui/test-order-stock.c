/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-test"

#include "lum-customer-chooser.h"
#include "lum-document-editor.h"
#include "lum-engine-setup.h"
#include "lum-engine-stock.h"
#include "lum-engine-warehouses.h"
#include "lum-line-row.h"
#include "lum-window.h"
#include "ui-test-util.h"

/* The order editor shows, under each line, what the channel's OMS last
 * reported available in the channel's warehouse group (its warehouses
 * linked for that OMS) and when, warns when the quantity exceeds it, and
 * asks before posting such a line; an OMS without an inventory API
 * (ShipStation V1) says so instead of a zero. */

typedef struct
{
  LumUiTestData  data;
  LumWindow     *window;
  gint64         v2_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  unused)
{
  g_autoptr(LumIntegration) v2 = lum_integration_new (LUM_INTEGRATION_KIND_SHIPSTATION_V2, "ShipStation V2");
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(GPtrArray) levels = g_ptr_array_new_with_free_func ((GDestroyNotify)lum_stock_level_free);
  g_autoptr(GError) error = NULL;

  lum_ui_test_data_init (&f->data);
  g_assert_true (lum_engine_save_integration (f->data.engine, v2, &error));
  g_assert_no_error (error);
  f->v2_id = lum_integration_get_id (v2);
  channel = lum_engine_new_channel (f->data.engine, &error);
  lum_channel_set_name (channel, "Warehouse Direct");
  lum_channel_set_internal (channel, TRUE);
  lum_channel_set_order_flow (channel, LUM_ORDER_FLOW_SO_FIRST);
  lum_channel_set_invoice_timing (channel, LUM_INVOICE_TIMING_SHIPMENT_CREATED);
  lum_channel_set_push_to_oms (channel, TRUE);
  lum_channel_set_oms_integration_id (channel, f->v2_id);
  lum_channel_set_oms_store_id (channel, "1001");
  lum_channel_set_push_delay_minutes (channel, 15);
  g_assert_true (lum_engine_save_channel (f->data.engine, channel, &error));
  g_assert_no_error (error);

  /* the group's two warehouses, linked to the OMS's se-east and se-west */
  {
    g_autoptr(LumWarehouse) west = lum_engine_add_warehouse (f->data.engine, "WEST", "West", &error);
    g_autoptr(LumWarehouseGroup) group = lum_engine_find_warehouse_group (f->data.engine, "Default Warehouse Group",
                                                                          &error);
    const char *codes[] = { "MAIN", "WEST", NULL };

    g_assert_no_error (error);
    g_assert_true (lum_engine_set_group_warehouses (f->data.engine, lum_warehouse_group_get_id (group), codes,
                                                    &error));
    g_assert_true (lum_engine_link_warehouse (f->data.engine, "MAIN", v2, "se-east", "East", &error));
    g_assert_true (lum_engine_link_warehouse (f->data.engine, "WEST", v2, "se-west", "West", &error));
    g_assert_no_error (error);
  }

  /* SKU-A100: 3 in one warehouse, 2 in another, 100 in one the group does
   * not link */
  g_ptr_array_add (levels, lum_stock_level_new ("se-east", "SKU-A100", 3));
  g_ptr_array_add (levels, lum_stock_level_new ("se-west", "SKU-A100", 2));
  g_ptr_array_add (levels, lum_stock_level_new ("se-far", "SKU-A100", 100));
  g_assert_true (lum_engine_replace_stock (f->data.engine, f->v2_id, NULL, levels, &error));
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
  lum_ui_test_data_clear (&f->data);
}

#define EDITOR_CHILD(editor, name) lum_ui_test_child (editor, LUM_TYPE_DOCUMENT_EDITOR, name)
#define ROW_CHILD(row, name) lum_ui_test_child (row, LUM_TYPE_LINE_ROW, name)

static LumDocumentEditor *
open_new_order (Fixture *f)
{
  lum_window_show_page (f->window, "sales-orders");
  lum_ui_test_pump ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", NULL));
  lum_ui_test_pump ();
  return lum_ui_test_find_toplevel (LUM_TYPE_DOCUMENT_EDITOR);
}

static void
choose_channel (LumDocumentEditor *editor,
                const char        *name)
{
  AdwComboRow *row = ADW_COMBO_ROW (EDITOR_CHILD (editor, "channel_row"));
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LumChannel) channel = g_list_model_get_item (model, i);

      if (g_str_equal (lum_channel_get_name (channel), name))
        {
          adw_combo_row_set_selected (row, i);
          lum_ui_test_pump ();
          return;
        }
    }
  g_error ("No channel “%s” offered", name);
}

static LumLineRow *
line_row (LumDocumentEditor *editor,
          int                index)
{
  return LUM_LINE_ROW (gtk_list_box_get_row_at_index (GTK_LIST_BOX (EDITOR_CHILD (editor, "lines_list")), index));
}

static void
set_line (LumDocumentEditor *editor,
          int                index,
          const char        *sku,
          int                quantity)
{
  LumLineRow *row = line_row (editor, index);

  gtk_editable_set_text (GTK_EDITABLE (ROW_CHILD (row, "sku_entry")), sku);
  lum_ui_test_pump ();
  gtk_popover_popdown (GTK_POPOVER (lum_line_row_get_popover (row)));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (ROW_CHILD (row, "quantity_spin")), quantity);
  lum_ui_test_pump ();
}

static void
choose_acme (LumDocumentEditor *editor)
{
  LumCustomerChooser *chooser = LUM_CUSTOMER_CHOOSER (EDITOR_CHILD (editor, "customer_row"));

  gtk_editable_set_text (GTK_EDITABLE (chooser), "Acme");
  lum_ui_test_pump ();
  lum_suggestion_popover_choose (lum_customer_chooser_get_popover (chooser), 0);
  lum_ui_test_pump ();
}

static guint
count_orders (Fixture *f)
{
  return (guint)lum_test_count_rows (f->data.engine, "sales_order");
}

static void
test_stock_on_lines (Fixture       *f,
                     gconstpointer  unused)
{
  LumDocumentEditor *editor = open_new_order (f);
  GtkWidget *label;
  AdwMessageDialog *dialog;
  const char *text;

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *)&editor);
  choose_channel (editor, "Warehouse Direct");
  choose_acme (editor);

  /* summed over the group's linked warehouses, with the time read */
  set_line (editor, 0, "SKU-A100", 2);
  label = ROW_CHILD (line_row (editor, 0), "stock_label");
  text = lum_line_row_get_stock_text (line_row (editor, 0));
  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, "5 available (read "));
  g_assert_false (gtk_widget_has_css_class (label, "warning"));
  g_assert_false (lum_line_row_get_shortfall (line_row (editor, 0), NULL));

  /* read whole, and not listed: none, so one is too many */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-line", NULL));
  lum_ui_test_pump ();
  set_line (editor, 1, "SKU-B100", 1);
  g_assert_true (g_str_has_prefix (lum_line_row_get_stock_text (line_row (editor, 1)), "Only 0 available (read "));

  /* more than there is: a warning on the line */
  set_line (editor, 0, "SKU-A100", 8);
  text = lum_line_row_get_stock_text (line_row (editor, 0));
  g_assert_true (g_str_has_prefix (text, "Only 5 available (read "));
  g_assert_true (gtk_widget_has_css_class (label, "warning"));
  lum_ui_test_shot ("order-editor-stock-warning");

  /* Post asks first; Cancel keeps the draft in the editor */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.post", NULL));
  lum_ui_test_pump ();
  dialog = lum_ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "SKU-A100: 8 ordered, 5 available"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "SKU-B100: 1 ordered, 0 available"));
  lum_ui_test_shot ("order-editor-stock-confirm");
  adw_message_dialog_response (dialog, "cancel");
  lum_ui_test_pump ();
  g_assert_nonnull (editor);
  g_assert_cmpuint (count_orders (f), ==, 0);

  /* … and Post Anyway posts */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.post", NULL));
  lum_ui_test_pump ();
  dialog = lum_ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "post");
  lum_ui_test_pump ();
  g_assert_null (editor);
  g_assert_cmpuint (count_orders (f), ==, 1);
}

static void
test_within_stock_posts_at_once (Fixture       *f,
                                 gconstpointer  unused)
{
  LumDocumentEditor *editor = open_new_order (f);

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *)&editor);
  choose_channel (editor, "Warehouse Direct");
  choose_acme (editor);
  set_line (editor, 0, "SKU-A100", 5);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.post", NULL));
  lum_ui_test_pump ();
  g_assert_null (lum_ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_null (editor);
  g_assert_cmpuint (count_orders (f), ==, 1);
}

static void
test_v1_not_reported (Fixture       *f,
                      gconstpointer  unused)
{
  LumDocumentEditor *editor = open_new_order (f);

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *)&editor);
  /* a V1 channel: no number, and no question before posting */
  choose_channel (editor, "Wholesale Sales Channel");
  choose_acme (editor);
  set_line (editor, 0, "SKU-A100", 50);
  g_assert_cmpstr (lum_line_row_get_stock_text (line_row (editor, 0)), ==,
                   "Stock not reported: ShipStation API V1 does not report stock");
  lum_ui_test_shot ("order-editor-stock-not-reported");

  /* the channel changed: the lines follow */
  choose_channel (editor, "Warehouse Direct");
  g_assert_true (g_str_has_prefix (lum_line_row_get_stock_text (line_row (editor, 0)), "Only 5 available"));
  /* a channel without an OMS: nothing shown */
  choose_channel (editor, "Trade Show");
  g_assert_null (lum_line_row_get_stock_text (line_row (editor, 0)));
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_new_reading_shows (Fixture       *f,
                        gconstpointer  unused)
{
  LumDocumentEditor *editor = open_new_order (f);
  g_autoptr(GPtrArray) levels = g_ptr_array_new_with_free_func ((GDestroyNotify)lum_stock_level_free);
  g_autoptr(GError) error = NULL;

  choose_channel (editor, "Warehouse Direct");
  set_line (editor, 0, "SKU-A100", 8);
  g_assert_true (lum_line_row_get_shortfall (line_row (editor, 0), NULL));

  /* the poll reads more while the clerk types */
  g_ptr_array_add (levels, lum_stock_level_new ("se-east", "SKU-A100", 40));
  g_assert_true (lum_engine_replace_stock (f->data.engine, f->v2_id, NULL, levels, &error));
  g_assert_no_error (error);
  lum_ui_test_pump ();
  g_assert_true (g_str_has_prefix (lum_line_row_get_stock_text (line_row (editor, 0)), "40 available"));
  g_assert_false (lum_line_row_get_shortfall (line_row (editor, 0), NULL));
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_stock_in_group (Fixture       *f,
                     gconstpointer  unused)
{
  LumDocumentEditor *editor = open_new_order (f);
  g_autoptr(LumIntegration) v2 = lum_engine_get_integration (f->data.engine, f->v2_id, NULL);
  g_autoptr(GError) error = NULL;

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *)&editor);
  choose_channel (editor, "Warehouse Direct");
  choose_acme (editor);
  set_line (editor, 0, "SKU-A100", 4);
  g_assert_true (g_str_has_prefix (lum_line_row_get_stock_text (line_row (editor, 0)), "5 available (read "));

  /* West unlinked: East's 3 only */
  g_assert_true (lum_engine_unlink_warehouse (f->data.engine, "WEST", v2, &error));
  g_assert_no_error (error);
  set_line (editor, 0, "SKU-A100", 5);
  g_assert_true (g_str_has_prefix (lum_line_row_get_stock_text (line_row (editor, 0)), "Only 3 available (read "));
  g_assert_true (lum_line_row_get_shortfall (line_row (editor, 0), NULL));

  /* none linked: said so, rather than se-far's 100 */
  g_assert_true (lum_engine_unlink_warehouse (f->data.engine, "MAIN", v2, &error));
  set_line (editor, 0, "SKU-A100", 6);
  g_assert_cmpstr (lum_line_row_get_stock_text (line_row (editor, 0)), ==,
                   "No warehouse of group Default Warehouse Group is linked to ShipStation V2");
  g_assert_false (lum_line_row_get_shortfall (line_row (editor, 0), NULL));
  lum_ui_test_shot ("order-editor-stock-no-link");

  /* nothing to warn of: Post posts */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.post", NULL));
  lum_ui_test_pump ();
  g_assert_null (lum_ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_null (editor);
  g_assert_cmpuint (count_orders (f), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  lum_ui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ui/orders/stock-on-lines", test_stock_on_lines);
  ADD ("/ui/orders/within-stock-posts-at-once", test_within_stock_posts_at_once);
  ADD ("/ui/orders/stock-v1-not-reported", test_v1_not_reported);
  ADD ("/ui/orders/stock-new-reading", test_new_reading_shows);
  ADD ("/ui/orders/stock-in-group", test_stock_in_group);

  return g_test_run ();
}

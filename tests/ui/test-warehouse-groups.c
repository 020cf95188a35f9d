/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-test"

#include <string.h>

#include <adwaita.h>

#include "lum-engine-setup.h"
#include "lum-engine-warehouses.h"
#include "lum-test-util.h"
#include "lum-document-view.h"
#include "lum-engine-documents.h"
#include "lum-engine-private.h"
#include "store/lum-fulfillment-store.h"
#include "lum-warehouse-groups-dialog.h"
#include "ui-test-util.h"

/* The Warehouse Groups dialog under Xvfb, driven through its rows and
 * buttons, checked against the database. */

typedef struct
{
  LumTestClock    clock;
  LumEngine      *engine;
  LumIntegration *shipstation;
  gint64          group_id;
  LumWarehouseGroupsDialog *dialog;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumWarehouse) east = NULL;
  g_autoptr(LumWarehouse) west = NULL;
  g_autoptr(LumWarehouseGroup) group = NULL;
  const char *codes[] = { "MAIN", "EAST", "WEST", NULL };

  f->engine = lum_test_engine_new (&f->clock, NULL);
  east = lum_engine_add_warehouse (f->engine, "EAST", "East", &error);
  west = lum_engine_add_warehouse (f->engine, "WEST", "West", &error);
  g_assert_no_error (error);
  group = lum_engine_find_warehouse_group (f->engine, "Default Warehouse Group", &error);
  f->group_id = lum_warehouse_group_get_id (group);
  g_assert_true (lum_engine_set_group_warehouses (f->engine, f->group_id, codes, &error));
  f->shipstation = lum_integration_new (LUM_INTEGRATION_KIND_SHIPSTATION, "ShipStation");
  g_assert_true (lum_engine_save_integration (f->engine, f->shipstation, &error));
  g_assert_true (lum_engine_link_warehouse (f->engine, "EAST", f->shipstation, "1002", "East Warehouse", &error));
  g_assert_no_error (error);
  f->dialog = lum_warehouse_groups_dialog_new (f->engine, NULL);
  gtk_window_present (GTK_WINDOW (f->dialog));
  lum_ui_test_pump ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->dialog));
  lum_ui_test_pump ();
  g_clear_object (&f->shipstation);
  g_clear_object (&f->engine);
}

/* The first widget under @root of @type whose tooltip or title is @label
 * and that is sensitive. */
static GtkWidget *
find (GtkWidget  *root,
      GType       type,
      const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;
      const char *name = NULL;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        {
          if (ADW_IS_PREFERENCES_ROW (child))
            name = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child));
          else
            name = gtk_widget_get_tooltip_text (child);
          if (g_strcmp0 (name, label) == 0 && gtk_widget_is_sensitive (child))
            return child;
        }
      if ((found = find (child, type, label)) != NULL)
        return found;
    }
  return NULL;
}

static char *
group_codes (Fixture *f,
             gint64   group_id)
{
  g_autoptr(GListStore) members = lum_engine_list_warehouses (f->engine, group_id, NULL);
  g_autoptr(GString) codes = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (members)); i++)
    {
      g_autoptr(LumWarehouse) w = g_list_model_get_item (G_LIST_MODEL (members), i);
      g_string_append_printf (codes, "%s%s", i ? " " : "", lum_warehouse_get_code (w));
    }
  return g_string_free (g_steal_pointer (&codes), FALSE);
}

static void
click (Fixture    *f,
       const char *label)
{
  GtkWidget *button = find (GTK_WIDGET (f->dialog), GTK_TYPE_BUTTON, label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  lum_ui_test_pump ();
}

static void
apply_entry (Fixture    *f,
             const char *title,
             const char *text)
{
  GtkWidget *row = find (GTK_WIDGET (f->dialog), ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
  lum_ui_test_pump ();
}

static void
test_order_of_preference (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *moved = NULL;
  g_autofree char *removed = NULL;
  g_autofree char *added = NULL;
  g_autoptr(LumWarehouseGroup) renamed = NULL;
  GtkWidget *add_row;

  /* the first warehouse's Move Down: MAIN after EAST */
  click (f, "Move Down");
  moved = group_codes (f, f->group_id);
  g_assert_cmpstr (moved, ==, "EAST MAIN WEST");

  /* the first Remove From Group: EAST leaves, and may be added back last */
  click (f, "Remove From Group");
  removed = group_codes (f, f->group_id);
  g_assert_cmpstr (removed, ==, "MAIN WEST");
  add_row = find (GTK_WIDGET (f->dialog), ADW_TYPE_COMBO_ROW, "Add Warehouse");
  g_assert_nonnull (add_row);
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (ADW_COMBO_ROW (add_row))), ==,
                   "EAST — East");
  click (f, "Add to Group");
  added = group_codes (f, f->group_id);
  g_assert_cmpstr (added, ==, "MAIN WEST EAST");

  apply_entry (f, "Name", "Main Group");
  renamed = lum_engine_find_warehouse_group (f->engine, "Main Group", NULL);
  g_assert_nonnull (renamed);
  g_assert_cmpint (lum_warehouse_group_get_id (renamed), ==, f->group_id);

  /* a name already used is refused with its reason, and nothing changes */
  apply_entry (f, "New Group Name", "main group");
  g_assert_null (lum_engine_find_warehouse_group (f->engine, "main group (2)", NULL));
  {
    g_autoptr(GListStore) groups = lum_engine_list_warehouse_groups (f->engine, NULL);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (groups)), ==, 1);
  }
}

static void
test_new_group_default (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(LumWarehouseGroup) coast = NULL;
  g_autoptr(LumWarehouseGroup) after = NULL;
  GtkWidget *toggle;

  apply_entry (f, "New Group Name", "Coast");
  coast = lum_engine_find_warehouse_group (f->engine, "Coast", NULL);
  g_assert_nonnull (coast);
  g_assert_false (lum_warehouse_group_get_is_default (coast));

  /* the default group's switch is on and cannot be turned off; Coast's
   * is the only one that can be turned on */
  toggle = find (GTK_WIDGET (f->dialog), GTK_TYPE_SWITCH, NULL);
  g_assert_nonnull (toggle);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  lum_ui_test_pump ();
  after = lum_engine_find_warehouse_group (f->engine, "Coast", NULL);
  g_assert_true (lum_warehouse_group_get_is_default (after));

  /* a new warehouse, from its rows */
  {
    GtkWidget *code = find (GTK_WIDGET (f->dialog), ADW_TYPE_ENTRY_ROW, "New Warehouse Code");
    GtkWidget *name = find (GTK_WIDGET (f->dialog), ADW_TYPE_ENTRY_ROW, "New Warehouse Name");
    g_autoptr(LumWarehouse) north = NULL;

    gtk_editable_set_text (GTK_EDITABLE (code), "NORTH");
    gtk_editable_set_text (GTK_EDITABLE (name), "North");
    click (f, "Add a New Warehouse");
    north = lum_engine_find_warehouse (f->engine, "NORTH", NULL);
    g_assert_nonnull (north);
    g_assert_cmpstr (lum_warehouse_get_name (north), ==, "North");
    g_assert_nonnull (find (GTK_WIDGET (f->dialog), ADW_TYPE_EXPANDER_ROW, "North"));
  }
}

/* The links' rows say what each warehouse is linked to; the dialog fits
 * 360 pixels. */
static void
test_links_and_narrow (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *east = find (GTK_WIDGET (f->dialog), ADW_TYPE_EXPANDER_ROW, "East");
  GtkWidget *link;
  int minimum = 0;

  g_assert_nonnull (east);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (east)), ==, "EAST · linked to 1 OMS");
  link = find (east, ADW_TYPE_COMBO_ROW, "ShipStation");
  g_assert_nonnull (link);
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (ADW_COMBO_ROW (link))), ==,
                   "East Warehouse (1002)");

  /* choosing "Not linked" unlinks */
  adw_combo_row_set_selected (ADW_COMBO_ROW (link), 0);
  lum_ui_test_pump ();
  {
    g_autoptr(GListStore) links = lum_engine_list_warehouse_links (f->engine, 0, 0, NULL);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (links)), ==, 0);
  }

  gtk_widget_measure (GTK_WIDGET (f->dialog), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  gtk_window_set_default_size (GTK_WINDOW (f->dialog), 360, 700);
  lum_ui_test_pump ();
  lum_ui_test_shot ("warehouse-groups-360");
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The order view says where a pushing channel's order will ship from,
 * then where it was pushed to ship from and why. */
static void
test_order_view (void)
{
  LumUiTestData data = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(LumDocument) doc = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);
  g_autoptr(LumDocLine) line = lum_doc_line_new ("SKU-A100", 2, -1);
  g_autoptr(LumIntegration) shipstation = NULL;
  g_autoptr(LumWarehouse) east = NULL;
  g_autoptr(LumShipFrom) chosen = NULL;
  LumDocumentView *view;
  GtkWidget *row;
  const char *codes[] = { "EAST", "MAIN", NULL };

  lum_ui_test_data_init (&data);
  lum_document_set_int (doc, LUM_DOC_CHANNEL_ID, lum_channel_get_id (data.wholesale));
  lum_document_set_int (doc, LUM_DOC_CUSTOMER_ID, lum_customer_get_id (data.acme));
  lum_document_add_line (doc, line);
  g_assert_true (lum_engine_create_and_post_document (data.engine, doc, &error));
  g_assert_no_error (error);

  view = lum_document_view_new (NULL, data.engine, LUM_DOCUMENT_KIND_SALES_ORDER, lum_document_get_id (doc));
  gtk_window_present (GTK_WINDOW (view));
  lum_ui_test_pump ();
  row = find_named (GTK_WIDGET (view), "ship-from-row");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "When pushed: Ships from the default warehouse of ShipStation: no warehouse of group "
                   "Default Warehouse Group is linked to it");

  /* linked and pushed: as recorded */
  shipstation = lum_engine_get_integration (data.engine, data.shipstation_id, &error);
  east = lum_engine_add_warehouse (data.engine, "EAST", "East", &error);
  g_assert_true (lum_engine_set_group_warehouses (data.engine, lum_channel_get_warehouse_group_id (data.wholesale),
                                                  codes, &error));
  g_assert_true (lum_engine_link_warehouse (data.engine, "EAST", shipstation, "1002", "East Warehouse", &error));
  chosen = lum_engine_choose_ship_from (data.engine, data.wholesale, shipstation, &error);
  g_assert_true (lum_engine_record_ship_from (data.engine, lum_document_get_id (doc), chosen, &error));
  g_assert_no_error (error);
  lum_document_view_reload (view);
  lum_ui_test_pump ();
  row = find_named (GTK_WIDGET (view), "ship-from-row");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Ships from East (first in group Default Warehouse Group)");
  lum_ui_test_shot ("order-ships-from");

  gtk_window_destroy (GTK_WINDOW (view));
  lum_ui_test_pump ();
  lum_ui_test_data_clear (&data);
}

/* Before the push, the order view says what the group's own rule would
 * choose: the stock rule, with a V1 account that reports no stock, the
 * first linked warehouse, saying why. */
static void
test_order_view_stock_rule (void)
{
  LumUiTestData data = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(LumDocument) doc = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);
  g_autoptr(LumDocLine) line = lum_doc_line_new ("SKU-A100", 2, -1);
  g_autoptr(LumIntegration) shipstation = NULL;
  g_autoptr(LumWarehouse) east = NULL;
  LumDocumentView *view;
  GtkWidget *row;
  const char *codes[] = { "MAIN", "EAST", NULL };
  gint64 group_id;

  lum_ui_test_data_init (&data);
  group_id = lum_channel_get_warehouse_group_id (data.wholesale);
  shipstation = lum_engine_get_integration (data.engine, data.shipstation_id, &error);
  east = lum_engine_add_warehouse (data.engine, "EAST", "East", &error);
  g_assert_true (lum_engine_set_group_warehouses (data.engine, group_id, codes, &error));
  g_assert_true (lum_engine_link_warehouse (data.engine, "EAST", shipstation, "1002", "East Warehouse", &error));
  g_assert_true (lum_engine_set_group_ship_from_rule (data.engine, group_id, LUM_SHIP_FROM_RULE_STOCK, &error));
  g_assert_no_error (error);
  lum_document_set_int (doc, LUM_DOC_CHANNEL_ID, lum_channel_get_id (data.wholesale));
  lum_document_set_int (doc, LUM_DOC_CUSTOMER_ID, lum_customer_get_id (data.acme));
  lum_document_add_line (doc, line);
  g_assert_true (lum_engine_create_and_post_document (data.engine, doc, &error));
  g_assert_no_error (error);

  view = lum_document_view_new (NULL, data.engine, LUM_DOCUMENT_KIND_SALES_ORDER, lum_document_get_id (doc));
  gtk_window_present (GTK_WINDOW (view));
  lum_ui_test_pump ();
  row = find_named (GTK_WIDGET (view), "ship-from-row");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "When pushed: Ships from East (stock rule: ShipStation has reported no stock yet; "
                   "the first in order)");

  gtk_window_destroy (GTK_WINDOW (view));
  lum_ui_test_pump ();
  lum_ui_test_data_clear (&data);
}

/* The group's ship-from rule, chosen in its row and kept. */
static void
test_rule_row (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *row = find (GTK_WIDGET (f->dialog), ADW_TYPE_COMBO_ROW, "Ship-From Rule");
  g_autoptr(LumWarehouseGroup) stored = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (row);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "In the group’s order");

  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  lum_ui_test_pump ();
  stored = lum_engine_find_warehouse_group (f->engine, "Default Warehouse Group", &error);
  g_assert_no_error (error);
  g_assert_cmpint (lum_warehouse_group_get_ship_from_rule (stored), ==, LUM_SHIP_FROM_RULE_STOCK);

  /* rebuilt from the database: the rule shows as chosen */
  row = find (GTK_WIDGET (f->dialog), ADW_TYPE_COMBO_ROW, "Ship-From Rule");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 1);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Every line in stock, else the first");
  lum_ui_test_shot ("warehouse-groups-stock-rule");

  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 0);
  lum_ui_test_pump ();
  g_clear_object (&stored);
  stored = lum_engine_find_warehouse_group (f->engine, "Default Warehouse Group", &error);
  g_assert_cmpint (lum_warehouse_group_get_ship_from_rule (stored), ==, LUM_SHIP_FROM_RULE_PREFERENCE);
}


/* A split order lists its fulfillment orders: warehouse, lines, state and
 * tracking, one row each. */
static void
test_order_view_fulfillments (void)
{
  LumUiTestData data = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(LumDocument) doc = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);
  g_autoptr(LumDocLine) a = lum_doc_line_new ("SKU-A100", 2, -1);
  g_autoptr(LumDocLine) b = lum_doc_line_new ("SKU-B100", 3, -1);
  g_autoptr(LumWarehouse) east = NULL;
  g_autoptr(LumWarehouse) main_w = NULL;
  g_autoptr(LumFulfillment) first = lum_fulfillment_new ();
  g_autoptr(LumFulfillment) second = lum_fulfillment_new ();
  g_autofree char *title = NULL;
  LumDb *db;
  LumDocumentView *view;
  GtkWidget *row;

  lum_ui_test_data_init (&data);
  lum_document_set_int (doc, LUM_DOC_CHANNEL_ID, lum_channel_get_id (data.trade_show));
  lum_document_set_int (doc, LUM_DOC_CUSTOMER_ID, lum_customer_get_id (data.acme));
  lum_document_add_line (doc, a);
  lum_document_add_line (doc, b);
  g_assert_true (lum_engine_create_and_post_document (data.engine, doc, &error));
  g_assert_no_error (error);
  east = lum_engine_add_warehouse (data.engine, "EAST", "East", &error);
  main_w = lum_engine_find_warehouse (data.engine, "MAIN", &error);
  g_assert_no_error (error);

  /* as a split at posting writes them */
  db = lum_engine_get_db (data.engine);
  first->order_id = second->order_id = lum_document_get_id (doc);
  first->suffix = 1;
  first->warehouse_id = lum_warehouse_get_id (east);
  lum_fulfillment_add_line (first, 0, "SKU-A100", 2);
  second->suffix = 2;
  second->warehouse_id = lum_warehouse_get_id (main_w);
  lum_fulfillment_add_line (second, 1, "SKU-B100", 3);
  g_assert_cmpint (lum_fulfillment_store_insert (db, first, "2026-12-01T10:00:00Z", &error), !=, 0);
  g_assert_cmpint (lum_fulfillment_store_insert (db, second, "2026-12-01T10:00:00Z", &error), !=, 0);
  g_assert_true (lum_fulfillment_store_set_push_state (db, second->id, "pushed", "77", &error));
  g_assert_true (lum_fulfillment_store_set_shipped (db, second->id, "2026-12-02T10:00:00Z", "1ZMAIN", &error));
  g_assert_no_error (error);

  view = lum_document_view_new (NULL, data.engine, LUM_DOCUMENT_KIND_SALES_ORDER, lum_document_get_id (doc));
  gtk_window_present (GTK_WINDOW (view));
  lum_ui_test_pump ();
  row = find_named (GTK_WIDGET (view), "fulfillment-row-1");
  g_assert_nonnull (row);
  title = g_strdup_printf ("%s-1 from East", lum_document_get_number (doc));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, title);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "SKU-A100 × 2 — Push scheduled");
  row = find_named (GTK_WIDGET (view), "fulfillment-row-2");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "SKU-B100 × 3 — Shipped, tracking 1ZMAIN");
  lum_ui_test_shot ("order-fulfillments");

  gtk_window_destroy (GTK_WINDOW (view));
  lum_ui_test_pump ();
  lum_ui_test_data_clear (&data);
}

int
main (int   argc,
      char *argv[])
{
  lum_ui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ui/warehouse-groups/order-of-preference", test_order_of_preference);
  ADD ("/ui/warehouse-groups/new-group-default", test_new_group_default);
  ADD ("/ui/warehouse-groups/links-and-narrow", test_links_and_narrow);
  ADD ("/ui/warehouse-groups/rule-row", test_rule_row);
  g_test_add_func ("/ui/order-view/ships-from", test_order_view);
  g_test_add_func ("/ui/order-view/fulfillments", test_order_view_fulfillments);
  g_test_add_func ("/ui/order-view/ships-from-stock-rule", test_order_view_stock_rule);

  return g_test_run ();
}

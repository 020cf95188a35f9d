/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "lum-test-util.h"
#include "lum-engine-setup.h"
#include "lum-engine-stock.h"
#include "lum-engine-warehouses.h"
#include "model/lum-channel.h"
#include "model/lum-document.h"

/* A group's ship-from rule (the first linked in order, or the first that
 * has every line in stock by the latest reading), and what a channel's
 * orders count as available: its group's linked warehouses only. */

typedef struct
{
  LumTestClock       clock;
  LumEngine         *engine;
  LumIntegration    *extensiv;
  LumIntegration    *shipstation;
  LumWarehouseGroup *group;
  LumChannel        *channel;
  LumDocument       *order;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumWarehouse) east = NULL;
  g_autoptr(LumDocLine) first = lum_doc_line_new ("WID-1", 2, 100);
  g_autoptr(LumDocLine) second = lum_doc_line_new ("WID-2", 3, 100);
  const char *codes[] = { "MAIN", "EAST", NULL };

  f->engine = lum_test_engine_new (&f->clock, NULL);
  f->extensiv = lum_integration_new (LUM_INTEGRATION_KIND_EXTENSIV, "Sandbox 3PL");
  g_assert_true (lum_engine_save_integration (f->engine, f->extensiv, &error));
  f->shipstation = lum_integration_new (LUM_INTEGRATION_KIND_SHIPSTATION, "Sandbox ShipStation");
  g_assert_true (lum_engine_save_integration (f->engine, f->shipstation, &error));
  east = lum_engine_add_warehouse (f->engine, "EAST", "East", &error);
  g_assert_no_error (error);
  f->group = lum_engine_find_warehouse_group (f->engine, "Default Warehouse Group", &error);
  g_assert_no_error (error);
  g_assert_true (lum_engine_rename_warehouse_group (f->engine, lum_warehouse_group_get_id (f->group), "Default",
                                                    &error));
  g_assert_true (lum_engine_set_group_warehouses (f->engine, lum_warehouse_group_get_id (f->group), codes, &error));
  g_assert_no_error (error);

  f->channel = lum_channel_new ();
  lum_channel_set_warehouse_group_id (f->channel, lum_warehouse_group_get_id (f->group));
  lum_channel_set_warehouse_group_name (f->channel, "Default");
  lum_channel_set_oms_integration_id (f->channel, lum_integration_get_id (f->extensiv));
  lum_channel_set_oms_integration_name (f->channel, "Sandbox 3PL");

  f->order = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);
  lum_document_add_line (f->order, first);
  lum_document_add_line (f->order, second);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->order);
  g_clear_object (&f->channel);
  g_clear_object (&f->group);
  g_clear_object (&f->shipstation);
  g_clear_object (&f->extensiv);
  g_clear_object (&f->engine);
}

static void
link_warehouse (Fixture        *f,
                const char     *code,
                LumIntegration *integration,
                const char     *remote_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lum_engine_link_warehouse (f->engine, code, integration, remote_id, NULL, &error));
  g_assert_no_error (error);
}

static void
set_rule (Fixture         *f,
          LumShipFromRule  rule)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumWarehouseGroup) stored = NULL;

  g_assert_true (lum_engine_set_group_ship_from_rule (f->engine, lum_warehouse_group_get_id (f->group), rule, &error));
  g_assert_no_error (error);
  stored = lum_engine_find_warehouse_group (f->engine, "Default", &error);
  g_assert_cmpint (lum_warehouse_group_get_ship_from_rule (stored), ==, rule);
}

/* The Extensiv stock, read whole: facility 1 is MAIN, 2 EAST, 9 is linked
 * to no warehouse of Lumen's. */
static void
read_stock (Fixture *f,
            gint64   main_wid1,
            gint64   east_wid1)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) levels = g_ptr_array_new_with_free_func ((GDestroyNotify)lum_stock_level_free);

  g_ptr_array_add (levels, lum_stock_level_new ("1", "WID-1", main_wid1));
  g_ptr_array_add (levels, lum_stock_level_new ("1", "WID-2", 10));
  g_ptr_array_add (levels, lum_stock_level_new ("2", "WID-1", east_wid1));
  g_ptr_array_add (levels, lum_stock_level_new ("2", "WID-2", 3));
  g_ptr_array_add (levels, lum_stock_level_new ("9", "WID-1", 500));
  g_assert_true (lum_engine_replace_stock (f->engine, lum_integration_get_id (f->extensiv), NULL, levels, &error));
  g_assert_no_error (error);
}

static char *
choose_text (Fixture        *f,
             LumIntegration *integration,
             const char     *expected_code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumShipFrom) chosen = lum_engine_choose_order_ship_from (f->engine, f->channel, integration, f->order,
                                                                     &error);
  g_autoptr(LumShipFrom) back = NULL;
  g_autofree char *json = NULL;
  g_autofree char *back_text = NULL;
  char *text;

  g_assert_no_error (error);
  g_assert_cmpstr (chosen->warehouse_code, ==, expected_code);
  text = lum_ship_from_describe (chosen);
  /* recorded on the order, it reads back the same */
  json = lum_ship_from_to_json (chosen);
  back = lum_ship_from_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->rule, ==, chosen->rule);
  g_assert_cmpint (back->stock, ==, chosen->stock);
  back_text = lum_ship_from_describe (back);
  g_assert_cmpstr (back_text, ==, text);
  return text;
}

static void
test_stock_rule (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *preferred = NULL;
  g_autofree char *by_stock = NULL;
  g_autofree char *first_has_all = NULL;
  g_autofree char *none_has_all = NULL;
  g_autoptr(LumShipFrom) chosen = NULL;
  g_autoptr(GError) error = NULL;

  link_warehouse (f, "MAIN", f->extensiv, "1");
  link_warehouse (f, "EAST", f->extensiv, "2");
  read_stock (f, 0, 5);

  /* the preference rule does not look at stock */
  preferred = choose_text (f, f->extensiv, "MAIN");
  g_assert_cmpstr (preferred, ==, "Ships from Main Warehouse (first in group Default)");

  set_rule (f, LUM_SHIP_FROM_RULE_STOCK);
  by_stock = choose_text (f, f->extensiv, "EAST");
  g_assert_cmpstr (by_stock, ==, "Ships from East (stock rule: East has every line in stock; Main Warehouse lacks WID-1)");
  chosen = lum_engine_choose_order_ship_from (f->engine, f->channel, f->extensiv, f->order, &error);
  g_assert_cmpint (chosen->reason, ==, LUM_SHIP_FROM_LINKED);
  g_assert_cmpstr (chosen->remote_id, ==, "2");
  g_assert_cmpint (chosen->stock, ==, LUM_SHIP_FROM_STOCK_ALL);

  /* lines of the same SKU add up: 2 + 4 of WID-1 is more than East's 5 */
  {
    g_autoptr(LumDocLine) more = lum_doc_line_new ("WID-1", 4, 100);
    lum_document_add_line (f->order, more);
  }
  none_has_all = choose_text (f, f->extensiv, "MAIN");
  g_assert_cmpstr (none_has_all, ==,
                   "Ships from Main Warehouse (stock rule: no warehouse of group Default has every line in stock: "
                   "Main Warehouse lacks WID-1; East lacks WID-1; the first in order)");

  /* enough at Main: the first in order, nothing passed over */
  read_stock (f, 6, 0);
  first_has_all = choose_text (f, f->extensiv, "MAIN");
  g_assert_cmpstr (first_has_all, ==, "Ships from Main Warehouse (stock rule: Main Warehouse has every line in stock)");
}

static void
test_stock_rule_without_readings (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *not_read = NULL;
  g_autofree char *not_reported = NULL;

  link_warehouse (f, "MAIN", f->extensiv, "1");
  link_warehouse (f, "EAST", f->extensiv, "2");
  link_warehouse (f, "EAST", f->shipstation, "3002");
  set_rule (f, LUM_SHIP_FROM_RULE_STOCK);

  not_read = choose_text (f, f->extensiv, "MAIN");
  g_assert_cmpstr (not_read, ==,
                   "Ships from Main Warehouse (stock rule: Sandbox 3PL has reported no stock yet; the first in order)");
  /* ShipStation V1 reports none: the first linked (EAST, MAIN has no link) */
  not_reported = choose_text (f, f->shipstation, "EAST");
  g_assert_cmpstr (not_reported, ==,
                   "Ships from East (stock rule: Sandbox ShipStation has reported no stock yet; the first in order)");
}

static void
test_stock_rule_without_links (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumShipFrom) chosen = NULL;
  g_autofree char *text = NULL;

  set_rule (f, LUM_SHIP_FROM_RULE_STOCK);
  read_stock (f, 10, 10);
  chosen = lum_engine_choose_order_ship_from (f->engine, f->channel, f->extensiv, f->order, &error);
  g_assert_no_error (error);
  g_assert_cmpint (chosen->reason, ==, LUM_SHIP_FROM_NO_LINK);
  g_assert_null (chosen->remote_id);
  text = lum_ship_from_describe (chosen);
  g_assert_cmpstr (text, ==,
                   "Ships from the default warehouse of Sandbox 3PL: no warehouse of group Default is linked to it");
}

static void
test_group_availability (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(LumAvailability) everywhere = { 0, };
  g_auto(LumAvailability) in_group = { 0, };
  g_autofree char *note = NULL;

  read_stock (f, 4, 5);
  g_assert_true (lum_engine_channel_availability (f->engine, f->channel, "WID-1", NULL, &everywhere, &error));
  g_assert_cmpint (everywhere.available, ==, 509);

  /* no warehouse of the group linked: nothing to count, and it says so */
  g_assert_true (lum_engine_group_availability (f->engine, f->channel, "WID-1", &in_group, &error));
  g_assert_no_error (error);
  g_assert_cmpint (in_group.report, ==, LUM_STOCK_NO_LINK);
  note = lum_engine_no_link_text (f->channel);
  g_assert_cmpstr (note, ==, "No warehouse of group Default is linked to Sandbox 3PL");

  /* MAIN linked: its facility only, not 9's 500 nor EAST's */
  link_warehouse (f, "MAIN", f->extensiv, "1");
  g_assert_true (lum_engine_group_availability (f->engine, f->channel, "WID-1", &in_group, &error));
  g_assert_cmpint (in_group.report, ==, LUM_STOCK_READ);
  g_assert_cmpint (in_group.available, ==, 4);
  link_warehouse (f, "EAST", f->extensiv, "2");
  g_assert_true (lum_engine_group_availability (f->engine, f->channel, "WID-1", &in_group, &error));
  g_assert_cmpint (in_group.available, ==, 9);

  /* another OMS's links do not count for this one */
  link_warehouse (f, "EAST", f->shipstation, "3002");
  lum_channel_set_oms_integration_id (f->channel, lum_integration_get_id (f->shipstation));
  g_assert_true (lum_engine_group_availability (f->engine, f->channel, "WID-1", &in_group, &error));
  g_assert_cmpint (in_group.report, ==, LUM_STOCK_NOT_REPORTED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add ("/ship-from-rule/stock", Fixture, NULL, fixture_set_up, test_stock_rule, fixture_tear_down);
  g_test_add ("/ship-from-rule/stock-without-readings", Fixture, NULL, fixture_set_up,
              test_stock_rule_without_readings, fixture_tear_down);
  g_test_add ("/ship-from-rule/stock-without-links", Fixture, NULL, fixture_set_up, test_stock_rule_without_links,
              fixture_tear_down);
  g_test_add ("/ship-from-rule/group-availability", Fixture, NULL, fixture_set_up, test_group_availability,
              fixture_tear_down);
  return g_test_run ();
}

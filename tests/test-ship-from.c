/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "lum-test-util.h"
#include "lum-engine-setup.h"
#include "lum-engine-warehouses.h"
#include "model/lum-channel.h"

/* A group's warehouses in order of preference, their links to an OMS, and
 * the ship-from an order of the group's channel is pushed with. */

typedef struct
{
  LumTestClock       clock;
  LumEngine         *engine;
  LumIntegration    *shipstation;
  LumIntegration    *extensiv;
  LumIntegration    *quickbooks;
  LumWarehouseGroup *group;
  LumChannel        *config;
} Fixture;

static LumIntegration *
add_integration (LumEngine          *engine,
                 LumIntegrationKind  kind,
                 const char         *name)
{
  g_autoptr(GError) error = NULL;
  LumIntegration *integration = lum_integration_new (kind, name);

  lum_engine_save_integration (engine, integration, &error);
  g_assert_no_error (error);
  return integration;
}

static void
add_warehouse (Fixture    *f,
               const char *code,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumWarehouse) w = lum_engine_add_warehouse (f->engine, code, name, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (lum_warehouse_get_code (w), ==, code);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *codes[] = { "EAST", "WEST", "MAIN", NULL };

  f->engine = lum_test_engine_new (&f->clock, NULL);
  f->shipstation = add_integration (f->engine, LUM_INTEGRATION_KIND_SHIPSTATION, "Sandbox ShipStation");
  f->extensiv = add_integration (f->engine, LUM_INTEGRATION_KIND_EXTENSIV, "Sandbox 3PL");
  f->quickbooks = add_integration (f->engine, LUM_INTEGRATION_KIND_QUICKBOOKS, "Sandbox QuickBooks");
  add_warehouse (f, "WEST", "West");
  add_warehouse (f, "EAST", "East");
  f->group = lum_engine_find_warehouse_group (f->engine, "Default Warehouse Group", &error);
  g_assert_no_error (error);
  g_assert_true (lum_engine_rename_warehouse_group (f->engine, lum_warehouse_group_get_id (f->group), "Default",
                                                    &error));
  g_assert_no_error (error);
  /* not the order of the codes: the group's own */
  g_assert_true (lum_engine_set_group_warehouses (f->engine, lum_warehouse_group_get_id (f->group), codes, &error));
  g_assert_no_error (error);
  f->config = lum_channel_new ();
  lum_channel_set_warehouse_group_id (f->config, lum_warehouse_group_get_id (f->group));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->config);
  g_clear_object (&f->group);
  g_clear_object (&f->shipstation);
  g_clear_object (&f->extensiv);
  g_clear_object (&f->quickbooks);
  g_clear_object (&f->engine);
}

static void
link_warehouse (Fixture        *f,
      const char     *code,
      LumIntegration *integration,
      const char     *remote_id,
      const char     *remote_name)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lum_engine_link_warehouse (f->engine, code, integration, remote_id, remote_name, &error));
  g_assert_no_error (error);
}

static LumShipFrom *
choose (Fixture        *f,
        LumIntegration *integration)
{
  g_autoptr(GError) error = NULL;
  LumShipFrom *ship_from = lum_engine_choose_ship_from (f->engine, f->config, integration, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ship_from);
  return ship_from;
}

static void
test_group_order (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) warehouses = lum_engine_list_warehouses (f->engine, lum_warehouse_group_get_id (f->group),
                                                                 &error);
  const char *expected[] = { "EAST", "WEST", "MAIN" };
  const char *reordered[] = { "MAIN", "EAST", NULL };
  const char *twice[] = { "MAIN", "EAST", "MAIN", NULL };
  const char *unknown[] = { "NORTH", NULL };

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (warehouses)), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(LumWarehouse) w = g_list_model_get_item (G_LIST_MODEL (warehouses), i);
      g_assert_cmpstr (lum_warehouse_get_code (w), ==, expected[i]);
    }

  g_assert_true (lum_engine_set_group_warehouses (f->engine, lum_warehouse_group_get_id (f->group), reordered,
                                                  &error));
  g_clear_object (&warehouses);
  warehouses = lum_engine_list_warehouses (f->engine, lum_warehouse_group_get_id (f->group), &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (warehouses)), ==, 2);
  {
    g_autoptr(LumWarehouse) first = g_list_model_get_item (G_LIST_MODEL (warehouses), 0);
    g_assert_cmpstr (lum_warehouse_get_code (first), ==, "MAIN");
  }

  g_assert_false (lum_engine_set_group_warehouses (f->engine, lum_warehouse_group_get_id (f->group), twice, &error));
  g_assert_error (error, LUM_SETUP_ERROR, LUM_SETUP_ERROR_NAME);
  g_assert_nonnull (strstr (error->message, "MAIN"));
  g_clear_error (&error);
  g_assert_false (lum_engine_set_group_warehouses (f->engine, lum_warehouse_group_get_id (f->group), unknown, &error));
  g_assert_nonnull (strstr (error->message, "NORTH"));
  g_clear_error (&error);
  /* a refused list leaves the group as it was */
  g_clear_object (&warehouses);
  warehouses = lum_engine_list_warehouses (f->engine, lum_warehouse_group_get_id (f->group), &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (warehouses)), ==, 2);

  /* names are the groups' names: unique, ignoring case */
  {
    g_autoptr(LumWarehouseGroup) other = lum_engine_create_warehouse_group (f->engine, "Other", NULL, FALSE, &error);
    g_assert_no_error (error);
    g_assert_false (lum_engine_rename_warehouse_group (f->engine, lum_warehouse_group_get_id (other), "default",
                                                       &error));
    g_assert_error (error, LUM_SETUP_ERROR, LUM_SETUP_ERROR_NAME);
  }
}

static void
test_first_linked (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(LumShipFrom) none = NULL;
  g_autoptr(LumShipFrom) second = NULL;
  g_autoptr(LumShipFrom) first = NULL;
  g_autoptr(LumShipFrom) other_oms = NULL;
  g_autofree char *text = NULL;

  none = choose (f, f->shipstation);
  g_assert_cmpint (none->reason, ==, LUM_SHIP_FROM_NO_LINK);
  g_assert_null (none->remote_id);
  text = lum_ship_from_describe (none);
  g_assert_cmpstr (text, ==, "Ships from the default warehouse of Sandbox ShipStation: no warehouse of group "
                             "Default is linked to it");
  g_clear_pointer (&text, g_free);

  /* the second in order is linked, the first not: the second */
  link_warehouse (f, "WEST", f->shipstation, "1002", "West Coast");
  link_warehouse (f, "MAIN", f->shipstation, "1001", "Sandbox Warehouse");
  second = choose (f, f->shipstation);
  g_assert_cmpint (second->reason, ==, LUM_SHIP_FROM_LINKED);
  g_assert_cmpstr (second->warehouse_code, ==, "WEST");
  g_assert_cmpstr (second->remote_id, ==, "1002");
  g_assert_cmpuint (second->position, ==, 2);
  g_assert_cmpstr (second->passed_over[0], ==, "East");
  g_assert_null (second->passed_over[1]);
  text = lum_ship_from_describe (second);
  g_assert_cmpstr (text, ==, "Ships from West (first in group Default linked to Sandbox ShipStation; East not linked)");
  g_clear_pointer (&text, g_free);

  /* linked, the first in order wins */
  link_warehouse (f, "EAST", f->shipstation, "1003", "East");
  first = choose (f, f->shipstation);
  g_assert_cmpstr (first->warehouse_code, ==, "EAST");
  g_assert_cmpstr (first->remote_id, ==, "1003");
  text = lum_ship_from_describe (first);
  g_assert_cmpstr (text, ==, "Ships from East (first in group Default)");

  /* links are per integration: Extensiv has none */
  other_oms = choose (f, f->extensiv);
  g_assert_cmpint (other_oms->reason, ==, LUM_SHIP_FROM_NO_LINK);
}

static void
test_links (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) links = NULL;
  g_autoptr(LumShipFrom) after = NULL;

  link_warehouse (f, "EAST", f->extensiv, "2", "East Facility");
  /* again: the new id replaces the old */
  link_warehouse (f, "EAST", f->extensiv, "3", "Third Facility");
  links = lum_engine_list_warehouse_links (f->engine, 0, lum_integration_get_id (f->extensiv), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (links)), ==, 1);
  {
    g_autoptr(LumWarehouseLink) l = g_list_model_get_item (G_LIST_MODEL (links), 0);
    g_assert_cmpstr (lum_warehouse_link_get_remote_id (l), ==, "3");
    g_assert_cmpstr (lum_warehouse_link_get_remote_name (l), ==, "Third Facility");
    g_assert_cmpstr (lum_warehouse_link_get_warehouse_code (l), ==, "EAST");
    g_assert_cmpstr (lum_warehouse_link_get_integration_name (l), ==, "Sandbox 3PL");
  }

  /* QuickBooks ships nothing */
  g_assert_false (lum_engine_link_warehouse (f->engine, "EAST", f->quickbooks, "1", NULL, &error));
  g_assert_error (error, LUM_SETUP_ERROR, LUM_SETUP_ERROR_SETTING);
  g_clear_error (&error);
  g_assert_false (lum_engine_link_warehouse (f->engine, "EAST", f->shipstation, "  ", NULL, &error));
  g_assert_error (error, LUM_SETUP_ERROR, LUM_SETUP_ERROR_SETTING);
  g_clear_error (&error);
  g_assert_false (lum_engine_link_warehouse (f->engine, "NORTH", f->shipstation, "1", NULL, &error));
  g_assert_nonnull (strstr (error->message, "NORTH"));
  g_clear_error (&error);

  g_assert_true (lum_engine_unlink_warehouse (f->engine, "EAST", f->extensiv, &error));
  g_assert_no_error (error);
  g_assert_false (lum_engine_unlink_warehouse (f->engine, "EAST", f->extensiv, &error));
  g_assert_nonnull (strstr (error->message, "EAST"));
  g_clear_error (&error);
  after = choose (f, f->extensiv);
  g_assert_cmpint (after->reason, ==, LUM_SHIP_FROM_NO_LINK);
}

static void
test_empty_group_and_record (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumWarehouseGroup) empty = lum_engine_create_warehouse_group (f->engine, "Empty", NULL, FALSE, &error);
  g_autoptr(LumShipFrom) chosen = NULL;
  g_autoptr(LumShipFrom) linked = NULL;
  g_autoptr(LumShipFrom) back = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  g_autofree char *back_text = NULL;

  g_assert_no_error (error);
  lum_channel_set_warehouse_group_id (f->config, lum_warehouse_group_get_id (empty));
  chosen = choose (f, f->shipstation);
  g_assert_cmpint (chosen->reason, ==, LUM_SHIP_FROM_EMPTY_GROUP);
  text = lum_ship_from_describe (chosen);
  g_assert_cmpstr (text, ==, "Ships from the default warehouse of Sandbox ShipStation: group Empty has no warehouses");

  /* what is recorded on the order reads back the same */
  lum_channel_set_warehouse_group_id (f->config, lum_warehouse_group_get_id (f->group));
  link_warehouse (f, "WEST", f->shipstation, "1002", "West Coast");
  linked = choose (f, f->shipstation);
  json = lum_ship_from_to_json (linked);
  back = lum_ship_from_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->reason, ==, LUM_SHIP_FROM_LINKED);
  g_assert_cmpint (back->warehouse_id, ==, linked->warehouse_id);
  g_assert_cmpstr (back->remote_name, ==, "West Coast");
  g_assert_cmpuint (back->position, ==, 2);
  back_text = lum_ship_from_describe (back);
  g_clear_pointer (&text, g_free);
  text = lum_ship_from_describe (linked);
  g_assert_cmpstr (back_text, ==, text);

  g_assert_null (lum_ship_from_from_json ("{\"reason\": \"somewhere\"}", &error));
  g_assert_nonnull (strstr (error->message, "somewhere"));
  g_clear_error (&error);
  g_assert_null (lum_ship_from_from_json ("[]", &error));
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/ship-from/group-order", Fixture, NULL, fixture_set_up, test_group_order, fixture_tear_down);
  g_test_add ("/ship-from/first-linked", Fixture, NULL, fixture_set_up, test_first_linked, fixture_tear_down);
  g_test_add ("/ship-from/links", Fixture, NULL, fixture_set_up, test_links, fixture_tear_down);
  g_test_add ("/ship-from/empty-group-and-record", Fixture, NULL, fixture_set_up, test_empty_group_and_record,
              fixture_tear_down);
  return g_test_run ();
}

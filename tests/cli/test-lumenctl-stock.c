/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "lumctl-test.h"

#include <string.h>

/*
 * `lumenctl product stock SKU [--refresh]` against `lumenctl sandbox
 * --register`: the stock each OMS reports by its own warehouse, with the
 * time read; ShipStation API V1 says it reports none rather than 0.
 */

/* The rows of @list about @integration. */
static GPtrArray *
rows_of (JsonNode   *list,
         const char *integration)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (guint i = 0; i < json_length (list); i++)
    if (g_strcmp0 (json_str (json_element (list, i), "integration"), integration) == 0)
      g_ptr_array_add (rows, json_element (list, i));
  return rows;
}

static void
test_stock (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(Sandbox) sandbox = NULL;
  g_autoptr(JsonNode) facility = NULL;
  g_autoptr(JsonNode) set = NULL;
  g_autoptr(JsonNode) set2 = NULL;
  g_autoptr(JsonNode) set3 = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) unchanged = NULL;
  g_autoptr(GPtrArray) v1 = NULL;
  g_autoptr(GPtrArray) v2 = NULL;
  g_autoptr(GPtrArray) ext = NULL;
  g_autofree char *table = NULL;

  if (!keyring_available ())
    {
      g_test_skip ("needs a Secret Service: run in .ci/session");
      return;
    }
  sandbox = sandbox_start (f);
  facility = sandbox_control (sandbox, "POST", "/extensiv/facilities", "{\"name\": \"West\", \"id\": 3}");
  set = sandbox_control (sandbox, "POST", "/extensiv/stock",
                         "{\"facilityId\": 1, \"sku\": \"SKU-A\", \"onHand\": 12, \"allocated\": 2}");
  set2 = sandbox_control (sandbox, "POST", "/extensiv/stock", "{\"facilityId\": 2, \"sku\": \"SKU-A\", \"onHand\": 3}");
  set3 = sandbox_control (sandbox, "POST", "/shipstation/inventory",
                          "{\"sku\": \"SKU-A\", \"inventory_warehouse_id\": \"se-1001\", \"on_hand\": 7}");

  /* nothing read yet: said so, not 0 */
  before = run_json (f, "product", "stock", "SKU-A", NULL);
  ext = rows_of (before, "Sandbox 3PL");
  g_assert_cmpuint (ext->len, ==, 1);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_member (ext->pdata[0], "available")));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_member (ext->pdata[0], "read_at")));
  g_clear_pointer (&ext, g_ptr_array_unref);

  after = run_json (f, "product", "stock", "SKU-A", "--refresh", NULL);
  ext = rows_of (after, "Sandbox 3PL");
  g_assert_cmpuint (ext->len, ==, 2);
  g_assert_cmpstr (json_str (ext->pdata[0], "warehouse_id"), ==, "1");
  g_assert_cmpint (json_int (ext->pdata[0], "available"), ==, 10);
  g_assert_cmpstr (json_str (ext->pdata[1], "warehouse_id"), ==, "2");
  g_assert_cmpint (json_int (ext->pdata[1], "available"), ==, 3);
  g_assert_true (g_str_has_suffix (json_str (ext->pdata[0], "read_at"), "Z"));
  v2 = rows_of (after, "Sandbox ShipStation V2");
  g_assert_cmpuint (v2->len, ==, 1);
  g_assert_cmpint (json_int (v2->pdata[0], "available"), ==, 7);
  v1 = rows_of (after, "Sandbox ShipStation");
  g_assert_cmpuint (v1->len, ==, 1);
  g_assert_false (json_node_get_boolean (json_member (v1->pdata[0], "reported")));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_member (v1->pdata[0], "available")));
  g_assert_cmpstr (json_str (v1->pdata[0], "note"), ==, "ShipStation API V1 does not report stock");

  /* the table: one row a warehouse, V1 in words */
  table = run_ok (f, "product", "stock", "SKU-A", NULL);
  g_assert_nonnull (strstr (table, "ShipStation API V1 does not report stock"));
  g_assert_nonnull (strstr (table, "Read at"));
  g_assert_nonnull (strstr (table, "se-1001"));

  /* --refresh read SKU-A alone: SKU-B is not read yet, not 0 */
  unchanged = run_json (f, "product", "stock", "SKU-B", NULL);
  g_clear_pointer (&ext, g_ptr_array_unref);
  ext = rows_of (unchanged, "Sandbox 3PL");
  g_assert_cmpuint (ext->len, ==, 1);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_member (ext->pdata[0], "read_at")));

  sandbox_stop (sandbox);
}

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(Result) none = run (f, "product", "stock", NULL);
  g_autoptr(Result) two = run (f, "product", "stock", "A", "B", NULL);
  g_autoptr(Result) empty = run (f, "product", "stock", "   ", NULL);
  g_autofree char *no_oms = run_ok (f, "product", "stock", "SKU-A", NULL);

  g_assert_cmpint (none->status, ==, 2);
  g_assert_cmpint (two->status, ==, 2);
  g_assert_cmpint (empty->status, ==, 2);
  g_assert_nonnull (strstr (no_oms, "No OMS integration"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add ("/cli/product/stock", Fixture, NULL, fixture_set_up, test_stock, fixture_tear_down);
  g_test_add ("/cli/product/stock-usage", Fixture, NULL, fixture_set_up, test_usage, fixture_tear_down);
  return g_test_run ();
}

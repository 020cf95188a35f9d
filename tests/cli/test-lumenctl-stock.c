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
  /* facility 2: the East facility the sandbox seeds */
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

/* `--channel`: the warehouses of the channel's group linked for its OMS
 * only; the group's stock rule ships from the one that has every line. */
static void
test_channel_group (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(Sandbox) sandbox = NULL;
  g_autoptr(JsonNode) set = NULL;
  g_autoptr(JsonNode) set2 = NULL;
  g_autoptr(JsonNode) set3 = NULL;
  g_autoptr(JsonNode) group = NULL;
  g_autoptr(JsonNode) order = NULL;
  g_autofree char *setup = NULL;
  g_autofree char *unlinked = NULL;
  g_autofree char *linked = NULL;
  g_autofree char *table = NULL;
  g_autofree char *number = NULL;
  g_autofree char *pushed = NULL;
  g_autofree char *shown = NULL;
  JsonNode *warehouses;

  if (!keyring_available ())
    {
      g_test_skip ("needs a Secret Service: run in .ci/session");
      return;
    }
  sandbox = sandbox_start (f);
  g_free (run_ok (f, "customer", "add", "--name", "Acme Corp", "--email", "buyer@acme.test",
                  "--ship-street1", "1 Main St", "--ship-city", "Springfield", "--ship-state", "IL",
                  "--ship-postal-code", "62704", "--ship-country", "US", NULL));
  g_free (run_ok (f, "product", "add", "--sku", "SKU-A", "--name", "Widget", "--price", "10.00", NULL));
  g_free (run_ok (f, "channel", "create", "--name", "Bulk", "--push-to-oms", "--integration", "Sandbox 3PL",
                  "--store", "1", "--push-delay", "", NULL));
  g_free (run_ok (f, "warehouse", "add", "EAST", "East", NULL));
  g_free (run_ok (f, "warehouse-group", "members", "Default Warehouse Group", "MAIN", "EAST", NULL));
  set = sandbox_control (sandbox, "POST", "/extensiv/stock", "{\"facilityId\": 1, \"sku\": \"SKU-A\", \"onHand\": 2}");
  set2 = sandbox_control (sandbox, "POST", "/extensiv/stock", "{\"facilityId\": 2, \"sku\": \"SKU-A\", \"onHand\": 8}");
  /* a facility of the customer's that no warehouse of Lumen's is linked to */
  set3 = sandbox_control (sandbox, "POST", "/extensiv/facilities", "{\"name\": \"Far\", \"id\": 7}");
  g_clear_pointer (&set3, json_node_unref);
  set3 = sandbox_control (sandbox, "POST", "/extensiv/stock", "{\"facilityId\": 7, \"sku\": \"SKU-A\", \"onHand\": 90}");

  /* nothing linked: said so, not the sum over every facility */
  unlinked = run_ok (f, "product", "stock", "SKU-A", "--refresh", "--channel", "Bulk", NULL);
  g_assert_cmpstr (unlinked, ==, "No warehouse of group Default Warehouse Group is linked to Sandbox 3PL\n");

  g_free (run_ok (f, "warehouse", "link", "MAIN", "Sandbox 3PL", "1", NULL));
  g_free (run_ok (f, "warehouse", "link", "EAST", "Sandbox 3PL", "2", NULL));
  group = run_json (f, "product", "stock", "SKU-A", "--channel", "Bulk", NULL);
  g_assert_true (json_node_get_boolean (json_member (group, "linked")));
  g_assert_cmpint (json_int (group, "available"), ==, 10);
  warehouses = json_member (group, "warehouses");
  g_assert_cmpuint (json_length (warehouses), ==, 2);
  g_assert_cmpstr (json_str (json_element (warehouses, 0), "warehouse_code"), ==, "MAIN");
  g_assert_cmpstr (json_str (json_element (warehouses, 1), "warehouse_code"), ==, "EAST");
  table = run_ok (f, "product", "stock", "SKU-A", "--channel", "Bulk", NULL);
  g_assert_nonnull (strstr (table, "East (2)"));
  linked = g_strdup (strstr (table, "In group Default Warehouse Group  10"));
  g_assert_nonnull (linked);

  /* the stock rule: MAIN is preferred but has 2 of the 5 */
  setup = run_ok (f, "warehouse-group", "rule", "Default Warehouse Group", "stock", NULL);
  number = run_ok (f, "order", "create", "--channel", "Bulk", "--customer", "Acme Corp", "--line", "SKU-A:5",
                   "--post", NULL);
  g_strchomp (number);
  pushed = run_ok (f, "sync", "--once", NULL);
  order = run_json (f, "order", "show", number, NULL);
  g_assert_cmpstr (json_str (json_member (order, "ship_from"), "warehouse_code"), ==, "EAST");
  g_assert_cmpstr (json_str (json_member (order, "ship_from"), "rule"), ==, "stock");
  shown = run_ok (f, "order", "show", number, NULL);
  g_assert_nonnull (strstr (shown, "Ships from East (stock rule: East has every line in stock; "
                                   "Main Warehouse lacks SKU-A)"));
  sandbox_stop (sandbox);
}

/* `warehouse-group rule` and `channel --when-short`, and what they refuse */
static void
test_rule_and_when_short (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(JsonNode) groups = NULL;
  g_autoptr(JsonNode) created = NULL;
  g_autoptr(JsonNode) edited = NULL;
  g_autoptr(Result) bad_rule = NULL;
  g_autoptr(Result) bad_short = NULL;
  g_autofree char *shown = NULL;

  groups = run_json (f, "warehouse-group", "list", NULL);
  g_assert_cmpstr (json_str (json_element (groups, 0), "ship_from_rule"), ==, "preference");
  g_free (run_ok (f, "warehouse-group", "rule", "Default Warehouse Group", "stock", NULL));
  g_clear_pointer (&groups, json_node_unref);
  groups = run_json (f, "warehouse-group", "list", NULL);
  g_assert_cmpstr (json_str (json_element (groups, 0), "ship_from_rule"), ==, "stock");
  bad_rule = run (f, "warehouse-group", "rule", "Default Warehouse Group", "cheapest", NULL);
  g_assert_cmpint (bad_rule->status, ==, 2);
  g_assert_nonnull (strstr (bad_rule->err, "Ship-from rule “cheapest” is not known"));

  created = run_json (f, "channel", "create", "--name", "Retail", NULL);
  g_assert_cmpstr (json_str (created, "when_short"), ==, "hold");
  edited = run_json (f, "channel", "edit", "Retail", "--when-short", "split", NULL);
  g_assert_cmpstr (json_str (edited, "when_short"), ==, "split");
  shown = run_ok (f, "channel", "show", "Retail", NULL);
  g_assert_nonnull (strstr (shown, "split the order between warehouses"));
  bad_short = run (f, "channel", "edit", "Retail", "--when-short", "sometimes", NULL);
  g_assert_cmpint (bad_short->status, !=, 0);
  g_assert_nonnull (strstr (bad_short->err, "When short “sometimes” is not one of: hold, split"));
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
  g_test_add ("/cli/product/stock-channel-group", Fixture, NULL, fixture_set_up, test_channel_group,
              fixture_tear_down);
  g_test_add ("/cli/warehouse-group/rule-and-when-short", Fixture, NULL, fixture_set_up, test_rule_and_when_short,
              fixture_tear_down);
  g_test_add ("/cli/product/stock-usage", Fixture, NULL, fixture_set_up, test_usage, fixture_tear_down);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A shipment marked by hand on an order sent to ShipStation, then one the
 * warehouse reports with another tracking number: `order ship` asks for
 * --force, `order show` lists the conflict, `order resolve` keeps
 * one side. Needs a keyring (.ci/session); skipped without one.
 */
#include <string.h>

#include "lumctl-test.h"

static void
add_wholesale (Fixture *f)
{
  g_autofree char *a = run_ok (f, "customer", "add", "--name", "Acme Corp", "--email", "buyer@acme.test",
                               "--ship-street1", "1 Main St", "--ship-city", "Springfield", "--ship-state", "IL",
                               "--ship-postal-code", "62704", "--ship-country", "US", NULL);
  g_autofree char *b = run_ok (f, "product", "add", "--sku", "W-1", "--name", "Widget", "--price", "10.00", NULL);
  g_autofree char *c = run_ok (f, "channel", "create", "--name", "Wholesale", "--internal", "--push-to-oms",
                               "--integration", "Sandbox ShipStation", "--store", "1001", "--store-name", "Wholesale",
                               "--push-delay", "", "--fulfillment-updates", NULL);
}

static void
test_ship_pushed_order_then_conflict (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(Sandbox) sandbox = NULL;
  g_autofree char *number = NULL;
  g_autofree char *pushed = NULL;
  g_autofree char *shipped = NULL;
  g_autofree char *warehouse = NULL;
  g_autofree char *polled = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *resolved = NULL;
  g_autoptr(JsonNode) order = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(Result) unforced = NULL;
  JsonNode *conflict;
  const char *bad_keep[] = { "order", "resolve", "SO-000001", "--keep", "theirs", NULL };
  const char *again[] = { "order", "resolve", "SO-000001", "--keep", "mine", NULL };

  if (!keyring_available ())
    return;
  sandbox = sandbox_start (f);
  add_wholesale (f);
  number = run_ok (f, "order", "create", "--channel", "Wholesale", "--customer", "Acme Corp", "--line", "W-1:2",
                   "--post", NULL);
  g_assert_cmpstr (number, ==, "SO-000001\n");
  pushed = run_ok (f, "sync", "--once", NULL);

  /* sent to ShipStation: shipping it by hand needs --force */
  unforced = run (f, "order", "ship", "SO-000001", "--carrier", "UPS", "--tracking", "1ZMINE", NULL);
  g_assert_cmpint (unforced->status, ==, 1);
  assert_one_error_line (unforced->err, "Sales order SO-000001 was sent to an OMS (push: pushed): its warehouse may "
                                        "report a shipment of its own");
  g_assert_nonnull (strstr (unforced->err, "--force"));
  shipped = run_ok (f, "order", "ship", "SO-000001", "--carrier", "UPS", "--tracking", "1ZMINE", "--force", NULL);
  g_assert_nonnull (strstr (shipped, "Shipment of SO-000001 recorded"));

  warehouse = run_ok (f, "sandbox", "ship", "SO-000001", "--url", sandbox->url, "--tracking", "1ZWAREHOUSE",
                      "--carrier", "ups", NULL);
  polled = run_ok (f, "sync", "--once", NULL);

  order = run_json (f, "order", "show", "SO-000001", NULL);
  g_assert_cmpuint (json_length (json_member (order, "shipment_conflicts")), ==, 1);
  conflict = json_element (json_member (order, "shipment_conflicts"), 0);
  g_assert_cmpstr (json_str (conflict, "warehouse_tracking_number"), ==, "1ZWAREHOUSE");
  g_assert_cmpstr (json_str (conflict, "recorded_tracking_number"), ==, "1ZMINE");
  g_assert_null (json_str (conflict, "resolution"));
  g_assert_cmpstr (json_str (json_element (json_member (order, "shipments"), 0), "tracking_number"), ==, "1ZMINE");

  shown = run_ok (f, "order", "show", "SO-000001", NULL);
  g_assert_nonnull (strstr (shown, "Shipment conflicts:"));
  g_assert_nonnull (strstr (shown, "ups 1ZWAREHOUSE"));
  g_assert_nonnull (strstr (shown, "UPS 1ZMINE"));
  g_assert_nonnull (strstr (shown, "tracking number"));
  g_assert_nonnull (strstr (shown, "The warehouse reported its own shipment, tracking 1ZWAREHOUSE"));
  /* no event by its key */
  g_assert_null (strstr (shown, "shipment.conflict"));
  g_assert_null (strstr (shown, "shipment.refused"));

  assert_refused (f, 2, "--keep “theirs” is not one of: warehouse, mine", bad_keep);
  resolved = run_ok (f, "order", "resolve", "SO-000001", "--keep", "warehouse", NULL);
  g_assert_cmpstr (resolved, ==,
                   "Shipment conflict of SO-000001 resolved: kept tracking 1ZWAREHOUSE; 1ZMINE stays on record.\n");
  after = run_json (f, "order", "show", "SO-000001", NULL);
  g_assert_cmpstr (json_str (json_element (json_member (after, "shipments"), 0), "tracking_number"), ==,
                   "1ZWAREHOUSE");
  conflict = json_element (json_member (after, "shipment_conflicts"), 0);
  g_assert_cmpstr (json_str (conflict, "resolution"), ==, "warehouse");
  g_assert_cmpstr (json_str (conflict, "recorded_tracking_number"), ==, "1ZMINE");
  assert_refused (f, 1, "Sales order SO-000001 has no open shipment conflict", again);
  sandbox_stop (sandbox);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add ("/cli/order/shipment-conflict", Fixture, NULL, fixture_set_up, test_ship_pushed_order_then_conflict,
              fixture_tear_down);
  return g_test_run ();
}

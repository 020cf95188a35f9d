/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "lumctl-test.h"

#include <string.h>

#include "store/lum-db.h"

/*
 * `lumenctl order show` of a split order against `lumenctl sandbox
 * --register`: its fulfillment orders with their warehouse, lines, state
 * and tracking, in text and in --json.
 */

static void
ok (Fixture    *f,
    const char *first,
    ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(Result) result = NULL;
  va_list ap;

  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer)a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  result = run_argv (NULL, f->db_path, (const char * const *)args->pdata);
  if (result->status != 0)
    g_error ("lumenctl %s: %s", first, result->err);
}

/* The channel splits an order no single warehouse can ship whole. */
static void
set_split (Fixture    *f,
           const char *channel)
{
  ok (f, "channel", "edit", channel, "--when-short", "split", NULL);
}

static void
test_split_show (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(Sandbox) sandbox = NULL;
  g_autoptr(JsonNode) s1 = NULL;
  g_autoptr(JsonNode) s2 = NULL;
  g_autoptr(JsonNode) s3 = NULL;
  g_autoptr(JsonNode) closed = NULL;
  g_autoptr(JsonNode) order = NULL;
  g_autoptr(JsonNode) shipped = NULL;
  g_autofree char *number = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *close = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *shown_after = NULL;
  JsonNode *fulfillments;

  if (!keyring_available ())
    {
      g_test_skip ("needs a Secret Service: run in .ci/session");
      return;
    }
  sandbox = sandbox_start (f);
  s1 = sandbox_control (sandbox, "POST", "/extensiv/stock", "{\"facilityId\": 2, \"sku\": \"SKU-A\", \"onHand\": 5}");
  s2 = sandbox_control (sandbox, "POST", "/extensiv/stock", "{\"facilityId\": 2, \"sku\": \"SKU-B\", \"onHand\": 1}");
  s3 = sandbox_control (sandbox, "POST", "/extensiv/stock", "{\"facilityId\": 1, \"sku\": \"SKU-B\", \"onHand\": 9}");
  ok (f, "customer", "add", "--name", "Acme Corp", "--email", "buyer@acme.test", "--ship-street1", "1 Main St",
      "--ship-city", "Springfield", "--ship-state", "IL", "--ship-postal-code", "62704", "--ship-country", "US", NULL);
  ok (f, "product", "add", "--sku", "SKU-A", "--name", "Widget", "--price", "10.00", NULL);
  ok (f, "product", "add", "--sku", "SKU-B", "--name", "Gadget", "--price", "4.00", NULL);
  ok (f, "channel", "create", "--name", "3PL Channel", "--internal", "--push-to-oms", "--integration", "Sandbox 3PL",
      "--store", "1:1", "--push-delay", "", "--fulfillment-updates", "--flow", "so-first", "--invoice-timing", "shipment-created", NULL);
  ok (f, "warehouse", "add", "EAST", "East", NULL);
  ok (f, "warehouse-group", "members", "Default Warehouse Group", "EAST", "MAIN", NULL);
  ok (f, "warehouse", "link", "EAST", "Sandbox 3PL", "2", NULL);
  ok (f, "warehouse", "link", "MAIN", "Sandbox 3PL", "1", NULL);
  ok (f, "product", "stock", "SKU-A", "--refresh", NULL);
  ok (f, "product", "stock", "SKU-B", "--refresh", NULL);
  set_split (f, "3PL Channel");

  number = g_strchomp (run_ok (f, "order", "create", "--channel", "3PL Channel", "--customer", "Acme Corp",
                               "--line", "SKU-A:2", "--line", "SKU-B:3", "--post", NULL));
  first = g_strdup_printf ("%s-1", number);
  second = g_strdup_printf ("%s-2", number);
  ok (f, "sync", "--once", NULL);

  order = run_json (f, "order", "show", number, "--json", NULL);
  fulfillments = json_member (order, "fulfillments");
  g_assert_cmpuint (json_length (fulfillments), ==, 2);
  g_assert_cmpstr (json_str (json_element (fulfillments, 0), "number"), ==, first);
  g_assert_cmpstr (json_str (json_element (fulfillments, 0), "warehouse_code"), ==, "EAST");
  g_assert_cmpstr (json_str (json_element (fulfillments, 0), "push_state"), ==, "pushed");
  g_assert_cmpstr (json_str (json_element (json_member (json_element (fulfillments, 1), "lines"), 0), "sku"), ==,
                   "SKU-B");
  shown = run_ok (f, "order", "show", number, NULL);
  g_assert_nonnull (strstr (shown, "Fulfillment orders:"));
  g_assert_nonnull (strstr (shown, first));
  g_assert_nonnull (strstr (shown, "SKU-A × 2"));

  close = g_strdup_printf ("{\"referenceNum\": \"%s\", \"trackingNumber\": \"1ZSPLIT2\"}", second);
  closed = sandbox_control (sandbox, "POST", "/extensiv/close", close);
  ok (f, "sync", "--once", NULL);
  shipped = run_json (f, "order", "show", number, "--json", NULL);
  g_assert_cmpstr (json_str (shipped, "fulfillment_status"), ==, "partially-fulfilled");
  g_assert_cmpstr (json_str (json_element (json_member (shipped, "fulfillments"), 1), "tracking_number"), ==,
                   "1ZSPLIT2");
  shown_after = run_ok (f, "order", "show", number, NULL);
  g_assert_nonnull (strstr (shown_after, "1ZSPLIT2"));
  g_assert_nonnull (strstr (shown_after, "shipped"));
  sandbox_stop (sandbox);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add ("/cli/order/split-show", Fixture, NULL, fixture_set_up, test_split_show, fixture_tear_down);
  return g_test_run ();
}

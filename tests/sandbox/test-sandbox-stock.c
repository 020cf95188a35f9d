/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "sandbox-test-util.h"

#include <string.h>

/* Stock in the sandbox's OMSs: set through the control endpoints, read as
 * ShipStation API V2 (GET /v2/inventory) and Extensiv (GET
 * /inventory/stocksummaries) answer, as strictly as their descriptions. */

static SbResponse *
v2 (SbFixture  *f,
    const char *path)
{
  g_autofree char *full = g_strconcat ("/shipstation", path, NULL);
  return sb_send_with_header (f, "GET", full, "API-Key", LUM_SANDBOX_SHIPSTATION_KEY, NULL);
}

static SbResponse *
extensiv (SbFixture  *f,
          const char *path)
{
  static const char token_body[] =
    "{\"grant_type\": \"client_credentials\", \"tpl\": \"" LUM_SANDBOX_EXTENSIV_TPL "\","
    " \"user_login_id\": \"" LUM_SANDBOX_EXTENSIV_USER_LOGIN_ID "\"}";
  g_autofree char *basic = sb_basic (LUM_SANDBOX_EXTENSIV_CLIENT_ID, LUM_SANDBOX_EXTENSIV_CLIENT_SECRET);
  g_autoptr(SbResponse) token = sb_send (f, "POST", "/extensiv/AuthServer/api/Token", basic, token_body);
  g_autofree char *bearer = NULL;
  g_autofree char *full = g_strconcat ("/extensiv", path, NULL);

  g_assert_cmpuint (token->status, ==, 200);
  bearer = sb_bearer (json_object_get_string_member (sb_object (token), "access_token"));
  return sb_send (f, "GET", full, bearer, NULL);
}

static void
set_v2 (SbFixture  *f,
        const char *sku,
        const char *warehouse,
        const char *location,
        int         on_hand,
        int         allocated)
{
  g_autofree char *body = g_strdup_printf ("{\"sku\": \"%s\", \"inventory_warehouse_id\": \"%s\","
                                           " \"inventory_location_id\": \"%s\", \"on_hand\": %d,"
                                           " \"allocated\": %d}",
                                           sku, warehouse, location, on_hand, allocated);
  g_autoptr(JsonNode) answer = sb_control (f, "/shipstation/inventory", body, 200);

  g_assert_cmpint (json_object_get_int_member (json_node_get_object (answer), "available"), ==, on_hand - allocated);
}

static const char *
v2_error (SbResponse *response)
{
  JsonArray *errors = json_object_get_array_member (sb_object (response), "errors");
  return json_object_get_string_member (json_array_get_object_element (errors, 0), "message");
}

static void
test_v2_inventory (SbFixture     *f,
                   gconstpointer  data)
{
  g_autoptr(SbResponse) all = NULL;
  g_autoptr(SbResponse) by_warehouse = NULL;
  g_autoptr(SbResponse) one = NULL;
  JsonArray *rows;
  JsonObject *row;

  set_v2 (f, "WID-1", "wh-east", "bin-1", 10, 2);
  set_v2 (f, "WID-1", "wh-east", "bin-2", 5, 0);
  set_v2 (f, "WID-1", "wh-west", "bin-9", 7, 7);
  set_v2 (f, "GAD-2", "wh-east", "bin-1", 3, 0);
  /* setting a location again replaces it */
  set_v2 (f, "GAD-2", "wh-east", "bin-1", 4, 1);

  all = v2 (f, "/v2/inventory");
  g_assert_cmpuint (all->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (sb_object (all), "total"), ==, 4);

  by_warehouse = v2 (f, "/v2/inventory?group_by=warehouse&sku=WID-1");
  g_assert_cmpuint (by_warehouse->status, ==, 200);
  rows = json_object_get_array_member (sb_object (by_warehouse), "inventory");
  g_assert_cmpuint (json_array_get_length (rows), ==, 2);
  row = json_array_get_object_element (rows, 0);
  g_assert_cmpstr (json_object_get_string_member (row, "inventory_warehouse_id"), ==, "wh-east");
  g_assert_cmpint (json_object_get_int_member (row, "on_hand"), ==, 15);
  g_assert_cmpint (json_object_get_int_member (row, "allocated"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (row, "available"), ==, 13);
  g_assert_false (json_object_has_member (row, "inventory_location_id"));
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (rows, 1), "available"), ==, 0);

  one = v2 (f, "/v2/inventory?inventory_warehouse_id=wh-east&inventory_location_id=bin-1&sku=GAD-2");
  rows = json_object_get_array_member (sb_object (one), "inventory");
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (rows, 0), "available"), ==, 3);
}

static void
test_v2_pages_by_links (SbFixture     *f,
                        gconstpointer  data)
{
  g_autoptr(SbResponse) first = NULL;
  g_autoptr(SbResponse) second = NULL;
  JsonObject *links;
  const char *next;

  for (int i = 0; i < 5; i++)
    {
      g_autofree char *sku = g_strdup_printf ("SKU-%d", i);
      set_v2 (f, sku, "wh-east", "bin-1", i + 1, 0);
    }
  first = v2 (f, "/v2/inventory?group_by=warehouse&limit=2");
  g_assert_cmpint (json_object_get_int_member (sb_object (first), "pages"), ==, 3);
  links = json_object_get_object_member (sb_object (first), "links");
  next = json_object_get_string_member (json_object_get_object_member (links, "next"), "href");
  g_assert_nonnull (strstr (next, "page=2"));
  g_assert_nonnull (strstr (next, "limit=2"));
  second = v2 (f, next);
  g_assert_cmpuint (second->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (sb_object (second), "page"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (sb_object (second), "inventory"), 0), "sku"), ==, "SKU-2");
}

static void
test_v2_strict (SbFixture     *f,
                gconstpointer  data)
{
  g_autoptr(SbResponse) unknown = v2 (f, "/v2/inventory?page_size=10");
  g_autoptr(SbResponse) group = v2 (f, "/v2/inventory?group_by=sku");
  g_autoptr(SbResponse) limit = v2 (f, "/v2/inventory?limit=0");
  g_autoptr(SbResponse) no_key = sb_send (f, "GET", "/shipstation/v2/inventory", NULL, NULL);
  g_autoptr(JsonNode) missing = sb_control (f, "/shipstation/inventory", "{\"sku\": \"WID-1\", \"on_hand\": 1}", 400);
  g_autoptr(JsonNode) over = sb_control (f, "/shipstation/inventory",
                                         "{\"sku\": \"WID-1\", \"inventory_warehouse_id\": \"w\", \"on_hand\": 1,"
                                         " \"allocated\": 2}", 400);
  g_autoptr(JsonNode) negative = sb_control (f, "/shipstation/inventory",
                                             "{\"sku\": \"WID-1\", \"inventory_warehouse_id\": \"w\", \"on_hand\": -1}",
                                             400);

  g_assert_cmpuint (unknown->status, ==, 400);
  g_assert_nonnull (strstr (v2_error (unknown), "page_size"));
  g_assert_cmpuint (group->status, ==, 400);
  g_assert_nonnull (strstr (v2_error (group), "group_by"));
  g_assert_cmpuint (limit->status, ==, 400);
  g_assert_cmpuint (no_key->status, ==, 401);
}

static void
test_extensiv_summaries (SbFixture     *f,
                         gconstpointer  data)
{
  g_autoptr(JsonNode) facility = sb_control (f, "/extensiv/facilities", "{\"name\": \"West\", \"id\": 3}", 200);
  g_autoptr(JsonNode) set1 = sb_control (f, "/extensiv/stock",
                                         "{\"facilityId\": 1, \"sku\": \"WID-1\", \"onHand\": 12, \"allocated\": 2}", 200);
  g_autoptr(JsonNode) set2 = sb_control (f, "/extensiv/stock",
                                         "{\"facilityId\": 2, \"sku\": \"WID-1\", \"onHand\": 4}", 200);
  g_autoptr(JsonNode) set3 = sb_control (f, "/extensiv/stock",
                                         "{\"facilityId\": 1, \"sku\": \"GAD-2\", \"onHand\": 1}", 200);
  g_autoptr(SbResponse) all = extensiv (f, "/inventory/stocksummaries");
  g_autoptr(SbResponse) page = extensiv (f, "/inventory/stocksummaries?pgsiz=2&pgnum=2");
  g_autoptr(SbResponse) filtered = extensiv (f, "/inventory/stocksummaries?rql=facilityId%3D%3D2");
  JsonArray *summaries;
  JsonObject *summary;

  g_assert_cmpuint (all->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (sb_object (all), "totalResults"), ==, 3);
  summaries = json_object_get_array_member (sb_object (all), "summaries");
  summary = json_array_get_object_element (summaries, 0);
  g_assert_cmpint (json_object_get_int_member (summary, "facilityId"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (summary, "sku"), ==, "WID-1");
  g_assert_true (json_object_has_member (summary, "itemId"));
  g_assert_cmpint (json_object_get_int_member (summary, "onHand"), ==, 12);
  g_assert_cmpint (json_object_get_int_member (summary, "available"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (summary, "allocated"), ==, 2);
  g_assert_true (json_object_has_member (summary, "committed"));

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sb_object (page), "summaries")), ==, 1);
  summaries = json_object_get_array_member (sb_object (filtered), "summaries");
  g_assert_cmpuint (json_array_get_length (summaries), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (summaries, 0), "available"), ==, 4);
}

static void
test_extensiv_strict (SbFixture     *f,
                      gconstpointer  data)
{
  g_autoptr(SbResponse) unknown = extensiv (f, "/inventory/stocksummaries?sku=WID-1");
  g_autoptr(SbResponse) sort = extensiv (f, "/inventory/stocksummaries?sort=sku");
  g_autoptr(SbResponse) size = extensiv (f, "/inventory/stocksummaries?pgsiz=0");
  g_autoptr(SbResponse) no_token = sb_send (f, "GET", "/extensiv/inventory/stocksummaries", NULL, NULL);
  g_autoptr(JsonNode) no_facility = sb_control (f, "/extensiv/stock",
                                                "{\"facilityId\": 9, \"sku\": \"WID-1\", \"onHand\": 1}", 404);
  g_autoptr(JsonNode) no_item = sb_control (f, "/extensiv/stock",
                                            "{\"facilityId\": 1, \"sku\": \"NOPE\", \"onHand\": 1}", 404);

  g_assert_cmpuint (unknown->status, ==, 400);
  g_assert_cmpstr (json_object_get_string_member (sb_object (unknown), "ErrorCode"), ==, "InvalidParameter");
  g_assert_cmpuint (sort->status, ==, 400);
  g_assert_cmpuint (size->status, ==, 400);
  g_assert_cmpuint (no_token->status, ==, 401);
}

static void
test_reset_clears (SbFixture     *f,
                   gconstpointer  data)
{
  g_autoptr(JsonNode) reset = NULL;
  g_autoptr(SbResponse) v2_after = NULL;
  g_autoptr(SbResponse) extensiv_after = NULL;
  g_autoptr(JsonNode) set = sb_control (f, "/extensiv/stock", "{\"facilityId\": 1, \"sku\": \"WID-1\", \"onHand\": 1}",
                                        200);

  set_v2 (f, "WID-1", "wh-east", "bin-1", 1, 0);
  reset = sb_control (f, "/reset", "{}", 200);
  v2_after = v2 (f, "/v2/inventory");
  extensiv_after = extensiv (f, "/inventory/stocksummaries");
  g_assert_cmpint (json_object_get_int_member (sb_object (v2_after), "total"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (sb_object (extensiv_after), "totalResults"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, SbFixture, NULL, sb_fixture_setup, func, sb_fixture_teardown)

  ADD ("/sandbox/stock/v2-inventory", test_v2_inventory);
  ADD ("/sandbox/stock/v2-pages-by-links", test_v2_pages_by_links);
  ADD ("/sandbox/stock/v2-strict", test_v2_strict);
  ADD ("/sandbox/stock/extensiv-summaries", test_extensiv_summaries);
  ADD ("/sandbox/stock/extensiv-strict", test_extensiv_strict);
  ADD ("/sandbox/stock/reset-clears", test_reset_clears);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "sandbox-test-util.h"

#include <string.h>

#define AUTH_KEY LUM_SANDBOX_SHIPSTATION_KEY
#define AUTH_SECRET LUM_SANDBOX_SHIPSTATION_SECRET

static char *
auth (void)
{
  return sb_basic (AUTH_KEY, AUTH_SECRET);
}

/* A valid order; @key and @store may be NULL / 0. */
static JsonObject *
new_order (const char *number,
           const char *key,
           gint64      store)
{
  g_autofree char *json = g_strdup_printf (
    "{\"orderNumber\": \"%s\", \"orderDate\": \"2027-01-05T10:00:00\","
    " \"orderStatus\": \"awaiting_shipment\","
    " \"billTo\": {\"name\": \"Ada Buyer\", \"company\": \"Buyer Co\"},"
    " \"shipTo\": {\"name\": \"Ada Buyer\", \"street1\": \"1 Main St\", \"city\": \"Springfield\","
    "              \"postalCode\": \"12345\", \"country\": \"US\", \"residential\": false},"
    " \"items\": [{\"sku\": \"WID-1\", \"name\": \"Widget\", \"quantity\": 3, \"unitPrice\": 2.5},"
    "             {\"sku\": \"GAD-2\", \"name\": \"Gadget\", \"quantity\": 1, \"unitPrice\": 10.0}],"
    " \"shippingNotes\": \"Leave at dock 4\","
    " \"advancedOptions\": {\"customField1\": \"PO-77\"}}", number);
  JsonObject *order = sb_parse_object (json);

  if (key != NULL)
    json_object_set_string_member (order, "orderKey", key);
  if (store != 0)
    json_object_set_int_member (json_object_get_object_member (order, "advancedOptions"), "storeId", store);
  return order;
}

static char *
to_json (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}

static SbResponse *
create_order (SbFixture  *f,
              JsonObject *order)
{
  g_autofree char *authorization = auth ();
  g_autofree char *body = to_json (order);

  return sb_send (f, "POST", "/shipstation/orders/createorder", authorization, body);
}

static void
assert_model_state (SbResponse *response,
                    const char *key,
                    const char *needle)
{
  JsonObject *object = sb_object (response);
  JsonObject *state;
  JsonArray *messages;

  g_assert_cmpuint (response->status, ==, 400);
  g_assert_cmpstr (json_object_get_string_member (object, "Message"), ==, "The request is invalid.");
  state = json_object_get_object_member (object, "ModelState");
  g_assert_nonnull (state);
  g_assert_true (json_object_has_member (state, key));
  messages = json_object_get_array_member (state, key);
  g_assert_cmpuint (json_array_get_length (messages), ==, 1);
  g_assert_nonnull (strstr (json_array_get_string_element (messages, 0), needle));
}

static void
test_auth (SbFixture     *f,
           gconstpointer  data)
{
  g_autofree char *good = auth ();
  g_autofree char *bad = sb_basic (AUTH_KEY, "wrong");
  g_autofree char *other = sb_basic ("key-2", "secret-2");
  g_autoptr(SbResponse) none = sb_send (f, "GET", "/shipstation/stores", NULL, NULL);
  g_autoptr(SbResponse) wrong = sb_send (f, "GET", "/shipstation/stores", bad, NULL);
  g_autoptr(SbResponse) ok = sb_send (f, "GET", "/shipstation/stores", good, NULL);
  g_autoptr(SbResponse) old = NULL;
  g_autoptr(SbResponse) renewed = NULL;
  JsonArray *stores;

  g_assert_cmpuint (none->status, ==, 401);
  g_assert_cmpstr (json_object_get_string_member (sb_object (none), "Message"), ==,
                   "Authorization has been denied for this request.");
  g_assert_null (sb_header (none, "X-Rate-Limit-Limit"));
  g_assert_cmpuint (wrong->status, ==, 401);
  g_assert_cmpuint (ok->status, ==, 200);
  stores = sb_array (ok);
  g_assert_cmpuint (json_array_get_length (stores), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (stores, 0), "storeId"), ==, 1001);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (stores, 0), "storeName"), ==,
                   "Wholesale");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (stores, 1), "storeId"), ==, 1002);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (stores, 1), "storeName"), ==,
                   "Retail");

  lum_sandbox_set_shipstation_credentials (f->sandbox, "key-2", "secret-2");
  old = sb_send (f, "GET", "/shipstation/stores", good, NULL);
  renewed = sb_send (f, "GET", "/shipstation/stores", other, NULL);
  g_assert_cmpuint (old->status, ==, 401);
  g_assert_cmpuint (renewed->status, ==, 200);
}

static void
test_required_fields (SbFixture     *f,
                      gconstpointer  data)
{
  const char *required[] = { "orderNumber", "orderDate", "orderStatus", "billTo", "shipTo" };

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      g_autoptr(JsonObject) missing = new_order ("SO-1", NULL, 0);
      g_autoptr(JsonObject) null_valued = new_order ("SO-1", NULL, 0);
      g_autoptr(SbResponse) r1 = NULL;
      g_autoptr(SbResponse) r2 = NULL;
      g_autofree char *key = g_strdup_printf ("apiOrder.%s", required[i]);
      g_autofree char *message = g_strdup_printf ("The %s field is required.", required[i]);

      json_object_remove_member (missing, required[i]);
      json_object_set_null_member (null_valued, required[i]);
      r1 = create_order (f, missing);
      r2 = create_order (f, null_valued);
      assert_model_state (r1, key, message);
      assert_model_state (r2, key, message);
    }
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "shipstation", "orders"), ==, 0);
}

static void
test_field_values (SbFixture     *f,
                   gconstpointer  data)
{
  g_autoptr(JsonObject) status = new_order ("SO-1", NULL, 0);
  g_autoptr(JsonObject) date = new_order ("SO-1", NULL, 0);
  g_autoptr(JsonObject) bill_to = new_order ("SO-1", NULL, 0);
  g_autoptr(JsonObject) items = new_order ("SO-1", NULL, 0);
  g_autoptr(JsonObject) no_sku = new_order ("SO-1", NULL, 0);
  g_autoptr(JsonObject) zero = new_order ("SO-1", NULL, 0);
  g_autoptr(JsonObject) text_quantity = new_order ("SO-1", NULL, 0);
  g_autoptr(SbResponse) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL, r5 = NULL, r6 = NULL, r7 = NULL;
  JsonObject *item;

  json_object_set_string_member (status, "orderStatus", "teleported");
  json_object_set_string_member (date, "orderDate", "yesterday-ish");
  json_object_set_string_member (bill_to, "billTo", "1 Main St");
  json_object_set_object_member (items, "items", json_object_new ());
  json_object_remove_member (json_array_get_object_element (json_object_get_array_member (no_sku, "items"), 1),
                             "sku");
  item = json_array_get_object_element (json_object_get_array_member (zero, "items"), 0);
  json_object_set_int_member (item, "quantity", 0);
  item = json_array_get_object_element (json_object_get_array_member (text_quantity, "items"), 0);
  json_object_set_string_member (item, "quantity", "three");

  r1 = create_order (f, status);
  assert_model_state (r1, "apiOrder.orderStatus", "'teleported'");
  r2 = create_order (f, date);
  assert_model_state (r2, "apiOrder.orderDate", "yesterday-ish");
  r3 = create_order (f, bill_to);
  assert_model_state (r3, "apiOrder.billTo", "an object");
  r4 = create_order (f, items);
  assert_model_state (r4, "apiOrder.items", "an array");
  r5 = create_order (f, no_sku);
  assert_model_state (r5, "apiOrder.items[1].sku", "The sku field is required.");
  r6 = create_order (f, zero);
  assert_model_state (r6, "apiOrder.items[0].quantity", "between 1 and");
  r7 = create_order (f, text_quantity);
  assert_model_state (r7, "apiOrder.items[0].quantity", "an integer");
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "shipstation", "orders"), ==, 0);
}

static void
test_unknown_store (SbFixture     *f,
                    gconstpointer  data)
{
  g_autoptr(JsonObject) order = new_order ("SO-9", "key-9", 9999);
  g_autoptr(SbResponse) refused = create_order (f, order);
  g_autoptr(SbResponse) accepted = NULL;
  g_autoptr(JsonObject) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *message;

  g_assert_cmpuint (refused->status, ==, 400);
  message = json_object_get_string_member (sb_object (refused), "ExceptionMessage");
  g_assert_nonnull (strstr (message, "store"));
  g_assert_nonnull (strstr (message, "9999"));
  g_assert_nonnull (strstr (message, "not found"));
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "shipstation", "orders"), ==, 0);

  store = lum_sandbox_shipstation_add_store (f->sandbox, "Trade Shows", &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (store, "storeId"), ==, 1003);
  json_object_set_int_member (json_object_get_object_member (order, "advancedOptions"), "storeId", 1003);
  accepted = create_order (f, order);
  g_assert_cmpuint (accepted->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (sb_object (accepted),
                                                                               "advancedOptions"),
                                               "storeId"), ==, 1003);
}

static void
test_upsert (SbFixture     *f,
             gconstpointer  data)
{
  g_autoptr(JsonObject) order = new_order ("SO-100", "uuid-100", 1002);
  g_autoptr(SbResponse) first = create_order (f, order);
  g_autoptr(SbResponse) second = NULL;
  g_autoptr(SbResponse) keyless_a = NULL;
  g_autoptr(SbResponse) keyless_b = NULL;
  g_autoptr(JsonObject) keyless = new_order ("SO-200", NULL, 0);
  JsonObject *answer;
  gint64 id;

  g_assert_cmpuint (first->status, ==, 200);
  answer = sb_object (first);
  id = json_object_get_int_member (answer, "orderId");
  g_assert_cmpint (id, >, 0);
  g_assert_cmpstr (json_object_get_string_member (answer, "orderKey"), ==, "uuid-100");
  g_assert_cmpstr (json_object_get_string_member (answer, "orderNumber"), ==, "SO-100");
  g_assert_cmpstr (json_object_get_string_member (answer, "orderStatus"), ==, "awaiting_shipment");
  /* Mapped fields are kept where they were sent. */
  g_assert_cmpstr (json_object_get_string_member (answer, "shippingNotes"), ==, "Leave at dock 4");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (answer, "advancedOptions"),
                                                  "customField1"), ==, "PO-77");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (answer, "items")), ==, 2);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (answer, "orderTotal"), 17.5, 0.001);

  json_object_set_string_member (order, "customerNotes", "Updated");
  json_object_set_string_member (order, "orderStatus", "on_hold");
  second = create_order (f, order);
  g_assert_cmpuint (second->status, ==, 200);
  answer = sb_object (second);
  g_assert_cmpint (json_object_get_int_member (answer, "orderId"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (answer, "customerNotes"), ==, "Updated");
  g_assert_cmpstr (json_object_get_string_member (answer, "orderStatus"), ==, "on_hold");
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "shipstation", "orders"), ==, 1);

  /* A renumbered order is found by its new number only. */
  json_object_set_string_member (order, "orderNumber", "SO-100-B");
  g_clear_pointer (&second, sb_response_free);
  second = create_order (f, order);
  g_assert_cmpint (json_object_get_int_member (sb_object (second), "orderId"), ==, id);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) old = lum_sandbox_shipstation_ship (f->sandbox, "SO-100", "ups", "1Z", NULL, &error);
    g_autoptr(JsonObject) renamed = NULL;

    g_assert_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_NOT_FOUND);
    g_clear_error (&error);
    renamed = lum_sandbox_shipstation_ship (f->sandbox, "SO-100-B", "ups", "1Z", NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (json_object_get_int_member (renamed, "orderId"), ==, id);
  }

  keyless_a = create_order (f, keyless);
  keyless_b = create_order (f, keyless);
  g_assert_cmpuint (keyless_a->status, ==, 200);
  g_assert_cmpuint (keyless_b->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (sb_object (keyless_a), "orderId"), !=,
                   json_object_get_int_member (sb_object (keyless_b), "orderId"));
  g_assert_cmpstr (json_object_get_string_member (sb_object (keyless_a), "orderKey"), !=,
                   json_object_get_string_member (sb_object (keyless_b), "orderKey"));
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "shipstation", "orders"), ==, 3);
}

static void
test_cancel (SbFixture     *f,
             gconstpointer  data)
{
  g_autoptr(JsonObject) order = new_order ("SO-300", "uuid-300", 0);
  g_autoptr(SbResponse) created = create_order (f, order);
  g_autoptr(SbResponse) cancelled = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) shipment = NULL;

  g_assert_cmpuint (created->status, ==, 200);
  json_object_set_string_member (order, "orderStatus", "cancelled");
  cancelled = create_order (f, order);
  g_assert_cmpuint (cancelled->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sb_object (cancelled), "orderStatus"), ==, "cancelled");
  shipment = lum_sandbox_shipstation_ship (f->sandbox, "SO-300", "ups", "1Z300", NULL, &error);
  g_assert_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_CONFLICT);
  g_assert_null (shipment);
}

static void
test_bulk (SbFixture     *f,
           gconstpointer  data)
{
  g_autofree char *authorization = auth ();
  g_autoptr(JsonArray) orders = json_array_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  g_autofree char *body = NULL;
  g_autoptr(SbResponse) mixed = NULL;
  g_autoptr(SbResponse) too_many = NULL;
  g_autoptr(SbResponse) hundred = NULL;
  g_autoptr(JsonObject) no_ship_to = new_order ("SO-2", "k2", 0);
  JsonArray *results;
  JsonObject *result;

  json_object_remove_member (no_ship_to, "shipTo");
  json_array_add_object_element (orders, new_order ("SO-1", "k1", 1001));
  json_array_add_object_element (orders, json_object_ref (no_ship_to));
  json_array_add_object_element (orders, new_order ("SO-3", "k3", 4242));
  json_array_add_string_element (orders, "not an order");
  json_node_set_array (node, orders);
  body = json_to_string (node, FALSE);
  mixed = sb_send (f, "POST", "/shipstation/orders/createorders", authorization, body);
  g_assert_cmpuint (mixed->status, ==, 200);
  g_assert_true (json_object_get_boolean_member (sb_object (mixed), "hasErrors"));
  results = json_object_get_array_member (sb_object (mixed), "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 4);

  result = json_array_get_object_element (results, 0);
  g_assert_true (json_object_get_boolean_member (result, "success"));
  g_assert_cmpint (json_object_get_int_member (result, "orderId"), >, 0);
  g_assert_cmpstr (json_object_get_string_member (result, "orderKey"), ==, "k1");
  g_assert_cmpstr (json_object_get_string_member (result, "orderNumber"), ==, "SO-1");
  g_assert_true (json_object_get_null_member (result, "errorMessage"));
  result = json_array_get_object_element (results, 1);
  g_assert_false (json_object_get_boolean_member (result, "success"));
  g_assert_cmpstr (json_object_get_string_member (result, "orderKey"), ==, "k2");
  g_assert_cmpstr (json_object_get_string_member (result, "errorMessage"), ==, "The shipTo field is required.");
  result = json_array_get_object_element (results, 2);
  g_assert_false (json_object_get_boolean_member (result, "success"));
  g_assert_nonnull (strstr (json_object_get_string_member (result, "errorMessage"), "4242 was not found"));
  result = json_array_get_object_element (results, 3);
  g_assert_false (json_object_get_boolean_member (result, "success"));
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "shipstation", "orders"), ==, 1);

  /* 101 orders: refused whole. */
  g_clear_pointer (&orders, json_array_unref);
  orders = json_array_new ();
  for (guint i = 0; i < 101; i++)
    {
      g_autofree char *number = g_strdup_printf ("B-%03u", i);
      json_array_add_object_element (orders, new_order (number, number, 0));
    }
  json_node_set_array (node, orders);
  g_free (body);
  body = json_to_string (node, FALSE);
  too_many = sb_send (f, "POST", "/shipstation/orders/createorders", authorization, body);
  g_assert_cmpuint (too_many->status, ==, 400);
  g_assert_true (json_object_has_member (json_object_get_object_member (sb_object (too_many), "ModelState"),
                                         "apiOrders"));
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "shipstation", "orders"), ==, 1);

  /* 100: all in. */
  json_array_remove_element (orders, 100);
  g_free (body);
  body = json_to_string (node, FALSE);
  hundred = sb_send (f, "POST", "/shipstation/orders/createorders", authorization, body);
  g_assert_cmpuint (hundred->status, ==, 200);
  g_assert_false (json_object_get_boolean_member (sb_object (hundred), "hasErrors"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sb_object (hundred), "results")), ==, 100);
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "shipstation", "orders"), ==, 101);
}

static guint
header_uint (SbResponse *response,
             const char *name)
{
  const char *value = sb_header (response, name);
  guint64 number = 0;

  g_assert_nonnull (value);
  g_assert_true (g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &number, NULL));
  return number;
}

static void
test_rate_limit (SbFixture     *f,
                 gconstpointer  data)
{
  g_autofree char *authorization = auth ();
  g_autofree char *second_key = sb_basic ("key-b", "secret-b");
  g_autoptr(SbResponse) refused = NULL;
  g_autoptr(SbResponse) other_key = NULL;
  g_autoptr(SbResponse) again = NULL;
  gint64 window_start = g_get_monotonic_time ();

  lum_sandbox_add_shipstation_credentials (f->sandbox, "key-b", "secret-b");
  lum_sandbox_set_rate_limit (f->sandbox, "shipstation", 5, 1500);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(SbResponse) response = sb_send (f, "GET", "/shipstation/stores", authorization, NULL);

      g_assert_cmpuint (response->status, ==, 200);
      g_assert_cmpuint (header_uint (response, "X-Rate-Limit-Limit"), ==, 5);
      g_assert_cmpuint (header_uint (response, "X-Rate-Limit-Remaining"), ==, 4 - i);
      g_assert_cmpuint (header_uint (response, "X-Rate-Limit-Reset"), >=, 1);
      g_assert_cmpuint (header_uint (response, "X-Rate-Limit-Reset"), <=, 2);
    }
  refused = sb_send (f, "GET", "/shipstation/stores", authorization, NULL);
  g_assert_cmpuint (refused->status, ==, 429);
  g_assert_cmpuint (header_uint (refused, "X-Rate-Limit-Limit"), ==, 5);
  g_assert_cmpuint (header_uint (refused, "X-Rate-Limit-Remaining"), ==, 0);
  g_assert_cmpuint (header_uint (refused, "X-Rate-Limit-Reset"), >=, 1);

  other_key = sb_send (f, "GET", "/shipstation/stores", second_key, NULL);
  g_assert_cmpuint (other_key->status, ==, 200);
  g_assert_cmpuint (header_uint (other_key, "X-Rate-Limit-Remaining"), ==, 4);

  /* After the window, the first key is served again. */
  sb_sleep_ms (1500 - MIN (1400, (g_get_monotonic_time () - window_start) / 1000) + 100);
  again = sb_send (f, "GET", "/shipstation/stores", authorization, NULL);
  g_assert_cmpuint (again->status, ==, 200);
  g_assert_cmpuint (header_uint (again, "X-Rate-Limit-Remaining"), ==, 4);
  g_assert_cmpuint (lum_sandbox_count_requests (f->sandbox, "shipstation", "GET", "/stores"), ==, 8);
}

static void
test_list_orders (SbFixture     *f,
                  gconstpointer  data)
{
  g_autofree char *authorization = auth ();
  g_autoptr(SbResponse) by_number = NULL;
  g_autoptr(SbResponse) by_store = NULL;
  g_autoptr(SbResponse) page_two = NULL;
  g_autoptr(SbResponse) held = NULL;

  lum_sandbox_set_rate_limit (f->sandbox, "shipstation", 0, 1000);
  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *number = g_strdup_printf ("L-%u", i);
      g_autoptr(JsonObject) order = new_order (number, number, i % 2 == 0 ? 1001 : 1002);
      g_autoptr(SbResponse) response = NULL;

      if (i == 3)
        json_object_set_string_member (order, "orderStatus", "on_hold");
      response = create_order (f, order);
      g_assert_cmpuint (response->status, ==, 200);
    }
  by_number = sb_send (f, "GET", "/shipstation/orders?orderNumber=L-4", authorization, NULL);
  g_assert_cmpuint (by_number->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (sb_object (by_number), "total"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (sb_object (by_number), "orders"), 0), "orderNumber"), ==, "L-4");
  by_store = sb_send (f, "GET", "/shipstation/orders?storeId=1002", authorization, NULL);
  g_assert_cmpint (json_object_get_int_member (sb_object (by_store), "total"), ==, 3);
  page_two = sb_send (f, "GET", "/shipstation/orders?pageSize=3&page=2", authorization, NULL);
  g_assert_cmpint (json_object_get_int_member (sb_object (page_two), "total"), ==, 7);
  g_assert_cmpint (json_object_get_int_member (sb_object (page_two), "pages"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (sb_object (page_two), "page"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (sb_object (page_two), "orders"), 0), "orderNumber"), ==, "L-3");
  held = sb_send (f, "GET", "/shipstation/orders?orderStatus=on_hold", authorization, NULL);
  g_assert_cmpint (json_object_get_int_member (sb_object (held), "total"), ==, 1);
}

static void
test_shipments_paging (SbFixture     *f,
                       gconstpointer  data)
{
  g_autofree char *authorization = auth ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(SbResponse) too_big = NULL;
  g_autoptr(SbResponse) with_items = NULL;
  g_autoptr(SbResponse) by_store = NULL;
  g_autoptr(SbResponse) by_date = NULL;
  g_autoptr(JsonNode) clock = NULL;
  guint expected_sizes[] = { 500, 500, 200 };

  lum_sandbox_set_rate_limit (f->sandbox, "shipstation", 0, 1000);
  clock = sb_control (f, "/clock", "{\"now\": \"2027-03-01T08:00:00Z\"}", 200);
  for (guint batch = 0; batch < 12; batch++)
    {
      g_autoptr(JsonArray) orders = json_array_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      g_autofree char *body = NULL;
      g_autoptr(SbResponse) response = NULL;

      for (guint i = 0; i < 100; i++)
        {
          g_autofree char *number = g_strdup_printf ("P-%04u", batch * 100 + i);
          json_array_add_object_element (orders, new_order (number, number, batch < 6 ? 1001 : 1002));
        }
      json_node_set_array (node, orders);
      body = json_to_string (node, FALSE);
      response = sb_send (f, "POST", "/shipstation/orders/createorders", authorization, body);
      g_assert_cmpuint (response->status, ==, 200);
      g_assert_false (json_object_get_boolean_member (sb_object (response), "hasErrors"));
    }
  for (guint i = 0; i < 1200; i++)
    {
      g_autofree char *number = g_strdup_printf ("P-%04u", i);
      g_autofree char *tracking = g_strdup_printf ("1Z%06u", i);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) shipment = NULL;

      if (i == 600)
        {
          g_clear_pointer (&clock, json_node_unref);
          clock = sb_control (f, "/clock", "{\"advance_seconds\": 3600}", 200);
        }
      shipment = lum_sandbox_shipstation_ship (f->sandbox, number, "ups", tracking, NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "shipstation", "shipments"), ==, 1200);

  for (guint page = 1; page <= 3; page++)
    {
      g_autofree char *path = g_strdup_printf ("/shipstation/shipments?page=%u&pageSize=500", page);
      g_autoptr(SbResponse) response = sb_send (f, "GET", path, authorization, NULL);
      JsonObject *answer = sb_object (response);
      JsonArray *shipments = json_object_get_array_member (answer, "shipments");

      g_assert_cmpuint (response->status, ==, 200);
      g_assert_cmpint (json_object_get_int_member (answer, "total"), ==, 1200);
      g_assert_cmpint (json_object_get_int_member (answer, "pages"), ==, 3);
      g_assert_cmpint (json_object_get_int_member (answer, "page"), ==, page);
      g_assert_cmpuint (json_array_get_length (shipments), ==, expected_sizes[page - 1]);
      for (guint i = 0; i < json_array_get_length (shipments); i++)
        {
          JsonObject *shipment = json_array_get_object_element (shipments, i);
          gint64 *id = g_new (gint64, 1);

          *id = json_object_get_int_member (shipment, "shipmentId");
          g_assert_false (g_hash_table_contains (seen, id));
          g_hash_table_add (seen, id);
          g_assert_true (json_object_get_null_member (shipment, "shipmentItems"));
          g_assert_false (json_object_get_boolean_member (shipment, "voided"));
          g_assert_cmpstr (json_object_get_string_member (shipment, "carrierCode"), ==, "ups");
          g_assert_true (g_str_has_prefix (json_object_get_string_member (shipment, "orderNumber"), "P-"));
          g_assert_cmpstr (json_object_get_string_member (shipment, "orderKey"), ==,
                           json_object_get_string_member (shipment, "orderNumber"));
        }
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 1200);

  too_big = sb_send (f, "GET", "/shipstation/shipments?pageSize=501", authorization, NULL);
  g_assert_cmpuint (too_big->status, ==, 400);

  with_items = sb_send (f, "GET", "/shipstation/shipments?pageSize=1&includeShipmentItems=true", authorization, NULL);
  {
    JsonObject *shipment = json_array_get_object_element (json_object_get_array_member (sb_object (with_items),
                                                                                        "shipments"), 0);
    JsonArray *items = json_object_get_array_member (shipment, "shipmentItems");

    g_assert_cmpuint (json_array_get_length (items), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "sku"), ==, "WID-1");
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items, 0), "quantity"), ==, 3);
    /* 08:00 UTC is midnight Pacific (PST), the clock ShipStation answers in */
    g_assert_cmpstr (json_object_get_string_member (shipment, "createDate"), ==, "2027-03-01T00:00:00.0000000");
    g_assert_cmpstr (json_object_get_string_member (shipment, "shipDate"), ==, "2027-03-01");
  }

  by_store = sb_send (f, "GET", "/shipstation/shipments?storeId=1002&pageSize=500", authorization, NULL);
  g_assert_cmpint (json_object_get_int_member (sb_object (by_store), "total"), ==, 600);
  /* read in Pacific time: 00:30 PST, between the two hours of shipments */
  by_date = sb_send (f, "GET", "/shipstation/shipments?createDateStart=2027-03-01%2000:30:00&pageSize=500",
                     authorization, NULL);
  g_assert_cmpint (json_object_get_int_member (sb_object (by_date), "total"), ==, 600);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (sb_object (by_date), "shipments"), 0), "orderNumber"), ==, "P-0600");
}

static void
test_partial_and_void (SbFixture     *f,
                       gconstpointer  data)
{
  g_autofree char *authorization = auth ();
  g_autoptr(JsonObject) order = new_order ("SO-500", "uuid-500", 0);
  g_autoptr(SbResponse) created = create_order (f, order);
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) rest = NULL;
  g_autoptr(JsonNode) voided = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(JsonNode) unknown = NULL;
  g_autoptr(JsonNode) too_many = NULL;
  g_autoptr(SbResponse) listed = NULL;
  g_autoptr(SbResponse) status = NULL;
  g_autofree char *void_body = NULL;
  JsonArray *items;
  gint64 first_id;

  g_assert_cmpuint (created->status, ==, 200);
  too_many = sb_control (f, "/shipstation/ship",
                         "{\"orderNumber\": \"SO-500\", \"carrierCode\": \"fedex\", \"trackingNumber\": \"F0\","
                         " \"items\": [{\"sku\": \"WID-1\", \"quantity\": 4}]}", 409);
  first = sb_control (f, "/shipstation/ship",
                      "{\"orderNumber\": \"SO-500\", \"carrierCode\": \"fedex\", \"serviceCode\": \"fedex_ground\","
                      " \"trackingNumber\": \"F1\", \"items\": [{\"sku\": \"WID-1\", \"quantity\": 2}]}", 200);
  first_id = json_object_get_int_member (json_node_get_object (first), "shipmentId");
  items = json_object_get_array_member (json_node_get_object (first), "shipmentItems");
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items, 0), "quantity"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (first), "serviceCode"), ==, "fedex_ground");

  status = sb_send (f, "GET", "/shipstation/orders?orderNumber=SO-500", authorization, NULL);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (sb_object (status), "orders"), 0), "orderStatus"), ==,
                   "awaiting_shipment");

  rest = sb_control (f, "/shipstation/ship",
                     "{\"orderKey\": \"uuid-500\", \"carrierCode\": \"fedex\", \"trackingNumber\": \"F2\"}", 200);
  items = json_object_get_array_member (json_node_get_object (rest), "shipmentItems");
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items, 0), "quantity"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 1), "sku"), ==, "GAD-2");
  g_clear_pointer (&status, sb_response_free);
  status = sb_send (f, "GET", "/shipstation/orders?orderNumber=SO-500", authorization, NULL);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (sb_object (status), "orders"), 0), "orderStatus"), ==, "shipped");
  g_clear_pointer (&again, json_node_unref);
  again = sb_control (f, "/shipstation/ship",
                      "{\"orderNumber\": \"SO-500\", \"carrierCode\": \"fedex\", \"trackingNumber\": \"F3\"}", 409);

  void_body = g_strdup_printf ("{\"shipmentId\": %" G_GINT64_FORMAT "}", first_id);
  voided = sb_control (f, "/shipstation/void", void_body, 200);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (voided), "voided"));
  g_assert_nonnull (json_object_get_string_member (json_node_get_object (voided), "voidDate"));
  g_clear_pointer (&again, json_node_unref);
  again = sb_control (f, "/shipstation/void", void_body, 409);
  unknown = sb_control (f, "/shipstation/void", "{\"shipmentId\": 1}", 404);

  g_clear_pointer (&status, sb_response_free);
  status = sb_send (f, "GET", "/shipstation/orders?orderNumber=SO-500", authorization, NULL);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (sb_object (status), "orders"), 0), "orderStatus"), ==,
                   "awaiting_shipment");
  listed = sb_send (f, "GET", "/shipstation/shipments?orderNumber=SO-500&voidDateStart=2000-01-01", authorization, NULL);
  g_assert_cmpint (json_object_get_int_member (sb_object (listed), "total"), ==, 1);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (
                   json_object_get_array_member (sb_object (listed), "shipments"), 0), "voided"));
}

static gint64
total_of (SbFixture  *f,
          const char *path)
{
  g_autofree char *authorization = auth ();
  g_autoptr(SbResponse) response = sb_send (f, "GET", path, authorization, NULL);

  g_assert_cmpuint (response->status, ==, 200);
  return json_object_get_int_member (sb_object (response), "total");
}

/* ShipStation works in Pacific time (ShipStation API V1 Requirements,
 * "Datetime"): its own dates are written on that clock, the dates of the
 * list parameters read on it. 06:30 UTC on 1 July is 23:30 PDT on 30 June. */
static void
test_pacific_dates (SbFixture     *f,
                    gconstpointer  data)
{
  g_autoptr(JsonObject) order = new_order ("SO-PDT", "uuid-pdt", 1001);
  g_autoptr(JsonNode) clock = sb_control (f, "/clock", "{\"now\": \"2027-07-01T06:30:00Z\"}", 200);
  g_autoptr(SbResponse) created = NULL;
  g_autoptr(JsonNode) shipment = NULL;
  JsonObject *answer;

  created = create_order (f, order);
  g_assert_cmpuint (created->status, ==, 200);
  answer = sb_object (created);
  g_assert_cmpstr (json_object_get_string_member (answer, "createDate"), ==, "2027-06-30T23:30:00.0000000");
  g_assert_cmpstr (json_object_get_string_member (answer, "modifyDate"), ==, "2027-06-30T23:30:00.0000000");

  /* the order's dates filter on the same clock; a bare day is its midnight */
  g_assert_cmpint (total_of (f, "/shipstation/orders?createDateStart=2027-06-30%2023:30:00"), ==, 1);
  g_assert_cmpint (total_of (f, "/shipstation/orders?createDateStart=2027-07-01"), ==, 0);
  g_assert_cmpint (total_of (f, "/shipstation/orders?createDateEnd=2027-07-01"), ==, 1);
  g_assert_cmpint (total_of (f, "/shipstation/orders?orderDateStart=2027-01-05%2010:00:00"), ==, 1);
  g_assert_cmpint (total_of (f, "/shipstation/orders?orderDateStart=2027-01-05T10:00:01"), ==, 0);
  g_assert_cmpint (total_of (f, "/shipstation/orders?modifyDateEnd=2027-06-30%2023:29:59"), ==, 0);

  shipment = sb_control (f, "/shipstation/ship",
                         "{\"orderNumber\": \"SO-PDT\", \"carrierCode\": \"ups\", \"trackingNumber\": \"1ZPDT\"}", 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (shipment), "createDate"), ==,
                   "2027-06-30T23:30:00.0000000");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (shipment), "shipDate"), ==, "2027-06-30");
  g_assert_cmpint (total_of (f, "/shipstation/shipments?shipDateStart=2027-07-01"), ==, 0);
  g_assert_cmpint (total_of (f, "/shipstation/shipments?shipDateStart=2027-06-30&shipDateEnd=2027-06-30"), ==, 1);
  g_assert_cmpint (total_of (f, "/shipstation/shipments?createDateStart=2027-06-30%2023:30:00"), ==, 1);
  g_assert_cmpint (total_of (f, "/shipstation/shipments?createDateStart=2027-06-30%2023:30:01"), ==, 0);

  /* a date .NET cannot read is refused, as orderDate is */
  {
    g_autoptr(SbResponse) refused = NULL;
    g_autofree char *authorization = auth ();

    json_object_set_string_member (order, "paymentDate", "last Tuesday");
    refused = create_order (f, order);
    assert_model_state (refused, "apiOrder.paymentDate", "last Tuesday");
    g_clear_pointer (&refused, sb_response_free);
    json_object_remove_member (order, "paymentDate");
    json_object_set_string_member (order, "shipByDate", "2027-02-30");
    refused = create_order (f, order);
    assert_model_state (refused, "apiOrder.shipByDate", "2027-02-30");
    g_clear_pointer (&refused, sb_response_free);
    refused = sb_send (f, "GET", "/shipstation/shipments?shipDateStart=soon", authorization, NULL);
    assert_model_state (refused, "shipDateStart", "soon");
  }
}

/* The Order and Advanced Options models call these members Read-Only;
 * a client that sends them back is not refused, and ShipStation keeps its
 * own values. */
static void
test_read_only_ignored (SbFixture     *f,
                        gconstpointer  data)
{
  g_autoptr(JsonObject) order = new_order ("SO-RO", "uuid-ro", 1001);
  JsonObject *advanced = json_object_get_object_member (order, "advancedOptions");
  g_autoptr(SbResponse) created = NULL;
  g_autoptr(SbResponse) moved = NULL;
  JsonObject *answer;

  json_object_set_double_member (order, "orderTotal", 1.0);
  json_object_set_int_member (order, "orderId", 7);
  json_object_set_int_member (order, "customerId", 5);
  json_object_set_string_member (order, "createDate", "2000-01-01T00:00:00");
  json_object_set_string_member (order, "modifyDate", "2000-01-01T00:00:00");
  json_object_set_boolean_member (order, "externallyFulfilled", TRUE);
  json_object_set_string_member (order, "externallyFulfilledBy", "Elsewhere");
  json_object_set_boolean_member (advanced, "mergedOrSplit", TRUE);
  json_object_set_int_member (advanced, "parentId", 9);
  created = create_order (f, order);
  g_assert_cmpuint (created->status, ==, 200);
  answer = sb_object (created);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (answer, "orderTotal"), 17.5, 0.001);
  g_assert_cmpint (json_object_get_int_member (answer, "orderId"), !=, 7);
  g_assert_true (json_object_get_null_member (answer, "customerId"));
  g_assert_cmpstr (json_object_get_string_member (answer, "createDate"), !=, "2000-01-01T00:00:00");
  g_assert_cmpstr (json_object_get_string_member (answer, "modifyDate"), !=, "2000-01-01T00:00:00");
  g_assert_false (json_object_get_boolean_member (answer, "externallyFulfilled"));
  g_assert_true (json_object_get_null_member (answer, "externallyFulfilledBy"));
  advanced = json_object_get_object_member (answer, "advancedOptions");
  g_assert_false (json_object_get_boolean_member (advanced, "mergedOrSplit"));
  g_assert_true (json_object_get_null_member (advanced, "parentId"));

  /* storeId "can only be specified during order creation" */
  json_object_set_int_member (json_object_get_object_member (order, "advancedOptions"), "storeId", 1002);
  moved = create_order (f, order);
  g_assert_cmpuint (moved->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (sb_object (moved), "advancedOptions"),
                                               "storeId"), ==, 1001);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, SbFixture, NULL, sb_fixture_setup, func, sb_fixture_teardown)
  ADD ("/sandbox/shipstation/auth", test_auth);
  ADD ("/sandbox/shipstation/createorder/required", test_required_fields);
  ADD ("/sandbox/shipstation/createorder/values", test_field_values);
  ADD ("/sandbox/shipstation/createorder/unknown-store", test_unknown_store);
  ADD ("/sandbox/shipstation/createorder/upsert", test_upsert);
  ADD ("/sandbox/shipstation/createorder/cancel", test_cancel);
  ADD ("/sandbox/shipstation/createorders", test_bulk);
  ADD ("/sandbox/shipstation/rate-limit", test_rate_limit);
  ADD ("/sandbox/shipstation/orders", test_list_orders);
  ADD ("/sandbox/shipstation/shipments/paging", test_shipments_paging);
  ADD ("/sandbox/shipstation/shipments/partial-and-void", test_partial_and_void);
  ADD ("/sandbox/shipstation/pacific-dates", test_pacific_dates);
  ADD ("/sandbox/shipstation/read-only-ignored", test_read_only_ignored);
#undef ADD

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "sandbox-test-util.h"

#include <string.h>

#define ORDERS_REL "http://api.3plCentral.com/rels/orders/order"

static const char token_body[] =
  "{\"grant_type\": \"client_credentials\", \"tpl\": \"" LUM_SANDBOX_EXTENSIV_TPL "\","
  " \"user_login_id\": \"" LUM_SANDBOX_EXTENSIV_USER_LOGIN_ID "\"}";

static SbResponse *
request_token (SbFixture  *f,
               const char *client_id,
               const char *client_secret,
               const char *body)
{
  g_autofree char *authorization = sb_basic (client_id, client_secret);

  return sb_send (f, "POST", "/extensiv/AuthServer/api/Token", authorization, body);
}

/* A fresh "Bearer …" header. */
static char *
bearer (SbFixture *f)
{
  g_autoptr(SbResponse) response = request_token (f, LUM_SANDBOX_EXTENSIV_CLIENT_ID,
                                                  LUM_SANDBOX_EXTENSIV_CLIENT_SECRET, token_body);

  g_assert_cmpuint (response->status, ==, 200);
  return sb_bearer (json_object_get_string_member (sb_object (response), "access_token"));
}

static char *
order_body (const char *reference,
            gint64      customer,
            gint64      facility)
{
  return g_strdup_printf ("{\"customerIdentifier\": {\"id\": %" G_GINT64_FORMAT "},"
                          " \"facilityIdentifier\": {\"id\": %" G_GINT64_FORMAT "},"
                          " \"referenceNum\": \"%s\", \"notes\": \"Call before delivery\","
                          " \"shippingNotes\": \"Dock 3\","
                          " \"routingInfo\": {\"carrier\": \"UPS\", \"mode\": \"Ground\", \"scacCode\": \"UPSN\","
                          "                   \"account\": \"A1\"},"
                          " \"shipTo\": {\"companyName\": \"Acme\", \"name\": \"Ada\", \"address1\": \"1 Main St\","
                          "              \"city\": \"Springfield\", \"state\": \"IL\", \"zip\": \"62701\","
                          "              \"country\": \"US\"},"
                          " \"orderItems\": [{\"itemIdentifier\": {\"sku\": \"WID-1\"}, \"qty\": 3},"
                          "                  {\"itemIdentifier\": {\"sku\": \"GAD-2\"}, \"qty\": 1.5}],"
                          " \"savedElements\": [{\"name\": \"Department\", \"value\": \"Toys\"}]}",
                          customer, facility, reference);
}

static SbResponse *
post_order (SbFixture  *f,
            const char *authorization,
            const char *body)
{
  return sb_wait (sb_start (f, "POST", "/extensiv/orders", authorization, "application/hal+json",
                            body, -1, 0));
}

static JsonArray *
embedded_orders (SbResponse *response)
{
  JsonObject *embedded = json_object_get_object_member (sb_object (response), "_embedded");

  g_assert_nonnull (embedded);
  return json_object_get_array_member (embedded, ORDERS_REL);
}

static SbResponse *
list (SbFixture  *f,
      const char *authorization,
      const char *query)
{
  g_autofree char *path = g_strconcat ("/extensiv/orders?", query, NULL);

  return sb_send (f, "GET", path, authorization, NULL);
}

static void
test_token (SbFixture     *f,
            gconstpointer  data)
{
  g_autoptr(SbResponse) bad_secret = request_token (f, LUM_SANDBOX_EXTENSIV_CLIENT_ID, "nope", token_body);
  g_autoptr(SbResponse) bad_tpl = request_token (f, LUM_SANDBOX_EXTENSIV_CLIENT_ID,
                                                 LUM_SANDBOX_EXTENSIV_CLIENT_SECRET,
                                                 "{\"grant_type\": \"client_credentials\", \"tpl\": \"{x}\","
                                                 " \"user_login_id\": \"1\"}");
  g_autoptr(SbResponse) bad_user = request_token (f, LUM_SANDBOX_EXTENSIV_CLIENT_ID,
                                                  LUM_SANDBOX_EXTENSIV_CLIENT_SECRET,
                                                  "{\"grant_type\": \"client_credentials\", \"tpl\": \""
                                                  LUM_SANDBOX_EXTENSIV_TPL "\", \"user_login_id\": 2}");
  g_autoptr(SbResponse) bad_grant = request_token (f, LUM_SANDBOX_EXTENSIV_CLIENT_ID,
                                                   LUM_SANDBOX_EXTENSIV_CLIENT_SECRET,
                                                   "{\"grant_type\": \"password\"}");
  g_autoptr(SbResponse) numeric_user = request_token (f, LUM_SANDBOX_EXTENSIV_CLIENT_ID,
                                                      LUM_SANDBOX_EXTENSIV_CLIENT_SECRET,
                                                      "{\"grant_type\": \"client_credentials\", \"tpl\": \""
                                                      LUM_SANDBOX_EXTENSIV_TPL "\", \"user_login_id\": 1}");
  g_autoptr(SbResponse) ok = request_token (f, LUM_SANDBOX_EXTENSIV_CLIENT_ID, LUM_SANDBOX_EXTENSIV_CLIENT_SECRET,
                                            token_body);
  JsonObject *token;

  g_assert_cmpuint (bad_secret->status, ==, 401);
  g_assert_cmpstr (json_object_get_string_member (sb_object (bad_secret), "error"), ==, "invalid_client");
  g_assert_cmpuint (bad_tpl->status, ==, 400);
  g_assert_cmpstr (json_object_get_string_member (sb_object (bad_tpl), "error"), ==, "invalid_grant");
  g_assert_cmpuint (bad_user->status, ==, 400);
  g_assert_cmpuint (bad_grant->status, ==, 400);
  g_assert_cmpstr (json_object_get_string_member (sb_object (bad_grant), "error"), ==, "unsupported_grant_type");
  g_assert_cmpuint (numeric_user->status, ==, 200);
  g_assert_cmpuint (ok->status, ==, 200);
  token = sb_object (ok);
  g_assert_cmpstr (json_object_get_string_member (token, "token_type"), ==, "Bearer");
  g_assert_cmpint (json_object_get_int_member (token, "expires_in"), ==, 3600);
  g_assert_cmpuint (strlen (json_object_get_string_member (token, "access_token")), >=, 16);
  g_assert_cmpstr (json_object_get_string_member (sb_object (ok), "access_token"), !=,
                   json_object_get_string_member (sb_object (numeric_user), "access_token"));
}

static void
test_bearer (SbFixture     *f,
             gconstpointer  data)
{
  g_autoptr(SbResponse) none = sb_send (f, "GET", "/extensiv/customers", NULL, NULL);
  g_autoptr(SbResponse) unknown = sb_send (f, "GET", "/extensiv/customers", "Bearer not-a-token", NULL);
  g_autoptr(SbResponse) fresh = NULL;
  g_autoptr(SbResponse) stale = NULL;
  g_autoptr(SbResponse) expired = NULL;
  g_autoptr(JsonNode) clock = NULL;
  g_autofree char *authorization = NULL;
  g_autofree char *second = NULL;

  g_assert_cmpuint (none->status, ==, 401);
  g_assert_cmpstr (json_object_get_string_member (sb_object (none), "ErrorCode"), ==, "Unauthorized");
  g_assert_cmpuint (unknown->status, ==, 401);

  /* A token outlives neither its lifetime on the sandbox clock … */
  lum_sandbox_set_token_lifetime (f->sandbox, "extensiv", 60);
  authorization = bearer (f);
  fresh = sb_send (f, "GET", "/extensiv/customers", authorization, NULL);
  g_assert_cmpuint (fresh->status, ==, 200);
  clock = sb_control (f, "/clock", "{\"advance_seconds\": 61}", 200);
  stale = sb_send (f, "GET", "/extensiv/customers", authorization, NULL);
  g_assert_cmpuint (stale->status, ==, 401);
  g_assert_nonnull (strstr (json_object_get_string_member (sb_object (stale), "Hint"), "expired"));

  /* … nor lum_sandbox_expire_tokens(). */
  second = bearer (f);
  lum_sandbox_expire_tokens (f->sandbox, "extensiv");
  expired = sb_send (f, "GET", "/extensiv/customers", second, NULL);
  g_assert_cmpuint (expired->status, ==, 401);
}

static void
test_create_order (SbFixture     *f,
                   gconstpointer  data)
{
  g_autofree char *authorization = bearer (f);
  g_autofree char *body = order_body ("SO-000042", 1, 1);
  g_autoptr(SbResponse) created = post_order (f, authorization, body);
  g_autoptr(SbResponse) fetched = NULL;
  JsonObject *order, *read_only, *routing;
  JsonArray *items;
  g_autofree char *location = NULL;

  g_assert_cmpuint (created->status, ==, 201);
  g_assert_true (g_str_has_prefix (sb_header (created, "Content-Type"), "application/hal+json"));
  order = sb_object (created);
  read_only = json_object_get_object_member (order, "readOnly");
  g_assert_cmpint (json_object_get_int_member (read_only, "orderId"), ==, 1001);
  g_assert_false (json_object_get_boolean_member (read_only, "isClosed"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (read_only, "customerIdentifier"),
                                                  "name"), ==, "Sandbox Customer");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (read_only, "facilityIdentifier"),
                                                  "name"), ==, "Main Facility");
  location = g_strdup_printf ("/orders/%" G_GINT64_FORMAT, json_object_get_int_member (read_only, "orderId"));
  g_assert_cmpstr (sb_header (created, "Location"), ==, location);
  g_assert_cmpstr (json_object_get_string_member (order, "referenceNum"), ==, "SO-000042");
  g_assert_cmpstr (json_object_get_string_member (order, "shippingNotes"), ==, "Dock 3");
  routing = json_object_get_object_member (order, "routingInfo");
  g_assert_cmpstr (json_object_get_string_member (routing, "mode"), ==, "Ground");
  g_assert_cmpstr (json_object_get_string_member (routing, "scacCode"), ==, "UPSN");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (order, "savedElements"), 0), "value"), ==, "Toys");
  items = json_object_get_array_member (order, "orderItems");
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (
                     json_array_get_object_element (items, 0), "readOnly"), "orderItemId"), >, 0);
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "extensiv", "orders"), ==, 1);

  fetched = sb_send (f, "GET", "/extensiv/orders/1001", authorization, NULL);
  g_assert_cmpuint (fetched->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sb_object (fetched), "referenceNum"), ==, "SO-000042");
}

static void
assert_refused (SbFixture  *f,
                const char *authorization,
                const char *body,
                const char *field,
                const char *hint)
{
  g_autoptr(SbResponse) response = post_order (f, authorization, body);
  JsonObject *error = sb_object (response);

  g_assert_cmpuint (response->status, ==, 400);
  g_assert_cmpstr (json_object_get_string_member (error, "ErrorCode"), ==, "InvalidModel");
  g_assert_nonnull (strstr (json_object_get_string_member (error, "Hint"), hint));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (error, "Properties"), "Field"), ==,
                   field);
}

static void
test_order_validation (SbFixture     *f,
                       gconstpointer  data)
{
  g_autofree char *authorization = bearer (f);
  g_autofree char *unknown_customer = order_body ("SO-1", 77, 1);
  g_autofree char *unknown_facility = order_body ("SO-1", 1, 88);
  g_autofree char *no_reference = order_body ("", 1, 1);
  g_autoptr(JsonObject) no_items = NULL;
  g_autoptr(JsonObject) zero_qty = NULL;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *no_items_body = NULL;
  g_autofree char *zero_qty_body = NULL;
  g_autofree char *base = order_body ("SO-1", 1, 1);
  g_autoptr(SbResponse) wrong_type = NULL;

  assert_refused (f, authorization, unknown_customer, "customerIdentifier", "customer");
  assert_refused (f, authorization, unknown_facility, "facilityIdentifier", "facility");
  assert_refused (f, authorization, no_reference, "referenceNum", "referenceNum is required");

  no_items = sb_parse_object (base);
  json_object_set_array_member (no_items, "orderItems", json_array_new ());
  json_node_set_object (node, no_items);
  no_items_body = json_to_string (node, FALSE);
  assert_refused (f, authorization, no_items_body, "orderItems", "at least one item");

  zero_qty = sb_parse_object (base);
  json_object_set_int_member (json_array_get_object_element (json_object_get_array_member (zero_qty, "orderItems"),
                                                             1), "qty", 0);
  json_node_set_object (node, zero_qty);
  zero_qty_body = json_to_string (node, FALSE);
  assert_refused (f, authorization, zero_qty_body, "orderItems[1]", "qty greater than 0");

  wrong_type = sb_wait (sb_start (f, "POST", "/extensiv/orders", authorization, "text/plain", base, -1, 0));
  g_assert_cmpuint (wrong_type->status, ==, 415);
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "extensiv", "orders"), ==, 0);
}

static void
test_duplicates_and_rql (SbFixture     *f,
                         gconstpointer  data)
{
  g_autofree char *authorization = bearer (f);
  g_autofree char *body = order_body ("SO-7", 1, 1);
  g_autofree char *other = order_body ("SO-8", 1, 1);
  g_autoptr(SbResponse) first = post_order (f, authorization, body);
  g_autoptr(SbResponse) second = post_order (f, authorization, body);
  g_autoptr(SbResponse) third = post_order (f, authorization, other);
  g_autoptr(SbResponse) by_reference = NULL;
  g_autoptr(SbResponse) none = NULL;
  g_autoptr(SbResponse) bad = NULL;
  g_autoptr(SbResponse) paged = NULL;
  JsonArray *orders;

  /* Not idempotent: the same referenceNum twice is two orders. */
  g_assert_cmpuint (first->status, ==, 201);
  g_assert_cmpuint (second->status, ==, 201);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (sb_object (first), "readOnly"),
                                               "orderId"), !=,
                   json_object_get_int_member (json_object_get_object_member (sb_object (second), "readOnly"),
                                               "orderId"));
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "extensiv", "orders"), ==, 3);

  by_reference = list (f, authorization, "rql=referenceNum%3D%3DSO-7&pgsiz=100&pgnum=1");
  g_assert_cmpuint (by_reference->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (sb_object (by_reference), "totalResults"), ==, 2);
  orders = embedded_orders (by_reference);
  g_assert_cmpuint (json_array_get_length (orders), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (orders, 0), "referenceNum"), ==,
                   "SO-7");
  /* Without detail, no items, saved elements nor packages. */
  g_assert_false (json_object_has_member (json_array_get_object_element (orders, 0), "orderItems"));
  g_assert_false (json_object_has_member (json_array_get_object_element (orders, 0), "savedElements"));

  none = list (f, authorization, "rql=referenceNum%3D%3DSO-404");
  g_assert_cmpint (json_object_get_int_member (sb_object (none), "totalResults"), ==, 0);
  g_assert_cmpuint (json_array_get_length (embedded_orders (none)), ==, 0);

  bad = list (f, authorization, "rql=referenceNum%20SO-7");
  g_assert_cmpuint (bad->status, ==, 400);
  g_assert_cmpstr (json_object_get_string_member (sb_object (bad), "ErrorCode"), ==, "InvalidRql");

  paged = list (f, authorization, "pgsiz=2&pgnum=2");
  g_assert_cmpint (json_object_get_int_member (sb_object (paged), "totalResults"), ==, 3);
  g_assert_cmpuint (json_array_get_length (embedded_orders (paged)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (embedded_orders (paged), 0),
                                                  "referenceNum"), ==, "SO-8");
}

static void
test_close (SbFixture     *f,
            gconstpointer  data)
{
  g_autofree char *authorization = bearer (f);
  g_autofree char *early = order_body ("SO-21", 1, 1);
  g_autofree char *late = order_body ("SO-22", 1, 1);
  g_autoptr(SbResponse) r1 = NULL, r2 = NULL, open_list = NULL, closed_since = NULL, detailed = NULL;
  g_autoptr(JsonNode) clock = NULL, closed = NULL, twice = NULL, missing = NULL;
  g_autoptr(JsonObject) later = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *order, *read_only;
  JsonArray *packages;

  r1 = post_order (f, authorization, early);
  r2 = post_order (f, authorization, late);
  g_assert_cmpuint (r2->status, ==, 201);

  clock = sb_control (f, "/clock", "{\"now\": \"2026-12-31T23:00:00Z\"}", 200);
  closed = sb_control (f, "/extensiv/close",
                       "{\"referenceNum\": \"SO-21\", \"trackingNumber\": \"1ZCLOSE21\", \"carrier\": \"UPS\"}", 200);
  read_only = json_object_get_object_member (json_node_get_object (closed), "readOnly");
  g_assert_true (json_object_get_boolean_member (read_only, "isClosed"));
  g_assert_cmpstr (json_object_get_string_member (read_only, "processDate"), ==, "2026-12-31T23:00:00");
  twice = sb_control (f, "/extensiv/close", "{\"referenceNum\": \"SO-21\", \"trackingNumber\": \"X\"}", 409);
  missing = sb_control (f, "/extensiv/close", "{\"referenceNum\": \"SO-99\", \"trackingNumber\": \"X\"}", 404);

  g_clear_pointer (&clock, json_node_unref);
  clock = sb_control (f, "/clock", "{\"now\": \"2027-01-02T08:00:00Z\"}", 200);
  later = lum_sandbox_extensiv_close (f->sandbox, "SO-22", "1ZCLOSE22", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (later, "routingInfo"),
                                                  "trackingNumber"), ==, "1ZCLOSE22");
  /* The carrier the order was sent with stays when closing names none. */
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (later, "routingInfo"), "carrier"),
                   ==, "UPS");

  /* Moving the clock a month on expired the token, as it would. */
  open_list = list (f, authorization, "rql=readOnly.isClosed%3D%3Dfalse");
  g_assert_cmpuint (open_list->status, ==, 401);
  g_clear_pointer (&open_list, sb_response_free);
  g_free (authorization);
  authorization = bearer (f);
  open_list = list (f, authorization, "rql=readOnly.isClosed%3D%3Dfalse");
  g_assert_cmpint (json_object_get_int_member (sb_object (open_list), "totalResults"), ==, 0);

  closed_since = list (f, authorization,
                       "rql=readOnly.isClosed%3D%3Dtrue%3BreadOnly.processDate%3Dge%3D2027-01-01T00%3A00%3A00"
                       "&detail=All&pgsiz=100");
  g_assert_cmpuint (closed_since->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (sb_object (closed_since), "totalResults"), ==, 1);
  order = json_array_get_object_element (embedded_orders (closed_since), 0);
  g_assert_cmpstr (json_object_get_string_member (order, "referenceNum"), ==, "SO-22");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (order, "routingInfo"),
                                                  "trackingNumber"), ==, "1ZCLOSE22");
  packages = json_object_get_array_member (json_object_get_object_member (order, "readOnly"), "packages");
  g_assert_cmpuint (json_array_get_length (packages), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (packages, 0), "trackingNumber"), ==,
                   "1ZCLOSE22");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_object_get_object_member (order, "_embedded"),
                      "http://api.3plCentral.com/rels/orders/item")), ==, 2);
  g_assert_true (json_object_has_member (order, "savedElements"));

  detailed = list (f, authorization, "rql=readOnly.processDate%3Dlt%3D2027-01-01&detail=Packages");
  g_assert_cmpint (json_object_get_int_member (sb_object (detailed), "totalResults"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (embedded_orders (detailed), 0),
                                                  "referenceNum"), ==, "SO-21");
}

static void
test_customers_and_facilities (SbFixture     *f,
                               gconstpointer  data)
{
  g_autofree char *authorization = bearer (f);
  g_autoptr(SbResponse) customers = NULL, facilities = NULL, alias = NULL, created = NULL;
  g_autoptr(JsonNode) customer = NULL, facility = NULL, duplicate = NULL;
  g_autofree char *body = NULL;
  JsonObject *first;

  customers = sb_send (f, "GET", "/extensiv/customers", authorization, NULL);
  g_assert_cmpuint (customers->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (sb_object (customers), "totalResults"), ==, 1);
  first = json_array_get_object_element (json_object_get_array_member (
                                           json_object_get_object_member (sb_object (customers), "_embedded"),
                                           "http://api.3plCentral.com/rels/customers/customer"), 0);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (first, "readOnly"), "customerId"), ==,
                   1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (first, "companyInfo"),
                                                  "companyName"), ==, "Sandbox Customer");

  facilities = sb_send (f, "GET", "/extensiv/properties/facilities", authorization, NULL);
  first = json_array_get_object_element (json_object_get_array_member (
                                           json_object_get_object_member (sb_object (facilities), "_embedded"),
                                           "http://api.3plCentral.com/rels/properties/facility"), 0);
  g_assert_cmpint (json_object_get_int_member (first, "facilityId"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (first, "name"), ==, "Main Facility");
  /* the public API's path only: /inventory/facilities is the contract
   * description's modelled one */
  alias = sb_send (f, "GET", "/extensiv/inventory/facilities", authorization, NULL);
  g_assert_cmpuint (alias->status, ==, 404);

  customer = sb_control (f, "/extensiv/customers",
                         "{\"name\": \"Second Brand\", \"id\": 5, \"skus\": [\"WID-1\", \"GAD-2\"]}", 200);
  facility = sb_control (f, "/extensiv/facilities", "{\"name\": \"East Coast\"}", 200);
  duplicate = sb_control (f, "/extensiv/customers", "{\"name\": \"Again\", \"id\": 5}", 409);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (facility), "facilityId"), ==, 3);
  body = order_body ("SO-EAST", 5, 3);
  created = post_order (f, authorization, body);
  g_assert_cmpuint (created->status, ==, 201);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                     json_object_get_object_member (sb_object (created), "readOnly"), "facilityIdentifier"),
                     "name"), ==, "East Coast");
}

/* A request with an If-Match header (or none, for NULL): status and ETag. */
typedef struct
{
  guint  status;
  char  *etag;
  char  *body;
} Sent;

static void
sent_clear (Sent *sent)
{
  g_clear_pointer (&sent->etag, g_free);
  g_clear_pointer (&sent->body, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Sent, sent_clear)

static void
on_sent_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GBytes **bytes = user_data;
  g_autoptr(GError) error = NULL;

  *bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
}

static void
send_if_match (SbFixture  *f,
               const char *method,
               const char *path,
               const char *authorization,
               const char *if_match,
               const char *body,
               Sent       *sent)
{
  g_autofree char *url = g_strconcat (f->base, path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(GBytes) bytes = NULL;
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);

  soup_message_headers_replace (headers, "Authorization", authorization);
  if (if_match != NULL)
    soup_message_headers_replace (headers, "If-Match", if_match);
  if (body != NULL)
    {
      g_autoptr(GBytes) content = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (message, "application/hal+json", content);
    }
  soup_session_send_and_read_async (f->session, message, G_PRIORITY_DEFAULT, NULL, on_sent_cb, &bytes);
  while (bytes == NULL)
    g_main_context_iteration (NULL, TRUE);
  sent->status = soup_message_get_status (message);
  sent->etag = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (message), "ETag"));
  sent->body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* Only the items the warehouse set up for the customer: another SKU, or
 * one of another customer, is refused with the service's error shape. */
static void
test_unknown_sku (SbFixture     *f,
                  gconstpointer  data)
{
  g_autofree char *authorization = bearer (f);
  g_autoptr(JsonNode) other = sb_control (f, "/extensiv/customers",
                                          "{\"name\": \"Other Brand\", \"id\": 2, \"skus\": [\"OTHER-1\"]}", 200);
  g_autoptr(SbResponse) unknown = post_order (f, authorization,
                                              "{\"customerIdentifier\": {\"id\": 1}, \"facilityIdentifier\": {\"id\": 1},"
                                              " \"referenceNum\": \"SO-X\", \"orderItems\": ["
                                              " {\"itemIdentifier\": {\"sku\": \"SKU-A\"}, \"qty\": 1},"
                                              " {\"itemIdentifier\": {\"sku\": \"NOPE-9\"}, \"qty\": 1}]}");
  g_autoptr(SbResponse) theirs = post_order (f, authorization,
                                             "{\"customerIdentifier\": {\"id\": 1}, \"facilityIdentifier\": {\"id\": 1},"
                                             " \"referenceNum\": \"SO-Y\", \"orderItems\": ["
                                             " {\"itemIdentifier\": {\"sku\": \"OTHER-1\"}, \"qty\": 1}]}");
  g_autoptr(SbResponse) by_id = post_order (f, authorization,
                                            "{\"customerIdentifier\": {\"id\": 1}, \"facilityIdentifier\": {\"id\": 1},"
                                            " \"referenceNum\": \"SO-Z\", \"orderItems\": ["
                                            " {\"itemIdentifier\": {\"id\": 999999}, \"qty\": 1}]}");
  g_autoptr(SbResponse) good = post_order (f, authorization,
                                           "{\"customerIdentifier\": {\"id\": 2}, \"facilityIdentifier\": {\"id\": 1},"
                                           " \"referenceNum\": \"SO-Y\", \"orderItems\": ["
                                           " {\"itemIdentifier\": {\"sku\": \"OTHER-1\"}, \"qty\": 1}]}");
  JsonObject *error;
  JsonObject *identifier;

  g_assert_cmpuint (unknown->status, ==, 400);
  error = sb_object (unknown);
  g_assert_cmpstr (json_object_get_string_member (error, "ErrorCode"), ==, "InvalidModel");
  g_assert_nonnull (strstr (json_object_get_string_member (error, "Hint"), "NOPE-9"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (error, "Properties"), "Field"), ==,
                   "orderItems[1].itemIdentifier");
  g_assert_cmpuint (theirs->status, ==, 400);
  g_assert_cmpuint (by_id->status, ==, 400);
  g_assert_cmpuint (good->status, ==, 201);
  /* answered as the service answers it: the item's sku and id */
  identifier = json_object_get_object_member (json_array_get_object_element (
                                                json_object_get_array_member (sb_object (good), "orderItems"), 0),
                                              "itemIdentifier");
  g_assert_cmpstr (json_object_get_string_member (identifier, "sku"), ==, "OTHER-1");
  g_assert_cmpint (json_object_get_int_member (identifier, "id"), >, 0);
}

/* Items only where the API puts them: embedded, when detail asks. */
static void
test_detail (SbFixture     *f,
             gconstpointer  data)
{
  g_autofree char *authorization = bearer (f);
  g_autofree char *body = order_body ("SO-D", 1, 1);
  g_autoptr(SbResponse) created = post_order (f, authorization, body);
  g_autoptr(SbResponse) bare = list (f, authorization, "pgsiz=10");
  g_autoptr(SbResponse) with_items = list (f, authorization, "detail=OrderItems");
  g_autoptr(SbResponse) item_detail = list (f, authorization, "detail=OrderItems&itemdetail=All");
  g_autoptr(SbResponse) item_detail_alone = list (f, authorization, "itemdetail=All");
  g_autoptr(SbResponse) unknown = list (f, authorization, "detail=Everything");
  g_autoptr(SbResponse) one_bare = sb_send (f, "GET", "/extensiv/orders/1001", authorization, NULL);
  JsonObject *order;
  JsonArray *items;

  g_assert_cmpuint (created->status, ==, 201);
  order = json_array_get_object_element (embedded_orders (bare), 0);
  g_assert_false (json_object_has_member (order, "_embedded"));
  g_assert_false (json_object_has_member (order, "orderItems"));
  g_assert_false (json_object_has_member (order, "savedElements"));

  order = json_array_get_object_element (embedded_orders (with_items), 0);
  g_assert_false (json_object_has_member (order, "orderItems"));
  items = json_object_get_array_member (json_object_get_object_member (order, "_embedded"),
                                        "http://api.3plCentral.com/rels/orders/item");
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  g_assert_cmpuint (item_detail->status, ==, 200);
  g_assert_cmpuint (item_detail_alone->status, ==, 400);
  g_assert_cmpuint (unknown->status, ==, 400);
  /* one order, without detail: no items either, and its ETag */
  g_assert_cmpuint (one_bare->status, ==, 200);
  g_assert_false (json_object_has_member (sb_object (one_bare), "_embedded"));
  g_assert_nonnull (sb_header (one_bare, "ETag"));
}

/* POST /orders/{id}/canceler: If-Match with the order's current ETag, a
 * reason, an open order; 204. */
static void
test_cancel (SbFixture     *f,
             gconstpointer  data)
{
  g_autofree char *authorization = bearer (f);
  g_autofree char *body = order_body ("SO-C", 1, 1);
  g_autoptr(SbResponse) created = post_order (f, authorization, body);
  g_auto(Sent) read = { 0, }, missing = { 0, }, no_reason = { 0, }, done = { 0, }, again = { 0, };
  g_auto(Sent) reread = { 0, }, stale = { 0, }, closed_read = { 0, }, closed_cancel = { 0, };
  g_autoptr(JsonNode) closed = NULL;
  g_autoptr(SbResponse) listed = NULL;
  JsonObject *read_only;
  const char *reason = "{\"reason\": \"Customer changed their mind\"}";

  g_assert_cmpuint (created->status, ==, 201);
  send_if_match (f, "GET", "/extensiv/orders/1001", authorization, NULL, NULL, &read);
  g_assert_cmpuint (read.status, ==, 200);
  g_assert_nonnull (read.etag);

  send_if_match (f, "POST", "/extensiv/orders/1001/canceler", authorization, NULL, reason, &missing);
  g_assert_cmpuint (missing.status, ==, 428);
  send_if_match (f, "POST", "/extensiv/orders/1001/canceler", authorization, read.etag, "{}", &no_reason);
  g_assert_cmpuint (no_reason.status, ==, 400);
  send_if_match (f, "POST", "/extensiv/orders/1001/canceler", authorization, read.etag, reason, &done);
  g_assert_cmpuint (done.status, ==, 204);
  /* the order changed: its old ETag is stale, and it is no longer open */
  send_if_match (f, "POST", "/extensiv/orders/1001/canceler", authorization, read.etag, reason, &stale);
  g_assert_cmpuint (stale.status, ==, 412);
  send_if_match (f, "GET", "/extensiv/orders/1001", authorization, NULL, NULL, &reread);
  g_assert_cmpstr (reread.etag, !=, read.etag);
  send_if_match (f, "POST", "/extensiv/orders/1001/canceler", authorization, reread.etag, reason, &again);
  g_assert_cmpuint (again.status, ==, 400);
  listed = list (f, authorization, "rql=referenceNum%3D%3DSO-C");
  read_only = json_object_get_object_member (json_array_get_object_element (embedded_orders (listed), 0), "readOnly");
  g_assert_cmpint (json_object_get_int_member (read_only, "status"), ==, 2);
  /* a cancelled order does not ship */
  closed = sb_control (f, "/extensiv/close", "{\"referenceNum\": \"SO-C\", \"trackingNumber\": \"X\"}", 409);

  /* nor is a closed one cancelled */
  {
    g_autofree char *shipped_body = order_body ("SO-S", 1, 1);
    g_autoptr(SbResponse) shipped = post_order (f, authorization, shipped_body);
    g_autoptr(JsonNode) closing = sb_control (f, "/extensiv/close",
                                              "{\"referenceNum\": \"SO-S\", \"trackingNumber\": \"1Z\"}", 200);

    send_if_match (f, "GET", "/extensiv/orders/1002", authorization, NULL, NULL, &closed_read);
    send_if_match (f, "POST", "/extensiv/orders/1002/canceler", authorization, closed_read.etag, reason,
                   &closed_cancel);
    g_assert_cmpuint (closed_cancel.status, ==, 400);
  }
}

/* A short shipment: qty what shipped, originalPrimaryQty what was ordered. */
static void
test_close_short (SbFixture     *f,
                  gconstpointer  data)
{
  g_autofree char *authorization = bearer (f);
  g_autofree char *body = order_body ("SO-SHORT", 1, 1);
  g_autoptr(SbResponse) created = post_order (f, authorization, body);
  g_autoptr(JsonNode) too_many = sb_control (f, "/extensiv/close",
                                             "{\"referenceNum\": \"SO-SHORT\", \"trackingNumber\": \"1Z\","
                                             " \"items\": [{\"sku\": \"WID-1\", \"qty\": 4}]}", 400);
  g_autoptr(JsonNode) closed = sb_control (f, "/extensiv/close",
                                           "{\"referenceNum\": \"SO-SHORT\", \"trackingNumber\": \"1Z\","
                                           " \"items\": [{\"sku\": \"WID-1\", \"qty\": 1}]}", 200);
  JsonArray *items = json_object_get_array_member (json_node_get_object (closed), "orderItems");
  JsonObject *widget = json_array_get_object_element (items, 0);
  JsonObject *gadget = json_array_get_object_element (items, 1);

  g_assert_cmpuint (created->status, ==, 201);
  g_assert_cmpfloat (json_object_get_double_member (widget, "qty"), ==, 1);
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (widget, "readOnly"),
                                                    "originalPrimaryQty"), ==, 3);
  g_assert_cmpfloat (json_object_get_double_member (gadget, "qty"), ==, 0);
}

/* The .NET service reads member names regardless of case. */
static void
test_member_case (SbFixture     *f,
                  gconstpointer  data)
{
  g_autofree char *authorization = bearer (f);
  g_autoptr(SbResponse) created = post_order (f, authorization,
                                              "{\"CustomerIdentifier\": {\"Id\": 1}, \"FacilityIdentifier\": {\"Name\": \"main facility\"},"
                                              " \"ReferenceNum\": \"PASCAL-1\","
                                              " \"OrderItems\": [{\"ItemIdentifier\": {\"Sku\": \"SKU-A\"}, \"Qty\": 2}]}");
  g_autoptr(SbResponse) found = NULL;

  g_assert_cmpuint (created->status, ==, 201);
  found = list (f, authorization, "rql=referencenum%3D%3DPASCAL-1");
  g_assert_cmpint (json_object_get_int_member (sb_object (found), "totalResults"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, SbFixture, NULL, sb_fixture_setup, func, sb_fixture_teardown)
  ADD ("/sandbox/extensiv/token", test_token);
  ADD ("/sandbox/extensiv/bearer", test_bearer);
  ADD ("/sandbox/extensiv/orders/create", test_create_order);
  ADD ("/sandbox/extensiv/orders/validation", test_order_validation);
  ADD ("/sandbox/extensiv/orders/duplicates-and-rql", test_duplicates_and_rql);
  ADD ("/sandbox/extensiv/orders/close", test_close);
  ADD ("/sandbox/extensiv/customers-and-facilities", test_customers_and_facilities);
  ADD ("/sandbox/extensiv/member-case", test_member_case);
  ADD ("/sandbox/extensiv/orders/unknown-sku", test_unknown_sku);
  ADD ("/sandbox/extensiv/orders/detail", test_detail);
  ADD ("/sandbox/extensiv/orders/cancel", test_cancel);
  ADD ("/sandbox/extensiv/orders/close-short", test_close_short);
#undef ADD

  return g_test_run ();
}

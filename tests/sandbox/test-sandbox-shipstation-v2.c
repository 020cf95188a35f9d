/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "sandbox-test-util.h"

#include <string.h>

/* The sandbox's ShipStation API V2: as strict as ShipStation's own
 * description (shipstation-v2.openapi.yaml), over the same account as its
 * API V1. */

#define SHIP_TO \
  "{\"name\": \"Dock Manager\", \"phone\": \"217-555-0100\", \"address_line1\": \"1 Main St\"," \
  " \"city_locality\": \"Springfield\", \"state_province\": \"IL\", \"postal_code\": \"62701\"," \
  " \"country_code\": \"US\", \"address_residential_indicator\": \"no\"}"

static SbResponse *
v2 (SbFixture  *f,
    const char *method,
    const char *path,
    const char *body)
{
  g_autofree char *full = g_strconcat ("/shipstation", path, NULL);
  return sb_send_with_header (f, method, full, "API-Key", LUM_SANDBOX_SHIPSTATION_KEY, body);
}

/* {"shipments": [one]} with @key and @extra members (", \"x\": 1" or ""). */
static char *
create_body (const char *key,
             const char *extra)
{
  return g_strdup_printf ("{\"shipments\": [{\"external_shipment_id\": \"%s\", \"store_id\": \"1001\","
                          " \"ship_to\": " SHIP_TO ","
                          " \"items\": [{\"sku\": \"SKU-A\", \"name\": \"Widget\", \"quantity\": 2,"
                          "              \"unit_price\": 10.0, \"external_order_id\": \"SO-000001\"}]%s}]}",
                          key, extra);
}

/* The first error of an error_response_body: its message. */
static const char *
error_message (SbResponse *response)
{
  JsonObject *body = sb_object (response);
  JsonArray *errors = json_object_get_array_member (body, "errors");
  JsonObject *error = json_array_get_object_element (errors, 0);

  g_assert_true (json_object_has_member (body, "request_id"));
  g_assert_cmpstr (json_object_get_string_member (error, "error_source"), ==, "ShipStation");
  g_assert_nonnull (json_object_get_string_member (error, "error_type"));
  g_assert_nonnull (json_object_get_string_member (error, "error_code"));
  return json_object_get_string_member (error, "message");
}

static void
test_api_key (SbFixture     *f,
              gconstpointer  data)
{
  g_autoptr(SbResponse) none = sb_send (f, "GET", "/shipstation/v2/warehouses", NULL, NULL);
  g_autoptr(SbResponse) wrong = sb_send_with_header (f, "GET", "/shipstation/v2/warehouses", "API-Key", "nope", NULL);
  /* V1's Basic credentials are not V2's key */
  g_autofree char *basic = sb_basic (LUM_SANDBOX_SHIPSTATION_KEY, LUM_SANDBOX_SHIPSTATION_SECRET);
  g_autoptr(SbResponse) v1_auth = sb_send (f, "GET", "/shipstation/v2/warehouses", basic, NULL);
  g_autoptr(SbResponse) right = v2 (f, "GET", "/v2/warehouses", NULL);

  g_assert_cmpuint (none->status, ==, 401);
  g_assert_cmpuint (wrong->status, ==, 401);
  g_assert_cmpuint (v1_auth->status, ==, 401);
  g_assert_nonnull (strstr (error_message (wrong), "API key is invalid"));
  g_assert_cmpuint (right->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sb_object (right), "warehouses")), ==, 2);
}

static void
test_create_and_look_up (SbFixture     *f,
                         gconstpointer  data)
{
  g_autofree char *body = create_body ("key-1", "");
  g_autoptr(SbResponse) created = v2 (f, "POST", "/v2/shipments", body);
  g_autoptr(SbResponse) found = NULL;
  g_autoptr(SbResponse) missing = NULL;
  g_autoptr(SbResponse) again = NULL;
  JsonObject *shipment;

  g_assert_cmpuint (created->status, ==, 200);
  g_assert_false (json_object_get_boolean_member (sb_object (created), "has_errors"));
  shipment = json_array_get_object_element (json_object_get_array_member (sb_object (created), "shipments"), 0);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (shipment, "shipment_id"), "se-"));
  g_assert_cmpstr (json_object_get_string_member (shipment, "external_shipment_id"), ==, "key-1");
  g_assert_cmpstr (json_object_get_string_member (shipment, "shipment_status"), ==, "pending");
  g_assert_cmpstr (json_object_get_string_member (shipment, "shipment_number"), ==, "SO-000001");

  found = v2 (f, "GET", "/v2/shipments/external_shipment_id/key-1", NULL);
  g_assert_cmpuint (found->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sb_object (found), "shipment_id"), ==,
                   json_object_get_string_member (shipment, "shipment_id"));
  missing = v2 (f, "GET", "/v2/shipments/external_shipment_id/key-2", NULL);
  g_assert_cmpuint (missing->status, ==, 404);
  error_message (missing);

  /* external_shipment_id is unique in the account: the shipment says why */
  again = v2 (f, "POST", "/v2/shipments", body);
  g_assert_cmpuint (again->status, ==, 200);
  g_assert_true (json_object_get_boolean_member (sb_object (again), "has_errors"));
  shipment = json_array_get_object_element (json_object_get_array_member (sb_object (again), "shipments"), 0);
  g_assert_nonnull (strstr (json_array_get_string_element (json_object_get_array_member (shipment, "errors"), 0),
                            "already exists"));
  /* the same account as V1: one order */
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "shipstation", "orders"), ==, 1);
}

/* What the description does not name or requires is refused, as Prism
 * refuses it: the whole request, nothing stored. */
static void
test_strict_as_described (SbFixture     *f,
                          gconstpointer  data)
{
  static const struct { const char *extra; const char *why; } cases[] = {
    { ", \"shipment_number\": \"SO-1\"", "'shipment_number' is not allowed" },
    { ", \"tags\": [{\"name\": \"x\"}]", "'tags' is not allowed" },
    { ", \"ship_from\": {\"name\": \"WH\"}", "ship_from.phone is required" },
    { ", \"is_gift\": \"yes\"", "is_gift must be a boolean" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *body = create_body ("key-strict", cases[i].extra);
      g_autoptr(SbResponse) refused = v2 (f, "POST", "/v2/shipments", body);

      g_assert_cmpuint (refused->status, ==, 400);
      g_assert_nonnull (strstr (error_message (refused), cases[i].why));
    }
  {
    g_autoptr(SbResponse) no_phone = v2 (f, "POST", "/v2/shipments",
                                         "{\"shipments\": [{\"ship_to\": {\"name\": \"A\", \"address_line1\": \"1 St\","
                                         " \"city_locality\": \"X\", \"state_province\": \"IL\", \"postal_code\": \"1\","
                                         " \"country_code\": \"US\", \"address_residential_indicator\": \"no\"}}]}");
    g_autoptr(SbResponse) empty = v2 (f, "POST", "/v2/shipments", "{\"shipments\": []}");
    g_autoptr(SbResponse) item = v2 (f, "POST", "/v2/shipments",
                                     "{\"shipments\": [{\"items\": [{\"sku\": \"A\", \"qty\": 1}]}]}");

    g_assert_cmpuint (no_phone->status, ==, 400);
    g_assert_nonnull (strstr (error_message (no_phone), "ship_to.phone is required"));
    g_assert_cmpuint (empty->status, ==, 400);
    g_assert_cmpuint (item->status, ==, 400);
    g_assert_nonnull (strstr (error_message (item), "'qty' is not allowed"));
  }
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "shipstation", "orders"), ==, 0);
}

static void
test_tag_and_cancel (SbFixture     *f,
                     gconstpointer  data)
{
  g_autofree char *body = create_body ("key-c", "");
  g_autoptr(SbResponse) created = v2 (f, "POST", "/v2/shipments", body);
  JsonObject *shipment = json_array_get_object_element (json_object_get_array_member (sb_object (created), "shipments"), 0);
  const char *id = json_object_get_string_member (shipment, "shipment_id");
  g_autofree char *tag_path = g_strdup_printf ("/v2/shipments/%s/tags/Lumen%%20test%%20order", id);
  g_autofree char *cancel_path = g_strdup_printf ("/v2/shipments/%s/cancel", id);
  g_autoptr(SbResponse) tagged = v2 (f, "POST", tag_path, NULL);
  g_autoptr(SbResponse) found = v2 (f, "GET", "/v2/shipments/external_shipment_id/key-c", NULL);
  g_autoptr(SbResponse) cancelled = NULL;
  g_autoptr(SbResponse) after = NULL;
  g_autoptr(SbResponse) unknown = v2 (f, "PUT", "/v2/shipments/se-999/cancel", NULL);
  JsonArray *tags;

  g_assert_cmpuint (tagged->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (sb_object (tagged), "tag"), "name"),
                   ==, "Lumen test order");
  tags = json_object_get_array_member (sb_object (found), "tags");
  g_assert_cmpuint (json_array_get_length (tags), ==, 1);

  cancelled = v2 (f, "PUT", cancel_path, NULL);
  g_assert_cmpuint (cancelled->status, ==, 204);
  after = v2 (f, "GET", "/v2/shipments/external_shipment_id/key-c", NULL);
  g_assert_cmpstr (json_object_get_string_member (sb_object (after), "shipment_status"), ==, "cancelled");
  g_assert_cmpuint (unknown->status, ==, 404);
}

/* A label bought through the control endpoint; listed, filtered, voided. */
static void
test_labels (SbFixture     *f,
             gconstpointer  data)
{
  g_autofree char *body = create_body ("key-l", "");
  g_autoptr(SbResponse) created = v2 (f, "POST", "/v2/shipments", body);
  g_autoptr(JsonNode) shipped = sb_control (f, "/shipstation/ship",
                                            "{\"orderNumber\": \"SO-000001\", \"carrierCode\": \"ups\","
                                            " \"trackingNumber\": \"1ZV2LABEL\"}", 200);
  g_autoptr(SbResponse) listed = v2 (f, "GET", "/v2/labels?sort_by=created_at&sort_dir=asc&page=1&page_size=10", NULL);
  g_autoptr(SbResponse) later = v2 (f, "GET", "/v2/labels?created_at_start=2999-01-01T00:00:00Z", NULL);
  g_autoptr(SbResponse) bad_dir = v2 (f, "GET", "/v2/labels?sort_dir=up", NULL);
  g_autoptr(SbResponse) bad_time = v2 (f, "GET", "/v2/labels?created_at_start=2027-01-01T00:00:00", NULL);
  g_autoptr(SbResponse) cancel_labelled = NULL;
  g_autoptr(SbResponse) voided = NULL;
  JsonObject *label;
  g_autofree char *void_spec = NULL;
  g_autofree char *cancel_path = NULL;

  g_assert_cmpuint (created->status, ==, 200);
  g_assert_cmpuint (listed->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (sb_object (listed), "total"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (sb_object (listed), "pages"), ==, 1);
  label = json_array_get_object_element (json_object_get_array_member (sb_object (listed), "labels"), 0);
  g_assert_cmpstr (json_object_get_string_member (label, "external_shipment_id"), ==, "key-l");
  g_assert_cmpstr (json_object_get_string_member (label, "tracking_number"), ==, "1ZV2LABEL");
  g_assert_cmpstr (json_object_get_string_member (label, "status"), ==, "completed");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (label, "created_at"), "Z"));
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (sb_object (later), "labels")), ==, 0);
  g_assert_cmpuint (bad_dir->status, ==, 400);
  g_assert_cmpuint (bad_time->status, ==, 400);

  /* a shipment with a live label is not cancelled */
  cancel_path = g_strdup_printf ("/v2/shipments/%s/cancel", json_object_get_string_member (label, "shipment_id"));
  cancel_labelled = v2 (f, "PUT", cancel_path, NULL);
  g_assert_cmpuint (cancel_labelled->status, ==, 400);
  g_assert_nonnull (strstr (error_message (cancel_labelled), "voided first"));

  void_spec = g_strdup_printf ("{\"shipmentId\": %" G_GINT64_FORMAT "}",
                               json_object_get_int_member (json_node_get_object (shipped), "shipmentId"));
  g_clear_pointer (&shipped, json_node_unref);
  shipped = sb_control (f, "/shipstation/void", void_spec, 200);
  voided = v2 (f, "GET", "/v2/labels?label_status=voided&sort_by=modified_at&sort_dir=desc", NULL);
  label = json_array_get_object_element (json_object_get_array_member (sb_object (voided), "labels"), 0);
  g_assert_true (json_object_get_boolean_member (label, "voided"));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (label, "voided_at"), "Z"));
}

/* Over the limit: 429, Retry-After and an error object. */
static void
test_rate_limit (SbFixture     *f,
                 gconstpointer  data)
{
  g_autoptr(SbResponse) first = NULL;
  g_autoptr(SbResponse) second = NULL;

  lum_sandbox_set_rate_limit (f->sandbox, "shipstation", 1, 60000);
  first = v2 (f, "GET", "/v2/warehouses", NULL);
  second = v2 (f, "GET", "/v2/warehouses", NULL);
  g_assert_cmpuint (first->status, ==, 200);
  g_assert_cmpuint (second->status, ==, 429);
  g_assert_nonnull (sb_header (second, "Retry-After"));
  g_assert_nonnull (strstr (error_message (second), "rate limit"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, SbFixture, NULL, sb_fixture_setup, func, sb_fixture_teardown)

  ADD ("/sandbox/shipstation-v2/api-key", test_api_key);
  ADD ("/sandbox/shipstation-v2/create-and-look-up", test_create_and_look_up);
  ADD ("/sandbox/shipstation-v2/strict-as-described", test_strict_as_described);
  ADD ("/sandbox/shipstation-v2/tag-and-cancel", test_tag_and_cancel);
  ADD ("/sandbox/shipstation-v2/labels", test_labels);
  ADD ("/sandbox/shipstation-v2/rate-limit", test_rate_limit);

  return g_test_run ();
}

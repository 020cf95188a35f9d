/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>

#include "lum-test-util.h"
#include "model/lum-field-path.h"
#include "connect/lum-http.h"
#include "connect/lum-identity-fields.h"
#include "connect/lum-order-payload.h"
#include "connect/lum-rate-limiter.h"
#include "connect/lum-shipstation-time.h"
#include "sync/lum-push-worker.h"

typedef struct
{
  LumDocument *order;
  LumCustomer *customer;
  LumChannel  *config;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(LumDocLine) a = lum_doc_line_new ("SKU-A", 2, 1250);
  g_autoptr(LumDocLine) b = lum_doc_line_new ("SKU-B", 1, 99);

  f->order = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);
  lum_document_set_text (f->order, LUM_DOC_NUMBER, "SO-000042");
  lum_document_set_text (f->order, LUM_DOC_UUID, "0b5e3f1e-8f4b-4b8e-9d0e-2f1a3c4d5e6f");
  lum_document_set_text (f->order, LUM_DOC_POSTED_AT, "2027-01-01T09:30:00Z");
  lum_document_set_text (f->order, LUM_DOC_SHIP_NAME, "Dock Manager");
  lum_document_set_text (f->order, LUM_DOC_SHIP_STREET1, "1 Main St");
  lum_document_set_text (f->order, LUM_DOC_SHIP_CITY, "Springfield");
  lum_document_set_text (f->order, LUM_DOC_SHIPPING_NOTES, "Leave at dock 3");
  lum_document_set_text (f->order, LUM_DOC_SHIPPING_TYPE, "LTL");
  lum_document_set_text (f->order, LUM_DOC_PO_NUMBER, "PO-778");
  lum_document_set_text (f->order, LUM_DOC_GIFT_MESSAGE, "Thanks!");
  lum_document_add_line (f->order, a);
  lum_document_add_line (f->order, b);

  f->customer = lum_customer_new ("Acme Corp");
  lum_customer_set_text (f->customer, LUM_CUSTOMER_EMAIL, "buyer@acme.example");
  lum_customer_set_text (f->customer, LUM_CUSTOMER_SALES_REP, "Dana");

  f->config = lum_channel_new ();
  lum_channel_set_name (f->config, "Wholesale Sales Channel");
  lum_channel_set_oms_store_id (f->config, "1001");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->order);
  g_clear_object (&f->customer);
  g_clear_object (&f->config);
}

static JsonObject *
object_at (JsonNode   *root,
           const char *path)
{
  g_autoptr(LumFieldPath) p = lum_field_path_parse (path, NULL);
  JsonNode *node = lum_field_path_get (p, json_node_get_object (root));

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

static const char *
string_at (JsonNode   *root,
           const char *path)
{
  g_autoptr(LumFieldPath) p = lum_field_path_parse (path, NULL);
  JsonNode *node = lum_field_path_get (p, json_node_get_object (root));

  if (node == NULL)
    g_error ("nothing at %s", path);
  return json_node_get_string (node);
}

static void
test_shipstation_payload (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LumOrderPayloadInput input = { f->order, f->customer, f->config, "MAIN", NULL };
  g_autoptr(JsonNode) payload = lum_order_payload_shipstation (&input, &error);
  JsonObject *root;
  JsonArray *items;

  g_assert_no_error (error);
  root = json_node_get_object (payload);
  g_assert_cmpstr (json_object_get_string_member (root, "orderNumber"), ==, "SO-000042");
  g_assert_cmpstr (json_object_get_string_member (root, "orderKey"), ==, "0b5e3f1e-8f4b-4b8e-9d0e-2f1a3c4d5e6f");
  g_assert_cmpstr (json_object_get_string_member (root, "orderStatus"), ==, "awaiting_shipment");
  /* posted 09:30 UTC: 01:30 in ShipStation's Pacific time (PST), no zone */
  g_assert_cmpstr (json_object_get_string_member (root, "orderDate"), ==, "2027-01-01T01:30:00");
  g_assert_cmpstr (string_at (payload, "shipTo.street1"), ==, "1 Main St");
  g_assert_cmpstr (string_at (payload, "billTo.name"), ==, "Acme Corp");
  g_assert_cmpstr (string_at (payload, "requestedShippingService"), ==, "LTL");
  g_assert_cmpint (json_object_get_int_member (object_at (payload, "advancedOptions"), "storeId"), ==, 1001);
  items = json_object_get_array_member (root, "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "sku"), ==, "SKU-A");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items, 0), "quantity"), ==, 2);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (json_array_get_object_element (items, 0), "unitPrice"),
                                  12.50, 1e-9);
  g_assert_true (json_object_get_boolean_member (root, "gift"));
  /* members the Order model calls Read-Only are ShipStation's to set
   * (https://www.shipstation.com/docs/api/models/order/) */
  {
    static const char * const read_only[] = { "orderId", "createDate", "modifyDate", "customerId", "orderTotal",
                                              "externallyFulfilled", "externallyFulfilledBy", "userId" };

    for (guint i = 0; i < G_N_ELEMENTS (read_only); i++)
      if (json_object_has_member (root, read_only[i]))
        g_error ("the payload sends the read-only member %s", read_only[i]);
    for (guint i = 0; i < json_array_get_length (items); i++)
      g_assert_false (json_object_has_member (json_array_get_object_element (items, i), "orderItemId"));
    g_assert_false (json_object_has_member (object_at (payload, "advancedOptions"), "mergedOrSplit"));
    g_assert_false (json_object_has_member (object_at (payload, "advancedOptions"), "parentId"));
  }
  /* amounts are written with the digits they have */
  {
    g_autofree char *text = lum_json_write (payload, FALSE);

    g_assert_nonnull (strstr (text, "\"unitPrice\":12.5}"));
  }

  /* a requested ship date is a calendar day, sent as that day */
  lum_document_set_text (f->order, LUM_DOC_REQUESTED_SHIP_DATE, "2027-01-05");
  g_clear_pointer (&payload, json_node_unref);
  payload = lum_order_payload_shipstation (&input, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (payload), "shipByDate"), ==, "2027-01-05T00:00:00.0000000");
  lum_document_set_text (f->order, LUM_DOC_REQUESTED_SHIP_DATE, "2027-02-30");
  g_clear_pointer (&payload, json_node_unref);
  payload = lum_order_payload_shipstation (&input, &error);
  g_assert_null (payload);
  g_assert_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED);
  g_assert_nonnull (strstr (error->message, "2027-02-30"));
  g_clear_error (&error);
  lum_document_set_text (f->order, LUM_DOC_REQUESTED_SHIP_DATE, "");

  /* a store id that is no number is refused before anything is sent */
  lum_channel_set_oms_store_id (f->config, "Wholesale");
  g_clear_pointer (&payload, json_node_unref);
  payload = lum_order_payload_shipstation (&input, &error);
  g_assert_null (payload);
  g_assert_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED);
  g_assert_nonnull (strstr (error->message, "Wholesale"));
}

static void
test_extensiv_payload (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumIntegration) integration = lum_integration_new (LUM_INTEGRATION_KIND_EXTENSIV, "3PL");
  LumOrderPayloadInput input = { f->order, f->customer, f->config, "MAIN", NULL };
  g_autoptr(JsonNode) payload = NULL;
  JsonArray *items;

  lum_channel_set_oms_store_id (f->config, "7:3");
  payload = lum_order_payload_extensiv (&input, integration, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (object_at (payload, "customerIdentifier"), "id"), ==, 7);
  g_assert_cmpint (json_object_get_int_member (object_at (payload, "facilityIdentifier"), "id"), ==, 3);
  g_assert_cmpstr (string_at (payload, "referenceNum"), ==, "SO-000042");
  g_assert_cmpstr (string_at (payload, "shippingNotes"), ==, "Leave at dock 3");
  g_assert_cmpstr (string_at (payload, "poNum"), ==, "PO-778");
  g_assert_cmpstr (string_at (payload, "shipTo.address1"), ==, "1 Main St");
  items = json_object_get_array_member (json_node_get_object (payload), "orderItems");
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  g_assert_cmpstr (string_at (payload, "orderItems[1].itemIdentifier.sku"), ==, "SKU-B");

  /* the integration's customer and facility when the store names none */
  lum_channel_set_oms_store_id (f->config, NULL);
  lum_integration_set_setting (integration, LUM_SETTING_EXTENSIV_CUSTOMER_ID, "5");
  lum_integration_set_setting (integration, LUM_SETTING_EXTENSIV_FACILITY_ID, "9");
  g_clear_pointer (&payload, json_node_unref);
  payload = lum_order_payload_extensiv (&input, integration, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (object_at (payload, "facilityIdentifier"), "id"), ==, 9);
  g_assert_false (json_object_has_member (json_node_get_object (payload), "deferNotification"));
}

/* A channel test's order is recognisable at the 3PL as a test, and kept
 * from being allocated (deferNotification) until it is cancelled; its
 * reference stays the order number, by which Lumen finds it again. */
static void
test_extensiv_test_order_marked (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumIntegration) integration = lum_integration_new (LUM_INTEGRATION_KIND_EXTENSIV, "3PL");
  LumOrderPayloadInput input = { f->order, f->customer, f->config, "MAIN", NULL };
  g_autoptr(JsonNode) payload = NULL;
  JsonNode *defer;

  lum_channel_set_oms_store_id (f->config, "7:3");
  lum_document_set_is_test (f->order, TRUE);
  lum_document_set_text (f->order, LUM_DOC_CUSTOMER_NOTES, "Call first");
  payload = lum_order_payload_extensiv (&input, integration, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (string_at (payload, "notes"), ==, LUM_EXTENSIV_TEST_NOTE " Call first");
  g_assert_true (g_str_has_prefix (string_at (payload, "notes"), "TEST ORDER"));
  defer = json_object_get_member (json_node_get_object (payload), "deferNotification");
  g_assert_nonnull (defer);
  g_assert_true (json_node_get_boolean (defer));
  g_assert_cmpstr (string_at (payload, "referenceNum"), ==, "SO-000042");
}

static void
test_mappings_applied_last (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) payload = NULL;
  LumOrderPayloadInput input = { f->order, f->customer, f->config, "MAIN", NULL };

  lum_channel_add_mapping (f->config, "po_number", "advancedOptions.customField1");
  lum_channel_add_mapping (f->config, "shipping_type", "routingInfo.mode");
  lum_channel_add_mapping (f->config, "gift_message", "savedElements[name=GiftMessage]");
  lum_channel_add_mapping (f->config, "sales_rep", "advancedOptions.customField2");
  lum_channel_add_mapping (f->config, "warehouse_code", "advancedOptions.warehouseCode");
  lum_channel_add_mapping (f->config, "channel_name", "requestedShippingService");

  payload = lum_order_payload_shipstation (&input, &error);
  g_assert_true (lum_order_payload_apply_mappings (payload, LUM_INTEGRATION_KIND_SHIPSTATION, &input, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (string_at (payload, "advancedOptions.customField1"), ==, "PO-778");
  g_assert_cmpint (json_object_get_int_member (object_at (payload, "advancedOptions"), "storeId"), ==, 1001);
  g_assert_cmpstr (string_at (payload, "routingInfo.mode"), ==, "LTL");
  g_assert_cmpstr (string_at (payload, "savedElements[name=GiftMessage]"), ==, "Thanks!");
  g_assert_cmpstr (string_at (payload, "advancedOptions.customField2"), ==, "Dana");
  g_assert_cmpstr (string_at (payload, "items[1].sku"), ==, "SKU-B");
  g_assert_cmpstr (string_at (payload, "advancedOptions.warehouseCode"), ==, "MAIN");
  /* a mapping wins over what the payload had */
  g_assert_cmpstr (string_at (payload, "requestedShippingService"), ==, "Wholesale Sales Channel");
}

/* Every field the rules protect is one the payload really fills, so the
 * list cannot drift from what identifies an order; and a mapping onto one,
 * inside one or around one is refused when the order is pushed (an order
 * posted before the rules refused it keeps its configuration). */
static void
test_identity_fields (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(LumIntegration) integration = lum_integration_new (LUM_INTEGRATION_KIND_EXTENSIV, "3PL");
  const LumIntegrationKind kinds[] = { LUM_INTEGRATION_KIND_SHIPSTATION, LUM_INTEGRATION_KIND_EXTENSIV };
  const char *targets[][3] = {
    { "orderKey", "billTo.name", "advancedOptions" },
    { "referenceNum", "orderItems[0].qty", "customerIdentifier.id" },
  };
  LumOrderPayloadInput input = { f->order, f->customer, f->config, "MAIN", "awaiting_shipment" };

  lum_integration_set_setting (integration, LUM_SETTING_EXTENSIV_CUSTOMER_ID, "7");
  lum_integration_set_setting (integration, LUM_SETTING_EXTENSIV_FACILITY_ID, "2");

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      const char * const *fields = lum_identity_fields (kinds[k]);

      g_assert_nonnull (fields[0]);
      for (guint i = 0; fields[i] != NULL; i++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(JsonNode) payload = k == 0 ? lum_order_payload_shipstation (&input, &error)
                                               : lum_order_payload_extensiv (&input, integration, &error);
          g_autoptr(LumFieldPath) path = lum_field_path_parse (fields[i], NULL);

          g_assert_no_error (error);
          g_assert_nonnull (path);
          if (lum_field_path_get (path, json_node_get_object (payload)) == NULL)
            g_error ("the %s payload has no identity field %s", k == 0 ? "ShipStation" : "Extensiv", fields[i]);
        }

      for (guint t = 0; t < G_N_ELEMENTS (targets[k]); t++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(JsonNode) payload = k == 0 ? lum_order_payload_shipstation (&input, &error)
                                               : lum_order_payload_extensiv (&input, integration, &error);

          lum_channel_clear_mappings (f->config);
          lum_channel_add_mapping (f->config, "shipping_notes", targets[k][t]);
          g_assert_false (lum_order_payload_apply_mappings (payload, kinds[k], &input, &error));
          g_assert_error (error, LUM_FIELD_PATH_ERROR, LUM_FIELD_PATH_ERROR_CONFLICT);
          g_assert_nonnull (strstr (error->message, targets[k][t]));
        }
    }
}

static char *
parse_and_write (const char *json,
                 gboolean    pretty)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return lum_json_write (json_parser_get_root (parser), pretty);
}

/* The JSON Lumen sends is JsonGenerator's, but for fractions, which keep
 * only the digits they need. */
static void
test_json_write (void)
{
  const char *plain = "{\"name\":\"Acme \\\"East\\\" \\\\ \\n\\t\\u0001 Café\",\"n\":-42,\"ok\":true,"
                      "\"none\":null,\"empty\":{},\"list\":[],\"items\":[{\"sku\":\"A\",\"q\":[1,2]},false]}";
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  struct { const char *in; const char *out; } numbers[] = {
    { "4.2", "4.2" }, { "60.06", "60.06" }, { "5.0", "5.0" }, { "0.1", "0.1" },
    { "0.30000000000000004", "0.30000000000000004" }, { "1e+21", "1e+21" }, { "-0.5", "-0.5" },
  };

  json_parser_load_from_data (parser, plain, -1, &error);
  g_assert_no_error (error);
  {
    g_autofree char *ours = lum_json_write (json_parser_get_root (parser), FALSE);
    g_autofree char *theirs = json_to_string (json_parser_get_root (parser), FALSE);
    g_autofree char *indented = lum_json_write (json_parser_get_root (parser), TRUE);

    g_assert_cmpstr (ours, ==, theirs);
    /* indented as JsonGenerator does, but for empty containers, which it
     * writes “{  }” */
    g_assert_cmpstr (indented, ==,
                     "{\n  \"name\" : \"Acme \\\"East\\\" \\\\ \\n\\t\\u0001 Café\",\n  \"n\" : -42,\n"
                     "  \"ok\" : true,\n  \"none\" : null,\n  \"empty\" : {},\n  \"list\" : [],\n"
                     "  \"items\" : [\n    {\n      \"sku\" : \"A\",\n      \"q\" : [\n        1,\n        2\n      ]\n"
                     "    },\n    false\n  ]\n}");
  }

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autofree char *in = g_strdup_printf ("{\"amount\":%s}", numbers[i].in);
      g_autofree char *want = g_strdup_printf ("{\"amount\":%s}", numbers[i].out);
      g_autofree char *got = parse_and_write (in, FALSE);

      g_assert_cmpstr (got, ==, want);
    }
  /* 4.20 made from cents, as the payloads make it */
  {
    g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
    g_autofree char *text = NULL;

    json_node_set_double (node, 420 / 100.0);
    text = lum_json_write (node, FALSE);
    g_assert_cmpstr (text, ==, "4.2");
  }
}

static void
test_backoff (void)
{
  /* 30 s, doubling, capped at an hour, jitter takes at most a fifth */
  g_assert_cmpint (lum_push_worker_backoff (1, 0), ==, 30000);
  g_assert_cmpint (lum_push_worker_backoff (2, 0), ==, 60000);
  g_assert_cmpint (lum_push_worker_backoff (3, 0), ==, 120000);
  g_assert_cmpint (lum_push_worker_backoff (20, 0), ==, 3600000);
  g_assert_cmpint (lum_push_worker_backoff (1, 999), ==, 30000 - 6000 * 999 / 1000);
  for (guint32 r = 0; r < 2000; r += 37)
    {
      gint64 d = lum_push_worker_backoff (4, r);
      g_assert_cmpint (d, <=, 240000);
      g_assert_cmpint (d, >, 240000 - 240000 / 5);
    }
}

static void
on_acquired_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  guint *count = user_data;

  g_assert_true (lum_rate_limiter_acquire_finish (LUM_RATE_LIMITER (source), result, NULL));
  (*count)++;
}

static LumHttpResponse *
fake_response (guint  status,
               gint64 remaining,
               gint64 reset_ms)
{
  LumHttpResponse *response = g_new0 (LumHttpResponse, 1);

  response->status = status;
  response->rate_remaining = remaining;
  response->rate_reset_ms = reset_ms;
  response->retry_after_ms = -1;
  response->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  response->body = g_bytes_new (NULL, 0);
  return response;
}

/* The limiter's decisions, without waiting on the clock: what it lets go
 * at once and what it holds. */
static void
test_rate_limiter_budget (void)
{
  g_autoptr(LumRateLimiter) limiter = lum_rate_limiter_new (2, 3, 60000);
  guint granted = 0;

  for (guint i = 0; i < 5; i++)
    lum_rate_limiter_acquire_async (limiter, NULL, on_acquired_cb, &granted);
  while (g_main_context_iteration (NULL, FALSE));
  /* at most two in flight */
  g_assert_cmpuint (granted, ==, 2);

  lum_rate_limiter_release (limiter, NULL);
  while (g_main_context_iteration (NULL, FALSE));
  /* the third of the window's three */
  g_assert_cmpuint (granted, ==, 3);

  lum_rate_limiter_release (limiter, NULL);
  lum_rate_limiter_release (limiter, NULL);
  while (g_main_context_iteration (NULL, FALSE));
  /* the window's budget is spent: the rest wait for it to slide */
  g_assert_cmpuint (granted, ==, 3);
  g_assert_cmpuint (lum_rate_limiter_get_sent (limiter), ==, 3);
}

static void
test_rate_limiter_follows_service (void)
{
  g_autoptr(LumRateLimiter) limiter = lum_rate_limiter_new (1, 40, 60000);
  g_autoptr(LumHttpResponse) exhausted = fake_response (200, 0, 3600 * 1000);
  g_autoptr(LumHttpResponse) plenty = fake_response (200, 39, 50 * 1000);
  guint granted = 0;

  lum_rate_limiter_acquire_async (limiter, NULL, on_acquired_cb, &granted);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (granted, ==, 1);

  /* the service says its window is spent for an hour: nothing goes */
  lum_rate_limiter_release (limiter, exhausted);
  lum_rate_limiter_acquire_async (limiter, NULL, on_acquired_cb, &granted);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (granted, ==, 1);

  /* a fresh limiter told of 39 left sends without counting locally */
  {
    g_autoptr(LumRateLimiter) other = lum_rate_limiter_new (1, 1, 60000);
    guint other_granted = 0;

    lum_rate_limiter_acquire_async (other, NULL, on_acquired_cb, &other_granted);
    while (g_main_context_iteration (NULL, FALSE));
    lum_rate_limiter_release (other, plenty);
    for (guint i = 0; i < 3; i++)
      {
        lum_rate_limiter_acquire_async (other, NULL, on_acquired_cb, &other_granted);
        while (g_main_context_iteration (NULL, FALSE));
        lum_rate_limiter_release (other, NULL);
      }
    g_assert_cmpuint (other_granted, ==, 4);
  }
}

/* Orders posted near midnight and near the changes of US daylight time
 * (2027: from 14 March 02:00 PST, to 7 November 02:00 PDT) land on the day
 * and hour ShipStation's Pacific clock shows. */
static void
test_shipstation_order_date (Fixture       *f,
                             gconstpointer  data)
{
  static const struct { const char *posted, *order_date; } cases[] = {
    { "2027-01-02T07:59:59Z", "2027-01-01T23:59:59" }, /* still New Year's Day in California */
    { "2027-01-02T08:00:00Z", "2027-01-02T00:00:00" },
    { "2027-07-01T06:59:59Z", "2027-06-30T23:59:59" }, /* PDT, 7 hours */
    { "2027-07-01T07:00:00Z", "2027-07-01T00:00:00" },
    { "2027-03-14T09:59:59Z", "2027-03-14T01:59:59" }, /* the last second of PST */
    { "2027-03-14T10:00:00Z", "2027-03-14T03:00:00" }, /* 02:00–03:00 is skipped */
    { "2027-11-07T08:30:00Z", "2027-11-07T01:30:00" }, /* 01:30 PDT … */
    { "2027-11-07T09:30:00Z", "2027-11-07T01:30:00" }, /* … and 01:30 PST, an hour later */
    { "2027-11-07T10:00:00Z", "2027-11-07T02:00:00" },
  };
  LumOrderPayloadInput input = { f->order, f->customer, f->config, "MAIN", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) payload = NULL;

      lum_document_set_text (f->order, LUM_DOC_POSTED_AT, cases[i].posted);
      payload = lum_order_payload_shipstation (&input, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (json_object_get_string_member (json_node_get_object (payload), "orderDate"), ==,
                       cases[i].order_date);
    }
}

/* ShipStation's dates read back as UTC instants, around midnight and the
 * changes of daylight time. */
static void
test_shipstation_dates_read (void)
{
  static const struct { const char *pacific, *utc; } cases[] = {
    /* createDate of the List Orders example (ShipStation API V1 docs,
     * https://www.shipstation.com/docs/api/orders/list-orders/): July, PDT */
    { "2015-07-16T14:00:34.8230000", "2015-07-16T21:00:34Z" },
    /* createDate of the List Shipments example (…/docs/api/shipments/list/) */
    { "2014-10-03T06:51:33.6270000", "2014-10-03T13:51:33Z" },
    { "2027-01-01T23:59:59", "2027-01-02T07:59:59Z" },
    { "2027-01-01 23:59:59", "2027-01-02T07:59:59Z" },
    { "2027-03-14T01:59:59", "2027-03-14T09:59:59Z" },
    { "2027-03-14T03:00:00", "2027-03-14T10:00:00Z" },
    /* a time the spring change skips: the earlier instant it could mean */
    { "2027-03-14T02:30:00", "2027-03-14T09:30:00Z" },
    /* the repeated autumn hour: the earlier instant (PDT) */
    { "2027-11-07T01:30:00", "2027-11-07T08:30:00Z" },
    { "2027-11-07T02:00:00", "2027-11-07T10:00:00Z" },
    /* a date with a zone after all is read in it */
    { "2027-01-01T12:00:00Z", "2027-01-01T12:00:00Z" },
    { "2027-01-01T12:00:00-05:00", "2027-01-01T17:00:00Z" },
  };
  static const char * const unreadable[] = { "", "yesterday", "2027-13-01T00:00:00", "2027-01-01", "20270101" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *utc = lum_shipstation_time_from_pacific (cases[i].pacific, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (utc, ==, cases[i].utc);
    }
  for (guint i = 0; i < G_N_ELEMENTS (unreadable); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *utc = lum_shipstation_time_from_pacific (unreadable[i], &error);

      g_assert_null (utc);
      g_assert_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_INVALID_RESPONSE);
      g_assert_nonnull (strstr (error->message, unreadable[i]));
    }
}

/* The createDateStart sent for a cursor means an instant at or before the
 * cursor less the overlap, whichever way ShipStation reads the wall time. */
static void
test_shipstation_query_start (void)
{
  static const struct { const char *cursor, *start; } cases[] = {
    { "2027-01-02T08:05:00Z", "2027-01-01 23:55:00" }, /* back over midnight */
    { "2027-07-01T12:00:00Z", "2027-07-01 04:50:00" },
    { "2027-03-14T10:05:00Z", "2027-03-14 01:55:00" }, /* back over the spring change */
    /* in the repeated hour 01:00–02:00 a wall time means two instants;
     * the start moves back to before it */
    { "2027-11-07T08:45:00Z", "2027-11-07 00:35:00" }, /* 01:35 PDT */
    { "2027-11-07T09:45:00Z", "2027-11-07 00:35:00" }, /* 01:35 PST */
    { "2027-11-07T10:15:00Z", "2027-11-07 02:05:00" },
    /* a cursor an earlier Lumen kept as ShipStation wrote it (Pacific) */
    { "2027-01-01T23:55:00.1230000", "2027-01-01 23:45:00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *start = lum_shipstation_time_query_start (cases[i].cursor, 10, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (start, ==, cases[i].start);
    }
}

/* Without the time zone data nothing is sent with a date hours off: the
 * payload is refused with a reason that says what to install. */
static void
test_shipstation_without_tzdata (Fixture       *f,
                                 gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autofree char *empty = g_dir_make_tmp ("lumen-tz-XXXXXX", NULL);
      LumOrderPayloadInput input = { f->order, f->customer, f->config, "MAIN", NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) payload = NULL;
      g_autofree char *start = NULL;

      /* GLib reads the zone files under $TZDIR */
      g_setenv ("TZDIR", empty, TRUE);
      payload = lum_order_payload_shipstation (&input, &error);
      g_assert_null (payload);
      g_assert_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED);
      g_assert_nonnull (strstr (error->message, "tzdata"));
      g_assert_nonnull (strstr (error->message, "America/Los_Angeles"));
      g_clear_error (&error);
      start = lum_shipstation_time_query_start ("2027-01-02T08:05:00Z", 10, &error);
      g_assert_null (start);
      g_assert_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED);
      g_rmdir (empty);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/payload/shipstation", Fixture, NULL, fixture_set_up, test_shipstation_payload, fixture_tear_down);
  g_test_add ("/payload/shipstation-order-date", Fixture, NULL, fixture_set_up, test_shipstation_order_date,
              fixture_tear_down);
  g_test_add_func ("/payload/shipstation-dates-read", test_shipstation_dates_read);
  g_test_add_func ("/payload/shipstation-query-start", test_shipstation_query_start);
  g_test_add ("/payload/shipstation-without-tzdata", Fixture, NULL, fixture_set_up, test_shipstation_without_tzdata,
              fixture_tear_down);
  g_test_add ("/payload/extensiv", Fixture, NULL, fixture_set_up, test_extensiv_payload, fixture_tear_down);
  g_test_add ("/payload/extensiv/test-order", Fixture, NULL, fixture_set_up, test_extensiv_test_order_marked,
              fixture_tear_down);
  g_test_add ("/payload/mappings-applied-last", Fixture, NULL, fixture_set_up, test_mappings_applied_last,
              fixture_tear_down);
  g_test_add ("/payload/identity-fields", Fixture, NULL, fixture_set_up, test_identity_fields, fixture_tear_down);
  g_test_add_func ("/payload/json-write", test_json_write);
  g_test_add_func ("/push/backoff", test_backoff);
  g_test_add_func ("/push/rate-limiter-budget", test_rate_limiter_budget);
  g_test_add_func ("/push/rate-limiter-follows-service", test_rate_limiter_follows_service);

  return g_test_run ();
}

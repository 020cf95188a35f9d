/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "lum-test-sandbox.h"
#include "lum-util.h"
#include "connect/lum-connector.h"
#include "connect/lum-extensiv.h"
#include "connect/lum-extensiv-private.h"
#include "model/lum-doc-line.h"
#include "model/lum-remote-store.h"
#include "sync/lum-fulfillment-poller.h"
#include "model/lum-channel.h"

/*
 * Extensiv 3PL Warehouse Manager as a real account has it: orders whose
 * items come embedded, a login that reaches several customers of the
 * warehouse, cancellation with an ETag, and facilities at
 * /properties/facilities.
 */

typedef LumTestWorld Fixture;

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

/* -- the parser, fed with Extensiv's own examples ------------------------ */

/*
 * A page of GET /orders?detail=OrderItems as Extensiv documents it. The
 * list (totalResults, _embedded["http://api.3plCentral.com/rels/orders/order"])
 * and the order's members are those of "orders orders"
 * (http://api.3plcentral.com/rels/orders/orders, 3w.extensiv.com, the
 * Order.Models.Order resource list); the embedded item and its readOnly
 * are copied from the sample of "orders items"
 * (http://3w.extensiv.com/rels/orders/items), whose sample puts items under
 * _embedded["http://api.3plCentral.com/rels/orders/item"]; customer 3 and
 * facility 2 are the identifiers of the samples of "orders summaries"
 * (http://3w.extensiv.com/rels/orders/summaries). The placeholder values
 * ("str", 1.0, "2016-12-25T23:00:00") are the pages'; changed for the test:
 * the second item's qty (4.0, of an originalPrimaryQty of 10.0: a shorted
 * line) and the skus, so that the lines can be told apart.
 */
static const char documented_page[] =
  "{"
  "  \"totalResults\": 1,"
  "  \"_embedded\": {"
  "    \"http://api.3plCentral.com/rels/orders/order\": ["
  "      {"
  "        \"readOnly\": {"
  "          \"orderId\": 1,"
  "          \"asnCandidate\": 1,"
  "          \"routeCandidate\": 1,"
  "          \"fullyAllocated\": true,"
  "          \"deferNotification\": true,"
  "          \"isClosed\": true,"
  "          \"processDate\": \"2016-12-25T23:00:00\","
  "          \"pickStarted\": true,"
  "          \"packStarted\": true,"
  "          \"customerIdentifier\": {\"externalId\": \"str\", \"name\": \"str\", \"id\": 3},"
  "          \"facilityIdentifier\": {\"name\": \"str\", \"id\": 2},"
  "          \"creationDate\": \"2016-12-25T23:00:00\","
  "          \"status\": 1"
  "        },"
  "        \"referenceNum\": \"str\","
  "        \"poNum\": \"str\","
  "        \"notes\": \"str\","
  "        \"routingInfo\": {"
  "          \"isCod\": true, \"isInsurance\": true, \"requiresDeliveryConf\": true,"
  "          \"requiresReturnReceipt\": true, \"scacCode\": \"str\", \"carrier\": \"str\","
  "          \"mode\": \"str\", \"account\": \"str\", \"shipPointZip\": \"str\", \"capacityTypeIdentifier\":"
  "          {\"name\": \"str\", \"id\": 2}, \"loadNumber\": \"str\", \"billOfLading\": \"str\","
  "          \"trackingNumber\": \"str\", \"trailerNumber\": \"str\", \"sealNumber\": \"str\","
  "          \"doorNumber\": \"str\", \"pickupDate\": \"2016-12-25T23:00:00\""
  "        },"
  "        \"_embedded\": {"
  "          \"http://api.3plCentral.com/rels/orders/item\": ["
  "            {"
  "              \"readOnly\": {"
  "                \"orderItemId\": 1,"
  "                \"fullyAllocated\": true,"
  "                \"unitIdentifier\": {\"name\": \"str\", \"id\": 2},"
  "                \"secondaryUnitIdentifier\": {\"name\": \"str\", \"id\": 2},"
  "                \"estimatedQty\": 1.0,"
  "                \"estimatedSecondaryQty\": 1.0,"
  "                \"originalPrimaryQty\": 1.0,"
  "                \"isOrderQtySecondary\": true"
  "              },"
  "              \"itemIdentifier\": {\"sku\": \"str\", \"id\": 2},"
  "              \"qualifier\": \"str\","
  "              \"qty\": 1.0,"
  "              \"secondaryQty\": 1.0,"
  "              \"lotNumber\": \"str\","
  "              \"serialNumber\": \"str\","
  "              \"expirationDate\": \"2016-12-25T23:00:00\","
  "              \"notes\": \"str\","
  "              \"fulfillInvSalePrice\": 1.0"
  "            },"
  "            {"
  "              \"readOnly\": {"
  "                \"orderItemId\": 2,"
  "                \"fullyAllocated\": true,"
  "                \"originalPrimaryQty\": 10.0,"
  "                \"isOrderQtySecondary\": false"
  "              },"
  "              \"itemIdentifier\": {\"sku\": \"str-2\", \"id\": 3},"
  "              \"qty\": 4.0"
  "            }"
  "          ]"
  "        }"
  "      }"
  "    ]"
  "  }"
  "}";

static JsonObject *
documented_order (JsonNode *page)
{
  JsonObject *embedded = json_object_get_object_member (json_node_get_object (page), "_embedded");

  return json_array_get_object_element (json_object_get_array_member (embedded, LUM_EXTENSIV_ORDERS_REL), 0);
}

static void
test_parse_documented_page (void)
{
  g_autoptr(JsonNode) page = parse (documented_page);
  JsonObject *order = documented_order (page);
  LumExtensivScope ours = { 3, 2 };
  LumExtensivScope another = { 4, 2 };
  const char *unreadable = NULL;
  gboolean skip = TRUE;
  LumRemoteShipment *remote;
  GListModel *lines;

  remote = lum_extensiv_parse_closed_order (order, &ours, &skip, &unreadable);
  g_assert_nonnull (remote);
  g_assert_false (skip);
  g_assert_cmpstr (remote->order_number, ==, "str");
  g_assert_cmpstr (lum_shipment_get_text (remote->shipment, LUM_SHIPMENT_REMOTE_ID), ==, "order-1");
  g_assert_cmpstr (lum_shipment_get_text (remote->shipment, LUM_SHIPMENT_SHIPPED_AT), ==, "2016-12-25T23:00:00");
  /* what shipped, item by item: 1 of the first, 4 of the shorted second */
  lines = lum_shipment_get_lines (remote->shipment);
  g_assert_cmpuint (g_list_model_get_n_items (lines), ==, 2);
  {
    g_autoptr(LumDocLine) first = g_list_model_get_item (lines, 0);
    g_autoptr(LumDocLine) second = g_list_model_get_item (lines, 1);

    g_assert_cmpstr (lum_doc_line_get_sku (first), ==, "str");
    g_assert_cmpint (lum_doc_line_get_quantity (first), ==, 1);
    g_assert_cmpstr (lum_doc_line_get_sku (second), ==, "str-2");
    g_assert_cmpint (lum_doc_line_get_quantity (second), ==, 4);
  }
  lum_remote_shipment_free (remote);

  /* another customer's order is no shipment of ours */
  remote = lum_extensiv_parse_closed_order (order, &another, &skip, &unreadable);
  g_assert_null (remote);
  g_assert_true (skip);

  /* without its embedded items nothing says what shipped: unreadable, not
   * "everything" */
  json_object_remove_member (order, "_embedded");
  remote = lum_extensiv_parse_closed_order (order, &ours, &skip, &unreadable);
  g_assert_null (remote);
  g_assert_false (skip);
  g_assert_cmpstr (unreadable, ==, "_embedded." LUM_EXTENSIV_ITEMS_REL);
}

/* -- against the sandbox -------------------------------------------------- */

static void
on_polled_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  LumPollStats *stats = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (lum_fulfillment_poller_poll_finish (LUM_FULFILLMENT_POLLER (source), result, stats, &error));
  g_assert_no_error (error);
  stats->shipments += 1000000;
}

static LumPollStats
poll (Fixture *f)
{
  g_autoptr(LumFulfillmentPoller) poller = lum_fulfillment_poller_new (f->service);
  LumPollStats stats = { 0, };

  lum_fulfillment_poller_poll_async (poller, NULL, on_polled_cb, &stats);
  while (stats.shipments < 1000000)
    g_main_context_iteration (NULL, TRUE);
  stats.shipments -= 1000000;
  return stats;
}

static JsonObject *
control (Fixture    *f,
         const char *path,
         const char *body,
         guint       expected)
{
  g_autoptr(JsonNode) request = parse (body);
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;

  answer = lum_sandbox_control (f->sandbox, "POST", path, request, &status);
  g_assert_cmpuint (status, ==, expected);
  g_assert_nonnull (answer);
  return json_object_ref (json_node_get_object (answer));
}

/* Another customer of the warehouse, 2, with the same SKUs as ours. */
static void
add_other_customer (Fixture *f)
{
  g_autoptr(JsonObject) customer = control (f, "/extensiv/customers",
                                            "{\"name\": \"Other Brand\", \"id\": 2,"
                                            " \"skus\": [\"SKU-A\", \"SKU-B\"]}", 200);
}

/* An order sent to the sandbox as another client would send it. */
static gint64
post_raw_order (Fixture    *f,
                const char *body)
{
  g_autofree char *base = lum_sandbox_dup_base_url (f->sandbox, "extensiv");
  g_autofree char *token_url = g_strconcat (base, "/AuthServer/api/Token", NULL);
  g_autofree char *orders_url = g_strconcat (base, "/orders", NULL);
  g_autofree char *pair = g_strdup_printf ("%s:%s", LUM_SANDBOX_EXTENSIV_CLIENT_ID,
                                           LUM_SANDBOX_EXTENSIV_CLIENT_SECRET);
  g_autofree char *encoded = g_base64_encode ((const guchar *)pair, strlen (pair));
  g_autofree char *basic = g_strconcat ("Basic ", encoded, NULL);
  g_autofree char *bearer = NULL;
  const char *token_body = "{\"grant_type\": \"client_credentials\", \"tpl\": \"" LUM_SANDBOX_EXTENSIV_TPL "\","
                           " \"user_login_id\": \"" LUM_SANDBOX_EXTENSIV_USER_LOGIN_ID "\"}";
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) token = soup_message_new ("POST", token_url);
  g_autoptr(SoupMessage) create = soup_message_new ("POST", orders_url);
  g_autoptr(GBytes) token_body_bytes = g_bytes_new_static (token_body, strlen (token_body));
  g_autoptr(GBytes) order_bytes = g_bytes_new (body, strlen (body));
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (token), "Authorization", basic);
  soup_message_set_request_body_from_bytes (token, "application/json", token_body_bytes);
  answer = soup_session_send_and_read (session, token, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (token), ==, 200);
  root = parse (g_bytes_get_data (answer, NULL));
  bearer = g_strconcat ("Bearer ", json_object_get_string_member (json_node_get_object (root), "access_token"), NULL);

  g_clear_pointer (&answer, g_bytes_unref);
  g_clear_pointer (&root, json_node_unref);
  soup_message_headers_replace (soup_message_get_request_headers (create), "Authorization", bearer);
  soup_message_set_request_body_from_bytes (create, "application/hal+json", order_bytes);
  answer = soup_session_send_and_read (session, create, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (create), ==, 201);
  root = parse (g_bytes_get_data (answer, NULL));
  return json_object_get_int_member (json_object_get_object_member (json_node_get_object (root), "readOnly"),
                                     "orderId");
}

/* The other customer's order with @reference: the same number as ours. */
static gint64
post_other_customers_order (Fixture    *f,
                            const char *reference)
{
  g_autofree char *body = g_strdup_printf ("{\"customerIdentifier\": {\"id\": 2}, \"facilityIdentifier\": {\"id\": 1},"
                                           " \"referenceNum\": \"%s\","
                                           " \"orderItems\": [{\"itemIdentifier\": {\"sku\": \"SKU-A\"}, \"qty\": 7}]}",
                                           reference);
  return post_raw_order (f, body);
}

/* The sandbox's order @id, as it holds it. */
static JsonObject *
remote_order (Fixture *f,
              gint64   id)
{
  static GPtrArray *keep;
  g_autoptr(JsonNode) records = lum_sandbox_dup_records (f->sandbox, "extensiv", "orders");
  JsonArray *array = json_node_get_array (records);

  if (keep == NULL)
    keep = g_ptr_array_new_with_free_func ((GDestroyNotify)json_node_unref);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *order = json_array_get_object_element (array, i);

      if (json_object_get_int_member (json_object_get_object_member (order, "readOnly"), "orderId") == id)
        {
          g_ptr_array_add (keep, json_node_ref (records));
          return order;
        }
    }
  g_assert_not_reached ();
}

static gint64
remote_id_of (Fixture     *f,
              LumDocument *order)
{
  g_autoptr(LumDocument) after = lum_test_world_reload (f, order);
  const char *id = lum_document_get_text (after, LUM_DOC_REMOTE_ID);

  g_assert_nonnull (id);
  return g_ascii_strtoll (id, NULL, 10);
}

/* A warehouse that ships 1 of 2 × SKU-A and all 4 × SKU-B: the order stays
 * partially fulfilled, and the invoice on shipment bills what shipped. */
static void
test_short_shipment (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumDocument) after = NULL;
  g_autoptr(LumDocument) invoice = NULL;
  g_autoptr(JsonObject) closed = NULL;
  g_autofree char *spec = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) invoices = NULL;
  GListModel *lines;
  LumPollStats stats;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (f, "3PL", f->extensiv, "1:1", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);
  order = lum_test_world_post_order (f, channel, "Dock 3");
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);

  spec = g_strdup_printf ("{\"referenceNum\": \"%s\", \"trackingNumber\": \"794698371234\", \"carrier\": \"fedex\","
                          " \"items\": [{\"sku\": \"SKU-A\", \"qty\": 1}, {\"sku\": \"SKU-B\", \"qty\": 4}]}",
                          lum_document_get_number (order));
  closed = control (f, "/extensiv/close", spec, 200);
  stats = poll (f);
  g_assert_cmpuint (stats.recorded, ==, 1);

  after = lum_test_world_reload (f, order);
  g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_FULFILLMENT_STATUS), ==, "partially-fulfilled");
  invoices = lum_engine_list_order_invoices (f->engine, lum_document_get_id (order), NULL);
  g_assert_cmpuint (g_strv_length (invoices), ==, 1);
  invoice = lum_engine_find_document (f->engine, LUM_DOCUMENT_KIND_INVOICE, invoices[0], &error);
  g_assert_no_error (error);
  lines = lum_document_get_lines (invoice);
  g_assert_cmpuint (g_list_model_get_n_items (lines), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(LumDocLine) line = g_list_model_get_item (lines, i);

      g_assert_cmpint (lum_doc_line_get_quantity (line), ==, g_str_equal (lum_doc_line_get_sku (line), "SKU-A") ? 1 : 4);
    }
  /* 1 × 10.00 + 4 × 2.50, not the 30.00 ordered */
  g_assert_cmpint (lum_document_get_total_cents (invoice), ==, 2000);
}

/* Another customer's closed order with our order's reference number is not
 * our shipment; ours, when it closes, is. */
static void
test_other_customer_not_ours (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumDocument) after = NULL;
  g_autoptr(JsonObject) closed = NULL;
  g_autoptr(JsonObject) ours = NULL;
  g_autoptr(GListStore) shipments = NULL;
  g_autoptr(LumShipment) shipment = NULL;
  g_autofree char *spec = NULL;
  LumPollStats stats;

  SKIP_WITHOUT_KEYRING ();
  add_other_customer (f);
  channel = lum_test_world_channel (f, "3PL", f->extensiv, "1:1", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SO_CREATED, NULL);
  order = lum_test_world_post_order (f, channel, "Dock 3");
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);
  post_other_customers_order (f, lum_document_get_number (order));
  spec = g_strdup_printf ("{\"referenceNum\": \"%s\", \"customerId\": 2, \"trackingNumber\": \"1ZOTHER\"}",
                          lum_document_get_number (order));
  closed = control (f, "/extensiv/close", spec, 200);

  stats = poll (f);
  g_assert_cmpuint (stats.recorded, ==, 0);
  after = lum_test_world_reload (f, order);
  g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_FULFILLMENT_STATUS), !=, "fulfilled");
  shipments = lum_engine_list_shipments (f->engine, lum_document_get_id (order), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shipments)), ==, 0);
  /* the lists asked for were our customer's and facility's */
  g_assert_cmpuint (lum_sandbox_count_requests (f->sandbox, "extensiv", "GET", "/orders"), >=, 1);

  g_clear_pointer (&spec, g_free);
  spec = g_strdup_printf ("{\"referenceNum\": \"%s\", \"customerId\": 1, \"trackingNumber\": \"1ZOURS\"}",
                          lum_document_get_number (order));
  ours = control (f, "/extensiv/close", spec, 200);
  stats = poll (f);
  g_assert_cmpuint (stats.recorded, ==, 1);
  g_clear_object (&shipments);
  shipments = lum_engine_list_shipments (f->engine, lum_document_get_id (order), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shipments)), ==, 1);
  shipment = g_list_model_get_item (G_LIST_MODEL (shipments), 0);
  g_assert_cmpstr (lum_shipment_get_text (shipment, LUM_SHIPMENT_TRACKING_NUMBER), ==, "1ZOURS");
}

/* Posted, pushed, cancelled in Lumen: cancelled at the 3PL, with the ETag,
 * and only our customer's order of that reference number. */
static void
test_cancel_end_to_end (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumDocument) after = NULL;
  g_autoptr(LumJob) job = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *remote, *other;
  gint64 other_id, our_id;

  SKIP_WITHOUT_KEYRING ();
  add_other_customer (f);
  channel = lum_test_world_channel (f, "3PL", f->extensiv, "1:1", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SO_CREATED, NULL);
  order = lum_test_world_post_order (f, channel, "Dock 3");
  /* the other customer's order of the same number comes first in lists */
  other_id = post_other_customers_order (f, lum_document_get_number (order));
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);
  our_id = remote_id_of (f, order);
  g_assert_cmpint (our_id, !=, other_id);

  g_assert_true (lum_engine_cancel_order (f->engine, lum_document_get_id (order), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);
  job = lum_test_world_last_job (f, order);
  g_assert_cmpint (lum_job_get_kind (job), ==, LUM_JOB_KIND_CANCEL_SALES_ORDER);
  g_assert_cmpint (lum_job_get_state (job), ==, LUM_JOB_STATE_DONE);

  remote = remote_order (f, our_id);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (remote, "readOnly"), "status"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (remote, "readOnly"),
                                                  "cancelReason"), ==, "Cancelled in Lumen");
  other = remote_order (f, other_id);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (other, "readOnly"), "status"), ==, 0);
  g_assert_cmpuint (lum_sandbox_count_requests (f->sandbox, "extensiv", "POST", "/orders/"), ==, 1);
  after = lum_test_world_reload (f, order);
  g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_STATUS), ==, "cancelled");
}

static void
on_stores_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GListStore **stores = user_data;
  g_autoptr(GError) error = NULL;

  *stores = lum_connector_list_stores_finish (LUM_CONNECTOR (source), result, &error);
  g_assert_no_error (error);
}

/* The store list reads /properties/facilities, and pairs each customer with
 * the facilities it uses. */
static void
test_stores (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(LumConnector) connector = NULL;
  g_autoptr(GListStore) stores = NULL;
  g_autoptr(JsonObject) facility = NULL;

  SKIP_WITHOUT_KEYRING ();
  add_other_customer (f);
  facility = control (f, "/extensiv/facilities", "{\"name\": \"East Coast\"}", 200);
  connector = lum_connector_new (f->extensiv, lum_sync_service_get_session (f->service));
  lum_connector_list_stores_async (connector, NULL, on_stores_cb, &stores);
  while (stores == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (stores)), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(LumRemoteStore) store = g_list_model_get_item (G_LIST_MODEL (stores), i);

      g_assert_cmpstr (lum_remote_store_get_remote_id (store), ==, i == 0 ? "1:1" : "2:1");
    }
  g_assert_cmpuint (lum_sandbox_count_requests (f->sandbox, "extensiv", "GET", "/properties/facilities"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/extensiv/parse/documented-page", test_parse_documented_page);
#define ADD(path, func) g_test_add (path, Fixture, NULL, lum_test_world_set_up, func, lum_test_world_tear_down)
  ADD ("/extensiv/short-shipment", test_short_shipment);
  ADD ("/extensiv/other-customer-not-ours", test_other_customer_not_ours);
  ADD ("/extensiv/cancel", test_cancel_end_to_end);
  ADD ("/extensiv/stores", test_stores);
#undef ADD
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "lum-test-sandbox.h"
#include "lum-util.h"
#include "store/lum-document-store.h"
#include "store/lum-sync-cursor.h"
#include "sync/lum-fulfillment-poller.h"
#include "model/lum-channel.h"

typedef LumTestWorld Fixture;


static void
ship (Fixture     *f,
      LumDocument *order,
      const char  *tracking,
      const char  *sku,
      gint64       quantity)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) items = NULL;
  g_autoptr(JsonObject) shipment = NULL;

  if (sku != NULL)
    {
      JsonObject *item = json_object_new ();
      items = json_array_new ();
      json_object_set_string_member (item, "sku", sku);
      json_object_set_int_member (item, "quantity", quantity);
      json_array_add_object_element (items, item);
    }
  shipment = lum_sandbox_shipstation_ship (f->sandbox, lum_document_get_number (order), "ups", tracking, items, &error);
  g_assert_no_error (error);
  g_assert_nonnull (shipment);
}

static GListStore *
shipments_of (Fixture     *f,
              LumDocument *order)
{
  return lum_engine_list_shipments (f->engine, lum_document_get_id (order), NULL);
}

static void
test_shipped_polled_back_with_tracking (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumDocument) after = NULL;
  g_autoptr(GListStore) shipments = NULL;
  g_autoptr(LumShipment) shipment = NULL;
  g_auto(GStrv) invoices = NULL;
  LumPollStats stats;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (f, "Ships", f->shipstation, "1001", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);
  order = lum_test_world_post_order (f, channel, "Dock 3");
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);

  ship (f, order, "1Z999AA10123456784", NULL, 0);
  stats = lum_test_world_poll (f);
  g_assert_cmpuint (stats.shipments, ==, 1);
  g_assert_cmpuint (stats.recorded, ==, 1);
  g_assert_cmpuint (stats.failed_targets, ==, 0);

  after = lum_test_world_reload (f, order);
  g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_FULFILLMENT_STATUS), ==, "fulfilled");
  shipments = shipments_of (f, order);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shipments)), ==, 1);
  shipment = g_list_model_get_item (G_LIST_MODEL (shipments), 0);
  g_assert_cmpstr (lum_shipment_get_text (shipment, LUM_SHIPMENT_TRACKING_NUMBER), ==, "1Z999AA10123456784");
  g_assert_cmpstr (lum_shipment_get_text (shipment, LUM_SHIPMENT_CARRIER), ==, "ups");
  {
    g_autofree char *url = lum_shipment_dup_tracking_url (shipment);
    g_assert_cmpstr (url, ==, "https://www.ups.com/track?tracknum=1Z999AA10123456784");
  }

  /* the channel invoices on shipment: the invoice came with it */
  invoices = lum_engine_list_order_invoices (f->engine, lum_document_get_id (order), NULL);
  g_assert_cmpuint (g_strv_length (invoices), ==, 1);

  /* the same shipment again is recognised by its id */
  stats = lum_test_world_poll (f);
  g_assert_cmpuint (stats.recorded, ==, 0);
  g_assert_cmpuint (stats.duplicates, ==, 1);
  g_clear_object (&shipments);
  shipments = shipments_of (f, order);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shipments)), ==, 1);
}

/* The invoice of a shipment copies the order's header (read without its
 * lines), bills the shipped lines at the order's prices and is issued on
 * the day of the poll, in UTC. */
static void
test_invoice_on_shipment_copies_header (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumDocument) header = NULL;
  g_autoptr(LumDocument) invoice = NULL;
  g_autoptr(LumDocLine) line = NULL;
  g_autoptr(LumDocLine) ordered = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) invoices = NULL;
  LumPollStats stats;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (f, "Header", f->shipstation, "1001", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);
  order = lum_test_world_post_order (f, channel, "Dock 3");
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);

  /* the header alone: the fields of the whole order, no lines */
  header = lum_document_store_get_header (lum_engine_get_db (f->engine), LUM_DOCUMENT_KIND_SALES_ORDER,
                                          lum_document_get_id (order), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lum_document_get_number (header), ==, lum_document_get_number (order));
  g_assert_cmpstr (lum_document_get_text (header, LUM_DOC_PO_NUMBER), ==, "PO-778");
  g_assert_cmpstr (lum_document_get_text (header, LUM_DOC_CUSTOMER_NAME), ==, "Acme Corp");
  g_assert_cmpuint (g_list_model_get_n_items (lum_document_get_lines (header)), ==, 0);

  /* 2027-01-03T23:59:00Z */
  lum_test_world_advance (f, 2 * 24 * 60 + 23 * 60 + 59);
  ship (f, order, "1ZHEAD0001", "SKU-B", 1);
  stats = lum_test_world_poll (f);
  g_assert_cmpuint (stats.recorded, ==, 1);

  invoices = lum_engine_list_order_invoices (f->engine, lum_document_get_id (order), NULL);
  g_assert_cmpuint (g_strv_length (invoices), ==, 1);
  invoice = lum_engine_find_document (f->engine, LUM_DOCUMENT_KIND_INVOICE, invoices[0], &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lum_document_get_text (invoice, LUM_DOC_STATUS), ==, "posted");
  g_assert_cmpstr (lum_document_get_text (invoice, LUM_DOC_ISSUE_DATE), ==, "2027-01-03");
  g_assert_cmpstr (lum_document_get_text (invoice, LUM_DOC_SHIPPING_NOTES), ==, "Dock 3");
  g_assert_cmpstr (lum_document_get_text (invoice, LUM_DOC_SHIPPING_TYPE), ==, "LTL");
  g_assert_cmpstr (lum_document_get_text (invoice, LUM_DOC_PO_NUMBER), ==, "PO-778");
  g_assert_cmpstr (lum_document_get_text (invoice, LUM_DOC_GIFT_MESSAGE), ==, "Thank you");
  g_assert_cmpstr (lum_document_get_text (invoice, LUM_DOC_SHIP_STREET1), ==, "1 Main St");
  g_assert_cmpstr (lum_document_get_text (invoice, LUM_DOC_CUSTOMER_NAME), ==, "Acme Corp");
  g_assert_cmpint (lum_document_get_int (invoice, LUM_DOC_CUSTOMER_ID), ==,
                   lum_document_get_int (order, LUM_DOC_CUSTOMER_ID));
  g_assert_cmpuint (g_list_model_get_n_items (lum_document_get_lines (invoice)), ==, 1);
  line = g_list_model_get_item (lum_document_get_lines (invoice), 0);
  ordered = g_list_model_get_item (lum_document_get_lines (order), 1);
  g_assert_cmpstr (lum_doc_line_get_sku (line), ==, "SKU-B");
  g_assert_cmpint (lum_doc_line_get_quantity (line), ==, 1);
  g_assert_cmpint (lum_doc_line_get_unit_price_cents (line), ==, lum_doc_line_get_unit_price_cents (ordered));
}

static void
test_partial_then_complete_then_void (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumDocument) partial = NULL;
  g_autoptr(LumDocument) full = NULL;
  g_autoptr(LumDocument) voided = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) remote = NULL;
  g_auto(GStrv) invoices = NULL;
  gint64 first_shipment = 0;
  LumPollStats stats;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (f, "Partial", f->shipstation, "1001", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);
  order = lum_test_world_post_order (f, channel, "Dock 3");
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);

  ship (f, order, "1ZPART0001", "SKU-B", 1);
  stats = lum_test_world_poll (f);
  g_assert_cmpuint (stats.recorded, ==, 1);
  partial = lum_test_world_reload (f, order);
  g_assert_cmpstr (lum_document_get_text (partial, LUM_DOC_FULFILLMENT_STATUS), ==, "partially-fulfilled");

  lum_test_world_advance (f, 30);
  ship (f, order, "1ZREST0002", NULL, 0);
  stats = lum_test_world_poll (f);
  g_assert_cmpuint (stats.recorded, ==, 1);
  full = lum_test_world_reload (f, order);
  g_assert_cmpstr (lum_document_get_text (full, LUM_DOC_FULFILLMENT_STATUS), ==, "fulfilled");
  invoices = lum_engine_list_order_invoices (f->engine, lum_document_get_id (order), NULL);
  g_assert_cmpuint (g_strv_length (invoices), ==, 2);

  /* voiding the second shipment takes its tracking and the status back */
  remote = lum_sandbox_dup_records (f->sandbox, "shipstation", "shipments");
  for (guint i = 0; i < json_array_get_length (json_node_get_array (remote)); i++)
    {
      JsonObject *s = json_array_get_object_element (json_node_get_array (remote), i);
      if (g_strcmp0 (json_object_get_string_member_with_default (s, "trackingNumber", ""), "1ZREST0002") == 0)
        first_shipment = json_object_get_int_member (s, "shipmentId");
    }
  g_assert_cmpint (first_shipment, >, 0);
  g_assert_true (lum_sandbox_shipstation_void (f->sandbox, first_shipment, &error));
  g_assert_no_error (error);
  stats = lum_test_world_poll (f);
  g_assert_cmpuint (stats.voided, ==, 1);
  voided = lum_test_world_reload (f, order);
  g_assert_cmpstr (lum_document_get_text (voided, LUM_DOC_FULFILLMENT_STATUS), ==, "partially-fulfilled");
  {
    g_autoptr(GListStore) shipments = shipments_of (f, order);
    g_autoptr(LumShipment) second = g_list_model_get_item (G_LIST_MODEL (shipments), 1);
    g_assert_cmpint (lum_shipment_get_int (second, LUM_SHIPMENT_VOIDED), ==, 1);
    g_assert_cmpstr (lum_shipment_get_text (second, LUM_SHIPMENT_TRACKING_NUMBER), ==, "");
  }
}

static void
test_unknown_orders_counted (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonObject) added = NULL;
  g_autoptr(JsonObject) shipped = NULL;
  LumPollStats stats;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (f, "Others", f->shipstation, "1001", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);
  g_assert_true (json_parser_load_from_data (parser,
                                             "{\"orderNumber\": \"WEB-77\", \"orderDate\": \"2027-01-01T00:00:00\","
                                             " \"orderStatus\": \"awaiting_shipment\", \"billTo\": {\"name\": \"X\"},"
                                             " \"shipTo\": {\"name\": \"X\"}, \"advancedOptions\": {\"storeId\": 1001},"
                                             " \"items\": [{\"sku\": \"W\", \"quantity\": 1}]}", -1, NULL));
  added = lum_sandbox_shipstation_add_order (f->sandbox, json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);
  shipped = lum_sandbox_shipstation_ship (f->sandbox, "WEB-77", "usps", "9400100000000000000000", NULL, &error);
  g_assert_no_error (error);

  stats = lum_test_world_poll (f);
  g_assert_cmpuint (stats.shipments, ==, 1);
  g_assert_cmpuint (stats.unknown, ==, 1);
  g_assert_cmpuint (stats.recorded, ==, 0);
  g_assert_cmpint (lum_test_count_rows (f->engine, "shipment"), ==, 0);
}

static void
test_extensiv_closed_orders (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumDocument) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) closed = NULL;
  g_autoptr(GListStore) shipments = NULL;
  g_autoptr(LumShipment) shipment = NULL;
  LumPollStats stats;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (f, "3PL", f->extensiv, "1:1", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SO_CREATED, NULL);
  order = lum_test_world_post_order (f, channel, "Dock 3");
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);
  g_assert_cmpuint (lum_test_world_count_remote (f, "extensiv", "orders"), ==, 1);

  closed = lum_sandbox_extensiv_close (f->sandbox, lum_document_get_number (order), "794698371234", "fedex", &error);
  g_assert_no_error (error);
  stats = lum_test_world_poll (f);
  g_assert_cmpuint (stats.recorded, ==, 1);
  after = lum_test_world_reload (f, order);
  g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_FULFILLMENT_STATUS), ==, "fulfilled");
  shipments = shipments_of (f, order);
  shipment = g_list_model_get_item (G_LIST_MODEL (shipments), 0);
  g_assert_cmpstr (lum_shipment_get_text (shipment, LUM_SHIPMENT_TRACKING_NUMBER), ==, "794698371234");
  {
    g_autofree char *url = lum_shipment_dup_tracking_url (shipment);
    g_assert_cmpstr (url, ==, "https://www.fedex.com/fedextrack/?trknbr=794698371234");
  }
}

static void
set_faults (Fixture    *f,
            const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  g_assert_true (lum_sandbox_set_faults (f->sandbox, json_node_get_object (json_parser_get_root (parser)), &error));
  g_assert_no_error (error);
}

/* A malformed answer ends the poll of that store with an error: nothing
 * recorded, the cursor where it was, the next good poll catches up. */
static void
test_malformed_answers_keep_cursor (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumDocument) second = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *cursor_after = NULL;
  LumPollStats stats;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (f, "Hostile", f->shipstation, "1001", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);
  order = lum_test_world_post_order (f, channel, "Dock 3");
  second = lum_test_world_post_order (f, channel, "Dock 4");
  g_assert_cmpuint (lum_test_world_push (f), ==, 2);
  ship (f, order, "1ZFIRST", NULL, 0);
  stats = lum_test_world_poll (f);
  g_assert_cmpuint (stats.recorded, ==, 1);
  cursor = lum_sync_cursor_get (lum_engine_get_db (f->engine), lum_integration_get_id (f->shipstation),
                                "shipments:1001");
  g_assert_nonnull (cursor);

  lum_test_world_advance (f, 60);
  ship (f, second, "1ZSECOND", NULL, 0);
  set_faults (f, "{\"service\": \"shipstation\", \"malformed_body\": true}");
  stats = lum_test_world_poll (f);
  g_assert_cmpuint (stats.failed_targets, ==, 1);
  g_assert_cmpuint (stats.recorded, ==, 0);
  cursor_after = lum_sync_cursor_get (lum_engine_get_db (f->engine), lum_integration_get_id (f->shipstation),
                                      "shipments:1001");
  g_assert_cmpstr (cursor_after, ==, cursor);
  {
    g_autoptr(LumDocument) still = lum_test_world_reload (f, second);
    g_assert_cmpstr (lum_document_get_text (still, LUM_DOC_FULFILLMENT_STATUS), ==, "unfulfilled");
  }

  lum_sandbox_clear_faults (f->sandbox, "shipstation");
  stats = lum_test_world_poll (f);
  g_assert_cmpuint (stats.recorded, ==, 1);
  {
    g_autoptr(LumDocument) shipped = lum_test_world_reload (f, second);
    g_assert_cmpstr (lum_document_get_text (shipped, LUM_DOC_FULFILLMENT_STATUS), ==, "fulfilled");
  }
}

/* A refused shipment between others leaves them, whatever savepoints the
 * poll groups them in: their shipments, invoices numbered without a gap
 * and one event that says why. */
static void
test_refused_among_recorded (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) first = NULL;
  g_autoptr(LumDocument) refused = NULL;
  g_autoptr(LumDocument) last = NULL;
  g_autoptr(LumDocument) after = NULL;
  g_autoptr(GListStore) shipments = NULL;
  g_autoptr(GListStore) events = NULL;
  g_auto(GStrv) invoices = NULL;
  LumPollStats stats;
  guint n_refused = 0;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (f, "Ships", f->shipstation, "1001", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);
  first = lum_test_world_post_order (f, channel, "Dock 1");
  refused = lum_test_world_post_order (f, channel, "Dock 2");
  last = lum_test_world_post_order (f, channel, "Dock 3");
  g_assert_cmpuint (lum_test_world_push (f), ==, 3);

  ship (f, first, "1ZFIRST", NULL, 0);
  ship (f, refused, "1ZCANCELLED", NULL, 0);
  ship (f, last, "1ZLAST", NULL, 0);
  /* cancelled in Lumen before the OMS heard of it: its shipment is refused */
  {
    g_autoptr(GError) error = NULL;
    g_assert_true (lum_engine_cancel_order (f->engine, lum_document_get_id (refused), &error));
    g_assert_no_error (error);
  }
  stats = lum_test_world_poll (f);
  g_assert_cmpuint (stats.shipments, ==, 3);
  g_assert_cmpuint (stats.recorded, ==, 2);
  g_assert_cmpuint (stats.refused, ==, 1);

  invoices = lum_engine_list_order_invoices (f->engine, lum_document_get_id (first), NULL);
  g_assert_cmpuint (g_strv_length (invoices), ==, 1);
  g_assert_cmpstr (invoices[0], ==, "INV-000001");
  g_clear_pointer (&invoices, g_strfreev);
  invoices = lum_engine_list_order_invoices (f->engine, lum_document_get_id (last), NULL);
  g_assert_cmpuint (g_strv_length (invoices), ==, 1);
  g_assert_cmpstr (invoices[0], ==, "INV-000002");
  g_clear_pointer (&invoices, g_strfreev);
  invoices = lum_engine_list_order_invoices (f->engine, lum_document_get_id (refused), NULL);
  g_assert_cmpuint (g_strv_length (invoices), ==, 0);

  shipments = shipments_of (f, refused);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shipments)), ==, 0);
  after = lum_test_world_reload (f, refused);
  g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_FULFILLMENT_STATUS), ==, "unfulfilled");
  g_clear_object (&after);
  after = lum_test_world_reload (f, last);
  g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_FULFILLMENT_STATUS), ==, "fulfilled");

  events = lum_engine_list_events (f->engine, lum_document_get_id (refused), 0, 0, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (events)); i++)
    {
      g_autoptr(LumEvent) event = g_list_model_get_item (G_LIST_MODEL (events), i);

      g_assert_cmpstr (lum_event_get_text (event, LUM_EVENT_KIND), !=, "shipment.recorded");
      if (g_str_equal (lum_event_get_text (event, LUM_EVENT_KIND), "shipment.refused"))
        {
          g_assert_nonnull (strstr (lum_event_get_text (event, LUM_EVENT_DETAILS), "only a posted order"));
          n_refused++;
        }
    }
  g_assert_cmpuint (n_refused, ==, 1);
}

/* The first shipment of the example answer of List Shipments in
 * ShipStation's documentation (ShipStation API V1, "List Shipments",
 * https://www.shipstation.com/docs/api/shipments/list/, Example Response):
 * its dates are Pacific and zone-less, its shipDate a bare day. orderKey,
 * orderNumber and the SKU and quantity of shipmentItems are replaced by
 * those of the order the test pushed; the rest is as documented. */
static const char doc_shipments[] =
  "{\"shipments\": [{"
  "  \"shipmentId\": 33974374, \"orderId\": 43945660, \"orderKey\": \"@KEY@\","
  "  \"userId\": \"123456AB-ab12-3c4d-5e67-89f1abc1defa\", \"orderNumber\": \"@NUMBER@\","
  "  \"createDate\": \"2014-10-03T06:51:33.6270000\", \"shipDate\": \"2014-10-03\","
  "  \"shipmentCost\": 1.93, \"insuranceCost\": 0, \"trackingNumber\": \"9400111899561704681189\","
  "  \"isReturnLabel\": false, \"batchNumber\": \"100301\", \"carrierCode\": \"stamps_com\","
  "  \"serviceCode\": \"usps_first_class_mail\", \"packageCode\": \"package\", \"confirmation\": \"delivery\","
  "  \"warehouseId\": 16079, \"voided\": false, \"voidDate\": null, \"marketplaceNotified\": true,"
  "  \"notifyErrorMessage\": null,"
  "  \"shipTo\": {\"name\": \"Yoda\", \"company\": \"\", \"street1\": \"12223 LOWDEN LN\", \"street2\": \"\","
  "             \"street3\": null, \"city\": \"MANCHACA\", \"state\": \"TX\", \"postalCode\": \"78652-3602\","
  "             \"country\": \"US\", \"phone\": \"2101235544\", \"residential\": null},"
  "  \"weight\": {\"value\": 1, \"units\": \"ounces\"}, \"dimensions\": null,"
  "  \"insuranceOptions\": {\"provider\": null, \"insureShipment\": false, \"insuredValue\": 0},"
  "  \"advancedOptions\": null,"
  "  \"shipmentItems\": [{\"orderItemId\": 56568665, \"lineItemKey\": null, \"sku\": \"@SKU@\","
  "                       \"name\": \"Potato Kitten -\", \"imageUrl\": null, \"weight\": null, \"quantity\": @QTY@,"
  "                       \"unitPrice\": 1, \"warehouseLocation\": null, \"options\": null,"
  "                       \"productId\": 7565777, \"fulfillmentSku\": null}],"
  "  \"labelData\": null, \"formData\": null}],"
  " \"total\": 1, \"page\": 1, \"pages\": 1}";

static char *
replace (const char *text,
         const char *from,
         const char *to)
{
  g_auto(GStrv) parts = g_strsplit (text, from, -1);

  return g_strjoinv (to, parts);
}

/* ShipStation's documented answer read as it means: the shipment's
 * createDate, 06:51 Pacific (PDT in October), is 13:51 UTC, and the
 * cursor keeps that instant; shipDate stays the day it names. */
static void
test_documented_shipments_answer (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumDocLine) line = NULL;
  g_autoptr(GListStore) shipments = NULL;
  g_autoptr(LumShipment) shipment = NULL;
  g_autoptr(JsonObject) spec = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *quantity = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *body = NULL;
  g_autofree char *cursor = NULL;
  LumPollStats stats;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (f, "Documented", f->shipstation, "1001", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);
  order = lum_test_world_post_order (f, channel, "Dock 9");
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);
  line = g_list_model_get_item (lum_document_get_lines (order), 0);
  quantity = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64)lum_doc_line_get_quantity (line));
  a = replace (doc_shipments, "@KEY@", lum_document_get_text (order, LUM_DOC_UUID));
  b = replace (a, "@NUMBER@", lum_document_get_number (order));
  c = replace (b, "@SKU@", lum_doc_line_get_sku (line));
  body = replace (c, "@QTY@", quantity);

  json_object_set_string_member (spec, "service", "shipstation");
  json_object_set_string_member (spec, "path", "/shipments");
  json_object_set_string_member (spec, "body", body);
  g_assert_true (lum_sandbox_set_faults (f->sandbox, spec, &error));
  g_assert_no_error (error);
  stats = lum_test_world_poll (f);
  lum_sandbox_clear_faults (f->sandbox, "shipstation");
  g_assert_cmpuint (stats.failed_targets, ==, 0);
  g_assert_cmpuint (stats.recorded, ==, 1);

  shipments = shipments_of (f, order);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shipments)), ==, 1);
  shipment = g_list_model_get_item (G_LIST_MODEL (shipments), 0);
  g_assert_cmpstr (lum_shipment_get_text (shipment, LUM_SHIPMENT_TRACKING_NUMBER), ==, "9400111899561704681189");
  g_assert_cmpstr (lum_shipment_get_text (shipment, LUM_SHIPMENT_SHIPPED_AT), ==, "2014-10-03");
  cursor = lum_sync_cursor_get (lum_engine_get_db (f->engine), lum_integration_get_id (f->shipstation),
                                "shipments:1001");
  g_assert_cmpstr (cursor, ==, "2014-10-03T13:51:33Z");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, lum_test_world_set_up, func, lum_test_world_tear_down)

  ADD ("/fulfillment/shipped-polled-back", test_shipped_polled_back_with_tracking);
  ADD ("/fulfillment/partial-complete-void", test_partial_then_complete_then_void);
  ADD ("/fulfillment/invoice-on-shipment-header", test_invoice_on_shipment_copies_header);
  ADD ("/fulfillment/unknown-orders-counted", test_unknown_orders_counted);
  ADD ("/fulfillment/extensiv-closed-orders", test_extensiv_closed_orders);
  ADD ("/fulfillment/malformed-answers-keep-cursor", test_malformed_answers_keep_cursor);
  ADD ("/fulfillment/refused-among-recorded", test_refused_among_recorded);
  ADD ("/fulfillment/documented-shipments-answer", test_documented_shipments_answer);

  return g_test_run ();
}

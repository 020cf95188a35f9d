/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lumenctl's sales orders and invoices, driven as a user drives them (see
 * lumctl-test.h): each test sets up its channels, customers and products
 * with lumenctl itself on a fresh database, then follows the documents
 * through the flow the channel's configuration says.
 */
#include <stdio.h>
#include <string.h>

#include "lumctl-documents-test.h"

/* -- sales orders ----------------------------------------------------------------- */

#define ACME_SHIP_TO \
  "\"ship_name\": \"Acme Corp\", \"ship_company\": null, \"ship_street1\": \"1 Main St\", " \
  "\"ship_street2\": null, \"ship_state\": \"IL\", \"ship_postal_code\": \"62704\", " \
  "\"ship_country\": \"US\", \"ship_phone\": \"555-0101\""

static void
test_order_create_show (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *number = NULL;
  g_autoptr(JsonNode) shown = NULL;
  g_autoptr(JsonNode) by_short = NULL;
  g_autoptr(JsonNode) by_digits = NULL;
  g_autoptr(JsonNode) expected = NULL;
  g_autofree char *expected_text = NULL;
  g_autofree char *text = NULL;
  g_autofree char *by_user = NULL;
  const char *uuid;
  const char *created_at;

  if (!add_documents_setup (f))
    return;
  number = run_ok (f, "order", "create", "--channel", "ship later", "--customer", "acme corp",
                   "--line", "W-1:3", "--line", "G-2:4:2.00",
                   "--shipping-notes", "Dock 4, ring twice", "--shipping-type", "LTL", "--po", "PO-77",
                   "--requested-ship-date", "2030-05-01", "--internal-notes", "Key account",
                   "--customer-notes", "Leave at the dock", "--gift-message", "Thanks!",
                   "--ship-city", "Chicago", "--test", NULL);
  g_assert_cmpstr (number, ==, "TEST-SO-000001\n");

  shown = run_json (f, "order", "show", "TEST-SO-000001", NULL);
  uuid = json_str (shown, "uuid");
  created_at = json_str (shown, "created_at");
  g_assert_true (g_uuid_string_is_valid (uuid));
  parse_time (created_at);

  /* every key, none missing and none extra; the ship-to is the customer's
   * with the city changed; prices from the product unless given */
  expected_text = g_strdup_printf (
    "{ \"number\": \"TEST-SO-000001\", \"uuid\": \"%s\", \"channel\": \"Ship Later\", \"customer\": \"Acme Corp\","
    "  \"status\": \"draft\", \"version\": 1, " ACME_SHIP_TO ", \"ship_city\": \"Chicago\","
    "  \"shipping_notes\": \"Dock 4, ring twice\", \"shipping_type\": \"LTL\","
    "  \"requested_ship_date\": \"2030-05-01\", \"po_number\": \"PO-77\", \"internal_notes\": \"Key account\","
    "  \"customer_notes\": \"Leave at the dock\", \"gift_message\": \"Thanks!\","
    "  \"created_at\": \"%s\", \"posted_at\": null, \"is_test\": true, \"total_cents\": 3800,"
    "  \"push_status\": \"not-pushed\", \"fulfillment_status\": \"unfulfilled\", \"invoice\": null,"
    "  \"lines\": [ { \"sku\": \"W-1\", \"description\": \"Widget\", \"quantity\": 3, \"unit_price_cents\": 1000 },"
    "               { \"sku\": \"G-2\", \"description\": \"Gadget\", \"quantity\": 4, \"unit_price_cents\": 200 } ],"
    "  \"push_due_at\": null, \"remote_id\": null, \"invoices\": [], \"shipments\": [], \"shipment_conflicts\": [], \"jobs\": [],"
    "  \"ship_from\": null }",
    uuid, created_at);
  expected = parse_json (expected_text);
  assert_node_equal ("$", expected, shown);

  /* a test order is numbered in the test series, found in its other
   * forms too; the digits alone are the real series' */
  by_short = run_json (f, "order", "show", "test-so-1", NULL);
  assert_node_equal ("$", expected, by_short);
  by_digits = run_json (f, "order", "show", "Test-SO-01", NULL);
  assert_node_equal ("$", expected, by_digits);

  /* the readable block, its lines and its timeline */
  text = run_ok (f, "order", "show", "test-so-000001", NULL);
  g_assert_true (g_str_has_prefix (text, "Number:               TEST-SO-000001\n"
                                         "Status:               draft\n"
                                         "Version:              1\n"
                                         "Channel:              Ship Later\n"
                                         "Customer:             Acme Corp\n"
                                         "Push:                 not-pushed\n"
                                         "Fulfillment:          unfulfilled\n"
                                         "Invoices:             none\n"
                                         "Total:                38.00\n"
                                         "Ship to:              Acme Corp\n"
                                         "                      1 Main St\n"
                                         "                      Chicago, IL 62704\n"
                                         "                      US\n"
                                         "                      555-0101\n"
                                         "Shipping notes:       Dock 4, ring twice\n"
                                         "Shipping type:        LTL\n"
                                         "Requested ship date:  2030-05-01\n"
                                         "PO number:            PO-77\n"
                                         "Internal notes:       Key account\n"
                                         "Customer notes:       Leave at the dock\n"
                                         "Gift message:         Thanks!\n"
                                         "Test:                 yes\n"));
  assert_contains (text, "\nLines:\n"
                         "SKU  Description  Quantity  Unit price  Amount\n"
                         "W-1  Widget       3         10.00       30.00\n"
                         "G-2  Gadget       4         2.00        8.00\n"
                         "\nTimeline:\n"
                         "At                    Actor  By");
  /* who: the system user, when no display name is set */
  by_user = g_strdup_printf ("  user   %s ", g_get_user_name ());
  assert_contains (text, by_user);
  assert_contains (text, "  Sales order TEST-SO-000001 created\n");
  g_assert_null (strstr (text, "Shipments:"));
  g_assert_null (strstr (text, "Jobs:"));
}

static void
test_order_post_so_created (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *number = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *posted_text = NULL;
  g_autofree char *expected_posted = NULL;
  g_autofree char *pushed_now = NULL;
  g_autofree char *expected_invoice_text = NULL;
  g_autofree char *due_date = NULL;
  g_autoptr(JsonNode) order = NULL;
  g_autoptr(JsonNode) invoice = NULL;
  g_autoptr(JsonNode) expected_invoice = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(JsonNode) after_push_now = NULL;
  g_autoptr(JsonNode) posted_json = NULL;
  JsonNode *job;
  const char *posted_at;
  char issue_date[11];

  if (!add_documents_setup (f))
    return;

  /* --post: created and posted at once; the number only */
  number = run_ok (f, "order", "create", "--channel", "Wholesale", "--customer", "Acme Corp",
                   "--line", "W-1:2", "--po", "PO-1", "--post", NULL);
  g_assert_cmpstr (number, ==, "SO-000001\n");

  order = run_json (f, "order", "show", "SO-000001", NULL);
  g_assert_cmpstr (json_str (order, "status"), ==, "posted");
  g_assert_cmpstr (json_str (order, "push_status"), ==, "scheduled");
  g_assert_cmpstr (json_str (order, "fulfillment_status"), ==, "unfulfilled");
  posted_at = json_str (order, "posted_at");
  g_assert_cmpstr (posted_at, ==, json_str (order, "created_at"));
  /* the channel's delay: 15 minutes after posting */
  g_assert_cmpint (parse_time (json_str (order, "push_due_at")) - parse_time (posted_at), ==, 15 * 60);
  g_assert_cmpuint (json_length (json_member (order, "jobs")), ==, 1);
  job = json_element (json_member (order, "jobs"), 0);
  g_assert_cmpint (json_int (job, "id"), ==, 1);
  g_assert_cmpstr (json_str (job, "kind"), ==, "push-sales-order");
  g_assert_cmpstr (json_str (job, "state"), ==, "scheduled");
  g_assert_cmpstr (json_str (job, "integration"), ==, "Sandbox ShipStation");
  g_assert_cmpstr (json_str (job, "document"), ==, "SO-000001");
  g_assert_cmpstr (json_str (job, "due_at"), ==, json_str (order, "push_due_at"));
  g_assert_cmpint (json_int (job, "attempts"), ==, 0);
  g_assert_cmpint (json_int (job, "max_attempts"), >, 0);
  g_assert_null (json_str (job, "last_error"));
  /* so-created: the invoice came with the posting */
  assert_json (json_member (order, "invoices"), "[\"INV-000001\"]");

  invoice = run_json (f, "invoice", "show", "INV-000001", NULL);
  g_assert_true (g_uuid_string_is_valid (json_str (invoice, "uuid")));
  g_assert_cmpstr (json_str (invoice, "uuid"), !=, json_str (order, "uuid"));
  g_strlcpy (issue_date, posted_at, sizeof issue_date);
  due_date = add_days (issue_date, 30);
  job = json_element (json_member (invoice, "jobs"), 0);
  expected_invoice_text = g_strdup_printf (
    "{ \"number\": \"INV-000001\", \"uuid\": \"%s\", \"channel\": \"Wholesale\", \"customer\": \"Acme Corp\","
    "  \"status\": \"posted\", \"version\": 1, " ACME_SHIP_TO ", \"ship_city\": \"Springfield\","
    "  \"shipping_notes\": null, \"shipping_type\": null, \"requested_ship_date\": null, \"po_number\": \"PO-1\","
    "  \"internal_notes\": null, \"customer_notes\": null, \"gift_message\": null,"
    "  \"created_at\": \"%s\", \"posted_at\": \"%s\", \"is_test\": false, \"total_cents\": 2000,"
    "  \"type\": \"Standard\", \"accounting_status\": \"scheduled\", \"sales_order\": \"SO-000001\","
    "  \"lines\": [ { \"sku\": \"W-1\", \"description\": \"Widget\", \"quantity\": 2, \"unit_price_cents\": 1000 } ],"
    "  \"accounting_id\": null, \"issue_date\": \"%s\", \"due_date\": \"%s\","
    "  \"jobs\": [ { \"id\": 2, \"kind\": \"push-invoice\", \"state\": \"scheduled\","
    "              \"integration\": \"Sandbox QuickBooks\", \"document\": \"INV-000001\", \"due_at\": \"%s\","
    "              \"attempts\": 0, \"max_attempts\": %" G_GINT64_FORMAT ", \"is_test\": false, \"remote_id\": null,"
    "              \"last_error\": null, \"updated_at\": \"%s\" } ] }",
    json_str (invoice, "uuid"), posted_at, posted_at, issue_date, due_date, posted_at,
    json_int (job, "max_attempts"), posted_at);
  expected_invoice = parse_json (expected_invoice_text);
  assert_node_equal ("$", expected_invoice, invoice);

  /* a draft posted later says what posting brought */
  draft = run_ok (f, "order", "create", "--channel", "Wholesale", "--customer", "Bolt, Ltd", "--line", "G-2:2", NULL);
  g_assert_cmpstr (draft, ==, "SO-000002\n");
  posted_text = run_ok (f, "order", "post", "so-2", NULL);
  second = run_json (f, "order", "show", "2", NULL);
  expected_posted = g_strdup_printf ("Sales order SO-000002 is posted.\n"
                                     "The push of SO-000002 is due at %s.\n"
                                     "Invoice INV-000002 was made from it.\n",
                                     json_str (second, "push_due_at"));
  g_assert_cmpstr (posted_text, ==, expected_posted);

  /* push now: due at once, the delay skipped */
  pushed_now = run_ok (f, "order", "push-now", "SO-000002", NULL);
  g_assert_cmpstr (pushed_now, ==, "The push of sales order SO-000002 is due now.\n");
  after_push_now = run_json (f, "order", "show", "2", NULL);
  g_assert_cmpint (parse_time (json_str (after_push_now, "push_due_at")), <,
                   parse_time (json_str (second, "push_due_at")));
  g_assert_cmpstr (json_str (json_element (json_member (after_push_now, "jobs"), 0), "due_at"), ==,
                   json_str (after_push_now, "push_due_at"));
  g_assert_cmpstr (json_str (after_push_now, "push_status"), ==, "scheduled");

  /* several at once, each in its own transaction, printed as an array */
  {
    g_autofree char *a = run_ok (f, "order", "create", "--channel", "Wholesale", "--customer", "Acme Corp",
                                 "--line", "W-1:1", NULL);
    g_autofree char *b = run_ok (f, "order", "create", "--channel", "Wholesale", "--customer", "Acme Corp",
                                 "--line", "G-2:1", NULL);
    g_autofree char *numbers = NULL;

    g_assert_cmpstr (a, ==, "SO-000003\n");
    g_assert_cmpstr (b, ==, "SO-000004\n");
    posted_json = run_json (f, "order", "post", "SO-000004", "3", "so-4", NULL);
    numbers = numbers_of (posted_json);
    g_assert_cmpstr (numbers, ==, "SO-000004 SO-000003");
    assert_members (posted_json, "status", "posted posted");
    assert_json (json_member (json_element (posted_json, 0), "invoices"), "[\"INV-000003\"]");
    assert_json (json_member (json_element (posted_json, 1), "invoices"), "[\"INV-000004\"]");
  }
}

static void
test_order_ship (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *number = NULL;
  g_autofree char *first = NULL;
  g_autofree char *rest = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) posted = NULL;
  g_autoptr(JsonNode) partial = NULL;
  g_autoptr(JsonNode) complete = NULL;
  g_autoptr(JsonNode) invoice1 = NULL;
  g_autoptr(JsonNode) invoice2 = NULL;
  JsonNode *shipment;
  const char *over[] = { "order", "ship", "SO-000001", "--carrier", "UPS", "--tracking", "1Z2",
                         "--line", "W-1:2", "--line", "W-1:1", NULL };
  const char *again[] = { "order", "ship", "1", "--carrier", "UPS", "--tracking", "1Z3", NULL };
  const char *cancel[] = { "order", "cancel", "1", NULL };

  if (!add_documents_setup (f))
    return;
  number = run_ok (f, "order", "create", "--channel", "Ship Later", "--customer", "Acme Corp",
                   "--line", "W-1:3", "--line", "G-2:4:2.00", "--post", NULL);
  g_assert_cmpstr (number, ==, "SO-000001\n");
  posted = run_json (f, "order", "show", "1", NULL);
  /* shipment-created: no invoice yet; no push on this channel */
  assert_json (json_member (posted, "invoices"), "[]");
  assert_json (json_member (posted, "jobs"), "[]");
  g_assert_cmpstr (json_str (posted, "push_status"), ==, "not-pushed");

  first = run_ok (f, "order", "ship", "SO-000001", "--carrier", "UPS", "--tracking", "1Z999AA10123456784",
                  "--service", "Ground", "--line", "W-1:1", NULL);
  g_assert_cmpstr (first, ==, "Shipment of SO-000001 recorded: 1 × W-1.\n"
                              "Fulfillment: partially-fulfilled.\n"
                              "Invoice INV-000001 was made from it.\n");
  partial = run_json (f, "order", "show", "1", NULL);
  g_assert_cmpstr (json_str (partial, "fulfillment_status"), ==, "partially-fulfilled");
  g_assert_cmpuint (json_length (json_member (partial, "shipments")), ==, 1);
  shipment = json_element (json_member (partial, "shipments"), 0);
  parse_time (json_str (shipment, "shipped_at"));
  {
    g_autofree char *expected = g_strdup_printf (
      "{ \"carrier\": \"UPS\", \"service\": \"Ground\", \"tracking_number\": \"1Z999AA10123456784\","
      "  \"tracking_url\": \"https://www.ups.com/track?tracknum=1Z999AA10123456784\", \"shipped_at\": \"%s\","
      "  \"remote_id\": null, \"voided\": false, \"lines\": [ { \"sku\": \"W-1\", \"quantity\": 1 } ] }",
      json_str (shipment, "shipped_at"));
    assert_json (shipment, expected);
  }
  assert_json (json_member (partial, "invoices"), "[\"INV-000001\"]");

  /* the shipped quantity is invoiced at the order's price */
  invoice1 = run_json (f, "invoice", "show", "INV-000001", NULL);
  assert_json (json_member (invoice1, "lines"),
               "[ { \"sku\": \"W-1\", \"description\": \"Widget\", \"quantity\": 1, \"unit_price_cents\": 1000 } ]");
  g_assert_cmpint (json_int (invoice1, "total_cents"), ==, 1000);
  g_assert_cmpstr (json_str (invoice1, "sales_order"), ==, "SO-000001");
  g_assert_cmpstr (json_str (invoice1, "status"), ==, "posted");
  g_assert_cmpstr (json_str (invoice1, "accounting_status"), ==, "not-pushed");

  /* more than is open, even in two lines of one SKU: refused */
  assert_refused (f, 1, "3 × “W-1” is more than the 2 still open", over);

  /* no line: everything still open */
  rest = run_ok (f, "order", "ship", "so-1", "--carrier", "FedEx", "--tracking", "7712 3456", NULL);
  g_assert_cmpstr (rest, ==, "Shipment of SO-000001 recorded: 2 × W-1, 4 × G-2.\n"
                             "Fulfillment: fulfilled.\n"
                             "Invoice INV-000002 was made from it.\n");
  complete = run_json (f, "order", "show", "1", NULL);
  g_assert_cmpstr (json_str (complete, "fulfillment_status"), ==, "fulfilled");
  g_assert_cmpuint (json_length (json_member (complete, "shipments")), ==, 2);
  shipment = json_element (json_member (complete, "shipments"), 1);
  g_assert_cmpstr (json_str (shipment, "carrier"), ==, "FedEx");
  g_assert_null (json_str (shipment, "service"));
  g_assert_cmpstr (json_str (shipment, "tracking_url"), ==, "https://www.fedex.com/fedextrack/?trknbr=7712%203456");
  /* as stored: by SKU */
  assert_json (json_member (shipment, "lines"), "[ { \"sku\": \"G-2\", \"quantity\": 4 }, { \"sku\": \"W-1\", \"quantity\": 2 } ]");
  assert_json (json_member (complete, "invoices"), "[\"INV-000001\", \"INV-000002\"]");

  invoice2 = run_json (f, "invoice", "show", "inv-2", NULL);
  assert_json (json_member (invoice2, "lines"),
               "[ { \"sku\": \"W-1\", \"description\": \"Widget\", \"quantity\": 2, \"unit_price_cents\": 1000 },"
               "  { \"sku\": \"G-2\", \"description\": \"Gadget\", \"quantity\": 4, \"unit_price_cents\": 200 } ]");
  g_assert_cmpint (json_int (invoice2, "total_cents"), ==, 2800);

  /* the readable block lists both shipments with their tracking links */
  text = run_ok (f, "order", "show", "1", NULL);
  assert_contains (text, "\nFulfillment:  fulfilled\n");
  assert_contains (text, "\nInvoices:     INV-000001, INV-000002\n");
  assert_contains (text, "\nShipments:\nShipped at            Carrier  Service  Tracking number     Lines");
  assert_contains (text, "  UPS      Ground   1Z999AA10123456784  1 × W-1           "
                         "https://www.ups.com/track?tracknum=1Z999AA10123456784\n");
  assert_contains (text, "  FedEx             7712 3456           4 × G-2, 2 × W-1  "
                         "https://www.fedex.com/fedextrack/?trknbr=7712%203456\n");
  assert_contains (text, "Shipped with FedEx, tracking 7712 3456\n");

  /* nothing left: refused; a shipped order is not cancelled */
  assert_refused (f, 1, "Sales order SO-000001 has nothing left to ship", again);
  assert_refused (f, 1, "Sales order SO-000001 is fulfilled and can no longer be cancelled", cancel);
}

static void
test_order_cancel (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *number = NULL;
  g_autofree char *cancelled_text = NULL;
  g_autofree char *draft = NULL;
  g_autoptr(JsonNode) cancelled = NULL;
  g_autoptr(JsonNode) draft_cancelled = NULL;
  JsonNode *job;
  const char *again[] = { "order", "cancel", "SO-000001", NULL };
  const char *push_now[] = { "order", "push-now", "SO-000001", NULL };
  const char *ship[] = { "order", "ship", "SO-000001", "--carrier", "UPS", "--tracking", "1Z", NULL };
  const char *edit[] = { "order", "edit", "SO-000001", "--po", "X", NULL };

  if (!add_documents_setup (f))
    return;
  number = run_ok (f, "order", "create", "--channel", "Wholesale", "--customer", "Acme Corp",
                   "--line", "W-1:2", "--post", NULL);
  g_assert_cmpstr (number, ==, "SO-000001\n");

  /* before its push was sent: the push is cancelled with it */
  cancelled_text = run_ok (f, "order", "cancel", "so-1", NULL);
  g_assert_cmpstr (cancelled_text, ==, "Sales order SO-000001 is cancelled.\n");
  cancelled = run_json (f, "order", "show", "1", NULL);
  g_assert_cmpstr (json_str (cancelled, "status"), ==, "cancelled");
  g_assert_cmpstr (json_str (cancelled, "push_status"), ==, "not-pushed");
  g_assert_null (json_str (cancelled, "push_due_at"));
  g_assert_cmpuint (json_length (json_member (cancelled, "jobs")), ==, 1);
  job = json_element (json_member (cancelled, "jobs"), 0);
  g_assert_cmpstr (json_str (job, "kind"), ==, "push-sales-order");
  g_assert_cmpstr (json_str (job, "state"), ==, "cancelled");

  assert_refused (f, 1, "Sales order SO-000001 is already cancelled", again);
  assert_refused (f, 1, "Sales order SO-000001 is cancelled; only a posted order can be pushed", push_now);
  assert_refused (f, 1, "Sales order SO-000001 is cancelled; only a posted order can be shipped", ship);
  assert_refused (f, 1, "Sales order SO-000001 is cancelled and can no longer be edited", edit);

  /* a draft is cancelled too; --json prints the order */
  draft = run_ok (f, "order", "create", "--channel", "Wholesale", "--customer", "Acme Corp", "--line", "W-1:1", NULL);
  g_assert_cmpstr (draft, ==, "SO-000002\n");
  draft_cancelled = run_json (f, "order", "cancel", "2", NULL);
  g_assert_cmpstr (json_str (draft_cancelled, "number"), ==, "SO-000002");
  g_assert_cmpstr (json_str (draft_cancelled, "status"), ==, "cancelled");
  assert_json (json_member (draft_cancelled, "jobs"), "[]");
  assert_json (json_member (draft_cancelled, "invoices"), "[]");
}

static void
test_order_edit (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *number = NULL;
  g_autofree char *edited_text = NULL;
  g_autofree char *posted = NULL;
  g_autofree char *noted = NULL;
  g_autoptr(JsonNode) edited = NULL;
  g_autoptr(JsonNode) events = NULL;
  g_autofree char *kinds = NULL;
  const char *lines[] = { "order", "edit", "1", "--line", "W-1:1", NULL };
  const char *customer[] = { "order", "edit", "1", "--customer", "Acme Corp", NULL };
  const char *no_push[] = { "order", "edit", "2", "--po", "X", NULL };

  if (!add_documents_setup (f))
    return;
  number = run_ok (f, "order", "create", "--channel", "Ship Later", "--customer", "Acme Corp",
                   "--line", "W-1:2", "--shipping-notes", "Dock 4", "--test", NULL);
  g_assert_cmpstr (number, ==, "TEST-SO-000001\n");

  /* a draft changes anything; --line replaces the lines, "" empties a text;
   * a test draft made real takes the next real number */
  edited_text = run_ok (f, "order", "edit", "TEST-SO-000001", "--channel", "wholesale", "--customer", "bolt, ltd",
                        "--line", "G-2:3", "--line", "W-1:1:9.50", "--po", "NEW-1", "--shipping-notes", "",
                        "--no-test", NULL);
  g_assert_cmpstr (edited_text, ==, "SO-000001\n");
  edited = run_json (f, "order", "show", "1", NULL);
  g_assert_cmpstr (json_str (edited, "channel"), ==, "Wholesale");
  g_assert_cmpstr (json_str (edited, "customer"), ==, "Bolt, Ltd");
  g_assert_cmpstr (json_str (edited, "po_number"), ==, "NEW-1");
  g_assert_null (json_str (edited, "shipping_notes"));
  g_assert_false (json_object_get_boolean_member (object_of (edited), "is_test"));
  assert_json (json_member (edited, "lines"),
               "[ { \"sku\": \"G-2\", \"description\": \"Gadget\", \"quantity\": 3, \"unit_price_cents\": 250 },"
               "  { \"sku\": \"W-1\", \"description\": \"Widget\", \"quantity\": 1, \"unit_price_cents\": 950 } ]");
  g_assert_cmpint (json_int (edited, "total_cents"), ==, 1700);
  g_assert_cmpstr (json_str (edited, "status"), ==, "draft");

  /* posted, its push still waiting: the header may change, not the lines
   * an invoice was made from, nor the customer */
  posted = run_ok (f, "order", "post", "1", NULL);
  assert_contains (posted, "Sales order SO-000001 is posted.\n");
  noted = run_ok (f, "order", "edit", "1", "--internal-notes", "Call before delivery", NULL);
  g_assert_cmpstr (noted, ==, "SO-000001\n");
  assert_refused (f, 1, "The lines of sales order SO-000001 cannot change: invoice INV-000001 was made from them",
                  lines);
  assert_refused (f, 1, "Sales order SO-000001 is posted: its channel and customer cannot change", customer);

  /* a channel that does not push: a posted order cannot change */
  {
    g_autofree char *other = run_ok (f, "order", "create", "--channel", "Ship Later", "--customer", "Acme Corp",
                                     "--line", "W-1:1", "--post", NULL);
    g_assert_cmpstr (other, ==, "SO-000002\n");
  }
  assert_refused (f, 1, "Sales order SO-000002 can no longer be edited", no_push);

  events = run_json (f, "events", "list", "--order", "SO-000001", NULL);
  kinds = members_of (events, "kind");
  /* the invoice made on posting has its events in the order's timeline */
  g_assert_cmpstr (kinds, ==, "order.created order.edited order.posted push.scheduled invoice.created "
                              "accounting.scheduled invoice.posted order.edited");
  g_assert_cmpstr (json_str (json_element (events, 1), "summary"), ==,
                   "Sales order edited: channel/customer, shipping_notes, po_number, is_test, number, lines");
  g_assert_cmpstr (json_str (json_element (events, 7), "summary"), ==, "Sales order edited: internal_notes");
}

/* -- invoices ----------------------------------------------------------------- */

static void
test_invoice_first (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *number = NULL;
  g_autofree char *posted_text = NULL;
  g_autofree char *expected_posted = NULL;
  g_autofree char *voided_text = NULL;
  g_autoptr(JsonNode) draft = NULL;
  g_autoptr(JsonNode) invoice = NULL;
  g_autoptr(JsonNode) order = NULL;
  g_autoptr(JsonNode) direct = NULL;
  g_autoptr(JsonNode) voided = NULL;
  const char *posted_at;
  char issue_date[11];
  const char *again[] = { "invoice", "void", "INV-000002", NULL };
  const char *repost[] = { "invoice", "post", "INV-000001", NULL };
  const char *edit_posted[] = { "invoice", "edit", "INV-000001", "--po", "X", NULL };

  if (!add_documents_setup (f))
    return;
  number = run_ok (f, "invoice", "create", "--channel", "counter", "--customer", "Bolt, Ltd",
                   "--line", "W-1:2", "--line", "G-2:1:3.00", "--po", "B-9", NULL);
  g_assert_cmpstr (number, ==, "INV-000001\n");

  draft = run_json (f, "invoice", "show", "inv-1", NULL);
  g_assert_cmpstr (json_str (draft, "status"), ==, "draft");
  g_assert_cmpstr (json_str (draft, "type"), ==, "Standard");
  g_assert_cmpstr (json_str (draft, "channel"), ==, "Counter");
  g_assert_null (json_str (draft, "sales_order"));
  g_assert_cmpstr (json_str (draft, "accounting_status"), ==, "not-pushed");
  g_assert_null (json_str (draft, "accounting_id"));
  g_assert_null (json_str (draft, "issue_date"));
  g_assert_cmpint (json_int (draft, "total_cents"), ==, 2300);
  /* Bolt has no address: the ship-to is the name */
  g_assert_cmpstr (json_str (draft, "ship_name"), ==, "Bolt, Ltd");
  assert_json (json_member (draft, "jobs"), "[]");

  /* posting generates the sales order, linked both ways, and posts it */
  posted_text = run_ok (f, "invoice", "post", "INV-000001", NULL);
  order = run_json (f, "order", "show", "SO-000001", NULL);
  expected_posted = g_strdup_printf ("Invoice INV-000001 is posted.\n"
                                     "Sales order SO-000001 was generated from it.\n"
                                     "The push of SO-000001 is due at %s.\n"
                                     "Its push to accounting is scheduled.\n",
                                     json_str (order, "push_due_at"));
  g_assert_cmpstr (posted_text, ==, expected_posted);

  invoice = run_json (f, "invoice", "show", "INV-000001", NULL);
  posted_at = json_str (invoice, "posted_at");
  g_strlcpy (issue_date, posted_at, sizeof issue_date);
  g_assert_cmpstr (json_str (invoice, "status"), ==, "posted");
  g_assert_cmpstr (json_str (invoice, "sales_order"), ==, "SO-000001");
  g_assert_cmpstr (json_str (invoice, "accounting_status"), ==, "scheduled");
  g_assert_cmpstr (json_str (invoice, "issue_date"), ==, issue_date);
  /* due on receipt */
  g_assert_cmpstr (json_str (invoice, "due_date"), ==, issue_date);
  assert_members (json_member (invoice, "jobs"), "kind", "push-invoice");

  g_assert_cmpstr (json_str (order, "status"), ==, "posted");
  g_assert_cmpstr (json_str (order, "channel"), ==, "Counter");
  g_assert_cmpstr (json_str (order, "customer"), ==, "Bolt, Ltd");
  g_assert_cmpstr (json_str (order, "po_number"), ==, "B-9");
  g_assert_cmpstr (json_str (order, "invoice"), ==, "INV-000001");
  assert_json (json_member (order, "invoices"), "[\"INV-000001\"]");
  assert_node_equal ("$.lines", json_member (invoice, "lines"), json_member (order, "lines"));
  /* a blank delay pushes immediately */
  g_assert_cmpstr (json_str (order, "push_status"), ==, "scheduled");
  g_assert_cmpstr (json_str (order, "push_due_at"), ==, posted_at);
  assert_members (json_member (order, "jobs"), "kind", "push-sales-order");

  assert_refused (f, 1, "Invoice INV-000001 is already posted", repost);
  assert_refused (f, 1, "Invoice INV-000001 is posted and can no longer be edited", edit_posted);

  /* --post: both at once */
  direct = run_json (f, "invoice", "create", "--channel", "Counter", "--customer", "Acme Corp",
                     "--line", "G-2:2", "--post", NULL);
  g_assert_cmpstr (json_str (direct, "number"), ==, "INV-000002");
  g_assert_cmpstr (json_str (direct, "status"), ==, "posted");
  g_assert_cmpstr (json_str (direct, "sales_order"), ==, "SO-000002");
  {
    g_autofree char *due = add_days (json_str (direct, "issue_date"), 30);
    g_assert_cmpstr (json_str (direct, "due_date"), ==, due);
  }

  /* void: the accounting push that was not sent goes with it */
  voided_text = run_ok (f, "invoice", "void", "inv-2", NULL);
  g_assert_cmpstr (voided_text, ==, "Invoice INV-000002 is void.\n");
  voided = run_json (f, "invoice", "show", "INV-000002", NULL);
  g_assert_cmpstr (json_str (voided, "status"), ==, "void");
  g_assert_cmpstr (json_str (voided, "accounting_status"), ==, "not-pushed");
  assert_members (json_member (voided, "jobs"), "state", "cancelled");
  assert_refused (f, 1, "Invoice INV-000002 is already void", again);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/cli/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("order/create-show", test_order_create_show);
  ADD ("order/post-so-created", test_order_post_so_created);
  ADD ("order/ship", test_order_ship);
  ADD ("order/cancel", test_order_cancel);
  ADD ("order/edit", test_order_edit);
  ADD ("invoice/invoice-first", test_invoice_first);

#undef ADD

  return g_test_run ();
}

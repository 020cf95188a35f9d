/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lumenctl's sales orders, invoices, jobs and events, driven as a user
 * drives them (see lumctl-test.h): each test sets up its channels,
 * customers and products with lumenctl itself on a fresh database, then
 * follows the documents through the flow the channel's configuration says.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "lumctl-test.h"

/* -- reading the JSON -------------------------------------------------------- */

static JsonObject *
object_of (JsonNode *node)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

/* A string member, %NULL for a JSON null; a missing member fails. */
static const char *
str_member (JsonNode   *node,
            const char *name)
{
  JsonObject *object = object_of (node);

  g_assert_true (json_object_has_member (object, name));
  if (json_object_get_null_member (object, name))
    return NULL;
  return json_object_get_string_member (object, name);
}

static gint64
int_member (JsonNode   *node,
            const char *name)
{
  JsonNode *member = json_object_get_member (object_of (node), name);

  g_assert_nonnull (member);
  g_assert_cmpint (json_node_get_value_type (member), ==, G_TYPE_INT64);
  return json_node_get_int (member);
}

static JsonNode *
member (JsonNode   *node,
        const char *name)
{
  JsonNode *m = json_object_get_member (object_of (node), name);

  g_assert_nonnull (m);
  return m;
}

static JsonNode *
element (JsonNode *array,
         guint     index)
{
  g_assert_true (JSON_NODE_HOLDS_ARRAY (array));
  g_assert_cmpuint (index, <, json_array_get_length (json_node_get_array (array)));
  return json_array_get_element (json_node_get_array (array), index);
}

static guint
length_of (JsonNode *array)
{
  g_assert_true (JSON_NODE_HOLDS_ARRAY (array));
  return json_array_get_length (json_node_get_array (array));
}

/* The "number" of each element, space-separated: the order of a list. */
static char *
numbers_of (JsonNode *array)
{
  g_autoptr(GString) numbers = g_string_new (NULL);

  for (guint i = 0; i < length_of (array); i++)
    g_string_append_printf (numbers, "%s%s", i > 0 ? " " : "", str_member (element (array, i), "number"));
  return g_string_free (g_steal_pointer (&numbers), FALSE);
}

/* The value of @member in each element, space-separated. */
static char *
members_of (JsonNode   *array,
            const char *name)
{
  g_autoptr(GString) values = g_string_new (NULL);

  for (guint i = 0; i < length_of (array); i++)
    g_string_append_printf (values, "%s%s", i > 0 ? " " : "", str_member (element (array, i), name));
  return g_string_free (g_steal_pointer (&values), FALSE);
}

static void
assert_members (JsonNode   *array,
                const char *name,
                const char *expected)
{
  g_autofree char *values = members_of (array, name);

  g_assert_cmpstr (values, ==, expected);
}

static gint64
parse_time (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;

  g_assert_nonnull (text);
  dt = g_date_time_new_from_iso8601 (text, NULL);
  g_assert_nonnull (dt);
  /* UTC, to the second, as stored */
  g_assert_true (g_str_has_suffix (text, "Z"));
  g_assert_cmpuint (strlen (text), ==, strlen ("2030-05-01T10:00:00Z"));
  return g_date_time_to_unix (dt);
}

/* "2030-05-01" + @days */
static char *
add_days (const char *date,
          int         days)
{
  int y, m, d;
  g_autoptr(GDate) gdate = NULL;

  g_assert_cmpint (sscanf (date, "%4d-%2d-%2d", &y, &m, &d), ==, 3);
  gdate = g_date_new_dmy (d, m, y);
  g_date_add_days (gdate, days);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (gdate), g_date_get_month (gdate),
                          g_date_get_day (gdate));
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    {
      g_autofree char *message = g_strdup_printf ("“%s” not in:\n%s", needle, haystack);
      g_assert_cmpstr (message, ==, "");
    }
}

/* Runs SQL on the database, as the push worker would change it. */
static void
exec_sql (Fixture    *f,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (f->db_path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, sql, NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* -- set-up ------------------------------------------------------------------ */

/*
 * Integrations 1 (ShipStation) and 2 (QuickBooks); channels:
 *   1 Wholesale   so-first, invoice when the order is posted, push after 15 min, accounting
 *   2 Ship Later  so-first, invoice on each shipment, no push, no accounting
 *   3 Counter     internal, invoice-first, push immediately, accounting
 * customers 1 “Acme Corp” (Net 30, full addresses) and 2 “Bolt, Ltd” (due on
 * receipt); products W-1 (10.00) and G-2 (2.50).
 * FALSE when the test is skipped: the secrets need a Secret Service.
 */
static gboolean
add_documents_setup (Fixture *f)
{
  const char *commands[][40] = {
    { "integration", "add", "--kind", "shipstation", "--name", "Sandbox ShipStation", NULL },
    { "integration", "add", "--kind", "quickbooks", "--name", "Sandbox QuickBooks", "--realm", "4620816365",
      "--client-id", "qb-client", NULL },
    { "channel", "create", "--name", "Wholesale", "--push-to-oms", "--integration", "Sandbox ShipStation",
      "--store", "1001", "--push-delay", "15", "--accounting", "Sandbox QuickBooks", NULL },
    { "channel", "create", "--name", "Ship Later", "--invoice-timing", "shipment-created", NULL },
    { "channel", "create", "--name", "Counter", "--internal", "--flow", "invoice-first", "--push-to-oms",
      "--integration", "Sandbox ShipStation", "--store", "1002", "--push-delay", "",
      "--accounting", "Sandbox QuickBooks", NULL },
    { "customer", "add", "--name", "Acme Corp", "--email", "buyer@acme.test", "--phone", "555-0100",
      "--company", "Acme Corporation", "--terms", "net30", "--sales-rep", "Dana",
      "--bill-street1", "PO Box 5", "--bill-city", "Springfield", "--bill-state", "IL",
      "--bill-postal-code", "62701", "--bill-country", "US",
      "--ship-street1", "1 Main St", "--ship-city", "Springfield", "--ship-state", "IL",
      "--ship-postal-code", "62704", "--ship-country", "US", "--ship-phone", "555-0101", NULL },
    { "customer", "add", "--name", "Bolt, Ltd", "--terms", "due on receipt", NULL },
    { "product", "add", "--sku", "W-1", "--name", "Widget", "--price", "10.00", "--weight-oz", "4.5", NULL },
    { "product", "add", "--sku", "G-2", "--name", "Gadget", "--price", "2.50", NULL },
  };

  /* the secrets of the first two, on standard input */
  const char *inputs[G_N_ELEMENTS (commands)] = { SHIPSTATION_SECRETS, QUICKBOOKS_SECRETS };

  if (!keyring_available ())
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(Result) result = run_argv_input (NULL, f->db_path, commands[i], inputs[i]);

      g_assert_cmpstr (result->err, ==, "");
      g_assert_cmpint (result->status, ==, 0);
    }
  return TRUE;
}

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
  g_assert_cmpstr (number, ==, "SO-000001\n");

  shown = run_json (f, "order", "show", "SO-000001", NULL);
  uuid = str_member (shown, "uuid");
  created_at = str_member (shown, "created_at");
  g_assert_true (g_uuid_string_is_valid (uuid));
  parse_time (created_at);

  /* every key, none missing and none extra; the ship-to is the customer's
   * with the city changed; prices from the product unless given */
  expected_text = g_strdup_printf (
    "{ \"number\": \"SO-000001\", \"uuid\": \"%s\", \"channel\": \"Ship Later\", \"customer\": \"Acme Corp\","
    "  \"status\": \"draft\", " ACME_SHIP_TO ", \"ship_city\": \"Chicago\","
    "  \"shipping_notes\": \"Dock 4, ring twice\", \"shipping_type\": \"LTL\","
    "  \"requested_ship_date\": \"2030-05-01\", \"po_number\": \"PO-77\", \"internal_notes\": \"Key account\","
    "  \"customer_notes\": \"Leave at the dock\", \"gift_message\": \"Thanks!\","
    "  \"created_at\": \"%s\", \"posted_at\": null, \"is_test\": true, \"total_cents\": 3800,"
    "  \"push_status\": \"not-pushed\", \"fulfillment_status\": \"unfulfilled\", \"invoice\": null,"
    "  \"lines\": [ { \"sku\": \"W-1\", \"description\": \"Widget\", \"quantity\": 3, \"unit_price_cents\": 1000 },"
    "               { \"sku\": \"G-2\", \"description\": \"Gadget\", \"quantity\": 4, \"unit_price_cents\": 200 } ],"
    "  \"push_due_at\": null, \"remote_id\": null, \"invoices\": [], \"shipments\": [], \"jobs\": [] }",
    uuid, created_at);
  expected = parse_json (expected_text);
  assert_node_equal ("$", expected, shown);

  /* the number in its other forms */
  by_short = run_json (f, "order", "show", "so-1", NULL);
  assert_node_equal ("$", expected, by_short);
  by_digits = run_json (f, "order", "show", "1", NULL);
  assert_node_equal ("$", expected, by_digits);

  /* the readable block, its lines and its timeline */
  text = run_ok (f, "order", "show", "so-000001", NULL);
  g_assert_true (g_str_has_prefix (text, "Number:               SO-000001\n"
                                         "Status:               draft\n"
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
                         "At                    Actor  Event\n");
  assert_contains (text, "  user   Sales order SO-000001 created\n");
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
  g_assert_cmpstr (str_member (order, "status"), ==, "posted");
  g_assert_cmpstr (str_member (order, "push_status"), ==, "scheduled");
  g_assert_cmpstr (str_member (order, "fulfillment_status"), ==, "unfulfilled");
  posted_at = str_member (order, "posted_at");
  g_assert_cmpstr (posted_at, ==, str_member (order, "created_at"));
  /* the channel's delay: 15 minutes after posting */
  g_assert_cmpint (parse_time (str_member (order, "push_due_at")) - parse_time (posted_at), ==, 15 * 60);
  g_assert_cmpuint (length_of (member (order, "jobs")), ==, 1);
  job = element (member (order, "jobs"), 0);
  g_assert_cmpint (int_member (job, "id"), ==, 1);
  g_assert_cmpstr (str_member (job, "kind"), ==, "push-sales-order");
  g_assert_cmpstr (str_member (job, "state"), ==, "scheduled");
  g_assert_cmpstr (str_member (job, "integration"), ==, "Sandbox ShipStation");
  g_assert_cmpstr (str_member (job, "document"), ==, "SO-000001");
  g_assert_cmpstr (str_member (job, "due_at"), ==, str_member (order, "push_due_at"));
  g_assert_cmpint (int_member (job, "attempts"), ==, 0);
  g_assert_cmpint (int_member (job, "max_attempts"), >, 0);
  g_assert_null (str_member (job, "last_error"));
  /* so-created: the invoice came with the posting */
  assert_json (member (order, "invoices"), "[\"INV-000001\"]");

  invoice = run_json (f, "invoice", "show", "INV-000001", NULL);
  g_assert_true (g_uuid_string_is_valid (str_member (invoice, "uuid")));
  g_assert_cmpstr (str_member (invoice, "uuid"), !=, str_member (order, "uuid"));
  g_strlcpy (issue_date, posted_at, sizeof issue_date);
  due_date = add_days (issue_date, 30);
  job = element (member (invoice, "jobs"), 0);
  expected_invoice_text = g_strdup_printf (
    "{ \"number\": \"INV-000001\", \"uuid\": \"%s\", \"channel\": \"Wholesale\", \"customer\": \"Acme Corp\","
    "  \"status\": \"posted\", " ACME_SHIP_TO ", \"ship_city\": \"Springfield\","
    "  \"shipping_notes\": null, \"shipping_type\": null, \"requested_ship_date\": null, \"po_number\": \"PO-1\","
    "  \"internal_notes\": null, \"customer_notes\": null, \"gift_message\": null,"
    "  \"created_at\": \"%s\", \"posted_at\": \"%s\", \"is_test\": false, \"total_cents\": 2000,"
    "  \"type\": \"Standard\", \"accounting_status\": \"scheduled\", \"sales_order\": \"SO-000001\","
    "  \"lines\": [ { \"sku\": \"W-1\", \"description\": \"Widget\", \"quantity\": 2, \"unit_price_cents\": 1000 } ],"
    "  \"accounting_id\": null, \"issue_date\": \"%s\", \"due_date\": \"%s\","
    "  \"jobs\": [ { \"id\": 2, \"kind\": \"push-invoice\", \"state\": \"scheduled\","
    "              \"integration\": \"Sandbox QuickBooks\", \"document\": \"INV-000001\", \"due_at\": \"%s\","
    "              \"attempts\": 0, \"max_attempts\": %" G_GINT64_FORMAT ", \"remote_id\": null,"
    "              \"last_error\": null, \"updated_at\": \"%s\" } ] }",
    str_member (invoice, "uuid"), posted_at, posted_at, issue_date, due_date, posted_at,
    int_member (job, "max_attempts"), posted_at);
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
                                     str_member (second, "push_due_at"));
  g_assert_cmpstr (posted_text, ==, expected_posted);

  /* push now: due at once, the delay skipped */
  pushed_now = run_ok (f, "order", "push-now", "SO-000002", NULL);
  g_assert_cmpstr (pushed_now, ==, "The push of sales order SO-000002 is due now.\n");
  after_push_now = run_json (f, "order", "show", "2", NULL);
  g_assert_cmpint (parse_time (str_member (after_push_now, "push_due_at")), <,
                   parse_time (str_member (second, "push_due_at")));
  g_assert_cmpstr (str_member (element (member (after_push_now, "jobs"), 0), "due_at"), ==,
                   str_member (after_push_now, "push_due_at"));
  g_assert_cmpstr (str_member (after_push_now, "push_status"), ==, "scheduled");

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
    assert_json (member (element (posted_json, 0), "invoices"), "[\"INV-000003\"]");
    assert_json (member (element (posted_json, 1), "invoices"), "[\"INV-000004\"]");
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
  assert_json (member (posted, "invoices"), "[]");
  assert_json (member (posted, "jobs"), "[]");
  g_assert_cmpstr (str_member (posted, "push_status"), ==, "not-pushed");

  first = run_ok (f, "order", "ship", "SO-000001", "--carrier", "UPS", "--tracking", "1Z999AA10123456784",
                  "--service", "Ground", "--line", "W-1:1", NULL);
  g_assert_cmpstr (first, ==, "Shipment of SO-000001 recorded: 1 × W-1.\n"
                              "Fulfillment: partially-fulfilled.\n"
                              "Invoice INV-000001 was made from it.\n");
  partial = run_json (f, "order", "show", "1", NULL);
  g_assert_cmpstr (str_member (partial, "fulfillment_status"), ==, "partially-fulfilled");
  g_assert_cmpuint (length_of (member (partial, "shipments")), ==, 1);
  shipment = element (member (partial, "shipments"), 0);
  parse_time (str_member (shipment, "shipped_at"));
  {
    g_autofree char *expected = g_strdup_printf (
      "{ \"carrier\": \"UPS\", \"service\": \"Ground\", \"tracking_number\": \"1Z999AA10123456784\","
      "  \"tracking_url\": \"https://www.ups.com/track?tracknum=1Z999AA10123456784\", \"shipped_at\": \"%s\","
      "  \"remote_id\": null, \"voided\": false, \"lines\": [ { \"sku\": \"W-1\", \"quantity\": 1 } ] }",
      str_member (shipment, "shipped_at"));
    assert_json (shipment, expected);
  }
  assert_json (member (partial, "invoices"), "[\"INV-000001\"]");

  /* the shipped quantity is invoiced at the order's price */
  invoice1 = run_json (f, "invoice", "show", "INV-000001", NULL);
  assert_json (member (invoice1, "lines"),
               "[ { \"sku\": \"W-1\", \"description\": \"Widget\", \"quantity\": 1, \"unit_price_cents\": 1000 } ]");
  g_assert_cmpint (int_member (invoice1, "total_cents"), ==, 1000);
  g_assert_cmpstr (str_member (invoice1, "sales_order"), ==, "SO-000001");
  g_assert_cmpstr (str_member (invoice1, "status"), ==, "posted");
  g_assert_cmpstr (str_member (invoice1, "accounting_status"), ==, "not-pushed");

  /* more than is open, even in two lines of one SKU: refused */
  assert_refused (f, 1, "3 × “W-1” is more than the 2 still open", over);

  /* no line: everything still open */
  rest = run_ok (f, "order", "ship", "so-1", "--carrier", "FedEx", "--tracking", "7712 3456", NULL);
  g_assert_cmpstr (rest, ==, "Shipment of SO-000001 recorded: 2 × W-1, 4 × G-2.\n"
                             "Fulfillment: fulfilled.\n"
                             "Invoice INV-000002 was made from it.\n");
  complete = run_json (f, "order", "show", "1", NULL);
  g_assert_cmpstr (str_member (complete, "fulfillment_status"), ==, "fulfilled");
  g_assert_cmpuint (length_of (member (complete, "shipments")), ==, 2);
  shipment = element (member (complete, "shipments"), 1);
  g_assert_cmpstr (str_member (shipment, "carrier"), ==, "FedEx");
  g_assert_null (str_member (shipment, "service"));
  g_assert_cmpstr (str_member (shipment, "tracking_url"), ==, "https://www.fedex.com/fedextrack/?trknbr=7712%203456");
  /* as stored: by SKU */
  assert_json (member (shipment, "lines"), "[ { \"sku\": \"G-2\", \"quantity\": 4 }, { \"sku\": \"W-1\", \"quantity\": 2 } ]");
  assert_json (member (complete, "invoices"), "[\"INV-000001\", \"INV-000002\"]");

  invoice2 = run_json (f, "invoice", "show", "inv-2", NULL);
  assert_json (member (invoice2, "lines"),
               "[ { \"sku\": \"W-1\", \"description\": \"Widget\", \"quantity\": 2, \"unit_price_cents\": 1000 },"
               "  { \"sku\": \"G-2\", \"description\": \"Gadget\", \"quantity\": 4, \"unit_price_cents\": 200 } ]");
  g_assert_cmpint (int_member (invoice2, "total_cents"), ==, 2800);

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
  g_assert_cmpstr (str_member (cancelled, "status"), ==, "cancelled");
  g_assert_cmpstr (str_member (cancelled, "push_status"), ==, "not-pushed");
  g_assert_null (str_member (cancelled, "push_due_at"));
  g_assert_cmpuint (length_of (member (cancelled, "jobs")), ==, 1);
  job = element (member (cancelled, "jobs"), 0);
  g_assert_cmpstr (str_member (job, "kind"), ==, "push-sales-order");
  g_assert_cmpstr (str_member (job, "state"), ==, "cancelled");

  assert_refused (f, 1, "Sales order SO-000001 is already cancelled", again);
  assert_refused (f, 1, "Sales order SO-000001 is cancelled; only a posted order can be pushed", push_now);
  assert_refused (f, 1, "Sales order SO-000001 is cancelled; only a posted order can be shipped", ship);
  assert_refused (f, 1, "Sales order SO-000001 is cancelled and can no longer be edited", edit);

  /* a draft is cancelled too; --json prints the order */
  draft = run_ok (f, "order", "create", "--channel", "Wholesale", "--customer", "Acme Corp", "--line", "W-1:1", NULL);
  g_assert_cmpstr (draft, ==, "SO-000002\n");
  draft_cancelled = run_json (f, "order", "cancel", "2", NULL);
  g_assert_cmpstr (str_member (draft_cancelled, "number"), ==, "SO-000002");
  g_assert_cmpstr (str_member (draft_cancelled, "status"), ==, "cancelled");
  assert_json (member (draft_cancelled, "jobs"), "[]");
  assert_json (member (draft_cancelled, "invoices"), "[]");
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
  g_assert_cmpstr (number, ==, "SO-000001\n");

  /* a draft changes anything; --line replaces the lines, "" empties a text */
  edited_text = run_ok (f, "order", "edit", "SO-000001", "--channel", "wholesale", "--customer", "bolt, ltd",
                        "--line", "G-2:3", "--line", "W-1:1:9.50", "--po", "NEW-1", "--shipping-notes", "",
                        "--no-test", NULL);
  g_assert_cmpstr (edited_text, ==, "SO-000001\n");
  edited = run_json (f, "order", "show", "1", NULL);
  g_assert_cmpstr (str_member (edited, "channel"), ==, "Wholesale");
  g_assert_cmpstr (str_member (edited, "customer"), ==, "Bolt, Ltd");
  g_assert_cmpstr (str_member (edited, "po_number"), ==, "NEW-1");
  g_assert_null (str_member (edited, "shipping_notes"));
  g_assert_false (json_object_get_boolean_member (object_of (edited), "is_test"));
  assert_json (member (edited, "lines"),
               "[ { \"sku\": \"G-2\", \"description\": \"Gadget\", \"quantity\": 3, \"unit_price_cents\": 250 },"
               "  { \"sku\": \"W-1\", \"description\": \"Widget\", \"quantity\": 1, \"unit_price_cents\": 950 } ]");
  g_assert_cmpint (int_member (edited, "total_cents"), ==, 1700);
  g_assert_cmpstr (str_member (edited, "status"), ==, "draft");

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
  g_assert_cmpstr (str_member (element (events, 1), "summary"), ==,
                   "Sales order edited: channel/customer, shipping_notes, po_number, is_test, lines");
  g_assert_cmpstr (str_member (element (events, 7), "summary"), ==, "Sales order edited: internal_notes");
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
  g_assert_cmpstr (str_member (draft, "status"), ==, "draft");
  g_assert_cmpstr (str_member (draft, "type"), ==, "Standard");
  g_assert_cmpstr (str_member (draft, "channel"), ==, "Counter");
  g_assert_null (str_member (draft, "sales_order"));
  g_assert_cmpstr (str_member (draft, "accounting_status"), ==, "not-pushed");
  g_assert_null (str_member (draft, "accounting_id"));
  g_assert_null (str_member (draft, "issue_date"));
  g_assert_cmpint (int_member (draft, "total_cents"), ==, 2300);
  /* Bolt has no address: the ship-to is the name */
  g_assert_cmpstr (str_member (draft, "ship_name"), ==, "Bolt, Ltd");
  assert_json (member (draft, "jobs"), "[]");

  /* posting generates the sales order, linked both ways, and posts it */
  posted_text = run_ok (f, "invoice", "post", "INV-000001", NULL);
  order = run_json (f, "order", "show", "SO-000001", NULL);
  expected_posted = g_strdup_printf ("Invoice INV-000001 is posted.\n"
                                     "Sales order SO-000001 was generated from it.\n"
                                     "The push of SO-000001 is due at %s.\n"
                                     "Its push to accounting is scheduled.\n",
                                     str_member (order, "push_due_at"));
  g_assert_cmpstr (posted_text, ==, expected_posted);

  invoice = run_json (f, "invoice", "show", "INV-000001", NULL);
  posted_at = str_member (invoice, "posted_at");
  g_strlcpy (issue_date, posted_at, sizeof issue_date);
  g_assert_cmpstr (str_member (invoice, "status"), ==, "posted");
  g_assert_cmpstr (str_member (invoice, "sales_order"), ==, "SO-000001");
  g_assert_cmpstr (str_member (invoice, "accounting_status"), ==, "scheduled");
  g_assert_cmpstr (str_member (invoice, "issue_date"), ==, issue_date);
  /* due on receipt */
  g_assert_cmpstr (str_member (invoice, "due_date"), ==, issue_date);
  assert_members (member (invoice, "jobs"), "kind", "push-invoice");

  g_assert_cmpstr (str_member (order, "status"), ==, "posted");
  g_assert_cmpstr (str_member (order, "channel"), ==, "Counter");
  g_assert_cmpstr (str_member (order, "customer"), ==, "Bolt, Ltd");
  g_assert_cmpstr (str_member (order, "po_number"), ==, "B-9");
  g_assert_cmpstr (str_member (order, "invoice"), ==, "INV-000001");
  assert_json (member (order, "invoices"), "[\"INV-000001\"]");
  assert_node_equal ("$.lines", member (invoice, "lines"), member (order, "lines"));
  /* a blank delay pushes immediately */
  g_assert_cmpstr (str_member (order, "push_status"), ==, "scheduled");
  g_assert_cmpstr (str_member (order, "push_due_at"), ==, posted_at);
  assert_members (member (order, "jobs"), "kind", "push-sales-order");

  assert_refused (f, 1, "Invoice INV-000001 is already posted", repost);
  assert_refused (f, 1, "Invoice INV-000001 is posted and can no longer be edited", edit_posted);

  /* --post: both at once */
  direct = run_json (f, "invoice", "create", "--channel", "Counter", "--customer", "Acme Corp",
                     "--line", "G-2:2", "--post", NULL);
  g_assert_cmpstr (str_member (direct, "number"), ==, "INV-000002");
  g_assert_cmpstr (str_member (direct, "status"), ==, "posted");
  g_assert_cmpstr (str_member (direct, "sales_order"), ==, "SO-000002");
  {
    g_autofree char *due = add_days (str_member (direct, "issue_date"), 30);
    g_assert_cmpstr (str_member (direct, "due_date"), ==, due);
  }

  /* void: the accounting push that was not sent goes with it */
  voided_text = run_ok (f, "invoice", "void", "inv-2", NULL);
  g_assert_cmpstr (voided_text, ==, "Invoice INV-000002 is void.\n");
  voided = run_json (f, "invoice", "show", "INV-000002", NULL);
  g_assert_cmpstr (str_member (voided, "status"), ==, "void");
  g_assert_cmpstr (str_member (voided, "accounting_status"), ==, "not-pushed");
  assert_members (member (voided, "jobs"), "state", "cancelled");
  assert_refused (f, 1, "Invoice INV-000002 is already void", again);
}

/* -- lists ---------------------------------------------------------------------- */

/* Runs `order list ARGS… --json` and returns the numbers listed. */
G_GNUC_NULL_TERMINATED static char *
list_numbers (Fixture    *f,
              const char *first,
              ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(Result) result = NULL;
  g_autoptr(JsonNode) list = NULL;
  va_list ap;

  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *)arg);
  va_end (ap);
  g_ptr_array_add (args, (char *)"--json");
  g_ptr_array_add (args, NULL);

  result = run_argv (NULL, f->db_path, (const char * const *)args->pdata);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);
  list = parse_json (result->out);
  return numbers_of (list);
}

/*
 *   SO-1  Wholesale   Acme  10.00  posted (push scheduled)     PO-100   → INV-1
 *   SO-2  Ship Later  Bolt  50.00  posted, partially shipped   X-7      → INV-2
 *   SO-3  Wholesale   Bolt   5.00  draft
 *   SO-4  Wholesale   Acme  30.00  posted, test                         → INV-3 (test)
 *   SO-5  Ship Later  Acme  25.00  cancelled
 */
static void
add_list_orders (Fixture *f)
{
  const char *commands[][16] = {
    { "order", "create", "--channel", "Wholesale", "--customer", "Acme Corp", "--line", "W-1:1", "--po", "PO-100",
      "--post", NULL },
    { "order", "create", "--channel", "Ship Later", "--customer", "Bolt, Ltd", "--line", "W-1:5", "--po", "X-7",
      "--post", NULL },
    { "order", "ship", "SO-000002", "--carrier", "UPS", "--tracking", "1Z1", "--line", "W-1:2", NULL },
    { "order", "create", "--channel", "Wholesale", "--customer", "Bolt, Ltd", "--line", "G-2:2", NULL },
    { "order", "create", "--channel", "Wholesale", "--customer", "Acme Corp", "--line", "W-1:3", "--test",
      "--post", NULL },
    { "order", "create", "--channel", "Ship Later", "--customer", "Acme Corp", "--line", "G-2:10", "--post", NULL },
    { "order", "cancel", "SO-000005", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(Result) result = run_argv (NULL, f->db_path, commands[i]);

      g_assert_cmpstr (result->err, ==, "");
      g_assert_cmpint (result->status, ==, 0);
    }
}

#define ASSERT_LISTED(expected, ...) \
  G_STMT_START { \
    g_autofree char *listed_ = list_numbers (f, __VA_ARGS__, NULL); \
    g_assert_cmpstr (listed_, ==, expected); \
  } G_STMT_END

static void
test_order_list (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JsonNode) rows = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *page = NULL;
  g_autofree char *all = NULL;
  JsonNode *row;

  if (!add_documents_setup (f))
    return;
  empty = run_ok (f, "order", "list", NULL);
  g_assert_cmpstr (empty, ==, "No sales orders.\n");
  add_list_orders (f);

  /* test documents only when asked for */
  ASSERT_LISTED ("SO-000001 SO-000002 SO-000003 SO-000005", "order", "list");
  ASSERT_LISTED ("SO-000001 SO-000002 SO-000003 SO-000004 SO-000005", "order", "list", "--include-test");

  ASSERT_LISTED ("SO-000002 SO-000005", "order", "list", "--channel", "SHIP LATER");
  ASSERT_LISTED ("SO-000003", "order", "list", "--status", "draft");
  ASSERT_LISTED ("SO-000005", "order", "list", "--status", "cancelled");
  ASSERT_LISTED ("SO-000001", "order", "list", "--push-status", "scheduled");
  ASSERT_LISTED ("SO-000002 SO-000003 SO-000005", "order", "list", "--push-status", "not-pushed");
  ASSERT_LISTED ("SO-000002", "order", "list", "--fulfillment", "partially-fulfilled");
  ASSERT_LISTED ("SO-000001 SO-000004", "order", "list", "--channel", "1", "--status", "posted", "--include-test");

  /* search: a prefix of the number, the customer or the PO number */
  ASSERT_LISTED ("SO-000002 SO-000003", "order", "list", "--search", "bolt");
  ASSERT_LISTED ("SO-000001", "order", "list", "--search", "PO-1");
  ASSERT_LISTED ("SO-000002", "order", "list", "--search", "X-");
  ASSERT_LISTED ("SO-000003", "order", "list", "--search", "so-000003");
  ASSERT_LISTED ("", "order", "list", "--search", "Nobody");

  /* sorting, ties by number */
  ASSERT_LISTED ("SO-000003 SO-000001 SO-000005 SO-000002", "order", "list", "--sort", "total");
  ASSERT_LISTED ("SO-000002 SO-000005 SO-000001 SO-000003", "order", "list", "--sort", "total", "--desc");
  ASSERT_LISTED ("SO-000001 SO-000005 SO-000002 SO-000003", "order", "list", "--sort", "customer");
  ASSERT_LISTED ("SO-000003 SO-000002 SO-000005 SO-000001", "order", "list", "--sort", "customer", "--desc");
  ASSERT_LISTED ("SO-000005 SO-000003 SO-000002 SO-000001", "order", "list", "--desc");
  ASSERT_LISTED ("SO-000005 SO-000003 SO-000001 SO-000002", "order", "list", "--sort", "status");

  /* pages */
  ASSERT_LISTED ("SO-000002 SO-000003", "order", "list", "--limit", "2", "--offset", "1");
  ASSERT_LISTED ("", "order", "list", "--offset", "9");

  /* a row: the header and statuses, no lines */
  rows = run_json (f, "order", "list", "--search", "SO-000002", NULL);
  row = element (rows, 0);
  g_assert_cmpstr (str_member (row, "number"), ==, "SO-000002");
  g_assert_cmpstr (str_member (row, "channel"), ==, "Ship Later");
  g_assert_cmpstr (str_member (row, "customer"), ==, "Bolt, Ltd");
  g_assert_cmpstr (str_member (row, "status"), ==, "posted");
  g_assert_cmpstr (str_member (row, "push_status"), ==, "not-pushed");
  g_assert_cmpstr (str_member (row, "fulfillment_status"), ==, "partially-fulfilled");
  g_assert_cmpstr (str_member (row, "po_number"), ==, "X-7");
  g_assert_cmpint (int_member (row, "total_cents"), ==, 5000);
  g_assert_false (json_object_get_boolean_member (object_of (row), "is_test"));
  g_assert_false (json_object_has_member (object_of (row), "lines"));

  /* the table, and where the rest of a page is */
  page = run_ok (f, "order", "list", "--limit", "2", NULL);
  {
    g_auto(GStrv) lines = g_strsplit (page, "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 5);
    g_assert_true (g_str_has_prefix (lines[0], "Number     Created     Channel     Customer   Status  Push        "
                                               "Fulfillment          Total  PO number"));
    g_assert_true (g_str_has_prefix (lines[1], "SO-000001  "));
    assert_contains (lines[1], "  Wholesale   Acme Corp  posted  scheduled   unfulfilled          10.00  PO-100");
    assert_contains (lines[2], "  Ship Later  Bolt, Ltd  posted  not-pushed  partially-fulfilled  50.00  X-7");
    g_assert_cmpstr (lines[3], ==, "Rows 1 to 2 of 4; --offset 2 shows the next ones.");
  }
  all = run_ok (f, "order", "list", NULL);
  g_assert_null (strstr (all, "Rows "));
}

static void
test_invoice_list (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *table = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(JsonNode) listed = NULL;
  char created[11];

  if (!add_documents_setup (f))
    return;
  add_list_orders (f);
  {
    g_autofree char *counter = run_ok (f, "invoice", "create", "--channel", "Counter", "--customer", "Bolt, Ltd",
                                       "--line", "G-2:1", NULL);
    g_assert_cmpstr (counter, ==, "INV-000004\n");
  }

  ASSERT_LISTED ("INV-000001 INV-000002 INV-000004", "invoice", "list");
  ASSERT_LISTED ("INV-000001 INV-000002 INV-000003 INV-000004", "invoice", "list", "--include-test");
  ASSERT_LISTED ("INV-000001", "invoice", "list", "--channel", "Wholesale");
  ASSERT_LISTED ("INV-000001", "invoice", "list", "--accounting-status", "scheduled");
  ASSERT_LISTED ("INV-000002 INV-000004", "invoice", "list", "--accounting-status", "not-pushed");
  ASSERT_LISTED ("INV-000004", "invoice", "list", "--status", "draft");
  ASSERT_LISTED ("", "invoice", "list", "--status", "void");
  ASSERT_LISTED ("INV-000002 INV-000004", "invoice", "list", "--search", "Bolt");
  ASSERT_LISTED ("INV-000002 INV-000001 INV-000004", "invoice", "list", "--sort", "total", "--desc");

  table = run_ok (f, "invoice", "list", "--limit", "1", NULL);
  listed = run_json (f, "invoice", "list", "--limit", "1", NULL);
  g_strlcpy (created, str_member (element (listed, 0), "created_at"), sizeof created);
  expected = g_strdup_printf ("Number      Created     Channel    Customer   Type      Status  Accounting  Total  "
                              "Sales order\n"
                              "INV-000001  %s  Wholesale  Acme Corp  Standard  posted  scheduled   10.00  SO-000001\n"
                              "Rows 1 to 1 of 3; --offset 1 shows the next ones.\n",
                              created);
  g_assert_cmpstr (table, ==, expected);
}

/* -- jobs and events ------------------------------------------------------------- */

static void
test_jobs_events (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *number = NULL;
  g_autofree char *retried_text = NULL;
  g_autoptr(JsonNode) jobs = NULL;
  g_autoptr(JsonNode) scheduled = NULL;
  g_autoptr(JsonNode) of_invoice = NULL;
  g_autoptr(JsonNode) none = NULL;
  g_autoptr(JsonNode) failed = NULL;
  g_autoptr(JsonNode) retried = NULL;
  g_autoptr(JsonNode) order = NULL;
  g_autoptr(JsonNode) timeline = NULL;
  g_autoptr(JsonNode) invoice_timeline = NULL;
  g_autoptr(JsonNode) newest = NULL;
  g_autoptr(JsonNode) everything = NULL;
  g_autofree char *kinds = NULL;
  g_autofree char *text = NULL;
  const char *not_failed[] = { "jobs", "retry", "1", NULL };

  if (!add_documents_setup (f))
    return;
  number = run_ok (f, "order", "create", "--channel", "Wholesale", "--customer", "Acme Corp",
                   "--line", "W-1:2", "--post", NULL);
  g_assert_cmpstr (number, ==, "SO-000001\n");

  /* newest first */
  jobs = run_json (f, "jobs", "list", NULL);
  assert_members (jobs, "kind", "push-invoice push-sales-order");
  assert_members (jobs, "document", "INV-000001 SO-000001");
  assert_members (jobs, "state", "scheduled scheduled");
  scheduled = run_json (f, "jobs", "list", "--state", "scheduled", "--order", "so-1", NULL);
  assert_members (scheduled, "kind", "push-sales-order");
  of_invoice = run_json (f, "jobs", "list", "--invoice", "INV-000001", NULL);
  assert_members (of_invoice, "kind", "push-invoice");
  none = run_json (f, "jobs", "list", "--state", "failed", NULL);
  assert_json (none, "[]");
  {
    g_autoptr(JsonNode) one = run_json (f, "jobs", "list", "--limit", "1", NULL);
    assert_members (one, "kind", "push-invoice");
  }

  assert_refused (f, 1, "Job 1 is scheduled; only a failed job can be retried", not_failed);

  /* the push worker gave up on both (as it records it) */
  exec_sql (f, "UPDATE job SET state = 'failed', attempts = 8, last_error = 'HTTP 500 from the OMS';"
               "UPDATE sales_order SET push_status = 'failed'; UPDATE invoice SET accounting_status = 'failed'");
  failed = run_json (f, "jobs", "list", "--state", "failed", NULL);
  assert_members (failed, "last_error", "HTTP 500 from the OMS HTTP 500 from the OMS");
  text = run_ok (f, "jobs", "list", "--state", "failed", NULL);
  assert_contains (text, "ID  Kind              State   Document    Integration          Due");
  assert_contains (text, "  8/");
  assert_contains (text, "  HTTP 500 from the OMS\n");

  retried = run_json (f, "jobs", "retry", "1", NULL);
  g_assert_cmpint (int_member (retried, "id"), ==, 1);
  g_assert_cmpstr (str_member (retried, "state"), ==, "scheduled");
  g_assert_cmpint (int_member (retried, "attempts"), ==, 0);
  g_assert_cmpstr (str_member (retried, "document"), ==, "SO-000001");
  order = run_json (f, "order", "show", "1", NULL);
  g_assert_cmpstr (str_member (order, "push_status"), ==, "scheduled");
  g_assert_cmpstr (str_member (order, "push_due_at"), ==, str_member (retried, "due_at"));

  retried_text = run_ok (f, "jobs", "retry", "2", NULL);
  g_assert_cmpstr (retried_text, ==, "Job 2 is scheduled again, due now.\n");

  /* a document's timeline, oldest first, its invoice's events in it */
  timeline = run_json (f, "events", "list", "--order", "SO-000001", NULL);
  kinds = members_of (timeline, "kind");
  g_assert_cmpstr (kinds, ==, "order.created order.posted push.scheduled invoice.created accounting.scheduled "
                              "invoice.posted job.retried");
  assert_members (timeline, "actor", "user user user user user user user");
  {
    g_autofree char *summary = g_strdup_printf ("Push to Sandbox ShipStation scheduled for %s",
                                                str_member (element (jobs, 1), "due_at"));
    g_assert_cmpstr (str_member (element (timeline, 2), "summary"), ==, summary);
  }
  g_assert_cmpstr (str_member (member (element (timeline, 1), "details"), "channel"), ==, "Wholesale");
  invoice_timeline = run_json (f, "events", "list", "--invoice", "inv-1", NULL);
  g_clear_pointer (&kinds, g_free);
  kinds = members_of (invoice_timeline, "kind");
  g_assert_cmpstr (kinds, ==, "invoice.created accounting.scheduled invoice.posted job.retried");

  /* all events: the newest N, oldest first */
  everything = run_json (f, "events", "list", NULL);
  g_assert_cmpuint (length_of (everything), ==, 8);
  newest = run_json (f, "events", "list", "--limit", "2", NULL);
  g_clear_pointer (&kinds, g_free);
  kinds = members_of (newest, "kind");
  g_assert_cmpstr (kinds, ==, "job.retried job.retried");
  assert_members (newest, "document", "SO-000001 INV-000001");
  {
    g_autoptr(JsonNode) last = run_json (f, "events", "list", "--order", "1", "--limit", "1", NULL);
    assert_members (last, "kind", "job.retried");
  }
}

/* -- refusals ------------------------------------------------------------------- */

typedef struct
{
  const char *needle;
  const char *args[20];
} Refusal;

#define CREATE "order", "create", "--channel", "Wholesale", "--customer", "Acme Corp"

static const Refusal refused_values[] = {
  { "SKU “NOPE” is not a product", { CREATE, "--line", "NOPE:1", NULL } },
  { "Line 2: SKU “NOPE” is not a product", { CREATE, "--line", "W-1:1", "--line", "NOPE:1", "--post", NULL } },
  { "quantity 0 of “W-1”", { CREATE, "--line", "W-1:0", NULL } },
  { "quantity -2 of “W-1”", { CREATE, "--line", "W-1:-2", "--post", NULL } },
  { "quantity “two”", { CREATE, "--line", "W-1:two", NULL } },
  { "Line “W-1” is not of the form SKU:QTY", { CREATE, "--line", "W-1", NULL } },
  { "Line “W-1:1:2:3”", { CREATE, "--line", "W-1:1:2:3", NULL } },
  { "unit price “1.234”", { CREATE, "--line", "W-1:1:1.234", NULL } },
  { "unit price “-5”", { CREATE, "--line", "W-1:1:-5", NULL } },
  { "Requested ship date “2030-02-30”", { CREATE, "--line", "W-1:1", "--requested-ship-date", "2030-02-30", NULL } },
  { "Requested ship date “05/01/2030”", { CREATE, "--line", "W-1:1", "--requested-ship-date", "05/01/2030",
                                          "--post", NULL } },
  { "Channel “Nowhere” does not exist", { "order", "create", "--channel", "Nowhere", "--customer", "Acme Corp",
                                          "--line", "W-1:1", NULL } },
  { "Customer “Nobody” does not exist", { "order", "create", "--channel", "Wholesale", "--customer", "Nobody",
                                          "--line", "W-1:1", NULL } },
  { "Channel “Counter” works invoice first", { "order", "create", "--channel", "Counter", "--customer", "Acme Corp",
                                               "--line", "W-1:1", "--post", NULL } },
  { "Channel “Wholesale” works sales order first", { "invoice", "create", "--channel", "Wholesale",
                                                     "--customer", "Acme Corp", "--line", "W-1:1", NULL } },
  { "Channel “Ship Later” works sales order first", { "invoice", "create", "--channel", "ship later",
                                                      "--customer", "Acme Corp", "--line", "W-1:1", "--post", NULL } },
  { "5 × “W-1” is more than the 2 still open", { "order", "ship", "SO-000002", "--carrier", "UPS", "--tracking", "1Z",
                                                 "--line", "W-1:5", NULL } },
  { "SKU “G-2” is not on the order", { "order", "ship", "2", "--carrier", "UPS", "--tracking", "1Z",
                                       "--line", "G-2:1", NULL } },
  { "quantity 0 of “W-1” must be at least 1", { "order", "ship", "2", "--carrier", "UPS", "--tracking", "1Z",
                                                "--line", "W-1:0", NULL } },
  { "Line “W-1:1:5.00” is not of the form SKU:QTY", { "order", "ship", "2", "--carrier", "UPS", "--tracking", "1Z",
                                                      "--line", "W-1:1:5.00", NULL } },
  { "Sales order SO-000003 is draft; only a posted order can be shipped",
    { "order", "ship", "3", "--carrier", "UPS", "--tracking", "1Z", NULL } },
  { "Sales order SO-000001 is already posted", { "order", "post", "SO-000001", NULL } },
  /* every number is looked up before any is posted */
  { "Sales order “SO-000099” does not exist", { "order", "post", "so-3", "SO-000099", NULL } },
  { "Sales order “42” does not exist", { "order", "show", "42", NULL } },
  { "Invoice “INV-9” does not exist", { "invoice", "show", "INV-9", NULL } },
  { "Sales order SO-000003 is draft; only a posted order can be pushed", { "order", "push-now", "3", NULL } },
  { "Sales order SO-000002 has no push waiting (push status: not-pushed)", { "order", "push-now", "2", NULL } },
  { "The lines of sales order SO-000001 cannot change", { "order", "edit", "1", "--line", "W-1:1", NULL } },
  { "Requested ship date “tomorrow”", { "order", "edit", "3", "--requested-ship-date", "tomorrow", NULL } },
  { "Channel “Counter” works invoice first", { "order", "edit", "3", "--channel", "Counter", NULL } },
  { "Channel “Wholesale” works sales order first", { "invoice", "edit", "INV-000001", "--channel", "Wholesale", NULL } },
  { "Sales order SO-000002 is partially-fulfilled and can no longer be cancelled", { "order", "cancel", "2", NULL } },
  { "Invoice INV-000001 is already posted", { "invoice", "post", "INV-000001", NULL } },
  { "Status “open” is not one of: draft, posted, cancelled", { "order", "list", "--status", "open", NULL } },
  { "Push status “sent”", { "order", "list", "--push-status", "sent", NULL } },
  { "Fulfillment status “done”", { "order", "list", "--fulfillment", "done", NULL } },
  { "Sort “date” is not one of: number, customer, total, status, push-status, fulfillment",
    { "order", "list", "--sort", "date", NULL } },
  { "Limit “0”", { "order", "list", "--limit", "0", NULL } },
  { "Offset “-1”", { "order", "list", "--offset", "-1", NULL } },
  { "Channel “Nowhere” does not exist", { "order", "list", "--channel", "Nowhere", NULL } },
  { "Status “cancelled” is not one of: draft, posted, void", { "invoice", "list", "--status", "cancelled", NULL } },
  { "Accounting status “sent”", { "invoice", "list", "--accounting-status", "sent", NULL } },
  { "Sort “push-status”", { "invoice", "list", "--sort", "push-status", NULL } },
  { "Job state “stuck”", { "jobs", "list", "--state", "stuck", NULL } },
  { "Limit “many”", { "jobs", "list", "--limit", "many", NULL } },
  { "Sales order “SO-000077” does not exist", { "jobs", "list", "--order", "SO-000077", NULL } },
  { "Job 1 is scheduled; only a failed job can be retried", { "jobs", "retry", "1", NULL } },
  { "Job 99 does not exist", { "jobs", "retry", "99", NULL } },
  { "Job id “x”", { "jobs", "retry", "x", NULL } },
  { "Invoice “INV-000077” does not exist", { "events", "list", "--invoice", "INV-000077", NULL } },
};

/* SO-1 posted on Wholesale (INV-1), SO-2 posted on Ship Later and shipped
 * in part (INV-2), SO-3 a draft. */
static void
add_refusal_documents (Fixture *f)
{
  const char *commands[][16] = {
    { CREATE, "--line", "W-1:2", "--post", NULL },
    { "order", "create", "--channel", "Ship Later", "--customer", "Acme Corp", "--line", "W-1:3", "--post", NULL },
    { "order", "ship", "2", "--carrier", "UPS", "--tracking", "1Z1", "--line", "W-1:1", NULL },
    { "order", "create", "--channel", "Ship Later", "--customer", "Bolt, Ltd", "--line", "G-2:1", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(Result) result = run_argv (NULL, f->db_path, commands[i]);

      g_assert_cmpstr (result->err, ==, "");
      g_assert_cmpint (result->status, ==, 0);
    }
}

static void
test_refused_values (Fixture       *f,
                     gconstpointer  data)
{
  if (!add_documents_setup (f))
    return;
  add_refusal_documents (f);

  for (guint i = 0; i < G_N_ELEMENTS (refused_values); i++)
    {
      g_test_message ("refused: %s", refused_values[i].needle);
      assert_refused (f, 1, refused_values[i].needle, refused_values[i].args);
    }
}

static const Refusal usage_errors[] = {
  { "Missing option --channel", { "order", "create", "--customer", "Acme Corp", "--line", "W-1:1", NULL } },
  { "Missing option --customer", { "invoice", "create", "--channel", "Counter", NULL } },
  { "Missing option --carrier", { "order", "ship", "2", "--tracking", "1Z", NULL } },
  { "Missing option --tracking", { "order", "ship", "2", "--carrier", "UPS", NULL } },
  { "Missing argument", { "order", "show", NULL } },
  { "Missing argument", { "order", "post", NULL } },
  { "Missing argument", { "jobs", "retry", NULL } },
  { "Unexpected argument “2”", { "order", "show", "1", "2", NULL } },
  { "Unexpected argument “Extra”", { "order", "create", "--channel", "Wholesale", "--customer", "Acme Corp",
                                     "Extra", NULL } },
  { "Nothing to change", { "order", "edit", "3", NULL } },
  { "--post", { "order", "edit", "3", "--post", NULL } },
  { "--fulfillment", { "invoice", "list", "--fulfillment", "fulfilled", NULL } },
  { "--no-test", { "order", "create", "--channel", "Wholesale", "--customer", "Acme Corp", "--no-test", NULL } },
  { "Give --order or --invoice, not both", { "events", "list", "--order", "1", "--invoice", "1", NULL } },
  { "“order frobnicate”", { "order", "frobnicate", NULL } },
  { "Unexpected argument “2”", { "jobs", "retry", "1", "2", NULL } },
};

static void
test_usage_errors (Fixture       *f,
                   gconstpointer  data)
{
  if (!add_documents_setup (f))
    return;
  add_refusal_documents (f);

  for (guint i = 0; i < G_N_ELEMENTS (usage_errors); i++)
    {
      g_test_message ("usage error: %s", usage_errors[i].needle);
      assert_refused (f, 2, usage_errors[i].needle, usage_errors[i].args);
    }
}

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  const char *main_help[] = { "--help", NULL };
  const char *group_help[] = { "order", "--help", NULL };
  const char *create_help[] = { "order", "create", "--help", NULL };
  const char *list_help[] = { "invoice", "list", "--help", NULL };
  g_autoptr(Result) main_result = run_argv (NULL, NULL, main_help);
  g_autoptr(Result) group_result = run_argv (NULL, NULL, group_help);
  g_autoptr(Result) create_result = run_argv (NULL, f->db_path, create_help);
  g_autoptr(Result) list_result = run_argv (NULL, f->db_path, list_help);

  g_assert_cmpint (main_result->status, ==, 0);
  assert_contains (main_result->out, "  order            create|edit|post|push-now|cancel|ship|show|list|purge-tests  ");
  assert_contains (main_result->out, "  invoice          create|edit|post|void|show|list  ");
  assert_contains (main_result->out, "  customer         add|list|import  ");
  assert_contains (main_result->out, "  jobs             list|retry  ");
  assert_contains (main_result->out, "  events           list  ");

  g_assert_cmpint (group_result->status, ==, 0);
  assert_contains (group_result->out, "  push-now     Push a posted sales order now\n");

  g_assert_cmpint (create_result->status, ==, 0);
  g_assert_cmpstr (create_result->err, ==, "");
  assert_contains (create_result->out, "lumenctl order create [OPTION…]");
  assert_contains (create_result->out, "--line=SKU:QTY[:PRICE]");
  assert_contains (create_result->out, "--requested-ship-date=YYYY-MM-DD");
  assert_contains (create_result->out, "--ship-postal-code=CODE");
  assert_contains (create_result->out, "--po=PO");
  assert_contains (create_result->out, "--post ");
  assert_contains (create_result->out, "--json ");

  g_assert_cmpint (list_result->status, ==, 0);
  assert_contains (list_result->out, "--accounting-status=STATUS");
  g_assert_null (strstr (list_result->out, "--fulfillment"));
  g_assert_null (strstr (list_result->out, "--push-status"));
  /* no database was made for --help */
  g_assert_false (g_file_test (f->db_path, G_FILE_TEST_EXISTS));
}

/* --db and --json before the group work as after the command */
static void
test_global_options_anywhere (Fixture       *f,
                              gconstpointer  data)
{
  const char *before[] = { "--json", "--db", f->db_path, "order", "show", "so-1", NULL };
  g_autoptr(Result) result = NULL;
  g_autoptr(JsonNode) shown = NULL;
  g_autofree char *number = NULL;

  if (!add_documents_setup (f))
    return;
  number = run_ok (f, "order", "create", "--channel", "Wholesale", "--customer", "Acme Corp", "--line", "W-1:1", NULL);
  result = run_argv (NULL, NULL, before);
  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpstr (result->err, ==, "");
  shown = parse_json (result->out);
  g_assert_cmpstr (str_member (shown, "number"), ==, "SO-000001");
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
  ADD ("order/list", test_order_list);
  ADD ("invoice/invoice-first", test_invoice_first);
  ADD ("invoice/list", test_invoice_list);
  ADD ("jobs-events", test_jobs_events);
  ADD ("documents/refused-values", test_refused_values);
  ADD ("documents/usage", test_usage_errors);
  ADD ("documents/help", test_help);
  ADD ("documents/global-options", test_global_options_anywhere);

#undef ADD

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `lumenctl channel test` against `lumenctl sandbox`: the steps of each
 * flow, the failures named in words, the confirmation a real account
 * needs, the exported reports, and the test documents purged afterwards.
 * The integrations' secrets need a Secret Service (.ci/session); without
 * one the tests are skipped.
 */
#include <string.h>

#include "lumctl-test.h"

#define ARGS(...) ((const char * const []) { __VA_ARGS__, NULL })

/* -- helpers ------------------------------------------------------------------- */

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (haystack == NULL || strstr (haystack, needle) == NULL)
    {
      g_autofree char *message = g_strdup_printf ("“%s” not in: %s", needle, haystack);
      g_assert_cmpstr (message, ==, "");
    }
}

static char *
ok_out (Fixture            *f,
        const char         *input,
        const char * const *args)
{
  g_autoptr(Result) result = run_argv_input (NULL, f->db_path, args, input);

  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);
  return g_steal_pointer (&result->out);
}

/* The steps' @member, space-separated ("-" for null). */
static char *
steps_member (JsonNode   *report,
              const char *member)
{
  JsonNode *steps = json_member (report, "steps");
  g_autoptr(GString) values = g_string_new (NULL);

  for (guint i = 0; i < json_length (steps); i++)
    {
      const char *value = json_str (json_element (steps, i), member);
      g_string_append_printf (values, "%s%s", i > 0 ? " " : "", value ? value : "-");
    }
  return g_string_free (g_steal_pointer (&values), FALSE);
}

static JsonNode *
step_named (JsonNode   *report,
            const char *name)
{
  JsonNode *steps = json_member (report, "steps");

  for (guint i = 0; i < json_length (steps); i++)
    if (g_strcmp0 (json_str (json_element (steps, i), "name"), name) == 0)
      return json_element (steps, i);
  g_assert_not_reached ();
}

static gboolean
report_ok (JsonNode *report)
{
  JsonNode *ok = json_member (report, "ok");

  g_assert_cmpint (json_node_get_value_type (ok), ==, G_TYPE_BOOLEAN);
  return json_node_get_boolean (ok);
}

/* Every step has exactly the four members of the --json report, and a
 * step that ended has its time. */
static void
assert_report_shape (JsonNode *report)
{
  JsonNode *steps = json_member (report, "steps");
  g_autoptr(GList) members = json_object_get_members (json_node_get_object (report));

  g_assert_cmpuint (g_list_length (members), ==, 3);
  g_assert_nonnull (json_str (report, "channel"));
  for (guint i = 0; i < json_length (steps); i++)
    {
      JsonNode *step = json_element (steps, i);
      g_autoptr(GList) keys = json_object_get_members (json_node_get_object (step));
      const char *state = json_str (step, "state");

      g_assert_cmpuint (g_list_length (keys), ==, 4);
      g_assert_nonnull (json_str (step, "name"));
      /* a step that did not run yet has nothing to say */
      if (g_strcmp0 (state, "pending") == 0)
        g_assert_null (json_str (step, "detail"));
      else
        g_assert_nonnull (json_str (step, "detail"));
      if (g_strcmp0 (state, "ok") == 0 || g_strcmp0 (state, "failed") == 0)
        g_assert_true (g_str_has_suffix (json_str (step, "at"), "Z"));
      else
        json_str (step, "at");
    }
}

/* `channel test NAME --json ARGS…`: the report, and the exit status in
 * @status; stderr is empty on success and one line otherwise. */
static JsonNode *
run_test (Fixture    *f,
          const char *channel,
          const char *extra,
          int        *status)
{
  const char *args[] = { "channel", "test", channel, "--json", extra, NULL };
  g_autoptr(Result) result = run_argv (NULL, f->db_path, args);
  JsonNode *report;

  *status = result->status;
  if (result->status == 0)
    g_assert_cmpstr (result->err, ==, "");
  else
    assert_one_error_line (result->err, channel);
  report = parse_json (result->out);
  assert_report_shape (report);
  g_assert_cmpstr (json_str (report, "channel"), ==, channel);
  return report;
}

/*
 * The sandbox's integrations, customer "Acme Corp", product W-1, and:
 *   "Wholesale Sales Channel"  Sandbox ShipStation store 1001, after 15 minutes,
 *                              fulfillment updates, two mappings, invoice on
 *                              shipment to Sandbox QuickBooks (the design's)
 *   "Counter"                  invoice first, Sandbox 3PL at once, QuickBooks
 *   "Nowhere"                  Sandbox ShipStation store 4040, which does not exist
 */
static Sandbox *
add_setup (Fixture *f)
{
  Sandbox *sandbox = sandbox_start (f);
  const char *commands[][40] = {
    { "customer", "add", "--name", "Acme Corp", "--ship-street1", "1 Main St", "--ship-city", "Springfield",
      "--ship-state", "IL", "--ship-postal-code", "62704", "--ship-country", "US", NULL },
    { "product", "add", "--sku", "W-1", "--name", "Widget", "--price", "10.00", NULL },
    { "channel", "create", "--name", "Wholesale Sales Channel", "--internal", "--push-to-oms",
      "--integration", "Sandbox ShipStation", "--store", "1001", "--store-name", "Wholesale", "--push-delay", "15",
      "--fulfillment-updates", "--map", "shipping_notes=shippingNotes", "--map", "po_number=advancedOptions.customField1",
      "--flow", "so-first", "--invoice-type", "Standard", "--invoice-timing", "shipment-created",
      "--accounting", "Sandbox QuickBooks", NULL },
    { "channel", "create", "--name", "Counter", "--internal", "--flow", "invoice-first", "--push-to-oms",
      "--integration", "Sandbox 3PL", "--store", "1:1", "--push-delay", "", "--fulfillment-updates",
      "--accounting", "Sandbox QuickBooks", NULL },
    { "channel", "create", "--name", "Nowhere", "--push-to-oms", "--integration", "Sandbox ShipStation",
      "--store", "4040", "--push-delay", "", "--fulfillment-updates", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(Result) result = run_argv (NULL, f->db_path, commands[i]);

      g_assert_cmpstr (result->err, ==, "");
      g_assert_cmpint (result->status, ==, 0);
    }
  return sandbox;
}

/* -- the flows --------------------------------------------------------------------- */

static void
test_wholesale (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(Sandbox) sandbox = NULL;
  g_autoptr(JsonNode) report = NULL;
  g_autofree char *names = NULL;
  g_autofree char *states = NULL;
  int status;

  if (!keyring_available ())
    return;
  sandbox = add_setup (f);

  report = run_test (f, "Wholesale Sales Channel", NULL, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (report_ok (report));
  names = steps_member (report, "name");
  g_assert_cmpstr (names, ==, "document invoice push-scheduled pushed shipment tracking invoice-on-shipment "
                              "accounting cleanup");
  states = steps_member (report, "state");
  g_assert_cmpstr (states, ==, "ok ok ok ok ok ok ok ok skipped");

  g_assert_cmpstr (json_str (step_named (report, "document"), "detail"), ==,
                   "Test sales order TEST-SO-000001 created and posted for Lumen Test Customer: 2 × W-1");
  g_assert_cmpstr (json_str (step_named (report, "invoice"), "detail"), ==,
                   "No invoice yet, as configured: it is created when a shipment is recorded");
  assert_contains (json_str (step_named (report, "push-scheduled"), "detail"),
                   "Push to Sandbox ShipStation, store Wholesale, scheduled for ");
  assert_contains (json_str (step_named (report, "push-scheduled"), "detail"), "; the delay is skipped for this test");
  assert_contains (json_str (step_named (report, "pushed"), "detail"),
                   "Pushed to Sandbox ShipStation, store 1001: remote id ");
  g_assert_cmpstr (json_str (step_named (report, "shipment"), "detail"), ==,
                   "The sandbox shipped TEST-SO-000001 with UPS, tracking 1ZLUMENTEST000001");
  g_assert_cmpstr (json_str (step_named (report, "tracking"), "detail"), ==,
                   "Tracking 1ZLUMENTEST000001 received from Sandbox ShipStation; the order is fulfilled");
  g_assert_cmpstr (json_str (step_named (report, "invoice-on-shipment"), "detail"), ==,
                   "Invoice TEST-INV-000001 created for the shipped quantities");
  assert_contains (json_str (step_named (report, "accounting"), "detail"),
                   "Pushed to Sandbox QuickBooks: invoice TEST-INV-000001 is QuickBooks invoice ");
  g_assert_cmpstr (json_str (step_named (report, "cleanup"), "detail"), ==, "Sandbox orders need no cleanup");

  /* what the step says is what the sandbox holds */
  {
    g_autoptr(JsonNode) order = run_json (f, "order", "show", "TEST-SO-000001", NULL);
    g_autoptr(JsonNode) invoice = run_json (f, "invoice", "show", "TEST-INV-000001", NULL);

    g_assert_true (json_node_get_boolean (json_member (order, "is_test")));
    g_assert_cmpstr (json_str (order, "push_status"), ==, "pushed");
    g_assert_cmpstr (json_str (order, "fulfillment_status"), ==, "fulfilled");
    g_assert_cmpstr (json_str (invoice, "accounting_status"), ==, "pushed");
    g_assert_nonnull (json_str (invoice, "accounting_id"));
  }
  sandbox_stop (sandbox);
}

/* The text report: a line a step as it ends, the push's request and
 * mapped fields under it; exported as JSON and Markdown. */
static void
test_text_and_export (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(Sandbox) sandbox = NULL;
  g_autofree char *json_path = NULL;
  g_autofree char *md_path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *md = NULL;
  g_autoptr(JsonNode) exported = NULL;
  g_auto(GStrv) lines = NULL;
  JsonNode *pushed;

  if (!keyring_available ())
    return;
  sandbox = add_setup (f);
  json_path = g_build_filename (g_get_user_data_dir (), "report.json", NULL);
  md_path = g_build_filename (g_get_user_data_dir (), "report.MD", NULL);

  out = ok_out (f, NULL, ARGS ("channel", "test", "Wholesale Sales Channel", "--export", json_path));
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "Testing channel “Wholesale Sales Channel”…");
  g_assert_cmpstr (lines[1], ==, "ok       Test sales order: Test sales order TEST-SO-000001 created and posted for "
                                 "Lumen Test Customer: 2 × W-1");
  g_assert_cmpstr (lines[2], ==, "ok       Invoice: No invoice yet, as configured: it is created when a shipment "
                                 "is recorded");
  g_assert_true (g_str_has_prefix (lines[3], "ok       Push scheduled: Push to Sandbox ShipStation, store Wholesale, "
                                             "scheduled for "));
  g_assert_true (g_str_has_prefix (lines[4], "ok       Pushed to the OMS: Pushed to Sandbox ShipStation, store 1001: "
                                             "remote id "));
  g_assert_cmpstr (lines[5], ==, "         Mapped fields:");
  g_assert_cmpstr (lines[6], ==, "           shippingNotes = \"Lumen channel test\" (shipping_notes)");
  g_assert_cmpstr (lines[7], ==, "           advancedOptions.customField1 = \"TEST-PO\" (po_number)");
  g_assert_cmpstr (lines[8], ==, "         Request body:");
  g_assert_cmpstr (lines[9], ==, "           {");
  g_assert_cmpstr (lines[10], ==, "             \"orderNumber\" : \"TEST-SO-000001\",");
  assert_contains (out, "               \"storeId\" : 1001,\n");
  assert_contains (out, "\nok       Shipment: The sandbox shipped TEST-SO-000001 with UPS, tracking 1ZLUMENTEST000001\n"
                        "ok       Tracking received: Tracking 1ZLUMENTEST000001 received from Sandbox ShipStation; "
                        "the order is fulfilled\n"
                        "ok       Invoice on shipment: Invoice TEST-INV-000001 created for the shipped quantities\n"
                        "ok       Invoice in QuickBooks: Pushed to Sandbox QuickBooks: invoice TEST-INV-000001 is "
                        "QuickBooks invoice ");
  g_assert_true (g_str_has_suffix (out, "\nskipped  Cleanup: Sandbox orders need no cleanup\n"
                                        "Channel “Wholesale Sales Channel” passed the test: every step that applies "
                                        "is ok.\n"));

  /* the full report: titles, the request body and the mapped fields too */
  {
    g_autoptr(GBytes) bytes = read_file_bytes (json_path);
    g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

    g_assert_true (g_str_has_suffix (text, "}\n"));
    exported = parse_json (text);
  }
  g_assert_true (report_ok (exported));
  g_assert_cmpuint (json_length (json_member (exported, "steps")), ==, 9);
  pushed = step_named (exported, "pushed");
  g_assert_cmpstr (json_str (pushed, "title"), ==, "Pushed to the OMS");
  g_assert_cmpstr (json_str (pushed, "mapped"), ==, "shippingNotes = \"Lumen channel test\" (shipping_notes)\n"
                                                    "advancedOptions.customField1 = \"TEST-PO\" (po_number)");
  {
    g_autoptr(JsonNode) body = parse_json (json_str (pushed, "request"));

    g_assert_cmpstr (json_str (body, "orderNumber"), ==, "TEST-SO-000001");
    g_assert_cmpstr (json_str (body, "shippingNotes"), ==, "Lumen channel test");
    g_assert_cmpint (json_int (json_member (body, "advancedOptions"), "storeId"), ==, 1001);
  }
  g_assert_null (json_str (step_named (exported, "document"), "request"));

  /* Markdown, by the extension whatever its case; a second test order */
  {
    g_autofree char *text = ok_out (f, NULL, ARGS ("channel", "test", "Wholesale Sales Channel", "--export", md_path,
                                                   "--json"));
    g_autoptr(JsonNode) report = parse_json (text);

    g_assert_true (report_ok (report));
  }
  {
    g_autoptr(GBytes) bytes = read_file_bytes (md_path);
    md = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  }
  g_assert_true (g_str_has_prefix (md, "# Wholesale Sales Channel\n\nEvery step that applies passed.\n\n"
                                       "| Step | State | Detail | At |\n|---|---|---|---|\n"
                                       "| Test sales order | ok | Test sales order TEST-SO-000002 created and posted for "
                                       "Lumen Test Customer: 2 × W-1 | "));
  assert_contains (md, "\n| Cleanup | skipped | Sandbox orders need no cleanup | ");
  assert_contains (md, "\n## Mapped fields\n\n```\nshippingNotes = \"Lumen channel test\" (shipping_notes)\n");
  assert_contains (md, "\n## Request sent\n\n```json\n{\n  \"orderNumber\" : \"TEST-SO-000002\",\n");

  /* neither another extension, nor a directory that is not there */
  assert_refused (f, 1, "Export file “report.txt” does not end in .json or .md",
                  ARGS ("channel", "test", "Wholesale Sales Channel", "--export", "report.txt"));
  sandbox_stop (sandbox);
}

static void
test_invoice_first_3pl (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(Sandbox) sandbox = NULL;
  g_autoptr(JsonNode) report = NULL;
  g_autofree char *names = NULL;
  g_autofree char *states = NULL;
  int status;

  if (!keyring_available ())
    return;
  sandbox = add_setup (f);

  report = run_test (f, "Counter", NULL, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (report_ok (report));
  names = steps_member (report, "name");
  g_assert_cmpstr (names, ==, "document sales-order push-scheduled pushed shipment tracking accounting cleanup");
  states = steps_member (report, "state");
  g_assert_cmpstr (states, ==, "ok ok ok ok ok ok ok skipped");
  g_assert_cmpstr (json_str (step_named (report, "document"), "detail"), ==,
                   "Test invoice TEST-INV-000001 created and posted for Lumen Test Customer: 2 × W-1");
  g_assert_cmpstr (json_str (step_named (report, "sales-order"), "detail"), ==,
                   "Sales order TEST-SO-000001 generated from invoice TEST-INV-000001 and posted");
  assert_contains (json_str (step_named (report, "pushed"), "detail"), "Pushed to Sandbox 3PL, store 1:1: remote id ");
  assert_contains (json_str (step_named (report, "tracking"), "detail"), " received from Sandbox 3PL; the order is ");
  assert_contains (json_str (step_named (report, "accounting"), "detail"),
                   "Pushed to Sandbox QuickBooks: invoice TEST-INV-000001 is QuickBooks invoice ");
  sandbox_stop (sandbox);
}

/* -- what fails, and why ------------------------------------------------------------ */

static void
test_failures (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(Sandbox) sandbox = NULL;
  g_autoptr(JsonNode) nowhere = NULL;
  g_autoptr(JsonNode) delayed = NULL;
  g_autoptr(JsonNode) wrong = NULL;
  g_autofree char *states = NULL;
  g_autofree char *shipstation = NULL;
  int status;

  if (!keyring_available ())
    return;
  sandbox = add_setup (f);

  /* a store the OMS does not have: the push step names it, what depends
   * on it does not run */
  nowhere = run_test (f, "Nowhere", NULL, &status);
  g_assert_cmpint (status, ==, 1);
  g_assert_false (report_ok (nowhere));
  states = steps_member (nowhere, "state");
  g_assert_cmpstr (states, ==, "ok ok ok failed skipped skipped skipped skipped");
  g_assert_cmpstr (json_str (step_named (nowhere, "pushed"), "detail"), ==,
                   "Sandbox ShipStation: Sandbox ShipStation refused the request (HTTP 400): An error has occurred. "
                   "The store with storeId 4040 was not found.");
  g_assert_cmpstr (json_str (step_named (nowhere, "shipment"), "detail"), ==, "Not run: an earlier step failed");
  g_assert_cmpstr (json_str (step_named (nowhere, "accounting"), "detail"), ==, "No accounting integration");
  {
    g_autoptr(Result) text = run_argv (NULL, f->db_path, ARGS ("channel", "test", "Nowhere"));

    g_assert_cmpint (text->status, ==, 1);
    assert_one_error_line (text->err, "The test of channel “Nowhere” failed at “Pushed to the OMS”: Sandbox "
                                      "ShipStation: Sandbox ShipStation refused the request (HTTP 400): An error "
                                      "has occurred. The store with storeId 4040 was not found.");
    assert_contains (text->out, "\nfailed   Pushed to the OMS: Sandbox ShipStation: ");
    g_assert_true (g_str_has_suffix (text->out, "Channel “Nowhere” did not pass the test.\n"));
  }

  /* wrong credentials */
  shipstation = sandbox_url (sandbox, "shipstation");
  {
    g_autoptr(Result) added = run_argv_input (NULL, f->db_path,
                                              ARGS ("integration", "add", "--kind", "shipstation", "--name",
                                                    "Wrong Key", "--base-url", shipstation, "--sandbox"),
                                              "sandbox-key\nnot-the-secret-5e1a\n");
    g_autofree char *channel = ok_out (f, NULL, ARGS ("channel", "create", "--name", "Wrong Creds", "--push-to-oms",
                                                      "--integration", "Wrong Key", "--store", "1001",
                                                      "--push-delay", ""));

    g_assert_cmpint (added->status, ==, 0);
  }
  wrong = run_test (f, "Wrong Creds", NULL, &status);
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (json_str (step_named (wrong, "pushed"), "state"), ==, "failed");
  assert_contains (json_str (step_named (wrong, "pushed"), "detail"), "Wrong Key refused the API key and secret");
  g_assert_null (strstr (json_str (step_named (wrong, "pushed"), "detail"), "not-the-secret-5e1a"));

  /* the delay kept: the test stops at the scheduled push, unfinished */
  delayed = run_test (f, "Wholesale Sales Channel", "--keep-delay", &status);
  g_assert_cmpint (status, ==, 1);
  g_assert_false (report_ok (delayed));
  g_free (states);
  states = steps_member (delayed, "state");
  g_assert_cmpstr (states, ==, "ok ok ok pending pending pending pending pending skipped");
  assert_contains (json_str (step_named (delayed, "push-scheduled"), "detail"), "; the test stops here until then");
  {
    g_autoptr(Result) text = run_argv (NULL, f->db_path, ARGS ("channel", "test", "Wholesale Sales Channel",
                                                               "--keep-delay"));

    g_assert_cmpint (text->status, ==, 1);
    assert_one_error_line (text->err, "The test of channel “Wholesale Sales Channel” did not finish: a step is "
                                      "still pending");
    assert_contains (text->out, "\npending  Pushed to the OMS\n");
  }

  assert_refused (f, 1, "Channel “Nope” does not exist", ARGS ("channel", "test", "Nope"));
  sandbox_stop (sandbox);
}

/* A real account: refused without --yes; with it the order goes on hold,
 * no shipment is simulated, and the cleanup cancels it. */
static void
test_real_account (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(Sandbox) sandbox = NULL;
  g_autoptr(JsonNode) report = NULL;
  g_autoptr(JsonNode) dump = NULL;
  g_autofree char *shipstation = NULL;
  g_autofree char *states = NULL;
  JsonNode *orders;
  int status;

  if (!keyring_available ())
    return;
  sandbox = add_setup (f);
  shipstation = sandbox_url (sandbox, "shipstation");
  {
    g_autoptr(Result) added = run_argv_input (NULL, f->db_path,
                                              ARGS ("integration", "add", "--kind", "shipstation", "--name",
                                                    "Real ShipStation", "--base-url", shipstation),
                                              "sandbox-key\nsandbox-secret\n");
    g_autofree char *channel = ok_out (f, NULL, ARGS ("channel", "create", "--name", "Real", "--push-to-oms",
                                                      "--integration", "Real ShipStation", "--store", "1002",
                                                      "--push-delay", "", "--fulfillment-updates"));

    g_assert_cmpint (added->status, ==, 0);
  }

  assert_refused (f, 1, "Channel “Real” sends to a real (not sandbox) account: the test order would reach it "
                        "(marked as a test, then cancelled); add --yes to confirm",
                  ARGS ("channel", "test", "Real"));
  assert_refused (f, 1, "add --yes to confirm", ARGS ("channel", "test", "Real", "--json"));

  report = run_test (f, "Real", "--yes", &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (report_ok (report));
  states = steps_member (report, "state");
  g_assert_cmpstr (states, ==, "ok ok ok ok skipped skipped skipped ok");
  g_assert_cmpstr (json_str (step_named (report, "shipment"), "detail"), ==,
                   "Against a real OMS no shipment is simulated; real shipments come back with the next sync");
  g_assert_cmpstr (json_str (step_named (report, "cleanup"), "detail"), ==,
                   "Test order TEST-SO-000001 cancelled in Real ShipStation");

  dump = sandbox_control (sandbox, "GET", "/dump", NULL);
  orders = json_member (json_member (dump, "shipstation"), "orders");
  g_assert_cmpuint (json_length (orders), ==, 1);
  g_assert_cmpstr (json_str (json_element (orders, 0), "orderNumber"), ==, "TEST-SO-000001");
  g_assert_cmpstr (json_str (json_element (orders, 0), "orderStatus"), ==, "cancelled");
  sandbox_stop (sandbox);
}

/* -- test documents, and integrations in use ------------------------------------------- */

static guint
count_test_orders (JsonNode *orders)
{
  guint n = 0;

  for (guint i = 0; i < json_length (orders); i++)
    n += json_node_get_boolean (json_member (json_element (orders, i), "is_test"));
  return n;
}

static void
test_purge_and_delete (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(Sandbox) sandbox = NULL;
  g_autoptr(JsonNode) listed = NULL;
  g_autoptr(JsonNode) with_tests = NULL;
  g_autoptr(JsonNode) purged = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autofree char *real_order = NULL;
  g_autofree char *again = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (!keyring_available ())
    return;
  sandbox = add_setup (f);
  a = ok_out (f, NULL, ARGS ("channel", "test", "Wholesale Sales Channel"));
  b = ok_out (f, NULL, ARGS ("channel", "test", "Counter"));
  real_order = ok_out (f, NULL, ARGS ("order", "create", "--channel", "Nowhere", "--customer", "Acme Corp",
                                      "--line", "W-1:1"));
  /* the tests took numbers of their own: the real order is the first */
  g_assert_cmpstr (real_order, ==, "SO-000001\n");

  /* test documents are left out of the lists unless asked for */
  listed = run_json (f, "order", "list", NULL);
  g_assert_cmpuint (json_length (listed), ==, 1);
  g_assert_cmpstr (json_str (json_element (listed, 0), "number"), ==, "SO-000001");
  with_tests = run_json (f, "order", "list", "--include-test", NULL);
  g_assert_cmpuint (json_length (with_tests), ==, 3);
  g_assert_cmpuint (count_test_orders (with_tests), ==, 2);
  for (guint i = 0; i < json_length (with_tests); i++)
    {
      JsonNode *order = json_element (with_tests, i);
      const char *number = json_str (order, "number");

      if (json_node_get_boolean (json_member (order, "is_test")))
        g_assert_true (g_str_equal (number, "TEST-SO-000001") || g_str_equal (number, "TEST-SO-000002"));
    }

  /* the jobs of the tests say so, in the table and in JSON */
  {
    g_autofree char *table = ok_out (f, NULL, ARGS ("jobs", "list"));
    g_autoptr(JsonNode) jobs = run_json (f, "jobs", "list", NULL);
    guint n_test = 0;

    assert_contains (table, " TEST-SO-000001 (test) ");
    assert_contains (table, " TEST-INV-000001 (test) ");
    for (guint i = 0; i < json_length (jobs); i++)
      {
        JsonNode *job = json_element (jobs, i);
        gboolean is_test = json_node_get_boolean (json_member (job, "is_test"));

        g_assert_cmpint (is_test, ==, g_str_has_prefix (json_str (job, "document"), "TEST-"));
        n_test += is_test;
      }
    g_assert_cmpuint (n_test, >=, 2);
  }

  /* integrations in use cannot go, as an OMS nor as accounting */
  assert_refused (f, 1, "Integration “Sandbox ShipStation” is used by channel “",
                  ARGS ("integration", "delete", "Sandbox ShipStation"));
  assert_refused (f, 1, "Integration “Sandbox QuickBooks” is used by channel “",
                  ARGS ("integration", "delete", "Sandbox QuickBooks"));

  purged = run_json (f, "order", "purge-tests", NULL);
  assert_json (purged, "{ \"sales_orders\": 2, \"invoices\": 2 }");
  after = run_json (f, "order", "list", "--include-test", NULL);
  g_assert_cmpuint (json_length (after), ==, 1);
  g_assert_cmpstr (json_str (json_element (after, 0), "number"), ==, "SO-000001");
  {
    g_autoptr(JsonNode) invoices = run_json (f, "invoice", "list", "--include-test", NULL);
    g_assert_cmpuint (json_length (invoices), ==, 0);
  }
  again = ok_out (f, NULL, ARGS ("order", "purge-tests"));
  g_assert_cmpstr (again, ==, "Test sales orders deleted:  0\nTest invoices deleted:      0\n");

  /* after the purge: the next real order follows the last real one, and
   * a test never takes a test number again (the OMS may still hold it) */
  {
    g_autofree char *next = ok_out (f, NULL, ARGS ("order", "create", "--channel", "Nowhere", "--customer",
                                                   "Acme Corp", "--line", "W-1:1"));
    g_autofree char *test = ok_out (f, NULL, ARGS ("order", "create", "--channel", "Nowhere", "--customer",
                                                   "Acme Corp", "--line", "W-1:1", "--test"));

    g_assert_cmpstr (next, ==, "SO-000002\n");
    g_assert_cmpstr (test, ==, "TEST-SO-000003\n");
  }
  sandbox_stop (sandbox);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/cli/channel-test/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("wholesale", test_wholesale);
  ADD ("text-and-export", test_text_and_export);
  ADD ("invoice-first-3pl", test_invoice_first_3pl);
  ADD ("failures", test_failures);
  ADD ("real-account", test_real_account);
  ADD ("purge-and-delete", test_purge_and_delete);

#undef ADD

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * LumChannelTest run directly against the sandbox (on its own thread), on
 * each flow and timing: the steps it plans and how each one ends, the
 * causes of a failure named in words, the delay kept, another worker
 * taking the test's job, the exported reports, and a real account's
 * confirmation and cleanup. The command line and the window have their
 * own tests (tests/cli/test-lumenctl-channel-test.c,
 * tests/ui/test-channel-test.c); this one checks the core beneath them.
 */
#include <string.h>

#include "lum-test-sandbox.h"
#include "lum-secrets.h"
#include "lum-util.h"
#include "sync/lum-channel-test.h"
#include "sync/lum-push-worker.h"
#include "sync/lum-sync-service.h"
#include "lum-engine-setup.h"

/* The tests run with TZ at +05:30 (see main): the test clock starts at
 * 2027-01-01T00:00:00Z, so a push after 15 minutes is due at 05:45 there. */
#define TEST_TZ        "IST-5:30"
#define DUE_IN_15_MIN  "Jan 1, 2027, 05:45"
#define RUN_TIMEOUT_S  60

typedef LumTestWorld Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  if (!lum_test_keyring_available ())
    return;
  lum_test_world_init (f);
  f->quickbooks = lum_test_world_add_integration (f, LUM_INTEGRATION_KIND_QUICKBOOKS, "Sandbox QuickBooks", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  lum_test_world_clear (f);
}

/* -- helpers ------------------------------------------------------------------ */

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (haystack == NULL || strstr (haystack, needle) == NULL)
    g_error ("“%s” not in: %s", needle, haystack);
}

static void
assert_lacks (const char *haystack,
              const char *needle)
{
  if (haystack != NULL && strstr (haystack, needle) != NULL)
    g_error ("“%s” should not be in: %s", needle, haystack);
}

typedef struct
{
  gboolean  done;
  gboolean  returned;
  GError   *error;
} Outcome;

static void
on_run_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->returned = lum_channel_test_run_finish (LUM_CHANNEL_TEST (source), result, &outcome->error);
  outcome->done = TRUE;
}

/* Runs @test to its end on the main loop; the error of run_finish, if any,
 * goes to @error. */
static gboolean
run_to_end (LumChannelTest  *test,
            GError         **error)
{
  Outcome outcome = { 0, };
  gint64 deadline = g_get_monotonic_time () + RUN_TIMEOUT_S * G_USEC_PER_SEC;

  lum_channel_test_run_async (test, NULL, on_run_cb, &outcome);
  while (!outcome.done)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("the channel test did not end within %d s", RUN_TIMEOUT_S);
      g_main_context_iteration (NULL, TRUE);
    }
  if (outcome.error != NULL)
    g_propagate_error (error, outcome.error);
  return outcome.returned;
}

/* A new test of @channel, run to its end. */
static LumChannelTest *
run_channel_test (Fixture    *f,
                  LumChannel *channel,
                  gboolean    skip_delay)
{
  g_autoptr(GError) error = NULL;
  LumChannelTest *test = lum_channel_test_new (f->service, channel);

  g_assert_false (lum_channel_test_needs_confirmation (test));
  lum_channel_test_set_skip_delay (test, skip_delay);
  g_assert_true (run_to_end (test, &error));
  g_assert_no_error (error);
  return test;
}

/* Each step's @field, space-separated. */
static char *
steps_text (LumChannelTest  *test,
            LumTestStepText  field)
{
  GListModel *steps = lum_channel_test_get_steps (test);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    {
      g_autoptr(LumTestStep) step = g_list_model_get_item (steps, i);
      g_string_append_printf (text, "%s%s", i > 0 ? " " : "", lum_test_step_get_text (step, field));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
assert_steps (LumChannelTest *test,
              const char     *names,
              const char     *states)
{
  g_autofree char *got_names = steps_text (test, LUM_TEST_STEP_NAME);
  g_autofree char *got_states = steps_text (test, LUM_TEST_STEP_STATE);

  g_assert_cmpstr (got_names, ==, names);
  g_assert_cmpstr (got_states, ==, states);
}

/* The step named @name (owned by the test). */
static LumTestStep *
step_named (LumChannelTest *test,
            const char     *name)
{
  GListModel *steps = lum_channel_test_get_steps (test);

  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    {
      g_autoptr(LumTestStep) step = g_list_model_get_item (steps, i);

      if (g_str_equal (lum_test_step_get_name (step), name))
        return step;
    }
  g_error ("no step “%s”", name);
}

static const char *
detail (LumChannelTest *test,
        const char     *name)
{
  return lum_test_step_get_text (step_named (test, name), LUM_TEST_STEP_DETAIL);
}

static const char *
step_at (LumChannelTest *test,
         const char     *name)
{
  return lum_test_step_get_text (step_named (test, name), LUM_TEST_STEP_AT);
}

static LumDocument *
find_document (Fixture         *f,
               LumDocumentKind  kind,
               const char      *number)
{
  g_autoptr(GError) error = NULL;
  LumDocument *doc = lum_engine_find_document (f->engine, kind, number, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

/* The pushed step's request body, parsed. */
static JsonObject *
request_body (LumChannelTest *test,
              JsonNode      **keep)
{
  const char *request = lum_test_step_get_text (step_named (test, "pushed"), LUM_TEST_STEP_REQUEST);

  g_assert_false (lum_str_empty (request));
  *keep = parse_json (request);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (*keep));
  return json_node_get_object (*keep);
}

static const char *
member_string (JsonObject *object,
               const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);

  for (guint i = 0; parts[i + 1] != NULL; i++)
    {
      g_assert_true (json_object_has_member (object, parts[i]));
      object = json_object_get_object_member (object, parts[i]);
    }
  return json_object_get_string_member_with_default (object, parts[g_strv_length (parts) - 1], NULL);
}

static LumChannel *
save_channel (Fixture    *f,
              LumChannel *channel)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lum_engine_save_channel (f->engine, channel, &error));
  g_assert_no_error (error);
  return channel;
}

/* The pushed step says what the OMS answered and what was sent: the remote
 * id is the order's, the body is the order's (its orderKey) with @status. */
static JsonNode *
assert_pushed (Fixture        *f,
               LumChannelTest *test,
               LumDocument    *order,
               const char     *integration,
               const char     *store,
               const char     *status)
{
  g_autoptr(LumDocument) after = lum_test_world_reload (f, order);
  g_autofree char *expected = NULL;
  JsonNode *keep = NULL;
  JsonObject *body;

  g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_PUSH_STATUS), ==, "pushed");
  g_assert_false (lum_str_empty (lum_document_get_text (after, LUM_DOC_REMOTE_ID)));
  expected = g_strdup_printf ("Pushed to %s, store %s: remote id %s", integration, store,
                              lum_document_get_text (after, LUM_DOC_REMOTE_ID));
  g_assert_cmpstr (detail (test, "pushed"), ==, expected);

  body = request_body (test, &keep);
  if (g_str_equal (integration, "Sandbox ShipStation"))
    {
      g_assert_cmpstr (json_object_get_string_member (body, "orderKey"), ==,
                       lum_document_get_text (order, LUM_DOC_UUID));
      g_assert_cmpstr (json_object_get_string_member (body, "orderNumber"), ==, lum_document_get_number (order));
      g_assert_cmpstr (json_object_get_string_member (body, "orderStatus"), ==, status);
    }
  return keep;
}

/* -- 1. so-first, invoice with the order ------------------------------------------- */

static void
test_invoice_with_order (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumChannelTest) test = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumDocument) invoice = NULL;
  g_autoptr(JsonNode) keep = NULL;
  g_autofree char *expected = NULL;
  g_auto(GStrv) invoices = NULL;
  JsonObject *body, *remote, *books;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (f, "Wholesale", f->shipstation, "1001", 15, LUM_INVOICE_TIMING_SO_CREATED,
                                    f->quickbooks);
  lum_channel_add_mapping (channel, "shipping_notes", "advancedOptions.customField1");
  lum_channel_add_mapping (channel, "po_number", "advancedOptions.customField2");
  save_channel (f, channel);

  test = run_channel_test (f, channel, TRUE);
  assert_steps (test, "document invoice push-scheduled pushed shipment tracking accounting cleanup",
                "ok ok ok ok ok ok ok skipped");
  g_assert_true (lum_channel_test_get_ok (test));
  g_assert_cmpstr (lum_channel_test_get_document_number (test), ==, "TEST-SO-000001");

  g_assert_cmpstr (detail (test, "document"), ==,
                   "Test sales order TEST-SO-000001 created and posted for Lumen Test Customer: 2 × SKU-A");
  g_assert_cmpstr (detail (test, "invoice"), ==, "Invoice TEST-INV-000001 created with the sales order");
  g_assert_cmpstr (detail (test, "push-scheduled"), ==,
                   "Push to Sandbox ShipStation, store 1001, scheduled for " DUE_IN_15_MIN
                   "; the delay is skipped for this test");

  /* both documents are the test's, flagged as such */
  order = find_document (f, LUM_DOCUMENT_KIND_SALES_ORDER, "TEST-SO-000001");
  invoices = lum_engine_list_order_invoices (f->engine, lum_document_get_id (order), NULL);
  g_assert_cmpuint (g_strv_length (invoices), ==, 1);
  invoice = find_document (f, LUM_DOCUMENT_KIND_INVOICE, invoices[0]);
  g_assert_true (lum_document_get_is_test (order));
  g_assert_true (lum_document_get_is_test (invoice));
  g_assert_cmpstr (lum_document_get_text (order, LUM_DOC_CUSTOMER_NAME), ==, LUM_TEST_CUSTOMER_NAME);

  /* what was sent: the order's key, a test order held, the mapped fields */
  keep = assert_pushed (f, test, order, "Sandbox ShipStation", "1001", "on_hold");
  body = json_node_get_object (keep);
  g_assert_cmpstr (member_string (body, "advancedOptions.customField1"), ==, "Lumen channel test");
  g_assert_cmpstr (member_string (body, "advancedOptions.customField2"), ==, "TEST-PO");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (body, "advancedOptions"), "storeId"),
                   ==, 1001);
  g_assert_cmpstr (lum_test_step_get_text (step_named (test, "pushed"), LUM_TEST_STEP_MAPPED), ==,
                   "advancedOptions.customField1 = \"Lumen channel test\" (shipping_notes)\n"
                   "advancedOptions.customField2 = \"TEST-PO\" (po_number)");
  /* only the push carries a request */
  g_assert_cmpstr (lum_test_step_get_text (step_named (test, "document"), LUM_TEST_STEP_REQUEST), ==, "");

  /* the sandbox holds what the step says, once */
  g_assert_cmpuint (lum_sandbox_count_requests (f->sandbox, "shipstation", "POST", "/orders/createorder"), ==, 1);
  remote = lum_test_world_remote_order (f, "shipstation", "orderNumber", "TEST-SO-000001");
  g_assert_nonnull (remote);
  g_assert_cmpstr (json_object_get_string_member (remote, "orderKey"), ==, lum_document_get_text (order, LUM_DOC_UUID));
  g_assert_cmpstr (member_string (remote, "advancedOptions.customField1"), ==, "Lumen channel test");

  g_assert_cmpstr (detail (test, "shipment"), ==, "The sandbox shipped TEST-SO-000001 with UPS, tracking 1ZLUMENTEST000001");
  g_assert_cmpstr (detail (test, "tracking"), ==,
                   "Tracking 1ZLUMENTEST000001 received from Sandbox ShipStation; the order is fulfilled");
  {
    g_autoptr(LumDocument) shipped = lum_test_world_reload (f, order);
    g_assert_cmpstr (lum_document_get_text (shipped, LUM_DOC_FULFILLMENT_STATUS), ==, "fulfilled");
  }

  /* the invoice's QuickBooks id, as QuickBooks holds it */
  {
    g_autoptr(LumDocument) pushed = lum_test_world_reload (f, invoice);

    g_assert_cmpstr (lum_document_get_text (pushed, LUM_DOC_ACCOUNTING_STATUS), ==, "pushed");
    books = lum_test_world_remote_order (f, "quickbooks", "DocNumber", "TEST-INV-000001");
    g_assert_nonnull (books);
    g_assert_cmpstr (json_object_get_string_member (books, "Id"), ==,
                     lum_document_get_text (pushed, LUM_DOC_ACCOUNTING_ID));
    expected = g_strdup_printf ("Pushed to Sandbox QuickBooks: invoice TEST-INV-000001 is QuickBooks invoice %s",
                                lum_document_get_text (pushed, LUM_DOC_ACCOUNTING_ID));
    g_assert_cmpstr (detail (test, "accounting"), ==, expected);
  }
  g_assert_cmpstr (detail (test, "cleanup"), ==, "Sandbox orders need no cleanup");

  /* a test runs once */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (run_to_end (test, &error));
    g_assert_error (error, LUM_CHANNEL_TEST_ERROR, LUM_CHANNEL_TEST_ERROR_RUNNING);
  }

  /* the test took no real number: the first real order and its invoice
   * are number 1, no gap for the bookkeeper */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LumDocument) real = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);
    g_autoptr(LumDocLine) line = lum_doc_line_new ("SKU-A", 1, -1);
    g_auto(GStrv) real_invoices = NULL;

    lum_document_set_int (real, LUM_DOC_CHANNEL_ID, lum_channel_get_id (channel));
    lum_document_set_int (real, LUM_DOC_CUSTOMER_ID, lum_document_get_int (order, LUM_DOC_CUSTOMER_ID));
    lum_document_add_line (real, line);
    g_assert_true (lum_engine_create_and_post_document (f->engine, real, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (lum_document_get_number (real), ==, "SO-000001");
    real_invoices = lum_engine_list_order_invoices (f->engine, lum_document_get_id (real), NULL);
    g_assert_cmpstr (real_invoices[0], ==, "INV-000001");
  }
}

/* -- 2. so-first, invoice on shipment (the design's channel) -------------------------- */

static void
test_invoice_on_shipment (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumChannelTest) test = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumDocument) invoice = NULL;
  g_autoptr(JsonNode) keep = NULL;
  g_autofree char *expected = NULL;
  g_auto(GStrv) invoices = NULL;
  JsonObject *body, *remote;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (f, "Wholesale Sales Channel", f->shipstation, "1001", 15,
                                    LUM_INVOICE_TIMING_SHIPMENT_CREATED, f->quickbooks);
  lum_channel_set_oms_store_name (channel, "Wholesale");
  lum_channel_add_mapping (channel, "shipping_notes", "shippingNotes");
  lum_channel_add_mapping (channel, "shipping_type", "routingInfo.mode");
  save_channel (f, channel);

  test = run_channel_test (f, channel, TRUE);
  assert_steps (test, "document invoice push-scheduled pushed shipment tracking invoice-on-shipment accounting cleanup",
                "ok ok ok ok ok ok ok ok skipped");
  g_assert_true (lum_channel_test_get_ok (test));

  g_assert_cmpstr (detail (test, "invoice"), ==,
                   "No invoice yet, as configured: it is created when a shipment is recorded");
  /* the store by its name where the channel knows it */
  g_assert_cmpstr (detail (test, "push-scheduled"), ==,
                   "Push to Sandbox ShipStation, store Wholesale, scheduled for " DUE_IN_15_MIN
                   "; the delay is skipped for this test");

  order = find_document (f, LUM_DOCUMENT_KIND_SALES_ORDER, "TEST-SO-000001");
  keep = assert_pushed (f, test, order, "Sandbox ShipStation", "1001", "on_hold");
  body = json_node_get_object (keep);
  g_assert_cmpstr (member_string (body, "shippingNotes"), ==, "Lumen channel test");
  g_assert_cmpstr (member_string (body, "routingInfo.mode"), ==, "Ground");
  g_assert_cmpstr (lum_test_step_get_text (step_named (test, "pushed"), LUM_TEST_STEP_MAPPED), ==,
                   "shippingNotes = \"Lumen channel test\" (shipping_notes)\n"
                   "routingInfo.mode = \"Ground\" (shipping_type)");
  remote = lum_test_world_remote_order (f, "shipstation", "orderNumber", "TEST-SO-000001");
  g_assert_cmpstr (member_string (remote, "shippingNotes"), ==, "Lumen channel test");
  g_assert_cmpstr (member_string (remote, "routingInfo.mode"), ==, "Ground");

  /* the invoice came with the shipment, and went to QuickBooks */
  invoices = lum_engine_list_order_invoices (f->engine, lum_document_get_id (order), NULL);
  g_assert_cmpuint (g_strv_length (invoices), ==, 1);
  g_assert_cmpstr (invoices[0], ==, "TEST-INV-000001");
  g_assert_cmpstr (detail (test, "invoice-on-shipment"), ==, "Invoice TEST-INV-000001 created for the shipped quantities");
  invoice = find_document (f, LUM_DOCUMENT_KIND_INVOICE, "TEST-INV-000001");
  g_assert_true (lum_document_get_is_test (invoice));
  g_assert_false (lum_str_empty (lum_document_get_text (invoice, LUM_DOC_ACCOUNTING_ID)));
  expected = g_strdup_printf ("Pushed to Sandbox QuickBooks: invoice TEST-INV-000001 is QuickBooks invoice %s",
                              lum_document_get_text (invoice, LUM_DOC_ACCOUNTING_ID));
  g_assert_cmpstr (detail (test, "accounting"), ==, expected);
  g_assert_nonnull (lum_test_world_remote_order (f, "quickbooks", "DocNumber", "TEST-INV-000001"));
}

/* -- 3. invoice-first, Extensiv ----------------------------------------------------- */

static void
test_invoice_first_extensiv (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumChannelTest) test = NULL;
  g_autoptr(LumDocument) invoice = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumDocument) shipped = NULL;
  g_autoptr(JsonNode) keep = NULL;
  g_autofree char *expected = NULL;
  JsonObject *remote;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (f, "Counter", f->extensiv, "1:1", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SO_CREATED, f->quickbooks);
  /* the invoice comes first: the channel has no invoice timing then */
  lum_channel_set_order_flow (channel, LUM_ORDER_FLOW_INVOICE_FIRST);
  save_channel (f, channel);
  g_assert_cmpint (lum_channel_get_invoice_timing (channel), ==, LUM_INVOICE_TIMING_NONE);

  test = run_channel_test (f, channel, TRUE);
  assert_steps (test, "document sales-order push-scheduled pushed shipment tracking accounting cleanup",
                "ok ok ok ok ok ok ok skipped");
  g_assert_true (lum_channel_test_get_ok (test));
  g_assert_cmpstr (lum_channel_test_get_document_number (test), ==, "TEST-INV-000001");

  g_assert_cmpstr (detail (test, "document"), ==,
                   "Test invoice TEST-INV-000001 created and posted for Lumen Test Customer: 2 × SKU-A");
  g_assert_cmpstr (detail (test, "sales-order"), ==, "Sales order TEST-SO-000001 generated from invoice TEST-INV-000001 and posted");
  /* at once: due now, nothing to skip */
  g_assert_cmpstr (detail (test, "push-scheduled"), ==,
                   "Push to Sandbox 3PL, store 1:1, scheduled for Jan 1, 2027, 05:30");

  invoice = find_document (f, LUM_DOCUMENT_KIND_INVOICE, "TEST-INV-000001");
  order = find_document (f, LUM_DOCUMENT_KIND_SALES_ORDER, "TEST-SO-000001");
  g_assert_true (lum_document_get_is_test (invoice));
  g_assert_true (lum_document_get_is_test (order));
  g_assert_cmpint (lum_document_get_int (invoice, LUM_DOC_LINKED_ID), ==, lum_document_get_id (order));

  keep = assert_pushed (f, test, order, "Sandbox 3PL", "1:1", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (keep), "referenceNum"), ==, "TEST-SO-000001");
  remote = lum_test_world_remote_order (f, "extensiv", "referenceNum", "TEST-SO-000001");
  g_assert_nonnull (remote);
  g_assert_cmpuint (lum_test_world_count_remote (f, "extensiv", "orders"), ==, 1);

  /* closed at the 3PL, its tracking back in Lumen */
  g_assert_cmpstr (detail (test, "shipment"), ==, "The sandbox shipped TEST-SO-000001 with UPS, tracking 1ZLUMENTEST000001");
  g_assert_cmpstr (detail (test, "tracking"), ==,
                   "Tracking 1ZLUMENTEST000001 received from Sandbox 3PL; the order is fulfilled");
  shipped = lum_test_world_reload (f, order);
  g_assert_cmpstr (lum_document_get_text (shipped, LUM_DOC_FULFILLMENT_STATUS), ==, "fulfilled");

  g_clear_object (&invoice);
  invoice = find_document (f, LUM_DOCUMENT_KIND_INVOICE, "TEST-INV-000001");
  expected = g_strdup_printf ("Pushed to Sandbox QuickBooks: invoice TEST-INV-000001 is QuickBooks invoice %s",
                              lum_document_get_text (invoice, LUM_DOC_ACCOUNTING_ID));
  g_assert_cmpstr (detail (test, "accounting"), ==, expected);
}

/* -- 4. push off, and shipments by hand ----------------------------------------------- */

static void
test_push_off (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumChannelTest) test = NULL;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (f, "Counter Sales", NULL, NULL, 0, LUM_INVOICE_TIMING_SO_CREATED, f->quickbooks);

  test = run_channel_test (f, channel, TRUE);
  assert_steps (test, "document invoice push-scheduled pushed shipment tracking accounting cleanup",
                "ok ok skipped skipped skipped skipped ok skipped");
  g_assert_true (lum_channel_test_get_ok (test));
  for (guint i = 0; i < 4; i++)
    {
      const char *names[] = { "push-scheduled", "pushed", "shipment", "tracking" };

      g_assert_cmpstr (detail (test, names[i]), ==, "Push Sales Orders to OMS is off");
      /* skipped from the start: never run, no time */
      g_assert_cmpstr (step_at (test, names[i]), ==, "");
    }
  g_assert_cmpstr (detail (test, "cleanup"), ==, "Push Sales Orders to OMS is off");
  assert_contains (detail (test, "accounting"), "Pushed to Sandbox QuickBooks: invoice TEST-INV-000001 is QuickBooks invoice ");
  g_assert_cmpuint (lum_sandbox_count_requests (f->sandbox, "shipstation", NULL, NULL), ==, 0);
  g_assert_cmpuint (lum_sandbox_count_requests (f->sandbox, "extensiv", NULL, NULL), ==, 0);
}

/* Pushed, but shipments are recorded by hand: nothing to simulate, no
 * invoice on shipment, so no invoice for QuickBooks either. */
static void
test_fulfillment_updates_off (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumChannelTest) test = NULL;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (f, "By Hand", f->shipstation, "1001", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SHIPMENT_CREATED, f->quickbooks);
  lum_channel_set_push_fulfillment_updates (channel, FALSE);
  save_channel (f, channel);

  test = run_channel_test (f, channel, TRUE);
  assert_steps (test, "document invoice push-scheduled pushed shipment tracking invoice-on-shipment accounting cleanup",
                "ok ok ok ok skipped skipped skipped skipped skipped");
  g_assert_true (lum_channel_test_get_ok (test));
  g_assert_cmpstr (detail (test, "shipment"), ==,
                   "Automatically Push Fulfillment Updates is off: shipments are recorded by hand");
  g_assert_cmpstr (detail (test, "tracking"), ==,
                   "Automatically Push Fulfillment Updates is off: shipments are recorded by hand");
  g_assert_cmpstr (detail (test, "invoice-on-shipment"), ==, "No shipment in this test, so no invoice on shipment");
  /* known only when it ran: with its time */
  g_assert_cmpstr (detail (test, "accounting"), ==, "No invoice to push: none was created in this test");
  g_assert_true (g_str_has_suffix (step_at (test, "accounting"), "Z"));
  g_assert_cmpuint (lum_test_world_count_remote (f, "shipstation", "shipments"), ==, 0);
}

/* -- 5. the delay kept -------------------------------------------------------------- */

static void
test_keep_delay (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumChannelTest) test = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumJob) job = NULL;
  const char *scheduled;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (f, "Later", f->shipstation, "1001", 15, LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);

  test = run_channel_test (f, channel, FALSE);
  assert_steps (test, "document invoice push-scheduled pushed shipment tracking invoice-on-shipment accounting cleanup",
                "ok ok ok pending pending pending pending skipped skipped");
  /* unfinished is not passed */
  g_assert_false (lum_channel_test_get_ok (test));

  /* when, in local time: not the stored UTC text */
  scheduled = detail (test, "push-scheduled");
  g_assert_cmpstr (scheduled, ==,
                   "Push to Sandbox ShipStation, store 1001, scheduled for " DUE_IN_15_MIN
                   "; the test stops here until then");
  assert_lacks (scheduled, "2027-01-01T");
  assert_lacks (scheduled, "00:15");
  for (guint i = 0; i < 4; i++)
    {
      const char *names[] = { "pushed", "shipment", "tracking", "invoice-on-shipment" };

      g_assert_cmpstr (detail (test, names[i]), ==, "");
      g_assert_cmpstr (step_at (test, names[i]), ==, "");
    }
  g_assert_cmpstr (detail (test, "accounting"), ==, "No accounting integration");

  /* the push waits for its time, as any order's would */
  g_assert_cmpuint (lum_sandbox_count_requests (f->sandbox, "shipstation", "POST", "/orders"), ==, 0);
  order = find_document (f, LUM_DOCUMENT_KIND_SALES_ORDER, "TEST-SO-000001");
  job = lum_test_world_last_job (f, order);
  g_assert_cmpint (lum_job_get_state (job), ==, LUM_JOB_STATE_SCHEDULED);
  g_assert_cmpstr (lum_job_get_text (job, LUM_JOB_DUE_AT), ==, "2027-01-01T00:15:00Z");
}

/* -- 6. what fails, and why ------------------------------------------------------------ */

static void
assert_failed_at_push (LumChannelTest *test)
{
  assert_steps (test, "document invoice push-scheduled pushed shipment tracking accounting cleanup",
                "ok ok ok failed skipped skipped skipped skipped");
  g_assert_false (lum_channel_test_get_ok (test));
  g_assert_true (g_str_has_suffix (step_at (test, "pushed"), "Z"));
  /* what depended on the push did not run; what never applied says why */
  g_assert_cmpstr (detail (test, "shipment"), ==, "Not run: an earlier step failed");
  g_assert_cmpstr (detail (test, "tracking"), ==, "Not run: an earlier step failed");
  g_assert_cmpstr (detail (test, "accounting"), ==, "No accounting integration");
  g_assert_cmpstr (detail (test, "cleanup"), ==, "Sandbox orders need no cleanup");
  g_assert_cmpstr (lum_test_step_get_text (step_named (test, "pushed"), LUM_TEST_STEP_REQUEST), ==, "");
}

static void
test_unknown_store (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumChannelTest) test = NULL;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (f, "Nowhere", f->shipstation, "4040", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SO_CREATED, NULL);

  test = run_channel_test (f, channel, TRUE);
  assert_failed_at_push (test);
  g_assert_cmpstr (detail (test, "pushed"), ==,
                   "Sandbox ShipStation: Sandbox ShipStation refused the request (HTTP 400): An error has occurred. "
                   "The store with storeId 4040 was not found.");
  g_assert_cmpuint (lum_test_world_count_remote (f, "shipstation", "orders"), ==, 0);
}

/* A mapping onto a field ShipStation knows, with a value of the wrong type:
 * the OMS refuses the order in its own words. */
static void
test_rejected_mapping (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumChannelTest) test = NULL;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (f, "Mistyped", f->shipstation, "1001", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SO_CREATED, NULL);
  lum_channel_add_mapping (channel, "po_number", "advancedOptions.warehouseId");
  save_channel (f, channel);

  test = run_channel_test (f, channel, TRUE);
  assert_failed_at_push (test);
  assert_contains (detail (test, "pushed"), "Sandbox ShipStation: Sandbox ShipStation refused the request (HTTP 400): "
                                            "The request is invalid.");
  g_assert_cmpuint (lum_test_world_count_remote (f, "shipstation", "orders"), ==, 0);
  /* ShipStation says which field and why in its ModelState */
  assert_contains (detail (test, "pushed"),
                   "The request is invalid. Error converting value for 'warehouseId': an integer was expected.");
}

/* The 3PL refuses a mapping that puts text where it wants an object. */
static void
test_rejected_mapping_extensiv (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumChannelTest) test = NULL;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (f, "Routed", f->extensiv, "1:1", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SO_CREATED, NULL);
  lum_channel_add_mapping (channel, "shipping_type", "routingInfo");
  save_channel (f, channel);

  test = run_channel_test (f, channel, TRUE);
  assert_failed_at_push (test);
  assert_contains (detail (test, "pushed"), "Sandbox 3PL: Sandbox 3PL refused the request (HTTP 400): ");
  assert_contains (detail (test, "pushed"), "routingInfo must be made of strings");
  g_assert_cmpuint (lum_test_world_count_remote (f, "extensiv", "orders"), ==, 0);
}

static void
test_wrong_credentials (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(LumIntegration) wrong = NULL;
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumChannelTest) test = NULL;
  g_autofree char *json = NULL;
  g_autofree char *md = NULL;

  SKIP_WITHOUT_KEYRING ();
  wrong = lum_test_world_add_integration (f, LUM_INTEGRATION_KIND_SHIPSTATION, "Wrong Key", "not-the-secret-5e1a");
  channel = lum_test_world_channel (f, "Refused", wrong, "1001", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SO_CREATED, NULL);

  test = run_channel_test (f, channel, TRUE);
  assert_failed_at_push (test);
  g_assert_cmpstr (detail (test, "pushed"), ==,
                   "Wrong Key: Wrong Key refused the API key and secret; check them in Integrations");

  /* the secret is nowhere in the report */
  {
    g_autoptr(JsonNode) node = lum_channel_test_to_json (test, TRUE);
    json = json_to_string (node, FALSE);
  }
  md = lum_channel_test_to_markdown (test);
  assert_lacks (json, "not-the-secret-5e1a");
  assert_lacks (md, "not-the-secret-5e1a");
  g_assert_cmpuint (lum_test_world_count_remote (f, "shipstation", "orders"), ==, 0);
}

/* -- 7. another worker takes the test's job ---------------------------------------------- */

typedef struct
{
  LumPushWorker *other;
  gboolean       started;
} Race;

/* The other process's worker wakes just as the test is about to send: it
 * claims the job first. */
static void
on_pushed_state_cb (LumTestStep *step,
                    GParamSpec  *pspec,
                    Race        *race)
{
  if (!race->started && g_str_equal (lum_test_step_get_state (step), LUM_TEST_STEP_RUNNING))
    {
      race->started = TRUE;
      lum_push_worker_start (race->other);
    }
}

static void
on_other_sent_cb (LumPushWorker *worker,
                  LumJob        *job,
                  JsonNode      *payload,
                  guint         *n_sent)
{
  (*n_sent)++;
}

static gint64
test_clock (gpointer user_data)
{
  return ((LumTestClock *)user_data)->now;
}

static void
test_other_worker_sends (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumChannelTest) test = NULL;
  g_autoptr(LumEngine) second = NULL;
  g_autoptr(LumSyncService) second_service = NULL;
  g_autoptr(LumPushWorker) other = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumJob) job = NULL;
  g_autoptr(JsonNode) keep = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *body;
  Race race = { 0, };
  guint other_sent = 0;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (f, "Now", f->shipstation, "1001", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SO_CREATED, NULL);
  lum_channel_add_mapping (channel, "shipping_notes", "advancedOptions.customField1");
  save_channel (f, channel);

  /* a second process on the same database (the window, `lumenctl sync
   * --watch`), with its own push worker */
  second = lum_engine_new (f->db_path, &error);
  g_assert_no_error (error);
  lum_engine_set_clock (second, test_clock, &f->clock, NULL);
  second_service = lum_sync_service_new (second);
  other = lum_push_worker_new (second_service);
  g_signal_connect (other, "job-sending", G_CALLBACK (on_other_sent_cb), &other_sent);
  race.other = other;

  test = lum_channel_test_new (f->service, channel);
  g_signal_connect (step_named (test, "pushed"), "notify::state", G_CALLBACK (on_pushed_state_cb), &race);
  g_assert_true (run_to_end (test, &error));
  g_assert_no_error (error);
  lum_push_worker_stop (other);
  g_assert_true (race.started);

  /* the test took the other worker's outcome, and went on */
  g_assert_cmpstr (detail (test, "pushed"), !=, "Sandbox ShipStation: the job was not sent");
  assert_steps (test, "document invoice push-scheduled pushed shipment tracking accounting cleanup",
                "ok ok ok ok ok ok skipped skipped");
  g_assert_true (lum_channel_test_get_ok (test));

  /* the other worker sent it, once */
  g_assert_cmpuint (other_sent, ==, 1);
  g_assert_cmpuint (lum_sandbox_count_requests (f->sandbox, "shipstation", "POST", "/orders/createorder"), ==, 1);
  order = find_document (f, LUM_DOCUMENT_KIND_SALES_ORDER, "TEST-SO-000001");
  job = lum_test_world_last_job (f, order);
  g_assert_cmpint (lum_job_get_state (job), ==, LUM_JOB_STATE_DONE);
  g_assert_cmpint (lum_job_get_int (job, LUM_JOB_ATTEMPTS), ==, 1);

  /* the body it shows is built again, the same as the one sent */
  keep = assert_pushed (f, test, order, "Sandbox ShipStation", "1001", "on_hold");
  body = json_node_get_object (keep);
  g_assert_cmpstr (member_string (body, "advancedOptions.customField1"), ==, "Lumen channel test");
  g_assert_cmpstr (lum_test_step_get_text (step_named (test, "pushed"), LUM_TEST_STEP_MAPPED), ==,
                   "advancedOptions.customField1 = \"Lumen channel test\" (shipping_notes)");
  {
    JsonObject *remote = lum_test_world_remote_order (f, "shipstation", "orderNumber", "TEST-SO-000001");

    g_assert_nonnull (remote);
    g_assert_cmpstr (json_object_get_string_member (remote, "orderKey"), ==,
                     json_object_get_string_member (body, "orderKey"));
    g_assert_cmpstr (member_string (remote, "advancedOptions.customField1"), ==, "Lumen channel test");
  }
}

/* -- 8. the reports -------------------------------------------------------------------- */

static void
test_reports (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumChannelTest) test = NULL;
  g_autoptr(JsonNode) brief = NULL;
  g_autoptr(JsonNode) full = NULL;
  g_autoptr(JsonNode) request = NULL;
  g_autofree char *md = NULL;
  g_autofree char *cleanup_row = NULL;
  g_autofree char *accounting_row = NULL;
  g_auto(GStrv) lines = NULL;
  JsonObject *root;
  JsonArray *steps;
  GListModel *model;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (f, "Report | Channel", f->shipstation, "1001", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SO_CREATED, NULL);
  lum_channel_set_oms_store_name (channel, "Main | East");
  lum_channel_add_mapping (channel, "po_number", "advancedOptions.customField2");
  save_channel (f, channel);
  test = run_channel_test (f, channel, TRUE);
  model = lum_channel_test_get_steps (test);
  assert_steps (test, "document invoice push-scheduled pushed shipment tracking accounting cleanup",
                "ok ok ok ok ok ok skipped skipped");

  /* JSON: the channel, ok, and four members a step; a step that never ran
   * has no time */
  brief = lum_channel_test_to_json (test, FALSE);
  root = json_node_get_object (brief);
  g_assert_cmpuint (json_object_get_size (root), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (root, "channel"), ==, "Report | Channel");
  g_assert_true (json_object_get_boolean_member (root, "ok"));
  steps = json_object_get_array_member (root, "steps");
  g_assert_cmpuint (json_array_get_length (steps), ==, g_list_model_get_n_items (model));
  for (guint i = 0; i < json_array_get_length (steps); i++)
    {
      JsonObject *step = json_array_get_object_element (steps, i);
      g_autoptr(LumTestStep) expected = g_list_model_get_item (model, i);
      const char *state = json_object_get_string_member (step, "state");

      g_assert_cmpuint (json_object_get_size (step), ==, 4);
      g_assert_cmpstr (json_object_get_string_member (step, "name"), ==, lum_test_step_get_name (expected));
      g_assert_cmpstr (state, ==, lum_test_step_get_state (expected));
      g_assert_cmpstr (json_object_get_string_member (step, "detail"), ==,
                       lum_test_step_get_text (expected, LUM_TEST_STEP_DETAIL));
      if (g_str_equal (state, "ok"))
        g_assert_cmpstr (json_object_get_string_member (step, "at"), ==, "2027-01-01T00:00:00Z");
      else
        g_assert_true (json_object_get_null_member (step, "at"));
    }

  /* the full report adds the title, the request and the mapped fields */
  full = lum_channel_test_to_json (test, TRUE);
  steps = json_object_get_array_member (json_node_get_object (full), "steps");
  {
    JsonObject *document = json_array_get_object_element (steps, 0);
    JsonObject *pushed = json_array_get_object_element (steps, 3);

    g_assert_cmpuint (json_object_get_size (pushed), ==, 7);
    g_assert_cmpstr (json_object_get_string_member (pushed, "title"), ==, "Pushed to the OMS");
    g_assert_cmpstr (json_object_get_string_member (pushed, "mapped"), ==,
                     "advancedOptions.customField2 = \"TEST-PO\" (po_number)");
    request = parse_json (json_object_get_string_member (pushed, "request"));
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (request), "orderNumber"), ==, "TEST-SO-000001");
    g_assert_true (json_object_get_null_member (document, "request"));
    g_assert_true (json_object_get_null_member (document, "mapped"));
  }

  /* Markdown: a table of the steps; a step that never ran has an empty
   * "At" cell; a "|" in a detail does not split its cell */
  md = lum_channel_test_to_markdown (test);
  assert_lacks (md, "(null)");
  g_assert_true (g_str_has_prefix (md, "# Report | Channel\n\nEvery step that applies passed.\n\n"
                                       "| Step | State | Detail | At |\n|---|---|---|---|\n"
                                       "| Test sales order | ok | Test sales order TEST-SO-000001 created and posted for "
                                       "Lumen Test Customer: 2 × SKU-A | 2027-01-01T00:00:00Z |\n"));
  accounting_row = g_strdup ("| Invoice in QuickBooks | skipped | No accounting integration |  |");
  cleanup_row = g_strdup ("| Cleanup | skipped | Sandbox orders need no cleanup |  |");
  lines = g_strsplit (md, "\n", -1);
  g_assert_true (g_strv_contains ((const char * const *)lines, accounting_row));
  g_assert_true (g_strv_contains ((const char * const *)lines, cleanup_row));
  assert_contains (md, "\n| Push scheduled | ok | Push to Sandbox ShipStation, store Main   East, scheduled for "
                       "Jan 1, 2027, 05:30 | 2027-01-01T00:00:00Z |\n");
  assert_contains (md, "\n## Mapped fields\n\n```\nadvancedOptions.customField2 = \"TEST-PO\" (po_number)\n```\n");
  assert_contains (md, "\n## Request sent\n\n```json\n{\n  \"orderNumber\" : \"TEST-SO-000001\",\n");
}

/* A test that did not pass, and one cut short by the delay. */
static void
test_reports_unfinished (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumChannelTest) test = NULL;
  g_autoptr(JsonNode) report = NULL;
  g_autofree char *md = NULL;
  JsonArray *steps;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (f, "Later", f->shipstation, "1001", 15, LUM_INVOICE_TIMING_SO_CREATED, NULL);
  test = run_channel_test (f, channel, FALSE);

  report = lum_channel_test_to_json (test, FALSE);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (report), "ok"));
  steps = json_object_get_array_member (json_node_get_object (report), "steps");
  {
    JsonObject *pushed = json_array_get_object_element (steps, 3);

    g_assert_cmpstr (json_object_get_string_member (pushed, "state"), ==, "pending");
    g_assert_true (json_object_get_null_member (pushed, "detail"));
    g_assert_true (json_object_get_null_member (pushed, "at"));
  }

  md = lum_channel_test_to_markdown (test);
  assert_lacks (md, "(null)");
  assert_contains (md, "\nThe test did not pass.\n");
  assert_contains (md, "\n| Pushed to the OMS | pending |  |  |\n");
  assert_contains (md, "scheduled for " DUE_IN_15_MIN "; the test stops here until then | 2027-01-01T00:00:00Z |\n");
  assert_lacks (md, "## Request sent");
}

/* -- 9. a real account ------------------------------------------------------------------ */

static void
test_real_account (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(LumIntegration) ours = NULL;
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumChannelTest) refused = NULL;
  g_autoptr(LumChannelTest) test = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(JsonNode) keep = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *remote;

  SKIP_WITHOUT_KEYRING ();
  /* an account that is not the sandbox's, answering at its address as a
   * real one would */
  ours = lum_test_world_add_integration (f, LUM_INTEGRATION_KIND_SHIPSTATION, "Our ShipStation", NULL);
  lum_integration_set_setting (ours, LUM_SETTING_SANDBOX, NULL);
  g_assert_true (lum_engine_save_integration (f->engine, ours, &error));
  g_assert_no_error (error);
  channel = lum_test_world_channel (f, "Wholesale", ours, "1001", 15, LUM_INVOICE_TIMING_SO_CREATED, NULL);

  /* not without confirmation: nothing created, nothing sent */
  refused = lum_channel_test_new (f->service, channel);
  g_assert_true (lum_channel_test_needs_confirmation (refused));
  g_assert_false (run_to_end (refused, &error));
  g_assert_error (error, LUM_CHANNEL_TEST_ERROR, LUM_CHANNEL_TEST_ERROR_NEEDS_CONFIRMATION);
  g_assert_cmpstr (error->message, ==,
                   "Channel “Wholesale” sends to a real account: confirm to send a test order there (it is put on "
                   "hold, marked as a test, and cancelled afterwards)");
  g_clear_error (&error);
  assert_steps (refused, "document invoice push-scheduled pushed shipment tracking accounting cleanup",
                "pending pending pending pending skipped skipped skipped pending");
  g_assert_false (lum_channel_test_get_ok (refused));
  g_assert_null (lum_channel_test_get_document_number (refused));
  g_assert_cmpint (lum_test_count_rows (f->engine, "sales_order"), ==, 0);
  g_assert_cmpint (lum_test_count_rows (f->engine, "invoice"), ==, 0);
  g_assert_cmpuint (lum_sandbox_count_requests (f->sandbox, "shipstation", NULL, NULL), ==, 0);

  /* confirmed: held and marked as a test, no shipment simulated, then
   * cancelled there */
  test = lum_channel_test_new (f->service, channel);
  lum_channel_test_set_confirmed (test, TRUE);
  /* the delay is not kept against a real account: the order would reach it
   * after the test, and nothing would cancel it */
  lum_channel_test_set_skip_delay (test, FALSE);
  g_assert_true (run_to_end (test, &error));
  g_assert_no_error (error);
  assert_steps (test, "document invoice push-scheduled pushed shipment tracking accounting cleanup",
                "ok ok ok ok skipped skipped skipped ok");
  g_assert_true (lum_channel_test_get_ok (test));
  g_assert_cmpstr (detail (test, "shipment"), ==,
                   "Against a real OMS no shipment is simulated; real shipments come back with the next sync");
  g_assert_cmpstr (detail (test, "tracking"), ==,
                   "Against a real OMS no shipment is simulated; real shipments come back with the next sync");
  g_assert_cmpstr (detail (test, "push-scheduled"), ==,
                   "Push to Our ShipStation, store 1001, scheduled for " DUE_IN_15_MIN
                   "; the delay is skipped for this test");
  g_assert_cmpstr (detail (test, "cleanup"), ==, "Test order TEST-SO-000001 cancelled in Our ShipStation");
  g_assert_true (g_str_has_suffix (step_at (test, "cleanup"), "Z"));

  order = find_document (f, LUM_DOCUMENT_KIND_SALES_ORDER, "TEST-SO-000001");
  g_assert_true (lum_document_get_is_test (order));
  keep = assert_pushed (f, test, order, "Our ShipStation", "1001", "on_hold");
  g_assert_cmpuint (lum_test_world_count_remote (f, "shipstation", "shipments"), ==, 0);
  g_assert_cmpuint (lum_sandbox_count_requests (f->sandbox, "shipstation", "POST", "/orders/createorder"), ==, 2);
  g_assert_cmpuint (lum_test_world_count_remote (f, "shipstation", "orders"), ==, 1);
  remote = lum_test_world_remote_order (f, "shipstation", "orderNumber", "TEST-SO-000001");
  g_assert_nonnull (remote);
  g_assert_cmpstr (json_object_get_string_member (remote, "orderStatus"), ==, "cancelled");
  g_assert_cmpstr (json_object_get_string_member (remote, "orderKey"), ==, lum_document_get_text (order, LUM_DOC_UUID));
  lum_secrets_clear (ours, NULL);
}

/* A real Extensiv account: the test order arrives marked as a test and kept
 * from allocation, and the cleanup cancels it there (with its ETag). */
static void
test_real_extensiv_account (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(LumIntegration) ours = NULL;
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumChannelTest) test = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *remote, *read_only;

  SKIP_WITHOUT_KEYRING ();
  ours = lum_test_world_add_integration (f, LUM_INTEGRATION_KIND_EXTENSIV, "Our 3PL", NULL);
  lum_integration_set_setting (ours, LUM_SETTING_SANDBOX, NULL);
  g_assert_true (lum_engine_save_integration (f->engine, ours, &error));
  g_assert_no_error (error);
  channel = lum_test_world_channel (f, "Wholesale", ours, "1:1", 15, LUM_INVOICE_TIMING_SO_CREATED, NULL);

  test = lum_channel_test_new (f->service, channel);
  lum_channel_test_set_confirmed (test, TRUE);
  lum_channel_test_set_skip_delay (test, FALSE);
  g_assert_true (run_to_end (test, &error));
  g_assert_no_error (error);
  assert_steps (test, "document invoice push-scheduled pushed shipment tracking accounting cleanup",
                "ok ok ok ok skipped skipped skipped ok");
  g_assert_cmpstr (detail (test, "cleanup"), ==, "Test order TEST-SO-000001 cancelled in Our 3PL");

  remote = lum_test_world_remote_order (f, "extensiv", "referenceNum", "TEST-SO-000001");
  g_assert_nonnull (remote);
  read_only = json_object_get_object_member (remote, "readOnly");
  g_assert_cmpint (json_object_get_int_member (read_only, "status"), ==, 2);
  g_assert_true (json_object_get_boolean_member (read_only, "deferNotification"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (remote, "notes"), "TEST ORDER"));
  g_assert_cmpuint (lum_sandbox_count_requests (f->sandbox, "extensiv", "POST", "/orders/"), ==, 1);
  lum_secrets_clear (ours, NULL);
}

/* A real accounting account alone asks too. */
static void
test_real_accounting_needs_confirmation (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumChannelTest) test = NULL;
  g_autoptr(GError) error = NULL;

  SKIP_WITHOUT_KEYRING ();
  lum_integration_set_setting (f->quickbooks, LUM_SETTING_SANDBOX, "false");
  g_assert_true (lum_engine_save_integration (f->engine, f->quickbooks, &error));
  g_assert_no_error (error);
  channel = lum_test_world_channel (f, "Books", f->shipstation, "1001", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SO_CREATED, f->quickbooks);
  test = lum_channel_test_new (f->service, channel);
  g_assert_true (lum_channel_test_needs_confirmation (test));
  g_assert_false (run_to_end (test, &error));
  g_assert_error (error, LUM_CHANNEL_TEST_ERROR, LUM_CHANNEL_TEST_ERROR_NEEDS_CONFIRMATION);
  g_assert_cmpint (lum_test_count_rows (f->engine, "sales_order"), ==, 0);
  g_assert_cmpint (lum_test_count_rows (f->engine, "invoice"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* a zone away from UTC, so that a time shown in UTC is told apart */
  g_setenv ("TZ", TEST_TZ, TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/channel-run/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("so-first/invoice-with-order", test_invoice_with_order);
  ADD ("so-first/invoice-on-shipment", test_invoice_on_shipment);
  ADD ("invoice-first/extensiv", test_invoice_first_extensiv);
  ADD ("push-off", test_push_off);
  ADD ("fulfillment-updates-off", test_fulfillment_updates_off);
  ADD ("keep-delay", test_keep_delay);
  ADD ("fails/unknown-store", test_unknown_store);
  ADD ("fails/rejected-mapping", test_rejected_mapping);
  ADD ("fails/rejected-mapping-3pl", test_rejected_mapping_extensiv);
  ADD ("fails/wrong-credentials", test_wrong_credentials);
  ADD ("other-worker-sends", test_other_worker_sends);
  ADD ("reports", test_reports);
  ADD ("reports-unfinished", test_reports_unfinished);
  ADD ("real-account", test_real_account);
  ADD ("real-extensiv-account", test_real_extensiv_account);
  ADD ("real-accounting-needs-confirmation", test_real_accounting_needs_confirmation);

#undef ADD

  return g_test_run ();
}

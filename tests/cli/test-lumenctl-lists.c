/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lumenctl's lists of sales orders and invoices, its jobs and events, and
 * what it refuses, on documents made with lumenctl itself.
 */
#include <stdio.h>
#include <string.h>

#include "lumctl-documents-test.h"

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
 *   TEST-SO-1  Wholesale   Acme  30.00  posted, test                → TEST-INV-1
 *   SO-4  Ship Later  Acme  25.00  cancelled
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
    { "order", "cancel", "SO-000004", NULL },
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
  ASSERT_LISTED ("SO-000001 SO-000002 SO-000003 SO-000004", "order", "list");
  ASSERT_LISTED ("SO-000001 SO-000002 SO-000003 TEST-SO-000001 SO-000004", "order", "list", "--include-test");

  ASSERT_LISTED ("SO-000002 SO-000004", "order", "list", "--channel", "SHIP LATER");
  ASSERT_LISTED ("SO-000003", "order", "list", "--status", "draft");
  ASSERT_LISTED ("SO-000004", "order", "list", "--status", "cancelled");
  ASSERT_LISTED ("SO-000001", "order", "list", "--push-status", "scheduled");
  ASSERT_LISTED ("SO-000002 SO-000003 SO-000004", "order", "list", "--push-status", "not-pushed");
  ASSERT_LISTED ("SO-000002", "order", "list", "--fulfillment", "partially-fulfilled");
  ASSERT_LISTED ("SO-000001 TEST-SO-000001", "order", "list", "--channel", "1", "--status", "posted", "--include-test");

  /* search: a prefix of the number, the customer or the PO number */
  ASSERT_LISTED ("SO-000002 SO-000003", "order", "list", "--search", "bolt");
  ASSERT_LISTED ("SO-000001", "order", "list", "--search", "PO-1");
  ASSERT_LISTED ("SO-000002", "order", "list", "--search", "X-");
  ASSERT_LISTED ("SO-000003", "order", "list", "--search", "so-000003");
  ASSERT_LISTED ("", "order", "list", "--search", "Nobody");

  /* sorting, ties by number */
  ASSERT_LISTED ("SO-000003 SO-000001 SO-000004 SO-000002", "order", "list", "--sort", "total");
  ASSERT_LISTED ("SO-000002 SO-000004 SO-000001 SO-000003", "order", "list", "--sort", "total", "--desc");
  ASSERT_LISTED ("SO-000001 SO-000004 SO-000002 SO-000003", "order", "list", "--sort", "customer");
  ASSERT_LISTED ("SO-000003 SO-000002 SO-000004 SO-000001", "order", "list", "--sort", "customer", "--desc");
  ASSERT_LISTED ("SO-000004 SO-000003 SO-000002 SO-000001", "order", "list", "--desc");
  ASSERT_LISTED ("SO-000004 SO-000003 SO-000001 SO-000002", "order", "list", "--sort", "status");

  /* pages */
  ASSERT_LISTED ("SO-000002 SO-000003", "order", "list", "--limit", "2", "--offset", "1");
  ASSERT_LISTED ("", "order", "list", "--offset", "9");

  /* a row: the header and statuses, no lines */
  rows = run_json (f, "order", "list", "--search", "SO-000002", NULL);
  row = json_element (rows, 0);
  g_assert_cmpstr (json_str (row, "number"), ==, "SO-000002");
  g_assert_cmpstr (json_str (row, "channel"), ==, "Ship Later");
  g_assert_cmpstr (json_str (row, "customer"), ==, "Bolt, Ltd");
  g_assert_cmpstr (json_str (row, "status"), ==, "posted");
  g_assert_cmpstr (json_str (row, "push_status"), ==, "not-pushed");
  g_assert_cmpstr (json_str (row, "fulfillment_status"), ==, "partially-fulfilled");
  g_assert_cmpstr (json_str (row, "po_number"), ==, "X-7");
  g_assert_cmpint (json_int (row, "total_cents"), ==, 5000);
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
    g_assert_cmpstr (counter, ==, "INV-000003\n");
  }

  ASSERT_LISTED ("INV-000001 INV-000002 INV-000003", "invoice", "list");
  ASSERT_LISTED ("INV-000001 INV-000002 TEST-INV-000001 INV-000003", "invoice", "list", "--include-test");
  ASSERT_LISTED ("INV-000001", "invoice", "list", "--channel", "Wholesale");
  ASSERT_LISTED ("INV-000001", "invoice", "list", "--accounting-status", "scheduled");
  ASSERT_LISTED ("INV-000002 INV-000003", "invoice", "list", "--accounting-status", "not-pushed");
  ASSERT_LISTED ("INV-000003", "invoice", "list", "--status", "draft");
  ASSERT_LISTED ("", "invoice", "list", "--status", "void");
  ASSERT_LISTED ("INV-000002 INV-000003", "invoice", "list", "--search", "Bolt");
  ASSERT_LISTED ("INV-000002 INV-000001 INV-000003", "invoice", "list", "--sort", "total", "--desc");

  table = run_ok (f, "invoice", "list", "--limit", "1", NULL);
  listed = run_json (f, "invoice", "list", "--limit", "1", NULL);
  g_strlcpy (created, json_str (json_element (listed, 0), "created_at"), sizeof created);
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
  g_assert_cmpint (json_int (retried, "id"), ==, 1);
  g_assert_cmpstr (json_str (retried, "state"), ==, "scheduled");
  g_assert_cmpint (json_int (retried, "attempts"), ==, 0);
  g_assert_cmpstr (json_str (retried, "document"), ==, "SO-000001");
  order = run_json (f, "order", "show", "1", NULL);
  g_assert_cmpstr (json_str (order, "push_status"), ==, "scheduled");
  g_assert_cmpstr (json_str (order, "push_due_at"), ==, json_str (retried, "due_at"));

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
                                                json_str (json_element (jobs, 1), "due_at"));
    g_assert_cmpstr (json_str (json_element (timeline, 2), "summary"), ==, summary);
  }
  g_assert_cmpstr (json_str (json_member (json_element (timeline, 1), "details"), "channel"), ==, "Wholesale");
  {
    /* the table says the time inside a sentence as the window does; the
     * JSON above keeps it exact */
    g_autofree char *table = run_ok (f, "events", "list", "--order", "SO-000001", NULL);

    g_assert_nonnull (strstr (table, "scheduled for "));
    g_assert_null (strstr (table, "scheduled for 20"));
  }
  invoice_timeline = run_json (f, "events", "list", "--invoice", "inv-1", NULL);
  g_clear_pointer (&kinds, g_free);
  kinds = members_of (invoice_timeline, "kind");
  g_assert_cmpstr (kinds, ==, "invoice.created accounting.scheduled invoice.posted job.retried");

  /* all events: the newest N, oldest first */
  everything = run_json (f, "events", "list", NULL);
  g_assert_cmpuint (json_length (everything), ==, 8);
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
  { "Line “W-1:1:2,50”: unit price “2,50” is not an amount such as 1,234.50", { CREATE, "--line", "W-1:1:2,50", NULL } },
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
  assert_contains (main_result->out, "  order            create|edit|post|push-now|cancel|ship|resolve|show|list|purge-tests  ");
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
  g_assert_cmpstr (json_str (shown, "number"), ==, "SO-000001");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/cli/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("order/list", test_order_list);
  ADD ("invoice/list", test_invoice_list);
  ADD ("jobs-events", test_jobs_events);
  ADD ("documents/refused-values", test_refused_values);
  ADD ("documents/usage", test_usage_errors);
  ADD ("documents/help", test_help);
  ADD ("documents/global-options", test_global_options_anywhere);

#undef ADD

  return g_test_run ();
}

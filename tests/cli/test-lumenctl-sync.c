/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lumenctl against the sandbox, as a user runs them side by side:
 * `lumenctl sandbox --port 0 --register` in one process, the integration,
 * order and sync commands in others. The secrets travel on standard input
 * and into the Secret Service, so these tests need a D-Bus session with a
 * keyring (.ci/session); without one they are skipped.
 */
#define _GNU_SOURCE /* memmem */

#include <signal.h>
#include <string.h>

#include "lumctl-test.h"

/* The credentials the sandbox accepts; none may ever be printed or stored
 * in the database. */
#define SANDBOX_KEY         "sandbox-key"
#define SANDBOX_SECRET      "sandbox-secret"
#define SANDBOX_3PL_SECRET  "sandbox-3pl-secret"
#define SANDBOX_QBO_SECRET  "sandbox-qbo-secret"
#define WRONG_SECRET        "Wrong-Secret-6d1f0c"
#define WRONG_3PL_SECRET    "Wrong-3pl-Secret-91aa"
#define LATER_QBO_SECRET    "Later-Qbo-Secret-2b9c"

static const char * const all_secrets[] = {
  SANDBOX_SECRET, SANDBOX_3PL_SECRET, SANDBOX_QBO_SECRET, WRONG_SECRET, WRONG_3PL_SECRET, LATER_QBO_SECRET, NULL
};

/* -- helpers ------------------------------------------------------------------- */

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    {
      g_autofree char *message = g_strdup_printf ("“%s” not in: %s", needle, haystack);
      g_assert_cmpstr (message, ==, "");
    }
}

static void
assert_no_secret (const char *text)
{
  for (guint i = 0; all_secrets[i] != NULL; i++)
    if (strstr (text, all_secrets[i]) != NULL)
      {
        g_autofree char *message = g_strdup_printf ("secret “%s” in: %s", all_secrets[i], text);
        g_assert_cmpstr (message, ==, "");
      }
}

/* The database file and its write-ahead log, byte for byte. */
static void
assert_no_secret_on_disk (Fixture *f)
{
  const char *suffixes[] = { "", "-wal", "-journal" };

  for (guint s = 0; s < G_N_ELEMENTS (suffixes); s++)
    {
      g_autofree char *path = g_strconcat (f->db_path, suffixes[s], NULL);
      g_autoptr(GBytes) bytes = NULL;
      gsize size;
      const char *data;

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      bytes = read_file_bytes (path);
      data = g_bytes_get_data (bytes, &size);
      g_assert_cmpuint (size, >, 0);
      for (guint i = 0; all_secrets[i] != NULL; i++)
        g_assert_null (memmem (data, size, all_secrets[i], strlen (all_secrets[i])));
    }
}

/* Every output of the test goes through here to be searched for secrets. */
static GString *outputs;

static Result *
run_logged (Fixture            *f,
            const char         *input,
            const char * const *args)
{
  Result *result = run_argv_input (NULL, f->db_path, args, input);

  g_string_append (outputs, result->out);
  g_string_append (outputs, result->err);
  return result;
}

#define ARGS(...) ((const char * const []) { __VA_ARGS__, NULL })

/* A command that must succeed quietly; its stdout. */
static char *
ok_out (Fixture            *f,
        const char         *input,
        const char * const *args)
{
  g_autoptr(Result) result = run_logged (f, input, args);

  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);
  return g_steal_pointer (&result->out);
}

static JsonNode *
ok_json (Fixture            *f,
         const char * const *args)
{
  g_autoptr(GPtrArray) with_json = g_ptr_array_new ();
  g_autofree char *out = NULL;

  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (with_json, (char *)args[i]);
  g_ptr_array_add (with_json, (char *)"--json");
  g_ptr_array_add (with_json, NULL);
  out = ok_out (f, NULL, (const char * const *)with_json->pdata);
  return parse_json (out);
}

/* A command that must fail with exit status 1 and one line on stderr. */
static Result *
failing (Fixture            *f,
         const char         *needle,
         const char * const *args)
{
  Result *result = run_logged (f, NULL, args);

  g_assert_cmpint (result->status, ==, 1);
  assert_one_error_line (result->err, needle);
  return result;
}

/* Customer "Acme Corp", product W-1, and channel "Wholesale Sales Channel":
 * push to Sandbox ShipStation store 1001 on posting, fulfillment updates,
 * two mapped fields, an invoice on shipment pushed to Sandbox QuickBooks. */
static void
add_wholesale (Fixture *f)
{
  g_autofree char *a = ok_out (f, NULL, ARGS ("customer", "add", "--name", "Acme Corp", "--email", "buyer@acme.test",
                                              "--ship-street1", "1 Main St", "--ship-city", "Springfield",
                                              "--ship-state", "IL", "--ship-postal-code", "62704",
                                              "--ship-country", "US"));
  g_autofree char *b = ok_out (f, NULL, ARGS ("product", "add", "--sku", "W-1", "--name", "Widget", "--price", "10.00"));
  g_autofree char *c = ok_out (f, NULL, ARGS ("channel", "create", "--name", "Wholesale Sales Channel", "--internal",
                                              "--push-to-oms", "--integration", "Sandbox ShipStation",
                                              "--store", "1001", "--store-name", "Wholesale", "--push-delay", "",
                                              "--fulfillment-updates",
                                              "--map", "shipping_notes=shippingNotes",
                                              "--map", "po_number=advancedOptions.customField1",
                                              "--flow", "so-first", "--invoice-timing", "shipment-created",
                                              "--accounting", "Sandbox QuickBooks"));
}

static char *
post_order (Fixture    *f,
            const char *channel)
{
  g_autofree char *number = ok_out (f, NULL, ARGS ("order", "create", "--channel", channel, "--customer", "Acme Corp",
                                                   "--line", "W-1:2", "--shipping-notes", "Dock 4",
                                                   "--po", "PO-778", "--post"));

  return g_strchomp (g_steal_pointer (&number));
}

/* The order with @number among the sandbox's ShipStation orders. */
static JsonNode *
sandbox_order (Sandbox    *sandbox,
               const char *number)
{
  g_autoptr(JsonNode) dump = sandbox_control (sandbox, "GET", "/dump", NULL);
  JsonNode *orders = json_member (json_member (dump, "shipstation"), "orders");

  for (guint i = 0; i < json_length (orders); i++)
    if (g_strcmp0 (json_str (json_element (orders, i), "orderNumber"), number) == 0)
      return json_node_copy (json_element (orders, i));
  return NULL;
}

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  fixture_set_up (f, data);
  outputs = g_string_new (NULL);
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  /* nothing any command printed holds a secret */
  assert_no_secret (outputs->str);
  g_string_free (outputs, TRUE);
  outputs = NULL;
  fixture_tear_down (f, data);
}

/* -- the sandbox and its integrations -------------------------------------------- */

static void
test_sandbox_register (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(Sandbox) sandbox = NULL;
  g_autoptr(Sandbox) again = NULL;
  g_autoptr(JsonNode) listed = NULL;
  g_autoptr(JsonNode) relisted = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *shipstation = NULL;
  g_autofree char *extensiv = NULL;
  g_autofree char *quickbooks = NULL;
  const char *port;

  if (!keyring_available ())
    return;
  sandbox = sandbox_start (f);
  g_string_append (outputs, sandbox->banner);
  shipstation = sandbox_url (sandbox, "shipstation");
  extensiv = sandbox_url (sandbox, "extensiv");
  quickbooks = sandbox_url (sandbox, "quickbooks");
  expected = g_strdup_printf ("ShipStation:        %s\n"
                              "Extensiv 3PL:       %s\n"
                              "QuickBooks Online:  %s\n"
                              "Added integration “Sandbox ShipStation” (id 1).\n"
                              "Added integration “Sandbox 3PL” (id 2).\n"
                              "Added integration “Sandbox QuickBooks” (id 3).\n"
                              "Added integration “Sandbox ShipStation V2” (id 4).\n"
                              "The sandbox runs until interrupted (Ctrl+C).\n",
                              shipstation, extensiv, quickbooks);
  g_assert_cmpstr (sandbox->banner, ==, expected);

  /* pointed at the sandbox, marked as one, no secret among the settings */
  listed = ok_json (f, ARGS ("integration", "list"));
  /* the loopback port registered with the sandbox's app: a free one */
  port = json_object_get_string_member (json_object_get_object_member (
                                          json_array_get_object_element (json_node_get_array (listed), 1), "settings"),
                                        "redirect_port");
  g_assert_true (g_ascii_string_to_unsigned (port, 10, 1, 65535, NULL, NULL));
  g_free (expected);
  expected = g_strdup_printf (
    "[ { \"id\": 2, \"kind\": \"extensiv\", \"name\": \"Sandbox 3PL\", \"base_url\": \"%s\","
    "    \"settings\": { \"client_id\": \"sandbox-3pl-client\", \"customer_id\": \"1\", \"facility_id\": \"1\","
    "                    \"sandbox\": \"true\", \"tpl\": \"{00000000-0000-4000-8000-000000000001}\","
    "                    \"user_login_id\": \"1\" } },"
    "  { \"id\": 3, \"kind\": \"quickbooks\", \"name\": \"Sandbox QuickBooks\", \"base_url\": \"%s\","
    "    \"settings\": { \"authorization_url\": \"%s/connect/oauth2\", \"client_id\": \"sandbox-qbo-client\","
    "                    \"income_account_id\": \"79\","
    "                    \"realm_id\": \"9130350000000001\", \"redirect_port\": \"%s\", \"sandbox\": \"true\","
    "                    \"sandbox-registered\": \"true\","
    "                    \"token_url\": \"%s/oauth2/v1/tokens/bearer\" } },"
    "  { \"id\": 1, \"kind\": \"shipstation\", \"name\": \"Sandbox ShipStation\", \"base_url\": \"%s\","
    "    \"settings\": { \"sandbox\": \"true\" } },"
    "  { \"id\": 4, \"kind\": \"shipstation-v2\", \"name\": \"Sandbox ShipStation V2\", \"base_url\": \"%s\","
    "    \"settings\": { \"sandbox\": \"true\" } } ]",
    extensiv, quickbooks, quickbooks, port, quickbooks, shipstation, shipstation);
  assert_json (listed, expected);

  /* each works, and says what it reaches */
  {
    g_autofree char *a = ok_out (f, NULL, ARGS ("integration", "test", "Sandbox ShipStation"));
    g_autofree char *b = ok_out (f, NULL, ARGS ("integration", "test", "Sandbox 3PL"));
    g_autofree char *c = ok_out (f, NULL, ARGS ("integration", "test", "3"));
    g_autoptr(JsonNode) json = ok_json (f, ARGS ("integration", "test", "sandbox shipstation"));

    g_assert_cmpstr (a, ==, "Connected to Sandbox ShipStation: the API key and secret work. "
                            "2 stores: Wholesale (1001), Retail (1002)\n");
    g_assert_cmpstr (b, ==, "Connected to Sandbox 3PL: the token was issued and 1 customer and facility pair "
                            "is available.\n");
    g_assert_cmpstr (c, ==, "Connected to Sandbox QuickBooks: the authorization works and company "
                            "9130350000000001 answers.\n");
    assert_json (json, "{ \"integration\": \"Sandbox ShipStation\", \"ok\": true, \"report\": "
                       "\"Connected to Sandbox ShipStation: the API key and secret work. "
                       "2 stores: Wholesale (1001), Retail (1002)\" }");
  }

  /* the stores, live */
  {
    g_autoptr(JsonNode) stores = ok_json (f, ARGS ("integration", "stores", "Sandbox ShipStation"));
    g_autoptr(JsonNode) pairs = ok_json (f, ARGS ("integration", "stores", "Sandbox 3PL"));
    g_autofree char *table = ok_out (f, NULL, ARGS ("integration", "stores", "Sandbox ShipStation"));

    assert_json (stores, "[ { \"id\": \"1001\", \"name\": \"Wholesale\" }, { \"id\": \"1002\", \"name\": \"Retail\" } ]");
    assert_json (pairs, "[ { \"id\": \"1:1\", \"name\": \"Sandbox Customer — Main Facility\" } ]");
    g_assert_cmpstr (table, ==, "Store  Name\n1001   Wholesale\n1002   Retail\n");
  }
  {
    g_autoptr(Result) none = failing (f, "Integration “Sandbox QuickBooks” is a QuickBooks Online integration: "
                                         "it has no stores",
                                      ARGS ("integration", "stores", "Sandbox QuickBooks"));
  }

  /* an integration that never listed its stores, for the offline case */
  {
    g_autoptr(Result) added = run_logged (f, SANDBOX_KEY "\n" SANDBOX_SECRET "\n",
                                          ARGS ("integration", "add", "--kind", "shipstation", "--name", "Fresh",
                                                "--base-url", shipstation, "--sandbox"));
    g_assert_cmpint (added->status, ==, 0);
  }

  sandbox_stop (sandbox);

  /* offline: the last known stores, with a note */
  {
    g_autoptr(Result) offline = run_logged (f, NULL, ARGS ("integration", "stores", "Sandbox ShipStation", "--json"));
    g_autoptr(JsonNode) known = NULL;

    g_assert_cmpint (offline->status, ==, 0);
    assert_one_error_line (offline->err, "could not be reached");
    assert_contains (offline->err, "; these are the stores last known");
    known = parse_json (offline->out);
    /* sorted by name */
    assert_json (known, "[ { \"id\": \"1002\", \"name\": \"Retail\" }, { \"id\": \"1001\", \"name\": \"Wholesale\" } ]");
  }
  {
    g_autoptr(Result) never = failing (f, "no stores of “Fresh” are known from before",
                                       ARGS ("integration", "stores", "Fresh"));
    g_autoptr(Result) down = failing (f, "could not be reached", ARGS ("integration", "test", "Sandbox ShipStation"));

    g_assert_cmpstr (never->out, ==, "");
    g_assert_cmpstr (down->out, ==, "");
  }

  /* a new run on another port: the same integrations pointed at it, with
   * the new run's QuickBooks refresh token */
  again = sandbox_start (f);
  g_string_append (outputs, again->banner);
  assert_contains (again->banner, "Pointed integration “Sandbox ShipStation” (id 1) at the sandbox.\n"
                                  "Pointed integration “Sandbox 3PL” (id 2) at the sandbox.\n"
                                  "Pointed integration “Sandbox QuickBooks” (id 3) at the sandbox.\n");
  relisted = ok_json (f, ARGS ("integration", "show", "Sandbox QuickBooks"));
  {
    g_autofree char *url = sandbox_url (again, "quickbooks");
    g_autofree char *token_url = g_strdup_printf ("%s/oauth2/v1/tokens/bearer", url);

    g_assert_cmpstr (json_str (relisted, "base_url"), ==, url);
    g_assert_cmpstr (json_str (json_member (relisted, "settings"), "token_url"), ==, token_url);
  }
  {
    g_autofree char *c = ok_out (f, NULL, ARGS ("integration", "test", "Sandbox QuickBooks"));
    g_autoptr(JsonNode) all = ok_json (f, ARGS ("integration", "list"));

    assert_contains (c, "company 9130350000000001 answers");
    /* the four of the sandbox and “Fresh” */
    g_assert_cmpuint (json_length (all), ==, 5);
  }
  sandbox_stop (again);
  assert_no_secret_on_disk (f);
}

/* -- secrets ------------------------------------------------------------------------ */

/* How many keyring items are labelled “Lumen: NAME (…)”, as secret-tool
 * (libsecret-tools) lists them. */
static guint
count_keyring_items (const char *integration_name)
{
  const char *argv[] = { "secret-tool", "search", "--all", "xdg:schema", "io.github.lumenapp.Lumen.Integration",
                         NULL };
  g_autofree char *label = g_strdup_printf ("label = Lumen: %s (", integration_name);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    n += g_str_has_prefix (lines[i], label);
  return n;
}

static void
test_secrets (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(Sandbox) sandbox = NULL;
  g_autofree char *shipstation = NULL;
  g_autofree char *extensiv = NULL;

  if (!keyring_available ())
    return;
  sandbox = sandbox_start (f);
  shipstation = sandbox_url (sandbox, "shipstation");
  extensiv = sandbox_url (sandbox, "extensiv");

  /* a wrong secret is stored, and the test says so without showing it */
  {
    g_autoptr(Result) added = run_logged (f, SANDBOX_KEY "\n" WRONG_SECRET "\n",
                                          ARGS ("integration", "add", "--kind", "shipstation", "--name", "Wrong",
                                                "--base-url", shipstation, "--json"));
    g_autoptr(JsonNode) node = NULL;
    g_autofree char *expected = NULL;
    g_autoptr(Result) tested = NULL;

    g_assert_cmpint (added->status, ==, 0);
    g_assert_cmpstr (added->err, ==, "");
    node = parse_json (added->out);
    expected = g_strdup_printf ("{ \"id\": 5, \"kind\": \"shipstation\", \"name\": \"Wrong\", \"base_url\": \"%s\","
                                "  \"settings\": {} }", shipstation);
    assert_json (node, expected);

    tested = failing (f, "Wrong refused the API key and secret; check them in Integrations",
                      ARGS ("integration", "test", "Wrong"));
    g_assert_cmpstr (tested->out, ==, "");
  }
  {
    g_autoptr(Result) added = run_logged (f, WRONG_3PL_SECRET "\n",
                                          ARGS ("integration", "add", "--kind", "extensiv", "--name", "Wrong 3PL",
                                                "--base-url", extensiv, "--client-id", "sandbox-3pl-client",
                                                "--tpl", "{00000000-0000-4000-8000-000000000001}",
                                                "--user-login-id", "1", "--customer-id", "1", "--facility-id", "1"));
    g_autoptr(Result) tested = NULL;

    g_assert_cmpint (added->status, ==, 0);
    tested = run_logged (f, NULL, ARGS ("integration", "test", "Wrong 3PL"));
    g_assert_cmpint (tested->status, ==, 1);
    assert_one_error_line (tested->err, "Wrong 3PL");
  }

  /* lines missing, empty or too many: nothing is saved */
  {
    const struct { const char *needle; const char *input; const char *args[20]; } refusals[] = {
      { "API secret is missing on standard input (one a line: API key, API secret)", "only-the-key\n",
        { "integration", "add", "--kind", "shipstation", "--name", "New", NULL } },
      { "API key is missing on standard input", "",
        { "integration", "add", "--kind", "shipstation", "--name", "New", NULL } },
      { "API key on standard input is empty", "\n" WRONG_SECRET "\n",
        { "integration", "add", "--kind", "shipstation", "--name", "New", NULL } },
      { "Standard input has more lines than expected (one a line: API key, API secret)",
        "k\n" WRONG_SECRET "\nthird line\n",
        { "integration", "add", "--kind", "shipstation", "--name", "New", NULL } },
      { "Client secret is missing on standard input (one a line: Client secret)", "",
        { "integration", "add", "--kind", "extensiv", "--name", "New", "--client-id", "c", "--tpl", "t",
          "--user-login-id", "1", "--customer-id", "1", "--facility-id", "1", NULL } },
      { "Client secret is missing on standard input (one a line: Client secret, Refresh token)", "",
        { "integration", "add", "--kind", "quickbooks", "--name", "New", "--realm", "1", "--client-id", "c", NULL } },
      { "API secret is missing on standard input", SANDBOX_KEY "\n",
        { "integration", "edit", "Wrong", "--secrets", NULL } },
    };

    for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
      assert_refused_input (f, 1, refusals[i].needle, refusals[i].args, refusals[i].input);
  }

  /* QuickBooks without a refresh token: connect later */
  {
    g_autofree char *out = ok_out (f, LATER_QBO_SECRET "\n\n",
                                   ARGS ("integration", "add", "--kind", "quickbooks", "--name", "QB Later",
                                         "--environment", "sandbox", "--realm", "123", "--client-id", "qb-client"));

    g_assert_cmpstr (out, ==, "Name:      QB Later\n"
                              "ID:        7\n"
                              "Kind:      QuickBooks Online\n"
                              "Base URL:  https://sandbox-quickbooks.api.intuit.com\n"
                              "Settings:  client_id=qb-client\n"
                              "           realm_id=123\n"
                              "\n"
                              "No income account was given: invoices are not pushed until one is chosen, with\n"
                              "  lumenctl integration accounts \"QB Later\"\n"
                              "  lumenctl integration edit \"QB Later\" --income-account ID\n"
                              "\n"
                              "No refresh token was given: connect Lumen to the company through the browser with\n"
                              "  lumenctl integration connect \"QB Later\"\n");
  }

  /* new secrets, a new name and address: it works */
  {
    g_autoptr(JsonNode) edited = NULL;
    g_autofree char *edited_out = NULL;
    g_autofree char *tested = NULL;
    g_autofree char *slash = g_strconcat (shipstation, "/", NULL);
    g_autofree char *expected = NULL;

    g_assert_cmpuint (count_keyring_items ("Wrong"), ==, 2);
    edited_out = ok_out (f, SANDBOX_KEY "\n" SANDBOX_SECRET "\n",
                         ARGS ("integration", "edit", "Wrong", "--secrets", "--name", "Right",
                               "--base-url", slash, "--sandbox", "--json"));
    edited = parse_json (edited_out);
    expected = g_strdup_printf ("{ \"id\": 5, \"kind\": \"shipstation\", \"name\": \"Right\", \"base_url\": \"%s\","
                                "  \"settings\": { \"sandbox\": \"true\" } }", shipstation);
    assert_json (edited, expected);
    tested = ok_out (f, NULL, ARGS ("integration", "test", "Right"));
    g_assert_cmpstr (tested, ==, "Connected to Right: the API key and secret work. "
                                 "2 stores: Wholesale (1001), Retail (1002)\n");
  }

  /* deleting takes the secrets with it */
  {
    g_autofree char *deleted = NULL;
    g_autoptr(JsonNode) listed = NULL;

    g_assert_cmpuint (count_keyring_items ("Wrong 3PL"), ==, 1);
    deleted = ok_out (f, NULL, ARGS ("integration", "delete", "Wrong 3PL"));
    g_assert_cmpstr (deleted, ==, "Integration “Wrong 3PL” is deleted, and its secrets with it.\n");
    g_assert_cmpuint (count_keyring_items ("Wrong 3PL"), ==, 0);
    listed = ok_json (f, ARGS ("integration", "list"));
    g_assert_cmpuint (json_length (listed), ==, 6);
    for (guint i = 0; i < json_length (listed); i++)
      g_assert_cmpstr (json_str (json_element (listed, i), "name"), !=, "Wrong 3PL");
  }

  sandbox_stop (sandbox);
  assert_no_secret_on_disk (f);
}

/* `sandbox ship` ships a pushed order through the running sandbox's control
 * endpoint; the next sync records it with the tracking number given. */
static void
test_sandbox_ship (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(Sandbox) sandbox = NULL;
  g_autofree char *number = NULL;
  g_autofree char *pushed = NULL;
  g_autofree char *shipped = NULL;
  g_autofree char *polled = NULL;
  g_autoptr(JsonNode) order = NULL;
  g_autoptr(JsonNode) sent = NULL;
  JsonNode *shipment;

  if (!keyring_available ())
    return;
  sandbox = sandbox_start (f);
  add_wholesale (f);
  number = post_order (f, "Wholesale Sales Channel");
  pushed = ok_out (f, NULL, ARGS ("sync", "--once"));

  shipped = ok_out (f, NULL, ARGS ("sandbox", "ship", number, "--url", sandbox->url,
                                   "--tracking", "1ZCLI0001", "--carrier", "fedex"));
  g_assert_cmpstr (shipped, ==, "Shipped SO-000001 at ShipStation: tracking 1ZCLI0001, carrier fedex.\n");
  sent = sandbox_order (sandbox, "SO-000001");
  g_assert_cmpstr (json_str (sent, "orderStatus"), ==, "shipped");

  polled = ok_out (f, NULL, ARGS ("sync", "--once"));
  order = ok_json (f, ARGS ("order", "show", "SO-000001"));
  g_assert_cmpstr (json_str (order, "fulfillment_status"), ==, "fulfilled");
  shipment = json_element (json_member (order, "shipments"), 0);
  g_assert_cmpstr (json_str (shipment, "tracking_number"), ==, "1ZCLI0001");

  /* the sandbox's refusal is the error, and nothing answering is named */
  assert_refused (f, 1, "The sandbox did not ship order “SO-000001”",
                  ARGS ("sandbox", "ship", "SO-000001", "--url", sandbox->url));
  assert_refused (f, 1, "The sandbox did not ship order “SO-000404”",
                  ARGS ("sandbox", "ship", "SO-000404", "--url", sandbox->url));
  sandbox_stop (sandbox);
  assert_refused (f, 1, "No sandbox answers at",
                  ARGS ("sandbox", "ship", "SO-000001", "--url", sandbox->url));
}

/* A second warehouse in the default group, linked from ShipStation's live
 * list; the order pushed ships from it, and says so. */
static void
test_warehouse_link (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(Sandbox) sandbox = NULL;
  g_autofree char *added = NULL;
  g_autofree char *members = NULL;
  g_autofree char *remote = NULL;
  g_autofree char *linked = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *number = NULL;
  g_autofree char *pushed = NULL;
  g_autofree char *shown = NULL;
  g_autoptr(JsonNode) facilities = NULL;
  g_autoptr(JsonNode) sent = NULL;
  g_autoptr(JsonNode) order = NULL;
  g_autoptr(JsonNode) groups = NULL;

  if (!keyring_available ())
    return;
  sandbox = sandbox_start (f);
  add_wholesale (f);
  added = ok_out (f, NULL, ARGS ("warehouse", "add", "EAST", "East"));
  members = ok_out (f, NULL, ARGS ("warehouse-group", "members", "Default Warehouse Group", "EAST", "MAIN"));
  groups = ok_json (f, ARGS ("warehouse-group", "list"));
  g_assert_cmpstr (json_str (json_element (json_member (json_element (groups, 0), "warehouses"), 0), "code"), ==,
                   "EAST");

  remote = ok_out (f, NULL, ARGS ("warehouse", "remote", "Sandbox ShipStation"));
  g_assert_cmpstr (remote, ==, "Warehouse  Name\n1001       Sandbox Warehouse\n1002       East Warehouse\n");
  facilities = ok_json (f, ARGS ("warehouse", "remote", "Sandbox 3PL"));
  assert_json (facilities, "[ { \"id\": \"1\", \"name\": \"Main Facility\" }, "
                           "{ \"id\": \"2\", \"name\": \"East Facility\" } ]");
  {
    g_autoptr(Result) unknown = failing (f, "Warehouse “4242” is not among the warehouses of “Sandbox ShipStation”",
                                         ARGS ("warehouse", "link", "EAST", "Sandbox ShipStation", "4242"));
    g_autoptr(Result) accounting = failing (f, "it has no warehouses",
                                            ARGS ("warehouse", "remote", "Sandbox QuickBooks"));
  }
  linked = ok_out (f, NULL, ARGS ("warehouse", "link", "EAST", "Sandbox ShipStation", "1002"));
  g_assert_cmpstr (linked, ==, "Warehouse EAST ships from ShipStation “East Warehouse” (1002) at Sandbox ShipStation.\n");
  listed = ok_out (f, NULL, ARGS ("warehouse", "list"));
  assert_contains (listed, "EAST  East");
  assert_contains (listed, "Sandbox ShipStation: 1002 (East Warehouse)");

  number = post_order (f, "Wholesale Sales Channel");
  pushed = ok_out (f, NULL, ARGS ("sync", "--once"));
  sent = sandbox_order (sandbox, number);
  g_assert_cmpint (json_int (json_member (sent, "advancedOptions"), "warehouseId"), ==, 1002);
  order = ok_json (f, ARGS ("order", "show", number));
  g_assert_cmpstr (json_str (json_member (order, "ship_from"), "warehouse_code"), ==, "EAST");
  g_assert_cmpstr (json_str (json_member (order, "ship_from"), "description"), ==,
                   "Ships from East (first in group Default Warehouse Group)");
  shown = ok_out (f, NULL, ARGS ("order", "show", number));
  assert_contains (shown, "Ships from East (first in group Default Warehouse Group)");

  {
    g_autofree char *unlinked = ok_out (f, NULL, ARGS ("warehouse", "unlink", "EAST", "Sandbox ShipStation"));
    g_autoptr(Result) again = failing (f, "Warehouse “EAST” has no link to Sandbox ShipStation",
                                       ARGS ("warehouse", "unlink", "EAST", "Sandbox ShipStation"));
  }
}

/* -- sync ---------------------------------------------------------------------------- */

static void
test_sync_order_flow (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(Sandbox) sandbox = NULL;
  g_autofree char *number = NULL;
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) order = NULL;
  g_autoptr(JsonNode) sent = NULL;
  g_autoptr(JsonNode) shipped = NULL;
  g_autoptr(JsonNode) invoice = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(JsonNode) jobs = NULL;
  g_autofree char *second = NULL;

  if (!keyring_available ())
    return;
  sandbox = sandbox_start (f);
  add_wholesale (f);
  number = post_order (f, "Wholesale Sales Channel");
  g_assert_cmpstr (number, ==, "SO-000001");

  /* one push pass: the order reaches store 1001, mapped */
  first = ok_json (f, ARGS ("sync", "--once"));
  assert_json (first, "{ \"ok\": true,"
                      "  \"push\": { \"sent\": 1, \"done\": 1, \"failed\": 0, \"retrying\": 0, \"failed_jobs\": [] },"
                      "  \"poll\": { \"shipments\": 0, \"recorded\": 0, \"duplicates\": 0, \"unknown\": 0,"
                      "              \"voided\": 0, \"refused\": 0, \"failed_targets\": 0, \"error\": null } }");
  order = ok_json (f, ARGS ("order", "show", "SO-000001"));
  g_assert_cmpstr (json_str (order, "push_status"), ==, "pushed");
  g_assert_cmpstr (json_str (order, "fulfillment_status"), ==, "unfulfilled");
  g_assert_nonnull (json_str (order, "remote_id"));
  g_assert_cmpuint (json_length (json_member (order, "invoices")), ==, 0);

  sent = sandbox_order (sandbox, "SO-000001");
  g_assert_nonnull (sent);
  g_assert_cmpstr (json_str (sent, "orderStatus"), ==, "awaiting_shipment");
  g_assert_cmpstr (json_str (sent, "orderKey"), ==, json_str (order, "uuid"));
  g_assert_cmpstr (json_str (sent, "shippingNotes"), ==, "Dock 4");
  g_assert_cmpint (json_int (json_member (sent, "advancedOptions"), "storeId"), ==, 1001);
  g_assert_cmpstr (json_str (json_member (sent, "advancedOptions"), "customField1"), ==, "PO-778");
  {
    g_autofree char *remote_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_int (sent, "orderId"));
    g_assert_cmpstr (json_str (order, "remote_id"), ==, remote_id);
  }

  /* the OMS ships it; the next sync takes the tracking back, makes the
   * invoice on shipment and pushes it to QuickBooks */
  {
    g_autoptr(JsonNode) shipment = sandbox_control (sandbox, "POST", "/shipstation/ship",
                                                    "{ \"orderNumber\": \"SO-000001\", \"carrierCode\": \"ups\","
                                                    "  \"trackingNumber\": \"1Z999AA10123456784\" }");
    g_assert_cmpstr (json_str (shipment, "trackingNumber"), ==, "1Z999AA10123456784");
  }
  second = ok_out (f, NULL, ARGS ("sync", "--once"));
  g_assert_cmpstr (second, ==, "Push: sent 1, done 1, failed 0, to retry later 0\n"
                               "Poll: shipments 1, recorded 1, duplicates 0, unknown 0, voided 0, refused 0\n");

  shipped = ok_json (f, ARGS ("order", "show", "SO-000001"));
  g_assert_cmpstr (json_str (shipped, "fulfillment_status"), ==, "fulfilled");
  g_assert_cmpuint (json_length (json_member (shipped, "shipments")), ==, 1);
  g_assert_cmpstr (json_str (json_element (json_member (shipped, "shipments"), 0), "tracking_number"), ==,
                   "1Z999AA10123456784");
  assert_json (json_member (shipped, "invoices"), "[ \"INV-000001\" ]");

  invoice = ok_json (f, ARGS ("invoice", "show", "INV-000001"));
  g_assert_cmpstr (json_str (invoice, "accounting_status"), ==, "pushed");
  g_assert_nonnull (json_str (invoice, "accounting_id"));
  g_assert_cmpstr (json_str (invoice, "sales_order"), ==, "SO-000001");
  {
    g_autoptr(JsonNode) dump = sandbox_control (sandbox, "GET", "/dump", NULL);
    JsonNode *invoices = json_member (json_member (dump, "quickbooks"), "invoices");

    g_assert_cmpuint (json_length (invoices), ==, 1);
    g_assert_cmpstr (json_str (json_element (invoices, 0), "DocNumber"), ==, "INV-000001");
    g_assert_cmpstr (json_str (json_element (invoices, 0), "Id"), ==, json_str (invoice, "accounting_id"));
  }

  /* show prints what was sent, exactly as the service received it, and
   * what came back; --json has the same */
  {
    g_autoptr(JsonNode) dump = sandbox_control (sandbox, "GET", "/dump", NULL);
    JsonNode *requests = json_member (dump, "requests");
    JsonNode *invoice_sent = json_member (json_element (json_member (invoice, "jobs"), 0), "sent");
    JsonNode *order_sent = json_member (json_element (json_member (shipped, "jobs"), 0), "sent");
    const char *received_invoice = NULL, *received_order = NULL;
    g_autofree char *text = ok_out (f, NULL, ARGS ("order", "show", "SO-000001"));
    g_autofree char *invoice_text = ok_out (f, NULL, ARGS ("invoice", "show", "INV-000001"));

    for (guint i = 0; i < json_length (requests); i++)
      {
        JsonNode *request = json_element (requests, i);

        if (g_str_has_suffix (json_str (request, "path"), "/invoice"))
          received_invoice = json_str (request, "body");
        if (g_str_has_suffix (json_str (request, "path"), "/orders/createorder"))
          received_order = json_str (request, "body");
      }
    g_assert_nonnull (invoice_sent);
    g_assert_cmpstr (json_str (invoice_sent, "method"), ==, "POST");
    g_assert_cmpstr (json_str (invoice_sent, "body"), ==, received_invoice);
    g_assert_cmpint (json_int (invoice_sent, "answer_status"), ==, 200);
    g_assert_nonnull (strstr (json_str (invoice_sent, "answer_body"), json_str (invoice, "accounting_id")));
    g_assert_cmpstr (json_str (order_sent, "body"), ==, received_order);

    g_assert_nonnull (strstr (text, "Sent to Sandbox ShipStation"));
    g_assert_nonnull (strstr (text, "\"customField1\" : \"PO-778\""));
    g_assert_nonnull (strstr (text, "Answer: HTTP 200"));
    g_assert_nonnull (strstr (invoice_text, "Sent to Sandbox QuickBooks"));
    g_assert_nonnull (strstr (invoice_text, "\"DocNumber\" : \"INV-000001\""));
  }

  /* nothing new: nothing sent, the shipment not recorded twice */
  again = ok_json (f, ARGS ("sync", "--once"));
  g_assert_cmpint (json_int (json_member (again, "push"), "sent"), ==, 0);
  g_assert_cmpint (json_int (json_member (again, "poll"), "recorded"), ==, 0);
  g_assert_cmpint (json_int (json_member (again, "poll"), "duplicates"), ==,
                   json_int (json_member (again, "poll"), "shipments"));

  jobs = ok_json (f, ARGS ("jobs", "list"));
  g_assert_cmpuint (json_length (jobs), ==, 2);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpstr (json_str (json_element (jobs, i), "state"), ==, "done");

  sandbox_stop (sandbox);
  assert_no_secret_on_disk (f);
}

static void
test_sync_failures (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(Sandbox) sandbox = NULL;
  g_autofree char *number = NULL;
  g_autofree char *channel = NULL;

  if (!keyring_available ())
    return;
  sandbox = sandbox_start (f);
  add_wholesale (f);
  channel = ok_out (f, NULL, ARGS ("channel", "create", "--name", "Nowhere", "--push-to-oms",
                                   "--integration", "Sandbox ShipStation", "--store", "4040", "--push-delay", ""));
  number = post_order (f, "Nowhere");

  /* a store the OMS does not have: the job fails for good, exit 1 */
  {
    g_autoptr(Result) result = run_logged (f, NULL, ARGS ("sync", "--once"));

    g_assert_cmpint (result->status, ==, 1);
    assert_one_error_line (result->err, "job 1 push-sales-order SO-000001 → Sandbox ShipStation failed: ");
    assert_contains (result->err, "The store with storeId 4040 was not found.");
    g_assert_true (g_str_has_prefix (result->out, "Push: sent 1, done 0, failed 1, to retry later 0\n"
                                                  "  failed: job 1 push-sales-order SO-000001 → Sandbox ShipStation: "));
    assert_contains (result->out, "storeId 4040 was not found.\n"
                                  "Poll: shipments 0, recorded 0, duplicates 0, unknown 0, voided 0, refused 0\n");
  }
  {
    g_autoptr(JsonNode) order = ok_json (f, ARGS ("order", "show", "SO-000001"));
    g_assert_cmpstr (json_str (order, "push_status"), ==, "failed");
  }

  /* the OMS cannot be reached: the push is tried again later (exit 0),
   * the poll fails (exit 1) */
  sandbox_stop (sandbox);
  g_free (number);
  number = post_order (f, "Wholesale Sales Channel");
  {
    g_autoptr(Result) pushed = run_logged (f, NULL, ARGS ("sync", "--once", "--no-poll", "--json"));
    g_autoptr(JsonNode) node = NULL;

    g_assert_cmpint (pushed->status, ==, 0);
    g_assert_cmpstr (pushed->err, ==, "");
    node = parse_json (pushed->out);
    assert_json (node, "{ \"ok\": true, \"poll\": null,"
                       "  \"push\": { \"sent\": 1, \"done\": 0, \"failed\": 0, \"retrying\": 1, \"failed_jobs\": [] } }");
  }
  {
    g_autoptr(JsonNode) jobs = ok_json (f, ARGS ("jobs", "list", "--order", "SO-000002"));

    g_assert_cmpstr (json_str (json_element (jobs, 0), "state"), ==, "scheduled");
    g_assert_cmpint (json_int (json_element (jobs, 0), "attempts"), ==, 1);
    assert_contains (json_str (json_element (jobs, 0), "last_error"), "could not be reached");
  }
  {
    g_autoptr(Result) polled = run_logged (f, NULL, ARGS ("sync", "--no-push", "--json"));
    g_autoptr(JsonNode) node = NULL;
    JsonNode *poll;

    g_assert_cmpint (polled->status, ==, 1);
    assert_one_error_line (polled->err, "1 store could not be polled: ");
    node = parse_json (polled->out);
    g_assert_false (json_object_get_boolean_member (json_node_get_object (node), "ok"));
    g_assert_true (JSON_NODE_HOLDS_NULL (json_member (node, "push")));
    poll = json_member (node, "poll");
    g_assert_cmpint (json_int (poll, "failed_targets"), ==, 1);
    assert_contains (json_str (poll, "error"), "could not be reached");
  }
  assert_no_secret_on_disk (f);
}

/* `sync --watch`: the worker picks up an order posted by another process,
 * the poller takes its shipment back, and an interrupt stops both. */
static void
test_sync_watch (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(Sandbox) sandbox = NULL;
  g_autoptr(GSubprocess) watch = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *number = NULL;
  g_autofree char *line = NULL;
  const char *args[] = { "sync", "--watch", "--interval", "10", NULL };
  gboolean pushed = FALSE, polled = FALSE, invoiced = FALSE;

  if (!keyring_available ())
    return;
  sandbox = sandbox_start (f);
  add_wholesale (f);

  watch = spawn_lumenctl (f->db_path, args);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (watch));
  line = read_output_line (out, 60);
  g_assert_cmpstr (line, ==, "Pushing due jobs, and polling shipments every 10 s (Ctrl+C stops).");
  g_free (line);
  line = read_output_line (out, 60);
  /* "2030-05-01T10:00:00Z  poll: …" */
  g_assert_cmpuint (strlen (line), >, 22);
  g_assert_cmpstr (line + 20, ==, "  poll: shipments 0, recorded 0, duplicates 0, unknown 0, voided 0, refused 0");

  number = post_order (f, "Wholesale Sales Channel");
  while (!pushed)
    {
      g_free (line);
      line = read_output_line (out, 60);
      g_assert_nonnull (line);
      g_string_append_printf (outputs, "%s\n", line);
      pushed = strstr (line, "  job 1 push-sales-order SO-000001 → Sandbox ShipStation: done, remote id ") != NULL;
    }

  {
    g_autoptr(JsonNode) shipment = sandbox_control (sandbox, "POST", "/shipstation/ship",
                                                    "{ \"orderNumber\": \"SO-000001\", \"carrierCode\": \"usps\","
                                                    "  \"trackingNumber\": \"9400100000000000000000\" }");
  }
  while (!polled || !invoiced)
    {
      g_free (line);
      line = read_output_line (out, 60);
      g_assert_nonnull (line);
      g_string_append_printf (outputs, "%s\n", line);
      polled |= strstr (line, "  poll: shipments 1, recorded 1,") != NULL;
      invoiced |= strstr (line, "  job 2 push-invoice INV-000001 → Sandbox QuickBooks: done, remote id ") != NULL;
    }

  /* SIGTERM, as systemd stops a service */
  g_subprocess_send_signal (watch, SIGTERM);
  for (;;)
    {
      g_autofree char *next = read_output_line (out, 60);

      if (next == NULL)
        break;
      g_free (line);
      line = g_steal_pointer (&next);
    }
  g_assert_cmpstr (line, ==, "Stopped.");
  g_subprocess_wait (watch, NULL, NULL);
  g_assert_true (g_subprocess_get_if_exited (watch));
  g_assert_cmpint (g_subprocess_get_exit_status (watch), ==, 0);

  {
    g_autoptr(JsonNode) order = ok_json (f, ARGS ("order", "show", "SO-000001"));
    g_assert_cmpstr (json_str (order, "fulfillment_status"), ==, "fulfilled");
  }
  sandbox_stop (sandbox);
}

/* -- QuickBooks through the browser ----------------------------------------------------- */

static guint
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
test_quickbooks_connect (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(Sandbox) sandbox = NULL;
  g_autoptr(GSubprocess) connect = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *quickbooks = NULL;
  g_autofree char *token_url = NULL;
  g_autofree char *auth_url = NULL;
  g_autofree char *added = NULL;
  g_autofree char *line = NULL;
  g_autofree char *address = NULL;
  g_autofree char *page = NULL;
  g_autofree char *tested = NULL;
  const char *args[] = { "integration", "connect", "QB Connect", "--no-browser", NULL };
  g_autofree char *port_text = NULL;
  g_autofree char *spec = NULL;
  g_autoptr(JsonNode) registered = NULL;
  guint status = 0;
  guint port;

  if (!keyring_available ())
    return;
  sandbox = sandbox_start (f);
  quickbooks = sandbox_url (sandbox, "quickbooks");
  token_url = g_strdup_printf ("%s/oauth2/v1/tokens/bearer", quickbooks);
  auth_url = g_strdup_printf ("%s/connect/oauth2", quickbooks);
  /* the listener's exact address is registered with the sandbox's app */
  port = free_port ();
  port_text = g_strdup_printf ("%u", port);
  spec = g_strdup_printf ("{\"redirect_uris\": [\"http://localhost:%u/callback\"]}", port);
  registered = sandbox_control (sandbox, "POST", "/quickbooks/settings", spec);
  added = ok_out (f, SANDBOX_QBO_SECRET "\n\n",
                  ARGS ("integration", "add", "--kind", "quickbooks", "--name", "QB Connect", "--base-url", quickbooks,
                        "--realm", "9130350000000001", "--client-id", "sandbox-qbo-client", "--token-url", token_url,
                        "--authorization-url", auth_url, "--redirect-port", port_text, "--sandbox"));
  assert_contains (added, "lumenctl integration connect \"QB Connect\"\n");
  {
    g_autoptr(Result) unconnected = failing (f, "QB Connect", ARGS ("integration", "test", "QB Connect"));
  }

  connect = spawn_lumenctl (f->db_path, args);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (connect));
  line = read_output_line (out, 60);
  g_assert_cmpstr (line, ==, "Open this address in a browser and allow Lumen to use the company:");
  address = read_output_line (out, 60);
  g_assert_true (g_str_has_prefix (address, auth_url));
  assert_contains (address, "client_id=sandbox-qbo-client&response_type=code");
  g_free (line);
  line = read_output_line (out, 60);
  g_assert_cmpstr (line, ==, "Waiting for QuickBooks to send the browser back to Lumen (Ctrl+C stops)…");

  /* the browser: the authorization page sends it back to Lumen's listener */
  page = http_request ("GET", address, NULL, &status);
  g_assert_cmpuint (status, ==, 200);

  g_free (line);
  line = read_output_line (out, 60);
  g_assert_cmpstr (line, ==, "“QB Connect” is connected to QuickBooks Online company 9130350000000001.");
  g_subprocess_wait (connect, NULL, NULL);
  g_assert_cmpint (g_subprocess_get_exit_status (connect), ==, 0);

  tested = ok_out (f, NULL, ARGS ("integration", "test", "QB Connect"));
  g_assert_cmpstr (tested, ==, "Connected to QB Connect: the authorization works and company 9130350000000001 "
                               "answers.\n");
  {
    g_autoptr(Result) not_qbo = failing (f, "Integration “Sandbox ShipStation” is not a QuickBooks Online integration",
                                         ARGS ("integration", "connect", "Sandbox ShipStation", "--no-browser"));
  }
  sandbox_stop (sandbox);
  assert_no_secret_on_disk (f);
}

/* The authorization page's redirect, not followed: the address the
 * browser ends on. */
static char *
authorization_redirect (const char *url)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  answer = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 302);
  return g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (message), "Location"));
}

/* `integration connect` with a redirect URI: the address the browser ends
 * on is pasted on standard input. */
static char *
connect_by_paste (Fixture    *f,
                  const char *name,
                  const char *redirect_uri,
                  gboolean    tamper,
                  int        *status)
{
  const char *args[] = { "integration", "connect", name, "--no-browser", NULL };
  g_autoptr(GSubprocess) connect = spawn_lumenctl_input (f->db_path, args);
  g_autoptr(GDataInputStream) out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (connect));
  g_autofree char *line = read_output_line (out, 60);
  g_autofree char *address = read_output_line (out, 60);
  g_autofree char *prompt = read_output_line (out, 60);
  g_autofree char *answer = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpstr (line, ==, "Open this address in a browser and allow Lumen to use the company:");
  assert_contains (prompt, redirect_uri);
  answer = authorization_redirect (address);
  g_assert_true (g_str_has_prefix (answer, redirect_uri));
  if (tamper)
    {
      /* an answer to another sign-in */
      char *state = strstr (answer, "state=");

      g_assert_nonnull (state);
      state[6] = state[6] == 'x' ? 'y' : 'x';
    }
  {
    g_autofree char *pasted = g_strdup_printf ("%s\n", answer);
    GOutputStream *in = g_subprocess_get_stdin_pipe (connect);

    g_assert_true (g_output_stream_write_all (in, pasted, strlen (pasted), NULL, NULL, NULL));
    g_output_stream_close (in, NULL, NULL);
  }
  g_free (line);
  line = read_output_line (out, 60);
  {
    g_autoptr(GDataInputStream) errors = g_data_input_stream_new (g_subprocess_get_stderr_pipe (connect));
    err = read_output_line (errors, 60);
  }
  g_subprocess_wait (connect, NULL, NULL);
  *status = g_subprocess_get_exit_status (connect);
  return g_strdup (*status == 0 ? line : err);
}

static void
test_quickbooks_paste (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(Sandbox) sandbox = NULL;
  g_autoptr(JsonNode) registered = NULL;
  g_autofree char *quickbooks = NULL;
  g_autofree char *token_url = NULL;
  g_autofree char *auth_url = NULL;
  g_autofree char *added = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *connected = NULL;
  g_autofree char *tested = NULL;
  const char *redirect = "https://lumen.example/intuit/callback";
  int status = 0;

  if (!keyring_available ())
    return;
  sandbox = sandbox_start (f);
  quickbooks = sandbox_url (sandbox, "quickbooks");
  token_url = g_strdup_printf ("%s/oauth2/v1/tokens/bearer", quickbooks);
  auth_url = g_strdup_printf ("%s/connect/oauth2", quickbooks);
  registered = sandbox_control (sandbox, "POST", "/quickbooks/settings",
                                "{\"redirect_uris\": [\"https://lumen.example/intuit/callback\"]}");
  added = ok_out (f, SANDBOX_QBO_SECRET "\n\n",
                  ARGS ("integration", "add", "--kind", "quickbooks", "--name", "QB Paste", "--base-url", quickbooks,
                        "--realm", "9130350000000001", "--client-id", "sandbox-qbo-client", "--token-url", token_url,
                        "--authorization-url", auth_url, "--redirect-uri", redirect, "--sandbox"));

  refused = connect_by_paste (f, "QB Paste", redirect, TRUE, &status);
  g_assert_cmpint (status, ==, 1);
  assert_contains (refused, "is not the one of this sign-in");
  g_assert_null (strstr (refused, "code="));

  connected = connect_by_paste (f, "QB Paste", redirect, FALSE, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (connected, ==, "“QB Paste” is connected to QuickBooks Online company 9130350000000001.");
  tested = ok_out (f, NULL, ARGS ("integration", "test", "QB Paste"));
  assert_contains (tested, "the authorization works");
  sandbox_stop (sandbox);
  assert_no_secret_on_disk (f);
}

/* No credentials over plain http to another computer, whatever the kind;
 * the sandbox on 127.0.0.1 is fine. */
static void
test_no_plain_http (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(Result) shipstation = failing (f, "Base URL “http://ssapi.shipstation.com” is refused",
                                           ARGS ("integration", "add", "--kind", "shipstation", "--name", "Plain",
                                                 "--base-url", "http://ssapi.shipstation.com"));
  g_autoptr(Result) token = failing (f, "Token URL “http://oauth.example/tokens” is refused",
                                     ARGS ("integration", "add", "--kind", "quickbooks", "--name", "Plain QB",
                                           "--realm", "1", "--client-id", "c", "--token-url",
                                           "http://oauth.example/tokens"));
  g_autoptr(Result) production = failing (f, "Redirect URI “http://localhost:8080/callback” is refused",
                                          ARGS ("integration", "add", "--kind", "quickbooks", "--name", "Plain QB",
                                                "--realm", "1", "--client-id", "c", "--redirect-uri",
                                                "http://localhost:8080/callback"));
  g_autofree char *local = NULL;
  g_autoptr(Result) edited = NULL;

  if (!keyring_available ())
    return;
  local = ok_out (f, "key\nsecret\n", ARGS ("integration", "add", "--kind", "shipstation", "--name", "Here",
                                            "--base-url", "http://127.0.0.1:4010"));
  edited = failing (f, "Base URL “http://extensiv.example” is refused",
                    ARGS ("integration", "edit", "Here", "--base-url", "http://extensiv.example"));
}

/* -- help --------------------------------------------------------------------------------- */

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(Result) main_help = run_argv (NULL, NULL, ARGS ("--help"));
  g_autoptr(Result) sync_help = run_argv (NULL, NULL, ARGS ("sync", "--help"));
  g_autoptr(Result) sandbox_help = run_argv (NULL, NULL, ARGS ("sandbox", "--help"));
  g_autoptr(Result) test_help_result = run_argv (NULL, NULL, ARGS ("channel", "test", "--help"));
  g_autoptr(Result) add_help = run_argv (NULL, NULL, ARGS ("integration", "add", "--help"));
  g_autoptr(Result) edit_help = run_argv (NULL, NULL, ARGS ("integration", "edit", "--help"));

  g_assert_cmpint (main_help->status, ==, 0);
  assert_contains (main_help->out, "\n  sync             Push the jobs that are due and poll shipments");
  assert_contains (main_help->out, "\n  sandbox          Run the local sandbox");
  assert_contains (main_help->out, "add|list|show|edit|delete|test|stores|connect");

  g_assert_cmpint (sync_help->status, ==, 0);
  assert_contains (sync_help->out, "lumenctl sync [OPTION…]");
  assert_contains (sync_help->out, "--interval=SECONDS");
  assert_contains (sync_help->out, "--no-poll");
  g_assert_cmpint (sandbox_help->status, ==, 0);
  assert_contains (sandbox_help->out, "lumenctl sandbox [OPTION…]");
  assert_contains (sandbox_help->out, "--fail-rate=F");
  assert_contains (sandbox_help->out, "--register");
  g_assert_cmpint (test_help_result->status, ==, 0);
  assert_contains (test_help_result->out, "lumenctl channel test [OPTION…] CHANNEL");
  assert_contains (test_help_result->out, "--export=FILE");
  assert_contains (test_help_result->out, "--keep-delay");

  /* secrets: on standard input, never as options */
  g_assert_cmpint (add_help->status, ==, 0);
  assert_contains (add_help->out, "read from standard input, one a line");
  assert_contains (add_help->out, "--environment=ENVIRONMENT");
  g_assert_null (strstr (add_help->out, "--api-key"));
  g_assert_null (strstr (add_help->out, "--secret"));
  assert_contains (edit_help->out, "--secrets ");
  assert_contains (edit_help->out, "--no-sandbox");
  g_assert_false (g_file_test (f->db_path, G_FILE_TEST_EXISTS));
}

/* The income accounts listed live, and --income-account checked against
 * them: an account that is not one of them is refused, naming it. */
static void
test_quickbooks_income_account (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(Sandbox) sandbox = NULL;
  g_autoptr(JsonNode) listed = NULL;
  g_autoptr(JsonNode) shown = NULL;
  g_autofree char *table = NULL;
  g_autofree char *edited = NULL;

  if (!keyring_available ())
    return;
  sandbox = sandbox_start (f);
  table = ok_out (f, NULL, ARGS ("integration", "accounts", "Sandbox QuickBooks"));
  assert_contains (table, "79");
  assert_contains (table, "Sales of Product Income");
  g_assert_null (strstr (table, "Checking"));
  listed = ok_json (f, ARGS ("integration", "accounts", "Sandbox QuickBooks"));
  assert_json (listed, "[ { \"id\": \"1\", \"name\": \"Services\" },"
                       "  { \"id\": \"45\", \"name\": \"Landscaping Services\" },"
                       "  { \"id\": \"79\", \"name\": \"Sales of Product Income\" },"
                       "  { \"id\": \"82\", \"name\": \"Design income\" } ]");

  {
    /* 35 is the company's checking account, not an income account */
    g_autoptr(Result) refused = failing (f, "Income account “35” is not an income account",
                                         ARGS ("integration", "edit", "Sandbox QuickBooks", "--income-account", "35"));
    g_autoptr(Result) not_qbo = failing (f, "is not a QuickBooks Online integration",
                                         ARGS ("integration", "accounts", "Sandbox ShipStation"));

    assert_contains (refused->err, "82 (Design income)");
  }
  shown = ok_json (f, ARGS ("integration", "show", "Sandbox QuickBooks"));
  g_assert_cmpstr (json_str (json_member (shown, "settings"), "income_account_id"), ==, "79");

  edited = ok_out (f, NULL, ARGS ("integration", "edit", "Sandbox QuickBooks", "--income-account", "82"));
  assert_contains (edited, "income_account_id=82");
  sandbox_stop (sandbox);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/cli/" path, Fixture, NULL, set_up, func, tear_down)

  ADD ("sandbox/register", test_sandbox_register);
  ADD ("sandbox/ship", test_sandbox_ship);
  ADD ("warehouse/link", test_warehouse_link);
  ADD ("integration/secrets", test_secrets);
  ADD ("integration/quickbooks-connect", test_quickbooks_connect);
  ADD ("integration/quickbooks-income-account", test_quickbooks_income_account);
  ADD ("integration/quickbooks-paste", test_quickbooks_paste);
  ADD ("integration/no-plain-http", test_no_plain_http);
  ADD ("sync/order-flow", test_sync_order_flow);
  ADD ("sync/failures", test_sync_failures);
  ADD ("sync/watch", test_sync_watch);
  ADD ("sync/help", test_help);

#undef ADD

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lumenctl driven as a user drives it: the built binary ($LUMENCTL) in a
 * subprocess, each test on its own database in its private directories
 * (G_TEST_OPTION_ISOLATE_DIRS). Output is checked key by key; a refused
 * command must exit 1 with one line on stderr naming the value, and leave
 * every row of every table and every byte of the file as it was.
 */
#include <string.h>

#include "lumctl-test.h"

/* -- set-up shared by the tests ------------------------------------------- */

/* Three integrations (ids 1–3), a second warehouse group and invoice type.
 * FALSE when the test is skipped: the secrets need a Secret Service. */
static gboolean
add_setup (Fixture *f)
{
  g_autoptr(Result) a = NULL;
  g_autoptr(Result) b = NULL;
  g_autoptr(Result) c = NULL;
  g_autofree char *d = NULL;
  g_autofree char *e = NULL;

  if (!keyring_available ())
    return FALSE;
  a = run_input (f, SHIPSTATION_SECRETS, "integration", "add", "--kind", "shipstation", "--name",
                 "Sandbox ShipStation", NULL);
  b = run_input (f, EXTENSIV_SECRETS, "integration", "add", "--kind", "extensiv", "--name", "Sandbox 3PL",
                 "--base-url", "http://127.0.0.1:9/", "--client-id", "3pl-client",
                 "--tpl", "{0c7b-tpl}", "--user-login-id", "17", "--customer-id", "42",
                 "--facility-id", "3", NULL);
  c = run_input (f, QUICKBOOKS_SECRETS, "integration", "add", "--kind", "quickbooks", "--name", "Sandbox QuickBooks",
                 "--realm", "4620816365", "--client-id", "qb-client", NULL);
  g_assert_cmpint (a->status + b->status + c->status, ==, 0);
  g_assert_cmpstr (a->err, ==, "");
  g_assert_cmpstr (b->err, ==, "");
  g_assert_cmpstr (c->err, ==, "");
  d = run_ok (f, "warehouse-group", "create", "East Coast Group", "--warehouse", "MAIN", NULL);
  e = run_ok (f, "invoice-type", "add", "Pro Forma", NULL);
  return TRUE;
}

/* The channel of the design, every option given; names in other cases
 * than stored, since they are found case-insensitively. */
#define WHOLESALE_ARGS \
  "channel", "create", "--name", "Wholesale Sales Channel", \
  "--warehouse-group", "east coast GROUP", "--internal", \
  "--description", "Orders taken by the account managers", \
  "--tag", "wholesale", "--tag", "east coast", \
  "--push-to-oms", "--integration", "SANDBOX SHIPSTATION", "--store", "1001", "--store-name", "Wholesale store", \
  "--push-delay", "15", "--fulfillment-updates", \
  "--map", "shipping_notes=shippingNotes", "--map", "shipping_type=routingInfo.mode", \
  "--map", "po_number=advancedOptions.customField1", \
  "--flow", "so-first", "--invoice-type", "pro forma", "--invoice-timing", "shipment-created", \
  "--accounting", "sandbox quickbooks"

#define WHOLESALE_JSON \
  "{ \"id\": 1, \"name\": \"Wholesale Sales Channel\", \"warehouse_group\": \"East Coast Group\"," \
  "  \"internal\": true, \"description\": \"Orders taken by the account managers\"," \
  "  \"tags\": [\"wholesale\", \"east coast\"], \"push_to_oms\": true," \
  "  \"oms_integration\": \"Sandbox ShipStation\", \"oms_store_id\": \"1001\"," \
  "  \"oms_store_name\": \"Wholesale store\", \"push_delay_minutes\": 15," \
  "  \"push_fulfillment_updates\": true, \"when_short\": \"hold\"," \
  "  \"field_mappings\": [" \
  "    { \"lumen_field\": \"shipping_notes\", \"remote_field\": \"shippingNotes\" }," \
  "    { \"lumen_field\": \"shipping_type\", \"remote_field\": \"routingInfo.mode\" }," \
  "    { \"lumen_field\": \"po_number\", \"remote_field\": \"advancedOptions.customField1\" } ]," \
  "  \"order_flow\": \"so-first\", \"invoice_type\": \"Pro Forma\", \"invoice_timing\": \"shipment-created\"," \
  "  \"accounting_integration\": \"Sandbox QuickBooks\", \"archived\": false }"

/* A channel given only its name: the defaults of the set-up. */
#define RETAIL_JSON \
  "{ \"id\": 2, \"name\": \"Retail\", \"warehouse_group\": \"Default Warehouse Group\"," \
  "  \"internal\": false, \"description\": \"\", \"tags\": [], \"push_to_oms\": false," \
  "  \"oms_integration\": null, \"oms_store_id\": null, \"oms_store_name\": null," \
  "  \"push_delay_minutes\": null, \"push_fulfillment_updates\": false, \"when_short\": \"hold\"," \
  "  \"field_mappings\": []," \
  "  \"order_flow\": \"so-first\", \"invoice_type\": \"Standard\", \"invoice_timing\": \"so-created\"," \
  "  \"accounting_integration\": null, \"archived\": false }"

static void
create_wholesale (Fixture *f)
{
  g_autoptr(JsonNode) created = run_json (f, WHOLESALE_ARGS, NULL);
  assert_json (created, WHOLESALE_JSON);
}

/* -- channels ------------------------------------------------------------ */

static void
test_channel_create_show (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(JsonNode) by_name = NULL;
  g_autoptr(JsonNode) by_other_case = NULL;
  g_autoptr(JsonNode) by_id = NULL;
  g_autoptr(Result) create_again = NULL;

  if (!add_setup (f))
    return;
  create_wholesale (f);

  by_name = run_json (f, "channel", "show", "Wholesale Sales Channel", NULL);
  assert_json (by_name, WHOLESALE_JSON);
  by_other_case = run_json (f, "channel", "show", "wholesale sales CHANNEL", NULL);
  assert_json (by_other_case, WHOLESALE_JSON);
  by_id = run_json (f, "channel", "show", "1", NULL);
  assert_json (by_id, WHOLESALE_JSON);

  /* a number, not a string; an object, not an array */
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (json_node_get_object (by_name),
                                                                     "push_delay_minutes")),
                   ==, G_TYPE_INT64);
  g_assert_cmpuint (json_object_get_size (json_node_get_object (by_name)), ==, 19);

  /* the same create again is refused: the name is taken */
  create_again = run (f, WHOLESALE_ARGS, NULL);
  g_assert_cmpint (create_again->status, ==, 1);
  assert_one_error_line (create_again->err, "“Wholesale Sales Channel” is already used");
}

static void
test_channel_create_text (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *shown = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) continuations = g_ptr_array_new_with_free_func (g_free);
  glong column = -1;

  if (!add_setup (f))
    return;
  out = run_ok (f, WHOLESALE_ARGS, NULL);
  lines = g_strsplit (out, "\n", -1);

  /* "Label:   value", every value in the same column */
  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      const char *colon = strstr (lines[i], ": ");
      const char *value;

      if (g_str_has_prefix (lines[i], " "))
        {
          /* a further line of the value above */
          value = lines[i] + strspn (lines[i], " ");
          g_assert_cmpint (value - lines[i], ==, column);
          g_ptr_array_add (continuations, g_strdup (value));
          continue;
        }
      g_assert_nonnull (colon);
      value = colon + 1 + strspn (colon + 1, " ");
      if (column < 0)
        column = value - lines[i];
      g_assert_cmpint (value - lines[i], ==, column);
      g_hash_table_insert (values, g_strndup (lines[i], colon - lines[i]), g_strdup (value));
    }

  g_assert_cmpuint (g_hash_table_size (values), ==, 19); /* the store: one line for id and name */
  g_assert_cmpstr (g_hash_table_lookup (values, "Name"), ==, "Wholesale Sales Channel");
  g_assert_cmpstr (g_hash_table_lookup (values, "Version"), ==, "1");
  g_assert_cmpstr (g_hash_table_lookup (values, "ID"), ==, "1");
  g_assert_cmpstr (g_hash_table_lookup (values, "Warehouse group"), ==, "East Coast Group");
  g_assert_cmpstr (g_hash_table_lookup (values, "Internal"), ==, "yes");
  g_assert_cmpstr (g_hash_table_lookup (values, "Tags"), ==, "wholesale, east coast");
  g_assert_cmpstr (g_hash_table_lookup (values, "OMS integration"), ==, "Sandbox ShipStation");
  g_assert_cmpstr (g_hash_table_lookup (values, "Store"), ==, "Wholesale store (1001)");
  g_assert_cmpstr (g_hash_table_lookup (values, "Push timing"), ==, "15 minutes after posting");
  g_assert_cmpstr (g_hash_table_lookup (values, "Fulfillment updates"), ==, "yes");
  g_assert_cmpstr (g_hash_table_lookup (values, "When short"), ==, "hold for the preferred warehouse");
  g_assert_cmpstr (g_hash_table_lookup (values, "Field mappings"), ==, "shipping_notes → shippingNotes");
  g_assert_cmpstr (g_hash_table_lookup (values, "Invoice type"), ==, "Pro Forma");
  g_assert_cmpstr (g_hash_table_lookup (values, "Accounting"), ==, "Sandbox QuickBooks");
  g_assert_cmpstr (g_hash_table_lookup (values, "Archived"), ==, "no");
  g_assert_cmpstr (g_hash_table_lookup (values, "Version"), ==, "1");
  /* the other mapping rows, under the first; no other value has two lines */
  g_assert_cmpuint (continuations->len, ==, 2);
  g_assert_cmpstr (continuations->pdata[0], ==, "shipping_type → routingInfo.mode");
  g_assert_cmpstr (continuations->pdata[1], ==, "po_number → advancedOptions.customField1");

  /* `show` prints what `create` printed */
  shown = run_ok (f, "channel", "show", "wholesale sales channel", NULL);
  g_assert_cmpstr (shown, ==, out);
}

static void
test_channel_list (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JsonNode) empty = NULL;
  g_autoptr(JsonNode) retail = NULL;
  g_autoptr(JsonNode) unicode = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *expected = NULL;
  const char *name_column;

  if (!add_setup (f))
    return;
  empty = run_json (f, "channel", "list", NULL);
  assert_json (empty, "[]");

  create_wholesale (f);
  retail = run_json (f, "channel", "create", "--name", "  Retail  ", NULL);
  assert_json (retail, RETAIL_JSON);
  unicode = run_json (f, "channel", "create", "--name", "Großhandel Süd", "--tag", "Frühjahr", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (unicode), "name"), ==, "Großhandel Süd");

  /* sorted by name; each element is what `show` prints */
  list = run_json (f, "channel", "list", NULL);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (list));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 3);
  expected = g_strdup_printf ("[ { \"id\": 3, \"name\": \"Großhandel Süd\", \"warehouse_group\": \"Default Warehouse Group\","
                              "  \"internal\": false, \"description\": \"\", \"tags\": [\"Frühjahr\"],"
                              "  \"push_to_oms\": false, \"oms_integration\": null, \"oms_store_id\": null,"
                              "  \"oms_store_name\": null, \"push_delay_minutes\": null,"
                              "  \"push_fulfillment_updates\": false, \"when_short\": \"hold\", \"field_mappings\": [],"
                              "  \"order_flow\": \"so-first\", \"invoice_type\": \"Standard\","
                              "  \"invoice_timing\": \"so-created\", \"accounting_integration\": null,"
                              "  \"archived\": false }, %s, %s ]",
                              RETAIL_JSON, WHOLESALE_JSON);
  assert_json (list, expected);

  /* a table: a header, one row a channel, the names in one column */
  text = run_ok (f, "channel", "list", NULL);
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_true (g_str_has_prefix (lines[0], "ID  Name "));
  g_assert_cmpstr (lines[4], ==, "");
  name_column = strstr (lines[0], "Name");
  g_assert_true (g_str_has_prefix (lines[1], "3   Großhandel Süd "));
  g_assert_true (g_str_has_prefix (lines[2] + (name_column - lines[0]), "Retail "));
  g_assert_true (g_str_has_prefix (lines[3] + (name_column - lines[0]), "Wholesale Sales Channel "));
  g_assert_nonnull (strstr (lines[3], "Sandbox ShipStation · Wholesale store · after 15 min"));
  g_assert_nonnull (strstr (lines[3], "wholesale, east coast"));
  g_assert_null (strstr (lines[2], "Sandbox"));
}

static void
test_channel_edit (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JsonNode) edited = NULL;
  g_autoptr(JsonNode) shown = NULL;
  g_autoptr(JsonNode) described = NULL;
  g_autoptr(JsonNode) cleared = NULL;
  g_autoptr(JsonNode) unpushed = NULL;
  g_autoptr(JsonNode) invoice_first = NULL;
  g_autoptr(JsonNode) so_first = NULL;

  if (!add_setup (f))
    return;
  create_wholesale (f);

  /* one option: only that key changes */
  described = run_json (f, "channel", "edit", "wholesale sales channel", "--description", "Key accounts", NULL);
  {
    g_autoptr(JsonNode) expected = parse_json (WHOLESALE_JSON);
    json_object_set_string_member (json_node_get_object (expected), "description", "Key accounts");
    assert_node_equal ("$", expected, described);
  }

  /* a blank delay is "immediately" (null); any --map replaces all mappings */
  edited = run_json (f, "channel", "edit", "Wholesale Sales Channel",
                     "--name", "Wholesale East", "--push-delay", "",
                     "--map", "customer_email=advancedOptions.customField3",
                     "--map", "gift_message=savedElements[name=GiftMessage]",
                     "--tag", "key accounts", "--store", "2002", "--no-internal",
                     "--warehouse-group", "Default Warehouse Group", "--invoice-type", "Standard",
                     "--invoice-timing", "so-created", NULL);
  assert_json (edited,
               "{ \"id\": 1, \"name\": \"Wholesale East\", \"warehouse_group\": \"Default Warehouse Group\","
               "  \"internal\": false, \"description\": \"Key accounts\", \"tags\": [\"key accounts\"],"
               "  \"push_to_oms\": true, \"oms_integration\": \"Sandbox ShipStation\", \"oms_store_id\": \"2002\","
               "  \"oms_store_name\": null, \"push_delay_minutes\": null, \"push_fulfillment_updates\": true, \"when_short\": \"hold\","
               "  \"field_mappings\": ["
               "    { \"lumen_field\": \"customer_email\", \"remote_field\": \"advancedOptions.customField3\" },"
               "    { \"lumen_field\": \"gift_message\", \"remote_field\": \"savedElements[name=GiftMessage].value\" } ],"
               "  \"order_flow\": \"so-first\", \"invoice_type\": \"Standard\", \"invoice_timing\": \"so-created\","
               "  \"accounting_integration\": \"Sandbox QuickBooks\", \"archived\": false }");
  /* what edit printed is what was stored */
  shown = run_json (f, "channel", "show", "wholesale east", NULL);
  assert_node_equal ("$", edited, shown);

  cleared = run_json (f, "channel", "edit", "1", "--clear-maps", "--clear-tags", "--push-delay", "0", NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (cleared),
                                                                         "field_mappings")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (cleared),
                                                                         "tags")), ==, 0);
  /* 0 minutes is a delay, not "immediately" */
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (cleared), "push_delay_minutes"), ==, 0);
  g_assert_false (json_object_get_null_member (json_node_get_object (cleared), "push_delay_minutes"));

  /* no push: no destination, no fulfillment updates, no accounting */
  unpushed = run_json (f, "channel", "edit", "1", "--no-push-to-oms", "--accounting", "none", NULL);
  assert_json (unpushed,
               "{ \"id\": 1, \"name\": \"Wholesale East\", \"warehouse_group\": \"Default Warehouse Group\","
               "  \"internal\": false, \"description\": \"Key accounts\", \"tags\": [],"
               "  \"push_to_oms\": false, \"oms_integration\": null, \"oms_store_id\": null,"
               "  \"oms_store_name\": null, \"push_delay_minutes\": 0, \"push_fulfillment_updates\": false, \"when_short\": \"hold\","
               "  \"field_mappings\": [], \"order_flow\": \"so-first\", \"invoice_type\": \"Standard\","
               "  \"invoice_timing\": \"so-created\", \"accounting_integration\": null, \"archived\": false }");

  /* invoice-first has no invoice timing; back to so-first with one */
  invoice_first = run_json (f, "channel", "edit", "1", "--internal", "--flow", "invoice-first", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (invoice_first), "order_flow"), ==, "invoice-first");
  g_assert_true (json_object_get_null_member (json_node_get_object (invoice_first), "invoice_timing"));
  so_first = run_json (f, "channel", "edit", "1", "--flow", "so-first", "--invoice-timing", "shipment-created", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (so_first), "order_flow"), ==, "so-first");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (so_first), "invoice_timing"), ==, "shipment-created");
}

static void
test_channel_archive (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(JsonNode) retail = NULL;
  g_autoptr(JsonNode) archived = NULL;
  g_autoptr(JsonNode) listed = NULL;
  g_autoptr(JsonNode) listed_all = NULL;
  g_autoptr(JsonNode) shown = NULL;
  g_autoptr(JsonNode) unarchived = NULL;
  g_autoptr(JsonNode) listed_again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_back = NULL;
  g_autofree char *table = NULL;

  if (!add_setup (f))
    return;
  create_wholesale (f);
  retail = run_json (f, "channel", "create", "--name", "Retail", NULL);

  archived = run_json (f, "channel", "archive", "RETAIL", NULL);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (archived), "archived"));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (archived), "name"), ==, "Retail");

  listed = run_json (f, "channel", "list", NULL);
  assert_json (listed, "[" WHOLESALE_JSON "]");
  listed_all = run_json (f, "channel", "list", "--archived", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (listed_all)), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (listed_all), 0),
                                                  "name"), ==, "Retail");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (json_node_get_array (listed_all), 0),
                                                 "archived"));
  table = run_ok (f, "channel", "list", "--archived", NULL);
  g_assert_nonnull (strstr (table, "archived\n"));

  shown = run_json (f, "channel", "show", "Retail", NULL);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (shown), "archived"));

  unarchived = run_json (f, "channel", "archive", "Retail", "--unarchive", NULL);
  assert_json (unarchived, RETAIL_JSON);
  listed_again = run_json (f, "channel", "list", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (listed_again)), ==, 2);

  text = run_ok (f, "channel", "archive", "2", NULL);
  g_assert_cmpstr (text, ==, "Channel “Retail” is archived.\n");
  text_back = run_ok (f, "channel", "archive", "2", "--unarchive", NULL);
  g_assert_cmpstr (text_back, ==, "Channel “Retail” is no longer archived.\n");
}

/* -- set-up lists -------------------------------------------------------- */

static void
test_warehouse_groups (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(JsonNode) seeded = NULL;
  g_autoptr(JsonNode) created = NULL;
  g_autoptr(JsonNode) plain = NULL;
  g_autoptr(JsonNode) listed = NULL;
  g_autoptr(JsonNode) channel = NULL;
  g_autofree char *table = NULL;

  seeded = run_json (f, "warehouse-group", "list", NULL);
  assert_json (seeded, "[ { \"id\": 1, \"name\": \"Default Warehouse Group\", \"default\": true, \"ship_from_rule\": \"preference\","
                       "    \"warehouses\": [ { \"code\": \"MAIN\", \"name\": \"Main Warehouse\" } ] } ]");

  created = run_json (f, "warehouse-group", "create", "East Coast", "--warehouse", "MAIN",
                      "--warehouse", "MAIN", "--default", NULL);
  assert_json (created, "{ \"id\": 2, \"name\": \"East Coast\", \"default\": true, \"ship_from_rule\": \"preference\","
                        "  \"warehouses\": [ { \"code\": \"MAIN\", \"name\": \"Main Warehouse\" } ] }");
  plain = run_json (f, "warehouse-group", "create", "West", NULL);
  assert_json (plain, "{ \"id\": 3, \"name\": \"West\", \"default\": false, \"ship_from_rule\": \"preference\", \"warehouses\": [] }");

  /* exactly one default, listed first */
  listed = run_json (f, "warehouse-group", "list", NULL);
  assert_json (listed,
               "[ { \"id\": 2, \"name\": \"East Coast\", \"default\": true, \"ship_from_rule\": \"preference\","
               "    \"warehouses\": [ { \"code\": \"MAIN\", \"name\": \"Main Warehouse\" } ] },"
               "  { \"id\": 1, \"name\": \"Default Warehouse Group\", \"default\": false, \"ship_from_rule\": \"preference\","
               "    \"warehouses\": [ { \"code\": \"MAIN\", \"name\": \"Main Warehouse\" } ] },"
               "  { \"id\": 3, \"name\": \"West\", \"default\": false, \"ship_from_rule\": \"preference\", \"warehouses\": [] } ]");

  /* a new channel gets the new default */
  channel = run_json (f, "channel", "create", "--name", "Retail", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (channel), "warehouse_group"), ==, "East Coast");

  table = run_ok (f, "warehouse-group", "list", NULL);
  g_assert_cmpstr (table, ==,
                   "ID  Name                     Default  Warehouses\n"
                   "2   East Coast               default  MAIN\n"
                   "1   Default Warehouse Group           MAIN\n"
                   "3   West\n");
}

static void
test_invoice_types (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JsonNode) seeded = NULL;
  g_autoptr(JsonNode) added = NULL;
  g_autoptr(JsonNode) listed = NULL;
  g_autoptr(JsonNode) channel = NULL;
  g_autofree char *table = NULL;

  seeded = run_json (f, "invoice-type", "list", NULL);
  assert_json (seeded, "[ { \"id\": 1, \"name\": \"Standard\" } ]");
  added = run_json (f, "invoice-type", "add", "Pro Forma", NULL);
  assert_json (added, "{ \"id\": 2, \"name\": \"Pro Forma\" }");
  listed = run_json (f, "invoice-type", "list", NULL);
  assert_json (listed, "[ { \"id\": 1, \"name\": \"Standard\" }, { \"id\": 2, \"name\": \"Pro Forma\" } ]");

  channel = run_json (f, "channel", "create", "--name", "Retail", "--invoice-type", "PRO FORMA", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (channel), "invoice_type"), ==, "Pro Forma");

  table = run_ok (f, "invoice-type", "list", NULL);
  g_assert_cmpstr (table, ==, "ID  Name\n1   Standard\n2   Pro Forma\n");
}

static void
test_integrations (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JsonNode) empty = NULL;
  g_autoptr(JsonNode) shipstation = NULL;
  g_autoptr(JsonNode) extensiv = NULL;
  g_autoptr(JsonNode) quickbooks = NULL;
  g_autoptr(Result) second = NULL;

  if (!keyring_available ())
    return;
  empty = run_json (f, "integration", "list", NULL);
  assert_json (empty, "[]");

  /* the kind's public API unless told otherwise */
  shipstation = run_json_input (f, SHIPSTATION_SECRETS, "integration", "add", "--kind", "shipstation",
                                "--name", "Sandbox ShipStation", NULL);
  assert_json (shipstation, "{ \"id\": 1, \"kind\": \"shipstation\", \"name\": \"Sandbox ShipStation\","
                            "  \"base_url\": \"https://ssapi.shipstation.com\", \"settings\": {} }");

  extensiv = run_json_input (f, EXTENSIV_SECRETS, "integration", "add", "--kind", "extensiv", "--name", " Sandbox 3PL ",
                       "--base-url", "http://127.0.0.1:9/", "--client-id", "3pl-client", "--tpl", "{0c7b-tpl}",
                       "--user-login-id", "17", "--customer-id", "42", "--facility-id", "3", NULL);
  assert_json (extensiv, "{ \"id\": 2, \"kind\": \"extensiv\", \"name\": \"Sandbox 3PL\","
                         "  \"base_url\": \"http://127.0.0.1:9\","
                         "  \"settings\": { \"client_id\": \"3pl-client\", \"customer_id\": \"42\","
                         "                  \"facility_id\": \"3\", \"tpl\": \"{0c7b-tpl}\", \"user_login_id\": \"17\" } }");

  quickbooks = run_json_input (f, QUICKBOOKS_SECRETS, "integration", "add", "--kind", "quickbooks",
                               "--name", "Sandbox QuickBooks", "--realm", "4620816365", "--client-id", "qb-client",
                               NULL);
  assert_json (quickbooks, "{ \"id\": 3, \"kind\": \"quickbooks\", \"name\": \"Sandbox QuickBooks\","
                           "  \"base_url\": \"https://quickbooks.api.intuit.com\","
                           "  \"settings\": { \"client_id\": \"qb-client\", \"realm_id\": \"4620816365\" } }");

  second = run_input (f, SHIPSTATION_SECRETS, "integration", "add", "--kind", "shipstation", "--name", "Second Store",
                      "--base-url", "https://ssapi.example.com", NULL);
  g_assert_cmpint (second->status, ==, 0);
  g_assert_cmpstr (second->err, ==, "");
  g_assert_cmpstr (second->out, ==,
                   "Name:      Second Store\n"
                   "ID:        4\n"
                   "Kind:      ShipStation\n"
                   "Base URL:  https://ssapi.example.com\n"
                   "Settings:  none\n");
}

static void
test_integration_list (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(JsonNode) listed = NULL;
  g_autofree char *table = NULL;
  g_auto(GStrv) lines = NULL;

  if (!add_setup (f))
    return;
  listed = run_json (f, "integration", "list", NULL);
  /* sorted by name; settings without secrets; no trailing slash */
  assert_json (listed,
               "[ { \"id\": 2, \"kind\": \"extensiv\", \"name\": \"Sandbox 3PL\", \"base_url\": \"http://127.0.0.1:9\","
               "    \"settings\": { \"client_id\": \"3pl-client\", \"customer_id\": \"42\", \"facility_id\": \"3\","
               "                    \"tpl\": \"{0c7b-tpl}\", \"user_login_id\": \"17\" } },"
               "  { \"id\": 3, \"kind\": \"quickbooks\", \"name\": \"Sandbox QuickBooks\","
               "    \"base_url\": \"https://quickbooks.api.intuit.com\","
               "    \"settings\": { \"client_id\": \"qb-client\", \"realm_id\": \"4620816365\" } },"
               "  { \"id\": 1, \"kind\": \"shipstation\", \"name\": \"Sandbox ShipStation\","
               "    \"base_url\": \"https://ssapi.shipstation.com\", \"settings\": {} } ]");

  table = run_ok (f, "integration", "list", NULL);
  lines = g_strsplit (table, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_true (g_str_has_prefix (lines[0], "ID  Name                 Kind "));
  g_assert_true (g_str_has_prefix (lines[1], "2   Sandbox 3PL          Extensiv 3PL Warehouse Manager  http://127.0.0.1:9 "));
  g_assert_true (g_str_has_suffix (lines[2], "client_id=qb-client, realm_id=4620816365"));
  g_assert_true (g_str_has_prefix (lines[3], "1   Sandbox ShipStation  ShipStation "));
}

/* -- refusals ------------------------------------------------------------ */

typedef struct
{
  const char *needle;
  const char *args[20];
  const char *input;
} Refusal;

#define LONG_TAG "abcdefghijklmnopqrstuvwxyzabcdefghijklmno" /* 41 characters */
#define LONG_NAME_40 "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"
#define LONG_NAME LONG_NAME_40 LONG_NAME_40 LONG_NAME_40 "n" /* 121 */

static const Refusal refused_values[] = {
  { "“RETAIL” is already used", { "channel", "create", "--name", "RETAIL", NULL } },
  { "“wholesale sales channel” is already used", { "channel", "edit", "Retail", "--name", "wholesale sales channel",
                                                   "--description", "renamed", NULL } },
  { "Name is empty", { "channel", "create", "--name", "", NULL } },
  { "“" LONG_NAME_40 "…” is 121 characters long", { "channel", "create", "--name", LONG_NAME, NULL } },
  { "Push delay “abc”", { "channel", "create", "--name", "New", "--push-to-oms", "--integration", "Sandbox ShipStation",
                          "--store", "1", "--push-delay", "abc", NULL } },
  { "Push delay “10081”", { "channel", "edit", "Wholesale Sales Channel", "--push-delay", "10081", NULL } },
  { "Push delay “-1”", { "channel", "edit", "Wholesale Sales Channel", "--push-delay", "-1", NULL } },
  { "Push delay “1.5”", { "channel", "edit", "Wholesale Sales Channel", "--push-delay", "1.5", NULL } },
  { "Order flow “sideways”", { "channel", "edit", "Wholesale Sales Channel", "--flow", "sideways", NULL } },
  { "Invoice timing “later”", { "channel", "edit", "Wholesale Sales Channel", "--invoice-timing", "later", NULL } },
  { "Field mapping “shipping_notes”", { "channel", "edit", "Wholesale Sales Channel", "--map", "shipping_notes", NULL } },
  { "Lumen field “bogus_field”", { "channel", "edit", "Wholesale Sales Channel", "--map", "bogus_field=notes", NULL } },
  { "“1abc”", { "channel", "edit", "Wholesale Sales Channel", "--map", "shipping_notes=1abc", NULL } },
  { "remote field “shippingNotes” is already mapped", { "channel", "edit", "Wholesale Sales Channel",
                                                         "--map", "shipping_notes=shippingNotes",
                                                         "--map", "gift_message=shippingNotes", NULL } },
  { "overlaps “advancedOptions.customField1”", { "channel", "edit", "Wholesale Sales Channel",
                                     "--map", "gift_message=advancedOptions.customField1",
                                     "--map", "shipping_notes=advancedOptions.customField1.x", NULL } },
  { "Lumen fills “orderKey” itself", { "channel", "edit", "Wholesale Sales Channel",
                                       "--map", "shipping_notes=orderKey", NULL } },
  { "Accounting integration “Sandbox 3PL”", { "channel", "edit", "Wholesale Sales Channel", "--accounting", "Sandbox 3PL", NULL } },
  { "Accounting integration “Nowhere” does not exist", { "channel", "edit", "Wholesale Sales Channel",
                                                          "--accounting", "Nowhere", NULL } },
  { "OMS integration “Sandbox QuickBooks”", { "channel", "edit", "Wholesale Sales Channel",
                                               "--integration", "sandbox quickbooks", NULL } },
  { "OMS integration “Nowhere” does not exist", { "channel", "edit", "Wholesale Sales Channel",
                                                   "--integration", "Nowhere", NULL } },
  { "Warehouse group “Nowhere” does not exist", { "channel", "edit", "Wholesale Sales Channel",
                                                   "--warehouse-group", "Nowhere", NULL } },
  { "Invoice type “Nowhere” does not exist", { "channel", "create", "--name", "New", "--invoice-type", "Nowhere", NULL } },
  { "Order flow “Invoice first, then sales order” needs an internal channel",
    { "channel", "edit", "Retail", "--flow", "invoice-first", NULL } },
  { "Automatically Push Fulfillment Updates is on, but Push Sales Orders to OMS is off",
    { "channel", "edit", "Retail", "--fulfillment-updates", NULL } },
  { "Push Sales Orders to OMS is on, but no OMS integration", { "channel", "create", "--name", "New", "--push-to-oms", NULL } },
  { "Store is empty: choose the store of “Sandbox ShipStation”",
    { "channel", "create", "--name", "New", "--push-to-oms", "--integration", "Sandbox ShipStation", NULL } },
  { "OMS destination “5”", { "channel", "create", "--name", "New", "--store", "5", NULL } },
  { "OMS destination “Sandbox ShipStation”", { "channel", "edit", "Wholesale Sales Channel", "--no-push-to-oms",
                                              "--integration", "Sandbox ShipStation", NULL } },
  { "Tag “abcdefghijklmnopqrstuvwxyzabcdefghijklmn…” is 41 characters long; at most 40", { "channel", "edit", "Retail", "--tag", "ok", "--tag", LONG_TAG, NULL } },
  { "Channel “Nowhere” does not exist", { "channel", "edit", "Nowhere", "--internal", NULL } },
  { "Channel “Nowhere” does not exist", { "channel", "archive", "Nowhere", NULL } },
  { "Channel “Nowhere” does not exist", { "channel", "show", "Nowhere", NULL } },
  { "“east coast group” is already used", { "warehouse-group", "create", "east coast group", NULL } },
  { "Warehouse “NOWHERE” does not exist", { "warehouse-group", "create", "Fresh", "--warehouse", "NOWHERE", NULL } },
  { "Warehouse group name “ ”", { "warehouse-group", "create", " ", NULL } },
  { "“STANDARD” is already used", { "invoice-type", "add", "STANDARD", NULL } },
  { "Invoice type name “”", { "invoice-type", "add", "", NULL } },
  { "Integration kind “fedex”", { "integration", "add", "--kind", "fedex", "--name", "New", NULL } },
  { "“sandbox shipstation” is already used", { "integration", "add", "--kind", "shipstation", "--name",
                                              "sandbox shipstation", NULL }, SHIPSTATION_SECRETS },
  { "Base URL “ftp://example.com”", { "integration", "add", "--kind", "shipstation", "--name", "New",
                                      "--base-url", "ftp://example.com", NULL }, SHIPSTATION_SECRETS },
  { "Base URL “not a url”", { "integration", "add", "--kind", "shipstation", "--name", "New",
                              "--base-url", "not a url", NULL }, SHIPSTATION_SECRETS },
  { "Environment “staging”", { "integration", "add", "--kind", "quickbooks", "--name", "New", "--realm", "1",
                               "--client-id", "c", "--environment", "staging", NULL }, QUICKBOOKS_SECRETS },
  { "--environment “sandbox” does not apply to a ShipStation integration",
    { "integration", "add", "--kind", "shipstation", "--name", "New", "--environment", "sandbox", NULL } },
  { "--token-url “http://t”", { "integration", "add", "--kind", "extensiv", "--name", "New", "--token-url",
                                "http://t", NULL } },
  { "Option --tpl is empty", { "integration", "edit", "Sandbox 3PL", "--tpl", "", NULL } },
  { "--realm “R2”", { "integration", "edit", "Sandbox 3PL", "--realm", "R2", NULL } },
  { "“sandbox 3pl” is already used", { "integration", "edit", "Sandbox ShipStation", "--name", "sandbox 3pl", NULL } },
  { "Integration “Nowhere” does not exist", { "integration", "edit", "Nowhere", "--name", "X", NULL } },
  { "Integration “Nowhere” does not exist", { "integration", "show", "Nowhere", NULL } },
  { "Integration “Nowhere” does not exist", { "integration", "delete", "Nowhere", NULL } },
  { "Integration “Sandbox ShipStation” is used by channel “Wholesale Sales Channel”",
    { "integration", "delete", "sandbox shipstation", NULL } },
  { "Integration “Sandbox QuickBooks” is used by channel “Wholesale Sales Channel”",
    { "integration", "delete", "3", NULL } },
  { "Integration “Sandbox QuickBooks” is a QuickBooks Online integration: it has no stores",
    { "integration", "stores", "Sandbox QuickBooks", NULL } },
  { "--tpl “T1”", { "integration", "add", "--kind", "shipstation", "--name", "New", "--tpl", "T1", NULL } },
  { "--facility-id “F9”", { "integration", "add", "--kind", "quickbooks", "--name", "New", "--facility-id", "F9", NULL } },
  { "--realm “R1”", { "integration", "add", "--kind", "extensiv", "--name", "New", "--realm", "R1", NULL } },
};

static void
test_refused_values (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *retail = NULL;

  if (!add_setup (f))
    return;
  create_wholesale (f);
  retail = run_ok (f, "channel", "create", "--name", "Retail", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (refused_values); i++)
    assert_refused_input (f, 1, refused_values[i].needle, refused_values[i].args, refused_values[i].input);
}

static const Refusal usage_errors[] = {
  { "--bogus", { "channel", "create", "--name", "New", "--bogus", NULL } },
  /* secrets never come as options */
  { "--api-key", { "integration", "add", "--kind", "shipstation", "--name", "New", "--api-key", "k", NULL } },
  { "--api-secret", { "integration", "add", "--kind", "shipstation", "--name", "New", "--api-secret", "s", NULL } },
  { "--client-secret", { "integration", "add", "--kind", "quickbooks", "--name", "New", "--client-secret", "s", NULL } },
  { "--password", { "integration", "add", "--kind", "extensiv", "--name", "New", "--password", "p", NULL } },
  { "“channel frobnicate”", { "channel", "frobnicate", NULL } },
  { "“frobnicate”", { "frobnicate", "list", NULL } },
  { "Missing argument", { "channel", "show", NULL } },
  { "Unexpected argument “Extra”", { "channel", "show", "Retail", "Extra", NULL } },
  { "--name", { "channel", "create", "--internal", NULL } },
  { "Nothing to change", { "channel", "edit", "Retail", NULL } },
  { "Unexpected argument “Extra”", { "channel", "create", "--name", "New", "Extra", NULL } },
  { "--no-such-thing", { "--no-such-thing", "channel", "list", NULL } },
  { "--kind", { "integration", "add", "--name", "New", NULL } },
  { "--name", { "integration", "add", "--kind", "shipstation", NULL } },
  { "Missing option --tpl", { "integration", "add", "--kind", "extensiv", "--name", "New", "--client-id", "c",
                              "--user-login-id", "1", "--customer-id", "1", "--facility-id", "1", NULL } },
  { "Missing option --realm", { "integration", "add", "--kind", "quickbooks", "--name", "New", "--client-id", "c",
                                NULL } },
  { "--environment or --base-url, not both", { "integration", "add", "--kind", "quickbooks", "--name", "New",
                                               "--realm", "1", "--client-id", "c", "--environment", "sandbox",
                                               "--base-url", "https://example.com", NULL } },
  { "--kind", { "integration", "edit", "Sandbox 3PL", "--kind", "shipstation", NULL } },
  { "Nothing to change", { "integration", "edit", "Sandbox 3PL", NULL } },
  { "--api-secret", { "integration", "edit", "Sandbox ShipStation", "--api-secret", "s", NULL } },
  { "Missing argument", { "integration", "test", NULL } },
  { "Give --once or --watch, not both", { "sync", "--once", "--watch", NULL } },
  { "Nothing to do", { "sync", "--no-push", "--no-poll", NULL } },
  { "--interval needs --watch", { "sync", "--interval", "60", NULL } },
  { "Missing argument", { "channel", "test", NULL } },
  { "--bogus", { "sandbox", "--bogus", NULL } },
  { "Missing argument", { "warehouse-group", "create", NULL } },
  { "Missing argument", { "invoice-type", "add", NULL } },
  { "--clear-maps", { "channel", "create", "--name", "New", "--clear-maps", NULL } },
};

static void
test_usage_errors (Fixture       *f,
                   gconstpointer  data)
{
  const char *nothing[] = { NULL };
  const char *group_only[] = { "channel", NULL };
  g_autoptr(Result) bare = NULL;
  g_autoptr(Result) group = NULL;
  g_autofree char *retail = NULL;

  if (!add_setup (f))
    return;
  retail = run_ok (f, "channel", "create", "--name", "Retail", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (usage_errors); i++)
    assert_refused (f, 2, usage_errors[i].needle, usage_errors[i].args);

  bare = run_argv (NULL, NULL, nothing);
  g_assert_cmpint (bare->status, ==, 2);
  g_assert_cmpstr (bare->out, ==, "");
  g_assert_nonnull (strstr (bare->err, "lumenctl --help"));

  /* a group without a command lists the group's commands */
  group = run_argv (NULL, f->db_path, group_only);
  g_assert_cmpint (group->status, ==, 2);
  g_assert_cmpstr (group->out, ==, "");
  g_assert_nonnull (strstr (group->err, "  archive  Archive or unarchive a channel\n"));
}

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  const char *main_help[] = { "--help", NULL };
  const char *group_help[] = { "channel", "--help", NULL };
  const char *create_help[] = { "channel", "create", "--help", NULL };
  const char *integration_help[] = { "integration", "add", "--help", NULL };
  g_autoptr(Result) main_result = run_argv (NULL, NULL, main_help);
  g_autoptr(Result) group_result = run_argv (NULL, NULL, group_help);
  g_autoptr(Result) create_result = run_argv (NULL, f->db_path, create_help);
  g_autoptr(Result) integration_result = run_argv (NULL, NULL, integration_help);

  g_assert_cmpint (main_result->status, ==, 0);
  g_assert_cmpstr (main_result->err, ==, "");
  g_assert_nonnull (strstr (main_result->out, "lumenctl [OPTION…] GROUP COMMAND"));
  g_assert_nonnull (strstr (main_result->out, "warehouse-group"));
  g_assert_nonnull (strstr (main_result->out, "--db=PATH"));

  g_assert_cmpint (group_result->status, ==, 0);
  g_assert_nonnull (strstr (group_result->out, "  create   Create a channel\n"));

  g_assert_cmpint (create_result->status, ==, 0);
  g_assert_cmpstr (create_result->err, ==, "");
  g_assert_nonnull (strstr (create_result->out, "lumenctl channel create [OPTION…]"));
  g_assert_nonnull (strstr (create_result->out, "--push-delay=MINUTES"));
  g_assert_nonnull (strstr (create_result->out, "--map=LUMEN_FIELD=REMOTE_FIELD"));
  g_assert_nonnull (strstr (create_result->out, "--json"));
  g_assert_nonnull (strstr (create_result->out, "shipping_notes, shipping_type"));
  /* no database was made for --help */
  g_assert_false (g_file_test (f->db_path, G_FILE_TEST_EXISTS));

  g_assert_cmpint (integration_result->status, ==, 0);
  g_assert_nonnull (strstr (integration_result->out, "--realm=ID"));
  g_assert_null (strstr (integration_result->out, "--api-key"));
  g_assert_null (strstr (integration_result->out, "--client-secret"));
  g_assert_null (strstr (integration_result->out, "--password"));
}

/* -- where the database is ----------------------------------------------- */

static void
test_database_location (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *env_path = g_build_filename (g_get_user_data_dir (), "from-env.db", NULL);
  g_autofree char *default_path = g_build_filename (g_get_user_data_dir (), "lumen", "lumen.db", NULL);
  const char *env[] = { "LUMEN_DB", env_path, NULL };
  const char *no_env[] = { "LUMEN_DB", NULL, NULL };
  const char *add_env[] = { "invoice-type", "add", "From Env", NULL };
  const char *add_default[] = { "invoice-type", "add", "From Default", NULL };
  g_autoptr(Result) by_env = run_argv (env, NULL, add_env);
  g_autoptr(Result) by_default = run_argv (no_env, NULL, add_default);
  const char *before_group[] = { "--db", env_path, "--json", "invoice-type", "list", NULL };
  const char *default_list[] = { "--json", "invoice-type", "list", "--db", default_path, NULL };
  g_autoptr(Result) env_list = NULL;
  g_autoptr(Result) default_listed = NULL;
  g_autoptr(JsonNode) env_types = NULL;
  g_autoptr(JsonNode) default_types = NULL;

  g_assert_cmpint (by_env->status, ==, 0);
  g_assert_cmpint (by_default->status, ==, 0);
  g_assert_cmpstr (by_env->out, ==, "Name:  From Env\nID:    2\n");

  /* global options before the command work as after it */
  env_list = run_argv (NULL, NULL, before_group);
  g_assert_cmpint (env_list->status, ==, 0);
  env_types = parse_json (env_list->out);
  assert_json (env_types, "[ { \"id\": 1, \"name\": \"Standard\" }, { \"id\": 2, \"name\": \"From Env\" } ]");

  default_listed = run_argv (NULL, NULL, default_list);
  g_assert_cmpint (default_listed->status, ==, 0);
  default_types = parse_json (default_listed->out);
  assert_json (default_types, "[ { \"id\": 1, \"name\": \"Standard\" }, { \"id\": 2, \"name\": \"From Default\" } ]");

  /* neither touched the fixture's database */
  g_assert_false (g_file_test (f->db_path, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/cli/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("channel/create-show-json", test_channel_create_show);
  ADD ("channel/create-text", test_channel_create_text);
  ADD ("channel/list", test_channel_list);
  ADD ("channel/edit", test_channel_edit);
  ADD ("channel/archive", test_channel_archive);
  ADD ("warehouse-group/create-list", test_warehouse_groups);
  ADD ("invoice-type/add-list", test_invoice_types);
  ADD ("integration/add", test_integrations);
  ADD ("integration/list", test_integration_list);
  ADD ("errors/refused-values", test_refused_values);
  ADD ("errors/usage", test_usage_errors);
  ADD ("help", test_help);
  ADD ("database-location", test_database_location);

#undef ADD

  return g_test_run ();
}

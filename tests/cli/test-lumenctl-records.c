/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lumenctl's customers and products: adding, listing, and importing CSV
 * files with quotes, embedded commas and newlines and rows that are wrong,
 * driven as a user drives them (see lumctl-test.h).
 */
#include <string.h>

#include "lumctl-documents-test.h"

/* A file in the test's own data directory. */
static char *
write_file (const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* -- customers ------------------------------------------------------------------ */

#define BOLT_JSON \
  "{ \"id\": 2, \"name\": \"Bolt, Ltd\", \"email\": null, \"phone\": null, \"company\": null," \
  "  \"bill_street1\": null, \"bill_street2\": null, \"bill_city\": null, \"bill_state\": null," \
  "  \"bill_postal_code\": null, \"bill_country\": null, \"ship_name\": null, \"ship_company\": null," \
  "  \"ship_street1\": null, \"ship_street2\": null, \"ship_city\": null, \"ship_state\": null," \
  "  \"ship_postal_code\": null, \"ship_country\": null, \"ship_phone\": null, \"sales_rep\": null," \
  "  \"terms_days\": 45, \"terms\": \"Net 45\", \"is_test\": true }"

#define ACME_JSON \
  "{ \"id\": 1, \"name\": \"Acme Corp\", \"email\": \"buyer@acme.test\", \"phone\": \"555-0100\"," \
  "  \"company\": \"Acme Corporation\", \"bill_street1\": \"PO Box 5\", \"bill_street2\": null," \
  "  \"bill_city\": \"Springfield\", \"bill_state\": \"IL\", \"bill_postal_code\": \"62701\"," \
  "  \"bill_country\": \"US\", \"ship_name\": \"Receiving\", \"ship_company\": \"Acme Corporation\"," \
  "  \"ship_street1\": \"1 Main St\", \"ship_street2\": \"Dock 4\", \"ship_city\": \"Springfield\"," \
  "  \"ship_state\": \"IL\", \"ship_postal_code\": \"62704\", \"ship_country\": \"US\"," \
  "  \"ship_phone\": \"555-0101\", \"sales_rep\": \"Dana\", \"terms_days\": 30, \"terms\": \"Net 30\"," \
  "  \"is_test\": false }"

static char *
add_acme (Fixture *f)
{
  return run_ok (f, "customer", "add", "--name", "Acme Corp", "--email", "buyer@acme.test", "--phone", "555-0100",
                 "--company", "Acme Corporation", "--terms", "net30", "--sales-rep", "Dana",
                 "--bill-street1", "PO Box 5", "--bill-city", "Springfield", "--bill-state", "IL",
                 "--bill-postal-code", "62701", "--bill-country", "US",
                 "--ship-name", "Receiving", "--ship-company", "Acme Corporation", "--ship-street1", "1 Main St",
                 "--ship-street2", "Dock 4", "--ship-city", "Springfield", "--ship-state", "IL",
                 "--ship-postal-code", "62704", "--ship-country", "US", "--ship-phone", "555-0101", NULL);
}

static void
test_customer_add_list (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *acme = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *table = NULL;
  g_autofree char *none = NULL;
  g_autoptr(JsonNode) bolt = NULL;
  g_autoptr(JsonNode) listed = NULL;
  g_autoptr(JsonNode) searched = NULL;
  g_autoptr(JsonNode) nothing = NULL;
  g_autoptr(JsonNode) receipt = NULL;
  g_autoptr(JsonNode) limited = NULL;

  empty = run_ok (f, "customer", "list", NULL);
  g_assert_cmpstr (empty, ==, "No customers. Add one with “lumenctl customer add --name NAME”.\n");

  /* every field an option; addresses as on a label */
  acme = add_acme (f);
  g_assert_cmpstr (acme, ==,
                   "Name:              Acme Corp\n"
                   "ID:                1\n"
                   "Company:           Acme Corporation\n"
                   "Email:             buyer@acme.test\n"
                   "Phone:             555-0100\n"
                   "Sales rep:         Dana\n"
                   "Terms:             Net 30\n"
                   "Billing address:   PO Box 5\n"
                   "                   Springfield, IL 62701\n"
                   "                   US\n"
                   "Shipping address:  Receiving\n"
                   "                   Acme Corporation\n"
                   "                   1 Main St\n"
                   "                   Dock 4\n"
                   "                   Springfield, IL 62704\n"
                   "                   US\n"
                   "                   555-0101\n");

  /* trimmed; terms as a number of days; a test customer */
  bolt = run_json (f, "customer", "add", "--name", "  Bolt, Ltd ", "--terms", "45", "--test", NULL);
  assert_json (bolt, BOLT_JSON);
  receipt = run_json (f, "customer", "add", "--name", "Crane & Sons", "--terms", "Due on Receipt", NULL);
  g_assert_cmpint (json_object_get_int_member (object_of (receipt), "terms_days"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (object_of (receipt), "terms"), ==, "Due on receipt");

  /* by name, any case; test customers included */
  listed = run_json (f, "customer", "list", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (listed)), ==, 3);
  assert_json (json_element (listed, 0), ACME_JSON);
  assert_json (json_element (listed, 1), BOLT_JSON);
  searched = run_json (f, "customer", "list", "--search", "BO", NULL);
  assert_json (searched, "[" BOLT_JSON "]");
  nothing = run_json (f, "customer", "list", "--search", "Zed", NULL);
  assert_json (nothing, "[]");
  limited = run_json (f, "customer", "list", "--limit", "2", NULL);
  {
    g_autofree char *names = members_of (limited, "name");
    g_assert_cmpstr (names, ==, "Acme Corp Bolt, Ltd");
  }

  table = run_ok (f, "customer", "list", NULL);
  g_assert_cmpstr (table, ==,
                   "ID  Name          Company           Email            Phone     Terms           Ship to\n"
                   "1   Acme Corp     Acme Corporation  buyer@acme.test  555-0100  Net 30          Springfield\n"
                   "2   Bolt, Ltd                                                  Net 45\n"
                   "3   Crane & Sons                                               Due on receipt\n");
  none = run_ok (f, "customer", "list", "--search", "Zed", NULL);
  g_assert_cmpstr (none, ==, "No customer’s name starts with “Zed”.\n");
}

/* -- products ------------------------------------------------------------------- */

static void
test_product_add_list (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *widget = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *table = NULL;
  g_autoptr(JsonNode) gadget = NULL;
  g_autoptr(JsonNode) updated = NULL;
  g_autoptr(JsonNode) renamed = NULL;
  g_autoptr(JsonNode) listed = NULL;
  g_autoptr(JsonNode) searched = NULL;

  empty = run_ok (f, "product", "list", NULL);
  g_assert_cmpstr (empty, ==, "No products. Add one with “lumenctl product add --sku SKU --name NAME --price PRICE”.\n");

  widget = run_ok (f, "product", "add", "--sku", "W-1", "--name", "Widget", "--price", "10.00", "--weight-oz", "4.5",
                   NULL);
  g_assert_cmpstr (widget, ==,
                   "SKU:          W-1\n"
                   "Name:         Widget\n"
                   "Price:        10.00\n"
                   "Weight (oz):  4.5\n"
                   "ID:           1\n"
                   "Version:      1\n");

  /* prices as written on a price list; cents in JSON */
  gadget = run_json (f, "product", "add", "--sku", " G-2 ", "--name", "Gadget", "--price", "$1,234.5", NULL);
  assert_json (gadget, "{ \"id\": 2, \"sku\": \"G-2\", \"name\": \"Gadget\", \"unit_price_cents\": 123450,"
                       "  \"weight_oz\": 0.0 }");

  /* --update: what is not given stays */
  updated = run_json (f, "product", "add", "--sku", "W-1", "--update", "--price", "11", NULL);
  assert_json (updated, "{ \"id\": 1, \"sku\": \"W-1\", \"name\": \"Widget\", \"unit_price_cents\": 1100,"
                        "  \"weight_oz\": 4.5 }");
  renamed = run_json (f, "product", "add", "--sku", "W-1", "--update", "--name", "Widget, large",
                      "--weight-oz", "5", NULL);
  assert_json (renamed, "{ \"id\": 1, \"sku\": \"W-1\", \"name\": \"Widget, large\", \"unit_price_cents\": 1100,"
                        "  \"weight_oz\": 5.0 }");

  listed = run_json (f, "product", "list", NULL);
  assert_json (listed, "[ { \"id\": 2, \"sku\": \"G-2\", \"name\": \"Gadget\", \"unit_price_cents\": 123450,"
                       "    \"weight_oz\": 0.0 },"
                       "  { \"id\": 1, \"sku\": \"W-1\", \"name\": \"Widget, large\", \"unit_price_cents\": 1100,"
                       "    \"weight_oz\": 5.0 } ]");
  searched = run_json (f, "product", "list", "--search", "W", NULL);
  {
    g_autofree char *skus = members_of (searched, "sku");
    g_assert_cmpstr (skus, ==, "W-1");
  }

  table = run_ok (f, "product", "list", NULL);
  g_assert_cmpstr (table, ==,
                   "SKU  Name           Price    Weight (oz)\n"
                   "G-2  Gadget         1234.50  0\n"
                   "W-1  Widget, large  11.00    5\n");
}

/* -- import ----------------------------------------------------------------------- */

/* Quotes, an embedded comma, an update, two wrong rows. */
#define CUSTOMERS_CSV \
  "Name,Email,Company,Ship Street1,Ship City,Terms\r\n" \
  "\"Bolt, Ltd\",ap@bolt.test,\"Bolt \"\"Fasteners\"\" Inc\",\"12 Quay Rd, Unit 4\",Boston,net 60\r\n" \
  "Acme Corp,new@acme.test,,,,due on receipt\r\n" \
  "Crane,not-an-email,,,,net30\r\n" \
  "Delta,,,,,sometimes\r\n"

#define CUSTOMERS_TABLE \
  "Line  Action  Record     Error\n" \
  "2     add     Bolt, Ltd\n" \
  "3     update  Acme Corp\n" \
  "4     error   Crane      Email is not an address: “not-an-email”\n" \
  "5     error   Delta      Terms “sometimes” are not understood; write net30, net 60 or due on receipt\n"

static void
test_customer_import (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = write_file ("customers.csv", CUSTOMERS_CSV);
  g_autofree char *good_path = write_file ("good.csv", "name,email\nAcme Corp,again@acme.test\n");
  g_autofree char *bad_header = write_file ("header.csv", "Name,Colour\nAcme Corp,red\n");
  g_autofree char *empty = write_file ("empty.csv", "name,email\n");
  g_autofree char *acme = NULL;
  g_autofree char *again = NULL;
  g_autofree char *missing = g_build_filename (g_get_user_data_dir (), "missing.csv", NULL);
  g_autofree char *refused_err = NULL;
  g_autoptr(JsonNode) imported = NULL;
  g_autoptr(JsonNode) listed = NULL;
  const char *plain[] = { "customer", "import", path, NULL };
  const char *dry[] = { "customer", "import", path, "--dry-run", "--skip-errors", NULL };
  const char *dry_strict[] = { "customer", "import", "--dry-run", path, NULL };
  const char *header[] = { "customer", "import", bad_header, NULL };
  const char *no_rows[] = { "customer", "import", empty, NULL };
  const char *no_file[] = { "customer", "import", missing, NULL };
  JsonObject *bolt;

  acme = run_ok (f, "customer", "add", "--name", "Acme Corp", NULL);

  /* a row is wrong: the preview, one error line, nothing written */
  {
    g_autoptr(Result) result = run_unchanged (f, plain);

    g_assert_cmpint (result->status, ==, 1);
    g_assert_cmpstr (result->out, ==, CUSTOMERS_TABLE);
    refused_err = g_strdup_printf ("2 of 4 rows in “%s” have errors; nothing was imported", path);
    assert_one_error_line (result->err, refused_err);
  }
  /* a dry run writes nothing, whatever it says */
  {
    g_autoptr(Result) result = run_unchanged (f, dry);

    g_assert_cmpint (result->status, ==, 0);
    g_assert_cmpstr (result->err, ==, "");
    g_assert_cmpstr (result->out, ==, CUSTOMERS_TABLE
                     "Dry run, nothing was written. To add: 1, to update: 1, rows with errors: 2.\n");
  }
  {
    g_autoptr(Result) result = run_unchanged (f, dry_strict);

    g_assert_cmpint (result->status, ==, 1);
    assert_one_error_line (result->err, "2 of 4 rows");
  }

  /* --skip-errors: the good rows, in one go */
  imported = run_json (f, "customer", "import", path, "--skip-errors", NULL);
  assert_json (imported,
               "{ \"rows\": ["
               "    { \"line\": 2, \"action\": \"add\", \"record\": \"Bolt, Ltd\", \"error\": null },"
               "    { \"line\": 3, \"action\": \"update\", \"record\": \"Acme Corp\", \"error\": null },"
               "    { \"line\": 4, \"action\": \"error\", \"record\": \"Crane\","
               "      \"error\": \"Email is not an address: “not-an-email”\" },"
               "    { \"line\": 5, \"action\": \"error\", \"record\": \"Delta\","
               "      \"error\": \"Terms “sometimes” are not understood; write net30, net 60 or due on receipt\" } ],"
               "  \"added\": 1, \"updated\": 1, \"errors\": 2, \"written\": true }");

  listed = run_json (f, "customer", "list", NULL);
  {
    g_autofree char *names = members_of (listed, "name");
    g_assert_cmpstr (names, ==, "Acme Corp Bolt, Ltd");
  }
  g_assert_cmpstr (json_object_get_string_member (object_of (json_element (listed, 0)), "email"), ==, "new@acme.test");
  g_assert_cmpint (json_object_get_int_member (object_of (json_element (listed, 0)), "terms_days"), ==, 0);
  bolt = object_of (json_element (listed, 1));
  g_assert_cmpstr (json_object_get_string_member (bolt, "company"), ==, "Bolt \"Fasteners\" Inc");
  g_assert_cmpstr (json_object_get_string_member (bolt, "ship_street1"), ==, "12 Quay Rd, Unit 4");
  g_assert_cmpstr (json_object_get_string_member (bolt, "ship_city"), ==, "Boston");
  g_assert_cmpint (json_object_get_int_member (bolt, "terms_days"), ==, 60);

  /* a clean file needs no option */
  again = run_ok (f, "customer", "import", good_path, NULL);
  g_assert_cmpstr (again, ==,
                   "Line  Action  Record     Error\n"
                   "2     update  Acme Corp\n"
                   "Added: 0, updated: 1, rows with errors skipped: 0.\n");

  /* a file that cannot be read as a whole: one line, nothing printed */
  assert_refused (f, 1, "Column “Colour” is not known; the columns are: name,email,phone", header);
  assert_refused (f, 1, "The file has no records after its header line", no_rows);
  assert_refused (f, 1, "missing.csv", no_file);
}

#define PRODUCTS_CSV \
  "sku,name,price,weight_oz\n" \
  "W-1,\"Widget, large\",11.00,5\n" \
  "H-3,\"Hammer, steel\",\"$1,234.50\",\n" \
  "X 1,Bad,1,\n" \
  "P-4,Pen,abc,\n" \
  "W-1,Twice,1,\n"

static void
test_product_import (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = write_file ("products.csv", PRODUCTS_CSV);
  g_autofree char *widget = NULL;
  g_autofree char *imported = NULL;
  g_autoptr(JsonNode) listed = NULL;
  const char *plain[] = { "product", "import", path, NULL };

  widget = run_ok (f, "product", "add", "--sku", "W-1", "--name", "Widget", "--price", "10.00", NULL);

  {
    g_autoptr(Result) result = run_unchanged (f, plain);

    g_assert_cmpint (result->status, ==, 1);
    g_assert_cmpstr (result->out, ==,
                     "Line  Action  Record               Error\n"
                     "2     update  W-1 — Widget, large\n"
                     "3     add     H-3 — Hammer, steel\n"
                     "4     error   X 1 — Bad            SKU “X 1” contains a space or an unprintable character\n"
                     "5     error   P-4 — Pen            Price “abc” is not an amount such as 1,234.50\n"
                     "6     error   W-1 — Twice          SKU “W-1” is already on line 2 of the file\n");
    assert_one_error_line (result->err, "3 of 5 rows in");
  }

  imported = run_ok (f, "product", "import", path, "--skip-errors", NULL);
  g_assert_true (g_str_has_suffix (imported, "Added: 1, updated: 1, rows with errors skipped: 3.\n"));
  listed = run_json (f, "product", "list", NULL);
  assert_json (listed,
               "[ { \"id\": 2, \"sku\": \"H-3\", \"name\": \"Hammer, steel\", \"unit_price_cents\": 123450,"
               "    \"weight_oz\": 0.0 },"
               "  { \"id\": 1, \"sku\": \"W-1\", \"name\": \"Widget, large\", \"unit_price_cents\": 1100,"
               "    \"weight_oz\": 5.0 } ]");
}

/* -- refusals ------------------------------------------------------------------- */

typedef struct
{
  const char *needle;
  const char *args[16];
} Refusal;

static const Refusal refused_values[] = {
  { "Customer name “acme corp” is already used", { "customer", "add", "--name", "acme corp", NULL } },
  { "Customer name is empty", { "customer", "add", "--name", " ", NULL } },
  { "Email is not an address: “buyer.acme.test”", { "customer", "add", "--name", "New", "--email", "buyer.acme.test", NULL } },
  { "Payment terms “net thirty”", { "customer", "add", "--name", "New", "--terms", "net thirty", NULL } },
  { "Payment terms “400”", { "customer", "add", "--name", "New", "--terms", "400", NULL } },
  { "Limit “0”", { "customer", "list", "--limit", "0", NULL } },
  { "SKU “W-1” is already used by “Widget”; --update changes it",
    { "product", "add", "--sku", "W-1", "--name", "Other", "--price", "1", NULL } },
  { "Price “ten”", { "product", "add", "--sku", "N-1", "--name", "New", "--price", "ten", NULL } },
  { "Price “-1”", { "product", "add", "--sku", "N-1", "--name", "New", "--price", "-1", NULL } },
  { "Price “1.005”", { "product", "add", "--sku", "W-1", "--update", "--price", "1.005", NULL } },
  { "Price “12,50” is not an amount such as 1,234.50", { "product", "add", "--sku", "N-1", "--name", "New", "--price", "12,50", NULL } },
  { "Price “1,234,56”", { "product", "add", "--sku", "N-1", "--name", "New", "--price", "1,234,56", NULL } },
  { "Weight “heavy”", { "product", "add", "--sku", "N-1", "--name", "New", "--price", "1", "--weight-oz", "heavy", NULL } },
  { "Weight -1 oz of “N-1”", { "product", "add", "--sku", "N-1", "--name", "New", "--price", "1", "--weight-oz", "-1",
                               NULL } },
  { "SKU “N 1” contains a space", { "product", "add", "--sku", "N 1", "--name", "New", "--price", "1", NULL } },
  { "SKU “N-9” is not a product yet", { "product", "add", "--sku", "N-9", "--update", "--price", "2", NULL } },
  { "Product name is empty", { "product", "add", "--sku", "N-1", "--name", "", "--price", "1", NULL } },
};

static void
test_refused_values (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *acme = run_ok (f, "customer", "add", "--name", "Acme Corp", NULL);
  g_autofree char *widget = run_ok (f, "product", "add", "--sku", "W-1", "--name", "Widget", "--price", "10", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (refused_values); i++)
    {
      g_test_message ("refused: %s", refused_values[i].needle);
      assert_refused (f, 1, refused_values[i].needle, refused_values[i].args);
    }
}

static const Refusal usage_errors[] = {
  { "Missing option --name", { "customer", "add", "--email", "a@b.test", NULL } },
  { "Missing option --sku", { "product", "add", "--name", "New", "--price", "1", NULL } },
  { "Missing option --price", { "product", "add", "--sku", "N-1", "--name", "New", NULL } },
  { "Missing option --name", { "product", "add", "--sku", "N-1", "--price", "1", NULL } },
  { "Missing argument", { "customer", "import", NULL } },
  { "Unexpected argument “b.csv”", { "product", "import", "a.csv", "b.csv", NULL } },
  { "--bogus", { "customer", "list", "--bogus", NULL } },
};

static void
test_usage_errors (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *acme = run_ok (f, "customer", "add", "--name", "Acme Corp", NULL);

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
  const char *add_help[] = { "customer", "add", "--help", NULL };
  const char *import_help[] = { "product", "import", "--help", NULL };
  g_autoptr(Result) add = run_argv (NULL, f->db_path, add_help);
  g_autoptr(Result) import = run_argv (NULL, f->db_path, import_help);

  g_assert_cmpint (add->status, ==, 0);
  g_assert_nonnull (strstr (add->out, "--bill-postal-code=CODE"));
  g_assert_nonnull (strstr (add->out, "--ship-phone=PHONE"));
  g_assert_nonnull (strstr (add->out, "--sales-rep=NAME"));
  g_assert_nonnull (strstr (add->out, "--terms=TERMS"));

  g_assert_cmpint (import->status, ==, 0);
  g_assert_nonnull (strstr (import->out, "lumenctl product import [OPTION…] FILE"));
  g_assert_nonnull (strstr (import->out, "sku,name,price,weight_oz"));
  g_assert_nonnull (strstr (import->out, "--skip-errors"));
  g_assert_nonnull (strstr (import->out, "--dry-run"));
  g_assert_false (g_file_test (f->db_path, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/cli/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("customer/add-list", test_customer_add_list);
  ADD ("customer/import", test_customer_import);
  ADD ("product/add-list", test_product_add_list);
  ADD ("product/import", test_product_import);
  ADD ("records/refused-values", test_refused_values);
  ADD ("records/usage", test_usage_errors);
  ADD ("records/help", test_help);

#undef ADD

  return g_test_run ();
}

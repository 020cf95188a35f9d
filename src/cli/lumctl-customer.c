/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "lumctl.h"
#include "lum-engine-documents.h"
#include "lum-engine-import.h"
#include "lum-util.h"

/* Customers and products: add, list, import from CSV. */

#define LIST_LIMIT_MAX 1000000

/* Every text field of a customer is an option named after its column. */
typedef struct
{
  LumCustomerText  field;
  const char      *option;
  const char      *description;
  const char      *arg;
} CustomerOption;

static const CustomerOption customer_options[] = {
  { LUM_CUSTOMER_NAME, "name", N_("The customer’s name, unique, at most 120 characters (required)"), N_("NAME") },
  { LUM_CUSTOMER_EMAIL, "email", N_("Email address"), N_("EMAIL") },
  { LUM_CUSTOMER_PHONE, "phone", N_("Phone number"), N_("PHONE") },
  { LUM_CUSTOMER_COMPANY, "company", N_("Company"), N_("COMPANY") },
  { LUM_CUSTOMER_BILL_STREET1, "bill-street1", N_("Billing address: street"), N_("TEXT") },
  { LUM_CUSTOMER_BILL_STREET2, "bill-street2", N_("Billing address: second street line"), N_("TEXT") },
  { LUM_CUSTOMER_BILL_CITY, "bill-city", N_("Billing address: city"), N_("CITY") },
  { LUM_CUSTOMER_BILL_STATE, "bill-state", N_("Billing address: state or region"), N_("STATE") },
  { LUM_CUSTOMER_BILL_POSTAL_CODE, "bill-postal-code", N_("Billing address: postal code"), N_("CODE") },
  { LUM_CUSTOMER_BILL_COUNTRY, "bill-country", N_("Billing address: country"), N_("COUNTRY") },
  { LUM_CUSTOMER_SHIP_NAME, "ship-name", N_("Shipping address: recipient (orders use the customer’s name without it)"),
    N_("NAME") },
  { LUM_CUSTOMER_SHIP_COMPANY, "ship-company", N_("Shipping address: company"), N_("COMPANY") },
  { LUM_CUSTOMER_SHIP_STREET1, "ship-street1", N_("Shipping address: street"), N_("TEXT") },
  { LUM_CUSTOMER_SHIP_STREET2, "ship-street2", N_("Shipping address: second street line"), N_("TEXT") },
  { LUM_CUSTOMER_SHIP_CITY, "ship-city", N_("Shipping address: city"), N_("CITY") },
  { LUM_CUSTOMER_SHIP_STATE, "ship-state", N_("Shipping address: state or region"), N_("STATE") },
  { LUM_CUSTOMER_SHIP_POSTAL_CODE, "ship-postal-code", N_("Shipping address: postal code"), N_("CODE") },
  { LUM_CUSTOMER_SHIP_COUNTRY, "ship-country", N_("Shipping address: country"), N_("COUNTRY") },
  { LUM_CUSTOMER_SHIP_PHONE, "ship-phone", N_("Shipping address: phone number for the carrier"), N_("PHONE") },
  { LUM_CUSTOMER_SALES_REP, "sales-rep", N_("The account manager who looks after the customer"), N_("NAME") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (customer_options) == LUM_CUSTOMER_N_TEXT);

/* -- customers: output ------------------------------------------------------ */

static void
add_string_or_null (JsonBuilder *b,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (b, name);
  if (lum_str_empty (value))
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, value);
}

/* Keys are the column names, as in a CSV file for `customer import`. */
static JsonNode *
customer_to_json (LumCustomer *customer)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *terms = lum_customer_dup_terms_label (customer);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, lum_customer_get_id (customer));
  for (guint i = 0; i < LUM_CUSTOMER_N_TEXT; i++)
    add_string_or_null (b, lum_record_text_column (LUM_TYPE_CUSTOMER, i), lum_customer_get_text (customer, i));
  json_builder_set_member_name (b, "terms_days");
  json_builder_add_int_value (b, lum_customer_get_terms_days (customer));
  json_builder_set_member_name (b, "terms");
  json_builder_add_string_value (b, terms);
  json_builder_set_member_name (b, "is_test");
  json_builder_add_boolean_value (b, lum_customer_get_is_test (customer));
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* The billing address has no name, company or phone of its own. */
static char *
dup_customer_address (LumCustomer *customer,
                      gboolean     shipping)
{
  const char *parts[LUMCTL_ADDRESS_N_PARTS] = { NULL, };

  if (shipping)
    {
      for (guint i = 0; i < LUMCTL_ADDRESS_N_PARTS; i++)
        parts[i] = lum_customer_get_text (customer, LUM_CUSTOMER_SHIP_NAME + i);
    }
  else
    {
      for (guint i = LUMCTL_ADDRESS_STREET1; i <= LUMCTL_ADDRESS_COUNTRY; i++)
        parts[i] = lum_customer_get_text (customer, LUM_CUSTOMER_BILL_STREET1 + i - LUMCTL_ADDRESS_STREET1);
    }
  return lumctl_dup_address (parts);
}

static void
print_customer (LumctlGlobal *global,
                LumCustomer  *customer)
{
  g_autoptr(LumctlFields) fields = NULL;
  g_autofree char *id = NULL;
  g_autofree char *terms = NULL;
  g_autofree char *billing = NULL;
  g_autofree char *shipping = NULL;

  if (global->json)
    {
      g_autoptr(JsonNode) node = customer_to_json (customer);
      lumctl_print_json (node);
      return;
    }

  fields = lumctl_fields_new ();
  id = g_strdup_printf ("%" PRId64, lum_customer_get_id (customer));
  terms = lum_customer_dup_terms_label (customer);
  billing = dup_customer_address (customer, FALSE);
  shipping = dup_customer_address (customer, TRUE);

  lumctl_fields_add (fields, _("Name"), lum_customer_get_name (customer));
  lumctl_fields_add (fields, _("ID"), id);
  lumctl_fields_add_nonempty (fields, _("Company"), lum_customer_get_text (customer, LUM_CUSTOMER_COMPANY));
  lumctl_fields_add_nonempty (fields, _("Email"), lum_customer_get_text (customer, LUM_CUSTOMER_EMAIL));
  lumctl_fields_add_nonempty (fields, _("Phone"), lum_customer_get_text (customer, LUM_CUSTOMER_PHONE));
  lumctl_fields_add_nonempty (fields, _("Sales rep"), lum_customer_get_text (customer, LUM_CUSTOMER_SALES_REP));
  lumctl_fields_add (fields, _("Terms"), terms);
  lumctl_fields_add_nonempty (fields, _("Billing address"), billing);
  lumctl_fields_add_nonempty (fields, _("Shipping address"), shipping);
  if (lum_customer_get_is_test (customer))
    lumctl_fields_add (fields, _("Test"), lumctl_yes_no (TRUE));
  lumctl_fields_print (fields);
}

/* -- customers: commands ---------------------------------------------------- */

typedef struct
{
  char     *values[LUM_CUSTOMER_N_TEXT];
  char     *terms;
  gboolean  is_test;
} CustomerArgs;

static void
customer_args_clear (CustomerArgs *a)
{
  for (guint i = 0; i < LUM_CUSTOMER_N_TEXT; i++)
    g_clear_pointer (&a->values[i], g_free);
  g_clear_pointer (&a->terms, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CustomerArgs, customer_args_clear)

static gboolean
parse_terms (const char  *text,
             int         *days,
             GError     **error)
{
  if (!lum_customer_parse_terms (text, days))
    {
      g_autofree char *shown = lum_text_shown (text);
      g_set_error (error, LUMCTL_ERROR, LUMCTL_ERROR_VALUE,
                   _("Payment terms “%s” are not understood; write net30, “net 60”, "
                     "a number of days or “due on receipt”"), shown);
      return FALSE;
    }
  return TRUE;
}

static int
customer_add (LumctlGlobal  *global,
              char         **args)
{
  g_auto(CustomerArgs) a = { { NULL, }, NULL, FALSE };
  GOptionEntry entries[LUM_CUSTOMER_N_TEXT + 3];
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(LumCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  int days = 30;
  int status;

  for (guint i = 0; i < LUM_CUSTOMER_N_TEXT; i++)
    entries[i] = (GOptionEntry) { customer_options[i].option, 0, 0, G_OPTION_ARG_STRING,
                                  &a.values[customer_options[i].field],
                                  customer_options[i].description, customer_options[i].arg };
  entries[LUM_CUSTOMER_N_TEXT] = (GOptionEntry) {
    "terms", 0, 0, G_OPTION_ARG_STRING, &a.terms,
    N_("Payment terms: net30, “net 60”, a number of days or “due on receipt” (default: Net 30)"), N_("TERMS") };
  entries[LUM_CUSTOMER_N_TEXT + 1] = (GOptionEntry) {
    "test", 0, 0, G_OPTION_ARG_NONE, &a.is_test, N_("Mark the customer as a test customer"), NULL };
  entries[LUM_CUSTOMER_N_TEXT + 2] = (GOptionEntry) G_OPTION_ENTRY_NULL;

  context = lumctl_option_context_new (global, "", N_("Add a customer and print it."), entries);
  if ((status = lumctl_parse (global, context, &args, 0, 0)) != LUMCTL_EXIT_OK)
    return status;
  if (a.values[LUM_CUSTOMER_NAME] == NULL)
    return lumctl_usage_error (global, _("Missing option --name"));

  if (a.terms != NULL && !parse_terms (a.terms, &days, &error))
    return lumctl_fail (error);

  customer = lum_customer_new (NULL);
  for (guint i = 0; i < LUM_CUSTOMER_N_TEXT; i++)
    lum_customer_set_text (customer, i, a.values[i]);
  lum_customer_set_terms_days (customer, days);
  lum_customer_set_is_test (customer, a.is_test);

  if ((engine = lumctl_open_engine (global, &error)) == NULL ||
      !lum_engine_save_customer (engine, customer, &error))
    return lumctl_fail (error);

  print_customer (global, customer);
  return LUMCTL_EXIT_OK;
}

static int
customer_list (LumctlGlobal  *global,
               char         **args)
{
  g_autofree char *search = NULL;
  g_autofree char *limit_text = NULL;
  const GOptionEntry entries[] = {
    { "search", 0, 0, G_OPTION_ARG_STRING, &search,
      N_("Only the customers whose name starts with PREFIX, in any case"), N_("PREFIX") },
    { "limit", 0, 0, G_OPTION_ARG_STRING, &limit_text, N_("At most N customers (default: all)"), N_("N") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = lumctl_option_context_new (global, "",
                                                                 N_("List the customers by name, test customers included."),
                                                                 entries);
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(GListStore) customers = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LumctlTable) table = NULL;
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify)json_node_unref);
  GListModel *model;
  guint limit = LIST_LIMIT_MAX;
  int status;

  if ((status = lumctl_parse (global, context, &args, 0, 0)) != LUMCTL_EXIT_OK)
    return status;
  if ((limit_text != NULL && !lumctl_parse_count (_("Limit"), limit_text, 1, LIST_LIMIT_MAX, &limit, &error)) ||
      (engine = lumctl_open_engine (global, &error)) == NULL ||
      (customers = lum_engine_search_customers (engine, search, limit, &error)) == NULL)
    return lumctl_fail (error);
  model = G_LIST_MODEL (customers);

  if (global->json)
    {
      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(LumCustomer) customer = g_list_model_get_item (model, i);
          g_ptr_array_add (nodes, customer_to_json (customer));
        }
      lumctl_print_json_array (nodes);
      return LUMCTL_EXIT_OK;
    }

  if (g_list_model_get_n_items (model) == 0)
    {
      if (lum_str_empty (search))
        lumctl_print ("%s\n", _("No customers. Add one with “lumenctl customer add --name NAME”."));
      else
        lumctl_print (_("No customer’s name starts with “%s”.\n"), search);
      return LUMCTL_EXIT_OK;
    }

  table = lumctl_table_new (7, _("ID"), _("Name"), _("Company"), _("Email"), _("Phone"), _("Terms"), _("Ship to"));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LumCustomer) customer = g_list_model_get_item (model, i);
      g_autofree char *id = g_strdup_printf ("%" PRId64, lum_customer_get_id (customer));
      g_autofree char *terms = lum_customer_dup_terms_label (customer);

      lumctl_table_add_row (table, id, lum_customer_get_name (customer),
                            lum_customer_get_text (customer, LUM_CUSTOMER_COMPANY),
                            lum_customer_get_text (customer, LUM_CUSTOMER_EMAIL),
                            lum_customer_get_text (customer, LUM_CUSTOMER_PHONE),
                            terms, lum_customer_get_text (customer, LUM_CUSTOMER_SHIP_CITY));
    }
  lumctl_table_print (table);
  return LUMCTL_EXIT_OK;
}

/* -- import ----------------------------------------------------------------- */

static const char *
row_action (LumImportRow *row)
{
  if (lum_import_row_get_error (row) != NULL)
    return "error";
  return lum_import_row_get_update (row) ? "update" : "add";
}

static JsonNode *
import_to_json (GListModel *rows,
                guint       added,
                guint       updated,
                guint       errors,
                gboolean    written)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "rows");
  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(LumImportRow) row = g_list_model_get_item (rows, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "line");
      json_builder_add_int_value (b, lum_import_row_get_line (row));
      json_builder_set_member_name (b, "action");
      json_builder_add_string_value (b, row_action (row));
      add_string_or_null (b, "record", lum_import_row_get_summary (row));
      add_string_or_null (b, "error", lum_import_row_get_error (row));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "added");
  json_builder_add_int_value (b, added);
  json_builder_set_member_name (b, "updated");
  json_builder_add_int_value (b, updated);
  json_builder_set_member_name (b, "errors");
  json_builder_add_int_value (b, errors);
  json_builder_set_member_name (b, "written");
  json_builder_add_boolean_value (b, written);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
print_import_table (GListModel *rows)
{
  g_autoptr(LumctlTable) table = lumctl_table_new (4, _("Line"), _("Action"), _("Record"), _("Error"));

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(LumImportRow) row = g_list_model_get_item (rows, i);
      g_autofree char *line = g_strdup_printf ("%u", lum_import_row_get_line (row));

      lumctl_table_add_row (table, line, row_action (row), lum_import_row_get_summary (row),
                            lum_import_row_get_error (row));
    }
  lumctl_table_print (table);
}

/* `customer import` and `product import`: a preview of every row, then
 * all the good rows in one transaction, or nothing while a row is wrong. */
static int
run_import (LumctlGlobal   *global,
            char          **args,
            LumImportKind   kind)
{
  gboolean dry_run = FALSE;
  gboolean skip_errors = FALSE;
  const GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Only show what the file would add and update; write nothing"), NULL },
    { "skip-errors", 0, 0, G_OPTION_ARG_NONE, &skip_errors,
      N_("Import the good rows even when other rows have errors"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *columns = lum_import_columns (kind);
  g_autofree char *description = NULL;
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(GListStore) preview = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GListModel *rows;
  guint added = 0, updated = 0, errors = 0;
  gboolean refused, written = FALSE;
  gsize length = 0;
  int status;

  context = lumctl_option_context_new (global, N_("FILE"),
                                       kind == LUM_IMPORT_CUSTOMERS
                                       ? N_("Add and update customers from a CSV file (“-” reads standard input). "
                                            "A customer whose name exists already is updated.")
                                       : N_("Add and update products from a CSV file (“-” reads standard input). "
                                            "A product whose SKU exists already is updated."),
                                       entries);
  description = g_strdup_printf (_("The first line names the columns, in any order and any case, among: %s.\n"
                                   "Every row is checked first and printed with what it adds or updates, or "
                                   "its error. When a row has an error nothing is written and the exit status "
                                   "is 1, unless --skip-errors is given: then the good rows are written. "
                                   "The rows are written in one transaction."),
                                 columns);
  g_option_context_set_description (context, description);
  if ((status = lumctl_parse (global, context, &args, 1, 1)) != LUMCTL_EXIT_OK)
    return status;

  if ((text = lumctl_read_input (args[1], &length, &error)) == NULL ||
      (engine = lumctl_open_engine (global, &error)) == NULL ||
      (preview = lum_engine_import_preview (engine, kind, text, length, &error)) == NULL)
    return lumctl_fail (error);
  rows = G_LIST_MODEL (preview);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(LumImportRow) row = g_list_model_get_item (rows, i);

      if (lum_import_row_get_error (row) != NULL)
        errors++;
      else if (lum_import_row_get_update (row))
        updated++;
      else
        added++;
    }

  refused = errors > 0 && !skip_errors;
  if (!dry_run && !refused && added + updated > 0)
    {
      if (!lum_engine_import_commit (engine, rows, &added, &updated, &error))
        return lumctl_fail (error);
      written = TRUE;
    }

  if (global->json)
    {
      g_autoptr(JsonNode) node = import_to_json (rows, added, updated, errors, written);
      lumctl_print_json (node);
    }
  else
    {
      print_import_table (rows);
      if (dry_run)
        lumctl_print (_("Dry run, nothing was written. To add: %u, to update: %u, rows with errors: %u.\n"),
                 added, updated, errors);
      else if (!refused)
        lumctl_print (_("Added: %u, updated: %u, rows with errors skipped: %u.\n"), added, updated, errors);
    }

  if (refused)
    return lumctl_fail_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u of %u rows in “%s” has an error; nothing was imported "
                                            "(--skip-errors imports the other rows)",
                                            "%u of %u rows in “%s” have errors; nothing was imported "
                                            "(--skip-errors imports the other rows)", errors),
                               errors, g_list_model_get_n_items (rows), args[1]);
  return LUMCTL_EXIT_OK;
}

static int
customer_import (LumctlGlobal  *global,
                 char         **args)
{
  return run_import (global, args, LUM_IMPORT_CUSTOMERS);
}

/* -- products ----------------------------------------------------------------- */

static JsonNode *
product_to_json (LumProduct *product)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, lum_product_get_id (product));
  json_builder_set_member_name (b, "sku");
  json_builder_add_string_value (b, lum_product_get_sku (product));
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, lum_product_get_name (product));
  json_builder_set_member_name (b, "unit_price_cents");
  json_builder_add_int_value (b, lum_product_get_unit_price_cents (product));
  json_builder_set_member_name (b, "weight_oz");
  json_builder_add_double_value (b, lum_product_get_weight_oz (product));
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static char *
dup_weight (LumProduct *product)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%g", lum_product_get_weight_oz (product)));
}

static void
print_product (LumctlGlobal *global,
               LumProduct   *product)
{
  g_autoptr(LumctlFields) fields = NULL;
  g_autofree char *price = NULL;
  g_autofree char *weight = NULL;
  g_autofree char *id = NULL;
  g_autofree char *version = g_strdup_printf ("%" PRId64, lum_product_get_version (product));

  if (global->json)
    {
      g_autoptr(JsonNode) node = product_to_json (product);
      lumctl_print_json (node);
      return;
    }

  fields = lumctl_fields_new ();
  price = lum_money_format (lum_product_get_unit_price_cents (product));
  weight = dup_weight (product);
  id = g_strdup_printf ("%" PRId64, lum_product_get_id (product));
  lumctl_fields_add (fields, _("SKU"), lum_product_get_sku (product));
  lumctl_fields_add (fields, _("Name"), lum_product_get_name (product));
  lumctl_fields_add (fields, _("Price"), price);
  lumctl_fields_add (fields, _("Weight (oz)"), weight);
  lumctl_fields_add (fields, _("ID"), id);
  lumctl_fields_add (fields, _("Version"), version);
  lumctl_fields_print (fields);
}

static gboolean
parse_price (const char  *text,
             gint64      *cents,
             GError     **error)
{
  if (!lum_money_parse (text, cents))
    {
      g_autofree char *example = lum_money_example ();
      g_autofree char *shown = lum_text_shown (text);

      g_set_error (error, LUMCTL_ERROR, LUMCTL_ERROR_VALUE,
                   _("Price “%s” is not an amount such as %s"), shown, example);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_weight (const char  *text,
              double      *ounces,
              GError     **error)
{
  g_autofree char *stripped = lum_strip_dup (text);
  char *end = NULL;

  *ounces = g_ascii_strtod (stripped, &end);
  if (*stripped == '\0' || end == NULL || *end != '\0')
    {
      g_autofree char *shown = lum_text_shown (text);
      g_set_error (error, LUMCTL_ERROR, LUMCTL_ERROR_VALUE,
                   _("Weight “%s” is not a number of ounces"), shown);
      return FALSE;
    }
  return TRUE;
}

static int
product_add (LumctlGlobal  *global,
             char         **args)
{
  g_autofree char *sku_arg = NULL;
  g_autofree char *name_arg = NULL;
  g_autofree char *price_text = NULL;
  g_autofree char *weight_text = NULL;
  gboolean update = FALSE;
  gint64 expect_version = 0;
  const GOptionEntry entries[] = {
    { "sku", 0, 0, G_OPTION_ARG_STRING, &sku_arg,
      N_("The stock-keeping unit: unique, no spaces, at most 64 characters (required)"), N_("SKU") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name_arg, N_("The product’s name (required for a new product)"), N_("NAME") },
    { "price", 0, 0, G_OPTION_ARG_STRING, &price_text,
      N_("The unit price, such as 12.50 (required for a new product)"), N_("PRICE") },
    { "weight-oz", 0, 0, G_OPTION_ARG_STRING, &weight_text, N_("The weight in ounces (default: 0)"), N_("OUNCES") },
    { "update", 0, 0, G_OPTION_ARG_NONE, &update,
      N_("Change the product if its SKU exists already; options not given keep their value"), NULL },
    { "expect-version", 0, 0, G_OPTION_ARG_INT64, &expect_version,
      N_("With --update: change it only if it is still at this version; refused if someone saved it since"),
      N_("N") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = lumctl_option_context_new (global, "", N_("Add a product and print it."), entries);
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(LumProduct) existing = NULL;
  g_autoptr(LumProduct) product = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sku = NULL;
  g_autofree char *name = NULL;
  gint64 cents = 0;
  double weight = 0;
  int status;

  if ((status = lumctl_parse (global, context, &args, 0, 0)) != LUMCTL_EXIT_OK)
    return status;
  if (sku_arg == NULL)
    return lumctl_usage_error (global, _("Missing option --sku"));
  if (!update && (name_arg == NULL || price_text == NULL))
    return lumctl_usage_error (global, _("Missing option %s"), name_arg == NULL ? "--name" : "--price");

  if ((price_text != NULL && !parse_price (price_text, &cents, &error)) ||
      (weight_text != NULL && !parse_weight (weight_text, &weight, &error)) ||
      (engine = lumctl_open_engine (global, &error)) == NULL)
    return lumctl_fail (error);

  sku = lum_strip_dup (sku_arg);
  name = lum_strip_dup (name_arg);
  existing = lum_engine_find_product (engine, sku, NULL);
  if (existing != NULL && !update)
    return lumctl_fail_printf (_("SKU “%s” is already used by “%s”; --update changes it"),
                               sku, lum_product_get_name (existing));
  if (existing == NULL && (name_arg == NULL || price_text == NULL))
    return lumctl_fail_printf (_("SKU “%s” is not a product yet: a new product needs --name and --price"), sku);

  product = lum_product_new (sku,
                             name_arg != NULL ? name : lum_product_get_name (existing),
                             price_text != NULL ? cents : lum_product_get_unit_price_cents (existing),
                             weight_text != NULL || existing == NULL ? weight : lum_product_get_weight_oz (existing));
  /* an edit of the product as read: refused if it changes before the save */
  if (existing != NULL)
    {
      lum_product_set_id (product, lum_product_get_id (existing));
      lum_product_set_version (product, expect_version > 0 ? expect_version : lum_product_get_version (existing));
    }
  if (!lum_engine_save_product (engine, product, &error))
    return lumctl_fail (error);

  print_product (global, product);
  return LUMCTL_EXIT_OK;
}

static int
product_list (LumctlGlobal  *global,
              char         **args)
{
  g_autofree char *search = NULL;
  g_autofree char *limit_text = NULL;
  const GOptionEntry entries[] = {
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Only the products whose SKU starts with PREFIX"), N_("PREFIX") },
    { "limit", 0, 0, G_OPTION_ARG_STRING, &limit_text, N_("At most N products (default: all)"), N_("N") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = lumctl_option_context_new (global, "", N_("List the products by SKU."), entries);
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(GListStore) products = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LumctlTable) table = NULL;
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify)json_node_unref);
  GListModel *model;
  guint limit = LIST_LIMIT_MAX;
  int status;

  if ((status = lumctl_parse (global, context, &args, 0, 0)) != LUMCTL_EXIT_OK)
    return status;
  if ((limit_text != NULL && !lumctl_parse_count (_("Limit"), limit_text, 1, LIST_LIMIT_MAX, &limit, &error)) ||
      (engine = lumctl_open_engine (global, &error)) == NULL ||
      (products = lum_engine_search_products (engine, search, limit, &error)) == NULL)
    return lumctl_fail (error);
  model = G_LIST_MODEL (products);

  if (global->json)
    {
      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(LumProduct) product = g_list_model_get_item (model, i);
          g_ptr_array_add (nodes, product_to_json (product));
        }
      lumctl_print_json_array (nodes);
      return LUMCTL_EXIT_OK;
    }

  if (g_list_model_get_n_items (model) == 0)
    {
      if (lum_str_empty (search))
        lumctl_print ("%s\n", _("No products. Add one with “lumenctl product add --sku SKU --name NAME --price PRICE”."));
      else
        lumctl_print (_("No SKU starts with “%s”.\n"), search);
      return LUMCTL_EXIT_OK;
    }

  table = lumctl_table_new (4, _("SKU"), _("Name"), _("Price"), _("Weight (oz)"));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LumProduct) product = g_list_model_get_item (model, i);
      g_autofree char *price = lum_money_format (lum_product_get_unit_price_cents (product));
      g_autofree char *weight = dup_weight (product);

      lumctl_table_add_row (table, lum_product_get_sku (product), lum_product_get_name (product), price, weight);
    }
  lumctl_table_print (table);
  return LUMCTL_EXIT_OK;
}

static int
product_import (LumctlGlobal  *global,
                char         **args)
{
  return run_import (global, args, LUM_IMPORT_PRODUCTS);
}

static const LumctlCommand customer_commands[] = {
  { "add", N_("Add a customer"), customer_add },
  { "list", N_("List the customers"), customer_list },
  { "import", N_("Add and update customers from a CSV file"), customer_import },
  { NULL, NULL, NULL }
};

const LumctlGroup lumctl_customer_group = {
  "customer", N_("Customers: who orders, where it ships, when they pay"), customer_commands
};

static const LumctlCommand product_commands[] = {
  { "add", N_("Add or update a product"), product_add },
  { "list", N_("List the products"), product_list },
  { "import", N_("Add and update products from a CSV file"), product_import },
  { "stock", N_("Show a SKU’s stock at each OMS and warehouse"), lumctl_product_stock },
  { NULL, NULL, NULL }
};

const LumctlGroup lumctl_product_group = {
  "product", N_("Products: SKUs, names, prices and weights"), product_commands
};

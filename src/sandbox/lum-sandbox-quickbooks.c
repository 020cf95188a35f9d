/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-sandbox"

#include "lum-sandbox-quickbooks-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/*
 * QuickBooks Online Accounting API v3 under /v3/company/{realmId}: customers,
 * items and invoices, read by id and found with /query. Bearer tokens from
 * lum-sandbox-quickbooks-oauth.c; 500 requests a minute and 10 in flight per
 * company, 429 beyond. A POST with ?requestid=X answers, for the same X
 * again, the first answer instead of doing it again, as Intuit documents.
 * Bad input answers a Fault: {"Fault": {"Error": [{"Message", "Detail",
 * "code", "element"}], "type": "ValidationFault"}, "time"}, with status 400
 * or, when configured, 200 as QuickBooks does for some of them.
 *
 * The company has a chart of accounts (read with a query on Account, e.g.
 * WHERE AccountType = 'Income'), and a vendor and an employee whose display
 * names no customer may take: QuickBooks keeps one namespace of display
 * names for customers, vendors and employees ("Duplicate Name Exists
 * Error", 6240; Intuit Developer blog, "How to Handle Frequently Returned
 * QuickBooks Online API Error Messages", 2017).
 */
#define MAX_LINES  1000
#define MAX_TEXT   4000

typedef enum { Q_STRING, Q_NUMBER, Q_BOOL, Q_OBJECT, Q_ARRAY } QType;

typedef struct
{
  const char *name;
  QType       type;
} QField;

static const QField invoice_fields[] = {
  { "DocNumber", Q_STRING }, { "TxnDate", Q_STRING }, { "DueDate", Q_STRING },
  { "PrivateNote", Q_STRING }, { "CustomerMemo", Q_OBJECT }, { "CustomerRef", Q_OBJECT },
  { "BillAddr", Q_OBJECT }, { "ShipAddr", Q_OBJECT }, { "BillEmail", Q_OBJECT },
  { "Line", Q_ARRAY }, { "TxnTaxDetail", Q_OBJECT }, { "SalesTermRef", Q_OBJECT },
  { "CurrencyRef", Q_OBJECT }, { "ShipDate", Q_STRING }, { "TrackingNum", Q_STRING },
  { "ShipMethodRef", Q_OBJECT }, { "CustomField", Q_ARRAY }, { "LinkedTxn", Q_ARRAY },
  { "AllowOnlinePayment", Q_BOOL }, { "ApplyTaxAfterDiscount", Q_BOOL }, { "EmailStatus", Q_STRING },
  { "PrintStatus", Q_STRING }, { "ExchangeRate", Q_NUMBER },
  { NULL, 0 },
};

static const QField customer_fields[] = {
  { "DisplayName", Q_STRING }, { "GivenName", Q_STRING }, { "FamilyName", Q_STRING },
  { "MiddleName", Q_STRING }, { "Title", Q_STRING }, { "Suffix", Q_STRING },
  { "CompanyName", Q_STRING }, { "PrintOnCheckName", Q_STRING }, { "Notes", Q_STRING },
  { "Active", Q_BOOL }, { "Taxable", Q_BOOL }, { "PrimaryEmailAddr", Q_OBJECT },
  { "PrimaryPhone", Q_OBJECT }, { "BillAddr", Q_OBJECT }, { "ShipAddr", Q_OBJECT },
  { NULL, 0 },
};

static const QField item_fields[] = {
  { "Name", Q_STRING }, { "Sku", Q_STRING }, { "Description", Q_STRING }, { "Type", Q_STRING },
  { "UnitPrice", Q_NUMBER }, { "PurchaseCost", Q_NUMBER }, { "Active", Q_BOOL },
  { "Taxable", Q_BOOL }, { "TrackQtyOnHand", Q_BOOL }, { "IncomeAccountRef", Q_OBJECT },
  { "ExpenseAccountRef", Q_OBJECT }, { "AssetAccountRef", Q_OBJECT },
  { NULL, 0 },
};

static char *
now_text (LumSandboxQuickbooks *qb,
          gboolean              millis)
{
  return lum_sandbox_time_offset (lum_sandbox_now_locked (qb->sandbox), millis);
}

static void
reply_fault (LumSandboxQuickbooks *qb,
             LumSandboxRequest    *req,
             guint                 status,
             const char           *type,
             const char           *code,
             const char           *message,
             const char           *detail,
             const char           *element)
{
  JsonObject *object = json_object_new ();
  JsonObject *fault = json_object_new ();
  JsonArray *errors = json_array_new ();
  JsonObject *error = json_object_new ();
  g_autofree char *time = now_text (qb, TRUE);

  json_object_set_string_member (error, "Message", message);
  json_object_set_string_member (error, "Detail", detail);
  json_object_set_string_member (error, "code", code);
  if (element != NULL)
    json_object_set_string_member (error, "element", element);
  json_array_add_object_element (errors, error);
  json_object_set_array_member (fault, "Error", errors);
  json_object_set_string_member (fault, "type", type);
  json_object_set_object_member (object, "Fault", fault);
  json_object_set_string_member (object, "time", time);
  lum_sandbox_request_reply_object (req, status, object);
}

static void
validation_fault (LumSandboxQuickbooks *qb,
                  LumSandboxRequest    *req,
                  const char           *code,
                  const char           *message,
                  const char           *detail,
                  const char           *element)
{
  reply_fault (qb, req, qb->fault_status, "ValidationFault", code, message, detail, element);
}

static void
missing_fault (LumSandboxQuickbooks *qb,
               LumSandboxRequest    *req,
               const char           *element)
{
  g_autofree char *detail = g_strdup_printf ("Required parameter %s is missing in the request", element);

  validation_fault (qb, req, "2020", "Required param missing, need to supply the required value for the API",
                    detail, element);
}

static void
reply_entity (LumSandboxQuickbooks *qb,
              LumSandboxRequest    *req,
              const char           *entity,
              JsonObject           *record)
{
  JsonObject *object = json_object_new ();
  g_autofree char *time = now_text (qb, TRUE);

  json_object_set_object_member (object, entity, json_object_ref (record));
  json_object_set_string_member (object, "time", time);
  lum_sandbox_request_reply_object (req, SOUP_STATUS_OK, object);
}

/* -- the company's lists ---------------------------------------------------- */

typedef struct
{
  const char *id;
  const char *name;
  const char *type;
  const char *subtype;
  const char *classification;
} SeedAccount;

/* Names, ids and types as in the sample company of an Intuit developer
 * sandbox (its "Services" income account is 1, "Sales of Product Income" 79). */
static const SeedAccount seed_accounts[] = {
  { "1", "Services", "Income", "ServiceFeeIncome", "Revenue" },
  { "35", "Checking", "Bank", "Checking", "Asset" },
  { "45", "Landscaping Services", "Income", "ServiceFeeIncome", "Revenue" },
  { "79", "Sales of Product Income", "Income", "SalesOfProductIncome", "Revenue" },
  { "80", "Cost of Goods Sold", "Cost of Goods Sold", "SuppliesMaterialsCogs", "Expense" },
  { "81", "Inventory Asset", "Other Current Asset", "Inventory", "Asset" },
  { "82", "Design income", "Income", "SalesOfProductIncome", "Revenue" },
  { "84", "Accounts Receivable (A/R)", "Accounts Receivable", "AccountsReceivable", "Asset" },
};

static JsonObject *
seed_record (const char *id)
{
  JsonObject *record = json_object_new ();
  JsonObject *meta = json_object_new ();

  json_object_set_string_member (meta, "CreateTime", "2024-01-02T09:00:00-08:00");
  json_object_set_string_member (meta, "LastUpdatedTime", "2024-01-02T09:00:00-08:00");
  json_object_set_string_member (record, "Id", id);
  json_object_set_string_member (record, "SyncToken", "0");
  json_object_set_object_member (record, "MetaData", meta);
  json_object_set_string_member (record, "domain", "QBO");
  json_object_set_boolean_member (record, "sparse", FALSE);
  json_object_set_boolean_member (record, "Active", TRUE);
  return record;
}

static JsonObject *
seed_person (const char *id,
             const char *display_name)
{
  JsonObject *record = seed_record (id);

  json_object_set_string_member (record, "DisplayName", display_name);
  json_object_set_string_member (record, "PrintOnCheckName", display_name);
  return record;
}

void
lum_sandbox_qbo_seed_company (LumSandboxQuickbooks *qb)
{
  g_ptr_array_set_size (qb->accounts, 0);
  g_ptr_array_set_size (qb->vendors, 0);
  g_ptr_array_set_size (qb->employees, 0);
  for (guint i = 0; i < G_N_ELEMENTS (seed_accounts); i++)
    {
      JsonObject *account = seed_record (seed_accounts[i].id);

      json_object_set_string_member (account, "Name", seed_accounts[i].name);
      json_object_set_string_member (account, "FullyQualifiedName", seed_accounts[i].name);
      json_object_set_boolean_member (account, "SubAccount", FALSE);
      json_object_set_string_member (account, "Classification", seed_accounts[i].classification);
      json_object_set_string_member (account, "AccountType", seed_accounts[i].type);
      json_object_set_string_member (account, "AccountSubType", seed_accounts[i].subtype);
      json_object_set_double_member (account, "CurrentBalance", 0.0);
      g_ptr_array_add (qb->accounts, account);
    }
  g_ptr_array_add (qb->vendors, seed_person ("30", LUM_SANDBOX_QUICKBOOKS_VENDOR));
  g_ptr_array_add (qb->employees, seed_person ("55", LUM_SANDBOX_QUICKBOOKS_EMPLOYEE));
}

static JsonObject *
find_by_id (GPtrArray  *records,
            JsonNode   *ref)
{
  const char *value = lum_json_is_object (ref) ? lum_json_get_string (json_node_get_object (ref), "value") : NULL;

  for (guint i = 0; value != NULL && i < records->len; i++)
    if (g_strcmp0 (lum_json_get_string (g_ptr_array_index (records, i), "Id"), value) == 0)
      return g_ptr_array_index (records, i);
  return NULL;
}

/* YYYY-MM-DD and a day of the calendar, as the API's xs:date wants. */
static gboolean
is_date (const char *text)
{
  if (text == NULL || strlen (text) != 10)
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if ((i == 4 || i == 7) ? text[i] != '-' : !g_ascii_isdigit (text[i]))
      return FALSE;
  return g_date_valid_dmy (atoi (text + 8), atoi (text + 5), atoi (text));
}

/* FALSE after answering the fault of a date member that is not a date.
 * Intuit documents the dates as YYYY-MM-DD (Invoice: "TxnDate … Date",
 * local timezone: YYYY-MM-DD) but not the fault a malformed one gets; the
 * sandbox answers the code of an invalid property (2010). */
static gboolean
check_dates (LumSandboxQuickbooks *qb,
             LumSandboxRequest    *req,
             JsonObject           *object)
{
  static const char * const members[] = { "TxnDate", "DueDate", "ShipDate", NULL };

  for (guint i = 0; members[i] != NULL; i++)
    {
      const char *value = lum_json_get_string (object, members[i]);

      if (lum_json_member (object, members[i]) != NULL && !is_date (value))
        {
          g_autofree char *detail = g_strdup_printf ("Property Name:%s specified is unsupported or invalid "
                                                     "(a date is YYYY-MM-DD)", members[i]);
          validation_fault (qb, req, "2010", "Request has invalid or unsupported property", detail, members[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
qtype_matches (JsonNode *node,
               QType     type)
{
  switch (type)
    {
    case Q_STRING:
      return lum_json_is_string (node) && strlen (json_node_get_string (node)) <= MAX_TEXT;
    case Q_NUMBER:
      return lum_json_is_number (node);
    case Q_BOOL:
      return lum_json_is_bool (node);
    case Q_OBJECT:
      return lum_json_is_object (node);
    case Q_ARRAY:
      return lum_json_is_array (node);
    default:
      return FALSE;
    }
}

/* Checks the known members of @object; FALSE after answering a fault. */
static gboolean
check_types (LumSandboxQuickbooks *qb,
             LumSandboxRequest    *req,
             JsonObject           *object,
             const QField         *fields)
{
  for (guint i = 0; fields[i].name != NULL; i++)
    {
      JsonNode *node = lum_json_member (object, fields[i].name);

      if (node != NULL && !qtype_matches (node, fields[i].type))
        {
          g_autofree char *detail = g_strdup_printf ("Property Name:%s specified is unsupported or invalid",
                                                     fields[i].name);
          validation_fault (qb, req, "2010", "Request has invalid or unsupported property", detail,
                            fields[i].name);
          return FALSE;
        }
    }
  return TRUE;
}

/* The request body as an object; NULL after answering a fault. */
static JsonObject *
read_entity (LumSandboxQuickbooks *qb,
             LumSandboxRequest    *req,
             JsonNode            **root)
{
  g_autoptr(GError) error = NULL;

  *root = lum_sandbox_request_parse_json (req, &error);
  if (*root == NULL || !lum_json_is_object (*root))
    {
      validation_fault (qb, req, "2010", "Request has invalid or unsupported property",
                        error != NULL ? error->message : "The body must be a JSON object", NULL);
      return NULL;
    }
  return json_node_get_object (*root);
}

static JsonObject *
find_named (GPtrArray  *records,
            const char *member,
            const char *name)
{
  for (guint i = 0; i < records->len; i++)
    {
      JsonObject *record = g_ptr_array_index (records, i);

      if (g_ascii_strcasecmp (lum_json_get_string (record, member), name) == 0)
        return record;
    }
  return NULL;
}

static JsonObject *
find_by_ref (GPtrArray *records,
             JsonNode  *ref)
{
  const char *value = lum_json_is_object (ref) ? lum_json_get_string (json_node_get_object (ref), "value") : NULL;
  guint64 id;

  if (value == NULL || !lum_sandbox_parse_uint (value, G_MAXUINT32, &id) || id == 0 || id > records->len)
    return NULL;
  return g_ptr_array_index (records, id - 1);
}

/* Id, SyncToken, MetaData and the other members QuickBooks adds. */
static JsonObject *
new_record (LumSandboxQuickbooks *qb,
            JsonObject           *received,
            GPtrArray            *records)
{
  JsonObject *record = lum_json_object_copy (received);
  JsonObject *meta = json_object_new ();
  g_autofree char *id = g_strdup_printf ("%u", records->len + 1);
  g_autofree char *now = now_text (qb, FALSE);

  json_object_set_string_member (meta, "CreateTime", now);
  json_object_set_string_member (meta, "LastUpdatedTime", now);
  json_object_set_string_member (record, "Id", id);
  json_object_set_string_member (record, "SyncToken", "0");
  json_object_set_object_member (record, "MetaData", meta);
  json_object_set_string_member (record, "domain", "QBO");
  json_object_set_boolean_member (record, "sparse", FALSE);
  g_ptr_array_add (records, record);
  return record;
}

/* A new customer or item named @name in @member, unique regardless of
 * case; NULL after answering the duplicate fault. */
static JsonObject *
store_named (LumSandboxQuickbooks *qb,
             LumSandboxRequest    *req,
             JsonObject           *received,
             GPtrArray            *records,
             const char           *member,
             const char           *name)
{
  JsonObject *existing = find_named (records, member, name);
  JsonObject *record;

  if (existing != NULL)
    {
      g_autofree char *detail = g_strdup_printf ("The name supplied already exists. : Id=%s",
                                                 lum_json_get_string (existing, "Id"));
      validation_fault (qb, req, "6240", "Duplicate Name Exists Error", detail, member);
      return NULL;
    }
  record = new_record (qb, received, records);
  json_object_set_string_member (record, member, name);
  json_object_set_string_member (record, "FullyQualifiedName", name);
  if (lum_json_member (record, "Active") == NULL)
    json_object_set_boolean_member (record, "Active", TRUE);
  return record;
}

static void
create_customer (LumSandboxQuickbooks *qb,
                 LumSandboxRequest    *req)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *received = read_entity (qb, req, &root);
  g_autofree char *display = NULL;
  JsonObject *record;

  if (received == NULL || !check_types (qb, req, received, customer_fields))
    return;
  if (lum_json_get_string (received, "DisplayName") != NULL)
    display = g_strstrip (g_strdup (lum_json_get_string (received, "DisplayName")));
  else if (lum_json_get_string (received, "CompanyName") != NULL)
    display = g_strstrip (g_strdup (lum_json_get_string (received, "CompanyName")));
  else if (lum_json_get_string (received, "GivenName") != NULL || lum_json_get_string (received, "FamilyName") != NULL)
    display = g_strstrip (g_strjoin (" ", lum_json_get_string (received, "GivenName") ?: "",
                                     lum_json_get_string (received, "FamilyName") ?: "", NULL));
  if (display == NULL || *display == '\0')
    {
      missing_fault (qb, req, "DisplayName");
      return;
    }
  if (strchr (display, ':') != NULL)
    {
      validation_fault (qb, req, "6000", "A business validation error has occurred while processing your request",
                        "Business Validation Error: The name can't contain a colon (:).", "DisplayName");
      return;
    }
  if (find_named (qb->vendors, "DisplayName", display) != NULL ||
      find_named (qb->employees, "DisplayName", display) != NULL)
    {
      validation_fault (qb, req, "6240", "Duplicate Name Exists Error",
                        "The name supplied already exists. : Another customer, vendor or employee is already "
                        "using this name. Please use a different name.", "DisplayName");
      return;
    }
  record = store_named (qb, req, received, qb->customers, "DisplayName", display);
  if (record == NULL)
    return;
  json_object_set_double_member (record, "Balance", 0.0);
  json_object_set_boolean_member (record, "Job", FALSE);
  reply_entity (qb, req, "Customer", record);
}

static void
create_item (LumSandboxQuickbooks *qb,
             LumSandboxRequest    *req)
{
  static const char * const types[] = { "Inventory", "NonInventory", "Service", "Group", "Category", NULL };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *received = read_entity (qb, req, &root);
  const char *name, *type;
  JsonObject *record;
  gboolean known = FALSE;

  if (received == NULL || !check_types (qb, req, received, item_fields))
    return;
  name = lum_json_get_string (received, "Name");
  if (name == NULL || *name == '\0')
    {
      missing_fault (qb, req, "Name");
      return;
    }
  type = lum_json_get_string (received, "Type") ?: "NonInventory";
  for (guint i = 0; types[i] != NULL; i++)
    known |= g_str_equal (types[i], type);
  if (!known)
    {
      validation_fault (qb, req, "2010", "Request has invalid or unsupported property",
                        "Property Name:Type specified is unsupported or invalid", "Type");
      return;
    }
  /* Intuit's Item reference: IncomeAccountRef is required for Inventory,
   * NonInventory and Service items. It does not print the fault a missing
   * one gets; the sandbox answers its "required parameter" fault (2020), and
   * a reference to no account "Invalid Reference Id" (2500). */
  if (g_str_equal (type, "Service") || g_str_equal (type, "NonInventory") || g_str_equal (type, "Inventory"))
    {
      JsonNode *ref = lum_json_member (received, "IncomeAccountRef");

      if (ref == NULL || lum_json_get_string (json_node_get_object (ref), "value") == NULL)
        {
          missing_fault (qb, req, "IncomeAccountRef");
          return;
        }
      if (find_by_id (qb->accounts, ref) == NULL)
        {
          g_autofree char *detail = g_strdup_printf ("Invalid Reference Id : Accounts element id %s not found",
                                                     lum_json_get_string (json_node_get_object (ref), "value"));
          validation_fault (qb, req, "2500", "Invalid Reference Id", detail, "IncomeAccountRef");
          return;
        }
    }
  record = store_named (qb, req, received, qb->items, "Name", name);
  if (record == NULL)
    return;
  json_object_set_string_member (record, "Type", type);
  reply_entity (qb, req, "Item", record);
}

/* FALSE after answering a fault about line @index. */
static gboolean
check_line (LumSandboxQuickbooks *qb,
            LumSandboxRequest    *req,
            JsonNode             *node,
            guint                 index)
{
  static const char * const kinds[] = { "SalesItemLineDetail", "DescriptionOnly", "DiscountLineDetail",
                                        "SubTotalLineDetail", "GroupLineDetail", NULL };
  JsonObject *line = lum_json_is_object (node) ? json_node_get_object (node) : NULL;
  const char *kind = lum_json_get_string (line, "DetailType");
  JsonNode *amount = lum_json_member (line, "Amount");
  JsonNode *detail_node;
  JsonObject *detail;
  JsonNode *qty, *price;
  gboolean known = FALSE;

  if (line == NULL)
    {
      validation_fault (qb, req, "2010", "Request has invalid or unsupported property",
                        "Property Name:Line specified is unsupported or invalid", "Line");
      return FALSE;
    }
  for (guint i = 0; kind != NULL && kinds[i] != NULL; i++)
    known |= g_str_equal (kinds[i], kind);
  if (!known)
    {
      missing_fault (qb, req, "Line.DetailType");
      return FALSE;
    }
  if (amount == NULL && !g_str_equal (kind, "DescriptionOnly"))
    {
      missing_fault (qb, req, "Line.Amount");
      return FALSE;
    }
  if (amount != NULL && !lum_json_is_number (amount))
    {
      validation_fault (qb, req, "2010", "Request has invalid or unsupported property",
                        "Property Name:Amount specified is unsupported or invalid", "Line.Amount");
      return FALSE;
    }
  if (!g_str_equal (kind, "SalesItemLineDetail"))
    return TRUE;

  detail_node = lum_json_member (line, "SalesItemLineDetail");
  detail = lum_json_is_object (detail_node) ? json_node_get_object (detail_node) : NULL;
  if (detail == NULL || lum_json_get_string (lum_json_is_object (lum_json_member (detail, "ItemRef"))
                                         ? json_node_get_object (lum_json_member (detail, "ItemRef")) : NULL,
                                         "value") == NULL)
    {
      missing_fault (qb, req, "Line.SalesItemLineDetail.ItemRef");
      return FALSE;
    }
  if (find_by_ref (qb->items, lum_json_member (detail, "ItemRef")) == NULL)
    {
      g_autofree char *text = g_strdup_printf ("Invalid Reference Id : Item %s does not exist (line %u)",
                                               lum_json_get_string (json_node_get_object (lum_json_member (detail, "ItemRef")),
                                                                "value"), index + 1);
      validation_fault (qb, req, "2500", "Invalid Reference Id", text, "Line.SalesItemLineDetail.ItemRef");
      return FALSE;
    }
  qty = lum_json_member (detail, "Qty");
  price = lum_json_member (detail, "UnitPrice");
  if ((qty != NULL && !lum_json_is_number (qty)) || (price != NULL && !lum_json_is_number (price)))
    {
      validation_fault (qb, req, "2010", "Request has invalid or unsupported property",
                        "Property Name:Qty or UnitPrice specified is unsupported or invalid",
                        "Line.SalesItemLineDetail");
      return FALSE;
    }
  if (qty != NULL && price != NULL
      && fabs (lum_json_number (qty) * lum_json_number (price) - lum_json_number (amount)) > 0.005)
    {
      g_autofree char *text = g_strdup_printf ("Business Validation Error: Amount is not equal to UnitPrice * Qty. "
                                               "Supplied value:%.2f", lum_json_number (amount));
      validation_fault (qb, req, "6070", "A business validation error has occurred while processing your request",
                        text, "Line.Amount");
      return FALSE;
    }
  return TRUE;
}

static JsonArray *
stored_lines (LumSandboxQuickbooks *qb,
              JsonArray            *received,
              double               *total)
{
  JsonArray *lines = json_array_new ();
  JsonObject *subtotal = json_object_new ();
  double sum = 0.0;
  guint number = 1;

  for (guint i = 0; i < json_array_get_length (received); i++)
    {
      JsonObject *line = lum_json_object_copy (json_array_get_object_element (received, i));
      const char *kind = lum_json_get_string (line, "DetailType");
      g_autofree char *id = g_strdup_printf ("%u", number);

      if (g_str_equal (kind, "SubTotalLineDetail"))
        {
          json_object_unref (line);
          continue;
        }
      json_object_set_string_member (line, "Id", id);
      json_object_set_int_member (line, "LineNum", number++);
      if (g_str_equal (kind, "SalesItemLineDetail"))
        {
          JsonObject *ref = json_object_get_object_member (json_object_get_object_member (line, "SalesItemLineDetail"),
                                                           "ItemRef");
          JsonObject *item = g_ptr_array_index (qb->items, g_ascii_strtoull (lum_json_get_string (ref, "value"), NULL, 10) - 1);

          json_object_set_string_member (ref, "name", lum_json_get_string (item, "Name"));
          sum += lum_json_number (lum_json_member (line, "Amount"));
        }
      else if (g_str_equal (kind, "DiscountLineDetail"))
        sum -= lum_json_number (lum_json_member (line, "Amount"));
      json_array_add_object_element (lines, line);
    }
  sum = round (sum * 100.0) / 100.0;
  json_object_set_double_member (subtotal, "Amount", sum);
  json_object_set_string_member (subtotal, "DetailType", "SubTotalLineDetail");
  json_object_set_object_member (subtotal, "SubTotalLineDetail", json_object_new ());
  json_array_add_object_element (lines, subtotal);
  *total = sum;
  return lines;
}

static void
create_invoice (LumSandboxQuickbooks *qb,
                LumSandboxRequest    *req)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *received = read_entity (qb, req, &root);
  JsonNode *customer_ref, *lines, *doc_number;
  JsonObject *customer, *record, *currency;
  double total = 0.0;

  if (received == NULL || !check_types (qb, req, received, invoice_fields) || !check_dates (qb, req, received))
    return;
  customer_ref = lum_json_member (received, "CustomerRef");
  if (customer_ref == NULL || lum_json_get_string (json_node_get_object (customer_ref), "value") == NULL)
    {
      missing_fault (qb, req, "CustomerRef");
      return;
    }
  customer = find_by_ref (qb->customers, customer_ref);
  if (customer == NULL)
    {
      g_autofree char *detail = g_strdup_printf ("Invalid Reference Id : Customer %s does not exist",
                                                 lum_json_get_string (json_node_get_object (customer_ref), "value"));
      validation_fault (qb, req, "2500", "Invalid Reference Id", detail, "CustomerRef");
      return;
    }
  lines = lum_json_member (received, "Line");
  if (lines == NULL || json_array_get_length (json_node_get_array (lines)) == 0)
    {
      missing_fault (qb, req, "Line");
      return;
    }
  if (json_array_get_length (json_node_get_array (lines)) > MAX_LINES)
    {
      validation_fault (qb, req, "6000", "A business validation error has occurred while processing your request",
                        "Business Validation Error: An invoice can have at most 1000 lines", "Line");
      return;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (lines)); i++)
    if (!check_line (qb, req, json_array_get_element (json_node_get_array (lines), i), i))
      return;
  doc_number = lum_json_member (received, "DocNumber");
  if (doc_number != NULL && strlen (json_node_get_string (doc_number)) > 21)
    {
      validation_fault (qb, req, "2050", "String length is either shorter or longer than supported by specification",
                        "String length specified does not match the supported length. Min:0 Max:21", "DocNumber");
      return;
    }

  record = new_record (qb, received, qb->invoices);
  if (doc_number == NULL)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, qb->next_doc_number++);
      json_object_set_string_member (record, "DocNumber", number);
    }
  if (lum_json_member (record, "TxnDate") == NULL)
    {
      g_autofree char *today = lum_sandbox_date (lum_sandbox_now_locked (qb->sandbox));
      json_object_set_string_member (record, "TxnDate", today);
    }
  if (lum_json_member (record, "DueDate") == NULL)
    json_object_set_string_member (record, "DueDate", json_object_get_string_member (record, "TxnDate"));
  json_object_set_string_member (json_object_get_object_member (record, "CustomerRef"), "name",
                                 lum_json_get_string (customer, "DisplayName"));
  json_object_set_array_member (record, "Line", stored_lines (qb, json_node_get_array (lines), &total));
  json_object_set_double_member (record, "TotalAmt", total);
  json_object_set_double_member (record, "Balance", total);
  if (lum_json_member (record, "CurrencyRef") == NULL)
    {
      currency = json_object_new ();
      json_object_set_string_member (currency, "value", "USD");
      json_object_set_string_member (currency, "name", "United States Dollar");
      json_object_set_object_member (record, "CurrencyRef", currency);
    }
  reply_entity (qb, req, "Invoice", record);
}

static GPtrArray *
records_of (LumSandboxQuickbooks *qb,
            const char           *entity,
            const char          **canonical)
{
  if (g_ascii_strcasecmp (entity, "invoice") == 0)
    {
      *canonical = "Invoice";
      return qb->invoices;
    }
  if (g_ascii_strcasecmp (entity, "customer") == 0)
    {
      *canonical = "Customer";
      return qb->customers;
    }
  if (g_ascii_strcasecmp (entity, "item") == 0)
    {
      *canonical = "Item";
      return qb->items;
    }
  if (g_ascii_strcasecmp (entity, "account") == 0)
    {
      *canonical = "Account";
      return qb->accounts;
    }
  if (g_ascii_strcasecmp (entity, "vendor") == 0)
    {
      *canonical = "Vendor";
      return qb->vendors;
    }
  if (g_ascii_strcasecmp (entity, "employee") == 0)
    {
      *canonical = "Employee";
      return qb->employees;
    }
  return NULL;
}

static void
run_query (LumSandboxQuickbooks *qb,
           LumSandboxRequest    *req)
{
  const char *text = lum_sandbox_request_param (req, "query");
  g_autofree char *body_text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LumQboQuery) query = NULL;
  const char *entity = NULL;
  g_autofree char *time = now_text (qb, TRUE);
  JsonObject *answer;
  GPtrArray *records;

  if (text == NULL && req->body != NULL && g_bytes_get_size (req->body) <= 4096)
    {
      gsize length;
      const char *data = g_bytes_get_data (req->body, &length);

      if (g_utf8_validate_len (data, length, NULL))
        text = body_text = g_strndup (data, length);
    }
  query = lum_qbo_query_parse (text, &error);
  if (query == NULL)
    {
      validation_fault (qb, req, "4000", "Error parsing query", error->message, NULL);
      return;
    }
  records = records_of (qb, lum_qbo_query_get_entity (query), &entity);
  if (records == NULL)
    {
      g_autofree char *detail = g_strdup_printf ("QueryParserError: Invalid entity '%s'",
                                                 lum_qbo_query_get_entity (query));
      validation_fault (qb, req, "4000", "Error parsing query", detail, NULL);
      return;
    }
  answer = json_object_new ();
  json_object_set_object_member (answer, "QueryResponse", lum_qbo_query_run (query, entity, records));
  json_object_set_string_member (answer, "time", time);
  lum_sandbox_request_reply_object (req, SOUP_STATUS_OK, answer);
}

static void
read_record (LumSandboxQuickbooks *qb,
             LumSandboxRequest    *req,
             const char           *entity,
             const char           *id)
{
  const char *canonical = NULL;
  GPtrArray *records = records_of (qb, entity, &canonical);

  /* by Id: the seeded lists do not number their records from 1 */
  for (guint i = 0; records != NULL && i < records->len; i++)
    if (g_strcmp0 (lum_json_get_string (g_ptr_array_index (records, i), "Id"), id) == 0)
      {
        reply_entity (qb, req, canonical, g_ptr_array_index (records, i));
        return;
      }
  validation_fault (qb, req, "610", "Object Not Found",
                    "Object Not Found : Something you're trying to use has been made inactive or deleted.", NULL);
}

static void
not_found (LumSandboxQuickbooks *qb,
           LumSandboxRequest    *req)
{
  reply_fault (qb, req, SOUP_STATUS_NOT_FOUND, "ValidationFault", "0", "Unsupported Operation",
               "There is no such resource in the sandbox", NULL);
}

static void
dispatch (LumSandboxQuickbooks *qb,
          LumSandboxRequest    *req,
          const char           *rest)
{
  gboolean post = g_str_equal (req->method, "POST");
  g_auto(GStrv) parts = g_strsplit (rest + 1, "/", 3);

  if (g_str_equal (rest, "/query") && (post || g_str_equal (req->method, "GET")))
    run_query (qb, req);
  else if (post && g_str_equal (rest, "/customer"))
    create_customer (qb, req);
  else if (post && g_str_equal (rest, "/item"))
    create_item (qb, req);
  else if (post && g_str_equal (rest, "/invoice"))
    create_invoice (qb, req);
  else if (g_str_equal (req->method, "GET") && g_strv_length (parts) == 2)
    read_record (qb, req, parts[0], parts[1]);
  else
    not_found (qb, req);
}

/* Bearer token of this company and the throttle; FALSE after answering. */
static gboolean
admit (LumSandboxQuickbooks *qb,
       LumSandboxRequest    *req,
       const char           *realm)
{
  const char *problem = NULL;
  QboGrant *grant = lum_sandbox_qbo_check_access (qb, req, &problem);
  guint limit, remaining, reset;

  if (grant == NULL)
    {
      lum_sandbox_request_set_header (req, "WWW-Authenticate", "Bearer realm=\"Intuit\", error=\"invalid_token\"");
      reply_fault (qb, req, SOUP_STATUS_UNAUTHORIZED, "AuthenticationFault", "3200",
                   "message=AuthenticationFailed; errorCode=003200; statusCode=401", problem, NULL);
      return FALSE;
    }
  if (!g_str_equal (grant->realm, realm))
    {
      reply_fault (qb, req, SOUP_STATUS_FORBIDDEN, "AuthorizationFault", "3100",
                   "message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403",
                   "The token was not issued for this company", NULL);
      return FALSE;
    }
  if (!lum_sandbox_rate_limit_take (qb->limit, realm, &limit, &remaining, &reset))
    {
      reply_fault (qb, req, 429, "ThrottlingFault", "3001",
                   "message=ThrottleExceeded; errorCode=003001; statusCode=429",
                   "The request limit for this company was reached", NULL);
      return FALSE;
    }
  if (!lum_sandbox_slots_take (qb->slots, req, realm))
    {
      reply_fault (qb, req, 429, "ThrottlingFault", "3001",
                   "message=ThrottleExceeded; errorCode=003001; statusCode=429",
                   "Too many requests in flight for this company", NULL);
      return FALSE;
    }
  return TRUE;
}

static void
handle_company (LumSandboxQuickbooks *qb,
                LumSandboxRequest    *req)
{
  const char *after = req->path + strlen ("/v3/company/");
  const char *slash = strchr (after, '/');
  const char *request_id = lum_sandbox_request_param (req, "requestid");
  g_autofree char *realm = NULL;
  g_autofree char *key = NULL;
  QboReply *cached;

  if (slash == NULL || slash == after || slash - after > 32)
    {
      not_found (qb, req);
      return;
    }
  realm = g_strndup (after, slash - after);
  if (!admit (qb, req, realm))
    return;

  if (g_str_equal (req->method, "POST") && request_id != NULL && *request_id != '\0' && strlen (request_id) <= 64)
    {
      key = g_strdup_printf ("%s/%s", realm, request_id);
      cached = g_hash_table_lookup (qb->replies, key);
      if (cached != NULL)
        {
          gsize length;
          const char *data = g_bytes_get_data (cached->body, &length);

          lum_sandbox_request_reply (req, cached->status, cached->content_type, data, length);
          return;
        }
    }
  dispatch (qb, req, slash);

  if (key != NULL && req->status < 500 && req->reply != NULL)
    {
      QboReply *reply = g_new0 (QboReply, 1);

      reply->status = req->status;
      reply->content_type = g_strdup (req->content_type);
      reply->body = g_bytes_ref (req->reply);
      g_hash_table_insert (qb->replies, g_steal_pointer (&key), reply);
    }
}

void
lum_sandbox_quickbooks_handle (LumSandboxQuickbooks *qb,
                               LumSandboxRequest    *req)
{
  const char *path = req->path;
  gboolean post = g_str_equal (req->method, "POST");

  if (g_str_equal (path, "/oauth2/v1/tokens/bearer") && post)
    lum_sandbox_qbo_handle_token (qb, req);
  else if (g_str_equal (path, "/oauth2/v1/tokens/revoke") && post)
    lum_sandbox_qbo_handle_revoke (qb, req);
  else if (g_str_equal (path, "/connect/oauth2") && g_str_equal (req->method, "GET"))
    lum_sandbox_qbo_handle_authorize (qb, req);
  else if (g_str_has_prefix (path, "/v3/company/"))
    handle_company (qb, req);
  else
    not_found (qb, req);
}

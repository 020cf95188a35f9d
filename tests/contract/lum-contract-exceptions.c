/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-contract"

#include <string.h>

#include "lum-contract-mock.h"

/*
 * The places where a description is stricter than the API its vendor
 * documents, one by one: the service, the operation, the exact location
 * of Prism's finding, its code, a check of the value Lumen sent, and why.
 * A finding that matches none of them fails the suite. Validation itself
 * is never switched off: Prism still sees every request as Lumen sent it.
 *
 * Repairs are separate: where Prism refused a request for something a
 * repair understands, the relay sends it again repaired, only to get the
 * description's example answer so the rest of the flow is checked too.
 * A repaired finding that is not an exception still fails the suite.
 */

typedef enum
{
  CHECK_ZONELESS_DATE_TIME,   /* the value is a date-time without an offset */
  CHECK_CAMEL_CASE_TWIN,      /* required 'Name' missing, 'name' present */
  CHECK_NONE,
} Check;

typedef struct
{
  const char         *name;
  LumContractService  service;
  const char         *method;
  const char         *path;      /* glob over the path, without the query */
  const char         *location;  /* glob over Prism's location, dot-joined */
  const char         *code;
  Check               check;
  const char         *reason;
} Exception;

#define SHIPSTATION_DATES \
  "ShipStation V1 reads and writes dates as zone-less US Pacific local times " \
  "(\"2015-06-29T08:46:27.0000000\"; ShipStation API V1 documentation, Orders: " \
  "Create/Update Order, and ../shared/contracts/README.md); the description's " \
  "format: date-time (RFC 3339) wants an offset"

#define EXTENSIV_CASE \
  "the Extensiv description models the order in PascalCase (CustomerIdentifier, " \
  "OrderItems); 3PL Warehouse Manager's documented JSON is camelCase " \
  "(customerIdentifier, facilityIdentifier, referenceNum, orderItems[{itemIdentifier{sku},qty}]; " \
  "../shared/contracts/README.md). Checked against the description after the names " \
  "are PascalCased"

#define EXTENSIV_FACILITIES \
  "3PL Warehouse Manager lists facilities at GET /properties/facilities; the " \
  "description's GET /inventory/facilities is marked x-endpoint-status: modeled and " \
  "it has no /properties/facilities"

#define EXTENSIV_HAL_JSON \
  "3PL Warehouse Manager answers in application/hal+json, which Lumen asks for " \
  "(../shared/contracts/README.md: \"media type application/hal+json\"); the description " \
  "declares its answers as application/json only"

#define QUICKBOOKS_COMPANYINFO \
  "Intuit documents reading the company as GET /v3/company/{realmId}/companyinfo/{realmId} " \
  "(developer.intuit.com, Accounting API, CompanyInfo: Read companyinfo); the description " \
  "has no CompanyInfo entity"

static const Exception exceptions[] = {
  { "shipstation-zoneless-dates", LUM_CONTRACT_SHIPSTATION, "POST", "/orders/createorder",
    "body.orderDate", "format", CHECK_ZONELESS_DATE_TIME, SHIPSTATION_DATES },
  { "shipstation-zoneless-dates", LUM_CONTRACT_SHIPSTATION, "POST", "/orders/createorder",
    "body.paymentDate", "format", CHECK_ZONELESS_DATE_TIME, SHIPSTATION_DATES },
  { "shipstation-zoneless-dates", LUM_CONTRACT_SHIPSTATION, "POST", "/orders/createorder",
    "body.shipByDate", "format", CHECK_ZONELESS_DATE_TIME, SHIPSTATION_DATES },
  { "shipstation-zoneless-dates", LUM_CONTRACT_SHIPSTATION, "POST", "/orders/createorders",
    "body.*.orderDate", "format", CHECK_ZONELESS_DATE_TIME, SHIPSTATION_DATES },
  { "shipstation-zoneless-dates", LUM_CONTRACT_SHIPSTATION, "POST", "/orders/createorders",
    "body.*.paymentDate", "format", CHECK_ZONELESS_DATE_TIME, SHIPSTATION_DATES },
  { "shipstation-zoneless-dates", LUM_CONTRACT_SHIPSTATION, "POST", "/orders/createorders",
    "body.*.shipByDate", "format", CHECK_ZONELESS_DATE_TIME, SHIPSTATION_DATES },
  { "shipstation-zoneless-dates", LUM_CONTRACT_SHIPSTATION, "GET", "/shipments",
    "query.createDateStart", "format", CHECK_ZONELESS_DATE_TIME, SHIPSTATION_DATES },
  { "shipstation-zoneless-dates", LUM_CONTRACT_SHIPSTATION, "GET", "/shipments",
    "query.createDateEnd", "format", CHECK_ZONELESS_DATE_TIME, SHIPSTATION_DATES },
  { "extensiv-camel-case", LUM_CONTRACT_EXTENSIV, "POST", "/orders",
    "body", "required", CHECK_CAMEL_CASE_TWIN, EXTENSIV_CASE },
  { "extensiv-hal-json", LUM_CONTRACT_EXTENSIV, "GET", "*",
    "path", "NOT_ACCEPTABLE", CHECK_NONE, EXTENSIV_HAL_JSON },
  { "extensiv-hal-json", LUM_CONTRACT_EXTENSIV, "POST", "*",
    "path", "NOT_ACCEPTABLE", CHECK_NONE, EXTENSIV_HAL_JSON },
  { "extensiv-properties-facilities", LUM_CONTRACT_EXTENSIV, "GET", "/properties/facilities",
    "path", "NO_PATH_MATCHED_ERROR", CHECK_NONE, EXTENSIV_FACILITIES },
  { "quickbooks-companyinfo", LUM_CONTRACT_QUICKBOOKS, "GET", "/companyinfo/" LUM_CONTRACT_REALM,
    "path", "NO_PATH_MATCHED_ERROR", CHECK_NONE, QUICKBOOKS_COMPANYINFO },
};

/* The node at a dot-joined location: "body.0.orderDate" in @body, or
 * "query.name" in @query (then returned in @query_value). */
static JsonNode *
node_at (const char  *location,
         JsonNode    *body,
         JsonObject **parent,
         char       **member)
{
  g_auto(GStrv) parts = g_strsplit (location, ".", -1);
  JsonNode *node = body;

  *parent = NULL;
  *member = NULL;
  if (parts[0] == NULL || g_strcmp0 (parts[0], "body") != 0)
    return NULL;
  for (guint i = 1; parts[i] != NULL && node != NULL; i++)
    {
      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          *parent = json_node_get_object (node);
          g_free (*member);
          *member = g_strdup (parts[i]);
          node = json_object_get_member (*parent, parts[i]);
        }
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          guint64 index;
          JsonArray *array = json_node_get_array (node);

          *parent = NULL;
          if (!g_ascii_string_to_unsigned (parts[i], 10, 0, G_MAXUINT, &index, NULL) ||
              index >= json_array_get_length (array))
            return NULL;
          node = json_array_get_element (array, index);
        }
      else
        return NULL;
    }
  return node;
}

/* Prism names query parameters in lower case. */
static const char *
query_key (GHashTable *query,
           const char *name)
{
  GHashTableIter iter;
  gpointer key;

  if (query == NULL)
    return NULL;
  g_hash_table_iter_init (&iter, query);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_ascii_strcasecmp (key, name) == 0)
      return key;
  return NULL;
}

static const char *
string_at (const char *location,
           JsonNode   *body,
           GHashTable *query)
{
  g_autofree char *member = NULL;
  JsonObject *parent;
  JsonNode *node;

  if (g_str_has_prefix (location, "query."))
    {
      const char *key = query_key (query, location + strlen ("query."));
      return key ? g_hash_table_lookup (query, key) : NULL;
    }
  node = body ? node_at (location, body, &parent, &member) : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
is_zoneless_date_time (const char *value)
{
  return value != NULL &&
    g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,7})?$", value, 0, 0);
}

/* ShipStation V1's query dates: "yyyy-mm-dd hh:mm:ss", Pacific (the
 * documentation's List Shipments and List Orders parameters). */
static gboolean
is_zoneless_query_date_time (const char *value)
{
  return value != NULL &&
    g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$", value, 0, 0);
}

static gboolean
is_date (const char *value)
{
  return value != NULL && g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", value, 0, 0);
}

/* The 'Name' of Prism's "must have required property 'Name'". */
static char *
required_name (const char *message)
{
  const char *start = strstr (message ? message : "", "required property '");
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen ("required property '");
  end = strchr (start, '\'');
  return end ? g_strndup (start, end - start) : NULL;
}

static gboolean
has_camel_case_twin (const LumContractViolation *violation,
                     JsonNode                   *body)
{
  g_autofree char *name = required_name (violation->message);
  g_autofree char *twin = NULL;
  g_autofree char *member = NULL;
  JsonObject *parent;
  JsonNode *node;

  if (name == NULL || !g_ascii_isupper (name[0]) || body == NULL)
    return FALSE;
  node = g_strcmp0 (violation->location, "body") == 0 ? body : node_at (violation->location, body, &parent, &member);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  twin = g_strdup (name);
  twin[0] = g_ascii_tolower (twin[0]);
  return json_object_has_member (json_node_get_object (node), twin);
}

void
lum_contract_classify (LumContractService    service,
                       const char           *method,
                       const char           *path,
                       JsonNode             *body,
                       GHashTable           *query,
                       LumContractViolation *violation)
{
  for (guint i = 0; i < G_N_ELEMENTS (exceptions); i++)
    {
      const Exception *e = &exceptions[i];
      gboolean holds;

      g_autofree char *pattern = g_ascii_strdown (e->location, -1);
      g_autofree char *location = g_ascii_strdown (violation->location, -1);

      if (e->service != service || g_strcmp0 (e->method, method) != 0 || !g_pattern_match_simple (e->path, path) ||
          !g_pattern_match_simple (pattern, location) || g_strcmp0 (e->code, violation->code) != 0)
        continue;
      switch (e->check)
        {
        case CHECK_ZONELESS_DATE_TIME:
          holds = is_zoneless_date_time (string_at (violation->location, body, query)) ||
                  (g_str_has_prefix (violation->location, "query.") &&
                   is_zoneless_query_date_time (string_at (violation->location, body, query)));
          break;
        case CHECK_CAMEL_CASE_TWIN:
          holds = has_camel_case_twin (violation, body);
          break;
        case CHECK_NONE:
        default:
          holds = TRUE;
          break;
        }
      if (holds)
        {
          violation->exception = e->name;
          violation->reason = e->reason;
          return;
        }
    }
}

static void
pascal_case (JsonNode *node)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        pascal_case (json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) names = json_object_get_members (object);

      for (GList *l = names; l != NULL; l = l->next)
        {
          g_autofree char *name = g_strdup (l->data);
          g_autoptr(JsonNode) value = json_node_copy (json_object_get_member (object, name));

          pascal_case (value);
          json_object_remove_member (object, name);
          name[0] = g_ascii_toupper (name[0]);
          json_object_set_member (object, name, g_steal_pointer (&value));
        }
    }
}

gboolean
lum_contract_repair (LumContractViolation *violation,
                     JsonNode             *body,
                     GHashTable           *query)
{
  const char *value = string_at (violation->location, body, query);
  g_autofree char *fixed = NULL;

  if (g_strcmp0 (violation->code, "required") == 0 && violation->exception != NULL &&
      g_str_equal (violation->exception, "extensiv-camel-case"))
    {
      /* the first of a request's findings renames the whole body */
      if (has_camel_case_twin (violation, body))
        pascal_case (body);
      violation->repaired = TRUE;
      return TRUE;
    }
  if (g_strcmp0 (violation->code, "format") == 0 && is_zoneless_date_time (value))
    fixed = g_strconcat (value, "Z", NULL);
  else if (g_strcmp0 (violation->code, "format") == 0 && is_zoneless_query_date_time (value))
    {
      fixed = g_strconcat (value, "Z", NULL);
      fixed[10] = 'T';
    }
  else if (g_strcmp0 (violation->code, "format") == 0 && is_date (value) &&
           strstr (violation->message, "date-time") != NULL)
    fixed = g_strconcat (value, "T00:00:00Z", NULL);
  if (fixed != NULL && g_str_has_prefix (violation->location, "query."))
    {
      g_hash_table_replace (query, g_strdup (query_key (query, violation->location + strlen ("query."))),
                            g_steal_pointer (&fixed));
      violation->repaired = TRUE;
      return TRUE;
    }
  if (fixed != NULL || (g_strcmp0 (violation->code, "type") == 0 && value != NULL))
    {
      g_autofree char *member = NULL;
      JsonObject *parent = NULL;
      JsonNode *node = node_at (violation->location, body, &parent, &member);
      gint64 number;

      if (node == NULL || parent == NULL)
        return FALSE;
      if (fixed != NULL)
        json_object_set_string_member (parent, member, fixed);
      else if (strstr (violation->message, "integer") != NULL &&
               g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &number, NULL))
        json_object_set_int_member (parent, member, number);
      else
        return FALSE;
      violation->repaired = TRUE;
      return TRUE;
    }
  return FALSE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "sandbox-test-util.h"

#include <string.h>

#define COMPANY "/quickbooks/v3/company/" LUM_SANDBOX_QUICKBOOKS_REALM
#define REDIRECT "http://localhost:1/callback"
#define REDIRECT_ESCAPED "http%3A%2F%2Flocalhost%3A1%2Fcallback"
#define AUTHORIZE "/quickbooks/connect/oauth2?client_id=" LUM_SANDBOX_QUICKBOOKS_CLIENT_ID \
                  "&redirect_uri=" REDIRECT_ESCAPED "&response_type=code" \
                  "&scope=com.intuit.quickbooks.accounting&state="

typedef struct
{
  char *access;
  char *refresh;
} Tokens;

static void
tokens_clear (Tokens *tokens)
{
  g_clear_pointer (&tokens->access, g_free);
  g_clear_pointer (&tokens->refresh, g_free);
}

static SbResponse *
token_request (SbFixture  *f,
               const char *client_secret,
               const char *form)
{
  g_autofree char *authorization = sb_basic (LUM_SANDBOX_QUICKBOOKS_CLIENT_ID, client_secret);

  return sb_wait (sb_start (f, "POST", "/quickbooks/oauth2/v1/tokens/bearer", authorization,
                            "application/x-www-form-urlencoded", form, -1, 0));
}

static gboolean
read_tokens (SbResponse *response,
             Tokens     *tokens)
{
  JsonObject *answer;

  if (response->status != 200)
    return FALSE;
  answer = sb_object (response);
  g_assert_cmpstr (json_object_get_string_member (answer, "token_type"), ==, "bearer");
  g_assert_cmpint (json_object_get_int_member (answer, "x_refresh_token_expires_in"), >, 0);
  tokens->access = g_strdup (json_object_get_string_member (answer, "access_token"));
  tokens->refresh = g_strdup (json_object_get_string_member (answer, "refresh_token"));
  return TRUE;
}

static gboolean
refresh (SbFixture  *f,
         const char *refresh_token,
         Tokens     *tokens)
{
  g_autofree char *escaped = g_uri_escape_string (refresh_token, NULL, FALSE);
  g_autofree char *form = g_strdup_printf ("grant_type=refresh_token&refresh_token=%s", escaped);
  g_autoptr(SbResponse) response = token_request (f, LUM_SANDBOX_QUICKBOOKS_CLIENT_SECRET, form);

  if (response->status == 400)
    g_assert_cmpstr (json_object_get_string_member (sb_object (response), "error"), ==, "invalid_grant");
  return read_tokens (response, tokens);
}

/* Tokens for the sandbox company without the browser. */
static void
connect_company (SbFixture *f,
                 Tokens    *tokens)
{
  g_autofree char *seed = lum_sandbox_quickbooks_issue_refresh_token (f->sandbox);

  g_assert_true (refresh (f, seed, tokens));
}

static SbResponse *
api (SbFixture  *f,
     const char *method,
     const char *path,
     const char *access,
     const char *body)
{
  g_autofree char *authorization = access != NULL ? sb_bearer (access) : NULL;
  g_autofree char *full = g_strconcat (COMPANY, path, NULL);

  return sb_send (f, method, full, authorization, body);
}

static SbResponse *
query (SbFixture  *f,
       const char *access,
       const char *text)
{
  g_autofree char *escaped = g_uri_escape_string (text, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/query?query=%s&minorversion=65", escaped);

  return api (f, "GET", path, access, NULL);
}

static JsonObject *
fault_error (SbResponse *response)
{
  JsonObject *fault = json_object_get_object_member (sb_object (response), "Fault");
  JsonArray *errors;

  g_assert_nonnull (fault);
  errors = json_object_get_array_member (fault, "Error");
  g_assert_cmpuint (json_array_get_length (errors), ==, 1);
  return json_array_get_object_element (errors, 0);
}

static void
assert_fault (SbResponse *response,
              guint       status,
              const char *type,
              const char *code,
              const char *detail_part)
{
  JsonObject *error = fault_error (response);

  g_assert_cmpuint (response->status, ==, status);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (sb_object (response), "Fault"),
                                                  "type"), ==, type);
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, code);
  g_assert_nonnull (json_object_get_string_member (error, "Message"));
  g_assert_nonnull (strstr (json_object_get_string_member (error, "Detail"), detail_part));
}

/* A customer "Acme" and an item "Widget" (SKU WID-1) as Ids 1 and 1. */
static void
seed_company (SbFixture  *f,
              const char *access)
{
  g_autoptr(SbResponse) customer = api (f, "POST", "/customer?minorversion=65", access,
                                        "{\"DisplayName\": \"Acme\", \"PrimaryEmailAddr\": {\"Address\": \"a@acme.example\"}}");
  g_autoptr(SbResponse) item = api (f, "POST", "/item?minorversion=65", access,
                                    "{\"Name\": \"Widget\", \"Sku\": \"WID-1\", \"Type\": \"NonInventory\","
                                    " \"UnitPrice\": 10.0, \"IncomeAccountRef\": {\"value\": \"79\"}}");

  g_assert_cmpuint (customer->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (sb_object (customer), "Customer"),
                                                  "Id"), ==, "1");
  g_assert_cmpuint (item->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (sb_object (item), "Item"), "Id"),
                   ==, "1");
}

static const char invoice[] =
  "{\"DocNumber\": \"INV-000001\", \"CustomerRef\": {\"value\": \"1\"},"
  " \"Line\": [{\"Amount\": 25.0, \"DetailType\": \"SalesItemLineDetail\","
  "             \"SalesItemLineDetail\": {\"ItemRef\": {\"value\": \"1\"}, \"Qty\": 2.5, \"UnitPrice\": 10}}],"
  " \"PrivateNote\": \"Lumen SO-000001\"}";

/* The authorization page with @redirect_uri, without following it. */
static SbResponse *
authorize (SbFixture  *f,
           const char *redirect_uri)
{
  g_autofree char *escaped = g_uri_escape_string (redirect_uri, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/quickbooks/connect/oauth2?client_id=%s&redirect_uri=%s"
                                           "&response_type=code&scope=com.intuit.quickbooks.accounting&state=s",
                                           LUM_SANDBOX_QUICKBOOKS_CLIENT_ID, escaped);

  return sb_wait (sb_start (f, "GET", path, NULL, NULL, NULL, -1, SOUP_MESSAGE_NO_REDIRECT));
}

/* Intuit sends the browser only to a redirect URI registered with the
 * app, exactly; http only to localhost, and only with development keys; no
 * IP addresses ("Set app redirect URIs", developer.intuit.com). */
static void
test_redirect_uris (SbFixture     *f,
                    gconstpointer  data)
{
  const char *refused[] = {
    "http://127.0.0.1:1/callback", "http://lumen.example/callback", "https://192.0.2.1/callback",
    "https://lumen.example/callback#top", "ftp://lumen.example/", "callback",
  };
  g_autoptr(SbResponse) unregistered = authorize (f, REDIRECT);
  g_autoptr(SbResponse) registered = NULL;
  g_autoptr(SbResponse) slash = NULL;
  g_autoptr(SbResponse) port = NULL;
  g_autoptr(SbResponse) secure = NULL;
  g_autoptr(JsonNode) production = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (unregistered->status, ==, 400);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (unregistered->body, NULL), g_bytes_get_size (unregistered->body),
                                  "matches it exactly"));

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *spec = g_strdup_printf ("{\"redirect_uris\": [\"%s\"]}", refused[i]);
      g_autoptr(JsonNode) answer = sb_control (f, "/quickbooks/settings", spec, 400);

      g_assert_false (lum_sandbox_add_quickbooks_redirect_uri (f->sandbox, refused[i], &error));
      g_assert_nonnull (strstr (error->message, refused[i]));
      g_clear_error (&error);
    }

  g_assert_true (lum_sandbox_add_quickbooks_redirect_uri (f->sandbox, REDIRECT, &error));
  registered = authorize (f, REDIRECT);
  g_assert_cmpuint (registered->status, ==, 302);
  g_assert_true (g_str_has_prefix (sb_header (registered, "Location"), REDIRECT "?code="));
  /* exactly: another path or port is another address */
  slash = authorize (f, REDIRECT "/");
  g_assert_cmpuint (slash->status, ==, 400);
  port = authorize (f, "http://localhost:2/callback");
  g_assert_cmpuint (port->status, ==, 400);

  /* an app with http://localhost registered cannot go to production */
  production = sb_control (f, "/quickbooks/settings", "{\"app\": \"production\"}", 400);
  g_assert_false (lum_sandbox_set_quickbooks_app (f->sandbox, TRUE, &error));
  g_assert_nonnull (strstr (error->message, REDIRECT));
  g_clear_error (&error);
  secure = authorize (f, REDIRECT);
  g_assert_cmpuint (secure->status, ==, 302);
}

static void
test_production_app (SbFixture     *f,
                     gconstpointer  data)
{
  g_autoptr(JsonNode) production = sb_control (f, "/quickbooks/settings", "{\"app\": \"production\"}", 200);
  g_autoptr(JsonNode) localhost = sb_control (f, "/quickbooks/settings", "{\"redirect_uris\": [\"" REDIRECT "\"]}",
                                              400);
  g_autoptr(JsonNode) registered = sb_control (f, "/quickbooks/settings",
                                               "{\"redirect_uris\": [\"https://lumen.example/intuit\"]}", 200);
  g_autoptr(SbResponse) plain = authorize (f, REDIRECT);
  g_autoptr(SbResponse) secure = authorize (f, "https://lumen.example/intuit");
  g_autoptr(GUri) location = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *form = NULL;
  g_autofree char *escaped_code = NULL;
  g_autoptr(SbResponse) other = NULL;
  g_autoptr(SbResponse) exchanged = NULL;
  Tokens tokens = { 0 };

  g_assert_cmpuint (plain->status, ==, 400);
  g_assert_cmpuint (secure->status, ==, 302);
  location = g_uri_parse (sb_header (secure, "Location"), G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_assert_cmpstr (g_uri_get_scheme (location), ==, "https");
  params = soup_form_decode (g_uri_get_query (location));

  /* the code goes only with the redirect URI it was issued for */
  escaped_code = g_uri_escape_string (g_hash_table_lookup (params, "code"), NULL, FALSE);
  form = g_strdup_printf ("grant_type=authorization_code&code=%s&redirect_uri=%s", escaped_code,
                          "https%3A%2F%2Flumen.example%2Fintuit%2F");
  other = token_request (f, LUM_SANDBOX_QUICKBOOKS_CLIENT_SECRET, form);
  g_assert_cmpuint (other->status, ==, 400);
  g_assert_cmpstr (json_object_get_string_member (sb_object (other), "error"), ==, "invalid_grant");
  g_free (form);
  form = g_strdup_printf ("grant_type=authorization_code&code=%s&redirect_uri=%s", escaped_code,
                          "https%3A%2F%2Flumen.example%2Fintuit");
  exchanged = token_request (f, LUM_SANDBOX_QUICKBOOKS_CLIENT_SECRET, form);
  g_assert_true (read_tokens (exchanged, &tokens));
  tokens_clear (&tokens);
}

static void
test_authorize (SbFixture     *f,
                gconstpointer  data)
{
  g_autoptr(JsonNode) registered = sb_control (f, "/quickbooks/settings",
                                               "{\"redirect_uris\": [\"" REDIRECT "\"]}", 200);
  g_autoptr(SbResponse) page = sb_wait (sb_start (f, "GET", AUTHORIZE "st%20ate-1", NULL, NULL, NULL, -1,
                                                  SOUP_MESSAGE_NO_REDIRECT));
  g_autoptr(SbResponse) stranger = sb_wait (sb_start (f, "GET", "/quickbooks/connect/oauth2?client_id=x"
                                                      "&redirect_uri=" REDIRECT_ESCAPED "&response_type=code"
                                                      "&scope=com.intuit.quickbooks.accounting&state=s",
                                                      NULL, NULL, NULL, -1, SOUP_MESSAGE_NO_REDIRECT));
  g_autoptr(SbResponse) stateless = sb_wait (sb_start (f, "GET", AUTHORIZE, NULL, NULL, NULL, -1,
                                                       SOUP_MESSAGE_NO_REDIRECT));
  g_autoptr(SbResponse) denied = NULL;
  g_autoptr(SbResponse) wrong_redirect = NULL;
  g_autoptr(SbResponse) exchanged = NULL;
  g_autoptr(SbResponse) reused = NULL;
  g_autoptr(SbResponse) bad_client = NULL;
  g_autoptr(GUri) location = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(JsonNode) settings = NULL;
  g_autofree char *form = NULL;
  g_autofree char *escaped_code = NULL;
  Tokens tokens = { 0 };

  g_assert_cmpuint (page->status, ==, 302);
  location = g_uri_parse (sb_header (page, "Location"), G_URI_FLAGS_NONE, NULL);
  g_assert_nonnull (location);
  g_assert_cmpstr (g_uri_get_host (location), ==, "localhost");
  g_assert_cmpstr (g_uri_get_path (location), ==, "/callback");
  params = soup_form_decode (g_uri_get_query (location));
  g_assert_cmpstr (g_hash_table_lookup (params, "state"), ==, "st ate-1");
  g_assert_cmpstr (g_hash_table_lookup (params, "realmId"), ==, LUM_SANDBOX_QUICKBOOKS_REALM);
  g_assert_nonnull (g_hash_table_lookup (params, "code"));
  g_assert_cmpuint (stranger->status, ==, 400);
  g_assert_cmpuint (stateless->status, ==, 400);

  escaped_code = g_uri_escape_string (g_hash_table_lookup (params, "code"), NULL, FALSE);
  form = g_strdup_printf ("grant_type=authorization_code&code=%s&redirect_uri=http%%3A%%2F%%2Fevil.example%%2F",
                          escaped_code);
  wrong_redirect = token_request (f, LUM_SANDBOX_QUICKBOOKS_CLIENT_SECRET, form);
  g_assert_cmpuint (wrong_redirect->status, ==, 400);
  g_assert_cmpstr (json_object_get_string_member (sb_object (wrong_redirect), "error"), ==, "invalid_grant");

  g_free (form);
  form = g_strdup_printf ("grant_type=authorization_code&code=%s&redirect_uri=%s", escaped_code, REDIRECT_ESCAPED);
  bad_client = token_request (f, "not-the-secret", form);
  g_assert_cmpuint (bad_client->status, ==, 401);
  g_assert_cmpstr (json_object_get_string_member (sb_object (bad_client), "error"), ==, "invalid_client");
  exchanged = token_request (f, LUM_SANDBOX_QUICKBOOKS_CLIENT_SECRET, form);
  g_assert_true (read_tokens (exchanged, &tokens));
  g_assert_cmpint (json_object_get_int_member (sb_object (exchanged), "expires_in"), ==, 3600);
  reused = token_request (f, LUM_SANDBOX_QUICKBOOKS_CLIENT_SECRET, form);
  g_assert_cmpuint (reused->status, ==, 400);
  g_assert_cmpstr (json_object_get_string_member (sb_object (reused), "error"), ==, "invalid_grant");

  settings = sb_control (f, "/quickbooks/settings", "{\"authorize_error\": \"access_denied\"}", 200);
  denied = sb_wait (sb_start (f, "GET", AUTHORIZE "s2", NULL, NULL, NULL, -1, SOUP_MESSAGE_NO_REDIRECT));
  g_assert_cmpuint (denied->status, ==, 302);
  g_assert_cmpstr (sb_header (denied, "Location"), ==, REDIRECT "?error=access_denied&state=s2");
  tokens_clear (&tokens);
}

static void
test_rotation (SbFixture     *f,
               gconstpointer  data)
{
  Tokens first = { 0 }, second = { 0 }, stale = { 0 }, third = { 0 };
  g_autoptr(SbResponse) works = NULL;

  connect_company (f, &first);
  g_assert_true (refresh (f, first.refresh, &second));
  g_assert_cmpstr (second.refresh, !=, first.refresh);
  g_assert_cmpstr (second.access, !=, first.access);
  /* The old refresh token is spent. */
  g_assert_false (refresh (f, first.refresh, &stale));
  g_assert_null (stale.access);
  g_assert_false (refresh (f, "qbo-rt-made-up", &stale));
  g_assert_true (refresh (f, second.refresh, &third));
  works = query (f, third.access, "select count(*) from Invoice");
  g_assert_cmpuint (works->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (sb_object (works), "QueryResponse"),
                                               "totalCount"), ==, 0);
  tokens_clear (&first);
  tokens_clear (&second);
  tokens_clear (&third);
}

static void
test_access_tokens (SbFixture     *f,
                    gconstpointer  data)
{
  Tokens tokens = { 0 }, short_lived = { 0 };
  g_autoptr(SbResponse) none = api (f, "GET", "/query?query=select%20*%20from%20Item", NULL, NULL);
  g_autoptr(SbResponse) expired = NULL;
  g_autoptr(SbResponse) aged = NULL;
  g_autoptr(SbResponse) other_company = NULL;
  g_autoptr(JsonNode) settings = NULL;
  g_autoptr(JsonNode) clock = NULL;
  g_autofree char *authorization = NULL;

  assert_fault (none, 401, "AuthenticationFault", "3200", "Token invalid");
  g_assert_nonnull (strstr (json_object_get_string_member (fault_error (none), "Message"), "AuthenticationFailed"));

  connect_company (f, &tokens);
  lum_sandbox_expire_tokens (f->sandbox, "quickbooks");
  expired = query (f, tokens.access, "select * from Item");
  assert_fault (expired, 401, "AuthenticationFault", "3200", "Token expired");

  settings = sb_control (f, "/quickbooks/settings", "{\"access_token_lifetime\": 120}", 200);
  g_assert_true (refresh (f, tokens.refresh, &short_lived));
  {
    g_autoptr(SbResponse) fresh = query (f, short_lived.access, "select * from Item");
    g_assert_cmpuint (fresh->status, ==, 200);
  }
  clock = sb_control (f, "/clock", "{\"advance_seconds\": 121}", 200);
  aged = query (f, short_lived.access, "select * from Item");
  assert_fault (aged, 401, "AuthenticationFault", "3200", "Token expired");

  g_clear_pointer (&clock, json_node_unref);
  clock = sb_control (f, "/clock", "{\"now\": null}", 200);
  tokens_clear (&tokens);
  connect_company (f, &tokens);
  authorization = sb_bearer (tokens.access);
  other_company = sb_send (f, "GET", "/quickbooks/v3/company/123/query?query=select%20*%20from%20Item",
                           authorization, NULL);
  assert_fault (other_company, 403, "AuthorizationFault", "3100", "company");
  tokens_clear (&tokens);
  tokens_clear (&short_lived);
}

static void
test_entities (SbFixture     *f,
               gconstpointer  data)
{
  Tokens tokens = { 0 };
  g_autoptr(SbResponse) duplicate = NULL, item_duplicate = NULL, created = NULL, read = NULL, missing = NULL;
  g_autoptr(SbResponse) nameless = NULL;
  JsonObject *stored;
  JsonArray *lines;

  connect_company (f, &tokens);
  seed_company (f, tokens.access);
  duplicate = api (f, "POST", "/customer", tokens.access, "{\"DisplayName\": \"ACME\"}");
  assert_fault (duplicate, 400, "ValidationFault", "6240", "already exists. : Id=1");
  item_duplicate = api (f, "POST", "/item", tokens.access,
                       "{\"Name\": \"Widget\", \"IncomeAccountRef\": {\"value\": \"79\"}}");
  assert_fault (item_duplicate, 400, "ValidationFault", "6240", "Id=1");
  nameless = api (f, "POST", "/customer", tokens.access, "{\"Notes\": \"no name\"}");
  assert_fault (nameless, 400, "ValidationFault", "2020", "DisplayName");

  created = api (f, "POST", "/invoice?minorversion=65", tokens.access, invoice);
  g_assert_cmpuint (created->status, ==, 200);
  stored = json_object_get_object_member (sb_object (created), "Invoice");
  g_assert_cmpstr (json_object_get_string_member (stored, "Id"), ==, "1");
  g_assert_cmpstr (json_object_get_string_member (stored, "DocNumber"), ==, "INV-000001");
  g_assert_cmpstr (json_object_get_string_member (stored, "SyncToken"), ==, "0");
  g_assert_cmpstr (json_object_get_string_member (stored, "PrivateNote"), ==, "Lumen SO-000001");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (stored, "TotalAmt"), 25.0, 0.001);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (stored, "CustomerRef"), "name"),
                   ==, "Acme");
  lines = json_object_get_array_member (stored, "Line");
  g_assert_cmpuint (json_array_get_length (lines), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (lines, 1), "DetailType"), ==,
                   "SubTotalLineDetail");
  g_assert_true (json_object_has_member (json_object_get_object_member (stored, "MetaData"), "CreateTime"));
  g_assert_nonnull (json_object_get_string_member (sb_object (created), "time"));

  read = api (f, "GET", "/invoice/1", tokens.access, NULL);
  g_assert_cmpuint (read->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (sb_object (read), "Invoice"),
                                                  "DocNumber"), ==, "INV-000001");
  missing = api (f, "GET", "/invoice/99", tokens.access, NULL);
  assert_fault (missing, 400, "ValidationFault", "610", "Object Not Found");
  tokens_clear (&tokens);
}

static void
test_invoice_faults (SbFixture     *f,
                     gconstpointer  data)
{
  Tokens tokens = { 0 };
  g_autoptr(SbResponse) no_customer = NULL, no_lines = NULL, no_item = NULL, unknown_item = NULL;
  g_autoptr(SbResponse) unknown_customer = NULL, wrong_amount = NULL, wrong_type = NULL, as_200 = NULL;
  g_autoptr(SbResponse) long_number = NULL;
  JsonObject *error;

  connect_company (f, &tokens);
  seed_company (f, tokens.access);
  no_customer = api (f, "POST", "/invoice", tokens.access,
                     "{\"Line\": [{\"Amount\": 10, \"DetailType\": \"SalesItemLineDetail\","
                     " \"SalesItemLineDetail\": {\"ItemRef\": {\"value\": \"1\"}}}]}");
  assert_fault (no_customer, 400, "ValidationFault", "2020", "Required parameter CustomerRef is missing");
  error = fault_error (no_customer);
  g_assert_cmpstr (json_object_get_string_member (error, "element"), ==, "CustomerRef");
  no_lines = api (f, "POST", "/invoice", tokens.access, "{\"CustomerRef\": {\"value\": \"1\"}, \"Line\": []}");
  assert_fault (no_lines, 400, "ValidationFault", "2020", "Line");
  no_item = api (f, "POST", "/invoice", tokens.access,
                 "{\"CustomerRef\": {\"value\": \"1\"}, \"Line\": [{\"Amount\": 10,"
                 " \"DetailType\": \"SalesItemLineDetail\", \"SalesItemLineDetail\": {}}]}");
  assert_fault (no_item, 400, "ValidationFault", "2020", "Line.SalesItemLineDetail.ItemRef");
  unknown_item = api (f, "POST", "/invoice", tokens.access,
                      "{\"CustomerRef\": {\"value\": \"1\"}, \"Line\": [{\"Amount\": 10,"
                      " \"DetailType\": \"SalesItemLineDetail\", \"SalesItemLineDetail\": {\"ItemRef\": {\"value\": \"9\"}}}]}");
  assert_fault (unknown_item, 400, "ValidationFault", "2500", "Item 9");
  unknown_customer = api (f, "POST", "/invoice", tokens.access,
                          "{\"CustomerRef\": {\"value\": \"42\"}, \"Line\": [{\"Amount\": 10,"
                          " \"DetailType\": \"SalesItemLineDetail\", \"SalesItemLineDetail\": {\"ItemRef\": {\"value\": \"1\"}}}]}");
  assert_fault (unknown_customer, 400, "ValidationFault", "2500", "Customer 42");
  wrong_amount = api (f, "POST", "/invoice", tokens.access,
                      "{\"CustomerRef\": {\"value\": \"1\"}, \"Line\": [{\"Amount\": 10,"
                      " \"DetailType\": \"SalesItemLineDetail\","
                      " \"SalesItemLineDetail\": {\"ItemRef\": {\"value\": \"1\"}, \"Qty\": 3, \"UnitPrice\": 4}}]}");
  assert_fault (wrong_amount, 400, "ValidationFault", "6070", "UnitPrice * Qty");
  wrong_type = api (f, "POST", "/invoice", tokens.access, "{\"CustomerRef\": \"1\", \"Line\": []}");
  assert_fault (wrong_type, 400, "ValidationFault", "2010", "CustomerRef");
  long_number = api (f, "POST", "/invoice", tokens.access,
                     "{\"DocNumber\": \"INV-0000000000000000000001\", \"CustomerRef\": {\"value\": \"1\"},"
                     " \"Line\": [{\"Amount\": 10, \"DetailType\": \"SalesItemLineDetail\","
                     " \"SalesItemLineDetail\": {\"ItemRef\": {\"value\": \"1\"}}}]}");
  assert_fault (long_number, 400, "ValidationFault", "2050", "Max:21");

  /* As QuickBooks does for some faults: status 200, a Fault body. */
  lum_sandbox_set_quickbooks_fault_status (f->sandbox, 200);
  as_200 = api (f, "POST", "/invoice", tokens.access, "{\"Line\": []}");
  assert_fault (as_200, 200, "ValidationFault", "2020", "CustomerRef");
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "quickbooks", "invoices"), ==, 0);
  tokens_clear (&tokens);
}

static void
test_request_id (SbFixture     *f,
                 gconstpointer  data)
{
  Tokens tokens = { 0 };
  g_autoptr(SbResponse) first = NULL, replay = NULL, other = NULL, other_replay = NULL;
  g_autofree char *first_text = NULL, *replay_text = NULL;

  connect_company (f, &tokens);
  seed_company (f, tokens.access);
  first = api (f, "POST", "/invoice?minorversion=65&requestid=job-17-a", tokens.access, invoice);
  replay = api (f, "POST", "/invoice?minorversion=65&requestid=job-17-a", tokens.access, invoice);
  g_assert_cmpuint (first->status, ==, 200);
  g_assert_cmpuint (replay->status, ==, 200);
  first_text = sb_text (first);
  replay_text = sb_text (replay);
  g_assert_cmpstr (replay_text, ==, first_text);
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "quickbooks", "invoices"), ==, 1);

  /* Another requestid creates again, even with the same DocNumber:
   * QuickBooks does not refuse duplicate document numbers. */
  other = api (f, "POST", "/invoice?minorversion=65&requestid=job-17-b", tokens.access, invoice);
  g_assert_cmpuint (other->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (sb_object (other), "Invoice"),
                                                  "Id"), ==, "2");
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "quickbooks", "invoices"), ==, 2);

  /* A replayed fault stays the fault it was. */
  other_replay = api (f, "POST", "/invoice?requestid=job-18", tokens.access, "{\"Line\": []}");
  g_clear_pointer (&other_replay, sb_response_free);
  other_replay = api (f, "POST", "/invoice?requestid=job-18", tokens.access, invoice);
  assert_fault (other_replay, 400, "ValidationFault", "2020", "CustomerRef");
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "quickbooks", "invoices"), ==, 2);
  tokens_clear (&tokens);
}

static void
test_query (SbFixture     *f,
            gconstpointer  data)
{
  Tokens tokens = { 0 };
  g_autoptr(SbResponse) created = NULL, by_doc = NULL, by_name = NULL, by_sku = NULL, nothing = NULL;
  g_autoptr(SbResponse) bad = NULL, unknown = NULL, like = NULL, fields = NULL, posted = NULL;
  JsonObject *response;
  JsonArray *invoices;

  connect_company (f, &tokens);
  seed_company (f, tokens.access);
  created = api (f, "POST", "/invoice", tokens.access, invoice);
  g_assert_cmpuint (created->status, ==, 200);

  by_doc = query (f, tokens.access, "select * from Invoice where DocNumber = 'INV-000001'");
  g_assert_cmpuint (by_doc->status, ==, 200);
  response = json_object_get_object_member (sb_object (by_doc), "QueryResponse");
  invoices = json_object_get_array_member (response, "Invoice");
  g_assert_cmpuint (json_array_get_length (invoices), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (invoices, 0), "Id"), ==, "1");
  g_assert_cmpint (json_object_get_int_member (response, "startPosition"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (response, "maxResults"), ==, 1);

  by_name = query (f, tokens.access, "SELECT * FROM Customer WHERE DisplayName = 'acme'");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_object_get_object_member (sb_object (by_name), "QueryResponse"), "Customer")), ==, 1);
  by_sku = query (f, tokens.access, "select * from Item where Sku = 'WID-1' and Active = true");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (
                     json_object_get_object_member (sb_object (by_sku), "QueryResponse"), "Item"), 0), "Name"), ==,
                   "Widget");
  nothing = query (f, tokens.access, "select * from Invoice where DocNumber = 'INV-404'");
  g_assert_cmpuint (nothing->status, ==, 200);
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (sb_object (nothing), "QueryResponse")), ==,
                    0);
  like = query (f, tokens.access, "select * from Invoice where CustomerRef = '1' and DocNumber like 'INV-%'");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_object_get_object_member (sb_object (like), "QueryResponse"), "Invoice")), ==, 1);
  fields = query (f, tokens.access, "select DocNumber, TotalAmt from Invoice where DocNumber in ('X', 'INV-000001')");
  {
    JsonObject *sparse = json_array_get_object_element (json_object_get_array_member (
                                                          json_object_get_object_member (sb_object (fields),
                                                                                         "QueryResponse"),
                                                          "Invoice"), 0);
    g_assert_true (json_object_get_boolean_member (sparse, "sparse"));
    g_assert_false (json_object_has_member (sparse, "Line"));
    g_assert_cmpstr (json_object_get_string_member (sparse, "DocNumber"), ==, "INV-000001");
  }
  posted = sb_wait (sb_start (f, "POST", COMPANY "/query", NULL, "application/text",
                              "select * from Invoice", -1, 0));
  g_assert_cmpuint (posted->status, ==, 401);

  bad = query (f, tokens.access, "select * from Invoice where DocNumber = 'unterminated");
  assert_fault (bad, 400, "ValidationFault", "4000", "QueryParserError");
  unknown = query (f, tokens.access, "select * from Spaceship");
  assert_fault (unknown, 400, "ValidationFault", "4000", "Spaceship");
  tokens_clear (&tokens);
}

/* Items need an income account; a customer cannot take a vendor's or an
 * employee's name; dates are YYYY-MM-DD. */
static void
test_company_rules (SbFixture     *f,
                    gconstpointer  data)
{
  Tokens tokens = { 0 };
  g_autoptr(SbResponse) no_account = NULL, service_no_account = NULL, unknown_account = NULL, with_account = NULL;
  g_autoptr(SbResponse) vendor_name = NULL, employee_name = NULL, bad_txn = NULL, bad_due = NULL, slashes = NULL;
  g_autoptr(SbResponse) no_day = NULL, good_dates = NULL;
  JsonObject *item;

  connect_company (f, &tokens);
  seed_company (f, tokens.access);

  no_account = api (f, "POST", "/item?minorversion=75", tokens.access,
                    "{\"Name\": \"Gadget\", \"Type\": \"NonInventory\"}");
  assert_fault (no_account, 400, "ValidationFault", "2020", "IncomeAccountRef");
  g_assert_cmpstr (json_object_get_string_member (fault_error (no_account), "element"), ==, "IncomeAccountRef");
  service_no_account = api (f, "POST", "/item?minorversion=75", tokens.access,
                            "{\"Name\": \"Consulting\", \"Type\": \"Service\"}");
  assert_fault (service_no_account, 400, "ValidationFault", "2020", "IncomeAccountRef");
  unknown_account = api (f, "POST", "/item?minorversion=75", tokens.access,
                         "{\"Name\": \"Gadget\", \"Type\": \"NonInventory\", \"IncomeAccountRef\": {\"value\": \"9999\"}}");
  assert_fault (unknown_account, 400, "ValidationFault", "2500", "9999");
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "quickbooks", "items"), ==, 1);
  with_account = api (f, "POST", "/item?minorversion=75", tokens.access,
                      "{\"Name\": \"Gadget\", \"Type\": \"Service\", \"IncomeAccountRef\": {\"value\": \"1\"}}");
  g_assert_cmpuint (with_account->status, ==, 200);
  item = json_object_get_object_member (sb_object (with_account), "Item");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (item, "IncomeAccountRef"), "value"),
                   ==, "1");

  /* one namespace of display names for customers, vendors and employees */
  vendor_name = api (f, "POST", "/customer?minorversion=75", tokens.access,
                     "{\"DisplayName\": \"" LUM_SANDBOX_QUICKBOOKS_VENDOR "\"}");
  assert_fault (vendor_name, 400, "ValidationFault", "6240", "Another customer, vendor or employee");
  g_assert_cmpstr (json_object_get_string_member (fault_error (vendor_name), "Message"), ==,
                   "Duplicate Name Exists Error");
  employee_name = api (f, "POST", "/customer?minorversion=75", tokens.access,
                       "{\"DisplayName\": \"emily platt\"}");
  assert_fault (employee_name, 400, "ValidationFault", "6240", "already exists");
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "quickbooks", "customers"), ==, 1);

#define DATED_INVOICE(dates) \
  "{\"CustomerRef\": {\"value\": \"1\"}, " dates ", \"Line\": [{\"Amount\": 10, \"DetailType\": " \
  "\"SalesItemLineDetail\", \"SalesItemLineDetail\": {\"ItemRef\": {\"value\": \"1\"}}}]}"
  bad_txn = api (f, "POST", "/invoice?minorversion=75", tokens.access,
                 DATED_INVOICE ("\"TxnDate\": \"2025-06-01T10:00:00Z\""));
  assert_fault (bad_txn, 400, "ValidationFault", "2010", "TxnDate");
  g_assert_cmpstr (json_object_get_string_member (fault_error (bad_txn), "element"), ==, "TxnDate");
  bad_due = api (f, "POST", "/invoice?minorversion=75", tokens.access,
                 DATED_INVOICE ("\"TxnDate\": \"2025-06-01\", \"DueDate\": \"2025-02-30\""));
  assert_fault (bad_due, 400, "ValidationFault", "2010", "DueDate");
  slashes = api (f, "POST", "/invoice?minorversion=75", tokens.access, DATED_INVOICE ("\"TxnDate\": \"06/01/2025\""));
  assert_fault (slashes, 400, "ValidationFault", "2010", "TxnDate");
  no_day = api (f, "POST", "/invoice?minorversion=75", tokens.access, DATED_INVOICE ("\"DueDate\": \"2025-06\""));
  assert_fault (no_day, 400, "ValidationFault", "2010", "DueDate");
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "quickbooks", "invoices"), ==, 0);
  good_dates = api (f, "POST", "/invoice?minorversion=75", tokens.access,
                    DATED_INVOICE ("\"TxnDate\": \"2024-02-29\", \"DueDate\": \"2024-03-30\""));
  g_assert_cmpuint (good_dates->status, ==, 200);
#undef DATED_INVOICE
  tokens_clear (&tokens);
}

/* The chart of accounts, read as Intuit's Account query does: the income
 * accounts only, each with its Id, Name and AccountType. */
static void
test_accounts (SbFixture     *f,
               gconstpointer  data)
{
  Tokens tokens = { 0 };
  g_autoptr(SbResponse) income = NULL, all = NULL, one = NULL;
  JsonArray *accounts;

  connect_company (f, &tokens);
  income = query (f, tokens.access, "select * from Account where AccountType = 'Income' maxresults 1000");
  g_assert_cmpuint (income->status, ==, 200);
  accounts = json_object_get_array_member (json_object_get_object_member (sb_object (income), "QueryResponse"),
                                           "Account");
  g_assert_cmpuint (json_array_get_length (accounts), ==, 4);
  for (guint i = 0; i < json_array_get_length (accounts); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (accounts, i), "AccountType"), ==,
                     "Income");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (accounts, 2), "Id"), ==,
                   LUM_SANDBOX_QUICKBOOKS_INCOME_ACCOUNT);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (accounts, 2), "Name"), ==,
                   "Sales of Product Income");
  all = query (f, tokens.access, "select * from Account");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_object_get_object_member (sb_object (all), "QueryResponse"), "Account")), ==, 8);
  one = api (f, "GET", "/account/35?minorversion=75", tokens.access, NULL);
  g_assert_cmpuint (one->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (sb_object (one), "Account"),
                                                  "AccountType"), ==, "Bank");
  tokens_clear (&tokens);
}

static void
test_throttle (SbFixture     *f,
               gconstpointer  data)
{
  Tokens tokens = { 0 };
  g_autoptr(SbResponse) refused = NULL;
  g_autoptr(GPtrArray) pending = g_ptr_array_new ();
  g_autoptr(JsonNode) faults = NULL;
  g_autofree char *authorization = NULL;
  guint ok = 0, throttled = 0;

  connect_company (f, &tokens);
  lum_sandbox_set_rate_limit (f->sandbox, "quickbooks", 3, 60000);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(SbResponse) response = query (f, tokens.access, "select * from Item");
      g_assert_cmpuint (response->status, ==, 200);
    }
  refused = query (f, tokens.access, "select * from Item");
  assert_fault (refused, 429, "ThrottlingFault", "3001", "limit");
  g_assert_nonnull (strstr (json_object_get_string_member (fault_error (refused), "Message"), "ThrottleExceeded"));

  /* Ten at once per company: the eleventh and twelfth in flight are refused. */
  lum_sandbox_set_rate_limit (f->sandbox, "quickbooks", 500, 60000);
  faults = sb_control (f, "/faults", "{\"service\": \"quickbooks\", \"latency_ms\": 400}", 200);
  authorization = sb_bearer (tokens.access);
  for (guint i = 0; i < 12; i++)
    g_ptr_array_add (pending, sb_start (f, "GET", COMPANY "/query?query=select%20*%20from%20Item", authorization,
                                        NULL, NULL, -1, 0));
  for (guint i = 0; i < pending->len; i++)
    {
      g_autoptr(SbResponse) response = sb_wait (g_ptr_array_index (pending, i));

      if (response->status == 200)
        ok++;
      else if (response->status == 429)
        {
          assert_fault (response, 429, "ThrottlingFault", "3001", "in flight");
          throttled++;
        }
    }
  g_assert_cmpuint (ok, ==, 10);
  g_assert_cmpuint (throttled, ==, 2);

  /* Their slots are free again once answered. */
  lum_sandbox_clear_faults (f->sandbox, "quickbooks");
  {
    g_autoptr(SbResponse) after = query (f, tokens.access, "select * from Item");
    g_assert_cmpuint (after->status, ==, 200);
  }
  tokens_clear (&tokens);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, SbFixture, NULL, sb_fixture_setup, func, sb_fixture_teardown)
  ADD ("/sandbox/quickbooks/authorize", test_authorize);
  ADD ("/sandbox/quickbooks/redirect-uris", test_redirect_uris);
  ADD ("/sandbox/quickbooks/production-app", test_production_app);
  ADD ("/sandbox/quickbooks/refresh-rotation", test_rotation);
  ADD ("/sandbox/quickbooks/access-tokens", test_access_tokens);
  ADD ("/sandbox/quickbooks/entities", test_entities);
  ADD ("/sandbox/quickbooks/invoice-faults", test_invoice_faults);
  ADD ("/sandbox/quickbooks/request-id", test_request_id);
  ADD ("/sandbox/quickbooks/query", test_query);
  ADD ("/sandbox/quickbooks/throttle", test_throttle);
  ADD ("/sandbox/quickbooks/company-rules", test_company_rules);
  ADD ("/sandbox/quickbooks/accounts", test_accounts);
#undef ADD

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "lum-test-sandbox.h"
#include "lum-secrets.h"
#include "lum-util.h"
#include "connect/lum-quickbooks.h"
#include "lum-engine-setup.h"

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

/* Posts an order on a channel that invoices with the order and pushes the
 * invoice to QuickBooks; returns the invoice. */
static LumDocument *
invoiced_order (Fixture    *f,
                const char *channel_name)
{
  g_autoptr(LumChannel) channel = lum_test_world_channel (f, channel_name, NULL, NULL, 0,
                                                          LUM_INVOICE_TIMING_SO_CREATED, f->quickbooks);
  g_autoptr(LumDocument) order = lum_test_world_post_order (f, channel, "Dock 3");
  g_auto(GStrv) invoices = lum_engine_list_order_invoices (f->engine, lum_document_get_id (order), NULL);

  g_assert_cmpuint (g_strv_length (invoices), ==, 1);
  return lum_engine_find_document (f->engine, LUM_DOCUMENT_KIND_INVOICE, invoices[0], NULL);
}

static JsonObject *
remote_invoice (Fixture    *f,
                const char *number)
{
  return lum_test_world_remote_order (f, "quickbooks", "DocNumber", number);
}

static void
test_invoice_pushed_once (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(LumDocument) invoice = NULL;
  g_autoptr(LumDocument) after = NULL;
  g_autoptr(LumJob) job = NULL;

  SKIP_WITHOUT_KEYRING ();
  invoice = invoiced_order (f, "Books");
  g_assert_cmpstr (lum_document_get_text (invoice, LUM_DOC_ACCOUNTING_STATUS), ==, "scheduled");

  g_assert_cmpuint (lum_test_world_push (f), ==, 1);
  after = lum_test_world_reload (f, invoice);
  job = lum_test_world_last_job (f, invoice);
  g_assert_cmpint (lum_job_get_state (job), ==, LUM_JOB_STATE_DONE);
  g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_ACCOUNTING_STATUS), ==, "pushed");
  g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_ACCOUNTING_ID), !=, "");
  g_assert_cmpuint (lum_test_world_count_remote (f, "quickbooks", "invoices"), ==, 1);
  g_assert_cmpuint (lum_test_world_count_remote (f, "quickbooks", "customers"), ==, 1);
  g_assert_cmpuint (lum_test_world_count_remote (f, "quickbooks", "items"), ==, 2);
  g_assert_nonnull (remote_invoice (f, lum_document_get_number (invoice)));

  /* a second invoice reuses the customer and the items */
  {
    g_autoptr(LumDocument) second = invoiced_order (f, "Books Two");
    g_assert_cmpuint (lum_test_world_push (f), ==, 1);
    g_assert_cmpuint (lum_test_world_count_remote (f, "quickbooks", "invoices"), ==, 2);
    g_assert_cmpuint (lum_test_world_count_remote (f, "quickbooks", "customers"), ==, 1);
    g_assert_cmpuint (lum_test_world_count_remote (f, "quickbooks", "items"), ==, 2);
  }
}

static void
test_access_token_expiry (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(LumDocument) first = NULL;
  g_autoptr(LumDocument) second = NULL;
  g_autoptr(LumDocument) after = NULL;

  SKIP_WITHOUT_KEYRING ();
  first = invoiced_order (f, "Tokens");
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);

  /* the access token dies early: the 401 renews it and the push goes on */
  lum_sandbox_expire_tokens (f->sandbox, "quickbooks");
  second = invoiced_order (f, "Tokens Two");
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);
  after = lum_test_world_reload (f, second);
  g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_ACCOUNTING_STATUS), ==, "pushed");
  g_assert_cmpuint (lum_test_world_count_remote (f, "quickbooks", "invoices"), ==, 2);
}

static void
test_refresh_rotation_survives_restart (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *rotated = NULL;
  g_autoptr(LumDocument) invoice = NULL;
  SKIP_WITHOUT_KEYRING ();
  before = lum_secrets_lookup (f->quickbooks, LUM_SECRET_QUICKBOOKS_REFRESH_TOKEN, &error);
  invoice = invoiced_order (f, "Rotation");
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);

  /* the refresh gave a new refresh token, kept at once */
  rotated = lum_secrets_lookup (f->quickbooks, LUM_SECRET_QUICKBOOKS_REFRESH_TOKEN, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rotated);
  g_assert_cmpstr (rotated, !=, before);

  /* a new process (a new engine on the same file) starts from it */
  g_clear_object (&f->engine);
  f->engine = lum_engine_new (f->db_path, &error);
  g_assert_no_error (error);
  lum_sandbox_expire_tokens (f->sandbox, "quickbooks");
  {
    g_autoptr(LumDocument) next = invoiced_order (f, "Rotation Two");
    g_autoptr(LumDocument) after = NULL;

    g_assert_cmpuint (lum_test_world_push (f), ==, 1);
    after = lum_test_world_reload (f, next);
    g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_ACCOUNTING_STATUS), ==, "pushed");
  }
}

static void
test_invalid_grant_needs_reconnecting (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumDocument) invoice = NULL;
  g_autoptr(LumJob) job = NULL;
  g_autoptr(LumIntegration) stored = NULL;

  SKIP_WITHOUT_KEYRING ();
  g_assert_true (lum_secrets_store (f->quickbooks, LUM_SECRET_QUICKBOOKS_REFRESH_TOKEN,
                                    "a-refresh-token-quickbooks-never-issued", &error));
  invoice = invoiced_order (f, "Revoked");
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);
  job = lum_test_world_last_job (f, invoice);
  g_assert_cmpint (lum_job_get_state (job), ==, LUM_JOB_STATE_FAILED);
  g_assert_nonnull (strstr (lum_job_get_text (job, LUM_JOB_LAST_ERROR), "needs reconnecting"));
  stored = lum_engine_get_integration (f->engine, lum_integration_get_id (f->quickbooks), &error);
  g_assert_cmpstr (lum_integration_get_state (stored), ==, LUM_QUICKBOOKS_NEEDS_RECONNECT);
}

static void
set_faults (Fixture    *f,
            const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  g_assert_true (lum_sandbox_set_faults (f->sandbox, json_node_get_object (json_parser_get_root (parser)), &error));
  g_assert_no_error (error);
}

/* QuickBooks received the invoice but Lumen never heard back: the next
 * attempt finds it by DocNumber and creates nothing. */
static void
test_lost_answer_one_invoice (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(LumDocument) invoice = NULL;
  g_autoptr(LumDocument) after = NULL;
  g_autoptr(LumJob) job = NULL;
  guint invoices_before;

  SKIP_WITHOUT_KEYRING ();
  invoice = invoiced_order (f, "Lost");
  /* let the token, customer and item requests through, then drop the answer */
  invoices_before = lum_test_world_count_remote (f, "quickbooks", "invoices");
  set_faults (f, "{\"service\": \"quickbooks\", \"reset_after_request\": true, \"path\": \"/invoice\"}");
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);
  job = lum_test_world_last_job (f, invoice);
  g_assert_cmpint (lum_job_get_state (job), ==, LUM_JOB_STATE_SCHEDULED);
  g_assert_cmpuint (lum_test_world_count_remote (f, "quickbooks", "invoices"), ==, invoices_before + 1);

  lum_sandbox_clear_faults (f->sandbox, "quickbooks");
  lum_test_world_advance (f, 2);
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);
  g_assert_cmpuint (lum_test_world_count_remote (f, "quickbooks", "invoices"), ==, invoices_before + 1);
  after = lum_test_world_reload (f, invoice);
  g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_ACCOUNTING_STATUS), ==, "pushed");
}

static void
test_fault_parsing (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *message = NULL;
  g_autofree char *quoted = lum_quickbooks_query_quote ("O'Brien \\ Sons");

  g_assert_true (json_parser_load_from_data (parser,
                                             "{\"Fault\":{\"Error\":[{\"Message\":\"Invalid Reference Id\","
                                             "\"Detail\":\"Something you're trying to use has been made inactive\","
                                             "\"code\":\"2500\"}],\"type\":\"ValidationFault\"},\"time\":\"x\"}",
                                             -1, NULL));
  message = lum_quickbooks_fault_message (json_parser_get_root (parser));
  g_assert_cmpstr (message, ==, "2500: Invalid Reference Id (Something you're trying to use has been made inactive)");
  g_assert_cmpstr (quoted, ==, "'O\\'Brien \\\\ Sons'");

  g_assert_true (json_parser_load_from_data (parser, "{\"Invoice\":{\"Id\":\"7\"}}", -1, NULL));
  g_assert_null (lum_quickbooks_fault_message (json_parser_get_root (parser)));
  g_assert_true (json_parser_load_from_data (parser, "{\"Fault\":{\"Error\":7}}", -1, NULL));
  g_clear_pointer (&message, g_free);
  message = lum_quickbooks_fault_message (json_parser_get_root (parser));
  g_assert_nonnull (message);
}

static JsonObject *
quickbooks_dump (Fixture *f)
{
  static JsonNode *last;

  g_clear_pointer (&last, json_node_unref);
  last = lum_sandbox_dump (f->sandbox);
  return json_object_get_object_member (json_node_get_object (last), "quickbooks");
}

static gint64
refreshes (Fixture *f)
{
  return json_object_get_int_member (quickbooks_dump (f), "refreshes");
}

static gint64
refused_refreshes (Fixture *f)
{
  return json_object_get_int_member (quickbooks_dump (f), "refusedRefreshes");
}

static LumIntegration *
stored_integration (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  LumIntegration *stored = lum_engine_get_integration (f->engine, lum_integration_get_id (f->quickbooks), &error);

  g_assert_no_error (error);
  return stored;
}

/* Four invoices in one pass: one refresh of the token, not four with the
 * same refresh token (three of which QuickBooks refuses for good). */
static void
test_one_refresh_for_many_invoices (Fixture       *f,
                                    gconstpointer  data)
{
  const char *names[] = { "Batch A", "Batch B", "Batch C", "Batch D" };
  LumDocument *invoices[G_N_ELEMENTS (names)];
  g_autoptr(LumIntegration) stored = NULL;
  JsonArray *requests;

  SKIP_WITHOUT_KEYRING ();
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    invoices[i] = invoiced_order (f, names[i]);
  g_assert_cmpuint (lum_test_world_push (f), ==, G_N_ELEMENTS (names));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(LumDocument) after = lum_test_world_reload (f, invoices[i]);
      g_autoptr(LumJob) job = lum_test_world_last_job (f, invoices[i]);

      g_assert_cmpstr (lum_job_get_text (job, LUM_JOB_LAST_ERROR), ==, "");
      g_assert_cmpint (lum_job_get_state (job), ==, LUM_JOB_STATE_DONE);
      g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_ACCOUNTING_STATUS), ==, "pushed");
      g_object_unref (invoices[i]);
    }
  g_assert_cmpint (refreshes (f), ==, 1);
  g_assert_cmpint (refused_refreshes (f), ==, 0);
  stored = stored_integration (f);
  g_assert_cmpstr (lum_integration_get_state (stored), !=, LUM_QUICKBOOKS_NEEDS_RECONNECT);
  g_assert_cmpuint (lum_test_world_count_remote (f, "quickbooks", "invoices"), ==, G_N_ELEMENTS (names));

  /* every request names the minor version Intuit still serves */
  requests = json_object_get_array_member (json_node_get_object (lum_sandbox_dump (f->sandbox)), "requests");
  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *request = json_array_get_object_element (requests, i);

      if (g_str_has_prefix (json_object_get_string_member (request, "path"), "/v3/"))
        g_assert_nonnull (strstr (json_object_get_string_member (request, "query"), "minorversion=75"));
    }
}

static void
on_tested_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  guint *pending = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *report = lum_connector_test_finish (LUM_CONNECTOR (source), result, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  (*pending)--;
}

/* Two connectors of the same integration (a window and its channel test,
 * say) that both need a token at once share one refresh. */
static void
test_one_refresh_across_connectors (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(LumIntegration) first_copy = NULL;
  g_autoptr(LumIntegration) second_copy = NULL;
  g_autoptr(LumConnector) first = NULL;
  g_autoptr(LumConnector) second = NULL;
  g_autoptr(LumConnector) third = NULL;
  guint pending = 3;

  SKIP_WITHOUT_KEYRING ();
  first_copy = stored_integration (f);
  second_copy = stored_integration (f);
  first = lum_connector_new (first_copy, lum_sync_service_get_session (f->service));
  second = lum_connector_new (second_copy, lum_sync_service_get_session (f->service));
  third = lum_connector_new (second_copy, lum_sync_service_get_session (f->service));
  lum_connector_test_async (first, NULL, on_tested_cb, &pending);
  lum_connector_test_async (second, NULL, on_tested_cb, &pending);
  lum_connector_test_async (third, NULL, on_tested_cb, &pending);
  while (pending > 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (refreshes (f), ==, 1);
  g_assert_cmpint (refused_refreshes (f), ==, 0);
}

/* Another process refreshed the token and stored the new one: this one
 * reads it from the keyring instead of sending the one it read before. */
static void
test_token_rotated_elsewhere (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(LumDocument) first = NULL;
  g_autoptr(LumDocument) second = NULL;
  g_autoptr(LumDocument) after = NULL;
  g_autoptr(LumIntegration) elsewhere_copy = NULL;
  g_autoptr(LumIntegration) stored = NULL;
  g_autoptr(SoupSession) other_session = soup_session_new ();
  g_autoptr(LumConnector) elsewhere = NULL;
  guint pending = 1;

  SKIP_WITHOUT_KEYRING ();
  first = invoiced_order (f, "Here");
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);
  g_assert_cmpint (refreshes (f), ==, 1);

  /* "another process": its own connector, which refreshes and keeps the
   * rotated token in the keyring; then this process's access token dies */
  elsewhere_copy = stored_integration (f);
  elsewhere = lum_connector_new (elsewhere_copy, other_session);
  lum_connector_test_async (elsewhere, NULL, on_tested_cb, &pending);
  while (pending > 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (refreshes (f), ==, 2);
  lum_sandbox_expire_tokens (f->sandbox, "quickbooks");

  second = invoiced_order (f, "There");
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);
  after = lum_test_world_reload (f, second);
  g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_ACCOUNTING_STATUS), ==, "pushed");
  g_assert_cmpint (refused_refreshes (f), ==, 0);
  stored = stored_integration (f);
  g_assert_cmpstr (lum_integration_get_state (stored), !=, LUM_QUICKBOOKS_NEEDS_RECONNECT);
}

/* No income account chosen: the push is refused before any request, and
 * the job says what to do. */
static void
test_income_account_required (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumDocument) invoice = NULL;
  g_autoptr(LumJob) job = NULL;
  const char *message;

  SKIP_WITHOUT_KEYRING ();
  lum_integration_set_setting (f->quickbooks, LUM_SETTING_QUICKBOOKS_INCOME_ACCOUNT, NULL);
  g_assert_true (lum_engine_save_integration (f->engine, f->quickbooks, &error));
  g_assert_no_error (error);
  invoice = invoiced_order (f, "No Account");
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);

  job = lum_test_world_last_job (f, invoice);
  g_assert_cmpint (lum_job_get_state (job), ==, LUM_JOB_STATE_FAILED);
  message = lum_job_get_text (job, LUM_JOB_LAST_ERROR);
  g_assert_nonnull (strstr (message, "no income account"));
  g_assert_nonnull (strstr (message, "--income-account"));
  g_assert_cmpuint (lum_sandbox_count_requests (f->sandbox, "quickbooks", NULL, NULL), ==, 0);
  g_assert_cmpuint (lum_test_world_count_remote (f, "quickbooks", "items"), ==, 0);
}

/* The items Lumen creates carry the chosen account, not a guessed "1". */
static void
test_items_use_income_account (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumDocument) invoice = NULL;
  g_autoptr(JsonNode) items = NULL;
  JsonArray *array;

  SKIP_WITHOUT_KEYRING ();
  lum_integration_set_setting (f->quickbooks, LUM_SETTING_QUICKBOOKS_INCOME_ACCOUNT, "82");
  g_assert_true (lum_engine_save_integration (f->engine, f->quickbooks, &error));
  invoice = invoiced_order (f, "Design");
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);
  items = lum_sandbox_dup_records (f->sandbox, "quickbooks", "items");
  array = json_node_get_array (items);
  g_assert_cmpuint (json_array_get_length (array), >, 0);
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                       json_array_get_object_element (array, i), "IncomeAccountRef"), "value"), ==, "82");
}

static void
on_accounts_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GListStore **accounts = user_data;
  g_autoptr(GError) error = NULL;

  *accounts = lum_sync_service_list_income_accounts_finish (LUM_SYNC_SERVICE (source), result, &error);
  g_assert_no_error (error);
}

static void
test_list_income_accounts (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GListStore) accounts = NULL;
  g_autoptr(LumRemoteStore) third = NULL;

  SKIP_WITHOUT_KEYRING ();
  lum_sync_service_list_income_accounts_async (f->service, f->quickbooks, NULL, on_accounts_cb, &accounts);
  while (accounts == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (accounts)), ==, 4);
  third = g_list_model_get_item (G_LIST_MODEL (accounts), 2);
  g_assert_cmpstr (lum_remote_store_get_remote_id (third), ==, LUM_SANDBOX_QUICKBOOKS_INCOME_ACCOUNT);
  g_assert_cmpstr (lum_remote_store_get_name (third), ==, "Sales of Product Income");
}

/* Intuit Developer, QuickBooks Online Accounting API reference, Invoice,
 * "Create an invoice", sample response (abbreviated: the addresses,
 * custom fields and tax detail left out). */
static const char intuit_invoice_created[] =
  "{\n"
  "  \"Invoice\": {\n"
  "    \"TxnDate\": \"2015-07-24\",\n"
  "    \"domain\": \"QBO\",\n"
  "    \"PrintStatus\": \"NeedToPrint\",\n"
  "    \"TotalAmt\": 100.0,\n"
  "    \"Line\": [\n"
  "      {\n"
  "        \"LineNum\": 1,\n"
  "        \"Amount\": 100.0,\n"
  "        \"SalesItemLineDetail\": {\n"
  "          \"TaxCodeRef\": {\"value\": \"NON\"},\n"
  "          \"ItemRef\": {\"name\": \"Services\", \"value\": \"1\"}\n"
  "        },\n"
  "        \"Id\": \"1\",\n"
  "        \"DetailType\": \"SalesItemLineDetail\"\n"
  "      },\n"
  "      {\"DetailType\": \"SubTotalLineDetail\", \"Amount\": 100.0, \"SubTotalLineDetail\": {}}\n"
  "    ],\n"
  "    \"DueDate\": \"2015-08-23\",\n"
  "    \"ApplyTaxAfterDiscount\": false,\n"
  "    \"DocNumber\": \"1069\",\n"
  "    \"sparse\": false,\n"
  "    \"Deposit\": 0,\n"
  "    \"Balance\": 100.0,\n"
  "    \"CustomerRef\": {\"name\": \"Amy's Bird Sanctuary\", \"value\": \"1\"},\n"
  "    \"SyncToken\": \"0\",\n"
  "    \"LinkedTxn\": [],\n"
  "    \"EmailStatus\": \"NotSet\",\n"
  "    \"MetaData\": {\n"
  "      \"CreateTime\": \"2015-07-24T10:33:39-07:00\",\n"
  "      \"LastUpdatedTime\": \"2015-07-24T10:33:39-07:00\"\n"
  "    },\n"
  "    \"Id\": \"238\"\n"
  "  },\n"
  "  \"time\": \"2015-07-24T10:33:39.11-07:00\"\n"
  "}\n";

/* Intuit Developer, "Handling common errors" (the Fault every error
 * answers in), with the message and detail of error 6240 from Intuit's
 * developer blog, "How to Handle Frequently Returned QuickBooks Online API
 * Error Messages" (2017). */
static const char intuit_duplicate_name_fault[] =
  "{\n"
  "  \"Fault\": {\n"
  "    \"Error\": [\n"
  "      {\n"
  "        \"Message\": \"Duplicate Name Exists Error\",\n"
  "        \"Detail\": \"The name supplied already exists: Another customer is already using this name. "
  "Please use a different name.\",\n"
  "        \"code\": \"6240\",\n"
  "        \"element\": \"\"\n"
  "      }\n"
  "    ],\n"
  "    \"type\": \"ValidationFault\"\n"
  "  },\n"
  "  \"time\": \"2017-09-29T09:17:31.892-07:00\"\n"
  "}\n";

static void
test_documented_answers (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *message = NULL;
  g_autofree char *missing = NULL;

  g_assert_true (json_parser_load_from_data (parser, intuit_invoice_created, -1, NULL));
  g_assert_null (lum_quickbooks_fault_message (json_parser_get_root (parser)));
  id = lum_quickbooks_dup_created_id (json_parser_get_root (parser), "Invoice", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, "238");
  missing = lum_quickbooks_dup_created_id (json_parser_get_root (parser), "Customer", &error);
  g_assert_null (missing);
  g_assert_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_INVALID_RESPONSE);

  g_assert_true (json_parser_load_from_data (parser, intuit_duplicate_name_fault, -1, NULL));
  message = lum_quickbooks_fault_message (json_parser_get_root (parser));
  g_assert_cmpstr (message, ==, "6240: Duplicate Name Exists Error (The name supplied already exists: Another "
                                "customer is already using this name. Please use a different name.)");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/quickbooks/invoice-pushed-once", test_invoice_pushed_once);
  ADD ("/quickbooks/access-token-expiry", test_access_token_expiry);
  ADD ("/quickbooks/refresh-rotation-survives-restart", test_refresh_rotation_survives_restart);
  ADD ("/quickbooks/invalid-grant", test_invalid_grant_needs_reconnecting);
  ADD ("/quickbooks/lost-answer-one-invoice", test_lost_answer_one_invoice);
  ADD ("/quickbooks/one-refresh-for-many-invoices", test_one_refresh_for_many_invoices);
  ADD ("/quickbooks/one-refresh-across-connectors", test_one_refresh_across_connectors);
  ADD ("/quickbooks/token-rotated-elsewhere", test_token_rotated_elsewhere);
  ADD ("/quickbooks/income-account-required", test_income_account_required);
  ADD ("/quickbooks/items-use-income-account", test_items_use_income_account);
  ADD ("/quickbooks/list-income-accounts", test_list_income_accounts);
  g_test_add_func ("/quickbooks/fault-parsing", test_fault_parsing);
  g_test_add_func ("/quickbooks/documented-answers", test_documented_answers);

  return g_test_run ();
}

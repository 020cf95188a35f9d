/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "lum-test-sandbox.h"
#include "lum-secrets.h"
#include "lum-util.h"
#include "connect/lum-quickbooks.h"

#define SKIP_WITHOUT_KEYRING() \
  G_STMT_START { \
    if (!lum_test_keyring_available ()) \
      { \
        g_test_skip ("needs a Secret Service: run in .ci/session"); \
        return; \
      } \
  } G_STMT_END

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
  g_test_add_func ("/quickbooks/fault-parsing", test_fault_parsing);

  return g_test_run ();
}

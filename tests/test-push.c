/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE
#include <string.h>
#include <glib/gstdio.h>

#include "lum-test-sandbox.h"
#include "lum-secrets.h"
#include "lum-util.h"
#include "sync/lum-push-worker.h"
#include "lum-engine-setup.h"

typedef LumTestWorld Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  if (!lum_test_keyring_available ())
    return;
  lum_test_world_init (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  lum_test_world_clear (f);
}

static JsonObject *
shipstation_order (Fixture     *f,
                   LumDocument *order)
{
  return lum_test_world_remote_order (f, "shipstation", "orderNumber", lum_document_get_number (order));
}

static void
test_immediate_push (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumDocument) after = NULL;
  g_autoptr(LumJob) job = NULL;
  JsonObject *remote;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (f, "Now", f->shipstation, "1001", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);
  order = lum_test_world_post_order (f, channel, "Dock 3");

  g_assert_cmpuint (lum_test_world_push (f), ==, 1);
  g_assert_cmpuint (lum_test_world_count_remote (f, "shipstation", "orders"), ==, 1);
  remote = shipstation_order (f, order);
  g_assert_nonnull (remote);
  g_assert_cmpstr (json_object_get_string_member (remote, "orderKey"), ==, lum_document_get_text (order, LUM_DOC_UUID));
  g_assert_cmpstr (json_object_get_string_member (remote, "orderStatus"), ==, "awaiting_shipment");

  after = lum_test_world_reload (f, order);
  job = lum_test_world_last_job (f, order);
  g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_PUSH_STATUS), ==, "pushed");
  g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_REMOTE_ID), !=, "");
  g_assert_cmpint (lum_job_get_state (job), ==, LUM_JOB_STATE_DONE);
  g_assert_cmpstr (lum_job_get_text (job, LUM_JOB_REMOTE_ID), ==, lum_document_get_text (after, LUM_DOC_REMOTE_ID));

  /* nothing more is due: another run sends nothing */
  g_assert_cmpuint (lum_test_world_push (f), ==, 0);
  g_assert_cmpuint (lum_sandbox_count_requests (f->sandbox, "shipstation", "POST", "/orders/createorder"), ==, 1);
}

static void
test_delayed_push_with_edit (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumDocument) edit = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *remote;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (f, "Later", f->shipstation, "1001", 15, LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);
  lum_channel_add_mapping (channel, "shipping_notes", "advancedOptions.customField1");
  g_assert_true (lum_engine_save_channel (f->engine, channel, &error));
  order = lum_test_world_post_order (f, channel, "Dock 3");

  /* inside the delay: nothing goes */
  lum_test_world_advance (f, 14);
  g_assert_cmpuint (lum_test_world_push (f), ==, 0);
  g_assert_cmpuint (lum_sandbox_count_requests (f->sandbox, "shipstation", "POST", "/orders"), ==, 0);

  /* an edit inside the window is what reaches the OMS */
  edit = lum_test_world_reload (f, order);
  lum_document_set_text (edit, LUM_DOC_SHIPPING_NOTES, "Call before delivery");
  g_assert_true (lum_engine_update_document (f->engine, edit, &error));
  g_assert_no_error (error);

  lum_test_world_advance (f, 1);
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);
  remote = shipstation_order (f, order);
  g_assert_nonnull (remote);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (remote, "advancedOptions"),
                                                  "customField1"), ==, "Call before delivery");
}

static void
test_mapping_paths_land (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *remote, *advanced, *item, *customs;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (f, "Mapped", f->shipstation, "1001", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);
  lum_channel_add_mapping (channel, "po_number", "advancedOptions.customField2");
  lum_channel_add_mapping (channel, "shipping_type", "advancedOptions.customField3");
  lum_channel_add_mapping (channel, "gift_message", "internationalOptions.customsItems[0].description");
  lum_channel_add_mapping (channel, "customer_email", "customerEmail");
  g_assert_true (lum_engine_save_channel (f->engine, channel, &error));
  order = lum_test_world_post_order (f, channel, "Dock 3");

  g_assert_cmpuint (lum_test_world_push (f), ==, 1);
  remote = shipstation_order (f, order);
  g_assert_nonnull (remote);
  advanced = json_object_get_object_member (remote, "advancedOptions");
  item = json_array_get_object_element (json_object_get_array_member (remote, "items"), 0);
  g_assert_cmpstr (json_object_get_string_member (advanced, "customField2"), ==, "PO-778");
  g_assert_cmpstr (json_object_get_string_member (advanced, "customField3"), ==, "LTL");
  g_assert_cmpint (json_object_get_int_member (advanced, "storeId"), ==, 1001);
  customs = json_array_get_object_element (json_object_get_array_member (json_object_get_object_member (remote, "internationalOptions"),
                                                                         "customsItems"), 0);
  g_assert_cmpstr (json_object_get_string_member (customs, "description"), ==, "Thank you");
  g_assert_cmpstr (json_object_get_string_member (item, "sku"), ==, "SKU-A");
  g_assert_cmpstr (json_object_get_string_member (remote, "customerEmail"), ==, "buyer@acme.example");
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

static void
test_server_errors_then_success (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumDocument) after = NULL;
  g_autoptr(LumJob) job = NULL;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (f, "Flaky", f->shipstation, "1001", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);
  order = lum_test_world_post_order (f, channel, "Dock 3");

  set_faults (f, "{\"service\": \"shipstation\", \"failure_rate\": 1.0}");
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);
  job = lum_test_world_last_job (f, order);
  g_assert_cmpint (lum_job_get_state (job), ==, LUM_JOB_STATE_SCHEDULED);
  g_assert_cmpint (lum_job_get_int (job, LUM_JOB_ATTEMPTS), ==, 1);
  g_assert_nonnull (strstr (lum_job_get_text (job, LUM_JOB_LAST_ERROR), "HTTP 500"));
  g_assert_cmpuint (lum_test_world_count_remote (f, "shipstation", "orders"), ==, 0);

  /* not before its backoff */
  g_assert_cmpuint (lum_test_world_push (f), ==, 0);

  lum_sandbox_clear_faults (f->sandbox, "shipstation");
  lum_test_world_advance (f, 2);
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);
  g_clear_object (&job);
  job = lum_test_world_last_job (f, order);
  after = lum_test_world_reload (f, order);
  g_assert_cmpint (lum_job_get_state (job), ==, LUM_JOB_STATE_DONE);
  g_assert_cmpint (lum_job_get_int (job, LUM_JOB_ATTEMPTS), ==, 2);
  g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_PUSH_STATUS), ==, "pushed");
  g_assert_cmpuint (lum_test_world_count_remote (f, "shipstation", "orders"), ==, 1);
}

static void
test_timeout_after_arrival_one_order (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumJob) job = NULL;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (f, "Lossy", f->shipstation, "1001", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);
  order = lum_test_world_post_order (f, channel, "Dock 3");

  /* the sandbox keeps the order, then drops the connection unanswered */
  set_faults (f, "{\"service\": \"shipstation\", \"reset_after_request\": true}");
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);
  job = lum_test_world_last_job (f, order);
  g_assert_cmpint (lum_job_get_state (job), ==, LUM_JOB_STATE_SCHEDULED);
  g_assert_cmpuint (lum_test_world_count_remote (f, "shipstation", "orders"), ==, 1);

  lum_sandbox_clear_faults (f->sandbox, "shipstation");
  lum_test_world_advance (f, 2);
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);
  /* the resend upserted by orderKey: still one order */
  g_assert_cmpuint (lum_test_world_count_remote (f, "shipstation", "orders"), ==, 1);
  g_clear_object (&job);
  job = lum_test_world_last_job (f, order);
  g_assert_cmpint (lum_job_get_state (job), ==, LUM_JOB_STATE_DONE);
}

static void
test_wrong_credentials_fail_readably (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(LumIntegration) wrong = NULL;
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumDocument) after = NULL;
  g_autoptr(LumJob) job = NULL;
  g_autoptr(GListStore) events = NULL;

  SKIP_WITHOUT_KEYRING ();
  wrong = lum_test_world_add_integration (f, LUM_INTEGRATION_KIND_SHIPSTATION, "Wrong Key", "not-the-secret");
  channel = lum_test_world_channel (f, "Refused", wrong, "1001", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);
  order = lum_test_world_post_order (f, channel, "Dock 3");

  g_assert_cmpuint (lum_test_world_push (f), ==, 1);
  job = lum_test_world_last_job (f, order);
  after = lum_test_world_reload (f, order);
  g_assert_cmpint (lum_job_get_state (job), ==, LUM_JOB_STATE_FAILED);
  g_assert_cmpint (lum_job_get_int (job, LUM_JOB_ATTEMPTS), ==, 1);
  g_assert_nonnull (strstr (lum_job_get_text (job, LUM_JOB_LAST_ERROR), "refused"));
  g_assert_nonnull (strstr (lum_job_get_text (job, LUM_JOB_LAST_ERROR), "Wrong Key"));
  g_assert_null (strstr (lum_job_get_text (job, LUM_JOB_LAST_ERROR), "not-the-secret"));
  g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_PUSH_STATUS), ==, "failed");
  events = lum_engine_list_events (f->engine, lum_document_get_id (order), 0, 0, NULL);
  {
    g_autoptr(LumEvent) last = g_list_model_get_item (G_LIST_MODEL (events),
                                                      g_list_model_get_n_items (G_LIST_MODEL (events)) - 1);
    g_assert_cmpstr (lum_event_get_text (last, LUM_EVENT_KIND), ==, "push.failed");
  }

  /* a retry after the fix goes through */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GHashTable) secrets = g_hash_table_new (g_str_hash, g_str_equal);

    g_hash_table_insert (secrets, LUM_SECRET_SHIPSTATION_API_SECRET, LUM_SANDBOX_SHIPSTATION_SECRET);
    g_assert_true (lum_engine_update_integration_secrets (f->engine, wrong, secrets, &error));
    g_assert_true (lum_engine_retry_job (f->engine, lum_job_get_id (job), &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);
  g_clear_object (&after);
  after = lum_test_world_reload (f, order);
  g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_PUSH_STATUS), ==, "pushed");
}

static void
test_bulk_endpoint_and_per_order_results (Fixture       *f,
                                          gconstpointer  data)
{
  g_autoptr(LumChannel) good = NULL;
  g_autoptr(LumChannel) bad_store = NULL;
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);

  SKIP_WITHOUT_KEYRING ();
  good = lum_test_world_channel (f, "Bulk", f->shipstation, "1001", LUM_PUSH_DELAY_IMMEDIATE,
                                 LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);
  bad_store = lum_test_world_channel (f, "No Such Store", f->shipstation, "4040", LUM_PUSH_DELAY_IMMEDIATE,
                                      LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);
  for (guint i = 0; i < 150; i++)
    g_ptr_array_add (orders, lum_test_world_post_order (f, i == 7 ? bad_store : good, "Dock 3"));

  g_assert_cmpuint (lum_test_world_push (f), ==, 150);
  /* 150 orders in two bulk requests, not 150 requests */
  g_assert_cmpuint (lum_sandbox_count_requests (f->sandbox, "shipstation", "POST", "/orders/createorders"), ==, 2);
  g_assert_cmpuint (lum_sandbox_count_requests (f->sandbox, "shipstation", "POST", "/orders/createorder"), ==, 2);
  g_assert_cmpuint (lum_test_world_count_remote (f, "shipstation", "orders"), ==, 149);

  for (guint i = 0; i < orders->len; i++)
    {
      g_autoptr(LumDocument) after = lum_test_world_reload (f, g_ptr_array_index (orders, i));
      g_autoptr(LumJob) job = lum_test_world_last_job (f, after);

      if (i == 7)
        {
          /* the unknown store is the OMS's refusal, with its words */
          g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_PUSH_STATUS), ==, "failed");
          g_assert_nonnull (strstr (lum_job_get_text (job, LUM_JOB_LAST_ERROR), "4040"));
        }
      else
        g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_PUSH_STATUS), ==, "pushed");
    }
}

static void
test_cancel_after_push (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *remote;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (f, "Cancels", f->shipstation, "1001", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);
  order = lum_test_world_post_order (f, channel, "Dock 3");
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);

  g_assert_true (lum_engine_cancel_order (f->engine, lum_document_get_id (order), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);
  remote = shipstation_order (f, order);
  g_assert_cmpstr (json_object_get_string_member (remote, "orderStatus"), ==, "cancelled");
  g_assert_cmpuint (lum_test_world_count_remote (f, "shipstation", "orders"), ==, 1);
}

static GString *captured_log;

static GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  for (gsize i = 0; captured_log != NULL && i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
      g_string_append_printf (captured_log, "%s\n", (const char *)fields[i].value);
  /* the debug messages are for the search only: on stdout they would mix
   * with the TAP output */
  if (level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO))
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return memmem (contents, length, needle, strlen (needle)) != NULL;
}

/* The secrets never reach the database file, its journal or the logs. */
static void
test_secrets_stay_out (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumIntegration) wrong = NULL;
  g_autoptr(LumChannel) refused = NULL;
  g_autoptr(LumDocument) refused_order = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *rows = NULL;

  SKIP_WITHOUT_KEYRING ();
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  captured_log = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);

  channel = lum_test_world_channel (f, "Secretive", f->shipstation, "1001", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);
  order = lum_test_world_post_order (f, channel, "Dock 3");
  wrong = lum_test_world_add_integration (f, LUM_INTEGRATION_KIND_SHIPSTATION, "Wrong", "wrong-secret-value");
  refused = lum_test_world_channel (f, "Refused", wrong, "1001", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);
  refused_order = lum_test_world_post_order (f, refused, "Dock 3");
  g_assert_cmpuint (lum_test_world_push (f), ==, 2);
  g_message ("pushed with %s", lum_integration_get_name (f->shipstation));

  wal = g_strconcat (f->db_path, "-wal", NULL);
  /* on a server: every row of every table, as text */
  if (lum_test_on_postgresql ())
    rows = lum_test_dump_database (f->engine);
  g_assert_true (rows != NULL ? strstr (rows, "Sandbox ShipStation") != NULL
                              : file_contains (f->db_path, "Sandbox ShipStation") || file_contains (wal, "Sandbox ShipStation"));
  for (guint i = 0; i < 3; i++)
    {
      const char *secrets[] = { LUM_SANDBOX_SHIPSTATION_SECRET, "wrong-secret-value", LUM_SANDBOX_EXTENSIV_CLIENT_SECRET };
      g_autofree char *basic = g_base64_encode ((const guchar *)secrets[i], strlen (secrets[i]));

      g_assert_false (file_contains (f->db_path, secrets[i]));
      g_assert_false (file_contains (wal, secrets[i]));
      g_assert_true (rows == NULL || strstr (rows, secrets[i]) == NULL);
      g_assert_null (strstr (captured_log->str, secrets[i]));
      g_assert_null (strstr (captured_log->str, basic));
    }
  g_assert_nonnull (strstr (captured_log->str, "pushed with Sandbox ShipStation"));
  /* the writer stays for the tests after this one: it stops capturing */
  g_string_free (g_steal_pointer (&captured_log), TRUE);
}

/* The 3PL's token ends early: the 401 renews it and the same order, body
 * and all, is sent again within the same attempt. */
static void
test_expired_token_renewed (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) first = NULL;
  g_autoptr(LumDocument) second = NULL;
  g_autoptr(LumJob) job = NULL;
  g_autoptr(JsonObject) remote = NULL;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (f, "3PL", f->extensiv, "1:1", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SO_CREATED, NULL);
  first = lum_test_world_post_order (f, channel, "Dock 3");
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);
  g_assert_cmpuint (lum_sandbox_count_requests (f->sandbox, "extensiv", "POST", "/AuthServer/api/Token"), ==, 1);

  lum_sandbox_expire_tokens (f->sandbox, "extensiv");
  second = lum_test_world_post_order (f, channel, "Dock 4");
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);

  job = lum_test_world_last_job (f, second);
  g_assert_cmpint (lum_job_get_state (job), ==, LUM_JOB_STATE_DONE);
  g_assert_cmpint (lum_job_get_int (job, LUM_JOB_ATTEMPTS), ==, 1);
  g_assert_cmpuint (lum_sandbox_count_requests (f->sandbox, "extensiv", "POST", "/AuthServer/api/Token"), ==, 2);
  g_assert_cmpuint (lum_test_world_count_remote (f, "extensiv", "orders"), ==, 2);
  remote = lum_test_world_remote_order (f, "extensiv", "referenceNum", lum_document_get_number (second));
  g_assert_nonnull (remote);
}

typedef struct
{
  GListStore *stores;
  GError     *error;
  gboolean    done;
} Fetched;

static void
on_stores_fetched_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Fetched *fetched = user_data;

  fetched->stores = lum_sync_service_fetch_stores_finish (LUM_SYNC_SERVICE (source), result, &fetched->error);
  fetched->done = TRUE;
}

static guint
fetch_stores (Fixture *f)
{
  Fetched fetched = { 0, };
  guint n;

  lum_sync_service_fetch_stores_async (f->service, f->shipstation, NULL, on_stores_fetched_cb, &fetched);
  while (!fetched.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (fetched.error);
  n = g_list_model_get_n_items (G_LIST_MODEL (fetched.stores));
  g_object_unref (fetched.stores);
  return n;
}

static void
on_changed_cb (LumEngine  *engine,
               const char *what,
               guint      *count)
{
  (*count)++;
}

/* The stores read live are remembered for when the OMS cannot be reached;
 * the same list again writes nothing and tells nobody. */
static void
test_stores_remembered (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) known = NULL;
  g_autoptr(JsonObject) added = NULL;
  guint changes = 0;
  gulong handler;

  SKIP_WITHOUT_KEYRING ();
  handler = g_signal_connect (f->engine, "changed::integrations", G_CALLBACK (on_changed_cb), &changes);

  g_assert_cmpuint (fetch_stores (f), ==, 2);
  g_assert_cmpuint (changes, ==, 1);
  known = lum_engine_list_remote_stores (f->engine, lum_integration_get_id (f->shipstation), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (known)), ==, 2);

  g_assert_cmpuint (fetch_stores (f), ==, 2);
  g_assert_cmpuint (changes, ==, 1);

  added = lum_sandbox_shipstation_add_store (f->sandbox, "Trade Shows", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fetch_stores (f), ==, 3);
  g_assert_cmpuint (changes, ==, 2);
  g_clear_object (&known);
  known = lum_engine_list_remote_stores (f->engine, lum_integration_get_id (f->shipstation), &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (known)), ==, 3);

  g_signal_handler_disconnect (f->engine, handler);
}

/* The bodies the sandbox received at @path, newest last. */
static GPtrArray *
received_bodies (Fixture    *f,
                 const char *path)
{
  g_autoptr(JsonNode) dump = lum_sandbox_dump (f->sandbox);
  JsonArray *requests = json_object_get_array_member (json_node_get_object (dump), "requests");
  GPtrArray *bodies = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *request = json_array_get_object_element (requests, i);

      if (g_strcmp0 (json_object_get_string_member (request, "path"), path) == 0)
        g_ptr_array_add (bodies, g_strdup (json_object_get_string_member (request, "body")));
    }
  return bodies;
}

/* Each job keeps the exact body that reached the OMS for its order and the
 * answer; alone, the whole body; in a batch, its own order of it. */
static void
test_sent_body_kept (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumJob) job = NULL;
  g_autoptr(GPtrArray) bodies = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *sent;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (f, "Shown", f->shipstation, "1001", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);
  order = lum_test_world_post_order (f, channel, "Dock 3");
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);

  job = lum_test_world_last_job (f, order);
  bodies = received_bodies (f, "/orders/createorder");
  g_assert_cmpuint (bodies->len, ==, 1);
  g_assert_cmpstr (lum_job_get_text (job, LUM_JOB_SENT_METHOD), ==, "POST");
  g_assert_true (g_str_has_suffix (lum_job_get_text (job, LUM_JOB_SENT_PATH), "/orders/createorder"));
  g_assert_cmpstr (lum_job_get_text (job, LUM_JOB_SENT_BODY), ==, g_ptr_array_index (bodies, 0));
  g_assert_cmpint (lum_job_get_int (job, LUM_JOB_ANSWER_STATUS), ==, 200);
  g_assert_nonnull (strstr (lum_job_get_text (job, LUM_JOB_ANSWER_BODY), lum_job_get_text (job, LUM_JOB_REMOTE_ID)));
  g_assert_null (strstr (lum_job_get_text (job, LUM_JOB_SENT_BODY), LUM_SANDBOX_SHIPSTATION_SECRET));
  /* Lumen's sandbox has no web pages to open */
  g_assert_null (lum_engine_dup_job_web_link (f->engine, job));

  /* two at once go in one batch: each job holds its own order of it */
  for (guint i = 0; i < 2; i++)
    g_ptr_array_add (batch, lum_test_world_post_order (f, channel, "Dock 3"));
  g_assert_cmpuint (lum_test_world_push (f), ==, 2);
  g_clear_pointer (&bodies, g_ptr_array_unref);
  bodies = received_bodies (f, "/orders/createorders");
  g_assert_cmpuint (bodies->len, ==, 1);
  g_assert_true (json_parser_load_from_data (parser, g_ptr_array_index (bodies, 0), -1, NULL));
  sent = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (sent), ==, 2);
  for (guint i = 0; i < batch->len; i++)
    {
      g_autoptr(LumJob) batch_job = lum_test_world_last_job (f, g_ptr_array_index (batch, i));
      const char *body = lum_job_get_text (batch_job, LUM_JOB_SENT_BODY);
      g_autofree char *element = NULL;

      for (guint j = 0; j < 2 && element == NULL; j++)
        {
          JsonObject *o = json_array_get_object_element (sent, j);
          if (g_strcmp0 (json_object_get_string_member (o, "orderNumber"),
                         lum_document_get_number (g_ptr_array_index (batch, i))) == 0)
            element = json_to_string (json_array_get_element (sent, j), FALSE);
        }
      g_assert_nonnull (element);
      g_assert_cmpstr (body, ==, element);
      g_assert_nonnull (strstr (g_ptr_array_index (bodies, 0), body));
      g_assert_true (g_str_has_suffix (lum_job_get_text (batch_job, LUM_JOB_SENT_PATH), "/orders/createorders"));
      g_assert_cmpint (lum_job_get_int (batch_job, LUM_JOB_ANSWER_STATUS), ==, 200);
    }
}

/* Secret fields never stay in what is kept, wherever they are. */
static void
test_sent_secrets_masked (void)
{
  const char *body = "{\"orderNumber\":\"SO-1\",\"auth\":{\"client_secret\":\"s3cret\",\"apiKey\":\"k3y\"}}";
  g_autofree char *kept = lum_http_mask_secrets (body, strlen (body));
  const char *plain = "{\"orderNumber\":\"SO-1\", \"amount\": 1.50}";
  g_autofree char *same = lum_http_mask_secrets (plain, strlen (plain));

  g_assert_null (strstr (kept, "s3cret"));
  g_assert_null (strstr (kept, "k3y"));
  g_assert_nonnull (strstr (kept, "SO-1"));
  /* a body without secrets is kept byte for byte */
  g_assert_cmpstr (same, ==, plain);
}

/* The web apps' addresses: ShipStation's search for the order number, a
 * QuickBooks invoice by its Id (in the sandbox web app for a sandbox
 * company), none for Extensiv nor Lumen's sandbox. */
static void
test_web_links (void)
{
  g_autoptr(LumIntegration) ss = lum_integration_new (LUM_INTEGRATION_KIND_SHIPSTATION, "SS");
  g_autoptr(LumIntegration) qb = lum_integration_new (LUM_INTEGRATION_KIND_QUICKBOOKS, "QB");
  g_autoptr(LumIntegration) tpl = lum_integration_new (LUM_INTEGRATION_KIND_EXTENSIV, "3PL");
  g_autofree char *ss_link = NULL, *qb_link = NULL, *qb_sandbox = NULL, *tpl_link = NULL, *local = NULL;

  lum_integration_set_base_url (ss, "https://ssapi.shipstation.com");
  ss_link = lum_integration_dup_web_link (ss, "123", "SO-000042");
  g_assert_cmpstr (ss_link, ==, "https://ship.shipstation.com/orders/all-orders-search-result?quickSearch=SO-000042");
  lum_integration_set_base_url (qb, "https://quickbooks.api.intuit.com");
  qb_link = lum_integration_dup_web_link (qb, "145", "INV-000001");
  g_assert_cmpstr (qb_link, ==, "https://app.qbo.intuit.com/app/invoice?txnId=145");
  lum_integration_set_base_url (qb, LUM_QUICKBOOKS_SANDBOX_URL);
  qb_sandbox = lum_integration_dup_web_link (qb, "145", "INV-000001");
  g_assert_cmpstr (qb_sandbox, ==, "https://app.sandbox.qbo.intuit.com/app/invoice?txnId=145");
  tpl_link = lum_integration_dup_web_link (tpl, "77", "SO-000042");
  g_assert_null (tpl_link);
  lum_integration_set_setting (ss, LUM_SETTING_SANDBOX, "true");
  local = lum_integration_dup_web_link (ss, "123", "SO-000042");
  g_assert_null (local);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/push/immediate", test_immediate_push);
  ADD ("/push/delayed-with-edit", test_delayed_push_with_edit);
  ADD ("/push/mapping-paths-land", test_mapping_paths_land);
  ADD ("/push/server-errors-then-success", test_server_errors_then_success);
  ADD ("/push/timeout-after-arrival-one-order", test_timeout_after_arrival_one_order);
  ADD ("/push/wrong-credentials", test_wrong_credentials_fail_readably);
  ADD ("/push/bulk-endpoint", test_bulk_endpoint_and_per_order_results);
  ADD ("/push/cancel-after-push", test_cancel_after_push);
  ADD ("/push/secrets-stay-out", test_secrets_stay_out);
  ADD ("/push/expired-token-renewed", test_expired_token_renewed);
  ADD ("/push/stores-remembered", test_stores_remembered);
  ADD ("/push/sent-body-kept", test_sent_body_kept);
  g_test_add_func ("/push/sent-secrets-masked", test_sent_secrets_masked);
  g_test_add_func ("/push/web-links", test_web_links);

  return g_test_run ();
}

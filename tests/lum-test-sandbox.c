/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "lum-test-sandbox.h"
#include "lum-secrets.h"
#include "lum-util.h"
#include "sync/lum-fulfillment-poller.h"
#include "connect/lum-quickbooks.h"
#include "sync/lum-push-worker.h"
#include "lum-engine-setup.h"

/* Tests that need credentials run in a session with a Secret Service
 * (.ci/session provides one). */
gboolean
lum_test_keyring_available (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumIntegration) probe = lum_integration_new (LUM_INTEGRATION_KIND_SHIPSTATION, "probe");
  g_autofree char *scope = g_uuid_string_random ();

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    return FALSE;
  lum_integration_set_id (probe, 1);
  lum_integration_set_secret_scope (probe, scope);
  if (!lum_secrets_store (probe, "probe", "x", &error))
    return FALSE;
  lum_secrets_clear (probe, NULL);
  return TRUE;
}

static void
store_secret (LumIntegration *integration,
              const char     *name,
              const char     *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lum_secrets_store (integration, name, value, &error));
  g_assert_no_error (error);
}

/* @key_or_secret: NULL for the sandbox's credentials, else a wrong one */
LumIntegration *
lum_test_world_add_integration (LumTestWorld       *w,
                                LumIntegrationKind  kind,
                                const char         *name,
                                const char         *key_or_secret)
{
  g_autoptr(GError) error = NULL;
  LumIntegration *integration = lum_integration_new (kind, name);
  g_autofree char *url = NULL;

  switch (kind)
    {
    case LUM_INTEGRATION_KIND_SHIPSTATION:
    case LUM_INTEGRATION_KIND_SHIPSTATION_V2:
      url = lum_sandbox_dup_base_url (w->sandbox, "shipstation");
      break;
    case LUM_INTEGRATION_KIND_EXTENSIV:
      url = lum_sandbox_dup_base_url (w->sandbox, "extensiv");
      lum_integration_set_setting (integration, LUM_SETTING_EXTENSIV_CLIENT_ID, LUM_SANDBOX_EXTENSIV_CLIENT_ID);
      lum_integration_set_setting (integration, LUM_SETTING_EXTENSIV_TPL, LUM_SANDBOX_EXTENSIV_TPL);
      lum_integration_set_setting (integration, LUM_SETTING_EXTENSIV_USER_LOGIN_ID, LUM_SANDBOX_EXTENSIV_USER_LOGIN_ID);
      lum_integration_set_setting (integration, LUM_SETTING_EXTENSIV_CUSTOMER_ID, "1");
      lum_integration_set_setting (integration, LUM_SETTING_EXTENSIV_FACILITY_ID, "1");
      break;
    case LUM_INTEGRATION_KIND_QUICKBOOKS:
    default:
      url = lum_sandbox_dup_base_url (w->sandbox, "quickbooks");
      lum_integration_set_setting (integration, LUM_SETTING_QUICKBOOKS_REALM, LUM_SANDBOX_QUICKBOOKS_REALM);
      lum_integration_set_setting (integration, LUM_SETTING_QUICKBOOKS_CLIENT_ID, LUM_SANDBOX_QUICKBOOKS_CLIENT_ID);
      lum_integration_set_setting (integration, LUM_SETTING_QUICKBOOKS_INCOME_ACCOUNT,
                                   LUM_SANDBOX_QUICKBOOKS_INCOME_ACCOUNT);
      {
        g_autofree char *token = g_strconcat (url, "/oauth2/v1/tokens/bearer", NULL);
        g_autofree char *auth = g_strconcat (url, "/connect/oauth2", NULL);
        lum_integration_set_setting (integration, LUM_SETTING_QUICKBOOKS_TOKEN_URL, token);
        lum_integration_set_setting (integration, LUM_SETTING_QUICKBOOKS_AUTH_URL, auth);
      }
      break;
    }
  lum_integration_set_base_url (integration, url);
  lum_integration_set_setting (integration, LUM_SETTING_SANDBOX, "true");
  g_assert_true (lum_engine_save_integration (w->engine, integration, &error));
  g_assert_no_error (error);

  switch (kind)
    {
    case LUM_INTEGRATION_KIND_SHIPSTATION:
      store_secret (integration, LUM_SECRET_SHIPSTATION_API_KEY, LUM_SANDBOX_SHIPSTATION_KEY);
      store_secret (integration, LUM_SECRET_SHIPSTATION_API_SECRET,
                    key_or_secret ? key_or_secret : LUM_SANDBOX_SHIPSTATION_SECRET);
      break;
    case LUM_INTEGRATION_KIND_SHIPSTATION_V2:
      /* @key_or_secret: the API key */
      store_secret (integration, LUM_SECRET_SHIPSTATION_V2_API_KEY,
                    key_or_secret ? key_or_secret : LUM_SANDBOX_SHIPSTATION_KEY);
      break;
    case LUM_INTEGRATION_KIND_EXTENSIV:
      store_secret (integration, LUM_SECRET_EXTENSIV_CLIENT_SECRET,
                    key_or_secret ? key_or_secret : LUM_SANDBOX_EXTENSIV_CLIENT_SECRET);
      break;
    case LUM_INTEGRATION_KIND_QUICKBOOKS:
    default:
      {
        g_autofree char *refresh = lum_sandbox_quickbooks_issue_refresh_token (w->sandbox);
        store_secret (integration, LUM_SECRET_QUICKBOOKS_CLIENT_SECRET,
                      key_or_secret ? key_or_secret : LUM_SANDBOX_QUICKBOOKS_CLIENT_SECRET);
        store_secret (integration, LUM_SECRET_QUICKBOOKS_REFRESH_TOKEN, refresh);
      }
      break;
    }
  return integration;
}

static gint64
sandbox_clock (gpointer user_data)
{
  return ((LumTestClock *)user_data)->now;
}

void
lum_test_world_init (LumTestWorld *w)
{
  g_autoptr(GError) error = NULL;
  struct { const char *sku; const char *name; gint64 price; } products[] = {
    { "SKU-A", "Widget", 1000 },
    { "SKU-B", "Gadget", 250 },
    { "SKU-C", "Gizmo", 9999 },
  };

  memset (w, 0, sizeof *w);
  w->engine = lum_test_engine_new (&w->clock, &w->db_path);
  w->service = lum_sync_service_new (w->engine);
  w->sandbox = lum_sandbox_new ();
  lum_sandbox_set_clock (w->sandbox, sandbox_clock, &w->clock, NULL);
  g_assert_true (lum_sandbox_listen_in_thread (w->sandbox, "127.0.0.1", 0, &error));
  g_assert_no_error (error);

  w->shipstation = lum_test_world_add_integration (w, LUM_INTEGRATION_KIND_SHIPSTATION, "Sandbox ShipStation", NULL);
  w->extensiv = lum_test_world_add_integration (w, LUM_INTEGRATION_KIND_EXTENSIV, "Sandbox 3PL", NULL);

  w->customer = lum_customer_new ("Acme Corp");
  lum_customer_set_text (w->customer, LUM_CUSTOMER_EMAIL, "buyer@acme.example");
  lum_customer_set_text (w->customer, LUM_CUSTOMER_SHIP_STREET1, "1 Main St");
  lum_customer_set_text (w->customer, LUM_CUSTOMER_SHIP_CITY, "Springfield");
  lum_customer_set_text (w->customer, LUM_CUSTOMER_SHIP_STATE, "IL");
  lum_customer_set_text (w->customer, LUM_CUSTOMER_SHIP_POSTAL_CODE, "62701");
  g_assert_true (lum_engine_save_customer (w->engine, w->customer, &error));
  for (guint i = 0; i < G_N_ELEMENTS (products); i++)
    {
      g_autoptr(LumProduct) p = lum_product_new (products[i].sku, products[i].name, products[i].price, 8);
      g_assert_true (lum_engine_save_product (w->engine, p, &error));
    }
}

void
lum_test_world_clear (LumTestWorld *w)
{
  if (w->engine != NULL)
    {
      g_autoptr(GListStore) integrations = lum_engine_list_integrations (w->engine, NULL);

      for (guint i = 0; integrations && i < g_list_model_get_n_items (G_LIST_MODEL (integrations)); i++)
        {
          g_autoptr(LumIntegration) integration = g_list_model_get_item (G_LIST_MODEL (integrations), i);
          lum_secrets_clear (integration, NULL);
        }
    }
  g_clear_object (&w->customer);
  g_clear_object (&w->shipstation);
  g_clear_object (&w->extensiv);
  g_clear_object (&w->quickbooks);
  g_clear_object (&w->service);
  g_clear_object (&w->engine);
  if (w->sandbox != NULL)
    lum_sandbox_stop (w->sandbox);
  g_clear_object (&w->sandbox);
  g_clear_pointer (&w->db_path, g_free);
}

LumChannel *
lum_test_world_channel (LumTestWorld     *w,
                        const char       *name,
                        LumIntegration   *oms,
                        const char       *store,
                        int               delay,
                        LumInvoiceTiming  timing,
                        LumIntegration   *accounting)
{
  g_autoptr(GError) error = NULL;
  LumChannel *channel = lum_engine_new_channel (w->engine, &error);

  lum_channel_set_name (channel, name);
  lum_channel_set_internal (channel, TRUE);
  lum_channel_set_invoice_timing (channel, timing);
  if (oms != NULL)
    {
      lum_channel_set_push_to_oms (channel, TRUE);
      lum_channel_set_oms_integration_id (channel, lum_integration_get_id (oms));
      lum_channel_set_oms_store_id (channel, store);
      lum_channel_set_push_delay_minutes (channel, delay);
      lum_channel_set_push_fulfillment_updates (channel, TRUE);
    }
  if (accounting != NULL)
    lum_channel_set_accounting_integration_id (channel, lum_integration_get_id (accounting));
  g_assert_true (lum_engine_save_channel (w->engine, channel, &error));
  g_assert_no_error (error);
  return channel;
}

/* 2 × SKU-A and 4 × SKU-B: 30.00 */
LumDocument *
lum_test_world_post_order (LumTestWorld *w,
                           LumChannel   *channel,
                           const char   *shipping_notes)
{
  g_autoptr(GError) error = NULL;
  LumDocument *doc = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);
  g_autoptr(LumDocLine) a = lum_doc_line_new ("SKU-A", 2, -1);
  g_autoptr(LumDocLine) b = lum_doc_line_new ("SKU-B", 4, -1);

  lum_document_set_int (doc, LUM_DOC_CHANNEL_ID, lum_channel_get_id (channel));
  lum_document_set_int (doc, LUM_DOC_CUSTOMER_ID, lum_customer_get_id (w->customer));
  lum_document_set_text (doc, LUM_DOC_SHIPPING_NOTES, shipping_notes);
  lum_document_set_text (doc, LUM_DOC_SHIPPING_TYPE, "LTL");
  lum_document_set_text (doc, LUM_DOC_PO_NUMBER, "PO-778");
  lum_document_set_text (doc, LUM_DOC_GIFT_MESSAGE, "Thank you");
  lum_document_add_line (doc, a);
  lum_document_add_line (doc, b);
  g_assert_true (lum_engine_create_and_post_document (w->engine, doc, &error));
  g_assert_no_error (error);
  return doc;
}

static void
on_pushed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  guint *sent = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (lum_push_worker_run_once_finish (LUM_PUSH_WORKER (source), result, sent, &error));
  g_assert_no_error (error);
  *sent += 1000000; /* done */
}

static void
on_polled_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  LumPollStats *stats = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (lum_fulfillment_poller_poll_finish (LUM_FULFILLMENT_POLLER (source), result, stats, &error));
  g_assert_no_error (error);
  stats->shipments += 1000000;
}

/* One poll of every store, as `lumenctl sync --once` polls: its figures. */
LumPollStats
lum_test_world_poll (LumTestWorld *w)
{
  g_autoptr(LumFulfillmentPoller) poller = lum_fulfillment_poller_new (w->service);
  LumPollStats stats = { 0, };

  lum_fulfillment_poller_poll_async (poller, NULL, on_polled_cb, &stats);
  while (stats.shipments < 1000000)
    g_main_context_iteration (NULL, TRUE);
  stats.shipments -= 1000000;
  return stats;
}

/* One run of a push worker, as `lumenctl sync --once`: returns the number of
 * jobs it sent. */
guint
lum_test_world_push (LumTestWorld *w)
{
  g_autoptr(LumPushWorker) worker = lum_push_worker_new (w->service);
  guint sent = 0;

  lum_push_worker_set_with_invoices (worker, TRUE);
  lum_push_worker_run_once_async (worker, NULL, on_pushed_cb, &sent);
  while (sent < 1000000)
    g_main_context_iteration (NULL, TRUE);
  return sent - 1000000;
}

void
lum_test_world_advance (LumTestWorld *w,
                        int           minutes)
{
  w->clock.now += (gint64)minutes * 60 * G_USEC_PER_SEC;
}

LumDocument *
lum_test_world_reload (LumTestWorld *w,
                       LumDocument  *doc)
{
  g_autoptr(GError) error = NULL;
  LumDocument *fresh = lum_engine_get_document (w->engine, lum_document_get_kind (doc), lum_document_get_id (doc), &error);

  g_assert_no_error (error);
  return fresh;
}

LumJob *
lum_test_world_last_job (LumTestWorld *w,
                         LumDocument  *doc)
{
  LumJobFilter filter = { 0, };
  g_autoptr(GListStore) jobs = NULL;

  if (lum_document_get_kind (doc) == LUM_DOCUMENT_KIND_SALES_ORDER)
    filter.sales_order_id = lum_document_get_id (doc);
  else
    filter.invoice_id = lum_document_get_id (doc);
  jobs = lum_engine_list_jobs (w->engine, &filter, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (jobs)), >, 0);
  return g_list_model_get_item (G_LIST_MODEL (jobs), 0);
}

guint
lum_test_world_count_remote (LumTestWorld *w,
                             const char   *service,
                             const char   *kind)
{
  return lum_sandbox_count_records (w->sandbox, service, kind);
}

/* The record of @service whose @member is @value (a copy the test owns
 * through a static list), or %NULL. */
JsonObject *
lum_test_world_remote_order (LumTestWorld *w,
                             const char   *service,
                             const char   *member,
                             const char   *value)
{
  static GPtrArray *keep;
  g_autoptr(JsonNode) records = lum_sandbox_dup_records (w->sandbox, service,
                                                         g_str_equal (service, "quickbooks") ? "invoices" : "orders");
  JsonArray *array;

  if (keep == NULL)
    keep = g_ptr_array_new_with_free_func ((GDestroyNotify)json_node_unref);
  g_assert_nonnull (records);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (records));
  array = json_node_get_array (records);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *record = json_array_get_object_element (array, i);
      const char *found = json_object_get_string_member_with_default (record, member, NULL);

      if (g_strcmp0 (found, value) == 0)
        {
          g_ptr_array_add (keep, json_node_ref (records));
          return record;
        }
    }
  return NULL;
}

void
lum_test_world_set_up (LumTestWorld  *world,
                       gconstpointer  data)
{
  if (lum_test_keyring_available ())
    lum_test_world_init (world);
}

void
lum_test_world_tear_down (LumTestWorld  *world,
                          gconstpointer  data)
{
  lum_test_world_clear (world);
}

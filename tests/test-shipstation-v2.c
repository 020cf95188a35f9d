/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "lum-test-sandbox.h"
#include "lum-engine-setup.h"
#include "lum-secrets.h"
#include "lum-util.h"
#include "connect/lum-connector.h"
#include "connect/lum-order-payload.h"
#include "sync/lum-fulfillment-poller.h"
#include "sync/lum-channel-test.h"
#include "sync/lum-push-worker.h"

/* The ShipStation API V2 connector against the sandbox's V2, which shares
 * its account with the sandbox's V1 (as at ShipStation). */

typedef struct
{
  LumTestWorld    world;
  LumIntegration *v2;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (!lum_test_keyring_available ())
    return;
  lum_test_world_init (&f->world);
  f->v2 = lum_test_world_add_integration (&f->world, LUM_INTEGRATION_KIND_SHIPSTATION_V2, "Sandbox ShipStation V2",
                                          NULL);
  /* V2's ship_to needs a phone */
  lum_customer_set_text (f->world.customer, LUM_CUSTOMER_PHONE, "217-555-0101");
  g_assert_true (lum_engine_save_customer (f->world.engine, f->world.customer, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->v2);
  lum_test_world_clear (&f->world);
}

static guint
count (Fixture    *f,
       const char *method,
       const char *path)
{
  return lum_sandbox_count_requests (f->world.sandbox, "shipstation", method, path);
}


static LumChannel *
v2_channel (Fixture          *f,
            const char       *name,
            LumInvoiceTiming  timing)
{
  return lum_test_world_channel (&f->world, name, f->v2, "1001", LUM_PUSH_DELAY_IMMEDIATE, timing, NULL);
}

static JsonObject *
remote_order (Fixture     *f,
              LumDocument *order)
{
  return lum_test_world_remote_order (&f->world, "shipstation", "orderKey", lum_document_get_text (order, LUM_DOC_UUID));
}

static void
test_push_creates_shipment (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumDocument) after = NULL;
  g_autoptr(LumJob) job = NULL;
  JsonObject *remote;
  JsonObject *ship_to;
  JsonArray *items;

  SKIP_WITHOUT_KEYRING ();
  channel = v2_channel (f, "V2", LUM_INVOICE_TIMING_SHIPMENT_CREATED);
  order = lum_test_world_post_order (&f->world, channel, "Dock 3");
  g_assert_cmpuint (lum_test_world_push (&f->world), ==, 1);

  /* looked up first, then created; the warehouse read for ship_from */
  g_assert_cmpuint (count (f, "GET", "/v2/shipments/external_shipment_id/"), ==, 1);
  g_assert_cmpuint (count (f, "POST", "/v2/shipments"), ==, 1);
  g_assert_cmpuint (count (f, "GET", "/v2/warehouses"), ==, 1);
  g_assert_cmpuint (lum_test_world_count_remote (&f->world, "shipstation", "orders"), ==, 1);

  remote = remote_order (f, order);
  g_assert_nonnull (remote);
  /* the order number travels as the items' external_order_id */
  g_assert_cmpstr (json_object_get_string_member (remote, "orderNumber"), ==, lum_document_get_number (order));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (remote, "advancedOptions"), "storeId"),
                   ==, 1001);
  ship_to = json_object_get_object_member (remote, "shipTo");
  g_assert_cmpstr (json_object_get_string_member (ship_to, "street1"), ==, "1 Main St");
  g_assert_cmpstr (json_object_get_string_member (ship_to, "phone"), ==, "217-555-0101");
  items = json_object_get_array_member (remote, "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items, 1), "quantity"), ==, 4);

  after = lum_test_world_reload (&f->world, order);
  job = lum_test_world_last_job (&f->world, order);
  g_assert_cmpint (lum_job_get_state (job), ==, LUM_JOB_STATE_DONE);
  g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_PUSH_STATUS), ==, "pushed");
  g_assert_true (g_str_has_prefix (lum_document_get_text (after, LUM_DOC_REMOTE_ID), "se-"));
}

/* A connector with the sandbox's key, for pushing by hand. */
static LumConnector *
connector_for (Fixture        *f,
               LumIntegration *integration,
               SoupSession    *session)
{
  LumConnector *connector = lum_connector_new (integration, session);

  lum_connector_set_secret (connector, LUM_SECRET_SHIPSTATION_V2_API_KEY, LUM_SANDBOX_SHIPSTATION_KEY);
  return connector;
}

static void
on_pushed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (lum_connector_push_finish (LUM_CONNECTOR (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
push_items (LumConnector *connector,
            GPtrArray    *items)
{
  gboolean done = FALSE;

  lum_connector_push_async (connector, items, NULL, on_pushed_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* The body of @order as the push worker builds it for a V2 channel. */
static JsonNode *
payload_of (Fixture     *f,
            LumDocument *order)
{
  g_autoptr(LumJob) job = lum_test_world_last_job (&f->world, order);
  g_autoptr(LumPushWorker) worker = lum_push_worker_new (f->world.service);
  g_autoptr(GError) error = NULL;
  JsonNode *payload = lum_push_worker_dup_payload (worker, job, &error);

  g_assert_no_error (error);
  return payload;
}

/* A resend finds the shipment by its external_shipment_id and creates
 * nothing, whatever the earlier attempt did. */
static void
test_resend_never_duplicates (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumDocument) after = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(LumConnector) connector = NULL;
  g_autoptr(JsonNode) payload = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify)lum_push_item_free);
  LumPushItem *item;

  SKIP_WITHOUT_KEYRING ();
  channel = v2_channel (f, "V2", LUM_INVOICE_TIMING_SO_CREATED);
  order = lum_test_world_post_order (&f->world, channel, NULL);
  g_assert_cmpuint (lum_test_world_push (&f->world), ==, 1);
  after = lum_test_world_reload (&f->world, order);

  payload = payload_of (f, order);
  connector = connector_for (f, f->v2, session);
  item = lum_push_item_new (1, LUM_JOB_KIND_PUSH_SALES_ORDER, lum_document_get_number (order),
                            lum_document_get_text (order, LUM_DOC_UUID), payload);
  item->may_have_arrived = TRUE;
  g_ptr_array_add (items, item);
  push_items (connector, items);

  g_assert_no_error (item->error);
  g_assert_cmpstr (item->remote_id, ==, lum_document_get_text (after, LUM_DOC_REMOTE_ID));
  g_assert_cmpuint (count (f, "POST", "/v2/shipments"), ==, 1);
  g_assert_cmpuint (lum_test_world_count_remote (&f->world, "shipstation", "orders"), ==, 1);
}

/* A channel moved from an API V1 integration to an API V2 one of the same
 * account: the orders V1 pushed (orderKey) are V2's shipments
 * (external_shipment_id), found and not created again. */
static void
test_move_from_v1_no_duplicates (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(LumConnector) connector = NULL;
  g_autoptr(JsonNode) payload = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify)lum_push_item_free);
  g_autoptr(GError) error = NULL;
  LumPushItem *item;
  JsonObject *remote;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (&f->world, "Moves", f->world.shipstation, "1001", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SO_CREATED, NULL);
  order = lum_test_world_post_order (&f->world, channel, NULL);
  g_assert_cmpuint (lum_test_world_push (&f->world), ==, 1);
  remote = remote_order (f, order);
  g_assert_nonnull (remote);

  /* the channel now points at the V2 integration */
  lum_channel_set_oms_integration_id (channel, lum_integration_get_id (f->v2));
  g_assert_true (lum_engine_save_channel (f->world.engine, channel, &error));
  g_assert_no_error (error);

  {
    g_autoptr(LumDocument) posted = lum_test_world_reload (&f->world, order);
    LumOrderPayloadInput input = { posted, f->world.customer, channel, NULL, NULL };

    payload = lum_order_payload_shipstation_v2 (&input, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (payload), "external_shipment_id"), ==,
                   lum_document_get_text (order, LUM_DOC_UUID));
  connector = connector_for (f, f->v2, session);
  item = lum_push_item_new (1, LUM_JOB_KIND_PUSH_SALES_ORDER, lum_document_get_number (order),
                            lum_document_get_text (order, LUM_DOC_UUID), payload);
  g_ptr_array_add (items, item);
  push_items (connector, items);

  g_assert_no_error (item->error);
  g_assert_cmpuint (count (f, "POST", "/v2/shipments"), ==, 0);
  g_assert_cmpuint (lum_test_world_count_remote (&f->world, "shipstation", "orders"), ==, 1);
  {
    g_autofree char *expected = g_strdup_printf ("se-%" G_GINT64_FORMAT, json_object_get_int_member (remote, "orderId"));
    g_assert_cmpstr (item->remote_id, ==, expected);
  }
}

/* A label bought for the shipment comes back from the poll as the order's
 * shipment, with its invoice; a void of it later comes back too. */
static void
test_poll_labels_invoice_and_void (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumDocument) after = NULL;
  g_autoptr(GListStore) shipments = NULL;
  g_autoptr(LumShipment) shipment = NULL;
  g_autoptr(JsonObject) label = NULL;
  g_autoptr(LumDocument) second = NULL;
  g_autoptr(JsonObject) second_label = NULL;
  g_auto(GStrv) invoices = NULL;
  g_autoptr(GError) error = NULL;
  LumPollStats stats;

  SKIP_WITHOUT_KEYRING ();
  channel = v2_channel (f, "V2 ships", LUM_INVOICE_TIMING_SHIPMENT_CREATED);
  order = lum_test_world_post_order (&f->world, channel, NULL);
  g_assert_cmpuint (lum_test_world_push (&f->world), ==, 1);

  label = lum_sandbox_shipstation_ship (f->world.sandbox, lum_document_get_number (order), "ups", "1ZV2000001",
                                        NULL, &error);
  g_assert_no_error (error);
  stats = lum_test_world_poll (&f->world);
  g_assert_cmpuint (stats.failed_targets, ==, 0);
  g_assert_cmpuint (stats.recorded, ==, 1);
  g_assert_cmpuint (count (f, "GET", "/v2/labels"), >=, 1);
  g_assert_cmpuint (count (f, "GET", "/shipments"), ==, 0);

  after = lum_test_world_reload (&f->world, order);
  g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_FULFILLMENT_STATUS), ==, "fulfilled");
  shipments = lum_engine_list_shipments (f->world.engine, lum_document_get_id (order), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shipments)), ==, 1);
  shipment = g_list_model_get_item (G_LIST_MODEL (shipments), 0);
  g_assert_cmpstr (lum_shipment_get_text (shipment, LUM_SHIPMENT_TRACKING_NUMBER), ==, "1ZV2000001");
  g_assert_cmpstr (lum_shipment_get_text (shipment, LUM_SHIPMENT_CARRIER), ==, "ups");
  g_assert_true (g_str_has_prefix (lum_shipment_get_text (shipment, LUM_SHIPMENT_REMOTE_ID), "se-"));
  invoices = lum_engine_list_order_invoices (f->world.engine, lum_document_get_id (order), NULL);
  g_assert_cmpuint (g_strv_length (invoices), ==, 1);

  /* the same label again is a duplicate */
  stats = lum_test_world_poll (&f->world);
  g_assert_cmpuint (stats.recorded, ==, 0);

  /* an hour later another order ships: the cursor passes the first label */
  lum_test_world_advance (&f->world, 60);
  second = lum_test_world_post_order (&f->world, channel, NULL);
  g_assert_cmpuint (lum_test_world_push (&f->world), ==, 1);
  g_clear_pointer (&second_label, json_object_unref);
  second_label = lum_sandbox_shipstation_ship (f->world.sandbox, lum_document_get_number (second), "ups", "1ZV2000002",
                                               NULL, &error);
  g_assert_no_error (error);
  stats = lum_test_world_poll (&f->world);
  g_assert_cmpuint (stats.recorded, ==, 1);

  /* then the first label is voided: only the list of voided labels,
   * newest change first, still reaches it */
  g_assert_true (lum_sandbox_shipstation_void (f->world.sandbox, json_object_get_int_member (label, "shipmentId"),
                                               &error));
  g_assert_no_error (error);
  stats = lum_test_world_poll (&f->world);
  g_assert_cmpuint (stats.failed_targets, ==, 0);
  g_assert_cmpuint (stats.voided, ==, 1);
  g_clear_object (&after);
  after = lum_test_world_reload (&f->world, order);
  g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_FULFILLMENT_STATUS), !=, "fulfilled");
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *remote;

  SKIP_WITHOUT_KEYRING ();
  channel = v2_channel (f, "V2 cancels", LUM_INVOICE_TIMING_SO_CREATED);
  order = lum_test_world_post_order (&f->world, channel, NULL);
  g_assert_cmpuint (lum_test_world_push (&f->world), ==, 1);

  g_assert_true (lum_engine_cancel_order (f->world.engine, lum_document_get_id (order), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lum_test_world_push (&f->world), ==, 1);
  g_assert_cmpuint (count (f, "PUT", "/v2/shipments/se-"), ==, 1);
  remote = remote_order (f, order);
  g_assert_cmpstr (json_object_get_string_member (remote, "orderStatus"), ==, "cancelled");
  g_assert_cmpuint (count (f, "POST", "/v2/shipments"), ==, 1);
}

/* Over the limit the sandbox answers 429 with Retry-After: the order it
 * hit waits for its retry (the rate limiter pauses the integration), then
 * arrives, once; the others are not sent again. */
static void
test_rate_limited (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  guint limited = 0;

  SKIP_WITHOUT_KEYRING ();
  /* the warehouses and three look-ups do not fit in 3 a window */
  lum_sandbox_set_rate_limit (f->world.sandbox, "shipstation", 3, 1000);
  channel = v2_channel (f, "V2 busy", LUM_INVOICE_TIMING_SO_CREATED);
  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (orders, lum_test_world_post_order (&f->world, channel, NULL));
  lum_test_world_push (&f->world);
  g_assert_cmpuint (lum_test_world_count_remote (&f->world, "shipstation", "orders"), <, 3);
  for (guint i = 0; i < orders->len; i++)
    {
      g_autoptr(LumJob) job = lum_test_world_last_job (&f->world, g_ptr_array_index (orders, i));
      const char *error = lum_job_get_text (job, LUM_JOB_LAST_ERROR);

      if (error != NULL && strstr (error, "too many requests (HTTP 429)") != NULL)
        {
          g_assert_cmpint (lum_job_get_state (job), ==, LUM_JOB_STATE_SCHEDULED);
          limited++;
        }
    }
  g_assert_cmpuint (limited, >=, 1);

  /* the window passes; the retry is due */
  lum_sandbox_set_rate_limit (f->world.sandbox, "shipstation", 0, 1000);
  lum_test_world_advance (&f->world, 60);
  lum_test_world_push (&f->world);
  g_assert_cmpuint (lum_test_world_count_remote (&f->world, "shipstation", "orders"), ==, 3);
  g_assert_cmpuint (count (f, "POST", "/v2/shipments"), ==, 2);
  for (guint i = 0; i < orders->len; i++)
    {
      g_autoptr(LumDocument) after = lum_test_world_reload (&f->world, g_ptr_array_index (orders, i));
      g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_PUSH_STATUS), ==, "pushed");
    }
}

/* ShipStation's error objects become the job's error, in words. */
static void
test_refusal_in_words (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumJob) job = NULL;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (&f->world, "V2 nowhere", f->v2, "4242", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SO_CREATED, NULL);
  order = lum_test_world_post_order (&f->world, channel, NULL);
  lum_test_world_push (&f->world);
  job = lum_test_world_last_job (&f->world, order);
  g_assert_cmpint (lum_job_get_state (job), ==, LUM_JOB_STATE_FAILED);
  g_assert_nonnull (strstr (lum_job_get_text (job, LUM_JOB_LAST_ERROR), "store_id is not a store of this account"));
  g_assert_cmpuint (lum_test_world_count_remote (&f->world, "shipstation", "orders"), ==, 0);
}

static void
test_wrong_key (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(LumIntegration) wrong = NULL;
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumJob) job = NULL;

  SKIP_WITHOUT_KEYRING ();
  wrong = lum_test_world_add_integration (&f->world, LUM_INTEGRATION_KIND_SHIPSTATION_V2, "Wrong V2", "not-the-key");
  channel = lum_test_world_channel (&f->world, "V2 wrong", wrong, "1001", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SO_CREATED, NULL);
  order = lum_test_world_post_order (&f->world, channel, NULL);
  lum_test_world_push (&f->world);
  job = lum_test_world_last_job (&f->world, order);
  g_assert_nonnull (strstr (lum_job_get_text (job, LUM_JOB_LAST_ERROR), "refused the API key"));
  g_assert_null (strstr (lum_job_get_text (job, LUM_JOB_LAST_ERROR), "not-the-key"));
}

static void
on_tested_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **report = user_data;
  g_autoptr(GError) error = NULL;

  *report = lum_connector_test_finish (LUM_CONNECTOR (source), result, &error);
  g_assert_no_error (error);
}

static void
test_connection_in_words (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(LumConnector) connector = NULL;
  g_autofree char *report = NULL;

  SKIP_WITHOUT_KEYRING ();
  connector = connector_for (f, f->v2, session);
  lum_connector_test_async (connector, NULL, on_tested_cb, &report);
  while (report == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (report, ==, "Connected to Sandbox ShipStation V2 (API V2): the API key works. 2 warehouses; "
                               "orders ship from “Sandbox Warehouse”.");
}

/* A test order carries the test tag, added through the tag endpoint. */
static void
test_test_order_tagged (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(LumConnector) connector = NULL;
  g_autoptr(JsonNode) payload = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify)lum_push_item_free);
  LumPushItem *item;

  SKIP_WITHOUT_KEYRING ();
  channel = v2_channel (f, "V2 test", LUM_INVOICE_TIMING_SO_CREATED);
  order = lum_test_world_post_order (&f->world, channel, NULL);
  payload = payload_of (f, order);
  /* as a test order's payload is */
  {
    JsonArray *tags = json_array_new ();
    JsonObject *tag = json_object_new ();
    json_object_set_string_member (tag, "name", LUM_SHIPSTATION_V2_TEST_TAG);
    json_array_add_object_element (tags, tag);
    json_object_set_array_member (json_node_get_object (payload), "tags", tags);
  }
  connector = connector_for (f, f->v2, session);
  item = lum_push_item_new (1, LUM_JOB_KIND_PUSH_SALES_ORDER, lum_document_get_number (order),
                            lum_document_get_text (order, LUM_DOC_UUID), payload);
  g_ptr_array_add (items, item);
  push_items (connector, items);
  g_assert_no_error (item->error);
  g_assert_cmpuint (count (f, "POST", "/v2/shipments/se-"), ==, 1);

  /* sent again: found, already tagged, nothing more */
  g_clear_pointer (&item->remote_id, g_free);
  push_items (connector, items);
  g_assert_no_error (item->error);
  g_assert_cmpuint (count (f, "POST", "/v2/shipments/se-"), ==, 1);
  g_assert_cmpuint (count (f, "POST", "/v2/shipments"), ==, 2);
}

static void
on_channel_test_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  int *state = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (lum_channel_test_run_finish (LUM_CHANNEL_TEST (source), result, &error));
  g_assert_no_error (error);
  *state = 1;
}

/* The channel test on a V2 channel: pushed as a tagged shipment, shipped
 * by the sandbox, the label polled back, invoiced on shipment. */
static void
test_channel_test (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumChannelTest) test = NULL;
  g_autoptr(JsonNode) body = NULL;
  GListModel *steps;
  int state = 0;

  SKIP_WITHOUT_KEYRING ();
  channel = v2_channel (f, "V2 tested", LUM_INVOICE_TIMING_SHIPMENT_CREATED);
  test = lum_channel_test_new (f->world.service, channel);
  lum_channel_test_set_skip_delay (test, TRUE);
  lum_channel_test_run_async (test, NULL, on_channel_test_cb, &state);
  while (state == 0)
    g_main_context_iteration (NULL, TRUE);

  steps = lum_channel_test_get_steps (test);
  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    {
      g_autoptr(LumTestStep) step = g_list_model_get_item (steps, i);

      g_test_message ("%s %s: %s", lum_test_step_get_name (step), lum_test_step_get_text (step, LUM_TEST_STEP_STATE),
                      lum_test_step_get_text (step, LUM_TEST_STEP_DETAIL));
      if (g_str_equal (lum_test_step_get_name (step), "pushed"))
        body = json_from_string (lum_test_step_get_text (step, LUM_TEST_STEP_REQUEST), NULL);
    }
  g_assert_true (lum_channel_test_get_ok (test));
  /* the request-body view shows the V2 shipment, its test tag with it */
  g_assert_nonnull (body);
  g_assert_true (json_object_has_member (json_node_get_object (body), "external_shipment_id"));
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (json_node_get_object (body), "tags"),
                                                    0), "name"), ==, LUM_SHIPSTATION_V2_TEST_TAG);
  g_assert_cmpuint (count (f, "POST", "/v2/shipments/se-"), ==, 1);
  g_assert_cmpuint (count (f, "GET", "/v2/labels"), >=, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/shipstation-v2/push", test_push_creates_shipment);
  ADD ("/shipstation-v2/resend-never-duplicates", test_resend_never_duplicates);
  ADD ("/shipstation-v2/move-from-v1", test_move_from_v1_no_duplicates);
  ADD ("/shipstation-v2/poll-invoice-void", test_poll_labels_invoice_and_void);
  ADD ("/shipstation-v2/cancel", test_cancel);
  ADD ("/shipstation-v2/rate-limited", test_rate_limited);
  ADD ("/shipstation-v2/refusal-in-words", test_refusal_in_words);
  ADD ("/shipstation-v2/wrong-key", test_wrong_key);
  ADD ("/shipstation-v2/test-connection", test_connection_in_words);
  ADD ("/shipstation-v2/test-order-tagged", test_test_order_tagged);
  ADD ("/shipstation-v2/channel-test", test_channel_test);

  return g_test_run ();
}

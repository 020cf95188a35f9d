/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The contract suite: each connector, through the core's public connector
 * API, against Stoplight Prism serving the public description of its API
 * (../shared/contracts) with request validation on. Every request Lumen
 * sends must validate, but for the named exceptions of
 * lum-contract-exceptions.c; Lumen must read the descriptions' example
 * answers without crashing (what it makes of them is reported; an example
 * it cannot use fails only where the vendor's documentation agrees).
 *
 * Run by contract.sh, which finds Prism and the descriptions and exits 77
 * (skipped) when either is missing; this program exits 77 when Prism does
 * not start.
 */
#include <string.h>

#include "lum-contract-mock.h"
#include "lum-test-sandbox.h"
#include "lum-secrets.h"
#include "connect/lum-connector.h"
#include "connect/lum-extensiv.h"
#include "connect/lum-order-payload.h"
#include "connect/lum-quickbooks.h"
#include "model/lum-remote-store.h"
#include "model/lum-stock-level.h"

#define STEP_TIMEOUT_S 30

static const char * const descriptions[] = {
  "shipstation-v1.apievangelist.openapi.yml",
  "extensiv-3plcentral.apievangelist.openapi.yml",
  "quickbooks-online-v3.apievangelist.original.openapi.yml",
  "shipstation-v2.openapi.yaml",
};

static LumContractMock *mocks[4];
static SoupSession *session;
static GPtrArray *findings;   /* every failing finding, for the summary */

/* -- running the connector ------------------------------------------------- */

static gboolean
on_timeout_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

/* Iterates until @slot holds a result; fails the test when it never does. */
static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (STEP_TIMEOUT_S, on_timeout_cb, &timed_out);

  while (*slot == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);
  if (*slot == NULL)
    g_error ("the connector did not finish within %d s", STEP_TIMEOUT_S);
  return *slot;
}

static LumConnector *
new_connector (LumContractService service)
{
  LumIntegrationKind kinds[] = { LUM_INTEGRATION_KIND_SHIPSTATION, LUM_INTEGRATION_KIND_EXTENSIV,
                                 LUM_INTEGRATION_KIND_QUICKBOOKS, LUM_INTEGRATION_KIND_SHIPSTATION_V2 };
  g_autoptr(LumIntegration) integration = lum_integration_new (kinds[service], "Contract");
  g_autofree char *scope = g_uuid_string_random ();
  g_autofree char *token_url = NULL;
  LumConnector *connector;

  lum_integration_set_id (integration, 1 + service);
  lum_integration_set_secret_scope (integration, scope);
  lum_integration_set_base_url (integration, lum_contract_mock_get_url (mocks[service]));
  switch (service)
    {
    case LUM_CONTRACT_EXTENSIV:
      lum_integration_set_setting (integration, LUM_SETTING_EXTENSIV_CLIENT_ID, "5b7f0c2e-contract");
      lum_integration_set_setting (integration, LUM_SETTING_EXTENSIV_TPL, "{1a2b3c4d-0000-4000-8000-00000000abcd}");
      lum_integration_set_setting (integration, LUM_SETTING_EXTENSIV_USER_LOGIN_ID, "12");
      lum_integration_set_setting (integration, LUM_SETTING_EXTENSIV_CUSTOMER_ID, "34");
      lum_integration_set_setting (integration, LUM_SETTING_EXTENSIV_FACILITY_ID, "2");
      break;
    case LUM_CONTRACT_QUICKBOOKS:
      token_url = g_strconcat (lum_contract_mock_get_url (mocks[service]), "/oauth2/v1/tokens/bearer", NULL);
      lum_integration_set_setting (integration, LUM_SETTING_QUICKBOOKS_REALM, LUM_CONTRACT_REALM);
      lum_integration_set_setting (integration, LUM_SETTING_QUICKBOOKS_CLIENT_ID, "ABcd1234contract");
      lum_integration_set_setting (integration, LUM_SETTING_QUICKBOOKS_TOKEN_URL, token_url);
      lum_integration_set_setting (integration, LUM_SETTING_QUICKBOOKS_INCOME_ACCOUNT, "79");
      break;
    case LUM_CONTRACT_SHIPSTATION:
    default:
      break;
    }
  connector = lum_connector_new (integration, session);
  switch (service)
    {
    case LUM_CONTRACT_SHIPSTATION:
      lum_connector_set_secret (connector, LUM_SECRET_SHIPSTATION_API_KEY, "contract-key");
      lum_connector_set_secret (connector, LUM_SECRET_SHIPSTATION_API_SECRET, "contract-secret");
      break;
    case LUM_CONTRACT_EXTENSIV:
      lum_connector_set_secret (connector, LUM_SECRET_EXTENSIV_CLIENT_SECRET, "contract-client-secret");
      break;
    case LUM_CONTRACT_SHIPSTATION_V2:
      lum_connector_set_secret (connector, LUM_SECRET_SHIPSTATION_V2_API_KEY, "contract-v2-key");
      break;
    case LUM_CONTRACT_QUICKBOOKS:
    default:
      lum_connector_set_secret (connector, LUM_SECRET_QUICKBOOKS_CLIENT_SECRET, "contract-client-secret");
      lum_connector_set_secret (connector, LUM_SECRET_QUICKBOOKS_REFRESH_TOKEN, "contract-refresh-token-1");
      /* a refresh reads the newest refresh token from the keyring, as
       * another process may have rotated it */
      {
        g_autoptr(GError) error = NULL;

        if (!lum_secrets_store (integration, LUM_SECRET_QUICKBOOKS_REFRESH_TOKEN, "contract-refresh-token-1", &error))
          g_error ("the contract suite needs a Secret Service (.ci/session): %s", error->message);
      }
      break;
    }
  lum_contract_mock_clear (mocks[service]);
  return connector;
}

/* -- orders ---------------------------------------------------------------- */

typedef struct
{
  LumDocument *order;
  LumCustomer *customer;
  LumChannel  *config;
} Order;

static void
order_clear (Order *o)
{
  g_clear_object (&o->order);
  g_clear_object (&o->customer);
  g_clear_object (&o->config);
}

/* A posted order with every field a push carries set. */
static void
order_init (Order      *o,
            const char *number,
            const char *store)
{
  g_autoptr(LumDocLine) a = lum_doc_line_new ("SKU-A", 2, 1250);
  g_autoptr(LumDocLine) b = lum_doc_line_new ("SKU-B", 1, 99);
  g_autofree char *uuid = g_uuid_string_random ();

  o->order = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);
  lum_document_set_text (o->order, LUM_DOC_NUMBER, number);
  lum_document_set_text (o->order, LUM_DOC_UUID, uuid);
  lum_document_set_text (o->order, LUM_DOC_POSTED_AT, "2027-01-04T17:30:00Z");
  lum_document_set_text (o->order, LUM_DOC_SHIP_NAME, "Dock Manager");
  lum_document_set_text (o->order, LUM_DOC_SHIP_COMPANY, "Acme Corp");
  lum_document_set_text (o->order, LUM_DOC_SHIP_STREET1, "1 Main St");
  lum_document_set_text (o->order, LUM_DOC_SHIP_CITY, "Springfield");
  lum_document_set_text (o->order, LUM_DOC_SHIP_STATE, "IL");
  lum_document_set_text (o->order, LUM_DOC_SHIP_POSTAL_CODE, "62701");
  lum_document_set_text (o->order, LUM_DOC_SHIP_COUNTRY, "US");
  lum_document_set_text (o->order, LUM_DOC_SHIP_PHONE, "+1 217 555 0100");
  lum_document_set_text (o->order, LUM_DOC_SHIPPING_NOTES, "Leave at dock 3");
  lum_document_set_text (o->order, LUM_DOC_SHIPPING_TYPE, "LTL");
  lum_document_set_text (o->order, LUM_DOC_REQUESTED_SHIP_DATE, "2027-01-08");
  lum_document_set_text (o->order, LUM_DOC_PO_NUMBER, "PO-778");
  lum_document_set_text (o->order, LUM_DOC_CUSTOMER_NOTES, "Deliver mornings");
  lum_document_set_text (o->order, LUM_DOC_INTERNAL_NOTES, "Priority customer");
  lum_document_set_text (o->order, LUM_DOC_GIFT_MESSAGE, "Thank you");
  lum_document_add_line (o->order, a);
  lum_document_add_line (o->order, b);

  o->customer = lum_customer_new ("Acme Corp");
  lum_customer_set_text (o->customer, LUM_CUSTOMER_EMAIL, "buyer@acme.example");
  lum_customer_set_text (o->customer, LUM_CUSTOMER_PHONE, "+1 217 555 0199");
  lum_customer_set_text (o->customer, LUM_CUSTOMER_COMPANY, "Acme Corp");
  lum_customer_set_text (o->customer, LUM_CUSTOMER_BILL_STREET1, "9 Market Sq");
  lum_customer_set_text (o->customer, LUM_CUSTOMER_BILL_CITY, "Springfield");
  lum_customer_set_text (o->customer, LUM_CUSTOMER_BILL_STATE, "IL");
  lum_customer_set_text (o->customer, LUM_CUSTOMER_BILL_POSTAL_CODE, "62701");
  lum_customer_set_text (o->customer, LUM_CUSTOMER_BILL_COUNTRY, "US");

  o->config = lum_channel_new ();
  lum_channel_set_name (o->config, "Wholesale Sales Channel");
  lum_channel_set_oms_store_id (o->config, store);
}

/* The push item of an order, its payload built as a push builds it,
 * shipping from @ship_from_id (an OMS warehouse) or the OMS's default. */
static LumPushItem *
push_item_from (LumConnector *connector,
                const char   *number,
                const char   *store,
                const char   *ship_from_id)
{
  Order o = { 0, };
  LumOrderPayloadInput input = { 0, };
  LumShipFrom ship_from = { 0, };
  g_autoptr(JsonNode) payload = NULL;
  g_autoptr(GError) error = NULL;
  LumPushItem *item;

  order_init (&o, number, store);
  input.order = o.order;
  input.customer = o.customer;
  input.config = o.config;
  input.warehouse_code = "WH-1";
  input.status = "awaiting_shipment";
  if (ship_from_id != NULL)
    {
      ship_from.reason = LUM_SHIP_FROM_LINKED;
      ship_from.warehouse_code = (char *)"EAST";
      ship_from.warehouse_name = (char *)"East";
      ship_from.remote_id = (char *)ship_from_id;
      input.ship_from = &ship_from;
    }
  if (LUM_IS_EXTENSIV (connector))
    payload = lum_order_payload_extensiv (&input, lum_connector_get_integration (connector), &error);
  else if (lum_integration_get_kind (lum_connector_get_integration (connector)) == LUM_INTEGRATION_KIND_SHIPSTATION_V2)
    payload = lum_order_payload_shipstation_v2 (&input, &error);
  else
    payload = lum_order_payload_shipstation (&input, &error);
  g_assert_no_error (error);
  g_assert_true (lum_order_payload_apply_mappings (payload, lum_integration_get_kind (lum_connector_get_integration (connector)),
                                                   &input, &error));
  item = lum_push_item_new (1, LUM_JOB_KIND_PUSH_SALES_ORDER, number,
                            lum_document_get_text (o.order, LUM_DOC_UUID), payload);
  order_clear (&o);
  return item;
}

static LumPushItem *
push_item (LumConnector *connector,
           const char   *number,
           const char   *store)
{
  return push_item_from (connector, number, store, NULL);
}

static void
report_error (const char   *what,
              const GError *error)
{
  if (error != NULL)
    g_test_message ("%s: Lumen answered with an error: %s", what, error->message);
}

/* The OMS's warehouses as the connector lists them; the first one's id. */
static char *
list_warehouses (LumConnector *connector)
{
  g_autoptr(GAsyncResult) listed = NULL;
  g_autoptr(GListStore) warehouses = NULL;
  g_autoptr(GError) error = NULL;
  char *first = NULL;

  lum_connector_list_warehouses_async (connector, NULL, on_done_cb, &listed);
  warehouses = lum_connector_list_warehouses_finish (connector, wait_for (&listed), &error);
  g_assert_true ((warehouses == NULL) != (error == NULL));
  report_error ("list warehouses", error);
  for (guint i = 0; warehouses != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (warehouses)); i++)
    {
      g_autoptr(LumRemoteStore) w = g_list_model_get_item (G_LIST_MODEL (warehouses), i);

      g_test_message ("warehouse read from the example: %s (%s)", lum_remote_store_get_name (w),
                      lum_remote_store_get_remote_id (w));
      if (first == NULL)
        first = g_strdup (lum_remote_store_get_remote_id (w));
    }
  return first;
}

/* -- the verdict ----------------------------------------------------------- */

/* Reports every exchange of @service and fails the test for each request
 * finding that no named exception covers; @expected lists "METHOD path"
 * prefixes that must each have been sent. */
static void
check_exchanges (LumContractService  service,
                 const char * const *expected)
{
  GPtrArray *exchanges = lum_contract_mock_get_exchanges (mocks[service]);

  for (guint i = 0; i < exchanges->len; i++)
    {
      LumContractExchange *x = g_ptr_array_index (exchanges, i);

      g_test_message ("%s %s %s -> %u", x->service, x->method, x->path, x->status);
      for (guint j = 0; j < x->violations->len; j++)
        {
          LumContractViolation *v = g_ptr_array_index (x->violations, j);

          if (!v->request)
            g_test_message ("  the description's own example answer: %s %s (not Lumen's)", v->location,
                            v->message);
          else if (v->exception != NULL)
            g_test_message ("  named exception %s: %s %s: %s", v->exception, v->location, v->message, v->reason);
          else
            {
              char *finding = g_strdup_printf ("%s %s %s: [%s] %s: %s", x->service, x->method, x->path, v->code,
                                               v->location, v->message);
              g_test_fail_printf ("request violates the description: %s", finding);
              g_ptr_array_add (findings, finding);
            }
        }
    }
  for (guint k = 0; expected != NULL && expected[k] != NULL; k++)
    {
      gboolean sent = FALSE;

      for (guint i = 0; i < exchanges->len && !sent; i++)
        {
          LumContractExchange *x = g_ptr_array_index (exchanges, i);
          g_autofree char *line = g_strdup_printf ("%s %s", x->method, x->path);

          sent = g_str_has_prefix (line, expected[k]);
        }
      if (!sent)
        g_test_fail_printf ("%s: Lumen never sent %s (the flow stopped before it)",
                            lum_contract_mock_get_name (mocks[service]), expected[k]);
    }
}


/* -- ShipStation ----------------------------------------------------------- */

static void
test_shipstation_stores (void)
{
  g_autoptr(LumConnector) connector = new_connector (LUM_CONTRACT_SHIPSTATION);
  g_autoptr(GAsyncResult) listed = NULL;
  g_autoptr(GAsyncResult) tested = NULL;
  g_autoptr(GListStore) stores = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  static const char * const expected[] = { "GET /stores", NULL };

  lum_connector_list_stores_async (connector, NULL, on_done_cb, &listed);
  stores = lum_connector_list_stores_finish (connector, wait_for (&listed), &error);
  g_assert_true ((stores == NULL) != (error == NULL));
  report_error ("list stores", error);
  for (guint i = 0; stores != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (stores)); i++)
    {
      g_autoptr(LumRemoteStore) store = g_list_model_get_item (G_LIST_MODEL (stores), i);
      g_autofree char *label = lum_remote_store_dup_label (store);
      g_test_message ("store read from the example: %s", label);
    }
  g_clear_error (&error);

  lum_connector_test_async (connector, NULL, on_done_cb, &tested);
  report = lum_connector_test_finish (connector, wait_for (&tested), &error);
  g_assert_true ((report == NULL) != (error == NULL));
  report_error ("test connection", error);
  if (report != NULL)
    g_test_message ("test connection: %s", report);
  check_exchanges (LUM_CONTRACT_SHIPSTATION, expected);
}

static void
push_and_report (LumConnector *connector,
                 GPtrArray    *items)
{
  g_autoptr(GAsyncResult) pushed = NULL;
  g_autoptr(GError) error = NULL;

  lum_connector_push_async (connector, items, NULL, on_done_cb, &pushed);
  g_assert_true (lum_connector_push_finish (connector, wait_for (&pushed), &error));
  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    {
      LumPushItem *item = g_ptr_array_index (items, i);

      /* each item ends with exactly one of its id or its error */
      g_assert_true ((item->remote_id == NULL) != (item->error == NULL));
      if (item->remote_id != NULL)
        g_test_message ("order %s: remote id %s read from the example answer", item->order_number, item->remote_id);
      report_error (item->order_number, item->error);
    }
}

static void
test_shipstation_push_one (void)
{
  g_autoptr(LumConnector) connector = new_connector (LUM_CONTRACT_SHIPSTATION);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify)lum_push_item_free);
  static const char * const expected[] = { "POST /orders/createorder", NULL };

  g_ptr_array_add (items, push_item (connector, "SO-000101", "1001"));
  push_and_report (connector, items);
  check_exchanges (LUM_CONTRACT_SHIPSTATION, expected);
}

static void
test_shipstation_push_many (void)
{
  g_autoptr(LumConnector) connector = new_connector (LUM_CONTRACT_SHIPSTATION);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify)lum_push_item_free);
  static const char * const expected[] = { "POST /orders/createorders", NULL };

  g_ptr_array_add (items, push_item (connector, "SO-000102", "1001"));
  g_ptr_array_add (items, push_item (connector, "SO-000103", "1001"));
  push_and_report (connector, items);
  check_exchanges (LUM_CONTRACT_SHIPSTATION, expected);
}

static void
poll_and_report (LumConnector *connector,
                 const char   *store,
                 const char   *since)
{
  g_autoptr(GAsyncResult) polled = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *latest = NULL;
  g_autoptr(GPtrArray) shipments = NULL;

  lum_connector_poll_async (connector, store, since, NULL, on_done_cb, &polled);
  shipments = lum_connector_poll_finish (connector, wait_for (&polled), &latest, &error);
  g_assert_true ((shipments == NULL) != (error == NULL));
  report_error ("poll", error);
  for (guint i = 0; shipments != NULL && i < shipments->len; i++)
    {
      LumRemoteShipment *remote = g_ptr_array_index (shipments, i);
      g_test_message ("shipment read from the example: order %s, tracking %s", remote->order_number,
                      lum_shipment_get_text (remote->shipment, LUM_SHIPMENT_TRACKING_NUMBER));
    }
}

static void
test_shipstation_poll (void)
{
  g_autoptr(LumConnector) connector = new_connector (LUM_CONTRACT_SHIPSTATION);
  static const char * const expected[] = { "GET /shipments?", NULL };

  /* a cursor as ShipStation writes its dates */
  poll_and_report (connector, "1001", "2027-01-04T09:30:00.0000000");
  check_exchanges (LUM_CONTRACT_SHIPSTATION, expected);
}

/* GET /warehouses, then an order shipping from one:
 * advancedOptions.warehouseId, an integer. */
static void
test_shipstation_warehouses (void)
{
  g_autoptr(LumConnector) connector = new_connector (LUM_CONTRACT_SHIPSTATION);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify)lum_push_item_free);
  g_autofree char *first = NULL;
  static const char * const expected[] = { "GET /warehouses", "POST /orders/createorder", NULL };

  /* the example's id is its schema's placeholder (0): one as ShipStation gives */
  first = list_warehouses (connector);
  g_ptr_array_add (items, push_item_from (connector, "SO-000111", "1001", "17977"));
  push_and_report (connector, items);
  check_exchanges (LUM_CONTRACT_SHIPSTATION, expected);
}

/* -- Extensiv -------------------------------------------------------------- */

static void
test_extensiv_stores (void)
{
  g_autoptr(LumConnector) connector = new_connector (LUM_CONTRACT_EXTENSIV);
  g_autoptr(GAsyncResult) tested = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  static const char * const expected[] = { "POST /AuthServer/api/Token", "GET /customers", NULL };
  GPtrArray *exchanges;
  gboolean facilities = FALSE;

  lum_connector_test_async (connector, NULL, on_done_cb, &tested);
  report = lum_connector_test_finish (connector, wait_for (&tested), &error);
  g_assert_true ((report == NULL) != (error == NULL));
  report_error ("test connection", error);
  if (report != NULL)
    g_test_message ("test connection: %s", report);
  check_exchanges (LUM_CONTRACT_EXTENSIV, expected);

  /* the facilities, wherever the connector reads them */
  exchanges = lum_contract_mock_get_exchanges (mocks[LUM_CONTRACT_EXTENSIV]);
  for (guint i = 0; i < exchanges->len; i++)
    facilities = facilities || strstr (((LumContractExchange *)g_ptr_array_index (exchanges, i))->path,
                                       "/facilities") != NULL;
  if (!facilities)
    g_test_fail_printf ("extensiv: Lumen never asked for the facilities");
}

static void
test_extensiv_push (void)
{
  g_autoptr(LumConnector) connector = new_connector (LUM_CONTRACT_EXTENSIV);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify)lum_push_item_free);
  LumPushItem *again;
  static const char * const expected[] = { "POST /AuthServer/api/Token", "POST /orders", "GET /orders?", NULL };

  g_ptr_array_add (items, push_item (connector, "SO-000201", "34:2"));
  /* a resend looks the order up by its reference first */
  again = push_item (connector, "SO-000202", "34:2");
  again->may_have_arrived = TRUE;
  g_ptr_array_add (items, again);
  push_and_report (connector, items);
  check_exchanges (LUM_CONTRACT_EXTENSIV, expected);
}

/* The facilities, then an order for facility 3 (facilityIdentifier.id)
 * rather than the store's 2. */
static void
test_extensiv_facilities (void)
{
  g_autoptr(LumConnector) connector = new_connector (LUM_CONTRACT_EXTENSIV);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify)lum_push_item_free);
  g_autofree char *first = NULL;
  static const char * const expected[] = { "GET /properties/facilities", "POST /orders", NULL };

  first = list_warehouses (connector);
  g_ptr_array_add (items, push_item_from (connector, "SO-000211", "34:2", "3"));
  push_and_report (connector, items);
  check_exchanges (LUM_CONTRACT_EXTENSIV, expected);
}

static void
test_extensiv_poll (void)
{
  g_autoptr(LumConnector) connector = new_connector (LUM_CONTRACT_EXTENSIV);
  static const char * const expected[] = { "GET /orders?", NULL };

  poll_and_report (connector, "34:2", NULL);
  poll_and_report (connector, "34:2", "2027-01-04T09:30:00");
  check_exchanges (LUM_CONTRACT_EXTENSIV, expected);
}

/* -- QuickBooks ------------------------------------------------------------ */

static gboolean
need_keyring (void)
{
  /* a token refresh stores the new refresh token at once */
  if (lum_test_keyring_available ())
    return TRUE;
  g_test_skip ("needs a Secret Service: run in .ci/session");
  return FALSE;
}

static void
test_quickbooks_company (void)
{
  g_autoptr(LumConnector) connector = NULL;
  g_autoptr(GAsyncResult) tested = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  static const char * const expected[] = { "POST /oauth2/v1/tokens/bearer", "GET /v3/company/" LUM_CONTRACT_REALM "/",
                                           NULL };

  if (!need_keyring ())
    return;
  connector = new_connector (LUM_CONTRACT_QUICKBOOKS);
  lum_connector_test_async (connector, NULL, on_done_cb, &tested);
  report = lum_connector_test_finish (connector, wait_for (&tested), &error);
  g_assert_true ((report == NULL) != (error == NULL));
  report_error ("test connection", error);
  if (report != NULL)
    g_test_message ("test connection: %s", report);
  check_exchanges (LUM_CONTRACT_QUICKBOOKS, expected);
}

static JsonNode *
invoice_summary (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  /* the summary the push worker hands the connector (lum-quickbooks.c) */
  g_assert_true (json_parser_load_from_data (parser,
    "{\"number\": \"INV-000301\", \"issue_date\": \"2027-01-04\", \"due_date\": \"2027-02-03\","
    " \"customer\": \"Acme Corp\", \"email\": \"buyer@acme.example\", \"po_number\": \"PO-778\","
    " \"request_id\": \"4f1c7c1e-8d2b-4c55-9a43-0d7f2c6b1e01\","
    " \"lines\": [{\"sku\": \"SKU-A\", \"description\": \"Widget\", \"quantity\": 2, \"unit_price_cents\": 1250},"
    "             {\"sku\": \"SKU-B\", \"description\": \"Gadget\", \"quantity\": 1, \"unit_price_cents\": 99}]}",
    -1, NULL));
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_quickbooks_push (void)
{
  g_autoptr(LumConnector) connector = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify)lum_push_item_free);
  g_autoptr(JsonNode) summary = invoice_summary ();
  LumContractMock *qbo = mocks[LUM_CONTRACT_QUICKBOOKS];
  static const char * const expected[] = {
    "GET /v3/company/" LUM_CONTRACT_REALM "/query?",
    "POST /v3/company/" LUM_CONTRACT_REALM "/customer?",
    "POST /v3/company/" LUM_CONTRACT_REALM "/item?",
    "POST /v3/company/" LUM_CONTRACT_REALM "/invoice?",
    NULL
  };
  /* The description's only query example lists one empty object for each
   * entity, without an Id, so a search "finds" nothing Lumen can use and
   * the creations after it would never be sent. The searches are still
   * validated by Prism; their answers here say that nothing was found,
   * in the form Lumen reads (an empty list of the entity). Intuit's
   * documentation shows no answer of a query without results. */
  static const char nothing_customer[] = "{\"QueryResponse\": {\"Customer\": [], \"startPosition\": 1, "
                                         "\"maxResults\": 0}, \"time\": \"2027-01-04T09:30:00.000-08:00\"}";
  static const char nothing_item[] = "{\"QueryResponse\": {\"Item\": [], \"startPosition\": 1, "
                                     "\"maxResults\": 0}, \"time\": \"2027-01-04T09:30:00.000-08:00\"}";

  if (!need_keyring ())
    return;
  connector = new_connector (LUM_CONTRACT_QUICKBOOKS);
  lum_contract_mock_answer (qbo, "GET", "/query", "from%20Customer", 200, nothing_customer);
  lum_contract_mock_answer (qbo, "GET", "/query", "from%20Item", 200, nothing_item);
  lum_contract_mock_answer (qbo, "GET", "/query", "from%20Item", 200, nothing_item);
  g_ptr_array_add (items, lum_push_item_new (1, LUM_JOB_KIND_PUSH_INVOICE, "INV-000301", NULL, summary));
  push_and_report (connector, items);
  check_exchanges (LUM_CONTRACT_QUICKBOOKS, expected);
}

static void
test_quickbooks_resend (void)
{
  g_autoptr(LumConnector) connector = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify)lum_push_item_free);
  g_autoptr(JsonNode) summary = invoice_summary ();
  LumPushItem *item;
  static const char * const expected[] = { "GET /v3/company/" LUM_CONTRACT_REALM "/query?", NULL };

  if (!need_keyring ())
    return;
  /* a resend asks for the invoice by its DocNumber first: the
   * description's example answer as it is */
  connector = new_connector (LUM_CONTRACT_QUICKBOOKS);
  item = lum_push_item_new (1, LUM_JOB_KIND_PUSH_INVOICE, "INV-000301", NULL, summary);
  item->may_have_arrived = TRUE;
  g_ptr_array_add (items, item);
  push_and_report (connector, items);
  check_exchanges (LUM_CONTRACT_QUICKBOOKS, expected);
}

/* -- Prism's logs ---------------------------------------------------------- */

/* -- ShipStation API V2 ------------------------------------------------------ */

#define V2_NOT_FOUND \
  "{\"request_id\": \"aa3d8e8e-462b-4476-9618-72db7f7b7009\", \"errors\": [{\"error_source\": \"ShipStation\", " \
  "\"error_type\": \"validation\", \"error_code\": \"not_found\", \"message\": \"Shipment not found\"}]}"

static void
test_shipstation_v2_test (void)
{
  g_autoptr(LumConnector) connector = new_connector (LUM_CONTRACT_SHIPSTATION_V2);
  g_autoptr(GAsyncResult) tested = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  static const char * const expected[] = { "GET /v2/warehouses", NULL };

  lum_connector_test_async (connector, NULL, on_done_cb, &tested);
  report = lum_connector_test_finish (connector, wait_for (&tested), &error);
  g_assert_true ((report == NULL) != (error == NULL));
  report_error ("test connection", error);
  if (report != NULL)
    g_test_message ("test connection: %s", report);
  check_exchanges (LUM_CONTRACT_SHIPSTATION_V2, expected);
}

/* Two orders the look-up does not find: the warehouse for ship_from, then
 * one create_shipments request with both; a test order's tag after it. */
static void
test_shipstation_v2_push (void)
{
  g_autoptr(LumConnector) connector = new_connector (LUM_CONTRACT_SHIPSTATION_V2);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify)lum_push_item_free);
  static const char * const expected[] = {
    "GET /v2/warehouses", "GET /v2/shipments/external_shipment_id/", "POST /v2/shipments",
    "POST /v2/shipments/se-202/tags/", NULL
  };
  LumPushItem *plain, *tagged;

  lum_contract_mock_answer (mocks[LUM_CONTRACT_SHIPSTATION_V2], "GET", "/v2/shipments/external_shipment_id/", NULL,
                            404, V2_NOT_FOUND);
  lum_contract_mock_answer (mocks[LUM_CONTRACT_SHIPSTATION_V2], "GET", "/v2/shipments/external_shipment_id/", NULL,
                            404, V2_NOT_FOUND);
  lum_contract_mock_answer (mocks[LUM_CONTRACT_SHIPSTATION_V2], "POST", "/v2/shipments", NULL, 200,
                            "{\"has_errors\": false, \"shipments\": ["
                            "{\"shipment_id\": \"se-201\", \"external_shipment_id\": \"CONTRACT-201\"},"
                            "{\"shipment_id\": \"se-202\", \"external_shipment_id\": \"CONTRACT-202\"}]}");
  plain = push_item (connector, "SO-000201", "1001");
  tagged = push_item (connector, "SO-000202", "1001");
  /* keys the answer above can name */
  for (guint i = 0; i < 2; i++)
    {
      LumPushItem *item = i == 0 ? plain : tagged;

      g_free (item->order_key);
      item->order_key = g_strdup_printf ("CONTRACT-20%u", i + 1);
      json_object_set_string_member (json_node_get_object (item->payload), "external_shipment_id", item->order_key);
    }
  g_ptr_array_add (items, plain);
  {
    JsonArray *tags = json_array_new ();
    JsonObject *tag = json_object_new ();

    json_object_set_string_member (tag, "name", LUM_SHIPSTATION_V2_TEST_TAG);
    json_array_add_object_element (tags, tag);
    json_object_set_array_member (json_node_get_object (tagged->payload), "tags", tags);
  }
  g_ptr_array_add (items, tagged);
  push_and_report (connector, items);
  check_exchanges (LUM_CONTRACT_SHIPSTATION_V2, expected);
  g_assert_cmpstr (plain->remote_id, ==, "se-201");
  g_assert_cmpstr (tagged->remote_id, ==, "se-202");
}

/* GET /v2/warehouses, then an order shipping from the first one listed:
 * create_shipment_request has no warehouse_id, so its origin_address goes
 * as ship_from. */
static void
test_shipstation_v2_warehouses (void)
{
  g_autoptr(LumConnector) connector = new_connector (LUM_CONTRACT_SHIPSTATION_V2);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify)lum_push_item_free);
  g_autofree char *first = NULL;
  static const char * const expected[] = { "GET /v2/warehouses", "POST /v2/shipments", NULL };
  LumPushItem *item;

  first = list_warehouses (connector);
  g_assert_nonnull (first);
  lum_contract_mock_answer (mocks[LUM_CONTRACT_SHIPSTATION_V2], "GET", "/v2/shipments/external_shipment_id/", NULL,
                            404, V2_NOT_FOUND);
  lum_contract_mock_answer (mocks[LUM_CONTRACT_SHIPSTATION_V2], "POST", "/v2/shipments", NULL, 200,
                            "{\"has_errors\": false, \"shipments\": ["
                            "{\"shipment_id\": \"se-211\", \"external_shipment_id\": \"CONTRACT-211\"}]}");
  item = push_item_from (connector, "SO-000211", "1001", first);
  g_free (item->order_key);
  item->order_key = g_strdup ("CONTRACT-211");
  json_object_set_string_member (json_node_get_object (item->payload), "external_shipment_id", item->order_key);
  g_ptr_array_add (items, item);
  push_and_report (connector, items);
  check_exchanges (LUM_CONTRACT_SHIPSTATION_V2, expected);
  g_assert_cmpstr (item->remote_id, ==, "se-211");
}

/* A resend and a cancel: the look-up finds the shipment (the example);
 * nothing is created, the cancel is PUT on the shipment found. */
static void
test_shipstation_v2_resend_and_cancel (void)
{
  g_autoptr(LumConnector) connector = new_connector (LUM_CONTRACT_SHIPSTATION_V2);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify)lum_push_item_free);
  static const char * const expected[] = {
    "GET /v2/shipments/external_shipment_id/", "PUT /v2/shipments/", NULL
  };
  LumPushItem *cancel;

  lum_contract_mock_answer (mocks[LUM_CONTRACT_SHIPSTATION_V2], "GET", "/v2/shipments/external_shipment_id/", NULL,
                            200, "{\"shipment_id\": \"se-28529731\", \"external_shipment_id\": \"LOOKED-UP\", "
                            "\"shipment_status\": \"pending\", \"tags\": []}");
  cancel = push_item (connector, "SO-000203", "1001");
  cancel->kind = LUM_JOB_KIND_CANCEL_SALES_ORDER;
  /* the answer above names this order's key */
  g_free (cancel->order_key);
  cancel->order_key = g_strdup ("LOOKED-UP");
  g_ptr_array_add (items, cancel);
  push_and_report (connector, items);
  check_exchanges (LUM_CONTRACT_SHIPSTATION_V2, expected);
  g_assert_null (cancel->error);
}

static void
test_shipstation_v2_poll (void)
{
  g_autoptr(LumConnector) connector = new_connector (LUM_CONTRACT_SHIPSTATION_V2);
  static const char * const expected[] = {
    "GET /v2/labels?created_at_start=", "GET /v2/labels?label_status=voided", NULL
  };

  poll_and_report (connector, "1001", "2027-01-04T17:30:00Z");
  check_exchanges (LUM_CONTRACT_SHIPSTATION_V2, expected);
}

/* -- stock ------------------------------------------------------------------ */

static void
read_stock_and_report (LumConnector *connector,
                       const char   *sku)
{
  g_autoptr(GAsyncResult) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) levels = NULL;

  lum_connector_read_stock_async (connector, sku, NULL, on_done_cb, &read);
  levels = lum_connector_read_stock_finish (connector, wait_for (&read), &error);
  g_assert_true ((levels == NULL) != (error == NULL));
  report_error ("stock", error);
  for (guint i = 0; levels != NULL && i < levels->len; i++)
    {
      LumStockLevel *level = g_ptr_array_index (levels, i);
      g_test_message ("stock read from the example: %s in %s: %" G_GINT64_FORMAT, level->sku, level->warehouse_id,
                      level->available);
    }
}

static void
test_shipstation_v2_stock (void)
{
  g_autoptr(LumConnector) connector = new_connector (LUM_CONTRACT_SHIPSTATION_V2);
  static const char * const expected[] = {
    "GET /v2/inventory?group_by=warehouse&limit=", "GET /v2/inventory?group_by=warehouse&limit=100&sku=SKU-A", NULL
  };

  read_stock_and_report (connector, NULL);
  read_stock_and_report (connector, "SKU-A");
  check_exchanges (LUM_CONTRACT_SHIPSTATION_V2, expected);
}

static void
test_extensiv_stock (void)
{
  g_autoptr(LumConnector) connector = new_connector (LUM_CONTRACT_EXTENSIV);
  static const char * const expected[] = { "POST /AuthServer/api/Token", "GET /inventory/stocksummaries?pgsiz=", NULL };

  read_stock_and_report (connector, NULL);
  check_exchanges (LUM_CONTRACT_EXTENSIV, expected);
}

static void
test_shipstation_v1_no_stock (void)
{
  g_autoptr(LumConnector) connector = new_connector (LUM_CONTRACT_SHIPSTATION);
  g_autoptr(GAsyncResult) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) levels = NULL;

  /* API V1 has no inventory: nothing is asked of it */
  g_assert_false (lum_connector_reports_stock (connector));
  lum_connector_read_stock_async (connector, NULL, NULL, on_done_cb, &read);
  levels = lum_connector_read_stock_finish (connector, wait_for (&read), &error);
  g_assert_null (levels);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_cmpuint (lum_contract_mock_get_exchanges (mocks[LUM_CONTRACT_SHIPSTATION])->len, ==, 0);
}

static void
test_prism_logs (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (mocks); i++)
    {
      g_autoptr(GPtrArray) unexplained = lum_contract_mock_unexplained_log (mocks[i]);

      for (guint j = 0; j < unexplained->len; j++)
        g_test_fail_printf ("%s: a finding in Prism's log that no request answer carried: %s",
                            lum_contract_mock_get_name (mocks[i]), (char *)g_ptr_array_index (unexplained, j));
    }
}

int
main (int   argc,
      char *argv[])
{
  const char *prism = g_getenv ("LUMEN_PRISM");
  const char *contracts = g_getenv ("LUMEN_CONTRACTS_DIR");
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (prism == NULL || contracts == NULL)
    {
      g_print ("SKIP: LUMEN_PRISM and LUMEN_CONTRACTS_DIR are not set (run through contract.sh)\n");
      return 77;
    }
  session = soup_session_new_with_options ("timeout", 20, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (mocks); i++)
    {
      g_autofree char *file = g_build_filename (contracts, descriptions[i], NULL);

      mocks[i] = lum_contract_mock_start (i, prism, file, &error);
      if (mocks[i] == NULL)
        break;
    }
  if (error == NULL)
    lum_contract_mock_wait_ready (mocks, G_N_ELEMENTS (mocks), 50, &error);
  if (error != NULL)
    {
      g_print ("SKIP: Stoplight Prism could not be started: %s\n", error->message);
      for (guint i = 0; i < G_N_ELEMENTS (mocks); i++)
        lum_contract_mock_free (mocks[i]);
      return 77;
    }
  findings = g_ptr_array_new_with_free_func (g_free);

  g_test_add_func ("/contract/shipstation/stores-and-test", test_shipstation_stores);
  g_test_add_func ("/contract/shipstation/push-one", test_shipstation_push_one);
  g_test_add_func ("/contract/shipstation/push-many", test_shipstation_push_many);
  g_test_add_func ("/contract/shipstation/poll", test_shipstation_poll);
  g_test_add_func ("/contract/shipstation/warehouses-and-ship-from", test_shipstation_warehouses);
  g_test_add_func ("/contract/extensiv/token-customers-facilities", test_extensiv_stores);
  g_test_add_func ("/contract/extensiv/push", test_extensiv_push);
  g_test_add_func ("/contract/extensiv/poll", test_extensiv_poll);
  g_test_add_func ("/contract/extensiv/facilities-and-ship-from", test_extensiv_facilities);
  g_test_add_func ("/contract/quickbooks/company", test_quickbooks_company);
  g_test_add_func ("/contract/quickbooks/push", test_quickbooks_push);
  g_test_add_func ("/contract/quickbooks/resend", test_quickbooks_resend);
  g_test_add_func ("/contract/shipstation-v2/test", test_shipstation_v2_test);
  g_test_add_func ("/contract/shipstation-v2/push", test_shipstation_v2_push);
  g_test_add_func ("/contract/shipstation-v2/resend-and-cancel", test_shipstation_v2_resend_and_cancel);
  g_test_add_func ("/contract/shipstation-v2/warehouses-and-ship-from", test_shipstation_v2_warehouses);
  g_test_add_func ("/contract/shipstation-v2/poll", test_shipstation_v2_poll);
  g_test_add_func ("/contract/shipstation-v2/stock", test_shipstation_v2_stock);
  g_test_add_func ("/contract/extensiv/stock", test_extensiv_stock);
  g_test_add_func ("/contract/shipstation/no-stock", test_shipstation_v1_no_stock);
  g_test_add_func ("/contract/logs/prism", test_prism_logs);
  status = g_test_run ();

  g_print ("# %u request(s) violate a description:\n", findings->len);
  for (guint i = 0; i < findings->len; i++)
    g_print ("#   %s\n", (char *)g_ptr_array_index (findings, i));
  for (guint i = 0; i < G_N_ELEMENTS (mocks); i++)
    lum_contract_mock_free (mocks[i]);
  g_ptr_array_unref (findings);
  g_object_unref (session);
  return status;
}

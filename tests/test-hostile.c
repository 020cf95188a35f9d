/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "lum-test-sandbox.h"
#include "lum-util.h"
#include "connect/lum-extensiv.h"
#include "connect/lum-extensiv-private.h"
#include "connect/lum-http.h"
#include "connect/lum-shipstation-time.h"
#include "store/lum-sync-cursor.h"
#include "sync/lum-fulfillment-poller.h"
#include "model/lum-channel.h"
#include "model/lum-integration.h"

/*
 * Malformed, truncated and hostile answers from each remote, served by the
 * sandbox's "body" fault. Each must end in a readable error and leave
 * Lumen as it was (a poll's cursor where it was, an invoice's job left to
 * retry), never crash and never record what the answer did not say; once
 * the remote answers properly again, the real data arrives once.
 */

/* Beyond what json-glib recurses through on a default stack: it crashed
 * Lumen before answers were checked for depth. Under 1 MiB with its page. */
#define CRASH_DEPTH 400000
#define HUGE_NUMBER "99999999999999999999999"
#define ORDERS      "_embedded|" LUM_EXTENSIV_ORDERS_REL
#define ITEMS       ORDERS "|0|_embedded|" LUM_EXTENSIV_ITEMS_REL

typedef LumTestWorld Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  if (!lum_test_keyring_available ())
    return;
  lum_test_world_init (f);
  f->quickbooks = lum_test_world_add_integration (f, LUM_INTEGRATION_KIND_QUICKBOOKS, "Sandbox QuickBooks", NULL);
  /* dozens of answers in a few seconds: no waiting for a rate-limit window */
  lum_sandbox_set_rate_limit (f->sandbox, "shipstation", 100000, 60000);
  lum_sandbox_set_rate_limit (f->sandbox, "quickbooks", 100000, 60000);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  lum_test_world_clear (f);
}

/* -- hostile texts --------------------------------------------------------- */

/* Every answer of @service for the requests of @path is @text, or the next
 * @count of them. */
static void
set_body (Fixture    *f,
          const char *service,
          const char *path,
          const char *text,
          guint       count)
{
  g_autoptr(JsonObject) spec = json_object_new ();
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (spec, "service", service);
  json_object_set_string_member (spec, "path", path);
  json_object_set_string_member (spec, "body", text);
  if (count > 0)
    json_object_set_int_member (spec, "body_count", count);
  g_assert_true (lum_sandbox_set_faults (f->sandbox, spec, &error));
  g_assert_no_error (error);
}

static char *
nested (const char *before,
        guint       depth,
        const char *after)
{
  GString *text = g_string_new (before);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  g_string_append (text, after);
  return g_string_free (text, FALSE);
}

/*
 * @page with one member changed: @path names it through objects and arrays
 * ("shipments|0|voided"; the last index of an array, or one past it), @value is the
 * raw JSON text put there (so that numbers json-glib cannot hold reach the
 * client as written), %NULL removes the member.
 */
static char *
patched (JsonObject *page,
         const char *path,
         const char *value)
{
  g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), page);
  g_autofree char *original = json_to_string (root, FALSE);
  /* json_node_copy() shares the objects: a copy through the text */
  g_autoptr(JsonNode) copy = json_from_string (original, NULL);
  g_auto(GStrv) steps = g_strsplit (path, "|", -1);
  guint n = g_strv_length (steps);
  JsonNode *node = copy;
  g_autofree char *text = NULL;
  GString *out;

  for (guint i = 0; i + 1 < n; i++)
    node = JSON_NODE_HOLDS_OBJECT (node)
      ? json_object_get_member (json_node_get_object (node), steps[i])
      : json_array_get_element (json_node_get_array (node), atoi (steps[i]));
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);

      if (value == NULL)
        json_object_remove_member (object, steps[n - 1]);
      else
        json_object_set_string_member (object, steps[n - 1], "@VALUE@");
    }
  else
    {
      JsonArray *array = json_node_get_array (node);
      guint index = atoi (steps[n - 1]);

      /* replaced by the last element: the pages here list one */
      g_assert_nonnull (value);
      g_assert_cmpuint (index + 1, >=, json_array_get_length (array));
      if (index < json_array_get_length (array))
        json_array_remove_element (array, index);
      json_array_add_string_element (array, "@VALUE@");
    }
  text = json_to_string (copy, FALSE);
  out = g_string_new (text);
  if (value != NULL)
    g_assert_cmpuint (g_string_replace (out, "\"@VALUE@\"", value, 1), ==, 1);
  return g_string_free (out, FALSE);
}

/* The whole of an answer replaced: cut short, empty, not JSON, too deep. */
static GPtrArray *
hostile_texts (JsonObject *page,
               const char *nest_before,
               const char *nest_after)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), page);
  g_autofree char *whole = json_to_string (root, FALSE);

  g_ptr_array_add (texts, g_strndup (whole, strlen (whole) / 2));
  g_ptr_array_add (texts, g_strndup (whole, strlen (whole) - 1));
  g_ptr_array_add (texts, g_strdup (""));
  g_ptr_array_add (texts, g_strdup (" \r\n\t "));
  g_ptr_array_add (texts, g_strdup ("<html><body><h1>502 Bad Gateway</h1></body></html>"));
  g_ptr_array_add (texts, g_strdup ("null"));
  g_ptr_array_add (texts, g_strdup ("[]"));
  g_ptr_array_add (texts, g_strdup ("\"ok\""));
  g_ptr_array_add (texts, g_strdup ("{\"Message\": \"An error has occurred.\"}"));
  g_ptr_array_add (texts, nested (nest_before, 10000, nest_after));
  g_ptr_array_add (texts, nested (nest_before, CRASH_DEPTH, nest_after));
  /* brackets a scan that knew only strings would miss, behind a comment */
  {
    g_autofree char *before = g_strconcat (nest_before, "/* \" */", NULL);
    g_autofree char *after = g_strconcat ("/* \" */", nest_after, NULL);
    g_ptr_array_add (texts, nested (before, CRASH_DEPTH, after));
  }
  return texts;
}

/* What a person reads in the job list or the poll's message. */
static void
assert_readable (const GError *error,
                 const char   *service)
{
  g_assert_nonnull (error);
  g_assert_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_INVALID_RESPONSE);
  g_assert_true (g_str_has_prefix (error->message, service));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpuint (strlen (error->message), <, 160);
  for (const char *p = error->message; *p != '\0'; p++)
    g_assert_false (g_ascii_iscntrl (*p));
  /* the service's text is not pasted into it */
  g_assert_null (strstr (error->message, "[["));
  g_assert_null (strstr (error->message, "{\""));
}

/* -- polls ----------------------------------------------------------------- */

typedef struct
{
  LumPollStats stats;
  gboolean     done;
} PollRun;

static void
on_polled_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PollRun *run = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (lum_fulfillment_poller_poll_finish (LUM_FULFILLMENT_POLLER (source), result, &run->stats, &error));
  g_assert_no_error (error);
  run->done = TRUE;
}

/* One round; @last_error: what the poller kept of a failed target. */
static LumPollStats
poll (Fixture  *f,
      GError  **last_error)
{
  g_autoptr(LumFulfillmentPoller) poller = lum_fulfillment_poller_new (f->service);
  PollRun run = { { 0, }, FALSE };
  const GError *kept;

  lum_fulfillment_poller_poll_async (poller, NULL, on_polled_cb, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  kept = lum_fulfillment_poller_get_last_error (poller);
  if (last_error != NULL)
    *last_error = kept != NULL ? g_error_copy (kept) : NULL;
  return run.stats;
}

static char *
cursor (Fixture        *f,
        LumIntegration *integration,
        const char     *name)
{
  return lum_sync_cursor_get (lum_engine_get_db (f->engine), lum_integration_get_id (integration), name);
}

static guint
n_shipments (Fixture     *f,
             LumDocument *order)
{
  g_autoptr(GListStore) shipments = lum_engine_list_shipments (f->engine, lum_document_get_id (order), NULL);

  return g_list_model_get_n_items (G_LIST_MODEL (shipments));
}

static guint
n_invoices (Fixture     *f,
            LumDocument *order)
{
  g_auto(GStrv) invoices = lum_engine_list_order_invoices (f->engine, lum_document_get_id (order), NULL);

  return g_strv_length (invoices);
}

static void
assert_untouched (Fixture     *f,
                  LumDocument *order)
{
  g_autoptr(LumDocument) now = lum_test_world_reload (f, order);

  g_assert_cmpstr (lum_document_get_text (now, LUM_DOC_FULFILLMENT_STATUS), ==, "unfulfilled");
  g_assert_cmpuint (n_shipments (f, order), ==, 0);
  g_assert_cmpuint (n_invoices (f, order), ==, 0);
}

/* A remote that is polled, as the test sees it. */
typedef struct
{
  const char     *service;      /* the sandbox's name for it */
  const char     *name;         /* the integration's: errors start with it */
  const char     *path;         /* of the poll's requests */
  LumIntegration *integration;
  const char     *cursor;       /* "shipments:<store>" */
  const char     *cursor_value; /* where it stands before the hostile pages */
} Remote;

/*
 * One hostile page: the poll fails for its target with a readable error,
 * and nothing in the database changed, the cursor least.
 */
static void
assert_page_refused (Fixture      *f,
                     const Remote *remote,
                     const char   *what,
                     const char   *text,
                     LumDocument  *order)
{
  g_autofree char *before = lum_test_dump_database (f->engine);
  g_autofree char *after = NULL;
  g_autofree char *cursor_after = NULL;
  g_autoptr(GError) error = NULL;
  LumPollStats stats;

  set_body (f, remote->service, remote->path, text, 0);
  stats = poll (f, &error);
  lum_sandbox_clear_faults (f->sandbox, remote->service);
  g_test_message ("%s: %s", what, error ? error->message : "(no error)");
  g_assert_cmpuint (stats.failed_targets, ==, 1);
  g_assert_cmpuint (stats.shipments, ==, 0);
  g_assert_cmpuint (stats.recorded + stats.duplicates + stats.voided + stats.unknown + stats.refused, ==, 0);
  assert_readable (error, remote->name);

  cursor_after = cursor (f, remote->integration, remote->cursor);
  g_assert_cmpstr (cursor_after, ==, remote->cursor_value);
  assert_untouched (f, order);
  after = lum_test_dump_database (f->engine);
  g_assert_cmpstr (after, ==, before);
}

static JsonObject *
ship (Fixture     *f,
      LumDocument *order,
      const char  *tracking,
      const char  *sku,
      gint64       quantity)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) items = json_array_new ();
  JsonObject *item = json_object_new ();
  JsonObject *shipment;

  json_object_set_string_member (item, "sku", sku);
  json_object_set_int_member (item, "quantity", quantity);
  json_array_add_object_element (items, item);
  shipment = lum_sandbox_shipstation_ship (f->sandbox, lum_document_get_number (order), "ups", tracking, items,
                                           &error);
  g_assert_no_error (error);
  g_assert_nonnull (shipment);
  return shipment;
}

/* The members of a shipment page, one at a time: each refuses the page. */
static const struct
{
  const char *what;
  const char *path;
  const char *value;
} shipment_pages[] = {
  { "shipments not an array", "shipments", "{\"0\": {\"shipmentId\": 1}}" },
  { "no shipments member", "shipments", NULL },
  { "no pages", "pages", NULL },
  { "pages a string", "pages", "\"1\"" },
  { "pages beyond 64 bits", "pages", HUGE_NUMBER },
  { "pages 1e400", "pages", "1e400" },
  { "a shipment not an object", "shipments|0", "7" },
  { "shipmentId missing", "shipments|0|shipmentId", NULL },
  { "shipmentId a string", "shipments|0|shipmentId", "\"12345\"" },
  { "shipmentId an empty string", "shipments|0|shipmentId", "\"\"" },
  { "shipmentId beyond 64 bits", "shipments|0|shipmentId", HUGE_NUMBER },
  { "shipmentId just beyond 64 bits", "shipments|0|shipmentId", "9223372036854775808" },
  { "shipmentId below -2^63", "shipments|0|shipmentId", "-18446744073709551615" },
  { "shipmentId 1e400", "shipments|0|shipmentId", "1e400" },
  { "shipmentId negative", "shipments|0|shipmentId", "-7" },
  { "orderKey a number", "shipments|0|orderKey", "4242" },
  { "orderNumber an object", "shipments|0|orderNumber", "{\"value\": \"SO\"}" },
  { "trackingNumber an object", "shipments|0|trackingNumber", "{\"number\": \"1ZHOSTILE\"}" },
  { "carrierCode a list", "shipments|0|carrierCode", "[\"ups\"]" },
  { "voided a string", "shipments|0|voided", "\"true\"" },
  { "voided a number", "shipments|0|voided", "1" },
  { "createDate a number", "shipments|0|createDate", "20270101" },
  { "shipmentItems an object", "shipments|0|shipmentItems", "{\"sku\": \"SKU-B\", \"quantity\": 1}" },
  { "an item not an object", "shipments|0|shipmentItems|0", "\"SKU-B\"" },
  { "an item's sku a number", "shipments|0|shipmentItems|0|sku", "7" },
  { "an item's quantity a string", "shipments|0|shipmentItems|0|quantity", "\"1\"" },
  { "an item's quantity beyond 64 bits", "shipments|0|shipmentItems|0|quantity", HUGE_NUMBER },
  { "an item's quantity negative", "shipments|0|shipmentItems|0|quantity", "-1" },
  { "an item's quantity missing", "shipments|0|shipmentItems|0|quantity", NULL },
  { "a good shipment, then a bad one", "shipments|1", "{\"shipmentId\": \"x\", \"orderKey\": 5}" },
};

/* ShipStation's GET /shipments, answered with hostile pages about a real
 * shipment (a partial one, so that reading it as "everything" shows). */
static void
test_shipstation_poll (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) first = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(JsonObject) shipped = NULL;
  g_autoptr(JsonObject) page = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autofree char *before = NULL;
  Remote remote;
  LumPollStats stats;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (f, "Hostile ShipStation", f->shipstation, "1001", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);
  first = lum_test_world_post_order (f, channel, "Dock 1");
  order = lum_test_world_post_order (f, channel, "Dock 2");
  g_assert_cmpuint (lum_test_world_push (f), ==, 2);
  g_clear_pointer (&shipped, json_object_unref);
  shipped = ship (f, first, "1ZFIRST", "SKU-A", 2);
  stats = poll (f, NULL);
  g_assert_cmpuint (stats.recorded, ==, 1);
  before = cursor (f, f->shipstation, "shipments:1001");
  g_assert_nonnull (before);

  lum_test_world_advance (f, 60);
  g_clear_pointer (&shipped, json_object_unref);
  shipped = ship (f, order, "1ZHOSTILE", "SKU-B", 1);
  page = json_object_new ();
  {
    JsonArray *list = json_array_new ();

    json_array_add_object_element (list, json_object_ref (shipped));
    json_object_set_array_member (page, "shipments", list);
    json_object_set_int_member (page, "total", 1);
    json_object_set_int_member (page, "page", 1);
    json_object_set_int_member (page, "pages", 1);
  }

  remote = (Remote) { "shipstation", "Sandbox ShipStation", "/shipments", f->shipstation, "shipments:1001", before };
  for (guint i = 0; i < G_N_ELEMENTS (shipment_pages); i++)
    {
      g_autofree char *text = patched (page, shipment_pages[i].path, shipment_pages[i].value);

      assert_page_refused (f, &remote, shipment_pages[i].what, text, order);
    }
  texts = hostile_texts (page, "{\"shipments\": [", "], \"total\": 1, \"page\": 1, \"pages\": 1}");
  for (guint i = 0; i < texts->len; i++)
    assert_page_refused (f, &remote, "a hostile text", texts->pdata[i], order);

  /* an empty page that claims a million more is the last one */
  {
    guint requests = lum_sandbox_count_requests (f->sandbox, "shipstation", "GET", "/shipments");
    g_autofree char *cursor_after = NULL;
    g_autoptr(GError) error = NULL;

    set_body (f, "shipstation", "/shipments", "{\"shipments\": [], \"total\": 0, \"page\": 1, \"pages\": 1000000}", 0);
    stats = poll (f, &error);
    lum_sandbox_clear_faults (f->sandbox, "shipstation");
    g_assert_no_error (error);
    g_assert_cmpuint (stats.failed_targets, ==, 0);
    g_assert_cmpuint (stats.shipments, ==, 0);
    g_assert_cmpuint (lum_sandbox_count_requests (f->sandbox, "shipstation", "GET", "/shipments"), ==, requests + 1);
    cursor_after = cursor (f, f->shipstation, "shipments:1001");
    g_assert_cmpstr (cursor_after, ==, before);
    assert_untouched (f, order);
  }

  /* a well-formed shipment that names no order: read, counted unknown and
   * left alone; the page went through, so the cursor moves to it */
  {
    g_autofree char *without_key = patched (page, "shipments|0|orderKey", NULL);
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autofree char *text = NULL;
    g_autofree char *cursor_after = NULL;
    g_autofree char *expected = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_true (json_parser_load_from_data (parser, without_key, -1, NULL));
    text = patched (json_node_get_object (json_parser_get_root (parser)), "shipments|0|orderNumber", NULL);
    set_body (f, "shipstation", "/shipments", text, 0);
    stats = poll (f, &error);
    lum_sandbox_clear_faults (f->sandbox, "shipstation");
    g_assert_no_error (error);
    g_assert_cmpuint (stats.failed_targets, ==, 0);
    g_assert_cmpuint (stats.shipments, ==, 1);
    g_assert_cmpuint (stats.unknown, ==, 1);
    g_assert_cmpuint (stats.recorded + stats.refused, ==, 0);
    assert_untouched (f, order);
    cursor_after = cursor (f, f->shipstation, "shipments:1001");
    /* kept in UTC: the shipment's Pacific createDate as an instant */
    expected = lum_shipstation_time_from_pacific (json_object_get_string_member (shipped, "createDate"), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (cursor_after, ==, expected);
  }

  /* the real page again: the shipment, once, as it was made */
  {
    g_autoptr(LumDocument) after = NULL;
    g_autoptr(GListStore) shipments = NULL;
    g_autoptr(LumShipment) shipment = NULL;
    g_autoptr(LumDocLine) line = NULL;
    g_autofree char *remote_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                  json_object_get_int_member (shipped, "shipmentId"));
    g_autoptr(GError) error = NULL;

    stats = poll (f, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (stats.failed_targets, ==, 0);
    g_assert_cmpuint (stats.recorded, ==, 1);
    after = lum_test_world_reload (f, order);
    g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_FULFILLMENT_STATUS), ==, "partially-fulfilled");
    shipments = lum_engine_list_shipments (f->engine, lum_document_get_id (order), NULL);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shipments)), ==, 1);
    shipment = g_list_model_get_item (G_LIST_MODEL (shipments), 0);
    g_assert_cmpstr (lum_shipment_get_text (shipment, LUM_SHIPMENT_REMOTE_ID), ==, remote_id);
    g_assert_cmpstr (lum_shipment_get_text (shipment, LUM_SHIPMENT_TRACKING_NUMBER), ==, "1ZHOSTILE");
    g_assert_cmpint (lum_shipment_get_int (shipment, LUM_SHIPMENT_VOIDED), ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (lum_shipment_get_lines (shipment)), ==, 1);
    line = g_list_model_get_item (lum_shipment_get_lines (shipment), 0);
    g_assert_cmpstr (lum_doc_line_get_sku (line), ==, "SKU-B");
    g_assert_cmpint (lum_doc_line_get_quantity (line), ==, 1);
    g_assert_cmpuint (n_invoices (f, order), ==, 1);
  }
}

/* The members of a closed-orders page of Extensiv, one at a time. */
static const struct
{
  const char *what;
  const char *path;
  const char *value;
} order_pages[] = {
  { "_embedded not an object", "_embedded", "[]" },
  { "orders not an array", ORDERS, "{\"0\": {}}" },
  { "no orders where totalResults counts one", ORDERS, NULL },
  { "no _embedded where totalResults counts one", "_embedded", NULL },
  { "totalResults missing", "totalResults", NULL },
  { "totalResults a string", "totalResults", "\"1\"" },
  { "totalResults beyond 64 bits", "totalResults", HUGE_NUMBER },
  { "an order not an object", ORDERS "|0", "\"order\"" },
  { "referenceNum a number", ORDERS "|0|referenceNum", "4242" },
  { "referenceNum missing", ORDERS "|0|referenceNum", NULL },
  { "readOnly not an object", ORDERS "|0|readOnly", "\"closed\"" },
  { "readOnly.orderId beyond 64 bits", ORDERS "|0|readOnly|orderId", HUGE_NUMBER },
  { "readOnly.orderId 1e400", ORDERS "|0|readOnly|orderId", "1e400" },
  { "readOnly.orderId a string", ORDERS "|0|readOnly|orderId", "\"abc\"" },
  { "readOnly.orderId missing", ORDERS "|0|readOnly|orderId", NULL },
  { "readOnly.processDate a number", ORDERS "|0|readOnly|processDate", "20270101" },
  { "routingInfo a string", ORDERS "|0|routingInfo", "\"fedex\"" },
  { "routingInfo.trackingNumber an object", ORDERS "|0|routingInfo|trackingNumber", "{\"number\": \"7946\"}" },
  { "the items missing", ORDERS "|0|_embedded", NULL },
  { "the items not embedded but at the top", ORDERS "|0|_embedded", "{\"orderItems\": []}" },
  { "the items an object", ITEMS, "{\"qty\": 1}" },
  { "an item not an object", ITEMS, "[\"SKU-A\"]" },
  { "an item's itemIdentifier a text", ITEMS, "[{\"itemIdentifier\": \"SKU-A\", \"qty\": 2}]" },
  { "an item's sku a number", ITEMS, "[{\"itemIdentifier\": {\"sku\": 7}, \"qty\": 2}]" },
  { "an item's qty a string", ITEMS, "[{\"itemIdentifier\": {\"sku\": \"SKU-A\"}, \"qty\": \"2\"}]" },
  { "an item's qty a fraction", ITEMS, "[{\"itemIdentifier\": {\"sku\": \"SKU-A\"}, \"qty\": 1.5}]" },
  { "an item's qty below 0", ITEMS, "[{\"itemIdentifier\": {\"sku\": \"SKU-A\"}, \"qty\": -1.0}]" },
  { "an item's qty beyond 64 bits", ITEMS,
    "[{\"itemIdentifier\": {\"sku\": \"SKU-A\"}, \"qty\": " HUGE_NUMBER "}]" },
  { "readOnly.customerIdentifier missing", ORDERS "|0|readOnly|customerIdentifier", NULL },
  { "readOnly.customerIdentifier.id a string", ORDERS "|0|readOnly|customerIdentifier|id", "\"1\"" },
  { "a good order, then a bad one", ORDERS "|1", "{\"referenceNum\": 5}" },
};

/* Extensiv's GET /orders of closed orders, answered with hostile pages
 * about a real closed order. */
static void
test_extensiv_poll (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) first = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumDocument) other = NULL;
  g_autoptr(JsonObject) closed = NULL;
  g_autoptr(JsonObject) page = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  const char *process_date;
  Remote remote;
  LumPollStats stats;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (f, "Hostile 3PL", f->extensiv, "1:1", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);
  first = lum_test_world_post_order (f, channel, "Dock 1");
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);
  closed = lum_sandbox_extensiv_close (f->sandbox, lum_document_get_number (first), "794600000001", "fedex", &error);
  g_assert_no_error (error);
  stats = poll (f, NULL);
  g_assert_cmpuint (stats.recorded, ==, 1);
  before = cursor (f, f->extensiv, "shipments:1:1");
  g_assert_nonnull (before);

  order = lum_test_world_post_order (f, channel, "Dock 2");
  other = lum_test_world_post_order (f, channel, "Dock 3");
  g_assert_cmpuint (lum_test_world_push (f), ==, 2);
  g_assert_cmpuint (lum_test_world_count_remote (f, "extensiv", "orders"), ==, 3);
  lum_test_world_advance (f, 60);
  g_clear_pointer (&closed, json_object_unref);
  closed = lum_sandbox_extensiv_close (f->sandbox, lum_document_get_number (order), "794698371234", "fedex", &error);
  g_assert_no_error (error);
  /* as lists show it with detail=OrderItems: the items are not at the
   * top but embedded */
  {
    JsonObject *items = json_object_new ();

    json_object_set_member (items, LUM_EXTENSIV_ITEMS_REL,
                            json_node_copy (json_object_get_member (closed, "orderItems")));
    json_object_set_object_member (closed, "_embedded", items);
    json_object_remove_member (closed, "orderItems");
  }
  process_date = json_object_get_string_member (json_object_get_object_member (closed, "readOnly"), "processDate");
  page = json_object_new ();
  {
    JsonObject *embedded = json_object_new ();
    JsonArray *list = json_array_new ();

    json_array_add_object_element (list, json_object_ref (closed));
    json_object_set_array_member (embedded, LUM_EXTENSIV_ORDERS_REL, list);
    json_object_set_int_member (page, "totalResults", 1);
    json_object_set_object_member (page, "_embedded", embedded);
  }

  remote = (Remote) { "extensiv", "Sandbox 3PL", "/orders", f->extensiv, "shipments:1:1", before };
  for (guint i = 0; i < G_N_ELEMENTS (order_pages); i++)
    {
      g_autofree char *text = patched (page, order_pages[i].path, order_pages[i].value);

      assert_page_refused (f, &remote, order_pages[i].what, text, order);
      assert_untouched (f, other);
    }
  texts = hostile_texts (page, "{\"totalResults\": 1, \"_embedded\": {\"" LUM_EXTENSIV_ORDERS_REL "\": [",
                         "]}}");
  for (guint i = 0; i < texts->len; i++)
    assert_page_refused (f, &remote, "a hostile text", texts->pdata[i], order);

  /* a closed order without its tracking number is a shipment without one:
   * recorded as such (freight goes without), and the cursor moves to it */
  {
    g_autofree char *renamed = patched (page, ORDERS "|0|referenceNum", "\"@NUMBER@\"");
    g_autoptr(GString) text = g_string_new (renamed);
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autofree char *without = NULL;
    g_autofree char *cursor_after = NULL;
    g_autoptr(GListStore) shipments = NULL;
    g_autoptr(LumShipment) shipment = NULL;
    g_autoptr(LumDocument) shipped = NULL;

    g_string_replace (text, "@NUMBER@", lum_document_get_number (other), 1);
    g_assert_true (json_parser_load_from_data (parser, text->str, -1, NULL));
    without = patched (json_node_get_object (json_parser_get_root (parser)), ORDERS "|0|routingInfo|trackingNumber",
                       NULL);
    set_body (f, "extensiv", "/orders", without, 0);
    stats = poll (f, &error);
    lum_sandbox_clear_faults (f->sandbox, "extensiv");
    g_assert_no_error (error);
    g_assert_cmpuint (stats.failed_targets, ==, 0);
    g_assert_cmpuint (stats.recorded, ==, 1);
    shipped = lum_test_world_reload (f, other);
    g_assert_cmpstr (lum_document_get_text (shipped, LUM_DOC_FULFILLMENT_STATUS), ==, "fulfilled");
    shipments = lum_engine_list_shipments (f->engine, lum_document_get_id (other), NULL);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shipments)), ==, 1);
    shipment = g_list_model_get_item (G_LIST_MODEL (shipments), 0);
    g_assert_cmpstr (lum_shipment_get_text (shipment, LUM_SHIPMENT_TRACKING_NUMBER), ==, "");
    g_assert_cmpstr (lum_shipment_get_text (shipment, LUM_SHIPMENT_CARRIER), ==, "fedex");
    assert_untouched (f, order);
    cursor_after = cursor (f, f->extensiv, "shipments:1:1");
    g_assert_cmpstr (cursor_after, ==, process_date);
  }

  /* the real page again: the closed order, once, with its tracking */
  {
    g_autoptr(LumDocument) after = NULL;
    g_autoptr(GListStore) shipments = NULL;
    g_autoptr(LumShipment) shipment = NULL;
    g_autofree char *remote_id = g_strdup_printf ("order-%" G_GINT64_FORMAT,
                                                  json_object_get_int_member (json_object_get_object_member (closed, "readOnly"),
                                                                              "orderId"));

    stats = poll (f, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (stats.failed_targets, ==, 0);
    g_assert_cmpuint (stats.recorded, ==, 1);
    after = lum_test_world_reload (f, order);
    g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_FULFILLMENT_STATUS), ==, "fulfilled");
    shipments = lum_engine_list_shipments (f->engine, lum_document_get_id (order), NULL);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shipments)), ==, 1);
    shipment = g_list_model_get_item (G_LIST_MODEL (shipments), 0);
    g_assert_cmpstr (lum_shipment_get_text (shipment, LUM_SHIPMENT_REMOTE_ID), ==, remote_id);
    g_assert_cmpstr (lum_shipment_get_text (shipment, LUM_SHIPMENT_TRACKING_NUMBER), ==, "794698371234");
    g_assert_cmpuint (n_invoices (f, order), ==, 1);
  }
}

/* -- QuickBooks invoices ---------------------------------------------------- */

typedef struct
{
  const char  *what;
  const char  *path;       /* the answers replaced */
  const char  *body;       /* NULL: nested too deep for json-glib */
  LumJobState  state;      /* the job after the hostile answer */
  gboolean     stored;     /* QuickBooks kept the invoice before answering */
  gboolean     customer;   /* for a customer QuickBooks does not know yet */
} QboCase;

static const QboCase qbo_cases[] = {
  /* the invoice is created, its answer is not readable: retried, found */
  { "Invoice missing", "/invoice", "{\"time\": \"2027-01-01T00:00:00.000-08:00\"}", LUM_JOB_STATE_SCHEDULED, TRUE },
  { "Invoice a list", "/invoice", "{\"Invoice\": [{\"Id\": \"7\"}]}", LUM_JOB_STATE_SCHEDULED, TRUE },
  { "Id an object", "/invoice", "{\"Invoice\": {\"Id\": {\"value\": \"7\"}}}", LUM_JOB_STATE_SCHEDULED, TRUE },
  { "Id an empty text", "/invoice", "{\"Invoice\": {\"Id\": \"\"}}", LUM_JOB_STATE_SCHEDULED, TRUE },
  { "Id beyond 64 bits", "/invoice", "{\"Invoice\": {\"Id\": " HUGE_NUMBER "}}", LUM_JOB_STATE_SCHEDULED, TRUE },
  { "Id 1e400", "/invoice", "{\"Invoice\": {\"Id\": 1e400}}", LUM_JOB_STATE_SCHEDULED, TRUE },
  { "Id true", "/invoice", "{\"Invoice\": {\"Id\": true}}", LUM_JOB_STATE_SCHEDULED, TRUE },
  { "Fault a text", "/invoice", "{\"Fault\": \"ValidationFault\"}", LUM_JOB_STATE_SCHEDULED, TRUE },
  { "truncated", "/invoice", "{\"Invoice\": {\"Id\": \"1", LUM_JOB_STATE_SCHEDULED, TRUE },
  { "blank", "/invoice", " \n ", LUM_JOB_STATE_SCHEDULED, TRUE },
  { "empty", "/invoice", "", LUM_JOB_STATE_SCHEDULED, TRUE },
  { "not JSON", "/invoice", "<html>504 Gateway Timeout</html>", LUM_JOB_STATE_SCHEDULED, TRUE },
  { "nested deep", "/invoice", NULL, LUM_JOB_STATE_SCHEDULED, TRUE },
  /* a Fault is a refusal, whatever its shape: failed until retried by hand */
  { "Fault without errors", "/invoice", "{\"Fault\": {\"Error\": 7}}", LUM_JOB_STATE_FAILED, TRUE },
  { "Fault of odd members", "/invoice",
    "{\"Fault\": {\"Error\": [{\"Message\": {\"text\": \"x\"}, \"code\": [2500], \"Detail\": 7}], \"type\": 9}}",
    LUM_JOB_STATE_FAILED, TRUE },
  /* the search for the customer, who exists: never taken for "none" */
  { "QueryResponse missing", "/query", "{\"time\": \"2027-01-01T00:00:00.000-08:00\"}", LUM_JOB_STATE_SCHEDULED },
  { "QueryResponse a number", "/query", "{\"QueryResponse\": 7}", LUM_JOB_STATE_SCHEDULED },
  { "Customer an object", "/query", "{\"QueryResponse\": {\"Customer\": {\"Id\": \"1\"}}}", LUM_JOB_STATE_SCHEDULED },
  { "Customer not an object", "/query", "{\"QueryResponse\": {\"Customer\": [\"1\"]}}", LUM_JOB_STATE_SCHEDULED },
  { "Customer Id an object", "/query", "{\"QueryResponse\": {\"Customer\": [{\"Id\": {}}]}}", LUM_JOB_STATE_SCHEDULED },
  { "Customer Id beyond 64 bits", "/query", "{\"QueryResponse\": {\"Customer\": [{\"Id\": " HUGE_NUMBER "}]}}",
    LUM_JOB_STATE_SCHEDULED },
  { "query truncated", "/query", "{\"QueryResponse\": {\"Customer\": [{\"Id\": \"1\"", LUM_JOB_STATE_SCHEDULED },
  { "query nested deep", "/query", NULL, LUM_JOB_STATE_SCHEDULED },
  { "query Fault of odd members", "/query", "{\"Fault\": {\"Error\": [{}]}}", LUM_JOB_STATE_FAILED },
  /* a new customer is created, its answer is not readable: found next time */
  { "Customer missing", "/customer", "{}", LUM_JOB_STATE_SCHEDULED, FALSE, TRUE },
  { "new Customer Id an object", "/customer", "{\"Customer\": {\"Id\": {\"value\": \"9\"}}}",
    LUM_JOB_STATE_SCHEDULED, FALSE, TRUE },
  { "new Customer Id beyond 64 bits", "/customer", "{\"Customer\": {\"Id\": " HUGE_NUMBER "}}",
    LUM_JOB_STATE_SCHEDULED, FALSE, TRUE },
  { "customer truncated", "/customer", "{\"Customer\": {\"Id\": \"9", LUM_JOB_STATE_SCHEDULED, FALSE, TRUE },
};

/* An order of @customer_name (a new customer when not %NULL) on the
 * channel, invoiced with it; returns the invoice. */
static LumDocument *
invoiced_order (Fixture    *f,
                LumChannel *channel,
                const char *customer_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_auto(GStrv) invoices = NULL;

  if (customer_name != NULL)
    {
      g_autoptr(LumCustomer) customer = lum_customer_new (customer_name);

      lum_customer_set_text (customer, LUM_CUSTOMER_EMAIL, "ap@hostile.example");
      lum_customer_set_text (customer, LUM_CUSTOMER_SHIP_STREET1, "2 Side St");
      lum_customer_set_text (customer, LUM_CUSTOMER_SHIP_CITY, "Springfield");
      lum_customer_set_text (customer, LUM_CUSTOMER_SHIP_STATE, "IL");
      lum_customer_set_text (customer, LUM_CUSTOMER_SHIP_POSTAL_CODE, "62701");
      g_assert_true (lum_engine_save_customer (f->engine, customer, &error));
      g_assert_no_error (error);
      g_set_object (&f->customer, customer);
    }
  order = lum_test_world_post_order (f, channel, "Dock 3");
  invoices = lum_engine_list_order_invoices (f->engine, lum_document_get_id (order), NULL);
  g_assert_cmpuint (g_strv_length (invoices), ==, 1);
  return lum_engine_find_document (f->engine, LUM_DOCUMENT_KIND_INVOICE, invoices[0], NULL);
}

/* The invoice was not pushed: no status saying so, no QuickBooks id. */
static void
assert_not_pushed (Fixture     *f,
                   LumDocument *invoice,
                   LumJobState  state)
{
  g_autoptr(LumDocument) after = lum_test_world_reload (f, invoice);
  g_autoptr(LumJob) job = lum_test_world_last_job (f, invoice);
  const char *status = lum_document_get_text (after, LUM_DOC_ACCOUNTING_STATUS);
  const char *last_error = lum_job_get_text (job, LUM_JOB_LAST_ERROR);

  g_test_message ("%s: %s", lum_document_get_number (invoice), last_error);
  g_assert_cmpint (lum_job_get_state (job), ==, state);
  g_assert_cmpstr (status, !=, "pushed");
  if (state == LUM_JOB_STATE_FAILED)
    g_assert_cmpstr (status, ==, "failed");
  g_assert_true (lum_str_empty (lum_document_get_text (after, LUM_DOC_ACCOUNTING_ID)));
  g_assert_true (lum_str_empty (lum_job_get_text (job, LUM_JOB_REMOTE_ID)));
  g_assert_true (g_str_has_prefix (last_error, "Sandbox QuickBooks"));
  /* a Fault of odd members still says it is one, not a bare "error" */
  g_assert_false (g_str_has_suffix (last_error, ": error"));
  g_assert_true (g_utf8_validate (last_error, -1, NULL));
  g_assert_cmpuint (strlen (last_error), <, 200);
  g_assert_null (strstr (last_error, "[["));
}

/* Pushed at last: the status says so, with the Id QuickBooks gave the one
 * invoice of that number. */
static void
assert_pushed_once (Fixture     *f,
                    LumDocument *invoice,
                    guint        invoices_before)
{
  g_autoptr(LumDocument) after = lum_test_world_reload (f, invoice);
  g_autoptr(LumJob) job = lum_test_world_last_job (f, invoice);
  JsonObject *remote = lum_test_world_remote_order (f, "quickbooks", "DocNumber", lum_document_get_number (invoice));

  g_assert_cmpint (lum_job_get_state (job), ==, LUM_JOB_STATE_DONE);
  g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_ACCOUNTING_STATUS), ==, "pushed");
  g_assert_nonnull (remote);
  g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_ACCOUNTING_ID), ==,
                   json_object_get_string_member (remote, "Id"));
  g_assert_cmpuint (lum_test_world_count_remote (f, "quickbooks", "invoices"), ==, invoices_before + 1);
}

static void
run_qbo_case (Fixture       *f,
              LumChannel    *channel,
              const QboCase *c,
              guint         *customers)
{
  g_autofree char *name = c->customer ? g_strdup_printf ("Hostile %s Co", c->what) : NULL;
  g_autoptr(LumDocument) invoice = invoiced_order (f, channel, name);
  g_autofree char *deep = c->body == NULL ? nested ("{\"Invoice\": ", CRASH_DEPTH, "}") : NULL;
  guint invoices_before = lum_test_world_count_remote (f, "quickbooks", "invoices");
  g_autoptr(LumJob) job = NULL;
  g_autoptr(GError) error = NULL;

  g_test_message ("QuickBooks %s: %s", c->path, c->what);
  set_body (f, "quickbooks", c->path, c->body ? c->body : deep, 0);
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);
  lum_sandbox_clear_faults (f->sandbox, "quickbooks");
  assert_not_pushed (f, invoice, c->state);
  g_assert_cmpuint (lum_test_world_count_remote (f, "quickbooks", "invoices"), ==, invoices_before + c->stored);
  *customers += c->customer;
  g_assert_cmpuint (lum_test_world_count_remote (f, "quickbooks", "customers"), ==, *customers);

  job = lum_test_world_last_job (f, invoice);
  if (c->state == LUM_JOB_STATE_FAILED)
    {
      g_assert_true (lum_engine_retry_job (f->engine, lum_job_get_id (job), &error));
      g_assert_no_error (error);
    }
  lum_test_world_advance (f, 10);
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);
  assert_pushed_once (f, invoice, invoices_before);
  g_assert_cmpuint (lum_test_world_count_remote (f, "quickbooks", "customers"), ==, *customers);
}

/* Hostile answers to each step of an invoice push. */
static void
test_quickbooks_push (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) first = NULL;
  guint customers = 1;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (f, "Hostile Books", NULL, NULL, 0, LUM_INVOICE_TIMING_SO_CREATED, f->quickbooks);
  /* the customer and the items exist in QuickBooks from here on */
  first = invoiced_order (f, channel, NULL);
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);
  assert_pushed_once (f, first, 0);
  g_assert_cmpuint (lum_test_world_count_remote (f, "quickbooks", "customers"), ==, customers);

  for (guint i = 0; i < G_N_ELEMENTS (qbo_cases); i++)
    run_qbo_case (f, channel, &qbo_cases[i], &customers);
  g_assert_cmpuint (lum_test_world_count_remote (f, "quickbooks", "items"), ==, 2);
}

/* The retry's search for the invoice it may have sent answers one without
 * a readable Id: that is no proof of absence, so no second invoice. */
static void
test_quickbooks_retry_lookup (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) invoice = NULL;
  static const char * const lookups[] = {
    "{\"QueryResponse\": {\"Invoice\": [{\"Id\": {\"value\": \"1\"}}]}}",
    "{\"QueryResponse\": {\"Invoice\": [7]}}",
    "{\"QueryResponse\": {\"Invoice\": {\"Id\": \"1\"}}}",
    "{\"QueryResponse\": \"none\"}",
    "{}",
  };
  guint invoices_before;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (f, "Hostile Lookup", NULL, NULL, 0, LUM_INVOICE_TIMING_SO_CREATED, f->quickbooks);
  invoice = invoiced_order (f, channel, NULL);
  invoices_before = lum_test_world_count_remote (f, "quickbooks", "invoices");

  /* stored, but the answer says nothing: the next attempt looks it up */
  set_body (f, "quickbooks", "/invoice", "{\"time\": \"2027-01-01T00:00:00.000-08:00\"}", 0);
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);
  lum_sandbox_clear_faults (f->sandbox, "quickbooks");
  assert_not_pushed (f, invoice, LUM_JOB_STATE_SCHEDULED);
  g_assert_cmpuint (lum_test_world_count_remote (f, "quickbooks", "invoices"), ==, invoices_before + 1);

  for (guint i = 0; i < G_N_ELEMENTS (lookups); i++)
    {
      /* only the lookup, the first search of the attempt */
      set_body (f, "quickbooks", "/query", lookups[i], 1);
      lum_test_world_advance (f, 60);
      g_assert_cmpuint (lum_test_world_push (f), ==, 1);
      lum_sandbox_clear_faults (f->sandbox, "quickbooks");
      assert_not_pushed (f, invoice, LUM_JOB_STATE_SCHEDULED);
      g_assert_cmpuint (lum_test_world_count_remote (f, "quickbooks", "invoices"), ==, invoices_before + 1);
    }

  lum_test_world_advance (f, 120);
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);
  assert_pushed_once (f, invoice, invoices_before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/hostile/shipstation/poll", test_shipstation_poll);
  ADD ("/hostile/extensiv/poll", test_extensiv_poll);
  ADD ("/hostile/quickbooks/push", test_quickbooks_push);
  ADD ("/hostile/quickbooks/retry-lookup", test_quickbooks_retry_lookup);

  return g_test_run ();
}

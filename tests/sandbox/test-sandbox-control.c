/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "sandbox-test-util.h"

#include <string.h>

static const char order_json[] =
  "{\"orderNumber\": \"SO-1\", \"orderKey\": \"uuid-1\", \"orderDate\": \"2027-01-05T10:00:00\","
  " \"orderStatus\": \"awaiting_shipment\", \"billTo\": {\"name\": \"A\"}, \"shipTo\": {\"name\": \"A\"},"
  " \"items\": [{\"sku\": \"WID-1\", \"quantity\": 2}]}";

static const char ext_order_json[] =
  "{\"customerIdentifier\": {\"id\": 1}, \"facilityIdentifier\": {\"id\": 1}, \"referenceNum\": \"SO-1\","
  " \"orderItems\": [{\"itemIdentifier\": {\"sku\": \"WID-1\"}, \"qty\": 2}]}";

static char *
ss_auth (void)
{
  return sb_basic (LUM_SANDBOX_SHIPSTATION_KEY, LUM_SANDBOX_SHIPSTATION_SECRET);
}

static char *
ext_auth (SbFixture *f)
{
  g_autofree char *basic = sb_basic (LUM_SANDBOX_EXTENSIV_CLIENT_ID, LUM_SANDBOX_EXTENSIV_CLIENT_SECRET);
  g_autoptr(SbResponse) response = sb_send (f, "POST", "/extensiv/AuthServer/api/Token", basic,
                                            "{\"grant_type\": \"client_credentials\", \"tpl\": \""
                                            LUM_SANDBOX_EXTENSIV_TPL "\", \"user_login_id\": \"1\"}");

  g_assert_cmpuint (response->status, ==, 200);
  return sb_bearer (json_object_get_string_member (sb_object (response), "access_token"));
}

static char *
qbo_auth (SbFixture *f,
          char     **refresh_out)
{
  g_autofree char *seed = lum_sandbox_quickbooks_issue_refresh_token (f->sandbox);
  g_autofree char *basic = sb_basic (LUM_SANDBOX_QUICKBOOKS_CLIENT_ID, LUM_SANDBOX_QUICKBOOKS_CLIENT_SECRET);
  g_autofree char *form = g_strdup_printf ("grant_type=refresh_token&refresh_token=%s", seed);
  g_autoptr(SbResponse) response = sb_wait (sb_start (f, "POST", "/quickbooks/oauth2/v1/tokens/bearer", basic,
                                                      "application/x-www-form-urlencoded", form, -1, 0));

  g_assert_cmpuint (response->status, ==, 200);
  if (refresh_out != NULL)
    *refresh_out = g_strdup (json_object_get_string_member (sb_object (response), "refresh_token"));
  return sb_bearer (json_object_get_string_member (sb_object (response), "access_token"));
}

static void
set_faults (SbFixture  *f,
            const char *json)
{
  g_autoptr(JsonNode) answer = sb_control (f, "/faults", json, 200);

  g_assert_true (json_object_get_boolean_member (json_node_get_object (answer), "ok"));
}

static guint
stores_status (SbFixture *f)
{
  g_autofree char *authorization = ss_auth ();
  g_autoptr(SbResponse) response = sb_send (f, "GET", "/shipstation/stores", authorization, NULL);

  return response->status;
}

static void
test_failure_rate (SbFixture     *f,
                   gconstpointer  data)
{
  g_autofree char *authorization = ss_auth ();
  g_autoptr(GString) first = g_string_new (NULL);
  g_autoptr(GString) second = g_string_new (NULL);
  g_autoptr(SbResponse) failed = NULL;

  lum_sandbox_set_rate_limit (f->sandbox, "shipstation", 0, 1000);
  set_faults (f, "{\"service\": \"shipstation\", \"failure_rate\": 0.5, \"seed\": 7}");
  for (guint i = 0; i < 40; i++)
    g_string_append_c (first, stores_status (f) == 500 ? 'F' : '.');
  set_faults (f, "{\"service\": \"shipstation\", \"failure_rate\": 0.5, \"seed\": 7}");
  for (guint i = 0; i < 40; i++)
    g_string_append_c (second, stores_status (f) == 500 ? 'F' : '.');
  /* The same seed fails the same requests; about half of them. */
  g_assert_cmpstr (first->str, ==, second->str);
  g_assert_nonnull (strchr (first->str, 'F'));
  g_assert_nonnull (strchr (first->str, '.'));

  set_faults (f, "{\"service\": \"shipstation\", \"failure_rate\": 1}");
  failed = sb_send (f, "POST", "/shipstation/orders/createorder", authorization, order_json);
  g_assert_cmpuint (failed->status, ==, 500);
  g_assert_nonnull (strstr (json_object_get_string_member (sb_object (failed), "Message"), "Injected fault: 500"));
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "shipstation", "orders"), ==, 0);
  /* Other services are unaffected. */
  {
    g_autoptr(SbResponse) other = sb_send (f, "GET", "/extensiv/customers", NULL, NULL);
    g_assert_cmpuint (other->status, ==, 401);
  }
  lum_sandbox_clear_faults (f->sandbox, "shipstation");
  g_assert_cmpuint (stores_status (f), ==, 200);
}

static void
test_latency (SbFixture     *f,
              gconstpointer  data)
{
  g_autofree char *authorization = ss_auth ();
  g_autoptr(SbResponse) slow = NULL;

  set_faults (f, "{\"service\": \"shipstation\", \"latency_ms\": 300}");
  slow = sb_send (f, "POST", "/shipstation/orders/createorder", authorization, order_json);
  g_assert_cmpuint (slow->status, ==, 200);
  g_assert_cmpint (slow->elapsed_us, >=, 300 * 1000);
  /* The effect is stored at once; only the answer waits. */
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "shipstation", "orders"), ==, 1);
}

/* A client that gives up while the answer is held back: the order is kept,
 * the server carries on. */
static void
test_latency_timeout (SbFixture     *f,
                      gconstpointer  data)
{
  g_autofree char *authorization = ss_auth ();
  g_autoptr(SoupSession) impatient = soup_session_new_with_options ("proxy-resolver", NULL, "timeout", 1, NULL);
  g_autoptr(SoupSession) patient = g_steal_pointer (&f->session);
  g_autoptr(SbResponse) gave_up = NULL;
  g_autoptr(SbResponse) after = NULL;

  f->session = g_object_ref (impatient);
  set_faults (f, "{\"service\": \"shipstation\", \"latency_ms\": 2500}");
  gave_up = sb_send (f, "POST", "/shipstation/orders/createorder", authorization, order_json);
  g_assert_cmpuint (gave_up->status, ==, 0);
  g_assert_error (gave_up->error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "shipstation", "orders"), ==, 1);
  /* Let the held answer come due on the closed connection. */
  sb_sleep_ms (1800);
  g_clear_object (&f->session);
  f->session = g_steal_pointer (&patient);
  lum_sandbox_clear_faults (f->sandbox, "shipstation");
  after = sb_send (f, "POST", "/shipstation/orders/createorder", authorization, order_json);
  g_assert_cmpuint (after->status, ==, 200);
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "shipstation", "orders"), ==, 1);
}

static void
test_malformed_body (SbFixture     *f,
                     gconstpointer  data)
{
  g_autofree char *authorization = ext_auth (f);
  g_autoptr(SbResponse) cut = NULL;
  g_autoptr(SbResponse) whole = NULL;
  g_autofree char *text = NULL;

  set_faults (f, "{\"service\": \"extensiv\", \"malformed_body\": 1}");
  cut = sb_wait (sb_start (f, "POST", "/extensiv/orders", authorization, "application/hal+json", ext_order_json,
                           -1, 0));
  g_assert_cmpuint (cut->status, ==, 200);
  g_assert_null (cut->json);
  text = sb_text (cut);
  g_assert_cmpuint (strlen (text), >, 10);
  g_assert_true (text[0] == '{');
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "extensiv", "orders"), ==, 1);

  whole = sb_wait (sb_start (f, "POST", "/extensiv/orders", authorization, "application/hal+json", ext_order_json,
                             -1, 0));
  g_assert_cmpuint (whole->status, ==, 201);
  g_assert_nonnull (whole->json);
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "extensiv", "orders"), ==, 2);
}

static char *
faults_spec (const char *service,
             const char *path,
             const char *body,
             const char *count)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "service");
  json_builder_add_string_value (b, service);
  json_builder_set_member_name (b, "path");
  json_builder_add_string_value (b, path);
  json_builder_set_member_name (b, "body");
  json_builder_add_string_value (b, body);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  if (count != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      g_assert_true (json_parser_load_from_data (parser, count, -1, NULL));
      json_object_set_member (json_node_get_object (root), "body_count",
                              json_node_copy (json_parser_get_root (parser)));
    }
  return json_to_string (root, FALSE);
}

/* "body" answers 200 with exactly the text given, for the requests of its
 * path, "body_count" times; the request is still handled. */
static void
test_body (SbFixture     *f,
           gconstpointer  data)
{
  static const char hostile[] = "{\"shipments\": {\"not\": \"an array\"}, \"pages\": 1e400";
  g_autofree char *ss = ss_auth ();
  g_autofree char *ext = ext_auth (f);
  g_autofree char *spec = faults_spec ("shipstation", "/shipments", hostile, "2");
  g_autoptr(JsonNode) dump = NULL;
  JsonObject *described;

  set_faults (f, spec);
  dump = lum_sandbox_dump (f->sandbox);
  described = json_object_get_object_member (json_object_get_object_member (json_node_get_object (dump), "faults"),
                                             "shipstation");
  g_assert_cmpint (json_object_get_int_member (described, "body_length"), ==, strlen (hostile));
  g_assert_cmpint (json_object_get_int_member (described, "body_count"), ==, 2);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(SbResponse) shipments = sb_send (f, "GET", "/shipstation/shipments?storeId=1001", ss, NULL);
      g_autoptr(SbResponse) stores = sb_send (f, "GET", "/shipstation/stores", ss, NULL);
      g_autofree char *text = sb_text (shipments);

      g_assert_cmpuint (shipments->status, ==, 200);
      /* other paths keep their real answers */
      g_assert_cmpuint (json_array_get_length (sb_array (stores)), ==, 2);
      if (i < 2)
        {
          g_assert_cmpstr (text, ==, hostile);
          g_assert_cmpstr (sb_header (shipments, "Content-Type"), ==, "application/json");
          g_assert_null (shipments->json);
        }
      else
        g_assert_nonnull (json_object_get_array_member (sb_object (shipments), "shipments"));
    }

  /* the request is handled: the order is stored, its answer replaced */
  g_clear_pointer (&spec, g_free);
  spec = faults_spec ("extensiv", "/orders", "{\"readOnly\": {\"orderId\": {}}}", NULL);
  set_faults (f, spec);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(SbResponse) created = sb_wait (sb_start (f, "POST", "/extensiv/orders", ext, "application/hal+json",
                                                         ext_order_json, -1, 0));
      g_autofree char *text = sb_text (created);

      g_assert_cmpuint (created->status, ==, 200);
      g_assert_cmpstr (text, ==, "{\"readOnly\": {\"orderId\": {}}}");
      g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "extensiv", "orders"), ==, i + 1);
    }

  /* an empty text is an empty answer; a storm comes first */
  g_clear_pointer (&spec, g_free);
  spec = faults_spec ("shipstation", "/stores", "", "true");
  set_faults (f, spec);
  {
    g_autoptr(SbResponse) empty = sb_send (f, "GET", "/shipstation/stores", ss, NULL);

    g_assert_cmpuint (empty->status, ==, 200);
    g_assert_cmpuint (g_bytes_get_size (empty->body), ==, 0);
  }
  set_faults (f, "{\"service\": \"shipstation\", \"body\": \"[]\", \"body_count\": 1,"
                 " \"status_storm\": {\"status\": 503, \"count\": 1}}");
  {
    g_autoptr(SbResponse) storm = sb_send (f, "GET", "/shipstation/stores", ss, NULL);
    g_autoptr(SbResponse) replaced = sb_send (f, "GET", "/shipstation/stores", ss, NULL);
    g_autoptr(SbResponse) real = sb_send (f, "GET", "/shipstation/stores", ss, NULL);

    g_assert_cmpuint (storm->status, ==, 503);
    g_assert_cmpuint (json_array_get_length (sb_array (replaced)), ==, 0);
    g_assert_cmpuint (json_array_get_length (sb_array (real)), ==, 2);
  }

  /* cleared with the other faults */
  set_faults (f, "{\"service\": \"shipstation\", \"body\": \"null\"}");
  lum_sandbox_clear_faults (f->sandbox, "shipstation");
  {
    g_autoptr(SbResponse) real = sb_send (f, "GET", "/shipstation/stores", ss, NULL);
    g_assert_cmpuint (json_array_get_length (sb_array (real)), ==, 2);
  }
}

/* The text is limited to 1 MiB; a refused spec names the key and leaves
 * the faults as they were. */
static void
test_body_specs (SbFixture     *f,
                 gconstpointer  data)
{
  /* not brackets: the test's own client parses what it gets with json-glib */
  g_autofree char *limit = g_strnfill (1024 * 1024, 'x');
  g_autofree char *over = g_strnfill (1024 * 1024 + 1, 'x');
  g_autofree char *at_limit = faults_spec ("shipstation", "/stores", limit, NULL);
  g_autofree char *too_long = faults_spec ("shipstation", "/stores", over, NULL);
  const char *bad[] = {
    "{\"service\": \"shipstation\", \"body\": 7}",
    "{\"service\": \"shipstation\", \"body\": {\"shipments\": []}}",
    "{\"service\": \"shipstation\", \"body\": null}",
    "{\"service\": \"shipstation\", \"body_count\": 2}",
    "{\"service\": \"shipstation\", \"body\": \"{}\", \"body_count\": -1}",
    "{\"service\": \"shipstation\", \"body\": \"{}\", \"body_count\": \"twice\"}",
    too_long,
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) answer = sb_control (f, "/faults", bad[i], 400);
      const char *message = json_object_get_string_member (json_node_get_object (answer), "message");

      g_assert_nonnull (strstr (message, "body"));
    }
  g_assert_cmpuint (stores_status (f), ==, 200);

  set_faults (f, at_limit);
  {
    g_autofree char *authorization = ss_auth ();
    g_autoptr(SbResponse) filler = sb_send (f, "GET", "/shipstation/stores", authorization, NULL);

    g_assert_cmpuint (filler->status, ==, 200);
    g_assert_cmpuint (g_bytes_get_size (filler->body), ==, 1024 * 1024);
  }
}

static void
test_reset_after_request (SbFixture     *f,
                          gconstpointer  data)
{
  g_autofree char *authorization = ss_auth ();
  g_autoptr(SbResponse) dropped = NULL;
  g_autoptr(SbResponse) resent = NULL;

  set_faults (f, "{\"service\": \"shipstation\", \"reset_after_request\": 1}");
  dropped = sb_wait (sb_start (f, "POST", "/shipstation/orders/createorder", authorization, NULL, order_json, -1,
                               SOUP_MESSAGE_NEW_CONNECTION));
  g_assert_cmpuint (dropped->status, ==, 0);
  g_assert_nonnull (dropped->error);
  /* The server had read and stored the order before it hung up. */
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "shipstation", "orders"), ==, 1);
  g_assert_cmpuint (lum_sandbox_count_requests (f->sandbox, "shipstation", "POST", "/orders/createorder"), ==, 1);

  resent = sb_send (f, "POST", "/shipstation/orders/createorder", authorization, order_json);
  g_assert_cmpuint (resent->status, ==, 200);
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "shipstation", "orders"), ==, 1);
}

static void
test_status_storm (SbFixture     *f,
                   gconstpointer  data)
{
  g_autofree char *qbo = qbo_auth (f, NULL);
  g_autofree char *ss = ss_auth ();

  set_faults (f, "{\"service\": \"quickbooks\", \"status_storm\": {\"status\": 429, \"count\": 2, \"retry_after\": 3}}");
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(SbResponse) response = sb_send (f, "POST", "/quickbooks/v3/company/" LUM_SANDBOX_QUICKBOOKS_REALM
                                                "/customer?requestid=storm", qbo, "{\"DisplayName\": \"Storm Co\"}");
      if (i < 2)
        {
          JsonObject *fault = json_object_get_object_member (sb_object (response), "Fault");

          g_assert_cmpuint (response->status, ==, 429);
          g_assert_cmpstr (sb_header (response, "Retry-After"), ==, "3");
          g_assert_nonnull (fault);
          g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "quickbooks", "customers"), ==, 0);
        }
      else
        {
          g_assert_cmpuint (response->status, ==, 200);
          g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "quickbooks", "customers"), ==, 1);
        }
    }

  set_faults (f, "{\"service\": \"shipstation\", \"status_storm\": {\"status\": 429, \"count\": 1}}");
  {
    g_autoptr(SbResponse) storm = sb_send (f, "GET", "/shipstation/stores", ss, NULL);
    g_autoptr(SbResponse) calm = sb_send (f, "GET", "/shipstation/stores", ss, NULL);

    g_assert_cmpuint (storm->status, ==, 429);
    g_assert_cmpstr (sb_header (storm, "X-Rate-Limit-Remaining"), ==, "0");
    g_assert_cmpstr (sb_header (storm, "X-Rate-Limit-Reset"), ==, "0");
    g_assert_cmpuint (calm->status, ==, 200);
    /* The storm answered before the rate limit counted it. */
    g_assert_cmpstr (sb_header (calm, "X-Rate-Limit-Remaining"), ==, "39");
  }
}

static void
test_fault_specs (SbFixture     *f,
                  gconstpointer  data)
{
  const char *bad[] = {
    "{\"failure_rate\": 0.5}",
    "{\"service\": \"fedex\", \"failure_rate\": 0.5}",
    "{\"service\": \"shipstation\", \"failure_rate\": 2}",
    "{\"service\": \"shipstation\", \"failure_rate\": \"often\"}",
    "{\"service\": \"shipstation\", \"latency_ms\": -1}",
    "{\"service\": \"shipstation\", \"explode\": true}",
    "{\"service\": \"shipstation\", \"status_storm\": {\"status\": 200, \"count\": 1}}",
    "{\"service\": \"shipstation\", \"status_storm\": {\"status\": 429}}",
    "{\"service\": \"shipstation\", \"reset_after_request\": -3}",
    "{\"service\": \"shipstation\", \"path\": \"\"}",
    "[\"shipstation\"]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) answer = sb_control (f, "/faults", bad[i], 400);
      g_assert_nonnull (json_object_get_string_member (json_node_get_object (answer), "message"));
    }
  /* A refused spec leaves the faults as they were. */
  g_assert_cmpuint (stores_status (f), ==, 200);

  /* Faults for some paths only. */
  set_faults (f, "{\"service\": \"shipstation\", \"failure_rate\": 1, \"path\": \"/orders\"}");
  g_assert_cmpuint (stores_status (f), ==, 200);
  {
    g_autofree char *authorization = ss_auth ();
    g_autoptr(SbResponse) orders = sb_send (f, "GET", "/shipstation/orders", authorization, NULL);
    g_assert_cmpuint (orders->status, ==, 500);
  }

  set_faults (f, "{\"service\": \"all\", \"failure_rate\": 1}");
  g_assert_cmpuint (stores_status (f), ==, 500);
  {
    g_autoptr(SbResponse) ext = sb_send (f, "GET", "/extensiv/customers", NULL, NULL);
    g_assert_cmpuint (ext->status, ==, 500);
  }
  set_faults (f, "{\"service\": \"all\"}");
  g_assert_cmpuint (stores_status (f), ==, 200);
}

static void
test_reset (SbFixture     *f,
            gconstpointer  data)
{
  g_autofree char *authorization = ss_auth ();
  g_autoptr(SbResponse) created = sb_send (f, "POST", "/shipstation/orders/createorder", authorization, order_json);
  g_autoptr(JsonNode) store = sb_control (f, "/shipstation/stores", "{\"storeName\": \"Pop-up\"}", 200);
  g_autoptr(JsonNode) reset = NULL;
  g_autoptr(SbResponse) stores = NULL;

  g_assert_cmpuint (created->status, ==, 200);
  set_faults (f, "{\"service\": \"extensiv\", \"failure_rate\": 1}");
  reset = sb_control (f, "/reset", NULL, 200);
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "shipstation", "orders"), ==, 0);
  g_assert_cmpuint (lum_sandbox_count_requests (f->sandbox, NULL, NULL, NULL), ==, 0);
  stores = sb_send (f, "GET", "/shipstation/stores", authorization, NULL);
  g_assert_cmpuint (json_array_get_length (sb_array (stores)), ==, 2);
  {
    g_autoptr(SbResponse) ext = sb_send (f, "GET", "/extensiv/customers", NULL, NULL);
    g_assert_cmpuint (ext->status, ==, 401);
  }
}

static void
test_dump (SbFixture     *f,
           gconstpointer  data)
{
  g_autofree char *authorization = ss_auth ();
  g_autofree char *refresh = NULL;
  g_autofree char *qbo = qbo_auth (f, &refresh);
  g_autofree char *ext = ext_auth (f);
  g_autoptr(SbResponse) created = sb_send (f, "POST", "/shipstation/orders/createorder?x=1", authorization,
                                           order_json);
  g_autoptr(SbResponse) dump = sb_send (f, "GET", "/_sandbox/dump", NULL, NULL);
  g_autoptr(JsonNode) direct = lum_sandbox_dump (f->sandbox);
  g_autofree char *text = sb_text (dump);
  JsonArray *requests;
  JsonObject *order_request = NULL;

  g_assert_cmpuint (dump->status, ==, 200);
  requests = json_object_get_array_member (sb_object (dump), "requests");
  g_assert_cmpuint (json_array_get_length (requests), >=, 4);
  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *entry = json_array_get_object_element (requests, i);
      JsonObject *headers = json_object_get_object_member (entry, "headers");
      JsonObjectIter iter;
      const char *name;

      json_object_iter_init (&iter, headers);
      while (json_object_iter_next (&iter, &name, NULL))
        g_assert_cmpint (g_ascii_strcasecmp (name, "Authorization"), !=, 0);
      if (g_strcmp0 (json_object_get_string_member (entry, "path"), "/orders/createorder") == 0)
        order_request = entry;
    }
  g_assert_nonnull (order_request);
  g_assert_cmpstr (json_object_get_string_member (order_request, "service"), ==, "shipstation");
  g_assert_cmpstr (json_object_get_string_member (order_request, "method"), ==, "POST");
  g_assert_cmpstr (json_object_get_string_member (order_request, "query"), ==, "x=1");
  g_assert_cmpstr (json_object_get_string_member (order_request, "body"), ==, order_json);
  /* No secret of the token requests reaches the dump. */
  g_assert_null (strstr (text, LUM_SANDBOX_EXTENSIV_TPL));
  g_assert_null (strstr (text, LUM_SANDBOX_SHIPSTATION_SECRET));
  g_assert_null (strstr (text, refresh));
  g_assert_null (strstr (text, qbo + strlen ("Bearer ")));
  g_assert_null (strstr (text, ext + strlen ("Bearer ")));
  g_assert_nonnull (strstr (text, "grant_type=refresh_token"));

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_object_get_object_member (sb_object (dump), "shipstation"), "orders")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_object_get_object_member (json_node_get_object (direct), "shipstation"), "stores")), ==, 2);
  g_assert_true (json_object_has_member (json_object_get_object_member (json_node_get_object (direct), "faults"),
                                         "quickbooks"));
}

typedef struct
{
  const char *path;
  gboolean    shipstation;
  gboolean    extensiv;
  gboolean    quickbooks;
} Target;

static void
test_hostile_input (SbFixture     *f,
                    gconstpointer  data)
{
  g_autofree char *ss = ss_auth ();
  g_autofree char *ext = ext_auth (f);
  g_autofree char *qbo = qbo_auth (f, NULL);
  g_autofree char *deep_array = NULL;
  g_autofree char *deep_object = NULL;
  g_autoptr(GString) deep = g_string_new (NULL);
  const Target targets[] = {
    { "/shipstation/orders/createorder", TRUE, FALSE, FALSE },
    { "/shipstation/orders/createorders", TRUE, FALSE, FALSE },
    { "/extensiv/orders", FALSE, TRUE, FALSE },
    { "/quickbooks/v3/company/" LUM_SANDBOX_QUICKBOOKS_REALM "/invoice", FALSE, FALSE, TRUE },
    { "/quickbooks/v3/company/" LUM_SANDBOX_QUICKBOOKS_REALM "/customer", FALSE, FALSE, TRUE },
    { "/_sandbox/faults", FALSE, FALSE, FALSE },
    { "/_sandbox/shipstation/ship", FALSE, FALSE, FALSE },
    { "/_sandbox/extensiv/close", FALSE, FALSE, FALSE },
  };
  struct { const char *data; gssize length; } bodies[] = {
    { "{\"orderNumber\": \"SO-1\", \"items\": [", -1 },
    { "{\"orderNumber\": 12, \"CustomerRef\": [], \"referenceNum\": false, \"service\": 3, \"storeName\": {}}", -1 },
    { "{\"orderNumber\": \"SO-1\", \"quantity\": 1e999}", -1 },
    { "{\"orderNumber\": \"SO-1\", \"quantity\": 99999999999999999999999}", -1 },
    { "{\"orderNumber\": \"SO-1\", \"quantity\": -9223372036854775809}", -1 },
    { "{'orderNumber': 'SO-1'}", -1 },
    { "{\"a\": 1} trailing", -1 },
    { "{\"a\": 01}", -1 },
    { "{\"a\": \"\xff\xfe\"}", -1 },
    { "{\"a\": \"x\0y\"}", 12 },
    { "", 0 },
    { "   ", -1 },
    { "null", -1 },
    { "\"just a string\"", -1 },
    { "{\"a\": NaN}", -1 },
    { NULL, -1 },  /* deep arrays */
    { NULL, -1 },  /* deep objects */
  };

  lum_sandbox_set_rate_limit (f->sandbox, "shipstation", 0, 1000);
  for (guint i = 0; i < 5000; i++)
    g_string_append_c (deep, '[');
  deep_array = g_strdup (deep->str);
  g_string_truncate (deep, 0);
  for (guint i = 0; i < 200; i++)
    g_string_append (deep, "{\"a\":");
  g_string_append (deep, "1");
  for (guint i = 0; i < 200; i++)
    g_string_append_c (deep, '}');
  deep_object = g_strdup (deep->str);
  bodies[G_N_ELEMENTS (bodies) - 2].data = deep_array;
  bodies[G_N_ELEMENTS (bodies) - 1].data = deep_object;

  for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
    for (guint b = 0; b < G_N_ELEMENTS (bodies); b++)
      {
        const char *authorization = targets[t].shipstation ? ss : targets[t].extensiv ? ext
                                  : targets[t].quickbooks ? qbo : NULL;
        g_autoptr(SbResponse) response = sb_wait (sb_start (f, "POST", targets[t].path, authorization,
                                                            "application/json", bodies[b].data, bodies[b].length,
                                                            0));

        if (response->status != 400)
          g_error ("POST %s with body %u answered %u, not 400", targets[t].path, b, response->status);
        g_assert_nonnull (response->json);
        g_assert_true (JSON_NODE_HOLDS_OBJECT (response->json));
      }
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "shipstation", "orders"), ==, 0);
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "extensiv", "orders"), ==, 0);
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "quickbooks", "invoices"), ==, 0);
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "quickbooks", "customers"), ==, 0);
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "shipstation", "shipments"), ==, 0);
  /* Still serving. */
  g_assert_cmpuint (stores_status (f), ==, 200);
}

/* Hostility inside an order that is otherwise good: json-glib alone would
 * take these (and store infinity, or recurse without end). */
static void
test_hostile_members (SbFixture     *f,
                      gconstpointer  data)
{
  g_autofree char *authorization = ss_auth ();
  g_autoptr(GString) nested = g_string_new (NULL);
  g_autoptr(GString) shallow = g_string_new (NULL);
  const char *numbers[] = { "1e400", "-1e400", "99999999999999999999", "9223372036854775808" };
  g_autoptr(SbResponse) deep = NULL;
  g_autoptr(SbResponse) fine = NULL;
  g_autofree char *deep_text = NULL;
  gsize prefix = strlen (order_json) - 1;

  for (guint n = 0; n < G_N_ELEMENTS (numbers); n++)
    {
      g_autofree char *body = g_strdup_printf ("%.*s, \"amountPaid\": %s}", (int)prefix, order_json, numbers[n]);
      g_autoptr(SbResponse) response = sb_send (f, "POST", "/shipstation/orders/createorder", authorization, body);

      if (response->status != 400)
        g_error ("amountPaid %s answered %u, not 400", numbers[n], response->status);
      g_assert_nonnull (strstr (json_object_get_string_member (sb_object (response), "Message"), "invalid"));
    }

  g_string_append_len (nested, order_json, prefix);
  g_string_append (nested, ", \"custom\": ");
  g_string_append (shallow, nested->str);
  for (guint i = 0; i < 40; i++)
    g_string_append_c (nested, '[');
  for (guint i = 0; i < 40; i++)
    g_string_append_c (nested, ']');
  g_string_append_c (nested, '}');
  deep = sb_send (f, "POST", "/shipstation/orders/createorder", authorization, nested->str);
  g_assert_cmpuint (deep->status, ==, 400);
  deep_text = sb_text (deep);
  g_assert_nonnull (strstr (deep_text, "nested too deeply"));
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "shipstation", "orders"), ==, 0);

  for (guint i = 0; i < 20; i++)
    g_string_append_c (shallow, '[');
  for (guint i = 0; i < 20; i++)
    g_string_append_c (shallow, ']');
  g_string_append_c (shallow, '}');
  fine = sb_send (f, "POST", "/shipstation/orders/createorder", authorization, shallow->str);
  g_assert_cmpuint (fine->status, ==, 200);
  g_assert_cmpuint (lum_sandbox_count_records (f->sandbox, "shipstation", "orders"), ==, 1);
}

static void
test_oversized_body (SbFixture     *f,
                     gconstpointer  data)
{
  g_autofree char *authorization = ss_auth ();
  gsize length = LUM_SANDBOX_MAX_BODY + 1024;
  g_autofree char *body = g_malloc (length);
  g_autoptr(SbResponse) response = NULL;

  memset (body, ' ', length);
  body[0] = '{';
  body[length - 1] = '}';
  response = sb_wait (sb_start (f, "POST", "/shipstation/orders/createorder", authorization, "application/json",
                                body, length, 0));
  g_assert_cmpuint (response->status, ==, 413);
  g_assert_cmpuint (stores_status (f), ==, 200);
}

typedef struct
{
  guint count;
  char *service;
  char *method;
  char *path;
} Received;

static void
on_request_received_cb (LumSandbox *sandbox,
                        const char *service,
                        const char *method,
                        const char *path,
                        gpointer    user_data)
{
  Received *received = user_data;

  received->count++;
  g_free (received->service);
  g_free (received->method);
  g_free (received->path);
  received->service = g_strdup (service);
  received->method = g_strdup (method);
  received->path = g_strdup (path);
}

static void
test_signal_and_counts (SbFixture     *f,
                        gconstpointer  data)
{
  Received received = { 0 };
  g_autoptr(SbResponse) counts = NULL;
  g_autoptr(SbResponse) index = NULL;
  g_autoptr(SbResponse) unknown = NULL;
  g_autoptr(SbResponse) no_endpoint = NULL;
  g_autofree char *url = lum_sandbox_dup_base_url (f->sandbox, "extensiv");
  g_autofree char *expected = g_strdup_printf ("http://127.0.0.1:%u/extensiv", lum_sandbox_get_port (f->sandbox));
  gulong id = g_signal_connect (f->sandbox, "request-received", G_CALLBACK (on_request_received_cb), &received);

  g_assert_cmpstr (url, ==, expected);
  g_assert_cmpuint (stores_status (f), ==, 200);
  g_assert_cmpuint (received.count, ==, 1);
  g_assert_cmpstr (received.service, ==, "shipstation");
  g_assert_cmpstr (received.method, ==, "GET");
  g_assert_cmpstr (received.path, ==, "/stores");
  g_assert_cmpuint (stores_status (f), ==, 200);

  counts = sb_send (f, "GET", "/_sandbox/counts?service=shipstation&path=/stores", NULL, NULL);
  g_assert_cmpint (json_object_get_int_member (sb_object (counts), "count"), ==, 2);
  g_assert_cmpuint (lum_sandbox_count_requests (f->sandbox, "shipstation", "POST", NULL), ==, 0);
  g_assert_cmpuint (lum_sandbox_count_requests (f->sandbox, "control", "GET", "/counts"), ==, 1);

  index = sb_send (f, "GET", "/", NULL, NULL);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (sb_object (index), "services"),
                                                  "extensiv"), ==, expected);
  unknown = sb_send (f, "GET", "/fedex/rates", NULL, NULL);
  g_assert_cmpuint (unknown->status, ==, 404);
  no_endpoint = sb_send (f, "POST", "/_sandbox/teleport", NULL, "{}");
  g_assert_cmpuint (no_endpoint->status, ==, 404);
  g_signal_handler_disconnect (f->sandbox, id);
  g_free (received.service);
  g_free (received.method);
  g_free (received.path);
}

static void
test_settings_endpoints (SbFixture     *f,
                         gconstpointer  data)
{
  g_autofree char *ss = ss_auth ();
  g_autofree char *ext = ext_auth (f);
  g_autoptr(JsonNode) limit = sb_control (f, "/rate-limit",
                                          "{\"service\": \"shipstation\", \"requests\": 7, \"window_ms\": 5000}", 200);
  g_autoptr(JsonNode) bad_limit = sb_control (f, "/rate-limit", "{\"service\": \"ups\", \"requests\": 7}", 400);
  g_autoptr(JsonNode) expire = NULL, seed = NULL, bad_clock = NULL, clock = NULL, bad_settings = NULL;
  g_autoptr(SbResponse) limited = sb_send (f, "GET", "/shipstation/stores", ss, NULL);
  g_autoptr(SbResponse) expired = NULL;
  g_autoptr(SbResponse) refreshed = NULL;
  g_autofree char *basic = sb_basic (LUM_SANDBOX_QUICKBOOKS_CLIENT_ID, LUM_SANDBOX_QUICKBOOKS_CLIENT_SECRET);
  g_autofree char *form = NULL;
  JsonArray *endpoints;

  g_assert_cmpstr (sb_header (limited, "X-Rate-Limit-Limit"), ==, "7");
  g_assert_cmpstr (sb_header (limited, "X-Rate-Limit-Remaining"), ==, "6");
  g_assert_cmpstr (sb_header (limited, "X-Rate-Limit-Reset"), ==, "5");

  expire = sb_control (f, "/tokens/expire", "{\"service\": \"extensiv\"}", 200);
  expired = sb_send (f, "GET", "/extensiv/customers", ext, NULL);
  g_assert_cmpuint (expired->status, ==, 401);

  seed = sb_control (f, "/quickbooks/refresh-token", NULL, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (seed), "realmId"), ==,
                   LUM_SANDBOX_QUICKBOOKS_REALM);
  form = g_strdup_printf ("grant_type=refresh_token&refresh_token=%s",
                          json_object_get_string_member (json_node_get_object (seed), "refresh_token"));
  refreshed = sb_wait (sb_start (f, "POST", "/quickbooks/oauth2/v1/tokens/bearer", basic,
                                 "application/x-www-form-urlencoded", form, -1, 0));
  g_assert_cmpuint (refreshed->status, ==, 200);

  bad_clock = sb_control (f, "/clock", "{\"now\": 12}", 400);
  clock = sb_control (f, "/clock", "{\"now\": \"2030-06-01\"}", 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (clock), "now"), ==,
                   "2030-06-01T00:00:00.000+00:00");
  g_assert_cmpint (lum_sandbox_now (f->sandbox), ==, G_GINT64_CONSTANT (1906502400) * G_USEC_PER_SEC);
  bad_settings = sb_control (f, "/quickbooks/settings", "{\"fault_status\": 500}", 400);

  {
    g_autoptr(SbResponse) listing = sb_send (f, "GET", "/_sandbox/", NULL, NULL);
    endpoints = json_object_get_array_member (sb_object (listing), "endpoints");
    g_assert_cmpuint (json_array_get_length (endpoints), >=, 16);
    g_assert_cmpstr (json_array_get_string_element (endpoints, 0), ==, "POST /_sandbox/reset");
  }
}

static void
test_programmatic_control (SbFixture     *f,
                           gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) store = NULL, missing = NULL, nowhere = NULL, clock = NULL, order = NULL, shipment = NULL;
  guint status = 0;

  g_assert_true (json_parser_load_from_data (parser, "{\"storeName\": \"Catalog\", \"storeId\": 2000}", -1, NULL));
  store = lum_sandbox_control (f->sandbox, "POST", "/shipstation/stores", json_parser_get_root (parser), &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (store), "storeId"), ==, 2000);

  g_assert_true (json_parser_load_from_data (parser, order_json, -1, NULL));
  order = lum_sandbox_control (f->sandbox, "POST", "/shipstation/orders", json_parser_get_root (parser), &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (json_parser_load_from_data (parser, "{\"orderKey\": \"uuid-1\", \"carrierCode\": \"usps\","
                                             " \"trackingNumber\": \"9400\", \"createDate\": \"2027-02-02T02:02:02Z\"}",
                                             -1, NULL));
  shipment = lum_sandbox_control (f->sandbox, "POST", "/shipstation/ship", json_parser_get_root (parser), &status);
  g_assert_cmpuint (status, ==, 200);
  /* an instant with its zone, answered on ShipStation's Pacific clock (PST) */
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (shipment), "createDate"), ==,
                   "2027-02-01T18:02:02.0000000");

  g_assert_true (json_parser_load_from_data (parser, "{\"orderNumber\": \"NOPE\", \"carrierCode\": \"ups\","
                                             " \"trackingNumber\": \"1Z\"}", -1, NULL));
  missing = lum_sandbox_control (f->sandbox, "POST", "/shipstation/ship", json_parser_get_root (parser), &status);
  g_assert_cmpuint (status, ==, 404);
  g_assert_nonnull (strstr (json_object_get_string_member (json_node_get_object (missing), "message"), "NOPE"));
  nowhere = lum_sandbox_control (f->sandbox, "GET", "/nowhere", NULL, &status);
  g_assert_cmpuint (status, ==, 404);

  g_assert_true (json_parser_load_from_data (parser, "{\"now\": \"not a date\"}", -1, NULL));
  clock = lum_sandbox_control (f->sandbox, "POST", "/clock", json_parser_get_root (parser), &status);
  g_assert_cmpuint (status, ==, 400);
  /* Nothing programmatic is counted as received. */
  g_assert_cmpuint (lum_sandbox_count_requests (f->sandbox, "control", NULL, NULL), ==, 0);
}

static void
test_thread (void)
{
  g_autoptr(LumSandbox) sandbox = lum_sandbox_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  g_autofree char *base = NULL;
  g_autofree char *url = NULL;
  g_autofree char *authorization = sb_basic (LUM_SANDBOX_SHIPSTATION_KEY, LUM_SANDBOX_SHIPSTATION_SECRET);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(LumSandbox) busy = lum_sandbox_new ();
  g_autoptr(GError) busy_error = NULL;

  g_assert_true (lum_sandbox_listen_in_thread (sandbox, "127.0.0.1", 0, &error));
  g_assert_no_error (error);
  base = lum_sandbox_dup_base_url (sandbox, "shipstation");
  url = g_strconcat (base, "/stores", NULL);
  message = soup_message_new ("GET", url);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", authorization);
  /* A blocking client: the server answers from its own thread. */
  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
  g_assert_cmpuint (lum_sandbox_count_requests (sandbox, "shipstation", "GET", "/stores"), ==, 1);

  /* The port is taken while it runs. */
  g_assert_false (lum_sandbox_listen (busy, "127.0.0.1", lum_sandbox_get_port (sandbox), &busy_error));
  g_assert_error (busy_error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_LISTEN);
  lum_sandbox_stop (sandbox);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, SbFixture, NULL, sb_fixture_setup, func, sb_fixture_teardown)
  ADD ("/sandbox/control/faults/failure-rate", test_failure_rate);
  ADD ("/sandbox/control/faults/latency", test_latency);
  ADD ("/sandbox/control/faults/latency-timeout", test_latency_timeout);
  ADD ("/sandbox/control/faults/malformed-body", test_malformed_body);
  ADD ("/sandbox/control/faults/reset-after-request", test_reset_after_request);
  ADD ("/sandbox/control/faults/status-storm", test_status_storm);
  ADD ("/sandbox/control/faults/body", test_body);
  ADD ("/sandbox/control/faults/body-specs", test_body_specs);
  ADD ("/sandbox/control/faults/specs", test_fault_specs);
  ADD ("/sandbox/control/reset", test_reset);
  ADD ("/sandbox/control/dump", test_dump);
  ADD ("/sandbox/control/hostile-input", test_hostile_input);
  ADD ("/sandbox/control/hostile-members", test_hostile_members);
  ADD ("/sandbox/control/oversized-body", test_oversized_body);
  ADD ("/sandbox/control/signal-and-counts", test_signal_and_counts);
  ADD ("/sandbox/control/settings-endpoints", test_settings_endpoints);
  ADD ("/sandbox/control/programmatic", test_programmatic_control);
#undef ADD
  g_test_add_func ("/sandbox/control/thread", test_thread);

  return g_test_run ();
}

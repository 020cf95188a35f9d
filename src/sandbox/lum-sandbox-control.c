/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-sandbox"

#include "lum-sandbox-private.h"

#include <string.h>

/*
 * The control endpoints under /_sandbox/, for tests and demos: JSON in and
 * out, errors as {"message"} with 400, 404 or 409. lum_sandbox_control()
 * reaches the same handlers without HTTP.
 */

typedef enum
{
  ADD_STORE,
  ADD_WAREHOUSE,
  ADD_ORDER,
  SHIP,
  VOID_SHIPMENT,
  CLOSE_ORDER,
  ADD_CUSTOMER,
  ADD_FACILITY,
  SET_INVENTORY,
  SET_STOCK,
  SET_FAULTS,
  SET_CLOCK,
  QUICKBOOKS_SETTINGS,
} Action;

static JsonObject *
ok_object (void)
{
  JsonObject *object = json_object_new ();

  json_object_set_boolean_member (object, "ok", TRUE);
  return object;
}

static JsonObject *
run_action (LumSandbox  *self,
            Action       action,
            JsonObject  *spec,
            GError     **error)
{
  LumSandboxShipstation *ss = lum_sandbox_get_shipstation (self);
  LumSandboxExtensiv *ext = lum_sandbox_get_extensiv (self);

  switch (action)
    {
    case ADD_STORE:
      return lum_sandbox_shipstation_add_store_locked (ss, spec, error);
    case ADD_WAREHOUSE:
      return lum_sandbox_shipstation_add_warehouse_locked (ss, spec, error);
    case ADD_ORDER:
      return lum_sandbox_shipstation_upsert (ss, spec, error);
    case SHIP:
      return lum_sandbox_shipstation_ship_locked (ss, spec, error);
    case VOID_SHIPMENT:
      return lum_sandbox_shipstation_void_locked (ss, spec, error);
    case CLOSE_ORDER:
      return lum_sandbox_extensiv_close_locked (ext, spec, error);
    case ADD_CUSTOMER:
      return lum_sandbox_extensiv_add_customer_locked (ext, spec, error);
    case ADD_FACILITY:
      return lum_sandbox_extensiv_add_facility_locked (ext, spec, error);
    case SET_INVENTORY:
      return lum_sandbox_shipstation_set_inventory_locked (ss, spec, error);
    case SET_STOCK:
      return lum_sandbox_extensiv_set_stock_locked (ext, spec, error);
    case SET_FAULTS:
      return lum_sandbox_set_faults_locked (self, spec, error) ? ok_object () : NULL;
    case QUICKBOOKS_SETTINGS:
      return lum_sandbox_quickbooks_configure (lum_sandbox_get_quickbooks (self), spec, error)
             ? ok_object () : NULL;
    case SET_CLOCK:
      if (lum_sandbox_set_clock_locked (self, spec, error))
        {
          g_autofree char *now = lum_sandbox_time_offset (lum_sandbox_now_locked (self), TRUE);
          JsonObject *answer = json_object_new ();

          json_object_set_string_member (answer, "now", now);
          return answer;
        }
      return NULL;
    default:
      g_assert_not_reached ();
    }
}

static void
reply_message (LumSandboxRequest *req,
               guint              status,
               const char        *message)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "message", message);
  lum_sandbox_request_reply_object (req, status, object);
}

static void
reply_error (LumSandboxRequest *req,
             const GError      *error)
{
  guint status = SOUP_STATUS_BAD_REQUEST;

  if (g_error_matches (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_NOT_FOUND))
    status = SOUP_STATUS_NOT_FOUND;
  else if (g_error_matches (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_CONFLICT))
    status = SOUP_STATUS_CONFLICT;
  reply_message (req, status, error->message);
}

static void
reply_ok (LumSandboxRequest *req)
{
  lum_sandbox_request_reply_object (req, SOUP_STATUS_OK, ok_object ());
}

/* The body as an object; an empty body is an empty object when @optional.
 * NULL after answering 400. */
static JsonObject *
read_spec (LumSandboxRequest *req,
           gboolean           optional,
           JsonNode         **root)
{
  g_autoptr(GError) error = NULL;

  if (optional && (req->body == NULL || g_bytes_get_size (req->body) == 0))
    {
      *root = lum_json_node_new_object (json_object_new ());
      json_object_unref (json_node_get_object (*root));
      return json_node_get_object (*root);
    }
  *root = lum_sandbox_request_parse_json (req, &error);
  if (*root == NULL)
    {
      reply_message (req, SOUP_STATUS_BAD_REQUEST, error->message);
      return NULL;
    }
  if (!lum_json_is_object (*root))
    {
      reply_message (req, SOUP_STATUS_BAD_REQUEST, "The body must be a JSON object");
      return NULL;
    }
  return json_node_get_object (*root);
}

static void
call_action (LumSandbox        *self,
             LumSandboxRequest *req,
             Action             action)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *spec = read_spec (req, FALSE, &root);
  JsonObject *result;

  if (spec == NULL)
    return;
  result = run_action (self, action, spec, &error);
  if (result == NULL)
    reply_error (req, error);
  else
    lum_sandbox_request_reply_object (req, SOUP_STATUS_OK, result);
}

static void
handle_rate_limit (LumSandbox        *self,
                   LumSandboxRequest *req)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *spec = read_spec (req, FALSE, &root);
  JsonNode *requests, *window;

  if (spec == NULL)
    return;
  requests = lum_json_member (spec, "requests");
  window = lum_json_member (spec, "window_ms");
  if (!lum_json_is_int (requests) || json_node_get_int (requests) < 0 || json_node_get_int (requests) > G_MAXINT32
      || (window != NULL && (!lum_json_is_int (window) || json_node_get_int (window) < 1
                             || json_node_get_int (window) > 86400000))
      || !lum_sandbox_is_service (lum_json_get_string (spec, "service")))
    {
      reply_message (req, SOUP_STATUS_BAD_REQUEST,
                     "A rate limit takes \"service\", \"requests\" (0: none) and \"window_ms\"");
      return;
    }
  lum_sandbox_set_rate_limit_locked (self, lum_json_get_string (spec, "service"), json_node_get_int (requests),
                                     window != NULL ? json_node_get_int (window) : 60000);
  reply_ok (req);
}

static void
handle_expire (LumSandbox        *self,
               LumSandboxRequest *req)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *spec = read_spec (req, TRUE, &root);
  const char *service;

  if (spec == NULL)
    return;
  service = lum_json_get_string (spec, "service");
  if (lum_json_member (spec, "service") != NULL && g_strcmp0 (service, "extensiv") != 0
      && g_strcmp0 (service, "quickbooks") != 0)
    {
      reply_message (req, SOUP_STATUS_BAD_REQUEST, "\"service\" is extensiv or quickbooks, or left out for both");
      return;
    }
  if (service == NULL || g_str_equal (service, "extensiv"))
    lum_sandbox_extensiv_expire_tokens (lum_sandbox_get_extensiv (self));
  if (service == NULL || g_str_equal (service, "quickbooks"))
    lum_sandbox_quickbooks_expire_tokens (lum_sandbox_get_quickbooks (self));
  reply_ok (req);
}

static void
handle_refresh_token (LumSandbox        *self,
                      LumSandboxRequest *req)
{
  LumSandboxQuickbooks *qb = lum_sandbox_get_quickbooks (self);
  g_autofree char *token = lum_sandbox_quickbooks_issue_refresh_token_locked (qb);
  JsonObject *answer = json_object_new ();

  json_object_set_string_member (answer, "refresh_token", token);
  json_object_set_string_member (answer, "realmId", lum_sandbox_quickbooks_get_realm (qb));
  lum_sandbox_request_reply_object (req, SOUP_STATUS_OK, answer);
}

static void
handle_counts (LumSandbox        *self,
               LumSandboxRequest *req)
{
  JsonObject *answer = json_object_new ();
  guint count = lum_sandbox_count_requests_locked (self, lum_sandbox_request_param (req, "service"),
                                                   lum_sandbox_request_param (req, "method"),
                                                   lum_sandbox_request_param (req, "path"));

  json_object_set_int_member (answer, "count", count);
  lum_sandbox_request_reply_object (req, SOUP_STATUS_OK, answer);
}

static void
handle_index (LumSandboxRequest *req)
{
  static const char * const endpoints[] = {
    "POST /_sandbox/reset", "GET /_sandbox/dump", "GET /_sandbox/counts?service&method&path",
    "POST /_sandbox/faults", "POST /_sandbox/rate-limit", "POST /_sandbox/clock",
    "POST /_sandbox/tokens/expire", "POST /_sandbox/shipstation/stores",
    "POST /_sandbox/shipstation/warehouses",
    "POST /_sandbox/shipstation/orders", "POST /_sandbox/shipstation/ship",
    "POST /_sandbox/shipstation/void", "POST /_sandbox/extensiv/close",
    "POST /_sandbox/extensiv/customers", "POST /_sandbox/extensiv/facilities",
    "POST /_sandbox/shipstation/inventory", "POST /_sandbox/extensiv/stock",
    "POST /_sandbox/quickbooks/settings", "POST /_sandbox/quickbooks/refresh-token", NULL,
  };
  JsonObject *answer = json_object_new ();
  JsonArray *list = json_array_new ();

  for (guint i = 0; endpoints[i] != NULL; i++)
    json_array_add_string_element (list, endpoints[i]);
  json_object_set_array_member (answer, "endpoints", list);
  lum_sandbox_request_reply_object (req, SOUP_STATUS_OK, answer);
}

static gboolean
handle_get (LumSandbox        *self,
            LumSandboxRequest *req)
{
  if (g_str_equal (req->path, "/dump"))
    lum_sandbox_request_reply_json (req, SOUP_STATUS_OK, lum_sandbox_dump_locked (self));
  else if (g_str_equal (req->path, "/counts"))
    handle_counts (self, req);
  else if (g_str_equal (req->path, "/") || g_str_equal (req->path, ""))
    handle_index (req);
  else
    return FALSE;
  return TRUE;
}

static gboolean
handle_post (LumSandbox        *self,
             LumSandboxRequest *req)
{
  const char *path = req->path;

  if (g_str_equal (path, "/reset"))
    {
      lum_sandbox_reset_locked (self);
      reply_ok (req);
    }
  else if (g_str_equal (path, "/faults"))
    call_action (self, req, SET_FAULTS);
  else if (g_str_equal (path, "/rate-limit"))
    handle_rate_limit (self, req);
  else if (g_str_equal (path, "/clock"))
    call_action (self, req, SET_CLOCK);
  else if (g_str_equal (path, "/tokens/expire"))
    handle_expire (self, req);
  else if (g_str_equal (path, "/shipstation/stores"))
    call_action (self, req, ADD_STORE);
  else if (g_str_equal (path, "/shipstation/warehouses"))
    call_action (self, req, ADD_WAREHOUSE);
  else if (g_str_equal (path, "/shipstation/orders"))
    call_action (self, req, ADD_ORDER);
  else if (g_str_equal (path, "/shipstation/ship"))
    call_action (self, req, SHIP);
  else if (g_str_equal (path, "/shipstation/void"))
    call_action (self, req, VOID_SHIPMENT);
  else if (g_str_equal (path, "/extensiv/close"))
    call_action (self, req, CLOSE_ORDER);
  else if (g_str_equal (path, "/extensiv/customers"))
    call_action (self, req, ADD_CUSTOMER);
  else if (g_str_equal (path, "/extensiv/facilities"))
    call_action (self, req, ADD_FACILITY);
  else if (g_str_equal (path, "/shipstation/inventory"))
    call_action (self, req, SET_INVENTORY);
  else if (g_str_equal (path, "/extensiv/stock"))
    call_action (self, req, SET_STOCK);
  else if (g_str_equal (path, "/quickbooks/settings"))
    call_action (self, req, QUICKBOOKS_SETTINGS);
  else if (g_str_equal (path, "/quickbooks/refresh-token"))
    handle_refresh_token (self, req);
  else
    return FALSE;
  return TRUE;
}

void
lum_sandbox_control_handle (LumSandbox        *self,
                            LumSandboxRequest *req)
{
  gboolean handled = FALSE;

  if (g_str_equal (req->method, "GET"))
    handled = handle_get (self, req);
  else if (g_str_equal (req->method, "POST"))
    handled = handle_post (self, req);
  if (!handled)
    {
      g_autofree char *message = g_strdup_printf ("No control endpoint %s /_sandbox%s; GET /_sandbox/ lists them",
                                                  req->method, req->path);
      reply_message (req, SOUP_STATUS_NOT_FOUND, message);
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-connect"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lum-quickbooks-private.h"
#include "lum-secrets.h"
#include "lum-util.h"

#define TOKEN_MARGIN_US (5 * 60 * G_USEC_PER_SEC)

struct _LumQuickbooks
{
  LumConnector  parent_instance;

  char         *access_token;
  gint64        access_expires;   /* monotonic */
};

G_DEFINE_FINAL_TYPE (LumQuickbooks, lum_quickbooks, LUM_TYPE_CONNECTOR)

static const char *
setting (LumQuickbooks *self,
         const char    *key)
{
  return lum_integration_get_setting (lum_connector_get_integration (LUM_CONNECTOR (self)), key);
}

static const char *
service (LumQuickbooks *self)
{
  return lum_connector_get_service_name (LUM_CONNECTOR (self));
}

/* 'O\'Brien' — QuickBooks queries escape quotes with a backslash. */
char *
lum_quickbooks_query_quote (const char *value)
{
  GString *out = g_string_new ("'");

  for (const char *p = value ? value : ""; *p; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
  return g_string_free (out, FALSE);
}

/* "code: Message (Detail)" of the first error of a Fault, or %NULL. */
char *
lum_quickbooks_fault_message (JsonNode *root)
{
  JsonObject *fault;
  JsonArray *errors;
  JsonObject *first;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  fault = lum_json_get_object (json_node_get_object (root), "Fault");
  if (fault == NULL)
    return NULL;
  errors = lum_json_get_array (fault, "Error");
  if (errors == NULL || json_array_get_length (errors) == 0 ||
      !JSON_NODE_HOLDS_OBJECT (json_array_get_element (errors, 0)))
    return g_strdup (_("QuickBooks reported a fault without details"));
  first = json_node_get_object (json_array_get_element (errors, 0));
  {
    g_autofree char *code = lum_json_dup_scalar (first, "code");
    const char *message = lum_json_get_string (first, "Message");
    const char *detail = lum_json_get_string (first, "Detail");

    if (code == NULL && message == NULL && detail == NULL)
      return g_strdup (_("QuickBooks reported a fault without details"));
    return g_strdup_printf ("%s%s%s%s%s%s", code ? code : "", code ? ": " : "",
                            message ? message : _("error"),
                            detail ? " (" : "", detail ? detail : "", detail ? ")" : "");
  }
}

/**
 * lum_quickbooks_dup_created_id:
 * @entity: "Invoice", "Customer", "Item"
 *
 * The Id of the entity a create answered ({"Invoice": {"Id": …}, "time"}).
 *
 * Returns: (transfer full): the Id, or %NULL with an error when the answer
 *   holds none
 */
char *
lum_quickbooks_dup_created_id (JsonNode    *root,
                               const char  *entity,
                               GError     **error)
{
  JsonObject *object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  char *id = lum_json_dup_scalar (lum_json_get_object (object, entity), "Id");

  if (id == NULL || *id == '\0')
    {
      g_free (id);
      g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_INVALID_RESPONSE,
                   _("QuickBooks answered the creation of the %s without its Id"), entity);
      return NULL;
    }
  return id;
}

/* -- tokens --------------------------------------------------------------- */

static void
mark_needs_reconnect (LumQuickbooks *self)
{
  lum_integration_set_state (lum_connector_get_integration (LUM_CONNECTOR (self)), LUM_QUICKBOOKS_NEEDS_RECONNECT);
}

/* Keeps the tokens of a token answer: the access token here, the newest
 * refresh token in the Secret Service at once (the old one stops working). */
gboolean
lum_quickbooks_take_tokens (LumQuickbooks    *self,
                            LumHttpResponse  *response,
                            GError          **error)
{
  LumConnector *connector = LUM_CONNECTOR (self);
  LumIntegration *integration = lum_connector_get_integration (connector);
  g_autoptr(JsonNode) root = lum_http_parse_json (response, service (self), NULL);
  JsonObject *object = root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  const char *error_code = lum_json_get_string (object, "error");
  const char *access = lum_json_get_string (object, "access_token");
  const char *refresh = lum_json_get_string (object, "refresh_token");
  gint64 expires_in = 3600;

  if (g_strcmp0 (error_code, "invalid_grant") == 0 || g_strcmp0 (error_code, "invalid_client") == 0)
    {
      mark_needs_reconnect (self);
      g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_AUTH,
                   _("%s needs reconnecting: QuickBooks no longer accepts the stored authorization (%s)"),
                   service (self), error_code);
      return FALSE;
    }
  if (!lum_http_check_status (response, service (self), error_code, error))
    return FALSE;
  if (access == NULL || refresh == NULL)
    {
      g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_INVALID_RESPONSE,
                   _("%s answered without the tokens"), service (self));
      return FALSE;
    }

  if (!lum_secrets_store (integration, LUM_SECRET_QUICKBOOKS_REFRESH_TOKEN, refresh, error))
    return FALSE;
  lum_connector_set_secret (connector, LUM_SECRET_QUICKBOOKS_REFRESH_TOKEN, refresh);
  lum_json_get_int (object, "expires_in", &expires_in);
  g_free (self->access_token);
  self->access_token = g_strdup (access);
  self->access_expires = g_get_monotonic_time () + expires_in * G_USEC_PER_SEC - TOKEN_MARGIN_US;
  if (g_strcmp0 (lum_integration_get_state (integration), "ok") != 0)
    lum_integration_set_state (integration, "ok");
  return TRUE;
}

SoupMessage *
lum_quickbooks_token_message (LumQuickbooks *self,
                              const char    *form)
{
  const char *url = setting (self, LUM_SETTING_QUICKBOOKS_TOKEN_URL);
  const char *client_id = setting (self, LUM_SETTING_QUICKBOOKS_CLIENT_ID);
  const char *secret = lum_connector_get_secret (LUM_CONNECTOR (self), LUM_SECRET_QUICKBOOKS_CLIENT_SECRET);
  g_autofree char *pair = g_strdup_printf ("%s:%s", client_id ? client_id : "", secret ? secret : "");
  g_autofree char *encoded = g_base64_encode ((const guchar *)pair, strlen (pair));
  g_autofree char *header = g_strdup_printf ("Basic %s", encoded);
  g_autoptr(GBytes) body = g_bytes_new (form, strlen (form));
  SoupMessage *message = soup_message_new ("POST", url ? url : LUM_QUICKBOOKS_TOKEN_URL);

  if (message == NULL)
    return NULL;
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", header);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept", "application/json");
  lum_http_set_body (message, "application/x-www-form-urlencoded", body);
  return message;
}

/* -- one refresh at a time ------------------------------------------------ *
 *
 * QuickBooks rotates refresh tokens: a refresh answers a new one and the one
 * sent stops working (Intuit, "Refresh the access token": always keep the
 * latest refresh token). Two refreshes with the same token therefore lose
 * one of them for good. So an integration has at most one refresh in flight
 * in a process, whichever connector asks: the others wait for its access
 * token. Each refresh reads the refresh token from the keyring first, where
 * another process may have put a newer one, and the new one is stored there
 * before anyone uses the access token that came with it.
 */

#define MAX_REFRESH_ATTEMPTS 3
#define REREAD_DELAY_MS      500

typedef struct
{
  char          *key;
  LumQuickbooks *owner;
  GPtrArray     *waiters;     /* GTask of quickbooks_authorize_async */
  char          *sent;        /* the refresh token of the last attempt */
  guint          attempts;
  gboolean       waited;      /* re-read once more after a pause */
  gboolean       asked;       /* asked the sandbox for a refresh token */
} Flight;

G_LOCK_DEFINE_STATIC (flights);
static GHashTable *flights;   /* "scope/integration id" → Flight */

static char *
flight_key (LumQuickbooks *self)
{
  LumIntegration *integration = lum_connector_get_integration (LUM_CONNECTOR (self));
  const char *scope = lum_integration_get_secret_scope (integration);

  return g_strdup_printf ("%s/%" G_GINT64_FORMAT, scope ? scope : "", lum_integration_get_id (integration));
}

static void
flight_free (Flight *flight)
{
  g_free (flight->key);
  g_clear_object (&flight->owner);
  g_ptr_array_unref (flight->waiters);
  if (flight->sent != NULL)
    memset (flight->sent, 0, strlen (flight->sent));
  g_free (flight->sent);
  g_free (flight);
}

static void
set_bearer (SoupMessage *message,
            const char  *access_token)
{
  g_autofree char *header = g_strdup_printf ("Bearer %s", access_token);

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", header);
}

/* Ends the flight: every waiter gets the owner's access token or @error. */
static void
flight_land (Flight *flight,
             GError *error)
{
  G_LOCK (flights);
  g_hash_table_remove (flights, flight->key);
  G_UNLOCK (flights);

  for (guint i = 0; i < flight->waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (flight->waiters, i);
      LumQuickbooks *waiter = g_task_get_source_object (task);

      if (error != NULL)
        {
          g_task_return_error (task, g_error_copy (error));
          continue;
        }
      if (waiter != flight->owner)
        {
          g_free (waiter->access_token);
          waiter->access_token = g_strdup (flight->owner->access_token);
          waiter->access_expires = flight->owner->access_expires;
        }
      set_bearer (g_task_get_task_data (task), waiter->access_token);
      g_task_return_boolean (task, TRUE);
    }
  g_clear_error (&error);
  flight_free (flight);
}

static void flight_read_token (Flight *flight);

static gboolean
on_reread_timeout_cb (gpointer user_data)
{
  flight_read_token (user_data);
  return G_SOURCE_REMOVE;
}

static void
on_flight_refreshed_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  Flight *flight = user_data;
  LumQuickbooks *self = flight->owner;
  GError *error = NULL;
  g_autoptr(LumHttpResponse) response = lum_http_send_finish (result, &error);
  g_autoptr(JsonNode) root = NULL;
  const char *code = NULL;

  if (response == NULL)
    {
      flight_land (flight, error);
      return;
    }
  root = lum_http_parse_json (response, service (self), NULL);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    code = lum_json_get_string (json_node_get_object (root), "error");
  if (g_strcmp0 (code, "invalid_grant") == 0)
    {
      /* maybe another process rotated the token meanwhile: read the
       * keyring again, and give up only when its newest one is refused */
      flight_read_token (flight);
      return;
    }
  if (!lum_quickbooks_take_tokens (self, response, &error))
    {
      flight_land (flight, error);
      return;
    }
  flight_land (flight, NULL);
}

static void
flight_send (Flight     *flight,
             const char *refresh_token)
{
  LumQuickbooks *self = flight->owner;
  g_autofree char *escaped = g_uri_escape_string (refresh_token, NULL, FALSE);
  g_autofree char *form = g_strdup_printf ("grant_type=refresh_token&refresh_token=%s", escaped);
  g_autoptr(SoupMessage) message = lum_quickbooks_token_message (self, form);

  memset (form, 0, strlen (form));
  memset (escaped, 0, strlen (escaped));
  if (message == NULL)
    {
      flight_land (flight, g_error_new (LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED,
                                        _("Token URL “%s” is not usable"),
                                        setting (self, LUM_SETTING_QUICKBOOKS_TOKEN_URL)));
      return;
    }
  g_free (flight->sent);
  flight->sent = g_strdup (refresh_token);
  flight->attempts++;
  /* not cancellable: a refresh that reached Intuit must store its answer,
   * or the token it rotated away is lost */
  lum_http_send_async (lum_connector_get_session (LUM_CONNECTOR (self)), message, NULL,
                       on_flight_refreshed_cb, flight);
}

static void
on_sandbox_token_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Flight *flight = user_data;
  LumQuickbooks *self = flight->owner;
  GError *error = NULL;
  g_autoptr(LumHttpResponse) response = lum_http_send_finish (result, &error);
  g_autoptr(JsonNode) root = NULL;
  const char *token = NULL;

  if (response != NULL && lum_http_check_status (response, service (self), NULL, &error))
    root = lum_http_parse_json (response, service (self), &error);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    token = lum_json_get_string (json_node_get_object (root), "refresh_token");
  if (error == NULL && lum_str_empty (token))
    error = g_error_new (LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_INVALID_RESPONSE,
                         _("%s: the sandbox answered without a refresh token"), service (self));
  if (error != NULL ||
      !lum_secrets_store (lum_connector_get_integration (LUM_CONNECTOR (self)),
                          LUM_SECRET_QUICKBOOKS_REFRESH_TOKEN, token, &error))
    {
      flight_land (flight, error);
      return;
    }
  flight_send (flight, token);
}

/*
 * A sandbox keeps its refresh tokens in memory, and so do we for a sandbox
 * integration: a process that did not register the sandbox (lumenctl sync
 * beside `lumenctl sandbox --register`) asks it for one at its control
 * endpoint, as the sandbox's documentation says.
 */
static void
flight_ask_sandbox (Flight *flight)
{
  LumIntegration *integration = lum_connector_get_integration (LUM_CONNECTOR (flight->owner));
  const char *base = lum_integration_get_base_url (integration);
  g_autofree char *root = g_strdup (base != NULL ? base : "");
  g_autofree char *url = NULL;
  g_autoptr(SoupMessage) message = NULL;

  flight->asked = TRUE;
  if (g_str_has_suffix (root, "/"))
    root[strlen (root) - 1] = '\0';
  if (g_str_has_suffix (root, "/quickbooks"))
    root[strlen (root) - strlen ("/quickbooks")] = '\0';
  url = g_strconcat (root, "/_sandbox/quickbooks/refresh-token", NULL);
  message = soup_message_new ("POST", url);
  if (message == NULL)
    {
      flight_land (flight, g_error_new (LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED,
                                        _("Base URL “%s” of the sandbox is not usable"), base ? base : ""));
      return;
    }
  lum_http_send_async (lum_connector_get_session (LUM_CONNECTOR (flight->owner)), message, NULL,
                       on_sandbox_token_cb, flight);
}

static void
on_flight_token_read_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  Flight *flight = user_data;
  LumQuickbooks *self = flight->owner;
  GError *error = NULL;
  g_autofree char *stored = lum_secrets_lookup_finish (result, &error);

  if (error != NULL)
    {
      flight_land (flight, error);
      return;
    }
  if (lum_str_empty (stored) && !flight->asked &&
      lum_integration_is_sandbox (lum_connector_get_integration (LUM_CONNECTOR (self))) &&
      g_strcmp0 (setting (self, LUM_SETTING_SANDBOX_REGISTERED), "true") == 0)
    {
      flight_ask_sandbox (flight);
      return;
    }
  if (lum_str_empty (stored))
    {
      flight_land (flight, g_error_new (LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED,
                                        _("%s is not connected to a company yet: connect it (Integrations → "
                                          "Connect, or “lumenctl integration connect”)"),
                                        service (self)));
      return;
    }
  if (flight->sent == NULL || (g_strcmp0 (stored, flight->sent) != 0 && flight->attempts < MAX_REFRESH_ATTEMPTS))
    {
      flight_send (flight, stored);
      memset (stored, 0, strlen (stored));
      return;
    }
  if (g_strcmp0 (stored, flight->sent) == 0 && !flight->waited)
    {
      /* another process may be between its refresh and storing the result */
      flight->waited = TRUE;
      g_timeout_add (REREAD_DELAY_MS, on_reread_timeout_cb, flight);
      return;
    }
  /* the newest stored token is refused too */
  mark_needs_reconnect (self);
  flight_land (flight, g_error_new (LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_AUTH,
                                    _("%s needs reconnecting: QuickBooks no longer accepts the stored "
                                      "authorization (invalid_grant)"),
                                    service (self)));
}

static void
flight_read_token (Flight *flight)
{
  lum_secrets_lookup_async (lum_connector_get_integration (LUM_CONNECTOR (flight->owner)),
                            LUM_SECRET_QUICKBOOKS_REFRESH_TOKEN, NULL, on_flight_token_read_cb, flight);
}

static void
on_flight_secrets_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Flight *flight = user_data;
  GError *error = NULL;

  if (!lum_connector_load_secrets_finish (LUM_CONNECTOR (source), result, &error))
    {
      flight_land (flight, error);
      return;
    }
  flight_read_token (flight);
}

/* Joins the integration's refresh in flight, or starts one. */
static void
refresh_or_wait (LumQuickbooks *self,
                 GTask         *task)
{
  static const char * const names[] = { LUM_SECRET_QUICKBOOKS_CLIENT_SECRET, NULL };
  g_autofree char *key = flight_key (self);
  Flight *flight;

  G_LOCK (flights);
  if (flights == NULL)
    flights = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, NULL);
  flight = g_hash_table_lookup (flights, key);
  if (flight != NULL)
    {
      g_ptr_array_add (flight->waiters, task);
      G_UNLOCK (flights);
      return;
    }
  flight = g_new0 (Flight, 1);
  flight->key = g_steal_pointer (&key);
  flight->owner = g_object_ref (self);
  flight->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (flight->waiters, task);
  g_hash_table_insert (flights, flight->key, flight);
  G_UNLOCK (flights);

  lum_connector_load_secrets_async (LUM_CONNECTOR (self), names, NULL, on_flight_secrets_cb, flight);
}

static void
quickbooks_authorize_async (LumConnector        *connector,
                            SoupMessage         *message,
                            gboolean             renew,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  LumQuickbooks *self = LUM_QUICKBOOKS (connector);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  gboolean valid = self->access_token != NULL && g_get_monotonic_time () < self->access_expires;

  g_task_set_source_tag (task, quickbooks_authorize_async);
  g_task_set_task_data (task, g_object_ref (message), g_object_unref);
  if (valid && renew)
    {
      /* a 401 on an older token than the one held now needs no refresh */
      const char *sent = soup_message_headers_get_one (soup_message_get_request_headers (message), "Authorization");
      g_autofree char *held = g_strdup_printf ("Bearer %s", self->access_token);

      renew = g_strcmp0 (sent, held) == 0;
    }
  if (valid && !renew)
    {
      set_bearer (message, self->access_token);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  g_clear_pointer (&self->access_token, g_free);
  if (lum_str_empty (setting (self, LUM_SETTING_QUICKBOOKS_CLIENT_ID)) ||
      lum_str_empty (setting (self, LUM_SETTING_QUICKBOOKS_REALM)))
    {
      g_task_return_new_error (task, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED,
                               _("%s needs a company (realm) id and a client id"), service (self));
      g_object_unref (task);
      return;
    }
  refresh_or_wait (self, task);
}

/* -- requests with Fault checks ------------------------------------------- */

static SoupMessage *
api_message (LumQuickbooks *self,
             const char    *method,
             const char    *path_and_query,
             JsonNode      *body)
{
  g_autofree char *path = g_strdup_printf ("/v3/company/%s%s", setting (self, LUM_SETTING_QUICKBOOKS_REALM),
                                           path_and_query);
  g_autofree char *url = lum_connector_dup_url (LUM_CONNECTOR (self), path);

  return lum_http_new_json_message (method, url, body, "application/json");
}

/* QuickBooks' own words: the Fault of an answer, even under status 200. */
static char *
quickbooks_error_message (LumConnector    *self,
                          LumHttpResponse *response,
                          JsonNode        *root)
{
  return lum_quickbooks_fault_message (root);
}

/* For lum-quickbooks-accounts.c */
SoupMessage *
lum_quickbooks_api_message (LumQuickbooks *self,
                            const char    *method,
                            const char    *path_and_query,
                            JsonNode      *body)
{
  return api_message (self, method, path_and_query, body);
}

/* -- pushing an invoice --------------------------------------------------- */

typedef enum
{
  STEP_LOOKUP_INVOICE,
  STEP_FIND_CUSTOMER,
  STEP_CREATE_CUSTOMER,
  STEP_FIND_ITEM,
  STEP_CREATE_ITEM,
  STEP_CREATE_INVOICE,
} Step;

typedef struct
{
  GPtrArray  *items;
  guint       next;
  Step        step;
  char       *customer_id;
  GHashTable *item_ids;    /* SKU → QuickBooks item id */
  guint       line;        /* the line whose item is looked for */
  gboolean    looked_again; /* after a duplicate name, the name was searched once more */
} PushInvoice;

static void
push_invoice_free (gpointer data)
{
  PushInvoice *push = data;

  g_ptr_array_unref (push->items);
  g_free (push->customer_id);
  g_hash_table_unref (push->item_ids);
  g_free (push);
}

static LumPushItem *
current_item (PushInvoice *push)
{
  return g_ptr_array_index (push->items, push->next);
}

static JsonObject *
summary (PushInvoice *push)
{
  return json_node_get_object (current_item (push)->payload);
}

static JsonArray *
summary_lines (PushInvoice *push)
{
  return lum_json_get_array (summary (push), "lines");
}

static void step (GTask *task);

static void
next_invoice (GTask *task)
{
  PushInvoice *push = g_task_get_task_data (task);

  push->next++;
  push->step = STEP_LOOKUP_INVOICE;
  push->line = 0;
  push->looked_again = FALSE;
  g_clear_pointer (&push->customer_id, g_free);
  step (task);
}

static void
invoice_failed (GTask  *task,
                GError *error)
{
  PushInvoice *push = g_task_get_task_data (task);

  g_clear_error (&current_item (push)->error);
  current_item (push)->error = error;
  next_invoice (task);
}

/* The Id of the first entity of a query answer: TRUE with %NULL when none
 * was found. An answer that does not read as a query answer is an error,
 * not "none": that would create a second customer, item or invoice. */
static gboolean
first_found (LumQuickbooks  *self,
             JsonNode       *root,
             const char     *entity,
             char          **id,
             GError        **error)
{
  JsonObject *response = lum_json_get_object (json_node_get_object (root), "QueryResponse");
  JsonArray *found = lum_json_get_array (response, entity);
  JsonNode *first = found != NULL && json_array_get_length (found) > 0 ? json_array_get_element (found, 0) : NULL;

  *id = NULL;
  if (response != NULL && lum_json_member_is_a (response, entity, JSON_TYPE_ARRAY) &&
      (first == NULL || (JSON_NODE_HOLDS_OBJECT (first) &&
                         (*id = lum_json_dup_scalar (json_node_get_object (first), "Id")) != NULL)))
    return TRUE;
  g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_INVALID_RESPONSE,
               _("%s answered the search for the %s in a form Lumen cannot read"), service (self), entity);
  return FALSE;
}

/* Whether the answer is QuickBooks' "Duplicate Name Exists Error" (6240). */
static gboolean
is_duplicate_name (LumQuickbooks   *self,
                   LumHttpResponse *response)
{
  g_autoptr(JsonNode) root = lum_http_parse_json (response, service (self), NULL);
  JsonObject *fault = root && JSON_NODE_HOLDS_OBJECT (root) ? lum_json_get_object (json_node_get_object (root), "Fault")
                                                            : NULL;
  JsonArray *errors = lum_json_get_array (fault, "Error");
  g_autofree char *code = NULL;

  if (errors == NULL || json_array_get_length (errors) == 0 ||
      !JSON_NODE_HOLDS_OBJECT (json_array_get_element (errors, 0)))
    return FALSE;
  code = lum_json_dup_scalar (json_node_get_object (json_array_get_element (errors, 0)), "code");
  return g_strcmp0 (code, "6240") == 0;
}

static void
on_step_answer_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LumQuickbooks *self = LUM_QUICKBOOKS (source);
  PushInvoice *push = g_task_get_task_data (task);
  LumPushItem *item = current_item (push);
  GError *error = NULL;
  g_autoptr(LumHttpResponse) response = lum_connector_request_finish (LUM_CONNECTOR (self), result, &error);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *found = NULL;

  if (response == NULL || !lum_connector_check_answer (LUM_CONNECTOR (self), response, &root, &error))
    {
      /* another push (of this process or another) created the customer or
       * item between the search and the creation: search it again, once */
      if (response != NULL && !push->looked_again &&
          (push->step == STEP_CREATE_CUSTOMER || push->step == STEP_CREATE_ITEM) && is_duplicate_name (self, response))
        {
          push->looked_again = TRUE;
          push->step = push->step == STEP_CREATE_CUSTOMER ? STEP_FIND_CUSTOMER : STEP_FIND_ITEM;
          g_clear_error (&error);
          step (g_steal_pointer (&task));
          return;
        }
      invoice_failed (g_steal_pointer (&task), error);
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      invoice_failed (g_steal_pointer (&task),
                      g_error_new (LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_INVALID_RESPONSE,
                                   _("%s answered with something else than an object"), service (self)));
      return;
    }

  switch (push->step)
    {
    case STEP_LOOKUP_INVOICE:
      if (!first_found (self, root, "Invoice", &found, &error))
        {
          invoice_failed (g_steal_pointer (&task), error);
          return;
        }
      if (found != NULL)
        {
          /* the earlier attempt arrived: nothing more to send */
          item->remote_id = g_steal_pointer (&found);
          next_invoice (g_steal_pointer (&task));
          return;
        }
      push->step = STEP_FIND_CUSTOMER;
      break;

    case STEP_FIND_CUSTOMER:
      if (!first_found (self, root, "Customer", &push->customer_id, &error))
        {
          invoice_failed (g_steal_pointer (&task), error);
          return;
        }
      if (push->customer_id != NULL)
        push->looked_again = FALSE;
      push->step = push->customer_id ? STEP_FIND_ITEM : STEP_CREATE_CUSTOMER;
      break;

    case STEP_CREATE_CUSTOMER:
      push->customer_id = lum_json_dup_scalar (lum_json_get_object (json_node_get_object (root), "Customer"), "Id");
      if (push->customer_id == NULL)
        {
          invoice_failed (g_steal_pointer (&task),
                          g_error_new (LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_INVALID_RESPONSE,
                                       _("%s created the customer but did not say its Id"), service (self)));
          return;
        }
      push->step = STEP_FIND_ITEM;
      break;

    case STEP_FIND_ITEM:
    case STEP_CREATE_ITEM:
      {
        JsonObject *line = json_array_get_object_element (summary_lines (push), push->line);
        g_autofree char *id = NULL;

        if (push->step == STEP_FIND_ITEM && !first_found (self, root, "Item", &id, &error))
          {
            invoice_failed (g_steal_pointer (&task), error);
            return;
          }
        if (push->step == STEP_CREATE_ITEM)
          id = lum_json_dup_scalar (lum_json_get_object (json_node_get_object (root), "Item"), "Id");
        if (id == NULL && push->step == STEP_CREATE_ITEM)
          {
            invoice_failed (g_steal_pointer (&task),
                            g_error_new (LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_INVALID_RESPONSE,
                                         _("%s created the item but did not say its Id"), service (self)));
            return;
          }
        if (id == NULL)
          {
            push->step = STEP_CREATE_ITEM;
            break;
          }
        g_hash_table_insert (push->item_ids, g_strdup (lum_json_get_string (line, "sku")), g_steal_pointer (&id));
        push->line++;
        push->looked_again = FALSE;
        push->step = STEP_FIND_ITEM;
      }
      break;

    case STEP_CREATE_INVOICE:
    default:
      item->remote_id = lum_quickbooks_dup_created_id (root, "Invoice", NULL);
      if (item->remote_id == NULL)
        item->error = g_error_new (LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_INVALID_RESPONSE,
                                   _("%s created invoice %s but did not say its Id"), service (self),
                                   item->order_number);
      next_invoice (g_steal_pointer (&task));
      return;
    }

  step (g_steal_pointer (&task));
}

static void
send_query (GTask      *task,
            const char *entity,
            const char *field,
            const char *value)
{
  LumQuickbooks *self = g_task_get_source_object (task);
  g_autofree char *quoted = lum_quickbooks_query_quote (value);
  g_autofree char *query = g_strdup_printf ("select * from %s where %s = %s", entity, field, quoted);
  g_autofree char *escaped = g_uri_escape_string (query, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/query?query=%s&minorversion=%s", escaped, LUM_QUICKBOOKS_MINOR_VERSION);
  g_autoptr(SoupMessage) message = api_message (self, "GET", path, NULL);

  lum_connector_request_async (LUM_CONNECTOR (self), message, g_task_get_cancellable (task), on_step_answer_cb, task);
}

static void
send_create (GTask       *task,
             const char  *entity_path,
             JsonNode    *body,
             const char  *request_id,
             LumPushItem *watch_for)
{
  LumQuickbooks *self = g_task_get_source_object (task);
  g_autofree char *path = request_id
    ? g_strdup_printf ("/%s?minorversion=%s&requestid=%s", entity_path, LUM_QUICKBOOKS_MINOR_VERSION, request_id)
    : g_strdup_printf ("/%s?minorversion=%s", entity_path, LUM_QUICKBOOKS_MINOR_VERSION);
  g_autoptr(SoupMessage) message = api_message (self, "POST", path, body);

  if (watch_for != NULL)
    lum_push_item_watch (watch_for, message, NULL);
  lum_connector_request_async (LUM_CONNECTOR (self), message, g_task_get_cancellable (task), on_step_answer_cb, task);
}

static JsonNode *
ref_node (const char *value)
{
  JsonObject *ref = json_object_new ();
  JsonNode *node;

  json_object_set_string_member (ref, "value", value);
  node = json_node_init_object (json_node_alloc (), ref);
  json_object_unref (ref);
  return node;
}

/* The QuickBooks invoice of a Lumen invoice summary, refs resolved. */
static JsonNode *
invoice_body (LumQuickbooks *self,
              PushInvoice   *push)
{
  JsonObject *in = summary (push);
  JsonArray *lines = summary_lines (push);
  JsonObject *invoice = json_object_new ();
  JsonArray *out_lines = json_array_new ();
  JsonNode *node;

  json_object_set_string_member (invoice, "DocNumber", lum_json_get_string (in, "number"));
  json_object_set_string_member (invoice, "TxnDate", lum_json_get_string (in, "issue_date"));
  if (lum_json_get_string (in, "due_date") != NULL)
    json_object_set_string_member (invoice, "DueDate", lum_json_get_string (in, "due_date"));
  json_object_set_member (invoice, "CustomerRef", ref_node (push->customer_id));
  if (lum_json_get_string (in, "email") != NULL)
    {
      JsonObject *email = json_object_new ();
      json_object_set_string_member (email, "Address", lum_json_get_string (in, "email"));
      json_object_set_object_member (invoice, "BillEmail", email);
    }
  if (lum_json_get_string (in, "po_number") != NULL)
    json_object_set_string_member (invoice, "PrivateNote", lum_json_get_string (in, "po_number"));

  for (guint i = 0; lines != NULL && i < json_array_get_length (lines); i++)
    {
      JsonObject *line = json_array_get_object_element (lines, i);
      JsonObject *out = json_object_new ();
      JsonObject *detail = json_object_new ();
      gint64 qty = 0, cents = 0;

      lum_json_get_int (line, "quantity", &qty);
      lum_json_get_int (line, "unit_price_cents", &cents);
      json_object_set_string_member (out, "DetailType", "SalesItemLineDetail");
      json_object_set_double_member (out, "Amount", qty * cents / 100.0);
      json_object_set_string_member (out, "Description", lum_json_get_string (line, "description"));
      json_object_set_member (detail, "ItemRef",
                              ref_node (g_hash_table_lookup (push->item_ids, lum_json_get_string (line, "sku"))));
      json_object_set_int_member (detail, "Qty", qty);
      json_object_set_double_member (detail, "UnitPrice", cents / 100.0);
      json_object_set_object_member (out, "SalesItemLineDetail", detail);
      json_array_add_object_element (out_lines, out);
    }
  json_object_set_array_member (invoice, "Line", out_lines);

  node = json_node_init_object (json_node_alloc (), invoice);
  json_object_unref (invoice);
  return node;
}

static void
step (GTask *task)
{
  LumQuickbooks *self = g_task_get_source_object (task);
  PushInvoice *push = g_task_get_task_data (task);
  LumPushItem *item;
  JsonObject *in;
  JsonArray *lines;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  if (push->next >= push->items->len)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  item = current_item (push);
  in = summary (push);
  lines = summary_lines (push);

  switch (push->step)
    {
    case STEP_LOOKUP_INVOICE:
      if (!item->may_have_arrived)
        {
          push->step = STEP_FIND_CUSTOMER;
          step (task);
          return;
        }
      send_query (task, "Invoice", "DocNumber", lum_json_get_string (in, "number"));
      return;

    case STEP_FIND_CUSTOMER:
      send_query (task, "Customer", "DisplayName", lum_json_get_string (in, "customer"));
      return;

    case STEP_CREATE_CUSTOMER:
      {
        g_autoptr(JsonBuilder) b = json_builder_new ();
        g_autoptr(JsonNode) body = NULL;

        json_builder_begin_object (b);
        json_builder_set_member_name (b, "DisplayName");
        json_builder_add_string_value (b, lum_json_get_string (in, "customer"));
        if (lum_json_get_string (in, "email") != NULL)
          {
            json_builder_set_member_name (b, "PrimaryEmailAddr");
            json_builder_begin_object (b);
            json_builder_set_member_name (b, "Address");
            json_builder_add_string_value (b, lum_json_get_string (in, "email"));
            json_builder_end_object (b);
          }
        json_builder_end_object (b);
        body = json_builder_get_root (b);
        send_create (task, "customer", body, NULL, NULL);
      }
      return;

    case STEP_FIND_ITEM:
      while (lines != NULL && push->line < json_array_get_length (lines) &&
             g_hash_table_contains (push->item_ids,
                                    lum_json_get_string (json_array_get_object_element (lines, push->line), "sku")))
        push->line++;
      if (lines == NULL || push->line >= json_array_get_length (lines))
        {
          push->step = STEP_CREATE_INVOICE;
          step (task);
          return;
        }
      send_query (task, "Item", "Name", lum_json_get_string (json_array_get_object_element (lines, push->line), "sku"));
      return;

    case STEP_CREATE_ITEM:
      {
        JsonObject *line = json_array_get_object_element (lines, push->line);
        const char *account = setting (self, LUM_SETTING_QUICKBOOKS_INCOME_ACCOUNT);
        g_autoptr(JsonBuilder) b = json_builder_new ();
        g_autoptr(JsonNode) body = NULL;

        json_builder_begin_object (b);
        json_builder_set_member_name (b, "Name");
        json_builder_add_string_value (b, lum_json_get_string (line, "sku"));
        json_builder_set_member_name (b, "Sku");
        json_builder_add_string_value (b, lum_json_get_string (line, "sku"));
        json_builder_set_member_name (b, "Description");
        json_builder_add_string_value (b, lum_json_get_string (line, "description"));
        json_builder_set_member_name (b, "Type");
        json_builder_add_string_value (b, "NonInventory");
        json_builder_set_member_name (b, "IncomeAccountRef");
        json_builder_begin_object (b);
        json_builder_set_member_name (b, "value");
        json_builder_add_string_value (b, account);
        json_builder_end_object (b);
        json_builder_end_object (b);
        body = json_builder_get_root (b);
        send_create (task, "item", body, NULL, NULL);
      }
      return;

    case STEP_CREATE_INVOICE:
    default:
      {
        g_autoptr(JsonNode) body = invoice_body (self, push);
        send_create (task, "invoice", body, lum_json_get_string (in, "request_id"), current_item (push));
      }
      return;
    }
}

/* Each item's payload is a summary: number, issue_date, due_date, customer,
 * email, po_number, request_id and lines (sku, description, quantity,
 * unit_price_cents). */
static void
quickbooks_push_async (LumConnector        *connector,
                       GPtrArray           *items,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task = g_task_new (connector, cancellable, callback, user_data);
  PushInvoice *push = g_new0 (PushInvoice, 1);

  g_task_set_source_tag (task, quickbooks_push_async);
  push->items = g_ptr_array_ref (items);
  push->item_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_task_set_task_data (task, push, push_invoice_free);

  /* the items Lumen creates need the company's income account; refused
   * before any request rather than guessed */
  if (lum_str_empty (setting (LUM_QUICKBOOKS (connector), LUM_SETTING_QUICKBOOKS_INCOME_ACCOUNT)))
    {
      const char *name = service (LUM_QUICKBOOKS (connector));

      for (guint i = 0; i < items->len; i++)
        {
          LumPushItem *item = g_ptr_array_index (items, i);

          g_clear_error (&item->error);
          item->error = g_error_new (LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED,
                                     _("%s has no income account for the items Lumen creates: choose one in "
                                       "Integrations, or run “lumenctl integration accounts \"%s\"” and "
                                       "“lumenctl integration edit \"%s\" --income-account ID”, then retry"),
                                     name, name, name);
        }
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  step (task);
}

/* -- test ----------------------------------------------------------------- */

static void
on_company_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LumQuickbooks *self = LUM_QUICKBOOKS (source);
  GError *error = NULL;
  g_autoptr(JsonNode) root = lum_connector_request_json_finish (LUM_CONNECTOR (self), result, &error);

  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task,
                         g_strdup_printf (_("Connected to %s: the authorization works and company %s answers."),
                                          service (self), setting (self, LUM_SETTING_QUICKBOOKS_REALM)),
                         g_free);
}

static void
quickbooks_test_async (LumConnector        *connector,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  LumQuickbooks *self = LUM_QUICKBOOKS (connector);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *query = g_uri_escape_string ("select * from Customer maxresults 1", NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/query?query=%s&minorversion=%s", query, LUM_QUICKBOOKS_MINOR_VERSION);
  g_autoptr(SoupMessage) message = api_message (self, "GET", path, NULL);

  g_task_set_source_tag (task, quickbooks_test_async);
  lum_connector_request_async (connector, message, cancellable, on_company_cb, task);
}

static void
lum_quickbooks_finalize (GObject *object)
{
  LumQuickbooks *self = (LumQuickbooks *)object;

  g_clear_pointer (&self->access_token, g_free);

  G_OBJECT_CLASS (lum_quickbooks_parent_class)->finalize (object);
}

static void
lum_quickbooks_class_init (LumQuickbooksClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  LumConnectorClass *connector_class = LUM_CONNECTOR_CLASS (klass);

  object_class->finalize = lum_quickbooks_finalize;
  connector_class->batch_size = 1;
  connector_class->errors_in_success = TRUE;
  connector_class->error_message = quickbooks_error_message;
  connector_class->authorize_async = quickbooks_authorize_async;
  connector_class->push_async = quickbooks_push_async;
  connector_class->test_async = quickbooks_test_async;
}

static void
lum_quickbooks_init (LumQuickbooks *self)
{
}

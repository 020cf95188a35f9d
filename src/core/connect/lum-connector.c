/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-connect"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lum-connector.h"
#include "lum-extensiv.h"
#include "lum-quickbooks.h"
#include "lum-secrets.h"
#include "lum-shipstation.h"
#include "lum-shipstation-v2.h"
#include "lum-util.h"

/* Settings that tune a limiter (the defaults follow each service's
 * documented limits); tests and benchmarks compress the window. */
#define SETTING_MAX_IN_FLIGHT "max_in_flight"
#define SETTING_REQUESTS      "rate_limit_requests"
#define SETTING_WINDOW_MS     "rate_limit_window_ms"

typedef struct
{
  LumIntegration *integration;
  SoupSession    *session;
  LumRateLimiter *limiter;
  GHashTable     *secrets;
} LumConnectorPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (LumConnector, lum_connector, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INTEGRATION,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

LumPushItem *
lum_push_item_new (gint64      job_id,
                   LumJobKind  kind,
                   const char *order_number,
                   const char *order_key,
                   JsonNode   *payload)
{
  LumPushItem *item = g_new0 (LumPushItem, 1);

  item->job_id = job_id;
  item->kind = kind;
  item->order_number = g_strdup (order_number);
  item->order_key = g_strdup (order_key);
  item->payload = payload ? json_node_ref (payload) : NULL;
  return item;
}

void
lum_push_item_free (LumPushItem *item)
{
  if (item == NULL)
    return;
  g_free (item->order_number);
  g_free (item->order_key);
  g_clear_pointer (&item->payload, json_node_unref);
  g_free (item->remote_id);
  g_clear_error (&item->error);
  g_clear_pointer (&item->sent, lum_http_exchange_free);
  g_free (item);
}

#define WATCHERS_KEY "lum-push-watchers"

typedef struct
{
  LumPushItem *item;
  char        *body;
} Watcher;

static void
watcher_free (gpointer data)
{
  Watcher *watcher = data;

  g_free (watcher->body);
  g_free (watcher);
}

/**
 * lum_push_item_watch:
 * @message: the request that carries @item's order
 * @own_body: (nullable): @item's part of the body when @message carries
 *   several orders, or %NULL when the body is @item's alone
 *
 * Asks the request path (lum_connector_request_async()) to keep in
 * @item->sent what @message sent and what came back. @item must outlive
 * the request, as the items of a push do.
 */
void
lum_push_item_watch (LumPushItem *item,
                     SoupMessage *message,
                     JsonNode    *own_body)
{
  GPtrArray *watchers = g_object_get_data (G_OBJECT (message), WATCHERS_KEY);
  Watcher *watcher = g_new0 (Watcher, 1);

  g_return_if_fail (item != NULL);
  g_return_if_fail (SOUP_IS_MESSAGE (message));

  if (watchers == NULL)
    {
      watchers = g_ptr_array_new_with_free_func (watcher_free);
      g_object_set_data_full (G_OBJECT (message), WATCHERS_KEY, watchers, (GDestroyNotify)g_ptr_array_unref);
    }
  watcher->item = item;
  watcher->body = own_body ? lum_json_write (own_body, FALSE) : NULL;
  g_ptr_array_add (watchers, watcher);
}

/* The one place every request of a push passes: what it sent and what
 * came back (@response %NULL when nothing did) go to the items it was for. */
static void
keep_exchange (SoupMessage     *message,
               LumHttpResponse *response)
{
  GPtrArray *watchers = g_object_get_data (G_OBJECT (message), WATCHERS_KEY);

  for (guint i = 0; watchers != NULL && i < watchers->len; i++)
    {
      Watcher *watcher = g_ptr_array_index (watchers, i);

      g_clear_pointer (&watcher->item->sent, lum_http_exchange_free);
      watcher->item->sent = lum_http_exchange_new (message, watcher->body, response);
    }
}

static guint
setting_uint (LumIntegration *integration,
              const char     *key,
              guint           fallback)
{
  const char *value = lum_integration_get_setting (integration, key);
  guint64 number;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 1, G_MAXUINT32, &number, NULL))
    return fallback;
  return (guint)number;
}

static void
lum_connector_constructed (GObject *object)
{
  LumConnector *self = LUM_CONNECTOR (object);
  LumConnectorPrivate *priv = lum_connector_get_instance_private (self);
  guint in_flight = 1, requests = 40, window_ms = 60000;

  G_OBJECT_CLASS (lum_connector_parent_class)->constructed (object);

  switch (lum_integration_get_kind (priv->integration))
    {
    case LUM_INTEGRATION_KIND_SHIPSTATION:
      in_flight = 1, requests = 40, window_ms = 60000;
      break;
    case LUM_INTEGRATION_KIND_SHIPSTATION_V2:
      /* V2 documents 200 requests a minute per key */
      in_flight = 2, requests = 200, window_ms = 60000;
      break;
    case LUM_INTEGRATION_KIND_EXTENSIV:
      in_flight = 4, requests = 100, window_ms = 60000;
      break;
    case LUM_INTEGRATION_KIND_QUICKBOOKS:
      in_flight = 10, requests = 500, window_ms = 60000;
      break;
    default:
      break;
    }
  priv->limiter = lum_rate_limiter_new (setting_uint (priv->integration, SETTING_MAX_IN_FLIGHT, in_flight),
                                        setting_uint (priv->integration, SETTING_REQUESTS, requests),
                                        setting_uint (priv->integration, SETTING_WINDOW_MS, window_ms));
}

static void
lum_connector_dispose (GObject *object)
{
  LumConnectorPrivate *priv = lum_connector_get_instance_private (LUM_CONNECTOR (object));

  g_clear_object (&priv->integration);
  g_clear_object (&priv->session);
  g_clear_object (&priv->limiter);

  G_OBJECT_CLASS (lum_connector_parent_class)->dispose (object);
}

static void
lum_connector_finalize (GObject *object)
{
  LumConnectorPrivate *priv = lum_connector_get_instance_private (LUM_CONNECTOR (object));

  g_clear_pointer (&priv->secrets, g_hash_table_unref);

  G_OBJECT_CLASS (lum_connector_parent_class)->finalize (object);
}

static void
lum_connector_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LumConnectorPrivate *priv = lum_connector_get_instance_private (LUM_CONNECTOR (object));

  switch (prop_id)
    {
    case PROP_INTEGRATION:
      priv->integration = g_value_dup_object (value);
      break;
    case PROP_SESSION:
      priv->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_connector_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LumConnectorPrivate *priv = lum_connector_get_instance_private (LUM_CONNECTOR (object));

  switch (prop_id)
    {
    case PROP_INTEGRATION:
      g_value_set_object (value, priv->integration);
      break;
    case PROP_SESSION:
      g_value_set_object (value, priv->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
default_authorize_async (LumConnector        *self,
                         SoupMessage         *message,
                         gboolean             renew,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_task_return_boolean (task, TRUE);
}

static gboolean
default_authorize_finish (LumConnector  *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
unsupported_async (LumConnector        *self,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("%s does not do this"), lum_connector_get_service_name (self));
}

static void
unsupported_poll_async (LumConnector        *self,
                        const char          *store_id,
                        const char          *since,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  unsupported_async (self, cancellable, callback, user_data);
}

static void
unsupported_push_async (LumConnector        *self,
                        GPtrArray           *items,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  unsupported_async (self, cancellable, callback, user_data);
}

static void
lum_connector_class_init (LumConnectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = lum_connector_constructed;
  object_class->dispose = lum_connector_dispose;
  object_class->finalize = lum_connector_finalize;
  object_class->get_property = lum_connector_get_property;
  object_class->set_property = lum_connector_set_property;

  klass->batch_size = 1;
  klass->authorize_async = default_authorize_async;
  klass->authorize_finish = default_authorize_finish;
  klass->push_async = unsupported_push_async;
  klass->list_stores_async = unsupported_async;
  klass->test_async = unsupported_async;
  klass->poll_async = unsupported_poll_async;
  klass->list_warehouses_async = unsupported_async;

  properties[PROP_INTEGRATION] =
    g_param_spec_object ("integration", NULL, NULL, LUM_TYPE_INTEGRATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SOUP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lum_connector_init (LumConnector *self)
{
  LumConnectorPrivate *priv = lum_connector_get_instance_private (self);

  priv->secrets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * lum_connector_new:
 *
 * The connector of @integration's kind. It keeps the integration's request
 * budget, so one connector an integration should serve a whole process.
 */
LumConnector *
lum_connector_new (LumIntegration *integration,
                   SoupSession    *session)
{
  GType type;

  switch (lum_integration_get_kind (integration))
    {
    case LUM_INTEGRATION_KIND_SHIPSTATION:
      type = LUM_TYPE_SHIPSTATION;
      break;
    case LUM_INTEGRATION_KIND_SHIPSTATION_V2:
      type = LUM_TYPE_SHIPSTATION_V2;
      break;
    case LUM_INTEGRATION_KIND_EXTENSIV:
      type = LUM_TYPE_EXTENSIV;
      break;
    case LUM_INTEGRATION_KIND_QUICKBOOKS:
      type = LUM_TYPE_QUICKBOOKS;
      break;
    default:
      g_return_val_if_reached (NULL);
    }
  return g_object_new (type, "integration", integration, "session", session, NULL);
}

LumIntegration *
lum_connector_get_integration (LumConnector *self)
{
  LumConnectorPrivate *priv = lum_connector_get_instance_private (self);
  return priv->integration;
}

LumRateLimiter *
lum_connector_get_limiter (LumConnector *self)
{
  LumConnectorPrivate *priv = lum_connector_get_instance_private (self);
  return priv->limiter;
}

SoupSession *
lum_connector_get_session (LumConnector *self)
{
  LumConnectorPrivate *priv = lum_connector_get_instance_private (self);
  return priv->session;
}

guint
lum_connector_get_batch_size (LumConnector *self)
{
  return LUM_CONNECTOR_GET_CLASS (self)->batch_size;
}

/* "ShipStation “Sandbox ShipStation”", for messages. */
const char *
lum_connector_get_service_name (LumConnector *self)
{
  LumConnectorPrivate *priv = lum_connector_get_instance_private (self);
  return lum_integration_get_name (priv->integration);
}

char *
lum_connector_dup_url (LumConnector *self,
                       const char   *path)
{
  LumConnectorPrivate *priv = lum_connector_get_instance_private (self);
  return lum_http_join_url (lum_integration_get_base_url (priv->integration), path);
}

void
lum_connector_set_secret (LumConnector *self,
                          const char   *name,
                          const char   *value)
{
  LumConnectorPrivate *priv = lum_connector_get_instance_private (self);

  if (value == NULL)
    g_hash_table_remove (priv->secrets, name);
  else
    g_hash_table_insert (priv->secrets, g_strdup (name), g_strdup (value));
}

const char *
lum_connector_get_secret (LumConnector *self,
                          const char   *name)
{
  LumConnectorPrivate *priv = lum_connector_get_instance_private (self);
  return g_hash_table_lookup (priv->secrets, name);
}

/* -- secrets -------------------------------------------------------------- */

typedef struct
{
  GStrv names;
  guint next;
} LoadSecrets;

static void
load_secrets_free (gpointer data)
{
  LoadSecrets *load = data;
  g_strfreev (load->names);
  g_free (load);
}

static void load_next_secret (GTask *task);

static void
on_secret_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LumConnector *self = g_task_get_source_object (task);
  LoadSecrets *load = g_task_get_task_data (task);
  GError *error = NULL;
  g_autofree char *value = lum_secrets_lookup_finish (result, &error);

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (value == NULL)
    {
      g_task_return_new_error (task, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED,
                               _("No credentials are stored for %s (%s missing); enter them in Integrations"),
                               lum_connector_get_service_name (self), load->names[load->next]);
      return;
    }
  lum_connector_set_secret (self, load->names[load->next], value);
  load->next++;
  load_next_secret (g_steal_pointer (&task));
}

static void
load_next_secret (GTask *task)
{
  LumConnector *self = g_task_get_source_object (task);
  LoadSecrets *load = g_task_get_task_data (task);

  while (load->names[load->next] != NULL && lum_connector_get_secret (self, load->names[load->next]) != NULL)
    load->next++;
  if (load->names[load->next] == NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  lum_secrets_lookup_async (lum_connector_get_integration (self), load->names[load->next], g_task_get_cancellable (task),
                            on_secret_loaded_cb, task);
}

/**
 * lum_connector_load_secrets_async:
 *
 * Reads the named secrets from the Secret Service once; those already set
 * (lum_connector_set_secret()) are kept. A missing one is an error of
 * %LUM_REMOTE_ERROR_NOT_CONFIGURED.
 */
void
lum_connector_load_secrets_async (LumConnector        *self,
                                  const char * const  *names,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  LoadSecrets *load;

  g_return_if_fail (LUM_IS_CONNECTOR (self));
  g_return_if_fail (names != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  load = g_new0 (LoadSecrets, 1);

  g_task_set_source_tag (task, lum_connector_load_secrets_async);
  load->names = g_strdupv ((char **)names);
  g_task_set_task_data (task, load, load_secrets_free);
  load_next_secret (task);
}

gboolean
lum_connector_load_secrets_finish (LumConnector  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (LUM_IS_CONNECTOR (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, lum_connector_load_secrets_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* -- requests ------------------------------------------------------------- */

typedef struct
{
  SoupMessage *message;
  gboolean     renewed;
  gboolean     acquired;
} Request;

static void
request_free (gpointer data)
{
  Request *request = data;
  g_clear_object (&request->message);
  g_free (request);
}

static void request_authorize (GTask *task, gboolean renew);

static void
on_sent_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LumConnector *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(LumHttpResponse) response = lum_http_send_finish (result, &error);

  request->acquired = FALSE;
  lum_rate_limiter_release (lum_connector_get_limiter (self), response);
  if (response == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        keep_exchange (request->message, NULL);
      g_task_return_error (task, error);
      return;
    }

  if (response->status == 401 && !request->renewed)
    {
      /* an access token may have expired early: renew once */
      request->renewed = TRUE;
      lum_http_rewind_body (request->message);
      request_authorize (g_steal_pointer (&task), TRUE);
      return;
    }
  keep_exchange (request->message, response);
  g_task_return_pointer (task, g_steal_pointer (&response), (GDestroyNotify)lum_http_response_free);
}

static void
on_acquired_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LumConnector *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  GError *error = NULL;

  if (!lum_rate_limiter_acquire_finish (LUM_RATE_LIMITER (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  request->acquired = TRUE;
  {
    GCancellable *cancellable = g_task_get_cancellable (task);
    lum_http_send_async (lum_connector_get_session (self), request->message,
                         cancellable, on_sent_cb, g_steal_pointer (&task));
  }
}

static void
on_authorized_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LumConnector *self = LUM_CONNECTOR (source);
  GError *error = NULL;

  if (!LUM_CONNECTOR_GET_CLASS (self)->authorize_finish (self, result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  {
    GCancellable *cancellable = g_task_get_cancellable (task);
    lum_rate_limiter_acquire_async (lum_connector_get_limiter (self), cancellable,
                                    on_acquired_cb, g_steal_pointer (&task));
  }
}

static void
request_authorize (GTask    *task,
                   gboolean  renew)
{
  LumConnector *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);

  LUM_CONNECTOR_GET_CLASS (self)->authorize_async (self, request->message, renew,
                                                   g_task_get_cancellable (task),
                                                   on_authorized_cb, task);
}

/**
 * lum_connector_request_async:
 *
 * Sends @message with the integration's credentials inside its request
 * budget. An answer of 401 renews the credentials (a new token) and sends
 * once more. Any other status is the caller's to judge.
 */
void
lum_connector_request_async (LumConnector        *self,
                             SoupMessage         *message,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Request *request = g_new0 (Request, 1);

  g_task_set_source_tag (task, lum_connector_request_async);
  request->message = g_object_ref (message);
  g_task_set_task_data (task, request, request_free);
  request_authorize (task, FALSE);
}

LumHttpResponse *
lum_connector_request_finish (LumConnector  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (LUM_IS_CONNECTOR (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, lum_connector_request_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * lum_connector_check_answer:
 * @root: (out) (optional): the JSON of the answer; %NULL to judge the
 *   status alone
 *
 * Judges an answer as the service means it: a status other than 2xx (and,
 * where the class says so, a 2xx answer that carries an error) becomes the
 * matching %LUM_REMOTE_ERROR with the service's own words; a good answer
 * that is not JSON is %LUM_REMOTE_ERROR_INVALID_RESPONSE.
 */
gboolean
lum_connector_check_answer (LumConnector     *self,
                            LumHttpResponse  *response,
                            JsonNode        **root,
                            GError          **error)
{
  LumConnectorClass *klass;
  const char *service;
  g_autoptr(JsonNode) parsed = NULL;
  g_autofree char *said = NULL;

  g_return_val_if_fail (LUM_IS_CONNECTOR (self), FALSE);
  g_return_val_if_fail (response != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  klass = LUM_CONNECTOR_GET_CLASS (self);
  service = lum_connector_get_service_name (self);
  parsed = lum_http_parse_json (response, service, NULL);
  said = klass->error_message != NULL ? klass->error_message (self, response, parsed) : NULL;
  if (!lum_http_check_status (response, service, said, error))
    return FALSE;
  if (klass->errors_in_success && said != NULL)
    {
      g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_REJECTED,
                   _("%s refused the request: %s"), service, said);
      return FALSE;
    }
  if (root == NULL)
    return TRUE;
  /* parsed again only to say why it is not JSON */
  *root = parsed != NULL ? g_steal_pointer (&parsed) : lum_http_parse_json (response, service, error);
  return *root != NULL;
}

/**
 * lum_connector_request_json_finish:
 *
 * Finishes lum_connector_request_async() and judges the answer with
 * lum_connector_check_answer(): its JSON, or the error it amounts to.
 */
JsonNode *
lum_connector_request_json_finish (LumConnector  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_autoptr(LumHttpResponse) response = NULL;
  JsonNode *root = NULL;

  g_return_val_if_fail (LUM_IS_CONNECTOR (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  response = lum_connector_request_finish (self, result, error);
  if (response == NULL || !lum_connector_check_answer (self, response, &root, error))
    return NULL;
  return root;
}

/* -- operations ----------------------------------------------------------- */

/**
 * lum_connector_push_async:
 * @items: (element-type LumPushItem): at most the batch size
 *
 * Sends the orders; each item gets its remote id or its error. The call
 * itself fails only when nothing could be tried (credentials missing).
 */
void
lum_connector_push_async (LumConnector        *self,
                          GPtrArray           *items,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (LUM_IS_CONNECTOR (self));
  g_return_if_fail (items != NULL);

  LUM_CONNECTOR_GET_CLASS (self)->push_async (self, items, cancellable, callback, user_data);
}

gboolean
lum_connector_push_finish (LumConnector  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (LUM_IS_CONNECTOR (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
lum_connector_list_stores_async (LumConnector        *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (LUM_IS_CONNECTOR (self));

  LUM_CONNECTOR_GET_CLASS (self)->list_stores_async (self, cancellable, callback, user_data);
}

void
lum_connector_list_warehouses_async (LumConnector        *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (LUM_IS_CONNECTOR (self));

  LUM_CONNECTOR_GET_CLASS (self)->list_warehouses_async (self, cancellable, callback, user_data);
}

GListStore *
lum_connector_list_warehouses_finish (LumConnector  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (LUM_IS_CONNECTOR (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GListStore *
lum_connector_list_stores_finish (LumConnector  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (LUM_IS_CONNECTOR (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
lum_connector_test_async (LumConnector        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (LUM_IS_CONNECTOR (self));

  LUM_CONNECTOR_GET_CLASS (self)->test_async (self, cancellable, callback, user_data);
}

/* Returns: (transfer full): what works, in words; the error says what not. */
char *
lum_connector_test_finish (LumConnector  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (LUM_IS_CONNECTOR (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
lum_remote_shipment_free (LumRemoteShipment *remote)
{
  if (remote == NULL)
    return;
  g_clear_object (&remote->shipment);
  g_free (remote->order_key);
  g_free (remote->order_number);
  g_free (remote);
}

typedef struct
{
  GPtrArray *shipments;
  char      *latest;
} PollResult;

static void
poll_result_free (gpointer data)
{
  PollResult *poll = data;

  g_clear_pointer (&poll->shipments, g_ptr_array_unref);
  g_free (poll->latest);
  g_free (poll);
}

/**
 * lum_connector_poll_async:
 * @store_id: the store (ShipStation) or customer:facility (Extensiv)
 * @since: (nullable): the newest date of the last poll, as the service
 *   wrote it; the connector reads back a little before it, so nothing on
 *   the boundary is missed
 *
 * Reads every shipment made since @since, all pages of them.
 */
void
lum_connector_poll_async (LumConnector        *self,
                          const char          *store_id,
                          const char          *since,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (LUM_IS_CONNECTOR (self));
  g_return_if_fail (store_id != NULL);

  LUM_CONNECTOR_GET_CLASS (self)->poll_async (self, store_id, since, cancellable, callback, user_data);
}

/**
 * lum_connector_poll_finish:
 * @latest: (out) (transfer full) (nullable): the newest date seen, for the
 *   next poll; %NULL when nothing was seen
 *
 * Returns: (transfer container) (element-type LumRemoteShipment): the shipments
 */
GPtrArray *
lum_connector_poll_finish (LumConnector  *self,
                           GAsyncResult  *result,
                           char         **latest,
                           GError       **error)
{
  PollResult *poll;
  GPtrArray *shipments;

  g_return_val_if_fail (LUM_IS_CONNECTOR (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  poll = g_task_propagate_pointer (G_TASK (result), error);

  if (poll == NULL)
    return NULL;
  shipments = g_steal_pointer (&poll->shipments);
  if (latest != NULL)
    *latest = g_steal_pointer (&poll->latest);
  poll_result_free (poll);
  return shipments;
}

/**
 * lum_connector_reports_stock:
 *
 * Whether the OMS's API reports stock at all. ShipStation API V1 has no
 * inventory API: its stock is "not reported", never zero.
 */
gboolean
lum_connector_reports_stock (LumConnector *self)
{
  g_return_val_if_fail (LUM_IS_CONNECTOR (self), FALSE);
  return LUM_CONNECTOR_GET_CLASS (self)->read_stock_async != NULL;
}

/**
 * lum_connector_read_stock_async:
 * @sku: (nullable): the one SKU to read, or %NULL for every SKU
 *
 * Reads the stock the OMS reports, every page of it, by its own
 * warehouses. An OMS without an inventory API fails with
 * %G_IO_ERROR_NOT_SUPPORTED.
 */
void
lum_connector_read_stock_async (LumConnector        *self,
                                const char          *sku,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (LUM_IS_CONNECTOR (self));

  if (!lum_connector_reports_stock (self))
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, lum_connector_read_stock_async);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("%s does not report stock"), lum_connector_get_service_name (self));
      return;
    }
  LUM_CONNECTOR_GET_CLASS (self)->read_stock_async (self, sku, cancellable, callback, user_data);
}

/**
 * lum_connector_read_stock_finish:
 *
 * Returns: (transfer container) (element-type LumStockLevel): the levels
 */
GPtrArray *
lum_connector_read_stock_finish (LumConnector  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (LUM_IS_CONNECTOR (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
lum_connector_return_poll (GTask      *task,
                           GPtrArray  *shipments,
                           const char *latest)
{
  PollResult *poll = g_new0 (PollResult, 1);

  poll->shipments = g_ptr_array_ref (shipments);
  poll->latest = g_strdup (latest);
  g_task_return_pointer (task, poll, poll_result_free);
}

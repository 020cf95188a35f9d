/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-sandbox"

#include "lum-sandbox-private.h"

#include <string.h>

/*
 * The object and its API. All state sits behind one recursive lock, so the
 * public functions may be called from another thread than the one that runs
 * the server (lum-sandbox-server.c).
 */

G_DEFINE_FINAL_TYPE (LumSandbox, lum_sandbox, G_TYPE_OBJECT)
G_DEFINE_QUARK (lum-sandbox-error-quark, lum_sandbox_error)

enum
{
  REQUEST_RECEIVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

int
lum_sandbox_service_index (const char *service)
{
  for (int i = 0; i < N_SERVICES; i++)
    if (g_strcmp0 (service, lum_sandbox_service_names[i]) == 0)
      return i;
  return -1;
}

gboolean
lum_sandbox_is_service (const char *service)
{
  return lum_sandbox_service_index (service) >= 0;
}

void
lum_sandbox_emit_request_received (LumSandbox        *self,
                                   LumSandboxRequest *req)
{
  g_signal_emit (self, signals[REQUEST_RECEIVED], 0, req->service, req->method, req->path);
}

static gboolean
quit_loop_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
lum_sandbox_dispose (GObject *object)
{
  lum_sandbox_stop (LUM_SANDBOX (object));
  G_OBJECT_CLASS (lum_sandbox_parent_class)->dispose (object);
}

static void
lum_sandbox_finalize (GObject *object)
{
  LumSandbox *self = LUM_SANDBOX (object);

  lum_sandbox_shipstation_free (self->shipstation);
  lum_sandbox_extensiv_free (self->extensiv);
  lum_sandbox_quickbooks_free (self->quickbooks);
  for (int i = 0; i < N_SERVICES; i++)
    lum_sandbox_faults_free (self->faults[i]);
  lum_sandbox_log_free (self->log);
  g_hash_table_unref (self->delayed);
  if (self->clock_destroy != NULL)
    self->clock_destroy (self->clock_data);
  g_free (self->address);
  g_clear_error (&self->start_error);
  g_mutex_clear (&self->start_mutex);
  g_cond_clear (&self->start_cond);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (lum_sandbox_parent_class)->finalize (object);
}

static void
lum_sandbox_class_init (LumSandboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lum_sandbox_dispose;
  object_class->finalize = lum_sandbox_finalize;

  /**
   * LumSandbox::request-received:
   * @service: "shipstation", "extensiv", "quickbooks", "control" or "index"
   * @method: the HTTP method
   * @path: the path below the service prefix, without the query
   *
   * Emitted on the sandbox's main context for every request, once its body
   * is read and before it is answered.
   */
  signals[REQUEST_RECEIVED] =
    g_signal_new ("request-received", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
}

static void
lum_sandbox_init (LumSandbox *self)
{
  g_rec_mutex_init (&self->lock);
  g_mutex_init (&self->start_mutex);
  g_cond_init (&self->start_cond);
  self->delayed = g_hash_table_new (NULL, NULL);
  self->log = lum_sandbox_log_new ();
  for (int i = 0; i < N_SERVICES; i++)
    self->faults[i] = lum_sandbox_faults_new ();
  self->shipstation = lum_sandbox_shipstation_new (self);
  self->extensiv = lum_sandbox_extensiv_new (self);
  self->quickbooks = lum_sandbox_quickbooks_new (self);
}

/* Internal API of the services */

void
lum_sandbox_lock (LumSandbox *self)
{
  g_rec_mutex_lock (&self->lock);
}

void
lum_sandbox_unlock (LumSandbox *self)
{
  g_rec_mutex_unlock (&self->lock);
}

gint64
lum_sandbox_now_locked (LumSandbox *self)
{
  if (self->clock_func != NULL)
    return self->clock_func (self->clock_data);
  if (self->fixed_time)
    return self->fixed_us;
  return g_get_real_time () + self->offset_us;
}

LumSandboxShipstation *
lum_sandbox_get_shipstation (LumSandbox *self)
{
  return self->shipstation;
}

LumSandboxExtensiv *
lum_sandbox_get_extensiv (LumSandbox *self)
{
  return self->extensiv;
}

LumSandboxQuickbooks *
lum_sandbox_get_quickbooks (LumSandbox *self)
{
  return self->quickbooks;
}

gboolean
lum_sandbox_set_faults_locked (LumSandbox *self,
                               JsonObject *spec,
                               GError    **error)
{
  const char *service = lum_json_get_string (spec, "service");
  int index = lum_sandbox_service_index (service);

  if (index < 0 && g_strcmp0 (service, "all") != 0)
    {
      g_set_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                   "Faults need a \"service\": shipstation, extensiv, quickbooks or all");
      return FALSE;
    }
  if (index >= 0)
    return lum_sandbox_faults_configure (self->faults[index], spec, error);
  for (int i = 0; i < N_SERVICES; i++)
    if (!lum_sandbox_faults_configure (self->faults[i], spec, error))
      return FALSE;
  return TRUE;
}

void
lum_sandbox_clear_faults_locked (LumSandbox *self,
                                 const char *service)
{
  for (int i = 0; i < N_SERVICES; i++)
    if (service == NULL || g_str_equal (service, "all") || g_str_equal (service, lum_sandbox_service_names[i]))
      lum_sandbox_faults_clear (self->faults[i]);
}

void
lum_sandbox_reset_locked (LumSandbox *self)
{
  lum_sandbox_log_clear (self->log);
  lum_sandbox_clear_faults_locked (self, NULL);
  lum_sandbox_shipstation_reset (self->shipstation);
  lum_sandbox_extensiv_reset (self->extensiv);
  lum_sandbox_quickbooks_reset (self->quickbooks);
  self->fixed_time = FALSE;
  self->offset_us = 0;
}

JsonNode *
lum_sandbox_dump_locked (LumSandbox *self)
{
  JsonObject *object = json_object_new ();
  JsonObject *faults = json_object_new ();
  g_autofree char *now = lum_sandbox_time_offset (lum_sandbox_now_locked (self), TRUE);
  JsonNode *node;

  for (int i = 0; i < N_SERVICES; i++)
    json_object_set_object_member (faults, lum_sandbox_service_names[i],
                                   lum_sandbox_faults_describe (self->faults[i]));
  json_object_set_string_member (object, "now", now);
  json_object_set_array_member (object, "requests", lum_sandbox_log_dump (self->log));
  json_object_set_object_member (object, "shipstation", lum_sandbox_shipstation_dump (self->shipstation));
  json_object_set_object_member (object, "extensiv", lum_sandbox_extensiv_dump (self->extensiv));
  json_object_set_object_member (object, "quickbooks", lum_sandbox_quickbooks_dump (self->quickbooks));
  json_object_set_object_member (object, "faults", faults);
  node = lum_json_node_new_object (object);
  json_object_unref (object);
  return node;
}

guint
lum_sandbox_count_requests_locked (LumSandbox *self,
                                   const char *service,
                                   const char *method,
                                   const char *path_prefix)
{
  return lum_sandbox_log_count (self->log, service, method, path_prefix);
}

/* {"now": "2027-01-05T10:00:00Z"} stops the clock there, {"now": null}
 * returns to real time, {"advance_seconds": N} moves it on. */
gboolean
lum_sandbox_set_clock_locked (LumSandbox *self,
                              JsonObject *spec,
                              GError    **error)
{
  JsonNode *now = json_object_get_member (spec, "now");
  JsonNode *advance = json_object_get_member (spec, "advance_seconds");
  gint64 us;

  if (now == NULL && advance == NULL)
    {
      g_set_error_literal (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                           "The clock takes \"now\" (a date-time or null) or \"advance_seconds\"");
      return FALSE;
    }
  if (advance != NULL && (!lum_json_is_int (advance) || ABS (json_node_get_int (advance)) > 3153600000))
    {
      g_set_error_literal (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                           "\"advance_seconds\" must be an integer number of seconds");
      return FALSE;
    }
  if (now != NULL && !JSON_NODE_HOLDS_NULL (now)
      && (!lum_json_is_string (now) || !lum_sandbox_parse_time (json_node_get_string (now), &us)))
    {
      g_set_error_literal (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                           "\"now\" must be an ISO 8601 date-time or null");
      return FALSE;
    }
  if (now != NULL)
    {
      self->fixed_time = !JSON_NODE_HOLDS_NULL (now);
      self->offset_us = 0;
      if (self->fixed_time)
        self->fixed_us = us;
    }
  if (advance != NULL)
    {
      if (self->fixed_time)
        self->fixed_us += json_node_get_int (advance) * G_USEC_PER_SEC;
      else
        self->offset_us += json_node_get_int (advance) * G_USEC_PER_SEC;
    }
  return TRUE;
}

gboolean
lum_sandbox_set_rate_limit_locked (LumSandbox *self,
                                   const char *service,
                                   guint       requests,
                                   guint       window_ms)
{
  switch (lum_sandbox_service_index (service))
    {
    case SERVICE_SHIPSTATION:
      lum_sandbox_shipstation_set_rate_limit (self->shipstation, requests, window_ms);
      return TRUE;
    case SERVICE_EXTENSIV:
      lum_sandbox_extensiv_set_rate_limit (self->extensiv, requests, window_ms);
      return TRUE;
    case SERVICE_QUICKBOOKS:
      lum_sandbox_quickbooks_set_rate_limit (self->quickbooks, requests, window_ms);
      return TRUE;
    default:
      return FALSE;
    }
}

/* Takes @context. */
static void
prepare_listen (LumSandbox   *self,
                const char   *address,
                guint16       port,
                GMainContext *context)
{
  g_free (self->address);
  self->address = g_strdup (address != NULL ? address : "127.0.0.1");
  self->requested_port = port;
  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = context;
}

/* Public API */

LumSandbox *
lum_sandbox_new (void)
{
  return g_object_new (LUM_TYPE_SANDBOX, NULL);
}

/**
 * lum_sandbox_listen:
 * @address: an IP address, e.g. "127.0.0.1"
 * @port: the port, or 0 to let the kernel choose one
 *
 * Starts serving on the thread-default main context of the caller.
 */
gboolean
lum_sandbox_listen (LumSandbox *self,
                    const char *address,
                    guint16     port,
                    GError    **error)
{
  g_return_val_if_fail (LUM_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (self->server == NULL && self->thread == NULL, FALSE);

  prepare_listen (self, address, port, g_main_context_ref_thread_default ());
  return lum_sandbox_server_start (self, error);
}

/**
 * lum_sandbox_listen_in_thread:
 *
 * Like lum_sandbox_listen(), but serves from a thread of its own with its
 * own main context, so a client may block on it or measure without it.
 */
gboolean
lum_sandbox_listen_in_thread (LumSandbox *self,
                              const char *address,
                              guint16     port,
                              GError    **error)
{
  g_return_val_if_fail (LUM_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (self->server == NULL && self->thread == NULL, FALSE);

  prepare_listen (self, address, port, g_main_context_new ());
  self->thread_loop = g_main_loop_new (self->context, FALSE);
  self->start_done = FALSE;
  self->thread = g_thread_new ("lum-sandbox", lum_sandbox_server_thread, self);

  g_mutex_lock (&self->start_mutex);
  while (!self->start_done)
    g_cond_wait (&self->start_cond, &self->start_mutex);
  g_mutex_unlock (&self->start_mutex);

  if (self->start_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->start_error));
      lum_sandbox_stop (self);
      return FALSE;
    }
  return TRUE;
}

/* Stops serving; the state stays until the object goes. */
void
lum_sandbox_stop (LumSandbox *self)
{
  g_return_if_fail (LUM_IS_SANDBOX (self));

  if (self->thread != NULL)
    {
      g_main_context_invoke (self->context, quit_loop_cb, self->thread_loop);
      g_thread_join (g_steal_pointer (&self->thread));
      g_clear_pointer (&self->thread_loop, g_main_loop_unref);
    }
  else
    lum_sandbox_server_stop (self);
  g_clear_pointer (&self->context, g_main_context_unref);
}

guint16
lum_sandbox_get_port (LumSandbox *self)
{
  g_return_val_if_fail (LUM_IS_SANDBOX (self), 0);
  return self->port;
}

/**
 * lum_sandbox_dup_base_url:
 * @service: (nullable): "shipstation", "extensiv", "quickbooks", or NULL
 *
 * Returns: the base URL of @service, e.g. "http://127.0.0.1:43121/shipstation",
 *   to which a connector appends the real API paths; the root URL for NULL.
 */
char *
lum_sandbox_dup_base_url (LumSandbox *self,
                          const char *service)
{
  const char *address;
  gboolean ipv6;

  g_return_val_if_fail (LUM_IS_SANDBOX (self), NULL);

  address = self->address != NULL ? self->address : "127.0.0.1";
  ipv6 = strchr (address, ':') != NULL;
  return g_strdup_printf ("http://%s%s%s:%u%s%s", ipv6 ? "[" : "", address, ipv6 ? "]" : "",
                          self->port, service != NULL ? "/" : "", service != NULL ? service : "");
}

void
lum_sandbox_set_shipstation_credentials (LumSandbox *self,
                                         const char *api_key,
                                         const char *api_secret)
{
  g_return_if_fail (LUM_IS_SANDBOX (self));
  g_rec_mutex_lock (&self->lock);
  lum_sandbox_shipstation_set_credentials (self->shipstation, api_key, api_secret, TRUE);
  g_rec_mutex_unlock (&self->lock);
}

/* Another key pair for the same account, with a rate-limit window of its own. */
void
lum_sandbox_add_shipstation_credentials (LumSandbox *self,
                                         const char *api_key,
                                         const char *api_secret)
{
  g_return_if_fail (LUM_IS_SANDBOX (self));
  g_rec_mutex_lock (&self->lock);
  lum_sandbox_shipstation_set_credentials (self->shipstation, api_key, api_secret, FALSE);
  g_rec_mutex_unlock (&self->lock);
}

void
lum_sandbox_set_extensiv_credentials (LumSandbox *self,
                                      const char *client_id,
                                      const char *client_secret,
                                      const char *tpl,
                                      const char *user_login_id)
{
  g_return_if_fail (LUM_IS_SANDBOX (self));
  g_rec_mutex_lock (&self->lock);
  lum_sandbox_extensiv_set_credentials (self->extensiv, client_id, client_secret, tpl, user_login_id);
  g_rec_mutex_unlock (&self->lock);
}

void
lum_sandbox_set_quickbooks_credentials (LumSandbox *self,
                                        const char *client_id,
                                        const char *client_secret,
                                        const char *realm_id)
{
  g_return_if_fail (LUM_IS_SANDBOX (self));
  g_rec_mutex_lock (&self->lock);
  lum_sandbox_quickbooks_set_credentials (self->quickbooks, client_id, client_secret, realm_id);
  g_rec_mutex_unlock (&self->lock);
}

/**
 * lum_sandbox_set_rate_limit:
 * @requests: requests allowed per window, 0 for no limit
 * @window_ms: the window
 *
 * ShipStation counts per API key (default 40 per 60000 ms), QuickBooks per
 * company (500 per 60000 ms), Extensiv per client id (no limit by default).
 */
void
lum_sandbox_set_rate_limit (LumSandbox *self,
                            const char *service,
                            guint       requests,
                            guint       window_ms)
{
  g_return_if_fail (LUM_IS_SANDBOX (self));
  g_rec_mutex_lock (&self->lock);
  if (!lum_sandbox_set_rate_limit_locked (self, service, requests, window_ms))
    g_critical ("lum_sandbox_set_rate_limit: unknown service '%s'", service);
  g_rec_mutex_unlock (&self->lock);
}

/* Only QuickBooks limits the requests in flight (10 per company); 0: none. */
void
lum_sandbox_set_concurrency_limit (LumSandbox *self,
                                   const char *service,
                                   guint       max_in_flight)
{
  g_return_if_fail (LUM_IS_SANDBOX (self));
  g_return_if_fail (g_strcmp0 (service, "quickbooks") == 0);
  g_rec_mutex_lock (&self->lock);
  lum_sandbox_quickbooks_set_concurrency (self->quickbooks, max_in_flight);
  g_rec_mutex_unlock (&self->lock);
}

/* Lifetime of the access tokens issued from now on ("extensiv", "quickbooks"). */
void
lum_sandbox_set_token_lifetime (LumSandbox *self,
                                const char *service,
                                guint       seconds)
{
  g_return_if_fail (LUM_IS_SANDBOX (self));
  g_rec_mutex_lock (&self->lock);
  if (g_strcmp0 (service, "extensiv") == 0)
    lum_sandbox_extensiv_set_token_lifetime (self->extensiv, seconds);
  else if (g_strcmp0 (service, "quickbooks") == 0)
    lum_sandbox_quickbooks_set_token_lifetime (self->quickbooks, seconds);
  else
    g_critical ("lum_sandbox_set_token_lifetime: '%s' has no tokens", service);
  g_rec_mutex_unlock (&self->lock);
}

/* The status of QuickBooks validation faults: 400 (default) or 200, as
 * QuickBooks answers some of them. */
void
lum_sandbox_set_quickbooks_fault_status (LumSandbox *self,
                                         guint       status)
{
  g_return_if_fail (LUM_IS_SANDBOX (self));
  g_rec_mutex_lock (&self->lock);
  lum_sandbox_quickbooks_set_fault_status (self->quickbooks, status);
  g_rec_mutex_unlock (&self->lock);
}

/* Dates the sandbox writes and token lifetimes follow @func from now on;
 * rate-limit windows follow the monotonic clock so tests can compress them.
 * @func is called on the sandbox's thread, under its lock. */
void
lum_sandbox_set_clock (LumSandbox          *self,
                       LumSandboxClockFunc  func,
                       gpointer             user_data,
                       GDestroyNotify       destroy)
{
  g_return_if_fail (LUM_IS_SANDBOX (self));
  g_rec_mutex_lock (&self->lock);
  if (self->clock_destroy != NULL)
    self->clock_destroy (self->clock_data);
  self->clock_func = func;
  self->clock_data = user_data;
  self->clock_destroy = destroy;
  g_rec_mutex_unlock (&self->lock);
}

gint64
lum_sandbox_now (LumSandbox *self)
{
  gint64 now;

  g_return_val_if_fail (LUM_IS_SANDBOX (self), 0);
  g_rec_mutex_lock (&self->lock);
  now = lum_sandbox_now_locked (self);
  g_rec_mutex_unlock (&self->lock);
  return now;
}

/**
 * lum_sandbox_set_faults:
 * @spec: {"service", "failure_rate", "latency_ms", "malformed_body",
 *   "reset_after_request", "status_storm": {"status", "count", "retry_after"},
 *   "body", "body_count", "seed", "path"}
 *
 * Replaces the faults of one service ("all" for every one), or, with
 * "path", of its requests whose path holds that text ("/invoice"). Counts
 * are true (every request), false, or a number of the next requests.
 *
 * "body" (a text of at most 1 MiB) answers status 200, application/json,
 * with exactly that text instead of the real answer: the request is still
 * handled and what it stores stays, as with "malformed_body". "body_count"
 * says how many answers (true when absent). A storm, a failure or a
 * dropped connection takes precedence over it.
 */
gboolean
lum_sandbox_set_faults (LumSandbox *self,
                        JsonObject *spec,
                        GError    **error)
{
  gboolean ok;

  g_return_val_if_fail (LUM_IS_SANDBOX (self), FALSE);
  g_rec_mutex_lock (&self->lock);
  ok = lum_sandbox_set_faults_locked (self, spec, error);
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

void
lum_sandbox_clear_faults (LumSandbox *self,
                          const char *service)
{
  g_return_if_fail (LUM_IS_SANDBOX (self));
  g_rec_mutex_lock (&self->lock);
  lum_sandbox_clear_faults_locked (self, service);
  g_rec_mutex_unlock (&self->lock);
}

/* Forgets what was received and stored, the tokens, the faults and the
 * rate-limit windows; keeps credentials, limits and lifetimes. */
void
lum_sandbox_reset (LumSandbox *self)
{
  g_return_if_fail (LUM_IS_SANDBOX (self));
  g_rec_mutex_lock (&self->lock);
  lum_sandbox_reset_locked (self);
  g_rec_mutex_unlock (&self->lock);
}

/**
 * lum_sandbox_count_requests:
 * @service: (nullable): a service, "control", or NULL for all
 * @method: (nullable): "POST" …, or NULL for all
 * @path_prefix: (nullable): e.g. "/orders/createorder", below the service prefix
 *
 * Returns: how many requests of that kind were received over HTTP.
 */
guint
lum_sandbox_count_requests (LumSandbox *self,
                            const char *service,
                            const char *method,
                            const char *path_prefix)
{
  guint count;

  g_return_val_if_fail (LUM_IS_SANDBOX (self), 0);
  g_rec_mutex_lock (&self->lock);
  count = lum_sandbox_count_requests_locked (self, service, method, path_prefix);
  g_rec_mutex_unlock (&self->lock);
  return count;
}

static JsonNode *
records_locked (LumSandbox *self,
                const char *service,
                const char *kind,
                guint      *count)
{
  switch (lum_sandbox_service_index (service))
    {
    case SERVICE_SHIPSTATION:
      return lum_sandbox_shipstation_records (self->shipstation, kind, count);
    case SERVICE_EXTENSIV:
      return lum_sandbox_extensiv_records (self->extensiv, kind, count);
    case SERVICE_QUICKBOOKS:
      return lum_sandbox_quickbooks_records (self->quickbooks, kind, count);
    default:
      *count = 0;
      return NULL;
    }
}

/**
 * lum_sandbox_count_records:
 * @kind: ShipStation "orders", "shipments", "stores", "warehouses"; Extensiv "orders",
 *   "customers", "facilities"; QuickBooks "invoices", "customers", "items"
 */
guint
lum_sandbox_count_records (LumSandbox *self,
                           const char *service,
                           const char *kind)
{
  guint count = 0;
  JsonNode *records;

  g_return_val_if_fail (LUM_IS_SANDBOX (self), 0);
  g_rec_mutex_lock (&self->lock);
  records = records_locked (self, service, kind, &count);
  g_clear_pointer (&records, json_node_unref);
  g_rec_mutex_unlock (&self->lock);
  return count;
}

/* Returns: (transfer full) (nullable): a copy of the records, as an array. */
JsonNode *
lum_sandbox_dup_records (LumSandbox *self,
                         const char *service,
                         const char *kind)
{
  guint count = 0;
  JsonNode *records;
  JsonNode *copy;

  g_return_val_if_fail (LUM_IS_SANDBOX (self), NULL);
  g_rec_mutex_lock (&self->lock);
  records = records_locked (self, service, kind, &count);
  copy = lum_json_deep_copy (records);
  g_clear_pointer (&records, json_node_unref);
  g_rec_mutex_unlock (&self->lock);
  return copy;
}

/* Returns: (transfer full): what /_sandbox/dump answers. */
JsonNode *
lum_sandbox_dump (LumSandbox *self)
{
  JsonNode *shared;
  JsonNode *dump;

  g_return_val_if_fail (LUM_IS_SANDBOX (self), NULL);
  g_rec_mutex_lock (&self->lock);
  shared = lum_sandbox_dump_locked (self);
  dump = lum_json_deep_copy (shared);
  json_node_unref (shared);
  g_rec_mutex_unlock (&self->lock);
  return dump;
}

JsonNode *
lum_sandbox_control (LumSandbox *self,
                     const char *method,
                     const char *path,
                     JsonNode   *body,
                     guint      *status)
{
  g_autoptr(LumSandboxRequest) req = NULL;
  JsonNode *answer;

  g_return_val_if_fail (LUM_IS_SANDBOX (self), NULL);
  g_return_val_if_fail (method != NULL && path != NULL, NULL);

  req = lum_sandbox_request_new (self, "control", method, path);
  req->keep_json = TRUE;
  if (body != NULL)
    {
      g_autofree char *text = lum_json_write (body, FALSE);
      gsize length = strlen (text);
      req->body = g_bytes_new_take (g_steal_pointer (&text), length);
    }
  g_rec_mutex_lock (&self->lock);
  lum_sandbox_control_handle (self, req);
  lum_sandbox_request_run_finished (req);
  /* The answer may share stored records (a dump does): hand out a copy. */
  answer = req->reply_json != NULL ? lum_json_deep_copy (req->reply_json) : json_node_new (JSON_NODE_NULL);
  g_clear_pointer (&req->reply_json, json_node_unref);
  g_rec_mutex_unlock (&self->lock);

  if (status != NULL)
    *status = req->status;
  return answer;
}

/* Returns: (transfer full): the new store. */
JsonObject *
lum_sandbox_shipstation_add_store (LumSandbox *self,
                                   const char *store_name,
                                   GError    **error)
{
  g_autoptr(JsonObject) spec = json_object_new ();
  JsonObject *store;

  g_return_val_if_fail (LUM_IS_SANDBOX (self), NULL);
  json_object_set_string_member (spec, "storeName", store_name);
  g_rec_mutex_lock (&self->lock);
  store = lum_sandbox_shipstation_add_store_locked (self->shipstation, spec, error);
  g_rec_mutex_unlock (&self->lock);
  return store;
}

/* As POST /orders/createorder without auth, limits or faults.
 * Returns: (transfer full): the stored order. */
JsonObject *
lum_sandbox_shipstation_add_order (LumSandbox *self,
                                   JsonObject *order,
                                   GError    **error)
{
  JsonObject *stored;

  g_return_val_if_fail (LUM_IS_SANDBOX (self), NULL);
  g_rec_mutex_lock (&self->lock);
  stored = lum_sandbox_shipstation_upsert (self->shipstation, order, error);
  g_rec_mutex_unlock (&self->lock);
  return stored;
}

/**
 * lum_sandbox_shipstation_ship:
 * @items: (nullable): [{"sku", "quantity"}] for a partial shipment, NULL for
 *   everything not shipped yet
 *
 * Returns: (transfer full): the new shipment, as GET /shipments lists it.
 */
JsonObject *
lum_sandbox_shipstation_ship (LumSandbox *self,
                              const char *order_number,
                              const char *carrier_code,
                              const char *tracking_number,
                              JsonArray  *items,
                              GError    **error)
{
  g_autoptr(JsonObject) spec = json_object_new ();
  JsonObject *shipment;

  g_return_val_if_fail (LUM_IS_SANDBOX (self), NULL);
  json_object_set_string_member (spec, "orderNumber", order_number);
  json_object_set_string_member (spec, "carrierCode", carrier_code);
  json_object_set_string_member (spec, "trackingNumber", tracking_number);
  if (items != NULL)
    json_object_set_array_member (spec, "items", json_array_ref (items));
  g_rec_mutex_lock (&self->lock);
  shipment = lum_sandbox_shipstation_ship_locked (self->shipstation, spec, error);
  g_rec_mutex_unlock (&self->lock);
  return shipment;
}

gboolean
lum_sandbox_shipstation_void (LumSandbox *self,
                              gint64      shipment_id,
                              GError    **error)
{
  g_autoptr(JsonObject) spec = json_object_new ();
  g_autoptr(JsonObject) shipment = NULL;

  g_return_val_if_fail (LUM_IS_SANDBOX (self), FALSE);
  json_object_set_int_member (spec, "shipmentId", shipment_id);
  g_rec_mutex_lock (&self->lock);
  shipment = lum_sandbox_shipstation_void_locked (self->shipstation, spec, error);
  g_rec_mutex_unlock (&self->lock);
  return shipment != NULL;
}

/* Returns: (transfer full): the closed order. */
JsonObject *
lum_sandbox_extensiv_close (LumSandbox *self,
                            const char *reference_num,
                            const char *tracking_number,
                            const char *carrier,
                            GError    **error)
{
  g_autoptr(JsonObject) spec = json_object_new ();
  JsonObject *order;

  g_return_val_if_fail (LUM_IS_SANDBOX (self), NULL);
  json_object_set_string_member (spec, "referenceNum", reference_num);
  json_object_set_string_member (spec, "trackingNumber", tracking_number);
  if (carrier != NULL)
    json_object_set_string_member (spec, "carrier", carrier);
  g_rec_mutex_lock (&self->lock);
  order = lum_sandbox_extensiv_close_locked (self->extensiv, spec, error);
  g_rec_mutex_unlock (&self->lock);
  return order;
}

/* Makes every access token issued so far ("extensiv", "quickbooks", or NULL
 * for both) expired, as if their hour had passed. */
void
lum_sandbox_expire_tokens (LumSandbox *self,
                           const char *service)
{
  g_return_if_fail (LUM_IS_SANDBOX (self));
  g_rec_mutex_lock (&self->lock);
  if (service == NULL || g_str_equal (service, "extensiv"))
    lum_sandbox_extensiv_expire_tokens (self->extensiv);
  if (service == NULL || g_str_equal (service, "quickbooks"))
    lum_sandbox_quickbooks_expire_tokens (self->quickbooks);
  g_rec_mutex_unlock (&self->lock);
}

/* A refresh token for the sandbox company, as if the user had connected
 * through the authorization page: for tests and demos without a browser. */
char *
lum_sandbox_quickbooks_issue_refresh_token (LumSandbox *self)
{
  char *token;

  g_return_val_if_fail (LUM_IS_SANDBOX (self), NULL);
  g_rec_mutex_lock (&self->lock);
  token = lum_sandbox_quickbooks_issue_refresh_token_locked (self->quickbooks);
  g_rec_mutex_unlock (&self->lock);
  return token;
}

/**
 * lum_sandbox_set_quickbooks_app:
 * @production: a production app (https redirect URIs only), or an app's
 *   development keys (the default; http://localhost allowed too)
 *
 * Fails when a registered redirect URI is not allowed for @production.
 */
gboolean
lum_sandbox_set_quickbooks_app (LumSandbox  *self,
                                gboolean     production,
                                GError     **error)
{
  gboolean ok;

  g_return_val_if_fail (LUM_IS_SANDBOX (self), FALSE);
  g_rec_mutex_lock (&self->lock);
  ok = lum_sandbox_quickbooks_set_production (self->quickbooks, production, error);
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

/**
 * lum_sandbox_add_quickbooks_redirect_uri:
 *
 * Registers @uri among the redirect URIs of the sandbox's Intuit app, as
 * its developer does on the app's settings; the authorization page sends
 * the browser only to one of them, exactly. Refused as Intuit refuses it.
 */
gboolean
lum_sandbox_add_quickbooks_redirect_uri (LumSandbox  *self,
                                         const char  *uri,
                                         GError     **error)
{
  gboolean ok;

  g_return_val_if_fail (LUM_IS_SANDBOX (self), FALSE);
  g_rec_mutex_lock (&self->lock);
  ok = lum_sandbox_quickbooks_add_redirect_uri (self->quickbooks, uri, error);
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

/**
 * lum_sandbox_add_quickbooks_loopback_redirect:
 *
 * Registers http://localhost:PORT/callback, PORT a port free right now,
 * for Lumen's loopback sign-in against the sandbox (the integration's
 * redirect port).
 *
 * Returns: the port, or 0 with @error set
 */
guint
lum_sandbox_add_quickbooks_loopback_redirect (LumSandbox  *self,
                                              GError     **error)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *uri = NULL;
  guint port;

  if (socket == NULL || !g_socket_bind (socket, any, FALSE, error) ||
      (bound = g_socket_get_local_address (socket, error)) == NULL)
    return 0;
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  uri = g_strdup_printf ("http://localhost:%u/callback", port);
  return lum_sandbox_add_quickbooks_redirect_uri (self, uri, error) ? port : 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-sync"

#include "config.h"

#include "lum-sync-service.h"
#include "lum-engine-setup.h"

#define HTTP_TIMEOUT_S 30

struct _LumSyncService
{
  GObject               parent_instance;

  LumEngine            *engine;
  SoupSession          *session;
  GHashTable           *connectors;  /* integration id → LumConnector */
  LumPushWorker        *worker;
  LumFulfillmentPoller *poller;
  LumStockReader       *stock_reader;
  GCancellable         *poll_cancellable;

  guint                 change_check_id;
  guint                 poll_id;
  guint                 poll_interval;
  gboolean              polling;
  gboolean              reading_stock;
};

G_DEFINE_FINAL_TYPE (LumSyncService, lum_sync_service, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENGINE,
  PROP_BUSY,
  N_PROPS
};

enum {
  JOB_SENDING,
  JOB_DONE,
  JOB_FAILED,
  POLLED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* engine → its service, for those that have only the engine (a dialog):
 * one session and one set of connectors a process, so that an
 * integration's request budget is shared by all that talk to it */
static GHashTable *services;

/* -- helpers ---------------------------------------------------------------- */

static SoupSession *
new_session (void)
{
  const char *env = g_getenv ("LUMEN_HTTP_TIMEOUT");
  guint64 timeout = HTTP_TIMEOUT_S;

  if (env != NULL)
    g_ascii_string_to_unsigned (env, 10, 1, 3600, &timeout, NULL);
  return soup_session_new_with_options ("timeout", (guint)timeout,
                                        "user-agent", "Lumen/" PACKAGE_VERSION,
                                        "max-conns-per-host", 16,
                                        NULL);
}

/* -- callbacks -------------------------------------------------------------- */

static void
on_integrations_changed_cb (LumSyncService *self,
                            const char     *what)
{
  /* a changed URL, setting or secret takes effect with a new connector */
  g_hash_table_remove_all (self->connectors);
}

static void
on_integration_state_cb (LumIntegration *integration,
                         GParamSpec     *pspec,
                         LumSyncService *self)
{
  g_autoptr(LumIntegration) stored = lum_engine_get_integration (self->engine, lum_integration_get_id (integration),
                                                                 NULL);
  g_autoptr(GError) error = NULL;

  if (stored == NULL || g_strcmp0 (lum_integration_get_state (stored), lum_integration_get_state (integration)) == 0)
    return;
  lum_integration_set_state (stored, lum_integration_get_state (integration));
  if (!lum_engine_save_integration (self->engine, stored, &error))
    g_warning ("Could not record the state of %s: %s", lum_integration_get_name (stored), error->message);
}

static void
on_job_sending_cb (LumPushWorker  *worker,
                   LumJob         *job,
                   JsonNode       *payload,
                   LumSyncService *self)
{
  g_signal_emit (self, signals[JOB_SENDING], 0, job, payload);
}

static void
on_job_done_cb (LumPushWorker  *worker,
                LumJob         *job,
                LumSyncService *self)
{
  g_signal_emit (self, signals[JOB_DONE], 0, job);
}

static void
on_job_failed_cb (LumPushWorker  *worker,
                  LumJob         *job,
                  LumSyncService *self)
{
  g_signal_emit (self, signals[JOB_FAILED], 0, job);
}

static void
on_worker_busy_cb (LumSyncService *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Orders posted by another process (the window, `lumenctl order post`)
 * reach the worker and the pages through the engine's ::changed. */
static gboolean
on_change_check_cb (gpointer user_data)
{
  LumSyncService *self = user_data;

  lum_engine_check_external_changes (self->engine);
  return G_SOURCE_CONTINUE;
}

static void
on_round_polled_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LumSyncService) self = user_data;
  g_autoptr(GError) error = NULL;
  LumPollStats stats = { 0, };

  self->polling = FALSE;
  if (!lum_fulfillment_poller_poll_finish (LUM_FULFILLMENT_POLLER (source), result, &stats, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_signal_emit (self, signals[POLLED], 0, &stats, error);
}

static void
on_stock_read_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LumSyncService) self = user_data;

  self->reading_stock = FALSE;
  /* each failure was logged; the last reading stays */
  lum_stock_reader_read_finish (LUM_STOCK_READER (source), result, NULL, NULL, NULL);
}

static gboolean
on_poll_timeout_cb (gpointer user_data)
{
  LumSyncService *self = user_data;

  /* stock is read on the poll's schedule, in a round of its own */
  lum_sync_service_read_stock (self);

  /* a slow OMS must not stack rounds */
  if (!self->polling)
    {
      self->polling = TRUE;
      lum_fulfillment_poller_poll_async (self->poller, self->poll_cancellable, on_round_polled_cb,
                                         g_object_ref (self));
    }
  return G_SOURCE_CONTINUE;
}

/* -- GObject ---------------------------------------------------------------- */

static void
lum_sync_service_constructed (GObject *object)
{
  LumSyncService *self = (LumSyncService *)object;

  G_OBJECT_CLASS (lum_sync_service_parent_class)->constructed (object);

  g_return_if_fail (LUM_IS_ENGINE (self->engine));

  self->session = new_session ();
  g_signal_connect_object (self->engine, "changed::integrations", G_CALLBACK (on_integrations_changed_cb), self,
                           G_CONNECT_SWAPPED);
  if (services == NULL)
    services = g_hash_table_new (NULL, NULL);
  if (!g_hash_table_contains (services, self->engine))
    g_hash_table_insert (services, self->engine, self);

  self->worker = lum_push_worker_new (self);
  lum_push_worker_set_with_invoices (self->worker, TRUE);
  g_signal_connect_object (self->worker, "job-sending", G_CALLBACK (on_job_sending_cb), self, 0);
  g_signal_connect_object (self->worker, "job-done", G_CALLBACK (on_job_done_cb), self, 0);
  g_signal_connect_object (self->worker, "job-failed", G_CALLBACK (on_job_failed_cb), self, 0);
  g_signal_connect_object (self->worker, "notify::busy", G_CALLBACK (on_worker_busy_cb), self, G_CONNECT_SWAPPED);
  self->poller = lum_fulfillment_poller_new (self);
  self->stock_reader = lum_stock_reader_new (self);
}

static void
lum_sync_service_dispose (GObject *object)
{
  LumSyncService *self = (LumSyncService *)object;

  g_clear_handle_id (&self->change_check_id, g_source_remove);
  if (self->worker != NULL)
    lum_sync_service_stop (self);
  g_clear_object (&self->worker);
  g_clear_object (&self->poller);
  g_clear_object (&self->stock_reader);
  if (services != NULL && self->engine != NULL && g_hash_table_lookup (services, self->engine) == self)
    g_hash_table_remove (services, self->engine);
  g_hash_table_remove_all (self->connectors);
  g_clear_object (&self->session);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (lum_sync_service_parent_class)->dispose (object);
}

static void
lum_sync_service_finalize (GObject *object)
{
  LumSyncService *self = (LumSyncService *)object;

  g_clear_object (&self->poll_cancellable);
  g_clear_pointer (&self->connectors, g_hash_table_unref);

  G_OBJECT_CLASS (lum_sync_service_parent_class)->finalize (object);
}

static void
lum_sync_service_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LumSyncService *self = LUM_SYNC_SERVICE (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, lum_sync_service_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_sync_service_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LumSyncService *self = LUM_SYNC_SERVICE (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      self->engine = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_sync_service_class_init (LumSyncServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = lum_sync_service_constructed;
  object_class->dispose = lum_sync_service_dispose;
  object_class->finalize = lum_sync_service_finalize;
  object_class->get_property = lum_sync_service_get_property;
  object_class->set_property = lum_sync_service_set_property;

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, LUM_TYPE_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * LumSyncService:busy:
   *
   * Whether the push worker is in a pass (sending or recording).
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LumSyncService::job-sending:
   * @job: the job
   * @payload: what is sent
   */
  signals[JOB_SENDING] =
    g_signal_new ("job-sending", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, LUM_TYPE_JOB, JSON_TYPE_NODE);
  /**
   * LumSyncService::job-done:
   * @job: the job, as it was sent
   */
  signals[JOB_DONE] =
    g_signal_new ("job-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, LUM_TYPE_JOB);
  /**
   * LumSyncService::job-failed:
   * @job: the job with its last error
   *
   * The push worker gave up on a job.
   */
  signals[JOB_FAILED] =
    g_signal_new ("job-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, LUM_TYPE_JOB);
  /**
   * LumSyncService::polled:
   * @stats: (type gpointer): the round's #LumPollStats
   * @error: (type gpointer) (nullable): the #GError of a round that failed
   *   as a whole
   *
   * A timed poll round ended (not one that stopping cancelled).
   */
  signals[POLLED] =
    g_signal_new ("polled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_POINTER);
}

static void
lum_sync_service_init (LumSyncService *self)
{
  self->poll_cancellable = g_cancellable_new ();
  self->poll_interval = LUM_SYNC_POLL_INTERVAL_DEFAULT;
  self->connectors = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

/* -- public ----------------------------------------------------------------- */

/**
 * lum_sync_service_new:
 *
 * The sync runtime of @engine, stopped: the front end starts what it
 * wants (the push worker, the poller, the change watcher).
 */
LumSyncService *
lum_sync_service_new (LumEngine *engine)
{
  g_return_val_if_fail (LUM_IS_ENGINE (engine), NULL);
  return g_object_new (LUM_TYPE_SYNC_SERVICE, "engine", engine, NULL);
}

/**
 * lum_sync_service_dup_for_engine:
 *
 * The service of @engine in this process (the application's, while it
 * runs), or a new one when it has none: a dialog that has only the engine
 * talks to an integration through the connector the worker uses.
 *
 * Returns: (transfer full): the service
 */
LumSyncService *
lum_sync_service_dup_for_engine (LumEngine *engine)
{
  LumSyncService *service;

  g_return_val_if_fail (LUM_IS_ENGINE (engine), NULL);

  service = services != NULL ? g_hash_table_lookup (services, engine) : NULL;
  if (service != NULL)
    return g_object_ref (service);
  return lum_sync_service_new (engine);
}

LumEngine *
lum_sync_service_get_engine (LumSyncService *self)
{
  g_return_val_if_fail (LUM_IS_SYNC_SERVICE (self), NULL);
  return self->engine;
}

/**
 * lum_sync_service_get_session:
 *
 * The one HTTP session of the service's integrations
 * (`LUMEN_HTTP_TIMEOUT` seconds of I/O timeout, 30 by default).
 */
SoupSession *
lum_sync_service_get_session (LumSyncService *self)
{
  g_return_val_if_fail (LUM_IS_SYNC_SERVICE (self), NULL);
  return self->session;
}

/**
 * lum_sync_service_get_connector:
 *
 * The connector of an integration, the one the worker, the poller and the
 * remote calls use, so that its request budget is shared by everything
 * that talks to the integration. A changed integration takes effect with a
 * new one.
 *
 * Returns: (transfer full): the connector, or %NULL with @error set
 */
LumConnector *
lum_sync_service_get_connector (LumSyncService  *self,
                                gint64           integration_id,
                                GError         **error)
{
  LumConnector *connector;
  g_autoptr(LumIntegration) integration = NULL;

  g_return_val_if_fail (LUM_IS_SYNC_SERVICE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  connector = g_hash_table_lookup (self->connectors, &integration_id);
  if (connector != NULL)
    return g_object_ref (connector);

  integration = lum_engine_get_integration (self->engine, integration_id, error);
  if (integration == NULL)
    return NULL;
  connector = lum_connector_new (integration, self->session);
  /* a connector that learns the service refused its authorization for good
   * (QuickBooks: invalid_grant) says so on its integration: keep that */
  g_signal_connect_object (lum_connector_get_integration (connector), "notify::state",
                           G_CALLBACK (on_integration_state_cb), self, 0);
  g_hash_table_insert (self->connectors, g_memdup2 (&integration_id, sizeof integration_id), g_object_ref (connector));
  return connector;
}

LumPushWorker *
lum_sync_service_get_push_worker (LumSyncService *self)
{
  g_return_val_if_fail (LUM_IS_SYNC_SERVICE (self), NULL);
  return self->worker;
}

LumFulfillmentPoller *
lum_sync_service_get_poller (LumSyncService *self)
{
  g_return_val_if_fail (LUM_IS_SYNC_SERVICE (self), NULL);
  return self->poller;
}

LumStockReader *
lum_sync_service_get_stock_reader (LumSyncService *self)
{
  g_return_val_if_fail (LUM_IS_SYNC_SERVICE (self), NULL);
  return self->stock_reader;
}

/**
 * lum_sync_service_read_stock:
 *
 * Reads the stock of every OMS that reports it, unless a reading runs
 * already (the poll's timer, "Sync Now"); ::changed with "stock" tells of
 * each integration read.
 */
void
lum_sync_service_read_stock (LumSyncService *self)
{
  g_return_if_fail (LUM_IS_SYNC_SERVICE (self));

  if (self->reading_stock)
    return;
  self->reading_stock = TRUE;
  lum_stock_reader_read_async (self->stock_reader, NULL, self->poll_cancellable, on_stock_read_cb,
                               g_object_ref (self));
}

gboolean
lum_sync_service_get_busy (LumSyncService *self)
{
  g_return_val_if_fail (LUM_IS_SYNC_SERVICE (self), FALSE);
  return self->worker != NULL && lum_push_worker_get_busy (self->worker);
}

/**
 * lum_sync_service_watch_changes:
 *
 * Looks every %LUM_SYNC_CHANGE_CHECK_SECONDS for commits of other
 * processes, until the service goes; the engine then emits ::changed with
 * "external".
 */
void
lum_sync_service_watch_changes (LumSyncService *self)
{
  g_return_if_fail (LUM_IS_SYNC_SERVICE (self));

  if (self->change_check_id == 0)
    self->change_check_id = g_timeout_add_seconds (LUM_SYNC_CHANGE_CHECK_SECONDS, on_change_check_cb, self);
}

void
lum_sync_service_start_push (LumSyncService *self)
{
  g_return_if_fail (LUM_IS_SYNC_SERVICE (self));

  lum_push_worker_start (self->worker);
}

/* Stops claiming jobs; a pass in flight is cancelled. */
void
lum_sync_service_stop_push (LumSyncService *self)
{
  g_return_if_fail (LUM_IS_SYNC_SERVICE (self));

  lum_push_worker_stop (self->worker);
}

/**
 * lum_sync_service_start_polling:
 * @interval_seconds: between two rounds, at least
 *   %LUM_SYNC_POLL_INTERVAL_MIN
 *
 * Polls now and then every @interval_seconds; a new interval restarts the
 * timer. Each round ends with ::polled.
 */
void
lum_sync_service_start_polling (LumSyncService *self,
                                guint           interval_seconds)
{
  g_return_if_fail (LUM_IS_SYNC_SERVICE (self));

  g_clear_handle_id (&self->poll_id, g_source_remove);
  self->poll_interval = CLAMP (interval_seconds, LUM_SYNC_POLL_INTERVAL_MIN, LUM_SYNC_POLL_INTERVAL_MAX);
  self->poll_id = g_timeout_add_seconds (self->poll_interval, on_poll_timeout_cb, self);
  on_poll_timeout_cb (self);
}

/* Ends the timer; a round in flight finishes and is reported. */
void
lum_sync_service_stop_polling (LumSyncService *self)
{
  g_return_if_fail (LUM_IS_SYNC_SERVICE (self));

  g_clear_handle_id (&self->poll_id, g_source_remove);
}

guint
lum_sync_service_get_poll_interval (LumSyncService *self)
{
  g_return_val_if_fail (LUM_IS_SYNC_SERVICE (self), 0);
  return self->poll_interval;
}

/* Stops pushing and polling, cancelling what is in flight. The change
 * watcher keeps looking: the pages still want to hear of other processes. */
void
lum_sync_service_stop (LumSyncService *self)
{
  g_return_if_fail (LUM_IS_SYNC_SERVICE (self));

  lum_sync_service_stop_polling (self);
  g_cancellable_cancel (self->poll_cancellable);
  g_clear_object (&self->poll_cancellable);
  self->poll_cancellable = g_cancellable_new ();
  lum_sync_service_stop_push (self);
}

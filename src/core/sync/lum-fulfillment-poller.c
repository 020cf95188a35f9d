/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lum-fulfillment-poller.h"
#include "lum-engine-documents.h"
#include "lum-engine-sync.h"
#include "lum-engine-setup.h"
#include "lum-sync-service.h"
#include "lum-util.h"

struct _LumFulfillmentPoller
{
  GObject        parent_instance;

  LumEngine      *engine;
  LumSyncService *service;  /* not owned: the service owns its poller */
  GError         *last_error;
};

G_DEFINE_FINAL_TYPE (LumFulfillmentPoller, lum_fulfillment_poller, G_TYPE_OBJECT)

typedef struct
{
  gint64  integration_id;
  char   *store_id;
} Target;

typedef struct
{
  GArray       *targets;
  guint         next;
  LumPollStats  stats;
} Round;

static void
clear_target (gpointer data)
{
  g_free (((Target *)data)->store_id);
}

static void
round_free (gpointer data)
{
  Round *round = data;

  g_array_unref (round->targets);
  g_free (round);
}

/* Distinct integration and store pairs of the channels that want updates. */
static GArray *
collect_targets (LumFulfillmentPoller  *self,
                 GError               **error)
{
  g_autoptr(GListStore) channels = lum_engine_list_channels (self->engine, FALSE, error);
  GArray *targets;

  if (channels == NULL)
    return NULL;
  targets = g_array_new (FALSE, TRUE, sizeof (Target));
  g_array_set_clear_func (targets, clear_target);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (channels)); i++)
    {
      g_autoptr(LumChannel) channel = g_list_model_get_item (G_LIST_MODEL (channels), i);
      gboolean seen = FALSE;
      Target target;

      if (!lum_channel_get_push_to_oms (channel) || !lum_channel_get_push_fulfillment_updates (channel))
        continue;
      for (guint t = 0; t < targets->len; t++)
        {
          Target *other = &g_array_index (targets, Target, t);
          seen |= other->integration_id == lum_channel_get_oms_integration_id (channel) &&
                  g_strcmp0 (other->store_id, lum_channel_get_oms_store_id (channel)) == 0;
        }
      if (seen)
        continue;
      target.integration_id = lum_channel_get_oms_integration_id (channel);
      target.store_id = g_strdup (lum_channel_get_oms_store_id (channel));
      g_array_append_val (targets, target);
    }
  return targets;
}

static void poll_next (GTask *task);

static void
on_polled_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LumFulfillmentPoller *self = g_task_get_source_object (task);
  Round *round = g_task_get_task_data (task);
  Target *target = &g_array_index (round->targets, Target, round->next);
  g_autoptr(GError) error = NULL;
  g_autofree char *latest = NULL;
  g_autoptr(GPtrArray) shipments = lum_connector_poll_finish (LUM_CONNECTOR (source), result, &latest, &error);

  if (shipments == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* the cursor stays: the next poll reads the same shipments again */
      g_message ("Could not poll %s: %s", target->store_id, error->message);
      round->stats.failed_targets++;
      g_clear_error (&self->last_error);
      self->last_error = g_steal_pointer (&error);
    }
  else if (!lum_engine_apply_shipments (self->engine, target->integration_id, target->store_id, shipments, latest,
                                        &round->stats, &error))
    {
      round->stats.failed_targets++;
      g_clear_error (&self->last_error);
      self->last_error = g_steal_pointer (&error);
    }

  round->next++;
  poll_next (g_steal_pointer (&task));
}

static void
poll_next (GTask *task)
{
  LumFulfillmentPoller *self = g_task_get_source_object (task);
  Round *round = g_task_get_task_data (task);
  Target *target;
  g_autoptr(LumConnector) connector = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *since = NULL;

  while (round->next < round->targets->len)
    {
      target = &g_array_index (round->targets, Target, round->next);
      connector = self->service == NULL ? NULL
                  : lum_sync_service_get_connector (self->service, target->integration_id, &error);
      if (connector != NULL)
        break;
      round->stats.failed_targets++;
      g_clear_error (&error);
      round->next++;
    }
  if (round->next >= round->targets->len)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  since = lum_engine_get_shipment_cursor (self->engine, target->integration_id, target->store_id);
  lum_connector_poll_async (connector, target->store_id, since, g_task_get_cancellable (task), on_polled_cb, task);
}

/**
 * lum_fulfillment_poller_poll_async:
 *
 * One round over every integration and store that takes fulfillment
 * updates ("Sync now", `lumenctl sync --once`).
 */
void
lum_fulfillment_poller_poll_async (LumFulfillmentPoller *self,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  GTask *task;
  Round *round;
  GError *error = NULL;

  g_return_if_fail (LUM_IS_FULFILLMENT_POLLER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  round = g_new0 (Round, 1);

  g_task_set_source_tag (task, lum_fulfillment_poller_poll_async);
  g_task_set_task_data (task, round, round_free);
  round->targets = collect_targets (self, &error);
  if (round->targets == NULL)
    {
      round->targets = g_array_new (FALSE, TRUE, sizeof (Target));
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  poll_next (task);
}

gboolean
lum_fulfillment_poller_poll_finish (LumFulfillmentPoller  *self,
                                    GAsyncResult          *result,
                                    LumPollStats          *stats,
                                    GError               **error)
{
  Round *round;

  g_return_val_if_fail (LUM_IS_FULFILLMENT_POLLER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, lum_fulfillment_poller_poll_async), FALSE);

  round = g_task_get_task_data (G_TASK (result));

  if (stats != NULL)
    *stats = round->stats;
  return g_task_propagate_boolean (G_TASK (result), error);
}

const GError *
lum_fulfillment_poller_get_last_error (LumFulfillmentPoller *self)
{
  return self->last_error;
}

static void
lum_fulfillment_poller_dispose (GObject *object)
{
  LumFulfillmentPoller *self = (LumFulfillmentPoller *)object;

  if (self->service != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->service), (gpointer *)&self->service);
  self->service = NULL;
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (lum_fulfillment_poller_parent_class)->dispose (object);
}

static void
lum_fulfillment_poller_finalize (GObject *object)
{
  LumFulfillmentPoller *self = (LumFulfillmentPoller *)object;

  g_clear_error (&self->last_error);

  G_OBJECT_CLASS (lum_fulfillment_poller_parent_class)->finalize (object);
}

static void
lum_fulfillment_poller_class_init (LumFulfillmentPollerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lum_fulfillment_poller_dispose;
  object_class->finalize = lum_fulfillment_poller_finalize;
}

static void
lum_fulfillment_poller_init (LumFulfillmentPoller *self)
{
}

/**
 * lum_fulfillment_poller_new:
 * @service: whose connectors the poller reads through; it must outlive the
 *   poller's rounds (the service owns its own poller)
 */
LumFulfillmentPoller *
lum_fulfillment_poller_new (LumSyncService *service)
{
  LumFulfillmentPoller *self;

  g_return_val_if_fail (LUM_IS_SYNC_SERVICE (service), NULL);

  self = g_object_new (LUM_TYPE_FULFILLMENT_POLLER, NULL);
  self->engine = g_object_ref (lum_sync_service_get_engine (service));
  self->service = service;
  g_object_add_weak_pointer (G_OBJECT (service), (gpointer *)&self->service);
  return self;
}

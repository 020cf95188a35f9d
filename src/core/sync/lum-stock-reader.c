/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lum-stock-reader.h"
#include "lum-engine-setup.h"
#include "lum-engine-stock.h"
#include "lum-sync-service.h"

struct _LumStockReader
{
  GObject         parent_instance;

  LumEngine      *engine;
  LumSyncService *service;  /* not owned: the service owns its reader */
};

G_DEFINE_FINAL_TYPE (LumStockReader, lum_stock_reader, G_TYPE_OBJECT)

typedef struct
{
  char      *sku;
  GArray    *integration_ids;
  guint      next;
  guint      n_read;
  GPtrArray *failures;  /* char *, "Name: message" */
} Round;

static void
round_free (gpointer data)
{
  Round *round = data;

  g_free (round->sku);
  g_array_unref (round->integration_ids);
  g_ptr_array_unref (round->failures);
  g_free (round);
}

/* Every OMS integration whose API reports stock. */
static GArray *
collect_integrations (LumStockReader  *self,
                      GError         **error)
{
  g_autoptr(GListStore) integrations = lum_engine_list_integrations (self->engine, error);
  GArray *ids;

  if (integrations == NULL)
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (integrations)); i++)
    {
      g_autoptr(LumIntegration) integration = g_list_model_get_item (G_LIST_MODEL (integrations), i);
      gint64 id = lum_integration_get_id (integration);

      if (lum_integration_kind_reports_stock (lum_integration_get_kind (integration)))
        g_array_append_val (ids, id);
    }
  return ids;
}

static void read_next (GTask *task);

static void
add_failure (Round        *round,
             LumConnector *connector,
             const GError *error)
{
  g_ptr_array_add (round->failures,
                   g_strdup_printf ("%s: %s", connector ? lum_connector_get_service_name (connector) : "?",
                                    error->message));
}

static void
on_read_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LumStockReader *self = g_task_get_source_object (task);
  Round *round = g_task_get_task_data (task);
  LumConnector *connector = LUM_CONNECTOR (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) levels = lum_connector_read_stock_finish (connector, result, &error);
  gint64 id = g_array_index (round->integration_ids, gint64, round->next);

  if (levels == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* a failed reading keeps the last one, with its older time */
  if (levels == NULL || !lum_engine_replace_stock (self->engine, id, round->sku, levels, &error))
    {
      g_message ("Could not read the stock of %s: %s", lum_connector_get_service_name (connector), error->message);
      add_failure (round, connector, error);
    }
  else
    round->n_read++;
  round->next++;
  read_next (g_steal_pointer (&task));
}

static void
read_next (GTask *task)
{
  LumStockReader *self = g_task_get_source_object (task);
  Round *round = g_task_get_task_data (task);
  g_autoptr(LumConnector) connector = NULL;

  while (round->next < round->integration_ids->len)
    {
      g_autoptr(GError) error = NULL;
      gint64 id = g_array_index (round->integration_ids, gint64, round->next);

      connector = self->service == NULL ? NULL : lum_sync_service_get_connector (self->service, id, &error);
      if (connector != NULL)
        break;
      if (error != NULL)
        add_failure (round, NULL, error);
      round->next++;
    }
  if (round->next >= round->integration_ids->len)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  lum_connector_read_stock_async (connector, round->sku, g_task_get_cancellable (task), on_read_cb, task);
}

static void
lum_stock_reader_dispose (GObject *object)
{
  LumStockReader *self = (LumStockReader *)object;

  if (self->service != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->service), (gpointer *)&self->service);
  self->service = NULL;
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (lum_stock_reader_parent_class)->dispose (object);
}

static void
lum_stock_reader_class_init (LumStockReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lum_stock_reader_dispose;
}

static void
lum_stock_reader_init (LumStockReader *self)
{
}

/**
 * lum_stock_reader_new:
 * @service: whose connectors the reader reads through (and so whose
 *   request budgets it shares); it must outlive the reader's rounds
 */
LumStockReader *
lum_stock_reader_new (LumSyncService *service)
{
  LumStockReader *self;

  g_return_val_if_fail (LUM_IS_SYNC_SERVICE (service), NULL);

  self = g_object_new (LUM_TYPE_STOCK_READER, NULL);
  self->engine = g_object_ref (lum_sync_service_get_engine (service));
  self->service = service;
  g_object_add_weak_pointer (G_OBJECT (service), (gpointer *)&self->service);
  return self;
}

/**
 * lum_stock_reader_read_async:
 * @sku: (nullable): one SKU to read, or %NULL for all
 *
 * One round over every OMS integration that reports stock.
 */
void
lum_stock_reader_read_async (LumStockReader      *self,
                             const char          *sku,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  Round *round;
  GError *error = NULL;

  g_return_if_fail (LUM_IS_STOCK_READER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  round = g_new0 (Round, 1);
  g_task_set_source_tag (task, lum_stock_reader_read_async);
  g_task_set_task_data (task, round, round_free);
  round->sku = g_strdup (sku);
  round->failures = g_ptr_array_new_with_free_func (g_free);
  round->integration_ids = collect_integrations (self, &error);
  if (round->integration_ids == NULL)
    {
      round->integration_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  read_next (task);
}

/**
 * lum_stock_reader_read_finish:
 * @n_read: (out) (optional): integrations read
 * @failures: (out) (optional) (transfer full): "integration: why" for each
 *   one that could not be read
 *
 * Returns: %FALSE only when the round could not start or was cancelled
 */
gboolean
lum_stock_reader_read_finish (LumStockReader  *self,
                              GAsyncResult    *result,
                              guint           *n_read,
                              GStrv           *failures,
                              GError         **error)
{
  Round *round;

  g_return_val_if_fail (LUM_IS_STOCK_READER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  round = g_task_get_task_data (G_TASK (result));
  if (n_read != NULL)
    *n_read = round->n_read;
  if (failures != NULL)
    {
      GStrvBuilder *builder = g_strv_builder_new ();

      for (guint i = 0; i < round->failures->len; i++)
        g_strv_builder_add (builder, g_ptr_array_index (round->failures, i));
      *failures = g_strv_builder_end (builder);
      g_strv_builder_unref (builder);
    }
  return g_task_propagate_boolean (G_TASK (result), error);
}

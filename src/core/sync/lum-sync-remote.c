/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lum-sync-remote.h"
#include "lum-engine-setup.h"
#include "connect/lum-quickbooks.h"

/* The connector of @integration for @task; when there is none the task
 * returns the reason and is released. */
static LumConnector *
task_connector (LumSyncService *self,
                LumIntegration *integration,
                GTask          *task)
{
  GError *error = NULL;
  LumConnector *connector = lum_sync_service_get_connector (self, lum_integration_get_id (integration), &error);

  if (connector == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
    }
  return connector;
}

static void
on_tested_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *report = lum_connector_test_finish (LUM_CONNECTOR (source), result, &error);

  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, g_free);
}

/**
 * lum_sync_service_test_integration_async:
 *
 * Tries the integration's credentials and lists what they reach; the
 * result says what works in words, the error what does not.
 */
void
lum_sync_service_test_integration_async (LumSyncService      *self,
                                         LumIntegration      *integration,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task;
  g_autoptr(LumConnector) connector = NULL;

  g_return_if_fail (LUM_IS_SYNC_SERVICE (self));
  g_return_if_fail (LUM_IS_INTEGRATION (integration));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lum_sync_service_test_integration_async);
  if ((connector = task_connector (self, integration, task)) == NULL)
    return;
  lum_connector_test_async (connector, cancellable, on_tested_cb, task);
}

char *
lum_sync_service_test_integration_finish (LumSyncService  *self,
                                          GAsyncResult    *result,
                                          GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, lum_sync_service_test_integration_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_stores_fetched_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LumSyncService *self = g_task_get_source_object (task);
  LumConnector *connector = LUM_CONNECTOR (source);
  GError *error = NULL;
  g_autoptr(GListStore) stores = lum_connector_list_stores_finish (connector, result, &error);
  gint64 integration_id;

  if (stores == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* the last known list serves when the OMS cannot be reached */
  integration_id = lum_integration_get_id (lum_connector_get_integration (connector));
  if (!lum_engine_remember_remote_stores (lum_sync_service_get_engine (self), integration_id, G_LIST_MODEL (stores),
                                          &error))
    g_warning ("Could not remember the stores: %s", error->message), g_clear_error (&error);
  g_task_return_pointer (task, g_steal_pointer (&stores), g_object_unref);
}

/**
 * lum_sync_service_fetch_stores_async:
 *
 * Lists the stores live from the OMS and remembers them as the last known
 * list (lum_engine_list_remote_stores()).
 */
void
lum_sync_service_fetch_stores_async (LumSyncService      *self,
                                     LumIntegration      *integration,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;
  g_autoptr(LumConnector) connector = NULL;

  g_return_if_fail (LUM_IS_SYNC_SERVICE (self));
  g_return_if_fail (LUM_IS_INTEGRATION (integration));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lum_sync_service_fetch_stores_async);
  if ((connector = task_connector (self, integration, task)) == NULL)
    return;
  lum_connector_list_stores_async (connector, cancellable, on_stores_fetched_cb, task);
}

GListStore *
lum_sync_service_fetch_stores_finish (LumSyncService  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, lum_sync_service_fetch_stores_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* -- QuickBooks income accounts -------------------------------------------- */

static void
on_income_accounts_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GListStore *accounts = lum_quickbooks_list_income_accounts_finish (LUM_QUICKBOOKS (source), result, &error);

  if (accounts == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, accounts, g_object_unref);
}

/**
 * lum_sync_service_list_income_accounts_async:
 *
 * Lists the income accounts of a saved QuickBooks integration's company
 * live (#LumRemoteStore items: the account's id and name).
 */
void
lum_sync_service_list_income_accounts_async (LumSyncService      *self,
                                             LumIntegration      *integration,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  GTask *task;
  g_autoptr(LumConnector) connector = NULL;

  g_return_if_fail (LUM_IS_SYNC_SERVICE (self));
  g_return_if_fail (LUM_IS_INTEGRATION (integration));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lum_sync_service_list_income_accounts_async);
  if (lum_integration_get_kind (integration) != LUM_INTEGRATION_KIND_QUICKBOOKS)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Integration “%s” is not a QuickBooks Online integration: it has no income "
                                 "accounts"), lum_integration_get_name (integration));
      g_object_unref (task);
      return;
    }
  if ((connector = task_connector (self, integration, task)) == NULL)
    return;
  lum_quickbooks_list_income_accounts_async (LUM_QUICKBOOKS (connector), cancellable, on_income_accounts_cb, task);
}

GListStore *
lum_sync_service_list_income_accounts_finish (LumSyncService  *self,
                                              GAsyncResult    *result,
                                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, lum_sync_service_list_income_accounts_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_warehouses_fetched_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GListStore *warehouses = lum_connector_list_warehouses_finish (LUM_CONNECTOR (source), result, &error);

  if (warehouses == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, warehouses, g_object_unref);
}

/**
 * lum_sync_service_fetch_warehouses_async:
 *
 * Lists the OMS's own warehouses live (ShipStation GET /warehouses or
 * /v2/warehouses, Extensiv's facilities), to choose a link from.
 */
void
lum_sync_service_fetch_warehouses_async (LumSyncService      *self,
                                         LumIntegration      *integration,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task;
  g_autoptr(LumConnector) connector = NULL;

  g_return_if_fail (LUM_IS_SYNC_SERVICE (self));
  g_return_if_fail (LUM_IS_INTEGRATION (integration));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lum_sync_service_fetch_warehouses_async);
  if ((connector = task_connector (self, integration, task)) == NULL)
    return;
  lum_connector_list_warehouses_async (connector, cancellable, on_warehouses_fetched_cb, task);
}

GListStore *
lum_sync_service_fetch_warehouses_finish (LumSyncService  *self,
                                          GAsyncResult    *result,
                                          GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, lum_sync_service_fetch_warehouses_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

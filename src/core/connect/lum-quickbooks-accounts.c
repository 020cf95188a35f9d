/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-connect"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lum-quickbooks-private.h"
#include "lum-util.h"
#include "model/lum-remote-store.h"

/* The company's income accounts, for the items Lumen creates. */

static void
on_accounts_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LumQuickbooks *self = LUM_QUICKBOOKS (source);
  GError *error = NULL;
  g_autoptr(JsonNode) root = lum_connector_request_json_finish (LUM_CONNECTOR (self), result, &error);
  g_autoptr(GListStore) accounts = NULL;
  JsonObject *query;
  JsonArray *found;

  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  query = JSON_NODE_HOLDS_OBJECT (root) ? lum_json_get_object (json_node_get_object (root), "QueryResponse") : NULL;
  if (query == NULL || !lum_json_member_is_a (query, "Account", JSON_TYPE_ARRAY))
    {
      g_task_return_new_error (task, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_INVALID_RESPONSE,
                               _("%s answered the search for the income accounts in a form Lumen cannot read"),
                               lum_connector_get_service_name (LUM_CONNECTOR (self)));
      return;
    }
  /* no account at all: QueryResponse holds no Account array */
  found = lum_json_get_array (query, "Account");
  accounts = g_list_store_new (LUM_TYPE_REMOTE_STORE);
  for (guint i = 0; found != NULL && i < json_array_get_length (found); i++)
    {
      JsonNode *node = json_array_get_element (found, i);
      g_autofree char *id = NULL;
      const char *name;
      g_autoptr(LumRemoteStore) account = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node) || (id = lum_json_dup_scalar (json_node_get_object (node), "Id")) == NULL)
        continue;
      name = lum_json_get_string (json_node_get_object (node), "FullyQualifiedName");
      if (name == NULL)
        name = lum_json_get_string (json_node_get_object (node), "Name");
      account = lum_remote_store_new (id, name ? name : id);
      g_list_store_append (accounts, account);
    }
  g_task_return_pointer (task, g_steal_pointer (&accounts), g_object_unref);
}

/**
 * lum_quickbooks_list_income_accounts_async:
 *
 * Lists the company's active income accounts (a query on Account with
 * AccountType = 'Income', as Intuit's Account reference names the type),
 * as #LumRemoteStore items: the account's Id and its full name.
 */
void
lum_quickbooks_list_income_accounts_async (LumQuickbooks       *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  GTask *task;
  g_autofree char *query = g_uri_escape_string ("select * from Account where AccountType = 'Income' "
                                                "maxresults 1000", NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/query?query=%s&minorversion=%s", query, LUM_QUICKBOOKS_MINOR_VERSION);
  g_autoptr(SoupMessage) message = lum_quickbooks_api_message (self, "GET", path, NULL);

  g_return_if_fail (LUM_IS_QUICKBOOKS (self));

  task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, lum_quickbooks_list_income_accounts_async);
  lum_connector_request_async (LUM_CONNECTOR (self), message, cancellable, on_accounts_cb, task);
}

/* Returns: (transfer full): the accounts, #LumRemoteStore items */
GListStore *
lum_quickbooks_list_income_accounts_finish (LumQuickbooks  *self,
                                            GAsyncResult   *result,
                                            GError        **error)
{
  g_return_val_if_fail (LUM_IS_QUICKBOOKS (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, lum_quickbooks_list_income_accounts_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

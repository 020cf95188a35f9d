/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-connect"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lum-extensiv.h"
#include "lum-extensiv-private.h"
#include "lum-json.h"
#include "lum-util.h"
#include "model/lum-stock-level.h"

/*
 * Stock from Extensiv: `GET /inventory/stocksummaries` ("Retrieve stock
 * summaries": on hand, available, allocated and committed by facility
 * and item), paged with pgsiz and pgnum, the list under "summaries" with
 * "totalResults" (the description's PascalCase Summaries/TotalResults,
 * camelCase as the real JSON is; either is read). A quantity may be a
 * fraction: Lumen counts whole units and rounds down, never promising
 * more than there is. The description names no SKU filter of its own, so
 * a reading of one SKU reads every page and keeps that SKU's.
 */

#define STOCK_PAGE_SIZE 100
#define STOCK_MAX_PAGES 1000
#define HAL_JSON "application/hal+json"

typedef struct
{
  char      *sku;
  guint      page;
  GPtrArray *levels;
} Read;

static void
read_free (gpointer data)
{
  Read *read = data;

  g_free (read->sku);
  g_ptr_array_unref (read->levels);
  g_free (read);
}

static void read_page (GTask *task);

static char *
dup_text_ci (JsonObject *object,
             const char *member)
{
  JsonNode *node = object != NULL ? lum_json_member_ci (object, member) : NULL;
  g_autofree char *text = node != NULL ? lum_json_scalar_text (node) : NULL;

  return lum_str_empty (text) ? NULL : g_steal_pointer (&text);
}

/* One summary; %NULL with the member that cannot be read. */
static LumStockLevel *
parse_summary (JsonObject  *summary,
               const char **unreadable)
{
  g_autofree char *facility = dup_text_ci (summary, "facilityId");
  g_autofree char *sku = dup_text_ci (summary, "sku");
  JsonNode *available = lum_json_member_ci (summary, "available");

  if (sku == NULL)
    {
      JsonNode *identifier = lum_json_member_ci (summary, "itemIdentifier");

      if (lum_json_is_object (identifier))
        sku = dup_text_ci (json_node_get_object (identifier), "sku");
    }
  if (facility == NULL)
    *unreadable = "facilityId";
  else if (sku == NULL)
    *unreadable = "sku";
  else if (!lum_json_is_number (available) || !isfinite (lum_json_number (available)) ||
           fabs (lum_json_number (available)) > 1e15)
    *unreadable = "available";
  else
    return lum_stock_level_new (facility, sku, (gint64)floor (lum_json_number (available)));
  return NULL;
}

static void
on_read_page_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LumConnector *self = LUM_CONNECTOR (source);
  Read *read = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(JsonNode) root = lum_connector_request_json_finish (self, result, &error);
  JsonObject *answer = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonNode *total_node = answer != NULL ? lum_json_member_ci (answer, "totalResults") : NULL;
  JsonNode *list_node = answer != NULL ? lum_json_member_ci (answer, "summaries") : NULL;
  JsonArray *summaries;
  gint64 total;

  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!lum_json_is_int (total_node) || json_node_get_int (total_node) < 0 || !lum_json_is_array (list_node))
    {
      g_task_return_new_error (task, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_INVALID_RESPONSE,
                               _("%s answered the stock summaries without totalResults and summaries"),
                               lum_connector_get_service_name (self));
      return;
    }
  total = json_node_get_int (total_node);
  summaries = json_node_get_array (list_node);
  for (guint i = 0; i < json_array_get_length (summaries); i++)
    {
      JsonNode *node = json_array_get_element (summaries, i);
      const char *unreadable = "summaries[]";
      g_autoptr(LumStockLevel) level = JSON_NODE_HOLDS_OBJECT (node)
        ? parse_summary (json_node_get_object (node), &unreadable) : NULL;

      if (level == NULL)
        {
          g_task_return_new_error (task, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_INVALID_RESPONSE,
                                   _("%s listed a stock summary whose “%s” cannot be read"),
                                   lum_connector_get_service_name (self), unreadable);
          return;
        }
      if (read->sku == NULL || g_strcmp0 (read->sku, level->sku) == 0)
        g_ptr_array_add (read->levels, g_steal_pointer (&level));
    }

  if ((gint64)read->page * STOCK_PAGE_SIZE < total && read->page < STOCK_MAX_PAGES &&
      json_array_get_length (summaries) > 0)
    {
      read->page++;
      read_page (g_steal_pointer (&task));
      return;
    }
  g_task_return_pointer (task, g_ptr_array_ref (read->levels), (GDestroyNotify)g_ptr_array_unref);
}

static void
read_page (GTask *task)
{
  LumConnector *self = g_task_get_source_object (task);
  Read *read = g_task_get_task_data (task);
  g_autofree char *path = g_strdup_printf ("/inventory/stocksummaries?pgsiz=%d&pgnum=%u", STOCK_PAGE_SIZE, read->page);
  g_autofree char *url = lum_connector_dup_url (self, path);
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);

  if (message == NULL)
    {
      g_task_return_new_error (task, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED,
                               _("Base URL “%s” is not usable"),
                               lum_integration_get_base_url (lum_connector_get_integration (self)));
      g_object_unref (task);
      return;
    }
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept", HAL_JSON);
  lum_connector_request_async (self, message, g_task_get_cancellable (task), on_read_page_cb, task);
}

/**
 * lum_extensiv_read_stock_async:
 *
 * The stock reading of the connector class (lum_connector_read_stock_async()).
 */
void
lum_extensiv_read_stock_async (LumConnector        *self,
                               const char          *sku,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Read *read = g_new0 (Read, 1);

  g_task_set_source_tag (task, lum_extensiv_read_stock_async);
  read->sku = g_strdup (sku);
  read->page = 1;
  read->levels = g_ptr_array_new_with_free_func ((GDestroyNotify)lum_stock_level_free);
  g_task_set_task_data (task, read, read_free);
  read_page (task);
}

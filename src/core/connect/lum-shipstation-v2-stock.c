/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-connect"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lum-secrets.h"
#include "lum-shipstation-v2.h"
#include "lum-util.h"
#include "model/lum-stock-level.h"

/*
 * Stock from ShipStation API V2: `GET /v2/inventory` ("List SKU inventory
 * levels", the Inventory API add-on), by warehouse (group_by=warehouse),
 * of one SKU when asked (sku). Its filters are sku, inventory_warehouse_id,
 * inventory_location_id, group_by and limit; the answer pages with
 * page/pages and links.next, which is followed as given: the description
 * names no page parameter of its own. Each row says sku,
 * inventory_warehouse_id and available (on hand less allocated).
 */

#define STOCK_PAGE_SIZE 100
#define STOCK_MAX_PAGES 1000

typedef struct
{
  char      *sku;
  char      *next;    /* the path and query of the next page */
  guint      page;
  GPtrArray *levels;
} Read;

static void
read_free (gpointer data)
{
  Read *read = data;

  g_free (read->sku);
  g_free (read->next);
  g_ptr_array_unref (read->levels);
  g_free (read);
}

static void read_page (GTask *task);

/* links.next.href, from its /v2/ on (the base URL is ours: the sandbox,
 * a proxy); %NULL when there is none. */
static char *
next_path (JsonObject *answer)
{
  JsonObject *next = lum_json_get_object (lum_json_get_object (answer, "links"), "next");
  const char *href = lum_json_get_string (next, "href");
  const char *at;

  if (lum_str_empty (href) || (at = strstr (href, "/v2/inventory?")) == NULL)
    return NULL;
  return g_strdup (at);
}

/* One row; %NULL with the member that cannot be read. */
static LumStockLevel *
parse_level (JsonObject  *row,
             const char **unreadable)
{
  const char *sku = lum_json_get_string (row, "sku");
  const char *warehouse = lum_json_get_string (row, "inventory_warehouse_id");
  gint64 available = 0;

  if (lum_str_empty (sku))
    *unreadable = "sku";
  else if (lum_str_empty (warehouse))
    *unreadable = "inventory_warehouse_id";
  else if (!lum_json_get_int (row, "available", &available))
    *unreadable = "available";
  else
    return lum_stock_level_new (warehouse, sku, available);
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
  JsonObject *answer;
  JsonArray *rows;
  gint64 pages = 0;

  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  answer = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  rows = lum_json_get_array (answer, "inventory");
  if (rows == NULL)
    {
      g_task_return_new_error (task, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_INVALID_RESPONSE,
                               _("%s answered the inventory levels without “inventory”"),
                               lum_connector_get_service_name (self));
      return;
    }
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonNode *node = json_array_get_element (rows, i);
      const char *unreadable = "inventory[]";
      LumStockLevel *level = JSON_NODE_HOLDS_OBJECT (node) ? parse_level (json_node_get_object (node), &unreadable)
                                                           : NULL;

      if (level == NULL)
        {
          g_task_return_new_error (task, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_INVALID_RESPONSE,
                                   _("%s listed an inventory level whose “%s” cannot be read"),
                                   lum_connector_get_service_name (self), unreadable);
          return;
        }
      g_ptr_array_add (read->levels, level);
    }

  g_clear_pointer (&read->next, g_free);
  lum_json_get_int (answer, "pages", &pages);
  /* an empty page is the last, whatever "pages" says */
  if ((gint64)read->page < pages && read->page < STOCK_MAX_PAGES && json_array_get_length (rows) > 0 &&
      (read->next = next_path (answer)) != NULL)
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
  g_autofree char *first = NULL;
  g_autofree char *url = NULL;
  g_autoptr(SoupMessage) message = NULL;

  if (read->next == NULL)
    {
      g_autofree char *escaped = read->sku ? g_uri_escape_string (read->sku, NULL, FALSE) : NULL;

      first = g_strdup_printf ("/v2/inventory?group_by=warehouse&limit=%d%s%s", STOCK_PAGE_SIZE,
                               escaped ? "&sku=" : "", escaped ? escaped : "");
    }
  url = lum_connector_dup_url (self, read->next ? read->next : first);
  message = soup_message_new ("GET", url);
  if (message == NULL)
    {
      g_task_return_new_error (task, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED,
                               _("Base URL “%s” is not usable"),
                               lum_integration_get_base_url (lum_connector_get_integration (self)));
      g_object_unref (task);
      return;
    }
  lum_connector_request_async (self, message, g_task_get_cancellable (task), on_read_page_cb, task);
}

static void
on_read_secrets_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!lum_connector_load_secrets_finish (LUM_CONNECTOR (source), result, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  read_page (task);
}

/**
 * lum_shipstation_v2_read_stock_async:
 *
 * The stock reading of the connector class (lum_connector_read_stock_async()).
 */
void
lum_shipstation_v2_read_stock_async (LumConnector        *self,
                                     const char          *sku,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  static const char * const secret_names[] = { LUM_SECRET_SHIPSTATION_V2_API_KEY, NULL };
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Read *read = g_new0 (Read, 1);

  g_task_set_source_tag (task, lum_shipstation_v2_read_stock_async);
  read->sku = g_strdup (sku);
  read->page = 1;
  read->levels = g_ptr_array_new_with_free_func ((GDestroyNotify)lum_stock_level_free);
  g_task_set_task_data (task, read, read_free);
  lum_connector_load_secrets_async (self, secret_names, cancellable, on_read_secrets_cb, task);
}

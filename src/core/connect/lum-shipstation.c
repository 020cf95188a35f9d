/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-connect"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lum-secrets.h"
#include "lum-shipstation.h"
#include "lum-shipstation-time.h"
#include "lum-util.h"
#include "model/lum-remote-store.h"

struct _LumShipstation
{
  LumConnector parent_instance;
};

G_DEFINE_FINAL_TYPE (LumShipstation, lum_shipstation, LUM_TYPE_CONNECTOR)

static const char * const secret_names[] = {
  LUM_SECRET_SHIPSTATION_API_KEY, LUM_SECRET_SHIPSTATION_API_SECRET, NULL
};

/* The field messages of a {"ModelState": {"apiOrder.field": ["why", …]}}
 * answer, each after a space, onto @said. */
static void
append_model_state (GString    *said,
                    JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "ModelState");
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;

  json_object_iter_init_ordered (&iter, json_node_get_object (node));
  while (json_object_iter_next_ordered (&iter, &key, &value))
    {
      JsonArray *messages;

      if (!JSON_NODE_HOLDS_ARRAY (value))
        continue;
      messages = json_node_get_array (value);
      for (guint i = 0; i < json_array_get_length (messages); i++)
        {
          JsonNode *element = json_array_get_element (messages, i);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            g_string_append_printf (said, "%s%s", said->len > 0 ? " " : "", json_node_get_string (element));
        }
    }
}

/* ShipStation's own words: {"Message": …, "ExceptionMessage": …,
 * "ModelState": …} or text. */
static char *
shipstation_error_message (LumConnector    *self,
                           LumHttpResponse *response,
                           JsonNode        *root)
{
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      const char *exception = lum_json_get_string (object, "ExceptionMessage");
      const char *message = lum_json_get_string (object, "Message");
      g_autoptr(GString) said = g_string_new (NULL);

      if (message == NULL)
        message = lum_json_get_string (object, "message");
      if (message != NULL)
        g_string_append (said, message);
      if (exception != NULL)
        g_string_append_printf (said, "%s%s", said->len > 0 ? " " : "", exception);
      append_model_state (said, object);
      if (said->len > 0)
        return g_string_free (g_steal_pointer (&said), FALSE);
    }
  return lum_http_response_text (response);
}

static void
shipstation_authorize_async (LumConnector        *connector,
                             SoupMessage         *message,
                             gboolean             renew,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (connector, cancellable, callback, user_data);
  const char *key = lum_connector_get_secret (connector, LUM_SECRET_SHIPSTATION_API_KEY);
  const char *secret = lum_connector_get_secret (connector, LUM_SECRET_SHIPSTATION_API_SECRET);
  g_autofree char *pair = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *header = NULL;

  if (renew || key == NULL || secret == NULL)
    {
      /* Basic credentials do not renew: a 401 is final */
      if (renew)
        g_task_return_new_error (task, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_AUTH,
                                 _("%s refused the API key and secret; check them in Integrations"),
                                 lum_connector_get_service_name (connector));
      else
        g_task_return_new_error (task, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED,
                                 _("No API key and secret are stored for %s"),
                                 lum_connector_get_service_name (connector));
      return;
    }

  pair = g_strdup_printf ("%s:%s", key, secret);
  encoded = g_base64_encode ((const guchar *)pair, strlen (pair));
  header = g_strdup_printf ("Basic %s", encoded);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", header);
  g_task_return_boolean (task, TRUE);
}

/* -- push ----------------------------------------------------------------- */

static void
fail_all (GPtrArray    *items,
          const GError *error)
{
  for (guint i = 0; i < items->len; i++)
    {
      LumPushItem *item = g_ptr_array_index (items, i);
      g_clear_error (&item->error);
      item->error = g_error_copy (error);
    }
}

/* The single-order endpoint answers the order itself. */
static void
apply_single (LumConnector *self,
              LumPushItem  *item,
              JsonNode     *root)
{
  if (JSON_NODE_HOLDS_OBJECT (root))
    item->remote_id = lum_json_dup_scalar (json_node_get_object (root), "orderId");
  if (item->remote_id == NULL)
    item->error = g_error_new (LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_INVALID_RESPONSE,
                               _("%s accepted order %s but did not say its orderId"),
                               lum_connector_get_service_name (self), item->order_number);
}

/* The bulk endpoint answers {"hasErrors", "results": [{orderKey, success,
 * orderId, errorMessage}]}; each result applies to its order alone. */
static void
apply_bulk (LumConnector *self,
            GPtrArray    *items,
            JsonNode     *root)
{
  JsonArray *results;

  results = JSON_NODE_HOLDS_OBJECT (root) ? lum_json_get_array (json_node_get_object (root), "results") : NULL;
  for (guint i = 0; results != NULL && i < json_array_get_length (results); i++)
    {
      JsonNode *node = json_array_get_element (results, i);
      JsonObject *result;
      const char *key;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      result = json_node_get_object (node);
      key = lum_json_get_string (result, "orderKey");

      for (guint j = 0; key != NULL && j < items->len; j++)
        {
          LumPushItem *item = g_ptr_array_index (items, j);
          JsonNode *success;

          if (g_strcmp0 (item->order_key, key) != 0 || item->remote_id != NULL || item->error != NULL)
            continue;
          success = json_object_get_member (result, "success");
          if (success != NULL && JSON_NODE_HOLDS_VALUE (success) &&
              json_node_get_value_type (success) == G_TYPE_BOOLEAN && json_node_get_boolean (success))
            item->remote_id = lum_json_dup_scalar (result, "orderId");
          if (item->remote_id == NULL)
            {
              const char *message = lum_json_get_string (result, "errorMessage");
              item->error = g_error_new (LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_REJECTED,
                                         _("%s refused order %s: %s"), lum_connector_get_service_name (self),
                                         item->order_number, message ? message : _("no reason given"));
            }
        }
    }

  /* an order the answer does not mention may or may not be there */
  for (guint j = 0; j < items->len; j++)
    {
      LumPushItem *item = g_ptr_array_index (items, j);

      if (item->remote_id == NULL && item->error == NULL)
        item->error = g_error_new (LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_INVALID_RESPONSE,
                                   _("%s did not answer for order %s"), lum_connector_get_service_name (self),
                                   item->order_number);
    }
}

static void
on_push_sent_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LumConnector *self = LUM_CONNECTOR (source);
  GPtrArray *items = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(JsonNode) root = lum_connector_request_json_finish (self, result, &error);

  if (root == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, error);
          return;
        }
      fail_all (items, error);
      g_error_free (error);
    }
  else if (items->len == 1)
    apply_single (self, g_ptr_array_index (items, 0), root);
  else
    apply_bulk (self, items, root);

  g_task_return_boolean (task, TRUE);
}

static void
on_push_secrets_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LumConnector *self = LUM_CONNECTOR (source);
  GPtrArray *items = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *url = NULL;
  GError *error = NULL;

  if (!lum_connector_load_secrets_finish (self, result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (items->len == 1)
    {
      LumPushItem *item = g_ptr_array_index (items, 0);
      body = json_node_ref (item->payload);
      url = lum_connector_dup_url (self, "/orders/createorder");
    }
  else
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < items->len; i++)
        json_array_add_element (array, json_node_copy (((LumPushItem *)g_ptr_array_index (items, i))->payload));
      body = json_node_init_array (json_node_alloc (), array);
      json_array_unref (array);
      url = lum_connector_dup_url (self, "/orders/createorders");
    }

  message = lum_http_new_json_message ("POST", url, body, "application/json");
  if (message == NULL)
    {
      g_task_return_new_error (task, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED,
                               _("Base URL “%s” is not usable"),
                               lum_integration_get_base_url (lum_connector_get_integration (self)));
      return;
    }
  /* each order of a batch is shown with its own part of the body */
  for (guint i = 0; i < items->len; i++)
    {
      LumPushItem *item = g_ptr_array_index (items, i);
      lum_push_item_watch (item, message, items->len > 1 ? item->payload : NULL);
    }
  {
    GCancellable *cancellable = g_task_get_cancellable (task);
    lum_connector_request_async (self, message, cancellable, on_push_sent_cb,
                                 g_steal_pointer (&task));
  }
}

static void
shipstation_push_async (LumConnector        *self,
                        GPtrArray           *items,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, shipstation_push_async);
  g_task_set_task_data (task, g_ptr_array_ref (items), (GDestroyNotify)g_ptr_array_unref);
  lum_connector_load_secrets_async (self, secret_names, cancellable, on_push_secrets_cb, task);
}

/* -- stores, warehouses and test ------------------------------------------ */

/* A list ShipStation answers as a JSON array of objects, each an id and a
 * name: GET /stores, and GET /warehouses ("Obtains a list of your
 * warehouses", each with its warehouseId, the advancedOptions.warehouseId
 * of an order). */
typedef struct
{
  const char *path;
  const char *id_member;
  const char *name_member;
} NamedList;

static const NamedList store_list = { "/stores", "storeId", "storeName" };
static const NamedList warehouse_list = { "/warehouses", "warehouseId", "warehouseName" };

static void
on_named_list_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const NamedList *spec = g_task_get_task_data (task);
  LumConnector *self = LUM_CONNECTOR (source);
  GError *error = NULL;
  g_autoptr(JsonNode) root = lum_connector_request_json_finish (self, result, &error);
  GListStore *list;

  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      if (spec == &store_list)
        g_task_return_new_error (task, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_INVALID_RESPONSE,
                                 _("%s answered the list of stores with something else than a list"),
                                 lum_connector_get_service_name (self));
      else
        g_task_return_new_error (task, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_INVALID_RESPONSE,
                                 _("%s answered the list of warehouses with something else than a list"),
                                 lum_connector_get_service_name (self));
      return;
    }

  list = g_list_store_new (LUM_TYPE_REMOTE_STORE);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (root)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (root), i);
      g_autofree char *id = NULL;
      g_autoptr(LumRemoteStore) item = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      id = lum_json_dup_scalar (json_node_get_object (node), spec->id_member);
      if (id == NULL)
        continue;
      item = lum_remote_store_new (id, lum_json_get_string (json_node_get_object (node), spec->name_member));
      g_list_store_append (list, item);
    }
  g_task_return_pointer (task, list, g_object_unref);
}

static void
on_named_list_secrets_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const NamedList *spec = g_task_get_task_data (task);
  LumConnector *self = LUM_CONNECTOR (source);
  g_autofree char *url = lum_connector_dup_url (self, spec->path);
  g_autoptr(SoupMessage) message = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;

  if (!lum_connector_load_secrets_finish (self, result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  message = soup_message_new ("GET", url);
  if (message == NULL)
    {
      g_task_return_new_error (task, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED,
                               _("Base URL “%s” is not usable"),
                               lum_integration_get_base_url (lum_connector_get_integration (self)));
      return;
    }
  lum_connector_request_async (self, message, cancellable, on_named_list_cb, g_steal_pointer (&task));
}

static void
list_named_async (LumConnector        *self,
                  const NamedList     *spec,
                  gpointer             source_tag,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, (gpointer) spec, NULL);
  lum_connector_load_secrets_async (self, secret_names, cancellable, on_named_list_secrets_cb, task);
}

static void
shipstation_list_stores_async (LumConnector        *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  list_named_async (self, &store_list, shipstation_list_stores_async, cancellable, callback, user_data);
}

static void
shipstation_list_warehouses_async (LumConnector        *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  list_named_async (self, &warehouse_list, shipstation_list_warehouses_async, cancellable, callback, user_data);
}

static void
on_test_stores_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LumConnector *self = LUM_CONNECTOR (source);
  GError *error = NULL;
  g_autoptr(GListStore) stores = lum_connector_list_stores_finish (self, result, &error);
  g_autoptr(GString) report = NULL;
  guint n;

  if (stores == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (stores));
  report = g_string_new (NULL);
  g_string_append_printf (report, _("Connected to %s: the API key and secret work."),
                          lum_connector_get_service_name (self));
  g_string_append_c (report, ' ');
  g_string_append_printf (report, g_dngettext (GETTEXT_PACKAGE, "%u store:", "%u stores:", n), n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LumRemoteStore) store = g_list_model_get_item (G_LIST_MODEL (stores), i);
      g_autofree char *label = lum_remote_store_dup_label (store);
      g_string_append_printf (report, "%s %s", i ? "," : "", label);
    }
  g_task_return_pointer (task, g_string_free (g_steal_pointer (&report), FALSE), g_free);
}

static void
shipstation_test_async (LumConnector        *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, shipstation_test_async);
  lum_connector_list_stores_async (self, cancellable, on_test_stores_cb, task);
}

/* -- shipments ------------------------------------------------------------ */

#define POLL_PAGE_SIZE   500
#define POLL_OVERLAP_MIN 10
#define POLL_MAX_PAGES   1000

typedef struct
{
  char      *store_id;
  char      *since;
  guint      page;
  GPtrArray *shipments;
  char      *latest;
} Poll;

static void
poll_free (gpointer data)
{
  Poll *poll = data;

  g_free (poll->store_id);
  g_free (poll->since);
  g_ptr_array_unref (poll->shipments);
  g_free (poll->latest);
  g_free (poll);
}

static void poll_page (GTask *task);

/* The member of a listed shipment that is not what the API describes, or
 * %NULL. Read as absent, a voided flag or the items shipped would be lost,
 * and the shipment recorded as a live one or as everything shipped. */
static const char *
unreadable_member (JsonObject *object)
{
  static const char * const texts[] = {
    "orderKey", "orderNumber", "carrierCode", "serviceCode", "trackingNumber", "shipDate", "createDate",
  };
  gint64 id = 0;
  JsonArray *items;

  if (!lum_json_get_int (object, "shipmentId", &id) || id <= 0)
    return "shipmentId";
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (!lum_json_member_is_a (object, texts[i], G_TYPE_STRING))
      return texts[i];
  if (!lum_json_member_is_a (object, "voided", G_TYPE_BOOLEAN))
    return "voided";
  if (!lum_json_member_is_a (object, "shipmentItems", JSON_TYPE_ARRAY))
    return "shipmentItems";

  items = lum_json_get_array (object, "shipmentItems");
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      gint64 quantity = 0;

      if (item == NULL || !lum_json_member_is_a (item, "sku", G_TYPE_STRING))
        return "shipmentItems";
      /* an item without a SKU is not one of Lumen's lines */
      if (lum_json_get_string (item, "sku") != NULL &&
          (!lum_json_get_int (item, "quantity", &quantity) || quantity < 0 || quantity > G_MAXINT32))
        return "shipmentItems";
    }
  return NULL;
}

/* A date ShipStation wrote (Pacific, no zone) as Lumen keeps it: an
 * instant in UTC; a bare calendar date (shipDate is one) stays that day.
 * "" for none; %NULL when it cannot be read. */
static char *
date_from_shipstation (JsonObject *object,
                       const char *member)
{
  const char *text = lum_json_get_string (object, member);

  if (lum_str_empty (text))
    return g_strdup ("");
  if (strlen (text) == 10)
    return lum_date_valid (text) ? g_strdup (text) : NULL;
  return lum_shipstation_time_from_pacific (text, NULL);
}

/* One shipment of the list, checked member by member first. */
static LumRemoteShipment *
parse_shipment (JsonObject  *object,
                const char **unreadable)
{
  g_autofree char *id = NULL;
  g_autofree char *created = NULL;
  g_autofree char *shipped = NULL;
  JsonArray *items = lum_json_get_array (object, "shipmentItems");
  JsonNode *voided = json_object_get_member (object, "voided");
  LumRemoteShipment *remote;
  LumShipment *shipment;

  *unreadable = unreadable_member (object);
  if (*unreadable == NULL && (created = date_from_shipstation (object, "createDate")) == NULL)
    *unreadable = "createDate";
  if (*unreadable == NULL && (shipped = date_from_shipstation (object, "shipDate")) == NULL)
    *unreadable = "shipDate";
  if (*unreadable != NULL)
    return NULL;
  id = lum_json_dup_scalar (object, "shipmentId");
  remote = g_new0 (LumRemoteShipment, 1);
  shipment = remote->shipment = lum_shipment_new ();
  remote->order_key = g_strdup (lum_json_get_string (object, "orderKey"));
  remote->order_number = g_strdup (lum_json_get_string (object, "orderNumber"));
  lum_shipment_set_text (shipment, LUM_SHIPMENT_REMOTE_ID, id);
  lum_shipment_set_text (shipment, LUM_SHIPMENT_CARRIER, lum_json_get_string (object, "carrierCode"));
  lum_shipment_set_text (shipment, LUM_SHIPMENT_SERVICE, lum_json_get_string (object, "serviceCode"));
  lum_shipment_set_text (shipment, LUM_SHIPMENT_TRACKING_NUMBER, lum_json_get_string (object, "trackingNumber"));
  lum_shipment_set_text (shipment, LUM_SHIPMENT_SHIPPED_AT, shipped);
  lum_shipment_set_text (shipment, LUM_SHIPMENT_CREATED_AT, created);
  lum_shipment_set_int (shipment, LUM_SHIPMENT_VOIDED, voided != NULL && JSON_NODE_HOLDS_VALUE (voided) &&
                                                       json_node_get_boolean (voided));

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *sku = lum_json_get_string (item, "sku");
      gint64 quantity = 0;

      if (sku != NULL && lum_json_get_int (item, "quantity", &quantity) && quantity > 0)
        lum_shipment_add_line (shipment, sku, quantity);
    }
  return remote;
}

static void
on_poll_page_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LumConnector *self = LUM_CONNECTOR (source);
  Poll *poll = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(JsonNode) root = lum_connector_request_json_finish (self, result, &error);
  JsonArray *shipments;
  gint64 pages = 1;

  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  shipments = JSON_NODE_HOLDS_OBJECT (root) ? lum_json_get_array (json_node_get_object (root), "shipments") : NULL;
  if (shipments == NULL || !lum_json_get_int (json_node_get_object (root), "pages", &pages) || pages < 0)
    {
      g_task_return_new_error (task, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_INVALID_RESPONSE,
                               _("%s answered the list of shipments without its shipments and pages"),
                               lum_connector_get_service_name (self));
      return;
    }

  for (guint i = 0; i < json_array_get_length (shipments); i++)
    {
      JsonNode *node = json_array_get_element (shipments, i);
      const char *unreadable = "shipmentId";
      LumRemoteShipment *remote = JSON_NODE_HOLDS_OBJECT (node)
        ? parse_shipment (json_node_get_object (node), &unreadable) : NULL;
      const char *created;

      /* the whole page waits for a readable one: the cursor stays */
      if (remote == NULL)
        {
          g_task_return_new_error (task, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_INVALID_RESPONSE,
                                   _("%s listed a shipment whose “%s” cannot be read"),
                                   lum_connector_get_service_name (self), unreadable);
          return;
        }
      /* UTC, whole seconds, fixed width: text order is time order */
      created = lum_shipment_get_text (remote->shipment, LUM_SHIPMENT_CREATED_AT);
      if (*created != '\0' && g_strcmp0 (created, poll->latest) > 0)
        lum_set_str (&poll->latest, created);
      g_ptr_array_add (poll->shipments, remote);
    }

  /* an empty page is the last, whatever "pages" says */
  if ((gint64)poll->page < pages && poll->page < POLL_MAX_PAGES && json_array_get_length (shipments) > 0)
    {
      poll->page++;
      poll_page (g_steal_pointer (&task));
      return;
    }
  lum_connector_return_poll (task, poll->shipments, poll->latest ? poll->latest : poll->since);
}

static void
poll_page (GTask *task)
{
  LumConnector *self = g_task_get_source_object (task);
  Poll *poll = g_task_get_task_data (task);
  g_autoptr(GTimeZone) zone = NULL;
  g_autofree char *start = NULL;
  g_autofree char *store = g_uri_escape_string (poll->store_id, NULL, FALSE);
  g_autofree char *start_escaped = NULL;
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;
  g_autoptr(SoupMessage) message = NULL;
  GError *error = NULL;

  /* the dates of the answer are Pacific: without the zone nothing is read */
  zone = lum_shipstation_time_zone (&error);
  /* the cursor is UTC; createDateStart is read in Pacific time */
  if (zone != NULL && poll->since != NULL)
    start = lum_shipstation_time_query_start (poll->since, POLL_OVERLAP_MIN, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  start_escaped = start ? g_uri_escape_string (start, NULL, FALSE) : NULL;
  path = g_strdup_printf ("/shipments?storeId=%s%s%s&includeShipmentItems=true"
                          "&sortBy=CreateDate&sortDir=ASC&page=%u&pageSize=%d",
                          store, start ? "&createDateStart=" : "", start ? start_escaped : "",
                          poll->page, POLL_PAGE_SIZE);
  url = lum_connector_dup_url (self, path);
  message = soup_message_new ("GET", url);

  if (message == NULL)
    {
      g_task_return_new_error (task, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED,
                               _("Base URL “%s” is not usable"),
                               lum_integration_get_base_url (lum_connector_get_integration (self)));
      g_object_unref (task);
      return;
    }
  lum_connector_request_async (self, message, g_task_get_cancellable (task), on_poll_page_cb, task);
}

static void
on_poll_secrets_cb (GObject      *source,
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
  poll_page (task);
}

static void
shipstation_poll_async (LumConnector        *self,
                        const char          *store_id,
                        const char          *since,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Poll *poll = g_new0 (Poll, 1);

  g_task_set_source_tag (task, shipstation_poll_async);
  poll->store_id = g_strdup (store_id);
  poll->since = g_strdup (since);
  poll->page = 1;
  poll->shipments = g_ptr_array_new_with_free_func ((GDestroyNotify)lum_remote_shipment_free);
  g_task_set_task_data (task, poll, poll_free);
  lum_connector_load_secrets_async (self, secret_names, cancellable, on_poll_secrets_cb, task);
}

static void
lum_shipstation_class_init (LumShipstationClass *klass)
{
  LumConnectorClass *connector_class = LUM_CONNECTOR_CLASS (klass);

  connector_class->batch_size = LUM_SHIPSTATION_BATCH;
  connector_class->error_message = shipstation_error_message;
  connector_class->authorize_async = shipstation_authorize_async;
  connector_class->push_async = shipstation_push_async;
  connector_class->list_stores_async = shipstation_list_stores_async;
  connector_class->list_warehouses_async = shipstation_list_warehouses_async;
  connector_class->test_async = shipstation_test_async;
  connector_class->poll_async = shipstation_poll_async;
}

static void
lum_shipstation_init (LumShipstation *self)
{
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-connect"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lum-order-payload.h"
#include "lum-secrets.h"
#include "lum-shipstation-v2.h"
#include "lum-util.h"
#include "model/lum-remote-store.h"

/*
 * ShipStation API V2, as ShipStation's own description
 * (shipstation-v2.openapi.yaml) and its documentation name it:
 * - every request carries the `API-Key` header;
 * - an order is pushed as a shipment (`POST /v2/shipments`, several in one
 *   request), but only after `GET /v2/shipments/external_shipment_id/{id}`
 *   did not find it: a resend, or an order first pushed through API V1 (its
 *   orderKey is the same UUID), is never created twice;
 * - a test order's tag goes through `POST /v2/shipments/{id}/tags/{name}`;
 * - a cancel is `PUT /v2/shipments/{id}/cancel` on the shipment found;
 * - errors are {"request_id", "errors": [{"error_source", "error_type",
 *   "error_code", "message"}]}; 429 carries Retry-After, which the rate
 *   limiter honours.
 */

struct _LumShipstationV2
{
  LumConnector  parent_instance;
  JsonObject   *ship_from;   /* the account's default warehouse's origin_address */
  JsonArray    *warehouses;  /* GET /v2/warehouses, read with ship_from */
};

G_DEFINE_FINAL_TYPE (LumShipstationV2, lum_shipstation_v2, LUM_TYPE_CONNECTOR)

static const char * const secret_names[] = { LUM_SECRET_SHIPSTATION_V2_API_KEY, NULL };

/* {"errors": [{"message", "error_source", "error_type"}…]} in words:
 * "Invalid store_id (ShipStation, validation)". */
static char *
shipstation_v2_error_message (LumConnector    *self,
                              LumHttpResponse *response,
                              JsonNode        *root)
{
  JsonArray *errors = NULL;
  g_autoptr(GString) said = g_string_new (NULL);

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);

      errors = lum_json_get_array (object, "errors");
      if (errors == NULL && lum_json_get_string (object, "message") != NULL)
        return g_strdup (lum_json_get_string (object, "message"));
    }
  for (guint i = 0; errors != NULL && i < json_array_get_length (errors); i++)
    {
      JsonNode *node = json_array_get_element (errors, i);
      JsonObject *error;
      const char *message, *source, *type;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      error = json_node_get_object (node);
      message = lum_json_get_string (error, "message");
      source = lum_json_get_string (error, "error_source");
      type = lum_json_get_string (error, "error_type");
      if (message == NULL)
        continue;
      g_string_append_printf (said, "%s%s", said->len > 0 ? "; " : "", message);
      if (source != NULL || type != NULL)
        g_string_append_printf (said, " (%s%s%s)", source ? source : "", source && type ? ", " : "",
                                type ? type : "");
    }
  if (said->len > 0)
    return g_string_free (g_steal_pointer (&said), FALSE);
  return lum_http_response_text (response);
}

static void
shipstation_v2_authorize_async (LumConnector        *connector,
                                SoupMessage         *message,
                                gboolean             renew,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (connector, cancellable, callback, user_data);
  const char *key = lum_connector_get_secret (connector, LUM_SECRET_SHIPSTATION_V2_API_KEY);

  if (renew)
    {
      /* an API key does not renew: a 401 is final */
      g_task_return_new_error (task, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_AUTH,
                               _("%s refused the API key; check it in Integrations"),
                               lum_connector_get_service_name (connector));
      return;
    }
  if (key == NULL)
    {
      g_task_return_new_error (task, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED,
                               _("No API key is stored for %s"), lum_connector_get_service_name (connector));
      return;
    }
  soup_message_headers_replace (soup_message_get_request_headers (message), "API-Key", key);
  g_task_return_boolean (task, TRUE);
}

/* A request of @method to @path (below the base URL) with the JSON @body
 * or none, or %NULL after returning the error on @task. */
static SoupMessage *
new_message (LumConnector *self,
             const char   *method,
             const char   *path,
             JsonNode     *body,
             GTask        *task)
{
  g_autofree char *url = lum_connector_dup_url (self, path);
  SoupMessage *message = body ? lum_http_new_json_message (method, url, body, "application/json")
                              : soup_message_new (method, url);

  if (message == NULL)
    g_task_return_new_error (task, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED,
                             _("Base URL “%s” is not usable"),
                             lum_integration_get_base_url (lum_connector_get_integration (self)));
  return message;
}

/* -- warehouses: the test, and the ship_from of the push -------------------- */

/* The warehouses of GET /v2/warehouses that have an id; NULL when the
 * answer is not the list_warehouses_response_body. */
static JsonArray *
read_warehouses (JsonNode *root)
{
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return lum_json_get_array (json_node_get_object (root), "warehouses");
}

/* The default warehouse (is_default), else the first one. */
static JsonObject *
default_warehouse (JsonArray *warehouses)
{
  JsonObject *first = NULL;

  for (guint i = 0; i < json_array_get_length (warehouses); i++)
    {
      JsonNode *node = json_array_get_element (warehouses, i);
      JsonNode *is_default;

      if (!JSON_NODE_HOLDS_OBJECT (node) || lum_json_get_object (json_node_get_object (node), "origin_address") == NULL)
        continue;
      if (first == NULL)
        first = json_node_get_object (node);
      is_default = json_object_get_member (json_node_get_object (node), "is_default");
      if (lum_json_is_bool (is_default) && json_node_get_boolean (is_default))
        return json_node_get_object (node);
    }
  return first;
}

/* The origin_address of warehouse @id of the list, or NULL. */
static JsonObject *
warehouse_address (JsonArray  *warehouses,
                   const char *id)
{
  for (guint i = 0; warehouses != NULL && i < json_array_get_length (warehouses); i++)
    {
      JsonNode *node = json_array_get_element (warehouses, i);

      if (JSON_NODE_HOLDS_OBJECT (node) &&
          g_strcmp0 (lum_json_get_string (json_node_get_object (node), "warehouse_id"), id) == 0)
        return lum_json_get_object (json_node_get_object (node), "origin_address");
    }
  return NULL;
}

/* The warehouse_id an order's payload names to ship from, or NULL. */
static const char *
item_warehouse (LumPushItem *item)
{
  return item->payload != NULL && JSON_NODE_HOLDS_OBJECT (item->payload)
         ? lum_json_get_string (json_node_get_object (item->payload), "warehouse_id") : NULL;
}

static void
on_test_warehouses_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LumConnector *self = LUM_CONNECTOR (source);
  GError *error = NULL;
  g_autoptr(JsonNode) root = lum_connector_request_json_finish (self, result, &error);
  g_autoptr(GString) report = NULL;
  JsonArray *warehouses;
  JsonObject *chosen;
  guint n;

  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  warehouses = read_warehouses (root);
  if (warehouses == NULL)
    {
      g_task_return_new_error (task, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_INVALID_RESPONSE,
                               _("%s answered the list of warehouses without its warehouses"),
                               lum_connector_get_service_name (self));
      return;
    }
  n = json_array_get_length (warehouses);
  chosen = default_warehouse (warehouses);
  report = g_string_new (NULL);
  g_string_append_printf (report, _("Connected to %s (API V2): the API key works."),
                          lum_connector_get_service_name (self));
  g_string_append_c (report, ' ');
  g_string_append_printf (report, g_dngettext (GETTEXT_PACKAGE, "%u warehouse", "%u warehouses", n), n);
  if (chosen != NULL)
    g_string_append_printf (report, _("; orders ship from “%s”."),
                            lum_json_get_string (chosen, "name") ? lum_json_get_string (chosen, "name") : "");
  else
    g_string_append_printf (report, _("; none has an address to ship from: add one in ShipStation."));
  g_task_return_pointer (task, g_string_free (g_steal_pointer (&report), FALSE), g_free);
}

static void
on_test_secrets_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LumConnector *self = LUM_CONNECTOR (source);
  g_autoptr(SoupMessage) message = NULL;
  GError *error = NULL;

  if (!lum_connector_load_secrets_finish (self, result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  message = new_message (self, "GET", "/v2/warehouses", NULL, task);
  if (message != NULL)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);
      lum_connector_request_async (self, message, cancellable, on_test_warehouses_cb, g_steal_pointer (&task));
    }
}

/* Test Connection: List warehouses, a cheap documented GET that needs the
 * key and says where orders will ship from. */
static void
shipstation_v2_test_async (LumConnector        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, shipstation_v2_test_async);
  lum_connector_load_secrets_async (self, secret_names, cancellable, on_test_secrets_cb, task);
}

static void
on_list_warehouses_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LumConnector *self = LUM_CONNECTOR (source);
  GError *error = NULL;
  g_autoptr(JsonNode) root = lum_connector_request_json_finish (self, result, &error);
  JsonArray *warehouses;
  GListStore *list;

  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  warehouses = read_warehouses (root);
  if (warehouses == NULL)
    {
      g_task_return_new_error (task, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_INVALID_RESPONSE,
                               _("%s answered the list of warehouses without its warehouses"),
                               lum_connector_get_service_name (self));
      return;
    }
  list = g_list_store_new (LUM_TYPE_REMOTE_STORE);
  for (guint i = 0; i < json_array_get_length (warehouses); i++)
    {
      JsonNode *node = json_array_get_element (warehouses, i);
      const char *id;
      g_autoptr(LumRemoteStore) warehouse = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          (id = lum_json_get_string (json_node_get_object (node), "warehouse_id")) == NULL)
        continue;
      warehouse = lum_remote_store_new (id, lum_json_get_string (json_node_get_object (node), "name"));
      g_list_store_append (list, warehouse);
    }
  g_task_return_pointer (task, list, g_object_unref);
}

static void
on_list_warehouses_secrets_cb (GObject      *source,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  GTask *task = user_data;
  LumConnector *self = LUM_CONNECTOR (source);
  g_autoptr(SoupMessage) message = NULL;
  GError *error = NULL;

  if (!lum_connector_load_secrets_finish (self, result, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  message = new_message (self, "GET", "/v2/warehouses", NULL, task);
  if (message == NULL)
    {
      g_object_unref (task);
      return;
    }
  lum_connector_request_async (self, message, g_task_get_cancellable (task), on_list_warehouses_cb, task);
}

/* GET /v2/warehouses: each warehouse_id and name */
static void
shipstation_v2_list_warehouses_async (LumConnector        *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, shipstation_v2_list_warehouses_async);
  lum_connector_load_secrets_async (self, secret_names, cancellable, on_list_warehouses_secrets_cb, task);
}

/* ShipStation's description of API V2 has no list of stores (V1's GET
 * /stores has no V2 counterpart there): the store id is typed. */
static void
shipstation_v2_list_stores_async (LumConnector        *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, shipstation_v2_list_stores_async);
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("ShipStation API V2 does not list stores; type the store id (Other Store) "
                             "that ShipStation shows under Settings → Selling Channels"));
}

/* -- push ----------------------------------------------------------------- */

typedef struct
{
  GPtrArray *items;      /* LumPushItem */
  guint      next;       /* the item being looked up */
  GPtrArray *create;     /* LumPushItem, borrowed: not found, to create */
  GPtrArray *tag;        /* LumPushItem, borrowed: created or found, to tag */
  guint      next_tag;
} Push;

static void
push_free (gpointer data)
{
  Push *push = data;

  g_ptr_array_unref (push->items);
  g_ptr_array_unref (push->create);
  g_ptr_array_unref (push->tag);
  g_free (push);
}

static void push_next (GTask *task);

/* %TRUE when @error is the push's cancellation: the task is returned with
 * it and let go. */
static gboolean
push_cancelled (GTask  *task,
                GError *error)
{
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;
  g_task_return_error (task, error);
  g_object_unref (task);
  return TRUE;
}

static void
item_fail (LumPushItem *item,
           GError      *error)
{
  g_clear_error (&item->error);
  item->error = error;
}

/* The tags of @payload ("tags": [{"name"}]) that @found (a shipment, or
 * NULL) does not carry yet. */
static gboolean
needs_tags (JsonObject *payload,
            JsonObject *found)
{
  JsonArray *wanted = lum_json_get_array (payload, "tags");
  JsonArray *has = found ? lum_json_get_array (found, "tags") : NULL;

  for (guint i = 0; wanted != NULL && i < json_array_get_length (wanted); i++)
    {
      JsonNode *w = json_array_get_element (wanted, i);
      const char *name = JSON_NODE_HOLDS_OBJECT (w) ? lum_json_get_string (json_node_get_object (w), "name") : NULL;
      gboolean seen = FALSE;

      for (guint j = 0; name != NULL && has != NULL && j < json_array_get_length (has); j++)
        {
          JsonNode *h = json_array_get_element (has, j);
          seen |= JSON_NODE_HOLDS_OBJECT (h) &&
                  g_strcmp0 (lum_json_get_string (json_node_get_object (h), "name"), name) == 0;
        }
      if (name != NULL && !seen)
        return TRUE;
    }
  return FALSE;
}

/* -- tags, after the create --------------------------------------------- */

static void tag_next (GTask *task);

static void
on_tagged_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  LumConnector *self = LUM_CONNECTOR (source);
  Push *push = g_task_get_task_data (task);
  LumPushItem *item = g_ptr_array_index (push->tag, push->next_tag);
  GError *error = NULL;
  g_autoptr(LumHttpResponse) response = lum_connector_request_finish (self, result, &error);

  if (response == NULL || !lum_connector_check_answer (self, response, NULL, &error))
    {
      if (push_cancelled (task, error))
        return;
      /* the shipment is there untagged: the retry finds it and tags it */
      g_clear_pointer (&item->remote_id, g_free);
      item_fail (item, error);
    }
  push->next_tag++;
  tag_next (task);
}

static void
tag_next (GTask *task)
{
  LumConnector *self = g_task_get_source_object (task);
  Push *push = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  if (push->next_tag >= push->tag->len)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  {
    LumPushItem *item = g_ptr_array_index (push->tag, push->next_tag);

    if (item->remote_id == NULL)
      {
        push->next_tag++;
        tag_next (task);
        return;
      }
    id = g_uri_escape_string (item->remote_id, NULL, FALSE);
  }
  name = g_uri_escape_string (LUM_SHIPSTATION_V2_TEST_TAG, NULL, FALSE);
  path = g_strdup_printf ("/v2/shipments/%s/tags/%s", id, name);
  message = new_message (self, "POST", path, NULL, task);
  if (message == NULL)
    {
      g_object_unref (task);
      return;
    }
  lum_connector_request_async (self, message, g_task_get_cancellable (task), on_tagged_cb, task);
}

/* -- create ------------------------------------------------------------- */

/* create_shipments_response_body: {"has_errors", "shipments": [{
 * "shipment_id", "external_shipment_id", "errors": ["…"]}]}; each applies
 * to its own order. */
static void
apply_created (LumConnector *self,
               Push         *push,
               JsonNode     *root)
{
  JsonArray *shipments = JSON_NODE_HOLDS_OBJECT (root)
    ? lum_json_get_array (json_node_get_object (root), "shipments") : NULL;

  for (guint i = 0; shipments != NULL && i < json_array_get_length (shipments); i++)
    {
      JsonNode *node = json_array_get_element (shipments, i);
      JsonObject *shipment = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *key = shipment ? lum_json_get_string (shipment, "external_shipment_id") : NULL;

      for (guint j = 0; key != NULL && j < push->create->len; j++)
        {
          LumPushItem *item = g_ptr_array_index (push->create, j);
          JsonArray *errors = lum_json_get_array (shipment, "errors");
          const char *id = lum_json_get_string (shipment, "shipment_id");

          if (g_strcmp0 (item->order_key, key) != 0 || item->remote_id != NULL || item->error != NULL)
            continue;
          if (errors != NULL && json_array_get_length (errors) > 0)
            {
              g_autoptr(GString) why = g_string_new (NULL);

              for (guint k = 0; k < json_array_get_length (errors); k++)
                if (lum_json_is_string (json_array_get_element (errors, k)))
                  g_string_append_printf (why, "%s%s", why->len ? "; " : "",
                                          json_node_get_string (json_array_get_element (errors, k)));
              item->error = g_error_new (LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_REJECTED,
                                         _("%s refused order %s: %s"), lum_connector_get_service_name (self),
                                         item->order_number, why->len ? why->str : _("no reason given"));
            }
          else if (id != NULL)
            {
              item->remote_id = g_strdup (id);
              if (needs_tags (json_node_get_object (item->payload), NULL))
                g_ptr_array_add (push->tag, item);
            }
        }
    }

  /* an order the answer does not mention may or may not be there: the
   * retry looks it up before it creates anything */
  for (guint j = 0; j < push->create->len; j++)
    {
      LumPushItem *item = g_ptr_array_index (push->create, j);

      if (item->remote_id == NULL && item->error == NULL)
        item->error = g_error_new (LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_INVALID_RESPONSE,
                                   _("%s did not answer for order %s"), lum_connector_get_service_name (self),
                                   item->order_number);
    }
}

static void
on_created_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  LumConnector *self = LUM_CONNECTOR (source);
  Push *push = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(JsonNode) root = lum_connector_request_json_finish (self, result, &error);

  if (root == NULL)
    {
      if (push_cancelled (task, error))
        return;
      for (guint i = 0; i < push->create->len; i++)
        item_fail (g_ptr_array_index (push->create, i), g_error_copy (error));
      g_error_free (error);
    }
  else
    apply_created (self, push, root);
  tag_next (task);
}

/* The shipment as create_shipment_request takes it: the payload, ship_from
 * added, tags left to the tag endpoint. */
static JsonNode *
shipment_body (LumShipstationV2 *self,
               LumPushItem      *item)
{
  JsonObject *payload = json_node_get_object (item->payload);
  JsonObject *shipment = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *value, *node;

  /* a new object: json_node_copy() would share the payload's members */
  const char *warehouse_id = item_warehouse (item);
  JsonObject *address = warehouse_id != NULL ? warehouse_address (self->warehouses, warehouse_id) : NULL;

  /* a new object: json_node_copy() would share the payload's members;
   * warehouse_id goes as its ship_from, which create_shipment_request
   * takes (it has no warehouse_id) */
  json_object_iter_init_ordered (&iter, payload);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    if (!g_str_equal (name, "tags") && !g_str_equal (name, "ship_from") && !g_str_equal (name, "warehouse_id"))
      json_object_set_member (shipment, name, json_node_copy (value));
  json_object_set_object_member (shipment, "ship_from", json_object_ref (address ? address : self->ship_from));
  node = json_node_init_object (json_node_alloc (), shipment);
  json_object_unref (shipment);
  return node;
}

static void
create_all (GTask *task)
{
  LumShipstationV2 *self = g_task_get_source_object (task);
  Push *push = g_task_get_task_data (task);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(SoupMessage) message = NULL;

  /* an order that names a warehouse the account does not have fails
   * alone, as ShipStation would refuse a warehouse it does not know */
  for (guint i = push->create->len; i > 0; i--)
    {
      LumPushItem *item = g_ptr_array_index (push->create, i - 1);
      const char *warehouse_id = item_warehouse (item);

      if (warehouse_id != NULL && warehouse_address (self->warehouses, warehouse_id) == NULL)
        {
          item_fail (item, g_error_new (LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED,
                                        _("Warehouse “%s” is not among the warehouses of %s (GET /v2/warehouses); "
                                          "link the group’s warehouse to one of them"),
                                        warehouse_id, lum_connector_get_service_name (LUM_CONNECTOR (self))));
          g_ptr_array_remove_index (push->create, i - 1);
        }
    }
  if (push->create->len == 0)
    {
      tag_next (task);
      return;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "shipments");
  json_builder_begin_array (b);
  for (guint i = 0; i < push->create->len; i++)
    json_builder_add_value (b, shipment_body (self, g_ptr_array_index (push->create, i)));
  json_builder_end_array (b);
  json_builder_end_object (b);
  body = json_builder_get_root (b);

  message = new_message (LUM_CONNECTOR (self), "POST", "/v2/shipments", body, task);
  if (message == NULL)
    {
      g_object_unref (task);
      return;
    }
  /* each order is shown with its own shipment of the body */
  {
    JsonArray *shipments = lum_json_get_array (json_node_get_object (body), "shipments");

    for (guint i = 0; i < push->create->len; i++)
      lum_push_item_watch (g_ptr_array_index (push->create, i), message,
                           push->create->len > 1 ? json_array_get_element (shipments, i) : NULL);
  }
  lum_connector_request_async (LUM_CONNECTOR (self), message, g_task_get_cancellable (task), on_created_cb, task);
}

/* -- cancel ------------------------------------------------------------- */

static void
on_cancelled_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  LumConnector *self = LUM_CONNECTOR (source);
  Push *push = g_task_get_task_data (task);
  LumPushItem *item = g_ptr_array_index (push->items, push->next);
  GError *error = NULL;
  g_autoptr(LumHttpResponse) response = lum_connector_request_finish (self, result, &error);

  if (response == NULL || !lum_connector_check_answer (self, response, NULL, &error))
    {
      if (push_cancelled (task, error))
        return;
      g_clear_pointer (&item->remote_id, g_free);
      item_fail (item, error);
    }
  push->next++;
  push_next (task);
}

/* "Mark a shipment cancelled": PUT /v2/shipments/{id}/cancel, 204. */
static void
cancel_found (GTask       *task,
              LumPushItem *item)
{
  LumConnector *self = g_task_get_source_object (task);
  g_autofree char *id = g_uri_escape_string (item->remote_id, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/v2/shipments/%s/cancel", id);
  g_autoptr(SoupMessage) message = new_message (self, "PUT", path, NULL, task);

  if (message == NULL)
    {
      g_object_unref (task);
      return;
    }
  lum_push_item_watch (item, message, NULL);
  lum_connector_request_async (self, message, g_task_get_cancellable (task), on_cancelled_cb, task);
}

/* -- look-up ------------------------------------------------------------ */

static void
on_lookup_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  LumConnector *self = LUM_CONNECTOR (source);
  Push *push = g_task_get_task_data (task);
  LumPushItem *item = g_ptr_array_index (push->items, push->next);
  GError *error = NULL;
  g_autoptr(LumHttpResponse) response = lum_connector_request_finish (self, result, &error);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *found;
  const char *id;

  if (response != NULL && response->status == 404)
    {
      /* not there: a push creates it, a cancel has nothing to cancel */
      if (item->kind == LUM_JOB_KIND_CANCEL_SALES_ORDER)
        item_fail (item, g_error_new (LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_REJECTED,
                                      _("%s has no shipment %s (order %s) to cancel"),
                                      lum_connector_get_service_name (self), item->order_key, item->order_number));
      else
        g_ptr_array_add (push->create, item);
      push->next++;
      push_next (task);
      return;
    }
  if (response == NULL || !lum_connector_check_answer (self, response, &root, &error))
    {
      if (push_cancelled (task, error))
        return;
      item_fail (item, error);
      push->next++;
      push_next (task);
      return;
    }

  found = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  id = found ? lum_json_get_string (found, "shipment_id") : NULL;
  if (id == NULL || g_strcmp0 (lum_json_get_string (found, "external_shipment_id"), item->order_key) != 0)
    {
      item_fail (item, g_error_new (LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_INVALID_RESPONSE,
                                    _("%s answered the look-up of order %s without its shipment_id"),
                                    lum_connector_get_service_name (self), item->order_number));
      push->next++;
      push_next (task);
      return;
    }

  item->remote_id = g_strdup (id);
  if (item->kind == LUM_JOB_KIND_CANCEL_SALES_ORDER &&
      g_strcmp0 (lum_json_get_string (found, "shipment_status"), "cancelled") != 0)
    {
      cancel_found (task, item);
      return;
    }
  /* found: sent before (or through API V1); only a missing tag is added */
  if (item->kind != LUM_JOB_KIND_CANCEL_SALES_ORDER && needs_tags (json_node_get_object (item->payload), found))
    g_ptr_array_add (push->tag, item);
  push->next++;
  push_next (task);
}

/* Looks up each order in turn, then creates those not found at once. */
static void
push_next (GTask *task)
{
  LumConnector *self = g_task_get_source_object (task);
  Push *push = g_task_get_task_data (task);
  LumPushItem *item;
  g_autofree char *key = NULL;
  g_autofree char *path = NULL;
  g_autoptr(SoupMessage) message = NULL;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  while (push->next < push->items->len &&
         ((LumPushItem *)g_ptr_array_index (push->items, push->next))->error != NULL)
    push->next++;
  if (push->next >= push->items->len)
    {
      create_all (task);
      return;
    }
  item = g_ptr_array_index (push->items, push->next);
  key = g_uri_escape_string (item->order_key ? item->order_key : "", NULL, FALSE);
  path = g_strdup_printf ("/v2/shipments/external_shipment_id/%s", key);
  message = new_message (self, "GET", path, NULL, task);
  if (message == NULL)
    {
      g_object_unref (task);
      return;
    }
  lum_connector_request_async (self, message, g_task_get_cancellable (task), on_lookup_cb, task);
}

static void
on_push_warehouses_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GTask *task = user_data;
  LumShipstationV2 *self = LUM_SHIPSTATION_V2 (source);
  Push *push = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(JsonNode) root = lum_connector_request_json_finish (LUM_CONNECTOR (self), result, &error);
  JsonArray *warehouses = read_warehouses (root);
  JsonObject *chosen = warehouses ? default_warehouse (warehouses) : NULL;

  if (root != NULL && chosen == NULL)
    error = g_error_new (LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED,
                         _("%s has no warehouse with an address to ship from; add one in ShipStation"),
                         lum_connector_get_service_name (LUM_CONNECTOR (self)));
  if (error != NULL)
    {
      if (push_cancelled (task, error))
        return;
      for (guint i = 0; i < push->items->len; i++)
        {
          LumPushItem *item = g_ptr_array_index (push->items, i);
          if (item->kind != LUM_JOB_KIND_CANCEL_SALES_ORDER)
            item_fail (item, g_error_copy (error));
        }
      g_error_free (error);
    }
  else
    {
      g_clear_pointer (&self->ship_from, json_object_unref);
      g_clear_pointer (&self->warehouses, json_array_unref);
      self->ship_from = json_object_ref (lum_json_get_object (chosen, "origin_address"));
      self->warehouses = json_array_ref (warehouses);
    }
  push_next (task);
}

static void
on_push_secrets_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  LumShipstationV2 *self = LUM_SHIPSTATION_V2 (source);
  Push *push = g_task_get_task_data (task);
  GError *error = NULL;
  gboolean creates = FALSE;
  g_autoptr(SoupMessage) message = NULL;

  if (!lum_connector_load_secrets_finish (LUM_CONNECTOR (self), result, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  for (guint i = 0; i < push->items->len; i++)
    {
      LumPushItem *item = g_ptr_array_index (push->items, i);

      if (item->kind == LUM_JOB_KIND_CANCEL_SALES_ORDER)
        continue;
      creates = TRUE;
      /* a warehouse linked since the list was read: read it again */
      if (item_warehouse (item) != NULL && warehouse_address (self->warehouses, item_warehouse (item)) == NULL)
        g_clear_pointer (&self->ship_from, json_object_unref);
    }
  if (!creates || self->ship_from != NULL)
    {
      push_next (task);
      return;
    }
  /* ship_from is the account's warehouse (or the one an order names), the
   * list read once a connector */
  message = new_message (LUM_CONNECTOR (self), "GET", "/v2/warehouses", NULL, task);
  if (message == NULL)
    {
      g_object_unref (task);
      return;
    }
  lum_connector_request_async (LUM_CONNECTOR (self), message, g_task_get_cancellable (task),
                               on_push_warehouses_cb, task);
}

static void
shipstation_v2_push_async (LumConnector        *self,
                           GPtrArray           *items,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Push *push = g_new0 (Push, 1);

  g_task_set_source_tag (task, shipstation_v2_push_async);
  push->items = g_ptr_array_ref (items);
  push->create = g_ptr_array_new ();
  push->tag = g_ptr_array_new ();
  g_task_set_task_data (task, push, push_free);
  lum_connector_load_secrets_async (self, secret_names, cancellable, on_push_secrets_cb, task);
}

static void
lum_shipstation_v2_finalize (GObject *object)
{
  LumShipstationV2 *self = LUM_SHIPSTATION_V2 (object);

  g_clear_pointer (&self->ship_from, json_object_unref);
  g_clear_pointer (&self->warehouses, json_array_unref);

  G_OBJECT_CLASS (lum_shipstation_v2_parent_class)->finalize (object);
}

static void
lum_shipstation_v2_class_init (LumShipstationV2Class *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  LumConnectorClass *connector_class = LUM_CONNECTOR_CLASS (klass);

  object_class->finalize = lum_shipstation_v2_finalize;

  connector_class->batch_size = LUM_SHIPSTATION_V2_BATCH;
  connector_class->error_message = shipstation_v2_error_message;
  connector_class->authorize_async = shipstation_v2_authorize_async;
  connector_class->push_async = shipstation_v2_push_async;
  connector_class->list_stores_async = shipstation_v2_list_stores_async;
  connector_class->list_warehouses_async = shipstation_v2_list_warehouses_async;
  connector_class->test_async = shipstation_v2_test_async;
  connector_class->poll_async = lum_shipstation_v2_poll_async;
  connector_class->read_stock_async = lum_shipstation_v2_read_stock_async;
}

static void
lum_shipstation_v2_init (LumShipstationV2 *self)
{
}

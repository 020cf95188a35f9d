/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-sandbox"

#include "lum-sandbox-shipstation-private.h"

#include <string.h>

/*
 * ShipStation API V1: Basic auth with the API key and secret, 40 requests a
 * minute per key with X-Rate-Limit-* on every answer, orders upserted by
 * orderKey, shipments made by the control endpoints. Errors come as
 * ASP.NET Web API bodies, as the real service writes them:
 * {"Message": "The request is invalid.", "ModelState": {"apiOrder.billTo":
 * ["The billTo field is required."]}} for a bad order, {"Message": "An error
 * has occurred.", "ExceptionMessage": …} for one that cannot be stored.
 *
 * Each order keeps the whole JSON object it was sent with, plus the fields
 * the service adds, so tests see where mapped fields landed.
 */
static const char * const statuses[] = {
  "awaiting_payment", "awaiting_shipment", "pending_fulfillment", "shipped", "on_hold", "cancelled", NULL,
};

typedef enum { T_STRING, T_INT, T_NUMBER, T_BOOL, T_OBJECT, T_ARRAY } FieldType;

typedef struct
{
  const char *name;
  FieldType   type;
} Field;

static const Field order_fields[] = {
  { "orderNumber", T_STRING }, { "orderKey", T_STRING }, { "orderDate", T_STRING },
  { "paymentDate", T_STRING }, { "shipByDate", T_STRING }, { "orderStatus", T_STRING },
  { "customerId", T_INT }, { "customerUsername", T_STRING }, { "customerEmail", T_STRING },
  { "billTo", T_OBJECT }, { "shipTo", T_OBJECT }, { "items", T_ARRAY },
  { "amountPaid", T_NUMBER }, { "taxAmount", T_NUMBER }, { "shippingAmount", T_NUMBER },
  { "customerNotes", T_STRING }, { "internalNotes", T_STRING }, { "gift", T_BOOL },
  { "giftMessage", T_STRING }, { "paymentMethod", T_STRING },
  { "requestedShippingService", T_STRING }, { "carrierCode", T_STRING },
  { "serviceCode", T_STRING }, { "packageCode", T_STRING }, { "confirmation", T_STRING },
  { "shipDate", T_STRING }, { "holdUntilDate", T_STRING }, { "weight", T_OBJECT },
  { "dimensions", T_OBJECT }, { "insuranceOptions", T_OBJECT },
  { "internationalOptions", T_OBJECT }, { "advancedOptions", T_OBJECT }, { "tagIds", T_ARRAY },
  { NULL, 0 },
};

static const Field address_fields[] = {
  { "name", T_STRING }, { "company", T_STRING }, { "street1", T_STRING },
  { "street2", T_STRING }, { "street3", T_STRING }, { "city", T_STRING },
  { "state", T_STRING }, { "postalCode", T_STRING }, { "country", T_STRING },
  { "phone", T_STRING }, { "residential", T_BOOL },
  { NULL, 0 },
};

static const Field item_fields[] = {
  { "lineItemKey", T_STRING }, { "sku", T_STRING }, { "name", T_STRING },
  { "imageUrl", T_STRING }, { "weight", T_OBJECT }, { "quantity", T_INT },
  { "unitPrice", T_NUMBER }, { "taxAmount", T_NUMBER }, { "shippingAmount", T_NUMBER },
  { "warehouseLocation", T_STRING }, { "options", T_ARRAY }, { "productId", T_INT },
  { "fulfillmentSku", T_STRING }, { "adjustment", T_BOOL }, { "upc", T_STRING },
  { NULL, 0 },
};

static const Field advanced_fields[] = {
  { "storeId", T_INT }, { "warehouseId", T_INT }, { "customField1", T_STRING },
  { "customField2", T_STRING }, { "customField3", T_STRING }, { "source", T_STRING },
  { "mergedOrSplit", T_BOOL }, { "parentId", T_INT }, { "billToParty", T_STRING },
  { NULL, 0 },
};

void
lum_sandbox_shipstation_order_free (gpointer data)
{
  Order *order = data;

  json_object_unref (order->object);
  g_ptr_array_unref (order->shipments);
  g_clear_pointer (&order->tags, g_ptr_array_unref);
  g_free (order);
}

static gboolean
type_matches (JsonNode *node,
              FieldType type)
{
  switch (type)
    {
    case T_STRING:
      return lum_json_is_string (node);
    case T_INT:
      return lum_json_is_int (node);
    case T_NUMBER:
      return lum_json_is_number (node);
    case T_BOOL:
      return lum_json_is_bool (node);
    case T_OBJECT:
      return lum_json_is_object (node);
    case T_ARRAY:
      return lum_json_is_array (node);
    default:
      return FALSE;
    }
}

static const char *
type_name (FieldType type)
{
  static const char * const names[] = { "a string", "an integer", "a number", "true or false",
                                        "an object", "an array" };
  return names[type];
}

/* Checks the types of the known members of @object; unknown ones are kept
 * as they came (mapped custom fields). */
static char *
check_fields (JsonObject  *object,
              const Field *fields,
              const char  *prefix,
              char       **key)
{
  for (guint i = 0; fields[i].name != NULL; i++)
    {
      JsonNode *node = lum_json_member (object, fields[i].name);

      if (node != NULL && !type_matches (node, fields[i].type))
        {
          *key = g_strdup_printf ("%s.%s", prefix, fields[i].name);
          return g_strdup_printf ("Error converting value for '%s': %s was expected.",
                                  fields[i].name, type_name (fields[i].type));
        }
    }
  return NULL;
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static char *
check_required (JsonObject *order,
                const char *name,
                char      **key)
{
  JsonNode *node = lum_json_member (order, name);

  if (node == NULL || (lum_json_is_string (node) && is_blank (json_node_get_string (node))))
    {
      *key = g_strdup_printf ("apiOrder.%s", name);
      return g_strdup_printf ("The %s field is required.", name);
    }
  return NULL;
}

static char *
check_items (JsonArray *items,
             char     **key)
{
  guint length = json_array_get_length (items);

  if (length > MAX_ITEMS)
    {
      *key = g_strdup ("apiOrder.items");
      return g_strdup_printf ("An order may have at most %d items.", MAX_ITEMS);
    }
  for (guint i = 0; i < length; i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      g_autofree char *prefix = g_strdup_printf ("apiOrder.items[%u]", i);
      JsonObject *item;
      JsonNode *quantity;
      const char *sku;
      char *message;

      if (!lum_json_is_object (node))
        {
          *key = g_steal_pointer (&prefix);
          return g_strdup ("Each item must be an object.");
        }
      item = json_node_get_object (node);
      if ((message = check_fields (item, item_fields, prefix, key)) != NULL)
        return message;
      sku = lum_json_get_string (item, "sku");
      if (sku == NULL || *sku == '\0')
        {
          *key = g_strdup_printf ("%s.sku", prefix);
          return g_strdup ("The sku field is required.");
        }
      quantity = lum_json_member (item, "quantity");
      if (quantity == NULL)
        {
          *key = g_strdup_printf ("%s.quantity", prefix);
          return g_strdup ("The quantity field is required.");
        }
      if (json_node_get_int (quantity) < 1 || json_node_get_int (quantity) > MAX_QUANTITY)
        {
          *key = g_strdup_printf ("%s.quantity", prefix);
          return g_strdup_printf ("The quantity must be between 1 and %d.", MAX_QUANTITY);
        }
    }
  return NULL;
}

JsonObject *
lum_sandbox_shipstation_find_store (LumSandboxShipstation *ss,
            gint64                 store_id)
{
  for (guint i = 0; i < ss->stores->len; i++)
    {
      JsonObject *store = g_ptr_array_index (ss->stores, i);

      if (json_object_get_int_member (store, "storeId") == store_id)
        return store;
    }
  return NULL;
}

/* NULL when @order can be stored; otherwise the message, with the
 * ModelState key in @key for an invalid one. */
char *
lum_sandbox_shipstation_check_order (LumSandboxShipstation *ss,
             JsonObject            *order,
             OrderCheck            *check,
             char                 **key)
{
  static const char * const required[] = { "orderNumber", "orderDate", "orderStatus", "billTo", "shipTo", NULL };
  /* orderDate first: it is required */
  static const char * const date_fields[] = { "orderDate", "paymentDate", "shipByDate", "shipDate", "holdUntilDate" };
  const char * const *status;
  JsonNode *node;
  char *message;
  gint64 when;

  *check = ORDER_INVALID;
  if ((message = check_fields (order, order_fields, "apiOrder", key)) != NULL)
    return message;
  for (guint i = 0; required[i] != NULL; i++)
    if ((message = check_required (order, required[i], key)) != NULL)
      return message;
  for (guint i = 0; i < G_N_ELEMENTS (date_fields); i++)
    {
      const char *text = lum_json_get_string (order, date_fields[i]);

      if ((i == 0 || text != NULL) && !lum_sandbox_shipstation_parse_time (text, &when))
        {
          *key = g_strdup_printf ("apiOrder.%s", date_fields[i]);
          return g_strdup_printf ("Could not convert string to DateTime: %s.", text);
        }
    }
  for (status = statuses; *status != NULL; status++)
    if (g_str_equal (*status, lum_json_get_string (order, "orderStatus")))
      break;
  if (*status == NULL)
    {
      *key = g_strdup ("apiOrder.orderStatus");
      return g_strdup_printf ("Requested value '%s' was not found.", lum_json_get_string (order, "orderStatus"));
    }
  if ((message = check_fields (json_object_get_object_member (order, "billTo"), address_fields,
                               "apiOrder.billTo", key)) != NULL
      || (message = check_fields (json_object_get_object_member (order, "shipTo"), address_fields,
                                  "apiOrder.shipTo", key)) != NULL)
    return message;
  node = lum_json_member (order, "items");
  if (node != NULL && (message = check_items (json_node_get_array (node), key)) != NULL)
    return message;
  node = lum_json_member (order, "advancedOptions");
  if (node != NULL)
    {
      JsonObject *advanced = json_node_get_object (node);
      JsonNode *store = lum_json_member (advanced, "storeId");

      if ((message = check_fields (advanced, advanced_fields, "apiOrder.advancedOptions", key)) != NULL)
        return message;
      JsonNode *warehouse = lum_json_member (advanced, "warehouseId");

      if (store != NULL && lum_sandbox_shipstation_find_store (ss, json_node_get_int (store)) == NULL)
        {
          *check = ORDER_UNSTORABLE;
          return g_strdup_printf ("The store with storeId %" G_GINT64_FORMAT " was not found.",
                                  json_node_get_int (store));
        }
      /* an order ships from one of the account's Ship From Locations */
      if (warehouse != NULL && !JSON_NODE_HOLDS_NULL (warehouse) &&
          lum_sandbox_shipstation_find_warehouse (ss, json_node_get_int (warehouse)) == NULL)
        {
          *check = ORDER_UNSTORABLE;
          return g_strdup_printf ("The warehouse with warehouseId %" G_GINT64_FORMAT " was not found.",
                                  json_node_get_int (warehouse));
        }
    }
  *check = ORDER_OK;
  return NULL;
}

static double
order_total (JsonObject *order)
{
  JsonNode *items = lum_json_member (order, "items");
  double total = lum_json_number (lum_json_member (order, "shippingAmount"))
                 + lum_json_number (lum_json_member (order, "taxAmount"));

  if (items != NULL)
    for (guint i = 0; i < json_array_get_length (json_node_get_array (items)); i++)
      {
        JsonObject *item = json_array_get_object_element (json_node_get_array (items), i);
        total += lum_json_number (lum_json_member (item, "unitPrice"))
                 * (double)json_object_get_int_member (item, "quantity");
      }
  return total;
}

/* Adds @order to, or removes it from, the orders with its number. */
static void
index_number (LumSandboxShipstation *ss,
              Order                 *order,
              gboolean               add)
{
  const char *number = json_object_get_string_member (order->object, "orderNumber");
  GPtrArray *orders = g_hash_table_lookup (ss->orders_by_number, number);

  if (add)
    {
      if (orders == NULL)
        {
          orders = g_ptr_array_new ();
          g_hash_table_insert (ss->orders_by_number, g_strdup (number), orders);
        }
      g_ptr_array_add (orders, order);
    }
  else if (orders != NULL)
    {
      g_ptr_array_remove (orders, order);
      if (orders->len == 0)
        g_hash_table_remove (ss->orders_by_number, number);
    }
}

/* Stores @received (already checked) as a new order or over the order with
 * the same orderKey. Returns the stored order. */
Order *
lum_sandbox_shipstation_store_order (LumSandboxShipstation *ss,
             JsonObject            *received)
{
  LumSandbox *sandbox = ss->sandbox;
  g_autofree char *now = lum_sandbox_shipstation_time (lum_sandbox_now_locked (sandbox));
  const char *key = lum_json_get_string (received, "orderKey");
  JsonObject *object = lum_json_object_copy (received);
  Order *order = key != NULL ? g_hash_table_lookup (ss->orders_by_key, key) : NULL;
  g_autofree char *generated = NULL;
  JsonObject *advanced;
  JsonNode *items;
  gint64 old_store = 0;

  if (order != NULL)
    {
      index_number (ss, order, FALSE);
      old_store = json_object_get_int_member (json_object_get_object_member (order->object, "advancedOptions"),
                                              "storeId");
    }
  if (order == NULL)
    {
      order = g_new0 (Order, 1);
      order->id = ss->next_order_id++;
      order->shipments = g_ptr_array_new ();
      if (key == NULL)
        key = generated = lum_sandbox_random_token ("");
      json_object_set_string_member (object, "createDate", now);
      g_ptr_array_add (ss->orders, order);
      g_hash_table_insert (ss->orders_by_id, &order->id, order);
    }
  else
    {
      json_object_set_string_member (object, "createDate",
                                     json_object_get_string_member (order->object, "createDate"));
      g_hash_table_remove (ss->orders_by_key, key);
      json_object_unref (order->object);
    }
  order->object = object;
  json_object_set_int_member (object, "orderId", order->id);
  json_object_set_string_member (object, "orderKey", key);
  json_object_set_string_member (object, "modifyDate", now);
  /* The Order and Advanced Options models
   * (https://www.shipstation.com/docs/api/models/order/,
   * .../models/advanced-options/) call these Read-Only; they do not say a
   * request that carries one is refused, and clients send back what they
   * read, so what is sent is ignored and ShipStation's own value kept. */
  json_object_set_double_member (object, "orderTotal", order_total (object));
  json_object_set_null_member (object, "customerId");
  json_object_set_boolean_member (object, "externallyFulfilled", FALSE);
  json_object_set_null_member (object, "externallyFulfilledBy");
  json_object_set_null_member (object, "externallyFulfilledById");
  json_object_set_null_member (object, "externallyFulfilledByName");

  if (lum_json_member (object, "advancedOptions") == NULL)
    json_object_set_object_member (object, "advancedOptions", json_object_new ());
  advanced = json_object_get_object_member (object, "advancedOptions");
  json_object_set_boolean_member (advanced, "mergedOrSplit", FALSE);
  json_object_set_array_member (advanced, "mergedIds", json_array_new ());
  json_object_set_null_member (advanced, "parentId");
  /* storeId "can only be specified during order creation" */
  if (old_store != 0)
    json_object_set_int_member (advanced, "storeId", old_store);
  else if (lum_json_member (advanced, "storeId") == NULL)
    json_object_set_int_member (advanced, "storeId", FIRST_STORE_ID);

  items = lum_json_member (object, "items");
  if (items == NULL)
    json_object_set_array_member (object, "items", json_array_new ());
  else
    for (guint i = 0; i < json_array_get_length (json_node_get_array (items)); i++)
      {
        JsonObject *item = json_array_get_object_element (json_node_get_array (items), i);
        json_object_set_int_member (item, "orderItemId", ss->next_item_id++);
        json_object_set_string_member (item, "createDate", now);
        json_object_set_string_member (item, "modifyDate", now);
      }

  g_hash_table_insert (ss->orders_by_key, (gpointer)json_object_get_string_member (object, "orderKey"), order);
  index_number (ss, order, TRUE);
  return order;
}

static void
reply_message (LumSandboxRequest *req,
               guint              status,
               const char        *message)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "Message", message);
  lum_sandbox_request_reply_object (req, status, object);
}

static void
reply_model_state (LumSandboxRequest *req,
                   const char        *key,
                   const char        *message)
{
  JsonObject *object = json_object_new ();
  JsonObject *state = json_object_new ();
  JsonArray *messages = json_array_new ();

  json_array_add_string_element (messages, message);
  json_object_set_array_member (state, key, messages);
  json_object_set_string_member (object, "Message", "The request is invalid.");
  json_object_set_object_member (object, "ModelState", state);
  lum_sandbox_request_reply_object (req, SOUP_STATUS_BAD_REQUEST, object);
}

static void
reply_exception (LumSandboxRequest *req,
                 const char        *message)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "Message", "An error has occurred.");
  json_object_set_string_member (object, "ExceptionMessage", message);
  json_object_set_string_member (object, "ExceptionType", "System.ArgumentException");
  json_object_set_null_member (object, "StackTrace");
  lum_sandbox_request_reply_object (req, SOUP_STATUS_BAD_REQUEST, object);
}

static JsonNode *
parse_body (LumSandboxRequest *req,
            const char        *model)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root = lum_sandbox_request_parse_json (req, &error);

  if (root == NULL)
    reply_model_state (req, model, error->message);
  return root;
}

static void
handle_create_order (LumSandboxShipstation *ss,
                     LumSandboxRequest     *req)
{
  g_autoptr(JsonNode) root = parse_body (req, "apiOrder");
  g_autofree char *key = NULL;
  g_autofree char *message = NULL;
  OrderCheck check;
  Order *order;

  if (root == NULL)
    return;
  if (!lum_json_is_object (root))
    {
      reply_model_state (req, "apiOrder", "The request body must be a JSON object (an order).");
      return;
    }
  message = lum_sandbox_shipstation_check_order (ss, json_node_get_object (root), &check, &key);
  if (check == ORDER_INVALID)
    reply_model_state (req, key, message);
  else if (check == ORDER_UNSTORABLE)
    reply_exception (req, message);
  else
    {
      order = lum_sandbox_shipstation_store_order (ss, json_node_get_object (root));
      lum_sandbox_request_reply_object (req, SOUP_STATUS_OK, json_object_ref (order->object));
    }
}

static void
handle_create_orders (LumSandboxShipstation *ss,
                      LumSandboxRequest     *req)
{
  g_autoptr(JsonNode) root = parse_body (req, "apiOrders");
  JsonObject *answer;
  JsonArray *results;
  JsonArray *orders;
  gboolean errors = FALSE;

  if (root == NULL)
    return;
  if (!lum_json_is_array (root))
    {
      reply_model_state (req, "apiOrders", "The request body must be a JSON array of orders.");
      return;
    }
  orders = json_node_get_array (root);
  if (json_array_get_length (orders) > MAX_BULK)
    {
      g_autofree char *message = g_strdup_printf ("At most %d orders may be created at once; %u were sent.",
                                                  MAX_BULK, json_array_get_length (orders));
      reply_model_state (req, "apiOrders", message);
      return;
    }

  answer = json_object_new ();
  results = json_array_new ();
  for (guint i = 0; i < json_array_get_length (orders); i++)
    {
      JsonNode *node = json_array_get_element (orders, i);
      JsonObject *result = json_object_new ();
      g_autofree char *key = NULL;
      g_autofree char *message = NULL;
      OrderCheck check = ORDER_INVALID;

      if (lum_json_is_object (node))
        message = lum_sandbox_shipstation_check_order (ss, json_node_get_object (node), &check, &key);
      else
        message = g_strdup ("Each order must be a JSON object.");

      if (check == ORDER_OK)
        {
          Order *order = lum_sandbox_shipstation_store_order (ss, json_node_get_object (node));

          json_object_set_int_member (result, "orderId", order->id);
          json_object_set_string_member (result, "orderNumber",
                                         json_object_get_string_member (order->object, "orderNumber"));
          json_object_set_string_member (result, "orderKey",
                                         json_object_get_string_member (order->object, "orderKey"));
          json_object_set_boolean_member (result, "success", TRUE);
          json_object_set_null_member (result, "errorMessage");
        }
      else
        {
          JsonObject *sent = lum_json_is_object (node) ? json_node_get_object (node) : NULL;

          errors = TRUE;
          json_object_set_int_member (result, "orderId", 0);
          lum_json_set_nullable_string (result, "orderNumber", lum_json_get_string (sent, "orderNumber"));
          lum_json_set_nullable_string (result, "orderKey", lum_json_get_string (sent, "orderKey"));
          json_object_set_boolean_member (result, "success", FALSE);
          json_object_set_string_member (result, "errorMessage", message);
        }
      json_array_add_object_element (results, result);
    }
  json_object_set_boolean_member (answer, "hasErrors", errors);
  json_object_set_array_member (answer, "results", results);
  lum_sandbox_request_reply_object (req, SOUP_STATUS_OK, answer);
}

/* page and pageSize as ShipStation takes them; FALSE after answering 400. */
static gboolean
read_paging (LumSandboxRequest *req,
             guint             *page,
             guint             *page_size)
{
  const char *page_text = lum_sandbox_request_param (req, "page");
  const char *size_text = lum_sandbox_request_param (req, "pageSize");
  guint64 value;

  *page = 1;
  *page_size = DEFAULT_PAGE_SIZE;
  if (page_text != NULL)
    {
      if (!lum_sandbox_parse_uint (page_text, G_MAXINT32, &value) || value < 1)
        {
          reply_model_state (req, "page", "The page must be a whole number from 1.");
          return FALSE;
        }
      *page = value;
    }
  if (size_text != NULL)
    {
      if (!lum_sandbox_parse_uint (size_text, G_MAXINT32, &value) || value < 1 || value > MAX_PAGE_SIZE)
        {
          reply_model_state (req, "pageSize", "The pageSize must be a whole number from 1 to 500.");
          return FALSE;
        }
      *page_size = value;
    }
  return TRUE;
}

static void
reply_page (LumSandboxRequest *req,
            const char        *member,
            GPtrArray         *matches,
            guint              page,
            guint              page_size,
            JsonObject       *(*present) (JsonObject *, gpointer),
            gpointer           data)
{
  JsonObject *answer = json_object_new ();
  JsonArray *list = json_array_new ();
  guint64 first = (guint64)(page - 1) * page_size;

  for (guint64 i = first; i < matches->len && i < first + page_size; i++)
    {
      JsonObject *object = g_ptr_array_index (matches, i);
      json_array_add_object_element (list, present != NULL ? present (object, data) : json_object_ref (object));
    }
  json_object_set_array_member (answer, member, list);
  json_object_set_int_member (answer, "total", matches->len);
  json_object_set_int_member (answer, "page", page);
  json_object_set_int_member (answer, "pages", (matches->len + page_size - 1) / page_size);
  lum_sandbox_request_reply_object (req, SOUP_STATUS_OK, answer);
}

typedef enum { PARAM_INT, PARAM_TIME } ParamKind;

/* An optional integer or date query parameter; FALSE after answering 400. */
static gboolean
read_param (LumSandboxRequest *req,
            const char        *name,
            ParamKind          kind,
            gint64            *value,
            gboolean          *present)
{
  const char *text = lum_sandbox_request_param (req, name);
  gboolean valid;

  *present = text != NULL && *text != '\0';
  if (!*present)
    return TRUE;
  if (kind == PARAM_INT)
    valid = g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, value, NULL);
  else
    valid = lum_sandbox_shipstation_parse_time (text, value);
  if (!valid)
    {
      g_autofree char *message = g_strdup_printf ("The value '%s' is not valid for %s.", text, name);
      reply_model_state (req, name, message);
    }
  return valid;
}

typedef struct
{
  gboolean has_start, has_end;
  gint64   start, end;
} DateRange;

/* A pair of date parameters; FALSE after answering 400. */
static gboolean
read_range (LumSandboxRequest *req,
            const char        *start_name,
            const char        *end_name,
            DateRange         *range)
{
  return read_param (req, start_name, PARAM_TIME, &range->start, &range->has_start)
         && read_param (req, end_name, PARAM_TIME, &range->end, &range->has_end);
}

/* Whether the date @member of @object is in @range; a record without the
 * date is outside any range. */
static gboolean
in_range (JsonObject      *object,
          const char      *member,
          const DateRange *range)
{
  gint64 when;

  if (!range->has_start && !range->has_end)
    return TRUE;
  if (!lum_sandbox_shipstation_parse_time (lum_json_get_string (object, member), &when))
    return FALSE;
  return (!range->has_start || when >= range->start) && (!range->has_end || when <= range->end);
}

static void
handle_list_orders (LumSandboxShipstation *ss,
                    LumSandboxRequest     *req)
{
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  const char *number = lum_sandbox_request_param (req, "orderNumber");
  const char *status = lum_sandbox_request_param (req, "orderStatus");
  gboolean by_store;
  gint64 store_id;
  guint page, page_size;

  /* List Orders (https://www.shipstation.com/docs/api/orders/list-orders/):
   * each pair filters on the order's member of that name, in Pacific time
   * like the dates themselves */
  static const char * const ranges[][3] = {
    { "orderDate", "orderDateStart", "orderDateEnd" },
    { "createDate", "createDateStart", "createDateEnd" },
    { "modifyDate", "modifyDateStart", "modifyDateEnd" },
    { "paymentDate", "paymentDateStart", "paymentDateEnd" },
  };
  DateRange range[G_N_ELEMENTS (ranges)];

  if (!read_paging (req, &page, &page_size) || !read_param (req, "storeId", PARAM_INT, &store_id, &by_store))
    return;
  for (guint r = 0; r < G_N_ELEMENTS (ranges); r++)
    if (!read_range (req, ranges[r][1], ranges[r][2], &range[r]))
      return;
  for (guint i = 0; i < ss->orders->len; i++)
    {
      Order *order = g_ptr_array_index (ss->orders, i);
      JsonObject *advanced = json_object_get_object_member (order->object, "advancedOptions");
      gboolean in = TRUE;

      if (number != NULL && g_strcmp0 (number, lum_json_get_string (order->object, "orderNumber")) != 0)
        continue;
      if (status != NULL && g_strcmp0 (status, lum_json_get_string (order->object, "orderStatus")) != 0)
        continue;
      if (by_store && json_object_get_int_member (advanced, "storeId") != store_id)
        continue;
      for (guint r = 0; r < G_N_ELEMENTS (ranges) && in; r++)
        in = in_range (order->object, ranges[r][0], &range[r]);
      if (in)
        g_ptr_array_add (matches, order->object);
    }
  reply_page (req, "orders", matches, page, page_size, NULL, NULL);
}

static JsonObject *
present_shipment (JsonObject *shipment,
                  gpointer    with_items)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  JsonObject *copy;

  if (with_items != NULL)
    return json_object_ref (shipment);
  copy = json_object_new ();
  json_object_iter_init_ordered (&iter, shipment);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    if (!g_str_equal (name, "shipmentItems"))
      json_object_set_member (copy, name, json_node_ref (node));
  json_object_set_null_member (copy, "shipmentItems");
  return copy;
}

static void
handle_list_shipments (LumSandboxShipstation *ss,
                       LumSandboxRequest     *req)
{
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  const char *items = lum_sandbox_request_param (req, "includeShipmentItems");
  const char *number = lum_sandbox_request_param (req, "orderNumber");
  const char *tracking = lum_sandbox_request_param (req, "trackingNumber");
  const char *direction = lum_sandbox_request_param (req, "sortDir");
  gboolean with_items = items != NULL && (g_ascii_strcasecmp (items, "true") == 0 || g_str_equal (items, "1"));
  gboolean by_store, by_order;
  gint64 store_id, order_id;
  DateRange created, shipped, voided;
  guint page, page_size;

  /* shipDate is a calendar date: shipDateStart and shipDateEnd are days,
   * both ends included (List Shipments,
   * https://www.shipstation.com/docs/api/shipments/list/) */
  if (!read_paging (req, &page, &page_size)
      || !read_param (req, "storeId", PARAM_INT, &store_id, &by_store)
      || !read_param (req, "orderId", PARAM_INT, &order_id, &by_order)
      || !read_range (req, "createDateStart", "createDateEnd", &created)
      || !read_range (req, "shipDateStart", "shipDateEnd", &shipped)
      || !read_range (req, "voidDateStart", "voidDateEnd", &voided))
    return;

  for (guint i = 0; i < ss->shipments->len; i++)
    {
      JsonObject *shipment = g_ptr_array_index (ss->shipments, i);
      JsonObject *advanced = json_object_get_object_member (shipment, "advancedOptions");

      if (by_store && json_object_get_int_member (advanced, "storeId") != store_id)
        continue;
      if (by_order && json_object_get_int_member (shipment, "orderId") != order_id)
        continue;
      if (number != NULL && g_strcmp0 (number, lum_json_get_string (shipment, "orderNumber")) != 0)
        continue;
      if (tracking != NULL && g_strcmp0 (tracking, lum_json_get_string (shipment, "trackingNumber")) != 0)
        continue;
      if (!in_range (shipment, "createDate", &created) || !in_range (shipment, "shipDate", &shipped)
          || !in_range (shipment, "voidDate", &voided))
        continue;
      g_ptr_array_add (matches, shipment);
    }
  if (direction != NULL && g_ascii_strcasecmp (direction, "DESC") == 0)
    for (guint i = 0; i < matches->len / 2; i++)
      {
        gpointer swap = matches->pdata[i];
        matches->pdata[i] = matches->pdata[matches->len - 1 - i];
        matches->pdata[matches->len - 1 - i] = swap;
      }
  reply_page (req, "shipments", matches, page, page_size, present_shipment,
              with_items ? GINT_TO_POINTER (1) : NULL);
}

static void
handle_list_stores (LumSandboxShipstation *ss,
                    LumSandboxRequest     *req)
{
  const char *inactive = lum_sandbox_request_param (req, "showInactive");
  gboolean all = inactive != NULL && g_ascii_strcasecmp (inactive, "true") == 0;
  JsonArray *stores = json_array_new ();

  for (guint i = 0; i < ss->stores->len; i++)
    {
      JsonObject *store = g_ptr_array_index (ss->stores, i);

      if (all || json_object_get_boolean_member (store, "active"))
        json_array_add_object_element (stores, json_object_ref (store));
    }
  lum_sandbox_request_reply_json (req, SOUP_STATUS_OK, lum_json_node_new_array (stores));
  json_array_unref (stores);
}

static void
handle_get_order (LumSandboxShipstation *ss,
                  LumSandboxRequest     *req,
                  const char            *id_text)
{
  gint64 id;
  Order *order = NULL;

  if (g_ascii_string_to_signed (id_text, 10, 1, G_MAXINT64, &id, NULL))
    order = g_hash_table_lookup (ss->orders_by_id, &id);
  if (order == NULL)
    {
      g_autofree char *message = g_strdup_printf ("Order not found: %s", id_text);
      reply_message (req, SOUP_STATUS_NOT_FOUND, message);
      return;
    }
  lum_sandbox_request_reply_object (req, SOUP_STATUS_OK, json_object_ref (order->object));
}

/* Basic auth and the rate limit; FALSE after answering. */
static gboolean
admit (LumSandboxShipstation *ss,
       LumSandboxRequest     *req)
{
  g_autofree char *key = NULL;
  g_autofree char *secret = NULL;
  const char *expected;
  char text[32];
  guint limit, remaining, reset;
  gboolean allowed;

  if (!lum_sandbox_basic_auth (req->headers, &key, &secret)
      || (expected = g_hash_table_lookup (ss->credentials, key)) == NULL
      || !g_str_equal (expected, secret))
    {
      lum_sandbox_request_set_header (req, "WWW-Authenticate", "Basic realm=\"ShipStation\"");
      reply_message (req, SOUP_STATUS_UNAUTHORIZED, "Authorization has been denied for this request.");
      return FALSE;
    }
  allowed = lum_sandbox_rate_limit_take (ss->limit, key, &limit, &remaining, &reset);
  if (limit > 0)
    {
      g_snprintf (text, sizeof text, "%u", limit);
      lum_sandbox_request_set_header (req, "X-Rate-Limit-Limit", text);
      g_snprintf (text, sizeof text, "%u", remaining);
      lum_sandbox_request_set_header (req, "X-Rate-Limit-Remaining", text);
      g_snprintf (text, sizeof text, "%u", reset);
      lum_sandbox_request_set_header (req, "X-Rate-Limit-Reset", text);
    }
  if (!allowed)
    {
      g_snprintf (text, sizeof text, "%u", reset);
      lum_sandbox_request_set_header (req, "Retry-After", text);
      reply_message (req, 429, "Too Many Requests");
      return FALSE;
    }
  return TRUE;
}

static void
reply_not_allowed (LumSandboxRequest *req)
{
  g_autofree char *message = g_strdup_printf ("The requested resource does not support http method '%s'.",
                                              req->method);
  reply_message (req, SOUP_STATUS_METHOD_NOT_ALLOWED, message);
}

void
lum_sandbox_shipstation_handle (LumSandboxShipstation *ss,
                                LumSandboxRequest     *req)
{
  gboolean get = g_str_equal (req->method, "GET");
  gboolean post = g_str_equal (req->method, "POST");
  const char *path = req->path;

  /* API V2 speaks to the same account (lum-sandbox-shipstation-v2.c) */
  if (g_str_has_prefix (path, "/v2/"))
    {
      lum_sandbox_shipstation_v2_handle (ss, req);
      return;
    }
  if (!admit (ss, req))
    return;

  if (g_str_equal (path, "/orders/createorder"))
    post ? handle_create_order (ss, req) : reply_not_allowed (req);
  else if (g_str_equal (path, "/orders/createorders"))
    post ? handle_create_orders (ss, req) : reply_not_allowed (req);
  else if (g_str_equal (path, "/orders") || g_str_equal (path, "/orders/"))
    get ? handle_list_orders (ss, req) : reply_not_allowed (req);
  else if (g_str_has_prefix (path, "/orders/") && strchr (path + 8, '/') == NULL)
    get ? handle_get_order (ss, req, path + 8) : reply_not_allowed (req);
  else if (g_str_equal (path, "/shipments"))
    get ? handle_list_shipments (ss, req) : reply_not_allowed (req);
  else if (g_str_equal (path, "/stores"))
    get ? handle_list_stores (ss, req) : reply_not_allowed (req);
  else if (g_str_equal (path, "/warehouses"))
    get ? lum_sandbox_shipstation_handle_list_warehouses (ss, req) : reply_not_allowed (req);
  else
    {
      g_autofree char *message = g_strdup_printf ("No HTTP resource was found that matches the request URI '%s'.",
                                                  path);
      reply_message (req, SOUP_STATUS_NOT_FOUND, message);
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-connect"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>

#include "lum-extensiv-private.h"
#include "lum-util.h"

/*
 * The orders of one 3PL customer, and a closed order read as a shipment.
 *
 * Sources: "orders orders" (http://api.3plcentral.com/rels/orders/orders,
 * 3w.extensiv.com): GET /orders{?pgsiz,pgnum,rql,sort,detail,itemdetail,…};
 * `detail` is a comma-separated Common.Enum.OrderChildren list, default
 * None, and only with OrderItems (or All) does an order carry its items,
 * under _embedded["http://api.3plCentral.com/rels/orders/item"] as the
 * "orders items" page shows them. An item's `qty` is a decimal; its
 * readOnly.originalPrimaryQty is, "on a shorted order, … original quantity
 * ordered; otherwise same as Qty": on a closed order `qty` is what left the
 * warehouse.
 */

/* A 32-bit positive id, as text or a number. */
static gboolean
parse_id (const char *text,
          gint64     *id)
{
  guint64 number = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT32, &number, NULL))
    return FALSE;
  *id = (gint64)number;
  return TRUE;
}

/**
 * lum_extensiv_scope_from_store:
 * @store_id: (nullable): the channel's store, "CUSTOMER:FACILITY" or
 *   "CUSTOMER", as lum_order_payload_extensiv() reads it
 *
 * The customer and facility a channel's orders go to: those of its store,
 * else those of the integration.
 */
gboolean
lum_extensiv_scope_from_store (LumIntegration    *integration,
                               const char        *store_id,
                               LumExtensivScope  *scope,
                               GError           **error)
{
  const char *customer = lum_integration_get_setting (integration, LUM_SETTING_EXTENSIV_CUSTOMER_ID);
  const char *facility = lum_integration_get_setting (integration, LUM_SETTING_EXTENSIV_FACILITY_ID);
  g_auto(GStrv) parts = store_id != NULL ? g_strsplit (store_id, ":", 2) : NULL;

  if (parts != NULL && parts[0] != NULL && parts[1] != NULL)
    {
      customer = parts[0];
      facility = parts[1];
    }
  else if (parts != NULL && parts[0] != NULL && *parts[0] != '\0')
    customer = parts[0];

  if (!parse_id (customer, &scope->customer) || !parse_id (facility, &scope->facility))
    {
      g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED,
                   _("Extensiv customer id “%s” and facility id “%s” must be numbers"),
                   customer ? customer : "", facility ? facility : "");
      return FALSE;
    }
  return TRUE;
}

/* The id of {"id": N}, the identifiers the API and our payloads use. */
static gboolean
identifier_id (JsonObject *object,
               const char *member,
               gint64     *id)
{
  return lum_json_get_int (lum_json_get_object (object, member), "id", id) && *id > 0;
}

/**
 * lum_extensiv_scope_from_payload:
 * @payload: the body of a POST /orders, as the push worker built it
 *
 * The customer and facility an order was (or is) sent to.
 */
gboolean
lum_extensiv_scope_from_payload (JsonNode          *payload,
                                 LumExtensivScope  *scope,
                                 GError           **error)
{
  JsonObject *order = payload != NULL && JSON_NODE_HOLDS_OBJECT (payload) ? json_node_get_object (payload) : NULL;

  if (!identifier_id (order, "customerIdentifier", &scope->customer) ||
      !identifier_id (order, "facilityIdentifier", &scope->facility))
    {
      g_set_error_literal (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED,
                           _("The Extensiv order names no customerIdentifier.id and facilityIdentifier.id"));
      return FALSE;
    }
  return TRUE;
}

/* RQL terms that keep a list to the scope's orders. The paths are those of
 * Order.Models.OrderReadOnly (readOnly.customerIdentifier.id,
 * readOnly.facilityIdentifier.id); RQL matches member names regardless of
 * case. */
char *
lum_extensiv_scope_rql (const LumExtensivScope *scope)
{
  /* facility 0: any (the poll's scope) */
  if (scope->facility == 0)
    return g_strdup_printf ("readOnly.customerIdentifier.id==%" PRId64, scope->customer);
  return g_strdup_printf ("readOnly.customerIdentifier.id==%" PRId64 ";readOnly.facilityIdentifier.id==%" PRId64,
                          scope->customer, scope->facility);
}

/**
 * lum_extensiv_order_in_scope:
 *
 * Whether a listed order belongs to the scope's customer (and facility,
 * where it says). Lists are asked for the scope only; this is what keeps
 * another customer's order with the same reference number from being taken
 * for ours should a list hold it all the same.
 */
gboolean
lum_extensiv_order_in_scope (JsonObject             *order,
                             const LumExtensivScope *scope)
{
  JsonObject *read_only = lum_json_get_object (order, "readOnly");
  gint64 customer = 0, facility = 0;

  if (!identifier_id (read_only, "customerIdentifier", &customer) || customer != scope->customer)
    return FALSE;
  if (scope->facility != 0 && read_only != NULL && json_object_has_member (read_only, "facilityIdentifier") &&
      identifier_id (read_only, "facilityIdentifier", &facility) && facility != scope->facility)
    return FALSE;
  return TRUE;
}

/* An item's qty: a whole number of units, written as 3 or 3.0 (the API's
 * decimals come with a fraction part). */
static gboolean
read_qty (JsonObject *item,
          gint64     *qty)
{
  JsonNode *node = item ? json_object_get_member (item, "qty") : NULL;
  double value;

  if (lum_json_get_int (item, "qty", qty))
    return *qty >= 0 && *qty <= G_MAXINT32;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_DOUBLE)
    return FALSE;
  value = json_node_get_double (node);
  if (!isfinite (value) || value < 0 || value > G_MAXINT32 || floor (value) != value)
    return FALSE;
  *qty = (gint64)value;
  return TRUE;
}

static JsonArray *
embedded_items (JsonObject *order)
{
  return lum_json_get_array (lum_json_get_object (order, "_embedded"), LUM_EXTENSIV_ITEMS_REL);
}

/* The member of a listed order that is not what the API describes, or
 * %NULL; read as absent, it could record the order as shipped with
 * another id, for another customer, without its tracking, or as shipping
 * everything. */
static const char *
unreadable_member (JsonObject *order)
{
  static const char * const routing_texts[] = { "carrier", "mode", "trackingNumber" };
  JsonObject *read_only = lum_json_get_object (order, "readOnly");
  JsonObject *routing = lum_json_get_object (order, "routingInfo");
  JsonArray *items = embedded_items (order);
  const char *reference = lum_json_get_string (order, "referenceNum");
  gint64 id = 0;

  if (!lum_json_get_int (read_only, "orderId", &id) || id <= 0)
    return "readOnly.orderId";
  if (reference == NULL || *reference == '\0')
    return "referenceNum";
  if (!identifier_id (read_only, "customerIdentifier", &id))
    return "readOnly.customerIdentifier.id";
  if (!lum_json_member_is_a (read_only, "processDate", G_TYPE_STRING))
    return "readOnly.processDate";
  if (!lum_json_member_is_a (order, "routingInfo", JSON_TYPE_OBJECT))
    return "routingInfo";
  for (guint i = 0; i < G_N_ELEMENTS (routing_texts); i++)
    if (!lum_json_member_is_a (routing, routing_texts[i], G_TYPE_STRING))
      return "routingInfo";
  /* asked for with detail=OrderItems: without them nothing says what shipped */
  if (items == NULL)
    return "_embedded." LUM_EXTENSIV_ITEMS_REL;
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonObject *identifier = lum_json_get_object (item, "itemIdentifier");
      const char *sku = lum_json_get_string (identifier, "sku");
      gint64 qty = 0;

      if (item == NULL || identifier == NULL || sku == NULL || *sku == '\0' || !read_qty (item, &qty))
        return "_embedded." LUM_EXTENSIV_ITEMS_REL;
    }
  return NULL;
}

/**
 * lum_extensiv_parse_closed_order:
 * @order: an order of a GET /orders list, asked for with detail=OrderItems
 * @scope: whose orders are ours
 * @skip: (out): %TRUE for a readable order that is no shipment of ours:
 *   another customer's, a cancelled one, or one that shipped nothing
 * @unreadable: (out): the member that cannot be read, when it returns
 *   %NULL and @skip is %FALSE
 *
 * A closed order is one shipment: its tracking number and, per item, the
 * quantity that shipped. A short shipment stays short: only what the
 * warehouse shipped is listed.
 *
 * Returns: (transfer full) (nullable): the shipment
 */
LumRemoteShipment *
lum_extensiv_parse_closed_order (JsonObject              *order,
                                 const LumExtensivScope  *scope,
                                 gboolean                *skip,
                                 const char             **unreadable)
{
  JsonObject *read_only = lum_json_get_object (order, "readOnly");
  JsonObject *routing = lum_json_get_object (order, "routingInfo");
  JsonArray *items = embedded_items (order);
  g_autofree char *order_id = NULL;
  g_autofree char *remote_id = NULL;
  LumRemoteShipment *remote;
  LumShipment *shipment;
  gint64 status = 0;

  *skip = FALSE;
  *unreadable = unreadable_member (order);
  if (*unreadable != NULL)
    return NULL;
  /* readOnly.status 2 is a cancelled order (Order.Models.OrderReadOnly;
   * the enum's values are not on the pages we could read, and whether a
   * cancelled order also says isClosed is not documented): never a shipment */
  if (!lum_extensiv_order_in_scope (order, scope) ||
      (lum_json_get_int (read_only, "status", &status) && status == 2))
    {
      *skip = TRUE;
      return NULL;
    }

  order_id = lum_json_dup_scalar (read_only, "orderId");
  remote_id = g_strdup_printf ("order-%s", order_id);
  remote = g_new0 (LumRemoteShipment, 1);
  shipment = remote->shipment = lum_shipment_new ();
  remote->order_number = g_strdup (lum_json_get_string (order, "referenceNum"));
  lum_shipment_set_text (shipment, LUM_SHIPMENT_REMOTE_ID, remote_id);
  lum_shipment_set_text (shipment, LUM_SHIPMENT_CARRIER, lum_json_get_string (routing, "carrier"));
  lum_shipment_set_text (shipment, LUM_SHIPMENT_SERVICE, lum_json_get_string (routing, "mode"));
  lum_shipment_set_text (shipment, LUM_SHIPMENT_TRACKING_NUMBER, lum_json_get_string (routing, "trackingNumber"));
  lum_shipment_set_text (shipment, LUM_SHIPMENT_SHIPPED_AT, lum_json_get_string (read_only, "processDate"));
  lum_shipment_set_text (shipment, LUM_SHIPMENT_CREATED_AT, lum_json_get_string (read_only, "processDate"));

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *sku = lum_json_get_string (lum_json_get_object (item, "itemIdentifier"), "sku");
      gint64 qty = 0;

      if (read_qty (item, &qty) && qty > 0)
        lum_shipment_add_line (shipment, sku, qty);
    }

  /* a shipment without lines would ship everything still open */
  if (g_list_model_get_n_items (lum_shipment_get_lines (shipment)) == 0)
    {
      lum_remote_shipment_free (remote);
      *skip = TRUE;
      return NULL;
    }
  return remote;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-connect"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "model/lum-field-path.h"
#include "lum-http.h"
#include "lum-order-payload.h"
#include "lum-identity-fields.h"
#include "lum-shipstation-time.h"
#include "lum-util.h"

/**
 * lum_field_value:
 * @lumen_field: a key of the field catalogue (lum-field-catalog.h)
 *
 * The value a mapped field carries for this order, or %NULL for an unknown
 * key. Empty values are sent as empty strings.
 */
char *
lum_field_value (const char                 *lumen_field,
                 const LumOrderPayloadInput *in)
{
  static const struct { const char *key; LumDocText field; } doc_fields[] = {
    { "shipping_notes", LUM_DOC_SHIPPING_NOTES },
    { "shipping_type", LUM_DOC_SHIPPING_TYPE },
    { "internal_notes", LUM_DOC_INTERNAL_NOTES },
    { "customer_notes", LUM_DOC_CUSTOMER_NOTES },
    { "po_number", LUM_DOC_PO_NUMBER },
    { "requested_ship_date", LUM_DOC_REQUESTED_SHIP_DATE },
    { "order_number", LUM_DOC_NUMBER },
    { "gift_message", LUM_DOC_GIFT_MESSAGE },
  };
  static const struct { const char *key; LumCustomerText field; } customer_fields[] = {
    { "customer_email", LUM_CUSTOMER_EMAIL },
    { "customer_phone", LUM_CUSTOMER_PHONE },
    { "sales_rep", LUM_CUSTOMER_SALES_REP },
  };

  for (guint i = 0; i < G_N_ELEMENTS (doc_fields); i++)
    if (g_strcmp0 (lumen_field, doc_fields[i].key) == 0)
      return g_strdup (lum_document_get_text (in->order, doc_fields[i].field));
  for (guint i = 0; i < G_N_ELEMENTS (customer_fields); i++)
    if (g_strcmp0 (lumen_field, customer_fields[i].key) == 0)
      return g_strdup (lum_customer_get_text (in->customer, customer_fields[i].field));
  if (g_strcmp0 (lumen_field, "channel_name") == 0)
    return g_strdup (lum_channel_get_name (in->config));
  if (g_strcmp0 (lumen_field, "warehouse_code") == 0)
    return g_strdup (in->warehouse_code ? in->warehouse_code : "");
  return NULL;
}

static void
set_str (JsonObject *object,
         const char *member,
         const char *value)
{
  json_object_set_string_member (object, member, value ? value : "");
}

static void
set_optional (JsonObject *object,
              const char *member,
              const char *value)
{
  if (!lum_str_empty (value))
    json_object_set_string_member (object, member, value);
}

static double
dollars (gint64 cents)
{
  return cents / 100.0;
}

static JsonObject *
shipstation_address (const char *name,
                     const char *company,
                     const char *street1,
                     const char *street2,
                     const char *city,
                     const char *state,
                     const char *postal_code,
                     const char *country,
                     const char *phone)
{
  JsonObject *address = json_object_new ();

  set_str (address, "name", name);
  set_str (address, "company", company);
  set_str (address, "street1", street1);
  set_str (address, "street2", street2);
  set_str (address, "city", city);
  set_str (address, "state", state);
  set_str (address, "postalCode", postal_code);
  set_str (address, "country", lum_str_empty (country) ? "US" : country);
  set_str (address, "phone", phone);
  json_object_set_boolean_member (address, "residential", FALSE);
  return address;
}


/**
 * lum_order_payload_shipstation:
 *
 * The body of `POST /orders/createorder` (one element of
 * `/orders/createorders`): the order's UUID as `orderKey`, so that a resend
 * updates the same order instead of adding one.
 */
JsonNode *
lum_order_payload_shipstation (const LumOrderPayloadInput  *in,
                               GError                     **error)
{
  JsonObject *order = json_object_new ();
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), order);
  LumCustomer *c = in->customer;
  LumDocument *d = in->order;
  JsonArray *items;
  JsonObject *advanced;
  GListModel *lines = lum_document_get_lines (d);
  const char *posted = lum_document_get_text (d, LUM_DOC_POSTED_AT);
  const char *ship_by = lum_document_get_text (d, LUM_DOC_REQUESTED_SHIP_DATE);
  g_autofree char *order_date = NULL;
  const char *store = lum_channel_get_oms_store_id (in->config);
  guint64 store_id, warehouse_id = 0;
  gboolean linked = in->ship_from != NULL && in->ship_from->reason == LUM_SHIP_FROM_LINKED;
  GError *local_error = NULL;

  json_object_unref (order); /* the node holds it */
  order = json_node_get_object (node);
  if (store == NULL || !g_ascii_string_to_unsigned (store, 10, 1, G_MAXINT32, &store_id, NULL))
    {
      g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED,
                   _("ShipStation store id “%s” is not a number"), store ? store : "");
      return NULL;
    }
  if (linked && !g_ascii_string_to_unsigned (in->ship_from->remote_id, 10, 1, G_MAXINT32, &warehouse_id, NULL))
    {
      g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED,
                   _("ShipStation warehouseId “%s” linked to warehouse %s is not a number"),
                   in->ship_from->remote_id, in->ship_from->warehouse_code);
      return NULL;
    }
  /* ShipStation reads a zone-less orderDate as Pacific time: the instant
   * the order was posted, on the clock ShipStation reads it by */
  order_date = lum_shipstation_time_to_pacific (lum_str_empty (posted) ? NULL : posted, &local_error);
  if (order_date == NULL)
    {
      if (g_error_matches (local_error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED))
        g_propagate_error (error, local_error);
      else
        {
          g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED,
                       _("Order %s has no posting time that can be sent as orderDate (“%s”)"),
                       lum_document_get_number (d), posted ? posted : "");
          g_error_free (local_error);
        }
      return NULL;
    }
  /* the requested ship date is a calendar date, not an instant: sent as
   * that day, which ShipStation reads as its midnight Pacific, it stays
   * the same day there */
  if (!lum_str_empty (ship_by) && !lum_date_valid (ship_by))
    {
      g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED,
                   _("Requested ship date “%s” of order %s is not a date (YYYY-MM-DD)"), ship_by,
                   lum_document_get_number (d));
      return NULL;
    }

  items = json_array_new ();
  advanced = json_object_new ();
  set_str (order, "orderNumber", lum_document_get_number (d));
  set_str (order, "orderKey", lum_document_get_text (d, LUM_DOC_UUID));
  set_str (order, "orderDate", order_date);
  set_str (order, "orderStatus", in->status ? in->status : "awaiting_shipment");
  set_str (order, "customerUsername", lum_customer_get_name (c));
  set_optional (order, "customerEmail", lum_customer_get_text (c, LUM_CUSTOMER_EMAIL));
  json_object_set_object_member (order, "billTo",
                                 shipstation_address (lum_customer_get_name (c),
                                                      lum_customer_get_text (c, LUM_CUSTOMER_COMPANY),
                                                      lum_customer_get_text (c, LUM_CUSTOMER_BILL_STREET1),
                                                      lum_customer_get_text (c, LUM_CUSTOMER_BILL_STREET2),
                                                      lum_customer_get_text (c, LUM_CUSTOMER_BILL_CITY),
                                                      lum_customer_get_text (c, LUM_CUSTOMER_BILL_STATE),
                                                      lum_customer_get_text (c, LUM_CUSTOMER_BILL_POSTAL_CODE),
                                                      lum_customer_get_text (c, LUM_CUSTOMER_BILL_COUNTRY),
                                                      lum_customer_get_text (c, LUM_CUSTOMER_PHONE)));
  json_object_set_object_member (order, "shipTo",
                                 shipstation_address (lum_document_get_text (d, LUM_DOC_SHIP_NAME),
                                                      lum_document_get_text (d, LUM_DOC_SHIP_COMPANY),
                                                      lum_document_get_text (d, LUM_DOC_SHIP_STREET1),
                                                      lum_document_get_text (d, LUM_DOC_SHIP_STREET2),
                                                      lum_document_get_text (d, LUM_DOC_SHIP_CITY),
                                                      lum_document_get_text (d, LUM_DOC_SHIP_STATE),
                                                      lum_document_get_text (d, LUM_DOC_SHIP_POSTAL_CODE),
                                                      lum_document_get_text (d, LUM_DOC_SHIP_COUNTRY),
                                                      lum_document_get_text (d, LUM_DOC_SHIP_PHONE)));

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(LumDocLine) line = g_list_model_get_item (lines, i);
      JsonObject *item = json_object_new ();
      g_autofree char *key = g_strdup_printf ("%s-%u", lum_document_get_text (d, LUM_DOC_UUID), i + 1);

      set_str (item, "lineItemKey", key);
      set_str (item, "sku", lum_doc_line_get_sku (line));
      set_str (item, "name", lum_doc_line_get_description (line));
      json_object_set_int_member (item, "quantity", lum_doc_line_get_quantity (line));
      json_object_set_double_member (item, "unitPrice", dollars (lum_doc_line_get_unit_price_cents (line)));
      json_array_add_object_element (items, item);
    }
  json_object_set_array_member (order, "items", items);

  /* orderTotal, orderId, createDate, modifyDate, customerId and the
   * items' orderItemId are read-only: ShipStation sets them itself
   * (https://www.shipstation.com/docs/api/models/order/), so none is sent */
  set_optional (order, "customerNotes", lum_document_get_text (d, LUM_DOC_CUSTOMER_NOTES));
  set_optional (order, "internalNotes", lum_document_get_text (d, LUM_DOC_INTERNAL_NOTES));
  set_optional (order, "requestedShippingService", lum_document_get_text (d, LUM_DOC_SHIPPING_TYPE));
  /* a day: the start of it, written as the documentation's Create Order
   * example writes it ("shipByDate": "2015-07-05T00:00:00.0000000"); a
   * zone-less time is read in Pacific time, so the day stays the day */
  if (!lum_str_empty (ship_by))
    {
      g_autofree char *ship_by_time = g_strconcat (ship_by, "T00:00:00.0000000", NULL);
      set_str (order, "shipByDate", ship_by_time);
    }
  if (!lum_str_empty (lum_document_get_text (d, LUM_DOC_GIFT_MESSAGE)))
    {
      json_object_set_boolean_member (order, "gift", TRUE);
      set_str (order, "giftMessage", lum_document_get_text (d, LUM_DOC_GIFT_MESSAGE));
    }

  json_object_set_int_member (advanced, "storeId", (gint64)store_id);
  /* the Ship From Location: "warehouseId: ID of the warehouse where this
   * order will ship from" (Order model, advancedOptions), an integer of
   * GET /warehouses */
  if (linked)
    json_object_set_int_member (advanced, "warehouseId", (gint64)warehouse_id);
  json_object_set_object_member (order, "advancedOptions", advanced);

  return g_steal_pointer (&node);
}

/**
 * lum_order_payload_extensiv:
 *
 * The body of Extensiv's `POST /orders`: the order number as
 * `referenceNum`, the 3PL customer and facility of the integration.
 */
JsonNode *
lum_order_payload_extensiv (const LumOrderPayloadInput  *in,
                            LumIntegration              *integration,
                            GError                     **error)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *order, *customer_id, *facility_id, *ship_to;
  JsonArray *items = json_array_new ();
  LumDocument *d = in->order;
  GListModel *lines = lum_document_get_lines (d);
  const char *customer = lum_integration_get_setting (integration, LUM_SETTING_EXTENSIV_CUSTOMER_ID);
  const char *facility = lum_integration_get_setting (integration, LUM_SETTING_EXTENSIV_FACILITY_ID);
  const char *store = lum_channel_get_oms_store_id (in->config);
  guint64 customer_number, facility_number;

  /* the channel's store may name "customer:facility", overriding the integration's */
  g_auto(GStrv) parts = store ? g_strsplit (store, ":", 2) : NULL;
  if (parts != NULL && parts[0] != NULL && parts[1] != NULL)
    {
      customer = parts[0];
      facility = parts[1];
    }
  else if (parts != NULL && parts[0] != NULL && *parts[0] != '\0')
    customer = parts[0];
  /* the ship-from warehouse's facility wins over the store's */
  if (in->ship_from != NULL && in->ship_from->reason == LUM_SHIP_FROM_LINKED)
    facility = in->ship_from->remote_id;

  if (customer == NULL || !g_ascii_string_to_unsigned (customer, 10, 1, G_MAXINT32, &customer_number, NULL) ||
      facility == NULL || !g_ascii_string_to_unsigned (facility, 10, 1, G_MAXINT32, &facility_number, NULL))
    {
      json_array_unref (items);
      g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED,
                   _("Extensiv customer id “%s” and facility id “%s” must be numbers"),
                   customer ? customer : "", facility ? facility : "");
      return NULL;
    }

  node = json_node_init_object (json_node_alloc (), json_object_new ());
  order = json_node_get_object (node);
  json_object_unref (order);

  customer_id = json_object_new ();
  json_object_set_int_member (customer_id, "id", (gint64)customer_number);
  json_object_set_object_member (order, "customerIdentifier", customer_id);
  facility_id = json_object_new ();
  json_object_set_int_member (facility_id, "id", (gint64)facility_number);
  json_object_set_object_member (order, "facilityIdentifier", facility_id);

  set_str (order, "referenceNum", lum_document_get_number (d));
  set_optional (order, "poNum", lum_document_get_text (d, LUM_DOC_PO_NUMBER));
  set_optional (order, "notes", lum_document_get_text (d, LUM_DOC_CUSTOMER_NOTES));
  set_optional (order, "shippingNotes", lum_document_get_text (d, LUM_DOC_SHIPPING_NOTES));
  if (lum_document_get_is_test (d))
    {
      /* A channel test's order is marked where the 3PL's people read it:
       * the order's notes say so first (a free text of the order), and
       * deferNotification keeps it "incomplete", so that it is neither
       * allocated nor picked before the test cancels it ("DeferNotification:
       * True means the order will be created in an 'incomplete' state …
       * an order's 'complete'-ness also affects when allocation occurs",
       * Order.Models.OrderCreate on 3w.extensiv.com). The referenceNum
       * stays the order number: it is how Lumen finds the order again.
       * Saved elements are not used: a 3PL defines the names its
       * customers may use, and an unknown one could refuse the order. */
      const char *notes = lum_document_get_text (d, LUM_DOC_CUSTOMER_NOTES);
      g_autofree char *marked = lum_str_empty (notes)
        ? g_strdup (LUM_EXTENSIV_TEST_NOTE)
        : g_strconcat (LUM_EXTENSIV_TEST_NOTE, " ", notes, NULL);

      json_object_set_string_member (order, "notes", marked);
      json_object_set_boolean_member (order, "deferNotification", TRUE);
    }
  if (!lum_str_empty (lum_document_get_text (d, LUM_DOC_REQUESTED_SHIP_DATE)))
    {
      g_autofree char *date = g_strconcat (lum_document_get_text (d, LUM_DOC_REQUESTED_SHIP_DATE), "T00:00:00", NULL);
      set_str (order, "earliestShipDate", date);
    }

  ship_to = json_object_new ();
  set_str (ship_to, "companyName", lum_document_get_text (d, LUM_DOC_SHIP_COMPANY));
  set_str (ship_to, "name", lum_document_get_text (d, LUM_DOC_SHIP_NAME));
  set_str (ship_to, "address1", lum_document_get_text (d, LUM_DOC_SHIP_STREET1));
  set_str (ship_to, "address2", lum_document_get_text (d, LUM_DOC_SHIP_STREET2));
  set_str (ship_to, "city", lum_document_get_text (d, LUM_DOC_SHIP_CITY));
  set_str (ship_to, "state", lum_document_get_text (d, LUM_DOC_SHIP_STATE));
  set_str (ship_to, "zip", lum_document_get_text (d, LUM_DOC_SHIP_POSTAL_CODE));
  set_str (ship_to, "country", lum_str_empty (lum_document_get_text (d, LUM_DOC_SHIP_COUNTRY))
                               ? "US" : lum_document_get_text (d, LUM_DOC_SHIP_COUNTRY));
  set_str (ship_to, "phoneNumber", lum_document_get_text (d, LUM_DOC_SHIP_PHONE));
  set_str (ship_to, "emailAddress", lum_customer_get_text (in->customer, LUM_CUSTOMER_EMAIL));
  json_object_set_object_member (order, "shipTo", ship_to);

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(LumDocLine) line = g_list_model_get_item (lines, i);
      JsonObject *item = json_object_new ();
      JsonObject *identifier = json_object_new ();

      set_str (identifier, "sku", lum_doc_line_get_sku (line));
      json_object_set_object_member (item, "itemIdentifier", identifier);
      json_object_set_int_member (item, "qty", lum_doc_line_get_quantity (line));
      json_array_add_object_element (items, item);
    }
  json_object_set_array_member (order, "orderItems", items);

  return g_steal_pointer (&node);
}

/**
 * lum_order_payload_apply_mappings:
 *
 * Sets each mapped Lumen field at its remote path, last, so that a mapping
 * wins over what the payload had there. A mapping onto a field that
 * identifies the order at an OMS of @kind is refused, not applied: the
 * channel rules refuse it on saving, but an order posted before they did
 * keeps the configuration it was posted under.
 */
gboolean
lum_order_payload_apply_mappings (JsonNode                    *payload,
                                  LumIntegrationKind           kind,
                                  const LumOrderPayloadInput  *in,
                                  GError                     **error)
{
  GListModel *mappings = lum_channel_get_mappings (in->config);

  for (guint i = 0; i < g_list_model_get_n_items (mappings); i++)
    {
      g_autoptr(LumFieldMapping) mapping = g_list_model_get_item (mappings, i);
      g_autoptr(LumFieldPath) path = NULL;
      g_autoptr(JsonNode) value = NULL;
      g_autofree char *text = lum_field_value (lum_field_mapping_get_lumen_field (mapping), in);

      if (text == NULL)
        continue;
      path = lum_field_path_parse (lum_field_mapping_get_remote_field (mapping), error);
      if (path == NULL)
        return FALSE;
      if (lum_identity_field_covering (kind, path) != NULL)
        {
          g_set_error (error, LUM_FIELD_PATH_ERROR, LUM_FIELD_PATH_ERROR_CONFLICT,
                       _("Remote field “%s” cannot be set: Lumen fills “%s” itself to identify the order; remove that field mapping from the channel"),
                       lum_field_mapping_get_remote_field (mapping), lum_identity_field_covering (kind, path));
          return FALSE;
        }
      value = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (value, text);
      if (!lum_field_path_set (path, json_node_get_object (payload), value, error))
        return FALSE;
    }
  return TRUE;
}

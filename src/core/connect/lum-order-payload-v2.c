/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-connect"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lum-http.h"
#include "lum-order-payload.h"
#include "lum-util.h"

/*
 * A sales order as a ShipStation API V2 shipment: one element of the
 * `shipments` of `POST /v2/shipments` (create_shipment_request of
 * ShipStation's own description, shipstation-v2.openapi.yaml). That schema
 * takes no member it does not name, so only named members are written:
 * no `shipment_number` (it is not among them; the order number goes with
 * each item as its `external_order_id`), and `tags` is sent through the
 * tag endpoint after the create (the connector takes it out of the body).
 */

static void
set_optional (JsonObject *object,
              const char *member,
              const char *value)
{
  /* the address members are minLength 1 */
  if (!lum_str_empty (value))
    json_object_set_string_member (object, member, value);
}

/* shipping_address_to: name, phone, address_line1, city_locality,
 * state_province, postal_code, country_code and
 * address_residential_indicator are required; phone is not read by
 * format but must not be empty. */
static JsonObject *
ship_to_address (LumDocument  *d,
                 LumCustomer  *c,
                 GError      **error)
{
  const char *phone = lum_document_get_text (d, LUM_DOC_SHIP_PHONE);
  const char *country = lum_document_get_text (d, LUM_DOC_SHIP_COUNTRY);
  static const struct { LumDocText field; const char *member; } required[] = {
    { LUM_DOC_SHIP_NAME, "name" },
    { LUM_DOC_SHIP_STREET1, "address_line1" },
    { LUM_DOC_SHIP_CITY, "city_locality" },
    { LUM_DOC_SHIP_STATE, "state_province" },
    { LUM_DOC_SHIP_POSTAL_CODE, "postal_code" },
  };
  g_autoptr(JsonObject) address = json_object_new ();

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      const char *value = lum_document_get_text (d, required[i].field);

      if (lum_str_empty (value))
        {
          g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED,
                       _("Order %s has no ship-to %s, which ShipStation requires"),
                       lum_document_get_number (d), required[i].member);
          return NULL;
        }
      json_object_set_string_member (address, required[i].member, value);
    }
  if (lum_str_empty (phone))
    phone = lum_customer_get_text (c, LUM_CUSTOMER_PHONE);
  if (lum_str_empty (phone))
    {
      g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED,
                   _("Order %s has no ship-to phone (nor has customer “%s”), which ShipStation requires"),
                   lum_document_get_number (d), lum_customer_get_name (c));
      return NULL;
    }
  if (!lum_str_empty (country) && strlen (country) != 2)
    {
      g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED,
                   _("Ship-to country “%s” of order %s is not a two-letter country code"),
                   country, lum_document_get_number (d));
      return NULL;
    }
  json_object_set_string_member (address, "phone", phone);
  set_optional (address, "company_name", lum_document_get_text (d, LUM_DOC_SHIP_COMPANY));
  set_optional (address, "address_line2", lum_document_get_text (d, LUM_DOC_SHIP_STREET2));
  json_object_set_string_member (address, "country_code", lum_str_empty (country) ? "US" : country);
  /* a wholesale order goes to a business */
  json_object_set_string_member (address, "address_residential_indicator", "no");
  return g_steal_pointer (&address);
}

/**
 * lum_order_payload_shipstation_v2:
 *
 * The order as a V2 shipment: its UUID as `external_shipment_id` (V1's
 * `orderKey`, so an order pushed through V1 is found again), the channel's
 * store, ship-to, items; a test order carries the tag
 * %LUM_SHIPSTATION_V2_TEST_TAG. `ship_from` is filled in by the connector:
 * the origin address of the `warehouse_id` the payload names (the group's
 * linked warehouse), else of the account's default warehouse.
 */
JsonNode *
lum_order_payload_shipstation_v2 (const LumOrderPayloadInput  *in,
                                  GError                     **error)
{
  LumDocument *d = in->order;
  const char *store = lum_channel_get_oms_store_id (in->config);
  const char *uuid = lum_document_get_text (d, LUM_DOC_UUID);
  GListModel *lines = lum_document_get_lines (d);
  g_autoptr(JsonObject) shipment = json_object_new ();
  JsonObject *ship_to;
  JsonArray *items;

  if (lum_str_empty (store))
    {
      g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED,
                   _("The channel has no ShipStation store for order %s"), lum_document_get_number (d));
      return NULL;
    }
  if (lum_str_empty (uuid) || strlen (uuid) > 50)
    {
      g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED,
                   _("Order %s has no key that fits external_shipment_id (“%s”)"),
                   lum_document_get_number (d), uuid ? uuid : "");
      return NULL;
    }
  ship_to = ship_to_address (d, in->customer, error);
  if (ship_to == NULL)
    return NULL;

  json_object_set_string_member (shipment, "external_shipment_id", uuid);
  json_object_set_string_member (shipment, "store_id", store);
  /* the shipment's warehouse_id ("The warehouse that the shipment is being
   * shipped from"); create_shipment_request takes no warehouse_id, only
   * ship_from: the connector sends that warehouse's origin_address */
  if (in->ship_from != NULL && in->ship_from->reason == LUM_SHIP_FROM_LINKED)
    json_object_set_string_member (shipment, "warehouse_id", in->ship_from->remote_id);
  json_object_set_object_member (shipment, "ship_to", ship_to);
  set_optional (shipment, "notes_from_buyer", lum_document_get_text (d, LUM_DOC_CUSTOMER_NOTES));
  if (!lum_str_empty (lum_document_get_text (d, LUM_DOC_GIFT_MESSAGE)))
    {
      json_object_set_boolean_member (shipment, "is_gift", TRUE);
      json_object_set_string_member (shipment, "notes_for_gift", lum_document_get_text (d, LUM_DOC_GIFT_MESSAGE));
    }

  items = json_array_new ();
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(LumDocLine) line = g_list_model_get_item (lines, i);
      JsonObject *item = json_object_new ();
      g_autofree char *key = g_strdup_printf ("%s-%u", uuid, i + 1);

      json_object_set_string_member (item, "sku", lum_doc_line_get_sku (line));
      json_object_set_string_member (item, "name", lum_doc_line_get_description (line)
                                                   ? lum_doc_line_get_description (line) : "");
      json_object_set_int_member (item, "quantity", lum_doc_line_get_quantity (line));
      json_object_set_double_member (item, "unit_price", lum_doc_line_get_unit_price_cents (line) / 100.0);
      json_object_set_string_member (item, "external_order_id", lum_document_get_number (d));
      json_object_set_string_member (item, "external_order_item_id", key);
      json_array_add_object_element (items, item);
    }
  json_object_set_array_member (shipment, "items", items);

  if (lum_document_get_is_test (d))
    {
      JsonArray *tags = json_array_new ();
      JsonObject *tag = json_object_new ();

      json_object_set_string_member (tag, "name", LUM_SHIPSTATION_V2_TEST_TAG);
      json_array_add_object_element (tags, tag);
      json_object_set_array_member (shipment, "tags", tags);
    }
  return json_node_init_object (json_node_alloc (), shipment);
}

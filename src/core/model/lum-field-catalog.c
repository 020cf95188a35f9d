/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lum-field-catalog.h"

static const LumFieldInfo catalog[] = {
  { "shipping_notes", N_("Shipping notes"), N_("The order’s shipping notes") },
  { "shipping_type", N_("Shipping type"), N_("The requested shipping type or service") },
  { "internal_notes", N_("Internal notes"), N_("Notes for the warehouse, not shown to the customer") },
  { "customer_notes", N_("Customer notes"), N_("Notes from or for the customer") },
  { "po_number", N_("PO number"), N_("The customer’s purchase order number") },
  { "requested_ship_date", N_("Requested ship date"), N_("The date the customer asked to ship on (YYYY-MM-DD)") },
  { "customer_email", N_("Customer email"), N_("The customer’s email address") },
  { "customer_phone", N_("Customer phone"), N_("The customer’s phone number") },
  { "sales_rep", N_("Sales rep"), N_("The account manager of the customer") },
  { "order_number", N_("Order number"), N_("Lumen’s sales order number (SO-000001)") },
  { "channel_name", N_("Channel name"), N_("The name of the sales channel") },
  { "warehouse_code", N_("Warehouse code"), N_("The code of the first warehouse of the channel’s group") },
  { "gift_message", N_("Gift message"), N_("A gift message to print with the order") },
};

const LumFieldInfo *
lum_field_catalog_get (guint *n_fields)
{
  if (n_fields != NULL)
    *n_fields = G_N_ELEMENTS (catalog);
  return catalog;
}

const LumFieldInfo *
lum_field_catalog_lookup (const char *key)
{
  if (key == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (catalog); i++)
    if (g_str_equal (catalog[i].key, key))
      return &catalog[i];
  return NULL;
}

/* "shipping_notes, shipping_type, …" for error messages and --help. */
char *
lum_field_catalog_keys (void)
{
  g_autoptr(GString) str = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (catalog); i++)
    {
      if (i > 0)
        g_string_append (str, ", ");
      g_string_append (str, catalog[i].key);
    }
  return g_string_free (g_steal_pointer (&str), FALSE);
}

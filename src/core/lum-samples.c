/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lum-engine-documents.h"
#include "lum-samples.h"

static const struct {
  const char *name;
  const char *email;
  const char *street;
  const char *city;
  const char *state;
  const char *zip;
  int         terms;
} customers[] = {
  { "Acme Wholesale Supply", "orders@acme-wholesale.example", "1200 Industrial Pkwy", "Springfield", "IL", "62702", 30 },
  { "Bolt & Nut Distributors", "purchasing@boltnut.example", "88 Harbor Rd", "Portland", "OR", "97209", 60 },
  { "Corner Hardware", "owner@cornerhardware.example", "5 Main St", "Burlington", "VT", "05401", 0 },
};

static const struct {
  const char *sku;
  const char *name;
  gint64      cents;
  double      weight_oz;
} products[] = {
  { "WID-100", "Widget, standard", 1250, 8 },
  { "GAD-200", "Gadget", 475, 4 },
  { "GIZ-300", "Gizmo, deluxe", 2999, 20 },
  { "BLT-010", "Bolts, box of 10", 210, 6 },
  { "NUT-010", "Nuts, box of 10", 190, 5 },
};

/**
 * lum_engine_seed_samples:
 *
 * Sample customers and products for a first run on the embedded defaults,
 * added only where none exist yet.
 */
gboolean
lum_engine_seed_samples (LumEngine  *self,
                         GError    **error)
{
  g_autoptr(GListStore) known_customers = lum_engine_search_customers (self, "", 1, error);
  g_autoptr(GListStore) known_products = known_customers ? lum_engine_search_products (self, "", 1, error) : NULL;

  if (known_products == NULL)
    return FALSE;

  if (g_list_model_get_n_items (G_LIST_MODEL (known_customers)) == 0)
    for (guint i = 0; i < G_N_ELEMENTS (customers); i++)
      {
        g_autoptr(LumCustomer) c = lum_customer_new (customers[i].name);

        lum_customer_set_text (c, LUM_CUSTOMER_EMAIL, customers[i].email);
        lum_customer_set_text (c, LUM_CUSTOMER_BILL_STREET1, customers[i].street);
        lum_customer_set_text (c, LUM_CUSTOMER_BILL_CITY, customers[i].city);
        lum_customer_set_text (c, LUM_CUSTOMER_BILL_STATE, customers[i].state);
        lum_customer_set_text (c, LUM_CUSTOMER_BILL_POSTAL_CODE, customers[i].zip);
        lum_customer_set_text (c, LUM_CUSTOMER_BILL_COUNTRY, "US");
        lum_customer_set_text (c, LUM_CUSTOMER_SHIP_STREET1, customers[i].street);
        lum_customer_set_text (c, LUM_CUSTOMER_SHIP_CITY, customers[i].city);
        lum_customer_set_text (c, LUM_CUSTOMER_SHIP_STATE, customers[i].state);
        lum_customer_set_text (c, LUM_CUSTOMER_SHIP_POSTAL_CODE, customers[i].zip);
        lum_customer_set_text (c, LUM_CUSTOMER_SHIP_COUNTRY, "US");
        lum_customer_set_terms_days (c, customers[i].terms);
        if (!lum_engine_save_customer (self, c, error))
          return FALSE;
      }

  if (g_list_model_get_n_items (G_LIST_MODEL (known_products)) == 0)
    for (guint i = 0; i < G_N_ELEMENTS (products); i++)
      {
        g_autoptr(LumProduct) p = lum_product_new (products[i].sku, products[i].name, products[i].cents,
                                                   products[i].weight_oz);
        if (!lum_engine_save_product (self, p, error))
          return FALSE;
      }
  return TRUE;
}

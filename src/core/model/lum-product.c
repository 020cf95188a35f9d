/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-model"

#include "lum-product.h"

struct _LumProduct
{
  GObject  parent_instance;

  gint64   id;
  gint64   version;
  char    *sku;
  char    *name;
  gint64   unit_price_cents;
  double   weight_oz;
};

G_DEFINE_FINAL_TYPE (LumProduct, lum_product, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SKU,
  PROP_NAME,
  PROP_UNIT_PRICE_CENTS,
  PROP_WEIGHT_OZ,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lum_product_finalize (GObject *object)
{
  LumProduct *self = (LumProduct *)object;

  g_clear_pointer (&self->sku, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (lum_product_parent_class)->finalize (object);
}

static void
lum_product_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LumProduct *self = LUM_PRODUCT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_SKU:
      g_value_set_string (value, self->sku);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_UNIT_PRICE_CENTS:
      g_value_set_int64 (value, self->unit_price_cents);
      break;
    case PROP_WEIGHT_OZ:
      g_value_set_double (value, self->weight_oz);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_product_class_init (LumProductClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = lum_product_finalize;
  object_class->get_property = lum_product_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SKU] = g_param_spec_string ("sku", NULL, NULL, NULL, ro);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, ro);
  properties[PROP_UNIT_PRICE_CENTS] =
    g_param_spec_int64 ("unit-price-cents", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_WEIGHT_OZ] = g_param_spec_double ("weight-oz", NULL, NULL, 0, G_MAXDOUBLE, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lum_product_init (LumProduct *self)
{
}

LumProduct *
lum_product_new (const char *sku,
                 const char *name,
                 gint64      unit_price_cents,
                 double      weight_oz)
{
  LumProduct *self = g_object_new (LUM_TYPE_PRODUCT, NULL);

  self->sku = g_strdup (sku);
  self->name = g_strdup (name);
  self->unit_price_cents = unit_price_cents;
  self->weight_oz = weight_oz;
  return self;
}

gint64
lum_product_get_id (LumProduct *self)
{
  g_return_val_if_fail (LUM_IS_PRODUCT (self), 0);
  return self->id;
}

void
lum_product_set_id (LumProduct *self,
                    gint64      id)
{
  g_return_if_fail (LUM_IS_PRODUCT (self));
  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

/* Raised by every save (lum-store-version.h); 0 for a product not read
 * from the store, which saves over any version. */
gint64
lum_product_get_version (LumProduct *self)
{
  g_return_val_if_fail (LUM_IS_PRODUCT (self), 0);
  return self->version;
}

void
lum_product_set_version (LumProduct *self,
                         gint64      version)
{
  g_return_if_fail (LUM_IS_PRODUCT (self));
  self->version = version;
}

const char *
lum_product_get_sku (LumProduct *self)
{
  g_return_val_if_fail (LUM_IS_PRODUCT (self), NULL);
  return self->sku;
}

const char *
lum_product_get_name (LumProduct *self)
{
  g_return_val_if_fail (LUM_IS_PRODUCT (self), NULL);
  return self->name;
}

gint64
lum_product_get_unit_price_cents (LumProduct *self)
{
  g_return_val_if_fail (LUM_IS_PRODUCT (self), 0);
  return self->unit_price_cents;
}

double
lum_product_get_weight_oz (LumProduct *self)
{
  g_return_val_if_fail (LUM_IS_PRODUCT (self), 0);
  return self->weight_oz;
}

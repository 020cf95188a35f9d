/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-model"

#include "lum-doc-line.h"
#include "lum-util.h"

struct _LumDocLine
{
  GObject  parent_instance;

  char    *sku;
  char    *description;
  gint64   quantity;
  gint64   unit_price_cents;
};

G_DEFINE_FINAL_TYPE (LumDocLine, lum_doc_line, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SKU,
  PROP_DESCRIPTION,
  PROP_QUANTITY,
  PROP_UNIT_PRICE_CENTS,
  PROP_TOTAL_CENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lum_doc_line_finalize (GObject *object)
{
  LumDocLine *self = (LumDocLine *)object;

  g_clear_pointer (&self->sku, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (lum_doc_line_parent_class)->finalize (object);
}

static void
lum_doc_line_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LumDocLine *self = LUM_DOC_LINE (object);

  switch (prop_id)
    {
    case PROP_SKU:
      g_value_set_string (value, self->sku);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_QUANTITY:
      g_value_set_int64 (value, self->quantity);
      break;
    case PROP_UNIT_PRICE_CENTS:
      g_value_set_int64 (value, self->unit_price_cents);
      break;
    case PROP_TOTAL_CENTS:
      g_value_set_int64 (value, lum_doc_line_get_total_cents (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_doc_line_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LumDocLine *self = LUM_DOC_LINE (object);

  switch (prop_id)
    {
    case PROP_SKU:
      lum_doc_line_set_sku (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      lum_doc_line_set_description (self, g_value_get_string (value));
      break;
    case PROP_QUANTITY:
      lum_doc_line_set_quantity (self, g_value_get_int64 (value));
      break;
    case PROP_UNIT_PRICE_CENTS:
      lum_doc_line_set_unit_price_cents (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_doc_line_class_init (LumDocLineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = lum_doc_line_finalize;
  object_class->get_property = lum_doc_line_get_property;
  object_class->set_property = lum_doc_line_set_property;

  properties[PROP_SKU] = g_param_spec_string ("sku", NULL, NULL, NULL, rw);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, rw);
  properties[PROP_QUANTITY] = g_param_spec_int64 ("quantity", NULL, NULL, G_MININT64, G_MAXINT64, 0, rw);
  properties[PROP_UNIT_PRICE_CENTS] =
    g_param_spec_int64 ("unit-price-cents", NULL, NULL, G_MININT64, G_MAXINT64, 0, rw);
  properties[PROP_TOTAL_CENTS] =
    g_param_spec_int64 ("total-cents", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lum_doc_line_init (LumDocLine *self)
{
  self->sku = g_strdup ("");
  self->description = g_strdup ("");
}

LumDocLine *
lum_doc_line_new (const char *sku,
                  gint64      quantity,
                  gint64      unit_price_cents)
{
  LumDocLine *self = g_object_new (LUM_TYPE_DOC_LINE, NULL);

  /* set straight rather than as properties by name: nobody watches a new
   * line yet, and documents are read a few lines each, thousands at once */
  lum_set_str (&self->sku, sku ? sku : "");
  self->quantity = quantity;
  self->unit_price_cents = unit_price_cents;
  return self;
}

LumDocLine *
lum_doc_line_copy (LumDocLine *self)
{
  LumDocLine *copy = lum_doc_line_new (self->sku, self->quantity, self->unit_price_cents);

  lum_doc_line_set_description (copy, self->description);
  return copy;
}

const char *
lum_doc_line_get_sku (LumDocLine *self)
{
  g_return_val_if_fail (LUM_IS_DOC_LINE (self), NULL);
  return self->sku;
}

void
lum_doc_line_set_sku (LumDocLine *self,
                      const char *sku)
{
  g_return_if_fail (LUM_IS_DOC_LINE (self));
  if (lum_set_str (&self->sku, sku ? sku : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SKU]);
}

const char *
lum_doc_line_get_description (LumDocLine *self)
{
  g_return_val_if_fail (LUM_IS_DOC_LINE (self), NULL);
  return self->description;
}

void
lum_doc_line_set_description (LumDocLine *self,
                              const char *description)
{
  g_return_if_fail (LUM_IS_DOC_LINE (self));
  if (lum_set_str (&self->description, description ? description : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

gint64
lum_doc_line_get_quantity (LumDocLine *self)
{
  g_return_val_if_fail (LUM_IS_DOC_LINE (self), 0);
  return self->quantity;
}

void
lum_doc_line_set_quantity (LumDocLine *self,
                           gint64      quantity)
{
  g_return_if_fail (LUM_IS_DOC_LINE (self));
  if (self->quantity == quantity)
    return;
  self->quantity = quantity;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUANTITY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL_CENTS]);
}

gint64
lum_doc_line_get_unit_price_cents (LumDocLine *self)
{
  g_return_val_if_fail (LUM_IS_DOC_LINE (self), 0);
  return self->unit_price_cents;
}

void
lum_doc_line_set_unit_price_cents (LumDocLine *self,
                                   gint64      cents)
{
  g_return_if_fail (LUM_IS_DOC_LINE (self));
  if (self->unit_price_cents == cents)
    return;
  self->unit_price_cents = cents;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT_PRICE_CENTS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL_CENTS]);
}

/* Saturates instead of overflowing; the rules refuse such lines anyway. */
gint64
lum_doc_line_get_total_cents (LumDocLine *self)
{
  gint64 total;

  g_return_val_if_fail (LUM_IS_DOC_LINE (self), 0);
  if (__builtin_mul_overflow (self->quantity, self->unit_price_cents, &total))
    return G_MAXINT64;
  return total;
}

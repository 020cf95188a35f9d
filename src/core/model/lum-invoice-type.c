/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-model"

#include "lum-invoice-type.h"

struct _LumInvoiceType
{
  GObject  parent_instance;

  gint64   id;
  char    *name;
};

G_DEFINE_FINAL_TYPE (LumInvoiceType, lum_invoice_type, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lum_invoice_type_finalize (GObject *object)
{
  LumInvoiceType *self = (LumInvoiceType *)object;

  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (lum_invoice_type_parent_class)->finalize (object);
}

static void
lum_invoice_type_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LumInvoiceType *self = LUM_INVOICE_TYPE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_invoice_type_class_init (LumInvoiceTypeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lum_invoice_type_finalize;
  object_class->get_property = lum_invoice_type_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lum_invoice_type_init (LumInvoiceType *self)
{
}

LumInvoiceType *
lum_invoice_type_new (gint64      id,
                      const char *name)
{
  LumInvoiceType *self = g_object_new (LUM_TYPE_INVOICE_TYPE, NULL);

  self->id = id;
  self->name = g_strdup (name);
  return self;
}

gint64
lum_invoice_type_get_id (LumInvoiceType *self)
{
  g_return_val_if_fail (LUM_IS_INVOICE_TYPE (self), 0);
  return self->id;
}

const char *
lum_invoice_type_get_name (LumInvoiceType *self)
{
  g_return_val_if_fail (LUM_IS_INVOICE_TYPE (self), NULL);
  return self->name;
}

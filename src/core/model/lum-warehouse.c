/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-model"

#include "lum-warehouse.h"

struct _LumWarehouse
{
  GObject  parent_instance;

  gint64   id;
  char    *code;
  char    *name;
};

G_DEFINE_FINAL_TYPE (LumWarehouse, lum_warehouse, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CODE,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lum_warehouse_finalize (GObject *object)
{
  LumWarehouse *self = (LumWarehouse *)object;

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (lum_warehouse_parent_class)->finalize (object);
}

static void
lum_warehouse_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LumWarehouse *self = LUM_WAREHOUSE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_warehouse_class_init (LumWarehouseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lum_warehouse_finalize;
  object_class->get_property = lum_warehouse_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lum_warehouse_init (LumWarehouse *self)
{
}

LumWarehouse *
lum_warehouse_new (gint64      id,
                   const char *code,
                   const char *name)
{
  LumWarehouse *self = g_object_new (LUM_TYPE_WAREHOUSE, NULL);

  self->id = id;
  self->code = g_strdup (code);
  self->name = g_strdup (name);
  return self;
}

gint64
lum_warehouse_get_id (LumWarehouse *self)
{
  g_return_val_if_fail (LUM_IS_WAREHOUSE (self), 0);
  return self->id;
}

const char *
lum_warehouse_get_code (LumWarehouse *self)
{
  g_return_val_if_fail (LUM_IS_WAREHOUSE (self), NULL);
  return self->code;
}

const char *
lum_warehouse_get_name (LumWarehouse *self)
{
  g_return_val_if_fail (LUM_IS_WAREHOUSE (self), NULL);
  return self->name;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-model"

#include "lum-warehouse-group.h"

struct _LumWarehouseGroup
{
  GObject  parent_instance;

  gint64   id;
  char    *name;
  gboolean is_default;
  guint    n_warehouses;
  LumShipFromRule ship_from_rule;
};

G_DEFINE_FINAL_TYPE (LumWarehouseGroup, lum_warehouse_group, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_IS_DEFAULT,
  PROP_N_WAREHOUSES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lum_warehouse_group_finalize (GObject *object)
{
  LumWarehouseGroup *self = (LumWarehouseGroup *)object;

  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (lum_warehouse_group_parent_class)->finalize (object);
}

static void
lum_warehouse_group_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LumWarehouseGroup *self = LUM_WAREHOUSE_GROUP (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_IS_DEFAULT:
      g_value_set_boolean (value, self->is_default);
      break;
    case PROP_N_WAREHOUSES:
      g_value_set_uint (value, self->n_warehouses);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_warehouse_group_class_init (LumWarehouseGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lum_warehouse_group_finalize;
  object_class->get_property = lum_warehouse_group_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_DEFAULT] =
    g_param_spec_boolean ("is-default", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_WAREHOUSES] =
    g_param_spec_uint ("n-warehouses", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lum_warehouse_group_init (LumWarehouseGroup *self)
{
}

LumWarehouseGroup *
lum_warehouse_group_new (gint64      id,
                         const char *name,
                         gboolean    is_default,
                         guint       n_warehouses)
{
  LumWarehouseGroup *self = g_object_new (LUM_TYPE_WAREHOUSE_GROUP, NULL);

  self->id = id;
  self->name = g_strdup (name);
  self->is_default = is_default;
  self->n_warehouses = n_warehouses;
  return self;
}

gint64
lum_warehouse_group_get_id (LumWarehouseGroup *self)
{
  g_return_val_if_fail (LUM_IS_WAREHOUSE_GROUP (self), 0);
  return self->id;
}

const char *
lum_warehouse_group_get_name (LumWarehouseGroup *self)
{
  g_return_val_if_fail (LUM_IS_WAREHOUSE_GROUP (self), NULL);
  return self->name;
}

gboolean
lum_warehouse_group_get_is_default (LumWarehouseGroup *self)
{
  g_return_val_if_fail (LUM_IS_WAREHOUSE_GROUP (self), FALSE);
  return self->is_default;
}

guint
lum_warehouse_group_get_n_warehouses (LumWarehouseGroup *self)
{
  g_return_val_if_fail (LUM_IS_WAREHOUSE_GROUP (self), 0);
  return self->n_warehouses;
}

LumShipFromRule
lum_warehouse_group_get_ship_from_rule (LumWarehouseGroup *self)
{
  g_return_val_if_fail (LUM_IS_WAREHOUSE_GROUP (self), LUM_SHIP_FROM_RULE_PREFERENCE);
  return self->ship_from_rule;
}

/* As stored: lum_engine_set_group_ship_from_rule() changes it. */
void
lum_warehouse_group_set_ship_from_rule (LumWarehouseGroup *self,
                                        LumShipFromRule    rule)
{
  g_return_if_fail (LUM_IS_WAREHOUSE_GROUP (self));
  self->ship_from_rule = rule;
}

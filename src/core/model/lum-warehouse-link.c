/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-model"

#include "lum-warehouse-link.h"

struct _LumWarehouseLink
{
  GObject  parent_instance;

  gint64   warehouse_id;
  char    *warehouse_code;
  char    *warehouse_name;
  gint64   integration_id;
  char    *integration_name;
  char    *remote_id;
  char    *remote_name;
};

G_DEFINE_FINAL_TYPE (LumWarehouseLink, lum_warehouse_link, G_TYPE_OBJECT)

static void
lum_warehouse_link_finalize (GObject *object)
{
  LumWarehouseLink *self = (LumWarehouseLink *)object;

  g_clear_pointer (&self->warehouse_code, g_free);
  g_clear_pointer (&self->warehouse_name, g_free);
  g_clear_pointer (&self->integration_name, g_free);
  g_clear_pointer (&self->remote_id, g_free);
  g_clear_pointer (&self->remote_name, g_free);

  G_OBJECT_CLASS (lum_warehouse_link_parent_class)->finalize (object);
}

static void
lum_warehouse_link_class_init (LumWarehouseLinkClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lum_warehouse_link_finalize;
}

static void
lum_warehouse_link_init (LumWarehouseLink *self)
{
}

LumWarehouseLink *
lum_warehouse_link_new (gint64      warehouse_id,
                        const char *warehouse_code,
                        const char *warehouse_name,
                        gint64      integration_id,
                        const char *integration_name,
                        const char *remote_id,
                        const char *remote_name)
{
  LumWarehouseLink *self = g_object_new (LUM_TYPE_WAREHOUSE_LINK, NULL);

  self->warehouse_id = warehouse_id;
  self->warehouse_code = g_strdup (warehouse_code ? warehouse_code : "");
  self->warehouse_name = g_strdup (warehouse_name ? warehouse_name : "");
  self->integration_id = integration_id;
  self->integration_name = g_strdup (integration_name ? integration_name : "");
  self->remote_id = g_strdup (remote_id ? remote_id : "");
  self->remote_name = g_strdup (remote_name ? remote_name : "");
  return self;
}

gint64
lum_warehouse_link_get_warehouse_id (LumWarehouseLink *self)
{
  g_return_val_if_fail (LUM_IS_WAREHOUSE_LINK (self), 0);
  return self->warehouse_id;
}

const char *
lum_warehouse_link_get_warehouse_code (LumWarehouseLink *self)
{
  g_return_val_if_fail (LUM_IS_WAREHOUSE_LINK (self), NULL);
  return self->warehouse_code;
}

const char *
lum_warehouse_link_get_warehouse_name (LumWarehouseLink *self)
{
  g_return_val_if_fail (LUM_IS_WAREHOUSE_LINK (self), NULL);
  return self->warehouse_name;
}

gint64
lum_warehouse_link_get_integration_id (LumWarehouseLink *self)
{
  g_return_val_if_fail (LUM_IS_WAREHOUSE_LINK (self), 0);
  return self->integration_id;
}

const char *
lum_warehouse_link_get_integration_name (LumWarehouseLink *self)
{
  g_return_val_if_fail (LUM_IS_WAREHOUSE_LINK (self), NULL);
  return self->integration_name;
}

const char *
lum_warehouse_link_get_remote_id (LumWarehouseLink *self)
{
  g_return_val_if_fail (LUM_IS_WAREHOUSE_LINK (self), NULL);
  return self->remote_id;
}

const char *
lum_warehouse_link_get_remote_name (LumWarehouseLink *self)
{
  g_return_val_if_fail (LUM_IS_WAREHOUSE_LINK (self), NULL);
  return self->remote_name;
}

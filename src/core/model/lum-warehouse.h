/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LUM_TYPE_WAREHOUSE (lum_warehouse_get_type ())
G_DECLARE_FINAL_TYPE (LumWarehouse, lum_warehouse, LUM, WAREHOUSE, GObject)

LumWarehouse *lum_warehouse_new      (gint64        id,
                                      const char   *code,
                                      const char   *name);
gint64        lum_warehouse_get_id   (LumWarehouse *self);
const char   *lum_warehouse_get_code (LumWarehouse *self);
const char   *lum_warehouse_get_name (LumWarehouse *self);

G_END_DECLS

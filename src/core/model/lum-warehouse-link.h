/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A Lumen warehouse linked, for one OMS integration, to that system's own
 * warehouse: a ShipStation warehouseId (V1) or warehouse_id (V2), an
 * Extensiv facility id. */
#define LUM_TYPE_WAREHOUSE_LINK (lum_warehouse_link_get_type ())
G_DECLARE_FINAL_TYPE (LumWarehouseLink, lum_warehouse_link, LUM, WAREHOUSE_LINK, GObject)

LumWarehouseLink *lum_warehouse_link_new                (gint64            warehouse_id,
                                                         const char       *warehouse_code,
                                                         const char       *warehouse_name,
                                                         gint64            integration_id,
                                                         const char       *integration_name,
                                                         const char       *remote_id,
                                                         const char       *remote_name);
gint64            lum_warehouse_link_get_warehouse_id   (LumWarehouseLink *self);
const char       *lum_warehouse_link_get_warehouse_code (LumWarehouseLink *self);
const char       *lum_warehouse_link_get_warehouse_name (LumWarehouseLink *self);
gint64            lum_warehouse_link_get_integration_id (LumWarehouseLink *self);
const char       *lum_warehouse_link_get_integration_name (LumWarehouseLink *self);
const char       *lum_warehouse_link_get_remote_id      (LumWarehouseLink *self);
const char       *lum_warehouse_link_get_remote_name    (LumWarehouseLink *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "model/lum-enums.h"

G_BEGIN_DECLS

#define LUM_TYPE_WAREHOUSE_GROUP (lum_warehouse_group_get_type ())
G_DECLARE_FINAL_TYPE (LumWarehouseGroup, lum_warehouse_group, LUM, WAREHOUSE_GROUP, GObject)

LumWarehouseGroup *lum_warehouse_group_new             (gint64             id,
                                                        const char        *name,
                                                        gboolean           is_default,
                                                        guint              n_warehouses);
gint64             lum_warehouse_group_get_id          (LumWarehouseGroup *self);
const char        *lum_warehouse_group_get_name        (LumWarehouseGroup *self);
gboolean           lum_warehouse_group_get_is_default  (LumWarehouseGroup *self);
guint              lum_warehouse_group_get_n_warehouses (LumWarehouseGroup *self);
LumShipFromRule    lum_warehouse_group_get_ship_from_rule (LumWarehouseGroup *self);
void               lum_warehouse_group_set_ship_from_rule (LumWarehouseGroup *self,
                                                           LumShipFromRule    rule);

G_END_DECLS

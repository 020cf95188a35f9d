/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-engine.h"
#include "flow/lum-ship-from.h"
#include "model/lum-channel.h"
#include "model/lum-document.h"
#include "model/lum-integration.h"
#include "model/lum-warehouse.h"
#include "model/lum-warehouse-link.h"

G_BEGIN_DECLS

/* Warehouse groups in order of preference, the links of Lumen's warehouses
 * to each OMS's own, and the ship-from of a pushed order. */

LumWarehouse *lum_engine_add_warehouse         (LumEngine          *self,
                                                const char         *code,
                                                const char         *name,
                                                GError            **error);
LumWarehouse *lum_engine_find_warehouse        (LumEngine          *self,
                                                const char         *code,
                                                GError            **error);
gboolean     lum_engine_set_group_warehouses   (LumEngine          *self,
                                                gint64              group_id,
                                                const char * const *warehouse_codes,
                                                GError            **error);
gboolean     lum_engine_rename_warehouse_group (LumEngine          *self,
                                                gint64              group_id,
                                                const char         *name,
                                                GError            **error);
gboolean     lum_engine_set_group_ship_from_rule (LumEngine        *self,
                                                  gint64            group_id,
                                                  LumShipFromRule   rule,
                                                  GError          **error);
GStrv        lum_engine_list_group_remote_warehouses (LumEngine    *self,
                                                      LumChannel   *channel,
                                                      GError      **error);

GListStore  *lum_engine_list_warehouse_links   (LumEngine          *self,
                                                gint64              warehouse_id,
                                                gint64              integration_id,
                                                GError            **error);
gboolean     lum_engine_link_warehouse         (LumEngine          *self,
                                                const char         *warehouse_code,
                                                LumIntegration     *integration,
                                                const char         *remote_id,
                                                const char         *remote_name,
                                                GError            **error);
gboolean     lum_engine_unlink_warehouse       (LumEngine          *self,
                                                const char         *warehouse_code,
                                                LumIntegration     *integration,
                                                GError            **error);

LumShipFrom *lum_engine_choose_ship_from       (LumEngine          *self,
                                                LumChannel         *config,
                                                LumIntegration     *integration,
                                                GError            **error);
LumShipFrom *lum_engine_choose_order_ship_from (LumEngine        *self,
                                                LumChannel       *config,
                                                LumIntegration   *integration,
                                                LumDocument      *order,
                                                GError          **error);
gboolean     lum_engine_record_ship_from       (LumEngine          *self,
                                                gint64              order_id,
                                                const LumShipFrom  *ship_from,
                                                GError            **error);
/* Returns: (nullable): %NULL without an error when the order was not
 * pushed yet (nothing recorded) */
LumShipFrom *lum_engine_get_ship_from          (LumEngine          *self,
                                                gint64              order_id,
                                                GError            **error);

G_END_DECLS

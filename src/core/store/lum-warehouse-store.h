/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "lum-db.h"
#include "model/lum-warehouse-link.h"

G_BEGIN_DECLS

/* A group's warehouses in order, the links of warehouses to the OMS's own,
 * and the ship-from an order was pushed with (see lum-ship-from.h). */

gboolean    lum_warehouse_store_set_members   (LumDb        *db,
                                               gint64        group_id,
                                               const gint64 *warehouse_ids,
                                               guint         n_warehouses,
                                               GError      **error);
gboolean    lum_warehouse_store_rename_group  (LumDb        *db,
                                               gint64        group_id,
                                               const char   *name,
                                               GError      **error);
gboolean    lum_warehouse_store_set_group_rule (LumDb       *db,
                                                gint64       group_id,
                                                const char  *rule,
                                                GError     **error);

/* @warehouse_id, @integration_id: 0 for any */
GListStore *lum_warehouse_store_list_links    (LumDb        *db,
                                               gint64        warehouse_id,
                                               gint64        integration_id,
                                               GError      **error);
gboolean    lum_warehouse_store_set_link      (LumDb        *db,
                                               gint64        warehouse_id,
                                               gint64        integration_id,
                                               const char   *remote_id,
                                               const char   *remote_name,
                                               const char   *now,
                                               GError      **error);
gboolean    lum_warehouse_store_delete_link   (LumDb        *db,
                                               gint64        warehouse_id,
                                               gint64        integration_id,
                                               GError      **error);

gboolean    lum_warehouse_store_set_ship_from (LumDb        *db,
                                               gint64        order_id,
                                               const char   *json,
                                               GError      **error);
/* Returns: (nullable): the JSON, %NULL (no error) when none was recorded */
char       *lum_warehouse_store_get_ship_from (LumDb        *db,
                                               gint64        order_id,
                                               GError      **error);

G_END_DECLS

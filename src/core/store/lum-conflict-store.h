/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "lum-db.h"
#include "model/lum-shipment-conflict.h"

G_BEGIN_DECLS

gboolean             lum_conflict_store_insert      (LumDb                *db,
                                                     LumShipmentConflict  *conflict,
                                                     const char           *now,
                                                     GError              **error);
gint64               lum_conflict_store_find_remote (LumDb                *db,
                                                     gint64                order_id,
                                                     const char           *remote_id);
LumShipmentConflict *lum_conflict_store_get         (LumDb                *db,
                                                     gint64                conflict_id,
                                                     GError              **error);
GListStore          *lum_conflict_store_list        (LumDb                *db,
                                                     gint64                order_id,
                                                     gboolean              open_only,
                                                     GError              **error);
gint64               lum_conflict_store_count_open  (LumDb                *db,
                                                     GError              **error);
gboolean             lum_conflict_store_resolve     (LumDb                *db,
                                                     gint64                conflict_id,
                                                     const char           *resolution,
                                                     const char           *now,
                                                     GError              **error);
gboolean             lum_conflict_store_take_remote (LumDb                *db,
                                                     LumShipmentConflict  *conflict,
                                                     GError              **error);

G_END_DECLS

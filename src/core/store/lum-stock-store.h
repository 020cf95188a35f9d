/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "lum-db.h"
#include "model/lum-stock-level.h"

G_BEGIN_DECLS

/* Stock as the OMS integrations report it, by their own warehouses. */
gboolean    lum_stock_store_replace   (LumDb               *db,
                                       gint64               integration_id,
                                       const char          *sku,
                                       GPtrArray           *levels,
                                       const char          *read_at,
                                       GError             **error);
GPtrArray  *lum_stock_store_list      (LumDb               *db,
                                       const char          *sku,
                                       GError             **error);
char       *lum_stock_store_read_at   (LumDb               *db,
                                       gint64               integration_id);
gboolean    lum_stock_store_available (LumDb               *db,
                                       gint64               integration_id,
                                       const char          *sku,
                                       const char * const  *warehouse_ids,
                                       LumAvailability     *availability,
                                       GError             **error);

G_END_DECLS

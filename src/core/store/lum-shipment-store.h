/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "lum-db.h"
#include "model/lum-shipment.h"

G_BEGIN_DECLS

gboolean     lum_shipment_store_insert        (LumDb             *db,
                                               LumShipment       *shipment,
                                               const char        *now,
                                               GError           **error);
GListStore  *lum_shipment_store_list          (LumDb             *db,
                                               gint64             order_id,
                                               GError           **error);
gint64       lum_shipment_store_find_remote   (LumDb             *db,
                                               gint64             order_id,
                                               const char        *remote_id);
GHashTable  *lum_shipment_store_shipped       (LumDb             *db,
                                               gint64             order_id,
                                               GError           **error);
gboolean     lum_shipment_store_set_voided    (LumDb             *db,
                                               gint64             shipment_id,
                                               GError           **error);

G_END_DECLS

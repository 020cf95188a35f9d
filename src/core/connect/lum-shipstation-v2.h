/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-connector.h"

G_BEGIN_DECLS

/* ShipStation API V2 (https://api.shipstation.com/v2): an `API-Key`
 * header; an order is a *shipment* found again by its
 * `external_shipment_id` (the order's UUID, V1's orderKey), a shipment of
 * V1 is a *label*. */
#define LUM_TYPE_SHIPSTATION_V2 (lum_shipstation_v2_get_type ())
G_DECLARE_FINAL_TYPE (LumShipstationV2, lum_shipstation_v2, LUM, SHIPSTATION_V2, LumConnector)

/* create_shipments takes an array; Lumen sends up to this many at once */
#define LUM_SHIPSTATION_V2_BATCH 50

/* For lum-shipstation-v2-poll.c */
void lum_shipstation_v2_poll_async (LumConnector        *self,
                                    const char          *store_id,
                                    const char          *since,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);

/* For lum-shipstation-v2-stock.c */
void lum_shipstation_v2_read_stock_async (LumConnector        *self,
                                          const char          *sku,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);

G_END_DECLS

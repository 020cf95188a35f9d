/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-engine.h"
#include "flow/lum-ship-from.h"
#include "model/lum-channel.h"
#include "model/lum-document.h"
#include "model/lum-fulfillment.h"
#include "model/lum-integration.h"

G_BEGIN_DECLS

/* The fulfillment orders of split sales orders. */

LumFulfillment *lum_engine_get_fulfillment        (LumEngine       *self,
                                                   gint64           id,
                                                   GError         **error);
/* Returns: (element-type LumFulfillment): empty when the order goes whole */
GPtrArray      *lum_engine_list_fulfillments      (LumEngine       *self,
                                                   gint64           order_id,
                                                   GError         **error);
LumDocument    *lum_engine_fulfillment_order      (LumDocument     *order,
                                                   LumFulfillment  *fulfillment);
LumShipFrom    *lum_engine_fulfillment_ship_from  (LumEngine       *self,
                                                   LumChannel      *config,
                                                   LumIntegration  *integration,
                                                   LumFulfillment  *fulfillment,
                                                   GError         **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-order-flow.h"

G_BEGIN_DECLS

gboolean lum_flow_keep_shipment_conflict    (LumFlowContext  *ctx,
                                             gint64           order_id,
                                             LumShipment     *shipment,
                                             gint64          *conflict_id,
                                             gboolean        *duplicate,
                                             GError         **error);
gboolean lum_flow_resolve_shipment_conflict (LumFlowContext  *ctx,
                                             gint64           conflict_id,
                                             gboolean         keep_warehouse,
                                             GError         **error);

gboolean lum_order_is_with_oms               (LumDocument     *order);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * LumStockLookup:
 * @warehouse_id: a Lumen warehouse of the group
 * @sku: a line's SKU
 * @user_data: the caller's
 *
 * Returns: what that warehouse has available of @sku, 0 when it has none
 *   or its OMS reports none
 */
typedef gint64 (*LumStockLookup) (gint64      warehouse_id,
                                  const char *sku,
                                  gpointer    user_data);

/**
 * LumPlannedFulfillment:
 * @suffix: its number after the order's (`SO-000123-1`), from 1, in the
 *   group's order of preference
 * @warehouse_id: the warehouse that ships it
 * @lines: (element-type LumDocLine): the order's lines it ships, whole
 * @line_positions: (element-type guint): each line's place in the order,
 *   from 0, beside @lines
 *
 * One fulfillment order of a split: the lines one warehouse ships.
 */
typedef struct
{
  guint      suffix;
  gint64     warehouse_id;
  GPtrArray *lines;
  GArray    *line_positions;
} LumPlannedFulfillment;

/**
 * LumFulfillmentPlan:
 * @fulfillments: (element-type LumPlannedFulfillment): one a warehouse
 *   that ships something, in the group's order of preference
 * @short_lines: how many lines no warehouse has enough of (they go to the
 *   preferred warehouse)
 */
typedef struct
{
  GPtrArray *fulfillments;
  guint      short_lines;
} LumFulfillmentPlan;

LumFulfillmentPlan *lum_fulfillment_plan_new    (GListModel         *lines,
                                                 const gint64       *warehouse_ids,
                                                 guint               n_warehouses,
                                                 LumStockLookup      available,
                                                 gpointer            user_data);
gboolean            lum_fulfillment_plan_splits (const LumFulfillmentPlan *plan);
void                lum_fulfillment_plan_free   (LumFulfillmentPlan *plan);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LumFulfillmentPlan, lum_fulfillment_plan_free)

G_END_DECLS

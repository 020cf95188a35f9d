/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "model/lum-integration.h"

G_BEGIN_DECLS

/**
 * LumStockLevel:
 * @integration_id: the OMS integration that reported it
 * @integration_name: (nullable): its name, when listed from the store
 * @warehouse_id: the OMS's own warehouse (ShipStation V2
 *   `inventory_warehouse_id`, an Extensiv `facilityId`), as text
 * @sku: the SKU
 * @available: what the OMS says can be shipped (on hand less allocated)
 * @read_at: (nullable): when Lumen read it (UTC), when listed
 *
 * Stock of one SKU in one warehouse of an OMS, keyed by the OMS's own
 * warehouse: Lumen's warehouses are linked to those elsewhere.
 */
typedef struct
{
  gint64  integration_id;
  char   *integration_name;
  char   *warehouse_id;
  char   *sku;
  gint64  available;
  char   *read_at;
} LumStockLevel;

LumStockLevel *lum_stock_level_new  (const char    *warehouse_id,
                                     const char    *sku,
                                     gint64         available);
void           lum_stock_level_free (LumStockLevel *level);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LumStockLevel, lum_stock_level_free)

/**
 * LumStockReport:
 * @LUM_STOCK_NOT_REPORTED: the OMS has no inventory API (ShipStation V1)
 * @LUM_STOCK_NOT_READ: the OMS reports stock, Lumen has not read it yet
 * @LUM_STOCK_READ: read: the quantity holds
 * @LUM_STOCK_NO_LINK: asked for a channel's warehouse group, none of whose
 *   warehouses is linked for the OMS: nothing to count
 *
 * What can be said of a SKU's stock at one OMS.
 */
typedef enum
{
  LUM_STOCK_NOT_REPORTED,
  LUM_STOCK_NOT_READ,
  LUM_STOCK_READ,
  LUM_STOCK_NO_LINK,
} LumStockReport;

/**
 * LumAvailability:
 * @report: whether @available holds
 * @available: the sum over the warehouses asked about
 * @read_at: (nullable): the oldest reading in that sum (UTC)
 *
 * A SKU's stock summed over a set of an OMS's warehouses.
 */
typedef struct
{
  LumStockReport  report;
  gint64          available;
  char           *read_at;
} LumAvailability;

void     lum_availability_clear            (LumAvailability    *availability);
gboolean lum_integration_kind_reports_stock (LumIntegrationKind  kind);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LumAvailability, lum_availability_clear)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LumFulfillmentLine:
 * @position: the order line's place in the order, from 0
 * @sku: its SKU
 * @quantity: what this fulfillment ships of it
 */
typedef struct
{
  guint  position;
  char  *sku;
  gint64 quantity;
} LumFulfillmentLine;

/**
 * LumFulfillment:
 * @suffix: its number after the order's: `SO-000123-1` is suffix 1
 * @push_state: "scheduled", "pushed", "failed" or "cancelled"
 * @remote_id: (nullable): the OMS's id of the fulfillment order
 * @shipped_at: (nullable): when a shipment of it was recorded
 * @tracking_number: (nullable): that shipment's
 * @lines: (element-type LumFulfillmentLine)
 *
 * One fulfillment order of a split sales order: the lines one warehouse
 * ships, pushed to the OMS as an order of its own.
 */
typedef struct
{
  gint64     id;
  gint64     order_id;
  guint      suffix;
  gint64     warehouse_id;
  char      *warehouse_code;
  char      *warehouse_name;
  char      *push_state;
  char      *remote_id;
  char      *shipped_at;
  char      *tracking_number;
  GPtrArray *lines;
} LumFulfillment;

#define LUM_FULFILLMENT_PUSH_SCHEDULED "scheduled"
#define LUM_FULFILLMENT_PUSH_PUSHED    "pushed"
#define LUM_FULFILLMENT_PUSH_FAILED    "failed"
#define LUM_FULFILLMENT_PUSH_CANCELLED "cancelled"

LumFulfillment *lum_fulfillment_new        (void);
void            lum_fulfillment_free       (LumFulfillment *fulfillment);
void            lum_fulfillment_add_line   (LumFulfillment *fulfillment,
                                            guint           position,
                                            const char     *sku,
                                            gint64          quantity);
char           *lum_fulfillment_dup_number (LumFulfillment *fulfillment,
                                            const char     *order_number);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LumFulfillment, lum_fulfillment_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-record.h"

G_BEGIN_DECLS

/* A shipment the OMS reported for an order already shipped by hand with
 * another tracking number or carrier: the warehouse's side is kept here
 * until the clerk resolves it, and afterwards, so it is never lost. */
typedef enum
{
  LUM_CONFLICT_ORDER_NUMBER,
  LUM_CONFLICT_REMOTE_ID,
  LUM_CONFLICT_CARRIER,
  LUM_CONFLICT_SERVICE,
  LUM_CONFLICT_TRACKING_NUMBER,
  LUM_CONFLICT_SHIPPED_AT,
  LUM_CONFLICT_RECORDED_CARRIER,
  LUM_CONFLICT_RECORDED_TRACKING_NUMBER,
  LUM_CONFLICT_RESOLUTION,
  LUM_CONFLICT_CREATED_AT,
  LUM_CONFLICT_RESOLVED_AT,
  LUM_CONFLICT_N_TEXT
} LumConflictText;

typedef enum
{
  LUM_CONFLICT_ID,
  LUM_CONFLICT_ORDER_ID,
  LUM_CONFLICT_SHIPMENT_ID,
  LUM_CONFLICT_N_INT
} LumConflictInt;

/* LUM_CONFLICT_RESOLUTION: empty while open */
#define LUM_CONFLICT_KEEP_WAREHOUSE "warehouse"
#define LUM_CONFLICT_KEEP_MINE      "mine"

#define LUM_TYPE_SHIPMENT_CONFLICT (lum_shipment_conflict_get_type ())
G_DECLARE_FINAL_TYPE (LumShipmentConflict, lum_shipment_conflict, LUM, SHIPMENT_CONFLICT, LumRecord)

LumShipmentConflict *lum_shipment_conflict_new      (void);
const char          *lum_shipment_conflict_get_text (LumShipmentConflict *self,
                                                     LumConflictText      field);
void                 lum_shipment_conflict_set_text (LumShipmentConflict *self,
                                                     LumConflictText      field,
                                                     const char          *value);
gint64               lum_shipment_conflict_get_int  (LumShipmentConflict *self,
                                                     LumConflictInt       field);
void                 lum_shipment_conflict_set_int  (LumShipmentConflict *self,
                                                     LumConflictInt       field,
                                                     gint64               value);
gboolean             lum_shipment_conflict_is_open  (LumShipmentConflict *self);
char                *lum_shipment_conflict_dup_difference (LumShipmentConflict *self);

G_END_DECLS

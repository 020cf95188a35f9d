/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "lum-doc-line.h"
#include "lum-record.h"

G_BEGIN_DECLS

typedef enum
{
  LUM_SHIPMENT_ORDER_NUMBER,
  LUM_SHIPMENT_REMOTE_ID,
  LUM_SHIPMENT_CARRIER,
  LUM_SHIPMENT_SERVICE,
  LUM_SHIPMENT_TRACKING_NUMBER,
  LUM_SHIPMENT_SHIPPED_AT,
  LUM_SHIPMENT_CREATED_AT,
  LUM_SHIPMENT_N_TEXT
} LumShipmentText;

typedef enum
{
  LUM_SHIPMENT_ID,
  LUM_SHIPMENT_ORDER_ID,
  LUM_SHIPMENT_VOIDED,
  LUM_SHIPMENT_N_INT
} LumShipmentInt;

#define LUM_TYPE_SHIPMENT (lum_shipment_get_type ())
G_DECLARE_FINAL_TYPE (LumShipment, lum_shipment, LUM, SHIPMENT, LumRecord)

LumShipment *lum_shipment_new              (void);
const char  *lum_shipment_get_text         (LumShipment     *self,
                                            LumShipmentText  field);
void         lum_shipment_set_text         (LumShipment     *self,
                                            LumShipmentText  field,
                                            const char      *value);
gint64       lum_shipment_get_int          (LumShipment     *self,
                                            LumShipmentInt   field);
void         lum_shipment_set_int          (LumShipment     *self,
                                            LumShipmentInt   field,
                                            gint64           value);
GListModel  *lum_shipment_get_lines        (LumShipment     *self);
void         lum_shipment_add_line         (LumShipment     *self,
                                            const char      *sku,
                                            gint64           quantity);
char        *lum_shipment_dup_tracking_url (LumShipment     *self);
char        *lum_tracking_url              (const char      *carrier,
                                            const char      *tracking_number);

G_END_DECLS

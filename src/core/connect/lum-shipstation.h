/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-connector.h"

G_BEGIN_DECLS

/* ShipStation API V1: HTTP Basic with the API key and secret; orders are
 * upserted by orderKey, so a resend never duplicates. */
#define LUM_TYPE_SHIPSTATION (lum_shipstation_get_type ())
G_DECLARE_FINAL_TYPE (LumShipstation, lum_shipstation, LUM, SHIPSTATION, LumConnector)

#define LUM_SHIPSTATION_BATCH 100

G_END_DECLS

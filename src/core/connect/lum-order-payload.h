/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "model/lum-channel.h"
#include "model/lum-customer.h"
#include "model/lum-document.h"
#include "model/lum-integration.h"
#include "flow/lum-ship-from.h"

G_BEGIN_DECLS

/* What goes into an order pushed to an OMS. */
typedef struct
{
  LumDocument *order;          /* with its lines */
  LumCustomer *customer;
  LumChannel  *config;         /* the configuration it was posted under */
  const char  *warehouse_code; /* the first warehouse of the channel's group */
  const char  *status;         /* ShipStation orderStatus: awaiting_shipment, on_hold, cancelled */
  const LumShipFrom *ship_from; /* (nullable): where it ships from; without a
                                 * link the OMS's default (nothing sent) */
} LumOrderPayloadInput;

/* The start of the notes of a channel test's order at Extensiv (sent as
 * is, in English, for the 3PL's people). */
#define LUM_EXTENSIV_TEST_NOTE "TEST ORDER from a Lumen channel test: do not ship; it is cancelled when the test ends."

char     *lum_field_value                 (const char                 *lumen_field,
                                           const LumOrderPayloadInput *input);
JsonNode *lum_order_payload_shipstation   (const LumOrderPayloadInput *input,
                                           GError                    **error);
/* The tag of a channel test's shipment at ShipStation API V2. */
#define LUM_SHIPSTATION_V2_TEST_TAG "Lumen test order"

JsonNode *lum_order_payload_shipstation_v2 (const LumOrderPayloadInput *input,
                                           GError                    **error);
JsonNode *lum_order_payload_extensiv      (const LumOrderPayloadInput *input,
                                           LumIntegration             *integration,
                                           GError                    **error);
gboolean  lum_order_payload_apply_mappings (JsonNode                  *payload,
                                            LumIntegrationKind          kind,
                                            const LumOrderPayloadInput *input,
                                            GError                   **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-connector.h"

G_BEGIN_DECLS

/* Extensiv 3PL Warehouse Manager: an OAuth2 client-credentials token,
 * cached until shortly before it expires and renewed on 401. Creating an
 * order is not idempotent: a job whose earlier attempt may have arrived
 * looks the order up by referenceNum first. */
#define LUM_TYPE_EXTENSIV (lum_extensiv_get_type ())
G_DECLARE_FINAL_TYPE (LumExtensiv, lum_extensiv, LUM, EXTENSIV, LumConnector)

#define LUM_EXTENSIV_ORDERS_REL "http://api.3plCentral.com/rels/orders/order"

G_END_DECLS

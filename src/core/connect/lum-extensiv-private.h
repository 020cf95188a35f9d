/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-connector.h"

G_BEGIN_DECLS

/* Shared by lum-extensiv.c (the requests) and lum-extensiv-orders.c (what
 * the orders of a 3PL customer look like); the tests read it too. */

#define LUM_EXTENSIV_ITEMS_REL "http://api.3plCentral.com/rels/orders/item"

/**
 * LumExtensivScope:
 * @customer: the 3PL customer whose orders are ours
 * @facility: the warehouse they ship from; 0 for any (the poll: orders ship
 *   from the facility their group links)
 *
 * A 3PL login usually reaches every customer of the warehouse: every list
 * and look-up is limited to these two, and an order of another customer
 * is never taken for one of ours.
 */
typedef struct
{
  gint64 customer;
  gint64 facility;
} LumExtensivScope;

gboolean           lum_extensiv_scope_from_store   (LumIntegration          *integration,
                                                    const char              *store_id,
                                                    LumExtensivScope        *scope,
                                                    GError                 **error);
gboolean           lum_extensiv_scope_from_payload (JsonNode                *payload,
                                                    LumExtensivScope        *scope,
                                                    GError                 **error);
char              *lum_extensiv_scope_rql          (const LumExtensivScope  *scope);
gboolean           lum_extensiv_order_in_scope     (JsonObject              *order,
                                                    const LumExtensivScope  *scope);
LumRemoteShipment *lum_extensiv_parse_closed_order (JsonObject              *order,
                                                    const LumExtensivScope  *scope,
                                                    gboolean                *skip,
                                                    const char             **unreadable);

/* lum-extensiv-stock.c */
void               lum_extensiv_read_stock_async   (LumConnector            *self,
                                                    const char              *sku,
                                                    GCancellable            *cancellable,
                                                    GAsyncReadyCallback      callback,
                                                    gpointer                 user_data);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "lum-db.h"
#include "model/lum-fulfillment.h"

G_BEGIN_DECLS

/* The fulfillment orders of split sales orders (lum-fulfillment.h). */

/* Stand-in for the channel setting when_short of the group rule "stock":
 * %TRUE when the channel splits an order no warehouse can ship whole. */
gboolean        lum_fulfillment_store_channel_splits (LumDb          *db,
                                                      gint64          channel_id);

gint64          lum_fulfillment_store_insert         (LumDb          *db,
                                                      LumFulfillment *fulfillment,
                                                      const char     *now,
                                                      GError        **error);
LumFulfillment *lum_fulfillment_store_get            (LumDb          *db,
                                                      gint64          id,
                                                      GError        **error);
/* Returns: (element-type LumFulfillment): the order's, by suffix; empty
 * for an order that was not split */
GPtrArray      *lum_fulfillment_store_list           (LumDb          *db,
                                                      gint64          order_id,
                                                      GError        **error);
gboolean        lum_fulfillment_store_set_push_state (LumDb          *db,
                                                      gint64          id,
                                                      const char     *push_state,
                                                      const char     *remote_id,
                                                      GError        **error);
gboolean        lum_fulfillment_store_set_shipped    (LumDb          *db,
                                                      gint64          id,
                                                      const char     *shipped_at,
                                                      const char     *tracking_number,
                                                      GError        **error);
gboolean        lum_fulfillment_store_set_job        (LumDb          *db,
                                                      gint64          job_id,
                                                      gint64          fulfillment_id,
                                                      GError        **error);
gint64          lum_fulfillment_store_resolve        (LumDb          *db,
                                                      const char     *order_key,
                                                      const char     *order_number,
                                                      gint64         *order_id);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-engine-sync.h"

G_BEGIN_DECLS

/*
 * LumFulfillmentPoller: for every integration and store used by a channel
 * that takes fulfillment updates, reads the shipments made since its
 * cursor and records them; the cursor moves only when a poll went through.
 * One round a call: LumSyncService runs it on a timer.
 */
#define LUM_TYPE_FULFILLMENT_POLLER (lum_fulfillment_poller_get_type ())
G_DECLARE_FINAL_TYPE (LumFulfillmentPoller, lum_fulfillment_poller, LUM, FULFILLMENT_POLLER, GObject)

typedef struct _LumSyncService LumSyncService;

LumFulfillmentPoller *lum_fulfillment_poller_new         (LumSyncService        *service);
void                  lum_fulfillment_poller_poll_async  (LumFulfillmentPoller  *self,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
gboolean              lum_fulfillment_poller_poll_finish (LumFulfillmentPoller  *self,
                                                          GAsyncResult          *result,
                                                          LumPollStats          *stats,
                                                          GError               **error);
const GError         *lum_fulfillment_poller_get_last_error (LumFulfillmentPoller *self);

G_END_DECLS

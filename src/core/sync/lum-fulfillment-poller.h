/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-engine.h"

G_BEGIN_DECLS

/**
 * LumPollStats:
 * @shipments: shipments the OMS reported
 * @recorded: new shipments recorded
 * @duplicates: shipments recorded before (same remote id)
 * @voided: shipments voided at the OMS and so in Lumen
 * @unknown: shipments of orders Lumen does not know: ignored
 * @refused: shipments the order rules refused (an event says why)
 * @failed_targets: integration and store pairs that could not be polled
 */
typedef struct
{
  guint shipments;
  guint recorded;
  guint duplicates;
  guint voided;
  guint unknown;
  guint refused;
  guint failed_targets;
} LumPollStats;

/*
 * LumFulfillmentPoller: for every integration and store used by a channel
 * that takes fulfillment updates, reads the shipments made since its
 * cursor and records them; the cursor moves only when a poll went through.
 * One round a call: LumSyncService runs it on a timer.
 */
#define LUM_TYPE_FULFILLMENT_POLLER (lum_fulfillment_poller_get_type ())
G_DECLARE_FINAL_TYPE (LumFulfillmentPoller, lum_fulfillment_poller, LUM, FULFILLMENT_POLLER, GObject)

LumFulfillmentPoller *lum_fulfillment_poller_new         (LumEngine             *engine);
void                  lum_fulfillment_poller_poll_async  (LumFulfillmentPoller  *self,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
gboolean              lum_fulfillment_poller_poll_finish (LumFulfillmentPoller  *self,
                                                          GAsyncResult          *result,
                                                          LumPollStats          *stats,
                                                          GError               **error);
gboolean              lum_fulfillment_poller_apply       (LumFulfillmentPoller  *self,
                                                          gint64                 integration_id,
                                                          const char            *store_id,
                                                          GPtrArray             *shipments,
                                                          const char            *latest,
                                                          LumPollStats          *stats,
                                                          GError               **error);
const GError         *lum_fulfillment_poller_get_last_error (LumFulfillmentPoller *self);

G_END_DECLS

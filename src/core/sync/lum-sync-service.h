/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "lum-engine.h"
#include "lum-sync-intervals.h"
#include "connect/lum-connector.h"
#include "sync/lum-fulfillment-poller.h"
#include "sync/lum-push-worker.h"
#include "sync/lum-stock-reader.h"

G_BEGIN_DECLS

/*
 * LumSyncService: the sync runtime of one engine, as the window and
 * `lumenctl sync` run it. It owns the HTTP session and the connectors
 * (one per integration, shared by all that talk to it), the push worker,
 * the fulfillment poller with its timer, and the change watcher that
 * notices what other processes commit. Its signals repeat the worker's and
 * the poller's news, so a front end listens to one object.
 */
#define LUM_TYPE_SYNC_SERVICE (lum_sync_service_get_type ())
G_DECLARE_FINAL_TYPE (LumSyncService, lum_sync_service, LUM, SYNC_SERVICE, GObject)

LumSyncService       *lum_sync_service_new              (LumEngine       *engine);
LumSyncService       *lum_sync_service_dup_for_engine   (LumEngine       *engine);
LumEngine            *lum_sync_service_get_engine       (LumSyncService  *self);
SoupSession          *lum_sync_service_get_session      (LumSyncService  *self);
LumConnector         *lum_sync_service_get_connector    (LumSyncService  *self,
                                                         gint64           integration_id,
                                                         GError         **error);
LumPushWorker        *lum_sync_service_get_push_worker  (LumSyncService  *self);
LumFulfillmentPoller *lum_sync_service_get_poller       (LumSyncService  *self);
LumStockReader       *lum_sync_service_get_stock_reader (LumSyncService  *self);
gboolean              lum_sync_service_get_busy         (LumSyncService  *self);

void                  lum_sync_service_watch_changes    (LumSyncService  *self);
void                  lum_sync_service_start_push       (LumSyncService  *self);
void                  lum_sync_service_stop_push        (LumSyncService  *self);
void                  lum_sync_service_start_polling    (LumSyncService  *self,
                                                         guint            interval_seconds);
void                  lum_sync_service_stop_polling     (LumSyncService  *self);
void                  lum_sync_service_read_stock       (LumSyncService  *self);
guint                 lum_sync_service_get_poll_interval (LumSyncService *self);
void                  lum_sync_service_stop             (LumSyncService  *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "lum-engine.h"
#include "model/lum-job.h"

G_BEGIN_DECLS

/*
 * LumPushWorker: drains the outbox. It claims the jobs that are due with a
 * lease (so that several workers on one database never send a job twice at
 * once; see lum-lease.h for how a dead claimer is recognised), builds each order's payload from the configuration it was posted
 * under, sends them through the integration's connector (in batches where
 * the OMS allows), and records each outcome with its event: done, again
 * later with backoff, or failed. Started, it sleeps until the next job is
 * due and wakes when a job is written.
 */
#define LUM_TYPE_PUSH_WORKER (lum_push_worker_get_type ())
G_DECLARE_FINAL_TYPE (LumPushWorker, lum_push_worker, LUM, PUSH_WORKER, GObject)

typedef struct _LumSyncService LumSyncService;

#define LUM_PUSH_WORKER_CLAIM_LIMIT   500
/* A claim lasts this long unless its worker renews it (a third of the way
 * through, while its requests are in flight): a worker that died on another
 * computer gives its jobs back within this time. */
#define LUM_PUSH_WORKER_LEASE_SECONDS 30

LumPushWorker *lum_push_worker_new             (LumSyncService       *service);
void           lum_push_worker_start           (LumPushWorker        *self);
void           lum_push_worker_stop            (LumPushWorker        *self);
gboolean       lum_push_worker_get_busy        (LumPushWorker        *self);
const char    *lum_push_worker_get_owner       (LumPushWorker        *self);
void           lum_push_worker_set_with_invoices (LumPushWorker      *self,
                                                  gboolean            with_invoices);
void           lum_push_worker_run_once_async  (LumPushWorker        *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
void           lum_push_worker_run_job_async   (LumPushWorker        *self,
                                                gint64                job_id,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
JsonNode      *lum_push_worker_dup_payload     (LumPushWorker        *self,
                                                LumJob               *job,
                                                GError              **error);
gboolean       lum_push_worker_run_once_finish (LumPushWorker        *self,
                                                GAsyncResult         *result,
                                                guint                *n_sent,
                                                GError              **error);
gboolean       lum_push_worker_run_job_finish  (LumPushWorker        *self,
                                                GAsyncResult         *result,
                                                GError              **error);
gint64         lum_push_worker_backoff         (guint                 attempt,
                                                guint32               random);

G_END_DECLS

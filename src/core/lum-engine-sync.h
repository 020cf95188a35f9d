/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-engine.h"
#include "connect/lum-http.h"
#include "model/lum-job.h"

G_BEGIN_DECLS

/**
 * LumPollStats:
 * @shipments: shipments the OMS reported
 * @recorded: new shipments recorded
 * @duplicates: shipments recorded before (same remote id)
 * @voided: shipments voided at the OMS and so in Lumen
 * @unknown: shipments of orders Lumen does not know: ignored
 * @refused: shipments the order rules refused (an event says why)
 * @conflicts: shipments of orders shipped by hand with another tracking
 *   number or carrier, kept as conflicts for the clerk
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
  guint conflicts;
} LumPollStats;

/**
 * LumJobOutcome:
 * @job: the job as it was claimed
 * @state: %LUM_JOB_STATE_DONE, %LUM_JOB_STATE_SCHEDULED (again, at
 *   @due_at) or %LUM_JOB_STATE_FAILED
 * @due_at: (nullable): when a scheduled job is tried again
 * @remote_id: (nullable): the id the service gave what was sent
 * @message: (nullable): why the job did not go through
 * @sent: (nullable): what the attempt sent and what came back; %NULL
 *   when it sent nothing, and the job keeps what an earlier one sent
 * @recorded: set by lum_engine_record_job_outcomes() when it was written
 *   (not when another worker holds the job now)
 */
typedef struct
{
  LumJob      *job;
  LumJobState  state;
  const char  *due_at;
  const char  *remote_id;
  const char            *message;
  const LumHttpExchange *sent;
  gboolean               recorded;
} LumJobOutcome;

GArray       *lum_engine_claim_jobs              (LumEngine            *self,
                                                  const char           *owner,
                                                  guint                 lease_seconds,
                                                  gboolean              with_invoices,
                                                  gint64                only_job_id,
                                                  guint                 limit,
                                                  GError              **error);
gboolean      lum_engine_renew_jobs              (LumEngine            *self,
                                                  const char           *owner,
                                                  guint                 lease_seconds,
                                                  guint                *n_renewed,
                                                  GError              **error);
char         *lum_engine_next_job_wakeup         (LumEngine            *self,
                                                  gboolean              with_invoices);
gboolean      lum_engine_record_job_outcomes     (LumEngine            *self,
                                                  const char           *owner,
                                                  LumJobOutcome        *outcomes,
                                                  guint                 n_outcomes,
                                                  GError              **error);

char         *lum_engine_dup_job_web_link        (LumEngine            *self,
                                                  LumJob               *job);

gboolean      lum_engine_apply_shipments         (LumEngine            *self,
                                                  gint64                integration_id,
                                                  const char           *store_id,
                                                  GPtrArray            *shipments,
                                                  const char           *latest,
                                                  LumPollStats         *stats,
                                                  GError              **error);
char         *lum_engine_get_shipment_cursor     (LumEngine            *self,
                                                  gint64                integration_id,
                                                  const char           *store_id);

G_END_DECLS

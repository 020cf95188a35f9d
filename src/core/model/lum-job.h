/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-enums.h"
#include "lum-record.h"

G_BEGIN_DECLS

/* An outbox row: a remote effect to send, as stored in the `job` table. */
typedef enum
{
  LUM_JOB_KIND_TEXT,
  LUM_JOB_STATE_TEXT,
  LUM_JOB_INTEGRATION_NAME,
  LUM_JOB_DOCUMENT_NUMBER,
  LUM_JOB_DUE_AT,
  LUM_JOB_REQUEST_ID,
  LUM_JOB_LEASE_OWNER,
  LUM_JOB_LEASE_UNTIL,
  LUM_JOB_SENT_AT,
  LUM_JOB_REMOTE_ID,
  LUM_JOB_LAST_ERROR,
  LUM_JOB_CREATED_AT,
  LUM_JOB_UPDATED_AT,
  LUM_JOB_SENT_METHOD,      /* what the last attempt sent: method, */
  LUM_JOB_SENT_PATH,        /* path and query, */
  LUM_JOB_SENT_BODY,        /* body (secret fields masked) */
  LUM_JOB_ANSWER_BODY,      /* and the body of the answer */
  LUM_JOB_N_TEXT
} LumJobText;

typedef enum
{
  LUM_JOB_ID,
  LUM_JOB_INTEGRATION_ID,
  LUM_JOB_SALES_ORDER_ID,
  LUM_JOB_INVOICE_ID,
  LUM_JOB_ATTEMPTS,
  LUM_JOB_MAX_ATTEMPTS,
  LUM_JOB_IS_TEST,          /* of a test document; read only */
  LUM_JOB_ANSWER_STATUS,    /* the answer's HTTP status; 0 for none */
  LUM_JOB_FULFILLMENT_ID,   /* the fulfillment order it pushes; 0 for the whole order */
  LUM_JOB_N_INT
} LumJobInt;

#define LUM_TYPE_JOB (lum_job_get_type ())
G_DECLARE_FINAL_TYPE (LumJob, lum_job, LUM, JOB, LumRecord)

LumJob      *lum_job_new       (void);
const char  *lum_job_get_text  (LumJob     *self,
                                LumJobText  field);
gint64       lum_job_get_int   (LumJob     *self,
                                LumJobInt   field);
LumJobKind   lum_job_get_kind  (LumJob     *self);
LumJobState  lum_job_get_state (LumJob     *self);
gint64       lum_job_get_id    (LumJob     *self);

G_END_DECLS

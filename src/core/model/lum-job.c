/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-model"

#include "lum-job.h"
#include "lum-enum-types.h"
#include "lum-util.h"

static const char * const text_columns[LUM_JOB_N_TEXT] = {
  [LUM_JOB_KIND_TEXT] = "kind",
  [LUM_JOB_STATE_TEXT] = "state",
  [LUM_JOB_INTEGRATION_NAME] = "integration_name",
  [LUM_JOB_DOCUMENT_NUMBER] = "document_number",
  [LUM_JOB_DUE_AT] = "due_at",
  [LUM_JOB_REQUEST_ID] = "request_id",
  [LUM_JOB_LEASE_OWNER] = "lease_owner",
  [LUM_JOB_LEASE_UNTIL] = "lease_until",
  [LUM_JOB_SENT_AT] = "sent_at",
  [LUM_JOB_REMOTE_ID] = "remote_id",
  [LUM_JOB_LAST_ERROR] = "last_error",
  [LUM_JOB_CREATED_AT] = "created_at",
  [LUM_JOB_UPDATED_AT] = "updated_at",
  [LUM_JOB_SENT_METHOD] = "sent_method",
  [LUM_JOB_SENT_PATH] = "sent_path",
  [LUM_JOB_SENT_BODY] = "sent_body",
  [LUM_JOB_ANSWER_BODY] = "answer_body",
};

static const char * const int_columns[LUM_JOB_N_INT] = {
  [LUM_JOB_ID] = "id",
  [LUM_JOB_INTEGRATION_ID] = "integration_id",
  [LUM_JOB_SALES_ORDER_ID] = "sales_order_id",
  [LUM_JOB_INVOICE_ID] = "invoice_id",
  [LUM_JOB_ATTEMPTS] = "attempts",
  [LUM_JOB_MAX_ATTEMPTS] = "max_attempts",
  [LUM_JOB_IS_TEST] = "is_test",
  [LUM_JOB_ANSWER_STATUS] = "answer_status",
  [LUM_JOB_FULFILLMENT_ID] = "fulfillment_id",
};

struct _LumJob
{
  LumRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (LumJob, lum_job, LUM_TYPE_RECORD)

static void
lum_job_class_init (LumJobClass *klass)
{
  lum_record_class_set_columns (LUM_RECORD_CLASS (klass),
                                text_columns, LUM_JOB_N_TEXT,
                                int_columns, LUM_JOB_N_INT);
}

static void
lum_job_init (LumJob *self)
{
}

LumJob *
lum_job_new (void)
{
  return g_object_new (LUM_TYPE_JOB, NULL);
}

const char *
lum_job_get_text (LumJob     *self,
                  LumJobText  field)
{
  return lum_record_get_text (LUM_RECORD (self), field);
}

gint64
lum_job_get_int (LumJob    *self,
                 LumJobInt  field)
{
  return lum_record_get_int (LUM_RECORD (self), field);
}

LumJobKind
lum_job_get_kind (LumJob *self)
{
  int kind = 0;

  lum_enum_from_nick (LUM_TYPE_JOB_KIND, lum_job_get_text (self, LUM_JOB_KIND_TEXT), &kind);
  return kind;
}

LumJobState
lum_job_get_state (LumJob *self)
{
  int state = 0;

  lum_enum_from_nick (LUM_TYPE_JOB_STATE, lum_job_get_text (self, LUM_JOB_STATE_TEXT), &state);
  return state;
}

gint64
lum_job_get_id (LumJob *self)
{
  return lum_job_get_int (self, LUM_JOB_ID);
}

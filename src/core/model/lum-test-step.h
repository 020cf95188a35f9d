/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-record.h"

G_BEGIN_DECLS

/* One step of a channel test: what it checked, its state and why. */
typedef enum
{
  LUM_TEST_STEP_NAME,      /* stable id: "document", "pushed", … */
  LUM_TEST_STEP_TITLE,     /* what a person reads */
  LUM_TEST_STEP_STATE,     /* pending, running, ok, failed, skipped */
  LUM_TEST_STEP_DETAIL,    /* the result or the reason, in words */
  LUM_TEST_STEP_AT,        /* when it finished */
  LUM_TEST_STEP_REQUEST,   /* the exact body sent, for the push */
  LUM_TEST_STEP_MAPPED,    /* mapped fields, one "path = value" a line */
  LUM_TEST_STEP_N_TEXT
} LumTestStepText;

#define LUM_TEST_STEP_PENDING "pending"
#define LUM_TEST_STEP_RUNNING "running"
#define LUM_TEST_STEP_OK      "ok"
#define LUM_TEST_STEP_FAILED  "failed"
#define LUM_TEST_STEP_SKIPPED "skipped"

#define LUM_TYPE_TEST_STEP (lum_test_step_get_type ())
G_DECLARE_FINAL_TYPE (LumTestStep, lum_test_step, LUM, TEST_STEP, LumRecord)

LumTestStep *lum_test_step_new      (const char      *name,
                                     const char      *title);
const char  *lum_test_step_get_text (LumTestStep     *self,
                                     LumTestStepText  field);
void         lum_test_step_set_text (LumTestStep     *self,
                                     LumTestStepText  field,
                                     const char      *value);
const char  *lum_test_step_get_name  (LumTestStep    *self);
const char  *lum_test_step_get_state (LumTestStep    *self);

G_END_DECLS

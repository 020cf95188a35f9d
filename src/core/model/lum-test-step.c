/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-model"

#include "lum-test-step.h"

static const char * const text_columns[LUM_TEST_STEP_N_TEXT] = {
  [LUM_TEST_STEP_NAME] = "name",
  [LUM_TEST_STEP_TITLE] = "title",
  [LUM_TEST_STEP_STATE] = "state",
  [LUM_TEST_STEP_DETAIL] = "detail",
  [LUM_TEST_STEP_AT] = "at",
  [LUM_TEST_STEP_REQUEST] = "request",
  [LUM_TEST_STEP_MAPPED] = "mapped",
};

struct _LumTestStep
{
  LumRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (LumTestStep, lum_test_step, LUM_TYPE_RECORD)

static void
lum_test_step_class_init (LumTestStepClass *klass)
{
  lum_record_class_set_columns (LUM_RECORD_CLASS (klass), text_columns, LUM_TEST_STEP_N_TEXT, NULL, 0);
}

static void
lum_test_step_init (LumTestStep *self)
{
}

LumTestStep *
lum_test_step_new (const char *name,
                   const char *title)
{
  LumTestStep *self = g_object_new (LUM_TYPE_TEST_STEP, NULL);

  lum_test_step_set_text (self, LUM_TEST_STEP_NAME, name);
  lum_test_step_set_text (self, LUM_TEST_STEP_TITLE, title);
  lum_test_step_set_text (self, LUM_TEST_STEP_STATE, LUM_TEST_STEP_PENDING);
  return self;
}

const char *
lum_test_step_get_text (LumTestStep     *self,
                        LumTestStepText  field)
{
  return lum_record_get_text (LUM_RECORD (self), field);
}

void
lum_test_step_set_text (LumTestStep     *self,
                        LumTestStepText  field,
                        const char      *value)
{
  lum_record_set_text (LUM_RECORD (self), field, value);
}

const char *
lum_test_step_get_name (LumTestStep *self)
{
  return lum_test_step_get_text (self, LUM_TEST_STEP_NAME);
}

const char *
lum_test_step_get_state (LumTestStep *self)
{
  return lum_test_step_get_text (self, LUM_TEST_STEP_STATE);
}

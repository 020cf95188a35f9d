/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-record.h"

G_BEGIN_DECLS

/* One entry of the timeline: who did what, when, with details as JSON. */
typedef enum
{
  LUM_EVENT_AT,
  LUM_EVENT_ACTOR,
  LUM_EVENT_KIND,
  LUM_EVENT_DETAILS,
  LUM_EVENT_DOCUMENT_NUMBER,
  LUM_EVENT_ACTOR_NAME,       /* the person: a display name or a user name */
  LUM_EVENT_N_TEXT
} LumEventText;

typedef enum
{
  LUM_EVENT_ID,
  LUM_EVENT_CHANNEL_ID,
  LUM_EVENT_SALES_ORDER_ID,
  LUM_EVENT_INVOICE_ID,
  LUM_EVENT_JOB_ID,
  LUM_EVENT_N_INT
} LumEventInt;

#define LUM_TYPE_EVENT (lum_event_get_type ())
G_DECLARE_FINAL_TYPE (LumEvent, lum_event, LUM, EVENT, LumRecord)

LumEvent    *lum_event_new          (void);
const char  *lum_event_get_text     (LumEvent     *self,
                                     LumEventText  field);
gint64       lum_event_get_int      (LumEvent     *self,
                                     LumEventInt   field);
char        *lum_event_dup_summary  (LumEvent     *self);

G_END_DECLS

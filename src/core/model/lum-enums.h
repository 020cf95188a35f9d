/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The nicks of these enums are the strings stored in SQLite and printed by
 * lumenctl (mkenums derives them from the names: `so-first`). */

typedef enum
{
  LUM_INTEGRATION_KIND_SHIPSTATION,
  LUM_INTEGRATION_KIND_EXTENSIV,
  LUM_INTEGRATION_KIND_QUICKBOOKS,
  LUM_INTEGRATION_KIND_SHIPSTATION_V2, /* ShipStation API V2 (api.shipstation.com/v2) */
} LumIntegrationKind;

typedef enum
{
  LUM_ORDER_FLOW_SO_FIRST,
  LUM_ORDER_FLOW_INVOICE_FIRST,
} LumOrderFlow;

typedef enum
{
  LUM_INVOICE_TIMING_NONE,
  LUM_INVOICE_TIMING_SO_CREATED,
  LUM_INVOICE_TIMING_SHIPMENT_CREATED,
} LumInvoiceTiming;

typedef enum
{
  LUM_DOCUMENT_KIND_SALES_ORDER,
  LUM_DOCUMENT_KIND_INVOICE,
} LumDocumentKind;

typedef enum
{
  LUM_ACTOR_USER,
  LUM_ACTOR_SYNC,
  LUM_ACTOR_SYSTEM,
} LumActor;

typedef enum
{
  LUM_JOB_KIND_PUSH_SALES_ORDER,
  LUM_JOB_KIND_CANCEL_SALES_ORDER,
  LUM_JOB_KIND_PUSH_INVOICE,
} LumJobKind;

typedef enum
{
  LUM_JOB_STATE_SCHEDULED,
  LUM_JOB_STATE_RUNNING,
  LUM_JOB_STATE_DONE,
  LUM_JOB_STATE_FAILED,
  LUM_JOB_STATE_CANCELLED,
} LumJobState;

G_END_DECLS

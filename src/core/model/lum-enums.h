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

/* A warehouse group's ship-from rule (lum-ship-from.h): its first linked
 * warehouse in order of preference, or the first that has every line of
 * the order in stock */
typedef enum
{
  LUM_SHIP_FROM_RULE_PREFERENCE,
  LUM_SHIP_FROM_RULE_STOCK,
} LumShipFromRule;

/* What a channel does with an order no single warehouse of its group can
 * ship whole: split it into fulfillment orders, or hold it for the
 * preferred warehouse */
typedef enum
{
  LUM_WHEN_SHORT_HOLD,
  LUM_WHEN_SHORT_SPLIT,
} LumWhenShort;

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

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

G_END_DECLS

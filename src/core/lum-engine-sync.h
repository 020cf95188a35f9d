/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-engine.h"

G_BEGIN_DECLS

/**
 * LumPollStats:
 * @shipments: shipments the OMS reported
 * @recorded: new shipments recorded
 * @duplicates: shipments recorded before (same remote id)
 * @voided: shipments voided at the OMS and so in Lumen
 * @unknown: shipments of orders Lumen does not know: ignored
 * @refused: shipments the order rules refused (an event says why)
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
} LumPollStats;

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

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-db.h"

G_BEGIN_DECLS

/**
 * LumDbCopyTable:
 * @name: the table
 * @source_rows: its rows in the source
 * @target_rows: its rows in the target once copied
 */
typedef struct
{
  char   *name;
  gint64  source_rows;
  gint64  target_rows;
} LumDbCopyTable;

/**
 * LumDbCopyReport:
 * @tables: (element-type LumDbCopyTable): every table, in the order copied
 * @source_order_cents: the sum of sales_order.total_cents in the source
 * @target_order_cents: the same in the target
 * @source_invoice_cents: the sum of invoice.total_cents in the source
 * @target_invoice_cents: the same in the target
 * @equal: counts and sums agree, and the copy was committed
 *
 * What lum_db_copy() read on both sides before committing.
 */
typedef struct
{
  GPtrArray *tables;
  gint64     source_order_cents;
  gint64     target_order_cents;
  gint64     source_invoice_cents;
  gint64     target_invoice_cents;
  gboolean   equal;
} LumDbCopyReport;

void             lum_db_copy_report_free (LumDbCopyReport  *report);
LumDbCopyReport *lum_db_copy             (LumDb            *source,
                                          LumDb            *target,
                                          GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LumDbCopyReport, lum_db_copy_report_free)

G_END_DECLS

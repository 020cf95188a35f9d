/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sentences where a count meets a noun, with the plural form the count
 * needs ("1 shipment recorded", not "1 shipments recorded").  Shared by the
 * window and lumenctl so that both say the same and a core test checks it. */

char *lum_counts_dup_synced         (guint sent,
                                     guint recorded);
char *lum_counts_dup_purged         (guint n_orders,
                                     guint n_invoices);
char *lum_counts_dup_import_summary (guint n_new,
                                     guint n_updates,
                                     guint n_errors);

G_END_DECLS

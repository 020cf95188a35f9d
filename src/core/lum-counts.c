/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-counts"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lum-counts.h"

/* Each count is its own plural phrase: a language cannot pick one form for
 * a sentence with two counts in it. */

/**
 * lum_counts_dup_synced:
 *
 * Returns: "Synced: 1 document sent, 2 shipments recorded"
 */
char *
lum_counts_dup_synced (guint sent,
                       guint recorded)
{
  g_autofree char *sent_text = NULL;
  g_autofree char *recorded_text = NULL;

  /* Translators: part of “Synced: 1 document sent, 2 shipments recorded” */
  sent_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u document sent", "%u documents sent", sent), sent);
  /* Translators: part of “Synced: 1 document sent, 2 shipments recorded” */
  recorded_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u shipment recorded", "%u shipments recorded",
                                                recorded),
                                   recorded);
  /* Translators: the two parts are “1 document sent” and “2 shipments recorded” */
  return g_strdup_printf (_("Synced: %s, %s"), sent_text, recorded_text);
}

/**
 * lum_counts_dup_purged:
 *
 * Returns: "Deleted 1 test order and 2 test invoices"
 */
char *
lum_counts_dup_purged (guint n_orders,
                       guint n_invoices)
{
  g_autofree char *orders = NULL;
  g_autofree char *invoices = NULL;

  orders = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u test order", "%u test orders", n_orders), n_orders);
  invoices = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u test invoice", "%u test invoices", n_invoices),
                              n_invoices);
  /* Translators: “Deleted 3 test orders and 2 test invoices” */
  return g_strdup_printf (_("Deleted %s and %s"), orders, invoices);
}

/**
 * lum_counts_dup_import_summary:
 *
 * Returns: "2 new, 1 to update, 1 with an error."
 */
char *
lum_counts_dup_import_summary (guint n_new,
                               guint n_updates,
                               guint n_errors)
{
  g_autofree char *errors = NULL;

  /* Translators: part of the import summary “2 new, 1 to update, 1 with an error.”; counts rows */
  errors = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u with an error", "%u with errors", n_errors), n_errors);
  /* Translators: the summary of an import; two counts of rows and “1 with an error” */
  return g_strdup_printf (_("%u new, %u to update, %s."), n_new, n_updates, errors);
}

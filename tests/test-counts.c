/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lum-counts.h"

/* A count of one takes the singular: "1 shipments recorded" was the bug. */
static void
test_synced (void)
{
  g_autofree char *one = lum_counts_dup_synced (1, 1);
  g_autofree char *many = lum_counts_dup_synced (2, 3);
  g_autofree char *none = lum_counts_dup_synced (0, 1);

  g_assert_cmpstr (one, ==, "Synced: 1 document sent, 1 shipment recorded");
  g_assert_cmpstr (many, ==, "Synced: 2 documents sent, 3 shipments recorded");
  g_assert_cmpstr (none, ==, "Synced: 0 documents sent, 1 shipment recorded");
}

static void
test_purged (void)
{
  g_autofree char *one = lum_counts_dup_purged (1, 1);
  g_autofree char *mixed = lum_counts_dup_purged (3, 1);

  g_assert_cmpstr (one, ==, "Deleted 1 test order and 1 test invoice");
  g_assert_cmpstr (mixed, ==, "Deleted 3 test orders and 1 test invoice");
}

static void
test_import_summary (void)
{
  g_autofree char *one = lum_counts_dup_import_summary (1, 1, 1);
  g_autofree char *many = lum_counts_dup_import_summary (2, 0, 4);

  g_assert_cmpstr (one, ==, "1 new, 1 to update, 1 with an error.");
  g_assert_cmpstr (many, ==, "2 new, 0 to update, 4 with errors.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/counts/synced", test_synced);
  g_test_add_func ("/counts/purged", test_purged);
  g_test_add_func ("/counts/import-summary", test_import_summary);

  return g_test_run ();
}

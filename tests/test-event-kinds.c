/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <glib.h>

#include "model/lum-event.h"

/* Every kind of event the code writes has a sentence: the kinds are read
 * from the sources (each lum_flow_add_event call's second argument, both
 * sides of a ?:), so a kind added later without a sentence fails here. */

static void
collect_kinds (const char *path,
               GHashTable *kinds)
{
  g_autofree char *text = NULL;
  g_autoptr(GRegex) call = g_regex_new ("lum_flow_add_event\\s*\\(\\s*[^,]+,\\s*([^,]+),", 0, 0, NULL);
  g_autoptr(GRegex) literal = g_regex_new ("\"([a-z]+\\.[a-z_-]+)\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  for (g_regex_match (call, text, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *argument = g_match_info_fetch (match, 1);
      g_autoptr(GMatchInfo) lit = NULL;

      for (g_regex_match (literal, argument, 0, &lit); g_match_info_matches (lit); g_match_info_next (lit, NULL))
        g_hash_table_add (kinds, g_match_info_fetch (lit, 1));
    }
}

static void
walk (const char *dir,
      GHashTable *kinds)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        walk (path, kinds);
      else if (g_str_has_suffix (name, ".c"))
        collect_kinds (path, kinds);
    }
}

static void
test_every_kind_has_a_sentence (void)
{
  g_autoptr(GHashTable) kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *core = g_build_filename (LUM_SOURCE_ROOT, "src", "core", NULL);
  GHashTableIter iter;
  gpointer kind;

  walk (core, kinds);
  /* the walk found the calls: a few kinds every version writes */
  g_assert_true (g_hash_table_contains (kinds, "order.created"));
  g_assert_true (g_hash_table_contains (kinds, "push.sent"));
  g_assert_true (g_hash_table_contains (kinds, "shipment.refused"));
  g_assert_true (g_hash_table_contains (kinds, "invoice.edited"));
  g_assert_cmpuint (g_hash_table_size (kinds), >=, 25);

  g_hash_table_iter_init (&iter, kinds);
  while (g_hash_table_iter_next (&iter, &kind, NULL))
    {
      g_autoptr(LumEvent) event = lum_event_new ();
      g_autofree char *summary = NULL;

      lum_record_set_text (LUM_RECORD (event), LUM_EVENT_KIND, kind);
      lum_record_set_text (LUM_RECORD (event), LUM_EVENT_DETAILS, "{}");
      summary = lum_event_dup_summary (event);
      if (g_strcmp0 (summary, kind) == 0 || strstr (summary, kind) != NULL)
        g_error ("Event kind “%s” has no sentence: the timeline shows “%s”", (const char *)kind, summary);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/event/every-kind-has-a-sentence", test_every_kind_has_a_sentence);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * No silent overwrite between two lumenctl processes on one file: a
 * script reads a record's version, another process edits it, and the
 * script's edit with --expect-version is refused (exit 3, who and when,
 * nothing written); with the version shown again it is saved.
 */
#include <string.h>

#include "lumctl-test.h"

static void
add_desk (Fixture *f)
{
  g_autofree char *a = run_ok (f, "customer", "add", "--name", "Acme Corp", "--ship-street1", "1 Main St",
                               "--ship-city", "Springfield", "--ship-country", "US", NULL);
  g_autofree char *b = run_ok (f, "product", "add", "--sku", "W-1", "--name", "Widget", "--price", "10.00", NULL);
  g_autofree char *c = run_ok (f, "channel", "create", "--name", "Desk", "--internal", NULL);
}

static char *
changed_by_me (void)
{
  return g_strdup_printf ("was changed by %s on ", g_get_user_name ());
}

static void
assert_version (const char *text,
                const char *version)
{
  const char *at = strstr (text, "\nVersion:");

  g_assert_nonnull (at);
  at += strlen ("\nVersion:");
  at += strspn (at, " ");
  g_assert_true (g_str_has_prefix (at, version));
  g_assert_true (at[strlen (version)] == '\n');
}

static void
test_channel_edit (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *shown = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *after = NULL;
  g_autofree char *needle = changed_by_me ();
  const char *stale[] = { "channel", "edit", "Desk", "--description", "Mine", "--expect-version", "1", NULL };

  add_desk (f);
  shown = run_ok (f, "channel", "show", "Desk", NULL);
  assert_version (shown, "1");

  /* another process saves it meanwhile */
  theirs = run_ok (f, "channel", "edit", "Desk", "--description", "Theirs", NULL);
  assert_version (theirs, "2");

  assert_refused (f, 3, needle, stale);
  assert_refused (f, 3, "Channel “Desk” was changed", stale);
  assert_refused (f, 3, "(version 2, you opened version 1)", stale);
  assert_refused (f, 3, "Nothing was saved", stale);

  mine = run_ok (f, "channel", "edit", "Desk", "--description", "Mine", "--expect-version", "2", NULL);
  assert_version (mine, "3");
  after = run_ok (f, "channel", "show", "Desk", NULL);
  g_assert_nonnull (strstr (after, "Mine"));
}

static void
test_order_edit (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *number = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *text = NULL;
  g_autofree char *by = NULL;
  g_autoptr(JsonNode) order = NULL;
  g_autofree char *needle = changed_by_me ();
  const char *stale[] = { "order", "edit", "SO-000001", "--po", "PO-MINE", "--expect-version", "1", NULL };

  add_desk (f);
  number = run_ok (f, "order", "create", "--channel", "Desk", "--customer", "Acme Corp", "--line", "W-1:2", NULL);
  g_assert_cmpstr (number, ==, "SO-000001\n");
  order = run_json (f, "order", "show", "SO-000001", NULL);
  g_assert_cmpint (json_int (order, "version"), ==, 1);

  theirs = run_ok (f, "order", "edit", "SO-000001", "--shipping-notes", "Dock 4", NULL);
  assert_refused (f, 3, needle, stale);
  assert_refused (f, 3, "Sales order SO-000001 was changed", stale);

  mine = run_ok (f, "order", "edit", "SO-000001", "--po", "PO-MINE", "--expect-version", "2", NULL);
  g_clear_pointer (&order, json_node_unref);
  order = run_json (f, "order", "show", "SO-000001", NULL);
  g_assert_cmpint (json_int (order, "version"), ==, 3);
  g_assert_cmpstr (json_str (order, "po_number"), ==, "PO-MINE");
  g_assert_cmpstr (json_str (order, "shipping_notes"), ==, "Dock 4");
  /* who: each edit's event names the person */
  text = run_ok (f, "order", "show", "SO-000001", NULL);
  by = g_strdup_printf ("  user   %s ", g_get_user_name ());
  g_assert_nonnull (strstr (text, by));
  g_assert_nonnull (strstr (strstr (text, by), "Sales order edited: shipping_notes"));
}

static void
test_product_update (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *theirs = NULL;
  g_autofree char *mine = NULL;
  const char *stale[] = { "product", "add", "--sku", "W-1", "--update", "--price", "11.00", "--expect-version", "1",
                          NULL };

  add_desk (f);
  theirs = run_ok (f, "product", "add", "--sku", "W-1", "--update", "--name", "Widget Pro", NULL);
  assert_version (theirs, "2");
  assert_refused (f, 3, "Product “W-1” was changed", stale);
  mine = run_ok (f, "product", "add", "--sku", "W-1", "--update", "--price", "11.00", "--expect-version", "2", NULL);
  assert_version (mine, "3");
  g_assert_nonnull (strstr (mine, "Widget Pro"));
}

/* Who: lumenctl goes by the desk's display name from Preferences when one is set */
static void
test_display_name (Fixture       *f,
                   gconstpointer  data)
{
  const char *env[] = { "GSETTINGS_BACKEND", "keyfile", NULL };
  const char *create[] = { "order", "create", "--channel", "Desk", "--customer", "Acme Corp", "--line", "W-1:1",
                           NULL };
  const char *show[] = { "order", "show", "SO-000001", NULL };
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (dir, "keyfile", NULL);
  g_autoptr(Result) created = NULL;
  g_autoptr(Result) shown = NULL;
  g_autoptr(GError) error = NULL;

  add_desk (f);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (keyfile, "[io/github/lumenapp/Lumen]\ndisplay-name='Ana'\n", -1, &error);
  g_assert_no_error (error);

  created = run_argv (env, f->db_path, create);
  g_assert_cmpint (created->status, ==, 0);
  shown = run_argv (env, f->db_path, show);
  g_assert_cmpint (shown->status, ==, 0);
  g_assert_nonnull (strstr (shown->out, "  user   Ana "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/cli/versions/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("channel-edit", test_channel_edit);
  ADD ("order-edit", test_order_edit);
  ADD ("product-update", test_product_update);
  ADD ("display-name", test_display_name);
#undef ADD

  return g_test_run ();
}

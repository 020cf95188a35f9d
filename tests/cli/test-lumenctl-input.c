/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Hostile input on lumenctl's command line and in its files: control
 * characters (a terminal escape in an imported name) are refused where a
 * value is one line, and never printed raw, even when they were stored
 * before; oversized values are refused with their limit and shown cut.
 */
#include <string.h>

#include "lumctl-documents-test.h"

#define ESC_NAME "Acme\x1b[31m"

/* No byte of a control character but the line breaks of the output. */
static void
assert_no_control (const char *text)
{
  for (const guchar *p = (const guchar *)text; *p != '\0'; p++)
    if (*p != '\n')
      {
        g_assert_cmpuint (*p, >=, 0x20);
        g_assert_cmpuint (*p, !=, 0x7f);
        /* C1 controls: 0xC2 0x80…0x9F in UTF-8 */
        if (*p == 0xc2)
          g_assert_false (p[1] >= 0x80 && p[1] <= 0x9f);
      }
}

static void
test_refused_on_the_command_line (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *long_carrier = g_strnfill (101, 'c');
  const char *esc_name[] = { "customer", "add", "--name", ESC_NAME, NULL };
  const char *bell_email[] = { "customer", "add", "--name", "Bell", "--email", "a\a@b.test", NULL };
  const char *newline_street[] = { "customer", "add", "--name", "Nl", "--ship-street1", "1 Main\nSt", NULL };
  const char *long_phone[] = { "customer", "add", "--name", "Phone", "--phone", "0123456789012345678901234567890123456789x", NULL };
  const char *c1_product[] = { "product", "add", "--sku", "P-1", "--name", "Pen\xc2\x9b" "2J", "--price", "1", NULL };
  const char *del_channel[] = { "channel", "create", "--name", "Retail\x7f", NULL };
  const char *esc_tag[] = { "channel", "create", "--name", "Retail", "--tag", "a\x1b" "b", NULL };
  const char *long_description[] = { "channel", "create", "--name", "Retail", "--description", NULL, NULL };
  const char *esc_group[] = { "warehouse-group", "create", "Group\x1b", NULL };
  const char *esc_po[] = { "order", "create", "--channel", "Ship Later", "--customer", "Acme Corp",
                           "--line", "W-1:1", "--po", "PO\x1b[2J", NULL };
  const char *long_notes[] = { "order", "create", "--channel", "Ship Later", "--customer", "Acme Corp",
                               "--line", "W-1:1", "--internal-notes", NULL, NULL };
  const char *long_carrier_ship[] = { "order", "ship", "SO-000001", "--carrier", long_carrier,
                                      "--tracking", "1Z", NULL };
  const char *esc_tracking[] = { "order", "ship", "SO-000001", "--carrier", "UPS",
                                 "--tracking", "1Z\x1b]8;;http://evil\x07", NULL };
  g_autofree char *description = g_strnfill (1001, 'd');
  g_autofree char *notes = g_strnfill (2001, 'n');
  g_autofree char *number = NULL;

  long_description[5] = description;
  long_notes[9] = notes;
  g_free (run_ok (f, "warehouse-group", "list", NULL));

  assert_refused (f, 1, "Customer name “Acme\\x1b[31m” has a control character (U+001B) at position 5", esc_name);
  assert_refused (f, 1, "email “a\\x07@b.test” has a control character (U+0007) at position 2", bell_email);
  assert_refused (f, 1, "ship_street1 “1 Main\\nSt” has a control character (U+000A) at position 7", newline_street);
  assert_refused (f, 1, "phone “0123456789012345678901234567890123456789…” is 41 characters long; at most 40",
                  long_phone);
  assert_refused (f, 1, "Product name “Pen\\u009b2J” has a control character (U+009B) at position 4", c1_product);
  assert_refused (f, 1, "Channel name “Retail\\x7f” has a control character (U+007F) at position 7", del_channel);
  assert_refused (f, 1, "Tag “a\\x1bb” has a control character (U+001B) at position 2", esc_tag);
  assert_refused (f, 1, "Description “dddddddddddddddddddddddddddddddddddddddd…” is 1,001 characters long; at most 1000",
                  long_description);
  assert_refused (f, 1, "Warehouse group name “Group\\x1b” has a control character (U+001B) at position 6", esc_group);

  if (!add_documents_setup (f))
    {
      g_test_skip ("needs a Secret Service: run in .ci/session");
      return;
    }
  assert_refused (f, 1, "PO number “PO\\x1b[2J” has a control character (U+001B) at position 3", esc_po);
  assert_refused (f, 1, "Internal notes “nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn…” is 2,001 characters long; at most 2000",
                  long_notes);

  /* notes keep their line breaks and tabs */
  number = run_ok (f, "order", "create", "--channel", "Ship Later", "--customer", "Acme Corp", "--line", "W-1:2",
                   "--internal-notes", "first\n\tsecond", "--post", NULL);
  g_assert_cmpstr (number, ==, "SO-000001\n");
  {
    g_autoptr(JsonNode) shown = run_json (f, "order", "show", "SO-000001", NULL);
    g_assert_cmpstr (json_str (shown, "internal_notes"), ==, "first\n\tsecond");
  }

  assert_refused (f, 1, "Carrier “cccccccccccccccccccccccccccccccccccccccc…” is 101 characters long; at most 100",
                  long_carrier_ship);
  assert_refused (f, 1, "Tracking number “1Z\\x1b]8;;http://evil\\x07” has a control character (U+001B) at position 3",
                  esc_tracking);
}

/* Names stored by an older Lumen, or written by another program, with
 * escapes in them: lists, records and errors write them out. */
static void
test_stored_text_is_escaped (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *added = NULL;
  g_autoptr(Result) list = NULL;
  g_autoptr(Result) json = NULL;
  g_autoptr(Result) missing = NULL;
  g_autoptr(Result) channels = NULL;
  g_autoptr(Result) shown = NULL;
  const char *list_args[] = { "customer", "list", NULL };
  const char *json_args[] = { "customer", "list", "--json", NULL };
  const char *missing_args[] = { "customer", "add", "--name", "x\x1b[2J", NULL };
  const char *channel_args[] = { "channel", "list", NULL };
  const char *show_args[] = { "channel", "show", "Retail", NULL };

  added = run_ok (f, "customer", "add", "--name", "Acme Corp", NULL);
  g_free (run_ok (f, "channel", "create", "--name", "Retail", "--description", "two\nlines", NULL));
  exec_sql (f, "UPDATE customer SET name = 'Acme' || char(27) || '[31m' || char(7) || char(155), "
               "email = 'a' || char(13) || '@b.test';"
               "UPDATE channel SET description = 'two' || char(10) || 'lines' || char(27) || ']0;owned' || char(7);");

  list = run_argv (NULL, f->db_path, list_args);
  g_assert_cmpint (list->status, ==, 0);
  assert_no_control (list->out);
  assert_contains (list->out, "Acme\\x1b[31m\\x07\\u009b");

  /* JSON escapes as JSON does: the value itself comes back */
  json = run_argv (NULL, f->db_path, json_args);
  g_assert_cmpint (json->status, ==, 0);
  assert_contains (json->out, "\\u001b");
  {
    g_autoptr(JsonNode) node = parse_json (json->out);
    g_assert_cmpstr (json_str (json_element (node, 0), "name"), ==, "Acme\x1b[31m\a\xc2\x9b");
  }

  channels = run_argv (NULL, f->db_path, channel_args);
  assert_no_control (channels->out);
  shown = run_argv (NULL, f->db_path, show_args);
  g_assert_cmpint (shown->status, ==, 0);
  assert_no_control (shown->out);
  /* the line break of a description stays a line break; the escape does not */
  assert_contains (shown->out, "lines\\x1b]0;owned\\x07");

  missing = run_argv (NULL, f->db_path, missing_args);
  g_assert_cmpint (missing->status, ==, 1);
  assert_no_control (missing->err);
}

/* A field of 10 MB in a CSV file: refused, and shown as its start and its
 * length, in the preview and in the message, never whole. */
static void
test_oversized_import (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("name,email\n");
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "huge.csv", NULL);
  g_autoptr(Result) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *args[] = { "customer", "import", path, "--dry-run", NULL };

  g_string_append (csv, "Huge ");
  for (guint i = 0; i < 10485760 - 5; i++)
    g_string_append_c (csv, 'x');
  g_string_append (csv, ",h@x.test\nEvil\x1b]0;title\x07,e@x.test\nFine,f@x.test\n");
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, csv->str, csv->len, &error));
  g_assert_no_error (error);

  result = run_argv (NULL, f->db_path, args);
  g_assert_cmpint (result->status, ==, 1);
  assert_one_error_line (result->err, "2 of 3 rows");
  g_assert_cmpuint (strlen (result->out), <, 1000);
  assert_no_control (result->out);
  assert_contains (result->out, "Huge xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… (10,485,760 characters)");
  assert_contains (result->out, "Customer name “Huge xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…” is 10,485,760 characters long; "
                                "at most 120 are allowed");
  assert_contains (result->out, "Customer name “Evil\\x1b]0;title\\x07” has a control character (U+001B) at position 5");
  assert_contains (result->out, "add     Fine");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/cli/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("input/refused", test_refused_on_the_command_line);
  ADD ("input/stored-escaped", test_stored_text_is_escaped);
  ADD ("input/oversized-import", test_oversized_import);

#undef ADD

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `lumenctl database copy`: a desk's file to another file, and to a server
 * and back ($LUMEN_TEST_DB, tests/pg-cluster.sh), every row the same, the
 * ids and counters going on after the copied ones; refused onto a
 * database that has rows, which stays as it was.
 */
#include <string.h>

#include "lumctl-test.h"
#include "store/lum-db-server.h"

#define ARGS(...) ((const char * const []){ __VA_ARGS__, NULL })

static char *
ok_out (const char         *db_path,
        const char * const *args)
{
  g_autoptr(Result) result = run_argv (NULL, db_path, args);

  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);
  return g_steal_pointer (&result->out);
}

/* A desk: three posted orders with their invoices (13000 and 6000 cents)
 * and a draft. */
static void
add_desk (const char *path)
{
  g_free (ok_out (path, ARGS ("customer", "add", "--name", "Acme Corp", "--ship-street1", "1 Main St",
                              "--ship-city", "Springfield", "--ship-country", "US")));
  g_free (ok_out (path, ARGS ("product", "add", "--sku", "W-1", "--name", "Widget", "--price", "10.00",
                              "--weight-oz", "4.5")));
  g_free (ok_out (path, ARGS ("channel", "create", "--name", "Desk", "--internal")));
  g_free (ok_out (path, ARGS ("channel", "create", "--name", "Ship Later", "--invoice-timing", "shipment-created")));
  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *line = g_strdup_printf ("W-1:%u", i);
      g_autofree char *number = ok_out (path, ARGS ("order", "create", "--channel", "Desk", "--customer", "Acme Corp",
                                                    "--line", line));

      g_free (ok_out (path, ARGS ("order", "post", g_strstrip (number))));
    }
  g_free (ok_out (path, ARGS ("order", "create", "--channel", "Ship Later", "--customer", "Acme Corp",
                              "--line", "W-1:7")));
}

static gint64
table_rows (JsonNode   *report,
            const char *table,
            const char *side)
{
  JsonArray *tables = json_object_get_array_member (json_node_get_object (report), "tables");

  for (guint i = 0; i < json_array_get_length (tables); i++)
    {
      JsonObject *row = json_array_get_object_element (tables, i);

      if (g_str_equal (json_object_get_string_member (row, "name"), table))
        return json_object_get_int_member (row, side);
    }
  g_assert_not_reached ();
}

/* Copies @from to @to and checks the report: every table counted on both
 * sides alike, and the desk's rows and money in the target. */
static void
copy_ok (const char *from,
         const char *to)
{
  g_autoptr(Result) result = run_argv (NULL, from, ARGS ("database", "copy", "--to", to, "--json"));
  g_autoptr(JsonNode) report = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  JsonArray *tables;

  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);
  report = json_from_string (result->out, &error);
  g_assert_no_error (error);
  object = json_node_get_object (report);
  g_assert_true (json_object_get_boolean_member (object, "equal"));
  /* the addresses as shown never have a password */
  g_assert_null (strstr (result->out, "password"));
  g_assert_null (strstr (result->out, "s3cret"));
  tables = json_object_get_array_member (object, "tables");
  g_assert_cmpuint (json_array_get_length (tables), >=, 20);
  for (guint i = 0; i < json_array_get_length (tables); i++)
    {
      JsonObject *row = json_array_get_object_element (tables, i);

      g_assert_cmpint (json_object_get_int_member (row, "source_rows"), ==,
                       json_object_get_int_member (row, "target_rows"));
    }
  g_assert_cmpint (table_rows (report, "sales_order", "target_rows"), ==, 4);
  g_assert_cmpint (table_rows (report, "invoice", "target_rows"), ==, 3);
  g_assert_cmpint (table_rows (report, "sales_order_line", "target_rows"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (object, "source_order_cents"), ==, 13000);
  g_assert_cmpint (json_object_get_int_member (object, "target_order_cents"), ==, 13000);
  g_assert_cmpint (json_object_get_int_member (object, "source_invoice_cents"), ==, 6000);
  g_assert_cmpint (json_object_get_int_member (object, "target_invoice_cents"), ==, 6000);
}

/* What comes after the copy takes the next ids and numbers. */
static void
assert_goes_on (const char *path)
{
  g_autofree char *customer = ok_out (path, ARGS ("customer", "add", "--name", "Bolt, Ltd"));
  g_autofree char *number = ok_out (path, ARGS ("order", "create", "--channel", "Desk", "--customer", "Bolt, Ltd",
                                                "--line", "W-1:1"));

  g_assert_nonnull (strstr (customer, "ID:     2\n"));
  g_assert_cmpstr (number, ==, "SO-000005\n");
}

static void
test_file_to_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *from = g_build_filename (g_get_user_data_dir (), "desk.db", NULL);
  g_autofree char *to = g_build_filename (g_get_user_data_dir (), "copy.db", NULL);
  g_autofree char *from_dump = NULL;
  g_autofree char *to_dump = NULL;

  add_desk (from);
  copy_ok (from, to);
  from_dump = dump_database (from);
  to_dump = dump_database (to);
  g_assert_cmpstr (to_dump, ==, from_dump);
  assert_goes_on (to);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *from = g_build_filename (g_get_user_data_dir (), "desk.db", NULL);
  g_autofree char *back = g_build_filename (g_get_user_data_dir (), "back.db", NULL);
  g_autofree char *from_dump = NULL;
  g_autofree char *back_dump = NULL;
  g_autofree char *with_password = NULL;

  if (!g_str_has_prefix (f->db_path, "postgresql:"))
    {
      g_test_skip ("needs a PostgreSQL server in $LUMEN_TEST_DB (tests/pg-cluster.sh run …)");
      return;
    }
  /* the throw-away cluster trusts its socket: any password is let in */
  with_password = g_strconcat (f->db_path, "&password=s3cret", NULL);
  add_desk (from);
  copy_ok (from, with_password);
  copy_ok (with_password, back);
  from_dump = dump_database (from);
  back_dump = dump_database (back);
  g_assert_cmpstr (back_dump, ==, from_dump);
  /* the server's identity columns go on after the copied ids */
  assert_goes_on (f->db_path);
}

static void
test_refused_onto_rows (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *from = g_build_filename (g_get_user_data_dir (), "desk.db", NULL);
  g_autofree char *to = g_build_filename (g_get_user_data_dir (), "copy.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(Result) again = NULL;
  g_autoptr(Result) first = NULL;

  add_desk (from);
  copy_ok (from, to);
  before = dump_database (to);
  again = run_argv (NULL, from, ARGS ("database", "copy", "--to", to));
  g_assert_cmpint (again->status, ==, 1);
  g_assert_cmpstr (again->out, ==, "");
  assert_one_error_line (again->err, "is not empty: the table “warehouse_group” has 1 row");
  after = dump_database (to);
  g_assert_cmpstr (after, ==, before);

  /* the document counters are rows too */
  {
    g_autofree char *empty = g_build_filename (g_get_user_data_dir (), "counted.db", NULL);
    g_autoptr(Result) refused = NULL;
    g_autoptr(LumDb) db = lum_db_open (empty, NULL);

    g_assert_nonnull (db);
    g_assert_true (lum_db_exec (db, "UPDATE doc_sequence SET next_value = 9 WHERE name = 'invoice'", NULL));
    g_clear_object (&db);
    refused = run_argv (NULL, from, ARGS ("database", "copy", "--to", empty));
    g_assert_cmpint (refused->status, ==, 1);
    assert_one_error_line (refused->err, "the table “doc_sequence” has 1 row");
  }

  first = run_argv (NULL, from, ARGS ("database", "copy"));
  g_assert_cmpint (first->status, ==, 2);
}

/* `lumenctl database password`: the server's password from standard input
 * into the keyring (the session's, .ci/session), never printed. */
static void
test_password (void)
{
  g_autofree char *dbname = g_strdup_printf ("lumen-%u", g_random_int ());
  g_autofree char *url = g_strdup_printf ("postgresql://ana@db.example.com:5433/%s", dbname);
  g_autoptr(Result) saved = NULL;
  g_autoptr(Result) empty = NULL;
  g_autoptr(Result) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *expected = NULL;

  if (!keyring_available ())
    return;
  saved = run_argv_input (NULL, url, ARGS ("database", "password"), "s3cret-cli\n");
  g_assert_cmpint (saved->status, ==, 0);
  g_assert_cmpstr (saved->err, ==, "");
  expected = g_strdup_printf ("Saved the password of ana for the database %s on db.example.com in the keyring.\n",
                              dbname);
  g_assert_cmpstr (saved->out, ==, expected);
  stored = lum_db_server_lookup_password (url, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored, ==, "s3cret-cli");

  empty = run_argv_input (NULL, url, ARGS ("database", "password"), "\n");
  g_assert_cmpint (empty->status, ==, 1);
  g_assert_nonnull (strstr (empty->err, "Password on standard input is empty"));

  file = run_argv_input (NULL, "/tmp/lumen.db", ARGS ("database", "password"), "s3cret\n");
  g_assert_cmpint (file->status, ==, 1);
  g_assert_nonnull (strstr (file->err, "is not the address of a database server"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/cli/database/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("copy-file-to-file", test_file_to_file);
  ADD ("copy-round-trip-postgresql", test_round_trip);
  ADD ("copy-refused-onto-rows", test_refused_onto_rows);
#undef ADD
  g_test_add_func ("/cli/database/password", test_password);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `lumenctl database password`: the server's password from standard input
 * into the keyring (the session's, .ci/session), never printed. */
#include <string.h>

#include "lumctl-test.h"
#include "store/lum-db-server.h"

#define ARGS(...) ((const char * const[]) { __VA_ARGS__, NULL })

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
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/lumenctl/database/password", test_password);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <libpq-fe.h>
#include <signal.h>
#include <unistd.h>
#include <string.h>
#include <sys/prctl.h>

#include "lumctl-test.h"

void
result_free (Result *result)
{
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *server = g_getenv ("LUMEN_TEST_DB");

  /* the per-test data directory: a fresh database for every test; on a
   * server ($LUMEN_TEST_DB, tests/pg-cluster.sh) a schema of its own */
  if (server != NULL && *server != '\0')
    {
      static guint counter;
      g_autofree char *schema = g_strdup_printf ("cli_%u_%u_%u", (guint)getpid (), ++counter, g_random_int ());
      g_autofree char *create = g_strdup_printf ("CREATE SCHEMA %s", schema);
      PGconn *conn = PQconnectdb (server);
      PGresult *result;

      g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
      result = PQexec (conn, create);
      g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
      PQclear (result);
      PQfinish (conn);
      f->db_path = g_strdup_printf ("%s%soptions=-csearch_path%%3D%s", server, strchr (server, '?') ? "&" : "?", schema);
      /* the tests write reports there, where a database file would be */
      g_mkdir_with_parents (g_get_user_data_dir (), 0700);
      return;
    }
  f->db_path = g_build_filename (g_get_user_data_dir (), "cli-test.db", NULL);
  g_assert_false (g_file_test (f->db_path, G_FILE_TEST_EXISTS));
}

void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->db_path, g_free);
}

/* -- running lumenctl ---------------------------------------------------- */

/* The environment of every lumenctl run: this test's private directories,
 * untranslated UTF-8 messages, and a critical warning is a failure. */
static GSubprocessLauncher *
launcher_new (const char * const *env,
              GSubprocessFlags    flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  g_subprocess_launcher_setenv (launcher, "G_DEBUG", "gc-friendly,fatal-criticals,fatal-warnings", TRUE);
  /* GLib isolates this process's directories without exporting them */
  g_subprocess_launcher_setenv (launcher, "HOME", g_get_home_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", g_get_user_runtime_dir (), TRUE);
  for (guint i = 0; env != NULL && env[i] != NULL; i += 2)
    {
      if (env[i + 1] != NULL)
        g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);
      else
        g_subprocess_launcher_unsetenv (launcher, env[i]);
    }
  return launcher;
}

/* $LUMENCTL, @args, and `--db PATH` when @db_path is given */
static GPtrArray *
build_argv (const char         *db_path,
            const char * const *args)
{
  const char *binary = g_getenv ("LUMENCTL");
  GPtrArray *argv = g_ptr_array_new ();

  g_assert_nonnull (binary);
  g_assert_true (g_file_test (binary, G_FILE_TEST_IS_EXECUTABLE));

  g_ptr_array_add (argv, (char *)binary);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  if (db_path != NULL)
    {
      g_ptr_array_add (argv, (char *)"--db");
      g_ptr_array_add (argv, (char *)db_path);
    }
  g_ptr_array_add (argv, NULL);
  return argv;
}

/**
 * run_argv_input:
 * @env: (nullable): NAME=VALUE pairs to set for this run; VALUE NULL unsets
 * @db_path: (nullable): appended as `--db PATH` after the arguments
 * @input: (nullable): what lumenctl reads on standard input; %NULL for none
 *   (standard input is closed, never the terminal's)
 */
Result *
run_argv_input (const char * const *env,
                const char         *db_path,
                const char * const *args,
                const char         *input)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = build_argv (db_path, args);
  g_autoptr(GError) error = NULL;
  Result *result = g_new0 (Result, 1);

  launcher = launcher_new (env, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                G_SUBPROCESS_FLAGS_STDERR_PIPE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  /* not killed by a signal (a crash or a sanitizer abort) */
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);
  if (result->status != 0 || *result->err != '\0')
    {
      g_autofree char *joined = g_strjoinv (" ", (char **)argv->pdata + 1);
      g_test_message ("lumenctl %s → %d: %s", joined, result->status, result->err);
    }
  return result;
}

Result *
run_argv (const char * const *env,
          const char         *db_path,
          const char * const *args)
{
  return run_argv_input (env, db_path, args, NULL);
}

/* A lumenctl left running by a failed assertion ends with the test. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/**
 * spawn_lumenctl:
 *
 * Starts `lumenctl ARGS… --db $db` that keeps running (sandbox, sync
 * --watch, integration connect); its stdout is read line by line with
 * read_output_line(), its stderr goes to the test's log.
 */
/* As spawn_lumenctl(), with standard input left open for the test to
 * write to (a pasted address). */
GSubprocess *
spawn_lumenctl_input (const char         *db_path,
                      const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = launcher_new (NULL, G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = build_argv (db_path, args);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

GSubprocess *
spawn_lumenctl (const char         *db_path,
                const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = launcher_new (NULL, G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GPtrArray) argv = build_argv (db_path, args);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);
  g_output_stream_close (g_subprocess_get_stdin_pipe (process), NULL, NULL);
  return process;
}

typedef struct
{
  GAsyncResult *result;
  gboolean      timed_out;
} LineWait;

static void
on_line_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LineWait *wait = user_data;

  wait->result = g_object_ref (result);
}

static gboolean
on_line_timeout_cb (gpointer user_data)
{
  LineWait *wait = user_data;

  wait->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* The next line of a spawned lumenctl's stdout (a GDataInputStream on
 * g_subprocess_get_stdout_pipe()) without its end; %NULL at its end. A
 * line that does not come within @timeout_s seconds fails the test. */
char *
read_output_line (GDataInputStream *stream,
                  guint             timeout_s)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  LineWait wait = { NULL, FALSE };
  guint timeout_id = g_timeout_add_seconds (timeout_s, on_line_timeout_cb, &wait);
  char *line;

  g_data_input_stream_read_line_async (stream, G_PRIORITY_DEFAULT, cancellable, on_line_read_cb, &wait);
  while (wait.result == NULL && !wait.timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (wait.result == NULL)
    {
      g_cancellable_cancel (cancellable);
      while (wait.result == NULL)
        g_main_context_iteration (NULL, TRUE);
    }
  else
    g_source_remove (timeout_id);
  g_assert_false (wait.timed_out);

  line = g_data_input_stream_read_line_finish_utf8 (stream, wait.result, NULL, &error);
  g_object_unref (wait.result);
  g_assert_no_error (error);
  return line;
}

/* Ends a lumenctl started with spawn_lumenctl() with @signal_number and
 * checks that it stopped cleanly. */
void
stop_lumenctl (GSubprocess *process,
               int          signal_number)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (process, signal_number);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

/* Tests that store secrets need the Secret Service of a D-Bus session
 * (.ci/session starts one with an unlocked keyring). */
gboolean
keyring_available (void)
{
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL)
    return TRUE;
  g_test_skip ("No D-Bus session bus, so no Secret Service for the integrations’ secrets: "
               "run the tests under .ci/session");
  return FALSE;
}

static Result *
run_valist (Fixture    *f,
            const char *first,
            va_list     ap)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *)arg);
  g_ptr_array_add (args, NULL);
  return run_argv (NULL, f->db_path, (const char * const *)args->pdata);
}

/* `lumenctl ARGS… --db $db` */
Result *
run (Fixture    *f,
     const char *first,
     ...)
{
  Result *result;
  va_list ap;

  va_start (ap, first);
  result = run_valist (f, first, ap);
  va_end (ap);
  return result;
}

JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (json_parser_get_root (parser));
  return json_node_copy (json_parser_get_root (parser));
}

/* `lumenctl ARGS… --db $db` with @input on standard input */
Result *
run_input (Fixture    *f,
           const char *input,
           const char *first,
           ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *)arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return run_argv_input (NULL, f->db_path, (const char * const *)args->pdata, input);
}

/* Runs a command that must succeed quietly and returns its stdout. */
char *
run_ok (Fixture    *f,
        const char *first,
        ...)
{
  g_autoptr(Result) result = NULL;
  va_list ap;

  va_start (ap, first);
  result = run_valist (f, first, ap);
  va_end (ap);

  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);
  return g_steal_pointer (&result->out);
}

static JsonNode *
run_json_valist (Fixture    *f,
                 const char *input,
                 const char *first,
                 va_list     ap)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(Result) result = NULL;

  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *)arg);
  g_ptr_array_add (args, (char *)"--json");
  g_ptr_array_add (args, NULL);

  result = run_argv_input (NULL, f->db_path, (const char * const *)args->pdata, input);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);
  g_assert_true (g_str_has_suffix (result->out, "\n"));
  return parse_json (result->out);
}

/* Runs a command with --json that must succeed and returns its output. */
JsonNode *
run_json (Fixture    *f,
          const char *first,
          ...)
{
  JsonNode *node;
  va_list ap;

  va_start (ap, first);
  node = run_json_valist (f, NULL, first, ap);
  va_end (ap);
  return node;
}

/* run_json() with @input on standard input */
JsonNode *
run_json_input (Fixture    *f,
                const char *input,
                const char *first,
                ...)
{
  JsonNode *node;
  va_list ap;

  va_start (ap, first);
  node = run_json_valist (f, input, first, ap);
  va_end (ap);
  return node;
}

/* -- comparing JSON ------------------------------------------------------ */

static const char *
node_kind (JsonNode *node)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return "null";
  if (JSON_NODE_HOLDS_OBJECT (node))
    return "object";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "array";
  return g_type_name (json_node_get_value_type (node));
}

/* Same structure, same keys (none missing, none extra), same types, same
 * values; the path of the first difference is in the failure message. */
void
assert_node_equal (const char *path,
                   JsonNode   *expected,
                   JsonNode   *actual)
{
  g_autofree char *where = NULL;

  if (g_strcmp0 (node_kind (expected), node_kind (actual)) != 0)
    {
      where = g_strdup_printf ("%s: expected a %s, got a %s", path, node_kind (expected), node_kind (actual));
      g_assert_cmpstr (where, ==, "");
    }

  if (JSON_NODE_HOLDS_OBJECT (expected))
    {
      JsonObject *e = json_node_get_object (expected);
      JsonObject *a = json_node_get_object (actual);
      g_autoptr(GList) e_keys = json_object_get_members (e);
      g_autoptr(GList) a_keys = json_object_get_members (a);

      for (GList *l = a_keys; l != NULL; l = l->next)
        if (!json_object_has_member (e, l->data))
          {
            where = g_strdup_printf ("%s: unexpected key “%s”", path, (const char *)l->data);
            g_assert_cmpstr (where, ==, "");
          }
      for (GList *l = e_keys; l != NULL; l = l->next)
        {
          g_autofree char *child = g_strdup_printf ("%s.%s", path, (const char *)l->data);

          if (!json_object_has_member (a, l->data))
            {
              where = g_strdup_printf ("%s: missing", child);
              g_assert_cmpstr (where, ==, "");
            }
          assert_node_equal (child, json_object_get_member (e, l->data), json_object_get_member (a, l->data));
        }
      g_assert_cmpuint (g_list_length (a_keys), ==, g_list_length (e_keys));
    }
  else if (JSON_NODE_HOLDS_ARRAY (expected))
    {
      JsonArray *e = json_node_get_array (expected);
      JsonArray *a = json_node_get_array (actual);

      if (json_array_get_length (e) != json_array_get_length (a))
        {
          g_autofree char *e_text = json_to_string (expected, FALSE);
          g_autofree char *a_text = json_to_string (actual, FALSE);

          where = g_strdup_printf ("%s: %s", path, a_text);
          g_assert_cmpstr (where, ==, e_text);
        }
      for (guint i = 0; i < json_array_get_length (e); i++)
        {
          g_autofree char *child = g_strdup_printf ("%s[%u]", path, i);
          assert_node_equal (child, json_array_get_element (e, i), json_array_get_element (a, i));
        }
    }
  else if (!JSON_NODE_HOLDS_NULL (expected))
    {
      g_autofree char *e_text = json_to_string (expected, FALSE);
      g_autofree char *a_text = json_to_string (actual, FALSE);
      g_autofree char *e_line = g_strdup_printf ("%s = %s", path, e_text);
      g_autofree char *a_line = g_strdup_printf ("%s = %s", path, a_text);

      g_assert_cmpstr (a_line, ==, e_line);
    }
}

void
assert_json (JsonNode   *actual,
             const char *expected_text)
{
  g_autoptr(JsonNode) expected = parse_json (expected_text);
  assert_node_equal ("$", expected, actual);
}

/* -- the database as it is on disk --------------------------------------- */

/* The schema, the user_version and every row of every table, NULL told
 * apart from text, read through a read-only connection (WAL included). */
char *
dump_database (const char *path)
{
  g_autoptr(GString) dump = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(LumDb) db = lum_db_open_read_only (path, &error);
  LumStmt *stmt = NULL;

  g_assert_no_error (error);
  g_string_append_printf (dump, "user_version %d\n", lum_db_get_schema_version (db));

  if (g_str_has_prefix (path, "postgres"))
    stmt = lum_db_prepare (db, "SELECT 'table', table_name, '' FROM information_schema.tables"
                           " WHERE table_schema = current_schema () ORDER BY 2", &error);
  else
    stmt = lum_db_prepare (db, "SELECT type, name, sql FROM sqlite_master ORDER BY type, name", &error);
  g_assert_no_error (error);
  while (lum_stmt_step (stmt, NULL) == LUM_STMT_ROW)
    {
      const char *type = lum_stmt_column_text (stmt, 0);
      const char *name = lum_stmt_column_text (stmt, 1);

      g_string_append_printf (dump, "%s %s: %s\n", type, name, lum_stmt_column_text (stmt, 2));
      if (g_str_equal (type, "table") && !g_str_has_prefix (name, "sqlite_"))
        g_ptr_array_add (tables, g_strdup (name));
    }
  lum_stmt_reset (stmt);
  g_assert_cmpuint (tables->len, >=, 9);

  for (guint t = 0; t < tables->len; t++)
    {
      g_autofree char *sql = g_strdup_printf (g_str_has_prefix (path, "postgres")
                                              ? "SELECT * FROM \"%s\" ORDER BY 1"
                                              : "SELECT * FROM \"%s\" ORDER BY rowid",
                                              (const char *)tables->pdata[t]);

      g_string_append_printf (dump, "## %s\n", (const char *)tables->pdata[t]);
      stmt = lum_db_prepare (db, sql, &error);
      g_assert_no_error (error);
      while (lum_stmt_step (stmt, NULL) == LUM_STMT_ROW)
        {
          for (int c = 0; c < lum_stmt_column_count (stmt); c++)
            {
              if (lum_stmt_column_is_null (stmt, c))
                g_string_append (dump, "NULL|");
              else
                g_string_append_printf (dump, "'%s'|", lum_stmt_column_text (stmt, c));
            }
          g_string_append_c (dump, '\n');
        }
      lum_stmt_reset (stmt);
    }

  return g_string_free (g_steal_pointer (&dump), FALSE);
}

GBytes *
read_file_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

void
assert_one_error_line (const char *err,
                       const char *needle)
{
  g_assert_true (g_str_has_prefix (err, "lumenctl: "));
  g_assert_true (g_str_has_suffix (err, "\n"));
  /* the only newline is the last character */
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
  if (strstr (err, needle) == NULL)
    {
      g_autofree char *message = g_strdup_printf ("“%s” not in: %s", needle, err);
      g_assert_cmpstr (message, ==, "");
    }
}

/**
 * run_unchanged:
 * @args: the arguments, NULL-terminated
 *
 * Runs lumenctl and checks that it left every row and every byte of the
 * database as it was, whatever it printed.
 */
Result *
run_unchanged (Fixture            *f,
               const char * const *args)
{
  return run_unchanged_input (f, args, NULL);
}

/* run_unchanged() with @input on standard input */
Result *
run_unchanged_input (Fixture            *f,
                     const char * const *args,
                     const char         *input)
{
  /* a server's bytes are its own: there the rows are compared */
  gboolean is_file = !g_str_has_prefix (f->db_path, "postgres");
  g_autofree char *before = dump_database (f->db_path);
  g_autoptr(GBytes) bytes_before = is_file ? read_file_bytes (f->db_path) : NULL;
  g_autofree char *after = NULL;
  g_autoptr(GBytes) bytes_after = NULL;
  Result *result = run_argv_input (NULL, f->db_path, args, input);

  after = dump_database (f->db_path);
  g_assert_cmpstr (after, ==, before);
  if (is_file)
    {
      bytes_after = read_file_bytes (f->db_path);
      g_assert_true (g_bytes_equal (bytes_after, bytes_before));
    }
  return result;
}

/**
 * assert_refused:
 * @status: the exit status expected: 1 for a refused value, 2 for a usage error
 * @needle: what stderr must contain: the offending value
 * @args: the arguments, NULL-terminated
 *
 * Runs lumenctl and checks that it refused and left the database alone.
 */
void
assert_refused (Fixture            *f,
                int                 status,
                const char         *needle,
                const char * const *args)
{
  assert_refused_input (f, status, needle, args, NULL);
}

/* assert_refused() with @input on standard input */
void
assert_refused_input (Fixture            *f,
                      int                 status,
                      const char         *needle,
                      const char * const *args,
                      const char         *input)
{
  g_autoptr(Result) result = run_unchanged_input (f, args, input);

  g_assert_cmpint (result->status, ==, status);
  g_assert_cmpstr (result->out, ==, "");
  /* a failure (1) or a record changed meanwhile (3): one line; a usage error: the help too */
  if (status == 1 || status == 3)
    assert_one_error_line (result->err, needle);
  else
    {
      g_assert_true (g_str_has_prefix (result->err, "lumenctl: "));
      g_assert_nonnull (strstr (result->err, needle));
      g_assert_nonnull (strstr (result->err, "--help"));
    }
}

/* Sanitizer builds: GLib keeps the directories of earlier tests alive on
 * purpose when it isolates the next one (g_set_user_dirs), which LeakSanitizer
 * reports unless it can see that frame; GLib has no frame pointers, so the
 * slow unwinder is needed to see it. lumenctl runs without these. */
const char *__asan_default_options (void);
const char *__lsan_default_suppressions (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

const char *
__lsan_default_suppressions (void)
{
  return "leak:g_set_user_dirs\n";
}


/* -- reading JSON members ---------------------------------------------------- */

/* A string member, %NULL for a JSON null; a missing member fails. */
const char *
json_str (JsonNode   *node,
          const char *name)
{
  JsonObject *object;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  object = json_node_get_object (node);
  if (!json_object_has_member (object, name))
    {
      g_autofree char *message = g_strdup_printf ("no member “%s”", name);
      g_assert_cmpstr (message, ==, "");
    }
  if (json_object_get_null_member (object, name))
    return NULL;
  return json_object_get_string_member (object, name);
}

gint64
json_int (JsonNode   *node,
          const char *name)
{
  JsonNode *member = json_member (node, name);

  g_assert_cmpint (json_node_get_value_type (member), ==, G_TYPE_INT64);
  return json_node_get_int (member);
}

JsonNode *
json_member (JsonNode   *node,
             const char *name)
{
  JsonNode *member;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  member = json_object_get_member (json_node_get_object (node), name);
  if (member == NULL)
    {
      g_autofree char *message = g_strdup_printf ("no member “%s”", name);
      g_assert_cmpstr (message, ==, "");
    }
  return member;
}

JsonNode *
json_element (JsonNode *array,
              guint     index)
{
  g_assert_cmpuint (index, <, json_length (array));
  return json_array_get_element (json_node_get_array (array), index);
}

guint
json_length (JsonNode *array)
{
  g_assert_true (JSON_NODE_HOLDS_ARRAY (array));
  return json_array_get_length (json_node_get_array (array));
}

/* -- the sandbox, run by lumenctl ---------------------------------------------- */

/**
 * sandbox_start:
 *
 * Runs `lumenctl sandbox --port 0 --register --db $db` and reads its
 * address from the first line, then the rest of what it says on starting
 * (kept in @banner).
 */
Sandbox *
sandbox_start (Fixture *f)
{
  const char *args[] = { "sandbox", "--port", "0", "--register", NULL };
  Sandbox *sandbox = g_new0 (Sandbox, 1);
  g_autoptr(GString) banner = g_string_new (NULL);

  sandbox->process = spawn_lumenctl (f->db_path, args);
  sandbox->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sandbox->process));
  sandbox->url = read_output_line (sandbox->out, 60);
  g_assert_nonnull (sandbox->url);
  g_assert_true (g_str_has_prefix (sandbox->url, "http://127.0.0.1:"));
  for (;;)
    {
      g_autofree char *line = read_output_line (sandbox->out, 60);

      g_assert_nonnull (line);
      g_string_append_printf (banner, "%s\n", line);
      if (g_str_has_prefix (line, "The sandbox runs until interrupted"))
        break;
    }
  sandbox->banner = g_string_free (g_steal_pointer (&banner), FALSE);
  return sandbox;
}

/* Interrupts the sandbox, which must end cleanly. */
void
sandbox_stop (Sandbox *sandbox)
{
  if (sandbox->process != NULL)
    stop_lumenctl (sandbox->process, SIGINT);
  g_clear_object (&sandbox->process);
  g_clear_object (&sandbox->out);
}

void
sandbox_free (Sandbox *sandbox)
{
  if (sandbox->process != NULL)
    g_subprocess_force_exit (sandbox->process);
  g_clear_object (&sandbox->process);
  g_clear_object (&sandbox->out);
  g_free (sandbox->url);
  g_free (sandbox->banner);
  g_free (sandbox);
}

/* "http://127.0.0.1:PORT/shipstation" */
char *
sandbox_url (Sandbox    *sandbox,
             const char *service)
{
  return g_strdup_printf ("%s/%s", sandbox->url, service);
}

/**
 * http_request:
 * @body: (nullable): a JSON body
 * @status: (out): the HTTP status
 *
 * One request with libsoup, redirects followed; returns the body.
 */
char *
http_request (const char *method,
              const char *url,
              const char *body,
              guint      *status)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (message);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }
  answer = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (message);
  return g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
}

/* A control endpoint of the sandbox (`POST /_sandbox/shipstation/ship`),
 * which must answer 200 with JSON. */
JsonNode *
sandbox_control (Sandbox    *sandbox,
                 const char *method,
                 const char *path,
                 const char *body)
{
  g_autofree char *url = g_strdup_printf ("%s/_sandbox%s", sandbox->url, path);
  guint status = 0;
  g_autofree char *answer = http_request (method, url, body, &status);

  g_test_message ("%s %s → %u", method, path, status);
  g_assert_cmpuint (status, ==, 200);
  return parse_json (answer);
}

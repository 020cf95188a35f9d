/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * Driving lumenctl as a user drives it: the built binary ($LUMENCTL) in a
 * subprocess, each test on its own database in its private directories
 * (G_TEST_OPTION_ISOLATE_DIRS). A refused command must exit 1 with one
 * line on stderr naming the value, and leave every row of every table and
 * every byte of the file as it was.
 */
#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *db_path;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

void      result_free           (Result             *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Result, result_free)

void      fixture_set_up        (Fixture            *f,
                                 gconstpointer       data);
void      fixture_tear_down     (Fixture            *f,
                                 gconstpointer       data);

Result   *run_argv              (const char * const *env,
                                 const char         *db_path,
                                 const char * const *args);
Result   *run                   (Fixture            *f,
                                 const char         *first,
                                 ...) G_GNUC_NULL_TERMINATED;
char     *run_ok                (Fixture            *f,
                                 const char         *first,
                                 ...) G_GNUC_NULL_TERMINATED;
JsonNode *run_json              (Fixture            *f,
                                 const char         *first,
                                 ...) G_GNUC_NULL_TERMINATED;

JsonNode *parse_json            (const char         *text);
void      assert_node_equal     (const char         *path,
                                 JsonNode           *expected,
                                 JsonNode           *actual);
void      assert_json           (JsonNode           *actual,
                                 const char         *expected_text);

char     *dump_database         (const char         *path);
GBytes   *read_file_bytes       (const char         *path);
void      assert_one_error_line (const char         *err,
                                 const char         *needle);
void      assert_refused        (Fixture            *f,
                                 int                 status,
                                 const char         *needle,
                                 const char * const *args);
Result   *run_unchanged         (Fixture            *f,
                                 const char * const *args);

G_END_DECLS

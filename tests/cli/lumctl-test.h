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
#include <libsoup/soup.h>

#include "store/lum-db.h"

G_BEGIN_DECLS

typedef struct
{
  char *db_path;
} Fixture;

/* What `integration add` reads on standard input in the set-ups: the
 * secrets of each kind, one a line (QuickBooks without a refresh token). */
#define SHIPSTATION_SECRETS "test-api-key\ntest-api-secret\n"
#define EXTENSIV_SECRETS    "test-3pl-secret\n"
#define QUICKBOOKS_SECRETS  "test-qbo-secret\n\n"

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
Result   *run_argv_input        (const char * const *env,
                                 const char         *db_path,
                                 const char * const *args,
                                 const char         *input);
Result   *run                   (Fixture            *f,
                                 const char         *first,
                                 ...) G_GNUC_NULL_TERMINATED;
Result   *run_input             (Fixture            *f,
                                 const char         *input,
                                 const char         *first,
                                 ...) G_GNUC_NULL_TERMINATED;
char     *run_ok                (Fixture            *f,
                                 const char         *first,
                                 ...) G_GNUC_NULL_TERMINATED;
JsonNode *run_json              (Fixture            *f,
                                 const char         *first,
                                 ...) G_GNUC_NULL_TERMINATED;
JsonNode *run_json_input        (Fixture            *f,
                                 const char         *input,
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
void      assert_refused_input  (Fixture            *f,
                                 int                 status,
                                 const char         *needle,
                                 const char * const *args,
                                 const char         *input);
Result   *run_unchanged         (Fixture            *f,
                                 const char * const *args);
Result   *run_unchanged_input   (Fixture            *f,
                                 const char * const *args,
                                 const char         *input);

/* lumenctl that keeps running: the sandbox, sync --watch, connect */
GSubprocess *spawn_lumenctl     (const char         *db_path,
                                 const char * const *args);
GSubprocess *spawn_lumenctl_input (const char       *db_path,
                                 const char * const *args);
char     *read_output_line      (GDataInputStream   *stream,
                                 guint               timeout_s);
void      stop_lumenctl         (GSubprocess        *process,
                                 int                 signal_number);
gboolean  keyring_available     (void);

/* JSON members; a missing one fails the test */
const char *json_str            (JsonNode           *node,
                                 const char         *name);
gint64    json_int              (JsonNode           *node,
                                 const char         *name);
JsonNode *json_member           (JsonNode           *node,
                                 const char         *name);
JsonNode *json_element          (JsonNode           *array,
                                 guint               index);
guint     json_length           (JsonNode           *array);

/* `lumenctl sandbox --port 0 --register`, and requests to it */
typedef struct
{
  GSubprocess      *process;
  GDataInputStream *out;
  char             *url;
  char             *banner;
} Sandbox;

Sandbox  *sandbox_start         (Fixture            *f);
void      sandbox_stop          (Sandbox            *sandbox);
void      sandbox_free          (Sandbox            *sandbox);
char     *sandbox_url           (Sandbox            *sandbox,
                                 const char         *service);
JsonNode *sandbox_control       (Sandbox            *sandbox,
                                 const char         *method,
                                 const char         *path,
                                 const char         *body);
char     *http_request          (const char         *method,
                                 const char         *url,
                                 const char         *body,
                                 guint              *status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sandbox, sandbox_free)

G_END_DECLS

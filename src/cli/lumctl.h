/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "lum-engine.h"
#include "lum-text.h"

G_BEGIN_DECLS

/* Exit statuses: 1 for a refused value or a failed action (the database is
 * unchanged), 2 for a command line that cannot be understood. */
#define LUMCTL_EXIT_OK      0
#define LUMCTL_EXIT_FAILURE 1
#define LUMCTL_EXIT_USAGE   2
/* the record was saved by someone else since the version the edit expected */
#define LUMCTL_EXIT_CHANGED 3

/* A gboolean option pair such as --internal/--no-internal stores TRUE or
 * FALSE; this value says that neither was given. */
#define LUMCTL_UNSET (-1)

/**
 * LumctlGlobal:
 * @db_path: the database given with --db, or %NULL for $LUMEN_DB or the default
 * @json: print machine-readable JSON on stdout
 * @command_line: "lumenctl channel create", for usage messages
 *
 * The options every command takes.
 */
typedef struct
{
  char     *db_path;
  gboolean  json;
  char     *command_line;
} LumctlGlobal;

/* Runs one command; @args[0] is the command line, the rest its arguments.
 * Returns the exit status. */
typedef int (*LumctlCommandFunc) (LumctlGlobal  *global,
                                  char         **args);

typedef struct
{
  const char        *name;
  const char        *summary;
  LumctlCommandFunc  run;
} LumctlCommand;

/* A group of commands (`lumenctl channel create`), or with @run a command
 * of its own (`lumenctl sync`). */
typedef struct
{
  const char          *name;
  const char          *summary;
  const LumctlCommand *commands;
  LumctlCommandFunc    run;
} LumctlGroup;

extern const LumctlGroup lumctl_channel_group;
extern const LumctlGroup lumctl_integration_group;
extern const LumctlGroup lumctl_warehouse_group_group;
extern const LumctlGroup lumctl_warehouse_group;
extern const LumctlGroup lumctl_invoice_type_group;
extern const LumctlGroup lumctl_customer_group;
extern const LumctlGroup lumctl_product_group;
extern const LumctlGroup lumctl_order_group;
extern const LumctlGroup lumctl_invoice_group;
extern const LumctlGroup lumctl_jobs_group;
extern const LumctlGroup lumctl_events_group;
extern const LumctlGroup lumctl_sync_group;
extern const LumctlGroup lumctl_sandbox_group;
extern const LumctlGroup lumctl_database_group;

/* `warehouse-group members` and `rename`, in lumctl-warehouse.c */
int lumctl_warehouse_group_members (LumctlGlobal  *global,
                                    char         **args);
int lumctl_warehouse_group_rename  (LumctlGlobal  *global,
                                    char         **args);

/* `sandbox ship`, in lumctl-sandbox-ship.c */
int lumctl_sandbox_ship (LumctlGlobal  *global,
                         char         **args);

/* `product stock`, in lumctl-stock.c */
int lumctl_product_stock (LumctlGlobal  *global,
                          char         **args);

/* `channel test`, in lumctl-channel-test.c */
int lumctl_channel_test (LumctlGlobal  *global,
                         char         **args);

/**
 * LumctlError:
 * @LUMCTL_ERROR_VALUE: a value given on the command line is not understood
 * @LUMCTL_ERROR_INPUT: standard input lacks a line the command reads there
 *
 * Errors found by lumenctl itself before the engine sees a value; like the
 * engine's, they end the command with %LUMCTL_EXIT_FAILURE.
 */
typedef enum
{
  LUMCTL_ERROR_VALUE,
  LUMCTL_ERROR_INPUT,
} LumctlError;

#define LUMCTL_ERROR (lumctl_error_quark ())
GQuark lumctl_error_quark (void);

/* Options and arguments */
GOptionContext *lumctl_option_context_new  (LumctlGlobal        *global,
                                            const char          *parameter_string,
                                            const char          *summary,
                                            const GOptionEntry  *entries);
int             lumctl_parse               (LumctlGlobal        *global,
                                            GOptionContext      *context,
                                            char              ***args,
                                            guint                min_args,
                                            guint                max_args);
int             lumctl_usage_error         (LumctlGlobal        *global,
                                            const char          *format,
                                            ...) G_GNUC_PRINTF (2, 3);

/* Output of stored or given text: control characters written out */
void            lumctl_print               (const char          *format,
                                            ...) G_GNUC_PRINTF (1, 2);
void            lumctl_printerr            (const char          *format,
                                            ...) G_GNUC_PRINTF (1, 2);

/* Errors */
int             lumctl_fail                (const GError        *error);
int             lumctl_fail_printf         (const char          *format,
                                            ...) G_GNUC_PRINTF (1, 2);

LumEngine      *lumctl_open_engine         (LumctlGlobal        *global,
                                            GError             **error);

/**
 * LumctlLoop:
 * @cancellable: cancelled by SIGINT or SIGTERM
 * @result: the result lumctl_loop_wait() waited for
 * @interrupted: a signal arrived
 *
 * A main loop for the commands that talk to a service: Ctrl+C cancels what
 * runs instead of killing the process half-way through a write.
 */
typedef struct
{
  GMainLoop     *loop;
  GCancellable  *cancellable;
  GAsyncResult  *result;
  gboolean       interrupted;
  guint          signal_ids[2];
  GSourceFunc    on_signal;
  gpointer       on_signal_data;
} LumctlLoop;

void            lumctl_loop_init           (LumctlLoop          *loop);
void            lumctl_loop_clear          (LumctlLoop          *loop);
void            lumctl_loop_result_cb      (GObject             *source,
                                            GAsyncResult        *result,
                                            gpointer             user_data);
GAsyncResult   *lumctl_loop_wait           (LumctlLoop          *loop);
void            lumctl_loop_run            (LumctlLoop          *loop);
void            lumctl_loop_quit           (LumctlLoop          *loop);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LumctlLoop, lumctl_loop_clear)

/* Secrets from standard input, one a line, never from the command line. */
typedef struct
{
  const char *name;     /* LUM_SECRET_* */
  const char *label;    /* "API key", marked N_() */
  gboolean    optional; /* an empty or missing line is allowed */
} LumctlSecretSpec;

GHashTable     *lumctl_read_secrets        (const LumctlSecretSpec *specs,
                                            guint                   n_specs,
                                            GError                **error);

/* Values */
gboolean        lumctl_parse_count         (const char          *label,
                                            const char          *text,
                                            guint                min,
                                            guint                max,
                                            guint               *value,
                                            GError             **error);
gboolean        lumctl_check_choice        (const char          *label,
                                            const char          *value,
                                            const char * const  *choices,
                                            GError             **error);
char           *lumctl_read_input          (const char          *path,
                                            gsize               *length,
                                            GError             **error);

/* The parts of an address, in the order of the ship_* fields of customers
 * and documents; a part may be %NULL. */
typedef enum
{
  LUMCTL_ADDRESS_NAME,
  LUMCTL_ADDRESS_COMPANY,
  LUMCTL_ADDRESS_STREET1,
  LUMCTL_ADDRESS_STREET2,
  LUMCTL_ADDRESS_CITY,
  LUMCTL_ADDRESS_STATE,
  LUMCTL_ADDRESS_POSTAL_CODE,
  LUMCTL_ADDRESS_COUNTRY,
  LUMCTL_ADDRESS_PHONE,
  LUMCTL_ADDRESS_N_PARTS
} LumctlAddressPart;

/* Output */
char           *lumctl_dup_address         (const char * const  *parts);
void            lumctl_print_json          (JsonNode            *node);
void            lumctl_print_json_array    (GPtrArray           *nodes);
const char     *lumctl_yes_no              (gboolean             value);

typedef struct _LumctlTable LumctlTable;

LumctlTable    *lumctl_table_new           (guint                n_columns,
                                            ...);
void            lumctl_table_add_row       (LumctlTable         *table,
                                            ...);
void            lumctl_table_print         (LumctlTable         *table);
void            lumctl_table_free          (LumctlTable         *table);

typedef struct _LumctlFields LumctlFields;

LumctlFields   *lumctl_fields_new          (void);
void            lumctl_fields_add          (LumctlFields        *fields,
                                            const char          *label,
                                            const char          *value);
void            lumctl_fields_add_nonempty (LumctlFields        *fields,
                                            const char          *label,
                                            const char          *value);
void            lumctl_fields_print        (LumctlFields        *fields);
void            lumctl_fields_free         (LumctlFields        *fields);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LumctlTable, lumctl_table_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LumctlFields, lumctl_fields_free)

G_END_DECLS

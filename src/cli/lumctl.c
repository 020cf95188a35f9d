/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "lumctl.h"
#include "lum-util.h"
#include "store/lum-store-version.h"

static const LumctlGroup *groups[] = {
  &lumctl_channel_group,
  &lumctl_integration_group,
  &lumctl_warehouse_group_group,
  &lumctl_warehouse_group,
  &lumctl_invoice_type_group,
  &lumctl_customer_group,
  &lumctl_product_group,
  &lumctl_order_group,
  &lumctl_invoice_group,
  &lumctl_jobs_group,
  &lumctl_events_group,
  &lumctl_sync_group,
  &lumctl_sandbox_group,
  &lumctl_database_group,
};

G_DEFINE_QUARK (lumctl-error-quark, lumctl_error)

/* -- options ------------------------------------------------------------- */

static gboolean
on_db_option_cb (const char  *option_name,
                 const char  *value,
                 gpointer     user_data,
                 GError     **error)
{
  LumctlGlobal *global = user_data;

  if (*value == '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Database path for %s is empty"), option_name);
      return FALSE;
    }
  g_free (global->db_path);
  global->db_path = g_strdup (value);
  return TRUE;
}

/* The command's own options first in --help, then the global ones. */
static GOptionGroup *
main_option_group_new (LumctlGlobal       *global,
                       const GOptionEntry *entries)
{
  const GOptionEntry global_entries[] = {
    { "db", 0, G_OPTION_FLAG_FILENAME, G_OPTION_ARG_CALLBACK, (gpointer)on_db_option_cb,
      N_("Use the database at PATH instead of $LUMEN_DB or the application’s database"), N_("PATH") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &global->json,
      N_("Print machine-readable JSON on standard output"), NULL },
    G_OPTION_ENTRY_NULL
  };
  GOptionGroup *group = g_option_group_new (NULL, NULL, NULL, global, NULL);

  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_group_add_entries (group, entries);
  g_option_group_add_entries (group, global_entries);
  return group;
}

/**
 * lumctl_option_context_new:
 * @parameter_string: the positional arguments as --help shows them ("NAME")
 * @summary: (nullable): one sentence on what the command does, marked N_()
 * @entries: (nullable): the command's own options
 *
 * A context whose main group holds @entries and the global options, so
 * that --db and --json are accepted anywhere after the command.
 */
GOptionContext *
lumctl_option_context_new (LumctlGlobal       *global,
                           const char         *parameter_string,
                           const char         *summary,
                           const GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameter_string);
  GOptionGroup *group = main_option_group_new (global, entries);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_main_group (context, group);
  if (summary != NULL)
    g_option_context_set_summary (context, summary);
  return context;
}

/**
 * lumctl_parse:
 * @args: (inout): the command's arguments; on success the positional ones
 *   remain after @args[0]
 *
 * Parses options and checks the number of positional arguments.
 * Returns: %LUMCTL_EXIT_OK, or %LUMCTL_EXIT_USAGE after a usage message.
 */
int
lumctl_parse (LumctlGlobal     *global,
              GOptionContext   *context,
              char           ***args,
              guint             min_args,
              guint             max_args)
{
  g_autoptr(GError) error = NULL;
  guint n_args;

  if (!g_option_context_parse_strv (context, args, &error))
    return lumctl_usage_error (global, "%s", error->message);

  n_args = g_strv_length (*args) - 1;
  if (n_args < min_args)
    return lumctl_usage_error (global, _("Missing argument"));
  if (n_args > max_args)
    return lumctl_usage_error (global, _("Unexpected argument “%s”"), (*args)[max_args + 1]);
  return LUMCTL_EXIT_OK;
}

int
lumctl_usage_error (LumctlGlobal *global,
                    const char   *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  lumctl_printerr ("lumenctl: %s\n", message);
  g_printerr (_("Try “%s --help” for more information."), global->command_line);
  g_printerr ("\n");
  return LUMCTL_EXIT_USAGE;
}

/* -- errors -------------------------------------------------------------- */

static void
print_error_line (const char *message)
{
  g_autofree char *line = g_strdup (message);
  g_autofree char *escaped = NULL;

  /* One line, so that scripts can read it with `read`, and no control
   * character of a value quoted in it reaches the terminal. */
  g_strdelimit (line, "\r\n", ' ');
  escaped = lum_text_escape (line, LUM_TEXT_ONE_LINE);
  g_printerr ("lumenctl: %s\n", escaped);
}

/**
 * lumctl_print:
 *
 * g_print() for every line that holds stored or given text: the control
 * characters of the values are written out ("\x1b"), so that a name
 * imported from a file cannot drive the terminal. Line breaks and tabs
 * stay.
 */
void
lumctl_print (const char *format,
              ...)
{
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  escaped = lum_text_escape (text, LUM_TEXT_MULTI_LINE);
  g_print ("%s", escaped);
}

/* lumctl_print() on standard error. */
void
lumctl_printerr (const char *format,
                 ...)
{
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  escaped = lum_text_escape (text, LUM_TEXT_MULTI_LINE);
  g_printerr ("%s", escaped);
}

int
lumctl_fail (const GError *error)
{
  if (g_error_matches (error, LUM_STORE_ERROR, LUM_STORE_ERROR_CHANGED))
    {
      /* Translators: after “X was changed by Ana on …, after you opened it” */
      g_autofree char *message = g_strdup_printf (_("%s. Nothing was saved: show it again and repeat the edit "
                                                    "(with --expect-version, the version shown)"),
                                                  error->message);
      print_error_line (message);
      return LUMCTL_EXIT_CHANGED;
    }
  print_error_line (error->message);
  return LUMCTL_EXIT_FAILURE;
}

int
lumctl_fail_printf (const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  print_error_line (message);
  return LUMCTL_EXIT_FAILURE;
}

static void
on_waiting_cb (LumDb    *db,
               gpointer  user_data)
{
  g_printerr (_("Waiting for another Lumen process to finish writing to “%s”…\n"), lum_db_get_path (db));
}

/* A command that writes while another process holds the write lock (a
 * long import) waits for it, saying so, rather than failing after seconds;
 * one that only reads never waits. */
#define LUMCTL_WAIT_MS (10 * 60 * 1000)

LumEngine *
lumctl_open_engine (LumctlGlobal  *global,
                    GError       **error)
{
  LumEngine *engine = lum_engine_new_waiting (global->db_path, LUMCTL_WAIT_MS, on_waiting_cb, NULL, error);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source != NULL ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

  /* Who: the name the desk's window goes by (Preferences), else the system user */
  if (engine != NULL && schema != NULL && g_settings_schema_has_key (schema, "display-name"))
    {
      g_autoptr(GSettings) settings = g_settings_new_full (schema, NULL, NULL);
      g_autofree char *name = g_settings_get_string (settings, "display-name");

      lum_engine_set_actor_name (engine, name);
    }
  return engine;
}

/* -- values -------------------------------------------------------------- */

/**
 * lumctl_parse_count:
 * @label: what the value is, for the message ("Limit")
 *
 * Parses a whole number from @min to @max written in decimal digits.
 */
gboolean
lumctl_parse_count (const char  *label,
                    const char  *text,
                    guint        min,
                    guint        max,
                    guint       *value,
                    GError     **error)
{
  guint64 parsed;

  if (!g_ascii_string_to_unsigned (text, 10, min, max, &parsed, NULL))
    {
      g_autofree char *shown = lum_text_shown (text);
      g_set_error (error, LUMCTL_ERROR, LUMCTL_ERROR_VALUE,
                   _("%s “%s” is not a whole number from %u to %u"), label, shown, min, max);
      return FALSE;
    }
  *value = (guint)parsed;
  return TRUE;
}

/**
 * lumctl_check_choice:
 * @value: (nullable): an option's value; %NULL (not given) passes
 * @choices: the values it may take
 */
gboolean
lumctl_check_choice (const char          *label,
                     const char          *value,
                     const char * const  *choices,
                     GError             **error)
{
  g_autofree char *joined = NULL;

  if (value == NULL || g_strv_contains (choices, value))
    return TRUE;
  joined = g_strjoinv (", ", (char **)choices);
  {
    g_autofree char *shown = lum_text_shown (value);
    g_set_error (error, LUMCTL_ERROR, LUMCTL_ERROR_VALUE,
                 _("%s “%s” is not one of: %s"), label, shown, joined);
  }
  return FALSE;
}

/**
 * lumctl_read_input:
 * @path: a file, or “-” for standard input
 *
 * Reads a whole file; the messages name the file.
 */
char *
lumctl_read_input (const char  *path,
                   gsize       *length,
                   GError     **error)
{
  char *contents = NULL;

  if (g_str_equal (path, "-"))
    {
      g_autoptr(GString) text = g_string_new (NULL);
      char buffer[8192];
      size_t n;

      while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
        g_string_append_len (text, buffer, n);
      if (ferror (stdin))
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO,
                       _("Standard input could not be read: %s"), g_strerror (errno));
          return NULL;
        }
      *length = text->len;
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  if (!g_file_get_contents (path, &contents, length, error))
    return NULL;
  return contents;
}

/* -- output -------------------------------------------------------------- */

/* JSON is UTF-8 whatever the locale, so it bypasses g_print's conversion. */
void
lumctl_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
}

/* @nodes: (element-type JsonNode): printed as one array, "[]" for none */
void
lumctl_print_json_array (GPtrArray *nodes)
{
  g_autoptr(JsonArray) array = json_array_sized_new (nodes->len);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < nodes->len; i++)
    json_array_add_element (array, json_node_ref (g_ptr_array_index (nodes, i)));
  json_node_set_array (node, array);
  lumctl_print_json (node);
}

const char *
lumctl_yes_no (gboolean value)
{
  return value ? _("yes") : _("no");
}

/* Columns on a terminal: wide characters take two, combining marks none. */
static guint
text_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

static void
print_padded (GString    *out,
              const char *text,
              guint       width)
{
  g_string_append (out, text);
  for (guint w = text_width (text); w < width; w++)
    g_string_append_c (out, ' ');
}

struct _LumctlTable
{
  guint      n_columns;
  GPtrArray *rows; /* of GStrv, the first the headers */
};

static char **
collect_row (guint   n_columns,
             va_list args)
{
  char **row = g_new0 (char *, n_columns + 1);

  for (guint i = 0; i < n_columns; i++)
    {
      const char *cell = va_arg (args, const char *);
      g_autofree char *flat = g_strdup (cell ? cell : "");

      /* one line a row; what else is a control character is written out */
      g_strdelimit (flat, "\t\r\n", ' ');
      row[i] = lum_text_escape (flat, LUM_TEXT_ONE_LINE);
    }
  return row;
}

/**
 * lumctl_table_new:
 * @n_columns: how many header strings follow
 *
 * A table printed with aligned columns; every row gives @n_columns cells.
 */
LumctlTable *
lumctl_table_new (guint n_columns,
                  ...)
{
  LumctlTable *table = g_new0 (LumctlTable, 1);
  va_list args;

  table->n_columns = n_columns;
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  va_start (args, n_columns);
  g_ptr_array_add (table->rows, collect_row (n_columns, args));
  va_end (args);
  return table;
}

void
lumctl_table_add_row (LumctlTable *table,
                      ...)
{
  va_list args;

  va_start (args, table);
  g_ptr_array_add (table->rows, collect_row (table->n_columns, args));
  va_end (args);
}

void
lumctl_table_print (LumctlTable *table)
{
  g_autofree guint *widths = g_new0 (guint, table->n_columns);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint r = 0; r < table->rows->len; r++)
    {
      char **row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < table->n_columns; c++)
        widths[c] = MAX (widths[c], text_width (row[c]));
    }

  for (guint r = 0; r < table->rows->len; r++)
    {
      char **row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < table->n_columns; c++)
        {
          if (c + 1 == table->n_columns)
            g_string_append (out, row[c]);
          else
            {
              print_padded (out, row[c], widths[c]);
              g_string_append (out, "  ");
            }
        }
      /* no trailing blanks when the last cells are empty */
      while (out->len > 0 && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
      g_string_append_c (out, '\n');
    }
  g_print ("%s", out->str);
}

void
lumctl_table_free (LumctlTable *table)
{
  g_ptr_array_unref (table->rows);
  g_free (table);
}

struct _LumctlFields
{
  GPtrArray *labels;
  GPtrArray *values;
};

LumctlFields *
lumctl_fields_new (void)
{
  LumctlFields *fields = g_new0 (LumctlFields, 1);

  fields->labels = g_ptr_array_new_with_free_func (g_free);
  fields->values = g_ptr_array_new_with_free_func (g_free);
  return fields;
}

/**
 * lumctl_fields_add:
 * @value: (nullable): may hold several lines, printed one under the other
 */
void
lumctl_fields_add (LumctlFields *fields,
                   const char   *label,
                   const char   *value)
{
  g_ptr_array_add (fields->labels, g_strdup_printf (_("%s:"), label));
  /* several lines stay several lines; every other control character is written out */
  g_ptr_array_add (fields->values, lum_text_escape (value, LUM_TEXT_MULTI_LINE));
}

/* A field only when it has a value: a long record stays readable. */
void
lumctl_fields_add_nonempty (LumctlFields *fields,
                            const char   *label,
                            const char   *value)
{
  if (value != NULL && *value != '\0')
    lumctl_fields_add (fields, label, value);
}

/**
 * lumctl_dup_address:
 * @parts: %LUMCTL_ADDRESS_N_PARTS strings, each may be %NULL or empty
 *
 * An address as it is written on a label, one line a part, city, state and
 * postal code on one line; "" when every part is empty.
 */
char *
lumctl_dup_address (const char * const *parts)
{
  g_autoptr(GStrvBuilder) lines = g_strv_builder_new ();
  g_autoptr(GString) region = g_string_new (NULL);
  g_autoptr(GString) city = g_string_new (NULL);
  g_auto(GStrv) joined = NULL;
  const LumctlAddressPart before[] = { LUMCTL_ADDRESS_NAME, LUMCTL_ADDRESS_COMPANY,
                                       LUMCTL_ADDRESS_STREET1, LUMCTL_ADDRESS_STREET2 };
  const LumctlAddressPart after[] = { LUMCTL_ADDRESS_COUNTRY, LUMCTL_ADDRESS_PHONE };

  for (guint i = 0; i < G_N_ELEMENTS (before); i++)
    if (!lum_str_empty (parts[before[i]]))
      g_strv_builder_add (lines, parts[before[i]]);

  /* "Springfield, IL 62704" */
  if (!lum_str_empty (parts[LUMCTL_ADDRESS_STATE]))
    g_string_append (region, parts[LUMCTL_ADDRESS_STATE]);
  if (!lum_str_empty (parts[LUMCTL_ADDRESS_POSTAL_CODE]))
    g_string_append_printf (region, "%s%s", region->len > 0 ? " " : "", parts[LUMCTL_ADDRESS_POSTAL_CODE]);
  if (!lum_str_empty (parts[LUMCTL_ADDRESS_CITY]))
    g_string_append (city, parts[LUMCTL_ADDRESS_CITY]);
  if (region->len > 0)
    g_string_append_printf (city, "%s%s", city->len > 0 ? ", " : "", region->str);
  if (city->len > 0)
    g_strv_builder_add (lines, city->str);

  for (guint i = 0; i < G_N_ELEMENTS (after); i++)
    if (!lum_str_empty (parts[after[i]]))
      g_strv_builder_add (lines, parts[after[i]]);

  joined = g_strv_builder_end (lines);
  return g_strjoinv ("\n", joined);
}

/* "Label:   value" lines, the values in one column. */
void
lumctl_fields_print (LumctlFields *fields)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint width = 0;

  for (guint i = 0; i < fields->labels->len; i++)
    width = MAX (width, text_width (g_ptr_array_index (fields->labels, i)));

  for (guint i = 0; i < fields->labels->len; i++)
    {
      const char *label = g_ptr_array_index (fields->labels, i);
      const char *value = g_ptr_array_index (fields->values, i);
      g_auto(GStrv) lines = g_strsplit (value, "\n", -1);

      g_string_append (out, label);
      for (guint l = 0; lines[l] != NULL; l++)
        {
          print_padded (out, "", (l == 0 ? width - text_width (label) : width) + 2);
          g_string_append (out, lines[l]);
          g_string_append_c (out, '\n');
        }
      if (lines[0] == NULL)
        g_string_append_c (out, '\n');
    }
  g_print ("%s", out->str);
}

void
lumctl_fields_free (LumctlFields *fields)
{
  g_ptr_array_unref (fields->labels);
  g_ptr_array_unref (fields->values);
  g_free (fields);
}

/* -- commands ------------------------------------------------------------ */

static char *
dup_commands_text (void)
{
  GString *text = g_string_new (_("Commands:"));
  guint width = 0;

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    width = MAX (width, text_width (groups[i]->name));

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (const LumctlCommand *c = groups[i]->commands; c != NULL && c->name != NULL; c++)
        g_string_append_printf (names, "%s%s", names->len > 0 ? "|" : "", c->name);
      /* "channel  create|list|…  summary", "sync  summary" */
      if (names->len > 0)
        g_string_append (names, "  ");
      g_string_append (text, "\n  ");
      print_padded (text, groups[i]->name, width + 2);
      g_string_append_printf (text, "%s%s", names->str, _(groups[i]->summary));
    }
  g_string_append (text, "\n\n");
  g_string_append (text, _("Run “lumenctl GROUP COMMAND --help” for the options of a command."));
  return g_string_free (text, FALSE);
}

static char *
dup_group_help (const LumctlGroup *group)
{
  GString *text = g_string_new (NULL);
  guint width = 0;

  g_string_append_printf (text, _("Usage:\n  lumenctl %s COMMAND [OPTION…]\n\n%s\n\nCommands:"),
                          group->name, _(group->summary));
  for (const LumctlCommand *c = group->commands; c->name != NULL; c++)
    width = MAX (width, text_width (c->name));
  for (const LumctlCommand *c = group->commands; c->name != NULL; c++)
    {
      g_string_append (text, "\n  ");
      print_padded (text, c->name, width + 2);
      g_string_append (text, _(c->summary));
    }
  g_string_append (text, "\n\n");
  g_string_append_printf (text, _("Run “lumenctl %s COMMAND --help” for the options of a command."),
                          group->name);
  g_string_append_c (text, '\n');
  return g_string_free (text, FALSE);
}

/* The engine's messages ("Could not poll …") are what lumenctl reports in
 * its own words, in the one line of an error or a --watch line: they show
 * only with G_MESSAGES_DEBUG, like debug messages. Warnings stay. */
static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  if (log_level & G_LOG_LEVEL_MESSAGE)
    log_level = (log_level & ~G_LOG_LEVEL_MESSAGE) | G_LOG_LEVEL_DEBUG;
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static const LumctlGroup *
find_group (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (g_str_equal (groups[i]->name, name))
      return groups[i];
  return NULL;
}

static const LumctlCommand *
find_command (const LumctlGroup *group,
              const char        *name)
{
  for (const LumctlCommand *c = group->commands; c->name != NULL; c++)
    if (g_str_equal (c->name, name))
      return c;
  return NULL;
}

static gboolean
is_help (const char *arg)
{
  return g_str_equal (arg, "--help") || g_str_equal (arg, "-h") || g_str_equal (arg, "-?");
}

/* `lumenctl GROUP COMMAND args…` after the global options. */
static int
run_command (LumctlGlobal  *global,
             char         **args)
{
  const LumctlGroup *group = find_group (args[1]);
  const LumctlCommand *command;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) command_args = NULL;

  if (group == NULL)
    return lumctl_usage_error (global, _("Unknown command “%s”"), args[1]);

  if (group->run != NULL)
    {
      /* a command of its own: everything after it is its options */
      g_free (global->command_line);
      global->command_line = g_strdup_printf ("lumenctl %s", group->name);
      g_set_prgname (global->command_line);
      builder = g_strv_builder_new ();
      g_strv_builder_add (builder, global->command_line);
      g_strv_builder_addv (builder, (const char **)&args[2]);
      command_args = g_strv_builder_end (builder);
      return group->run (global, command_args);
    }

  if (args[2] == NULL || args[2][0] == '-')
    {
      g_autofree char *help = dup_group_help (group);

      /* the command comes first: `lumenctl channel --json` is incomplete */
      if (args[2] == NULL || !is_help (args[2]))
        {
          g_printerr ("%s", help);
          return LUMCTL_EXIT_USAGE;
        }
      g_print ("%s", help);
      return LUMCTL_EXIT_OK;
    }

  g_free (global->command_line);
  global->command_line = g_strdup_printf ("lumenctl %s", group->name);
  command = find_command (group, args[2]);
  if (command == NULL)
    return lumctl_usage_error (global, _("Unknown command “%s %s”"), group->name, args[2]);

  g_free (global->command_line);
  global->command_line = g_strdup_printf ("lumenctl %s %s", group->name, command->name);
  /* --help shows "Usage: lumenctl channel create [OPTION…]" */
  g_set_prgname (global->command_line);

  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, global->command_line);
  g_strv_builder_addv (builder, (const char **)&args[3]);
  command_args = g_strv_builder_end (builder);
  return command->run (global, command_args);
}

int
main (int    argc,
      char **argv)
{
  LumctlGlobal global = { NULL, FALSE, NULL };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *commands = NULL;
  g_auto(GStrv) args = NULL;
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    G_OPTION_ENTRY_NULL
  };
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("lumenctl");
  g_log_set_writer_func (log_writer, NULL, NULL);

  global.command_line = g_strdup ("lumenctl");
  args = g_strdupv (argv);

  context = lumctl_option_context_new (&global, N_("GROUP COMMAND [OPTION…]"),
                                       N_("Set up Lumen’s sales channels and run their orders from the command line."),
                                       entries);
  /* Stop at the command: its options are parsed by its own context. */
  g_option_context_set_strict_posix (context, TRUE);
  commands = dup_commands_text ();
  g_option_context_set_description (context, commands);

  if (!g_option_context_parse_strv (context, &args, &error))
    status = lumctl_usage_error (&global, "%s", error->message);
  else if (version)
    {
      g_print ("lumenctl %s\n", PACKAGE_VERSION);
      status = LUMCTL_EXIT_OK;
    }
  else if (args[1] == NULL)
    status = lumctl_usage_error (&global, _("Missing command"));
  else
    status = run_command (&global, args);

  g_free (global.db_path);
  g_free (global.command_line);
  return status;
}

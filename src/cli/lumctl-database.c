/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "lumctl.h"
#include "lum-engine.h"
#include "store/lum-db-copy.h"
#include "store/lum-db-server.h"

/*
 * `lumenctl database copy --to URL`: a desk's database moved to a server,
 * or back to a file. Addresses are shown as lum-db names them, without a
 * password.
 */

static void
print_report (LumDb           *source,
              LumDb           *target,
              LumDbCopyReport *report)
{
  g_autoptr(LumctlTable) table = lumctl_table_new (3, _("TABLE"), _("SOURCE"), _("TARGET"));
  g_autofree char *source_orders = g_strdup_printf ("%" G_GINT64_FORMAT, report->source_order_cents);
  g_autofree char *target_orders = g_strdup_printf ("%" G_GINT64_FORMAT, report->target_order_cents);
  g_autofree char *source_invoices = g_strdup_printf ("%" G_GINT64_FORMAT, report->source_invoice_cents);
  g_autofree char *target_invoices = g_strdup_printf ("%" G_GINT64_FORMAT, report->target_invoice_cents);

  lumctl_print (_("From: %s\nTo:   %s\n"), lum_db_get_path (source), lum_db_get_path (target));
  for (guint i = 0; i < report->tables->len; i++)
    {
      LumDbCopyTable *row = g_ptr_array_index (report->tables, i);
      g_autofree char *source_rows = g_strdup_printf ("%" G_GINT64_FORMAT, row->source_rows);
      g_autofree char *target_rows = g_strdup_printf ("%" G_GINT64_FORMAT, row->target_rows);

      lumctl_table_add_row (table, row->name, source_rows, target_rows);
    }
  lumctl_table_add_row (table, _("orders’ totals (cents)"), source_orders, target_orders);
  lumctl_table_add_row (table, _("invoices’ totals (cents)"), source_invoices, target_invoices);
  lumctl_table_print (table);
}

static JsonNode *
report_to_json (LumDb           *source,
                LumDb           *target,
                LumDbCopyReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, lum_db_get_path (source));
  json_builder_set_member_name (builder, "target");
  json_builder_add_string_value (builder, lum_db_get_path (target));
  json_builder_set_member_name (builder, "equal");
  json_builder_add_boolean_value (builder, report->equal);
  json_builder_set_member_name (builder, "tables");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->tables->len; i++)
    {
      LumDbCopyTable *row = g_ptr_array_index (report->tables, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, row->name);
      json_builder_set_member_name (builder, "source_rows");
      json_builder_add_int_value (builder, row->source_rows);
      json_builder_set_member_name (builder, "target_rows");
      json_builder_add_int_value (builder, row->target_rows);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "source_order_cents");
  json_builder_add_int_value (builder, report->source_order_cents);
  json_builder_set_member_name (builder, "target_order_cents");
  json_builder_add_int_value (builder, report->target_order_cents);
  json_builder_set_member_name (builder, "source_invoice_cents");
  json_builder_add_int_value (builder, report->source_invoice_cents);
  json_builder_set_member_name (builder, "target_invoice_cents");
  json_builder_add_int_value (builder, report->target_invoice_cents);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static int
database_copy (LumctlGlobal  *global,
               char         **args)
{
  g_autofree char *to = NULL;
  const GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_FILENAME, &to,
      N_("Copy into the database at PATH or URL (postgresql://…; a password from ~/.pgpass, never here)"),
      N_("PATH") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = lumctl_option_context_new (global, NULL,
                                                                 N_("Copy every row of the database (--db) into a new "
                                                                    "one, a file or a PostgreSQL server, and check "
                                                                    "the counts and totals of both."),
                                                                 entries);
  g_autofree char *from = NULL;
  g_autoptr(LumDb) source = NULL;
  g_autoptr(LumDb) target = NULL;
  g_autoptr(LumDbCopyReport) report = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = lumctl_parse (global, context, &args, 0, 0)) != LUMCTL_EXIT_OK)
    return status;
  if (to == NULL || *to == '\0')
    return lumctl_usage_error (global, _("Missing --to, the database to copy into"));
  from = global->db_path != NULL ? g_strdup (global->db_path) : lum_engine_default_db_path ();
  if (g_str_equal (from, to))
    return lumctl_fail_printf (_("The database to copy into (--to) is the one copied (--db)"));

  if ((source = lum_db_open (from, &error)) == NULL ||
      (target = lum_db_open (to, &error)) == NULL ||
      (report = lum_db_copy (source, target, &error)) == NULL)
    return lumctl_fail (error);

  if (global->json)
    {
      g_autoptr(JsonNode) node = report_to_json (source, target, report);

      lumctl_print_json (node);
    }
  else
    print_report (source, target, report);
  if (!report->equal)
    return lumctl_fail_printf (_("The counts or totals of “%s” differ from those of “%s”: nothing was copied"),
                               lum_db_get_path (target), lum_db_get_path (source));
  if (!global->json)
    lumctl_print (_("Copied: every count and total is equal.\n"));
  return LUMCTL_EXIT_OK;
}

#define SECRET_PASSWORD "password"

static const LumctlSecretSpec password_specs[] = {
  { SECRET_PASSWORD, N_("Password"), FALSE },
};

/* `lumenctl database password [--db URL]`: the password of the URL's user
 * on its server, read from standard input into the keyring. */
static int
database_password (LumctlGlobal  *global,
                   char         **args)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) secrets = NULL;
  g_autoptr(LumDbServer) server = NULL;
  g_autofree char *url = NULL;
  int status;

  context = lumctl_option_context_new (global, NULL,
                                       _("Saves the password of the database server’s user in the keyring, "
                                         "read from standard input. The server is that of --db or $LUMEN_DB."),
                                       NULL);
  if ((status = lumctl_parse (global, context, &args, 0, 0)) != LUMCTL_EXIT_OK)
    return status;
  url = global->db_path ? g_strdup (global->db_path) : lum_engine_default_db_path ();
  server = lum_db_server_new_from_url (url, &error);
  if (server == NULL)
    return lumctl_fail (error);
  secrets = lumctl_read_secrets (password_specs, G_N_ELEMENTS (password_specs), &error);
  if (secrets == NULL)
    return lumctl_fail (error);
  if (!lum_db_server_store_password (url, g_hash_table_lookup (secrets, SECRET_PASSWORD), &error))
    return lumctl_fail (error);
  lumctl_print (_("Saved the password of %s for the database %s on %s in the keyring.\n"), server->user,
                server->dbname, server->host);
  return LUMCTL_EXIT_OK;
}

static const LumctlCommand database_commands[] = {
  { "copy", N_("Copy the database into a new one, a file or a server"), database_copy },
  { "password", N_("Save the password of the database server in the keyring"), database_password },
  { NULL, NULL, NULL }
};

const LumctlGroup lumctl_database_group = {
  "database", N_("The database itself: moving it to a server or back to a file, its server’s password"), database_commands
};

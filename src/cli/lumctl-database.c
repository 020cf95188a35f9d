/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lumctl"

#include "config.h"

#include <glib/gi18n.h>

#include "lumctl.h"
#include "lum-engine.h"
#include "store/lum-db-server.h"

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
  { "password", N_("Save the password of the database server in the keyring"), database_password },
  { NULL, NULL, NULL }
};

const LumctlGroup lumctl_database_group = {
  "database", N_("The database on a PostgreSQL server"), database_commands
};

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-secrets"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "lum-secrets.h"

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.lumenapp.Lumen.Integration", SECRET_SCHEMA_NONE,
    {
      { "database", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "integration-id", SECRET_SCHEMA_ATTRIBUTE_INTEGER },
      { "name", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };
  return &schema;
}

static GHashTable *
attributes (LumIntegration *integration,
            const char     *name)
{
  const char *scope = lum_integration_get_secret_scope (integration);
  GHashTable *attrs = secret_attributes_build (get_schema (),
                                               "database", scope ? scope : "",
                                               "integration-id", (int)lum_integration_get_id (integration),
                                               NULL);
  if (name != NULL)
    g_hash_table_insert (attrs, g_strdup ("name"), g_strdup (name));
  return attrs;
}

/* -- the sandbox's public credentials --------------------------------------- */

/*
 * An integration with the sandbox setting holds the sandbox's published
 * credentials, which protect nothing: they live in this process (and in
 * the table below), never in the keyring, so that a first start never waits
 * on a keyring prompt. The values are those of src/sandbox/lum-sandbox.h
 * (the core does not depend on the sandbox; test-secrets compares them).
 */
typedef struct
{
  LumIntegrationKind  kind;
  const char         *name;
  const char         *value;
} PublicSecret;

static const PublicSecret public_secrets[] = {
  { LUM_INTEGRATION_KIND_SHIPSTATION, LUM_SECRET_SHIPSTATION_API_KEY, "sandbox-key" },
  { LUM_INTEGRATION_KIND_SHIPSTATION, LUM_SECRET_SHIPSTATION_API_SECRET, "sandbox-secret" },
  { LUM_INTEGRATION_KIND_SHIPSTATION_V2, LUM_SECRET_SHIPSTATION_V2_API_KEY, "sandbox-key" },
  { LUM_INTEGRATION_KIND_EXTENSIV, LUM_SECRET_EXTENSIV_CLIENT_SECRET, "sandbox-3pl-secret" },
  { LUM_INTEGRATION_KIND_QUICKBOOKS, LUM_SECRET_QUICKBOOKS_CLIENT_SECRET, "sandbox-qbo-secret" },
};

static GMutex      sandbox_lock;
static GHashTable *sandbox_secrets;  /* "scope/id/name" → value */

static char *
sandbox_key (LumIntegration *integration,
             const char     *name)
{
  const char *scope = lum_integration_get_secret_scope (integration);

  return g_strdup_printf ("%s/%" G_GINT64_FORMAT "/%s", scope ? scope : "", lum_integration_get_id (integration),
                          name ? name : "");
}

static void
sandbox_store (LumIntegration *integration,
               const char     *name,
               const char     *value)
{
  g_mutex_lock (&sandbox_lock);
  if (sandbox_secrets == NULL)
    sandbox_secrets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (sandbox_secrets, sandbox_key (integration, name), g_strdup (value));
  g_mutex_unlock (&sandbox_lock);
}

static const char *
public_value (LumIntegration *integration,
              const char     *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (public_secrets); i++)
    {
      if (public_secrets[i].kind == lum_integration_get_kind (integration) &&
          g_strcmp0 (public_secrets[i].name, name) == 0)
        return public_secrets[i].value;
    }
  return NULL;
}

static char *
memory_lookup (LumIntegration *integration,
               const char     *name)
{
  g_autofree char *key = sandbox_key (integration, name);
  char *value = NULL;

  g_mutex_lock (&sandbox_lock);
  if (sandbox_secrets != NULL)
    value = g_strdup (g_hash_table_lookup (sandbox_secrets, key));
  g_mutex_unlock (&sandbox_lock);
  return value;
}

static char *
sandbox_lookup (LumIntegration *integration,
                const char     *name)
{
  char *value = memory_lookup (integration, name);

  return value != NULL ? value : g_strdup (public_value (integration, name));
}

/* Whether the integration's secrets are the sandbox's public ones, kept in
 * this process: not when the sandbox integration was given its own (wrong
 * keys, to see what a refusal looks like), which the keyring keeps. */
static gboolean
in_process (LumIntegration *integration,
            const char     *name)
{
  if (!lum_integration_is_sandbox (integration) ||
      g_strcmp0 (lum_integration_get_setting (integration, LUM_SETTING_OWN_SECRETS), "true") == 0)
    return FALSE;
  /* a refresh token from connecting through the browser is the company's
   * grant, kept; one a sandbox issued at its registration it issues again */
  if (g_strcmp0 (name, LUM_SECRET_QUICKBOOKS_REFRESH_TOKEN) == 0 &&
      lum_integration_get_kind (integration) == LUM_INTEGRATION_KIND_QUICKBOOKS)
    return g_strcmp0 (lum_integration_get_setting (integration, LUM_SETTING_SANDBOX_REGISTERED), "true") == 0;
  return TRUE;
}

static void
sandbox_clear (LumIntegration *integration)
{
  g_autofree char *prefix = sandbox_key (integration, NULL);
  GHashTableIter iter;
  gpointer key;

  g_mutex_lock (&sandbox_lock);
  if (sandbox_secrets != NULL)
    {
      g_hash_table_iter_init (&iter, sandbox_secrets);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          if (g_str_has_prefix (key, prefix))
            g_hash_table_iter_remove (&iter);
        }
    }
  g_mutex_unlock (&sandbox_lock);
}

/**
 * lum_secrets_are_public:
 * @secrets: (element-type utf8 utf8): name → value
 *
 * Whether @secrets are those the sandbox publishes for the integration's
 * kind (a QuickBooks refresh token is issued by a sandbox: public too).
 */
gboolean
lum_secrets_are_public (LumIntegration *integration,
                        GHashTable     *secrets)
{
  GHashTableIter iter;
  gpointer name, value;

  g_hash_table_iter_init (&iter, secrets);
  while (g_hash_table_iter_next (&iter, &name, &value))
    {
      if (lum_integration_get_kind (integration) == LUM_INTEGRATION_KIND_QUICKBOOKS &&
          g_str_equal (name, LUM_SECRET_QUICKBOOKS_REFRESH_TOKEN))
        continue;
      if (g_strcmp0 (public_value (integration, name), value) != 0)
        return FALSE;
    }
  return TRUE;
}

/* -- the Secret Service ----------------------------------------------------- */

/* libsecret's messages may quote D-Bus details; ours say what failed. */
static void
wrap_error (GError     **error,
            GError      *cause,
            const char  *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("%s: the Secret Service (keyring) is not available: %s"), what, cause->message);
  g_error_free (cause);
}

/**
 * lum_secrets_store:
 *
 * Stores or replaces one secret of an integration (saved, so it has an id).
 */
gboolean
lum_secrets_store (LumIntegration  *integration,
                   const char      *name,
                   const char      *value,
                   GError         **error)
{
  g_autoptr(GHashTable) attrs = attributes (integration, name);
  g_autofree char *label = g_strdup_printf (_("Lumen: %s (%s)"), lum_integration_get_name (integration), name);
  GError *local_error = NULL;

  g_return_val_if_fail (lum_integration_get_id (integration) > 0, FALSE);

  if (in_process (integration, name))
    {
      sandbox_store (integration, name, value);
      return TRUE;
    }
  if (!secret_password_storev_sync (get_schema (), attrs, SECRET_COLLECTION_DEFAULT, label, value, NULL,
                                    &local_error))
    {
      wrap_error (error, local_error, _("Could not store the credentials"));
      return FALSE;
    }
  return TRUE;
}

/**
 * lum_secrets_lookup:
 *
 * Returns: (transfer full) (nullable): the secret, or %NULL when none is
 *   stored (no error) or the keyring failed (@error set)
 */
char *
lum_secrets_lookup (LumIntegration  *integration,
                    const char      *name,
                    GError         **error)
{
  g_autoptr(GHashTable) attrs = NULL;
  GError *local_error = NULL;
  char *value;
  char *copy;

  if (in_process (integration, name))
    return sandbox_lookup (integration, name);
  attrs = attributes (integration, name);
  value = secret_password_lookupv_sync (get_schema (), attrs, NULL, &local_error);
  if (local_error != NULL)
    {
      wrap_error (error, local_error, _("Could not read the credentials"));
      return NULL;
    }
  /* a sandbox integration pointed at a real account in this process */
  if (value == NULL)
    return memory_lookup (integration, name);
  copy = g_strdup (value);
  secret_password_free (value);
  return copy;
}

/* Removes every secret of the integration. */
gboolean
lum_secrets_clear (LumIntegration  *integration,
                   GError         **error)
{
  g_autoptr(GHashTable) attrs = attributes (integration, NULL);
  GError *local_error = NULL;

  sandbox_clear (integration);
  if (in_process (integration, NULL) && in_process (integration, LUM_SECRET_QUICKBOOKS_REFRESH_TOKEN))
    return TRUE;
  secret_password_clearv_sync (get_schema (), attrs, NULL, &local_error);
  if (local_error != NULL)
    {
      wrap_error (error, local_error, _("Could not delete the credentials"));
      return FALSE;
    }
  return TRUE;
}

static void
on_lookup_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *value = secret_password_lookup_finish (result, &error);
  LumIntegration *integration = g_task_get_task_data (task);

  if (error != NULL)
    {
      GError *wrapped = NULL;
      wrap_error (&wrapped, error, _("Could not read the credentials"));
      g_task_return_error (task, wrapped);
    }
  else if (value == NULL)
    g_task_return_pointer (task, memory_lookup (integration, g_object_get_data (G_OBJECT (task), "name")), g_free);
  else
    {
      g_task_return_pointer (task, g_strdup (value), g_free);
      secret_password_free (value);
    }
}

void
lum_secrets_lookup_async (LumIntegration      *integration,
                          const char          *name,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GHashTable) attrs = NULL;

  g_task_set_source_tag (task, lum_secrets_lookup_async);
  g_task_set_task_data (task, g_object_ref (integration), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "name", g_strdup (name), g_free);
  if (in_process (integration, name))
    {
      g_task_return_pointer (task, sandbox_lookup (integration, name), g_free);
      g_object_unref (task);
      return;
    }
  attrs = attributes (integration, name);
  secret_password_lookupv (get_schema (), attrs, cancellable, on_lookup_cb, task);
}

char *
lum_secrets_lookup_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* -- the password of a database server ---------------------------------------- */

static const SecretSchema *
get_database_schema (void)
{
  static const SecretSchema schema = {
    "io.github.lumenapp.Lumen.Database", SECRET_SCHEMA_NONE,
    {
      { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "port", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "database", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };
  return &schema;
}

/**
 * lum_secrets_store_database_password:
 *
 * Stores or replaces the password of @user on the server's @database.
 */
gboolean
lum_secrets_store_database_password (const char  *host,
                                     const char  *port,
                                     const char  *database,
                                     const char  *user,
                                     const char  *password,
                                     GError     **error)
{
  g_autofree char *label = g_strdup_printf (_("Lumen: database %s on %s (%s)"), database, host, user);
  GError *local_error = NULL;

  if (!secret_password_store_sync (get_database_schema (), SECRET_COLLECTION_DEFAULT, label, password, NULL,
                                   &local_error, "host", host, "port", port, "database", database, "user", user,
                                   NULL))
    {
      wrap_error (error, local_error, _("Could not store the database password"));
      return FALSE;
    }
  return TRUE;
}

/**
 * lum_secrets_lookup_database_password:
 *
 * Returns: (transfer full) (nullable): the password, or %NULL when none is
 *   stored (no error) or the keyring failed (@error set)
 */
char *
lum_secrets_lookup_database_password (const char  *host,
                                      const char  *port,
                                      const char  *database,
                                      const char  *user,
                                      GError     **error)
{
  GError *local_error = NULL;
  char *value = secret_password_lookup_sync (get_database_schema (), NULL, &local_error, "host", host,
                                             "port", port, "database", database, "user", user, NULL);
  char *copy;

  if (local_error != NULL)
    {
      wrap_error (error, local_error, _("Could not read the database password"));
      return NULL;
    }
  if (value == NULL)
    return NULL;
  copy = g_strdup (value);
  secret_password_free (value);
  return copy;
}

/* -- whether real accounts' secrets can be kept -------------------------------- */

static void
on_check_collection_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretCollection) collection = secret_collection_for_alias_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_steal_pointer (&error));
  else if (error != NULL)
    {
      g_debug ("No Secret Service: %s", error->message);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s",
                               _("No keyring (Secret Service) runs in this session, so the keys of real accounts "
                                 "cannot be saved. Start GNOME Keyring (or another Secret Service, such as "
                                 "KeePassXC) and open Lumen again; the sandbox and everything else work "
                                 "without one."));
    }
  else if (collection != NULL && secret_collection_get_locked (collection))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "%s",
                             _("Your keyring is locked: Lumen asks for its password when a real account’s keys are "
                               "needed. Unlock it in Passwords and Keys (Seahorse) to be asked no more; the sandbox "
                               "needs no keyring."));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_check_service_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autoptr(SecretService) service = secret_service_get_finish (result, &error);

  if (service == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* no password is asked here: a locked keyring only says so */
  secret_collection_for_alias (service, SECRET_COLLECTION_DEFAULT, SECRET_COLLECTION_NONE,
                               g_task_get_cancellable (task), on_check_collection_cb, g_object_ref (task));
}

/**
 * lum_secrets_check_async:
 *
 * Finds out, without asking for any password, whether the Secret Service
 * runs and whether its default keyring is unlocked. The error of
 * lum_secrets_check_finish() says which is not, and what to do, in words.
 */
void
lum_secrets_check_async (GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, lum_secrets_check_async);
  secret_service_get (SECRET_SERVICE_NONE, cancellable, on_check_service_cb, task);
}

gboolean
lum_secrets_check_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lum-engine-private.h"
#include "lum-engine-sync.h"
#include "lum-secrets.h"
#include "connect/lum-oauth-listener.h"
#include "connect/lum-quickbooks.h"
#include "lum-util.h"
#include "store/lum-setup-store.h"
#include "store/lum-document-store.h"
#include "store/lum-sync-cursor.h"
#include "flow/lum-order-flow.h"

#define HTTP_TIMEOUT_S 30

static void
on_integrations_changed_cb (LumEngine  *self,
                            const char *what)
{
  /* a changed URL, setting or secret takes effect with a new connector */
  if (self->connectors != NULL)
    g_hash_table_remove_all (self->connectors);
}

static void
on_integration_state_cb (LumIntegration *integration,
                         GParamSpec     *pspec,
                         LumEngine      *self)
{
  g_autoptr(LumIntegration) stored = lum_engine_get_integration (self, lum_integration_get_id (integration), NULL);
  g_autoptr(GError) error = NULL;

  if (stored == NULL || g_strcmp0 (lum_integration_get_state (stored), lum_integration_get_state (integration)) == 0)
    return;
  lum_integration_set_state (stored, lum_integration_get_state (integration));
  if (!lum_engine_save_integration (self, stored, &error))
    g_warning ("Could not record the state of %s: %s", lum_integration_get_name (stored), error->message);
}

/**
 * lum_engine_get_soup_session:
 *
 * The one HTTP session of the engine (`LUMEN_HTTP_TIMEOUT` seconds of I/O
 * timeout, 30 by default).
 */
SoupSession *
lum_engine_get_soup_session (LumEngine *self)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);

  if (self->session == NULL)
    {
      const char *env = g_getenv ("LUMEN_HTTP_TIMEOUT");
      guint64 timeout = HTTP_TIMEOUT_S;

      if (env != NULL)
        g_ascii_string_to_unsigned (env, 10, 1, 3600, &timeout, NULL);
      self->session = soup_session_new_with_options ("timeout", (guint)timeout,
                                                     "user-agent", "Lumen/" PACKAGE_VERSION,
                                                     "max-conns-per-host", 16,
                                                     NULL);
      self->connectors = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
      self->integrations_changed_id = g_signal_connect (self, "changed::integrations",
                                                        G_CALLBACK (on_integrations_changed_cb), NULL);
    }
  return self->session;
}

/**
 * lum_engine_get_connector:
 *
 * The connector of an integration, one per process so that its request
 * budget is shared by everything that talks to the integration.
 */
LumConnector *
lum_engine_get_connector (LumEngine  *self,
                          gint64      integration_id,
                          GError    **error)
{
  LumConnector *connector;
  g_autoptr(LumIntegration) integration = NULL;
  SoupSession *session;

  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);

  session = lum_engine_get_soup_session (self);
  connector = g_hash_table_lookup (self->connectors, &integration_id);
  if (connector != NULL)
    return g_object_ref (connector);

  integration = lum_engine_get_integration (self, integration_id, error);
  if (integration == NULL)
    return NULL;
  connector = lum_connector_new (integration, session);
  /* a connector that learns the service refused its authorization for good
   * (QuickBooks: invalid_grant) says so on its integration: keep that */
  g_signal_connect_object (lum_connector_get_integration (connector), "notify::state",
                           G_CALLBACK (on_integration_state_cb), self, 0);
  g_hash_table_insert (self->connectors, g_memdup2 (&integration_id, sizeof integration_id), g_object_ref (connector));
  return connector;
}

static gboolean
store_secrets (LumIntegration  *integration,
               GHashTable      *secrets,
               GError         **error)
{
  GHashTableIter iter;
  gpointer name, value;

  if (secrets == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, secrets);
  while (g_hash_table_iter_next (&iter, &name, &value))
    {
      if (!lum_secrets_store (integration, name, value, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * lum_engine_add_integration:
 * @secrets: (element-type utf8 utf8) (nullable): name → value, for the
 *   Secret Service only
 *
 * Saves a new integration and stores its secrets. When the keyring refuses
 * them, the integration is removed again: nothing half-made stays.
 */
gboolean
lum_engine_add_integration (LumEngine       *self,
                            LumIntegration  *integration,
                            GHashTable      *secrets,
                            GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!lum_engine_save_integration (self, integration, error))
    return FALSE;
  if (store_secrets (integration, secrets, &local_error))
    return TRUE;

  lum_secrets_clear (integration, NULL);
  lum_engine_delete_integration (self, integration, NULL);
  lum_integration_set_id (integration, 0);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
lum_engine_update_integration_secrets (LumEngine       *self,
                                       LumIntegration  *integration,
                                       GHashTable      *secrets,
                                       GError         **error)
{
  if (!store_secrets (integration, secrets, error))
    return FALSE;
  lum_engine_emit_changed (self, "integrations");
  return TRUE;
}

/* Deletes the integration and then its secrets. */
gboolean
lum_engine_remove_integration (LumEngine       *self,
                               LumIntegration  *integration,
                               GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  /* the row first: a refused delete (a channel uses it) keeps the secrets */
  if (!lum_engine_delete_integration (self, integration, error))
    return FALSE;
  if (!lum_secrets_clear (integration, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Integration “%s” was deleted, but its credentials are still in the keyring: %s"),
                   lum_integration_get_name (integration), local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* The connector of @integration for @task; when there is none the task
 * returns the reason and is released. */
static LumConnector *
task_connector (LumEngine      *self,
                LumIntegration *integration,
                GTask          *task)
{
  GError *error = NULL;
  LumConnector *connector = lum_engine_get_connector (self, lum_integration_get_id (integration), &error);

  if (connector == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
    }
  return connector;
}

static void
on_tested_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *report = lum_connector_test_finish (LUM_CONNECTOR (source), result, &error);

  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, g_free);
}

/**
 * lum_engine_test_integration_async:
 *
 * Tries the integration's credentials and lists what they reach; the
 * result says what works in words, the error what does not.
 */
void
lum_engine_test_integration_async (LumEngine           *self,
                                   LumIntegration      *integration,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(LumConnector) connector = NULL;

  g_task_set_source_tag (task, lum_engine_test_integration_async);
  if ((connector = task_connector (self, integration, task)) == NULL)
    return;
  lum_connector_test_async (connector, cancellable, on_tested_cb, task);
}

char *
lum_engine_test_integration_finish (LumEngine     *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  gint64      integration_id;
  GListModel *stores;
} RememberStores;

static gboolean
remember_stores_tx (LumEngine  *self,
                    gpointer    user_data,
                    GError    **error)
{
  RememberStores *data = user_data;
  g_autofree char *now = lum_engine_now_text (self);

  return lum_setup_store_replace_remote_stores (lum_engine_get_db (self), data->integration_id,
                                                data->stores, now, error);
}

/* Whether @fetched lists the same stores, by id and name, as were known:
 * then nothing is written and nobody is told the integrations changed. */
static gboolean
same_stores (LumEngine  *self,
             gint64      integration_id,
             GListModel *fetched)
{
  g_autoptr(GListStore) known = lum_setup_store_list_remote_stores (lum_engine_get_db (self), integration_id, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = g_list_model_get_n_items (fetched);

  if (known == NULL || g_list_model_get_n_items (G_LIST_MODEL (known)) != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LumRemoteStore) store = g_list_model_get_item (G_LIST_MODEL (known), i);
      g_hash_table_add (seen, g_strdup_printf ("%s\n%s", lum_remote_store_get_remote_id (store),
                                               lum_remote_store_get_name (store)));
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LumRemoteStore) store = g_list_model_get_item (fetched, i);
      g_autofree char *key = g_strdup_printf ("%s\n%s", lum_remote_store_get_remote_id (store),
                                              lum_remote_store_get_name (store));

      if (!g_hash_table_remove (seen, key))
        return FALSE;
    }
  return TRUE;
}

static void
on_stores_fetched_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LumEngine *self = g_task_get_source_object (task);
  LumConnector *connector = LUM_CONNECTOR (source);
  GError *error = NULL;
  g_autoptr(GListStore) stores = lum_connector_list_stores_finish (connector, result, &error);
  RememberStores data;

  if (stores == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* the last known list serves when the OMS cannot be reached */
  data.integration_id = lum_integration_get_id (lum_connector_get_integration (connector));
  data.stores = G_LIST_MODEL (stores);
  if (!same_stores (self, data.integration_id, data.stores) &&
      !lum_engine_run_in_transaction (self, remember_stores_tx, &data, "integrations", &error))
    g_warning ("Could not remember the stores: %s", error->message), g_clear_error (&error);
  g_task_return_pointer (task, g_steal_pointer (&stores), g_object_unref);
}

/**
 * lum_engine_fetch_stores_async:
 *
 * Lists the stores live from the OMS and remembers them as the last known
 * list (lum_engine_list_remote_stores()).
 */
void
lum_engine_fetch_stores_async (LumEngine           *self,
                               LumIntegration      *integration,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(LumConnector) connector = NULL;

  g_task_set_source_tag (task, lum_engine_fetch_stores_async);
  if ((connector = task_connector (self, integration, task)) == NULL)
    return;
  lum_connector_list_stores_async (connector, cancellable, on_stores_fetched_cb, task);
}

GListStore *
lum_engine_fetch_stores_finish (LumEngine     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* -- QuickBooks income accounts -------------------------------------------- */

static void
on_income_accounts_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GListStore *accounts = lum_quickbooks_list_income_accounts_finish (LUM_QUICKBOOKS (source), result, &error);

  if (accounts == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, accounts, g_object_unref);
}

/**
 * lum_engine_list_income_accounts_async:
 *
 * Lists the income accounts of a saved QuickBooks integration's company
 * live (#LumRemoteStore items: the account's id and name).
 */
void
lum_engine_list_income_accounts_async (LumEngine           *self,
                                       LumIntegration      *integration,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(LumConnector) connector = NULL;

  g_task_set_source_tag (task, lum_engine_list_income_accounts_async);
  if (lum_integration_get_kind (integration) != LUM_INTEGRATION_KIND_QUICKBOOKS)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Integration “%s” is not a QuickBooks Online integration: it has no income "
                                 "accounts"), lum_integration_get_name (integration));
      g_object_unref (task);
      return;
    }
  if ((connector = task_connector (self, integration, task)) == NULL)
    return;
  lum_quickbooks_list_income_accounts_async (LUM_QUICKBOOKS (connector), cancellable, on_income_accounts_cb, task);
}

GListStore *
lum_engine_list_income_accounts_finish (LumEngine     *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* -- connecting QuickBooks ------------------------------------------------- */

#define CONNECT_TIMEOUT_S (5 * 60)

typedef struct
{
  LumConnector     *connector;
  LumOAuthListener *listener;
} Connect;

static void
connect_free (gpointer data)
{
  Connect *connect = data;

  g_clear_object (&connect->connector);
  g_clear_object (&connect->listener);
  g_free (connect);
}

static void
on_code_exchanged_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!lum_quickbooks_exchange_code_finish (LUM_QUICKBOOKS (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* The tokens of a code are tied to the company chosen in the browser
 * (Intuit's realmId); the integration's invoices, customers and items
 * belong to the company it names, so another one is refused rather than
 * taken in silence. */
static gboolean
check_realm (LumIntegration  *integration,
             const char      *realm,
             GError         **error)
{
  const char *expected = lum_integration_get_setting (integration, LUM_SETTING_QUICKBOOKS_REALM);

  if (lum_str_empty (realm))
    {
      g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_AUTH,
                   _("QuickBooks’ answer names no company (realmId): connect again"));
      return FALSE;
    }
  if (g_strcmp0 (realm, expected) != 0)
    {
      g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_AUTH,
                   _("Company %s was chosen in the browser, but integration “%s” is set up for company %s: "
                     "connect again and choose company %s, or change the integration’s company ID"),
                   realm, lum_integration_get_name (integration), expected ? expected : "", expected ? expected : "");
      return FALSE;
    }
  return TRUE;
}

static void
on_redirect_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Connect *connect = g_task_get_task_data (task);
  LumIntegration *integration = lum_connector_get_integration (connect->connector);
  GError *error = NULL;
  g_autofree char *realm = NULL;
  g_autofree char *code = lum_oauth_listener_wait_finish (connect->listener, result, &realm, &error);

  if (code == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!check_realm (integration, realm, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  {
    GCancellable *cancellable = g_task_get_cancellable (task);
    lum_quickbooks_exchange_code_async (LUM_QUICKBOOKS (connect->connector), code,
                                        lum_oauth_listener_get_redirect_uri (connect->listener),
                                        cancellable, on_code_exchanged_cb, g_steal_pointer (&task));
  }
}

/* The redirect port the integration's settings name, or 0 for any. */
static gboolean
redirect_port (LumIntegration  *integration,
               guint           *port,
               GError         **error)
{
  const char *text = lum_integration_get_setting (integration, LUM_SETTING_QUICKBOOKS_REDIRECT_PORT);
  guint64 value = 0;

  *port = 0;
  if (lum_str_empty (text))
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, 65535, &value, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Redirect port “%s” of integration “%s” is not a port number (1–65535, or 0 for any)"),
                   text, lum_integration_get_name (integration));
      return FALSE;
    }
  *port = (guint)value;
  return TRUE;
}

/* Intuit sends the browser of a production company only to https
 * addresses ("Set app redirect URIs", developer.intuit.com): the loopback
 * listener at http://localhost cannot receive it. */
static gboolean
check_loopback_allowed (LumIntegration  *integration,
                        GError         **error)
{
  if (!lum_quickbooks_is_production (integration))
    return TRUE;
  g_set_error (error, LUM_SETUP_ERROR, LUM_SETUP_ERROR_REDIRECT_URI,
               _("Integration “%s” reaches a production company, and Intuit sends the browser of a production "
                 "company only to an https redirect URI: enter the redirect URI registered with your Intuit app "
                 "(Redirect URI), then connect again"),
               lum_integration_get_name (integration));
  return FALSE;
}

/**
 * lum_engine_quickbooks_signs_in_by_paste:
 *
 * Whether @integration connects through its registered redirect URI, the
 * address the browser ends on pasted back (a production company needs it),
 * rather than through the loopback listener.
 */
gboolean
lum_engine_quickbooks_signs_in_by_paste (LumIntegration *integration)
{
  return !lum_str_empty (lum_integration_get_setting (integration, LUM_SETTING_QUICKBOOKS_REDIRECT_URI)) ||
         lum_quickbooks_is_production (integration);
}

/**
 * lum_engine_connect_quickbooks_async:
 * @open_uri: shows the authorization page in the browser
 *
 * The OAuth 2.0 authorization-code flow of a desktop application: a
 * listener on 127.0.0.1 catches the redirect (its state checked), the code
 * is traded for tokens and the refresh token kept in the Secret Service.
 */
void
lum_engine_connect_quickbooks_async (LumEngine           *self,
                                     LumIntegration      *integration,
                                     LumOpenUriFunc       open_uri,
                                     gpointer             open_data,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Connect *connect = g_new0 (Connect, 1);
  g_autofree char *url = NULL;
  GError *error = NULL;
  guint port = 0;

  g_task_set_source_tag (task, lum_engine_connect_quickbooks_async);
  g_task_set_task_data (task, connect, connect_free);

  if (lum_integration_get_kind (integration) != LUM_INTEGRATION_KIND_QUICKBOOKS)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("Integration “%s” is not a QuickBooks Online integration"),
                               lum_integration_get_name (integration));
      g_object_unref (task);
      return;
    }
  if (!lum_str_empty (lum_integration_get_setting (integration, LUM_SETTING_QUICKBOOKS_REDIRECT_URI)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("Integration “%s” signs in through its redirect URI “%s”: the address the browser "
                                 "ends on is pasted back into Lumen"),
                               lum_integration_get_name (integration),
                               lum_integration_get_setting (integration, LUM_SETTING_QUICKBOOKS_REDIRECT_URI));
      g_object_unref (task);
      return;
    }
  if (!check_loopback_allowed (integration, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  connect->connector = lum_engine_get_connector (self, lum_integration_get_id (integration), &error);
  if (connect->connector != NULL && redirect_port (integration, &port, &error))
    connect->listener = lum_oauth_listener_new (port, &error);
  if (connect->listener == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  url = lum_quickbooks_dup_authorization_url (LUM_QUICKBOOKS (connect->connector),
                                              lum_oauth_listener_get_redirect_uri (connect->listener),
                                              lum_oauth_listener_get_state (connect->listener));
  lum_oauth_listener_wait_async (connect->listener, CONNECT_TIMEOUT_S, cancellable, on_redirect_cb, task);
  if (!open_uri (url, open_data, &error))
    {
      g_warning ("Could not open the browser: %s", error->message);
      g_clear_error (&error);
    }
}

gboolean
lum_engine_connect_quickbooks_finish (LumEngine     *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* -- connecting QuickBooks: the address pasted back ------------------------ */

static gboolean
check_quickbooks (LumIntegration  *integration,
                  const char     **redirect_uri,
                  GError         **error)
{
  if (lum_integration_get_kind (integration) != LUM_INTEGRATION_KIND_QUICKBOOKS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Integration “%s” is not a QuickBooks Online integration"), lum_integration_get_name (integration));
      return FALSE;
    }
  *redirect_uri = lum_integration_get_setting (integration, LUM_SETTING_QUICKBOOKS_REDIRECT_URI);
  if (lum_str_empty (*redirect_uri))
    {
      g_set_error (error, LUM_SETUP_ERROR, LUM_SETUP_ERROR_REDIRECT_URI,
                   _("Integration “%s” has no redirect URI: enter the https redirect URI registered with your Intuit "
                     "app"),
                   lum_integration_get_name (integration));
      return FALSE;
    }
  /* the same rules as on saving: an integration older than them may break them */
  return lum_engine_check_integration (integration, error);
}

/**
 * lum_engine_begin_quickbooks_sign_in:
 * @state: (out): the state of this sign-in, for
 *   lum_engine_finish_quickbooks_sign_in_async()
 *
 * The first half of the sign-in through a registered https redirect URI:
 * the address of Intuit's authorization page, to open in the browser.
 * Intuit then sends the browser to the redirect URI with the code; the
 * user pastes that address back.
 *
 * Returns: (transfer full): the address of the authorization page
 */
char *
lum_engine_begin_quickbooks_sign_in (LumEngine       *self,
                                     LumIntegration  *integration,
                                     char           **state,
                                     GError         **error)
{
  g_autoptr(LumConnector) connector = NULL;
  g_autofree char *new_state = NULL;
  const char *redirect_uri = NULL;
  char *url;

  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  g_return_val_if_fail (state != NULL, NULL);

  if (!check_quickbooks (integration, &redirect_uri, error) ||
      (connector = lum_engine_get_connector (self, lum_integration_get_id (integration), error)) == NULL ||
      (new_state = lum_oauth_new_state (error)) == NULL)
    return NULL;
  url = lum_quickbooks_dup_authorization_url (LUM_QUICKBOOKS (connector), redirect_uri, new_state);
  *state = g_steal_pointer (&new_state);
  return url;
}

/**
 * lum_engine_finish_quickbooks_sign_in_async:
 * @state: the state lum_engine_begin_quickbooks_sign_in() gave
 * @answer: the address the browser ended on, as pasted
 *
 * Checks the pasted address (the redirect URI, this sign-in's state, a
 * code, the integration's company) and trades the code for tokens, the
 * refresh token kept in the Secret Service. Errors say in words what was
 * wrong with the address.
 */
void
lum_engine_finish_quickbooks_sign_in_async (LumEngine           *self,
                                            LumIntegration      *integration,
                                            const char          *state,
                                            const char          *answer,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(LumConnector) connector = NULL;
  g_autofree char *code = NULL;
  g_autofree char *realm = NULL;
  const char *redirect_uri = NULL;
  GError *error = NULL;

  g_task_set_source_tag (task, lum_engine_finish_quickbooks_sign_in_async);
  if (!check_quickbooks (integration, &redirect_uri, &error) ||
      (code = lum_oauth_read_answer (answer, redirect_uri, state, &realm, &error)) == NULL ||
      !check_realm (integration, realm, &error) ||
      (connector = lum_engine_get_connector (self, lum_integration_get_id (integration), &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  lum_quickbooks_exchange_code_async (LUM_QUICKBOOKS (connector), code, redirect_uri, cancellable,
                                      on_code_exchanged_cb, g_steal_pointer (&task));
}

gboolean
lum_engine_finish_quickbooks_sign_in_finish (LumEngine     *self,
                                             GAsyncResult  *result,
                                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* -- a poll's shipments ---------------------------------------------------- */

static char *
cursor_name (const char *store_id)
{
  return g_strdup_printf ("shipments:%s", store_id);
}

typedef struct
{
  GPtrArray    *shipments;
  LumPollStats *stats;
  gint64        integration_id;
  const char   *store_id;
  const char   *latest;
} Apply;

/* Records one shipment in the savepoint the caller holds; %FALSE when the
 * order rules refused it, and the caller rolls the savepoint back. A
 * shipment of an unknown order is only counted. */
static gboolean
record_one (LumFlowContext     *ctx,
            LumRemoteShipment  *remote,
            LumPollStats       *stats,
            gint64             *order_id,
            GError            **error)
{
  const char *remote_id = lum_shipment_get_text (remote->shipment, LUM_SHIPMENT_REMOTE_ID);
  g_autoptr(LumDocument) order = NULL;
  gboolean duplicate = FALSE, changed = FALSE;

  *order_id = lum_document_store_id_by_uuid (ctx->db, remote->order_key);
  if (*order_id == 0 && remote->order_number != NULL)
    {
      order = lum_document_store_find (ctx->db, LUM_DOCUMENT_KIND_SALES_ORDER, remote->order_number, NULL);
      *order_id = order ? lum_document_get_id (order) : 0;
    }
  if (*order_id == 0)
    {
      stats->unknown++;
      return TRUE;
    }

  if (lum_shipment_get_int (remote->shipment, LUM_SHIPMENT_VOIDED))
    {
      if (!lum_flow_void_shipment (ctx, *order_id, remote_id, &changed, error))
        return FALSE;
      stats->voided += changed;
    }
  else
    {
      g_autoptr(LumShipment) shipment = lum_shipment_new ();
      GListModel *lines = lum_shipment_get_lines (remote->shipment);

      lum_record_copy_into (LUM_RECORD (remote->shipment), LUM_RECORD (shipment));
      for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
        {
          g_autoptr(LumDocLine) line = g_list_model_get_item (lines, i);
          lum_shipment_add_line (shipment, lum_doc_line_get_sku (line), lum_doc_line_get_quantity (line));
        }
      if (!lum_flow_record_shipment (ctx, *order_id, shipment, &duplicate, error))
        return FALSE;
      if (duplicate)
        stats->duplicates++;
      else
        stats->recorded++;
    }
  return TRUE;
}

static void
refuse (LumFlowContext    *ctx,
        LumRemoteShipment *remote,
        gint64             order_id,
        const GError      *error,
        LumPollStats      *stats)
{
  stats->refused++;
  lum_flow_add_event (ctx, "shipment.refused", 0, order_id, 0, 0,
                      "remote_id", lum_shipment_get_text (remote->shipment, LUM_SHIPMENT_REMOTE_ID),
                      "error", error ? error->message : NULL, NULL);
}

/* One shipment in its own savepoint: a refused one leaves the others. */
static void
apply_one (LumFlowContext    *ctx,
           LumRemoteShipment *remote,
           LumPollStats      *stats)
{
  g_autoptr(GError) error = NULL;
  gint64 order_id = 0;

  if (!lum_db_begin (ctx->db, &error))
    {
      refuse (ctx, remote, order_id, error, stats);
      return;
    }
  if (record_one (ctx, remote, stats, &order_id, &error))
    {
      if (lum_db_commit (ctx->db, &error))
        return;
    }
  else
    {
      lum_db_rollback (ctx->db);
    }
  refuse (ctx, remote, order_id, error, stats);
}

/* Shipments from @start to @end, the same as each in its own savepoint but
 * with one savepoint for them all: a savepoint copies every page it changes
 * first, and a poll's shipments change the same few pages over and over.
 * When one is refused, the savepoint goes back, the shipments before it are
 * applied again (they went through on the same rows, so they go through
 * again) and the refused one is not tried again, only recorded as refused;
 * the rest follow in a savepoint of their own. */
static void
apply_batch (LumFlowContext *ctx,
             GPtrArray      *shipments,
             guint           start,
             guint           end,
             LumPollStats   *stats)
{
  while (start < end)
    {
      g_autoptr(GError) error = NULL;
      LumPollStats before = *stats;
      gint64 order_id = 0;
      guint i;

      if (end - start == 1 || !lum_db_begin (ctx->db, NULL))
        {
          apply_one (ctx, g_ptr_array_index (shipments, start), stats);
          start++;
          continue;
        }

      for (i = start; i < end; i++)
        if (!record_one (ctx, g_ptr_array_index (shipments, i), stats, &order_id, &error))
          break;

      if (i == end)
        {
          if (lum_db_commit (ctx->db, NULL))
            return;
          /* the savepoint is gone with what it held: one by one, then */
          *stats = before;
          for (i = start; i < end; i++)
            apply_one (ctx, g_ptr_array_index (shipments, i), stats);
          return;
        }

      lum_db_rollback (ctx->db);
      *stats = before;
      apply_batch (ctx, shipments, start, i, stats);
      refuse (ctx, g_ptr_array_index (shipments, i), order_id, error, stats);
      start = i + 1;
    }
}

/* shipments a savepoint: enough to share the pages they change, few
 * enough that a refusal redoes little */
#define BATCH_SIZE 256

static gboolean
apply_tx (LumEngine  *engine,
          gpointer    user_data,
          GError    **error)
{
  Apply *apply = user_data;
  LumFlowContext ctx = { lum_engine_get_db (engine), lum_engine_now (engine), LUM_ACTOR_SYNC, "" };
  g_autofree char *name = cursor_name (apply->store_id);
  g_autofree char *now = lum_time_format (ctx.now);

  for (guint i = 0; i < apply->shipments->len; i += BATCH_SIZE)
    apply_batch (&ctx, apply->shipments, i, MIN (i + BATCH_SIZE, apply->shipments->len), apply->stats);

  if (apply->latest == NULL)
    return TRUE;
  return lum_sync_cursor_set (ctx.db, apply->integration_id, name, apply->latest, now, error);
}

/**
 * lum_engine_apply_shipments:
 * @shipments: (element-type LumRemoteShipment): what a poll of the store read
 * @latest: (nullable): the new cursor
 * @stats: counts what became of each shipment
 *
 * Records a poll's shipments and moves the store's cursor, in one
 * transaction; a refused shipment leaves the others, as if each had its
 * own savepoint.
 */
gboolean
lum_engine_apply_shipments (LumEngine     *self,
                            gint64         integration_id,
                            const char    *store_id,
                            GPtrArray     *shipments,
                            const char    *latest,
                            LumPollStats  *stats,
                            GError       **error)
{
  Apply apply = { shipments, stats, integration_id, store_id, latest };

  g_return_val_if_fail (LUM_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (shipments != NULL && stats != NULL, FALSE);

  return lum_engine_run_in_transaction (self, apply_tx, &apply, "documents", error);
}

/* The cursor of a store's shipments: where the next poll starts. */
char *
lum_engine_get_shipment_cursor (LumEngine  *self,
                                gint64      integration_id,
                                const char *store_id)
{
  g_autofree char *name = cursor_name (store_id);

  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);

  return lum_sync_cursor_get (self->db, integration_id, name);
}

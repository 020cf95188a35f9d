/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lum-sync-remote.h"
#include "lum-engine-setup.h"
#include "lum-util.h"
#include "connect/lum-oauth-listener.h"
#include "connect/lum-quickbooks.h"

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
 * lum_sync_service_quickbooks_signs_in_by_paste:
 *
 * Whether @integration connects through its registered redirect URI, the
 * address the browser ends on pasted back (a production company needs it),
 * rather than through the loopback listener.
 */
gboolean
lum_sync_service_quickbooks_signs_in_by_paste (LumIntegration *integration)
{
  return !lum_str_empty (lum_integration_get_setting (integration, LUM_SETTING_QUICKBOOKS_REDIRECT_URI)) ||
         lum_quickbooks_is_production (integration);
}

/**
 * lum_sync_service_connect_quickbooks_async:
 * @open_uri: shows the authorization page in the browser
 *
 * The OAuth 2.0 authorization-code flow of a desktop application: a
 * listener on 127.0.0.1 catches the redirect (its state checked), the code
 * is traded for tokens and the refresh token kept in the Secret Service.
 */
void
lum_sync_service_connect_quickbooks_async (LumSyncService      *self,
                                           LumIntegration      *integration,
                                           LumOpenUriFunc       open_uri,
                                           gpointer             open_data,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  GTask *task;
  Connect *connect;
  g_autofree char *url = NULL;
  GError *error = NULL;
  guint port = 0;

  g_return_if_fail (LUM_IS_SYNC_SERVICE (self));
  g_return_if_fail (LUM_IS_INTEGRATION (integration));

  task = g_task_new (self, cancellable, callback, user_data);
  connect = g_new0 (Connect, 1);
  g_task_set_source_tag (task, lum_sync_service_connect_quickbooks_async);
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
  connect->connector = lum_sync_service_get_connector (self, lum_integration_get_id (integration), &error);
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
lum_sync_service_connect_quickbooks_finish (LumSyncService  *self,
                                            GAsyncResult    *result,
                                            GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, lum_sync_service_connect_quickbooks_async), FALSE);
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
 * lum_sync_service_begin_quickbooks_sign_in:
 * @state: (out): the state of this sign-in, for
 *   lum_sync_service_finish_quickbooks_sign_in_async()
 *
 * The first half of the sign-in through a registered https redirect URI:
 * the address of Intuit's authorization page, to open in the browser.
 * Intuit then sends the browser to the redirect URI with the code; the
 * user pastes that address back.
 *
 * Returns: (transfer full): the address of the authorization page
 */
char *
lum_sync_service_begin_quickbooks_sign_in (LumSyncService  *self,
                                           LumIntegration  *integration,
                                           char           **state,
                                           GError         **error)
{
  g_autoptr(LumConnector) connector = NULL;
  g_autofree char *new_state = NULL;
  const char *redirect_uri = NULL;
  char *url;

  g_return_val_if_fail (LUM_IS_SYNC_SERVICE (self), NULL);
  g_return_val_if_fail (state != NULL, NULL);

  if (!check_quickbooks (integration, &redirect_uri, error) ||
      (connector = lum_sync_service_get_connector (self, lum_integration_get_id (integration), error)) == NULL ||
      (new_state = lum_oauth_new_state (error)) == NULL)
    return NULL;
  url = lum_quickbooks_dup_authorization_url (LUM_QUICKBOOKS (connector), redirect_uri, new_state);
  *state = g_steal_pointer (&new_state);
  return url;
}

/**
 * lum_sync_service_finish_quickbooks_sign_in_async:
 * @state: the state lum_sync_service_begin_quickbooks_sign_in() gave
 * @answer: the address the browser ended on, as pasted
 *
 * Checks the pasted address (the redirect URI, this sign-in's state, a
 * code, the integration's company) and trades the code for tokens, the
 * refresh token kept in the Secret Service. Errors say in words what was
 * wrong with the address.
 */
void
lum_sync_service_finish_quickbooks_sign_in_async (LumSyncService      *self,
                                                  LumIntegration      *integration,
                                                  const char          *state,
                                                  const char          *answer,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(LumConnector) connector = NULL;
  g_autofree char *code = NULL;
  g_autofree char *realm = NULL;
  const char *redirect_uri = NULL;
  GError *error = NULL;

  g_return_if_fail (LUM_IS_SYNC_SERVICE (self));
  g_return_if_fail (LUM_IS_INTEGRATION (integration));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lum_sync_service_finish_quickbooks_sign_in_async);
  if (!check_quickbooks (integration, &redirect_uri, &error) ||
      (code = lum_oauth_read_answer (answer, redirect_uri, state, &realm, &error)) == NULL ||
      !check_realm (integration, realm, &error) ||
      (connector = lum_sync_service_get_connector (self, lum_integration_get_id (integration), &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  lum_quickbooks_exchange_code_async (LUM_QUICKBOOKS (connector), code, redirect_uri, cancellable,
                                      on_code_exchanged_cb, g_steal_pointer (&task));
}

gboolean
lum_sync_service_finish_quickbooks_sign_in_finish (LumSyncService  *self,
                                                   GAsyncResult    *result,
                                                   GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, lum_sync_service_finish_quickbooks_sign_in_async), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

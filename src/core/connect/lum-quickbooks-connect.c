/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-connect"

#include "config.h"

#include "lum-quickbooks-private.h"
#include "lum-secrets.h"
#include "lum-util.h"

/* Connecting a QuickBooks company: the authorization address of Intuit's
 * browser sign-in and the exchange of its code for tokens. */

/**
 * lum_quickbooks_is_production:
 *
 * Whether @integration reaches a production company, where Intuit sends
 * the browser only to an https redirect URI. Development keys work with
 * sandbox companies (sandbox-quickbooks.api.intuit.com), and so does
 * Lumen's own sandbox on this computer.
 */
gboolean
lum_quickbooks_is_production (LumIntegration *integration)
{
  const char *url = lum_integration_get_base_url (integration);
  g_autoptr(GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  g_autoptr(GUri) sandbox = g_uri_parse (LUM_QUICKBOOKS_SANDBOX_URL, G_URI_FLAGS_NONE, NULL);

  if (lum_integration_is_sandbox (integration))
    return FALSE;
  if (uri == NULL)
    return TRUE;
  if (lum_host_is_loopback (g_uri_get_host (uri)))
    return FALSE;
  return g_ascii_strcasecmp (g_uri_get_host (uri) ? g_uri_get_host (uri) : "", g_uri_get_host (sandbox)) != 0;
}

char *
lum_quickbooks_dup_authorization_url (LumQuickbooks *self,
                                      const char    *redirect_uri,
                                      const char    *state)
{
  const char *base = lum_integration_get_setting (lum_connector_get_integration (LUM_CONNECTOR (self)), LUM_SETTING_QUICKBOOKS_AUTH_URL);
  g_autofree char *client = g_uri_escape_string (lum_integration_get_setting (lum_connector_get_integration (LUM_CONNECTOR (self)), LUM_SETTING_QUICKBOOKS_CLIENT_ID), NULL, FALSE);
  g_autofree char *redirect = g_uri_escape_string (redirect_uri, NULL, FALSE);
  g_autofree char *state_escaped = g_uri_escape_string (state, NULL, FALSE);

  return g_strdup_printf ("%s?client_id=%s&response_type=code&scope=com.intuit.quickbooks.accounting"
                          "&redirect_uri=%s&state=%s",
                          base ? base : LUM_QUICKBOOKS_AUTH_URL, client ? client : "", redirect, state_escaped);
}

static void
on_code_exchanged_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LumQuickbooks *self = g_task_get_source_object (task);
  GError *error = NULL;
  g_autoptr(LumHttpResponse) response = lum_http_send_finish (result, &error);

  if (response == NULL || !lum_quickbooks_take_tokens (self, response, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

typedef struct
{
  char *code;
  char *redirect_uri;
} Exchange;

static void
exchange_free (gpointer data)
{
  Exchange *exchange = data;
  g_free (exchange->code);
  g_free (exchange->redirect_uri);
  g_free (exchange);
}

static void
on_exchange_secrets_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LumQuickbooks *self = LUM_QUICKBOOKS (source);
  Exchange *exchange = g_task_get_task_data (task);
  GError *error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *redirect = NULL;
  g_autofree char *form = NULL;
  g_autoptr(SoupMessage) message = NULL;
  if (!lum_connector_load_secrets_finish (LUM_CONNECTOR (self), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  code = g_uri_escape_string (exchange->code, NULL, FALSE);
  redirect = g_uri_escape_string (exchange->redirect_uri, NULL, FALSE);
  form = g_strdup_printf ("grant_type=authorization_code&code=%s&redirect_uri=%s", code, redirect);
  message = lum_quickbooks_token_message (self, form);
  {
    GCancellable *cancellable = g_task_get_cancellable (task);
    lum_http_send_async (lum_connector_get_session (LUM_CONNECTOR (self)), message, cancellable,
                         on_code_exchanged_cb, g_steal_pointer (&task));
  }
}

/**
 * lum_quickbooks_exchange_code_async:
 *
 * Trades the authorization code of the browser flow for tokens and keeps
 * the refresh token in the Secret Service.
 */
void
lum_quickbooks_exchange_code_async (LumQuickbooks       *self,
                                    const char          *code,
                                    const char          *redirect_uri,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;
  Exchange *exchange;
  static const char * const names[] = { LUM_SECRET_QUICKBOOKS_CLIENT_SECRET, NULL };

  g_return_if_fail (LUM_IS_QUICKBOOKS (self));
  g_return_if_fail (code != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  exchange = g_new0 (Exchange, 1);

  g_task_set_source_tag (task, lum_quickbooks_exchange_code_async);
  exchange->code = g_strdup (code);
  exchange->redirect_uri = g_strdup (redirect_uri);
  g_task_set_task_data (task, exchange, exchange_free);
  lum_connector_load_secrets_async (LUM_CONNECTOR (self), names, cancellable, on_exchange_secrets_cb, task);
}

gboolean
lum_quickbooks_exchange_code_finish (LumQuickbooks  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  g_return_val_if_fail (LUM_IS_QUICKBOOKS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, lum_quickbooks_exchange_code_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}


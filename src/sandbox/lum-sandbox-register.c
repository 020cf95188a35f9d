/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-sandbox"

#include "config.h"

#include "lum-engine-setup.h"
#include "lum-sandbox-register.h"
#include "lum-secrets.h"
#include "connect/lum-quickbooks.h"

static LumIntegration *
find_or_new (LumEngine          *engine,
             LumIntegrationKind  kind,
             const char         *name)
{
  LumIntegration *integration = lum_engine_find_integration (engine, name, NULL);

  if (integration != NULL && lum_integration_get_kind (integration) == kind)
    return integration;
  g_clear_object (&integration);
  return lum_integration_new (kind, name);
}

static gboolean
save (LumEngine       *engine,
      LumIntegration  *integration,
      GHashTable      *secrets,
      GError         **error)
{
  lum_integration_set_setting (integration, LUM_SETTING_SANDBOX, "true");
  if (lum_integration_get_id (integration) == 0)
    return lum_engine_add_integration (engine, integration, secrets, error);
  return lum_engine_save_integration (engine, integration, error) &&
         lum_engine_update_integration_secrets (engine, integration, secrets, error);
}

/**
 * lum_sandbox_register:
 *
 * Adds (or moves) the four sandbox integrations (ShipStation API V1 and V2,
 * Extensiv, QuickBooks) of @engine to @sandbox,
 * which must be listening.
 */
gboolean
lum_sandbox_register (LumSandbox  *sandbox,
                      LumEngine   *engine,
                      GError     **error)
{
  g_autoptr(LumIntegration) ss = find_or_new (engine, LUM_INTEGRATION_KIND_SHIPSTATION, LUM_SANDBOX_SHIPSTATION_NAME);
  g_autoptr(LumIntegration) ss2 = find_or_new (engine, LUM_INTEGRATION_KIND_SHIPSTATION_V2,
                                               LUM_SANDBOX_SHIPSTATION_V2_NAME);
  g_autoptr(LumIntegration) ext = find_or_new (engine, LUM_INTEGRATION_KIND_EXTENSIV, LUM_SANDBOX_EXTENSIV_NAME);
  g_autoptr(LumIntegration) qbo = find_or_new (engine, LUM_INTEGRATION_KIND_QUICKBOOKS, LUM_SANDBOX_QUICKBOOKS_NAME);
  g_autoptr(GHashTable) ss_secrets = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) ss2_secrets = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) ext_secrets = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) qbo_secrets = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree char *ss_url = lum_sandbox_dup_base_url (sandbox, "shipstation");
  g_autofree char *ext_url = lum_sandbox_dup_base_url (sandbox, "extensiv");
  g_autofree char *qbo_url = lum_sandbox_dup_base_url (sandbox, "quickbooks");
  g_autofree char *token_url = g_strconcat (qbo_url, "/oauth2/v1/tokens/bearer", NULL);
  g_autofree char *auth_url = g_strconcat (qbo_url, "/connect/oauth2", NULL);
  g_autofree char *customer = g_strdup_printf ("%d", LUM_SANDBOX_EXTENSIV_CUSTOMER);
  g_autofree char *facility = g_strdup_printf ("%d", LUM_SANDBOX_EXTENSIV_FACILITY);
  g_autofree char *port = NULL;
  guint redirect_port;

  lum_integration_set_base_url (ss, ss_url);
  g_hash_table_insert (ss_secrets, LUM_SECRET_SHIPSTATION_API_KEY, LUM_SANDBOX_SHIPSTATION_KEY);
  g_hash_table_insert (ss_secrets, LUM_SECRET_SHIPSTATION_API_SECRET, LUM_SANDBOX_SHIPSTATION_SECRET);
  if (!save (engine, ss, ss_secrets, error))
    return FALSE;
  lum_engine_remember_remote_store (engine, lum_integration_get_id (ss), "1001", "Wholesale", NULL);
  lum_engine_remember_remote_store (engine, lum_integration_get_id (ss), "1002", "Retail", NULL);

  lum_integration_set_base_url (ext, ext_url);
  lum_integration_set_setting (ext, LUM_SETTING_EXTENSIV_CLIENT_ID, LUM_SANDBOX_EXTENSIV_CLIENT_ID);
  lum_integration_set_setting (ext, LUM_SETTING_EXTENSIV_TPL, LUM_SANDBOX_EXTENSIV_TPL);
  lum_integration_set_setting (ext, LUM_SETTING_EXTENSIV_USER_LOGIN_ID, LUM_SANDBOX_EXTENSIV_USER_LOGIN_ID);
  lum_integration_set_setting (ext, LUM_SETTING_EXTENSIV_CUSTOMER_ID, customer);
  lum_integration_set_setting (ext, LUM_SETTING_EXTENSIV_FACILITY_ID, facility);
  g_hash_table_insert (ext_secrets, LUM_SECRET_EXTENSIV_CLIENT_SECRET, LUM_SANDBOX_EXTENSIV_CLIENT_SECRET);
  if (!save (engine, ext, ext_secrets, error))
    return FALSE;

  lum_integration_set_base_url (qbo, qbo_url);
  lum_integration_set_setting (qbo, LUM_SETTING_QUICKBOOKS_REALM, LUM_SANDBOX_QUICKBOOKS_REALM);
  lum_integration_set_setting (qbo, LUM_SETTING_QUICKBOOKS_CLIENT_ID, LUM_SANDBOX_QUICKBOOKS_CLIENT_ID);
  lum_integration_set_setting (qbo, LUM_SETTING_QUICKBOOKS_TOKEN_URL, token_url);
  lum_integration_set_setting (qbo, LUM_SETTING_QUICKBOOKS_AUTH_URL, auth_url);
  if (lum_integration_get_setting (qbo, LUM_SETTING_QUICKBOOKS_INCOME_ACCOUNT) == NULL)
    lum_integration_set_setting (qbo, LUM_SETTING_QUICKBOOKS_INCOME_ACCOUNT, LUM_SANDBOX_QUICKBOOKS_INCOME_ACCOUNT);
  /* the sandbox's app has the listener's exact address registered, as an
   * Intuit app must */
  if ((redirect_port = lum_sandbox_add_quickbooks_loopback_redirect (sandbox, error)) == 0)
    return FALSE;
  port = g_strdup_printf ("%u", redirect_port);
  lum_integration_set_setting (qbo, LUM_SETTING_QUICKBOOKS_REDIRECT_PORT, port);
  lum_integration_set_setting (qbo, LUM_SETTING_QUICKBOOKS_REDIRECT_URI, NULL);
  lum_integration_set_state (qbo, "ok");
  lum_integration_set_setting (qbo, LUM_SETTING_SANDBOX_REGISTERED, "true");
  g_hash_table_insert (qbo_secrets, LUM_SECRET_QUICKBOOKS_CLIENT_SECRET, g_strdup (LUM_SANDBOX_QUICKBOOKS_CLIENT_SECRET));
  g_hash_table_insert (qbo_secrets, LUM_SECRET_QUICKBOOKS_REFRESH_TOKEN, lum_sandbox_quickbooks_issue_refresh_token (sandbox));
  if (!save (engine, qbo, qbo_secrets, error))
    return FALSE;

  /* API V2 of the same sandbox account: the same key, in the API-Key header */
  lum_integration_set_base_url (ss2, ss_url);
  g_hash_table_insert (ss2_secrets, LUM_SECRET_SHIPSTATION_V2_API_KEY, LUM_SANDBOX_SHIPSTATION_KEY);
  if (!save (engine, ss2, ss2_secrets, error))
    return FALSE;
  lum_engine_remember_remote_store (engine, lum_integration_get_id (ss2), "1001", "Wholesale", NULL);
  lum_engine_remember_remote_store (engine, lum_integration_get_id (ss2), "1002", "Retail", NULL);
  return TRUE;
}

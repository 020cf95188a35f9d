/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "lum-enums.h"

G_BEGIN_DECLS

#define LUM_TYPE_INTEGRATION (lum_integration_get_type ())
G_DECLARE_FINAL_TYPE (LumIntegration, lum_integration, LUM, INTEGRATION, GObject)

/* The non-secret settings of each kind; secrets live in the Secret Service. */
#define LUM_SETTING_EXTENSIV_CLIENT_ID     "client_id"
#define LUM_SETTING_EXTENSIV_TPL           "tpl"
#define LUM_SETTING_EXTENSIV_USER_LOGIN_ID "user_login_id"
#define LUM_SETTING_EXTENSIV_CUSTOMER_ID   "customer_id"
#define LUM_SETTING_EXTENSIV_FACILITY_ID   "facility_id"
#define LUM_SETTING_QUICKBOOKS_REALM       "realm_id"
#define LUM_SETTING_QUICKBOOKS_CLIENT_ID   "client_id"
#define LUM_SETTING_QUICKBOOKS_TOKEN_URL     "token_url"
#define LUM_SETTING_QUICKBOOKS_AUTH_URL      "authorization_url"
#define LUM_SETTING_QUICKBOOKS_INCOME_ACCOUNT "income_account_id"
/* the loopback port of the redirect URI registered with Intuit; 0 or unset: any */
#define LUM_SETTING_QUICKBOOKS_REDIRECT_PORT  "redirect_port"
/* the https redirect URI registered with Intuit, for the sign-in whose
 * address the user pastes back; unset: the loopback listener */
#define LUM_SETTING_QUICKBOOKS_REDIRECT_URI   "redirect_uri"
/* the company API of QuickBooks' sandbox, as the window offers it */
#define LUM_QUICKBOOKS_SANDBOX_URL "https://sandbox-quickbooks.api.intuit.com"
/* the state of a QuickBooks integration whose authorization was refused */
#define LUM_QUICKBOOKS_NEEDS_RECONNECT "needs-reconnect"
#define LUM_SETTING_SANDBOX                "sandbox"

LumIntegration     *lum_integration_new              (LumIntegrationKind  kind,
                                                      const char         *name);
gint64              lum_integration_get_id           (LumIntegration     *self);
void                lum_integration_set_id           (LumIntegration     *self,
                                                      gint64              id);
LumIntegrationKind  lum_integration_get_kind         (LumIntegration     *self);
const char         *lum_integration_get_kind_nick    (LumIntegration     *self);
const char         *lum_integration_get_name         (LumIntegration     *self);
void                lum_integration_set_name         (LumIntegration     *self,
                                                      const char         *name);
const char         *lum_integration_get_base_url     (LumIntegration     *self);
void                lum_integration_set_base_url     (LumIntegration     *self,
                                                      const char         *base_url);
const char         *lum_integration_get_state        (LumIntegration     *self);
void                lum_integration_set_state        (LumIntegration     *self,
                                                      const char         *state);
const char         *lum_integration_get_setting      (LumIntegration     *self,
                                                      const char         *key);
void                lum_integration_set_setting      (LumIntegration     *self,
                                                      const char         *key,
                                                      const char         *value);
char               *lum_integration_dup_settings_json (LumIntegration    *self);
gboolean            lum_integration_load_settings_json (LumIntegration   *self,
                                                        const char       *json);
const char         *lum_integration_get_secret_scope (LumIntegration *self);
void                lum_integration_set_secret_scope (LumIntegration *self,
                                                      const char     *scope);
gboolean            lum_integration_is_oms           (LumIntegration     *self);
gboolean            lum_integration_is_sandbox       (LumIntegration     *self);
char               *lum_integration_dup_web_link     (LumIntegration     *self,
                                                      const char         *remote_id,
                                                      const char         *document_number);

const char         *lum_integration_kind_default_url (LumIntegrationKind  kind);
const char         *lum_integration_kind_to_label    (LumIntegrationKind  kind);
gboolean            lum_integration_kind_is_oms      (LumIntegrationKind  kind);

G_END_DECLS

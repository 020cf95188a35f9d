/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-connector.h"

G_BEGIN_DECLS

/*
 * QuickBooks Online: OAuth 2.0 with rotating refresh tokens (each refresh
 * stores the newest at once), access tokens cached for their hour. An
 * invoice goes with its customer and items found or created by name, a
 * stable requestid per job, and a DocNumber query before a resend.
 */
#define LUM_TYPE_QUICKBOOKS (lum_quickbooks_get_type ())
G_DECLARE_FINAL_TYPE (LumQuickbooks, lum_quickbooks, LUM, QUICKBOOKS, LumConnector)

#define LUM_QUICKBOOKS_TOKEN_URL   "https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer"
#define LUM_QUICKBOOKS_AUTH_URL    "https://appcenter.intuit.com/connect/oauth2"
/* Intuit ("Minor versions of our API"): minor versions 1 to 74 are no
 * longer supported from August 1, 2025; 75 is the oldest one still served
 * and the default of requests that name none. */
#define LUM_QUICKBOOKS_MINOR_VERSION "75"

char *lum_quickbooks_fault_message (JsonNode    *root);
char *lum_quickbooks_dup_created_id (JsonNode   *root,
                                     const char *entity,
                                     GError    **error);
char *lum_quickbooks_query_quote   (const char  *value);

void      lum_quickbooks_exchange_code_async  (LumQuickbooks       *self,
                                               const char          *code,
                                               const char          *redirect_uri,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean  lum_quickbooks_exchange_code_finish (LumQuickbooks       *self,
                                               GAsyncResult        *result,
                                               GError             **error);
gboolean  lum_quickbooks_is_production        (LumIntegration     *integration);
char     *lum_quickbooks_dup_authorization_url (LumQuickbooks      *self,
                                                const char         *redirect_uri,
                                                const char         *state);

void        lum_quickbooks_list_income_accounts_async  (LumQuickbooks       *self,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
GListStore *lum_quickbooks_list_income_accounts_finish (LumQuickbooks       *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

G_END_DECLS

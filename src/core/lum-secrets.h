/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "model/lum-integration.h"

G_BEGIN_DECLS

/*
 * Credentials of integrations live in the Secret Service (libsecret), one
 * item per secret, found by the database's id (the integration's secret
 * scope), the integration's id and the secret's name; never in SQLite, logs,
 * command lines or error messages.
 *
 * An integration with the sandbox setting (LUM_SETTING_SANDBOX) never touches
 * the Secret Service: its credentials are the sandbox's public ones, kept in
 * this process (a QuickBooks sandbox refresh token until the process ends;
 * the sandbox issues another when it starts again). A sandbox integration
 * given secrets of its own (wrong keys, to see a refusal) is marked with
 * LUM_SETTING_OWN_SECRETS, and the keyring keeps them as for any other.
 */
#define LUM_SETTING_OWN_SECRETS "own-secrets"
/* Set by a sandbox's registration: its QuickBooks refresh token lives in
 * the process, and a process without one asks the sandbox. */
#define LUM_SETTING_SANDBOX_REGISTERED "sandbox-registered"

/* The names of the secrets each kind keeps. */
#define LUM_SECRET_SHIPSTATION_API_KEY    "api-key"
#define LUM_SECRET_SHIPSTATION_API_SECRET "api-secret"
/* ShipStation API V2: the one key, sent as the API-Key header */
#define LUM_SECRET_SHIPSTATION_V2_API_KEY "api-key"
#define LUM_SECRET_EXTENSIV_CLIENT_SECRET "client-secret"
#define LUM_SECRET_QUICKBOOKS_CLIENT_SECRET "client-secret"
#define LUM_SECRET_QUICKBOOKS_REFRESH_TOKEN "refresh-token"

gboolean  lum_secrets_store        (LumIntegration      *integration,
                                    const char          *name,
                                    const char          *value,
                                    GError             **error);
char     *lum_secrets_lookup       (LumIntegration      *integration,
                                    const char          *name,
                                    GError             **error);
gboolean  lum_secrets_clear        (LumIntegration      *integration,
                                    GError             **error);
void      lum_secrets_lookup_async (LumIntegration      *integration,
                                    const char          *name,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
char     *lum_secrets_lookup_finish (GAsyncResult       *result,
                                     GError            **error);

/* The password of a user on a PostgreSQL server, found by the server's
 * host, port, database and user (never in a URL, settings or logs). */
gboolean  lum_secrets_store_database_password  (const char  *host,
                                                const char  *port,
                                                const char  *database,
                                                const char  *user,
                                                const char  *password,
                                                GError     **error);
char     *lum_secrets_lookup_database_password (const char  *host,
                                                const char  *port,
                                                const char  *database,
                                                const char  *user,
                                                GError     **error);

gboolean  lum_secrets_are_public   (LumIntegration      *integration,
                                    GHashTable          *secrets);
void      lum_secrets_check_async  (GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean  lum_secrets_check_finish (GAsyncResult        *result,
                                    GError             **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * A database on a PostgreSQL server as a person names it: host, port,
 * database and user, and whether TLS is verified. Its password lives in the
 * keyring under these four (lum-secrets), never in the URL built here.
 */
typedef struct
{
  char *host;
  char *port;
  char *dbname;
  char *user;
  char *sslmode;   /* (nullable): as the URL says; NULL for Lumen's default */
} LumDbServer;

LumDbServer *lum_db_server_new_from_url     (const char   *url,
                                             GError      **error);
void         lum_db_server_free             (LumDbServer  *server);
char        *lum_db_server_to_url           (LumDbServer  *server);
gboolean     lum_db_server_is_local         (LumDbServer  *server);
gboolean     lum_db_server_store_password   (const char   *url,
                                             const char   *password,
                                             GError      **error);
char        *lum_db_server_lookup_password  (const char   *url,
                                             GError      **error);
char        *lum_db_server_test             (const char   *url,
                                             const char   *password,
                                             GError      **error);
void         lum_db_server_test_async       (const char   *url,
                                             const char   *password,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer      user_data);
char        *lum_db_server_test_finish      (GAsyncResult *result,
                                             GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LumDbServer, lum_db_server_free)

G_END_DECLS

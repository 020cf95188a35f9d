/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-sync-service.h"
#include "model/lum-integration.h"

G_BEGIN_DECLS

/*
 * What the set-up pages ask an integration live, through the service's
 * session and connectors: a test of its credentials, an OMS's stores, a
 * QuickBooks company's income accounts, and connecting QuickBooks
 * (lum-quickbooks-sign-in.c).
 */

void         lum_sync_service_test_integration_async (LumSyncService      *self,
                                                      LumIntegration      *integration,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
char        *lum_sync_service_test_integration_finish (LumSyncService  *self,
                                                       GAsyncResult    *result,
                                                       GError         **error);

void         lum_sync_service_fetch_stores_async (LumSyncService      *self,
                                                  LumIntegration      *integration,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GListStore  *lum_sync_service_fetch_stores_finish (LumSyncService  *self,
                                                   GAsyncResult    *result,
                                                   GError         **error);

/* (element-type LumRemoteStore): the OMS's warehouses (Extensiv:
 * facilities), live, to link Lumen's warehouses to */
void         lum_sync_service_fetch_warehouses_async (LumSyncService      *self,
                                                      LumIntegration      *integration,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GListStore  *lum_sync_service_fetch_warehouses_finish (LumSyncService  *self,
                                                       GAsyncResult    *result,
                                                       GError         **error);

void         lum_sync_service_list_income_accounts_async (LumSyncService      *self,
                                                          LumIntegration      *integration,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
GListStore  *lum_sync_service_list_income_accounts_finish (LumSyncService  *self,
                                                           GAsyncResult    *result,
                                                           GError         **error);

/* Opens @uri in the user's browser; returns FALSE when it cannot. */
typedef gboolean (*LumOpenUriFunc) (const char  *uri,
                                    gpointer     user_data,
                                    GError     **error);

void         lum_sync_service_connect_quickbooks_async (LumSyncService      *self,
                                                        LumIntegration      *integration,
                                                        LumOpenUriFunc       open_uri,
                                                        gpointer             open_data,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean     lum_sync_service_connect_quickbooks_finish (LumSyncService  *self,
                                                         GAsyncResult    *result,
                                                         GError         **error);

gboolean     lum_sync_service_quickbooks_signs_in_by_paste (LumIntegration *integration);
char        *lum_sync_service_begin_quickbooks_sign_in (LumSyncService  *self,
                                                        LumIntegration  *integration,
                                                        char           **state,
                                                        GError         **error);
void         lum_sync_service_finish_quickbooks_sign_in_async (LumSyncService      *self,
                                                               LumIntegration      *integration,
                                                               const char          *state,
                                                               const char          *answer,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
gboolean     lum_sync_service_finish_quickbooks_sign_in_finish (LumSyncService  *self,
                                                                GAsyncResult    *result,
                                                                GError         **error);

G_END_DECLS

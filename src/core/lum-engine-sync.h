/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "lum-engine.h"
#include "connect/lum-connector.h"

G_BEGIN_DECLS

/**
 * LumPollStats:
 * @shipments: shipments the OMS reported
 * @recorded: new shipments recorded
 * @duplicates: shipments recorded before (same remote id)
 * @voided: shipments voided at the OMS and so in Lumen
 * @unknown: shipments of orders Lumen does not know: ignored
 * @refused: shipments the order rules refused (an event says why)
 * @failed_targets: integration and store pairs that could not be polled
 */
typedef struct
{
  guint shipments;
  guint recorded;
  guint duplicates;
  guint voided;
  guint unknown;
  guint refused;
  guint failed_targets;
} LumPollStats;

SoupSession  *lum_engine_get_soup_session        (LumEngine            *self);
LumConnector *lum_engine_get_connector           (LumEngine            *self,
                                                  gint64                integration_id,
                                                  GError              **error);
gboolean      lum_engine_add_integration         (LumEngine            *self,
                                                  LumIntegration       *integration,
                                                  GHashTable           *secrets,
                                                  GError              **error);
gboolean      lum_engine_update_integration_secrets (LumEngine         *self,
                                                     LumIntegration    *integration,
                                                     GHashTable        *secrets,
                                                     GError           **error);
gboolean      lum_engine_remove_integration      (LumEngine            *self,
                                                  LumIntegration       *integration,
                                                  GError              **error);
void          lum_engine_test_integration_async  (LumEngine            *self,
                                                  LumIntegration       *integration,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
char         *lum_engine_test_integration_finish (LumEngine            *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void          lum_engine_fetch_stores_async      (LumEngine            *self,
                                                  LumIntegration       *integration,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GListStore   *lum_engine_fetch_stores_finish     (LumEngine            *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

void          lum_engine_list_income_accounts_async  (LumEngine           *self,
                                                      LumIntegration      *integration,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GListStore   *lum_engine_list_income_accounts_finish (LumEngine           *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* Opens @uri in the user's browser; returns FALSE when it cannot. */
typedef gboolean (*LumOpenUriFunc) (const char  *uri,
                                    gpointer     user_data,
                                    GError     **error);

void          lum_engine_connect_quickbooks_async  (LumEngine           *self,
                                                    LumIntegration      *integration,
                                                    LumOpenUriFunc       open_uri,
                                                    gpointer             open_data,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean      lum_engine_connect_quickbooks_finish (LumEngine           *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

gboolean      lum_engine_quickbooks_signs_in_by_paste (LumIntegration    *integration);
char         *lum_engine_begin_quickbooks_sign_in  (LumEngine           *self,
                                                    LumIntegration      *integration,
                                                    char               **state,
                                                    GError             **error);
void          lum_engine_finish_quickbooks_sign_in_async  (LumEngine           *self,
                                                           LumIntegration      *integration,
                                                           const char          *state,
                                                           const char          *answer,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean      lum_engine_finish_quickbooks_sign_in_finish (LumEngine           *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

gboolean      lum_engine_apply_shipments         (LumEngine            *self,
                                                  gint64                integration_id,
                                                  const char           *store_id,
                                                  GPtrArray            *shipments,
                                                  const char           *latest,
                                                  LumPollStats         *stats,
                                                  GError              **error);
char         *lum_engine_get_shipment_cursor     (LumEngine            *self,
                                                  gint64                integration_id,
                                                  const char           *store_id);

G_END_DECLS

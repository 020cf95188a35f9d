/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-engine.h"
#include "model/lum-channel.h"
#include "model/lum-integration.h"
#include "model/lum-invoice-type.h"
#include "model/lum-remote-store.h"
#include "model/lum-warehouse.h"
#include "model/lum-warehouse-group.h"

G_BEGIN_DECLS

/**
 * LumSetupError:
 * @LUM_SETUP_ERROR_NAME: a name is empty, too long or already used
 * @LUM_SETUP_ERROR_BASE_URL: a base URL is not an http(s) URL
 * @LUM_SETUP_ERROR_SETTING: a setting an integration kind needs is missing
 * @LUM_SETUP_ERROR_IN_USE: the row is used by a channel and cannot go
 * @LUM_SETUP_ERROR_URL: an address among an integration's settings (token
 *   URL, authorization URL) is not an address, or is plain http to
 *   another computer
 * @LUM_SETUP_ERROR_REDIRECT_URI: the redirect URI of a QuickBooks
 *   integration is one Intuit would not send the browser to
 *
 * Errors of warehouse groups, invoice types and integrations.
 */
typedef enum
{
  LUM_SETUP_ERROR_NAME,
  LUM_SETUP_ERROR_BASE_URL,
  LUM_SETUP_ERROR_SETTING,
  LUM_SETUP_ERROR_IN_USE,
  LUM_SETUP_ERROR_URL,
  LUM_SETUP_ERROR_REDIRECT_URI,
} LumSetupError;

#define LUM_SETUP_ERROR (lum_setup_error_quark ())
GQuark lum_setup_error_quark (void);

#define LUM_SETUP_NAME_MAX 120

/* Channels */
GListStore        *lum_engine_list_channels          (LumEngine         *self,
                                                      gboolean           include_archived,
                                                      GError           **error);
LumChannel        *lum_engine_get_channel            (LumEngine         *self,
                                                      gint64             id,
                                                      GError           **error);
LumChannel        *lum_engine_find_channel           (LumEngine         *self,
                                                      const char        *name_or_id,
                                                      GError           **error);
LumChannel        *lum_engine_new_channel            (LumEngine         *self,
                                                      GError           **error);
gboolean           lum_engine_save_channel           (LumEngine         *self,
                                                      LumChannel        *channel,
                                                      GError           **error);
GPtrArray         *lum_engine_check_channel          (LumEngine         *self,
                                                      LumChannel        *channel);
gboolean           lum_engine_archive_channel        (LumEngine         *self,
                                                      LumChannel        *channel,
                                                      gboolean           archived,
                                                      GError           **error);
LumChannel        *lum_engine_duplicate_channel      (LumEngine         *self,
                                                      LumChannel        *channel,
                                                      GError           **error);

/* Warehouses and groups */
GListStore        *lum_engine_list_warehouse_groups  (LumEngine         *self,
                                                      GError           **error);
LumWarehouseGroup *lum_engine_find_warehouse_group   (LumEngine         *self,
                                                      const char        *name_or_id,
                                                      GError           **error);
LumWarehouseGroup *lum_engine_create_warehouse_group (LumEngine         *self,
                                                      const char        *name,
                                                      const char * const *warehouse_codes,
                                                      gboolean           make_default,
                                                      GError           **error);
gboolean           lum_engine_set_default_warehouse_group (LumEngine    *self,
                                                           gint64        id,
                                                           GError      **error);
GListStore        *lum_engine_list_warehouses        (LumEngine         *self,
                                                      gint64             group_id,
                                                      GError           **error);

/* Invoice types */
GListStore        *lum_engine_list_invoice_types     (LumEngine         *self,
                                                      GError           **error);
LumInvoiceType    *lum_engine_find_invoice_type      (LumEngine         *self,
                                                      const char        *name_or_id,
                                                      GError           **error);
LumInvoiceType    *lum_engine_add_invoice_type       (LumEngine         *self,
                                                      const char        *name,
                                                      GError           **error);

/* Integrations (non-secret part; secrets: lum-secrets.h) */
GListStore        *lum_engine_list_integrations      (LumEngine         *self,
                                                      GError           **error);
LumIntegration    *lum_engine_get_integration        (LumEngine         *self,
                                                      gint64             id,
                                                      GError           **error);
LumIntegration    *lum_engine_find_integration       (LumEngine         *self,
                                                      const char        *name_or_id,
                                                      GError           **error);
gboolean           lum_engine_check_integration      (LumIntegration    *integration,
                                                      GError           **error);
gboolean           lum_engine_save_integration       (LumEngine         *self,
                                                      LumIntegration    *integration,
                                                      GError           **error);
gboolean           lum_engine_delete_integration     (LumEngine         *self,
                                                      LumIntegration    *integration,
                                                      GError           **error);
gboolean           lum_engine_remember_remote_stores (LumEngine         *self,
                                                      gint64             integration_id,
                                                      GListModel        *stores,
                                                      GError           **error);
GListStore        *lum_engine_list_remote_stores     (LumEngine         *self,
                                                      gint64             integration_id,
                                                      GError           **error);
gboolean           lum_engine_remember_remote_store  (LumEngine         *self,
                                                      gint64             integration_id,
                                                      const char        *remote_id,
                                                      const char        *name,
                                                      GError           **error);

gboolean           lum_engine_add_integration        (LumEngine         *self,
                                                      LumIntegration    *integration,
                                                      GHashTable        *secrets,
                                                      GError           **error);
gboolean           lum_engine_update_integration_secrets (LumEngine     *self,
                                                          LumIntegration *integration,
                                                          GHashTable    *secrets,
                                                          GError       **error);
gboolean           lum_engine_remove_integration     (LumEngine         *self,
                                                      LumIntegration    *integration,
                                                      GError           **error);

G_END_DECLS

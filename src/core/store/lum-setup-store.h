/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "lum-db.h"
#include "model/lum-integration.h"
#include "model/lum-invoice-type.h"
#include "model/lum-remote-store.h"
#include "model/lum-warehouse.h"
#include "model/lum-warehouse-group.h"

G_BEGIN_DECLS

/* Warehouses, warehouse groups, invoice types, integrations and the known
 * stores of each integration: what a channel refers to. */

GListStore        *lum_setup_store_list_groups          (LumDb       *db,
                                                         GError     **error);
LumWarehouseGroup *lum_setup_store_find_group           (LumDb       *db,
                                                         const char  *name_or_id,
                                                         GError     **error);
LumWarehouseGroup *lum_setup_store_get_group            (LumDb       *db,
                                                         gint64       id,
                                                         GError     **error);
gint64             lum_setup_store_get_default_group_id (LumDb       *db,
                                                         GError     **error);
gint64             lum_setup_store_insert_group         (LumDb       *db,
                                                         const char  *name,
                                                         const char  *now,
                                                         GError     **error);
gboolean           lum_setup_store_set_default_group    (LumDb       *db,
                                                         gint64       id,
                                                         GError     **error);
gboolean           lum_setup_store_add_group_member     (LumDb       *db,
                                                         gint64       group_id,
                                                         gint64       warehouse_id,
                                                         GError     **error);

GListStore        *lum_setup_store_list_warehouses      (LumDb       *db,
                                                         gint64       group_id,
                                                         GError     **error);
gint64             lum_setup_store_insert_warehouse     (LumDb       *db,
                                                         const char  *code,
                                                         const char  *name,
                                                         const char  *now,
                                                         GError     **error);
LumWarehouse      *lum_setup_store_find_warehouse       (LumDb       *db,
                                                         const char  *code,
                                                         GError     **error);

GListStore        *lum_setup_store_list_invoice_types   (LumDb       *db,
                                                         GError     **error);
LumInvoiceType    *lum_setup_store_find_invoice_type    (LumDb       *db,
                                                         const char  *name_or_id,
                                                         GError     **error);
LumInvoiceType    *lum_setup_store_get_invoice_type     (LumDb       *db,
                                                         gint64       id,
                                                         GError     **error);
gint64             lum_setup_store_insert_invoice_type  (LumDb       *db,
                                                         const char  *name,
                                                         const char  *now,
                                                         GError     **error);

GListStore        *lum_setup_store_list_integrations    (LumDb       *db,
                                                         GError     **error);
LumIntegration    *lum_setup_store_get_integration      (LumDb       *db,
                                                         gint64       id,
                                                         GError     **error);
LumIntegration    *lum_setup_store_find_integration     (LumDb       *db,
                                                         const char  *name_or_id,
                                                         GError     **error);
gboolean           lum_setup_store_save_integration     (LumDb       *db,
                                                         LumIntegration *integration,
                                                         const char  *now,
                                                         GError     **error);
gboolean           lum_setup_store_delete_integration   (LumDb       *db,
                                                         gint64       id,
                                                         GError     **error);

GListStore        *lum_setup_store_list_remote_stores   (LumDb       *db,
                                                         gint64       integration_id,
                                                         GError     **error);
gboolean           lum_setup_store_replace_remote_stores (LumDb      *db,
                                                          gint64      integration_id,
                                                          GListModel *stores,
                                                          const char *now,
                                                          GError    **error);
gboolean           lum_setup_store_remember_remote_store (LumDb      *db,
                                                          gint64      integration_id,
                                                          const char *remote_id,
                                                          const char *name,
                                                          const char *now,
                                                          GError    **error);

typedef enum
{
  LUM_SETUP_TABLE_WAREHOUSE_GROUP,
  LUM_SETUP_TABLE_INVOICE_TYPE,
  LUM_SETUP_TABLE_INTEGRATION,
} LumSetupTable;

/* TRUE when another row than @except_id has @name, ignoring case. */
gboolean           lum_setup_store_name_used            (LumDb       *db,
                                                         LumSetupTable table,
                                                         const char  *name,
                                                         gint64       except_id);

/* Parses "12" as an id; anything else is a name. */
gboolean           lum_setup_store_parse_id             (const char  *text,
                                                         gint64      *id);

G_END_DECLS

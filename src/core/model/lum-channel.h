/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "lum-enums.h"
#include "lum-field-mapping.h"

G_BEGIN_DECLS

#define LUM_PUSH_DELAY_IMMEDIATE (-1)
#define LUM_PUSH_DELAY_MAX       10080
#define LUM_CHANNEL_NAME_MAX     120

#define LUM_TYPE_CHANNEL (lum_channel_get_type ())
G_DECLARE_FINAL_TYPE (LumChannel, lum_channel, LUM, CHANNEL, GObject)

LumChannel        *lum_channel_new                          (void);
LumChannel        *lum_channel_copy                         (LumChannel         *self);

gint64             lum_channel_get_id                       (LumChannel         *self);
gint64             lum_channel_get_version                  (LumChannel         *self);
void               lum_channel_set_version                  (LumChannel         *self,
                                                             gint64              version);
void               lum_channel_set_id                       (LumChannel         *self,
                                                             gint64              id);
const char        *lum_channel_get_name                     (LumChannel         *self);
void               lum_channel_set_name                     (LumChannel         *self,
                                                             const char         *name);
gint64             lum_channel_get_warehouse_group_id       (LumChannel         *self);
void               lum_channel_set_warehouse_group_id       (LumChannel         *self,
                                                             gint64              id);
const char        *lum_channel_get_warehouse_group_name     (LumChannel         *self);
void               lum_channel_set_warehouse_group_name     (LumChannel         *self,
                                                             const char         *name);
gboolean           lum_channel_get_internal                 (LumChannel         *self);
void               lum_channel_set_internal                 (LumChannel         *self,
                                                             gboolean            internal);
const char        *lum_channel_get_description              (LumChannel         *self);
void               lum_channel_set_description              (LumChannel         *self,
                                                             const char         *description);
const char * const *lum_channel_get_tags                    (LumChannel         *self);
void               lum_channel_set_tags                     (LumChannel         *self,
                                                             const char * const *tags);

gboolean           lum_channel_get_push_to_oms              (LumChannel         *self);
void               lum_channel_set_push_to_oms              (LumChannel         *self,
                                                             gboolean            push);
gint64             lum_channel_get_oms_integration_id       (LumChannel         *self);
void               lum_channel_set_oms_integration_id       (LumChannel         *self,
                                                             gint64              id);
const char        *lum_channel_get_oms_integration_name     (LumChannel         *self);
void               lum_channel_set_oms_integration_name     (LumChannel         *self,
                                                             const char         *name);
const char        *lum_channel_get_oms_store_id             (LumChannel         *self);
void               lum_channel_set_oms_store_id             (LumChannel         *self,
                                                             const char         *store_id);
const char        *lum_channel_get_oms_store_name           (LumChannel         *self);
void               lum_channel_set_oms_store_name           (LumChannel         *self,
                                                             const char         *store_name);
int                lum_channel_get_push_delay_minutes       (LumChannel         *self);
void               lum_channel_set_push_delay_minutes       (LumChannel         *self,
                                                             int                 minutes);
gboolean           lum_channel_get_push_fulfillment_updates (LumChannel         *self);
void               lum_channel_set_push_fulfillment_updates (LumChannel         *self,
                                                             gboolean            updates);

GListModel        *lum_channel_get_mappings                 (LumChannel         *self);
void               lum_channel_add_mapping                  (LumChannel         *self,
                                                             const char         *lumen_field,
                                                             const char         *remote_field);
void               lum_channel_clear_mappings               (LumChannel         *self);

LumOrderFlow       lum_channel_get_order_flow               (LumChannel         *self);
void               lum_channel_set_order_flow               (LumChannel         *self,
                                                             LumOrderFlow        flow);
gint64             lum_channel_get_invoice_type_id          (LumChannel         *self);
void               lum_channel_set_invoice_type_id          (LumChannel         *self,
                                                             gint64              id);
const char        *lum_channel_get_invoice_type_name        (LumChannel         *self);
void               lum_channel_set_invoice_type_name        (LumChannel         *self,
                                                             const char         *name);
LumInvoiceTiming   lum_channel_get_invoice_timing           (LumChannel         *self);
void               lum_channel_set_invoice_timing           (LumChannel         *self,
                                                             LumInvoiceTiming    timing);
gint64             lum_channel_get_accounting_integration_id (LumChannel        *self);
void               lum_channel_set_accounting_integration_id (LumChannel        *self,
                                                              gint64             id);
const char        *lum_channel_get_accounting_integration_name (LumChannel      *self);
void               lum_channel_set_accounting_integration_name (LumChannel      *self,
                                                                const char      *name);
gboolean           lum_channel_get_archived                 (LumChannel         *self);
void               lum_channel_set_archived                 (LumChannel         *self,
                                                             gboolean            archived);

char              *lum_channel_dup_destination_summary      (LumChannel         *self);
char              *lum_channel_dup_flow_summary             (LumChannel         *self);
char              *lum_channel_dup_tags_text                (LumChannel         *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-order-flow.h"
#include "model/lum-channel.h"

G_BEGIN_DECLS

/* Shared by the flow rules; not for use outside src/core/flow. */

char        *lum_flow_now_text           (LumFlowContext  *ctx);
LumChannel  *lum_flow_get_posted_config  (LumFlowContext  *ctx,
                                          LumDocument     *doc,
                                          GError         **error);
LumDocument *lum_flow_get_posted_order   (LumFlowContext  *ctx,
                                          gint64           order_id,
                                          const char      *action,
                                          GError         **error);
LumDocument *lum_flow_get_posted_order_brief (LumFlowContext  *ctx,
                                              gint64           order_id,
                                              const char      *action,
                                              GError         **error);
gboolean     lum_flow_invoice_order      (LumFlowContext  *ctx,
                                          LumDocument     *order,
                                          LumChannel      *config,
                                          GListModel      *lines,
                                          gint64           shipment_id,
                                          const char      *reason,
                                          GError         **error);
gboolean     lum_flow_invoice_shipment   (LumFlowContext  *ctx,
                                          LumDocument     *order,
                                          LumChannel      *config,
                                          GListModel      *lines,
                                          gint64           shipment_id,
                                          GError         **error);

/* lum-order-flow.c */
gboolean     lum_flow_bump_version         (LumFlowContext  *ctx,
                                            LumDocument     *doc,
                                            GError         **error);
gboolean     lum_flow_assign_identity      (LumFlowContext  *ctx,
                                            LumDocument     *doc,
                                            GError         **error);
gboolean     lum_flow_write_new            (LumFlowContext  *ctx,
                                            LumDocument     *doc,
                                            const char      *config,
                                            const char      *reason,
                                            GError         **error);
gboolean     lum_flow_write_new_from_order (LumFlowContext  *ctx,
                                            LumDocument     *doc,
                                            gint64           order_id,
                                            const char      *config,
                                            const char      *reason,
                                            GError         **error);
char        *lum_flow_channel_config_text  (LumFlowContext  *ctx,
                                            LumChannel      *config);

/* lum-invoice-flow.c */
LumDocument *lum_flow_derive_document      (LumDocument     *source,
                                            LumDocumentKind  kind,
                                            GListModel      *lines);
gboolean     lum_flow_post_invoice_record  (LumFlowContext  *ctx,
                                            LumDocument     *invoice,
                                            LumChannel      *config,
                                            const char      *reason,
                                            GError         **error);

/* lum-fulfillment-flow.c */
gboolean     lum_flow_schedule_fulfillments (LumFlowContext  *ctx,
                                             LumDocument     *order,
                                             LumChannel      *config,
                                             const char      *due,
                                             const char      *now,
                                             gboolean        *split,
                                             GError         **error);
gboolean     lum_flow_cancel_fulfillments   (LumFlowContext  *ctx,
                                             LumDocument     *order,
                                             LumChannel      *config,
                                             GPtrArray       *fulfillments,
                                             const char      *now,
                                             GError         **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "store/lum-db.h"
#include "model/lum-document.h"
#include "model/lum-shipment.h"

G_BEGIN_DECLS

/**
 * LumDocumentError:
 * @LUM_DOCUMENT_ERROR_CHANNEL: the channel is missing, archived or of the wrong flow
 * @LUM_DOCUMENT_ERROR_CUSTOMER: the customer is missing
 * @LUM_DOCUMENT_ERROR_LINE: a line has an unknown SKU, a bad quantity or price
 * @LUM_DOCUMENT_ERROR_DATE: a date is not YYYY-MM-DD
 * @LUM_DOCUMENT_ERROR_STATUS: the action does not apply in the document's status
 * @LUM_DOCUMENT_ERROR_SHIPMENT: a shipment is empty or ships more than ordered
 * @LUM_DOCUMENT_ERROR_TEXT: a header text has a control character or is too long
 */
typedef enum
{
  LUM_DOCUMENT_ERROR_CHANNEL,
  LUM_DOCUMENT_ERROR_CUSTOMER,
  LUM_DOCUMENT_ERROR_LINE,
  LUM_DOCUMENT_ERROR_DATE,
  LUM_DOCUMENT_ERROR_STATUS,
  LUM_DOCUMENT_ERROR_SHIPMENT,
  LUM_DOCUMENT_ERROR_TEXT,
} LumDocumentError;

#define LUM_DOCUMENT_ERROR (lum_document_error_quark ())
GQuark lum_document_error_quark (void);

#define LUM_LINE_MAX_QUANTITY    1000000
#define LUM_LINE_MAX_PRICE_CENTS G_GINT64_CONSTANT (10000000000)

/* What every rule runs with: inside one transaction of @db, at @now. */
typedef struct
{
  LumDb    *db;
  gint64    now;
  LumActor  actor;
  /*< private >*/
  char      now_text[24];
} LumFlowContext;

gboolean lum_flow_create          (LumFlowContext  *ctx,
                                   LumDocument     *doc,
                                   GError         **error);
gboolean lum_flow_create_and_post (LumFlowContext  *ctx,
                                   LumDocument     *doc,
                                   GError         **error);
gboolean lum_flow_post_draft      (LumFlowContext  *ctx,
                                   LumDocument     *doc,
                                   GError         **error);
gboolean lum_flow_update          (LumFlowContext  *ctx,
                                   LumDocument     *doc,
                                   GError         **error);
gboolean lum_flow_post            (LumFlowContext  *ctx,
                                   LumDocumentKind  kind,
                                   gint64           id,
                                   GError         **error);
gboolean lum_flow_push_now        (LumFlowContext  *ctx,
                                   gint64           order_id,
                                   GError         **error);
gboolean lum_flow_cancel_order    (LumFlowContext  *ctx,
                                   gint64           order_id,
                                   GError         **error);
gboolean lum_flow_void_invoice    (LumFlowContext  *ctx,
                                   gint64           invoice_id,
                                   GError         **error);
gboolean lum_flow_record_shipment (LumFlowContext  *ctx,
                                   gint64           order_id,
                                   LumShipment     *shipment,
                                   gboolean        *duplicate,
                                   GError         **error);
gboolean lum_flow_void_shipment   (LumFlowContext  *ctx,
                                   gint64           order_id,
                                   const char      *remote_id,
                                   gboolean        *changed,
                                   GError         **error);
gboolean lum_flow_retry_job       (LumFlowContext  *ctx,
                                   gint64           job_id,
                                   GError         **error);
gint64   lum_flow_add_event       (LumFlowContext  *ctx,
                                   const char      *kind,
                                   gint64           channel_id,
                                   gint64           order_id,
                                   gint64           invoice_id,
                                   gint64           job_id,
                                   const char      *first_key,
                                   ...);

gboolean lum_document_check_text (LumDocText   field,
                                  const char  *value,
                                  GError     **error);

G_END_DECLS

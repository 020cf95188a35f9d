/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-engine.h"
#include "model/lum-channel.h"
#include "flow/lum-order-flow.h"
#include "model/lum-customer.h"
#include "model/lum-document.h"
#include "model/lum-event.h"
#include "model/lum-job.h"
#include "model/lum-product.h"
#include "model/lum-shipment.h"
#include "model/lum-shipment-conflict.h"
#include "store/lum-document-store.h"
#include "store/lum-job-store.h"

G_BEGIN_DECLS

/**
 * LumRecordError:
 * @LUM_RECORD_ERROR_FIELD: a customer or product field is empty, too long or malformed
 * @LUM_RECORD_ERROR_DUPLICATE: the name or SKU is already used
 *
 * Errors of customers and products.
 */
typedef enum
{
  LUM_RECORD_ERROR_FIELD,
  LUM_RECORD_ERROR_DUPLICATE,
} LumRecordError;

#define LUM_RECORD_ERROR (lum_record_error_quark ())
GQuark lum_record_error_quark (void);

/* What lum_product_check_field() checks, in the order of a form's rows */
typedef enum {
  LUM_PRODUCT_FIELD_SKU,
  LUM_PRODUCT_FIELD_NAME,
  LUM_PRODUCT_FIELD_PRICE,
  LUM_PRODUCT_FIELD_WEIGHT,
  LUM_PRODUCT_N_FIELDS
} LumProductField;

#define LUM_SKU_MAX_LENGTH   64
#define LUM_PRODUCT_NAME_MAX 200

/* Customers and products */
gboolean     lum_engine_save_customer     (LumEngine         *self,
                                           LumCustomer       *customer,
                                           GError           **error);
gboolean     lum_customer_check_text      (guint              field,
                                           const char        *title,
                                           const char        *value,
                                           GError           **error);
gboolean     lum_customer_check_email     (const char        *email,
                                           GError           **error);
gboolean     lum_engine_check_customer    (LumEngine         *self,
                                           LumCustomer       *customer,
                                           GError           **error);
LumCustomer *lum_engine_find_customer     (LumEngine         *self,
                                           const char        *name_or_id,
                                           GError           **error);
GListStore  *lum_engine_search_customers  (LumEngine         *self,
                                           const char        *prefix,
                                           guint              limit,
                                           GError           **error);
gboolean     lum_engine_save_product      (LumEngine         *self,
                                           LumProduct        *product,
                                           GError           **error);
gboolean     lum_engine_check_product     (LumProduct        *product,
                                           GError           **error);
gboolean     lum_product_check_field      (LumProduct        *product,
                                           LumProductField    field,
                                           GError           **error);
LumProduct  *lum_engine_find_product      (LumEngine         *self,
                                           const char        *sku,
                                           GError           **error);
GListStore  *lum_engine_search_products   (LumEngine         *self,
                                           const char        *prefix,
                                           guint              limit,
                                           GError           **error);

#define LUM_TEST_CUSTOMER_NAME "Lumen Test Customer"
#define LUM_TEST_CUSTOMER_PHONE "217-555-0100"

LumCustomer *lum_engine_ensure_test_customer (LumEngine      *self,
                                              GError        **error);
gboolean     lum_engine_purge_test_documents (LumEngine      *self,
                                              guint          *n_orders,
                                              guint          *n_invoices,
                                              GError        **error);

/* Documents: each action is one transaction with its events and jobs. */
gboolean     lum_engine_create_document   (LumEngine         *self,
                                           LumDocument       *doc,
                                           GError           **error);
gboolean     lum_engine_create_and_post_document (LumEngine  *self,
                                                  LumDocument *doc,
                                                  GError    **error);
gboolean     lum_engine_create_and_post_documents (LumEngine  *self,
                                                   GPtrArray  *docs,
                                                   GError    **error);
gboolean     lum_engine_update_document   (LumEngine         *self,
                                           LumDocument       *doc,
                                           GError           **error);
gboolean     lum_engine_post_document     (LumEngine         *self,
                                           LumDocumentKind    kind,
                                           gint64             id,
                                           GError           **error);
gboolean     lum_engine_push_now          (LumEngine         *self,
                                           gint64             order_id,
                                           GError           **error);
gboolean     lum_engine_cancel_order      (LumEngine         *self,
                                           gint64             order_id,
                                           GError           **error);
gboolean     lum_engine_void_invoice      (LumEngine         *self,
                                           gint64             invoice_id,
                                           GError           **error);
gboolean     lum_engine_record_shipment   (LumEngine         *self,
                                           gint64             order_id,
                                           LumShipment       *shipment,
                                           LumActor           actor,
                                           gboolean          *duplicate,
                                           GError           **error);
gboolean     lum_engine_resolve_shipment_conflict (LumEngine *self,
                                                   gint64     conflict_id,
                                                   gboolean   keep_warehouse,
                                                   GError   **error);
GListStore  *lum_engine_list_shipment_conflicts (LumEngine   *self,
                                                 gint64       order_id,
                                                 GError     **error);
gint64       lum_engine_count_shipment_conflicts (LumEngine  *self,
                                                  GError    **error);
gboolean     lum_engine_retry_job         (LumEngine         *self,
                                           gint64             job_id,
                                           GError           **error);

LumDocument *lum_engine_get_document      (LumEngine         *self,
                                           LumDocumentKind    kind,
                                           gint64             id,
                                           GError           **error);
LumDocument *lum_engine_find_document     (LumEngine         *self,
                                           LumDocumentKind    kind,
                                           const char        *number,
                                           GError           **error);
GListStore  *lum_engine_query_documents   (LumEngine         *self,
                                           const LumDocumentQuery *query,
                                           guint              offset,
                                           guint              limit,
                                           GError           **error);
gint64       lum_engine_count_documents   (LumEngine         *self,
                                           const LumDocumentQuery *query,
                                           GError           **error);
gint64       lum_engine_count_documents_at_most (LumEngine   *self,
                                                 const LumDocumentQuery *query,
                                                 guint        max,
                                                 GError     **error);
GStrv        lum_engine_list_order_invoices (LumEngine       *self,
                                             gint64           order_id,
                                             GError         **error);
GListStore  *lum_engine_list_shipments    (LumEngine         *self,
                                           gint64             order_id,
                                           GError           **error);
LumJob      *lum_engine_get_job           (LumEngine         *self,
                                           gint64             job_id,
                                           GError           **error);
LumJob      *lum_engine_find_open_job     (LumEngine         *self,
                                           LumJobKind         kind,
                                           gint64             order_id,
                                           gint64             invoice_id,
                                           GError           **error);
GListStore  *lum_engine_list_jobs         (LumEngine         *self,
                                           const LumJobFilter *filter,
                                           GError           **error);
GListStore  *lum_engine_list_events       (LumEngine         *self,
                                           gint64             order_id,
                                           gint64             invoice_id,
                                           guint              limit,
                                           GError           **error);
LumChannel  *lum_engine_get_document_config (LumEngine       *self,
                                             LumDocument     *doc,
                                             GError         **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "lum-record.h"
#include "lum-doc-line.h"
#include "lum-enums.h"

G_BEGIN_DECLS

/* Statuses, as stored and printed. */
#define LUM_STATUS_DRAFT             "draft"
#define LUM_STATUS_POSTED            "posted"
#define LUM_STATUS_CANCELLED         "cancelled"
#define LUM_STATUS_VOID              "void"
#define LUM_PUSH_NOT_PUSHED          "not-pushed"
#define LUM_PUSH_SCHEDULED           "scheduled"
#define LUM_PUSH_PUSHED              "pushed"
#define LUM_PUSH_FAILED              "failed"
#define LUM_FULFILLMENT_UNFULFILLED  "unfulfilled"
#define LUM_FULFILLMENT_PARTIAL      "partially-fulfilled"
#define LUM_FULFILLMENT_FULFILLED    "fulfilled"

/**
 * LumDocText:
 *
 * The text fields of a document. Each is a property whose name is the
 * column name with dashes (`ship_name` → "ship-name"). Fields of one kind
 * only (push status for orders, dates for invoices) stay empty on the other.
 */
typedef enum
{
  LUM_DOC_NUMBER,
  LUM_DOC_UUID,
  LUM_DOC_STATUS,
  LUM_DOC_CHANNEL_NAME,
  LUM_DOC_CUSTOMER_NAME,
  LUM_DOC_SHIP_NAME,
  LUM_DOC_SHIP_COMPANY,
  LUM_DOC_SHIP_STREET1,
  LUM_DOC_SHIP_STREET2,
  LUM_DOC_SHIP_CITY,
  LUM_DOC_SHIP_STATE,
  LUM_DOC_SHIP_POSTAL_CODE,
  LUM_DOC_SHIP_COUNTRY,
  LUM_DOC_SHIP_PHONE,
  LUM_DOC_SHIPPING_NOTES,
  LUM_DOC_SHIPPING_TYPE,
  LUM_DOC_REQUESTED_SHIP_DATE,
  LUM_DOC_PO_NUMBER,
  LUM_DOC_INTERNAL_NOTES,
  LUM_DOC_CUSTOMER_NOTES,
  LUM_DOC_GIFT_MESSAGE,
  LUM_DOC_PUSH_STATUS,
  LUM_DOC_PUSH_DUE_AT,
  LUM_DOC_REMOTE_ID,
  LUM_DOC_FULFILLMENT_STATUS,
  LUM_DOC_INVOICE_TYPE_NAME,
  LUM_DOC_LINKED_NUMBER,
  LUM_DOC_ISSUE_DATE,
  LUM_DOC_DUE_DATE,
  LUM_DOC_ACCOUNTING_STATUS,
  LUM_DOC_ACCOUNTING_ID,
  LUM_DOC_CREATED_AT,
  LUM_DOC_POSTED_AT,
  LUM_DOC_ENDED_AT,
  LUM_DOC_N_TEXT
} LumDocText;

/* The first editable header field and the last: what an edit may change. */
#define LUM_DOC_FIRST_EDITABLE LUM_DOC_SHIP_NAME
#define LUM_DOC_LAST_EDITABLE  LUM_DOC_GIFT_MESSAGE

typedef enum
{
  LUM_DOC_ID,
  LUM_DOC_CHANNEL_ID,
  LUM_DOC_CUSTOMER_ID,
  LUM_DOC_INVOICE_TYPE_ID,
  LUM_DOC_LINKED_ID,
  LUM_DOC_SHIPMENT_ID,
  LUM_DOC_TERMS_DAYS,
  LUM_DOC_IS_TEST,
  LUM_DOC_LISTED_TOTAL,
  LUM_DOC_VERSION,      /* raised by every edit; read only */
  LUM_DOC_N_INT
} LumDocInt;

#define LUM_TYPE_DOCUMENT (lum_document_get_type ())
G_DECLARE_FINAL_TYPE (LumDocument, lum_document, LUM, DOCUMENT, LumRecord)

LumDocument     *lum_document_new           (LumDocumentKind  kind);
LumDocument     *lum_document_copy          (LumDocument     *self);
LumDocumentKind  lum_document_get_kind      (LumDocument     *self);
const char      *lum_document_get_text      (LumDocument     *self,
                                             LumDocText       field);
void             lum_document_set_text      (LumDocument     *self,
                                             LumDocText       field,
                                             const char      *value);
gint64           lum_document_get_int       (LumDocument     *self,
                                             LumDocInt        field);
void             lum_document_set_int       (LumDocument     *self,
                                             LumDocInt        field,
                                             gint64           value);
gboolean         lum_document_get_is_test   (LumDocument     *self);
void             lum_document_set_is_test   (LumDocument     *self,
                                             gboolean         is_test);
GListModel      *lum_document_get_lines     (LumDocument     *self);
void             lum_document_add_line      (LumDocument     *self,
                                             LumDocLine      *line);
void             lum_document_clear_lines   (LumDocument     *self);
void             lum_document_set_lines     (LumDocument     *self,
                                             GPtrArray       *lines);
gint64           lum_document_get_total_cents (LumDocument   *self);

gint64           lum_document_get_id        (LumDocument     *self);
const char      *lum_document_get_number    (LumDocument     *self);
const char      *lum_document_get_status    (LumDocument     *self);

const char      *lum_doc_text_column        (LumDocText       field);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "lum-db.h"
#include "model/lum-document.h"

G_BEGIN_DECLS

typedef enum
{
  LUM_DOC_SORT_NUMBER,
  LUM_DOC_SORT_CUSTOMER,
  LUM_DOC_SORT_TOTAL,
  LUM_DOC_SORT_STATUS,
  LUM_DOC_SORT_PUSH_STATUS,
  LUM_DOC_SORT_FULFILLMENT,
  LUM_DOC_SORT_ACCOUNTING,
} LumDocSort;

/**
 * LumDocumentQuery:
 * @channel_id: 0 for every channel
 * @status: (nullable): a status, or %NULL for all
 * @search: (nullable): a prefix of the number, the customer's name or the PO
 * @only_test: only test documents (what a list hides without @include_test)
 *
 * What a list page shows; filtering and sorting happen in SQL on indexed
 * columns.
 */
typedef struct
{
  LumDocumentKind  kind;
  gint64           channel_id;
  const char      *status;
  const char      *push_status;
  const char      *fulfillment_status;
  const char      *accounting_status;
  const char      *search;
  gboolean         include_test;
  gboolean         only_test;
  LumDocSort       sort;
  gboolean         descending;
} LumDocumentQuery;

char        *lum_document_store_next_number   (LumDb             *db,
                                               LumDocumentKind    kind,
                                               gboolean           is_test,
                                               GError           **error);
gboolean     lum_document_number_is_test      (const char        *number);
gboolean     lum_document_store_insert        (LumDb             *db,
                                               LumDocument       *doc,
                                               const char        *config,
                                               const char        *now,
                                               GError           **error);
gboolean     lum_document_store_insert_from_order (LumDb         *db,
                                                   LumDocument   *doc,
                                                   gint64         order_id,
                                                   const char    *config,
                                                   const char    *now,
                                                   GError       **error);
gboolean     lum_document_store_update        (LumDb             *db,
                                               LumDocument       *doc,
                                               const char        *now,
                                               gboolean           with_lines,
                                               GError           **error);
LumDocument *lum_document_store_get           (LumDb             *db,
                                               LumDocumentKind    kind,
                                               gint64             id,
                                               GError           **error);
LumDocument *lum_document_store_get_header    (LumDb             *db,
                                               LumDocumentKind    kind,
                                               gint64             id,
                                               GError           **error);
LumDocument *lum_document_store_get_brief     (LumDb             *db,
                                               LumDocumentKind    kind,
                                               gint64             id,
                                               GError           **error);
LumDocument *lum_document_store_find          (LumDb             *db,
                                               LumDocumentKind    kind,
                                               const char        *number,
                                               GError           **error);
gint64       lum_document_store_id_by_uuid    (LumDb             *db,
                                               const char        *uuid);
gboolean     lum_document_store_set_config    (LumDb             *db,
                                               LumDocumentKind    kind,
                                               gint64             id,
                                               const char        *config,
                                               GError           **error);
char        *lum_document_store_get_config    (LumDb             *db,
                                               LumDocumentKind    kind,
                                               gint64             id,
                                               GError           **error);
GStrv        lum_document_store_invoice_numbers (LumDb           *db,
                                                 gint64           order_id,
                                                 GError         **error);

GListStore  *lum_document_store_query         (LumDb             *db,
                                               const LumDocumentQuery *query,
                                               guint              offset,
                                               guint              limit,
                                               GError           **error);
gint64       lum_document_store_count         (LumDb             *db,
                                               const LumDocumentQuery *query,
                                               GError           **error);
gint64       lum_document_store_count_at_most (LumDb             *db,
                                               const LumDocumentQuery *query,
                                               guint              max,
                                               GError           **error);

gboolean     lum_document_store_purge_tests   (LumDb             *db,
                                               guint             *n_orders,
                                               guint             *n_invoices,
                                               GError           **error);

G_END_DECLS

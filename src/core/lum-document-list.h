/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-engine-documents.h"

G_BEGIN_DECLS

/*
 * LumDocumentList: a GListModel of the documents a query selects, paged
 * from SQLite on demand. Only the pages asked for are read (and a few kept);
 * counting, filtering and sorting happen in SQL. The rows are first counted
 * when the list is first asked for its size or an item, so a new list can be
 * filtered and sorted first for free. Changing a filter re-counts up to
 * the first rows and replaces the items, and lum_document_list_count_rest()
 * adds the rest (see LumDocumentList:counting); lum_document_list_refresh()
 * re-counts all and replaces them; changing the sort replaces them without
 * counting.
 */
#define LUM_DOCUMENT_LIST_PAGE_SIZE 100

#define LUM_TYPE_DOCUMENT_LIST (lum_document_list_get_type ())
G_DECLARE_FINAL_TYPE (LumDocumentList, lum_document_list, LUM, DOCUMENT_LIST, GObject)

LumDocumentList *lum_document_list_new             (LumEngine        *engine,
                                                    LumDocumentKind   kind);
void             lum_document_list_refresh         (LumDocumentList  *self);
void             lum_document_list_count_rest      (LumDocumentList  *self);
gboolean         lum_document_list_get_counting    (LumDocumentList  *self);
void             lum_document_list_set_channel_id  (LumDocumentList  *self,
                                                    gint64            channel_id);
void             lum_document_list_set_status      (LumDocumentList  *self,
                                                    const char       *status);
void             lum_document_list_set_push_status (LumDocumentList  *self,
                                                    const char       *push_status);
void             lum_document_list_set_fulfillment_status (LumDocumentList *self,
                                                           const char      *status);
void             lum_document_list_set_accounting_status  (LumDocumentList *self,
                                                           const char      *status);
void             lum_document_list_set_search      (LumDocumentList  *self,
                                                    const char       *search);
void             lum_document_list_set_include_test (LumDocumentList *self,
                                                     gboolean         include_test);
void             lum_document_list_set_sort        (LumDocumentList  *self,
                                                    LumDocSort        sort,
                                                    gboolean          descending);
guint            lum_document_list_get_pages_read  (LumDocumentList  *self);
const GError    *lum_document_list_get_error       (LumDocumentList  *self);

G_END_DECLS

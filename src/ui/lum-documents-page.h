/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lum-document-list.h"

G_BEGIN_DECLS

/*
 * LumDocumentsPage: the list of sales orders or of invoices, paged from
 * SQLite (LumDocumentList), with filters, search and sortable columns.
 * LumOrdersPage and LumInvoicesPage only say which kind.
 */
#define LUM_TYPE_DOCUMENTS_PAGE (lum_documents_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (LumDocumentsPage, lum_documents_page, LUM, DOCUMENTS_PAGE, GtkWidget)

struct _LumDocumentsPageClass
{
  GtkWidgetClass  parent_class;

  LumDocumentKind kind;
};

LumDocumentKind  lum_documents_page_get_kind      (LumDocumentsPage *self);
LumDocumentList *lum_documents_page_get_model     (LumDocumentsPage *self);
gboolean         lum_documents_page_get_show_test (LumDocumentsPage *self);
void             lum_documents_page_set_show_test (LumDocumentsPage *self,
                                                   gboolean          show_test);
void             lum_documents_page_clear_filters (LumDocumentsPage *self);

#define LUM_TYPE_ORDERS_PAGE (lum_orders_page_get_type ())
G_DECLARE_FINAL_TYPE (LumOrdersPage, lum_orders_page, LUM, ORDERS_PAGE, LumDocumentsPage)

#define LUM_TYPE_INVOICES_PAGE (lum_invoices_page_get_type ())
G_DECLARE_FINAL_TYPE (LumInvoicesPage, lum_invoices_page, LUM, INVOICES_PAGE, LumDocumentsPage)

GtkWidget *lum_orders_page_new   (LumEngine *engine);
GtkWidget *lum_invoices_page_new (LumEngine *engine);

G_END_DECLS

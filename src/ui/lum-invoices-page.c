/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include "lum-invoices-page.h"

struct _LumInvoicesPage
{
  LumDocumentsPage parent_instance;
};

G_DEFINE_FINAL_TYPE (LumInvoicesPage, lum_invoices_page, LUM_TYPE_DOCUMENTS_PAGE)

static void
lum_invoices_page_class_init (LumInvoicesPageClass *klass)
{
  LUM_DOCUMENTS_PAGE_CLASS (klass)->kind = LUM_DOCUMENT_KIND_INVOICE;
}

static void
lum_invoices_page_init (LumInvoicesPage *self)
{
}

GtkWidget *
lum_invoices_page_new (LumEngine *engine)
{
  return g_object_new (LUM_TYPE_INVOICES_PAGE, "engine", engine, NULL);
}

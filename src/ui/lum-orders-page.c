/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include "lum-orders-page.h"

struct _LumOrdersPage
{
  LumDocumentsPage parent_instance;
};

G_DEFINE_FINAL_TYPE (LumOrdersPage, lum_orders_page, LUM_TYPE_DOCUMENTS_PAGE)

static void
lum_orders_page_class_init (LumOrdersPageClass *klass)
{
  LUM_DOCUMENTS_PAGE_CLASS (klass)->kind = LUM_DOCUMENT_KIND_SALES_ORDER;
}

static void
lum_orders_page_init (LumOrdersPage *self)
{
}

GtkWidget *
lum_orders_page_new (LumEngine *engine)
{
  return g_object_new (LUM_TYPE_ORDERS_PAGE, "engine", engine, NULL);
}

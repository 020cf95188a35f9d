/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include "lum-products-page.h"

struct _LumProductsPage
{
  LumRecordsPage parent_instance;
};

G_DEFINE_FINAL_TYPE (LumProductsPage, lum_products_page, LUM_TYPE_RECORDS_PAGE)

static void
lum_products_page_class_init (LumProductsPageClass *klass)
{
  LUM_RECORDS_PAGE_CLASS (klass)->kind = LUM_IMPORT_PRODUCTS;
}

static void
lum_products_page_init (LumProductsPage *self)
{
}

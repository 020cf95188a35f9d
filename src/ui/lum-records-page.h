/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lum-engine-import.h"

G_BEGIN_DECLS

/*
 * LumRecordsPage: the list of customers or of products, searched by name
 * or SKU prefix, with their editors and the CSV import. LumCustomersPage
 * and LumProductsPage only say which.
 */
#define LUM_TYPE_RECORDS_PAGE (lum_records_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (LumRecordsPage, lum_records_page, LUM, RECORDS_PAGE, GtkWidget)

struct _LumRecordsPageClass
{
  GtkWidgetClass parent_class;

  LumImportKind  kind;
};

/* At most this many rows are listed; a search narrows them. */
#define LUM_RECORDS_PAGE_LIMIT 1000

LumImportKind  lum_records_page_get_kind  (LumRecordsPage *self);
GListModel    *lum_records_page_get_model (LumRecordsPage *self);
void           lum_records_page_reload    (LumRecordsPage *self);

#define LUM_TYPE_CUSTOMERS_PAGE (lum_customers_page_get_type ())
G_DECLARE_FINAL_TYPE (LumCustomersPage, lum_customers_page, LUM, CUSTOMERS_PAGE, LumRecordsPage)

#define LUM_TYPE_PRODUCTS_PAGE (lum_products_page_get_type ())
G_DECLARE_FINAL_TYPE (LumProductsPage, lum_products_page, LUM, PRODUCTS_PAGE, LumRecordsPage)

G_END_DECLS

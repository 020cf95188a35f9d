/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include "lum-customers-page.h"

struct _LumCustomersPage
{
  LumRecordsPage parent_instance;
};

G_DEFINE_FINAL_TYPE (LumCustomersPage, lum_customers_page, LUM_TYPE_RECORDS_PAGE)

static void
lum_customers_page_class_init (LumCustomersPageClass *klass)
{
  LUM_RECORDS_PAGE_CLASS (klass)->kind = LUM_IMPORT_CUSTOMERS;
}

static void
lum_customers_page_init (LumCustomersPage *self)
{
}

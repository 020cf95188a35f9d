/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "lum-db.h"
#include "model/lum-customer.h"
/* until its users include it themselves */
#include "lum-product-store.h"

G_BEGIN_DECLS

/* Customers. */

gboolean     lum_customer_store_save         (LumDb        *db,
                                              LumCustomer  *customer,
                                              const char   *now,
                                              GError      **error);
LumCustomer *lum_customer_store_get          (LumDb        *db,
                                              gint64        id,
                                              GError      **error);
gboolean     lum_customer_store_get_terms_days (LumDb     *db,
                                                gint64     id,
                                                int       *terms_days,
                                                GError   **error);
LumCustomer *lum_customer_store_find         (LumDb        *db,
                                              const char   *name_or_id,
                                              GError      **error);
gint64       lum_customer_store_id_by_name   (LumDb        *db,
                                              const char   *name);
GListStore  *lum_customer_store_search       (LumDb        *db,
                                              const char   *text,
                                              gboolean      include_test,
                                              guint         limit,
                                              GError      **error);

G_END_DECLS

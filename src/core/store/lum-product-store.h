/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "lum-db.h"
#include "model/lum-product.h"

G_BEGIN_DECLS

/* Products, by SKU. */
gboolean     lum_product_store_save          (LumDb        *db,
                                              LumProduct   *product,
                                              const char   *now,
                                              GError      **error);
LumProduct  *lum_product_store_find          (LumDb        *db,
                                              const char   *sku,
                                              GError      **error);
GListStore  *lum_product_store_search        (LumDb        *db,
                                              const char   *text,
                                              guint         limit,
                                              GError      **error);

G_END_DECLS

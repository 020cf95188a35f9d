/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LUM_TYPE_PRODUCT (lum_product_get_type ())
G_DECLARE_FINAL_TYPE (LumProduct, lum_product, LUM, PRODUCT, GObject)

LumProduct *lum_product_new                  (const char *sku,
                                              const char *name,
                                              gint64      unit_price_cents,
                                              double      weight_oz);
gint64      lum_product_get_id               (LumProduct *self);
gint64      lum_product_get_version          (LumProduct *self);
void        lum_product_set_version          (LumProduct *self,
                                              gint64      version);
void        lum_product_set_id               (LumProduct *self,
                                              gint64      id);
const char *lum_product_get_sku              (LumProduct *self);
const char *lum_product_get_name             (LumProduct *self);
gint64      lum_product_get_unit_price_cents (LumProduct *self);
double      lum_product_get_weight_oz        (LumProduct *self);

G_END_DECLS

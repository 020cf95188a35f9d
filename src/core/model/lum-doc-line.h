/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One line of a sales order or an invoice. Money is integer cents. */
#define LUM_TYPE_DOC_LINE (lum_doc_line_get_type ())
G_DECLARE_FINAL_TYPE (LumDocLine, lum_doc_line, LUM, DOC_LINE, GObject)

LumDocLine *lum_doc_line_new                  (const char *sku,
                                               gint64      quantity,
                                               gint64      unit_price_cents);
LumDocLine *lum_doc_line_copy                 (LumDocLine *self);
const char *lum_doc_line_get_sku              (LumDocLine *self);
void        lum_doc_line_set_sku              (LumDocLine *self,
                                               const char *sku);
const char *lum_doc_line_get_description      (LumDocLine *self);
void        lum_doc_line_set_description      (LumDocLine *self,
                                               const char *description);
gint64      lum_doc_line_get_quantity         (LumDocLine *self);
void        lum_doc_line_set_quantity         (LumDocLine *self,
                                               gint64      quantity);
gint64      lum_doc_line_get_unit_price_cents (LumDocLine *self);
void        lum_doc_line_set_unit_price_cents (LumDocLine *self,
                                               gint64      cents);
gint64      lum_doc_line_get_total_cents      (LumDocLine *self);

G_END_DECLS

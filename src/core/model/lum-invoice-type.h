/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LUM_TYPE_INVOICE_TYPE (lum_invoice_type_get_type ())
G_DECLARE_FINAL_TYPE (LumInvoiceType, lum_invoice_type, LUM, INVOICE_TYPE, GObject)

LumInvoiceType *lum_invoice_type_new      (gint64          id,
                                           const char     *name);
gint64          lum_invoice_type_get_id   (LumInvoiceType *self);
const char     *lum_invoice_type_get_name (LumInvoiceType *self);

G_END_DECLS

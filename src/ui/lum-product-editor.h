/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lum-engine-documents.h"

G_BEGIN_DECLS

#define LUM_TYPE_PRODUCT_EDITOR (lum_product_editor_get_type ())
G_DECLARE_FINAL_TYPE (LumProductEditor, lum_product_editor, LUM, PRODUCT_EDITOR, AdwWindow)

LumProductEditor *lum_product_editor_new (GtkWindow  *parent,
                                          LumEngine  *engine,
                                          LumProduct *product);

G_END_DECLS

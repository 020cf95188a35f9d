/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lum-engine-documents.h"

G_BEGIN_DECLS

#define LUM_TYPE_SHIP_DIALOG (lum_ship_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LumShipDialog, lum_ship_dialog, LUM, SHIP_DIALOG, AdwWindow)

LumShipDialog *lum_ship_dialog_new          (GtkWindow     *parent,
                                             LumEngine     *engine,
                                             LumDocument   *order);
GtkSpinButton *lum_ship_dialog_get_quantity (LumShipDialog *self,
                                             const char    *sku);

G_END_DECLS

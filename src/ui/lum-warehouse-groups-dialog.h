/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lum-engine.h"

G_BEGIN_DECLS

#define LUM_TYPE_WAREHOUSE_GROUPS_DIALOG (lum_warehouse_groups_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LumWarehouseGroupsDialog, lum_warehouse_groups_dialog, LUM, WAREHOUSE_GROUPS_DIALOG, AdwWindow)

LumWarehouseGroupsDialog *lum_warehouse_groups_dialog_new (LumEngine *engine,
                                                           GtkWindow *parent);

G_END_DECLS

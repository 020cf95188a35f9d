/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lum-engine.h"
#include "model/lum-remote-store.h"

G_BEGIN_DECLS

#define LUM_TYPE_STORE_CHOOSER (lum_store_chooser_get_type ())
G_DECLARE_FINAL_TYPE (LumStoreChooser, lum_store_chooser, LUM, STORE_CHOOSER, GObject)

LumStoreChooser *lum_store_chooser_new         (LumEngine       *engine,
                                                AdwComboRow     *store_row,
                                                AdwEntryRow     *store_id_row,
                                                AdwActionRow    *status_row,
                                                GtkStack        *status_stack,
                                                GtkSpinner      *spinner,
                                                GtkWidget       *retry_button);
void             lum_store_chooser_load        (LumStoreChooser *self,
                                                gint64           oms_id,
                                                const char      *store_id);
void             lum_store_chooser_fetch       (LumStoreChooser *self,
                                                gint64           oms_id,
                                                gboolean         force);
LumRemoteStore  *lum_store_chooser_get_store   (LumStoreChooser *self);
gboolean         lum_store_chooser_is_filling  (LumStoreChooser *self);
void             lum_store_chooser_update_rows (LumStoreChooser *self,
                                                gboolean         active);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lum-engine.h"

G_BEGIN_DECLS

#define LUM_TYPE_CHANNELS_PAGE (lum_channels_page_get_type ())
G_DECLARE_FINAL_TYPE (LumChannelsPage, lum_channels_page, LUM, CHANNELS_PAGE, GtkWidget)

GtkWidget  *lum_channels_page_new               (LumEngine       *engine);
GListModel *lum_channels_page_get_model         (LumChannelsPage *self);
gboolean    lum_channels_page_get_show_archived (LumChannelsPage *self);
void        lum_channels_page_set_show_archived (LumChannelsPage *self,
                                                 gboolean         show_archived);
void        lum_channels_page_reload            (LumChannelsPage *self);

G_END_DECLS

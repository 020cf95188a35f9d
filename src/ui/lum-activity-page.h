/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lum-engine.h"

G_BEGIN_DECLS

#define LUM_TYPE_ACTIVITY_PAGE (lum_activity_page_get_type ())
G_DECLARE_FINAL_TYPE (LumActivityPage, lum_activity_page, LUM, ACTIVITY_PAGE, GtkWidget)

GtkWidget  *lum_activity_page_new        (LumEngine       *engine);
GListModel *lum_activity_page_get_model  (LumActivityPage *self);
const char *lum_activity_page_get_filter (LumActivityPage *self);
void        lum_activity_page_set_filter (LumActivityPage *self,
                                          const char      *state);
void        lum_activity_page_reload     (LumActivityPage *self);

G_END_DECLS

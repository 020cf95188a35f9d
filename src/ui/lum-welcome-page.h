/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lum-engine.h"

G_BEGIN_DECLS

#define LUM_TYPE_WELCOME_PAGE (lum_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (LumWelcomePage, lum_welcome_page, LUM, WELCOME_PAGE, GtkWidget)

GtkWidget *lum_welcome_page_new         (LumEngine *engine);
gboolean   lum_welcome_page_should_show (LumEngine *engine);

G_END_DECLS

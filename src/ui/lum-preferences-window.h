/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lum-engine.h"

G_BEGIN_DECLS

#define LUM_TYPE_PREFERENCES_WINDOW (lum_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (LumPreferencesWindow, lum_preferences_window, LUM, PREFERENCES_WINDOW, AdwPreferencesWindow)

LumPreferencesWindow *lum_preferences_window_new (GtkWindow *parent,
                                                  LumEngine *engine);

G_END_DECLS

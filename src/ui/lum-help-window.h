/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LUM_TYPE_HELP_WINDOW (lum_help_window_get_type ())
G_DECLARE_FINAL_TYPE (LumHelpWindow, lum_help_window, LUM, HELP_WINDOW, AdwWindow)

LumHelpWindow *lum_help_window_show       (GtkWindow     *parent,
                                           const char    *topic);
void           lum_help_window_set_topic  (LumHelpWindow *self,
                                           const char    *topic);
const char    *lum_help_window_get_topic  (LumHelpWindow *self);

G_END_DECLS

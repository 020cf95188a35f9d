/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void      lum_ui_name_buttons_by_label (GtkWidget  *root);
AdwToast *lum_ui_toast_new             (const char *text);
AdwToast *lum_ui_toast_new_printf      (const char *format,
                                        ...) G_GNUC_PRINTF (1, 2);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void lum_ui_name_buttons_by_label (GtkWidget *root);

G_END_DECLS

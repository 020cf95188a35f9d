/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LUM_TYPE_WRAP_LAYOUT (lum_wrap_layout_get_type ())
G_DECLARE_FINAL_TYPE (LumWrapLayout, lum_wrap_layout, LUM, WRAP_LAYOUT, GtkLayoutManager)

G_END_DECLS

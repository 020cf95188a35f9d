/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *lum_request_view_new            (const char *heading,
                                            const char *copy_label,
                                            const char *body,
                                            const char *mapped);
GtkWidget *lum_request_view_mapped_row_new (const char *line);
guint      lum_request_view_count_mapped   (const char *mapped);

G_END_DECLS

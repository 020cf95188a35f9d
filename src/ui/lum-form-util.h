/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Errors shown where they happened, as the channel editor shows them: the
 * row turns red and a message row follows it in the same list. */
void lum_form_set_row_error   (GtkWidget  *row,
                               const char *message);
void lum_form_clear_row_error (GtkWidget  *row);
void lum_form_scroll_to       (GtkWidget  *widget);
void lum_form_toast_error     (AdwToastOverlay *overlay,
                               const GError    *error);
void lum_form_destroy_later   (GtkWindow       *window);
GtkWidget *lum_form_row_of    (GtkWidget       *widget);
GtkWidget *lum_form_changed_dialog_new (GtkWindow    *editor,
                                        const GError *error);
GtkWidget *lum_form_discard_dialog_new (GtkWindow  *editor,
                                        const char *body);

G_END_DECLS

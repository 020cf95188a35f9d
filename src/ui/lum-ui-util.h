/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void      lum_ui_name_buttons_by_label (GtkWidget  *root);
void      lum_ui_name_list_item        (GtkWidget  *child,
                                        const char *text);
char     *lum_ui_choice_action_name    (const char *text);
void      lum_ui_combo_row_make_accessible (AdwComboRow *row);
void      lum_ui_drop_down_make_accessible (GtkDropDown *dropdown);
void      lum_ui_column_view_name_titles   (GtkColumnView *view);
void      lum_ui_column_view_fit_columns   (GtkColumnView              *view,
                                            GtkColumnViewColumn * const *columns,
                                            guint                        n_columns);
void      lum_ui_set_error_message     (GtkWidget  *widget,
                                        GtkWidget  *message);
AdwToast *lum_ui_toast_new             (const char *text);
AdwToast *lum_ui_toast_new_printf      (const char *format,
                                        ...) G_GNUC_PRINTF (1, 2);

G_END_DECLS

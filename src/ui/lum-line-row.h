/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lum-engine-documents.h"
#include "lum-engine-stock.h"
#include "lum-suggestion-popover.h"

G_BEGIN_DECLS

#define LUM_TYPE_LINE_ROW (lum_line_row_get_type ())
G_DECLARE_FINAL_TYPE (LumLineRow, lum_line_row, LUM, LINE_ROW, GtkListBoxRow)

GtkWidget            *lum_line_row_new             (LumEngine  *engine,
                                                    LumDocLine *line);
LumDocLine           *lum_line_row_get_line        (LumLineRow *self);
gint64                lum_line_row_get_total_cents (LumLineRow *self);
gboolean              lum_line_row_check           (LumLineRow *self,
                                                    GError    **error);
gboolean              lum_line_row_check_price     (LumLineRow *self,
                                                    GError    **error);
void                  lum_line_row_set_number      (LumLineRow *self,
                                                    guint       number);
void                  lum_line_row_set_error       (LumLineRow *self,
                                                    const char *message);
void                  lum_line_row_focus_sku       (LumLineRow *self);
LumSuggestionPopover *lum_line_row_get_popover     (LumLineRow *self);
void                  lum_line_row_set_channel     (LumLineRow *self,
                                                    LumChannel *channel);
gboolean              lum_line_row_get_shortfall   (LumLineRow *self,
                                                    gint64     *available);
const char           *lum_line_row_get_stock_text  (LumLineRow *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "lum-document-list.h"

G_BEGIN_DECLS

/* The cells of the Sales Orders and Invoices pages. Documents of a list
 * page are snapshots (the list replaces them when anything changes), so a
 * cell is filled once when bound. */
typedef enum
{
  LUM_CELL_TEXT,
  LUM_CELL_DATE,
  LUM_CELL_MONEY,
  LUM_CELL_STATUS,
  LUM_CELL_PUSH,
  LUM_CELL_FULFILLMENT,
} LumCellKind;

void     lum_document_column_setup     (GtkColumnViewColumn *column,
                                        LumCellKind          kind,
                                        LumDocText           field,
                                        int                  width_chars);
void     lum_document_column_set_sort  (GtkColumnViewColumn *column,
                                        LumDocSort           sort);
gboolean lum_document_columns_get_sort (GtkColumnView       *view,
                                        LumDocSort          *sort,
                                        gboolean            *descending);

/* A filter drop-down: an “any” entry, then labelled values. */
typedef struct
{
  const char *value;
  const char *label;
} LumFilterChoice;

void        lum_filter_dropdown_setup  (GtkDropDown           *dropdown,
                                        const LumFilterChoice *choices,
                                        guint                  n_choices);
const char *lum_filter_dropdown_value  (GtkDropDown           *dropdown,
                                        const LumFilterChoice *choices,
                                        guint                  n_choices);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lum-field-mapping.h"

G_BEGIN_DECLS

#define LUM_TYPE_MAPPING_ROW (lum_mapping_row_get_type ())
G_DECLARE_FINAL_TYPE (LumMappingRow, lum_mapping_row, LUM, MAPPING_ROW, GtkListBoxRow)

GtkWidget       *lum_mapping_row_new         (LumFieldMapping *mapping);
LumFieldMapping *lum_mapping_row_get_mapping (LumMappingRow   *self);
void             lum_mapping_row_set_number  (LumMappingRow   *self,
                                              guint            number,
                                              guint            n_rows);
void             lum_mapping_row_set_error   (LumMappingRow   *self,
                                              const char      *message);
void             lum_mapping_row_focus_remote_field (LumMappingRow *self);

G_END_DECLS

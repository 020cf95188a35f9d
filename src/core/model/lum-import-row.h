/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One row of an import preview: what it will add or update, or why not. */
#define LUM_TYPE_IMPORT_ROW (lum_import_row_get_type ())
G_DECLARE_FINAL_TYPE (LumImportRow, lum_import_row, LUM, IMPORT_ROW, GObject)

LumImportRow *lum_import_row_new         (guint         line,
                                          GObject      *record,
                                          const char   *summary,
                                          gboolean      update,
                                          const char   *error);
guint         lum_import_row_get_line    (LumImportRow *self);
gpointer      lum_import_row_get_record  (LumImportRow *self);
const char   *lum_import_row_get_summary (LumImportRow *self);
gboolean      lum_import_row_get_update  (LumImportRow *self);
const char   *lum_import_row_get_error   (LumImportRow *self);

G_END_DECLS

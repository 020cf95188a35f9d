/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lum-engine-import.h"

G_BEGIN_DECLS

#define LUM_TYPE_IMPORT_DIALOG (lum_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LumImportDialog, lum_import_dialog, LUM, IMPORT_DIALOG, AdwWindow)

LumImportDialog *lum_import_dialog_new          (GtkWindow       *parent,
                                                 LumEngine       *engine,
                                                 LumImportKind    kind,
                                                 GListModel      *rows,
                                                 const char      *file_name);
GListModel      *lum_import_dialog_get_rows     (LumImportDialog *self);
guint            lum_import_dialog_get_n_good   (LumImportDialog *self);
guint            lum_import_dialog_get_n_errors (LumImportDialog *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-engine.h"
#include "model/lum-import-row.h"

G_BEGIN_DECLS

typedef enum
{
  LUM_IMPORT_CUSTOMERS,
  LUM_IMPORT_PRODUCTS,
} LumImportKind;

typedef enum
{
  LUM_IMPORT_ERROR_HEADER,
  LUM_IMPORT_ERROR_EMPTY,
} LumImportError;

#define LUM_IMPORT_ERROR (lum_import_error_quark ())
GQuark lum_import_error_quark (void);

GListStore *lum_engine_import_preview (LumEngine      *self,
                                       LumImportKind   kind,
                                       const char     *text,
                                       gssize          length,
                                       GError        **error);
gboolean    lum_engine_import_commit  (LumEngine      *self,
                                       GListModel     *rows,
                                       guint          *n_added,
                                       guint          *n_updated,
                                       GError        **error);
char       *lum_import_columns        (LumImportKind   kind);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lum-engine-documents.h"

G_BEGIN_DECLS

#define LUM_TYPE_DOCUMENT_EDITOR (lum_document_editor_get_type ())
G_DECLARE_FINAL_TYPE (LumDocumentEditor, lum_document_editor, LUM, DOCUMENT_EDITOR, AdwWindow)

LumDocumentEditor *lum_document_editor_new          (GtkWindow         *parent,
                                                     LumEngine         *engine,
                                                     LumDocument       *document);
LumDocument       *lum_document_editor_get_document (LumDocumentEditor *self);
gboolean           lum_document_editor_get_modified (LumDocumentEditor *self);
GtkWidget         *lum_document_editor_add_line     (LumDocumentEditor *self);
gint64             lum_document_editor_get_total_cents (LumDocumentEditor *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lum-engine-documents.h"

G_BEGIN_DECLS

#define LUM_TYPE_DOCUMENT_VIEW (lum_document_view_get_type ())
G_DECLARE_FINAL_TYPE (LumDocumentView, lum_document_view, LUM, DOCUMENT_VIEW, AdwWindow)

LumDocumentView *lum_document_view_new          (GtkWindow       *parent,
                                                 LumEngine       *engine,
                                                 LumDocumentKind  kind,
                                                 gint64           id);
LumDocumentKind  lum_document_view_get_kind     (LumDocumentView *self);
gint64           lum_document_view_get_id       (LumDocumentView *self);
LumDocument     *lum_document_view_get_document (LumDocumentView *self);
void             lum_document_view_reload       (LumDocumentView *self);
void             lum_document_view_add_toast    (LumDocumentView *self,
                                                 AdwToast        *toast);

G_END_DECLS

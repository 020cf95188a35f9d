/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "lum-engine-documents.h"

G_BEGIN_DECLS

JsonNode *lum_engine_document_to_json (LumEngine    *self,
                                       LumDocument  *doc,
                                       GError      **error);
JsonNode *lum_document_row_to_json    (LumDocument  *doc);
JsonNode *lum_job_to_json             (LumJob       *job);
JsonNode *lum_event_to_json           (LumEvent     *event);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "model/lum-field-path.h"
#include "model/lum-enums.h"

G_BEGIN_DECLS

const char * const *lum_identity_fields          (LumIntegrationKind  kind);
const char         *lum_identity_field_covering  (LumIntegrationKind  kind,
                                                  LumFieldPath       *path);

G_END_DECLS

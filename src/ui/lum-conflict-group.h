/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lum-engine-documents.h"

G_BEGIN_DECLS

#define LUM_TYPE_CONFLICT_GROUP (lum_conflict_group_get_type ())
G_DECLARE_FINAL_TYPE (LumConflictGroup, lum_conflict_group, LUM, CONFLICT_GROUP, AdwBin)

void lum_conflict_group_show_order (LumConflictGroup *self,
                                    LumEngine        *engine,
                                    gint64            order_id);

G_END_DECLS

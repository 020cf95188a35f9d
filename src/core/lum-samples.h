/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-engine.h"

G_BEGIN_DECLS

gboolean lum_engine_seed_samples (LumEngine  *self,
                                  GError    **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lum-engine.h"

G_BEGIN_DECLS

#define LUM_TYPE_APPLICATION (lum_application_get_type ())
G_DECLARE_FINAL_TYPE (LumApplication, lum_application, LUM, APPLICATION, AdwApplication)

LumApplication *lum_application_new        (void);
LumEngine      *lum_application_get_engine (LumApplication *self);

G_END_DECLS

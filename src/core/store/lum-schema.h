/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int         lum_schema_get_n_migrations (void);
const char *lum_schema_get_migration    (int version);

G_END_DECLS

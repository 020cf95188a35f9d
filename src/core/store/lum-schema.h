/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The migration that rewrites the tables' CHECK (… IN (…)) constraints,
 * which SQL alone cannot do: see lum_schema_rewrite_in_checks(). */
#define LUM_SCHEMA_VERSION_CHECKS_REWRITTEN 7
/* The migration that lets integration.kind be 'shipstation-v2'. */
#define LUM_SCHEMA_VERSION_SHIPSTATION_V2   11

int         lum_schema_get_n_migrations   (void);
const char *lum_schema_get_migration      (int         version);
char       *lum_schema_rewrite_in_checks  (const char *sql);
char       *lum_schema_allow_shipstation_v2 (const char *sql);
char       *lum_schema_get_migration_for_postgresql (int version);

G_END_DECLS

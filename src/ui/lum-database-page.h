/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LUM_TYPE_DATABASE_PAGE (lum_database_page_get_type ())
G_DECLARE_FINAL_TYPE (LumDatabasePage, lum_database_page, LUM, DATABASE_PAGE, AdwPreferencesPage)

LumDatabasePage *lum_database_page_new (GSettings *settings);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "lum-db.h"

G_BEGIN_DECLS

char        *lum_sync_cursor_get              (LumDb             *db,
                                               gint64             integration_id,
                                               const char        *name);
gboolean     lum_sync_cursor_set              (LumDb             *db,
                                               gint64             integration_id,
                                               const char        *name,
                                               const char        *value,
                                               const char        *now,
                                               GError           **error);

G_END_DECLS

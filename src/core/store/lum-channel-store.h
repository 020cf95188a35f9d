/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "lum-db.h"
#include "model/lum-channel.h"

G_BEGIN_DECLS

GListStore *lum_channel_store_list       (LumDb       *db,
                                          gboolean     include_archived,
                                          GError     **error);
LumChannel *lum_channel_store_get        (LumDb       *db,
                                          gint64       id,
                                          GError     **error);
LumChannel *lum_channel_store_find       (LumDb       *db,
                                          const char  *name_or_id,
                                          GError     **error);
gint64      lum_channel_store_id_by_name (LumDb       *db,
                                          const char  *name,
                                          GError     **error);
gboolean    lum_channel_store_save       (LumDb       *db,
                                          LumChannel  *channel,
                                          const char  *now,
                                          GError     **error);

char       *lum_channel_store_get_config (LumDb      *db,
                                          gint64      id);

G_END_DECLS

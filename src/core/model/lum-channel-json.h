/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "lum-channel.h"

G_BEGIN_DECLS

JsonNode   *lum_channel_to_json          (LumChannel  *channel);
char       *lum_channel_to_config        (LumChannel  *channel);
LumChannel *lum_channel_new_from_config  (const char  *config,
                                          GError     **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "lum-channel.h"

G_BEGIN_DECLS

JsonNode *lum_channel_to_json (LumChannel *channel);

G_END_DECLS

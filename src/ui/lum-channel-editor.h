/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lum-engine.h"
#include "model/lum-channel.h"

G_BEGIN_DECLS

#define LUM_TYPE_CHANNEL_EDITOR (lum_channel_editor_get_type ())
G_DECLARE_FINAL_TYPE (LumChannelEditor, lum_channel_editor, LUM, CHANNEL_EDITOR, AdwWindow)

LumChannelEditor *lum_channel_editor_new          (GtkWindow        *parent,
                                                   LumEngine        *engine,
                                                   LumChannel       *channel);
LumChannel       *lum_channel_editor_get_channel  (LumChannelEditor *self);
gboolean          lum_channel_editor_get_modified (LumChannelEditor *self);

G_END_DECLS

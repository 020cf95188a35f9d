/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "lum-engine.h"
#include "model/lum-channel.h"

G_BEGIN_DECLS

void lum_sent_section_fill (GtkBox     *box,
                            LumEngine  *engine,
                            LumChannel *config,
                            GListModel *jobs);

G_END_DECLS

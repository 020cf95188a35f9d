/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LUM_TYPE_LIST_RELAY (lum_list_relay_get_type ())
G_DECLARE_FINAL_TYPE (LumListRelay, lum_list_relay, LUM, LIST_RELAY, GObject)

LumListRelay *lum_list_relay_new       (GListModel   *model);
GListModel   *lum_list_relay_get_model (LumListRelay *self);
void          lum_list_relay_set_limit (LumListRelay *self,
                                        guint         limit);
void          lum_list_relay_set_swap  (LumListRelay *self,
                                        gboolean      swap);

G_END_DECLS

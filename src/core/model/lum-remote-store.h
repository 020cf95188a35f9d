/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A store (ShipStation) or customer/facility pair (Extensiv) inside an OMS. */
#define LUM_TYPE_REMOTE_STORE (lum_remote_store_get_type ())
G_DECLARE_FINAL_TYPE (LumRemoteStore, lum_remote_store, LUM, REMOTE_STORE, GObject)

LumRemoteStore *lum_remote_store_new           (const char     *remote_id,
                                                const char     *name);
const char     *lum_remote_store_get_remote_id (LumRemoteStore *self);
const char     *lum_remote_store_get_name      (LumRemoteStore *self);
char           *lum_remote_store_dup_label     (LumRemoteStore *self);

G_END_DECLS

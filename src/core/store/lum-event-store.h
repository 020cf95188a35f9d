/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "lum-db.h"
#include "model/lum-enums.h"
#include "model/lum-event.h"

G_BEGIN_DECLS

gint64      lum_event_store_append      (LumDb              *db,
                                         const char         *at,
                                         LumActor            actor,
                                         const char         *kind,
                                         gint64              channel_id,
                                         gint64              sales_order_id,
                                         gint64              invoice_id,
                                         gint64              job_id,
                                         const char         *details,
                                         GError            **error);
GListStore *lum_event_store_list        (LumDb              *db,
                                         gint64              sales_order_id,
                                         gint64              invoice_id,
                                         guint               limit,
                                         GError            **error);

G_END_DECLS

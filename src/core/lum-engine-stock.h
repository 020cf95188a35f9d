/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-engine.h"
#include "model/lum-channel.h"
#include "model/lum-stock-level.h"

G_BEGIN_DECLS

gboolean   lum_engine_replace_stock       (LumEngine           *self,
                                           gint64               integration_id,
                                           const char          *sku,
                                           GPtrArray           *levels,
                                           GError             **error);
GPtrArray *lum_engine_list_stock          (LumEngine           *self,
                                           const char          *sku,
                                           GError             **error);
gboolean   lum_engine_get_availability    (LumEngine           *self,
                                           gint64               integration_id,
                                           const char          *sku,
                                           const char * const  *warehouse_ids,
                                           LumAvailability     *availability,
                                           GError             **error);
gboolean   lum_engine_channel_availability (LumEngine          *self,
                                            LumChannel         *channel,
                                            const char         *sku,
                                            const char * const *warehouse_ids,
                                            LumAvailability    *availability,
                                            GError            **error);
gboolean   lum_engine_group_availability   (LumEngine          *self,
                                            LumChannel         *channel,
                                            const char         *sku,
                                            LumAvailability    *availability,
                                            GError            **error);
char      *lum_engine_no_link_text         (LumChannel         *channel);
char      *lum_engine_stock_read_at        (LumEngine          *self,
                                            gint64              integration_id);

G_END_DECLS

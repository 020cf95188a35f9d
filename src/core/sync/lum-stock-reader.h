/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * LumStockReader: reads the stock every OMS integration whose API reports
 * it (ShipStation V2, Extensiv) and keeps each reading, with the time it
 * was read. LumSyncService runs it on the poll's timer; `lumenctl product
 * stock --refresh` on demand. An integration that fails keeps its last
 * reading, and the others are read all the same.
 */
#define LUM_TYPE_STOCK_READER (lum_stock_reader_get_type ())
G_DECLARE_FINAL_TYPE (LumStockReader, lum_stock_reader, LUM, STOCK_READER, GObject)

typedef struct _LumSyncService LumSyncService;

LumStockReader *lum_stock_reader_new         (LumSyncService       *service);
void            lum_stock_reader_read_async  (LumStockReader       *self,
                                              const char           *sku,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean        lum_stock_reader_read_finish (LumStockReader       *self,
                                              GAsyncResult         *result,
                                              guint                *n_read,
                                              GStrv                *failures,
                                              GError              **error);

G_END_DECLS

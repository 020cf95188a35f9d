/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "store/lum-db.h"

G_BEGIN_DECLS

#define LUM_ENGINE_DB_ENV "LUMEN_DB"

/* Microseconds since the Unix epoch, UTC. */
typedef gint64 (*LumClockFunc) (gpointer user_data);

#define LUM_TYPE_ENGINE (lum_engine_get_type ())
G_DECLARE_FINAL_TYPE (LumEngine, lum_engine, LUM, ENGINE, GObject)

char              *lum_engine_default_db_path        (void);
LumEngine         *lum_engine_new                    (const char        *db_path,
                                                      GError           **error);
LumEngine         *lum_engine_new_waiting            (const char        *db_path,
                                                      guint              wait_ms,
                                                      LumDbWaitFunc      wait_func,
                                                      gpointer           user_data,
                                                      GError           **error);
gboolean           lum_engine_check_integrity        (LumEngine         *self,
                                                      GError           **error);
void               lum_engine_check_integrity_async  (LumEngine           *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean           lum_engine_check_integrity_finish (LumEngine         *self,
                                                      GAsyncResult      *result,
                                                      GError           **error);
void               lum_engine_set_clock              (LumEngine         *self,
                                                      LumClockFunc       func,
                                                      gpointer           user_data,
                                                      GDestroyNotify     destroy);
gint64             lum_engine_now                    (LumEngine         *self);
char              *lum_engine_now_text               (LumEngine         *self);
void               lum_engine_emit_changed           (LumEngine         *self,
                                                      const char        *what);
gboolean           lum_engine_check_external_changes (LumEngine         *self);
void               lum_engine_set_actor_name         (LumEngine         *self,
                                                      const char        *name);
const char        *lum_engine_get_actor_name         (LumEngine         *self);

G_END_DECLS

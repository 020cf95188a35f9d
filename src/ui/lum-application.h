/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lum-engine.h"
#include "lum-sandbox.h"
#include "model/lum-job.h"

G_BEGIN_DECLS

#define LUM_TYPE_APPLICATION (lum_application_get_type ())
G_DECLARE_FINAL_TYPE (LumApplication, lum_application, LUM, APPLICATION, AdwApplication)

LumApplication *lum_application_new               (void);
void            lum_application_set_accels        (GtkApplication       *app);
LumEngine      *lum_application_get_engine        (LumApplication       *self);
LumSandbox     *lum_application_get_sandbox       (LumApplication       *self);
gboolean        lum_application_get_syncing       (LumApplication       *self);
guint           lum_application_get_n_failed_jobs (LumApplication       *self);
gboolean        lum_application_get_in_background (LumApplication       *self);
guint           lum_application_count_pending_jobs (LumApplication      *self);
void            lum_application_pause_push_async  (LumApplication       *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean        lum_application_pause_push_finish (LumApplication       *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void            lum_application_resume_push       (LumApplication       *self);

GSettings      *lum_application_dup_settings      (void);
gboolean        lum_embedded_sandbox_wanted       (LumEngine            *engine);
LumSandbox     *lum_embedded_sandbox_start        (LumEngine            *engine,
                                                   GError              **error);

G_END_DECLS

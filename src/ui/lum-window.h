/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lum-application.h"
#include "lum-engine.h"

G_BEGIN_DECLS

#define LUM_TYPE_WINDOW (lum_window_get_type ())
G_DECLARE_FINAL_TYPE (LumWindow, lum_window, LUM, WINDOW, AdwApplicationWindow)

LumWindow *lum_window_new                 (LumApplication *application,
                                           LumEngine      *engine);
LumEngine *lum_window_get_engine          (LumWindow      *self);
void       lum_window_show_database_error (LumWindow      *self,
                                           const char     *path,
                                           const GError   *error);
void       lum_window_add_toast           (LumWindow      *self,
                                           AdwToast       *toast);
GtkWidget *lum_window_get_page            (LumWindow      *self,
                                           const char     *name);
void       lum_window_show_page           (LumWindow      *self,
                                           const char     *name);
GtkWindow *lum_window_edit_channel        (LumWindow      *self,
                                           LumChannel     *channel);
void       lum_window_archive_channel     (LumWindow      *self,
                                           LumChannel     *channel);
void       lum_window_restore_channel     (LumWindow      *self,
                                           LumChannel     *channel);
void       lum_window_duplicate_channel   (LumWindow      *self,
                                           LumChannel     *channel,
                                           gboolean        edit);

G_END_DECLS

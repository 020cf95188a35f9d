/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lum-application.h"
#include "lum-engine-documents.h"
#include "lum-engine-import.h"
#include "model/lum-channel.h"

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
GtkWindow *lum_window_new_document        (LumWindow      *self,
                                           LumDocumentKind kind);
GtkWindow *lum_window_open_document       (LumWindow      *self,
                                           LumDocumentKind kind,
                                           gint64          id);
void       lum_window_notify_posted       (LumWindow      *self,
                                           LumDocument    *doc,
                                           GtkWidget      *where);
GtkWindow *lum_window_edit_customer       (LumWindow      *self,
                                           LumCustomer    *customer);
GtkWindow *lum_window_edit_product        (LumWindow      *self,
                                           LumProduct     *product);
void       lum_window_import_file         (LumWindow      *self,
                                           LumImportKind   kind,
                                           GFile          *file);

G_END_DECLS

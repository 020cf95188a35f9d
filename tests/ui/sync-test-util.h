/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ui-test-util.h"

G_BEGIN_DECLS

/* What the UI tests of sync, integrations and the channel test share. */

typedef gboolean (*SyncTestCondition) (gpointer user_data);

void        sync_test_wait            (SyncTestCondition condition,
                                       gpointer          user_data,
                                       guint             timeout_seconds,
                                       const char       *what);
gpointer    sync_test_find_toplevel   (GType             type);
GtkWidget  *sync_test_find_named      (GtkWidget        *root,
                                       const char       *name);
GtkWidget  *sync_test_find_label      (GtkWidget        *root,
                                       const char       *text);
void        sync_test_save_shot       (GtkWidget        *window,
                                       const char       *name);
void        sync_test_close_toplevels (void);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lum-engine.h"
#include "model/lum-channel.h"
#include "sync/lum-channel-test.h"

G_BEGIN_DECLS

#define LUM_TYPE_TEST_DIALOG (lum_test_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LumTestDialog, lum_test_dialog, LUM, TEST_DIALOG, AdwWindow)

LumTestDialog  *lum_test_dialog_new          (GtkWindow     *parent,
                                              LumEngine     *engine,
                                              LumChannel    *channel);
LumChannelTest *lum_test_dialog_get_test     (LumTestDialog *self);
gboolean        lum_test_dialog_get_running  (LumTestDialog *self);
gboolean        lum_test_dialog_get_finished (LumTestDialog *self);
char           *lum_test_dialog_dup_confirmation_text (LumTestDialog *self);

G_END_DECLS

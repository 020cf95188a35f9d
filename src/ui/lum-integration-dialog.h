/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lum-engine.h"
#include "model/lum-integration.h"

G_BEGIN_DECLS

#define LUM_TYPE_INTEGRATION_DIALOG (lum_integration_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LumIntegrationDialog, lum_integration_dialog, LUM, INTEGRATION_DIALOG, AdwWindow)

LumIntegrationDialog *lum_integration_dialog_new             (GtkWindow            *parent,
                                                              LumEngine            *engine,
                                                              LumIntegrationKind    kind,
                                                              LumIntegration       *integration);
LumIntegration       *lum_integration_dialog_get_integration (LumIntegrationDialog *self);

gboolean              lum_ui_open_uri                        (const char           *uri,
                                                              gpointer              user_data,
                                                              GError              **error);

G_END_DECLS

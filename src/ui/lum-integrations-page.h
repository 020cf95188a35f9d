/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lum-engine.h"

G_BEGIN_DECLS

#define LUM_TYPE_INTEGRATIONS_PAGE (lum_integrations_page_get_type ())
G_DECLARE_FINAL_TYPE (LumIntegrationsPage, lum_integrations_page, LUM, INTEGRATIONS_PAGE, GtkWidget)

GtkWidget  *lum_integrations_page_new             (LumEngine           *engine);
void        lum_integrations_page_reload          (LumIntegrationsPage *self);
const char *lum_integrations_page_get_result      (LumIntegrationsPage *self,
                                                   gint64               integration_id,
                                                   gboolean            *running,
                                                   gboolean            *ok);

G_END_DECLS

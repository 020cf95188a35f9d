/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "lum-engine.h"
#include "model/lum-channel.h"

G_BEGIN_DECLS

#define LUM_TYPE_FLOW_DIAGRAM (lum_flow_diagram_get_type ())
G_DECLARE_FINAL_TYPE (LumFlowDiagram, lum_flow_diagram, LUM, FLOW_DIAGRAM, GtkWidget)

GtkWidget  *lum_flow_diagram_new              (void);
void        lum_flow_diagram_set_channel      (LumFlowDiagram *self,
                                               LumChannel     *channel);
void        lum_flow_diagram_set_steps        (LumFlowDiagram *self,
                                               GListModel     *steps);
const char *lum_flow_diagram_get_description  (LumFlowDiagram *self);
const char *lum_flow_diagram_get_node_state   (LumFlowDiagram *self,
                                               const char     *node);
gboolean    lum_flow_diagram_get_node_bounds  (LumFlowDiagram  *self,
                                               const char      *node,
                                               graphene_rect_t *bounds);

G_END_DECLS

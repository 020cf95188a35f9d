/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LUM_TYPE_MAPPING_LIST (lum_mapping_list_get_type ())
G_DECLARE_FINAL_TYPE (LumMappingList, lum_mapping_list, LUM, MAPPING_LIST, GObject)

LumMappingList *lum_mapping_list_new          (GtkListBox     *list_box);
GListModel     *lum_mapping_list_get_mappings (LumMappingList *self);
void            lum_mapping_list_set_mappings (LumMappingList *self,
                                               GListModel     *mappings);
void            lum_mapping_list_add          (LumMappingList *self);
void            lum_mapping_list_clear_errors (LumMappingList *self);

G_END_DECLS

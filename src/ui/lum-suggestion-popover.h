/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What a suggestion shows: its title, or (@subtitle) the dim line below. */
typedef char *(*LumSuggestionTextFunc) (gpointer item,
                                        gboolean subtitle);

#define LUM_TYPE_SUGGESTION_POPOVER (lum_suggestion_popover_get_type ())
G_DECLARE_FINAL_TYPE (LumSuggestionPopover, lum_suggestion_popover, LUM, SUGGESTION_POPOVER, GtkPopover)

LumSuggestionPopover *lum_suggestion_popover_new          (GtkWidget             *entry,
                                                           LumSuggestionTextFunc  text_func);
void                  lum_suggestion_popover_set_items    (LumSuggestionPopover  *self,
                                                           GListModel            *items,
                                                           const char            *empty_text);
GListModel           *lum_suggestion_popover_get_items    (LumSuggestionPopover  *self);
gpointer              lum_suggestion_popover_get_selected (LumSuggestionPopover  *self);
void                  lum_suggestion_popover_choose       (LumSuggestionPopover  *self,
                                                           guint                  position);

G_END_DECLS

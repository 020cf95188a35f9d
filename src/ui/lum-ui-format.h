/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "lum-engine-documents.h"

G_BEGIN_DECLS

/* How the document pages show money, times and statuses. */
char       *lum_ui_format_money        (gint64       cents);
char       *lum_ui_format_money_entry  (gint64       cents);
char       *lum_ui_format_count        (guint64      n);
char       *lum_ui_format_date         (const char  *utc_text);
char       *lum_ui_format_time         (const char  *utc_text);
char       *lum_ui_format_address      (LumDocument *doc,
                                        gboolean     one_line);

const char *lum_ui_status_label        (const char  *status);
const char *lum_ui_push_label          (const char  *push_status);
const char *lum_ui_fulfillment_label   (const char  *status);
const char *lum_ui_actor_label         (const char  *actor);
char       *lum_ui_dup_actor_text      (const char  *actor,
                                        const char  *actor_name);
const char *lum_ui_job_kind_label      (const char  *kind);
const char *lum_ui_job_state_label     (const char  *state);
const char *lum_ui_status_style        (const char  *status);

GtkWidget  *lum_ui_badge_new           (void);
void        lum_ui_badge_set           (GtkWidget   *badge,
                                        const char  *label,
                                        const char  *style);
void        lum_ui_badge_set_status    (GtkWidget   *badge,
                                        const char  *status,
                                        const char *(*label_func) (const char *));

gboolean    lum_ui_parse_quantity      (const char  *text,
                                        gint64      *quantity);

G_END_DECLS

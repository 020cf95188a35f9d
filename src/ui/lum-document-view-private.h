/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-conflict-group.h"
#include "lum-document-view.h"
#include "lum-ui-format.h"
#include "lum-ui-util.h"
#include "model/lum-channel.h"

G_BEGIN_DECLS

/* A sales order or an invoice as it stands: statuses, details, lines, its
 * invoices or sales order, shipments, jobs and the timeline of events, with
 * the actions its state allows. It follows the database: anything the
 * engine changes (a push, a shipment polled in) shows at once. */
struct _LumDocumentView
{
  AdwWindow        parent_instance;

  LumEngine       *engine;
  LumDocumentKind  kind;
  gint64           id;
  LumDocument     *document;
  LumChannel      *config;

  AdwWindowTitle  *window_title;
  AdwToastOverlay *toast_overlay;
  GtkStack        *view_stack;
  AdwStatusPage   *missing_page;
  GtkWidget       *edit_button;
  GtkWidget       *post_button;
  GtkWidget       *ship_button;
  GtkWidget       *push_button;
  GtkLabel        *number_label;
  GtkLabel        *total_label;
  GtkWidget       *badge_box;
  GtkLabel        *summary_label;
  AdwPreferencesGroup *linked_group;
  AdwPreferencesGroup *shipments_group;
  LumConflictGroup    *conflict_group;
  GtkListBox      *status_list;
  GtkListBox      *details_list;
  GtkListBox      *lines_list;
  GtkListBox      *linked_list;
  GtkListBox      *shipments_list;
  GtkListBox      *jobs_list;
  GtkListBox      *timeline_list;
  GtkBox          *sent_box;
};

static inline gboolean
is_order (LumDocumentView *self)
{
  return self->kind == LUM_DOCUMENT_KIND_SALES_ORDER;
}

static inline const char *
text (LumDocumentView *self,
      LumDocText       field)
{
  return lum_document_get_text (self->document, field);
}

static inline gboolean
has_status (LumDocumentView *self,
            const char      *status)
{
  return g_strcmp0 (lum_document_get_status (self->document), status) == 0;
}

static inline void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static inline void
set_placeholder (GtkListBox *list,
                 const char *message)
{
  GtkWidget *label = gtk_label_new (message);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_list_box_set_placeholder (list, label);
}

/* A row of text; none of it is markup. */
static inline GtkWidget *
add_row (GtkListBox *list,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title ? title : "");
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_append (list, row);
  return row;
}

static inline GtkWidget *
badge_for (const char  *status,
           const char *(*label_func) (const char *))
{
  GtkWidget *badge = lum_ui_badge_new ();

  lum_ui_badge_set_status (badge, status, label_func);
  return badge;
}

/* lum-document-history.c */
void lum_document_view_build_status   (LumDocumentView *self,
                                       GListModel      *jobs);
void lum_document_view_build_jobs     (LumDocumentView *self,
                                       GListModel      *jobs);
void lum_document_view_build_timeline (LumDocumentView *self);

G_END_DECLS

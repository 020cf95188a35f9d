/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "lum-document-view-private.h"
#include "lum-engine-setup.h"
#include "lum-engine-warehouses.h"
#include "lum-engine-fulfillments.h"
#include "lum-ui-format.h"
#include "lum-ui-util.h"
#include "lum-util.h"

/* The document's sending and history: where its pushes stand, its jobs
 * and the timeline of its events. */

#define TIMELINE_LIMIT 500

static LumJob *
find_last_job (GListModel *jobs,
               LumJobKind  kind)
{
  /* Newest first. */
  for (guint i = 0; i < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr(LumJob) job = g_list_model_get_item (jobs, i);

      if (lum_job_get_kind (job) == kind)
        return g_steal_pointer (&job);
    }
  return NULL;
}

static GtkWidget *
add_retry_button (GtkWidget *row,
                  LumJob    *job)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Retry"));

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "view.retry-job");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", lum_job_get_id (job));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  lum_ui_name_buttons_by_label (row);
  return button;
}

/* Where the push to the OMS stands: waiting until when, done with which
 * id, or failed with what. */
static void
build_push_row (LumDocumentView *self,
                GListModel      *jobs)
{
  const char *status = text (self, LUM_DOC_PUSH_STATUS);
  const char *integration = self->config ? lum_channel_get_oms_integration_name (self->config) : NULL;
  g_autofree char *subtitle = NULL;
  g_autoptr(LumJob) job = find_last_job (jobs, LUM_JOB_KIND_PUSH_SALES_ORDER);
  GtkWidget *row;

  if (lum_str_empty (integration))
    integration = _("the OMS");

  if (g_strcmp0 (status, LUM_PUSH_SCHEDULED) == 0)
    {
      g_autofree char *due = lum_ui_format_time (text (self, LUM_DOC_PUSH_DUE_AT));
      /* Translators: the first %s is a date and time, the second an integration */
      subtitle = g_strdup_printf (_("Scheduled for %s, to %s"), due, integration);
    }
  else if (g_strcmp0 (status, LUM_PUSH_PUSHED) == 0)
    subtitle = g_strdup_printf (_("Pushed to %s with remote ID %s"), integration, text (self, LUM_DOC_REMOTE_ID));
  else if (g_strcmp0 (status, LUM_PUSH_FAILED) == 0)
    subtitle = g_strdup_printf (_("Failed: %s"), job ? lum_job_get_text (job, LUM_JOB_LAST_ERROR) : _("no reason recorded"));
  else if (has_status (self, LUM_STATUS_DRAFT))
    subtitle = g_strdup (self->config && lum_channel_get_push_to_oms (self->config)
                         ? _("Pushed once posted, as the channel says")
                         : _("Not pushed: the channel does not push to an OMS"));
  else if (self->config != NULL && !lum_channel_get_push_to_oms (self->config))
    subtitle = g_strdup (_("Not pushed: the channel does not push to an OMS"));
  else
    subtitle = g_strdup (_("Not pushed"));

  row = add_row (self->status_list, _("Push to OMS"), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge_for (status, lum_ui_push_label));
  if (g_strcmp0 (status, LUM_PUSH_FAILED) == 0)
    gtk_widget_add_css_class (row, "error");
  if (job != NULL && lum_job_get_state (job) == LUM_JOB_STATE_FAILED)
    add_retry_button (row, job);
}

static void
build_accounting_row (LumDocumentView *self,
                      GListModel      *jobs)
{
  const char *status = text (self, LUM_DOC_ACCOUNTING_STATUS);
  const char *integration = self->config ? lum_channel_get_accounting_integration_name (self->config) : NULL;
  g_autoptr(LumJob) job = find_last_job (jobs, LUM_JOB_KIND_PUSH_INVOICE);
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  if (lum_str_empty (integration))
    integration = "QuickBooks Online";

  if (g_strcmp0 (status, LUM_PUSH_SCHEDULED) == 0)
    subtitle = g_strdup_printf (_("Scheduled, to %s"), integration);
  else if (g_strcmp0 (status, LUM_PUSH_PUSHED) == 0)
    subtitle = g_strdup_printf (_("Pushed to %s with QuickBooks ID %s"), integration, text (self, LUM_DOC_ACCOUNTING_ID));
  else if (g_strcmp0 (status, LUM_PUSH_FAILED) == 0)
    subtitle = g_strdup_printf (_("Failed: %s"), job ? lum_job_get_text (job, LUM_JOB_LAST_ERROR) : _("no reason recorded"));
  else if (self->config != NULL && lum_channel_get_accounting_integration_id (self->config) == 0)
    subtitle = g_strdup (_("Not pushed: the channel has no accounting integration"));
  else
    subtitle = g_strdup (_("Not pushed"));

  row = add_row (self->status_list, _("Accounting"), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge_for (status, lum_ui_push_label));
  if (g_strcmp0 (status, LUM_PUSH_FAILED) == 0)
    gtk_widget_add_css_class (row, "error");
  if (job != NULL && lum_job_get_state (job) == LUM_JOB_STATE_FAILED)
    add_retry_button (row, job);
}

/* Where the order ships from and why: as recorded when it was pushed, or
 * as the group's rule and its links would choose now. */
static void
build_ship_from_row (LumDocumentView *self)
{
  g_autoptr(LumShipFrom) ship_from = NULL;
  g_autoptr(LumIntegration) integration = NULL;
  g_autofree char *described = NULL;
  g_autofree char *subtitle = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *row;

  ship_from = lum_engine_get_ship_from (self->engine, self->id, &error);
  if (ship_from == NULL && error == NULL && self->config != NULL && lum_channel_get_push_to_oms (self->config) &&
      lum_channel_get_oms_integration_id (self->config) != 0)
    {
      integration = lum_engine_get_integration (self->engine, lum_channel_get_oms_integration_id (self->config), NULL);
      if (integration != NULL)
        {
          /* by the group's rule: the stock rule reads the order's lines */
          g_autoptr(LumShipFrom) preview = lum_engine_choose_order_ship_from (self->engine, self->config, integration,
                                                                              self->document, NULL);

          if (preview != NULL)
            {
              g_autofree char *text = lum_ship_from_describe (preview);
              /* Translators: %s is a sentence such as "Ships from East (first in group Default)" */
              subtitle = g_strdup_printf (_("When pushed: %s"), text);
            }
        }
    }
  if (ship_from != NULL)
    described = lum_ship_from_describe (ship_from);
  else if (subtitle == NULL)
    return;
  row = add_row (self->status_list, _("Ships From"), described ? described : subtitle);
  gtk_widget_set_name (row, "ship-from-row");
}

static const char *
fulfillment_state (LumFulfillment *f)
{
  if (!lum_str_empty (f->shipped_at))
    return _("Shipped");
  if (g_strcmp0 (f->push_state, LUM_FULFILLMENT_PUSH_PUSHED) == 0)
    return _("Pushed");
  if (g_strcmp0 (f->push_state, LUM_FULFILLMENT_PUSH_FAILED) == 0)
    return _("Push failed");
  if (g_strcmp0 (f->push_state, LUM_FULFILLMENT_PUSH_CANCELLED) == 0)
    return _("Cancelled");
  return _("Push scheduled");
}

/* A split order: one row a fulfillment order, with its warehouse, lines,
 * state and tracking. */
static void
build_fulfillment_rows (LumDocumentView *self)
{
  g_autoptr(GPtrArray) list = lum_engine_list_fulfillments (self->engine, self->id, NULL);

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      LumFulfillment *f = g_ptr_array_index (list, i);
      g_autofree char *number = lum_fulfillment_dup_number (f, text (self, LUM_DOC_NUMBER));
      g_autofree char *name = g_strdup_printf ("fulfillment-row-%u", f->suffix);
      g_autoptr(GString) lines = g_string_new (NULL);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      for (guint j = 0; j < f->lines->len; j++)
        {
          LumFulfillmentLine *line = g_ptr_array_index (f->lines, j);

          g_string_append_printf (lines, "%s%s × %" G_GINT64_FORMAT, j ? ", " : "", line->sku, line->quantity);
        }
      /* Translators: a fulfillment order of a split order and its warehouse: "SO-000123-1 from East" */
      title = g_strdup_printf (_("%s from %s"), number, f->warehouse_name);
      if (!lum_str_empty (f->tracking_number))
        /* Translators: lines, state, tracking number: "SKU-A × 2 — Shipped, tracking 1Z…" */
        subtitle = g_strdup_printf (_("%s — %s, tracking %s"), lines->str, fulfillment_state (f), f->tracking_number);
      else
        subtitle = g_strdup_printf ("%s — %s", lines->str, fulfillment_state (f));
      row = add_row (self->status_list, title, subtitle);
      gtk_widget_set_name (row, name);
    }
}

void
lum_document_view_build_status (LumDocumentView *self,
                                GListModel      *jobs)
{
  GtkWidget *row;

  clear_list (self->status_list);
  if (is_order (self))
    {
      const char *fulfillment = text (self, LUM_DOC_FULFILLMENT_STATUS);

      build_push_row (self, jobs);
      build_ship_from_row (self);
      build_fulfillment_rows (self);
      row = add_row (self->status_list, _("Fulfillment"),
                     g_strcmp0 (fulfillment, LUM_FULFILLMENT_FULFILLED) == 0
                     ? _("Everything ordered has shipped")
                     : g_strcmp0 (fulfillment, LUM_FULFILLMENT_PARTIAL) == 0
                     ? _("Part of the order has shipped")
                     : _("Nothing has shipped yet"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge_for (fulfillment, lum_ui_fulfillment_label));
    }
  else
    {
      build_accounting_row (self, jobs);
    }
}

void
lum_document_view_build_jobs (LumDocumentView *self,
                              GListModel      *jobs)
{
  clear_list (self->jobs_list);
  set_placeholder (self->jobs_list, _("Nothing to send"));
  for (guint i = 0; i < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr(LumJob) job = g_list_model_get_item (jobs, i);
      const char *integration = lum_job_get_text (job, LUM_JOB_INTEGRATION_NAME);
      const char *state = lum_job_get_text (job, LUM_JOB_STATE_TEXT);
      g_autofree char *error = lum_time_format_in_text (lum_job_get_text (job, LUM_JOB_LAST_ERROR));
      g_autofree char *title = NULL;
      g_autofree char *due = lum_ui_format_time (lum_job_get_text (job, LUM_JOB_DUE_AT));
      g_autoptr(GString) subtitle = g_string_new (NULL);
      GtkWidget *row;
      gint64 max_attempts;

      title = lum_str_empty (integration)
              ? g_strdup (lum_ui_job_kind_label (lum_job_get_text (job, LUM_JOB_KIND_TEXT)))
              : g_strdup_printf (_("%s to %s"), lum_ui_job_kind_label (lum_job_get_text (job, LUM_JOB_KIND_TEXT)),
                                 integration);
      max_attempts = lum_job_get_int (job, LUM_JOB_MAX_ATTEMPTS);
      /* Translators: when a job is due, and how often it was tried of how often it may be */
      g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "Due %s · %" PRId64 " of %" PRId64 " attempt",
                                                     "Due %s · %" PRId64 " of %" PRId64 " attempts",
                                                     (gulong) CLAMP (max_attempts, 0, G_MAXLONG)),
                              due, lum_job_get_int (job, LUM_JOB_ATTEMPTS), max_attempts);
      if (!lum_str_empty (lum_job_get_text (job, LUM_JOB_REMOTE_ID)))
        g_string_append_printf (subtitle, _(" · remote ID %s"), lum_job_get_text (job, LUM_JOB_REMOTE_ID));
      if (!lum_str_empty (error))
        g_string_append_printf (subtitle, "\n%s %s", _("Last error:"), error);

      row = add_row (self->jobs_list, title, subtitle->str);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge_for (state, lum_ui_job_state_label));
      if (lum_job_get_state (job) == LUM_JOB_STATE_FAILED)
        add_retry_button (row, job);
    }
}

void
lum_document_view_build_timeline (LumDocumentView *self)
{
  g_autoptr(GListStore) events = NULL;
  g_autoptr(GError) error = NULL;

  clear_list (self->timeline_list);
  set_placeholder (self->timeline_list, _("Nothing happened yet"));
  events = lum_engine_list_events (self->engine, is_order (self) ? self->id : 0,
                                   is_order (self) ? 0 : self->id, TIMELINE_LIMIT, &error);
  for (guint i = 0; events != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (events)); i++)
    {
      g_autoptr(LumEvent) event = g_list_model_get_item (G_LIST_MODEL (events), i);
      g_autofree char *raw_summary = lum_event_dup_summary (event);
      g_autofree char *summary = lum_time_format_in_text (raw_summary);
      g_autofree char *at = lum_ui_format_time (lum_event_get_text (event, LUM_EVENT_AT));
      g_autofree char *actor = lum_ui_dup_actor_text (lum_event_get_text (event, LUM_EVENT_ACTOR),
                                                      lum_event_get_text (event, LUM_EVENT_ACTOR_NAME));
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", at, actor);
      const char *number = lum_event_get_text (event, LUM_EVENT_DOCUMENT_NUMBER);
      GtkWidget *row;

      /* An event of a linked document says which. */
      if (!lum_str_empty (number) && g_strcmp0 (number, lum_document_get_number (self->document)) != 0)
        {
          g_autofree char *with_number = g_strdup_printf ("%s · %s", subtitle, number);
          row = add_row (self->timeline_list, summary, with_number);
        }
      else
        {
          row = add_row (self->timeline_list, summary, subtitle);
        }
      gtk_widget_add_css_class (row, "lum-event");
      if (g_str_has_suffix (lum_event_get_text (event, LUM_EVENT_KIND), ".failed"))
        gtk_widget_add_css_class (row, "error");
    }
}

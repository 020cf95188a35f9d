/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "lum-activity-page.h"
#include "lum-application.h"
#include "lum-engine-documents.h"
#include "lum-ui-format.h"
#include "lum-ui-util.h"
#include "lum-util.h"
#include "sync/lum-lease.h"

/*
 * LumActivityPage: the jobs of the outbox, failed ones first, with what
 * the user can do about each: retry a failed one, push a scheduled order
 * now, or cancel that order. It follows the engine's changes.
 */

#define JOBS_PER_STATE 200

/* The filter's choices, in the order of the drop-down. */
static const char * const filter_states[] = { NULL, "failed", "scheduled", "running", "done", "cancelled" };
/* "All jobs" shows them in this order: what needs the user first. */
static const char * const all_states[] = { "failed", "running", "scheduled", "done", "cancelled" };

typedef enum
{
  COLUMN_DOCUMENT,
  COLUMN_KIND,
  COLUMN_INTEGRATION,
  COLUMN_ATTEMPTS,
  COLUMN_DUE,
  COLUMN_ERROR,
} Column;

struct _LumActivityPage
{
  GtkWidget            parent_instance;

  LumEngine           *engine;
  gboolean             folded;
  GListStore          *jobs;
  GtkNoSelection      *selection;

  AdwWindowTitle      *window_title;
  GtkDropDown         *filter_dropdown;
  GtkStack            *sync_stack;
  GtkSpinner          *sync_spinner;
  AdwToastOverlay     *toast_overlay;
  GtkWidget           *conflict_banner;
  GtkLabel            *conflict_label;
  GtkStack            *content_stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *document_column;
  GtkColumnViewColumn *kind_column;
  GtkColumnViewColumn *integration_column;
  GtkColumnViewColumn *state_column;
  GtkColumnViewColumn *attempts_column;
  GtkColumnViewColumn *due_column;
  GtkColumnViewColumn *error_column;
  GtkColumnViewColumn *actions_column;
  AdwStatusPage       *empty_page;
  AdwStatusPage       *error_page;
};

G_DEFINE_FINAL_TYPE (LumActivityPage, lum_activity_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ENGINE,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* -- text ----------------------------------------------------------------- */

static const char *
kind_label (LumJobKind kind)
{
  switch (kind)
    {
    case LUM_JOB_KIND_PUSH_SALES_ORDER:
      return _("Push order");
    case LUM_JOB_KIND_CANCEL_SALES_ORDER:
      return _("Cancel order");
    case LUM_JOB_KIND_PUSH_INVOICE:
      return _("Push invoice");
    default:
      return "";
    }
}

static const char *
state_label (LumJobState state)
{
  switch (state)
    {
    case LUM_JOB_STATE_SCHEDULED:
      return _("Scheduled");
    case LUM_JOB_STATE_RUNNING:
      return _("Sending");
    case LUM_JOB_STATE_DONE:
      return _("Sent");
    case LUM_JOB_STATE_FAILED:
      return _("Failed");
    case LUM_JOB_STATE_CANCELLED:
      return _("Cancelled");
    default:
      return "";
    }
}

static const char *
state_style (LumJobState state)
{
  switch (state)
    {
    case LUM_JOB_STATE_FAILED:
      return "lum-state-failed";
    case LUM_JOB_STATE_DONE:
      return "lum-state-done";
    case LUM_JOB_STATE_CANCELLED:
      return "archived";
    case LUM_JOB_STATE_SCHEDULED:
    case LUM_JOB_STATE_RUNNING:
    default:
      return "internal";
    }
}

/* "Now", "In 12 min", or the time as everywhere else: "Jan 5, 2027, 14:05". */
static char *
format_due (const char *at,
            gint64      now_usec)
{
  g_autoptr(GDateTime) due = at && *at ? g_date_time_new_from_iso8601 (at, NULL) : NULL;
  gint64 seconds;

  if (due == NULL)
    return g_strdup ("");
  seconds = g_date_time_to_unix (due) - now_usec / G_USEC_PER_SEC;
  if (seconds <= 0)
    return g_strdup (_("Now"));
  if (seconds < 60 * 60)
    {
      int minutes = (int)((seconds + 59) / 60);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "In %d min", "In %d min", minutes), minutes);
    }
  return lum_ui_format_time (at);
}

static char *
cell_text (LumActivityPage *self,
           LumJob          *job,
           Column           column)
{
  switch (column)
    {
    case COLUMN_DOCUMENT:
      return g_strdup (lum_job_get_text (job, LUM_JOB_DOCUMENT_NUMBER));
    case COLUMN_KIND:
      return g_strdup (kind_label (lum_job_get_kind (job)));
    case COLUMN_INTEGRATION:
      return g_strdup (lum_job_get_text (job, LUM_JOB_INTEGRATION_NAME));
    case COLUMN_ATTEMPTS:
      return g_strdup_printf ("%" G_GINT64_FORMAT " / %" G_GINT64_FORMAT,
                              lum_job_get_int (job, LUM_JOB_ATTEMPTS), lum_job_get_int (job, LUM_JOB_MAX_ATTEMPTS));
    case COLUMN_DUE:
      if (lum_job_get_state (job) == LUM_JOB_STATE_SCHEDULED)
        return format_due (lum_job_get_text (job, LUM_JOB_DUE_AT), lum_engine_now (self->engine));
      /* who sends it, or that its sender stopped and when it comes back */
      if (lum_job_get_state (job) == LUM_JOB_STATE_RUNNING)
        return lum_lease_describe (job, lum_engine_now (self->engine));
      return g_strdup ("");
    case COLUMN_ERROR:
      return lum_time_format_in_text (lum_job_get_text (job, LUM_JOB_LAST_ERROR));
    default:
      return NULL;
    }
}

/* -- cells ---------------------------------------------------------------- */

static void
on_text_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label),
                             column == COLUMN_ERROR ? 16 : column == COLUMN_ATTEMPTS ? 5
                             : column == COLUMN_INTEGRATION ? 16 : column == COLUMN_DOCUMENT ? 14 : 11);
  if (column == COLUMN_ATTEMPTS)
    gtk_widget_add_css_class (label, "numeric");
  if (column == COLUMN_ERROR)
    {
      /* a long error asks for no more than this: it is read in the job */
      gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
      gtk_widget_add_css_class (label, "lum-job-error");
    }
  gtk_list_item_set_child (item, label);
}

static void
on_text_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  LumActivityPage *self = g_object_get_data (G_OBJECT (factory), "lum-page");
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = cell_text (self, gtk_list_item_get_item (item), column);

  gtk_label_set_text (GTK_LABEL (label), text ? text : "");
  gtk_widget_set_tooltip_text (label, text != NULL && *text != '\0' ? text : NULL);
}

/* The document's number, and a "Test" badge when it is a test document:
 * test jobs send to the remote systems too, and must not be taken for
 * real orders. */
static void
on_document_setup_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *badge = lum_ui_badge_new ();
  GtkWidget *label;

  on_text_setup_cb (factory, item, user_data);
  label = g_object_ref (gtk_list_item_get_child (item));
  gtk_list_item_set_child (item, box);
  gtk_box_append (GTK_BOX (box), label);
  g_object_unref (label);
  lum_ui_badge_set (badge, _("Test"), "warning");
  gtk_widget_set_name (badge, "test-badge");
  gtk_box_append (GTK_BOX (box), badge);
  g_object_set_data (G_OBJECT (box), "lum-label", label);
  g_object_set_data (G_OBJECT (box), "lum-badge", badge);
}

static void
on_document_bind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  LumJob *job = gtk_list_item_get_item (item);
  GtkWidget *label = g_object_get_data (G_OBJECT (box), "lum-label");
  const char *number = lum_job_get_text (job, LUM_JOB_DOCUMENT_NUMBER);

  gtk_label_set_text (GTK_LABEL (label), number);
  gtk_widget_set_tooltip_text (label, *number != '\0' ? number : NULL);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (box), "lum-badge"),
                          lum_job_get_int (job, LUM_JOB_IS_TEST) != 0);
}

static void
on_state_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GtkWidget *badge = gtk_label_new (NULL);

  gtk_widget_add_css_class (badge, "lum-badge");
  gtk_widget_set_halign (badge, GTK_ALIGN_START);
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_list_item_set_child (item, badge);
}

static void
on_state_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkWidget *badge = gtk_list_item_get_child (item);
  LumJobState state = lum_job_get_state (gtk_list_item_get_item (item));
  const char *styles[] = { "internal", "lum-state-failed", "lum-state-done", "archived" };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (badge, styles[i]);
  gtk_widget_add_css_class (badge, state_style (state));
  gtk_label_set_text (GTK_LABEL (badge), state_label (state));
}

static GtkWidget *
create_action_button (const char *label,
                      const char *action)
{
  GtkWidget *button = label ? gtk_button_new_with_mnemonic (label) : gtk_button_new ();

  /* A target before the name: the row's id comes when it is bound. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", (gint64)0);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

static void
on_actions_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *retry = create_action_button (_("_Retry"), "activity.retry");
  GtkWidget *push = create_action_button (_("_Push Now"), "activity.push-now");
  GtkWidget *cancel = create_action_button (NULL, "activity.cancel-order");

  /* The rarer, destructive one takes less room. */
  gtk_button_set_icon_name (GTK_BUTTON (cancel), "process-stop-symbolic");
  gtk_widget_set_tooltip_text (cancel, _("Cancel Order…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (cancel), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Cancel Order…"), -1);
  gtk_widget_add_css_class (cancel, "flat");
  gtk_widget_add_css_class (retry, "suggested-action");
  gtk_box_append (GTK_BOX (box), retry);
  gtk_box_append (GTK_BOX (box), push);
  gtk_box_append (GTK_BOX (box), cancel);
  gtk_widget_set_halign (box, GTK_ALIGN_END);
  gtk_widget_set_margin_end (box, 6);
  /* Rows keep one height whether they offer buttons or not. */
  gtk_widget_set_size_request (box, -1, 36);
  g_object_set_data (G_OBJECT (box), "lum-retry", retry);
  g_object_set_data (G_OBJECT (box), "lum-push", push);
  g_object_set_data (G_OBJECT (box), "lum-cancel", cancel);
  lum_ui_name_buttons_by_label (box);
  gtk_list_item_set_child (item, box);
}

static void
on_actions_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  LumJob *job = gtk_list_item_get_item (item);
  GtkWidget *retry = g_object_get_data (G_OBJECT (box), "lum-retry");
  GtkWidget *push = g_object_get_data (G_OBJECT (box), "lum-push");
  GtkWidget *cancel = g_object_get_data (G_OBJECT (box), "lum-cancel");
  gboolean scheduled_push = lum_job_get_state (job) == LUM_JOB_STATE_SCHEDULED &&
                            lum_job_get_kind (job) == LUM_JOB_KIND_PUSH_SALES_ORDER;
  gint64 order_id = lum_job_get_int (job, LUM_JOB_SALES_ORDER_ID);

  gtk_widget_set_visible (retry, lum_job_get_state (job) == LUM_JOB_STATE_FAILED);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (retry), "x", lum_job_get_id (job));
  gtk_widget_set_visible (push, scheduled_push);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (push), "x", order_id);
  gtk_widget_set_visible (cancel, scheduled_push);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (cancel), "x", order_id);
}

static void
set_factory (LumActivityPage     *self,
             GtkColumnViewColumn *column,
             GCallback            setup,
             GCallback            bind,
             gpointer             data)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "lum-page", self);
  g_signal_connect (factory, "setup", setup, data);
  g_signal_connect (factory, "bind", bind, data);
  gtk_column_view_column_set_factory (column, factory);
}

static void
setup_columns (LumActivityPage *self)
{
  struct { GtkColumnViewColumn *column; Column id; } text[] = {
    { self->kind_column, COLUMN_KIND },
    { self->integration_column, COLUMN_INTEGRATION },
    { self->attempts_column, COLUMN_ATTEMPTS },
    { self->due_column, COLUMN_DUE },
    { self->error_column, COLUMN_ERROR },
  };

  for (guint i = 0; i < G_N_ELEMENTS (text); i++)
    set_factory (self, text[i].column, G_CALLBACK (on_text_setup_cb), G_CALLBACK (on_text_bind_cb),
                 GINT_TO_POINTER (text[i].id));
  set_factory (self, self->document_column, G_CALLBACK (on_document_setup_cb), G_CALLBACK (on_document_bind_cb),
               GINT_TO_POINTER (COLUMN_DOCUMENT));
  set_factory (self, self->state_column, G_CALLBACK (on_state_setup_cb), G_CALLBACK (on_state_bind_cb), NULL);
  set_factory (self, self->actions_column, G_CALLBACK (on_actions_setup_cb), G_CALLBACK (on_actions_bind_cb), NULL);
}

/* What gives way on a narrow window, the least needed first. */
static void
setup_column_priorities (LumActivityPage *self)
{
  GtkColumnViewColumn *by_priority[] = {
    self->attempts_column, self->integration_column, self->due_column, self->kind_column,
  };

  lum_ui_column_view_fit_columns (self->column_view, by_priority, G_N_ELEMENTS (by_priority));
}

/* -- state ---------------------------------------------------------------- */

static void
show_empty (LumActivityPage *self)
{
  const char *state = lum_activity_page_get_filter (self);

  if (state == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("No Activity Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("Orders and invoices that channels push to an OMS or to QuickBooks "
                                         "show here, with their state and any error."));
    }
  else if (g_str_equal (state, "failed"))
    {
      adw_status_page_set_title (self->empty_page, _("No Failed Jobs"));
      adw_status_page_set_description (self->empty_page, _("Every push went through."));
    }
  else if (g_str_equal (state, "scheduled"))
    {
      adw_status_page_set_title (self->empty_page, _("Nothing Scheduled"));
      adw_status_page_set_description (self->empty_page, _("No push is waiting for its time."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Jobs"));
      adw_status_page_set_description (self->empty_page, _("No job is in this state."));
    }
  gtk_stack_set_visible_child_name (self->content_stack, "empty");
}

static void
update_title (LumActivityPage *self)
{
  GApplication *app = g_application_get_default ();
  guint failed = LUM_IS_APPLICATION (app) ? lum_application_get_n_failed_jobs (LUM_APPLICATION (app)) : 0;
  gboolean syncing = LUM_IS_APPLICATION (app) && lum_application_get_syncing (LUM_APPLICATION (app));
  g_autofree char *subtitle = NULL;

  if (syncing)
    subtitle = g_strdup (_("Syncing…"));
  else if (failed > 0)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u job failed", "%u jobs failed", failed), failed);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_stack_set_visible_child_name (self->sync_stack, syncing ? "spinner" : "button");
  gtk_spinner_set_spinning (self->sync_spinner, syncing);
}

/* -- callbacks ------------------------------------------------------------ */

static void
on_engine_changed_cb (LumActivityPage *self,
                      const char      *what)
{
  if (g_str_equal (what, "documents") || g_str_equal (what, "external") || g_str_equal (what, "integrations"))
    lum_activity_page_reload (self);
}

static void
on_filter_changed_cb (LumActivityPage *self)
{
  if (self->engine != NULL)
    lum_activity_page_reload (self);
}

static void
on_app_changed_cb (LumActivityPage *self)
{
  update_title (self);
}

static void
show_result (LumActivityPage *self,
             gboolean         ok,
             const char      *done,
             const GError    *error)
{
  AdwToast *toast = lum_ui_toast_new (ok ? done : error->message);

  if (!ok)
    adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_cancel_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       LumActivityPage  *self)
{
  gint64 order_id = *(gint64 *)g_object_get_data (G_OBJECT (dialog), "lum-order");
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_strcmp0 (response, "cancel-order") != 0)
    return;
  ok = lum_engine_cancel_order (self->engine, order_id, &error);
  show_result (self, ok, _("Sales order cancelled"), error);
}

/* -- actions -------------------------------------------------------------- */

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LumActivityPage *self = LUM_ACTIVITY_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gboolean ok = lum_engine_retry_job (self->engine, g_variant_get_int64 (parameter), &error);

  show_result (self, ok, _("Sent again shortly"), error);
}

static void
push_now_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LumActivityPage *self = LUM_ACTIVITY_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gboolean ok = lum_engine_push_now (self->engine, g_variant_get_int64 (parameter), &error);

  show_result (self, ok, _("Pushed without waiting for the delay"), error);
}

static void
cancel_order_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LumActivityPage *self = LUM_ACTIVITY_PAGE (widget);
  gint64 order_id = g_variant_get_int64 (parameter);
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  order = lum_engine_get_document (self->engine, LUM_DOCUMENT_KIND_SALES_ORDER, order_id, &error);
  if (order == NULL)
    {
      show_result (self, FALSE, NULL, error);
      return;
    }

  heading = g_strdup_printf (_("Cancel Sales Order %s?"), lum_document_get_number (order));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("The sales order itself is cancelled, not only its push: it is not sent, "
                                     "and the OMS is told if it has the order already."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Order"),
                                    "cancel-order", _("_Cancel Order"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cancel-order",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_object_set_data_full (G_OBJECT (dialog), "lum-order", g_memdup2 (&order_id, sizeof order_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_cancel_response_cb), self, 0);
  lum_ui_name_buttons_by_label (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* -- GObject -------------------------------------------------------------- */

/* Shipment conflicts wait for a clerk on their orders: a banner names them. */
static void
update_conflict_banner (LumActivityPage *self)
{
  g_autoptr(GListStore) conflicts = lum_engine_list_shipment_conflicts (self->engine, 0, NULL);
  g_autoptr(GString) numbers = g_string_new (NULL);
  g_autofree char *text = NULL;
  guint n = conflicts ? g_list_model_get_n_items (G_LIST_MODEL (conflicts)) : 0;

  gtk_widget_set_visible (self->conflict_banner, n > 0);
  if (n == 0)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LumShipmentConflict) c = g_list_model_get_item (G_LIST_MODEL (conflicts), i);
      g_string_append_printf (numbers, "%s%s", i > 0 ? ", " : "",
                              lum_shipment_conflict_get_text (c, LUM_CONFLICT_ORDER_NUMBER));
    }
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u shipment conflict to resolve on its order: %s. The warehouse reported "
                                       "another tracking number than the one recorded by hand.",
                                       "%u shipment conflicts to resolve on their orders: %s. The warehouse reported "
                                       "other tracking numbers than those recorded by hand.", n),
                          n, numbers->str);
  gtk_label_set_text (self->conflict_label, text);
}

static void
lum_activity_page_constructed (GObject *object)
{
  LumActivityPage *self = (LumActivityPage *)object;
  GApplication *app = g_application_get_default ();

  G_OBJECT_CLASS (lum_activity_page_parent_class)->constructed (object);

  g_return_if_fail (LUM_IS_ENGINE (self->engine));
  g_signal_connect_object (self->engine, "changed", G_CALLBACK (on_engine_changed_cb), self, G_CONNECT_SWAPPED);
  if (LUM_IS_APPLICATION (app))
    {
      g_signal_connect_object (app, "notify::syncing", G_CALLBACK (on_app_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (app, "notify::n-failed-jobs", G_CALLBACK (on_app_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  update_title (self);
  lum_activity_page_reload (self);
}

static void
lum_activity_page_dispose (GObject *object)
{
  LumActivityPage *self = (LumActivityPage *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), LUM_TYPE_ACTIVITY_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->jobs);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (lum_activity_page_parent_class)->dispose (object);
}

static void
lum_activity_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LumActivityPage *self = LUM_ACTIVITY_PAGE (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_activity_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LumActivityPage *self = LUM_ACTIVITY_PAGE (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      self->engine = g_value_dup_object (value);
      break;
    case PROP_FOLDED:
      if (self->folded != g_value_get_boolean (value))
        {
          self->folded = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_activity_page_class_init (LumActivityPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lum_activity_page_constructed;
  object_class->dispose = lum_activity_page_dispose;
  object_class->get_property = lum_activity_page_get_property;
  object_class->set_property = lum_activity_page_set_property;

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, LUM_TYPE_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * LumActivityPage:folded:
   *
   * Whether the window shows the page without its sidebar.
   */
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lumenapp/Lumen/lum-activity-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LumActivityPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, LumActivityPage, conflict_banner);
  gtk_widget_class_bind_template_child (widget_class, LumActivityPage, conflict_label);
  gtk_widget_class_bind_template_child (widget_class, LumActivityPage, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LumActivityPage, sync_stack);
  gtk_widget_class_bind_template_child (widget_class, LumActivityPage, sync_spinner);
  gtk_widget_class_bind_template_child (widget_class, LumActivityPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LumActivityPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, LumActivityPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, LumActivityPage, document_column);
  gtk_widget_class_bind_template_child (widget_class, LumActivityPage, kind_column);
  gtk_widget_class_bind_template_child (widget_class, LumActivityPage, integration_column);
  gtk_widget_class_bind_template_child (widget_class, LumActivityPage, state_column);
  gtk_widget_class_bind_template_child (widget_class, LumActivityPage, attempts_column);
  gtk_widget_class_bind_template_child (widget_class, LumActivityPage, due_column);
  gtk_widget_class_bind_template_child (widget_class, LumActivityPage, error_column);
  gtk_widget_class_bind_template_child (widget_class, LumActivityPage, actions_column);
  gtk_widget_class_bind_template_child (widget_class, LumActivityPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, LumActivityPage, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);

  gtk_widget_class_install_action (widget_class, "activity.retry", "x", retry_action);
  gtk_widget_class_install_action (widget_class, "activity.push-now", "x", push_now_action);
  gtk_widget_class_install_action (widget_class, "activity.cancel-order", "x", cancel_order_action);

  gtk_widget_class_set_css_name (widget_class, "lum-activity-page");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
lum_activity_page_init (LumActivityPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  lum_ui_name_buttons_by_label (GTK_WIDGET (self));
  lum_ui_column_view_name_titles (self->column_view);

  self->jobs = g_list_store_new (LUM_TYPE_JOB);
  self->selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->jobs)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  setup_columns (self);
  setup_column_priorities (self);
}

GtkWidget *
lum_activity_page_new (LumEngine *engine)
{
  return g_object_new (LUM_TYPE_ACTIVITY_PAGE, "engine", engine, NULL);
}

/**
 * lum_activity_page_get_model:
 *
 * Returns: (transfer none): the #LumJob rows as shown
 */
GListModel *
lum_activity_page_get_model (LumActivityPage *self)
{
  g_return_val_if_fail (LUM_IS_ACTIVITY_PAGE (self), NULL);
  return G_LIST_MODEL (self->jobs);
}

/**
 * lum_activity_page_get_filter:
 *
 * Returns: (nullable): the state shown ("failed", …), or %NULL for all
 */
const char *
lum_activity_page_get_filter (LumActivityPage *self)
{
  guint selected;

  g_return_val_if_fail (LUM_IS_ACTIVITY_PAGE (self), NULL);

  selected = gtk_drop_down_get_selected (self->filter_dropdown);
  return selected < G_N_ELEMENTS (filter_states) ? filter_states[selected] : NULL;
}

void
lum_activity_page_set_filter (LumActivityPage *self,
                              const char      *state)
{
  g_return_if_fail (LUM_IS_ACTIVITY_PAGE (self));

  for (guint i = 0; i < G_N_ELEMENTS (filter_states); i++)
    if (g_strcmp0 (filter_states[i], state) == 0)
      gtk_drop_down_set_selected (self->filter_dropdown, i);
}

/**
 * lum_activity_page_reload:
 *
 * Reads the jobs again: the chosen state, or all of them failed first.
 */
void
lum_activity_page_reload (LumActivityPage *self)
{
  const char *filter = lum_activity_page_get_filter (self);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LUM_IS_ACTIVITY_PAGE (self));

  for (guint s = 0; s < G_N_ELEMENTS (all_states); s++)
    {
      LumJobFilter query = { 0, 0, filter ? filter : all_states[s], JOBS_PER_STATE };
      g_autoptr(GListStore) jobs = NULL;

      jobs = lum_engine_list_jobs (self->engine, &query, &error);
      if (jobs == NULL)
        {
          {
            g_autofree char *escaped = g_markup_escape_text (error->message, -1);
            adw_status_page_set_description (self->error_page, escaped);
          }
          gtk_stack_set_visible_child_name (self->content_stack, "error");
          return;
        }
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (jobs)); i++)
        g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (jobs), i));
      if (filter != NULL)
        break;
    }

  g_list_store_splice (self->jobs, 0, g_list_model_get_n_items (G_LIST_MODEL (self->jobs)),
                       items->pdata, items->len);
  update_conflict_banner (self);
  if (items->len == 0)
    show_empty (self);
  else
    gtk_stack_set_visible_child_name (self->content_stack, "list");
}

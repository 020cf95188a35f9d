/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "lum-application.h"
#include "lum-field-catalog.h"
#include "lum-test-dialog.h"
#include "lum-request-view.h"
#include "lum-ui-util.h"
#include "sync/lum-sync-service.h"
#include "lum-engine-setup.h"

/*
 * LumTestDialog: runs a channel test and shows its steps as they happen:
 * an icon for the state, the title, what happened in words and when; the
 * push is followed by the request that was sent, the mapped fields listed
 * and highlighted in it. The report can be exported as JSON or Markdown.
 */
struct _LumTestDialog
{
  AdwWindow             parent_instance;

  LumEngine            *engine;
  LumChannel           *channel;
  LumChannelTest       *test;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  gboolean              running;
  gboolean              finished;
  gboolean              push_paused;
  GError               *run_error;

  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *status_icon_stack;
  GtkImage             *status_icon;
  GtkSpinner           *status_spinner;
  GtkLabel             *status_title;
  GtkLabel             *status_description;
  GtkWidget            *run_button;
  GtkWidget            *export_button;
  AdwPreferencesGroup  *options_group;
  AdwActionRow         *skip_delay_row;
  GtkSwitch            *skip_delay_switch;
  GtkListBox           *steps_list;
};

G_DEFINE_FINAL_TYPE (LumTestDialog, lum_test_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_ENGINE,
  PROP_CHANNEL,
  PROP_RUNNING,
  PROP_FINISHED,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const state_classes[] = {
  "lum-step-pending", "lum-step-running", "lum-step-ok", "lum-step-failed", "lum-step-skipped",
  "lum-step-waiting",
};

/* -- helpers -------------------------------------------------------------- */

static char *
format_time (const char *at)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (at == NULL || *at == '\0')
    return g_strdup ("");
  utc = g_date_time_new_from_iso8601 (at, NULL);
  if (utc == NULL)
    return g_strdup (at);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%H:%M:%S");
}

static const char *
state_icon_name (const char *state)
{
  if (g_strcmp0 (state, LUM_TEST_STEP_OK) == 0)
    return "emblem-ok-symbolic";
  if (g_strcmp0 (state, LUM_TEST_STEP_FAILED) == 0)
    return "dialog-error-symbolic";
  if (g_strcmp0 (state, LUM_TEST_STEP_SKIPPED) == 0)
    return "action-unavailable-symbolic";
  return "content-loading-symbolic";
}

static const char *
state_label (const char *state)
{
  if (g_strcmp0 (state, LUM_TEST_STEP_OK) == 0)
    return _("Passed");
  if (g_strcmp0 (state, LUM_TEST_STEP_FAILED) == 0)
    return _("Failed");
  if (g_strcmp0 (state, LUM_TEST_STEP_SKIPPED) == 0)
    return _("Skipped");
  if (g_strcmp0 (state, LUM_TEST_STEP_RUNNING) == 0)
    return _("Running");
  return _("Waiting");
}

static void
set_state_class (GtkWidget  *widget,
                 const char *state)
{
  g_autofree char *wanted = g_strconcat ("lum-step-", state ? state : "pending", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (state_classes); i++)
    if (!g_str_equal (state_classes[i], wanted))
      gtk_widget_remove_css_class (widget, state_classes[i]);
  gtk_widget_add_css_class (widget, wanted);
}

static LumTestStep *
find_step (LumTestDialog *self,
           const char    *name)
{
  GListModel *steps = lum_channel_test_get_steps (self->test);

  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    {
      g_autoptr(LumTestStep) step = g_list_model_get_item (steps, i);

      if (g_strcmp0 (lum_test_step_get_name (step), name) == 0)
        return g_steal_pointer (&step);
    }
  return NULL;
}

/* -- step rows ------------------------------------------------------------ */

typedef struct
{
  GtkWidget *stack;
  GtkWidget *icon;
  GtkWidget *spinner;
  GtkWidget *time;
} StepWidgets;

static void
update_step_row (GtkWidget *row)
{
  LumTestStep *step = g_object_get_data (G_OBJECT (row), "lum-step");
  StepWidgets *w = g_object_get_data (G_OBJECT (row), "lum-step-widgets");
  const char *state = lum_test_step_get_state (step);
  const char *detail = lum_test_step_get_text (step, LUM_TEST_STEP_DETAIL);
  gboolean running = g_strcmp0 (state, LUM_TEST_STEP_RUNNING) == 0;
  /* The invoice of a channel that invoices on shipment "passes" by not
   * existing yet: that is a wait for the shipment, not a done step, so it
   * shows no green tick. The invoice-on-shipment row says how it ended. */
  gboolean waiting = g_strcmp0 (state, LUM_TEST_STEP_OK) == 0 &&
                     g_object_get_data (G_OBJECT (row), "lum-step-waits-for-shipment") != NULL;
  const char *label = waiting ? _("Waiting for the shipment") : state_label (state);
  g_autofree char *time = format_time (lum_test_step_get_text (step, LUM_TEST_STEP_AT));
  g_autofree char *description = NULL;

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), detail ? detail : "");
  gtk_label_set_text (GTK_LABEL (w->time), time);
  gtk_image_set_from_icon_name (GTK_IMAGE (w->icon),
                                waiting ? "document-open-recent-symbolic" : state_icon_name (state));
  gtk_stack_set_visible_child (GTK_STACK (w->stack), running ? w->spinner : w->icon);
  gtk_spinner_set_spinning (GTK_SPINNER (w->spinner), running);
  set_state_class (row, waiting ? "waiting" : state);

  /* A screen reader hears the state that the icon shows. */
  description = g_strdup_printf ("%s. %s", label, detail ? detail : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  gtk_widget_set_tooltip_text (w->icon, label);
}

static GtkWidget *
create_step_row (LumTestStep *step,
                 gboolean     waits_for_shipment)
{
  GtkWidget *row = adw_action_row_new ();
  StepWidgets *w = g_new0 (StepWidgets, 1);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lum_test_step_get_text (step, LUM_TEST_STEP_TITLE));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_name (row, lum_test_step_get_name (step));
  gtk_widget_add_css_class (row, "lum-step-row");

  w->stack = gtk_stack_new ();
  w->icon = gtk_image_new ();
  w->spinner = gtk_spinner_new ();
  gtk_widget_set_name (w->icon, "step-icon");
  gtk_widget_add_css_class (w->icon, "lum-step-icon");
  gtk_stack_add_child (GTK_STACK (w->stack), w->icon);
  gtk_stack_add_child (GTK_STACK (w->stack), w->spinner);
  gtk_widget_set_valign (w->stack, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), w->stack);

  w->time = gtk_label_new (NULL);
  gtk_widget_add_css_class (w->time, "dim-label");
  gtk_widget_add_css_class (w->time, "numeric");
  gtk_widget_set_valign (w->time, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), w->time);

  g_object_set_data_full (G_OBJECT (row), "lum-step", g_object_ref (step), g_object_unref);
  g_object_set_data_full (G_OBJECT (row), "lum-step-widgets", w, g_free);
  if (waits_for_shipment)
    g_object_set_data (G_OBJECT (row), "lum-step-waits-for-shipment", GINT_TO_POINTER (TRUE));
  g_signal_connect_object (step, "notify", G_CALLBACK (update_step_row), row, G_CONNECT_SWAPPED);
  update_step_row (row);
  return row;
}

/* Below the push step: what was sent, once it was. */
static GtkWidget *
create_request_row (LumTestStep *step)
{
  const char *request = lum_test_step_get_text (step, LUM_TEST_STEP_REQUEST);
  const char *mapped = lum_test_step_get_text (step, LUM_TEST_STEP_MAPPED);
  g_auto(GStrv) lines = g_strsplit (mapped ? mapped : "", "\n", -1);
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *body_row = gtk_list_box_row_new ();
  guint n_mapped = lum_request_view_count_mapped (mapped);
  g_autofree char *subtitle = NULL;

  /* the text is the user's or a service's, not markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Request Sent"));
  subtitle = n_mapped > 0
             ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The exact body, with %u mapped field",
                                             "The exact body, with %u mapped fields", n_mapped), n_mapped)
             : g_strdup (_("The exact body; no fields are mapped"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  gtk_widget_set_name (row, "request");
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), gtk_image_new_from_icon_name ("mail-send-symbolic"));

  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), lum_request_view_mapped_row_new (lines[i]));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (body_row),
                              lum_request_view_new (_("Request Body"), _("Copy Request Body"), request, mapped));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (body_row), FALSE);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), body_row);

  return row;
}

/* The core sets the request, then the mapped fields, then the state: the
 * row is made again whenever one of them changes. */
static void
on_push_request_cb (LumTestDialog *self,
                    GParamSpec    *pspec,
                    LumTestStep   *step)
{
  const char *request = lum_test_step_get_text (step, LUM_TEST_STEP_REQUEST);
  GtkWidget *pushed_row = NULL;
  GtkWidget *old_row = NULL;
  GtkWidget *child;
  gboolean expanded = FALSE;

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->steps_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_strcmp0 (gtk_widget_get_name (child), "request") == 0)
        old_row = child;
      if (g_strcmp0 (gtk_widget_get_name (child), "pushed") == 0)
        pushed_row = child;
    }
  if (old_row != NULL)
    {
      expanded = adw_expander_row_get_expanded (ADW_EXPANDER_ROW (old_row));
      gtk_list_box_remove (self->steps_list, old_row);
    }
  if (request == NULL || *request == '\0' || pushed_row == NULL)
    return;

  child = create_request_row (step);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (child), expanded);
  gtk_list_box_insert (self->steps_list, child, gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (pushed_row)) + 1);
}

static void
build_rows (LumTestDialog *self)
{
  GListModel *steps = lum_channel_test_get_steps (self->test);
  gboolean on_shipment = lum_channel_get_invoice_timing (self->channel) == LUM_INVOICE_TIMING_SHIPMENT_CREATED;

  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    {
      g_autoptr(LumTestStep) step = g_list_model_get_item (steps, i);
      gboolean waits = on_shipment && g_strcmp0 (lum_test_step_get_name (step), "invoice") == 0;

      gtk_list_box_append (self->steps_list, create_step_row (step, waits));
      if (g_strcmp0 (lum_test_step_get_name (step), "pushed") == 0)
        {
          g_signal_connect_object (step, "notify::request", G_CALLBACK (on_push_request_cb), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (step, "notify::mapped", G_CALLBACK (on_push_request_cb), self, G_CONNECT_SWAPPED);
        }
    }
}

/* -- status --------------------------------------------------------------- */

static void
set_status (LumTestDialog *self,
            const char    *icon_name,
            const char    *style,
            const char    *title,
            const char    *description)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "warning");
  if (icon_name != NULL)
    {
      gtk_image_set_from_icon_name (self->status_icon, icon_name);
      if (style != NULL)
        gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), style);
      gtk_stack_set_visible_child_name (self->status_icon_stack, "icon");
      gtk_spinner_stop (self->status_spinner);
    }
  else
    {
      gtk_stack_set_visible_child_name (self->status_icon_stack, "spinner");
      gtk_spinner_start (self->status_spinner);
    }
  gtk_label_set_text (self->status_title, title);
  gtk_label_set_text (self->status_description, description ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_description), description != NULL && *description != '\0');
}

static void
update_status (LumTestDialog *self)
{
  GListModel *steps = lum_channel_test_get_steps (self->test);
  g_autoptr(LumTestStep) failed = NULL;
  g_autoptr(LumTestStep) current = NULL;
  gboolean waiting = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    {
      g_autoptr(LumTestStep) step = g_list_model_get_item (steps, i);
      const char *state = lum_test_step_get_state (step);

      if (failed == NULL && g_strcmp0 (state, LUM_TEST_STEP_FAILED) == 0)
        failed = g_object_ref (step);
      if (current == NULL && g_strcmp0 (state, LUM_TEST_STEP_RUNNING) == 0)
        current = g_object_ref (step);
      if (g_strcmp0 (state, LUM_TEST_STEP_PENDING) == 0)
        waiting = TRUE;
    }

  gtk_widget_set_visible (self->run_button, !self->running && !self->finished);
  gtk_widget_set_visible (GTK_WIDGET (self->options_group),
                          !self->running && !self->finished && gtk_widget_get_visible (GTK_WIDGET (self->skip_delay_row)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "test.export", self->finished);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "test.run", !self->running && !self->finished);

  if (self->running)
    {
      g_autofree char *doing = current != NULL
                               ? g_strdup_printf (_("%s…"), lum_test_step_get_text (current, LUM_TEST_STEP_TITLE))
                               : NULL;
      set_status (self, NULL, NULL, _("Testing…"), doing);
    }
  else if (!self->finished)
    {
      gboolean invoice_first = lum_channel_get_order_flow (self->channel) == LUM_ORDER_FLOW_INVOICE_FIRST;
      set_status (self, "mail-send-receive-symbolic", NULL, _("Ready to Test"),
                  invoice_first
                  ? _("Lumen creates a test invoice in this channel and follows it through the steps below, "
                      "against the channel’s real integrations.")
                  : _("Lumen creates a test sales order in this channel and follows it through the steps below, "
                      "against the channel’s real integrations."));
    }
  else if (self->run_error != NULL)
    {
      set_status (self, "dialog-error-symbolic", "error", _("Test Failed"), self->run_error->message);
    }
  else if (failed != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("%s: %s"), lum_test_step_get_text (failed, LUM_TEST_STEP_TITLE),
                                               lum_test_step_get_text (failed, LUM_TEST_STEP_DETAIL));
      set_status (self, "dialog-error-symbolic", "error", _("Test Failed"), text);
    }
  else if (lum_channel_test_get_ok (self->test) || !waiting)
    {
      const char *number = lum_channel_test_get_document_number (self->test);
      g_autofree char *text = g_strdup_printf (_("Test document %s followed the channel’s flow: every step "
                                                 "that applies passed."), number ? number : "");
      set_status (self, "emblem-ok-symbolic", "success", _("Test Passed"), text);
    }
  else
    {
      g_autoptr(LumTestStep) scheduled = find_step (self, "push-scheduled");
      set_status (self, "document-open-recent-symbolic", "warning", _("Waiting for the Push"),
                  scheduled ? lum_test_step_get_text (scheduled, LUM_TEST_STEP_DETAIL) : NULL);
    }
}

static void
on_step_state_cb (LumTestDialog *self)
{
  if (self->running)
    update_status (self);
}

/* -- running -------------------------------------------------------------- */

static void
set_running (LumTestDialog *self,
             gboolean       running)
{
  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
resume_push (LumTestDialog *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (!self->push_paused)
    return;
  self->push_paused = FALSE;
  if (LUM_IS_APPLICATION (app))
    lum_application_resume_push (LUM_APPLICATION (app));
}

static void
on_run_finished_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LumTestDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lum_channel_test_run_finish (LUM_CHANNEL_TEST (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          resume_push (self);
          return;
        }
      self->run_error = g_steal_pointer (&error);
    }

  resume_push (self);
  self->finished = TRUE;
  set_running (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);
  update_status (self);
  /* The run button is gone: the keyboard goes on to what comes next. */
  gtk_widget_grab_focus (GTK_WIDGET (self->export_button));
  g_signal_emit (self, signals[FINISHED], 0);
}

static void
run_test (LumTestDialog *self)
{
  lum_channel_test_set_skip_delay (self->test, gtk_switch_get_active (self->skip_delay_switch));
  lum_channel_test_run_async (self->test, self->cancellable, on_run_finished_cb, g_object_ref (self));
}

static void
on_push_paused_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LumTestDialog) self = user_data;

  lum_application_pause_push_finish (LUM_APPLICATION (source), result, NULL);
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      resume_push (self);
      return;
    }
  run_test (self);
}

static void
start (LumTestDialog *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  set_running (self, TRUE);
  update_status (self);

  /* The application's worker would claim the test's jobs, which the test
   * sends itself: it waits until the test is over. */
  if (LUM_IS_APPLICATION (app))
    {
      self->push_paused = TRUE;
      lum_application_pause_push_async (LUM_APPLICATION (app), self->cancellable, on_push_paused_cb,
                                        g_object_ref (self));
      return;
    }
  run_test (self);
}

static void
on_confirm_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        LumTestDialog    *self)
{
  if (g_strcmp0 (response, "send") != 0)
    return;
  lum_channel_test_set_confirmed (self->test, TRUE);
  start (self);
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LumTestDialog *self = LUM_TEST_DIALOG (widget);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->running || self->finished)
    return;
  if (!lum_channel_test_needs_confirmation (self->test))
    {
      start (self);
      return;
    }

  body = lum_test_dialog_dup_confirmation_text (self);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Send a Test to a Real Account?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "send", _("_Send Test"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "send", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response_cb), self, 0);
  lum_ui_name_buttons_by_label (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* -- export --------------------------------------------------------------- */

static void
on_report_saved_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LumTestDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (source));
  g_autofree char *message = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    message = g_strdup_printf (_("The report could not be saved: %s"), error->message);
  else
    message = g_strdup_printf (_("Report saved as “%s”"), name);
  adw_toast_overlay_add_toast (self->toast_overlay, lum_ui_toast_new (message));
}

static char *
dup_report (LumTestDialog *self,
            gboolean       markdown)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonGenerator) generator = NULL;

  if (markdown)
    return lum_channel_test_to_markdown (self->test);
  node = lum_channel_test_to_json (self->test, TRUE);
  generator = json_generator_new ();
  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        LumTestDialog   *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  GtkFileFilter *filter;
  gboolean markdown;
  gsize length;
  GBytes *bytes;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  /* The name decides the format; without an extension, the chosen filter. */
  path = g_file_get_basename (file);
  filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));
  markdown = g_str_has_suffix (path, ".md") || g_str_has_suffix (path, ".markdown") ||
             (!g_str_has_suffix (path, ".json") && filter != NULL &&
              g_strcmp0 (gtk_file_filter_get_name (filter), _("Markdown")) == 0);
  contents = dup_report (self, markdown);
  length = strlen (contents);
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_NONE,
                                       self->cancellable, on_report_saved_cb, g_object_ref (self));
  g_bytes_unref (bytes);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LumTestDialog *self = LUM_TEST_DIALOG (widget);
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) markdown = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (!self->finished || self->chooser != NULL)
    return;

  gtk_file_filter_set_name (json, _("JSON"));
  gtk_file_filter_add_pattern (json, "*.json");
  gtk_file_filter_add_mime_type (json, "application/json");
  gtk_file_filter_set_name (markdown, _("Markdown"));
  gtk_file_filter_add_pattern (markdown, "*.md");
  gtk_file_filter_add_mime_type (markdown, "text/markdown");

  self->chooser = gtk_file_chooser_native_new (_("Export Test Report"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), json);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), markdown);
  /* Translators: the file name of an exported report; %s is the channel */
  name = g_strdup_printf (_("Channel test of %s.json"), lum_channel_get_name (self->channel));
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* -- GObject -------------------------------------------------------------- */

static void
lum_test_dialog_constructed (GObject *object)
{
  LumTestDialog *self = (LumTestDialog *)object;
  g_autoptr(LumSyncService) sync = NULL;
  int delay;
  GListModel *steps;

  G_OBJECT_CLASS (lum_test_dialog_parent_class)->constructed (object);

  g_return_if_fail (LUM_IS_ENGINE (self->engine));
  g_return_if_fail (LUM_IS_CHANNEL (self->channel));

  sync = lum_sync_service_dup_for_engine (self->engine);
  self->test = lum_channel_test_new (sync, self->channel);
  adw_window_title_set_subtitle (self->window_title, lum_channel_get_name (self->channel));

  delay = lum_channel_get_push_delay_minutes (self->channel);
  if (lum_channel_get_push_to_oms (self->channel) && delay > 0)
    {
      g_autofree char *subtitle =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "The channel waits %d minute after posting; the test pushes at once",
                                      "The channel waits %d minutes after posting; the test pushes at once",
                                      delay),
                         delay);
      adw_action_row_set_subtitle (self->skip_delay_row, subtitle);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->skip_delay_row), FALSE);
    }

  build_rows (self);
  steps = lum_channel_test_get_steps (self->test);
  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    {
      g_autoptr(GObject) step = g_list_model_get_item (steps, i);
      g_signal_connect_object (step, "notify::state", G_CALLBACK (on_step_state_cb), self, G_CONNECT_SWAPPED);
    }
  update_status (self);
  lum_ui_name_buttons_by_label (GTK_WIDGET (self));
  gtk_widget_grab_focus (self->run_button);
}

static void
lum_test_dialog_dispose (GObject *object)
{
  LumTestDialog *self = (LumTestDialog *)object;

  g_cancellable_cancel (self->cancellable);
  resume_push (self);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), LUM_TYPE_TEST_DIALOG);

  G_OBJECT_CLASS (lum_test_dialog_parent_class)->dispose (object);
}

static void
lum_test_dialog_finalize (GObject *object)
{
  LumTestDialog *self = (LumTestDialog *)object;

  g_clear_object (&self->test);
  g_clear_object (&self->channel);
  g_clear_object (&self->engine);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->run_error);

  G_OBJECT_CLASS (lum_test_dialog_parent_class)->finalize (object);
}

static void
lum_test_dialog_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LumTestDialog *self = LUM_TEST_DIALOG (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    case PROP_CHANNEL:
      g_value_set_object (value, self->channel);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_FINISHED:
      g_value_set_boolean (value, self->finished);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_test_dialog_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LumTestDialog *self = LUM_TEST_DIALOG (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      self->engine = g_value_dup_object (value);
      break;
    case PROP_CHANNEL:
      self->channel = lum_channel_copy (g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_test_dialog_class_init (LumTestDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lum_test_dialog_constructed;
  object_class->dispose = lum_test_dialog_dispose;
  object_class->finalize = lum_test_dialog_finalize;
  object_class->get_property = lum_test_dialog_get_property;
  object_class->set_property = lum_test_dialog_set_property;

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, LUM_TYPE_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * LumTestDialog:channel:
   *
   * The channel as saved; the test runs through its configuration.
   */
  properties[PROP_CHANNEL] =
    g_param_spec_object ("channel", NULL, NULL, LUM_TYPE_CHANNEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FINISHED] =
    g_param_spec_boolean ("finished", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LumTestDialog::finished:
   *
   * The test ran to its end (its steps say how).
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lumenapp/Lumen/lum-test-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LumTestDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, LumTestDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LumTestDialog, status_icon_stack);
  gtk_widget_class_bind_template_child (widget_class, LumTestDialog, status_icon);
  gtk_widget_class_bind_template_child (widget_class, LumTestDialog, status_spinner);
  gtk_widget_class_bind_template_child (widget_class, LumTestDialog, status_title);
  gtk_widget_class_bind_template_child (widget_class, LumTestDialog, status_description);
  gtk_widget_class_bind_template_child (widget_class, LumTestDialog, run_button);
  gtk_widget_class_bind_template_child (widget_class, LumTestDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, LumTestDialog, options_group);
  gtk_widget_class_bind_template_child (widget_class, LumTestDialog, skip_delay_row);
  gtk_widget_class_bind_template_child (widget_class, LumTestDialog, skip_delay_switch);
  gtk_widget_class_bind_template_child (widget_class, LumTestDialog, steps_list);

  gtk_widget_class_install_action (widget_class, "test.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "test.export", NULL, export_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "test.export", NULL);
}

static void
lum_test_dialog_init (LumTestDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_window_set_default_widget (GTK_WINDOW (self), self->run_button);
}

/**
 * lum_test_dialog_new:
 * @channel: the channel as saved
 *
 * A window over @parent that tests @channel when the user starts it.
 */
LumTestDialog *
lum_test_dialog_new (GtkWindow  *parent,
                     LumEngine  *engine,
                     LumChannel *channel)
{
  return g_object_new (LUM_TYPE_TEST_DIALOG,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       "engine", engine,
                       "channel", channel,
                       NULL);
}

/**
 * lum_test_dialog_get_test:
 *
 * Returns: (transfer none): the test the dialog runs
 */
LumChannelTest *
lum_test_dialog_get_test (LumTestDialog *self)
{
  g_return_val_if_fail (LUM_IS_TEST_DIALOG (self), NULL);
  return self->test;
}

gboolean
lum_test_dialog_get_running (LumTestDialog *self)
{
  g_return_val_if_fail (LUM_IS_TEST_DIALOG (self), FALSE);
  return self->running;
}

gboolean
lum_test_dialog_get_finished (LumTestDialog *self)
{
  g_return_val_if_fail (LUM_IS_TEST_DIALOG (self), FALSE);
  return self->finished;
}

/* "Wholesale (1001)" when the store is known by name, else its id. */
static char *
dup_store_label (LumTestDialog  *self,
                 LumIntegration *oms)
{
  const char *id = lum_channel_get_oms_store_id (self->channel);
  const char *name = lum_channel_get_oms_store_name (self->channel);
  g_autoptr(GListStore) known = NULL;

  if (name != NULL && *name != '\0')
    return g_strdup_printf ("%s (%s)", name, id);
  known = lum_engine_list_remote_stores (self->engine, lum_integration_get_id (oms), NULL);
  for (guint i = 0; known != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (known)); i++)
    {
      g_autoptr(LumRemoteStore) store = g_list_model_get_item (G_LIST_MODEL (known), i);

      if (g_strcmp0 (lum_remote_store_get_remote_id (store), id) == 0)
        return lum_remote_store_dup_label (store);
    }
  return g_strdup (id);
}

/**
 * lum_test_dialog_dup_confirmation_text:
 *
 * What a test against real accounts sends where, in words, for the
 * confirmation it needs first.
 */
char *
lum_test_dialog_dup_confirmation_text (LumTestDialog *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(LumIntegration) oms = NULL;
  g_autoptr(LumIntegration) accounting = NULL;
  gint64 accounting_id;

  g_return_val_if_fail (LUM_IS_TEST_DIALOG (self), NULL);

  if (lum_channel_get_push_to_oms (self->channel))
    oms = lum_engine_get_integration (self->engine, lum_channel_get_oms_integration_id (self->channel), NULL);
  accounting_id = lum_channel_get_accounting_integration_id (self->channel);
  if (accounting_id != 0)
    accounting = lum_engine_get_integration (self->engine, accounting_id, NULL);

  if (oms != NULL && !lum_integration_is_sandbox (oms))
    {
      g_autofree char *store = dup_store_label (self, oms);

      g_string_append_printf (text, _("A test sales order is sent to %s (%s), store %s. It is put on hold "
                                      "there, marked as a test, and cancelled by the last step."),
                              lum_integration_get_name (oms),
                              lum_integration_kind_to_label (lum_integration_get_kind (oms)), store);
    }
  if (accounting != NULL && !lum_integration_is_sandbox (accounting))
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, _("Its invoice is sent to the QuickBooks Online company of %s, "
                                      "numbered as a test invoice."),
                              lum_integration_get_name (accounting));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "lum-application.h"
#include "lum-channel-editor.h"
#include "lum-channel-editor-private.h"
#include "lum-channel-json.h"
#include "flow/lum-channel-rules.h"
#include "lum-flow-diagram.h"
#include "lum-mapping-list.h"
#include "lum-mapping-row.h"
#include "lum-store-chooser.h"
#include "lum-test-dialog.h"
#include "lum-form-util.h"
#include "lum-ui-util.h"
#include "lum-engine-setup.h"
#include "store/lum-store-version.h"

G_DEFINE_FINAL_TYPE (LumChannelEditor, lum_channel_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_ENGINE,
  PROP_CHANNEL,
  N_PROPS
};

enum {
  SAVED,
  ARCHIVE_REQUESTED,
  DUPLICATE_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef void (*EditorContinuation) (LumChannelEditor *self);

static void update_flow (LumChannelEditor *self);

/* -- choices -------------------------------------------------------------- */

static guint
find_position (GListModel *model,
               gint64      id,
               gint64    (*get_id) (gpointer item))
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (get_id (item) == id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static guint
find_id (GArray *ids,
         gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static gint64
selected_id (AdwComboRow *row,
             GArray      *ids)
{
  guint selected = adw_combo_row_get_selected (row);

  return selected < ids->len ? g_array_index (ids, gint64, selected) : 0;
}

static void
set_integration_choices (LumChannelEditor *self,
                         GListModel       *integrations)
{
  g_autoptr(GtkStringList) oms = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) accounting = gtk_string_list_new (NULL);
  gint64 none = 0;
  guint n = g_list_model_get_n_items (integrations);

  g_array_set_size (self->oms_ids, 0);
  g_array_set_size (self->accounting_ids, 0);

  gtk_string_list_append (accounting, _("None"));
  g_array_append_val (self->accounting_ids, none);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LumIntegration) integration = g_list_model_get_item (integrations, i);
      gint64 id = lum_integration_get_id (integration);

      if (lum_integration_is_oms (integration))
        {
          gtk_string_list_append (oms, lum_integration_get_name (integration));
          g_array_append_val (self->oms_ids, id);
        }
      else if (lum_integration_get_kind (integration) == LUM_INTEGRATION_KIND_QUICKBOOKS)
        {
          gtk_string_list_append (accounting, lum_integration_get_name (integration));
          g_array_append_val (self->accounting_ids, id);
        }
    }

  adw_combo_row_set_model (self->oms_row, G_LIST_MODEL (oms));
  adw_combo_row_set_model (self->accounting_row, G_LIST_MODEL (accounting));

  /* The subtitle shows the chosen integration, or that there is none. */
  if (self->oms_ids->len == 0)
    {
      adw_combo_row_set_use_subtitle (self->oms_row, FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->oms_row),
                                   _("No ShipStation or Extensiv integration is set up yet"));
    }
  else
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->oms_row), NULL);
      adw_combo_row_set_use_subtitle (self->oms_row, FALSE);
      adw_combo_row_set_use_subtitle (self->oms_row, TRUE);
    }
}

static void
load_choices (LumChannelEditor *self)
{
  g_autoptr(GListStore) groups = NULL;
  g_autoptr(GListStore) types = NULL;
  g_autoptr(GListStore) integrations = NULL;
  g_autoptr(GError) error = NULL;

  if ((groups = lum_engine_list_warehouse_groups (self->engine, &error)) == NULL ||
      (types = lum_engine_list_invoice_types (self->engine, &error)) == NULL ||
      (integrations = lum_engine_list_integrations (self->engine, &error)) == NULL)
    {
      g_warning ("Cannot load the channel set-up choices: %s", error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, lum_ui_toast_new (error->message));
      return;
    }

  adw_combo_row_set_model (self->group_row, G_LIST_MODEL (groups));
  adw_combo_row_set_model (self->invoice_type_row, G_LIST_MODEL (types));
  set_integration_choices (self, G_LIST_MODEL (integrations));
}

/* The stores last listed from the chosen OMS; the live list replaces them
 * when it arrives (fetch_stores()). */
static void
load_stores (LumChannelEditor *self,
             const char       *store_id)
{
  lum_store_chooser_load (self->store_chooser, selected_id (self->oms_row, self->oms_ids), store_id);
}

/* Lists the stores of the chosen OMS live; @force lists them again. */
static void
fetch_stores (LumChannelEditor *self,
              gboolean          force)
{
  lum_store_chooser_fetch (self->store_chooser, selected_id (self->oms_row, self->oms_ids), force);
}

static void
update_rows (LumChannelEditor *self)
{
  gboolean so_first = adw_combo_row_get_selected (self->flow_row) == 0;
  gboolean push = gtk_switch_get_active (self->push_switch);

  lum_store_chooser_update_rows (self->store_chooser, push);
  /* Set here rather than bound in the template: a combo row sets its own
   * sensitivity whenever it gets a model. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->delay_row), push);
  gtk_widget_set_sensitive (GTK_WIDGET (self->fulfillment_row), push);
  gtk_widget_set_sensitive (GTK_WIDGET (self->oms_row), push && self->oms_ids->len > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->timing_row), so_first);
}

/* -- widgets ⇄ channel ---------------------------------------------------- */

static gint64
group_get_id (gpointer item)
{
  return lum_warehouse_group_get_id (item);
}

static gint64
invoice_type_get_id (gpointer item)
{
  return lum_invoice_type_get_id (item);
}

static void
load_channel (LumChannelEditor *self,
              LumChannel       *channel)
{
  g_autofree char *delay = lum_channel_format_push_delay (lum_channel_get_push_delay_minutes (channel));
  g_autofree char *tags = lum_channel_dup_tags_text (channel);
  guint n;

  self->loading = TRUE;

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), lum_channel_get_name (channel));
  adw_combo_row_set_selected (self->group_row,
                              find_position (adw_combo_row_get_model (self->group_row),
                                             lum_channel_get_warehouse_group_id (channel), group_get_id));
  gtk_switch_set_active (self->internal_switch, lum_channel_get_internal (channel));
  gtk_editable_set_text (GTK_EDITABLE (self->description_row), lum_channel_get_description (channel));
  gtk_editable_set_text (GTK_EDITABLE (self->tags_row), tags);

  gtk_switch_set_active (self->push_switch, lum_channel_get_push_to_oms (channel));
  n = find_id (self->oms_ids, lum_channel_get_oms_integration_id (channel));
  adw_combo_row_set_selected (self->oms_row, n != GTK_INVALID_LIST_POSITION ? n : 0);
  load_stores (self, lum_channel_get_oms_store_id (channel));
  gtk_editable_set_text (GTK_EDITABLE (self->delay_entry), delay);
  gtk_switch_set_active (self->fulfillment_switch, lum_channel_get_push_fulfillment_updates (channel));

  lum_mapping_list_set_mappings (self->mappings, lum_channel_get_mappings (channel));

  adw_combo_row_set_selected (self->flow_row,
                              lum_channel_get_order_flow (channel) == LUM_ORDER_FLOW_INVOICE_FIRST ? 1 : 0);
  adw_combo_row_set_selected (self->invoice_type_row,
                              find_position (adw_combo_row_get_model (self->invoice_type_row),
                                             lum_channel_get_invoice_type_id (channel), invoice_type_get_id));
  adw_combo_row_set_selected (self->timing_row,
                              lum_channel_get_invoice_timing (channel) == LUM_INVOICE_TIMING_SHIPMENT_CREATED ? 1 : 0);
  n = find_id (self->accounting_ids, lum_channel_get_accounting_integration_id (channel));
  adw_combo_row_set_selected (self->accounting_row, n != GTK_INVALID_LIST_POSITION ? n : 0);

  update_rows (self);
  self->loading = FALSE;
}

/* Writes what the widgets show into @channel. Fails only on a push delay
 * that is not a number; everything else is for the engine to judge. */
static gboolean
apply_to_channel (LumChannelEditor  *self,
                  LumChannel        *channel,
                  GError           **error)
{
  LumWarehouseGroup *group = adw_combo_row_get_selected_item (self->group_row);
  LumInvoiceType *type = adw_combo_row_get_selected_item (self->invoice_type_row);
  g_auto(GStrv) tags = lum_channel_parse_tags (gtk_editable_get_text (GTK_EDITABLE (self->tags_row)));
  gboolean push = gtk_switch_get_active (self->push_switch);
  gboolean so_first = adw_combo_row_get_selected (self->flow_row) == 0;
  LumRemoteStore *known = lum_store_chooser_get_store (self->store_chooser);
  GListModel *mappings = lum_mapping_list_get_mappings (self->mappings);
  int delay = LUM_PUSH_DELAY_IMMEDIATE;

  lum_channel_set_name (channel, gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  lum_channel_set_warehouse_group_id (channel, group ? lum_warehouse_group_get_id (group) : 0);
  lum_channel_set_warehouse_group_name (channel, group ? lum_warehouse_group_get_name (group) : NULL);
  lum_channel_set_internal (channel, gtk_switch_get_active (self->internal_switch));
  lum_channel_set_description (channel, gtk_editable_get_text (GTK_EDITABLE (self->description_row)));
  lum_channel_set_tags (channel, (const char * const *)tags);

  lum_channel_set_push_to_oms (channel, push);
  lum_channel_set_oms_integration_id (channel, push ? selected_id (self->oms_row, self->oms_ids) : 0);
  if (push && known != NULL)
    {
      lum_channel_set_oms_store_id (channel, lum_remote_store_get_remote_id (known));
      lum_channel_set_oms_store_name (channel, lum_remote_store_get_name (known));
    }
  else
    {
      lum_channel_set_oms_store_id (channel, push ? gtk_editable_get_text (GTK_EDITABLE (self->store_id_row)) : NULL);
      lum_channel_set_oms_store_name (channel, NULL);
    }
  /* A delay left behind a switched-off push is not worth refusing. */
  if (!lum_channel_parse_push_delay (gtk_editable_get_text (GTK_EDITABLE (self->delay_entry)), &delay,
                                     push ? error : NULL) && push)
    return FALSE;
  lum_channel_set_push_delay_minutes (channel, delay);
  lum_channel_set_push_fulfillment_updates (channel, push && gtk_switch_get_active (self->fulfillment_switch));

  lum_channel_clear_mappings (channel);
  for (guint i = 0; i < g_list_model_get_n_items (mappings); i++)
    {
      g_autoptr(LumFieldMapping) m = g_list_model_get_item (mappings, i);

      lum_channel_add_mapping (channel, lum_field_mapping_get_lumen_field (m),
                               lum_field_mapping_get_remote_field (m));
    }

  lum_channel_set_order_flow (channel, so_first ? LUM_ORDER_FLOW_SO_FIRST : LUM_ORDER_FLOW_INVOICE_FIRST);
  lum_channel_set_invoice_type_id (channel, type ? lum_invoice_type_get_id (type) : 0);
  lum_channel_set_invoice_type_name (channel, type ? lum_invoice_type_get_name (type) : NULL);
  if (!so_first)
    lum_channel_set_invoice_timing (channel, LUM_INVOICE_TIMING_NONE);
  else if (adw_combo_row_get_selected (self->timing_row) == 1)
    lum_channel_set_invoice_timing (channel, LUM_INVOICE_TIMING_SHIPMENT_CREATED);
  else
    lum_channel_set_invoice_timing (channel, LUM_INVOICE_TIMING_SO_CREATED);
  lum_channel_set_accounting_integration_id (channel, selected_id (self->accounting_row, self->accounting_ids));
  lum_channel_set_accounting_integration_name (channel, NULL);

  return TRUE;
}

/* The channel as the widgets show it, as text, or %NULL when a field does
 * not even parse. */
static char *
dup_state (LumChannelEditor *self)
{
  g_autoptr(LumChannel) state = lum_channel_copy (self->original);
  g_autoptr(JsonNode) node = NULL;

  if (!apply_to_channel (self, state, NULL))
    return NULL;
  /* The id is the choice; the name follows whatever the OMS lists now. */
  lum_channel_set_oms_store_name (state, NULL);
  node = lum_channel_to_json (state);
  return json_to_string (node, FALSE);
}

/* -- the flow, drawn, and its test ---------------------------------------- */

static const char *
selected_label (AdwComboRow *row)
{
  gpointer item = adw_combo_row_get_selected_item (row);

  return GTK_IS_STRING_OBJECT (item) ? gtk_string_object_get_string (item) : NULL;
}

/* Redraws the diagram and says whether the channel can be tested: only as
 * saved, since the test runs through the stored configuration. */
static void
update_flow (LumChannelEditor *self)
{
  g_autoptr(LumChannel) shown = lum_channel_copy (self->original);
  gboolean saved = lum_channel_get_id (self->original) != 0;
  gboolean modified;
  const char *description;

  if (apply_to_channel (self, shown, NULL))
    {
      lum_channel_set_oms_integration_name (shown, selected_label (self->oms_row));
      lum_channel_set_accounting_integration_name (shown, selected_label (self->accounting_row));
      lum_flow_diagram_set_channel (self->flow_diagram, shown);
    }

  modified = self->baseline != NULL && lum_channel_editor_get_modified (self);
  if (!saved)
    description = _("How an order of this channel travels. Save the channel to test it.");
  else if (modified)
    description = _("How an order of this channel travels. Save the changes to test them.");
  else
    description = _("How an order of this channel travels. A test sends a test order through it, step by step.");
  adw_preferences_group_set_description (self->flow_group, description);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.test-channel", saved && !modified);

  /* The marks of the last test describe the configuration it ran on. */
  if (self->tested_state != NULL)
    {
      g_autofree char *state = dup_state (self);

      if (g_strcmp0 (state, self->tested_state) != 0)
        {
          lum_flow_diagram_set_steps (self->flow_diagram, NULL);
          g_clear_pointer (&self->tested_state, g_free);
        }
    }
}

/* -- closing -------------------------------------------------------------- */

static void
close_editor (LumChannelEditor *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
archive_and_close (LumChannelEditor *self)
{
  g_autoptr(LumChannelEditor) hold = g_object_ref (self);

  g_signal_emit (self, signals[ARCHIVE_REQUESTED], 0, self->original);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
duplicate_and_close (LumChannelEditor *self)
{
  g_autoptr(LumChannelEditor) hold = g_object_ref (self);

  g_signal_emit (self, signals[DUPLICATE_REQUESTED], 0, self->original);
  gtk_window_destroy (GTK_WINDOW (self));
}

typedef struct
{
  LumChannelEditor   *editor;
  EditorContinuation  then;
} Continuation;

static gboolean
run_continuation_cb (gpointer user_data)
{
  Continuation *c = user_data;

  c->then (c->editor);
  g_object_unref (c->editor);
  g_free (c);
  return G_SOURCE_REMOVE;
}

static void
on_discard_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        LumChannelEditor *self)
{
  EditorContinuation then = g_object_get_data (G_OBJECT (dialog), "lum-then");
  Continuation *c;

  if (g_strcmp0 (response, "discard") != 0 || then == NULL)
    return;

  /* Closing the editor from inside its dialog's response would free the
   * dialog's transient parent under it: let the dialog go first. */
  c = g_new0 (Continuation, 1);
  c->editor = g_object_ref (self);
  c->then = then;
  g_idle_add (run_continuation_cb, c);
}

/* Runs @then now, or after the user agreed to lose the unsaved changes. */
static void
confirm_discard (LumChannelEditor   *self,
                 EditorContinuation  then)
{
  GtkWidget *dialog;

  if (!lum_channel_editor_get_modified (self))
    {
      then (self);
      return;
    }

  dialog = lum_form_discard_dialog_new (GTK_WINDOW (self),
                                        _("The changes to this channel have not been saved."));
  g_object_set_data (G_OBJECT (dialog), "lum-then", then);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* -- callbacks ------------------------------------------------------------ */

/* What the editor or the store chooser puts in the rows is no choice of
 * the user's. */
static gboolean
is_loading (LumChannelEditor *self)
{
  return self->loading || lum_store_chooser_is_filling (self->store_chooser);
}

static void
on_editable_changed_cb (LumChannelEditor *self,
                        GtkWidget        *editable)
{
  if (is_loading (self))
    return;
  clear_row_error (self, lum_form_row_of (editable));
  update_flow (self);
}

static void
on_selected_changed_cb (LumChannelEditor *self,
                        GParamSpec       *pspec,
                        GtkWidget        *widget)
{
  if (is_loading (self))
    return;

  clear_row_error (self, lum_form_row_of (widget));
  if (widget == GTK_WIDGET (self->oms_row))
    {
      g_autofree char *typed = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->store_id_row)));

      load_stores (self, typed);
    }
  update_rows (self);
  if (gtk_switch_get_active (self->push_switch))
    fetch_stores (self, FALSE);
  update_flow (self);
}

static void
on_engine_changed_cb (LumChannelEditor *self,
                      const char       *what)
{
  g_autoptr(LumChannel) shown = NULL;

  /* New integrations, groups or stores become choices; what the user
   * entered stays. */
  if (g_strcmp0 (what, "channels") == 0)
    return;

  shown = lum_channel_copy (self->channel);
  if (!apply_to_channel (self, shown, NULL))
    return;
  /* New models reselect rows; that is no choice of the user's. */
  self->loading = TRUE;
  load_choices (self);
  self->loading = FALSE;
  load_channel (self, shown);
  update_flow (self);
}

static void
on_store_status_changed_cb (LumChannelEditor *self)
{
  update_rows (self);
}

static void
on_stores_fetched_cb (LumChannelEditor *self)
{
  update_flow (self);
}

static void
on_mappings_changed_cb (LumChannelEditor *self)
{
  if (!self->loading)
    update_flow (self);
}

/* -- actions -------------------------------------------------------------- */

static void save_channel (LumChannelEditor *self);

/* The channel as saved now, over the widgets: the clerk's changes go. */
static void
reload_channel (LumChannelEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumChannel) stored = lum_engine_get_channel (self->engine, lum_channel_get_id (self->original), &error);

  if (stored == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, lum_ui_toast_new (error->message));
      return;
    }
  g_set_object (&self->original, stored);
  g_clear_object (&self->channel);
  self->channel = lum_channel_copy (stored);
  clear_errors (self);
  load_channel (self, self->channel);
  g_free (self->baseline);
  self->baseline = dup_state (self);
  update_flow (self);
  adw_toast_overlay_add_toast (self->toast_overlay, lum_ui_toast_new (_("Reloaded as saved by the other person")));
}

static gboolean
save_anyway_idle_cb (gpointer user_data)
{
  save_channel (user_data);
  return G_SOURCE_REMOVE;
}

static void
on_changed_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        LumChannelEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumChannel) stored = NULL;

  if (g_strcmp0 (response, "reload") == 0)
    {
      reload_channel (self);
      return;
    }
  if (g_strcmp0 (response, "save-anyway") != 0)
    return;
  /* Save Anyway: over the version saved now, nothing else of it kept */
  stored = lum_engine_get_channel (self->engine, lum_channel_get_id (self->channel), &error);
  if (stored == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, lum_ui_toast_new (error->message));
      return;
    }
  lum_channel_set_version (self->channel, lum_channel_get_version (stored));
  /* saved, the editor closes: let the dialog go before its parent does */
  g_idle_add_full (G_PRIORITY_DEFAULT, save_anyway_idle_cb, g_object_ref (self), g_object_unref);
}

static void
save_channel (LumChannelEditor *self)
{
  g_autoptr(LumChannelEditor) hold = g_object_ref (self);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify)g_error_free);
  g_autoptr(GPtrArray) refused = NULL;
  GError *error = NULL;

  clear_errors (self);
  /* a push delay that is no number, and what the rules refuse besides */
  if (!apply_to_channel (self, self->channel, &error))
    g_ptr_array_add (errors, g_steal_pointer (&error));
  refused = lum_engine_check_channel (self->engine, self->channel);
  for (guint i = 0; i < refused->len; i++)
    g_ptr_array_add (errors, g_error_copy (g_ptr_array_index (refused, i)));
  if (errors->len == 0 && !lum_engine_save_channel (self->engine, self->channel, &error))
    {
      /* someone else saved it meanwhile: who and when, the clerk's changes kept */
      if (g_error_matches (error, LUM_STORE_ERROR, LUM_STORE_ERROR_CHANGED))
        {
          GtkWidget *dialog = lum_form_changed_dialog_new (GTK_WINDOW (self), error);

          g_error_free (error);
          g_signal_connect_object (dialog, "response", G_CALLBACK (on_changed_response_cb), self, 0);
          gtk_window_present (GTK_WINDOW (dialog));
          return;
        }
      g_ptr_array_add (errors, g_steal_pointer (&error));
    }
  if (errors->len > 0)
    {
      show_errors (self, errors);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, self->channel);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save_channel (LUM_CHANNEL_EDITOR (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  confirm_discard (LUM_CHANNEL_EDITOR (widget), close_editor);
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  confirm_discard (LUM_CHANNEL_EDITOR (widget), archive_and_close);
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  confirm_discard (LUM_CHANNEL_EDITOR (widget), duplicate_and_close);
}

static void
add_mapping_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  lum_mapping_list_add (LUM_CHANNEL_EDITOR (widget)->mappings);
}

static void
retry_stores_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  fetch_stores (LUM_CHANNEL_EDITOR (widget), TRUE);
}

static void
test_channel_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LumChannelEditor *self = LUM_CHANNEL_EDITOR (widget);
  g_autoptr(LumChannel) stored = NULL;
  g_autoptr(GError) error = NULL;
  LumTestDialog *dialog;

  if (self->test_dialog != NULL)
    {
      gtk_window_present (self->test_dialog);
      return;
    }
  if (lum_channel_get_id (self->original) == 0 || lum_channel_editor_get_modified (self))
    return;

  /* The test runs through the configuration as stored now. */
  stored = lum_engine_get_channel (self->engine, lum_channel_get_id (self->original), &error);
  if (stored == NULL)
    {
      show_error (self, error);
      return;
    }

  dialog = lum_test_dialog_new (GTK_WINDOW (self), self->engine, stored);
  lum_flow_diagram_set_steps (self->flow_diagram, lum_channel_test_get_steps (lum_test_dialog_get_test (dialog)));
  g_free (self->tested_state);
  self->tested_state = dup_state (self);

  self->test_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->test_dialog);
  gtk_window_present (self->test_dialog);
}

/* -- GObject -------------------------------------------------------------- */

static void
lum_channel_editor_constructed (GObject *object)
{
  LumChannelEditor *self = (LumChannelEditor *)object;
  gboolean is_new;

  G_OBJECT_CLASS (lum_channel_editor_parent_class)->constructed (object);

  g_return_if_fail (LUM_IS_ENGINE (self->engine));
  g_return_if_fail (LUM_IS_CHANNEL (self->original));

  is_new = lum_channel_get_id (self->original) == 0;
  self->channel = lum_channel_copy (self->original);
  self->store_chooser = lum_store_chooser_new (self->engine, self->store_row, self->store_id_row,
                                               self->store_status_row, self->store_status_stack,
                                               self->store_spinner, self->store_retry_button);
  g_signal_connect_object (self->store_chooser, "status-changed", G_CALLBACK (on_store_status_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store_chooser, "fetched", G_CALLBACK (on_stores_fetched_cb),
                           self, G_CONNECT_SWAPPED);

  adw_window_title_set_title (self->window_title, is_new ? _("New Channel") : _("Edit Channel"));
  adw_window_title_set_subtitle (self->window_title, is_new ? NULL : lum_channel_get_name (self->original));
  gtk_window_set_title (GTK_WINDOW (self), is_new ? _("New Channel") : _("Edit Channel"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.archive",
                                 !is_new && !lum_channel_get_archived (self->original));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.duplicate", !is_new);

  if (is_new)
    {
      g_autoptr(GSettings) settings = lum_application_dup_settings ();
      int delay = settings ? g_settings_get_int (settings, "default-push-delay") : LUM_PUSH_DELAY_IMMEDIATE;

      if (delay >= 0)
        lum_channel_set_push_delay_minutes (self->channel, delay);
    }

  self->loading = TRUE;
  load_choices (self);
  self->loading = FALSE;
  load_channel (self, self->channel);
  self->baseline = dup_state (self);
  update_flow (self);
  if (gtk_switch_get_active (self->push_switch))
    fetch_stores (self, FALSE);

  g_signal_connect_object (self->engine, "changed", G_CALLBACK (on_engine_changed_cb), self,
                           G_CONNECT_SWAPPED);

  if (is_new)
    gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static gboolean
lum_channel_editor_close_request (GtkWindow *window)
{
  LumChannelEditor *self = LUM_CHANNEL_EDITOR (window);

  if (!lum_channel_editor_get_modified (self))
    return GTK_WINDOW_CLASS (lum_channel_editor_parent_class)->close_request (window);

  confirm_discard (self, close_editor);
  return TRUE;
}

static void
lum_channel_editor_dispose (GObject *object)
{
  LumChannelEditor *self = (LumChannelEditor *)object;

  /* Both drive rows of the template: they go first. */
  g_clear_object (&self->store_chooser);
  g_clear_object (&self->mappings);
  g_clear_weak_pointer (&self->test_dialog);
  gtk_widget_dispose_template (GTK_WIDGET (self), LUM_TYPE_CHANNEL_EDITOR);
  g_clear_object (&self->channel);
  g_clear_object (&self->original);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (lum_channel_editor_parent_class)->dispose (object);
}

static void
lum_channel_editor_finalize (GObject *object)
{
  LumChannelEditor *self = (LumChannelEditor *)object;

  g_clear_pointer (&self->baseline, g_free);
  g_clear_pointer (&self->tested_state, g_free);
  g_clear_pointer (&self->oms_ids, g_array_unref);
  g_clear_pointer (&self->accounting_ids, g_array_unref);
  g_clear_pointer (&self->message_rows, g_hash_table_unref);

  G_OBJECT_CLASS (lum_channel_editor_parent_class)->finalize (object);
}

static void
lum_channel_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LumChannelEditor *self = LUM_CHANNEL_EDITOR (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    case PROP_CHANNEL:
      g_value_set_object (value, self->original);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_channel_editor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LumChannelEditor *self = LUM_CHANNEL_EDITOR (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      self->engine = g_value_dup_object (value);
      break;
    case PROP_CHANNEL:
      self->original = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_channel_editor_class_init (LumChannelEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = lum_channel_editor_constructed;
  object_class->dispose = lum_channel_editor_dispose;
  object_class->finalize = lum_channel_editor_finalize;
  object_class->get_property = lum_channel_editor_get_property;
  object_class->set_property = lum_channel_editor_set_property;

  window_class->close_request = lum_channel_editor_close_request;

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, LUM_TYPE_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * LumChannelEditor:channel:
   *
   * The channel as stored (or a new one from lum_engine_new_channel());
   * the editor changes a copy of it.
   */
  properties[PROP_CHANNEL] =
    g_param_spec_object ("channel", NULL, NULL, LUM_TYPE_CHANNEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LumChannelEditor::saved:
   * @channel: the channel as saved
   *
   * The channel was saved; the editor closes.
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, LUM_TYPE_CHANNEL);
  /**
   * LumChannelEditor::archive-requested:
   * @channel: the channel as stored
   *
   * The user asked to archive the channel; the editor closes right after.
   */
  signals[ARCHIVE_REQUESTED] =
    g_signal_new ("archive-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, LUM_TYPE_CHANNEL);
  /**
   * LumChannelEditor::duplicate-requested:
   * @channel: the channel as stored
   *
   * The user asked for a copy of the channel; the editor closes right after.
   */
  signals[DUPLICATE_REQUESTED] =
    g_signal_new ("duplicate-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, LUM_TYPE_CHANNEL);

  g_type_ensure (LUM_TYPE_WAREHOUSE_GROUP);
  g_type_ensure (LUM_TYPE_FLOW_DIAGRAM);
  g_type_ensure (LUM_TYPE_INVOICE_TYPE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lumenapp/Lumen/lum-channel-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, LumChannelEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, LumChannelEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LumChannelEditor, preferences_page);
  gtk_widget_class_bind_template_child (widget_class, LumChannelEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, LumChannelEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, LumChannelEditor, group_row);
  gtk_widget_class_bind_template_child (widget_class, LumChannelEditor, internal_row);
  gtk_widget_class_bind_template_child (widget_class, LumChannelEditor, internal_switch);
  gtk_widget_class_bind_template_child (widget_class, LumChannelEditor, description_row);
  gtk_widget_class_bind_template_child (widget_class, LumChannelEditor, tags_row);
  gtk_widget_class_bind_template_child (widget_class, LumChannelEditor, push_row);
  gtk_widget_class_bind_template_child (widget_class, LumChannelEditor, push_switch);
  gtk_widget_class_bind_template_child (widget_class, LumChannelEditor, oms_row);
  gtk_widget_class_bind_template_child (widget_class, LumChannelEditor, store_row);
  gtk_widget_class_bind_template_child (widget_class, LumChannelEditor, store_status_row);
  gtk_widget_class_bind_template_child (widget_class, LumChannelEditor, store_status_stack);
  gtk_widget_class_bind_template_child (widget_class, LumChannelEditor, store_spinner);
  gtk_widget_class_bind_template_child (widget_class, LumChannelEditor, store_retry_button);
  gtk_widget_class_bind_template_child (widget_class, LumChannelEditor, store_id_row);
  gtk_widget_class_bind_template_child (widget_class, LumChannelEditor, delay_row);
  gtk_widget_class_bind_template_child (widget_class, LumChannelEditor, delay_entry);
  gtk_widget_class_bind_template_child (widget_class, LumChannelEditor, fulfillment_row);
  gtk_widget_class_bind_template_child (widget_class, LumChannelEditor, fulfillment_switch);
  gtk_widget_class_bind_template_child (widget_class, LumChannelEditor, mapping_group);
  gtk_widget_class_bind_template_child (widget_class, LumChannelEditor, mapping_list);
  gtk_widget_class_bind_template_child (widget_class, LumChannelEditor, flow_row);
  gtk_widget_class_bind_template_child (widget_class, LumChannelEditor, invoice_type_row);
  gtk_widget_class_bind_template_child (widget_class, LumChannelEditor, timing_row);
  gtk_widget_class_bind_template_child (widget_class, LumChannelEditor, accounting_row);
  gtk_widget_class_bind_template_child (widget_class, LumChannelEditor, flow_group);
  gtk_widget_class_bind_template_child (widget_class, LumChannelEditor, flow_diagram);
  gtk_widget_class_bind_template_child (widget_class, LumChannelEditor, test_button);
  gtk_widget_class_bind_template_callback (widget_class, on_editable_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "editor.archive", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "editor.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "editor.add-mapping", NULL, add_mapping_action);
  gtk_widget_class_install_action (widget_class, "editor.retry-stores", NULL, retry_stores_action);
  gtk_widget_class_install_action (widget_class, "editor.test-channel", NULL, test_channel_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "editor.test-channel", NULL);
}

static void
lum_channel_editor_init (LumChannelEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->oms_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->accounting_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->message_rows = g_hash_table_new (NULL, NULL);

  self->mappings = lum_mapping_list_new (self->mapping_list);
  g_signal_connect_object (self->mappings, "changed", G_CALLBACK (on_mappings_changed_cb),
                           self, G_CONNECT_SWAPPED);

  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);
  lum_ui_name_buttons_by_label (GTK_WIDGET (self));
  lum_ui_combo_row_make_accessible (self->group_row);
  lum_ui_combo_row_make_accessible (self->oms_row);
  lum_ui_combo_row_make_accessible (self->store_row);
  lum_ui_combo_row_make_accessible (self->flow_row);
  lum_ui_combo_row_make_accessible (self->invoice_type_row);
  lum_ui_combo_row_make_accessible (self->timing_row);
  lum_ui_combo_row_make_accessible (self->accounting_row);
}

/**
 * lum_channel_editor_new:
 * @channel: the channel as stored, or a new one from lum_engine_new_channel()
 *
 * A modal editor for @channel over @parent.
 */
LumChannelEditor *
lum_channel_editor_new (GtkWindow  *parent,
                        LumEngine  *engine,
                        LumChannel *channel)
{
  return g_object_new (LUM_TYPE_CHANNEL_EDITOR,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       "engine", engine,
                       "channel", channel,
                       NULL);
}

/**
 * lum_channel_editor_get_channel:
 *
 * Returns: (transfer none): the copy being edited; after a successful save,
 *   the channel as saved
 */
LumChannel *
lum_channel_editor_get_channel (LumChannelEditor *self)
{
  g_return_val_if_fail (LUM_IS_CHANNEL_EDITOR (self), NULL);
  return self->channel;
}

/**
 * lum_channel_editor_get_modified:
 *
 * Whether the widgets show something else than the channel as loaded.
 */
gboolean
lum_channel_editor_get_modified (LumChannelEditor *self)
{
  g_autofree char *state = NULL;

  g_return_val_if_fail (LUM_IS_CHANNEL_EDITOR (self), FALSE);

  state = dup_state (self);
  return g_strcmp0 (state, self->baseline) != 0;
}

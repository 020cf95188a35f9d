/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "sync/lum-sync-remote.h"
#include "lum-integration-dialog.h"
#include "lum-integrations-page.h"
#include "lum-ui-util.h"
#include "lum-engine-setup.h"
#include "lum-secrets.h"

/*
 * LumIntegrationsPage: the accounts Lumen talks to. Each row says what the
 * integration is and where it points; a test of the connection, or a
 * reconnection to QuickBooks, reports in a row right below its own.
 */

typedef struct
{
  gboolean      running;
  gboolean      ok;
  char         *text;
  GCancellable *cancellable;
} Result;

struct _LumIntegrationsPage
{
  GtkWidget        parent_instance;

  LumEngine       *engine;
  gboolean         folded;
  GHashTable      *rows;      /* id → integration row */
  GHashTable      *results;   /* id → Result */
  GHashTable      *result_rows;

  AdwToastOverlay *toast_overlay;
  GtkStack        *content_stack;
  GtkMenuButton   *add_button;
  GtkListBox      *list;
  AdwStatusPage   *error_page;
  GtkLabel        *keyring_notice;
  GCancellable    *cancellable;
};

G_DEFINE_FINAL_TYPE (LumIntegrationsPage, lum_integrations_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ENGINE,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
result_free (gpointer data)
{
  Result *result = data;

  g_cancellable_cancel (result->cancellable);
  g_clear_object (&result->cancellable);
  g_free (result->text);
  g_free (result);
}

static gint64 *
id_key (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

static GtkWindow *
get_window (LumIntegrationsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* -- rows ----------------------------------------------------------------- */

static GtkWidget *
create_badge (const char *text,
              const char *style)
{
  GtkWidget *badge = gtk_label_new (text);

  gtk_widget_add_css_class (badge, "lum-badge");
  gtk_widget_add_css_class (badge, style);
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  return badge;
}

static GtkWidget *
create_button (const char *label,
               const char *action,
               gint64      id)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  return button;
}

static GMenuModel *
create_menu (LumIntegration *integration)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  GVariant *id = g_variant_ref_sink (g_variant_new_int64 (lum_integration_get_id (integration)));
  g_autoptr(GMenuItem) edit = g_menu_item_new (_("_Edit"), NULL);
  g_autoptr(GMenuItem) test = g_menu_item_new (_("_Test Connection"), NULL);
  g_autoptr(GMenuItem) remove = g_menu_item_new (_("_Delete…"), NULL);

  g_menu_item_set_action_and_target_value (edit, "integrations.edit", id);
  g_menu_append_item (menu, edit);
  g_menu_item_set_action_and_target_value (test, "integrations.test", id);
  g_menu_append_item (menu, test);
  if (lum_integration_get_kind (integration) == LUM_INTEGRATION_KIND_QUICKBOOKS)
    {
      g_autoptr(GMenuItem) reconnect = g_menu_item_new (_("_Reconnect"), NULL);

      g_menu_item_set_action_and_target_value (reconnect, "integrations.reconnect", id);
      g_menu_append_item (menu, reconnect);
    }
  g_menu_item_set_action_and_target_value (remove, "integrations.delete", id);
  g_menu_append_item (section, remove);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_variant_unref (id);
  return G_MENU_MODEL (menu);
}

static void
on_row_activated_cb (AdwActionRow *row,
                     gpointer      user_data)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "lum-id");

  gtk_widget_activate_action (GTK_WIDGET (row), "integrations.edit", "x", *id);
}

static GtkWidget *
create_integration_row (LumIntegration *integration)
{
  LumIntegrationKind kind = lum_integration_get_kind (integration);
  gint64 id = lum_integration_get_id (integration);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (kind == LUM_INTEGRATION_KIND_QUICKBOOKS
                                                  ? "accessories-calculator-symbolic"
                                                  : "package-x-generic-symbolic");
  GtkWidget *menu_button = gtk_menu_button_new ();
  g_autoptr(GMenuModel) menu = create_menu (integration);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", lum_integration_kind_to_label (kind),
                                               lum_integration_get_base_url (integration));
  g_autofree char *name = g_strdup_printf ("integration-%" G_GINT64_FORMAT, id);
  gboolean needs_reconnect = g_strcmp0 (lum_integration_get_state (integration),
                                        LUM_QUICKBOOKS_NEEDS_RECONNECT) == 0;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lum_integration_get_name (integration));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_set_name (row, name);
  g_object_set_data_full (G_OBJECT (row), "lum-id", id_key (id), g_free);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_signal_connect (row, "activated", G_CALLBACK (on_row_activated_cb), NULL);

  if (lum_integration_is_sandbox (integration))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), create_badge (_("Sandbox"), "internal"));
  if (needs_reconnect)
    {
      GtkWidget *reconnect = create_button (_("_Reconnect"), "integrations.reconnect", id);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), create_badge (_("Needs Reconnecting"), "lum-state-warning"));
      gtk_widget_add_css_class (reconnect, "suggested-action");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), reconnect);
      gtk_widget_add_css_class (row, "lum-needs-reconnect");
    }
  else
    {
      /* A refused authorization fails any test: Reconnect takes its place. */
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), create_button (_("_Test Connection"), "integrations.test", id));
    }

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), menu);
  gtk_widget_add_css_class (menu_button, "flat");
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (menu_button, _("Integration Actions"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Integration Actions"),
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), menu_button);
  lum_ui_name_buttons_by_label (row);
  return row;
}

static void
update_result_row (LumIntegrationsPage *self,
                   gint64               id);

static GtkWidget *
create_result_row (gint64 id)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *stack = gtk_stack_new ();
  g_autofree char *name = g_strdup_printf ("result-%" G_GINT64_FORMAT, id);
  GtkWidget *dismiss = gtk_button_new_from_icon_name ("window-close-symbolic");
  GtkWidget *stop = create_button (_("_Stop"), "integrations.stop", id);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_name (row, name);
  gtk_widget_add_css_class (row, "lum-result");

  gtk_stack_add_named (GTK_STACK (stack), gtk_spinner_new (), "running");
  gtk_stack_add_named (GTK_STACK (stack), gtk_image_new_from_icon_name ("emblem-ok-symbolic"), "ok");
  gtk_stack_add_named (GTK_STACK (stack), gtk_image_new_from_icon_name ("dialog-error-symbolic"), "failed");
  gtk_widget_set_valign (stack, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), stack);
  g_object_set_data (G_OBJECT (row), "lum-stack", stack);

  gtk_widget_add_css_class (dismiss, "flat");
  gtk_widget_set_valign (dismiss, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (dismiss, _("Dismiss"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (dismiss), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Dismiss"), -1);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (dismiss), "x", id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (dismiss), "integrations.dismiss");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), stop);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dismiss);
  g_object_set_data (G_OBJECT (row), "lum-stop", stop);
  g_object_set_data (G_OBJECT (row), "lum-dismiss", dismiss);
  lum_ui_name_buttons_by_label (row);
  return row;
}

static void
update_result_row (LumIntegrationsPage *self,
                   gint64               id)
{
  Result *result = g_hash_table_lookup (self->results, &id);
  GtkWidget *row = g_hash_table_lookup (self->result_rows, &id);
  GtkWidget *owner = g_hash_table_lookup (self->rows, &id);
  GtkWidget *stack, *spinner;

  if (result == NULL || owner == NULL)
    {
      if (row != NULL)
        {
          gtk_list_box_remove (self->list, row);
          g_hash_table_remove (self->result_rows, &id);
        }
      return;
    }

  if (row == NULL)
    {
      row = create_result_row (id);
      gtk_list_box_insert (self->list, row, gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (owner)) + 1);
      g_hash_table_insert (self->result_rows, id_key (id), row);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), result->text);
  stack = g_object_get_data (G_OBJECT (row), "lum-stack");
  spinner = gtk_stack_get_child_by_name (GTK_STACK (stack), "running");
  gtk_stack_set_visible_child_name (GTK_STACK (stack), result->running ? "running" : result->ok ? "ok" : "failed");
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), result->running);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "lum-stop"), result->running);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "lum-dismiss"), !result->running);
  /* The icon says how it went; the words stay readable. */
  gtk_widget_remove_css_class (row, "lum-ok");
  gtk_widget_remove_css_class (row, "lum-failed");
  if (!result->running)
    gtk_widget_add_css_class (row, result->ok ? "lum-ok" : "lum-failed");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, result->text, -1);
}

static Result *
begin_result (LumIntegrationsPage *self,
              gint64               id,
              const char          *text)
{
  Result *result = g_new0 (Result, 1);

  result->running = TRUE;
  result->text = g_strdup (text);
  result->cancellable = g_cancellable_new ();
  g_hash_table_replace (self->results, id_key (id), result);
  update_result_row (self, id);
  return result;
}

static void
end_result (LumIntegrationsPage *self,
            gint64               id,
            gboolean             ok,
            char                *text)
{
  Result *result = g_hash_table_lookup (self->results, &id);

  if (result == NULL)
    {
      g_free (text);
      return;
    }
  result->running = FALSE;
  result->ok = ok;
  g_free (result->text);
  result->text = text;
  g_clear_object (&result->cancellable);
  update_result_row (self, id);
}

/* -- callbacks ------------------------------------------------------------ */

static void
on_engine_changed_cb (LumIntegrationsPage *self,
                      const char          *what)
{
  if (g_str_equal (what, "integrations") || g_str_equal (what, "external") || g_str_equal (what, "channels"))
    lum_integrations_page_reload (self);
}

typedef struct
{
  LumIntegrationsPage *self;
  gint64               id;
} Call;

static Call *
call_new (LumIntegrationsPage *self,
          gint64               id)
{
  Call *call = g_new0 (Call, 1);

  call->self = g_object_ref (self);
  call->id = id;
  return call;
}

static void
call_free (Call *call)
{
  g_object_unref (call->self);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Call, call_free)

static void
on_tested_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *report = lum_sync_service_test_integration_finish (LUM_SYNC_SERVICE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (report != NULL)
    end_result (call->self, call->id, TRUE, g_steal_pointer (&report));
  else
    end_result (call->self, call->id, FALSE, g_strdup_printf (_("The connection failed: %s"), error->message));
}

static void
on_reconnected_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(GError) error = NULL;

  if (lum_sync_service_connect_quickbooks_finish (LUM_SYNC_SERVICE (source), result, &error))
    end_result (call->self, call->id, TRUE, g_strdup (_("Connected: QuickBooks accepts Lumen again")));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    end_result (call->self, call->id, FALSE, g_strdup (_("Reconnecting was stopped")));
  else
    end_result (call->self, call->id, FALSE, g_strdup_printf (_("Not connected: %s"), error->message));
}

static void
on_delete_response_cb (AdwMessageDialog    *dialog,
                       const char          *response,
                       LumIntegrationsPage *self)
{
  gint64 id = *(gint64 *)g_object_get_data (G_OBJECT (dialog), "lum-id");
  g_autoptr(LumIntegration) integration = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;

  integration = lum_engine_get_integration (self->engine, id, &error);
  if (integration == NULL || !lum_engine_remove_integration (self->engine, integration, &error))
    {
      /* Refused (a channel uses it): say why where the user is looking. */
      GtkWidget *refusal = adw_message_dialog_new (get_window (self), _("The Integration Was Not Deleted"),
                                                   error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (refusal), "close", _("_Close"));
      lum_ui_name_buttons_by_label (refusal);
      gtk_window_present (GTK_WINDOW (refusal));
      return;
    }
  g_hash_table_remove (self->results, &id);
  {
    g_autofree char *message = g_strdup_printf (_("“%s” deleted"), lum_integration_get_name (integration));
    adw_toast_overlay_add_toast (self->toast_overlay, lum_ui_toast_new (message));
  }
}

/* -- actions -------------------------------------------------------------- */

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LumIntegrationsPage *self = LUM_INTEGRATIONS_PAGE (widget);
  const char *nick = g_variant_get_string (parameter, NULL);
  LumIntegrationKind kind = LUM_INTEGRATION_KIND_SHIPSTATION;
  LumIntegrationDialog *dialog;

  if (g_str_equal (nick, "shipstation-v2"))
    kind = LUM_INTEGRATION_KIND_SHIPSTATION_V2;
  else if (g_str_equal (nick, "extensiv"))
    kind = LUM_INTEGRATION_KIND_EXTENSIV;
  else if (g_str_equal (nick, "quickbooks"))
    kind = LUM_INTEGRATION_KIND_QUICKBOOKS;

  dialog = lum_integration_dialog_new (get_window (self), self->engine, kind, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Ctrl+N: which service is the clerk's choice, so the menu of kinds opens. */
static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LumIntegrationsPage *self = LUM_INTEGRATIONS_PAGE (widget);

  gtk_menu_button_popup (self->add_button);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LumIntegrationsPage *self = LUM_INTEGRATIONS_PAGE (widget);
  g_autoptr(LumIntegration) integration = NULL;
  g_autoptr(GError) error = NULL;
  LumIntegrationDialog *dialog;

  integration = lum_engine_get_integration (self->engine, g_variant_get_int64 (parameter), &error);
  if (integration == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, lum_ui_toast_new (error->message));
      return;
    }
  dialog = lum_integration_dialog_new (get_window (self), self->engine, lum_integration_get_kind (integration),
                                       integration);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
test_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LumIntegrationsPage *self = LUM_INTEGRATIONS_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(LumIntegration) integration = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  Result *result;

  integration = lum_engine_get_integration (self->engine, id, &error);
  if (integration == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, lum_ui_toast_new (error->message));
      return;
    }
  text = g_strdup_printf (_("Testing the connection to %s…"), lum_integration_get_name (integration));
  result = begin_result (self, id, text);
  g_autoptr(LumSyncService) sync = lum_sync_service_dup_for_engine (self->engine);

  lum_sync_service_test_integration_async (sync, integration, result->cancellable, on_tested_cb,
                                           call_new (self, id));
}

static void
reconnect_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LumIntegrationsPage *self = LUM_INTEGRATIONS_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(LumIntegration) integration = NULL;
  g_autoptr(GError) error = NULL;
  Result *result;

  integration = lum_engine_get_integration (self->engine, id, &error);
  if (integration == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, lum_ui_toast_new (error->message));
      return;
    }
  result = begin_result (self, id, _("Sign in to QuickBooks in your browser and allow Lumen to use the company…"));
  g_autoptr(LumSyncService) sync = lum_sync_service_dup_for_engine (self->engine);

  lum_sync_service_connect_quickbooks_async (sync, integration, lum_ui_open_uri, self->toast_overlay,
                                             result->cancellable, on_reconnected_cb, call_new (self, id));
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LumIntegrationsPage *self = LUM_INTEGRATIONS_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  Result *result = g_hash_table_lookup (self->results, &id);

  if (result != NULL && result->running)
    {
      g_cancellable_cancel (result->cancellable);
      end_result (self, id, FALSE, g_strdup (_("Stopped")));
    }
}

static void
dismiss_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LumIntegrationsPage *self = LUM_INTEGRATIONS_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);

  g_hash_table_remove (self->results, &id);
  update_result_row (self, id);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LumIntegrationsPage *self = LUM_INTEGRATIONS_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(LumIntegration) integration = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  integration = lum_engine_get_integration (self->engine, id, &error);
  if (integration == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, lum_ui_toast_new (error->message));
      return;
    }

  heading = g_strdup_printf (_("Delete “%s”?"), lum_integration_get_name (integration));
  dialog = adw_message_dialog_new (get_window (self), heading,
                                   _("Its keys and secrets are removed from the keyring. Jobs already sent "
                                     "stay in the service."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "lum-id", id_key (id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, 0);
  lum_ui_name_buttons_by_label (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* -- GObject -------------------------------------------------------------- */

/* A missing or locked keyring is said above the list, with what to do;
 * the sandbox and the rest of Lumen work without one. */
static void
on_keyring_checked_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  LumIntegrationsPage *self;

  if (lum_secrets_check_finish (result, &error) || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = LUM_INTEGRATIONS_PAGE (user_data);
  gtk_label_set_label (self->keyring_notice, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->keyring_notice), TRUE);
}

static void
lum_integrations_page_constructed (GObject *object)
{
  LumIntegrationsPage *self = (LumIntegrationsPage *)object;

  G_OBJECT_CLASS (lum_integrations_page_parent_class)->constructed (object);

  g_return_if_fail (LUM_IS_ENGINE (self->engine));
  g_signal_connect_object (self->engine, "changed", G_CALLBACK (on_engine_changed_cb), self, G_CONNECT_SWAPPED);
  lum_integrations_page_reload (self);
  lum_secrets_check_async (self->cancellable, on_keyring_checked_cb, self);
}

static void
lum_integrations_page_dispose (GObject *object)
{
  LumIntegrationsPage *self = (LumIntegrationsPage *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->results != NULL)
    g_hash_table_remove_all (self->results);
  gtk_widget_dispose_template (GTK_WIDGET (self), LUM_TYPE_INTEGRATIONS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (lum_integrations_page_parent_class)->dispose (object);
}

static void
lum_integrations_page_finalize (GObject *object)
{
  LumIntegrationsPage *self = (LumIntegrationsPage *)object;

  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->result_rows, g_hash_table_unref);
  g_clear_pointer (&self->results, g_hash_table_unref);

  G_OBJECT_CLASS (lum_integrations_page_parent_class)->finalize (object);
}

static void
lum_integrations_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LumIntegrationsPage *self = LUM_INTEGRATIONS_PAGE (object);

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
lum_integrations_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LumIntegrationsPage *self = LUM_INTEGRATIONS_PAGE (object);

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
lum_integrations_page_class_init (LumIntegrationsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lum_integrations_page_constructed;
  object_class->dispose = lum_integrations_page_dispose;
  object_class->finalize = lum_integrations_page_finalize;
  object_class->get_property = lum_integrations_page_get_property;
  object_class->set_property = lum_integrations_page_set_property;

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, LUM_TYPE_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * LumIntegrationsPage:folded:
   *
   * Whether the window shows the page without its sidebar.
   */
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lumenapp/Lumen/lum-integrations-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationsPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationsPage, list);
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationsPage, keyring_notice);

  gtk_widget_class_install_action (widget_class, "page.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "integrations.add", "s", add_action);
  gtk_widget_class_install_action (widget_class, "integrations.edit", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "integrations.test", "x", test_action);
  gtk_widget_class_install_action (widget_class, "integrations.reconnect", "x", reconnect_action);
  gtk_widget_class_install_action (widget_class, "integrations.stop", "x", stop_action);
  gtk_widget_class_install_action (widget_class, "integrations.dismiss", "x", dismiss_action);
  gtk_widget_class_install_action (widget_class, "integrations.delete", "x", delete_action);

  gtk_widget_class_set_css_name (widget_class, "lum-integrations-page");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
lum_integrations_page_init (LumIntegrationsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  lum_ui_name_buttons_by_label (GTK_WIDGET (self));

  self->rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->result_rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->results = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, result_free);
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
lum_integrations_page_new (LumEngine *engine)
{
  return g_object_new (LUM_TYPE_INTEGRATIONS_PAGE, "engine", engine, NULL);
}

/**
 * lum_integrations_page_reload:
 *
 * Lists the integrations again; results of tests stay under their rows.
 */
void
lum_integrations_page_reload (LumIntegrationsPage *self)
{
  g_autoptr(GListStore) integrations = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  guint n;

  g_return_if_fail (LUM_IS_INTEGRATIONS_PAGE (self));

  integrations = lum_engine_list_integrations (self->engine, &error);
  if (integrations == NULL)
    {
      {
        g_autofree char *escaped = g_markup_escape_text (error->message, -1);
        adw_status_page_set_description (self->error_page, escaped);
      }
      gtk_stack_set_visible_child_name (self->content_stack, "error");
      return;
    }

  g_hash_table_remove_all (self->rows);
  g_hash_table_remove_all (self->result_rows);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  n = g_list_model_get_n_items (G_LIST_MODEL (integrations));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LumIntegration) integration = g_list_model_get_item (G_LIST_MODEL (integrations), i);
      gint64 id = lum_integration_get_id (integration);
      GtkWidget *row = create_integration_row (integration);

      gtk_list_box_append (self->list, row);
      g_hash_table_insert (self->rows, id_key (id), row);
      if (g_hash_table_contains (self->results, &id))
        update_result_row (self, id);
    }
  gtk_stack_set_visible_child_name (self->content_stack, n > 0 ? "list" : "empty");
}

/**
 * lum_integrations_page_get_result:
 * @running: (out) (optional): whether the test or reconnection still runs
 * @ok: (out) (optional): whether it went through
 *
 * Returns: (nullable): what the row under the integration says, or %NULL
 *   when it shows nothing
 */
const char *
lum_integrations_page_get_result (LumIntegrationsPage *self,
                                  gint64               integration_id,
                                  gboolean            *running,
                                  gboolean            *ok)
{
  GtkWidget *row;
  Result *result;

  g_return_val_if_fail (LUM_IS_INTEGRATIONS_PAGE (self), NULL);

  result = g_hash_table_lookup (self->results, &integration_id);
  row = g_hash_table_lookup (self->result_rows, &integration_id);
  if (result == NULL || row == NULL)
    return NULL;
  if (running != NULL)
    *running = result->running;
  if (ok != NULL)
    *ok = result->ok;
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

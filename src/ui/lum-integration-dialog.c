/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "sync/lum-sync-remote.h"
#include "lum-integration-dialog.h"
#include "lum-secrets.h"
#include "lum-ui-util.h"
#include "lum-util.h"
#include "model/lum-remote-store.h"
#include "connect/lum-http.h"
#include "lum-engine-setup.h"

/*
 * LumIntegrationDialog: adds or edits one integration, with the rows its
 * kind needs. Secrets go to the keyring through the engine and are never
 * shown: when editing, a blank secret row keeps the stored secret.
 */

enum {
  ENVIRONMENT_PRODUCTION,
  ENVIRONMENT_SANDBOX,
  ENVIRONMENT_OTHER,
};

struct _LumIntegrationDialog
{
  AdwWindow            parent_instance;

  LumEngine           *engine;
  LumIntegrationKind   kind;
  LumIntegration      *integration;   /* as stored, or NULL until added */
  GCancellable        *connect_cancellable;
  char                *sign_in_state;    /* of the sign-in whose address is pasted */
  AdwMessageDialog    *paste_dialog;
  gboolean             loading;

  AdwWindowTitle      *window_title;
  AdwToastOverlay     *toast_overlay;
  GtkWidget           *save_button;
  AdwPreferencesGroup *account_group;
  AdwPreferencesGroup *credentials_group;
  AdwPreferencesGroup *warehouse_group;
  AdwPreferencesGroup *authorization_group;
  AdwEntryRow         *name_row;
  AdwComboRow         *environment_row;
  AdwEntryRow         *url_row;
  AdwEntryRow         *api_key_row;
  AdwEntryRow         *api_secret_row;
  AdwEntryRow         *realm_row;
  AdwEntryRow         *client_id_row;
  AdwEntryRow         *client_secret_row;
  AdwEntryRow         *tpl_row;
  AdwEntryRow         *user_login_row;
  AdwEntryRow         *customer_row;
  AdwEntryRow         *facility_row;
  AdwEntryRow         *redirect_uri_row;
  AdwEntryRow         *redirect_port_row;
  AdwActionRow        *connect_row;
  GtkSpinner          *connect_spinner;
  GtkWidget           *connect_button;
  GtkWidget           *connect_cancel_button;
  AdwExpanderRow      *refresh_expander;
  AdwEntryRow         *refresh_token_row;
  AdwPreferencesGroup *invoicing_group;
  AdwComboRow         *income_account_row;
  GtkStringList       *income_accounts;
  GtkSpinner          *income_account_spinner;
  GtkWidget           *income_account_retry_button;
  GPtrArray           *income_account_ids;  /* of income_accounts' items; NULL: not chosen */
  GCancellable        *accounts_cancellable;
};

G_DEFINE_FINAL_TYPE (LumIntegrationDialog, lum_integration_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_ENGINE,
  PROP_KIND,
  PROP_INTEGRATION,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* -- helpers -------------------------------------------------------------- */

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static char *
stripped_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (text_of (row)));
}

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static void
mark_error (LumIntegrationDialog *self,
            AdwEntryRow          *row,
            const char           *message)
{
  AdwToast *toast = lum_ui_toast_new (message);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  if (row != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

static void
clear_errors (LumIntegrationDialog *self)
{
  AdwEntryRow *rows[] = {
    self->name_row, self->url_row, self->api_key_row, self->api_secret_row, self->realm_row,
    self->client_id_row, self->client_secret_row, self->tpl_row, self->user_login_row,
    self->customer_row, self->facility_row, self->refresh_token_row, self->redirect_port_row,
    self->redirect_uri_row,
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (rows[i]), "error");
}

static guint
environment_of (const char *base_url)
{
  if (g_strcmp0 (base_url, lum_integration_kind_default_url (LUM_INTEGRATION_KIND_QUICKBOOKS)) == 0)
    return ENVIRONMENT_PRODUCTION;
  if (g_strcmp0 (base_url, LUM_QUICKBOOKS_SANDBOX_URL) == 0)
    return ENVIRONMENT_SANDBOX;
  return ENVIRONMENT_OTHER;
}

static void
update_rows (LumIntegrationDialog *self)
{
  gboolean shipstation = self->kind == LUM_INTEGRATION_KIND_SHIPSTATION;
  gboolean shipstation_v2 = self->kind == LUM_INTEGRATION_KIND_SHIPSTATION_V2;
  gboolean extensiv = self->kind == LUM_INTEGRATION_KIND_EXTENSIV;
  gboolean quickbooks = self->kind == LUM_INTEGRATION_KIND_QUICKBOOKS;
  gboolean other = adw_combo_row_get_selected (self->environment_row) == ENVIRONMENT_OTHER;

  gtk_widget_set_visible (GTK_WIDGET (self->environment_row), quickbooks);
  gtk_widget_set_visible (GTK_WIDGET (self->url_row), !quickbooks || other);
  gtk_widget_set_visible (GTK_WIDGET (self->api_key_row), shipstation || shipstation_v2);
  gtk_widget_set_visible (GTK_WIDGET (self->api_secret_row), shipstation);
  gtk_widget_set_visible (GTK_WIDGET (self->realm_row), quickbooks);
  gtk_widget_set_visible (GTK_WIDGET (self->client_id_row), extensiv || quickbooks);
  gtk_widget_set_visible (GTK_WIDGET (self->client_secret_row), extensiv || quickbooks);
  gtk_widget_set_visible (GTK_WIDGET (self->tpl_row), extensiv);
  gtk_widget_set_visible (GTK_WIDGET (self->user_login_row), extensiv);
  gtk_widget_set_visible (GTK_WIDGET (self->warehouse_group), extensiv);
  gtk_widget_set_visible (GTK_WIDGET (self->authorization_group), quickbooks);
  gtk_widget_set_visible (GTK_WIDGET (self->invoicing_group), quickbooks);
}

/* -- the income account --------------------------------------------------- */

/* Fills the row with "Not chosen" and @accounts (or only the stored
 * account when they could not be listed), the stored one selected. */
static void
fill_income_accounts (LumIntegrationDialog *self,
                      GListModel           *accounts)
{
  const char *stored = self->integration
    ? lum_integration_get_setting (self->integration, LUM_SETTING_QUICKBOOKS_INCOME_ACCOUNT) : NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  guint selected = 0;
  gboolean seen = FALSE;

  g_ptr_array_set_size (self->income_account_ids, 0);
  g_ptr_array_add (self->income_account_ids, NULL);
  g_ptr_array_add (labels, g_strdup (_("Not chosen")));
  for (guint i = 0; accounts != NULL && i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(LumRemoteStore) account = g_list_model_get_item (accounts, i);
      const char *id = lum_remote_store_get_remote_id (account);

      if (g_strcmp0 (id, stored) == 0)
        selected = self->income_account_ids->len, seen = TRUE;
      g_ptr_array_add (self->income_account_ids, g_strdup (id));
      g_ptr_array_add (labels, lum_remote_store_dup_label (account));
    }
  if (!lum_str_empty (stored) && !seen)
    {
      selected = self->income_account_ids->len;
      g_ptr_array_add (self->income_account_ids, g_strdup (stored));
      g_ptr_array_add (labels, g_strdup_printf (_("Account %s"), stored));
    }
  g_ptr_array_add (labels, NULL);
  self->loading = TRUE;
  gtk_string_list_splice (self->income_accounts, 0, g_list_model_get_n_items (G_LIST_MODEL (self->income_accounts)),
                          (const char * const *)labels->pdata);
  adw_combo_row_set_selected (self->income_account_row, selected);
  self->loading = FALSE;
}

static void
set_income_account_state (LumIntegrationDialog *self,
                          gboolean              loading,
                          const char           *problem)
{
  const char *subtitle;

  if (self->integration == NULL)
    subtitle = _("Add and connect the integration first: the accounts are listed from the company.");
  else if (loading)
    subtitle = _("Loading the company’s income accounts…");
  else if (problem != NULL)
    subtitle = problem;
  else if (g_ptr_array_index (self->income_account_ids, adw_combo_row_get_selected (self->income_account_row)) == NULL)
    subtitle = _("Choose one: invoices are not sent to QuickBooks until an income account is chosen.");
  else
    subtitle = _("Listed live from the company.");
  /* a problem quotes the company's or the network's words: plain text */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->income_account_row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->income_account_row), subtitle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->income_account_row), self->integration != NULL && !loading);
  gtk_widget_set_visible (GTK_WIDGET (self->income_account_spinner), loading);
  gtk_spinner_set_spinning (self->income_account_spinner, loading);
  gtk_widget_set_visible (self->income_account_retry_button, problem != NULL && !loading);
  if (problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->income_account_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->income_account_row), "error");
}

static void
on_income_accounts_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  LumIntegrationDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) accounts = lum_sync_service_list_income_accounts_finish (LUM_SYNC_SERVICE (source), result,
                                                                                 &error);
  g_autofree char *problem = NULL;

  /* the dialog is not held by the request: disposing it cancels the
   * request, and a late answer finds it gone (a reference released here
   * would finalise a window whose parent may be gone already) */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->accounts_cancellable);
  if (accounts == NULL)
    problem = g_strdup_printf (_("The income accounts could not be listed: %s"), error->message);
  fill_income_accounts (self, accounts ? G_LIST_MODEL (accounts) : NULL);
  set_income_account_state (self, FALSE, problem);
}

static void
list_income_accounts (LumIntegrationDialog *self)
{
  if (self->kind != LUM_INTEGRATION_KIND_QUICKBOOKS)
    return;
  fill_income_accounts (self, NULL);
  g_cancellable_cancel (self->accounts_cancellable);
  g_clear_object (&self->accounts_cancellable);
  if (self->integration == NULL)
    {
      set_income_account_state (self, FALSE, NULL);
      return;
    }
  self->accounts_cancellable = g_cancellable_new ();
  set_income_account_state (self, TRUE, NULL);
  g_autoptr(LumSyncService) sync = lum_sync_service_dup_for_engine (self->engine);

  lum_sync_service_list_income_accounts_async (sync, self->integration, self->accounts_cancellable,
                                               on_income_accounts_cb, self);
}

static void
list_income_accounts_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  list_income_accounts (LUM_INTEGRATION_DIALOG (widget));
}

static void
on_income_account_selected_cb (LumIntegrationDialog *self)
{
  if (!self->loading && self->accounts_cancellable == NULL &&
      !gtk_widget_has_css_class (GTK_WIDGET (self->income_account_row), "error"))
    set_income_account_state (self, FALSE, NULL);
}

static void
update_connect_row (LumIntegrationDialog *self)
{
  gboolean connecting = self->connect_cancellable != NULL;
  const char *state = self->integration ? lum_integration_get_state (self->integration) : NULL;
  const char *subtitle;

  if (connecting)
    subtitle = _("Sign in to QuickBooks in your browser and allow Lumen to use the company.");
  else if (self->integration == NULL)
    subtitle = _("Not connected yet. Connecting adds the integration first.");
  else if (g_strcmp0 (state, LUM_QUICKBOOKS_NEEDS_RECONNECT) == 0)
    subtitle = _("QuickBooks no longer accepts the stored authorization: connect again.");
  else if (g_strcmp0 (state, "ok") == 0)
    subtitle = _("Connected. Connect again to use another company or after a refusal.");
  else
    subtitle = _("Connect to let Lumen send invoices to the company.");
  adw_action_row_set_subtitle (self->connect_row, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->connect_spinner), connecting);
  gtk_spinner_set_spinning (self->connect_spinner, connecting);
  gtk_widget_set_visible (self->connect_button, !connecting);
  gtk_widget_set_visible (self->connect_cancel_button, connecting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "integration.save", !connecting);
}

static void
load (LumIntegrationDialog *self)
{
  LumIntegration *i = self->integration;
  gboolean is_new = i == NULL;
  g_autofree char *title = NULL;

  self->loading = TRUE;
  if (is_new)
    {
      title = g_strdup_printf (_("Add %s Integration"), lum_integration_kind_to_label (self->kind));
      gtk_button_set_label (GTK_BUTTON (self->save_button), _("_Add"));
      set_text (self->url_row, lum_integration_kind_default_url (self->kind));
      adw_combo_row_set_selected (self->environment_row, ENVIRONMENT_PRODUCTION);
    }
  else
    {
      title = g_strdup (_("Edit Integration"));
      gtk_button_set_label (GTK_BUTTON (self->save_button), _("_Save"));
      adw_window_title_set_subtitle (self->window_title, lum_integration_get_name (i));
      set_text (self->name_row, lum_integration_get_name (i));
      set_text (self->url_row, lum_integration_get_base_url (i));
      adw_combo_row_set_selected (self->environment_row, environment_of (lum_integration_get_base_url (i)));
      if (self->kind == LUM_INTEGRATION_KIND_EXTENSIV)
        {
          set_text (self->client_id_row, lum_integration_get_setting (i, LUM_SETTING_EXTENSIV_CLIENT_ID));
          set_text (self->tpl_row, lum_integration_get_setting (i, LUM_SETTING_EXTENSIV_TPL));
          set_text (self->user_login_row, lum_integration_get_setting (i, LUM_SETTING_EXTENSIV_USER_LOGIN_ID));
          set_text (self->customer_row, lum_integration_get_setting (i, LUM_SETTING_EXTENSIV_CUSTOMER_ID));
          set_text (self->facility_row, lum_integration_get_setting (i, LUM_SETTING_EXTENSIV_FACILITY_ID));
        }
      else if (self->kind == LUM_INTEGRATION_KIND_QUICKBOOKS)
        {
          set_text (self->realm_row, lum_integration_get_setting (i, LUM_SETTING_QUICKBOOKS_REALM));
          set_text (self->client_id_row, lum_integration_get_setting (i, LUM_SETTING_QUICKBOOKS_CLIENT_ID));
          set_text (self->redirect_port_row, lum_integration_get_setting (i, LUM_SETTING_QUICKBOOKS_REDIRECT_PORT));
          set_text (self->redirect_uri_row, lum_integration_get_setting (i, LUM_SETTING_QUICKBOOKS_REDIRECT_URI));
        }
      adw_preferences_group_set_description (self->credentials_group,
                                             _("Secrets are kept in your keyring. Leave a secret blank to "
                                               "keep the stored one."));
    }
  /* The header splits it: a long kind name would not fit beside two buttons. */
  adw_window_title_set_title (self->window_title, is_new ? _("Add Integration") : title);
  if (is_new)
    adw_window_title_set_subtitle (self->window_title, lum_integration_kind_to_label (self->kind));
  gtk_window_set_title (GTK_WINDOW (self), title);
  self->loading = FALSE;
  update_rows (self);
  update_connect_row (self);
  list_income_accounts (self);
  lum_ui_name_buttons_by_label (GTK_WIDGET (self));
}

/* -- saving --------------------------------------------------------------- */

static void
put_secret (GHashTable  *secrets,
            const char  *name,
            AdwEntryRow *row)
{
  const char *value = text_of (row);

  if (*value != '\0')
    g_hash_table_insert (secrets, (gpointer)name, g_strdup (value));
}

/* Requires @row when adding: a new integration has no stored secret. */
static gboolean
require (LumIntegrationDialog *self,
         AdwEntryRow          *row,
         const char           *message)
{
  g_autofree char *text = stripped_text (row);

  if (*text != '\0')
    return TRUE;
  mark_error (self, row, message);
  return FALSE;
}

static gboolean
check_port (LumIntegrationDialog *self)
{
  g_autofree char *text = stripped_text (self->redirect_port_row);
  g_autofree char *message = NULL;

  if (*text == '\0' || g_ascii_string_to_unsigned (text, 10, 1, 65535, NULL, NULL))
    return TRUE;
  message = g_strdup_printf (_("Redirect port “%s” is not a port number from 1 to 65535"), text);
  mark_error (self, self->redirect_port_row, message);
  return FALSE;
}

static gboolean
check_rows (LumIntegrationDialog *self,
            gboolean              is_new)
{
  switch (self->kind)
    {
    case LUM_INTEGRATION_KIND_SHIPSTATION:
      return (!is_new || require (self, self->api_key_row, _("Enter the API key of the ShipStation account"))) &&
             (!is_new || require (self, self->api_secret_row, _("Enter the API secret of the ShipStation account")));
    case LUM_INTEGRATION_KIND_SHIPSTATION_V2:
      return !is_new || require (self, self->api_key_row, _("Enter the API key of the ShipStation account"));
    case LUM_INTEGRATION_KIND_EXTENSIV:
      return require (self, self->client_id_row, _("Enter the client ID the 3PL gave you")) &&
             (!is_new || require (self, self->client_secret_row, _("Enter the client secret the 3PL gave you"))) &&
             require (self, self->tpl_row, _("Enter the TPL key the 3PL gave you")) &&
             require (self, self->user_login_row, _("Enter the user login ID the 3PL gave you")) &&
             require (self, self->customer_row, _("Enter the customer ID of your goods in the warehouse")) &&
             require (self, self->facility_row, _("Enter the facility ID of the warehouse"));
    case LUM_INTEGRATION_KIND_QUICKBOOKS:
      return require (self, self->realm_row, _("Enter the company ID (realm ID) of the QuickBooks company")) &&
             require (self, self->client_id_row, _("Enter the client ID of your Intuit app")) &&
             (!is_new || require (self, self->client_secret_row, _("Enter the client secret of your Intuit app"))) &&
             check_port (self);
    default:
      g_return_val_if_reached (FALSE);
    }
}

static void
apply (LumIntegrationDialog *self,
       LumIntegration       *integration)
{
  g_autofree char *name = stripped_text (self->name_row);
  g_autofree char *url = stripped_text (self->url_row);

  lum_integration_set_name (integration, name);
  if (self->kind == LUM_INTEGRATION_KIND_QUICKBOOKS)
    {
      switch (adw_combo_row_get_selected (self->environment_row))
        {
        case ENVIRONMENT_PRODUCTION:
          lum_integration_set_base_url (integration,
                                        lum_integration_kind_default_url (LUM_INTEGRATION_KIND_QUICKBOOKS));
          break;
        case ENVIRONMENT_SANDBOX:
          lum_integration_set_base_url (integration, LUM_QUICKBOOKS_SANDBOX_URL);
          break;
        default:
          lum_integration_set_base_url (integration, url);
        }
    }
  else
    {
      lum_integration_set_base_url (integration, url);
    }

  if (self->kind == LUM_INTEGRATION_KIND_EXTENSIV)
    {
      struct { const char *key; AdwEntryRow *row; } settings[] = {
        { LUM_SETTING_EXTENSIV_CLIENT_ID, self->client_id_row },
        { LUM_SETTING_EXTENSIV_TPL, self->tpl_row },
        { LUM_SETTING_EXTENSIV_USER_LOGIN_ID, self->user_login_row },
        { LUM_SETTING_EXTENSIV_CUSTOMER_ID, self->customer_row },
        { LUM_SETTING_EXTENSIV_FACILITY_ID, self->facility_row },
      };

      for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
        {
          g_autofree char *value = stripped_text (settings[i].row);
          lum_integration_set_setting (integration, settings[i].key, value);
        }
    }
  else if (self->kind == LUM_INTEGRATION_KIND_QUICKBOOKS)
    {
      g_autofree char *realm = stripped_text (self->realm_row);
      g_autofree char *client = stripped_text (self->client_id_row);

      g_autofree char *port = stripped_text (self->redirect_port_row);
      g_autofree char *redirect = stripped_text (self->redirect_uri_row);

      lum_integration_set_setting (integration, LUM_SETTING_QUICKBOOKS_REDIRECT_URI, *redirect ? redirect : NULL);
      lum_integration_set_setting (integration, LUM_SETTING_QUICKBOOKS_REALM, realm);
      lum_integration_set_setting (integration, LUM_SETTING_QUICKBOOKS_CLIENT_ID, client);
      lum_integration_set_setting (integration, LUM_SETTING_QUICKBOOKS_REDIRECT_PORT, *port ? port : NULL);
      lum_integration_set_setting (integration, LUM_SETTING_QUICKBOOKS_INCOME_ACCOUNT,
                                   g_ptr_array_index (self->income_account_ids,
                                                      MIN (adw_combo_row_get_selected (self->income_account_row),
                                                           self->income_account_ids->len - 1)));
    }
}

static GHashTable *
collect_secrets (LumIntegrationDialog *self)
{
  GHashTable *secrets = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  switch (self->kind)
    {
    case LUM_INTEGRATION_KIND_SHIPSTATION:
      put_secret (secrets, LUM_SECRET_SHIPSTATION_API_KEY, self->api_key_row);
      put_secret (secrets, LUM_SECRET_SHIPSTATION_API_SECRET, self->api_secret_row);
      break;
    case LUM_INTEGRATION_KIND_SHIPSTATION_V2:
      put_secret (secrets, LUM_SECRET_SHIPSTATION_V2_API_KEY, self->api_key_row);
      break;
    case LUM_INTEGRATION_KIND_EXTENSIV:
      put_secret (secrets, LUM_SECRET_EXTENSIV_CLIENT_SECRET, self->client_secret_row);
      break;
    case LUM_INTEGRATION_KIND_QUICKBOOKS:
      put_secret (secrets, LUM_SECRET_QUICKBOOKS_CLIENT_SECRET, self->client_secret_row);
      put_secret (secrets, LUM_SECRET_QUICKBOOKS_REFRESH_TOKEN, self->refresh_token_row);
      break;
    default:
      break;
    }
  return secrets;
}

static AdwEntryRow *
row_for_error (LumIntegrationDialog *self,
               const GError         *error)
{
  if (error->domain != LUM_SETUP_ERROR)
    return NULL;
  switch ((LumSetupError)error->code)
    {
    case LUM_SETUP_ERROR_NAME:
      return self->name_row;
    case LUM_SETUP_ERROR_BASE_URL:
      return gtk_widget_get_visible (GTK_WIDGET (self->url_row)) ? self->url_row : NULL;
    case LUM_SETUP_ERROR_REDIRECT_URI:
      return self->redirect_uri_row;
    case LUM_SETUP_ERROR_URL:
    case LUM_SETUP_ERROR_SETTING:
    case LUM_SETUP_ERROR_IN_USE:
    default:
      return NULL;
    }
}

/* Adds or updates the integration; on success self->integration is the
 * stored one. */
static gboolean
save (LumIntegrationDialog *self)
{
  g_autoptr(LumIntegration) integration = NULL;
  g_autoptr(GHashTable) secrets = NULL;
  g_autoptr(GError) error = NULL;
  gboolean is_new = self->integration == NULL;
  gboolean ok;

  clear_errors (self);
  if (!check_rows (self, is_new))
    return FALSE;

  integration = is_new ? lum_integration_new (self->kind, "")
                       : lum_engine_get_integration (self->engine, lum_integration_get_id (self->integration), &error);
  if (integration == NULL)
    {
      mark_error (self, NULL, error->message);
      return FALSE;
    }
  apply (self, integration);
  secrets = collect_secrets (self);

  if (is_new)
    ok = lum_engine_add_integration (self->engine, integration, secrets, &error);
  else
    ok = lum_engine_save_integration (self->engine, integration, &error) &&
         (g_hash_table_size (secrets) == 0 ||
          lum_engine_update_integration_secrets (self->engine, integration, secrets, &error));
  if (!ok)
    {
      mark_error (self, row_for_error (self, error), error->message);
      return FALSE;
    }

  g_set_object (&self->integration, integration);
  /* Written down: the secrets need not stay in the widgets. */
  set_text (self->api_key_row, NULL);
  set_text (self->api_secret_row, NULL);
  set_text (self->client_secret_row, NULL);
  set_text (self->refresh_token_row, NULL);
  g_signal_emit (self, signals[SAVED], 0, self->integration);
  return TRUE;
}

/* -- connecting QuickBooks ------------------------------------------------ */

static void
on_uri_shown_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AdwToastOverlay) overlay = user_data;
  g_autofree char *uri = g_strdup (g_object_get_data (G_OBJECT (overlay), "lum-uri"));
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error) || uri == NULL)
    return;

  /* Without a browser here, the address can be opened elsewhere. */
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (overlay)), uri);
  toast = lum_ui_toast_new (_("No browser could be opened: the address of the sign-in page is copied, "
                           "paste it in a browser"));
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (overlay, toast);
}

/**
 * lum_ui_open_uri:
 * @user_data: the #AdwToastOverlay that explains a failure
 *
 * A #LumOpenUriFunc that shows @uri in the user's browser.
 */
gboolean
lum_ui_open_uri (const char  *uri,
                 gpointer     user_data,
                 GError     **error)
{
  AdwToastOverlay *overlay = user_data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (overlay));

  g_object_set_data_full (G_OBJECT (overlay), "lum-uri", g_strdup (uri), g_free);
  gtk_show_uri_full (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME, NULL,
                     on_uri_shown_cb, g_object_ref (overlay));
  return TRUE;
}

static void
end_connect (LumIntegrationDialog *self,
             gboolean              ok,
             const GError         *error)
{
  g_autofree char *message = NULL;
  g_autoptr(LumIntegration) stored = NULL;

  if (!ok)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        message = g_strdup_printf (_("Not connected: %s"), error->message);
    }
  else
    {
      stored = lum_engine_get_integration (self->engine, lum_integration_get_id (self->integration), NULL);
      if (stored != NULL)
        {
          g_set_object (&self->integration, stored);
          self->loading = TRUE;
          set_text (self->realm_row, lum_integration_get_setting (stored, LUM_SETTING_QUICKBOOKS_REALM));
          self->loading = FALSE;
        }
      message = g_strdup_printf (_("Connected to QuickBooks Online company %s"),
                                 lum_integration_get_setting (self->integration, LUM_SETTING_QUICKBOOKS_REALM));
      list_income_accounts (self);
    }

  g_clear_object (&self->connect_cancellable);
  g_clear_pointer (&self->sign_in_state, g_free);
  update_connect_row (self);
  if (message != NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, lum_ui_toast_new (message));
}

static void
on_connected_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LumIntegrationDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = lum_sync_service_connect_quickbooks_finish (LUM_SYNC_SERVICE (source), result, &error);

  end_connect (self, ok, error);
}

static void show_paste_dialog (LumIntegrationDialog *self,
                               const char           *problem,
                               const char           *text);

static void
on_sign_in_finished_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(LumIntegrationDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strdup (g_object_get_data (G_OBJECT (self), "lum-pasted"));

  g_object_set_data (G_OBJECT (self), "lum-pasted", NULL);
  if (lum_sync_service_finish_quickbooks_sign_in_finish (LUM_SYNC_SERVICE (source), result, &error))
    {
      end_connect (self, TRUE, NULL);
      return;
    }
  /* A wrong address can be pasted again: the sign-in goes on. */
  if (error->domain != G_IO_ERROR || error->code != G_IO_ERROR_CANCELLED)
    if (error->domain == G_IO_ERROR || (error->domain == LUM_REMOTE_ERROR && error->code == LUM_REMOTE_ERROR_AUTH))
      {
        show_paste_dialog (self, error->message, text);
        return;
      }
  end_connect (self, FALSE, error);
}

static void
on_paste_response_cb (AdwMessageDialog     *dialog,
                      const char           *response,
                      LumIntegrationDialog *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "lum-entry");
  g_autofree char *text = g_strdup (gtk_editable_get_text (entry));

  self->paste_dialog = NULL;
  if (g_strcmp0 (response, "connect") != 0)
    {
      g_cancellable_cancel (self->connect_cancellable);
      end_connect (self, FALSE, NULL);
      return;
    }
  /* kept only to show it again should it be refused; wiped with the dialog */
  g_object_set_data_full (G_OBJECT (self), "lum-pasted", g_strdup (text), g_free);
  g_autoptr(LumSyncService) sync = lum_sync_service_dup_for_engine (self->engine);

  lum_sync_service_finish_quickbooks_sign_in_async (sync, self->integration, self->sign_in_state, text,
                                                    self->connect_cancellable, on_sign_in_finished_cb,
                                                    g_object_ref (self));
}

static void
on_paste_changed_cb (GtkEditable      *entry,
                     AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "connect", !lum_str_empty (gtk_editable_get_text (entry)));
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
}

/* Asks for the address the browser ended on, saying what was wrong with
 * the last one pasted (@problem), if anything. */
static void
show_paste_dialog (LumIntegrationDialog *self,
                   const char           *problem,
                   const char           *text)
{
  const char *redirect = lum_integration_get_setting (self->integration, LUM_SETTING_QUICKBOOKS_REDIRECT_URI);
  AdwMessageDialog *dialog;
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *entry = adw_entry_row_new ();

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Paste the Address From the Browser"),
                                                       NULL));
  adw_message_dialog_format_body (dialog,
                                  _("Allow Lumen in the browser. QuickBooks then sends the browser to %s: copy the "
                                    "whole address from the browser’s address bar and paste it here."),
                                  redirect);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _("Address in the Browser"));
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), entry);
  if (problem != NULL)
    {
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), problem);
      gtk_widget_add_css_class (entry, "error");
    }
  adw_message_dialog_set_extra_child (dialog, group);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "connect", _("C_onnect"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "connect", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "connect");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_response_enabled (dialog, "connect", text != NULL && *text != '\0');
  g_object_set_data (G_OBJECT (dialog), "lum-entry", entry);
  g_signal_connect (entry, "changed", G_CALLBACK (on_paste_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_paste_response_cb), self, 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Address in the Browser"), -1);
  self->paste_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
connect_by_paste (LumIntegrationDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  g_clear_pointer (&self->sign_in_state, g_free);
  g_autoptr(LumSyncService) sync = lum_sync_service_dup_for_engine (self->engine);

  url = lum_sync_service_begin_quickbooks_sign_in (sync, self->integration, &self->sign_in_state, &error);
  if (url == NULL)
    {
      end_connect (self, FALSE, error);
      if (error->domain == LUM_SETUP_ERROR && error->code == LUM_SETUP_ERROR_REDIRECT_URI)
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->redirect_uri_row), "error");
          gtk_widget_grab_focus (GTK_WIDGET (self->redirect_uri_row));
        }
      return;
    }
  lum_ui_open_uri (url, self->toast_overlay, NULL);
  show_paste_dialog (self, NULL, NULL);
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LumIntegrationDialog *self = LUM_INTEGRATION_DIALOG (widget);
  g_autoptr(LumSyncService) sync = NULL;

  if (self->connect_cancellable != NULL)
    return;
  /* The browser flow needs the integration stored, its client secret too. */
  if (!save (self))
    return;
  load (self);

  self->connect_cancellable = g_cancellable_new ();
  update_connect_row (self);
  if (lum_sync_service_quickbooks_signs_in_by_paste (self->integration))
    {
      connect_by_paste (self);
      return;
    }
  sync = lum_sync_service_dup_for_engine (self->engine);
  lum_sync_service_connect_quickbooks_async (sync, self->integration, lum_ui_open_uri, self->toast_overlay,
                                             self->connect_cancellable, on_connected_cb, g_object_ref (self));
}

static void
cancel_connect_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LumIntegrationDialog *self = LUM_INTEGRATION_DIALOG (widget);

  g_cancellable_cancel (self->connect_cancellable);
  if (self->paste_dialog != NULL)
    {
      AdwMessageDialog *dialog = self->paste_dialog;

      adw_message_dialog_response (dialog, "cancel");
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
}

/* -- callbacks and actions ------------------------------------------------ */

static void
on_row_changed_cb (LumIntegrationDialog *self,
                   GtkWidget            *row)
{
  if (!self->loading)
    gtk_widget_remove_css_class (row, "error");
}

static void
on_environment_changed_cb (LumIntegrationDialog *self)
{
  if (self->loading)
    return;
  if (adw_combo_row_get_selected (self->environment_row) == ENVIRONMENT_OTHER &&
      *text_of (self->url_row) == '\0')
    set_text (self->url_row, lum_integration_kind_default_url (self->kind));
  update_rows (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LumIntegrationDialog *self = LUM_INTEGRATION_DIALOG (widget);

  if (save (self))
    gtk_window_destroy (GTK_WINDOW (self));
}

/* -- GObject -------------------------------------------------------------- */

static void
lum_integration_dialog_constructed (GObject *object)
{
  LumIntegrationDialog *self = (LumIntegrationDialog *)object;

  G_OBJECT_CLASS (lum_integration_dialog_parent_class)->constructed (object);

  if (self->integration != NULL)
    self->kind = lum_integration_get_kind (self->integration);
  load (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
lum_integration_dialog_dispose (GObject *object)
{
  LumIntegrationDialog *self = (LumIntegrationDialog *)object;

  g_cancellable_cancel (self->connect_cancellable);
  g_clear_object (&self->connect_cancellable);
  g_cancellable_cancel (self->accounts_cancellable);
  g_clear_object (&self->accounts_cancellable);
  g_clear_pointer (&self->income_account_ids, g_ptr_array_unref);
  if (self->paste_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->paste_dialog));
  g_clear_pointer (&self->sign_in_state, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), LUM_TYPE_INTEGRATION_DIALOG);
  g_clear_object (&self->integration);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (lum_integration_dialog_parent_class)->dispose (object);
}

static void
lum_integration_dialog_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  LumIntegrationDialog *self = LUM_INTEGRATION_DIALOG (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_INTEGRATION:
      g_value_set_object (value, self->integration);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_integration_dialog_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  LumIntegrationDialog *self = LUM_INTEGRATION_DIALOG (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      self->engine = g_value_dup_object (value);
      break;
    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;
    case PROP_INTEGRATION:
      self->integration = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_integration_dialog_class_init (LumIntegrationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lum_integration_dialog_constructed;
  object_class->dispose = lum_integration_dialog_dispose;
  object_class->get_property = lum_integration_dialog_get_property;
  object_class->set_property = lum_integration_dialog_set_property;

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, LUM_TYPE_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, LUM_INTEGRATION_KIND_SHIPSTATION, LUM_INTEGRATION_KIND_SHIPSTATION_V2,
                      LUM_INTEGRATION_KIND_SHIPSTATION,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * LumIntegrationDialog:integration:
   *
   * The integration as stored: the one edited, or the one added.
   */
  properties[PROP_INTEGRATION] =
    g_param_spec_object ("integration", NULL, NULL, LUM_TYPE_INTEGRATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LumIntegrationDialog::saved:
   * @integration: the integration as stored
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, LUM_TYPE_INTEGRATION);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lumenapp/Lumen/lum-integration-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationDialog, account_group);
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationDialog, credentials_group);
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationDialog, warehouse_group);
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationDialog, authorization_group);
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationDialog, environment_row);
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationDialog, api_key_row);
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationDialog, api_secret_row);
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationDialog, realm_row);
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationDialog, client_id_row);
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationDialog, client_secret_row);
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationDialog, tpl_row);
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationDialog, user_login_row);
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationDialog, customer_row);
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationDialog, facility_row);
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationDialog, redirect_port_row);
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationDialog, redirect_uri_row);
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationDialog, connect_row);
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationDialog, connect_spinner);
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationDialog, connect_button);
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationDialog, connect_cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationDialog, refresh_expander);
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationDialog, refresh_token_row);
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationDialog, invoicing_group);
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationDialog, income_account_row);
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationDialog, income_accounts);
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationDialog, income_account_spinner);
  gtk_widget_class_bind_template_child (widget_class, LumIntegrationDialog, income_account_retry_button);
  gtk_widget_class_bind_template_callback (widget_class, on_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_environment_changed_cb);

  gtk_widget_class_install_action (widget_class, "integration.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "integration.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "integration.cancel-connect", NULL, cancel_connect_action);
  gtk_widget_class_install_action (widget_class, "integration.list-income-accounts", NULL,
                                   list_income_accounts_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "integration.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lum_integration_dialog_init (LumIntegrationDialog *self)
{
  self->income_account_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->income_account_row, "notify::selected",
                            G_CALLBACK (on_income_account_selected_cb), self);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);
}

/**
 * lum_integration_dialog_new:
 * @kind: the kind of a new integration (ignored when editing)
 * @integration: (nullable): the integration as stored, or %NULL to add one
 */
LumIntegrationDialog *
lum_integration_dialog_new (GtkWindow          *parent,
                            LumEngine          *engine,
                            LumIntegrationKind  kind,
                            LumIntegration     *integration)
{
  return g_object_new (LUM_TYPE_INTEGRATION_DIALOG,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       "engine", engine,
                       "kind", kind,
                       "integration", integration,
                       NULL);
}

/**
 * lum_integration_dialog_get_integration:
 *
 * Returns: (transfer none) (nullable): the integration as stored, once
 *   added or when editing
 */
LumIntegration *
lum_integration_dialog_get_integration (LumIntegrationDialog *self)
{
  g_return_val_if_fail (LUM_IS_INTEGRATION_DIALOG (self), NULL);
  return self->integration;
}

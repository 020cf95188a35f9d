/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lum-engine-private.h"
#include "lum-engine-setup.h"
#include "lum-secrets.h"
#include "lum-text.h"
#include "lum-util.h"
#include "connect/lum-quickbooks.h"
#include "flow/lum-channel-rules.h"
#include "store/lum-channel-store.h"
#include "store/lum-setup-store.h"

G_DEFINE_QUARK (lum-setup-error-quark, lum_setup_error)

gboolean
lum_engine_run_in_transaction (LumEngine        *self,
                               LumEngineTxFunc   func,
                               gpointer          user_data,
                               const char       *changed,
                               GError          **error)
{
  LumDb *db = lum_engine_get_db (self);

  if (!lum_db_begin (db, error))
    return FALSE;
  if (!func (self, user_data, error))
    {
      lum_db_rollback (db);
      return FALSE;
    }
  if (!lum_db_commit (db, error))
    return FALSE;
  if (changed != NULL && !lum_db_in_transaction (db))
    lum_engine_emit_changed (self, changed);
  return TRUE;
}

static gboolean
check_setup_name (const char  *what,
                  const char  *name,
                  GError     **error)
{
  g_autofree char *stripped = lum_strip_dup (name);
  /* TRANSLATORS: %s is what is named, e.g. "Warehouse group" */
  g_autofree char *field = g_strdup_printf (_("%s name"), what);

  if (!lum_text_check_in (field, stripped, LUM_TEXT_ONE_LINE, LUM_SETUP_NAME_MAX,
                          LUM_SETUP_ERROR, LUM_SETUP_ERROR_NAME, error))
    return FALSE;
  if (*stripped == '\0')
    {
      g_autofree char *shown = lum_text_shown (name);
      g_set_error (error, LUM_SETUP_ERROR, LUM_SETUP_ERROR_NAME,
                   _("%s name “%s” is empty"), what, shown);
      return FALSE;
    }
  return TRUE;
}

/* -- channels ------------------------------------------------------------- */

GListStore *
lum_engine_list_channels (LumEngine  *self,
                          gboolean    include_archived,
                          GError    **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  return lum_channel_store_list (lum_engine_get_db (self), include_archived, error);
}

LumChannel *
lum_engine_get_channel (LumEngine  *self,
                        gint64      id,
                        GError    **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  return lum_channel_store_get (lum_engine_get_db (self), id, error);
}

LumChannel *
lum_engine_find_channel (LumEngine   *self,
                         const char  *name_or_id,
                         GError     **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  return lum_channel_store_find (lum_engine_get_db (self), name_or_id, error);
}

/**
 * lum_engine_new_channel:
 *
 * A channel with the defaults of the set-up: the default warehouse group,
 * sales order first with the first invoice type, invoiced when the sales
 * order is created.
 */
LumChannel *
lum_engine_new_channel (LumEngine  *self,
                        GError    **error)
{
  LumDb *db = lum_engine_get_db (self);
  g_autoptr(LumChannel) channel = lum_channel_new ();
  g_autoptr(LumWarehouseGroup) group = NULL;
  g_autoptr(GListStore) types = NULL;
  gint64 group_id;

  group_id = lum_setup_store_get_default_group_id (db, error);
  if (group_id == 0 || (group = lum_setup_store_get_group (db, group_id, error)) == NULL)
    return NULL;
  lum_channel_set_warehouse_group_id (channel, group_id);
  lum_channel_set_warehouse_group_name (channel, lum_warehouse_group_get_name (group));

  types = lum_setup_store_list_invoice_types (db, error);
  if (types == NULL)
    return NULL;
  if (g_list_model_get_n_items (G_LIST_MODEL (types)) > 0)
    {
      g_autoptr(LumInvoiceType) type = g_list_model_get_item (G_LIST_MODEL (types), 0);
      lum_channel_set_invoice_type_id (channel, lum_invoice_type_get_id (type));
      lum_channel_set_invoice_type_name (channel, lum_invoice_type_get_name (type));
    }

  return g_steal_pointer (&channel);
}

static gboolean
save_channel_tx (LumEngine  *self,
                 gpointer    user_data,
                 GError    **error)
{
  LumDb *db = lum_engine_get_db (self);
  LumChannel *channel = user_data;
  g_autofree char *now = lum_engine_now_text (self);

  return lum_channel_rules_check (db, channel, error) &&
         lum_channel_store_save (db, channel, now, error);
}

/**
 * lum_engine_save_channel:
 *
 * Checks @channel against the rules and saves it in one transaction;
 * on failure nothing is written and @error (in %LUM_CHANNEL_ERROR for a
 * refused value) names the field and the value. A new channel gets its id.
 */
gboolean
lum_engine_save_channel (LumEngine   *self,
                         LumChannel  *channel,
                         GError     **error)
{
  gint64 old_id;
  gint64 old_version = lum_channel_get_version (channel);

  g_return_val_if_fail (LUM_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (LUM_IS_CHANNEL (channel), FALSE);

  old_id = lum_channel_get_id (channel);
  if (!lum_engine_run_in_transaction (self, save_channel_tx, channel, "channels", error))
    {
      lum_channel_set_id (channel, old_id);
      lum_channel_set_version (channel, old_version);
      return FALSE;
    }
  return TRUE;
}

/**
 * lum_engine_check_channel:
 *
 * Checks @channel against the rules without saving it, past the first
 * refused value (see lum_channel_rules_check_all()).
 *
 * Returns: (transfer full) (element-type GError): every refused value;
 *   empty when @channel would be saved
 */
GPtrArray *
lum_engine_check_channel (LumEngine  *self,
                          LumChannel *channel)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  g_return_val_if_fail (LUM_IS_CHANNEL (channel), NULL);
  return lum_channel_rules_check_all (lum_engine_get_db (self), channel);
}

gboolean
lum_engine_archive_channel (LumEngine   *self,
                            LumChannel  *channel,
                            gboolean     archived,
                            GError     **error)
{
  g_autoptr(LumChannel) stored = NULL;

  g_return_val_if_fail (LUM_IS_ENGINE (self), FALSE);

  stored = lum_engine_get_channel (self, lum_channel_get_id (channel), error);
  if (stored == NULL)
    return FALSE;
  lum_channel_set_archived (stored, archived);
  if (!lum_engine_save_channel (self, stored, error))
    return FALSE;
  lum_channel_set_archived (channel, archived);
  return TRUE;
}

/**
 * lum_engine_duplicate_channel:
 *
 * Saves a copy of @channel under the first free name of the form
 * “Name (copy)”, “Name (copy 2)”, …
 */
LumChannel *
lum_engine_duplicate_channel (LumEngine   *self,
                              LumChannel  *channel,
                              GError     **error)
{
  g_autoptr(LumChannel) copy = lum_channel_copy (channel);
  LumDb *db = lum_engine_get_db (self);

  lum_channel_set_id (copy, 0);
  lum_channel_set_archived (copy, FALSE);

  for (guint i = 1; i < 1000; i++)
    {
      g_autofree char *name = i == 1
        ? g_strdup_printf (_("%s (copy)"), lum_channel_get_name (channel))
        : g_strdup_printf (_("%s (copy %u)"), lum_channel_get_name (channel), i);
      gint64 used;

      if (g_utf8_strlen (name, -1) > LUM_CHANNEL_NAME_MAX)
        {
          g_autofree char *cut = g_utf8_substring (name, g_utf8_strlen (name, -1) - LUM_CHANNEL_NAME_MAX,
                                                   g_utf8_strlen (name, -1));
          g_free (name);
          name = g_steal_pointer (&cut);
        }
      used = lum_channel_store_id_by_name (db, name, error);
      if (used < 0)
        return NULL;
      if (used == 0)
        {
          lum_channel_set_name (copy, name);
          break;
        }
    }

  if (!lum_engine_save_channel (self, copy, error))
    return NULL;
  return g_steal_pointer (&copy);
}

/* -- warehouse groups ----------------------------------------------------- */

GListStore *
lum_engine_list_warehouse_groups (LumEngine  *self,
                                  GError    **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  return lum_setup_store_list_groups (lum_engine_get_db (self), error);
}

LumWarehouseGroup *
lum_engine_find_warehouse_group (LumEngine   *self,
                                 const char  *name_or_id,
                                 GError     **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  return lum_setup_store_find_group (lum_engine_get_db (self), name_or_id, error);
}

typedef struct
{
  const char         *name;
  const char * const *codes;
  gboolean            make_default;
  gint64              id;
} CreateGroup;

static gboolean
create_group_tx (LumEngine  *self,
                 gpointer    user_data,
                 GError    **error)
{
  CreateGroup *data = user_data;
  LumDb *db = lum_engine_get_db (self);
  g_autofree char *now = lum_engine_now_text (self);

  if (!check_setup_name (_("Warehouse group"), data->name, error))
    return FALSE;
  if (lum_setup_store_name_used (db, LUM_SETUP_TABLE_WAREHOUSE_GROUP, data->name, 0))
    {
      g_autofree char *shown = lum_text_shown (data->name);
      g_set_error (error, LUM_SETUP_ERROR, LUM_SETUP_ERROR_NAME,
                   _("Warehouse group name “%s” is already used"), shown);
      return FALSE;
    }

  data->id = lum_setup_store_insert_group (db, data->name, now, error);
  if (data->id == 0)
    return FALSE;

  for (guint i = 0; data->codes && data->codes[i]; i++)
    {
      g_autoptr(LumWarehouse) w = lum_setup_store_find_warehouse (db, data->codes[i], error);

      if (w == NULL || !lum_setup_store_add_group_member (db, data->id, lum_warehouse_get_id (w), error))
        return FALSE;
    }

  if (data->make_default && !lum_setup_store_set_default_group (db, data->id, error))
    return FALSE;
  return TRUE;
}

LumWarehouseGroup *
lum_engine_create_warehouse_group (LumEngine          *self,
                                   const char         *name,
                                   const char * const *warehouse_codes,
                                   gboolean            make_default,
                                   GError            **error)
{
  CreateGroup data = { name, warehouse_codes, make_default, 0 };

  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);

  if (!lum_engine_run_in_transaction (self, create_group_tx, &data, "setup", error))
    return NULL;
  return lum_setup_store_get_group (lum_engine_get_db (self), data.id, error);
}

static gboolean
set_default_tx (LumEngine  *self,
                gpointer    user_data,
                GError    **error)
{
  return lum_setup_store_set_default_group (lum_engine_get_db (self), *(gint64 *)user_data, error);
}

gboolean
lum_engine_set_default_warehouse_group (LumEngine  *self,
                                        gint64      id,
                                        GError    **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), FALSE);
  return lum_engine_run_in_transaction (self, set_default_tx, &id, "setup", error);
}

GListStore *
lum_engine_list_warehouses (LumEngine  *self,
                            gint64      group_id,
                            GError    **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  return lum_setup_store_list_warehouses (lum_engine_get_db (self), group_id, error);
}

/* -- invoice types -------------------------------------------------------- */

GListStore *
lum_engine_list_invoice_types (LumEngine  *self,
                               GError    **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  return lum_setup_store_list_invoice_types (lum_engine_get_db (self), error);
}

LumInvoiceType *
lum_engine_find_invoice_type (LumEngine   *self,
                              const char  *name_or_id,
                              GError     **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  return lum_setup_store_find_invoice_type (lum_engine_get_db (self), name_or_id, error);
}

typedef struct
{
  const char *name;
  gint64      id;
} AddInvoiceType;

static gboolean
add_invoice_type_tx (LumEngine  *self,
                     gpointer    user_data,
                     GError    **error)
{
  AddInvoiceType *data = user_data;
  LumDb *db = lum_engine_get_db (self);
  g_autofree char *now = lum_engine_now_text (self);

  if (!check_setup_name (_("Invoice type"), data->name, error))
    return FALSE;

  if (lum_setup_store_name_used (db, LUM_SETUP_TABLE_INVOICE_TYPE, data->name, 0))
    {
      g_autofree char *shown = lum_text_shown (data->name);
      g_set_error (error, LUM_SETUP_ERROR, LUM_SETUP_ERROR_NAME,
                   _("Invoice type name “%s” is already used"), shown);
      return FALSE;
    }

  data->id = lum_setup_store_insert_invoice_type (db, data->name, now, error);
  return data->id != 0;
}

LumInvoiceType *
lum_engine_add_invoice_type (LumEngine   *self,
                             const char  *name,
                             GError     **error)
{
  AddInvoiceType data = { name, 0 };

  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);

  if (!lum_engine_run_in_transaction (self, add_invoice_type_tx, &data, "setup", error))
    return NULL;
  return lum_setup_store_get_invoice_type (lum_engine_get_db (self), data.id, error);
}

/* -- integrations --------------------------------------------------------- */

GListStore *
lum_engine_list_integrations (LumEngine  *self,
                              GError    **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  return lum_setup_store_list_integrations (lum_engine_get_db (self), error);
}

LumIntegration *
lum_engine_get_integration (LumEngine  *self,
                            gint64      id,
                            GError    **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  return lum_setup_store_get_integration (lum_engine_get_db (self), id, error);
}

LumIntegration *
lum_engine_find_integration (LumEngine   *self,
                             const char  *name_or_id,
                             GError     **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  return lum_setup_store_find_integration (lum_engine_get_db (self), name_or_id, error);
}

/* An address Lumen sends keys or tokens to: https, or plain http only to
 * this computer, where nothing crosses a network in clear. */
static gboolean
check_url (const char  *field,
           const char  *url,
           int          code,
           GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *shown = lum_text_shown (url);

  if (!lum_text_check_in (field, url, LUM_TEXT_ONE_LINE, LUM_TEXT_DESCRIPTION_MAX, LUM_SETUP_ERROR, code, error))
    return FALSE;
  uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  if (uri == NULL ||
      (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 && g_strcmp0 (g_uri_get_scheme (uri), "http") != 0) ||
      lum_str_empty (g_uri_get_host (uri)))
    {
      /* TRANSLATORS: the first %s is the field, e.g. "Base URL" */
      g_set_error (error, LUM_SETUP_ERROR, code, _("%s “%s” is not an http:// or https:// address"),
                   field, shown);
      return FALSE;
    }
  if (g_str_equal (g_uri_get_scheme (uri), "http") && !lum_host_is_loopback (g_uri_get_host (uri)))
    {
      g_set_error (error, LUM_SETUP_ERROR, code,
                   _("%s “%s” is refused: plain http would send the credentials in clear; use https (http is "
                     "allowed only to this computer: localhost, 127.0.0.1, ::1)"),
                   field, shown);
      return FALSE;
    }
  return TRUE;
}

/* What Intuit accepts as a redirect URI (developer.intuit.com, QuickBooks
 * Online, "Set app redirect URIs"): https, "IP addresses aren’t allowed";
 * "localhost (no HTTPS)" only for development keys and sandbox companies.
 * RFC 6749 §3.1.2: no fragment. */
static gboolean
check_redirect_uri (LumIntegration  *integration,
                    GError         **error)
{
  const char *url = lum_integration_get_setting (integration, LUM_SETTING_QUICKBOOKS_REDIRECT_URI);
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GInetAddress) address = NULL;

  if (url == NULL)
    return TRUE;
  if (!check_url (_("Redirect URI"), url, LUM_SETUP_ERROR_REDIRECT_URI, error))
    return FALSE;
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  address = g_inet_address_new_from_string (g_uri_get_host (uri));
  if (g_uri_get_fragment (uri) != NULL)
    g_set_error (error, LUM_SETUP_ERROR, LUM_SETUP_ERROR_REDIRECT_URI,
                 _("Redirect URI “%s” has a fragment (#…): a redirect URI has none"), url);
  else if (address != NULL)
    g_set_error (error, LUM_SETUP_ERROR, LUM_SETUP_ERROR_REDIRECT_URI,
                 _("Redirect URI “%s” is refused: Intuit accepts no IP address in a redirect URI; use a host name "
                   "(for this computer: localhost)"),
                 url);
  else if (g_str_equal (g_uri_get_scheme (uri), "http") && lum_quickbooks_is_production (integration))
    g_set_error (error, LUM_SETUP_ERROR, LUM_SETUP_ERROR_REDIRECT_URI,
                 _("Redirect URI “%s” is refused: Intuit sends the browser of a production company only to an "
                   "https address; plain http://localhost works with development keys and sandbox companies"),
                 url);
  else
    return TRUE;
  return FALSE;
}

/**
 * lum_engine_check_integration:
 *
 * The rules every saved integration keeps, whoever saves it: its base URL
 * and the addresses among its settings are http(s) addresses, and none
 * sends credentials over plain http to another computer.
 */
gboolean
lum_engine_check_integration (LumIntegration  *integration,
                              GError         **error)
{
  if (!check_url (_("Base URL"), lum_integration_get_base_url (integration), LUM_SETUP_ERROR_BASE_URL, error))
    return FALSE;
  if (lum_integration_get_kind (integration) != LUM_INTEGRATION_KIND_QUICKBOOKS)
    return TRUE;
  if (lum_integration_get_setting (integration, LUM_SETTING_QUICKBOOKS_TOKEN_URL) != NULL &&
      !check_url (_("Token URL"), lum_integration_get_setting (integration, LUM_SETTING_QUICKBOOKS_TOKEN_URL),
                  LUM_SETUP_ERROR_URL, error))
    return FALSE;
  if (lum_integration_get_setting (integration, LUM_SETTING_QUICKBOOKS_AUTH_URL) != NULL &&
      !check_url (_("Authorization URL"), lum_integration_get_setting (integration, LUM_SETTING_QUICKBOOKS_AUTH_URL),
                  LUM_SETUP_ERROR_URL, error))
    return FALSE;
  return check_redirect_uri (integration, error);
}

static gboolean
save_integration_tx (LumEngine  *self,
                     gpointer    user_data,
                     GError    **error)
{
  LumIntegration *integration = user_data;
  LumDb *db = lum_engine_get_db (self);
  g_autofree char *now = lum_engine_now_text (self);
  g_autofree char *name = lum_strip_dup (lum_integration_get_name (integration));
  g_autofree char *url = lum_strip_dup (lum_integration_get_base_url (integration));

  if (!check_setup_name (_("Integration"), name, error))
    return FALSE;
  if (lum_setup_store_name_used (db, LUM_SETUP_TABLE_INTEGRATION, name, lum_integration_get_id (integration)))
    {
      g_autofree char *shown = lum_text_shown (name);
      g_set_error (error, LUM_SETUP_ERROR, LUM_SETUP_ERROR_NAME,
                   _("Integration name “%s” is already used"), shown);
      return FALSE;
    }
  /* no trailing slash, so paths join cleanly */
  while (g_str_has_suffix (url, "/"))
    url[strlen (url) - 1] = '\0';
  lum_integration_set_name (integration, name);
  lum_integration_set_base_url (integration, url);
  if (!lum_engine_check_integration (integration, error))
    return FALSE;

  return lum_setup_store_save_integration (db, integration, now, error);
}

gboolean
lum_engine_save_integration (LumEngine       *self,
                             LumIntegration  *integration,
                             GError         **error)
{
  gint64 old_id;

  g_return_val_if_fail (LUM_IS_ENGINE (self), FALSE);

  old_id = lum_integration_get_id (integration);
  if (!lum_engine_run_in_transaction (self, save_integration_tx, integration, "integrations", error))
    {
      lum_integration_set_id (integration, old_id);
      return FALSE;
    }
  return TRUE;
}

static gboolean
delete_integration_tx (LumEngine  *self,
                       gpointer    user_data,
                       GError    **error)
{
  LumIntegration *integration = user_data;
  LumDb *db = lum_engine_get_db (self);
  g_autoptr(GListStore) channels = lum_channel_store_list (db, TRUE, error);
  gint64 id = lum_integration_get_id (integration);

  if (channels == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (channels)); i++)
    {
      g_autoptr(LumChannel) channel = g_list_model_get_item (G_LIST_MODEL (channels), i);

      if (lum_channel_get_oms_integration_id (channel) == id ||
          lum_channel_get_accounting_integration_id (channel) == id)
        {
          g_set_error (error, LUM_SETUP_ERROR, LUM_SETUP_ERROR_IN_USE,
                       _("Integration “%s” is used by channel “%s”; choose another integration there first"),
                       lum_integration_get_name (integration), lum_channel_get_name (channel));
          return FALSE;
        }
    }

  return lum_setup_store_delete_integration (db, id, error);
}

gboolean
lum_engine_delete_integration (LumEngine       *self,
                               LumIntegration  *integration,
                               GError         **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), FALSE);
  return lum_engine_run_in_transaction (self, delete_integration_tx, integration, "integrations", error);
}

GListStore *
lum_engine_list_remote_stores (LumEngine  *self,
                               gint64      integration_id,
                               GError    **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  return lum_setup_store_list_remote_stores (lum_engine_get_db (self), integration_id, error);
}

typedef struct
{
  gint64      integration_id;
  GListModel *stores;
} RememberStores;

static gboolean
remember_stores_tx (LumEngine  *self,
                    gpointer    user_data,
                    GError    **error)
{
  RememberStores *data = user_data;
  g_autofree char *now = lum_engine_now_text (self);

  return lum_setup_store_replace_remote_stores (self->db, data->integration_id,
                                                data->stores, now, error);
}

/* Whether @fetched lists the same stores, by id and name, as were known:
 * then nothing is written and nobody is told the integrations changed. */
static gboolean
same_stores (LumEngine  *self,
             gint64      integration_id,
             GListModel *fetched)
{
  g_autoptr(GListStore) known = lum_setup_store_list_remote_stores (self->db, integration_id, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = g_list_model_get_n_items (fetched);

  if (known == NULL || g_list_model_get_n_items (G_LIST_MODEL (known)) != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LumRemoteStore) store = g_list_model_get_item (G_LIST_MODEL (known), i);
      g_hash_table_add (seen, g_strdup_printf ("%s\n%s", lum_remote_store_get_remote_id (store),
                                               lum_remote_store_get_name (store)));
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LumRemoteStore) store = g_list_model_get_item (fetched, i);
      g_autofree char *key = g_strdup_printf ("%s\n%s", lum_remote_store_get_remote_id (store),
                                              lum_remote_store_get_name (store));

      if (!g_hash_table_remove (seen, key))
        return FALSE;
    }
  return TRUE;
}

/**
 * lum_engine_remember_remote_stores:
 * @stores: (element-type LumRemoteStore): the stores the OMS listed
 *
 * Keeps @stores as the last known list of the integration's stores, which
 * serves when the OMS cannot be reached; a list the same as the known one
 * writes nothing and tells nobody.
 */
gboolean
lum_engine_remember_remote_stores (LumEngine   *self,
                                   gint64       integration_id,
                                   GListModel  *stores,
                                   GError     **error)
{
  RememberStores data = { integration_id, stores };

  g_return_val_if_fail (LUM_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (G_IS_LIST_MODEL (stores), FALSE);

  if (same_stores (self, integration_id, stores))
    return TRUE;
  return lum_engine_run_in_transaction (self, remember_stores_tx, &data, "integrations", error);
}

typedef struct
{
  gint64      integration_id;
  const char *remote_id;
  const char *name;
} RememberStore;

static gboolean
remember_store_tx (LumEngine  *self,
                   gpointer    user_data,
                   GError    **error)
{
  RememberStore *data = user_data;
  g_autofree char *now = lum_engine_now_text (self);

  return lum_setup_store_remember_remote_store (lum_engine_get_db (self), data->integration_id,
                                                data->remote_id, data->name, now, error);
}

gboolean
lum_engine_remember_remote_store (LumEngine   *self,
                                  gint64       integration_id,
                                  const char  *remote_id,
                                  const char  *name,
                                  GError     **error)
{
  RememberStore data = { integration_id, remote_id, name };

  g_return_val_if_fail (LUM_IS_ENGINE (self), FALSE);
  return lum_engine_run_in_transaction (self, remember_store_tx, &data, "integrations", error);
}

/* -- integrations and their secrets -------------------------------------- */

static gboolean
store_secrets (LumIntegration  *integration,
               GHashTable      *secrets,
               GError         **error)
{
  GHashTableIter iter;
  gpointer name, value;

  if (secrets == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, secrets);
  while (g_hash_table_iter_next (&iter, &name, &value))
    {
      if (!lum_secrets_store (integration, name, value, error))
        return FALSE;
    }
  return TRUE;
}

/* A sandbox integration keeps the sandbox's public secrets in the process,
 * and secrets of its own in the keyring (see lum-secrets.h); %TRUE when
 * the mark changed. */
static gboolean
mark_own_secrets (LumIntegration *integration,
                  GHashTable     *secrets)
{
  const char *own;

  if (secrets == NULL || !lum_integration_is_sandbox (integration))
    return FALSE;
  own = lum_secrets_are_public (integration, secrets) ? NULL : "true";
  if (g_strcmp0 (lum_integration_get_setting (integration, LUM_SETTING_OWN_SECRETS), own) == 0)
    return FALSE;
  lum_integration_set_setting (integration, LUM_SETTING_OWN_SECRETS, own);
  return TRUE;
}

/**
 * lum_engine_add_integration:
 * @secrets: (element-type utf8 utf8) (nullable): name → value, for the
 *   Secret Service only
 *
 * Saves a new integration and stores its secrets. When the keyring refuses
 * them, the integration is removed again: nothing half-made stays.
 */
gboolean
lum_engine_add_integration (LumEngine       *self,
                            LumIntegration  *integration,
                            GHashTable      *secrets,
                            GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  mark_own_secrets (integration, secrets);
  if (!lum_engine_save_integration (self, integration, error))
    return FALSE;
  if (store_secrets (integration, secrets, &local_error))
    return TRUE;

  lum_secrets_clear (integration, NULL);
  lum_engine_delete_integration (self, integration, NULL);
  lum_integration_set_id (integration, 0);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
lum_engine_update_integration_secrets (LumEngine       *self,
                                       LumIntegration  *integration,
                                       GHashTable      *secrets,
                                       GError         **error)
{
  if (mark_own_secrets (integration, secrets) && !lum_engine_save_integration (self, integration, error))
    return FALSE;
  if (!store_secrets (integration, secrets, error))
    return FALSE;
  lum_engine_emit_changed (self, "integrations");
  return TRUE;
}

/* Deletes the integration and then its secrets. */
gboolean
lum_engine_remove_integration (LumEngine       *self,
                               LumIntegration  *integration,
                               GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  /* the row first: a refused delete (a channel uses it) keeps the secrets */
  if (!lum_engine_delete_integration (self, integration, error))
    return FALSE;
  if (!lum_secrets_clear (integration, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Integration “%s” was deleted, but its credentials are still in the keyring: %s"),
                   lum_integration_get_name (integration), local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "lum-warehouse-groups-dialog.h"
#include "lum-engine-setup.h"
#include "lum-engine-warehouses.h"
#include "sync/lum-sync-remote.h"

/*
 * Warehouse groups and warehouses: each group's name, whether it is the
 * default, and its warehouses in order of preference (an order ships from
 * the first one linked to the channel's OMS); each warehouse's link to
 * the warehouses of every OMS integration, chosen from the list the OMS
 * gives live. The content is built again after each change.
 */

struct _LumWarehouseGroupsDialog
{
  AdwWindow        parent_instance;

  LumEngine       *engine;
  GCancellable    *cancellable;
  GHashTable      *remote;       /* integration id → GListStore of LumRemoteStore, fetched */
  GHashTable      *fetching;     /* integration ids being fetched */
  GHashTable      *fetch_errors; /* integration id → message */
  GHashTable      *expanded;     /* warehouse ids whose links are open */
  guint            rebuild_id;
  AdwToastOverlay *toasts;
  GtkBox          *content;
};

G_DEFINE_FINAL_TYPE (LumWarehouseGroupsDialog, lum_warehouse_groups_dialog, ADW_TYPE_WINDOW)

static void rebuild (LumWarehouseGroupsDialog *self);

static gboolean
rebuild_cb (gpointer user_data)
{
  LumWarehouseGroupsDialog *self = user_data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* After the signal that asked for it: the rows it came from go. */
static void
queue_rebuild (LumWarehouseGroupsDialog *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_cb, self);
}

static void
toast_error (LumWarehouseGroupsDialog *self,
             const GError             *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

static GtkWidget *
icon_button (const char *icon,
             const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return button;
}

/* The codes of @group's warehouses, in order. */
static GPtrArray *
member_codes (LumWarehouseGroupsDialog *self,
              gint64                    group_id)
{
  g_autoptr(GListStore) members = lum_engine_list_warehouses (self->engine, group_id, NULL);
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; members != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (members)); i++)
    {
      g_autoptr(LumWarehouse) w = g_list_model_get_item (G_LIST_MODEL (members), i);
      g_ptr_array_add (codes, g_strdup (lum_warehouse_get_code (w)));
    }
  return codes;
}

static void
save_members (LumWarehouseGroupsDialog *self,
              gint64                    group_id,
              GPtrArray                *codes)
{
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (codes, NULL);
  if (!lum_engine_set_group_warehouses (self->engine, group_id, (const char * const *)codes->pdata, &error))
    toast_error (self, error);
  queue_rebuild (self);
}

/* -- callbacks ------------------------------------------------------------ */

static void
on_move_clicked_cb (GtkButton                *button,
                    LumWarehouseGroupsDialog *self)
{
  gint64 group_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "group-id"));
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "delta"));
  g_autoptr(GPtrArray) codes = member_codes (self, group_id);

  if (index >= codes->len)
    return;
  if (delta == 0)
    g_ptr_array_remove_index (codes, index);
  else if ((int)index + delta >= 0 && index + delta < codes->len)
    {
      gpointer swap = codes->pdata[index];
      codes->pdata[index] = codes->pdata[index + delta];
      codes->pdata[index + delta] = swap;
    }
  else
    return;
  save_members (self, group_id, codes);
}

static void
on_add_member_clicked_cb (GtkButton                *button,
                          LumWarehouseGroupsDialog *self)
{
  AdwComboRow *row = g_object_get_data (G_OBJECT (button), "combo");
  gint64 group_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "group-id"));
  GtkStringObject *item = adw_combo_row_get_selected_item (row);
  g_autoptr(GPtrArray) codes = member_codes (self, group_id);
  const char *label = item ? gtk_string_object_get_string (item) : NULL;
  g_auto(GStrv) parts = NULL;

  if (label == NULL)
    return;
  /* "CODE — Name" */
  parts = g_strsplit (label, " — ", 2);
  g_ptr_array_add (codes, g_strdup (parts[0]));
  save_members (self, group_id, codes);
}

static void
on_rename_applied_cb (AdwEntryRow              *row,
                      LumWarehouseGroupsDialog *self)
{
  gint64 group_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "group-id"));
  g_autoptr(GError) error = NULL;

  if (!lum_engine_rename_warehouse_group (self->engine, group_id, gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    toast_error (self, error);
  queue_rebuild (self);
}

static void
on_default_activated_cb (GtkSwitch                *toggle,
                         GParamSpec               *pspec,
                         LumWarehouseGroupsDialog *self)
{
  gint64 group_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toggle), "group-id"));
  g_autoptr(GError) error = NULL;

  if (!gtk_switch_get_active (toggle))
    return;
  if (!lum_engine_set_default_warehouse_group (self->engine, group_id, &error))
    toast_error (self, error);
  queue_rebuild (self);
}

static void
on_rule_selected_cb (AdwComboRow              *row,
                     GParamSpec               *pspec,
                     LumWarehouseGroupsDialog *self)
{
  gint64 group_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "group-id"));
  LumShipFromRule rule = adw_combo_row_get_selected (row) == 1 ? LUM_SHIP_FROM_RULE_STOCK
                                                                : LUM_SHIP_FROM_RULE_PREFERENCE;
  g_autoptr(GError) error = NULL;

  if (!lum_engine_set_group_ship_from_rule (self->engine, group_id, rule, &error))
    toast_error (self, error);
  queue_rebuild (self);
}

static void
on_new_group_applied_cb (AdwEntryRow              *row,
                         LumWarehouseGroupsDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumWarehouseGroup) group = lum_engine_create_warehouse_group (self->engine,
                                                                          gtk_editable_get_text (GTK_EDITABLE (row)),
                                                                          NULL, FALSE, &error);

  if (group == NULL)
    toast_error (self, error);
  queue_rebuild (self);
}

static void
on_add_warehouse_clicked_cb (GtkButton                *button,
                             LumWarehouseGroupsDialog *self)
{
  GtkEditable *code = g_object_get_data (G_OBJECT (button), "code");
  GtkEditable *name = g_object_get_data (G_OBJECT (button), "name");
  g_autoptr(GError) error = NULL;
  g_autoptr(LumWarehouse) w = lum_engine_add_warehouse (self->engine, gtk_editable_get_text (code),
                                                        gtk_editable_get_text (name), &error);

  if (w == NULL)
    toast_error (self, error);
  queue_rebuild (self);
}

typedef struct
{
  LumWarehouseGroupsDialog *self;
  gint64                    id;
} Fetch;

static void
on_warehouses_fetched_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autofree Fetch *fetch = user_data;
  g_autoptr(LumWarehouseGroupsDialog) self = fetch->self;
  g_autoptr(GError) error = NULL;
  GListStore *list = lum_sync_service_fetch_warehouses_finish (LUM_SYNC_SERVICE (source), result, &error);
  gint64 id = fetch->id;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->remote == NULL)
    return;
  g_hash_table_remove (self->fetching, GSIZE_TO_POINTER (id));
  if (list != NULL)
    g_hash_table_insert (self->remote, GSIZE_TO_POINTER (id), list);
  else
    g_hash_table_insert (self->fetch_errors, GSIZE_TO_POINTER (id), g_strdup (error->message));
  queue_rebuild (self);
}

static void
fetch_remote (LumWarehouseGroupsDialog *self,
              LumIntegration           *integration)
{
  gpointer key = GSIZE_TO_POINTER (lum_integration_get_id (integration));
  g_autoptr(LumSyncService) service = NULL;
  Fetch *fetch;

  if (g_hash_table_contains (self->remote, key) || g_hash_table_contains (self->fetching, key) ||
      g_hash_table_contains (self->fetch_errors, key))
    return;
  g_hash_table_add (self->fetching, key);
  service = lum_sync_service_dup_for_engine (self->engine);
  fetch = g_new0 (Fetch, 1);
  fetch->self = g_object_ref (self);
  fetch->id = lum_integration_get_id (integration);
  lum_sync_service_fetch_warehouses_async (service, integration, self->cancellable, on_warehouses_fetched_cb, fetch);
}

static void
on_expanded_cb (AdwExpanderRow           *row,
                GParamSpec               *pspec,
                LumWarehouseGroupsDialog *self)
{
  gpointer id = g_object_get_data (G_OBJECT (row), "warehouse-id");

  if (adw_expander_row_get_expanded (row))
    {
      g_hash_table_add (self->expanded, id);
      /* the lists are read when first wanted */
      queue_rebuild (self);
    }
  else
    g_hash_table_remove (self->expanded, id);
}

static void
on_link_selected_cb (AdwComboRow              *row,
                     GParamSpec               *pspec,
                     LumWarehouseGroupsDialog *self)
{
  LumIntegration *integration = g_object_get_data (G_OBJECT (row), "integration");
  const char *code = g_object_get_data (G_OBJECT (row), "code");
  GPtrArray *ids = g_object_get_data (G_OBJECT (row), "remote-ids");
  GPtrArray *names = g_object_get_data (G_OBJECT (row), "remote-names");
  guint selected = adw_combo_row_get_selected (row);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_object_get_data (G_OBJECT (row), "filling") != NULL || selected >= ids->len + 1)
    return;
  if (selected == 0)
    ok = lum_engine_unlink_warehouse (self->engine, code, integration, &error);
  else
    ok = lum_engine_link_warehouse (self->engine, code, integration, g_ptr_array_index (ids, selected - 1),
                                    g_ptr_array_index (names, selected - 1), &error);
  if (!ok)
    toast_error (self, error);
  queue_rebuild (self);
}

/* -- building ------------------------------------------------------------- */

static GtkWidget *
build_group (LumWarehouseGroupsDialog *self,
             LumWarehouseGroup        *group,
             GListModel               *all)
{
  gint64 id = lum_warehouse_group_get_id (group);
  GtkWidget *pref = adw_preferences_group_new ();
  GtkWidget *name_row = adw_entry_row_new ();
  GtkWidget *default_row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();
  GtkWidget *rule_row = adw_combo_row_new ();
  const char *rules[] = { N_("First Linked"), N_("First in Stock"), NULL };
  g_autoptr(GtkStringList) rule_labels = gtk_string_list_new (NULL);
  gboolean by_stock = lum_warehouse_group_get_ship_from_rule (group) == LUM_SHIP_FROM_RULE_STOCK;
  g_autoptr(GListStore) members = lum_engine_list_warehouses (self->engine, id, NULL);
  g_autoptr(GtkStringList) others = gtk_string_list_new (NULL);
  guint n = members ? g_list_model_get_n_items (G_LIST_MODEL (members)) : 0;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (pref), lum_warehouse_group_get_name (group));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (pref),
                                         by_stock
                                         ? _("Orders ship from the first warehouse linked to the channel’s OMS "
                                             "that has every line in stock")
                                         : _("Orders ship from the first warehouse linked to the channel’s OMS"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name_row), _("Name"));
  gtk_editable_set_text (GTK_EDITABLE (name_row), lum_warehouse_group_get_name (group));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (name_row), TRUE);
  g_object_set_data (G_OBJECT (name_row), "group-id", GSIZE_TO_POINTER (id));
  g_signal_connect (name_row, "apply", G_CALLBACK (on_rename_applied_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (pref), name_row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (default_row), _("Default Group"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (default_row), _("Preselected for new channels"));
  gtk_switch_set_active (GTK_SWITCH (toggle), lum_warehouse_group_get_is_default (group));
  gtk_widget_set_sensitive (toggle, !lum_warehouse_group_get_is_default (group));
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Default Group"), -1);
  g_object_set_data (G_OBJECT (toggle), "group-id", GSIZE_TO_POINTER (id));
  g_signal_connect (toggle, "notify::active", G_CALLBACK (on_default_activated_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (default_row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (default_row), toggle);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (pref), default_row);

  for (guint i = 0; rules[i] != NULL; i++)
    gtk_string_list_append (rule_labels, _(rules[i]));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rule_row), _("Ship-From Rule"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (rule_row),
                               by_stock ? _("Every line in stock, else the first")
                                        : _("In the group’s order"));
  adw_combo_row_set_model (ADW_COMBO_ROW (rule_row), G_LIST_MODEL (rule_labels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (rule_row), by_stock ? 1 : 0);
  g_object_set_data (G_OBJECT (rule_row), "group-id", GSIZE_TO_POINTER (id));
  g_signal_connect (rule_row, "notify::selected", G_CALLBACK (on_rule_selected_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (pref), rule_row);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LumWarehouse) w = g_list_model_get_item (G_LIST_MODEL (members), i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1, lum_warehouse_get_name (w));
      const struct { const char *icon; const char *label; int delta; gboolean shown; } moves[] = {
        { "go-up-symbolic", _("Move Up"), -1, i > 0 },
        { "go-down-symbolic", _("Move Down"), 1, i + 1 < n },
        { "list-remove-symbolic", _("Remove From Group"), 0, TRUE },
      };

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), lum_warehouse_get_code (w));
      for (guint m = 0; m < G_N_ELEMENTS (moves); m++)
        {
          GtkWidget *button = icon_button (moves[m].icon, moves[m].label);

          gtk_widget_set_sensitive (button, moves[m].shown);
          g_object_set_data (G_OBJECT (button), "group-id", GSIZE_TO_POINTER (id));
          g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (i));
          g_object_set_data (G_OBJECT (button), "delta", GINT_TO_POINTER (moves[m].delta));
          g_signal_connect (button, "clicked", G_CALLBACK (on_move_clicked_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (pref), row);
    }

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(LumWarehouse) w = g_list_model_get_item (all, i);
      gboolean member = FALSE;

      for (guint j = 0; j < n && !member; j++)
        {
          g_autoptr(LumWarehouse) m = g_list_model_get_item (G_LIST_MODEL (members), j);
          member = lum_warehouse_get_id (m) == lum_warehouse_get_id (w);
        }
      if (!member)
        {
          g_autofree char *label = g_strdup_printf ("%s — %s", lum_warehouse_get_code (w), lum_warehouse_get_name (w));
          gtk_string_list_append (others, label);
        }
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (others)) > 0)
    {
      GtkWidget *add_row = adw_combo_row_new ();
      GtkWidget *add = icon_button ("list-add-symbolic", _("Add to Group"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add_row), _("Add Warehouse"));
      adw_combo_row_set_model (ADW_COMBO_ROW (add_row), G_LIST_MODEL (others));
      g_object_set_data (G_OBJECT (add), "combo", add_row);
      g_object_set_data (G_OBJECT (add), "group-id", GSIZE_TO_POINTER (id));
      g_signal_connect (add, "clicked", G_CALLBACK (on_add_member_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (add_row), add);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (pref), add_row);
    }
  return pref;
}

/* One OMS integration's link of a warehouse: "Not linked", then the OMS's
 * warehouses as it lists them (or the linked one alone until it has). */
static GtkWidget *
build_link_row (LumWarehouseGroupsDialog *self,
                LumWarehouse             *w,
                LumIntegration           *integration,
                LumWarehouseLink         *link,
                gboolean                  open)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  gpointer key = GSIZE_TO_POINTER (lum_integration_get_id (integration));
  GListModel *remote = g_hash_table_lookup (self->remote, key);
  const char *fetch_error = g_hash_table_lookup (self->fetch_errors, key);
  guint selected = 0;

  if (open)
    fetch_remote (self, integration);
  gtk_string_list_append (labels, _("Not linked: the OMS’s default"));
  for (guint i = 0; remote != NULL && i < g_list_model_get_n_items (remote); i++)
    {
      g_autoptr(LumRemoteStore) item = g_list_model_get_item (remote, i);
      g_autofree char *label = g_strdup_printf ("%s (%s)", lum_remote_store_get_name (item),
                                                lum_remote_store_get_remote_id (item));

      gtk_string_list_append (labels, label);
      g_ptr_array_add (ids, g_strdup (lum_remote_store_get_remote_id (item)));
      g_ptr_array_add (names, g_strdup (lum_remote_store_get_name (item)));
      if (link != NULL && g_strcmp0 (lum_remote_store_get_remote_id (item), lum_warehouse_link_get_remote_id (link)) == 0)
        selected = ids->len;
    }
  if (link != NULL && selected == 0)
    {
      g_autofree char *label = g_strdup_printf ("%s (%s)", lum_warehouse_link_get_remote_name (link),
                                                lum_warehouse_link_get_remote_id (link));
      gtk_string_list_append (labels, label);
      g_ptr_array_add (ids, g_strdup (lum_warehouse_link_get_remote_id (link)));
      g_ptr_array_add (names, g_strdup (lum_warehouse_link_get_remote_name (link)));
      selected = ids->len;
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lum_integration_get_name (integration));
  if (fetch_error != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), fetch_error);
  else if (g_hash_table_contains (self->fetching, key))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Reading its warehouses…"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  g_object_set_data (G_OBJECT (row), "filling", GINT_TO_POINTER (1));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  g_object_set_data (G_OBJECT (row), "filling", NULL);
  g_object_set_data_full (G_OBJECT (row), "integration", g_object_ref (integration), g_object_unref);
  g_object_set_data_full (G_OBJECT (row), "code", g_strdup (lum_warehouse_get_code (w)), g_free);
  g_object_set_data_full (G_OBJECT (row), "remote-ids", ids, (GDestroyNotify)g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (row), "remote-names", names, (GDestroyNotify)g_ptr_array_unref);
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_link_selected_cb), self);
  return row;
}

static GtkWidget *
build_warehouses (LumWarehouseGroupsDialog *self,
                  GListModel               *all)
{
  GtkWidget *pref = adw_preferences_group_new ();
  g_autoptr(GListStore) integrations = lum_engine_list_integrations (self->engine, NULL);
  GtkWidget *code_row = adw_entry_row_new ();
  GtkWidget *name_row = adw_entry_row_new ();
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add Warehouse"));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (pref), _("Warehouses"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (pref),
                                         _("Each warehouse’s counterpart in every OMS, chosen from the list it gives"));
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(LumWarehouse) w = g_list_model_get_item (all, i);
      g_autoptr(GListStore) links = lum_engine_list_warehouse_links (self->engine, lum_warehouse_get_id (w), 0, NULL);
      GtkWidget *row = adw_expander_row_new ();
      gpointer key = GSIZE_TO_POINTER (lum_warehouse_get_id (w));
      gboolean open = g_hash_table_contains (self->expanded, key);
      guint n_links = links ? g_list_model_get_n_items (G_LIST_MODEL (links)) : 0;
      g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · linked to %u OMS",
                                                                "%s · linked to %u OMS", n_links),
                                                   lum_warehouse_get_code (w), n_links);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lum_warehouse_get_name (w));
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
      for (guint j = 0; integrations != NULL && j < g_list_model_get_n_items (G_LIST_MODEL (integrations)); j++)
        {
          g_autoptr(LumIntegration) integration = g_list_model_get_item (G_LIST_MODEL (integrations), j);
          g_autoptr(LumWarehouseLink) found = NULL;

          if (!lum_integration_is_oms (integration))
            continue;
          for (guint k = 0; k < n_links && found == NULL; k++)
            {
              g_autoptr(LumWarehouseLink) link = g_list_model_get_item (G_LIST_MODEL (links), k);
              if (lum_warehouse_link_get_integration_id (link) == lum_integration_get_id (integration))
                found = g_steal_pointer (&link);
            }
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), build_link_row (self, w, integration, found, open));
        }
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), open);
      g_object_set_data (G_OBJECT (row), "warehouse-id", key);
      g_signal_connect (row, "notify::expanded", G_CALLBACK (on_expanded_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (pref), row);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (code_row), _("New Warehouse Code"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name_row), _("New Warehouse Name"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (pref), code_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (pref), name_row);
  gtk_widget_set_tooltip_text (add, _("Add a New Warehouse"));
  gtk_widget_set_halign (add, GTK_ALIGN_END);
  gtk_widget_set_margin_top (add, 6);
  g_object_set_data (G_OBJECT (add), "code", code_row);
  g_object_set_data (G_OBJECT (add), "name", name_row);
  g_signal_connect (add, "clicked", G_CALLBACK (on_add_warehouse_clicked_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (pref), add);
  return pref;
}

static void
rebuild (LumWarehouseGroupsDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) groups = lum_engine_list_warehouse_groups (self->engine, &error);
  g_autoptr(GListStore) all = lum_engine_list_warehouses (self->engine, 0, NULL);
  GtkWidget *child;
  GtkWidget *new_group;
  GtkWidget *new_row;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content))) != NULL)
    gtk_box_remove (self->content, child);
  if (groups == NULL || all == NULL)
    {
      if (error != NULL)
        toast_error (self, error);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (groups)); i++)
    {
      g_autoptr(LumWarehouseGroup) group = g_list_model_get_item (G_LIST_MODEL (groups), i);
      gtk_box_append (self->content, build_group (self, group, G_LIST_MODEL (all)));
    }
  new_group = adw_preferences_group_new ();
  new_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (new_row), _("New Group Name"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (new_row), TRUE);
  g_signal_connect (new_row, "apply", G_CALLBACK (on_new_group_applied_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (new_group), new_row);
  gtk_box_append (self->content, new_group);
  gtk_box_append (self->content, build_warehouses (self, G_LIST_MODEL (all)));
}

/* -- GObject -------------------------------------------------------------- */

static void
lum_warehouse_groups_dialog_dispose (GObject *object)
{
  LumWarehouseGroupsDialog *self = (LumWarehouseGroupsDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_object (&self->engine);
  g_clear_pointer (&self->remote, g_hash_table_unref);
  g_clear_pointer (&self->fetching, g_hash_table_unref);
  g_clear_pointer (&self->fetch_errors, g_hash_table_unref);
  g_clear_pointer (&self->expanded, g_hash_table_unref);

  G_OBJECT_CLASS (lum_warehouse_groups_dialog_parent_class)->dispose (object);
}

static void
lum_warehouse_groups_dialog_class_init (LumWarehouseGroupsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lum_warehouse_groups_dialog_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lum_warehouse_groups_dialog_init (LumWarehouseGroupsDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  self->cancellable = g_cancellable_new ();
  self->remote = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->fetching = g_hash_table_new (NULL, NULL);
  self->fetch_errors = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->expanded = g_hash_table_new (NULL, NULL);

  gtk_window_set_title (GTK_WINDOW (self), _("Warehouse Groups"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 640);
  gtk_widget_set_size_request (GTK_WIDGET (self), 360, 294);
  self->content = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 24));
  gtk_widget_set_margin_top (GTK_WIDGET (self->content), 24);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->content), 24);
  gtk_widget_set_margin_start (GTK_WIDGET (self->content), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->content), 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->content));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, scrolled);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toasts));
  adw_window_set_content (ADW_WINDOW (self), box);
}

LumWarehouseGroupsDialog *
lum_warehouse_groups_dialog_new (LumEngine *engine,
                                 GtkWindow *parent)
{
  LumWarehouseGroupsDialog *self = g_object_new (LUM_TYPE_WAREHOUSE_GROUPS_DIALOG,
                                                 "modal", parent != NULL,
                                                 "transient-for", parent,
                                                 NULL);

  self->engine = g_object_ref (engine);
  rebuild (self);
  return self;
}

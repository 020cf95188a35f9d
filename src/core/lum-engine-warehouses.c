/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lum-engine-private.h"
#include "lum-enum-types.h"
#include "lum-engine-setup.h"
#include "lum-engine-warehouses.h"
#include "lum-text.h"
#include "lum-util.h"
#include "store/lum-setup-store.h"
#include "store/lum-stock-store.h"
#include "store/lum-warehouse-store.h"

typedef struct
{
  const char *code;
  const char *name;
  gint64      id;
} AddWarehouse;

static gboolean
add_warehouse_tx (LumEngine  *self,
                  gpointer    user_data,
                  GError    **error)
{
  AddWarehouse *data = user_data;
  LumDb *db = lum_engine_get_db (self);
  g_autofree char *now = lum_engine_now_text (self);
  g_autofree char *code = lum_strip_dup (data->code);
  g_autofree char *name = lum_strip_dup (data->name);
  g_autoptr(LumWarehouse) existing = NULL;

  if (!lum_text_check_in (_("Warehouse code"), code, LUM_TEXT_ONE_LINE, 32,
                          LUM_SETUP_ERROR, LUM_SETUP_ERROR_NAME, error) ||
      !lum_text_check_in (_("Warehouse name"), name, LUM_TEXT_ONE_LINE, LUM_SETUP_NAME_MAX,
                          LUM_SETUP_ERROR, LUM_SETUP_ERROR_NAME, error))
    return FALSE;
  if (*code == '\0' || *name == '\0')
    {
      g_autofree char *shown = lum_text_shown (*code == '\0' ? data->code : data->name);
      g_set_error (error, LUM_SETUP_ERROR, LUM_SETUP_ERROR_NAME,
                   *code == '\0' ? _("Warehouse code “%s” is empty") : _("Warehouse name “%s” is empty"), shown);
      return FALSE;
    }
  if ((existing = lum_setup_store_find_warehouse (db, code, NULL)) != NULL)
    {
      g_autofree char *shown = lum_text_shown (code);
      g_set_error (error, LUM_SETUP_ERROR, LUM_SETUP_ERROR_NAME, _("Warehouse code “%s” is already used"), shown);
      return FALSE;
    }
  data->id = lum_setup_store_insert_warehouse (db, code, name, now, error);
  return data->id != 0;
}

/* A new warehouse, in no group yet. */
LumWarehouse *
lum_engine_add_warehouse (LumEngine   *self,
                          const char  *code,
                          const char  *name,
                          GError     **error)
{
  AddWarehouse data = { code ? code : "", name ? name : "", 0 };
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  if (!lum_engine_run_in_transaction (self, add_warehouse_tx, &data, "setup", error))
    return NULL;
  stripped = lum_strip_dup (data.code);
  return lum_setup_store_find_warehouse (lum_engine_get_db (self), stripped, error);
}

LumWarehouse *
lum_engine_find_warehouse (LumEngine   *self,
                           const char  *code,
                           GError     **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  return lum_setup_store_find_warehouse (lum_engine_get_db (self), code, error);
}

typedef struct
{
  gint64              group_id;
  const char * const *codes;
} SetMembers;

static gboolean
set_members_tx (LumEngine  *self,
                gpointer    user_data,
                GError    **error)
{
  SetMembers *data = user_data;
  LumDb *db = lum_engine_get_db (self);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(LumWarehouseGroup) group = lum_setup_store_get_group (db, data->group_id, error);

  if (group == NULL)
    return FALSE;
  for (guint i = 0; data->codes != NULL && data->codes[i] != NULL; i++)
    {
      g_autoptr(LumWarehouse) w = lum_setup_store_find_warehouse (db, data->codes[i], error);
      gint64 id;

      if (w == NULL)
        return FALSE;
      id = lum_warehouse_get_id (w);
      for (guint j = 0; j < ids->len; j++)
        if (g_array_index (ids, gint64, j) == id)
          {
            g_autofree char *shown = lum_text_shown (data->codes[i]);
            g_set_error (error, LUM_SETUP_ERROR, LUM_SETUP_ERROR_NAME,
                         _("Warehouse “%s” is named twice in group “%s”"), shown,
                         lum_warehouse_group_get_name (group));
            return FALSE;
          }
      g_array_append_val (ids, id);
    }
  return lum_warehouse_store_set_members (db, data->group_id, (const gint64 *)(gpointer)ids->data, ids->len, error);
}

/**
 * lum_engine_set_group_warehouses:
 * @warehouse_codes: the group's warehouses, most preferred first
 *
 * Replaces the group's warehouses: the order is the group's order of
 * preference, which decides where its channels' orders ship from.
 */
gboolean
lum_engine_set_group_warehouses (LumEngine          *self,
                                 gint64              group_id,
                                 const char * const *warehouse_codes,
                                 GError            **error)
{
  SetMembers data = { group_id, warehouse_codes };

  g_return_val_if_fail (LUM_IS_ENGINE (self), FALSE);
  return lum_engine_run_in_transaction (self, set_members_tx, &data, "setup", error);
}

typedef struct
{
  gint64      group_id;
  const char *name;
} Rename;

static gboolean
rename_tx (LumEngine  *self,
           gpointer    user_data,
           GError    **error)
{
  Rename *data = user_data;
  LumDb *db = lum_engine_get_db (self);
  g_autofree char *stripped = lum_strip_dup (data->name);
  g_autofree char *shown = lum_text_shown (data->name);

  if (!lum_text_check_in (_("Warehouse group name"), stripped, LUM_TEXT_ONE_LINE, LUM_SETUP_NAME_MAX,
                          LUM_SETUP_ERROR, LUM_SETUP_ERROR_NAME, error))
    return FALSE;
  if (*stripped == '\0')
    {
      g_set_error (error, LUM_SETUP_ERROR, LUM_SETUP_ERROR_NAME, _("Warehouse group name “%s” is empty"), shown);
      return FALSE;
    }
  if (lum_setup_store_name_used (db, LUM_SETUP_TABLE_WAREHOUSE_GROUP, stripped, data->group_id))
    {
      g_set_error (error, LUM_SETUP_ERROR, LUM_SETUP_ERROR_NAME,
                   _("Warehouse group name “%s” is already used"), shown);
      return FALSE;
    }
  return lum_warehouse_store_rename_group (db, data->group_id, stripped, error);
}

gboolean
lum_engine_rename_warehouse_group (LumEngine   *self,
                                   gint64       group_id,
                                   const char  *name,
                                   GError     **error)
{
  Rename data = { group_id, name };

  g_return_val_if_fail (LUM_IS_ENGINE (self), FALSE);
  return lum_engine_run_in_transaction (self, rename_tx, &data, "setup", error);
}

typedef struct
{
  gint64          group_id;
  LumShipFromRule rule;
} SetRule;

static gboolean
set_rule_tx (LumEngine  *self,
             gpointer    user_data,
             GError    **error)
{
  SetRule *data = user_data;

  return lum_warehouse_store_set_group_rule (lum_engine_get_db (self), data->group_id,
                                             lum_enum_to_nick (LUM_TYPE_SHIP_FROM_RULE, data->rule), error);
}

/**
 * lum_engine_set_group_ship_from_rule:
 *
 * Sets how the group chooses where its channels' orders ship from
 * (lum_engine_choose_order_ship_from()).
 */
gboolean
lum_engine_set_group_ship_from_rule (LumEngine        *self,
                                     gint64            group_id,
                                     LumShipFromRule   rule,
                                     GError          **error)
{
  SetRule data = { group_id, rule };

  g_return_val_if_fail (LUM_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (rule == LUM_SHIP_FROM_RULE_PREFERENCE || rule == LUM_SHIP_FROM_RULE_STOCK, FALSE);
  return lum_engine_run_in_transaction (self, set_rule_tx, &data, "setup", error);
}

GListStore *
lum_engine_list_warehouse_links (LumEngine  *self,
                                 gint64      warehouse_id,
                                 gint64      integration_id,
                                 GError    **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  return lum_warehouse_store_list_links (lum_engine_get_db (self), warehouse_id, integration_id, error);
}

typedef struct
{
  const char     *code;
  LumIntegration *integration;
  const char     *remote_id;
  const char     *remote_name;
} Link;

static gboolean
check_oms (LumIntegration  *integration,
           GError         **error)
{
  if (!lum_integration_kind_is_oms (lum_integration_get_kind (integration)))
    {
      g_set_error (error, LUM_SETUP_ERROR, LUM_SETUP_ERROR_SETTING,
                   _("Integration “%s” is no order-management system: its warehouses cannot be linked"),
                   lum_integration_get_name (integration));
      return FALSE;
    }
  return TRUE;
}

static gboolean
link_tx (LumEngine  *self,
         gpointer    user_data,
         GError    **error)
{
  Link *data = user_data;
  LumDb *db = lum_engine_get_db (self);
  g_autofree char *now = lum_engine_now_text (self);
  g_autofree char *remote_id = lum_strip_dup (data->remote_id);
  g_autoptr(LumWarehouse) w = NULL;

  if (!check_oms (data->integration, error))
    return FALSE;
  if ((w = lum_setup_store_find_warehouse (db, data->code, error)) == NULL)
    return FALSE;
  if (!lum_text_check_in (_("OMS warehouse id"), remote_id, LUM_TEXT_ONE_LINE, 64,
                          LUM_SETUP_ERROR, LUM_SETUP_ERROR_SETTING, error))
    return FALSE;
  if (*remote_id == '\0')
    {
      g_set_error (error, LUM_SETUP_ERROR, LUM_SETUP_ERROR_SETTING,
                   _("The warehouse id of %s for warehouse “%s” is empty"),
                   lum_integration_get_name (data->integration), lum_warehouse_get_code (w));
      return FALSE;
    }
  return lum_warehouse_store_set_link (db, lum_warehouse_get_id (w), lum_integration_get_id (data->integration),
                                       remote_id, data->remote_name, now, error);
}

/**
 * lum_engine_link_warehouse:
 * @remote_id: the OMS's id of its warehouse, as its list gives it
 * @remote_name: (nullable): its name there, to show
 *
 * Links (or re-links) a Lumen warehouse to the OMS's own for @integration.
 * The caller chooses @remote_id from the list the OMS gave
 * (lum_sync_service_fetch_warehouses_async()).
 */
gboolean
lum_engine_link_warehouse (LumEngine       *self,
                           const char      *warehouse_code,
                           LumIntegration  *integration,
                           const char      *remote_id,
                           const char      *remote_name,
                           GError         **error)
{
  Link data = { warehouse_code, integration, remote_id ? remote_id : "", remote_name };

  g_return_val_if_fail (LUM_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (LUM_IS_INTEGRATION (integration), FALSE);
  return lum_engine_run_in_transaction (self, link_tx, &data, "setup", error);
}

static gboolean
unlink_tx (LumEngine  *self,
           gpointer    user_data,
           GError    **error)
{
  Link *data = user_data;
  LumDb *db = lum_engine_get_db (self);
  g_autoptr(LumWarehouse) w = lum_setup_store_find_warehouse (db, data->code, error);
  g_autoptr(GError) local_error = NULL;

  if (w == NULL)
    return FALSE;
  if (!lum_warehouse_store_delete_link (db, lum_warehouse_get_id (w), lum_integration_get_id (data->integration),
                                        &local_error))
    {
      if (!g_error_matches (local_error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND,
                     _("Warehouse “%s” has no link to %s"), lum_warehouse_get_code (w),
                     lum_integration_get_name (data->integration));
      return FALSE;
    }
  return TRUE;
}

gboolean
lum_engine_unlink_warehouse (LumEngine       *self,
                             const char      *warehouse_code,
                             LumIntegration  *integration,
                             GError         **error)
{
  Link data = { warehouse_code, integration, NULL, NULL };

  g_return_val_if_fail (LUM_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (LUM_IS_INTEGRATION (integration), FALSE);
  return lum_engine_run_in_transaction (self, unlink_tx, &data, "setup", error);
}

/* The group of @config, its warehouses in order and the links for
 * @integration_id. */
static LumWarehouseGroup *
load_group (LumEngine   *self,
            LumChannel  *config,
            gint64       integration_id,
            GListStore **out_warehouses,
            GListStore **out_links,
            GError     **error)
{
  LumDb *db = lum_engine_get_db (self);
  g_autoptr(LumWarehouseGroup) group = NULL;

  group = lum_setup_store_get_group (db, lum_channel_get_warehouse_group_id (config), error);
  if (group == NULL)
    return NULL;
  *out_warehouses = lum_setup_store_list_warehouses (db, lum_warehouse_group_get_id (group), error);
  if (*out_warehouses == NULL)
    return NULL;
  *out_links = lum_warehouse_store_list_links (db, 0, integration_id, error);
  if (*out_links == NULL)
    {
      g_clear_object (out_warehouses);
      return NULL;
    }
  return g_steal_pointer (&group);
}

/**
 * lum_engine_choose_ship_from:
 * @config: the configuration the order was posted under
 * @integration: its OMS integration
 *
 * Where an order of @config ships from by the preference rule: the first
 * warehouse of its group, in the group's order of preference, that is
 * linked for @integration. lum_engine_choose_order_ship_from() applies the
 * group's own rule.
 */
LumShipFrom *
lum_engine_choose_ship_from (LumEngine       *self,
                             LumChannel      *config,
                             LumIntegration  *integration,
                             GError         **error)
{
  g_autoptr(LumWarehouseGroup) group = NULL;
  g_autoptr(GListStore) warehouses = NULL;
  g_autoptr(GListStore) links = NULL;

  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  group = load_group (self, config, lum_integration_get_id (integration), &warehouses, &links, error);
  if (group == NULL)
    return NULL;
  return lum_ship_from_choose (lum_warehouse_group_get_name (group), G_LIST_MODEL (warehouses),
                               G_LIST_MODEL (links), lum_integration_get_name (integration));
}

/* @order's lines and @integration's latest readings of their SKUs. */
static LumShipFromNeeds *
order_needs (LumEngine       *self,
             LumIntegration  *integration,
             LumDocument     *order,
             GError         **error)
{
  g_autoptr(LumShipFromNeeds) needs = lum_ship_from_needs_new ();
  GListModel *lines = lum_document_get_lines (order);
  g_autofree char *read_at = NULL;

  if (!lum_integration_kind_reports_stock (lum_integration_get_kind (integration)))
    return g_steal_pointer (&needs);
  read_at = lum_stock_store_read_at (lum_engine_get_db (self), lum_integration_get_id (integration));
  lum_ship_from_needs_set_read_whole (needs, read_at != NULL);
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(LumDocLine) line = g_list_model_get_item (lines, i);
      const char *sku = lum_doc_line_get_sku (line);
      g_autoptr(GPtrArray) levels = NULL;

      if (lum_str_empty (sku))
        continue;
      lum_ship_from_needs_add_line (needs, sku, lum_doc_line_get_quantity (line));
      if ((levels = lum_stock_store_list (lum_engine_get_db (self), sku, error)) == NULL)
        return NULL;
      for (guint l = 0; l < levels->len; l++)
        {
          LumStockLevel *level = g_ptr_array_index (levels, l);

          if (level->integration_id == lum_integration_get_id (integration))
            lum_ship_from_needs_add_reading (needs, level->warehouse_id, sku, level->available);
        }
    }
  return g_steal_pointer (&needs);
}

/**
 * lum_engine_choose_order_ship_from:
 * @config: the configuration @order was posted under
 * @integration: its OMS integration
 *
 * Where @order ships from by its group's rule: the preference rule as
 * lum_engine_choose_ship_from(), or the stock rule, which goes by the
 * latest stock @integration reported for @order's lines.
 */
LumShipFrom *
lum_engine_choose_order_ship_from (LumEngine       *self,
                                   LumChannel      *config,
                                   LumIntegration  *integration,
                                   LumDocument     *order,
                                   GError         **error)
{
  g_autoptr(LumWarehouseGroup) group = NULL;
  g_autoptr(GListStore) warehouses = NULL;
  g_autoptr(GListStore) links = NULL;
  g_autoptr(LumShipFromNeeds) needs = NULL;
  LumShipFromRule rule;

  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  g_return_val_if_fail (LUM_IS_DOCUMENT (order), NULL);
  group = load_group (self, config, lum_integration_get_id (integration), &warehouses, &links, error);
  if (group == NULL)
    return NULL;
  rule = lum_warehouse_group_get_ship_from_rule (group);
  if (rule == LUM_SHIP_FROM_RULE_STOCK && (needs = order_needs (self, integration, order, error)) == NULL)
    return NULL;
  return lum_ship_from_choose_by_rule (rule, lum_warehouse_group_get_name (group), G_LIST_MODEL (warehouses),
                                       G_LIST_MODEL (links), lum_integration_get_name (integration), needs);
}

/**
 * lum_engine_list_group_remote_warehouses:
 * @channel: a channel that pushes to an OMS
 *
 * Returns: (transfer full): the OMS's ids of the warehouses of @channel's
 *   group that are linked for its OMS integration, in the group's order;
 *   empty when none is
 */
GStrv
lum_engine_list_group_remote_warehouses (LumEngine   *self,
                                         LumChannel  *channel,
                                         GError     **error)
{
  g_autoptr(LumWarehouseGroup) group = NULL;
  g_autoptr(GListStore) warehouses = NULL;
  g_autoptr(GListStore) links = NULL;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  group = load_group (self, channel, lum_channel_get_oms_integration_id (channel), &warehouses, &links, error);
  if (group == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (warehouses)); i++)
    {
      g_autoptr(LumWarehouse) w = g_list_model_get_item (G_LIST_MODEL (warehouses), i);

      for (guint l = 0; l < g_list_model_get_n_items (G_LIST_MODEL (links)); l++)
        {
          g_autoptr(LumWarehouseLink) link = g_list_model_get_item (G_LIST_MODEL (links), l);

          if (lum_warehouse_link_get_warehouse_id (link) == lum_warehouse_get_id (w) &&
              *lum_warehouse_link_get_remote_id (link) != '\0')
            g_strv_builder_add (ids, lum_warehouse_link_get_remote_id (link));
        }
    }
  return g_strv_builder_end (ids);
}

gboolean
lum_engine_record_ship_from (LumEngine          *self,
                             gint64              order_id,
                             const LumShipFrom  *ship_from,
                             GError            **error)
{
  g_autofree char *json = NULL;
  g_autofree char *old = NULL;

  g_return_val_if_fail (LUM_IS_ENGINE (self), FALSE);
  json = lum_ship_from_to_json (ship_from);
  old = lum_warehouse_store_get_ship_from (lum_engine_get_db (self), order_id, NULL);
  /* each attempt chooses again; only a change is written */
  if (g_strcmp0 (old, json) == 0)
    return TRUE;
  return lum_warehouse_store_set_ship_from (lum_engine_get_db (self), order_id, json, error);
}

LumShipFrom *
lum_engine_get_ship_from (LumEngine  *self,
                          gint64      order_id,
                          GError    **error)
{
  g_autofree char *json = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  json = lum_warehouse_store_get_ship_from (lum_engine_get_db (self), order_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return json != NULL ? lum_ship_from_from_json (json, error) : NULL;
}

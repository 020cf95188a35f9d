/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "lum-channel-store.h"
#include "lum-setup-store.h"
#include "lum-store-version.h"
#include "lum-text.h"
#include "lum-util.h"
#include "model/lum-channel-json.h"
#include "lum-enum-types.h"

#define CHANNEL_COLUMNS \
  "SELECT c.id, c.name, c.warehouse_group_id, g.name, c.internal, c.description," \
  " c.push_to_oms, c.oms_integration_id, oi.name, c.oms_store_id, c.oms_store_name," \
  " c.push_delay_minutes, c.push_fulfillment_updates, c.order_flow, c.invoice_type_id," \
  " it.name, c.invoice_timing, c.accounting_integration_id, ai.name, c.archived, c.version, c.when_short" \
  " FROM channel c" \
  " JOIN warehouse_group g ON g.id = c.warehouse_group_id" \
  " JOIN invoice_type it ON it.id = c.invoice_type_id" \
  " LEFT JOIN integration oi ON oi.id = c.oms_integration_id" \
  " LEFT JOIN integration ai ON ai.id = c.accounting_integration_id "

static gboolean
load_tags_and_mappings (LumDb       *db,
                        LumChannel  *channel,
                        GError     **error)
{
  LumStmt *tags = lum_db_prepare (db, "SELECT tag FROM channel_tag WHERE channel_id = ? ORDER BY position", error);
  LumStmt *maps = lum_db_prepare (db,
                                  "SELECT lumen_field, remote_field FROM field_mapping"
                                  " WHERE channel_id = ? ORDER BY position", error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  if (tags == NULL || maps == NULL)
    return FALSE;

  lum_stmt_bind_int64 (tags, 1, lum_channel_get_id (channel));
  while (lum_stmt_step (tags, NULL) == LUM_STMT_ROW)
    g_strv_builder_add (builder, lum_db_column_text (tags, 0));
  lum_stmt_reset (tags);
  strv = g_strv_builder_end (builder);
  lum_channel_set_tags (channel, (const char * const *)strv);

  lum_channel_clear_mappings (channel);
  lum_stmt_bind_int64 (maps, 1, lum_channel_get_id (channel));
  while (lum_stmt_step (maps, NULL) == LUM_STMT_ROW)
    lum_channel_add_mapping (channel, lum_db_column_text (maps, 0), lum_db_column_text (maps, 1));
  lum_stmt_reset (maps);

  return TRUE;
}

static LumChannel *
channel_from_row (LumStmt *stmt)
{
  LumChannel *channel = lum_channel_new ();
  int flow = LUM_ORDER_FLOW_SO_FIRST;
  int timing = LUM_INVOICE_TIMING_NONE;
  int when_short = LUM_WHEN_SHORT_HOLD;

  lum_enum_from_nick (LUM_TYPE_ORDER_FLOW, lum_db_column_text (stmt, 13), &flow);
  lum_enum_from_nick (LUM_TYPE_WHEN_SHORT, lum_db_column_text (stmt, 21), &when_short);
  if (!lum_stmt_column_is_null (stmt, 16))
    lum_enum_from_nick (LUM_TYPE_INVOICE_TIMING, lum_db_column_text (stmt, 16), &timing);

  g_object_set (channel,
                "id", lum_stmt_column_int64 (stmt, 0),
                "name", lum_db_column_text (stmt, 1),
                "warehouse-group-id", lum_stmt_column_int64 (stmt, 2),
                "warehouse-group-name", lum_db_column_text (stmt, 3),
                "internal", lum_stmt_column_int (stmt, 4) != 0,
                "description", lum_db_column_text (stmt, 5),
                "push-to-oms", lum_stmt_column_int (stmt, 6) != 0,
                "oms-integration-id", lum_stmt_column_int64 (stmt, 7),
                "oms-integration-name", lum_stmt_column_text (stmt, 8),
                "oms-store-id", lum_stmt_column_text (stmt, 9),
                "oms-store-name", lum_stmt_column_text (stmt, 10),
                "push-delay-minutes", lum_stmt_column_is_null (stmt, 11)
                                        ? LUM_PUSH_DELAY_IMMEDIATE
                                        : lum_stmt_column_int (stmt, 11),
                "push-fulfillment-updates", lum_stmt_column_int (stmt, 12) != 0,
                "order-flow", flow,
                "invoice-type-id", lum_stmt_column_int64 (stmt, 14),
                "invoice-type-name", lum_db_column_text (stmt, 15),
                "invoice-timing", timing,
                "accounting-integration-id", lum_stmt_column_int64 (stmt, 17),
                "accounting-integration-name", lum_stmt_column_text (stmt, 18),
                "archived", lum_stmt_column_int (stmt, 19) != 0,
                "when-short", when_short,
                NULL);
  lum_channel_set_version (channel, lum_stmt_column_int64 (stmt, 20));
  return channel;
}

GListStore *
lum_channel_store_list (LumDb     *db,
                        gboolean   include_archived,
                        GError   **error)
{
  g_autoptr(GListStore) list = g_list_store_new (LUM_TYPE_CHANNEL);
  LumStmt *stmt = lum_db_prepare (db,
                                       CHANNEL_COLUMNS
                                       "WHERE c.archived = 0 OR ? <> 0 ORDER BY c.name_key", error);
  guint n;
  int rc;

  if (stmt == NULL)
    return NULL;

  lum_stmt_bind_int (stmt, 1, include_archived ? 1 : 0);
  while ((rc = lum_stmt_step (stmt, NULL)) == LUM_STMT_ROW)
    {
      g_autoptr(LumChannel) channel = channel_from_row (stmt);
      g_list_store_append (list, channel);
    }
  lum_stmt_reset (stmt);
  if (rc != LUM_STMT_DONE)
    {
      lum_db_set_error (db, error);
      return NULL;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LumChannel) channel = g_list_model_get_item (G_LIST_MODEL (list), i);
      if (!load_tags_and_mappings (db, channel, error))
        return NULL;
    }

  return g_steal_pointer (&list);
}

LumChannel *
lum_channel_store_get (LumDb   *db,
                       gint64   id,
                       GError **error)
{
  LumStmt *stmt = lum_db_prepare (db, CHANNEL_COLUMNS "WHERE c.id = ?", error);
  g_autoptr(LumChannel) channel = NULL;

  if (stmt == NULL)
    return NULL;
  lum_stmt_bind_int64 (stmt, 1, id);
  if (lum_stmt_step (stmt, NULL) == LUM_STMT_ROW)
    channel = channel_from_row (stmt);
  lum_stmt_reset (stmt);

  if (channel == NULL)
    {
      g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND,
                   _("Channel %" PRId64 " does not exist"), id);
      return NULL;
    }
  if (!load_tags_and_mappings (db, channel, error))
    return NULL;
  return g_steal_pointer (&channel);
}

gint64
lum_channel_store_id_by_name (LumDb       *db,
                              const char  *name,
                              GError     **error)
{
  g_autofree char *key = lum_name_key (name);
  LumStmt *stmt = lum_db_prepare (db, "SELECT id FROM channel WHERE name_key = ?", error);
  gint64 id = 0;

  if (stmt == NULL)
    return -1;
  lum_stmt_bind_text (stmt, 1, key);
  if (lum_stmt_step (stmt, NULL) == LUM_STMT_ROW)
    id = lum_stmt_column_int64 (stmt, 0);
  lum_stmt_reset (stmt);
  return id;
}

LumChannel *
lum_channel_store_find (LumDb       *db,
                        const char  *name_or_id,
                        GError     **error)
{
  gint64 id = lum_channel_store_id_by_name (db, name_or_id, error);

  if (id < 0)
    return NULL;
  if (id == 0 && !lum_setup_store_parse_id (name_or_id, &id))
    {
      g_autofree char *shown = lum_text_shown (name_or_id);
      g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND,
                   _("Channel “%s” does not exist"), shown);
      return NULL;
    }
  return lum_channel_store_get (db, id, error);
}

static gboolean
save_tags_and_mappings (LumDb       *db,
                        LumChannel  *channel,
                        GError     **error)
{
  gint64 id = lum_channel_get_id (channel);
  const char * const *tags = lum_channel_get_tags (channel);
  GListModel *mappings = lum_channel_get_mappings (channel);
  LumStmt *del_tags = lum_db_prepare (db, "DELETE FROM channel_tag WHERE channel_id = ?", error);
  LumStmt *del_maps = lum_db_prepare (db, "DELETE FROM field_mapping WHERE channel_id = ?", error);
  LumStmt *ins_tag = lum_db_prepare (db, "INSERT INTO channel_tag (channel_id, position, tag) VALUES (?, ?, ?)", error);
  LumStmt *ins_map = lum_db_prepare (db,
                                     "INSERT INTO field_mapping (channel_id, position, lumen_field, remote_field)"
                                     " VALUES (?, ?, ?, ?)", error);

  if (del_tags == NULL || del_maps == NULL || ins_tag == NULL || ins_map == NULL)
    return FALSE;

  lum_stmt_bind_int64 (del_tags, 1, id);
  lum_stmt_bind_int64 (del_maps, 1, id);
  if (!lum_db_step_done (db, del_tags, error) || !lum_db_step_done (db, del_maps, error))
    return FALSE;

  for (guint i = 0; tags && tags[i]; i++)
    {
      lum_stmt_bind_int64 (ins_tag, 1, id);
      lum_stmt_bind_int (ins_tag, 2, i);
      lum_stmt_bind_text (ins_tag, 3, tags[i]);
      if (!lum_db_step_done (db, ins_tag, error))
        return FALSE;
    }

  for (guint i = 0; i < g_list_model_get_n_items (mappings); i++)
    {
      g_autoptr(LumFieldMapping) m = g_list_model_get_item (mappings, i);

      lum_stmt_bind_int64 (ins_map, 1, id);
      lum_stmt_bind_int (ins_map, 2, i);
      lum_stmt_bind_text (ins_map, 3, lum_field_mapping_get_lumen_field (m));
      lum_stmt_bind_text (ins_map, 4, lum_field_mapping_get_remote_field (m));
      if (!lum_db_step_done (db, ins_map, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * lum_channel_store_save:
 *
 * Writes a channel that the rules have accepted (lum-channel-rules.h):
 * inserts when its id is 0 and sets the new id, updates otherwise, refused
 * with %LUM_STORE_ERROR_CHANGED when the channel was saved since its
 * version was read (lum-store-version.h). Runs inside the caller's
 * transaction.
 */
gboolean
lum_channel_store_save (LumDb       *db,
                        LumChannel  *channel,
                        const char  *now,
                        GError     **error)
{
  g_autofree char *key = lum_name_key (lum_channel_get_name (channel));
  gint64 id = lum_channel_get_id (channel);
  gboolean push = lum_channel_get_push_to_oms (channel);
  int delay = lum_channel_get_push_delay_minutes (channel);
  LumInvoiceTiming timing = lum_channel_get_invoice_timing (channel);
  LumStmt *stmt;

  if (id != 0)
    {
      g_autofree char *label = g_strdup_printf (_("Channel “%s”"), lum_channel_get_name (channel));
      gint64 version = 0;

      if (!lum_store_version_claim (db, LUM_VERSIONED_CHANNEL, id, lum_channel_get_version (channel),
                                    label, now, &version, error))
        return FALSE;
      lum_channel_set_version (channel, version);
    }

  if (id == 0)
    stmt = lum_db_prepare (db,
                           "INSERT INTO channel (name, name_key, warehouse_group_id, internal, description,"
                           " push_to_oms, oms_integration_id, oms_store_id, oms_store_name, push_delay_minutes,"
                           " push_fulfillment_updates, order_flow, invoice_type_id, invoice_timing,"
                           " accounting_integration_id, archived, created_at, updated_at)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17)",
                           error);
  else
    stmt = lum_db_prepare (db,
                           "UPDATE channel SET name = ?1, name_key = ?2, warehouse_group_id = ?3, internal = ?4,"
                           " description = ?5, push_to_oms = ?6, oms_integration_id = ?7, oms_store_id = ?8,"
                           " oms_store_name = ?9, push_delay_minutes = ?10, push_fulfillment_updates = ?11,"
                           " order_flow = ?12, invoice_type_id = ?13, invoice_timing = ?14,"
                           " accounting_integration_id = ?15, archived = ?16, updated_at = ?17 WHERE id = ?18",
                           error);
  if (stmt == NULL)
    return FALSE;

  lum_stmt_bind_text (stmt, 1, lum_channel_get_name (channel));
  lum_stmt_bind_text (stmt, 2, key);
  lum_stmt_bind_int64 (stmt, 3, lum_channel_get_warehouse_group_id (channel));
  lum_stmt_bind_int (stmt, 4, lum_channel_get_internal (channel));
  lum_stmt_bind_text (stmt, 5, lum_channel_get_description (channel));
  lum_stmt_bind_int (stmt, 6, push);
  lum_db_bind_id_or_null (stmt, 7, push ? lum_channel_get_oms_integration_id (channel) : 0);
  lum_db_bind_text_or_null (stmt, 8, push ? lum_channel_get_oms_store_id (channel) : NULL);
  lum_db_bind_text_or_null (stmt, 9, push ? lum_channel_get_oms_store_name (channel) : NULL);
  if (delay == LUM_PUSH_DELAY_IMMEDIATE)
    lum_stmt_bind_null (stmt, 10);
  else
    lum_stmt_bind_int (stmt, 10, delay);
  lum_stmt_bind_int (stmt, 11, lum_channel_get_push_fulfillment_updates (channel));
  lum_stmt_bind_static_text (stmt, 12, lum_enum_to_nick (LUM_TYPE_ORDER_FLOW, lum_channel_get_order_flow (channel)));
  lum_stmt_bind_int64 (stmt, 13, lum_channel_get_invoice_type_id (channel));
  lum_db_bind_text_or_null (stmt, 14, timing == LUM_INVOICE_TIMING_NONE
                                      ? NULL
                                      : lum_enum_to_nick (LUM_TYPE_INVOICE_TIMING, timing));
  lum_db_bind_id_or_null (stmt, 15, lum_channel_get_accounting_integration_id (channel));
  lum_stmt_bind_int (stmt, 16, lum_channel_get_archived (channel));
  lum_stmt_bind_text (stmt, 17, now);
  if (id != 0)
    lum_stmt_bind_int64 (stmt, 18, id);

  if (!lum_db_step_done (db, stmt, error))
    return FALSE;

  if (id == 0)
    {
      lum_channel_set_id (channel, lum_db_last_insert_id (db));
      lum_channel_set_version (channel, 1);
    }
  else if (lum_db_changes (db) != 1)
    {
      g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND,
                   _("Channel %" PRId64 " does not exist"), id);
      return FALSE;
    }

  if (!save_tags_and_mappings (db, channel, error))
    return FALSE;

  /* what the channel does when no warehouse has every line */
  {
    LumStmt *set = lum_db_prepare (db, "UPDATE channel SET when_short = ? WHERE id = ?", error);

    if (set == NULL)
      return FALSE;
    lum_stmt_bind_static_text (set, 1, lum_enum_to_nick (LUM_TYPE_WHEN_SHORT, lum_channel_get_when_short (channel)));
    lum_stmt_bind_int64 (set, 2, lum_channel_get_id (channel));
    if (!lum_db_step_done (db, set, error))
      return FALSE;
  }

  /* what documents posted from now on keep; built once here, not per post */
  {
    g_autofree char *config = lum_channel_to_config (channel);
    LumStmt *set = lum_db_prepare (db, "UPDATE channel SET config = ? WHERE id = ?", error);

    if (set == NULL)
      return FALSE;
    lum_stmt_bind_text (set, 1, config);
    lum_stmt_bind_int64 (set, 2, lum_channel_get_id (channel));
    return lum_db_step_done (db, set, error);
  }
}

/* The posting configuration saved with the channel, or %NULL for a channel
 * saved before it was kept. */
char *
lum_channel_store_get_config (LumDb  *db,
                              gint64  id)
{
  LumStmt *stmt = lum_db_prepare (db, "SELECT config FROM channel WHERE id = ?", NULL);
  char *config = NULL;

  if (stmt == NULL)
    return NULL;
  lum_stmt_bind_int64 (stmt, 1, id);
  if (lum_stmt_step (stmt, NULL) == LUM_STMT_ROW)
    config = lum_db_column_dup_text (stmt, 0);
  lum_stmt_reset (stmt);
  return config;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lumctl"

#include "config.h"

#include <glib/gi18n.h>

#include "lumctl.h"
#include "lum-engine-setup.h"
#include "lum-engine-stock.h"
#include "lum-engine-warehouses.h"
#include "lum-util.h"
#include "sync/lum-sync-service.h"

/*
 * `lumenctl product stock SKU [--refresh]`: the SKU's stock at each OMS
 * integration and warehouse, as last read (on the poll's schedule, or now
 * with --refresh), with the time it was read. An OMS whose API reports no
 * stock says so instead of a zero. With --channel, only what that
 * channel's orders can ship from: the warehouses of its group linked for
 * its OMS, and their sum.
 */

static const char *
not_reported_text (LumIntegration *integration)
{
  if (lum_integration_get_kind (integration) == LUM_INTEGRATION_KIND_SHIPSTATION)
    return _("ShipStation API V1 does not report stock");
  return _("This OMS does not report stock");
}

/* Reads @sku at every integration that reports stock; prints each one
 * that could not be read. Returns whether all were read. */
static gboolean
refresh (LumEngine  *engine,
         const char *sku,
         GError    **error)
{
  g_autoptr(LumSyncService) service = lum_sync_service_new (engine);
  LumStockReader *reader = lum_sync_service_get_stock_reader (service);
  g_auto(LumctlLoop) loop = { 0, };
  g_auto(GStrv) failures = NULL;

  lumctl_loop_init (&loop);
  lum_stock_reader_read_async (reader, sku, loop.cancellable, lumctl_loop_result_cb, &loop);
  if (!lum_stock_reader_read_finish (reader, lumctl_loop_wait (&loop), NULL, &failures, error))
    return FALSE;
  for (guint i = 0; failures[i] != NULL; i++)
    lumctl_printerr (_("lumenctl: could not read the stock of %s\n"), failures[i]);
  if (failures[0] != NULL)
    {
      g_set_error (error, LUMCTL_ERROR, LUMCTL_ERROR_VALUE,
                   g_dngettext (GETTEXT_PACKAGE, "The stock of %u integration could not be read; its last reading stays",
                                "The stock of %u integrations could not be read; their last readings stay",
                                g_strv_length (failures)),
                   g_strv_length (failures));
      return FALSE;
    }
  return TRUE;
}

static JsonNode *
row_to_json (LumIntegration *integration,
             LumStockLevel  *level,
             const char     *read_at,
             const char     *note)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "integration_id");
  json_builder_add_int_value (b, lum_integration_get_id (integration));
  json_builder_set_member_name (b, "integration");
  json_builder_add_string_value (b, lum_integration_get_name (integration));
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, lum_integration_get_kind_nick (integration));
  json_builder_set_member_name (b, "reported");
  json_builder_add_boolean_value (b, note == NULL || read_at != NULL);
  json_builder_set_member_name (b, "warehouse_id");
  if (level != NULL)
    json_builder_add_string_value (b, level->warehouse_id);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "available");
  if (level != NULL || read_at != NULL)
    json_builder_add_int_value (b, level != NULL ? level->available : 0);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "read_at");
  if (read_at != NULL)
    json_builder_add_string_value (b, read_at);
  else
    json_builder_add_null_value (b);
  if (note != NULL)
    {
      json_builder_set_member_name (b, "note");
      json_builder_add_string_value (b, note);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* The Lumen warehouse linked to the OMS's @remote_id, or %NULL. */
static LumWarehouseLink *
find_link (GListModel *links,
           const char *remote_id)
{
  for (guint i = 0; links != NULL && i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(LumWarehouseLink) link = g_list_model_get_item (links, i);

      if (g_strcmp0 (lum_warehouse_link_get_remote_id (link), remote_id) == 0)
        return g_steal_pointer (&link);
    }
  return NULL;
}

static JsonNode *
group_to_json (LumChannel      *channel,
               LumAvailability *availability,
               GPtrArray       *levels,
               GListModel      *links,
               const char      *note)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  gboolean counted = availability->report == LUM_STOCK_READ;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "channel");
  json_builder_add_string_value (b, lum_channel_get_name (channel));
  json_builder_set_member_name (b, "warehouse_group");
  json_builder_add_string_value (b, lum_channel_get_warehouse_group_name (channel));
  json_builder_set_member_name (b, "integration");
  if (lum_channel_get_oms_integration_name (channel) != NULL)
    json_builder_add_string_value (b, lum_channel_get_oms_integration_name (channel));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "linked");
  json_builder_add_boolean_value (b, availability->report != LUM_STOCK_NO_LINK);
  json_builder_set_member_name (b, "available");
  if (counted)
    json_builder_add_int_value (b, availability->available);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "read_at");
  if (availability->read_at != NULL)
    json_builder_add_string_value (b, availability->read_at);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "warehouses");
  json_builder_begin_array (b);
  for (guint i = 0; i < levels->len; i++)
    {
      LumStockLevel *level = g_ptr_array_index (levels, i);
      g_autoptr(LumWarehouseLink) link = find_link (links, level->warehouse_id);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "warehouse_code");
      json_builder_add_string_value (b, link ? lum_warehouse_link_get_warehouse_code (link) : "");
      json_builder_set_member_name (b, "warehouse_id");
      json_builder_add_string_value (b, level->warehouse_id);
      json_builder_set_member_name (b, "available");
      json_builder_add_int_value (b, level->available);
      json_builder_set_member_name (b, "read_at");
      json_builder_add_string_value (b, level->read_at ? level->read_at : "");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (note != NULL)
    {
      json_builder_set_member_name (b, "note");
      json_builder_add_string_value (b, note);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* `--channel NAME`: the SKU's stock in the channel's group only. */
static int
channel_stock (LumctlGlobal *global,
               LumEngine    *engine,
               const char   *channel_name,
               const char   *sku,
               GPtrArray    *levels)
{
  g_autoptr(LumChannel) channel = NULL;
  g_auto(LumAvailability) availability = { 0, };
  g_autoptr(GPtrArray) counted = g_ptr_array_new ();
  g_autoptr(LumctlTable) table = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *note = NULL;
  g_autofree char *total = NULL;
  g_autofree char *total_label = NULL;
  g_autofree char *read_local = NULL;
  g_auto(GStrv) ids = NULL;
  g_autoptr(GListStore) links = NULL;
  g_autoptr(GError) error = NULL;

  if ((channel = lum_engine_find_channel (engine, channel_name, &error)) == NULL ||
      !lum_engine_group_availability (engine, channel, sku, &availability, &error))
    return lumctl_fail (error);
  if (availability.report == LUM_STOCK_READ &&
      (ids = lum_engine_list_group_remote_warehouses (engine, channel, &error)) == NULL)
    return lumctl_fail (error);
  links = lum_engine_list_warehouse_links (engine, 0, lum_channel_get_oms_integration_id (channel), &error);
  if (links == NULL)
    return lumctl_fail (error);
  for (guint i = 0; ids != NULL && i < levels->len; i++)
    {
      LumStockLevel *level = g_ptr_array_index (levels, i);

      if (level->integration_id == lum_channel_get_oms_integration_id (channel) &&
          g_strv_contains ((const char * const *)ids, level->warehouse_id))
        g_ptr_array_add (counted, level);
    }
  switch (availability.report)
    {
    case LUM_STOCK_NO_LINK:
      note = lum_engine_no_link_text (channel);
      break;
    case LUM_STOCK_NOT_REPORTED:
      note = g_strdup (lum_channel_get_oms_integration_id (channel) > 0
                       ? _("The channel’s OMS does not report stock")
                       : _("The channel pushes to no OMS"));
      break;
    case LUM_STOCK_NOT_READ:
      note = g_strdup (_("Not read yet"));
      break;
    case LUM_STOCK_READ:
    default:
      break;
    }
  if (global->json)
    {
      node = group_to_json (channel, &availability, counted, G_LIST_MODEL (links), note);
      lumctl_print_json (node);
      return LUMCTL_EXIT_OK;
    }
  if (note != NULL)
    {
      lumctl_print ("%s\n", note);
      return LUMCTL_EXIT_OK;
    }
  table = lumctl_table_new (3, _("Warehouse"), _("Available"), _("Read at"));
  for (guint i = 0; i < counted->len; i++)
    {
      LumStockLevel *level = g_ptr_array_index (counted, i);
      g_autofree char *available = g_strdup_printf ("%" G_GINT64_FORMAT, level->available);
      g_autofree char *level_local = lum_time_format_local (level->read_at);
      g_autoptr(LumWarehouseLink) link = find_link (G_LIST_MODEL (links), level->warehouse_id);
      /* Translators: a warehouse of Lumen's and, in brackets, the OMS's id of its own */
      g_autofree char *name = g_strdup_printf (_("%s (%s)"), link ? lum_warehouse_link_get_warehouse_name (link) : "",
                                               level->warehouse_id);

      lumctl_table_add_row (table, name, available, level_local);
    }
  total = g_strdup_printf ("%" G_GINT64_FORMAT, availability.available);
  /* Translators: the last row of `product stock --channel`: the sum over the group's linked warehouses */
  total_label = g_strdup_printf (_("In group %s"), lum_channel_get_warehouse_group_name (channel));
  read_local = availability.read_at ? lum_time_format_local (availability.read_at) : g_strdup ("");
  lumctl_table_add_row (table, total_label, total, read_local);
  lumctl_table_print (table);
  return LUMCTL_EXIT_OK;
}

int
lumctl_product_stock (LumctlGlobal  *global,
                      char         **args)
{
  gboolean refresh_now = FALSE;
  g_autofree char *channel_name = NULL;
  const GOptionEntry entries[] = {
    { "channel", 0, 0, G_OPTION_ARG_STRING, &channel_name,
      N_("Only the warehouses of this channel’s group linked to its OMS, and their sum"), N_("CHANNEL") },
    { "refresh", 0, 0, G_OPTION_ARG_NONE, &refresh_now,
      N_("Read the stock from the OMS now instead of showing the last reading"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = lumctl_option_context_new (global, N_("SKU"),
                                                                  N_("Show a SKU’s stock at each OMS and warehouse."),
                                                                  entries);
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(GListStore) integrations = NULL;
  g_autoptr(GPtrArray) levels = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) refresh_error = NULL;
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify)json_node_unref);
  g_autoptr(LumctlTable) table = NULL;
  g_autofree char *sku = NULL;
  guint n_oms = 0;
  int status;

  if ((status = lumctl_parse (global, context, &args, 1, 1)) != LUMCTL_EXIT_OK)
    return status;
  sku = lum_strip_dup (args[1]);
  if (lum_str_empty (sku))
    return lumctl_usage_error (global, _("The SKU is empty"));
  if ((engine = lumctl_open_engine (global, &error)) == NULL)
    return lumctl_fail (error);
  if (refresh_now && !refresh (engine, sku, &refresh_error) &&
      g_error_matches (refresh_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return lumctl_fail (refresh_error);
  if ((integrations = lum_engine_list_integrations (engine, &error)) == NULL ||
      (levels = lum_engine_list_stock (engine, sku, &error)) == NULL)
    return lumctl_fail (error);
  if (channel_name != NULL)
    {
      status = channel_stock (global, engine, channel_name, sku, levels);
      if (status == LUMCTL_EXIT_OK && refresh_error != NULL)
        return lumctl_fail (refresh_error);
      return status;
    }

  table = lumctl_table_new (4, _("Integration"), _("Warehouse"), _("Available"), _("Read at"));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (integrations)); i++)
    {
      g_autoptr(LumIntegration) integration = g_list_model_get_item (G_LIST_MODEL (integrations), i);
      gint64 id = lum_integration_get_id (integration);
      g_autofree char *read_at = NULL;
      g_autofree char *read_local = NULL;
      guint n_rows = 0;

      if (!lum_integration_is_oms (integration))
        continue;
      n_oms++;
      if (!lum_integration_kind_reports_stock (lum_integration_get_kind (integration)))
        {
          g_ptr_array_add (nodes, row_to_json (integration, NULL, NULL, not_reported_text (integration)));
          lumctl_table_add_row (table, lum_integration_get_name (integration), "—",
                                not_reported_text (integration), "");
          continue;
        }
      for (guint l = 0; l < levels->len; l++)
        {
          LumStockLevel *level = g_ptr_array_index (levels, l);
          g_autofree char *available = NULL;
          g_autofree char *level_local = NULL;

          if (level->integration_id != id)
            continue;
          n_rows++;
          available = g_strdup_printf ("%" G_GINT64_FORMAT, level->available);
          level_local = lum_time_format_local (level->read_at);
          g_ptr_array_add (nodes, row_to_json (integration, level, level->read_at, NULL));
          lumctl_table_add_row (table, lum_integration_get_name (integration), level->warehouse_id, available,
                                level_local);
        }
      if (n_rows > 0)
        continue;
      /* read whole, and the SKU was not among it: none */
      read_at = lum_engine_stock_read_at (engine, id);
      read_local = read_at ? lum_time_format_local (read_at) : NULL;
      g_ptr_array_add (nodes, row_to_json (integration, NULL, read_at,
                                           read_at ? _("None in any warehouse") : _("Not read yet")));
      lumctl_table_add_row (table, lum_integration_get_name (integration), "—",
                            read_at ? "0" : _("not read yet"), read_local ? read_local : "");
    }

  if (global->json)
    lumctl_print_json_array (nodes);
  else if (n_oms == 0)
    lumctl_print ("%s\n", _("No OMS integration: stock is read from ShipStation API V2 or Extensiv."));
  else
    lumctl_table_print (table);
  if (refresh_error != NULL)
    return lumctl_fail (refresh_error);
  return LUMCTL_EXIT_OK;
}

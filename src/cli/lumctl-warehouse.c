/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "lumctl.h"
#include "lumctl-integration.h"
#include "lum-engine-setup.h"
#include "lum-engine-warehouses.h"
#include "lum-enum-types.h"
#include "lum-util.h"
#include "sync/lum-sync-remote.h"

/* `lumenctl warehouse`: the warehouses and their links to each OMS's own,
 * chosen from the OMS's list read live; `warehouse-group members` and
 * `rename`. */

static JsonNode *
link_to_json (LumWarehouseLink *link)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "integration");
  json_builder_add_string_value (b, lum_warehouse_link_get_integration_name (link));
  json_builder_set_member_name (b, "remote_id");
  json_builder_add_string_value (b, lum_warehouse_link_get_remote_id (link));
  json_builder_set_member_name (b, "remote_name");
  json_builder_add_string_value (b, lum_warehouse_link_get_remote_name (link));
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* "ShipStation: 1002 (East Warehouse), Extensiv: 2 (East Facility)" */
static char *
dup_links_text (GListModel *links)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(LumWarehouseLink) link = g_list_model_get_item (links, i);

      g_string_append_printf (text, "%s%s: %s", i > 0 ? ", " : "", lum_warehouse_link_get_integration_name (link),
                              lum_warehouse_link_get_remote_id (link));
      if (*lum_warehouse_link_get_remote_name (link) != '\0')
        g_string_append_printf (text, " (%s)", lum_warehouse_link_get_remote_name (link));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static int
warehouse_list (LumctlGlobal  *global,
                char         **args)
{
  g_autoptr(GOptionContext) context = lumctl_option_context_new (global, "",
                                                                 N_("List the warehouses and their links to the "
                                                                    "warehouses of each OMS integration."),
                                                                 NULL);
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(GListStore) warehouses = NULL;
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify)json_node_unref);
  g_autoptr(LumctlTable) table = lumctl_table_new (3, _("Code"), _("Name"), _("Links"));
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = lumctl_parse (global, context, &args, 0, 0)) != LUMCTL_EXIT_OK)
    return status;
  if ((engine = lumctl_open_engine (global, &error)) == NULL ||
      (warehouses = lum_engine_list_warehouses (engine, 0, &error)) == NULL)
    return lumctl_fail (error);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (warehouses)); i++)
    {
      g_autoptr(LumWarehouse) w = g_list_model_get_item (G_LIST_MODEL (warehouses), i);
      g_autoptr(GListStore) links = lum_engine_list_warehouse_links (engine, lum_warehouse_get_id (w), 0, &error);
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autofree char *text = NULL;

      if (links == NULL)
        return lumctl_fail (error);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "code");
      json_builder_add_string_value (b, lum_warehouse_get_code (w));
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, lum_warehouse_get_name (w));
      json_builder_set_member_name (b, "links");
      json_builder_begin_array (b);
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (links)); j++)
        {
          g_autoptr(LumWarehouseLink) link = g_list_model_get_item (G_LIST_MODEL (links), j);
          json_builder_add_value (b, link_to_json (link));
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      g_ptr_array_add (nodes, json_builder_get_root (b));
      text = dup_links_text (G_LIST_MODEL (links));
      lumctl_table_add_row (table, lum_warehouse_get_code (w), lum_warehouse_get_name (w), text);
    }
  if (global->json)
    lumctl_print_json_array (nodes);
  else
    lumctl_table_print (table);
  return LUMCTL_EXIT_OK;
}

/* The OMS's own warehouses, live. */
static GListStore *
fetch_remote (LumEngine       *engine,
              LumIntegration  *integration,
              LumctlLoop      *loop,
              GError         **error)
{
  g_autoptr(LumSyncService) service = lum_sync_service_new (engine);

  if (!lum_integration_is_oms (integration))
    {
      g_set_error (error, LUMCTL_ERROR, LUMCTL_ERROR_VALUE,
                   _("Integration “%s” is a %s integration: it has no warehouses"),
                   lum_integration_get_name (integration),
                   lum_integration_kind_to_label (lum_integration_get_kind (integration)));
      return NULL;
    }
  lum_sync_service_fetch_warehouses_async (service, integration, loop->cancellable, lumctl_loop_result_cb, loop);
  return lum_sync_service_fetch_warehouses_finish (service, lumctl_loop_wait (loop), error);
}

static int
fail_remote (LumctlLoop   *loop,
             const GError *error)
{
  if (loop->interrupted || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return lumctl_fail_printf (_("%s was interrupted"), _("Listing the warehouses"));
  return lumctl_fail (error);
}

static int
warehouse_remote (LumctlGlobal  *global,
                  char         **args)
{
  g_autoptr(GOptionContext) context = lumctl_option_context_new (global, N_("INTEGRATION"),
                                                                 N_("List the warehouses of a ShipStation "
                                                                    "integration, or the facilities of an Extensiv "
                                                                    "3PL one, live from the service."),
                                                                 NULL);
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(LumIntegration) integration = NULL;
  g_autoptr(GListStore) remote = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(LumctlLoop) loop = { 0, };
  int status;

  lumctl_loop_init (&loop);
  if ((status = lumctl_parse (global, context, &args, 1, 1)) != LUMCTL_EXIT_OK)
    return status;
  if ((engine = lumctl_open_engine (global, &error)) == NULL ||
      (integration = lumctl_find_integration (engine, args[1], &error)) == NULL)
    return lumctl_fail (error);
  if ((remote = fetch_remote (engine, integration, &loop, &error)) == NULL)
    return fail_remote (&loop, error);

  if (global->json)
    {
      g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify)json_node_unref);

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (remote)); i++)
        {
          g_autoptr(LumRemoteStore) item = g_list_model_get_item (G_LIST_MODEL (remote), i);
          g_autoptr(JsonBuilder) b = json_builder_new ();

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_string_value (b, lum_remote_store_get_remote_id (item));
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, lum_remote_store_get_name (item));
          json_builder_end_object (b);
          g_ptr_array_add (nodes, json_builder_get_root (b));
        }
      lumctl_print_json_array (nodes);
    }
  else if (g_list_model_get_n_items (G_LIST_MODEL (remote)) == 0)
    lumctl_print ("%s\n", _("No warehouses."));
  else
    {
      g_autoptr(LumctlTable) table = lumctl_table_new (2, _("Warehouse"), _("Name"));

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (remote)); i++)
        {
          g_autoptr(LumRemoteStore) item = g_list_model_get_item (G_LIST_MODEL (remote), i);
          lumctl_table_add_row (table, lum_remote_store_get_remote_id (item), lum_remote_store_get_name (item));
        }
      lumctl_table_print (table);
    }
  return LUMCTL_EXIT_OK;
}

static int
warehouse_link (LumctlGlobal  *global,
                char         **args)
{
  g_autoptr(GOptionContext) context = lumctl_option_context_new (global, N_("CODE INTEGRATION REMOTE-ID"),
                                                                 N_("Link a warehouse to one of the OMS’s own "
                                                                    "warehouses (Extensiv: facilities), as "
                                                                    "`warehouse remote` lists them; an order of a "
                                                                    "channel of its group then ships from it."),
                                                                 NULL);
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(LumIntegration) integration = NULL;
  g_autoptr(GListStore) remote = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(LumctlLoop) loop = { 0, };
  const char *name = NULL;
  int status;

  lumctl_loop_init (&loop);
  if ((status = lumctl_parse (global, context, &args, 3, 3)) != LUMCTL_EXIT_OK)
    return status;
  if ((engine = lumctl_open_engine (global, &error)) == NULL ||
      (integration = lumctl_find_integration (engine, args[2], &error)) == NULL)
    return lumctl_fail (error);
  /* only an id the OMS lists: it would refuse an order naming another */
  if ((remote = fetch_remote (engine, integration, &loop, &error)) == NULL)
    return fail_remote (&loop, error);
  for (guint i = 0; name == NULL && i < g_list_model_get_n_items (G_LIST_MODEL (remote)); i++)
    {
      g_autoptr(LumRemoteStore) item = g_list_model_get_item (G_LIST_MODEL (remote), i);

      if (g_strcmp0 (lum_remote_store_get_remote_id (item), args[3]) == 0)
        name = g_intern_string (lum_remote_store_get_name (item));
    }
  if (name == NULL)
    return lumctl_fail_printf (_("Warehouse “%s” is not among the warehouses of “%s”; "
                                 "`lumenctl warehouse remote %s` lists them"),
                               args[3], lum_integration_get_name (integration), lum_integration_get_name (integration));
  if (!lum_engine_link_warehouse (engine, args[1], integration, args[3], name, &error))
    return lumctl_fail (error);
  if (!global->json)
    lumctl_print (_("Warehouse %s ships from %s “%s” (%s) at %s.\n"), args[1],
                  lum_integration_kind_to_label (lum_integration_get_kind (integration)), name, args[3],
                  lum_integration_get_name (integration));
  return LUMCTL_EXIT_OK;
}

static int
warehouse_unlink (LumctlGlobal  *global,
                  char         **args)
{
  g_autoptr(GOptionContext) context = lumctl_option_context_new (global, N_("CODE INTEGRATION"),
                                                                 N_("Remove a warehouse’s link to an OMS."), NULL);
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(LumIntegration) integration = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = lumctl_parse (global, context, &args, 2, 2)) != LUMCTL_EXIT_OK)
    return status;
  if ((engine = lumctl_open_engine (global, &error)) == NULL ||
      (integration = lumctl_find_integration (engine, args[2], &error)) == NULL ||
      !lum_engine_unlink_warehouse (engine, args[1], integration, &error))
    return lumctl_fail (error);
  return LUMCTL_EXIT_OK;
}

static int
warehouse_add (LumctlGlobal  *global,
               char         **args)
{
  g_autoptr(GOptionContext) context = lumctl_option_context_new (global, N_("CODE NAME"),
                                                                 N_("Add a warehouse; `warehouse-group members` "
                                                                    "puts it in a group."), NULL);
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(LumWarehouse) w = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = lumctl_parse (global, context, &args, 2, 2)) != LUMCTL_EXIT_OK)
    return status;
  if ((engine = lumctl_open_engine (global, &error)) == NULL ||
      (w = lum_engine_add_warehouse (engine, args[1], args[2], &error)) == NULL)
    return lumctl_fail (error);
  return LUMCTL_EXIT_OK;
}

static const LumctlCommand warehouse_commands[] = {
  { "list", N_("List the warehouses and their links"), warehouse_list },
  { "add", N_("Add a warehouse"), warehouse_add },
  { "remote", N_("List an OMS’s own warehouses, live"), warehouse_remote },
  { "link", N_("Link a warehouse to an OMS’s warehouse"), warehouse_link },
  { "unlink", N_("Remove a warehouse’s link to an OMS"), warehouse_unlink },
  { NULL, NULL, NULL }
};

const LumctlGroup lumctl_warehouse_group = {
  "warehouse", N_("Warehouses and their links to each OMS"), warehouse_commands
};

/* -- warehouse-group members / rename -------------------------------------- */

int
lumctl_warehouse_group_members (LumctlGlobal  *global,
                                char         **args)
{
  g_autoptr(GOptionContext) context = lumctl_option_context_new (global, N_("GROUP CODE…"),
                                                                 N_("Set a group’s warehouses in its order of "
                                                                    "preference, the first preferred: an order "
                                                                    "ships from the first one linked to the "
                                                                    "channel’s OMS."),
                                                                 NULL);
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(LumWarehouseGroup) group = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = lumctl_parse (global, context, &args, 1, G_MAXUINT)) != LUMCTL_EXIT_OK)
    return status;
  if ((engine = lumctl_open_engine (global, &error)) == NULL ||
      (group = lum_engine_find_warehouse_group (engine, args[1], &error)) == NULL ||
      !lum_engine_set_group_warehouses (engine, lum_warehouse_group_get_id (group),
                                        (const char * const *)args + 2, &error))
    return lumctl_fail (error);
  return LUMCTL_EXIT_OK;
}

int
lumctl_warehouse_group_rename (LumctlGlobal  *global,
                               char         **args)
{
  g_autoptr(GOptionContext) context = lumctl_option_context_new (global, N_("GROUP NAME"),
                                                                 N_("Rename a warehouse group."), NULL);
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(LumWarehouseGroup) group = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = lumctl_parse (global, context, &args, 2, 2)) != LUMCTL_EXIT_OK)
    return status;
  if ((engine = lumctl_open_engine (global, &error)) == NULL ||
      (group = lum_engine_find_warehouse_group (engine, args[1], &error)) == NULL ||
      !lum_engine_rename_warehouse_group (engine, lum_warehouse_group_get_id (group), args[2], &error))
    return lumctl_fail (error);
  return LUMCTL_EXIT_OK;
}

int
lumctl_warehouse_group_rule (LumctlGlobal  *global,
                             char         **args)
{
  g_autoptr(GOptionContext) context = lumctl_option_context_new (global, N_("GROUP preference|stock"),
                                                                 N_("Choose a group’s ship-from rule: “preference”, "
                                                                    "the first warehouse linked to the channel’s OMS, "
                                                                    "in the group’s order; or “stock”, the first of "
                                                                    "those that has every line of the order in "
                                                                    "stock by the latest reading."),
                                                                 NULL);
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(LumWarehouseGroup) group = NULL;
  g_autoptr(GError) error = NULL;
  int rule = LUM_SHIP_FROM_RULE_PREFERENCE;
  int status;

  if ((status = lumctl_parse (global, context, &args, 2, 2)) != LUMCTL_EXIT_OK)
    return status;
  if (!lum_enum_from_nick (LUM_TYPE_SHIP_FROM_RULE, args[2], &rule))
    return lumctl_usage_error (global, _("Ship-from rule “%s” is not known: use preference or stock"), args[2]);
  if ((engine = lumctl_open_engine (global, &error)) == NULL ||
      (group = lum_engine_find_warehouse_group (engine, args[1], &error)) == NULL ||
      !lum_engine_set_group_ship_from_rule (engine, lum_warehouse_group_get_id (group), rule, &error))
    return lumctl_fail (error);
  return LUMCTL_EXIT_OK;
}

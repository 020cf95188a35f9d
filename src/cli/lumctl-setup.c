/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "lumctl.h"
#include "lum-engine-setup.h"
#include "lum-enum-types.h"
#include "lum-util.h"

/* -- warehouse groups ---------------------------------------------------- */

static JsonNode *
group_to_json (LumWarehouseGroup *group,
               GListModel        *warehouses)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, lum_warehouse_group_get_id (group));
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, lum_warehouse_group_get_name (group));
  json_builder_set_member_name (b, "default");
  json_builder_add_boolean_value (b, lum_warehouse_group_get_is_default (group));
  json_builder_set_member_name (b, "ship_from_rule");
  json_builder_add_string_value (b, lum_enum_to_nick (LUM_TYPE_SHIP_FROM_RULE,
                                                      lum_warehouse_group_get_ship_from_rule (group)));
  json_builder_set_member_name (b, "warehouses");
  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (warehouses); i++)
    {
      g_autoptr(LumWarehouse) w = g_list_model_get_item (warehouses, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "code");
      json_builder_add_string_value (b, lum_warehouse_get_code (w));
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, lum_warehouse_get_name (w));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static char *
dup_warehouse_codes (GListModel *warehouses)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) codes = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (warehouses); i++)
    {
      g_autoptr(LumWarehouse) w = g_list_model_get_item (warehouses, i);
      g_strv_builder_add (builder, lum_warehouse_get_code (w));
    }
  codes = g_strv_builder_end (builder);
  return g_strjoinv (", ", codes);
}

static int
warehouse_group_list (LumctlGlobal  *global,
                      char         **args)
{
  g_autoptr(GOptionContext) context = lumctl_option_context_new (global, "",
                                                                 N_("List the warehouse groups; the default one first."),
                                                                 NULL);
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(GListStore) groups = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LumctlTable) table = NULL;
  g_autoptr(JsonArray) array = json_array_new ();
  int status;

  if ((status = lumctl_parse (global, context, &args, 0, 0)) != LUMCTL_EXIT_OK)
    return status;
  if ((engine = lumctl_open_engine (global, &error)) == NULL ||
      (groups = lum_engine_list_warehouse_groups (engine, &error)) == NULL)
    return lumctl_fail (error);

  table = lumctl_table_new (4, _("ID"), _("Name"), _("Default"), _("Warehouses"));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (groups)); i++)
    {
      g_autoptr(LumWarehouseGroup) group = g_list_model_get_item (G_LIST_MODEL (groups), i);
      g_autoptr(GListStore) warehouses = lum_engine_list_warehouses (engine, lum_warehouse_group_get_id (group), &error);
      g_autofree char *id = NULL;
      g_autofree char *codes = NULL;

      if (warehouses == NULL)
        return lumctl_fail (error);
      id = g_strdup_printf ("%" PRId64, lum_warehouse_group_get_id (group));
      codes = dup_warehouse_codes (G_LIST_MODEL (warehouses));
      json_array_add_element (array, group_to_json (group, G_LIST_MODEL (warehouses)));
      lumctl_table_add_row (table, id, lum_warehouse_group_get_name (group),
                            lum_warehouse_group_get_is_default (group) ? _("default") : "",
                            codes);
    }

  if (global->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      json_node_set_array (node, array);
      lumctl_print_json (node);
    }
  else
    lumctl_table_print (table);
  return LUMCTL_EXIT_OK;
}

static int
warehouse_group_create (LumctlGlobal  *global,
                        char         **args)
{
  g_auto(GStrv) codes = NULL;
  gboolean make_default = FALSE;
  const GOptionEntry entries[] = {
    { "warehouse", 0, 0, G_OPTION_ARG_STRING_ARRAY, &codes,
      N_("Put the warehouse with this code in the group; repeat for several"), N_("CODE") },
    { "default", 0, 0, G_OPTION_ARG_NONE, &make_default,
      N_("Make it the default group, preselected for new channels"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = lumctl_option_context_new (global, N_("NAME"),
                                                                 N_("Create a warehouse group."),
                                                                 entries);
  g_autoptr(GStrvBuilder) unique = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) unique_codes = NULL;
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(LumWarehouseGroup) group = NULL;
  g_autoptr(GListStore) warehouses = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = lumctl_parse (global, context, &args, 1, 1)) != LUMCTL_EXIT_OK)
    return status;

  /* --warehouse MAIN --warehouse MAIN means MAIN once */
  for (guint i = 0; codes && codes[i]; i++)
    if (g_hash_table_add (seen, codes[i]))
      g_strv_builder_add (unique, codes[i]);
  unique_codes = g_strv_builder_end (unique);

  if ((engine = lumctl_open_engine (global, &error)) == NULL ||
      (group = lum_engine_create_warehouse_group (engine, args[1], (const char * const *)unique_codes,
                                                  make_default, &error)) == NULL ||
      (warehouses = lum_engine_list_warehouses (engine, lum_warehouse_group_get_id (group), &error)) == NULL)
    return lumctl_fail (error);

  if (global->json)
    {
      g_autoptr(JsonNode) node = group_to_json (group, G_LIST_MODEL (warehouses));
      lumctl_print_json (node);
    }
  else
    {
      g_autoptr(LumctlFields) fields = lumctl_fields_new ();
      g_autofree char *id = g_strdup_printf ("%" PRId64, lum_warehouse_group_get_id (group));
      g_autofree char *list = dup_warehouse_codes (G_LIST_MODEL (warehouses));

      lumctl_fields_add (fields, _("Name"), lum_warehouse_group_get_name (group));
      lumctl_fields_add (fields, _("ID"), id);
      lumctl_fields_add (fields, _("Default"), lumctl_yes_no (lum_warehouse_group_get_is_default (group)));
      lumctl_fields_add (fields, _("Warehouses"), list);
      lumctl_fields_print (fields);
    }
  return LUMCTL_EXIT_OK;
}

static const LumctlCommand warehouse_group_commands[] = {
  { "list", N_("List the warehouse groups"), warehouse_group_list },
  { "create", N_("Create a warehouse group"), warehouse_group_create },
  { "members", N_("Set a group’s warehouses in order of preference"), lumctl_warehouse_group_members },
  { "rename", N_("Rename a warehouse group"), lumctl_warehouse_group_rename },
  { "rule", N_("Choose how a group picks the warehouse an order ships from"), lumctl_warehouse_group_rule },
  { NULL, NULL, NULL }
};

const LumctlGroup lumctl_warehouse_group_group = {
  "warehouse-group", N_("Warehouse groups that channels ship from"), warehouse_group_commands
};

/* -- invoice types ------------------------------------------------------- */

static JsonNode *
invoice_type_to_json (LumInvoiceType *type)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, lum_invoice_type_get_id (type));
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, lum_invoice_type_get_name (type));
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static int
invoice_type_list (LumctlGlobal  *global,
                   char         **args)
{
  g_autoptr(GOptionContext) context = lumctl_option_context_new (global, "", N_("List the invoice types."), NULL);
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(GListStore) types = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LumctlTable) table = NULL;
  g_autoptr(JsonArray) array = json_array_new ();
  int status;

  if ((status = lumctl_parse (global, context, &args, 0, 0)) != LUMCTL_EXIT_OK)
    return status;
  if ((engine = lumctl_open_engine (global, &error)) == NULL ||
      (types = lum_engine_list_invoice_types (engine, &error)) == NULL)
    return lumctl_fail (error);

  table = lumctl_table_new (2, _("ID"), _("Name"));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (types)); i++)
    {
      g_autoptr(LumInvoiceType) type = g_list_model_get_item (G_LIST_MODEL (types), i);
      g_autofree char *id = g_strdup_printf ("%" PRId64, lum_invoice_type_get_id (type));

      json_array_add_element (array, invoice_type_to_json (type));
      lumctl_table_add_row (table, id, lum_invoice_type_get_name (type));
    }

  if (global->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      json_node_set_array (node, array);
      lumctl_print_json (node);
    }
  else
    lumctl_table_print (table);
  return LUMCTL_EXIT_OK;
}

static int
invoice_type_add (LumctlGlobal  *global,
                  char         **args)
{
  g_autoptr(GOptionContext) context = lumctl_option_context_new (global, N_("NAME"), N_("Add an invoice type."), NULL);
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(LumInvoiceType) type = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = lumctl_parse (global, context, &args, 1, 1)) != LUMCTL_EXIT_OK)
    return status;
  if ((engine = lumctl_open_engine (global, &error)) == NULL ||
      (type = lum_engine_add_invoice_type (engine, args[1], &error)) == NULL)
    return lumctl_fail (error);

  if (global->json)
    {
      g_autoptr(JsonNode) node = invoice_type_to_json (type);
      lumctl_print_json (node);
    }
  else
    {
      g_autoptr(LumctlFields) fields = lumctl_fields_new ();
      g_autofree char *id = g_strdup_printf ("%" PRId64, lum_invoice_type_get_id (type));

      lumctl_fields_add (fields, _("Name"), lum_invoice_type_get_name (type));
      lumctl_fields_add (fields, _("ID"), id);
      lumctl_fields_print (fields);
    }
  return LUMCTL_EXIT_OK;
}

static const LumctlCommand invoice_type_commands[] = {
  { "list", N_("List the invoice types"), invoice_type_list },
  { "add", N_("Add an invoice type"), invoice_type_add },
  { NULL, NULL, NULL }
};

const LumctlGroup lumctl_invoice_type_group = {
  "invoice-type", N_("Invoice types (Standard, …) that channels invoice with"), invoice_type_commands
};

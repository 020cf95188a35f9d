/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-flow"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "lum-ship-from.h"
#include "lum-json.h"
#include "model/lum-warehouse.h"
#include "model/lum-warehouse-link.h"

/*
 * The ship-from rule of a group: a fixed order of preference. The order
 * ships from the group's first warehouse that is linked to a warehouse of
 * the channel's OMS; a warehouse without a link is passed over (the OMS
 * would not know it), and when none has one the order goes without a
 * ship-from and the OMS uses its own default, as before links existed.
 */

static LumWarehouseLink *
find_link (GListModel *links,
           gint64      warehouse_id)
{
  for (guint i = 0; links != NULL && i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(LumWarehouseLink) link = g_list_model_get_item (links, i);

      if (lum_warehouse_link_get_warehouse_id (link) == warehouse_id)
        return g_steal_pointer (&link);
    }
  return NULL;
}

/**
 * lum_ship_from_choose:
 * @group_name: the channel's warehouse group
 * @warehouses: (element-type LumWarehouse): its warehouses, in its order
 *   of preference
 * @links: (element-type LumWarehouseLink): the links for the channel's OMS
 *   integration (any others are ignored by warehouse id only: pass those
 *   of that integration)
 * @integration_name: the OMS integration, for the description
 *
 * Returns: (transfer full): where the order ships from and why
 */
LumShipFrom *
lum_ship_from_choose (const char *group_name,
                      GListModel *warehouses,
                      GListModel *links,
                      const char *integration_name)
{
  LumShipFrom *ship_from = g_new0 (LumShipFrom, 1);
  g_autoptr(GStrvBuilder) passed = g_strv_builder_new ();
  guint n = warehouses != NULL ? g_list_model_get_n_items (warehouses) : 0;

  ship_from->group_name = g_strdup (group_name ? group_name : "");
  ship_from->integration_name = g_strdup (integration_name ? integration_name : "");
  ship_from->reason = n == 0 ? LUM_SHIP_FROM_EMPTY_GROUP : LUM_SHIP_FROM_NO_LINK;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LumWarehouse) w = g_list_model_get_item (warehouses, i);
      g_autoptr(LumWarehouseLink) link = find_link (links, lum_warehouse_get_id (w));

      if (link == NULL || *lum_warehouse_link_get_remote_id (link) == '\0')
        {
          g_strv_builder_add (passed, lum_warehouse_get_name (w));
          continue;
        }
      ship_from->reason = LUM_SHIP_FROM_LINKED;
      ship_from->warehouse_id = lum_warehouse_get_id (w);
      ship_from->warehouse_code = g_strdup (lum_warehouse_get_code (w));
      ship_from->warehouse_name = g_strdup (lum_warehouse_get_name (w));
      ship_from->position = i + 1;
      ship_from->remote_id = g_strdup (lum_warehouse_link_get_remote_id (link));
      ship_from->remote_name = g_strdup (lum_warehouse_link_get_remote_name (link));
      break;
    }
  ship_from->passed_over = g_strv_builder_end (passed);
  return ship_from;
}

void
lum_ship_from_free (LumShipFrom *ship_from)
{
  if (ship_from == NULL)
    return;
  g_free (ship_from->warehouse_code);
  g_free (ship_from->warehouse_name);
  g_free (ship_from->remote_id);
  g_free (ship_from->remote_name);
  g_free (ship_from->group_name);
  g_free (ship_from->integration_name);
  g_strfreev (ship_from->passed_over);
  g_free (ship_from);
}

static const char * const reasons[] = {
  [LUM_SHIP_FROM_LINKED] = "linked",
  [LUM_SHIP_FROM_NO_LINK] = "no-link",
  [LUM_SHIP_FROM_EMPTY_GROUP] = "empty-group",
};

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value == NULL)
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, value);
}

/* {"reason", "warehouse_id", "warehouse_code", "warehouse", "position",
 * "remote_id", "remote_name", "group", "integration", "passed_over"} */
char *
lum_ship_from_to_json (const LumShipFrom *ship_from)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  add_string (b, "reason", reasons[ship_from->reason]);
  json_builder_set_member_name (b, "warehouse_id");
  if (ship_from->warehouse_id != 0)
    json_builder_add_int_value (b, ship_from->warehouse_id);
  else
    json_builder_add_null_value (b);
  add_string (b, "warehouse_code", ship_from->warehouse_code);
  add_string (b, "warehouse", ship_from->warehouse_name);
  json_builder_set_member_name (b, "position");
  json_builder_add_int_value (b, ship_from->position);
  add_string (b, "remote_id", ship_from->remote_id);
  add_string (b, "remote_name", ship_from->remote_name);
  add_string (b, "group", ship_from->group_name);
  add_string (b, "integration", ship_from->integration_name);
  json_builder_set_member_name (b, "passed_over");
  json_builder_begin_array (b);
  for (guint i = 0; ship_from->passed_over != NULL && ship_from->passed_over[i] != NULL; i++)
    json_builder_add_string_value (b, ship_from->passed_over[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

LumShipFrom *
lum_ship_from_from_json (const char  *json,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LumShipFrom) ship_from = NULL;
  g_autoptr(GStrvBuilder) passed = g_strv_builder_new ();
  JsonObject *object;
  JsonArray *array;
  const char *reason;
  gint64 number = 0;

  if (!json_parser_load_from_data (parser, json, -1, error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Ship-from record “%s” is not an object"), json);
      return NULL;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  ship_from = g_new0 (LumShipFrom, 1);
  reason = lum_json_get_string (object, "reason");
  ship_from->reason = G_N_ELEMENTS (reasons);
  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    if (g_strcmp0 (reason, reasons[i]) == 0)
      ship_from->reason = i;
  if (ship_from->reason == G_N_ELEMENTS (reasons))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Ship-from reason “%s” is not known"),
                   reason ? reason : "");
      return NULL;
    }
  if (lum_json_get_int (object, "warehouse_id", &number))
    ship_from->warehouse_id = number;
  if (lum_json_get_int (object, "position", &number))
    ship_from->position = (guint)number;
  ship_from->warehouse_code = g_strdup (lum_json_get_string (object, "warehouse_code"));
  ship_from->warehouse_name = g_strdup (lum_json_get_string (object, "warehouse"));
  ship_from->remote_id = g_strdup (lum_json_get_string (object, "remote_id"));
  ship_from->remote_name = g_strdup (lum_json_get_string (object, "remote_name"));
  ship_from->group_name = g_strdup (lum_json_get_string (object, "group"));
  ship_from->integration_name = g_strdup (lum_json_get_string (object, "integration"));
  array = lum_json_get_array (object, "passed_over");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (passed, json_node_get_string (node));
    }
  ship_from->passed_over = g_strv_builder_end (passed);
  return g_steal_pointer (&ship_from);
}

/**
 * lum_ship_from_describe:
 *
 * Returns: (transfer full): where the order ships from and why, in a
 *   sentence for the order view ("Ships from East (first in group
 *   Default)")
 */
char *
lum_ship_from_describe (const LumShipFrom *s)
{
  const char *group = s->group_name ? s->group_name : "";
  const char *oms = s->integration_name && *s->integration_name ? s->integration_name : _("the OMS");

  switch (s->reason)
    {
    case LUM_SHIP_FROM_LINKED:
      if (s->position <= 1)
        return g_strdup_printf (_("Ships from %s (first in group %s)"), s->warehouse_name, group);
      else
        {
          g_autofree char *passed = g_strjoinv (", ", s->passed_over);
          return g_strdup_printf (_("Ships from %s (first in group %s linked to %s; %s not linked)"),
                                  s->warehouse_name, group, oms, passed);
        }
    case LUM_SHIP_FROM_NO_LINK:
      return g_strdup_printf (_("Ships from the default warehouse of %s: no warehouse of group %s is linked to it"),
                              oms, group);
    case LUM_SHIP_FROM_EMPTY_GROUP:
    default:
      return g_strdup_printf (_("Ships from the default warehouse of %s: group %s has no warehouses"), oms, group);
    }
}

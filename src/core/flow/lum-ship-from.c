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
 * The ship-from rules of a group. Preference: the order ships from the
 * group's first warehouse, in its order, that is linked to a warehouse of
 * the channel's OMS; a warehouse without a link is passed over (the OMS
 * would not know it), and when none has one the order goes without a
 * ship-from and the OMS uses its own default, as before links existed.
 * Stock (further down): the first of those linked warehouses that has
 * every line of the order in stock by the OMS's latest reading.
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

/* -- the stock rule ------------------------------------------------------ */

struct _LumShipFromNeeds
{
  GPtrArray  *skus;       /* in the order of the lines, once each */
  GHashTable *quantities; /* sku → gint64 *, summed over its lines */
  GHashTable *readings;   /* "remote id\x1fsku" → gint64 * */
  gboolean    read_whole;
};

LumShipFromNeeds *
lum_ship_from_needs_new (void)
{
  LumShipFromNeeds *needs = g_new0 (LumShipFromNeeds, 1);

  needs->skus = g_ptr_array_new_with_free_func (g_free);
  needs->quantities = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  needs->readings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return needs;
}

void
lum_ship_from_needs_free (LumShipFromNeeds *needs)
{
  if (needs == NULL)
    return;
  g_hash_table_unref (needs->quantities);
  g_ptr_array_unref (needs->skus);
  g_hash_table_unref (needs->readings);
  g_free (needs);
}

/* A line of the order; lines of the same SKU add up. */
void
lum_ship_from_needs_add_line (LumShipFromNeeds *needs,
                              const char       *sku,
                              gint64            quantity)
{
  gint64 *total;

  g_return_if_fail (needs != NULL && sku != NULL);
  if ((total = g_hash_table_lookup (needs->quantities, sku)) == NULL)
    {
      char *key = g_strdup (sku);

      g_ptr_array_add (needs->skus, key);
      total = g_new0 (gint64, 1);
      g_hash_table_insert (needs->quantities, key, total);
    }
  *total += quantity;
}

/* What the OMS last reported available of @sku in its warehouse @remote_id. */
void
lum_ship_from_needs_add_reading (LumShipFromNeeds *needs,
                                 const char       *remote_id,
                                 const char       *sku,
                                 gint64            available)
{
  gint64 *value = g_new (gint64, 1);

  g_return_if_fail (needs != NULL && remote_id != NULL && sku != NULL);
  *value = available;
  g_hash_table_replace (needs->readings, g_strdup_printf ("%s\x1f%s", remote_id, sku), value);
}

/* The OMS's stock was read whole: a SKU it did not list, it has none of. */
void
lum_ship_from_needs_set_read_whole (LumShipFromNeeds *needs,
                                    gboolean          read_whole)
{
  g_return_if_fail (needs != NULL);
  needs->read_whole = read_whole;
}

gboolean
lum_ship_from_needs_has_readings (const LumShipFromNeeds *needs)
{
  return needs != NULL && (needs->read_whole || g_hash_table_size (needs->readings) > 0);
}

/**
 * lum_ship_from_needs_lacking:
 * @remote_id: the OMS's id of a warehouse
 *
 * Returns: (transfer full): the SKUs of the order that warehouse has not
 *   enough of by the latest reading, in the order of the lines (a SKU it
 *   was never read for counts as lacking, unless the stock was read whole:
 *   then it has none); empty when it has every line
 */
GStrv
lum_ship_from_needs_lacking (const LumShipFromNeeds *needs,
                             const char             *remote_id)
{
  g_autoptr(GStrvBuilder) lacking = g_strv_builder_new ();

  g_return_val_if_fail (needs != NULL && remote_id != NULL, NULL);
  for (guint i = 0; i < needs->skus->len; i++)
    {
      const char *sku = g_ptr_array_index (needs->skus, i);
      g_autofree char *key = g_strdup_printf ("%s\x1f%s", remote_id, sku);
      const gint64 *available = g_hash_table_lookup (needs->readings, key);
      const gint64 *wanted = g_hash_table_lookup (needs->quantities, sku);

      if ((available != NULL ? *available : 0) < *wanted)
        g_strv_builder_add (lacking, sku);
    }
  return g_strv_builder_end (lacking);
}

/* The rule's choice of warehouse @i of @warehouses, linked by @link. */
static void
take (LumShipFrom      *ship_from,
      GListModel       *warehouses,
      guint             i,
      LumWarehouseLink *link)
{
  g_autoptr(LumWarehouse) w = g_list_model_get_item (warehouses, i);
  g_autoptr(GStrvBuilder) passed = g_strv_builder_new ();

  for (guint j = 0; j < i; j++)
    {
      g_autoptr(LumWarehouse) before = g_list_model_get_item (warehouses, j);

      if (!g_strv_contains ((const char * const *)ship_from->lacking_warehouses, lum_warehouse_get_name (before)))
        g_strv_builder_add (passed, lum_warehouse_get_name (before));
    }
  g_clear_pointer (&ship_from->warehouse_code, g_free);
  g_clear_pointer (&ship_from->warehouse_name, g_free);
  g_clear_pointer (&ship_from->remote_id, g_free);
  g_clear_pointer (&ship_from->remote_name, g_free);
  g_strfreev (ship_from->passed_over);
  ship_from->reason = LUM_SHIP_FROM_LINKED;
  ship_from->warehouse_id = lum_warehouse_get_id (w);
  ship_from->warehouse_code = g_strdup (lum_warehouse_get_code (w));
  ship_from->warehouse_name = g_strdup (lum_warehouse_get_name (w));
  ship_from->position = i + 1;
  ship_from->remote_id = g_strdup (lum_warehouse_link_get_remote_id (link));
  ship_from->remote_name = g_strdup (lum_warehouse_link_get_remote_name (link));
  ship_from->passed_over = g_strv_builder_end (passed);
}

/**
 * lum_ship_from_choose_by_rule:
 * @rule: the group's rule
 * @needs: (nullable): the order's lines and the OMS's stock readings, for
 *   %LUM_SHIP_FROM_RULE_STOCK; %NULL: none read
 *
 * As lum_ship_from_choose() for %LUM_SHIP_FROM_RULE_PREFERENCE. The stock
 * rule takes the first linked warehouse, in the group's order, that has
 * every line of the order in stock by the latest reading; when none has,
 * or nothing was read, the first linked one, saying so.
 *
 * Returns: (transfer full): where the order ships from and why
 */
LumShipFrom *
lum_ship_from_choose_by_rule (LumShipFromRule         rule,
                              const char             *group_name,
                              GListModel             *warehouses,
                              GListModel             *links,
                              const char             *integration_name,
                              const LumShipFromNeeds *needs)
{
  LumShipFrom *ship_from = lum_ship_from_choose (group_name, warehouses, links, integration_name);
  g_autoptr(GStrvBuilder) lacking_warehouses = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) lacking_skus = g_strv_builder_new ();
  guint n = warehouses != NULL ? g_list_model_get_n_items (warehouses) : 0;
  gboolean found = FALSE;

  ship_from->rule = rule;
  if (rule != LUM_SHIP_FROM_RULE_STOCK || ship_from->reason != LUM_SHIP_FROM_LINKED)
    return ship_from;
  if (!lum_ship_from_needs_has_readings (needs))
    {
      ship_from->stock = LUM_SHIP_FROM_STOCK_NOT_READ;
      return ship_from;
    }
  for (guint i = ship_from->position - 1; i < n && !found; i++)
    {
      g_autoptr(LumWarehouse) w = g_list_model_get_item (warehouses, i);
      g_autoptr(LumWarehouseLink) link = find_link (links, lum_warehouse_get_id (w));
      g_auto(GStrv) lacking = NULL;

      if (link == NULL || *lum_warehouse_link_get_remote_id (link) == '\0')
        continue;
      lacking = lum_ship_from_needs_lacking (needs, lum_warehouse_link_get_remote_id (link));
      if (lacking[0] == NULL)
        {
          found = TRUE;
          ship_from->lacking_warehouses = g_strv_builder_end (lacking_warehouses);
          take (ship_from, warehouses, i, link);
        }
      else
        {
          g_autofree char *joined = g_strjoinv (", ", lacking);

          g_strv_builder_add (lacking_warehouses, lum_warehouse_get_name (w));
          g_strv_builder_add (lacking_skus, joined);
        }
    }
  if (!found)
    ship_from->lacking_warehouses = g_strv_builder_end (lacking_warehouses);
  ship_from->lacking_skus = g_strv_builder_end (lacking_skus);
  /* found: the first in order when it lacks nothing, or another */
  ship_from->stock = found ? LUM_SHIP_FROM_STOCK_ALL : LUM_SHIP_FROM_STOCK_NONE_HAS_ALL;
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
  g_strfreev (ship_from->lacking_warehouses);
  g_strfreev (ship_from->lacking_skus);
  g_free (ship_from);
}

static const char * const reasons[] = {
  [LUM_SHIP_FROM_LINKED] = "linked",
  [LUM_SHIP_FROM_NO_LINK] = "no-link",
  [LUM_SHIP_FROM_EMPTY_GROUP] = "empty-group",
};

static const char * const rules[] = {
  [LUM_SHIP_FROM_RULE_PREFERENCE] = "preference",
  [LUM_SHIP_FROM_RULE_STOCK] = "stock",
};

static const char * const stock_findings[] = {
  [LUM_SHIP_FROM_STOCK_UNUSED] = "unused",
  [LUM_SHIP_FROM_STOCK_ALL] = "all-in-stock",
  [LUM_SHIP_FROM_STOCK_NONE_HAS_ALL] = "none-has-all",
  [LUM_SHIP_FROM_STOCK_NOT_READ] = "not-read",
};

static guint
find_name (const char * const *names,
           guint               n_names,
           const char         *name)
{
  for (guint i = 0; i < n_names; i++)
    if (g_strcmp0 (name, names[i]) == 0)
      return i;
  return 0;
}

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
 * "remote_id", "remote_name", "group", "integration", "passed_over",
 * "rule", "stock", "lacking": [{"warehouse", "skus"}]} */
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
  add_string (b, "rule", rules[ship_from->rule]);
  add_string (b, "stock", stock_findings[ship_from->stock]);
  json_builder_set_member_name (b, "lacking");
  json_builder_begin_array (b);
  for (guint i = 0; ship_from->lacking_warehouses != NULL && ship_from->lacking_warehouses[i] != NULL; i++)
    {
      json_builder_begin_object (b);
      add_string (b, "warehouse", ship_from->lacking_warehouses[i]);
      add_string (b, "skus", ship_from->lacking_skus != NULL ? ship_from->lacking_skus[i] : "");
      json_builder_end_object (b);
    }
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
  /* records from before the stock rule have none of these: preference */
  ship_from->rule = find_name (rules, G_N_ELEMENTS (rules), lum_json_get_string (object, "rule"));
  ship_from->stock = find_name (stock_findings, G_N_ELEMENTS (stock_findings), lum_json_get_string (object, "stock"));
  array = lum_json_get_array (object, "lacking");
  {
    g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
    g_autoptr(GStrvBuilder) skus = g_strv_builder_new ();

    for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
      {
        JsonNode *node = json_array_get_element (array, i);
        JsonObject *entry = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
        const char *name = entry ? lum_json_get_string (entry, "warehouse") : NULL;
        const char *lacking = entry ? lum_json_get_string (entry, "skus") : NULL;

        if (name == NULL)
          continue;
        g_strv_builder_add (names, name);
        g_strv_builder_add (skus, lacking ? lacking : "");
      }
    ship_from->lacking_warehouses = g_strv_builder_end (names);
    ship_from->lacking_skus = g_strv_builder_end (skus);
  }
  return g_steal_pointer (&ship_from);
}

/**
 * lum_ship_from_describe:
 *
 * Returns: (transfer full): where the order ships from and why, in a
 *   sentence for the order view ("Ships from East (first in group
 *   Default)")
 */
/* "Main lacks WID-1; West lacks WID-2, WID-3" */
static char *
describe_lacking (const LumShipFrom *s)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; s->lacking_warehouses != NULL && s->lacking_warehouses[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (text, "; ");
      /* Translators: a warehouse and the SKUs of the order it has not enough of */
      g_string_append_printf (text, _("%s lacks %s"), s->lacking_warehouses[i],
                              s->lacking_skus && s->lacking_skus[i] ? s->lacking_skus[i] : "");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The stock rule's reason, or %NULL when it did not decide (the
 * preference rule, or no warehouse linked). */
static char *
describe_stock (const LumShipFrom *s)
{
  const char *oms = s->integration_name && *s->integration_name ? s->integration_name : _("the OMS");
  g_autofree char *lacking = describe_lacking (s);

  if (s->reason != LUM_SHIP_FROM_LINKED || s->rule != LUM_SHIP_FROM_RULE_STOCK)
    return NULL;
  switch (s->stock)
    {
    case LUM_SHIP_FROM_STOCK_ALL:
      if (*lacking == '\0')
        return g_strdup_printf (_("Ships from %s (stock rule: %s has every line in stock)"),
                                s->warehouse_name, s->warehouse_name);
      return g_strdup_printf (_("Ships from %s (stock rule: %s has every line in stock; %s)"),
                              s->warehouse_name, s->warehouse_name, lacking);
    case LUM_SHIP_FROM_STOCK_NONE_HAS_ALL:
      return g_strdup_printf (_("Ships from %s (stock rule: no warehouse of group %s has every line in stock: %s; "
                                "the first in order)"),
                              s->warehouse_name, s->group_name ? s->group_name : "", lacking);
    case LUM_SHIP_FROM_STOCK_NOT_READ:
      return g_strdup_printf (_("Ships from %s (stock rule: %s has reported no stock yet; the first in order)"),
                              s->warehouse_name, oms);
    case LUM_SHIP_FROM_STOCK_UNUSED:
    default:
      return NULL;
    }
}

/**
 * lum_ship_from_describe:
 *
 * Returns: (transfer full): where the order ships from and why, in a
 *   sentence for the order view ("Ships from East (first in group
 *   Default)", "Ships from East (stock rule: East has every line in
 *   stock; Main lacks WID-1)")
 */
char *
lum_ship_from_describe (const LumShipFrom *s)
{
  const char *group = s->group_name ? s->group_name : "";
  const char *oms = s->integration_name && *s->integration_name ? s->integration_name : _("the OMS");
  char *stock = describe_stock (s);

  if (stock != NULL)
    return stock;
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

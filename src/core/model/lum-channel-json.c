/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-model"

#include "lum-channel-json.h"
#include "lum-enum-types.h"
#include "lum-util.h"

/**
 * lum_channel_to_json:
 *
 * The channel as `lumenctl channel show --json` prints it: exactly the keys
 * documented in README.md, names instead of ids for what it refers to.
 */
JsonNode *
lum_channel_to_json (LumChannel *channel)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const char * const *tags = lum_channel_get_tags (channel);
  GListModel *mappings = lum_channel_get_mappings (channel);
  gboolean push = lum_channel_get_push_to_oms (channel);
  int delay = lum_channel_get_push_delay_minutes (channel);
  LumInvoiceTiming timing = lum_channel_get_invoice_timing (channel);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, lum_channel_get_id (channel));
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, lum_channel_get_name (channel));
  json_builder_set_member_name (b, "warehouse_group");
  json_builder_add_string_value (b, lum_channel_get_warehouse_group_name (channel));
  json_builder_set_member_name (b, "internal");
  json_builder_add_boolean_value (b, lum_channel_get_internal (channel));
  json_builder_set_member_name (b, "description");
  json_builder_add_string_value (b, lum_channel_get_description (channel));

  json_builder_set_member_name (b, "tags");
  json_builder_begin_array (b);
  for (guint i = 0; tags && tags[i]; i++)
    json_builder_add_string_value (b, tags[i]);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "push_to_oms");
  json_builder_add_boolean_value (b, push);
  json_builder_set_member_name (b, "oms_integration");
  if (push && lum_channel_get_oms_integration_name (channel))
    json_builder_add_string_value (b, lum_channel_get_oms_integration_name (channel));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "oms_store_id");
  if (push && lum_channel_get_oms_store_id (channel))
    json_builder_add_string_value (b, lum_channel_get_oms_store_id (channel));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "oms_store_name");
  if (push && !lum_str_empty (lum_channel_get_oms_store_name (channel)))
    json_builder_add_string_value (b, lum_channel_get_oms_store_name (channel));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "push_delay_minutes");
  if (delay == LUM_PUSH_DELAY_IMMEDIATE)
    json_builder_add_null_value (b);
  else
    json_builder_add_int_value (b, delay);
  json_builder_set_member_name (b, "push_fulfillment_updates");
  json_builder_add_boolean_value (b, lum_channel_get_push_fulfillment_updates (channel));
  json_builder_set_member_name (b, "when_short");
  json_builder_add_string_value (b, lum_enum_to_nick (LUM_TYPE_WHEN_SHORT, lum_channel_get_when_short (channel)));

  json_builder_set_member_name (b, "field_mappings");
  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (mappings); i++)
    {
      g_autoptr(LumFieldMapping) m = g_list_model_get_item (mappings, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "lumen_field");
      json_builder_add_string_value (b, lum_field_mapping_get_lumen_field (m));
      json_builder_set_member_name (b, "remote_field");
      json_builder_add_string_value (b, lum_field_mapping_get_remote_field (m));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "order_flow");
  json_builder_add_string_value (b, lum_enum_to_nick (LUM_TYPE_ORDER_FLOW, lum_channel_get_order_flow (channel)));
  json_builder_set_member_name (b, "invoice_type");
  json_builder_add_string_value (b, lum_channel_get_invoice_type_name (channel));
  json_builder_set_member_name (b, "invoice_timing");
  if (timing == LUM_INVOICE_TIMING_NONE)
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, lum_enum_to_nick (LUM_TYPE_INVOICE_TIMING, timing));
  json_builder_set_member_name (b, "accounting_integration");
  if (lum_channel_get_accounting_integration_id (channel) != 0)
    json_builder_add_string_value (b, lum_channel_get_accounting_integration_name (channel));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "archived");
  json_builder_add_boolean_value (b, lum_channel_get_archived (channel));
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

/**
 * lum_channel_to_config:
 *
 * The configuration a document is posted under, as JSON with ids, stored
 * with the document: a channel edited later changes only what is posted
 * later.
 */
char *
lum_channel_to_config (LumChannel *channel)
{
  g_autoptr(JsonNode) node = lum_channel_to_json (channel);
  JsonObject *object = json_node_get_object (node);

  json_object_set_int_member (object, "warehouse_group_id", lum_channel_get_warehouse_group_id (channel));
  json_object_set_int_member (object, "oms_integration_id", lum_channel_get_oms_integration_id (channel));
  json_object_set_int_member (object, "invoice_type_id", lum_channel_get_invoice_type_id (channel));
  json_object_set_int_member (object, "accounting_integration_id",
                              lum_channel_get_accounting_integration_id (channel));
  return json_to_string (node, FALSE);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gint64
member_int (JsonObject *object,
            const char *name,
            gint64      fallback)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fallback;
  return json_node_get_int (node);
}

static gboolean
member_bool (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

/* Reads back what lum_channel_to_config() wrote. */
LumChannel *
lum_channel_new_from_config (const char  *config,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LumChannel) channel = lum_channel_new ();
  JsonObject *object;
  JsonNode *maps;
  int flow = LUM_ORDER_FLOW_SO_FIRST;
  int timing = LUM_INVOICE_TIMING_NONE;
  int when_short = LUM_WHEN_SHORT_HOLD;

  if (!json_parser_load_from_data (parser, config ? config : "", -1, error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           "channel configuration is not an object");
      return NULL;
    }
  object = json_node_get_object (json_parser_get_root (parser));

  lum_enum_from_nick (LUM_TYPE_ORDER_FLOW, member_string (object, "order_flow"), &flow);
  lum_enum_from_nick (LUM_TYPE_INVOICE_TIMING, member_string (object, "invoice_timing"), &timing);
  /* configurations kept before the setting: hold, its default */
  lum_enum_from_nick (LUM_TYPE_WHEN_SHORT, member_string (object, "when_short"), &when_short);

  g_object_set (channel,
                "id", member_int (object, "id", 0),
                "name", member_string (object, "name"),
                "warehouse-group-id", member_int (object, "warehouse_group_id", 0),
                "warehouse-group-name", member_string (object, "warehouse_group"),
                "internal", member_bool (object, "internal"),
                "push-to-oms", member_bool (object, "push_to_oms"),
                "oms-integration-id", member_int (object, "oms_integration_id", 0),
                "oms-integration-name", member_string (object, "oms_integration"),
                "oms-store-id", member_string (object, "oms_store_id"),
                "oms-store-name", member_string (object, "oms_store_name"),
                "push-delay-minutes", (int)member_int (object, "push_delay_minutes", LUM_PUSH_DELAY_IMMEDIATE),
                "push-fulfillment-updates", member_bool (object, "push_fulfillment_updates"),
                "order-flow", flow,
                "when-short", when_short,
                "invoice-type-id", member_int (object, "invoice_type_id", 0),
                "invoice-type-name", member_string (object, "invoice_type"),
                "invoice-timing", timing,
                "accounting-integration-id", member_int (object, "accounting_integration_id", 0),
                "accounting-integration-name", member_string (object, "accounting_integration"),
                NULL);

  maps = json_object_get_member (object, "field_mappings");
  if (maps != NULL && JSON_NODE_HOLDS_ARRAY (maps))
    {
      JsonArray *array = json_node_get_array (maps);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_OBJECT (item))
            lum_channel_add_mapping (channel,
                                     member_string (json_node_get_object (item), "lumen_field"),
                                     member_string (json_node_get_object (item), "remote_field"));
        }
    }

  return g_steal_pointer (&channel);
}

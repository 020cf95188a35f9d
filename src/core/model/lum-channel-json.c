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

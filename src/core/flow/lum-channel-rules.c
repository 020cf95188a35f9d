/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-flow"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "lum-channel-rules.h"
#include "lum-text.h"
#include "lum-util.h"
#include "model/lum-field-path.h"
#include "connect/lum-identity-fields.h"
#include "model/lum-field-catalog.h"
#include "store/lum-channel-store.h"
#include "store/lum-setup-store.h"

G_DEFINE_QUARK (lum-channel-error-quark, lum_channel_error)

/**
 * lum_channel_parse_push_delay:
 * @text: what the user typed; blank means "push immediately on posting"
 * @minutes: (out): %LUM_PUSH_DELAY_IMMEDIATE or 0…10080
 */
gboolean
lum_channel_parse_push_delay (const char  *text,
                              int         *minutes,
                              GError     **error)
{
  g_autofree char *stripped = lum_strip_dup (text);
  guint64 value = 0;

  if (*stripped == '\0')
    {
      *minutes = LUM_PUSH_DELAY_IMMEDIATE;
      return TRUE;
    }

  if (!g_ascii_string_to_unsigned (stripped, 10, 0, LUM_PUSH_DELAY_MAX, &value, NULL))
    {
      g_set_error (error, LUM_CHANNEL_ERROR, LUM_CHANNEL_ERROR_PUSH_DELAY,
                   _("Push delay “%s” is not a whole number of minutes from 0 to %d (leave it blank to push immediately)"),
                   stripped, LUM_PUSH_DELAY_MAX);
      return FALSE;
    }

  *minutes = (int)value;
  return TRUE;
}

char *
lum_channel_format_push_delay (int minutes)
{
  if (minutes == LUM_PUSH_DELAY_IMMEDIATE)
    return g_strdup ("");
  return g_strdup_printf ("%d", minutes);
}

/* "wholesale, East coast ,," → { "wholesale", "East coast" }, first spelling kept. */
char **
lum_channel_parse_tags (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text ? text : "", ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; parts[i]; i++)
    {
      g_autofree char *tag = lum_strip_dup (parts[i]);
      char *key;

      if (*tag == '\0')
        continue;
      key = lum_name_key (tag);
      if (!g_hash_table_add (seen, key))
        continue;
      g_strv_builder_add (builder, tag);
    }
  return g_strv_builder_end (builder);
}

static gboolean
check_name (LumDb       *db,
            LumChannel  *channel,
            GError     **error)
{
  g_autofree char *name = lum_strip_dup (lum_channel_get_name (channel));
  gint64 other;

  if (!lum_text_check_in (_("Channel name"), name, LUM_TEXT_ONE_LINE, LUM_CHANNEL_NAME_MAX,
                          LUM_CHANNEL_ERROR, LUM_CHANNEL_ERROR_NAME, error))
    return FALSE;
  if (*name == '\0')
    {
      /* spaces only are as empty as nothing: plain words, no “” */
      g_set_error_literal (error, LUM_CHANNEL_ERROR, LUM_CHANNEL_ERROR_NAME, _("Name is empty: a channel needs a name"));
      return FALSE;
    }

  other = lum_channel_store_id_by_name (db, name, error);
  if (other < 0)
    return FALSE;
  if (other != 0 && other != lum_channel_get_id (channel))
    {
      g_autofree char *shown = lum_text_shown (name);
      g_set_error (error, LUM_CHANNEL_ERROR, LUM_CHANNEL_ERROR_NAME,
                   _("Channel name “%s” is already used by another channel"), shown);
      return FALSE;
    }

  lum_channel_set_name (channel, name);
  return TRUE;
}

static gboolean
check_group (LumDb       *db,
             LumChannel  *channel,
             GError     **error)
{
  g_autoptr(LumWarehouseGroup) group = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 id = lum_channel_get_warehouse_group_id (channel);

  if (id == 0)
    {
      id = lum_setup_store_get_default_group_id (db, error);
      if (id == 0)
        return FALSE;
    }

  group = lum_setup_store_get_group (db, id, &local_error);
  if (group == NULL)
    {
      g_set_error (error, LUM_CHANNEL_ERROR, LUM_CHANNEL_ERROR_WAREHOUSE_GROUP,
                   _("Warehouse group %" PRId64 " does not exist"), id);
      return FALSE;
    }

  lum_channel_set_warehouse_group_id (channel, id);
  lum_channel_set_warehouse_group_name (channel, lum_warehouse_group_get_name (group));
  return TRUE;
}

static gboolean
check_tags (LumChannel  *channel,
            GError     **error)
{
  g_autofree char *joined = g_strjoinv (",", (char **)lum_channel_get_tags (channel));
  g_auto(GStrv) tags = lum_channel_parse_tags (joined);

  for (guint i = 0; tags[i]; i++)
    if (!lum_text_check_in (_("Tag"), tags[i], LUM_TEXT_ONE_LINE, LUM_TAG_MAX_LENGTH,
                            LUM_CHANNEL_ERROR, LUM_CHANNEL_ERROR_TAGS, error))
      return FALSE;

  lum_channel_set_tags (channel, (const char * const *)tags);
  return TRUE;
}

static gboolean
check_destination (LumDb           *db,
                   LumChannel      *channel,
                   LumIntegration **out_oms,
                   GError         **error)
{
  g_autoptr(LumIntegration) integration = NULL;
  g_autofree char *store_id = lum_strip_dup (lum_channel_get_oms_store_id (channel));
  int delay = lum_channel_get_push_delay_minutes (channel);

  if (delay != LUM_PUSH_DELAY_IMMEDIATE && (delay < 0 || delay > LUM_PUSH_DELAY_MAX))
    {
      g_set_error (error, LUM_CHANNEL_ERROR, LUM_CHANNEL_ERROR_PUSH_DELAY,
                   _("Push delay “%d” is not a whole number of minutes from 0 to %d (leave it blank to push immediately)"),
                   delay, LUM_PUSH_DELAY_MAX);
      return FALSE;
    }

  if (!lum_channel_get_push_to_oms (channel))
    {
      if (lum_channel_get_push_fulfillment_updates (channel))
        {
          g_set_error (error, LUM_CHANNEL_ERROR, LUM_CHANNEL_ERROR_FULFILLMENT_UPDATES,
                       _("Automatically Push Fulfillment Updates is on, but Push Sales Orders to OMS is off: fulfillment updates come from the OMS the orders are pushed to"));
          return FALSE;
        }
      lum_channel_set_oms_integration_id (channel, 0);
      lum_channel_set_oms_integration_name (channel, NULL);
      lum_channel_set_oms_store_id (channel, NULL);
      lum_channel_set_oms_store_name (channel, NULL);
      return TRUE;
    }

  if (lum_channel_get_oms_integration_id (channel) == 0)
    {
      g_set_error (error, LUM_CHANNEL_ERROR, LUM_CHANNEL_ERROR_OMS_INTEGRATION,
                   _("Push Sales Orders to OMS is on, but no OMS integration is chosen"));
      return FALSE;
    }

  integration = lum_setup_store_get_integration (db, lum_channel_get_oms_integration_id (channel), NULL);
  if (integration == NULL)
    {
      g_set_error (error, LUM_CHANNEL_ERROR, LUM_CHANNEL_ERROR_OMS_INTEGRATION,
                   _("OMS integration %" PRId64 " does not exist"),
                   lum_channel_get_oms_integration_id (channel));
      return FALSE;
    }
  if (!lum_integration_is_oms (integration))
    {
      g_set_error (error, LUM_CHANNEL_ERROR, LUM_CHANNEL_ERROR_OMS_INTEGRATION,
                   _("OMS integration “%s” is a %s integration; orders can be pushed only to ShipStation or Extensiv 3PL Warehouse Manager"),
                   lum_integration_get_name (integration),
                   lum_integration_kind_to_label (lum_integration_get_kind (integration)));
      return FALSE;
    }

  if (!lum_text_check_in (_("Store"), store_id, LUM_TEXT_ONE_LINE, LUM_TEXT_ADDRESS_MAX,
                          LUM_CHANNEL_ERROR, LUM_CHANNEL_ERROR_OMS_STORE, error) ||
      !lum_text_check_in (_("Store name"), lum_channel_get_oms_store_name (channel), LUM_TEXT_ONE_LINE,
                          LUM_TEXT_ADDRESS_MAX, LUM_CHANNEL_ERROR, LUM_CHANNEL_ERROR_OMS_STORE, error))
    return FALSE;
  if (*store_id == '\0')
    {
      g_set_error (error, LUM_CHANNEL_ERROR, LUM_CHANNEL_ERROR_OMS_STORE,
                   _("Store is empty: choose the store of “%s” that receives the orders, or type its id"),
                   lum_integration_get_name (integration));
      return FALSE;
    }

  lum_channel_set_oms_integration_name (channel, lum_integration_get_name (integration));
  lum_channel_set_oms_store_id (channel, store_id);

  /* A store typed as an id gets its name from the known stores. */
  if (lum_str_empty (lum_channel_get_oms_store_name (channel)))
    {
      g_autoptr(GListStore) known = lum_setup_store_list_remote_stores (db, lum_integration_get_id (integration), NULL);

      for (guint i = 0; known && i < g_list_model_get_n_items (G_LIST_MODEL (known)); i++)
        {
          g_autoptr(LumRemoteStore) store = g_list_model_get_item (G_LIST_MODEL (known), i);
          if (g_str_equal (lum_remote_store_get_remote_id (store), store_id))
            lum_channel_set_oms_store_name (channel, lum_remote_store_get_name (store));
        }
    }

  *out_oms = g_steal_pointer (&integration);
  return TRUE;
}

/**
 * lum_channel_check_mapping:
 * @position: the row to check against the rows before it
 * @oms: (nullable): the integration the orders are pushed to
 *
 * Checks one row of the field mapping: a catalogue field, a remote field
 * that parses and is not one that Lumen fills to identify the order at
 * @oms, and no remote field set twice or inside another.
 */
gboolean
lum_channel_check_mapping (LumChannel      *channel,
                           guint            position,
                           LumIntegration  *oms,
                           GError         **error)
{
  GListModel *mappings = lum_channel_get_mappings (channel);
  g_autoptr(LumFieldMapping) mapping = g_list_model_get_item (mappings, position);
  g_autoptr(LumFieldPath) path = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *lumen_field = lum_strip_dup (lum_field_mapping_get_lumen_field (mapping));
  g_autofree char *canonical = NULL;

  if (lum_field_catalog_lookup (lumen_field) == NULL)
    {
      g_autofree char *keys = lum_field_catalog_keys ();
      g_set_error (error, LUM_CHANNEL_ERROR, LUM_CHANNEL_ERROR_FIELD_MAPPING,
                   _("Field mapping row %u: Lumen field “%s” does not exist; use one of: %s"),
                   position + 1, lumen_field, keys);
      return FALSE;
    }

  path = lum_field_path_parse (lum_field_mapping_get_remote_field (mapping), &local_error);
  if (path == NULL)
    {
      g_set_error (error, LUM_CHANNEL_ERROR, LUM_CHANNEL_ERROR_FIELD_MAPPING,
                   _("Field mapping row %u: %s"), position + 1, local_error->message);
      return FALSE;
    }
  canonical = lum_field_path_to_string (path);

  if (oms != NULL)
    {
      const char *identity = lum_identity_field_covering (lum_integration_get_kind (oms), path);

      if (identity != NULL)
        {
          g_set_error (error, LUM_CHANNEL_ERROR, LUM_CHANNEL_ERROR_FIELD_MAPPING,
                       _("Field mapping row %u: remote field “%s” cannot be mapped: Lumen fills “%s” itself to identify the order at %s; choose another field"),
                       position + 1, canonical, identity,
                       lum_integration_kind_to_label (lum_integration_get_kind (oms)));
          return FALSE;
        }
    }

  for (guint i = 0; i < position; i++)
    {
      g_autoptr(LumFieldMapping) earlier = g_list_model_get_item (mappings, i);
      g_autoptr(LumFieldPath) other = lum_field_path_parse (lum_field_mapping_get_remote_field (earlier), NULL);

      if (other == NULL)
        continue;
      if (lum_field_path_is_prefix (other, path) || lum_field_path_is_prefix (path, other))
        {
          g_autofree char *other_text = lum_field_path_to_string (other);

          if (g_str_equal (other_text, canonical))
            g_set_error (error, LUM_CHANNEL_ERROR, LUM_CHANNEL_ERROR_FIELD_MAPPING,
                         _("Field mapping row %u: remote field “%s” is already mapped in row %u"),
                         position + 1, canonical, i + 1);
          else
            g_set_error (error, LUM_CHANNEL_ERROR, LUM_CHANNEL_ERROR_FIELD_MAPPING,
                         _("Field mapping row %u: remote field “%s” overlaps “%s” of row %u"),
                         position + 1, canonical, other_text, i + 1);
          return FALSE;
        }
    }

  lum_field_mapping_set_lumen_field (mapping, lumen_field);
  lum_field_mapping_set_remote_field (mapping, canonical);
  return TRUE;
}

static gboolean
check_invoicing (LumDb       *db,
                 LumChannel  *channel,
                 GError     **error)
{
  g_autoptr(LumInvoiceType) type = NULL;
  LumOrderFlow flow = lum_channel_get_order_flow (channel);
  gint64 accounting_id = lum_channel_get_accounting_integration_id (channel);

  if (flow == LUM_ORDER_FLOW_INVOICE_FIRST && !lum_channel_get_internal (channel))
    {
      g_set_error (error, LUM_CHANNEL_ERROR, LUM_CHANNEL_ERROR_ORDER_FLOW,
                   _("Order flow “Invoice first, then sales order” needs an internal channel: switch on Internal Sales Channel"));
      return FALSE;
    }

  if (flow == LUM_ORDER_FLOW_SO_FIRST && lum_channel_get_invoice_timing (channel) == LUM_INVOICE_TIMING_NONE)
    {
      g_set_error (error, LUM_CHANNEL_ERROR, LUM_CHANNEL_ERROR_INVOICE_TIMING,
                   _("Invoice timing is empty: a sales-order-first channel invoices when the sales order is created or when a shipment is created"));
      return FALSE;
    }
  if (flow == LUM_ORDER_FLOW_INVOICE_FIRST)
    lum_channel_set_invoice_timing (channel, LUM_INVOICE_TIMING_NONE);

  if (lum_channel_get_invoice_type_id (channel) == 0)
    {
      g_set_error (error, LUM_CHANNEL_ERROR, LUM_CHANNEL_ERROR_INVOICE_TYPE,
                   _("Invoice type is empty: choose one"));
      return FALSE;
    }
  type = lum_setup_store_get_invoice_type (db, lum_channel_get_invoice_type_id (channel), NULL);
  if (type == NULL)
    {
      g_set_error (error, LUM_CHANNEL_ERROR, LUM_CHANNEL_ERROR_INVOICE_TYPE,
                   _("Invoice type %" PRId64 " does not exist"),
                   lum_channel_get_invoice_type_id (channel));
      return FALSE;
    }
  lum_channel_set_invoice_type_name (channel, lum_invoice_type_get_name (type));

  if (accounting_id != 0)
    {
      g_autoptr(LumIntegration) accounting = lum_setup_store_get_integration (db, accounting_id, NULL);

      if (accounting == NULL)
        {
          g_set_error (error, LUM_CHANNEL_ERROR, LUM_CHANNEL_ERROR_ACCOUNTING,
                       _("Accounting integration %" PRId64 " does not exist"), accounting_id);
          return FALSE;
        }
      if (lum_integration_get_kind (accounting) != LUM_INTEGRATION_KIND_QUICKBOOKS)
        {
          g_set_error (error, LUM_CHANNEL_ERROR, LUM_CHANNEL_ERROR_ACCOUNTING,
                       _("Accounting integration “%s” is a %s integration; invoices can be pushed only to QuickBooks Online"),
                       lum_integration_get_name (accounting),
                       lum_integration_kind_to_label (lum_integration_get_kind (accounting)));
          return FALSE;
        }
      lum_channel_set_accounting_integration_name (channel, lum_integration_get_name (accounting));
    }
  else
    {
      lum_channel_set_accounting_integration_name (channel, NULL);
    }

  return TRUE;
}

/**
 * lum_channel_rules_check:
 *
 * Validates a channel before it is saved, in the order of the editor's
 * sections, and normalises what it accepts (trimmed name, default warehouse
 * group, canonical remote fields, names of referenced rows). On failure the
 * error is in %LUM_CHANNEL_ERROR with the code of the offending field.
 */
gboolean
lum_channel_rules_check (LumDb       *db,
                         LumChannel  *channel,
                         GError     **error)
{
  g_autoptr(LumIntegration) oms = NULL;
  guint n_mappings;

  if (!check_name (db, channel, error) ||
      !lum_text_check_in (_("Description"), lum_channel_get_description (channel), LUM_TEXT_MULTI_LINE,
                          LUM_TEXT_DESCRIPTION_MAX, LUM_CHANNEL_ERROR, LUM_CHANNEL_ERROR_DESCRIPTION, error) ||
      !check_group (db, channel, error) ||
      !check_tags (channel, error) ||
      !check_destination (db, channel, &oms, error))
    return FALSE;

  n_mappings = g_list_model_get_n_items (lum_channel_get_mappings (channel));
  for (guint i = 0; i < n_mappings; i++)
    if (!lum_channel_check_mapping (channel, i, oms, error))
      return FALSE;

  return check_invoicing (db, channel, error);
}

/**
 * lum_channel_rules_check_all:
 *
 * Like lum_channel_rules_check(), but goes on past a refused value, so
 * that a form can show every one at once: one error a section at most,
 * and the field mappings only once the OMS is right.
 *
 * Returns: (transfer full) (element-type GError): the refused values in
 *   the order of the editor's sections; empty when the channel passes
 */
GPtrArray *
lum_channel_rules_check_all (LumDb      *db,
                             LumChannel *channel)
{
  GPtrArray *errors = g_ptr_array_new_with_free_func ((GDestroyNotify)g_error_free);
  g_autoptr(LumIntegration) oms = NULL;
  GError *error = NULL;
  guint n_mappings;

  if (!check_name (db, channel, &error))
    g_ptr_array_add (errors, g_steal_pointer (&error));
  if (!lum_text_check_in (_("Description"), lum_channel_get_description (channel), LUM_TEXT_MULTI_LINE,
                          LUM_TEXT_DESCRIPTION_MAX, LUM_CHANNEL_ERROR, LUM_CHANNEL_ERROR_DESCRIPTION, &error))
    g_ptr_array_add (errors, g_steal_pointer (&error));
  if (!check_group (db, channel, &error))
    g_ptr_array_add (errors, g_steal_pointer (&error));
  if (!check_tags (channel, &error))
    g_ptr_array_add (errors, g_steal_pointer (&error));
  if (!check_destination (db, channel, &oms, &error))
    g_ptr_array_add (errors, g_steal_pointer (&error));
  else
    {
      n_mappings = g_list_model_get_n_items (lum_channel_get_mappings (channel));
      for (guint i = 0; i < n_mappings; i++)
        if (!lum_channel_check_mapping (channel, i, oms, &error))
          {
            g_ptr_array_add (errors, g_steal_pointer (&error));
            break;
          }
    }
  if (!check_invoicing (db, channel, &error))
    g_ptr_array_add (errors, g_steal_pointer (&error));
  return errors;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lum-channel.h"
#include "lum-enum-types.h"
#include "lum-util.h"

struct _LumChannel
{
  GObject           parent_instance;

  gint64            id;
  gint64            version;
  char             *name;
  gint64            warehouse_group_id;
  char             *warehouse_group_name;
  gboolean          internal;
  char             *description;
  char            **tags;

  gboolean          push_to_oms;
  gint64            oms_integration_id;
  char             *oms_integration_name;
  char             *oms_store_id;
  char             *oms_store_name;
  int               push_delay_minutes;
  gboolean          push_fulfillment_updates;

  GListStore       *mappings;

  LumOrderFlow      order_flow;
  gint64            invoice_type_id;
  char             *invoice_type_name;
  LumInvoiceTiming  invoice_timing;
  gint64            accounting_integration_id;
  char             *accounting_integration_name;
  gboolean          archived;
};

G_DEFINE_FINAL_TYPE (LumChannel, lum_channel, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_WAREHOUSE_GROUP_ID,
  PROP_WAREHOUSE_GROUP_NAME,
  PROP_INTERNAL,
  PROP_DESCRIPTION,
  PROP_TAGS,
  PROP_PUSH_TO_OMS,
  PROP_OMS_INTEGRATION_ID,
  PROP_OMS_INTEGRATION_NAME,
  PROP_OMS_STORE_ID,
  PROP_OMS_STORE_NAME,
  PROP_PUSH_DELAY_MINUTES,
  PROP_PUSH_FULFILLMENT_UPDATES,
  PROP_MAPPINGS,
  PROP_ORDER_FLOW,
  PROP_INVOICE_TYPE_ID,
  PROP_INVOICE_TYPE_NAME,
  PROP_INVOICE_TIMING,
  PROP_ACCOUNTING_INTEGRATION_ID,
  PROP_ACCOUNTING_INTEGRATION_NAME,
  PROP_ARCHIVED,
  PROP_DESTINATION_SUMMARY,
  PROP_FLOW_SUMMARY,
  PROP_TAGS_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The summaries are derived; notify them with the fields they show. */
static void
notify_prop (LumChannel *self,
             guint       prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);

  switch (prop_id)
    {
    case PROP_PUSH_TO_OMS:
    case PROP_OMS_INTEGRATION_NAME:
    case PROP_OMS_STORE_ID:
    case PROP_OMS_STORE_NAME:
    case PROP_PUSH_DELAY_MINUTES:
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESTINATION_SUMMARY]);
      break;
    case PROP_ORDER_FLOW:
    case PROP_INVOICE_TIMING:
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLOW_SUMMARY]);
      break;
    case PROP_TAGS:
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS_TEXT]);
      break;
    default:
      break;
    }
}

static void
set_id_field (LumChannel *self,
              gint64     *field,
              gint64      value,
              guint       prop_id)
{
  if (*field == value)
    return;
  *field = value;
  notify_prop (self, prop_id);
}

static void
set_bool_field (LumChannel *self,
                gboolean   *field,
                gboolean    value,
                guint       prop_id)
{
  value = !!value;
  if (*field == value)
    return;
  *field = value;
  notify_prop (self, prop_id);
}

static void
set_str_field (LumChannel  *self,
               char       **field,
               const char  *value,
               guint        prop_id)
{
  if (lum_set_str (field, value))
    notify_prop (self, prop_id);
}

static void
lum_channel_finalize (GObject *object)
{
  LumChannel *self = (LumChannel *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->warehouse_group_name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->oms_integration_name, g_free);
  g_clear_pointer (&self->oms_store_id, g_free);
  g_clear_pointer (&self->oms_store_name, g_free);
  g_clear_object (&self->mappings);
  g_clear_pointer (&self->invoice_type_name, g_free);
  g_clear_pointer (&self->accounting_integration_name, g_free);

  G_OBJECT_CLASS (lum_channel_parent_class)->finalize (object);
}

static void
lum_channel_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LumChannel *self = LUM_CHANNEL (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_WAREHOUSE_GROUP_ID: g_value_set_int64 (value, self->warehouse_group_id); break;
    case PROP_WAREHOUSE_GROUP_NAME: g_value_set_string (value, self->warehouse_group_name); break;
    case PROP_INTERNAL: g_value_set_boolean (value, self->internal); break;
    case PROP_DESCRIPTION: g_value_set_string (value, self->description); break;
    case PROP_TAGS: g_value_set_boxed (value, self->tags); break;
    case PROP_PUSH_TO_OMS: g_value_set_boolean (value, self->push_to_oms); break;
    case PROP_OMS_INTEGRATION_ID: g_value_set_int64 (value, self->oms_integration_id); break;
    case PROP_OMS_INTEGRATION_NAME: g_value_set_string (value, self->oms_integration_name); break;
    case PROP_OMS_STORE_ID: g_value_set_string (value, self->oms_store_id); break;
    case PROP_OMS_STORE_NAME: g_value_set_string (value, self->oms_store_name); break;
    case PROP_PUSH_DELAY_MINUTES: g_value_set_int (value, self->push_delay_minutes); break;
    case PROP_PUSH_FULFILLMENT_UPDATES: g_value_set_boolean (value, self->push_fulfillment_updates); break;
    case PROP_MAPPINGS: g_value_set_object (value, self->mappings); break;
    case PROP_ORDER_FLOW: g_value_set_enum (value, self->order_flow); break;
    case PROP_INVOICE_TYPE_ID: g_value_set_int64 (value, self->invoice_type_id); break;
    case PROP_INVOICE_TYPE_NAME: g_value_set_string (value, self->invoice_type_name); break;
    case PROP_INVOICE_TIMING: g_value_set_enum (value, self->invoice_timing); break;
    case PROP_ACCOUNTING_INTEGRATION_ID: g_value_set_int64 (value, self->accounting_integration_id); break;
    case PROP_ACCOUNTING_INTEGRATION_NAME: g_value_set_string (value, self->accounting_integration_name); break;
    case PROP_ARCHIVED: g_value_set_boolean (value, self->archived); break;
    case PROP_DESTINATION_SUMMARY: g_value_take_string (value, lum_channel_dup_destination_summary (self)); break;
    case PROP_FLOW_SUMMARY: g_value_take_string (value, lum_channel_dup_flow_summary (self)); break;
    case PROP_TAGS_TEXT: g_value_take_string (value, lum_channel_dup_tags_text (self)); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_channel_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  LumChannel *self = LUM_CHANNEL (object);

  switch (prop_id)
    {
    case PROP_ID: lum_channel_set_id (self, g_value_get_int64 (value)); break;
    case PROP_NAME: lum_channel_set_name (self, g_value_get_string (value)); break;
    case PROP_WAREHOUSE_GROUP_ID: lum_channel_set_warehouse_group_id (self, g_value_get_int64 (value)); break;
    case PROP_WAREHOUSE_GROUP_NAME: lum_channel_set_warehouse_group_name (self, g_value_get_string (value)); break;
    case PROP_INTERNAL: lum_channel_set_internal (self, g_value_get_boolean (value)); break;
    case PROP_DESCRIPTION: lum_channel_set_description (self, g_value_get_string (value)); break;
    case PROP_TAGS: lum_channel_set_tags (self, g_value_get_boxed (value)); break;
    case PROP_PUSH_TO_OMS: lum_channel_set_push_to_oms (self, g_value_get_boolean (value)); break;
    case PROP_OMS_INTEGRATION_ID: lum_channel_set_oms_integration_id (self, g_value_get_int64 (value)); break;
    case PROP_OMS_INTEGRATION_NAME: lum_channel_set_oms_integration_name (self, g_value_get_string (value)); break;
    case PROP_OMS_STORE_ID: lum_channel_set_oms_store_id (self, g_value_get_string (value)); break;
    case PROP_OMS_STORE_NAME: lum_channel_set_oms_store_name (self, g_value_get_string (value)); break;
    case PROP_PUSH_DELAY_MINUTES: lum_channel_set_push_delay_minutes (self, g_value_get_int (value)); break;
    case PROP_PUSH_FULFILLMENT_UPDATES: lum_channel_set_push_fulfillment_updates (self, g_value_get_boolean (value)); break;
    case PROP_ORDER_FLOW: lum_channel_set_order_flow (self, g_value_get_enum (value)); break;
    case PROP_INVOICE_TYPE_ID: lum_channel_set_invoice_type_id (self, g_value_get_int64 (value)); break;
    case PROP_INVOICE_TYPE_NAME: lum_channel_set_invoice_type_name (self, g_value_get_string (value)); break;
    case PROP_INVOICE_TIMING: lum_channel_set_invoice_timing (self, g_value_get_enum (value)); break;
    case PROP_ACCOUNTING_INTEGRATION_ID: lum_channel_set_accounting_integration_id (self, g_value_get_int64 (value)); break;
    case PROP_ACCOUNTING_INTEGRATION_NAME: lum_channel_set_accounting_integration_name (self, g_value_get_string (value)); break;
    case PROP_ARCHIVED: lum_channel_set_archived (self, g_value_get_boolean (value)); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define RW_FLAGS (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)
#define RO_FLAGS (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)

static void
lum_channel_class_init (LumChannelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lum_channel_finalize;
  object_class->get_property = lum_channel_get_property;
  object_class->set_property = lum_channel_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, RW_FLAGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, RW_FLAGS);
  properties[PROP_WAREHOUSE_GROUP_ID] =
    g_param_spec_int64 ("warehouse-group-id", NULL, NULL, 0, G_MAXINT64, 0, RW_FLAGS);
  properties[PROP_WAREHOUSE_GROUP_NAME] =
    g_param_spec_string ("warehouse-group-name", NULL, NULL, NULL, RW_FLAGS);
  properties[PROP_INTERNAL] = g_param_spec_boolean ("internal", NULL, NULL, FALSE, RW_FLAGS);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, RW_FLAGS);
  properties[PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, RW_FLAGS);
  properties[PROP_PUSH_TO_OMS] = g_param_spec_boolean ("push-to-oms", NULL, NULL, FALSE, RW_FLAGS);
  properties[PROP_OMS_INTEGRATION_ID] =
    g_param_spec_int64 ("oms-integration-id", NULL, NULL, 0, G_MAXINT64, 0, RW_FLAGS);
  properties[PROP_OMS_INTEGRATION_NAME] =
    g_param_spec_string ("oms-integration-name", NULL, NULL, NULL, RW_FLAGS);
  properties[PROP_OMS_STORE_ID] = g_param_spec_string ("oms-store-id", NULL, NULL, NULL, RW_FLAGS);
  properties[PROP_OMS_STORE_NAME] = g_param_spec_string ("oms-store-name", NULL, NULL, NULL, RW_FLAGS);
  properties[PROP_PUSH_DELAY_MINUTES] =
    g_param_spec_int ("push-delay-minutes", NULL, NULL,
                      LUM_PUSH_DELAY_IMMEDIATE, G_MAXINT, LUM_PUSH_DELAY_IMMEDIATE, RW_FLAGS);
  properties[PROP_PUSH_FULFILLMENT_UPDATES] =
    g_param_spec_boolean ("push-fulfillment-updates", NULL, NULL, FALSE, RW_FLAGS);
  properties[PROP_MAPPINGS] = g_param_spec_object ("mappings", NULL, NULL, G_TYPE_LIST_MODEL, RO_FLAGS);
  properties[PROP_ORDER_FLOW] =
    g_param_spec_enum ("order-flow", NULL, NULL, LUM_TYPE_ORDER_FLOW, LUM_ORDER_FLOW_SO_FIRST, RW_FLAGS);
  properties[PROP_INVOICE_TYPE_ID] =
    g_param_spec_int64 ("invoice-type-id", NULL, NULL, 0, G_MAXINT64, 0, RW_FLAGS);
  properties[PROP_INVOICE_TYPE_NAME] =
    g_param_spec_string ("invoice-type-name", NULL, NULL, NULL, RW_FLAGS);
  properties[PROP_INVOICE_TIMING] =
    g_param_spec_enum ("invoice-timing", NULL, NULL, LUM_TYPE_INVOICE_TIMING,
                       LUM_INVOICE_TIMING_SO_CREATED, RW_FLAGS);
  properties[PROP_ACCOUNTING_INTEGRATION_ID] =
    g_param_spec_int64 ("accounting-integration-id", NULL, NULL, 0, G_MAXINT64, 0, RW_FLAGS);
  properties[PROP_ACCOUNTING_INTEGRATION_NAME] =
    g_param_spec_string ("accounting-integration-name", NULL, NULL, NULL, RW_FLAGS);
  properties[PROP_ARCHIVED] = g_param_spec_boolean ("archived", NULL, NULL, FALSE, RW_FLAGS);
  properties[PROP_DESTINATION_SUMMARY] =
    g_param_spec_string ("destination-summary", NULL, NULL, NULL, RO_FLAGS);
  properties[PROP_FLOW_SUMMARY] = g_param_spec_string ("flow-summary", NULL, NULL, NULL, RO_FLAGS);
  properties[PROP_TAGS_TEXT] = g_param_spec_string ("tags-text", NULL, NULL, NULL, RO_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lum_channel_init (LumChannel *self)
{
  self->name = g_strdup ("");
  self->description = g_strdup ("");
  self->tags = g_new0 (char *, 1);
  self->push_delay_minutes = LUM_PUSH_DELAY_IMMEDIATE;
  self->mappings = g_list_store_new (LUM_TYPE_FIELD_MAPPING);
  self->order_flow = LUM_ORDER_FLOW_SO_FIRST;
  self->invoice_timing = LUM_INVOICE_TIMING_SO_CREATED;
}

LumChannel *
lum_channel_new (void)
{
  return g_object_new (LUM_TYPE_CHANNEL, NULL);
}

/**
 * lum_channel_copy:
 *
 * A deep copy with the same id: the editor works on a copy so that Cancel
 * leaves the listed channel untouched.
 */
LumChannel *
lum_channel_copy (LumChannel *self)
{
  static const char *names[] = {
    "id", "name", "warehouse-group-id", "warehouse-group-name", "internal", "description",
    "tags", "push-to-oms", "oms-integration-id", "oms-integration-name", "oms-store-id",
    "oms-store-name", "push-delay-minutes", "push-fulfillment-updates", "order-flow",
    "invoice-type-id", "invoice-type-name", "invoice-timing", "accounting-integration-id",
    "accounting-integration-name", "archived",
  };
  GValue values[G_N_ELEMENTS (names)] = { G_VALUE_INIT };
  LumChannel *copy;
  guint n;

  g_return_val_if_fail (LUM_IS_CHANNEL (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self), names[i]);
      g_value_init (&values[i], pspec->value_type);
      g_object_get_property (G_OBJECT (self), names[i], &values[i]);
    }
  copy = LUM_CHANNEL (g_object_new_with_properties (LUM_TYPE_CHANNEL, G_N_ELEMENTS (names),
                                                    names, values));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_value_unset (&values[i]);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->mappings));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LumFieldMapping) m = g_list_model_get_item (G_LIST_MODEL (self->mappings), i);
      lum_channel_add_mapping (copy,
                               lum_field_mapping_get_lumen_field (m),
                               lum_field_mapping_get_remote_field (m));
    }
  copy->version = self->version;

  return copy;
}

gint64
lum_channel_get_id (LumChannel *self)
{
  g_return_val_if_fail (LUM_IS_CHANNEL (self), 0);
  return self->id;
}

void
lum_channel_set_id (LumChannel *self,
                    gint64      id)
{
  g_return_if_fail (LUM_IS_CHANNEL (self));
  set_id_field (self, &self->id, id, PROP_ID);
}

/* Raised by every save (lum-store-version.h); 0 for a channel not read
 * from the store. */
gint64
lum_channel_get_version (LumChannel *self)
{
  g_return_val_if_fail (LUM_IS_CHANNEL (self), 0);
  return self->version;
}

void
lum_channel_set_version (LumChannel *self,
                         gint64      version)
{
  g_return_if_fail (LUM_IS_CHANNEL (self));
  self->version = version;
}

const char *
lum_channel_get_name (LumChannel *self)
{
  g_return_val_if_fail (LUM_IS_CHANNEL (self), NULL);
  return self->name;
}

void
lum_channel_set_name (LumChannel *self,
                      const char *name)
{
  g_return_if_fail (LUM_IS_CHANNEL (self));
  set_str_field (self, &self->name, name ? name : "", PROP_NAME);
}

gint64
lum_channel_get_warehouse_group_id (LumChannel *self)
{
  g_return_val_if_fail (LUM_IS_CHANNEL (self), 0);
  return self->warehouse_group_id;
}

void
lum_channel_set_warehouse_group_id (LumChannel *self,
                                    gint64      id)
{
  g_return_if_fail (LUM_IS_CHANNEL (self));
  set_id_field (self, &self->warehouse_group_id, id, PROP_WAREHOUSE_GROUP_ID);
}

const char *
lum_channel_get_warehouse_group_name (LumChannel *self)
{
  g_return_val_if_fail (LUM_IS_CHANNEL (self), NULL);
  return self->warehouse_group_name;
}

void
lum_channel_set_warehouse_group_name (LumChannel *self,
                                      const char *name)
{
  g_return_if_fail (LUM_IS_CHANNEL (self));
  set_str_field (self, &self->warehouse_group_name, name, PROP_WAREHOUSE_GROUP_NAME);
}

gboolean
lum_channel_get_internal (LumChannel *self)
{
  g_return_val_if_fail (LUM_IS_CHANNEL (self), FALSE);
  return self->internal;
}

void
lum_channel_set_internal (LumChannel *self,
                          gboolean    internal)
{
  g_return_if_fail (LUM_IS_CHANNEL (self));
  set_bool_field (self, &self->internal, internal, PROP_INTERNAL);
}

const char *
lum_channel_get_description (LumChannel *self)
{
  g_return_val_if_fail (LUM_IS_CHANNEL (self), NULL);
  return self->description;
}

void
lum_channel_set_description (LumChannel *self,
                             const char *description)
{
  g_return_if_fail (LUM_IS_CHANNEL (self));
  set_str_field (self, &self->description, description ? description : "", PROP_DESCRIPTION);
}

const char * const *
lum_channel_get_tags (LumChannel *self)
{
  g_return_val_if_fail (LUM_IS_CHANNEL (self), NULL);
  return (const char * const *)self->tags;
}

void
lum_channel_set_tags (LumChannel         *self,
                      const char * const *tags)
{
  g_return_if_fail (LUM_IS_CHANNEL (self));
  if (lum_set_strv (&self->tags, tags))
    notify_prop (self, PROP_TAGS);
}

gboolean
lum_channel_get_push_to_oms (LumChannel *self)
{
  g_return_val_if_fail (LUM_IS_CHANNEL (self), FALSE);
  return self->push_to_oms;
}

void
lum_channel_set_push_to_oms (LumChannel *self,
                             gboolean    push)
{
  g_return_if_fail (LUM_IS_CHANNEL (self));
  set_bool_field (self, &self->push_to_oms, push, PROP_PUSH_TO_OMS);
}

gint64
lum_channel_get_oms_integration_id (LumChannel *self)
{
  g_return_val_if_fail (LUM_IS_CHANNEL (self), 0);
  return self->oms_integration_id;
}

void
lum_channel_set_oms_integration_id (LumChannel *self,
                                    gint64      id)
{
  g_return_if_fail (LUM_IS_CHANNEL (self));
  set_id_field (self, &self->oms_integration_id, id, PROP_OMS_INTEGRATION_ID);
}

const char *
lum_channel_get_oms_integration_name (LumChannel *self)
{
  g_return_val_if_fail (LUM_IS_CHANNEL (self), NULL);
  return self->oms_integration_name;
}

void
lum_channel_set_oms_integration_name (LumChannel *self,
                                      const char *name)
{
  g_return_if_fail (LUM_IS_CHANNEL (self));
  set_str_field (self, &self->oms_integration_name, name, PROP_OMS_INTEGRATION_NAME);
}

const char *
lum_channel_get_oms_store_id (LumChannel *self)
{
  g_return_val_if_fail (LUM_IS_CHANNEL (self), NULL);
  return self->oms_store_id;
}

void
lum_channel_set_oms_store_id (LumChannel *self,
                              const char *store_id)
{
  g_return_if_fail (LUM_IS_CHANNEL (self));
  set_str_field (self, &self->oms_store_id, store_id, PROP_OMS_STORE_ID);
}

const char *
lum_channel_get_oms_store_name (LumChannel *self)
{
  g_return_val_if_fail (LUM_IS_CHANNEL (self), NULL);
  return self->oms_store_name;
}

void
lum_channel_set_oms_store_name (LumChannel *self,
                                const char *store_name)
{
  g_return_if_fail (LUM_IS_CHANNEL (self));
  set_str_field (self, &self->oms_store_name, store_name, PROP_OMS_STORE_NAME);
}

int
lum_channel_get_push_delay_minutes (LumChannel *self)
{
  g_return_val_if_fail (LUM_IS_CHANNEL (self), LUM_PUSH_DELAY_IMMEDIATE);
  return self->push_delay_minutes;
}

/* @minutes: LUM_PUSH_DELAY_IMMEDIATE (blank) or minutes; range is checked on save. */
void
lum_channel_set_push_delay_minutes (LumChannel *self,
                                    int         minutes)
{
  g_return_if_fail (LUM_IS_CHANNEL (self));
  if (minutes < LUM_PUSH_DELAY_IMMEDIATE)
    minutes = LUM_PUSH_DELAY_IMMEDIATE;
  if (self->push_delay_minutes == minutes)
    return;
  self->push_delay_minutes = minutes;
  notify_prop (self, PROP_PUSH_DELAY_MINUTES);
}

gboolean
lum_channel_get_push_fulfillment_updates (LumChannel *self)
{
  g_return_val_if_fail (LUM_IS_CHANNEL (self), FALSE);
  return self->push_fulfillment_updates;
}

void
lum_channel_set_push_fulfillment_updates (LumChannel *self,
                                          gboolean    updates)
{
  g_return_if_fail (LUM_IS_CHANNEL (self));
  set_bool_field (self, &self->push_fulfillment_updates, updates, PROP_PUSH_FULFILLMENT_UPDATES);
}

GListModel *
lum_channel_get_mappings (LumChannel *self)
{
  g_return_val_if_fail (LUM_IS_CHANNEL (self), NULL);
  return G_LIST_MODEL (self->mappings);
}

void
lum_channel_add_mapping (LumChannel *self,
                         const char *lumen_field,
                         const char *remote_field)
{
  g_autoptr(LumFieldMapping) mapping = NULL;

  g_return_if_fail (LUM_IS_CHANNEL (self));

  mapping = lum_field_mapping_new (lumen_field, remote_field);
  g_list_store_append (self->mappings, mapping);
}

void
lum_channel_clear_mappings (LumChannel *self)
{
  g_return_if_fail (LUM_IS_CHANNEL (self));
  g_list_store_remove_all (self->mappings);
}

LumOrderFlow
lum_channel_get_order_flow (LumChannel *self)
{
  g_return_val_if_fail (LUM_IS_CHANNEL (self), LUM_ORDER_FLOW_SO_FIRST);
  return self->order_flow;
}

void
lum_channel_set_order_flow (LumChannel   *self,
                            LumOrderFlow  flow)
{
  g_return_if_fail (LUM_IS_CHANNEL (self));
  if (self->order_flow == flow)
    return;
  self->order_flow = flow;
  notify_prop (self, PROP_ORDER_FLOW);
}

gint64
lum_channel_get_invoice_type_id (LumChannel *self)
{
  g_return_val_if_fail (LUM_IS_CHANNEL (self), 0);
  return self->invoice_type_id;
}

void
lum_channel_set_invoice_type_id (LumChannel *self,
                                 gint64      id)
{
  g_return_if_fail (LUM_IS_CHANNEL (self));
  set_id_field (self, &self->invoice_type_id, id, PROP_INVOICE_TYPE_ID);
}

const char *
lum_channel_get_invoice_type_name (LumChannel *self)
{
  g_return_val_if_fail (LUM_IS_CHANNEL (self), NULL);
  return self->invoice_type_name;
}

void
lum_channel_set_invoice_type_name (LumChannel *self,
                                   const char *name)
{
  g_return_if_fail (LUM_IS_CHANNEL (self));
  set_str_field (self, &self->invoice_type_name, name, PROP_INVOICE_TYPE_NAME);
}

LumInvoiceTiming
lum_channel_get_invoice_timing (LumChannel *self)
{
  g_return_val_if_fail (LUM_IS_CHANNEL (self), LUM_INVOICE_TIMING_NONE);
  return self->invoice_timing;
}

void
lum_channel_set_invoice_timing (LumChannel       *self,
                                LumInvoiceTiming  timing)
{
  g_return_if_fail (LUM_IS_CHANNEL (self));
  if (self->invoice_timing == timing)
    return;
  self->invoice_timing = timing;
  notify_prop (self, PROP_INVOICE_TIMING);
}

gint64
lum_channel_get_accounting_integration_id (LumChannel *self)
{
  g_return_val_if_fail (LUM_IS_CHANNEL (self), 0);
  return self->accounting_integration_id;
}

void
lum_channel_set_accounting_integration_id (LumChannel *self,
                                           gint64      id)
{
  g_return_if_fail (LUM_IS_CHANNEL (self));
  set_id_field (self, &self->accounting_integration_id, id, PROP_ACCOUNTING_INTEGRATION_ID);
}

const char *
lum_channel_get_accounting_integration_name (LumChannel *self)
{
  g_return_val_if_fail (LUM_IS_CHANNEL (self), NULL);
  return self->accounting_integration_name;
}

void
lum_channel_set_accounting_integration_name (LumChannel *self,
                                             const char *name)
{
  g_return_if_fail (LUM_IS_CHANNEL (self));
  set_str_field (self, &self->accounting_integration_name, name, PROP_ACCOUNTING_INTEGRATION_NAME);
}

gboolean
lum_channel_get_archived (LumChannel *self)
{
  g_return_val_if_fail (LUM_IS_CHANNEL (self), FALSE);
  return self->archived;
}

void
lum_channel_set_archived (LumChannel *self,
                          gboolean    archived)
{
  g_return_if_fail (LUM_IS_CHANNEL (self));
  set_bool_field (self, &self->archived, archived, PROP_ARCHIVED);
}

/* "Sandbox ShipStation · Wholesale · after 15 min", or "Not pushed". */
char *
lum_channel_dup_destination_summary (LumChannel *self)
{
  g_autoptr(GString) str = NULL;
  const char *store;

  g_return_val_if_fail (LUM_IS_CHANNEL (self), NULL);

  if (!self->push_to_oms)
    return g_strdup (_("Not pushed"));

  str = g_string_new (self->oms_integration_name ? self->oms_integration_name : _("No integration"));
  store = !lum_str_empty (self->oms_store_name) ? self->oms_store_name : self->oms_store_id;
  if (!lum_str_empty (store))
    g_string_append_printf (str, " · %s", store);
  if (self->push_delay_minutes == LUM_PUSH_DELAY_IMMEDIATE || self->push_delay_minutes == 0)
    {
      g_string_append_printf (str, " · %s", _("immediately"));
    }
  else
    {
      g_autofree char *delay = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "after %d min", "after %d min",
                                                             self->push_delay_minutes),
                                                self->push_delay_minutes);
      g_string_append_printf (str, " · %s", delay);
    }

  return g_string_free (g_steal_pointer (&str), FALSE);
}

char *
lum_channel_dup_flow_summary (LumChannel *self)
{
  g_return_val_if_fail (LUM_IS_CHANNEL (self), NULL);

  if (self->order_flow == LUM_ORDER_FLOW_INVOICE_FIRST)
    return g_strdup (_("Invoice first"));
  if (self->invoice_timing == LUM_INVOICE_TIMING_SHIPMENT_CREATED)
    return g_strdup (_("Sales order first · invoice on shipment"));
  return g_strdup (_("Sales order first · invoice with order"));
}

char *
lum_channel_dup_tags_text (LumChannel *self)
{
  g_return_val_if_fail (LUM_IS_CHANNEL (self), NULL);
  return g_strjoinv (", ", self->tags);
}

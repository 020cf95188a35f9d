/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "lum-integration.h"
#include "lum-enum-types.h"
#include "lum-util.h"

struct _LumIntegration
{
  GObject             parent_instance;

  gint64              id;
  LumIntegrationKind  kind;
  char               *name;
  char               *base_url;
  char               *state;
  char               *secret_scope;
  GHashTable         *settings;
};

G_DEFINE_FINAL_TYPE (LumIntegration, lum_integration, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_NAME,
  PROP_BASE_URL,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lum_integration_finalize (GObject *object)
{
  LumIntegration *self = (LumIntegration *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->state, g_free);
  g_clear_pointer (&self->secret_scope, g_free);
  g_clear_pointer (&self->settings, g_hash_table_unref);

  G_OBJECT_CLASS (lum_integration_parent_class)->finalize (object);
}

static void
lum_integration_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LumIntegration *self = LUM_INTEGRATION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_STATE:
      g_value_set_string (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_integration_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LumIntegration *self = LUM_INTEGRATION (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_NAME:
      lum_integration_set_name (self, g_value_get_string (value));
      break;
    case PROP_BASE_URL:
      lum_integration_set_base_url (self, g_value_get_string (value));
      break;
    case PROP_STATE:
      lum_integration_set_state (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_integration_class_init (LumIntegrationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lum_integration_finalize;
  object_class->get_property = lum_integration_get_property;
  object_class->set_property = lum_integration_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       LUM_TYPE_INTEGRATION_KIND, LUM_INTEGRATION_KIND_SHIPSTATION,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, "ok",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lum_integration_init (LumIntegration *self)
{
  self->settings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->state = g_strdup ("ok");
}

LumIntegration *
lum_integration_new (LumIntegrationKind  kind,
                     const char         *name)
{
  return g_object_new (LUM_TYPE_INTEGRATION,
                       "kind", kind,
                       "name", name,
                       "base-url", lum_integration_kind_default_url (kind),
                       NULL);
}

gint64
lum_integration_get_id (LumIntegration *self)
{
  g_return_val_if_fail (LUM_IS_INTEGRATION (self), 0);
  return self->id;
}

void
lum_integration_set_id (LumIntegration *self,
                        gint64          id)
{
  g_return_if_fail (LUM_IS_INTEGRATION (self));
  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

LumIntegrationKind
lum_integration_get_kind (LumIntegration *self)
{
  g_return_val_if_fail (LUM_IS_INTEGRATION (self), 0);
  return self->kind;
}

const char *
lum_integration_get_kind_nick (LumIntegration *self)
{
  g_return_val_if_fail (LUM_IS_INTEGRATION (self), NULL);
  return lum_enum_to_nick (LUM_TYPE_INTEGRATION_KIND, self->kind);
}

const char *
lum_integration_get_name (LumIntegration *self)
{
  g_return_val_if_fail (LUM_IS_INTEGRATION (self), NULL);
  return self->name;
}

void
lum_integration_set_name (LumIntegration *self,
                          const char     *name)
{
  g_return_if_fail (LUM_IS_INTEGRATION (self));
  if (lum_set_str (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
lum_integration_get_base_url (LumIntegration *self)
{
  g_return_val_if_fail (LUM_IS_INTEGRATION (self), NULL);
  return self->base_url;
}

void
lum_integration_set_base_url (LumIntegration *self,
                              const char     *base_url)
{
  g_return_if_fail (LUM_IS_INTEGRATION (self));
  if (lum_set_str (&self->base_url, base_url))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
}

const char *
lum_integration_get_state (LumIntegration *self)
{
  g_return_val_if_fail (LUM_IS_INTEGRATION (self), NULL);
  return self->state;
}

void
lum_integration_set_state (LumIntegration *self,
                           const char     *state)
{
  g_return_if_fail (LUM_IS_INTEGRATION (self));
  if (lum_set_str (&self->state, state ? state : "ok"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

const char *
lum_integration_get_setting (LumIntegration *self,
                             const char     *key)
{
  g_return_val_if_fail (LUM_IS_INTEGRATION (self), NULL);
  return g_hash_table_lookup (self->settings, key);
}

void
lum_integration_set_setting (LumIntegration *self,
                             const char     *key,
                             const char     *value)
{
  g_return_if_fail (LUM_IS_INTEGRATION (self));
  if (value == NULL)
    g_hash_table_remove (self->settings, key);
  else
    g_hash_table_insert (self->settings, g_strdup (key), g_strdup (value));
}

char *
lum_integration_dup_settings_json (LumIntegration *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GList) keys = g_hash_table_get_keys (self->settings);
  g_autoptr(JsonNode) root = NULL;

  keys = g_list_sort (keys, (GCompareFunc)g_strcmp0);
  json_builder_begin_object (builder);
  for (GList *l = keys; l; l = l->next)
    {
      json_builder_set_member_name (builder, l->data);
      json_builder_add_string_value (builder, g_hash_table_lookup (self->settings, l->data));
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

gboolean
lum_integration_load_settings_json (LumIntegration *self,
                                    const char     *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  JsonObjectIter iter;
  const char *key;
  JsonNode *node;

  if (!json_parser_load_from_data (parser, json ? json : "{}", -1, NULL))
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;

  object = json_node_get_object (json_parser_get_root (parser));
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &key, &node))
    if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
      lum_integration_set_setting (self, key, json_node_get_string (node));

  return TRUE;
}

/* The database the integration belongs to: with its id, the key of its
 * secrets in the keyring. */
const char *
lum_integration_get_secret_scope (LumIntegration *self)
{
  g_return_val_if_fail (LUM_IS_INTEGRATION (self), NULL);
  return self->secret_scope;
}

void
lum_integration_set_secret_scope (LumIntegration *self,
                                  const char     *scope)
{
  g_return_if_fail (LUM_IS_INTEGRATION (self));
  lum_set_str (&self->secret_scope, scope);
}

gboolean
lum_integration_is_oms (LumIntegration *self)
{
  g_return_val_if_fail (LUM_IS_INTEGRATION (self), FALSE);
  return lum_integration_kind_is_oms (self->kind);
}

gboolean
lum_integration_is_sandbox (LumIntegration *self)
{
  g_return_val_if_fail (LUM_IS_INTEGRATION (self), FALSE);
  return g_strcmp0 (lum_integration_get_setting (self, LUM_SETTING_SANDBOX), "true") == 0;
}

/**
 * lum_integration_dup_web_link:
 * @remote_id: (nullable): the service's id of the document
 * @document_number: (nullable): Lumen's number of it (SO-…, INV-…)
 *
 * Where the document opens in the service's web app. ShipStation (either
 * API) has no documented address of one order, so this is its search for
 * the order number; QuickBooks Online opens an invoice by its Id (txnId),
 * in the sandbox web app for a sandbox company. Extensiv 3PL Warehouse
 * Manager documents no such address, and Lumen's own sandbox has no pages.
 *
 * Returns: (transfer full) (nullable): the address, or %NULL for none
 */
char *
lum_integration_dup_web_link (LumIntegration *self,
                              const char     *remote_id,
                              const char     *document_number)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (LUM_IS_INTEGRATION (self), NULL);

  if (lum_integration_is_sandbox (self))
    return NULL;
  switch (lum_integration_get_kind (self))
    {
    case LUM_INTEGRATION_KIND_SHIPSTATION:
    case LUM_INTEGRATION_KIND_SHIPSTATION_V2:
      if (document_number == NULL || *document_number == '\0' || remote_id == NULL || *remote_id == '\0')
        return NULL;
      escaped = g_uri_escape_string (document_number, NULL, FALSE);
      return g_strconcat ("https://ship.shipstation.com/orders/all-orders-search-result?quickSearch=", escaped, NULL);
    case LUM_INTEGRATION_KIND_QUICKBOOKS:
      if (remote_id == NULL || *remote_id == '\0')
        return NULL;
      escaped = g_uri_escape_string (remote_id, NULL, FALSE);
      return g_strconcat (g_str_has_prefix (lum_integration_get_base_url (self), LUM_QUICKBOOKS_SANDBOX_URL)
                          ? "https://app.sandbox.qbo.intuit.com/app/invoice?txnId="
                          : "https://app.qbo.intuit.com/app/invoice?txnId=", escaped, NULL);
    case LUM_INTEGRATION_KIND_EXTENSIV:
    default:
      return NULL;
    }
}

const char *
lum_integration_kind_default_url (LumIntegrationKind kind)
{
  switch (kind)
    {
    case LUM_INTEGRATION_KIND_SHIPSTATION:
      return "https://ssapi.shipstation.com";
    case LUM_INTEGRATION_KIND_EXTENSIV:
      return "https://secure-wms.com";
    case LUM_INTEGRATION_KIND_QUICKBOOKS:
      return "https://quickbooks.api.intuit.com";
    case LUM_INTEGRATION_KIND_SHIPSTATION_V2:
      return "https://api.shipstation.com";
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
lum_integration_kind_to_label (LumIntegrationKind kind)
{
  switch (kind)
    {
    case LUM_INTEGRATION_KIND_SHIPSTATION:
      return _("ShipStation");
    case LUM_INTEGRATION_KIND_EXTENSIV:
      return _("Extensiv 3PL Warehouse Manager");
    case LUM_INTEGRATION_KIND_QUICKBOOKS:
      return _("QuickBooks Online");
    case LUM_INTEGRATION_KIND_SHIPSTATION_V2:
      return _("ShipStation (API V2)");
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
lum_integration_kind_is_oms (LumIntegrationKind kind)
{
  return kind == LUM_INTEGRATION_KIND_SHIPSTATION || kind == LUM_INTEGRATION_KIND_SHIPSTATION_V2 ||
         kind == LUM_INTEGRATION_KIND_EXTENSIV;
}

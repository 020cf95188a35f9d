/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lum-field-mapping.h"
#include "lum-field-path.h"
#include "lum-json.h"
#include "lum-util.h"

struct _LumFieldMapping
{
  GObject  parent_instance;

  char    *lumen_field;
  char    *remote_field;
};

G_DEFINE_FINAL_TYPE (LumFieldMapping, lum_field_mapping, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LUMEN_FIELD,
  PROP_REMOTE_FIELD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lum_field_mapping_finalize (GObject *object)
{
  LumFieldMapping *self = (LumFieldMapping *)object;

  g_clear_pointer (&self->lumen_field, g_free);
  g_clear_pointer (&self->remote_field, g_free);

  G_OBJECT_CLASS (lum_field_mapping_parent_class)->finalize (object);
}

static void
lum_field_mapping_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LumFieldMapping *self = LUM_FIELD_MAPPING (object);

  switch (prop_id)
    {
    case PROP_LUMEN_FIELD:
      g_value_set_string (value, self->lumen_field);
      break;
    case PROP_REMOTE_FIELD:
      g_value_set_string (value, self->remote_field);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_field_mapping_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LumFieldMapping *self = LUM_FIELD_MAPPING (object);

  switch (prop_id)
    {
    case PROP_LUMEN_FIELD:
      lum_field_mapping_set_lumen_field (self, g_value_get_string (value));
      break;
    case PROP_REMOTE_FIELD:
      lum_field_mapping_set_remote_field (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_field_mapping_class_init (LumFieldMappingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lum_field_mapping_finalize;
  object_class->get_property = lum_field_mapping_get_property;
  object_class->set_property = lum_field_mapping_set_property;

  properties[PROP_LUMEN_FIELD] =
    g_param_spec_string ("lumen-field", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_REMOTE_FIELD] =
    g_param_spec_string ("remote-field", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lum_field_mapping_init (LumFieldMapping *self)
{
}

LumFieldMapping *
lum_field_mapping_new (const char *lumen_field,
                       const char *remote_field)
{
  return g_object_new (LUM_TYPE_FIELD_MAPPING,
                       "lumen-field", lumen_field,
                       "remote-field", remote_field,
                       NULL);
}

const char *
lum_field_mapping_get_lumen_field (LumFieldMapping *self)
{
  g_return_val_if_fail (LUM_IS_FIELD_MAPPING (self), NULL);
  return self->lumen_field;
}

void
lum_field_mapping_set_lumen_field (LumFieldMapping *self,
                                   const char      *lumen_field)
{
  g_return_if_fail (LUM_IS_FIELD_MAPPING (self));
  if (lum_set_str (&self->lumen_field, lumen_field))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LUMEN_FIELD]);
}

const char *
lum_field_mapping_get_remote_field (LumFieldMapping *self)
{
  g_return_val_if_fail (LUM_IS_FIELD_MAPPING (self), NULL);
  return self->remote_field;
}

void
lum_field_mapping_set_remote_field (LumFieldMapping *self,
                                    const char      *remote_field)
{
  g_return_if_fail (LUM_IS_FIELD_MAPPING (self));
  if (lum_set_str (&self->remote_field, remote_field))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_FIELD]);
}

/**
 * lum_field_mappings_describe:
 * @mappings: (element-type LumFieldMapping): a channel's mappings
 * @payload: (nullable): the body they were applied to
 *
 * One line per mapping, `remote.path = <value in @payload> (lumen_field)`,
 * as the channel test and the document view show them beside the body.
 */
char *
lum_field_mappings_describe (GListModel *mappings,
                             JsonNode   *payload)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (payload == NULL || !JSON_NODE_HOLDS_OBJECT (payload))
    return g_string_free (g_steal_pointer (&text), FALSE);
  for (guint i = 0; i < g_list_model_get_n_items (mappings); i++)
    {
      g_autoptr(LumFieldMapping) m = g_list_model_get_item (mappings, i);
      g_autoptr(LumFieldPath) path = lum_field_path_parse (lum_field_mapping_get_remote_field (m), NULL);
      JsonNode *value = path ? lum_field_path_get (path, json_node_get_object (payload)) : NULL;
      g_autofree char *shown = value ? lum_json_write (value, FALSE) : g_strdup (_("(missing)"));

      g_string_append_printf (text, "%s%s = %s (%s)", text->len ? "\n" : "",
                              lum_field_mapping_get_remote_field (m), shown,
                              lum_field_mapping_get_lumen_field (m));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

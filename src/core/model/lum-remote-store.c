/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-model"

#include "lum-remote-store.h"

struct _LumRemoteStore
{
  GObject  parent_instance;

  char    *remote_id;
  char    *name;
};

G_DEFINE_FINAL_TYPE (LumRemoteStore, lum_remote_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REMOTE_ID,
  PROP_NAME,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lum_remote_store_finalize (GObject *object)
{
  LumRemoteStore *self = (LumRemoteStore *)object;

  g_clear_pointer (&self->remote_id, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (lum_remote_store_parent_class)->finalize (object);
}

static void
lum_remote_store_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LumRemoteStore *self = LUM_REMOTE_STORE (object);

  switch (prop_id)
    {
    case PROP_REMOTE_ID:
      g_value_set_string (value, self->remote_id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_LABEL:
      g_value_take_string (value, lum_remote_store_dup_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_remote_store_class_init (LumRemoteStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lum_remote_store_finalize;
  object_class->get_property = lum_remote_store_get_property;

  properties[PROP_REMOTE_ID] =
    g_param_spec_string ("remote-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lum_remote_store_init (LumRemoteStore *self)
{
}

LumRemoteStore *
lum_remote_store_new (const char *remote_id,
                      const char *name)
{
  LumRemoteStore *self = g_object_new (LUM_TYPE_REMOTE_STORE, NULL);

  self->remote_id = g_strdup (remote_id);
  self->name = g_strdup (name);
  return self;
}

const char *
lum_remote_store_get_remote_id (LumRemoteStore *self)
{
  g_return_val_if_fail (LUM_IS_REMOTE_STORE (self), NULL);
  return self->remote_id;
}

const char *
lum_remote_store_get_name (LumRemoteStore *self)
{
  g_return_val_if_fail (LUM_IS_REMOTE_STORE (self), NULL);
  return self->name;
}

/* "Wholesale (1001)": what a chooser shows. */
char *
lum_remote_store_dup_label (LumRemoteStore *self)
{
  g_return_val_if_fail (LUM_IS_REMOTE_STORE (self), NULL);
  if (self->name == NULL || *self->name == '\0')
    return g_strdup (self->remote_id);
  return g_strdup_printf ("%s (%s)", self->name, self->remote_id);
}

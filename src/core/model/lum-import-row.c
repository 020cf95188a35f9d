/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-model"

#include "lum-import-row.h"

struct _LumImportRow
{
  GObject   parent_instance;

  guint     line;
  GObject  *record;
  char     *summary;
  gboolean  update;
  char     *error;
};

G_DEFINE_FINAL_TYPE (LumImportRow, lum_import_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LINE,
  PROP_RECORD,
  PROP_SUMMARY,
  PROP_UPDATE,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lum_import_row_finalize (GObject *object)
{
  LumImportRow *self = (LumImportRow *)object;

  g_clear_object (&self->record);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (lum_import_row_parent_class)->finalize (object);
}

static void
lum_import_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LumImportRow *self = LUM_IMPORT_ROW (object);

  switch (prop_id)
    {
    case PROP_LINE:
      g_value_set_uint (value, self->line);
      break;
    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_UPDATE:
      g_value_set_boolean (value, self->update);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_import_row_class_init (LumImportRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = lum_import_row_finalize;
  object_class->get_property = lum_import_row_get_property;

  properties[PROP_LINE] = g_param_spec_uint ("line", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_RECORD] = g_param_spec_object ("record", NULL, NULL, G_TYPE_OBJECT, ro);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, ro);
  properties[PROP_UPDATE] = g_param_spec_boolean ("update", NULL, NULL, FALSE, ro);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lum_import_row_init (LumImportRow *self)
{
}

LumImportRow *
lum_import_row_new (guint       line,
                    GObject    *record,
                    const char *summary,
                    gboolean    update,
                    const char *error)
{
  LumImportRow *self = g_object_new (LUM_TYPE_IMPORT_ROW, NULL);

  self->line = line;
  self->record = record ? g_object_ref (record) : NULL;
  self->summary = g_strdup (summary);
  self->update = update;
  self->error = g_strdup (error);
  return self;
}

guint
lum_import_row_get_line (LumImportRow *self)
{
  g_return_val_if_fail (LUM_IS_IMPORT_ROW (self), 0);
  return self->line;
}

gpointer
lum_import_row_get_record (LumImportRow *self)
{
  g_return_val_if_fail (LUM_IS_IMPORT_ROW (self), NULL);
  return self->record;
}

const char *
lum_import_row_get_summary (LumImportRow *self)
{
  g_return_val_if_fail (LUM_IS_IMPORT_ROW (self), NULL);
  return self->summary;
}

gboolean
lum_import_row_get_update (LumImportRow *self)
{
  g_return_val_if_fail (LUM_IS_IMPORT_ROW (self), FALSE);
  return self->update;
}

const char *
lum_import_row_get_error (LumImportRow *self)
{
  g_return_val_if_fail (LUM_IS_IMPORT_ROW (self), NULL);
  return self->error;
}

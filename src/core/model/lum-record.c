/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-model"

#include "lum-record.h"
#include "lum-util.h"

typedef struct
{
  char   **text;    /* NULL for the empty text: most columns of a row are */
  gint64  *ints;
  guint64  dirty;   /* bit n_int + i: text i changed; bit i: int i changed */
} LumRecordPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (LumRecord, lum_record, G_TYPE_OBJECT)

/* Storage follows the class of the instance, which is only complete once
 * the subclass's init ran: allocate on first use. */
static LumRecordPrivate *
get_priv (LumRecord *self)
{
  LumRecordPrivate *priv = lum_record_get_instance_private (self);

  if (priv->text == NULL)
    {
      LumRecordClass *klass = LUM_RECORD_GET_CLASS (self);

      priv->text = g_new0 (char *, klass->n_text + 1);
      priv->ints = g_new0 (gint64, klass->n_int + 1);
    }
  return priv;
}

static void
lum_record_finalize (GObject *object)
{
  LumRecordPrivate *priv = lum_record_get_instance_private (LUM_RECORD (object));

  if (priv->text != NULL)
    {
      LumRecordClass *klass = LUM_RECORD_GET_CLASS (object);

      for (guint i = 0; i < klass->n_text; i++)
        g_free (priv->text[i]);
      g_clear_pointer (&priv->text, g_free);
    }
  g_clear_pointer (&priv->ints, g_free);

  G_OBJECT_CLASS (lum_record_parent_class)->finalize (object);
}

static void
lum_record_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  if (!lum_record_get_column_property (object, prop_id, value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
lum_record_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  if (!lum_record_set_column_property (object, prop_id, value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
lum_record_class_init (LumRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lum_record_finalize;
  object_class->get_property = lum_record_get_property;
  object_class->set_property = lum_record_set_property;
}

static void
lum_record_init (LumRecord *self)
{
}

/**
 * lum_record_class_set_columns:
 *
 * Installs one property a column on @klass: ints first (ids 1…n_int), then
 * texts. The arrays must outlive the class (static tables). Sets the
 * class's get_property and set_property to the record's: call it first.
 */
void
lum_record_class_set_columns (LumRecordClass     *klass,
                              const char * const *text_columns,
                              guint               n_text,
                              const char * const *int_columns,
                              guint               n_int)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_NICK | G_PARAM_STATIC_BLURB |
                      G_PARAM_EXPLICIT_NOTIFY;

  /* GObject does not inherit these; a subclass may override them after */
  object_class->get_property = lum_record_get_property;
  object_class->set_property = lum_record_set_property;

  klass->text_columns = text_columns;
  klass->n_text = n_text;
  klass->int_columns = int_columns;
  klass->n_int = n_int;
  klass->pspecs = g_new0 (GParamSpec *, n_int + n_text + 1);

  for (guint i = 0; i < n_int; i++)
    {
      g_autofree char *name = g_strdelimit (g_strdup (int_columns[i]), "_", '-');

      klass->pspecs[1 + i] = g_param_spec_int64 (g_intern_string (name), NULL, NULL,
                                                 G_MININT64, G_MAXINT64, 0, flags);
      g_object_class_install_property (object_class, 1 + i, klass->pspecs[1 + i]);
    }
  for (guint i = 0; i < n_text; i++)
    {
      guint id = 1 + n_int + i;
      g_autofree char *name = g_strdelimit (g_strdup (text_columns[i]), "_", '-');

      klass->pspecs[id] = g_param_spec_string (g_intern_string (name), NULL, NULL, "", flags);
      g_object_class_install_property (object_class, id, klass->pspecs[id]);
    }
}

guint
lum_record_class_get_n_props (LumRecordClass *klass)
{
  return klass->n_int + klass->n_text;
}

gboolean
lum_record_get_column_property (GObject *object,
                                guint    prop_id,
                                GValue  *value)
{
  LumRecord *self = LUM_RECORD (object);
  LumRecordClass *klass = LUM_RECORD_GET_CLASS (self);

  if (prop_id >= 1 && prop_id <= klass->n_int)
    g_value_set_int64 (value, lum_record_get_int (self, prop_id - 1));
  else if (prop_id > klass->n_int && prop_id <= klass->n_int + klass->n_text)
    g_value_set_string (value, lum_record_get_text (self, prop_id - 1 - klass->n_int));
  else
    return FALSE;
  return TRUE;
}

gboolean
lum_record_set_column_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value)
{
  LumRecord *self = LUM_RECORD (object);
  LumRecordClass *klass = LUM_RECORD_GET_CLASS (self);

  if (prop_id >= 1 && prop_id <= klass->n_int)
    lum_record_set_int (self, prop_id - 1, g_value_get_int64 (value));
  else if (prop_id > klass->n_int && prop_id <= klass->n_int + klass->n_text)
    lum_record_set_text (self, prop_id - 1 - klass->n_int, g_value_get_string (value));
  else
    return FALSE;
  return TRUE;
}

const char *
lum_record_get_text (LumRecord *self,
                     guint      field)
{
  const char *text;

  g_return_val_if_fail (LUM_IS_RECORD (self), NULL);
  g_return_val_if_fail (field < LUM_RECORD_GET_CLASS (self)->n_text, NULL);
  text = get_priv (self)->text[field];
  return text != NULL ? text : "";
}

void
lum_record_set_text (LumRecord  *self,
                     guint       field,
                     const char *value)
{
  LumRecordClass *klass;
  LumRecordPrivate *priv;

  g_return_if_fail (LUM_IS_RECORD (self));
  klass = LUM_RECORD_GET_CLASS (self);
  g_return_if_fail (field < klass->n_text);

  priv = get_priv (self);
  if (value == NULL)
    value = "";
  if (g_strcmp0 (priv->text[field] ? priv->text[field] : "", value) == 0)
    return;
  g_free (priv->text[field]);
  priv->text[field] = *value != '\0' ? g_strdup (value) : NULL;
  priv->dirty |= G_GUINT64_CONSTANT (1) << MIN (klass->n_int + field, 63);
  g_object_notify_by_pspec (G_OBJECT (self), klass->pspecs[1 + klass->n_int + field]);
}

gint64
lum_record_get_int (LumRecord *self,
                    guint      field)
{
  g_return_val_if_fail (LUM_IS_RECORD (self), 0);
  g_return_val_if_fail (field < LUM_RECORD_GET_CLASS (self)->n_int, 0);
  return get_priv (self)->ints[field];
}

void
lum_record_set_int (LumRecord *self,
                    guint      field,
                    gint64     value)
{
  LumRecordClass *klass;
  LumRecordPrivate *priv;

  g_return_if_fail (LUM_IS_RECORD (self));
  klass = LUM_RECORD_GET_CLASS (self);
  g_return_if_fail (field < klass->n_int);

  priv = get_priv (self);
  if (priv->ints[field] == value)
    return;
  priv->ints[field] = value;
  priv->dirty |= G_GUINT64_CONSTANT (1) << MIN (field, 63);
  g_object_notify_by_pspec (G_OBJECT (self), klass->pspecs[1 + field]);
}

/* Copies every column of @self into @copy, an instance of the same type. */
void
lum_record_copy_into (LumRecord *self,
                      LumRecord *copy)
{
  LumRecordClass *klass = LUM_RECORD_GET_CLASS (self);

  g_return_if_fail (G_OBJECT_TYPE (self) == G_OBJECT_TYPE (copy));

  for (guint i = 0; i < klass->n_text; i++)
    lum_record_set_text (copy, i, lum_record_get_text (self, i));
  for (guint i = 0; i < klass->n_int; i++)
    lum_record_set_int (copy, i, lum_record_get_int (self, i));
}

const char *
lum_record_text_column (GType type,
                        guint field)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);

  g_return_val_if_fail (field < LUM_RECORD_CLASS (klass)->n_text, NULL);
  return LUM_RECORD_CLASS (klass)->text_columns[field];
}

/* What changed since lum_record_clear_dirty(): a store writes only that. */
gboolean
lum_record_text_is_dirty (LumRecord *self,
                          guint      field)
{
  LumRecordClass *klass = LUM_RECORD_GET_CLASS (self);
  guint bit = klass->n_int + field;

  /* past 64 fields every change counts as one */
  return bit >= 63 || (get_priv (self)->dirty & (G_GUINT64_CONSTANT (1) << bit)) != 0;
}

gboolean
lum_record_int_is_dirty (LumRecord *self,
                         guint      field)
{
  return field >= 63 || (get_priv (self)->dirty & (G_GUINT64_CONSTANT (1) << field)) != 0;
}

void
lum_record_clear_dirty (LumRecord *self)
{
  get_priv (self)->dirty = 0;
}

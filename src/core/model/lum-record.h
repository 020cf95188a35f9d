/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * LumRecord: the base of the models that are a row with many columns
 * (customer, document, shipment, job, event). A subclass names its text and
 * integer columns once, in its class_init; each becomes a notifying property
 * named after the column with dashes ("ship_name" → "ship-name"), and the
 * store reads and writes the same names. Subclass properties of their own
 * start at lum_record_class_get_n_props () + 1.
 */
#define LUM_TYPE_RECORD (lum_record_get_type ())
G_DECLARE_DERIVABLE_TYPE (LumRecord, lum_record, LUM, RECORD, GObject)

struct _LumRecordClass
{
  GObjectClass        parent_class;

  /*< private >*/
  const char * const *text_columns;
  guint               n_text;
  const char * const *int_columns;
  guint               n_int;
  GParamSpec        **pspecs;
};

void         lum_record_class_set_columns (LumRecordClass     *klass,
                                           const char * const *text_columns,
                                           guint               n_text,
                                           const char * const *int_columns,
                                           guint               n_int);
guint        lum_record_class_get_n_props (LumRecordClass     *klass);

const char  *lum_record_get_text          (LumRecord          *self,
                                           guint               field);
void         lum_record_set_text          (LumRecord          *self,
                                           guint               field,
                                           const char         *value);
gint64       lum_record_get_int           (LumRecord          *self,
                                           guint               field);
void         lum_record_set_int           (LumRecord          *self,
                                           guint               field,
                                           gint64              value);
void         lum_record_copy_into         (LumRecord          *self,
                                           LumRecord          *copy);
gboolean     lum_record_text_is_dirty     (LumRecord          *self,
                                           guint               field);
gboolean     lum_record_int_is_dirty      (LumRecord          *self,
                                           guint               field);
void         lum_record_clear_dirty       (LumRecord          *self);
const char  *lum_record_text_column       (GType               type,
                                           guint               field);

/* For subclasses overriding get/set_property: handles the column properties. */
gboolean     lum_record_get_column_property (GObject          *object,
                                             guint             prop_id,
                                             GValue           *value);
gboolean     lum_record_set_column_property (GObject          *object,
                                             guint             prop_id,
                                             const GValue     *value);

G_END_DECLS

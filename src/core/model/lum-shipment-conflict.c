/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lum-shipment-conflict.h"
#include "lum-util.h"

static const char * const text_columns[LUM_CONFLICT_N_TEXT] = {
  [LUM_CONFLICT_ORDER_NUMBER] = "order_number",
  [LUM_CONFLICT_REMOTE_ID] = "remote_id",
  [LUM_CONFLICT_CARRIER] = "carrier",
  [LUM_CONFLICT_SERVICE] = "service",
  [LUM_CONFLICT_TRACKING_NUMBER] = "tracking_number",
  [LUM_CONFLICT_SHIPPED_AT] = "shipped_at",
  [LUM_CONFLICT_RECORDED_CARRIER] = "recorded_carrier",
  [LUM_CONFLICT_RECORDED_TRACKING_NUMBER] = "recorded_tracking_number",
  [LUM_CONFLICT_RESOLUTION] = "resolution",
  [LUM_CONFLICT_CREATED_AT] = "created_at",
  [LUM_CONFLICT_RESOLVED_AT] = "resolved_at",
};

static const char * const int_columns[LUM_CONFLICT_N_INT] = {
  [LUM_CONFLICT_ID] = "id",
  [LUM_CONFLICT_ORDER_ID] = "order_id",
  [LUM_CONFLICT_SHIPMENT_ID] = "shipment_id",
};

struct _LumShipmentConflict
{
  LumRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (LumShipmentConflict, lum_shipment_conflict, LUM_TYPE_RECORD)

static void
lum_shipment_conflict_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  if (!lum_record_get_column_property (object, prop_id, value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
lum_shipment_conflict_class_init (LumShipmentConflictClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  lum_record_class_set_columns (LUM_RECORD_CLASS (klass),
                                text_columns, LUM_CONFLICT_N_TEXT,
                                int_columns, LUM_CONFLICT_N_INT);
  object_class->get_property = lum_shipment_conflict_get_property;
}

static void
lum_shipment_conflict_init (LumShipmentConflict *self)
{
}

LumShipmentConflict *
lum_shipment_conflict_new (void)
{
  return g_object_new (LUM_TYPE_SHIPMENT_CONFLICT, NULL);
}

const char *
lum_shipment_conflict_get_text (LumShipmentConflict *self,
                                LumConflictText      field)
{
  return lum_record_get_text (LUM_RECORD (self), field);
}

void
lum_shipment_conflict_set_text (LumShipmentConflict *self,
                                LumConflictText      field,
                                const char          *value)
{
  lum_record_set_text (LUM_RECORD (self), field, value);
}

gint64
lum_shipment_conflict_get_int (LumShipmentConflict *self,
                               LumConflictInt       field)
{
  return lum_record_get_int (LUM_RECORD (self), field);
}

void
lum_shipment_conflict_set_int (LumShipmentConflict *self,
                               LumConflictInt       field,
                               gint64               value)
{
  lum_record_set_int (LUM_RECORD (self), field, value);
}

gboolean
lum_shipment_conflict_is_open (LumShipmentConflict *self)
{
  return lum_str_empty (lum_shipment_conflict_get_text (self, LUM_CONFLICT_RESOLUTION));
}

/* What differs between the two sides, translated: "tracking number",
 * "carrier" or both. */
char *
lum_shipment_conflict_dup_difference (LumShipmentConflict *self)
{
  gboolean tracking = g_strcmp0 (lum_shipment_conflict_get_text (self, LUM_CONFLICT_TRACKING_NUMBER),
                                 lum_shipment_conflict_get_text (self, LUM_CONFLICT_RECORDED_TRACKING_NUMBER)) != 0;
  gboolean carrier = g_ascii_strcasecmp (lum_shipment_conflict_get_text (self, LUM_CONFLICT_CARRIER),
                                         lum_shipment_conflict_get_text (self, LUM_CONFLICT_RECORDED_CARRIER)) != 0;

  if (tracking && carrier)
    return g_strdup (_("tracking number and carrier"));
  if (carrier)
    return g_strdup (_("carrier"));
  return g_strdup (_("tracking number"));
}

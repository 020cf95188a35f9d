/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-model"

#include <string.h>

#include "lum-shipment.h"
#include "lum-util.h"

static const char * const text_columns[LUM_SHIPMENT_N_TEXT] = {
  [LUM_SHIPMENT_ORDER_NUMBER] = "order_number",
  [LUM_SHIPMENT_REMOTE_ID] = "remote_id",
  [LUM_SHIPMENT_CARRIER] = "carrier",
  [LUM_SHIPMENT_SERVICE] = "service",
  [LUM_SHIPMENT_TRACKING_NUMBER] = "tracking_number",
  [LUM_SHIPMENT_SHIPPED_AT] = "shipped_at",
  [LUM_SHIPMENT_CREATED_AT] = "created_at",
};

static const char * const int_columns[LUM_SHIPMENT_N_INT] = {
  [LUM_SHIPMENT_ID] = "id",
  [LUM_SHIPMENT_ORDER_ID] = "order_id",
  [LUM_SHIPMENT_VOIDED] = "voided",
};

struct _LumShipment
{
  LumRecord   parent_instance;

  GListStore *lines;
};

G_DEFINE_FINAL_TYPE (LumShipment, lum_shipment, LUM_TYPE_RECORD)

static guint lines_prop_id;
static guint tracking_url_prop_id;

static void
lum_shipment_finalize (GObject *object)
{
  g_clear_object (&LUM_SHIPMENT (object)->lines);
  G_OBJECT_CLASS (lum_shipment_parent_class)->finalize (object);
}

static void
lum_shipment_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LumShipment *self = LUM_SHIPMENT (object);

  if (lum_record_get_column_property (object, prop_id, value))
    return;
  if (prop_id == lines_prop_id)
    g_value_set_object (value, self->lines);
  else if (prop_id == tracking_url_prop_id)
    g_value_take_string (value, lum_shipment_dup_tracking_url (self));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
lum_shipment_class_init (LumShipmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  lum_record_class_set_columns (LUM_RECORD_CLASS (klass),
                                text_columns, LUM_SHIPMENT_N_TEXT,
                                int_columns, LUM_SHIPMENT_N_INT);
  object_class->finalize = lum_shipment_finalize;
  object_class->get_property = lum_shipment_get_property;

  lines_prop_id = lum_record_class_get_n_props (LUM_RECORD_CLASS (klass)) + 1;
  tracking_url_prop_id = lines_prop_id + 1;
  g_object_class_install_property (object_class, lines_prop_id,
                                   g_param_spec_object ("lines", NULL, NULL, G_TYPE_LIST_MODEL,
                                                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (object_class, tracking_url_prop_id,
                                   g_param_spec_string ("tracking-url", NULL, NULL, NULL,
                                                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
}

static void
lum_shipment_init (LumShipment *self)
{
  self->lines = g_list_store_new (LUM_TYPE_DOC_LINE);
}

LumShipment *
lum_shipment_new (void)
{
  return g_object_new (LUM_TYPE_SHIPMENT, NULL);
}

const char *
lum_shipment_get_text (LumShipment     *self,
                       LumShipmentText  field)
{
  return lum_record_get_text (LUM_RECORD (self), field);
}

void
lum_shipment_set_text (LumShipment     *self,
                       LumShipmentText  field,
                       const char      *value)
{
  lum_record_set_text (LUM_RECORD (self), field, value);
}

gint64
lum_shipment_get_int (LumShipment    *self,
                      LumShipmentInt  field)
{
  return lum_record_get_int (LUM_RECORD (self), field);
}

void
lum_shipment_set_int (LumShipment    *self,
                      LumShipmentInt  field,
                      gint64          value)
{
  lum_record_set_int (LUM_RECORD (self), field, value);
}

GListModel *
lum_shipment_get_lines (LumShipment *self)
{
  g_return_val_if_fail (LUM_IS_SHIPMENT (self), NULL);
  return G_LIST_MODEL (self->lines);
}

void
lum_shipment_add_line (LumShipment *self,
                       const char  *sku,
                       gint64       quantity)
{
  g_autoptr(LumDocLine) line = lum_doc_line_new (sku, quantity, 0);

  g_return_if_fail (LUM_IS_SHIPMENT (self));
  g_list_store_append (self->lines, line);
}

/**
 * lum_tracking_url:
 *
 * The public tracking page of the common carriers, or %NULL for others.
 * The carrier may be a ShipStation carrier code (`ups_walleven`,
 * `stamps_com`, `fedex`, `dhl_express_worldwide`) or a plain name.
 */
char *
lum_tracking_url (const char *carrier,
                  const char *tracking_number)
{
  g_autofree char *key = lum_name_key (carrier);
  g_autofree char *escaped = NULL;

  if (lum_str_empty (tracking_number))
    return NULL;
  escaped = g_uri_escape_string (tracking_number, NULL, FALSE);

  if (g_str_has_prefix (key, "ups"))
    return g_strdup_printf ("https://www.ups.com/track?tracknum=%s", escaped);
  if (g_str_has_prefix (key, "usps") || g_str_has_prefix (key, "stamps") || strstr (key, "postal") != NULL)
    return g_strdup_printf ("https://tools.usps.com/go/TrackConfirmAction?tLabels=%s", escaped);
  if (g_str_has_prefix (key, "fedex"))
    return g_strdup_printf ("https://www.fedex.com/fedextrack/?trknbr=%s", escaped);
  if (g_str_has_prefix (key, "dhl"))
    return g_strdup_printf ("https://www.dhl.com/en/express/tracking.html?AWB=%s", escaped);
  return NULL;
}

char *
lum_shipment_dup_tracking_url (LumShipment *self)
{
  return lum_tracking_url (lum_shipment_get_text (self, LUM_SHIPMENT_CARRIER),
                           lum_shipment_get_text (self, LUM_SHIPMENT_TRACKING_NUMBER));
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-model"

#include "lum-fulfillment.h"

static void
line_free (gpointer data)
{
  LumFulfillmentLine *line = data;

  g_free (line->sku);
  g_free (line);
}

LumFulfillment *
lum_fulfillment_new (void)
{
  LumFulfillment *fulfillment = g_new0 (LumFulfillment, 1);

  fulfillment->lines = g_ptr_array_new_with_free_func (line_free);
  return fulfillment;
}

void
lum_fulfillment_free (LumFulfillment *fulfillment)
{
  if (fulfillment == NULL)
    return;
  g_free (fulfillment->warehouse_code);
  g_free (fulfillment->warehouse_name);
  g_free (fulfillment->push_state);
  g_free (fulfillment->remote_id);
  g_free (fulfillment->shipped_at);
  g_free (fulfillment->tracking_number);
  g_ptr_array_unref (fulfillment->lines);
  g_free (fulfillment);
}

void
lum_fulfillment_add_line (LumFulfillment *fulfillment,
                          guint           position,
                          const char     *sku,
                          gint64          quantity)
{
  LumFulfillmentLine *line = g_new0 (LumFulfillmentLine, 1);

  line->position = position;
  line->sku = g_strdup (sku);
  line->quantity = quantity;
  g_ptr_array_add (fulfillment->lines, line);
}

/* `SO-000123-1`: the number it goes to the OMS with, and by which its
 * shipments come back. */
char *
lum_fulfillment_dup_number (LumFulfillment *fulfillment,
                            const char     *order_number)
{
  return g_strdup_printf ("%s-%u", order_number, fulfillment->suffix);
}

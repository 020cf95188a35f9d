/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lumctl"

#include "config.h"

#include <glib/gi18n.h>

#include "lumctl-document.h"
#include "lum-engine-fulfillments.h"

/* The fulfillment orders of a split sales order, in `order show`. */

static char *
dup_lines_text (LumFulfillment *f)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < f->lines->len; i++)
    {
      LumFulfillmentLine *line = g_ptr_array_index (f->lines, i);

      g_string_append_printf (text, "%s%s × %" G_GINT64_FORMAT, i ? ", " : "", line->sku, line->quantity);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char *
state_text (LumFulfillment *f)
{
  if (f->shipped_at != NULL && *f->shipped_at != '\0')
    return _("shipped");
  if (g_strcmp0 (f->push_state, LUM_FULFILLMENT_PUSH_PUSHED) == 0)
    return _("pushed");
  if (g_strcmp0 (f->push_state, LUM_FULFILLMENT_PUSH_FAILED) == 0)
    return _("push failed");
  if (g_strcmp0 (f->push_state, LUM_FULFILLMENT_PUSH_CANCELLED) == 0)
    return _("cancelled");
  return _("push scheduled");
}

/* Prints the table when @order was split; nothing otherwise. */
gboolean
lumctl_print_fulfillments (LumEngine    *engine,
                           LumDocument  *order,
                           GError      **error)
{
  g_autoptr(GPtrArray) list = lum_engine_list_fulfillments (engine, lum_document_get_id (order), error);
  g_autoptr(LumctlTable) table = NULL;

  if (list == NULL)
    return FALSE;
  if (list->len == 0)
    return TRUE;
  lumctl_print ("\n%s\n", _("Fulfillment orders:"));
  table = lumctl_table_new (5, _("Number"), _("Warehouse"), _("Lines"), _("State"), _("Tracking number"));
  for (guint i = 0; i < list->len; i++)
    {
      LumFulfillment *f = g_ptr_array_index (list, i);
      g_autofree char *number = lum_fulfillment_dup_number (f, lum_document_get_number (order));
      g_autofree char *lines = dup_lines_text (f);

      lumctl_table_add_row (table, number, f->warehouse_name, lines, state_text (f),
                            f->tracking_number ? f->tracking_number : "");
    }
  lumctl_table_print (table);
  return TRUE;
}

/* "fulfillments": [{"number", "warehouse", "warehouse_code", "lines":
 * [{"sku", "quantity"}], "push_state", "remote_id", "shipped_at",
 * "tracking_number"}], only for an order that was split */
gboolean
lumctl_add_fulfillments_json (LumEngine    *engine,
                              LumDocument  *order,
                              JsonObject   *object,
                              GError      **error)
{
  g_autoptr(GPtrArray) list = lum_engine_list_fulfillments (engine, lum_document_get_id (order), error);
  JsonArray *array;

  if (list == NULL)
    return FALSE;
  if (list->len == 0)
    return TRUE;
  array = json_array_new ();
  for (guint i = 0; i < list->len; i++)
    {
      LumFulfillment *f = g_ptr_array_index (list, i);
      g_autofree char *number = lum_fulfillment_dup_number (f, lum_document_get_number (order));
      JsonObject *o = json_object_new ();
      JsonArray *lines = json_array_new ();

      json_object_set_string_member (o, "number", number);
      json_object_set_string_member (o, "warehouse", f->warehouse_name);
      json_object_set_string_member (o, "warehouse_code", f->warehouse_code);
      for (guint j = 0; j < f->lines->len; j++)
        {
          LumFulfillmentLine *line = g_ptr_array_index (f->lines, j);
          JsonObject *l = json_object_new ();

          json_object_set_string_member (l, "sku", line->sku);
          json_object_set_int_member (l, "quantity", line->quantity);
          json_array_add_object_element (lines, l);
        }
      json_object_set_array_member (o, "lines", lines);
      json_object_set_string_member (o, "push_state", f->push_state);
      json_object_set_string_member (o, "remote_id", f->remote_id);
      json_object_set_string_member (o, "shipped_at", f->shipped_at);
      json_object_set_string_member (o, "tracking_number", f->tracking_number);
      json_array_add_object_element (array, o);
    }
  json_object_set_array_member (object, "fulfillments", array);
  return TRUE;
}

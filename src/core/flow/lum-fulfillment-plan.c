/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-flow"

#include "config.h"

#include "lum-fulfillment-plan.h"
#include "model/lum-doc-line.h"

/*
 * Splitting an order between the warehouses of its group. Each line goes
 * whole to the first warehouse, in the group's order of preference, that
 * has all of its quantity still available once the lines before it took
 * theirs; a line no warehouse has enough of goes to the preferred one,
 * where it waits as it would without a split. A line is never cut across
 * warehouses: a fulfillment ships what the clerk wrote on the line.
 */

static void
planned_free (gpointer data)
{
  LumPlannedFulfillment *f = data;

  g_ptr_array_unref (f->lines);
  g_array_unref (f->line_positions);
  g_free (f);
}

/* What the lines planned so far took from each (warehouse, SKU). */
static gint64
taken (GHashTable *used,
       gint64      warehouse_id,
       const char *sku)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "/%s", warehouse_id, sku);

  return GPOINTER_TO_SIZE (g_hash_table_lookup (used, key));
}

static void
take (GHashTable *used,
      gint64      warehouse_id,
      const char *sku,
      gint64      quantity)
{
  char *key = g_strdup_printf ("%" G_GINT64_FORMAT "/%s", warehouse_id, sku);
  gint64 before = GPOINTER_TO_SIZE (g_hash_table_lookup (used, key));

  g_hash_table_insert (used, key, GSIZE_TO_POINTER ((gsize)(before + quantity)));
}

/**
 * lum_fulfillment_plan_new:
 * @lines: (element-type LumDocLine): the order's lines
 * @warehouse_ids: the group's warehouses that can ship for the channel's
 *   OMS (linked to it), in its order of preference
 * @available: what each has available of a SKU
 *
 * Returns: (transfer full): one planned fulfillment per warehouse that
 *   ships something; a single one when the first warehouse ships all (or
 *   none has anything), none when there are no warehouses or no lines
 */
LumFulfillmentPlan *
lum_fulfillment_plan_new (GListModel     *lines,
                          const gint64   *warehouse_ids,
                          guint           n_warehouses,
                          LumStockLookup  available,
                          gpointer        user_data)
{
  LumFulfillmentPlan *plan = g_new0 (LumFulfillmentPlan, 1);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree LumPlannedFulfillment **by_warehouse = g_new0 (LumPlannedFulfillment *, MAX (n_warehouses, 1));
  guint n_lines = lines != NULL ? g_list_model_get_n_items (lines) : 0;

  plan->fulfillments = g_ptr_array_new_with_free_func (planned_free);
  if (n_warehouses == 0)
    return plan;

  for (guint i = 0; i < n_lines; i++)
    {
      g_autoptr(LumDocLine) line = g_list_model_get_item (lines, i);
      const char *sku = lum_doc_line_get_sku (line);
      gint64 quantity = lum_doc_line_get_quantity (line);
      guint chosen = 0;
      gboolean found = FALSE;
      LumPlannedFulfillment *f;

      for (guint w = 0; w < n_warehouses && !found; w++)
        {
          gint64 left = available (warehouse_ids[w], sku, user_data) - taken (used, warehouse_ids[w], sku);

          if (left >= quantity)
            {
              chosen = w;
              found = TRUE;
            }
        }
      if (!found)
        plan->short_lines++;
      take (used, warehouse_ids[chosen], sku, quantity);

      f = by_warehouse[chosen];
      if (f == NULL)
        {
          f = by_warehouse[chosen] = g_new0 (LumPlannedFulfillment, 1);
          f->warehouse_id = warehouse_ids[chosen];
          f->lines = g_ptr_array_new_with_free_func (g_object_unref);
          f->line_positions = g_array_new (FALSE, FALSE, sizeof (guint));
        }
      g_ptr_array_add (f->lines, g_object_ref (line));
      g_array_append_val (f->line_positions, i);
    }

  for (guint w = 0; w < n_warehouses; w++)
    if (by_warehouse[w] != NULL)
      {
        by_warehouse[w]->suffix = plan->fulfillments->len + 1;
        g_ptr_array_add (plan->fulfillments, by_warehouse[w]);
      }
  return plan;
}

/* Whether the order goes as more than one fulfillment order. */
gboolean
lum_fulfillment_plan_splits (const LumFulfillmentPlan *plan)
{
  return plan != NULL && plan->fulfillments->len > 1;
}

void
lum_fulfillment_plan_free (LumFulfillmentPlan *plan)
{
  if (plan == NULL)
    return;
  g_ptr_array_unref (plan->fulfillments);
  g_free (plan);
}

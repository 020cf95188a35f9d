/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "lum-test-util.h"
#include "flow/lum-fulfillment-plan.h"
#include "model/lum-doc-line.h"

/* Splitting an order's lines between the warehouses of its group, by their
 * order of preference and what each has available. */

#define EAST 11
#define WEST 22

/* "warehouse/sku" → available */
static gint64
lookup (gint64      warehouse_id,
        const char *sku,
        gpointer    user_data)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "/%s", warehouse_id, sku);

  return GPOINTER_TO_SIZE (g_hash_table_lookup (user_data, key));
}

static GHashTable *
stock_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
stock_set (GHashTable *stock,
           gint64      warehouse_id,
           const char *sku,
           gsize       available)
{
  g_hash_table_insert (stock, g_strdup_printf ("%" G_GINT64_FORMAT "/%s", warehouse_id, sku),
                       GSIZE_TO_POINTER (available));
}

static GListStore *
lines_new (const char *first_sku,
           ...)
{
  GListStore *lines = g_list_store_new (LUM_TYPE_DOC_LINE);
  va_list args;

  va_start (args, first_sku);
  for (const char *sku = first_sku; sku != NULL; sku = va_arg (args, const char *))
    {
      g_autoptr(LumDocLine) line = lum_doc_line_new (sku, va_arg (args, int), 100);
      g_list_store_append (lines, line);
    }
  va_end (args);
  return lines;
}

static const char *
sku_of (LumPlannedFulfillment *f,
        guint                  i)
{
  return lum_doc_line_get_sku (g_ptr_array_index (f->lines, i));
}

static void
test_first_has_all (void)
{
  g_autoptr(GHashTable) stock = stock_new ();
  g_autoptr(GListStore) lines = lines_new ("A", 2, "B", 3, NULL);
  gint64 warehouses[] = { EAST, WEST };
  g_autoptr(LumFulfillmentPlan) plan = NULL;
  LumPlannedFulfillment *f;

  stock_set (stock, EAST, "A", 2);
  stock_set (stock, EAST, "B", 5);
  stock_set (stock, WEST, "A", 100);
  plan = lum_fulfillment_plan_new (G_LIST_MODEL (lines), warehouses, 2, lookup, stock);
  g_assert_false (lum_fulfillment_plan_splits (plan));
  g_assert_cmpuint (plan->fulfillments->len, ==, 1);
  f = g_ptr_array_index (plan->fulfillments, 0);
  g_assert_cmpint (f->warehouse_id, ==, EAST);
  g_assert_cmpuint (f->suffix, ==, 1);
  g_assert_cmpuint (f->lines->len, ==, 2);
  g_assert_cmpuint (plan->short_lines, ==, 0);
}

/* East has part of A: A goes whole to West; B stays at East, the
 * preferred, which comes first. */
static void
test_two_warehouses_partial (void)
{
  g_autoptr(GHashTable) stock = stock_new ();
  g_autoptr(GListStore) lines = lines_new ("A", 5, "B", 1, "C", 2, NULL);
  gint64 warehouses[] = { EAST, WEST };
  g_autoptr(LumFulfillmentPlan) plan = NULL;
  LumPlannedFulfillment *east, *west;

  stock_set (stock, EAST, "A", 3);
  stock_set (stock, EAST, "B", 1);
  stock_set (stock, WEST, "A", 5);
  stock_set (stock, WEST, "C", 2);
  plan = lum_fulfillment_plan_new (G_LIST_MODEL (lines), warehouses, 2, lookup, stock);
  g_assert_true (lum_fulfillment_plan_splits (plan));
  g_assert_cmpuint (plan->fulfillments->len, ==, 2);
  east = g_ptr_array_index (plan->fulfillments, 0);
  west = g_ptr_array_index (plan->fulfillments, 1);
  g_assert_cmpint (east->warehouse_id, ==, EAST);
  g_assert_cmpuint (east->suffix, ==, 1);
  g_assert_cmpuint (east->lines->len, ==, 1);
  g_assert_cmpstr (sku_of (east, 0), ==, "B");
  g_assert_cmpuint (g_array_index (east->line_positions, guint, 0), ==, 1);
  g_assert_cmpint (west->warehouse_id, ==, WEST);
  g_assert_cmpuint (west->suffix, ==, 2);
  g_assert_cmpuint (west->lines->len, ==, 2);
  g_assert_cmpstr (sku_of (west, 0), ==, "A");
  g_assert_cmpstr (sku_of (west, 1), ==, "C");
  g_assert_cmpuint (g_array_index (west->line_positions, guint, 1), ==, 2);
  g_assert_cmpuint (plan->short_lines, ==, 0);
}

/* Two lines of one SKU: the first takes East's stock, the second finds
 * what is left too little and goes to West. */
static void
test_stock_taken_by_earlier_lines (void)
{
  g_autoptr(GHashTable) stock = stock_new ();
  g_autoptr(GListStore) lines = lines_new ("A", 3, "A", 3, NULL);
  gint64 warehouses[] = { EAST, WEST };
  g_autoptr(LumFulfillmentPlan) plan = NULL;

  stock_set (stock, EAST, "A", 4);
  stock_set (stock, WEST, "A", 3);
  plan = lum_fulfillment_plan_new (G_LIST_MODEL (lines), warehouses, 2, lookup, stock);
  g_assert_cmpuint (plan->fulfillments->len, ==, 2);
  g_assert_cmpint (((LumPlannedFulfillment *)g_ptr_array_index (plan->fulfillments, 1))->warehouse_id, ==, WEST);
}

/* A line nobody has enough of goes to the preferred warehouse, even when
 * every other line goes to the second. */
static void
test_nobody_has_it (void)
{
  g_autoptr(GHashTable) stock = stock_new ();
  g_autoptr(GListStore) lines = lines_new ("A", 1, "Z", 4, NULL);
  gint64 warehouses[] = { EAST, WEST };
  g_autoptr(LumFulfillmentPlan) plan = NULL;
  LumPlannedFulfillment *east, *west;

  stock_set (stock, WEST, "A", 1);
  stock_set (stock, EAST, "Z", 3);
  stock_set (stock, WEST, "Z", 3);
  plan = lum_fulfillment_plan_new (G_LIST_MODEL (lines), warehouses, 2, lookup, stock);
  g_assert_cmpuint (plan->short_lines, ==, 1);
  g_assert_cmpuint (plan->fulfillments->len, ==, 2);
  east = g_ptr_array_index (plan->fulfillments, 0);
  west = g_ptr_array_index (plan->fulfillments, 1);
  g_assert_cmpint (east->warehouse_id, ==, EAST);
  g_assert_cmpstr (sku_of (east, 0), ==, "Z");
  g_assert_cmpint (west->warehouse_id, ==, WEST);
  g_assert_cmpstr (sku_of (west, 0), ==, "A");
}

static void
test_no_warehouses (void)
{
  g_autoptr(GHashTable) stock = stock_new ();
  g_autoptr(GListStore) lines = lines_new ("A", 1, NULL);
  g_autoptr(LumFulfillmentPlan) plan = lum_fulfillment_plan_new (G_LIST_MODEL (lines), NULL, 0, lookup, stock);

  g_assert_cmpuint (plan->fulfillments->len, ==, 0);
  g_assert_false (lum_fulfillment_plan_splits (plan));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fulfillment-plan/first-has-all", test_first_has_all);
  g_test_add_func ("/fulfillment-plan/two-warehouses-partial", test_two_warehouses_partial);
  g_test_add_func ("/fulfillment-plan/stock-taken-by-earlier-lines", test_stock_taken_by_earlier_lines);
  g_test_add_func ("/fulfillment-plan/nobody-has-it", test_nobody_has_it);
  g_test_add_func ("/fulfillment-plan/no-warehouses", test_no_warehouses);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-model"

#include "config.h"

#include "lum-stock-level.h"

LumStockLevel *
lum_stock_level_new (const char *warehouse_id,
                     const char *sku,
                     gint64      available)
{
  LumStockLevel *level = g_new0 (LumStockLevel, 1);

  level->warehouse_id = g_strdup (warehouse_id);
  level->sku = g_strdup (sku);
  level->available = available;
  return level;
}

void
lum_stock_level_free (LumStockLevel *level)
{
  if (level == NULL)
    return;
  g_free (level->integration_name);
  g_free (level->warehouse_id);
  g_free (level->sku);
  g_free (level->read_at);
  g_free (level);
}

void
lum_availability_clear (LumAvailability *availability)
{
  g_clear_pointer (&availability->read_at, g_free);
}

/**
 * lum_integration_kind_reports_stock:
 *
 * Whether the OMS's API reports stock: ShipStation API V2 (its inventory)
 * and Extensiv (stock summaries) do; ShipStation API V1 does not.
 */
gboolean
lum_integration_kind_reports_stock (LumIntegrationKind kind)
{
  return kind == LUM_INTEGRATION_KIND_SHIPSTATION_V2 || kind == LUM_INTEGRATION_KIND_EXTENSIV;
}

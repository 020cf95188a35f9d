/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lum-engine-private.h"
#include "lum-engine-setup.h"
#include "lum-engine-stock.h"
#include "lum-engine-warehouses.h"
#include "store/lum-stock-store.h"

/*
 * Stock as the OMS integrations report it (ShipStation API V2 inventory,
 * Extensiv stock summaries), by the OMS's own warehouses; which of them
 * serve a channel is the caller's to say.
 */

typedef struct
{
  gint64      integration_id;
  const char *sku;
  GPtrArray  *levels;
} Replace;

static gboolean
replace_stock_tx (LumEngine  *self,
                  gpointer    user_data,
                  GError    **error)
{
  Replace *data = user_data;
  g_autofree char *now = lum_engine_now_text (self);

  return lum_stock_store_replace (lum_engine_get_db (self), data->integration_id, data->sku, data->levels, now,
                                  error);
}

/**
 * lum_engine_replace_stock:
 * @sku: (nullable): the SKU that was read, or %NULL when all were
 * @levels: (element-type LumStockLevel): what the OMS reported
 *
 * Keeps a reading of @integration_id's stock, read now, in place of the
 * last one (of @sku's, or of all); emits ::changed with "stock".
 */
gboolean
lum_engine_replace_stock (LumEngine   *self,
                          gint64       integration_id,
                          const char  *sku,
                          GPtrArray   *levels,
                          GError     **error)
{
  Replace data = { integration_id, sku, levels };

  g_return_val_if_fail (LUM_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (levels != NULL, FALSE);

  return lum_engine_run_in_transaction (self, replace_stock_tx, &data, "stock", error);
}

/**
 * lum_engine_list_stock:
 *
 * Returns: (transfer full) (element-type LumStockLevel): @sku's stock at
 *   each integration and warehouse that reported some, with the time read
 */
GPtrArray *
lum_engine_list_stock (LumEngine   *self,
                       const char  *sku,
                       GError     **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  g_return_val_if_fail (sku != NULL, NULL);

  return lum_stock_store_list (lum_engine_get_db (self), sku, error);
}

/* When @integration_id's stock was last read whole; %NULL: never. */
char *
lum_engine_stock_read_at (LumEngine *self,
                          gint64     integration_id)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  return lum_stock_store_read_at (lum_engine_get_db (self), integration_id);
}

/**
 * lum_engine_get_availability:
 * @warehouse_ids: (nullable) (array zero-terminated=1): the OMS's own
 *   warehouses to sum over (a warehouse group's, linked); %NULL for every
 *   warehouse the OMS reported
 * @availability: (out caller-allocates): cleared and filled in
 *
 * @sku's stock at @integration_id: %LUM_STOCK_NOT_REPORTED for an OMS
 * whose API reports none (ShipStation V1), never a zero.
 */
gboolean
lum_engine_get_availability (LumEngine           *self,
                             gint64               integration_id,
                             const char          *sku,
                             const char * const  *warehouse_ids,
                             LumAvailability     *availability,
                             GError             **error)
{
  g_autoptr(LumIntegration) integration = NULL;

  g_return_val_if_fail (LUM_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (sku != NULL, FALSE);
  g_return_val_if_fail (availability != NULL, FALSE);

  lum_availability_clear (availability);
  availability->report = LUM_STOCK_NOT_REPORTED;
  availability->available = 0;
  integration = lum_engine_get_integration (self, integration_id, error);
  if (integration == NULL)
    return FALSE;
  if (!lum_integration_kind_reports_stock (lum_integration_get_kind (integration)))
    return TRUE;
  return lum_stock_store_available (lum_engine_get_db (self), integration_id, sku, warehouse_ids, availability,
                                    error);
}

/**
 * lum_engine_channel_availability:
 * @warehouse_ids: (nullable): as for lum_engine_get_availability()
 *
 * @sku's stock at @channel's OMS integration; %LUM_STOCK_NOT_REPORTED when
 * the channel pushes to no OMS.
 */
gboolean
lum_engine_channel_availability (LumEngine           *self,
                                 LumChannel          *channel,
                                 const char          *sku,
                                 const char * const  *warehouse_ids,
                                 LumAvailability     *availability,
                                 GError             **error)
{
  g_return_val_if_fail (LUM_IS_CHANNEL (channel), FALSE);

  if (lum_channel_get_oms_integration_id (channel) <= 0)
    {
      lum_availability_clear (availability);
      availability->report = LUM_STOCK_NOT_REPORTED;
      availability->available = 0;
      return TRUE;
    }
  return lum_engine_get_availability (self, lum_channel_get_oms_integration_id (channel), sku, warehouse_ids,
                                      availability, error);
}

/**
 * lum_engine_group_availability:
 * @channel: the channel an order is for
 * @availability: (out caller-allocates): cleared and filled in
 *
 * @sku's stock in @channel's warehouse group: summed over the group's
 * warehouses that are linked for the channel's OMS integration, and only
 * those. %LUM_STOCK_NO_LINK when none is (lum_engine_no_link_text() says
 * so), %LUM_STOCK_NOT_REPORTED as lum_engine_channel_availability().
 */
gboolean
lum_engine_group_availability (LumEngine        *self,
                               LumChannel       *channel,
                               const char       *sku,
                               LumAvailability  *availability,
                               GError          **error)
{
  g_autoptr(LumIntegration) integration = NULL;
  g_auto(GStrv) ids = NULL;

  g_return_val_if_fail (LUM_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (LUM_IS_CHANNEL (channel), FALSE);
  g_return_val_if_fail (availability != NULL, FALSE);

  lum_availability_clear (availability);
  availability->report = LUM_STOCK_NOT_REPORTED;
  availability->available = 0;
  if (lum_channel_get_oms_integration_id (channel) <= 0)
    return TRUE;
  integration = lum_engine_get_integration (self, lum_channel_get_oms_integration_id (channel), error);
  if (integration == NULL)
    return FALSE;
  if (!lum_integration_kind_reports_stock (lum_integration_get_kind (integration)))
    return TRUE;
  if ((ids = lum_engine_list_group_remote_warehouses (self, channel, error)) == NULL)
    return FALSE;
  if (ids[0] == NULL)
    {
      availability->report = LUM_STOCK_NO_LINK;
      return TRUE;
    }
  return lum_engine_get_availability (self, lum_integration_get_id (integration), sku, (const char * const *)ids,
                                      availability, error);
}

/* What is said for %LUM_STOCK_NO_LINK. */
char *
lum_engine_no_link_text (LumChannel *channel)
{
  const char *group;
  const char *oms;

  g_return_val_if_fail (LUM_IS_CHANNEL (channel), NULL);
  group = lum_channel_get_warehouse_group_name (channel);
  oms = lum_channel_get_oms_integration_name (channel);
  return g_strdup_printf (_("No warehouse of group %s is linked to %s"), group ? group : "", oms ? oms : _("the OMS"));
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "model/lum-enums.h"

G_BEGIN_DECLS

/**
 * LumShipFromReason:
 * @LUM_SHIP_FROM_LINKED: the group's first warehouse, in its order of
 *   preference, that is linked to a warehouse of the OMS
 * @LUM_SHIP_FROM_NO_LINK: no warehouse of the group is linked for the
 *   OMS: the order is pushed without one and the OMS uses its default
 * @LUM_SHIP_FROM_EMPTY_GROUP: the group has no warehouses: as NO_LINK
 *
 * Why an order ships from where it does.
 */
typedef enum
{
  LUM_SHIP_FROM_LINKED,
  LUM_SHIP_FROM_NO_LINK,
  LUM_SHIP_FROM_EMPTY_GROUP,
} LumShipFromReason;

/**
 * LumShipFromStock:
 * @LUM_SHIP_FROM_STOCK_UNUSED: the preference rule: stock is not asked
 * @LUM_SHIP_FROM_STOCK_ALL: the chosen warehouse has every line in stock
 * @LUM_SHIP_FROM_STOCK_NONE_HAS_ALL: no linked warehouse has every line:
 *   the first in order, its channel deciding whether to split or hold
 * @LUM_SHIP_FROM_STOCK_NOT_READ: the OMS reported no stock to go by: the
 *   first in order
 *
 * What the stock rule found (%LUM_SHIP_FROM_RULE_STOCK).
 */
typedef enum
{
  LUM_SHIP_FROM_STOCK_UNUSED,
  LUM_SHIP_FROM_STOCK_ALL,
  LUM_SHIP_FROM_STOCK_NONE_HAS_ALL,
  LUM_SHIP_FROM_STOCK_NOT_READ,
} LumShipFromStock;

/**
 * LumShipFrom:
 * @warehouse_id: the Lumen warehouse (0 unless LINKED)
 * @position: its place in the group, from 1
 * @remote_id: the OMS's id of its warehouse (%NULL unless LINKED)
 * @passed_over: the names of the group's warehouses before it, which have
 *   no link for the OMS
 * @rule: the group's rule that chose it
 * @stock: what the stock rule found
 * @lacking_warehouses: the linked warehouses the stock rule passed over
 *   (or all, for NONE_HAS_ALL), in order
 * @lacking_skus: for each of those, the SKUs it lacks, joined by ", "
 *
 * The ship-from warehouse chosen for an order, and why; recorded on the
 * order (lum_ship_from_to_json()) when it is pushed.
 */
typedef struct
{
  LumShipFromReason reason;
  gint64            warehouse_id;
  char             *warehouse_code;
  char             *warehouse_name;
  guint             position;
  char             *remote_id;
  char             *remote_name;
  char             *group_name;
  char             *integration_name;
  GStrv             passed_over;
  LumShipFromRule   rule;
  LumShipFromStock  stock;
  GStrv             lacking_warehouses;
  GStrv             lacking_skus;
} LumShipFrom;

/**
 * LumShipFromNeeds:
 *
 * An order's lines (quantity per SKU) and the latest stock readings of the
 * OMS's warehouses, for the stock rule.
 */
typedef struct _LumShipFromNeeds LumShipFromNeeds;

LumShipFromNeeds *lum_ship_from_needs_new            (void);
void              lum_ship_from_needs_free           (LumShipFromNeeds *needs);
void              lum_ship_from_needs_add_line       (LumShipFromNeeds *needs,
                                                      const char       *sku,
                                                      gint64            quantity);
void              lum_ship_from_needs_add_reading    (LumShipFromNeeds *needs,
                                                      const char       *remote_id,
                                                      const char       *sku,
                                                      gint64            available);
void              lum_ship_from_needs_set_read_whole (LumShipFromNeeds *needs,
                                                      gboolean          read_whole);
gboolean          lum_ship_from_needs_has_readings   (const LumShipFromNeeds *needs);
GStrv             lum_ship_from_needs_lacking        (const LumShipFromNeeds *needs,
                                                      const char             *remote_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LumShipFromNeeds, lum_ship_from_needs_free)

LumShipFrom *lum_ship_from_choose    (const char        *group_name,
                                      GListModel        *warehouses,
                                      GListModel        *links,
                                      const char        *integration_name);
LumShipFrom *lum_ship_from_choose_by_rule (LumShipFromRule         rule,
                                           const char             *group_name,
                                           GListModel             *warehouses,
                                           GListModel             *links,
                                           const char             *integration_name,
                                           const LumShipFromNeeds *needs);
void         lum_ship_from_free      (LumShipFrom       *ship_from);
char        *lum_ship_from_to_json   (const LumShipFrom *ship_from);
LumShipFrom *lum_ship_from_from_json (const char        *json,
                                      GError           **error);
char        *lum_ship_from_describe  (const LumShipFrom *ship_from);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LumShipFrom, lum_ship_from_free)

G_END_DECLS

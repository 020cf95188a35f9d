/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

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
 * LumShipFrom:
 * @warehouse_id: the Lumen warehouse (0 unless LINKED)
 * @position: its place in the group, from 1
 * @remote_id: the OMS's id of its warehouse (%NULL unless LINKED)
 * @passed_over: the names of the group's warehouses before it, which have
 *   no link for the OMS
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
} LumShipFrom;

LumShipFrom *lum_ship_from_choose    (const char        *group_name,
                                      GListModel        *warehouses,
                                      GListModel        *links,
                                      const char        *integration_name);
void         lum_ship_from_free      (LumShipFrom       *ship_from);
char        *lum_ship_from_to_json   (const LumShipFrom *ship_from);
LumShipFrom *lum_ship_from_from_json (const char        *json,
                                      GError           **error);
char        *lum_ship_from_describe  (const LumShipFrom *ship_from);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LumShipFrom, lum_ship_from_free)

G_END_DECLS

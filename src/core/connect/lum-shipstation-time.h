/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ShipStation API V1 reads and writes dates without a zone, in US Pacific
 * time (PST/PDT). These convert between them and Lumen's UTC instants. */
#define LUM_SHIPSTATION_TIME_ZONE "America/Los_Angeles"

GTimeZone *lum_shipstation_time_zone        (GError     **error);
char      *lum_shipstation_time_to_pacific  (const char  *instant,
                                             GError     **error);
char      *lum_shipstation_time_from_pacific (const char *pacific,
                                             GError     **error);
char      *lum_shipstation_time_query_start (const char  *cursor,
                                             int          overlap_minutes,
                                             GError     **error);

G_END_DECLS

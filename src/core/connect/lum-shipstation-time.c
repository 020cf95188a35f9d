/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-connect"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lum-http.h"
#include "lum-shipstation-time.h"

/*
 * ShipStation API V1 dates carry no zone. Its documentation (ShipStation
 * API V1 Requirements, https://www.shipstation.com/docs/api/requirements/,
 * "Datetime") says the time zone of every answer is PST/PDT and asks that
 * dates sent be converted to PST/PDT; the Refresh Store page adds that a
 * date without a time is read as midnight Pacific. Neither says how a wall
 * time that happens twice (the first Sunday of November, 01:00–02:00) or
 * never (the second Sunday of March, 02:00–03:00) is read, so Lumen reads
 * such a time as the earlier instant and never sends one (see
 * lum_shipstation_time_query_start()).
 */

/**
 * lum_shipstation_time_zone:
 *
 * US Pacific time, with its daylight saving rules, from the system's time
 * zone data (the tzdata package). Without it every date would be hours
 * off, so its absence is an error rather than a silent UTC.
 *
 * Returns: (transfer full): the zone, or %NULL with @error set
 */
GTimeZone *
lum_shipstation_time_zone (GError **error)
{
  /* read once: GLib parses the zone file again at each call, which made a
   * third of a poll's time (a date a shipment); a missing zone is looked
   * for again, the next call may find it installed */
  static GTimeZone *found;
  GTimeZone *zone = g_atomic_pointer_get (&found);

  if (zone != NULL)
    return g_time_zone_ref (zone);
  zone = g_time_zone_new_identifier (LUM_SHIPSTATION_TIME_ZONE);
  if (zone != NULL && !g_atomic_pointer_compare_and_exchange (&found, NULL, g_time_zone_ref (zone)))
    g_time_zone_unref (zone); /* another thread's is kept; this one's extra ref goes */
  if (zone == NULL)
    g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED,
                 _("The time zone %s cannot be read, so dates cannot be given to ShipStation in its "
                   "Pacific time; install the system's time zone data (the tzdata package)"),
                 LUM_SHIPSTATION_TIME_ZONE);
  return zone;
}

/* TRUE when @text ends in a zone: Z or an offset after the time. */
static gboolean
has_zone (const char *text)
{
  gsize length = strlen (text);

  if (length > 0 && (text[length - 1] == 'Z' || text[length - 1] == 'z'))
    return TRUE;
  return length > 11 && (strchr (text + 11, '+') != NULL || strchr (text + 11, '-') != NULL);
}

/* The wall time of @text (YYYY-MM-DD[T ]HH:MM:SS[.fraction], no zone) as
 * if it were UTC, in seconds; FALSE when it is not one. */
static gboolean
parse_wall (const char *text,
            gint64     *seconds)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *copy = NULL;

  if (text == NULL || strlen (text) < 19 || strlen (text) > 40 || has_zone (text))
    return FALSE;
  copy = g_strdup (text);
  if (copy[10] == ' ')
    copy[10] = 'T';
  if (copy[10] != 'T' || copy[13] != ':' || copy[16] != ':')
    return FALSE;
  dt = g_date_time_new_from_iso8601 (copy, utc);
  if (dt == NULL)
    return FALSE;
  *seconds = g_date_time_to_unix (dt);
  return TRUE;
}

static gint64
offset_at (GTimeZone *zone,
           gint64     instant)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (instant);
  g_autoptr(GDateTime) local = dt ? g_date_time_to_timezone (dt, zone) : NULL;

  return local ? g_date_time_get_utc_offset (local) / G_TIME_SPAN_SECOND : 0;
}

/* The instants whose wall time in @zone is @wall: none (skipped in
 * spring), one, or two (repeated in autumn), earliest first. An offset
 * changes at most once a day here, so the offsets a day before and after
 * are the only candidates. */
static guint
readings (GTimeZone *zone,
          gint64     wall,
          gint64     found[2])
{
  gint64 offsets[2] = { offset_at (zone, wall - 86400), offset_at (zone, wall + 86400) };
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      gint64 instant = wall - offsets[i];

      if (i == 1 && offsets[1] == offsets[0])
        break;
      if (offset_at (zone, instant) == offsets[i])
        found[n++] = instant;
    }
  if (n == 2 && found[1] < found[0])
    {
      gint64 swap = found[0];
      found[0] = found[1];
      found[1] = swap;
    }
  return n;
}

static char *
format_wall (gint64      wall,
             const char *format)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (wall);

  return dt ? g_date_time_format (dt, format) : NULL;
}

/**
 * lum_shipstation_time_to_pacific:
 * @instant: ISO 8601 with a zone (Lumen's UTC times); one without is UTC
 *
 * @instant as ShipStation reads it: the Pacific wall time, without a zone,
 * `YYYY-MM-DDTHH:MM:SS` (as in its documentation's examples).
 */
char *
lum_shipstation_time_to_pacific (const char  *instant,
                                 GError     **error)
{
  g_autoptr(GTimeZone) zone = lum_shipstation_time_zone (error);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (zone == NULL)
    return NULL;
  dt = instant ? g_date_time_new_from_iso8601 (instant, utc) : NULL;
  if (dt == NULL)
    {
      g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_INVALID_RESPONSE,
                   _("Time “%s” is not a date and time"), instant ? instant : "");
      return NULL;
    }
  local = g_date_time_to_timezone (dt, zone);
  return g_date_time_format (local, "%Y-%m-%dT%H:%M:%S");
}

/**
 * lum_shipstation_time_from_pacific:
 * @pacific: a date and time as ShipStation writes it
 *   (`2015-07-16T14:00:34.8230000`: Pacific, no zone)
 *
 * The instant, in UTC as Lumen keeps times (`YYYY-MM-DDTHH:MM:SSZ`, whole
 * seconds). A wall time of the repeated autumn hour is read as the earlier
 * instant (the one before the clocks went back); a date that carries a
 * zone after all is read in it.
 */
char *
lum_shipstation_time_from_pacific (const char  *pacific,
                                   GError     **error)
{
  g_autoptr(GTimeZone) zone = NULL;
  gint64 wall, found[2];
  guint n;

  if (pacific != NULL && has_zone (pacific) && strlen (pacific) > 19)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autofree char *copy = g_strdup (pacific);
      g_autoptr(GDateTime) dt = NULL;

      if (copy[10] == ' ')
        copy[10] = 'T';
      dt = g_date_time_new_from_iso8601 (copy, utc);
      if (dt != NULL)
        {
          g_autoptr(GDateTime) in_utc = g_date_time_to_utc (dt);
          return g_date_time_format (in_utc, "%Y-%m-%dT%H:%M:%SZ");
        }
    }
  if (!parse_wall (pacific, &wall))
    {
      g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_INVALID_RESPONSE,
                   _("ShipStation date “%s” is not a date and time"), pacific ? pacific : "");
      return NULL;
    }
  zone = lum_shipstation_time_zone (error);
  if (zone == NULL)
    return NULL;
  n = readings (zone, wall, found);
  /* a time the clocks skipped: read with the offset after the change,
   * the earlier of the two instants it could mean */
  if (n == 0)
    found[0] = wall - offset_at (zone, wall + 86400);
  return format_wall (found[0], "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * lum_shipstation_time_query_start:
 * @cursor: the newest instant a poll saw (UTC); a cursor without a zone
 *   was kept by an earlier Lumen as ShipStation wrote it, in Pacific time
 * @overlap_minutes: how far before @cursor to start, so that a late write
 *   is read again
 *
 * The value of a `createDateStart` parameter that starts at or before
 * @cursor less @overlap_minutes, as ShipStation documents query dates
 * (`yyyy-mm-dd hh:mm:ss`, Pacific). A wall time of the repeated autumn
 * hour could be read as either of two instants an hour apart, so the start
 * moves back before the repeated hour: reading shipments twice is harmless,
 * missing an hour of them is not.
 */
char *
lum_shipstation_time_query_start (const char  *cursor,
                                  int          overlap_minutes,
                                  GError     **error)
{
  g_autoptr(GTimeZone) zone = lum_shipstation_time_zone (error);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *instant = NULL;
  gint64 start, wall, found[2];

  if (zone == NULL)
    return NULL;
  if (cursor != NULL && !has_zone (cursor))
    instant = lum_shipstation_time_from_pacific (cursor, NULL);
  else
    instant = g_strdup (cursor);
  dt = instant ? g_date_time_new_from_iso8601 (instant, utc) : NULL;
  if (dt == NULL)
    {
      g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED,
                   _("The stored poll cursor “%s” is not a date and time"), cursor ? cursor : "");
      return NULL;
    }
  start = g_date_time_to_unix (dt) - (gint64)overlap_minutes * 60;
  wall = start + offset_at (zone, start);
  while (readings (zone, wall, found) > 1)
    wall -= 3600;
  return format_wall (wall, "%Y-%m-%d %H:%M:%S");
}

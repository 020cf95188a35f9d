/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-sandbox"

#include "lum-sandbox-shipstation-private.h"

#include <string.h>

/*
 * ShipStation's clock: US Pacific time, without a zone in the text.
 * ShipStation API V1 Requirements ("Datetime",
 * https://www.shipstation.com/docs/api/requirements/): every answer is in
 * PST/PDT and dates sent are read in PST/PDT; Refresh Store
 * (https://www.shipstation.com/docs/api/stores/refresh/): a date without a
 * time is midnight Pacific of that day.
 *
 * The rules are written out here (daylight time from the second Sunday of
 * March, 02:00 standard time, to the first Sunday of November, 02:00
 * daylight time: the US rules since 2007) rather than read from tzdata as
 * Lumen does, so that the two sides do not share a mistake.
 *
 * Not documented, and chosen as a .NET service reads a local time: a wall
 * time of the repeated autumn hour is standard time (the later instant;
 * TimeZoneInfo.ConvertTimeToUtc does so), a wall time the spring change
 * skips is read with the standard offset, and a zone designator (Z,
 * +hh:mm) is not honoured: the digits are ShipStation's clock, so a UTC
 * time sent as is lands 7 or 8 hours off.
 */

#define PST (-8 * 3600)
#define PDT (-7 * 3600)

/* Day of @month (1-12) that is the @nth Sunday. */
static int
nth_sunday (int year,
            int month,
            int nth)
{
  g_autoptr(GDate) first = g_date_new_dmy (1, month, year);
  int weekday = g_date_get_weekday (first); /* Monday 1 … Sunday 7 */

  return 1 + (7 - weekday) % 7 + 7 * (nth - 1);
}

static gint64
utc_seconds (int year,
             int month,
             int day,
             int hour)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, 0, 0);

  return g_date_time_to_unix (dt);
}

/* The change to daylight time and back of @year, as wall times read as if
 * UTC (02:00 each). */
static void
changes (int     year,
         gint64 *spring,
         gint64 *autumn)
{
  *spring = utc_seconds (year, 3, nth_sunday (year, 3, 2), 2);
  *autumn = utc_seconds (year, 11, nth_sunday (year, 11, 1), 2);
}

static int
year_of (gint64 seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (seconds);

  return dt ? g_date_time_get_year (dt) : 1970;
}

/* The offset of Pacific time at the instant @utc (seconds). */
static int
offset_at (gint64 utc)
{
  gint64 spring, autumn;

  changes (year_of (utc + PST), &spring, &autumn);
  /* 02:00 PST is 10:00 UTC; 02:00 PDT is 09:00 UTC */
  return utc >= spring - PST && utc < autumn - PDT ? PDT : PST;
}

/* The instant of the wall time @wall (seconds, read as if UTC). */
static gint64
instant_of (gint64 wall)
{
  gint64 spring, autumn;

  changes (year_of (wall), &spring, &autumn);
  /* daylight from 03:00 in spring (02:00–03:00 does not exist: read as
   * standard) to 01:00 in autumn (01:00–02:00 happens twice: standard) */
  if (wall >= spring + 3600 && wall < autumn - 3600)
    return wall - PDT;
  return wall - PST;
}

static char *
format (gint64      us,
        const char *pattern,
        gboolean    fraction)
{
  gint64 seconds = us / G_USEC_PER_SEC;
  g_autoptr(GDateTime) wall = g_date_time_new_from_unix_utc (seconds + offset_at (seconds));
  g_autofree char *text = wall ? g_date_time_format (wall, pattern) : g_strdup ("");

  if (!fraction)
    return g_steal_pointer (&text);
  /* .NET writes seven digits, tenths of a microsecond */
  return g_strdup_printf ("%s.%06d0", text, (int)(us % G_USEC_PER_SEC));
}

/* @us (UTC microseconds) as ShipStation writes a time: Pacific, no zone,
 * 2015-07-16T14:00:34.8230000. */
char *
lum_sandbox_shipstation_time (gint64 us)
{
  return format (us, "%Y-%m-%dT%H:%M:%S", TRUE);
}

/* The Pacific calendar day of @us: 2014-10-03, as shipDate. */
char *
lum_sandbox_shipstation_date (gint64 us)
{
  return format (us, "%Y-%m-%d", FALSE);
}

/* A date as ShipStation reads one (see above); FALSE for what .NET cannot
 * read as a DateTime. */
gboolean
lum_sandbox_shipstation_parse_time (const char *text,
                                    gint64     *us)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *copy = NULL;
  gsize length;
  char *zone;

  if (text == NULL || *text == '\0' || strlen (text) > 64)
    return FALSE;
  copy = g_strstrip (g_strdup (text));
  length = strlen (copy);
  if (length == 10)
    {
      char *with_time = g_strconcat (copy, "T00:00:00", NULL);
      g_free (copy);
      copy = with_time;
    }
  else if (length > 10 && copy[10] == ' ')
    copy[10] = 'T';
  /* the digits count, not the designator */
  if (strlen (copy) > 19 && ((zone = strpbrk (copy + 19, "Zz+-")) != NULL))
    *zone = '\0';
  dt = g_date_time_new_from_iso8601 (copy, utc);
  if (dt == NULL)
    return FALSE;
  *us = instant_of (g_date_time_to_unix (dt)) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
  return TRUE;
}

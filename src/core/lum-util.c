/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <gio/gio.h>

#include "lum-util.h"

#include <inttypes.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

/* Returns TRUE when the value changed, so callers notify only then. */
gboolean
lum_set_str (char       **field,
             const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

gboolean
lum_set_strv (char               ***field,
              const char * const   *value)
{
  static const char * const empty[] = { NULL };

  if (value == NULL)
    value = empty;
  if (*field != NULL && g_strv_equal ((const char * const *)*field, value))
    return FALSE;
  g_strfreev (*field);
  *field = g_strdupv ((char **)value);
  return TRUE;
}

/* The key under which names are unique: trimmed, NFC, casefolded. */
char *
lum_name_key (const char *name)
{
  g_autofree char *stripped = lum_strip_dup (name);
  g_autofree char *normalized = g_utf8_normalize (stripped, -1, G_NORMALIZE_DEFAULT_COMPOSE);

  return g_utf8_casefold (normalized ? normalized : stripped, -1);
}

char *
lum_strip_dup (const char *text)
{
  return g_strstrip (g_strdup (text ? text : ""));
}

gboolean
lum_str_empty (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* "localhost", 127.0.0.0/8 or ::1: the computer itself, where plain http
 * crosses no network. */
gboolean
lum_host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* UTC, second precision, fixed width, so text order is time order. */
char *
lum_time_format (gint64 unix_usec)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_usec / G_USEC_PER_SEC);

  if (dt == NULL)
    return NULL;
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

gboolean
lum_time_parse (const char *text,
                gint64     *unix_usec)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  if (text == NULL)
    return FALSE;
  dt = g_date_time_new_from_iso8601 (text, utc);
  if (dt == NULL)
    return FALSE;
  *unix_usec = g_date_time_to_unix (dt) * G_USEC_PER_SEC;
  return TRUE;
}

/* A stored time (UTC, ISO 8601) as people read it, in local time: "Mar
 * 14, 2025, 14:02"; the text itself when it is not one. The one format of
 * a time everywhere it is shown. */
char *
lum_time_format_local (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = text ? g_date_time_new_from_iso8601 (text, utc) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (dt == NULL)
    return g_strdup (text);
  local = g_date_time_to_local (dt);
  /* Translators: a date and time, see g_date_time_format() */
  return g_date_time_format (local, _("%b %-d, %Y, %H:%M"));
}

static gboolean
replace_time_cb (const GMatchInfo *match,
                 GString          *out,
                 gpointer          user_data)
{
  g_autofree char *iso = g_match_info_fetch (match, 0);
  g_autofree char *local = lum_time_format_local (iso);

  g_string_append (out, local);
  return FALSE;
}

/**
 * lum_time_format_in_text:
 *
 * @text with each ISO 8601 time in it ("retrying at 2026-12-07T10:00:00Z:
 * …", a remote system's "until 2026-12-07T10:00:00.123+01:00") written as
 * lum_time_format_local() does; dates without a time stay as they are.
 *
 * Returns: (transfer full): the text, "" for %NULL
 */
char *
lum_time_format_in_text (const char *text)
{
  static gsize regex = 0;

  if (text == NULL)
    return g_strdup ("");
  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, (gsize)g_regex_new ("\\b\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?"
                                                   "(Z|[+-]\\d{2}:?\\d{2})?",
                                                   G_REGEX_OPTIMIZE, 0, NULL));
  return g_regex_replace_eval ((GRegex *)regex, text, -1, 0, 0, replace_time_cb, NULL, NULL);
}

const char *
lum_enum_to_nick (GType enum_type,
                  int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  GEnumValue *ev = g_enum_get_value (klass, value);

  return ev ? ev->value_nick : NULL;
}

gboolean
lum_enum_from_nick (GType       enum_type,
                    const char *nick,
                    int        *value)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *ev;

  if (nick == NULL)
    return FALSE;
  klass = g_type_class_ref (enum_type);
  ev = g_enum_get_value_by_nick (klass, nick);
  if (ev == NULL)
    return FALSE;
  *value = ev->value;
  return TRUE;
}

/* The smallest string greater than every string starting with @prefix, so
 * that `col >= prefix AND col < bound` is an indexed prefix search. */
char *
lum_prefix_upper_bound (const char *prefix)
{
  return g_strconcat (prefix ? prefix : "", "\xf4\x8f\xbf\xbf", NULL);
}

/**
 * lum_money_decimal_mark:
 *
 * Returns: the decimal mark of the user's locale (LC_NUMERIC): ',' where
 *   the locale writes 12,50, otherwise '.'
 */
char
lum_money_decimal_mark (void)
{
  const struct lconv *conv = localeconv ();

  return conv != NULL && conv->decimal_point != NULL && g_str_equal (conv->decimal_point, ",") ? ',' : '.';
}

/**
 * lum_money_example:
 *
 * Returns: (transfer full): an amount written as lum_money_parse() reads
 *   it in the user's locale, for messages: "1,234.50" or "1.234,50"
 */
char *
lum_money_example (void)
{
  return g_strdup (lum_money_decimal_mark () == ',' ? "1.234,50" : "1,234.50");
}

/**
 * lum_money_parse_with_mark:
 * @decimal_mark: '.' or ','
 *
 * Reads an amount such as "12", "12.5", "$1,234.56" (with @decimal_mark '.')
 * or "1.234,56" (with ','). The other of the two marks separates thousands,
 * and only before groups of exactly three digits, so "12,50" and
 * "1,234,56" are refused where the decimal mark is '.', instead of being
 * read as 1,250 and 123,456. At most two decimals; no sign.
 */
gboolean
lum_money_parse_with_mark (const char *text,
                           char        decimal_mark,
                           gint64     *cents)
{
  g_autofree char *stripped = lum_strip_dup (text);
  const char *p = stripped;
  char group_mark = decimal_mark == ',' ? '.' : ',';
  gint64 whole = 0;
  int decimals = 0, fraction = 0, run = 0, groups = 0;
  gboolean digits = FALSE;

  if (*p == '$')
    p++;
  for (; *p && *p != decimal_mark; p++)
    {
      if (*p == group_mark)
        {
          /* the first group has one to three digits, every other three */
          if (run == 0 || run > 3 || (groups > 0 && run != 3))
            return FALSE;
          groups++;
          run = 0;
          continue;
        }
      if (!g_ascii_isdigit (*p) || whole > G_MAXINT64 / 1000)
        return FALSE;
      whole = whole * 10 + (*p - '0');
      run++;
      digits = TRUE;
    }
  if (groups > 0 && run != 3)
    return FALSE;
  if (*p == decimal_mark)
    for (p++; *p; p++)
      {
        if (!g_ascii_isdigit (*p) || decimals == 2)
          return FALSE;
        fraction = fraction * 10 + (*p - '0');
        decimals++;
        digits = TRUE;
      }
  if (!digits)
    return FALSE;
  if (decimals == 1)
    fraction *= 10;
  *cents = whole * 100 + fraction;
  return TRUE;
}

/**
 * lum_money_parse:
 *
 * Reads an amount written with the decimal mark of the user's locale: the
 * one reader of money for the window, the command line and CSV files.
 */
gboolean
lum_money_parse (const char *text,
                 gint64     *cents)
{
  return lum_money_parse_with_mark (text, lum_money_decimal_mark (), cents);
}

/* 123456 → "1234.56": plain, for files and the command line. */
char *
lum_money_format (gint64 cents)
{
  return g_strdup_printf ("%s%" PRId64 ".%02d",
                          cents < 0 ? "-" : "", ABS (cents) / 100, (int)(ABS (cents) % 100));
}

/* A calendar date written YYYY-MM-DD. */
gboolean
lum_date_valid (const char *text)
{
  int y, m, d;
  char tail;

  if (text == NULL || strlen (text) != 10 || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  return g_date_valid_dmy (d, m, y);
}

char *
lum_date_add_days (const char *date,
                   int         days)
{
  int y, m, d;
  g_autoptr(GDate) gdate = NULL;
  char buf[16];

  if (!lum_date_valid (date))
    return NULL;
  sscanf (date, "%4d-%2d-%2d", &y, &m, &d);
  gdate = g_date_new_dmy (d, m, y);
  g_date_add_days (gdate, days);
  g_snprintf (buf, sizeof buf, "%04d-%02d-%02d",
              g_date_get_year (gdate), g_date_get_month (gdate), g_date_get_day (gdate));
  return g_strdup (buf);
}

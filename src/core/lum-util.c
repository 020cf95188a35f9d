/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-core"

#include "lum-util.h"

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

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-sandbox"

#include "lum-sandbox-util.h"
#include "lum-sandbox.h"

#include <math.h>
#include <string.h>

/*
 * json-glib 1.6 is lenient where a remote API is not: it wraps integers that
 * do not fit 64 bits, turns 1e400 into infinity (and writes it back as
 * "inf.0"), takes single quotes, leading zeros and trailing documents, and
 * recurses without a limit. So every body is first scanned against RFC 8259
 * with a depth limit and range checks, and only then parsed.
 */
typedef struct
{
  const char *start;
  const char *p;
  const char *end;
  guint       depth;
  GError    **error;
} Scan;

#define NUMBER_MAX_LENGTH 64

static gboolean scan_value (Scan *s);

static gboolean
scan_fail (Scan       *s,
           const char *what)
{
  g_set_error (s->error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
               "Malformed JSON at byte %" G_GSIZE_FORMAT ": %s",
               (gsize)(s->p - s->start), what);
  return FALSE;
}

static void
scan_space (Scan *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

static gboolean
scan_literal (Scan       *s,
              const char *word)
{
  gsize len = strlen (word);

  if ((gsize)(s->end - s->p) < len || memcmp (s->p, word, len) != 0)
    return scan_fail (s, "unexpected character");
  s->p += len;
  return TRUE;
}

static gboolean
scan_string (Scan *s)
{
  s->p++; /* the opening quote */
  while (s->p < s->end)
    {
      guchar c = (guchar)*s->p;

      if (c == '"')
        {
          s->p++;
          return TRUE;
        }
      if (c < 0x20)
        return scan_fail (s, "control character in a string");
      if (c == '\\')
        {
          s->p++;
          if (s->p >= s->end)
            break;
          if (*s->p == 'u')
            {
              for (guint i = 1; i <= 4; i++)
                if (s->p + i >= s->end || !g_ascii_isxdigit (s->p[i]))
                  return scan_fail (s, "bad \\u escape");
              s->p += 5;
              continue;
            }
          if (strchr ("\"\\/bfnrt", *s->p) == NULL || *s->p == '\0')
            return scan_fail (s, "bad escape");
        }
      s->p++;
    }
  return scan_fail (s, "unterminated string");
}

static gboolean
scan_digits (Scan *s)
{
  const char *begin = s->p;

  while (s->p < s->end && g_ascii_isdigit (*s->p))
    s->p++;
  return s->p > begin;
}

static gboolean
scan_number (Scan *s)
{
  const char *begin = s->p;
  gboolean integral = TRUE;
  char buffer[NUMBER_MAX_LENGTH + 1];

  if (*s->p == '-')
    s->p++;
  if (s->p < s->end && *s->p == '0')
    s->p++;
  else if (!scan_digits (s))
    return scan_fail (s, "bad number");
  if (s->p < s->end && *s->p == '.')
    {
      integral = FALSE;
      s->p++;
      if (!scan_digits (s))
        return scan_fail (s, "bad number");
    }
  if (s->p < s->end && (*s->p == 'e' || *s->p == 'E'))
    {
      integral = FALSE;
      s->p++;
      if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
        s->p++;
      if (!scan_digits (s))
        return scan_fail (s, "bad number");
    }
  if (s->p - begin > NUMBER_MAX_LENGTH)
    return scan_fail (s, "number too long");

  memcpy (buffer, begin, s->p - begin);
  buffer[s->p - begin] = '\0';
  if (integral)
    {
      gint64 value;

      if (!g_ascii_string_to_signed (buffer, 10, G_MININT64, G_MAXINT64, &value, NULL))
        return scan_fail (s, "integer out of range");
    }
  else if (!isfinite (g_ascii_strtod (buffer, NULL)))
    return scan_fail (s, "number out of range");
  return TRUE;
}

static gboolean
scan_container (Scan *s,
                char  close)
{
  gboolean first = TRUE;

  if (++s->depth > LUM_SANDBOX_MAX_DEPTH)
    return scan_fail (s, "nested too deeply");
  s->p++;
  for (;;)
    {
      scan_space (s);
      if (s->p >= s->end)
        return scan_fail (s, "unexpected end");
      if (*s->p == close && first)
        break;
      if (!first)
        {
          if (*s->p == close)
            break;
          if (*s->p != ',')
            return scan_fail (s, "expected ','");
          s->p++;
          scan_space (s);
        }
      if (close == '}')
        {
          if (s->p >= s->end || *s->p != '"')
            return scan_fail (s, "expected a member name");
          if (!scan_string (s))
            return FALSE;
          scan_space (s);
          if (s->p >= s->end || *s->p != ':')
            return scan_fail (s, "expected ':'");
          s->p++;
        }
      if (!scan_value (s))
        return FALSE;
      first = FALSE;
    }
  s->p++;
  s->depth--;
  return TRUE;
}

static gboolean
scan_value (Scan *s)
{
  scan_space (s);
  if (s->p >= s->end)
    return scan_fail (s, "unexpected end");
  switch (*s->p)
    {
    case '{':
      return scan_container (s, '}');
    case '[':
      return scan_container (s, ']');
    case '"':
      return scan_string (s);
    case 't':
      return scan_literal (s, "true");
    case 'f':
      return scan_literal (s, "false");
    case 'n':
      return scan_literal (s, "null");
    default:
      if (*s->p == '-' || g_ascii_isdigit (*s->p))
        return scan_number (s);
      return scan_fail (s, "unexpected character");
    }
}

JsonNode *
lum_sandbox_parse_json (const char  *data,
                        gsize        length,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  Scan scan = { data, data, data + length, 0, error };

  if (data == NULL || length == 0)
    {
      g_set_error_literal (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                           "The request body is empty; a JSON document was expected");
      return NULL;
    }
  if (length > LUM_SANDBOX_MAX_BODY)
    {
      g_set_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                   "The request body is larger than %d bytes", LUM_SANDBOX_MAX_BODY);
      return NULL;
    }
  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error_literal (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                           "The request body is not valid UTF-8");
      return NULL;
    }
  if (!scan_value (&scan))
    return NULL;
  scan_space (&scan);
  if (scan.p != scan.end)
    {
      scan_fail (&scan, "data after the JSON document");
      return NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, length, error))
    return NULL;
  return json_parser_steal_root (parser);
}

JsonNode *
lum_json_node_new_object (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return node;
}

JsonNode *
lum_json_node_new_array (JsonArray *array)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_set_array (node, array);
  return node;
}

/* An array holding (references to) @objects, JsonObjects. */
JsonArray *
lum_json_array_of_objects (GPtrArray *objects)
{
  JsonArray *array = json_array_sized_new (objects->len);

  for (guint i = 0; i < objects->len; i++)
    json_array_add_object_element (array, json_object_ref (g_ptr_array_index (objects, i)));
  return array;
}

/* @records as an array node and their number; NULL and 0 for NULL. */
JsonNode *
lum_json_records_node (GPtrArray *records,
                       guint     *count)
{
  g_autoptr(JsonArray) array = NULL;

  *count = records != NULL ? records->len : 0;
  if (records == NULL)
    return NULL;
  array = lum_json_array_of_objects (records);
  return lum_json_node_new_array (array);
}

/* json_node_copy() shares objects and arrays; stored records are handed out
 * as deep copies so that no caller shares them with the server. */
JsonNode *
lum_json_deep_copy (JsonNode *node)
{
  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(JsonObject) copy = lum_json_object_copy (json_node_get_object (node));
      return lum_json_node_new_object (copy);
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(JsonArray) copy = json_array_sized_new (json_array_get_length (array));

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (copy, lum_json_deep_copy (json_array_get_element (array, i)));
      return lum_json_node_new_array (copy);
    }
  return json_node_copy (node);
}

JsonObject *
lum_json_object_copy (JsonObject *object)
{
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    json_object_set_member (copy, name, lum_json_deep_copy (node));
  return copy;
}

void
lum_json_set_nullable_string (JsonObject *object,
                              const char *name,
                              const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

static GDateTime *
utc_from_us (gint64 us)
{
  return g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);
}

char *
lum_sandbox_time_dotnet (gint64 us)
{
  g_autoptr(GDateTime) dt = utc_from_us (us);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S.0000000");
}

char *
lum_sandbox_time_plain (gint64 us)
{
  g_autoptr(GDateTime) dt = utc_from_us (us);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
}

char *
lum_sandbox_time_offset (gint64   us,
                         gboolean millis)
{
  g_autoptr(GDateTime) dt = utc_from_us (us);
  g_autofree char *base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");

  if (millis)
    return g_strdup_printf ("%s.%03d+00:00", base, (int)((us % G_USEC_PER_SEC) / 1000));
  return g_strdup_printf ("%s+00:00", base);
}

char *
lum_sandbox_date (gint64 us)
{
  g_autoptr(GDateTime) dt = utc_from_us (us);

  return g_date_time_format (dt, "%Y-%m-%d");
}

/* Dates as the APIs take them: with 'T' or a space, with or without an
 * offset (then UTC), or a bare date (midnight UTC). */
gboolean
lum_sandbox_parse_time (const char *text,
                        gint64     *us)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *copy = NULL;

  if (text == NULL || *text == '\0' || strlen (text) > 64)
    return FALSE;
  copy = g_strstrip (g_strdup (text));
  if (strlen (copy) == 10)
    {
      char *with_time = g_strconcat (copy, "T00:00:00", NULL);
      g_free (copy);
      copy = with_time;
    }
  else if (strlen (copy) > 10 && copy[10] == ' ')
    copy[10] = 'T';
  dt = g_date_time_new_from_iso8601 (copy, utc);
  if (dt == NULL)
    return FALSE;
  *us = g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
  return TRUE;
}

gboolean
lum_sandbox_basic_auth (SoupMessageHeaders *headers,
                        char              **user,
                        char              **password)
{
  const char *value = soup_message_headers_get_one (headers, "Authorization");
  g_autofree guchar *decoded = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  char *colon;

  if (value == NULL || g_ascii_strncasecmp (value, "Basic ", 6) != 0 || strlen (value) > 4096)
    return FALSE;
  decoded = g_base64_decode (value + 6, &length);
  if (decoded == NULL || length == 0)
    return FALSE;
  text = g_strndup ((const char *)decoded, length);
  if (strlen (text) != length || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  colon = strchr (text, ':');
  if (colon == NULL)
    return FALSE;
  *user = g_strndup (text, colon - text);
  *password = g_strdup (colon + 1);
  return TRUE;
}

char *
lum_sandbox_bearer (SoupMessageHeaders *headers)
{
  const char *value = soup_message_headers_get_one (headers, "Authorization");

  if (value == NULL || g_ascii_strncasecmp (value, "Bearer ", 7) != 0 || strlen (value) > 4096)
    return NULL;
  return g_strstrip (g_strdup (value + 7));
}

char *
lum_sandbox_random_token (const char *prefix)
{
  GString *token = g_string_new (prefix);

  for (guint i = 0; i < 4; i++)
    g_string_append_printf (token, "%08x", g_random_int ());
  return g_string_free (token, FALSE);
}

gboolean
lum_sandbox_parse_uint (const char *text,
                        guint64     max,
                        guint64    *value)
{
  if (text == NULL)
    return FALSE;
  return g_ascii_string_to_unsigned (text, 10, 0, max, value, NULL);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading untrusted JSON and writing JSON: the one set of helpers for the
 * core, the sandbox and the tests. It needs GLib and json-glib only, so
 * the sandbox links it and still knows nothing of Lumen. */
#define G_LOG_DOMAIN "lum-json"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "lum-json.h"

/* -- reading -------------------------------------------------------------- */

JsonObject *
lum_json_get_object (JsonObject *object,
                     const char *member)
{
  JsonNode *node = lum_json_member (object, member);

  return lum_json_is_object (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
lum_json_get_array (JsonObject *object,
                    const char *member)
{
  JsonNode *node = lum_json_member (object, member);

  return lum_json_is_array (node) ? json_node_get_array (node) : NULL;
}

const char *
lum_json_get_string (JsonObject *object,
                     const char *member)
{
  JsonNode *node = lum_json_member (object, member);

  return lum_json_is_string (node) ? json_node_get_string (node) : NULL;
}

gboolean
lum_json_get_int (JsonObject *object,
                  const char *member,
                  gint64     *value)
{
  JsonNode *node = lum_json_member (object, member);

  if (!lum_json_is_int (node))
    return FALSE;
  *value = json_node_get_int (node);
  return TRUE;
}

/* A string or an integer member as text (ids come as either); an empty
 * string is no id. */
char *
lum_json_dup_scalar (JsonObject *object,
                     const char *member)
{
  gint64 number;
  const char *text = lum_json_get_string (object, member);

  if (text != NULL)
    return *text != '\0' ? g_strdup (text) : NULL;
  if (lum_json_get_int (object, member, &number))
    return g_strdup_printf ("%" PRId64, number);
  return NULL;
}

/**
 * lum_json_member_is_a:
 * @type: %G_TYPE_STRING, %G_TYPE_INT64, %G_TYPE_BOOLEAN, %JSON_TYPE_OBJECT
 *   or %JSON_TYPE_ARRAY
 *
 * Whether @member is absent, null or of @type: a member of another type
 * means the answer is not what the API describes, where reading it as
 * absent could lose what it says (a voided flag, the items shipped).
 */
gboolean
lum_json_member_is_a (JsonObject *object,
                      const char *member,
                      GType       type)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (type == JSON_TYPE_OBJECT)
    return JSON_NODE_HOLDS_OBJECT (node);
  if (type == JSON_TYPE_ARRAY)
    return JSON_NODE_HOLDS_ARRAY (node);
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

JsonNode *
lum_json_member (JsonObject *object,
                 const char *name)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, name);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

/* Extensiv's .NET back end and QuickBooks queries match names regardless of case. */
JsonNode *
lum_json_member_ci (JsonObject *object,
                    const char *name)
{
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;
  JsonNode *exact;

  if (object == NULL)
    return NULL;
  exact = lum_json_member (object, name);
  if (exact != NULL)
    return exact;
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &member, &node))
    if (g_ascii_strcasecmp (member, name) == 0 && !JSON_NODE_HOLDS_NULL (node))
      return node;
  return NULL;
}

JsonNode *
lum_json_path_ci (JsonNode   *root,
                  const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", 8);
  JsonNode *node = root;

  for (guint i = 0; parts[i] != NULL && node != NULL; i++)
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return NULL;
      node = lum_json_member_ci (json_node_get_object (node), parts[i]);
    }
  return node;
}

gboolean
lum_json_is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_STRING;
}

gboolean
lum_json_is_bool (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
}

gboolean
lum_json_is_int (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_INT64;
}

gboolean
lum_json_is_number (JsonNode *node)
{
  return lum_json_is_int (node)
         || (node != NULL && JSON_NODE_HOLDS_VALUE (node)
             && json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

gboolean
lum_json_is_object (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node);
}

gboolean
lum_json_is_array (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_ARRAY (node);
}

double
lum_json_number (JsonNode *node)
{
  if (lum_json_is_int (node))
    return (double)json_node_get_int (node);
  if (lum_json_is_number (node))
    return json_node_get_double (node);
  return 0.0;
}

/* A scalar as text, for comparisons in queries; NULL for containers. */
char *
lum_json_scalar_text (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (lum_json_is_string (node))
    return g_strdup (json_node_get_string (node));
  if (lum_json_is_bool (node))
    return g_strdup (json_node_get_boolean (node) ? "true" : "false");
  if (lum_json_is_int (node))
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (lum_json_is_number (node))
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];
      return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
    }
  return NULL;
}

/* -- writing JSON ----------------------------------------------------------- */

/**
 * lum_json_append_string:
 *
 * Appends @text as a JSON string, quoted and escaped as lum_json_write()
 * writes strings: for text built without a #JsonNode.
 */
void
lum_json_append_string (GString    *out,
                        const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if ((guchar)*p < 0x20)
            g_string_append_printf (out, "\\u%04x", (guint)(guchar)*p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

/* The shortest of 15 or 17 significant digits that reads back the same,
 * so an amount of 4.20 is written 4.2 and not 4.2000000000000002. */
static void
write_double (GString *out,
              double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buffer, sizeof buffer, "%.15g", value);
  if (g_ascii_strtod (buffer, NULL) != value)
    g_ascii_dtostr (buffer, sizeof buffer, value);
  g_string_append (out, buffer);
  /* still a number with a fraction when read again */
  if (strpbrk (buffer, ".eEni") == NULL)
    g_string_append (out, ".0");
}

static void
write_indent (GString *out,
              gboolean pretty,
              guint    depth)
{
  if (!pretty)
    return;
  g_string_append_c (out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static void
write_node (GString  *out,
            JsonNode *node,
            gboolean  pretty,
            guint     depth)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            write_indent (out, pretty, depth + 1);
            lum_json_append_string (out, name);
            g_string_append (out, pretty ? " : " : ":");
            write_node (out, member, pretty, depth + 1);
          }
        if (!first)
          write_indent (out, pretty, depth);
        g_string_append_c (out, '}');
      }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        g_string_append_c (out, '[');
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            write_indent (out, pretty, depth + 1);
            write_node (out, json_array_get_element (array, i), pretty, depth + 1);
          }
        if (json_array_get_length (array) > 0)
          write_indent (out, pretty, depth);
        g_string_append_c (out, ']');
      }
      break;
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          lum_json_append_string (out, json_node_get_string (node));
          break;
        case G_TYPE_DOUBLE:
          write_double (out, json_node_get_double (node));
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        default:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
        }
      break;
    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
    }
}

/**
 * lum_json_write:
 * @pretty: indent two spaces a level, as JsonGenerator does
 *
 * @node as JSON text, the way JsonGenerator writes it but for fractions,
 * which keep no more digits than they need: what is sent, and what a clerk
 * reads as “the request sent”.
 */
char *
lum_json_write (JsonNode *node,
                gboolean  pretty)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (node != NULL, NULL);

  write_node (out, node, pretty, 0);
  return g_string_free (out, FALSE);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "lum-field-path.h"

typedef enum
{
  STEP_MEMBER,
  STEP_INDEX,
  STEP_MATCH,
} StepKind;

typedef struct
{
  StepKind  kind;
  char     *name;   /* member name, or the key of a match */
  char     *value;  /* the value of a match */
  guint     index;
} Step;

struct _LumFieldPath
{
  GArray *steps;
};

G_DEFINE_QUARK (lum-field-path-error-quark, lum_field_path_error)

static void
clear_step (gpointer data)
{
  Step *step = data;

  g_free (step->name);
  g_free (step->value);
}

static gboolean
is_name_start (char c)
{
  return g_ascii_isalpha (c) || c == '_';
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '-';
}

/* Messages say what is wrong in words, not at which character: the clerk
 * reads them beside the row, and a position means counting. */
static gboolean
syntax_error (GError     **error,
              const char  *text,
              const char  *what)
{
  g_set_error (error, LUM_FIELD_PATH_ERROR, LUM_FIELD_PATH_ERROR_SYNTAX,
               _("Remote field “%s”: %s"), text, what);
  return FALSE;
}

static gboolean
unclosed_bracket_error (GError     **error,
                        const char  *text)
{
  return syntax_error (error, text, _("a “[” is not closed"));
}

/* @at is a character that cannot be part of a field name. */
static gboolean
bad_char_error (GError     **error,
                const char  *text,
                const char  *at)
{
  g_autofree char *what = NULL;
  char buf[8] = { 0, };
  gunichar c;

  if (*at == ' ')
    return syntax_error (error, text, _("a field name cannot hold a space"));
  if (*at == ']')
    return syntax_error (error, text, _("a “]” has no “[” before it"));
  if (*at == '[')
    return syntax_error (error, text, _("a “[” must follow a field name"));
  if (g_ascii_isdigit (*at))
    return syntax_error (error, text, _("a field name cannot start with a digit"));

  c = g_utf8_get_char_validated (at, -1);
  if (c == (gunichar) -1 || c == (gunichar) -2 || !g_unichar_isprint (c))
    return syntax_error (error, text,
                         _("a field name can only hold the letters A–Z and a–z, digits, “_” and “-”"));
  g_unichar_to_utf8 (c, buf);
  what = g_strdup_printf (_("a field name cannot hold “%s”, only the letters A–Z and a–z, digits, “_” and “-”"),
                          buf);
  return syntax_error (error, text, what);
}

static const char *
parse_name (const char *p,
            char      **name)
{
  const char *start = p;

  if (!is_name_start (*p))
    return NULL;
  while (is_name_char (*p))
    p++;
  *name = g_strndup (start, p - start);
  return p;
}

static gboolean
parse_selector (const char  *text,
                const char **pp,
                Step        *step,
                GError     **error)
{
  const char *p = *pp + 1; /* past '[' */

  if (g_ascii_isdigit (*p))
    {
      guint64 index = 0;
      const char *start = p;

      while (g_ascii_isdigit (*p) && p - start < 4)
        index = index * 10 + (*p++ - '0');
      if (*p != ']' || index > LUM_FIELD_PATH_MAX_INDEX)
        {
          if (*p == '\0')
            return unclosed_bracket_error (error, text);
          return syntax_error (error, text, _("an array index must be a number from 0 to 999"));
        }
      step->kind = STEP_INDEX;
      step->index = index;
      *pp = p + 1;
      return TRUE;
    }

  if (*p == '\0')
    return unclosed_bracket_error (error, text);
  if (*p == ']')
    return syntax_error (error, text, _("“[]” is empty: put a number or name=value inside"));
  if ((p = parse_name (p, &step->name)) == NULL)
    return syntax_error (error, text,
                         _("inside “[ ]” goes a number or name=value, as in “[0]” or “[name=GiftMessage]”"));
  if (*p == '\0')
    return unclosed_bracket_error (error, text);
  if (*p != '=')
    return syntax_error (error, text,
                         _("inside “[ ]” a name needs “=” and a value, as in “[name=GiftMessage]”"));
  p++;

  if (*p == '"')
    {
      const char *end = strchr (p + 1, '"');
      if (end == NULL)
        return syntax_error (error, text, _("a quote “\"” is not closed"));
      if (end[1] == '\0')
        return unclosed_bracket_error (error, text);
      if (end[1] != ']')
        return syntax_error (error, text, _("a quoted value must be followed by “]”"));
      step->value = g_strndup (p + 1, end - p - 1);
      p = end + 1;
    }
  else
    {
      const char *end = strchr (p, ']');
      if (end == NULL)
        return unclosed_bracket_error (error, text);
      step->value = g_strstrip (g_strndup (p, end - p));
      p = end;
    }

  if (step->value[0] == '\0')
    return syntax_error (error, text, _("the value after “=” is empty"));

  step->kind = STEP_MATCH;
  *pp = p + 1;
  return TRUE;
}

/**
 * lum_field_path_parse:
 * @text: a remote field as typed by the user; surrounding spaces are ignored
 *
 * Returns: (transfer full): the parsed path, or %NULL with
 *   %LUM_FIELD_PATH_ERROR_SYNTAX and a message that says what is wrong
 */
LumFieldPath *
lum_field_path_parse (const char  *text,
                      GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  g_autoptr(LumFieldPath) path = g_new0 (LumFieldPath, 1);
  const char *p = stripped;

  path->steps = g_array_new (FALSE, TRUE, sizeof (Step));
  g_array_set_clear_func (path->steps, clear_step);

  if (*p == '\0')
    {
      g_set_error (error, LUM_FIELD_PATH_ERROR, LUM_FIELD_PATH_ERROR_SYNTAX,
                   _("Remote field is empty"));
      return NULL;
    }
  if (strlen (stripped) > LUM_FIELD_PATH_MAX_LENGTH)
    {
      g_set_error (error, LUM_FIELD_PATH_ERROR, LUM_FIELD_PATH_ERROR_SYNTAX,
                   _("Remote field “%s” is longer than %d characters"),
                   stripped, LUM_FIELD_PATH_MAX_LENGTH);
      return NULL;
    }

  for (;;)
    {
      Step member = { STEP_MEMBER, NULL, NULL, 0 };
      const char *next = parse_name (p, &member.name);

      if (next == NULL)
        {
          if (p == stripped && *p == '.')
            syntax_error (error, stripped, _("it cannot start with “.”"));
          else if (*p == '\0')
            syntax_error (error, stripped, _("it cannot end with “.”"));
          else if (*p == '.')
            syntax_error (error, stripped, _("it has two “.” in a row"));
          else
            bad_char_error (error, stripped, p);
          return NULL;
        }
      g_array_append_val (path->steps, member);
      p = next;

      while (*p == '[')
        {
          Step selector = { 0, };

          if (!parse_selector (stripped, &p, &selector, error))
            {
              clear_step (&selector);
              return NULL;
            }
          g_array_append_val (path->steps, selector);
        }

      if (path->steps->len > LUM_FIELD_PATH_MAX_DEPTH)
        {
          g_set_error (error, LUM_FIELD_PATH_ERROR, LUM_FIELD_PATH_ERROR_SYNTAX,
                       _("Remote field “%s” is nested deeper than %d levels"),
                       stripped, LUM_FIELD_PATH_MAX_DEPTH);
          return NULL;
        }

      if (*p == '\0')
        break;
      if (*p != '.')
        {
          if (p[-1] == ']' && *p != '[' && *p != ']')
            syntax_error (error, stripped, _("after “]” comes “.”, “[” or the end"));
          else
            bad_char_error (error, stripped, p);
          return NULL;
        }
      p++;
    }

  return g_steal_pointer (&path);
}

void
lum_field_path_free (LumFieldPath *path)
{
  if (path == NULL)
    return;
  g_array_unref (path->steps);
  g_free (path);
}

/* The canonical form: two paths that reach the same place print the same. */
char *
lum_field_path_to_string (LumFieldPath *path)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < path->steps->len; i++)
    {
      Step *step = &g_array_index (path->steps, Step, i);

      switch (step->kind)
        {
        case STEP_MEMBER:
          if (i > 0)
            g_string_append_c (str, '.');
          g_string_append (str, step->name);
          break;
        case STEP_INDEX:
          g_string_append_printf (str, "[%u]", step->index);
          break;
        case STEP_MATCH:
          if (strpbrk (step->value, " ]\"") != NULL)
            g_string_append_printf (str, "[%s=\"%s\"]", step->name, step->value);
          else
            g_string_append_printf (str, "[%s=%s]", step->name, step->value);
          if (i == path->steps->len - 1)
            g_string_append (str, ".value");
          break;
        default:
          g_assert_not_reached ();
        }
    }

  return g_string_free (str, FALSE);
}

static gboolean
steps_equal (const Step *a,
             const Step *b)
{
  if (a->kind != b->kind)
    return FALSE;
  switch (a->kind)
    {
    case STEP_MEMBER:
      return g_str_equal (a->name, b->name);
    case STEP_INDEX:
      return a->index == b->index;
    case STEP_MATCH:
      return g_str_equal (a->name, b->name) && g_str_equal (a->value, b->value);
    default:
      g_assert_not_reached ();
    }
}

/* TRUE when setting @path would write inside (or over) what @prefix sets. */
gboolean
lum_field_path_is_prefix (LumFieldPath *prefix,
                          LumFieldPath *path)
{
  if (prefix->steps->len > path->steps->len)
    return FALSE;
  for (guint i = 0; i < prefix->steps->len; i++)
    if (!steps_equal (&g_array_index (prefix->steps, Step, i),
                      &g_array_index (path->steps, Step, i)))
      return FALSE;
  return TRUE;
}

static gboolean
conflict (GError     **error,
          LumFieldPath *path,
          const char  *what)
{
  g_autofree char *text = lum_field_path_to_string (path);

  g_set_error (error, LUM_FIELD_PATH_ERROR, LUM_FIELD_PATH_ERROR_CONFLICT,
               _("Remote field “%s” cannot be set: %s"), text, what);
  return FALSE;
}

static JsonObject *
ensure_object_member (JsonObject *object,
                      const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      json_object_set_object_member (object, name, json_object_new ());
      node = json_object_get_member (object, name);
    }
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
ensure_array_member (JsonObject *object,
                     const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      json_object_set_array_member (object, name, json_array_new ());
      node = json_object_get_member (object, name);
    }
  return JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
array_element_object (JsonArray *array,
                      Step      *step)
{
  if (step->kind == STEP_INDEX)
    {
      JsonNode *node;

      while (json_array_get_length (array) <= step->index)
        json_array_add_object_element (array, json_object_new ());
      node = json_array_get_element (array, step->index);
      if (JSON_NODE_HOLDS_NULL (node))
        {
          json_node_init_object (node, json_object_new ());
          return json_node_get_object (node);
        }
      return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *element;
      JsonNode *key;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      element = json_node_get_object (node);
      key = json_object_get_member (element, step->name);
      if (key != NULL && JSON_NODE_HOLDS_VALUE (key) &&
          json_node_get_value_type (key) == G_TYPE_STRING &&
          g_str_equal (json_node_get_string (key), step->value))
        return element;
    }

  {
    JsonObject *element = json_object_new ();
    json_object_set_string_member (element, step->name, step->value);
    json_array_add_object_element (array, element);
    return element;
  }
}

/* JsonArray cannot replace an element in place: rebuild it. */
static void
set_array_element (JsonObject *object,
                   const char *member,
                   JsonArray  *array,
                   guint       index,
                   JsonNode   *value)
{
  JsonArray *replacement = json_array_new ();
  guint len = MAX (json_array_get_length (array), index + 1);

  for (guint j = 0; j < len; j++)
    {
      if (j == index)
        json_array_add_element (replacement, json_node_copy (value));
      else if (j < json_array_get_length (array))
        json_array_add_element (replacement, json_node_copy (json_array_get_element (array, j)));
      else
        json_array_add_null_element (replacement);
    }
  json_object_set_array_member (object, member, replacement);
}

/**
 * lum_field_path_set:
 * @value: (transfer none): copied into the document
 *
 * Sets @value at @path inside @root, creating what is missing on the way.
 * Fails without changing anything already typed differently (a string where
 * the path needs an object).
 */
gboolean
lum_field_path_set (LumFieldPath  *path,
                    JsonObject    *root,
                    JsonNode      *value,
                    GError       **error)
{
  JsonObject *object = root;
  guint n = path->steps->len;

  for (guint i = 0; i < n; i++)
    {
      Step *step = &g_array_index (path->steps, Step, i);
      Step *next = i + 1 < n ? &g_array_index (path->steps, Step, i + 1) : NULL;

      g_assert (step->kind == STEP_MEMBER);

      if (next == NULL)
        {
          json_object_set_member (object, step->name, json_node_copy (value));
          return TRUE;
        }

      if (next->kind == STEP_MEMBER)
        {
          object = ensure_object_member (object, step->name);
          if (object == NULL)
            return conflict (error, path, _("a part of it is not an object"));
          continue;
        }

      /* one or more selectors follow the member */
      {
        JsonArray *array = ensure_array_member (object, step->name);

        if (array == NULL)
          return conflict (error, path, _("a part of it is not an array"));

        for (i++; i < n && g_array_index (path->steps, Step, i).kind != STEP_MEMBER; i++)
          {
            Step *selector = &g_array_index (path->steps, Step, i);
            gboolean last = (i + 1 == n);
            gboolean nested = !last && g_array_index (path->steps, Step, i + 1).kind != STEP_MEMBER;

            if (last && selector->kind == STEP_INDEX)
              {
                set_array_element (object, step->name, array, selector->index, value);
                return TRUE;
              }

            if (nested)
              return conflict (error, path, _("arrays inside arrays are not supported"));

            object = array_element_object (array, selector);
            if (object == NULL)
              return conflict (error, path, _("an array element on the way is not an object"));

            if (last)
              {
                json_object_set_member (object, "value", json_node_copy (value));
                return TRUE;
              }
          }
        i--; /* the loop's own increment moves to the next member */
      }
    }

  return TRUE;
}

/* Reads what @path points at, or %NULL; never creates anything. */
JsonNode *
lum_field_path_get (LumFieldPath *path,
                    JsonObject   *root)
{
  JsonNode *node = NULL;
  JsonObject *object = root;

  for (guint i = 0; i < path->steps->len; i++)
    {
      Step *step = &g_array_index (path->steps, Step, i);

      if (step->kind == STEP_MEMBER)
        {
          if (object == NULL || (node = json_object_get_member (object, step->name)) == NULL)
            return NULL;
        }
      else
        {
          JsonArray *array;

          if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
            return NULL;
          array = json_node_get_array (node);
          node = NULL;
          if (step->kind == STEP_INDEX)
            {
              if (step->index < json_array_get_length (array))
                node = json_array_get_element (array, step->index);
            }
          else
            {
              for (guint j = 0; j < json_array_get_length (array) && node == NULL; j++)
                {
                  JsonNode *element = json_array_get_element (array, j);
                  JsonObject *o;
                  if (!JSON_NODE_HOLDS_OBJECT (element))
                    continue;
                  o = json_node_get_object (element);
                  if (g_strcmp0 (json_object_get_string_member_with_default (o, step->name, NULL),
                                 step->value) == 0)
                    node = element;
                }
              if (node != NULL && i + 1 == path->steps->len)
                return json_object_get_member (json_node_get_object (node), "value");
            }
          if (node == NULL)
            return NULL;
        }
      object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
    }

  return node;
}

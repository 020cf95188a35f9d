/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-sandbox"

#include "lum-sandbox-private.h"

#include <stdlib.h>
#include <string.h>

/*
 * The Resource Query Language of the 3PL Warehouse Manager API, as far as
 * order and customer lists need it: comparisons joined by ';' (and) and ','
 * (or, binding looser), each "path op value" with op one of ==, !=, =gt=,
 * =ge=, =lt=, =le=, =in=(a,b,…), =out=(…). Paths are dotted and match member
 * names regardless of case ("readOnly.isClosed"). '*' in an == value is a
 * wildcard. Dates compare as dates, numbers as numbers, booleans as words.
 */
#define MAX_TERMS   64
#define MAX_LENGTH  4096

typedef enum
{
  OP_EQ,
  OP_NE,
  OP_GT,
  OP_GE,
  OP_LT,
  OP_LE,
  OP_IN,
  OP_OUT,
} Op;

typedef struct
{
  char  *path;
  Op     op;
  GStrv  values;
} Term;

struct _LumRql
{
  GPtrArray *groups;   /* GPtrArray of Term: the or of ands */
};

static void term_free (gpointer data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Term, term_free)

static const struct
{
  const char *text;
  Op          op;
} operators[] = {
  { "==", OP_EQ }, { "!=", OP_NE }, { "=gt=", OP_GT }, { "=ge=", OP_GE },
  { "=lt=", OP_LT }, { "=le=", OP_LE }, { "=in=", OP_IN }, { "=out=", OP_OUT },
};

static void
term_free (gpointer data)
{
  Term *term = data;

  g_free (term->path);
  g_strfreev (term->values);
  g_free (term);
}

void
lum_rql_free (LumRql *rql)
{
  if (rql == NULL)
    return;
  g_ptr_array_unref (rql->groups);
  g_free (rql);
}

static char *
unquote (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  gsize length = strlen (stripped);

  if (length >= 2 && (stripped[0] == '"' || stripped[0] == '\'') && stripped[length - 1] == stripped[0])
    return g_strndup (stripped + 1, length - 2);
  return g_steal_pointer (&stripped);
}

/* Splits @text at @separator outside parentheses and quotes. */
static GPtrArray *
split_top (const char *text,
           char        separator,
           GError    **error)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  const char *start = text;
  int depth = 0;
  char quote = 0;

  for (const char *p = text;; p++)
    {
      if (*p == '\0' || (*p == separator && depth == 0 && quote == 0))
        {
          g_ptr_array_add (parts, g_strndup (start, p - start));
          if (*p == '\0')
            break;
          start = p + 1;
          continue;
        }
      if (quote != 0)
        {
          if (*p == quote)
            quote = 0;
        }
      else if (*p == '"' || *p == '\'')
        quote = *p;
      else if (*p == '(')
        depth++;
      else if (*p == ')' && --depth < 0)
        break;
    }
  if (depth != 0 || quote != 0 || parts->len > MAX_TERMS)
    {
      g_set_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                   "Unbalanced parentheses or quotes, or too many terms, in rql '%s'", text);
      g_ptr_array_unref (parts);
      return NULL;
    }
  return parts;
}

static Term *
parse_term (const char *text,
            GError    **error)
{
  const char *found = NULL;
  guint which = 0;
  g_autoptr(Term) term = NULL;
  g_autofree char *value = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (operators); i++)
    {
      const char *at = strstr (text, operators[i].text);
      if (at != NULL && (found == NULL || at < found))
        {
          found = at;
          which = i;
        }
    }
  if (found == NULL || found == text)
    {
      g_set_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                   "'%s' is not a comparison such as referenceNum==SO-1", text);
      return NULL;
    }
  term = g_new0 (Term, 1);
  term->path = g_strstrip (g_strndup (text, found - text));
  term->op = operators[which].op;
  value = g_strstrip (g_strdup (found + strlen (operators[which].text)));
  for (const char *c = term->path; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '.' && *c != '_')
      {
        g_set_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                     "'%s' is not a field path in rql", term->path);
        return NULL;
      }
  if (term->op == OP_IN || term->op == OP_OUT)
    {
      gsize length = strlen (value);
      g_autoptr(GPtrArray) parts = NULL;
      GPtrArray *values = g_ptr_array_new ();

      if (length < 2 || value[0] != '(' || value[length - 1] != ')')
        {
          g_ptr_array_unref (values);
          g_set_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                       "=in= and =out= take a list in parentheses: '%s'", text);
          return NULL;
        }
      value[length - 1] = '\0';
      parts = split_top (value + 1, ',', error);
      if (parts == NULL)
        {
          g_ptr_array_unref (values);
          return NULL;
        }
      for (guint i = 0; i < parts->len; i++)
        g_ptr_array_add (values, unquote (g_ptr_array_index (parts, i)));
      g_ptr_array_add (values, NULL);
      term->values = (GStrv)g_ptr_array_free (values, FALSE);
    }
  else
    {
      term->values = g_new0 (char *, 2);
      term->values[0] = unquote (value);
    }
  return g_steal_pointer (&term);
}


LumRql *
lum_rql_parse (const char *text,
               GError    **error)
{
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) ors = NULL;
  LumRql *rql;

  if (text == NULL || strlen (text) > MAX_LENGTH)
    {
      g_set_error_literal (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                           "The rql filter is missing or too long");
      return NULL;
    }
  ors = split_top (text, ',', error);
  if (ors == NULL)
    return NULL;
  groups = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  for (guint i = 0; i < ors->len; i++)
    {
      g_autoptr(GPtrArray) ands = split_top (g_ptr_array_index (ors, i), ';', error);
      GPtrArray *terms;

      if (ands == NULL)
        return NULL;
      terms = g_ptr_array_new_with_free_func (term_free);
      g_ptr_array_add (groups, terms);
      for (guint j = 0; j < ands->len; j++)
        {
          Term *term = parse_term (g_ptr_array_index (ands, j), error);

          if (term == NULL)
            return NULL;
          g_ptr_array_add (terms, term);
        }
    }
  rql = g_new0 (LumRql, 1);
  rql->groups = g_steal_pointer (&groups);
  return rql;
}

static int
compare_value (JsonNode   *node,
               const char *value)
{
  gint64 when_a, when_b;

  if (lum_json_is_bool (node))
    {
      gboolean wanted = g_ascii_strcasecmp (value, "true") == 0;
      return (int)json_node_get_boolean (node) - (int)wanted;
    }
  if (lum_json_is_number (node))
    {
      double wanted = g_ascii_strtod (value, NULL);
      double have = lum_json_number (node);
      return have < wanted ? -1 : have > wanted ? 1 : 0;
    }
  if (lum_sandbox_parse_time (json_node_get_string (node), &when_a)
      && lum_sandbox_parse_time (value, &when_b))
    return when_a < when_b ? -1 : when_a > when_b ? 1 : 0;
  return g_ascii_strcasecmp (json_node_get_string (node), value);
}

static gboolean
equals (JsonNode   *node,
        const char *value)
{
  if (node == NULL)
    return g_ascii_strcasecmp (value, "null") == 0;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (lum_json_is_string (node) && strchr (value, '*') != NULL)
    {
      g_autofree char *pattern = g_ascii_strdown (value, -1);
      g_autofree char *text = g_ascii_strdown (json_node_get_string (node), -1);
      return g_pattern_match_simple (pattern, text);
    }
  return compare_value (node, value) == 0;
}

static gboolean
term_matches (Term     *term,
              JsonNode *record)
{
  JsonNode *node = lum_json_path_ci (record, term->path);
  int order;

  switch (term->op)
    {
    case OP_EQ:
      return equals (node, term->values[0]);
    case OP_NE:
      return !equals (node, term->values[0]);
    case OP_IN:
    case OP_OUT:
      for (guint i = 0; term->values[i] != NULL; i++)
        if (equals (node, term->values[i]))
          return term->op == OP_IN;
      return term->op == OP_OUT;
    default:
      break;
    }
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  order = compare_value (node, term->values[0]);
  switch (term->op)
    {
    case OP_GT:
      return order > 0;
    case OP_GE:
      return order >= 0;
    case OP_LT:
      return order < 0;
    case OP_LE:
      return order <= 0;
    default:
      return FALSE;
    }
}

gboolean
lum_rql_matches (LumRql   *rql,
                 JsonNode *record)
{
  for (guint i = 0; i < rql->groups->len; i++)
    {
      GPtrArray *terms = g_ptr_array_index (rql->groups, i);
      gboolean all = TRUE;

      for (guint j = 0; j < terms->len && all; j++)
        all = term_matches (g_ptr_array_index (terms, j), record);
      if (all)
        return TRUE;
    }
  return FALSE;
}

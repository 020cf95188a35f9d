/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-sandbox"

#include "lum-sandbox-private.h"

#include <string.h>

/*
 * The QuickBooks Online query language, as far as looking records up needs
 * it:
 *   SELECT * | COUNT(*) | Field, … FROM Entity
 *     [WHERE Field op value [AND …]] [ORDERBY Field [ASC|DESC], …]
 *     [STARTPOSITION n] [MAXRESULTS n]
 * with op one of = < > <= >= != IN (…) LIKE '%…%'. Keywords and field names
 * are matched regardless of case, strings compare regardless of case, and a
 * reference such as CustomerRef compares by its value.
 */
#define MAX_QUERY        4096
#define MAX_CONDITIONS   32
#define DEFAULT_RESULTS  100
#define MAX_RESULTS      1000

typedef enum
{
  TOKEN_END,
  TOKEN_WORD,
  TOKEN_STRING,
  TOKEN_NUMBER,
  TOKEN_SYMBOL,
} TokenKind;

typedef struct
{
  TokenKind kind;
  char     *text;
} Token;

typedef enum { CMP_EQ, CMP_NE, CMP_LT, CMP_LE, CMP_GT, CMP_GE, CMP_IN, CMP_LIKE } Cmp;

typedef struct
{
  char  *field;
  Cmp    cmp;
  GStrv  values;
} Condition;

typedef struct
{
  char     *field;
  gboolean  descending;
} Sort;

struct _LumQboQuery
{
  char      *entity;
  gboolean   count;
  GStrv      fields;       /* NULL for * */
  GPtrArray *conditions;
  GPtrArray *sorts;
  guint      start;
  guint      max;
};

typedef struct
{
  GPtrArray *tokens;
  guint      pos;
  GError   **error;
} Parser;

static void
token_free (gpointer data)
{
  Token *token = data;

  g_free (token->text);
  g_free (token);
}

static void
condition_free (gpointer data)
{
  Condition *condition = data;

  g_free (condition->field);
  g_strfreev (condition->values);
  g_free (condition);
}

static void
sort_free (gpointer data)
{
  Sort *sort = data;

  g_free (sort->field);
  g_free (sort);
}

void
lum_qbo_query_free (LumQboQuery *query)
{
  if (query == NULL)
    return;
  g_free (query->entity);
  g_strfreev (query->fields);
  g_ptr_array_unref (query->conditions);
  g_ptr_array_unref (query->sorts);
  g_free (query);
}

const char *
lum_qbo_query_get_entity (LumQboQuery *query)
{
  return query->entity;
}

static gboolean
fail (GError    **error,
      const char *detail,
      const char *near)
{
  g_set_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
               "QueryParserError: %s%s%s%s", detail, near != NULL ? " near '" : "",
               near != NULL ? near : "", near != NULL ? "'" : "");
  return FALSE;
}

static void
add_token (GPtrArray  *tokens,
           TokenKind   kind,
           const char *start,
           gsize       length)
{
  Token *token = g_new0 (Token, 1);

  token->kind = kind;
  token->text = g_strndup (start, length);
  g_ptr_array_add (tokens, token);
}

static GPtrArray *
tokenize (const char *text,
          GError    **error)
{
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (token_free);
  const char *p = text;

  while (*p != '\0')
    {
      const char *start = p;

      if (g_ascii_isspace (*p))
        p++;
      else if (g_ascii_isalpha (*p) || *p == '_')
        {
          while (g_ascii_isalnum (*p) || *p == '_' || *p == '.')
            p++;
          add_token (tokens, TOKEN_WORD, start, p - start);
        }
      else if (g_ascii_isdigit (*p) || (*p == '-' && g_ascii_isdigit (p[1])))
        {
          p++;
          while (g_ascii_isdigit (*p) || *p == '.')
            p++;
          add_token (tokens, TOKEN_NUMBER, start, p - start);
        }
      else if (*p == '\'')
        {
          GString *value = g_string_new (NULL);
          Token *token;

          for (p++; *p != '\0' && *p != '\''; p++)
            {
              if (*p == '\\' && (p[1] == '\'' || p[1] == '\\'))
                p++;
              g_string_append_c (value, *p);
            }
          if (*p != '\'')
            {
              g_string_free (value, TRUE);
              fail (error, "unterminated string", start);
              return NULL;
            }
          p++;
          token = g_new0 (Token, 1);
          token->kind = TOKEN_STRING;
          token->text = g_string_free (value, FALSE);
          g_ptr_array_add (tokens, token);
        }
      else if ((*p == '<' || *p == '>' || *p == '!') && p[1] == '=')
        {
          add_token (tokens, TOKEN_SYMBOL, p, 2);
          p += 2;
        }
      else if (strchr ("()*,=<>", *p) != NULL)
        {
          add_token (tokens, TOKEN_SYMBOL, p, 1);
          p++;
        }
      else
        {
          char near[2] = { *p, '\0' };
          fail (error, "unexpected character", near);
          return NULL;
        }
    }
  add_token (tokens, TOKEN_END, "", 0);
  return g_steal_pointer (&tokens);
}

static Token *
peek (Parser *parser)
{
  return g_ptr_array_index (parser->tokens, parser->pos);
}

static Token *
next (Parser *parser)
{
  Token *token = peek (parser);

  if (token->kind != TOKEN_END)
    parser->pos++;
  return token;
}

static gboolean
is_word (Token      *token,
         const char *word)
{
  return token->kind == TOKEN_WORD && g_ascii_strcasecmp (token->text, word) == 0;
}

static gboolean
is_symbol (Token      *token,
           const char *symbol)
{
  return token->kind == TOKEN_SYMBOL && g_str_equal (token->text, symbol);
}

static gboolean
expect_word (Parser     *parser,
             const char *word)
{
  Token *token = next (parser);

  if (!is_word (token, word))
    {
      g_autofree char *detail = g_strdup_printf ("expected %s", word);
      return fail (parser->error, detail, token->text);
    }
  return TRUE;
}

static gboolean
expect_symbol (Parser     *parser,
               const char *symbol)
{
  Token *token = next (parser);

  if (!is_symbol (token, symbol))
    {
      g_autofree char *detail = g_strdup_printf ("expected '%s'", symbol);
      return fail (parser->error, detail, token->text);
    }
  return TRUE;
}

static gboolean
parse_select (Parser      *parser,
              LumQboQuery *query)
{
  GPtrArray *fields;

  if (is_symbol (peek (parser), "*"))
    {
      next (parser);
      return TRUE;
    }
  if (is_word (peek (parser), "count"))
    {
      next (parser);
      query->count = TRUE;
      return expect_symbol (parser, "(") && expect_symbol (parser, "*") && expect_symbol (parser, ")");
    }
  fields = g_ptr_array_new ();
  do
    {
      Token *token = next (parser);

      if (token->kind != TOKEN_WORD)
        {
          g_ptr_array_add (fields, NULL);
          g_strfreev ((GStrv)g_ptr_array_free (fields, FALSE));
          return fail (parser->error, "expected a field", token->text);
        }
      g_ptr_array_add (fields, g_strdup (token->text));
    }
  while (is_symbol (peek (parser), ",") && next (parser) != NULL);
  g_ptr_array_add (fields, NULL);
  query->fields = (GStrv)g_ptr_array_free (fields, FALSE);
  return TRUE;
}

static gboolean
parse_value (Parser     *parser,
             GPtrArray  *values)
{
  Token *token = next (parser);

  if (token->kind != TOKEN_STRING && token->kind != TOKEN_NUMBER && !is_word (token, "true")
      && !is_word (token, "false"))
    return fail (parser->error, "expected a value", token->text);
  g_ptr_array_add (values, g_strdup (token->text));
  return TRUE;
}

static gboolean
parse_condition (Parser      *parser,
                 LumQboQuery *query)
{
  static const struct { const char *symbol; Cmp cmp; } symbols[] = {
    { "=", CMP_EQ }, { "!=", CMP_NE }, { "<", CMP_LT }, { "<=", CMP_LE }, { ">", CMP_GT }, { ">=", CMP_GE },
  };
  Token *field = next (parser);
  Token *op;
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  Condition *condition;
  Cmp cmp = CMP_EQ;
  gboolean found = FALSE;

  if (field->kind != TOKEN_WORD)
    return fail (parser->error, "expected a field", field->text);
  if (query->conditions->len >= MAX_CONDITIONS)
    return fail (parser->error, "too many conditions", NULL);
  op = next (parser);
  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    if (is_symbol (op, symbols[i].symbol))
      {
        cmp = symbols[i].cmp;
        found = TRUE;
      }
  if (is_word (op, "like"))
    {
      cmp = CMP_LIKE;
      found = TRUE;
    }
  if (is_word (op, "in"))
    {
      cmp = CMP_IN;
      if (!expect_symbol (parser, "("))
        return FALSE;
      do
        if (!parse_value (parser, values))
          return FALSE;
      while (is_symbol (peek (parser), ",") && next (parser) != NULL);
      if (!expect_symbol (parser, ")"))
        return FALSE;
    }
  else if (!found)
    return fail (parser->error, "expected an operator", op->text);
  else if (!parse_value (parser, values))
    return FALSE;

  g_ptr_array_add (values, NULL);
  condition = g_new0 (Condition, 1);
  condition->field = g_strdup (field->text);
  condition->cmp = cmp;
  condition->values = (GStrv)g_ptr_array_free (g_steal_pointer (&values), FALSE);
  g_ptr_array_add (query->conditions, condition);
  return TRUE;
}

static gboolean
parse_number (Parser *parser,
              guint   max,
              guint  *value)
{
  Token *token = next (parser);
  guint64 number;

  if (token->kind != TOKEN_NUMBER || !lum_sandbox_parse_uint (token->text, max, &number) || number == 0)
    return fail (parser->error, "expected a positive number", token->text);
  *value = number;
  return TRUE;
}

static gboolean
parse_tail (Parser      *parser,
            LumQboQuery *query)
{
  if (is_word (peek (parser), "where"))
    {
      next (parser);
      do
        if (!parse_condition (parser, query))
          return FALSE;
      while (is_word (peek (parser), "and") && next (parser) != NULL);
    }
  if (is_word (peek (parser), "orderby") || is_word (peek (parser), "order"))
    {
      if (is_word (next (parser), "order") && !expect_word (parser, "by"))
        return FALSE;
      do
        {
          Token *field = next (parser);
          Sort *sort;

          if (field->kind != TOKEN_WORD)
            return fail (parser->error, "expected a field", field->text);
          sort = g_new0 (Sort, 1);
          sort->field = g_strdup (field->text);
          g_ptr_array_add (query->sorts, sort);
          if (is_word (peek (parser), "desc") || is_word (peek (parser), "asc"))
            sort->descending = is_word (next (parser), "desc");
        }
      while (is_symbol (peek (parser), ",") && next (parser) != NULL);
    }
  if (is_word (peek (parser), "startposition"))
    {
      next (parser);
      if (!parse_number (parser, G_MAXINT32, &query->start))
        return FALSE;
    }
  if (is_word (peek (parser), "maxresults"))
    {
      next (parser);
      if (!parse_number (parser, MAX_RESULTS, &query->max))
        return FALSE;
    }
  if (peek (parser)->kind != TOKEN_END)
    return fail (parser->error, "unexpected text", peek (parser)->text);
  return TRUE;
}

LumQboQuery *
lum_qbo_query_parse (const char  *text,
                     GError     **error)
{
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(LumQboQuery) query = NULL;
  Parser parser = { NULL, 0, error };
  Token *entity;

  if (text == NULL || *text == '\0' || strlen (text) > MAX_QUERY)
    {
      fail (error, "the query is missing or longer than 4096 characters", NULL);
      return NULL;
    }
  tokens = tokenize (text, error);
  if (tokens == NULL)
    return NULL;
  parser.tokens = tokens;
  query = g_new0 (LumQboQuery, 1);
  query->conditions = g_ptr_array_new_with_free_func (condition_free);
  query->sorts = g_ptr_array_new_with_free_func (sort_free);
  query->start = 1;
  query->max = DEFAULT_RESULTS;

  if (!expect_word (&parser, "select") || !parse_select (&parser, query) || !expect_word (&parser, "from"))
    return NULL;
  entity = next (&parser);
  if (entity->kind != TOKEN_WORD)
    {
      fail (error, "expected an entity", entity->text);
      return NULL;
    }
  query->entity = g_strdup (entity->text);
  if (!parse_tail (&parser, query))
    return NULL;
  return g_steal_pointer (&query);
}

/* The value a condition compares: a reference compares by its value. */
static JsonNode *
field_value (JsonObject *record,
             const char *field)
{
  g_autoptr(JsonNode) root = lum_json_node_new_object (record);
  JsonNode *node = lum_json_path_ci (root, field);

  if (lum_json_is_object (node))
    node = lum_json_member (json_node_get_object (node), "value");
  return node;
}

static int
compare (JsonNode   *node,
         const char *value)
{
  gint64 a, b;
  g_autofree char *text = NULL;

  if (lum_json_is_number (node))
    {
      double wanted = g_ascii_strtod (value, NULL);
      return lum_json_number (node) < wanted ? -1 : lum_json_number (node) > wanted;
    }
  text = lum_json_scalar_text (node);
  if (lum_json_is_string (node) && lum_sandbox_parse_time (text, &a) && lum_sandbox_parse_time (value, &b))
    return a < b ? -1 : a > b;
  return g_ascii_strcasecmp (text, value);
}

static gboolean
condition_matches (Condition  *condition,
                   JsonObject *record)
{
  JsonNode *node = field_value (record, condition->field);
  int order;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return condition->cmp == CMP_NE;
  if (condition->cmp == CMP_IN)
    {
      for (guint i = 0; condition->values[i] != NULL; i++)
        if (compare (node, condition->values[i]) == 0)
          return TRUE;
      return FALSE;
    }
  if (condition->cmp == CMP_LIKE)
    {
      g_autofree char *text = lum_json_scalar_text (node);
      g_autofree char *lower = g_ascii_strdown (text, -1);
      g_autofree char *pattern = g_ascii_strdown (condition->values[0], -1);

      g_strdelimit (pattern, "%", '*');
      return g_pattern_match_simple (pattern, lower);
    }
  order = compare (node, condition->values[0]);
  switch (condition->cmp)
    {
    case CMP_EQ: return order == 0;
    case CMP_NE: return order != 0;
    case CMP_LT: return order < 0;
    case CMP_LE: return order <= 0;
    case CMP_GT: return order > 0;
    case CMP_GE: return order >= 0;
    default: return FALSE;
    }
}

static int
compare_records (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  GPtrArray *sorts = user_data;

  for (guint i = 0; i < sorts->len; i++)
    {
      Sort *sort = g_ptr_array_index (sorts, i);
      JsonNode *va = field_value (*(JsonObject **)a, sort->field);
      g_autofree char *tb = lum_json_scalar_text (field_value (*(JsonObject **)b, sort->field));
      int order = va != NULL && tb != NULL ? compare (va, tb) : (va != NULL) - (tb != NULL);

      if (order != 0)
        return sort->descending ? -order : order;
    }
  return 0;
}

static JsonObject *
project (JsonObject *record,
         GStrv       fields)
{
  JsonObject *shown;

  if (fields == NULL)
    return json_object_ref (record);
  shown = json_object_new ();
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autoptr(JsonNode) root = lum_json_node_new_object (record);
      JsonNode *node = lum_json_path_ci (root, fields[i]);

      if (node != NULL)
        json_object_set_member (shown, fields[i], json_node_ref (node));
    }
  json_object_set_member (shown, "Id", json_node_ref (json_object_get_member (record, "Id")));
  json_object_set_string_member (shown, "domain", "QBO");
  json_object_set_boolean_member (shown, "sparse", TRUE);
  return shown;
}

/* Returns the QueryResponse for @records, the records of @entity (the
 * entity's name as QuickBooks spells it, e.g. "Invoice"). */
JsonObject *
lum_qbo_query_run (LumQboQuery *query,
                   const char  *entity,
                   GPtrArray   *records)
{
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  JsonObject *response = json_object_new ();
  JsonArray *list;

  for (guint i = 0; i < records->len; i++)
    {
      JsonObject *record = g_ptr_array_index (records, i);
      gboolean all = TRUE;

      for (guint j = 0; j < query->conditions->len && all; j++)
        all = condition_matches (g_ptr_array_index (query->conditions, j), record);
      if (all)
        g_ptr_array_add (matches, record);
    }
  if (query->count)
    {
      json_object_set_int_member (response, "totalCount", matches->len);
      return response;
    }
  if (query->sorts->len > 0)
    g_ptr_array_sort_with_data (matches, compare_records, query->sorts);
  /* no record: QuickBooks answers "QueryResponse": {} without the entity's
   * array, as the client libraries that read it expect (python-quickbooks
   * tests `object_name in json_data["QueryResponse"]`) */
  if (matches->len < query->start)
    return response;

  list = json_array_new ();
  for (guint i = query->start - 1; i < matches->len && json_array_get_length (list) < query->max; i++)
    json_array_add_object_element (list, project (g_ptr_array_index (matches, i), query->fields));
  json_object_set_array_member (response, entity, list);
  json_object_set_int_member (response, "startPosition", query->start);
  json_object_set_int_member (response, "maxResults", json_array_get_length (list));
  return response;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "model/lum-field-path.h"

static char *
apply (const char *start,
       const char *path_text,
       const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LumFieldPath) path = lum_field_path_parse (path_text, &error);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  JsonObject *root;

  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, start, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  json_node_set_string (node, value);
  g_assert_true (lum_field_path_set (path, root, node, &error));
  g_assert_no_error (error);

  /* What was set reads back through the same path. */
  {
    JsonNode *back = lum_field_path_get (path, root);
    g_assert_nonnull (back);
    g_assert_cmpstr (json_node_get_string (back), ==, value);
  }

  return json_to_string (json_parser_get_root (parser), FALSE);
}

static void
test_set_forms (void)
{
  struct {
    const char *start;
    const char *path;
    const char *expected;
  } cases[] = {
    { "{}", "shippingNotes", "{\"shippingNotes\":\"V\"}" },
    { "{\"shippingNotes\":\"old\"}", "shippingNotes", "{\"shippingNotes\":\"V\"}" },
    { "{}", "routingInfo.mode", "{\"routingInfo\":{\"mode\":\"V\"}}" },
    { "{\"routingInfo\":{\"carrier\":\"UPS\"}}", "routingInfo.mode",
      "{\"routingInfo\":{\"carrier\":\"UPS\",\"mode\":\"V\"}}" },
    { "{\"advancedOptions\":{\"storeId\":1001}}", "advancedOptions.customField1",
      "{\"advancedOptions\":{\"storeId\":1001,\"customField1\":\"V\"}}" },
    { "{\"items\":[{\"sku\":\"A\",\"quantity\":1},{\"sku\":\"B\"}]}", "items[0].sku",
      "{\"items\":[{\"sku\":\"V\",\"quantity\":1},{\"sku\":\"B\"}]}" },
    { "{}", "items[1].sku", "{\"items\":[{},{\"sku\":\"V\"}]}" },
    { "{\"tags\":[\"a\"]}", "tags[2]", "{\"tags\":[\"a\",null,\"V\"]}" },
    { "{}", "savedElements[name=GiftMessage]",
      "{\"savedElements\":[{\"name\":\"GiftMessage\",\"value\":\"V\"}]}" },
    { "{\"savedElements\":[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"GiftMessage\",\"value\":\"old\"}]}",
      "savedElements[name=GiftMessage].value",
      "{\"savedElements\":[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"GiftMessage\",\"value\":\"V\"}]}" },
    { "{}", "savedElements[name=\"Gift Message\"]",
      "{\"savedElements\":[{\"name\":\"Gift Message\",\"value\":\"V\"}]}" },
    { "{}", "a.b[0].c.d", "{\"a\":{\"b\":[{\"c\":{\"d\":\"V\"}}]}}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *result = apply (cases[i].start, cases[i].path, "V");
      g_assert_cmpstr (result, ==, cases[i].expected);
    }
}

static void
test_canonical (void)
{
  struct {
    const char *in;
    const char *out;
  } cases[] = {
    { "  shippingNotes ", "shippingNotes" },
    { "savedElements[name=Gift]", "savedElements[name=Gift].value" },
    { "savedElements[name= Gift ].value", "savedElements[name=Gift].value" },
    { "savedElements[name=\"Gift Note\"]", "savedElements[name=\"Gift Note\"].value" },
    { "items[007].sku", "items[7].sku" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LumFieldPath) path = lum_field_path_parse (cases[i].in, &error);
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      text = lum_field_path_to_string (path);
      g_assert_cmpstr (text, ==, cases[i].out);
    }
}

static void
test_syntax_errors (void)
{
  const char *bad[] = {
    "", ".a", "a.", "a..b", "1a", "a b", "a[", "a[]", "a[x]", "a[1", "a[1000]",
    "a[name=]", "a[name=\"x]", "a[=x]", "a]", "a.b!", "ä",
    "a.a.a.a.a.a.a.a.a.a.a.a.a",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LumFieldPath) path = lum_field_path_parse (bad[i], &error);

      if (path != NULL)
        g_error ("“%s” should not parse", bad[i]);
      g_assert_error (error, LUM_FIELD_PATH_ERROR, LUM_FIELD_PATH_ERROR_SYNTAX);
    }
}

/* The message says what is wrong with the path in words, never "at position 7". */
static void
test_syntax_messages (void)
{
  const struct { const char *in; const char *message; } cases[] = {
    { "items[", "Remote field “items[”: a “[” is not closed" },
    { "items[1", "Remote field “items[1”: a “[” is not closed" },
    { "items[name=x", "Remote field “items[name=x”: a “[” is not closed" },
    { "ship to", "Remote field “ship to”: a field name cannot hold a space" },
    { "a. b", "Remote field “a. b”: a field name cannot hold a space" },
    { ".a", "Remote field “.a”: it cannot start with “.”" },
    { "a.", "Remote field “a.”: it cannot end with “.”" },
    { "a..b", "Remote field “a..b”: it has two “.” in a row" },
    { "1a", "Remote field “1a”: a field name cannot start with a digit" },
    { "a]", "Remote field “a]”: a “]” has no “[” before it" },
    { "[0]", "Remote field “[0]”: a “[” must follow a field name" },
    { "a[0]b", "Remote field “a[0]b”: after “]” comes “.”, “[” or the end" },
    { "a[]", "Remote field “a[]”: “[]” is empty: put a number or name=value inside" },
    { "a[1000]", "Remote field “a[1000]”: an array index must be a number from 0 to 999" },
    { "a[x]", "Remote field “a[x]”: inside “[ ]” a name needs “=” and a value, as in “[name=GiftMessage]”" },
    { "a[=x]", "Remote field “a[=x]”: inside “[ ]” goes a number or name=value, as in “[0]” or “[name=GiftMessage]”" },
    { "a[name=]", "Remote field “a[name=]”: the value after “=” is empty" },
    { "a[name=\"x]", "Remote field “a[name=\"x]”: a quote “\"” is not closed" },
    { "a[name=\"x\"y]", "Remote field “a[name=\"x\"y]”: a quoted value must be followed by “]”" },
    { "a.b!", "Remote field “a.b!”: a field name cannot hold “!”, only the letters A–Z and a–z, digits, “_” and “-”" },
    { "straße", "Remote field “straße”: a field name cannot hold “ß”, only the letters A–Z and a–z, digits, “_” and “-”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LumFieldPath) path = lum_field_path_parse (cases[i].in, &error);

      g_assert_null (path);
      g_assert_error (error, LUM_FIELD_PATH_ERROR, LUM_FIELD_PATH_ERROR_SYNTAX);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_conflicts (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LumFieldPath) path = lum_field_path_parse ("shipTo.name", NULL);
  g_autoptr(LumFieldPath) array_path = lum_field_path_parse ("notes[0]", NULL);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  JsonObject *root;

  json_parser_load_from_data (parser, "{\"shipTo\":\"a string\",\"notes\":\"text\"}", -1, NULL);
  root = json_node_get_object (json_parser_get_root (parser));
  before = json_to_string (json_parser_get_root (parser), FALSE);
  json_node_set_string (node, "V");

  g_assert_false (lum_field_path_set (path, root, node, &error));
  g_assert_error (error, LUM_FIELD_PATH_ERROR, LUM_FIELD_PATH_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "shipTo.name"));
  g_clear_error (&error);

  g_assert_false (lum_field_path_set (array_path, root, node, &error));
  g_assert_error (error, LUM_FIELD_PATH_ERROR, LUM_FIELD_PATH_ERROR_CONFLICT);

  after = json_to_string (json_parser_get_root (parser), FALSE);
  g_assert_cmpstr (before, ==, after);
}

static void
test_prefix (void)
{
  g_autoptr(LumFieldPath) a = lum_field_path_parse ("routingInfo", NULL);
  g_autoptr(LumFieldPath) b = lum_field_path_parse ("routingInfo.mode", NULL);
  g_autoptr(LumFieldPath) c = lum_field_path_parse ("routingInfoX", NULL);

  g_assert_true (lum_field_path_is_prefix (a, b));
  g_assert_false (lum_field_path_is_prefix (b, a));
  g_assert_false (lum_field_path_is_prefix (a, c));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/field-path/set-forms", test_set_forms);
  g_test_add_func ("/field-path/canonical", test_canonical);
  g_test_add_func ("/field-path/syntax-errors", test_syntax_errors);
  g_test_add_func ("/field-path/syntax-messages", test_syntax_messages);
  g_test_add_func ("/field-path/conflicts", test_conflicts);
  g_test_add_func ("/field-path/prefix", test_prefix);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one set of JSON readers (core, sandbox and tests) and the writer. */
#include "lum-json.h"

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static void
test_readers (void)
{
  g_autoptr(JsonNode) root = parse ("{\"Id\":\"7\",\"n\":12,\"none\":null,\"x\":1.5,"
                                    "\"Ship\":{\"To\":{\"Name\":\"Dock\"}},\"list\":[1]}");
  JsonObject *object = json_node_get_object (root);
  gint64 number = 0;
  g_autofree char *id = lum_json_dup_scalar (object, "Id");
  g_autofree char *n = lum_json_dup_scalar (object, "n");
  g_autofree char *x = lum_json_scalar_text (lum_json_member (object, "x"));

  /* a null member reads as a missing one, everywhere */
  g_assert_null (lum_json_member (object, "none"));
  g_assert_null (lum_json_get_string (object, "none"));
  g_assert_true (lum_json_member_is_a (object, "none", G_TYPE_STRING));
  g_assert_false (lum_json_member_is_a (object, "n", G_TYPE_STRING));
  /* another type reads as missing */
  g_assert_null (lum_json_get_string (object, "n"));
  g_assert_false (lum_json_get_int (object, "Id", &number));
  g_assert_true (lum_json_get_int (object, "n", &number));
  g_assert_cmpint (number, ==, 12);
  g_assert_cmpstr (id, ==, "7");
  g_assert_cmpstr (n, ==, "12");
  g_assert_cmpstr (x, ==, "1.5");
  g_assert_nonnull (lum_json_get_array (object, "list"));
  g_assert_null (lum_json_get_object (object, "list"));
  g_assert_cmpfloat (lum_json_number (lum_json_member (object, "n")), ==, 12.0);
  /* names as .NET and QuickBooks match them */
  g_assert_nonnull (lum_json_member_ci (object, "id"));
  g_assert_cmpstr (json_node_get_string (lum_json_path_ci (root, "ship.to.name")), ==, "Dock");
  g_assert_null (lum_json_path_ci (root, "ship.from.name"));
  g_assert_null (lum_json_get_string (NULL, "Id"));
}

/* What flow writes as an event's details reads back the same. */
static void
test_write_reads_back (void)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autofree char *text = NULL;
  const char *odd = "quote \" slash \\ bell \b feed \f tab \t nl \n ctl \x01 é";

  json_object_set_string_member (object, "reason", odd);
  json_object_set_null_member (object, "sku");
  json_object_set_double_member (object, "amount", 4.2);
  node = json_node_init_object (json_node_alloc (), object);
  text = lum_json_write (node, FALSE);
  g_assert_cmpstr (text, ==, "{\"reason\":\"quote \\\" slash \\\\ bell \\b feed \\f tab \\t nl \\n ctl \\u0001 é\","
                             "\"sku\":null,\"amount\":4.2}");
  again = parse (text);
  g_assert_cmpstr (lum_json_get_string (json_node_get_object (again), "reason"), ==, odd);
}

/* Event details are written without a JsonNode, with the writer's own
 * escaping: the same text either way. */
static void
test_append_string (void)
{
  const char *texts[] = { "", "plain", "quote \" slash \\ bell \b feed \f tab \t nl \n ctl \x01 \x1f é" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), texts[i]);
      g_autofree char *written = lum_json_write (node, FALSE);
      g_autoptr(GString) appended = g_string_new ("x");

      lum_json_append_string (appended, texts[i]);
      g_assert_cmpstr (appended->str + 1, ==, written);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/readers", test_readers);
  g_test_add_func ("/json/write-reads-back", test_write_reads_back);
  g_test_add_func ("/json/append-string", test_append_string);
  return g_test_run ();
}

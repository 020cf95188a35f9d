/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "lum-test-util.h"
#include "lum-engine-documents.h"
#include "lum-engine-import.h"
#include "lum-engine-setup.h"
#include "lum-text.h"
#include "lum-util.h"
#include "flow/lum-channel-rules.h"

/*
 * Text from people and files: control characters refused in one-line
 * fields, only line breaks and tabs in multi-line ones, invalid UTF-8
 * refused, a limit on every field, and values shown cut in messages.
 */

static void
assert_text_refused (const char   *value,
                     LumTextFlags  flags,
                     glong         max,
                     int           code,
                     const char   *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (lum_text_check ("Customer name", value, flags, max, &error));
  g_assert_error (error, LUM_TEXT_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_text_check (void)
{
  g_autoptr(GError) error = NULL;

  assert_text_refused ("Acme\x1b[31m", LUM_TEXT_ONE_LINE, 120, LUM_TEXT_ERROR_CONTROL,
                       "Customer name “Acme\\x1b[31m” has a control character (U+001B) at position 5");
  assert_text_refused ("Ding\a", LUM_TEXT_ONE_LINE, 120, LUM_TEXT_ERROR_CONTROL,
                       "Customer name “Ding\\x07” has a control character (U+0007) at position 5");
  assert_text_refused ("Del\x7f", LUM_TEXT_ONE_LINE, 120, LUM_TEXT_ERROR_CONTROL,
                       "Customer name “Del\\x7f” has a control character (U+007F) at position 4");
  /* C1 controls count as one character each, as do the letters before */
  assert_text_refused ("Café\xc2\x9b" "2J", LUM_TEXT_ONE_LINE, 120, LUM_TEXT_ERROR_CONTROL,
                       "Customer name “Café\\u009b2J” has a control character (U+009B) at position 5");
  assert_text_refused ("two\nlines", LUM_TEXT_ONE_LINE, 120, LUM_TEXT_ERROR_CONTROL,
                       "Customer name “two\\nlines” has a control character (U+000A) at position 4");
  assert_text_refused ("tab\there", LUM_TEXT_ONE_LINE, 120, LUM_TEXT_ERROR_CONTROL,
                       "Customer name “tab\\there” has a control character (U+0009) at position 4");
  assert_text_refused ("line\xe2\x80\xa8sep", LUM_TEXT_ONE_LINE, 120, LUM_TEXT_ERROR_CONTROL,
                       "Customer name “line\\u2028sep” has a control character (U+2028) at position 5");
  assert_text_refused ("Caf\xe9", LUM_TEXT_ONE_LINE, 120, LUM_TEXT_ERROR_ENCODING,
                       "Customer name “Caf\\xe9” is not valid UTF-8 text: byte 0xE9 at position 4");
  assert_text_refused ("12345", LUM_TEXT_ONE_LINE, 4, LUM_TEXT_ERROR_LENGTH,
                       "Customer name “12345” is 5 characters long; at most 4 are allowed");

  /* notes keep line breaks and tabs, and nothing else */
  g_assert_true (lum_text_check ("Notes", "one\n\ttwo", LUM_TEXT_MULTI_LINE, 2000, &error));
  g_assert_no_error (error);
  g_assert_false (lum_text_check ("Notes", "one\r\ntwo", LUM_TEXT_MULTI_LINE, 2000, &error));
  g_assert_error (error, LUM_TEXT_ERROR, LUM_TEXT_ERROR_CONTROL);
  g_clear_error (&error);
  g_assert_false (lum_text_check ("Notes", "one\x1b", LUM_TEXT_MULTI_LINE, 2000, &error));
  g_assert_error (error, LUM_TEXT_ERROR, LUM_TEXT_ERROR_CONTROL);
  g_clear_error (&error);

  /* characters, not bytes: 120 letters of two bytes each are a valid name */
  {
    g_autoptr(GString) umlauts = g_string_new (NULL);
    for (guint i = 0; i < 120; i++)
      g_string_append (umlauts, "ü");
    g_assert_true (lum_text_check ("Customer name", umlauts->str, LUM_TEXT_ONE_LINE, 120, &error));
    g_assert_no_error (error);
  }
}

static void
test_text_shown (void)
{
  g_autofree char *huge = g_strnfill (10485760, 'x');
  g_autofree char *shown = lum_text_shown (huge);
  g_autofree char *escaped = lum_text_escape ("a\x1b[2Jb\n\tc\xc2\x85\xff", LUM_TEXT_ONE_LINE);
  g_autofree char *kept = lum_text_escape ("a\x1b\n\tc", LUM_TEXT_MULTI_LINE);
  g_autofree char *short_text = lum_text_shown ("Acme\x1b[31m");
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (shown, ==, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… (10,485,760 characters)");
  g_assert_cmpstr (short_text, ==, "Acme\\x1b[31m");
  g_assert_cmpstr (escaped, ==, "a\\x1b[2Jb\\n\\tc\\u0085\\xff");
  g_assert_cmpstr (kept, ==, "a\\x1b\n\tc");

  /* the refusal of a 10 MB value is a sentence, not 10 MB */
  g_assert_false (lum_text_check ("Description", huge, LUM_TEXT_MULTI_LINE, 1000, &error));
  g_assert_cmpstr (error->message, ==,
                   "Description “xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…” is 10,485,760 characters long; "
                   "at most 1000 are allowed");
}

static void
assert_customer_refused (LumEngine   *engine,
                         guint        field,
                         const char  *value,
                         const char  *needle)
{
  g_autoptr(LumCustomer) customer = lum_customer_new ("Someone");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = lum_test_dump_database (engine);
  g_autofree char *after = NULL;

  lum_customer_set_text (customer, field, value);
  g_assert_false (lum_engine_save_customer (engine, customer, &error));
  g_assert_error (error, LUM_RECORD_ERROR, LUM_RECORD_ERROR_FIELD);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” not in: %s", needle, error->message);
  after = lum_test_dump_database (engine);
  g_assert_cmpstr (before, ==, after);
}

static void
test_customer_fields (void)
{
  g_autoptr(LumEngine) engine = lum_test_engine_new (NULL, NULL);
  g_autoptr(LumCustomer) fine = lum_customer_new ("Fine");
  g_autoptr(GError) error = NULL;
  g_autofree char *local_part = g_strnfill (250, 'e');
  g_autofree char *email = g_strconcat (local_part, "@x.yz", NULL);
  g_autofree char *phone = g_strnfill (41, '5');
  g_autofree char *street = g_strnfill (201, 's');

  assert_customer_refused (engine, LUM_CUSTOMER_NAME, "Acme\x1b[31m",
                           "Customer name “Acme\\x1b[31m” has a control character (U+001B) at position 5");
  assert_customer_refused (engine, LUM_CUSTOMER_COMPANY, "Acme\nInc", "(U+000A) at position 5");
  assert_customer_refused (engine, LUM_CUSTOMER_SHIP_CITY, "Spring\x85" "field", "not valid UTF-8");
  assert_customer_refused (engine, LUM_CUSTOMER_EMAIL, email, "is 255 characters long; at most 254");
  assert_customer_refused (engine, LUM_CUSTOMER_PHONE, phone, "is 41 characters long; at most 40");
  assert_customer_refused (engine, LUM_CUSTOMER_BILL_STREET1, street, "is 201 characters long; at most 200");

  /* a line break at either end is trimmed away like a space */
  lum_customer_set_text (fine, LUM_CUSTOMER_SHIP_CITY, "Springfield\r\n");
  g_assert_true (lum_engine_save_customer (engine, fine, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lum_customer_get_text (fine, LUM_CUSTOMER_SHIP_CITY), ==, "Springfield");
}

static void
test_product_and_setup_names (void)
{
  g_autoptr(LumEngine) engine = lum_test_engine_new (NULL, NULL);
  g_autoptr(LumProduct) bell = lum_product_new ("B-1", "Bell\a", 100, 0);
  g_autoptr(LumProduct) escape_sku = lum_product_new ("E\x1b-1", "Escape", 100, 0);
  g_autoptr(LumWarehouseGroup) group = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (lum_engine_save_product (engine, bell, &error));
  g_assert_error (error, LUM_RECORD_ERROR, LUM_RECORD_ERROR_FIELD);
  g_assert_cmpstr (error->message, ==, "Product name “Bell\\x07” has a control character (U+0007) at position 5");
  g_clear_error (&error);
  g_assert_false (lum_engine_save_product (engine, escape_sku, &error));
  g_assert_cmpstr (error->message, ==, "SKU “E\\x1b-1” has a control character (U+001B) at position 2");
  g_clear_error (&error);

  group = lum_engine_create_warehouse_group (engine, "East\x1b]0;x\a", NULL, FALSE, &error);
  g_assert_null (group);
  g_assert_error (error, LUM_SETUP_ERROR, LUM_SETUP_ERROR_NAME);
  g_assert_nonnull (strstr (error->message, "“East\\x1b]0;x\\x07” has a control character (U+001B) at position 5"));
  g_assert_cmpint (lum_test_count_rows (engine, "product"), ==, 0);
  g_assert_cmpint (lum_test_count_rows (engine, "warehouse_group"), ==, 1);
}

static void
test_channel_texts (void)
{
  g_autoptr(LumEngine) engine = lum_test_engine_new (NULL, NULL);
  g_autoptr(LumChannel) channel = lum_engine_new_channel (engine, NULL);
  g_autofree char *description = g_strnfill (1001, 'd');
  g_autoptr(GError) error = NULL;

  lum_channel_set_name (channel, "Retail\nSales");
  g_assert_false (lum_engine_save_channel (engine, channel, &error));
  g_assert_error (error, LUM_CHANNEL_ERROR, LUM_CHANNEL_ERROR_NAME);
  g_assert_cmpstr (error->message, ==, "Channel name “Retail\\nSales” has a control character (U+000A) at position 7");
  g_clear_error (&error);

  lum_channel_set_name (channel, "Retail");
  lum_channel_set_description (channel, "first\x1b[8m");
  g_assert_false (lum_engine_save_channel (engine, channel, &error));
  g_assert_error (error, LUM_CHANNEL_ERROR, LUM_CHANNEL_ERROR_DESCRIPTION);
  g_clear_error (&error);
  lum_channel_set_description (channel, description);
  g_assert_false (lum_engine_save_channel (engine, channel, &error));
  g_assert_error (error, LUM_CHANNEL_ERROR, LUM_CHANNEL_ERROR_DESCRIPTION);
  g_assert_nonnull (strstr (error->message, "is 1,001 characters long; at most 1000"));
  g_clear_error (&error);
  g_assert_cmpint (lum_test_count_rows (engine, "channel"), ==, 0);

  /* a description keeps its lines */
  lum_channel_set_description (channel, "first line\n\tsecond line");
  g_assert_true (lum_engine_save_channel (engine, channel, &error));
  g_assert_no_error (error);
}

/* A 10 MB field: its row is refused, and the preview shows its start. */
static void
test_import_oversized_and_escapes (void)
{
  g_autoptr(LumEngine) engine = lum_test_engine_new (NULL, NULL);
  g_autoptr(GString) csv = g_string_new ("sku,name,price\n");
  g_autoptr(GListStore) rows = NULL;
  g_autoptr(LumImportRow) huge = NULL;
  g_autoptr(LumImportRow) evil = NULL;
  g_autoptr(GError) error = NULL;

  g_string_append (csv, "H-1,");
  for (guint i = 0; i < 10485760; i++)
    g_string_append_c (csv, 'n');
  g_string_append (csv, ",1.00\nE-1,\"Evil\x1b]0;pwned\a\",2.00\n");

  rows = lum_engine_import_preview (engine, LUM_IMPORT_PRODUCTS, csv->str, csv->len, &error);
  g_assert_no_error (error);
  huge = g_list_model_get_item (G_LIST_MODEL (rows), 0);
  evil = g_list_model_get_item (G_LIST_MODEL (rows), 1);

  g_assert_cmpstr (lum_import_row_get_summary (huge), ==,
                   "H-1 — nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn… (10,485,760 characters)");
  g_assert_cmpstr (lum_import_row_get_error (huge), ==,
                   "Product name “nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn…” is 10,485,760 characters long; "
                   "at most 200 are allowed");
  g_assert_cmpstr (lum_import_row_get_summary (evil), ==, "E-1 — Evil\\x1b]0;pwned\\x07");
  g_assert_cmpstr (lum_import_row_get_error (evil), ==,
                   "Product name “Evil\\x1b]0;pwned\\x07” has a control character (U+001B) at position 5");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/input/text-check", test_text_check);
  g_test_add_func ("/input/text-shown", test_text_shown);
  g_test_add_func ("/input/customer-fields", test_customer_fields);
  g_test_add_func ("/input/product-and-setup-names", test_product_and_setup_names);
  g_test_add_func ("/input/channel-texts", test_channel_texts);
  g_test_add_func ("/input/import-oversized", test_import_oversized_and_escapes);

  return g_test_run ();
}

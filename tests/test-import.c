/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "lum-test-util.h"
#include "lum-util.h"
#include "lum-csv.h"
#include "lum-document-list.h"
#include "lum-engine-documents.h"
#include "lum-engine-import.h"
#include "lum-engine-setup.h"

static GPtrArray *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = lum_csv_parse (text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static const char *
cell (GPtrArray *rows,
      guint      r,
      guint      c)
{
  LumCsvRow *row = g_ptr_array_index (rows, r);
  g_assert_cmpuint (c, <, g_strv_length (row->fields));
  return row->fields[c];
}

static void
test_csv_quotes_commas_newlines (void)
{
  g_autoptr(GPtrArray) rows = parse_ok ("\xEF\xBB\xBFname,notes,city\r\n"
                                        "\"Smith, Jones & Co\",\"line one\nline two\",Boston\r\n"
                                        "\"He said \"\"hi\"\"\",,\"\"\r\n"
                                        "\n"
                                        "last,row,\"no newline\"");

  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpstr (cell (rows, 0, 0), ==, "name");
  g_assert_cmpstr (cell (rows, 1, 0), ==, "Smith, Jones & Co");
  g_assert_cmpstr (cell (rows, 1, 1), ==, "line one\nline two");
  g_assert_cmpstr (cell (rows, 1, 2), ==, "Boston");
  g_assert_cmpstr (cell (rows, 2, 0), ==, "He said \"hi\"");
  g_assert_cmpstr (cell (rows, 2, 1), ==, "");
  g_assert_cmpstr (cell (rows, 2, 2), ==, "");
  g_assert_cmpuint (g_strv_length (((LumCsvRow *)g_ptr_array_index (rows, 2))->fields), ==, 3);
  g_assert_cmpstr (cell (rows, 3, 2), ==, "no newline");
  /* line numbers count the newlines inside quotes */
  g_assert_cmpuint (((LumCsvRow *)g_ptr_array_index (rows, 2))->line, ==, 4);
  g_assert_cmpuint (((LumCsvRow *)g_ptr_array_index (rows, 3))->line, ==, 6);
}

static void
test_csv_errors (void)
{
  struct { const char *text; int code; const char *needle; } bad[] = {
    { "a,b\n\"open,c\n", LUM_CSV_ERROR_UNTERMINATED_QUOTE, "Line 2" },
    { "a,b\nx\"y,c\n", LUM_CSV_ERROR_STRAY_QUOTE, "Line 2" },
    { "a,b\n\"x\"y,c\n", LUM_CSV_ERROR_STRAY_QUOTE, "Line 2" },
    { "a,b\nok,\xff\xfe\n", LUM_CSV_ERROR_ENCODING, "Line 2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows = lum_csv_parse (bad[i].text, -1, &error);

      g_assert_null (rows);
      g_assert_error (error, LUM_CSV_ERROR, bad[i].code);
      g_assert_nonnull (strstr (error->message, bad[i].needle));
    }
}

static void
test_import_customers (void)
{
  g_autoptr(LumEngine) engine = lum_test_engine_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) rows = NULL;
  g_autoptr(LumCustomer) existing = lum_customer_new ("Acme Corp");
  g_autoptr(LumCustomer) acme = NULL;
  g_autoptr(LumCustomer) bolt = NULL;
  guint added = 0, updated = 0;
  const char *csv =
    "Name,Email,Ship Street1,Ship City,Terms\n"
    "Acme Corp,orders@acme.example,\"12 Dock Rd, Unit 4\",Springfield,Net 60\n"
    "\"Bolt, Nut & Screw\",bolt@example.com,\"1 Long Road\",Shelbyville,due on receipt\n"
    "Broken Email,not-an-email,,,\n"
    "Odd Terms,,,,whenever\n"
    "acme corp,,,,net30\n"
    "Short row,x\n";
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (lum_engine_save_customer (engine, existing, &error));
  before = lum_test_dump_database (engine);

  rows = lum_engine_import_preview (engine, LUM_IMPORT_CUSTOMERS, csv, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 6);

  /* the preview writes nothing */
  after = lum_test_dump_database (engine);
  g_assert_cmpstr (before, ==, after);

  {
    struct { guint line; gboolean ok; gboolean update; const char *needle; } expect[] = {
      { 2, TRUE, TRUE, NULL },
      { 3, TRUE, FALSE, NULL },
      { 4, FALSE, FALSE, "not-an-email" },
      { 5, FALSE, FALSE, "whenever" },
      { 6, FALSE, FALSE, "line 2" },
      { 7, FALSE, FALSE, "2 fields" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (expect); i++)
      {
        g_autoptr(LumImportRow) row = g_list_model_get_item (G_LIST_MODEL (rows), i);

        g_assert_cmpuint (lum_import_row_get_line (row), ==, expect[i].line);
        g_assert_cmpint (lum_import_row_get_error (row) == NULL, ==, expect[i].ok);
        g_assert_cmpint (lum_import_row_get_update (row), ==, expect[i].update);
        if (expect[i].needle)
          g_assert_nonnull (strstr (lum_import_row_get_error (row), expect[i].needle));
      }
  }

  g_assert_true (lum_engine_import_commit (engine, G_LIST_MODEL (rows), &added, &updated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 1);
  g_assert_cmpuint (updated, ==, 1);
  g_assert_cmpint (lum_test_count_rows (engine, "customer"), ==, 2);

  acme = lum_engine_find_customer (engine, "ACME CORP", &error);
  g_assert_cmpstr (lum_customer_get_text (acme, LUM_CUSTOMER_SHIP_STREET1), ==, "12 Dock Rd, Unit 4");
  g_assert_cmpint (lum_customer_get_terms_days (acme), ==, 60);
  bolt = lum_engine_find_customer (engine, "Bolt, Nut & Screw", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lum_customer_get_text (bolt, LUM_CUSTOMER_SHIP_STREET1), ==, "1 Long Road");
  g_assert_cmpint (lum_customer_get_terms_days (bolt), ==, 0);
}

static void
test_import_products_and_header_errors (void)
{
  g_autoptr(LumEngine) engine = lum_test_engine_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) rows = NULL;
  g_autoptr(LumProduct) widget = NULL;
  guint added = 0, updated = 0;

  rows = lum_engine_import_preview (engine, LUM_IMPORT_PRODUCTS, "sku,name,colour\nA,B,red\n", -1, &error);
  g_assert_null (rows);
  g_assert_error (error, LUM_IMPORT_ERROR, LUM_IMPORT_ERROR_HEADER);
  g_assert_nonnull (strstr (error->message, "colour"));
  g_clear_error (&error);

  rows = lum_engine_import_preview (engine, LUM_IMPORT_PRODUCTS, "sku,name,price\n", -1, &error);
  g_assert_error (error, LUM_IMPORT_ERROR, LUM_IMPORT_ERROR_EMPTY);
  g_clear_error (&error);

  rows = lum_engine_import_preview (engine, LUM_IMPORT_PRODUCTS,
                                    "SKU,Name,Unit Price,Weight oz\n"
                                    "WID-1,\"Widget, large\",$1,234.50,12.5\n"
                                    "WID-2,Widget small,abc,1\n"
                                    "WID 3,Spaced,1.00,1\n"
                                    "WID-1,Again,2.00,1\n", -1, &error);
  /* the unquoted thousands separator makes five fields: an error on that row */
  g_assert_no_error (error);
  {
    g_autoptr(LumImportRow) first = g_list_model_get_item (G_LIST_MODEL (rows), 0);
    g_assert_nonnull (strstr (lum_import_row_get_error (first), "5 fields"));
  }
  g_clear_object (&rows);
  rows = lum_engine_import_preview (engine, LUM_IMPORT_PRODUCTS,
                                    "SKU,Name,Unit Price,Weight oz\n"
                                    "WID-1,\"Widget, large\",\"$1,234.50\",12.5\n"
                                    "WID-2,Widget small,abc,1\n"
                                    "WID 3,Spaced,1.00,1\n"
                                    "WID-1,Again,2.00,1\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 4);
  {
    const char *needles[] = { NULL, "abc", "WID 3", "line 2" };
    for (guint i = 0; i < 4; i++)
      {
        g_autoptr(LumImportRow) row = g_list_model_get_item (G_LIST_MODEL (rows), i);
        if (needles[i] == NULL)
          g_assert_null (lum_import_row_get_error (row));
        else
          g_assert_nonnull (strstr (lum_import_row_get_error (row), needles[i]));
      }
  }
  g_assert_true (lum_engine_import_commit (engine, G_LIST_MODEL (rows), &added, &updated, &error));
  g_assert_cmpuint (added, ==, 1);
  widget = lum_engine_find_product (engine, "WID-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lum_product_get_name (widget), ==, "Widget, large");
  g_assert_cmpint (lum_product_get_unit_price_cents (widget), ==, 123450);
  g_assert_cmpfloat (lum_product_get_weight_oz (widget), ==, 12.5);
}

/* One reader of money: a comma separates thousands only before groups of
 * exactly three digits; "12,50" was read as 1,250.00 and "1,234,56" as
 * 123,456.00. */
static void
test_money_parse (void)
{
  struct {
    const char *text;
    char        mark;
    gint64      cents;   /* -1: refused */
  } cases[] = {
    { "12", '.', 1200 },
    { "12.5", '.', 1250 },
    { "$1,234.56", '.', 123456 },
    { "1,234,567", '.', 123456700 },
    { " 0.05 ", '.', 5 },
    { "12,50", '.', -1 },
    { "1,234,56", '.', -1 },
    { "1,5", '.', -1 },
    { "1,2345", '.', -1 },
    { "12,345,6789", '.', -1 },
    { ",500", '.', -1 },
    { "1,,000", '.', -1 },
    { "1.005", '.', -1 },
    { "1.2.3", '.', -1 },
    { "-1", '.', -1 },
    { "", '.', -1 },
    { "12,50", ',', 1250 },
    { "1.234,56", ',', 123456 },
    { "1,5", ',', 150 },
    { "12.50", ',', -1 },
    { "1.234.56", ',', -1 },
    { "1.234", ',', 123400 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 cents = -1;
      gboolean ok = lum_money_parse_with_mark (cases[i].text, cases[i].mark, &cents);

      if (ok != (cases[i].cents >= 0) || (ok && cents != cases[i].cents))
        g_error ("“%s” with decimal mark '%c': got %s %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT,
                 cases[i].text, cases[i].mark, ok ? "cents" : "refused", cents, cases[i].cents);
    }

  /* the tests run in the C locale, whose decimal mark is the point */
  g_assert_cmpint (lum_money_decimal_mark (), ==, '.');
  g_assert_false (lum_money_parse ("12,50", &(gint64){ 0 }));
}

/* A CSV price with a decimal comma is refused on its row, naming it. */
static void
test_import_decimal_comma (void)
{
  g_autoptr(LumEngine) engine = lum_test_engine_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) rows = NULL;
  g_autoptr(LumImportRow) first = NULL;
  g_autoptr(LumImportRow) second = NULL;

  rows = lum_engine_import_preview (engine, LUM_IMPORT_PRODUCTS,
                                    "sku,name,price\nA-1,Apple,\"1,5\"\nB-2,Bolt,\"1,234.50\"\n", -1, &error);
  g_assert_no_error (error);
  first = g_list_model_get_item (G_LIST_MODEL (rows), 0);
  second = g_list_model_get_item (G_LIST_MODEL (rows), 1);
  g_assert_nonnull (lum_import_row_get_error (first));
  g_assert_nonnull (strstr (lum_import_row_get_error (first), "Price “1,5” is not an amount such as 1,234.50"));
  g_assert_null (lum_import_row_get_error (second));
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *count)
{
  (*count)++;
}

static void
test_document_list_pages (void)
{
  g_autoptr(LumEngine) engine = lum_test_engine_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LumChannel) channel = lum_engine_new_channel (engine, &error);
  g_autoptr(LumCustomer) customer = lum_customer_new ("Acme Corp");
  g_autoptr(LumProduct) product = lum_product_new ("SKU-A", "Widget", 100, 1);
  g_autoptr(LumDocumentList) list = NULL;
  guint changes = 0;

  lum_channel_set_name (channel, "Paged");
  g_assert_true (lum_engine_save_channel (engine, channel, &error));
  g_assert_true (lum_engine_save_customer (engine, customer, &error));
  g_assert_true (lum_engine_save_product (engine, product, &error));
  for (guint i = 0; i < 250; i++)
    {
      g_autoptr(LumDocument) doc = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);
      g_autoptr(LumDocLine) line = lum_doc_line_new ("SKU-A", i + 1, -1);

      lum_document_set_int (doc, LUM_DOC_CHANNEL_ID, lum_channel_get_id (channel));
      lum_document_set_int (doc, LUM_DOC_CUSTOMER_ID, lum_customer_get_id (customer));
      lum_document_add_line (doc, line);
      g_assert_true (lum_engine_create_document (engine, doc, &error));
    }

  list = lum_document_list_new (engine, LUM_DOCUMENT_KIND_SALES_ORDER);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), &changes);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 250);
  g_assert_cmpuint (lum_document_list_get_pages_read (list), ==, 0);

  /* the last item reads one page, not every row */
  {
    g_autoptr(LumDocument) last = g_list_model_get_item (G_LIST_MODEL (list), 249);
    g_assert_cmpstr (lum_document_get_number (last), ==, "SO-000250");
    g_assert_cmpint (lum_document_get_total_cents (last), ==, 25000);
    g_assert_cmpuint (lum_document_list_get_pages_read (list), ==, 1);
  }
  {
    g_autoptr(LumDocument) again = g_list_model_get_item (G_LIST_MODEL (list), 200);
    g_assert_cmpuint (lum_document_list_get_pages_read (list), ==, 1);
  }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 250));

  lum_document_list_set_sort (list, LUM_DOC_SORT_TOTAL, TRUE);
  {
    g_autoptr(LumDocument) top = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_cmpint (lum_document_get_total_cents (top), ==, 25000);
  }
  lum_document_list_set_search (list, "SO-00001");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 10);
  g_assert_cmpuint (changes, ==, 2);

  /* a new document refreshes the list through the engine's signal */
  lum_document_list_set_search (list, NULL);
  {
    g_autoptr(LumDocument) doc = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);
    lum_document_set_int (doc, LUM_DOC_CHANNEL_ID, lum_channel_get_id (channel));
    lum_document_set_int (doc, LUM_DOC_CUSTOMER_ID, lum_customer_get_id (customer));
    g_assert_true (lum_engine_create_document (engine, doc, &error));
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 251);
}

/* Filters named in SQL only when set, test documents left out unless
 * asked for, and a list set up before its first use counted once. */
static void
test_document_list_filters (void)
{
  g_autoptr(LumEngine) engine = lum_test_engine_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LumChannel) first = lum_engine_new_channel (engine, &error);
  g_autoptr(LumChannel) second = lum_engine_new_channel (engine, &error);
  g_autoptr(LumCustomer) customer = lum_customer_new ("Acme Corp");
  g_autoptr(LumDocumentList) list = NULL;
  guint changes = 0;

  lum_channel_set_name (first, "First");
  lum_channel_set_name (second, "Second");
  g_assert_true (lum_engine_save_channel (engine, first, &error));
  g_assert_true (lum_engine_save_channel (engine, second, &error));
  g_assert_true (lum_engine_save_customer (engine, customer, &error));
  /* 12 orders: every third in the second channel, every fourth a test */
  for (guint i = 0; i < 12; i++)
    {
      g_autoptr(LumDocument) doc = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);

      lum_document_set_int (doc, LUM_DOC_CHANNEL_ID, lum_channel_get_id (i % 3 == 0 ? second : first));
      lum_document_set_int (doc, LUM_DOC_CUSTOMER_ID, lum_customer_get_id (customer));
      lum_document_set_int (doc, LUM_DOC_IS_TEST, i % 4 == 0);
      g_assert_true (lum_engine_create_document (engine, doc, &error));
      g_assert_no_error (error);
    }

  /* set up before anyone asked: nothing was counted, nothing changed */
  list = lum_document_list_new (engine, LUM_DOCUMENT_KIND_SALES_ORDER);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), &changes);
  lum_document_list_set_channel_id (list, lum_channel_get_id (second));
  lum_document_list_set_sort (list, LUM_DOC_SORT_NUMBER, TRUE);
  lum_document_list_set_status (list, "draft");
  g_assert_cmpuint (changes, ==, 0);
  /* orders 1, 4, 7, 10 are in the second channel; 1 is a test, in the
   * test series, so 4, 7 and 10 are SO-000003, 5 and 7 */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_assert_cmpuint (changes, ==, 0);
  {
    g_autoptr(LumDocument) top = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_autoptr(LumDocument) end = g_list_model_get_item (G_LIST_MODEL (list), 2);

    g_assert_cmpstr (lum_document_get_number (top), ==, "SO-000007");
    g_assert_cmpstr (lum_document_get_number (end), ==, "SO-000003");
  }

  lum_document_list_set_include_test (list, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);
  lum_document_list_set_channel_id (list, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 12);
  lum_document_list_set_include_test (list, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 9);
  lum_document_list_set_status (list, "posted");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_cmpuint (changes, ==, 4);
}

static void
on_change_recorded_cb (GListModel *model,
                       guint       position,
                       guint       removed,
                       guint       added,
                       GString    *changes)
{
  g_string_append_printf (changes, "(%u,%u,%u)", position, removed, added);
}

/* A new filter that selects many rows counts the first 300, so that they
 * are drawn before a count of a million; the rest come when asked for,
 * added after them. A list that was never counted counts all. */
static void
test_document_list_counts_first_rows (void)
{
  g_autoptr(LumEngine) engine = lum_test_engine_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LumChannel) many = lum_engine_new_channel (engine, &error);
  g_autoptr(LumChannel) few = lum_engine_new_channel (engine, &error);
  g_autoptr(LumCustomer) customer = lum_customer_new ("Acme Corp");
  g_autoptr(LumDocumentList) list = NULL;
  g_autoptr(GString) changes = g_string_new (NULL);
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func (g_object_unref);

  lum_channel_set_name (many, "Many");
  lum_channel_set_name (few, "Few");
  g_assert_true (lum_engine_save_channel (engine, many, &error));
  g_assert_true (lum_engine_save_channel (engine, few, &error));
  g_assert_true (lum_engine_save_customer (engine, customer, &error));
  for (guint i = 0; i < 360; i++)
    {
      LumDocument *doc = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);

      lum_document_set_int (doc, LUM_DOC_CHANNEL_ID, lum_channel_get_id (i < 350 ? many : few));
      lum_document_set_int (doc, LUM_DOC_CUSTOMER_ID, lum_customer_get_id (customer));
      g_assert_true (lum_engine_create_document (engine, doc, &error));
      g_ptr_array_add (docs, doc);
    }

  list = lum_document_list_new (engine, LUM_DOCUMENT_KIND_SALES_ORDER);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_change_recorded_cb), changes);
  lum_document_list_set_channel_id (list, lum_channel_get_id (many));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 350);
  g_assert_false (lum_document_list_get_counting (list));

  lum_document_list_set_channel_id (list, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 300);
  g_assert_true (lum_document_list_get_counting (list));
  {
    g_autoptr(LumDocument) last = g_list_model_get_item (G_LIST_MODEL (list), 299);
    g_autoptr(LumDocument) beyond = g_list_model_get_item (G_LIST_MODEL (list), 300);

    g_assert_cmpstr (lum_document_get_number (last), ==, "SO-000300");
    g_assert_null (beyond);
  }
  lum_document_list_count_rest (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 360);
  g_assert_false (lum_document_list_get_counting (list));
  g_assert_cmpstr (changes->str, ==, "(0,350,300)(300,0,60)");
  lum_document_list_count_rest (list);
  g_assert_cmpstr (changes->str, ==, "(0,350,300)(300,0,60)");

  /* few rows: all counted at once */
  lum_document_list_set_channel_id (list, lum_channel_get_id (few));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 10);
  g_assert_false (lum_document_list_get_counting (list));

  /* a refresh counts all */
  lum_document_list_set_channel_id (list, lum_channel_get_id (many));
  g_assert_true (lum_document_list_get_counting (list));
  lum_document_list_refresh (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 350);
  g_assert_false (lum_document_list_get_counting (list));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/csv/quotes-commas-newlines", test_csv_quotes_commas_newlines);
  g_test_add_func ("/csv/errors", test_csv_errors);
  g_test_add_func ("/money/parse", test_money_parse);
  g_test_add_func ("/import/decimal-comma", test_import_decimal_comma);
  g_test_add_func ("/import/customers", test_import_customers);
  g_test_add_func ("/import/products-and-header-errors", test_import_products_and_header_errors);
  g_test_add_func ("/document-list/pages", test_document_list_pages);
  g_test_add_func ("/document-list/filters", test_document_list_filters);
  g_test_add_func ("/document-list/counts-first-rows", test_document_list_counts_first_rows);

  return g_test_run ();
}

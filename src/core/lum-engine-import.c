/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lum-csv.h"
#include "lum-engine-documents.h"
#include "lum-engine-private.h"
#include "lum-engine-import.h"
#include "lum-text.h"
#include "lum-util.h"
#include "store/lum-customer-store.h"

G_DEFINE_QUARK (lum-import-error-quark, lum_import_error)

#define TERMS_COLUMN "terms"
static const char *product_columns[] = { "sku", "name", "price", "weight_oz" };

/* "Ship Street1" → "ship_street1" */
static char *
normalize_header (const char *text)
{
  g_autofree char *stripped = lum_strip_dup (text);
  char *key = g_ascii_strdown (stripped, -1);

  g_strdelimit (key, " -", '_');
  return key;
}

/**
 * lum_import_columns:
 *
 * The header a CSV file of @kind may use, comma-separated, for help texts.
 */
char *
lum_import_columns (LumImportKind kind)
{
  g_autoptr(GString) s = g_string_new (NULL);

  if (kind == LUM_IMPORT_PRODUCTS)
    {
      for (guint i = 0; i < G_N_ELEMENTS (product_columns); i++)
        g_string_append_printf (s, "%s%s", i ? "," : "", product_columns[i]);
    }
  else
    {
      for (guint i = 0; i < LUM_CUSTOMER_N_TEXT; i++)
        g_string_append_printf (s, "%s%s", i ? "," : "", lum_record_text_column (LUM_TYPE_CUSTOMER, i));
      g_string_append (s, "," TERMS_COLUMN);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Index of each known column in the file, -1 when absent. */
static gboolean
map_header (LumImportKind   kind,
            char          **header,
            int            *map,
            guint           n_map,
            GError        **error)
{
  for (guint i = 0; i < n_map; i++)
    map[i] = -1;

  for (guint h = 0; header[h]; h++)
    {
      g_autofree char *key = normalize_header (header[h]);
      g_autofree char *shown = lum_text_shown (header[h]);
      gboolean known = FALSE;

      if (g_str_equal (key, "unit_price"))
        g_free (key), key = g_strdup ("price");

      for (guint i = 0; i < n_map; i++)
        {
          const char *name = kind == LUM_IMPORT_PRODUCTS
            ? product_columns[i]
            : (i < LUM_CUSTOMER_N_TEXT ? lum_record_text_column (LUM_TYPE_CUSTOMER, i) : TERMS_COLUMN);

          if (g_str_equal (key, name))
            {
              if (map[i] >= 0)
                {
                  g_set_error (error, LUM_IMPORT_ERROR, LUM_IMPORT_ERROR_HEADER,
                               _("Column “%s” appears twice in the header"), shown);
                  return FALSE;
                }
              map[i] = h;
              known = TRUE;
            }
        }
      if (!known)
        {
          g_autofree char *columns = lum_import_columns (kind);
          g_set_error (error, LUM_IMPORT_ERROR, LUM_IMPORT_ERROR_HEADER,
                       _("Column “%s” is not known; the columns are: %s"), shown, columns);
          return FALSE;
        }
    }

  if (kind == LUM_IMPORT_PRODUCTS && (map[0] < 0 || map[1] < 0 || map[2] < 0))
    {
      g_set_error (error, LUM_IMPORT_ERROR, LUM_IMPORT_ERROR_HEADER,
                   _("The header needs the columns sku, name and price"));
      return FALSE;
    }
  if (kind == LUM_IMPORT_CUSTOMERS && map[LUM_CUSTOMER_NAME] < 0)
    {
      g_set_error (error, LUM_IMPORT_ERROR, LUM_IMPORT_ERROR_HEADER,
                   _("The header needs the column name"));
      return FALSE;
    }
  return TRUE;
}

static const char *
field (char      **fields,
       const int  *map,
       guint       i)
{
  return map[i] >= 0 ? fields[map[i]] : "";
}

/* A row of the preview, whose summary shows at most the start of a value:
 * a field of megabytes is not printed whole. */
static LumImportRow *
row_new (guint        line,
         GObject     *record,
         const char  *summary,
         gboolean     update,
         const char  *message)
{
  g_autofree char *shown = lum_text_shown (summary);

  return lum_import_row_new (line, record, shown, update, message);
}

static LumImportRow *
preview_customer (LumEngine  *self,
                  LumCsvRow  *row,
                  const int  *map,
                  GHashTable *seen)
{
  g_autoptr(LumCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *name = lum_strip_dup (field (row->fields, map, LUM_CUSTOMER_NAME));
  const char *terms = field (row->fields, map, LUM_CUSTOMER_N_TEXT);
  gint64 existing = lum_customer_store_id_by_name (lum_engine_get_db (self), name);
  int days = 30;

  /* an update changes only the columns the file has */
  if (existing != 0)
    customer = lum_customer_store_get (lum_engine_get_db (self), existing, NULL);
  if (customer == NULL)
    {
      customer = lum_customer_new (NULL);
      existing = 0;
    }
  for (guint i = 0; i < LUM_CUSTOMER_N_TEXT; i++)
    if (map[i] >= 0)
      lum_customer_set_text (customer, i, field (row->fields, map, i));

  if (!lum_str_empty (terms) && !lum_customer_parse_terms (terms, &days))
    {
      g_autofree char *shown = lum_text_shown (terms);
      g_autofree char *message = g_strdup_printf (_("Terms “%s” are not understood; write net30, net 60 or due on receipt"),
                                                  shown);
      return row_new (row->line, NULL, lum_customer_get_name (customer), FALSE, message);
    }
  if (map[LUM_CUSTOMER_N_TEXT] >= 0 && !lum_str_empty (terms))
    lum_customer_set_terms_days (customer, days);
  if (!lum_engine_check_customer (self, customer, &error))
    return row_new (row->line, NULL, lum_customer_get_name (customer), FALSE, error->message);

  key = lum_name_key (lum_customer_get_name (customer));
  if (g_hash_table_contains (seen, key))
    {
      g_autofree char *shown = lum_text_shown (lum_customer_get_name (customer));
      g_autofree char *message = g_strdup_printf (_("Customer “%s” is already on line %u of the file"),
                                                  shown, GPOINTER_TO_UINT (g_hash_table_lookup (seen, key)));
      return row_new (row->line, NULL, lum_customer_get_name (customer), FALSE, message);
    }
  g_hash_table_insert (seen, g_steal_pointer (&key), GUINT_TO_POINTER (row->line));

  return row_new (row->line, G_OBJECT (customer), lum_customer_get_name (customer), existing != 0, NULL);
}

static LumImportRow *
preview_product (LumEngine  *self,
                 LumCsvRow  *row,
                 const int  *map,
                 GHashTable *seen)
{
  g_autofree char *sku = lum_strip_dup (field (row->fields, map, 0));
  g_autofree char *name = lum_strip_dup (field (row->fields, map, 1));
  const char *price_text = field (row->fields, map, 2);
  const char *weight_text = field (row->fields, map, 3);
  g_autoptr(LumProduct) product = NULL;
  g_autoptr(LumProduct) existing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown_sku = lum_text_shown (sku);
  g_autofree char *shown_name = lum_text_shown (name);
  g_autofree char *summary = g_strdup_printf ("%s — %s", shown_sku, shown_name);
  gint64 cents = 0;
  double weight = 0;

  if (!lum_money_parse (price_text, &cents))
    {
      g_autofree char *example = lum_money_example ();
      g_autofree char *shown = lum_text_shown (price_text);
      g_autofree char *message = g_strdup_printf (_("Price “%s” is not an amount such as %s"), shown, example);
      return lum_import_row_new (row->line, NULL, summary, FALSE, message);
    }
  if (!lum_str_empty (weight_text))
    {
      char *end = NULL;
      g_autofree char *w = lum_strip_dup (weight_text);

      weight = g_ascii_strtod (w, &end);
      if (end == w || *end != '\0')
        {
          g_autofree char *shown = lum_text_shown (weight_text);
          g_autofree char *message = g_strdup_printf (_("Weight “%s” is not a number of ounces"), shown);
          return lum_import_row_new (row->line, NULL, summary, FALSE, message);
        }
    }

  product = lum_product_new (sku, name, cents, weight);
  if (!lum_engine_check_product (product, &error))
    return lum_import_row_new (row->line, NULL, summary, FALSE, error->message);
  if (g_hash_table_contains (seen, sku))
    {
      g_autofree char *message = g_strdup_printf (_("SKU “%s” is already on line %u of the file"),
                                                  shown_sku, GPOINTER_TO_UINT (g_hash_table_lookup (seen, sku)));
      return lum_import_row_new (row->line, NULL, summary, FALSE, message);
    }
  g_hash_table_insert (seen, g_strdup (sku), GUINT_TO_POINTER (row->line));

  existing = lum_engine_find_product (self, sku, NULL);
  return lum_import_row_new (row->line, G_OBJECT (product), summary, existing != NULL, NULL);
}

/**
 * lum_engine_import_preview:
 * @text: a CSV file with a header line
 *
 * Reads the file without writing anything: one row a record, with what it
 * will add or update, or the error that keeps it out.
 *
 * Returns: (transfer full): a list of #LumImportRow, or %NULL when the file
 *   itself is unusable (encoding, quotes, header)
 */
GListStore *
lum_engine_import_preview (LumEngine      *self,
                           LumImportKind   kind,
                           const char     *text,
                           gssize          length,
                           GError        **error)
{
  g_autoptr(GPtrArray) records = lum_csv_parse (text, length, error);
  g_autoptr(GListStore) rows = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_map = kind == LUM_IMPORT_PRODUCTS ? G_N_ELEMENTS (product_columns) : LUM_CUSTOMER_N_TEXT + 1;
  int map[LUM_CUSTOMER_N_TEXT + 1];
  LumCsvRow *header;
  guint n_columns;

  if (records == NULL)
    return NULL;
  if (records->len < 2)
    {
      g_set_error (error, LUM_IMPORT_ERROR, LUM_IMPORT_ERROR_EMPTY,
                   _("The file has no records after its header line"));
      return NULL;
    }
  header = g_ptr_array_index (records, 0);
  if (!map_header (kind, header->fields, map, n_map, error))
    return NULL;
  n_columns = g_strv_length (header->fields);

  rows = g_list_store_new (LUM_TYPE_IMPORT_ROW);
  for (guint r = 1; r < records->len; r++)
    {
      LumCsvRow *row = g_ptr_array_index (records, r);
      g_autoptr(LumImportRow) preview = NULL;

      if (g_strv_length (row->fields) != n_columns)
        {
          guint n_fields = g_strv_length (row->fields);
          /* Translators: the second %u counts the fields of the line, the third those of the header */
          g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                   "Line %u has %u field; the header has %u",
                                                                   "Line %u has %u fields; the header has %u",
                                                                   n_fields),
                                                      row->line, n_fields, n_columns);
          preview = row_new (row->line, NULL, row->fields[0], FALSE, message);
        }
      else if (kind == LUM_IMPORT_PRODUCTS)
        preview = preview_product (self, row, map, seen);
      else
        preview = preview_customer (self, row, map, seen);

      g_list_store_append (rows, preview);
    }
  return g_steal_pointer (&rows);
}

typedef struct
{
  GListModel *rows;
  guint       added;
  guint       updated;
} Commit;

static gboolean
commit_tx (LumEngine  *self,
           gpointer    user_data,
           GError    **error)
{
  Commit *commit = user_data;
  g_autofree char *now = lum_engine_now_text (self);
  LumDb *db = lum_engine_get_db (self);

  for (guint i = 0; i < g_list_model_get_n_items (commit->rows); i++)
    {
      g_autoptr(LumImportRow) row = g_list_model_get_item (commit->rows, i);
      GObject *record = lum_import_row_get_record (row);
      gboolean ok;

      if (record == NULL)
        continue;
      if (LUM_IS_CUSTOMER (record))
        {
          /* the name may have been taken since the preview */
          lum_customer_set_id (LUM_CUSTOMER (record),
                               lum_customer_store_id_by_name (db, lum_customer_get_name (LUM_CUSTOMER (record))));
          ok = lum_engine_check_customer (self, LUM_CUSTOMER (record), error) &&
               lum_customer_store_save (db, LUM_CUSTOMER (record), now, error);
        }
      else
        {
          ok = lum_product_store_save (db, LUM_PRODUCT (record), now, error);
        }
      if (!ok)
        {
          g_prefix_error (error, _("Line %u: "), lum_import_row_get_line (row));
          return FALSE;
        }
      if (lum_import_row_get_update (row))
        commit->updated++;
      else
        commit->added++;
    }
  return TRUE;
}

/**
 * lum_engine_import_commit:
 * @rows: a preview from lum_engine_import_preview()
 *
 * Writes every row of the preview that has no error, in one transaction:
 * all of them or, on a failure, none.
 */
gboolean
lum_engine_import_commit (LumEngine   *self,
                          GListModel  *rows,
                          guint       *n_added,
                          guint       *n_updated,
                          GError     **error)
{
  Commit commit = { rows, 0, 0 };

  g_return_val_if_fail (LUM_IS_ENGINE (self), FALSE);

  if (!lum_engine_run_in_transaction (self, commit_tx, &commit, "customers", error))
    return FALSE;
  lum_engine_emit_changed (self, "products");
  if (n_added != NULL)
    *n_added = commit.added;
  if (n_updated != NULL)
    *n_updated = commit.updated;
  return TRUE;
}

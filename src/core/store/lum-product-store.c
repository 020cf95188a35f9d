/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "lum-product-store.h"
#include "lum-store-version.h"
#include "lum-text.h"
#include "lum-util.h"

#define PRODUCT_COLUMNS "SELECT id, sku, name, unit_price_cents, weight_oz, version FROM product "

static LumProduct *
product_from_row (LumStmt *stmt)
{
  LumProduct *product = lum_product_new (lum_db_column_text (stmt, 1),
                                         lum_db_column_text (stmt, 2),
                                         lum_stmt_column_int64 (stmt, 3),
                                         lum_stmt_column_double (stmt, 4));
  lum_product_set_id (product, lum_stmt_column_int64 (stmt, 0));
  lum_product_set_version (product, lum_stmt_column_int64 (stmt, 5));
  return product;
}

/* Upsert by SKU: importing a price list again updates it. A product read
 * from the store (with its version) is refused with
 * %LUM_STORE_ERROR_CHANGED when it was saved since; every save raises the
 * version. */
gboolean
lum_product_store_save (LumDb        *db,
                        LumProduct   *product,
                        const char   *now,
                        GError      **error)
{
  gint64 id = lum_product_get_id (product);
  gint64 version = 0;
  LumStmt *stmt;
  int rc;

  if (id != 0)
    {
      g_autofree char *label = g_strdup_printf (_("Product “%s”"), lum_product_get_sku (product));

      if (!lum_store_version_claim (db, LUM_VERSIONED_PRODUCT, id, lum_product_get_version (product),
                                    label, now, &version, error))
        return FALSE;
    }
  stmt = lum_db_prepare (db,
                         "INSERT INTO product (sku, name, unit_price_cents, weight_oz, created_at, updated_at)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?5)"
                         " ON CONFLICT (sku) DO UPDATE SET name = excluded.name,"
                         " unit_price_cents = excluded.unit_price_cents,"
                         " weight_oz = excluded.weight_oz, updated_at = excluded.updated_at,"
                         " version = product.version + CASE WHEN ?6 = 0 THEN 1 ELSE 0 END, changed_by = ?7, changed_at = ?5"
                         " RETURNING id, version", error);

  if (stmt == NULL)
    return FALSE;
  lum_stmt_bind_text (stmt, 1, lum_product_get_sku (product));
  lum_stmt_bind_text (stmt, 2, lum_product_get_name (product));
  lum_stmt_bind_int64 (stmt, 3, lum_product_get_unit_price_cents (product));
  lum_stmt_bind_double (stmt, 4, lum_product_get_weight_oz (product));
  lum_stmt_bind_text (stmt, 5, now);
  /* claimed above (the version raised there), or an import over any version */
  lum_stmt_bind_int64 (stmt, 6, version);
  lum_stmt_bind_text (stmt, 7, lum_store_get_actor_name (db));
  rc = lum_stmt_step (stmt, NULL);
  if (rc == LUM_STMT_ROW)
    {
      lum_product_set_id (product, lum_stmt_column_int64 (stmt, 0));
      lum_product_set_version (product, lum_stmt_column_int64 (stmt, 1));
    }
  lum_stmt_reset (stmt);
  if (rc != LUM_STMT_ROW)
    return lum_db_set_error (db, error);
  return TRUE;
}

LumProduct *
lum_product_store_find (LumDb       *db,
                        const char  *sku,
                        GError     **error)
{
  LumStmt *stmt = lum_db_prepare (db, PRODUCT_COLUMNS "WHERE sku = ?", error);
  LumProduct *product = NULL;

  if (stmt == NULL)
    return NULL;
  lum_stmt_bind_text (stmt, 1, sku);
  if (lum_stmt_step (stmt, NULL) == LUM_STMT_ROW)
    product = product_from_row (stmt);
  lum_stmt_reset (stmt);
  if (product == NULL)
    {
      g_autofree char *shown = lum_text_shown (sku);
      g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND,
                   _("Product with SKU “%s” does not exist"), shown);
    }
  return product;
}

/* Products whose SKU starts with @text, for completion. */
GListStore *
lum_product_store_search (LumDb       *db,
                          const char  *text,
                          guint        limit,
                          GError     **error)
{
  g_autofree char *upper = lum_prefix_upper_bound (text);
  g_autoptr(GListStore) list = g_list_store_new (LUM_TYPE_PRODUCT);
  LumStmt *stmt = lum_db_prepare (db,
                                       PRODUCT_COLUMNS
                                       "WHERE sku >= ?1 AND sku < ?3 ORDER BY sku LIMIT ?2",
                                       error);
  int rc;

  if (stmt == NULL)
    return NULL;
  lum_stmt_bind_text (stmt, 1, text ? text : "");
  lum_stmt_bind_int (stmt, 2, limit);
  lum_stmt_bind_text (stmt, 3, upper);
  while ((rc = lum_stmt_step (stmt, NULL)) == LUM_STMT_ROW)
    {
      g_autoptr(LumProduct) product = product_from_row (stmt);
      g_list_store_append (list, product);
    }
  lum_stmt_reset (stmt);
  if (rc != LUM_STMT_DONE)
    {
      lum_db_set_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

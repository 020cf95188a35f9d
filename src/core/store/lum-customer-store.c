/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "lum-customer-store.h"
#include "lum-setup-store.h"
#include "lum-store-version.h"
#include "lum-text.h"
#include "lum-util.h"

/* Built once from the model's column table, so model and SQL cannot drift. */
static const char *
customer_select_sql (void)
{
  static char *sql;
  static gsize once;

  if (g_once_init_enter (&once))
    {
      GString *s = g_string_new ("SELECT id, terms_days, is_test, version");

      for (guint i = 0; i < LUM_CUSTOMER_N_TEXT; i++)
        g_string_append_printf (s, ", %s", lum_record_text_column (LUM_TYPE_CUSTOMER, i));
      g_string_append (s, " FROM customer ");
      sql = g_string_free (s, FALSE);
      g_once_init_leave (&once, 1);
    }
  return sql;
}

static LumCustomer *
customer_from_row (LumStmt *stmt)
{
  LumCustomer *customer = lum_customer_new (NULL);

  lum_customer_set_id (customer, lum_stmt_column_int64 (stmt, 0));
  lum_customer_set_terms_days (customer, lum_stmt_column_int (stmt, 1));
  lum_customer_set_is_test (customer, lum_stmt_column_int (stmt, 2));
  lum_customer_set_version (customer, lum_stmt_column_int64 (stmt, 3));
  for (guint i = 0; i < LUM_CUSTOMER_N_TEXT; i++)
    lum_customer_set_text (customer, i, lum_db_column_text (stmt, 4 + i));
  return customer;
}

static LumCustomer *
customer_query_one (LumDb       *db,
                    const char  *where,
                    const char  *text,
                    gint64       id,
                    GError     **error)
{
  g_autofree char *sql = g_strconcat (customer_select_sql (), where, NULL);
  LumStmt *stmt = lum_db_prepare (db, sql, error);
  LumCustomer *customer = NULL;

  if (stmt == NULL)
    return NULL;
  if (text != NULL)
    lum_stmt_bind_text (stmt, 1, text);
  else
    lum_stmt_bind_int64 (stmt, 1, id);
  if (lum_stmt_step (stmt, NULL) == LUM_STMT_ROW)
    customer = customer_from_row (stmt);
  lum_stmt_reset (stmt);
  return customer;
}

/**
 * lum_customer_store_save:
 *
 * Inserts (id 0) or updates a customer; the caller has checked it. An
 * update is refused with %LUM_STORE_ERROR_CHANGED when the customer was
 * saved since its version was read.
 */
gboolean
lum_customer_store_save (LumDb        *db,
                         LumCustomer  *customer,
                         const char   *now,
                         GError      **error)
{
  static char *insert_sql, *update_sql;
  static gsize once;
  g_autofree char *key = lum_name_key (lum_customer_get_name (customer));
  gint64 id = lum_customer_get_id (customer);
  LumStmt *stmt;
  int n = 0;

  if (g_once_init_enter (&once))
    {
      GString *ins = g_string_new ("INSERT INTO customer (name_key, terms_days, is_test, created_at, updated_at");
      GString *upd = g_string_new ("UPDATE customer SET name_key = ?1, terms_days = ?2, is_test = ?3, updated_at = ?4");

      for (guint i = 0; i < LUM_CUSTOMER_N_TEXT; i++)
        {
          g_string_append_printf (ins, ", %s", lum_record_text_column (LUM_TYPE_CUSTOMER, i));
          g_string_append_printf (upd, ", %s = ?%u", lum_record_text_column (LUM_TYPE_CUSTOMER, i), 6 + i);
        }
      g_string_append (ins, ") VALUES (?1, ?2, ?3, ?4, ?4");
      for (guint i = 0; i < LUM_CUSTOMER_N_TEXT; i++)
        g_string_append_printf (ins, ", ?%u", 6 + i);
      g_string_append (ins, ")");
      g_string_append (upd, " WHERE id = ?5");
      update_sql = g_string_free (upd, FALSE);
      insert_sql = g_string_free (ins, FALSE);
      g_once_init_leave (&once, 1);
    }

  if (id != 0)
    {
      g_autofree char *label = g_strdup_printf (_("Customer “%s”"), lum_customer_get_name (customer));
      gint64 version = 0;

      if (!lum_store_version_claim (db, LUM_VERSIONED_CUSTOMER, id, lum_customer_get_version (customer),
                                    label, now, &version, error))
        return FALSE;
      lum_customer_set_version (customer, version);
    }

  stmt = lum_db_prepare (db, id == 0 ? insert_sql : update_sql, error);
  if (stmt == NULL)
    return FALSE;

  lum_stmt_bind_text (stmt, ++n, key);
  lum_stmt_bind_int (stmt, ++n, lum_customer_get_terms_days (customer));
  lum_stmt_bind_int (stmt, ++n, lum_customer_get_is_test (customer));
  lum_stmt_bind_text (stmt, ++n, now);
  if (id != 0)
    lum_stmt_bind_int64 (stmt, 5, id);
  for (guint i = 0; i < LUM_CUSTOMER_N_TEXT; i++)
    lum_stmt_bind_text (stmt, 6 + i, lum_customer_get_text (customer, i));

  if (!lum_db_step_done (db, stmt, error))
    return FALSE;
  if (id == 0)
    {
      lum_customer_set_id (customer, lum_db_last_insert_id (db));
      lum_customer_set_version (customer, 1);
    }
  return TRUE;
}

LumCustomer *
lum_customer_store_get (LumDb   *db,
                        gint64   id,
                        GError **error)
{
  LumCustomer *customer = customer_query_one (db, "WHERE id = ?1", NULL, id, error);

  if (customer == NULL && (error == NULL || *error == NULL))
    g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND,
                 _("Customer %" PRId64 " does not exist"), id);
  return customer;
}

/**
 * lum_customer_store_get_terms_days:
 * @terms_days: (out): the customer's payment terms
 *
 * What posting an invoice needs of its customer, without reading the rest;
 * fails as lum_customer_store_get() does.
 */
gboolean
lum_customer_store_get_terms_days (LumDb    *db,
                                   gint64    id,
                                   int      *terms_days,
                                   GError  **error)
{
  LumStmt *stmt = lum_db_prepare_static (db, "SELECT terms_days FROM customer WHERE id = ?", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  lum_stmt_bind_int64 (stmt, 1, id);
  found = lum_stmt_step (stmt, NULL) == LUM_STMT_ROW;
  if (found)
    *terms_days = lum_stmt_column_int (stmt, 0);
  lum_stmt_reset (stmt);
  if (!found)
    g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND,
                 _("Customer %" PRId64 " does not exist"), id);
  return found;
}

gint64
lum_customer_store_id_by_name (LumDb      *db,
                               const char *name)
{
  g_autofree char *key = lum_name_key (name);
  LumStmt *stmt = lum_db_prepare (db, "SELECT id FROM customer WHERE name_key = ?", NULL);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  lum_stmt_bind_text (stmt, 1, key);
  if (lum_stmt_step (stmt, NULL) == LUM_STMT_ROW)
    id = lum_stmt_column_int64 (stmt, 0);
  lum_stmt_reset (stmt);
  return id;
}

LumCustomer *
lum_customer_store_find (LumDb       *db,
                         const char  *name_or_id,
                         GError     **error)
{
  gint64 id = lum_customer_store_id_by_name (db, name_or_id);

  if (id == 0 && !lum_setup_store_parse_id (name_or_id, &id))
    {
      g_autofree char *shown = lum_text_shown (name_or_id);
      g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND,
                   _("Customer “%s” does not exist"), shown);
      return NULL;
    }
  return lum_customer_store_get (db, id, error);
}

/* Customers whose name starts with @text (any case), for choosers. */
GListStore *
lum_customer_store_search (LumDb       *db,
                           const char  *text,
                           gboolean     include_test,
                           guint        limit,
                           GError     **error)
{
  g_autofree char *sql = g_strconcat (customer_select_sql (),
                                      "WHERE name_key >= ?1 AND name_key < ?4"
                                      " AND (is_test = 0 OR ?2 <> 0) ORDER BY name_key LIMIT ?3", NULL);
  g_autofree char *key = lum_name_key (text);
  g_autofree char *upper = lum_prefix_upper_bound (key);
  g_autoptr(GListStore) list = g_list_store_new (LUM_TYPE_CUSTOMER);
  LumStmt *stmt = lum_db_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  lum_stmt_bind_text (stmt, 1, key);
  lum_stmt_bind_int (stmt, 2, include_test);
  lum_stmt_bind_int (stmt, 3, limit);
  lum_stmt_bind_text (stmt, 4, upper);
  while ((rc = lum_stmt_step (stmt, NULL)) == LUM_STMT_ROW)
    {
      g_autoptr(LumCustomer) customer = customer_from_row (stmt);
      g_list_store_append (list, customer);
    }
  lum_stmt_reset (stmt);
  if (rc != LUM_STMT_DONE)
    {
      lum_db_set_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

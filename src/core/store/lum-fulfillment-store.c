/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "lum-fulfillment-store.h"
#include "lum-util.h"

#define FULFILLMENT_COLUMNS \
  "SELECT f.id, f.order_id, f.suffix, f.warehouse_id, w.code, w.name, f.push_state, f.remote_id, f.shipped_at," \
  " f.tracking_number" \
  " FROM fulfillment f JOIN warehouse w ON w.id = f.warehouse_id "

gboolean
lum_fulfillment_store_channel_splits (LumDb  *db,
                                      gint64  channel_id)
{
  LumStmt *stmt = lum_db_prepare (db, "SELECT when_short FROM channel WHERE id = ?", NULL);
  gboolean splits = FALSE;

  if (stmt == NULL)
    return FALSE;
  lum_stmt_bind_int64 (stmt, 1, channel_id);
  if (lum_stmt_step (stmt, NULL) == LUM_STMT_ROW)
    splits = g_strcmp0 (lum_db_column_text (stmt, 0), "split") == 0;
  lum_stmt_reset (stmt);
  return splits;
}

static gboolean
read_lines (LumDb           *db,
            LumFulfillment  *fulfillment,
            GError         **error)
{
  LumStmt *stmt = lum_db_prepare (db, "SELECT position, sku, quantity FROM fulfillment_line"
                                  " WHERE fulfillment_id = ? ORDER BY position", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  lum_stmt_bind_int64 (stmt, 1, fulfillment->id);
  while ((rc = lum_stmt_step (stmt, NULL)) == LUM_STMT_ROW)
    lum_fulfillment_add_line (fulfillment, lum_stmt_column_int (stmt, 0), lum_db_column_text (stmt, 1),
                              lum_stmt_column_int64 (stmt, 2));
  lum_stmt_reset (stmt);
  if (rc != LUM_STMT_DONE)
    return lum_db_set_error (db, error);
  return TRUE;
}

static LumFulfillment *
fulfillment_from_row (LumStmt *stmt)
{
  LumFulfillment *f = lum_fulfillment_new ();

  f->id = lum_stmt_column_int64 (stmt, 0);
  f->order_id = lum_stmt_column_int64 (stmt, 1);
  f->suffix = lum_stmt_column_int (stmt, 2);
  f->warehouse_id = lum_stmt_column_int64 (stmt, 3);
  f->warehouse_code = lum_db_column_dup_text (stmt, 4);
  f->warehouse_name = lum_db_column_dup_text (stmt, 5);
  f->push_state = lum_db_column_dup_text (stmt, 6);
  f->remote_id = lum_db_column_dup_text (stmt, 7);
  f->shipped_at = lum_db_column_dup_text (stmt, 8);
  f->tracking_number = lum_db_column_dup_text (stmt, 9);
  return f;
}

/* Writes @fulfillment and its lines; sets its id. In the caller's
 * transaction (the posting's). */
gint64
lum_fulfillment_store_insert (LumDb           *db,
                              LumFulfillment  *fulfillment,
                              const char      *now,
                              GError         **error)
{
  LumStmt *stmt = lum_db_prepare (db, "INSERT INTO fulfillment (order_id, suffix, warehouse_id, created_at)"
                                  " VALUES (?, ?, ?, ?)", error);

  if (stmt == NULL)
    return 0;
  lum_stmt_bind_int64 (stmt, 1, fulfillment->order_id);
  lum_stmt_bind_int64 (stmt, 2, fulfillment->suffix);
  lum_stmt_bind_int64 (stmt, 3, fulfillment->warehouse_id);
  lum_stmt_bind_text (stmt, 4, now);
  if (!lum_db_step_done (db, stmt, error))
    return 0;
  fulfillment->id = lum_db_last_insert_id (db);

  for (guint i = 0; i < fulfillment->lines->len; i++)
    {
      LumFulfillmentLine *line = g_ptr_array_index (fulfillment->lines, i);

      stmt = lum_db_prepare (db, "INSERT INTO fulfillment_line (fulfillment_id, position, sku, quantity)"
                             " VALUES (?, ?, ?, ?)", error);
      if (stmt == NULL)
        return 0;
      lum_stmt_bind_int64 (stmt, 1, fulfillment->id);
      lum_stmt_bind_int64 (stmt, 2, line->position);
      lum_stmt_bind_text (stmt, 3, line->sku);
      lum_stmt_bind_int64 (stmt, 4, line->quantity);
      if (!lum_db_step_done (db, stmt, error))
        return 0;
    }
  return fulfillment->id;
}

LumFulfillment *
lum_fulfillment_store_get (LumDb   *db,
                           gint64   id,
                           GError **error)
{
  LumStmt *stmt = lum_db_prepare (db, FULFILLMENT_COLUMNS "WHERE f.id = ?", error);
  g_autoptr(LumFulfillment) f = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  lum_stmt_bind_int64 (stmt, 1, id);
  rc = lum_stmt_step (stmt, NULL);
  if (rc == LUM_STMT_ROW)
    f = fulfillment_from_row (stmt);
  lum_stmt_reset (stmt);
  if (rc != LUM_STMT_ROW && rc != LUM_STMT_DONE)
    {
      lum_db_set_error (db, error);
      return NULL;
    }
  if (f == NULL)
    {
      g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND, _("Fulfillment %" PRId64 " does not exist"), id);
      return NULL;
    }
  if (!read_lines (db, f, error))
    return NULL;
  return g_steal_pointer (&f);
}

GPtrArray *
lum_fulfillment_store_list (LumDb   *db,
                            gint64   order_id,
                            GError **error)
{
  LumStmt *stmt = lum_db_prepare (db, FULFILLMENT_COLUMNS "WHERE f.order_id = ? ORDER BY f.suffix", error);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)lum_fulfillment_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  lum_stmt_bind_int64 (stmt, 1, order_id);
  while ((rc = lum_stmt_step (stmt, NULL)) == LUM_STMT_ROW)
    g_ptr_array_add (list, fulfillment_from_row (stmt));
  lum_stmt_reset (stmt);
  if (rc != LUM_STMT_DONE)
    {
      lum_db_set_error (db, error);
      return NULL;
    }
  for (guint i = 0; i < list->len; i++)
    if (!read_lines (db, g_ptr_array_index (list, i), error))
      return NULL;
  return g_steal_pointer (&list);
}

gboolean
lum_fulfillment_store_set_push_state (LumDb       *db,
                                      gint64       id,
                                      const char  *push_state,
                                      const char  *remote_id,
                                      GError     **error)
{
  LumStmt *stmt = lum_db_prepare (db, "UPDATE fulfillment SET push_state = ?, remote_id = coalesce(?, remote_id)"
                                  " WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  lum_stmt_bind_text (stmt, 1, push_state);
  lum_db_bind_text_or_null (stmt, 2, remote_id);
  lum_stmt_bind_int64 (stmt, 3, id);
  return lum_db_step_done (db, stmt, error);
}

gboolean
lum_fulfillment_store_set_shipped (LumDb       *db,
                                   gint64       id,
                                   const char  *shipped_at,
                                   const char  *tracking_number,
                                   GError     **error)
{
  LumStmt *stmt = lum_db_prepare (db, "UPDATE fulfillment SET shipped_at = ?, tracking_number = ? WHERE id = ?",
                                  error);

  if (stmt == NULL)
    return FALSE;
  lum_stmt_bind_text (stmt, 1, shipped_at);
  lum_stmt_bind_text (stmt, 2, tracking_number ? tracking_number : "");
  lum_stmt_bind_int64 (stmt, 3, id);
  return lum_db_step_done (db, stmt, error);
}

/* Names the fulfillment a push job pushes; in the job's transaction. */
gboolean
lum_fulfillment_store_set_job (LumDb   *db,
                               gint64   job_id,
                               gint64   fulfillment_id,
                               GError **error)
{
  LumStmt *stmt = lum_db_prepare (db, "UPDATE job SET fulfillment_id = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  lum_stmt_bind_int64 (stmt, 1, fulfillment_id);
  lum_stmt_bind_int64 (stmt, 2, job_id);
  return lum_db_step_done (db, stmt, error);
}

/* "SO-000123-1" → SO-000123 and its suffix 1; %FALSE for a text with no
 * numeric suffix. */
static gboolean
split_suffix (const char  *text,
              char       **base,
              guint       *suffix)
{
  const char *dash = text != NULL ? strrchr (text, '-') : NULL;
  guint64 n = 0;

  if (dash == NULL || dash == text || !g_ascii_string_to_unsigned (dash + 1, 10, 1, G_MAXUINT, &n, NULL))
    return FALSE;
  *base = g_strndup (text, dash - text);
  *suffix = (guint)n;
  return TRUE;
}

/**
 * lum_fulfillment_store_resolve:
 * @order_key: (nullable): the key the OMS has (a UUID and the suffix)
 * @order_number: (nullable): the number the OMS has (`SO-000123-1`)
 * @order_id: (out): the sales order
 *
 * The fulfillment order a shipment the OMS reports belongs to: called when
 * neither names a sales order itself.
 *
 * Returns: the fulfillment's id, 0 when none has that key or number
 */
gint64
lum_fulfillment_store_resolve (LumDb      *db,
                               const char *order_key,
                               const char *order_number,
                               gint64     *order_id)
{
  const char *texts[] = { order_key, order_number };

  *order_id = 0;
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *base = NULL;
      guint suffix = 0;
      LumStmt *stmt;
      gint64 id = 0;

      if (!split_suffix (texts[i], &base, &suffix))
        continue;
      stmt = lum_db_prepare (db, "SELECT f.id, f.order_id FROM fulfillment f JOIN sales_order o ON o.id = f.order_id"
                             " WHERE f.suffix = ? AND (o.number = ? OR o.uuid = ?)", NULL);
      if (stmt == NULL)
        return 0;
      lum_stmt_bind_int64 (stmt, 1, suffix);
      lum_stmt_bind_text (stmt, 2, base);
      lum_stmt_bind_text (stmt, 3, base);
      if (lum_stmt_step (stmt, NULL) == LUM_STMT_ROW)
        {
          id = lum_stmt_column_int64 (stmt, 0);
          *order_id = lum_stmt_column_int64 (stmt, 1);
        }
      lum_stmt_reset (stmt);
      if (id != 0)
        return id;
    }
  return 0;
}

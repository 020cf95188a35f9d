/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-store"

#include "config.h"

#include "lum-event-store.h"
#include "lum-store-version.h"
#include "lum-util.h"
#include "lum-enum-types.h"

gint64
lum_event_store_append (LumDb        *db,
                        const char   *at,
                        LumActor      actor,
                        const char   *kind,
                        gint64        channel_id,
                        gint64        sales_order_id,
                        gint64        invoice_id,
                        gint64        job_id,
                        const char   *details,
                        GError      **error)
{
  LumStmt *stmt = lum_db_prepare_static (db,
                                         "INSERT INTO event (at, actor, kind, channel_id, sales_order_id,"
                                         " invoice_id, job_id, details, actor_name)"
                                         " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                         error);

  if (stmt == NULL)
    return 0;
  lum_stmt_bind_text (stmt, 1, at);
  lum_stmt_bind_static_text (stmt, 2, lum_enum_to_nick (LUM_TYPE_ACTOR, actor));
  lum_stmt_bind_text (stmt, 3, kind);
  lum_db_bind_id_or_null (stmt, 4, channel_id);
  lum_db_bind_id_or_null (stmt, 5, sales_order_id);
  lum_db_bind_id_or_null (stmt, 6, invoice_id);
  lum_db_bind_id_or_null (stmt, 7, job_id);
  lum_stmt_bind_text (stmt, 8, details ? details : "{}");
  /* the person: whoever runs this process, or the name they gave */
  lum_stmt_bind_text (stmt, 9, lum_store_get_actor_name (db));
  if (!lum_db_step_done (db, stmt, error))
    return 0;
  return lum_db_last_insert_id (db);
}

/* Events of one order (and of its invoices), one invoice, or all: oldest
 * first for a document's timeline, newest first for all. */
GListStore *
lum_event_store_list (LumDb   *db,
                      gint64   sales_order_id,
                      gint64   invoice_id,
                      guint    limit,
                      GError **error)
{
  g_autoptr(GListStore) list = g_list_store_new (LUM_TYPE_EVENT);
  gboolean all = sales_order_id == 0 && invoice_id == 0;
  LumStmt *stmt = lum_db_prepare (db,
                                       all
                                       ? "SELECT e.id, e.channel_id, e.sales_order_id, e.invoice_id, e.job_id,"
                                         " e.at, e.actor, e.kind, e.details, coalesce(o.number, i.number, ''), e.actor_name"
                                         " FROM event e LEFT JOIN sales_order o ON o.id = e.sales_order_id"
                                         " LEFT JOIN invoice i ON i.id = e.invoice_id"
                                         " ORDER BY e.id DESC LIMIT ?3"
                                       : "SELECT e.id, e.channel_id, e.sales_order_id, e.invoice_id, e.job_id,"
                                         " e.at, e.actor, e.kind, e.details, coalesce(o.number, i.number, ''), e.actor_name"
                                         " FROM event e LEFT JOIN sales_order o ON o.id = e.sales_order_id"
                                         " LEFT JOIN invoice i ON i.id = e.invoice_id"
                                         " WHERE e.sales_order_id = ?1 OR e.invoice_id = ?2"
                                         " ORDER BY e.id LIMIT ?3", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (!all)
    {
      lum_stmt_bind_int64 (stmt, 1, sales_order_id);
      lum_stmt_bind_int64 (stmt, 2, invoice_id);
    }
  lum_stmt_bind_int64 (stmt, 3, limit > 0 ? limit : G_MAXINT64);
  while ((rc = lum_stmt_step (stmt, NULL)) == LUM_STMT_ROW)
    {
      g_autoptr(LumEvent) event = lum_event_new ();

      for (guint i = 0; i < LUM_EVENT_N_INT; i++)
        lum_record_set_int (LUM_RECORD (event), i, lum_stmt_column_int64 (stmt, i));
      for (guint i = 0; i < LUM_EVENT_N_TEXT; i++)
        lum_record_set_text (LUM_RECORD (event), i, lum_db_column_text (stmt, LUM_EVENT_N_INT + i));
      g_list_store_append (list, event);
    }
  lum_stmt_reset (stmt);
  if (rc != LUM_STMT_DONE)
    {
      lum_db_set_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

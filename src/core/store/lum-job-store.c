/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>

#include "lum-job-store.h"
#include "lum-util.h"
#include "lum-enum-types.h"

#define JOB_COLUMNS \
  "SELECT j.id, j.integration_id, j.sales_order_id, j.invoice_id, j.attempts, j.max_attempts," \
  " coalesce(o.is_test, inv.is_test, 0), coalesce(j.answer_status, 0)," \
  " coalesce(j.fulfillment_id, 0), j.kind, j.state, i.name," \
  " coalesce(o.number || '-' || f.suffix, o.number, inv.number, ''), j.due_at, j.request_id," \
  " j.lease_owner, j.lease_until, j.sent_at, j.remote_id, j.last_error, j.created_at, j.updated_at," \
  " j.sent_method, j.sent_path, j.sent_body, j.answer_body" \
  " FROM job j JOIN integration i ON i.id = j.integration_id" \
  " LEFT JOIN sales_order o ON o.id = j.sales_order_id" \
  " LEFT JOIN invoice inv ON inv.id = j.invoice_id" \
  " LEFT JOIN fulfillment f ON f.id = j.fulfillment_id "

static LumJob *
job_from_row (LumStmt *stmt)
{
  LumJob *job = lum_job_new ();

  for (guint i = 0; i < LUM_JOB_N_INT; i++)
    lum_record_set_int (LUM_RECORD (job), i, lum_stmt_column_int64 (stmt, i));
  for (guint i = 0; i < LUM_JOB_N_TEXT; i++)
    lum_record_set_text (LUM_RECORD (job), i, lum_db_column_text (stmt, LUM_JOB_N_INT + i));
  return job;
}

/**
 * lum_job_store_insert:
 *
 * Writes an outbox row; call it in the transaction of the state change
 * that causes it. Its request id, the idempotency key of every attempt, is
 * a fresh UUID that never changes.
 */
gint64
lum_job_store_insert (LumDb        *db,
                      LumJobKind    kind,
                      gint64        integration_id,
                      gint64        sales_order_id,
                      gint64        invoice_id,
                      const char   *due_at,
                      const char   *now,
                      GError      **error)
{
  g_autofree char *request_id = g_uuid_string_random ();
  LumStmt *stmt = lum_db_prepare (db,
                                  "INSERT INTO job (kind, integration_id, sales_order_id, invoice_id, state,"
                                  " due_at, request_id, created_at, updated_at)"
                                  " VALUES (?, ?, ?, ?, 'scheduled', ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return 0;
  lum_stmt_bind_static_text (stmt, 1, lum_enum_to_nick (LUM_TYPE_JOB_KIND, kind));
  lum_stmt_bind_int64 (stmt, 2, integration_id);
  lum_db_bind_id_or_null (stmt, 3, sales_order_id);
  lum_db_bind_id_or_null (stmt, 4, invoice_id);
  lum_stmt_bind_text (stmt, 5, due_at);
  lum_stmt_bind_text (stmt, 6, request_id);
  lum_stmt_bind_text (stmt, 7, now);
  lum_stmt_bind_text (stmt, 8, now);
  if (!lum_db_step_done (db, stmt, error))
    return 0;
  return lum_db_last_insert_id (db);
}

LumJob *
lum_job_store_get (LumDb   *db,
                   gint64   id,
                   GError **error)
{
  LumStmt *stmt = lum_db_prepare (db, JOB_COLUMNS "WHERE j.id = ?", error);
  LumJob *job = NULL;

  if (stmt == NULL)
    return NULL;
  lum_stmt_bind_int64 (stmt, 1, id);
  if (lum_stmt_step (stmt, NULL) == LUM_STMT_ROW)
    job = job_from_row (stmt);
  lum_stmt_reset (stmt);
  if (job == NULL)
    g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND,
                 _("Job %" PRId64 " does not exist"), id);
  return job;
}

GListStore *
lum_job_store_list (LumDb               *db,
                    const LumJobFilter  *filter,
                    GError             **error)
{
  g_autoptr(GListStore) list = g_list_store_new (LUM_TYPE_JOB);
  LumStmt *stmt = lum_db_prepare (db,
                                       JOB_COLUMNS
                                       "WHERE (?1 IS NULL OR j.sales_order_id = ?1)"
                                       " AND (?2 IS NULL OR j.invoice_id = ?2)"
                                       " AND (?3 IS NULL OR j.state = ?3)"
                                       " ORDER BY j.id DESC LIMIT ?4", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  lum_db_bind_id_or_null (stmt, 1, filter->sales_order_id);
  lum_db_bind_id_or_null (stmt, 2, filter->invoice_id);
  lum_db_bind_text_or_null (stmt, 3, filter->state);
  lum_stmt_bind_int64 (stmt, 4, filter->limit > 0 ? filter->limit : G_MAXINT64);
  while ((rc = lum_stmt_step (stmt, NULL)) == LUM_STMT_ROW)
    {
      g_autoptr(LumJob) job = job_from_row (stmt);
      g_list_store_append (list, job);
    }
  lum_stmt_reset (stmt);
  if (rc != LUM_STMT_DONE)
    {
      lum_db_set_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* The newest job of @kind for the document that is not done or cancelled. */
LumJob *
lum_job_store_find_open (LumDb       *db,
                         LumJobKind   kind,
                         gint64       sales_order_id,
                         gint64       invoice_id,
                         GError     **error)
{
  LumStmt *stmt = lum_db_prepare (db,
                                       JOB_COLUMNS
                                       "WHERE j.kind = ?1 AND (?2 IS NULL OR j.sales_order_id = ?2)"
                                       " AND (?3 IS NULL OR j.invoice_id = ?3)"
                                       " AND j.state IN ('scheduled', 'running', 'failed')"
                                       " ORDER BY j.id DESC LIMIT 1", error);
  LumJob *job = NULL;

  if (stmt == NULL)
    return NULL;
  lum_stmt_bind_static_text (stmt, 1, lum_enum_to_nick (LUM_TYPE_JOB_KIND, kind));
  lum_db_bind_id_or_null (stmt, 2, sales_order_id);
  lum_db_bind_id_or_null (stmt, 3, invoice_id);
  if (lum_stmt_step (stmt, NULL) == LUM_STMT_ROW)
    job = job_from_row (stmt);
  lum_stmt_reset (stmt);
  return job;
}

/* Every open job of @kind for @sales_order_id, oldest first: a split
 * order has one a fulfillment order. */
GPtrArray *
lum_job_store_list_open (LumDb       *db,
                         LumJobKind   kind,
                         gint64       sales_order_id,
                         GError     **error)
{
  LumStmt *stmt = lum_db_prepare (db,
                                  JOB_COLUMNS
                                  "WHERE j.kind = ?1 AND j.sales_order_id = ?2"
                                  " AND j.state IN ('scheduled', 'running', 'failed')"
                                  " ORDER BY j.id", error);
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (stmt == NULL)
    return NULL;
  lum_stmt_bind_static_text (stmt, 1, lum_enum_to_nick (LUM_TYPE_JOB_KIND, kind));
  lum_stmt_bind_int64 (stmt, 2, sales_order_id);
  while ((rc = lum_stmt_step (stmt, NULL)) == LUM_STMT_ROW)
    g_ptr_array_add (jobs, job_from_row (stmt));
  lum_stmt_reset (stmt);
  if (rc != LUM_STMT_DONE)
    {
      lum_db_set_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&jobs);
}

gboolean
lum_job_store_set_state (LumDb        *db,
                         gint64        id,
                         LumJobState   state,
                         const char   *now,
                         GError      **error)
{
  LumStmt *stmt = lum_db_prepare (db,
                                  "UPDATE job SET state = ?, updated_at = ?, lease_owner = NULL, lease_until = NULL"
                                  " WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  lum_stmt_bind_static_text (stmt, 1, lum_enum_to_nick (LUM_TYPE_JOB_STATE, state));
  lum_stmt_bind_text (stmt, 2, now);
  lum_stmt_bind_int64 (stmt, 3, id);
  return lum_db_step_done (db, stmt, error);
}

gboolean
lum_job_store_set_due (LumDb       *db,
                       gint64       id,
                       const char  *due_at,
                       const char  *now,
                       GError     **error)
{
  LumStmt *stmt = lum_db_prepare (db, "UPDATE job SET due_at = ?, updated_at = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  lum_stmt_bind_text (stmt, 1, due_at);
  lum_stmt_bind_text (stmt, 2, now);
  lum_stmt_bind_int64 (stmt, 3, id);
  return lum_db_step_done (db, stmt, error);
}

/* A failed job goes back to the queue with a fresh count of attempts. */
gboolean
lum_job_store_reschedule (LumDb       *db,
                          gint64       id,
                          const char  *due_at,
                          const char  *now,
                          GError     **error)
{
  LumStmt *stmt = lum_db_prepare (db,
                                  "UPDATE job SET state = 'scheduled', attempts = 0, due_at = ?,"
                                  " lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE id = ?",
                                  error);

  if (stmt == NULL)
    return FALSE;
  lum_stmt_bind_text (stmt, 1, due_at);
  lum_stmt_bind_text (stmt, 2, now);
  lum_stmt_bind_int64 (stmt, 3, id);
  return lum_db_step_done (db, stmt, error);
}

/**
 * lum_job_store_claim:
 * @owner: this worker, for the lease
 * @lease_until: when another worker may take the jobs back
 * @gone_owners: (nullable): claimers known to no longer exist, whose jobs
 *   are taken back without waiting for their leases
 * @only_job_id: 0, or the one job to take (a channel test's)
 *
 * Takes the due jobs atomically: scheduled ones whose time has come and
 * running ones whose lease ran out or whose claimer is gone. Each claim
 * counts an attempt, so a job taken back is sent as one that may have
 * arrived. A job waits while an earlier job of the same order is still
 * open, so a cancellation never overtakes its push.
 *
 * Returns: (element-type gint64): the ids claimed, oldest due first
 */
GArray *
lum_job_store_claim (LumDb       *db,
                     const char  *owner,
                     const char  *now,
                     const char  *lease_until,
                     const char * const *gone_owners,
                     gboolean     with_invoices,
                     gint64       only_job_id,
                     guint        limit,
                     GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) gone_node = NULL;
  g_autofree char *gone = NULL;
  LumStmt *stmt = lum_db_prepare (db,
                                  "UPDATE job SET state = 'running', lease_owner = ?1, lease_until = ?2,"
                                  " attempts = attempts + 1, updated_at = ?3"
                                  " WHERE id IN (SELECT j.id FROM job j"
                                  "  WHERE ((j.state = 'scheduled' AND j.due_at <= ?3)"
                                  "         OR (j.state = 'running' AND (j.lease_until < ?3"
                                  "             OR j.lease_owner IN (SELECT value FROM json_each (?7)))))"
                                  "   AND (?4 = 1 OR j.kind <> 'push-invoice')"
                                  "   AND (?6 = 0 OR j.id = ?6)"
                                  "   AND NOT EXISTS (SELECT 1 FROM job e WHERE e.sales_order_id = j.sales_order_id"
                                  "                   AND e.id < j.id AND e.state IN ('scheduled', 'running'))"
                                  "  ORDER BY j.due_at, j.id LIMIT ?5 /* FOR UPDATE SKIP LOCKED */)"
                                  " RETURNING id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  json_builder_begin_array (builder);
  for (guint i = 0; gone_owners != NULL && gone_owners[i] != NULL; i++)
    json_builder_add_string_value (builder, gone_owners[i]);
  json_builder_end_array (builder);
  gone_node = json_builder_get_root (builder);
  gone = json_to_string (gone_node, FALSE);
  lum_stmt_bind_text (stmt, 1, owner);
  lum_stmt_bind_text (stmt, 2, lease_until);
  lum_stmt_bind_text (stmt, 3, now);
  lum_stmt_bind_int (stmt, 4, with_invoices ? 1 : 0);
  lum_stmt_bind_int (stmt, 5, limit);
  lum_stmt_bind_int64 (stmt, 6, only_job_id);
  lum_stmt_bind_text (stmt, 7, gone);
  while ((rc = lum_stmt_step (stmt, NULL)) == LUM_STMT_ROW)
    {
      gint64 id = lum_stmt_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  lum_stmt_reset (stmt);
  if (rc != LUM_STMT_DONE)
    {
      lum_db_set_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/**
 * lum_job_store_list_claimers:
 *
 * The owners of the running jobs whose leases have not run out, so that a
 * worker can check whether they still exist.
 *
 * Returns: (transfer full): the distinct owners
 */
GStrv
lum_job_store_list_claimers (LumDb       *db,
                             const char  *now,
                             GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  LumStmt *stmt = lum_db_prepare (db,
                                  "SELECT DISTINCT lease_owner FROM job WHERE state = 'running'"
                                  " AND lease_owner IS NOT NULL AND lease_until >= ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  lum_stmt_bind_text (stmt, 1, now);
  while ((rc = lum_stmt_step (stmt, NULL)) == LUM_STMT_ROW)
    g_strv_builder_add (builder, lum_db_column_text (stmt, 0));
  lum_stmt_reset (stmt);
  if (rc != LUM_STMT_DONE)
    {
      lum_db_set_error (db, error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

/**
 * lum_job_store_renew:
 * @lease_until: the new end of the leases
 * @n_renewed: (out) (optional): how many jobs @owner still holds
 *
 * Extends the leases of every job @owner holds, while their requests are in
 * flight. The claim time (updated_at) stays: it says since when the job is
 * being sent.
 */
gboolean
lum_job_store_renew (LumDb       *db,
                     const char  *owner,
                     const char  *lease_until,
                     guint       *n_renewed,
                     GError     **error)
{
  LumStmt *stmt = lum_db_prepare (db,
                                  "UPDATE job SET lease_until = max (lease_until, ?1)"
                                  " WHERE lease_owner = ?2 AND state = 'running'", error);

  if (n_renewed != NULL)
    *n_renewed = 0;
  if (stmt == NULL)
    return FALSE;
  lum_stmt_bind_text (stmt, 1, lease_until);
  lum_stmt_bind_text (stmt, 2, owner);
  if (!lum_db_step_done (db, stmt, error))
    return FALSE;
  if (n_renewed != NULL)
    *n_renewed = (guint)lum_db_changes (db);
  return TRUE;
}

/**
 * lum_job_store_finish:
 * @state: done, failed, or scheduled again (at @due_at)
 *
 * Records the outcome of a claimed job, if the claim is still @owner's: a
 * worker whose lease ran out and was taken over records nothing.
 *
 * Returns: %FALSE with no error when the lease was lost
 */
gboolean
lum_job_store_finish (LumDb        *db,
                      gint64        id,
                      const char   *owner,
                      LumJobState   state,
                      const char   *due_at,
                      const char   *remote_id,
                      const char   *last_error,
                      const char   *now,
                      GError      **error)
{
  LumStmt *stmt = lum_db_prepare (db,
                                  "UPDATE job SET state = ?1, due_at = coalesce (?2, due_at),"
                                  " remote_id = coalesce (?3, remote_id), last_error = ?4,"
                                  " lease_owner = NULL, lease_until = NULL, updated_at = ?5,"
                                  " sent_at = coalesce (sent_at, ?5)"
                                  " WHERE id = ?6 AND lease_owner = ?7 AND state = 'running'", error);

  if (stmt == NULL)
    return FALSE;
  lum_stmt_bind_static_text (stmt, 1, lum_enum_to_nick (LUM_TYPE_JOB_STATE, state));
  lum_db_bind_text_or_null (stmt, 2, due_at);
  lum_db_bind_text_or_null (stmt, 3, remote_id);
  lum_db_bind_text_or_null (stmt, 4, last_error);
  lum_stmt_bind_text (stmt, 5, now);
  lum_stmt_bind_int64 (stmt, 6, id);
  lum_stmt_bind_text (stmt, 7, owner);
  if (!lum_db_step_done (db, stmt, error))
    return FALSE;
  return lum_db_changes (db) == 1;
}

/* What the last attempt of job @id sent (no header, secrets masked) and
 * the answer that came back (@answer_status 0: none). */
gboolean
lum_job_store_set_sent (LumDb       *db,
                        gint64       id,
                        const char  *method,
                        const char  *path,
                        const char  *body,
                        guint        answer_status,
                        const char  *answer_body,
                        GError     **error)
{
  LumStmt *stmt = lum_db_prepare (db,
                                  "UPDATE job SET sent_method = ?1, sent_path = ?2, sent_body = ?3,"
                                  " answer_status = ?4, answer_body = ?5 WHERE id = ?6", error);

  if (stmt == NULL)
    return FALSE;
  lum_db_bind_text_or_null (stmt, 1, method);
  lum_db_bind_text_or_null (stmt, 2, path);
  lum_db_bind_text_or_null (stmt, 3, body);
  lum_stmt_bind_int64 (stmt, 4, answer_status);
  lum_db_bind_text_or_null (stmt, 5, answer_body);
  lum_stmt_bind_int64 (stmt, 6, id);
  return lum_db_step_done (db, stmt, error);
}

/* The next time a job falls due or a lease runs out, or %NULL for never. */
char *
lum_job_store_next_wakeup (LumDb     *db,
                           gboolean   with_invoices,
                           GError   **error)
{
  LumStmt *stmt = lum_db_prepare (db,
                                  "SELECT min (t) FROM ("
                                  " SELECT min (due_at) AS t FROM job WHERE state = 'scheduled'"
                                  "  AND (?1 = 1 OR kind <> 'push-invoice')"
                                  " UNION ALL SELECT min (lease_until) FROM job WHERE state = 'running'"
                                  "  AND (?1 = 1 OR kind <> 'push-invoice'))", error);
  char *next = NULL;

  if (stmt == NULL)
    return NULL;
  lum_stmt_bind_int (stmt, 1, with_invoices ? 1 : 0);
  if (lum_stmt_step (stmt, NULL) == LUM_STMT_ROW)
    next = lum_db_column_dup_text (stmt, 0);
  lum_stmt_reset (stmt);
  return next;
}

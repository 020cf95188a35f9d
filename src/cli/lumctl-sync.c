/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdio.h>

#include "lumctl.h"
#include "lum-document-json.h"
#include "lum-engine-documents.h"
#include "lum-util.h"
#include "sync/lum-sync-service.h"

/*
 * `lumenctl sync`: the push worker and the fulfillment poller without a
 * window. Once (the default): one push pass, one poll round, and another
 * push pass for what the poll made (invoices on shipment); then a report.
 * With --watch: both on the main loop until SIGINT or SIGTERM, one line a
 * job or a poll round, as a systemd user service runs it.
 */

typedef enum
{
  JOB_SENT,
  JOB_DONE,
  JOB_FAILED,
} JobOutcome;

typedef struct
{
  LumctlGlobal         *global;
  LumEngine            *engine;
  LumSyncService       *service;
  LumctlLoop           *loop;
  GHashTable           *outcomes;    /* job id → JobOutcome, the last one */
  GPtrArray            *failed_jobs; /* LumJob, as they failed */
  guint                 n_sent;
  LumPollStats          stats;
  char                 *poll_error;
  gboolean              stopping;
} Sync;

static void
sync_clear (Sync *sync)
{
  if (sync->service != NULL)
    lum_sync_service_stop (sync->service);
  g_clear_object (&sync->service);
  g_clear_object (&sync->engine);
  g_clear_pointer (&sync->outcomes, g_hash_table_unref);
  g_clear_pointer (&sync->failed_jobs, g_ptr_array_unref);
  g_clear_pointer (&sync->poll_error, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Sync, sync_clear)

/* -- what happened ----------------------------------------------------------- */

static guint
count_outcomes (Sync       *sync,
                JobOutcome  outcome)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_hash_table_iter_init (&iter, sync->outcomes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    n += GPOINTER_TO_UINT (value) == outcome;
  return n;
}

static JsonNode *
poll_to_json (const LumPollStats *stats,
              const char         *error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const struct { const char *name; guint value; } counts[] = {
    { "shipments", stats->shipments }, { "recorded", stats->recorded }, { "duplicates", stats->duplicates },
    { "unknown", stats->unknown }, { "voided", stats->voided }, { "refused", stats->refused },
    { "failed_targets", stats->failed_targets },
  };

  json_builder_begin_object (b);
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      json_builder_set_member_name (b, counts[i].name);
      json_builder_add_int_value (b, counts[i].value);
    }
  json_builder_set_member_name (b, "error");
  if (error != NULL)
    json_builder_add_string_value (b, error);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static char *
dup_poll_text (const LumPollStats *stats,
               const char         *error)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, _("shipments %u, recorded %u, duplicates %u, unknown %u, voided %u, refused %u"),
                          stats->shipments, stats->recorded, stats->duplicates, stats->unknown, stats->voided,
                          stats->refused);
  if (stats->failed_targets > 0)
    g_string_append_printf (text, _(", stores not polled %u: %s"), stats->failed_targets,
                            error ? error : _("no connection"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* "push-sales-order SO-000001 → Sandbox ShipStation" */
static char *
dup_job_text (LumJob *job)
{
  return g_strdup_printf (_("job %" PRId64 " %s %s → %s"), lum_job_get_id (job),
                          lum_job_get_text (job, LUM_JOB_KIND_TEXT),
                          lum_job_get_text (job, LUM_JOB_DOCUMENT_NUMBER),
                          lum_job_get_text (job, LUM_JOB_INTEGRATION_NAME));
}

static void
print_once_report (Sync     *sync,
                   gboolean  push,
                   gboolean  poll)
{
  guint done = count_outcomes (sync, JOB_DONE);
  guint failed = count_outcomes (sync, JOB_FAILED);
  guint later = count_outcomes (sync, JOB_SENT);

  if (sync->global->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "ok");
      json_builder_add_boolean_value (b, failed == 0 && sync->stats.failed_targets == 0);
      json_builder_set_member_name (b, "push");
      if (push)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "sent");
          json_builder_add_int_value (b, sync->n_sent);
          json_builder_set_member_name (b, "done");
          json_builder_add_int_value (b, done);
          json_builder_set_member_name (b, "failed");
          json_builder_add_int_value (b, failed);
          json_builder_set_member_name (b, "retrying");
          json_builder_add_int_value (b, later);
          json_builder_set_member_name (b, "failed_jobs");
          json_builder_begin_array (b);
          for (guint i = 0; i < sync->failed_jobs->len; i++)
            json_builder_add_value (b, lum_job_to_json (g_ptr_array_index (sync->failed_jobs, i)));
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "poll");
      if (poll)
        json_builder_add_value (b, poll_to_json (&sync->stats, sync->poll_error));
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
      node = json_builder_get_root (b);
      lumctl_print_json (node);
      return;
    }

  if (push)
    {
      lumctl_print (_("Push: sent %u, done %u, failed %u, to retry later %u\n"), sync->n_sent, done, failed, later);
      for (guint i = 0; i < sync->failed_jobs->len; i++)
        {
          LumJob *job = g_ptr_array_index (sync->failed_jobs, i);
          g_autofree char *text = dup_job_text (job);

          lumctl_print (_("  failed: %s: %s\n"), text, lum_job_get_text (job, LUM_JOB_LAST_ERROR));
        }
    }
  if (poll)
    {
      g_autofree char *text = dup_poll_text (&sync->stats, sync->poll_error);

      lumctl_print (_("Poll: %s\n"), text);
    }
}

/* The exit status of `sync --once`, with its one line on stderr. */
static int
once_status (Sync *sync)
{
  guint failed = count_outcomes (sync, JOB_FAILED);

  if (failed == 1 && sync->failed_jobs->len == 1)
    {
      LumJob *job = g_ptr_array_index (sync->failed_jobs, 0);
      g_autofree char *text = dup_job_text (job);

      return lumctl_fail_printf (_("%s failed: %s"), text, lum_job_get_text (job, LUM_JOB_LAST_ERROR));
    }
  if (failed > 0)
    return lumctl_fail_printf (g_dngettext (GETTEXT_PACKAGE, "%u job failed; “lumenctl jobs list --state failed” lists them",
                                            "%u jobs failed; “lumenctl jobs list --state failed” lists them", failed),
                               failed);
  if (sync->stats.failed_targets > 0)
    return lumctl_fail_printf (g_dngettext (GETTEXT_PACKAGE, "%u store could not be polled: %s",
                                            "%u stores could not be polled: %s", sync->stats.failed_targets),
                               sync->stats.failed_targets, sync->poll_error ? sync->poll_error : _("no connection"));
  return LUMCTL_EXIT_OK;
}

/* -- the worker's and the poller's news ---------------------------------------- */

static void
log_line (Sync       *sync,
          const char *event,
          JsonNode   *detail,
          const char *text)
{
  g_autofree char *now = lum_engine_now_text (sync->engine);

  if (sync->global->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *line = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "at");
      json_builder_add_string_value (b, now);
      json_builder_set_member_name (b, "event");
      json_builder_add_string_value (b, event);
      if (detail != NULL)
        {
          json_builder_set_member_name (b, g_str_has_prefix (event, "job") ? "job" : "poll");
          json_builder_add_value (b, json_node_ref (detail));
        }
      json_builder_end_object (b);
      node = json_builder_get_root (b);
      /* one object a line: a log that `jq` reads as it grows */
      line = json_to_string (node, FALSE);
      fputs (line, stdout);
      fputc ('\n', stdout);
    }
  else
    {
      g_autofree char *flat = g_strdup (text);

      g_strdelimit (flat, "\r\n", ' ');
      lumctl_print ("%s  %s\n", now, flat);
    }
  fflush (stdout);
}

static void
on_job_sending_cb (LumSyncService *service,
                   LumJob         *job,
                   JsonNode       *payload,
                   Sync           *sync)
{
  gint64 id = lum_job_get_id (job);

  g_hash_table_insert (sync->outcomes, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (JOB_SENT));
}

static void
on_job_done_cb (LumSyncService *service,
                LumJob         *job,
                Sync           *sync)
{
  gint64 id = lum_job_get_id (job);
  g_autoptr(LumJob) stored = lum_engine_get_job (sync->engine, id, NULL);
  LumJob *shown = stored ? stored : job;

  g_hash_table_insert (sync->outcomes, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (JOB_DONE));
  if (sync->loop != NULL)
    {
      g_autoptr(JsonNode) node = lum_job_to_json (shown);
      g_autofree char *job_text = dup_job_text (shown);
      g_autofree char *text = g_strdup_printf (_("%s: done, remote id %s"), job_text,
                                               lum_job_get_text (shown, LUM_JOB_REMOTE_ID));

      log_line (sync, "job-done", node, text);
    }
}

static void
on_job_failed_cb (LumSyncService *service,
                  LumJob         *job,
                  Sync           *sync)
{
  gint64 id = lum_job_get_id (job);

  g_hash_table_insert (sync->outcomes, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (JOB_FAILED));
  g_ptr_array_add (sync->failed_jobs, g_object_ref (job));
  if (sync->loop != NULL)
    {
      g_autoptr(JsonNode) node = lum_job_to_json (job);
      g_autofree char *job_text = dup_job_text (job);
      g_autofree char *text = g_strdup_printf (_("%s: failed: %s"), job_text,
                                               lum_job_get_text (job, LUM_JOB_LAST_ERROR));

      log_line (sync, "job-failed", node, text);
    }
}

static void
remember_poll_error (Sync *sync)
{
  const GError *last = lum_fulfillment_poller_get_last_error (lum_sync_service_get_poller (sync->service));

  g_clear_pointer (&sync->poll_error, g_free);
  if (last != NULL)
    sync->poll_error = g_strdup (last->message);
}

/* -- once ------------------------------------------------------------------- */

static gboolean
push_pass (Sync        *sync,
           LumctlLoop  *loop,
           GError     **error)
{
  guint n_sent = 0;

  LumPushWorker *worker = lum_sync_service_get_push_worker (sync->service);

  lum_push_worker_run_once_async (worker, loop->cancellable, lumctl_loop_result_cb, loop);
  if (!lum_push_worker_run_once_finish (worker, lumctl_loop_wait (loop), &n_sent, error))
    return FALSE;
  sync->n_sent += n_sent;
  return TRUE;
}

static gboolean
poll_round (Sync        *sync,
            LumctlLoop  *loop,
            GError     **error)
{
  LumFulfillmentPoller *poller = lum_sync_service_get_poller (sync->service);

  lum_fulfillment_poller_poll_async (poller, loop->cancellable, lumctl_loop_result_cb, loop);
  if (!lum_fulfillment_poller_poll_finish (poller, lumctl_loop_wait (loop), &sync->stats, error))
    return FALSE;
  remember_poll_error (sync);
  return TRUE;
}

static int
run_once (Sync     *sync,
          gboolean  push,
          gboolean  poll)
{
  g_auto(LumctlLoop) loop = { 0, };
  g_autoptr(GError) error = NULL;

  lumctl_loop_init (&loop);
  if ((push && !push_pass (sync, &loop, &error)) ||
      (poll && !poll_round (sync, &loop, &error)) ||
      /* a shipment may have made an invoice that goes to QuickBooks now */
      (push && poll && sync->stats.recorded + sync->stats.voided > 0 && !push_pass (sync, &loop, &error)))
    {
      if (loop.interrupted)
        return lumctl_fail_printf (_("The sync was interrupted"));
      return lumctl_fail (error);
    }

  print_once_report (sync, push, poll);
  return once_status (sync);
}

/* -- watching --------------------------------------------------------------- */

static void
on_watch_polled_cb (LumSyncService     *service,
                    const LumPollStats *round,
                    const GError       *error,
                    Sync               *sync)
{
  LumPollStats stats = *round;
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (error != NULL)
    {
      stats.failed_targets = MAX (stats.failed_targets, 1);
      g_free (sync->poll_error);
      sync->poll_error = g_strdup (error->message);
    }
  else
    remember_poll_error (sync);

  node = poll_to_json (&stats, stats.failed_targets > 0 ? sync->poll_error : NULL);
  text = dup_poll_text (&stats, sync->poll_error);
  line = g_strdup_printf (_("poll: %s"), text);
  log_line (sync, "poll", node, line);
}

static void
stop_now (Sync *sync)
{
  lum_sync_service_stop (sync->service);
  lumctl_loop_quit (sync->loop);
}

static void
on_worker_busy_cb (LumSyncService *service,
                   GParamSpec     *pspec,
                   Sync           *sync)
{
  if (sync->stopping && !lum_sync_service_get_busy (service))
    stop_now (sync);
}

/* The first signal lets the jobs in flight finish, so that they are
 * recorded now rather than sent again when their lease runs out; a second
 * one stops at once. */
static gboolean
on_stop_signal_cb (gpointer user_data)
{
  Sync *sync = user_data;

  if (!sync->stopping && lum_sync_service_get_busy (sync->service))
    {
      sync->stopping = TRUE;
      lum_sync_service_stop_polling (sync->service);
      lumctl_printerr ("%s\n", _("lumenctl: finishing the jobs in flight; interrupt again to stop at once"));
      return G_SOURCE_CONTINUE;
    }
  stop_now (sync);
  return G_SOURCE_CONTINUE;
}

static int
run_watch (Sync     *sync,
           gboolean  push,
           gboolean  poll,
           guint     interval)
{
  g_auto(LumctlLoop) loop = { 0, };

  lumctl_loop_init (&loop);
  loop.on_signal = on_stop_signal_cb;
  loop.on_signal_data = sync;
  sync->loop = &loop;

  if (!sync->global->json)
    {
      if (push && poll)
        lumctl_print (_("Pushing due jobs, and polling shipments every %u s (Ctrl+C stops).\n"), interval);
      else if (push)
        lumctl_print (_("Pushing due jobs (Ctrl+C stops).\n"));
      else
        lumctl_print (_("Polling shipments every %u s (Ctrl+C stops).\n"), interval);
      fflush (stdout);
    }

  /* orders posted by another process (the window, `lumenctl order post`) wake the worker */
  lum_sync_service_watch_changes (sync->service);
  g_signal_connect (sync->service, "polled", G_CALLBACK (on_watch_polled_cb), sync);
  if (push)
    lum_sync_service_start_push (sync->service);
  if (poll)
    lum_sync_service_start_polling (sync->service, interval);

  lumctl_loop_run (&loop);

  if (!sync->global->json)
    lumctl_print ("%s\n", _("Stopped."));
  sync->loop = NULL;
  return LUMCTL_EXIT_OK;
}

/* The poll interval of the window's preferences, when it has one. */
static guint
default_interval (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GVariant) value = NULL;

  if (schema == NULL || !g_settings_schema_has_key (schema, "poll-interval"))
    return LUM_SYNC_POLL_INTERVAL_DEFAULT;
  settings = g_settings_new_full (schema, NULL, NULL);
  value = g_settings_get_value (settings, "poll-interval");
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
    return CLAMP (g_variant_get_uint32 (value), LUM_SYNC_POLL_INTERVAL_MIN, LUM_SYNC_POLL_INTERVAL_MAX);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
    return CLAMP (g_variant_get_int32 (value), LUM_SYNC_POLL_INTERVAL_MIN, LUM_SYNC_POLL_INTERVAL_MAX);
  return LUM_SYNC_POLL_INTERVAL_DEFAULT;
}

static int
sync_run (LumctlGlobal  *global,
          char         **args)
{
  gboolean once = FALSE;
  gboolean watch = FALSE;
  gboolean no_push = FALSE;
  gboolean no_poll = FALSE;
  g_autofree char *interval_text = NULL;
  const GOptionEntry entries[] = {
    { "once", 0, 0, G_OPTION_ARG_NONE, &once,
      N_("Push what is due and poll the shipments once, then report (the default)"), NULL },
    { "watch", 0, 0, G_OPTION_ARG_NONE, &watch,
      N_("Keep pushing and polling until interrupted, one line an event"), NULL },
    { "no-push", 0, 0, G_OPTION_ARG_NONE, &no_push, N_("Do not push jobs"), NULL },
    { "no-poll", 0, 0, G_OPTION_ARG_NONE, &no_poll, N_("Do not poll shipments"), NULL },
    { "interval", 0, 0, G_OPTION_ARG_STRING, &interval_text,
      N_("With --watch: poll every SECONDS (10 to 86400; default: the window’s preference, or 300)"),
      N_("SECONDS") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_auto(Sync) sync = { 0, };
  g_autoptr(GError) error = NULL;
  guint interval = 0;
  int status;

  context = lumctl_option_context_new (global, "",
                                       N_("Send the jobs that are due (sales orders to the OMS, invoices to "
                                          "QuickBooks) and take the shipments back from the OMS of the channels "
                                          "with fulfillment updates."),
                                       entries);
  g_option_context_set_description (context,
                                    _("Exit status of --once: 1 when a job failed in this run or a store could "
                                      "not be polled."));
  if ((status = lumctl_parse (global, context, &args, 0, 0)) != LUMCTL_EXIT_OK)
    return status;
  if (once && watch)
    return lumctl_usage_error (global, _("Give --once or --watch, not both"));
  if (no_push && no_poll)
    return lumctl_usage_error (global, _("Nothing to do: --no-push and --no-poll are both given"));
  if (interval_text != NULL && !watch)
    return lumctl_usage_error (global, _("--interval needs --watch"));
  if (interval_text != NULL &&
      !lumctl_parse_count (_("Interval"), interval_text, LUM_SYNC_POLL_INTERVAL_MIN, LUM_SYNC_POLL_INTERVAL_MAX, &interval, &error))
    return lumctl_fail (error);
  if (watch && interval == 0)
    interval = default_interval ();

  sync.global = global;
  sync.outcomes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sync.failed_jobs = g_ptr_array_new_with_free_func (g_object_unref);
  if ((sync.engine = lumctl_open_engine (global, &error)) == NULL)
    return lumctl_fail (error);
  sync.service = lum_sync_service_new (sync.engine);
  g_signal_connect (sync.service, "job-sending", G_CALLBACK (on_job_sending_cb), &sync);
  g_signal_connect (sync.service, "job-done", G_CALLBACK (on_job_done_cb), &sync);
  g_signal_connect (sync.service, "job-failed", G_CALLBACK (on_job_failed_cb), &sync);
  g_signal_connect (sync.service, "notify::busy", G_CALLBACK (on_worker_busy_cb), &sync);

  /* A damaged page would otherwise be found only when a push reads it,
   * after other writes had succeeded. */
  if (watch && !lum_engine_check_integrity (sync.engine, &error))
    return lumctl_fail (error);
  if (watch)
    return run_watch (&sync, !no_push, !no_poll, interval);
  return run_once (&sync, !no_push, !no_poll);
}

const LumctlGroup lumctl_sync_group = {
  "sync", N_("Push the jobs that are due and poll shipments, once or continuously"), NULL, sync_run
};

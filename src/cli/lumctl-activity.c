/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "lumctl-document.h"
#include "lum-document-json.h"
#include "lum-util.h"

/* The outbox (jobs) and the events: what Lumen has done and will do. */

#define LIMIT_DEFAULT 50
#define LIMIT_MAX     100000

static const char * const job_states[] = { "scheduled", "running", "done", "failed", "cancelled", NULL };

/* The id of the document given by --order or --invoice, 0 for none. */
static gboolean
find_document_id (LumEngine        *engine,
                  LumDocumentKind   kind,
                  const char       *number,
                  gint64           *id,
                  GError          **error)
{
  g_autoptr(LumDocument) doc = NULL;

  *id = 0;
  if (number == NULL)
    return TRUE;
  if ((doc = lumctl_find_document (engine, kind, number, error)) == NULL)
    return FALSE;
  *id = lum_document_get_id (doc);
  return TRUE;
}

/* -- jobs -------------------------------------------------------------------- */

static void
print_jobs (LumctlGlobal *global,
            GListModel   *jobs)
{
  g_autoptr(LumctlTable) table = NULL;

  if (global->json)
    {
      g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify)json_node_unref);

      for (guint i = 0; i < g_list_model_get_n_items (jobs); i++)
        {
          g_autoptr(LumJob) job = g_list_model_get_item (jobs, i);
          g_ptr_array_add (nodes, lum_job_to_json (job));
        }
      lumctl_print_json_array (nodes);
      return;
    }

  if (g_list_model_get_n_items (jobs) == 0)
    {
      lumctl_print ("%s\n", _("No jobs."));
      return;
    }

  table = lumctl_table_new (8, _("ID"), _("Kind"), _("State"), _("Document"), _("Integration"), _("Due"),
                            _("Attempts"), _("Last error"));
  for (guint i = 0; i < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr(LumJob) job = g_list_model_get_item (jobs, i);
      g_autofree char *id = g_strdup_printf ("%" PRId64, lum_job_get_id (job));
      const char *number = lum_job_get_text (job, LUM_JOB_DOCUMENT_NUMBER);
      /* Translators: the document of a job that is a test, "TEST-SO-000001 (test)" */
      g_autofree char *document = lum_job_get_int (job, LUM_JOB_IS_TEST) ? g_strdup_printf (_("%s (test)"), number)
                                                                        : g_strdup (number);
      g_autofree char *attempts = g_strdup_printf ("%" PRId64 "/%" PRId64,
                                                   lum_job_get_int (job, LUM_JOB_ATTEMPTS),
                                                   lum_job_get_int (job, LUM_JOB_MAX_ATTEMPTS));

      lumctl_table_add_row (table, id, lum_job_get_text (job, LUM_JOB_KIND_TEXT),
                            lum_job_get_text (job, LUM_JOB_STATE_TEXT),
                            document, lum_job_get_text (job, LUM_JOB_INTEGRATION_NAME),
                            lum_job_get_text (job, LUM_JOB_DUE_AT), attempts,
                            lum_job_get_text (job, LUM_JOB_LAST_ERROR));
    }
  lumctl_table_print (table);
}

static int
jobs_list (LumctlGlobal  *global,
           char         **args)
{
  g_autofree char *state = NULL;
  g_autofree char *order = NULL;
  g_autofree char *invoice = NULL;
  g_autofree char *limit_text = NULL;
  const GOptionEntry entries[] = {
    { "state", 0, 0, G_OPTION_ARG_STRING, &state,
      N_("Only jobs in this state: scheduled, running, done, failed or cancelled"), N_("STATE") },
    { "order", 0, 0, G_OPTION_ARG_STRING, &order, N_("Only the jobs of this sales order"), N_("NUMBER") },
    { "invoice", 0, 0, G_OPTION_ARG_STRING, &invoice, N_("Only the jobs of this invoice"), N_("NUMBER") },
    { "limit", 0, 0, G_OPTION_ARG_STRING, &limit_text, N_("At most N jobs (default: 50)"), N_("N") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = lumctl_option_context_new (global, "",
                                                                 N_("List the outbox: the pushes Lumen has sent "
                                                                    "and will send, newest first."),
                                                                 entries);
  LumJobFilter filter = { 0, 0, NULL, LIMIT_DEFAULT };
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(GListStore) jobs = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = lumctl_parse (global, context, &args, 0, 0)) != LUMCTL_EXIT_OK)
    return status;
  if (!lumctl_check_choice (_("Job state"), state, job_states, &error) ||
      (limit_text != NULL && !lumctl_parse_count (_("Limit"), limit_text, 1, LIMIT_MAX, &filter.limit, &error)) ||
      (engine = lumctl_open_engine (global, &error)) == NULL ||
      !find_document_id (engine, LUM_DOCUMENT_KIND_SALES_ORDER, order, &filter.sales_order_id, &error) ||
      !find_document_id (engine, LUM_DOCUMENT_KIND_INVOICE, invoice, &filter.invoice_id, &error))
    return lumctl_fail (error);

  filter.state = state;
  if ((jobs = lum_engine_list_jobs (engine, &filter, &error)) == NULL)
    return lumctl_fail (error);
  print_jobs (global, G_LIST_MODEL (jobs));
  return LUMCTL_EXIT_OK;
}

/* The job @id among @jobs, or %NULL. */
static LumJob *
find_job (GListModel *jobs,
          gint64      id)
{
  for (guint i = 0; i < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr(LumJob) job = g_list_model_get_item (jobs, i);

      if (lum_job_get_id (job) == id)
        return g_steal_pointer (&job);
    }
  return NULL;
}

static int
jobs_retry (LumctlGlobal  *global,
            char         **args)
{
  g_autoptr(GOptionContext) context = lumctl_option_context_new (global, N_("ID"),
                                                                 N_("Send a failed job again: it is due now, with a "
                                                                    "fresh count of attempts."),
                                                                 NULL);
  LumJobFilter failed = { 0, 0, "failed", 0 };
  LumJobFilter of_document = { 0, 0, NULL, 0 };
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(GListStore) failed_jobs = NULL;
  g_autoptr(GListStore) document_jobs = NULL;
  g_autoptr(LumJob) before = NULL;
  g_autoptr(LumJob) after = NULL;
  g_autoptr(GError) error = NULL;
  guint id;
  int status;

  if ((status = lumctl_parse (global, context, &args, 1, 1)) != LUMCTL_EXIT_OK)
    return status;
  if (!lumctl_parse_count (_("Job id"), args[1], 1, G_MAXINT, &id, &error) ||
      (engine = lumctl_open_engine (global, &error)) == NULL ||
      (failed_jobs = lum_engine_list_jobs (engine, &failed, &error)) == NULL)
    return lumctl_fail (error);

  /* the engine says why a job that is not failed cannot be retried */
  before = find_job (G_LIST_MODEL (failed_jobs), id);
  if (!lum_engine_retry_job (engine, id, &error))
    return lumctl_fail (error);

  if (!global->json)
    {
      lumctl_print (_("Job %u is scheduled again, due now.\n"), id);
      return LUMCTL_EXIT_OK;
    }

  /* the engine has no lookup by id: the job is among its document's (or,
   * had it failed only after the list was read, among all) */
  if (before != NULL)
    {
      of_document.sales_order_id = lum_job_get_int (before, LUM_JOB_SALES_ORDER_ID);
      of_document.invoice_id = lum_job_get_int (before, LUM_JOB_INVOICE_ID);
    }
  if ((document_jobs = lum_engine_list_jobs (engine, &of_document, &error)) == NULL)
    return lumctl_fail (error);
  after = find_job (G_LIST_MODEL (document_jobs), id);
  if (after != NULL)
    {
      g_autoptr(JsonNode) node = lum_job_to_json (after);
      lumctl_print_json (node);
    }
  return LUMCTL_EXIT_OK;
}

/* -- events ------------------------------------------------------------------ */

static int
events_list (LumctlGlobal  *global,
             char         **args)
{
  g_autofree char *order = NULL;
  g_autofree char *invoice = NULL;
  g_autofree char *limit_text = NULL;
  const GOptionEntry entries[] = {
    { "order", 0, 0, G_OPTION_ARG_STRING, &order, N_("Only the timeline of this sales order"), N_("NUMBER") },
    { "invoice", 0, 0, G_OPTION_ARG_STRING, &invoice, N_("Only the timeline of this invoice"), N_("NUMBER") },
    { "limit", 0, 0, G_OPTION_ARG_STRING, &limit_text, N_("The newest N events (default: 50)"), N_("N") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = lumctl_option_context_new (global, "",
                                                                 N_("List what happened, oldest first: documents "
                                                                    "created and posted, pushes, shipments."),
                                                                 entries);
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(GListStore) events = NULL;
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(LumctlTable) table = NULL;
  gint64 order_id = 0, invoice_id = 0;
  guint limit = LIMIT_DEFAULT, n;
  int status;

  if ((status = lumctl_parse (global, context, &args, 0, 0)) != LUMCTL_EXIT_OK)
    return status;
  if (order != NULL && invoice != NULL)
    return lumctl_usage_error (global, _("Give --order or --invoice, not both"));
  if ((limit_text != NULL && !lumctl_parse_count (_("Limit"), limit_text, 1, LIMIT_MAX, &limit, &error)) ||
      (engine = lumctl_open_engine (global, &error)) == NULL ||
      !find_document_id (engine, LUM_DOCUMENT_KIND_SALES_ORDER, order, &order_id, &error) ||
      !find_document_id (engine, LUM_DOCUMENT_KIND_INVOICE, invoice, &invoice_id, &error))
    return lumctl_fail (error);

  /* All events come newest first, a document's oldest first: a document
   * has few, so they are all read and the newest kept. */
  if (order_id == 0 && invoice_id == 0)
    events = lum_engine_list_events (engine, 0, 0, limit, &error);
  else
    events = lum_engine_list_events (engine, order_id, invoice_id, 0, &error);
  if (events == NULL)
    return lumctl_fail (error);

  n = g_list_model_get_n_items (G_LIST_MODEL (events));
  if (order_id == 0 && invoice_id == 0)
    for (guint i = n; i > 0; i--)
      g_ptr_array_add (shown, g_list_model_get_item (G_LIST_MODEL (events), i - 1));
  else
    for (guint i = n > limit ? n - limit : 0; i < n; i++)
      g_ptr_array_add (shown, g_list_model_get_item (G_LIST_MODEL (events), i));

  if (global->json)
    {
      g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify)json_node_unref);

      for (guint i = 0; i < shown->len; i++)
        g_ptr_array_add (nodes, lum_event_to_json (g_ptr_array_index (shown, i)));
      lumctl_print_json_array (nodes);
      return LUMCTL_EXIT_OK;
    }

  if (shown->len == 0)
    {
      lumctl_print ("%s\n", _("No events."));
      return LUMCTL_EXIT_OK;
    }
  table = lumctl_table_new (4, _("At"), _("Actor"), _("Document"), _("Event"));
  for (guint i = 0; i < shown->len; i++)
    {
      LumEvent *event = g_ptr_array_index (shown, i);
      g_autofree char *raw = lum_event_dup_summary (event);
      /* times inside the sentence as the window writes them */
      g_autofree char *summary = lum_time_format_in_text (raw);

      lumctl_table_add_row (table, lum_event_get_text (event, LUM_EVENT_AT), lum_event_get_text (event, LUM_EVENT_ACTOR),
                            lum_event_get_text (event, LUM_EVENT_DOCUMENT_NUMBER), summary);
    }
  lumctl_table_print (table);
  return LUMCTL_EXIT_OK;
}

static const LumctlCommand jobs_commands[] = {
  { "list", N_("List the jobs of the outbox"), jobs_list },
  { "retry", N_("Send a failed job again"), jobs_retry },
  { NULL, NULL, NULL }
};

const LumctlGroup lumctl_jobs_group = {
  "jobs", N_("The outbox: pushes to the OMS and to accounting"), jobs_commands
};

static const LumctlCommand events_commands[] = {
  { "list", N_("List the events"), events_list },
  { NULL, NULL, NULL }
};

const LumctlGroup lumctl_events_group = {
  "events", N_("The timeline of everything Lumen did"), events_commands
};

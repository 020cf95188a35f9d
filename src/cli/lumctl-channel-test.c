/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "lumctl.h"
#include "lum-util.h"
#include "sync/lum-channel-test.h"
#include "sync/lum-sync-service.h"
#include "lum-engine-setup.h"

/*
 * `lumenctl channel test`: a test order (or invoice) through the channel's
 * real configuration, each step printed as it ends. Against a real account
 * it needs --yes: the order really reaches the OMS (marked as a test, then
 * cancelled).
 */

typedef struct
{
  GListModel *steps;
  guint       next;   /* the first step not printed yet */
} Printer;

static void
printer_clear (Printer *printer)
{
  for (guint i = 0; printer->steps != NULL && i < g_list_model_get_n_items (printer->steps); i++)
    {
      g_autoptr(LumTestStep) step = g_list_model_get_item (printer->steps, i);
      g_signal_handlers_disconnect_by_data (step, printer);
    }
  printer->steps = NULL;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Printer, printer_clear)

static gboolean
is_final (const char *state)
{
  return g_strcmp0 (state, LUM_TEST_STEP_OK) == 0 || g_strcmp0 (state, LUM_TEST_STEP_FAILED) == 0 ||
         g_strcmp0 (state, LUM_TEST_STEP_SKIPPED) == 0;
}

static void
print_block (const char *label,
             const char *text)
{
  g_auto(GStrv) lines = NULL;

  if (lum_str_empty (text))
    return;
  lumctl_print ("         %s\n", label);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    lumctl_print ("           %s\n", lines[i]);
}

/* "ok       Pushed to the OMS: Pushed to Sandbox ShipStation, store 1001: remote id 7" */
static void
print_step (LumTestStep *step)
{
  const char *detail = lum_test_step_get_text (step, LUM_TEST_STEP_DETAIL);
  g_autofree char *flat = g_strdup (detail ? detail : "");

  g_strdelimit (flat, "\r\n", ' ');
  lumctl_print ("%-7s  %s%s%s\n", lum_test_step_get_state (step), lum_test_step_get_text (step, LUM_TEST_STEP_TITLE),
           *flat != '\0' ? ": " : "", flat);
  print_block (_("Mapped fields:"), lum_test_step_get_text (step, LUM_TEST_STEP_MAPPED));
  print_block (_("Request body:"), lum_test_step_get_text (step, LUM_TEST_STEP_REQUEST));
}

/* Prints the steps that have ended, in order; @all prints the rest too. */
static void
print_ready (Printer  *printer,
             gboolean  all)
{
  guint n = g_list_model_get_n_items (printer->steps);

  while (printer->next < n)
    {
      g_autoptr(LumTestStep) step = g_list_model_get_item (printer->steps, printer->next);

      if (!all && !is_final (lum_test_step_get_state (step)))
        break;
      print_step (step);
      printer->next++;
    }
  fflush (stdout);
}

/* A step's time is set last when it ends: its detail is there by then. */
static void
on_step_at_cb (LumTestStep *step,
               GParamSpec  *pspec,
               Printer     *printer)
{
  print_ready (printer, FALSE);
}

/* FILE.json or FILE.md, refused before the test runs. */
static gboolean
check_export (const char  *path,
              gboolean    *markdown,
              GError     **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  *markdown = g_str_has_suffix (lower, ".md");
  if (*markdown || g_str_has_suffix (lower, ".json"))
    return TRUE;
  g_set_error (error, LUMCTL_ERROR, LUMCTL_ERROR_VALUE,
               _("Export file “%s” does not end in .json or .md"), path);
  return FALSE;
}

static gboolean
export_report (LumChannelTest  *test,
               const char      *path,
               gboolean         markdown,
               GError         **error)
{
  g_autofree char *contents = NULL;

  if (markdown)
    contents = lum_channel_test_to_markdown (test);
  else
    {
      g_autoptr(JsonNode) node = lum_channel_test_to_json (test, TRUE);
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *text = NULL;

      json_generator_set_pretty (generator, TRUE);
      json_generator_set_indent (generator, 2);
      json_generator_set_root (generator, node);
      text = json_generator_to_data (generator, NULL);
      contents = g_strconcat (text, "\n", NULL);
    }
  if (!g_file_set_contents (path, contents, -1, error))
    return FALSE;
  return TRUE;
}

/* The first failed step, for the one line on stderr. */
static LumTestStep *
first_failed (GListModel *steps)
{
  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    {
      g_autoptr(LumTestStep) step = g_list_model_get_item (steps, i);

      if (g_strcmp0 (lum_test_step_get_state (step), LUM_TEST_STEP_FAILED) == 0)
        return g_steal_pointer (&step);
    }
  return NULL;
}

static int
report_outcome (LumctlGlobal   *global,
                LumChannelTest *test,
                LumChannel     *channel)
{
  g_autoptr(LumTestStep) failed = NULL;

  if (global->json)
    {
      g_autoptr(JsonNode) node = lum_channel_test_to_json (test, FALSE);
      lumctl_print_json (node);
    }
  else if (lum_channel_test_get_ok (test))
    lumctl_print (_("Channel “%s” passed the test: every step that applies is ok.\n"), lum_channel_get_name (channel));
  else
    lumctl_print (_("Channel “%s” did not pass the test.\n"), lum_channel_get_name (channel));

  if (lum_channel_test_get_ok (test))
    return LUMCTL_EXIT_OK;
  failed = first_failed (lum_channel_test_get_steps (test));
  if (failed != NULL)
    return lumctl_fail_printf (_("The test of channel “%s” failed at “%s”: %s"), lum_channel_get_name (channel),
                               lum_test_step_get_text (failed, LUM_TEST_STEP_TITLE),
                               lum_test_step_get_text (failed, LUM_TEST_STEP_DETAIL));
  return lumctl_fail_printf (_("The test of channel “%s” did not finish: a step is still pending"),
                             lum_channel_get_name (channel));
}

int
lumctl_channel_test (LumctlGlobal  *global,
                     char         **args)
{
  gboolean yes = FALSE;
  gboolean keep_delay = FALSE;
  g_autofree char *export_path = NULL;
  const GOptionEntry entries[] = {
    { "yes", 0, 0, G_OPTION_ARG_NONE, &yes,
      N_("Send the test order even to a real (not sandbox) account: it is marked as a test there and cancelled "
         "afterwards"), NULL },
    { "keep-delay", 0, 0, G_OPTION_ARG_NONE, &keep_delay,
      N_("Keep the channel’s push delay: the test stops at the scheduled push instead of pushing now"), NULL },
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &export_path,
      N_("Also write the report, with the request bodies, to FILE.json or FILE.md"), N_("FILE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(LumSyncService) service = NULL;
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumChannelTest) test = NULL;
  g_auto(Printer) printer = { NULL, 0 };
  g_autoptr(GError) error = NULL;
  g_auto(LumctlLoop) loop = { 0, };
  gboolean markdown = FALSE;
  int status;

  lumctl_loop_init (&loop);
  context = lumctl_option_context_new (global, N_("CHANNEL"),
                                       N_("Test a channel, given by name or id: a test order (a test invoice on an "
                                          "invoice-first channel) goes through the channel’s real configuration "
                                          "and integrations, step by step."),
                                       entries);
  g_option_context_set_description (context,
                                    _("Exit status: 0 when every step that applies is ok. On a sandbox "
                                      "integration the shipment is simulated and its tracking polled back. Test "
                                      "documents are left out of the lists; “lumenctl order purge-tests” deletes "
                                      "them."));
  if ((status = lumctl_parse (global, context, &args, 1, 1)) != LUMCTL_EXIT_OK)
    return status;
  if ((export_path != NULL && !check_export (export_path, &markdown, &error)) ||
      (engine = lumctl_open_engine (global, &error)) == NULL ||
      (channel = lum_engine_find_channel (engine, args[1], &error)) == NULL)
    return lumctl_fail (error);

  service = lum_sync_service_new (engine);
  test = lum_channel_test_new (service, channel);
  if (lum_channel_test_needs_confirmation (test) && !yes)
    return lumctl_fail_printf (_("Channel “%s” sends to a real (not sandbox) account: the test order would reach "
                                 "it (marked as a test, then cancelled); add --yes to confirm"),
                               lum_channel_get_name (channel));
  lum_channel_test_set_confirmed (test, yes);
  lum_channel_test_set_skip_delay (test, !keep_delay);

  if (!global->json)
    {
      printer.steps = lum_channel_test_get_steps (test);
      lumctl_print (_("Testing channel “%s”…\n"), lum_channel_get_name (channel));
      for (guint i = 0; i < g_list_model_get_n_items (printer.steps); i++)
        {
          g_autoptr(LumTestStep) step = g_list_model_get_item (printer.steps, i);
          g_signal_connect (step, "notify::at", G_CALLBACK (on_step_at_cb), &printer);
        }
      print_ready (&printer, FALSE);
    }

  lum_channel_test_run_async (test, loop.cancellable, lumctl_loop_result_cb, &loop);
  if (!lum_channel_test_run_finish (test, lumctl_loop_wait (&loop), &error))
    {
      if (loop.interrupted)
        return lumctl_fail_printf (_("The test of channel “%s” was interrupted; its test order stays, marked as a "
                                     "test"),
                                   lum_channel_get_name (channel));
      return lumctl_fail (error);
    }

  if (!global->json)
    print_ready (&printer, TRUE);

  if (export_path != NULL && !export_report (test, export_path, markdown, &error))
    return lumctl_fail (error);
  return report_outcome (global, test, channel);
}

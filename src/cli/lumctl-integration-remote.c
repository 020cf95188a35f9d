/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "lumctl-integration.h"
#include "sync/lum-sync-remote.h"
#include "lum-util.h"
#include "connect/lum-http.h"
#include "connect/lum-quickbooks.h"
#include "lum-engine-setup.h"

/* The integration commands that talk to the service: test, stores, connect. */

/* Opens the engine and finds the integration by @name (or id). */
static gboolean
open_integration (LumctlGlobal     *global,
                  const char       *name,
                  LumEngine       **engine,
                  LumIntegration  **integration,
                  GError          **error)
{
  if ((*engine = lumctl_open_engine (global, error)) == NULL)
    return FALSE;
  *integration = lumctl_find_integration (*engine, name, error);
  return *integration != NULL;
}

/* Ctrl+C ends a wait with "cancelled"; say what was interrupted instead. */
static int
fail_remote (LumctlLoop   *loop,
             const GError *error,
             const char   *what)
{
  if (loop->interrupted || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return lumctl_fail_printf (_("%s was interrupted"), what);
  return lumctl_fail (error);
}

/* -- test ------------------------------------------------------------------ */

int
lumctl_integration_test (LumctlGlobal  *global,
                         char         **args)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(LumSyncService) service = NULL;
  g_autoptr(LumIntegration) integration = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(LumctlLoop) loop = { 0, };
  g_autofree char *report = NULL;
  int status;

  lumctl_loop_init (&loop);
  context = lumctl_option_context_new (global, N_("INTEGRATION"),
                                       N_("Try an integration, given by name or id: sign in with its secrets and "
                                          "list what they reach. Says in words what works and what does not."),
                                       NULL);
  if ((status = lumctl_parse (global, context, &args, 1, 1)) != LUMCTL_EXIT_OK)
    return status;
  if (!open_integration (global, args[1], &engine, &integration, &error))
    return lumctl_fail (error);

  service = lum_sync_service_new (engine);
  lum_sync_service_test_integration_async (service, integration, loop.cancellable, lumctl_loop_result_cb, &loop);
  report = lum_sync_service_test_integration_finish (service, lumctl_loop_wait (&loop), &error);
  if (report == NULL)
    return fail_remote (&loop, error, _("The test"));

  if (global->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "integration");
      json_builder_add_string_value (b, lum_integration_get_name (integration));
      json_builder_set_member_name (b, "ok");
      json_builder_add_boolean_value (b, TRUE);
      json_builder_set_member_name (b, "report");
      json_builder_add_string_value (b, report);
      json_builder_end_object (b);
      node = json_builder_get_root (b);
      lumctl_print_json (node);
    }
  else
    lumctl_print ("%s\n", report);
  return LUMCTL_EXIT_OK;
}

/* -- stores ---------------------------------------------------------------- */

/* Stores and income accounts alike: a remote id and a name each. */
static void
print_remote_items (LumctlGlobal *global,
                    GListModel   *items,
                    const char   *id_heading,
                    const char   *none)
{
  g_autoptr(LumctlTable) table = NULL;
  guint n = g_list_model_get_n_items (items);

  if (global->json)
    {
      g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify)json_node_unref);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(LumRemoteStore) item = g_list_model_get_item (items, i);
          g_autoptr(JsonBuilder) b = json_builder_new ();

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_string_value (b, lum_remote_store_get_remote_id (item));
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, lum_remote_store_get_name (item));
          json_builder_end_object (b);
          g_ptr_array_add (nodes, json_builder_get_root (b));
        }
      lumctl_print_json_array (nodes);
      return;
    }

  if (n == 0)
    {
      lumctl_print ("%s\n", none);
      return;
    }
  table = lumctl_table_new (2, id_heading, _("Name"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LumRemoteStore) item = g_list_model_get_item (items, i);

      lumctl_table_add_row (table, lum_remote_store_get_remote_id (item), lum_remote_store_get_name (item));
    }
  lumctl_table_print (table);
}

static void
print_stores (LumctlGlobal *global,
              GListModel   *stores)
{
  print_remote_items (global, stores, _("Store"), _("No stores."));
}

/* The service could not be reached or did not answer properly: the last
 * known list still serves. Refused credentials or requests do not. */
static gboolean
is_unreachable (const GError *error)
{
  if (error->domain == LUM_REMOTE_ERROR)
    return lum_remote_error_is_retryable (error);
  return error->domain == G_RESOLVER_ERROR ||
         (error->domain == G_IO_ERROR && error->code != G_IO_ERROR_CANCELLED);
}

int
lumctl_integration_stores (LumctlGlobal  *global,
                           char         **args)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(LumSyncService) service = NULL;
  g_autoptr(LumIntegration) integration = NULL;
  g_autoptr(GListStore) stores = NULL;
  g_autoptr(GListStore) known = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) known_error = NULL;
  g_auto(LumctlLoop) loop = { 0, };
  int status;

  lumctl_loop_init (&loop);
  context = lumctl_option_context_new (global, N_("INTEGRATION"),
                                       N_("List the stores of a ShipStation integration, or the customer and "
                                          "facility pairs of an Extensiv 3PL one, live from the service. When it "
                                          "cannot be reached, the last known list is shown."),
                                       NULL);
  if ((status = lumctl_parse (global, context, &args, 1, 1)) != LUMCTL_EXIT_OK)
    return status;
  if (!open_integration (global, args[1], &engine, &integration, &error))
    return lumctl_fail (error);
  if (!lum_integration_is_oms (integration))
    return lumctl_fail_printf (_("Integration “%s” is a %s integration: it has no stores"),
                               lum_integration_get_name (integration),
                               lum_integration_kind_to_label (lum_integration_get_kind (integration)));

  service = lum_sync_service_new (engine);
  lum_sync_service_fetch_stores_async (service, integration, loop.cancellable, lumctl_loop_result_cb, &loop);
  stores = lum_sync_service_fetch_stores_finish (service, lumctl_loop_wait (&loop), &error);
  if (stores != NULL)
    {
      print_stores (global, G_LIST_MODEL (stores));
      return LUMCTL_EXIT_OK;
    }
  if (loop.interrupted || !is_unreachable (error))
    return fail_remote (&loop, error, _("Listing the stores"));

  known = lum_engine_list_remote_stores (engine, lum_integration_get_id (integration), &known_error);
  if (known == NULL || g_list_model_get_n_items (G_LIST_MODEL (known)) == 0)
    return lumctl_fail_printf (_("%s; no stores of “%s” are known from before"), error->message,
                               lum_integration_get_name (integration));

  {
    g_autofree char *note = g_strdup_printf (_("%s; these are the stores last known"), error->message);

    g_strdelimit (note, "\r\n", ' ');
    lumctl_printerr ("lumenctl: %s\n", note);
  }
  print_stores (global, G_LIST_MODEL (known));
  return LUMCTL_EXIT_OK;
}

/* -- income accounts (QuickBooks) ----------------------------------------- */

static void
print_accounts (LumctlGlobal *global,
                GListModel   *accounts)
{
  print_remote_items (global, accounts, _("Account"), _("The company has no income accounts."));
}

static GListStore *
fetch_accounts (LumEngine       *engine,
                LumIntegration  *integration,
                LumctlLoop      *loop,
                GError         **error)
{
  g_autoptr(LumSyncService) service = lum_sync_service_new (engine);

  lum_sync_service_list_income_accounts_async (service, integration, loop->cancellable, lumctl_loop_result_cb, loop);
  return lum_sync_service_list_income_accounts_finish (service, lumctl_loop_wait (loop), error);
}

int
lumctl_integration_accounts (LumctlGlobal  *global,
                             char         **args)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(LumIntegration) integration = NULL;
  g_autoptr(GListStore) accounts = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(LumctlLoop) loop = { 0, };
  int status;

  lumctl_loop_init (&loop);
  context = lumctl_option_context_new (global, N_("INTEGRATION"),
                                       N_("List the income accounts of a QuickBooks Online integration’s company, "
                                          "live: the ids that --income-account takes."),
                                       NULL);
  if ((status = lumctl_parse (global, context, &args, 1, 1)) != LUMCTL_EXIT_OK)
    return status;
  if (!open_integration (global, args[1], &engine, &integration, &error))
    return lumctl_fail (error);
  if ((accounts = fetch_accounts (engine, integration, &loop, &error)) == NULL)
    return fail_remote (&loop, error, _("Listing the income accounts"));
  print_accounts (global, G_LIST_MODEL (accounts));
  return LUMCTL_EXIT_OK;
}

/**
 * lumctl_check_income_account:
 *
 * Checks @account_id against the company's income accounts when they can
 * be listed; when they cannot (not connected yet, unreachable), says so on
 * standard error and accepts it.
 *
 * Returns: FALSE, with an error naming the value, when the listed accounts
 *   do not hold it
 */
gboolean
lumctl_check_income_account (LumEngine       *engine,
                             LumIntegration  *integration,
                             const char      *account_id,
                             GError         **error)
{
  g_autoptr(GListStore) accounts = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) known = g_string_new (NULL);
  g_auto(LumctlLoop) loop = { 0, };

  lumctl_loop_init (&loop);
  accounts = fetch_accounts (engine, integration, &loop, &local_error);
  if (accounts == NULL)
    {
      g_autofree char *note = g_strdup_printf (_("the income account “%s” could not be checked: %s"), account_id,
                                               local_error->message);

      g_strdelimit (note, "\r\n", ' ');
      lumctl_printerr ("lumenctl: %s\n", note);
      return TRUE;
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (accounts)); i++)
    {
      g_autoptr(LumRemoteStore) account = g_list_model_get_item (G_LIST_MODEL (accounts), i);

      if (g_strcmp0 (lum_remote_store_get_remote_id (account), account_id) == 0)
        return TRUE;
      g_string_append_printf (known, "%s%s (%s)", known->len > 0 ? ", " : "", lum_remote_store_get_remote_id (account),
                              lum_remote_store_get_name (account));
    }
  g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_REJECTED,
               _("Income account “%s” is not an income account of the company of “%s”; its income accounts are: %s"),
               account_id, lum_integration_get_name (integration), known->len > 0 ? known->str : _("none"));
  return FALSE;
}

/* -- connect --------------------------------------------------------------- */

typedef struct
{
  LumctlGlobal *global;
  gboolean      no_browser;
} OpenUri;

/* The address goes to the terminal whatever happens: over SSH, or without
 * a browser, the user opens it elsewhere. */
static gboolean
open_uri (const char  *uri,
          gpointer     user_data,
          GError     **error)
{
  OpenUri *data = user_data;
  FILE *out = data->global->json ? stderr : stdout;
  g_autoptr(GError) launch_error = NULL;

  fprintf (out, "%s\n%s\n%s\n", _("Open this address in a browser and allow Lumen to use the company:"), uri,
           _("Waiting for QuickBooks to send the browser back to Lumen (Ctrl+C stops)…"));
  fflush (out);
  if (!data->no_browser && !g_app_info_launch_default_for_uri (uri, NULL, &launch_error))
    lumctl_printerr (_("lumenctl: no browser could be opened (%s): open the address by hand\n"), launch_error->message);
  return TRUE;
}

/* The address the browser ended on, one line of standard input. The line
 * holds a short-lived code: it is wiped once read. */
static char *
read_answer_line (GError **error)
{
  g_autofree char *line = NULL;
  size_t size = 0;
  ssize_t n = getline (&line, &size, stdin);

  if (n < 0)
    {
      if (line != NULL)
        explicit_bzero (line, size);
      g_set_error_literal (error, LUMCTL_ERROR, LUMCTL_ERROR_INPUT,
                           _("The address the browser ended on is missing on standard input"));
      return NULL;
    }
  {
    char *copy = g_strdup (line);

    explicit_bzero (line, size);
    return copy;
  }
}

static int
connect_by_paste (LumctlGlobal   *global,
                  LumSyncService *service,
                  LumIntegration *integration,
                  gboolean        no_browser,
                  LumctlLoop     *loop)
{
  FILE *out = global->json ? stderr : stdout;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) launch_error = NULL;
  g_autofree char *state = NULL;
  g_autofree char *url = lum_sync_service_begin_quickbooks_sign_in (service, integration, &state, &error);
  char *answer = NULL;
  gboolean ok;

  if (url == NULL)
    return lumctl_fail (error);
  fprintf (out, "%s\n%s\n", _("Open this address in a browser and allow Lumen to use the company:"), url);
  fprintf (out, _("Then paste the whole address the browser ends on (it begins with %s) and press Enter:"),
           lum_integration_get_setting (integration, LUM_SETTING_QUICKBOOKS_REDIRECT_URI));
  fputc ('\n', out);
  fflush (out);
  if (!no_browser && !g_app_info_launch_default_for_uri (url, NULL, &launch_error))
    lumctl_printerr (_("lumenctl: no browser could be opened (%s): open the address by hand\n"), launch_error->message);

  if ((answer = read_answer_line (&error)) == NULL)
    return lumctl_fail (error);
  lum_sync_service_finish_quickbooks_sign_in_async (service, integration, state, answer, loop->cancellable,
                                                    lumctl_loop_result_cb, loop);
  explicit_bzero (answer, strlen (answer));
  g_free (answer);
  ok = lum_sync_service_finish_quickbooks_sign_in_finish (service, lumctl_loop_wait (loop), &error);
  if (!ok)
    return fail_remote (loop, error, _("Connecting"));
  return LUMCTL_EXIT_OK;
}

int
lumctl_integration_connect (LumctlGlobal  *global,
                            char         **args)
{
  gboolean no_browser = FALSE;
  const GOptionEntry entries[] = {
    { "no-browser", 0, 0, G_OPTION_ARG_NONE, &no_browser,
      N_("Only print the address to open, for a browser on another machine"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(LumSyncService) service = NULL;
  g_autoptr(LumIntegration) integration = NULL;
  g_autoptr(LumIntegration) connected = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(LumctlLoop) loop = { 0, };
  OpenUri data = { global, FALSE };
  int status;

  lumctl_loop_init (&loop);
  context = lumctl_option_context_new (global, N_("INTEGRATION"),
                                       N_("Connect a QuickBooks Online integration to its company: the browser "
                                          "opens Intuit’s authorization page, and the refresh token it sends back "
                                          "is kept in the Secret Service. With a redirect URI (--redirect-uri, "
                                          "needed for a production company), paste the address the browser ends "
                                          "on: it is read from standard input."),
                                       entries);
  if ((status = lumctl_parse (global, context, &args, 1, 1)) != LUMCTL_EXIT_OK)
    return status;
  data.no_browser = no_browser;
  if (!open_integration (global, args[1], &engine, &integration, &error))
    return lumctl_fail (error);
  service = lum_sync_service_new (engine);

  if (lum_integration_get_kind (integration) == LUM_INTEGRATION_KIND_QUICKBOOKS &&
      lum_sync_service_quickbooks_signs_in_by_paste (integration))
    {
      if ((status = connect_by_paste (global, service, integration, no_browser, &loop)) != LUMCTL_EXIT_OK)
        return status;
    }
  else
    {
      lum_sync_service_connect_quickbooks_async (service, integration, open_uri, &data, loop.cancellable,
                                                 lumctl_loop_result_cb, &loop);
      if (!lum_sync_service_connect_quickbooks_finish (service, lumctl_loop_wait (&loop), &error))
        return fail_remote (&loop, error, _("Connecting"));
    }

  connected = lum_engine_get_integration (engine, lum_integration_get_id (integration), NULL);
  if (global->json)
    lumctl_print_integration (global, connected ? connected : integration);
  else
    lumctl_print (_("“%s” is connected to QuickBooks Online company %s.\n"), lum_integration_get_name (integration),
             lum_integration_get_setting (connected ? connected : integration, LUM_SETTING_QUICKBOOKS_REALM));
  return LUMCTL_EXIT_OK;
}

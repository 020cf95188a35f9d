/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdio.h>

#include "lumctl.h"
#include "lum-engine-setup.h"
#include "lum-sandbox.h"
#include "lum-secrets.h"
#include "connect/lum-quickbooks.h"

/*
 * `lumenctl sandbox`: the local ShipStation, Extensiv 3PL and QuickBooks
 * Online on 127.0.0.1 until interrupted. Its address is the first line of
 * the output, for scripts and tests; --register points the integrations
 * "Sandbox ShipStation", "Sandbox 3PL" and "Sandbox QuickBooks" of the
 * database at it, with the credentials it accepts.
 */

#define PORT_DEFAULT     8790
#define WINDOW_DEFAULT   60000
#define LATENCY_MAX      600000
#define RATE_LIMIT_MAX   1000000

typedef struct
{
  const char         *name;
  LumIntegrationKind  kind;
  const char         *service;
} SandboxIntegration;

static const SandboxIntegration sandbox_integrations[] = {
  { "Sandbox ShipStation", LUM_INTEGRATION_KIND_SHIPSTATION, "shipstation" },
  { "Sandbox 3PL", LUM_INTEGRATION_KIND_EXTENSIV, "extensiv" },
  { "Sandbox QuickBooks", LUM_INTEGRATION_KIND_QUICKBOOKS, "quickbooks" },
  /* ShipStation API V2 of the same sandbox account */
  { "Sandbox ShipStation V2", LUM_INTEGRATION_KIND_SHIPSTATION_V2, "shipstation" },
};

/* -- registering -------------------------------------------------------------- */

/* The loopback address of `integration connect`, registered with the
 * sandbox's app as Intuit wants it: exactly. */
static void
set_redirect (LumIntegration *integration,
              LumSandbox     *sandbox)
{
  g_autoptr(GError) error = NULL;
  guint port = lum_sandbox_add_quickbooks_loopback_redirect (sandbox, &error);
  g_autofree char *text = port != 0 ? g_strdup_printf ("%u", port) : NULL;

  if (port == 0)
    lumctl_printerr ("lumenctl: %s\n", error->message);
  lum_integration_set_setting (integration, LUM_SETTING_QUICKBOOKS_REDIRECT_PORT, text);
  lum_integration_set_setting (integration, LUM_SETTING_QUICKBOOKS_REDIRECT_URI, NULL);
}

static void
set_sandbox_settings (LumIntegration *integration,
                      LumSandbox     *sandbox,
                      const char     *url)
{
  g_autofree char *id = NULL;

  lum_integration_set_base_url (integration, url);
  lum_integration_set_setting (integration, LUM_SETTING_SANDBOX, "true");
  switch (lum_integration_get_kind (integration))
    {
    case LUM_INTEGRATION_KIND_EXTENSIV:
      lum_integration_set_setting (integration, LUM_SETTING_EXTENSIV_CLIENT_ID, LUM_SANDBOX_EXTENSIV_CLIENT_ID);
      lum_integration_set_setting (integration, LUM_SETTING_EXTENSIV_TPL, LUM_SANDBOX_EXTENSIV_TPL);
      lum_integration_set_setting (integration, LUM_SETTING_EXTENSIV_USER_LOGIN_ID, LUM_SANDBOX_EXTENSIV_USER_LOGIN_ID);
      id = g_strdup_printf ("%d", LUM_SANDBOX_EXTENSIV_CUSTOMER);
      lum_integration_set_setting (integration, LUM_SETTING_EXTENSIV_CUSTOMER_ID, id);
      g_free (id);
      id = g_strdup_printf ("%d", LUM_SANDBOX_EXTENSIV_FACILITY);
      lum_integration_set_setting (integration, LUM_SETTING_EXTENSIV_FACILITY_ID, id);
      break;
    case LUM_INTEGRATION_KIND_QUICKBOOKS:
      {
        g_autofree char *token = g_strconcat (url, "/oauth2/v1/tokens/bearer", NULL);
        g_autofree char *auth = g_strconcat (url, "/connect/oauth2", NULL);

        lum_integration_set_setting (integration, LUM_SETTING_QUICKBOOKS_REALM, LUM_SANDBOX_QUICKBOOKS_REALM);
        lum_integration_set_setting (integration, LUM_SETTING_QUICKBOOKS_CLIENT_ID, LUM_SANDBOX_QUICKBOOKS_CLIENT_ID);
        lum_integration_set_setting (integration, LUM_SETTING_QUICKBOOKS_INCOME_ACCOUNT,
                                     LUM_SANDBOX_QUICKBOOKS_INCOME_ACCOUNT);
        lum_integration_set_setting (integration, LUM_SETTING_QUICKBOOKS_TOKEN_URL, token);
        lum_integration_set_setting (integration, LUM_SETTING_QUICKBOOKS_AUTH_URL, auth);
        lum_integration_set_setting (integration, LUM_SETTING_SANDBOX_REGISTERED, "true");
        set_redirect (integration, sandbox);
      }
      break;
    case LUM_INTEGRATION_KIND_SHIPSTATION:
    default:
      break;
    }
}

static GHashTable *
dup_sandbox_secrets (LumSandbox         *sandbox,
                     LumIntegrationKind  kind)
{
  GHashTable *secrets = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  switch (kind)
    {
    case LUM_INTEGRATION_KIND_SHIPSTATION:
      g_hash_table_insert (secrets, (gpointer)LUM_SECRET_SHIPSTATION_API_KEY, g_strdup (LUM_SANDBOX_SHIPSTATION_KEY));
      g_hash_table_insert (secrets, (gpointer)LUM_SECRET_SHIPSTATION_API_SECRET,
                           g_strdup (LUM_SANDBOX_SHIPSTATION_SECRET));
      break;
    case LUM_INTEGRATION_KIND_SHIPSTATION_V2:
      g_hash_table_insert (secrets, (gpointer)LUM_SECRET_SHIPSTATION_V2_API_KEY, g_strdup (LUM_SANDBOX_SHIPSTATION_KEY));
      break;
    case LUM_INTEGRATION_KIND_EXTENSIV:
      g_hash_table_insert (secrets, (gpointer)LUM_SECRET_EXTENSIV_CLIENT_SECRET,
                           g_strdup (LUM_SANDBOX_EXTENSIV_CLIENT_SECRET));
      break;
    case LUM_INTEGRATION_KIND_QUICKBOOKS:
    default:
      /* the sandbox keeps its tokens in memory: a new run needs a new one */
      g_hash_table_insert (secrets, (gpointer)LUM_SECRET_QUICKBOOKS_CLIENT_SECRET,
                           g_strdup (LUM_SANDBOX_QUICKBOOKS_CLIENT_SECRET));
      g_hash_table_insert (secrets, (gpointer)LUM_SECRET_QUICKBOOKS_REFRESH_TOKEN,
                           lum_sandbox_quickbooks_issue_refresh_token (sandbox));
      break;
    }
  return secrets;
}

/* Adds the integration, or points the one of that name at this sandbox. */
static LumIntegration *
register_one (LumEngine                 *engine,
              LumSandbox                *sandbox,
              const SandboxIntegration  *wanted,
              gboolean                  *added,
              GError                   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(LumIntegration) integration = lum_engine_find_integration (engine, wanted->name, &local_error);
  g_autofree char *url = lum_sandbox_dup_base_url (sandbox, wanted->service);
  g_autoptr(GHashTable) secrets = dup_sandbox_secrets (sandbox, wanted->kind);

  if (integration == NULL && !g_error_matches (local_error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (integration != NULL && lum_integration_get_kind (integration) != wanted->kind)
    {
      g_set_error (error, LUMCTL_ERROR, LUMCTL_ERROR_VALUE,
                   _("Integration “%s” is a %s integration, not a %s one: rename or delete it to register the "
                     "sandbox"),
                   lum_integration_get_name (integration),
                   lum_integration_kind_to_label (lum_integration_get_kind (integration)),
                   lum_integration_kind_to_label (wanted->kind));
      return NULL;
    }

  *added = integration == NULL;
  if (*added)
    {
      integration = lum_integration_new (wanted->kind, wanted->name);
      set_sandbox_settings (integration, sandbox, url);
      if (!lum_engine_add_integration (engine, integration, secrets, error))
        return NULL;
      return g_steal_pointer (&integration);
    }

  set_sandbox_settings (integration, sandbox, url);
  lum_integration_set_state (integration, NULL);
  if (!lum_engine_save_integration (engine, integration, error) ||
      !lum_engine_update_integration_secrets (engine, integration, secrets, error))
    return NULL;
  return g_steal_pointer (&integration);
}

static gboolean
register_all (LumctlGlobal  *global,
              LumSandbox    *sandbox,
              JsonBuilder   *registered,
              GString       *text,
              GError       **error)
{
  g_autoptr(LumEngine) engine = lumctl_open_engine (global, error);

  if (engine == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (sandbox_integrations); i++)
    {
      gboolean added = FALSE;
      g_autoptr(LumIntegration) integration = register_one (engine, sandbox, &sandbox_integrations[i], &added, error);

      if (integration == NULL)
        return FALSE;
      json_builder_begin_object (registered);
      json_builder_set_member_name (registered, "id");
      json_builder_add_int_value (registered, lum_integration_get_id (integration));
      json_builder_set_member_name (registered, "name");
      json_builder_add_string_value (registered, lum_integration_get_name (integration));
      json_builder_set_member_name (registered, "added");
      json_builder_add_boolean_value (registered, added);
      json_builder_end_object (registered);
      g_string_append_printf (text, added ? _("Added integration “%s” (id %" PRId64 ").\n")
                                          : _("Pointed integration “%s” (id %" PRId64 ") at the sandbox.\n"),
                              lum_integration_get_name (integration), lum_integration_get_id (integration));
    }
  return TRUE;
}

/* -- running ---------------------------------------------------------------- */

static void
on_request_received_cb (LumSandbox *sandbox,
                        const char *service,
                        const char *method,
                        const char *path,
                        gpointer    user_data)
{
  LumctlGlobal *global = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *at = g_date_time_format (now, "%H:%M:%S");

  if (global->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *line = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "service");
      json_builder_add_string_value (b, service);
      json_builder_set_member_name (b, "method");
      json_builder_add_string_value (b, method);
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, path);
      json_builder_end_object (b);
      node = json_builder_get_root (b);
      line = json_to_string (node, FALSE);
      fputs (line, stdout);
      fputc ('\n', stdout);
    }
  else
    lumctl_print ("%s  %s %s %s\n", at, method, service, path);
  fflush (stdout);
}

static gboolean
on_stop_signal_cb (gpointer user_data)
{
  LumctlLoop *loop = user_data;

  lumctl_loop_quit (loop);
  return G_SOURCE_CONTINUE;
}

/* "0.05" as a fraction of requests, from 0 to 1 */
static gboolean
parse_rate (const char  *text,
            double      *rate,
            GError     **error)
{
  char *end = NULL;

  *rate = g_ascii_strtod (text, &end);
  if (*text == '\0' || end == NULL || *end != '\0' || !(*rate >= 0.0 && *rate <= 1.0))
    {
      g_set_error (error, LUMCTL_ERROR, LUMCTL_ERROR_VALUE,
                   _("Failure rate “%s” is not a number from 0 to 1"), text);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  char     *port;
  char     *rate_limit;
  char     *window_ms;
  char     *fail_rate;
  char     *latency_ms;
  gboolean  do_register;
  gboolean  log;
} SandboxOptions;

static void
sandbox_options_clear (SandboxOptions *o)
{
  g_clear_pointer (&o->port, g_free);
  g_clear_pointer (&o->rate_limit, g_free);
  g_clear_pointer (&o->window_ms, g_free);
  g_clear_pointer (&o->fail_rate, g_free);
  g_clear_pointer (&o->latency_ms, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SandboxOptions, sandbox_options_clear)

/* Applies the limits and faults of the options; nothing when none is given. */
static gboolean
configure (LumSandbox      *sandbox,
           SandboxOptions  *o,
           GError         **error)
{
  guint rate_limit = LUM_SANDBOX_SHIPSTATION_RATE_LIMIT;
  guint window = WINDOW_DEFAULT;
  guint latency = 0;
  double fail_rate = 0.0;

  if ((o->rate_limit != NULL &&
       !lumctl_parse_count (_("Rate limit"), o->rate_limit, 0, RATE_LIMIT_MAX, &rate_limit, error)) ||
      (o->window_ms != NULL && !lumctl_parse_count (_("Window"), o->window_ms, 1, 3600000, &window, error)) ||
      (o->latency_ms != NULL && !lumctl_parse_count (_("Latency"), o->latency_ms, 0, LATENCY_MAX, &latency, error)) ||
      (o->fail_rate != NULL && !parse_rate (o->fail_rate, &fail_rate, error)))
    return FALSE;

  if (o->rate_limit != NULL || o->window_ms != NULL)
    lum_sandbox_set_rate_limit (sandbox, "shipstation", rate_limit, window);
  if (o->fail_rate != NULL || o->latency_ms != NULL)
    {
      g_autoptr(JsonObject) spec = json_object_new ();

      json_object_set_string_member (spec, "service", "all");
      json_object_set_double_member (spec, "failure_rate", fail_rate);
      json_object_set_int_member (spec, "latency_ms", latency);
      if (!lum_sandbox_set_faults (sandbox, spec, error))
        return FALSE;
    }
  return TRUE;
}

static void
print_started (LumctlGlobal *global,
               LumSandbox   *sandbox,
               JsonBuilder  *registered,
               const char   *registered_text)
{
  g_autofree char *url = lum_sandbox_dup_base_url (sandbox, NULL);
  const char *services[] = { "shipstation", "extensiv", "quickbooks" };

  if (global->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *line = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "url");
      json_builder_add_string_value (b, url);
      for (guint i = 0; i < G_N_ELEMENTS (services); i++)
        {
          g_autofree char *service_url = lum_sandbox_dup_base_url (sandbox, services[i]);

          json_builder_set_member_name (b, services[i]);
          json_builder_add_string_value (b, service_url);
        }
      json_builder_set_member_name (b, "registered");
      json_builder_add_value (b, json_builder_get_root (registered));
      json_builder_end_object (b);
      node = json_builder_get_root (b);
      /* one line: the first line is what a script reads */
      line = json_to_string (node, FALSE);
      fputs (line, stdout);
      fputc ('\n', stdout);
    }
  else
    {
      g_autoptr(LumctlFields) fields = lumctl_fields_new ();
      const char *labels[] = { N_("ShipStation"), N_("Extensiv 3PL"), N_("QuickBooks Online") };

      lumctl_print ("%s\n", url);
      for (guint i = 0; i < G_N_ELEMENTS (services); i++)
        {
          g_autofree char *service_url = lum_sandbox_dup_base_url (sandbox, services[i]);
          lumctl_fields_add (fields, _(labels[i]), service_url);
        }
      lumctl_fields_print (fields);
      lumctl_print ("%s", registered_text);
      lumctl_print ("%s\n", _("The sandbox runs until interrupted (Ctrl+C)."));
    }
  fflush (stdout);
}

static int
sandbox_run (LumctlGlobal  *global,
             char         **args)
{
  g_auto(SandboxOptions) o = { 0, };
  const GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_STRING, &o.port,
      N_("Listen on 127.0.0.1:PORT (default: 8790; 0 lets the system choose)"), N_("PORT") },
    { "rate-limit", 0, 0, G_OPTION_ARG_STRING, &o.rate_limit,
      N_("ShipStation answers 429 after N requests a window (default: 40; 0: no limit)"), N_("N") },
    { "window-ms", 0, 0, G_OPTION_ARG_STRING, &o.window_ms,
      N_("The rate-limit window in milliseconds (default: 60000)"), N_("MS") },
    { "fail-rate", 0, 0, G_OPTION_ARG_STRING, &o.fail_rate,
      N_("Answer this fraction of the requests with a server error, 0 to 1 (default: 0)"), N_("F") },
    { "latency-ms", 0, 0, G_OPTION_ARG_STRING, &o.latency_ms,
      N_("Answer every request this many milliseconds late (default: 0)"), N_("MS") },
    { "register", 0, 0, G_OPTION_ARG_NONE, &o.do_register,
      N_("Add or update the integrations “Sandbox ShipStation”, “Sandbox 3PL” and “Sandbox QuickBooks” of the "
         "database, pointing at this sandbox with its credentials"), NULL },
    { "log", 0, 0, G_OPTION_ARG_NONE, &o.log, N_("Print a line for every request received"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LumSandbox) sandbox = NULL;
  g_autoptr(JsonBuilder) registered = json_builder_new ();
  g_autoptr(GString) registered_text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_auto(LumctlLoop) loop = { 0, };
  guint port = PORT_DEFAULT;
  int status;

  if (args[1] != NULL && g_str_equal (args[1], "ship"))
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) ship_args = NULL;

      g_free (global->command_line);
      global->command_line = g_strdup ("lumenctl sandbox ship");
      g_set_prgname (global->command_line);
      g_strv_builder_add (builder, global->command_line);
      g_strv_builder_addv (builder, (const char **)&args[2]);
      ship_args = g_strv_builder_end (builder);
      return lumctl_sandbox_ship (global, ship_args);
    }

  context = lumctl_option_context_new (global, _("[ship ORDER]"),
                                       N_("Run a local ShipStation, Extensiv 3PL and QuickBooks Online on "
                                          "127.0.0.1 for trying channels without an account. Its address is the "
                                          "first line of the output."),
                                       entries);
  g_option_context_set_description (context,
                                    _("It starts with ShipStation stores 1001 “Wholesale” and 1002 “Retail”, "
                                      "Extensiv customer 1 and facility 1, and a QuickBooks company. Control "
                                      "endpoints live under /_sandbox/, e.g. POST /_sandbox/shipstation/ship "
                                      "with {\"orderNumber\", \"carrierCode\", \"trackingNumber\"}; “lumenctl sandbox ship ORDER” "
                                      "calls it (see “lumenctl sandbox ship --help”)."));
  if ((status = lumctl_parse (global, context, &args, 0, 0)) != LUMCTL_EXIT_OK)
    return status;
  if (o.port != NULL && !lumctl_parse_count (_("Port"), o.port, 0, G_MAXUINT16, &port, &error))
    return lumctl_fail (error);

  sandbox = lum_sandbox_new ();
  if (!configure (sandbox, &o, &error))
    return lumctl_fail (error);
  if (!lum_sandbox_listen (sandbox, "127.0.0.1", (guint16)port, &error))
    return lumctl_fail (error);

  json_builder_begin_array (registered);
  if (o.do_register && !register_all (global, sandbox, registered, registered_text, &error))
    {
      lum_sandbox_stop (sandbox);
      return lumctl_fail (error);
    }
  json_builder_end_array (registered);

  /* the address is printed once the database points at it */
  print_started (global, sandbox, registered, registered_text->str);
  if (o.log)
    g_signal_connect (sandbox, "request-received", G_CALLBACK (on_request_received_cb), global);

  lumctl_loop_init (&loop);
  loop.on_signal = on_stop_signal_cb;
  loop.on_signal_data = &loop;
  lumctl_loop_run (&loop);

  lum_sandbox_stop (sandbox);
  return LUMCTL_EXIT_OK;
}

const LumctlGroup lumctl_sandbox_group = {
  "sandbox", N_("Run the local sandbox of ShipStation, Extensiv 3PL and QuickBooks Online"), NULL, sandbox_run
};

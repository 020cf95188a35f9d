/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "lumctl-integration.h"
#include "lum-engine-setup.h"
#include "lum-enum-types.h"
#include "lum-secrets.h"
#include "lum-util.h"
#include "connect/lum-quickbooks.h"

#define KIND_BIT(kind) (1u << (kind))
#define EXTENSIV       KIND_BIT (LUM_INTEGRATION_KIND_EXTENSIV)
#define QUICKBOOKS     KIND_BIT (LUM_INTEGRATION_KIND_QUICKBOOKS)

/* The non-secret settings that `integration add` and `edit` take, and the
 * kinds that use and need them. Secrets never come as options: they would
 * be visible in the process list and the shell history. */
typedef struct
{
  const char *option;
  const char *key;
  guint       kinds;
  guint       required;
  const char *description;
  const char *arg;
} SettingOption;

static const SettingOption setting_options[] = {
  /* QuickBooks keeps its client id under the same key */
  { "client-id", LUM_SETTING_EXTENSIV_CLIENT_ID, EXTENSIV | QUICKBOOKS, EXTENSIV | QUICKBOOKS,
    N_("extensiv, quickbooks: the OAuth client id"), N_("ID") },
  { "tpl", LUM_SETTING_EXTENSIV_TPL, EXTENSIV, EXTENSIV,
    N_("extensiv: the 3PL key (TPL GUID)"), N_("TPL") },
  { "user-login-id", LUM_SETTING_EXTENSIV_USER_LOGIN_ID, EXTENSIV, EXTENSIV,
    N_("extensiv: the user login id"), N_("ID") },
  { "customer-id", LUM_SETTING_EXTENSIV_CUSTOMER_ID, EXTENSIV, EXTENSIV,
    N_("extensiv: the customer id"), N_("ID") },
  { "facility-id", LUM_SETTING_EXTENSIV_FACILITY_ID, EXTENSIV, EXTENSIV,
    N_("extensiv: the facility (warehouse) id"), N_("ID") },
  { "realm", LUM_SETTING_QUICKBOOKS_REALM, QUICKBOOKS, QUICKBOOKS,
    N_("quickbooks: the company’s realm id"), N_("ID") },
  { "token-url", LUM_SETTING_QUICKBOOKS_TOKEN_URL, QUICKBOOKS, 0,
    N_("quickbooks: the OAuth token endpoint (default: Intuit’s)"), N_("URL") },
  { "authorization-url", LUM_SETTING_QUICKBOOKS_AUTH_URL, QUICKBOOKS, 0,
    N_("quickbooks: the OAuth authorization page (default: Intuit’s)"), N_("URL") },
  { "income-account", LUM_SETTING_QUICKBOOKS_INCOME_ACCOUNT, QUICKBOOKS, 0,
    N_("quickbooks: the income account of the items Lumen creates (“integration accounts” lists them; "
       "required to push invoices)"), N_("ID") },
  { "redirect-port", LUM_SETTING_QUICKBOOKS_REDIRECT_PORT, QUICKBOOKS, 0,
    N_("quickbooks: the port of http://localhost:PORT/callback, registered with Intuit for development keys "
       "(default: any free port)"), N_("PORT") },
  { "redirect-uri", LUM_SETTING_QUICKBOOKS_REDIRECT_URI, QUICKBOOKS, 0,
    N_("quickbooks: the https redirect URI registered with Intuit; “integration connect” then reads the address "
       "the browser ends on (needed for a production company)"), N_("URL") },
};

#define N_SETTING_OPTIONS G_N_ELEMENTS (setting_options)

static const LumctlSecretSpec shipstation_secrets[] = {
  { LUM_SECRET_SHIPSTATION_API_KEY, N_("API key"), FALSE },
  { LUM_SECRET_SHIPSTATION_API_SECRET, N_("API secret"), FALSE },
};

static const LumctlSecretSpec shipstation_v2_secrets[] = {
  { LUM_SECRET_SHIPSTATION_V2_API_KEY, N_("API key"), FALSE },
};

static const LumctlSecretSpec extensiv_secrets[] = {
  { LUM_SECRET_EXTENSIV_CLIENT_SECRET, N_("Client secret"), FALSE },
};

/* An empty refresh token: `integration connect` gets one through the browser. */
static const LumctlSecretSpec quickbooks_secrets[] = {
  { LUM_SECRET_QUICKBOOKS_CLIENT_SECRET, N_("Client secret"), FALSE },
  { LUM_SECRET_QUICKBOOKS_REFRESH_TOKEN, N_("Refresh token"), TRUE },
};

static const char * const environments[] = { "production", "sandbox", NULL };

/* What `integration add` and `edit` were told; %NULL or %LUMCTL_UNSET
 * where an option was not given. */
typedef struct
{
  char     *kind;
  char     *name;
  char     *base_url;
  char     *environment;
  char     *settings[N_SETTING_OPTIONS];
  gboolean  sandbox;
  gboolean  secrets;
} IntegrationOptions;

#define INTEGRATION_OPTIONS_INIT { .sandbox = LUMCTL_UNSET }

static void
integration_options_clear (IntegrationOptions *o)
{
  g_clear_pointer (&o->kind, g_free);
  g_clear_pointer (&o->name, g_free);
  g_clear_pointer (&o->base_url, g_free);
  g_clear_pointer (&o->environment, g_free);
  for (guint i = 0; i < N_SETTING_OPTIONS; i++)
    g_clear_pointer (&o->settings[i], g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (IntegrationOptions, integration_options_clear)

static gboolean
integration_options_empty (const IntegrationOptions *o)
{
  for (guint i = 0; i < N_SETTING_OPTIONS; i++)
    if (o->settings[i] != NULL)
      return FALSE;
  return o->name == NULL && o->base_url == NULL && o->environment == NULL &&
         o->sandbox == LUMCTL_UNSET && !o->secrets;
}

/* -- shared with the other integration commands ----------------------------- */

const LumctlSecretSpec *
lumctl_integration_secret_specs (LumIntegrationKind  kind,
                                 guint              *n_specs)
{
  switch (kind)
    {
    case LUM_INTEGRATION_KIND_SHIPSTATION:
      *n_specs = G_N_ELEMENTS (shipstation_secrets);
      return shipstation_secrets;
    case LUM_INTEGRATION_KIND_SHIPSTATION_V2:
      *n_specs = G_N_ELEMENTS (shipstation_v2_secrets);
      return shipstation_v2_secrets;
    case LUM_INTEGRATION_KIND_EXTENSIV:
      *n_specs = G_N_ELEMENTS (extensiv_secrets);
      return extensiv_secrets;
    case LUM_INTEGRATION_KIND_QUICKBOOKS:
    default:
      *n_specs = G_N_ELEMENTS (quickbooks_secrets);
      return quickbooks_secrets;
    }
}

LumIntegration *
lumctl_find_integration (LumEngine   *engine,
                         const char  *name_or_id,
                         GError     **error)
{
  return lum_engine_find_integration (engine, name_or_id, error);
}

static JsonNode *
dup_settings_node (LumIntegration *integration)
{
  g_autofree char *json = lum_integration_dup_settings_json (integration);
  JsonNode *node = json_from_string (json, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_clear_pointer (&node, json_node_unref);
      node = json_node_init_object (json_node_alloc (), json_object_new ());
    }
  return node;
}

/* "client_id=abc, tpl={…}" with @separator between the settings. */
static char *
dup_settings_text (LumIntegration *integration,
                   const char     *separator)
{
  g_autoptr(JsonNode) node = dup_settings_node (integration);
  JsonObject *object = json_node_get_object (node);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GList) keys = json_object_get_members (object);

  /* the members in the order they were stored, which is sorted by key */
  for (GList *l = keys; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (object, l->data);

      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        g_string_append_printf (text, "%s%s=%s", text->len > 0 ? separator : "", (const char *)l->data,
                                json_node_get_string (value));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

JsonNode *
lumctl_integration_to_json (LumIntegration *integration)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, lum_integration_get_id (integration));
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, lum_integration_get_kind_nick (integration));
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, lum_integration_get_name (integration));
  json_builder_set_member_name (b, "base_url");
  json_builder_add_string_value (b, lum_integration_get_base_url (integration));
  json_builder_set_member_name (b, "settings");
  json_builder_add_value (b, dup_settings_node (integration));
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static const char *
state_label (LumIntegration *integration)
{
  const char *state = lum_integration_get_state (integration);

  if (g_strcmp0 (state, LUM_QUICKBOOKS_NEEDS_RECONNECT) == 0)
    return _("needs reconnecting: run “lumenctl integration connect”");
  if (lum_str_empty (state) || g_str_equal (state, "ok"))
    return NULL;
  return state;
}

void
lumctl_print_integration (LumctlGlobal   *global,
                          LumIntegration *integration)
{
  g_autoptr(LumctlFields) fields = NULL;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;

  if (global->json)
    {
      g_autoptr(JsonNode) node = lumctl_integration_to_json (integration);
      lumctl_print_json (node);
      return;
    }

  fields = lumctl_fields_new ();
  id = g_strdup_printf ("%" PRId64, lum_integration_get_id (integration));
  text = dup_settings_text (integration, "\n");
  lumctl_fields_add (fields, _("Name"), lum_integration_get_name (integration));
  lumctl_fields_add (fields, _("ID"), id);
  lumctl_fields_add (fields, _("Kind"), lum_integration_kind_to_label (lum_integration_get_kind (integration)));
  lumctl_fields_add (fields, _("Base URL"), lum_integration_get_base_url (integration));
  lumctl_fields_add (fields, _("Settings"), *text != '\0' ? text : _("none"));
  lumctl_fields_add_nonempty (fields, _("State"), state_label (integration));
  lumctl_fields_print (fields);
}

/* -- options --------------------------------------------------------------- */

static GOptionContext *
integration_context_new (LumctlGlobal       *global,
                         IntegrationOptions *o,
                         gboolean            editing)
{
  GOptionEntry entries[N_SETTING_OPTIONS + 8];
  guint n = 0;
  GOptionContext *context;

  if (!editing)
    entries[n++] = (GOptionEntry) { "kind", 0, 0, G_OPTION_ARG_STRING, &o->kind,
                                    N_("shipstation, extensiv (3PL Warehouse Manager) or quickbooks (required)"),
                                    N_("KIND") };
  entries[n++] = (GOptionEntry) { "name", 0, 0, G_OPTION_ARG_STRING, &o->name,
                                  editing ? N_("Rename the integration")
                                          : N_("A name for the integration, unique (required)"),
                                  N_("NAME") };
  entries[n++] = (GOptionEntry) { "base-url", 0, 0, G_OPTION_ARG_STRING, &o->base_url,
                                  N_("The API’s address (default: the kind’s public API)"), N_("URL") };
  entries[n++] = (GOptionEntry) { "environment", 0, 0, G_OPTION_ARG_STRING, &o->environment,
                                  N_("quickbooks: production or sandbox (an Intuit developer sandbox company); "
                                     "sets the base URL"),
                                  N_("ENVIRONMENT") };
  for (guint i = 0; i < N_SETTING_OPTIONS; i++)
    entries[n++] = (GOptionEntry) { setting_options[i].option, 0, 0, G_OPTION_ARG_STRING, &o->settings[i],
                                    setting_options[i].description, setting_options[i].arg };
  entries[n++] = (GOptionEntry) { "sandbox", 0, 0, G_OPTION_ARG_NONE, &o->sandbox,
                                  N_("It points at a Lumen sandbox: channel tests simulate shipments there "
                                     "and need no confirmation"), NULL };
  if (editing)
    {
      entries[n++] = (GOptionEntry) { "no-sandbox", 0, G_OPTION_FLAG_REVERSE, G_OPTION_ARG_NONE, &o->sandbox,
                                      N_("It points at a real account"), NULL };
      entries[n++] = (GOptionEntry) { "secrets", 0, 0, G_OPTION_ARG_NONE, &o->secrets,
                                      N_("Read new secrets from standard input, as “integration add” does"), NULL };
    }
  entries[n++] = (GOptionEntry) G_OPTION_ENTRY_NULL;
  g_assert (n <= G_N_ELEMENTS (entries));

  context = lumctl_option_context_new (global, editing ? N_("INTEGRATION") : "",
                                       editing ? N_("Change an integration, given by name or id.")
                                               : N_("Add an integration with an order-management system or with "
                                                    "QuickBooks Online."),
                                       entries);
  g_option_context_set_description (context,
                                    _("Secrets are not taken as options: they are read from standard input, one a "
                                      "line, and kept in the Secret Service (the keyring).\n"
                                      "  shipstation: the API key, then the API secret\n"
                                      "  extensiv:    the client secret\n"
                                      "  quickbooks:  the client secret, then a refresh token (an empty line: "
                                      "run “lumenctl integration connect” afterwards)"));
  return context;
}

/* Checks the options against @kind; messages name the option and value. */
static gboolean
check_options (LumctlGlobal        *global,
               IntegrationOptions  *o,
               LumIntegrationKind   kind,
               int                 *status)
{
  g_autoptr(GError) error = NULL;
  const char *label = lum_integration_kind_to_label (kind);

  *status = LUMCTL_EXIT_OK;
  if (o->environment != NULL)
    {
      if (kind != LUM_INTEGRATION_KIND_QUICKBOOKS)
        {
          *status = lumctl_fail_printf (_("Option --environment “%s” does not apply to a %s integration"),
                                        o->environment, label);
          return FALSE;
        }
      if (!lumctl_check_choice (_("Environment"), o->environment, environments, &error))
        {
          *status = lumctl_fail (error);
          return FALSE;
        }
      if (o->base_url != NULL)
        {
          *status = lumctl_usage_error (global, _("Give --environment or --base-url, not both"));
          return FALSE;
        }
    }

  for (guint i = 0; i < N_SETTING_OPTIONS; i++)
    {
      const char *value = o->settings[i];

      if (value == NULL)
        continue;
      if (!(setting_options[i].kinds & KIND_BIT (kind)))
        {
          *status = lumctl_fail_printf (_("Option --%s “%s” does not apply to a %s integration"),
                                        setting_options[i].option, value, label);
          return FALSE;
        }
      if ((setting_options[i].required & KIND_BIT (kind)) && lum_str_empty (value))
        {
          *status = lumctl_fail_printf (_("Option --%s is empty: a %s integration needs it"),
                                        setting_options[i].option, label);
          return FALSE;
        }
    }
  return TRUE;
}

static void
apply_options (LumIntegration     *integration,
               IntegrationOptions *o)
{
  if (o->name != NULL)
    lum_integration_set_name (integration, o->name);
  if (o->base_url != NULL)
    lum_integration_set_base_url (integration, o->base_url);
  else if (o->environment != NULL)
    lum_integration_set_base_url (integration, g_str_equal (o->environment, "sandbox")
                                               ? LUM_QUICKBOOKS_SANDBOX_URL
                                               : lum_integration_kind_default_url (LUM_INTEGRATION_KIND_QUICKBOOKS));

  for (guint i = 0; i < N_SETTING_OPTIONS; i++)
    {
      const char *value = o->settings[i];

      /* an optional setting given empty goes back to its default */
      if (value != NULL)
        lum_integration_set_setting (integration, setting_options[i].key, *value != '\0' ? value : NULL);
    }

  if (o->sandbox == TRUE)
    lum_integration_set_setting (integration, LUM_SETTING_SANDBOX, "true");
  else if (o->sandbox == FALSE)
    lum_integration_set_setting (integration, LUM_SETTING_SANDBOX, NULL);
}

static GHashTable *
read_secrets (LumIntegrationKind   kind,
              GError             **error)
{
  guint n_specs;
  const LumctlSecretSpec *specs = lumctl_integration_secret_specs (kind, &n_specs);

  return lumctl_read_secrets (specs, n_specs, error);
}

static void
print_connect_hint (LumctlGlobal   *global,
                    LumIntegration *integration,
                    GHashTable     *secrets)
{
  if (global->json || lum_integration_get_kind (integration) != LUM_INTEGRATION_KIND_QUICKBOOKS)
    return;
  if (lum_str_empty (lum_integration_get_setting (integration, LUM_SETTING_QUICKBOOKS_INCOME_ACCOUNT)))
    {
      lumctl_print ("\n");
      lumctl_print (_("No income account was given: invoices are not pushed until one is chosen, with\n"
                 "  lumenctl integration accounts \"%s\"\n"
                 "  lumenctl integration edit \"%s\" --income-account ID\n"),
               lum_integration_get_name (integration), lum_integration_get_name (integration));
    }
  if (g_hash_table_contains (secrets, LUM_SECRET_QUICKBOOKS_REFRESH_TOKEN))
    return;
  lumctl_print ("\n");
  lumctl_print (_("No refresh token was given: connect Lumen to the company through the browser with\n"
             "  lumenctl integration connect \"%s\"\n"),
           lum_integration_get_name (integration));
}

static guint
income_account_option (void)
{
  for (guint i = 0; i < N_SETTING_OPTIONS; i++)
    if (g_str_equal (setting_options[i].key, LUM_SETTING_QUICKBOOKS_INCOME_ACCOUNT))
      return i;
  g_return_val_if_reached (0);
}

static gboolean
income_account_given (const IntegrationOptions *o)
{
  return !lum_str_empty (o->settings[income_account_option ()]);
}

/* -- commands -------------------------------------------------------------- */

static int
integration_add (LumctlGlobal  *global,
                 char         **args)
{
  g_auto(IntegrationOptions) o = INTEGRATION_OPTIONS_INIT;
  g_autoptr(GOptionContext) context = integration_context_new (global, &o, FALSE);
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(LumIntegration) integration = NULL;
  g_autoptr(GHashTable) secrets = NULL;
  g_autoptr(GError) error = NULL;
  int kind;
  int status;

  if ((status = lumctl_parse (global, context, &args, 0, 0)) != LUMCTL_EXIT_OK)
    return status;
  if (o.kind == NULL)
    return lumctl_usage_error (global, _("Missing option --kind"));
  if (o.name == NULL)
    return lumctl_usage_error (global, _("Missing option --name"));
  if (!lum_enum_from_nick (LUM_TYPE_INTEGRATION_KIND, o.kind, &kind))
    return lumctl_fail_printf (_("Integration kind “%s” is not one of: shipstation, shipstation-v2, extensiv, quickbooks"),
                               o.kind);
  if (!check_options (global, &o, kind, &status))
    return status;
  for (guint i = 0; i < N_SETTING_OPTIONS; i++)
    if ((setting_options[i].required & KIND_BIT (kind)) && o.settings[i] == NULL)
      return lumctl_usage_error (global, _("Missing option --%s: a %s integration needs it"),
                                 setting_options[i].option, lum_integration_kind_to_label (kind));

  integration = lum_integration_new (kind, o.name);
  apply_options (integration, &o);

  /* the addresses before the secrets: none is asked for to go in clear;
   * the secrets before anything is written: a missing one leaves no trace */
  if (!lum_engine_check_integration (integration, &error) ||
      (secrets = read_secrets (kind, &error)) == NULL ||
      (engine = lumctl_open_engine (global, &error)) == NULL ||
      !lum_engine_add_integration (engine, integration, secrets, &error))
    return lumctl_fail (error);

  /* checked once the secrets are where the connector reads them; a refused
   * account takes the new integration away again */
  if (kind == LUM_INTEGRATION_KIND_QUICKBOOKS && income_account_given (&o) &&
      g_hash_table_contains (secrets, LUM_SECRET_QUICKBOOKS_REFRESH_TOKEN) &&
      !lumctl_check_income_account (engine, integration, o.settings[income_account_option ()], &error))
    {
      lum_engine_remove_integration (engine, integration, NULL);
      return lumctl_fail (error);
    }

  lumctl_print_integration (global, integration);
  print_connect_hint (global, integration, secrets);
  return LUMCTL_EXIT_OK;
}

static int
integration_edit (LumctlGlobal  *global,
                  char         **args)
{
  g_auto(IntegrationOptions) o = INTEGRATION_OPTIONS_INIT;
  g_autoptr(GOptionContext) context = integration_context_new (global, &o, TRUE);
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(LumIntegration) integration = NULL;
  g_autoptr(GHashTable) secrets = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = lumctl_parse (global, context, &args, 1, 1)) != LUMCTL_EXIT_OK)
    return status;
  if (integration_options_empty (&o))
    return lumctl_usage_error (global, _("Nothing to change: give at least one option"));

  if ((engine = lumctl_open_engine (global, &error)) == NULL ||
      (integration = lumctl_find_integration (engine, args[1], &error)) == NULL)
    return lumctl_fail (error);
  if (!check_options (global, &o, lum_integration_get_kind (integration), &status))
    return status;
  apply_options (integration, &o);
  if (!lum_engine_check_integration (integration, &error) ||
      (o.secrets && (secrets = read_secrets (lum_integration_get_kind (integration), &error)) == NULL))
    return lumctl_fail (error);

  /* against the company as connected now */
  if (lum_integration_get_kind (integration) == LUM_INTEGRATION_KIND_QUICKBOOKS && income_account_given (&o) &&
      !lumctl_check_income_account (engine, integration, o.settings[income_account_option ()], &error))
    return lumctl_fail (error);
  if (!lum_engine_save_integration (engine, integration, &error) ||
      (secrets != NULL && !lum_engine_update_integration_secrets (engine, integration, secrets, &error)))
    return lumctl_fail (error);

  lumctl_print_integration (global, integration);
  return LUMCTL_EXIT_OK;
}

static int
integration_delete (LumctlGlobal  *global,
                    char         **args)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(LumIntegration) integration = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  context = lumctl_option_context_new (global, N_("INTEGRATION"),
                                       N_("Delete an integration, given by name or id, and its secrets. An "
                                          "integration that a channel uses cannot be deleted."),
                                       NULL);
  if ((status = lumctl_parse (global, context, &args, 1, 1)) != LUMCTL_EXIT_OK)
    return status;
  if ((engine = lumctl_open_engine (global, &error)) == NULL ||
      (integration = lumctl_find_integration (engine, args[1], &error)) == NULL ||
      !lum_engine_remove_integration (engine, integration, &error))
    return lumctl_fail (error);

  if (global->json)
    lumctl_print_integration (global, integration);
  else
    lumctl_print (_("Integration “%s” is deleted, and its secrets with it.\n"), lum_integration_get_name (integration));
  return LUMCTL_EXIT_OK;
}

static int
integration_show (LumctlGlobal  *global,
                  char         **args)
{
  g_autoptr(GOptionContext) context = lumctl_option_context_new (global, N_("INTEGRATION"),
                                                                 N_("Show an integration, given by name or id "
                                                                    "(its secrets are never shown)."),
                                                                 NULL);
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(LumIntegration) integration = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = lumctl_parse (global, context, &args, 1, 1)) != LUMCTL_EXIT_OK)
    return status;
  if ((engine = lumctl_open_engine (global, &error)) == NULL ||
      (integration = lumctl_find_integration (engine, args[1], &error)) == NULL)
    return lumctl_fail (error);
  lumctl_print_integration (global, integration);
  return LUMCTL_EXIT_OK;
}

static int
integration_list (LumctlGlobal  *global,
                  char         **args)
{
  g_autoptr(GOptionContext) context = lumctl_option_context_new (global, "", N_("List the integrations."), NULL);
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(GListStore) integrations = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LumctlTable) table = NULL;
  g_autoptr(JsonArray) array = json_array_new ();
  int status;

  if ((status = lumctl_parse (global, context, &args, 0, 0)) != LUMCTL_EXIT_OK)
    return status;
  if ((engine = lumctl_open_engine (global, &error)) == NULL ||
      (integrations = lum_engine_list_integrations (engine, &error)) == NULL)
    return lumctl_fail (error);

  table = lumctl_table_new (5, _("ID"), _("Name"), _("Kind"), _("Base URL"), _("Settings"));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (integrations)); i++)
    {
      g_autoptr(LumIntegration) integration = g_list_model_get_item (G_LIST_MODEL (integrations), i);
      g_autofree char *id = g_strdup_printf ("%" PRId64, lum_integration_get_id (integration));
      g_autofree char *text = dup_settings_text (integration, ", ");

      json_array_add_element (array, lumctl_integration_to_json (integration));
      lumctl_table_add_row (table, id, lum_integration_get_name (integration),
                            lum_integration_kind_to_label (lum_integration_get_kind (integration)),
                            lum_integration_get_base_url (integration), text);
    }

  if (global->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      json_node_set_array (node, array);
      lumctl_print_json (node);
    }
  else if (g_list_model_get_n_items (G_LIST_MODEL (integrations)) == 0)
    lumctl_print ("%s\n", _("No integrations. Add one with “lumenctl integration add”."));
  else
    lumctl_table_print (table);
  return LUMCTL_EXIT_OK;
}

static const LumctlCommand integration_commands[] = {
  { "add", N_("Add an integration"), integration_add },
  { "list", N_("List the integrations"), integration_list },
  { "show", N_("Show an integration"), integration_show },
  { "edit", N_("Change an integration or its secrets"), integration_edit },
  { "delete", N_("Delete an integration and its secrets"), integration_delete },
  { "test", N_("Try an integration’s address and credentials"), lumctl_integration_test },
  { "stores", N_("List the stores of an OMS integration"), lumctl_integration_stores },
  { "connect", N_("Connect a QuickBooks Online integration through the browser"), lumctl_integration_connect },
  { "accounts", N_("List the income accounts of a QuickBooks Online integration"), lumctl_integration_accounts },
  { NULL, NULL, NULL }
};

const LumctlGroup lumctl_integration_group = {
  "integration", N_("Integrations with ShipStation, Extensiv 3PL and QuickBooks Online"), integration_commands
};

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "lumctl.h"
#include "lum-enum-types.h"
#include "lum-util.h"

/* The non-secret settings that `integration add` takes, and the kinds
 * that use them. Secrets never come as options: they would be visible in
 * the process list and the shell history. */
typedef struct
{
  const char *option;
  const char *key;
  gboolean    extensiv;
  gboolean    quickbooks;
} SettingOption;

static const SettingOption setting_options[] = {
  /* QuickBooks keeps its client id under the same key */
  { "client-id", LUM_SETTING_EXTENSIV_CLIENT_ID, TRUE, TRUE },
  { "tpl", LUM_SETTING_EXTENSIV_TPL, TRUE, FALSE },
  { "user-login-id", LUM_SETTING_EXTENSIV_USER_LOGIN_ID, TRUE, FALSE },
  { "customer-id", LUM_SETTING_EXTENSIV_CUSTOMER_ID, TRUE, FALSE },
  { "facility-id", LUM_SETTING_EXTENSIV_FACILITY_ID, TRUE, FALSE },
  { "realm", LUM_SETTING_QUICKBOOKS_REALM, FALSE, TRUE },
};

static gboolean
setting_applies (const SettingOption *setting,
                 LumIntegrationKind   kind)
{
  return (kind == LUM_INTEGRATION_KIND_EXTENSIV && setting->extensiv) ||
         (kind == LUM_INTEGRATION_KIND_QUICKBOOKS && setting->quickbooks);
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

static JsonNode *
integration_to_json (LumIntegration *integration)
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

static void
print_integration (LumctlGlobal   *global,
                   LumIntegration *integration)
{
  g_autoptr(LumctlFields) fields = NULL;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;

  if (global->json)
    {
      g_autoptr(JsonNode) node = integration_to_json (integration);
      lumctl_print_json (node);
      return;
    }

  fields = lumctl_fields_new ();
  id = g_strdup_printf ("%" G_GINT64_FORMAT, lum_integration_get_id (integration));
  text = dup_settings_text (integration, "\n");
  lumctl_fields_add (fields, _("Name"), lum_integration_get_name (integration));
  lumctl_fields_add (fields, _("ID"), id);
  lumctl_fields_add (fields, _("Kind"), lum_integration_kind_to_label (lum_integration_get_kind (integration)));
  lumctl_fields_add (fields, _("Base URL"), lum_integration_get_base_url (integration));
  lumctl_fields_add (fields, _("Settings"), *text != '\0' ? text : _("none"));
  lumctl_fields_print (fields);
}

static int
integration_add (LumctlGlobal  *global,
                 char         **args)
{
  g_autofree char *kind_nick = NULL;
  g_autofree char *name = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *tpl = NULL;
  g_autofree char *user_login_id = NULL;
  g_autofree char *customer_id = NULL;
  g_autofree char *facility_id = NULL;
  g_autofree char *realm = NULL;
  /* in the order of setting_options */
  char **values[] = { &client_id, &tpl, &user_login_id, &customer_id, &facility_id, &realm };
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_nick,
      N_("shipstation, extensiv (3PL Warehouse Manager) or quickbooks (required)"), N_("KIND") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name,
      N_("A name for the integration, unique (required)"), N_("NAME") },
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &base_url,
      N_("The API’s address (default: the kind’s public API)"), N_("URL") },
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &client_id,
      N_("extensiv, quickbooks: the OAuth client id"), N_("ID") },
    { "tpl", 0, 0, G_OPTION_ARG_STRING, &tpl,
      N_("extensiv: the 3PL key (TPL GUID)"), N_("TPL") },
    { "user-login-id", 0, 0, G_OPTION_ARG_STRING, &user_login_id,
      N_("extensiv: the user login id"), N_("ID") },
    { "customer-id", 0, 0, G_OPTION_ARG_STRING, &customer_id,
      N_("extensiv: the customer id"), N_("ID") },
    { "facility-id", 0, 0, G_OPTION_ARG_STRING, &facility_id,
      N_("extensiv: the facility (warehouse) id"), N_("ID") },
    { "realm", 0, 0, G_OPTION_ARG_STRING, &realm,
      N_("quickbooks: the company’s realm id"), N_("ID") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(LumIntegration) integration = NULL;
  g_autoptr(GError) error = NULL;
  int kind;
  int status;

  G_STATIC_ASSERT (G_N_ELEMENTS (values) == G_N_ELEMENTS (setting_options));

  context = lumctl_option_context_new (global, "",
                                       N_("Add an integration with an order-management system or with QuickBooks Online."),
                                       entries);
  g_option_context_set_description (context,
                                    _("Secrets (API keys, client secrets) are not taken as options: "
                                      "they are kept in the Secret Service."));
  if ((status = lumctl_parse (global, context, &args, 0, 0)) != LUMCTL_EXIT_OK)
    return status;
  if (kind_nick == NULL)
    return lumctl_usage_error (global, _("Missing option --kind"));
  if (name == NULL)
    return lumctl_usage_error (global, _("Missing option --name"));
  if (!lum_enum_from_nick (LUM_TYPE_INTEGRATION_KIND, kind_nick, &kind))
    return lumctl_fail_printf (_("Integration kind “%s” is not one of: shipstation, extensiv, quickbooks"),
                               kind_nick);

  integration = lum_integration_new (kind, name);
  if (base_url != NULL)
    lum_integration_set_base_url (integration, base_url);
  for (guint i = 0; i < G_N_ELEMENTS (setting_options); i++)
    {
      const char *value = *values[i];

      if (value == NULL)
        continue;
      if (!setting_applies (&setting_options[i], kind))
        return lumctl_fail_printf (_("Option --%s “%s” does not apply to a %s integration"),
                                   setting_options[i].option, value, lum_integration_kind_to_label (kind));
      lum_integration_set_setting (integration, setting_options[i].key, value);
    }

  if ((engine = lumctl_open_engine (global, &error)) == NULL ||
      !lum_engine_save_integration (engine, integration, &error))
    return lumctl_fail (error);

  print_integration (global, integration);
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
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, lum_integration_get_id (integration));
      g_autofree char *text = dup_settings_text (integration, ", ");

      json_array_add_element (array, integration_to_json (integration));
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
    g_print ("%s\n", _("No integrations. Add one with “lumenctl integration add”."));
  else
    lumctl_table_print (table);
  return LUMCTL_EXIT_OK;
}

static const LumctlCommand integration_commands[] = {
  { "add", N_("Add an integration"), integration_add },
  { "list", N_("List the integrations"), integration_list },
  { NULL, NULL, NULL }
};

const LumctlGroup lumctl_integration_group = {
  "integration", N_("Integrations with ShipStation, Extensiv 3PL and QuickBooks Online"), integration_commands
};

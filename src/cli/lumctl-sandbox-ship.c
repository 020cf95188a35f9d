/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "lumctl.h"

/*
 * `lumenctl sandbox ship ORDER`: a warehouse ships an order, through the
 * control endpoint of a running sandbox (POST /_sandbox/shipstation/ship,
 * or /_sandbox/extensiv/close with --3pl), so that the next sync records
 * the shipment as it would one from the real service.
 */

#define SANDBOX_URL_DEFAULT  "http://127.0.0.1:8790"
#define CARRIER_DEFAULT      "ups"

static JsonNode *
build_spec (const char *order,
            const char *tracking,
            const char *carrier,
            gboolean    extensiv)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, extensiv ? "referenceNum" : "orderNumber");
  json_builder_add_string_value (b, order);
  json_builder_set_member_name (b, "trackingNumber");
  json_builder_add_string_value (b, tracking);
  json_builder_set_member_name (b, extensiv ? "carrier" : "carrierCode");
  json_builder_add_string_value (b, carrier);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* The sandbox answers {"message"} with 4xx when it refuses. */
static char *
dup_refusal (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);
  JsonNode *root;

  if (data == NULL || !json_parser_load_from_data (parser, data, size, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (json_node_get_object (root), "message", NULL));
}

int
lumctl_sandbox_ship (LumctlGlobal  *global,
                     char         **args)
{
  g_autofree char *url = NULL;
  g_autofree char *tracking = NULL;
  g_autofree char *carrier = NULL;
  gboolean extensiv = FALSE;
  const GOptionEntry entries[] = {
    { "url", 0, 0, G_OPTION_ARG_STRING, &url,
      N_("The address of the running sandbox (default: " SANDBOX_URL_DEFAULT ")"), N_("URL") },
    { "tracking", 0, 0, G_OPTION_ARG_STRING, &tracking,
      N_("The tracking number of the shipment (default: SANDBOX- and the order number)"), N_("NUMBER") },
    { "carrier", 0, 0, G_OPTION_ARG_STRING, &carrier,
      N_("The carrier code (default: " CARRIER_DEFAULT ")"), N_("CODE") },
    { "3pl", 0, 0, G_OPTION_ARG_NONE, &extensiv,
      N_("Ship the order at the Extensiv 3PL warehouse instead of ShipStation"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(JsonNode) spec = NULL;
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *body = NULL;
  const char *order;
  guint status;
  int result;

  context = lumctl_option_context_new (global, _("ORDER"),
                                       N_("Ship an order at the running sandbox, as its warehouse would: the "
                                          "next sync records the shipment."),
                                       entries);
  if ((result = lumctl_parse (global, context, &args, 1, 1)) != LUMCTL_EXIT_OK)
    return result;
  order = args[1];
  if (tracking == NULL)
    tracking = g_strdup_printf ("SANDBOX-%s", order);
  if (carrier == NULL)
    carrier = g_strdup (CARRIER_DEFAULT);
  if (url == NULL)
    url = g_strdup (SANDBOX_URL_DEFAULT);
  while (g_str_has_suffix (url, "/"))
    url[strlen (url) - 1] = '\0';

  endpoint = g_strdup_printf ("%s/_sandbox/%s", url, extensiv ? "extensiv/close" : "shipstation/ship");
  message = soup_message_new (SOUP_METHOD_POST, endpoint);
  if (message == NULL)
    return lumctl_fail_printf (_("Sandbox address “%s” is not an http:// address"), url);
  spec = build_spec (order, tracking, carrier, extensiv);
  body = json_to_string (spec, FALSE);
  request = g_bytes_new (body, strlen (body));
  soup_message_set_request_body_from_bytes (message, "application/json", request);

  session = soup_session_new ();
  answer = soup_session_send_and_read (session, message, NULL, &error);
  if (answer == NULL)
    return lumctl_fail_printf (_("No sandbox answers at “%s”: %s; start one with “lumenctl sandbox”"),
                               url, error->message);
  status = soup_message_get_status (message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_autofree char *refusal = dup_refusal (answer);

      return lumctl_fail_printf (_("The sandbox did not ship order “%s”: %s (HTTP %u)"), order,
                                 refusal != NULL ? refusal : soup_message_get_reason_phrase (message), status);
    }

  if (global->json)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      gsize size = 0;
      const char *data = g_bytes_get_data (answer, &size);

      if (data == NULL || !json_parser_load_from_data (parser, data, size, &error))
        return lumctl_fail_printf (_("The sandbox answered the shipment of “%s” with no JSON"), order);
      lumctl_print_json (json_parser_get_root (parser));
    }
  else
    /* Translators: “Shipped SO-000001 at ShipStation: tracking 1Z999, carrier ups.” */
    lumctl_print (_("Shipped %s at %s: tracking %s, carrier %s.\n"), order,
                  extensiv ? _("Extensiv 3PL") : _("ShipStation"), tracking, carrier);
  return LUMCTL_EXIT_OK;
}

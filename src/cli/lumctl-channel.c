/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "lumctl.h"
#include "lum-enum-types.h"
#include "lum-util.h"
#include "flow/lum-channel-rules.h"
#include "model/lum-channel-json.h"
#include "model/lum-field-catalog.h"
#include "lum-engine-setup.h"

/* What `channel create` and `channel edit` were told; %NULL or
 * %LUMCTL_UNSET where an option was not given. */
typedef struct
{
  char     *name;
  char     *warehouse_group;
  gboolean  internal;
  char     *description;
  char    **tags;
  gboolean  clear_tags;
  gboolean  push_to_oms;
  char     *integration;
  char     *store;
  char     *store_name;
  char     *push_delay;
  gboolean  fulfillment_updates;
  char    **maps;
  gboolean  clear_maps;
  char     *flow;
  char     *invoice_type;
  char     *invoice_timing;
  char     *accounting;
  gint64    expect_version;
} ChannelOptions;

#define CHANNEL_OPTIONS_INIT { .internal = LUMCTL_UNSET, .push_to_oms = LUMCTL_UNSET, \
                               .fulfillment_updates = LUMCTL_UNSET }

static void
channel_options_clear (ChannelOptions *o)
{
  g_clear_pointer (&o->name, g_free);
  g_clear_pointer (&o->warehouse_group, g_free);
  g_clear_pointer (&o->description, g_free);
  g_clear_pointer (&o->tags, g_strfreev);
  g_clear_pointer (&o->integration, g_free);
  g_clear_pointer (&o->store, g_free);
  g_clear_pointer (&o->store_name, g_free);
  g_clear_pointer (&o->push_delay, g_free);
  g_clear_pointer (&o->maps, g_strfreev);
  g_clear_pointer (&o->flow, g_free);
  g_clear_pointer (&o->invoice_type, g_free);
  g_clear_pointer (&o->invoice_timing, g_free);
  g_clear_pointer (&o->accounting, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ChannelOptions, channel_options_clear)

static gboolean
channel_options_empty (const ChannelOptions *o)
{
  return o->name == NULL && o->warehouse_group == NULL && o->internal == LUMCTL_UNSET &&
         o->description == NULL && o->tags == NULL && !o->clear_tags &&
         o->push_to_oms == LUMCTL_UNSET && o->integration == NULL && o->store == NULL &&
         o->store_name == NULL && o->push_delay == NULL && o->fulfillment_updates == LUMCTL_UNSET &&
         o->maps == NULL && !o->clear_maps && o->flow == NULL && o->invoice_type == NULL &&
         o->invoice_timing == NULL && o->accounting == NULL;
}

static GOptionContext *
channel_context_new (LumctlGlobal   *global,
                     ChannelOptions *o,
                     gboolean        editing)
{
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &o->name,
      editing ? N_("Rename the channel") : N_("The channel’s name, unique, at most 120 characters (required)"),
      N_("NAME") },
    { "warehouse-group", 0, 0, G_OPTION_ARG_STRING, &o->warehouse_group,
      N_("The warehouse group, by name or id (new channels: the default group)"), N_("GROUP") },
    { "internal", 0, 0, G_OPTION_ARG_NONE, &o->internal,
      N_("Make it an internal sales channel"), NULL },
    { "no-internal", 0, G_OPTION_FLAG_REVERSE, G_OPTION_ARG_NONE, &o->internal,
      N_("Make it a channel that is not internal"), NULL },
    { "description", 0, 0, G_OPTION_ARG_STRING, &o->description,
      N_("A description of the channel"), N_("TEXT") },
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->tags,
      editing ? N_("A tag; repeat for several; replaces the channel’s tags")
              : N_("A tag; repeat for several"), N_("TAG") },
    { "push-to-oms", 0, 0, G_OPTION_ARG_NONE, &o->push_to_oms,
      N_("Push the sales orders to an order-management system"), NULL },
    { "no-push-to-oms", 0, G_OPTION_FLAG_REVERSE, G_OPTION_ARG_NONE, &o->push_to_oms,
      N_("Do not push the sales orders"), NULL },
    { "integration", 0, 0, G_OPTION_ARG_STRING, &o->integration,
      N_("The OMS integration (ShipStation or Extensiv) that receives the orders, by name or id"),
      N_("INTEGRATION") },
    { "store", 0, 0, G_OPTION_ARG_STRING, &o->store,
      N_("The id of the store or channel inside the OMS"), N_("STORE") },
    { "store-name", 0, 0, G_OPTION_ARG_STRING, &o->store_name,
      N_("The store’s name, as shown in lists"), N_("NAME") },
    { "push-delay", 0, 0, G_OPTION_ARG_STRING, &o->push_delay,
      N_("Push the orders MINUTES after posting (0 to 10080); \"\" pushes immediately"), N_("MINUTES") },
    { "fulfillment-updates", 0, 0, G_OPTION_ARG_NONE, &o->fulfillment_updates,
      N_("Take shipping status and tracking numbers back from the OMS"), NULL },
    { "no-fulfillment-updates", 0, G_OPTION_FLAG_REVERSE, G_OPTION_ARG_NONE, &o->fulfillment_updates,
      N_("Do not take fulfillment updates back"), NULL },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->maps,
      editing ? N_("Map a Lumen field onto a remote field; repeat for several; replaces the channel’s mappings")
              : N_("Map a Lumen field onto a remote field (a path into the outgoing JSON); repeat for several"),
      N_("LUMEN_FIELD=REMOTE_FIELD") },
    { "flow", 0, 0, G_OPTION_ARG_STRING, &o->flow,
      N_("so-first (sales order, then invoice) or invoice-first (invoice, then sales order; internal channels only)"),
      N_("FLOW") },
    { "invoice-type", 0, 0, G_OPTION_ARG_STRING, &o->invoice_type,
      N_("The invoice type, by name or id"), N_("TYPE") },
    { "invoice-timing", 0, 0, G_OPTION_ARG_STRING, &o->invoice_timing,
      N_("When a so-first channel invoices: so-created or shipment-created"), N_("TIMING") },
    { "accounting", 0, 0, G_OPTION_ARG_STRING, &o->accounting,
      N_("The QuickBooks integration that receives the invoices, by name or id, or “none”"),
      N_("INTEGRATION") },
    G_OPTION_ENTRY_NULL
  };
  const GOptionEntry edit_entries[] = {
    { "clear-tags", 0, 0, G_OPTION_ARG_NONE, &o->clear_tags,
      N_("Remove all tags (with --tag: only the given tags remain)"), NULL },
    { "clear-maps", 0, 0, G_OPTION_ARG_NONE, &o->clear_maps,
      N_("Remove all field mappings (with --map: only the given mappings remain)"), NULL },
    { "expect-version", 0, 0, G_OPTION_ARG_INT64, &o->expect_version,
      N_("Save only if the channel is still at this version (as shown); refused if someone saved it since"),
      N_("N") },
    G_OPTION_ENTRY_NULL
  };
  g_autofree char *keys = lum_field_catalog_keys ();
  g_autofree char *description = NULL;
  GOptionContext *context;

  context = lumctl_option_context_new (global,
                                       editing ? N_("CHANNEL") : "",
                                       editing ? N_("Change the settings of a channel, given by name or id. "
                                                    "Options that are not given keep their value.")
                                               : N_("Create a sales channel and print it."),
                                       entries);
  if (editing)
    g_option_context_add_main_entries (context, edit_entries, GETTEXT_PACKAGE);

  description = g_strdup_printf (_("Lumen fields for --map: %s.\n"
                                   "Remote fields are paths such as shippingNotes, routingInfo.mode, "
                                   "items[0].sku or savedElements[name=GiftMessage]."),
                                 keys);
  g_option_context_set_description (context, description);
  return context;
}

/* -- applying the options ---------------------------------------------------- */

static LumIntegration *
find_integration (LumEngine   *engine,
                  const char  *name,
                  gboolean     accounting,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  LumIntegration *integration = lum_engine_find_integration (engine, name, &local_error);

  if (integration != NULL)
    return integration;

  if (!g_error_matches (local_error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND))
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (accounting)
    g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND,
                 _("Accounting integration “%s” does not exist"), name);
  else
    g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND,
                 _("OMS integration “%s” does not exist"), name);
  return NULL;
}

static gboolean
apply_general (LumEngine       *engine,
               LumChannel      *channel,
               ChannelOptions  *o,
               GError         **error)
{
  if (o->name != NULL)
    lum_channel_set_name (channel, o->name);

  if (o->warehouse_group != NULL)
    {
      g_autoptr(LumWarehouseGroup) group = lum_engine_find_warehouse_group (engine, o->warehouse_group, error);

      if (group == NULL)
        return FALSE;
      lum_channel_set_warehouse_group_id (channel, lum_warehouse_group_get_id (group));
      lum_channel_set_warehouse_group_name (channel, lum_warehouse_group_get_name (group));
    }

  if (o->internal != LUMCTL_UNSET)
    lum_channel_set_internal (channel, o->internal);
  if (o->description != NULL)
    lum_channel_set_description (channel, o->description);

  if (o->clear_tags || o->tags != NULL)
    {
      const char * const none[] = { NULL };

      lum_channel_set_tags (channel, o->tags ? (const char * const *)o->tags : none);
    }
  return TRUE;
}

static gboolean
apply_destination (LumEngine       *engine,
                   LumChannel      *channel,
                   ChannelOptions  *o,
                   GError         **error)
{
  if (o->push_to_oms != LUMCTL_UNSET)
    lum_channel_set_push_to_oms (channel, o->push_to_oms);
  /* Fulfillment updates come from the OMS the orders go to: switching the
   * push off switches them off unless they are asked for. */
  if (o->push_to_oms == FALSE && o->fulfillment_updates == LUMCTL_UNSET)
    lum_channel_set_push_fulfillment_updates (channel, FALSE);

  /* The core drops the destination of a channel that does not push; an
   * explicit one is more likely a forgotten --push-to-oms. */
  if (!lum_channel_get_push_to_oms (channel) && (o->integration || o->store || o->store_name))
    {
      const char *given = o->integration ? o->integration : o->store ? o->store : o->store_name;

      g_set_error (error, LUM_CHANNEL_ERROR, LUM_CHANNEL_ERROR_OMS_INTEGRATION,
                   _("OMS destination “%s” is given, but Push Sales Orders to OMS is off: add --push-to-oms"),
                   given);
      return FALSE;
    }

  if (o->integration != NULL)
    {
      g_autoptr(LumIntegration) integration = find_integration (engine, o->integration, FALSE, error);

      if (integration == NULL)
        return FALSE;
      lum_channel_set_oms_integration_id (channel, lum_integration_get_id (integration));
      lum_channel_set_oms_integration_name (channel, lum_integration_get_name (integration));
    }

  /* A new store id does not keep the old store's name. */
  if (o->store != NULL)
    {
      lum_channel_set_oms_store_id (channel, o->store);
      lum_channel_set_oms_store_name (channel, o->store_name);
    }
  else if (o->store_name != NULL)
    lum_channel_set_oms_store_name (channel, o->store_name);

  if (o->push_delay != NULL)
    {
      int minutes;

      if (!lum_channel_parse_push_delay (o->push_delay, &minutes, error))
        return FALSE;
      lum_channel_set_push_delay_minutes (channel, minutes);
    }

  if (o->fulfillment_updates != LUMCTL_UNSET)
    lum_channel_set_push_fulfillment_updates (channel, o->fulfillment_updates);
  return TRUE;
}

static gboolean
apply_mappings (LumChannel      *channel,
                ChannelOptions  *o,
                GError         **error)
{
  if (o->clear_maps || o->maps != NULL)
    lum_channel_clear_mappings (channel);

  for (guint i = 0; o->maps && o->maps[i]; i++)
    {
      /* The first "=": a remote field may hold one, savedElements[name=X] */
      const char *equals = strchr (o->maps[i], '=');
      g_autofree char *lumen_field = NULL;

      if (equals == NULL)
        {
          g_autofree char *shown = lum_text_shown (o->maps[i]);
          g_set_error (error, LUM_CHANNEL_ERROR, LUM_CHANNEL_ERROR_FIELD_MAPPING,
                       _("Field mapping “%s” is not of the form LUMEN_FIELD=REMOTE_FIELD"), shown);
          return FALSE;
        }
      lumen_field = g_strndup (o->maps[i], equals - o->maps[i]);
      lum_channel_add_mapping (channel, lumen_field, equals + 1);
    }
  return TRUE;
}

static gboolean
apply_invoicing (LumEngine       *engine,
                 LumChannel      *channel,
                 ChannelOptions  *o,
                 GError         **error)
{
  int value;

  if (o->flow != NULL)
    {
      if (!lum_enum_from_nick (LUM_TYPE_ORDER_FLOW, o->flow, &value))
        {
          g_autofree char *shown = lum_text_shown (o->flow);
          g_set_error (error, LUM_CHANNEL_ERROR, LUM_CHANNEL_ERROR_ORDER_FLOW,
                       _("Order flow “%s” is not one of: so-first, invoice-first"), shown);
          return FALSE;
        }
      lum_channel_set_order_flow (channel, value);
    }

  if (o->invoice_type != NULL)
    {
      g_autoptr(LumInvoiceType) type = lum_engine_find_invoice_type (engine, o->invoice_type, error);

      if (type == NULL)
        return FALSE;
      lum_channel_set_invoice_type_id (channel, lum_invoice_type_get_id (type));
      lum_channel_set_invoice_type_name (channel, lum_invoice_type_get_name (type));
    }

  if (o->invoice_timing != NULL)
    {
      if (!lum_enum_from_nick (LUM_TYPE_INVOICE_TIMING, o->invoice_timing, &value) ||
          value == LUM_INVOICE_TIMING_NONE)
        {
          g_autofree char *shown = lum_text_shown (o->invoice_timing);
          g_set_error (error, LUM_CHANNEL_ERROR, LUM_CHANNEL_ERROR_INVOICE_TIMING,
                       _("Invoice timing “%s” is not one of: so-created, shipment-created"),
                       shown);
          return FALSE;
        }
      lum_channel_set_invoice_timing (channel, value);
    }
  else if (o->flow != NULL && lum_channel_get_order_flow (channel) == LUM_ORDER_FLOW_SO_FIRST &&
           lum_channel_get_invoice_timing (channel) == LUM_INVOICE_TIMING_NONE)
    {
      /* back from invoice-first: the default of a new channel */
      lum_channel_set_invoice_timing (channel, LUM_INVOICE_TIMING_SO_CREATED);
    }

  if (o->accounting != NULL)
    {
      g_autofree char *stripped = lum_strip_dup (o->accounting);

      if (*stripped == '\0' || g_ascii_strcasecmp (stripped, "none") == 0)
        {
          lum_channel_set_accounting_integration_id (channel, 0);
          lum_channel_set_accounting_integration_name (channel, NULL);
        }
      else
        {
          g_autoptr(LumIntegration) integration = find_integration (engine, o->accounting, TRUE, error);

          if (integration == NULL)
            return FALSE;
          lum_channel_set_accounting_integration_id (channel, lum_integration_get_id (integration));
          lum_channel_set_accounting_integration_name (channel, lum_integration_get_name (integration));
        }
    }
  return TRUE;
}

static gboolean
apply_options (LumEngine       *engine,
               LumChannel      *channel,
               ChannelOptions  *o,
               GError         **error)
{
  return apply_general (engine, channel, o, error) &&
         apply_destination (engine, channel, o, error) &&
         apply_mappings (channel, o, error) &&
         apply_invoicing (engine, channel, o, error);
}

/* -- output -------------------------------------------------------------- */

static char *
dup_push_timing (LumChannel *channel)
{
  int minutes = lum_channel_get_push_delay_minutes (channel);

  if (minutes == LUM_PUSH_DELAY_IMMEDIATE)
    return g_strdup (_("immediately on posting"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%d minute after posting", "%d minutes after posting",
                                       minutes),
                          minutes);
}

static char *
dup_store_text (LumChannel *channel)
{
  const char *id = lum_channel_get_oms_store_id (channel);
  const char *name = lum_channel_get_oms_store_name (channel);

  if (lum_str_empty (id))
    return g_strdup (_("none"));
  if (lum_str_empty (name))
    return g_strdup (id);
  return g_strdup_printf ("%s (%s)", name, id);
}

static char *
dup_mappings_text (LumChannel *channel)
{
  GListModel *mappings = lum_channel_get_mappings (channel);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (mappings); i++)
    {
      g_autoptr(LumFieldMapping) m = g_list_model_get_item (mappings, i);

      g_string_append_printf (text, "%s%s → %s", i > 0 ? "\n" : "",
                              lum_field_mapping_get_lumen_field (m),
                              lum_field_mapping_get_remote_field (m));
    }
  if (text->len == 0)
    g_string_append (text, _("none"));
  return g_string_free (text, FALSE);
}

static const char *
flow_label (LumOrderFlow flow)
{
  if (flow == LUM_ORDER_FLOW_INVOICE_FIRST)
    return _("Invoice first, then sales order (invoice-first)");
  return _("Sales order first, then invoice (so-first)");
}

static const char *
timing_label (LumInvoiceTiming timing)
{
  switch (timing)
    {
    case LUM_INVOICE_TIMING_SO_CREATED:
      return _("when the sales order is created (so-created)");
    case LUM_INVOICE_TIMING_SHIPMENT_CREATED:
      return _("when a shipment is created (shipment-created)");
    case LUM_INVOICE_TIMING_NONE:
    default:
      return _("none");
    }
}

static const char *
name_or_none (const char *name)
{
  return lum_str_empty (name) ? _("none") : name;
}

static void
print_channel_text (LumChannel *channel)
{
  g_autoptr(LumctlFields) fields = lumctl_fields_new ();
  g_autofree char *id = g_strdup_printf ("%" PRId64, lum_channel_get_id (channel));
  g_autofree char *tags = g_strjoinv (", ", (char **)lum_channel_get_tags (channel));
  g_autofree char *store = dup_store_text (channel);
  g_autofree char *timing = dup_push_timing (channel);
  g_autofree char *mappings = dup_mappings_text (channel);
  g_autofree char *version = g_strdup_printf ("%" PRId64, lum_channel_get_version (channel));
  gboolean push = lum_channel_get_push_to_oms (channel);

  lumctl_fields_add (fields, _("Name"), lum_channel_get_name (channel));
  lumctl_fields_add (fields, _("ID"), id);
  lumctl_fields_add (fields, _("Warehouse group"), lum_channel_get_warehouse_group_name (channel));
  lumctl_fields_add (fields, _("Internal"), lumctl_yes_no (lum_channel_get_internal (channel)));
  lumctl_fields_add (fields, _("Description"), lum_channel_get_description (channel));
  lumctl_fields_add (fields, _("Tags"), tags);
  lumctl_fields_add (fields, _("Push to OMS"), lumctl_yes_no (push));
  lumctl_fields_add (fields, _("OMS integration"),
                     name_or_none (push ? lum_channel_get_oms_integration_name (channel) : NULL));
  lumctl_fields_add (fields, _("Store"), push ? store : _("none"));
  lumctl_fields_add (fields, _("Push timing"), timing);
  lumctl_fields_add (fields, _("Fulfillment updates"),
                     lumctl_yes_no (lum_channel_get_push_fulfillment_updates (channel)));
  lumctl_fields_add (fields, _("Field mappings"), mappings);
  lumctl_fields_add (fields, _("Order flow"), flow_label (lum_channel_get_order_flow (channel)));
  lumctl_fields_add (fields, _("Invoice type"), lum_channel_get_invoice_type_name (channel));
  lumctl_fields_add (fields, _("Invoice timing"), timing_label (lum_channel_get_invoice_timing (channel)));
  lumctl_fields_add (fields, _("Accounting"),
                     name_or_none (lum_channel_get_accounting_integration_id (channel) != 0
                                   ? lum_channel_get_accounting_integration_name (channel) : NULL));
  lumctl_fields_add (fields, _("Archived"), lumctl_yes_no (lum_channel_get_archived (channel)));
  lumctl_fields_add (fields, _("Version"), version);
  lumctl_fields_print (fields);
}

static void
print_channel (LumctlGlobal *global,
               LumChannel   *channel)
{
  if (global->json)
    {
      g_autoptr(JsonNode) node = lum_channel_to_json (channel);
      lumctl_print_json (node);
    }
  else
    print_channel_text (channel);
}

/* Saves @channel and prints it as stored, so the output shows what the
 * core made of the options (trimmed name, canonical remote fields, …). */
static int
save_and_print (LumctlGlobal *global,
                LumEngine    *engine,
                LumChannel   *channel)
{
  g_autoptr(LumChannel) stored = NULL;
  g_autoptr(GError) error = NULL;

  if (!lum_engine_save_channel (engine, channel, &error))
    return lumctl_fail (error);
  stored = lum_engine_get_channel (engine, lum_channel_get_id (channel), &error);
  if (stored == NULL)
    return lumctl_fail (error);
  print_channel (global, stored);
  return LUMCTL_EXIT_OK;
}

/* -- commands ------------------------------------------------------------ */

static int
channel_create (LumctlGlobal  *global,
                char         **args)
{
  g_auto(ChannelOptions) o = CHANNEL_OPTIONS_INIT;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  context = channel_context_new (global, &o, FALSE);
  if ((status = lumctl_parse (global, context, &args, 0, 0)) != LUMCTL_EXIT_OK)
    return status;
  if (o.name == NULL)
    return lumctl_usage_error (global, _("Missing option --name"));

  if ((engine = lumctl_open_engine (global, &error)) == NULL ||
      (channel = lum_engine_new_channel (engine, &error)) == NULL ||
      !apply_options (engine, channel, &o, &error))
    return lumctl_fail (error);

  return save_and_print (global, engine, channel);
}

static int
channel_edit (LumctlGlobal  *global,
              char         **args)
{
  g_auto(ChannelOptions) o = CHANNEL_OPTIONS_INIT;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  context = channel_context_new (global, &o, TRUE);
  if ((status = lumctl_parse (global, context, &args, 1, 1)) != LUMCTL_EXIT_OK)
    return status;
  if (channel_options_empty (&o))
    return lumctl_usage_error (global, _("Nothing to change: give at least one option"));

  if ((engine = lumctl_open_engine (global, &error)) == NULL ||
      (channel = lum_engine_find_channel (engine, args[1], &error)) == NULL ||
      !apply_options (engine, channel, &o, &error))
    return lumctl_fail (error);
  /* the version a script read before: a save since then is refused */
  if (o.expect_version > 0)
    lum_channel_set_version (channel, o.expect_version);

  return save_and_print (global, engine, channel);
}

static int
channel_list (LumctlGlobal  *global,
              char         **args)
{
  gboolean archived = FALSE;
  const GOptionEntry entries[] = {
    { "archived", 0, 0, G_OPTION_ARG_NONE, &archived, N_("List archived channels too"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = lumctl_option_context_new (global, "", N_("List the sales channels."), entries);
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(GListStore) channels = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LumctlTable) table = NULL;
  GListModel *model;
  int status;

  if ((status = lumctl_parse (global, context, &args, 0, 0)) != LUMCTL_EXIT_OK)
    return status;
  if ((engine = lumctl_open_engine (global, &error)) == NULL ||
      (channels = lum_engine_list_channels (engine, archived, &error)) == NULL)
    return lumctl_fail (error);
  model = G_LIST_MODEL (channels);

  if (global->json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(LumChannel) channel = g_list_model_get_item (model, i);
          json_array_add_element (array, lum_channel_to_json (channel));
        }
      json_node_set_array (node, array);
      lumctl_print_json (node);
      return LUMCTL_EXIT_OK;
    }

  if (g_list_model_get_n_items (model) == 0)
    {
      lumctl_print ("%s\n", _("No channels. Create one with “lumenctl channel create --name NAME”."));
      return LUMCTL_EXIT_OK;
    }

  table = lumctl_table_new (8, _("ID"), _("Name"), _("Warehouse group"), _("Internal"),
                            _("Destination"), _("Flow"), _("Tags"), archived ? _("Archived") : "");
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LumChannel) channel = g_list_model_get_item (model, i);
      g_autofree char *id = g_strdup_printf ("%" PRId64, lum_channel_get_id (channel));
      g_autofree char *destination = lum_channel_dup_destination_summary (channel);
      g_autofree char *flow = lum_channel_dup_flow_summary (channel);
      g_autofree char *tags = g_strjoinv (", ", (char **)lum_channel_get_tags (channel));

      lumctl_table_add_row (table, id, lum_channel_get_name (channel),
                            lum_channel_get_warehouse_group_name (channel),
                            lum_channel_get_internal (channel) ? _("internal") : "",
                            destination, flow, tags,
                            lum_channel_get_archived (channel) ? _("archived") : "");
    }
  lumctl_table_print (table);
  return LUMCTL_EXIT_OK;
}

static int
channel_show (LumctlGlobal  *global,
              char         **args)
{
  g_autoptr(GOptionContext) context = lumctl_option_context_new (global, N_("CHANNEL"),
                                                                 N_("Show a channel, given by name or id."),
                                                                 NULL);
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = lumctl_parse (global, context, &args, 1, 1)) != LUMCTL_EXIT_OK)
    return status;
  if ((engine = lumctl_open_engine (global, &error)) == NULL ||
      (channel = lum_engine_find_channel (engine, args[1], &error)) == NULL)
    return lumctl_fail (error);

  print_channel (global, channel);
  return LUMCTL_EXIT_OK;
}

static int
channel_archive (LumctlGlobal  *global,
                 char         **args)
{
  gboolean unarchive = FALSE;
  const GOptionEntry entries[] = {
    { "unarchive", 0, 0, G_OPTION_ARG_NONE, &unarchive, N_("Bring an archived channel back"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = lumctl_option_context_new (global, N_("CHANNEL"),
                                                                 N_("Archive a channel, given by name or id: "
                                                                    "it leaves the list but keeps its orders."),
                                                                 entries);
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = lumctl_parse (global, context, &args, 1, 1)) != LUMCTL_EXIT_OK)
    return status;
  if ((engine = lumctl_open_engine (global, &error)) == NULL ||
      (channel = lum_engine_find_channel (engine, args[1], &error)) == NULL ||
      !lum_engine_archive_channel (engine, channel, !unarchive, &error))
    return lumctl_fail (error);

  if (global->json)
    print_channel (global, channel);
  else if (unarchive)
    lumctl_print (_("Channel “%s” is no longer archived.\n"), lum_channel_get_name (channel));
  else
    lumctl_print (_("Channel “%s” is archived.\n"), lum_channel_get_name (channel));
  return LUMCTL_EXIT_OK;
}

static const LumctlCommand channel_commands[] = {
  { "create", N_("Create a channel"), channel_create },
  { "list", N_("List the channels"), channel_list },
  { "show", N_("Show a channel"), channel_show },
  { "edit", N_("Change a channel"), channel_edit },
  { "archive", N_("Archive or unarchive a channel"), channel_archive },
  { "test", N_("Test a channel end to end with a test order"), lumctl_channel_test },
  { NULL, NULL, NULL }
};

const LumctlGroup lumctl_channel_group = {
  "channel", N_("Sales channels: where orders come from and how they flow"), channel_commands
};

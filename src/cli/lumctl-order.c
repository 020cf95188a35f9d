/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "lumctl-document.h"
#include "lum-util.h"
#include "flow/lum-conflict-flow.h"

/* The `order` and `invoice` groups; what both share is in lumctl-document.c. */

/* Runs @action on the document given by number, then prints the document
 * (--json) or what @done says of its number. */
typedef gboolean (*DocumentAction) (LumEngine  *engine,
                                    gint64      id,
                                    GError    **error);
typedef void     (*DocumentDone)   (const char *number);

static int
run_document_action (LumctlGlobal     *global,
                     char            **args,
                     LumDocumentKind   kind,
                     const char       *summary,
                     DocumentAction    action,
                     DocumentDone      done)
{
  g_autoptr(GOptionContext) context = lumctl_option_context_new (global, N_("NUMBER"), summary, NULL);
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(LumDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = lumctl_parse (global, context, &args, 1, 1)) != LUMCTL_EXIT_OK)
    return status;
  if ((engine = lumctl_open_engine (global, &error)) == NULL ||
      (doc = lumctl_find_document (engine, kind, args[1], &error)) == NULL ||
      !action (engine, lum_document_get_id (doc), &error))
    return lumctl_fail (error);

  if (global->json)
    return lumctl_print_document (global, engine, kind, lum_document_get_id (doc));
  done (lum_document_get_number (doc));
  return LUMCTL_EXIT_OK;
}

static void
print_pushed_now (const char *number)
{
  lumctl_print (_("The push of sales order %s is due now.\n"), number);
}

static void
print_cancelled (const char *number)
{
  lumctl_print (_("Sales order %s is cancelled.\n"), number);
}

static void
print_voided (const char *number)
{
  lumctl_print (_("Invoice %s is void.\n"), number);
}

/* -- orders ------------------------------------------------------------------ */

static int
order_create (LumctlGlobal  *global,
              char         **args)
{
  return lumctl_document_create (global, args, LUM_DOCUMENT_KIND_SALES_ORDER);
}

static int
order_edit (LumctlGlobal  *global,
            char         **args)
{
  return lumctl_document_edit (global, args, LUM_DOCUMENT_KIND_SALES_ORDER);
}

static int
order_post (LumctlGlobal  *global,
            char         **args)
{
  return lumctl_document_post (global, args, LUM_DOCUMENT_KIND_SALES_ORDER);
}

static int
order_push_now (LumctlGlobal  *global,
                char         **args)
{
  return run_document_action (global, args, LUM_DOCUMENT_KIND_SALES_ORDER,
                              N_("Push a posted sales order now instead of at the end of its channel’s delay."),
                              lum_engine_push_now, print_pushed_now);
}

static int
order_cancel (LumctlGlobal  *global,
              char         **args)
{
  return run_document_action (global, args, LUM_DOCUMENT_KIND_SALES_ORDER,
                              N_("Cancel a sales order that has not shipped. A push not yet sent is cancelled "
                                 "with it; an order the OMS has already received gets a cancel job."),
                              lum_engine_cancel_order, print_cancelled);
}

static int
order_show (LumctlGlobal  *global,
            char         **args)
{
  return lumctl_document_show (global, args, LUM_DOCUMENT_KIND_SALES_ORDER);
}

static int
order_list (LumctlGlobal  *global,
            char         **args)
{
  return lumctl_document_list (global, args, LUM_DOCUMENT_KIND_SALES_ORDER);
}

/* -- shipping ---------------------------------------------------------------- */

typedef struct
{
  char  *carrier;
  char  *tracking;
  char  *service;
  char **lines;
  gboolean force;
} ShipOptions;

static void
ship_options_clear (ShipOptions *o)
{
  g_clear_pointer (&o->carrier, g_free);
  g_clear_pointer (&o->tracking, g_free);
  g_clear_pointer (&o->service, g_free);
  g_clear_pointer (&o->lines, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ShipOptions, ship_options_clear)

static LumShipment *
shipment_from_options (ShipOptions  *o,
                       GError      **error)
{
  g_autoptr(LumShipment) shipment = lum_shipment_new ();

  lum_shipment_set_text (shipment, LUM_SHIPMENT_CARRIER, o->carrier);
  lum_shipment_set_text (shipment, LUM_SHIPMENT_TRACKING_NUMBER, o->tracking);
  lum_shipment_set_text (shipment, LUM_SHIPMENT_SERVICE, o->service);
  for (guint i = 0; o->lines != NULL && o->lines[i] != NULL; i++)
    {
      g_autofree char *sku = NULL;
      gint64 quantity;

      if (!lumctl_parse_line (o->lines[i], FALSE, &sku, &quantity, NULL, error))
        return NULL;
      lum_shipment_add_line (shipment, sku, quantity);
    }
  return g_steal_pointer (&shipment);
}

static gboolean
strv_contains (char       **strv,
               const char  *value)
{
  return strv != NULL && g_strv_contains ((const char * const *)strv, value);
}

static int
order_ship (LumctlGlobal  *global,
            char         **args)
{
  g_auto(ShipOptions) o = { NULL, };
  const GOptionEntry entries[] = {
    { "carrier", 0, 0, G_OPTION_ARG_STRING, &o.carrier, N_("The carrier, such as UPS, FedEx or USPS (required)"),
      N_("CARRIER") },
    { "tracking", 0, 0, G_OPTION_ARG_STRING, &o.tracking, N_("The tracking number (required)"), N_("NUMBER") },
    { "service", 0, 0, G_OPTION_ARG_STRING, &o.service, N_("The carrier’s service, such as Ground"), N_("SERVICE") },
    { "line", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.lines,
      N_("A quantity of a SKU in this shipment; repeat for several (default: everything still open)"),
      N_("SKU:QTY") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &o.force,
      N_("Ship an order sent to an OMS anyway (its warehouse may report a shipment of its own)"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumDocument) shipped = NULL;
  g_autoptr(LumShipment) shipment = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) invoices_before = NULL;
  g_auto(GStrv) invoices_after = NULL;
  g_autoptr(GString) lines = g_string_new (NULL);
  int status;

  context = lumctl_option_context_new (global, N_("NUMBER"),
                                       N_("Mark a posted sales order as shipped, in full or in part: its fulfillment "
                                          "status follows, and a channel that invoices on shipment invoices the "
                                          "shipped quantities."),
                                       entries);
  if ((status = lumctl_parse (global, context, &args, 1, 1)) != LUMCTL_EXIT_OK)
    return status;
  if (o.carrier == NULL)
    return lumctl_usage_error (global, _("Missing option --carrier"));
  if (o.tracking == NULL)
    return lumctl_usage_error (global, _("Missing option --tracking"));

  if ((shipment = shipment_from_options (&o, &error)) == NULL ||
      (engine = lumctl_open_engine (global, &error)) == NULL ||
      (order = lumctl_find_document (engine, LUM_DOCUMENT_KIND_SALES_ORDER, args[1], &error)) == NULL)
    return lumctl_fail (error);
  if (lum_order_is_with_oms (order) && !o.force)
    {
      g_set_error (&error, LUMCTL_ERROR, LUMCTL_ERROR_VALUE,
                   _("Sales order %s was sent to an OMS (push: %s): its warehouse may report a shipment of its own, "
                     "which Lumen then keeps as a conflict to resolve. Mark it as shipped anyway with --force."),
                   lum_document_get_number (order), lum_document_get_text (order, LUM_DOC_PUSH_STATUS));
      return lumctl_fail (error);
    }
  if ((invoices_before = lum_engine_list_order_invoices (engine, lum_document_get_id (order), &error)) == NULL ||
      !lum_engine_record_shipment (engine, lum_document_get_id (order), shipment, LUM_ACTOR_USER, NULL, &error))
    return lumctl_fail (error);

  if (global->json)
    return lumctl_print_document (global, engine, LUM_DOCUMENT_KIND_SALES_ORDER, lum_document_get_id (order));

  if ((shipped = lum_engine_get_document (engine, LUM_DOCUMENT_KIND_SALES_ORDER, lum_document_get_id (order),
                                          &error)) == NULL ||
      (invoices_after = lum_engine_list_order_invoices (engine, lum_document_get_id (order), &error)) == NULL)
    return lumctl_fail (error);

  /* the engine filled in the open quantities when no line was given */
  for (guint i = 0; i < g_list_model_get_n_items (lum_shipment_get_lines (shipment)); i++)
    {
      g_autoptr(LumDocLine) line = g_list_model_get_item (lum_shipment_get_lines (shipment), i);

      g_string_append_printf (lines, "%s%" PRId64 " × %s", i > 0 ? ", " : "",
                              lum_doc_line_get_quantity (line), lum_doc_line_get_sku (line));
    }
  lumctl_print (_("Shipment of %s recorded: %s.\n"), lum_document_get_number (shipped), lines->str);
  lumctl_print (_("Fulfillment: %s.\n"), lum_document_get_text (shipped, LUM_DOC_FULFILLMENT_STATUS));
  for (guint i = 0; invoices_after[i] != NULL; i++)
    if (!strv_contains (invoices_before, invoices_after[i]))
      lumctl_print (_("Invoice %s was made from it.\n"), invoices_after[i]);
  return LUMCTL_EXIT_OK;
}

static int
order_resolve_shipment (LumctlGlobal  *global,
                        char         **args)
{
  g_autofree char *keep = NULL;
  const GOptionEntry entries[] = {
    { "keep", 0, 0, G_OPTION_ARG_STRING, &keep,
      N_("Which tracking number to keep: “warehouse” (the OMS’s) or “mine” (the one recorded by hand)"),
      N_("SIDE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(GListStore) conflicts = NULL;
  g_autoptr(LumShipmentConflict) conflict = NULL;
  g_autoptr(GError) error = NULL;
  gboolean warehouse;
  int status;

  context = lumctl_option_context_new (global, N_("NUMBER"),
                                       N_("Resolve the shipment conflict of a sales order: its warehouse reported a "
                                          "shipment with another tracking number or carrier than the one marked by "
                                          "hand. Both numbers stay on record."),
                                       entries);
  if ((status = lumctl_parse (global, context, &args, 1, 1)) != LUMCTL_EXIT_OK)
    return status;
  if (keep == NULL)
    return lumctl_usage_error (global, _("Missing option --keep (warehouse or mine)"));
  if (!g_str_equal (keep, LUM_CONFLICT_KEEP_WAREHOUSE) && !g_str_equal (keep, LUM_CONFLICT_KEEP_MINE))
    {
      g_autofree char *message = g_strdup_printf (_("--keep “%s” is not one of: warehouse, mine"), keep);
      return lumctl_usage_error (global, "%s", message);
    }
  warehouse = g_str_equal (keep, LUM_CONFLICT_KEEP_WAREHOUSE);

  if ((engine = lumctl_open_engine (global, &error)) == NULL ||
      (order = lumctl_find_document (engine, LUM_DOCUMENT_KIND_SALES_ORDER, args[1], &error)) == NULL ||
      (conflicts = lum_engine_list_shipment_conflicts (engine, lum_document_get_id (order), &error)) == NULL)
    return lumctl_fail (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (conflicts)) && conflict == NULL; i++)
    {
      g_autoptr(LumShipmentConflict) c = g_list_model_get_item (G_LIST_MODEL (conflicts), i);
      if (lum_shipment_conflict_is_open (c))
        conflict = g_steal_pointer (&c);
    }
  if (conflict == NULL)
    {
      g_set_error (&error, LUMCTL_ERROR, LUMCTL_ERROR_VALUE, _("Sales order %s has no open shipment conflict"),
                   lum_document_get_number (order));
      return lumctl_fail (error);
    }
  if (!lum_engine_resolve_shipment_conflict (engine, lum_shipment_conflict_get_int (conflict, LUM_CONFLICT_ID),
                                             warehouse, &error))
    return lumctl_fail (error);

  if (global->json)
    return lumctl_print_document (global, engine, LUM_DOCUMENT_KIND_SALES_ORDER, lum_document_get_id (order));
  lumctl_print (_("Shipment conflict of %s resolved: kept tracking %s; %s stays on record.\n"),
                lum_document_get_number (order),
                lum_shipment_conflict_get_text (conflict, warehouse ? LUM_CONFLICT_TRACKING_NUMBER
                                                                    : LUM_CONFLICT_RECORDED_TRACKING_NUMBER),
                lum_shipment_conflict_get_text (conflict, warehouse ? LUM_CONFLICT_RECORDED_TRACKING_NUMBER
                                                                    : LUM_CONFLICT_TRACKING_NUMBER));
  return LUMCTL_EXIT_OK;
}

/* -- test documents ----------------------------------------------------------- */

static int
order_purge_tests (LumctlGlobal  *global,
                   char         **args)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  guint n_orders = 0;
  guint n_invoices = 0;
  int status;

  context = lumctl_option_context_new (global, "",
                                       N_("Delete the test documents: the sales orders and invoices of channel "
                                          "tests and those created with --test, with their jobs and events."),
                                       NULL);
  if ((status = lumctl_parse (global, context, &args, 0, 0)) != LUMCTL_EXIT_OK)
    return status;
  if ((engine = lumctl_open_engine (global, &error)) == NULL ||
      !lum_engine_purge_test_documents (engine, &n_orders, &n_invoices, &error))
    return lumctl_fail (error);

  if (global->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "sales_orders");
      json_builder_add_int_value (b, n_orders);
      json_builder_set_member_name (b, "invoices");
      json_builder_add_int_value (b, n_invoices);
      json_builder_end_object (b);
      node = json_builder_get_root (b);
      lumctl_print_json (node);
    }
  else
    {
      g_autoptr(LumctlFields) fields = lumctl_fields_new ();
      g_autofree char *orders = g_strdup_printf ("%u", n_orders);
      g_autofree char *invoices = g_strdup_printf ("%u", n_invoices);

      lumctl_fields_add (fields, _("Test sales orders deleted"), orders);
      lumctl_fields_add (fields, _("Test invoices deleted"), invoices);
      lumctl_fields_print (fields);
    }
  return LUMCTL_EXIT_OK;
}

/* -- invoices ---------------------------------------------------------------- */

static int
invoice_create (LumctlGlobal  *global,
                char         **args)
{
  return lumctl_document_create (global, args, LUM_DOCUMENT_KIND_INVOICE);
}

static int
invoice_edit (LumctlGlobal  *global,
              char         **args)
{
  return lumctl_document_edit (global, args, LUM_DOCUMENT_KIND_INVOICE);
}

static int
invoice_post (LumctlGlobal  *global,
              char         **args)
{
  return lumctl_document_post (global, args, LUM_DOCUMENT_KIND_INVOICE);
}

static int
invoice_void (LumctlGlobal  *global,
              char         **args)
{
  return run_document_action (global, args, LUM_DOCUMENT_KIND_INVOICE,
                              N_("Void an invoice. A push to accounting that has not been sent is cancelled."),
                              lum_engine_void_invoice, print_voided);
}

static int
invoice_show (LumctlGlobal  *global,
              char         **args)
{
  return lumctl_document_show (global, args, LUM_DOCUMENT_KIND_INVOICE);
}

static int
invoice_list (LumctlGlobal  *global,
              char         **args)
{
  return lumctl_document_list (global, args, LUM_DOCUMENT_KIND_INVOICE);
}

static const LumctlCommand order_commands[] = {
  { "create", N_("Create a sales order"), order_create },
  { "edit", N_("Change a sales order"), order_edit },
  { "post", N_("Post draft sales orders"), order_post },
  { "push-now", N_("Push a posted sales order now"), order_push_now },
  { "cancel", N_("Cancel a sales order"), order_cancel },
  { "ship", N_("Mark a sales order as shipped"), order_ship },
  { "resolve", N_("Keep the warehouse’s or your tracking number of a shipment conflict"),
    order_resolve_shipment },
  { "show", N_("Show a sales order"), order_show },
  { "list", N_("List sales orders"), order_list },
  { "purge-tests", N_("Delete the test sales orders and invoices"), order_purge_tests },
  { NULL, NULL, NULL }
};

const LumctlGroup lumctl_order_group = {
  "order", N_("Sales orders: create, post, push, ship"), order_commands
};

static const LumctlCommand invoice_commands[] = {
  { "create", N_("Create an invoice in an invoice-first channel"), invoice_create },
  { "edit", N_("Change a draft invoice"), invoice_edit },
  { "post", N_("Post draft invoices"), invoice_post },
  { "void", N_("Void an invoice"), invoice_void },
  { "show", N_("Show an invoice"), invoice_show },
  { "list", N_("List invoices"), invoice_list },
  { NULL, NULL, NULL }
};

const LumctlGroup lumctl_invoice_group = {
  "invoice", N_("Invoices: created in invoice-first channels or made from sales orders"), invoice_commands
};

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "lum-engine-warehouses.h"
#include "lumctl-document.h"
#include "lum-document-json.h"
#include "lum-util.h"
#include "lum-engine-setup.h"
#include "lum-engine-sync.h"
#include "connect/lum-http.h"

/* What sales orders and invoices share on the command line: the document
 * options, create, edit, post, show and list. */

#define LIST_LIMIT_DEFAULT 100
#define LIST_LIMIT_MAX     100000
#define TIMELINE_LIMIT     1000

/* The header fields as options; both kinds take all of them, since the
 * sales order generated from an invoice inherits its header. */
typedef struct
{
  LumDocText   field;
  const char  *option;
  const char  *description;
  const char  *arg;
} TextOption;

static const TextOption text_options[] = {
  { LUM_DOC_SHIPPING_NOTES, "shipping-notes", N_("Notes for the warehouse"), N_("TEXT") },
  { LUM_DOC_SHIPPING_TYPE, "shipping-type", N_("Shipping type or service, such as Ground or LTL"), N_("TYPE") },
  { LUM_DOC_PO_NUMBER, "po", N_("The customer’s purchase order number"), N_("PO") },
  { LUM_DOC_REQUESTED_SHIP_DATE, "requested-ship-date", N_("The date the customer wants it shipped"), N_("YYYY-MM-DD") },
  { LUM_DOC_INTERNAL_NOTES, "internal-notes", N_("Notes for colleagues, never sent"), N_("TEXT") },
  { LUM_DOC_CUSTOMER_NOTES, "customer-notes", N_("Notes from or for the customer"), N_("TEXT") },
  { LUM_DOC_GIFT_MESSAGE, "gift-message", N_("A gift message for the packing slip"), N_("TEXT") },
  { LUM_DOC_SHIP_NAME, "ship-name", N_("Ship-to name; the ship-to starts as the customer’s shipping address, "
                                       "these options change parts of it"), N_("NAME") },
  { LUM_DOC_SHIP_COMPANY, "ship-company", N_("Ship-to company"), N_("COMPANY") },
  { LUM_DOC_SHIP_STREET1, "ship-street1", N_("Ship-to street"), N_("TEXT") },
  { LUM_DOC_SHIP_STREET2, "ship-street2", N_("Ship-to second street line"), N_("TEXT") },
  { LUM_DOC_SHIP_CITY, "ship-city", N_("Ship-to city"), N_("CITY") },
  { LUM_DOC_SHIP_STATE, "ship-state", N_("Ship-to state or region"), N_("STATE") },
  { LUM_DOC_SHIP_POSTAL_CODE, "ship-postal-code", N_("Ship-to postal code"), N_("CODE") },
  { LUM_DOC_SHIP_COUNTRY, "ship-country", N_("Ship-to country"), N_("COUNTRY") },
  { LUM_DOC_SHIP_PHONE, "ship-phone", N_("Ship-to phone number"), N_("PHONE") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (text_options) == LUM_DOC_LAST_EDITABLE - LUM_DOC_FIRST_EDITABLE + 1);

void
lumctl_doc_options_clear (LumctlDocOptions *o)
{
  g_clear_pointer (&o->channel, g_free);
  g_clear_pointer (&o->customer, g_free);
  g_clear_pointer (&o->lines, g_strfreev);
  for (guint i = 0; i < LUM_DOC_N_TEXT; i++)
    g_clear_pointer (&o->text[i], g_free);
}

static gboolean
doc_options_empty (const LumctlDocOptions *o)
{
  if (o->channel != NULL || o->customer != NULL || o->lines != NULL || o->is_test != LUMCTL_UNSET)
    return FALSE;
  for (guint i = 0; i < LUM_DOC_N_TEXT; i++)
    if (o->text[i] != NULL)
      return FALSE;
  return TRUE;
}

static gboolean
ship_to_given (const LumctlDocOptions *o)
{
  for (guint f = LUM_DOC_SHIP_NAME; f <= LUM_DOC_SHIP_PHONE; f++)
    if (o->text[f] != NULL)
      return TRUE;
  return FALSE;
}

const char *
lumctl_document_label (LumDocumentKind kind)
{
  return kind == LUM_DOCUMENT_KIND_SALES_ORDER ? _("Sales order") : _("Invoice");
}

static GOptionContext *
doc_context_new (LumctlGlobal     *global,
                 LumctlDocOptions *o,
                 LumDocumentKind   kind,
                 gboolean          editing)
{
  gboolean order = kind == LUM_DOCUMENT_KIND_SALES_ORDER;
  g_autoptr(GArray) entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
  const GOptionEntry head[] = {
    { "channel", 0, 0, G_OPTION_ARG_STRING, &o->channel,
      editing ? N_("Move a draft to another channel, by name or id")
              : order ? N_("The channel, by name or id (required); it must work sales order first")
                      : N_("The channel, by name or id (required); it must work invoice first"),
      N_("CHANNEL") },
    { "customer", 0, 0, G_OPTION_ARG_STRING, &o->customer,
      editing ? N_("Give a draft to another customer, by name or id")
              : N_("The customer, by name or id (required)"),
      N_("CUSTOMER") },
    { "line", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->lines,
      editing ? N_("A line: quantity of a SKU, and a unit price instead of the product’s; "
                   "repeat for several; replaces all lines")
              : N_("A line: quantity of a SKU, and a unit price instead of the product’s; repeat for several"),
      N_("SKU:QTY[:PRICE]") },
  };
  const GOptionEntry create_tail[] = {
    { "test", 0, 0, G_OPTION_ARG_NONE, &o->is_test, N_("Mark it as a test document, left out of lists"), NULL },
    { "post", 0, 0, G_OPTION_ARG_NONE, &o->post,
      order ? N_("Post it at once, in the same transaction: the push and invoice follow as the channel says")
            : N_("Post it at once, in the same transaction: its sales order follows"),
      NULL },
  };
  const GOptionEntry edit_tail[] = {
    { "test", 0, 0, G_OPTION_ARG_NONE, &o->is_test, N_("Mark a draft as a test document"), NULL },
    { "no-test", 0, G_OPTION_FLAG_REVERSE, G_OPTION_ARG_NONE, &o->is_test,
      N_("Mark a draft as a real document"), NULL },
    { "expect-version", 0, 0, G_OPTION_ARG_INT64, &o->expect_version,
      N_("Save only if the document is still at this version (as shown); refused if someone changed it since"),
      N_("N") },
  };
  GOptionContext *context;

  g_array_append_vals (entries, head, G_N_ELEMENTS (head));
  for (guint i = 0; i < G_N_ELEMENTS (text_options); i++)
    {
      GOptionEntry entry = { text_options[i].option, 0, 0, G_OPTION_ARG_STRING, &o->text[text_options[i].field],
                             text_options[i].description, text_options[i].arg };
      g_array_append_val (entries, entry);
    }
  if (editing)
    g_array_append_vals (entries, edit_tail, G_N_ELEMENTS (edit_tail));
  else
    g_array_append_vals (entries, create_tail, G_N_ELEMENTS (create_tail));

  if (editing)
    context = lumctl_option_context_new (global, N_("NUMBER"),
                                         order ? N_("Change a sales order, given by number (SO-000001, so-1 or 1). "
                                                    "A draft can change everything; a posted order its header and "
                                                    "lines while its push is still waiting. Options that are not "
                                                    "given keep their value; \"\" empties a text.")
                                               : N_("Change a draft invoice, given by number (INV-000001, inv-1 or 1). "
                                                    "Options that are not given keep their value; \"\" empties a text."),
                                         (const GOptionEntry *)(gpointer)entries->data);
  else
    context = lumctl_option_context_new (global, "",
                                         order ? N_("Create a sales order and print its number.")
                                               : N_("Create an invoice in an invoice-first channel and print its number."),
                                         (const GOptionEntry *)(gpointer)entries->data);
  g_option_context_set_description (context,
                                    _("A PRICE such as 12.50 is the unit price; without it the line takes the "
                                      "product’s price. With --json the whole document is printed."));
  return context;
}

/* -- applying the options ---------------------------------------------------- */

/**
 * lumctl_parse_line:
 * @with_price: whether a third part, the unit price, may follow
 * @unit_price_cents: (out) (optional): -1 when no price is given
 *
 * Splits "SKU:QTY[:PRICE]". The values are checked by the engine, except
 * that the quantity must be a number and the price an amount.
 */
gboolean
lumctl_parse_line (const char  *text,
                   gboolean     with_price,
                   char       **sku,
                   gint64      *quantity,
                   gint64      *unit_price_cents,
                   GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ":", -1);
  guint n = g_strv_length (parts);
  g_autofree char *quantity_text = NULL;
  gint64 price = -1;

  if (n < 2 || n > (with_price ? 3u : 2u) || lum_str_empty (parts[0]))
    {
      g_autofree char *shown = lum_text_shown (text);
      g_set_error (error, LUMCTL_ERROR, LUMCTL_ERROR_VALUE,
                   with_price ? _("Line “%s” is not of the form SKU:QTY or SKU:QTY:PRICE")
                              : _("Line “%s” is not of the form SKU:QTY"),
                   shown);
      return FALSE;
    }

  quantity_text = lum_strip_dup (parts[1]);
  if (!g_ascii_string_to_signed (quantity_text, 10, G_MININT64, G_MAXINT64, quantity, NULL))
    {
      g_set_error (error, LUMCTL_ERROR, LUMCTL_ERROR_VALUE,
                   _("Line “%s”: quantity “%s” is not a whole number"), text, parts[1]);
      return FALSE;
    }
  if (n == 3 && !lum_money_parse (parts[2], &price))
    {
      g_autofree char *example = lum_money_example ();

      g_set_error (error, LUMCTL_ERROR, LUMCTL_ERROR_VALUE,
                   _("Line “%s”: unit price “%s” is not an amount such as %s"), text, parts[2], example);
      return FALSE;
    }

  *sku = lum_strip_dup (parts[0]);
  if (unit_price_cents != NULL)
    *unit_price_cents = price;
  return TRUE;
}

/* The customer's shipping address, as the engine fills an empty ship-to,
 * so that a ship-to option changes one part and keeps the others. */
static void
fill_ship_to (LumDocument *doc,
              LumCustomer *customer)
{
  for (guint i = 0; i <= LUM_DOC_SHIP_PHONE - LUM_DOC_SHIP_NAME; i++)
    lum_document_set_text (doc, LUM_DOC_SHIP_NAME + i, lum_customer_get_text (customer, LUM_CUSTOMER_SHIP_NAME + i));
  if (lum_str_empty (lum_document_get_text (doc, LUM_DOC_SHIP_NAME)))
    lum_document_set_text (doc, LUM_DOC_SHIP_NAME, lum_customer_get_name (customer));
}

static gboolean
apply_lines (LumDocument       *doc,
             LumctlDocOptions  *o,
             GError           **error)
{
  if (o->lines == NULL)
    return TRUE;

  lum_document_clear_lines (doc);
  for (guint i = 0; o->lines[i] != NULL; i++)
    {
      g_autofree char *sku = NULL;
      g_autoptr(LumDocLine) line = NULL;
      gint64 quantity, price;

      if (!lumctl_parse_line (o->lines[i], TRUE, &sku, &quantity, &price, error))
        return FALSE;
      line = lum_doc_line_new (sku, quantity, price);
      lum_document_add_line (doc, line);
    }
  return TRUE;
}

/* The engine checks the flow of a new document's channel, not of a draft
 * moved to another channel: the same rule, for an edit. */
static gboolean
check_channel_flow (LumDocument  *doc,
                    LumChannel   *channel,
                    GError      **error)
{
  gboolean invoice_first = lum_channel_get_order_flow (channel) == LUM_ORDER_FLOW_INVOICE_FIRST;

  if (lum_document_get_kind (doc) == LUM_DOCUMENT_KIND_SALES_ORDER && invoice_first)
    {
      g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_CHANNEL,
                   _("Channel “%s” works invoice first: create an invoice there, and its sales order follows"),
                   lum_channel_get_name (channel));
      return FALSE;
    }
  if (lum_document_get_kind (doc) == LUM_DOCUMENT_KIND_INVOICE && !invoice_first)
    {
      g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_CHANNEL,
                   _("Channel “%s” works sales order first: its invoices come from its sales orders"),
                   lum_channel_get_name (channel));
      return FALSE;
    }
  return TRUE;
}

static gboolean
apply_options (LumEngine         *engine,
               LumDocument       *doc,
               LumctlDocOptions  *o,
               GError           **error)
{
  g_autoptr(LumCustomer) customer = NULL;
  gboolean is_new = lum_document_get_id (doc) == 0;

  if (o->channel != NULL)
    {
      g_autoptr(LumChannel) channel = lum_engine_find_channel (engine, o->channel, error);

      if (channel == NULL || (!is_new && !check_channel_flow (doc, channel, error)))
        return FALSE;
      lum_document_set_int (doc, LUM_DOC_CHANNEL_ID, lum_channel_get_id (channel));
    }

  if (o->customer != NULL)
    {
      customer = lum_engine_find_customer (engine, o->customer, error);
      if (customer == NULL)
        return FALSE;
      lum_document_set_int (doc, LUM_DOC_CUSTOMER_ID, lum_customer_get_id (customer));
    }

  if (!apply_lines (doc, o, error))
    return FALSE;

  if (is_new && customer != NULL && ship_to_given (o))
    fill_ship_to (doc, customer);
  for (guint i = 0; i < G_N_ELEMENTS (text_options); i++)
    if (o->text[text_options[i].field] != NULL)
      lum_document_set_text (doc, text_options[i].field, o->text[text_options[i].field]);

  if (o->is_test != LUMCTL_UNSET)
    lum_document_set_is_test (doc, o->is_test);
  return TRUE;
}

/* -- finding and printing ------------------------------------------------------ */

/* By number: "SO-000001", "so-1" or "1". */
LumDocument *
lumctl_find_document (LumEngine        *engine,
                      LumDocumentKind   kind,
                      const char       *number,
                      GError          **error)
{
  return lum_engine_find_document (engine, kind, number, error);
}

static char *
dup_lines_text (GListModel *lines)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(LumDocLine) line = g_list_model_get_item (lines, i);

      g_string_append_printf (text, "%s%" PRId64 " × %s", i > 0 ? ", " : "",
                              lum_doc_line_get_quantity (line), lum_doc_line_get_sku (line));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_header_fields (LumctlFields *fields,
                   LumDocument  *doc,
                   char        **invoices)
{
  gboolean order = lum_document_get_kind (doc) == LUM_DOCUMENT_KIND_SALES_ORDER;
  const char *parts[LUMCTL_ADDRESS_N_PARTS];
  g_autofree char *ship_to = NULL;
  g_autofree char *total = lum_money_format (lum_document_get_total_cents (doc));
  g_autofree char *invoice_list = invoices != NULL ? g_strjoinv (", ", invoices) : NULL;
  g_autofree char *push = NULL;
  g_autofree char *accounting = NULL;
  g_autofree char *version = g_strdup_printf ("%" PRId64, lum_document_get_int (doc, LUM_DOC_VERSION));

  for (guint i = 0; i < LUMCTL_ADDRESS_N_PARTS; i++)
    parts[i] = lum_document_get_text (doc, LUM_DOC_SHIP_NAME + i);
  ship_to = lumctl_dup_address (parts);

  lumctl_fields_add (fields, _("Number"), lum_document_get_number (doc));
  if (!order)
    lumctl_fields_add (fields, _("Type"), lum_document_get_text (doc, LUM_DOC_INVOICE_TYPE_NAME));
  lumctl_fields_add (fields, _("Status"), lum_document_get_status (doc));
  lumctl_fields_add (fields, _("Version"), version);
  lumctl_fields_add (fields, _("Channel"), lum_document_get_text (doc, LUM_DOC_CHANNEL_NAME));
  lumctl_fields_add (fields, _("Customer"), lum_document_get_text (doc, LUM_DOC_CUSTOMER_NAME));
  if (order)
    {
      const char *status = lum_document_get_text (doc, LUM_DOC_PUSH_STATUS);
      const char *due = lum_document_get_text (doc, LUM_DOC_PUSH_DUE_AT);
      const char *remote_id = lum_document_get_text (doc, LUM_DOC_REMOTE_ID);

      if (g_strcmp0 (status, LUM_PUSH_SCHEDULED) == 0 && !lum_str_empty (due))
        push = g_strdup_printf (_("%s, due at %s"), status, due);
      else if (!lum_str_empty (remote_id))
        push = g_strdup_printf (_("%s, remote id %s"), status, remote_id);
      else
        push = g_strdup (status);
      lumctl_fields_add (fields, _("Push"), push);
      lumctl_fields_add (fields, _("Fulfillment"), lum_document_get_text (doc, LUM_DOC_FULFILLMENT_STATUS));
      lumctl_fields_add (fields, _("Invoices"), lum_str_empty (invoice_list) ? _("none") : invoice_list);
    }
  else
    {
      const char *status = lum_document_get_text (doc, LUM_DOC_ACCOUNTING_STATUS);
      const char *accounting_id = lum_document_get_text (doc, LUM_DOC_ACCOUNTING_ID);

      accounting = lum_str_empty (accounting_id) ? g_strdup (status)
                                                 : g_strdup_printf (_("%s, id %s"), status, accounting_id);
      lumctl_fields_add (fields, _("Sales order"), lum_str_empty (lum_document_get_text (doc, LUM_DOC_LINKED_NUMBER))
                                                   ? _("none") : lum_document_get_text (doc, LUM_DOC_LINKED_NUMBER));
      lumctl_fields_add_nonempty (fields, _("Issue date"), lum_document_get_text (doc, LUM_DOC_ISSUE_DATE));
      lumctl_fields_add_nonempty (fields, _("Due date"), lum_document_get_text (doc, LUM_DOC_DUE_DATE));
      lumctl_fields_add (fields, _("Accounting"), accounting);
    }
  lumctl_fields_add (fields, _("Total"), total);
  lumctl_fields_add_nonempty (fields, _("Ship to"), ship_to);
  lumctl_fields_add_nonempty (fields, _("Shipping notes"), lum_document_get_text (doc, LUM_DOC_SHIPPING_NOTES));
  lumctl_fields_add_nonempty (fields, _("Shipping type"), lum_document_get_text (doc, LUM_DOC_SHIPPING_TYPE));
  lumctl_fields_add_nonempty (fields, _("Requested ship date"),
                              lum_document_get_text (doc, LUM_DOC_REQUESTED_SHIP_DATE));
  lumctl_fields_add_nonempty (fields, _("PO number"), lum_document_get_text (doc, LUM_DOC_PO_NUMBER));
  lumctl_fields_add_nonempty (fields, _("Internal notes"), lum_document_get_text (doc, LUM_DOC_INTERNAL_NOTES));
  lumctl_fields_add_nonempty (fields, _("Customer notes"), lum_document_get_text (doc, LUM_DOC_CUSTOMER_NOTES));
  lumctl_fields_add_nonempty (fields, _("Gift message"), lum_document_get_text (doc, LUM_DOC_GIFT_MESSAGE));
  if (lum_document_get_is_test (doc))
    lumctl_fields_add (fields, _("Test"), lumctl_yes_no (TRUE));
  lumctl_fields_add (fields, _("UUID"), lum_document_get_text (doc, LUM_DOC_UUID));
  lumctl_fields_add (fields, _("Created"), lum_document_get_text (doc, LUM_DOC_CREATED_AT));
  lumctl_fields_add_nonempty (fields, _("Posted"), lum_document_get_text (doc, LUM_DOC_POSTED_AT));
  lumctl_fields_add_nonempty (fields, order ? _("Cancelled") : _("Voided"),
                              lum_document_get_text (doc, LUM_DOC_ENDED_AT));
}

static void
print_section (const char *title)
{
  lumctl_print ("\n%s\n", title);
}

static void
print_lines_table (LumDocument *doc)
{
  GListModel *lines = lum_document_get_lines (doc);
  g_autoptr(LumctlTable) table = NULL;

  print_section (_("Lines:"));
  if (g_list_model_get_n_items (lines) == 0)
    {
      lumctl_print ("%s\n", _("none"));
      return;
    }
  table = lumctl_table_new (5, _("SKU"), _("Description"), _("Quantity"), _("Unit price"), _("Amount"));
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(LumDocLine) line = g_list_model_get_item (lines, i);
      g_autofree char *quantity = g_strdup_printf ("%" PRId64, lum_doc_line_get_quantity (line));
      g_autofree char *price = lum_money_format (lum_doc_line_get_unit_price_cents (line));
      g_autofree char *amount = lum_money_format (lum_doc_line_get_total_cents (line));

      lumctl_table_add_row (table, lum_doc_line_get_sku (line), lum_doc_line_get_description (line),
                            quantity, price, amount);
    }
  lumctl_table_print (table);
}

static void
print_shipments_table (GListModel *shipments)
{
  g_autoptr(LumctlTable) table = NULL;

  if (g_list_model_get_n_items (shipments) == 0)
    return;
  print_section (_("Shipments:"));
  table = lumctl_table_new (6, _("Shipped at"), _("Carrier"), _("Service"), _("Tracking number"), _("Lines"),
                            _("Tracking link"));
  for (guint i = 0; i < g_list_model_get_n_items (shipments); i++)
    {
      g_autoptr(LumShipment) s = g_list_model_get_item (shipments, i);
      g_autofree char *lines = dup_lines_text (lum_shipment_get_lines (s));
      g_autofree char *url = lum_shipment_dup_tracking_url (s);
      g_autofree char *tracking = NULL;

      if (lum_shipment_get_int (s, LUM_SHIPMENT_VOIDED))
        tracking = g_strdup_printf (_("%s (voided)"), lum_shipment_get_text (s, LUM_SHIPMENT_TRACKING_NUMBER));
      else
        tracking = g_strdup (lum_shipment_get_text (s, LUM_SHIPMENT_TRACKING_NUMBER));
      lumctl_table_add_row (table, lum_shipment_get_text (s, LUM_SHIPMENT_SHIPPED_AT),
                            lum_shipment_get_text (s, LUM_SHIPMENT_CARRIER),
                            lum_shipment_get_text (s, LUM_SHIPMENT_SERVICE), tracking, lines, url);
    }
  lumctl_table_print (table);
}

static void
print_conflicts_table (GListModel *conflicts)
{
  g_autoptr(LumctlTable) table = NULL;

  if (g_list_model_get_n_items (conflicts) == 0)
    return;
  print_section (_("Shipment conflicts:"));
  table = lumctl_table_new (5, _("Reported at"), _("Warehouse’s tracking"), _("Recorded by hand"), _("Differs in"),
                            _("State"));
  for (guint i = 0; i < g_list_model_get_n_items (conflicts); i++)
    {
      g_autoptr(LumShipmentConflict) c = g_list_model_get_item (conflicts, i);
      g_autofree char *difference = lum_shipment_conflict_dup_difference (c);
      g_autofree char *theirs = g_strdup_printf ("%s %s", lum_shipment_conflict_get_text (c, LUM_CONFLICT_CARRIER),
                                                 lum_shipment_conflict_get_text (c, LUM_CONFLICT_TRACKING_NUMBER));
      g_autofree char *mine = g_strdup_printf ("%s %s",
                                               lum_shipment_conflict_get_text (c, LUM_CONFLICT_RECORDED_CARRIER),
                                               lum_shipment_conflict_get_text (c,
                                                                               LUM_CONFLICT_RECORDED_TRACKING_NUMBER));
      const char *resolution = lum_shipment_conflict_get_text (c, LUM_CONFLICT_RESOLUTION);
      const char *state = lum_shipment_conflict_is_open (c) ? _("open: order resolve --keep warehouse|mine")
                          : g_str_equal (resolution, LUM_CONFLICT_KEEP_WAREHOUSE) ? _("kept the warehouse’s")
                          : _("kept mine");

      lumctl_table_add_row (table, lum_shipment_conflict_get_text (c, LUM_CONFLICT_CREATED_AT), theirs, mine,
                            difference, state);
    }
  lumctl_table_print (table);
}

static void
print_jobs_table (GListModel *jobs)
{
  g_autoptr(LumctlTable) table = NULL;

  if (g_list_model_get_n_items (jobs) == 0)
    return;
  print_section (_("Jobs:"));
  table = lumctl_table_new (7, _("ID"), _("Kind"), _("State"), _("Integration"), _("Due"), _("Attempts"),
                            _("Last error"));
  for (guint i = 0; i < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr(LumJob) job = g_list_model_get_item (jobs, i);
      g_autofree char *id = g_strdup_printf ("%" PRId64, lum_job_get_id (job));
      g_autofree char *attempts = g_strdup_printf ("%" PRId64 "/%" PRId64,
                                                   lum_job_get_int (job, LUM_JOB_ATTEMPTS),
                                                   lum_job_get_int (job, LUM_JOB_MAX_ATTEMPTS));

      lumctl_table_add_row (table, id, lum_job_get_text (job, LUM_JOB_KIND_TEXT),
                            lum_job_get_text (job, LUM_JOB_STATE_TEXT),
                            lum_job_get_text (job, LUM_JOB_INTEGRATION_NAME),
                            lum_job_get_text (job, LUM_JOB_DUE_AT), attempts,
                            lum_job_get_text (job, LUM_JOB_LAST_ERROR));
    }
  lumctl_table_print (table);
}

/* What the newest job of each integration and kind sent, and what came
 * back: the exact body, as the channel test shows it. */
static void
print_sent (LumEngine  *engine,
            GListModel *jobs)
{
  g_autoptr(GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr(LumJob) job = g_list_model_get_item (jobs, i);
      g_autofree char *key = g_strdup_printf ("%" PRId64 "/%s", lum_job_get_int (job, LUM_JOB_INTEGRATION_ID),
                                              lum_job_get_text (job, LUM_JOB_KIND_TEXT));
      g_autofree char *title = NULL;
      g_autofree char *body = NULL;
      g_autofree char *answer = NULL;
      g_autofree char *link = NULL;
      gint64 status = lum_job_get_int (job, LUM_JOB_ANSWER_STATUS);

      if (lum_str_empty (lum_job_get_text (job, LUM_JOB_SENT_METHOD)) || g_hash_table_contains (shown, key))
        continue;
      g_hash_table_add (shown, g_steal_pointer (&key));
      title = g_strdup_printf (_("Sent to %s (job %" PRId64 "):"), lum_job_get_text (job, LUM_JOB_INTEGRATION_NAME),
                               lum_job_get_id (job));
      print_section (title);
      lumctl_print ("%s %s\n", lum_job_get_text (job, LUM_JOB_SENT_METHOD), lum_job_get_text (job, LUM_JOB_SENT_PATH));
      body = lum_http_dup_pretty_body (lum_job_get_text (job, LUM_JOB_SENT_BODY));
      lumctl_print ("%s\n", body ? body : _("(no body)"));
      if (status == 0)
        lumctl_print ("%s\n", _("Answer: none came"));
      else
        {
          answer = lum_http_dup_pretty_body (lum_job_get_text (job, LUM_JOB_ANSWER_BODY));
          lumctl_print (_("Answer: HTTP %" PRId64 "\n"), status);
          if (answer != NULL)
            lumctl_print ("%s\n", answer);
        }
      link = lum_engine_dup_job_web_link (engine, job);
      if (link != NULL)
        lumctl_print (_("Open in the web app: %s\n"), link);
    }
}

static void
print_timeline (GListModel *events)
{
  g_autoptr(LumctlTable) table = lumctl_table_new (4, _("At"), _("Actor"), _("By"), _("Event"));

  print_section (_("Timeline:"));
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(LumEvent) event = g_list_model_get_item (events, i);
      g_autofree char *raw = lum_event_dup_summary (event);
      /* times inside the sentence as the window writes them */
      g_autofree char *summary = lum_time_format_in_text (raw);

      lumctl_table_add_row (table, lum_event_get_text (event, LUM_EVENT_AT),
                            lum_event_get_text (event, LUM_EVENT_ACTOR),
                            lum_event_get_text (event, LUM_EVENT_ACTOR_NAME), summary);
    }
  lumctl_table_print (table);
}

static gboolean
print_document_text (LumEngine    *engine,
                     LumDocument  *doc,
                     GError      **error)
{
  gboolean order = lum_document_get_kind (doc) == LUM_DOCUMENT_KIND_SALES_ORDER;
  gint64 id = lum_document_get_id (doc);
  LumJobFilter filter = { order ? id : 0, order ? 0 : id, NULL, 0 };
  g_autoptr(LumctlFields) fields = lumctl_fields_new ();
  g_auto(GStrv) invoices = NULL;
  g_autoptr(GListStore) shipments = NULL;
  g_autoptr(GListStore) conflicts = NULL;
  g_autoptr(GListStore) jobs = NULL;
  g_autoptr(GListStore) events = NULL;

  if (order && ((invoices = lum_engine_list_order_invoices (engine, id, error)) == NULL ||
                (shipments = lum_engine_list_shipments (engine, id, error)) == NULL ||
                (conflicts = lum_engine_list_shipment_conflicts (engine, id, error)) == NULL))
    return FALSE;
  if ((jobs = lum_engine_list_jobs (engine, &filter, error)) == NULL ||
      (events = lum_engine_list_events (engine, order ? id : 0, order ? 0 : id, TIMELINE_LIMIT, error)) == NULL)
    return FALSE;

  add_header_fields (fields, doc, invoices);
  if (order)
    {
      g_autoptr(LumShipFrom) ship_from = NULL;
      g_autofree char *text = NULL;
      GError *local_error = NULL;

      ship_from = lum_engine_get_ship_from (engine, id, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      text = ship_from != NULL ? lum_ship_from_describe (ship_from) : g_strdup (_("chosen when it is pushed"));
      lumctl_fields_add (fields, _("Ships from"), text);
    }
  lumctl_fields_print (fields);
  print_lines_table (doc);
  if (order && !lumctl_print_fulfillments (engine, doc, error))
    return FALSE;
  if (shipments != NULL)
    print_shipments_table (G_LIST_MODEL (shipments));
  if (conflicts != NULL)
    print_conflicts_table (G_LIST_MODEL (conflicts));
  print_jobs_table (G_LIST_MODEL (jobs));
  print_sent (engine, G_LIST_MODEL (jobs));
  print_timeline (G_LIST_MODEL (events));
  return TRUE;
}

/* Reads the document as stored and prints it: `show`, and what the other
 * commands print with --json. */
int
lumctl_print_document (LumctlGlobal    *global,
                       LumEngine       *engine,
                       LumDocumentKind  kind,
                       gint64           id)
{
  g_autoptr(LumDocument) doc = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  if ((doc = lum_engine_get_document (engine, kind, id, &error)) == NULL)
    return lumctl_fail (error);

  if (!global->json)
    return print_document_text (engine, doc, &error) ? LUMCTL_EXIT_OK : lumctl_fail (error);

  if ((node = lum_engine_document_to_json (engine, doc, &error)) == NULL)
    return lumctl_fail (error);
  /* "ship_from": where a pushed order ships from and why, or null */
  if (kind == LUM_DOCUMENT_KIND_SALES_ORDER && JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(LumShipFrom) ship_from = lum_engine_get_ship_from (engine, id, &error);
      g_autofree char *json = NULL;
      g_autoptr(JsonNode) parsed = NULL;

      if (error != NULL)
        return lumctl_fail (error);
      if (ship_from != NULL)
        {
          g_autofree char *text = lum_ship_from_describe (ship_from);

          json = lum_ship_from_to_json (ship_from);
          parsed = json_from_string (json, NULL);
          if (parsed != NULL && JSON_NODE_HOLDS_OBJECT (parsed))
            json_object_set_string_member (json_node_get_object (parsed), "description", text);
        }
      if (parsed != NULL)
        json_object_set_member (json_node_get_object (node), "ship_from", g_steal_pointer (&parsed));
      else
        json_object_set_null_member (json_node_get_object (node), "ship_from");
      if (!lumctl_add_fulfillments_json (engine, doc, json_node_get_object (node), &error))
        return lumctl_fail (error);
    }
  lumctl_print_json (node);
  return LUMCTL_EXIT_OK;
}

/* -- create, edit, post, show ---------------------------------------------------- */

int
lumctl_document_create (LumctlGlobal     *global,
                        char            **args,
                        LumDocumentKind   kind)
{
  g_auto(LumctlDocOptions) o = LUMCTL_DOC_OPTIONS_INIT;
  g_autoptr(GOptionContext) context = doc_context_new (global, &o, kind, FALSE);
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(LumDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  gboolean created;
  int status;

  if ((status = lumctl_parse (global, context, &args, 0, 0)) != LUMCTL_EXIT_OK)
    return status;
  if (o.channel == NULL)
    return lumctl_usage_error (global, _("Missing option --channel"));
  if (o.customer == NULL)
    return lumctl_usage_error (global, _("Missing option --customer"));

  doc = lum_document_new (kind);
  if ((engine = lumctl_open_engine (global, &error)) == NULL ||
      !apply_options (engine, doc, &o, &error))
    return lumctl_fail (error);

  created = o.post ? lum_engine_create_and_post_document (engine, doc, &error)
                   : lum_engine_create_document (engine, doc, &error);
  if (!created)
    return lumctl_fail (error);

  if (global->json)
    return lumctl_print_document (global, engine, kind, lum_document_get_id (doc));
  lumctl_print ("%s\n", lum_document_get_number (doc));
  return LUMCTL_EXIT_OK;
}

int
lumctl_document_edit (LumctlGlobal     *global,
                      char            **args,
                      LumDocumentKind   kind)
{
  g_auto(LumctlDocOptions) o = LUMCTL_DOC_OPTIONS_INIT;
  g_autoptr(GOptionContext) context = doc_context_new (global, &o, kind, TRUE);
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(LumDocument) stored = NULL;
  g_autoptr(LumDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = lumctl_parse (global, context, &args, 1, 1)) != LUMCTL_EXIT_OK)
    return status;
  if (doc_options_empty (&o))
    return lumctl_usage_error (global, _("Nothing to change: give at least one option"));

  if ((engine = lumctl_open_engine (global, &error)) == NULL ||
      (stored = lumctl_find_document (engine, kind, args[1], &error)) == NULL)
    return lumctl_fail (error);
  doc = lum_document_copy (stored);
  /* the version a script read before: a change since then is refused */
  if (o.expect_version > 0)
    lum_document_set_int (doc, LUM_DOC_VERSION, o.expect_version);
  if (!apply_options (engine, doc, &o, &error) ||
      !lum_engine_update_document (engine, doc, &error))
    return lumctl_fail (error);

  if (global->json)
    return lumctl_print_document (global, engine, kind, lum_document_get_id (doc));
  lumctl_print ("%s\n", lum_document_get_number (doc));
  return LUMCTL_EXIT_OK;
}

/* What posting brought: the push, the invoices, the generated order. */
static void
print_posted (LumEngine   *engine,
              LumDocument *doc)
{
  gboolean order = lum_document_get_kind (doc) == LUM_DOCUMENT_KIND_SALES_ORDER;
  g_autoptr(LumDocument) linked = NULL;
  LumDocument *the_order = doc;

  lumctl_print (order ? _("Sales order %s is posted.\n") : _("Invoice %s is posted.\n"), lum_document_get_number (doc));
  if (!order)
    {
      linked = lum_engine_get_document (engine, LUM_DOCUMENT_KIND_SALES_ORDER,
                                        lum_document_get_int (doc, LUM_DOC_LINKED_ID), NULL);
      if (linked == NULL)
        return;
      lumctl_print (_("Sales order %s was generated from it.\n"), lum_document_get_number (linked));
      the_order = linked;
    }

  if (g_strcmp0 (lum_document_get_text (the_order, LUM_DOC_PUSH_STATUS), LUM_PUSH_SCHEDULED) == 0)
    lumctl_print (_("The push of %s is due at %s.\n"), lum_document_get_number (the_order),
             lum_document_get_text (the_order, LUM_DOC_PUSH_DUE_AT));

  if (order)
    {
      g_auto(GStrv) invoices = lum_engine_list_order_invoices (engine, lum_document_get_id (doc), NULL);

      for (guint i = 0; invoices != NULL && invoices[i] != NULL; i++)
        lumctl_print (_("Invoice %s was made from it.\n"), invoices[i]);
    }
  else if (g_strcmp0 (lum_document_get_text (doc, LUM_DOC_ACCOUNTING_STATUS), LUM_PUSH_SCHEDULED) == 0)
    lumctl_print (_("Its push to accounting is scheduled.\n"));
}

/* Each document is posted in a transaction of its own; the numbers are all
 * looked up first, so that a mistyped one posts nothing. */
int
lumctl_document_post (LumctlGlobal     *global,
                      char            **args,
                      LumDocumentKind   kind)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify)json_node_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  int status;

  context = lumctl_option_context_new (global, N_("NUMBER…"),
                                       kind == LUM_DOCUMENT_KIND_SALES_ORDER
                                       ? N_("Post draft sales orders: each gets its push and invoice as its channel "
                                            "says, in a transaction of its own.")
                                       : N_("Post draft invoices: each generates its sales order, in a transaction "
                                            "of its own."),
                                       NULL);
  g_option_context_set_description (context,
                                    _("The documents are posted in the order given. When one is refused, "
                                      "lumenctl stops there: those before it stay posted, the others stay "
                                      "drafts. With --json an array of the posted documents is printed."));
  if ((status = lumctl_parse (global, context, &args, 1, G_MAXUINT)) != LUMCTL_EXIT_OK)
    return status;
  if ((engine = lumctl_open_engine (global, &error)) == NULL)
    return lumctl_fail (error);

  for (guint i = 1; args[i] != NULL; i++)
    {
      g_autoptr(LumDocument) doc = lumctl_find_document (engine, kind, args[i], &error);
      gint64 id;

      if (doc == NULL)
        return lumctl_fail (error);
      id = lum_document_get_id (doc);
      if (g_hash_table_contains (seen, &id))
        continue;
      g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
      g_ptr_array_add (docs, g_steal_pointer (&doc));
    }

  for (guint i = 0; i < docs->len; i++)
    {
      LumDocument *doc = g_ptr_array_index (docs, i);
      g_autoptr(LumDocument) posted = NULL;

      if (!lum_engine_post_document (engine, kind, lum_document_get_id (doc), &error) ||
          (posted = lum_engine_get_document (engine, kind, lum_document_get_id (doc), &error)) == NULL)
        {
          if (global->json && nodes->len > 0)
            lumctl_print_json_array (nodes);
          return lumctl_fail (error);
        }

      if (global->json)
        {
          JsonNode *node = lum_engine_document_to_json (engine, posted, &error);

          if (node == NULL)
            return lumctl_fail (error);
          g_ptr_array_add (nodes, node);
        }
      else
        print_posted (engine, posted);
    }

  if (global->json)
    lumctl_print_json_array (nodes);
  return LUMCTL_EXIT_OK;
}

int
lumctl_document_show (LumctlGlobal     *global,
                      char            **args,
                      LumDocumentKind   kind)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(LumDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  context = lumctl_option_context_new (global, N_("NUMBER"),
                                       kind == LUM_DOCUMENT_KIND_SALES_ORDER
                                       ? N_("Show a sales order, given by number (SO-000001, so-1 or 1): its lines, "
                                            "invoices, shipments, jobs and timeline.")
                                       : N_("Show an invoice, given by number (INV-000001, inv-1 or 1): its lines, "
                                            "jobs and timeline."),
                                       NULL);
  if ((status = lumctl_parse (global, context, &args, 1, 1)) != LUMCTL_EXIT_OK)
    return status;
  if ((engine = lumctl_open_engine (global, &error)) == NULL ||
      (doc = lumctl_find_document (engine, kind, args[1], &error)) == NULL)
    return lumctl_fail (error);
  return lumctl_print_document (global, engine, kind, lum_document_get_id (doc));
}

/* -- list ------------------------------------------------------------------------ */

typedef struct
{
  char     *channel;
  char     *status;
  char     *push_status;
  char     *fulfillment;
  char     *accounting;
  char     *search;
  char     *sort;
  gboolean  descending;
  char     *limit;
  char     *offset;
  gboolean  include_test;
} ListOptions;

static void
list_options_clear (ListOptions *o)
{
  g_clear_pointer (&o->channel, g_free);
  g_clear_pointer (&o->status, g_free);
  g_clear_pointer (&o->push_status, g_free);
  g_clear_pointer (&o->fulfillment, g_free);
  g_clear_pointer (&o->accounting, g_free);
  g_clear_pointer (&o->search, g_free);
  g_clear_pointer (&o->sort, g_free);
  g_clear_pointer (&o->limit, g_free);
  g_clear_pointer (&o->offset, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ListOptions, list_options_clear)

static const char * const order_statuses[] = { LUM_STATUS_DRAFT, LUM_STATUS_POSTED, LUM_STATUS_CANCELLED, NULL };
static const char * const invoice_statuses[] = { LUM_STATUS_DRAFT, LUM_STATUS_POSTED, LUM_STATUS_VOID, NULL };
static const char * const push_statuses[] = {
  LUM_PUSH_NOT_PUSHED, LUM_PUSH_SCHEDULED, LUM_PUSH_PUSHED, LUM_PUSH_FAILED, NULL
};
static const char * const fulfillment_statuses[] = {
  LUM_FULFILLMENT_UNFULFILLED, LUM_FULFILLMENT_PARTIAL, LUM_FULFILLMENT_FULFILLED, NULL
};

typedef struct
{
  const char *name;
  LumDocSort  sort;
} SortName;

static const SortName order_sorts[] = {
  { "number", LUM_DOC_SORT_NUMBER }, { "customer", LUM_DOC_SORT_CUSTOMER }, { "total", LUM_DOC_SORT_TOTAL },
  { "status", LUM_DOC_SORT_STATUS }, { "push-status", LUM_DOC_SORT_PUSH_STATUS },
  { "fulfillment", LUM_DOC_SORT_FULFILLMENT }, { NULL, 0 }
};
static const SortName invoice_sorts[] = {
  { "number", LUM_DOC_SORT_NUMBER }, { "customer", LUM_DOC_SORT_CUSTOMER }, { "total", LUM_DOC_SORT_TOTAL },
  { "status", LUM_DOC_SORT_STATUS }, { "accounting", LUM_DOC_SORT_ACCOUNTING }, { NULL, 0 }
};

static gboolean
parse_sort (const char      *name,
            const SortName  *sorts,
            LumDocSort      *sort,
            GError         **error)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) choices = NULL;

  for (const SortName *s = sorts; s->name != NULL; s++)
    {
      if (g_str_equal (s->name, name))
        {
          *sort = s->sort;
          return TRUE;
        }
      g_strv_builder_add (names, s->name);
    }
  choices = g_strv_builder_end (names);
  return lumctl_check_choice (_("Sort"), name, (const char * const *)choices, error);
}

static GOptionContext *
list_context_new (LumctlGlobal    *global,
                  ListOptions     *o,
                  LumDocumentKind  kind)
{
  gboolean order = kind == LUM_DOCUMENT_KIND_SALES_ORDER;
  const GOptionEntry entries[] = {
    { "channel", 0, 0, G_OPTION_ARG_STRING, &o->channel, N_("Only this channel’s, by name or id"), N_("CHANNEL") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &o->status,
      order ? N_("Only this status: draft, posted or cancelled") : N_("Only this status: draft, posted or void"),
      N_("STATUS") },
    { order ? "push-status" : "accounting-status", 0, 0, G_OPTION_ARG_STRING,
      order ? &o->push_status : &o->accounting,
      N_("Only this push status: not-pushed, scheduled, pushed or failed"), N_("STATUS") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &o->search,
      N_("Only those whose number, customer or PO number starts with TEXT"), N_("TEXT") },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &o->sort,
      order ? N_("Sort by number (default), customer, total, status, push-status or fulfillment")
            : N_("Sort by number (default), customer, total, status or accounting"),
      N_("KEY") },
    { "desc", 0, 0, G_OPTION_ARG_NONE, &o->descending, N_("Sort in descending order"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_STRING, &o->limit, N_("At most N rows (default: 100)"), N_("N") },
    { "offset", 0, 0, G_OPTION_ARG_STRING, &o->offset, N_("Skip the first N rows"), N_("N") },
    { "include-test", 0, 0, G_OPTION_ARG_NONE, &o->include_test, N_("List test documents too"), NULL },
    /* orders only: for invoices a NULL name ends the entries here */
    { order ? "fulfillment" : NULL, 0, 0, G_OPTION_ARG_STRING, &o->fulfillment,
      N_("Only this fulfillment status: unfulfilled, partially-fulfilled or fulfilled"), N_("STATUS") },
    G_OPTION_ENTRY_NULL
  };

  return lumctl_option_context_new (global, "",
                                    order ? N_("List sales orders, a page at a time.")
                                          : N_("List invoices, a page at a time."),
                                    entries);
}

/* Turns the options into a query; every value is checked, so a typo
 * is an error rather than an empty list. */
static gboolean
build_query (LumEngine         *engine,
             ListOptions       *o,
             LumDocumentQuery  *q,
             guint             *limit,
             guint             *offset,
             GError           **error)
{
  gboolean order = q->kind == LUM_DOCUMENT_KIND_SALES_ORDER;

  if (!lumctl_check_choice (_("Status"), o->status, order ? order_statuses : invoice_statuses, error) ||
      !lumctl_check_choice (_("Push status"), o->push_status, push_statuses, error) ||
      !lumctl_check_choice (_("Accounting status"), o->accounting, push_statuses, error) ||
      !lumctl_check_choice (_("Fulfillment status"), o->fulfillment, fulfillment_statuses, error) ||
      (o->sort != NULL && !parse_sort (o->sort, order ? order_sorts : invoice_sorts, &q->sort, error)) ||
      (o->limit != NULL && !lumctl_parse_count (_("Limit"), o->limit, 1, LIST_LIMIT_MAX, limit, error)) ||
      (o->offset != NULL && !lumctl_parse_count (_("Offset"), o->offset, 0, G_MAXINT, offset, error)))
    return FALSE;

  if (o->channel != NULL)
    {
      g_autoptr(LumChannel) channel = lum_engine_find_channel (engine, o->channel, error);

      if (channel == NULL)
        return FALSE;
      q->channel_id = lum_channel_get_id (channel);
    }
  q->status = o->status;
  q->push_status = o->push_status;
  q->fulfillment_status = o->fulfillment;
  q->accounting_status = o->accounting;
  q->search = o->search;
  q->include_test = o->include_test;
  q->descending = o->descending;
  return TRUE;
}

static char *
dup_date (const char *timestamp)
{
  return g_strndup (timestamp ? timestamp : "", 10);
}

static LumctlTable *
list_table_new (LumDocumentKind kind)
{
  if (kind == LUM_DOCUMENT_KIND_SALES_ORDER)
    return lumctl_table_new (9, _("Number"), _("Created"), _("Channel"), _("Customer"), _("Status"), _("Push"),
                             _("Fulfillment"), _("Total"), _("PO number"));
  return lumctl_table_new (9, _("Number"), _("Created"), _("Channel"), _("Customer"), _("Type"), _("Status"),
                           _("Accounting"), _("Total"), _("Sales order"));
}

static void
list_table_add (LumctlTable *table,
                LumDocument *doc)
{
  g_autofree char *created = dup_date (lum_document_get_text (doc, LUM_DOC_CREATED_AT));
  g_autofree char *total = lum_money_format (lum_document_get_total_cents (doc));

  if (lum_document_get_kind (doc) == LUM_DOCUMENT_KIND_SALES_ORDER)
    lumctl_table_add_row (table, lum_document_get_number (doc), created,
                          lum_document_get_text (doc, LUM_DOC_CHANNEL_NAME),
                          lum_document_get_text (doc, LUM_DOC_CUSTOMER_NAME), lum_document_get_status (doc),
                          lum_document_get_text (doc, LUM_DOC_PUSH_STATUS),
                          lum_document_get_text (doc, LUM_DOC_FULFILLMENT_STATUS), total,
                          lum_document_get_text (doc, LUM_DOC_PO_NUMBER));
  else
    lumctl_table_add_row (table, lum_document_get_number (doc), created,
                          lum_document_get_text (doc, LUM_DOC_CHANNEL_NAME),
                          lum_document_get_text (doc, LUM_DOC_CUSTOMER_NAME),
                          lum_document_get_text (doc, LUM_DOC_INVOICE_TYPE_NAME), lum_document_get_status (doc),
                          lum_document_get_text (doc, LUM_DOC_ACCOUNTING_STATUS), total,
                          lum_document_get_text (doc, LUM_DOC_LINKED_NUMBER));
}

int
lumctl_document_list (LumctlGlobal     *global,
                      char            **args,
                      LumDocumentKind   kind)
{
  g_auto(ListOptions) o = { NULL, };
  g_autoptr(GOptionContext) context = list_context_new (global, &o, kind);
  LumDocumentQuery q = { .kind = kind, .sort = LUM_DOC_SORT_NUMBER };
  g_autoptr(LumEngine) engine = NULL;
  g_autoptr(GListStore) docs = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LumctlTable) table = NULL;
  guint limit = LIST_LIMIT_DEFAULT, offset = 0, n;
  gint64 count;
  int status;

  if ((status = lumctl_parse (global, context, &args, 0, 0)) != LUMCTL_EXIT_OK)
    return status;
  if ((engine = lumctl_open_engine (global, &error)) == NULL ||
      !build_query (engine, &o, &q, &limit, &offset, &error) ||
      (docs = lum_engine_query_documents (engine, &q, offset, limit, &error)) == NULL)
    return lumctl_fail (error);
  n = g_list_model_get_n_items (G_LIST_MODEL (docs));

  if (global->json)
    {
      g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify)json_node_unref);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(LumDocument) doc = g_list_model_get_item (G_LIST_MODEL (docs), i);
          g_ptr_array_add (nodes, lum_document_row_to_json (doc));
        }
      lumctl_print_json_array (nodes);
      return LUMCTL_EXIT_OK;
    }

  if (n == 0)
    {
      lumctl_print ("%s\n", kind == LUM_DOCUMENT_KIND_SALES_ORDER ? _("No sales orders.") : _("No invoices."));
      return LUMCTL_EXIT_OK;
    }

  table = list_table_new (kind);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LumDocument) doc = g_list_model_get_item (G_LIST_MODEL (docs), i);
      list_table_add (table, doc);
    }
  lumctl_table_print (table);

  /* a page: say where the rest is */
  count = lum_engine_count_documents (engine, &q, NULL);
  if (count > (gint64)offset + n)
    lumctl_print (_("Rows %u to %u of %" PRId64 "; --offset %u shows the next ones.\n"),
             offset + 1, offset + n, count, offset + n);
  return LUMCTL_EXIT_OK;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-flow"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>
#include <stdarg.h>

#include "lum-flow-private.h"
#include "lum-text.h"
#include "lum-json.h"
#include "lum-util.h"
#include "model/lum-channel-json.h"
#include "model/lum-customer.h"
#include "store/lum-channel-store.h"
#include "sync/lum-lease.h"
#include "store/lum-customer-store.h"
#include "store/lum-document-store.h"
#include "store/lum-event-store.h"
#include "store/lum-job-store.h"
#include "store/lum-fulfillment-store.h"
#include "store/lum-store-version.h"

/* what a channel read back from a posted document was parsed from */
#define CONFIG_TEXT_KEY "lum-posted-config"

G_DEFINE_QUARK (lum-document-error-quark, lum_document_error)

/* -- helpers -------------------------------------------------------------- */

char *
lum_flow_now_text (LumFlowContext *ctx)
{
  if (ctx->now_text[0] == '\0')
    {
      g_autofree char *text = lum_time_format (ctx->now);
      g_strlcpy (ctx->now_text, text, sizeof ctx->now_text);
    }
  return g_strdup (ctx->now_text);
}

static gboolean
is_order (LumDocument *doc)
{
  return lum_document_get_kind (doc) == LUM_DOCUMENT_KIND_SALES_ORDER;
}

static const char *
doc_label (LumDocument *doc)
{
  return is_order (doc) ? _("Sales order") : _("Invoice");
}

static LumVersioned
doc_versioned (LumDocument *doc)
{
  return is_order (doc) ? LUM_VERSIONED_SALES_ORDER : LUM_VERSIONED_INVOICE;
}

/* A change of state a person made (posting, cancelling) is a new version:
 * an editor that loaded the draft before may not save over it. */
gboolean
lum_flow_bump_version (LumFlowContext  *ctx,
                       LumDocument     *doc,
                       GError         **error)
{
  g_autofree char *now = lum_flow_now_text (ctx);
  gint64 version = 0;

  if (!lum_store_version_claim (ctx->db, doc_versioned (doc), lum_document_get_id (doc), 0,
                                lum_document_get_number (doc), now, &version, error))
    return FALSE;
  lum_document_set_int (doc, LUM_DOC_VERSION, version);
  return TRUE;
}

/**
 * lum_flow_add_event:
 * @first_key: pairs of detail member name and string value, ending with %NULL
 *
 * Appends an event with the context's actor and time.
 */
gint64
lum_flow_add_event (LumFlowContext *ctx,
                    const char     *kind,
                    gint64          channel_id,
                    gint64          order_id,
                    gint64          invoice_id,
                    gint64          job_id,
                    const char     *first_key,
                    ...)
{
  /* written straight, not through a JsonObject: a poll writes three
   * events a shipment; a key given twice keeps its place and its last
   * value, as in a JsonObject */
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  g_autoptr(GString) details = g_string_sized_new (128);
  g_autofree char *at = lum_flow_now_text (ctx);
  va_list args;

  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);
      guint i;

      for (i = 0; i < keys->len && !g_str_equal (keys->pdata[i], key); i++)
        ;
      if (i < keys->len)
        {
          values->pdata[i] = (gpointer)value;
          continue;
        }
      g_ptr_array_add (keys, (gpointer)key);
      g_ptr_array_add (values, (gpointer)value);
    }
  va_end (args);

  g_string_append_c (details, '{');
  for (guint i = 0; i < keys->len; i++)
    {
      if (i > 0)
        g_string_append_c (details, ',');
      lum_json_append_string (details, keys->pdata[i]);
      g_string_append_c (details, ':');
      if (values->pdata[i] != NULL)
        lum_json_append_string (details, values->pdata[i]);
      else
        g_string_append (details, "null");
    }
  g_string_append_c (details, '}');

  return lum_event_store_append (ctx->db, at, ctx->actor, kind, channel_id, order_id, invoice_id,
                                 job_id, details->str, NULL);
}

static LumChannel *
get_live_channel (LumFlowContext  *ctx,
                  gint64           channel_id,
                  GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  LumChannel *channel = lum_channel_store_get (ctx->db, channel_id, &local_error);

  if (channel == NULL)
    {
      g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_CHANNEL,
                   _("Channel %" PRId64 " does not exist"), channel_id);
      return NULL;
    }
  if (lum_channel_get_archived (channel))
    {
      g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_CHANNEL,
                   _("Channel “%s” is archived; unarchive it to take new documents"),
                   lum_channel_get_name (channel));
      g_object_unref (channel);
      return NULL;
    }
  return channel;
}

/* The configuration a posted order runs under; a draft uses the live one. */
LumChannel *
lum_flow_get_posted_config (LumFlowContext  *ctx,
                   LumDocument     *doc,
                   GError         **error)
{
  g_autofree char *config = lum_document_store_get_config (ctx->db, lum_document_get_kind (doc),
                                                           lum_document_get_id (doc), NULL);
  LumChannel *channel;

  if (config == NULL)
    return lum_channel_store_get (ctx->db, lum_document_get_int (doc, LUM_DOC_CHANNEL_ID), error);

  /* a poll reads the same few configurations thousands of times */
  channel = lum_db_memo_lookup (ctx->db, config);
  if (channel != NULL)
    return g_object_ref (channel);
  channel = lum_channel_new_from_config (config, error);
  if (channel == NULL)
    return NULL;
  g_object_set_data_full (G_OBJECT (channel), CONFIG_TEXT_KEY, g_strdup (config), g_free);
  lum_db_memo_insert (ctx->db, config, channel);
  return channel;
}

/* The header fields a user types, with what each may hold. */
static const struct
{
  LumDocText    field;
  const char   *label;
  LumTextFlags  flags;
  glong         max;
} header_texts[] = {
  { LUM_DOC_SHIP_NAME, N_("Ship-to name"), LUM_TEXT_ONE_LINE, LUM_TEXT_ADDRESS_MAX },
  { LUM_DOC_SHIP_COMPANY, N_("Ship-to company"), LUM_TEXT_ONE_LINE, LUM_TEXT_ADDRESS_MAX },
  { LUM_DOC_SHIP_STREET1, N_("Ship-to street"), LUM_TEXT_ONE_LINE, LUM_TEXT_ADDRESS_MAX },
  { LUM_DOC_SHIP_STREET2, N_("Ship-to street (second line)"), LUM_TEXT_ONE_LINE, LUM_TEXT_ADDRESS_MAX },
  { LUM_DOC_SHIP_CITY, N_("Ship-to city"), LUM_TEXT_ONE_LINE, LUM_TEXT_ADDRESS_MAX },
  { LUM_DOC_SHIP_STATE, N_("Ship-to state"), LUM_TEXT_ONE_LINE, LUM_TEXT_ADDRESS_MAX },
  { LUM_DOC_SHIP_POSTAL_CODE, N_("Ship-to postal code"), LUM_TEXT_ONE_LINE, LUM_TEXT_ADDRESS_MAX },
  { LUM_DOC_SHIP_COUNTRY, N_("Ship-to country"), LUM_TEXT_ONE_LINE, LUM_TEXT_ADDRESS_MAX },
  { LUM_DOC_SHIP_PHONE, N_("Ship-to phone"), LUM_TEXT_ONE_LINE, LUM_TEXT_PHONE_MAX },
  { LUM_DOC_SHIPPING_TYPE, N_("Shipping type"), LUM_TEXT_ONE_LINE, LUM_TEXT_CODE_MAX },
  { LUM_DOC_PO_NUMBER, N_("PO number"), LUM_TEXT_ONE_LINE, LUM_TEXT_CODE_MAX },
  { LUM_DOC_SHIPPING_NOTES, N_("Shipping notes"), LUM_TEXT_MULTI_LINE, LUM_TEXT_NOTES_MAX },
  { LUM_DOC_INTERNAL_NOTES, N_("Internal notes"), LUM_TEXT_MULTI_LINE, LUM_TEXT_NOTES_MAX },
  { LUM_DOC_CUSTOMER_NOTES, N_("Customer notes"), LUM_TEXT_MULTI_LINE, LUM_TEXT_NOTES_MAX },
  { LUM_DOC_GIFT_MESSAGE, N_("Gift message"), LUM_TEXT_MULTI_LINE, LUM_TEXT_DESCRIPTION_MAX },
};

/**
 * lum_document_check_text:
 * @field: a #LumDocText
 *
 * Checks one header text of a document as saving does: one line for the
 * ship-to, the PO number and the shipping type, line breaks and tabs
 * allowed in notes and the gift message, and each field's limit. A field
 * that is not typed by a user passes.
 */
gboolean
lum_document_check_text (LumDocText   field,
                         const char  *value,
                         GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (header_texts); i++)
    if (header_texts[i].field == field)
      return lum_text_check_in (_(header_texts[i].label), value, header_texts[i].flags, header_texts[i].max,
                                LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_TEXT, error);
  return TRUE;
}

static gboolean
check_header (LumFlowContext  *ctx,
              LumDocument     *doc,
              GError         **error)
{
  const char *date = lum_document_get_text (doc, LUM_DOC_REQUESTED_SHIP_DATE);

  for (guint i = 0; i < G_N_ELEMENTS (header_texts); i++)
    if (!lum_document_check_text (header_texts[i].field, lum_document_get_text (doc, header_texts[i].field), error))
      return FALSE;
  if (!lum_str_empty (date) && !lum_date_valid (date))
    {
      g_autofree char *shown = lum_text_shown (date);
      g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_DATE,
                   _("Requested ship date “%s” is not a date written YYYY-MM-DD"), shown);
      return FALSE;
    }
  return TRUE;
}

/* Every line names a known product, a quantity and a price in range; an
 * empty description or a negative price (not given) come from the product. */
static gboolean
check_lines (LumFlowContext  *ctx,
             LumDocument     *doc,
             GError         **error)
{
  GListModel *lines = lum_document_get_lines (doc);
  gint64 total = 0;

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(LumDocLine) line = g_list_model_get_item (lines, i);
      g_autofree char *sku = lum_strip_dup (lum_doc_line_get_sku (line));
      g_autoptr(LumProduct) product = NULL;
      gint64 quantity = lum_doc_line_get_quantity (line);

      if (*sku == '\0')
        {
          g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_LINE,
                       _("Line %u: SKU is empty"), i + 1);
          return FALSE;
        }
      if (!lum_text_check_in (_("SKU"), sku, LUM_TEXT_ONE_LINE, LUM_TEXT_CODE_MAX,
                              LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_LINE, error) ||
          !lum_text_check_in (_("Description"), lum_doc_line_get_description (line), LUM_TEXT_ONE_LINE,
                              LUM_TEXT_DESCRIPTION_MAX, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_LINE, error))
        {
          g_prefix_error (error, _("Line %u: "), i + 1);
          return FALSE;
        }
      product = lum_product_store_find (ctx->db, sku, NULL);
      if (product == NULL)
        {
          g_autofree char *shown = lum_text_shown (sku);
          g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_LINE,
                       _("Line %u: SKU “%s” is not a product; add it as a product first"),
                       i + 1, shown);
          return FALSE;
        }
      if (quantity <= 0 || quantity > LUM_LINE_MAX_QUANTITY)
        {
          g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_LINE,
                       _("Line %u: quantity %" PRId64 " of “%s” must be a whole number from 1 to %d"),
                       i + 1, quantity, sku, LUM_LINE_MAX_QUANTITY);
          return FALSE;
        }
      if (lum_doc_line_get_unit_price_cents (line) < 0)
        lum_doc_line_set_unit_price_cents (line, lum_product_get_unit_price_cents (product));
      if (lum_doc_line_get_unit_price_cents (line) > LUM_LINE_MAX_PRICE_CENTS)
        {
          g_autofree char *price = lum_money_format (lum_doc_line_get_unit_price_cents (line));
          g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_LINE,
                       _("Line %u: unit price %s of “%s” is too large"), i + 1, price, sku);
          return FALSE;
        }
      if (lum_str_empty (lum_doc_line_get_description (line)))
        lum_doc_line_set_description (line, lum_product_get_name (product));
      lum_doc_line_set_sku (line, sku);
      total += lum_doc_line_get_total_cents (line);
    }

  return TRUE;
}

/* An empty ship-to is the customer's shipping address. */
static void
default_ship_to (LumDocument *doc,
                 LumCustomer *customer)
{
  static const struct { LumDocText doc; LumCustomerText customer; } fields[] = {
    { LUM_DOC_SHIP_NAME, LUM_CUSTOMER_SHIP_NAME },
    { LUM_DOC_SHIP_COMPANY, LUM_CUSTOMER_SHIP_COMPANY },
    { LUM_DOC_SHIP_STREET1, LUM_CUSTOMER_SHIP_STREET1 },
    { LUM_DOC_SHIP_STREET2, LUM_CUSTOMER_SHIP_STREET2 },
    { LUM_DOC_SHIP_CITY, LUM_CUSTOMER_SHIP_CITY },
    { LUM_DOC_SHIP_STATE, LUM_CUSTOMER_SHIP_STATE },
    { LUM_DOC_SHIP_POSTAL_CODE, LUM_CUSTOMER_SHIP_POSTAL_CODE },
    { LUM_DOC_SHIP_COUNTRY, LUM_CUSTOMER_SHIP_COUNTRY },
    { LUM_DOC_SHIP_PHONE, LUM_CUSTOMER_SHIP_PHONE },
  };

  if (!lum_str_empty (lum_document_get_text (doc, LUM_DOC_SHIP_NAME)) ||
      !lum_str_empty (lum_document_get_text (doc, LUM_DOC_SHIP_STREET1)))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    lum_document_set_text (doc, fields[i].doc, lum_customer_get_text (customer, fields[i].customer));
  if (lum_str_empty (lum_document_get_text (doc, LUM_DOC_SHIP_NAME)))
    lum_document_set_text (doc, LUM_DOC_SHIP_NAME, lum_customer_get_name (customer));
}

/* Gives @doc the next number of its kind (of the test series for a test
 * document), a UUID and the statuses of a new draft. */
gboolean
lum_flow_assign_identity (LumFlowContext  *ctx,
                          LumDocument     *doc,
                          GError         **error)
{
  g_autofree char *number = lum_document_store_next_number (ctx->db, lum_document_get_kind (doc),
                                                            lum_document_get_is_test (doc), error);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *now = lum_flow_now_text (ctx);

  if (number == NULL)
    return FALSE;
  lum_document_set_int (doc, LUM_DOC_ID, 0);
  lum_document_set_text (doc, LUM_DOC_NUMBER, number);
  lum_document_set_text (doc, LUM_DOC_UUID, uuid);
  lum_document_set_text (doc, LUM_DOC_STATUS, LUM_STATUS_DRAFT);
  lum_document_set_text (doc, LUM_DOC_CREATED_AT, now);
  if (is_order (doc))
    {
      lum_document_set_text (doc, LUM_DOC_PUSH_STATUS, LUM_PUSH_NOT_PUSHED);
      lum_document_set_text (doc, LUM_DOC_FULFILLMENT_STATUS, LUM_FULFILLMENT_UNFULFILLED);
    }
  else
    {
      lum_document_set_text (doc, LUM_DOC_ACCOUNTING_STATUS, LUM_PUSH_NOT_PUSHED);
    }
  return TRUE;
}

/* Writes a document that has its identity for the first time, with the
 * configuration it is posted under when it is written already posted. */
gboolean
lum_flow_write_new (LumFlowContext  *ctx,
                    LumDocument     *doc,
                    const char      *config,
                    const char      *reason,
                    GError         **error)
{
  return lum_flow_write_new_from_order (ctx, doc, 0, config, reason, error);
}

/* The same for an invoice whose customer, channel and typed header are
 * those of the sales order @order_id, copied as it is written (not set
 * on @doc); 0: all of @doc is written. */
gboolean
lum_flow_write_new_from_order (LumFlowContext  *ctx,
                               LumDocument     *doc,
                               gint64           order_id,
                               const char      *config,
                               const char      *reason,
                               GError         **error)
{
  g_autofree char *now = lum_flow_now_text (ctx);

  if (order_id != 0 ? !lum_document_store_insert_from_order (ctx->db, doc, order_id, config, now, error)
                    : !lum_document_store_insert (ctx->db, doc, config, now, error))
    return FALSE;
  if (!lum_db_check_point (ctx->db, "document-written", error))
    return FALSE;

  lum_flow_add_event (ctx, is_order (doc) ? "order.created" : "invoice.created",
                      lum_document_get_int (doc, LUM_DOC_CHANNEL_ID),
                      is_order (doc) ? lum_document_get_id (doc) : lum_document_get_int (doc, LUM_DOC_LINKED_ID),
                      is_order (doc) ? 0 : lum_document_get_id (doc), 0,
                      "number", lum_document_get_number (doc), "reason", reason, NULL);
  return TRUE;
}

/* Inserts @doc as a new draft with the next number of its kind. */
static gboolean
insert_new (LumFlowContext  *ctx,
            LumDocument     *doc,
            const char      *reason,
            GError         **error)
{
  return lum_flow_assign_identity (ctx, doc, error) && lum_flow_write_new (ctx, doc, NULL, reason, error);
}

/* -- posting -------------------------------------------------------------- */

/* The configuration text a document keeps: @config is the live channel,
 * whose configuration was written with it when it was saved, or one read
 * back from a posted document, which carries its text. */
char *
lum_flow_channel_config_text (LumFlowContext *ctx,
                              LumChannel     *config)
{
  const char *posted = g_object_get_data (G_OBJECT (config), CONFIG_TEXT_KEY);
  char *text;

  if (posted != NULL)
    return g_strdup (posted);
  text = lum_channel_store_get_config (ctx->db, lum_channel_get_id (config));
  return text != NULL ? text : lum_channel_to_config (config);
}

/* Posts a sales order under @config: the push job when the channel pushes,
 * and the invoice when it invoices on creation. A new order (@insert) is
 * written once, already posted. */
static gboolean
post_order_record (LumFlowContext  *ctx,
                   LumDocument     *order,
                   LumChannel      *config,
                   gboolean         from_invoice,
                   gboolean         insert,
                   GError         **error)
{
  g_autofree char *now = lum_flow_now_text (ctx);
  g_autofree char *config_json = lum_flow_channel_config_text (ctx, config);
  g_autofree char *flow = lum_channel_dup_flow_summary (config);
  g_autofree char *due = NULL;
  gboolean push = lum_channel_get_push_to_oms (config);
  int delay = lum_channel_get_push_delay_minutes (config);
  gint64 channel_id = lum_channel_get_id (config);
  gint64 order_id;
  gboolean split = FALSE;

  lum_document_set_text (order, LUM_DOC_STATUS, LUM_STATUS_POSTED);
  lum_document_set_text (order, LUM_DOC_POSTED_AT, now);
  if (push)
    {
      due = lum_time_format (ctx->now + (gint64)MAX (delay, 0) * 60 * G_USEC_PER_SEC);
      lum_document_set_text (order, LUM_DOC_PUSH_STATUS, LUM_PUSH_SCHEDULED);
      lum_document_set_text (order, LUM_DOC_PUSH_DUE_AT, due);
    }

  if (insert ? !lum_flow_write_new (ctx, order, config_json, "manual", error)
             : !lum_document_store_update (ctx->db, order, now, FALSE, error))
    return FALSE;
  order_id = lum_document_get_id (order);

  if (!insert &&
      !lum_document_store_set_config (ctx->db, LUM_DOCUMENT_KIND_SALES_ORDER, order_id, config_json, error))
    return FALSE;
  lum_flow_add_event (ctx, "order.posted", channel_id, order_id, 0, 0,
                      "channel", lum_channel_get_name (config),
                      "flow", flow, NULL);

  if (push && !lum_flow_schedule_fulfillments (ctx, order, config, due, now, &split, error))
    return FALSE;
  if (push && !split)
    {
      g_autofree char *delay_text = delay == LUM_PUSH_DELAY_IMMEDIATE ? g_strdup ("immediately")
                                                                       : g_strdup_printf ("%d", delay);
      gint64 job = lum_job_store_insert (ctx->db, LUM_JOB_KIND_PUSH_SALES_ORDER,
                                         lum_channel_get_oms_integration_id (config),
                                         order_id, 0, due, now, error);
      if (job == 0)
        return FALSE;
      lum_flow_add_event (ctx, "push.scheduled", channel_id, order_id, 0, job,
                          "integration", lum_channel_get_oms_integration_name (config),
                          "store", lum_channel_get_oms_store_id (config),
                          "due_at", due, "delay_minutes", delay_text, NULL);
    }

  if (!from_invoice &&
      lum_channel_get_order_flow (config) == LUM_ORDER_FLOW_SO_FIRST &&
      lum_channel_get_invoice_timing (config) == LUM_INVOICE_TIMING_SO_CREATED)
    return lum_flow_invoice_order (ctx, order, config, NULL, 0, "so-created", error);

  return TRUE;
}

/* -- public rules --------------------------------------------------------- */

/**
 * lum_flow_create:
 *
 * Creates @doc as a draft: checks the channel (sales orders on
 * sales-order-first channels, invoices on invoice-first ones), the customer,
 * the lines and dates; fills the ship-to from the customer and the prices
 * from the products; gives it its number and UUID.
 */
/* Sales orders belong on sales-order-first channels, invoices on
 * invoice-first ones. */
static gboolean
check_channel_takes (LumDocument  *doc,
                     LumChannel   *channel,
                     GError      **error)
{
  if (is_order (doc) && lum_channel_get_order_flow (channel) == LUM_ORDER_FLOW_INVOICE_FIRST)
    {
      g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_CHANNEL,
                   _("Channel “%s” works invoice first: create an invoice there, and its sales order follows"),
                   lum_channel_get_name (channel));
      return FALSE;
    }
  if (!is_order (doc) && lum_channel_get_order_flow (channel) != LUM_ORDER_FLOW_INVOICE_FIRST)
    {
      g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_CHANNEL,
                   _("Channel “%s” works sales order first: its invoices come from its sales orders"),
                   lum_channel_get_name (channel));
      return FALSE;
    }
  return TRUE;
}

static LumChannel *
prepare_new (LumFlowContext  *ctx,
             LumDocument     *doc,
             GError         **error)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumCustomer) customer = NULL;
  gint64 customer_id = lum_document_get_int (doc, LUM_DOC_CUSTOMER_ID);

  channel = get_live_channel (ctx, lum_document_get_int (doc, LUM_DOC_CHANNEL_ID), error);
  if (channel == NULL)
    return NULL;

  if (!check_channel_takes (doc, channel, error))
    return NULL;

  customer = lum_customer_store_get (ctx->db, customer_id, NULL);
  if (customer == NULL)
    {
      g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_CUSTOMER,
                   _("Customer %" PRId64 " does not exist"), customer_id);
      return NULL;
    }

  if (!check_header (ctx, doc, error) || !check_lines (ctx, doc, error))
    return NULL;

  default_ship_to (doc, customer);
  lum_document_set_text (doc, LUM_DOC_CUSTOMER_NAME, lum_customer_get_name (customer));
  lum_document_set_text (doc, LUM_DOC_CHANNEL_NAME, lum_channel_get_name (channel));
  if (!is_order (doc))
    {
      lum_document_set_int (doc, LUM_DOC_INVOICE_TYPE_ID, lum_channel_get_invoice_type_id (channel));
      lum_document_set_int (doc, LUM_DOC_TERMS_DAYS, lum_customer_get_terms_days (customer));
    }

  return g_steal_pointer (&channel);
}

gboolean
lum_flow_create (LumFlowContext  *ctx,
                 LumDocument     *doc,
                 GError         **error)
{
  g_autoptr(LumChannel) channel = prepare_new (ctx, doc, error);

  return channel != NULL && insert_new (ctx, doc, "manual", error);
}

/**
 * lum_flow_create_and_post:
 *
 * lum_flow_create() and lum_flow_post() at once; a new sales order is
 * written once, already posted.
 */
gboolean
lum_flow_create_and_post (LumFlowContext  *ctx,
                          LumDocument     *doc,
                          GError         **error)
{
  g_autoptr(LumChannel) channel = prepare_new (ctx, doc, error);

  if (channel == NULL)
    return FALSE;
  if (!is_order (doc))
    return insert_new (ctx, doc, "manual", error) && lum_flow_post_draft (ctx, doc, error);
  if (g_list_model_get_n_items (lum_document_get_lines (doc)) == 0)
    {
      g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_LINE,
                   _("A sales order needs at least one line to be posted"));
      return FALSE;
    }
  return lum_flow_assign_identity (ctx, doc, error) &&
         post_order_record (ctx, doc, channel, FALSE, TRUE, error);
}

static gboolean
lines_equal (GListModel *a,
             GListModel *b)
{
  guint n = g_list_model_get_n_items (a);

  if (n != g_list_model_get_n_items (b))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LumDocLine) x = g_list_model_get_item (a, i);
      g_autoptr(LumDocLine) y = g_list_model_get_item (b, i);

      if (g_strcmp0 (lum_doc_line_get_sku (x), lum_doc_line_get_sku (y)) != 0 ||
          lum_doc_line_get_quantity (x) != lum_doc_line_get_quantity (y) ||
          lum_doc_line_get_unit_price_cents (x) != lum_doc_line_get_unit_price_cents (y) ||
          g_strcmp0 (lum_doc_line_get_description (x), lum_doc_line_get_description (y)) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Why a posted order cannot change, or %NULL when it still can: its push
 * must not have started (that is what the delay is for). */
static gboolean
check_posted_order_editable (LumFlowContext  *ctx,
                             LumDocument     *stored,
                             gboolean         lines_changed,
                             GError         **error)
{
  g_autoptr(LumJob) job = lum_job_store_find_open (ctx->db, LUM_JOB_KIND_PUSH_SALES_ORDER,
                                                   lum_document_get_id (stored), 0, NULL);
  g_auto(GStrv) invoices = NULL;

  if (job == NULL || lum_job_get_state (job) != LUM_JOB_STATE_SCHEDULED)
    {
      g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_STATUS,
                   _("Sales order %s can no longer be edited: it is %s and its push is not waiting"),
                   lum_document_get_number (stored), lum_document_get_status (stored));
      return FALSE;
    }

  invoices = lum_document_store_invoice_numbers (ctx->db, lum_document_get_id (stored), NULL);
  if (lines_changed && invoices != NULL && invoices[0] != NULL)
    {
      g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_STATUS,
                   _("The lines of sales order %s cannot change: invoice %s was made from them"),
                   lum_document_get_number (stored), invoices[0]);
      return FALSE;
    }
  return TRUE;
}

/**
 * lum_flow_update:
 *
 * Saves an edited document. A draft may change anything; a posted sales
 * order may change its header and lines while its push is still waiting
 * (the push then sends the edited order), its lines only when no invoice
 * was made from them.
 */
gboolean
lum_flow_update (LumFlowContext  *ctx,
                 LumDocument     *doc,
                 GError         **error)
{
  g_autoptr(LumDocument) stored = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) changed_names = NULL;
  g_autofree char *now = lum_flow_now_text (ctx);
  g_autofree char *joined = NULL;
  g_autofree char *label = NULL;
  gboolean draft, lines_changed;
  gint64 expected, version = 0;

  stored = lum_document_store_get (ctx->db, lum_document_get_kind (doc), lum_document_get_id (doc), error);
  if (stored == NULL)
    return FALSE;
  /* Saved by someone else since the editor loaded it: refused before
   * anything else, with who and when (posting or cancelling it counts) */
  expected = lum_document_get_int (doc, LUM_DOC_VERSION);
  label = g_strdup_printf ("%s %s", doc_label (stored), lum_document_get_number (stored));
  if (expected != 0 && expected != lum_document_get_int (stored, LUM_DOC_VERSION) &&
      !lum_store_version_claim (ctx->db, doc_versioned (stored), lum_document_get_id (stored), expected,
                                label, now, NULL, error))
    return FALSE;

  draft = g_str_equal (lum_document_get_status (stored), LUM_STATUS_DRAFT);
  if (!check_header (ctx, doc, error) || !check_lines (ctx, doc, error))
    return FALSE;
  lines_changed = !lines_equal (lum_document_get_lines (stored), lum_document_get_lines (doc));

  if (!draft)
    {
      if (!is_order (stored) || !g_str_equal (lum_document_get_status (stored), LUM_STATUS_POSTED))
        {
          g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_STATUS,
                       _("%s %s is %s and can no longer be edited"),
                       doc_label (stored), lum_document_get_number (stored), lum_document_get_status (stored));
          return FALSE;
        }
      if (lum_document_get_int (doc, LUM_DOC_CHANNEL_ID) != lum_document_get_int (stored, LUM_DOC_CHANNEL_ID) ||
          lum_document_get_int (doc, LUM_DOC_CUSTOMER_ID) != lum_document_get_int (stored, LUM_DOC_CUSTOMER_ID))
        {
          g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_STATUS,
                       _("Sales order %s is posted: its channel and customer cannot change"),
                       lum_document_get_number (stored));
          return FALSE;
        }
      if (!check_posted_order_editable (ctx, stored, lines_changed, error))
        return FALSE;
    }
  else if (lum_document_get_int (doc, LUM_DOC_CHANNEL_ID) != lum_document_get_int (stored, LUM_DOC_CHANNEL_ID) ||
           lum_document_get_int (doc, LUM_DOC_CUSTOMER_ID) != lum_document_get_int (stored, LUM_DOC_CUSTOMER_ID))
    {
      g_autoptr(LumChannel) channel = get_live_channel (ctx, lum_document_get_int (doc, LUM_DOC_CHANNEL_ID), error);
      g_autoptr(LumCustomer) customer = NULL;

      if (channel == NULL || !check_channel_takes (doc, channel, error))
        return FALSE;
      customer = lum_customer_store_get (ctx->db, lum_document_get_int (doc, LUM_DOC_CUSTOMER_ID), NULL);
      if (customer == NULL)
        {
          g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_CUSTOMER,
                       _("Customer %" PRId64 " does not exist"),
                       lum_document_get_int (doc, LUM_DOC_CUSTOMER_ID));
          return FALSE;
        }
      lum_document_set_int (stored, LUM_DOC_CHANNEL_ID, lum_channel_get_id (channel));
      lum_document_set_int (stored, LUM_DOC_CUSTOMER_ID, lum_customer_get_id (customer));
      lum_document_set_text (stored, LUM_DOC_CUSTOMER_NAME, lum_customer_get_name (customer));
      g_strv_builder_add (names, "channel/customer");
    }

  for (guint f = LUM_DOC_FIRST_EDITABLE; f <= LUM_DOC_LAST_EDITABLE; f++)
    if (g_strcmp0 (lum_document_get_text (stored, f), lum_document_get_text (doc, f)) != 0)
      {
        lum_document_set_text (stored, f, lum_document_get_text (doc, f));
        g_strv_builder_add (names, lum_doc_text_column (f));
      }
  if (draft && lum_document_get_is_test (stored) != lum_document_get_is_test (doc))
    {
      lum_document_set_is_test (stored, lum_document_get_is_test (doc));
      g_strv_builder_add (names, "is_test");
      /* A test draft made real takes the next real number; a real number,
       * once given, stays with its document even when it becomes a test. */
      if (!lum_document_get_is_test (doc) && lum_document_number_is_test (lum_document_get_number (stored)))
        {
          g_autofree char *number = lum_document_store_next_number (ctx->db, lum_document_get_kind (stored),
                                                                    FALSE, error);
          if (number == NULL)
            return FALSE;
          lum_document_set_text (stored, LUM_DOC_NUMBER, number);
          lum_document_set_text (doc, LUM_DOC_NUMBER, number);
          g_strv_builder_add (names, "number");
        }
    }
  if (lines_changed)
    {
      lum_document_clear_lines (stored);
      for (guint i = 0; i < g_list_model_get_n_items (lum_document_get_lines (doc)); i++)
        {
          g_autoptr(LumDocLine) line = g_list_model_get_item (lum_document_get_lines (doc), i);
          g_autoptr(LumDocLine) copy = lum_doc_line_copy (line);
          lum_document_add_line (stored, copy);
        }
      g_strv_builder_add (names, "lines");
    }

  changed_names = g_strv_builder_end (names);
  if (changed_names[0] == NULL)
    return TRUE;

  if (!lum_store_version_claim (ctx->db, doc_versioned (stored), lum_document_get_id (stored), expected,
                                label, now, &version, error) ||
      !lum_document_store_update (ctx->db, stored, now, lines_changed, error))
    return FALSE;
  lum_document_set_int (doc, LUM_DOC_VERSION, version);
  joined = g_strjoinv (", ", changed_names);
  lum_flow_add_event (ctx, is_order (stored) ? "order.edited" : "invoice.edited",
                      lum_document_get_int (stored, LUM_DOC_CHANNEL_ID),
                      is_order (stored) ? lum_document_get_id (stored) : 0,
                      is_order (stored) ? 0 : lum_document_get_id (stored), 0,
                      "changed", joined, NULL);
  return TRUE;
}

/**
 * lum_flow_post:
 *
 * Posts a draft under its channel's configuration of now, which it keeps:
 * a sales order schedules its push and, on a channel that invoices when the
 * sales order is created, gets its invoice; an invoice (invoice-first
 * channels) schedules its accounting push and generates its sales order,
 * linked both ways and posted.
 */
gboolean
lum_flow_post (LumFlowContext   *ctx,
               LumDocumentKind   kind,
               gint64            id,
               GError          **error)
{
  g_autoptr(LumDocument) doc = lum_document_store_get (ctx->db, kind, id, error);

  return doc != NULL && lum_flow_post_draft (ctx, doc, error);
}

/**
 * lum_flow_post_draft:
 * @doc: a draft as read from the store (or just created), lines included
 *
 * lum_flow_post() for a document already in hand.
 */
gboolean
lum_flow_post_draft (LumFlowContext  *ctx,
                     LumDocument     *doc,
                     GError         **error)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) order = NULL;
  gint64 id = lum_document_get_id (doc);

  if (!g_str_equal (lum_document_get_status (doc), LUM_STATUS_DRAFT))
    {
      g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_STATUS,
                   _("%s %s is already %s"), doc_label (doc), lum_document_get_number (doc),
                   lum_document_get_status (doc));
      return FALSE;
    }
  if (g_list_model_get_n_items (lum_document_get_lines (doc)) == 0)
    {
      g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_LINE,
                   _("%s %s has no lines; add at least one before posting"),
                   doc_label (doc), lum_document_get_number (doc));
      return FALSE;
    }

  channel = get_live_channel (ctx, lum_document_get_int (doc, LUM_DOC_CHANNEL_ID), error);
  if (channel == NULL || !lum_flow_bump_version (ctx, doc, error))
    return FALSE;

  if (is_order (doc))
    return post_order_record (ctx, doc, channel, FALSE, FALSE, error);

  if (lum_channel_get_order_flow (channel) != LUM_ORDER_FLOW_INVOICE_FIRST)
    {
      g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_CHANNEL,
                   _("Channel “%s” no longer works invoice first; invoice %s cannot be posted there"),
                   lum_channel_get_name (channel), lum_document_get_number (doc));
      return FALSE;
    }

  if (!lum_flow_post_invoice_record (ctx, doc, channel, NULL, error))
    return FALSE;

  order = lum_flow_derive_document (doc, LUM_DOCUMENT_KIND_SALES_ORDER, NULL);
  lum_document_set_int (order, LUM_DOC_LINKED_ID, id);
  if (!insert_new (ctx, order, "invoice-first", error))
    return FALSE;
  lum_document_set_int (doc, LUM_DOC_LINKED_ID, lum_document_get_id (order));
  {
    g_autofree char *now = lum_flow_now_text (ctx);
    if (!lum_document_store_update (ctx->db, doc, now, FALSE, error))
      return FALSE;
  }
  lum_flow_add_event (ctx, "order.generated", lum_channel_get_id (channel), lum_document_get_id (order), id, 0,
                      "number", lum_document_get_number (order),
                      "invoice", lum_document_get_number (doc), NULL);

  return post_order_record (ctx, order, channel, TRUE, FALSE, error);
}

static LumDocument *
check_posted_order (LumDocument  *order,
                    const char   *action,
                    GError      **error)
{
  if (order == NULL)
    return NULL;
  if (!g_str_equal (lum_document_get_status (order), LUM_STATUS_POSTED))
    {
      g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_STATUS,
                   _("Sales order %s is %s; only a posted order can be %s"),
                   lum_document_get_number (order), lum_document_get_status (order), action);
      g_object_unref (order);
      return NULL;
    }
  return order;
}

LumDocument *
lum_flow_get_posted_order (LumFlowContext  *ctx,
                  gint64           order_id,
                  const char      *action,
                  GError         **error)
{
  return check_posted_order (lum_document_store_get (ctx->db, LUM_DOCUMENT_KIND_SALES_ORDER, order_id, error),
                             action, error);
}

/* The same with only the statuses, ids and lines read
 * (lum_document_store_get_brief()). */
LumDocument *
lum_flow_get_posted_order_brief (LumFlowContext  *ctx,
                                 gint64           order_id,
                                 const char      *action,
                                 GError         **error)
{
  return check_posted_order (lum_document_store_get_brief (ctx->db, LUM_DOCUMENT_KIND_SALES_ORDER, order_id,
                                                           error),
                             action, error);
}

/**
 * lum_flow_push_now:
 *
 * Makes the waiting push of a posted order due now, skipping the rest of
 * the channel's delay.
 */
gboolean
lum_flow_push_now (LumFlowContext  *ctx,
                   gint64           order_id,
                   GError         **error)
{
  g_autoptr(LumDocument) order = lum_flow_get_posted_order (ctx, order_id, _("pushed"), error);
  g_autoptr(LumJob) job = NULL;
  g_autoptr(GPtrArray) others = NULL;
  g_autofree char *now = lum_flow_now_text (ctx);

  if (order == NULL)
    return FALSE;
  job = lum_job_store_find_open (ctx->db, LUM_JOB_KIND_PUSH_SALES_ORDER, order_id, 0, NULL);
  if (job != NULL && lum_job_get_state (job) == LUM_JOB_STATE_RUNNING)
    {
      g_autofree char *what = lum_lease_describe (job, ctx->now);

      /* Translators: the second %s says who sends it, e.g. "It is being sent by …" */
      g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_STATUS,
                   _("Sales order %s has no push waiting: its push was already started. %s"),
                   lum_document_get_number (order), what);
      return FALSE;
    }
  if (job == NULL || lum_job_get_state (job) != LUM_JOB_STATE_SCHEDULED)
    {
      g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_STATUS,
                   _("Sales order %s has no push waiting (push status: %s)"),
                   lum_document_get_number (order), lum_document_get_text (order, LUM_DOC_PUSH_STATUS));
      return FALSE;
    }

  lum_document_set_text (order, LUM_DOC_PUSH_DUE_AT, now);
  if (!lum_job_store_set_due (ctx->db, lum_job_get_id (job), now, now, error) ||
      !lum_document_store_update (ctx->db, order, now, FALSE, error))
    return FALSE;
  /* a split order: every fulfillment order waiting goes now */
  others = lum_job_store_list_open (ctx->db, LUM_JOB_KIND_PUSH_SALES_ORDER, order_id, error);
  if (others == NULL)
    return FALSE;
  for (guint i = 0; i < others->len; i++)
    {
      LumJob *other = g_ptr_array_index (others, i);

      if (lum_job_get_id (other) != lum_job_get_id (job) && lum_job_get_state (other) == LUM_JOB_STATE_SCHEDULED &&
          !lum_job_store_set_due (ctx->db, lum_job_get_id (other), now, now, error))
        return FALSE;
    }
  lum_flow_add_event (ctx, "push.due-now", lum_document_get_int (order, LUM_DOC_CHANNEL_ID), order_id, 0,
                      lum_job_get_id (job), NULL);
  return TRUE;
}

/**
 * lum_flow_cancel_order:
 *
 * Cancels a draft or posted order that has not shipped. A push not yet
 * sent is cancelled with it; an order already in the OMS (or on its way
 * there) gets a cancel job that tells the OMS.
 */
gboolean
lum_flow_cancel_order (LumFlowContext  *ctx,
                       gint64           order_id,
                       GError         **error)
{
  g_autoptr(LumDocument) order = lum_document_store_get (ctx->db, LUM_DOCUMENT_KIND_SALES_ORDER, order_id, error);
  g_autoptr(LumJob) job = NULL;
  g_autoptr(LumChannel) config = NULL;
  g_autofree char *now = lum_flow_now_text (ctx);
  g_autofree char *status = NULL;
  g_autoptr(GPtrArray) fulfillments = NULL;
  gint64 channel_id;

  if (order == NULL)
    return FALSE;
  /* a copy: the status changes below */
  status = g_strdup (lum_document_get_status (order));
  channel_id = lum_document_get_int (order, LUM_DOC_CHANNEL_ID);
  if (g_str_equal (status, LUM_STATUS_CANCELLED))
    {
      g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_STATUS,
                   _("Sales order %s is already cancelled"), lum_document_get_number (order));
      return FALSE;
    }
  if (!g_str_equal (lum_document_get_text (order, LUM_DOC_FULFILLMENT_STATUS), LUM_FULFILLMENT_UNFULFILLED))
    {
      g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_STATUS,
                   _("Sales order %s is %s and can no longer be cancelled"),
                   lum_document_get_number (order), lum_document_get_text (order, LUM_DOC_FULFILLMENT_STATUS));
      return FALSE;
    }

  fulfillments = lum_fulfillment_store_list (ctx->db, order_id, error);
  if (fulfillments == NULL)
    return FALSE;
  if (fulfillments->len > 0)
    {
      config = lum_flow_get_posted_config (ctx, order, error);
      if (config == NULL || !lum_flow_cancel_fulfillments (ctx, order, config, fulfillments, now, error))
        return FALSE;
    }
  else
    job = lum_job_store_find_open (ctx->db, LUM_JOB_KIND_PUSH_SALES_ORDER, order_id, 0, NULL);
  if (job != NULL && lum_job_get_state (job) != LUM_JOB_STATE_RUNNING)
    {
      /* never sent (scheduled, or failed for good): nothing reached the OMS
       * that Lumen knows of, unless a failed attempt may have arrived */
      if (!lum_job_store_set_state (ctx->db, lum_job_get_id (job), LUM_JOB_STATE_CANCELLED, now, error))
        return FALSE;
      lum_document_set_text (order, LUM_DOC_PUSH_STATUS, LUM_PUSH_NOT_PUSHED);
      lum_document_set_text (order, LUM_DOC_PUSH_DUE_AT, NULL);
      lum_flow_add_event (ctx, "push.cancelled", channel_id, order_id, 0, lum_job_get_id (job), NULL);
    }

  if (fulfillments->len == 0 &&
      ((job != NULL && lum_job_get_state (job) == LUM_JOB_STATE_RUNNING) ||
      g_str_equal (lum_document_get_text (order, LUM_DOC_PUSH_STATUS), LUM_PUSH_PUSHED) ||
      (job != NULL && lum_job_get_state (job) == LUM_JOB_STATE_FAILED &&
       lum_job_get_int (job, LUM_JOB_ATTEMPTS) > 0)))
    {
      gint64 cancel_job;

      config = lum_flow_get_posted_config (ctx, order, error);
      if (config == NULL)
        return FALSE;
      cancel_job = lum_job_store_insert (ctx->db, LUM_JOB_KIND_CANCEL_SALES_ORDER,
                                         lum_channel_get_oms_integration_id (config),
                                         order_id, 0, now, now, error);
      if (cancel_job == 0)
        return FALSE;
      lum_flow_add_event (ctx, "cancel.scheduled", channel_id, order_id, 0, cancel_job,
                          "integration", lum_channel_get_oms_integration_name (config), NULL);
    }

  lum_document_set_text (order, LUM_DOC_STATUS, LUM_STATUS_CANCELLED);
  lum_document_set_text (order, LUM_DOC_ENDED_AT, now);
  if (!lum_flow_bump_version (ctx, order, error) ||
      !lum_document_store_update (ctx->db, order, now, FALSE, error))
    return FALSE;
  lum_flow_add_event (ctx, "order.cancelled", channel_id, order_id, 0, 0, "was", status, NULL);
  return TRUE;
}

/**
 * lum_flow_retry_job:
 *
 * Sends a failed job again: due now, with a fresh count of attempts.
 */
gboolean
lum_flow_retry_job (LumFlowContext  *ctx,
                    gint64           job_id,
                    GError         **error)
{
  g_autoptr(LumJob) job = lum_job_store_get (ctx->db, job_id, error);
  g_autofree char *now = lum_flow_now_text (ctx);

  if (job == NULL)
    return FALSE;
  if (lum_job_get_state (job) != LUM_JOB_STATE_FAILED)
    {
      g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_STATUS,
                   _("Job %" PRId64 " is %s; only a failed job can be retried"),
                   job_id, lum_job_get_text (job, LUM_JOB_STATE_TEXT));
      return FALSE;
    }

  if (!lum_job_store_reschedule (ctx->db, job_id, now, now, error))
    return FALSE;

  {
    gboolean for_order = lum_job_get_kind (job) != LUM_JOB_KIND_PUSH_INVOICE;
    LumDocumentKind kind = for_order ? LUM_DOCUMENT_KIND_SALES_ORDER : LUM_DOCUMENT_KIND_INVOICE;
    gint64 doc_id = lum_job_get_int (job, for_order ? LUM_JOB_SALES_ORDER_ID : LUM_JOB_INVOICE_ID);
    g_autoptr(LumDocument) doc = lum_document_store_get (ctx->db, kind, doc_id, error);

    if (doc == NULL)
      return FALSE;
    if (lum_job_get_kind (job) == LUM_JOB_KIND_PUSH_SALES_ORDER)
      {
        lum_document_set_text (doc, LUM_DOC_PUSH_STATUS, LUM_PUSH_SCHEDULED);
        lum_document_set_text (doc, LUM_DOC_PUSH_DUE_AT, now);
        if (lum_job_get_int (job, LUM_JOB_FULFILLMENT_ID) != 0 &&
            !lum_fulfillment_store_set_push_state (ctx->db, lum_job_get_int (job, LUM_JOB_FULFILLMENT_ID),
                                                   LUM_FULFILLMENT_PUSH_SCHEDULED, NULL, error))
          return FALSE;
      }
    else if (lum_job_get_kind (job) == LUM_JOB_KIND_PUSH_INVOICE)
      {
        lum_document_set_text (doc, LUM_DOC_ACCOUNTING_STATUS, LUM_PUSH_SCHEDULED);
      }
    if (!lum_document_store_update (ctx->db, doc, now, FALSE, error))
      return FALSE;
  }

  lum_flow_add_event (ctx, "job.retried", 0, lum_job_get_int (job, LUM_JOB_SALES_ORDER_ID),
                      lum_job_get_int (job, LUM_JOB_INVOICE_ID), job_id, NULL);
  return TRUE;
}

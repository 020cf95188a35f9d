/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lum-engine-documents.h"
#include "lum-engine-private.h"
#include "model/lum-channel.h"
#include "lum-text.h"
#include "lum-util.h"
#include "model/lum-channel-json.h"
#include "store/lum-channel-store.h"
#include "store/lum-customer-store.h"
#include "store/lum-event-store.h"
#include "store/lum-shipment-store.h"
#include "store/lum-conflict-store.h"
#include "flow/lum-conflict-flow.h"

G_DEFINE_QUARK (lum-record-error-quark, lum_record_error)

typedef gboolean (*FlowFunc) (LumFlowContext *ctx,
                              gpointer        data,
                              GError        **error);

typedef struct
{
  FlowFunc  func;
  gpointer  data;
  LumActor  actor;
} FlowCall;

static gboolean
flow_tx (LumEngine  *self,
         gpointer    user_data,
         GError    **error)
{
  FlowCall *call = user_data;
  LumFlowContext ctx = { lum_engine_get_db (self), lum_engine_now (self), call->actor, "" };

  return call->func (&ctx, call->data, error);
}

/* One user action: the rule, its jobs and events, in one transaction. */
static gboolean
run_flow (LumEngine  *self,
          FlowFunc    func,
          gpointer    data,
          LumActor    actor,
          GError    **error)
{
  FlowCall call = { func, data, actor };

  return lum_engine_run_in_transaction (self, flow_tx, &call, "documents", error);
}

/* -- customers and products ---------------------------------------------- */

static gboolean
check_length (const char  *field,
              const char  *value,
              glong        max,
              gboolean     required,
              GError     **error)
{
  if (required && lum_str_empty (value))
    {
      /* spaces only are as empty as nothing: plain words, no “” */
      g_set_error (error, LUM_RECORD_ERROR, LUM_RECORD_ERROR_FIELD, _("%s is empty"), field);
      return FALSE;
    }
  return lum_text_check_in (field, value, LUM_TEXT_ONE_LINE, max, LUM_RECORD_ERROR, LUM_RECORD_ERROR_FIELD, error);
}

/**
 * lum_customer_check_text:
 * @field: a #LumCustomerText
 * @title: (nullable): what the message calls the field, such as the
 *   title of a form's row; %NULL for its column name
 *
 * Checks one text field of a customer as saving does (one line, and at
 * most 120 characters for the name, 254 for an email, 40 for a phone, 200
 * for the others), so that a form can show each refused field at once.
 */
gboolean
lum_customer_check_text (guint        field,
                         const char  *title,
                         const char  *value,
                         GError     **error)
{
  glong max = LUM_TEXT_ADDRESS_MAX;

  g_return_val_if_fail (field < LUM_CUSTOMER_N_TEXT, FALSE);

  if (field == LUM_CUSTOMER_NAME)
    return check_length (title ? title : _("Customer name"), value, LUM_TEXT_NAME_MAX, TRUE, error);
  if (field == LUM_CUSTOMER_EMAIL)
    max = LUM_TEXT_EMAIL_MAX;
  else if (field == LUM_CUSTOMER_PHONE || field == LUM_CUSTOMER_SHIP_PHONE)
    max = LUM_TEXT_PHONE_MAX;
  return check_length (title ? title : lum_record_text_column (LUM_TYPE_CUSTOMER, field), value, max, FALSE, error);
}

/**
 * lum_customer_check_email:
 * @email: a trimmed email, or ""
 *
 * An email is empty, or has one “@” with something on each side and no
 * space.
 */
gboolean
lum_customer_check_email (const char  *email,
                          GError     **error)
{
  const char *at = strchr (email, '@');

  if (*email != '\0' && (at == NULL || at != strrchr (email, '@') ||
                         email[0] == '@' || g_str_has_suffix (email, "@") || strchr (email, ' ') != NULL))
    {
      g_autofree char *shown = lum_text_shown (email);
      g_set_error (error, LUM_RECORD_ERROR, LUM_RECORD_ERROR_FIELD,
                   _("Email is not an address: “%s”"), shown);
      return FALSE;
    }
  return TRUE;
}

/**
 * lum_engine_check_customer:
 *
 * Trims and checks a customer without writing it: a name (unique, any
 * case), an email with one “@” when given, terms of 0 to 365 days.
 */
gboolean
lum_engine_check_customer (LumEngine    *self,
                           LumCustomer  *customer,
                           GError      **error)
{
  gint64 other;

  for (guint i = 0; i < LUM_CUSTOMER_N_TEXT; i++)
    {
      g_autofree char *stripped = lum_strip_dup (lum_customer_get_text (customer, i));
      lum_customer_set_text (customer, i, stripped);
    }

  for (guint i = 0; i < LUM_CUSTOMER_N_TEXT; i++)
    if (!lum_customer_check_text (i, NULL, lum_customer_get_text (customer, i), error))
      return FALSE;

  if (!lum_customer_check_email (lum_customer_get_text (customer, LUM_CUSTOMER_EMAIL), error))
    return FALSE;
  if (lum_customer_get_terms_days (customer) < 0 || lum_customer_get_terms_days (customer) > 365)
    {
      g_set_error (error, LUM_RECORD_ERROR, LUM_RECORD_ERROR_FIELD,
                   _("Payment terms of %d days are not between 0 and 365"), lum_customer_get_terms_days (customer));
      return FALSE;
    }

  other = lum_customer_store_id_by_name (lum_engine_get_db (self), lum_customer_get_name (customer));
  if (other != 0 && other != lum_customer_get_id (customer))
    {
      g_autofree char *shown = lum_text_shown (lum_customer_get_name (customer));
      g_set_error (error, LUM_RECORD_ERROR, LUM_RECORD_ERROR_DUPLICATE,
                   _("Customer name “%s” is already used by another customer"), shown);
      return FALSE;
    }
  return TRUE;
}

static gboolean
save_customer_tx (LumEngine  *self,
                  gpointer    user_data,
                  GError    **error)
{
  g_autofree char *now = lum_engine_now_text (self);

  return lum_engine_check_customer (self, user_data, error) &&
         lum_customer_store_save (lum_engine_get_db (self), user_data, now, error);
}

gboolean
lum_engine_save_customer (LumEngine    *self,
                          LumCustomer  *customer,
                          GError      **error)
{
  gint64 old_id = lum_customer_get_id (customer);
  gint64 old_version = lum_customer_get_version (customer);

  g_return_val_if_fail (LUM_IS_ENGINE (self), FALSE);

  if (!lum_engine_run_in_transaction (self, save_customer_tx, customer, "customers", error))
    {
      lum_customer_set_id (customer, old_id);
      lum_customer_set_version (customer, old_version);
      return FALSE;
    }
  return TRUE;
}

LumCustomer *
lum_engine_find_customer (LumEngine   *self,
                          const char  *name_or_id,
                          GError     **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  return lum_customer_store_find (lum_engine_get_db (self), name_or_id, error);
}

GListStore *
lum_engine_search_customers (LumEngine   *self,
                             const char  *prefix,
                             guint        limit,
                             GError     **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  return lum_customer_store_search (lum_engine_get_db (self), prefix, TRUE, limit, error);
}

/**
 * lum_product_check_field:
 * @field: which of @product's values to check
 *
 * One check of lum_engine_check_product(), so that a form can show each
 * refused value at once: a SKU is printable, without spaces, at most 64
 * characters; a name at most 200; a price and a weight in range.
 */
gboolean
lum_product_check_field (LumProduct       *product,
                         LumProductField   field,
                         GError          **error)
{
  const char *sku = lum_product_get_sku (product);
  g_autofree char *shown = lum_text_shown (sku);

  switch (field)
    {
    case LUM_PRODUCT_FIELD_SKU:
      if (!check_length (_("SKU"), sku, LUM_SKU_MAX_LENGTH, TRUE, error))
        return FALSE;
      for (const char *p = sku; *p; p = g_utf8_next_char (p))
        if (g_unichar_isspace (g_utf8_get_char (p)) || !g_unichar_isprint (g_utf8_get_char (p)))
          {
            g_set_error (error, LUM_RECORD_ERROR, LUM_RECORD_ERROR_FIELD,
                         _("SKU “%s” contains a space or an unprintable character"), shown);
            return FALSE;
          }
      return TRUE;
    case LUM_PRODUCT_FIELD_NAME:
      return check_length (_("Product name"), lum_product_get_name (product), LUM_PRODUCT_NAME_MAX, TRUE, error);
    case LUM_PRODUCT_FIELD_PRICE:
      if (lum_product_get_unit_price_cents (product) < 0 ||
          lum_product_get_unit_price_cents (product) > LUM_LINE_MAX_PRICE_CENTS)
        {
          g_autofree char *price = lum_money_format (lum_product_get_unit_price_cents (product));
          g_set_error (error, LUM_RECORD_ERROR, LUM_RECORD_ERROR_FIELD,
                       _("Unit price %s of “%s” is out of range"), price, shown);
          return FALSE;
        }
      return TRUE;
    case LUM_PRODUCT_FIELD_WEIGHT:
      if (!(lum_product_get_weight_oz (product) >= 0 && lum_product_get_weight_oz (product) < 1e6))
        {
          g_set_error (error, LUM_RECORD_ERROR, LUM_RECORD_ERROR_FIELD,
                       _("Weight %g oz of “%s” is out of range"), lum_product_get_weight_oz (product), shown);
          return FALSE;
        }
      return TRUE;
    default:
      g_return_val_if_reached (FALSE);
    }
}

/* Every check of lum_product_check_field(), in the order they always
 * ran: the lengths of the SKU and the name, then what the SKU holds. */
gboolean
lum_engine_check_product (LumProduct  *product,
                          GError     **error)
{
  static const LumProductField order[] = {
    LUM_PRODUCT_FIELD_NAME, LUM_PRODUCT_FIELD_SKU, LUM_PRODUCT_FIELD_PRICE, LUM_PRODUCT_FIELD_WEIGHT,
  };

  if (!check_length (_("SKU"), lum_product_get_sku (product), LUM_SKU_MAX_LENGTH, TRUE, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (!lum_product_check_field (product, order[i], error))
      return FALSE;
  return TRUE;
}

static gboolean
save_product_tx (LumEngine  *self,
                 gpointer    user_data,
                 GError    **error)
{
  g_autofree char *now = lum_engine_now_text (self);

  return lum_engine_check_product (user_data, error) &&
         lum_product_store_save (lum_engine_get_db (self), user_data, now, error);
}

/* Adds the product, or updates the one with the same SKU. */
gboolean
lum_engine_save_product (LumEngine   *self,
                         LumProduct  *product,
                         GError     **error)
{
  gint64 old_version = lum_product_get_version (product);

  g_return_val_if_fail (LUM_IS_ENGINE (self), FALSE);
  if (!lum_engine_run_in_transaction (self, save_product_tx, product, "products", error))
    {
      lum_product_set_version (product, old_version);
      return FALSE;
    }
  return TRUE;
}

LumProduct *
lum_engine_find_product (LumEngine   *self,
                         const char  *sku,
                         GError     **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  return lum_product_store_find (lum_engine_get_db (self), sku, error);
}

GListStore *
lum_engine_search_products (LumEngine   *self,
                            const char  *prefix,
                            guint        limit,
                            GError     **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  return lum_product_store_search (lum_engine_get_db (self), prefix, limit, error);
}

/**
 * lum_engine_ensure_test_customer:
 *
 * The customer of channel tests, marked as a test, made on first use with
 * an address an OMS accepts.
 */
LumCustomer *
lum_engine_ensure_test_customer (LumEngine  *self,
                                 GError    **error)
{
  LumCustomer *customer = lum_engine_find_customer (self, LUM_TEST_CUSTOMER_NAME, NULL);

  /* ShipStation API V2 requires a ship-to phone: one made before it has
   * none, so it gets one (555-01xx numbers are fictitious) */
  if (customer != NULL && lum_str_empty (lum_customer_get_text (customer, LUM_CUSTOMER_PHONE)))
    {
      lum_customer_set_text (customer, LUM_CUSTOMER_PHONE, LUM_TEST_CUSTOMER_PHONE);
      if (!lum_engine_save_customer (self, customer, error))
        g_clear_object (&customer);
      return customer;
    }
  if (customer != NULL)
    return customer;
  customer = lum_customer_new (LUM_TEST_CUSTOMER_NAME);
  lum_customer_set_is_test (customer, TRUE);
  lum_customer_set_text (customer, LUM_CUSTOMER_EMAIL, "channel-test@example.com");
  lum_customer_set_text (customer, LUM_CUSTOMER_PHONE, LUM_TEST_CUSTOMER_PHONE);
  lum_customer_set_text (customer, LUM_CUSTOMER_SHIP_NAME, "Lumen Channel Test");
  lum_customer_set_text (customer, LUM_CUSTOMER_SHIP_STREET1, "100 Test Street");
  lum_customer_set_text (customer, LUM_CUSTOMER_SHIP_CITY, "Springfield");
  lum_customer_set_text (customer, LUM_CUSTOMER_SHIP_STATE, "IL");
  lum_customer_set_text (customer, LUM_CUSTOMER_SHIP_POSTAL_CODE, "62701");
  lum_customer_set_text (customer, LUM_CUSTOMER_SHIP_COUNTRY, "US");
  lum_customer_set_text (customer, LUM_CUSTOMER_BILL_STREET1, "100 Test Street");
  lum_customer_set_text (customer, LUM_CUSTOMER_BILL_CITY, "Springfield");
  lum_customer_set_text (customer, LUM_CUSTOMER_BILL_STATE, "IL");
  lum_customer_set_text (customer, LUM_CUSTOMER_BILL_POSTAL_CODE, "62701");
  lum_customer_set_text (customer, LUM_CUSTOMER_BILL_COUNTRY, "US");
  if (!lum_engine_save_customer (self, customer, error))
    g_clear_object (&customer);
  return customer;
}

typedef struct
{
  guint orders;
  guint invoices;
} Purge;

static gboolean
purge_tx (LumEngine  *self,
          gpointer    user_data,
          GError    **error)
{
  Purge *purge = user_data;
  return lum_document_store_purge_tests (lum_engine_get_db (self), &purge->orders, &purge->invoices, error);
}

/* Deletes every test order and invoice, and what hangs on them. */
gboolean
lum_engine_purge_test_documents (LumEngine  *self,
                                 guint      *n_orders,
                                 guint      *n_invoices,
                                 GError    **error)
{
  Purge purge = { 0, 0 };

  if (!lum_engine_run_in_transaction (self, purge_tx, &purge, "documents", error))
    return FALSE;
  if (n_orders != NULL)
    *n_orders = purge.orders;
  if (n_invoices != NULL)
    *n_invoices = purge.invoices;
  return TRUE;
}

/* -- document actions ----------------------------------------------------- */

static gboolean
create_flow (LumFlowContext *ctx, gpointer data, GError **error)
{
  return lum_flow_create (ctx, data, error);
}

static gboolean
create_and_post_flow (LumFlowContext *ctx, gpointer data, GError **error)
{
  return lum_flow_create_and_post (ctx, data, error);
}

static gboolean
create_and_post_many_flow (LumFlowContext *ctx, gpointer data, GError **error)
{
  GPtrArray *docs = data;

  for (guint i = 0; i < docs->len; i++)
    if (!lum_flow_create_and_post (ctx, g_ptr_array_index (docs, i), error))
      {
        g_prefix_error (error, "%s %u: ", _("Document"), i + 1);
        return FALSE;
      }
  return TRUE;
}

static gboolean
update_flow (LumFlowContext *ctx, gpointer data, GError **error)
{
  return lum_flow_update (ctx, data, error);
}

typedef struct
{
  LumDocumentKind kind;
  gint64          id;
} DocRef;

static gboolean
post_flow (LumFlowContext *ctx, gpointer data, GError **error)
{
  DocRef *ref = data;
  return lum_flow_post (ctx, ref->kind, ref->id, error);
}

static gboolean
push_now_flow (LumFlowContext *ctx, gpointer data, GError **error)
{
  return lum_flow_push_now (ctx, *(gint64 *)data, error);
}

static gboolean
cancel_flow (LumFlowContext *ctx, gpointer data, GError **error)
{
  return lum_flow_cancel_order (ctx, *(gint64 *)data, error);
}

static gboolean
void_flow (LumFlowContext *ctx, gpointer data, GError **error)
{
  return lum_flow_void_invoice (ctx, *(gint64 *)data, error);
}

static gboolean
retry_flow (LumFlowContext *ctx, gpointer data, GError **error)
{
  return lum_flow_retry_job (ctx, *(gint64 *)data, error);
}

typedef struct
{
  gint64       order_id;
  LumShipment *shipment;
  gboolean     duplicate;
} ShipCall;

static gboolean
ship_flow (LumFlowContext *ctx, gpointer data, GError **error)
{
  ShipCall *call = data;
  return lum_flow_record_shipment (ctx, call->order_id, call->shipment, &call->duplicate, error);
}

/**
 * lum_engine_create_document:
 *
 * Saves @doc as a new draft (see lum_flow_create()); on success it has its
 * id and number, on failure nothing is written.
 */
gboolean
lum_engine_create_document (LumEngine    *self,
                            LumDocument  *doc,
                            GError      **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), FALSE);

  if (!run_flow (self, create_flow, doc, LUM_ACTOR_USER, error))
    {
      lum_document_set_int (doc, LUM_DOC_ID, 0);
      lum_document_set_text (doc, LUM_DOC_NUMBER, NULL);
      return FALSE;
    }
  return TRUE;
}

/**
 * lum_engine_create_and_post_document:
 *
 * Creates and posts @doc in one transaction: it is either posted, with
 * everything posting brings, or not there at all.
 */
gboolean
lum_engine_create_and_post_document (LumEngine    *self,
                                     LumDocument  *doc,
                                     GError      **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), FALSE);

  if (!run_flow (self, create_and_post_flow, doc, LUM_ACTOR_USER, error))
    {
      lum_document_set_int (doc, LUM_DOC_ID, 0);
      lum_document_set_text (doc, LUM_DOC_NUMBER, NULL);
      return FALSE;
    }
  return TRUE;
}

/**
 * lum_engine_create_and_post_documents:
 * @docs: (element-type LumDocument): new documents
 *
 * Creates and posts every document of @docs in one transaction, as an
 * import of orders does: all of them, or none when one is refused (the
 * error names its position).
 */
gboolean
lum_engine_create_and_post_documents (LumEngine  *self,
                                      GPtrArray  *docs,
                                      GError    **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), FALSE);
  return run_flow (self, create_and_post_many_flow, docs, LUM_ACTOR_USER, error);
}

gboolean
lum_engine_update_document (LumEngine    *self,
                            LumDocument  *doc,
                            GError      **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), FALSE);
  return run_flow (self, update_flow, doc, LUM_ACTOR_USER, error);
}

gboolean
lum_engine_post_document (LumEngine        *self,
                          LumDocumentKind   kind,
                          gint64            id,
                          GError          **error)
{
  DocRef ref = { kind, id };

  g_return_val_if_fail (LUM_IS_ENGINE (self), FALSE);
  return run_flow (self, post_flow, &ref, LUM_ACTOR_USER, error);
}

gboolean
lum_engine_push_now (LumEngine  *self,
                     gint64      order_id,
                     GError    **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), FALSE);
  return run_flow (self, push_now_flow, &order_id, LUM_ACTOR_USER, error);
}

gboolean
lum_engine_cancel_order (LumEngine  *self,
                         gint64      order_id,
                         GError    **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), FALSE);
  return run_flow (self, cancel_flow, &order_id, LUM_ACTOR_USER, error);
}

gboolean
lum_engine_void_invoice (LumEngine  *self,
                         gint64      invoice_id,
                         GError    **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), FALSE);
  return run_flow (self, void_flow, &invoice_id, LUM_ACTOR_USER, error);
}

gboolean
lum_engine_retry_job (LumEngine  *self,
                      gint64      job_id,
                      GError    **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), FALSE);
  return run_flow (self, retry_flow, &job_id, LUM_ACTOR_USER, error);
}

/**
 * lum_engine_record_shipment:
 * @actor: %LUM_ACTOR_USER for *Mark as shipped*, %LUM_ACTOR_SYNC for the poller
 * @duplicate: (out) (optional): set when the remote shipment id was known
 */
gboolean
lum_engine_record_shipment (LumEngine    *self,
                            gint64        order_id,
                            LumShipment  *shipment,
                            LumActor      actor,
                            gboolean     *duplicate,
                            GError      **error)
{
  ShipCall call = { order_id, shipment, FALSE };

  g_return_val_if_fail (LUM_IS_ENGINE (self), FALSE);

  if (!run_flow (self, ship_flow, &call, actor, error))
    return FALSE;
  if (duplicate != NULL)
    *duplicate = call.duplicate;
  return TRUE;
}

typedef struct
{
  gint64   conflict_id;
  gboolean keep_warehouse;
} ResolveCall;

static gboolean
resolve_flow (LumFlowContext *ctx, gpointer data, GError **error)
{
  ResolveCall *call = data;
  return lum_flow_resolve_shipment_conflict (ctx, call->conflict_id, call->keep_warehouse, error);
}

/**
 * lum_engine_resolve_shipment_conflict:
 * @keep_warehouse: %TRUE to keep the tracking number the OMS reported,
 *   %FALSE to keep the one recorded by hand
 */
gboolean
lum_engine_resolve_shipment_conflict (LumEngine  *self,
                                      gint64      conflict_id,
                                      gboolean    keep_warehouse,
                                      GError    **error)
{
  ResolveCall call = { conflict_id, keep_warehouse };

  g_return_val_if_fail (LUM_IS_ENGINE (self), FALSE);
  return run_flow (self, resolve_flow, &call, LUM_ACTOR_USER, error);
}

/* -- reading -------------------------------------------------------------- */

/* An order's shipment conflicts, resolved ones too (@order_id 0: the open
 * ones of every order). */
GListStore *
lum_engine_list_shipment_conflicts (LumEngine  *self,
                                    gint64      order_id,
                                    GError    **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  return lum_conflict_store_list (lum_engine_get_db (self), order_id, order_id == 0, error);
}

gint64
lum_engine_count_shipment_conflicts (LumEngine  *self,
                                     GError    **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), -1);
  return lum_conflict_store_count_open (lum_engine_get_db (self), error);
}

LumDocument *
lum_engine_get_document (LumEngine        *self,
                         LumDocumentKind   kind,
                         gint64            id,
                         GError          **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  return lum_document_store_get (lum_engine_get_db (self), kind, id, error);
}

LumDocument *
lum_engine_find_document (LumEngine        *self,
                          LumDocumentKind   kind,
                          const char       *number,
                          GError          **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  return lum_document_store_find (lum_engine_get_db (self), kind, number, error);
}

GListStore *
lum_engine_query_documents (LumEngine               *self,
                            const LumDocumentQuery  *query,
                            guint                    offset,
                            guint                    limit,
                            GError                 **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  return lum_document_store_query (lum_engine_get_db (self), query, offset, limit, error);
}

gint64
lum_engine_count_documents (LumEngine               *self,
                            const LumDocumentQuery  *query,
                            GError                 **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), -1);
  return lum_document_store_count (lum_engine_get_db (self), query, error);
}

/* Counts up to @max only: enough to know whether there are more. */
gint64
lum_engine_count_documents_at_most (LumEngine               *self,
                                    const LumDocumentQuery  *query,
                                    guint                    max,
                                    GError                 **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), -1);
  return lum_document_store_count_at_most (lum_engine_get_db (self), query, max, error);
}

GStrv
lum_engine_list_order_invoices (LumEngine  *self,
                                gint64      order_id,
                                GError    **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  return lum_document_store_invoice_numbers (lum_engine_get_db (self), order_id, error);
}

GListStore *
lum_engine_list_shipments (LumEngine  *self,
                           gint64      order_id,
                           GError    **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  return lum_shipment_store_list (lum_engine_get_db (self), order_id, error);
}

LumJob *
lum_engine_get_job (LumEngine  *self,
                    gint64      job_id,
                    GError    **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  return lum_job_store_get (lum_engine_get_db (self), job_id, error);
}

/* The scheduled or running job of @kind for the document, or %NULL. */
LumJob *
lum_engine_find_open_job (LumEngine   *self,
                          LumJobKind   kind,
                          gint64       order_id,
                          gint64       invoice_id,
                          GError     **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  return lum_job_store_find_open (self->db, kind, order_id, invoice_id, error);
}

GListStore *
lum_engine_list_jobs (LumEngine           *self,
                      const LumJobFilter  *filter,
                      GError             **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  return lum_job_store_list (lum_engine_get_db (self), filter, error);
}

GListStore *
lum_engine_list_events (LumEngine  *self,
                        gint64      order_id,
                        gint64      invoice_id,
                        guint       limit,
                        GError    **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  return lum_event_store_list (lum_engine_get_db (self), order_id, invoice_id, limit, error);
}

/**
 * lum_engine_get_document_config:
 *
 * The channel configuration @doc was posted under, or for a draft the
 * channel as it is now.
 */
LumChannel *
lum_engine_get_document_config (LumEngine    *self,
                                LumDocument  *doc,
                                GError      **error)
{
  LumDb *db = lum_engine_get_db (self);
  g_autofree char *config = lum_document_store_get_config (db, lum_document_get_kind (doc),
                                                           lum_document_get_id (doc), NULL);

  if (config == NULL)
    return lum_channel_store_get (db, lum_document_get_int (doc, LUM_DOC_CHANNEL_ID), error);
  return lum_channel_new_from_config (config, error);
}

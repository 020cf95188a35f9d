/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-flow"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lum-flow-private.h"
#include "lum-util.h"
#include "model/lum-doc-line.h"
#include "store/lum-customer-store.h"
#include "store/lum-document-store.h"
#include "store/lum-job-store.h"

/* -- invoices ------------------------------------------------------------- */

/* The date part of the context's time ("2026-12-07T…Z"), which a poll
 * asks for an invoice a shipment. */
static char *
today (LumFlowContext *ctx)
{
  g_autofree char *now = lum_flow_now_text (ctx);
  const char *t = strchr (now, 'T');

  if (t == NULL)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (ctx->now / G_USEC_PER_SEC);
      return g_date_time_format (dt, "%Y-%m-%d");
    }
  return g_strndup (now, t - now);
}

/* A document made by the flow from another: same customer, ship-to,
 * header and @lines (or the source's lines). */
LumDocument *
lum_flow_derive_document (LumDocument     *source,
                          LumDocumentKind  kind,
                          GListModel      *lines)
{
  LumDocument *doc = lum_document_new (kind);
  g_autoptr(GPtrArray) copies = NULL;

  for (guint f = LUM_DOC_FIRST_EDITABLE; f <= LUM_DOC_LAST_EDITABLE; f++)
    lum_document_set_text (doc, f, lum_document_get_text (source, f));
  lum_document_set_text (doc, LUM_DOC_CUSTOMER_NAME, lum_document_get_text (source, LUM_DOC_CUSTOMER_NAME));
  lum_document_set_int (doc, LUM_DOC_CHANNEL_ID, lum_document_get_int (source, LUM_DOC_CHANNEL_ID));
  lum_document_set_int (doc, LUM_DOC_CUSTOMER_ID, lum_document_get_int (source, LUM_DOC_CUSTOMER_ID));
  lum_document_set_is_test (doc, lum_document_get_is_test (source));

  if (lines == NULL)
    lines = lum_document_get_lines (source);
  copies = g_ptr_array_new_full (g_list_model_get_n_items (lines), g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(LumDocLine) line = g_list_model_get_item (lines, i);

      g_ptr_array_add (copies, lum_doc_line_copy (line));
    }
  lum_document_set_lines (doc, copies);
  return doc;
}

/* The accounting job of a posted invoice, whose accounting status the
 * caller has set to scheduled. */
static gboolean
schedule_accounting (LumFlowContext  *ctx,
                     LumDocument     *invoice,
                     LumChannel      *config,
                     GError         **error)
{
  g_autofree char *now = lum_flow_now_text (ctx);
  gint64 integration = lum_channel_get_accounting_integration_id (config);
  gint64 job;

  if (integration == 0)
    return TRUE;

  job = lum_job_store_insert (ctx->db, LUM_JOB_KIND_PUSH_INVOICE, integration, 0,
                              lum_document_get_id (invoice), now, now, error);
  if (job == 0)
    return FALSE;
  lum_flow_add_event (ctx, "accounting.scheduled", lum_channel_get_id (config),
                      lum_document_get_int (invoice, LUM_DOC_LINKED_ID), lum_document_get_id (invoice), job,
                      "integration", lum_channel_get_accounting_integration_name (config), NULL);
  return TRUE;
}

/* lum_flow_post_invoice_record(), for a new invoice whose header is copied from
 * the sales order @header_from as it is written (0: @invoice has it). */
static gboolean
post_invoice_from (LumFlowContext  *ctx,
                   LumDocument     *invoice,
                   gint64           header_from,
                   LumChannel      *config,
                   const char      *reason,
                   GError         **error)
{
  g_autofree char *now = lum_flow_now_text (ctx);
  g_autofree char *issued = today (ctx);
  g_autofree char *config_json = lum_flow_channel_config_text (ctx, config);
  g_autofree char *due = NULL;
  int terms_days = 0;

  /* only the terms: a poll posts an invoice a shipment */
  if (!lum_customer_store_get_terms_days (ctx->db, lum_document_get_int (invoice, LUM_DOC_CUSTOMER_ID),
                                          &terms_days, error) ||
      (reason != NULL && !lum_flow_assign_identity (ctx, invoice, error)))
    return FALSE;

  due = lum_date_add_days (issued, terms_days);
  lum_document_set_int (invoice, LUM_DOC_TERMS_DAYS, terms_days);
  lum_document_set_text (invoice, LUM_DOC_ISSUE_DATE, issued);
  lum_document_set_text (invoice, LUM_DOC_DUE_DATE, due);
  lum_document_set_text (invoice, LUM_DOC_STATUS, LUM_STATUS_POSTED);
  lum_document_set_text (invoice, LUM_DOC_POSTED_AT, now);
  if (lum_channel_get_accounting_integration_id (config) != 0)
    lum_document_set_text (invoice, LUM_DOC_ACCOUNTING_STATUS, LUM_PUSH_SCHEDULED);

  /* a new invoice is written with its configuration, a draft gets it */
  if ((reason != NULL ? !lum_flow_write_new_from_order (ctx, invoice, header_from, config_json, reason, error)
                      : !lum_document_store_update (ctx->db, invoice, now, FALSE, error)) ||
      !schedule_accounting (ctx, invoice, config, error) ||
      (reason == NULL &&
       !lum_document_store_set_config (ctx->db, LUM_DOCUMENT_KIND_INVOICE, lum_document_get_id (invoice),
                                       config_json, error)))
    return FALSE;

  lum_flow_add_event (ctx, "invoice.posted", lum_channel_get_id (config),
                      lum_document_get_int (invoice, LUM_DOC_LINKED_ID), lum_document_get_id (invoice), 0,
                      "number", lum_document_get_number (invoice), NULL);
  return TRUE;
}

/* Posts an invoice: dates from the customer's terms, the accounting job.
 * A new invoice (@reason given) is written once, already posted. */
gboolean
lum_flow_post_invoice_record (LumFlowContext  *ctx,
                              LumDocument     *invoice,
                              LumChannel      *config,
                              const char      *reason,
                              GError         **error)
{
  return post_invoice_from (ctx, invoice, 0, config, reason, error);
}

/**
 * lum_flow_invoice_shipment:
 * @order: the order as lum_document_store_get_brief() reads it
 * @lines: what the shipment invoices
 *
 * lum_flow_invoice_order() for a shipment, with the order's header copied
 * by the database as the invoice is written: a poll makes thousands, and
 * reading each order's whole header into a document to copy it field by
 * field cost more than the rest of the invoice.
 */
gboolean
lum_flow_invoice_shipment (LumFlowContext  *ctx,
                           LumDocument     *order,
                           LumChannel      *config,
                           GListModel      *lines,
                           gint64           shipment_id,
                           GError         **error)
{
  g_autoptr(LumDocument) invoice = lum_document_new (LUM_DOCUMENT_KIND_INVOICE);
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (g_list_model_get_n_items (lines), g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    g_ptr_array_add (items, g_list_model_get_item (lines, i));
  lum_document_set_lines (invoice, items);
  /* what lum_flow_derive_document() takes from the order and the number series needs */
  lum_document_set_int (invoice, LUM_DOC_CHANNEL_ID, lum_document_get_int (order, LUM_DOC_CHANNEL_ID));
  lum_document_set_int (invoice, LUM_DOC_CUSTOMER_ID, lum_document_get_int (order, LUM_DOC_CUSTOMER_ID));
  lum_document_set_is_test (invoice, lum_document_get_is_test (order));
  lum_document_set_int (invoice, LUM_DOC_INVOICE_TYPE_ID, lum_channel_get_invoice_type_id (config));
  lum_document_set_int (invoice, LUM_DOC_LINKED_ID, lum_document_get_id (order));
  lum_document_set_int (invoice, LUM_DOC_SHIPMENT_ID, shipment_id);

  return post_invoice_from (ctx, invoice, lum_document_get_id (order), config, "shipment-created", error);
}

/* Creates and posts the invoice of @order for @lines, as the channel's
 * invoicing logic asks; @reason says why for the timeline. */
gboolean
lum_flow_invoice_order (LumFlowContext  *ctx,
               LumDocument     *order,
               LumChannel      *config,
               GListModel      *lines,
               gint64           shipment_id,
               const char      *reason,
               GError         **error)
{
  g_autoptr(LumDocument) invoice = lum_flow_derive_document (order, LUM_DOCUMENT_KIND_INVOICE, lines);

  lum_document_set_int (invoice, LUM_DOC_INVOICE_TYPE_ID, lum_channel_get_invoice_type_id (config));
  lum_document_set_int (invoice, LUM_DOC_LINKED_ID, lum_document_get_id (order));
  lum_document_set_int (invoice, LUM_DOC_SHIPMENT_ID, shipment_id);

  return lum_flow_post_invoice_record (ctx, invoice, config, reason, error);
}

gboolean
lum_flow_void_invoice (LumFlowContext  *ctx,
                       gint64           invoice_id,
                       GError         **error)
{
  g_autoptr(LumDocument) invoice = lum_document_store_get (ctx->db, LUM_DOCUMENT_KIND_INVOICE, invoice_id, error);
  g_autoptr(LumJob) job = NULL;
  g_autofree char *now = lum_flow_now_text (ctx);

  if (invoice == NULL)
    return FALSE;
  if (g_str_equal (lum_document_get_status (invoice), LUM_STATUS_VOID))
    {
      g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_STATUS,
                   _("Invoice %s is already void"), lum_document_get_number (invoice));
      return FALSE;
    }

  job = lum_job_store_find_open (ctx->db, LUM_JOB_KIND_PUSH_INVOICE, 0, invoice_id, NULL);
  if (job != NULL && lum_job_get_state (job) == LUM_JOB_STATE_SCHEDULED)
    {
      if (!lum_job_store_set_state (ctx->db, lum_job_get_id (job), LUM_JOB_STATE_CANCELLED, now, error))
        return FALSE;
      lum_document_set_text (invoice, LUM_DOC_ACCOUNTING_STATUS, LUM_PUSH_NOT_PUSHED);
    }

  lum_document_set_text (invoice, LUM_DOC_STATUS, LUM_STATUS_VOID);
  lum_document_set_text (invoice, LUM_DOC_ENDED_AT, now);
  if (!lum_flow_bump_version (ctx, invoice, error) ||
      !lum_document_store_update (ctx->db, invoice, now, FALSE, error))
    return FALSE;
  lum_flow_add_event (ctx, "invoice.voided", lum_document_get_int (invoice, LUM_DOC_CHANNEL_ID), 0, invoice_id, 0,
                      "number", lum_document_get_number (invoice), NULL);
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-engine"

#include "lum-document-json.h"
#include "lum-engine-sync.h"
#include "lum-util.h"

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value == NULL || *value == '\0')
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, value);
}

static void
add_int (JsonBuilder *b,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
add_lines (JsonBuilder *b,
           GListModel  *lines,
           gboolean     prices)
{
  json_builder_set_member_name (b, "lines");
  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(LumDocLine) line = g_list_model_get_item (lines, i);

      json_builder_begin_object (b);
      add_string (b, "sku", lum_doc_line_get_sku (line));
      if (prices)
        add_string (b, "description", lum_doc_line_get_description (line));
      add_int (b, "quantity", lum_doc_line_get_quantity (line));
      if (prices)
        add_int (b, "unit_price_cents", lum_doc_line_get_unit_price_cents (line));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* The header fields both kinds share, as documented for `show --json`. */
static void
add_header (JsonBuilder *b,
            LumDocument *doc)
{
  static const LumDocText shared[] = {
    LUM_DOC_SHIP_NAME, LUM_DOC_SHIP_COMPANY, LUM_DOC_SHIP_STREET1, LUM_DOC_SHIP_STREET2, LUM_DOC_SHIP_CITY,
    LUM_DOC_SHIP_STATE, LUM_DOC_SHIP_POSTAL_CODE, LUM_DOC_SHIP_COUNTRY, LUM_DOC_SHIP_PHONE,
    LUM_DOC_SHIPPING_NOTES, LUM_DOC_SHIPPING_TYPE, LUM_DOC_REQUESTED_SHIP_DATE, LUM_DOC_PO_NUMBER,
    LUM_DOC_INTERNAL_NOTES, LUM_DOC_CUSTOMER_NOTES, LUM_DOC_GIFT_MESSAGE, LUM_DOC_CREATED_AT, LUM_DOC_POSTED_AT,
  };

  add_string (b, "number", lum_document_get_number (doc));
  add_string (b, "uuid", lum_document_get_text (doc, LUM_DOC_UUID));
  add_string (b, "channel", lum_document_get_text (doc, LUM_DOC_CHANNEL_NAME));
  add_string (b, "customer", lum_document_get_text (doc, LUM_DOC_CUSTOMER_NAME));
  add_string (b, "status", lum_document_get_status (doc));
  add_int (b, "version", lum_document_get_int (doc, LUM_DOC_VERSION));
  for (guint i = 0; i < G_N_ELEMENTS (shared); i++)
    add_string (b, lum_doc_text_column (shared[i]), lum_document_get_text (doc, shared[i]));
  json_builder_set_member_name (b, "is_test");
  json_builder_add_boolean_value (b, lum_document_get_is_test (doc));
  add_int (b, "total_cents", lum_document_get_total_cents (doc));
}

/* A list row: the header and the statuses, no lines. */
JsonNode *
lum_document_row_to_json (LumDocument *doc)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_header (b, doc);
  if (lum_document_get_kind (doc) == LUM_DOCUMENT_KIND_SALES_ORDER)
    {
      add_string (b, "push_status", lum_document_get_text (doc, LUM_DOC_PUSH_STATUS));
      add_string (b, "fulfillment_status", lum_document_get_text (doc, LUM_DOC_FULFILLMENT_STATUS));
      add_string (b, "invoice", lum_document_get_text (doc, LUM_DOC_LINKED_NUMBER));
    }
  else
    {
      add_string (b, "type", lum_document_get_text (doc, LUM_DOC_INVOICE_TYPE_NAME));
      add_string (b, "accounting_status", lum_document_get_text (doc, LUM_DOC_ACCOUNTING_STATUS));
      add_string (b, "sales_order", lum_document_get_text (doc, LUM_DOC_LINKED_NUMBER));
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

JsonNode *
lum_job_to_json (LumJob *job)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_int (b, "id", lum_job_get_id (job));
  add_string (b, "kind", lum_job_get_text (job, LUM_JOB_KIND_TEXT));
  add_string (b, "state", lum_job_get_text (job, LUM_JOB_STATE_TEXT));
  add_string (b, "integration", lum_job_get_text (job, LUM_JOB_INTEGRATION_NAME));
  add_string (b, "document", lum_job_get_text (job, LUM_JOB_DOCUMENT_NUMBER));
  add_string (b, "due_at", lum_job_get_text (job, LUM_JOB_DUE_AT));
  add_int (b, "attempts", lum_job_get_int (job, LUM_JOB_ATTEMPTS));
  add_int (b, "max_attempts", lum_job_get_int (job, LUM_JOB_MAX_ATTEMPTS));
  json_builder_set_member_name (b, "is_test");
  json_builder_add_boolean_value (b, lum_job_get_int (job, LUM_JOB_IS_TEST) != 0);
  add_string (b, "remote_id", lum_job_get_text (job, LUM_JOB_REMOTE_ID));
  add_string (b, "last_error", lum_job_get_text (job, LUM_JOB_LAST_ERROR));
  add_string (b, "updated_at", lum_job_get_text (job, LUM_JOB_UPDATED_AT));
  if (!lum_str_empty (lum_job_get_text (job, LUM_JOB_SENT_METHOD)))
    {
      /* what the last attempt sent and what came back */
      json_builder_set_member_name (b, "sent");
      json_builder_begin_object (b);
      add_string (b, "method", lum_job_get_text (job, LUM_JOB_SENT_METHOD));
      add_string (b, "path", lum_job_get_text (job, LUM_JOB_SENT_PATH));
      add_string (b, "body", lum_job_get_text (job, LUM_JOB_SENT_BODY));
      add_int (b, "answer_status", lum_job_get_int (job, LUM_JOB_ANSWER_STATUS));
      add_string (b, "answer_body", lum_job_get_text (job, LUM_JOB_ANSWER_BODY));
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

JsonNode *
lum_event_to_json (LumEvent *event)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *summary = lum_event_dup_summary (event);

  json_builder_begin_object (b);
  add_int (b, "id", lum_event_get_int (event, LUM_EVENT_ID));
  add_string (b, "at", lum_event_get_text (event, LUM_EVENT_AT));
  add_string (b, "actor", lum_event_get_text (event, LUM_EVENT_ACTOR));
  add_string (b, "by", lum_event_get_text (event, LUM_EVENT_ACTOR_NAME));
  add_string (b, "kind", lum_event_get_text (event, LUM_EVENT_KIND));
  add_string (b, "document", lum_event_get_text (event, LUM_EVENT_DOCUMENT_NUMBER));
  add_string (b, "summary", summary);
  json_builder_set_member_name (b, "details");
  if (json_parser_load_from_data (parser, lum_event_get_text (event, LUM_EVENT_DETAILS), -1, NULL))
    json_builder_add_value (b, json_node_copy (json_parser_get_root (parser)));
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* An order's shipment conflicts: the warehouse's side, the side recorded
 * by hand and how it was resolved ("" while open). */
static gboolean
add_shipment_conflicts (LumEngine    *self,
                        JsonBuilder  *b,
                        gint64        order_id,
                        GError      **error)
{
  g_autoptr(GListStore) conflicts = lum_engine_list_shipment_conflicts (self, order_id, error);

  if (conflicts == NULL)
    return FALSE;
  json_builder_set_member_name (b, "shipment_conflicts");
  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (conflicts)); i++)
    {
      g_autoptr(LumShipmentConflict) c = g_list_model_get_item (G_LIST_MODEL (conflicts), i);

      json_builder_begin_object (b);
      add_int (b, "id", lum_shipment_conflict_get_int (c, LUM_CONFLICT_ID));
      add_string (b, "warehouse_carrier", lum_shipment_conflict_get_text (c, LUM_CONFLICT_CARRIER));
      add_string (b, "warehouse_tracking_number", lum_shipment_conflict_get_text (c, LUM_CONFLICT_TRACKING_NUMBER));
      add_string (b, "warehouse_remote_id", lum_shipment_conflict_get_text (c, LUM_CONFLICT_REMOTE_ID));
      add_string (b, "recorded_carrier", lum_shipment_conflict_get_text (c, LUM_CONFLICT_RECORDED_CARRIER));
      add_string (b, "recorded_tracking_number",
                  lum_shipment_conflict_get_text (c, LUM_CONFLICT_RECORDED_TRACKING_NUMBER));
      add_string (b, "resolution", lum_shipment_conflict_get_text (c, LUM_CONFLICT_RESOLUTION));
      add_string (b, "reported_at", lum_shipment_conflict_get_text (c, LUM_CONFLICT_CREATED_AT));
      add_string (b, "resolved_at", lum_shipment_conflict_get_text (c, LUM_CONFLICT_RESOLVED_AT));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return TRUE;
}

/**
 * lum_engine_document_to_json:
 *
 * A document as `lumenctl order show --json` and `invoice show --json`
 * print it: the row's fields, its lines and, for an order, its invoices,
 * shipments and jobs.
 */
JsonNode *
lum_engine_document_to_json (LumEngine    *self,
                             LumDocument  *doc,
                             GError      **error)
{
  g_autoptr(JsonNode) node = lum_document_row_to_json (doc);
  JsonObject *object = json_node_get_object (node);
  LumJobFilter filter = { 0, };
  g_autoptr(GListStore) jobs = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) extra = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_builder_begin_object (b);
  add_lines (b, lum_document_get_lines (doc), TRUE);

  if (lum_document_get_kind (doc) == LUM_DOCUMENT_KIND_SALES_ORDER)
    {
      g_auto(GStrv) invoices = lum_engine_list_order_invoices (self, lum_document_get_id (doc), error);
      g_autoptr(GListStore) shipments = lum_engine_list_shipments (self, lum_document_get_id (doc), error);

      if (invoices == NULL || shipments == NULL)
        return NULL;
      add_string (b, "push_due_at", lum_document_get_text (doc, LUM_DOC_PUSH_DUE_AT));
      add_string (b, "remote_id", lum_document_get_text (doc, LUM_DOC_REMOTE_ID));

      json_builder_set_member_name (b, "invoices");
      json_builder_begin_array (b);
      for (guint i = 0; invoices[i]; i++)
        json_builder_add_string_value (b, invoices[i]);
      json_builder_end_array (b);

      json_builder_set_member_name (b, "shipments");
      json_builder_begin_array (b);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (shipments)); i++)
        {
          g_autoptr(LumShipment) s = g_list_model_get_item (G_LIST_MODEL (shipments), i);
          g_autofree char *url = lum_shipment_dup_tracking_url (s);

          json_builder_begin_object (b);
          add_string (b, "carrier", lum_shipment_get_text (s, LUM_SHIPMENT_CARRIER));
          add_string (b, "service", lum_shipment_get_text (s, LUM_SHIPMENT_SERVICE));
          add_string (b, "tracking_number", lum_shipment_get_text (s, LUM_SHIPMENT_TRACKING_NUMBER));
          add_string (b, "tracking_url", url);
          add_string (b, "shipped_at", lum_shipment_get_text (s, LUM_SHIPMENT_SHIPPED_AT));
          add_string (b, "remote_id", lum_shipment_get_text (s, LUM_SHIPMENT_REMOTE_ID));
          json_builder_set_member_name (b, "voided");
          json_builder_add_boolean_value (b, lum_shipment_get_int (s, LUM_SHIPMENT_VOIDED) != 0);
          add_lines (b, lum_shipment_get_lines (s), FALSE);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      if (!add_shipment_conflicts (self, b, lum_document_get_id (doc), error))
        return NULL;
      filter.sales_order_id = lum_document_get_id (doc);
    }
  else
    {
      add_string (b, "accounting_id", lum_document_get_text (doc, LUM_DOC_ACCOUNTING_ID));
      add_string (b, "issue_date", lum_document_get_text (doc, LUM_DOC_ISSUE_DATE));
      add_string (b, "due_date", lum_document_get_text (doc, LUM_DOC_DUE_DATE));
      filter.invoice_id = lum_document_get_id (doc);
    }

  jobs = lum_engine_list_jobs (self, &filter, error);
  if (jobs == NULL)
    return NULL;
  json_builder_set_member_name (b, "jobs");
  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (jobs)); i++)
    {
      g_autoptr(LumJob) job = g_list_model_get_item (G_LIST_MODEL (jobs), i);
      JsonNode *job_node = lum_job_to_json (job);
      g_autofree char *link = lum_engine_dup_job_web_link (self, job);

      if (link != NULL)
        json_object_set_string_member (json_node_get_object (job_node), "web_link", link);
      json_builder_add_value (b, job_node);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  extra = json_builder_get_root (b);
  json_object_iter_init (&iter, json_node_get_object (extra));
  while (json_object_iter_next (&iter, &name, &member))
    json_object_set_member (object, name, json_node_copy (member));

  return g_steal_pointer (&node);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-sandbox"

#include "lum-sandbox-extensiv-private.h"

/* Extensiv's stock: see lum-sandbox-stock.c. */

/* -- Extensiv ---------------------------------------------------------------- */

static void
reply_extensiv_error (LumSandboxRequest *req,
                      const char        *code,
                      const char        *hint,
                      const char        *property)
{
  JsonObject *object = json_object_new ();
  JsonObject *properties = json_object_new ();

  if (property != NULL)
    json_object_set_string_member (properties, "Field", property);
  json_object_set_string_member (object, "ErrorCode", code);
  json_object_set_string_member (object, "Hint", hint);
  json_object_set_object_member (object, "Properties", properties);
  lum_sandbox_request_reply_object (req, SOUP_STATUS_BAD_REQUEST, object);
}

/**
 * lum_sandbox_extensiv_stock_summaries:
 *
 * GET /inventory/stocksummaries, already admitted (token and rate limit).
 */
void
lum_sandbox_extensiv_stock_summaries (LumSandboxExtensiv *ext,
                                      LumSandboxRequest  *req)
{
  static const char * const allowed[] = { "pgsiz", "pgnum", "rql", NULL };
  const char *unknown = lum_sandbox_unknown_param (req, allowed);
  const char *rql_text = lum_sandbox_request_param (req, "rql");
  g_autoptr(LumRql) rql = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  g_autofree char *self_href = NULL;
  guint64 size = DEFAULT_PAGE_SIZE, page = 1;
  JsonObject *answer;
  JsonArray *list;

  if (unknown != NULL)
    {
      g_autofree char *hint = g_strdup_printf ("%s is not a parameter of stock summaries", unknown);
      reply_extensiv_error (req, "InvalidParameter", hint, unknown);
      return;
    }
  if ((lum_sandbox_request_param (req, "pgsiz") != NULL
       && (!lum_sandbox_parse_uint (lum_sandbox_request_param (req, "pgsiz"), MAX_PAGE_SIZE, &size) || size == 0))
      || (lum_sandbox_request_param (req, "pgnum") != NULL
          && (!lum_sandbox_parse_uint (lum_sandbox_request_param (req, "pgnum"), G_MAXINT32, &page) || page == 0)))
    {
      reply_extensiv_error (req, "InvalidParameter", "pgsiz must be 1 to 1000 and pgnum 1 or more", "pgsiz");
      return;
    }
  if (rql_text != NULL && *rql_text != '\0' && (rql = lum_rql_parse (rql_text, &error)) == NULL)
    {
      reply_extensiv_error (req, "InvalidRql", error->message, "rql");
      return;
    }
  for (guint i = 0; i < ext->stock->len; i++)
    {
      JsonObject *summary = g_ptr_array_index (ext->stock, i);
      g_autoptr(JsonNode) node = lum_json_node_new_object (summary);

      if (rql == NULL || lum_rql_matches (rql, node))
        g_ptr_array_add (matches, summary);
    }

  list = json_array_new ();
  for (guint64 i = (page - 1) * size; i < matches->len && i < page * size; i++)
    json_array_add_object_element (list, json_object_ref (g_ptr_array_index (matches, i)));
  answer = json_object_new ();
  self_href = g_strdup_printf ("/inventory/stocksummaries?pgsiz=%" G_GUINT64_FORMAT "&pgnum=%" G_GUINT64_FORMAT,
                               size, page);
  json_object_set_int_member (answer, "totalResults", matches->len);
  json_object_set_array_member (answer, "summaries", list);
  json_object_set_object_member (answer, "_links", lum_sandbox_extensiv_new_links (self_href));
  lum_sandbox_request_reply_object (req, SOUP_STATUS_OK, answer);
}

/* {"facilityId", "sku", "customerId"?, "onHand", "allocated"?}: sets the
 * stock of a customer's item (by default the sandbox customer's) in a
 * facility; both must exist. Returns the summary as listed. */
JsonObject *
lum_sandbox_extensiv_set_stock_locked (LumSandboxExtensiv *ext,
                                       JsonObject         *spec,
                                       GError            **error)
{
  const char *sku = lum_json_get_string (spec, "sku");
  JsonNode *facility_node = lum_json_member (spec, "facilityId");
  JsonNode *customer_node = lum_json_member (spec, "customerId");
  gint64 customer_id = LUM_SANDBOX_EXTENSIV_CUSTOMER;
  g_autoptr(JsonObject) probe = json_object_new ();
  gint64 facility_id, on_hand, allocated;
  JsonObject *item, *summary;

  if (sku == NULL || *sku == '\0' || !lum_json_is_int (facility_node) ||
      (customer_node != NULL && !lum_json_is_int (customer_node)))
    {
      g_set_error_literal (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                           "Stock needs a \"sku\" and an integer \"facilityId\" (and may name an integer \"customerId\")");
      return NULL;
    }
  facility_id = json_node_get_int (facility_node);
  if (customer_node != NULL)
    customer_id = json_node_get_int (customer_node);
  if (!lum_sandbox_read_quantity (spec, "onHand", TRUE, &on_hand, error) ||
      !lum_sandbox_read_quantity (spec, "allocated", FALSE, &allocated, error))
    return NULL;
  if (allocated > on_hand)
    {
      g_set_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                   "\"allocated\" %" G_GINT64_FORMAT " is more than \"onHand\" %" G_GINT64_FORMAT, allocated, on_hand);
      return NULL;
    }
  json_object_set_int_member (probe, "id", facility_id);
  if (lum_sandbox_extensiv_find_by_identifier (ext->facilities, probe, FALSE) == NULL)
    {
      g_set_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_NOT_FOUND,
                   "There is no facility %" G_GINT64_FORMAT, facility_id);
      return NULL;
    }
  json_object_remove_member (probe, "id");
  json_object_set_string_member (probe, "sku", sku);
  item = lum_sandbox_extensiv_find_item (ext, customer_id, probe);
  if (item == NULL)
    {
      g_set_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_NOT_FOUND,
                   "SKU “%s” is not an item of customer %" G_GINT64_FORMAT, sku, customer_id);
      return NULL;
    }

  for (guint i = 0; i < ext->stock->len; i++)
    {
      JsonObject *old = g_ptr_array_index (ext->stock, i);

      if (json_object_get_int_member (old, "facilityId") == facility_id &&
          json_object_get_int_member (old, "itemId") == json_object_get_int_member (item, "itemId"))
        {
          g_ptr_array_remove_index (ext->stock, i);
          break;
        }
    }
  summary = json_object_new ();
  json_object_set_int_member (summary, "facilityId", facility_id);
  json_object_set_int_member (summary, "itemId", json_object_get_int_member (item, "itemId"));
  json_object_set_string_member (summary, "sku", sku);
  json_object_set_int_member (summary, "onHand", on_hand);
  json_object_set_int_member (summary, "available", on_hand - allocated);
  json_object_set_int_member (summary, "allocated", allocated);
  json_object_set_int_member (summary, "committed", 0);
  g_ptr_array_add (ext->stock, summary);
  return lum_json_object_copy (summary);
}

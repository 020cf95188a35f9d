/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-store"

#include "lum-schema.h"

#include <string.h>

/*
 * The schema, one migration a version. A migration is never edited once it
 * has shipped: changes go into a new one. Names are compared through a
 * casefolded `*_key` column so that uniqueness ignores case for every
 * script, not only ASCII. Times are UTC ISO 8601 text, money integer cents.
 */

static const char *migrations[] = {
  /* 1: channel set-up */
  "CREATE TABLE warehouse_group ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  name_key TEXT NOT NULL UNIQUE,"
  "  is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),"
  "  created_at TEXT NOT NULL"
  ");"
  "CREATE UNIQUE INDEX warehouse_group_one_default ON warehouse_group (is_default)"
  "  WHERE is_default = 1;"
  "CREATE TABLE warehouse ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL,"
  "  created_at TEXT NOT NULL"
  ");"
  "CREATE TABLE warehouse_group_member ("
  "  group_id INTEGER NOT NULL REFERENCES warehouse_group (id) ON DELETE CASCADE,"
  "  warehouse_id INTEGER NOT NULL REFERENCES warehouse (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (group_id, warehouse_id)"
  ");"
  "CREATE TABLE invoice_type ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  name_key TEXT NOT NULL UNIQUE,"
  "  created_at TEXT NOT NULL"
  ");"
  "CREATE TABLE integration ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL CHECK (kind IN ('shipstation', 'extensiv', 'quickbooks')),"
  "  name TEXT NOT NULL,"
  "  name_key TEXT NOT NULL UNIQUE,"
  "  base_url TEXT NOT NULL,"
  "  settings TEXT NOT NULL DEFAULT '{}',"
  "  state TEXT NOT NULL DEFAULT 'ok',"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL"
  ");"
  "CREATE TABLE remote_store ("
  "  integration_id INTEGER NOT NULL REFERENCES integration (id) ON DELETE CASCADE,"
  "  remote_id TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  fetched_at TEXT NOT NULL,"
  "  PRIMARY KEY (integration_id, remote_id)"
  ");"
  "CREATE TABLE channel ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  name_key TEXT NOT NULL UNIQUE,"
  "  warehouse_group_id INTEGER NOT NULL REFERENCES warehouse_group (id),"
  "  internal INTEGER NOT NULL DEFAULT 0,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  push_to_oms INTEGER NOT NULL DEFAULT 0,"
  "  oms_integration_id INTEGER REFERENCES integration (id),"
  "  oms_store_id TEXT,"
  "  oms_store_name TEXT,"
  "  push_delay_minutes INTEGER CHECK (push_delay_minutes BETWEEN 0 AND 10080),"
  "  push_fulfillment_updates INTEGER NOT NULL DEFAULT 0,"
  "  order_flow TEXT NOT NULL CHECK (order_flow IN ('so-first', 'invoice-first')),"
  "  invoice_type_id INTEGER NOT NULL REFERENCES invoice_type (id),"
  "  invoice_timing TEXT CHECK (invoice_timing IN ('so-created', 'shipment-created')),"
  "  accounting_integration_id INTEGER REFERENCES integration (id),"
  "  archived INTEGER NOT NULL DEFAULT 0,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL"
  ");"
  "CREATE INDEX channel_by_oms ON channel (oms_integration_id);"
  "CREATE INDEX channel_by_accounting ON channel (accounting_integration_id);"
  "CREATE TABLE channel_tag ("
  "  channel_id INTEGER NOT NULL REFERENCES channel (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  tag TEXT NOT NULL,"
  "  PRIMARY KEY (channel_id, position)"
  ");"
  "CREATE TABLE field_mapping ("
  "  channel_id INTEGER NOT NULL REFERENCES channel (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  lumen_field TEXT NOT NULL,"
  "  remote_field TEXT NOT NULL,"
  "  PRIMARY KEY (channel_id, position),"
  "  UNIQUE (channel_id, remote_field)"
  ");",

  /* 2: customers, products, sales orders, invoices, shipments, the outbox and events */
  "CREATE TABLE customer ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  name_key TEXT NOT NULL UNIQUE,"
  "  email TEXT NOT NULL DEFAULT '',"
  "  phone TEXT NOT NULL DEFAULT '',"
  "  company TEXT NOT NULL DEFAULT '',"
  "  bill_street1 TEXT NOT NULL DEFAULT '',"
  "  bill_street2 TEXT NOT NULL DEFAULT '',"
  "  bill_city TEXT NOT NULL DEFAULT '',"
  "  bill_state TEXT NOT NULL DEFAULT '',"
  "  bill_postal_code TEXT NOT NULL DEFAULT '',"
  "  bill_country TEXT NOT NULL DEFAULT '',"
  "  ship_name TEXT NOT NULL DEFAULT '',"
  "  ship_company TEXT NOT NULL DEFAULT '',"
  "  ship_street1 TEXT NOT NULL DEFAULT '',"
  "  ship_street2 TEXT NOT NULL DEFAULT '',"
  "  ship_city TEXT NOT NULL DEFAULT '',"
  "  ship_state TEXT NOT NULL DEFAULT '',"
  "  ship_postal_code TEXT NOT NULL DEFAULT '',"
  "  ship_country TEXT NOT NULL DEFAULT '',"
  "  ship_phone TEXT NOT NULL DEFAULT '',"
  "  terms_days INTEGER NOT NULL DEFAULT 30 CHECK (terms_days BETWEEN 0 AND 365),"
  "  sales_rep TEXT NOT NULL DEFAULT '',"
  "  is_test INTEGER NOT NULL DEFAULT 0,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL"
  ");"
  "CREATE TABLE product ("
  "  id INTEGER PRIMARY KEY,"
  "  sku TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL,"
  "  unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),"
  "  weight_oz REAL NOT NULL DEFAULT 0 CHECK (weight_oz >= 0),"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL"
  ");"
  "CREATE TABLE doc_sequence ("
  "  name TEXT PRIMARY KEY,"
  "  next_value INTEGER NOT NULL"
  ");"
  "INSERT INTO doc_sequence (name, next_value) VALUES ('sales_order', 1), ('invoice', 1);"
  "CREATE TABLE sales_order ("
  "  id INTEGER PRIMARY KEY,"
  "  number TEXT NOT NULL UNIQUE,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  channel_id INTEGER NOT NULL REFERENCES channel (id),"
  "  customer_id INTEGER NOT NULL REFERENCES customer (id),"
  "  customer_key TEXT NOT NULL,"
  "  status TEXT NOT NULL CHECK (status IN ('draft', 'posted', 'cancelled')),"
  "  ship_name TEXT NOT NULL DEFAULT '',"
  "  ship_company TEXT NOT NULL DEFAULT '',"
  "  ship_street1 TEXT NOT NULL DEFAULT '',"
  "  ship_street2 TEXT NOT NULL DEFAULT '',"
  "  ship_city TEXT NOT NULL DEFAULT '',"
  "  ship_state TEXT NOT NULL DEFAULT '',"
  "  ship_postal_code TEXT NOT NULL DEFAULT '',"
  "  ship_country TEXT NOT NULL DEFAULT '',"
  "  ship_phone TEXT NOT NULL DEFAULT '',"
  "  shipping_notes TEXT NOT NULL DEFAULT '',"
  "  shipping_type TEXT NOT NULL DEFAULT '',"
  "  requested_ship_date TEXT NOT NULL DEFAULT '',"
  "  po_number TEXT NOT NULL DEFAULT '',"
  "  internal_notes TEXT NOT NULL DEFAULT '',"
  "  customer_notes TEXT NOT NULL DEFAULT '',"
  "  gift_message TEXT NOT NULL DEFAULT '',"
  "  is_test INTEGER NOT NULL DEFAULT 0,"
  "  total_cents INTEGER NOT NULL DEFAULT 0,"
  "  push_status TEXT NOT NULL DEFAULT 'not-pushed'"
  "    CHECK (push_status IN ('not-pushed', 'scheduled', 'pushed', 'failed')),"
  "  push_due_at TEXT,"
  "  remote_id TEXT,"
  "  fulfillment_status TEXT NOT NULL DEFAULT 'unfulfilled'"
  "    CHECK (fulfillment_status IN ('unfulfilled', 'partially-fulfilled', 'fulfilled')),"
  "  config TEXT,"
  "  invoice_id INTEGER,"
  "  created_at TEXT NOT NULL,"
  "  posted_at TEXT,"
  "  ended_at TEXT,"
  "  updated_at TEXT NOT NULL"
  ");"
  "CREATE INDEX sales_order_by_customer ON sales_order (customer_key, id);"
  "CREATE INDEX sales_order_by_channel ON sales_order (channel_id, id);"
  "CREATE INDEX sales_order_by_status ON sales_order (status, id);"
  "CREATE INDEX sales_order_by_push ON sales_order (push_status, id);"
  "CREATE INDEX sales_order_by_fulfillment ON sales_order (fulfillment_status, id);"
  "CREATE INDEX sales_order_by_total ON sales_order (total_cents, id);"
  "CREATE INDEX sales_order_by_po ON sales_order (po_number);"
  "CREATE TABLE sales_order_line ("
  "  order_id INTEGER NOT NULL REFERENCES sales_order (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  sku TEXT NOT NULL,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  quantity INTEGER NOT NULL CHECK (quantity > 0),"
  "  unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),"
  "  PRIMARY KEY (order_id, position)"
  ");"
  "CREATE TABLE shipment ("
  "  id INTEGER PRIMARY KEY,"
  "  order_id INTEGER NOT NULL REFERENCES sales_order (id),"
  "  remote_id TEXT,"
  "  carrier TEXT NOT NULL DEFAULT '',"
  "  service TEXT NOT NULL DEFAULT '',"
  "  tracking_number TEXT NOT NULL DEFAULT '',"
  "  shipped_at TEXT NOT NULL,"
  "  voided INTEGER NOT NULL DEFAULT 0,"
  "  created_at TEXT NOT NULL,"
  "  UNIQUE (order_id, remote_id)"
  ");"
  "CREATE TABLE shipment_line ("
  "  shipment_id INTEGER NOT NULL REFERENCES shipment (id) ON DELETE CASCADE,"
  "  sku TEXT NOT NULL,"
  "  quantity INTEGER NOT NULL CHECK (quantity > 0),"
  "  PRIMARY KEY (shipment_id, sku)"
  ");"
  "CREATE TABLE invoice ("
  "  id INTEGER PRIMARY KEY,"
  "  number TEXT NOT NULL UNIQUE,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  invoice_type_id INTEGER NOT NULL REFERENCES invoice_type (id),"
  "  channel_id INTEGER NOT NULL REFERENCES channel (id),"
  "  customer_id INTEGER NOT NULL REFERENCES customer (id),"
  "  customer_key TEXT NOT NULL,"
  "  sales_order_id INTEGER REFERENCES sales_order (id),"
  "  shipment_id INTEGER REFERENCES shipment (id),"
  "  status TEXT NOT NULL CHECK (status IN ('draft', 'posted', 'void')),"
  "  ship_name TEXT NOT NULL DEFAULT '',"
  "  ship_company TEXT NOT NULL DEFAULT '',"
  "  ship_street1 TEXT NOT NULL DEFAULT '',"
  "  ship_street2 TEXT NOT NULL DEFAULT '',"
  "  ship_city TEXT NOT NULL DEFAULT '',"
  "  ship_state TEXT NOT NULL DEFAULT '',"
  "  ship_postal_code TEXT NOT NULL DEFAULT '',"
  "  ship_country TEXT NOT NULL DEFAULT '',"
  "  ship_phone TEXT NOT NULL DEFAULT '',"
  "  shipping_notes TEXT NOT NULL DEFAULT '',"
  "  shipping_type TEXT NOT NULL DEFAULT '',"
  "  requested_ship_date TEXT NOT NULL DEFAULT '',"
  "  po_number TEXT NOT NULL DEFAULT '',"
  "  internal_notes TEXT NOT NULL DEFAULT '',"
  "  customer_notes TEXT NOT NULL DEFAULT '',"
  "  gift_message TEXT NOT NULL DEFAULT '',"
  "  is_test INTEGER NOT NULL DEFAULT 0,"
  "  total_cents INTEGER NOT NULL DEFAULT 0,"
  "  terms_days INTEGER NOT NULL DEFAULT 30,"
  "  issue_date TEXT,"
  "  due_date TEXT,"
  "  accounting_status TEXT NOT NULL DEFAULT 'not-pushed'"
  "    CHECK (accounting_status IN ('not-pushed', 'scheduled', 'pushed', 'failed')),"
  "  accounting_id TEXT,"
  "  config TEXT,"
  "  created_at TEXT NOT NULL,"
  "  posted_at TEXT,"
  "  ended_at TEXT,"
  "  updated_at TEXT NOT NULL"
  ");"
  "CREATE INDEX invoice_by_order ON invoice (sales_order_id);"
  "CREATE INDEX invoice_by_customer ON invoice (customer_key, id);"
  "CREATE INDEX invoice_by_channel ON invoice (channel_id, id);"
  "CREATE INDEX invoice_by_status ON invoice (status, id);"
  "CREATE INDEX invoice_by_accounting ON invoice (accounting_status, id);"
  "CREATE TABLE invoice_line ("
  "  invoice_id INTEGER NOT NULL REFERENCES invoice (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  sku TEXT NOT NULL,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  quantity INTEGER NOT NULL CHECK (quantity > 0),"
  "  unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),"
  "  PRIMARY KEY (invoice_id, position)"
  ");"
  "CREATE TABLE job ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL CHECK (kind IN ('push-sales-order', 'cancel-sales-order', 'push-invoice')),"
  "  integration_id INTEGER NOT NULL REFERENCES integration (id),"
  "  sales_order_id INTEGER REFERENCES sales_order (id),"
  "  invoice_id INTEGER REFERENCES invoice (id),"
  "  state TEXT NOT NULL CHECK (state IN ('scheduled', 'running', 'done', 'failed', 'cancelled')),"
  "  due_at TEXT NOT NULL,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  max_attempts INTEGER NOT NULL DEFAULT 8,"
  "  request_id TEXT NOT NULL UNIQUE,"
  "  lease_owner TEXT,"
  "  lease_until TEXT,"
  "  sent_at TEXT,"
  "  remote_id TEXT,"
  "  last_error TEXT,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL"
  ");"
  "CREATE INDEX job_by_due ON job (state, due_at);"
  "CREATE INDEX job_by_order ON job (sales_order_id);"
  "CREATE INDEX job_by_invoice ON job (invoice_id);"
  "CREATE TABLE event ("
  "  id INTEGER PRIMARY KEY,"
  "  at TEXT NOT NULL,"
  "  actor TEXT NOT NULL CHECK (actor IN ('user', 'sync', 'system')),"
  "  kind TEXT NOT NULL,"
  "  channel_id INTEGER,"
  "  sales_order_id INTEGER,"
  "  invoice_id INTEGER,"
  "  job_id INTEGER,"
  "  details TEXT NOT NULL DEFAULT '{}'"
  ");"
  "CREATE INDEX event_by_order ON event (sales_order_id);"
  "CREATE INDEX event_by_invoice ON event (invoice_id);"
  "CREATE TABLE sync_cursor ("
  "  integration_id INTEGER NOT NULL REFERENCES integration (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"
  "  value TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  PRIMARY KEY (integration_id, name)"
  ");",

  /* 3: the configuration a channel's new documents are posted under, kept
   * with the channel; sparse references indexed only where set */
  "ALTER TABLE channel ADD COLUMN config TEXT;"
  "DROP INDEX event_by_invoice;"
  "CREATE INDEX event_by_invoice ON event (invoice_id) WHERE invoice_id IS NOT NULL;"
  "DROP INDEX job_by_invoice;"
  "CREATE INDEX job_by_invoice ON job (invoice_id) WHERE invoice_id IS NOT NULL;"
  "DROP INDEX job_by_order;"
  "CREATE INDEX job_by_order ON job (sales_order_id) WHERE sales_order_id IS NOT NULL;",

  /* 4: an id of the database itself, which scopes the secrets of its
   * integrations in the keyring, so two databases never share them */
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ");"
  "INSERT INTO meta (key, value) VALUES ('database_id', lower (hex (randomblob (16))));",

  /* 5: a posted document refers to its configuration, kept once for all
   * the documents posted under it, instead of a copy each */
  "CREATE TABLE posted_config ("
  "  id INTEGER PRIMARY KEY,"
  "  config TEXT NOT NULL UNIQUE"
  ");"
  "INSERT OR IGNORE INTO posted_config (config)"
  "  SELECT config FROM sales_order WHERE config IS NOT NULL"
  "  UNION SELECT config FROM invoice WHERE config IS NOT NULL;"
  "ALTER TABLE sales_order ADD COLUMN config_id INTEGER REFERENCES posted_config (id);"
  "ALTER TABLE invoice ADD COLUMN config_id INTEGER REFERENCES posted_config (id);"
  "UPDATE sales_order SET config_id = (SELECT p.id FROM posted_config p WHERE p.config = sales_order.config)"
  "  WHERE config IS NOT NULL;"
  "UPDATE invoice SET config_id = (SELECT p.id FROM posted_config p WHERE p.config = invoice.config)"
  "  WHERE config IS NOT NULL;"
  "ALTER TABLE sales_order DROP COLUMN config;"
  "ALTER TABLE invoice DROP COLUMN config;",

  /* 6: the lists leave test documents out: counted and paged through these
   * narrow indexes (in id order, as every index is within a value), not
   * through every row of the tables */
  "CREATE INDEX sales_order_by_test ON sales_order (is_test);"
  "CREATE INDEX invoice_by_test ON invoice (is_test);",

  /* 7: every CHECK (col IN ('a', 'b', …)) becomes CHECK (col = 'a' OR
   * col = 'b' …), the same rule: SQLite builds a temporary table for an IN
   * list of three or more on each row it checks, which made a tenth of the
   * time of recording a shipment. ALTER TABLE cannot change a CHECK, so
   * lum-db.c edits the stored definitions (the way SQLite documents for
   * such changes) with lum_schema_rewrite_in_checks(); nothing here. */
  "",

  /* 8: the lists leave test orders out (is_test = 0), and SQLite then
   * took the narrow is_test index and sorted every order for any column
   * but the number. An index a sortable column, starting with is_test,
   * gives the page in order and walks an offset without reading the rows.
   * The (total_cents, id) index served only that sort; the others stay
   * for the filters and the search. */
  "DROP INDEX sales_order_by_total;"
  "CREATE INDEX sales_order_list_by_total ON sales_order (is_test, total_cents, id);"
  "CREATE INDEX sales_order_list_by_customer ON sales_order (is_test, customer_key, id);"
  "CREATE INDEX sales_order_list_by_status ON sales_order (is_test, status, id);"
  "CREATE INDEX sales_order_list_by_push ON sales_order (is_test, push_status, id);"
  "CREATE INDEX sales_order_list_by_fulfillment ON sales_order (is_test, fulfillment_status, id);",

  /* 9: test documents are numbered in series of their own (TEST-SO-…,
   * TEST-INV-…), so that a channel test leaves no gap in the real numbers.
   * Test documents that took real numbers before keep them. */
  "INSERT INTO doc_sequence (name, next_value) VALUES ('test_sales_order', 1), ('test_invoice', 1);",

  /* 10: the channel filter, as 8 for the sorts: (channel_id, id) left
   * is_test to the rows, and SQLite counted a channel's orders through
   * the is_test index, reading every row (200 ms on a million) */
  "CREATE INDEX sales_order_list_by_channel ON sales_order (is_test, channel_id, id);",

  /* 11: the integration kind 'shipstation-v2' (ShipStation API V2): its
   * CHECK widened as migration 7 rewrote them, by lum-db.c with
   * lum_schema_allow_shipstation_v2(); nothing here. */
  "",

  /* 12: a shipment the OMS reports for an order already shipped by hand
   * with another tracking number or carrier: kept, with the warehouse's
   * tracking number, until the clerk keeps one side (and after) */
  "CREATE TABLE shipment_conflict ("
  "  id INTEGER PRIMARY KEY,"
  "  order_id INTEGER NOT NULL REFERENCES sales_order (id),"
  "  shipment_id INTEGER NOT NULL REFERENCES shipment (id),"
  "  remote_id TEXT NOT NULL,"
  "  carrier TEXT NOT NULL DEFAULT '',"
  "  service TEXT NOT NULL DEFAULT '',"
  "  tracking_number TEXT NOT NULL DEFAULT '',"
  "  shipped_at TEXT NOT NULL DEFAULT '',"
  "  recorded_carrier TEXT NOT NULL DEFAULT '',"
  "  recorded_tracking_number TEXT NOT NULL DEFAULT '',"
  "  resolution TEXT NOT NULL DEFAULT '' CHECK (resolution = '' OR resolution = 'warehouse' OR resolution = 'mine'),"
  "  created_at TEXT NOT NULL,"
  "  resolved_at TEXT NOT NULL DEFAULT '',"
  "  UNIQUE (order_id, remote_id)"
  ");"
  "CREATE INDEX shipment_conflict_open ON shipment_conflict (order_id) WHERE resolution = '';",

  /* 13: what the last attempt of a job sent and what came back, to show
   * it with the document: the method, the path and the body (secret
   * fields masked, never a header), the answer's status (0: none came)
   * and body */
  "ALTER TABLE job ADD COLUMN sent_method TEXT;"
  "ALTER TABLE job ADD COLUMN sent_path TEXT;"
  "ALTER TABLE job ADD COLUMN sent_body TEXT;"
  "ALTER TABLE job ADD COLUMN answer_status INTEGER;"
  "ALTER TABLE job ADD COLUMN answer_body TEXT;",

  /* 14: a group's warehouses in its order of preference (position, then
   * code, as they were listed before); each warehouse linked, per OMS
   * integration, to that system's own warehouse (ShipStation warehouseId
   * or warehouse_id, an Extensiv facility id), with the name it had when
   * it was chosen; and the warehouse an order was pushed to ship from,
   * with why (JSON, lum-ship-from.h) */
  "ALTER TABLE warehouse_group_member ADD COLUMN position INTEGER NOT NULL DEFAULT 0;"
  "UPDATE warehouse_group_member SET position = (SELECT count(*) FROM warehouse_group_member o"
  "  JOIN warehouse w ON w.id = o.warehouse_id"
  "  WHERE o.group_id = warehouse_group_member.group_id"
  "  AND w.code < (SELECT code FROM warehouse WHERE id = warehouse_group_member.warehouse_id));"
  "CREATE TABLE warehouse_link ("
  "  warehouse_id INTEGER NOT NULL REFERENCES warehouse (id) ON DELETE CASCADE,"
  "  integration_id INTEGER NOT NULL REFERENCES integration (id) ON DELETE CASCADE,"
  "  remote_id TEXT NOT NULL,"
  "  remote_name TEXT NOT NULL DEFAULT '',"
  "  linked_at TEXT NOT NULL,"
  "  PRIMARY KEY (warehouse_id, integration_id)"
  ");"
  "ALTER TABLE sales_order ADD COLUMN ship_from TEXT;",
  /* 15: stock as an OMS reports it, keyed by the OMS's own warehouse (its
   * links to Lumen's warehouses are elsewhere): what is available and
   * when it was read; and when an integration's stock was last read
   * whole, which makes a SKU it did not list one it has none of */
  "CREATE TABLE stock_level ("
  "  integration_id INTEGER NOT NULL REFERENCES integration (id) ON DELETE CASCADE,"
  "  sku TEXT NOT NULL,"
  "  remote_warehouse_id TEXT NOT NULL,"
  "  available INTEGER NOT NULL,"
  "  read_at TEXT NOT NULL,"
  "  PRIMARY KEY (integration_id, sku, remote_warehouse_id)"
  ");"
  "CREATE INDEX stock_level_by_sku ON stock_level (sku);"
  "CREATE TABLE stock_read ("
  "  integration_id INTEGER PRIMARY KEY REFERENCES integration (id) ON DELETE CASCADE,"
  "  read_at TEXT NOT NULL"
  ");",
  /* 16: no silent overwrite. The rows people edit carry a version, raised
   * by every save, and who saved last and when; an event names the person
   * who caused it (actor says whether a person, the sync or Lumen did). */
  "ALTER TABLE channel ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE channel ADD COLUMN changed_by TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE channel ADD COLUMN changed_at TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE customer ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE customer ADD COLUMN changed_by TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE customer ADD COLUMN changed_at TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE product ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE product ADD COLUMN changed_by TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE product ADD COLUMN changed_at TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE sales_order ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE sales_order ADD COLUMN changed_by TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE sales_order ADD COLUMN changed_at TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE invoice ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE invoice ADD COLUMN changed_by TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE invoice ADD COLUMN changed_at TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE event ADD COLUMN actor_name TEXT NOT NULL DEFAULT '';",

  /* 17: a warehouse group's ship-from rule (the first linked warehouse in
   * its order, or the first that has every line in stock), and what a
   * channel does when no single warehouse has every line (hold the order
   * for the preferred warehouse, or split it) */
  "ALTER TABLE warehouse_group ADD COLUMN ship_from_rule TEXT NOT NULL DEFAULT 'preference'"
  "  CHECK (ship_from_rule = 'preference' OR ship_from_rule = 'stock');"
  "ALTER TABLE channel ADD COLUMN when_short TEXT NOT NULL DEFAULT 'hold'"
  "  CHECK (when_short = 'hold' OR when_short = 'split');",
  /* 18: split fulfillment. A sales order of a channel that splits when
   * short goes to its OMS as fulfillment orders, one a warehouse, each
   * with the order's lines that warehouse ships (by their position) and
   * its own push state and remote id; its push job names it. */
  "CREATE TABLE fulfillment ("
  "  id INTEGER PRIMARY KEY,"
  "  order_id INTEGER NOT NULL REFERENCES sales_order (id),"
  "  suffix INTEGER NOT NULL CHECK (suffix > 0),"
  "  warehouse_id INTEGER NOT NULL REFERENCES warehouse (id),"
  "  push_state TEXT NOT NULL DEFAULT 'scheduled',"
  "  remote_id TEXT NOT NULL DEFAULT '',"
  "  shipped_at TEXT NOT NULL DEFAULT '',"
  "  tracking_number TEXT NOT NULL DEFAULT '',"
  "  created_at TEXT NOT NULL,"
  "  UNIQUE (order_id, suffix)"
  ");"
  "CREATE TABLE fulfillment_line ("
  "  fulfillment_id INTEGER NOT NULL REFERENCES fulfillment (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  sku TEXT NOT NULL,"
  "  quantity INTEGER NOT NULL CHECK (quantity > 0),"
  "  PRIMARY KEY (fulfillment_id, position)"
  ");"
  "ALTER TABLE job ADD COLUMN fulfillment_id INTEGER REFERENCES fulfillment (id);",
};

/**
 * lum_schema_allow_shipstation_v2:
 * @sql: a CREATE TABLE statement
 *
 * Returns: (transfer full) (nullable): @sql with 'shipstation-v2' added to
 *   the kinds the CHECK of integration.kind allows (in either of the forms
 *   migrations 1 and 7 left it), or %NULL when @sql has no such CHECK.
 */
char *
lum_schema_allow_shipstation_v2 (const char *sql)
{
  static const struct { const char *from; const char *to; } forms[] = {
    { "kind = 'quickbooks')", "kind = 'quickbooks' OR kind = 'shipstation-v2')" },
    { "'extensiv', 'quickbooks')", "'extensiv', 'quickbooks', 'shipstation-v2')" },
  };

  if (sql == NULL || strstr (sql, "'shipstation-v2'") != NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      const char *at = strstr (sql, forms[i].from);

      if (at != NULL)
        return g_strdup_printf ("%.*s%s%s", (int)(at - sql), sql, forms[i].to, at + strlen (forms[i].from));
    }
  return NULL;
}

/**
 * lum_schema_rewrite_in_checks:
 * @sql: a CREATE TABLE statement
 *
 * Returns: (transfer full) (nullable): @sql with each
 *   `CHECK (col IN (v1, v2, …))` written `CHECK (col = v1 OR col = v2 …)`,
 *   or %NULL when it has none. The values are the schema's own literals,
 *   which hold no parenthesis nor comma.
 */
char *
lum_schema_rewrite_in_checks (const char *sql)
{
  g_autoptr(GRegex) regex = g_regex_new ("CHECK \\((\\w+) IN \\(([^(),]+(?:, *[^(),]+)*)\\)\\)", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  const char *rest = sql;

  if (!g_regex_match (regex, sql, 0, &match))
    return NULL;

  do
    {
      g_autofree char *column = g_match_info_fetch (match, 1);
      g_autofree char *list = g_match_info_fetch (match, 2);
      g_auto(GStrv) values = g_strsplit (list, ",", -1);
      int start, end;

      g_match_info_fetch_pos (match, 0, &start, &end);
      g_string_append_len (out, rest, sql + start - rest);
      g_string_append (out, "CHECK (");
      for (guint i = 0; values[i] != NULL; i++)
        g_string_append_printf (out, "%s%s = %s", i > 0 ? " OR " : "", column, g_strstrip (values[i]));
      g_string_append_c (out, ')');
      rest = sql + end;
    }
  while (g_match_info_next (match, NULL));

  g_string_append (out, rest);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * lum_schema_get_migration_for_postgresql:
 *
 * The same migration for PostgreSQL: the schema is written once, in
 * SQLite's words, and this is the translation. Ids are identity columns,
 * integers 64 bits; what SQLite does by editing its stored definitions
 * (migrations 7 and 11) is an ALTER TABLE here, or nothing.
 *
 * Returns: (transfer full): the SQL of migration @version
 */
char *
lum_schema_get_migration_for_postgresql (int version)
{
  static const struct { const char *pattern; const char *replacement; } rules[] = {
    { "\\bINTEGER PRIMARY KEY\\b", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" },
    { "\\bINTEGER\\b", "BIGINT" },
    { "\\bREAL\\b", "DOUBLE PRECISION" },
    { "lower \\(hex \\(randomblob \\(16\\)\\)\\)", "replace (gen_random_uuid ()::text, '-', '')" },
    /* an INSERT OR IGNORE … ; of the schema ends at its semicolon */
    { "INSERT OR IGNORE INTO ([^;]*);", "INSERT INTO \\1 ON CONFLICT DO NOTHING;" },
  };
  g_autofree char *sql = NULL;

  g_return_val_if_fail (version >= 1 && version <= (int)G_N_ELEMENTS (migrations), NULL);

  if (version == LUM_SCHEMA_VERSION_SHIPSTATION_V2)
    return g_strdup ("ALTER TABLE integration DROP CONSTRAINT integration_kind_check;"
                     "ALTER TABLE integration ADD CONSTRAINT integration_kind_check"
                     "  CHECK (kind IN ('shipstation', 'extensiv', 'quickbooks', 'shipstation-v2'));");

  sql = g_strdup (migrations[version - 1]);
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autoptr(GRegex) regex = g_regex_new (rules[i].pattern, 0, 0, NULL);
      char *next = g_regex_replace (regex, sql, -1, 0, rules[i].replacement, 0, NULL);

      g_free (sql);
      sql = next;
    }
  return g_steal_pointer (&sql);
}

int
lum_schema_get_n_migrations (void)
{
  return G_N_ELEMENTS (migrations);
}

const char *
lum_schema_get_migration (int version)
{
  g_return_val_if_fail (version >= 1 && version <= (int)G_N_ELEMENTS (migrations), NULL);
  return migrations[version - 1];
}

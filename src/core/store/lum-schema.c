/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-store"

#include "lum-schema.h"

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
};

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

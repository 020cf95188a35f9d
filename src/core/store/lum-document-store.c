/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "lum-document-store.h"
#include "lum-text.h"
#include "lum-util.h"

/*
 * One table a document kind. The expressions below say where each field of
 * LumDocument comes from; a field whose expression is a plain `d.column` is
 * also written back, the others (joined names, the other kind's fields) are
 * read only. INSERT, UPDATE and SELECT are built from these tables once.
 */

typedef struct
{
  const char *table;
  const char *line_table;
  const char *line_key;
  const char *sequence;
  const char *prefix;
  const char *test_sequence;
  const char *test_prefix;
  const char *joins;
  const char *text[LUM_DOC_N_TEXT];
  const char *ints[LUM_DOC_N_INT];
  char       *select_sql;
  char       *select_by_id_sql;
  char       *brief_sql;
  char       *lines_select_sql;
  char       *lines_insert_sql;
  char       *lines_delete_sql;
  char       *insert_sql;
  char       *insert_config_sql;  /* the same with the configuration's row */
  char       *insert_from_order_sql; /* the same with a sales order's header */
  guint       config_param;
  guint       n_write_text;
  guint       n_write_int;
  guint       write_text[LUM_DOC_N_TEXT];
  guint       write_int[LUM_DOC_N_INT];
} KindInfo;

#define SHARED_TEXT \
  [LUM_DOC_NUMBER] = "d.number", \
  [LUM_DOC_UUID] = "d.uuid", \
  [LUM_DOC_STATUS] = "d.status", \
  [LUM_DOC_CHANNEL_NAME] = "ch.name", \
  [LUM_DOC_CUSTOMER_NAME] = "cu.name", \
  [LUM_DOC_SHIP_NAME] = "d.ship_name", \
  [LUM_DOC_SHIP_COMPANY] = "d.ship_company", \
  [LUM_DOC_SHIP_STREET1] = "d.ship_street1", \
  [LUM_DOC_SHIP_STREET2] = "d.ship_street2", \
  [LUM_DOC_SHIP_CITY] = "d.ship_city", \
  [LUM_DOC_SHIP_STATE] = "d.ship_state", \
  [LUM_DOC_SHIP_POSTAL_CODE] = "d.ship_postal_code", \
  [LUM_DOC_SHIP_COUNTRY] = "d.ship_country", \
  [LUM_DOC_SHIP_PHONE] = "d.ship_phone", \
  [LUM_DOC_SHIPPING_NOTES] = "d.shipping_notes", \
  [LUM_DOC_SHIPPING_TYPE] = "d.shipping_type", \
  [LUM_DOC_REQUESTED_SHIP_DATE] = "d.requested_ship_date", \
  [LUM_DOC_PO_NUMBER] = "d.po_number", \
  [LUM_DOC_INTERNAL_NOTES] = "d.internal_notes", \
  [LUM_DOC_CUSTOMER_NOTES] = "d.customer_notes", \
  [LUM_DOC_GIFT_MESSAGE] = "d.gift_message", \
  [LUM_DOC_LINKED_NUMBER] = "ln.number", \
  [LUM_DOC_CREATED_AT] = "d.created_at", \
  [LUM_DOC_POSTED_AT] = "d.posted_at", \
  [LUM_DOC_ENDED_AT] = "d.ended_at"

static KindInfo kinds[] = {
  [LUM_DOCUMENT_KIND_SALES_ORDER] = {
    .table = "sales_order",
    .line_table = "sales_order_line",
    .line_key = "order_id",
    .sequence = "sales_order",
    .prefix = "SO",
    .test_sequence = "test_sales_order",
    .test_prefix = "TEST-SO",
    .joins = " JOIN channel ch ON ch.id = d.channel_id"
             " JOIN customer cu ON cu.id = d.customer_id"
             " LEFT JOIN invoice ln ON ln.id = d.invoice_id",
    .text = {
      SHARED_TEXT,
      [LUM_DOC_PUSH_STATUS] = "d.push_status",
      [LUM_DOC_PUSH_DUE_AT] = "d.push_due_at",
      [LUM_DOC_REMOTE_ID] = "d.remote_id",
      [LUM_DOC_FULFILLMENT_STATUS] = "d.fulfillment_status",
    },
    .ints = {
      [LUM_DOC_ID] = "d.id",
      [LUM_DOC_CHANNEL_ID] = "d.channel_id",
      [LUM_DOC_CUSTOMER_ID] = "d.customer_id",
      [LUM_DOC_LINKED_ID] = "d.invoice_id",
      [LUM_DOC_IS_TEST] = "d.is_test",
      [LUM_DOC_LISTED_TOTAL] = "d.total_cents + 0",
      [LUM_DOC_VERSION] = "d.version + 0",
    },
  },
  [LUM_DOCUMENT_KIND_INVOICE] = {
    .table = "invoice",
    .line_table = "invoice_line",
    .line_key = "invoice_id",
    .sequence = "invoice",
    .prefix = "INV",
    .test_sequence = "test_invoice",
    .test_prefix = "TEST-INV",
    .joins = " JOIN channel ch ON ch.id = d.channel_id"
             " JOIN customer cu ON cu.id = d.customer_id"
             " JOIN invoice_type it ON it.id = d.invoice_type_id"
             " LEFT JOIN sales_order ln ON ln.id = d.sales_order_id",
    .text = {
      SHARED_TEXT,
      [LUM_DOC_INVOICE_TYPE_NAME] = "it.name",
      [LUM_DOC_ISSUE_DATE] = "d.issue_date",
      [LUM_DOC_DUE_DATE] = "d.due_date",
      [LUM_DOC_ACCOUNTING_STATUS] = "d.accounting_status",
      [LUM_DOC_ACCOUNTING_ID] = "d.accounting_id",
    },
    .ints = {
      [LUM_DOC_ID] = "d.id",
      [LUM_DOC_CHANNEL_ID] = "d.channel_id",
      [LUM_DOC_CUSTOMER_ID] = "d.customer_id",
      [LUM_DOC_INVOICE_TYPE_ID] = "d.invoice_type_id",
      [LUM_DOC_LINKED_ID] = "d.sales_order_id",
      [LUM_DOC_SHIPMENT_ID] = "d.shipment_id",
      [LUM_DOC_TERMS_DAYS] = "d.terms_days",
      [LUM_DOC_IS_TEST] = "d.is_test",
      [LUM_DOC_LISTED_TOTAL] = "d.total_cents + 0",
      [LUM_DOC_VERSION] = "d.version + 0",
    },
  },
};

static gboolean
is_column (const char *expr)
{
  if (expr == NULL || !g_str_has_prefix (expr, "d."))
    return FALSE;
  for (const char *p = expr + 2; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

/* Columns that may hold NULL: ids of links and times not yet reached. */
static gboolean
is_nullable_int (LumDocInt field)
{
  return field == LUM_DOC_LINKED_ID || field == LUM_DOC_SHIPMENT_ID;
}

/* What lum_document_store_get_brief() reads, in this order. */
static const LumDocText brief_texts[] = {
  LUM_DOC_NUMBER, LUM_DOC_STATUS, LUM_DOC_PUSH_STATUS, LUM_DOC_FULFILLMENT_STATUS, LUM_DOC_ACCOUNTING_STATUS,
};

static char *
brief_select (KindInfo *info)
{
  GString *sql = g_string_new ("SELECT d.id, d.channel_id, d.customer_id, d.is_test");

  for (guint i = 0; i < G_N_ELEMENTS (brief_texts); i++)
    g_string_append_printf (sql, ", %s", info->text[brief_texts[i]] ? info->text[brief_texts[i]] : "''");
  g_string_append_printf (sql, " FROM %s d WHERE d.id = ?", info->table);
  return g_string_free (sql, FALSE);
}

/* Whether a document made from a sales order takes @field from it (as
 * the flow's lum_flow_derive_document() copies it): customer, channel, test flag
 * and the header fields a user types. */
static gboolean
is_copied_int (guint field)
{
  return field == LUM_DOC_CHANNEL_ID || field == LUM_DOC_CUSTOMER_ID || field == LUM_DOC_IS_TEST;
}

static gboolean
is_copied_text (guint field)
{
  return field >= LUM_DOC_FIRST_EDITABLE && field <= LUM_DOC_LAST_EDITABLE;
}

/* @insert: "INSERT INTO table (total_cents, customer_key, updated_at, …"
 * without its end. The same parameters as the plain insert, the copied
 * columns read from the sales order (?config_param + 1) instead, and the
 * customer key from its customer. */
static char *
insert_from_order_select (KindInfo   *info,
                          const char *insert)
{
  g_autoptr(GString) select = g_string_new ("?1, cu.name_key, ?3");
  guint param = 4;

  for (guint j = 0; j < info->n_write_int; j++, param++)
    {
      guint field = info->write_int[j];

      if (is_copied_int (field))
        g_string_append_printf (select, ", s.%s", info->ints[field] + 2);
      else
        g_string_append_printf (select, ", ?%u", param);
    }
  for (guint j = 0; j < info->n_write_text; j++, param++)
    {
      guint field = info->write_text[j];

      if (is_copied_text (field))
        g_string_append_printf (select, ", s.%s", info->text[field] + 2);
      else
        g_string_append_printf (select, ", ?%u", param);
    }
  return g_strdup_printf ("%s, config_id) SELECT %s, ?%u FROM sales_order s"
                          " JOIN customer cu ON cu.id = s.customer_id WHERE s.id = ?%u",
                          insert, select->str, param, param + 1);
}

static KindInfo *
kind_info (LumDocumentKind kind)
{
  static gsize once;

  if (g_once_init_enter (&once))
    {
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          KindInfo *info = &kinds[k];
          GString *select = g_string_new ("SELECT ");
          GString *insert = g_string_new (NULL);
          GString *values = g_string_new (NULL);
          guint param = 4; /* 1 total_cents, 2 customer_key, 3 updated_at */

          for (guint i = 0; i < LUM_DOC_N_INT; i++)
            {
              g_string_append_printf (select, "%s%s", i ? ", " : "", info->ints[i] ? info->ints[i] : "0");
              if (is_column (info->ints[i]) && i != LUM_DOC_ID)
                info->write_int[info->n_write_int++] = i;
            }
          for (guint i = 0; i < LUM_DOC_N_TEXT; i++)
            {
              g_string_append_printf (select, ", %s", info->text[i] ? info->text[i] : "''");
              if (is_column (info->text[i]))
                info->write_text[info->n_write_text++] = i;
            }
          g_string_append_printf (select, " FROM %s d%s ", info->table, info->joins);

          g_string_append_printf (insert, "INSERT INTO %s (total_cents, customer_key, updated_at", info->table);
          g_string_append (values, "?1, ?2, ?3");

          for (guint j = 0; j < info->n_write_int; j++, param++)
            {
              const char *column = info->ints[info->write_int[j]] + 2;
              g_string_append_printf (insert, ", %s", column);
              g_string_append_printf (values, ", ?%u", param);
            }
          for (guint j = 0; j < info->n_write_text; j++, param++)
            {
              const char *column = info->text[info->write_text[j]] + 2;
              g_string_append_printf (insert, ", %s", column);
              g_string_append_printf (values, ", ?%u", param);
            }
          info->insert_config_sql = g_strdup_printf ("%s, config_id) VALUES (%s, ?%u)",
                                                     insert->str, values->str, param);
          info->config_param = param;
          info->insert_from_order_sql = insert_from_order_select (info, insert->str);
          g_string_append_printf (insert, ") VALUES (%s)", values->str);

          info->select_by_id_sql = g_strconcat (select->str, "WHERE d.id = ?", NULL);
          info->brief_sql = brief_select (info);
          info->lines_select_sql = g_strdup_printf ("SELECT sku, description, quantity, unit_price_cents FROM %s"
                                                    " WHERE %s = ? ORDER BY position",
                                                    info->line_table, info->line_key);
          info->lines_insert_sql = g_strdup_printf ("INSERT INTO %s (%s, position, sku, description, quantity,"
                                                    " unit_price_cents) VALUES (?, ?, ?, ?, ?, ?)",
                                                    info->line_table, info->line_key);
          info->lines_delete_sql = g_strdup_printf ("DELETE FROM %s WHERE %s = ?", info->line_table, info->line_key);
          info->select_sql = g_string_free (select, FALSE);
          info->insert_sql = g_string_free (insert, FALSE);
          g_string_free (values, TRUE);
        }
      g_once_init_leave (&once, 1);
    }

  return &kinds[kind];
}

static LumDocument *
document_from_row (LumDocumentKind  kind,
                   LumStmt    *stmt)
{
  LumDocument *doc = lum_document_new (kind);

  for (guint i = 0; i < LUM_DOC_N_INT; i++)
    lum_document_set_int (doc, i, lum_stmt_column_int64 (stmt, i));
  for (guint i = 0; i < LUM_DOC_N_TEXT; i++)
    lum_document_set_text (doc, i, lum_db_column_text (stmt, LUM_DOC_N_INT + i));
  lum_record_clear_dirty (LUM_RECORD (doc));
  return doc;
}

static gboolean nullable_text (guint field);

static gboolean
bind_document (KindInfo     *info,
               LumStmt *stmt,
               LumDocument  *doc,
               const char   *now)
{
  g_autofree char *key = lum_name_key (lum_document_get_text (doc, LUM_DOC_CUSTOMER_NAME));
  guint param = 4;

  /* with no lines the total is 0, whatever a list row said */
  lum_stmt_bind_int64 (stmt, 1, g_list_model_get_n_items (lum_document_get_lines (doc)) > 0
                               ? lum_document_get_total_cents (doc) : 0);
  lum_stmt_bind_text (stmt, 2, key);
  lum_stmt_bind_text (stmt, 3, now);
  for (guint j = 0; j < info->n_write_int; j++, param++)
    {
      guint field = info->write_int[j];
      gint64 value = lum_document_get_int (doc, field);

      if (is_nullable_int (field))
        lum_db_bind_id_or_null (stmt, param, value);
      else
        lum_stmt_bind_int64 (stmt, param, value);
    }
  for (guint j = 0; j < info->n_write_text; j++, param++)
    {
      guint field = info->write_text[j];
      const char *value = lum_document_get_text (doc, field);

      lum_db_bind_text_or_null (stmt, param, nullable_text (field) && *value == '\0' ? NULL : value);
    }
  return TRUE;
}

/* @replace: the document had lines written before, which go first; a
 * document just inserted has none to look for. */
static gboolean
write_lines (LumDb        *db,
             KindInfo     *info,
             LumDocument  *doc,
             gboolean      replace,
             GError      **error)
{
  LumStmt *del = lum_db_prepare_static (db, info->lines_delete_sql, error);
  LumStmt *ins = lum_db_prepare_static (db, info->lines_insert_sql, error);
  GListModel *lines = lum_document_get_lines (doc);
  gint64 id = lum_document_get_id (doc);

  if (del == NULL || ins == NULL)
    return FALSE;
  lum_stmt_bind_int64 (del, 1, id);
  if (replace && !lum_db_step_done (db, del, error))
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(LumDocLine) line = g_list_model_get_item (lines, i);

      lum_stmt_bind_int64 (ins, 1, id);
      lum_stmt_bind_int (ins, 2, i);
      lum_stmt_bind_text (ins, 3, lum_doc_line_get_sku (line));
      lum_stmt_bind_text (ins, 4, lum_doc_line_get_description (line));
      lum_stmt_bind_int64 (ins, 5, lum_doc_line_get_quantity (line));
      lum_stmt_bind_int64 (ins, 6, lum_doc_line_get_unit_price_cents (line));
      if (!lum_db_step_done (db, ins, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_lines (LumDb        *db,
            KindInfo     *info,
            LumDocument  *doc,
            GError      **error)
{
  LumStmt *stmt = lum_db_prepare_static (db, info->lines_select_sql, error);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (stmt == NULL)
    return FALSE;
  lum_stmt_bind_int64 (stmt, 1, lum_document_get_id (doc));
  while ((rc = lum_stmt_step (stmt, NULL)) == LUM_STMT_ROW)
    {
      LumDocLine *line = lum_doc_line_new (lum_db_column_text (stmt, 0),
                                           lum_stmt_column_int64 (stmt, 2),
                                           lum_stmt_column_int64 (stmt, 3));

      lum_doc_line_set_description (line, lum_db_column_text (stmt, 1));
      g_ptr_array_add (lines, line);
    }
  lum_stmt_reset (stmt);
  if (rc != LUM_STMT_DONE)
    return lum_db_set_error (db, error);
  /* all at once: one change for the document's watchers, not one a line */
  lum_document_set_lines (doc, lines);
  return TRUE;
}

/**
 * lum_document_store_next_number:
 * @is_test: whether the number is for a test document
 *
 * Takes the next number of the kind's gap-free sequence ("SO-000001"), or
 * of its test series ("TEST-SO-000001"), so that tests never leave a gap
 * in the real numbers. The counter is a row updated inside the caller's
 * write transaction, so a rolled back action gives its number back and two
 * processes never get the same one.
 */
char *
lum_document_store_next_number (LumDb            *db,
                                LumDocumentKind   kind,
                                gboolean          is_test,
                                GError          **error)
{
  KindInfo *info = kind_info (kind);
  const char *sequence = is_test ? info->test_sequence : info->sequence;
  /* Read, then step on: the caller's write transaction holds the database,
   * so nobody comes between (UPDATE … RETURNING builds a temporary table a
   * call, which costs more than the second statement). On PostgreSQL the
   * read locks the counter row until the posting transaction ends: the
   * numbers stay gap-free across desks. */
  LumStmt *read = lum_db_prepare (db, "SELECT next_value FROM doc_sequence WHERE name = ? /* FOR UPDATE */", error);
  LumStmt *step = lum_db_prepare (db, "UPDATE doc_sequence SET next_value = next_value + 1 WHERE name = ?",
                                  error);
  gint64 value = 0;
  int rc;

  if (read == NULL || step == NULL)
    return NULL;
  g_return_val_if_fail (lum_db_in_transaction (db), NULL);

  lum_stmt_bind_static_text (read, 1, sequence);
  rc = lum_stmt_step (read, NULL);
  if (rc == LUM_STMT_ROW)
    value = lum_stmt_column_int64 (read, 0);
  lum_stmt_reset (read);
  if (rc == LUM_STMT_DONE)
    {
      g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND,
                   _("Number series “%s” does not exist"), sequence);
      return NULL;
    }
  if (rc != LUM_STMT_ROW)
    {
      lum_db_set_error (db, error);
      return NULL;
    }
  lum_stmt_bind_static_text (step, 1, sequence);
  if (!lum_db_step_done (db, step, error))
    return NULL;
  return g_strdup_printf ("%s-%06" PRId64, is_test ? info->test_prefix : info->prefix, value);
}

/**
 * lum_document_number_is_test:
 *
 * Whether @number is of a test series ("TEST-SO-000001"). Test documents
 * numbered before the test series existed have real numbers.
 */
gboolean
lum_document_number_is_test (const char *number)
{
  return number != NULL && g_str_has_prefix (number, "TEST-");
}

static gint64 posted_config_id (LumDb       *db,
                                const char  *config,
                                GError     **error);

/**
 * lum_document_store_insert:
 * @config: (nullable): the configuration @doc is posted under, written
 *   with it rather than by lum_document_store_set_config() after
 */
gboolean
lum_document_store_insert (LumDb        *db,
                           LumDocument  *doc,
                           const char   *config,
                           const char   *now,
                           GError      **error)
{
  KindInfo *info = kind_info (lum_document_get_kind (doc));
  gint64 config_id = 0;
  LumStmt *stmt;

  if (config != NULL && (config_id = posted_config_id (db, config, error)) == 0)
    return FALSE;
  stmt = lum_db_prepare_static (db, config_id != 0 ? info->insert_config_sql : info->insert_sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_document (info, stmt, doc, now);
  if (config_id != 0)
    lum_stmt_bind_int64 (stmt, info->config_param, config_id);
  if (!lum_db_step_done (db, stmt, error))
    return FALSE;
  lum_document_set_int (doc, LUM_DOC_ID, lum_db_last_insert_id (db));
  lum_record_clear_dirty (LUM_RECORD (doc));
  return write_lines (db, info, doc, FALSE, error);
}

/**
 * lum_document_store_insert_from_order:
 * @doc: a new document with its own fields and lines; its customer,
 *   channel, test flag and typed header fields are not read
 * @order_id: the sales order those are copied from, in the INSERT itself
 * @config: (nullable): as for lum_document_store_insert()
 *
 * lum_document_store_insert() of a document made from a sales order, as
 * a poll makes an invoice a shipment: the order's header is not read into
 * a document and copied field by field first.
 */
gboolean
lum_document_store_insert_from_order (LumDb        *db,
                                      LumDocument  *doc,
                                      gint64        order_id,
                                      const char   *config,
                                      const char   *now,
                                      GError      **error)
{
  KindInfo *info = kind_info (lum_document_get_kind (doc));
  gint64 config_id = 0;
  LumStmt *stmt;

  g_return_val_if_fail (lum_document_get_kind (doc) == LUM_DOCUMENT_KIND_INVOICE, FALSE);

  if (config != NULL && (config_id = posted_config_id (db, config, error)) == 0)
    return FALSE;
  stmt = lum_db_prepare_static (db, info->insert_from_order_sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_document (info, stmt, doc, now);
  lum_db_bind_id_or_null (stmt, info->config_param, config_id);
  lum_stmt_bind_int64 (stmt, info->config_param + 1, order_id);
  if (!lum_db_step_done (db, stmt, error))
    return FALSE;
  if (lum_db_changes (db) != 1)
    {
      g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND,
                   _("Sales order %" PRId64 " does not exist"), order_id);
      return FALSE;
    }
  lum_document_set_int (doc, LUM_DOC_ID, lum_db_last_insert_id (db));
  lum_record_clear_dirty (LUM_RECORD (doc));
  return write_lines (db, info, doc, FALSE, error);
}

static gboolean
nullable_text (guint field)
{
  return field == LUM_DOC_POSTED_AT || field == LUM_DOC_ENDED_AT ||
         field == LUM_DOC_PUSH_DUE_AT || field == LUM_DOC_REMOTE_ID ||
         field == LUM_DOC_ISSUE_DATE || field == LUM_DOC_DUE_DATE ||
         field == LUM_DOC_ACCOUNTING_ID;
}

/**
 * lum_document_store_update:
 * @with_lines: write the lines (and the total) too
 *
 * Writes what changed in the header since it was read or written (a status
 * change touches only its own column and index), and the lines when asked.
 */
gboolean
lum_document_store_update (LumDb        *db,
                           LumDocument  *doc,
                           const char   *now,
                           gboolean      with_lines,
                           GError      **error)
{
  KindInfo *info = kind_info (lum_document_get_kind (doc));
  LumRecord *record = LUM_RECORD (doc);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree char *key = NULL;
  LumStmt *stmt;
  guint param = 1;

  g_string_printf (sql, "UPDATE %s SET updated_at = ?%u", info->table, param++);
  if (with_lines)
    g_string_append_printf (sql, ", total_cents = ?%u", param++);
  if (lum_record_text_is_dirty (record, LUM_DOC_CUSTOMER_NAME))
    g_string_append_printf (sql, ", customer_key = ?%u", param++);
  for (guint j = 0; j < info->n_write_int; j++)
    if (lum_record_int_is_dirty (record, info->write_int[j]))
      g_string_append_printf (sql, ", %s = ?%u", info->ints[info->write_int[j]] + 2, param++);
  for (guint j = 0; j < info->n_write_text; j++)
    if (lum_record_text_is_dirty (record, info->write_text[j]))
      g_string_append_printf (sql, ", %s = ?%u", info->text[info->write_text[j]] + 2, param++);
  g_string_append_printf (sql, " WHERE id = ?%u", param);

  stmt = lum_db_prepare (db, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  param = 1;
  lum_stmt_bind_text (stmt, param++, now);
  if (with_lines)
    lum_stmt_bind_int64 (stmt, param++, g_list_model_get_n_items (lum_document_get_lines (doc)) > 0
                                       ? lum_document_get_total_cents (doc) : 0);
  if (lum_record_text_is_dirty (record, LUM_DOC_CUSTOMER_NAME))
    {
      key = lum_name_key (lum_document_get_text (doc, LUM_DOC_CUSTOMER_NAME));
      lum_stmt_bind_text (stmt, param++, key);
    }
  for (guint j = 0; j < info->n_write_int; j++)
    {
      guint field = info->write_int[j];

      if (!lum_record_int_is_dirty (record, field))
        continue;
      if (is_nullable_int (field))
        lum_db_bind_id_or_null (stmt, param++, lum_document_get_int (doc, field));
      else
        lum_stmt_bind_int64 (stmt, param++, lum_document_get_int (doc, field));
    }
  for (guint j = 0; j < info->n_write_text; j++)
    {
      guint field = info->write_text[j];
      const char *value = lum_document_get_text (doc, field);

      if (!lum_record_text_is_dirty (record, field))
        continue;
      lum_db_bind_text_or_null (stmt, param++, nullable_text (field) && *value == '\0' ? NULL : value);
    }
  lum_stmt_bind_int64 (stmt, param, lum_document_get_id (doc));

  if (!lum_db_step_done (db, stmt, error))
    return FALSE;
  lum_record_clear_dirty (record);
  return !with_lines || write_lines (db, info, doc, TRUE, error);
}

static LumDocument *
get_one (LumDb            *db,
         LumDocumentKind   kind,
         const char       *where,
         const char       *text,
         gint64            id,
         gboolean          with_lines,
         GError          **error)
{
  KindInfo *info = kind_info (kind);
  g_autofree char *sql = where != NULL ? g_strconcat (info->select_sql, where, NULL) : NULL;
  LumStmt *stmt = sql != NULL ? lum_db_prepare (db, sql, error)
                                   : lum_db_prepare_static (db, info->select_by_id_sql, error);
  g_autoptr(LumDocument) doc = NULL;

  if (stmt == NULL)
    return NULL;
  if (text != NULL)
    lum_stmt_bind_text (stmt, 1, text);
  else
    lum_stmt_bind_int64 (stmt, 1, id);
  if (lum_stmt_step (stmt, NULL) == LUM_STMT_ROW)
    doc = document_from_row (kind, stmt);
  lum_stmt_reset (stmt);

  if (doc == NULL)
    {
      if (text != NULL)
        {
          g_autofree char *shown = lum_text_shown (text);
          g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND,
                       kind == LUM_DOCUMENT_KIND_SALES_ORDER
                       ? _("Sales order “%s” does not exist")
                       : _("Invoice “%s” does not exist"), shown);
        }
      else
        g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND,
                     kind == LUM_DOCUMENT_KIND_SALES_ORDER
                     ? _("Sales order %" PRId64 " does not exist")
                     : _("Invoice %" PRId64 " does not exist"), id);
      return NULL;
    }
  if (with_lines && !read_lines (db, info, doc, error))
    return NULL;
  return g_steal_pointer (&doc);
}

LumDocument *
lum_document_store_get (LumDb            *db,
                        LumDocumentKind   kind,
                        gint64            id,
                        GError          **error)
{
  return get_one (db, kind, NULL, NULL, id, TRUE, error);
}

/**
 * lum_document_store_get_header:
 *
 * The document as lum_document_store_get() reads it, without its lines
 * (it has none): for a caller that has them already or does not need them.
 */
LumDocument *
lum_document_store_get_header (LumDb            *db,
                               LumDocumentKind   kind,
                               gint64            id,
                               GError          **error)
{
  return get_one (db, kind, NULL, NULL, id, FALSE, error);
}

/**
 * lum_document_store_get_brief:
 *
 * The id, number, status, channel, customer, test flag, statuses and lines
 * of a document, without its other fields (left empty) or joined names:
 * what a poll that records thousands of shipments needs of each order (and
 * of an invoice it makes from one). Writing it
 * back with lum_document_store_update() writes only what was changed.
 */
LumDocument *
lum_document_store_get_brief (LumDb            *db,
                              LumDocumentKind   kind,
                              gint64            id,
                              GError          **error)
{
  KindInfo *info = kind_info (kind);
  g_autoptr(LumDocument) doc = NULL;
  LumStmt *stmt = lum_db_prepare_static (db, info->brief_sql, error);

  if (stmt == NULL)
    return NULL;
  lum_stmt_bind_int64 (stmt, 1, id);
  if (lum_stmt_step (stmt, NULL) == LUM_STMT_ROW)
    {
      doc = lum_document_new (kind);
      lum_document_set_int (doc, LUM_DOC_ID, lum_stmt_column_int64 (stmt, 0));
      lum_document_set_int (doc, LUM_DOC_CHANNEL_ID, lum_stmt_column_int64 (stmt, 1));
      lum_document_set_int (doc, LUM_DOC_CUSTOMER_ID, lum_stmt_column_int64 (stmt, 2));
      lum_document_set_int (doc, LUM_DOC_IS_TEST, lum_stmt_column_int64 (stmt, 3));
      for (guint i = 0; i < G_N_ELEMENTS (brief_texts); i++)
        lum_document_set_text (doc, brief_texts[i], lum_db_column_text (stmt, 4 + i));
      lum_record_clear_dirty (LUM_RECORD (doc));
    }
  lum_stmt_reset (stmt);
  if (doc == NULL)
    {
      g_set_error (error, LUM_DB_ERROR, LUM_DB_ERROR_NOT_FOUND,
                   kind == LUM_DOCUMENT_KIND_SALES_ORDER
                   ? _("Sales order %" PRId64 " does not exist")
                   : _("Invoice %" PRId64 " does not exist"), id);
      return NULL;
    }
  if (!read_lines (db, info, doc, error))
    return NULL;
  return g_steal_pointer (&doc);
}

/* By number, with or without the leading zeros and in any case: "so-12",
 * "test-so-3". */
LumDocument *
lum_document_store_find (LumDb            *db,
                         LumDocumentKind   kind,
                         const char       *number,
                         GError          **error)
{
  KindInfo *info = kind_info (kind);
  g_autofree char *upper = g_ascii_strup (number ? number : "", -1);
  g_autofree char *prefix = g_strconcat (info->prefix, "-", NULL);
  g_autofree char *test_prefix = g_strconcat (info->test_prefix, "-", NULL);
  gboolean test = g_str_has_prefix (upper, test_prefix);
  const char *digits = test ? upper + strlen (test_prefix)
                            : g_str_has_prefix (upper, prefix) ? upper + strlen (prefix) : upper;
  guint64 value;

  if (g_ascii_string_to_unsigned (digits, 10, 1, 999999999, &value, NULL))
    {
      g_autofree char *canonical = g_strdup_printf ("%s-%06" PRIu64, test ? info->test_prefix : info->prefix,
                                                    value);
      LumDocument *doc = get_one (db, kind, "WHERE d.number = ?", canonical, 0, TRUE, NULL);
      if (doc != NULL)
        return doc;
    }
  return get_one (db, kind, "WHERE d.number = ?", number ? number : "", 0, TRUE, error);
}

/* The sales order with this UUID (the OMS's orderKey), or 0. */
gint64
lum_document_store_id_by_uuid (LumDb      *db,
                               const char *uuid)
{
  LumStmt *stmt = lum_db_prepare_static (db, "SELECT id FROM sales_order WHERE uuid = ?", NULL);
  gint64 id = 0;

  if (stmt == NULL || uuid == NULL)
    return 0;
  lum_stmt_bind_text (stmt, 1, uuid);
  if (lum_stmt_step (stmt, NULL) == LUM_STMT_ROW)
    id = lum_stmt_column_int64 (stmt, 0);
  lum_stmt_reset (stmt);
  return id;
}

static gint64
find_posted_config (LumDb      *db,
                    const char *config)
{
  LumStmt *stmt = lum_db_prepare (db, "SELECT id FROM posted_config WHERE config = ?", NULL);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  lum_stmt_bind_static_text (stmt, 1, config);
  if (lum_stmt_step (stmt, NULL) == LUM_STMT_ROW)
    id = lum_stmt_column_int64 (stmt, 0);
  lum_stmt_reset (stmt);
  return id;
}

/* The row of @config, added by the first document posted under it; 0 on
 * error. */
static gint64
posted_config_id (LumDb       *db,
                  const char  *config,
                  GError     **error)
{
  gint64 config_id = find_posted_config (db, config);
  LumStmt *stmt;

  /* one row a configuration, however many documents share it */
  if (config_id != 0)
    return config_id;
  stmt = lum_db_prepare (db, "INSERT INTO posted_config (config) VALUES (?)", error);
  if (stmt == NULL)
    return 0;
  lum_stmt_bind_static_text (stmt, 1, config);
  if (!lum_db_step_done (db, stmt, error))
    return 0;
  return lum_db_last_insert_id (db);
}

gboolean
lum_document_store_set_config (LumDb            *db,
                               LumDocumentKind   kind,
                               gint64            id,
                               const char       *config,
                               GError          **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET config_id = ? WHERE id = ?", kind_info (kind)->table);
  LumStmt *stmt;
  gint64 config_id = 0;

  if (config != NULL && (config_id = posted_config_id (db, config, error)) == 0)
    return FALSE;

  stmt = lum_db_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  if (config_id != 0)
    lum_stmt_bind_int64 (stmt, 1, config_id);
  else
    lum_stmt_bind_null (stmt, 1);
  lum_stmt_bind_int64 (stmt, 2, id);
  return lum_db_step_done (db, stmt, error);
}

char *
lum_document_store_get_config (LumDb            *db,
                               LumDocumentKind   kind,
                               gint64            id,
                               GError          **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT p.config FROM %s d JOIN posted_config p ON p.id = d.config_id "
                                          "WHERE d.id = ?", kind_info (kind)->table);
  LumStmt *stmt = lum_db_prepare (db, sql, error);
  char *config = NULL;

  if (stmt == NULL)
    return NULL;
  lum_stmt_bind_int64 (stmt, 1, id);
  if (lum_stmt_step (stmt, NULL) == LUM_STMT_ROW)
    config = lum_db_column_dup_text (stmt, 0);
  lum_stmt_reset (stmt);
  return config;
}

GStrv
lum_document_store_invoice_numbers (LumDb   *db,
                                    gint64   order_id,
                                    GError **error)
{
  LumStmt *stmt = lum_db_prepare (db,
                                  "SELECT number FROM invoice WHERE sales_order_id = ?1"
                                  " UNION SELECT i.number FROM invoice i JOIN sales_order o ON o.invoice_id = i.id"
                                  " WHERE o.id = ?1 ORDER BY 1", error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (stmt == NULL)
    return NULL;
  lum_stmt_bind_int64 (stmt, 1, order_id);
  while (lum_stmt_step (stmt, NULL) == LUM_STMT_ROW)
    g_strv_builder_add (builder, lum_db_column_text (stmt, 0));
  lum_stmt_reset (stmt);
  return g_strv_builder_end (builder);
}

/* -- list pages ----------------------------------------------------------- */

static const char *
sort_column (LumDocumentKind kind,
             LumDocSort      sort)
{
  switch (sort)
    {
    case LUM_DOC_SORT_CUSTOMER: return "d.customer_key";
    case LUM_DOC_SORT_TOTAL: return "d.total_cents";
    case LUM_DOC_SORT_STATUS: return "d.status";
    case LUM_DOC_SORT_PUSH_STATUS:
      return kind == LUM_DOCUMENT_KIND_SALES_ORDER ? "d.push_status" : NULL;
    case LUM_DOC_SORT_FULFILLMENT:
      return kind == LUM_DOCUMENT_KIND_SALES_ORDER ? "d.fulfillment_status" : NULL;
    case LUM_DOC_SORT_ACCOUNTING:
      return kind == LUM_DOCUMENT_KIND_INVOICE ? "d.accounting_status" : NULL;
    case LUM_DOC_SORT_NUMBER:
    default:
      return NULL;
    }
}

/* The search: a number, a customer or a PO by its start. */
#define SEARCH_NUMBER "(d.number >= ?7 AND d.number < ?8)"
#define SEARCH_CUSTOMER "(d.customer_key >= ?9 AND d.customer_key < ?10)"
#define SEARCH_PO "(d.po_number >= ?11 AND d.po_number < ?12)"

/* The WHERE clause names only the filters that are set, so SQLite can
 * count and page through an index (a filter written “?1 IS NULL OR …”
 * reads every row). Parameters keep fixed numbers, and each shape is one
 * cached statement. With @plus the filters are written “+d.status” and so
 * on, which SQLite answers from the rows, not an index; with @plus_test
 * is_test too. Without the search. */
static GString *
filter_where (const LumDocumentQuery *q,
              gboolean                plus,
              gboolean                plus_test)
{
  GString *where = g_string_new ("WHERE 1");
  const char *p = plus ? "+" : "";

  if (q->channel_id > 0)
    g_string_append_printf (where, " AND %sd.channel_id = ?1", p);
  if (q->status != NULL)
    g_string_append_printf (where, " AND %sd.status = ?2", p);
  if (q->kind == LUM_DOCUMENT_KIND_SALES_ORDER && q->push_status != NULL)
    g_string_append_printf (where, " AND %sd.push_status = ?3", p);
  if (q->kind == LUM_DOCUMENT_KIND_SALES_ORDER && q->fulfillment_status != NULL)
    g_string_append_printf (where, " AND %sd.fulfillment_status = ?4", p);
  if (q->kind == LUM_DOCUMENT_KIND_INVOICE && q->accounting_status != NULL)
    g_string_append_printf (where, " AND %sd.accounting_status = ?5", p);
  if (q->only_test)
    g_string_append_printf (where, " AND %sd.is_test = 1", plus_test ? "+" : "");
  else if (!q->include_test)
    g_string_append_printf (where, " AND %sd.is_test = 0", plus_test ? "+" : "");
  return where;
}

static char *
query_where (const LumDocumentQuery *q)
{
  GString *where = filter_where (q, FALSE, FALSE);

  if (!lum_str_empty (q->search))
    g_string_append (where, " AND (" SEARCH_NUMBER " OR " SEARCH_CUSTOMER " OR " SEARCH_PO ")");
  return g_string_free (where, FALSE);
}

static char *
count_one_sql (const char *table,
               GString    *where,
               gboolean    at_most)
{
  return at_most
    ? g_strdup_printf ("SELECT count(*) FROM (SELECT 1 FROM %s d %s LIMIT ?13) AS page", table, where->str)
    : g_strdup_printf ("SELECT count(*) FROM %s d %s", table, where->str);
}

/* The count of a query; with @at_most, up to ?13 rows of each kind (so up
 * to three times that with a search). With SQLite's planner, the search's
 * three ranges in one OR walk the is_test index and read every row (half
 * a second on a million orders); counted as three parts that do not
 * overlap, each in its own index (the customer's covers is_test), they
 * read only the rows that match. */
static char *
count_sql (KindInfo               *info,
           const LumDocumentQuery *q,
           gboolean                at_most)
{
  g_autoptr(GString) customer = NULL;
  g_autoptr(GString) number = NULL;
  g_autoptr(GString) po = NULL;
  g_autofree char *by_customer = NULL;
  g_autofree char *by_number = NULL;
  g_autofree char *by_po = NULL;

  if (lum_str_empty (q->search))
    {
      g_autoptr(GString) where = filter_where (q, FALSE, FALSE);
      return count_one_sql (info->table, where, at_most);
    }

  /* Only the orders' customer index starts with is_test. */
  customer = filter_where (q, TRUE, q->kind != LUM_DOCUMENT_KIND_SALES_ORDER);
  g_string_append (customer, " AND " SEARCH_CUSTOMER);
  number = filter_where (q, TRUE, TRUE);
  g_string_append (number, " AND " SEARCH_NUMBER " AND NOT coalesce (" SEARCH_CUSTOMER ", 0)");
  po = filter_where (q, TRUE, TRUE);
  g_string_append (po, " AND " SEARCH_PO " AND NOT coalesce (" SEARCH_NUMBER ", 0)"
                       " AND NOT coalesce (" SEARCH_CUSTOMER ", 0)");
  by_customer = count_one_sql (info->table, customer, at_most);
  by_number = count_one_sql (info->table, number, at_most);
  by_po = count_one_sql (info->table, po, at_most);
  return g_strdup_printf ("SELECT (%s) + (%s) + (%s)", by_customer, by_number, by_po);
}

static void
bind_query (LumStmt           *stmt,
            const LumDocumentQuery *q)
{
  /* A parameter the shape does not name is bound in vain, harmlessly. */
  lum_db_bind_id_or_null (stmt, 1, q->channel_id);
  lum_db_bind_text_or_null (stmt, 2, q->status);
  lum_db_bind_text_or_null (stmt, 3, q->push_status);
  lum_db_bind_text_or_null (stmt, 4, q->fulfillment_status);
  lum_db_bind_text_or_null (stmt, 5, q->accounting_status);

  if (!lum_str_empty (q->search))
    {
      g_autofree char *stripped = lum_strip_dup (q->search);
      g_autofree char *number = g_ascii_strup (stripped, -1);
      g_autofree char *key = lum_name_key (stripped);
      const char *values[] = { number, key, stripped };

      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        {
          g_autofree char *upper = lum_prefix_upper_bound (values[i]);
          lum_stmt_bind_text (stmt, 7 + 2 * i, values[i]);
          lum_stmt_bind_text (stmt, 8 + 2 * i, upper);
        }
    }
}

/**
 * lum_document_store_query:
 *
 * One page of a list: headers only (no lines), in the query's order.
 */
GListStore *
lum_document_store_query (LumDb                   *db,
                          const LumDocumentQuery  *q,
                          guint                    offset,
                          guint                    limit,
                          GError                 **error)
{
  KindInfo *info = kind_info (q->kind);
  g_autofree char *where = query_where (q);
  const char *column = sort_column (q->kind, q->sort);
  const char *dir = q->descending ? "DESC" : "ASC";
  g_autofree char *order = column
    ? g_strdup_printf (" ORDER BY %s %s, d.id %s", column, dir, dir)
    : g_strdup_printf (" ORDER BY d.id %s", dir);
  /* The offset is walked in the narrowest index that answers the filter,
   * and only the page's own rows are read whole. */
  g_autofree char *sql = g_strdup_printf ("%s WHERE d.id IN (SELECT d.id FROM %s d %s%s LIMIT ?13 OFFSET ?14)%s",
                                          info->select_sql, info->table, where, order, order);
  g_autoptr(GListStore) list = g_list_store_new (LUM_TYPE_DOCUMENT);
  LumStmt *stmt = lum_db_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  bind_query (stmt, q);
  lum_stmt_bind_int (stmt, 13, limit);
  lum_stmt_bind_int (stmt, 14, offset);
  while ((rc = lum_stmt_step (stmt, NULL)) == LUM_STMT_ROW)
    {
      g_autoptr(LumDocument) doc = document_from_row (q->kind, stmt);
      g_list_store_append (list, doc);
    }
  lum_stmt_reset (stmt);
  if (rc != LUM_STMT_DONE)
    {
      lum_db_set_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

gint64
lum_document_store_count (LumDb                   *db,
                          const LumDocumentQuery  *q,
                          GError                 **error)
{
  g_autofree char *sql = count_sql (kind_info (q->kind), q, FALSE);
  LumStmt *stmt = lum_db_prepare (db, sql, error);
  gint64 n = -1;

  if (stmt == NULL)
    return -1;
  bind_query (stmt, q);
  if (lum_stmt_step (stmt, NULL) == LUM_STMT_ROW)
    n = lum_stmt_column_int64 (stmt, 0);
  else
    lum_db_set_error (db, error);
  lum_stmt_reset (stmt);
  return n;
}

/**
 * lum_document_store_count_at_most:
 *
 * How many rows the query selects, up to about @max (three times that
 * with a search): the walk stops there.
 */
gint64
lum_document_store_count_at_most (LumDb                   *db,
                                  const LumDocumentQuery  *q,
                                  guint                    max,
                                  GError                 **error)
{
  g_autofree char *sql = count_sql (kind_info (q->kind), q, TRUE);
  LumStmt *stmt = lum_db_prepare (db, sql, error);
  gint64 n = -1;

  if (stmt == NULL)
    return -1;
  bind_query (stmt, q);
  lum_stmt_bind_int64 (stmt, 13, max);
  if (lum_stmt_step (stmt, NULL) == LUM_STMT_ROW)
    n = lum_stmt_column_int64 (stmt, 0);
  else
    lum_db_set_error (db, error);
  lum_stmt_reset (stmt);
  return n;
}

/* The test documents a purge deletes: those of the test series. A test
 * document numbered in the real series (before the test series existed)
 * stays, with the documents linked to it, so that purging never leaves a
 * gap in the real numbers. */
#define PURGED_ORDERS \
  "SELECT o.id FROM sales_order o WHERE o.is_test = 1 AND o.number LIKE 'TEST-%'" \
  " AND NOT EXISTS (SELECT 1 FROM invoice r WHERE (r.sales_order_id = o.id OR r.id = o.invoice_id)" \
  "                 AND r.number NOT LIKE 'TEST-%')"
#define PURGED_INVOICES \
  "SELECT i.id FROM invoice i WHERE i.is_test = 1 AND i.number LIKE 'TEST-%'" \
  " AND (i.sales_order_id IS NULL OR i.sales_order_id IN (" PURGED_ORDERS "))"

/* Deletes the test documents of the test series with what hangs on them:
 * events, jobs, shipments, lines, configurations no other document was
 * posted under. Inside the caller's transaction. */
gboolean
lum_document_store_purge_tests (LumDb   *db,
                                guint   *n_orders,
                                guint   *n_invoices,
                                GError **error)
{
  static const char *statements[] = {
    "DELETE FROM event WHERE sales_order_id IN (" PURGED_ORDERS ") OR invoice_id IN (" PURGED_INVOICES ")",
    "DELETE FROM job WHERE sales_order_id IN (" PURGED_ORDERS ") OR invoice_id IN (" PURGED_INVOICES ")",
    "DELETE FROM invoice WHERE id IN (" PURGED_INVOICES ")",
    "DELETE FROM shipment WHERE order_id IN (" PURGED_ORDERS ")",
    "DELETE FROM sales_order WHERE id IN (" PURGED_ORDERS ")",
    "DELETE FROM posted_config WHERE id NOT IN (SELECT config_id FROM sales_order WHERE config_id IS NOT NULL"
    " UNION SELECT config_id FROM invoice WHERE config_id IS NOT NULL)",
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      LumStmt *stmt = lum_db_prepare (db, statements[i], error);

      if (stmt == NULL || !lum_db_step_done (db, stmt, error))
        return FALSE;
      if (i == 2 && n_invoices != NULL)
        *n_invoices = lum_db_changes (db);
      if (i == 4 && n_orders != NULL)
        *n_orders = lum_db_changes (db);
    }
  return TRUE;
}

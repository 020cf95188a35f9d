/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-model"

#include "lum-document.h"
#include "lum-enum-types.h"

static const char * const text_columns[LUM_DOC_N_TEXT] = {
  [LUM_DOC_NUMBER] = "number",
  [LUM_DOC_UUID] = "uuid",
  [LUM_DOC_STATUS] = "status",
  [LUM_DOC_CHANNEL_NAME] = "channel_name",
  [LUM_DOC_CUSTOMER_NAME] = "customer_name",
  [LUM_DOC_SHIP_NAME] = "ship_name",
  [LUM_DOC_SHIP_COMPANY] = "ship_company",
  [LUM_DOC_SHIP_STREET1] = "ship_street1",
  [LUM_DOC_SHIP_STREET2] = "ship_street2",
  [LUM_DOC_SHIP_CITY] = "ship_city",
  [LUM_DOC_SHIP_STATE] = "ship_state",
  [LUM_DOC_SHIP_POSTAL_CODE] = "ship_postal_code",
  [LUM_DOC_SHIP_COUNTRY] = "ship_country",
  [LUM_DOC_SHIP_PHONE] = "ship_phone",
  [LUM_DOC_SHIPPING_NOTES] = "shipping_notes",
  [LUM_DOC_SHIPPING_TYPE] = "shipping_type",
  [LUM_DOC_REQUESTED_SHIP_DATE] = "requested_ship_date",
  [LUM_DOC_PO_NUMBER] = "po_number",
  [LUM_DOC_INTERNAL_NOTES] = "internal_notes",
  [LUM_DOC_CUSTOMER_NOTES] = "customer_notes",
  [LUM_DOC_GIFT_MESSAGE] = "gift_message",
  [LUM_DOC_PUSH_STATUS] = "push_status",
  [LUM_DOC_PUSH_DUE_AT] = "push_due_at",
  [LUM_DOC_REMOTE_ID] = "remote_id",
  [LUM_DOC_FULFILLMENT_STATUS] = "fulfillment_status",
  [LUM_DOC_INVOICE_TYPE_NAME] = "invoice_type_name",
  [LUM_DOC_LINKED_NUMBER] = "linked_number",
  [LUM_DOC_ISSUE_DATE] = "issue_date",
  [LUM_DOC_DUE_DATE] = "due_date",
  [LUM_DOC_ACCOUNTING_STATUS] = "accounting_status",
  [LUM_DOC_ACCOUNTING_ID] = "accounting_id",
  [LUM_DOC_CREATED_AT] = "created_at",
  [LUM_DOC_POSTED_AT] = "posted_at",
  [LUM_DOC_ENDED_AT] = "ended_at",
};

static const char * const int_columns[LUM_DOC_N_INT] = {
  [LUM_DOC_ID] = "id",
  [LUM_DOC_CHANNEL_ID] = "channel_id",
  [LUM_DOC_CUSTOMER_ID] = "customer_id",
  [LUM_DOC_INVOICE_TYPE_ID] = "invoice_type_id",
  [LUM_DOC_LINKED_ID] = "linked_id",
  [LUM_DOC_SHIPMENT_ID] = "shipment_id",
  [LUM_DOC_TERMS_DAYS] = "terms_days",
  [LUM_DOC_IS_TEST] = "is_test",
  [LUM_DOC_LISTED_TOTAL] = "listed_total",
  [LUM_DOC_VERSION] = "version",
};

struct _LumDocument
{
  LumRecord        parent_instance;

  LumDocumentKind  kind;
  GListStore      *lines;
};

G_DEFINE_FINAL_TYPE (LumDocument, lum_document, LUM_TYPE_RECORD)

enum {
  PROP_KIND,
  PROP_LINES,
  PROP_TOTAL_CENTS,
  N_OWN_PROPS
};

static GParamSpec *own_properties[N_OWN_PROPS];
static guint first_own_prop;

static void
on_line_notify_cb (LumDocument *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), own_properties[PROP_TOTAL_CENTS]);
}

static void
on_lines_changed_cb (GListModel  *model,
                     guint        position,
                     guint        removed,
                     guint        added,
                     LumDocument *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(LumDocLine) line = g_list_model_get_item (model, i);

      g_signal_connect_object (line, "notify::total-cents",
                               G_CALLBACK (on_line_notify_cb), self, G_CONNECT_SWAPPED);
    }
  g_object_notify_by_pspec (G_OBJECT (self), own_properties[PROP_TOTAL_CENTS]);
}

static void
lum_document_finalize (GObject *object)
{
  LumDocument *self = (LumDocument *)object;

  g_clear_object (&self->lines);

  G_OBJECT_CLASS (lum_document_parent_class)->finalize (object);
}

static void
lum_document_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LumDocument *self = LUM_DOCUMENT (object);

  if (lum_record_get_column_property (object, prop_id, value))
    return;

  switch (prop_id - first_own_prop)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_LINES:
      g_value_set_object (value, self->lines);
      break;
    case PROP_TOTAL_CENTS:
      g_value_set_int64 (value, lum_document_get_total_cents (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_document_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LumDocument *self = LUM_DOCUMENT (object);

  if (lum_record_set_column_property (object, prop_id, value))
    return;

  if (prop_id - first_own_prop == PROP_KIND)
    self->kind = g_value_get_enum (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
lum_document_class_init (LumDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  lum_record_class_set_columns (LUM_RECORD_CLASS (klass),
                                text_columns, LUM_DOC_N_TEXT,
                                int_columns, LUM_DOC_N_INT);
  object_class->finalize = lum_document_finalize;
  object_class->get_property = lum_document_get_property;
  object_class->set_property = lum_document_set_property;

  own_properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, LUM_TYPE_DOCUMENT_KIND, LUM_DOCUMENT_KIND_SALES_ORDER,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  own_properties[PROP_LINES] =
    g_param_spec_object ("lines", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  own_properties[PROP_TOTAL_CENTS] =
    g_param_spec_int64 ("total-cents", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  first_own_prop = lum_record_class_get_n_props (LUM_RECORD_CLASS (klass)) + 1;
  for (guint i = 0; i < N_OWN_PROPS; i++)
    g_object_class_install_property (object_class, first_own_prop + i, own_properties[i]);
}

static void
lum_document_init (LumDocument *self)
{
  self->lines = g_list_store_new (LUM_TYPE_DOC_LINE);
  g_signal_connect_object (self->lines, "items-changed",
                           G_CALLBACK (on_lines_changed_cb), self, 0);
}

LumDocument *
lum_document_new (LumDocumentKind kind)
{
  return g_object_new (LUM_TYPE_DOCUMENT, "kind", kind, NULL);
}

/* A deep copy, lines included: editors work on copies. */
LumDocument *
lum_document_copy (LumDocument *self)
{
  LumDocument *copy;
  guint n;

  g_return_val_if_fail (LUM_IS_DOCUMENT (self), NULL);

  copy = lum_document_new (self->kind);
  lum_record_copy_into (LUM_RECORD (self), LUM_RECORD (copy));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->lines));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LumDocLine) line = g_list_model_get_item (G_LIST_MODEL (self->lines), i);
      g_autoptr(LumDocLine) line_copy = lum_doc_line_copy (line);
      g_list_store_append (copy->lines, line_copy);
    }
  return copy;
}

LumDocumentKind
lum_document_get_kind (LumDocument *self)
{
  g_return_val_if_fail (LUM_IS_DOCUMENT (self), 0);
  return self->kind;
}

const char *
lum_document_get_text (LumDocument *self,
                       LumDocText   field)
{
  return lum_record_get_text (LUM_RECORD (self), field);
}

void
lum_document_set_text (LumDocument *self,
                       LumDocText   field,
                       const char  *value)
{
  lum_record_set_text (LUM_RECORD (self), field, value);
}

gint64
lum_document_get_int (LumDocument *self,
                      LumDocInt    field)
{
  return lum_record_get_int (LUM_RECORD (self), field);
}

void
lum_document_set_int (LumDocument *self,
                      LumDocInt    field,
                      gint64       value)
{
  lum_record_set_int (LUM_RECORD (self), field, value);
}

gboolean
lum_document_get_is_test (LumDocument *self)
{
  return lum_document_get_int (self, LUM_DOC_IS_TEST) != 0;
}

void
lum_document_set_is_test (LumDocument *self,
                          gboolean     is_test)
{
  lum_document_set_int (self, LUM_DOC_IS_TEST, is_test ? 1 : 0);
}

GListModel *
lum_document_get_lines (LumDocument *self)
{
  g_return_val_if_fail (LUM_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->lines);
}

void
lum_document_add_line (LumDocument *self,
                       LumDocLine  *line)
{
  g_return_if_fail (LUM_IS_DOCUMENT (self));
  g_list_store_append (self->lines, line);
}

void
lum_document_clear_lines (LumDocument *self)
{
  g_return_if_fail (LUM_IS_DOCUMENT (self));
  g_list_store_remove_all (self->lines);
}

/**
 * lum_document_set_lines:
 * @lines: (element-type LumDocLine): the new lines
 *
 * Replaces the lines at once, with one change told to whoever watches.
 */
void
lum_document_set_lines (LumDocument *self,
                        GPtrArray   *lines)
{
  g_return_if_fail (LUM_IS_DOCUMENT (self));
  g_return_if_fail (lines != NULL);

  g_list_store_splice (self->lines, 0, g_list_model_get_n_items (G_LIST_MODEL (self->lines)),
                       lines->pdata, lines->len);
}

/* The sum of the lines; a list row, read without its lines, has the total
 * stored with it. */
gint64
lum_document_get_total_cents (LumDocument *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->lines));
  gint64 total = 0;

  if (n == 0)
    return lum_document_get_int (self, LUM_DOC_LISTED_TOTAL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LumDocLine) line = g_list_model_get_item (G_LIST_MODEL (self->lines), i);

      if (__builtin_add_overflow (total, lum_doc_line_get_total_cents (line), &total))
        return G_MAXINT64;
    }
  return total;
}

gint64
lum_document_get_id (LumDocument *self)
{
  return lum_document_get_int (self, LUM_DOC_ID);
}

const char *
lum_document_get_number (LumDocument *self)
{
  return lum_document_get_text (self, LUM_DOC_NUMBER);
}

const char *
lum_document_get_status (LumDocument *self)
{
  return lum_document_get_text (self, LUM_DOC_STATUS);
}

const char *
lum_doc_text_column (LumDocText field)
{
  g_return_val_if_fail (field < LUM_DOC_N_TEXT, NULL);
  return text_columns[field];
}

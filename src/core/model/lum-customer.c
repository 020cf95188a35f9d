/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lum-customer.h"
#include "lum-util.h"

static const char * const text_columns[LUM_CUSTOMER_N_TEXT] = {
  [LUM_CUSTOMER_NAME] = "name",
  [LUM_CUSTOMER_EMAIL] = "email",
  [LUM_CUSTOMER_PHONE] = "phone",
  [LUM_CUSTOMER_COMPANY] = "company",
  [LUM_CUSTOMER_BILL_STREET1] = "bill_street1",
  [LUM_CUSTOMER_BILL_STREET2] = "bill_street2",
  [LUM_CUSTOMER_BILL_CITY] = "bill_city",
  [LUM_CUSTOMER_BILL_STATE] = "bill_state",
  [LUM_CUSTOMER_BILL_POSTAL_CODE] = "bill_postal_code",
  [LUM_CUSTOMER_BILL_COUNTRY] = "bill_country",
  [LUM_CUSTOMER_SHIP_NAME] = "ship_name",
  [LUM_CUSTOMER_SHIP_COMPANY] = "ship_company",
  [LUM_CUSTOMER_SHIP_STREET1] = "ship_street1",
  [LUM_CUSTOMER_SHIP_STREET2] = "ship_street2",
  [LUM_CUSTOMER_SHIP_CITY] = "ship_city",
  [LUM_CUSTOMER_SHIP_STATE] = "ship_state",
  [LUM_CUSTOMER_SHIP_POSTAL_CODE] = "ship_postal_code",
  [LUM_CUSTOMER_SHIP_COUNTRY] = "ship_country",
  [LUM_CUSTOMER_SHIP_PHONE] = "ship_phone",
  [LUM_CUSTOMER_SALES_REP] = "sales_rep",
};

static const char * const int_columns[LUM_CUSTOMER_N_INT] = {
  [LUM_CUSTOMER_ID] = "id",
  [LUM_CUSTOMER_TERMS_DAYS] = "terms_days",
  [LUM_CUSTOMER_IS_TEST] = "is_test",
  [LUM_CUSTOMER_VERSION] = "version",
};

struct _LumCustomer
{
  LumRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (LumCustomer, lum_customer, LUM_TYPE_RECORD)

static GParamSpec *terms_label_pspec;
static guint terms_label_id;

static void
on_terms_notify_cb (LumCustomer *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), terms_label_pspec);
}

static void
lum_customer_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  if (prop_id == terms_label_id)
    g_value_take_string (value, lum_customer_dup_terms_label (LUM_CUSTOMER (object)));
  else if (!lum_record_get_column_property (object, prop_id, value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
lum_customer_class_init (LumCustomerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  lum_record_class_set_columns (LUM_RECORD_CLASS (klass),
                                text_columns, LUM_CUSTOMER_N_TEXT,
                                int_columns, LUM_CUSTOMER_N_INT);
  object_class->get_property = lum_customer_get_property;

  terms_label_id = lum_record_class_get_n_props (LUM_RECORD_CLASS (klass)) + 1;
  terms_label_pspec = g_param_spec_string ("terms-label", NULL, NULL, NULL,
                                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_property (object_class, terms_label_id, terms_label_pspec);
}

static void
lum_customer_init (LumCustomer *self)
{
  lum_record_set_int (LUM_RECORD (self), LUM_CUSTOMER_TERMS_DAYS, 30);
  g_signal_connect (self, "notify::terms-days", G_CALLBACK (on_terms_notify_cb), NULL);
}

LumCustomer *
lum_customer_new (const char *name)
{
  LumCustomer *self = g_object_new (LUM_TYPE_CUSTOMER, NULL);

  lum_customer_set_text (self, LUM_CUSTOMER_NAME, name);
  return self;
}

gint64
lum_customer_get_id (LumCustomer *self)
{
  return lum_record_get_int (LUM_RECORD (self), LUM_CUSTOMER_ID);
}

gint64
lum_customer_get_version (LumCustomer *self)
{
  return lum_record_get_int (LUM_RECORD (self), LUM_CUSTOMER_VERSION);
}

void
lum_customer_set_version (LumCustomer *self,
                          gint64       version)
{
  lum_record_set_int (LUM_RECORD (self), LUM_CUSTOMER_VERSION, version);
}

void
lum_customer_set_id (LumCustomer *self,
                     gint64       id)
{
  lum_record_set_int (LUM_RECORD (self), LUM_CUSTOMER_ID, id);
}

const char *
lum_customer_get_text (LumCustomer     *self,
                       LumCustomerText  field)
{
  return lum_record_get_text (LUM_RECORD (self), field);
}

void
lum_customer_set_text (LumCustomer     *self,
                       LumCustomerText  field,
                       const char      *value)
{
  lum_record_set_text (LUM_RECORD (self), field, value);
}

const char *
lum_customer_get_name (LumCustomer *self)
{
  return lum_customer_get_text (self, LUM_CUSTOMER_NAME);
}

int
lum_customer_get_terms_days (LumCustomer *self)
{
  return (int)lum_record_get_int (LUM_RECORD (self), LUM_CUSTOMER_TERMS_DAYS);
}

void
lum_customer_set_terms_days (LumCustomer *self,
                             int          days)
{
  lum_record_set_int (LUM_RECORD (self), LUM_CUSTOMER_TERMS_DAYS, days);
}

gboolean
lum_customer_get_is_test (LumCustomer *self)
{
  return lum_record_get_int (LUM_RECORD (self), LUM_CUSTOMER_IS_TEST) != 0;
}

void
lum_customer_set_is_test (LumCustomer *self,
                          gboolean     is_test)
{
  lum_record_set_int (LUM_RECORD (self), LUM_CUSTOMER_IS_TEST, is_test ? 1 : 0);
}

char *
lum_customer_dup_terms_label (LumCustomer *self)
{
  int days = lum_customer_get_terms_days (self);

  if (days == 0)
    return g_strdup (_("Due on receipt"));
  return g_strdup_printf (_("Net %d"), days);
}

/**
 * lum_customer_parse_terms:
 * @text: "net30", "Net 30", "30", "due on receipt" or "cod"
 * @days: (out): days from the issue date to the due date
 */
gboolean
lum_customer_parse_terms (const char *text,
                          int        *days)
{
  g_autofree char *key = lum_name_key (text);
  GString *compact = g_string_new (NULL);
  g_autofree char *word = NULL;
  const char *digits;
  guint64 value;

  for (const char *p = key; *p; p++)
    if (*p != ' ' && *p != '-' && *p != '_')
      g_string_append_c (compact, *p);
  word = g_string_free (compact, FALSE);

  if (g_str_equal (word, "dueonreceipt") || g_str_equal (word, "cod") || g_str_equal (word, "receipt"))
    {
      *days = 0;
      return TRUE;
    }

  digits = g_str_has_prefix (word, "net") ? word + 3 : word;
  if (!g_ascii_string_to_unsigned (digits, 10, 0, 365, &value, NULL))
    return FALSE;
  *days = (int)value;
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-record.h"

G_BEGIN_DECLS

/* The text fields of a customer; property names are the column names
 * with dashes ("bill-street1"). */
typedef enum
{
  LUM_CUSTOMER_NAME,
  LUM_CUSTOMER_EMAIL,
  LUM_CUSTOMER_PHONE,
  LUM_CUSTOMER_COMPANY,
  LUM_CUSTOMER_BILL_STREET1,
  LUM_CUSTOMER_BILL_STREET2,
  LUM_CUSTOMER_BILL_CITY,
  LUM_CUSTOMER_BILL_STATE,
  LUM_CUSTOMER_BILL_POSTAL_CODE,
  LUM_CUSTOMER_BILL_COUNTRY,
  LUM_CUSTOMER_SHIP_NAME,
  LUM_CUSTOMER_SHIP_COMPANY,
  LUM_CUSTOMER_SHIP_STREET1,
  LUM_CUSTOMER_SHIP_STREET2,
  LUM_CUSTOMER_SHIP_CITY,
  LUM_CUSTOMER_SHIP_STATE,
  LUM_CUSTOMER_SHIP_POSTAL_CODE,
  LUM_CUSTOMER_SHIP_COUNTRY,
  LUM_CUSTOMER_SHIP_PHONE,
  LUM_CUSTOMER_SALES_REP,
  LUM_CUSTOMER_N_TEXT
} LumCustomerText;

typedef enum
{
  LUM_CUSTOMER_ID,
  LUM_CUSTOMER_TERMS_DAYS,
  LUM_CUSTOMER_IS_TEST,
  LUM_CUSTOMER_VERSION,   /* raised by every save (lum-store-version.h) */
  LUM_CUSTOMER_N_INT
} LumCustomerInt;

#define LUM_TYPE_CUSTOMER (lum_customer_get_type ())
G_DECLARE_FINAL_TYPE (LumCustomer, lum_customer, LUM, CUSTOMER, LumRecord)

LumCustomer *lum_customer_new             (const char      *name);
gint64       lum_customer_get_id          (LumCustomer     *self);
gint64       lum_customer_get_version     (LumCustomer     *self);
void         lum_customer_set_version     (LumCustomer     *self,
                                           gint64           version);
void         lum_customer_set_id          (LumCustomer     *self,
                                           gint64           id);
const char  *lum_customer_get_text        (LumCustomer     *self,
                                           LumCustomerText  field);
void         lum_customer_set_text        (LumCustomer     *self,
                                           LumCustomerText  field,
                                           const char      *value);
const char  *lum_customer_get_name        (LumCustomer     *self);
int          lum_customer_get_terms_days  (LumCustomer     *self);
void         lum_customer_set_terms_days  (LumCustomer     *self,
                                           int              days);
gboolean     lum_customer_get_is_test     (LumCustomer     *self);
void         lum_customer_set_is_test     (LumCustomer     *self,
                                           gboolean         is_test);
char        *lum_customer_dup_terms_label (LumCustomer     *self);

gboolean     lum_customer_parse_terms     (const char      *text,
                                           int             *days);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-sandbox-private.h"

G_BEGIN_DECLS

/* Shared by lum-sandbox-extensiv.c (the API) and lum-sandbox-extensiv-control.c
 * (customers, facilities, closing orders). */
#define HAL_TYPE          "application/hal+json; charset=utf-8"
#define REL               "http://api.3plCentral.com/rels/"
#define FIRST_ORDER_ID    1001
#define FIRST_ITEM_ID     5001
#define FIRST_PACKAGE_ID  9001
#define FIRST_SKU_ID      100001
#define DEFAULT_PAGE_SIZE 100
#define MAX_PAGE_SIZE     1000
#define MAX_ITEMS         1000
#define MAX_TEXT          4000

typedef struct
{
  char   *client_id;
  gint64  expires;  /* µs, on the sandbox clock */
} Token;

struct _LumSandboxExtensiv
{
  LumSandbox          *sandbox;
  char                *client_id;
  char                *client_secret;
  char                *tpl;
  char                *user_login_id;
  guint                token_lifetime;
  GHashTable          *tokens;       /* access token → Token */
  LumSandboxRateLimit *limit;
  GPtrArray           *customers;    /* JsonObject */
  GPtrArray           *facilities;   /* JsonObject */
  GPtrArray           *orders;       /* JsonObject, by orderId from FIRST_ORDER_ID */
  GArray              *versions;     /* gint64 per order: its ETag */
  GPtrArray           *items;        /* JsonObject {itemId, sku, customerId}: the customers' SKUs */
  GPtrArray           *stock;        /* JsonObject: a stock summary, as listed */
  gint64               next_customer_id;
  gint64               next_facility_id;
  gint64               next_item_id;
  gint64               next_package_id;
  gint64               next_sku_id;
};

JsonObject  *lum_sandbox_extensiv_new_identifier     (gint64              id,
                                                     const char         *name);
JsonObject  *lum_sandbox_extensiv_new_links          (const char         *self_href);
JsonObject  *lum_sandbox_extensiv_new_facility       (gint64              id,
                                                     const char         *name);
JsonObject  *lum_sandbox_extensiv_new_customer       (gint64              id,
                                                     const char         *name,
                                                     JsonObject         *facility,
                                                     const char         *now);
gint64       lum_sandbox_extensiv_customer_id        (JsonObject         *customer);
const char  *lum_sandbox_extensiv_customer_name      (JsonObject         *customer);
JsonObject  *lum_sandbox_extensiv_find_by_identifier (GPtrArray          *records,
                                                     JsonObject         *identifier,
                                                     gboolean            customers);
void         lum_sandbox_extensiv_remove_member_ci   (JsonObject         *object,
                                                     const char         *name);
JsonObject  *lum_sandbox_extensiv_find_item          (LumSandboxExtensiv *ext,
                                                     gint64              customer_id,
                                                     JsonObject         *identifier);
char        *lum_sandbox_extensiv_etag               (LumSandboxExtensiv *ext,
                                                     JsonObject         *order);
void         lum_sandbox_extensiv_touch              (LumSandboxExtensiv *ext,
                                                     JsonObject         *order);
void         lum_sandbox_extensiv_token_free         (gpointer            data);

G_END_DECLS

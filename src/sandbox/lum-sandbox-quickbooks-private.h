/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-sandbox-private.h"

G_BEGIN_DECLS

/* Shared by lum-sandbox-quickbooks.c (the accounting API) and
 * lum-sandbox-quickbooks-oauth.c (tokens, the authorization page, state). */

#define QBO_REFRESH_LIFETIME   8726400   /* 101 days, as Intuit says */
#define QBO_CODE_LIFETIME      600       /* seconds an authorization code lives */
#define QBO_DEFAULT_WINDOW_MS  60000

typedef struct
{
  char   *realm;
  char   *redirect_uri;   /* codes only */
  gint64  expires;        /* µs on the sandbox clock */
} QboGrant;

typedef struct
{
  guint   status;
  char   *content_type;
  GBytes *body;
} QboReply;

struct _LumSandboxQuickbooks
{
  LumSandbox          *sandbox;
  char                *client_id;
  char                *client_secret;
  char                *realm;
  guint                token_lifetime;
  guint                fault_status;
  char                *authorize_error;
  GPtrArray           *redirect_uris;   /* registered with the app, exact */
  gboolean             production;      /* a production app, not development keys */
  GHashTable          *access_tokens;   /* token → QboGrant */
  GHashTable          *refresh_tokens;  /* token → QboGrant */
  GHashTable          *codes;           /* code → QboGrant */
  LumSandboxRateLimit *limit;           /* per company */
  LumSandboxSlots     *slots;           /* per company */
  GHashTable          *replies;         /* realm "/" requestid → QboReply */
  GPtrArray           *customers;       /* JsonObject */
  GPtrArray           *items;           /* JsonObject */
  GPtrArray           *invoices;        /* JsonObject */
  GPtrArray           *accounts;        /* JsonObject, the chart of accounts */
  GPtrArray           *vendors;         /* JsonObject */
  GPtrArray           *employees;       /* JsonObject */
  gint64               next_doc_number;
  guint                refreshes;       /* refresh_token grants answered with tokens */
  guint                refused_refreshes; /* … answered invalid_grant */
};

void     lum_sandbox_qbo_handle_token     (LumSandboxQuickbooks *qb,
                                           LumSandboxRequest    *req);
void     lum_sandbox_qbo_handle_revoke    (LumSandboxQuickbooks *qb,
                                           LumSandboxRequest    *req);
void     lum_sandbox_qbo_handle_authorize (LumSandboxQuickbooks *qb,
                                           LumSandboxRequest    *req);
QboGrant *lum_sandbox_qbo_check_access    (LumSandboxQuickbooks *qb,
                                           LumSandboxRequest    *req,
                                           const char          **problem);
void     lum_sandbox_qbo_reply_free       (gpointer              data);
void     lum_sandbox_qbo_seed_company     (LumSandboxQuickbooks *qb);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-quickbooks.h"

G_BEGIN_DECLS

/* Shared by lum-quickbooks.c and lum-quickbooks-accounts.c */

/* A request to /v3/company/{realm}@path_and_query. */
SoupMessage *lum_quickbooks_api_message  (LumQuickbooks    *self,
                                          const char       *method,
                                          const char       *path_and_query,
                                          JsonNode         *body);
/* The token endpoint: a request with @form, and keeping what it answers. */
SoupMessage *lum_quickbooks_token_message (LumQuickbooks    *self,
                                           const char       *form);
gboolean     lum_quickbooks_take_tokens   (LumQuickbooks    *self,
                                           LumHttpResponse  *response,
                                           GError          **error);
G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lumctl.h"
#include "model/lum-integration.h"

G_BEGIN_DECLS

/* The secrets of @kind in the order they are read from standard input. */
const LumctlSecretSpec *lumctl_integration_secret_specs (LumIntegrationKind   kind,
                                                         guint               *n_specs);

LumIntegration *lumctl_find_integration  (LumEngine       *engine,
                                          const char      *name_or_id,
                                          GError         **error);
JsonNode       *lumctl_integration_to_json (LumIntegration *integration);
void            lumctl_print_integration (LumctlGlobal    *global,
                                          LumIntegration  *integration);

/* The commands that talk to the service (lumctl-integration-remote.c) */
int             lumctl_integration_test    (LumctlGlobal  *global,
                                            char         **args);
int             lumctl_integration_stores  (LumctlGlobal  *global,
                                            char         **args);
int             lumctl_integration_connect (LumctlGlobal  *global,
                                            char         **args);
int             lumctl_integration_accounts (LumctlGlobal *global,
                                             char        **args);
gboolean        lumctl_check_income_account (LumEngine      *engine,
                                             LumIntegration *integration,
                                             const char     *account_id,
                                             GError        **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-test-util.h"
#include "lum-engine-documents.h"
#include "lum-engine-sync.h"
#include "model/lum-channel.h"
#include "model/lum-integration.h"
#include "sync/lum-sync-remote.h"
#include "lum-sandbox.h"

G_BEGIN_DECLS

/* An engine with its sync service and a sandbox (on its own thread) with
 * the integrations, products and customer most tests need. */
typedef struct
{
  LumTestClock    clock;
  char           *db_path;
  LumEngine      *engine;
  LumSyncService *service;
  LumSandbox     *sandbox;
  LumIntegration *shipstation;
  LumIntegration *extensiv;
  LumIntegration *quickbooks;
  LumCustomer    *customer;
} LumTestWorld;

gboolean        lum_test_keyring_available   (void);
void            lum_test_world_init          (LumTestWorld    *world);
void            lum_test_world_clear         (LumTestWorld    *world);

/* For g_test_add(): a world when a Secret Service is there; a test skips
 * itself without one (SKIP_WITHOUT_KEYRING). */
void            lum_test_world_set_up        (LumTestWorld    *world,
                                              gconstpointer    data);
void            lum_test_world_tear_down     (LumTestWorld    *world,
                                              gconstpointer    data);

#define SKIP_WITHOUT_KEYRING() \
  G_STMT_START { \
    if (!lum_test_keyring_available ()) \
      { \
        g_test_skip ("needs a Secret Service: run in .ci/session"); \
        return; \
      } \
  } G_STMT_END
LumIntegration *lum_test_world_add_integration (LumTestWorld  *world,
                                                LumIntegrationKind kind,
                                                const char    *name,
                                                const char    *key_or_secret);
LumChannel     *lum_test_world_channel       (LumTestWorld    *world,
                                              const char      *name,
                                              LumIntegration  *oms,
                                              const char      *store,
                                              int              delay,
                                              LumInvoiceTiming timing,
                                              LumIntegration  *accounting);
LumDocument    *lum_test_world_post_order    (LumTestWorld    *world,
                                              LumChannel      *channel,
                                              const char      *shipping_notes);
guint           lum_test_world_push          (LumTestWorld    *world);
LumPollStats    lum_test_world_poll          (LumTestWorld    *world);
void            lum_test_world_advance       (LumTestWorld    *world,
                                              int              minutes);
LumDocument    *lum_test_world_reload        (LumTestWorld    *world,
                                              LumDocument     *doc);
LumJob         *lum_test_world_last_job      (LumTestWorld    *world,
                                              LumDocument     *doc);
guint           lum_test_world_count_remote  (LumTestWorld    *world,
                                              const char      *service,
                                              const char      *kind);
JsonObject     *lum_test_world_remote_order  (LumTestWorld    *world,
                                              const char      *service,
                                              const char      *member,
                                              const char      *value);

G_END_DECLS

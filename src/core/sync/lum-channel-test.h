/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "lum-engine.h"
#include "model/lum-channel.h"
#include "model/lum-test-step.h"

G_BEGIN_DECLS

typedef enum
{
  LUM_CHANNEL_TEST_ERROR_NEEDS_CONFIRMATION,
  LUM_CHANNEL_TEST_ERROR_RUNNING,
} LumChannelTestError;

#define LUM_CHANNEL_TEST_ERROR (lum_channel_test_error_quark ())
GQuark lum_channel_test_error_quark (void);

/*
 * LumChannelTest: runs a test order (an invoice on an invoice-first
 * channel) through a channel's real configuration and integrations, and
 * reports each step: the document, its invoice, the push and what was sent
 * with the mapped fields, on a sandbox a simulated shipment coming back
 * with its tracking, the invoice on shipment, the accounting push, and
 * against a real OMS the cancellation of the test order.
 */
#define LUM_TYPE_CHANNEL_TEST (lum_channel_test_get_type ())
G_DECLARE_FINAL_TYPE (LumChannelTest, lum_channel_test, LUM, CHANNEL_TEST, GObject)

typedef struct _LumSyncService LumSyncService;

LumChannelTest *lum_channel_test_new                (LumSyncService      *service,
                                                     LumChannel          *channel);
GListModel     *lum_channel_test_get_steps          (LumChannelTest      *self);
gboolean        lum_channel_test_needs_confirmation (LumChannelTest      *self);
void            lum_channel_test_set_confirmed      (LumChannelTest      *self,
                                                     gboolean             confirmed);
void            lum_channel_test_set_skip_delay     (LumChannelTest      *self,
                                                     gboolean             skip_delay);
void            lum_channel_test_run_async          (LumChannelTest      *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean        lum_channel_test_run_finish         (LumChannelTest      *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
gboolean        lum_channel_test_get_ok             (LumChannelTest      *self);
const char     *lum_channel_test_get_document_number (LumChannelTest     *self);
JsonNode       *lum_channel_test_to_json            (LumChannelTest      *self,
                                                     gboolean             full);
char           *lum_channel_test_to_markdown        (LumChannelTest      *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "store/lum-db.h"
#include "model/lum-channel.h"
#include "model/lum-integration.h"

G_BEGIN_DECLS

/**
 * LumChannelError:
 *
 * One code a field of the channel set-up, so that the editor can put the
 * message on the row that caused it. Every message names the field and the
 * value that was refused.
 */
typedef enum
{
  LUM_CHANNEL_ERROR_NAME,
  LUM_CHANNEL_ERROR_WAREHOUSE_GROUP,
  LUM_CHANNEL_ERROR_TAGS,
  LUM_CHANNEL_ERROR_OMS_INTEGRATION,
  LUM_CHANNEL_ERROR_OMS_STORE,
  LUM_CHANNEL_ERROR_PUSH_DELAY,
  LUM_CHANNEL_ERROR_FULFILLMENT_UPDATES,
  LUM_CHANNEL_ERROR_FIELD_MAPPING,
  LUM_CHANNEL_ERROR_ORDER_FLOW,
  LUM_CHANNEL_ERROR_INVOICE_TYPE,
  LUM_CHANNEL_ERROR_INVOICE_TIMING,
  LUM_CHANNEL_ERROR_ACCOUNTING,
  LUM_CHANNEL_ERROR_DESCRIPTION,
  LUM_CHANNEL_ERROR_WHEN_SHORT,
} LumChannelError;

#define LUM_CHANNEL_ERROR (lum_channel_error_quark ())
GQuark lum_channel_error_quark (void);

#define LUM_TAG_MAX_LENGTH 40

gboolean  lum_channel_parse_push_delay  (const char  *text,
                                         int         *minutes,
                                         GError     **error);
char     *lum_channel_format_push_delay (int          minutes);
char    **lum_channel_parse_tags        (const char  *text);
gboolean  lum_channel_check_mapping     (LumChannel      *channel,
                                         guint            position,
                                         LumIntegration  *oms,
                                         GError         **error);
gboolean  lum_channel_rules_check       (LumDb       *db,
                                         LumChannel  *channel,
                                         GError     **error);
GPtrArray *lum_channel_rules_check_all  (LumDb       *db,
                                         LumChannel  *channel);

G_END_DECLS

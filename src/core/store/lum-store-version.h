/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "lum-db.h"

G_BEGIN_DECLS

/**
 * LumStoreError:
 * @LUM_STORE_ERROR_CHANGED: the record was saved by someone else (another
 *   window, process or desk) after the editor loaded it; the message says
 *   who and when
 */
typedef enum
{
  LUM_STORE_ERROR_CHANGED,
} LumStoreError;

#define LUM_STORE_ERROR (lum_store_error_quark ())
GQuark       lum_store_error_quark        (void);

/**
 * LumVersioned:
 *
 * The tables whose rows are edited by people and carry a version.
 */
typedef enum
{
  LUM_VERSIONED_CHANNEL,
  LUM_VERSIONED_CUSTOMER,
  LUM_VERSIONED_PRODUCT,
  LUM_VERSIONED_SALES_ORDER,
  LUM_VERSIONED_INVOICE,
} LumVersioned;

void         lum_store_set_actor_name     (LumDb         *db,
                                           const char    *name);
const char  *lum_store_get_actor_name     (LumDb         *db);

gboolean     lum_store_version_claim      (LumDb         *db,
                                           LumVersioned   table,
                                           gint64         id,
                                           gint64         expected,
                                           const char    *label,
                                           const char    *now,
                                           gint64        *version,
                                           GError       **error);
gint64       lum_store_version_get        (LumDb         *db,
                                           LumVersioned   table,
                                           gint64         id,
                                           GError       **error);

G_END_DECLS

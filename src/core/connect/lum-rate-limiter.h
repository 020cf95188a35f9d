/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "lum-http.h"

G_BEGIN_DECLS

/*
 * LumRateLimiter: the request budget of one integration, shared by the push
 * worker and the poller. At most @max_in_flight requests at once; at most
 * @requests a window of @window_ms, counted locally until the service
 * reports its own budget (X-Rate-Limit-Remaining/Reset), which then rules;
 * after a 429 or an exhausted budget nothing is sent before the reset.
 */
#define LUM_TYPE_RATE_LIMITER (lum_rate_limiter_get_type ())
G_DECLARE_FINAL_TYPE (LumRateLimiter, lum_rate_limiter, LUM, RATE_LIMITER, GObject)

LumRateLimiter *lum_rate_limiter_new            (guint                max_in_flight,
                                                 guint                requests,
                                                 guint                window_ms);
void            lum_rate_limiter_acquire_async  (LumRateLimiter      *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean        lum_rate_limiter_acquire_finish (LumRateLimiter      *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
void            lum_rate_limiter_release        (LumRateLimiter      *self,
                                                 LumHttpResponse     *response);
guint           lum_rate_limiter_get_sent       (LumRateLimiter      *self);

G_END_DECLS

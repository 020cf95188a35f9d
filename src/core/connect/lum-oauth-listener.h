/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * The desktop side of an OAuth 2.0 authorization-code flow: a one-shot
 * listener on the loopback interface (http://localhost:PORT/callback) that
 * catches the browser's redirect, checks the state and hands over the
 * code; and, where the provider sends the browser to an https address
 * instead, the reading of the address the user pastes back.
 */
#define LUM_TYPE_OAUTH_LISTENER (lum_oauth_listener_get_type ())
G_DECLARE_FINAL_TYPE (LumOAuthListener, lum_oauth_listener, LUM, OAUTH_LISTENER, GObject)

LumOAuthListener *lum_oauth_listener_new             (guint                 port,
                                                      GError              **error);
const char       *lum_oauth_listener_get_redirect_uri (LumOAuthListener   *self);
const char       *lum_oauth_listener_get_state       (LumOAuthListener    *self);
void              lum_oauth_listener_wait_async      (LumOAuthListener    *self,
                                                      guint                timeout_seconds,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
char             *lum_oauth_listener_wait_finish     (LumOAuthListener    *self,
                                                      GAsyncResult        *result,
                                                      char               **realm_id,
                                                      GError             **error);

char             *lum_oauth_new_state                (GError             **error);
char             *lum_oauth_read_answer              (const char          *answer,
                                                      const char          *redirect_uri,
                                                      const char          *state,
                                                      char               **realm_id,
                                                      GError             **error);

G_END_DECLS

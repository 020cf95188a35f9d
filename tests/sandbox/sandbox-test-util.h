/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "lum-sandbox.h"

G_BEGIN_DECLS

/* A sandbox on a kernel-chosen loopback port and a client session, both on
 * the default main context; requests are sent asynchronously and the
 * context is iterated until they are answered. */
typedef struct
{
  LumSandbox  *sandbox;
  SoupSession *session;
  char        *base;      /* http://127.0.0.1:PORT */
} SbFixture;

typedef struct
{
  guint               status;     /* 0 on a transport error */
  SoupMessageHeaders *headers;
  GBytes             *body;
  JsonNode           *json;       /* NULL when the body is not JSON */
  GError             *error;
  gint64              elapsed_us;
} SbResponse;

typedef struct _SbPending SbPending;

void        sb_fixture_setup    (SbFixture     *f,
                                 gconstpointer  data);
void        sb_fixture_teardown (SbFixture     *f,
                                 gconstpointer  data);

SbPending  *sb_start            (SbFixture     *f,
                                 const char    *method,
                                 const char    *path,
                                 const char    *authorization,
                                 const char    *content_type,
                                 const char    *body,
                                 gssize         length,
                                 SoupMessageFlags flags);
SbResponse *sb_wait             (SbPending     *pending);
SbResponse *sb_send             (SbFixture     *f,
                                 const char    *method,
                                 const char    *path,
                                 const char    *authorization,
                                 const char    *body);
SbResponse *sb_send_with_header (SbFixture   *f,
                                 const char    *method,
                                 const char    *path,
                                 const char    *header,
                                 const char    *value,
                                 const char    *body);
void        sb_response_free    (SbResponse    *response);
const char *sb_header           (SbResponse    *response,
                                 const char    *name);
JsonObject *sb_object           (SbResponse    *response);
JsonArray  *sb_array            (SbResponse    *response);
char       *sb_text             (SbResponse    *response);
char       *sb_basic            (const char    *user,
                                 const char    *password);
char       *sb_bearer           (const char    *token);
void        sb_sleep_ms         (guint          ms);
JsonObject *sb_parse_object     (const char    *json);
JsonNode   *sb_control          (SbFixture     *f,
                                 const char    *path,
                                 const char    *json,
                                 guint          expected_status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbResponse, sb_response_free)

G_END_DECLS

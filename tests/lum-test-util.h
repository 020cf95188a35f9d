/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-engine.h"
#include "lum-engine-private.h"

G_BEGIN_DECLS

/* A clock that tests move by hand. */
typedef struct
{
  gint64 now;
} LumTestClock;

LumEngine *lum_test_engine_new       (LumTestClock *clock,
                                      char        **out_path);
gint64     lum_test_count_rows       (LumEngine    *engine,
                                      const char   *table);
char      *lum_test_dump_database    (LumEngine    *engine);
char      *lum_test_damaged_database (void);

char       *lum_test_new_database   (const char *name);
gboolean    lum_test_on_postgresql  (void);

G_END_DECLS

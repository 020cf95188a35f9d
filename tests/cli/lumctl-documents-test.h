/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What the tests of lumenctl's documents share: readers of its JSON and
 * the set-up of channels, customers and products they start from.
 */
#pragma once

#include "lumctl-test.h"

G_BEGIN_DECLS

JsonObject *object_of           (JsonNode   *node);
const char *str_member          (JsonNode   *node,
                                 const char *name);
char       *numbers_of          (JsonNode   *array);
char       *members_of          (JsonNode   *array,
                                 const char *name);
void        assert_members      (JsonNode   *array,
                                 const char *name,
                                 const char *expected);
gint64      parse_time          (const char *text);
char       *add_days            (const char *date,
                                 int         days);
void        assert_contains     (const char *haystack,
                                 const char *needle);
void        exec_sql            (Fixture    *f,
                                 const char *sql);
gboolean    add_documents_setup (Fixture    *f);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

#include "lum-json.h"

G_BEGIN_DECLS

/* Request bodies are hostile: checked strictly before json-glib sees them. */
JsonNode   *lum_sandbox_parse_json      (const char         *data,
                                         gsize               length,
                                         GError            **error);

JsonNode   *lum_json_node_new_object    (JsonObject         *object);
JsonNode   *lum_json_node_new_array     (JsonArray          *array);
JsonObject *lum_json_object_copy        (JsonObject         *object);
JsonNode   *lum_json_deep_copy          (JsonNode           *node);
JsonArray  *lum_json_array_of_objects   (GPtrArray          *objects);
JsonNode   *lum_json_records_node       (GPtrArray          *records,
                                         guint              *count);
void        lum_json_set_nullable_string (JsonObject        *object,
                                         const char         *name,
                                         const char         *value);

char       *lum_sandbox_time_dotnet     (gint64              us);
char       *lum_sandbox_time_plain      (gint64              us);
char       *lum_sandbox_time_offset     (gint64              us,
                                         gboolean            millis);
char       *lum_sandbox_date            (gint64              us);
gboolean    lum_sandbox_parse_time      (const char         *text,
                                         gint64             *us);

gboolean    lum_sandbox_basic_auth      (SoupMessageHeaders *headers,
                                         char              **user,
                                         char              **password);
char       *lum_sandbox_bearer          (SoupMessageHeaders *headers);
char       *lum_sandbox_random_token    (const char         *prefix);
gboolean    lum_sandbox_parse_uint      (const char         *text,
                                         guint64             max,
                                         guint64            *value);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Safe readers of untrusted JSON: %NULL, %FALSE or 0 when the member is
 * missing, null or of another type. */
JsonNode    *lum_json_member       (JsonObject *object,
                                    const char *name);
JsonNode    *lum_json_member_ci    (JsonObject *object,
                                    const char *name);
JsonNode    *lum_json_path_ci      (JsonNode   *root,
                                    const char *path);
JsonObject  *lum_json_get_object   (JsonObject *object,
                                    const char *member);
JsonArray   *lum_json_get_array    (JsonObject *object,
                                    const char *member);
const char  *lum_json_get_string   (JsonObject *object,
                                    const char *member);
gboolean     lum_json_get_int      (JsonObject *object,
                                    const char *member,
                                    gint64     *value);
char        *lum_json_dup_scalar   (JsonObject *object,
                                    const char *member);
gboolean     lum_json_member_is_a  (JsonObject *object,
                                    const char *member,
                                    GType       type);

gboolean     lum_json_is_string    (JsonNode   *node);
gboolean     lum_json_is_bool      (JsonNode   *node);
gboolean     lum_json_is_int       (JsonNode   *node);
gboolean     lum_json_is_number    (JsonNode   *node);
gboolean     lum_json_is_object    (JsonNode   *node);
gboolean     lum_json_is_array     (JsonNode   *node);
double       lum_json_number       (JsonNode   *node);
char        *lum_json_scalar_text  (JsonNode   *node);

/* The one writer: JsonGenerator's text but for fractions, which keep no
 * more digits than they need. */
char        *lum_json_write        (JsonNode   *node,
                                    gboolean    pretty);
void         lum_json_append_string (GString    *out,
                                     const char *text);

G_END_DECLS

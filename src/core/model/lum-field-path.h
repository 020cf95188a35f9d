/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * A remote field is a path into the outgoing JSON document:
 *
 *   path     = segment *( "." segment )
 *   segment  = name *selector
 *   name     = ( ALPHA / "_" ) *( ALPHA / DIGIT / "_" / "-" )
 *   selector = "[" 1*3DIGIT "]"              ; an array element by position
 *            / "[" name "=" value "]"         ; the array element whose member
 *                                             ; `name` equals `value`
 *   value    = 1*( any character but "]" )   ; or "quoted" to keep spaces
 *
 * Examples: `shippingNotes`, `routingInfo.mode`, `advancedOptions.customField1`,
 * `items[0].sku`, `savedElements[name=GiftMessage]`. Objects and array elements
 * missing on the way are created. A path that ends in a `[key=value]`
 * selector sets the element's `value` member, which is how Extensiv saved
 * elements are reached by name.
 */

typedef enum
{
  LUM_FIELD_PATH_ERROR_SYNTAX,
  LUM_FIELD_PATH_ERROR_CONFLICT,
} LumFieldPathError;

#define LUM_FIELD_PATH_ERROR (lum_field_path_error_quark ())
GQuark lum_field_path_error_quark (void);

#define LUM_FIELD_PATH_MAX_LENGTH 200
#define LUM_FIELD_PATH_MAX_DEPTH  12
#define LUM_FIELD_PATH_MAX_INDEX  999

typedef struct _LumFieldPath LumFieldPath;

LumFieldPath *lum_field_path_parse      (const char    *text,
                                         GError       **error);
void          lum_field_path_free       (LumFieldPath  *path);
char         *lum_field_path_to_string  (LumFieldPath  *path);
gboolean      lum_field_path_is_prefix  (LumFieldPath  *prefix,
                                         LumFieldPath  *path);
gboolean      lum_field_path_set        (LumFieldPath  *path,
                                         JsonObject    *root,
                                         JsonNode      *value,
                                         GError       **error);
JsonNode     *lum_field_path_get        (LumFieldPath  *path,
                                         JsonObject    *root);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LumFieldPath, lum_field_path_free)

G_END_DECLS

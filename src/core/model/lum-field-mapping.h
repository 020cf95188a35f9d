/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* One row of a channel's custom field mapping: a Lumen field from the
 * catalogue (lum-field-catalog.h) → a path into the outgoing JSON. */
#define LUM_TYPE_FIELD_MAPPING (lum_field_mapping_get_type ())
G_DECLARE_FINAL_TYPE (LumFieldMapping, lum_field_mapping, LUM, FIELD_MAPPING, GObject)

LumFieldMapping *lum_field_mapping_new              (const char      *lumen_field,
                                                     const char      *remote_field);
const char      *lum_field_mapping_get_lumen_field  (LumFieldMapping *self);
void             lum_field_mapping_set_lumen_field  (LumFieldMapping *self,
                                                     const char      *lumen_field);
const char      *lum_field_mapping_get_remote_field (LumFieldMapping *self);
void             lum_field_mapping_set_remote_field (LumFieldMapping *self,
                                                     const char      *remote_field);

char            *lum_field_mappings_describe        (GListModel      *mappings,
                                                     JsonNode        *payload);

G_END_DECLS

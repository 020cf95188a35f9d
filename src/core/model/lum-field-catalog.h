/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LumFieldInfo:
 * @key: the stable name stored in SQLite and typed in lumenctl (`shipping_notes`)
 * @label: what the editor shows, translated
 * @description: where the value comes from, translated
 *
 * One entry of the catalogue of Lumen fields that a channel can map onto a
 * remote field of its OMS. The catalogue is documented in README.md.
 */
typedef struct
{
  const char *key;
  const char *label;
  const char *description;
} LumFieldInfo;

const LumFieldInfo *lum_field_catalog_get     (guint      *n_fields);
const LumFieldInfo *lum_field_catalog_lookup  (const char *key);
char               *lum_field_catalog_keys    (void);

G_END_DECLS

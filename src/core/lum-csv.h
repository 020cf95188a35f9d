/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LUM_CSV_ERROR_UNTERMINATED_QUOTE,
  LUM_CSV_ERROR_STRAY_QUOTE,
  LUM_CSV_ERROR_ENCODING,
} LumCsvError;

#define LUM_CSV_ERROR (lum_csv_error_quark ())
GQuark lum_csv_error_quark (void);

/**
 * LumCsvRow:
 * @line: the line the record starts on, from 1
 * @fields: (array zero-terminated=1): the fields, unquoted
 */
typedef struct
{
  guint   line;
  char  **fields;
} LumCsvRow;

GPtrArray *lum_csv_parse (const char  *text,
                          gssize       length,
                          GError     **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lum-csv.h"

G_DEFINE_QUARK (lum-csv-error-quark, lum_csv_error)

static void
free_row (gpointer data)
{
  LumCsvRow *row = data;

  g_strfreev (row->fields);
  g_free (row);
}

static gboolean
row_is_blank (GPtrArray *fields)
{
  return fields->len == 1 && *(const char *)g_ptr_array_index (fields, 0) == '\0';
}

/**
 * lum_csv_parse:
 * @text: UTF-8 text, with or without a byte order mark
 * @length: bytes in @text, or -1 when NUL-terminated
 *
 * Parses comma-separated values as RFC 4180 describes them: fields in
 * double quotes may hold commas, line breaks and doubled quotes; records end
 * with LF or CRLF; blank lines are skipped.
 *
 * Returns: (transfer full) (element-type LumCsvRow): the records, or %NULL
 *   with an error that names the line
 */
GPtrArray *
lum_csv_parse (const char  *text,
               gssize       length,
               GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_row);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p, *end;
  guint line = 1, record_line = 1;
  gboolean quoted = FALSE, was_quoted = FALSE;

  if (length < 0)
    length = strlen (text);
  if (!g_utf8_validate (text, length, &end))
    {
      guint bad_line = 1;
      for (p = text; p < end; p++)
        bad_line += *p == '\n';
      g_set_error (error, LUM_CSV_ERROR, LUM_CSV_ERROR_ENCODING,
                   _("Line %u is not UTF-8 text; save the file as UTF-8 CSV"), bad_line);
      return NULL;
    }

  p = text;
  end = text + length;
  if (length >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;

  for (; p <= end; p++)
    {
      char c = p < end ? *p : '\n';
      gboolean at_end = p == end;

      if (quoted)
        {
          if (at_end)
            {
              g_set_error (error, LUM_CSV_ERROR, LUM_CSV_ERROR_UNTERMINATED_QUOTE,
                           _("Line %u: a quoted field is not closed"), record_line);
              return NULL;
            }
          if (c == '"' && p + 1 < end && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p++;
            }
          else if (c == '"')
            {
              quoted = FALSE;
            }
          else
            {
              if (c == '\n')
                line++;
              g_string_append_c (field, c);
            }
          continue;
        }

      if (c == '"')
        {
          if (field->len > 0 || was_quoted)
            {
              g_set_error (error, LUM_CSV_ERROR, LUM_CSV_ERROR_STRAY_QUOTE,
                           _("Line %u: a quote inside a field that does not start with one; put the field in quotes and double the quote"),
                           line);
              return NULL;
            }
          quoted = was_quoted = TRUE;
        }
      else if (c == ',')
        {
          g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
          field = g_string_new (NULL);
          was_quoted = FALSE;
        }
      else if (c == '\r' && (p + 1 == end || p[1] == '\n'))
        {
          /* part of CRLF */
        }
      else if (c == '\n')
        {
          if (was_quoted || field->len > 0 || fields->len > 0 || !at_end)
            {
              g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
              field = g_string_new (NULL);
              if (!row_is_blank (fields))
                {
                  LumCsvRow *row = g_new0 (LumCsvRow, 1);

                  g_ptr_array_add (fields, NULL);
                  row->line = record_line;
                  row->fields = (char **)g_ptr_array_free (g_steal_pointer (&fields), FALSE);
                  g_ptr_array_add (rows, row);
                  fields = g_ptr_array_new_with_free_func (g_free);
                }
              else
                {
                  g_ptr_array_set_size (fields, 0);
                }
            }
          was_quoted = FALSE;
          line++;
          record_line = line;
        }
      else
        {
          if (was_quoted)
            {
              g_set_error (error, LUM_CSV_ERROR, LUM_CSV_ERROR_STRAY_QUOTE,
                           _("Line %u: text after the closing quote of a field"), line);
              return NULL;
            }
          g_string_append_c (field, c);
        }
    }

  return g_steal_pointer (&rows);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "lum-text.h"

G_DEFINE_QUARK (lum-text-error-quark, lum_text_error)

/* The next character of @p, or -1 for a byte that starts no valid UTF-8
 * sequence; *next is where the following one starts. Walks any bytes, so
 * that text read from a file can be shown whatever it holds. */
static gunichar
next_char (const char  *p,
           const char **next)
{
  gunichar c = g_utf8_get_char_validated (p, -1);

  if (c == (gunichar)-1 || c == (gunichar)-2)
    {
      *next = p + 1;
      return (gunichar)-1;
    }
  *next = g_utf8_next_char (p);
  return c;
}

static glong
count_chars (const char *text)
{
  glong n = 0;

  for (const char *p = text; *p != '\0'; n++)
    next_char (p, &p);
  return n;
}

/* 10485760 → "10,485,760", with the locale's thousands separator. */
static char *
format_count (glong n)
{
  const struct lconv *conv = localeconv ();
  const char *sep = conv != NULL && conv->thousands_sep != NULL && *conv->thousands_sep != '\0'
                    ? conv->thousands_sep : ",";
  g_autofree char *digits = g_strdup_printf ("%ld", n);
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, sep);
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

static void
append_escaped (GString      *out,
                gunichar      c,
                const char   *start,
                const char   *end,
                LumTextFlags  flags)
{
  if (c == (gunichar)-1)
    g_string_append_printf (out, "\\x%02x", (guchar)*start);
  else if ((flags & LUM_TEXT_MULTI_LINE) && (c == '\n' || c == '\t'))
    g_string_append_c (out, c);
  else if (c == '\n')
    g_string_append (out, "\\n");
  else if (c == '\t')
    g_string_append (out, "\\t");
  else if (c == '\r')
    g_string_append (out, "\\r");
  else if (c < 0x80 && lum_text_is_control (c))
    g_string_append_printf (out, "\\x%02x", c);
  else if (lum_text_is_control (c))
    g_string_append_printf (out, "\\u%04x", c);
  else
    g_string_append_len (out, start, end - start);
}

/**
 * lum_text_is_control:
 *
 * Returns: whether @c is a C0 or C1 control character or DEL, or one of
 *   the Unicode line and paragraph separators: what a terminal acts upon
 *   or what breaks a line.
 */
gboolean
lum_text_is_control (gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
}

/**
 * lum_text_escape:
 * @flags: %LUM_TEXT_MULTI_LINE keeps line breaks and tabs
 *
 * @text as it may be printed on a terminal: every control character and
 * every byte that is not UTF-8 written out ("\x1b", "\u009b", "\xff").
 *
 * Returns: (transfer full): the escaped text
 */
char *
lum_text_escape (const char   *text,
                 LumTextFlags  flags)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text ? text : ""; *p != '\0';)
    {
      const char *start = p;
      gunichar c = next_char (p, &p);

      append_escaped (out, c, start, p, flags);
    }
  return g_string_free (out, FALSE);
}

/* The first LUM_TEXT_SHOWN_MAX characters, escaped; past them "…", and
 * with @count the length in characters. */
static char *
shown_cut (const char *value,
           gboolean    count)
{
  GString *out = g_string_new (NULL);
  const char *p = value ? value : "";
  glong n = 0;

  for (; *p != '\0' && n < LUM_TEXT_SHOWN_MAX; n++)
    {
      const char *start = p;
      gunichar c = next_char (p, &p);

      append_escaped (out, c, start, p, LUM_TEXT_ONE_LINE);
    }
  if (*p != '\0')
    {
      g_string_append (out, "…");
      if (count)
        {
          glong total = n + count_chars (p);
          g_autofree char *text = format_count (total);

          g_string_append_c (out, ' ');
          g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "(%s character)", "(%s characters)", total),
                                  text);
        }
    }
  return g_string_free (out, FALSE);
}

/**
 * lum_text_shown:
 *
 * A value as an error message or a preview shows it, between the quotes of
 * the message: escaped as by lum_text_escape(), and cut after
 * %LUM_TEXT_SHOWN_MAX characters with its length said
 * ("AAAA…AAAA… (10,485,760 characters)").
 *
 * Returns: (transfer full): the text to show
 */
char *
lum_text_shown (const char *value)
{
  return shown_cut (value, TRUE);
}

/**
 * lum_text_check_in:
 * @field: what the message calls the field ("Customer name"), translated
 * @value: (nullable): the value, as given
 * @max: the most characters allowed
 * @domain: the error domain of the caller, so that a form finds the row
 * @code: the error code in @domain, or -1 for the #LumTextError code
 *
 * The one check of a text field, for the window, lumenctl and imports:
 * valid UTF-8; in a one-line field no control character nor line break,
 * in a multi-line one only line breaks and tabs; at most @max characters.
 * The message names the field, the value (cut), and the position of the
 * character, or the limit and the length.
 */
gboolean
lum_text_check_in (const char    *field,
                   const char    *value,
                   LumTextFlags   flags,
                   glong          max,
                   GQuark         domain,
                   int            code,
                   GError       **error)
{
  const char *p = value ? value : "";
  glong position = 0;

  while (*p != '\0')
    {
      const char *start = p;
      gunichar c = next_char (p, &p);

      position++;
      if (c == (gunichar)-1)
        {
          g_autofree char *shown = lum_text_shown (value);
          g_set_error (error, domain, code < 0 ? LUM_TEXT_ERROR_ENCODING : code,
                       _("%s “%s” is not valid UTF-8 text: byte 0x%02X at position %ld"),
                       field, shown, (guchar)*start, position);
          return FALSE;
        }
      if (lum_text_is_control (c) &&
          !((flags & LUM_TEXT_MULTI_LINE) && (c == '\n' || c == '\t')))
        {
          g_autofree char *shown = lum_text_shown (value);
          g_set_error (error, domain, code < 0 ? LUM_TEXT_ERROR_CONTROL : code,
                       _("%s “%s” has a control character (U+%04X) at position %ld"),
                       field, shown, c, position);
          return FALSE;
        }
    }

  if (position > max)
    {
      /* the message says the length itself */
      g_autofree char *shown = shown_cut (value, FALSE);
      g_autofree char *length = format_count (position);
      g_set_error (error, domain, code < 0 ? LUM_TEXT_ERROR_LENGTH : code,
                   _("%s “%s” is %s characters long; at most %ld are allowed"),
                   field, shown, length, max);
      return FALSE;
    }
  return TRUE;
}

/* lum_text_check_in() with the errors of %LUM_TEXT_ERROR, whose codes say
 * which check refused the value. */
gboolean
lum_text_check (const char    *field,
                const char    *value,
                LumTextFlags   flags,
                glong          max,
                GError       **error)
{
  return lum_text_check_in (field, value, flags, max, LUM_TEXT_ERROR, -1, error);
}

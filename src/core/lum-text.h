/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How many characters of a value an error message or a preview shows. */
#define LUM_TEXT_SHOWN_MAX        40

/* The longest value of each kind of text field, in characters. */
#define LUM_TEXT_NAME_MAX         120
#define LUM_TEXT_ADDRESS_MAX      200
#define LUM_TEXT_EMAIL_MAX        254
#define LUM_TEXT_PHONE_MAX        40
#define LUM_TEXT_CODE_MAX         100   /* PO number, carrier, service, tracking number, shipping type */
#define LUM_TEXT_DESCRIPTION_MAX  1000
#define LUM_TEXT_NOTES_MAX        2000

/**
 * LumTextFlags:
 * @LUM_TEXT_ONE_LINE: a name, a code, an address line: no control character
 * @LUM_TEXT_MULTI_LINE: notes, a description: line breaks and tabs, but no
 *   other control character
 */
typedef enum
{
  LUM_TEXT_ONE_LINE   = 0,
  LUM_TEXT_MULTI_LINE = 1 << 0,
} LumTextFlags;

/**
 * LumTextError:
 * @LUM_TEXT_ERROR_ENCODING: not valid UTF-8
 * @LUM_TEXT_ERROR_CONTROL: a control character where none is allowed
 * @LUM_TEXT_ERROR_LENGTH: longer than the field's limit
 */
typedef enum
{
  LUM_TEXT_ERROR_ENCODING,
  LUM_TEXT_ERROR_CONTROL,
  LUM_TEXT_ERROR_LENGTH,
} LumTextError;

#define LUM_TEXT_ERROR (lum_text_error_quark ())
GQuark    lum_text_error_quark    (void);

gboolean  lum_text_check          (const char    *field,
                                   const char    *value,
                                   LumTextFlags   flags,
                                   glong          max,
                                   GError       **error);
gboolean  lum_text_check_in       (const char    *field,
                                   const char    *value,
                                   LumTextFlags   flags,
                                   glong          max,
                                   GQuark         domain,
                                   int            code,
                                   GError       **error);
char     *lum_text_shown          (const char    *value);
char     *lum_text_escape         (const char    *text,
                                   LumTextFlags   flags);
gboolean  lum_text_is_control     (gunichar       c);

G_END_DECLS

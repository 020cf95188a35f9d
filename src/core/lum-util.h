/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

gboolean  lum_set_str            (char       **field,
                                  const char  *value);
gboolean  lum_set_strv           (char      ***field,
                                  const char * const *value);
char     *lum_name_key           (const char  *name);
char     *lum_strip_dup          (const char  *text);
gboolean  lum_str_empty          (const char  *text);
gboolean  lum_host_is_loopback   (const char  *host);

char     *lum_prefix_upper_bound (const char  *prefix);

char      lum_money_decimal_mark (void);
char     *lum_money_example      (void);
gboolean  lum_money_parse_with_mark (const char *text,
                                     char        decimal_mark,
                                     gint64     *cents);
gboolean  lum_money_parse        (const char  *text,
                                  gint64      *cents);
char     *lum_money_format       (gint64       cents);
gboolean  lum_date_valid         (const char  *text);
char     *lum_date_add_days      (const char  *date,
                                  int          days);

char     *lum_time_format        (gint64       unix_usec);
gboolean  lum_time_parse         (const char  *text,
                                  gint64      *unix_usec);
char     *lum_time_format_local  (const char  *text);
char     *lum_time_format_in_text (const char *text);

const char *lum_enum_to_nick     (GType        enum_type,
                                  int          value);
gboolean  lum_enum_from_nick     (GType        enum_type,
                                  const char  *nick,
                                  int         *value);

G_END_DECLS

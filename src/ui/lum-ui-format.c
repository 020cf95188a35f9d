/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "lum-ui-format.h"
#include "lum-util.h"

static const char *badge_styles[] = { "neutral", "accent", "success", "warning", "error", "muted" };

/* Groups the digits of @n in threes with @separator: 1234567 → 1,234,567. */
static char *
group_digits (guint64     n,
              const char *separator)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, separator);
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

/**
 * lum_ui_format_money:
 *
 * 123456 → "$1,234.56", or "$1.234,56" where the locale writes a decimal
 * comma (lum_money_parse() reads both back). Lumen's channels sell in US
 * dollars, as their ShipStation stores and QuickBooks companies do.
 */
char *
lum_ui_format_money (gint64 cents)
{
  guint64 magnitude = cents < 0 ? (guint64)(-(cents + 1)) + 1 : (guint64)cents;
  char mark = lum_money_decimal_mark ();
  g_autofree char *whole = group_digits (magnitude / 100, mark == ',' ? "." : ",");

  return g_strdup_printf ("%s$%s%c%02u", cents < 0 ? "−" : "", whole, mark, (guint)(magnitude % 100));
}

/**
 * lum_ui_format_money_entry:
 *
 * 123456 → "1234.56" (or "1234,56"): an amount to edit in an entry.
 */
char *
lum_ui_format_money_entry (gint64 cents)
{
  g_autofree char *plain = lum_money_format (cents);

  if (lum_money_decimal_mark () == ',')
    g_strdelimit (plain, ".", ',');
  return g_steal_pointer (&plain);
}

char *
lum_ui_format_count (guint64 n)
{
  return group_digits (n, ",");
}

static GDateTime *
parse_local (const char *utc_text)
{
  g_autoptr(GDateTime) utc = NULL;
  gint64 usec;

  if (lum_str_empty (utc_text) || !lum_time_parse (utc_text, &usec))
    return NULL;
  utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  return utc != NULL ? g_date_time_to_local (utc) : NULL;
}

/* "2025-03-14T18:02:00Z" → "Mar 14, 2025" in local time; a plain date as is. */
char *
lum_ui_format_date (const char *utc_text)
{
  g_autoptr(GDateTime) local = NULL;

  if (lum_date_valid (utc_text))
    {
      int y, m, d;
      g_autoptr(GDateTime) date = NULL;

      if (sscanf (utc_text, "%4d-%2d-%2d", &y, &m, &d) == 3 &&
          (date = g_date_time_new_local (y, m, d, 0, 0, 0)) != NULL)
        /* Translators: a date, see g_date_time_format() */
        return g_date_time_format (date, _("%b %-d, %Y"));
    }
  local = parse_local (utc_text);
  if (local == NULL)
    return g_strdup (utc_text ? utc_text : "");
  return g_date_time_format (local, _("%b %-d, %Y"));
}

/* "2025-03-14T18:02:00Z" → "Mar 14, 2025, 14:02" in local time, as the
 * core and lumenctl write times too. */
char *
lum_ui_format_time (const char *utc_text)
{
  if (lum_str_empty (utc_text))
    return g_strdup ("");
  return lum_time_format_local (utc_text);
}

/* The ship-to of @doc on several lines, or on one separated by commas. */
char *
lum_ui_format_address (LumDocument *doc,
                       gboolean     one_line)
{
  const char *sep = one_line ? ", " : "\n";
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) place = g_string_new (NULL);
  const LumDocText lines[] = {
    LUM_DOC_SHIP_NAME, LUM_DOC_SHIP_COMPANY, LUM_DOC_SHIP_STREET1, LUM_DOC_SHIP_STREET2,
  };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      const char *text = lum_document_get_text (doc, lines[i]);

      if (lum_str_empty (text))
        continue;
      if (out->len > 0)
        g_string_append (out, sep);
      g_string_append (out, text);
    }

  /* City, ST 62701 */
  g_string_append (place, lum_document_get_text (doc, LUM_DOC_SHIP_CITY));
  if (!lum_str_empty (lum_document_get_text (doc, LUM_DOC_SHIP_STATE)))
    g_string_append_printf (place, "%s%s", place->len > 0 ? ", " : "",
                            lum_document_get_text (doc, LUM_DOC_SHIP_STATE));
  if (!lum_str_empty (lum_document_get_text (doc, LUM_DOC_SHIP_POSTAL_CODE)))
    g_string_append_printf (place, "%s%s", place->len > 0 ? " " : "",
                            lum_document_get_text (doc, LUM_DOC_SHIP_POSTAL_CODE));
  if (!lum_str_empty (lum_document_get_text (doc, LUM_DOC_SHIP_COUNTRY)))
    g_string_append_printf (place, "%s%s", place->len > 0 ? " " : "",
                            lum_document_get_text (doc, LUM_DOC_SHIP_COUNTRY));
  if (place->len > 0)
    g_string_append_printf (out, "%s%s", out->len > 0 ? sep : "", place->str);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

const char *
lum_ui_status_label (const char *status)
{
  if (g_strcmp0 (status, LUM_STATUS_DRAFT) == 0)
    return _("Draft");
  if (g_strcmp0 (status, LUM_STATUS_POSTED) == 0)
    return _("Posted");
  if (g_strcmp0 (status, LUM_STATUS_CANCELLED) == 0)
    return _("Cancelled");
  if (g_strcmp0 (status, LUM_STATUS_VOID) == 0)
    return _("Void");
  return status;
}

/* Push status of orders, and the accounting status of invoices. */
const char *
lum_ui_push_label (const char *push_status)
{
  if (lum_str_empty (push_status) || g_strcmp0 (push_status, LUM_PUSH_NOT_PUSHED) == 0)
    return _("Not Pushed");
  if (g_strcmp0 (push_status, LUM_PUSH_SCHEDULED) == 0)
    return _("Scheduled");
  if (g_strcmp0 (push_status, LUM_PUSH_PUSHED) == 0)
    return _("Pushed");
  if (g_strcmp0 (push_status, LUM_PUSH_FAILED) == 0)
    return _("Failed");
  return push_status;
}

const char *
lum_ui_fulfillment_label (const char *status)
{
  if (lum_str_empty (status) || g_strcmp0 (status, LUM_FULFILLMENT_UNFULFILLED) == 0)
    return _("Unfulfilled");
  if (g_strcmp0 (status, LUM_FULFILLMENT_PARTIAL) == 0)
    return _("Partially Fulfilled");
  if (g_strcmp0 (status, LUM_FULFILLMENT_FULFILLED) == 0)
    return _("Fulfilled");
  return status;
}

const char *
lum_ui_actor_label (const char *actor)
{
  if (g_strcmp0 (actor, "user") == 0)
    return _("You");
  if (g_strcmp0 (actor, "sync") == 0)
    return _("Sync");
  if (g_strcmp0 (actor, "system") == 0)
    return _("Lumen");
  return actor;
}

/* Who did it, for a timeline: the person by name ("by Ana") when a person
 * did it and the name is known, else "You", "Sync" or "Lumen". */
char *
lum_ui_dup_actor_text (const char *actor,
                       const char *actor_name)
{
  if (g_strcmp0 (actor, "user") == 0 && !lum_str_empty (actor_name))
    /* Translators: who did something on a timeline, e.g. “by Ana” */
    return g_strdup_printf (_("by %s"), actor_name);
  return g_strdup (lum_ui_actor_label (actor));
}

const char *
lum_ui_job_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "push-sales-order") == 0)
    return _("Push Sales Order");
  if (g_strcmp0 (kind, "cancel-sales-order") == 0)
    return _("Cancel Sales Order");
  if (g_strcmp0 (kind, "push-invoice") == 0)
    return _("Push Invoice");
  return kind;
}

const char *
lum_ui_job_state_label (const char *state)
{
  if (g_strcmp0 (state, "scheduled") == 0)
    return _("Scheduled");
  /* the same words as Activity's: a finished job is "Sent" everywhere */
  if (g_strcmp0 (state, "running") == 0)
    return _("Sending");
  if (g_strcmp0 (state, "done") == 0)
    return _("Sent");
  if (g_strcmp0 (state, "failed") == 0)
    return _("Failed");
  if (g_strcmp0 (state, "cancelled") == 0)
    return _("Cancelled");
  return state;
}

/* The badge colour of any status Lumen stores: documents, pushes, jobs. */
const char *
lum_ui_status_style (const char *status)
{
  static const struct { const char *status; const char *style; } styles[] = {
    { LUM_STATUS_POSTED, "success" },
    { LUM_STATUS_CANCELLED, "muted" },
    { LUM_STATUS_VOID, "muted" },
    { LUM_PUSH_SCHEDULED, "accent" },
    { LUM_PUSH_PUSHED, "success" },
    { LUM_PUSH_FAILED, "error" },
    { LUM_FULFILLMENT_PARTIAL, "warning" },
    { LUM_FULFILLMENT_FULFILLED, "success" },
    { "running", "warning" },
    { "done", "success" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    if (g_strcmp0 (styles[i].status, status) == 0)
      return styles[i].style;
  return "neutral";
}

GtkWidget *
lum_ui_badge_new (void)
{
  GtkWidget *badge = gtk_label_new (NULL);

  gtk_widget_add_css_class (badge, "lum-badge");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (badge, GTK_ALIGN_START);
  return badge;
}

void
lum_ui_badge_set (GtkWidget  *badge,
                  const char *label,
                  const char *style)
{
  gtk_label_set_text (GTK_LABEL (badge), label ? label : "");
  for (guint i = 0; i < G_N_ELEMENTS (badge_styles); i++)
    if (g_strcmp0 (badge_styles[i], style) != 0)
      gtk_widget_remove_css_class (badge, badge_styles[i]);
  if (style != NULL)
    gtk_widget_add_css_class (badge, style);
}

void
lum_ui_badge_set_status (GtkWidget   *badge,
                         const char  *status,
                         const char *(*label_func) (const char *))
{
  lum_ui_badge_set (badge, label_func (status), lum_ui_status_style (status));
}

/* A whole number from 1 to LUM_LINE_MAX_QUANTITY, digits only. */
gboolean
lum_ui_parse_quantity (const char *text,
                       gint64     *quantity)
{
  g_autofree char *stripped = lum_strip_dup (text);
  guint64 value;

  if (*stripped == '\0' || !g_ascii_string_to_unsigned (stripped, 10, 1, LUM_LINE_MAX_QUANTITY, &value, NULL))
    return FALSE;
  *quantity = (gint64)value;
  return TRUE;
}

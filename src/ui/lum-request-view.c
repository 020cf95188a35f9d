/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "lum-field-catalog.h"
#include "lum-request-view.h"

/*
 * The exact body of a request, monospace, with the lines that carry the
 * channel's mapped fields in bold and a button that copies it: under the
 * push step of the channel test, and under "Sent to …" of an order or an
 * invoice.
 */

/* The JSON keys that the mapped paths set: "routingInfo.mode" → "mode",
 * "savedElements[name=GiftMessage]" → "GiftMessage". */
static char *
mapped_key (const char *path)
{
  const char *name = strstr (path, "[name=");
  const char *dot;

  if (name != NULL)
    {
      const char *end = strchr (name, ']');
      return end ? g_strndup (name + 6, end - name - 6) : g_strdup (name + 6);
    }
  dot = strrchr (path, '.');
  {
    g_autofree char *last = g_strdup (dot ? dot + 1 : path);
    char *bracket = strchr (last, '[');

    if (bracket != NULL)
      *bracket = '\0';
    return g_steal_pointer (&last);
  }
}

/* "shippingNotes = "Fragile" (shipping_notes)" → path, value, field */
static gboolean
parse_mapped_line (const char  *line,
                   char       **path,
                   char       **value,
                   char       **field)
{
  const char *eq = strstr (line, " = ");
  const char *open = g_strrstr (line, " (");
  gsize len = strlen (line);

  if (eq == NULL || open == NULL || open < eq || len == 0 || line[len - 1] != ')')
    return FALSE;
  *path = g_strndup (line, eq - line);
  *value = g_strndup (eq + 3, open - eq - 3);
  *field = g_strndup (open + 2, line + len - 1 - open - 2);
  return TRUE;
}

static void
highlight_mapped (GtkTextBuffer *buffer,
                  const char    *mapped)
{
  g_auto(GStrv) lines = g_strsplit (mapped ? mapped : "", "\n", -1);
  GtkTextTag *tag = gtk_text_buffer_create_tag (buffer, "mapped",
                                                "weight", PANGO_WEIGHT_BOLD,
                                                NULL);
  int n_lines = gtk_text_buffer_get_line_count (buffer);

  gtk_widget_add_css_class (GTK_WIDGET (g_object_get_data (G_OBJECT (buffer), "lum-view")), "lum-request");
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *path = NULL, *value = NULL, *field = NULL;
      g_autofree char *key = NULL;
      g_autofree char *quoted = NULL;

      if (!parse_mapped_line (lines[i], &path, &value, &field))
        continue;
      key = mapped_key (path);
      quoted = g_strdup_printf ("\"%s\"", key);
      for (int l = 0; l < n_lines; l++)
        {
          GtkTextIter start, end;
          g_autofree char *text = NULL;

          gtk_text_buffer_get_iter_at_line (buffer, &start, l);
          end = start;
          if (!gtk_text_iter_ends_line (&end))
            gtk_text_iter_forward_to_line_end (&end);
          text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
          if (strstr (text, quoted) == NULL)
            continue;
          while (!gtk_text_iter_equal (&start, &end) && g_unichar_isspace (gtk_text_iter_get_char (&start)))
            gtk_text_iter_forward_char (&start);
          gtk_text_buffer_apply_tag (buffer, tag, &start, &end);
        }
    }
}

/* One mapped field: its path, and its value with the Lumen field it came
 * from. */
GtkWidget *
lum_request_view_mapped_row_new (const char *line)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *path = NULL, *value = NULL, *field = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  if (parse_mapped_line (line, &path, &value, &field))
    {
      const LumFieldInfo *info = lum_field_catalog_lookup (field);
      g_autofree char *subtitle = g_strdup_printf ("%s ← %s", value, info ? _(info->label) : field);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), path);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), line);
    }
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "lum-mapped-row");
  return row;
}

static void
on_copy_request_cb (GtkButton *button,
                    GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (view), text);
}

guint
lum_request_view_count_mapped (const char *mapped)
{
  g_auto(GStrv) lines = g_strsplit (mapped ? mapped : "", "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    n += *lines[i] != '\0';
  return n;
}

/**
 * lum_request_view_new:
 * @heading: what the body is ("Request Body")
 * @copy_label: the copy button's name for assistive technologies
 * @body: (nullable): the text, shown as it is
 * @mapped: (nullable): the mapped fields, one
 *   `path = value (field)` a line (lum_field_mappings_describe())
 *
 * Returns: (transfer floating): a box with the heading, the copy button
 *   and the body; the text view is named "request-body"
 */
GtkWidget *
lum_request_view_new (const char *heading,
                      const char *copy_label,
                      const char *body,
                      const char *mapped)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (heading);
  GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (copy, "flat");
  gtk_widget_set_tooltip_text (copy, copy_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, copy_label,
                                  -1);
  g_signal_connect (copy, "clicked", G_CALLBACK (on_copy_request_cb), view);
  gtk_box_append (GTK_BOX (header), label);
  gtk_box_append (GTK_BOX (header), copy);

  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_NONE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, heading,
                                  -1);
  gtk_text_buffer_set_text (buffer, body ? body : "", -1);
  g_object_set_data (G_OBJECT (buffer), "lum-view", view);
  highlight_mapped (buffer, mapped);
  gtk_widget_set_name (view, "request-body");

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  /* the text view measures its lines late: without this a long body first
   * shows in a slit of two lines */
  {
    int n_lines = gtk_text_buffer_get_line_count (buffer);
    gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), MIN (360, 16 + 18 * n_lines));
  }
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_widget_add_css_class (scrolled, "card");

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), scrolled);
  return box;
}

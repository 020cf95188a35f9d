/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include "lum-ui-util.h"

/**
 * lum_ui_name_buttons_by_label:
 *
 * GTK 4.8 names a button with a text label twice over AT-SPI: its label
 * property (mnemonic underscore included) and then the label widget it is
 * labelled by ("_Save Save"). Dropping the first leaves the visible label
 * as the name, so screen readers and AT-SPI tests find “Save”.
 */
void
lum_ui_name_buttons_by_label (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) != NULL)
        gtk_accessible_reset_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL);
      lum_ui_name_buttons_by_label (child);
    }
}

/**
 * lum_ui_toast_new:
 * @text: plain text, which may quote anything a user typed
 *
 * A toast's title is Pango markup: a name such as “Bolt & Nut” would be
 * lost, with a warning. Every toast is made here, from plain text.
 */
AdwToast *
lum_ui_toast_new (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return adw_toast_new (escaped);
}

AdwToast *
lum_ui_toast_new_printf (const char *format,
                         ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  return lum_ui_toast_new (text);
}

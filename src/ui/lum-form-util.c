/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "lum-form-util.h"
#include "lum-ui-util.h"

#define MESSAGE_ROW_KEY "lum-error-message-row"

void
lum_form_clear_row_error (GtkWidget *row)
{
  GtkWidget *message_row;

  if (row == NULL)
    return;
  gtk_widget_remove_css_class (row, "error");
  lum_ui_set_error_message (row, NULL);
  message_row = g_object_get_data (G_OBJECT (row), MESSAGE_ROW_KEY);
  if (message_row != NULL)
    {
      GtkWidget *list = gtk_widget_get_parent (message_row);

      if (GTK_IS_LIST_BOX (list))
        gtk_list_box_remove (GTK_LIST_BOX (list), message_row);
      g_object_set_data (G_OBJECT (row), MESSAGE_ROW_KEY, NULL);
    }
}

/**
 * lum_form_set_row_error:
 * @row: a row of a boxed list
 * @message: (nullable): why its value was refused; %NULL clears
 */
void
lum_form_set_row_error (GtkWidget  *row,
                        const char *message)
{
  GtkWidget *list;
  GtkWidget *message_row;

  lum_form_clear_row_error (row);
  if (message == NULL)
    return;

  gtk_widget_add_css_class (row, "error");
  list = gtk_widget_get_parent (row);
  if (!GTK_IS_LIST_BOX (list) || !GTK_IS_LIST_BOX_ROW (row))
    return;

  message_row = adw_action_row_new ();
  /* the text is the user's or a service's, not markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (message_row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (message_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (message_row), message);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (message_row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (message_row), gtk_image_new_from_icon_name ("dialog-error-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (message_row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (message_row), FALSE);
  gtk_widget_set_focusable (message_row, FALSE);
  gtk_widget_add_css_class (message_row, "error");
  gtk_widget_add_css_class (message_row, "lum-error-message");
  gtk_list_box_insert (GTK_LIST_BOX (list), message_row,
                       gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) + 1);
  g_object_set_data (G_OBJECT (row), MESSAGE_ROW_KEY, message_row);
  lum_ui_set_error_message (row, message_row);
}

/* Brings @widget into the middle of its scrolled window when out of sight. */
void
lum_form_scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content;
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double value, page;

  if (scrolled == NULL)
    return;
  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  if (GTK_IS_VIEWPORT (content))
    content = gtk_viewport_get_child (GTK_VIEWPORT (content));
  if (content == NULL || !gtk_widget_compute_bounds (widget, content, &bounds))
    return;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  if (bounds.origin.y < value || bounds.origin.y + bounds.size.height > value + page)
    gtk_adjustment_set_value (adjustment, bounds.origin.y - (page - bounds.size.height) / 2);
}

void
lum_form_toast_error (AdwToastOverlay *overlay,
                      const GError    *error)
{
  AdwToast *toast = lum_ui_toast_new (error->message);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (overlay, toast);
}

static void
destroy_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  g_object_unref (data);
}

/* Closes @window once the main loop is idle: from a dialog's response, the
 * dialog must go before the window it is transient for. */
void
lum_form_destroy_later (GtkWindow *window)
{
  g_idle_add_once (destroy_cb, g_object_ref (window));
}

/* The list row that holds @widget, or @widget when it is one. */
GtkWidget *
lum_form_row_of (GtkWidget *widget)
{
  return GTK_IS_LIST_BOX_ROW (widget) ? widget : gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);
}

/**
 * lum_form_discard_dialog_new:
 * @body: what would be lost, in a sentence
 *
 * The question an editor asks before closing with unsaved changes: its
 * responses are "cancel" (the default, also on Escape) and "discard". The
 * caller connects to "response" and presents it.
 *
 * Returns: (transfer none): the dialog, transient for @editor
 */
/**
 * lum_form_changed_dialog_new:
 * @error: a %LUM_STORE_ERROR_CHANGED refusal, which says who changed the
 *   record and when
 *
 * What an editor shows when its save was refused because someone else
 * saved the record meanwhile. The editor keeps the clerk's changes; the
 * responses are "cancel" (keep editing), "reload" (discard them and load
 * the record as saved) and "save-anyway" (save them over the other save).
 */
GtkWidget *
lum_form_changed_dialog_new (GtkWindow    *editor,
                             const GError *error)
{
  g_autofree char *body = g_strdup_printf (_("%s.\n\nYour changes are still in the editor. Reload to see the "
                                             "saved version instead (your changes are lost), or save yours "
                                             "over it."), error->message);
  GtkWidget *dialog = adw_message_dialog_new (editor, _("Changed by Someone Else"), body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Editing"),
                                    "reload", _("_Reload"),
                                    "save-anyway", _("_Save Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save-anyway", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  lum_ui_name_buttons_by_label (dialog);
  return dialog;
}

GtkWidget *
lum_form_discard_dialog_new (GtkWindow  *editor,
                             const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (editor, _("Discard Changes?"), body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  lum_ui_name_buttons_by_label (dialog);
  return dialog;
}

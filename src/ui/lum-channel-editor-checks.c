/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include "lum-channel-editor-private.h"
#include "flow/lum-channel-rules.h"
#include "lum-mapping-row.h"
#include "lum-ui-util.h"
#include "lum-engine-setup.h"

/* -- errors --------------------------------------------------------------- */

void
clear_row_error (LumChannelEditor *self,
                 GtkWidget        *row)
{
  GtkWidget *message_row;

  if (row == NULL || !gtk_widget_has_css_class (row, "error"))
    return;

  gtk_widget_remove_css_class (row, "error");
  lum_ui_set_error_message (row, NULL);
  message_row = g_hash_table_lookup (self->message_rows, row);
  if (message_row != NULL)
    {
      gtk_list_box_remove (GTK_LIST_BOX (gtk_widget_get_parent (message_row)), message_row);
      g_hash_table_remove (self->message_rows, row);
    }
}

void
clear_errors (LumChannelEditor *self)
{
  g_autoptr(GList) rows = g_hash_table_get_keys (self->message_rows);

  for (GList *l = rows; l != NULL; l = l->next)
    clear_row_error (self, l->data);
  lum_mapping_list_clear_errors (self->mappings);
}

/* Marks @row and puts @message in a row right below it, in the same list. */
static void
set_row_error (LumChannelEditor *self,
               GtkWidget        *row,
               const char       *message)
{
  GtkWidget *list = gtk_widget_get_parent (row);
  GtkWidget *message_row;
  GtkWidget *icon;

  clear_row_error (self, row);
  gtk_widget_add_css_class (row, "error");
  if (!GTK_IS_LIST_BOX (list))
    return;

  message_row = adw_action_row_new ();
  /* the text is the user's or a service's, not markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (message_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (message_row), message);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (message_row), 0);
  icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
  adw_action_row_add_prefix (ADW_ACTION_ROW (message_row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (message_row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (message_row), FALSE);
  gtk_widget_set_focusable (message_row, FALSE);
  gtk_widget_add_css_class (message_row, "error");
  gtk_widget_add_css_class (message_row, "lum-error-message");
  gtk_list_box_insert (GTK_LIST_BOX (list), message_row,
                       gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) + 1);
  g_hash_table_insert (self->message_rows, row, message_row);
  lum_ui_set_error_message (row, message_row);
}

static GtkWidget *
row_for_error (LumChannelEditor *self,
               const GError     *error)
{
  if (error->domain != LUM_CHANNEL_ERROR)
    return NULL;

  switch ((LumChannelError)error->code)
    {
    case LUM_CHANNEL_ERROR_NAME:
      return GTK_WIDGET (self->name_row);
    case LUM_CHANNEL_ERROR_WAREHOUSE_GROUP:
      return GTK_WIDGET (self->group_row);
    case LUM_CHANNEL_ERROR_TAGS:
      return GTK_WIDGET (self->tags_row);
    case LUM_CHANNEL_ERROR_OMS_INTEGRATION:
      return GTK_WIDGET (self->oms_row);
    case LUM_CHANNEL_ERROR_OMS_STORE:
      return gtk_widget_get_visible (GTK_WIDGET (self->store_id_row))
             ? GTK_WIDGET (self->store_id_row) : GTK_WIDGET (self->store_row);
    case LUM_CHANNEL_ERROR_PUSH_DELAY:
      return GTK_WIDGET (self->delay_row);
    case LUM_CHANNEL_ERROR_FULFILLMENT_UPDATES:
      return GTK_WIDGET (self->fulfillment_row);
    case LUM_CHANNEL_ERROR_FIELD_MAPPING:
      {
        guint n = g_list_model_get_n_items (lum_channel_get_mappings (self->channel));
        gint64 oms_id = lum_channel_get_oms_integration_id (self->channel);
        g_autoptr(LumIntegration) oms = oms_id != 0 ? lum_engine_get_integration (self->engine, oms_id, NULL) : NULL;

        /* The rules stop at the first refused row; find it the same way. */
        for (guint i = 0; i < n; i++)
          if (!lum_channel_check_mapping (self->channel, i, oms, NULL))
            return GTK_WIDGET (gtk_list_box_get_row_at_index (self->mapping_list, i));
        return GTK_WIDGET (self->mapping_list);
      }
    case LUM_CHANNEL_ERROR_ORDER_FLOW:
      return GTK_WIDGET (self->flow_row);
    case LUM_CHANNEL_ERROR_WHEN_SHORT:
      return GTK_WIDGET (self->when_short_row);
    case LUM_CHANNEL_ERROR_INVOICE_TYPE:
      return GTK_WIDGET (self->invoice_type_row);
    case LUM_CHANNEL_ERROR_INVOICE_TIMING:
      return GTK_WIDGET (self->timing_row);
    case LUM_CHANNEL_ERROR_ACCOUNTING:
      return GTK_WIDGET (self->accounting_row);
    case LUM_CHANNEL_ERROR_DESCRIPTION:
      return GTK_WIDGET (self->description_row);
    default:
      return NULL;
    }
}

/* Brings @widget into the middle of the page when it is out of sight. */
static void
scroll_to (LumChannelEditor *self,
           GtkWidget        *widget)
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

/* Marks the row of @error with its message; %NULL when no row shows it
 * (a database error). */
static GtkWidget *
mark_error (LumChannelEditor *self,
            const GError     *error)
{
  GtkWidget *row = row_for_error (self, error);

  if (row == NULL)
    return NULL;
  if (LUM_IS_MAPPING_ROW (row))
    lum_mapping_row_set_error (LUM_MAPPING_ROW (row), error->message);
  /* one message a row: the first refusal of a field says it */
  else if (!gtk_widget_has_css_class (row, "error"))
    set_row_error (self, row, error->message);
  return row;
}

static double
row_top (LumChannelEditor *self,
         GtkWidget        *row)
{
  graphene_point_t point = GRAPHENE_POINT_INIT (0, 0);
  graphene_point_t top;

  return gtk_widget_compute_point (row, GTK_WIDGET (self), &point, &top) ? top.y : G_MAXDOUBLE;
}

/* Every refused value at once, each under its row, the keyboard on the
 * topmost; a toast only for what no row shows, so nothing is said twice. */
void
show_errors (LumChannelEditor *self,
             GPtrArray        *errors)
{
  GtkWidget *first = NULL;

  for (guint i = 0; i < errors->len; i++)
    {
      const GError *error = g_ptr_array_index (errors, i);
      GtkWidget *row = mark_error (self, error);

      if (row == NULL)
        {
          AdwToast *toast = lum_ui_toast_new (error->message);

          adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
          adw_toast_overlay_add_toast (self->toast_overlay, toast);
        }
      else if (first == NULL || row_top (self, row) < row_top (self, first))
        first = row;
    }
  if (first == NULL)
    return;
  scroll_to (self, first);
  if (LUM_IS_MAPPING_ROW (first))
    lum_mapping_row_focus_remote_field (LUM_MAPPING_ROW (first));
  else if (first == GTK_WIDGET (self->delay_row))
    gtk_widget_grab_focus (GTK_WIDGET (self->delay_entry));
  else
    gtk_widget_grab_focus (first);
}

void
show_error (LumChannelEditor *self,
            const GError     *error)
{
  g_autoptr(GPtrArray) errors = g_ptr_array_new ();

  g_ptr_array_add (errors, (gpointer)error);
  show_errors (self, errors);
}

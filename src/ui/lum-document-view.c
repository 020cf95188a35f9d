/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "lum-document-editor.h"
#include "lum-conflict-group.h"
#include "lum-document-view-private.h"
#include "lum-sent-section.h"
#include "lum-form-util.h"
#include "lum-ship-dialog.h"
#include "lum-ui-format.h"
#include "lum-ui-util.h"
#include "lum-util.h"
#include "lum-window.h"
#include "model/lum-channel.h"

G_DEFINE_FINAL_TYPE (LumDocumentView, lum_document_view, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_ENGINE,
  PROP_KIND,
  PROP_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define DOC_KIND_KEY "lum-document-kind"
#define DOC_ID_KEY   "lum-document-id"

static void
show_toast (LumDocumentView *self,
            const char      *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, lum_ui_toast_new (message));
}

/* -- rows ----------------------------------------------------------------- */

/* A row that opens another document. */
static GtkWidget *
add_link_row (GtkListBox      *list,
              const char      *title,
              const char      *subtitle,
              LumDocumentKind  kind,
              gint64           id)
{
  GtkWidget *row = add_row (list, title, subtitle);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), DOC_KIND_KEY, GINT_TO_POINTER (kind));
  g_object_set_data_full (G_OBJECT (row), DOC_ID_KEY, g_memdup2 (&id, sizeof id), g_free);
  return row;
}

/* A field and its value, the value at the end of the row as in About. */
static GtkWidget *
create_detail_row (const char *title,
                   const char *value)
{
  g_auto(GStrv) lines = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label;
  glong width = 0;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  label = gtk_label_new (value);
  /* As wide as its longest line, up to a point: short values stay whole. */
  lines = g_strsplit (value, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    width = MAX (width, g_utf8_strlen (lines[i], -1));
  gtk_label_set_width_chars (GTK_LABEL (label), (int)MIN (width, 36));
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  gtk_widget_set_margin_top (label, 8);
  gtk_widget_set_margin_bottom (label, 8);
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, value, -1);
  return row;
}

static GtkWidget *
add_detail (GtkListBox *list,
            const char *title,
            const char *value)
{
  GtkWidget *row;

  if (lum_str_empty (value))
    return NULL;
  row = create_detail_row (title, value);
  gtk_list_box_append (list, row);
  return row;
}

/* -- sections ------------------------------------------------------------- */

static void
build_header (LumDocumentView *self)
{
  g_autofree char *total = lum_ui_format_money (lum_document_get_total_cents (self->document));
  g_autoptr(GString) summary = g_string_new (NULL);
  GtkWidget *child;
  const char *posted = text (self, LUM_DOC_POSTED_AT);
  g_autofree char *when = NULL;

  adw_window_title_set_title (self->window_title, lum_document_get_number (self->document));
  adw_window_title_set_subtitle (self->window_title, text (self, LUM_DOC_CUSTOMER_NAME));
  gtk_window_set_title (GTK_WINDOW (self), lum_document_get_number (self->document));
  gtk_label_set_text (self->number_label, lum_document_get_number (self->document));
  gtk_label_set_text (self->total_label, total);

  while ((child = gtk_widget_get_first_child (self->badge_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->badge_box), child);
  gtk_box_append (GTK_BOX (self->badge_box), badge_for (lum_document_get_status (self->document), lum_ui_status_label));
  if (is_order (self))
    {
      gtk_box_append (GTK_BOX (self->badge_box), badge_for (text (self, LUM_DOC_PUSH_STATUS), lum_ui_push_label));
      gtk_box_append (GTK_BOX (self->badge_box),
                      badge_for (text (self, LUM_DOC_FULFILLMENT_STATUS), lum_ui_fulfillment_label));
    }
  else
    {
      gtk_box_append (GTK_BOX (self->badge_box), badge_for (text (self, LUM_DOC_ACCOUNTING_STATUS), lum_ui_push_label));
    }
  /* For tests and screen readers: the badges in order. */
  for (child = gtk_widget_get_first_child (self->badge_box); child; child = gtk_widget_get_next_sibling (child))
    gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    gtk_label_get_text (GTK_LABEL (child)), -1);

  g_string_append (summary, text (self, LUM_DOC_CHANNEL_NAME));
  g_string_append_printf (summary, " · %s", text (self, LUM_DOC_CUSTOMER_NAME));
  if (!lum_str_empty (posted))
    {
      when = lum_ui_format_time (posted);
      /* Translators: %s is a date and time */
      g_string_append_printf (summary, " · %s", _("posted"));
      g_string_append_printf (summary, " %s", when);
    }
  else
    {
      when = lum_ui_format_time (text (self, LUM_DOC_CREATED_AT));
      g_string_append_printf (summary, " · %s %s", _("created"), when);
    }
  gtk_label_set_text (self->summary_label, summary->str);
}

static void
build_details (LumDocumentView *self)
{
  g_autofree char *address = lum_ui_format_address (self->document, FALSE);
  g_autofree char *ship_date = lum_ui_format_date (text (self, LUM_DOC_REQUESTED_SHIP_DATE));
  g_autofree char *issued = lum_ui_format_date (text (self, LUM_DOC_ISSUE_DATE));
  g_autofree char *due = lum_ui_format_date (text (self, LUM_DOC_DUE_DATE));

  clear_list (self->details_list);
  add_detail (self->details_list, _("Channel"), text (self, LUM_DOC_CHANNEL_NAME));
  add_detail (self->details_list, _("Customer"), text (self, LUM_DOC_CUSTOMER_NAME));
  if (!is_order (self))
    {
      add_detail (self->details_list, _("Invoice Type"), text (self, LUM_DOC_INVOICE_TYPE_NAME));
      add_detail (self->details_list, _("Issued"), issued);
      add_detail (self->details_list, _("Due"), due);
    }
  add_detail (self->details_list, _("PO Number"), text (self, LUM_DOC_PO_NUMBER));
  add_detail (self->details_list, _("Requested Ship Date"), ship_date);
  add_detail (self->details_list, _("Ship To"), address);
  add_detail (self->details_list, _("Shipping Type or Service"), text (self, LUM_DOC_SHIPPING_TYPE));
  add_detail (self->details_list, _("Shipping Notes"), text (self, LUM_DOC_SHIPPING_NOTES));
  add_detail (self->details_list, _("Customer Notes"), text (self, LUM_DOC_CUSTOMER_NOTES));
  add_detail (self->details_list, _("Internal Notes"), text (self, LUM_DOC_INTERNAL_NOTES));
  add_detail (self->details_list, _("Gift Message"), text (self, LUM_DOC_GIFT_MESSAGE));
  /* The UUID is for support and the OMS, not for the clerk: folded away. */
  if (!lum_str_empty (text (self, LUM_DOC_UUID)))
    {
      GtkWidget *more = adw_expander_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (more), _("Technical Details"));
      gtk_widget_set_name (more, "details-expander");
      adw_expander_row_add_row (ADW_EXPANDER_ROW (more), create_detail_row (_("UUID"), text (self, LUM_DOC_UUID)));
      gtk_list_box_append (self->details_list, more);
    }
}

static void
build_lines (LumDocumentView *self)
{
  GListModel *lines = lum_document_get_lines (self->document);
  g_autofree char *total = lum_ui_format_money (lum_document_get_total_cents (self->document));
  GtkWidget *row;
  GtkWidget *label;

  clear_list (self->lines_list);
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(LumDocLine) line = g_list_model_get_item (lines, i);
      g_autofree char *title = g_strdup_printf ("%s · %s", lum_doc_line_get_sku (line),
                                                lum_doc_line_get_description (line));
      g_autofree char *price = lum_ui_format_money (lum_doc_line_get_unit_price_cents (line));
      g_autofree char *subtitle = g_strdup_printf ("%" G_GINT64_FORMAT " × %s", lum_doc_line_get_quantity (line), price);
      g_autofree char *line_total = lum_ui_format_money (lum_doc_line_get_total_cents (line));

      row = add_row (self->lines_list, title, subtitle);
      label = gtk_label_new (line_total);
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }

  row = add_row (self->lines_list, _("Total"), NULL);
  label = gtk_label_new (total);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
}

static void
build_linked (LumDocumentView *self)
{
  g_autoptr(GError) error = NULL;

  clear_list (self->linked_list);
  if (!is_order (self))
    {
      gint64 order_id = lum_document_get_int (self->document, LUM_DOC_LINKED_ID);
      g_autoptr(LumDocument) order = NULL;

      adw_preferences_group_set_title (self->linked_group, _("Sales Order"));
      set_placeholder (self->linked_list, has_status (self, LUM_STATUS_DRAFT)
                                          ? _("Posting the invoice generates its sales order")
                                          : _("No sales order"));
      if (order_id == 0 || (order = lum_engine_get_document (self->engine, LUM_DOCUMENT_KIND_SALES_ORDER,
                                                             order_id, NULL)) == NULL)
        return;
      {
        g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s",
                                                     lum_ui_status_label (lum_document_get_status (order)),
                                                     lum_ui_push_label (lum_document_get_text (order, LUM_DOC_PUSH_STATUS)),
                                                     lum_ui_fulfillment_label (lum_document_get_text (order, LUM_DOC_FULFILLMENT_STATUS)));
        add_link_row (self->linked_list, lum_document_get_number (order), subtitle,
                      LUM_DOCUMENT_KIND_SALES_ORDER, order_id);
      }
      return;
    }

  {
    g_auto(GStrv) numbers = lum_engine_list_order_invoices (self->engine, self->id, &error);

    adw_preferences_group_set_title (self->linked_group, _("Invoices"));
    set_placeholder (self->linked_list, _("No invoices yet"));
    for (guint i = 0; numbers != NULL && numbers[i] != NULL; i++)
      {
        g_autoptr(LumDocument) invoice = lum_engine_find_document (self->engine, LUM_DOCUMENT_KIND_INVOICE,
                                                                   numbers[i], NULL);
        g_autofree char *total = NULL;
        g_autofree char *due = NULL;
        g_autofree char *subtitle = NULL;

        if (invoice == NULL)
          continue;
        total = lum_ui_format_money (lum_document_get_total_cents (invoice));
        due = lum_ui_format_date (lum_document_get_text (invoice, LUM_DOC_DUE_DATE));
        subtitle = g_strdup_printf (_("%s · %s · due %s · accounting: %s"),
                                    lum_ui_status_label (lum_document_get_status (invoice)), total, due,
                                    lum_ui_push_label (lum_document_get_text (invoice, LUM_DOC_ACCOUNTING_STATUS)));
        add_link_row (self->linked_list, numbers[i], subtitle, LUM_DOCUMENT_KIND_INVOICE,
                      lum_document_get_id (invoice));
      }
  }
}

static GtkWidget *
tracking_widget (LumShipment *shipment)
{
  const char *tracking = lum_shipment_get_text (shipment, LUM_SHIPMENT_TRACKING_NUMBER);
  g_autofree char *url = lum_shipment_dup_tracking_url (shipment);
  GtkWidget *widget;

  if (lum_str_empty (tracking))
    return NULL;
  if (url != NULL)
    {
      g_autofree char *tooltip = g_strdup_printf (_("Track at %s"), url);

      widget = gtk_link_button_new_with_label (url, tracking);
      gtk_widget_set_tooltip_text (widget, tooltip);
    }
  else
    {
      widget = gtk_label_new (tracking);
      gtk_label_set_selectable (GTK_LABEL (widget), TRUE);
    }
  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (widget, "numeric");
  return widget;
}

static void
build_shipments (LumDocumentView *self)
{
  g_autoptr(GListStore) shipments = NULL;
  g_autoptr(GError) error = NULL;

  clear_list (self->shipments_list);
  gtk_widget_set_visible (GTK_WIDGET (self->shipments_group), is_order (self));
  if (!is_order (self))
    return;

  set_placeholder (self->shipments_list, _("Nothing has shipped yet"));
  shipments = lum_engine_list_shipments (self->engine, self->id, &error);
  for (guint i = 0; shipments != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (shipments)); i++)
    {
      g_autoptr(LumShipment) shipment = g_list_model_get_item (G_LIST_MODEL (shipments), i);
      GListModel *lines = lum_shipment_get_lines (shipment);
      const char *service = lum_shipment_get_text (shipment, LUM_SHIPMENT_SERVICE);
      g_autofree char *title = NULL;
      g_autofree char *date = lum_ui_format_date (lum_shipment_get_text (shipment, LUM_SHIPMENT_SHIPPED_AT));
      g_autoptr(GString) subtitle = g_string_new (NULL);
      GtkWidget *row, *tracking;

      title = lum_str_empty (service)
              ? g_strdup (lum_shipment_get_text (shipment, LUM_SHIPMENT_CARRIER))
              : g_strdup_printf ("%s · %s", lum_shipment_get_text (shipment, LUM_SHIPMENT_CARRIER), service);
      /* Translators: %s is a date */
      g_string_append_printf (subtitle, _("Shipped %s"), date);
      for (guint l = 0; l < g_list_model_get_n_items (lines); l++)
        {
          g_autoptr(LumDocLine) line = g_list_model_get_item (lines, l);
          g_string_append_printf (subtitle, "%s%s × %" G_GINT64_FORMAT, l == 0 ? " · " : ", ",
                                  lum_doc_line_get_sku (line), lum_doc_line_get_quantity (line));
        }

      row = add_row (self->shipments_list, title, subtitle->str);
      if ((tracking = tracking_widget (shipment)) != NULL)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), tracking);
      if (lum_shipment_get_int (shipment, LUM_SHIPMENT_VOIDED))
        {
          GtkWidget *badge = lum_ui_badge_new ();

          lum_ui_badge_set (badge, _("Voided"), "muted");
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), badge);
          gtk_widget_add_css_class (row, "lum-voided");
        }
    }
}

/* -- state ---------------------------------------------------------------- */

static gboolean
is_editable (LumDocumentView *self)
{
  if (has_status (self, LUM_STATUS_DRAFT))
    return TRUE;
  /* A posted order changes while its push waits. */
  return is_order (self) && has_status (self, LUM_STATUS_POSTED) &&
         g_strcmp0 (text (self, LUM_DOC_PUSH_STATUS), LUM_PUSH_SCHEDULED) == 0;
}

static void
update_actions (LumDocumentView *self)
{
  gboolean loaded = self->document != NULL;
  gboolean order = is_order (self);
  gboolean posted = loaded && has_status (self, LUM_STATUS_POSTED);
  gboolean can_edit = loaded && is_editable (self);
  gboolean can_post = loaded && has_status (self, LUM_STATUS_DRAFT);
  gboolean can_push = loaded && order && posted && g_strcmp0 (text (self, LUM_DOC_PUSH_STATUS), LUM_PUSH_SCHEDULED) == 0;
  gboolean can_ship = loaded && order && posted &&
                      g_strcmp0 (text (self, LUM_DOC_FULFILLMENT_STATUS), LUM_FULFILLMENT_FULFILLED) != 0;
  gboolean can_cancel = loaded && order && !has_status (self, LUM_STATUS_CANCELLED) &&
                        g_strcmp0 (text (self, LUM_DOC_FULFILLMENT_STATUS), LUM_FULFILLMENT_UNFULFILLED) == 0;
  gboolean can_void = loaded && !order && !has_status (self, LUM_STATUS_VOID);
  gboolean has_linked = loaded && !order && lum_document_get_int (self->document, LUM_DOC_LINKED_ID) != 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.edit", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.post", can_post);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.push-now", can_push);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.ship", can_ship);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.cancel", can_cancel);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.void", can_void);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.open-linked", has_linked);

  /* The header shows what can be done now; the menu holds the rest. */
  gtk_widget_set_visible (self->edit_button, can_edit);
  gtk_widget_set_visible (self->post_button, can_post);
  gtk_widget_set_visible (self->ship_button, can_ship);
  gtk_widget_set_visible (self->push_button, can_push);
}

/* -- actions -------------------------------------------------------------- */

static void
on_editor_done_cb (LumDocumentView *self,
                   LumDocument     *doc)
{
  lum_document_view_reload (self);
  show_toast (self, has_status (self, LUM_STATUS_DRAFT) ? _("Draft saved") : _("Saved"));
}

static void
on_editor_posted_cb (LumDocumentView *self,
                     LumDocument     *doc)
{
  LumWindow *window = LUM_IS_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (self)))
                      ? LUM_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (self))) : NULL;

  lum_document_view_reload (self);
  if (window != NULL)
    lum_window_notify_posted (window, doc, GTK_WIDGET (self));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LumDocumentView *self = LUM_DOCUMENT_VIEW (widget);
  LumDocumentEditor *editor;

  lum_document_view_reload (self);
  if (self->document == NULL || !is_editable (self))
    return;
  editor = lum_document_editor_new (GTK_WINDOW (self), self->engine, self->document);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_done_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "posted", G_CALLBACK (on_editor_posted_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
post_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LumDocumentView *self = LUM_DOCUMENT_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (self->document == NULL)
    return;
  if (!lum_engine_post_document (self->engine, self->kind, self->id, &error))
    {
      lum_form_toast_error (self->toast_overlay, error);
      return;
    }
  on_editor_posted_cb (self, self->document);
}

static void
push_now_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LumDocumentView *self = LUM_DOCUMENT_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (!lum_engine_push_now (self->engine, self->id, &error))
    {
      lum_form_toast_error (self->toast_overlay, error);
      return;
    }
  lum_document_view_reload (self);
  show_toast (self, _("The push is due now and goes out with the next sync"));
}

static void
retry_job_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LumDocumentView *self = LUM_DOCUMENT_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (!lum_engine_retry_job (self->engine, g_variant_get_int64 (parameter), &error))
    {
      lum_form_toast_error (self->toast_overlay, error);
      return;
    }
  lum_document_view_reload (self);
  show_toast (self, _("Retry scheduled"));
}

static void
on_shipped_cb (LumDocumentView *self)
{
  lum_document_view_reload (self);
  show_toast (self, _("Shipment recorded"));
}

static void
ship_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LumDocumentView *self = LUM_DOCUMENT_VIEW (widget);
  LumShipDialog *dialog;

  lum_document_view_reload (self);
  if (self->document == NULL)
    return;
  dialog = lum_ship_dialog_new (GTK_WINDOW (self), self->engine, self->document);
  g_signal_connect_object (dialog, "shipped", G_CALLBACK (on_shipped_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_confirm_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        LumDocumentView  *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_strcmp0 (response, "cancel-order") == 0)
    ok = lum_engine_cancel_order (self->engine, self->id, &error);
  else if (g_strcmp0 (response, "void") == 0)
    ok = lum_engine_void_invoice (self->engine, self->id, &error);
  else
    return;

  if (!ok)
    {
      lum_form_toast_error (self->toast_overlay, error);
      return;
    }
  lum_document_view_reload (self);
  show_toast (self, g_strcmp0 (response, "void") == 0 ? _("Invoice voided") : _("Sales order cancelled"));
}

static GtkWidget *
confirm (LumDocumentView *self,
         const char      *heading,
         const char      *body,
         const char      *response,
         const char      *label)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", is_order (self) ? _("_Keep Order") : _("_Keep Invoice"),
                                    response, label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response, ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response_cb), self, 0);
  lum_ui_name_buttons_by_label (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LumDocumentView *self = LUM_DOCUMENT_VIEW (widget);
  g_autofree char *heading = NULL;
  const char *body;
  const char *push = text (self, LUM_DOC_PUSH_STATUS);

  heading = g_strdup_printf (_("Cancel %s?"), lum_document_get_number (self->document));
  if (g_strcmp0 (push, LUM_PUSH_PUSHED) == 0)
    body = _("The order is already in the order management system: Lumen sends it a cancellation.");
  else if (g_strcmp0 (push, LUM_PUSH_SCHEDULED) == 0)
    body = _("Its push has not been sent yet and is cancelled with it.");
  else
    body = _("The order will not be fulfilled.");
  confirm (self, heading, body, "cancel-order", _("_Cancel Order"));
}

static void
void_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LumDocumentView *self = LUM_DOCUMENT_VIEW (widget);
  g_autofree char *heading = g_strdup_printf (_("Void %s?"), lum_document_get_number (self->document));

  confirm (self, heading, _("A void invoice is kept for the record but no longer counts as billed."),
           "void", _("_Void Invoice"));
}

static void
open_document (LumDocumentView *self,
               LumDocumentKind  kind,
               gint64           id)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (LUM_IS_WINDOW (parent))
    lum_window_open_document (LUM_WINDOW (parent), kind, id);
  else
    gtk_window_present (GTK_WINDOW (lum_document_view_new (parent, self->engine, kind, id)));
}

static void
open_linked_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LumDocumentView *self = LUM_DOCUMENT_VIEW (widget);

  if (self->document != NULL && lum_document_get_int (self->document, LUM_DOC_LINKED_ID) != 0)
    open_document (self, is_order (self) ? LUM_DOCUMENT_KIND_INVOICE : LUM_DOCUMENT_KIND_SALES_ORDER,
                   lum_document_get_int (self->document, LUM_DOC_LINKED_ID));
}

static void
on_row_activated_cb (LumDocumentView *self,
                     GtkListBoxRow   *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), DOC_ID_KEY);

  if (id != NULL)
    open_document (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), DOC_KIND_KEY)), *id);
}

static void
on_engine_changed_cb (LumDocumentView *self,
                      const char      *what)
{
  if (g_strcmp0 (what, "documents") == 0 || g_strcmp0 (what, "external") == 0 ||
      g_strcmp0 (what, "customers") == 0)
    lum_document_view_reload (self);
}

/* -- GObject -------------------------------------------------------------- */

static void
lum_document_view_constructed (GObject *object)
{
  LumDocumentView *self = (LumDocumentView *)object;

  G_OBJECT_CLASS (lum_document_view_parent_class)->constructed (object);

  g_return_if_fail (LUM_IS_ENGINE (self->engine));

  g_signal_connect_object (self->engine, "changed", G_CALLBACK (on_engine_changed_cb), self, G_CONNECT_SWAPPED);
  lum_document_view_reload (self);
  lum_ui_name_buttons_by_label (GTK_WIDGET (self));
}

static void
lum_document_view_dispose (GObject *object)
{
  LumDocumentView *self = (LumDocumentView *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), LUM_TYPE_DOCUMENT_VIEW);
  g_clear_object (&self->document);
  g_clear_object (&self->config);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (lum_document_view_parent_class)->dispose (object);
}

static void
lum_document_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LumDocumentView *self = LUM_DOCUMENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_document_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LumDocumentView *self = LUM_DOCUMENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      self->engine = g_value_dup_object (value);
      break;
    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_document_view_class_init (LumDocumentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lum_document_view_constructed;
  object_class->dispose = lum_document_view_dispose;
  object_class->get_property = lum_document_view_get_property;
  object_class->set_property = lum_document_view_set_property;

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, LUM_TYPE_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, 0, LUM_DOCUMENT_KIND_INVOICE, 0,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LUM_TYPE_CONFLICT_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lumenapp/Lumen/lum-document-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LumDocumentView, window_title);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentView, view_stack);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentView, missing_page);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentView, edit_button);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentView, post_button);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentView, ship_button);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentView, push_button);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentView, number_label);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentView, total_label);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentView, badge_box);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentView, linked_group);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentView, shipments_group);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentView, conflict_group);
  gtk_widget_class_bind_template_callback (widget_class, lum_document_view_reload);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentView, status_list);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentView, details_list);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentView, lines_list);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentView, linked_list);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentView, shipments_list);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentView, jobs_list);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentView, sent_box);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentView, timeline_list);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "view.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "view.post", NULL, post_action);
  gtk_widget_class_install_action (widget_class, "view.push-now", NULL, push_now_action);
  gtk_widget_class_install_action (widget_class, "view.ship", NULL, ship_action);
  gtk_widget_class_install_action (widget_class, "view.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "view.void", NULL, void_action);
  gtk_widget_class_install_action (widget_class, "view.open-linked", NULL, open_linked_action);
  gtk_widget_class_install_action (widget_class, "view.retry-job", "x", retry_job_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "view.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "view.post", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "view.post", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lum_document_view_init (LumDocumentView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * lum_document_view_new:
 *
 * A window that shows the document @id of @kind, transient for @parent.
 */
LumDocumentView *
lum_document_view_new (GtkWindow       *parent,
                       LumEngine       *engine,
                       LumDocumentKind  kind,
                       gint64           id)
{
  return g_object_new (LUM_TYPE_DOCUMENT_VIEW,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       "engine", engine,
                       "kind", kind,
                       "id", id,
                       NULL);
}

LumDocumentKind
lum_document_view_get_kind (LumDocumentView *self)
{
  g_return_val_if_fail (LUM_IS_DOCUMENT_VIEW (self), 0);
  return self->kind;
}

gint64
lum_document_view_get_id (LumDocumentView *self)
{
  g_return_val_if_fail (LUM_IS_DOCUMENT_VIEW (self), 0);
  return self->id;
}

/**
 * lum_document_view_get_document:
 *
 * Returns: (transfer none) (nullable): the document as last read
 */
LumDocument *
lum_document_view_get_document (LumDocumentView *self)
{
  g_return_val_if_fail (LUM_IS_DOCUMENT_VIEW (self), NULL);
  return self->document;
}

/**
 * lum_document_view_reload:
 *
 * Reads the document and what hangs on it again.
 */
void
lum_document_view_reload (LumDocumentView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumDocument) doc = NULL;
  g_autoptr(GListStore) jobs = NULL;
  LumJobFilter filter = { 0, };

  g_return_if_fail (LUM_IS_DOCUMENT_VIEW (self));

  doc = lum_engine_get_document (self->engine, self->kind, self->id, &error);
  if (doc == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      g_clear_object (&self->document);
      adw_status_page_set_description (self->missing_page, escaped);
      gtk_stack_set_visible_child_name (self->view_stack, "missing");
      update_actions (self);
      return;
    }
  g_set_object (&self->document, doc);
  g_clear_object (&self->config);
  self->config = lum_engine_get_document_config (self->engine, doc, NULL);

  if (is_order (self))
    filter.sales_order_id = self->id;
  else
    filter.invoice_id = self->id;
  jobs = lum_engine_list_jobs (self->engine, &filter, &error);
  if (jobs == NULL)
    {
      g_warning ("Cannot list the jobs of %s: %s", lum_document_get_number (doc), error->message);
      jobs = g_list_store_new (LUM_TYPE_JOB);
    }

  build_header (self);
  lum_document_view_build_status (self, G_LIST_MODEL (jobs));
  build_details (self);
  build_lines (self);
  build_linked (self);
  build_shipments (self);
  lum_conflict_group_show_order (self->conflict_group, self->engine, is_order (self) ? self->id : 0);
  lum_document_view_build_jobs (self, G_LIST_MODEL (jobs));
  lum_sent_section_fill (self->sent_box, self->engine, self->config, G_LIST_MODEL (jobs));
  lum_document_view_build_timeline (self);
  update_actions (self);
  gtk_stack_set_visible_child_name (self->view_stack, "document");
}

/**
 * lum_document_view_add_toast:
 * @toast: (transfer full): the toast
 */
void
lum_document_view_add_toast (LumDocumentView *self,
                             AdwToast        *toast)
{
  g_return_if_fail (LUM_IS_DOCUMENT_VIEW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  lum_ui_name_buttons_by_label (GTK_WIDGET (self->toast_overlay));
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "lum-customer-chooser.h"
#include "lum-document-editor.h"
#include "lum-form-util.h"
#include "lum-line-row.h"
#include "lum-ui-format.h"
#include "lum-ui-util.h"
#include "lum-util.h"
#include "lum-engine-setup.h"
#include "store/lum-store-version.h"

/* The editor of a sales order or an invoice: a new one, a draft, or a
 * posted sales order whose push still waits. It works on a copy; Save
 * writes it, Post writes and posts it, each as one action of the engine. */
struct _LumDocumentEditor
{
  AdwWindow            parent_instance;

  LumEngine           *engine;
  LumDocument         *original;
  LumDocument         *document;
  gboolean             loading;
  gboolean             modified;
  gboolean             ship_to_edited;
  gboolean             changed_post;   /* the action a refused save was part of */
  GPtrArray           *error_rows;
  GtkWidget           *text_rows[LUM_DOC_N_TEXT];

  AdwWindowTitle      *window_title;
  AdwToastOverlay     *toast_overlay;
  GtkWidget           *save_button;
  GtkWidget           *post_button;
  AdwPreferencesGroup *general_group;
  AdwComboRow         *channel_row;
  LumCustomerChooser  *customer_row;
  GtkWidget           *po_row;
  GtkWidget           *ship_date_row;
  GtkCalendar         *calendar;
  GtkWidget           *calendar_button;
  GtkListBox          *lines_list;
  GtkLabel            *lines_error_label;
  GtkLabel            *total_label;
  AdwExpanderRow      *ship_to_row;
  GtkWidget           *ship_name_row;
  GtkWidget           *ship_company_row;
  GtkWidget           *ship_street1_row;
  GtkWidget           *ship_street2_row;
  GtkWidget           *ship_city_row;
  GtkWidget           *ship_state_row;
  GtkWidget           *ship_postal_code_row;
  GtkWidget           *ship_country_row;
  GtkWidget           *ship_phone_row;
  GtkWidget           *shipping_type_row;
  GtkWidget           *shipping_notes_row;
  GtkWidget           *customer_notes_row;
  GtkWidget           *internal_notes_row;
  GtkWidget           *gift_message_row;
};

G_DEFINE_FINAL_TYPE (LumDocumentEditor, lum_document_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_ENGINE,
  PROP_DOCUMENT,
  N_PROPS
};

enum {
  SAVED,
  POSTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The ship-to fields of a document and where a customer keeps them. */
static const struct {
  LumDocText      doc;
  LumCustomerText customer;
} ship_fields[] = {
  { LUM_DOC_SHIP_NAME, LUM_CUSTOMER_SHIP_NAME },
  { LUM_DOC_SHIP_COMPANY, LUM_CUSTOMER_SHIP_COMPANY },
  { LUM_DOC_SHIP_STREET1, LUM_CUSTOMER_SHIP_STREET1 },
  { LUM_DOC_SHIP_STREET2, LUM_CUSTOMER_SHIP_STREET2 },
  { LUM_DOC_SHIP_CITY, LUM_CUSTOMER_SHIP_CITY },
  { LUM_DOC_SHIP_STATE, LUM_CUSTOMER_SHIP_STATE },
  { LUM_DOC_SHIP_POSTAL_CODE, LUM_CUSTOMER_SHIP_POSTAL_CODE },
  { LUM_DOC_SHIP_COUNTRY, LUM_CUSTOMER_SHIP_COUNTRY },
  { LUM_DOC_SHIP_PHONE, LUM_CUSTOMER_SHIP_PHONE },
};

static gboolean
is_order (LumDocumentEditor *self)
{
  return lum_document_get_kind (self->original) == LUM_DOCUMENT_KIND_SALES_ORDER;
}

static gboolean
is_new (LumDocumentEditor *self)
{
  return lum_document_get_id (self->original) == 0;
}

static gboolean
is_posted (LumDocumentEditor *self)
{
  return g_strcmp0 (lum_document_get_status (self->original), LUM_STATUS_POSTED) == 0;
}

static GtkWidget *
first_line_row (LumDocumentEditor *self)
{
  return gtk_widget_get_first_child (GTK_WIDGET (self->lines_list));
}

#define FOR_EACH_LINE_ROW(self, row) \
  for (GtkWidget *row = first_line_row (self); row != NULL; row = gtk_widget_get_next_sibling (row)) \
    if (LUM_IS_LINE_ROW (row))

/* A row nobody typed in: no SKU and no price. Saving skips it. */
static gboolean
line_row_is_blank (LumLineRow *row)
{
  LumDocLine *line = lum_line_row_get_line (row);

  return lum_str_empty (lum_doc_line_get_sku (line)) && lum_doc_line_get_unit_price_cents (line) < 0;
}

static void
set_text (GtkWidget  *editable,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text ? text : "");
}

static char *
dup_text (GtkWidget *editable)
{
  return lum_strip_dup (gtk_editable_get_text (GTK_EDITABLE (editable)));
}

/* -- totals and line rows ------------------------------------------------- */

static void
update_total (LumDocumentEditor *self)
{
  g_autofree char *text = lum_ui_format_money (lum_document_editor_get_total_cents (self));

  gtk_label_set_text (self->total_label, text);
}

static void
renumber_lines (LumDocumentEditor *self)
{
  guint n = 0;

  FOR_EACH_LINE_ROW (self, row)
    lum_line_row_set_number (LUM_LINE_ROW (row), ++n);
}

static void
on_line_total_cb (LumDocumentEditor *self)
{
  if (!self->loading)
    self->modified = TRUE;
  update_total (self);
}

static void
on_line_remove_cb (LumLineRow        *row,
                   LumDocumentEditor *self)
{
  GtkWidget *next = gtk_widget_get_next_sibling (GTK_WIDGET (row));

  if (next == NULL)
    next = gtk_widget_get_prev_sibling (GTK_WIDGET (row));
  lum_form_clear_row_error (GTK_WIDGET (row));
  gtk_list_box_remove (self->lines_list, GTK_WIDGET (row));
  self->modified = TRUE;
  renumber_lines (self);
  update_total (self);
  if (LUM_IS_LINE_ROW (next))
    lum_line_row_focus_sku (LUM_LINE_ROW (next));
}

/* The channel whose OMS's stock the lines show: a sales order's. */
static LumChannel *
stock_channel (LumDocumentEditor *self)
{
  return is_order (self) ? adw_combo_row_get_selected_item (self->channel_row) : NULL;
}

static void
update_stock (LumDocumentEditor *self)
{
  FOR_EACH_LINE_ROW (self, row)
    lum_line_row_set_channel (LUM_LINE_ROW (row), stock_channel (self));
}

static GtkWidget *
append_line_row (LumDocumentEditor *self,
                 LumDocLine        *line)
{
  GtkWidget *row = lum_line_row_new (self->engine, line);

  lum_line_row_set_channel (LUM_LINE_ROW (row), stock_channel (self));
  g_signal_connect_object (row, "notify::total-cents", G_CALLBACK (on_line_total_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "remove", G_CALLBACK (on_line_remove_cb), self, 0);
  gtk_list_box_append (self->lines_list, row);
  renumber_lines (self);
  update_total (self);
  return row;
}

/* -- choices -------------------------------------------------------------- */

/* Sales orders start on sales-order-first channels; invoices only on the
 * internal channels that work invoice first. */
static gboolean
channel_takes (LumDocumentEditor *self,
               LumChannel        *channel)
{
  if (is_order (self))
    return lum_channel_get_order_flow (channel) == LUM_ORDER_FLOW_SO_FIRST;
  return lum_channel_get_order_flow (channel) == LUM_ORDER_FLOW_INVOICE_FIRST &&
         lum_channel_get_internal (channel);
}

static void
load_channels (LumDocumentEditor *self)
{
  g_autoptr(GListStore) all = NULL;
  g_autoptr(GListStore) choices = g_list_store_new (LUM_TYPE_CHANNEL);
  g_autoptr(GError) error = NULL;
  gint64 current = lum_document_get_int (self->original, LUM_DOC_CHANNEL_ID);
  guint selected = 0;

  all = lum_engine_list_channels (self->engine, current != 0, &error);
  if (all == NULL)
    {
      lum_form_toast_error (self->toast_overlay, error);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (all)); i++)
    {
      g_autoptr(LumChannel) channel = g_list_model_get_item (G_LIST_MODEL (all), i);
      gboolean mine = lum_channel_get_id (channel) == current;

      /* A posted document keeps its channel, whatever became of it. */
      if (!mine && (lum_channel_get_archived (channel) || !channel_takes (self, channel)))
        continue;
      if (mine)
        selected = g_list_model_get_n_items (G_LIST_MODEL (choices));
      g_list_store_append (choices, channel);
    }

  adw_combo_row_set_model (self->channel_row, G_LIST_MODEL (choices));
  if (g_list_model_get_n_items (G_LIST_MODEL (choices)) == 0)
    {
      adw_combo_row_set_use_subtitle (self->channel_row, FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->channel_row),
                                   is_order (self)
                                   ? _("No channel takes sales orders yet: create a sales-order-first channel on the Channels page")
                                   : _("No channel takes invoices yet: create an internal invoice-first channel on the Channels page"));
      return;
    }
  adw_combo_row_set_selected (self->channel_row, selected);
}

/* -- widgets ⇄ document --------------------------------------------------- */

static void
fill_ship_to (LumDocumentEditor *self,
              LumCustomer       *customer)
{
  for (guint i = 0; i < G_N_ELEMENTS (ship_fields); i++)
    set_text (self->text_rows[ship_fields[i].doc],
              customer ? lum_customer_get_text (customer, ship_fields[i].customer) : NULL);
  if (customer != NULL && lum_str_empty (lum_customer_get_text (customer, LUM_CUSTOMER_SHIP_NAME)))
    set_text (self->ship_name_row, lum_customer_get_name (customer));
}

static void
update_ship_to_summary (LumDocumentEditor *self)
{
  g_autoptr(LumDocument) shown = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);
  g_autofree char *summary = NULL;
  g_autofree char *escaped = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (ship_fields); i++)
    {
      g_autofree char *text = dup_text (self->text_rows[ship_fields[i].doc]);
      lum_document_set_text (shown, ship_fields[i].doc, text);
    }
  /* the subtitle is markup; the address is the customer's text */
  summary = lum_ui_format_address (shown, TRUE);
  escaped = g_markup_escape_text (summary, -1);
  adw_expander_row_set_subtitle (self->ship_to_row,
                                 *escaped != '\0' ? escaped : _("The customer’s shipping address"));
}

static void
load_customer (LumDocumentEditor *self)
{
  gint64 id = lum_document_get_int (self->original, LUM_DOC_CUSTOMER_ID);
  g_autofree char *key = NULL;
  g_autoptr(LumCustomer) customer = NULL;

  if (id == 0)
    return;
  key = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  customer = lum_engine_find_customer (self->engine, key, NULL);
  if (customer != NULL)
    lum_customer_chooser_set_customer (self->customer_row, customer);
  else
    gtk_editable_set_text (GTK_EDITABLE (self->customer_row),
                           lum_document_get_text (self->original, LUM_DOC_CUSTOMER_NAME));
}

static void
load_document (LumDocumentEditor *self)
{
  GListModel *lines = lum_document_get_lines (self->original);
  guint n = g_list_model_get_n_items (lines);

  self->loading = TRUE;

  load_channels (self);
  load_customer (self);
  for (guint f = 0; f < LUM_DOC_N_TEXT; f++)
    if (self->text_rows[f] != NULL)
      set_text (self->text_rows[f], lum_document_get_text (self->original, f));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LumDocLine) line = g_list_model_get_item (lines, i);
      g_autoptr(LumDocLine) copy = lum_doc_line_copy (line);

      append_line_row (self, copy);
    }
  if (n == 0)
    append_line_row (self, NULL);

  /* A posted order keeps its channel and customer; drafts change anything. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->channel_row), !is_posted (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->customer_row), !is_posted (self));
  self->ship_to_edited = !is_new (self);
  update_ship_to_summary (self);
  update_total (self);

  self->loading = FALSE;
  self->modified = FALSE;
}

/* Writes what the widgets show into @doc. */
static void
apply_to_document (LumDocumentEditor *self,
                   LumDocument       *doc)
{
  LumChannel *channel = adw_combo_row_get_selected_item (self->channel_row);
  LumCustomer *customer = lum_customer_chooser_resolve (self->customer_row);

  lum_document_set_int (doc, LUM_DOC_CHANNEL_ID, channel ? lum_channel_get_id (channel) : 0);
  lum_document_set_int (doc, LUM_DOC_CUSTOMER_ID, customer ? lum_customer_get_id (customer) : 0);
  for (guint f = 0; f < LUM_DOC_N_TEXT; f++)
    if (self->text_rows[f] != NULL)
      {
        g_autofree char *text = dup_text (self->text_rows[f]);
        lum_document_set_text (doc, f, text);
      }

  lum_document_clear_lines (doc);
  FOR_EACH_LINE_ROW (self, row)
    {
      g_autoptr(LumDocLine) copy = NULL;

      if (line_row_is_blank (LUM_LINE_ROW (row)))
        continue;
      copy = lum_doc_line_copy (lum_line_row_get_line (LUM_LINE_ROW (row)));
      lum_document_add_line (doc, copy);
    }
}

/* -- errors --------------------------------------------------------------- */

static void
clear_errors (LumDocumentEditor *self)
{
  for (guint i = 0; i < self->error_rows->len; i++)
    if (!LUM_IS_LINE_ROW (g_ptr_array_index (self->error_rows, i)))
      lum_form_clear_row_error (g_ptr_array_index (self->error_rows, i));
  g_ptr_array_set_size (self->error_rows, 0);
  FOR_EACH_LINE_ROW (self, row)
    lum_line_row_set_error (LUM_LINE_ROW (row), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->lines_error_label), FALSE);
}

/* The line an error about the lines is about: the first that fails the
 * engine's own checks, which stop at the first refused line too. */
static LumLineRow *
find_failing_line (LumDocumentEditor *self)
{
  FOR_EACH_LINE_ROW (self, row)
    if (!line_row_is_blank (LUM_LINE_ROW (row)) && !lum_line_row_check (LUM_LINE_ROW (row), NULL))
      return LUM_LINE_ROW (row);
  return NULL;
}

static double
widget_top (LumDocumentEditor *self,
            GtkWidget         *widget)
{
  graphene_point_t point = GRAPHENE_POINT_INIT (0, 0);
  graphene_point_t top;

  return gtk_widget_compute_point (widget, GTK_WIDGET (self), &point, &top) ? top.y : G_MAXDOUBLE;
}

/* The keyboard on the topmost refused value, brought into sight. */
static void
focus_first_error (LumDocumentEditor *self)
{
  GtkWidget *first = NULL;

  for (guint i = 0; i < self->error_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->error_rows, i);

      if (first == NULL || widget_top (self, row) < widget_top (self, first))
        first = row;
    }
  if (first == NULL)
    return;
  lum_form_scroll_to (first);
  if (LUM_IS_LINE_ROW (first))
    lum_line_row_focus_sku (LUM_LINE_ROW (first));
  else
    gtk_widget_grab_focus (first);
}

/* Marks @row, a line row too; a row in the closed Ship To expander opens
 * it, so that the message is seen. */
static void
show_row_error (LumDocumentEditor *self,
                GtkWidget         *row,
                const char        *message)
{
  GtkWidget *expander = gtk_widget_get_ancestor (row, ADW_TYPE_EXPANDER_ROW);

  if (LUM_IS_LINE_ROW (row))
    lum_line_row_set_error (LUM_LINE_ROW (row), message);
  else
    lum_form_set_row_error (row, message);
  if (expander != NULL)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  /* a line row can go before the errors are cleared */
  g_ptr_array_add (self->error_rows, g_object_ref (row));
}

/* Shows @error under the row it is about; a toast only for what no row
 * shows, so that nothing is said twice. */
static void
show_error (LumDocumentEditor *self,
            const GError      *error)
{
  LumLineRow *line_row;

  if (error->domain != LUM_DOCUMENT_ERROR)
    {
      lum_form_toast_error (self->toast_overlay, error);
      return;
    }

  switch ((LumDocumentError)error->code)
    {
    case LUM_DOCUMENT_ERROR_CHANNEL:
      show_row_error (self, GTK_WIDGET (self->channel_row), error->message);
      break;
    case LUM_DOCUMENT_ERROR_CUSTOMER:
      show_row_error (self, GTK_WIDGET (self->customer_row), error->message);
      break;
    case LUM_DOCUMENT_ERROR_DATE:
      show_row_error (self, self->ship_date_row, error->message);
      break;
    case LUM_DOCUMENT_ERROR_LINE:
      line_row = find_failing_line (self);
      if (line_row != NULL)
        show_row_error (self, GTK_WIDGET (line_row), error->message);
      else
        {
          gtk_label_set_text (self->lines_error_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->lines_error_label), TRUE);
          lum_form_scroll_to (GTK_WIDGET (self->lines_list));
        }
      break;
    case LUM_DOCUMENT_ERROR_TEXT:
      /* the engine stops at the first refused text; find it the same way */
      for (guint f = 0; f < LUM_DOC_N_TEXT; f++)
        {
          g_autofree char *text = self->text_rows[f] != NULL ? dup_text (self->text_rows[f]) : NULL;

          if (text != NULL && !lum_document_check_text (f, text, NULL))
            {
              show_row_error (self, self->text_rows[f], error->message);
              break;
            }
        }
      break;
    case LUM_DOCUMENT_ERROR_STATUS:
    case LUM_DOCUMENT_ERROR_SHIPMENT:
    default:
      lum_form_toast_error (self->toast_overlay, error);
      break;
    }
}

/* What the editor can tell before the engine is asked, every refused
 * value under its row at once: a customer that was typed but is nobody,
 * the texts, each line. */
static gboolean
check_widgets (LumDocumentEditor *self)
{
  g_autofree char *typed = dup_text (GTK_WIDGET (self->customer_row));
  g_autoptr(GError) error = NULL;

  if (lum_customer_chooser_resolve (self->customer_row) == NULL)
    {
      if (*typed == '\0')
        g_set_error_literal (&error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_CUSTOMER,
                             _("Choose the customer: type the start of their name"));
      else
        g_set_error (&error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_CUSTOMER,
                     _("No customer is named “%s”: choose one from the suggestions, or add them on the Customers page"),
                     typed);
      show_error (self, error);
      g_clear_error (&error);
    }

  for (guint f = 0; f < LUM_DOC_N_TEXT; f++)
    {
      g_autofree char *text = self->text_rows[f] != NULL ? dup_text (self->text_rows[f]) : NULL;

      if (text != NULL && !lum_document_check_text (f, text, &error))
        {
          show_row_error (self, self->text_rows[f], error->message);
          g_clear_error (&error);
        }
      else if (f == LUM_DOC_REQUESTED_SHIP_DATE && text != NULL && *text != '\0' && !lum_date_valid (text))
        {
          g_autofree char *message = g_strdup_printf (_("Requested ship date “%s” is not a date written YYYY-MM-DD"), text);

          show_row_error (self, self->text_rows[f], message);
        }
    }

  FOR_EACH_LINE_ROW (self, row)
    if (!line_row_is_blank (LUM_LINE_ROW (row)) && !lum_line_row_check (LUM_LINE_ROW (row), &error))
      {
        show_row_error (self, row, error->message);
        g_clear_error (&error);
      }

  return self->error_rows->len == 0;
}

/* -- saving --------------------------------------------------------------- */

/* Saves the document and, with @post, posts it. On success the editor's
 * document is the one stored, as the engine left it. */
static gboolean
write_document (LumDocumentEditor  *self,
                gboolean            post,
                GError            **error)
{
  g_autoptr(LumDocument) doc = lum_document_copy (self->original);
  g_autoptr(LumDocument) stored = NULL;
  LumDocumentKind kind = lum_document_get_kind (doc);

  apply_to_document (self, doc);

  if (is_new (self))
    {
      if (post ? !lum_engine_create_and_post_document (self->engine, doc, error)
               : !lum_engine_create_document (self->engine, doc, error))
        return FALSE;
    }
  else
    {
      if (!lum_engine_update_document (self->engine, doc, error))
        return FALSE;
      /* Saved: a refused post leaves a draft with these changes. */
      g_set_object (&self->original, doc);
      self->modified = FALSE;
      if (post && !lum_engine_post_document (self->engine, kind, lum_document_get_id (doc), error))
        return FALSE;
    }

  stored = lum_engine_get_document (self->engine, kind, lum_document_get_id (doc), NULL);
  if (stored != NULL)
    g_set_object (&self->document, stored);
  else
    g_set_object (&self->document, doc);
  return TRUE;
}

static void save_or_post (LumDocumentEditor *self,
                          gboolean           post);

/* The record as saved now, over the widgets: the clerk's changes go. */
static void
reload_document (LumDocumentEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumDocument) stored = lum_engine_get_document (self->engine, lum_document_get_kind (self->original),
                                                           lum_document_get_id (self->original), &error);
  GtkWidget *row;

  if (stored == NULL)
    {
      lum_form_toast_error (self->toast_overlay, error);
      return;
    }
  g_set_object (&self->original, stored);
  g_set_object (&self->document, stored);
  clear_errors (self);
  while ((row = first_line_row (self)) != NULL)
    gtk_list_box_remove (self->lines_list, row);
  load_document (self);
  adw_toast_overlay_add_toast (self->toast_overlay, lum_ui_toast_new (_("Reloaded as saved by the other person")));
}

static gboolean
save_anyway_idle_cb (gpointer user_data)
{
  LumDocumentEditor *self = user_data;

  save_or_post (self, self->changed_post);
  return G_SOURCE_REMOVE;
}

static void
on_changed_response_cb (AdwMessageDialog  *dialog,
                        const char        *response,
                        LumDocumentEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumDocument) stored = NULL;

  if (g_strcmp0 (response, "reload") == 0)
    {
      reload_document (self);
      return;
    }
  if (g_strcmp0 (response, "save-anyway") != 0)
    return;
  /* Save Anyway: over the version saved now, nothing else of it kept */
  stored = lum_engine_get_document (self->engine, lum_document_get_kind (self->original),
                                    lum_document_get_id (self->original), &error);
  if (stored == NULL)
    {
      lum_form_toast_error (self->toast_overlay, error);
      return;
    }
  lum_document_set_int (self->original, LUM_DOC_VERSION, lum_document_get_int (stored, LUM_DOC_VERSION));
  /* saved, the editor closes: let the dialog go before its parent does */
  g_idle_add_full (G_PRIORITY_DEFAULT, save_anyway_idle_cb, g_object_ref (self), g_object_unref);
}

/* Someone else saved the record since the editor loaded it: say who and
 * when, keep the clerk's changes, offer Reload or Save Anyway. */
static void
show_changed (LumDocumentEditor *self,
              const GError      *error,
              gboolean           post)
{
  GtkWidget *dialog = lum_form_changed_dialog_new (GTK_WINDOW (self), error);

  self->changed_post = post;
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_changed_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_or_post (LumDocumentEditor *self,
              gboolean           post)
{
  g_autoptr(LumDocumentEditor) hold = g_object_ref (self);
  g_autoptr(GError) error = NULL;

  /* Nothing hides the errors to come. */
  gtk_popover_popdown (GTK_POPOVER (lum_customer_chooser_get_popover (self->customer_row)));
  FOR_EACH_LINE_ROW (self, row)
    gtk_popover_popdown (GTK_POPOVER (lum_line_row_get_popover (LUM_LINE_ROW (row))));
  clear_errors (self);
  if (!check_widgets (self))
    {
      focus_first_error (self);
      return;
    }
  if (!write_document (self, post, &error))
    {
      if (g_error_matches (error, LUM_STORE_ERROR, LUM_STORE_ERROR_CHANGED))
        show_changed (self, error, post);
      else
        {
          show_error (self, error);
          focus_first_error (self);
        }
      return;
    }
  g_signal_emit (self, signals[post ? POSTED : SAVED], 0, self->document);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* -- closing -------------------------------------------------------------- */

static void
on_discard_response_cb (AdwMessageDialog  *dialog,
                        const char        *response,
                        LumDocumentEditor *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      self->modified = FALSE;
      /* Let the dialog go before its parent does. */
      lum_form_destroy_later (GTK_WINDOW (self));
    }
}

static void
confirm_discard (LumDocumentEditor *self)
{
  GtkWidget *dialog;

  if (!self->modified)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  dialog = lum_form_discard_dialog_new (GTK_WINDOW (self),
                                        is_order (self) ? _("The changes to this sales order have not been saved.")
                                                        : _("The changes to this invoice have not been saved."));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* -- callbacks ------------------------------------------------------------ */

static void
on_editable_changed_cb (LumDocumentEditor *self,
                        GtkWidget         *editable)
{
  if (self->loading)
    return;
  self->modified = TRUE;
  lum_form_clear_row_error (lum_form_row_of (editable));
}

static void
on_ship_to_changed_cb (LumDocumentEditor *self,
                       GtkWidget         *editable)
{
  update_ship_to_summary (self);
  if (self->loading)
    return;
  self->modified = TRUE;
  self->ship_to_edited = TRUE;
  lum_form_clear_row_error (lum_form_row_of (editable));
}

static void
on_channel_selected_cb (LumDocumentEditor *self)
{
  update_stock (self);
  if (self->loading)
    return;
  self->modified = TRUE;
  lum_form_clear_row_error (GTK_WIDGET (self->channel_row));
}

static void
on_customer_changed_cb (LumDocumentEditor *self)
{
  LumCustomer *customer = lum_customer_chooser_get_customer (self->customer_row);

  if (self->loading)
    return;
  self->modified = TRUE;
  lum_form_clear_row_error (GTK_WIDGET (self->customer_row));

  /* The ship-to follows the customer until it is typed in by hand. */
  if (customer != NULL && !self->ship_to_edited)
    {
      self->loading = TRUE;
      fill_ship_to (self, customer);
      self->loading = FALSE;
      update_ship_to_summary (self);
    }
}

static void
on_day_selected_cb (LumDocumentEditor *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");

  set_text (self->ship_date_row, text);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->calendar_button));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save_or_post (LUM_DOCUMENT_EDITOR (widget), FALSE);
}

static void
post_anyway_cb (gpointer data)
{
  g_autoptr(LumDocumentEditor) self = data;

  save_or_post (self, TRUE);
}

static void
on_short_response_cb (AdwMessageDialog  *dialog,
                      const char        *response,
                      LumDocumentEditor *self)
{
  /* Posting closes the editor: let the dialog go before its parent does. */
  if (g_strcmp0 (response, "post") == 0)
    g_idle_add_once (post_anyway_cb, g_object_ref (self));
}

/* Before posting lines over what the OMS reports available, the clerk
 * confirms: the stock was read a while ago, and may have come in since. */
static gboolean
confirm_short_lines (LumDocumentEditor *self)
{
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *dialog;
  guint n = 0;

  FOR_EACH_LINE_ROW (self, row)
    {
      LumDocLine *line = lum_line_row_get_line (LUM_LINE_ROW (row));
      gint64 available = 0;

      if (line_row_is_blank (LUM_LINE_ROW (row)) || !lum_line_row_get_shortfall (LUM_LINE_ROW (row), &available))
        continue;
      n++;
      g_string_append_c (body, '\n');
      /* Translators: a line of the stock warning: SKU, quantity ordered, quantity available */
      g_string_append_printf (body, _("%s: %" PRId64 " ordered, %" PRId64 " available"),
                              lum_doc_line_get_sku (line), lum_doc_line_get_quantity (line), available);
    }
  if (n == 0)
    return FALSE;
  g_string_prepend (body, g_dngettext (GETTEXT_PACKAGE,
                                       "This line orders more than the warehouse last reported available:",
                                       "These lines order more than the warehouses last reported available:", n));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Post With Too Little Stock?"), body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "post", _("_Post Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "post", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_short_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
post_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LumDocumentEditor *self = LUM_DOCUMENT_EDITOR (widget);

  if (!gtk_widget_get_visible (self->post_button))
    return;
  if (is_order (self) && confirm_short_lines (self))
    return;
  save_or_post (self, TRUE);
}

static void
on_engine_stock_changed_cb (LumDocumentEditor *self)
{
  update_stock (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  confirm_discard (LUM_DOCUMENT_EDITOR (widget));
}

static void
add_line_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  lum_document_editor_add_line (LUM_DOCUMENT_EDITOR (widget));
}

/* -- GObject -------------------------------------------------------------- */

static void
setup_titles (LumDocumentEditor *self)
{
  const char *title;
  g_autofree char *subtitle = NULL;

  if (is_new (self))
    title = is_order (self) ? _("New Sales Order") : _("New Invoice");
  else
    title = is_order (self) ? _("Edit Sales Order") : _("Edit Invoice");
  if (!is_new (self))
    subtitle = g_strdup_printf ("%s · %s", lum_document_get_number (self->original),
                                lum_ui_status_label (lum_document_get_status (self->original)));

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_preferences_group_set_title (self->general_group, is_order (self) ? _("Sales Order") : _("Invoice"));

  if (is_posted (self))
    {
      adw_preferences_group_set_description (self->general_group,
                                             _("This order is posted and its push is still waiting: "
                                               "the push sends it as saved here."));
      gtk_button_set_label (GTK_BUTTON (self->save_button), _("_Save"));
      gtk_widget_add_css_class (self->save_button, "suggested-action");
      gtk_widget_set_visible (self->post_button, FALSE);
      gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);
    }
  else
    {
      gtk_button_set_label (GTK_BUTTON (self->post_button), is_order (self) ? _("_Post Order") : _("_Post Invoice"));
    }
}

static void
lum_document_editor_constructed (GObject *object)
{
  LumDocumentEditor *self = (LumDocumentEditor *)object;

  G_OBJECT_CLASS (lum_document_editor_parent_class)->constructed (object);

  g_return_if_fail (LUM_IS_ENGINE (self->engine));
  g_return_if_fail (LUM_IS_DOCUMENT (self->original));

  lum_customer_chooser_set_engine (self->customer_row, self->engine);
  setup_titles (self);
  load_document (self);
  update_stock (self);
  g_signal_connect_object (self->engine, "changed::stock", G_CALLBACK (on_engine_stock_changed_cb), self,
                           G_CONNECT_SWAPPED);
  lum_ui_name_buttons_by_label (GTK_WIDGET (self));

  if (is_new (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->customer_row));
}

static gboolean
lum_document_editor_close_request (GtkWindow *window)
{
  LumDocumentEditor *self = LUM_DOCUMENT_EDITOR (window);

  if (!self->modified)
    return GTK_WINDOW_CLASS (lum_document_editor_parent_class)->close_request (window);
  confirm_discard (self);
  return TRUE;
}

static void
lum_document_editor_dispose (GObject *object)
{
  LumDocumentEditor *self = (LumDocumentEditor *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), LUM_TYPE_DOCUMENT_EDITOR);
  g_clear_object (&self->document);
  g_clear_object (&self->original);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (lum_document_editor_parent_class)->dispose (object);
}

static void
lum_document_editor_finalize (GObject *object)
{
  LumDocumentEditor *self = (LumDocumentEditor *)object;

  g_clear_pointer (&self->error_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (lum_document_editor_parent_class)->finalize (object);
}

static void
lum_document_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LumDocumentEditor *self = LUM_DOCUMENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    case PROP_DOCUMENT:
      g_value_set_object (value, self->original);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_document_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LumDocumentEditor *self = LUM_DOCUMENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      self->engine = g_value_dup_object (value);
      break;
    case PROP_DOCUMENT:
      self->original = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_document_editor_class_init (LumDocumentEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = lum_document_editor_constructed;
  object_class->dispose = lum_document_editor_dispose;
  object_class->finalize = lum_document_editor_finalize;
  object_class->get_property = lum_document_editor_get_property;
  object_class->set_property = lum_document_editor_set_property;
  window_class->close_request = lum_document_editor_close_request;

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, LUM_TYPE_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * LumDocumentEditor:document:
   *
   * The document as stored, or a new one (id 0) of the kind to create,
   * possibly with a channel and customer already chosen.
   */
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, LUM_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LumDocumentEditor::saved:
   * @document: the document as stored
   *
   * The document was saved (as a draft, or a posted order edited); the
   * editor closes.
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, LUM_TYPE_DOCUMENT);
  /**
   * LumDocumentEditor::posted:
   * @document: the document as stored, posted
   *
   * The document was saved and posted; the editor closes.
   */
  signals[POSTED] =
    g_signal_new ("posted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, LUM_TYPE_DOCUMENT);

  g_type_ensure (LUM_TYPE_CUSTOMER_CHOOSER);
  g_type_ensure (LUM_TYPE_CHANNEL);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lumenapp/Lumen/lum-document-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, LumDocumentEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentEditor, post_button);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentEditor, general_group);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentEditor, channel_row);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentEditor, customer_row);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentEditor, po_row);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentEditor, ship_date_row);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentEditor, calendar);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentEditor, calendar_button);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentEditor, lines_list);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentEditor, lines_error_label);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentEditor, total_label);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentEditor, ship_to_row);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentEditor, ship_name_row);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentEditor, ship_company_row);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentEditor, ship_street1_row);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentEditor, ship_street2_row);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentEditor, ship_city_row);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentEditor, ship_state_row);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentEditor, ship_postal_code_row);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentEditor, ship_country_row);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentEditor, ship_phone_row);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentEditor, shipping_type_row);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentEditor, shipping_notes_row);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentEditor, customer_notes_row);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentEditor, internal_notes_row);
  gtk_widget_class_bind_template_child (widget_class, LumDocumentEditor, gift_message_row);
  gtk_widget_class_bind_template_callback (widget_class, on_editable_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_ship_to_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_channel_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_customer_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.post", NULL, post_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "editor.add-line", NULL, add_line_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.post", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "editor.post", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "editor.add-line", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
}

static void
lum_document_editor_init (LumDocumentEditor *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->error_rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->text_rows[LUM_DOC_PO_NUMBER] = self->po_row;
  self->text_rows[LUM_DOC_REQUESTED_SHIP_DATE] = self->ship_date_row;
  self->text_rows[LUM_DOC_SHIP_NAME] = self->ship_name_row;
  self->text_rows[LUM_DOC_SHIP_COMPANY] = self->ship_company_row;
  self->text_rows[LUM_DOC_SHIP_STREET1] = self->ship_street1_row;
  self->text_rows[LUM_DOC_SHIP_STREET2] = self->ship_street2_row;
  self->text_rows[LUM_DOC_SHIP_CITY] = self->ship_city_row;
  self->text_rows[LUM_DOC_SHIP_STATE] = self->ship_state_row;
  self->text_rows[LUM_DOC_SHIP_POSTAL_CODE] = self->ship_postal_code_row;
  self->text_rows[LUM_DOC_SHIP_COUNTRY] = self->ship_country_row;
  self->text_rows[LUM_DOC_SHIP_PHONE] = self->ship_phone_row;
  self->text_rows[LUM_DOC_SHIPPING_TYPE] = self->shipping_type_row;
  self->text_rows[LUM_DOC_SHIPPING_NOTES] = self->shipping_notes_row;
  self->text_rows[LUM_DOC_CUSTOMER_NOTES] = self->customer_notes_row;
  self->text_rows[LUM_DOC_INTERNAL_NOTES] = self->internal_notes_row;
  self->text_rows[LUM_DOC_GIFT_MESSAGE] = self->gift_message_row;

  placeholder = gtk_label_new (_("No lines yet: add one to choose a product"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_list_box_set_placeholder (self->lines_list, placeholder);

  gtk_window_set_default_widget (GTK_WINDOW (self), self->post_button);
}

/**
 * lum_document_editor_new:
 * @document: the document as stored, or a new one (id 0)
 *
 * A modal editor of @document over @parent.
 */
LumDocumentEditor *
lum_document_editor_new (GtkWindow   *parent,
                         LumEngine   *engine,
                         LumDocument *document)
{
  return g_object_new (LUM_TYPE_DOCUMENT_EDITOR,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       "engine", engine,
                       "document", document,
                       NULL);
}

/**
 * lum_document_editor_get_document:
 *
 * Returns: (transfer none): the document as loaded; after a save, as stored
 */
LumDocument *
lum_document_editor_get_document (LumDocumentEditor *self)
{
  g_return_val_if_fail (LUM_IS_DOCUMENT_EDITOR (self), NULL);
  return self->document != NULL ? self->document : self->original;
}

gboolean
lum_document_editor_get_modified (LumDocumentEditor *self)
{
  g_return_val_if_fail (LUM_IS_DOCUMENT_EDITOR (self), FALSE);
  return self->modified;
}

/**
 * lum_document_editor_add_line:
 *
 * Adds an empty line and puts the keyboard in its SKU.
 *
 * Returns: (transfer none): the new LumLineRow
 */
GtkWidget *
lum_document_editor_add_line (LumDocumentEditor *self)
{
  GtkWidget *row;

  g_return_val_if_fail (LUM_IS_DOCUMENT_EDITOR (self), NULL);

  row = append_line_row (self, NULL);
  self->modified = TRUE;
  lum_line_row_focus_sku (LUM_LINE_ROW (row));
  lum_form_scroll_to (row);
  return row;
}

/* The live total: what the lines add up to as shown. */
gint64
lum_document_editor_get_total_cents (LumDocumentEditor *self)
{
  gint64 total = 0;

  g_return_val_if_fail (LUM_IS_DOCUMENT_EDITOR (self), 0);

  FOR_EACH_LINE_ROW (self, row)
    total += lum_line_row_get_total_cents (LUM_LINE_ROW (row));
  return total;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "lum-form-util.h"
#include "lum-ship-dialog.h"
#include "lum-ui-util.h"
#include "lum-util.h"
#include "flow/lum-conflict-flow.h"

/* *Mark as shipped*: the carrier, service and tracking number of a
 * shipment made by hand, and how much of each SKU it holds (by default
 * everything still open). */
struct _LumShipDialog
{
  AdwWindow        parent_instance;

  LumEngine       *engine;
  LumDocument     *order;

  AdwWindowTitle  *window_title;
  AdwToastOverlay *toast_overlay;
  AdwComboRow     *carrier_row;
  GtkWidget       *other_carrier_row;
  GtkWidget       *service_row;
  GtkWidget       *tracking_row;
  GtkWidget       *ship_button;
  GtkListBox      *lines_list;

  /* the clerk confirmed shipping an order sent to an OMS by hand */
  gboolean         oms_confirmed;
};

G_DEFINE_FINAL_TYPE (LumShipDialog, lum_ship_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_ENGINE,
  PROP_ORDER,
  N_PROPS
};

enum {
  SHIPPED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define SKU_KEY "lum-sku"

static void
add_quantity (GHashTable *table,
              const char *sku,
              gint64      quantity)
{
  gint64 *value = g_hash_table_lookup (table, sku);

  if (value == NULL)
    g_hash_table_insert (table, g_strdup (sku), g_memdup2 (&quantity, sizeof quantity));
  else
    *value += quantity;
}

static gint64
lookup_quantity (GHashTable *table,
                 const char *sku)
{
  gint64 *value = g_hash_table_lookup (table, sku);

  return value ? *value : 0;
}

/* What the shipments so far (voided ones aside) took of each SKU. */
static GHashTable *
shipped_quantities (LumShipDialog *self)
{
  GHashTable *shipped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GListStore) shipments = lum_engine_list_shipments (self->engine, lum_document_get_id (self->order), NULL);

  for (guint i = 0; shipments != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (shipments)); i++)
    {
      g_autoptr(LumShipment) shipment = g_list_model_get_item (G_LIST_MODEL (shipments), i);
      GListModel *lines = lum_shipment_get_lines (shipment);

      if (lum_shipment_get_int (shipment, LUM_SHIPMENT_VOIDED))
        continue;
      for (guint l = 0; l < g_list_model_get_n_items (lines); l++)
        {
          g_autoptr(LumDocLine) line = g_list_model_get_item (lines, l);
          add_quantity (shipped, lum_doc_line_get_sku (line), lum_doc_line_get_quantity (line));
        }
    }
  return shipped;
}

static gint64
chosen_total (LumShipDialog *self)
{
  gint64 total = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->lines_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkSpinButton *spin = g_object_get_data (G_OBJECT (row), "lum-spin");

      if (spin != NULL)
        total += gtk_spin_button_get_value_as_int (spin);
    }
  return total;
}

static void
update_button (LumShipDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ship.confirm", chosen_total (self) > 0);
}

/* One row a SKU, in the order's order, with what is still open of it. */
static void
load_lines (LumShipDialog *self)
{
  g_autoptr(GHashTable) ordered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) shipped = shipped_quantities (self);
  g_autoptr(GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *lines = lum_document_get_lines (self->order);

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(LumDocLine) line = g_list_model_get_item (lines, i);
      add_quantity (ordered, lum_doc_line_get_sku (line), lum_doc_line_get_quantity (line));
    }

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(LumDocLine) line = g_list_model_get_item (lines, i);
      const char *sku = lum_doc_line_get_sku (line);
      gint64 total = lookup_quantity (ordered, sku);
      gint64 open = MAX (0, total - lookup_quantity (shipped, sku));
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *label = NULL;
      GtkWidget *row, *spin;

      if (g_hash_table_contains (shown, sku))
        continue;
      g_hash_table_add (shown, (gpointer)sku);

      title = g_strdup_printf ("%s · %s", sku, lum_doc_line_get_description (line));
      subtitle = open > 0
                 ? g_strdup_printf (_("%" PRId64 " of %" PRId64 " still open"), open, total)
                 : g_strdup_printf (_("All %" PRId64 " shipped"), total);
      row = adw_action_row_new ();
      /* the text is the user's or a service's, not markup */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      spin = gtk_spin_button_new_with_range (0, MAX (open, 0), 1);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), open);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (spin, open > 0);
      label = g_strdup_printf (_("Quantity of %s"), sku);
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_signal_connect_object (spin, "value-changed", G_CALLBACK (update_button), self, G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);

      g_object_set_data_full (G_OBJECT (row), SKU_KEY, g_strdup (sku), g_free);
      g_object_set_data (G_OBJECT (row), "lum-spin", spin);
      gtk_list_box_append (self->lines_list, row);
    }
  update_button (self);
}

static char *
dup_carrier (LumShipDialog *self)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (self->carrier_row);

  if (gtk_widget_get_visible (self->other_carrier_row))
    return lum_strip_dup (gtk_editable_get_text (GTK_EDITABLE (self->other_carrier_row)));
  return g_strdup (item ? gtk_string_object_get_string (item) : "");
}

static void
on_carrier_selected_cb (LumShipDialog *self)
{
  guint n = g_list_model_get_n_items (adw_combo_row_get_model (self->carrier_row));

  /* The last choice is another carrier, named by hand. */
  gtk_widget_set_visible (self->other_carrier_row, adw_combo_row_get_selected (self->carrier_row) + 1 == n);
  lum_form_clear_row_error (self->other_carrier_row);
}

static gboolean
confirm_after_warning_cb (gpointer user_data)
{
  gtk_widget_activate_action (GTK_WIDGET (user_data), "ship.confirm", NULL);
  return G_SOURCE_REMOVE;
}

static void
on_oms_warning_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            LumShipDialog    *self)
{
  if (!g_str_equal (response, "ship"))
    return;
  self->oms_confirmed = TRUE;
  /* once the warning has closed: shipping closes this dialog, its parent */
  g_idle_add_full (G_PRIORITY_DEFAULT, confirm_after_warning_cb, g_object_ref (self), g_object_unref);
}

/* An order at an OMS may be shipped there too: the warehouse's shipment
 * would then become a conflict. The clerk confirms first. */
static void
warn_order_with_oms (LumShipDialog *self)
{
  g_autofree char *body = g_strdup_printf (_("%s was sent to an OMS, and its warehouse may report a shipment of its "
                                             "own. If its tracking number differs, Lumen keeps both as a conflict "
                                             "for you to resolve on the order."),
                                           lum_document_get_number (self->order));
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Ship an Order the Warehouse Has?"), body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "ship", _("Mark as _Shipped Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "ship", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_oms_warning_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LumShipDialog *self = LUM_SHIP_DIALOG (widget);
  g_autoptr(LumShipDialog) hold = g_object_ref (self);
  g_autoptr(LumShipment) shipment = lum_shipment_new ();
  g_autofree char *carrier = dup_carrier (self);
  g_autofree char *service = lum_strip_dup (gtk_editable_get_text (GTK_EDITABLE (self->service_row)));
  g_autofree char *tracking = lum_strip_dup (gtk_editable_get_text (GTK_EDITABLE (self->tracking_row)));
  g_autofree char *now = lum_engine_now_text (self->engine);
  g_autoptr(GError) error = NULL;

  lum_form_clear_row_error (self->other_carrier_row);
  if (*carrier == '\0')
    {
      lum_form_set_row_error (self->other_carrier_row, _("Name the carrier"));
      gtk_widget_grab_focus (self->other_carrier_row);
      return;
    }
  /* No lines would mean “everything open”: never send that by accident. */
  if (chosen_total (self) == 0)
    return;
  if (lum_order_is_with_oms (self->order) && !self->oms_confirmed)
    {
      warn_order_with_oms (self);
      return;
    }

  lum_shipment_set_text (shipment, LUM_SHIPMENT_CARRIER, carrier);
  lum_shipment_set_text (shipment, LUM_SHIPMENT_SERVICE, service);
  lum_shipment_set_text (shipment, LUM_SHIPMENT_TRACKING_NUMBER, tracking);
  lum_shipment_set_text (shipment, LUM_SHIPMENT_SHIPPED_AT, now);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->lines_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkSpinButton *spin = g_object_get_data (G_OBJECT (row), "lum-spin");
      int quantity = spin ? gtk_spin_button_get_value_as_int (spin) : 0;

      if (quantity > 0)
        lum_shipment_add_line (shipment, g_object_get_data (G_OBJECT (row), SKU_KEY), quantity);
    }

  if (!lum_engine_record_shipment (self->engine, lum_document_get_id (self->order), shipment,
                                   LUM_ACTOR_USER, NULL, &error))
    {
      lum_form_toast_error (self->toast_overlay, error);
      return;
    }
  g_signal_emit (self, signals[SHIPPED], 0, shipment);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
lum_ship_dialog_constructed (GObject *object)
{
  LumShipDialog *self = (LumShipDialog *)object;
  g_autofree char *subtitle = NULL;

  G_OBJECT_CLASS (lum_ship_dialog_parent_class)->constructed (object);

  g_return_if_fail (LUM_IS_ENGINE (self->engine));
  g_return_if_fail (LUM_IS_DOCUMENT (self->order));

  subtitle = g_strdup_printf ("%s · %s", lum_document_get_number (self->order),
                              lum_document_get_text (self->order, LUM_DOC_CUSTOMER_NAME));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  load_lines (self);
  lum_ui_name_buttons_by_label (GTK_WIDGET (self));
  gtk_widget_grab_focus (self->tracking_row);
}

static void
lum_ship_dialog_dispose (GObject *object)
{
  LumShipDialog *self = (LumShipDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), LUM_TYPE_SHIP_DIALOG);
  g_clear_object (&self->order);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (lum_ship_dialog_parent_class)->dispose (object);
}

static void
lum_ship_dialog_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LumShipDialog *self = LUM_SHIP_DIALOG (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      self->engine = g_value_dup_object (value);
      break;
    case PROP_ORDER:
      self->order = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_ship_dialog_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LumShipDialog *self = LUM_SHIP_DIALOG (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    case PROP_ORDER:
      g_value_set_object (value, self->order);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_ship_dialog_class_init (LumShipDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lum_ship_dialog_constructed;
  object_class->dispose = lum_ship_dialog_dispose;
  object_class->get_property = lum_ship_dialog_get_property;
  object_class->set_property = lum_ship_dialog_set_property;

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, LUM_TYPE_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORDER] =
    g_param_spec_object ("order", NULL, NULL, LUM_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LumShipDialog::shipped:
   * @shipment: the shipment as recorded
   *
   * The shipment was recorded; the dialog closes.
   */
  signals[SHIPPED] =
    g_signal_new ("shipped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, LUM_TYPE_SHIPMENT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lumenapp/Lumen/lum-ship-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LumShipDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, LumShipDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LumShipDialog, carrier_row);
  gtk_widget_class_bind_template_child (widget_class, LumShipDialog, other_carrier_row);
  gtk_widget_class_bind_template_child (widget_class, LumShipDialog, service_row);
  gtk_widget_class_bind_template_child (widget_class, LumShipDialog, tracking_row);
  gtk_widget_class_bind_template_child (widget_class, LumShipDialog, ship_button);
  gtk_widget_class_bind_template_child (widget_class, LumShipDialog, lines_list);
  gtk_widget_class_bind_template_callback (widget_class, on_carrier_selected_cb);

  gtk_widget_class_install_action (widget_class, "ship.confirm", NULL, confirm_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "ship.confirm", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lum_ship_dialog_init (LumShipDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), self->ship_button);
}

/**
 * lum_ship_dialog_new:
 * @order: a posted sales order, lines included
 */
LumShipDialog *
lum_ship_dialog_new (GtkWindow   *parent,
                     LumEngine   *engine,
                     LumDocument *order)
{
  return g_object_new (LUM_TYPE_SHIP_DIALOG,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       "engine", engine,
                       "order", order,
                       NULL);
}

/**
 * lum_ship_dialog_get_quantity:
 *
 * Returns: (transfer none) (nullable): the quantity shipped of @sku
 */
GtkSpinButton *
lum_ship_dialog_get_quantity (LumShipDialog *self,
                              const char    *sku)
{
  g_return_val_if_fail (LUM_IS_SHIP_DIALOG (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->lines_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), SKU_KEY), sku) == 0)
      return g_object_get_data (G_OBJECT (row), "lum-spin");
  return NULL;
}

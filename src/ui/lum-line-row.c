/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "lum-line-row.h"
#include "lum-ui-util.h"
#include "lum-wrap-layout.h"
#include "lum-ui-format.h"
#include "lum-util.h"
#include "lum-engine-setup.h"

/* One line of the document editor: SKU (completed from the products),
 * quantity, unit price (empty: the product's), and the line total. Edits
 * go straight into the row's LumDocLine. */

#define MAX_SUGGESTIONS 8

struct _LumLineRow
{
  GtkListBoxRow         parent_instance;

  LumEngine            *engine;
  LumDocLine           *line;
  gint64                product_price;   /* -1: the SKU is no product */
  gboolean              price_valid;
  gboolean              loading;
  LumChannel           *channel;         /* whose OMS's stock is shown; NULL: none */
  LumAvailability       availability;

  LumSuggestionPopover *popover;
  GtkEntry             *sku_entry;
  GtkLabel             *name_label;
  GtkSpinButton        *quantity_spin;
  GtkEntry             *price_entry;
  GtkLabel             *total_label;
  GtkLabel             *stock_label;
  GtkWidget            *error_box;
  GtkLabel             *error_label;
};

G_DEFINE_FINAL_TYPE (LumLineRow, lum_line_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_ENGINE,
  PROP_LINE,
  PROP_TOTAL_CENTS,
  N_PROPS
};

enum {
  REMOVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
product_text (gpointer item,
              gboolean subtitle)
{
  LumProduct *product = item;
  g_autofree char *price = NULL;

  if (!subtitle)
    return g_strdup (lum_product_get_sku (product));
  price = lum_ui_format_money (lum_product_get_unit_price_cents (product));
  return g_strdup_printf ("%s · %s", lum_product_get_name (product), price);
}

static gint64
effective_price (LumLineRow *self)
{
  gint64 price = lum_doc_line_get_unit_price_cents (self->line);

  return price >= 0 ? price : self->product_price;
}

static void
update_total (LumLineRow *self)
{
  gint64 price = effective_price (self);
  g_autofree char *text = NULL;

  if (price >= 0 && self->price_valid)
    text = lum_ui_format_money (price * lum_doc_line_get_quantity (self->line));
  gtk_label_set_text (self->total_label, text ? text : "—");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL_CENTS]);
}

static char *
not_reported_text (LumLineRow *self)
{
  g_autoptr(LumIntegration) oms = lum_engine_get_integration (self->engine,
                                                              lum_channel_get_oms_integration_id (self->channel),
                                                              NULL);

  if (oms != NULL && lum_integration_get_kind (oms) == LUM_INTEGRATION_KIND_SHIPSTATION)
    return g_strdup (_("Stock not reported: ShipStation API V1 does not report stock"));
  return g_strdup (_("Stock not reported by this OMS"));
}

/* What the channel's OMS last said of the SKU, and whether the quantity
 * exceeds it. */
static void
update_stock (LumLineRow *self)
{
  const char *sku = lum_doc_line_get_sku (self->line);
  gint64 quantity = lum_doc_line_get_quantity (self->line);
  g_autofree char *read_at = NULL;
  g_autofree char *text = NULL;

  lum_availability_clear (&self->availability);
  self->availability.report = LUM_STOCK_NOT_REPORTED;
  if (self->channel == NULL || self->engine == NULL || lum_str_empty (sku) ||
      lum_channel_get_oms_integration_id (self->channel) <= 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->stock_label), FALSE);
      return;
    }
  /* the channel's group narrows the warehouses once they are linked */
  if (!lum_engine_channel_availability (self->engine, self->channel, sku, NULL, &self->availability, NULL))
    self->availability.report = LUM_STOCK_NOT_READ;

  gtk_widget_remove_css_class (GTK_WIDGET (self->stock_label), "warning");
  gtk_widget_add_css_class (GTK_WIDGET (self->stock_label), "dim-label");
  switch (self->availability.report)
    {
    case LUM_STOCK_NOT_REPORTED:
      text = not_reported_text (self);
      break;
    case LUM_STOCK_NOT_READ:
      text = g_strdup (_("Stock not read yet"));
      break;
    case LUM_STOCK_READ:
    default:
      read_at = lum_time_format_local (self->availability.read_at);
      if (quantity > self->availability.available)
        {
          /* dimmed, the warning colour would hardly show */
          gtk_widget_remove_css_class (GTK_WIDGET (self->stock_label), "dim-label");
          gtk_widget_add_css_class (GTK_WIDGET (self->stock_label), "warning");
          /* Translators: the stock of a line's SKU, less than its quantity; %s is when it was read */
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Only %" PRId64 " available (read %s)",
                                               "Only %" PRId64 " available (read %s)",
                                               self->availability.available),
                                  self->availability.available, read_at);
        }
      else
        /* Translators: the stock of a line's SKU; %s is when it was read */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRId64 " available (read %s)",
                                             "%" PRId64 " available (read %s)",
                                             self->availability.available),
                                self->availability.available, read_at);
      break;
    }
  gtk_label_set_text (self->stock_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->stock_label), TRUE);
}

/* What the SKU names: the product's name and price, or nothing. */
static void
show_product (LumLineRow *self,
              LumProduct *product)
{
  const char *description = lum_doc_line_get_description (self->line);
  g_autofree char *price = NULL;

  self->product_price = product ? lum_product_get_unit_price_cents (product) : -1;
  if (product != NULL)
    price = lum_ui_format_money (self->product_price);
  gtk_entry_set_placeholder_text (self->price_entry, price ? price : _("Price"));

  if (!lum_str_empty (description))
    gtk_label_set_text (self->name_label, description);
  else
    gtk_label_set_text (self->name_label, product ? lum_product_get_name (product) : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_label), gtk_label_get_text (self->name_label));
  update_total (self);
  update_stock (self);
}

static LumProduct *
find_product (LumLineRow *self,
              const char *sku)
{
  if (self->engine == NULL || lum_str_empty (sku))
    return NULL;
  return lum_engine_find_product (self->engine, sku, NULL);
}

/* Products whose SKU starts with @text; SKUs are mostly upper case, so
 * "sku-a" also finds "SKU-A…". */
static GListStore *
search_products (LumLineRow *self,
                 const char *text)
{
  g_autoptr(GListStore) found = NULL;
  g_autofree char *upper = NULL;

  if (self->engine == NULL)
    return NULL;
  found = lum_engine_search_products (self->engine, text, MAX_SUGGESTIONS, NULL);
  if (found != NULL && g_list_model_get_n_items (G_LIST_MODEL (found)) > 0)
    return g_steal_pointer (&found);
  upper = g_utf8_strup (text, -1);
  if (g_strcmp0 (upper, text) == 0)
    return g_steal_pointer (&found);
  g_clear_object (&found);
  return lum_engine_search_products (self->engine, upper, MAX_SUGGESTIONS, NULL);
}

static void
set_sku_quietly (LumLineRow *self,
                 const char *sku)
{
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->sku_entry), sku);
  gtk_editable_set_position (GTK_EDITABLE (self->sku_entry), -1);
  self->loading = FALSE;
}

/* -- callbacks ------------------------------------------------------------ */

static void
on_sku_changed_cb (LumLineRow *self)
{
  g_autofree char *sku = NULL;
  g_autoptr(LumProduct) product = NULL;
  g_autoptr(GListStore) found = NULL;
  g_autofree char *empty = NULL;

  if (self->loading)
    return;

  sku = lum_strip_dup (gtk_editable_get_text (GTK_EDITABLE (self->sku_entry)));
  lum_line_row_set_error (self, NULL);
  lum_doc_line_set_sku (self->line, sku);
  /* The engine fills in the new product's name. */
  lum_doc_line_set_description (self->line, NULL);
  product = find_product (self, sku);
  show_product (self, product);

  if (*sku == '\0')
    {
      lum_suggestion_popover_set_items (self->popover, NULL, NULL);
      return;
    }
  found = search_products (self, sku);
  /* Translators: %s is what was typed in the SKU field */
  empty = g_strdup_printf (_("No product’s SKU starts with “%s”"), sku);
  lum_suggestion_popover_set_items (self->popover, G_LIST_MODEL (found), empty);
}

static void
on_product_chosen_cb (LumLineRow *self,
                      LumProduct *product)
{
  set_sku_quietly (self, lum_product_get_sku (product));
  lum_line_row_set_error (self, NULL);
  lum_doc_line_set_sku (self->line, lum_product_get_sku (product));
  lum_doc_line_set_description (self->line, NULL);
  show_product (self, product);
  gtk_widget_grab_focus (GTK_WIDGET (self->quantity_spin));
}

static void
on_quantity_changed_cb (LumLineRow *self)
{
  if (self->loading)
    return;
  lum_line_row_set_error (self, NULL);
  lum_doc_line_set_quantity (self->line, gtk_spin_button_get_value_as_int (self->quantity_spin));
  update_total (self);
  update_stock (self);
}

static void
on_price_changed_cb (LumLineRow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->price_entry));
  gint64 cents;

  if (self->loading)
    return;

  lum_line_row_set_error (self, NULL);
  if (lum_str_empty (text))
    {
      self->price_valid = TRUE;
      lum_doc_line_set_unit_price_cents (self->line, -1);
    }
  else if (lum_money_parse (text, &cents))
    {
      self->price_valid = TRUE;
      lum_doc_line_set_unit_price_cents (self->line, cents);
    }
  else
    {
      self->price_valid = FALSE;
    }
  update_total (self);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_signal_emit (widget, signals[REMOVE], 0);
}

/* -- GObject -------------------------------------------------------------- */

static void
load_line (LumLineRow *self)
{
  g_autoptr(LumProduct) product = find_product (self, lum_doc_line_get_sku (self->line));
  gint64 price = lum_doc_line_get_unit_price_cents (self->line);
  g_autofree char *price_text = price >= 0 ? lum_ui_format_money_entry (price) : NULL;

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->sku_entry), lum_doc_line_get_sku (self->line));
  gtk_spin_button_set_value (self->quantity_spin, MAX (1, lum_doc_line_get_quantity (self->line)));
  gtk_editable_set_text (GTK_EDITABLE (self->price_entry), price_text ? price_text : "");
  self->loading = FALSE;

  /* A new line starts at one piece. */
  lum_doc_line_set_quantity (self->line, gtk_spin_button_get_value_as_int (self->quantity_spin));
  show_product (self, product);
}

static void
lum_line_row_constructed (GObject *object)
{
  LumLineRow *self = (LumLineRow *)object;

  G_OBJECT_CLASS (lum_line_row_parent_class)->constructed (object);

  if (self->line == NULL)
    self->line = lum_doc_line_new ("", 1, -1);
  load_line (self);
}

static void
lum_line_row_dispose (GObject *object)
{
  LumLineRow *self = (LumLineRow *)object;

  if (self->popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->popover));
      self->popover = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), LUM_TYPE_LINE_ROW);
  g_clear_object (&self->line);
  g_clear_object (&self->channel);
  g_clear_object (&self->engine);
  lum_availability_clear (&self->availability);

  G_OBJECT_CLASS (lum_line_row_parent_class)->dispose (object);
}

static void
lum_line_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LumLineRow *self = LUM_LINE_ROW (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    case PROP_LINE:
      g_value_set_object (value, self->line);
      break;
    case PROP_TOTAL_CENTS:
      g_value_set_int64 (value, lum_line_row_get_total_cents (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_line_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LumLineRow *self = LUM_LINE_ROW (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      self->engine = g_value_dup_object (value);
      break;
    case PROP_LINE:
      self->line = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_line_row_class_init (LumLineRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lum_line_row_constructed;
  object_class->dispose = lum_line_row_dispose;
  object_class->get_property = lum_line_row_get_property;
  object_class->set_property = lum_line_row_set_property;

  g_type_ensure (LUM_TYPE_WRAP_LAYOUT);

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, LUM_TYPE_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LINE] =
    g_param_spec_object ("line", NULL, NULL, LUM_TYPE_DOC_LINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * LumLineRow:total-cents:
   *
   * Quantity × unit price, the product's price when none is typed; 0 while
   * the SKU is no product or the price does not parse.
   */
  properties[PROP_TOTAL_CENTS] =
    g_param_spec_int64 ("total-cents", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LumLineRow::remove:
   *
   * The user asked to remove the line.
   */
  signals[REMOVE] =
    g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lumenapp/Lumen/lum-line-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LumLineRow, sku_entry);
  gtk_widget_class_bind_template_child (widget_class, LumLineRow, stock_label);
  gtk_widget_class_bind_template_child (widget_class, LumLineRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, LumLineRow, quantity_spin);
  gtk_widget_class_bind_template_child (widget_class, LumLineRow, price_entry);
  gtk_widget_class_bind_template_child (widget_class, LumLineRow, total_label);
  gtk_widget_class_bind_template_child (widget_class, LumLineRow, error_box);
  gtk_widget_class_bind_template_child (widget_class, LumLineRow, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_sku_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_quantity_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_price_changed_cb);

  gtk_widget_class_install_action (widget_class, "row.remove", NULL, remove_action);
}

static void
lum_line_row_init (LumLineRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->product_price = -1;
  self->price_valid = TRUE;
  self->popover = lum_suggestion_popover_new (GTK_WIDGET (self->sku_entry), product_text);
  g_signal_connect_object (self->popover, "chosen", G_CALLBACK (on_product_chosen_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * lum_line_row_new:
 * @line: (nullable): the line to edit, or %NULL for an empty one
 */
GtkWidget *
lum_line_row_new (LumEngine  *engine,
                  LumDocLine *line)
{
  return g_object_new (LUM_TYPE_LINE_ROW, "engine", engine, "line", line, NULL);
}

/**
 * lum_line_row_get_line:
 *
 * Returns: (transfer none): the line the row edits
 */
LumDocLine *
lum_line_row_get_line (LumLineRow *self)
{
  g_return_val_if_fail (LUM_IS_LINE_ROW (self), NULL);
  return self->line;
}

gint64
lum_line_row_get_total_cents (LumLineRow *self)
{
  gint64 price;

  g_return_val_if_fail (LUM_IS_LINE_ROW (self), 0);

  price = effective_price (self);
  if (price < 0 || !self->price_valid)
    return 0;
  return price * lum_doc_line_get_quantity (self->line);
}

/**
 * lum_line_row_check:
 *
 * What the engine checks of a line, in the same order, plus a unit price
 * that does not even parse: so that the editor finds the line an error of
 * the engine is about.
 */
gboolean
lum_line_row_check (LumLineRow  *self,
                    GError     **error)
{
  const char *sku = lum_doc_line_get_sku (self->line);
  g_autoptr(LumProduct) product = NULL;
  gint64 quantity = lum_doc_line_get_quantity (self->line);

  g_return_val_if_fail (LUM_IS_LINE_ROW (self), FALSE);

  if (lum_str_empty (sku))
    {
      g_set_error_literal (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_LINE, _("Type the SKU of a product"));
      return FALSE;
    }
  if ((product = find_product (self, sku)) == NULL)
    {
      g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_LINE,
                   _("SKU “%s” is not a product; add it on the Products page first"), sku);
      return FALSE;
    }
  if (quantity <= 0 || quantity > LUM_LINE_MAX_QUANTITY)
    {
      g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_LINE,
                   _("Quantity %" PRId64 " must be a whole number from 1 to %d"),
                   quantity, LUM_LINE_MAX_QUANTITY);
      return FALSE;
    }
  return lum_line_row_check_price (self, error);
}

/**
 * lum_line_row_check_price:
 *
 * Whether the unit price typed is an amount the engine takes (or empty).
 */
gboolean
lum_line_row_check_price (LumLineRow  *self,
                          GError     **error)
{
  g_return_val_if_fail (LUM_IS_LINE_ROW (self), FALSE);

  if (!self->price_valid)
    {
      g_autofree char *example = lum_money_example ();

      g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_LINE,
                   _("Unit price “%s” is not an amount such as %s"),
                   gtk_editable_get_text (GTK_EDITABLE (self->price_entry)), example);
      return FALSE;
    }
  if (lum_doc_line_get_unit_price_cents (self->line) > LUM_LINE_MAX_PRICE_CENTS)
    {
      g_set_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_LINE,
                   _("Unit price “%s” is too large"),
                   gtk_editable_get_text (GTK_EDITABLE (self->price_entry)));
      return FALSE;
    }
  return TRUE;
}

/* Names the row for screen readers: “Line 2”. */
void
lum_line_row_set_number (LumLineRow *self,
                         guint       number)
{
  g_autofree char *label = NULL;

  g_return_if_fail (LUM_IS_LINE_ROW (self));

  label = g_strdup_printf (_("Line %u"), number);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/**
 * lum_line_row_set_error:
 * @message: (nullable): why the line was refused, or %NULL to clear
 */
void
lum_line_row_set_error (LumLineRow *self,
                        const char *message)
{
  g_return_if_fail (LUM_IS_LINE_ROW (self));

  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (self->error_box, message != NULL);
  lum_ui_set_error_message (GTK_WIDGET (self), message ? GTK_WIDGET (self->error_label) : NULL);
  if (message != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
}

void
lum_line_row_focus_sku (LumLineRow *self)
{
  g_return_if_fail (LUM_IS_LINE_ROW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->sku_entry));
}

/**
 * lum_line_row_get_popover:
 *
 * Returns: (transfer none): the SKU suggestions
 */
LumSuggestionPopover *
lum_line_row_get_popover (LumLineRow *self)
{
  g_return_val_if_fail (LUM_IS_LINE_ROW (self), NULL);
  return self->popover;
}

/**
 * lum_line_row_set_channel:
 * @channel: (nullable): the order's channel, whose OMS's stock the row
 *   shows; %NULL shows none (an invoice, no channel chosen)
 */
void
lum_line_row_set_channel (LumLineRow *self,
                          LumChannel *channel)
{
  g_return_if_fail (LUM_IS_LINE_ROW (self));
  g_return_if_fail (channel == NULL || LUM_IS_CHANNEL (channel));

  g_set_object (&self->channel, channel);
  update_stock (self);
}

/**
 * lum_line_row_get_shortfall:
 * @available: (out) (optional): what the OMS reported available
 *
 * Returns: whether the line's quantity exceeds what the channel's OMS
 *   last reported available; %FALSE when it reports none or was not read
 */
gboolean
lum_line_row_get_shortfall (LumLineRow *self,
                            gint64     *available)
{
  g_return_val_if_fail (LUM_IS_LINE_ROW (self), FALSE);

  if (available != NULL)
    *available = self->availability.available;
  return self->availability.report == LUM_STOCK_READ &&
         lum_doc_line_get_quantity (self->line) > self->availability.available;
}

/* The stock label's text, for the tests. */
const char *
lum_line_row_get_stock_text (LumLineRow *self)
{
  g_return_val_if_fail (LUM_IS_LINE_ROW (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->stock_label)) ? gtk_label_get_text (self->stock_label) : NULL;
}

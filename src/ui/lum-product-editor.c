/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "lum-form-util.h"
#include "lum-product-editor.h"
#include "lum-ui-format.h"
#include "lum-ui-util.h"
#include "lum-text.h"
#include "lum-util.h"
#include "store/lum-store-version.h"

/* A product: SKU, name, unit price and weight. The SKU is what the engine
 * keys products by, so a saved product keeps it. */
struct _LumProductEditor
{
  AdwWindow        parent_instance;

  LumEngine       *engine;
  LumProduct      *original;
  gboolean         loading;
  gboolean         modified;
  GPtrArray       *error_rows;

  AdwWindowTitle  *window_title;
  AdwToastOverlay *toast_overlay;
  GtkWidget       *save_button;
  GtkWidget       *sku_row;
  GtkWidget       *name_row;
  GtkWidget       *price_row;
  GtkWidget       *weight_row;
};

G_DEFINE_FINAL_TYPE (LumProductEditor, lum_product_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_ENGINE,
  PROP_PRODUCT,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
dup_text (GtkWidget *row)
{
  return lum_strip_dup (gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
show_row_error (LumProductEditor *self,
                GtkWidget        *row,
                const char       *message)
{
  lum_form_set_row_error (row, message);
  g_ptr_array_add (self->error_rows, row);
}

static void
clear_errors (LumProductEditor *self)
{
  for (guint i = 0; i < self->error_rows->len; i++)
    lum_form_clear_row_error (g_ptr_array_index (self->error_rows, i));
  g_ptr_array_set_size (self->error_rows, 0);
}

/* The product the rows describe, with every refused value under its row:
 * what does not parse, and what the engine's checks refuse of the rest.
 * %NULL when a row was refused. */
static LumProduct *
read_product (LumProductEditor *self)
{
  g_autofree char *sku = dup_text (self->sku_row);
  g_autofree char *name = dup_text (self->name_row);
  g_autofree char *price_text = dup_text (self->price_row);
  g_autofree char *weight_text = dup_text (self->weight_row);
  g_autoptr(LumProduct) product = NULL;
  gboolean price_parsed, weight_parsed = TRUE;
  GtkWidget *rows[LUM_PRODUCT_N_FIELDS] = { self->sku_row, self->name_row, self->price_row, self->weight_row };
  gint64 price = 0;
  double weight = 0;
  char *end = NULL;

  price_parsed = lum_money_parse (price_text, &price);
  if (!price_parsed)
    {
      g_autofree char *example = lum_money_example ();
      g_autofree char *message = g_strdup_printf (_("Unit price “%s” is not an amount such as %s"), price_text, example);

      show_row_error (self, self->price_row, message);
    }
  if (*weight_text != '\0')
    {
      weight = g_ascii_strtod (weight_text, &end);
      weight_parsed = end != weight_text && *end == '\0';
      if (!weight_parsed)
        {
          g_autofree char *message = g_strdup_printf (_("Weight “%s” is not a number of ounces such as 8 or 12.5"), weight_text);

          show_row_error (self, self->weight_row, message);
          weight = 0;
        }
    }

  product = lum_product_new (sku, name, price, weight);
  lum_product_set_id (product, self->original ? lum_product_get_id (self->original) : 0);
  /* the version the editor loaded: a save since then is refused */
  lum_product_set_version (product, self->original ? lum_product_get_version (self->original) : 0);
  for (LumProductField f = 0; f < LUM_PRODUCT_N_FIELDS; f++)
    {
      g_autoptr(GError) error = NULL;

      if ((f == LUM_PRODUCT_FIELD_PRICE && !price_parsed) || (f == LUM_PRODUCT_FIELD_WEIGHT && !weight_parsed))
        continue;
      if (!lum_product_check_field (product, f, &error))
        show_row_error (self, rows[f], error->message);
    }
  if (self->error_rows->len > 0)
    {
      /* the keyboard on the topmost refused row */
      for (LumProductField f = 0; f < LUM_PRODUCT_N_FIELDS; f++)
        if (g_ptr_array_find (self->error_rows, rows[f], NULL))
          {
            gtk_widget_grab_focus (rows[f]);
            break;
          }
      return NULL;
    }
  return g_steal_pointer (&product);
}

/* -- callbacks ------------------------------------------------------------ */

static void
on_changed_cb (LumProductEditor *self,
               GtkWidget        *row)
{
  if (self->loading || self->error_rows == NULL)
    return;
  self->modified = TRUE;
  if (g_ptr_array_remove (self->error_rows, row))
    lum_form_clear_row_error (row);
}

static void
load_product (LumProductEditor *self)
{
  g_autofree char *price = lum_ui_format_money_entry (lum_product_get_unit_price_cents (self->original));
  g_autofree char *weight = g_strdup_printf ("%g", lum_product_get_weight_oz (self->original));

  self->loading = TRUE;
  adw_window_title_set_subtitle (self->window_title, lum_product_get_sku (self->original));
  gtk_editable_set_text (GTK_EDITABLE (self->sku_row), lum_product_get_sku (self->original));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), lum_product_get_name (self->original));
  gtk_editable_set_text (GTK_EDITABLE (self->price_row), price);
  gtk_editable_set_text (GTK_EDITABLE (self->weight_row), weight);
  self->loading = FALSE;
}

static void save_product (LumProductEditor *self);

static gboolean
save_anyway_idle_cb (gpointer user_data)
{
  save_product (user_data);
  return G_SOURCE_REMOVE;
}

static void
on_changed_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        LumProductEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumProduct) stored = NULL;

  if (g_strcmp0 (response, "reload") != 0 && g_strcmp0 (response, "save-anyway") != 0)
    return;
  if ((stored = lum_engine_find_product (self->engine, lum_product_get_sku (self->original), &error)) == NULL)
    {
      lum_form_toast_error (self->toast_overlay, error);
      return;
    }
  if (g_strcmp0 (response, "reload") == 0)
    {
      /* the clerk's changes go, the product as saved comes */
      g_set_object (&self->original, stored);
      load_product (self);
      self->modified = FALSE;
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   lum_ui_toast_new (_("Reloaded as saved by the other person")));
      return;
    }
  /* Save Anyway: over the version saved now; the editor closes after, so
   * the dialog goes first */
  lum_product_set_version (self->original, lum_product_get_version (stored));
  g_idle_add_full (G_PRIORITY_DEFAULT, save_anyway_idle_cb, g_object_ref (self), g_object_unref);
}

static void
save_product (LumProductEditor *self)
{
  g_autoptr(LumProductEditor) hold = g_object_ref (self);
  g_autoptr(LumProduct) product = NULL;
  g_autoptr(GError) error = NULL;

  clear_errors (self);
  if ((product = read_product (self)) == NULL)
    return;
  /* every field passed: what is left is the database's, which no row shows */
  if (!lum_engine_save_product (self->engine, product, &error))
    {
      if (g_error_matches (error, LUM_STORE_ERROR, LUM_STORE_ERROR_CHANGED))
        {
          GtkWidget *dialog = lum_form_changed_dialog_new (GTK_WINDOW (self), error);

          g_signal_connect_object (dialog, "response", G_CALLBACK (on_changed_response_cb), self, 0);
          gtk_window_present (GTK_WINDOW (dialog));
          return;
        }
      lum_form_toast_error (self->toast_overlay, error);
      return;
    }
  self->modified = FALSE;
  g_signal_emit (self, signals[SAVED], 0, product);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save_product (LUM_PRODUCT_EDITOR (widget));
}

static void
on_discard_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        LumProductEditor *self)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;
  self->modified = FALSE;
  lum_form_destroy_later (GTK_WINDOW (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* -- GObject -------------------------------------------------------------- */

static gboolean
lum_product_editor_close_request (GtkWindow *window)
{
  LumProductEditor *self = LUM_PRODUCT_EDITOR (window);
  GtkWidget *dialog;

  if (!self->modified)
    return GTK_WINDOW_CLASS (lum_product_editor_parent_class)->close_request (window);

  dialog = lum_form_discard_dialog_new (window,
                                        _("The changes to this product have not been saved."));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
lum_product_editor_constructed (GObject *object)
{
  LumProductEditor *self = (LumProductEditor *)object;
  gboolean is_new = self->original == NULL || lum_product_get_id (self->original) == 0;
  const char *title = is_new ? _("New Product") : _("Edit Product");

  G_OBJECT_CLASS (lum_product_editor_parent_class)->constructed (object);

  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
  if (self->original != NULL)
    load_product (self);
  /* Products are found by SKU: a saved one keeps its. */
  gtk_widget_set_sensitive (self->sku_row, is_new);
  gtk_widget_grab_focus (is_new ? self->sku_row : self->name_row);
  lum_ui_name_buttons_by_label (GTK_WIDGET (self));
}

static void
lum_product_editor_dispose (GObject *object)
{
  LumProductEditor *self = (LumProductEditor *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), LUM_TYPE_PRODUCT_EDITOR);
  g_clear_object (&self->original);
  g_clear_object (&self->engine);
  g_clear_pointer (&self->error_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (lum_product_editor_parent_class)->dispose (object);
}

static void
lum_product_editor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LumProductEditor *self = LUM_PRODUCT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      self->engine = g_value_dup_object (value);
      break;
    case PROP_PRODUCT:
      self->original = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_product_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LumProductEditor *self = LUM_PRODUCT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    case PROP_PRODUCT:
      g_value_set_object (value, self->original);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_product_editor_class_init (LumProductEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = lum_product_editor_constructed;
  object_class->dispose = lum_product_editor_dispose;
  object_class->get_property = lum_product_editor_get_property;
  object_class->set_property = lum_product_editor_set_property;
  window_class->close_request = lum_product_editor_close_request;

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, LUM_TYPE_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRODUCT] =
    g_param_spec_object ("product", NULL, NULL, LUM_TYPE_PRODUCT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LumProductEditor::saved:
   * @product: the product as saved
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, LUM_TYPE_PRODUCT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lumenapp/Lumen/lum-product-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, LumProductEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, LumProductEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LumProductEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, LumProductEditor, sku_row);
  gtk_widget_class_bind_template_child (widget_class, LumProductEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, LumProductEditor, price_row);
  gtk_widget_class_bind_template_child (widget_class, LumProductEditor, weight_row);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
}

static void
lum_product_editor_init (LumProductEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->error_rows = g_ptr_array_new ();
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);
}

/**
 * lum_product_editor_new:
 * @product: (nullable): the product as stored, or %NULL for a new one
 */
LumProductEditor *
lum_product_editor_new (GtkWindow  *parent,
                        LumEngine  *engine,
                        LumProduct *product)
{
  return g_object_new (LUM_TYPE_PRODUCT_EDITOR,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       "engine", engine,
                       "product", product,
                       NULL);
}

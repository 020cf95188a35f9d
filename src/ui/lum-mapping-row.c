/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "lum-field-catalog.h"
#include "lum-ui-util.h"
#include "lum-mapping-row.h"

/* One row of the custom field mapping: a Lumen field from the catalogue
 * → the remote field, typed as a path into the outgoing order document. */
struct _LumMappingRow
{
  GtkListBoxRow    parent_instance;

  LumFieldMapping *mapping;

  GtkLabel        *number_label;
  GtkDropDown     *field_dropdown;
  GtkEntry        *remote_entry;
  GtkLabel        *error_label;
};

G_DEFINE_FINAL_TYPE (LumMappingRow, lum_mapping_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_MAPPING,
  N_PROPS
};

enum {
  MOVE,
  REMOVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What the remote field of a catalogue field typically is, as a hint. */
static const struct {
  const char *key;
  const char *example;
} examples[] = {
  { "shipping_notes", "shippingNotes" },
  { "shipping_type", "routingInfo.mode" },
  { "internal_notes", "internalNotes" },
  { "customer_notes", "customerNotes" },
  { "po_number", "poNum" },
  { "gift_message", "savedElements[name=GiftMessage]" },
  { "customer_email", "customerEmail" },
};

static const char *
example_for (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    if (g_strcmp0 (examples[i].key, key) == 0)
      return examples[i].example;
  return "advancedOptions.customField1";
}

static void
clear_error (LumMappingRow *self)
{
  lum_mapping_row_set_error (self, NULL);
}

static void
on_field_selected_cb (LumMappingRow *self)
{
  guint n_fields;
  const LumFieldInfo *fields = lum_field_catalog_get (&n_fields);
  guint selected = gtk_drop_down_get_selected (self->field_dropdown);

  if (self->mapping == NULL || selected >= n_fields)
    return;

  lum_field_mapping_set_lumen_field (self->mapping, fields[selected].key);
  gtk_entry_set_placeholder_text (self->remote_entry, example_for (fields[selected].key));
  clear_error (self);
}

static void
on_remote_changed_cb (LumMappingRow *self)
{
  if (self->mapping == NULL)
    return;

  lum_field_mapping_set_remote_field (self->mapping, gtk_editable_get_text (GTK_EDITABLE (self->remote_entry)));
  clear_error (self);
}

static void
row_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LumMappingRow *self = LUM_MAPPING_ROW (widget);

  if (g_str_equal (action_name, "row.move-up"))
    g_signal_emit (self, signals[MOVE], 0, -1);
  else if (g_str_equal (action_name, "row.move-down"))
    g_signal_emit (self, signals[MOVE], 0, 1);
  else if (g_str_equal (action_name, "row.remove"))
    g_signal_emit (self, signals[REMOVE], 0);
}

static void
load_mapping (LumMappingRow *self)
{
  guint n_fields;
  const LumFieldInfo *fields = lum_field_catalog_get (&n_fields);
  const char *key = lum_field_mapping_get_lumen_field (self->mapping);
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, key) == 0)
      position = i;

  /* Writing back what is loaded is harmless: the values are the same. */
  gtk_drop_down_set_selected (self->field_dropdown, position);
  gtk_editable_set_text (GTK_EDITABLE (self->remote_entry),
                         lum_field_mapping_get_remote_field (self->mapping) ?: "");
  gtk_entry_set_placeholder_text (self->remote_entry, example_for (key));
}

static void
lum_mapping_row_constructed (GObject *object)
{
  LumMappingRow *self = (LumMappingRow *)object;

  G_OBJECT_CLASS (lum_mapping_row_parent_class)->constructed (object);

  if (self->mapping != NULL)
    load_mapping (self);
}

static void
lum_mapping_row_dispose (GObject *object)
{
  LumMappingRow *self = (LumMappingRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), LUM_TYPE_MAPPING_ROW);
  g_clear_object (&self->mapping);

  G_OBJECT_CLASS (lum_mapping_row_parent_class)->dispose (object);
}

static void
lum_mapping_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LumMappingRow *self = LUM_MAPPING_ROW (object);

  switch (prop_id)
    {
    case PROP_MAPPING:
      g_value_set_object (value, self->mapping);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_mapping_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LumMappingRow *self = LUM_MAPPING_ROW (object);

  switch (prop_id)
    {
    case PROP_MAPPING:
      self->mapping = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_mapping_row_class_init (LumMappingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lum_mapping_row_constructed;
  object_class->dispose = lum_mapping_row_dispose;
  object_class->get_property = lum_mapping_row_get_property;
  object_class->set_property = lum_mapping_row_set_property;

  properties[PROP_MAPPING] =
    g_param_spec_object ("mapping", NULL, NULL, LUM_TYPE_FIELD_MAPPING,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LumMappingRow::move:
   * @delta: -1 to move the row up, 1 to move it down
   */
  signals[MOVE] = g_signal_new ("move", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lumenapp/Lumen/lum-mapping-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LumMappingRow, number_label);
  gtk_widget_class_bind_template_child (widget_class, LumMappingRow, field_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LumMappingRow, remote_entry);
  gtk_widget_class_bind_template_child (widget_class, LumMappingRow, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_field_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_remote_changed_cb);

  gtk_widget_class_install_action (widget_class, "row.move-up", NULL, row_action);
  gtk_widget_class_install_action (widget_class, "row.move-down", NULL, row_action);
  gtk_widget_class_install_action (widget_class, "row.remove", NULL, row_action);
}

static void
lum_mapping_row_init (LumMappingRow *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint n_fields;
  const LumFieldInfo *fields = lum_field_catalog_get (&n_fields);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < n_fields; i++)
    gtk_string_list_append (labels, _(fields[i].label));
  gtk_drop_down_set_model (self->field_dropdown, G_LIST_MODEL (labels));
  lum_ui_drop_down_make_accessible (self->field_dropdown);
}

GtkWidget *
lum_mapping_row_new (LumFieldMapping *mapping)
{
  return g_object_new (LUM_TYPE_MAPPING_ROW, "mapping", mapping, NULL);
}

LumFieldMapping *
lum_mapping_row_get_mapping (LumMappingRow *self)
{
  g_return_val_if_fail (LUM_IS_MAPPING_ROW (self), NULL);
  return self->mapping;
}

/**
 * lum_mapping_row_set_number:
 * @number: the row's position, from 1, as error messages count rows
 *
 * Shows the number and offers moving only where the row can go.
 */
void
lum_mapping_row_set_number (LumMappingRow *self,
                            guint          number,
                            guint          n_rows)
{
  g_autofree char *text = g_strdup_printf ("%u", number);

  g_return_if_fail (LUM_IS_MAPPING_ROW (self));

  gtk_label_set_text (self->number_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.move-up", number > 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.move-down", number < n_rows);
}

/**
 * lum_mapping_row_set_error:
 * @message: (nullable): why the row was refused, or %NULL to clear
 */
void
lum_mapping_row_set_error (LumMappingRow *self,
                           const char    *message)
{
  g_return_if_fail (LUM_IS_MAPPING_ROW (self));

  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  lum_ui_set_error_message (GTK_WIDGET (self->remote_entry), message ? GTK_WIDGET (self->error_label) : NULL);
  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->remote_entry), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->remote_entry), "error");
    }
}

void
lum_mapping_row_focus_remote_field (LumMappingRow *self)
{
  g_return_if_fail (LUM_IS_MAPPING_ROW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->remote_entry));
}

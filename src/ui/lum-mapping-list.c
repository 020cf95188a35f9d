/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "lum-field-catalog.h"
#include "lum-mapping-list.h"
#include "lum-mapping-row.h"

/*
 * LumMappingList: the field mappings of the channel editor, one
 * LumMappingRow each in the editor's list box, in the order the rules
 * apply them. The rows move and remove their mappings; the list numbers
 * them again after each change.
 *
 * The mappings are copies: the editor reads them back into the channel on
 * Save.
 */
struct _LumMappingList
{
  GObject     parent_instance;

  GtkListBox *list_box;
  GListStore *mappings;
};

G_DEFINE_FINAL_TYPE (LumMappingList, lum_mapping_list, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
renumber_rows (LumMappingList *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->mappings));

  for (guint i = 0; i < n; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list_box, i);

      if (LUM_IS_MAPPING_ROW (row))
        lum_mapping_row_set_number (LUM_MAPPING_ROW (row), i + 1, n);
    }
}

static void
on_row_move_cb (LumMappingRow  *row,
                int             delta,
                LumMappingList *self)
{
  int from = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  int to = from + delta;
  g_autoptr(LumFieldMapping) mapping = NULL;
  GtkListBoxRow *moved;

  if (from < 0 || to < 0 || to >= (int)g_list_model_get_n_items (G_LIST_MODEL (self->mappings)))
    return;

  mapping = g_list_model_get_item (G_LIST_MODEL (self->mappings), from);
  g_list_store_remove (self->mappings, from);
  g_list_store_insert (self->mappings, to, mapping);

  /* Keep the keyboard on the row that moved. */
  moved = gtk_list_box_get_row_at_index (self->list_box, to);
  if (moved != NULL)
    gtk_widget_child_focus (GTK_WIDGET (moved), GTK_DIR_TAB_FORWARD);
}

static void
on_row_remove_cb (LumMappingRow  *row,
                  LumMappingList *self)
{
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));

  if (index >= 0)
    g_list_store_remove (self->mappings, index);
}

static void
on_mapping_notify_cb (LumMappingList *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  LumMappingList *self = user_data;
  GtkWidget *row = lum_mapping_row_new (item);

  g_signal_connect_object (row, "move", G_CALLBACK (on_row_move_cb), self, 0);
  g_signal_connect_object (row, "remove", G_CALLBACK (on_row_remove_cb), self, 0);
  g_signal_connect_object (item, "notify", G_CALLBACK (on_mapping_notify_cb), self, G_CONNECT_SWAPPED);
  return row;
}

static void
on_items_changed_cb (LumMappingList *self)
{
  renumber_rows (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
lum_mapping_list_dispose (GObject *object)
{
  LumMappingList *self = LUM_MAPPING_LIST (object);

  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  g_clear_object (&self->list_box);
  g_clear_object (&self->mappings);

  G_OBJECT_CLASS (lum_mapping_list_parent_class)->dispose (object);
}

static void
lum_mapping_list_class_init (LumMappingListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lum_mapping_list_dispose;

  /**
   * LumMappingList::changed:
   *
   * A mapping was added, removed, moved or edited; the rows are numbered
   * again already.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lum_mapping_list_init (LumMappingList *self)
{
  self->mappings = g_list_store_new (LUM_TYPE_FIELD_MAPPING);
}

/**
 * lum_mapping_list_new:
 * @list_box: the list to show the rows in; its rows are the mappings'
 *   from now on
 */
LumMappingList *
lum_mapping_list_new (GtkListBox *list_box)
{
  LumMappingList *self;
  GtkWidget *placeholder;

  g_return_val_if_fail (GTK_IS_LIST_BOX (list_box), NULL);

  self = g_object_new (LUM_TYPE_MAPPING_LIST, NULL);
  self->list_box = g_object_ref (list_box);

  placeholder = gtk_label_new (_("No fields are mapped"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_list_box_set_placeholder (list_box, placeholder);
  gtk_list_box_bind_model (list_box, G_LIST_MODEL (self->mappings), create_row, self, NULL);
  g_signal_connect_object (self->mappings, "items-changed", G_CALLBACK (on_items_changed_cb),
                           self, G_CONNECT_SWAPPED);
  return self;
}

/**
 * lum_mapping_list_get_mappings:
 *
 * Returns: (transfer none): the #LumFieldMapping rows, in their order
 */
GListModel *
lum_mapping_list_get_mappings (LumMappingList *self)
{
  g_return_val_if_fail (LUM_IS_MAPPING_LIST (self), NULL);
  return G_LIST_MODEL (self->mappings);
}

/**
 * lum_mapping_list_set_mappings:
 * @mappings: the #LumFieldMapping list of a channel
 *
 * Shows copies of @mappings in place of the rows.
 */
void
lum_mapping_list_set_mappings (LumMappingList *self,
                               GListModel     *mappings)
{
  g_return_if_fail (LUM_IS_MAPPING_LIST (self));
  g_return_if_fail (G_IS_LIST_MODEL (mappings));

  g_list_store_remove_all (self->mappings);
  for (guint i = 0; i < g_list_model_get_n_items (mappings); i++)
    {
      g_autoptr(LumFieldMapping) m = g_list_model_get_item (mappings, i);
      g_autoptr(LumFieldMapping) copy = lum_field_mapping_new (lum_field_mapping_get_lumen_field (m),
                                                               lum_field_mapping_get_remote_field (m));
      g_list_store_append (self->mappings, copy);
    }
}

/**
 * lum_mapping_list_add:
 *
 * Adds a row for the first catalogue field not mapped yet and puts the
 * keyboard in its remote field.
 */
void
lum_mapping_list_add (LumMappingList *self)
{
  guint n_fields;
  const LumFieldInfo *fields = lum_field_catalog_get (&n_fields);
  guint n;
  const char *key = fields[0].key;
  g_autoptr(LumFieldMapping) mapping = NULL;
  GtkListBoxRow *row;

  g_return_if_fail (LUM_IS_MAPPING_LIST (self));

  /* Offer the first catalogue field that is not mapped yet. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->mappings));
  for (guint f = 0; f < n_fields; f++)
    {
      gboolean used = FALSE;

      for (guint i = 0; i < n && !used; i++)
        {
          g_autoptr(LumFieldMapping) m = g_list_model_get_item (G_LIST_MODEL (self->mappings), i);
          used = g_strcmp0 (lum_field_mapping_get_lumen_field (m), fields[f].key) == 0;
        }
      if (!used)
        {
          key = fields[f].key;
          break;
        }
    }

  mapping = lum_field_mapping_new (key, "");
  g_list_store_append (self->mappings, mapping);

  row = gtk_list_box_get_row_at_index (self->list_box, n);
  if (LUM_IS_MAPPING_ROW (row))
    lum_mapping_row_focus_remote_field (LUM_MAPPING_ROW (row));
}

/**
 * lum_mapping_list_clear_errors:
 *
 * Takes the marks of refused mappings off every row.
 */
void
lum_mapping_list_clear_errors (LumMappingList *self)
{
  g_return_if_fail (LUM_IS_MAPPING_LIST (self));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (LUM_IS_MAPPING_ROW (child))
      lum_mapping_row_set_error (LUM_MAPPING_ROW (child), NULL);
}

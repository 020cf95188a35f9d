/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "lum-conflict-group.h"
#include "lum-ui-util.h"

/* The shipment conflicts of an order on its page: the warehouse's
 * shipment beside the one recorded by hand, what differs, and the two
 * ways out; a resolved one says which side was kept. Emits "resolved". */
struct _LumConflictGroup
{
  AdwBin               parent_instance;

  LumEngine           *engine;
  gint64               order_id;
  AdwPreferencesGroup *group;
  GPtrArray           *rows;
};

G_DEFINE_FINAL_TYPE (LumConflictGroup, lum_conflict_group, ADW_TYPE_BIN)

enum {
  RESOLVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
add_row (LumConflictGroup *self,
         const char       *title,
         const char       *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (self->group, row);
  g_ptr_array_add (self->rows, row);
  return row;
}

static GtkWidget *
add_keep_button (GtkWidget   *row,
                 const char  *label,
                 const char  *action,
                 gint64       conflict_id)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (conflict_id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return button;
}

static char *
side_text (const char *carrier,
           const char *tracking)
{
  /* Translators: a carrier and a tracking number */
  return g_strdup_printf (_("%s · tracking %s"), carrier, *tracking ? tracking : "—");
}

static void
add_conflict (LumConflictGroup    *self,
              LumShipmentConflict *c)
{
  gint64 id = lum_shipment_conflict_get_int (c, LUM_CONFLICT_ID);
  const char *theirs = lum_shipment_conflict_get_text (c, LUM_CONFLICT_TRACKING_NUMBER);
  const char *mine = lum_shipment_conflict_get_text (c, LUM_CONFLICT_RECORDED_TRACKING_NUMBER);
  g_autofree char *warehouse = side_text (lum_shipment_conflict_get_text (c, LUM_CONFLICT_CARRIER), theirs);
  g_autofree char *recorded = side_text (lum_shipment_conflict_get_text (c, LUM_CONFLICT_RECORDED_CARRIER), mine);
  g_autofree char *difference = lum_shipment_conflict_dup_difference (c);
  g_autofree char *differs = g_strdup_printf (_("They differ in the %s"), difference);
  GtkWidget *row;

  if (!lum_shipment_conflict_is_open (c))
    {
      gboolean kept_warehouse = g_str_equal (lum_shipment_conflict_get_text (c, LUM_CONFLICT_RESOLUTION),
                                             LUM_CONFLICT_KEEP_WAREHOUSE);
      g_autofree char *subtitle = g_strdup_printf (_("Kept %s; %s stays on record"),
                                                   kept_warehouse ? theirs : mine, kept_warehouse ? mine : theirs);

      add_row (self, kept_warehouse ? _("Resolved: the warehouse’s shipment kept")
                                    : _("Resolved: the shipment recorded by hand kept"), subtitle);
      return;
    }

  row = add_row (self, _("Reported by the warehouse"), warehouse);
  gtk_widget_set_name (row, "conflict-warehouse");
  add_keep_button (row, _("Keep the _Warehouse’s"), "conflict.keep-warehouse", id);
  row = add_row (self, _("Recorded by hand"), recorded);
  gtk_widget_set_name (row, "conflict-mine");
  add_keep_button (row, _("Keep _Mine"), "conflict.keep-mine", id);
  add_row (self, _("What differs"), differs);
}

static void
resolve (LumConflictGroup *self,
         GVariant         *parameter,
         gboolean          keep_warehouse)
{
  g_autoptr(GError) error = NULL;

  if (!lum_engine_resolve_shipment_conflict (self->engine, g_variant_get_int64 (parameter), keep_warehouse, &error))
    g_warning ("Cannot resolve shipment conflict: %s", error->message);
  g_signal_emit (self, signals[RESOLVED], 0);
  lum_conflict_group_show_order (self, self->engine, self->order_id);
}

static void
keep_warehouse_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  resolve (LUM_CONFLICT_GROUP (widget), parameter, TRUE);
}

static void
keep_mine_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  resolve (LUM_CONFLICT_GROUP (widget), parameter, FALSE);
}

static void
lum_conflict_group_dispose (GObject *object)
{
  LumConflictGroup *self = LUM_CONFLICT_GROUP (object);

  g_clear_object (&self->engine);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (lum_conflict_group_parent_class)->dispose (object);
}

static void
lum_conflict_group_class_init (LumConflictGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lum_conflict_group_dispose;
  signals[RESOLVED] = g_signal_new ("resolved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_install_action (widget_class, "conflict.keep-warehouse", "x", keep_warehouse_action);
  gtk_widget_class_install_action (widget_class, "conflict.keep-mine", "x", keep_mine_action);
}

static void
lum_conflict_group_init (LumConflictGroup *self)
{
  self->rows = g_ptr_array_new ();
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Shipment Conflict"));
  adw_preferences_group_set_description (self->group,
                                         _("The warehouse reported its own shipment of this order, unlike the one "
                                           "marked as shipped by hand. Keep one: both tracking numbers stay on "
                                           "record."));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->group));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/**
 * lum_conflict_group_show_order:
 *
 * Shows the order's shipment conflicts; hidden when it has none.
 */
void
lum_conflict_group_show_order (LumConflictGroup *self,
                               LumEngine        *engine,
                               gint64            order_id)
{
  g_autoptr(GListStore) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  gboolean open = FALSE;

  g_return_if_fail (LUM_IS_CONFLICT_GROUP (self));

  g_set_object (&self->engine, engine);
  self->order_id = order_id;
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);

  conflicts = order_id != 0 ? lum_engine_list_shipment_conflicts (engine, order_id, &error) : NULL;
  if (error != NULL)
    g_warning ("Cannot list the shipment conflicts: %s", error->message);
  for (guint i = 0; conflicts != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (conflicts)); i++)
    {
      g_autoptr(LumShipmentConflict) c = g_list_model_get_item (G_LIST_MODEL (conflicts), i);

      open |= lum_shipment_conflict_is_open (c);
      add_conflict (self, c);
    }
  if (open)
    gtk_widget_add_css_class (GTK_WIDGET (self->group), "lum-conflict");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->group), "lum-conflict");
  gtk_widget_set_visible (GTK_WIDGET (self), conflicts != NULL && g_list_model_get_n_items (G_LIST_MODEL (conflicts)) > 0);
  lum_ui_name_buttons_by_label (GTK_WIDGET (self));
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "sync/lum-sync-remote.h"
#include "lum-store-chooser.h"
#include "lum-engine-setup.h"

/*
 * LumStoreChooser: the rows of the channel editor that choose the store a
 * channel pushes to, in the OMS it pushes to.
 *
 * The store row offers the stores last listed from the OMS, then a last
 * choice to type an ID in the ID row. The stores are also listed live from
 * the OMS; the status row shows a spinner while that runs, and when it
 * failed, why, with Retry, while the list known from before stays.
 *
 * The rows are the editor's template children: the editor says when they
 * take input (lum_store_chooser_update_rows()), since that depends on
 * whether the channel pushes at all.
 */

typedef enum
{
  STORES_IDLE,
  STORES_LOADING,
  STORES_FAILED,
} StoresState;

struct _LumStoreChooser
{
  GObject       parent_instance;

  LumEngine    *engine;
  GCancellable *cancellable;
  gint64        stores_for;
  char         *stores_for_name;
  StoresState   state;
  gboolean      filling;
  GPtrArray    *stores;

  AdwComboRow  *store_row;
  AdwEntryRow  *store_id_row;
  AdwActionRow *status_row;
  GtkStack     *status_stack;
  GtkSpinner   *spinner;
  GtkWidget    *retry_button;
};

G_DEFINE_FINAL_TYPE (LumStoreChooser, lum_store_chooser, G_TYPE_OBJECT)

enum {
  STATUS_CHANGED,
  FETCHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* @known as the choices of the store row, and a last choice to type an id;
 * @store_id selected among them. Without @store_id nothing is selected: the
 * clerk chooses the store, since a wrong one sends orders to the wrong shop. */
static void
fill (LumStoreChooser *self,
      GListModel      *known,
      const char      *store_id)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = GTK_INVALID_LIST_POSITION;
  gboolean found = FALSE;

  self->filling = TRUE;
  g_ptr_array_set_size (self->stores, 0);

  for (guint i = 0; known != NULL && i < g_list_model_get_n_items (known); i++)
    {
      g_autoptr(LumRemoteStore) store = g_list_model_get_item (known, i);
      g_autofree char *label = lum_remote_store_dup_label (store);

      if (!found && g_strcmp0 (lum_remote_store_get_remote_id (store), store_id) == 0)
        {
          selected = i;
          found = TRUE;
        }
      gtk_string_list_append (labels, label);
      g_ptr_array_add (self->stores, g_steal_pointer (&store));
    }
  gtk_string_list_append (labels, _("Other Store (Enter ID)"));
  /* an id of none of them, or nothing to choose from: the ID row */
  if (!found && ((store_id != NULL && *store_id != '\0') || self->stores->len == 0))
    selected = self->stores->len;

  adw_combo_row_set_model (self->store_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->store_row, selected);
  gtk_editable_set_text (GTK_EDITABLE (self->store_id_row), !found && store_id ? store_id : "");
  self->filling = FALSE;
}

static void
set_state (LumStoreChooser *self,
           StoresState      state,
           const char      *title,
           const char      *subtitle)
{
  self->state = state;
  if (state == STORES_LOADING)
    {
      gtk_stack_set_visible_child_name (self->status_stack, "loading");
      gtk_spinner_start (self->spinner);
    }
  else
    {
      gtk_stack_set_visible_child_name (self->status_stack, "error");
      gtk_spinner_stop (self->spinner);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), title ? title : "");
  adw_action_row_set_subtitle (self->status_row, subtitle ? subtitle : "");
  gtk_widget_set_visible (self->retry_button, state == STORES_FAILED);
  if (state == STORES_FAILED)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_row), "lum-failed");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_row), "lum-failed");
  g_signal_emit (self, signals[STATUS_CHANGED], 0);
}

static char *
dup_chosen_id (LumStoreChooser *self)
{
  LumRemoteStore *store = lum_store_chooser_get_store (self);

  if (store != NULL)
    return g_strdup (lum_remote_store_get_remote_id (store));
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->store_id_row)));
}

/* Holds no reference: the chooser cancels the listing when disposed, and
 * a cancelled listing touches nothing. */
static void
on_stores_fetched_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  LumStoreChooser *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) stores = lum_sync_service_fetch_stores_finish (LUM_SYNC_SERVICE (source), result, &error);
  g_autofree char *current = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (stores == NULL)
    {
      g_autofree char *title = g_strdup_printf (_("The stores of %s cannot be listed"),
                                                self->stores_for_name ? self->stores_for_name : "");
      g_autofree char *subtitle = NULL;

      if (self->stores->len > 0)
        subtitle = g_strdup_printf (_("%s. The list shows the stores known from before."), error->message);
      else
        subtitle = g_strdup_printf (_("%s. Enter the store ID instead."), error->message);
      set_state (self, STORES_FAILED, title, subtitle);
      return;
    }

  current = dup_chosen_id (self);
  fill (self, G_LIST_MODEL (stores), current);
  set_state (self, STORES_IDLE, NULL, NULL);
  g_signal_emit (self, signals[FETCHED], 0);
}

static void
lum_store_chooser_dispose (GObject *object)
{
  LumStoreChooser *self = LUM_STORE_CHOOSER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store_row);
  g_clear_object (&self->store_id_row);
  g_clear_object (&self->status_row);
  g_clear_object (&self->status_stack);
  g_clear_object (&self->spinner);
  g_clear_object (&self->retry_button);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (lum_store_chooser_parent_class)->dispose (object);
}

static void
lum_store_chooser_finalize (GObject *object)
{
  LumStoreChooser *self = LUM_STORE_CHOOSER (object);

  g_clear_pointer (&self->stores, g_ptr_array_unref);
  g_clear_pointer (&self->stores_for_name, g_free);

  G_OBJECT_CLASS (lum_store_chooser_parent_class)->finalize (object);
}

static void
lum_store_chooser_class_init (LumStoreChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lum_store_chooser_dispose;
  object_class->finalize = lum_store_chooser_finalize;

  /**
   * LumStoreChooser::status-changed:
   *
   * A live listing started, failed or ended: the status row has something
   * else to say, and may have to show or hide.
   */
  signals[STATUS_CHANGED] =
    g_signal_new ("status-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * LumStoreChooser::fetched:
   *
   * The live list replaced the choices; the store chosen before stays
   * chosen, among them or typed.
   */
  signals[FETCHED] =
    g_signal_new ("fetched", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lum_store_chooser_init (LumStoreChooser *self)
{
  self->stores = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * lum_store_chooser_new:
 * @store_row: the known stores, and a last choice to type the ID
 * @store_id_row: the ID of a store the list does not have
 * @status_row: shown while the stores are listed live, and when that failed
 * @status_stack: the prefix of @status_row, with a "loading" and an
 *   "error" page
 * @spinner: on the "loading" page of @status_stack
 * @retry_button: the suffix of @status_row, shown when the listing failed
 *
 * Drives the rows, which stay the caller's widgets.
 */
LumStoreChooser *
lum_store_chooser_new (LumEngine    *engine,
                       AdwComboRow  *store_row,
                       AdwEntryRow  *store_id_row,
                       AdwActionRow *status_row,
                       GtkStack     *status_stack,
                       GtkSpinner   *spinner,
                       GtkWidget    *retry_button)
{
  LumStoreChooser *self;

  g_return_val_if_fail (LUM_IS_ENGINE (engine), NULL);

  self = g_object_new (LUM_TYPE_STORE_CHOOSER, NULL);
  self->engine = g_object_ref (engine);
  self->store_row = g_object_ref (store_row);
  self->store_id_row = g_object_ref (store_id_row);
  self->status_row = g_object_ref (status_row);
  self->status_stack = g_object_ref (status_stack);
  self->spinner = g_object_ref (spinner);
  self->retry_button = g_object_ref (retry_button);
  return self;
}

/**
 * lum_store_chooser_load:
 * @oms_id: the integration the channel pushes to, or 0
 * @store_id: (nullable): the store to choose; one the list does not have
 *   goes to the ID row
 *
 * Offers the stores last listed from @oms_id; the live list replaces them
 * when it arrives (lum_store_chooser_fetch()).
 */
void
lum_store_chooser_load (LumStoreChooser *self,
                        gint64           oms_id,
                        const char      *store_id)
{
  g_autoptr(GListStore) known = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LUM_IS_STORE_CHOOSER (self));

  if (oms_id != 0)
    {
      known = lum_engine_list_remote_stores (self->engine, oms_id, &error);
      if (known == NULL)
        g_warning ("Cannot list the stores of integration %" G_GINT64_FORMAT ": %s", oms_id, error->message);
    }
  fill (self, known ? G_LIST_MODEL (known) : NULL, store_id);
}

/**
 * lum_store_chooser_fetch:
 * @oms_id: the integration the channel pushes to, or 0
 * @force: whether to list the stores again when they were listed from
 *   @oms_id already
 *
 * Lists the stores of @oms_id live, in place of any listing under way.
 */
void
lum_store_chooser_fetch (LumStoreChooser *self,
                         gint64           oms_id,
                         gboolean         force)
{
  g_autoptr(LumIntegration) integration = NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (LUM_IS_STORE_CHOOSER (self));

  if (!force && oms_id == self->stores_for)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->stores_for = oms_id;
  if (oms_id != 0)
    integration = lum_engine_get_integration (self->engine, oms_id, NULL);
  if (integration == NULL)
    {
      set_state (self, STORES_IDLE, NULL, NULL);
      return;
    }

  self->cancellable = g_cancellable_new ();
  g_free (self->stores_for_name);
  self->stores_for_name = g_strdup (lum_integration_get_name (integration));
  title = g_strdup_printf (_("Listing the stores of %s…"), self->stores_for_name);
  set_state (self, STORES_LOADING, title, NULL);
  g_autoptr(LumSyncService) sync = lum_sync_service_dup_for_engine (self->engine);

  lum_sync_service_fetch_stores_async (sync, integration, self->cancellable,
                                       on_stores_fetched_cb, self);
}

/**
 * lum_store_chooser_get_store:
 *
 * Returns: (transfer none) (nullable): the store chosen among those
 *   listed, or %NULL when its ID is typed or none is chosen yet
 */
LumRemoteStore *
lum_store_chooser_get_store (LumStoreChooser *self)
{
  guint store;

  g_return_val_if_fail (LUM_IS_STORE_CHOOSER (self), NULL);

  store = adw_combo_row_get_selected (self->store_row);
  return store < self->stores->len ? g_ptr_array_index (self->stores, store) : NULL;
}

/**
 * lum_store_chooser_is_filling:
 *
 * Whether the chooser is putting a list into its rows: the signals of the
 * rows then tell no choice of the user's.
 */
gboolean
lum_store_chooser_is_filling (LumStoreChooser *self)
{
  g_return_val_if_fail (LUM_IS_STORE_CHOOSER (self), FALSE);
  return self->filling;
}

/**
 * lum_store_chooser_update_rows:
 * @active: whether the channel pushes to the OMS
 *
 * Shows the store row when there are stores to choose from, the ID row
 * when the ID is typed, and, while @active, the status row during a live
 * listing or after it failed. The store and ID rows take input only while
 * @active.
 */
void
lum_store_chooser_update_rows (LumStoreChooser *self,
                               gboolean         active)
{
  gboolean have_stores;
  gboolean typed;

  g_return_if_fail (LUM_IS_STORE_CHOOSER (self));

  have_stores = self->stores->len > 0;
  typed = !have_stores || adw_combo_row_get_selected (self->store_row) == self->stores->len;
  gtk_widget_set_visible (GTK_WIDGET (self->store_row), have_stores);
  gtk_widget_set_visible (GTK_WIDGET (self->store_id_row), typed);
  gtk_widget_set_visible (GTK_WIDGET (self->status_row), active && self->state != STORES_IDLE);

  /* Set here rather than bound in the template: a combo row sets its own
   * sensitivity whenever it gets a model. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->store_row), active);
  gtk_widget_set_sensitive (GTK_WIDGET (self->store_id_row), active);
}

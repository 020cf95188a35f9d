/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include "lum-list-relay.h"

/*
 * LumListRelay: the items of another list model, with each change that
 * both removes and adds items told in two steps: first the removal, then
 * the addition.
 *
 * When a change removes a row it shows, GTK 4.8's list and column views
 * look for that row's item in every added position, to keep it in sight.
 * A paged list that replaces all its items on a refresh would then read
 * every one of them (a million orders, page by page). Told as a removal
 * and an addition, there is nothing to look for.
 */
struct _LumListRelay
{
  GObject     parent_instance;

  GListModel *model;
  /* Between the two steps: where the change is and how many items it
   * adds, which the relay does not show yet. */
  gboolean    pending;
  guint       pending_position;
  guint       pending_added;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LumListRelay, lum_list_relay, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
lum_list_relay_get_item_type (GListModel *model)
{
  return g_list_model_get_item_type (LUM_LIST_RELAY (model)->model);
}

static guint
lum_list_relay_get_n_items (GListModel *model)
{
  LumListRelay *self = LUM_LIST_RELAY (model);
  guint n = g_list_model_get_n_items (self->model);

  return self->pending ? n - self->pending_added : n;
}

static gpointer
lum_list_relay_get_item (GListModel *model,
                         guint       position)
{
  LumListRelay *self = LUM_LIST_RELAY (model);

  if (self->pending && position >= self->pending_position)
    {
      if (position >= lum_list_relay_get_n_items (model))
        return NULL;
      position += self->pending_added;
    }
  return g_list_model_get_item (self->model, position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = lum_list_relay_get_item_type;
  iface->get_n_items = lum_list_relay_get_n_items;
  iface->get_item = lum_list_relay_get_item;
}

static void
on_items_changed_cb (GListModel   *model,
                     guint         position,
                     guint         removed,
                     guint         added,
                     LumListRelay *self)
{
  if (removed == 0 || added == 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }

  self->pending = TRUE;
  self->pending_position = position;
  self->pending_added = added;
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, 0);
  self->pending = FALSE;
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, added);
}

static void
lum_list_relay_dispose (GObject *object)
{
  LumListRelay *self = (LumListRelay *)object;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed_cb, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (lum_list_relay_parent_class)->dispose (object);
}

static void
lum_list_relay_class_init (LumListRelayClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lum_list_relay_dispose;
}

static void
lum_list_relay_init (LumListRelay *self)
{
}

/**
 * lum_list_relay_new:
 * @model: (transfer none): the model to relay
 */
LumListRelay *
lum_list_relay_new (GListModel *model)
{
  LumListRelay *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (LUM_TYPE_LIST_RELAY, NULL);
  self->model = g_object_ref (model);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), self);
  return self;
}

/**
 * lum_list_relay_get_model:
 *
 * Returns: (transfer none): the model relayed
 */
GListModel *
lum_list_relay_get_model (LumListRelay *self)
{
  g_return_val_if_fail (LUM_IS_LIST_RELAY (self), NULL);
  return self->model;
}

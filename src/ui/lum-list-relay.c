/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include "lum-list-relay.h"

/*
 * LumListRelay: the items of another list model, for GTK 4.8's list and
 * column views.
 *
 * Each change that both removes and adds items is told in two steps,
 * first the removal, then the addition. When a change removes a row it
 * shows, a 4.8 view looks for that row's item in every added position, to
 * keep it in sight: a paged list that replaces all its items on a refresh
 * would have every one of them read (a million orders, page by page). Told
 * as a removal and an addition, there is nothing to look for.
 *
 * A limit can hold back all but the first items: a 4.8 view makes 200 row
 * widgets at once whatever its height, and showing a screenful first puts
 * the first rows on screen sooner.
 *
 * Told as a removal, the rows' widgets go with their items: the view
 * destroys its 200 rows and makes 200 new ones, most of the half second
 * a new order or filter took on a million orders. A replacement that goes
 * to the top (a new sort or filter, lum_list_relay_set_swap()) is told in
 * three steps that keep them: the new items come in after the first old
 * one, which holds the view at the top, so the other rows, now far below,
 * are free and the view gives them the new items (a 4.8 view reuses rows
 * it no longer needs, never the rows of removed items); then the old items
 * go, the first one last. One row is made again, not 200.
 */
struct _LumListRelay
{
  GObject     parent_instance;

  GListModel *model;
  guint       limit;
  guint       n_shown;
  /* Between the two steps of a change: the items it adds are not shown
   * yet, and those after them are shifted by as many. */
  gboolean    pending;
  guint       pending_position;
  guint       pending_added;
  /* While set, a replacement is told as a swap; during one, the first
   * old item (the last one handed out for position 0) is before the new
   * items, the rest of the old ones after them. */
  gboolean    swap;
  gboolean    swapping;
  GObject    *first;
  guint       swap_added;
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
  return LUM_LIST_RELAY (model)->n_shown;
}

static gpointer
lum_list_relay_get_item (GListModel *model,
                         guint       position)
{
  LumListRelay *self = LUM_LIST_RELAY (model);
  gpointer item;

  if (position >= self->n_shown)
    return NULL;
  if (self->swapping)
    {
      /* Nothing asks for the old items after the new ones: their rows
       * are made already. */
      if (position == 0 || position > self->swap_added)
        return self->first != NULL ? g_object_ref (self->first) : NULL;
      return g_list_model_get_item (self->model, position - 1);
    }
  if (self->pending && position >= self->pending_position)
    item = g_list_model_get_item (self->model, position + self->pending_added);
  else
    item = g_list_model_get_item (self->model, position);
  if (position == 0 && item != self->first)
    g_set_object (&self->first, item);
  return item;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = lum_list_relay_get_item_type;
  iface->get_n_items = lum_list_relay_get_n_items;
  iface->get_item = lum_list_relay_get_item;
}

/* All @old items shown replaced by the @n of the model, told in three
 * steps (see above). */
static void
swap_items (LumListRelay *self,
            guint         old,
            guint         n)
{
  self->swapping = TRUE;
  self->swap_added = n;
  self->n_shown = old + n;
  g_list_model_items_changed (G_LIST_MODEL (self), 1, 0, n);
  self->n_shown = 1 + n;
  g_list_model_items_changed (G_LIST_MODEL (self), 1 + n, old - 1, 0);
  self->swapping = FALSE;
  /* The row of the new first item moves up to it: nobody asks for it. */
  g_clear_object (&self->first);
  self->first = g_list_model_get_item (self->model, 0);
  self->n_shown = n;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, 1, 0);
}

static void
on_items_changed_cb (GListModel   *model,
                     guint         position,
                     guint         removed,
                     guint         added,
                     LumListRelay *self)
{
  guint n = g_list_model_get_n_items (model);
  guint old = self->n_shown;

  if (self->limit != G_MAXUINT)
    {
      /* Held back: what is shown is replaced. */
      if (self->swap && self->first != NULL && old > 1 && n > 0)
        {
          swap_items (self, old, MIN (n, self->limit));
          return;
        }
      self->n_shown = 0;
      if (old > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), 0, old, 0);
      self->n_shown = MIN (n, self->limit);
      if (self->n_shown > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, self->n_shown);
      return;
    }

  if (self->swap && self->first != NULL && position == 0 && removed == old && old > 1 && added == n && n > 0)
    {
      swap_items (self, old, n);
      return;
    }

  if (removed == 0 || added == 0)
    {
      self->n_shown = n;
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }

  self->pending = TRUE;
  self->pending_position = position;
  self->pending_added = added;
  self->n_shown = n - added;
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, 0);
  self->pending = FALSE;
  self->n_shown = n;
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, added);
}

static void
lum_list_relay_dispose (GObject *object)
{
  LumListRelay *self = (LumListRelay *)object;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed_cb, self);
  g_clear_object (&self->model);
  g_clear_object (&self->first);

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
  self->limit = G_MAXUINT;
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
  self->n_shown = g_list_model_get_n_items (model);
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

/**
 * lum_list_relay_set_limit:
 * @limit: how many of the first items to show, or %G_MAXUINT for all
 */
void
lum_list_relay_set_limit (LumListRelay *self,
                          guint         limit)
{
  guint n, old;

  g_return_if_fail (LUM_IS_LIST_RELAY (self));

  self->limit = limit;
  n = MIN (g_list_model_get_n_items (self->model), limit);
  old = self->n_shown;
  self->n_shown = n;
  if (n > old)
    g_list_model_items_changed (G_LIST_MODEL (self), old, 0, n - old);
  else if (n < old)
    g_list_model_items_changed (G_LIST_MODEL (self), n, old - n, 0);
}

/**
 * lum_list_relay_set_swap:
 * @swap: whether a change that replaces every item goes to the top
 *
 * While set, such a change keeps the view's rows for the new items
 * instead of making new ones. The view must be at the top (a view
 * scrolled down would follow the old items to the end); a change told
 * while not set keeps the rows in view as far as it can.
 */
void
lum_list_relay_set_swap (LumListRelay *self,
                         gboolean      swap)
{
  g_return_if_fail (LUM_IS_LIST_RELAY (self));
  self->swap = !!swap;
}

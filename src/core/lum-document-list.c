/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-engine"

#include "lum-document-list.h"
#include "lum-util.h"

#define MAX_CACHED_PAGES 8
/* After a new filter or search the rows are first counted this far: more
 * than the 200 rows a view makes at once. The rest is counted when
 * lum_document_list_count_rest() is called, once the first rows are on
 * screen: a count of a million rows is not for the first frame. */
#define FIRST_COUNT 300

typedef struct
{
  guint       index;
  GListStore *items;
} Page;

struct _LumDocumentList
{
  GObject           parent_instance;

  LumEngine        *engine;
  LumDocumentQuery  query;
  char             *status;
  char             *push_status;
  char             *fulfillment_status;
  char             *accounting_status;
  char             *search;

  guint             n_items;
  gboolean          counted;     /* n_items is known; until then nobody asked */
  gboolean          counting;    /* n_items is FIRST_COUNT, and there are more */
  GQueue            pages;       /* of Page*, most recently used first */
  guint             pages_read;
  GError           *error;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LumDocumentList, lum_document_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  PROP_COUNTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
free_page (gpointer data)
{
  Page *page = data;

  g_clear_object (&page->items);
  g_free (page);
}

static void
clear_pages (LumDocumentList *self)
{
  g_queue_clear_full (&self->pages, free_page);
}

static Page *
load_page (LumDocumentList *self,
           guint            index)
{
  g_autoptr(GError) error = NULL;
  GListStore *items;
  Page *page;

  for (GList *l = self->pages.head; l; l = l->next)
    {
      page = l->data;
      if (page->index == index)
        {
          g_queue_unlink (&self->pages, l);
          g_queue_push_head_link (&self->pages, l);
          return page;
        }
    }

  items = lum_engine_query_documents (self->engine, &self->query, index * LUM_DOCUMENT_LIST_PAGE_SIZE,
                                      LUM_DOCUMENT_LIST_PAGE_SIZE, &error);
  if (items == NULL)
    {
      g_warning ("Could not read documents: %s", error->message);
      g_clear_error (&self->error);
      self->error = g_steal_pointer (&error);
      return NULL;
    }

  self->pages_read++;
  page = g_new0 (Page, 1);
  page->index = index;
  page->items = items;
  g_queue_push_head (&self->pages, page);
  while (g_queue_get_length (&self->pages) > MAX_CACHED_PAGES)
    free_page (g_queue_pop_tail (&self->pages));
  return page;
}

static GType
lum_document_list_get_item_type (GListModel *model)
{
  return LUM_TYPE_DOCUMENT;
}

/* How many rows the query selects; 0 with the error kept when it fails. */
static guint
count_items (LumDocumentList *self)
{
  g_autoptr(GError) error = NULL;
  gint64 count;

  self->counted = TRUE;
  self->counting = FALSE;
  count = lum_engine_count_documents (self->engine, &self->query, &error);
  g_clear_error (&self->error);
  if (count < 0)
    {
      g_warning ("Could not count documents: %s", error->message);
      self->error = g_steal_pointer (&error);
      count = 0;
    }
  return (guint)MIN (count, G_MAXUINT);
}

/* The first count waits for the first question, so that a list made and
 * then filtered and sorted counts a million rows once, not at each step.
 * Nobody has seen another size, so nothing is said to have changed. */
static void
ensure_counted (LumDocumentList *self)
{
  if (!self->counted)
    self->n_items = count_items (self);
}

static guint
lum_document_list_get_n_items (GListModel *model)
{
  LumDocumentList *self = LUM_DOCUMENT_LIST (model);

  ensure_counted (self);
  return self->n_items;
}

static gpointer
lum_document_list_get_item (GListModel *model,
                            guint       position)
{
  LumDocumentList *self = LUM_DOCUMENT_LIST (model);
  Page *page;

  ensure_counted (self);
  if (position >= self->n_items)
    return NULL;
  page = load_page (self, position / LUM_DOCUMENT_LIST_PAGE_SIZE);
  if (page == NULL)
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (page->items), position % LUM_DOCUMENT_LIST_PAGE_SIZE);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = lum_document_list_get_item_type;
  iface->get_n_items = lum_document_list_get_n_items;
  iface->get_item = lum_document_list_get_item;
}

static void
on_engine_changed_cb (LumDocumentList *self,
                      const char      *what)
{
  if (self->counted &&
      (g_str_equal (what, "documents") || g_str_equal (what, "external") || g_str_equal (what, "customers")))
    lum_document_list_refresh (self);
}

static void
lum_document_list_dispose (GObject *object)
{
  LumDocumentList *self = (LumDocumentList *)object;

  clear_pages (self);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (lum_document_list_parent_class)->dispose (object);
}

static void
lum_document_list_finalize (GObject *object)
{
  LumDocumentList *self = (LumDocumentList *)object;

  g_free (self->status);
  g_free (self->push_status);
  g_free (self->fulfillment_status);
  g_free (self->accounting_status);
  g_free (self->search);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (lum_document_list_parent_class)->finalize (object);
}

static void
lum_document_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LumDocumentList *self = LUM_DOCUMENT_LIST (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      ensure_counted (self);
      g_value_set_uint (value, self->n_items);
      break;
    case PROP_COUNTING:
      g_value_set_boolean (value, self->counting);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_document_list_class_init (LumDocumentListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lum_document_list_dispose;
  object_class->finalize = lum_document_list_finalize;
  object_class->get_property = lum_document_list_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * LumDocumentList:counting:
   *
   * Whether only the first rows are counted yet: the list holds that many
   * items until lum_document_list_count_rest().
   */
  properties[PROP_COUNTING] =
    g_param_spec_boolean ("counting", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lum_document_list_init (LumDocumentList *self)
{
  g_queue_init (&self->pages);
}

LumDocumentList *
lum_document_list_new (LumEngine       *engine,
                       LumDocumentKind  kind)
{
  LumDocumentList *self = g_object_new (LUM_TYPE_DOCUMENT_LIST, NULL);

  self->engine = g_object_ref (engine);
  self->query.kind = kind;
  g_signal_connect_object (engine, "changed", G_CALLBACK (on_engine_changed_cb), self, G_CONNECT_SWAPPED);
  return self;
}

/**
 * lum_document_list_refresh:
 *
 * Counts again and forgets the pages read, so the next items come fresh
 * from the database.
 */
void
lum_document_list_refresh (LumDocumentList *self)
{
  guint old = self->n_items;
  gboolean was_counting = self->counting;

  g_return_if_fail (LUM_IS_DOCUMENT_LIST (self));

  clear_pages (self);
  self->n_items = count_items (self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old, self->n_items);
  if (old != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  if (was_counting)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING]);
}

/* The query changed: count again, unless nobody has asked yet; the first
 * rows only if there are many. */
static void
query_changed (LumDocumentList *self)
{
  g_autoptr(GError) error = NULL;
  gboolean was_counting = self->counting;
  guint old = self->n_items;
  gint64 count;

  clear_pages (self);
  if (!self->counted)
    return;

  count = lum_engine_count_documents_at_most (self->engine, &self->query, FIRST_COUNT + 1, &error);
  g_clear_error (&self->error);
  if (count < 0)
    {
      g_warning ("Could not count documents: %s", error->message);
      self->error = g_steal_pointer (&error);
      count = 0;
    }
  self->counting = count > FIRST_COUNT;
  self->n_items = MIN (count, FIRST_COUNT);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old, self->n_items);
  if (old != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  if (was_counting != self->counting)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING]);
}

/**
 * lum_document_list_count_rest:
 *
 * After a new filter or search selected many rows, counts those after the
 * first ones and adds them to the list. Does nothing if all are counted.
 */
void
lum_document_list_count_rest (LumDocumentList *self)
{
  guint old = self->n_items;

  g_return_if_fail (LUM_IS_DOCUMENT_LIST (self));

  if (!self->counting)
    return;
  self->n_items = count_items (self);
  /* The first rows stay: only those after them are told. */
  if (self->n_items > old)
    g_list_model_items_changed (G_LIST_MODEL (self), old, 0, self->n_items - old);
  else if (self->n_items < old)
    {
      clear_pages (self);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old, self->n_items);
    }
  if (old != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING]);
}

gboolean
lum_document_list_get_counting (LumDocumentList *self)
{
  g_return_val_if_fail (LUM_IS_DOCUMENT_LIST (self), FALSE);
  return self->counting;
}

static void
set_filter (LumDocumentList  *self,
            char            **field,
            const char      **query_field,
            const char       *value)
{
  if (lum_str_empty (value))
    value = NULL;
  if (!lum_set_str (field, value))
    return;
  *query_field = *field;
  query_changed (self);
}

void
lum_document_list_set_channel_id (LumDocumentList *self,
                                  gint64           channel_id)
{
  g_return_if_fail (LUM_IS_DOCUMENT_LIST (self));
  if (self->query.channel_id == channel_id)
    return;
  self->query.channel_id = channel_id;
  query_changed (self);
}

void
lum_document_list_set_status (LumDocumentList *self,
                              const char      *status)
{
  g_return_if_fail (LUM_IS_DOCUMENT_LIST (self));
  set_filter (self, &self->status, &self->query.status, status);
}

void
lum_document_list_set_push_status (LumDocumentList *self,
                                   const char      *push_status)
{
  g_return_if_fail (LUM_IS_DOCUMENT_LIST (self));
  set_filter (self, &self->push_status, &self->query.push_status, push_status);
}

void
lum_document_list_set_fulfillment_status (LumDocumentList *self,
                                          const char      *status)
{
  g_return_if_fail (LUM_IS_DOCUMENT_LIST (self));
  set_filter (self, &self->fulfillment_status, &self->query.fulfillment_status, status);
}

void
lum_document_list_set_accounting_status (LumDocumentList *self,
                                         const char      *status)
{
  g_return_if_fail (LUM_IS_DOCUMENT_LIST (self));
  set_filter (self, &self->accounting_status, &self->query.accounting_status, status);
}

void
lum_document_list_set_search (LumDocumentList *self,
                              const char      *search)
{
  g_return_if_fail (LUM_IS_DOCUMENT_LIST (self));
  set_filter (self, &self->search, &self->query.search, search);
}

void
lum_document_list_set_include_test (LumDocumentList *self,
                                    gboolean         include_test)
{
  g_return_if_fail (LUM_IS_DOCUMENT_LIST (self));
  if (self->query.include_test == !!include_test)
    return;
  self->query.include_test = !!include_test;
  query_changed (self);
}

void
lum_document_list_set_sort (LumDocumentList *self,
                            LumDocSort       sort,
                            gboolean         descending)
{
  g_return_if_fail (LUM_IS_DOCUMENT_LIST (self));
  if (self->query.sort == sort && self->query.descending == !!descending)
    return;
  self->query.sort = sort;
  self->query.descending = !!descending;
  /* The same rows in another order: no need to count them again. */
  clear_pages (self);
  if (self->counted)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, self->n_items, self->n_items);
}

/* How many pages came from SQLite so far: what a test checks to prove that
 * the list never reads every row. */
guint
lum_document_list_get_pages_read (LumDocumentList *self)
{
  g_return_val_if_fail (LUM_IS_DOCUMENT_LIST (self), 0);
  return self->pages_read;
}

const GError *
lum_document_list_get_error (LumDocumentList *self)
{
  g_return_val_if_fail (LUM_IS_DOCUMENT_LIST (self), NULL);
  return self->error;
}

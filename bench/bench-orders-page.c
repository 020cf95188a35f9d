/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The Sales Orders page on a large database: fills it with N posted orders
 * (lum_engine_create_and_post_documents, 5,000 a transaction, on a channel
 * that neither pushes nor invoices on posting), then opens the real page in
 * a window and measures
 *
 *   - the time from creating the page to its first rows bound and drawn,
 *   - the time to show the rows in the middle and at the end after a scroll,
 *   - the resident memory (VmRSS) after each,
 *   - the time to first rows after a change to each sort column, either
 *     way, and to each filter, and the size of the database file.
 *
 *   bench-orders-page [N] [--db PATH] [--keep]
 *
 * N defaults to 1,000,000. With --db an existing database of that many
 * orders is opened as is (a new one is filled there otherwise, and kept
 * with --keep), so the page can be measured again without the fill. Run it
 * with a display: `xvfb-run -a -s "-screen 0 1280x800x24" bench-orders-page`.
 * Targets: first rows under 300 ms, under 150 MB resident. The figures are
 * printed, not asserted; CPU times are printed beside the wall-clock ones,
 * which a busy machine stretches. Under Xvfb GDK loads Mesa's software GL
 * (some 60 MB resident) although the page draws with Cairo here;
 * GDK_DEBUG=gl-disable measures without it.
 */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <time.h>

#include "lum-documents-page.h"
#include "lum-engine-documents.h"
#include "lum-engine-setup.h"

#define BATCH 5000

/* The rows wanted: numbers SO-low … SO-high, one of them drawn is enough. */
typedef struct
{
  GtkWidget  *view;
  guint       low;
  guint       high;
  gboolean    drawn;
  gint64      drawn_at;
} FrameWait;

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* CPU time of the process: what the figures cost, whatever else runs. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static double
resident_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;
  long kb = 0;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmRSS:")) == NULL)
    return -1;
  sscanf (line + strlen ("VmRSS:"), "%ld", &kb);
  return kb / 1024.0;
}

static double
file_mb (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size / 1048576.0 : -1;
}

/* The channel the orders were filled on: the first there is. */
static gint64
first_channel_id (LumEngine *engine)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) channels = lum_engine_list_channels (engine, FALSE, &error);
  g_autoptr(LumChannel) channel = NULL;

  if (channels == NULL || g_list_model_get_n_items (G_LIST_MODEL (channels)) == 0)
    g_error ("No channel: %s", error ? error->message : "none");
  channel = g_list_model_get_item (G_LIST_MODEL (channels), 0);
  return lum_channel_get_id (channel);
}

static LumChannel *
setup (LumEngine *engine,
       gint64    *customer_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumProduct) product = lum_product_new ("SKU-A100", "Widget", 1250, 8);
  LumChannel *channel;

  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %u", i + 1);
      g_autoptr(LumCustomer) customer = lum_customer_new (name);

      if (!lum_engine_save_customer (engine, customer, &error))
        g_error ("%s", error->message);
      customer_id[i] = lum_customer_get_id (customer);
    }
  if (!lum_engine_save_product (engine, product, &error))
    g_error ("%s", error->message);

  channel = lum_engine_new_channel (engine, &error);
  lum_channel_set_name (channel, "Wholesale Sales Channel");
  lum_channel_set_invoice_timing (channel, LUM_INVOICE_TIMING_SHIPMENT_CREATED);
  if (!lum_engine_save_channel (engine, channel, &error))
    g_error ("%s", error->message);
  return channel;
}

static void
fill (LumEngine *engine,
      guint      n)
{
  gint64 customers[8];
  g_autoptr(LumChannel) channel = setup (engine, customers);
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < n; i += BATCH)
    {
      g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GError) error = NULL;

      for (guint j = i; j < MIN (n, i + BATCH); j++)
        {
          LumDocument *doc = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);
          g_autoptr(LumDocLine) line = lum_doc_line_new ("SKU-A100", j % 97 + 1, -1);
          g_autofree char *po = g_strdup_printf ("PO-%07u", j + 1);

          lum_document_set_int (doc, LUM_DOC_CHANNEL_ID, lum_channel_get_id (channel));
          lum_document_set_int (doc, LUM_DOC_CUSTOMER_ID, customers[j % 8]);
          lum_document_set_text (doc, LUM_DOC_PO_NUMBER, po);
          lum_document_add_line (doc, line);
          g_ptr_array_add (docs, doc);
        }
      if (!lum_engine_create_and_post_documents (engine, docs, &error))
        g_error ("orders %u…: %s", i + 1, error->message);
      if ((i / BATCH) % 20 == 19)
        g_print ("  %u orders, %.1f s\n", i + BATCH, elapsed_ms (start) / 1000);
    }
  g_print ("Filled %u orders in %.1f s (%.0f orders/s)\n", n, elapsed_ms (start) / 1000,
           n / (elapsed_ms (start) / 1000));
}

/* Whether a cell on screen shows the number of a wanted row. */
static gboolean
shows (GtkWidget *widget,
       FrameWait *wait)
{
  const char *text = NULL;

  if (GTK_IS_INSCRIPTION (widget))
    text = gtk_inscription_get_text (GTK_INSCRIPTION (widget));
  else if (GTK_IS_LABEL (widget))
    text = gtk_label_get_text (GTK_LABEL (widget));
  if (text != NULL && gtk_widget_get_mapped (widget) && g_str_has_prefix (text, "SO-"))
    {
      guint64 number = g_ascii_strtoull (text + 3, NULL, 10);

      if (number >= wait->low && number <= wait->high)
        return TRUE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (shows (child, wait))
      return TRUE;
  return FALSE;
}

/* After each frame is painted: are the wanted rows among what was drawn? */
static void
on_after_paint_cb (GdkFrameClock *clock,
                   FrameWait     *wait)
{
  if (!wait->drawn && shows (wait->view, wait))
    {
      wait->drawn = TRUE;
      wait->drawn_at = g_get_monotonic_time ();
    }
}

static gint64
wait_for_rows (GtkWidget *window,
               GtkWidget *view,
               guint      low,
               guint      high)
{
  FrameWait wait = { view, low, high, FALSE, 0 };
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &wait);
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  gtk_widget_queue_draw (window);
  while (!wait.drawn && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
  if (!wait.drawn)
    g_error ("No row of SO-%06u … SO-%06u was drawn", low, high);
  return wait.drawn_at;
}

static void
scroll_to (GtkWidget  *window,
           GtkWidget  *view,
           double      fraction,
           const char *label,
           guint       low,
           guint       high)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  gint64 start = g_get_monotonic_time ();
  double cpu = cpu_ms ();
  gint64 drawn;

  gtk_adjustment_set_value (adjustment, (gtk_adjustment_get_upper (adjustment) -
                                         gtk_adjustment_get_page_size (adjustment)) * fraction);
  drawn = wait_for_rows (window, view, low, high);
  g_print ("Rows at %-7s %8.1f ms (%.1f ms of CPU), resident %.1f MB\n", label, (drawn - start) / 1000.0,
           cpu_ms () - cpu, resident_mb ());
}

/* Scrolled to the top with everything drawn, as a user finds the page. */
static void
settle_at_top (GtkWidget *view)
{
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view)), 0);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* From a change of the list's order or filter (@change, undone by @undo)
 * to the first rows drawn: the first row is asked of the list, inside the
 * time, and waited for on screen. */
typedef void (*ListChange) (LumDocumentList *list, gconstpointer data);

static void
time_first_rows (GtkWidget       *window,
                 GtkWidget       *view,
                 LumDocumentList *list,
                 const char      *label,
                 ListChange       change,
                 gconstpointer    data,
                 ListChange       undo)
{
  gint64 start, drawn = 0;
  double cpu, cpu_drawn;
  guint n;

  settle_at_top (view);
  start = g_get_monotonic_time ();
  cpu = cpu_ms ();
  change (list, data);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  if (n > 0)
    {
      g_autoptr(LumDocument) first = g_list_model_get_item (G_LIST_MODEL (list), 0);
      guint number = (guint)g_ascii_strtoull (lum_document_get_number (first) + 3, NULL, 10);

      drawn = wait_for_rows (window, view, number, number);
    }
  cpu_drawn = cpu_ms () - cpu;
  g_print ("  %-28s %8.1f ms (%6.1f ms of CPU), %u rows", label,
           ((drawn ? drawn : g_get_monotonic_time ()) - start) / 1000.0, cpu_drawn, n);
  /* A filter that selects many rows counts the first ones, then the rest
   * after the first frames: the longest wait the window makes then. */
  if (lum_document_list_get_counting (list))
    {
      double longest = 0;
      double cpu_rest = cpu_ms ();

      while (lum_document_list_get_counting (list))
        {
          gint64 step = g_get_monotonic_time ();

          g_main_context_iteration (NULL, TRUE);
          longest = MAX (longest, elapsed_ms (step));
        }
      g_print ("; all %u counted %.1f ms later (%.1f ms of CPU), longest stall %.1f ms",
               g_list_model_get_n_items (G_LIST_MODEL (list)), (g_get_monotonic_time () - drawn) / 1000.0,
               cpu_ms () - cpu_rest, longest);
    }
  g_print ("\n");
  if (undo != NULL)
    undo (list, data);
  settle_at_top (view);
}

typedef struct
{
  LumDocSort  sort;
  gboolean    descending;
  const char *label;
} SortCase;

static void
set_sort (LumDocumentList *list,
          gconstpointer    data)
{
  const SortCase *c = data;

  lum_document_list_set_sort (list, c->sort, c->descending);
}

typedef struct
{
  void      (*set) (LumDocumentList *list, const char *value);
  const char *value;
  const char *label;
} FilterCase;

static void
set_filter (LumDocumentList *list,
            gconstpointer    data)
{
  const FilterCase *c = data;

  c->set (list, c->value);
}

static void
clear_filter (LumDocumentList *list,
              gconstpointer    data)
{
  const FilterCase *c = data;

  c->set (list, NULL);
}

static void
set_channel (LumDocumentList *list,
             gconstpointer    data)
{
  lum_document_list_set_channel_id (list, *(const gint64 *)data);
}

static void
clear_channel (LumDocumentList *list,
               gconstpointer    data)
{
  lum_document_list_set_channel_id (list, 0);
}

/* Every sortable column either way, then each filter on the default
 * order (newest first), with values most orders match: the worst case
 * for a count and for a walk that skips what does not match. */
static void
time_sorts_and_filters (GtkWidget       *window,
                        GtkWidget       *view,
                        LumDocumentList *list,
                        gint64           channel_id)
{
  const SortCase sorts[] = {
    { LUM_DOC_SORT_NUMBER, TRUE, "number, newest first" },
    { LUM_DOC_SORT_NUMBER, FALSE, "number, oldest first" },
    { LUM_DOC_SORT_CUSTOMER, FALSE, "customer, A to Z" },
    { LUM_DOC_SORT_CUSTOMER, TRUE, "customer, Z to A" },
    { LUM_DOC_SORT_TOTAL, FALSE, "total, smallest first" },
    { LUM_DOC_SORT_TOTAL, TRUE, "total, largest first" },
    { LUM_DOC_SORT_STATUS, FALSE, "status, ascending" },
    { LUM_DOC_SORT_STATUS, TRUE, "status, descending" },
    { LUM_DOC_SORT_PUSH_STATUS, FALSE, "push status, ascending" },
    { LUM_DOC_SORT_PUSH_STATUS, TRUE, "push status, descending" },
    { LUM_DOC_SORT_FULFILLMENT, FALSE, "fulfillment, ascending" },
    { LUM_DOC_SORT_FULFILLMENT, TRUE, "fulfillment, descending" },
  };
  const FilterCase filters[] = {
    { lum_document_list_set_status, "posted", "status posted" },
    { lum_document_list_set_push_status, "not-pushed", "push status not pushed" },
    { lum_document_list_set_fulfillment_status, "unfulfilled", "fulfillment unfulfilled" },
    { lum_document_list_set_search, "Customer 3", "search \"Customer 3\"" },
  };
  const SortCase newest = { LUM_DOC_SORT_NUMBER, TRUE, NULL };

  g_print ("First rows after a change of order (from newest first):\n");
  for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
    time_first_rows (window, view, list, sorts[i].label, set_sort, &sorts[i], NULL);
  set_sort (list, &newest);
  g_print ("First rows after a filter (newest first):\n");
  time_first_rows (window, view, list, "channel", set_channel, &channel_id, clear_channel);
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    time_first_rows (window, view, list, filters[i].label, set_filter, &filters[i], clear_filter);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db_path = NULL;
  g_autofree char *dir = NULL;
  gboolean keep = FALSE;
  gboolean reuse;
  guint n = 1000000;
  g_autoptr(GError) error = NULL;
  g_autoptr(LumEngine) engine = NULL;
  LumDocumentList *list;
  GtkWidget *window, *page, *view;
  gint64 start, drawn;
  double rss_before, cpu;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--db") && i + 1 < argc)
        db_path = g_strdup (argv[++i]);
      else if (g_str_equal (argv[i], "--keep"))
        keep = TRUE;
      else
        n = (guint)g_ascii_strtoull (argv[i], NULL, 10);
    }

  reuse = db_path != NULL && g_file_test (db_path, G_FILE_TEST_EXISTS);
  if (db_path == NULL)
    {
      dir = g_dir_make_tmp ("bench-orders-page-XXXXXX", NULL);
      db_path = g_build_filename (dir, "orders.db", NULL);
    }
  engine = lum_engine_new (db_path, &error);
  if (engine == NULL)
    g_error ("%s", error->message);
  if (!reuse)
    fill (engine, n);
  else
    g_print ("Opened %s\n", db_path);

  g_print ("Resident after the fill: %.1f MB\n", resident_mb ());
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  gtk_init ();
  adw_init ();
  rss_before = resident_mb ();
  g_print ("Resident before the page: %.1f MB\n", rss_before);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  /* From the page's creation to its first rows on screen. */
  start = g_get_monotonic_time ();
  cpu = cpu_ms ();
  page = lum_orders_page_new (engine);
  gtk_window_set_child (GTK_WINDOW (window), page);
  list = lum_documents_page_get_model (LUM_DOCUMENTS_PAGE (page));
  g_print ("The page and its list (counted, sorted) made in %.1f ms (%.1f ms of CPU)\n", elapsed_ms (start),
           cpu_ms () - cpu);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  view = GTK_WIDGET (gtk_widget_get_template_child (page, LUM_TYPE_DOCUMENTS_PAGE, "column_view"));
  drawn = wait_for_rows (window, view, n, n);
  g_print ("%u orders; first rows drawn in %.1f ms (%.1f ms of CPU; target < 300 ms)\n", n,
           (drawn - start) / 1000.0, cpu_ms () - cpu);
  g_print ("Resident with the page shown: %.1f MB (target < 150 MB)\n", resident_mb ());

  /* The page shows a screenful first, then lets the view have every row. */
  while (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)))) < n)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_print ("All rows scrollable after %.1f ms, resident %.1f MB\n", elapsed_ms (start), resident_mb ());

  /* Newest first: the middle, then the oldest at the end. */
  scroll_to (window, view, 0.5, "middle", n / 2 - 100, n / 2 + 100);
  scroll_to (window, view, 1.0, "the end", 1, 1);
  g_print ("Pages of %u rows read: %u\n", LUM_DOCUMENT_LIST_PAGE_SIZE, lum_document_list_get_pages_read (list));

  time_sorts_and_filters (window, view, list, first_channel_id (engine));
  g_print ("Database: %.1f MB\n", file_mb (db_path));

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&engine);
  if (dir != NULL && !keep)
    {
      g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);

      g_unlink (db_path);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (dir);
    }
  else if (dir != NULL)
    g_print ("Kept %s\n", db_path);
  return 0;
}

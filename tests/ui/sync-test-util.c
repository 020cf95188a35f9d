/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "sync-test-util.h"

static gboolean
on_timeout_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @condition holds; fails the test after
 * @timeout_seconds, naming @what. */
void
sync_test_wait (SyncTestCondition  condition,
                gpointer           user_data,
                guint              timeout_seconds,
                const char        *what)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (timeout_seconds, on_timeout_cb, &timed_out);

  while (!condition (user_data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("Timed out after %u s waiting for %s", timeout_seconds, what);
  g_source_remove (id);
  lum_ui_test_pump ();
}

gpointer
sync_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}

/* The first widget under @root (itself included) whose name is @name. */
GtkWidget *
sync_test_find_named (GtkWidget  *root,
                      const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = sync_test_find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first label under @root that shows @text. */
GtkWidget *
sync_test_find_label (GtkWidget  *root,
                      const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = sync_test_find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gboolean      *painted)
{
  *painted = TRUE;
}

static gboolean
is_true (gpointer user_data)
{
  return *(gboolean *)user_data;
}

/* With LUMEN_UI_SHOTS set to a directory, draws @window there as NAME.png
 * (what a reviewer looks at; the tests check the widgets themselves). */
void
sync_test_save_shot (GtkWidget  *window,
                     const char *name)
{
  const char *dir = g_getenv ("LUMEN_UI_SHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  GdkFrameClock *clock;
  int width, height;

  if (dir == NULL || *dir == '\0')
    return;

  /* Draw once more, so that what is shot is what the window shows now. */
  clock = gtk_widget_get_frame_clock (window);
  if (clock != NULL)
    {
      gboolean painted = FALSE;
      gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &painted);

      gtk_widget_queue_draw (window);
      sync_test_wait (is_true, &painted, 10, "a frame");
      g_signal_handler_disconnect (clock, id);
    }
  lum_ui_test_pump ();

  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_test_message ("Nothing drawn for the shot %s (%d × %d)", name, width, height);
      return;
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  gdk_texture_save_to_png (texture, path);
}

void
sync_test_close_toplevels (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n;

  while ((n = g_list_model_get_n_items (toplevels)) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, n - 1);
      gtk_window_destroy (window);
    }
  lum_ui_test_pump ();
}

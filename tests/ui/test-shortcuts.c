/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-test"

#include "lum-application.h"
#include "lum-channel-editor.h"
#include "lum-customer-editor.h"
#include "lum-document-editor.h"
#include "lum-document-view.h"
#include "lum-engine-import.h"
#include "lum-engine-setup.h"
#include "lum-help-window.h"
#include "lum-import-dialog.h"
#include "lum-integration-dialog.h"
#include "lum-product-editor.h"
#include "lum-ship-dialog.h"
#include "lum-test-dialog.h"
#include "lum-window.h"
#include "model/lum-import-row.h"
#include "ui-test-util.h"

/* The shortcuts window lists every shortcut Lumen has: the accelerators of
 * the application's actions and the key bindings of the window and of each
 * editor and dialog, each under the group of its window, and nothing they
 * do not bind. The bindings are read from the widgets themselves (their
 * shortcut controllers), not from a copy of the list. */

/* One accelerator as gtk_accelerator_name() writes it; the keypad's Enter
 * is the same key as Return for the reader. */
static char *
accel_name (guint           keyval,
            GdkModifierType modifiers)
{
  if (keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
    keyval = GDK_KEY_Return;
  return gtk_accelerator_name (keyval, modifiers & gtk_accelerator_get_default_mod_mask ());
}

static void
add_accel_string (GHashTable *set,
                  const char *accelerator)
{
  guint keyval = 0;
  GdkModifierType modifiers = 0;

  g_assert_true (gtk_accelerator_parse (accelerator, &keyval, &modifiers));
  g_hash_table_add (set, accel_name (keyval, modifiers));
}

static GHashTable *
accel_set_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* The key bindings of @widget (its class's and any controller's) that
 * activate a named action, that is, Lumen's own: GTK's built-in bindings
 * of a window emit signals or call functions. */
static void
add_widget_bindings (GHashTable *set,
                     GtkWidget  *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  if (!g_str_has_prefix (G_OBJECT_TYPE_NAME (widget), "Lum"))
    return;
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (!GTK_IS_NAMED_ACTION (action) || !GTK_IS_KEYVAL_TRIGGER (trigger))
            continue;
          g_hash_table_add (set, accel_name (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                                             gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger))));
        }
    }
}

/* @window's bindings and its descendants' (the pages of the main window);
 * Return too when the window has a default widget it activates. */
static GHashTable *
window_bindings (GtkWindow *window)
{
  GHashTable *set = accel_set_new ();
  GPtrArray *todo = g_ptr_array_new ();

  g_ptr_array_add (todo, window);
  while (todo->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (todo, todo->len - 1);

      add_widget_bindings (set, widget);
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (todo, child);
    }
  g_ptr_array_unref (todo);
  if (gtk_window_get_default_widget (window) != NULL)
    add_accel_string (set, "Return");
  return set;
}

/* group title → set of accelerators, as the shortcuts window lists them */
static void
collect_groups (GtkWidget  *widget,
                GHashTable *groups,
                GHashTable *group)
{
  if (GTK_IS_SHORTCUTS_GROUP (widget))
    {
      g_autofree char *title = NULL;

      g_object_get (widget, "title", &title, NULL);
      g_assert_false (g_hash_table_contains (groups, title));
      group = accel_set_new ();
      g_hash_table_insert (groups, g_steal_pointer (&title), group);
    }
  else if (GTK_IS_SHORTCUTS_SHORTCUT (widget) && group != NULL) /* not a search result */
    {
      g_autofree char *accelerator = NULL;
      g_auto(GStrv) accels = NULL;

      g_object_get (widget, "accelerator", &accelerator, NULL);
      accels = g_strsplit (accelerator, " ", -1);
      for (guint i = 0; accels[i] != NULL; i++)
        if (*accels[i] != '\0')
          add_accel_string (group, accels[i]);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_groups (child, groups, group);
}

static GHashTable *
shortcuts_window_groups (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/lumenapp/Lumen/lum-shortcuts-window.ui");
  GtkWindow *window = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
  GHashTable *groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);

  collect_groups (GTK_WIDGET (window), groups, NULL);
  gtk_window_destroy (window);
  return groups;
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      unused)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static char *
describe (GHashTable *set)
{
  g_autofree const char **keys = (const char **) g_hash_table_get_keys_as_array (set, NULL);
  GString *out = g_string_new (NULL);

  g_qsort_with_data (keys, g_hash_table_size (set), sizeof (char *), compare_names, NULL);
  for (guint i = 0; keys[i] != NULL; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? " " : "", keys[i]);
  return g_string_free (out, FALSE);
}

/* The same accelerators in @bound (what the code binds) as in @listed
 * (what the shortcuts window shows under @what); a difference is said
 * with both lists, and counted in @failures. */
static void
compare (const char *what,
         GHashTable *bound,
         GHashTable *listed,
         guint      *failures)
{
  g_autofree char *bound_text = describe (bound);
  g_autofree char *listed_text = listed != NULL ? describe (listed) : g_strdup ("(no group)");
  gboolean same = listed != NULL && g_hash_table_size (bound) == g_hash_table_size (listed);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, bound);
  while (same && g_hash_table_iter_next (&iter, &key, NULL))
    same = g_hash_table_contains (listed, key);
  if (!same)
    {
      g_test_message ("%s binds %s, the shortcuts window lists %s", what, bound_text, listed_text);
      *failures += 1;
    }
}

static void
test_shortcuts_window (void)
{
  LumUiTestData data;
  g_autoptr(GtkApplication) app = gtk_application_new ("io.github.lumenapp.LumenShortcutsTest",
                                                       G_APPLICATION_NON_UNIQUE);
  g_autoptr(GHashTable) groups = shortcuts_window_groups ();
  g_autoptr(GHashTable) general = accel_set_new ();
  g_autoptr(GHashTable) listed_general = accel_set_new ();
  g_auto(GStrv) actions = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LumDocument) order = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);
  g_autoptr(LumDocLine) line = lum_doc_line_new ("NB-8", 2, -1);
  g_autoptr(LumProduct) product = lum_product_new ("NB-8", "Notebook", 125, 2);
  g_autoptr(GListStore) rows = g_list_store_new (LUM_TYPE_IMPORT_ROW);
  LumWindow *main_window;
  struct {
    const char *group;
    GtkWindow  *window;
  } editors[10];
  guint n_editors = 0;
  guint failures = 0;

  lum_ui_test_data_init (&data);
  g_assert_true (lum_engine_save_product (data.engine, product, &error));
  g_assert_no_error (error);
  lum_document_set_int (order, LUM_DOC_CHANNEL_ID, lum_channel_get_id (data.wholesale));
  lum_document_set_int (order, LUM_DOC_CUSTOMER_ID, lum_customer_get_id (data.acme));
  lum_document_add_line (order, line);
  g_assert_true (lum_engine_create_and_post_document (data.engine, order, &error));
  g_assert_no_error (error);

  /* The application's accelerators and the main window's bindings (its
   * pages' included): the General and Lists groups together. */
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  lum_application_set_accels (app);
  actions = gtk_application_list_action_descriptions (app);
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        add_accel_string (general, accels[j]);
    }
  g_assert_cmpuint (g_hash_table_size (general), >, 0);

  main_window = lum_window_new (NULL, data.engine);
  gtk_window_present (GTK_WINDOW (main_window));
  lum_ui_test_pump ();
  {
    g_autoptr(GHashTable) bound = window_bindings (GTK_WINDOW (main_window));
    GHashTableIter iter;
    gpointer key;

    g_assert_true (g_hash_table_contains (bound, "<Control>n"));
    g_hash_table_iter_init (&iter, bound);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_hash_table_add (general, g_strdup (key));
  }
  for (guint i = 0; i < 2; i++)
    {
      GHashTable *group = g_hash_table_lookup (groups, i == 0 ? "General" : "Lists");
      GHashTableIter iter;
      gpointer key;

      if (group == NULL)
        continue;
      g_hash_table_iter_init (&iter, group);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (listed_general, g_strdup (key));
    }
  compare ("The application and its main window", general, listed_general, &failures);

#define EDITOR(title, make) G_STMT_START { \
    g_assert_cmpuint (n_editors, <, G_N_ELEMENTS (editors)); \
    editors[n_editors].group = title; \
    editors[n_editors].window = GTK_WINDOW (make); \
    n_editors++; \
  } G_STMT_END

  EDITOR ("Channel Editor", lum_channel_editor_new (GTK_WINDOW (main_window), data.engine, data.wholesale));
  EDITOR ("Channel Test", lum_test_dialog_new (GTK_WINDOW (main_window), data.engine, data.wholesale));
  EDITOR ("Order and Invoice Editor", lum_window_new_document (main_window, LUM_DOCUMENT_KIND_SALES_ORDER));
  EDITOR ("Order and Invoice View", lum_document_view_new (GTK_WINDOW (main_window), data.engine,
                                                           LUM_DOCUMENT_KIND_SALES_ORDER,
                                                           lum_document_get_id (order)));
  EDITOR ("Shipment", lum_ship_dialog_new (GTK_WINDOW (main_window), data.engine, order));
  EDITOR ("Customer and Product Editors", lum_customer_editor_new (GTK_WINDOW (main_window), data.engine, data.acme));
  EDITOR ("Customer and Product Editors", lum_product_editor_new (GTK_WINDOW (main_window), data.engine, product));
  EDITOR ("Integration Editor", lum_integration_dialog_new (GTK_WINDOW (main_window), data.engine,
                                                            LUM_INTEGRATION_KIND_SHIPSTATION, NULL));
  EDITOR ("Import", lum_import_dialog_new (GTK_WINDOW (main_window), data.engine, LUM_IMPORT_CUSTOMERS,
                                           G_LIST_MODEL (rows), "customers.csv"));
  EDITOR ("Help", lum_help_window_show (GTK_WINDOW (main_window), NULL));
#undef EDITOR

  for (guint i = 0; i < n_editors; i++)
    {
      g_autoptr(GHashTable) bound = window_bindings (editors[i].window);
      g_autofree char *what = g_strdup_printf ("%s (%s)", G_OBJECT_TYPE_NAME (editors[i].window), editors[i].group);

      g_assert_cmpuint (g_hash_table_size (bound), >, 0);
      compare (what, bound, g_hash_table_lookup (groups, editors[i].group), &failures);
      gtk_window_destroy (editors[i].window);
    }

  g_assert_cmpuint (failures, ==, 0);

  lum_ui_test_destroy_windows (GTK_WINDOW (main_window));
  lum_ui_test_data_clear (&data);
}

int
main (int   argc,
      char *argv[])
{
  lum_ui_test_init (&argc, &argv);

  g_test_add_func ("/shortcuts/window-lists-every-binding", test_shortcuts_window);

  return g_test_run ();
}

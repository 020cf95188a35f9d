/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-test"

#include <string.h>

#include <adwaita.h>

#include "flow/lum-channel-rules.h"
#include "lum-channel-editor.h"
#include "lum-channels-page.h"
#include "lum-field-catalog.h"
#include "lum-mapping-row.h"
#include "lum-ui-util.h"
#include "lum-test-util.h"
#include "ui-test-util.h"
#include "lum-window.h"
#include "lum-engine-setup.h"

/* The real window and editor under Xvfb, driven through their widgets and
 * actions, checked against the page's model and the database. */

typedef struct
{
  LumEngine *engine;
  LumWindow *window;
  gint64     shipstation_id;
  gint64     quickbooks_id;
  gint64     west_group_id;
  gint64     net30_type_id;
} Fixture;

static void
pump (void)
{
  for (int i = 0; i < 50; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

static GtkWidget *
child (gpointer    editor,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (editor), LUM_TYPE_CHANNEL_EDITOR, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static LumChannelEditor *
find_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (LUM_IS_CHANNEL_EDITOR (window))
        return LUM_CHANNEL_EDITOR (window);
    }
  return NULL;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static LumChannelEditor *
open_editor (Fixture    *f,
             LumChannel *channel)
{
  LumChannelEditor *editor;

  if (channel == NULL)
    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-channel", NULL);
  else
    gtk_widget_activate_action (lum_window_get_page (f->window, "channels"), "channels.edit",
                                "x", lum_channel_get_id (channel));
  pump ();
  editor = find_editor ();
  g_assert_nonnull (editor);
  return editor;
}

static guint
catalog_position (const char *key)
{
  guint n_fields;
  const LumFieldInfo *fields = lum_field_catalog_get (&n_fields);

  for (guint i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, key))
      return i;
  g_assert_not_reached ();
}

/* The position of the item called @label in a combo row's model. */
static guint
combo_position (GtkWidget  *row,
                const char *label)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (row));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_autofree char *text = NULL;

      if (GTK_IS_STRING_OBJECT (item))
        text = g_strdup (gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
      else
        g_object_get (item, "name", &text, NULL);
      if (g_str_has_prefix (text, label))
        return i;
    }
  g_error ("No “%s” in combo row", label);
}

/* The action that chooses the item called @label (at its start). */
static char *
choice_action (GtkWidget  *row,
               const char *label)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  g_autoptr(GObject) item = g_list_model_get_item (model, combo_position (row, label));
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;

  if (GTK_IS_STRING_OBJECT (item))
    text = g_strdup (gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
  else
    g_object_get (item, "name", &text, NULL);
  name = lum_ui_choice_action_name (text);
  return g_strconcat ("choose.", name, NULL);
}

static void
select_combo (gpointer    editor,
              const char *row_name,
              const char *label)
{
  GtkWidget *row = child (editor, row_name);

  adw_combo_row_set_selected (ADW_COMBO_ROW (row), combo_position (row, label));
  pump ();
}

static void
set_text (gpointer    editor,
          const char *name,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (editor, name)), text);
}

static LumMappingRow *
mapping_row (gpointer editor,
             int      index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (child (editor, "mapping_list")), index);

  g_assert_true (LUM_IS_MAPPING_ROW (row));
  return LUM_MAPPING_ROW (row);
}

static void
set_mapping (gpointer    editor,
             int         index,
             const char *lumen_field,
             const char *remote_field)
{
  LumMappingRow *row = mapping_row (editor, index);
  GObject *dropdown = gtk_widget_get_template_child (GTK_WIDGET (row), LUM_TYPE_MAPPING_ROW, "field_dropdown");
  GObject *entry = gtk_widget_get_template_child (GTK_WIDGET (row), LUM_TYPE_MAPPING_ROW, "remote_entry");

  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), catalog_position (lumen_field));
  gtk_editable_set_text (GTK_EDITABLE (entry), remote_field);
}

static gboolean
has_error (gpointer    editor,
           const char *name)
{
  return gtk_widget_has_css_class (child (editor, name), "error");
}

/* Whether the keyboard focus is in the widget @name (or inside it). */
static gboolean
has_focus (gpointer    editor,
           const char *name)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (editor));
  GtkWidget *widget = child (editor, name);

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(LumIntegration) shipstation = lum_integration_new (LUM_INTEGRATION_KIND_SHIPSTATION,
                                                               "Sandbox ShipStation");
  g_autoptr(LumIntegration) quickbooks = lum_integration_new (LUM_INTEGRATION_KIND_QUICKBOOKS,
                                                              "QuickBooks Online");
  g_autoptr(LumWarehouseGroup) west = NULL;
  g_autoptr(LumInvoiceType) net30 = NULL;
  g_autoptr(GError) error = NULL;
  const char *codes[] = { "MAIN", NULL };

  f->engine = lum_test_engine_new (NULL, NULL);

  lum_integration_set_setting (quickbooks, LUM_SETTING_QUICKBOOKS_REALM, "4620816365");
  g_assert_true (lum_engine_save_integration (f->engine, shipstation, &error));
  g_assert_no_error (error);
  g_assert_true (lum_engine_save_integration (f->engine, quickbooks, &error));
  g_assert_no_error (error);
  f->shipstation_id = lum_integration_get_id (shipstation);
  f->quickbooks_id = lum_integration_get_id (quickbooks);
  g_assert_true (lum_engine_remember_remote_store (f->engine, f->shipstation_id, "1001",
                                                   "Wholesale", &error));
  g_assert_no_error (error);

  west = lum_engine_create_warehouse_group (f->engine, "West Coast", codes, FALSE, &error);
  g_assert_no_error (error);
  f->west_group_id = lum_warehouse_group_get_id (west);
  net30 = lum_engine_add_invoice_type (f->engine, "Net 30", &error);
  g_assert_no_error (error);
  f->net30_type_id = lum_invoice_type_get_id (net30);

  f->window = lum_window_new (NULL, f->engine);
  gtk_window_present (GTK_WINDOW (f->window));
  pump ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  LumChannelEditor *editor = find_editor ();

  if (editor != NULL)
    gtk_window_destroy (GTK_WINDOW (editor));
  gtk_window_destroy (GTK_WINDOW (f->window));
  pump ();
  g_clear_object (&f->engine);
}

static LumChannel *
save_channel (Fixture    *f,
              const char *name)
{
  g_autoptr(LumChannel) channel = lum_engine_new_channel (f->engine, NULL);
  g_autoptr(GError) error = NULL;

  lum_channel_set_name (channel, name);
  g_assert_true (lum_engine_save_channel (f->engine, channel, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&channel);
}

static void
test_empty_state (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *page = lum_window_get_page (f->window, "channels");
  GObject *stack = gtk_widget_get_template_child (page, LUM_TYPE_CHANNELS_PAGE, "content_stack");

  g_assert_nonnull (page);
  g_assert_cmpuint (g_list_model_get_n_items (lum_channels_page_get_model (LUM_CHANNELS_PAGE (page))), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
}

static void
test_create_every_field (Fixture       *f,
                         gconstpointer  data)
{
  LumChannelEditor *editor = open_editor (f, NULL);
  GtkWidget *page = lum_window_get_page (f->window, "channels");
  GListModel *rows = lum_channels_page_get_model (LUM_CHANNELS_PAGE (page));
  g_autoptr(LumChannel) shown = NULL;
  g_autoptr(LumChannel) stored = NULL;
  g_autoptr(LumFieldMapping) first = NULL;
  g_autoptr(LumFieldMapping) second = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *tags;

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *)&editor);

  /* The default group is preselected. */
  g_assert_cmpstr (lum_warehouse_group_get_name (adw_combo_row_get_selected_item (ADW_COMBO_ROW (child (editor, "group_row")))),
                   ==, "Default Warehouse Group");

  /* 1. General */
  set_text (editor, "name_row", "Wholesale Sales Channel");
  select_combo (editor, "group_row", "West Coast");
  gtk_switch_set_active (GTK_SWITCH (child (editor, "internal_switch")), TRUE);
  set_text (editor, "description_row", "Phone and email orders of the wholesale team");
  set_text (editor, "tags_row", "wholesale, East coast , wholesale");

  /* 2. Order Destination: the rows apply only once push is on. */
  g_assert_false (gtk_widget_get_sensitive (child (editor, "delay_row")));
  gtk_switch_set_active (GTK_SWITCH (child (editor, "push_switch")), TRUE);
  pump ();
  g_assert_true (gtk_widget_get_sensitive (child (editor, "delay_row")));
  g_assert_true (gtk_widget_get_sensitive (child (editor, "oms_row")));
  select_combo (editor, "oms_row", "Sandbox ShipStation");
  g_assert_true (gtk_widget_get_visible (child (editor, "store_row")));
  select_combo (editor, "store_row", "Wholesale");
  g_assert_false (gtk_widget_get_visible (child (editor, "store_id_row")));
  set_text (editor, "delay_entry", "15");
  gtk_switch_set_active (GTK_SWITCH (child (editor, "fulfillment_switch")), TRUE);
  /* hold, unless the clerk says split */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (editor, "when_short_row"))), ==, 0);
  select_combo (editor, "when_short_row", "Split between");
  {
    GtkWidget *row = child (editor, "when_short_row");
    GtkWidget *scrolled = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
    graphene_point_t at;

    g_assert_true (gtk_widget_compute_point (row, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                             &GRAPHENE_POINT_INIT (0, 0), &at));
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)), at.y - 200);
    pump ();
    lum_ui_test_shot ("channel-editor-when-short");
  }

  /* 3. Custom Field Mapping */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-mapping", NULL);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-mapping", NULL);
  pump ();
  set_mapping (editor, 0, "shipping_type", "routingInfo.mode");
  set_mapping (editor, 1, "shipping_notes", "shippingNotes");
  /* Reorder: shipping notes first. */
  gtk_widget_activate_action (GTK_WIDGET (mapping_row (editor, 1)), "row.move-up", NULL);
  pump ();

  /* 4. Invoicing and Sales Order Logic */
  select_combo (editor, "flow_row", "Sales order first");
  select_combo (editor, "invoice_type_row", "Net 30");
  select_combo (editor, "timing_row", "When a shipment");
  select_combo (editor, "accounting_row", "QuickBooks Online");

  g_assert_true (lum_channel_editor_get_modified (editor));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  pump ();
  g_assert_null (editor);

  /* The list shows it … */
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  shown = g_list_model_get_item (rows, 0);
  g_assert_cmpstr (lum_channel_get_name (shown), ==, "Wholesale Sales Channel");
  g_assert_true (lum_channel_get_internal (shown));

  /* … and the database holds every value. */
  stored = lum_engine_find_channel (f->engine, "Wholesale Sales Channel", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lum_channel_get_name (stored), ==, "Wholesale Sales Channel");
  g_assert_cmpint (lum_channel_get_warehouse_group_id (stored), ==, f->west_group_id);
  g_assert_true (lum_channel_get_internal (stored));
  g_assert_cmpstr (lum_channel_get_description (stored), ==, "Phone and email orders of the wholesale team");
  tags = lum_channel_get_tags (stored);
  g_assert_cmpuint (g_strv_length ((char **)tags), ==, 2);
  g_assert_cmpstr (tags[0], ==, "wholesale");
  g_assert_cmpstr (tags[1], ==, "East coast");
  g_assert_true (lum_channel_get_push_to_oms (stored));
  g_assert_cmpint (lum_channel_get_oms_integration_id (stored), ==, f->shipstation_id);
  g_assert_cmpstr (lum_channel_get_oms_store_id (stored), ==, "1001");
  g_assert_cmpstr (lum_channel_get_oms_store_name (stored), ==, "Wholesale");
  g_assert_cmpint (lum_channel_get_push_delay_minutes (stored), ==, 15);
  g_assert_true (lum_channel_get_push_fulfillment_updates (stored));
  g_assert_cmpint (lum_channel_get_when_short (stored), ==, LUM_WHEN_SHORT_SPLIT);
  g_assert_cmpuint (g_list_model_get_n_items (lum_channel_get_mappings (stored)), ==, 2);
  first = g_list_model_get_item (lum_channel_get_mappings (stored), 0);
  second = g_list_model_get_item (lum_channel_get_mappings (stored), 1);
  g_assert_cmpstr (lum_field_mapping_get_lumen_field (first), ==, "shipping_notes");
  g_assert_cmpstr (lum_field_mapping_get_remote_field (first), ==, "shippingNotes");
  g_assert_cmpstr (lum_field_mapping_get_lumen_field (second), ==, "shipping_type");
  g_assert_cmpstr (lum_field_mapping_get_remote_field (second), ==, "routingInfo.mode");
  g_assert_cmpint (lum_channel_get_order_flow (stored), ==, LUM_ORDER_FLOW_SO_FIRST);
  g_assert_cmpint (lum_channel_get_invoice_type_id (stored), ==, f->net30_type_id);
  g_assert_cmpint (lum_channel_get_invoice_timing (stored), ==, LUM_INVOICE_TIMING_SHIPMENT_CREATED);
  g_assert_cmpint (lum_channel_get_accounting_integration_id (stored), ==, f->quickbooks_id);
  g_assert_false (lum_channel_get_archived (stored));
}

/* The first label under @root whose text contains @text. */
static GtkWidget *
find_label_containing (GtkWidget  *root,
                       const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      strstr (gtk_label_get_label (GTK_LABEL (root)), text) != NULL)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label_containing (c, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Choosing the OMS leaves the store to the clerk (no first store, "Retail",
 * for a wholesale channel); saving without one says so on the store row. */
static void
test_store_not_chosen (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(LumChannel) stored = NULL;
  LumChannelEditor *editor;

  g_assert_true (lum_engine_remember_remote_store (f->engine, f->shipstation_id, "1002", "Retail", NULL));
  before = lum_test_dump_database (f->engine);
  editor = open_editor (f, NULL);
  set_text (editor, "name_row", "Wholesale Sales Channel");
  gtk_switch_set_active (GTK_SWITCH (child (editor, "push_switch")), TRUE);
  pump ();
  select_combo (editor, "oms_row", "Sandbox ShipStation");
  g_assert_true (gtk_widget_get_visible (child (editor, "store_row")));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (editor, "store_row"))), ==,
                    GTK_INVALID_LIST_POSITION);
  g_assert_false (gtk_widget_get_visible (child (editor, "store_id_row")));

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  pump ();
  g_assert_true (find_editor () == editor);
  g_assert_true (has_error (editor, "store_row"));
  g_assert_nonnull (find_label_containing (GTK_WIDGET (editor), "Store is empty"));
  after = lum_test_dump_database (f->engine);
  g_assert_cmpstr (after, ==, before);

  select_combo (editor, "store_row", "Wholesale");
  g_assert_false (has_error (editor, "store_row"));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  pump ();
  g_assert_null (find_editor ());
  stored = lum_engine_find_channel (f->engine, "Wholesale Sales Channel", NULL);
  g_assert_nonnull (stored);
  g_assert_cmpstr (lum_channel_get_oms_store_id (stored), ==, "1001");
}

static guint
count_labels_containing (GtkWidget  *root,
                         const char *text)
{
  guint n = GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
            strstr (gtk_label_get_label (GTK_LABEL (root)), text) != NULL;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_labels_containing (c, text);
  return n;
}

/* Every refused value at once, in plain words, each said once: under its
 * row, not again in a toast. */
static void
test_every_error_at_once (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *before = lum_test_dump_database (f->engine);
  g_autofree char *after = NULL;
  LumChannelEditor *editor = open_editor (f, NULL);

  set_text (editor, "name_row", "   ");
  gtk_switch_set_active (GTK_SWITCH (child (editor, "push_switch")), TRUE);
  pump ();
  select_combo (editor, "oms_row", "Sandbox ShipStation");
  set_text (editor, "delay_entry", "abc");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  pump ();

  g_assert_true (find_editor () == editor);
  g_assert_true (has_error (editor, "name_row"));
  g_assert_true (has_error (editor, "store_row"));
  g_assert_true (has_error (editor, "delay_row"));
  g_assert_true (has_focus (editor, "name_row"));
  g_assert_cmpuint (count_labels_containing (GTK_WIDGET (editor), "Name is empty"), ==, 1);
  g_assert_cmpuint (count_labels_containing (GTK_WIDGET (editor), "Channel name"), ==, 0);
  g_assert_cmpuint (count_labels_containing (GTK_WIDGET (editor), "Store is empty"), ==, 1);
  g_assert_cmpuint (count_labels_containing (GTK_WIDGET (editor), "Push delay “abc”"), ==, 1);
  lum_ui_test_shot ("channel-editor-every-error");
  after = lum_test_dump_database (f->engine);
  g_assert_cmpstr (after, ==, before);
  gtk_window_destroy (GTK_WINDOW (editor));
  pump ();
}

static void
test_invalid_values (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(LumChannel) existing = save_channel (f, "Wholesale");
  g_autofree char *before = lum_test_dump_database (f->engine);
  g_autofree char *after = NULL;
  LumChannelEditor *editor = open_editor (f, NULL);

  /* A typed store id: the known-store combo offers "Other". */
  set_text (editor, "name_row", "Trade Show");
  gtk_switch_set_active (GTK_SWITCH (child (editor, "push_switch")), TRUE);
  pump ();
  select_combo (editor, "store_row", "Other");
  g_assert_true (gtk_widget_get_visible (child (editor, "store_id_row")));
  set_text (editor, "store_id_row", "2002");

  /* A delay that is not a number. */
  set_text (editor, "delay_entry", "abc");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  pump ();
  g_assert_true (find_editor () == editor);
  g_assert_true (has_error (editor, "delay_row"));
  g_assert_false (has_error (editor, "name_row"));
  g_assert_true (has_focus (editor, "delay_entry"));
  after = lum_test_dump_database (f->engine);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* Editing the row clears its error; a name already used is refused on
   * the name row. */
  set_text (editor, "delay_entry", "30");
  g_assert_false (has_error (editor, "delay_row"));
  set_text (editor, "name_row", "  WHOLESALE ");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  pump ();
  g_assert_true (has_error (editor, "name_row"));
  g_assert_true (has_focus (editor, "name_row"));
  g_assert_false (has_error (editor, "delay_row"));
  after = lum_test_dump_database (f->engine);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* The second of two rows that set the same remote field carries the error. */
  set_text (editor, "name_row", "Trade Show");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-mapping", NULL);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-mapping", NULL);
  pump ();
  set_mapping (editor, 0, "shipping_notes", "shippingNotes");
  set_mapping (editor, 1, "gift_message", "shippingNotes");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  pump ();
  g_assert_false (has_error (editor, "name_row"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (mapping_row (editor, 0)), "error"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (mapping_row (editor, 1)), "error"));
  after = lum_test_dump_database (f->engine);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* Invoice first needs an internal channel: the error is on the flow row. */
  set_mapping (editor, 1, "gift_message", "savedElements[name=GiftMessage]");
  select_combo (editor, "flow_row", "Invoice first");
  g_assert_false (gtk_widget_get_sensitive (child (editor, "timing_row")));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  pump ();
  g_assert_true (has_error (editor, "flow_row"));
  after = lum_test_dump_database (f->engine);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* Fixed, it saves, with the typed store id. */
  gtk_switch_set_active (GTK_SWITCH (child (editor, "internal_switch")), TRUE);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  pump ();
  g_assert_null (find_editor ());
  {
    g_autoptr(LumChannel) stored = lum_engine_find_channel (f->engine, "Trade Show", NULL);

    g_assert_nonnull (stored);
    g_assert_cmpstr (lum_channel_get_oms_store_id (stored), ==, "2002");
    g_assert_cmpint (lum_channel_get_push_delay_minutes (stored), ==, 30);
    g_assert_cmpint (lum_channel_get_order_flow (stored), ==, LUM_ORDER_FLOW_INVOICE_FIRST);
    g_assert_cmpint (lum_channel_get_invoice_timing (stored), ==, LUM_INVOICE_TIMING_NONE);
  }
}

static void
test_cancel_keeps_channel (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(LumChannel) existing = save_channel (f, "Wholesale");
  g_autofree char *before = lum_test_dump_database (f->engine);
  g_autofree char *after = NULL;
  GListModel *rows = lum_channels_page_get_model (LUM_CHANNELS_PAGE (lum_window_get_page (f->window, "channels")));
  g_autoptr(LumChannel) shown = NULL;
  LumChannelEditor *editor = open_editor (f, existing);
  AdwMessageDialog *dialog;

  g_assert_false (lum_channel_editor_get_modified (editor));
  set_text (editor, "name_row", "Renamed");
  g_assert_true (lum_channel_editor_get_modified (editor));

  /* Cancel asks first; keeping on editing keeps the editor. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
  pump ();
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  pump ();
  g_assert_true (find_editor () == editor);

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
  pump ();
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  pump ();
  g_assert_null (find_editor ());

  shown = g_list_model_get_item (rows, 0);
  g_assert_cmpstr (lum_channel_get_name (shown), ==, "Wholesale");
  after = lum_test_dump_database (f->engine);
  g_assert_cmpstr (after, ==, before);
}

static void
test_archive_duplicate_search (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(LumChannel) wholesale = save_channel (f, "Wholesale");
  g_autoptr(LumChannel) retail = save_channel (f, "Retail");
  GtkWidget *page = lum_window_get_page (f->window, "channels");
  GListModel *rows = lum_channels_page_get_model (LUM_CHANNELS_PAGE (page));
  GObject *search = gtk_widget_get_template_child (page, LUM_TYPE_CHANNELS_PAGE, "search_entry");
  GObject *stack = gtk_widget_get_template_child (page, LUM_TYPE_CHANNELS_PAGE, "content_stack");
  g_autoptr(LumChannel) first = NULL;
  g_autoptr(LumChannel) stored = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);
  first = g_list_model_get_item (rows, 0);
  g_assert_cmpstr (lum_channel_get_name (first), ==, "Retail");

  /* Duplicate */
  gtk_widget_activate_action (page, "channels.duplicate", "x", lum_channel_get_id (wholesale));
  pump ();
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
  g_assert_nonnull ((stored = lum_engine_find_channel (f->engine, "Wholesale (copy)", NULL)));
  g_clear_object (&stored);

  /* Archive hides it; show archived shows it; restore brings it back. */
  gtk_widget_activate_action (page, "channels.archive", "x", lum_channel_get_id (wholesale));
  pump ();
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);
  stored = lum_engine_get_channel (f->engine, lum_channel_get_id (wholesale), NULL);
  g_assert_true (lum_channel_get_archived (stored));
  g_clear_object (&stored);
  lum_channels_page_set_show_archived (LUM_CHANNELS_PAGE (page), TRUE);
  pump ();
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
  gtk_widget_activate_action (page, "channels.restore", "x", lum_channel_get_id (wholesale));
  pump ();
  stored = lum_engine_get_channel (f->engine, lum_channel_get_id (wholesale), NULL);
  g_assert_false (lum_channel_get_archived (stored));

  /* Search by name, and a search without results. */
  gtk_editable_set_text (GTK_EDITABLE (search), "retail");
  g_signal_emit_by_name (search, "search-changed");
  pump ();
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "list");
  gtk_editable_set_text (GTK_EDITABLE (search), "no such channel");
  g_signal_emit_by_name (search, "search-changed");
  pump ();
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "no-results");
}

static void
test_external_change (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumEngine) other = NULL;
  g_autoptr(LumChannel) channel = NULL;
  GListModel *rows = lum_channels_page_get_model (LUM_CHANNELS_PAGE (lum_window_get_page (f->window, "channels")));

  /* Another connection (as lumenctl would) adds a channel; the timer's
   * check makes it show up. */
  other = lum_engine_new (lum_db_get_path (lum_engine_get_db (f->engine)), &error);
  g_assert_no_error (error);
  channel = lum_engine_new_channel (other, &error);
  lum_channel_set_name (channel, "From lumenctl");
  g_assert_true (lum_engine_save_channel (other, channel, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);
  g_assert_true (lum_engine_check_external_changes (f->engine));
  pump ();
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
}

/* What a screen reader can do without the popover: every choice of a
 * combo row is an action “choose.NAME” of the row (AT-SPI lists a
 * widget's actions), which chooses it; the list is kept up with the
 * row's model (the stores come in after the OMS integration is chosen). */
static void
test_choose_actions (Fixture       *f,
                     gconstpointer  data)
{
  LumChannelEditor *editor = open_editor (f, NULL);
  GtkWidget *oms = child (editor, "oms_row");
  GtkWidget *flow = child (editor, "flow_row");
  GtkWidget *store = child (editor, "store_row");
  g_autofree char *name = lum_ui_choice_action_name ("Sales order first, then invoice");
  g_autofree char *wholesale = NULL;

  g_assert_cmpstr (name, ==, "sales-order-first-then-invoice");
  g_clear_pointer (&name, g_free);
  name = lum_ui_choice_action_name ("Other Store (Enter ID)…");
  g_assert_cmpstr (name, ==, "other-store-enter-id");

  gtk_switch_set_active (GTK_SWITCH (child (editor, "push_switch")), TRUE);
  pump ();
  g_assert_true (gtk_widget_activate_action (oms, "choose.sandbox-shipstation", NULL));
  pump ();
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (oms)), ==, combo_position (oms, "Sandbox ShipStation"));
  wholesale = choice_action (store, "Wholesale");
  g_test_message ("the store Wholesale is %s", wholesale);
  g_assert_true (gtk_widget_activate_action (store, wholesale, NULL));
  pump ();
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (store)), ==, combo_position (store, "Wholesale"));

  g_assert_true (gtk_widget_activate_action (flow, "choose.invoice-first-then-sales-order", NULL));
  pump ();
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (flow)), ==, combo_position (flow, "Invoice first"));
  g_assert_true (gtk_widget_activate_action (flow, "choose.sales-order-first-then-invoice", NULL));
  pump ();
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (flow)), ==, combo_position (flow, "Sales order first"));
  g_assert_false (gtk_widget_activate_action (flow, "choose.no-such-flow", NULL));

  gtk_window_destroy (GTK_WINDOW (editor));
  pump ();
}

int
main (int   argc,
      char *argv[])
{
  lum_ui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ui/channels/empty-state", test_empty_state);
  ADD ("/ui/editor/create-every-field", test_create_every_field);
  ADD ("/ui/editor/invalid-values", test_invalid_values);
  ADD ("/ui/editor/choose-actions", test_choose_actions);
  ADD ("/ui/editor/store-not-chosen", test_store_not_chosen);
  ADD ("/ui/editor/every-error-at-once", test_every_error_at_once);
  ADD ("/ui/editor/cancel-keeps-channel", test_cancel_keeps_channel);
  ADD ("/ui/channels/archive-duplicate-search", test_archive_duplicate_search);
  ADD ("/ui/channels/external-change", test_external_change);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-test"

#include "lum-channel-editor.h"
#include "lum-flow-diagram.h"
#include "lum-test-dialog.h"
#include "lum-secrets.h"
#include "lum-test-sandbox.h"
#include "sync-test-util.h"
#include "lum-engine-setup.h"

/* The channel editor against the sandbox (on its own thread): the store
 * list read live, the flow diagram, and Test Channel run from the editor,
 * its steps read from the rows it shows. */

typedef struct
{
  LumTestWorld world;
  LumIntegration *quickbooks;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  if (!lum_test_keyring_available ())
    {
      g_test_skip ("No Secret Service for the credentials (run under .ci/session)");
      return;
    }
  lum_test_world_init (&f->world);
  f->quickbooks = lum_test_world_add_integration (&f->world, LUM_INTEGRATION_KIND_QUICKBOOKS,
                                                  "Sandbox QuickBooks", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sync_test_close_toplevels ();
  g_clear_object (&f->quickbooks);
  lum_test_world_clear (&f->world);
}

/* The seed's channel: Sandbox ShipStation after 15 minutes, two mapped
 * fields, a Standard invoice on shipment, invoices to QuickBooks. */
static LumChannel *
wholesale_channel (Fixture    *f,
                   const char *name,
                   const char *store)
{
  g_autoptr(GError) error = NULL;
  LumChannel *channel = lum_test_world_channel (&f->world, name, f->world.shipstation, store, 15,
                                                LUM_INVOICE_TIMING_SHIPMENT_CREATED, f->quickbooks);

  lum_channel_add_mapping (channel, "shipping_notes", "shippingNotes");
  lum_channel_add_mapping (channel, "shipping_type", "routingInfo.mode");
  g_assert_true (lum_engine_save_channel (f->world.engine, channel, &error));
  g_assert_no_error (error);
  return channel;
}

static LumChannelEditor *
open_editor (Fixture    *f,
             LumChannel *channel)
{
  LumChannelEditor *editor = lum_channel_editor_new (NULL, f->world.engine, channel);

  gtk_window_present (GTK_WINDOW (editor));
  lum_ui_test_pump ();
  return editor;
}

static gboolean
stores_settled (gpointer editor)
{
  return !gtk_widget_get_visible (lum_ui_test_child (editor, LUM_TYPE_CHANNEL_EDITOR, "store_status_row")) ||
         gtk_widget_get_visible (lum_ui_test_child (editor, LUM_TYPE_CHANNEL_EDITOR, "store_retry_button"));
}

static gboolean
test_finished (gpointer dialog)
{
  return lum_test_dialog_get_finished (dialog);
}

static LumTestDialog *
run_test (LumChannelEditor *editor)
{
  LumTestDialog *dialog;

  sync_test_wait (stores_settled, editor, 90, "the live store list");
  g_assert_true (gtk_widget_get_sensitive (lum_ui_test_child (editor, LUM_TYPE_CHANNEL_EDITOR, "test_button")));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.test-channel", NULL);
  lum_ui_test_pump ();
  dialog = sync_test_find_toplevel (LUM_TYPE_TEST_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_false (lum_test_dialog_get_running (dialog));

  gtk_widget_activate_action (GTK_WIDGET (dialog), "test.run", NULL);
  g_assert_true (lum_test_dialog_get_running (dialog));
  sync_test_wait (test_finished, dialog, 180, "the channel test");
  return dialog;
}

static GtkWidget *
step_row (LumTestDialog *dialog,
          const char    *name)
{
  GtkWidget *list = lum_ui_test_child (dialog, LUM_TYPE_TEST_DIALOG, "steps_list");
  GtkWidget *row = sync_test_find_named (list, name);

  g_assert_nonnull (row);
  return row;
}

static const char *
row_state (GtkWidget *row)
{
  static const char * const states[] = { "pending", "running", "ok", "failed", "skipped", "waiting" };

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_autofree char *css = g_strconcat ("lum-step-", states[i], NULL);

      if (gtk_widget_has_css_class (row, css))
        return states[i];
    }
  return NULL;
}

static char *
request_body (LumTestDialog *dialog)
{
  GtkWidget *request = step_row (dialog, "request");
  GtkWidget *view = sync_test_find_named (request, "request-body");
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_assert_true (GTK_IS_TEXT_VIEW (view));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
test_green (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autofree char *body = NULL;
  g_autofree char *key = NULL;
  LumChannelEditor *editor;
  LumTestDialog *dialog;
  GtkWidget *list, *diagram, *request, *invoice_row, *invoice_icon;
  const char *number;
  guint n_rows = 0;

  if (g_test_failed () || f->world.engine == NULL)
    return;

  channel = wholesale_channel (f, "Wholesale Sales Channel", "1001");
  editor = open_editor (f, channel);
  sync_test_wait (stores_settled, editor, 90, "the live store list");
  diagram = lum_ui_test_child (editor, LUM_TYPE_CHANNEL_EDITOR, "flow_diagram");
  g_assert_null (lum_flow_diagram_get_node_state (LUM_FLOW_DIAGRAM (diagram), "oms"));
  g_assert_nonnull (strstr (lum_flow_diagram_get_description (LUM_FLOW_DIAGRAM (diagram)),
                            "pushed to Sandbox ShipStation, Wholesale, after 15 min"));
  g_assert_nonnull (strstr (lum_flow_diagram_get_description (LUM_FLOW_DIAGRAM (diagram)),
                            "Mapped fields: shippingNotes, routingInfo.mode."));
  sync_test_save_shot (GTK_WIDGET (editor), "sync-editor-diagram");

  dialog = run_test (editor);
  sync_test_save_shot (GTK_WIDGET (dialog), "sync-test-green");

  /* Every step passed or does not apply, as each row shows; the invoice,
   * which comes with the shipment, waited for it. */
  list = lum_ui_test_child (dialog, LUM_TYPE_TEST_DIALOG, "steps_list");
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      const char *state;

      if (g_str_equal (gtk_widget_get_name (row), "request") || g_str_equal (gtk_widget_get_name (row), "invoice"))
        continue;
      state = row_state (row);
      if (g_strcmp0 (state, "ok") != 0 && g_strcmp0 (state, "skipped") != 0)
        g_error ("Step %s is %s: %s", gtk_widget_get_name (row), state,
                 adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
      n_rows++;
    }
  g_assert_cmpuint (n_rows + 1, ==, g_list_model_get_n_items (lum_channel_test_get_steps (lum_test_dialog_get_test (dialog))));
  invoice_row = step_row (dialog, "invoice");
  g_assert_cmpstr (row_state (invoice_row), ==, "waiting");
  invoice_icon = sync_test_find_named (invoice_row, "step-icon");
  g_assert_true (GTK_IS_IMAGE (invoice_icon));
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (invoice_icon)), !=, "emblem-ok-symbolic");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (invoice_icon), ==, "Waiting for the shipment");
  g_assert_cmpstr (row_state (step_row (dialog, "invoice-on-shipment")), ==, "ok");
  g_assert_cmpstr (row_state (step_row (dialog, "pushed")), ==, "ok");
  g_assert_cmpstr (row_state (step_row (dialog, "tracking")), ==, "ok");
  g_assert_cmpstr (row_state (step_row (dialog, "accounting")), ==, "ok");
  g_assert_cmpstr (row_state (step_row (dialog, "cleanup")), ==, "skipped");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (step_row (dialog, "push-scheduled"))),
                            "the delay is skipped"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (step_row (dialog, "pushed"))),
                            "store 1001"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (lum_ui_test_child (dialog, LUM_TYPE_TEST_DIALOG, "status_title"))),
                   ==, "Test Passed");

  /* The request shown is the one sent: the order's orderKey, the store,
   * the mapped fields listed under it. */
  number = lum_channel_test_get_document_number (lum_test_dialog_get_test (dialog));
  order = lum_engine_find_document (f->world.engine, LUM_DOCUMENT_KIND_SALES_ORDER, number, NULL);
  g_assert_nonnull (order);
  body = request_body (dialog);
  key = g_strdup_printf ("\"orderKey\" : \"%s\"", lum_document_get_text (order, LUM_DOC_UUID));
  g_assert_nonnull (strstr (body, key));
  g_assert_nonnull (strstr (body, "\"storeId\" : 1001"));
  request = step_row (dialog, "request");
  g_assert_nonnull (sync_test_find_label (request, "shippingNotes"));
  g_assert_nonnull (sync_test_find_label (request, "routingInfo.mode"));

  /* The diagram marks what passed. */
  g_assert_cmpstr (lum_flow_diagram_get_node_state (LUM_FLOW_DIAGRAM (diagram), "order"), ==, "ok");
  g_assert_cmpstr (lum_flow_diagram_get_node_state (LUM_FLOW_DIAGRAM (diagram), "oms"), ==, "ok");
  g_assert_cmpstr (lum_flow_diagram_get_node_state (LUM_FLOW_DIAGRAM (diagram), "shipment"), ==, "ok");
  g_assert_cmpstr (lum_flow_diagram_get_node_state (LUM_FLOW_DIAGRAM (diagram), "accounting"), ==, "ok");
  g_assert_nonnull (strstr (lum_flow_diagram_get_description (LUM_FLOW_DIAGRAM (diagram)), "The last test passed."));

  gtk_window_destroy (GTK_WINDOW (dialog));
  lum_ui_test_pump ();
  sync_test_save_shot (GTK_WIDGET (editor), "sync-editor-diagram-tested");
}

static void
test_unknown_store (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  LumChannelEditor *editor;
  LumTestDialog *dialog;
  GtkWidget *pushed, *diagram;
  const char *detail;

  if (g_test_failed () || f->world.engine == NULL)
    return;

  channel = wholesale_channel (f, "Trade Show", "4040");
  editor = open_editor (f, channel);
  dialog = run_test (editor);
  sync_test_save_shot (GTK_WIDGET (dialog), "sync-test-red");

  pushed = step_row (dialog, "pushed");
  detail = adw_action_row_get_subtitle (ADW_ACTION_ROW (pushed));
  g_assert_cmpstr (row_state (pushed), ==, "failed");
  g_assert_nonnull (strstr (detail, "4040"));
  g_assert_cmpstr (row_state (step_row (dialog, "push-scheduled")), ==, "ok");
  g_assert_cmpstr (row_state (step_row (dialog, "shipment")), ==, "skipped");
  g_assert_null (sync_test_find_named (lum_ui_test_child (dialog, LUM_TYPE_TEST_DIALOG, "steps_list"), "request"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (lum_ui_test_child (dialog, LUM_TYPE_TEST_DIALOG, "status_title"))),
                   ==, "Test Failed");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (lum_ui_test_child (dialog, LUM_TYPE_TEST_DIALOG,
                                                                          "status_description"))), "4040"));

  diagram = lum_ui_test_child (editor, LUM_TYPE_CHANNEL_EDITOR, "flow_diagram");
  g_assert_cmpstr (lum_flow_diagram_get_node_state (LUM_FLOW_DIAGRAM (diagram), "order"), ==, "ok");
  g_assert_cmpstr (lum_flow_diagram_get_node_state (LUM_FLOW_DIAGRAM (diagram), "oms"), ==, "failed");
  g_assert_nonnull (strstr (lum_flow_diagram_get_description (LUM_FLOW_DIAGRAM (diagram)), "The last test failed."));
}

static void
test_needs_save (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumChannel) fresh = NULL;
  LumChannelEditor *editor;
  GtkWidget *test_button, *diagram;

  if (g_test_failed () || f->world.engine == NULL)
    return;

  /* A new channel cannot be tested before it is saved. */
  fresh = lum_engine_new_channel (f->world.engine, NULL);
  editor = open_editor (f, fresh);
  g_assert_false (gtk_widget_get_sensitive (lum_ui_test_child (editor, LUM_TYPE_CHANNEL_EDITOR, "test_button")));
  gtk_window_destroy (GTK_WINDOW (editor));
  lum_ui_test_pump ();

  /* A saved one can, until it is changed; the diagram follows the change. */
  channel = wholesale_channel (f, "Wholesale", "1001");
  editor = open_editor (f, channel);
  sync_test_wait (stores_settled, editor, 90, "the live store list");
  test_button = lum_ui_test_child (editor, LUM_TYPE_CHANNEL_EDITOR, "test_button");
  diagram = lum_ui_test_child (editor, LUM_TYPE_CHANNEL_EDITOR, "flow_diagram");
  g_assert_true (gtk_widget_get_sensitive (test_button));
  g_assert_nonnull (strstr (lum_flow_diagram_get_description (LUM_FLOW_DIAGRAM (diagram)),
                            "The invoice is created when a shipment is recorded."));

  adw_combo_row_set_selected (ADW_COMBO_ROW (lum_ui_test_child (editor, LUM_TYPE_CHANNEL_EDITOR, "timing_row")), 0);
  gtk_editable_set_text (GTK_EDITABLE (lum_ui_test_child (editor, LUM_TYPE_CHANNEL_EDITOR, "delay_entry")), "");
  lum_ui_test_pump ();
  g_assert_false (gtk_widget_get_sensitive (test_button));
  g_assert_nonnull (strstr (lum_flow_diagram_get_description (LUM_FLOW_DIAGRAM (diagram)),
                            "The invoice is created with the sales order."));
  g_assert_nonnull (strstr (lum_flow_diagram_get_description (LUM_FLOW_DIAGRAM (diagram)),
                            "Wholesale, immediately."));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.test-channel", NULL);
  lum_ui_test_pump ();
  g_assert_null (sync_test_find_toplevel (LUM_TYPE_TEST_DIALOG));
}

static void
test_real_account (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(LumIntegration) ours = NULL;
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(GError) error = NULL;
  LumChannelEditor *editor;
  LumTestDialog *dialog;
  AdwMessageDialog *confirm;

  if (g_test_failed () || f->world.engine == NULL)
    return;

  /* An account that is not the sandbox's (it answers at the sandbox's
   * address, as a real one would). */
  ours = lum_test_world_add_integration (&f->world, LUM_INTEGRATION_KIND_SHIPSTATION, "Our ShipStation", NULL);
  lum_integration_set_setting (ours, LUM_SETTING_SANDBOX, NULL);
  g_assert_true (lum_engine_save_integration (f->world.engine, ours, &error));
  g_assert_no_error (error);
  channel = lum_test_world_channel (&f->world, "Wholesale", ours, "1001", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SO_CREATED, NULL);
  editor = open_editor (f, channel);
  sync_test_wait (stores_settled, editor, 90, "the live store list");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.test-channel", NULL);
  lum_ui_test_pump ();
  dialog = sync_test_find_toplevel (LUM_TYPE_TEST_DIALOG);
  g_assert_false (gtk_widget_get_visible (lum_ui_test_child (dialog, LUM_TYPE_TEST_DIALOG, "skip_delay_row")));

  /* It asks first, saying what goes where; Cancel sends nothing. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "test.run", NULL);
  lum_ui_test_pump ();
  confirm = sync_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (confirm);
  g_assert_cmpstr (adw_message_dialog_get_heading (confirm), ==, "Send a Test to a Real Account?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (confirm), "Our ShipStation (ShipStation), store Wholesale (1001)"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (confirm), "cancelled by the last step"));
  adw_message_dialog_response (confirm, "cancel");
  lum_ui_test_pump ();
  g_assert_false (lum_test_dialog_get_running (dialog));
  g_assert_false (lum_test_dialog_get_finished (dialog));
  g_assert_cmpuint (lum_sandbox_count_records (f->world.sandbox, "shipstation", "orders"), ==, 0);

  /* Confirmed, the order goes, and the cleanup cancels it there. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "test.run", NULL);
  lum_ui_test_pump ();
  confirm = sync_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (confirm, "send");
  sync_test_wait (test_finished, dialog, 180, "the channel test");
  g_assert_cmpstr (row_state (step_row (dialog, "pushed")), ==, "ok");
  g_assert_cmpstr (row_state (step_row (dialog, "shipment")), ==, "skipped");
  g_assert_cmpstr (row_state (step_row (dialog, "cleanup")), ==, "ok");
  g_assert_cmpuint (lum_sandbox_count_records (f->world.sandbox, "shipstation", "orders"), ==, 1);
  lum_secrets_clear (ours, NULL);
}

static guint
store_choices (LumChannelEditor *editor,
               GStrv            *labels)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (lum_ui_test_child (editor, LUM_TYPE_CHANNEL_EDITOR,
                                                                             "store_row")));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);
      g_strv_builder_add (builder, gtk_string_object_get_string (item));
    }
  *labels = g_strv_builder_end (builder);
  return n;
}

static gboolean
store_listed (gpointer user_data)
{
  Fixture *f = user_data;
  g_autoptr(GListStore) known = lum_engine_list_remote_stores (f->world.engine,
                                                               lum_integration_get_id (f->world.shipstation), NULL);
  return known != NULL && g_list_model_get_n_items (G_LIST_MODEL (known)) == 2;
}

static void
test_live_stores (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_auto(GStrv) labels = NULL;
  LumChannelEditor *editor;
  GtkWidget *status_row;

  if (g_test_failed () || f->world.engine == NULL)
    return;

  /* Nothing known before: the live list brings both stores. */
  g_assert_false (store_listed (f));
  channel = wholesale_channel (f, "Wholesale", "1002");
  /* Listing starts with the editor: its spinner row shows at once. */
  editor = lum_channel_editor_new (NULL, f->world.engine, channel);
  status_row = lum_ui_test_child (editor, LUM_TYPE_CHANNEL_EDITOR, "store_status_row");
  g_assert_true (gtk_widget_get_visible (status_row));
  gtk_window_present (GTK_WINDOW (editor));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (status_row)),
                            "Listing the stores of Sandbox ShipStation"));
  sync_test_wait (stores_settled, editor, 90, "the live store list");
  g_assert_false (gtk_widget_get_visible (status_row));
  g_assert_cmpuint (store_choices (editor, &labels), ==, 3);
  g_assert_cmpstr (labels[0], ==, "Wholesale (1001)");
  g_assert_cmpstr (labels[1], ==, "Retail (1002)");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (lum_ui_test_child (editor, LUM_TYPE_CHANNEL_EDITOR,
                                                                              "store_row"))), ==, 1);
  g_assert_true (store_listed (f));
  g_assert_false (lum_channel_editor_get_modified (editor));
  g_clear_pointer (&labels, g_strfreev);

  /* The OMS goes away: the error row offers Retry, the last known list stays. */
  lum_sandbox_stop (f->world.sandbox);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.retry-stores", NULL);
  g_assert_true (gtk_widget_get_visible (status_row));
  sync_test_wait (stores_settled, editor, 90, "the failed store list");
  g_assert_true (gtk_widget_get_visible (status_row));
  g_assert_true (gtk_widget_get_visible (lum_ui_test_child (editor, LUM_TYPE_CHANNEL_EDITOR, "store_retry_button")));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (status_row)),
                            "The stores of Sandbox ShipStation cannot be listed"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (status_row)),
                            "The list shows the stores known from before."));
  g_assert_cmpuint (store_choices (editor, &labels), ==, 3);
  g_assert_cmpstr (labels[0], ==, "Wholesale (1001)");
  g_assert_cmpstr (labels[1], ==, "Retail (1002)");
  g_assert_false (lum_channel_editor_get_modified (editor));
  gtk_widget_grab_focus (lum_ui_test_child (editor, LUM_TYPE_CHANNEL_EDITOR, "store_retry_button"));
  sync_test_save_shot (GTK_WIDGET (editor), "sync-editor-stores-offline");
}

static void
test_dark_diagram (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  AdwStyleManager *style = adw_style_manager_get_default ();
  LumChannelEditor *editor;

  if (g_test_failed () || f->world.engine == NULL)
    return;

  /* Drawing in both schemes must not warn; the shots show the colours. */
  channel = wholesale_channel (f, "Wholesale", "1001");
  lum_channel_set_order_flow (channel, LUM_ORDER_FLOW_INVOICE_FIRST);
  lum_channel_set_invoice_timing (channel, LUM_INVOICE_TIMING_NONE);
  g_assert_true (lum_engine_save_channel (f->world.engine, channel, NULL));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  editor = open_editor (f, channel);
  sync_test_wait (stores_settled, editor, 90, "the live store list");
  g_assert_nonnull (strstr (lum_flow_diagram_get_description (LUM_FLOW_DIAGRAM (lum_ui_test_child (editor,
                                                                                             LUM_TYPE_CHANNEL_EDITOR,
                                                                                             "flow_diagram"))),
                            "Invoices created in this channel generate a sales order."));
  sync_test_save_shot (GTK_WIDGET (editor), "sync-editor-diagram-dark");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  lum_ui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ui/channel-test/green", test_green);
  ADD ("/ui/channel-test/unknown-store", test_unknown_store);
  ADD ("/ui/channel-test/needs-save", test_needs_save);
  ADD ("/ui/channel-test/real-account", test_real_account);
  ADD ("/ui/editor/live-stores", test_live_stores);
  ADD ("/ui/editor/dark-diagram", test_dark_diagram);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-test"

#include <string.h>

#include "connect/lum-connector.h"
#include "lum-activity-page.h"
#include "lum-conflict-group.h"
#include "lum-document-view.h"
#include "lum-engine-sync.h"
#include "lum-ship-dialog.h"
#include "lum-window.h"
#include "ui-test-util.h"

/* *Mark as Shipped* on an order bound for ShipStation asks first; the
 * warehouse's own shipment, with another tracking number, then shows on
 * the order (both numbers, what differs, the two ways out) and on
 * Activity. */

typedef struct
{
  LumUiTestData  data;
  LumWindow     *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  unused)
{
  lum_ui_test_data_init (&f->data);
  f->window = lum_window_new (NULL, f->data.engine);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 760);
  gtk_window_present (GTK_WINDOW (f->window));
  lum_ui_test_pump ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  unused)
{
  lum_ui_test_destroy_windows (GTK_WINDOW (f->window));
  lum_ui_test_data_clear (&f->data);
}

/* Posted in Wholesale, which pushes to ShipStation after 15 minutes. */
static LumDocument *
post_wholesale_order (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  LumDocument *doc = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);
  g_autoptr(LumDocLine) a = lum_doc_line_new ("SKU-A100", 2, -1);

  lum_document_set_int (doc, LUM_DOC_CHANNEL_ID, lum_channel_get_id (f->data.wholesale));
  lum_document_set_int (doc, LUM_DOC_CUSTOMER_ID, lum_customer_get_id (f->data.acme));
  lum_document_add_line (doc, a);
  g_assert_true (lum_engine_create_and_post_document (f->data.engine, doc, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lum_document_get_text (doc, LUM_DOC_PUSH_STATUS), ==, "scheduled");
  return doc;
}

/* What the poller hands the engine when ShipStation reports a shipment. */
static void
warehouse_reports (Fixture     *f,
                   LumDocument *order,
                   const char  *tracking)
{
  g_autoptr(GPtrArray) shipments = g_ptr_array_new_with_free_func ((GDestroyNotify)lum_remote_shipment_free);
  LumRemoteShipment *remote = g_new0 (LumRemoteShipment, 1);
  g_autoptr(GError) error = NULL;
  LumPollStats stats = { 0, };

  remote->shipment = lum_shipment_new ();
  lum_shipment_set_text (remote->shipment, LUM_SHIPMENT_REMOTE_ID, "ss-4711");
  lum_shipment_set_text (remote->shipment, LUM_SHIPMENT_CARRIER, "ups");
  lum_shipment_set_text (remote->shipment, LUM_SHIPMENT_TRACKING_NUMBER, tracking);
  lum_shipment_set_text (remote->shipment, LUM_SHIPMENT_SHIPPED_AT, "2026-03-02");
  remote->order_key = g_strdup (lum_document_get_text (order, LUM_DOC_UUID));
  remote->order_number = g_strdup (lum_document_get_number (order));
  g_ptr_array_add (shipments, remote);
  g_assert_true (lum_engine_apply_shipments (f->data.engine, f->data.shipstation_id, "1001", shipments,
                                             "2026-03-02T10:00:00Z", &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.conflicts, ==, 1);
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
row_subtitle (GtkWidget  *root,
              const char *name)
{
  GtkWidget *row = find_named (root, name);

  g_assert_nonnull (row);
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static void
test_warning_then_conflict (Fixture       *f,
                            gconstpointer  unused)
{
  g_autoptr(LumDocument) order = post_wholesale_order (f);
  g_autoptr(GListStore) shipments = NULL;
  g_autoptr(GListStore) conflicts = NULL;
  g_autoptr(LumShipment) kept = NULL;
  g_autoptr(LumShipmentConflict) conflict = NULL;
  LumDocumentView *view;
  LumShipDialog *dialog;
  AdwMessageDialog *warning;
  GtkWidget *group, *activity, *banner;
  const char *banner_text;

  view = LUM_DOCUMENT_VIEW (lum_window_open_document (f->window, LUM_DOCUMENT_KIND_SALES_ORDER,
                                                      lum_document_get_id (order)));
  lum_ui_test_pump ();
  g_assert_false (gtk_widget_get_visible (lum_ui_test_child (view, LUM_TYPE_DOCUMENT_VIEW, "conflict_group")));

  /* Mark as Shipped asks first: the warehouse may ship it too */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.ship", NULL));
  lum_ui_test_pump ();
  dialog = lum_ui_test_find_toplevel (LUM_TYPE_SHIP_DIALOG);
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (lum_ui_test_child (dialog, LUM_TYPE_SHIP_DIALOG, "tracking_row")), "1ZMINE");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "ship.confirm", NULL));
  lum_ui_test_pump ();
  warning = lum_ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (warning), "its warehouse may report a shipment of its own"));
  shipments = lum_engine_list_shipments (f->data.engine, lum_document_get_id (order), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shipments)), ==, 0);
  lum_ui_test_shot ("docs-ship-pushed-order-warning");
  adw_message_dialog_response (warning, "ship");
  lum_ui_test_pump ();
  g_assert_null (lum_ui_test_find_toplevel (LUM_TYPE_SHIP_DIALOG));
  g_clear_object (&shipments);
  shipments = lum_engine_list_shipments (f->data.engine, lum_document_get_id (order), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shipments)), ==, 1);

  /* the warehouse ships it with its own tracking number */
  warehouse_reports (f, order, "1ZWAREHOUSE");
  lum_document_view_reload (view);
  lum_ui_test_pump ();
  group = lum_ui_test_child (view, LUM_TYPE_DOCUMENT_VIEW, "conflict_group");
  g_assert_true (gtk_widget_get_visible (group));
  g_assert_cmpstr (row_subtitle (group, "conflict-warehouse"), ==, "ups · tracking 1ZWAREHOUSE");
  g_assert_cmpstr (row_subtitle (group, "conflict-mine"), ==, "UPS · tracking 1ZMINE");
  lum_ui_test_shot ("docs-shipment-conflict");

  /* Activity says so too */
  lum_window_show_page (f->window, "activity");
  lum_ui_test_pump ();
  activity = lum_window_get_page (f->window, "activity");
  lum_activity_page_reload (LUM_ACTIVITY_PAGE (activity));
  banner = lum_ui_test_child (activity, LUM_TYPE_ACTIVITY_PAGE, "conflict_banner");
  g_assert_true (gtk_widget_get_visible (banner));
  banner_text = gtk_label_get_text (GTK_LABEL (lum_ui_test_child (activity, LUM_TYPE_ACTIVITY_PAGE,
                                                                  "conflict_label")));
  g_assert_true (g_str_has_prefix (banner_text, "1 shipment conflict to resolve on its order: SO-000001."));

  /* keep the warehouse's */
  conflicts = lum_engine_list_shipment_conflicts (f->data.engine, lum_document_get_id (order), NULL);
  conflict = g_list_model_get_item (G_LIST_MODEL (conflicts), 0);
  g_assert_true (gtk_widget_activate_action (group, "conflict.keep-warehouse", "x",
                                             lum_shipment_conflict_get_int (conflict, LUM_CONFLICT_ID)));
  lum_ui_test_pump ();
  g_clear_object (&shipments);
  shipments = lum_engine_list_shipments (f->data.engine, lum_document_get_id (order), NULL);
  kept = g_list_model_get_item (G_LIST_MODEL (shipments), 0);
  g_assert_cmpstr (lum_shipment_get_text (kept, LUM_SHIPMENT_TRACKING_NUMBER), ==, "1ZWAREHOUSE");
  g_assert_null (find_named (group, "conflict-warehouse"));
  lum_activity_page_reload (LUM_ACTIVITY_PAGE (activity));
  g_assert_false (gtk_widget_get_visible (banner));
}

int
main (int   argc,
      char *argv[])
{
  lum_ui_test_init (&argc, &argv);
  g_test_add ("/ui/shipment-conflict/warning-then-conflict", Fixture, NULL, fixture_set_up,
              test_warning_then_conflict, fixture_tear_down);
  return g_test_run ();
}

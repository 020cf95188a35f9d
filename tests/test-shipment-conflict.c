/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "lum-test-sandbox.h"
#include "lum-util.h"
#include "sync/lum-fulfillment-poller.h"
#include "model/lum-channel.h"

/* Marked as shipped by hand, then shipped by the warehouse with another
 * tracking number: a conflict the clerk resolves, never a refusal. */

typedef LumTestWorld Fixture;


static void
warehouse_ships (Fixture     *f,
                 LumDocument *order,
                 const char  *tracking)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) shipment = NULL;

  shipment = lum_sandbox_shipstation_ship (f->sandbox, lum_document_get_number (order), "ups", tracking, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (shipment);
}

static void
clerk_ships (Fixture     *f,
             LumDocument *order,
             const char  *carrier,
             const char  *tracking)
{
  g_autoptr(LumShipment) shipment = lum_shipment_new ();
  g_autoptr(GError) error = NULL;

  lum_shipment_set_text (shipment, LUM_SHIPMENT_CARRIER, carrier);
  lum_shipment_set_text (shipment, LUM_SHIPMENT_TRACKING_NUMBER, tracking);
  g_assert_true (lum_engine_record_shipment (f->engine, lum_document_get_id (order), shipment, LUM_ACTOR_USER,
                                             NULL, &error));
  g_assert_no_error (error);
}

/* An order pushed, shipped by hand as "1ZMINE", then by the warehouse as
 * "1ZWAREHOUSE" and polled: its one conflict. */
static LumDocument *
order_in_conflict (Fixture *f)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) order = NULL;
  LumPollStats stats;

  channel = lum_test_world_channel (f, "Ships", f->shipstation, "1001", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);
  order = lum_test_world_post_order (f, channel, "Dock 3");
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);

  clerk_ships (f, order, "UPS", "1ZMINE");
  warehouse_ships (f, order, "1ZWAREHOUSE");
  stats = lum_test_world_poll (f);
  g_assert_cmpuint (stats.shipments, ==, 1);
  g_assert_cmpuint (stats.refused, ==, 0);
  g_assert_cmpuint (stats.recorded, ==, 0);
  g_assert_cmpuint (stats.conflicts, ==, 1);
  return g_steal_pointer (&order);
}

static LumShipmentConflict *
only_conflict (Fixture     *f,
               LumDocument *order)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) conflicts = lum_engine_list_shipment_conflicts (f->engine, lum_document_get_id (order),
                                                                         &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (conflicts)), ==, 1);
  return g_list_model_get_item (G_LIST_MODEL (conflicts), 0);
}

static char *
only_tracking (Fixture     *f,
               LumDocument *order)
{
  g_autoptr(GListStore) shipments = lum_engine_list_shipments (f->engine, lum_document_get_id (order), NULL);
  g_autoptr(LumShipment) shipment = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shipments)), ==, 1);
  shipment = g_list_model_get_item (G_LIST_MODEL (shipments), 0);
  return g_strdup (lum_shipment_get_text (shipment, LUM_SHIPMENT_TRACKING_NUMBER));
}

static gboolean
has_event (Fixture     *f,
           LumDocument *order,
           const char  *kind,
           const char  *summary_part)
{
  g_autoptr(GListStore) events = lum_engine_list_events (f->engine, lum_document_get_id (order), 0, 0, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (events)); i++)
    {
      g_autoptr(LumEvent) event = g_list_model_get_item (G_LIST_MODEL (events), i);
      g_autofree char *summary = lum_event_dup_summary (event);

      if (g_str_equal (lum_event_get_text (event, LUM_EVENT_KIND), kind) && strstr (summary, summary_part) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
test_conflict_kept (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumShipmentConflict) conflict = NULL;
  g_autofree char *tracking = NULL;
  g_autofree char *difference = NULL;
  LumPollStats stats;

  SKIP_WITHOUT_KEYRING ();
  order = order_in_conflict (f);
  conflict = only_conflict (f, order);
  g_assert_true (lum_shipment_conflict_is_open (conflict));
  g_assert_cmpstr (lum_shipment_conflict_get_text (conflict, LUM_CONFLICT_TRACKING_NUMBER), ==, "1ZWAREHOUSE");
  g_assert_cmpstr (lum_shipment_conflict_get_text (conflict, LUM_CONFLICT_RECORDED_TRACKING_NUMBER), ==, "1ZMINE");
  g_assert_cmpstr (lum_shipment_conflict_get_text (conflict, LUM_CONFLICT_ORDER_NUMBER), ==,
                   lum_document_get_number (order));
  difference = lum_shipment_conflict_dup_difference (conflict);
  g_assert_cmpstr (difference, ==, "tracking number");
  g_assert_cmpint (lum_engine_count_shipment_conflicts (f->engine, NULL), ==, 1);
  tracking = only_tracking (f, order);
  g_assert_cmpstr (tracking, ==, "1ZMINE");
  g_assert_true (has_event (f, order, "shipment.conflict", "1ZWAREHOUSE"));
  g_assert_false (has_event (f, order, "shipment.refused", ""));

  /* the next poll sees the same shipment: no second conflict */
  stats = lum_test_world_poll (f);
  g_assert_cmpuint (stats.conflicts, ==, 0);
  g_assert_cmpuint (stats.refused, ==, 0);
  g_clear_object (&conflict);
  conflict = only_conflict (f, order);
}

static void
test_resolve_keep_warehouse (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumShipmentConflict) conflict = NULL;
  g_autoptr(GListStore) open = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tracking = NULL;

  SKIP_WITHOUT_KEYRING ();
  order = order_in_conflict (f);
  conflict = only_conflict (f, order);
  g_assert_true (lum_engine_resolve_shipment_conflict (f->engine, lum_shipment_conflict_get_int (conflict,
                                                                                                 LUM_CONFLICT_ID),
                                                       TRUE, &error));
  g_assert_no_error (error);

  tracking = only_tracking (f, order);
  g_assert_cmpstr (tracking, ==, "1ZWAREHOUSE");
  g_clear_object (&conflict);
  conflict = only_conflict (f, order);
  g_assert_false (lum_shipment_conflict_is_open (conflict));
  g_assert_cmpstr (lum_shipment_conflict_get_text (conflict, LUM_CONFLICT_RESOLUTION), ==, "warehouse");
  g_assert_cmpstr (lum_shipment_conflict_get_text (conflict, LUM_CONFLICT_RECORDED_TRACKING_NUMBER), ==, "1ZMINE");
  g_assert_cmpint (lum_engine_count_shipment_conflicts (f->engine, NULL), ==, 0);
  open = lum_engine_list_shipment_conflicts (f->engine, 0, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (open)), ==, 0);
  g_assert_true (has_event (f, order, "shipment.conflict-kept-warehouse", "1ZWAREHOUSE"));

  /* once resolved, it stays so */
  g_assert_false (lum_engine_resolve_shipment_conflict (f->engine, lum_shipment_conflict_get_int (conflict,
                                                                                                  LUM_CONFLICT_ID),
                                                        FALSE, &error));
  g_assert_error (error, LUM_DOCUMENT_ERROR, LUM_DOCUMENT_ERROR_STATUS);
}

static void
test_resolve_keep_mine (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(LumShipmentConflict) conflict = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tracking = NULL;

  SKIP_WITHOUT_KEYRING ();
  order = order_in_conflict (f);
  conflict = only_conflict (f, order);
  g_assert_true (lum_engine_resolve_shipment_conflict (f->engine, lum_shipment_conflict_get_int (conflict,
                                                                                                 LUM_CONFLICT_ID),
                                                       FALSE, &error));
  g_assert_no_error (error);

  tracking = only_tracking (f, order);
  g_assert_cmpstr (tracking, ==, "1ZMINE");
  g_clear_object (&conflict);
  conflict = only_conflict (f, order);
  g_assert_cmpstr (lum_shipment_conflict_get_text (conflict, LUM_CONFLICT_RESOLUTION), ==, "mine");
  /* the warehouse's number is still on record */
  g_assert_cmpstr (lum_shipment_conflict_get_text (conflict, LUM_CONFLICT_TRACKING_NUMBER), ==, "1ZWAREHOUSE");
  g_assert_true (has_event (f, order, "shipment.conflict-kept-mine", "1ZWAREHOUSE"));
}

/* The warehouse reports the very shipment the clerk typed: no conflict,
 * the shipment learns its remote id. */
static void
test_same_tracking_no_conflict (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(LumDocument) order = NULL;
  g_autoptr(GListStore) conflicts = NULL;
  g_autoptr(GListStore) shipments = NULL;
  g_autoptr(LumShipment) shipment = NULL;
  LumPollStats stats;

  SKIP_WITHOUT_KEYRING ();
  channel = lum_test_world_channel (f, "Ships", f->shipstation, "1001", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);
  order = lum_test_world_post_order (f, channel, "Dock 3");
  g_assert_cmpuint (lum_test_world_push (f), ==, 1);
  clerk_ships (f, order, "UPS", "1ZSAME");
  warehouse_ships (f, order, "1ZSAME");
  stats = lum_test_world_poll (f);
  g_assert_cmpuint (stats.conflicts, ==, 0);
  g_assert_cmpuint (stats.refused, ==, 0);
  g_assert_cmpuint (stats.duplicates, ==, 1);
  conflicts = lum_engine_list_shipment_conflicts (f->engine, lum_document_get_id (order), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (conflicts)), ==, 0);
  shipments = lum_engine_list_shipments (f->engine, lum_document_get_id (order), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shipments)), ==, 1);
  shipment = g_list_model_get_item (G_LIST_MODEL (shipments), 0);
  g_assert_false (lum_str_empty (lum_shipment_get_text (shipment, LUM_SHIPMENT_REMOTE_ID)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, lum_test_world_set_up, func, lum_test_world_tear_down)

  ADD ("/shipment-conflict/kept", test_conflict_kept);
  ADD ("/shipment-conflict/resolve-keep-warehouse", test_resolve_keep_warehouse);
  ADD ("/shipment-conflict/resolve-keep-mine", test_resolve_keep_mine);
  ADD ("/shipment-conflict/same-tracking", test_same_tracking_no_conflict);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>

#include "lum-test-util.h"
#include "sync/lum-sync-service.h"
#include "lum-engine-setup.h"

typedef struct
{
  LumEngine      *engine;
  LumSyncService *service;
  char           *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->engine = lum_test_engine_new (NULL, &f->path);
  f->service = lum_sync_service_new (f->engine);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->service);
  g_clear_object (&f->engine);
  g_unlink (f->path);
  g_free (f->path);
}

static gint64
add_shipstation (LumEngine *engine)
{
  g_autoptr(LumIntegration) integration = lum_integration_new (LUM_INTEGRATION_KIND_SHIPSTATION, "ShipStation");
  g_autoptr(GError) error = NULL;

  lum_integration_set_base_url (integration, "https://ssapi.shipstation.com");
  g_assert_true (lum_engine_save_integration (engine, integration, &error));
  g_assert_no_error (error);
  return lum_integration_get_id (integration);
}

/* One connector an integration for the service, its worker and the
 * remote calls of a dialog that has only the engine (the service the
 * engine has in this process), so that they share one request budget; a
 * changed integration takes effect with a new one. */
static void
test_connectors_shared (Fixture       *f,
                        gconstpointer  data)
{
  gint64 id = add_shipstation (f->engine);
  g_autoptr(GError) error = NULL;
  g_autoptr(LumConnector) first = lum_sync_service_get_connector (f->service, id, &error);
  g_autoptr(LumConnector) again = NULL;
  g_autoptr(LumConnector) dialogs = NULL;
  g_autoptr(LumConnector) renewed = NULL;
  g_autoptr(LumSyncService) for_engine = lum_sync_service_dup_for_engine (f->engine);

  g_assert_no_error (error);
  g_assert_nonnull (first);
  again = lum_sync_service_get_connector (f->service, id, &error);
  g_assert_true (for_engine == f->service);
  dialogs = lum_sync_service_get_connector (for_engine, id, &error);
  g_assert_true (again == first);
  g_assert_true (dialogs == first);
  g_assert_true (lum_sync_service_get_session (for_engine) == lum_sync_service_get_session (f->service));

  lum_engine_emit_changed (f->engine, "integrations");
  renewed = lum_sync_service_get_connector (f->service, id, &error);
  g_assert_no_error (error);
  g_assert_true (renewed != first);

  g_assert_null (lum_sync_service_get_connector (f->service, id + 100, &error));
  g_assert_nonnull (error);
}

/* Once the engine's service is gone, the engine gets a new one of its own. */
static void
test_service_for_engine_goes (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(LumSyncService) later = NULL;
  LumSyncService *first = f->service;

  g_object_add_weak_pointer (G_OBJECT (first), (gpointer *)&first);
  g_clear_object (&f->service);
  g_assert_null (first);
  later = lum_sync_service_dup_for_engine (f->engine);
  g_assert_nonnull (later);
  g_assert_true (lum_sync_service_get_engine (later) == f->engine);
}

static void
on_changed_cb (LumEngine  *engine,
               const char *what,
               gpointer    user_data)
{
  char **seen = user_data;

  g_free (*seen);
  *seen = g_strdup (what);
}

static gboolean
on_give_up_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Another process's commit reaches the engine as ::changed "external"
 * once the service watches, within the one check interval. */
static void
test_watches_other_processes (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumEngine) other = lum_engine_new (f->path, &error);
  g_autofree char *seen = NULL;
  gboolean timed_out = FALSE;
  guint give_up_id;

  g_assert_no_error (error);
  g_signal_connect (f->engine, "changed", G_CALLBACK (on_changed_cb), &seen);
  lum_sync_service_watch_changes (f->service);
  add_shipstation (other);

  give_up_id = g_timeout_add_seconds (LUM_SYNC_CHANGE_CHECK_SECONDS * 3, on_give_up_cb, &timed_out);
  while (seen == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (give_up_id);
  g_assert_cmpstr (seen, ==, "external");
}

typedef struct
{
  guint        rounds;
  LumPollStats stats;
  gboolean     failed;
} Polled;

static void
on_polled_cb (LumSyncService     *service,
              const LumPollStats *stats,
              const GError       *error,
              Polled             *polled)
{
  polled->rounds++;
  polled->stats = *stats;
  polled->failed = error != NULL;
}

/* Starting the poller polls at once; the interval is held to the one
 * range the window and lumenctl share; stopping ends the timer. */
static void
test_polls_on_its_timer (Fixture       *f,
                         gconstpointer  data)
{
  Polled polled = { 0, };

  g_signal_connect (f->service, "polled", G_CALLBACK (on_polled_cb), &polled);
  lum_sync_service_start_polling (f->service, 1);
  g_assert_cmpuint (lum_sync_service_get_poll_interval (f->service), ==, LUM_SYNC_POLL_INTERVAL_MIN);
  while (polled.rounds == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (polled.failed);
  g_assert_cmpuint (polled.stats.shipments, ==, 0);

  lum_sync_service_start_polling (f->service, LUM_SYNC_POLL_INTERVAL_MAX + 1);
  g_assert_cmpuint (lum_sync_service_get_poll_interval (f->service), ==, LUM_SYNC_POLL_INTERVAL_MAX);
  lum_sync_service_stop (f->service);
  g_assert_false (lum_sync_service_get_busy (f->service));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/sync-service/connectors-shared", Fixture, NULL,
              fixture_set_up, test_connectors_shared, fixture_tear_down);
  g_test_add ("/sync-service/service-for-engine-goes", Fixture, NULL,
              fixture_set_up, test_service_for_engine_goes, fixture_tear_down);
  g_test_add ("/sync-service/watches-other-processes", Fixture, NULL,
              fixture_set_up, test_watches_other_processes, fixture_tear_down);
  g_test_add ("/sync-service/polls-on-its-timer", Fixture, NULL,
              fixture_set_up, test_polls_on_its_timer, fixture_tear_down);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <signal.h>
#include <stdlib.h>

#include <string.h>

#include "lum-test-sandbox.h"
#include "lum-util.h"
#include "store/lum-job-store.h"
#include "sync/lum-push-worker.h"
#include "sync/lum-sync-service.h"
#include "model/lum-channel.h"

/*
 * A worker killed at any moment (while sending, after the OMS has the order
 * and before Lumen recorded it, while recording) loses nothing and
 * duplicates nothing: the next worker takes the job back when its lease has
 * run out and, the POST of Extensiv not being idempotent, looks the order
 * up before creating it again. A worker on the same computer does not wait
 * for the lease: it sees that the claimer's process is gone.
 */

#define N_ORDERS     24
#define N_KILLS      12

static gint64 child_now;

static gint64
child_clock (gpointer user_data)
{
  return child_now;
}

static void
on_child_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  if (!lum_push_worker_run_once_finish (LUM_PUSH_WORKER (source), result, NULL, &error))
    g_printerr ("child: %s\n", error->message);
  *done = TRUE;
}

/* A worker process: pushes what is due at @now, until nothing is left. */
static int
child_main (const char *db_path,
            const char *now_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumEngine) engine = lum_engine_new (db_path, &error);
  g_autoptr(LumSyncService) service = NULL;
  g_autoptr(LumPushWorker) worker = NULL;
  gboolean done = FALSE;

  if (engine == NULL)
    return 2;
  child_now = g_ascii_strtoll (now_text, NULL, 10);
  lum_engine_set_clock (engine, child_clock, NULL, NULL);
  service = lum_sync_service_new (engine);
  worker = lum_push_worker_new (service);
  lum_push_worker_run_once_async (worker, NULL, on_child_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}

static const char *self_path;

static GSubprocess *
spawn_worker (LumTestWorld *w,
              gint64        now)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *now_text = g_strdup_printf ("%" G_GINT64_FORMAT, now);
  GSubprocess *child = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, self_path, "--child", w->db_path,
                                         now_text, NULL);

  g_assert_no_error (error);
  return child;
}


static void
set_latency (LumTestWorld *w,
             guint         latency_ms)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *faults = g_strdup_printf ("{\"service\": \"extensiv\", \"latency_ms\": %u}", latency_ms);

  g_assert_true (json_parser_load_from_data (parser, faults, -1, NULL));
  g_assert_true (lum_sandbox_set_faults (w->sandbox, json_node_get_object (json_parser_get_root (parser)), &error));
  g_assert_no_error (error);
}

static GListStore *
list_jobs (LumTestWorld *w,
           const char   *state)
{
  LumJobFilter filter = { 0, 0, state, 0 };
  g_autoptr(GError) error = NULL;
  GListStore *jobs = lum_job_store_list (lum_engine_get_db (w->engine), &filter, &error);

  g_assert_no_error (error);
  return jobs;
}

static guint
count_jobs (LumTestWorld *w,
            const char   *state)
{
  g_autoptr(GListStore) jobs = list_jobs (w, state);

  return g_list_model_get_n_items (G_LIST_MODEL (jobs));
}

/* Waits (up to 20 s) until a worker process has claimed jobs. */
static gboolean
wait_for_claim (LumTestWorld *w)
{
  for (guint i = 0; i < 2000; i++)
    {
      if (count_jobs (w, "running") > 0)
        return TRUE;
      g_usleep (10 * 1000);
    }
  return FALSE;
}

/* The message of Push Now for the order of the first running job. */
static char *
push_now_message (LumTestWorld *w)
{
  g_autoptr(GListStore) running = list_jobs (w, "running");
  g_autoptr(LumJob) job = g_list_model_get_item (G_LIST_MODEL (running), 0);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (job);
  g_assert_false (lum_engine_push_now (w->engine, lum_job_get_int (job, LUM_JOB_SALES_ORDER_ID), &error));
  g_assert_nonnull (error);
  return g_strdup (error->message);
}

static void
assert_each_order_once (LumTestWorld *w,
                        GPtrArray    *orders)
{
  g_autoptr(JsonNode) remote = lum_sandbox_dup_records (w->sandbox, "extensiv", "orders");
  g_autoptr(GHashTable) references = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (json_array_get_length (json_node_get_array (remote)), ==, orders->len);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (remote)); i++)
    {
      JsonObject *order = json_array_get_object_element (json_node_get_array (remote), i);
      const char *reference = json_object_get_string_member (order, "referenceNum");

      g_assert_false (g_hash_table_contains (references, reference));
      g_hash_table_add (references, (gpointer)reference);
    }
  for (guint i = 0; i < orders->len; i++)
    {
      g_autoptr(LumDocument) after = lum_test_world_reload (w, g_ptr_array_index (orders, i));

      g_assert_true (g_hash_table_contains (references, lum_document_get_number (after)));
      g_assert_cmpstr (lum_document_get_text (after, LUM_DOC_PUSH_STATUS), ==, "pushed");
    }
}

static void
test_kill_anywhere (void)
{
  LumTestWorld world;
  LumTestWorld *w = &world;
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  GRand *rand = g_rand_new_with_seed (20261127);

  if (!lum_test_keyring_available ())
    {
      g_test_skip ("needs a Secret Service: run in .ci/session");
      return;
    }
  lum_test_world_init (w);
  channel = lum_test_world_channel (w, "Crashy", w->extensiv, "1:1", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);
  for (guint i = 0; i < N_ORDERS; i++)
    g_ptr_array_add (orders, lum_test_world_post_order (w, channel, "Dock 3"));
  /* slow answers widen the window between the OMS storing and Lumen recording */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;

    json_parser_load_from_data (parser, "{\"service\": \"extensiv\", \"latency_ms\": 40}", -1, NULL);
    g_assert_true (lum_sandbox_set_faults (w->sandbox, json_node_get_object (json_parser_get_root (parser)), &error));
  }

  for (guint k = 0; k < N_KILLS; k++)
    {
      /* each worker lives an hour later, so the leases of the killed ones ran out */
      g_autoptr(GSubprocess) child = spawn_worker (w, w->clock.now + (gint64)(k + 1) * 3600 * G_USEC_PER_SEC);
      guint kill_after_ms = g_rand_int_range (rand, 30, 400);

      g_usleep (kill_after_ms * 1000);
      g_subprocess_send_signal (child, SIGKILL);
      g_subprocess_wait (child, NULL, NULL);
    }

  lum_sandbox_clear_faults (w->sandbox, "extensiv");
  {
    g_autoptr(GSubprocess) last = spawn_worker (w, w->clock.now + (gint64)(N_KILLS + 1) * 3600 * G_USEC_PER_SEC);
    g_autoptr(GError) error = NULL;

    g_assert_true (g_subprocess_wait_check (last, NULL, &error));
    g_assert_no_error (error);
  }

  /* exactly one order at the WMS for each posted order */
  assert_each_order_once (w, orders);
  g_test_message ("%u POST /orders for %u orders over %u killed workers",
                  lum_sandbox_count_requests (w->sandbox, "extensiv", "POST", "/orders"), N_ORDERS, N_KILLS);

  g_rand_free (rand);
  lum_test_world_clear (w);
}

/* Workers killed mid-push one second apart, each well within the lease of
 * the one before: the next worker on this computer sees that the claimer
 * is gone and takes its jobs back at once, looking each order up first, so
 * every order arrives exactly once. Push Now says what happened. */
static void
test_recover_at_once (void)
{
  LumTestWorld world;
  LumTestWorld *w = &world;
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GTimer) timer = NULL;
  GRand *rand = g_rand_new_with_seed (20261128);
  guint kills = 0;

  if (!lum_test_keyring_available ())
    {
      g_test_skip ("needs a Secret Service: run in .ci/session");
      return;
    }
  lum_test_world_init (w);
  channel = lum_test_world_channel (w, "Crashy", w->extensiv, "1:1", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);
  for (guint i = 0; i < N_ORDERS; i++)
    g_ptr_array_add (orders, lum_test_world_post_order (w, channel, "Dock 3"));
  set_latency (w, 40);

  for (guint k = 0; k < N_KILLS; k++)
    {
      g_autoptr(GSubprocess) child = NULL;

      if (count_jobs (w, "scheduled") + count_jobs (w, "running") == 0)
        break;
      child = spawn_worker (w, w->clock.now + (gint64)(k + 1) * G_USEC_PER_SEC);
      g_assert_true (wait_for_claim (w));
      /* the first dies as soon as it has claimed, with every request in flight */
      if (k > 0)
        g_usleep (g_rand_int_range (rand, 0, 150) * 1000);
      g_subprocess_send_signal (child, SIGKILL);
      g_subprocess_wait (child, NULL, NULL);
      kills++;

      if (k == 0)
        {
          g_autofree char *message = push_now_message (w);

          g_test_message ("push-now: %s", message);
          g_assert_nonnull (strstr (message, "claimed by a Lumen process that stopped"));
          g_assert_nonnull (strstr (message, "on this computer"));
        }
    }
  g_assert_cmpuint (kills, >, 0);

  /* one second after the last kill, far within the lease it left */
  lum_sandbox_clear_faults (w->sandbox, "extensiv");
  timer = g_timer_new ();
  {
    g_autoptr(GSubprocess) last = spawn_worker (w, w->clock.now + (gint64)(kills + 1) * G_USEC_PER_SEC);
    g_autoptr(GError) error = NULL;

    g_assert_true (g_subprocess_wait_check (last, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (count_jobs (w, "running"), ==, 0);
  g_assert_cmpuint (count_jobs (w, "scheduled"), ==, 0);
  assert_each_order_once (w, orders);
  g_test_message ("%u orders pushed %.1f s after the last of %u kills, with %u POST /orders",
                  N_ORDERS, g_timer_elapsed (timer, NULL), kills,
                  lum_sandbox_count_requests (w->sandbox, "extensiv", "POST", "/orders"));

  g_rand_free (rand);
  lum_test_world_clear (w);
}

/* A claim from another computer cannot be checked: it holds until its
 * lease runs out, 30 s at most, and is then sent as one that may have
 * arrived. */
static void
test_foreign_claim_waits_for_lease (void)
{
  LumTestWorld world;
  LumTestWorld *w = &world;
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LumJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *now = NULL;
  g_autofree char *until = NULL;
  g_autofree char *message = NULL;
  LumStmt *stmt;

  if (!lum_test_keyring_available ())
    {
      g_test_skip ("needs a Secret Service: run in .ci/session");
      return;
    }
  lum_test_world_init (w);
  channel = lum_test_world_channel (w, "Elsewhere", w->extensiv, "1:1", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);
  g_ptr_array_add (orders, lum_test_world_post_order (w, channel, "Dock 3"));
  job = lum_test_world_last_job (w, g_ptr_array_index (orders, 0));

  /* as a worker on another computer leaves it when it dies */
  now = lum_time_format (w->clock.now);
  until = lum_time_format (w->clock.now + 30 * G_USEC_PER_SEC);
  stmt = lum_db_prepare (lum_engine_get_db (w->engine),
                         "UPDATE job SET state = 'running', attempts = 1, lease_owner = ?, lease_until = ?,"
                         " updated_at = ? WHERE id = ?", &error);
  g_assert_no_error (error);
  lum_stmt_bind_static_text (stmt, 1, "lumen/1 host=warehouse-pc boot=00000000-0000-0000-0000-000000000000 pidns=1"
                     " pid=4242 start=1 id=x");
  lum_stmt_bind_static_text (stmt, 2, until);
  lum_stmt_bind_static_text (stmt, 3, now);
  lum_stmt_bind_int64 (stmt, 4, lum_job_get_id (job));
  g_assert_true (lum_db_step_done (lum_engine_get_db (w->engine), stmt, &error));
  g_assert_no_error (error);

  message = push_now_message (w);
  g_test_message ("push-now: %s", message);
  g_assert_nonnull (strstr (message, "being sent by Lumen on warehouse-pc (PID 4242)"));
  g_assert_nonnull (strstr (message, "within 30 seconds"));

  w->clock.now += 29 * G_USEC_PER_SEC;
  g_assert_cmpuint (lum_test_world_push (w), ==, 0);
  g_assert_cmpuint (lum_sandbox_count_requests (w->sandbox, "extensiv", "POST", "/orders"), ==, 0);

  w->clock.now += 2 * G_USEC_PER_SEC;
  g_assert_cmpuint (lum_test_world_push (w), ==, 1);
  assert_each_order_once (w, orders);
  g_clear_object (&job);
  job = lum_test_world_last_job (w, g_ptr_array_index (orders, 0));
  g_assert_cmpint (lum_job_get_state (job), ==, LUM_JOB_STATE_DONE);
  g_assert_cmpint (lum_job_get_int (job, LUM_JOB_ATTEMPTS), ==, 2);
  lum_test_world_clear (w);
}

typedef struct
{
  LumTestWorld *world;
  gint64        start_clock;
  GTimer       *timer;
} RealClock;

/* Moves the test clock with the real one, so that renewals are seen. */
static gboolean
on_tick_cb (gpointer user_data)
{
  RealClock *clock = user_data;

  clock->world->clock.now = clock->start_clock + (gint64)(g_timer_elapsed (clock->timer, NULL) * G_USEC_PER_SEC);
  return G_SOURCE_CONTINUE;
}

static void
on_run_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  guint *sent = user_data;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (lum_push_worker_run_once_finish (LUM_PUSH_WORKER (source), result, &n, &error));
  g_assert_no_error (error);
  *sent = n + 1;
}

static void
iterate_until (RealClock *clock,
               double     seconds)
{
  while (g_timer_elapsed (clock->timer, NULL) < seconds)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5 * 1000);
    }
}

/* A live worker whose request takes longer than the lease renews it: a
 * second worker leaves the job alone, and it is sent once. */
static void
test_live_lease_renewed (void)
{
  LumTestWorld world;
  LumTestWorld *w = &world;
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LumPushWorker) first = NULL;
  g_autoptr(LumPushWorker) second = NULL;
  g_autoptr(LumJob) job = NULL;
  g_autofree char *claimed_until = NULL;
  g_autofree char *message = NULL;
  RealClock clock;
  guint first_sent = 0, second_sent = 0;
  guint tick_id;
  gint64 until;

  if (!lum_test_keyring_available ())
    {
      g_test_skip ("needs a Secret Service: run in .ci/session");
      return;
    }
  lum_test_world_init (w);
  channel = lum_test_world_channel (w, "Slow", w->extensiv, "1:1", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);
  g_ptr_array_add (orders, lum_test_world_post_order (w, channel, "Dock 3"));
  set_latency (w, 6000);

  /* a lease of 3 s, renewed every second, against a request of 6 s */
  g_setenv ("LUMEN_PUSH_LEASE_SECONDS", "3", TRUE);
  clock.world = w;
  clock.start_clock = w->clock.now;
  clock.timer = g_timer_new ();
  tick_id = g_timeout_add (50, on_tick_cb, &clock);

  first = lum_push_worker_new (w->service);
  lum_push_worker_run_once_async (first, NULL, on_run_done_cb, &first_sent);
  iterate_until (&clock, 0.2);
  job = lum_test_world_last_job (w, g_ptr_array_index (orders, 0));
  g_assert_cmpint (lum_job_get_state (job), ==, LUM_JOB_STATE_RUNNING);
  claimed_until = g_strdup (lum_job_get_text (job, LUM_JOB_LEASE_UNTIL));
  g_assert_true (lum_time_parse (claimed_until, &until));
  g_assert_cmpint (until, <=, clock.start_clock + 3 * G_USEC_PER_SEC);

  message = push_now_message (w);
  g_test_message ("push-now: %s", message);
  g_assert_nonnull (strstr (message, "being sent by this Lumen process since"));

  /* past the first lease (times have whole seconds): renewed, and a second
   * worker takes nothing */
  iterate_until (&clock, 4.5);
  g_clear_object (&job);
  job = lum_test_world_last_job (w, g_ptr_array_index (orders, 0));
  g_assert_cmpint (lum_job_get_state (job), ==, LUM_JOB_STATE_RUNNING);
  g_assert_cmpstr (lum_job_get_text (job, LUM_JOB_LEASE_UNTIL), >, claimed_until);
  g_assert_cmpstr (lum_job_get_text (job, LUM_JOB_LEASE_OWNER), ==, lum_push_worker_get_owner (first));
  second = lum_push_worker_new (w->service);
  lum_push_worker_run_once_async (second, NULL, on_run_done_cb, &second_sent);
  while (second_sent == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (second_sent - 1, ==, 0);

  while (first_sent == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (first_sent - 1, ==, 1);
  g_source_remove (tick_id);
  g_unsetenv ("LUMEN_PUSH_LEASE_SECONDS");

  g_assert_cmpuint (lum_sandbox_count_requests (w->sandbox, "extensiv", "POST", "/orders"), ==, 1);
  assert_each_order_once (w, orders);
  g_clear_object (&job);
  job = lum_test_world_last_job (w, g_ptr_array_index (orders, 0));
  g_assert_cmpint (lum_job_get_state (job), ==, LUM_JOB_STATE_DONE);
  g_assert_cmpint (lum_job_get_int (job, LUM_JOB_ATTEMPTS), ==, 1);
  g_timer_destroy (clock.timer);
  lum_test_world_clear (w);
}

/* Two workers on one database at once: every job is sent by one of them. */
static void
test_two_workers (void)
{
  LumTestWorld world;
  LumTestWorld *w = &world;
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(GSubprocess) a = NULL;
  g_autoptr(GSubprocess) b = NULL;
  g_autoptr(GError) error = NULL;
  const guint n = 40;

  if (!lum_test_keyring_available ())
    {
      g_test_skip ("needs a Secret Service: run in .ci/session");
      return;
    }
  lum_test_world_init (w);
  channel = lum_test_world_channel (w, "Shared", w->extensiv, "1:1", LUM_PUSH_DELAY_IMMEDIATE,
                                    LUM_INVOICE_TIMING_SHIPMENT_CREATED, NULL);
  for (guint i = 0; i < n; i++)
    g_object_unref (lum_test_world_post_order (w, channel, "Dock 3"));

  /* small claims, so that both take turns at the queue */
  g_setenv ("LUMEN_PUSH_CLAIM_LIMIT", "3", TRUE);
  a = spawn_worker (w, w->clock.now);
  b = spawn_worker (w, w->clock.now);
  g_assert_true (g_subprocess_wait_check (a, NULL, &error));
  g_assert_true (g_subprocess_wait_check (b, NULL, &error));
  g_assert_no_error (error);
  g_unsetenv ("LUMEN_PUSH_CLAIM_LIMIT");

  /* one POST an order: no job was sent twice */
  g_assert_cmpuint (lum_sandbox_count_requests (w->sandbox, "extensiv", "POST", "/orders"), ==, n);
  g_assert_cmpuint (lum_test_world_count_remote (w, "extensiv", "orders"), ==, n);
  lum_test_world_clear (w);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--child"))
    return child_main (argv[2], argv[3]);

  self_path = argv[0];
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/crash/kill-anywhere", test_kill_anywhere);
  g_test_add_func ("/crash/two-workers", test_two_workers);
  g_test_add_func ("/crash/recover-at-once", test_recover_at_once);
  g_test_add_func ("/crash/foreign-claim-waits-for-lease", test_foreign_claim_waits_for_lease);
  g_test_add_func ("/crash/live-lease-renewed", test_live_lease_renewed);

  return g_test_run ();
}

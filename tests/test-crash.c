/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <signal.h>
#include <stdlib.h>

#include "lum-test-sandbox.h"
#include "lum-util.h"
#include "sync/lum-push-worker.h"

/*
 * A worker killed at any moment (while sending, after the OMS has the order
 * and before Lumen recorded it, while recording) loses nothing and
 * duplicates nothing: the next worker takes the job back when its lease has
 * run out and, the POST of Extensiv not being idempotent, looks the order
 * up before creating it again.
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
  g_autoptr(LumPushWorker) worker = NULL;
  gboolean done = FALSE;

  if (engine == NULL)
    return 2;
  child_now = g_ascii_strtoll (now_text, NULL, 10);
  lum_engine_set_clock (engine, child_clock, NULL, NULL);
  worker = lum_push_worker_new (engine);
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
test_kill_anywhere (void)
{
  LumTestWorld world;
  LumTestWorld *w = &world;
  g_autoptr(LumChannel) channel = NULL;
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonNode) remote = NULL;
  g_autoptr(GHashTable) references = g_hash_table_new (g_str_hash, g_str_equal);
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
  remote = lum_sandbox_dup_records (w->sandbox, "extensiv", "orders");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (remote)), ==, N_ORDERS);
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
  g_test_message ("%u POST /orders for %u orders over %u killed workers",
                  lum_sandbox_count_requests (w->sandbox, "extensiv", "POST", "/orders"), N_ORDERS, N_KILLS);

  g_rand_free (rand);
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

  return g_test_run ();
}

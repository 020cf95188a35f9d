/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How a connector judges an answer: one path for every service, each
 * service bringing only its own words. */
#include <glib/gstdio.h>
#include <string.h>

#include "lum-test-util.h"
#include "connect/lum-connector.h"
#include "sync/lum-push-worker.h"
#include "sync/lum-sync-service.h"

static LumHttpResponse *
response_new (guint       status,
              const char *body)
{
  LumHttpResponse *response = g_new0 (LumHttpResponse, 1);

  response->status = status;
  response->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  response->body = g_bytes_new (body, strlen (body));
  response->retry_after_ms = response->rate_remaining = response->rate_reset_ms = -1;
  return response;
}

static LumConnector *
connector_new (LumIntegrationKind kind)
{
  g_autoptr(LumIntegration) integration = lum_integration_new (kind, "Judged");
  g_autoptr(SoupSession) session = soup_session_new ();

  return lum_connector_new (integration, session);
}

/* The error an answer amounts to; the JSON of a good one in @root. */
static GError *
judge (LumIntegrationKind   kind,
       guint                status,
       const char          *body,
       JsonNode           **root)
{
  g_autoptr(LumConnector) connector = connector_new (kind);
  g_autoptr(LumHttpResponse) response = response_new (status, body);
  GError *error = NULL;
  gboolean ok = lum_connector_check_answer (connector, response, root, &error);

  g_assert_true (ok == (error == NULL));
  return error;
}

static void
test_shipstation_words (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  error = judge (LUM_INTEGRATION_KIND_SHIPSTATION, 400,
                 "{\"Message\":\"The request is invalid.\",\"ModelState\":"
                 "{\"apiOrder.orderDate\":[\"orderDate is required\"]}}", &root);
  g_assert_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "The request is invalid. orderDate is required"));
  g_assert_null (root);
  g_clear_error (&error);

  /* plain text is the service's words too */
  error = judge (LUM_INTEGRATION_KIND_SHIPSTATION, 503, "Down for maintenance", NULL);
  g_assert_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "Down for maintenance"));
  g_clear_error (&error);

  error = judge (LUM_INTEGRATION_KIND_SHIPSTATION, 200, "{\"orderId\":7}", &root);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "orderId"), ==, 7);
}

static void
test_extensiv_words (void)
{
  g_autoptr(GError) error = NULL;

  error = judge (LUM_INTEGRATION_KIND_EXTENSIV, 404,
                 "{\"type\":\"about:blank\",\"title\":\"No such facility\"}", NULL);
  g_assert_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "No such facility"));
  g_clear_error (&error);

  error = judge (LUM_INTEGRATION_KIND_EXTENSIV, 401, "{\"error_description\":\"token expired\"}", NULL);
  g_assert_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "token expired"));
}

static void
test_quickbooks_fault (void)
{
  const char *fault = "{\"Fault\":{\"Error\":[{\"Message\":\"Duplicate Name Exists Error\","
                      "\"code\":\"6240\"}],\"type\":\"ValidationFault\"}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  /* a Fault is a refusal even under status 200 */
  error = judge (LUM_INTEGRATION_KIND_QUICKBOOKS, 200, fault, &root);
  g_assert_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "Duplicate Name Exists Error"));
  g_assert_null (root);
  g_clear_error (&error);

  error = judge (LUM_INTEGRATION_KIND_QUICKBOOKS, 400, fault, NULL);
  g_assert_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "6240"));
  g_clear_error (&error);

  /* QuickBooks' text is not its words: the status phrase stands */
  error = judge (LUM_INTEGRATION_KIND_QUICKBOOKS, 500, "oops", NULL);
  g_assert_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_SERVER);
  g_assert_null (strstr (error->message, "oops"));
  g_clear_error (&error);

  error = judge (LUM_INTEGRATION_KIND_QUICKBOOKS, 200, "{\"Invoice\":{\"Id\":\"12\"}}", &root);
  g_assert_no_error (error);
  g_assert_nonnull (root);
}

static void
test_not_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  /* a good status without JSON is an invalid answer, when JSON is wanted */
  error = judge (LUM_INTEGRATION_KIND_SHIPSTATION, 200, "<html>", &root);
  g_assert_null (root);
  g_assert_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  /* and none when the status alone is judged */
  error = judge (LUM_INTEGRATION_KIND_EXTENSIV, 201, "", NULL);
  g_assert_no_error (error);
}

static void
on_job_run_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  int *tagged = user_data;

  *tagged = g_async_result_is_tagged (result, lum_push_worker_run_job_async);
  g_assert_true (lum_push_worker_run_job_finish (LUM_PUSH_WORKER (source), result, NULL));
}

/* run_job's task carries its own source tag, not run_once's */
static void
test_run_job_tag (void)
{
  LumTestClock clock = { 1800000000 };
  g_autofree char *path = NULL;
  g_autoptr(LumEngine) engine = lum_test_engine_new (&clock, &path);
  g_autoptr(LumSyncService) service = lum_sync_service_new (engine);
  g_autoptr(LumPushWorker) worker = lum_push_worker_new (service);
  int tagged = -1;
  GTask *task;

  lum_push_worker_run_job_async (worker, 12345, NULL, on_job_run_cb, &tagged);
  while (tagged < 0 && g_main_context_iteration (NULL, TRUE))
    ;
  g_assert_cmpint (tagged, ==, TRUE);

  /* a task of another function is refused, not read as this one's */
  task = g_task_new (worker, NULL, NULL, NULL);
  g_task_set_source_tag (task, lum_push_worker_run_job_async);
  g_task_return_boolean (task, TRUE);
  g_test_expect_message ("lum-sync", G_LOG_LEVEL_CRITICAL, "*is_tagged*");
  g_assert_false (lum_push_worker_run_once_finish (worker, G_ASYNC_RESULT (task), NULL, NULL));
  g_test_assert_expected_messages ();
  g_object_unref (task);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/connector/shipstation-words", test_shipstation_words);
  g_test_add_func ("/connector/extensiv-words", test_extensiv_words);
  g_test_add_func ("/connector/quickbooks-fault", test_quickbooks_fault);
  g_test_add_func ("/connector/not-json", test_not_json);
  g_test_add_func ("/connector/run-job-tag", test_run_job_tag);
  return g_test_run ();
}

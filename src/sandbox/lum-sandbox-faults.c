/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-sandbox"

#include "lum-sandbox-private.h"

#include <string.h>

/*
 * The faults of one service, or of its requests whose path holds "path".
 * Counts are "the next N answers"; -1 is "every answer until told otherwise". The failure rate draws from a generator
 * seeded by the spec, so a run with the same seed fails the same requests.
 * "body" replaces the answer of a handled request with a text of the test's
 * choosing (hostile JSON): status 200, application/json, "body_count" times
 * (true or absent: every answer). A storm, a failure or a dropped connection
 * comes first; a replaced answer is not also cut short.
 */
#define DEFAULT_SEED     1
#define MAX_LATENCY_MS   120000
#define MAX_COUNT        10000000
#define MAX_FAULT_BODY   (1024 * 1024)
#define COUNT_UNSET      G_MININT64

struct _LumSandboxFaults
{
  double  failure_rate;
  guint   latency_ms;
  gint64  malformed;
  gint64  reset;
  GBytes *body;   /* the answer instead of the real one, or NULL */
  gint64  body_left;
  guint   storm_status;
  gint64  storm_left;
  guint   storm_retry_after;
  guint32 seed;
  GRand  *rand;
  char   *path;   /* only requests whose path holds this, or all */
};

LumSandboxFaults *
lum_sandbox_faults_new (void)
{
  LumSandboxFaults *faults = g_new0 (LumSandboxFaults, 1);

  lum_sandbox_faults_clear (faults);
  return faults;
}

void
lum_sandbox_faults_free (LumSandboxFaults *faults)
{
  if (faults == NULL)
    return;
  g_rand_free (faults->rand);
  g_free (faults->path);
  g_clear_pointer (&faults->body, g_bytes_unref);
  g_free (faults);
}

void
lum_sandbox_faults_clear (LumSandboxFaults *faults)
{
  faults->failure_rate = 0.0;
  faults->latency_ms = 0;
  faults->malformed = 0;
  faults->reset = 0;
  g_clear_pointer (&faults->body, g_bytes_unref);
  faults->body_left = 0;
  faults->storm_status = 0;
  faults->storm_left = 0;
  faults->storm_retry_after = 0;
  faults->seed = DEFAULT_SEED;
  g_clear_pointer (&faults->path, g_free);
  g_clear_pointer (&faults->rand, g_rand_free);
  faults->rand = g_rand_new_with_seed (faults->seed);
}

static gboolean
invalid (GError    **error,
         const char *name,
         const char *expected)
{
  g_set_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
               "Fault '%s' must be %s", name, expected);
  return FALSE;
}

/* true: every answer; false: none; N: the next N. */
static gboolean
parse_count (JsonNode   *node,
             const char *name,
             gint64     *count,
             GError    **error)
{
  if (lum_json_is_bool (node))
    {
      *count = json_node_get_boolean (node) ? -1 : 0;
      return TRUE;
    }
  if (lum_json_is_int (node) && json_node_get_int (node) >= 0
      && json_node_get_int (node) <= MAX_COUNT)
    {
      *count = json_node_get_int (node);
      return TRUE;
    }
  return invalid (error, name, "true, false or a count of requests");
}

static gboolean
parse_int (JsonNode   *node,
           const char *name,
           gint64      min,
           gint64      max,
           gint64     *value,
           GError    **error)
{
  g_autofree char *expected = NULL;

  if (lum_json_is_int (node) && json_node_get_int (node) >= min && json_node_get_int (node) <= max)
    {
      *value = json_node_get_int (node);
      return TRUE;
    }
  expected = g_strdup_printf ("an integer from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT, min, max);
  return invalid (error, name, expected);
}

static gboolean
parse_storm (LumSandboxFaults *faults,
             JsonNode         *node,
             GError          **error)
{
  JsonObject *storm;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  gint64 value;

  if (!lum_json_is_object (node))
    return invalid (error, "status_storm", "an object {\"status\", \"count\"}");
  storm = json_node_get_object (node);
  if (lum_json_member (storm, "status") == NULL || lum_json_member (storm, "count") == NULL)
    return invalid (error, "status_storm", "an object with \"status\" and \"count\"");
  json_object_iter_init_ordered (&iter, storm);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      if (g_str_equal (name, "status"))
        {
          if (!parse_int (member, "status_storm.status", 400, 599, &value, error))
            return FALSE;
          faults->storm_status = (guint)value;
        }
      else if (g_str_equal (name, "count"))
        {
          if (!parse_int (member, "status_storm.count", 0, MAX_COUNT, &value, error))
            return FALSE;
          faults->storm_left = value;
        }
      else if (g_str_equal (name, "retry_after"))
        {
          if (!parse_int (member, "status_storm.retry_after", 0, 3600, &value, error))
            return FALSE;
          faults->storm_retry_after = (guint)value;
        }
      else
        {
          g_set_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                       "Unknown member '%s' in status_storm", name);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
parse_member (LumSandboxFaults *faults,
              const char       *name,
              JsonNode         *node,
              GError          **error)
{
  gint64 value;

  if (g_str_equal (name, "service"))
    return TRUE;
  if (g_str_equal (name, "failure_rate"))
    {
      double rate = lum_json_number (node);

      if (!lum_json_is_number (node) || rate < 0.0 || rate > 1.0)
        return invalid (error, name, "a number from 0 to 1");
      faults->failure_rate = rate;
      return TRUE;
    }
  if (g_str_equal (name, "latency_ms"))
    {
      if (!parse_int (node, name, 0, MAX_LATENCY_MS, &value, error))
        return FALSE;
      faults->latency_ms = (guint)value;
      return TRUE;
    }
  if (g_str_equal (name, "malformed_body"))
    return parse_count (node, name, &faults->malformed, error);
  if (g_str_equal (name, "reset_after_request"))
    return parse_count (node, name, &faults->reset, error);
  if (g_str_equal (name, "body"))
    {
      const char *text = lum_json_is_string (node) ? json_node_get_string (node) : NULL;

      if (text == NULL || strlen (text) > MAX_FAULT_BODY)
        return invalid (error, name, "the text to answer, at most 1 MiB (1048576 bytes)");
      g_clear_pointer (&faults->body, g_bytes_unref);
      faults->body = g_bytes_new (text, strlen (text));
      return TRUE;
    }
  if (g_str_equal (name, "body_count"))
    return parse_count (node, name, &faults->body_left, error);
  if (g_str_equal (name, "status_storm"))
    return parse_storm (faults, node, error);
  if (g_str_equal (name, "path"))
    {
      if (!lum_json_is_string (node) || *json_node_get_string (node) == '\0'
          || strlen (json_node_get_string (node)) > 200)
        return invalid (error, name, "the text of the paths to fault, e.g. \"/invoice\"");
      g_free (faults->path);
      faults->path = g_strdup (json_node_get_string (node));
      return TRUE;
    }
  if (g_str_equal (name, "seed"))
    {
      if (!parse_int (node, name, 0, G_MAXUINT32, &value, error))
        return FALSE;
      faults->seed = (guint32)value;
      return TRUE;
    }
  g_set_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
               "Unknown fault '%s'", name);
  return FALSE;
}

static gboolean
parse_spec (LumSandboxFaults *next,
            JsonObject       *spec,
            GError          **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init_ordered (&iter, spec);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    if (!parse_member (next, name, node, error))
      return FALSE;
  if (next->body == NULL && next->body_left != COUNT_UNSET)
    return invalid (error, "body_count", "given with a \"body\"");
  if (next->body_left == COUNT_UNSET)
    next->body_left = next->body != NULL ? -1 : 0;
  return TRUE;
}

/* Replaces all faults with those of @spec; on error nothing changes. */
gboolean
lum_sandbox_faults_configure (LumSandboxFaults *faults,
                              JsonObject       *spec,
                              GError          **error)
{
  LumSandboxFaults next = { 0 };

  next.seed = DEFAULT_SEED;
  next.body_left = COUNT_UNSET;
  if (!parse_spec (&next, spec, error))
    {
      g_free (next.path);
      g_clear_pointer (&next.body, g_bytes_unref);
      return FALSE;
    }

  g_clear_pointer (&faults->rand, g_rand_free);
  g_free (faults->path);
  g_clear_pointer (&faults->body, g_bytes_unref);
  *faults = next;
  faults->rand = g_rand_new_with_seed (faults->seed);
  return TRUE;
}

static gboolean
consume (gint64 *count)
{
  if (*count == 0)
    return FALSE;
  if (*count > 0)
    (*count)--;
  return TRUE;
}

/* Decides what happens to a request for @path, and counts it. */
void
lum_sandbox_faults_plan (LumSandboxFaults    *faults,
                         const char          *path,
                         LumSandboxFaultPlan *plan)
{
  *plan = (LumSandboxFaultPlan) { 0 };
  if (faults->path != NULL && strstr (path, faults->path) == NULL)
    return;
  plan->latency_ms = faults->latency_ms;

  if (faults->storm_status != 0 && consume (&faults->storm_left))
    {
      plan->status = faults->storm_status;
      plan->retry_after = faults->storm_retry_after;
      return;
    }
  if (faults->failure_rate > 0.0 && g_rand_double (faults->rand) < faults->failure_rate)
    {
      plan->status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
      return;
    }
  plan->reset = consume (&faults->reset);
  if (plan->reset)
    return;
  if (faults->body != NULL && consume (&faults->body_left))
    plan->body = g_bytes_ref (faults->body);
  else
    plan->malformed = consume (&faults->malformed);
}

JsonObject *
lum_sandbox_faults_describe (LumSandboxFaults *faults)
{
  JsonObject *object = json_object_new ();

  json_object_set_double_member (object, "failure_rate", faults->failure_rate);
  json_object_set_int_member (object, "latency_ms", faults->latency_ms);
  json_object_set_int_member (object, "malformed_body", faults->malformed);
  json_object_set_int_member (object, "reset_after_request", faults->reset);
  if (faults->body != NULL)
    {
      /* the length, not the text: it may be a mebibyte of brackets */
      json_object_set_int_member (object, "body_length", g_bytes_get_size (faults->body));
      json_object_set_int_member (object, "body_count", faults->body_left);
    }
  if (faults->storm_status != 0)
    {
      JsonObject *storm = json_object_new ();

      json_object_set_int_member (storm, "status", faults->storm_status);
      json_object_set_int_member (storm, "count", faults->storm_left);
      json_object_set_int_member (storm, "retry_after", faults->storm_retry_after);
      json_object_set_object_member (object, "status_storm", storm);
    }
  json_object_set_int_member (object, "seed", faults->seed);
  lum_json_set_nullable_string (object, "path", faults->path);
  return object;
}

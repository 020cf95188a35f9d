/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-sandbox"

#include "lum-sandbox-private.h"

#include <string.h>

#define JSON_CONTENT_TYPE "application/json; charset=utf-8"

typedef struct
{
  LumSandboxFinishFunc func;
  gpointer             data;
} Finish;

LumSandboxRequest *
lum_sandbox_request_new (LumSandbox *sandbox,
                         const char *service,
                         const char *method,
                         const char *path)
{
  LumSandboxRequest *req = g_new0 (LumSandboxRequest, 1);

  req->sandbox = sandbox;
  req->service = g_strdup (service);
  req->method = g_strdup (method);
  req->path = g_strdup (path);
  req->params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  req->reply_headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  req->json_type = JSON_CONTENT_TYPE;
  return req;
}

void
lum_sandbox_request_run_finished (LumSandboxRequest *req)
{
  GSList *list = g_steal_pointer (&req->on_finished);

  list = g_slist_reverse (list);
  for (GSList *l = list; l != NULL; l = l->next)
    {
      Finish *finish = l->data;
      finish->func (finish->data);
    }
  g_slist_free_full (list, g_free);
}

void
lum_sandbox_request_free (LumSandboxRequest *req)
{
  if (req == NULL)
    return;
  lum_sandbox_request_run_finished (req);
  g_clear_object (&req->msg);
  g_free (req->service);
  g_free (req->method);
  g_free (req->path);
  g_free (req->query);
  g_hash_table_unref (req->params);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_free (req->content_type);
  g_clear_pointer (&req->reply, g_bytes_unref);
  soup_message_headers_unref (req->reply_headers);
  g_clear_pointer (&req->reply_json, json_node_unref);
  g_free (req);
}

const char *
lum_sandbox_request_param (LumSandboxRequest *req,
                           const char        *name)
{
  return g_hash_table_lookup (req->params, name);
}

void
lum_sandbox_request_reply (LumSandboxRequest *req,
                           guint              status,
                           const char        *content_type,
                           const char        *body,
                           gssize             length)
{
  if (length < 0)
    length = body != NULL ? strlen (body) : 0;
  req->status = status;
  g_free (req->content_type);
  req->content_type = g_strdup (content_type);
  g_clear_pointer (&req->reply, g_bytes_unref);
  req->reply = g_bytes_new (body, length);
  g_clear_pointer (&req->reply_json, json_node_unref);
}

/* Takes @node. */
void
lum_sandbox_request_reply_json (LumSandboxRequest *req,
                                guint              status,
                                JsonNode          *node)
{
  g_autofree char *text = lum_json_write (node, FALSE);

  lum_sandbox_request_reply (req, status, req->json_type, text, -1);
  if (req->keep_json)
    req->reply_json = node;
  else
    json_node_unref (node);
}

/* Takes @object. */
void
lum_sandbox_request_reply_object (LumSandboxRequest *req,
                                  guint              status,
                                  JsonObject        *object)
{
  JsonNode *node = lum_json_node_new_object (object);

  json_object_unref (object);
  lum_sandbox_request_reply_json (req, status, node);
}

void
lum_sandbox_request_set_header (LumSandboxRequest *req,
                                const char        *name,
                                const char        *value)
{
  soup_message_headers_replace (req->reply_headers, name, value);
}

JsonNode *
lum_sandbox_request_parse_json (LumSandboxRequest *req,
                                GError           **error)
{
  gsize length = 0;
  const char *data = NULL;

  if (req->body != NULL)
    data = g_bytes_get_data (req->body, &length);
  return lum_sandbox_parse_json (data, length, error);
}

void
lum_sandbox_request_on_finished (LumSandboxRequest   *req,
                                 LumSandboxFinishFunc func,
                                 gpointer             data)
{
  Finish *finish = g_new0 (Finish, 1);

  finish->func = func;
  finish->data = data;
  req->on_finished = g_slist_prepend (req->on_finished, finish);
}

/* Rate limits: a fixed window per key that opens with its first request,
 * as ShipStation's X-Rate-Limit-Reset counts down to the window's end. */
struct _LumSandboxRateLimit
{
  guint       requests;  /* 0: no limit */
  gint64      window_us;
  GHashTable *windows;   /* key → Window */
};

typedef struct
{
  gint64 start;
  guint  used;
} Window;

LumSandboxRateLimit *
lum_sandbox_rate_limit_new (guint requests,
                            guint window_ms)
{
  LumSandboxRateLimit *limit = g_new0 (LumSandboxRateLimit, 1);

  limit->windows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  lum_sandbox_rate_limit_set (limit, requests, window_ms);
  return limit;
}

void
lum_sandbox_rate_limit_free (LumSandboxRateLimit *limit)
{
  if (limit == NULL)
    return;
  g_hash_table_unref (limit->windows);
  g_free (limit);
}

void
lum_sandbox_rate_limit_set (LumSandboxRateLimit *limit,
                            guint                requests,
                            guint                window_ms)
{
  limit->requests = requests;
  limit->window_us = (gint64)MAX (window_ms, 1) * 1000;
  g_hash_table_remove_all (limit->windows);
}

void
lum_sandbox_rate_limit_clear (LumSandboxRateLimit *limit)
{
  g_hash_table_remove_all (limit->windows);
}

/* Counts one request for @key; FALSE when the window is already used up. */
gboolean
lum_sandbox_rate_limit_take (LumSandboxRateLimit *limit,
                             const char          *key,
                             guint               *limit_out,
                             guint               *remaining,
                             guint               *reset_seconds)
{
  gint64 now = g_get_monotonic_time ();
  Window *window;
  gboolean allowed;

  *limit_out = limit->requests;
  if (limit->requests == 0)
    {
      *remaining = 0;
      *reset_seconds = 0;
      return TRUE;
    }
  window = g_hash_table_lookup (limit->windows, key);
  if (window == NULL)
    {
      window = g_new0 (Window, 1);
      g_hash_table_insert (limit->windows, g_strdup (key), window);
      window->start = now;
    }
  if (now - window->start >= limit->window_us)
    {
      window->start = now;
      window->used = 0;
    }
  allowed = window->used < limit->requests;
  if (allowed)
    window->used++;
  *remaining = limit->requests - window->used;
  /* Whole seconds, rounded up, so a client that waits them never comes early. */
  *reset_seconds = (guint)((window->start + limit->window_us - now + G_USEC_PER_SEC - 1)
                           / G_USEC_PER_SEC);
  return allowed;
}

/* Requests in flight per key. */
struct _LumSandboxSlots
{
  guint       max;       /* 0: no limit */
  GHashTable *in_flight; /* key → GUINT_TO_POINTER (count) */
};

typedef struct
{
  LumSandboxSlots *slots;
  char            *key;
} SlotHold;

LumSandboxSlots *
lum_sandbox_slots_new (guint max)
{
  LumSandboxSlots *slots = g_new0 (LumSandboxSlots, 1);

  slots->max = max;
  slots->in_flight = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return slots;
}

void
lum_sandbox_slots_free (LumSandboxSlots *slots)
{
  if (slots == NULL)
    return;
  g_hash_table_unref (slots->in_flight);
  g_free (slots);
}

void
lum_sandbox_slots_set_max (LumSandboxSlots *slots,
                           guint            max)
{
  slots->max = max;
}

static void
slot_release (gpointer data)
{
  SlotHold *hold = data;
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (hold->slots->in_flight, hold->key));

  if (count <= 1)
    g_hash_table_remove (hold->slots->in_flight, hold->key);
  else
    g_hash_table_insert (hold->slots->in_flight, g_strdup (hold->key),
                         GUINT_TO_POINTER (count - 1));
  g_free (hold->key);
  g_free (hold);
}

/* Takes a slot for @key until @req is answered; FALSE when all are taken. */
gboolean
lum_sandbox_slots_take (LumSandboxSlots   *slots,
                        LumSandboxRequest *req,
                        const char        *key)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (slots->in_flight, key));
  SlotHold *hold;

  if (slots->max > 0 && count >= slots->max)
    return FALSE;
  g_hash_table_insert (slots->in_flight, g_strdup (key), GUINT_TO_POINTER (count + 1));
  hold = g_new0 (SlotHold, 1);
  hold->slots = slots;
  hold->key = g_strdup (key);
  lum_sandbox_request_on_finished (req, slot_release, hold);
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-sandbox"

#include "lum-sandbox-private.h"

#include <string.h>

/*
 * Everything received, for /_sandbox/dump and the request counts. Secrets
 * stay out: no Authorization or Cookie header, and the values of tokens,
 * codes and secrets in token requests are masked. Bodies of all but the
 * newest entries are let go so that a long benchmark does not hoard memory.
 */
#define BODY_MAX          (256 * 1024)
#define BODIES_KEPT       20000
#define MASK              "***"

typedef struct
{
  char       *service;
  char       *method;
  char       *path;
  char       *query;
  JsonObject *headers;
  char       *body;
  gsize       body_length;
  gint64      time;
} Entry;

struct _LumSandboxLog
{
  GPtrArray *entries;
};

static const char * const secret_fields[] = {
  "client_secret", "refresh_token", "code", "tpl", "access_token", "password", NULL,
};

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->service);
  g_free (entry->method);
  g_free (entry->path);
  g_free (entry->query);
  g_clear_pointer (&entry->headers, json_object_unref);
  g_free (entry->body);
  g_free (entry);
}

LumSandboxLog *
lum_sandbox_log_new (void)
{
  LumSandboxLog *log = g_new0 (LumSandboxLog, 1);

  log->entries = g_ptr_array_new_with_free_func (entry_free);
  return log;
}

void
lum_sandbox_log_free (LumSandboxLog *log)
{
  if (log == NULL)
    return;
  g_ptr_array_unref (log->entries);
  g_free (log);
}

void
lum_sandbox_log_clear (LumSandboxLog *log)
{
  g_ptr_array_set_size (log->entries, 0);
}

static gboolean
is_token_request (LumSandboxRequest *req)
{
  return g_str_has_prefix (req->path, "/AuthServer/api/Token")
         || g_str_has_prefix (req->path, "/oauth2/");
}

static char *
mask_json (const char *text,
           gsize       length)
{
  g_autoptr(JsonNode) root = lum_sandbox_parse_json (text, length, NULL);
  JsonObject *object;

  if (!lum_json_is_object (root))
    return NULL;
  object = json_node_get_object (root);
  for (guint i = 0; secret_fields[i] != NULL; i++)
    if (json_object_has_member (object, secret_fields[i]))
      json_object_set_string_member (object, secret_fields[i], MASK);
  return lum_json_write (root, FALSE);
}

static char *
mask_form (const char *text)
{
  g_autoptr(GHashTable) form = soup_form_decode (text);

  /* soup_form_decode() frees keys only: values live in the key's block. */
  for (guint i = 0; secret_fields[i] != NULL; i++)
    if (g_hash_table_contains (form, secret_fields[i]))
      g_hash_table_insert (form, g_strdup (secret_fields[i]), (gpointer)MASK);
  return soup_form_encode_hash (form);
}

static char *
body_text (LumSandboxRequest *req)
{
  gsize length = 0;
  const char *data;

  if (req->body == NULL)
    return NULL;
  data = g_bytes_get_data (req->body, &length);
  if (length == 0)
    return NULL;
  if (!g_utf8_validate_len (data, length, NULL) || memchr (data, '\0', length) != NULL)
    return g_strdup_printf ("(%" G_GSIZE_FORMAT " bytes that are not UTF-8 text)", length);
  if (is_token_request (req))
    {
      g_autofree char *text = g_strndup (data, length);
      char *masked = mask_json (data, length);

      return masked != NULL ? masked : mask_form (text);
    }
  if (length > BODY_MAX)
    {
      const char *end = data + BODY_MAX;

      g_utf8_validate_len (data, BODY_MAX, &end);
      return g_strdup_printf ("%.*s… (%" G_GSIZE_FORMAT " bytes)", (int)(end - data), data, length);
    }
  return g_strndup (data, length);
}

static void
add_header_cb (const char *name,
               const char *value,
               gpointer    user_data)
{
  JsonObject *headers = user_data;

  if (g_ascii_strcasecmp (name, "Authorization") == 0 || g_ascii_strcasecmp (name, "Cookie") == 0)
    return;
  json_object_set_string_member (headers, name, value);
}

void
lum_sandbox_log_append (LumSandboxLog     *log,
                        LumSandboxRequest *req,
                        gint64             now)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->service = g_strdup (req->service);
  entry->method = g_strdup (req->method);
  entry->path = g_strdup (req->path);
  entry->query = g_strdup (req->query);
  entry->headers = json_object_new ();
  if (req->headers != NULL)
    soup_message_headers_foreach (req->headers, add_header_cb, entry->headers);
  entry->body = body_text (req);
  entry->body_length = req->body != NULL ? g_bytes_get_size (req->body) : 0;
  entry->time = now;
  g_ptr_array_add (log->entries, entry);

  if (log->entries->len > BODIES_KEPT)
    {
      Entry *old = g_ptr_array_index (log->entries, log->entries->len - BODIES_KEPT - 1);
      g_clear_pointer (&old->body, g_free);
    }
}

guint
lum_sandbox_log_count (LumSandboxLog *log,
                       const char    *service,
                       const char    *method,
                       const char    *path_prefix)
{
  guint count = 0;

  for (guint i = 0; i < log->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (log->entries, i);

      if (service != NULL && g_strcmp0 (entry->service, service) != 0)
        continue;
      if (method != NULL && g_ascii_strcasecmp (entry->method, method) != 0)
        continue;
      if (path_prefix != NULL && !g_str_has_prefix (entry->path, path_prefix))
        continue;
      count++;
    }
  return count;
}

JsonArray *
lum_sandbox_log_dump (LumSandboxLog *log)
{
  JsonArray *array = json_array_sized_new (log->entries->len);

  for (guint i = 0; i < log->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (log->entries, i);
      JsonObject *object = json_object_new ();
      g_autofree char *time = lum_sandbox_time_offset (entry->time, TRUE);

      json_object_set_string_member (object, "service", entry->service);
      json_object_set_string_member (object, "method", entry->method);
      json_object_set_string_member (object, "path", entry->path);
      lum_json_set_nullable_string (object, "query", entry->query);
      json_object_set_object_member (object, "headers", json_object_ref (entry->headers));
      lum_json_set_nullable_string (object, "body", entry->body);
      json_object_set_int_member (object, "bodyLength", entry->body_length);
      json_object_set_string_member (object, "time", time);
      json_array_add_object_element (array, object);
    }
  return array;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-sandbox"

#include "lum-sandbox-quickbooks-private.h"

#include <string.h>

/*
 * Intuit's OAuth 2.0 side of QuickBooks Online and the company's state.
 * The authorization page (GET /connect/oauth2) answers at once with a
 * redirect carrying a code, the state and the realmId, as if the user had
 * signed in and picked the sandbox company; it sends the browser only to a
 * redirect URI registered with the app, matched exactly, and a production
 * app has https ones only ("Set app redirect URIs", developer.intuit.com:
 * "The Intuit OAuth 2.0 Server can only redirect and send responses to
 * registered URIs", "can only redirect to URIs beginning with https. IP
 * addresses aren’t allowed", "You can add localhost (no HTTPS) as a URI for
 * sandbox environments"). The token endpoint
 * (POST /oauth2/v1/tokens/bearer) exchanges a code once, and refresh tokens
 * rotate: each refresh answers a new one and the old one is refused with
 * {"error": "invalid_grant"} from then on.
 */

static void
grant_free (gpointer data)
{
  QboGrant *grant = data;

  g_free (grant->realm);
  g_free (grant->redirect_uri);
  g_free (grant);
}

static QboGrant *
grant_new (const char *realm,
           const char *redirect_uri,
           gint64      expires)
{
  QboGrant *grant = g_new0 (QboGrant, 1);

  grant->realm = g_strdup (realm);
  grant->redirect_uri = g_strdup (redirect_uri);
  grant->expires = expires;
  return grant;
}

void
lum_sandbox_qbo_reply_free (gpointer data)
{
  QboReply *reply = data;

  g_free (reply->content_type);
  g_bytes_unref (reply->body);
  g_free (reply);
}

static void
clear_state (LumSandboxQuickbooks *qb)
{
  g_hash_table_remove_all (qb->access_tokens);
  g_hash_table_remove_all (qb->refresh_tokens);
  g_hash_table_remove_all (qb->codes);
  g_hash_table_remove_all (qb->replies);
  lum_sandbox_rate_limit_clear (qb->limit);
  g_ptr_array_set_size (qb->customers, 0);
  g_ptr_array_set_size (qb->items, 0);
  g_ptr_array_set_size (qb->invoices, 0);
  lum_sandbox_qbo_seed_company (qb);
  qb->next_doc_number = 1001;
  qb->refreshes = 0;
  qb->refused_refreshes = 0;
  g_clear_pointer (&qb->authorize_error, g_free);
}

LumSandboxQuickbooks *
lum_sandbox_quickbooks_new (LumSandbox *sandbox)
{
  LumSandboxQuickbooks *qb = g_new0 (LumSandboxQuickbooks, 1);

  qb->sandbox = sandbox;
  qb->client_id = g_strdup (LUM_SANDBOX_QUICKBOOKS_CLIENT_ID);
  qb->client_secret = g_strdup (LUM_SANDBOX_QUICKBOOKS_CLIENT_SECRET);
  qb->realm = g_strdup (LUM_SANDBOX_QUICKBOOKS_REALM);
  qb->token_lifetime = LUM_SANDBOX_TOKEN_LIFETIME;
  qb->fault_status = SOUP_STATUS_BAD_REQUEST;
  qb->access_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, grant_free);
  qb->refresh_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, grant_free);
  qb->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, grant_free);
  qb->limit = lum_sandbox_rate_limit_new (LUM_SANDBOX_QUICKBOOKS_RATE_LIMIT, QBO_DEFAULT_WINDOW_MS);
  qb->slots = lum_sandbox_slots_new (LUM_SANDBOX_QUICKBOOKS_CONCURRENCY);
  qb->replies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, lum_sandbox_qbo_reply_free);
  qb->customers = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  qb->items = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  qb->invoices = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  qb->accounts = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  qb->vendors = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  qb->employees = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  qb->redirect_uris = g_ptr_array_new_with_free_func (g_free);
  clear_state (qb);
  return qb;
}

void
lum_sandbox_quickbooks_free (LumSandboxQuickbooks *qb)
{
  if (qb == NULL)
    return;
  g_free (qb->client_id);
  g_free (qb->client_secret);
  g_free (qb->realm);
  g_free (qb->authorize_error);
  g_hash_table_unref (qb->access_tokens);
  g_hash_table_unref (qb->refresh_tokens);
  g_hash_table_unref (qb->codes);
  g_hash_table_unref (qb->replies);
  lum_sandbox_rate_limit_free (qb->limit);
  lum_sandbox_slots_free (qb->slots);
  g_ptr_array_unref (qb->customers);
  g_ptr_array_unref (qb->items);
  g_ptr_array_unref (qb->invoices);
  g_ptr_array_unref (qb->accounts);
  g_ptr_array_unref (qb->vendors);
  g_ptr_array_unref (qb->employees);
  g_ptr_array_unref (qb->redirect_uris);
  g_free (qb);
}

void
lum_sandbox_quickbooks_reset (LumSandboxQuickbooks *qb)
{
  clear_state (qb);
}

void
lum_sandbox_quickbooks_set_credentials (LumSandboxQuickbooks *qb,
                                        const char           *client_id,
                                        const char           *client_secret,
                                        const char           *realm_id)
{
  g_return_if_fail (client_id != NULL && client_secret != NULL);

  g_free (qb->client_id);
  g_free (qb->client_secret);
  qb->client_id = g_strdup (client_id);
  qb->client_secret = g_strdup (client_secret);
  if (realm_id != NULL)
    {
      g_free (qb->realm);
      qb->realm = g_strdup (realm_id);
    }
  g_hash_table_remove_all (qb->access_tokens);
  g_hash_table_remove_all (qb->refresh_tokens);
  g_hash_table_remove_all (qb->codes);
}

void
lum_sandbox_quickbooks_set_token_lifetime (LumSandboxQuickbooks *qb,
                                           guint                 seconds)
{
  qb->token_lifetime = seconds;
}

void
lum_sandbox_quickbooks_set_rate_limit (LumSandboxQuickbooks *qb,
                                       guint                 requests,
                                       guint                 window_ms)
{
  lum_sandbox_rate_limit_set (qb->limit, requests, window_ms);
}

void
lum_sandbox_quickbooks_set_concurrency (LumSandboxQuickbooks *qb,
                                        guint                 max)
{
  lum_sandbox_slots_set_max (qb->slots, max);
}

void
lum_sandbox_quickbooks_set_fault_status (LumSandboxQuickbooks *qb,
                                         guint                 status)
{
  g_return_if_fail (status == SOUP_STATUS_OK || status == SOUP_STATUS_BAD_REQUEST);
  qb->fault_status = status;
}

/* Whether Intuit lets the app register @uri; NULL, or the reason. */
static const char *
redirect_uri_problem (const char *text,
                      gboolean    production)
{
  g_autoptr(GUri) uri = text != NULL && strlen (text) < 2048 ? g_uri_parse (text, G_URI_FLAGS_NONE, NULL) : NULL;
  g_autoptr(GInetAddress) address = NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (!g_str_equal (g_uri_get_scheme (uri), "https") && !g_str_equal (g_uri_get_scheme (uri), "http")))
    return "A redirect URI is an absolute http or https URL.";
  if (g_uri_get_fragment (uri) != NULL)
    return "A redirect URI has no fragment.";
  address = g_inet_address_new_from_string (g_uri_get_host (uri));
  if (address != NULL)
    return "IP addresses aren't allowed in a redirect URI.";
  if (g_str_equal (g_uri_get_scheme (uri), "http"))
    {
      if (production)
        return "A production app's redirect URIs must begin with https.";
      if (g_ascii_strcasecmp (g_uri_get_host (uri), "localhost") != 0)
        return "Only localhost may use http, and only with development keys.";
    }
  return NULL;
}

static gboolean
is_registered (LumSandboxQuickbooks *qb,
               const char           *uri)
{
  for (guint i = 0; i < qb->redirect_uris->len; i++)
    if (g_str_equal (g_ptr_array_index (qb->redirect_uris, i), uri))
      return TRUE;
  return FALSE;
}

gboolean
lum_sandbox_quickbooks_add_redirect_uri (LumSandboxQuickbooks *qb,
                                         const char           *uri,
                                         GError              **error)
{
  const char *problem = redirect_uri_problem (uri, qb->production);

  if (problem != NULL)
    {
      g_set_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID, "Redirect URI '%s' is refused: %s",
                   uri ? uri : "", problem);
      return FALSE;
    }
  if (!is_registered (qb, uri))
    g_ptr_array_add (qb->redirect_uris, g_strdup (uri));
  return TRUE;
}

gboolean
lum_sandbox_quickbooks_set_production (LumSandboxQuickbooks *qb,
                                       gboolean              production,
                                       GError              **error)
{
  for (guint i = 0; i < qb->redirect_uris->len; i++)
    {
      const char *uri = g_ptr_array_index (qb->redirect_uris, i);
      const char *problem = redirect_uri_problem (uri, production);

      if (problem != NULL)
        {
          g_set_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                       "Registered redirect URI '%s' does not fit a production app: %s", uri, problem);
          return FALSE;
        }
    }
  qb->production = production;
  return TRUE;
}

static gboolean
configure_app (LumSandboxQuickbooks *qb,
               JsonNode             *app,
               JsonNode             *uris,
               GError              **error)
{
  JsonArray *array;

  if ((app != NULL && (!lum_json_is_string (app) || (!g_str_equal (json_node_get_string (app), "development") &&
                                                      !g_str_equal (json_node_get_string (app), "production")))) ||
      (uris != NULL && !JSON_NODE_HOLDS_ARRAY (uris)))
    {
      g_set_error_literal (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                           "app is \"development\" or \"production\", redirect_uris an array of URLs");
      return FALSE;
    }
  if (app != NULL && !lum_sandbox_quickbooks_set_production (qb, g_str_equal (json_node_get_string (app), "production"),
                                                             error))
    return FALSE;
  if (uris == NULL)
    return TRUE;
  array = json_node_get_array (uris);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *uri = json_array_get_element (array, i);

      if (!lum_json_is_string (uri))
        {
          g_set_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID, "redirect_uris[%u] is not a string", i);
          return FALSE;
        }
      if (!lum_sandbox_quickbooks_add_redirect_uri (qb, json_node_get_string (uri), error))
        return FALSE;
    }
  return TRUE;
}

/* {"fault_status": 200 | 400, "access_token_lifetime": s,
 *  "authorize_error": "access_denied" | null,
 *  "app": "development" | "production", "redirect_uris": [URL, …] (added)}. */
gboolean
lum_sandbox_quickbooks_configure (LumSandboxQuickbooks *qb,
                                  JsonObject           *spec,
                                  GError              **error)
{
  JsonNode *status = json_object_get_member (spec, "fault_status");
  JsonNode *lifetime = json_object_get_member (spec, "access_token_lifetime");
  JsonNode *deny = json_object_get_member (spec, "authorize_error");
  JsonNode *app = json_object_get_member (spec, "app");
  JsonNode *uris = json_object_get_member (spec, "redirect_uris");
  JsonObjectIter iter;
  const char *name;

  json_object_iter_init_ordered (&iter, spec);
  while (json_object_iter_next_ordered (&iter, &name, NULL))
    if (!g_str_equal (name, "fault_status") && !g_str_equal (name, "access_token_lifetime")
        && !g_str_equal (name, "authorize_error") && !g_str_equal (name, "app")
        && !g_str_equal (name, "redirect_uris"))
      {
        g_set_error (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                     "Unknown QuickBooks setting '%s'", name);
        return FALSE;
      }
  if ((status != NULL && (!lum_json_is_int (status)
                          || (json_node_get_int (status) != 200 && json_node_get_int (status) != 400)))
      || (lifetime != NULL && (!lum_json_is_int (lifetime) || json_node_get_int (lifetime) < 0
                               || json_node_get_int (lifetime) > 86400 * 366))
      || (deny != NULL && !JSON_NODE_HOLDS_NULL (deny)
          && (!lum_json_is_string (deny) || strlen (json_node_get_string (deny)) > 100)))
    {
      g_set_error_literal (error, LUM_SANDBOX_ERROR, LUM_SANDBOX_ERROR_INVALID,
                           "fault_status is 200 or 400, access_token_lifetime a number of seconds, "
                           "authorize_error a string or null");
      return FALSE;
    }
  if (!configure_app (qb, app, uris, error))
    return FALSE;
  if (status != NULL)
    qb->fault_status = json_node_get_int (status);
  if (lifetime != NULL)
    qb->token_lifetime = json_node_get_int (lifetime);
  if (deny != NULL)
    {
      g_free (qb->authorize_error);
      qb->authorize_error = lum_json_is_string (deny) ? g_strdup (json_node_get_string (deny)) : NULL;
    }
  return TRUE;
}

void
lum_sandbox_quickbooks_expire_tokens (LumSandboxQuickbooks *qb)
{
  GHashTableIter iter;
  QboGrant *grant;

  g_hash_table_iter_init (&iter, qb->access_tokens);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&grant))
    grant->expires = G_MININT64;
}

static char *
issue_refresh_token (LumSandboxQuickbooks *qb,
                     const char           *realm)
{
  char *token = lum_sandbox_random_token ("qbo-rt-");
  gint64 expires = lum_sandbox_now_locked (qb->sandbox) + (gint64)QBO_REFRESH_LIFETIME * G_USEC_PER_SEC;

  g_hash_table_insert (qb->refresh_tokens, g_strdup (token), grant_new (realm, NULL, expires));
  return token;
}

char *
lum_sandbox_quickbooks_issue_refresh_token_locked (LumSandboxQuickbooks *qb)
{
  return issue_refresh_token (qb, qb->realm);
}

const char *
lum_sandbox_quickbooks_get_realm (LumSandboxQuickbooks *qb)
{
  return qb->realm;
}

static void
reply_oauth_error (LumSandboxRequest *req,
                   guint              status,
                   const char        *error)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "error", error);
  lum_sandbox_request_reply_object (req, status, object);
}

static void
reply_tokens (LumSandboxQuickbooks *qb,
              LumSandboxRequest    *req,
              const char           *realm)
{
  g_autofree char *access = lum_sandbox_random_token ("qbo-at-");
  g_autofree char *refresh = issue_refresh_token (qb, realm);
  gint64 now = lum_sandbox_now_locked (qb->sandbox);
  JsonObject *answer = json_object_new ();

  g_hash_table_insert (qb->access_tokens, g_strdup (access),
                       grant_new (realm, NULL, now + (gint64)qb->token_lifetime * G_USEC_PER_SEC));
  json_object_set_string_member (answer, "token_type", "bearer");
  json_object_set_string_member (answer, "access_token", access);
  json_object_set_string_member (answer, "refresh_token", refresh);
  json_object_set_int_member (answer, "expires_in", qb->token_lifetime);
  json_object_set_int_member (answer, "x_refresh_token_expires_in", QBO_REFRESH_LIFETIME);
  lum_sandbox_request_set_header (req, "Cache-Control", "no-store");
  lum_sandbox_request_reply_object (req, SOUP_STATUS_OK, answer);
}

static GHashTable *
read_form (LumSandboxRequest *req)
{
  gsize length = 0;
  const char *data = req->body != NULL ? g_bytes_get_data (req->body, &length) : NULL;
  g_autofree char *text = NULL;

  if (data == NULL || length == 0 || length > 64 * 1024 || !g_utf8_validate_len (data, length, NULL))
    return NULL;
  text = g_strndup (data, length);
  if (strlen (text) != length)
    return NULL;
  return soup_form_decode (text);
}

static gboolean
check_client (LumSandboxQuickbooks *qb,
              LumSandboxRequest    *req)
{
  g_autofree char *id = NULL;
  g_autofree char *secret = NULL;

  if (lum_sandbox_basic_auth (req->headers, &id, &secret)
      && g_str_equal (id, qb->client_id) && g_str_equal (secret, qb->client_secret))
    return TRUE;
  reply_oauth_error (req, SOUP_STATUS_UNAUTHORIZED, "invalid_client");
  return FALSE;
}

void
lum_sandbox_qbo_handle_token (LumSandboxQuickbooks *qb,
                              LumSandboxRequest    *req)
{
  g_autoptr(GHashTable) form = NULL;
  gint64 now = lum_sandbox_now_locked (qb->sandbox);
  const char *grant_type;
  QboGrant *grant;

  if (!check_client (qb, req))
    return;
  form = read_form (req);
  grant_type = form != NULL ? g_hash_table_lookup (form, "grant_type") : NULL;
  if (grant_type == NULL)
    {
      reply_oauth_error (req, SOUP_STATUS_BAD_REQUEST, "invalid_request");
      return;
    }
  if (g_str_equal (grant_type, "authorization_code"))
    {
      const char *code = g_hash_table_lookup (form, "code");
      const char *redirect_uri = g_hash_table_lookup (form, "redirect_uri");
      g_autofree char *realm = NULL;

      if (code == NULL || redirect_uri == NULL)
        {
          reply_oauth_error (req, SOUP_STATUS_BAD_REQUEST, "invalid_request");
          return;
        }
      grant = g_hash_table_lookup (qb->codes, code);
      if (grant == NULL || now >= grant->expires || g_strcmp0 (grant->redirect_uri, redirect_uri) != 0)
        {
          reply_oauth_error (req, SOUP_STATUS_BAD_REQUEST, "invalid_grant");
          return;
        }
      realm = g_strdup (grant->realm);
      g_hash_table_remove (qb->codes, code);
      reply_tokens (qb, req, realm);
    }
  else if (g_str_equal (grant_type, "refresh_token"))
    {
      const char *token = g_hash_table_lookup (form, "refresh_token");
      g_autofree char *realm = NULL;

      grant = token != NULL ? g_hash_table_lookup (qb->refresh_tokens, token) : NULL;
      if (grant == NULL || now >= grant->expires)
        {
          qb->refused_refreshes++;
          reply_oauth_error (req, SOUP_STATUS_BAD_REQUEST, "invalid_grant");
          return;
        }
      realm = g_strdup (grant->realm);
      g_hash_table_remove (qb->refresh_tokens, token);
      qb->refreshes++;
      reply_tokens (qb, req, realm);
    }
  else
    reply_oauth_error (req, SOUP_STATUS_BAD_REQUEST, "unsupported_grant_type");
}

/* POST /oauth2/v1/tokens/revoke {"token"}: a disconnect. */
void
lum_sandbox_qbo_handle_revoke (LumSandboxQuickbooks *qb,
                               LumSandboxRequest    *req)
{
  g_autoptr(JsonNode) root = NULL;
  const char *token = NULL;

  if (!check_client (qb, req))
    return;
  root = lum_sandbox_request_parse_json (req, NULL);
  if (lum_json_is_object (root))
    token = lum_json_get_string (json_node_get_object (root), "token");
  if (token == NULL)
    {
      reply_oauth_error (req, SOUP_STATUS_BAD_REQUEST, "invalid_request");
      return;
    }
  g_hash_table_remove (qb->refresh_tokens, token);
  g_hash_table_remove (qb->access_tokens, token);
  lum_sandbox_request_reply (req, SOUP_STATUS_OK, NULL, NULL, 0);
}

static void
reply_page (LumSandboxRequest *req,
            const char        *problem)
{
  g_autofree char *page = g_strdup_printf ("<!DOCTYPE html><html><head><title>Sandbox sign-in</title></head>"
                                           "<body><h1>This connection cannot be made</h1><p>%s</p></body></html>",
                                           problem);
  lum_sandbox_request_reply (req, SOUP_STATUS_BAD_REQUEST, "text/html; charset=utf-8", page, -1);
}

static gboolean
is_web_uri (const char *text)
{
  g_autoptr(GUri) uri = text != NULL && strlen (text) < 2048 ? g_uri_parse (text, G_URI_FLAGS_NONE, NULL) : NULL;

  return uri != NULL && (g_str_equal (g_uri_get_scheme (uri), "http") || g_str_equal (g_uri_get_scheme (uri), "https"))
         && g_uri_get_host (uri) != NULL;
}

/* GET /connect/oauth2?client_id&redirect_uri&response_type=code&scope&state */
void
lum_sandbox_qbo_handle_authorize (LumSandboxQuickbooks *qb,
                                  LumSandboxRequest    *req)
{
  const char *client_id = lum_sandbox_request_param (req, "client_id");
  const char *redirect_uri = lum_sandbox_request_param (req, "redirect_uri");
  const char *response_type = lum_sandbox_request_param (req, "response_type");
  const char *scope = lum_sandbox_request_param (req, "scope");
  const char *state = lum_sandbox_request_param (req, "state");
  g_autofree char *escaped_state = NULL;
  g_autofree char *location = NULL;
  g_autofree char *code = NULL;
  char separator;

  const char *problem = NULL;

  if (g_strcmp0 (client_id, qb->client_id) != 0)
    problem = "The client_id is not one of this sandbox's apps.";
  else if (!is_web_uri (redirect_uri))
    problem = "The redirect_uri must be an http or https URL.";
  /* Intuit's words, as developers quote them (e.g. github.com/intuit/
   * quickbooks-online-mcp-server issue 51) */
  else if (!is_registered (qb, redirect_uri) || redirect_uri_problem (redirect_uri, qb->production) != NULL)
    problem = "The redirect_uri query parameter value is invalid. Make sure it is listed in the Redirect URIs "
              "section on your app's keys tab and matches it exactly.";
  else if (g_strcmp0 (response_type, "code") != 0)
    problem = "response_type must be code.";
  else if (scope == NULL || strstr (scope, "com.intuit.quickbooks.accounting") == NULL)
    problem = "The scope must include com.intuit.quickbooks.accounting.";
  else if (state == NULL || *state == '\0' || strlen (state) > 1024)
    problem = "A state is required.";
  if (problem != NULL)
    {
      reply_page (req, problem);
      return;
    }

  separator = strchr (redirect_uri, '?') != NULL ? '&' : '?';
  escaped_state = g_uri_escape_string (state, NULL, FALSE);
  if (qb->authorize_error != NULL)
    {
      g_autofree char *escaped_error = g_uri_escape_string (qb->authorize_error, NULL, FALSE);
      location = g_strdup_printf ("%s%cerror=%s&state=%s", redirect_uri, separator, escaped_error, escaped_state);
    }
  else
    {
      gint64 expires = lum_sandbox_now_locked (qb->sandbox) + (gint64)QBO_CODE_LIFETIME * G_USEC_PER_SEC;

      code = lum_sandbox_random_token ("qbo-code-");
      g_hash_table_insert (qb->codes, g_strdup (code), grant_new (qb->realm, redirect_uri, expires));
      location = g_strdup_printf ("%s%ccode=%s&state=%s&realmId=%s", redirect_uri, separator, code,
                                  escaped_state, qb->realm);
    }
  lum_sandbox_request_set_header (req, "Location", location);
  lum_sandbox_request_reply (req, SOUP_STATUS_FOUND, "text/html; charset=utf-8",
                             "<!DOCTYPE html><html><body>Redirecting…</body></html>", -1);
}

/* The grant of the request's bearer token, or NULL with the problem. */
QboGrant *
lum_sandbox_qbo_check_access (LumSandboxQuickbooks *qb,
                              LumSandboxRequest    *req,
                              const char          **problem)
{
  g_autofree char *bearer = lum_sandbox_bearer (req->headers);
  QboGrant *grant = bearer != NULL ? g_hash_table_lookup (qb->access_tokens, bearer) : NULL;

  if (grant == NULL)
    *problem = "Token invalid";
  else if (lum_sandbox_now_locked (qb->sandbox) >= grant->expires)
    {
      *problem = "Token expired";
      grant = NULL;
    }
  return grant;
}

JsonObject *
lum_sandbox_quickbooks_dump (LumSandboxQuickbooks *qb)
{
  JsonObject *dump = json_object_new ();

  json_object_set_string_member (dump, "realmId", qb->realm);
  json_object_set_array_member (dump, "customers", lum_json_array_of_objects (qb->customers));
  json_object_set_array_member (dump, "items", lum_json_array_of_objects (qb->items));
  json_object_set_array_member (dump, "invoices", lum_json_array_of_objects (qb->invoices));
  json_object_set_int_member (dump, "accessTokens", g_hash_table_size (qb->access_tokens));
  json_object_set_int_member (dump, "refreshTokens", g_hash_table_size (qb->refresh_tokens));
  json_object_set_int_member (dump, "refreshes", qb->refreshes);
  json_object_set_int_member (dump, "refusedRefreshes", qb->refused_refreshes);
  return dump;
}

JsonNode *
lum_sandbox_quickbooks_records (LumSandboxQuickbooks *qb,
                                const char           *kind,
                                guint                *count)
{
  GPtrArray *records = NULL;

  if (g_strcmp0 (kind, "invoices") == 0)
    records = qb->invoices;
  else if (g_strcmp0 (kind, "customers") == 0)
    records = qb->customers;
  else if (g_strcmp0 (kind, "items") == 0)
    records = qb->items;
  else if (g_strcmp0 (kind, "accounts") == 0)
    records = qb->accounts;
  return lum_json_records_node (records, count);
}

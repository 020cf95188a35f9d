/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-connect"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lum-secrets.h"
#include "lum-shipstation-v2.h"
#include "lum-util.h"

/*
 * Fulfillment from ShipStation API V2: what V1 called a shipment is a
 * *label* there. The poll reads `GET /v2/labels` in two passes, every page
 * of each:
 * 1. labels created since the cursor (created_at_start, a little before
 *    it, sort_by=created_at, sort_dir=asc): new shipments, and the voids
 *    of those still near the cursor;
 * 2. voided labels, newest change first (label_status=voided,
 *    sort_by=modified_at, sort_dir=desc) until one was voided before the
 *    cursor: the voids of older labels. List labels filters by created_at
 *    only, so a later void is found this way.
 * The cursor is the newest created_at read (UTC), held back before a label
 * still "processing" (no tracking number yet), so that it is read again.
 * A V2 label does not say which items it carries: it ships its shipment,
 * that is the whole order.
 */

#define POLL_PAGE_SIZE   100
#define POLL_OVERLAP_MIN 10
#define POLL_MAX_PAGES   1000

typedef struct
{
  char       *since;     /* the cursor, UTC */
  char       *start;     /* since less the overlap, for the filters */
  gboolean    voids;     /* in the second pass */
  guint       page;
  GPtrArray  *shipments;
  GHashTable *seen;      /* label_id of pass 1 */
  char       *latest;
  char       *hold;      /* the oldest created_at of a processing label */
} Poll;

static void
poll_free (gpointer data)
{
  Poll *poll = data;

  g_free (poll->since);
  g_free (poll->start);
  g_ptr_array_unref (poll->shipments);
  g_hash_table_unref (poll->seen);
  g_free (poll->latest);
  g_free (poll->hold);
  g_free (poll);
}

static void poll_page (GTask *task);

/* An instant of the answer (date_time: an offset or Z) as Lumen keeps
 * it: UTC, whole seconds, fixed width; "" for none, %NULL unreadable. */
static char *
utc_from_v2 (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) in_utc = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (!lum_json_is_string (node))
    return NULL;
  /* a time without a zone is not a date_time of the description */
  dt = g_date_time_new_from_iso8601 (json_node_get_string (node), NULL);
  if (dt == NULL)
    return NULL;
  in_utc = g_date_time_to_timezone (dt, utc);
  return g_date_time_format (in_utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* ship_date (the description's "date": a day, or an instant): the day. */
static char *
day_from_v2 (JsonObject *object)
{
  const char *text = lum_json_get_string (object, "ship_date");
  g_autofree char *day = NULL;

  if (lum_str_empty (text))
    return g_strdup ("");
  day = g_strndup (text, 10);
  return lum_date_valid (day) ? g_steal_pointer (&day) : NULL;
}

/* One label, checked member by member; %NULL with *unreadable named, or
 * %NULL with *unreadable %NULL for a label that is not a shipment yet. */
static LumRemoteShipment *
parse_label (JsonObject  *label,
             const char **unreadable,
             char       **created_out)
{
  static const char * const texts[] = {
    "label_id", "shipment_id", "status", "carrier_code", "service_code", "tracking_number",
  };
  const char *status;
  JsonNode *voided_node = json_object_get_member (label, "voided");
  g_autofree char *created = NULL;
  g_autofree char *shipped = NULL;
  LumRemoteShipment *remote;
  LumShipment *shipment;
  gboolean voided;

  *unreadable = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (!lum_json_member_is_a (label, texts[i], G_TYPE_STRING))
      {
        *unreadable = texts[i];
        return NULL;
      }
  if (lum_json_get_string (label, "label_id") == NULL)
    {
      *unreadable = "label_id";
      return NULL;
    }
  if (voided_node != NULL && !lum_json_is_bool (voided_node))
    {
      *unreadable = "voided";
      return NULL;
    }
  if ((created = utc_from_v2 (label, "created_at")) == NULL || *created == '\0')
    {
      *unreadable = "created_at";
      return NULL;
    }
  if ((shipped = day_from_v2 (label)) == NULL)
    {
      *unreadable = "ship_date";
      return NULL;
    }
  *created_out = g_strdup (created);

  status = lum_json_get_string (label, "status");
  voided = (voided_node != NULL && json_node_get_boolean (voided_node)) || g_strcmp0 (status, "voided") == 0;
  /* processing or error: no label was bought (yet) */
  if (!voided && g_strcmp0 (status, "completed") != 0)
    return NULL;

  remote = g_new0 (LumRemoteShipment, 1);
  shipment = remote->shipment = lum_shipment_new ();
  remote->order_key = g_strdup (lum_json_get_string (label, "external_shipment_id"));
  lum_shipment_set_text (shipment, LUM_SHIPMENT_REMOTE_ID, lum_json_get_string (label, "label_id"));
  lum_shipment_set_text (shipment, LUM_SHIPMENT_CARRIER, lum_json_get_string (label, "carrier_code"));
  lum_shipment_set_text (shipment, LUM_SHIPMENT_SERVICE, lum_json_get_string (label, "service_code"));
  lum_shipment_set_text (shipment, LUM_SHIPMENT_TRACKING_NUMBER, lum_json_get_string (label, "tracking_number"));
  lum_shipment_set_text (shipment, LUM_SHIPMENT_SHIPPED_AT, shipped);
  lum_shipment_set_text (shipment, LUM_SHIPMENT_CREATED_AT, created);
  lum_shipment_set_int (shipment, LUM_SHIPMENT_VOIDED, voided);
  return remote;
}

/* Pass 2 ends at the first label voided before the cursor's start. */
static gboolean
voided_before_start (Poll       *poll,
                     JsonObject *label)
{
  g_autofree char *voided_at = utc_from_v2 (label, "voided_at");

  return voided_at != NULL && *voided_at != '\0' && g_strcmp0 (voided_at, poll->start) < 0;
}

static void
on_poll_page_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LumConnector *self = LUM_CONNECTOR (source);
  Poll *poll = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(JsonNode) root = lum_connector_request_json_finish (self, result, &error);
  JsonArray *labels;
  gint64 pages = 0;
  gboolean done = FALSE;

  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  labels = JSON_NODE_HOLDS_OBJECT (root) ? lum_json_get_array (json_node_get_object (root), "labels") : NULL;
  if (labels == NULL || !lum_json_get_int (json_node_get_object (root), "pages", &pages) || pages < 0)
    {
      g_task_return_new_error (task, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_INVALID_RESPONSE,
                               _("%s answered the list of labels without its labels and pages"),
                               lum_connector_get_service_name (self));
      return;
    }

  for (guint i = 0; i < json_array_get_length (labels) && !done; i++)
    {
      JsonNode *node = json_array_get_element (labels, i);
      JsonObject *label = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *unreadable = "label_id";
      g_autofree char *created = NULL;
      LumRemoteShipment *remote = label ? parse_label (label, &unreadable, &created) : NULL;

      if (remote == NULL && unreadable != NULL)
        {
          /* the whole page waits for a readable one: the cursor stays */
          g_task_return_new_error (task, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_INVALID_RESPONSE,
                                   _("%s listed a label whose “%s” cannot be read"),
                                   lum_connector_get_service_name (self), unreadable);
          return;
        }
      if (poll->voids)
        {
          if (voided_before_start (poll, label))
            done = TRUE;
          else if (remote != NULL && !g_hash_table_contains (poll->seen, lum_json_get_string (label, "label_id")))
            g_ptr_array_add (poll->shipments, g_steal_pointer (&remote));
        }
      else if (remote == NULL)
        {
          if (poll->hold == NULL || g_strcmp0 (created, poll->hold) < 0)
            lum_set_str (&poll->hold, created);
        }
      else
        {
          if (g_strcmp0 (created, poll->latest) > 0)
            lum_set_str (&poll->latest, created);
          g_hash_table_add (poll->seen, g_strdup (lum_json_get_string (label, "label_id")));
          g_ptr_array_add (poll->shipments, g_steal_pointer (&remote));
        }
      g_clear_pointer (&remote, lum_remote_shipment_free);
    }

  /* an empty page is the last, whatever "pages" says */
  if (!done && (gint64)poll->page < pages && poll->page < POLL_MAX_PAGES && json_array_get_length (labels) > 0)
    {
      poll->page++;
      poll_page (g_steal_pointer (&task));
      return;
    }
  /* later voids of older labels: only when there is a cursor to be
   * older than (a first poll reads every label) */
  if (!poll->voids && poll->start != NULL)
    {
      poll->voids = TRUE;
      poll->page = 1;
      poll_page (g_steal_pointer (&task));
      return;
    }
  {
    const char *latest = poll->latest ? poll->latest : poll->since;

    /* a label still being bought is read again next time */
    if (poll->hold != NULL && (latest == NULL || g_strcmp0 (poll->hold, latest) < 0))
      latest = poll->hold;
    lum_connector_return_poll (task, poll->shipments, latest);
  }
}

static void
poll_page (GTask *task)
{
  LumConnector *self = g_task_get_source_object (task);
  Poll *poll = g_task_get_task_data (task);
  g_autoptr(GString) path = g_string_new ("/v2/labels?");
  g_autofree char *url = NULL;
  g_autoptr(SoupMessage) message = NULL;

  if (poll->voids)
    g_string_append (path, "label_status=voided&sort_by=modified_at&sort_dir=desc");
  else
    {
      if (poll->start != NULL)
        {
          g_autofree char *escaped = g_uri_escape_string (poll->start, NULL, FALSE);
          g_string_append_printf (path, "created_at_start=%s&", escaped);
        }
      g_string_append (path, "sort_by=created_at&sort_dir=asc");
    }
  g_string_append_printf (path, "&page=%u&page_size=%d", poll->page, POLL_PAGE_SIZE);
  url = lum_connector_dup_url (self, path->str);
  message = soup_message_new ("GET", url);
  if (message == NULL)
    {
      g_task_return_new_error (task, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED,
                               _("Base URL “%s” is not usable"),
                               lum_integration_get_base_url (lum_connector_get_integration (self)));
      g_object_unref (task);
      return;
    }
  lum_connector_request_async (self, message, g_task_get_cancellable (task), on_poll_page_cb, task);
}

static void
on_poll_secrets_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!lum_connector_load_secrets_finish (LUM_CONNECTOR (source), result, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  poll_page (task);
}

/* A cursor as the filter takes it (date_time, with its Z), less the
 * overlap; %NULL for none. */
static char *
query_start (const char  *since,
             GError     **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) earlier = NULL;

  if (lum_str_empty (since))
    return NULL;
  dt = g_date_time_new_from_iso8601 (since, utc);
  if (dt == NULL)
    {
      g_set_error (error, LUM_REMOTE_ERROR, LUM_REMOTE_ERROR_NOT_CONFIGURED,
                   _("The poll cursor “%s” is not a time"), since);
      return NULL;
    }
  earlier = g_date_time_add_minutes (dt, -POLL_OVERLAP_MIN);
  return g_date_time_format (earlier, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * lum_shipstation_v2_poll_async:
 * @store_id: the channel's store; labels do not name a store, so every
 *   label of the account is read and the poller keeps Lumen's own orders
 *
 * The poll of the connector class (lum_connector_poll_async()).
 */
void
lum_shipstation_v2_poll_async (LumConnector        *self,
                               const char          *store_id,
                               const char          *since,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  static const char * const secret_names[] = { LUM_SECRET_SHIPSTATION_V2_API_KEY, NULL };
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Poll *poll = g_new0 (Poll, 1);
  GError *error = NULL;

  g_task_set_source_tag (task, lum_shipstation_v2_poll_async);
  poll->since = g_strdup (since);
  poll->page = 1;
  poll->shipments = g_ptr_array_new_with_free_func ((GDestroyNotify)lum_remote_shipment_free);
  poll->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_task_set_task_data (task, poll, poll_free);
  poll->start = query_start (since, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  lum_connector_load_secrets_async (self, secret_names, cancellable, on_poll_secrets_cb, task);
}

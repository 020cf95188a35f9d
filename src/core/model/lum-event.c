/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>

#include "lum-event.h"

static const char * const text_columns[LUM_EVENT_N_TEXT] = {
  [LUM_EVENT_AT] = "at",
  [LUM_EVENT_ACTOR] = "actor",
  [LUM_EVENT_KIND] = "kind",
  [LUM_EVENT_DETAILS] = "details",
  [LUM_EVENT_DOCUMENT_NUMBER] = "document_number",
  [LUM_EVENT_ACTOR_NAME] = "actor_name",
};

static const char * const int_columns[LUM_EVENT_N_INT] = {
  [LUM_EVENT_ID] = "id",
  [LUM_EVENT_CHANNEL_ID] = "channel_id",
  [LUM_EVENT_SALES_ORDER_ID] = "sales_order_id",
  [LUM_EVENT_INVOICE_ID] = "invoice_id",
  [LUM_EVENT_JOB_ID] = "job_id",
};

/* What the timeline says for each kind; %1 and %2 are detail members. */
static const struct {
  const char *kind;
  const char *format;
  const char *first;
  const char *second;
} summaries[] = {
  { "order.created", N_("Sales order %1 created"), "number", NULL },
  { "order.edited", N_("Sales order edited: %1"), "changed", NULL },
  { "order.posted", N_("Posted in channel %1"), "channel", NULL },
  { "order.cancelled", N_("Sales order cancelled"), NULL, NULL },
  { "order.generated", N_("Sales order %1 generated from invoice %2"), "number", "invoice" },
  { "invoice.created", N_("Invoice %1 created (%2)"), "number", "reason" },
  { "invoice.posted", N_("Invoice %1 posted"), "number", NULL },
  { "invoice.voided", N_("Invoice %1 voided"), "number", NULL },
  { "push.scheduled", N_("Push to %1 scheduled for %2"), "integration", "due_at" },
  { "push.due-now", N_("Push now requested"), NULL, NULL },
  { "push.cancelled", N_("Scheduled push cancelled"), NULL, NULL },
  { "push.sent", N_("Pushed to %1, remote id %2"), "integration", "remote_id" },
  { "push.retry", N_("Push attempt failed, retrying at %1: %2"), "next_at", "error" },
  { "push.failed", N_("Push failed: %1"), "error", NULL },
  { "cancel.scheduled", N_("Cancellation in %1 scheduled"), "integration", NULL },
  { "cancel.sent", N_("Cancelled in %1"), "integration", NULL },
  { "shipment.recorded", N_("Shipped with %1, tracking %2"), "carrier", "tracking_number" },
  { "shipment.voided", N_("Shipment %1 voided"), "tracking_number", NULL },
  { "shipment.refused", N_("Shipment reported by the warehouse refused: %1"), "error", NULL },
  { "shipment.conflict", N_("The warehouse reported its own shipment, tracking %1, unlike the one recorded by hand, "
                            "tracking %2: resolve it on the order"), "tracking_number", "recorded_tracking_number" },
  { "shipment.conflict-kept-warehouse", N_("Shipment conflict resolved: kept the warehouse’s tracking %1 "
                                           "instead of %2"), "tracking_number", "other_tracking_number" },
  { "shipment.conflict-kept-mine", N_("Shipment conflict resolved: kept tracking %1 recorded by hand; "
                                      "the warehouse’s %2 stays on record"), "tracking_number", "other_tracking_number" },
  { "invoice.edited", N_("Invoice edited: %1"), "changed", NULL },
  { "accounting.scheduled", N_("Push to %1 scheduled"), "integration", NULL },
  { "accounting.pushed", N_("Pushed to %1, id %2"), "integration", "remote_id" },
  { "accounting.failed", N_("Push to accounting failed: %1"), "error", NULL },
  { "job.retried", N_("Retry requested"), NULL, NULL },
};

struct _LumEvent
{
  LumRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (LumEvent, lum_event, LUM_TYPE_RECORD)

static guint summary_prop_id;

static void
lum_event_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  if (lum_record_get_column_property (object, prop_id, value))
    return;
  if (prop_id == summary_prop_id)
    g_value_take_string (value, lum_event_dup_summary (LUM_EVENT (object)));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
lum_event_class_init (LumEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  lum_record_class_set_columns (LUM_RECORD_CLASS (klass),
                                text_columns, LUM_EVENT_N_TEXT,
                                int_columns, LUM_EVENT_N_INT);
  object_class->get_property = lum_event_get_property;

  summary_prop_id = lum_record_class_get_n_props (LUM_RECORD_CLASS (klass)) + 1;
  g_object_class_install_property (object_class, summary_prop_id,
                                   g_param_spec_string ("summary", NULL, NULL, NULL,
                                                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
}

static void
lum_event_init (LumEvent *self)
{
}

LumEvent *
lum_event_new (void)
{
  return g_object_new (LUM_TYPE_EVENT, NULL);
}

const char *
lum_event_get_text (LumEvent     *self,
                    LumEventText  field)
{
  return lum_record_get_text (LUM_RECORD (self), field);
}

gint64
lum_event_get_int (LumEvent    *self,
                   LumEventInt  field)
{
  return lum_record_get_int (LUM_RECORD (self), field);
}

static char *
detail_text (JsonObject *details,
             const char *member)
{
  JsonNode *node;

  if (details == NULL || member == NULL || (node = json_object_get_member (details, member)) == NULL)
    return g_strdup ("—");
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        return g_strdup (json_node_get_string (node));
      if (json_node_get_value_type (node) == G_TYPE_INT64)
        return g_strdup_printf ("%" PRId64, json_node_get_int (node));
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(GString) str = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *s = json_array_get_string_element (array, i);
          if (s == NULL)
            continue;
          if (str->len > 0)
            g_string_append (str, ", ");
          g_string_append (str, s);
        }
      return g_string_free (g_steal_pointer (&str), FALSE);
    }
  return json_to_string (node, FALSE);
}

/* A sentence for the timeline, translated; unknown kinds show as is. */
char *
lum_event_dup_summary (LumEvent *self)
{
  const char *kind = lum_event_get_text (self, LUM_EVENT_KIND);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *details = NULL;

  if (json_parser_load_from_data (parser, lum_event_get_text (self, LUM_EVENT_DETAILS), -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    details = json_node_get_object (json_parser_get_root (parser));

  for (guint i = 0; i < G_N_ELEMENTS (summaries); i++)
    {
      g_autofree char *first = NULL;
      g_autofree char *second = NULL;
      g_autoptr(GString) out = NULL;
      const char *format;

      if (g_strcmp0 (summaries[i].kind, kind) != 0)
        continue;

      first = detail_text (details, summaries[i].first);
      second = detail_text (details, summaries[i].second);
      format = _(summaries[i].format);
      out = g_string_new (NULL);
      for (const char *p = format; *p; p++)
        {
          if (p[0] == '%' && p[1] == '1')
            g_string_append (out, first), p++;
          else if (p[0] == '%' && p[1] == '2')
            g_string_append (out, second), p++;
          else
            g_string_append_c (out, *p);
        }
      return g_string_free (g_steal_pointer (&out), FALSE);
    }

  return g_strdup (kind);
}

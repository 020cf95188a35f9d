/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <inttypes.h>

#include "lum-sent-section.h"
#include "lum-engine-setup.h"
#include "lum-engine-sync.h"
#include "lum-request-view.h"
#include "lum-util.h"
#include "connect/lum-http.h"
#include "model/lum-field-mapping.h"
#include "model/lum-integration.h"

/*
 * "Sent to …" in an order's or an invoice's window: for the newest job of
 * each integration and kind, the exact body its last attempt sent (the
 * channel's mapped fields in bold, as the channel test shows them), the
 * answer that came back, and a button that opens the record in the
 * service's web app where there is one.
 */

/* The mapped fields as they are in what was sent; a V2 push of one order
 * sends {"shipments": [order]}. */
static char *
describe_mapped (LumChannel *config,
                 LumJob     *job)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *body = lum_job_get_text (job, LUM_JOB_SENT_BODY);
  JsonNode *root;
  JsonArray *shipments;

  if (config == NULL || body == NULL || lum_job_get_kind (job) != LUM_JOB_KIND_PUSH_SALES_ORDER ||
      !json_parser_load_from_data (parser, body, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root) &&
      json_object_has_member (json_node_get_object (root), "shipments") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "shipments")) &&
      json_array_get_length ((shipments = json_object_get_array_member (json_node_get_object (root), "shipments"))) == 1)
    root = json_array_get_element (shipments, 0);
  return lum_field_mappings_describe (lum_channel_get_mappings (config), root);
}

static GtkWidget *
body_row (GtkWidget *child)
{
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), child);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static GtkWidget *
request_row (LumChannel *config,
             LumJob     *job)
{
  g_autofree char *mapped = describe_mapped (config, job);
  g_autofree char *body = lum_http_dup_pretty_body (lum_job_get_text (job, LUM_JOB_SENT_BODY));
  g_auto(GStrv) lines = g_strsplit (mapped ? mapped : "", "\n", -1);
  guint n_mapped = lum_request_view_count_mapped (mapped);
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *view;
  g_autofree char *what = NULL;
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Request Sent"));
  what = n_mapped > 0
         ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The exact body, with %u mapped field",
                                         "The exact body, with %u mapped fields", n_mapped), n_mapped)
         : g_strdup (_("The exact body"));
  /* TRANSLATORS: "POST /orders/createorder — The exact body, …" */
  subtitle = g_strdup_printf (_("%s %s — %s"), lum_job_get_text (job, LUM_JOB_SENT_METHOD),
                              lum_job_get_text (job, LUM_JOB_SENT_PATH), what);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), gtk_image_new_from_icon_name ("mail-send-symbolic"));
  gtk_widget_set_name (row, "sent-request");

  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), lum_request_view_mapped_row_new (lines[i]));
  view = lum_request_view_new (_("Request Body"), _("Copy Request Body"), body ? body : _("(no body)"), mapped);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), body_row (view));
  return row;
}

static GtkWidget *
answer_row (LumJob *job)
{
  gint64 status = lum_job_get_int (job, LUM_JOB_ANSWER_STATUS);
  g_autofree char *body = lum_http_dup_pretty_body (lum_job_get_text (job, LUM_JOB_ANSWER_BODY));
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Answer"));
  gtk_widget_set_name (row, "sent-answer");
  if (status == 0)
    {
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), _("No answer came"));
      adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), FALSE);
      return row;
    }
  subtitle = g_strdup_printf (_("HTTP %" PRId64 " %s"), status, soup_status_get_phrase ((guint)status));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row),
                               gtk_image_new_from_icon_name (status >= 200 && status < 300
                                                             ? "emblem-ok-symbolic" : "dialog-warning-symbolic"));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            body_row (lum_request_view_new (_("Answer Body"), _("Copy Answer Body"),
                                                            body ? body : _("(empty)"), NULL)));
  return row;
}

/* "Open in ShipStation", "Open in QuickBooks": the service, not the
 * integration's own name. */
static GtkWidget *
link_row (LumEngine *engine,
          LumJob    *job)
{
  g_autofree char *link = lum_engine_dup_job_web_link (engine, job);
  g_autoptr(LumIntegration) integration = NULL;
  g_autofree char *label = NULL;
  GtkWidget *row, *button;

  if (link == NULL)
    return NULL;
  integration = lum_engine_get_integration (engine, lum_job_get_int (job, LUM_JOB_INTEGRATION_ID), NULL);
  label = g_strdup_printf (_("Open in %s"),
                           integration ? lum_integration_kind_to_label (lum_integration_get_kind (integration)) : "");
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), link);
  button = gtk_link_button_new_with_label (link, _("Open"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_name (button, "sent-link");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  return row;
}

static GtkWidget *
group_for (LumEngine  *engine,
           LumChannel *config,
           LumJob     *job)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *link = link_row (engine, job);
  g_autofree char *title = g_strdup_printf (_("Sent to %s"), lum_job_get_text (job, LUM_JOB_INTEGRATION_NAME));
  g_autofree char *description = NULL;

  description = lum_job_get_kind (job) == LUM_JOB_KIND_CANCEL_SALES_ORDER
                ? g_strdup_printf (_("The cancellation, by job %" PRId64 " (its last attempt)"), lum_job_get_id (job))
                : g_strdup_printf (_("By job %" PRId64 " (its last attempt)"), lum_job_get_id (job));
  /* the integration's name is the user's text */
  {
    g_autofree char *escaped = g_markup_escape_text (title, -1);
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), escaped);
  }
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_widget_set_name (group, "sent");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_list_box_append (GTK_LIST_BOX (list), request_row (config, job));
  gtk_list_box_append (GTK_LIST_BOX (list), answer_row (job));
  if (link != NULL)
    gtk_list_box_append (GTK_LIST_BOX (list), link);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
  return group;
}

/**
 * lum_sent_section_fill:
 * @box: the box the section fills, emptied first
 * @config: (nullable): the configuration the document was posted under,
 *   for the mapped fields
 * @jobs: the document's jobs, newest first
 */
void
lum_sent_section_fill (GtkBox     *box,
                       LumEngine  *engine,
                       LumChannel *config,
                       GListModel *jobs)
{
  g_autoptr(GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);

  for (guint i = 0; i < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr(LumJob) job = g_list_model_get_item (jobs, i);
      g_autofree char *key = g_strdup_printf ("%" PRId64 "/%s", lum_job_get_int (job, LUM_JOB_INTEGRATION_ID),
                                              lum_job_get_text (job, LUM_JOB_KIND_TEXT));

      if (lum_str_empty (lum_job_get_text (job, LUM_JOB_SENT_METHOD)) || g_hash_table_contains (shown, key))
        continue;
      g_hash_table_add (shown, g_steal_pointer (&key));
      gtk_box_append (box, group_for (engine, config, job));
    }
  gtk_widget_set_visible (GTK_WIDGET (box), gtk_widget_get_first_child (GTK_WIDGET (box)) != NULL);
}

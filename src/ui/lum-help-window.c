/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "lum-help-window.h"

/*
 * LumHelpWindow: the set-up guide, one topic a page. The text lives here,
 * in gettext strings, so that it is translated with the rest of Lumen. A
 * block starting with "# " is a heading, one with "- " an item of a list,
 * anything else a paragraph (Pango markup).
 */

typedef struct
{
  const char *id;
  const char *title;
  const char *icon_name;
  const char *blocks[24];
} Topic;

static const Topic topics[] = {
  { "getting-started", N_("Getting Started"), "go-home-symbolic", {
    N_("Lumen sends the sales orders and invoices of your internal sales channels to an order management "
       "system — ShipStation, or the Extensiv 3PL Warehouse Manager of your warehouse — brings shipments and "
       "tracking numbers back, and pushes invoices to QuickBooks Online."),
    N_("# The Built-In Sandbox"),
    N_("On a new database Lumen runs a sandbox of ShipStation, Extensiv 3PL and QuickBooks Online inside "
       "itself and adds three integrations that use it: <b>Sandbox ShipStation</b>, <b>Sandbox 3PL</b> and "
       "<b>Sandbox QuickBooks</b>, with sample customers and products. Nothing needs an account or a network, "
       "and nothing leaves your computer."),
    N_("The sandbox starts whenever the database has sandbox integrations. Start Lumen with "
       "<tt>--no-sandbox</tt> to leave it off."),
    N_("# Five Steps"),
    N_("- Look at the <b>Integrations</b> page: the sandbox ones are ready; add your own accounts there."),
    N_("- Create a channel: <b>Channels</b> → <b>New Channel</b> (Ctrl+N)."),
    N_("- Choose where its orders go, map the custom fields, and choose how it invoices."),
    N_("- Save the channel, then open it again and click <b>Test Channel</b>."),
    N_("- Post orders: Lumen pushes them, follows their shipments and pushes their invoices."),
    NULL } },

  { "integrations", N_("Integrations"), "network-server-symbolic", {
    N_("An integration is one account at ShipStation, at Extensiv 3PL Warehouse Manager or at QuickBooks "
       "Online. Add one with <b>Integrations</b> → <b>Add Integration</b>. Its keys and secrets are kept in "
       "your keyring, never in Lumen’s database, and are shown as dots."),
    N_("# ShipStation"),
    N_("The API key and API secret of your ShipStation account, from its API settings. The base URL is "
       "<tt>https://ssapi.shipstation.com</tt>. The stores of the account are the stores a channel can push to."),
    N_("# Extensiv 3PL Warehouse Manager"),
    N_("The client id and client secret, the TPL key and the user login id your warehouse gave you, and the "
       "customer id and facility id that stand for your goods in the warehouse."),
    N_("# QuickBooks Online"),
    N_("Choose the environment (production, or Intuit’s sandbox companies), and enter the company (realm) id "
       "and the client id and client secret of your Intuit app. <b>Connect to QuickBooks</b> opens your browser "
       "to sign in and allow Lumen; Lumen catches the answer on this computer. If that is not possible, open "
       "<b>Paste a Refresh Token Instead</b>."),
    N_("When QuickBooks refuses the stored authorization, the integration shows <b>Needs Reconnecting</b>: "
       "click <b>Reconnect</b> and sign in again."),
    N_("# Testing and Deleting"),
    N_("<b>Test Connection</b> tries the credentials and says in words what works and what does not."),
    N_("An integration that a channel uses cannot be deleted: choose another one in the channel first."),
    NULL } },

  { "channel", N_("Create a Channel"), "mail-send-receive-symbolic", {
    N_("A channel says which warehouses fulfil its orders, where its orders are sent and how they are "
       "invoiced. Create one with <b>New Channel</b> (Ctrl+N) and fill in the editor from top to bottom. The "
       "<b>Flow</b> diagram at the top draws the flow as you choose."),
    N_("# 1. General"),
    N_("A name (such as “Wholesale Sales Channel”), the warehouse group (the default one is chosen), "
       "<b>Internal Sales Channel</b> when your team enters the orders in Lumen, a description and tags."),
    N_("# 2. Order Destination"),
    N_("Switch on <b>Push Sales Orders to OMS</b>, then choose the OMS integration and the store. The stores "
       "are listed live from the OMS; when it cannot be reached the editor says why, offers <b>Retry</b>, and "
       "lists the stores known from before. <b>Other Store</b> lets you type a store ID."),
    N_("<b>Automatic Push Timing</b> is the number of minutes to wait after posting; blank pushes immediately. "
       "The wait gives the team time to correct an order. <b>Automatically Push Fulfillment Updates</b> brings "
       "shipping status and tracking numbers back from the OMS."),
    N_("# 3. Custom Field Mapping"),
    N_("Each row copies a Lumen field into the order sent to the OMS. Type the remote field exactly as the "
       "OMS documents it, as a path: <tt>shippingNotes</tt>, <tt>routingInfo.mode</tt>, "
       "<tt>items[0].sku</tt> or <tt>savedElements[name=GiftMessage]</tt>."),
    N_("# 4. Invoicing and Sales Order Logic"),
    N_("<b>Sales order first, then invoice</b>: choose the invoice type and whether the invoice is created "
       "with the sales order or when a shipment is created. <b>Invoice first, then sales order</b>: the team "
       "creates invoices and Lumen makes and pushes their sales orders (internal channels only). Either way, "
       "choose an <b>Accounting Integration</b> to push invoices to QuickBooks Online."),
    N_("Save with <b>Save</b> (Ctrl+S)."),
    NULL } },

  { "testing", N_("Test a Channel"), "emblem-ok-symbolic", {
    N_("Open a saved channel and click <b>Test Channel</b> (Ctrl+T); with unsaved changes, save first. The "
       "test creates a test order (a test invoice on an invoice-first channel) and runs it through the "
       "channel’s real configuration and integrations."),
    N_("Each step shows its state (waiting, running, passed, failed, or skipped with the reason), what "
       "happened in words, and when. The push is followed by the exact request sent, with the mapped fields "
       "listed and in bold. On a sandbox integration the test also ships the order, receives its tracking "
       "number and follows the invoice to QuickBooks."),
    N_("A failed step names the cause: a store that does not exist, a mapped field the OMS refused, wrong "
       "credentials. The boxes of the <b>Flow</b> diagram are marked the same way."),
    N_("<b>Skip the Push Delay</b> pushes the test order at once instead of after the channel’s delay. "
       "<b>Export Report…</b> saves the result as JSON or Markdown."),
    N_("Test documents are hidden from the lists. <b>Preferences</b> can show them, and purge them."),
    NULL } },

  { "activity", N_("Activity and Sync"), "document-open-recent-symbolic", {
    N_("The <b>Activity</b> page lists what Lumen sends: each push of a sales order or invoice with its state, "
       "its attempts, its next try and its last error. Failed jobs come first."),
    N_("- <b>Retry</b> sends a failed job again."),
    N_("- <b>Push Now</b> sends a scheduled order without waiting for the rest of its delay."),
    N_("- <b>Cancel Order</b> cancels the sales order of a scheduled push; the OMS is told if it has the order."),
    N_("Failures back off and retry by themselves; a job fails for good only after its last attempt, and "
       "Lumen tells you so."),
    N_("<b>Sync Now</b> (Ctrl+R) checks for shipments and sends what is due at once. Otherwise shipments are "
       "checked at the interval set in <b>Preferences</b>."),
    N_("Closing the window while pushes are scheduled keeps Lumen running in the background until they are "
       "sent; a notification says so. <b>Quit</b> (Ctrl+Q) asks first. On a server, "
       "<tt>lumenctl sync --watch</tt> does the same work without a window."),
    NULL } },

  { "real-accounts", N_("Real Accounts"), "network-workgroup-symbolic", {
    N_("When a channel works against the sandbox, move it to your accounts:"),
    N_("- Add your ShipStation or Extensiv account and your QuickBooks company on the <b>Integrations</b> "
       "page, and check each with <b>Test Connection</b>."),
    N_("- In the channel, choose the new integrations and the real store, and save."),
    N_("- Test the channel again. Against a real account Lumen asks first: the test order is put on hold "
       "and marked as a test in the OMS, and a cleanup step cancels it."),
    N_("Once no channel uses them, delete the sandbox integrations; the sandbox then no longer starts."),
    NULL } },
};

struct _LumHelpWindow
{
  AdwWindow   parent_instance;

  AdwLeaflet *leaflet;
  GtkListBox *sidebar;
  GtkStack   *stack;
  GtkWidget  *back_button;
};

G_DEFINE_FINAL_TYPE (LumHelpWindow, lum_help_window, ADW_TYPE_WINDOW)

static LumHelpWindow *the_window;

/* A heading to a screen reader too, and not selectable: only the text
 * under it is for copying. */
static GtkWidget *
create_heading (const char *text,
                int         level)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "label", text,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                                   "wrap", TRUE,
                                   "xalign", 0.0f,
                                   NULL);

  gtk_widget_add_css_class (label, level == 1 ? "title-1" : "title-4");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LEVEL, level, -1);
  return label;
}

static GtkWidget *
create_block (const char *block)
{
  const char *text = _(block);
  GtkWidget *label;

  if (g_str_has_prefix (text, "# "))
    {
      label = create_heading (text + 2, 2);
      gtk_widget_set_margin_top (label, 12);
      return label;
    }
  else if (g_str_has_prefix (text, "- "))
    {
      g_autofree char *item = g_strconcat ("•  ", text + 2, NULL);

      label = gtk_label_new (NULL);
      gtk_label_set_markup (GTK_LABEL (label), item);
      gtk_widget_set_margin_start (label, 12);
    }
  else
    {
      label = gtk_label_new (NULL);
      gtk_label_set_markup (GTK_LABEL (label), text);
    }
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "body");
  return label;
}

static GtkWidget *
create_page (const Topic *topic)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *title = create_heading (_(topic->title), 1);

  gtk_box_append (GTK_BOX (box), title);
  for (guint i = 0; topic->blocks[i] != NULL; i++)
    gtk_box_append (GTK_BOX (box), create_block (topic->blocks[i]));

  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 640);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);
  return scrolled;
}

static GtkWidget *
create_sidebar_row (const Topic *topic)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (_(topic->title));

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (topic->icon_name));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, topic->id);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, _(topic->title), -1);
  return row;
}

static void
on_row_activated_cb (LumHelpWindow *self,
                     GtkListBoxRow *row)
{
  gtk_stack_set_visible_child_name (self->stack, gtk_widget_get_name (GTK_WIDGET (row)));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* GTK selects the whole text of a selectable label that gets the focus,
 * and the window gives it to the first paragraph on opening (and when
 * folded, after a topic): the page would open selected. A selection made
 * by hand is kept. */
static gboolean
clear_focus_selection_cb (gpointer data)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (data));
  int start, end;

  if (GTK_IS_LABEL (focus) &&
      gtk_label_get_selection_bounds (GTK_LABEL (focus), &start, &end) &&
      start == 0 && end == g_utf8_strlen (gtk_label_get_text (GTK_LABEL (focus)), -1))
    gtk_label_select_region (GTK_LABEL (focus), 0, 0);
  return G_SOURCE_REMOVE;
}

static void
on_focus_widget_cb (LumHelpWindow *self)
{
  if (GTK_IS_LABEL (gtk_window_get_focus (GTK_WINDOW (self))))
    g_idle_add_full (G_PRIORITY_HIGH_IDLE, clear_focus_selection_cb, g_object_ref (self), g_object_unref);
}

static void
on_back_clicked_cb (LumHelpWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static GtkWidget *
create_header (const char *title,
               gboolean    sidebar)
{
  GtkWidget *header = adw_header_bar_new ();

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (title, NULL));
  if (sidebar)
    adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  return header;
}

static void
lum_help_window_class_init (LumHelpWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
lum_help_window_init (LumHelpWindow *self)
{
  GtkWidget *sidebar_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *content_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *sidebar_header = create_header (_("Help"), TRUE);
  GtkWidget *content_header = create_header (_("Lumen Help"), FALSE);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *separator = gtk_separator_new (GTK_ORIENTATION_VERTICAL);
  AdwLeafletPage *page;

  gtk_window_set_title (GTK_WINDOW (self), _("Lumen Help"));
  gtk_window_set_default_size (GTK_WINDOW (self), 900, 660);
  gtk_widget_set_size_request (GTK_WIDGET (self), 360, 294);

  self->leaflet = ADW_LEAFLET (adw_leaflet_new ());
  adw_leaflet_set_can_navigate_back (self->leaflet, TRUE);

  self->sidebar = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->sidebar), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sidebar), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Topics"), -1);
  g_signal_connect_swapped (self->sidebar, "row-activated", G_CALLBACK (on_row_activated_cb), self);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->sidebar));
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_set_size_request (sidebar_box, 220, -1);
  gtk_box_append (GTK_BOX (sidebar_box), sidebar_header);
  gtk_box_append (GTK_BOX (sidebar_box), scrolled);
  g_object_bind_property (self->leaflet, "folded", sidebar_header, "show-end-title-buttons", G_BINDING_SYNC_CREATE);

  self->stack = GTK_STACK (gtk_stack_new ());
  self->back_button = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_set_tooltip_text (self->back_button, _("Back"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->back_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back"), -1);
  g_signal_connect_swapped (self->back_button, "clicked", G_CALLBACK (on_back_clicked_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (content_header), self->back_button);
  g_object_bind_property (self->leaflet, "folded", self->back_button, "visible", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->leaflet, "folded", content_header, "show-start-title-buttons", G_BINDING_SYNC_CREATE);
  gtk_widget_set_hexpand (content_box, TRUE);
  gtk_box_append (GTK_BOX (content_box), content_header);
  gtk_box_append (GTK_BOX (content_box), GTK_WIDGET (self->stack));

  for (guint i = 0; i < G_N_ELEMENTS (topics); i++)
    {
      gtk_list_box_append (self->sidebar, create_sidebar_row (&topics[i]));
      gtk_stack_add_titled (self->stack, create_page (&topics[i]), topics[i].id, _(topics[i].title));
    }

  adw_leaflet_append (self->leaflet, sidebar_box);
  page = adw_leaflet_append (self->leaflet, separator);
  adw_leaflet_page_set_navigatable (page, FALSE);
  adw_leaflet_append (self->leaflet, content_box);
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->leaflet));
  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (on_focus_widget_cb), NULL);

  lum_help_window_set_topic (self, NULL);
}

/**
 * lum_help_window_show:
 * @topic: (nullable): "getting-started", "integrations", "channel",
 *   "testing", "activity" or "real-accounts"
 *
 * Shows the one help window, at @topic.
 *
 * Returns: (transfer none): the window
 */
LumHelpWindow *
lum_help_window_show (GtkWindow  *parent,
                      const char *topic)
{
  if (the_window == NULL)
    {
      the_window = g_object_new (LUM_TYPE_HELP_WINDOW, NULL);
      g_object_add_weak_pointer (G_OBJECT (the_window), (gpointer *)&the_window);
      if (parent != NULL)
        gtk_window_set_application (GTK_WINDOW (the_window), gtk_window_get_application (parent));
    }
  if (topic != NULL)
    lum_help_window_set_topic (the_window, topic);
  gtk_window_present (GTK_WINDOW (the_window));
  return the_window;
}

void
lum_help_window_set_topic (LumHelpWindow *self,
                           const char    *topic)
{
  g_return_if_fail (LUM_IS_HELP_WINDOW (self));

  if (topic == NULL || gtk_stack_get_child_by_name (self->stack, topic) == NULL)
    topic = topics[0].id;
  gtk_stack_set_visible_child_name (self->stack, topic);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && g_strcmp0 (gtk_widget_get_name (row), topic) == 0)
      gtk_list_box_select_row (self->sidebar, GTK_LIST_BOX_ROW (row));
  adw_leaflet_set_visible_child (self->leaflet, gtk_widget_get_parent (GTK_WIDGET (self->stack)));
}

const char *
lum_help_window_get_topic (LumHelpWindow *self)
{
  g_return_val_if_fail (LUM_IS_HELP_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

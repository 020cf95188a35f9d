/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-test"

#include "ui-test-util.h"
#include "lum-engine-setup.h"

/* GTK, fontconfig and Mesa keep caches until exit that LeakSanitizer
 * reports as leaks; these programs check behaviour, the core tests check
 * for leaks. Only read by sanitizer builds. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "detect_leaks=0";
}

/* As the channel editor's test: an isolated test that still finds the
 * icon theme and the MIME database, and draws with Cairo under Xvfb. */
void
lum_ui_test_init (int    *argc,
                  char ***argv)
{
  g_auto(GStrv) data_dirs = g_strdupv ((char **)g_get_system_data_dirs ());
  g_autoptr(GStrvBuilder) mime_dirs = g_strv_builder_new ();
  g_auto(GStrv) mime = NULL;
  g_autoptr(GtkCssProvider) css = NULL;
  GtkIconTheme *icons;

  for (guint i = 0; data_dirs[i] != NULL; i++)
    {
      g_autofree char *dir = g_build_filename (data_dirs[i], "mime", NULL);
      g_strv_builder_add (mime_dirs, dir);
    }
  mime = g_strv_builder_end (mime_dirs);

  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_content_type_set_mime_dirs ((const char * const *)mime);
  gtk_init ();
  adw_init ();

  icons = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  for (guint i = 0; data_dirs[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (data_dirs[i], "icons", NULL);
      gtk_icon_theme_add_search_path (icons, path);
    }
  gtk_icon_theme_add_resource_path (icons, "/io/github/lumenapp/Lumen/icons");

  /* The application's style sheet, which AdwApplication loads: the
   * screenshots look as the application does. */
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/lumenapp/Lumen/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* Runs what is pending: signals, idles, layout and a few frames. */
void
lum_ui_test_pump (void)
{
  for (int i = 0; i < 50; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Turns the main loop until @done says so, for at most @timeout_ms. */
gboolean
lum_ui_test_wait (gboolean (*done) (gpointer user_data),
                  gpointer   user_data,
                  guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add (timeout_ms, on_timeout_cb, &timed_out);

  while (!done (user_data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (source);
  lum_ui_test_pump ();
  return done (user_data);
}

/**
 * lum_ui_test_find_toplevel:
 *
 * Returns: (transfer none) (nullable): the newest window of @type
 */
gpointer
lum_ui_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  gpointer found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        found = window;
    }
  return found;
}

GtkWidget *
lum_ui_test_child (gpointer    widget,
                   GType       type,
                   const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  if (object == NULL)
    g_error ("No template child “%s”", name);
  return GTK_WIDGET (object);
}

/* With LUM_TEST_SHOTS=DIR, saves the screen as DIR/NAME.png: how the
 * screenshots of the pages are made. */
/* Scrolls the scrolled window around @widget to its end, for a shot. */
void
lum_ui_test_scroll_to_end (GtkWidget *widget)
{
  GtkWidget *scrolled = GTK_IS_SCROLLED_WINDOW (widget)
                        ? widget : gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;

  g_assert_nonnull (scrolled);
  lum_ui_test_pump ();
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  lum_ui_test_pump ();
}

void
lum_ui_test_shot (const char *name)
{
  const char *dir = g_getenv ("LUM_TEST_SHOTS");
  g_autofree char *file = NULL;
  g_autofree char *command = NULL;

  if (dir == NULL || *dir == '\0')
    return;
  lum_ui_test_pump ();
  g_usleep (300 * 1000);
  lum_ui_test_pump ();
  file = g_strdup_printf ("%s/%s.png", dir, name);
  command = g_strdup_printf ("import -window root %s", file);
  if (!g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL))
    g_message ("Cannot take %s", file);
}

static LumChannel *
save_channel (LumUiTestData    *data,
              const char       *name,
              LumOrderFlow      flow,
              LumInvoiceTiming  timing,
              gboolean          push,
              int               delay)
{
  g_autoptr(GError) error = NULL;
  LumChannel *channel = lum_engine_new_channel (data->engine, &error);

  g_assert_no_error (error);
  lum_channel_set_name (channel, name);
  lum_channel_set_internal (channel, TRUE);
  lum_channel_set_order_flow (channel, flow);
  lum_channel_set_invoice_timing (channel, timing);
  lum_channel_set_push_to_oms (channel, push);
  if (push)
    {
      lum_channel_set_oms_integration_id (channel, data->shipstation_id);
      lum_channel_set_oms_store_id (channel, "1001");
      lum_channel_set_push_delay_minutes (channel, delay);
    }
  lum_channel_set_accounting_integration_id (channel, data->quickbooks_id);
  g_assert_true (lum_engine_save_channel (data->engine, channel, &error));
  g_assert_no_error (error);
  return channel;
}

static LumCustomer *
save_customer (LumUiTestData *data,
               const char    *name,
               const char    *street,
               const char    *city,
               int            terms)
{
  g_autoptr(GError) error = NULL;
  LumCustomer *customer = lum_customer_new (name);

  lum_customer_set_text (customer, LUM_CUSTOMER_EMAIL, "buyer@example.com");
  lum_customer_set_text (customer, LUM_CUSTOMER_SHIP_STREET1, street);
  lum_customer_set_text (customer, LUM_CUSTOMER_SHIP_CITY, city);
  lum_customer_set_text (customer, LUM_CUSTOMER_SHIP_STATE, "IL");
  lum_customer_set_terms_days (customer, terms);
  g_assert_true (lum_engine_save_customer (data->engine, customer, &error));
  g_assert_no_error (error);
  return customer;
}

void
lum_ui_test_data_init (LumUiTestData *data)
{
  g_autoptr(LumIntegration) shipstation = lum_integration_new (LUM_INTEGRATION_KIND_SHIPSTATION, "ShipStation");
  g_autoptr(LumIntegration) quickbooks = lum_integration_new (LUM_INTEGRATION_KIND_QUICKBOOKS, "QuickBooks Online");
  g_autoptr(GError) error = NULL;
  const struct { const char *sku; const char *name; gint64 price; } products[] = {
    { "SKU-A100", "Widget, large", 1250 },
    { "SKU-A200", "Widget, small", 725 },
    { "SKU-B100", "Gadget", 2400 },
  };

  data->engine = lum_test_engine_new (&data->clock, NULL);
  lum_integration_set_setting (quickbooks, LUM_SETTING_QUICKBOOKS_REALM, "4620816365");
  g_assert_true (lum_engine_save_integration (data->engine, shipstation, &error));
  g_assert_true (lum_engine_save_integration (data->engine, quickbooks, &error));
  g_assert_no_error (error);
  data->shipstation_id = lum_integration_get_id (shipstation);
  data->quickbooks_id = lum_integration_get_id (quickbooks);

  data->wholesale = save_channel (data, "Wholesale Sales Channel", LUM_ORDER_FLOW_SO_FIRST,
                                  LUM_INVOICE_TIMING_SO_CREATED, TRUE, 15);
  data->trade_show = save_channel (data, "Trade Show", LUM_ORDER_FLOW_SO_FIRST,
                                   LUM_INVOICE_TIMING_SHIPMENT_CREATED, FALSE, 0);
  data->invoice_desk = save_channel (data, "Invoice Desk", LUM_ORDER_FLOW_INVOICE_FIRST,
                                     LUM_INVOICE_TIMING_NONE, TRUE, LUM_PUSH_DELAY_IMMEDIATE);
  data->acme = save_customer (data, "Acme Corp", "1 Main Street", "Springfield", 30);
  data->bluebird = save_customer (data, "Bluebird Books", "22 Harbor Road", "Chicago", 15);

  for (guint i = 0; i < G_N_ELEMENTS (products); i++)
    {
      g_autoptr(LumProduct) product = lum_product_new (products[i].sku, products[i].name, products[i].price, 8);

      g_assert_true (lum_engine_save_product (data->engine, product, &error));
      g_assert_no_error (error);
    }
}

void
lum_ui_test_data_clear (LumUiTestData *data)
{
  g_clear_object (&data->wholesale);
  g_clear_object (&data->trade_show);
  g_clear_object (&data->invoice_desk);
  g_clear_object (&data->acme);
  g_clear_object (&data->bluebird);
  g_clear_object (&data->engine);
}

/**
 * lum_ui_test_destroy_windows:
 *
 * Closes what a test left open: editors, views and dialogs first, then
 * @main_window, and lets GTK finish.
 */
void
lum_ui_test_destroy_windows (GtkWindow *main_window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (window != main_window)
        gtk_window_destroy (window);
    }
  gtk_window_destroy (main_window);
  lum_ui_test_pump ();
}

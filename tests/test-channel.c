/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "lum-test-util.h"
#include "flow/lum-channel-rules.h"
#include "model/lum-channel-json.h"
#include "lum-engine-setup.h"

typedef struct
{
  LumEngine      *engine;
  LumIntegration *shipstation;
  LumIntegration *extensiv;
  LumIntegration *quickbooks;
  LumTestClock    clock;
} Fixture;

static LumIntegration *
add_integration (LumEngine          *engine,
                 LumIntegrationKind  kind,
                 const char         *name)
{
  g_autoptr(GError) error = NULL;
  LumIntegration *integration = lum_integration_new (kind, name);

  lum_engine_save_integration (engine, integration, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lum_integration_get_id (integration), >, 0);
  return integration;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->engine = lum_test_engine_new (&f->clock, NULL);
  f->shipstation = add_integration (f->engine, LUM_INTEGRATION_KIND_SHIPSTATION, "Sandbox ShipStation");
  f->extensiv = add_integration (f->engine, LUM_INTEGRATION_KIND_EXTENSIV, "Sandbox 3PL");
  f->quickbooks = add_integration (f->engine, LUM_INTEGRATION_KIND_QUICKBOOKS, "Sandbox QuickBooks");
  lum_engine_remember_remote_store (f->engine, lum_integration_get_id (f->shipstation),
                                    "1001", "Wholesale", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->shipstation);
  g_clear_object (&f->extensiv);
  g_clear_object (&f->quickbooks);
  g_clear_object (&f->engine);
}

/* The channel of the design: every setting in use. */
static LumChannel *
wholesale_channel (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  LumChannel *channel = lum_engine_new_channel (f->engine, &error);
  const char *tags[] = { "wholesale", "east", NULL };

  g_assert_no_error (error);
  lum_channel_set_name (channel, "Wholesale Sales Channel");
  lum_channel_set_internal (channel, TRUE);
  lum_channel_set_description (channel, "Orders taken by the account managers");
  lum_channel_set_tags (channel, tags);
  lum_channel_set_push_to_oms (channel, TRUE);
  lum_channel_set_oms_integration_id (channel, lum_integration_get_id (f->shipstation));
  lum_channel_set_oms_store_id (channel, "1001");
  lum_channel_set_push_delay_minutes (channel, 15);
  lum_channel_set_push_fulfillment_updates (channel, TRUE);
  lum_channel_set_when_short (channel, LUM_WHEN_SHORT_SPLIT);
  lum_channel_add_mapping (channel, "shipping_notes", "shippingNotes");
  lum_channel_add_mapping (channel, "shipping_type", "routingInfo.mode");
  lum_channel_set_order_flow (channel, LUM_ORDER_FLOW_SO_FIRST);
  lum_channel_set_invoice_timing (channel, LUM_INVOICE_TIMING_SHIPMENT_CREATED);
  lum_channel_set_accounting_integration_id (channel, lum_integration_get_id (f->quickbooks));
  return channel;
}

static void
test_save_and_load_everything (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumChannel) channel = wholesale_channel (f);
  g_autoptr(LumChannel) loaded = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(LumFieldMapping) second = NULL;
  g_autofree char *text = NULL;
  g_autofree char *summary = NULL;

  g_assert_true (lum_engine_save_channel (f->engine, channel, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lum_channel_get_id (channel), >, 0);

  loaded = lum_engine_find_channel (f->engine, "wholesale sales channel", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lum_channel_get_name (loaded), ==, "Wholesale Sales Channel");
  g_assert_cmpstr (lum_channel_get_warehouse_group_name (loaded), ==, "Default Warehouse Group");
  g_assert_true (lum_channel_get_internal (loaded));
  g_assert_cmpstr (lum_channel_get_oms_store_name (loaded), ==, "Wholesale");
  g_assert_cmpint (lum_channel_get_push_delay_minutes (loaded), ==, 15);
  g_assert_cmpint (lum_channel_get_when_short (loaded), ==, LUM_WHEN_SHORT_SPLIT);
  g_assert_cmpuint (g_list_model_get_n_items (lum_channel_get_mappings (loaded)), ==, 2);
  second = g_list_model_get_item (lum_channel_get_mappings (loaded), 1);
  g_assert_cmpstr (lum_field_mapping_get_remote_field (second), ==, "routingInfo.mode");
  g_assert_cmpint (lum_channel_get_invoice_timing (loaded), ==, LUM_INVOICE_TIMING_SHIPMENT_CREATED);
  g_assert_cmpstr (lum_channel_get_accounting_integration_name (loaded), ==, "Sandbox QuickBooks");

  summary = lum_channel_dup_destination_summary (loaded);
  g_assert_cmpstr (summary, ==, "Sandbox ShipStation · Wholesale · after 15 min");

  json = lum_channel_to_json (loaded);
  text = json_to_string (json, FALSE);
  g_assert_cmpstr (text, ==,
                   "{\"id\":1,\"name\":\"Wholesale Sales Channel\",\"warehouse_group\":\"Default Warehouse Group\","
                   "\"internal\":true,\"description\":\"Orders taken by the account managers\","
                   "\"tags\":[\"wholesale\",\"east\"],\"push_to_oms\":true,"
                   "\"oms_integration\":\"Sandbox ShipStation\",\"oms_store_id\":\"1001\","
                   "\"oms_store_name\":\"Wholesale\",\"push_delay_minutes\":15,"
                   "\"push_fulfillment_updates\":true,\"when_short\":\"split\",\"field_mappings\":["
                   "{\"lumen_field\":\"shipping_notes\",\"remote_field\":\"shippingNotes\"},"
                   "{\"lumen_field\":\"shipping_type\",\"remote_field\":\"routingInfo.mode\"}],"
                   "\"order_flow\":\"so-first\",\"invoice_type\":\"Standard\","
                   "\"invoice_timing\":\"shipment-created\",\"accounting_integration\":\"Sandbox QuickBooks\","
                   "\"archived\":false}");
}

static void
test_edit_reorders_mappings (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumChannel) channel = wholesale_channel (f);
  g_autoptr(LumChannel) loaded = NULL;
  g_autoptr(LumFieldMapping) first = NULL;

  g_assert_true (lum_engine_save_channel (f->engine, channel, &error));
  lum_channel_clear_mappings (channel);
  lum_channel_add_mapping (channel, "gift_message", "savedElements[name=GiftMessage]");
  lum_channel_add_mapping (channel, "shipping_notes", "shippingNotes");
  lum_channel_set_push_delay_minutes (channel, LUM_PUSH_DELAY_IMMEDIATE);
  g_assert_true (lum_engine_save_channel (f->engine, channel, &error));
  g_assert_no_error (error);

  loaded = lum_engine_get_channel (f->engine, lum_channel_get_id (channel), &error);
  first = g_list_model_get_item (lum_channel_get_mappings (loaded), 0);
  g_assert_cmpstr (lum_field_mapping_get_lumen_field (first), ==, "gift_message");
  g_assert_cmpstr (lum_field_mapping_get_remote_field (first), ==, "savedElements[name=GiftMessage].value");
  g_assert_cmpint (lum_channel_get_push_delay_minutes (loaded), ==, LUM_PUSH_DELAY_IMMEDIATE);
  g_assert_cmpint (lum_test_count_rows (f->engine, "field_mapping"), ==, 2);
  g_assert_cmpint (lum_test_count_rows (f->engine, "channel"), ==, 1);
}

/* Saves @channel, which must fail with @code and a message containing
 * @needle, and proves that the database did not change. */
static void
assert_refused (Fixture         *f,
                LumChannel      *channel,
                LumChannelError  code,
                const char      *needle)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = lum_test_dump_database (f->engine);
  g_autofree char *after = NULL;
  gint64 id = lum_channel_get_id (channel);

  g_assert_false (lum_engine_save_channel (f->engine, channel, &error));
  g_assert_error (error, LUM_CHANNEL_ERROR, (int)code);
  if (g_test_verbose ())
    g_printerr ("refused: %s\n", error->message);
  g_assert_nonnull (strstr (error->message, needle));
  g_assert_cmpint (lum_channel_get_id (channel), ==, id);

  after = lum_test_dump_database (f->engine);
  g_assert_cmpstr (before, ==, after);
}

static void
test_name_rules (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(LumChannel) first = wholesale_channel (f);
  g_autoptr(LumChannel) channel = wholesale_channel (f);
  g_autofree char *long_name = g_strnfill (121, 'x');
  g_autofree char *max_name = g_strnfill (120, 'y');
  g_autoptr(GError) error = NULL;

  lum_channel_set_name (channel, "   ");
  assert_refused (f, channel, LUM_CHANNEL_ERROR_NAME, "empty");

  lum_channel_set_name (channel, long_name);
  assert_refused (f, channel, LUM_CHANNEL_ERROR_NAME, "121 characters");

  g_assert_true (lum_engine_save_channel (f->engine, first, &error));
  lum_channel_set_name (channel, "  WHOLESALE sales CHANNEL ");
  assert_refused (f, channel, LUM_CHANNEL_ERROR_NAME, "WHOLESALE sales CHANNEL");

  /* Non-ASCII names compare without case too. */
  lum_channel_set_name (channel, "Großhandel Ärzte");
  g_assert_true (lum_engine_save_channel (f->engine, channel, &error));
  g_assert_no_error (error);
  {
    g_autoptr(LumChannel) third = wholesale_channel (f);
    lum_channel_set_name (third, "großhandel ärzte");
    assert_refused (f, third, LUM_CHANNEL_ERROR_NAME, "großhandel ärzte");

    lum_channel_set_name (third, max_name);
    g_assert_true (lum_engine_save_channel (f->engine, third, &error));
    g_assert_no_error (error);
  }

  /* A channel keeps its own name on edit, trimmed. */
  lum_channel_set_name (first, " Wholesale Sales Channel  ");
  g_assert_true (lum_engine_save_channel (f->engine, first, &error));
  g_assert_cmpstr (lum_channel_get_name (first), ==, "Wholesale Sales Channel");
}

static void
test_warehouse_group_rules (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(LumChannel) channel = wholesale_channel (f);
  g_autoptr(LumChannel) plain = lum_channel_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LumInvoiceType) standard = lum_engine_find_invoice_type (f->engine, "Standard", NULL);

  lum_channel_set_warehouse_group_id (channel, 999);
  assert_refused (f, channel, LUM_CHANNEL_ERROR_WAREHOUSE_GROUP, "999");

  /* No group given: the default group. */
  lum_channel_set_name (plain, "Retail");
  lum_channel_set_invoice_type_id (plain, lum_invoice_type_get_id (standard));
  g_assert_true (lum_engine_save_channel (f->engine, plain, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lum_channel_get_warehouse_group_name (plain), ==, "Default Warehouse Group");
}

static void
test_push_rules (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(LumChannel) channel = wholesale_channel (f);
  g_autoptr(GError) error = NULL;

  lum_channel_set_oms_integration_id (channel, 0);
  assert_refused (f, channel, LUM_CHANNEL_ERROR_OMS_INTEGRATION, "no OMS integration");

  lum_channel_set_oms_integration_id (channel, lum_integration_get_id (f->quickbooks));
  assert_refused (f, channel, LUM_CHANNEL_ERROR_OMS_INTEGRATION, "Sandbox QuickBooks");

  lum_channel_set_oms_integration_id (channel, 4242);
  assert_refused (f, channel, LUM_CHANNEL_ERROR_OMS_INTEGRATION, "4242");

  lum_channel_set_oms_integration_id (channel, lum_integration_get_id (f->extensiv));
  lum_channel_set_oms_store_id (channel, "  ");
  assert_refused (f, channel, LUM_CHANNEL_ERROR_OMS_STORE, "Sandbox 3PL");

  lum_channel_set_oms_store_id (channel, "17");
  lum_channel_set_push_delay_minutes (channel, 10081);
  assert_refused (f, channel, LUM_CHANNEL_ERROR_PUSH_DELAY, "10081");

  lum_channel_set_push_delay_minutes (channel, 10080);
  g_assert_true (lum_engine_save_channel (f->engine, channel, &error));
  g_assert_no_error (error);
}

static void
test_push_delay_parsing (void)
{
  g_autoptr(GError) error = NULL;
  int minutes = 123;

  g_assert_true (lum_channel_parse_push_delay ("", &minutes, &error));
  g_assert_cmpint (minutes, ==, LUM_PUSH_DELAY_IMMEDIATE);
  g_assert_true (lum_channel_parse_push_delay("  ", &minutes, &error));
  g_assert_cmpint (minutes, ==, LUM_PUSH_DELAY_IMMEDIATE);
  g_assert_true (lum_channel_parse_push_delay ("0", &minutes, &error));
  g_assert_cmpint (minutes, ==, 0);
  g_assert_true (lum_channel_parse_push_delay (" 15 ", &minutes, &error));
  g_assert_cmpint (minutes, ==, 15);
  g_assert_true (lum_channel_parse_push_delay ("10080", &minutes, &error));
  g_assert_cmpint (minutes, ==, 10080);

  for (guint i = 0; i < 6; i++)
    {
      const char *bad[] = { "10081", "-1", "1.5", "15m", "abc", "99999999999999999999" };

      g_assert_false (lum_channel_parse_push_delay (bad[i], &minutes, &error));
      g_assert_error (error, LUM_CHANNEL_ERROR, LUM_CHANNEL_ERROR_PUSH_DELAY);
      g_assert_nonnull (strstr (error->message, bad[i]));
      g_clear_error (&error);
    }
}

static void
test_fulfillment_needs_push (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(LumChannel) channel = wholesale_channel (f);
  g_autoptr(GError) error = NULL;

  lum_channel_set_push_to_oms (channel, FALSE);
  assert_refused (f, channel, LUM_CHANNEL_ERROR_FULFILLMENT_UPDATES, "Push Sales Orders to OMS is off");

  /* Without push, the destination is cleared on save. */
  lum_channel_set_push_fulfillment_updates (channel, FALSE);
  g_assert_true (lum_engine_save_channel (f->engine, channel, &error));
  g_assert_cmpint (lum_channel_get_oms_integration_id (channel), ==, 0);
  g_assert_null (lum_channel_get_oms_store_id (channel));
}

static void
test_mapping_rules (Fixture       *f,
                    gconstpointer  data)
{
  struct {
    const char *lumen;
    const char *remote;
    const char *needle;
  } bad[] = {
    { "favourite_colour", "shippingNotes", "favourite_colour" },
    { "shipping_notes", "", "empty" },
    { "shipping_notes", "1abc", "1abc" },
    { "shipping_notes", "routingInfo..mode", "routingInfo..mode" },
    { "shipping_notes", "items[x]", "items[x]" },
    { "shipping_notes", "items[1000].sku", "0 to 999" },
    { "shipping_notes", "savedElements[name=]", "empty" },
    { "shipping_notes", "notes!", "notes!" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(LumChannel) channel = wholesale_channel (f);

      lum_channel_add_mapping (channel, bad[i].lumen, bad[i].remote);
      assert_refused (f, channel, LUM_CHANNEL_ERROR_FIELD_MAPPING, bad[i].needle);
    }

  {
    g_autoptr(LumChannel) channel = wholesale_channel (f);
    lum_channel_add_mapping (channel, "internal_notes", " shippingNotes ");
    assert_refused (f, channel, LUM_CHANNEL_ERROR_FIELD_MAPPING, "already mapped in row 1");
  }
  {
    g_autoptr(LumChannel) channel = wholesale_channel (f);
    lum_channel_add_mapping (channel, "internal_notes", "routingInfo");
    assert_refused (f, channel, LUM_CHANNEL_ERROR_FIELD_MAPPING, "overlaps");
  }
  {
    g_autoptr(LumChannel) channel = wholesale_channel (f);
    lum_channel_add_mapping (channel, "gift_message", "savedElements[name=Gift].value");
    lum_channel_add_mapping (channel, "sales_rep", "savedElements[name=Gift]");
    assert_refused (f, channel, LUM_CHANNEL_ERROR_FIELD_MAPPING, "already mapped in row 3");
  }

  /* Every documented form is accepted. */
  {
    g_autoptr(LumChannel) channel = wholesale_channel (f);
    g_autoptr(GError) error = NULL;

    lum_channel_add_mapping (channel, "internal_notes", "advancedOptions.customField1");
    lum_channel_add_mapping (channel, "po_number", "advancedOptions.customField2");
    lum_channel_add_mapping (channel, "gift_message", "savedElements[name=\"Gift Message\"]");
    lum_channel_add_mapping (channel, "sales_rep", "savedElements[name=SalesRep].value");
    g_assert_true (lum_engine_save_channel (f->engine, channel, &error));
    g_assert_no_error (error);
  }
}

/* A mapping may not write into what identifies and structures the order at
 * the channel's OMS: ShipStation's createorder is an upsert by orderKey, so
 * shipping_notes -> orderKey would make two orders one. */
static void
test_mapping_identity_rules (Fixture       *f,
                             gconstpointer  data)
{
  const char *shipstation[] = { "orderKey", "orderNumber", "items", "items[0].sku", "billTo.name",
                                "shipTo", "advancedOptions.storeId", "advancedOptions" };
  const char *extensiv[] = { "referenceNum", "customerIdentifier", "facilityIdentifier.id",
                             "orderItems[1].qty" };

  for (guint i = 0; i < G_N_ELEMENTS (shipstation); i++)
    {
      g_autoptr(LumChannel) channel = wholesale_channel (f);

      lum_channel_add_mapping (channel, "shipping_notes", shipstation[i]);
      assert_refused (f, channel, LUM_CHANNEL_ERROR_FIELD_MAPPING, "to identify the order at ShipStation");
      assert_refused (f, channel, LUM_CHANNEL_ERROR_FIELD_MAPPING, shipstation[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (extensiv); i++)
    {
      g_autoptr(LumChannel) channel = wholesale_channel (f);

      lum_channel_set_oms_integration_id (channel, lum_integration_get_id (f->extensiv));
      lum_channel_set_oms_store_id (channel, "7:2");
      lum_channel_add_mapping (channel, "shipping_notes", extensiv[i]);
      assert_refused (f, channel, LUM_CHANNEL_ERROR_FIELD_MAPPING, "to identify the order at Extensiv");
    }

  /* What identifies an order at one OMS is an ordinary field at the other. */
  {
    g_autoptr(LumChannel) channel = wholesale_channel (f);
    g_autoptr(GError) error = NULL;

    lum_channel_set_oms_integration_id (channel, lum_integration_get_id (f->extensiv));
    lum_channel_set_oms_store_id (channel, "7:2");
    lum_channel_add_mapping (channel, "shipping_notes", "orderKey");
    lum_channel_add_mapping (channel, "po_number", "advancedOptions.storeId");
    g_assert_true (lum_engine_save_channel (f->engine, channel, &error));
    g_assert_no_error (error);
  }
}

static void
test_invoicing_rules (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(LumChannel) channel = wholesale_channel (f);
  g_autoptr(GError) error = NULL;

  lum_channel_set_internal (channel, FALSE);
  lum_channel_set_order_flow (channel, LUM_ORDER_FLOW_INVOICE_FIRST);
  assert_refused (f, channel, LUM_CHANNEL_ERROR_ORDER_FLOW, "internal");

  lum_channel_set_order_flow (channel, LUM_ORDER_FLOW_SO_FIRST);
  lum_channel_set_invoice_timing (channel, LUM_INVOICE_TIMING_NONE);
  assert_refused (f, channel, LUM_CHANNEL_ERROR_INVOICE_TIMING, "Invoice timing");

  lum_channel_set_invoice_timing (channel, LUM_INVOICE_TIMING_SO_CREATED);
  lum_channel_set_invoice_type_id (channel, 77);
  assert_refused (f, channel, LUM_CHANNEL_ERROR_INVOICE_TYPE, "77");

  lum_channel_set_invoice_type_id (channel, 1);
  lum_channel_set_accounting_integration_id (channel, lum_integration_get_id (f->shipstation));
  assert_refused (f, channel, LUM_CHANNEL_ERROR_ACCOUNTING, "Sandbox ShipStation");

  lum_channel_set_accounting_integration_id (channel, 31337);
  assert_refused (f, channel, LUM_CHANNEL_ERROR_ACCOUNTING, "31337");

  /* Invoice first on an internal channel: timing does not apply. */
  lum_channel_set_accounting_integration_id (channel, 0);
  lum_channel_set_internal (channel, TRUE);
  lum_channel_set_order_flow (channel, LUM_ORDER_FLOW_INVOICE_FIRST);
  lum_channel_set_invoice_timing (channel, LUM_INVOICE_TIMING_SHIPMENT_CREATED);
  g_assert_true (lum_engine_save_channel (f->engine, channel, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lum_channel_get_invoice_timing (channel), ==, LUM_INVOICE_TIMING_NONE);
}

static void
test_tags (Fixture       *f,
           gconstpointer  data)
{
  g_auto(GStrv) tags = lum_channel_parse_tags (" wholesale, East coast ,, WHOLESALE ,");
  g_autoptr(LumChannel) channel = wholesale_channel (f);
  g_autofree char *long_tag = g_strnfill (41, 't');
  const char *bad[] = { "ok", long_tag, NULL };

  g_assert_cmpuint (g_strv_length (tags), ==, 2);
  g_assert_cmpstr (tags[0], ==, "wholesale");
  g_assert_cmpstr (tags[1], ==, "East coast");

  lum_channel_set_tags (channel, bad);
  assert_refused (f, channel, LUM_CHANNEL_ERROR_TAGS, "is 41 characters long; at most 40");
}

static void
test_archive_and_duplicate (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(LumChannel) channel = wholesale_channel (f);
  g_autoptr(LumChannel) copy = NULL;
  g_autoptr(LumChannel) copy2 = NULL;
  g_autoptr(GListStore) active = NULL;
  g_autoptr(GListStore) all = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (lum_engine_save_channel (f->engine, channel, &error));
  copy = lum_engine_duplicate_channel (f->engine, channel, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lum_channel_get_name (copy), ==, "Wholesale Sales Channel (copy)");
  g_assert_cmpint (lum_channel_get_id (copy), !=, lum_channel_get_id (channel));
  g_assert_cmpuint (g_list_model_get_n_items (lum_channel_get_mappings (copy)), ==, 2);
  copy2 = lum_engine_duplicate_channel (f->engine, channel, &error);
  g_assert_cmpstr (lum_channel_get_name (copy2), ==, "Wholesale Sales Channel (copy 2)");

  g_assert_true (lum_engine_archive_channel (f->engine, copy, TRUE, &error));
  active = lum_engine_list_channels (f->engine, FALSE, &error);
  all = lum_engine_list_channels (f->engine, TRUE, &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (active)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all)), ==, 3);
}

static void
test_integration_rules (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumIntegration) dup = lum_integration_new (LUM_INTEGRATION_KIND_SHIPSTATION, "sandbox shipstation");
  g_autoptr(LumIntegration) bad_url = lum_integration_new (LUM_INTEGRATION_KIND_SHIPSTATION, "Other");
  g_autoptr(LumChannel) channel = wholesale_channel (f);

  g_assert_false (lum_engine_save_integration (f->engine, dup, &error));
  g_assert_error (error, LUM_SETUP_ERROR, LUM_SETUP_ERROR_NAME);
  g_assert_cmpint (lum_integration_get_id (dup), ==, 0);
  g_clear_error (&error);

  lum_integration_set_base_url (bad_url, "ftp://example.com");
  g_assert_false (lum_engine_save_integration (f->engine, bad_url, &error));
  g_assert_error (error, LUM_SETUP_ERROR, LUM_SETUP_ERROR_BASE_URL);
  g_assert_nonnull (strstr (error->message, "ftp://example.com"));
  g_clear_error (&error);

  g_assert_true (lum_engine_save_channel (f->engine, channel, &error));
  g_assert_false (lum_engine_delete_integration (f->engine, f->shipstation, &error));
  g_assert_error (error, LUM_SETUP_ERROR, LUM_SETUP_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "Wholesale Sales Channel"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/channel/save-and-load-everything", test_save_and_load_everything);
  ADD ("/channel/edit-reorders-mappings", test_edit_reorders_mappings);
  ADD ("/channel/rules/name", test_name_rules);
  ADD ("/channel/rules/warehouse-group", test_warehouse_group_rules);
  ADD ("/channel/rules/push", test_push_rules);
  ADD ("/channel/rules/fulfillment-needs-push", test_fulfillment_needs_push);
  ADD ("/channel/rules/mapping", test_mapping_rules);
  ADD ("/channel/rules/mapping-identity", test_mapping_identity_rules);
  ADD ("/channel/rules/invoicing", test_invoicing_rules);
  ADD ("/channel/rules/tags", test_tags);
  ADD ("/channel/archive-and-duplicate", test_archive_and_duplicate);
  ADD ("/channel/integration-rules", test_integration_rules);
  g_test_add_func ("/channel/rules/push-delay-parsing", test_push_delay_parsing);

  return g_test_run ();
}

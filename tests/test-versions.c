/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "lum-test-util.h"
#include "lum-engine-documents.h"
#include "lum-engine-setup.h"
#include "lum-util.h"
#include "store/lum-store-version.h"

/*
 * No silent overwrite between two processes on one SQLite file: two
 * engines on the same path stand for two desks. Desk A loads a record,
 * desk B ("Ben") saves it, desk A's save is refused with who and when;
 * after a reload desk A's save goes through.
 */

typedef struct
{
  LumTestClock    clock;
  char           *path;
  LumEngine      *a;
  LumEngine      *b;
  LumIntegration *shipstation;
  LumCustomer    *customer;
  LumChannel     *channel;
} Fixture;

static gint64
clock_now (gpointer user_data)
{
  return ((LumTestClock *)user_data)->now;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumProduct) product = lum_product_new ("SKU-A", "Widget", 1000, 8);

  f->a = lum_test_engine_new (&f->clock, &f->path);
  lum_engine_set_actor_name (f->a, "Ana");
  f->b = lum_engine_new (f->path, &error);
  g_assert_no_error (error);
  lum_engine_set_clock (f->b, clock_now, &f->clock, NULL);
  lum_engine_set_actor_name (f->b, "Ben");

  f->shipstation = lum_integration_new (LUM_INTEGRATION_KIND_SHIPSTATION, "Sandbox ShipStation");
  g_assert_true (lum_engine_save_integration (f->a, f->shipstation, &error));
  f->customer = lum_customer_new ("Acme Corp");
  lum_customer_set_text (f->customer, LUM_CUSTOMER_SHIP_STREET1, "1 Main St");
  lum_customer_set_text (f->customer, LUM_CUSTOMER_SHIP_CITY, "Springfield");
  g_assert_true (lum_engine_save_customer (f->a, f->customer, &error));
  g_assert_true (lum_engine_save_product (f->a, product, &error));

  f->channel = lum_engine_new_channel (f->a, &error);
  g_assert_no_error (error);
  lum_channel_set_name (f->channel, "Wholesale");
  lum_channel_set_internal (f->channel, TRUE);
  lum_channel_set_order_flow (f->channel, LUM_ORDER_FLOW_SO_FIRST);
  lum_channel_set_invoice_timing (f->channel, LUM_INVOICE_TIMING_SO_CREATED);
  lum_channel_set_push_to_oms (f->channel, TRUE);
  lum_channel_set_oms_integration_id (f->channel, lum_integration_get_id (f->shipstation));
  lum_channel_set_oms_store_id (f->channel, "1001");
  lum_channel_set_push_delay_minutes (f->channel, 30);
  g_assert_true (lum_engine_save_channel (f->a, f->channel, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->channel);
  g_clear_object (&f->customer);
  g_clear_object (&f->shipstation);
  g_clear_object (&f->b);
  g_clear_object (&f->a);
  g_clear_pointer (&f->path, g_free);
}

/* The refusal: typed, naming the record, the person and a time in words. */
static void
assert_changed_by_ben (GError     *error,
                       const char *record)
{
  g_assert_error (error, LUM_STORE_ERROR, LUM_STORE_ERROR_CHANGED);
  g_assert_nonnull (strstr (error->message, record));
  g_assert_nonnull (strstr (error->message, "changed by Ben on "));
  /* the test clock's 2027-01-01, as a person reads it, not ISO 8601 */
  g_assert_nonnull (strstr (error->message, "2027"));
  g_assert_null (strstr (error->message, "T00:"));
}

static void
test_channel (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumChannel) mine = lum_engine_get_channel (f->a, lum_channel_get_id (f->channel), &error);
  g_autoptr(LumChannel) theirs = lum_engine_get_channel (f->b, lum_channel_get_id (f->channel), &error);
  g_autoptr(LumChannel) stored = NULL;
  gint64 loaded = lum_channel_get_version (mine);

  g_assert_cmpint (loaded, >=, 1);
  lum_channel_set_description (theirs, "Ben's words");
  g_assert_true (lum_engine_save_channel (f->b, theirs, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lum_channel_get_version (theirs), ==, loaded + 1);

  lum_channel_set_description (mine, "Ana's words");
  g_assert_false (lum_engine_save_channel (f->a, mine, &error));
  assert_changed_by_ben (error, "Channel “Wholesale”");
  g_clear_error (&error);
  /* nothing of Ana's was written, and her editor keeps her version */
  g_assert_cmpint (lum_channel_get_version (mine), ==, loaded);
  stored = lum_engine_get_channel (f->a, lum_channel_get_id (f->channel), &error);
  g_assert_cmpstr (lum_channel_get_description (stored), ==, "Ben's words");

  /* reloaded, the same edit is saved */
  lum_channel_set_description (stored, "Ana's words");
  g_assert_true (lum_engine_save_channel (f->a, stored, &error));
  g_assert_no_error (error);
  g_clear_object (&theirs);
  theirs = lum_engine_get_channel (f->b, lum_channel_get_id (f->channel), &error);
  g_assert_cmpstr (lum_channel_get_description (theirs), ==, "Ana's words");
  g_assert_cmpint (lum_channel_get_version (theirs), ==, loaded + 2);
  /* a second save of the same editor needs no reload */
  lum_channel_set_description (stored, "Ana's second words");
  g_assert_true (lum_engine_save_channel (f->a, stored, &error));
  g_assert_no_error (error);
}

static void
test_customer (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumCustomer) mine = lum_engine_find_customer (f->a, "Acme Corp", &error);
  g_autoptr(LumCustomer) theirs = lum_engine_find_customer (f->b, "Acme Corp", &error);
  g_autoptr(LumCustomer) again = NULL;

  lum_customer_set_text (theirs, LUM_CUSTOMER_PHONE, "555-0101");
  g_assert_true (lum_engine_save_customer (f->b, theirs, &error));
  lum_customer_set_text (mine, LUM_CUSTOMER_EMAIL, "ana@acme.example");
  g_assert_false (lum_engine_save_customer (f->a, mine, &error));
  assert_changed_by_ben (error, "Customer “Acme Corp”");
  g_clear_error (&error);

  again = lum_engine_find_customer (f->a, "Acme Corp", &error);
  g_assert_cmpstr (lum_customer_get_text (again, LUM_CUSTOMER_EMAIL), ==, "");
  lum_customer_set_text (again, LUM_CUSTOMER_EMAIL, "ana@acme.example");
  g_assert_true (lum_engine_save_customer (f->a, again, &error));
  g_assert_no_error (error);
  g_clear_object (&theirs);
  theirs = lum_engine_find_customer (f->b, "Acme Corp", &error);
  g_assert_cmpstr (lum_customer_get_text (theirs, LUM_CUSTOMER_EMAIL), ==, "ana@acme.example");
  g_assert_cmpstr (lum_customer_get_text (theirs, LUM_CUSTOMER_PHONE), ==, "555-0101");
}

static void
test_product (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumProduct) mine = lum_engine_find_product (f->a, "SKU-A", &error);
  g_autoptr(LumProduct) theirs = lum_engine_find_product (f->b, "SKU-A", &error);
  g_autoptr(LumProduct) edit = lum_product_new ("SKU-A", "Widget Pro", 1200, 8);
  g_autoptr(LumProduct) stored = NULL;
  g_autoptr(LumProduct) imported = lum_product_new ("SKU-A", "Widget Imported", 1300, 8);

  /* Ben saves first: a new object with the loaded id and version, as an editor does */
  lum_product_set_id (edit, lum_product_get_id (theirs));
  lum_product_set_version (edit, lum_product_get_version (theirs));
  g_assert_true (lum_engine_save_product (f->b, edit, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lum_product_get_version (edit), ==, lum_product_get_version (mine) + 1);

  g_clear_object (&edit);
  edit = lum_product_new ("SKU-A", "Widget Ana", 1100, 8);
  lum_product_set_id (edit, lum_product_get_id (mine));
  lum_product_set_version (edit, lum_product_get_version (mine));
  g_assert_false (lum_engine_save_product (f->a, edit, &error));
  assert_changed_by_ben (error, "Product “SKU-A”");
  g_clear_error (&error);
  stored = lum_engine_find_product (f->a, "SKU-A", &error);
  g_assert_cmpstr (lum_product_get_name (stored), ==, "Widget Pro");

  /* an import (no version) saves over any version and raises it */
  g_assert_true (lum_engine_save_product (f->a, imported, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lum_product_get_version (imported), ==, lum_product_get_version (stored) + 1);
}

static LumDocument *
make_order (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  LumDocument *doc = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);
  g_autoptr(LumDocLine) line = lum_doc_line_new ("SKU-A", 2, -1);

  lum_document_set_int (doc, LUM_DOC_CHANNEL_ID, lum_channel_get_id (f->channel));
  lum_document_set_int (doc, LUM_DOC_CUSTOMER_ID, lum_customer_get_id (f->customer));
  lum_document_add_line (doc, line);
  g_assert_true (lum_engine_create_document (f->a, doc, &error));
  g_assert_no_error (error);
  return doc;
}

static void
edit_conflict (Fixture     *f,
               LumDocument *doc,
               const char  *label)
{
  g_autoptr(GError) error = NULL;
  LumDocumentKind kind = lum_document_get_kind (doc);
  gint64 id = lum_document_get_id (doc);
  g_autoptr(LumDocument) mine = lum_engine_get_document (f->a, kind, id, &error);
  g_autoptr(LumDocument) theirs = lum_engine_get_document (f->b, kind, id, &error);
  g_autoptr(LumDocument) again = NULL;

  lum_document_set_text (theirs, LUM_DOC_SHIPPING_NOTES, "Ben: dock 4");
  g_assert_true (lum_engine_update_document (f->b, theirs, &error));
  g_assert_no_error (error);

  lum_document_set_text (mine, LUM_DOC_PO_NUMBER, "PO-ANA");
  g_assert_false (lum_engine_update_document (f->a, mine, &error));
  assert_changed_by_ben (error, label);
  g_clear_error (&error);

  again = lum_engine_get_document (f->a, kind, id, &error);
  g_assert_cmpstr (lum_document_get_text (again, LUM_DOC_PO_NUMBER), ==, "");
  lum_document_set_text (again, LUM_DOC_PO_NUMBER, "PO-ANA");
  g_assert_true (lum_engine_update_document (f->a, again, &error));
  g_assert_no_error (error);
  /* and once more from the same editor */
  lum_document_set_text (again, LUM_DOC_INTERNAL_NOTES, "checked");
  g_assert_true (lum_engine_update_document (f->a, again, &error));
  g_assert_no_error (error);
  g_clear_object (&theirs);
  theirs = lum_engine_get_document (f->b, kind, id, &error);
  g_assert_cmpstr (lum_document_get_text (theirs, LUM_DOC_SHIPPING_NOTES), ==, "Ben: dock 4");
  g_assert_cmpstr (lum_document_get_text (theirs, LUM_DOC_PO_NUMBER), ==, "PO-ANA");
}

static void
test_draft (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(LumDocument) doc = make_order (f);
  g_autofree char *label = g_strdup_printf ("Sales order %s", lum_document_get_number (doc));

  edit_conflict (f, doc, label);
}

static void
test_posted_in_delay (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumDocument) doc = make_order (f);
  gint64 id = lum_document_get_id (doc);
  g_autofree char *label = NULL;

  g_assert_true (lum_engine_post_document (f->a, LUM_DOCUMENT_KIND_SALES_ORDER, id, &error));
  g_assert_no_error (error);
  g_clear_object (&doc);
  doc = lum_engine_get_document (f->a, LUM_DOCUMENT_KIND_SALES_ORDER, id, &error);
  label = g_strdup_printf ("Sales order %s", lum_document_get_number (doc));
  g_assert_cmpstr (lum_document_get_status (doc), ==, "posted");
  edit_conflict (f, doc, label);
}

/* Posting a draft is a change: an editor that loaded the draft may not save over it. */
static void
test_posted_meanwhile (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumDocument) doc = make_order (f);
  g_autoptr(LumDocument) mine = lum_engine_get_document (f->a, LUM_DOCUMENT_KIND_SALES_ORDER,
                                                         lum_document_get_id (doc), &error);

  g_assert_true (lum_engine_post_document (f->b, LUM_DOCUMENT_KIND_SALES_ORDER, lum_document_get_id (doc), &error));
  g_assert_no_error (error);
  lum_document_set_text (mine, LUM_DOC_PO_NUMBER, "PO-ANA");
  g_assert_false (lum_engine_update_document (f->a, mine, &error));
  g_assert_error (error, LUM_STORE_ERROR, LUM_STORE_ERROR_CHANGED);
  g_assert_nonnull (strstr (error->message, "changed by Ben"));
}

/* Who: each event names the person of the engine that made it. */
static void
test_who (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumDocument) doc = make_order (f);
  g_autoptr(LumDocument) theirs = lum_engine_get_document (f->b, LUM_DOCUMENT_KIND_SALES_ORDER,
                                                           lum_document_get_id (doc), &error);
  g_autoptr(GListStore) events = NULL;
  g_autoptr(LumEvent) created = NULL;
  g_autoptr(LumEvent) edited = NULL;
  g_autoptr(LumEngine) plain = lum_engine_new (f->path, &error);

  lum_document_set_text (theirs, LUM_DOC_PO_NUMBER, "PO-BEN");
  g_assert_true (lum_engine_update_document (f->b, theirs, &error));
  events = lum_engine_list_events (f->a, lum_document_get_id (doc), 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (events)), ==, 2);
  created = g_list_model_get_item (G_LIST_MODEL (events), 0);
  edited = g_list_model_get_item (G_LIST_MODEL (events), 1);
  g_assert_cmpstr (lum_event_get_text (created, LUM_EVENT_KIND), ==, "order.created");
  g_assert_cmpstr (lum_event_get_text (created, LUM_EVENT_ACTOR_NAME), ==, "Ana");
  g_assert_cmpstr (lum_event_get_text (edited, LUM_EVENT_KIND), ==, "order.edited");
  g_assert_cmpstr (lum_event_get_text (edited, LUM_EVENT_ACTOR_NAME), ==, "Ben");

  /* without a display name: the system user; a blank name is no name */
  g_assert_cmpstr (lum_engine_get_actor_name (plain), ==, g_get_user_name ());
  lum_engine_set_actor_name (plain, "  ");
  g_assert_cmpstr (lum_engine_get_actor_name (plain), ==, g_get_user_name ());
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/versions/channel", test_channel);
  ADD ("/versions/customer", test_customer);
  ADD ("/versions/product", test_product);
  ADD ("/versions/draft", test_draft);
  ADD ("/versions/posted-in-delay", test_posted_in_delay);
  ADD ("/versions/posted-meanwhile", test_posted_meanwhile);
  ADD ("/versions/who", test_who);
#undef ADD

  return g_test_run ();
}

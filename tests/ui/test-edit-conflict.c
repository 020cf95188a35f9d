/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-test"

#include <string.h>

#include "lum-channel-editor.h"
#include "lum-customer-editor.h"
#include "lum-document-editor.h"
#include "lum-product-editor.h"
#include "lum-document-view.h"
#include "lum-engine-setup.h"
#include "lum-window.h"
#include "ui-test-util.h"
#include "store/lum-store-version.h"

/* An edit conflict in the window: while the clerk's sales order editor is
 * open, another process on the same file ("Ben", a second engine) saves
 * the order. Save is refused with who and when; the editor keeps what the
 * clerk typed and offers Reload or Save Anyway. */

typedef struct
{
  LumUiTestData  data;
  LumWindow     *window;
  LumEngine     *other;
  LumDocument   *order;
  GtkWidget     *view;
} Fixture;

static gint64
clock_now (gpointer user_data)
{
  return ((LumTestClock *)user_data)->now;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumDocLine) line = lum_doc_line_new ("SKU-A100", 2, -1);

  lum_ui_test_data_init (&f->data);
  lum_engine_set_actor_name (f->data.engine, "Ana");
  f->other = lum_engine_new (lum_db_get_path (lum_engine_get_db (f->data.engine)), &error);
  g_assert_no_error (error);
  lum_engine_set_clock (f->other, clock_now, &f->data.clock, NULL);
  lum_engine_set_actor_name (f->other, "Ben");

  f->order = lum_document_new (LUM_DOCUMENT_KIND_SALES_ORDER);
  lum_document_set_int (f->order, LUM_DOC_CHANNEL_ID, lum_channel_get_id (f->data.wholesale));
  lum_document_set_int (f->order, LUM_DOC_CUSTOMER_ID, lum_customer_get_id (f->data.acme));
  lum_document_add_line (f->order, line);
  g_assert_true (lum_engine_create_document (f->data.engine, f->order, &error));
  g_assert_no_error (error);

  f->window = lum_window_new (NULL, f->data.engine);
  gtk_window_present (GTK_WINDOW (f->window));
  lum_ui_test_pump ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  unused)
{
  lum_ui_test_destroy_windows (GTK_WINDOW (f->window));
  g_clear_object (&f->order);
  g_clear_object (&f->other);
  lum_ui_test_data_clear (&f->data);
}

#define EDITOR_CHILD(editor, name) lum_ui_test_child (editor, LUM_TYPE_DOCUMENT_EDITOR, name)

static LumDocumentEditor *
open_editor (Fixture *f)
{
  LumDocumentView *view;
  LumDocumentEditor *editor;

  view = LUM_DOCUMENT_VIEW (lum_window_open_document (f->window, LUM_DOCUMENT_KIND_SALES_ORDER,
                                                      lum_document_get_id (f->order)));
  f->view = GTK_WIDGET (view);
  lum_ui_test_pump ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.edit", NULL));
  lum_ui_test_pump ();
  editor = lum_ui_test_find_toplevel (LUM_TYPE_DOCUMENT_EDITOR);
  g_assert_nonnull (editor);
  return editor;
}

/* Ben, in the other process, changes the PO number. */
static void
ben_saves (Fixture    *f,
           const char *po)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumDocument) theirs = lum_engine_get_document (f->other, LUM_DOCUMENT_KIND_SALES_ORDER,
                                                           lum_document_get_id (f->order), &error);

  g_assert_no_error (error);
  lum_document_set_text (theirs, LUM_DOC_PO_NUMBER, po);
  g_assert_true (lum_engine_update_document (f->other, theirs, &error));
  g_assert_no_error (error);
}

static LumDocument *
stored (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  LumDocument *doc = lum_engine_get_document (f->data.engine, LUM_DOCUMENT_KIND_SALES_ORDER,
                                              lum_document_get_id (f->order), &error);

  g_assert_no_error (error);
  return doc;
}

/* Saves, and returns the dialog that says the order changed. */
static AdwMessageDialog *
save_refused (LumDocumentEditor *editor)
{
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  lum_ui_test_pump ();
  /* the editor stays, with what the clerk typed */
  g_assert_true (lum_ui_test_find_toplevel (LUM_TYPE_DOCUMENT_EDITOR) == editor);
  dialog = lum_ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Changed by Someone Else");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "was changed by Ben on "));
  g_assert_true (adw_message_dialog_has_response (dialog, "reload"));
  g_assert_true (adw_message_dialog_has_response (dialog, "save-anyway"));
  return dialog;
}

static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  lum_ui_test_pump ();
}

static void
test_keep_then_save_anyway (Fixture       *f,
                            gconstpointer  unused)
{
  LumDocumentEditor *editor = open_editor (f);
  AdwMessageDialog *dialog;
  g_autoptr(LumDocument) doc = NULL;

  gtk_editable_set_text (GTK_EDITABLE (EDITOR_CHILD (editor, "shipping_notes_row")), "Call before delivery");
  lum_ui_test_pump ();
  ben_saves (f, "PO-BEN");

  dialog = save_refused (editor);
  lum_ui_test_shot ("edit-conflict");
  /* nothing of Ana's was written */
  doc = stored (f);
  g_assert_cmpstr (lum_document_get_text (doc, LUM_DOC_SHIPPING_NOTES), ==, "");
  g_assert_cmpstr (lum_document_get_text (doc, LUM_DOC_PO_NUMBER), ==, "PO-BEN");
  g_clear_object (&doc);

  /* Keep Editing: the editor is as it was */
  respond (dialog, "cancel");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (EDITOR_CHILD (editor, "shipping_notes_row"))), ==,
                   "Call before delivery");

  /* Save Anyway: the clerk's editor wins, over Ben's version */
  dialog = save_refused (editor);
  respond (dialog, "save-anyway");
  g_assert_null (lum_ui_test_find_toplevel (LUM_TYPE_DOCUMENT_EDITOR));
  doc = stored (f);
  g_assert_cmpstr (lum_document_get_text (doc, LUM_DOC_SHIPPING_NOTES), ==, "Call before delivery");
  g_assert_cmpstr (lum_document_get_text (doc, LUM_DOC_PO_NUMBER), ==, "");
  g_assert_cmpint (lum_document_get_int (doc, LUM_DOC_VERSION), ==, 3);
}

static void
test_reload (Fixture       *f,
             gconstpointer  unused)
{
  LumDocumentEditor *editor = open_editor (f);
  g_autoptr(GString) subtitles = g_string_new (NULL);
  GtkWidget *timeline;
  AdwMessageDialog *dialog;
  g_autoptr(LumDocument) doc = NULL;

  gtk_editable_set_text (GTK_EDITABLE (EDITOR_CHILD (editor, "shipping_notes_row")), "Call before delivery");
  lum_ui_test_pump ();
  ben_saves (f, "PO-BEN");

  dialog = save_refused (editor);
  respond (dialog, "reload");
  /* Ben's order in the editor, the clerk's note gone */
  g_assert_true (lum_ui_test_find_toplevel (LUM_TYPE_DOCUMENT_EDITOR) == editor);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (EDITOR_CHILD (editor, "po_row"))), ==, "PO-BEN");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (EDITOR_CHILD (editor, "shipping_notes_row"))), ==, "");

  /* and a save from there goes through */
  gtk_editable_set_text (GTK_EDITABLE (EDITOR_CHILD (editor, "shipping_notes_row")), "Dock 2");
  lum_ui_test_pump ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  lum_ui_test_pump ();
  g_assert_null (lum_ui_test_find_toplevel (LUM_TYPE_DOCUMENT_EDITOR));
  doc = stored (f);
  g_assert_cmpstr (lum_document_get_text (doc, LUM_DOC_SHIPPING_NOTES), ==, "Dock 2");
  g_assert_cmpstr (lum_document_get_text (doc, LUM_DOC_PO_NUMBER), ==, "PO-BEN");

  /* Who: the order's timeline names each person */
  lum_ui_test_pump ();
  timeline = lum_ui_test_child (f->view, LUM_TYPE_DOCUMENT_VIEW, "timeline_list");
  for (GtkWidget *row = gtk_widget_get_first_child (timeline); row; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row))
      {
        g_string_append (subtitles, adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
        g_string_append_c (subtitles, '\n');
      }
  g_test_message ("timeline: %s", subtitles->str);
  g_assert_nonnull (strstr (subtitles->str, " · by Ana\n"));
  g_assert_nonnull (strstr (subtitles->str, " · by Ben\n"));
  lum_ui_test_scroll_to_end (timeline);
  lum_ui_test_shot ("timeline-who");
}

/* The channel editor the same way: Reload shows Ben's channel, Save Anyway writes the clerk's. */
static void
test_channel_editor (Fixture       *f,
                     gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumChannel) loaded = lum_engine_get_channel (f->data.engine, lum_channel_get_id (f->data.wholesale), &error);
  g_autoptr(LumChannel) theirs = NULL;
  g_autoptr(LumChannel) saved = NULL;
  LumChannelEditor *editor = lum_channel_editor_new (NULL, f->data.engine, loaded);
  GtkWidget *description = lum_ui_test_child (editor, LUM_TYPE_CHANNEL_EDITOR, "description_row");
  AdwMessageDialog *dialog;

  gtk_window_present (GTK_WINDOW (editor));
  lum_ui_test_pump ();
  gtk_editable_set_text (GTK_EDITABLE (description), "Ana's words");
  lum_ui_test_pump ();

  theirs = lum_engine_get_channel (f->other, lum_channel_get_id (f->data.wholesale), &error);
  lum_channel_set_description (theirs, "Ben's words");
  g_assert_true (lum_engine_save_channel (f->other, theirs, &error));
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  lum_ui_test_pump ();
  g_assert_true (lum_ui_test_find_toplevel (LUM_TYPE_CHANNEL_EDITOR) == editor);
  dialog = lum_ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Channel “Wholesale Sales Channel” was changed by Ben"));
  respond (dialog, "reload");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (description)), ==, "Ben's words");

  /* Ben again, and this time the clerk's words win */
  gtk_editable_set_text (GTK_EDITABLE (description), "Ana's words");
  lum_ui_test_pump ();
  g_clear_object (&theirs);
  theirs = lum_engine_get_channel (f->other, lum_channel_get_id (f->data.wholesale), &error);
  lum_channel_set_description (theirs, "Ben's second words");
  g_assert_true (lum_engine_save_channel (f->other, theirs, &error));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  lum_ui_test_pump ();
  dialog = lum_ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  respond (dialog, "save-anyway");
  g_assert_null (lum_ui_test_find_toplevel (LUM_TYPE_CHANNEL_EDITOR));
  saved = lum_engine_get_channel (f->data.engine, lum_channel_get_id (f->data.wholesale), &error);
  g_assert_cmpstr (lum_channel_get_description (saved), ==, "Ana's words");
}

/* The customer editor: Save Anyway writes the clerk's customer over Ben's. */
static void
test_customer_editor (Fixture       *f,
                      gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumCustomer) loaded = lum_engine_find_customer (f->data.engine, "Acme Corp", &error);
  g_autoptr(LumCustomer) theirs = lum_engine_find_customer (f->other, "Acme Corp", &error);
  g_autoptr(LumCustomer) saved = NULL;
  LumCustomerEditor *editor = lum_customer_editor_new (NULL, f->data.engine, loaded);
  GtkWidget *email = lum_customer_editor_get_row (editor, LUM_CUSTOMER_EMAIL);
  AdwMessageDialog *dialog;

  gtk_window_present (GTK_WINDOW (editor));
  lum_ui_test_pump ();
  gtk_editable_set_text (GTK_EDITABLE (email), "ana@acme.example");
  lum_ui_test_pump ();
  lum_customer_set_text (theirs, LUM_CUSTOMER_PHONE, "555-0199");
  g_assert_true (lum_engine_save_customer (f->other, theirs, &error));
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  lum_ui_test_pump ();
  g_assert_true (lum_ui_test_find_toplevel (LUM_TYPE_CUSTOMER_EDITOR) == editor);
  dialog = lum_ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Customer “Acme Corp” was changed by Ben"));
  saved = lum_engine_find_customer (f->data.engine, "Acme Corp", &error);
  g_assert_cmpstr (lum_customer_get_text (saved, LUM_CUSTOMER_EMAIL), !=, "ana@acme.example");
  g_clear_object (&saved);
  respond (dialog, "save-anyway");
  g_assert_null (lum_ui_test_find_toplevel (LUM_TYPE_CUSTOMER_EDITOR));
  saved = lum_engine_find_customer (f->data.engine, "Acme Corp", &error);
  g_assert_cmpstr (lum_customer_get_text (saved, LUM_CUSTOMER_EMAIL), ==, "ana@acme.example");
}

/* The product editor: Reload shows Ben's product, and saving from there goes through. */
static void
test_product_editor (Fixture       *f,
                     gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumProduct) loaded = lum_engine_find_product (f->data.engine, "SKU-A100", &error);
  g_autoptr(LumProduct) theirs = lum_product_new ("SKU-A100", "Widget, larger", 1300, 8);
  g_autoptr(LumProduct) saved = NULL;
  LumProductEditor *editor = lum_product_editor_new (NULL, f->data.engine, loaded);
  GtkWidget *name = lum_ui_test_child (editor, LUM_TYPE_PRODUCT_EDITOR, "name_row");
  AdwMessageDialog *dialog;

  gtk_window_present (GTK_WINDOW (editor));
  lum_ui_test_pump ();
  gtk_editable_set_text (GTK_EDITABLE (name), "Widget, Ana's");
  lum_ui_test_pump ();
  lum_product_set_id (theirs, lum_product_get_id (loaded));
  lum_product_set_version (theirs, lum_product_get_version (loaded));
  g_assert_true (lum_engine_save_product (f->other, theirs, &error));
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  lum_ui_test_pump ();
  dialog = lum_ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Product “SKU-A100” was changed by Ben"));
  respond (dialog, "reload");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "Widget, larger");
  gtk_editable_set_text (GTK_EDITABLE (name), "Widget, Ana's");
  lum_ui_test_pump ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  lum_ui_test_pump ();
  g_assert_null (lum_ui_test_find_toplevel (LUM_TYPE_PRODUCT_EDITOR));
  saved = lum_engine_find_product (f->data.engine, "SKU-A100", &error);
  g_assert_cmpstr (lum_product_get_name (saved), ==, "Widget, Ana's");
  g_assert_cmpint (lum_product_get_unit_price_cents (saved), ==, 1300);
}

int
main (int   argc,
      char *argv[])
{
  lum_ui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/edit-conflict/keep-then-save-anyway", test_keep_then_save_anyway);
  ADD ("/ui/edit-conflict/reload", test_reload);
  ADD ("/ui/edit-conflict/channel-editor", test_channel_editor);
  ADD ("/ui/edit-conflict/customer-editor", test_customer_editor);
  ADD ("/ui/edit-conflict/product-editor", test_product_editor);
#undef ADD

  return g_test_run ();
}

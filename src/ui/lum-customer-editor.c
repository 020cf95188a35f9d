/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "lum-customer-editor.h"
#include "lum-form-util.h"
#include "lum-ui-util.h"
#include "lum-util.h"
#include "lum-engine-documents.h"
#include "store/lum-store-version.h"

/* A customer: who they are, how they pay, where bills and orders go. The
 * editor works on a copy; Save writes it. */
struct _LumCustomerEditor
{
  AdwWindow            parent_instance;

  LumEngine           *engine;
  LumCustomer         *original;
  gboolean             loading;
  gboolean             modified;
  GArray              *terms;
  GtkWidget           *rows[LUM_CUSTOMER_N_TEXT];
  AdwComboRow         *terms_row;
  GPtrArray           *error_rows;

  AdwWindowTitle      *window_title;
  AdwToastOverlay     *toast_overlay;
  GtkWidget           *save_button;
  AdwPreferencesGroup *customer_group;
  AdwPreferencesGroup *billing_group;
  AdwPreferencesGroup *shipping_group;
};

G_DEFINE_FINAL_TYPE (LumCustomerEditor, lum_customer_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_ENGINE,
  PROP_CUSTOMER,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

enum { CUSTOMER, BILLING, SHIPPING };

static const struct {
  LumCustomerText field;
  int             group;
  const char     *title;
  GtkInputPurpose purpose;
} fields[] = {
  { LUM_CUSTOMER_NAME, CUSTOMER, N_("Name"), GTK_INPUT_PURPOSE_NAME },
  { LUM_CUSTOMER_COMPANY, CUSTOMER, N_("Company"), GTK_INPUT_PURPOSE_FREE_FORM },
  { LUM_CUSTOMER_EMAIL, CUSTOMER, N_("Email"), GTK_INPUT_PURPOSE_EMAIL },
  { LUM_CUSTOMER_PHONE, CUSTOMER, N_("Phone"), GTK_INPUT_PURPOSE_PHONE },
  { LUM_CUSTOMER_SALES_REP, CUSTOMER, N_("Sales Rep"), GTK_INPUT_PURPOSE_NAME },
  { LUM_CUSTOMER_BILL_STREET1, BILLING, N_("Street"), GTK_INPUT_PURPOSE_FREE_FORM },
  { LUM_CUSTOMER_BILL_STREET2, BILLING, N_("Street, Second Line"), GTK_INPUT_PURPOSE_FREE_FORM },
  { LUM_CUSTOMER_BILL_CITY, BILLING, N_("City"), GTK_INPUT_PURPOSE_FREE_FORM },
  { LUM_CUSTOMER_BILL_STATE, BILLING, N_("State"), GTK_INPUT_PURPOSE_FREE_FORM },
  { LUM_CUSTOMER_BILL_POSTAL_CODE, BILLING, N_("Postal Code"), GTK_INPUT_PURPOSE_FREE_FORM },
  { LUM_CUSTOMER_BILL_COUNTRY, BILLING, N_("Country"), GTK_INPUT_PURPOSE_FREE_FORM },
  { LUM_CUSTOMER_SHIP_NAME, SHIPPING, N_("Name"), GTK_INPUT_PURPOSE_NAME },
  { LUM_CUSTOMER_SHIP_COMPANY, SHIPPING, N_("Company"), GTK_INPUT_PURPOSE_FREE_FORM },
  { LUM_CUSTOMER_SHIP_STREET1, SHIPPING, N_("Street"), GTK_INPUT_PURPOSE_FREE_FORM },
  { LUM_CUSTOMER_SHIP_STREET2, SHIPPING, N_("Street, Second Line"), GTK_INPUT_PURPOSE_FREE_FORM },
  { LUM_CUSTOMER_SHIP_CITY, SHIPPING, N_("City"), GTK_INPUT_PURPOSE_FREE_FORM },
  { LUM_CUSTOMER_SHIP_STATE, SHIPPING, N_("State"), GTK_INPUT_PURPOSE_FREE_FORM },
  { LUM_CUSTOMER_SHIP_POSTAL_CODE, SHIPPING, N_("Postal Code"), GTK_INPUT_PURPOSE_FREE_FORM },
  { LUM_CUSTOMER_SHIP_COUNTRY, SHIPPING, N_("Country"), GTK_INPUT_PURPOSE_FREE_FORM },
  { LUM_CUSTOMER_SHIP_PHONE, SHIPPING, N_("Phone"), GTK_INPUT_PURPOSE_PHONE },
};

/* The billing field each shipping field copies. */
static const struct { LumCustomerText ship; LumCustomerText bill; } same_as_billing[] = {
  { LUM_CUSTOMER_SHIP_STREET1, LUM_CUSTOMER_BILL_STREET1 },
  { LUM_CUSTOMER_SHIP_STREET2, LUM_CUSTOMER_BILL_STREET2 },
  { LUM_CUSTOMER_SHIP_CITY, LUM_CUSTOMER_BILL_CITY },
  { LUM_CUSTOMER_SHIP_STATE, LUM_CUSTOMER_BILL_STATE },
  { LUM_CUSTOMER_SHIP_POSTAL_CODE, LUM_CUSTOMER_BILL_POSTAL_CODE },
  { LUM_CUSTOMER_SHIP_COUNTRY, LUM_CUSTOMER_BILL_COUNTRY },
};

static const int common_terms[] = { 0, 7, 10, 15, 30, 45, 60, 90 };

static char *
terms_label (int days)
{
  return days == 0 ? g_strdup (_("Due on Receipt")) : g_strdup_printf (_("Net %d"), days);
}

static char *
dup_text (GtkWidget *row)
{
  return lum_strip_dup (gtk_editable_get_text (GTK_EDITABLE (row)));
}

/* The usual terms, and the customer's own when it is none of them. */
static void
load_terms (LumCustomerEditor *self,
            int                days)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  gboolean added = FALSE;
  guint selected = 0;

  g_array_set_size (self->terms, 0);
  for (guint i = 0; i <= G_N_ELEMENTS (common_terms); i++)
    {
      int value;
      g_autofree char *label = NULL;

      if (!added && (i == G_N_ELEMENTS (common_terms) || days <= common_terms[i]))
        {
          added = TRUE;
          if (i == G_N_ELEMENTS (common_terms) || days != common_terms[i])
            {
              selected = self->terms->len;
              label = terms_label (days);
              gtk_string_list_append (labels, label);
              g_array_append_val (self->terms, days);
              g_clear_pointer (&label, g_free);
            }
        }
      if (i == G_N_ELEMENTS (common_terms))
        break;
      value = common_terms[i];
      if (value == days)
        selected = self->terms->len;
      label = terms_label (value);
      gtk_string_list_append (labels, label);
      g_array_append_val (self->terms, value);
    }
  adw_combo_row_set_model (self->terms_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->terms_row, selected);
}

static void
apply_to_customer (LumCustomerEditor *self,
                   LumCustomer       *customer)
{
  guint selected = adw_combo_row_get_selected (self->terms_row);

  for (guint f = 0; f < LUM_CUSTOMER_N_TEXT; f++)
    if (self->rows[f] != NULL)
      {
        g_autofree char *text = dup_text (self->rows[f]);
        lum_customer_set_text (customer, f, text);
      }
  if (selected < self->terms->len)
    lum_customer_set_terms_days (customer, g_array_index (self->terms, int, selected));
}

/* The row an error of saving is about, or %NULL when no row shows it (a
 * database error): the fields are checked before, so only the name's
 * uniqueness is left. */
static GtkWidget *
row_for_error (LumCustomerEditor *self,
               const GError      *error)
{
  if (error->domain == LUM_RECORD_ERROR && error->code == LUM_RECORD_ERROR_DUPLICATE)
    return self->rows[LUM_CUSTOMER_NAME];
  return NULL;
}

static void
clear_errors (LumCustomerEditor *self)
{
  for (guint i = 0; i < self->error_rows->len; i++)
    lum_form_clear_row_error (g_ptr_array_index (self->error_rows, i));
  g_ptr_array_set_size (self->error_rows, 0);
}

static void
show_row_error (LumCustomerEditor *self,
                GtkWidget         *row,
                const char        *message)
{
  lum_form_set_row_error (row, message);
  g_ptr_array_add (self->error_rows, row);
}

/* Every refused field under its row, named as the row is; %TRUE when
 * there was none. */
static gboolean
check_rows (LumCustomerEditor *self,
            LumCustomer       *customer)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      LumCustomerText f = fields[i].field;
      g_autofree char *stripped = lum_strip_dup (lum_customer_get_text (customer, f));
      g_autoptr(GError) error = NULL;

      if (!lum_customer_check_text (f, _(fields[i].title), stripped, &error) ||
          (f == LUM_CUSTOMER_EMAIL && !lum_customer_check_email (stripped, &error)))
        show_row_error (self, self->rows[f], error->message);
    }
  return self->error_rows->len == 0;
}

/* The keyboard on the first refused row, brought into sight. */
static void
focus_first_error (LumCustomerEditor *self)
{
  GtkWidget *row;

  if (self->error_rows->len == 0)
    return;
  row = g_ptr_array_index (self->error_rows, 0);
  lum_form_scroll_to (row);
  gtk_widget_grab_focus (row);
}

/* -- callbacks ------------------------------------------------------------ */

static void
on_changed_cb (LumCustomerEditor *self,
               GtkWidget         *row)
{
  if (self->loading || self->error_rows == NULL)
    return;
  self->modified = TRUE;
  if (g_ptr_array_remove (self->error_rows, row))
    lum_form_clear_row_error (row);
}

static void
on_discard_response_cb (AdwMessageDialog  *dialog,
                        const char        *response,
                        LumCustomerEditor *self)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;
  self->modified = FALSE;
  lum_form_destroy_later (GTK_WINDOW (self));
}

static void
load_customer (LumCustomerEditor *self)
{
  self->loading = TRUE;
  for (guint f = 0; f < LUM_CUSTOMER_N_TEXT; f++)
    if (self->rows[f] != NULL)
      gtk_editable_set_text (GTK_EDITABLE (self->rows[f]), lum_customer_get_text (self->original, f));
  load_terms (self, lum_customer_get_terms_days (self->original));
  self->loading = FALSE;
}

/* The customer as saved now: its id, as text, finds it whatever its name. */
static LumCustomer *
find_stored (LumCustomerEditor  *self,
             GError            **error)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, lum_customer_get_id (self->original));

  return lum_engine_find_customer (self->engine, id, error);
}

static void save_customer (LumCustomerEditor *self);

static gboolean
save_anyway_idle_cb (gpointer user_data)
{
  save_customer (user_data);
  return G_SOURCE_REMOVE;
}

static void
on_changed_response_cb (AdwMessageDialog  *dialog,
                        const char        *response,
                        LumCustomerEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumCustomer) stored = NULL;

  if (g_strcmp0 (response, "reload") != 0 && g_strcmp0 (response, "save-anyway") != 0)
    return;
  if ((stored = find_stored (self, &error)) == NULL)
    {
      lum_form_toast_error (self->toast_overlay, error);
      return;
    }
  if (g_strcmp0 (response, "reload") == 0)
    {
      /* the clerk's changes go, the customer as saved comes */
      g_set_object (&self->original, stored);
      clear_errors (self);
      load_customer (self);
      self->modified = FALSE;
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   lum_ui_toast_new (_("Reloaded as saved by the other person")));
      return;
    }
  /* Save Anyway: over the version saved now; the editor closes after, so
   * the dialog goes first */
  lum_customer_set_version (self->original, lum_customer_get_version (stored));
  g_idle_add_full (G_PRIORITY_DEFAULT, save_anyway_idle_cb, g_object_ref (self), g_object_unref);
}

static void
save_customer (LumCustomerEditor *self)
{
  g_autoptr(LumCustomerEditor) hold = g_object_ref (self);
  g_autoptr(LumCustomer) customer = lum_customer_new (NULL);
  g_autoptr(GError) error = NULL;
  GtkWidget *row;

  clear_errors (self);
  lum_record_copy_into (LUM_RECORD (self->original), LUM_RECORD (customer));
  apply_to_customer (self, customer);
  if (!check_rows (self, customer))
    {
      focus_first_error (self);
      return;
    }
  if (!lum_engine_save_customer (self->engine, customer, &error))
    {
      if (g_error_matches (error, LUM_STORE_ERROR, LUM_STORE_ERROR_CHANGED))
        {
          GtkWidget *dialog = lum_form_changed_dialog_new (GTK_WINDOW (self), error);

          g_signal_connect_object (dialog, "response", G_CALLBACK (on_changed_response_cb), self, 0);
          gtk_window_present (GTK_WINDOW (dialog));
          return;
        }
      /* a toast only for what no row says, so nothing is said twice */
      if ((row = row_for_error (self, error)) != NULL)
        show_row_error (self, row, error->message);
      else
        lum_form_toast_error (self->toast_overlay, error);
      focus_first_error (self);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, customer);
  self->modified = FALSE;
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save_customer (LUM_CUSTOMER_EDITOR (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
copy_billing_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LumCustomerEditor *self = LUM_CUSTOMER_EDITOR (widget);

  for (guint i = 0; i < G_N_ELEMENTS (same_as_billing); i++)
    {
      g_autofree char *text = dup_text (self->rows[same_as_billing[i].bill]);
      gtk_editable_set_text (GTK_EDITABLE (self->rows[same_as_billing[i].ship]), text);
    }
}

/* -- GObject -------------------------------------------------------------- */

static void
build_rows (LumCustomerEditor *self)
{
  AdwPreferencesGroup *groups[] = { self->customer_group, self->billing_group, self->shipping_group };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *row = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(fields[i].title));
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), fields[i].purpose);
      g_signal_connect_object (row, "changed", G_CALLBACK (on_changed_cb), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (groups[fields[i].group], row);
      self->rows[fields[i].field] = row;

      /* The terms follow the customer's contact. */
      if (fields[i].field == LUM_CUSTOMER_PHONE)
        {
          self->terms_row = ADW_COMBO_ROW (adw_combo_row_new ());
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->terms_row), _("Payment Terms"));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (self->terms_row), NULL);
          g_signal_connect_object (self->terms_row, "notify::selected", G_CALLBACK (on_changed_cb), self,
                                   G_CONNECT_SWAPPED);
          adw_preferences_group_add (self->customer_group, GTK_WIDGET (self->terms_row));
        }
    }
}

static void
lum_customer_editor_constructed (GObject *object)
{
  LumCustomerEditor *self = (LumCustomerEditor *)object;
  gboolean is_new;
  const char *title;

  G_OBJECT_CLASS (lum_customer_editor_parent_class)->constructed (object);

  if (self->original == NULL)
    self->original = lum_customer_new (NULL);
  is_new = lum_customer_get_id (self->original) == 0;

  title = is_new ? _("New Customer") : _("Edit Customer");
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, is_new ? NULL : lum_customer_get_name (self->original));
  gtk_window_set_title (GTK_WINDOW (self), title);

  build_rows (self);
  load_customer (self);

  lum_ui_name_buttons_by_label (GTK_WIDGET (self));
  gtk_widget_grab_focus (self->rows[LUM_CUSTOMER_NAME]);
}

static gboolean
lum_customer_editor_close_request (GtkWindow *window)
{
  LumCustomerEditor *self = LUM_CUSTOMER_EDITOR (window);
  GtkWidget *dialog;

  if (!self->modified)
    return GTK_WINDOW_CLASS (lum_customer_editor_parent_class)->close_request (window);

  dialog = lum_form_discard_dialog_new (window,
                                        _("The changes to this customer have not been saved."));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
lum_customer_editor_dispose (GObject *object)
{
  LumCustomerEditor *self = (LumCustomerEditor *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), LUM_TYPE_CUSTOMER_EDITOR);
  g_clear_object (&self->original);
  g_clear_object (&self->engine);
  g_clear_pointer (&self->terms, g_array_unref);
  g_clear_pointer (&self->error_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (lum_customer_editor_parent_class)->dispose (object);
}

static void
lum_customer_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LumCustomerEditor *self = LUM_CUSTOMER_EDITOR (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      self->engine = g_value_dup_object (value);
      break;
    case PROP_CUSTOMER:
      self->original = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_customer_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LumCustomerEditor *self = LUM_CUSTOMER_EDITOR (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    case PROP_CUSTOMER:
      g_value_set_object (value, self->original);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_customer_editor_class_init (LumCustomerEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = lum_customer_editor_constructed;
  object_class->dispose = lum_customer_editor_dispose;
  object_class->get_property = lum_customer_editor_get_property;
  object_class->set_property = lum_customer_editor_set_property;
  window_class->close_request = lum_customer_editor_close_request;

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, LUM_TYPE_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CUSTOMER] =
    g_param_spec_object ("customer", NULL, NULL, LUM_TYPE_CUSTOMER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LumCustomerEditor::saved:
   * @customer: the customer as saved
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, LUM_TYPE_CUSTOMER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lumenapp/Lumen/lum-customer-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, LumCustomerEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, LumCustomerEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LumCustomerEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, LumCustomerEditor, customer_group);
  gtk_widget_class_bind_template_child (widget_class, LumCustomerEditor, billing_group);
  gtk_widget_class_bind_template_child (widget_class, LumCustomerEditor, shipping_group);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "editor.copy-billing", NULL, copy_billing_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
}

static void
lum_customer_editor_init (LumCustomerEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->terms = g_array_new (FALSE, FALSE, sizeof (int));
  self->error_rows = g_ptr_array_new ();
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);
}

/**
 * lum_customer_editor_new:
 * @customer: (nullable): the customer as stored, or %NULL for a new one
 */
LumCustomerEditor *
lum_customer_editor_new (GtkWindow   *parent,
                         LumEngine   *engine,
                         LumCustomer *customer)
{
  return g_object_new (LUM_TYPE_CUSTOMER_EDITOR,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       "engine", engine,
                       "customer", customer,
                       NULL);
}

/**
 * lum_customer_editor_get_row:
 *
 * Returns: (transfer none): the entry row of @field
 */
GtkWidget *
lum_customer_editor_get_row (LumCustomerEditor *self,
                             LumCustomerText    field)
{
  g_return_val_if_fail (LUM_IS_CUSTOMER_EDITOR (self), NULL);
  g_return_val_if_fail (field < LUM_CUSTOMER_N_TEXT, NULL);
  return self->rows[field];
}

/**
 * lum_customer_editor_get_terms_row:
 *
 * Returns: (transfer none): the payment terms
 */
AdwComboRow *
lum_customer_editor_get_terms_row (LumCustomerEditor *self)
{
  g_return_val_if_fail (LUM_IS_CUSTOMER_EDITOR (self), NULL);
  return self->terms_row;
}

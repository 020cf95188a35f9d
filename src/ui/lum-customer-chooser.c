/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "lum-customer-chooser.h"
#include "lum-util.h"

/* An entry row that finds a customer as the name is typed: the matches
 * (name prefix, any case) drop down under it; the one taken is the row's
 * "customer", its payment terms shown at the end of the row. */

#define MAX_SUGGESTIONS 8

struct _LumCustomerChooser
{
  AdwEntryRow           parent_instance;

  LumEngine            *engine;
  LumCustomer          *customer;
  gboolean              setting_text;

  LumSuggestionPopover *popover;
  GtkWidget            *terms_label;
  GtkWidget            *chosen_icon;
};

G_DEFINE_FINAL_TYPE (LumCustomerChooser, lum_customer_chooser, ADW_TYPE_ENTRY_ROW)

enum {
  PROP_0,
  PROP_ENGINE,
  PROP_CUSTOMER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
customer_text (gpointer item,
               gboolean subtitle)
{
  LumCustomer *customer = item;
  GString *out;
  const char *parts[] = {
    lum_customer_get_text (customer, LUM_CUSTOMER_COMPANY),
    lum_customer_get_text (customer, LUM_CUSTOMER_SHIP_CITY),
    lum_customer_get_text (customer, LUM_CUSTOMER_EMAIL),
  };

  if (!subtitle)
    return g_strdup (lum_customer_get_name (customer));

  out = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (!lum_str_empty (parts[i]))
      g_string_append_printf (out, "%s%s", out->len > 0 ? " · " : "", parts[i]);
  return g_string_free (out, FALSE);
}

static void
update_suffix (LumCustomerChooser *self)
{
  g_autofree char *terms = NULL;

  if (self->customer != NULL)
    terms = lum_customer_dup_terms_label (self->customer);
  gtk_label_set_text (GTK_LABEL (self->terms_label), terms ? terms : "");
  gtk_widget_set_visible (self->terms_label, terms != NULL && *terms != '\0');
  gtk_widget_set_visible (self->chosen_icon, self->customer != NULL);
}

static void
set_text_quietly (LumCustomerChooser *self,
                  const char         *text)
{
  self->setting_text = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self), text ? text : "");
  gtk_editable_set_position (GTK_EDITABLE (self), -1);
  self->setting_text = FALSE;
}

static GListStore *
search (LumCustomerChooser *self,
        const char         *text)
{
  g_autoptr(GError) error = NULL;
  GListStore *found;

  if (self->engine == NULL)
    return NULL;
  found = lum_engine_search_customers (self->engine, text, MAX_SUGGESTIONS, &error);
  if (found == NULL)
    g_warning ("Cannot search customers: %s", error->message);
  return found;
}

/* -- callbacks ------------------------------------------------------------ */

static void
on_changed_cb (LumCustomerChooser *self)
{
  g_autofree char *text = NULL;
  g_autofree char *empty = NULL;
  g_autoptr(GListStore) found = NULL;

  if (self->setting_text)
    return;

  text = lum_strip_dup (gtk_editable_get_text (GTK_EDITABLE (self)));
  if (self->customer != NULL && g_strcmp0 (text, lum_customer_get_name (self->customer)) != 0)
    {
      g_clear_object (&self->customer);
      update_suffix (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER]);
    }

  if (*text == '\0')
    {
      lum_suggestion_popover_set_items (self->popover, NULL, NULL);
      return;
    }
  found = search (self, text);
  /* Translators: %s is what was typed in the customer field */
  empty = g_strdup_printf (_("No customer’s name starts with “%s”"), text);
  lum_suggestion_popover_set_items (self->popover, G_LIST_MODEL (found), empty);
}

static void
on_chosen_cb (LumCustomerChooser *self,
              LumCustomer        *customer)
{
  lum_customer_chooser_set_customer (self, customer);
}

/* -- GObject -------------------------------------------------------------- */

static void
lum_customer_chooser_dispose (GObject *object)
{
  LumCustomerChooser *self = (LumCustomerChooser *)object;

  if (self->popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->popover));
      self->popover = NULL;
    }
  g_clear_object (&self->customer);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (lum_customer_chooser_parent_class)->dispose (object);
}

static void
lum_customer_chooser_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LumCustomerChooser *self = LUM_CUSTOMER_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    case PROP_CUSTOMER:
      g_value_set_object (value, self->customer);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_customer_chooser_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LumCustomerChooser *self = LUM_CUSTOMER_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      lum_customer_chooser_set_engine (self, g_value_get_object (value));
      break;
    case PROP_CUSTOMER:
      lum_customer_chooser_set_customer (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_customer_chooser_class_init (LumCustomerChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lum_customer_chooser_dispose;
  object_class->get_property = lum_customer_chooser_get_property;
  object_class->set_property = lum_customer_chooser_set_property;

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, LUM_TYPE_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * LumCustomerChooser:customer:
   *
   * The customer taken from the suggestions, or %NULL while the text names
   * none.
   */
  properties[PROP_CUSTOMER] =
    g_param_spec_object ("customer", NULL, NULL, LUM_TYPE_CUSTOMER,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lum_customer_chooser_init (LumCustomerChooser *self)
{
  self->terms_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->terms_label, "dim-label");
  gtk_widget_set_valign (self->terms_label, GTK_ALIGN_CENTER);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), self->terms_label);

  self->chosen_icon = gtk_image_new_from_icon_name ("object-select-symbolic");
  gtk_widget_set_tooltip_text (self->chosen_icon, _("Customer found"));
  gtk_widget_add_css_class (self->chosen_icon, "success");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), self->chosen_icon);

  self->popover = lum_suggestion_popover_new (GTK_WIDGET (self), customer_text);
  g_signal_connect_object (self->popover, "chosen", G_CALLBACK (on_chosen_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "changed", G_CALLBACK (on_changed_cb), NULL);

  update_suffix (self);
}

GtkWidget *
lum_customer_chooser_new (LumEngine *engine)
{
  return g_object_new (LUM_TYPE_CUSTOMER_CHOOSER,
                       "title", _("Customer"),
                       "engine", engine,
                       NULL);
}

void
lum_customer_chooser_set_engine (LumCustomerChooser *self,
                                 LumEngine          *engine)
{
  g_return_if_fail (LUM_IS_CUSTOMER_CHOOSER (self));

  if (g_set_object (&self->engine, engine))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENGINE]);
}

/**
 * lum_customer_chooser_get_customer:
 *
 * Returns: (transfer none) (nullable): the chosen customer
 */
LumCustomer *
lum_customer_chooser_get_customer (LumCustomerChooser *self)
{
  g_return_val_if_fail (LUM_IS_CUSTOMER_CHOOSER (self), NULL);
  return self->customer;
}

void
lum_customer_chooser_set_customer (LumCustomerChooser *self,
                                   LumCustomer        *customer)
{
  g_return_if_fail (LUM_IS_CUSTOMER_CHOOSER (self));

  set_text_quietly (self, customer ? lum_customer_get_name (customer) : "");
  if (!g_set_object (&self->customer, customer))
    return;
  update_suffix (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER]);
}

/**
 * lum_customer_chooser_resolve:
 *
 * The chosen customer; or, when none was taken from the suggestions, the
 * customer whose name is what was typed (any case), which is then taken.
 *
 * Returns: (transfer none) (nullable): the customer
 */
LumCustomer *
lum_customer_chooser_resolve (LumCustomerChooser *self)
{
  g_autofree char *typed = NULL;
  g_autoptr(LumCustomer) found = NULL;

  g_return_val_if_fail (LUM_IS_CUSTOMER_CHOOSER (self), NULL);

  if (self->customer != NULL || self->engine == NULL)
    return self->customer;

  typed = lum_strip_dup (gtk_editable_get_text (GTK_EDITABLE (self)));
  if (*typed == '\0')
    return NULL;
  found = lum_engine_find_customer (self->engine, typed, NULL);
  if (found != NULL)
    {
      g_autofree char *a = lum_name_key (typed);
      g_autofree char *b = lum_name_key (lum_customer_get_name (found));

      /* find_customer also takes an id; only a name counts here */
      if (g_strcmp0 (a, b) == 0)
        lum_customer_chooser_set_customer (self, found);
    }
  return self->customer;
}

/**
 * lum_customer_chooser_get_popover:
 *
 * Returns: (transfer none): the suggestions under the row
 */
LumSuggestionPopover *
lum_customer_chooser_get_popover (LumCustomerChooser *self)
{
  g_return_val_if_fail (LUM_IS_CUSTOMER_CHOOSER (self), NULL);
  return self->popover;
}

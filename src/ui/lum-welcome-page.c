/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "lum-ui-util.h"
#include "lum-welcome-page.h"
#include "lum-engine-setup.h"

/* The first page of a new database: what Lumen does, and the way to the
 * first channel. */
struct _LumWelcomePage
{
  GtkWidget      parent_instance;

  LumEngine     *engine;
  gboolean       folded;

  AdwStatusPage *status_page;
  GtkWidget     *create_button;
  GtkWidget     *help_button;
};

G_DEFINE_FINAL_TYPE (LumWelcomePage, lum_welcome_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ENGINE,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
has_sandbox (LumEngine *engine)
{
  g_autoptr(GListStore) integrations = lum_engine_list_integrations (engine, NULL);

  for (guint i = 0; integrations != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (integrations)); i++)
    {
      g_autoptr(LumIntegration) integration = g_list_model_get_item (G_LIST_MODEL (integrations), i);

      if (lum_integration_is_sandbox (integration))
        return TRUE;
    }
  return FALSE;
}

static void
update_description (LumWelcomePage *self)
{
  if (has_sandbox (self->engine))
    adw_status_page_set_description (self->status_page,
                                     _("Lumen sends the orders of your sales channels to ShipStation or a "
                                       "3PL warehouse, and their invoices to QuickBooks Online. A sandbox of "
                                       "all three runs inside Lumen, so you can create a channel and test it "
                                       "now, without an account."));
  else
    adw_status_page_set_description (self->status_page,
                                     _("Lumen sends the orders of your sales channels to ShipStation or a "
                                       "3PL warehouse, and their invoices to QuickBooks Online. Add your "
                                       "accounts on the Integrations page, then create your first channel."));
}

static void
on_engine_changed_cb (LumWelcomePage *self,
                      const char     *what)
{
  if (g_str_equal (what, "integrations") || g_str_equal (what, "external"))
    update_description (self);
}

static void
lum_welcome_page_constructed (GObject *object)
{
  LumWelcomePage *self = (LumWelcomePage *)object;

  G_OBJECT_CLASS (lum_welcome_page_parent_class)->constructed (object);

  g_return_if_fail (LUM_IS_ENGINE (self->engine));
  g_signal_connect_object (self->engine, "changed", G_CALLBACK (on_engine_changed_cb), self, G_CONNECT_SWAPPED);
  update_description (self);
}

static void
lum_welcome_page_dispose (GObject *object)
{
  LumWelcomePage *self = (LumWelcomePage *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), LUM_TYPE_WELCOME_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (lum_welcome_page_parent_class)->dispose (object);
}

static void
lum_welcome_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LumWelcomePage *self = LUM_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_welcome_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LumWelcomePage *self = LUM_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      self->engine = g_value_dup_object (value);
      break;
    case PROP_FOLDED:
      if (self->folded != g_value_get_boolean (value))
        {
          self->folded = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_welcome_page_class_init (LumWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lum_welcome_page_constructed;
  object_class->dispose = lum_welcome_page_dispose;
  object_class->get_property = lum_welcome_page_get_property;
  object_class->set_property = lum_welcome_page_set_property;

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, LUM_TYPE_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * LumWelcomePage:folded:
   *
   * Whether the window shows the page without its sidebar.
   */
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lumenapp/Lumen/lum-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LumWelcomePage, status_page);
  gtk_widget_class_bind_template_child (widget_class, LumWelcomePage, create_button);
  gtk_widget_class_bind_template_child (widget_class, LumWelcomePage, help_button);

  gtk_widget_class_set_css_name (widget_class, "lum-welcome-page");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
lum_welcome_page_init (LumWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  lum_ui_name_buttons_by_label (GTK_WIDGET (self));
}

GtkWidget *
lum_welcome_page_new (LumEngine *engine)
{
  return g_object_new (LUM_TYPE_WELCOME_PAGE, "engine", engine, NULL);
}

/**
 * lum_welcome_page_should_show:
 *
 * Whether the window should open on the welcome page: the database has no
 * channel yet, archived ones included.
 */
gboolean
lum_welcome_page_should_show (LumEngine *engine)
{
  g_autoptr(GListStore) channels = NULL;

  g_return_val_if_fail (LUM_IS_ENGINE (engine), FALSE);

  channels = lum_engine_list_channels (engine, TRUE, NULL);
  return channels != NULL && g_list_model_get_n_items (G_LIST_MODEL (channels)) == 0;
}

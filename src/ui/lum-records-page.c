/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "lum-engine-documents.h"
#include "lum-records-page.h"
#include "lum-ui-format.h"
#include "lum-ui-util.h"
#include "lum-util.h"
#include "lum-window.h"

typedef struct
{
  LumEngine      *engine;
  gboolean        folded;
  GListStore     *records;
  GtkNoSelection *selection;
  char           *search;

  AdwWindowTitle *window_title;
  GtkWidget      *new_button;
  GtkSearchBar   *search_bar;
  GtkSearchEntry *search_entry;
  GtkStack       *content_stack;
  GtkColumnView  *column_view;
  GtkRevealer    *limit_revealer;
  GtkLabel       *limit_label;
  AdwStatusPage  *empty_page;
  GtkWidget      *create_button;
  AdwStatusPage  *error_page;
} LumRecordsPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (LumRecordsPage, lum_records_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ENGINE,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One column: a title and the text of a record in it. */
typedef struct
{
  const char *title;
  char     *(*text) (gpointer item, int field);
  int         field;
  int         width_chars;
  gboolean    expand;
  gboolean    numeric;
  int         give_way;   /* 1 hides first on a narrow window; 0 always shows */
} ColumnSpec;

static gboolean
is_customers (LumRecordsPage *self)
{
  return lum_records_page_get_kind (self) == LUM_IMPORT_CUSTOMERS;
}

static LumWindow *
get_window (LumRecordsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return LUM_IS_WINDOW (root) ? LUM_WINDOW (root) : NULL;
}

/* -- cells ---------------------------------------------------------------- */

static char *
customer_field (gpointer item,
                int      field)
{
  return g_strdup (lum_customer_get_text (item, field));
}

/* The customer of the channel tests' documents says so: it is no buyer. */
static char *
customer_name (gpointer item,
               int      field)
{
  const char *name = lum_customer_get_text (item, LUM_CUSTOMER_NAME);

  if (lum_customer_get_is_test (item))
    /* Translators: the name of the customer that channel tests sell to */
    return g_strdup_printf (_("%s (test customer)"), name ? name : "");
  return g_strdup (name);
}

static char *
customer_place (gpointer item,
                int      field)
{
  const char *city = lum_customer_get_text (item, LUM_CUSTOMER_SHIP_CITY);
  const char *state = lum_customer_get_text (item, LUM_CUSTOMER_SHIP_STATE);

  if (lum_str_empty (city))
    {
      city = lum_customer_get_text (item, LUM_CUSTOMER_BILL_CITY);
      state = lum_customer_get_text (item, LUM_CUSTOMER_BILL_STATE);
    }
  if (lum_str_empty (state))
    return g_strdup (city);
  if (lum_str_empty (city))
    return g_strdup (state);
  return g_strdup_printf ("%s, %s", city, state);
}

static char *
customer_terms (gpointer item,
                int      field)
{
  return lum_customer_dup_terms_label (item);
}

static char *
product_sku (gpointer item,
             int      field)
{
  return g_strdup (lum_product_get_sku (item));
}

static char *
product_name (gpointer item,
              int      field)
{
  return g_strdup (lum_product_get_name (item));
}

static char *
product_price (gpointer item,
               int      field)
{
  return lum_ui_format_money (lum_product_get_unit_price_cents (item));
}

static char *
product_weight (gpointer item,
                int      field)
{
  /* Translators: a weight in ounces */
  return g_strdup_printf (_("%g oz"), lum_product_get_weight_oz (item));
}

static const ColumnSpec customer_columns[] = {
  { N_("Name"), customer_name, LUM_CUSTOMER_NAME, 16, TRUE, FALSE, 0 },
  { N_("Company"), customer_field, LUM_CUSTOMER_COMPANY, 12, TRUE, FALSE, 5 },
  { N_("Email"), customer_field, LUM_CUSTOMER_EMAIL, 16, TRUE, FALSE, 0 },
  { N_("Phone"), customer_field, LUM_CUSTOMER_PHONE, 10, FALSE, FALSE, 3 },
  { N_("Ships To"), customer_place, 0, 12, FALSE, FALSE, 4 },
  { N_("Terms"), customer_terms, 0, 8, FALSE, FALSE, 2 },
  { N_("Sales Rep"), customer_field, LUM_CUSTOMER_SALES_REP, 8, FALSE, FALSE, 1 },
};

static const ColumnSpec product_columns[] = {
  { N_("SKU"), product_sku, 0, 12, FALSE, FALSE, 0 },
  { N_("Name"), product_name, 0, 20, TRUE, FALSE, 0 },
  { N_("Unit Price"), product_price, 0, 10, FALSE, TRUE, 0 },
  { N_("Weight"), product_weight, 0, 8, FALSE, TRUE, 1 },
};

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  const ColumnSpec         *spec)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), spec->numeric ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), spec->width_chars);
  if (spec->numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 const ColumnSpec         *spec)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  g_autofree char *text = spec->text (gtk_list_item_get_item (list_item), spec->field);

  gtk_label_set_text (GTK_LABEL (label), text ? text : "");
  gtk_widget_set_tooltip_text (label, text && *text ? text : NULL);
  lum_ui_name_list_item (label, text);
}

static void
setup_columns (LumRecordsPage *self)
{
  LumRecordsPagePrivate *priv = lum_records_page_get_instance_private (self);
  const ColumnSpec *specs = is_customers (self) ? customer_columns : product_columns;
  guint n = is_customers (self) ? G_N_ELEMENTS (customer_columns) : G_N_ELEMENTS (product_columns);
  GtkColumnViewColumn *by_priority[G_N_ELEMENTS (customer_columns)];
  guint n_by_priority = 0;

  for (guint i = 0; i < n; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), (gpointer)&specs[i]);
      g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), (gpointer)&specs[i]);
      column = gtk_column_view_column_new (_(specs[i].title), factory);
      gtk_column_view_column_set_expand (column, specs[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (priv->column_view, column);
    }
  lum_ui_column_view_name_titles (priv->column_view);

  /* the columns that give way on a narrow window, the least needed first */
  for (int give_way = 1; give_way <= (int)n; give_way++)
    for (guint i = 0; i < n; i++)
      if (specs[i].give_way == give_way)
        {
          g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (gtk_column_view_get_columns (priv->column_view), i);

          by_priority[n_by_priority++] = column;
        }
  lum_ui_column_view_fit_columns (priv->column_view, by_priority, n_by_priority);
}

/* -- loading -------------------------------------------------------------- */

static GListStore *
search (LumRecordsPage  *self,
        GError         **error)
{
  LumRecordsPagePrivate *priv = lum_records_page_get_instance_private (self);
  g_autoptr(GListStore) found = NULL;
  g_autofree char *upper = NULL;

  if (is_customers (self))
    return lum_engine_search_customers (priv->engine, priv->search, LUM_RECORDS_PAGE_LIMIT, error);

  found = lum_engine_search_products (priv->engine, priv->search, LUM_RECORDS_PAGE_LIMIT, error);
  if (found == NULL || g_list_model_get_n_items (G_LIST_MODEL (found)) > 0 || lum_str_empty (priv->search))
    return g_steal_pointer (&found);
  /* SKUs are mostly upper case: “sku-a” finds “SKU-A”. */
  upper = g_utf8_strup (priv->search, -1);
  if (g_strcmp0 (upper, priv->search) == 0)
    return g_steal_pointer (&found);
  g_clear_object (&found);
  return lum_engine_search_products (priv->engine, upper, LUM_RECORDS_PAGE_LIMIT, error);
}

static void
update_state (LumRecordsPage *self,
              const GError   *error)
{
  LumRecordsPagePrivate *priv = lum_records_page_get_instance_private (self);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (priv->records));
  g_autofree char *limit = NULL;

  if (error != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_status_page_set_description (priv->error_page, escaped);
      gtk_stack_set_visible_child_name (priv->content_stack, "error");
      return;
    }

  limit = lum_ui_format_count (LUM_RECORDS_PAGE_LIMIT);
  gtk_label_set_text (priv->limit_label, NULL);
  if (n >= LUM_RECORDS_PAGE_LIMIT)
    {
      g_autofree char *text = is_customers (self)
        ? g_strdup_printf (_("The first %s customers by name are listed: search to find the others"), limit)
        : g_strdup_printf (_("The first %s products by SKU are listed: search to find the others"), limit);

      gtk_label_set_text (priv->limit_label, text);
    }
  gtk_revealer_set_reveal_child (priv->limit_revealer, n >= LUM_RECORDS_PAGE_LIMIT);

  {
    g_autofree char *count = lum_ui_format_count (n);
    g_autofree char *subtitle = NULL;

    if (n > 0 && n < LUM_RECORDS_PAGE_LIMIT)
      subtitle = is_customers (self)
        ? g_strdup_printf (g_dngettext (NULL, "%s customer", "%s customers", n), count)
        : g_strdup_printf (g_dngettext (NULL, "%s product", "%s products", n), count);
    adw_window_title_set_subtitle (priv->window_title, subtitle);
  }

  if (n > 0)
    gtk_stack_set_visible_child_name (priv->content_stack, "list");
  else if (!lum_str_empty (priv->search))
    gtk_stack_set_visible_child_name (priv->content_stack, "no-results");
  else
    gtk_stack_set_visible_child_name (priv->content_stack, "empty");
}

/* -- callbacks ------------------------------------------------------------ */

static void
on_engine_changed_cb (LumRecordsPage *self,
                      const char     *what)
{
  if (g_strcmp0 (what, is_customers (self) ? "customers" : "products") == 0 ||
      g_strcmp0 (what, "external") == 0)
    lum_records_page_reload (self);
}

static void
on_search_changed_cb (LumRecordsPage *self,
                      GtkSearchEntry *entry)
{
  LumRecordsPagePrivate *priv = lum_records_page_get_instance_private (self);

  g_free (priv->search);
  priv->search = lum_strip_dup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  lum_records_page_reload (self);
}

static void
edit_position (LumRecordsPage *self,
               guint           position)
{
  LumRecordsPagePrivate *priv = lum_records_page_get_instance_private (self);
  g_autoptr(GObject) record = g_list_model_get_item (G_LIST_MODEL (priv->records), position);
  LumWindow *window = get_window (self);

  if (record == NULL || window == NULL)
    return;
  if (is_customers (self))
    lum_window_edit_customer (window, LUM_CUSTOMER (record));
  else
    lum_window_edit_product (window, LUM_PRODUCT (record));
}

static void
on_search_activate_cb (LumRecordsPage *self)
{
  edit_position (self, 0);
}

static void
on_column_view_activate_cb (LumRecordsPage *self,
                            guint           position)
{
  edit_position (self, position);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LumRecordsPagePrivate *priv = lum_records_page_get_instance_private (LUM_RECORDS_PAGE (widget));

  gtk_search_bar_set_search_mode (priv->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (priv->search_entry));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LumRecordsPage *self = LUM_RECORDS_PAGE (widget);
  LumWindow *window = get_window (self);

  if (window == NULL)
    return;
  if (is_customers (self))
    lum_window_edit_customer (window, NULL);
  else
    lum_window_edit_product (window, NULL);
}

static void
on_import_chosen_cb (GtkNativeDialog *chooser,
                     int              response,
                     LumRecordsPage  *self)
{
  LumWindow *window = get_window (self);
  g_autoptr(GFile) file = NULL;

  if (window != NULL && response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    lum_window_import_file (window, lum_records_page_get_kind (self), file);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/* Asks for a CSV file of customers or products, then previews its import. */
static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LumRecordsPage *self = LUM_RECORDS_PAGE (widget);
  LumWindow *window = get_window (self);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (window == NULL)
    return;

  chooser = gtk_file_chooser_native_new (is_customers (self) ? _("Import Customers") : _("Import Products"),
                                         GTK_WINDOW (window), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Preview"), _("_Cancel"));
  gtk_file_filter_set_name (csv, _("CSV Files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* -- GObject -------------------------------------------------------------- */

static void
setup_texts (LumRecordsPage *self)
{
  LumRecordsPagePrivate *priv = lum_records_page_get_instance_private (self);
  gboolean customers = is_customers (self);
  const char *new_label = customers ? _("New Customer") : _("New Product");
  g_autofree char *tooltip = g_strdup_printf ("%s (Ctrl+N)", new_label);
  g_autofree char *columns = lum_import_columns (lum_records_page_get_kind (self));
  g_autofree char *description = NULL;

  adw_window_title_set_title (priv->window_title, customers ? _("Customers") : _("Products"));
  gtk_widget_set_tooltip_text (priv->new_button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (priv->new_button), GTK_ACCESSIBLE_PROPERTY_LABEL, new_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (priv->column_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  customers ? _("Customers") : _("Products"), -1);
  g_object_set (priv->search_entry, "placeholder-text",
                customers ? _("Search by name") : _("Search by SKU"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (priv->search_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  customers ? _("Search Customers") : _("Search Products"), -1);
  gtk_button_set_label (GTK_BUTTON (priv->create_button), customers ? _("_Add a Customer") : _("_Add a Product"));

  adw_status_page_set_icon_name (priv->empty_page, customers ? "system-users-symbolic" : "package-x-generic-symbolic");
  adw_status_page_set_title (priv->empty_page, customers ? _("No Customers") : _("No Products"));
  description = g_markup_printf_escaped (customers
                                         ? _("Add the customers who order, or import them from a CSV file with the columns <tt>%s</tt>.")
                                         : _("Add the products you sell, or import them from a CSV file with the columns <tt>%s</tt>."),
                                         columns);
  adw_status_page_set_description (priv->empty_page, description);
  adw_status_page_set_title (priv->error_page, customers ? _("Cannot Read the Customers") : _("Cannot Read the Products"));
}

static void
lum_records_page_constructed (GObject *object)
{
  LumRecordsPage *self = (LumRecordsPage *)object;
  LumRecordsPagePrivate *priv = lum_records_page_get_instance_private (self);

  G_OBJECT_CLASS (lum_records_page_parent_class)->constructed (object);

  priv->records = g_list_store_new (is_customers (self) ? LUM_TYPE_CUSTOMER : LUM_TYPE_PRODUCT);
  priv->selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (priv->records)));
  gtk_column_view_set_model (priv->column_view, GTK_SELECTION_MODEL (priv->selection));
  setup_texts (self);
  setup_columns (self);
  lum_ui_name_buttons_by_label (GTK_WIDGET (self));

  if (priv->engine != NULL)
    {
      g_signal_connect_object (priv->engine, "changed", G_CALLBACK (on_engine_changed_cb), self,
                               G_CONNECT_SWAPPED);
      lum_records_page_reload (self);
    }
}

static void
lum_records_page_dispose (GObject *object)
{
  LumRecordsPage *self = (LumRecordsPage *)object;
  LumRecordsPagePrivate *priv = lum_records_page_get_instance_private (self);
  GtkWidget *child;

  /* Not gtk_widget_dispose_template(): in GTK 4.8 it looks up the template
   * of the instance's class, a subclass without one. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&priv->selection);
  g_clear_object (&priv->records);
  g_clear_object (&priv->engine);

  G_OBJECT_CLASS (lum_records_page_parent_class)->dispose (object);
}

static void
lum_records_page_finalize (GObject *object)
{
  LumRecordsPagePrivate *priv = lum_records_page_get_instance_private (LUM_RECORDS_PAGE (object));

  g_clear_pointer (&priv->search, g_free);

  G_OBJECT_CLASS (lum_records_page_parent_class)->finalize (object);
}

static void
lum_records_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LumRecordsPagePrivate *priv = lum_records_page_get_instance_private (LUM_RECORDS_PAGE (object));

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, priv->engine);
      break;
    case PROP_FOLDED:
      g_value_set_boolean (value, priv->folded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_records_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LumRecordsPagePrivate *priv = lum_records_page_get_instance_private (LUM_RECORDS_PAGE (object));

  switch (prop_id)
    {
    case PROP_ENGINE:
      priv->engine = g_value_dup_object (value);
      break;
    case PROP_FOLDED:
      if (priv->folded != g_value_get_boolean (value))
        {
          priv->folded = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_records_page_class_init (LumRecordsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lum_records_page_constructed;
  object_class->dispose = lum_records_page_dispose;
  object_class->finalize = lum_records_page_finalize;
  object_class->get_property = lum_records_page_get_property;
  object_class->set_property = lum_records_page_set_property;

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, LUM_TYPE_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lumenapp/Lumen/lum-records-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child_private (widget_class, LumRecordsPage, name)
  BIND (window_title);
  BIND (new_button);
  BIND (search_bar);
  BIND (search_entry);
  BIND (content_stack);
  BIND (column_view);
  BIND (limit_revealer);
  BIND (limit_label);
  BIND (empty_page);
  BIND (create_button);
  BIND (error_page);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);

  gtk_widget_class_install_action (widget_class, "page.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "page.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "records.import", NULL, import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "records.import", NULL);

  gtk_widget_class_set_css_name (widget_class, "lum-records-page");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
lum_records_page_init (LumRecordsPage *self)
{
  LumRecordsPagePrivate *priv = lum_records_page_get_instance_private (self);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Typing on the page searches. */
  gtk_search_bar_connect_entry (priv->search_bar, GTK_EDITABLE (priv->search_entry));
  gtk_search_bar_set_key_capture_widget (priv->search_bar, GTK_WIDGET (self));
}

LumImportKind
lum_records_page_get_kind (LumRecordsPage *self)
{
  g_return_val_if_fail (LUM_IS_RECORDS_PAGE (self), LUM_IMPORT_CUSTOMERS);
  return LUM_RECORDS_PAGE_GET_CLASS (self)->kind;
}

/**
 * lum_records_page_get_model:
 *
 * Returns: (transfer none): the customers or products as listed
 */
GListModel *
lum_records_page_get_model (LumRecordsPage *self)
{
  LumRecordsPagePrivate *priv = lum_records_page_get_instance_private (self);

  g_return_val_if_fail (LUM_IS_RECORDS_PAGE (self), NULL);
  return G_LIST_MODEL (priv->records);
}

/* Reads what the search finds again. */
void
lum_records_page_reload (LumRecordsPage *self)
{
  LumRecordsPagePrivate *priv = lum_records_page_get_instance_private (self);
  g_autoptr(GListStore) found = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LUM_IS_RECORDS_PAGE (self));

  if (priv->engine == NULL)
    return;
  found = search (self, &error);
  if (found == NULL)
    {
      g_warning ("Cannot list %s: %s", is_customers (self) ? "customers" : "products", error->message);
      update_state (self, error);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (found)); i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (found), i));
  g_list_store_splice (priv->records, 0, g_list_model_get_n_items (G_LIST_MODEL (priv->records)),
                       items->pdata, items->len);
  update_state (self, NULL);
}

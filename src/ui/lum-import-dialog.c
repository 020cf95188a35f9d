/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "lum-counts.h"
#include "lum-form-util.h"
#include "lum-import-dialog.h"
#include "lum-ui-format.h"
#include "lum-ui-util.h"

/* The preview of a CSV import: every row of the file with what it adds or
 * updates, or why it cannot be imported. *Import N Rows* writes the good
 * ones in one transaction; the rows in error are skipped. */
struct _LumImportDialog
{
  AdwWindow           parent_instance;

  LumEngine          *engine;
  LumImportKind       kind;
  GListModel         *rows;
  char               *file_name;
  guint               n_good;
  guint               n_updates;
  guint               n_errors;
  GtkFilterListModel *filtered;
  GtkNoSelection     *selection;

  AdwWindowTitle     *window_title;
  AdwToastOverlay    *toast_overlay;
  GtkWidget          *import_button;
  GtkImage           *summary_icon;
  GtkLabel           *summary_label;
  GtkWidget          *errors_only_button;
  GtkColumnView      *column_view;
  GtkColumnViewColumn *line_column;
  GtkColumnViewColumn *action_column;
  GtkColumnViewColumn *details_column;
};

G_DEFINE_FINAL_TYPE (LumImportDialog, lum_import_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_ENGINE,
  PROP_KIND,
  PROP_ROWS,
  PROP_FILE_NAME,
  N_PROPS
};

enum {
  IMPORTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
row_has_error (LumImportRow *row)
{
  const char *error = lum_import_row_get_error (row);

  return error != NULL && *error != '\0';
}

static gboolean
match_error (gpointer item,
             gpointer user_data)
{
  return row_has_error (item);
}

/* -- cells ---------------------------------------------------------------- */

static void
on_label_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  numeric)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1 : 0);
  if (numeric)
    {
      gtk_widget_add_css_class (label, "numeric");
      gtk_label_set_width_chars (GTK_LABEL (label), 5);
    }
  else
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    }
  gtk_list_item_set_child (list_item, label);
}

static void
on_line_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  g_autofree char *text = g_strdup_printf ("%u", lum_import_row_get_line (gtk_list_item_get_item (list_item)));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), text);
}

static void
on_action_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, lum_ui_badge_new ());
}

static void
on_action_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  LumImportRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *badge = gtk_list_item_get_child (list_item);

  if (row_has_error (row))
    lum_ui_badge_set (badge, _("Error"), "error");
  else if (lum_import_row_get_update (row))
    lum_ui_badge_set (badge, _("Update"), "accent");
  else
    lum_ui_badge_set (badge, _("New"), "success");
}

static void
on_details_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  user_data)
{
  LumImportRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);

  if (row_has_error (row))
    {
      gtk_label_set_text (GTK_LABEL (label), lum_import_row_get_error (row));
      gtk_widget_add_css_class (label, "error");
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (label), lum_import_row_get_summary (row));
      gtk_widget_remove_css_class (label, "error");
    }
}

static void
set_factory (GtkColumnViewColumn *column,
             GCallback            setup,
             gpointer             setup_data,
             GCallback            bind)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", setup, setup_data);
  g_signal_connect (factory, "bind", bind, NULL);
  gtk_column_view_column_set_factory (column, factory);
}

/* -- summary -------------------------------------------------------------- */

static void
count_rows (LumImportDialog *self)
{
  guint n = g_list_model_get_n_items (self->rows);

  self->n_good = self->n_updates = self->n_errors = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LumImportRow) row = g_list_model_get_item (self->rows, i);

      if (row_has_error (row))
        self->n_errors++;
      else if (++self->n_good && lum_import_row_get_update (row))
        self->n_updates++;
    }
}

static void
update_summary (LumImportDialog *self)
{
  g_autofree char *good = lum_ui_format_count (self->n_good);
  g_autofree char *label = NULL;
  g_autofree char *summary = NULL;
  guint n_new = self->n_good - self->n_updates;

  label = g_strdup_printf (g_dngettext (NULL, "_Import %s Row", "_Import %s Rows", self->n_good), good);
  gtk_button_set_label (GTK_BUTTON (self->import_button), label);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.confirm", self->n_good > 0);

  summary = lum_counts_dup_import_summary (n_new, self->n_updates, self->n_errors);
  if (self->n_errors > 0)
    {
      g_autofree char *full = g_strdup_printf ("%s %s", summary,
                                               g_dngettext (NULL, "The row with an error is skipped.",
                                                            "The rows with errors are skipped.", self->n_errors));
      gtk_label_set_text (self->summary_label, full);
      gtk_image_set_from_icon_name (self->summary_icon, "dialog-warning-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->summary_icon), "warning");
    }
  else
    {
      gtk_label_set_text (self->summary_label, summary);
      gtk_image_set_from_icon_name (self->summary_icon, "object-select-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->summary_icon), "success");
    }
  gtk_widget_set_visible (self->errors_only_button, self->n_errors > 0);
}

/* -- callbacks ------------------------------------------------------------ */

static void
on_errors_only_toggled_cb (LumImportDialog *self)
{
  gboolean only = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->errors_only_button));
  g_autoptr(GtkFilter) filter = NULL;

  if (only)
    filter = GTK_FILTER (gtk_custom_filter_new (match_error, NULL, NULL));
  gtk_filter_list_model_set_filter (self->filtered, filter);
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LumImportDialog *self = LUM_IMPORT_DIALOG (widget);
  g_autoptr(LumImportDialog) hold = g_object_ref (self);
  g_autoptr(GError) error = NULL;
  guint added = 0, updated = 0;

  if (!lum_engine_import_commit (self->engine, self->rows, &added, &updated, &error))
    {
      lum_form_toast_error (self->toast_overlay, error);
      return;
    }
  g_signal_emit (self, signals[IMPORTED], 0, added, updated, self->n_errors);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* -- GObject -------------------------------------------------------------- */

static void
lum_import_dialog_constructed (GObject *object)
{
  LumImportDialog *self = (LumImportDialog *)object;
  const char *title = self->kind == LUM_IMPORT_CUSTOMERS ? _("Import Customers") : _("Import Products");

  G_OBJECT_CLASS (lum_import_dialog_parent_class)->constructed (object);

  g_return_if_fail (G_IS_LIST_MODEL (self->rows));

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, self->file_name);
  gtk_window_set_title (GTK_WINDOW (self), title);

  self->filtered = gtk_filter_list_model_new (g_object_ref (self->rows), NULL);
  self->selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  count_rows (self);
  update_summary (self);
  lum_ui_name_buttons_by_label (GTK_WIDGET (self));
}

static void
lum_import_dialog_dispose (GObject *object)
{
  LumImportDialog *self = (LumImportDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), LUM_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->rows);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (lum_import_dialog_parent_class)->dispose (object);
}

static void
lum_import_dialog_finalize (GObject *object)
{
  LumImportDialog *self = (LumImportDialog *)object;

  g_clear_pointer (&self->file_name, g_free);

  G_OBJECT_CLASS (lum_import_dialog_parent_class)->finalize (object);
}

static void
lum_import_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LumImportDialog *self = LUM_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      self->engine = g_value_dup_object (value);
      break;
    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;
    case PROP_ROWS:
      self->rows = g_value_dup_object (value);
      break;
    case PROP_FILE_NAME:
      self->file_name = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_import_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LumImportDialog *self = LUM_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_ROWS:
      g_value_set_object (value, self->rows);
      break;
    case PROP_FILE_NAME:
      g_value_set_string (value, self->file_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lum_import_dialog_class_init (LumImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lum_import_dialog_constructed;
  object_class->dispose = lum_import_dialog_dispose;
  object_class->finalize = lum_import_dialog_finalize;
  object_class->get_property = lum_import_dialog_get_property;
  object_class->set_property = lum_import_dialog_set_property;

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, LUM_TYPE_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, LUM_IMPORT_CUSTOMERS, LUM_IMPORT_PRODUCTS, LUM_IMPORT_CUSTOMERS,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * LumImportDialog:rows:
   *
   * The preview: LumImportRow items from lum_engine_import_preview().
   */
  properties[PROP_ROWS] =
    g_param_spec_object ("rows", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE_NAME] =
    g_param_spec_string ("file-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LumImportDialog::imported:
   * @added: rows added
   * @updated: rows that updated a record
   * @skipped: rows left out for their errors
   *
   * The good rows were written; the dialog closes.
   */
  signals[IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lumenapp/Lumen/lum-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LumImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, LumImportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LumImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, LumImportDialog, summary_icon);
  gtk_widget_class_bind_template_child (widget_class, LumImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LumImportDialog, errors_only_button);
  gtk_widget_class_bind_template_child (widget_class, LumImportDialog, column_view);
  gtk_widget_class_bind_template_child (widget_class, LumImportDialog, line_column);
  gtk_widget_class_bind_template_child (widget_class, LumImportDialog, action_column);
  gtk_widget_class_bind_template_child (widget_class, LumImportDialog, details_column);
  gtk_widget_class_bind_template_callback (widget_class, on_errors_only_toggled_cb);

  gtk_widget_class_install_action (widget_class, "import.confirm", NULL, confirm_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lum_import_dialog_init (LumImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  set_factory (self->line_column, G_CALLBACK (on_label_setup_cb), GINT_TO_POINTER (TRUE), G_CALLBACK (on_line_bind_cb));
  set_factory (self->action_column, G_CALLBACK (on_action_setup_cb), NULL, G_CALLBACK (on_action_bind_cb));
  set_factory (self->details_column, G_CALLBACK (on_label_setup_cb), NULL, G_CALLBACK (on_details_bind_cb));
  gtk_window_set_default_widget (GTK_WINDOW (self), self->import_button);
}

/**
 * lum_import_dialog_new:
 * @rows: the preview from lum_engine_import_preview()
 * @file_name: (nullable): the file's name, as the user knows it
 */
LumImportDialog *
lum_import_dialog_new (GtkWindow     *parent,
                       LumEngine     *engine,
                       LumImportKind  kind,
                       GListModel    *rows,
                       const char    *file_name)
{
  return g_object_new (LUM_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       "engine", engine,
                       "kind", kind,
                       "rows", rows,
                       "file-name", file_name,
                       NULL);
}

/**
 * lum_import_dialog_get_rows:
 *
 * Returns: (transfer none): the rows as listed (only those in error while
 *   *Errors Only* is on)
 */
GListModel *
lum_import_dialog_get_rows (LumImportDialog *self)
{
  g_return_val_if_fail (LUM_IS_IMPORT_DIALOG (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

guint
lum_import_dialog_get_n_good (LumImportDialog *self)
{
  g_return_val_if_fail (LUM_IS_IMPORT_DIALOG (self), 0);
  return self->n_good;
}

guint
lum_import_dialog_get_n_errors (LumImportDialog *self)
{
  g_return_val_if_fail (LUM_IS_IMPORT_DIALOG (self), 0);
  return self->n_errors;
}

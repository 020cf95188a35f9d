/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "lum-document-columns.h"
#include "lum-ui-format.h"
#include "lum-ui-util.h"

typedef struct
{
  LumCellKind kind;
  LumDocText  field;
  int         width_chars;
} CellInfo;

/* -- cells ---------------------------------------------------------------- */

/* Names may be cut short: the whole of them on hover. Asked when the
 * pointer rests, not set on each of the rows bound. */
static gboolean
on_query_tooltip_cb (GtkWidget  *widget,
                     int         x,
                     int         y,
                     gboolean    keyboard,
                     GtkTooltip *tooltip,
                     gpointer    user_data)
{
  const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (widget));

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  CellInfo                 *info)
{
  GtkWidget *child;

  switch (info->kind)
    {
    case LUM_CELL_STATUS:
    case LUM_CELL_PUSH:
    case LUM_CELL_FULFILLMENT:
      child = lum_ui_badge_new ();
      break;
    case LUM_CELL_MONEY:
    case LUM_CELL_TEXT:
    case LUM_CELL_DATE:
    default:
      /* An inscription, not a label: it is sized from its number of
       * characters, so the 200-odd rows a column view keeps alive cost no
       * text layout to measure. */
      child = gtk_inscription_new (NULL);
      gtk_inscription_set_min_chars (GTK_INSCRIPTION (child), info->width_chars);
      /* Dates and totals are as long as they are; names ask for their
       * length when bound. */
      if (info->kind == LUM_CELL_DATE || info->kind == LUM_CELL_MONEY)
        gtk_inscription_set_nat_chars (GTK_INSCRIPTION (child), info->width_chars + 1);
      else
        gtk_inscription_set_nat_chars (GTK_INSCRIPTION (child), info->width_chars * 3 / 2 + 2);
      gtk_inscription_set_text_overflow (GTK_INSCRIPTION (child), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
      gtk_inscription_set_xalign (GTK_INSCRIPTION (child), info->kind == LUM_CELL_MONEY ? 1 : 0);
      if (info->kind == LUM_CELL_MONEY)
        gtk_widget_add_css_class (child, "numeric");
      if (info->kind == LUM_CELL_TEXT && info->width_chars >= 10)
        {
          gtk_widget_set_has_tooltip (child, TRUE);
          g_signal_connect (child, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
        }
      /* the number carries a Test badge on test documents */
      if (info->kind == LUM_CELL_TEXT && info->field == LUM_DOC_NUMBER)
        {
          GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
          GtkWidget *badge = lum_ui_badge_new ();

          /* room for a test series' number, TEST-SO-000001, beside it */
          gtk_inscription_set_min_chars (GTK_INSCRIPTION (child), MAX (info->width_chars, 14));
          gtk_widget_set_hexpand (child, TRUE);
          gtk_box_append (GTK_BOX (box), child);
          lum_ui_badge_set (badge, _("Test"), "accent");
          gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
          gtk_widget_set_visible (badge, FALSE);
          gtk_box_append (GTK_BOX (box), badge);
          child = box;
        }
      break;
    }
  gtk_list_item_set_child (list_item, child);
}

/* @cell: the column view cell of the number; its parent is the row */
static void
name_row (GtkWidget   *cell,
          LumDocument *doc)
{
  GtkWidget *row = cell != NULL ? gtk_widget_get_parent (cell) : NULL;
  g_autofree char *total = lum_ui_format_money (lum_document_get_total_cents (doc));
  g_autofree char *label = NULL;
  const char *number = lum_document_get_text (doc, LUM_DOC_NUMBER);
  const char *customer = lum_document_get_text (doc, LUM_DOC_CUSTOMER_NAME);
  const char *status = lum_ui_status_label (lum_document_get_text (doc, LUM_DOC_STATUS));

  label = g_strdup_printf ("%s, %s, %s, %s%s", number ? number : "", customer ? customer : "",
                           total, status ? status : "", lum_document_get_is_test (doc) ? _(", test") : "");
  if (row == NULL)
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 CellInfo                 *info)
{
  GtkWidget *cell_child = gtk_list_item_get_child (list_item);
  GtkWidget *child = cell_child;
  LumDocument *doc = gtk_list_item_get_item (list_item);
  GtkWidget *test_badge = NULL;
  g_autofree char *text = NULL;

  if (GTK_IS_BOX (child))
    {
      test_badge = gtk_widget_get_last_child (child);
      gtk_widget_set_visible (test_badge, doc != NULL && lum_document_get_is_test (doc));
      child = gtk_widget_get_first_child (child);
    }

  /* An item the list could not read: leave the row empty. */
  if (doc == NULL)
    {
      if (GTK_IS_LABEL (child))
        lum_ui_badge_set (child, NULL, NULL);
      else
        gtk_inscription_set_text (GTK_INSCRIPTION (child), NULL);
      lum_ui_name_list_item (cell_child, NULL);
      return;
    }

  switch (info->kind)
    {
    case LUM_CELL_STATUS:
      lum_ui_badge_set_status (child, lum_document_get_text (doc, info->field), lum_ui_status_label);
      lum_ui_name_list_item (child, gtk_label_get_text (GTK_LABEL (child)));
      return;
    case LUM_CELL_PUSH:
      lum_ui_badge_set_status (child, lum_document_get_text (doc, info->field), lum_ui_push_label);
      lum_ui_name_list_item (child, gtk_label_get_text (GTK_LABEL (child)));
      return;
    case LUM_CELL_FULFILLMENT:
      lum_ui_badge_set_status (child, lum_document_get_text (doc, info->field), lum_ui_fulfillment_label);
      lum_ui_name_list_item (child, gtk_label_get_text (GTK_LABEL (child)));
      return;
    case LUM_CELL_MONEY:
      text = lum_ui_format_money (lum_document_get_total_cents (doc));
      break;
    case LUM_CELL_DATE:
      text = lum_ui_format_date (lum_document_get_text (doc, info->field));
      break;
    case LUM_CELL_TEXT:
    default:
      text = g_strdup (lum_document_get_text (doc, info->field));
      break;
    }
  gtk_inscription_set_text (GTK_INSCRIPTION (child), text);
  /* A name asks for room to show whole (counted, not laid out): the
   * columns give way for it where the window is narrow. A name's capitals
   * are wider than the font's average character: an eighth more. */
  if (info->kind == LUM_CELL_TEXT && info->field != LUM_DOC_NUMBER && info->width_chars >= 10)
    gtk_inscription_set_nat_chars (GTK_INSCRIPTION (child),
                                   MAX (info->width_chars, (int)g_utf8_strlen (text ? text : "", -1) * 9 / 8 + 2));
  /* Screen readers read the cell, and the row as the number's cell says
   * it: number, customer, total and state. */
  if (test_badge != NULL && gtk_widget_get_visible (test_badge))
    {
      g_autofree char *number = g_steal_pointer (&text);

      /* Translators: a test document's number in a list, for screen readers */
      text = g_strdup_printf (_("%s, test"), number ? number : "");
    }
  /* the cell is the parent of what the list item holds (the number's box,
   * not its inscription) */
  lum_ui_name_list_item (cell_child, text);
  if (info->kind == LUM_CELL_TEXT && info->field == LUM_DOC_NUMBER)
    name_row (gtk_widget_get_parent (cell_child), doc);
}

/**
 * lum_document_column_setup:
 * @field: the document field shown (the money cell shows the total)
 * @width_chars: the narrowest the column gets, or 0
 */
void
lum_document_column_setup (GtkColumnViewColumn *column,
                           LumCellKind          kind,
                           LumDocText           field,
                           int                  width_chars)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  CellInfo *info = g_new0 (CellInfo, 1);

  info->kind = kind;
  info->field = field;
  info->width_chars = width_chars;
  g_signal_connect_data (factory, "setup", G_CALLBACK (on_cell_setup_cb), info, (GClosureNotify)g_free, 0);
  g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), info);
  gtk_column_view_column_set_factory (column, factory);
}

/* -- sorting -------------------------------------------------------------- */

/* The list sorts in SQL; the column view's sorter only says which column
 * and which way. GTK 4.8 has no API for that, so it is asked: each
 * column's sorter records that it was consulted, and the view's sorter
 * inverts the result of a descending column. */
static int sort_probe_hit = -1;

static int
on_sort_probe_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  sort_probe_hit = GPOINTER_TO_INT (user_data);
  return GTK_ORDERING_SMALLER;
}

void
lum_document_column_set_sort (GtkColumnViewColumn *column,
                              LumDocSort           sort)
{
  g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (on_sort_probe_cb, GINT_TO_POINTER (sort), NULL));

  gtk_column_view_column_set_sorter (column, sorter);
}

/**
 * lum_document_columns_get_sort:
 *
 * Reads the column and direction the user sorts @view by.
 *
 * Returns: %FALSE when no column sorts
 */
gboolean
lum_document_columns_get_sort (GtkColumnView *view,
                               LumDocSort    *sort,
                               gboolean      *descending)
{
  static GObject *probes[2];
  GtkOrdering result;

  if (probes[0] == NULL)
    {
      probes[0] = g_object_new (G_TYPE_OBJECT, NULL);
      probes[1] = g_object_new (G_TYPE_OBJECT, NULL);
    }

  sort_probe_hit = -1;
  result = gtk_sorter_compare (gtk_column_view_get_sorter (view), probes[0], probes[1]);
  if (sort_probe_hit < 0 || result == GTK_ORDERING_EQUAL)
    return FALSE;
  *sort = (LumDocSort)sort_probe_hit;
  *descending = result == GTK_ORDERING_LARGER;
  return TRUE;
}

/* -- filters -------------------------------------------------------------- */

void
lum_filter_dropdown_setup (GtkDropDown           *dropdown,
                           const LumFilterChoice *choices,
                           guint                  n_choices)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < n_choices; i++)
    gtk_string_list_append (labels, _(choices[i].label));
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (dropdown, 0);
}

/* The value of the chosen entry; %NULL for “any”. */
const char *
lum_filter_dropdown_value (GtkDropDown           *dropdown,
                           const LumFilterChoice *choices,
                           guint                  n_choices)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  return selected < n_choices ? choices[selected].value : NULL;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include "lum-wrap-layout.h"

/*
 * LumWrapLayout: the children side by side when their minimum widths fit,
 * else one under the other, each the full width. So a line of an order
 * (SKU and product | quantity × price = total) is one row at the editor's
 * usual width and two on a phone, where a box would ask for 560 px.
 * The children that expand share what is left over their natural widths.
 */

#define SPACING 8

struct _LumWrapLayout
{
  GtkLayoutManager parent_instance;
};

G_DEFINE_FINAL_TYPE (LumWrapLayout, lum_wrap_layout, GTK_TYPE_LAYOUT_MANAGER)

static int
child_measure (GtkWidget      *child,
               GtkOrientation  orientation,
               int             for_size,
               int            *natural)
{
  int minimum = 0;

  gtk_widget_measure (child, orientation, for_size, &minimum, natural, NULL, NULL);
  return minimum;
}

/* Whether the children fit side by side in @width. */
static gboolean
fits_in_line (GtkWidget *widget,
              int        width)
{
  int total = 0;
  int n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child))
      {
        total += child_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL);
        n++;
      }
  return total + MAX (0, n - 1) * SPACING <= width;
}

static GtkSizeRequestMode
lum_wrap_layout_get_request_mode (GtkLayoutManager *manager,
                                  GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
lum_wrap_layout_measure (GtkLayoutManager *manager,
                         GtkWidget        *widget,
                         GtkOrientation    orientation,
                         int               for_size,
                         int              *minimum,
                         int              *natural,
                         int              *minimum_baseline,
                         int              *natural_baseline)
{
  gboolean in_line = orientation == GTK_ORIENTATION_VERTICAL && (for_size < 0 || fits_in_line (widget, for_size));
  int n = 0;

  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat;

      if (!gtk_widget_should_layout (child))
        continue;
      child_min = child_measure (child, orientation, orientation == GTK_ORIENTATION_VERTICAL && !in_line
                                 ? for_size : -1, &child_nat);
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          /* Narrowest: one under the other; natural: side by side. */
          *minimum = MAX (*minimum, child_min);
          *natural += child_nat + (n > 0 ? SPACING : 0);
        }
      else if (in_line)
        {
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
      else
        {
          *minimum += child_min + (n > 0 ? SPACING : 0);
          *natural += child_nat + (n > 0 ? SPACING : 0);
        }
      n++;
    }
}

static void
lum_wrap_layout_allocate (GtkLayoutManager *manager,
                          GtkWidget        *widget,
                          int               width,
                          int               height,
                          int               baseline)
{
  gboolean in_line = fits_in_line (widget, width);
  int total_min = 0, total_nat = 0, n = 0, n_expand = 0;
  int x = 0, y = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child))
      {
        int nat;

        total_min += child_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &nat);
        total_nat += nat;
        n_expand += gtk_widget_compute_expand (child, GTK_ORIENTATION_HORIZONTAL);
        n++;
      }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat, child_width, child_height;

      if (!gtk_widget_should_layout (child))
        continue;
      child_min = child_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_nat);
      if (!in_line)
        {
          child_width = width;
          child_height = child_measure (child, GTK_ORIENTATION_VERTICAL, width, NULL);
          gtk_widget_size_allocate (child, &(GtkAllocation) { 0, y, child_width, child_height }, -1);
          y += child_height + SPACING;
          continue;
        }

      {
        int room = width - (n - 1) * SPACING;

        /* Between the minimum and natural widths in proportion, then the
         * rest to the children that expand. */
        if (room >= total_nat)
          child_width = child_nat + (gtk_widget_compute_expand (child, GTK_ORIENTATION_HORIZONTAL) && n_expand > 0
                                     ? (room - total_nat) / n_expand : 0);
        else
          child_width = child_min + (total_nat > total_min
                                     ? (int)((gint64)(room - total_min) * (child_nat - child_min) / (total_nat - total_min))
                                     : 0);
        gtk_widget_size_allocate (child, &(GtkAllocation) { x, 0, child_width, height }, -1);
        x += child_width + SPACING;
      }
    }
}

static void
lum_wrap_layout_class_init (LumWrapLayoutClass *klass)
{
  GtkLayoutManagerClass *manager_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  manager_class->get_request_mode = lum_wrap_layout_get_request_mode;
  manager_class->measure = lum_wrap_layout_measure;
  manager_class->allocate = lum_wrap_layout_allocate;
}

static void
lum_wrap_layout_init (LumWrapLayout *self)
{
}

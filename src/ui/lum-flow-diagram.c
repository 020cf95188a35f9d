/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "lum-flow-diagram.h"
#include "model/lum-test-step.h"
#include "model/lum-channel.h"

/*
 * LumFlowDiagram: a channel's flow drawn as boxes and arrows, in at most
 * three columns and two rows so that it fits the editor: the second row
 * runs back under the first where the flow continues there.
 *
 *   so-first:       Sales Order ──▶ OMS store ──▶ Shipment
 *                        │ (on creation)              │ (on shipment)
 *                        ▼                            ▼
 *                     Invoice ──▶ QuickBooks ◀──── Invoice
 *
 *   invoice-first:  Invoice ──▶ Sales Order ──▶ OMS store
 *                      ▼                            ▼
 *                   QuickBooks                  Shipment
 *
 * Colours come from the style (light or dark); a channel test marks each
 * box with the worst state of its steps.
 */

#define NODE_HEIGHT  66
#define ROW_GAP      40
#define PADDING      12
#define GAP          44    /* between boxes */
#define WIDE_GAP     0.26  /* of the width, for the arrow into the OMS */
#define MAX_NODE     200
#define ARROW_HEAD   7
#define MAX_COLS     3
/* Narrower than this, the boxes stack in one column in the order of the
 * flow (three columns would leave a box too small for “Invoice”); arrows
 * that skip a box run down a lane on the left. */
#define STACK_WIDTH  480
#define STACK_GAP    44
#define LANE         22

typedef enum
{
  NODE_ORDER,
  NODE_OMS,
  NODE_SHIPMENT,
  NODE_INVOICE,
  NODE_ACCOUNTING,
  N_NODES
} NodeId;

static const char * const node_names[N_NODES] = {
  "order", "oms", "shipment", "invoice", "accounting",
};

typedef enum
{
  MARK_NONE,
  MARK_SKIPPED,
  MARK_OK,
  MARK_RUNNING,
  MARK_FAILED,
} Mark;

typedef struct
{
  gboolean  visible;
  gboolean  dim;
  int       col;
  int       row;
  int       seq;      /* place in the flow, the row when stacked */
  char     *title;
  char     *subtitle;
  Mark      mark;
} Node;

typedef struct
{
  NodeId  from;
  NodeId  to;
  char   *label;
} Edge;

struct _LumFlowDiagram
{
  GtkWidget  parent_instance;

  LumChannel *channel;
  GListModel *steps;
  Node        nodes[N_NODES];
  int         n_shown;
  GArray     *edges;
  char       *description;
};

G_DEFINE_FINAL_TYPE (LumFlowDiagram, lum_flow_diagram, GTK_TYPE_WIDGET)

/* -- the model of the drawing --------------------------------------------- */

static void
edge_clear (gpointer data)
{
  Edge *edge = data;

  g_clear_pointer (&edge->label, g_free);
}

static void
set_node (LumFlowDiagram *self,
          NodeId          id,
          int             col,
          int             row,
          const char     *title,
          const char     *subtitle)
{
  Node *node = &self->nodes[id];

  node->visible = TRUE;
  node->dim = FALSE;
  node->col = col;
  node->row = row;
  node->seq = self->n_shown++;
  g_free (node->title);
  node->title = g_strdup (title);
  g_free (node->subtitle);
  node->subtitle = g_strdup (subtitle);
}

static void
add_edge (LumFlowDiagram *self,
          NodeId          from,
          NodeId          to,
          char           *label)
{
  Edge edge = { from, to, label };

  g_array_append_val (self->edges, edge);
}

static char *
dup_delay_text (LumChannel *channel)
{
  int minutes = lum_channel_get_push_delay_minutes (channel);

  if (minutes == LUM_PUSH_DELAY_IMMEDIATE || minutes == 0)
    return g_strdup (_("immediately"));
  if (minutes % 60 == 0 && minutes >= 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "after %d hour", "after %d hours", minutes / 60),
                            minutes / 60);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "after %d min", "after %d min", minutes), minutes);
}

static char *
dup_mapped_paths (LumChannel *channel,
                  const char *separator)
{
  GListModel *mappings = lum_channel_get_mappings (channel);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (mappings); i++)
    {
      g_autoptr(LumFieldMapping) m = g_list_model_get_item (mappings, i);
      const char *remote = lum_field_mapping_get_remote_field (m);

      if (remote != NULL && *remote != '\0')
        g_strv_builder_add (builder, remote);
    }
  paths = g_strv_builder_end (builder);
  return paths[0] != NULL ? g_strjoinv (separator, paths) : NULL;
}

static char *
dup_store_text (LumChannel *channel)
{
  const char *id = lum_channel_get_oms_store_id (channel);
  const char *name = lum_channel_get_oms_store_name (channel);

  if (name != NULL && *name != '\0')
    return g_strdup (name);
  if (id != NULL && *id != '\0')
    /* Translators: a store of the OMS known only by its id */
    return g_strdup_printf (_("Store %s"), id);
  return g_strdup (_("No store chosen"));
}

static const char *
or_default (const char *text,
            const char *fallback)
{
  return text != NULL && *text != '\0' ? text : fallback;
}

static void
build_description (LumFlowDiagram *self);

static void
build (LumFlowDiagram *self)
{
  LumChannel *c = self->channel;
  gboolean invoice_first, push, on_shipment, updates;
  g_autofree char *store = NULL;
  const char *oms, *accounting;
  g_autofree char *invoice_subtitle = NULL;

  for (guint i = 0; i < N_NODES; i++)
    self->nodes[i].visible = FALSE;
  self->n_shown = 0;
  g_array_set_size (self->edges, 0);
  if (c == NULL)
    return;

  invoice_first = lum_channel_get_order_flow (c) == LUM_ORDER_FLOW_INVOICE_FIRST;
  push = lum_channel_get_push_to_oms (c);
  on_shipment = !invoice_first && lum_channel_get_invoice_timing (c) == LUM_INVOICE_TIMING_SHIPMENT_CREATED;
  updates = lum_channel_get_push_fulfillment_updates (c);
  store = dup_store_text (c);
  oms = or_default (lum_channel_get_oms_integration_name (c), _("OMS"));
  accounting = lum_channel_get_accounting_integration_id (c) != 0
               ? or_default (lum_channel_get_accounting_integration_name (c), _("QuickBooks Online"))
               : NULL;
  invoice_subtitle = g_strdup (or_default (lum_channel_get_invoice_type_name (c), _("Invoice")));

  if (!invoice_first)
    {
      set_node (self, NODE_ORDER, 0, 0, _("Sales Order"), _("Posted in Lumen"));
      if (push)
        {
          set_node (self, NODE_OMS, 1, 0, oms, store);
          add_edge (self, NODE_ORDER, NODE_OMS, dup_delay_text (c));
          set_node (self, NODE_SHIPMENT, 2, 0, _("Shipment"),
                    updates ? _("Tracking comes back") : _("Recorded by hand"));
          self->nodes[NODE_SHIPMENT].dim = !updates;
          add_edge (self, NODE_OMS, NODE_SHIPMENT, NULL);
        }
      if (on_shipment && push)
        {
          set_node (self, NODE_INVOICE, 2, 1, _("Invoice"), invoice_subtitle);
          add_edge (self, NODE_SHIPMENT, NODE_INVOICE, g_strdup (_("on shipment")));
          if (accounting != NULL)
            {
              set_node (self, NODE_ACCOUNTING, 1, 1, accounting, _("Accounting"));
              add_edge (self, NODE_INVOICE, NODE_ACCOUNTING, NULL);
            }
        }
      else
        {
          set_node (self, NODE_INVOICE, 0, 1, _("Invoice"), invoice_subtitle);
          add_edge (self, NODE_ORDER, NODE_INVOICE, g_strdup (on_shipment ? _("on shipment") : _("with the order")));
          if (accounting != NULL)
            {
              set_node (self, NODE_ACCOUNTING, 1, 1, accounting, _("Accounting"));
              add_edge (self, NODE_INVOICE, NODE_ACCOUNTING, NULL);
            }
        }
    }
  else
    {
      set_node (self, NODE_INVOICE, 0, 0, _("Invoice"), invoice_subtitle);
      set_node (self, NODE_ORDER, 1, 0, _("Sales Order"), _("Generated"));
      add_edge (self, NODE_INVOICE, NODE_ORDER, NULL);
      if (push)
        {
          set_node (self, NODE_OMS, 2, 0, oms, store);
          add_edge (self, NODE_ORDER, NODE_OMS, dup_delay_text (c));
          set_node (self, NODE_SHIPMENT, 2, 1, _("Shipment"),
                    updates ? _("Tracking comes back") : _("Recorded by hand"));
          self->nodes[NODE_SHIPMENT].dim = !updates;
          add_edge (self, NODE_OMS, NODE_SHIPMENT, NULL);
        }
      if (accounting != NULL)
        {
          set_node (self, NODE_ACCOUNTING, 0, 1, accounting, _("Accounting"));
          add_edge (self, NODE_INVOICE, NODE_ACCOUNTING, NULL);
        }
    }
}

/* -- test marks ------------------------------------------------------------ */

static NodeId
node_of_step (LumFlowDiagram *self,
              const char     *name)
{
  gboolean invoice_first = self->channel != NULL &&
                           lum_channel_get_order_flow (self->channel) == LUM_ORDER_FLOW_INVOICE_FIRST;

  if (g_str_equal (name, "document"))
    return invoice_first ? NODE_INVOICE : NODE_ORDER;
  if (g_str_equal (name, "sales-order"))
    return NODE_ORDER;
  if (g_str_equal (name, "invoice") || g_str_equal (name, "invoice-on-shipment"))
    return NODE_INVOICE;
  if (g_str_equal (name, "push-scheduled") || g_str_equal (name, "pushed") || g_str_equal (name, "cleanup"))
    return NODE_OMS;
  if (g_str_equal (name, "shipment") || g_str_equal (name, "tracking"))
    return NODE_SHIPMENT;
  if (g_str_equal (name, "accounting"))
    return NODE_ACCOUNTING;
  return N_NODES;
}

static void
update_marks (LumFlowDiagram *self)
{
  guint n_ok[N_NODES] = { 0 }, n_failed[N_NODES] = { 0 }, n_running[N_NODES] = { 0 };
  guint n_pending[N_NODES] = { 0 }, n_skipped[N_NODES] = { 0 };
  guint n = self->steps != NULL ? g_list_model_get_n_items (self->steps) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LumTestStep) step = g_list_model_get_item (self->steps, i);
      NodeId id = node_of_step (self, lum_test_step_get_name (step));
      const char *state = lum_test_step_get_state (step);

      if (id == N_NODES)
        continue;
      if (g_strcmp0 (state, LUM_TEST_STEP_OK) == 0)
        n_ok[id]++;
      else if (g_strcmp0 (state, LUM_TEST_STEP_FAILED) == 0)
        n_failed[id]++;
      else if (g_strcmp0 (state, LUM_TEST_STEP_RUNNING) == 0)
        n_running[id]++;
      else if (g_strcmp0 (state, LUM_TEST_STEP_SKIPPED) == 0)
        n_skipped[id]++;
      else
        n_pending[id]++;
    }

  for (guint i = 0; i < N_NODES; i++)
    {
      Node *node = &self->nodes[i];

      if (n_failed[i] > 0)
        node->mark = MARK_FAILED;
      else if (n_running[i] > 0 || (n_ok[i] > 0 && n_pending[i] > 0))
        node->mark = MARK_RUNNING;
      else if (n_ok[i] > 0)
        node->mark = MARK_OK;
      else if (n_skipped[i] > 0 && n_pending[i] == 0)
        node->mark = MARK_SKIPPED;
      else
        node->mark = MARK_NONE;
    }
}

/* -- the description in words --------------------------------------------- */

static const char *
mark_to_state (Mark mark)
{
  switch (mark)
    {
    case MARK_OK:
      return LUM_TEST_STEP_OK;
    case MARK_FAILED:
      return LUM_TEST_STEP_FAILED;
    case MARK_RUNNING:
      return LUM_TEST_STEP_RUNNING;
    case MARK_SKIPPED:
      return LUM_TEST_STEP_SKIPPED;
    case MARK_NONE:
    default:
      return NULL;
    }
}

static void
build_description (LumFlowDiagram *self)
{
  LumChannel *c = self->channel;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *delay = NULL;
  g_autofree char *store = NULL;
  g_autofree char *mapped = NULL;
  gboolean invoice_first, push;
  const char *oms;

  g_clear_pointer (&self->description, g_free);
  if (c == NULL)
    {
      self->description = g_strdup ("");
      return;
    }

  invoice_first = lum_channel_get_order_flow (c) == LUM_ORDER_FLOW_INVOICE_FIRST;
  push = lum_channel_get_push_to_oms (c);
  delay = dup_delay_text (c);
  store = dup_store_text (c);
  mapped = dup_mapped_paths (c, ", ");
  oms = or_default (lum_channel_get_oms_integration_name (c), _("the order management system"));

  if (invoice_first)
    g_string_append (text, _("Invoices created in this channel generate a sales order."));
  else
    g_string_append (text, _("Sales orders are posted in Lumen."));

  if (push)
    {
      g_string_append_c (text, ' ');
      /* Translators: “The sales order is pushed to Sandbox ShipStation, Wholesale, after 15 min.” */
      g_string_append_printf (text, _("The sales order is pushed to %s, %s, %s."), oms, store, delay);
      if (mapped != NULL)
        {
          g_string_append_c (text, ' ');
          g_string_append_printf (text, _("Mapped fields: %s."), mapped);
        }
      g_string_append_c (text, ' ');
      g_string_append (text, lum_channel_get_push_fulfillment_updates (c)
                             ? _("Shipments and tracking numbers come back from the OMS.")
                             : _("Shipments are recorded by hand."));
    }
  else
    {
      g_string_append_c (text, ' ');
      g_string_append (text, _("Sales orders are not pushed to an order management system."));
    }

  if (!invoice_first)
    {
      g_string_append_c (text, ' ');
      g_string_append (text, lum_channel_get_invoice_timing (c) == LUM_INVOICE_TIMING_SHIPMENT_CREATED
                             ? _("The invoice is created when a shipment is recorded.")
                             : _("The invoice is created with the sales order."));
    }
  g_string_append_c (text, ' ');
  if (lum_channel_get_accounting_integration_id (c) != 0)
    g_string_append_printf (text, _("Invoices are pushed to %s."),
                            or_default (lum_channel_get_accounting_integration_name (c), _("QuickBooks Online")));
  else
    g_string_append (text, _("Invoices are not sent to an accounting system."));

  if (self->steps != NULL)
    {
      gboolean any = FALSE, failed = FALSE, running = FALSE;

      for (guint i = 0; i < N_NODES; i++)
        {
          any |= self->nodes[i].mark != MARK_NONE;
          failed |= self->nodes[i].mark == MARK_FAILED;
          running |= self->nodes[i].mark == MARK_RUNNING;
        }
      if (any)
        {
          g_string_append_c (text, ' ');
          g_string_append (text, failed ? _("The last test failed.")
                                 : running ? _("A test is running.")
                                 : _("The last test passed."));
        }
    }

  self->description = g_string_free (g_steal_pointer (&text), FALSE);
}

static void
refresh (LumFlowDiagram *self)
{
  build (self);
  update_marks (self);
  build_description (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                  -1);
  /* Stacked, the height follows the number of boxes. */
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* -- drawing -------------------------------------------------------------- */

typedef struct
{
  GdkRGBA fg;
  GdkRGBA card;
  GdkRGBA border;
  GdkRGBA accent;
  GdkRGBA success;
  GdkRGBA error;
} Palette;

static void
lookup (GtkStyleContext *context,
        const char      *name,
        const char      *fallback,
        GdkRGBA         *color)
{
  if (!gtk_style_context_lookup_color (context, name, color))
    gdk_rgba_parse (color, fallback);
}

static void
get_palette (LumFlowDiagram *self,
             Palette        *p)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  gtk_style_context_get_color (context, &p->fg);
  lookup (context, "card_bg_color", "#ffffff", &p->card);
  lookup (context, "accent_color", "#1c71d8", &p->accent);
  lookup (context, "success_color", "#26a269", &p->success);
  lookup (context, "error_color", "#c01c28", &p->error);
  p->border = p->fg;
  p->border.alpha *= 0.18;
}

typedef struct
{
  int   n_cols;
  int   n_rows;
  float node_w;
  gboolean stacked;
  float gaps[MAX_COLS];
  float x[MAX_COLS];
} Layout;

/* The arrow into the OMS carries the delay and the mapped fields: its gap
 * is wide, the others just hold an arrow. */
static int
wide_boundary (LumFlowDiagram *self)
{
  for (guint i = 0; i < self->edges->len; i++)
    {
      const Edge *edge = &g_array_index (self->edges, Edge, i);
      const Node *from = &self->nodes[edge->from];
      const Node *to = &self->nodes[edge->to];

      if (edge->to == NODE_OMS && from->row == to->row)
        return MIN (from->col, to->col);
    }
  return -1;
}

static void
compute_layout (LumFlowDiagram *self,
                int             width,
                Layout         *l)
{
  float available, total;
  int wide;

  l->n_cols = 1;
  l->n_rows = 1;
  for (guint i = 0; i < N_NODES; i++)
    if (self->nodes[i].visible)
      {
        l->n_cols = MIN (MAX (l->n_cols, self->nodes[i].col + 1), MAX_COLS);
        l->n_rows = MAX (l->n_rows, self->nodes[i].row + 1);
      }

  available = width - 2 * PADDING;
  l->stacked = width < STACK_WIDTH;
  if (l->stacked)
    {
      l->node_w = MIN (MAX_NODE, available - LANE);
      l->x[0] = PADDING + LANE;
      return;
    }
  wide = wide_boundary (self);
  total = 0;
  for (int b = 0; b < l->n_cols - 1; b++)
    {
      l->gaps[b] = b == wide ? MAX (GAP * 2, available * WIDE_GAP) : GAP;
      total += l->gaps[b];
    }
  l->node_w = MIN (MAX_NODE, (available - total) / l->n_cols);
  total += l->node_w * l->n_cols;

  l->x[0] = (width - total) / 2;
  for (int c = 1; c < l->n_cols; c++)
    l->x[c] = l->x[c - 1] + l->node_w + l->gaps[c - 1];
}

static graphene_rect_t
node_rect (const Layout *l,
           const Node   *node)
{
  graphene_rect_t r;

  if (l->stacked)
    return *graphene_rect_init (&r, l->x[0], PADDING + node->seq * (NODE_HEIGHT + STACK_GAP),
                                l->node_w, NODE_HEIGHT);
  graphene_rect_init (&r, l->x[MIN (node->col, MAX_COLS - 1)],
                      PADDING + node->row * (NODE_HEIGHT + ROW_GAP),
                      l->node_w, NODE_HEIGHT);
  return r;
}

static PangoLayout *
make_layout (LumFlowDiagram *self,
             const char     *text,
             int             width,
             gboolean        bold,
             gboolean        small,
             int             lines)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  if (small)
    pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_width (layout, MAX (1, width) * PANGO_SCALE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (layout, -lines);
  return layout;
}

static void
draw_text (GtkSnapshot   *snapshot,
           PangoLayout   *layout,
           float          x,
           float          y,
           const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
draw_badge (GtkSnapshot   *snapshot,
            const graphene_rect_t *r,
            Mark           mark,
            const Palette *p)
{
  graphene_rect_t dot;
  GskRoundedRect rounded;
  const GdkRGBA *color = mark == MARK_OK ? &p->success : mark == MARK_FAILED ? &p->error : &p->accent;
  cairo_t *cr;

  graphene_rect_init (&dot, r->origin.x + r->size.width - 9, r->origin.y - 7, 16, 16);
  gsk_rounded_rect_init_from_rect (&rounded, &dot, 8);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, color, &dot);
  gtk_snapshot_pop (snapshot);

  /* The mark inside: a tick, a cross or three dots. */
  cr = gtk_snapshot_append_cairo (snapshot, &dot);
  cairo_set_source_rgba (cr, 1, 1, 1, 1);
  cairo_set_line_width (cr, 2);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_translate (cr, dot.origin.x, dot.origin.y);
  if (mark == MARK_OK)
    {
      cairo_move_to (cr, 4.5, 8.5);
      cairo_line_to (cr, 7, 11);
      cairo_line_to (cr, 11.5, 5.5);
      cairo_stroke (cr);
    }
  else if (mark == MARK_FAILED)
    {
      cairo_move_to (cr, 5, 5);
      cairo_line_to (cr, 11, 11);
      cairo_move_to (cr, 11, 5);
      cairo_line_to (cr, 5, 11);
      cairo_stroke (cr);
    }
  else
    {
      for (int i = 0; i < 3; i++)
        cairo_arc (cr, 4.5 + i * 3.5, 8, 1.1, 0, 2 * G_PI), cairo_fill (cr);
    }
  cairo_destroy (cr);
}

static void
draw_node (LumFlowDiagram *self,
           GtkSnapshot    *snapshot,
           const Layout   *l,
           const Node     *node,
           const Palette  *p)
{
  graphene_rect_t r = node_rect (l, node);
  GskRoundedRect rounded;
  GdkRGBA border = p->border;
  GdkRGBA fg = p->fg;
  GdkRGBA dim = p->fg;
  GdkRGBA fill = p->card;
  float widths[4] = { 1, 1, 1, 1 };
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) subtitle = NULL;
  int text_w = (int)r.size.width - 16;
  int title_h, subtitle_h;

  if (node->mark == MARK_OK || node->mark == MARK_FAILED || node->mark == MARK_RUNNING)
    {
      border = node->mark == MARK_OK ? p->success : node->mark == MARK_FAILED ? p->error : p->accent;
      widths[0] = widths[1] = widths[2] = widths[3] = 2;
      fill = border;
      fill.alpha = 0.1f;
    }
  if (node->dim || node->mark == MARK_SKIPPED)
    {
      fg.alpha *= 0.55f;
      border.alpha *= 0.6f;
    }
  dim.alpha = fg.alpha * 0.7f;

  gsk_rounded_rect_init_from_rect (&rounded, &r, 10);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, &p->card, &r);
  if (fill.alpha < 1)
    gtk_snapshot_append_color (snapshot, &fill, &r);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &rounded, widths,
                              (GdkRGBA[4]) { border, border, border, border });

  /* Two lines between them: a long name, or a long subtitle. */
  title = make_layout (self, node->title, text_w, TRUE, FALSE, 2);
  subtitle = make_layout (self, node->subtitle, text_w, FALSE, TRUE,
                          pango_layout_get_line_count (title) > 1 ? 1 : 2);
  pango_layout_get_pixel_size (title, NULL, &title_h);
  pango_layout_get_pixel_size (subtitle, NULL, &subtitle_h);
  {
    float top = r.origin.y + (r.size.height - title_h - subtitle_h - 2) / 2;

    draw_text (snapshot, title, r.origin.x + 8, top, &fg);
    draw_text (snapshot, subtitle, r.origin.x + 8, top + title_h + 2, &dim);
  }

  if (node->mark == MARK_OK || node->mark == MARK_FAILED || node->mark == MARK_RUNNING)
    draw_badge (snapshot, &r, node->mark, p);
}

static void
draw_edge (LumFlowDiagram  *self,
           GtkSnapshot     *snapshot,
           cairo_t         *cr,
           const Layout    *l,
           const Edge      *edge,
           const Palette   *p)
{
  graphene_rect_t a = node_rect (l, &self->nodes[edge->from]);
  graphene_rect_t b = node_rect (l, &self->nodes[edge->to]);
  double x1, y1, x2, y2, dx, dy, len;
  GdkRGBA label_color = p->fg;

  if (self->nodes[edge->from].row == self->nodes[edge->to].row)
    {
      gboolean rightwards = b.origin.x > a.origin.x;

      y1 = y2 = a.origin.y + a.size.height / 2;
      x1 = rightwards ? a.origin.x + a.size.width + 4 : a.origin.x - 4;
      x2 = rightwards ? b.origin.x - 5 : b.origin.x + b.size.width + 5;
    }
  else
    {
      x1 = x2 = a.origin.x + a.size.width / 2;
      y1 = a.origin.y + a.size.height + 4;
      y2 = b.origin.y - 5;
    }

  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x2, y2);
  cairo_stroke (cr);
  dx = x2 - x1;
  dy = y2 - y1;
  len = sqrt (dx * dx + dy * dy);
  if (len > 0)
    {
      dx /= len;
      dy /= len;
      cairo_move_to (cr, x2 + dx * 2, y2 + dy * 2);
      cairo_line_to (cr, x2 - dx * ARROW_HEAD - dy * ARROW_HEAD * 0.6, y2 - dy * ARROW_HEAD + dx * ARROW_HEAD * 0.6);
      cairo_line_to (cr, x2 - dx * ARROW_HEAD + dy * ARROW_HEAD * 0.6, y2 - dy * ARROW_HEAD - dx * ARROW_HEAD * 0.6);
      cairo_close_path (cr);
      cairo_fill (cr);
    }

  label_color.alpha *= 0.75f;
  if (edge->label != NULL)
    {
      gboolean horizontal = y1 == y2;
      const Node *from = &self->nodes[edge->from];
      /* Beside a vertical arrow, on the side with room: the left one in the
       * last column, where the gap to the next box is. */
      gboolean left = !horizontal && from->col == l->n_cols - 1 && l->n_cols > 1;
      float room = !horizontal && from->col < l->n_cols - 1 ? l->gaps[from->col] : left ? l->gaps[from->col - 1] : 0;
      int width = horizontal ? (int)fabs (x2 - x1) : (int)(l->node_w / 2 + room) - 12;
      g_autoptr(PangoLayout) label = make_layout (self, edge->label, width, FALSE, TRUE, 2);
      int w, h;

      if (horizontal)
        {
          pango_layout_get_pixel_size (label, &w, &h);
          draw_text (snapshot, label, MIN (x1, x2) + (fabs (x2 - x1) - width) / 2, y1 - h - 3, &label_color);
        }
      else
        {
          pango_layout_set_alignment (label, left ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
          pango_layout_get_pixel_size (label, &w, &h);
          draw_text (snapshot, label, left ? x1 - 8 - width : x1 + 8, (y1 + y2 - h) / 2, &label_color);
        }
    }

  /* The mapped fields ride on the arrow into the OMS. */
  if (edge->to == NODE_OMS && self->channel != NULL)
    {
      g_autofree char *mapped = dup_mapped_paths (self->channel, "\n");

      if (mapped != NULL)
        {
          int width = (int)fabs (x2 - x1) + 4;
          g_autoptr(PangoLayout) fields = make_layout (self, mapped, width, FALSE, TRUE, 3);
          PangoAttrList *attrs = pango_attr_list_copy (pango_layout_get_attributes (fields));
          GdkRGBA accent = p->accent;

          pango_attr_list_insert (attrs, pango_attr_family_new ("monospace"));
          pango_layout_set_attributes (fields, attrs);
          pango_attr_list_unref (attrs);
          draw_text (snapshot, fields, MIN (x1, x2) + (fabs (x2 - x1) - width) / 2, y1 + 5, &accent);
        }
    }
}

static void
draw_arrow_head (cairo_t *cr,
                 double   x1,
                 double   y1,
                 double   x2,
                 double   y2)
{
  double dx = x2 - x1, dy = y2 - y1;
  double len = sqrt (dx * dx + dy * dy);

  if (len <= 0)
    return;
  dx /= len;
  dy /= len;
  cairo_move_to (cr, x2 + dx * 2, y2 + dy * 2);
  cairo_line_to (cr, x2 - dx * ARROW_HEAD - dy * ARROW_HEAD * 0.6, y2 - dy * ARROW_HEAD + dx * ARROW_HEAD * 0.6);
  cairo_line_to (cr, x2 - dx * ARROW_HEAD + dy * ARROW_HEAD * 0.6, y2 - dy * ARROW_HEAD - dx * ARROW_HEAD * 0.6);
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* One column: an arrow to the next box goes straight down with its words
 * on its right; one that skips boxes runs down the lane on the left, its
 * words left of the arrow into the box it reaches. */
static void
draw_stacked_edge (LumFlowDiagram *self,
                   GtkSnapshot    *snapshot,
                   cairo_t        *cr,
                   const Layout   *l,
                   const Edge     *edge,
                   const Palette  *p)
{
  graphene_rect_t a = node_rect (l, &self->nodes[edge->from]);
  graphene_rect_t b = node_rect (l, &self->nodes[edge->to]);
  gboolean next = self->nodes[edge->to].seq == self->nodes[edge->from].seq + 1;
  double center = a.origin.x + a.size.width / 2;
  g_autofree char *text = NULL;
  GdkRGBA label_color = p->fg;
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  label_color.alpha *= 0.75f;
  if (next)
    {
      double y1 = a.origin.y + a.size.height + 4, y2 = b.origin.y - 5;

      cairo_move_to (cr, center, y1);
      cairo_line_to (cr, center, y2);
      cairo_stroke (cr);
      draw_arrow_head (cr, center, y1, center, y2);
    }
  else
    {
      double lane = l->x[0] - LANE / 2.0;
      double ya = a.origin.y + a.size.height / 2, yb = b.origin.y + b.size.height / 2;

      cairo_move_to (cr, a.origin.x - 4, ya);
      cairo_line_to (cr, lane, ya);
      cairo_line_to (cr, lane, yb);
      cairo_line_to (cr, b.origin.x - 5, yb);
      cairo_stroke (cr);
      draw_arrow_head (cr, lane, yb, b.origin.x - 5, yb);
    }

  /* The delay and the mapped fields of the push, or when the invoice is made. */
  if (edge->to == NODE_OMS && self->channel != NULL)
    {
      g_autofree char *mapped = dup_mapped_paths (self->channel, ", ");

      text = edge->label != NULL && mapped != NULL ? g_strdup_printf ("%s\n%s", edge->label, mapped)
             : g_strdup (edge->label != NULL ? edge->label : mapped);
    }
  else
    {
      text = g_strdup (edge->label);
    }
  if (text != NULL)
    {
      int room = next ? width - PADDING - (int)center - 8 : (int)(a.size.width / 2) - 12;
      g_autoptr(PangoLayout) label = make_layout (self, text, room, FALSE, TRUE, 3);
      double top = b.origin.y - STACK_GAP;
      int w, h;

      pango_layout_set_alignment (label, next ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
      pango_layout_get_pixel_size (label, &w, &h);
      draw_text (snapshot, label, next ? center + 8 : b.origin.x + 4, top + (STACK_GAP - h) / 2, &label_color);
    }
}

static void
lum_flow_diagram_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  LumFlowDiagram *self = LUM_FLOW_DIAGRAM (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  Palette p;
  Layout l;
  GdkRGBA line;
  cairo_t *cr;

  if (self->channel == NULL || width <= 0 || height <= 0)
    return;

  get_palette (self, &p);
  compute_layout (self, width, &l);
  line = p.fg;
  line.alpha *= 0.55f;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_cairo_set_source_rgba (cr, &line);
  cairo_set_line_width (cr, 1.5);
  for (guint i = 0; i < self->edges->len; i++)
    {
      const Edge *edge = &g_array_index (self->edges, Edge, i);

      if (!self->nodes[edge->from].visible || !self->nodes[edge->to].visible)
        continue;
      if (l.stacked)
        draw_stacked_edge (self, snapshot, cr, &l, edge, &p);
      else
        draw_edge (self, snapshot, cr, &l, edge, &p);
    }
  cairo_destroy (cr);

  for (guint i = 0; i < N_NODES; i++)
    if (self->nodes[i].visible)
      draw_node (self, snapshot, &l, &self->nodes[i], &p);
}

static void
lum_flow_diagram_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  LumFlowDiagram *self = LUM_FLOW_DIAGRAM (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 2 * PADDING + LANE + 160;
      *natural = 560;
    }
  else if (for_size >= 0 && for_size < STACK_WIDTH)
    {
      int n = MAX (1, self->n_shown);

      *minimum = *natural = 2 * PADDING + n * NODE_HEIGHT + (n - 1) * STACK_GAP + 8;
    }
  else
    {
      *minimum = *natural = 2 * PADDING + 2 * NODE_HEIGHT + ROW_GAP + 8;
    }
}

static GtkSizeRequestMode
lum_flow_diagram_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
lum_flow_diagram_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (lum_flow_diagram_parent_class)->css_changed (widget, change);
  /* Light to dark, or another accent: the colours are read when drawing. */
  gtk_widget_queue_draw (widget);
}

static void
lum_flow_diagram_finalize (GObject *object)
{
  LumFlowDiagram *self = (LumFlowDiagram *)object;

  for (guint i = 0; i < N_NODES; i++)
    {
      g_clear_pointer (&self->nodes[i].title, g_free);
      g_clear_pointer (&self->nodes[i].subtitle, g_free);
    }
  g_clear_pointer (&self->edges, g_array_unref);
  g_clear_pointer (&self->description, g_free);
  g_clear_object (&self->channel);

  G_OBJECT_CLASS (lum_flow_diagram_parent_class)->finalize (object);
}

static void
lum_flow_diagram_dispose (GObject *object)
{
  LumFlowDiagram *self = (LumFlowDiagram *)object;

  if (self->steps != NULL)
    g_signal_handlers_disconnect_by_data (self->steps, self);
  g_clear_object (&self->steps);

  G_OBJECT_CLASS (lum_flow_diagram_parent_class)->dispose (object);
}

static void
lum_flow_diagram_class_init (LumFlowDiagramClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lum_flow_diagram_dispose;
  object_class->finalize = lum_flow_diagram_finalize;

  widget_class->snapshot = lum_flow_diagram_snapshot;
  widget_class->measure = lum_flow_diagram_measure;
  widget_class->get_request_mode = lum_flow_diagram_get_request_mode;
  widget_class->css_changed = lum_flow_diagram_css_changed;

  gtk_widget_class_set_css_name (widget_class, "lum-flow-diagram");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lum_flow_diagram_init (LumFlowDiagram *self)
{
  self->edges = g_array_new (FALSE, TRUE, sizeof (Edge));
  g_array_set_clear_func (self->edges, edge_clear);
  self->description = g_strdup ("");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Flow Diagram"),
                                  -1);
}

GtkWidget *
lum_flow_diagram_new (void)
{
  return g_object_new (LUM_TYPE_FLOW_DIAGRAM, NULL);
}

/**
 * lum_flow_diagram_set_channel:
 * @channel: (nullable): the configuration to draw; its integration names
 *   label the boxes
 *
 * Draws @channel (a copy is kept); the marks of a test stay.
 */
void
lum_flow_diagram_set_channel (LumFlowDiagram *self,
                              LumChannel     *channel)
{
  g_return_if_fail (LUM_IS_FLOW_DIAGRAM (self));

  g_clear_object (&self->channel);
  if (channel != NULL)
    self->channel = lum_channel_copy (channel);
  refresh (self);
}

static void
on_steps_changed_cb (LumFlowDiagram *self)
{
  refresh (self);
}

/**
 * lum_flow_diagram_set_steps:
 * @steps: (nullable): the #LumTestStep list of a channel test, followed as
 *   it runs; %NULL removes the marks
 */
void
lum_flow_diagram_set_steps (LumFlowDiagram *self,
                            GListModel     *steps)
{
  guint n;

  g_return_if_fail (LUM_IS_FLOW_DIAGRAM (self));

  if (self->steps != NULL)
    {
      n = g_list_model_get_n_items (self->steps);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GObject) step = g_list_model_get_item (self->steps, i);
          g_signal_handlers_disconnect_by_data (step, self);
        }
    }
  g_set_object (&self->steps, steps);
  n = steps != NULL ? g_list_model_get_n_items (steps) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) step = g_list_model_get_item (steps, i);
      g_signal_connect_object (step, "notify::state", G_CALLBACK (on_steps_changed_cb), self, G_CONNECT_SWAPPED);
    }
  refresh (self);
}

/**
 * lum_flow_diagram_get_description:
 *
 * The flow in words, as assistive technologies read it.
 */
const char *
lum_flow_diagram_get_description (LumFlowDiagram *self)
{
  g_return_val_if_fail (LUM_IS_FLOW_DIAGRAM (self), NULL);
  return self->description;
}

/**
 * lum_flow_diagram_get_node_state:
 * @node: "order", "oms", "shipment", "invoice" or "accounting"
 *
 * Returns: (nullable): the test state the box shows (ok, failed, running,
 *   skipped), or %NULL when it shows none or is not drawn
 */
const char *
lum_flow_diagram_get_node_state (LumFlowDiagram *self,
                                 const char     *node)
{
  g_return_val_if_fail (LUM_IS_FLOW_DIAGRAM (self), NULL);

  for (guint i = 0; i < N_NODES; i++)
    if (g_strcmp0 (node_names[i], node) == 0)
      return self->nodes[i].visible ? mark_to_state (self->nodes[i].mark) : NULL;
  return NULL;
}

/**
 * lum_flow_diagram_get_node_bounds:
 * @node: "order", "oms", "shipment", "invoice" or "accounting"
 * @bounds: (out): where the box of @node is drawn at the current width
 *
 * Returns: whether @node is drawn
 */
gboolean
lum_flow_diagram_get_node_bounds (LumFlowDiagram  *self,
                                  const char      *node,
                                  graphene_rect_t *bounds)
{
  Layout l;

  g_return_val_if_fail (LUM_IS_FLOW_DIAGRAM (self), FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  compute_layout (self, gtk_widget_get_width (GTK_WIDGET (self)), &l);
  for (guint i = 0; i < N_NODES; i++)
    if (g_strcmp0 (node_names[i], node) == 0 && self->nodes[i].visible)
      {
        *bounds = node_rect (&l, &self->nodes[i]);
        return TRUE;
      }
  return FALSE;
}

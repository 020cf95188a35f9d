/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lum-engine-documents.h"
#include "model/lum-channel.h"
#include "lum-test-util.h"

G_BEGIN_DECLS

/* What the document tests share: GTK under Xvfb, a main loop to turn, and
 * a database with the channels, customers and products of a wholesaler. */
typedef struct
{
  LumTestClock  clock;
  LumEngine    *engine;
  gint64        shipstation_id;
  gint64        quickbooks_id;
  LumChannel   *wholesale;      /* so-first, invoices on posting, pushes after 15 min */
  LumChannel   *trade_show;     /* so-first, invoices on shipment, no push */
  LumChannel   *invoice_desk;   /* internal, invoice-first, pushes at once */
  LumCustomer  *acme;
  LumCustomer  *bluebird;
} LumUiTestData;

void        lum_ui_test_init          (int            *argc,
                                       char         ***argv);
void        lum_ui_test_pump          (void);
gboolean    lum_ui_test_wait          (gboolean      (*done) (gpointer user_data),
                                       gpointer        user_data,
                                       guint           timeout_ms);
gpointer    lum_ui_test_find_toplevel (GType           type);
void        lum_ui_test_data_init     (LumUiTestData  *data);
void        lum_ui_test_data_clear    (LumUiTestData  *data);
GtkWidget  *lum_ui_test_child         (gpointer        widget,
                                       GType           type,
                                       const char     *name);
void        lum_ui_test_shot          (const char     *name);
void        lum_ui_test_scroll_to_end (GtkWidget      *widget);
void        lum_ui_test_destroy_windows (GtkWindow    *main_window);

G_END_DECLS

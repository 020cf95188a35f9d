/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-channel-editor.h"
#include "lum-flow-diagram.h"
#include "lum-mapping-list.h"
#include "lum-store-chooser.h"

G_BEGIN_DECLS

/* The editor works on a copy of the channel: nothing reaches the list or
 * the database until Save, and Cancel just drops the copy. */
struct _LumChannelEditor
{
  AdwWindow            parent_instance;

  LumEngine           *engine;
  LumChannel          *original;
  LumChannel          *channel;
  char                *baseline;
  char                *tested_state;
  gboolean             loading;

  GtkWindow           *test_dialog;

  LumStoreChooser     *store_chooser;
  LumMappingList      *mappings;
  GArray              *oms_ids;
  GArray              *accounting_ids;
  GHashTable          *message_rows;

  AdwWindowTitle      *window_title;
  AdwToastOverlay     *toast_overlay;
  AdwPreferencesPage  *preferences_page;
  GtkWidget           *save_button;

  AdwEntryRow         *name_row;
  AdwComboRow         *group_row;
  AdwActionRow        *internal_row;
  GtkSwitch           *internal_switch;
  AdwEntryRow         *description_row;
  AdwEntryRow         *tags_row;

  AdwActionRow        *push_row;
  GtkSwitch           *push_switch;
  AdwComboRow         *oms_row;
  AdwComboRow         *store_row;
  AdwActionRow        *store_status_row;
  GtkStack            *store_status_stack;
  GtkSpinner          *store_spinner;
  GtkWidget           *store_retry_button;
  AdwEntryRow         *store_id_row;
  AdwActionRow        *delay_row;
  GtkEntry            *delay_entry;
  AdwActionRow        *fulfillment_row;
  AdwComboRow         *when_short_row;
  GtkSwitch           *fulfillment_switch;

  AdwPreferencesGroup *mapping_group;
  GtkListBox          *mapping_list;

  AdwComboRow         *flow_row;
  AdwComboRow         *invoice_type_row;
  AdwComboRow         *timing_row;
  AdwComboRow         *accounting_row;

  AdwPreferencesGroup *flow_group;
  LumFlowDiagram      *flow_diagram;
  GtkWidget           *test_button;
};

/* lum-channel-editor-checks.c: every refused value under its row */
G_GNUC_INTERNAL void clear_row_error (LumChannelEditor *self,
                                      GtkWidget        *row);
G_GNUC_INTERNAL void clear_errors    (LumChannelEditor *self);
G_GNUC_INTERNAL void show_errors     (LumChannelEditor *self,
                                      GPtrArray        *errors);
G_GNUC_INTERNAL void show_error      (LumChannelEditor *self,
                                      const GError     *error);

G_END_DECLS

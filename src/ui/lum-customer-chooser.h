/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lum-engine-documents.h"
#include "lum-suggestion-popover.h"

G_BEGIN_DECLS

#define LUM_TYPE_CUSTOMER_CHOOSER (lum_customer_chooser_get_type ())
G_DECLARE_FINAL_TYPE (LumCustomerChooser, lum_customer_chooser, LUM, CUSTOMER_CHOOSER, AdwEntryRow)

GtkWidget            *lum_customer_chooser_new          (LumEngine          *engine);
void                  lum_customer_chooser_set_engine   (LumCustomerChooser *self,
                                                         LumEngine          *engine);
LumCustomer          *lum_customer_chooser_get_customer (LumCustomerChooser *self);
void                  lum_customer_chooser_set_customer (LumCustomerChooser *self,
                                                         LumCustomer        *customer);
LumCustomer          *lum_customer_chooser_resolve      (LumCustomerChooser *self);
LumSuggestionPopover *lum_customer_chooser_get_popover  (LumCustomerChooser *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lum-engine-documents.h"

G_BEGIN_DECLS

#define LUM_TYPE_CUSTOMER_EDITOR (lum_customer_editor_get_type ())
G_DECLARE_FINAL_TYPE (LumCustomerEditor, lum_customer_editor, LUM, CUSTOMER_EDITOR, AdwWindow)

LumCustomerEditor *lum_customer_editor_new      (GtkWindow         *parent,
                                                 LumEngine         *engine,
                                                 LumCustomer       *customer);
GtkWidget         *lum_customer_editor_get_row  (LumCustomerEditor *self,
                                                 LumCustomerText    field);
AdwComboRow       *lum_customer_editor_get_terms_row (LumCustomerEditor *self);

G_END_DECLS

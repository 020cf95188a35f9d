/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* LumInvoicesPage: the Invoices section, a LumDocumentsPage of invoices. */
#include "lum-documents-page.h"

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* LumOrdersPage: the Sales Orders section, a LumDocumentsPage of orders. */
#include "lum-documents-page.h"

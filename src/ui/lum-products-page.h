/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* LumProductsPage: the Products section, a LumRecordsPage of products. */
#include "lum-records-page.h"

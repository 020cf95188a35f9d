/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* LumCustomersPage: the Customers section, a LumRecordsPage of customers. */
#include "lum-records-page.h"

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The SQLite connection under a LumDb, for the SQLite back end's own test
 * (tests/test-db.c: traces, query plans, a second raw connection). No
 * other code includes this: the store speaks LumStmt (lum-db.h). */

#include <sqlite3.h>

#include "lum-db.h"

G_BEGIN_DECLS

sqlite3      *lum_db_get_sqlite_handle  (LumDb         *self);

G_END_DECLS

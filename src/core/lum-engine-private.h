/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-engine.h"

G_BEGIN_DECLS

/* Runs @func inside one transaction; rolls back when it fails. */
typedef gboolean (*LumEngineTxFunc) (LumEngine  *engine,
                                     gpointer    user_data,
                                     GError    **error);

gboolean lum_engine_run_in_transaction (LumEngine        *self,
                                        LumEngineTxFunc   func,
                                        gpointer          user_data,
                                        const char       *changed,
                                        GError          **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-engine.h"
#include "store/lum-db.h"

G_BEGIN_DECLS

/*
 * The engine's parts (lum-engine.c, -setup.c, -documents.c, -import.c,
 * -sync.c) share the instance struct here, as GNOME Text Editor's window
 * does; nothing outside src/core includes this header.
 */
struct _LumEngine
{
  GObject         parent_instance;

  LumDb          *db;
  LumClockFunc    clock_func;
  gpointer        clock_data;
  GDestroyNotify  clock_destroy;
  gint64          data_version;
};

/* The database handle, for the engine's parts and the stores they call.
 * Not in lum-engine.h: the workers ask the engine or a store instead. */
LumDb   *lum_engine_get_db             (LumEngine        *self);

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

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-cli"

#include "config.h"

#include <glib-unix.h>
#include <signal.h>
#include <string.h>

#include "lumctl.h"

/* The commands that wait for a service run the main loop here. */

static gboolean
on_signal_cb (gpointer user_data)
{
  LumctlLoop *loop = user_data;

  loop->interrupted = TRUE;
  g_cancellable_cancel (loop->cancellable);
  if (loop->on_signal != NULL)
    loop->on_signal (loop->on_signal_data);
  return G_SOURCE_CONTINUE;
}

/* Ctrl+C and SIGTERM cancel loop->cancellable (and call loop->on_signal). */
void
lumctl_loop_init (LumctlLoop *loop)
{
  memset (loop, 0, sizeof *loop);
  loop->loop = g_main_loop_new (NULL, FALSE);
  loop->cancellable = g_cancellable_new ();
  loop->signal_ids[0] = g_unix_signal_add (SIGINT, on_signal_cb, loop);
  loop->signal_ids[1] = g_unix_signal_add (SIGTERM, on_signal_cb, loop);
}

void
lumctl_loop_clear (LumctlLoop *loop)
{
  for (guint i = 0; i < G_N_ELEMENTS (loop->signal_ids); i++)
    g_clear_handle_id (&loop->signal_ids[i], g_source_remove);
  g_clear_object (&loop->result);
  g_clear_object (&loop->cancellable);
  g_clear_pointer (&loop->loop, g_main_loop_unref);
}

/* A GAsyncReadyCallback whose user data is the LumctlLoop. */
void
lumctl_loop_result_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  LumctlLoop *loop = user_data;

  g_set_object (&loop->result, result);
}

/**
 * lumctl_loop_wait:
 *
 * Iterates the main context until lumctl_loop_result_cb() was called.
 * Returns: (transfer none): the result, valid until the next wait
 */
GAsyncResult *
lumctl_loop_wait (LumctlLoop *loop)
{
  g_clear_object (&loop->result);
  while (loop->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return loop->result;
}

void
lumctl_loop_run (LumctlLoop *loop)
{
  g_main_loop_run (loop->loop);
}

void
lumctl_loop_quit (LumctlLoop *loop)
{
  g_main_loop_quit (loop->loop);
}

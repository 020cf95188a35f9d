/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "model/lum-job.h"

G_BEGIN_DECLS

/*
 * Who holds a job's claim. A worker writes its identity into the job's
 * lease_owner: the host, the boot and the PID namespace it runs in, its PID
 * and its process start time (so that a reused PID is not mistaken for it),
 * and a random id of its own. A worker on the same computer can then tell
 * at once that the claimer of a job no longer exists, instead of waiting
 * for the lease to run out.
 */

/**
 * LumLeaseHolder:
 * @LUM_LEASE_HOLDER_UNKNOWN: another computer (or a boot or a container
 *   whose processes cannot be seen from here), or a claim written by an
 *   older Lumen: only its lease tells
 * @LUM_LEASE_HOLDER_ALIVE: the process runs on this computer
 * @LUM_LEASE_HOLDER_GONE: the process no longer exists on this computer
 */
typedef enum
{
  LUM_LEASE_HOLDER_UNKNOWN,
  LUM_LEASE_HOLDER_ALIVE,
  LUM_LEASE_HOLDER_GONE,
} LumLeaseHolder;

char           *lum_lease_owner_new      (void);
LumLeaseHolder  lum_lease_owner_check    (const char *owner,
                                          guint      *out_pid,
                                          char      **out_host);
char           *lum_lease_describe       (LumJob     *job,
                                          gint64      now_usec);

G_END_DECLS

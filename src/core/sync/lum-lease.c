/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <unistd.h>

#include "lum-lease.h"
#include "lum-util.h"

#define OWNER_PREFIX "lumen/1"

typedef struct
{
  char  *host;
  char  *boot;
  char  *pidns;
  char  *start;
  guint  pid;
} Owner;

static void
owner_clear (Owner *owner)
{
  g_clear_pointer (&owner->host, g_free);
  g_clear_pointer (&owner->boot, g_free);
  g_clear_pointer (&owner->pidns, g_free);
  g_clear_pointer (&owner->start, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Owner, owner_clear)

static char *
read_boot_id (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/sys/kernel/random/boot_id", &text, NULL, NULL))
    return NULL;
  return g_strdup (g_strstrip (text));
}

/* The PID namespace: two processes see each other's PIDs only inside one. */
static char *
read_pid_namespace (void)
{
  g_autofree char *link = g_file_read_link ("/proc/self/ns/pid", NULL);
  const char *open = link ? strchr (link, '[') : NULL;
  const char *close = open ? strchr (open, ']') : NULL;

  if (close == NULL)
    return NULL;
  return g_strndup (open + 1, close - open - 1);
}

/* The start time of @pid in clock ticks since boot (field 22 of its stat),
 * or %NULL when no such process lives; a zombie does not count. */
static char *
read_start_time (guint pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%u/stat", pid);
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *rest;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  /* the command name is in parentheses and may hold anything */
  rest = strrchr (text, ')');
  if (rest == NULL)
    return NULL;
  fields = g_strsplit (g_strchug ((char *)rest + 1), " ", 22);
  if (g_strv_length (fields) < 20 || g_str_equal (fields[0], "Z") || g_str_equal (fields[0], "X"))
    return NULL;
  return g_strdup (fields[19]);
}

static gboolean
owner_parse (const char *text,
             Owner      *owner)
{
  g_auto(GStrv) parts = NULL;
  guint64 pid = 0;

  if (text == NULL || !g_str_has_prefix (text, OWNER_PREFIX " "))
    return FALSE;
  parts = g_strsplit (text + strlen (OWNER_PREFIX " "), " ", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *value = strchr (parts[i], '=');
      g_autofree char *key = value ? g_strndup (parts[i], value - parts[i]) : NULL;

      char **slot = NULL;

      if (key == NULL)
        continue;
      value++;
      if (g_str_equal (key, "host"))
        slot = &owner->host;
      else if (g_str_equal (key, "boot"))
        slot = &owner->boot;
      else if (g_str_equal (key, "pidns"))
        slot = &owner->pidns;
      else if (g_str_equal (key, "start"))
        slot = &owner->start;
      if (slot != NULL)
        {
          g_free (*slot);
          *slot = g_strdup (value);
        }
      else if (g_str_equal (key, "pid"))
        g_ascii_string_to_unsigned (value, 10, 1, G_MAXINT, &pid, NULL);
    }
  owner->pid = (guint)pid;
  return owner->host != NULL && owner->pid != 0;
}

/**
 * lum_lease_owner_new:
 *
 * The identity a worker of this process writes into the jobs it claims;
 * a random part keeps two workers of one process apart.
 *
 * Returns: (transfer full): the owner text
 */
char *
lum_lease_owner_new (void)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *boot = read_boot_id ();
  g_autofree char *pidns = read_pid_namespace ();
  g_autofree char *start = read_start_time ((guint)getpid ());
  g_autofree char *host = g_strdelimit (g_strdup (g_get_host_name ()), " =", '_');

  return g_strdup_printf (OWNER_PREFIX " host=%s boot=%s pidns=%s pid=%d start=%s id=%s",
                          host, boot ? boot : "-", pidns ? pidns : "-", (int)getpid (),
                          start ? start : "-", uuid);
}

/**
 * lum_lease_owner_check:
 * @owner: a job's lease_owner
 * @out_pid: (out) (optional): the claimer's PID, 0 when the claim does not say
 * @out_host: (out) (optional) (transfer full): its host, %NULL when it does not say
 *
 * Whether the process that claimed a job still exists. Only a process of
 * this boot and PID namespace can be looked at; any other is unknown.
 */
LumLeaseHolder
lum_lease_owner_check (const char  *owner,
                       guint       *out_pid,
                       char       **out_host)
{
  g_auto(Owner) parsed = { 0, };
  g_autofree char *boot = NULL;
  g_autofree char *pidns = NULL;
  g_autofree char *start = NULL;

  if (out_pid != NULL)
    *out_pid = 0;
  if (out_host != NULL)
    *out_host = NULL;
  if (!owner_parse (owner, &parsed))
    return LUM_LEASE_HOLDER_UNKNOWN;
  if (out_pid != NULL)
    *out_pid = parsed.pid;
  if (out_host != NULL)
    *out_host = g_strdup (parsed.host);

  boot = read_boot_id ();
  pidns = read_pid_namespace ();
  if (boot == NULL || pidns == NULL || g_strcmp0 (parsed.boot, boot) != 0 ||
      g_strcmp0 (parsed.pidns, pidns) != 0 || parsed.start == NULL || g_str_equal (parsed.start, "-"))
    return LUM_LEASE_HOLDER_UNKNOWN;

  start = read_start_time (parsed.pid);
  if (start == NULL || !g_str_equal (start, parsed.start))
    return LUM_LEASE_HOLDER_GONE; /* exited, or its PID went to another process */
  return LUM_LEASE_HOLDER_ALIVE;
}

static char *
format_clock (const char *at)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = at ? g_date_time_new_from_iso8601 (at, utc) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (dt == NULL)
    return g_strdup ("?");
  local = g_date_time_to_local (dt);
  return g_date_time_format (local, "%H:%M");
}

/**
 * lum_lease_describe:
 * @job: a running job
 * @now_usec: the engine's time
 *
 * What is happening to a claimed job, in a sentence for the person who
 * asked to push it: who sends it since when, or that its claimer stopped
 * and when it will be sent again.
 *
 * Returns: (transfer full): the sentence
 */
char *
lum_lease_describe (LumJob *job,
                    gint64  now_usec)
{
  const char *owner = lum_job_get_text (job, LUM_JOB_LEASE_OWNER);
  g_autofree char *since = format_clock (lum_job_get_text (job, LUM_JOB_UPDATED_AT));
  g_autofree char *host = NULL;
  gint64 until = 0;
  gint64 left;
  guint pid = 0;
  LumLeaseHolder holder = lum_lease_owner_check (owner, &pid, &host);

  if (!lum_time_parse (lum_job_get_text (job, LUM_JOB_LEASE_UNTIL), &until))
    until = now_usec;
  left = MAX (0, (until - now_usec + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);

  if (holder == LUM_LEASE_HOLDER_GONE)
    return g_strdup_printf (_("It was claimed by a Lumen process that stopped (PID %u on this computer); it will be "
                              "sent again as soon as Lumen runs, after checking whether the earlier attempt "
                              "arrived."), pid);
  if (until <= now_usec)
    return g_strdup_printf (_("It was claimed at %s by a Lumen process that stopped answering; it will be sent "
                              "again as soon as Lumen runs, after checking whether the earlier attempt "
                              "arrived."), since);
  if (holder == LUM_LEASE_HOLDER_ALIVE && pid == (guint)getpid ())
    return g_strdup_printf (_("It is being sent by this Lumen process since %s."), since);
  if (holder == LUM_LEASE_HOLDER_ALIVE)
    return g_strdup_printf (_("It is being sent by another Lumen process (PID %u on this computer) since %s."),
                            pid, since);
  if (host != NULL)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "It is being sent by Lumen on %s (PID %u) since %s; if that process "
                                         "stopped, it will be sent again within %d second.",
                                         "It is being sent by Lumen on %s (PID %u) since %s; if that process "
                                         "stopped, it will be sent again within %d seconds.", (gulong)left),
                            host, pid, since, (int)left);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "It is being sent by another Lumen process since %s; if that process "
                                       "stopped, it will be sent again within %d second.",
                                       "It is being sent by another Lumen process since %s; if that process "
                                       "stopped, it will be sent again within %d seconds.", (gulong)left),
                          since, (int)left);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-connect"

#include "lum-rate-limiter.h"

struct _LumRateLimiter
{
  GObject  parent_instance;

  guint    max_in_flight;
  guint    requests;
  gint64   window_us;

  guint    in_flight;
  GQueue   sent_at;           /* monotonic times of recent sends, oldest first */
  GQueue   waiters;           /* GTask */
  guint    timeout_id;
  guint    sent;

  gboolean remote_known;      /* the service reported its budget */
  gint64   remote_remaining;
  gint64   blocked_until;     /* monotonic; nothing is sent before */
};

G_DEFINE_FINAL_TYPE (LumRateLimiter, lum_rate_limiter, G_TYPE_OBJECT)

static void process_waiters (LumRateLimiter *self);

static void
forget_old_sends (LumRateLimiter *self,
                  gint64          now)
{
  while (!g_queue_is_empty (&self->sent_at))
    {
      gint64 *t = g_queue_peek_head (&self->sent_at);
      if (now - *t < self->window_us)
        break;
      g_free (g_queue_pop_head (&self->sent_at));
    }
}

/* 0 when a request may go now, else the microseconds to wait. */
static gint64
wait_needed (LumRateLimiter *self,
             gint64          now)
{
  if (self->in_flight >= self->max_in_flight)
    return G_MAXINT64; /* a release wakes us */
  if (now < self->blocked_until)
    return self->blocked_until - now;
  if (self->blocked_until != 0)
    {
      /* the service's window has reset: count afresh until it reports */
      self->blocked_until = 0;
      self->remote_known = FALSE;
      g_queue_clear_full (&self->sent_at, g_free);
    }

  forget_old_sends (self, now);
  if (self->remote_known && self->remote_remaining > 0)
    return 0;
  if (g_queue_get_length (&self->sent_at) < self->requests)
    return 0;
  return *(gint64 *)g_queue_peek_head (&self->sent_at) + self->window_us - now;
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  LumRateLimiter *self = user_data;

  self->timeout_id = 0;
  process_waiters (self);
  return G_SOURCE_REMOVE;
}

static void
process_waiters (LumRateLimiter *self)
{
  while (!g_queue_is_empty (&self->waiters))
    {
      gint64 now = g_get_monotonic_time ();
      gint64 wait = wait_needed (self, now);
      GTask *task;

      if (wait > 0)
        {
          if (wait != G_MAXINT64 && self->timeout_id == 0)
            self->timeout_id = g_timeout_add_full (G_PRIORITY_DEFAULT, (guint)MAX (1, (wait + 999) / 1000),
                                                   on_timeout_cb, g_object_ref (self), g_object_unref);
          return;
        }

      task = g_queue_pop_head (&self->waiters);
      if (g_task_return_error_if_cancelled (task))
        {
          g_object_unref (task);
          continue;
        }
      self->in_flight++;
      self->sent++;
      g_queue_push_tail (&self->sent_at, g_memdup2 (&now, sizeof now));
      if (self->remote_known)
        self->remote_remaining--;
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }
}

static void
lum_rate_limiter_dispose (GObject *object)
{
  LumRateLimiter *self = (LumRateLimiter *)object;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  while (!g_queue_is_empty (&self->waiters))
    {
      GTask *task = g_queue_pop_head (&self->waiters);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "The rate limiter went away");
      g_object_unref (task);
    }
  g_queue_clear_full (&self->sent_at, g_free);

  G_OBJECT_CLASS (lum_rate_limiter_parent_class)->dispose (object);
}

static void
lum_rate_limiter_class_init (LumRateLimiterClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lum_rate_limiter_dispose;
}

static void
lum_rate_limiter_init (LumRateLimiter *self)
{
  g_queue_init (&self->sent_at);
  g_queue_init (&self->waiters);
}

LumRateLimiter *
lum_rate_limiter_new (guint max_in_flight,
                      guint requests,
                      guint window_ms)
{
  LumRateLimiter *self = g_object_new (LUM_TYPE_RATE_LIMITER, NULL);

  self->max_in_flight = MAX (1, max_in_flight);
  self->requests = MAX (1, requests);
  self->window_us = (gint64)MAX (1, window_ms) * 1000;
  return self;
}

/**
 * lum_rate_limiter_acquire_async:
 *
 * Completes when one request may be sent; pair each success with
 * lum_rate_limiter_release().
 */
void
lum_rate_limiter_acquire_async (LumRateLimiter      *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (LUM_IS_RATE_LIMITER (self));

  task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, lum_rate_limiter_acquire_async);
  g_queue_push_tail (&self->waiters, task);
  process_waiters (self);
}

gboolean
lum_rate_limiter_acquire_finish (LumRateLimiter  *self,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * lum_rate_limiter_release:
 * @response: (nullable): the answer, whose rate headers and status update
 *   the budget; %NULL when the request failed without one
 */
void
lum_rate_limiter_release (LumRateLimiter  *self,
                          LumHttpResponse *response)
{
  gint64 now = g_get_monotonic_time ();

  g_return_if_fail (self->in_flight > 0);
  self->in_flight--;

  if (response != NULL)
    {
      if (response->rate_remaining >= 0)
        {
          /* the service counted up to this request; the others in flight
           * will come off its count too */
          self->remote_known = TRUE;
          self->remote_remaining = response->rate_remaining - (gint64)self->in_flight;
          if (self->remote_remaining <= 0 && response->rate_reset_ms >= 0)
            self->blocked_until = MAX (self->blocked_until, now + (response->rate_reset_ms + 100) * 1000);
        }
      if (response->status == 429)
        {
          gint64 wait_ms = response->retry_after_ms >= 0 ? response->retry_after_ms
                         : response->rate_reset_ms >= 0 ? response->rate_reset_ms : 1000;
          self->blocked_until = MAX (self->blocked_until, now + MAX (wait_ms, 1) * 1000);
          self->remote_known = TRUE;
          self->remote_remaining = 0;
        }
    }

  process_waiters (self);
}

guint
lum_rate_limiter_get_sent (LumRateLimiter *self)
{
  return self->sent;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * The intervals of the sync runtime, one set for the window and for
 * `lumenctl sync`. The window's preference (poll-interval in the GSettings
 * schema) has its own range, at least a minute.
 */

/* Seconds between two fulfillment polls, unless told otherwise. */
#define LUM_SYNC_POLL_INTERVAL_DEFAULT 300
/* The bounds of a poll interval a user may ask for. */
#define LUM_SYNC_POLL_INTERVAL_MIN     10
#define LUM_SYNC_POLL_INTERVAL_MAX     86400
/* Seconds between two looks for another process's changes (cheap: one
 * PRAGMA data_version). */
#define LUM_SYNC_CHANGE_CHECK_SECONDS  2

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a UI test on the display it was given, or on a private Xvfb server
# when there is none (CI, ssh); and on a private session bus when there is
# none, since GTK warns without one and warnings fail a test.
# usage: with-display.sh XVFB_RUN PROGRAM [ARGS…]
xvfb_run=$1
shift

if [ -z "$DBUS_SESSION_BUS_ADDRESS" ] && command -v dbus-run-session >/dev/null 2>&1; then
  exec dbus-run-session -- "$0" "$xvfb_run" "$@"
fi

if [ -n "$DISPLAY" ] || [ -n "$WAYLAND_DISPLAY" ]; then
  exec "$@"
fi

if [ -z "$xvfb_run" ]; then
  echo "1..0 # SKIP no display and no xvfb-run"
  exit 0
fi

# Xvfb is an X server, whatever else the session offers.
GDK_BACKEND=x11 exec "$xvfb_run" -a -s "-screen 0 1280x800x24" "$@"

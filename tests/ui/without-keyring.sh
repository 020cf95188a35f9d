#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a test on a private session bus that offers no Secret Service (and
# activates none), with a fresh HOME: Lumen's first start on a desktop
# without a keyring. UI tests give with-display.sh as PROGRAM for a display.
# usage: without-keyring.sh PROGRAM [ARGS…]
set -eu
here=$(dirname "$0")
if [ -z "${LUMEN_BARE_SESSION:-}" ]; then
  export LUMEN_BARE_SESSION=1
  session_dir=$(mktemp -d "${TMPDIR:-/tmp}/lumen-bare.XXXXXX")
  trap 'rm -rf "$session_dir"' EXIT
  export HOME="$session_dir/home"
  export XDG_RUNTIME_DIR="$session_dir/runtime"
  export XDG_CONFIG_HOME="$HOME/.config" XDG_DATA_HOME="$HOME/.local/share" XDG_CACHE_HOME="$HOME/.cache"
  mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
  chmod 700 "$XDG_RUNTIME_DIR"
  unset DBUS_SESSION_BUS_ADDRESS
  # no accessibility bus either: GTK would warn, and a warning fails a test
  export GTK_A11Y=none
  status=0
  dbus-run-session --config-file="$here/bare-session.conf" -- "$0" "$@" || status=$?
  exit $status
fi
exec "$@"

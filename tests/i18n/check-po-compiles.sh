#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every translation listed in po/LINGUAS compiles with `msgfmt --check`
# (syntax, header, and printf placeholders that match their msgid).
set -eu

root=${MESON_SOURCE_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
status=0

for lang in $(grep -v '^#' "$root/po/LINGUAS"); do
  if msgfmt --check --statistics --output-file=/dev/null "$root/po/$lang.po"; then
    echo "po/$lang.po compiles"
  else
    echo "FAIL: po/$lang.po does not compile with msgfmt --check" >&2
    status=1
  fi
done

exit $status

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the contract suite: test-contract against Stoplight Prism serving
# the public API descriptions. Usage (from meson):
#   contract.sh TEST-PROGRAM BUILD-PRISM-DIR DEFAULT-CONTRACTS-DIR
# The descriptions: $LUMEN_CONTRACTS_DIR, else ../shared/contracts beside
# the source tree. Prism: $LUMEN_PRISM, else the one .ci/run installs
# (BUILD-PRISM-DIR, or the CI cache), else `prism` on the PATH.
# Exits 77 (skipped) when either is missing.
set -eu

program=$1
build_prism=$2
default_contracts=$3

contracts=${LUMEN_CONTRACTS_DIR:-$default_contracts}
if [ ! -f "$contracts/shipstation-v1.apievangelist.openapi.yml" ] ||
   [ ! -f "$contracts/extensiv-3plcentral.apievangelist.openapi.yml" ] ||
   [ ! -f "$contracts/quickbooks-online-v3.apievangelist.original.openapi.yml" ] ||
   [ ! -f "$contracts/shipstation-v2.openapi.yaml" ]; then
  echo "SKIP: the API descriptions are not at $contracts (set LUMEN_CONTRACTS_DIR)"
  exit 77
fi

prism=${LUMEN_PRISM:-}
if [ -z "$prism" ]; then
  for candidate in "$build_prism/node_modules/.bin/prism" \
                   "${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/lumen-ci/prism/node_modules/.bin/prism"; do
    if [ -x "$candidate" ]; then
      prism=$candidate
      break
    fi
  done
fi
if [ -z "$prism" ]; then
  prism=$(command -v prism 2>/dev/null || true)
fi
if [ -z "$prism" ] || [ ! -x "$prism" ]; then
  echo "SKIP: Stoplight Prism is not installed (.ci/run installs it; or set LUMEN_PRISM)"
  exit 77
fi
if ! command -v node >/dev/null 2>&1; then
  echo "SKIP: Prism needs Node.js, which is not installed"
  exit 77
fi

LUMEN_CONTRACTS_DIR=$contracts LUMEN_PRISM=$prism exec "$program" --tap --keep-going

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""po/POTFILES.in is complete and true: every file of src/ and data/ that
carries a translatable string is listed, and every listed file exists.

Run with --print to see the list a complete POTFILES.in would hold."""

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lumi18n  # noqa: E402


def files_with_strings(root):
    candidates = [f for f in lumi18n.tracked_files(root)
                  if f.endswith(lumi18n.CANDIDATE_SUFFIXES)
                  and os.path.isfile(os.path.join(root, f))]
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'all.pot')
        lumi18n.xgettext(root, candidates, pot)
        found = set()
        for entry in lumi18n.parse_po(pot):
            for ref in entry['refs']:
                found.add(ref.rsplit(':', 1)[0])
    return sorted(found)


def main():
    root = lumi18n.source_root()
    marked = files_with_strings(root)
    if '--print' in sys.argv[1:]:
        print('\n'.join(marked))
        return 0

    listed = lumi18n.read_potfiles(root)
    errors = []
    for path in listed:
        if not os.path.isfile(os.path.join(root, path)):
            errors.append(f'po/POTFILES.in lists {path}, which does not exist')
    seen = set()
    for path in listed:
        if path in seen:
            errors.append(f'po/POTFILES.in lists {path} twice')
        seen.add(path)
    for path in marked:
        if path not in seen:
            errors.append(f'{path} has translatable strings but is missing from po/POTFILES.in')

    for error in errors:
        print(f'FAIL: {error}', file=sys.stderr)
    if errors:
        return 1
    print(f'po/POTFILES.in lists all {len(marked)} files with translatable strings')
    return 0


if __name__ == '__main__':
    sys.exit(main())

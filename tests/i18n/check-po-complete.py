#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A translation is complete for the current sources.

Extracts the strings of the files listed in po/POTFILES.in into a temporary
POT, as `meson compile lumen-pot` would, merges po/LANG.po against it with
msgmerge, and fails listing every message that is untranslated or fuzzy.

Usage: check-po-complete.py LANG"""

import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lumi18n  # noqa: E402


def main():
    if len(sys.argv) != 2:
        lumi18n.fail('usage: check-po-complete.py LANG')
    lang = sys.argv[1]
    root = lumi18n.source_root()
    po = os.path.join(root, 'po', f'{lang}.po')
    if not os.path.isfile(po):
        lumi18n.fail(f'po/{lang}.po does not exist')

    files = lumi18n.read_potfiles(root)
    absent = [f for f in files if not os.path.isfile(os.path.join(root, f))]
    if absent:
        lumi18n.fail('po/POTFILES.in lists files that do not exist: ' + ', '.join(absent))

    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'lumen.pot')
        merged = os.path.join(tmp, f'{lang}.po')
        lumi18n.xgettext(root, files, pot)
        subprocess.run(['msgmerge', '--quiet', '--output-file=' + merged, po, pot], check=True)
        entries = [e for e in lumi18n.parse_po(merged) if e['msgid'] != '' and not e['obsolete']]

    untranslated = [e for e in entries if not all(e['msgstr'])]
    fuzzy = [e for e in entries if 'fuzzy' in e['flags'] and e not in untranslated]
    for e in untranslated:
        where = ', '.join(e['refs']) or 'unknown place'
        print(f'FAIL: untranslated in po/{lang}.po: {lumi18n.describe(e)} ({where})', file=sys.stderr)
    for e in fuzzy:
        where = ', '.join(e['refs']) or 'unknown place'
        print(f'FAIL: fuzzy in po/{lang}.po: {lumi18n.describe(e)} ({where})', file=sys.stderr)
    if untranslated or fuzzy:
        print(f'po/{lang}.po: {len(untranslated)} untranslated and {len(fuzzy)} fuzzy of '
              f'{len(entries)} messages; update it with `meson compile -C BUILDDIR lumen-update-po` '
              f'and translate them', file=sys.stderr)
        return 1
    print(f'po/{lang}.po translates all {len(entries)} messages')
    return 0


if __name__ == '__main__':
    sys.exit(main())

# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared helpers of the translation tests: how Lumen's strings are found.

The xgettext arguments are those of meson's i18n.gettext(preset: 'glib'),
so the tests see the same strings as `meson compile lumen-pot`.
"""

import os
import re
import subprocess
import sys
import tempfile

XGETTEXT_ARGS = [
    '--from-code=UTF-8',
    '--add-comments',
    '--keyword=_',
    '--keyword=N_',
    '--keyword=C_:1c,2',
    '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2',
    '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format',
    '--flag=C_:2:pass-c-format',
    '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format',
    '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format',
    '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format',
    '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format',
    '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format',
    '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format',
    '--flag=g_sprintf:2:c-format',
    '--flag=g_snprintf:3:c-format',
]

# The kinds of files that can carry translatable strings, by name ending.
# xgettext picks the language from the ending (a trailing .in is ignored):
# C, GtkBuilder for .ui, and the ITS rules for desktop, metainfo and schema.
CANDIDATE_SUFFIXES = (
    '.c', '.h', '.ui',
    '.desktop.in', '.metainfo.xml.in', '.gschema.xml',
)

# The trees whose files must all be listed in po/POTFILES.in when they carry
# translatable strings.
SCANNED_DIRS = ('src', 'data')


def fail(message):
    print(f'FAIL: {message}', file=sys.stderr)
    sys.exit(1)


def source_root():
    root = os.environ.get('MESON_SOURCE_ROOT')
    if root:
        return root
    return os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))


def read_potfiles(root):
    """The entries of po/POTFILES.in, in order (comments and blanks skipped)."""
    entries = []
    with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                entries.append(line)
    return entries


def tracked_files(root):
    """Files of SCANNED_DIRS: those git tracks when the tree is a checkout,
    else every file on disk (a release tarball has no .git)."""
    try:
        out = subprocess.run(['git', '-C', root, 'ls-files', '-z', '--', *SCANNED_DIRS],
                             check=True, capture_output=True).stdout
        files = [f for f in out.decode('utf-8').split('\0') if f]
        if files:
            return sorted(files)
    except (OSError, subprocess.CalledProcessError):
        pass
    files = []
    for top in SCANNED_DIRS:
        for dirpath, _dirs, names in os.walk(os.path.join(root, top)):
            for name in names:
                files.append(os.path.relpath(os.path.join(dirpath, name), root))
    return sorted(files)


def xgettext(root, files, output):
    """Extract the strings of FILES (relative to ROOT) into the POT OUTPUT."""
    with tempfile.NamedTemporaryFile('w', suffix='.list', encoding='utf-8', delete=False) as lst:
        lst.write(''.join(f + '\n' for f in files))
    try:
        subprocess.run(['xgettext', *XGETTEXT_ARGS, '--package-name=lumen',
                        f'--directory={root}', f'--files-from={lst.name}',
                        f'--output={output}', '--force-po'],
                       check=True, stdout=subprocess.DEVNULL)
    finally:
        os.unlink(lst.name)


_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _unquote(text):
    return bytes(text, 'utf-8').decode('unicode_escape').encode('latin-1').decode('utf-8')


def parse_po(path):
    """A small PO reader: a list of dicts with 'msgctxt', 'msgid',
    'msgid_plural', 'msgstr' (a list), 'flags', 'refs' and 'obsolete'."""
    entries = []
    entry = None
    field = None

    def flush():
        nonlocal entry
        if entry is not None and 'msgid' in entry:
            entries.append(entry)
        entry = None

    with open(path, encoding='utf-8') as f:
        for raw in f:
            line = raw.rstrip('\n')
            obsolete = line.startswith('#~')
            if obsolete:
                line = line[2:].lstrip()
            if not line.strip():
                flush()
                field = None
                continue
            if entry is None:
                entry = {'msgctxt': None, 'msgid_plural': None, 'msgstr': [],
                         'flags': set(), 'refs': [], 'obsolete': obsolete}
            if line.startswith('#,'):
                entry['flags'].update(x.strip() for x in line[2:].split(','))
            elif line.startswith('#:'):
                entry['refs'].extend(line[2:].split())
            elif line.startswith('#'):
                continue
            else:
                m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$', line)
                if m:
                    keyword, value = m.group(1), _unquote(''.join(_QUOTED.findall(m.group(2))))
                    if keyword.startswith('msgid') and 'msgid' in entry and keyword == 'msgid':
                        # a new entry without a blank line in between
                        flush()
                        entry = {'msgctxt': None, 'msgid_plural': None, 'msgstr': [],
                                 'flags': set(), 'refs': [], 'obsolete': obsolete}
                    if keyword.startswith('msgstr'):
                        entry['msgstr'].append(value)
                        field = ('msgstr', len(entry['msgstr']) - 1)
                    else:
                        entry[keyword] = value
                        field = (keyword, None)
                elif line.startswith('"') and field is not None:
                    value = _unquote(''.join(_QUOTED.findall(line)))
                    name, index = field
                    if index is None:
                        entry[name] += value
                    else:
                        entry[name][index] += value
    flush()
    return entries


def describe(entry):
    """How a test names an entry to the person who reads its failure."""
    text = repr(entry['msgid'])
    if entry['msgctxt'] is not None:
        text = f'{entry["msgctxt"]!r} | {text}'
    return text

#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Lumen as a screen reader sees it: the seed's channel is set up using only
# the accessibility tree (AT-SPI), combo rows included, and an order's row
# is read from the Sales Orders list reached through the sidebar.
#
# usage: test-atspi.py LUMEN LUMENCTL   (TAP on standard output)
# Needs a session bus with the accessibility bus (.ci/session starts one;
# a plain session bus activates it) and python3-gi with Atspi.

import os
import subprocess
import sys
import tempfile
import time

try:
    import gi
    gi.require_version('Atspi', '2.0')
    from gi.repository import Atspi
except (ImportError, ValueError) as e:
    print('1..0 # SKIP no AT-SPI for Python: %s' % e)
    sys.exit(0)

CHANNEL = 'Wholesale Sales Channel'
n_test = 0
failed = False


def ok(condition, what):
    global n_test, failed
    n_test += 1
    print('%s %d - %s' % ('ok' if condition else 'not ok', n_test, what), flush=True)
    if not condition:
        failed = True
    return condition


def wait_for(find, what, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = find()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError('timed out waiting for %s' % what)


def children(node):
    for i in range(node.get_child_count()):
        child = node.get_child_at_index(i)
        if child is not None:
            yield child


def find_all(node, predicate, out=None):
    out = [] if out is None else out
    try:
        if predicate(node):
            out.append(node)
        for child in children(node):
            find_all(child, predicate, out)
    except gi.repository.GLib.Error:
        pass  # a node that went away while walking
    return out


def find(node, role, name):
    found = find_all(node, lambda n: n.get_role_name() == role and n.get_name() == name)
    return found[0] if found else None


def actions(node):
    if 'Action' not in node.get_interfaces():
        return []
    return [Atspi.Action.get_action_name(node, i) for i in range(Atspi.Action.get_n_actions(node))]


def do(node, action):
    names = actions(node)
    if action not in names:
        raise AssertionError('“%s” (%s) has no action %s, only %s'
                             % (node.get_name(), node.get_role_name(), action, names))
    Atspi.Action.do_action(node, names.index(action))


def application(process):
    desktop = Atspi.get_desktop(0)
    for app in children(desktop):
        if app.get_process_id() == process.pid and app.get_child_count() > 0:
            return app
    return None


def window(app, name):
    for frame in children(app):
        if frame.get_name() == name:
            return frame
    return None


def action_name(text):
    """The action that chooses a choice, as lum_ui_choice_action_name() names it."""
    words, word = [], ''
    for c in text:
        if c.isascii() and c.isalnum():
            word += c.lower()
        elif word:
            words.append(word)
            word = ''
    return 'choose.' + '-'.join(words + ([word] if word else []))


def choices(combo):
    return [a for a in actions(combo) if a.startswith('choose.')]


def choose(editor, combo_name, item_name):
    """Chooses an item of a combo row by its action, without opening it."""
    combo = wait_for(lambda: find(editor, 'combo box', combo_name), 'the combo box ' + combo_name)
    action = action_name(item_name)
    names = wait_for(lambda: action in choices(combo) and choices(combo),
                     '%s to offer %s (offers %s)' % (combo_name, action, choices(combo)))
    do(combo, action)
    # The value is read back as the row's description, as a screen reader reads it.
    wait_for(lambda: combo.get_description() == item_name,
             '%s to read “%s” (reads “%s”)' % (combo_name, item_name, combo.get_description()))
    return names


def text_of(node):
    # GTK 4.8 reads nothing up to -1: the end is the count
    return Atspi.Text.get_text(node, 0, Atspi.Text.get_character_count(node))


def set_text(node, text):
    Atspi.EditableText.set_text_contents(node, text)


def start(lumen, db):
    process = subprocess.Popen([lumen, '--db', db])

    def found():
        if process.poll() is not None:
            raise AssertionError('Lumen exited with %d before it was on the accessibility bus'
                                 % process.returncode)
        return application(process)
    app = wait_for(found, 'Lumen on the accessibility bus', 60)
    return process, app


def stop(process):
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def set_up_channel(app):
    main = wait_for(lambda: window(app, 'Lumen'), 'the main window')
    do(wait_for(lambda: find(main, 'push button', 'Create a Channel'), 'Create a Channel'), 'click')
    editor = wait_for(lambda: window(app, 'New Channel'), 'the channel editor')

    name = wait_for(lambda: [n for n in find_all(editor, lambda n: n.get_name() == 'Name'
                                                 and 'EditableText' in n.get_interfaces())],
                    'the Name entry')[0]
    set_text(name, CHANNEL)

    # The seed has one warehouse group: the row reads it and has nothing to open.
    group = find(editor, 'combo box', 'Warehouse Group')
    ok(group is not None and group.get_description() == 'Default Warehouse Group',
       'the Warehouse Group row reads its value: %s' % (group and group.get_description()))

    push = find(editor, 'check box', 'Push Sales Orders to OMS')
    ok(push is not None, 'the push switch is named after its row')
    do(push, 'toggle')
    names = choose(editor, 'OMS Integration', 'Sandbox ShipStation')
    ok(action_name('Sandbox 3PL') in names, 'the OMS integrations can be chosen: %s' % names)
    # The stores are listed live from the sandbox.
    stores = wait_for(lambda: find(editor, 'combo box', 'Store'), 'the Store row')
    other = action_name('Other Store (Enter ID)')
    store_actions = wait_for(lambda: [a for a in choices(stores) if a != other],
                             'the stores of Sandbox ShipStation (offers %s)' % choices(stores))
    ok(other in choices(stores), 'the stores can be chosen: %s' % choices(stores))
    do(stores, store_actions[0])
    wait_for(lambda: stores.get_description() not in ('', 'Other Store (Enter ID)')
             and action_name(stores.get_description()) == store_actions[0],
             'the Store row to read the store of %s (reads “%s”)' % (store_actions[0], stores.get_description()))

    choose(editor, 'Order Flow', 'Sales order first, then invoice')
    choose(editor, 'Invoice Type', 'Standard')
    choose(editor, 'Invoice Timing', 'When a shipment is created')
    choose(editor, 'Accounting Integration', 'Sandbox QuickBooks')

    do(find(editor, 'push button', 'Save'), 'click')
    wait_for(lambda: window(app, 'New Channel') is None, 'the editor to close after Save')
    ok(True, 'the channel was set up and saved through the accessibility tree')


def check_error_linked(app):
    """A refused value's message is linked to its row."""
    main = window(app, 'Lumen')
    do(find(main, 'push button', 'New Channel'), 'click')
    editor = wait_for(lambda: window(app, 'New Channel'), 'the channel editor')
    do(find(editor, 'push button', 'Save'), 'click')

    # GTK 4.8 exports the link as “described-by”, later versions as
    # “error-message” too.
    links = (Atspi.RelationType.ERROR_MESSAGE, Atspi.RelationType.DESCRIBED_BY)
    seen = []

    def linked():
        rows = find_all(editor, lambda n: n.get_name() == 'Name'
                        and 'EditableText' in n.get_interfaces())
        seen[:] = [(r.get_role_name(), [rel.get_relation_type().value_nick for rel in r.get_relation_set() or []])
                   for r in rows]
        for row in rows:
            for relation in row.get_relation_set() or []:
                if relation.get_relation_type() in links:
                    return (row, [relation.get_target(i).get_name() for i in range(relation.get_n_targets())])
        return None
    try:
        row, messages = wait_for(linked, 'the Name row to be linked to its error message', 10)
    except AssertionError as e:
        raise AssertionError('%s; the Name rows: %s' % (e, seen))
    ok(any(messages), 'the Name row names its error message: %s' % messages)
    states = row.get_state_set()
    ok(states.contains(Atspi.StateType.INVALID_ENTRY) or states.contains(Atspi.StateType.INVALID),
       'the Name row is invalid: %s' % [s.value_nick for s in states.get_states()])
    do(find(editor, 'push button', 'Cancel'), 'click')


def read_order_row(app, number):
    main = wait_for(lambda: window(app, 'Lumen'), 'the main window')
    sections = wait_for(lambda: find(main, 'list', 'Sections'), 'the sidebar')
    names = [c.get_name() for c in children(sections)]
    Atspi.Selection.select_child(sections, names.index('Sales Orders'))
    # GTK 4.8 sets no “showing” state: the page shown is the one whose header reads its title.
    wait_for(lambda: Atspi.Selection.is_child_selected(sections, names.index('Sales Orders')),
             'the Sales Orders row to be selected')
    table = wait_for(lambda: find(main, 'tree table', 'Sales Orders'), 'the Sales Orders table')
    # The header row comes first; GTK 4.8 gives its titles no role of their own.
    header = table.get_child_at_index(0)
    headers = [n.get_name() for n in children(header)]
    ok('GtkColumnViewTitle' not in headers and 'Number' in headers and 'Customer' in headers,
       'the column headers are named: %s' % headers)
    row = wait_for(lambda: [r for r in find_all(table, lambda n: (n.get_name() or '').startswith(number))],
                   'a row that reads ' + number, 10)[0]
    ok(CHANNEL not in row.get_name() and 'Acme' in row.get_name(),
       'the order’s row reads “%s”' % row.get_name())
    cells = [c.get_name() for c in children(row)]
    ok(number in cells and CHANNEL in cells and not [c for c in cells if c and c.startswith('Gtk')],
       'its cells read %s' % cells)


def choose_customer_suggestion(app, customer):
    """Typing in the order editor's customer entry lists the suggestions by
    name; choosing one through the tree fills the entry."""
    main = wait_for(lambda: window(app, 'Lumen'), 'the main window')
    new = wait_for(lambda: find(main, 'push button', 'New Sales Order'), 'the New Sales Order button')
    do(new, 'click')
    editor = wait_for(lambda: window(app, 'New Sales Order'), 'the order editor')
    entry = wait_for(lambda: [n for n in find_all(editor, lambda n: n.get_name() == 'Customer'
                                                  and 'EditableText' in n.get_interfaces())],
                     'the Customer entry')[0]
    # GTK 4.8 does not take focus through AT-SPI; the editor opens with
    # the keyboard in the customer entry, where a clerk types.
    set_text(entry, customer[:3])

    def suggestions():
        lists = find_all(app, lambda n: n.get_role_name() == 'list'
                         and any((c.get_name() or '').startswith(customer[:3]) for c in children(n)))
        return lists[0] if lists else None
    seen = []
    try:
        listed = wait_for(suggestions, 'the suggestions for “%s”' % customer[:3], 10)
    except AssertionError:
        seen[:] = [(n.get_role_name(), n.get_name()) for n in find_all(app, lambda n: n.get_role_name()
                                                                       in ('list', 'list item', 'popup menu', 'panel'))]
        raise AssertionError('no suggestions listed; seen %s' % seen)
    names = [c.get_name() for c in children(listed)]
    ok(customer in names, 'the suggestions read their names: %s' % names)
    # A screen reader moves the selection, which it reads, and Enter takes it.
    index = names.index(customer)
    Atspi.Selection.select_child(listed, index)
    wait_for(lambda: Atspi.Selection.is_child_selected(listed, index), 'the suggestion to be selected')
    ok(True, 'the suggestion “%s” is selected through the tree' % customer)
    Atspi.generate_keyboard_event(0xff0d, None, Atspi.KeySynthType.SYM)  # Return
    try:
        wait_for(lambda: text_of(entry) == customer, 'the entry to read the customer', 10)
        ok(True, 'Enter chose it: the Customer entry reads “%s”' % customer)
    except AssertionError:
        ok(False, 'Enter chose it: the Customer entry reads “%s”' % text_of(entry))
    wait_for(lambda: suggestions() is None, 'the suggestions to close once one is chosen', 10)
    do(find(editor, 'push button', 'Cancel'), 'click')


def main():
    lumen, lumenctl = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, 'lumen.db')
        process, app = start(lumen, db)
        try:
            set_up_channel(app)
            check_error_linked(app)
        finally:
            stop(process)

        customers = subprocess.run([lumenctl, '--db', db, '--json', 'customer', 'list'],
                                   check=True, capture_output=True, text=True).stdout
        products = subprocess.run([lumenctl, '--db', db, '--json', 'product', 'list'],
                                  check=True, capture_output=True, text=True).stdout
        import json
        customer = [c for c in json.loads(customers) if 'Acme' in c['name']][0]['name']
        sku = json.loads(products)[0]['sku']
        number = subprocess.run([lumenctl, '--db', db, 'order', 'create', '--channel', CHANNEL,
                                 '--customer', customer, '--line', sku + ':2'],
                                check=True, capture_output=True, text=True).stdout.strip()

        process, app = start(lumen, db)
        try:
            read_order_row(app, number)
            choose_customer_suggestion(app, customer)
        finally:
            stop(process)
    print('1..%d' % n_test)
    return 1 if failed else 0


if __name__ == '__main__':
    try:
        sys.exit(main())
    except AssertionError as e:
        ok(False, str(e))
        print('1..%d' % n_test)
        sys.exit(1)

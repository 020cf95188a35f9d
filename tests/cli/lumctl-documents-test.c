/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <string.h>

#include "lumctl-documents-test.h"

/* -- reading the JSON -------------------------------------------------------- */

JsonObject *
object_of (JsonNode *node)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

/* The "number" of each element, space-separated: the order of a list. */
char *
numbers_of (JsonNode *array)
{
  g_autoptr(GString) numbers = g_string_new (NULL);

  for (guint i = 0; i < json_length (array); i++)
    g_string_append_printf (numbers, "%s%s", i > 0 ? " " : "", json_str (json_element (array, i), "number"));
  return g_string_free (g_steal_pointer (&numbers), FALSE);
}

/* The value of @member in each element, space-separated. */
char *
members_of (JsonNode   *array,
            const char *name)
{
  g_autoptr(GString) values = g_string_new (NULL);

  for (guint i = 0; i < json_length (array); i++)
    g_string_append_printf (values, "%s%s", i > 0 ? " " : "", json_str (json_element (array, i), name));
  return g_string_free (g_steal_pointer (&values), FALSE);
}

void
assert_members (JsonNode   *array,
                const char *name,
                const char *expected)
{
  g_autofree char *values = members_of (array, name);

  g_assert_cmpstr (values, ==, expected);
}

gint64
parse_time (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;

  g_assert_nonnull (text);
  dt = g_date_time_new_from_iso8601 (text, NULL);
  g_assert_nonnull (dt);
  /* UTC, to the second, as stored */
  g_assert_true (g_str_has_suffix (text, "Z"));
  g_assert_cmpuint (strlen (text), ==, strlen ("2030-05-01T10:00:00Z"));
  return g_date_time_to_unix (dt);
}

/* "2030-05-01" + @days */
char *
add_days (const char *date,
          int         days)
{
  int y, m, d;
  g_autoptr(GDate) gdate = NULL;

  g_assert_cmpint (sscanf (date, "%4d-%2d-%2d", &y, &m, &d), ==, 3);
  gdate = g_date_new_dmy (d, m, y);
  g_date_add_days (gdate, days);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (gdate), g_date_get_month (gdate),
                          g_date_get_day (gdate));
}

void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    {
      g_autofree char *message = g_strdup_printf ("“%s” not in:\n%s", needle, haystack);
      g_assert_cmpstr (message, ==, "");
    }
}

/* Runs SQL on the database, as the push worker would change it. */
void
exec_sql (Fixture    *f,
          const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LumDb) db = lum_db_open (f->db_path, &error);

  g_assert_no_error (error);
  lum_db_exec (db, sql, &error);
  g_assert_no_error (error);
}

/* -- set-up ------------------------------------------------------------------ */

/*
 * Integrations 1 (ShipStation) and 2 (QuickBooks); channels:
 *   1 Wholesale   so-first, invoice when the order is posted, push after 15 min, accounting
 *   2 Ship Later  so-first, invoice on each shipment, no push, no accounting
 *   3 Counter     internal, invoice-first, push immediately, accounting
 * customers 1 “Acme Corp” (Net 30, full addresses) and 2 “Bolt, Ltd” (due on
 * receipt); products W-1 (10.00) and G-2 (2.50).
 * FALSE when the test is skipped: the secrets need a Secret Service.
 */
gboolean
add_documents_setup (Fixture *f)
{
  const char *commands[][40] = {
    { "integration", "add", "--kind", "shipstation", "--name", "Sandbox ShipStation", NULL },
    { "integration", "add", "--kind", "quickbooks", "--name", "Sandbox QuickBooks", "--realm", "4620816365",
      "--client-id", "qb-client", NULL },
    { "channel", "create", "--name", "Wholesale", "--push-to-oms", "--integration", "Sandbox ShipStation",
      "--store", "1001", "--push-delay", "15", "--accounting", "Sandbox QuickBooks", NULL },
    { "channel", "create", "--name", "Ship Later", "--invoice-timing", "shipment-created", NULL },
    { "channel", "create", "--name", "Counter", "--internal", "--flow", "invoice-first", "--push-to-oms",
      "--integration", "Sandbox ShipStation", "--store", "1002", "--push-delay", "",
      "--accounting", "Sandbox QuickBooks", NULL },
    { "customer", "add", "--name", "Acme Corp", "--email", "buyer@acme.test", "--phone", "555-0100",
      "--company", "Acme Corporation", "--terms", "net30", "--sales-rep", "Dana",
      "--bill-street1", "PO Box 5", "--bill-city", "Springfield", "--bill-state", "IL",
      "--bill-postal-code", "62701", "--bill-country", "US",
      "--ship-street1", "1 Main St", "--ship-city", "Springfield", "--ship-state", "IL",
      "--ship-postal-code", "62704", "--ship-country", "US", "--ship-phone", "555-0101", NULL },
    { "customer", "add", "--name", "Bolt, Ltd", "--terms", "due on receipt", NULL },
    { "product", "add", "--sku", "W-1", "--name", "Widget", "--price", "10.00", "--weight-oz", "4.5", NULL },
    { "product", "add", "--sku", "G-2", "--name", "Gadget", "--price", "2.50", NULL },
  };

  /* the secrets of the first two, on standard input */
  const char *inputs[G_N_ELEMENTS (commands)] = { SHIPSTATION_SECRETS, QUICKBOOKS_SECRETS };

  if (!keyring_available ())
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(Result) result = run_argv_input (NULL, f->db_path, commands[i], inputs[i]);

      g_assert_cmpstr (result->err, ==, "");
      g_assert_cmpint (result->status, ==, 0);
    }
  return TRUE;
}

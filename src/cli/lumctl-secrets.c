/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "lumctl.h"

/*
 * Secrets come on standard input, one a line: an option or an argument
 * would be visible in the process list and kept in the shell's history.
 * On a terminal each is asked for without echo. Nothing here prints a
 * secret, and each copy is wiped before it is freed.
 */

static void
wipe_free (gpointer data)
{
  volatile char *p = data;

  if (p == NULL)
    return;
  while (*p != '\0')
    *p++ = '\0';
  g_free (data);
}

/* One line without its end, or %NULL at the end of the input. */
static char *
read_line (GError **error)
{
  char *buffer = NULL;
  size_t size = 0;
  ssize_t n = getline (&buffer, &size, stdin);
  char *line;

  if (n < 0)
    {
      free (buffer);
      if (ferror (stdin))
        g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO, _("Standard input could not be read"));
      return NULL;
    }
  line = g_strdup (g_strstrip (buffer));
  memset (buffer, 0, size);
  free (buffer);
  return line;
}

/* On a terminal: the label as a prompt on stderr, and no echo. */
static char *
ask (const char  *label,
     GError     **error)
{
  struct termios saved, quiet;
  gboolean echo_off;
  char *line;

  lumctl_printerr (_("%s: "), _(label));
  echo_off = tcgetattr (STDIN_FILENO, &saved) == 0;
  if (echo_off)
    {
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t)ECHO;
      echo_off = tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
  line = read_line (error);
  if (echo_off)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
  lumctl_printerr ("\n");
  return line;
}

static char *
dup_expected (const LumctlSecretSpec *specs,
              guint                   n_specs)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < n_specs; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", _(specs[i].label));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Lines after the secrets are a mistake (a key pasted twice, the wrong
 * file): refuse rather than guess which line was meant. */
static gboolean
check_rest_empty (const LumctlSecretSpec  *specs,
                  guint                    n_specs,
                  GError                 **error)
{
  char *line;

  while ((line = read_line (error)) != NULL)
    {
      gboolean blank = *line == '\0';

      wipe_free (line);
      if (!blank)
        {
          g_autofree char *expected = dup_expected (specs, n_specs);

          g_set_error (error, LUMCTL_ERROR, LUMCTL_ERROR_INPUT,
                       _("Standard input has more lines than expected (one a line: %s)"), expected);
          return FALSE;
        }
    }
  return error == NULL || *error == NULL;
}

/**
 * lumctl_read_secrets:
 * @specs: the secrets in the order of the lines
 *
 * Reads one secret a line from standard input. A required secret whose
 * line is missing or empty is an error that names it.
 *
 * Returns: (transfer full) (element-type utf8 utf8): name → value of the
 *   secrets given; an optional secret left empty is not in it
 */
GHashTable *
lumctl_read_secrets (const LumctlSecretSpec  *specs,
                     guint                    n_specs,
                     GError                 **error)
{
  g_autoptr(GHashTable) secrets = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, wipe_free);
  gboolean terminal = isatty (STDIN_FILENO);

  for (guint i = 0; i < n_specs; i++)
    {
      GError *local_error = NULL;
      char *value = terminal ? ask (specs[i].label, &local_error) : read_line (&local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      if (value == NULL || *value == '\0')
        {
          g_autofree char *expected = dup_expected (specs, n_specs);

          if (specs[i].optional)
            {
              wipe_free (value);
              continue;
            }
          if (value == NULL)
            g_set_error (error, LUMCTL_ERROR, LUMCTL_ERROR_INPUT,
                         _("%s is missing on standard input (one a line: %s)"), _(specs[i].label), expected);
          else
            g_set_error (error, LUMCTL_ERROR, LUMCTL_ERROR_INPUT,
                         _("%s on standard input is empty (one a line: %s)"), _(specs[i].label), expected);
          wipe_free (value);
          return NULL;
        }
      g_hash_table_insert (secrets, (gpointer)specs[i].name, value);
    }

  if (!terminal && !check_rest_empty (specs, n_specs, error))
    return NULL;
  return g_steal_pointer (&secrets);
}

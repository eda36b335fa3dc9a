/* scan-logs.c — no personal data in any log: after the other tests,
 * runs a few representative flows with G_MESSAGES_DEBUG=all (the
 * programs given after "--", their output kept in
 * LOGDIR/pii-scan-flows.txt), then scans every testlog*.txt of LOGDIR
 * (what the suites printed), that file and any further file given for a
 * VALID 居民身份证号: 18 characters (17 digits and a digit or X) not part
 * of a longer number, whose region, birth date and GB 11643 check
 * character core's zc_resident_id_validate accepts. One found fails the
 * test, naming the file and line and the number masked (the report is a
 * log too).
 *
 *   scan-logs LOGDIR [FILE…] [-- PROGRAM…]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "zc-id.h"
#include "zc-mask.h"

static gboolean
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

/* The number of valid resident ids in @text; each reported */
static guint
scan_text (const char *text,
           gsize       length,
           const char *name)
{
  guint found = 0, line = 1;

  for (gsize i = 0; i + 18 <= length; i++)
    {
      char id[19];
      gsize j;

      if (text[i] == '\n')
        line++;
      if (!is_digit (text[i]) || (i > 0 && is_digit (text[i - 1])))
        continue;
      for (j = i; j < i + 17 && is_digit (text[j]); j++)
        ;
      if (j < i + 17)
        continue;
      if (!is_digit (text[i + 17]) && text[i + 17] != 'X' && text[i + 17] != 'x')
        continue;
      /* not part of a longer number */
      if (i + 18 < length && (is_digit (text[i + 18]) || text[i + 18] == 'X' || text[i + 18] == 'x'))
        continue;
      memcpy (id, text + i, 18);
      id[18] = '\0';
      if (id[17] == 'x')
        id[17] = 'X';
      if (zc_resident_id_validate (id, NULL, NULL))
        {
          g_autofree char *masked = zc_mask_id (id);

          printf ("# %s:%u: a valid resident id (%s)\n", name, line, masked);
          found++;
        }
    }
  return found;
}

static guint
scan_file (const char *path)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = g_path_get_basename (path);
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return 0;
  return scan_text (contents, length, name);
}

/* the scanner finds what it must, and nothing in a longer number or a
 * masked one */
static gboolean
self_check (void)
{
  char id[19] = "11010519491231002";
  g_autofree char *masked = NULL;
  g_autofree char *line = NULL;
  g_autofree char *longer = NULL;

  id[17] = zc_resident_id_check_char (id);
  id[18] = '\0';
  masked = zc_mask_id (id);
  line = g_strdup_printf ("GET /applicants/%s → 200\n", id);
  longer = g_strdup_printf ("serial 9%s\nmasked %s\n", id, masked);
  return scan_text (line, strlen (line), "self-check") == 1
         && scan_text (longer, strlen (longer), "self-check") == 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *flows = NULL;
  const char *logdir;
  const char *name;
  guint found = 0;
  int i;

  if (argc < 2)
    {
      fprintf (stderr, "usage: scan-logs LOGDIR [FILE…] [-- PROGRAM…]\n");
      return 2;
    }
  logdir = argv[1];
  printf ("1..2\n");

  if (self_check ())
    printf ("ok 1 - the scanner finds a valid id and skips longer and masked numbers\n");
  else
    {
      printf ("not ok 1 - the scanner does not find a valid id\n");
      return 1;
    }

  for (i = 2; i < argc && strcmp (argv[i], "--") != 0; i++)
    g_ptr_array_add (files, g_strdup (argv[i]));

  /* the flows, with every debug message on */
  flows = g_build_filename (logdir, "pii-scan-flows.txt", NULL);
  if (i < argc)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "G_MESSAGES_DEBUG", "all", TRUE);

      for (i++; i < argc; i++)
        {
          char *program[] = { argv[i], NULL };
          g_autofree char *std_out = NULL, *std_err = NULL;
          g_autoptr(GError) error = NULL;
          int status = 0;

          if (!g_spawn_sync (NULL, program, env, G_SPAWN_DEFAULT, NULL, NULL,
                             &std_out, &std_err, &status, &error))
            {
              printf ("# %s did not run: %s\n", argv[i], error->message);
              continue;
            }
          g_string_append_printf (out, "==== %s (status %d)\n%s%s", argv[i], status,
                                  std_out ? std_out : "", std_err ? std_err : "");
        }
      g_file_set_contents (flows, out->str, out->len, NULL);
      g_ptr_array_add (files, g_strdup (flows));
    }

  dir = g_dir_open (logdir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "testlog") && g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (files, g_build_filename (logdir, name, NULL));

  for (guint k = 0; k < files->len; k++)
    {
      guint n = scan_file (g_ptr_array_index (files, k));

      printf ("# %s: %u\n", (char *) g_ptr_array_index (files, k), n);
      found += n;
    }

  if (found == 0)
    printf ("ok 2 - no valid resident id in %u logs\n", files->len);
  else
    printf ("not ok 2 - %u valid resident ids in the logs\n", found);
  return found == 0 ? 0 : 1;
}

/* draft-writer.c — helper of test-outbox's crash test: saves one draft
 * in a loop through ZcStore and reports each saved sequence number on
 * stdout, until it is killed.
 *
 *   draft-writer DB LOCAL_REF
 *
 * Body of save N: {"seq":N,"check":N*7,"text":<4 KiB of one letter chosen by N>}
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "zc-store.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ZcStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 3)
    {
      fprintf (stderr, "usage: draft-writer DB LOCAL_REF\n");
      return 2;
    }
  store = zc_store_new (argv[1], &error);
  if (store == NULL)
    {
      fprintf (stderr, "draft-writer: %s\n", error->message);
      return 1;
    }

  for (gint64 seq = 1; ; seq++)
    {
      g_autoptr(JsonObject) body = json_object_new ();
      g_autofree char *text = g_strnfill (4096, (char) ('a' + seq % 26));

      json_object_set_int_member (body, "seq", seq);
      json_object_set_int_member (body, "check", seq * 7);
      json_object_set_string_member (body, "text", text);
      if (!zc_store_save_draft_sync (store, argv[2], "clerk", body, &error))
        {
          fprintf (stderr, "draft-writer: %s\n", error->message);
          return 1;
        }
      printf ("%" G_GINT64_FORMAT "\n", seq);
      fflush (stdout);
    }
}

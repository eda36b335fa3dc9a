/* bench-demo-load.c — how long zc-platform --demo takes to fill an empty
 * database (zc_server_demo_load); run with `meson test --benchmark`
 *
 * Prints the time of each of a few loads into fresh temporary databases
 * and the best of them. A benchmark, not a test: it fails only when the
 * load fails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "zc-server-db.h"
#include "zc-server-demo.h"

#define N_LOADS 3

static double
load_once (const char *dir,
           guint       index,
           const char *data_dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("demo-%u.db", index);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  ZcServerDb *db;
  gint64 t0;
  double seconds;

  db = zc_server_db_open (path, &error);
  if (db == NULL)
    g_error ("cannot open %s: %s", path, error->message);
  t0 = g_get_monotonic_time ();
  if (!zc_server_demo_load (db, data_dir, &error))
    g_error ("the demo load failed: %s", error->message);
  seconds = (g_get_monotonic_time () - t0) / 1e6;
  zc_server_db_close (db);
  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  return seconds;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *data_dir = g_getenv ("ZC_DATA_DIR");
  g_autofree char *dir = NULL;
  double best = G_MAXDOUBLE;

  if (data_dir == NULL)
    data_dir = ZC_SOURCE_DATADIR;
  dir = g_dir_make_tmp ("zc-bench-demo-XXXXXX", &error);
  if (dir == NULL)
    g_error ("no temporary directory: %s", error->message);

  for (guint i = 0; i < N_LOADS; i++)
    {
      double seconds = load_once (dir, i, data_dir);

      g_print ("demo load %u: %.2f s\n", i + 1, seconds);
      best = MIN (best, seconds);
    }
  g_print ("demo load: best of %d %.2f s\n", N_LOADS, best);
  g_rmdir (dir);
  return EXIT_SUCCESS;
}

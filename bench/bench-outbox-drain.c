/* bench-outbox-drain.c — how fast the outbox delivers what queued up
 * during an outage; run with `meson test -C _build --benchmark outbox-drain`
 *
 * Spawns zc-platform (argv[1]) with the demo data on 127.0.0.1, logs the
 * clerk in and builds one complete case body, stops the platform (the
 * outage), queues N_QUEUED submissions in a fresh local store while the
 * outbox finds the platform away, starts the platform again on the same
 * database and address, and times the outbox (ZcOutbox, one entry after
 * the other: POST /cases, the transition to received, the store marks)
 * until nothing is queued. Prints submissions per second and the
 * median/95th percentile/max time between two deliveries. A benchmark,
 * not a test: it fails only when something is not delivered.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>

#include "zc-outbox.h"
#include "zc-test-case-body.h"
#include "zc-test-client.h"

#define N_QUEUED 1000
#define ITEM     "open_restaurant"
#define PASSWORD "demo1234"

static GSubprocess *
platform_start (const char *zc_platform,
                const char *db_path,
                guint       port,
                gboolean    demo)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *listen = g_strdup_printf ("127.0.0.1:%u", port);
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *url = NULL;
  GSubprocess *platform;

  platform = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, zc_platform,
                               "--db", db_path, "--listen", listen, demo ? "--demo" : NULL, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (platform));
  /* it prints its address once it listens */
  url = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (url);
  return platform;
}

static void
platform_stop (GSubprocess *platform)
{
  g_subprocess_send_signal (platform, SIGTERM);
  g_subprocess_wait (platform, NULL, NULL);
}

static JsonObject *
build_body (const char *url)
{
  g_autoptr(ZcClient) supervisor = zc_test_login (url, "supervisor", PASSWORD);
  g_autofree char *applicant = zc_test_first_person_applicant (supervisor);

  return zc_test_complete_case_body (supervisor, ITEM, applicant);
}

static void
delivered_cb (ZcOutbox      *outbox,
              ZcOutboxEntry *entry,
              GArray        *times)
{
  gint64 now = g_get_monotonic_time ();

  g_array_append_val (times, now);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GSubprocess) platform = NULL;
  g_autoptr(ZcClient) clerk = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(ZcStore) store = NULL;
  g_autoptr(ZcOutbox) outbox = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) gaps = g_array_new (FALSE, FALSE, sizeof (double));
  guint port;
  gint64 start;
  double seconds;

  if (argc < 2)
    {
      g_printerr ("usage: %s PATH-TO-zc-platform\n", argv[0]);
      return 2;
    }

  dir = g_dir_make_tmp ("zc-bench-outbox-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (dir, "platform.db", NULL);
  store_path = g_build_filename (dir, "local.db", NULL);
  port = zc_test_pick_port ();
  url = g_strdup_printf ("http://127.0.0.1:%u", port);

  platform = platform_start (argv[1], db_path, port, TRUE);
  clerk = zc_test_login (url, "clerk", PASSWORD);
  body = build_body (url);

  /* the outage: everything typed meanwhile queues */
  platform_stop (platform);
  g_clear_object (&platform);
  store = zc_store_new (store_path, &error);
  g_assert_no_error (error);
  outbox = zc_outbox_new (store, clerk);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_QUEUED; i++)
    {
      g_autofree char *ref = zc_store_new_local_ref (store);
      g_autoptr(ZcOutboxEntry) entry = zc_store_outbox_append (store, "clerk", "submit_case", ref, body, &error);

      g_assert_no_error (error);
    }
  g_print ("queued %d submissions in %.2f s (synchronous=FULL)\n", N_QUEUED,
           (g_get_monotonic_time () - start) / 1e6);
  g_assert_false (zc_outbox_flush_sync (outbox, NULL, &error));
  g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_NETWORK);
  g_clear_error (&error);

  /* the platform is back: the outbox delivers the backlog */
  platform = platform_start (argv[1], db_path, port, FALSE);
  g_signal_connect (outbox, "entry-sent", G_CALLBACK (delivered_cb), times);
  start = g_get_monotonic_time ();
  zc_outbox_kick (outbox);
  if (!zc_outbox_flush_sync (outbox, NULL, &error))
    g_error ("the outbox stopped: %s", error->message);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_assert_cmpuint (times->len, ==, N_QUEUED);
  g_assert_cmpuint (zc_store_outbox_count (store, "clerk", ZC_OUTBOX_SENT), ==, N_QUEUED);

  for (guint i = 1; i < times->len; i++)
    {
      double ms = (g_array_index (times, gint64, i) - g_array_index (times, gint64, i - 1)) / 1e3;

      g_array_append_val (gaps, ms);
    }
  g_array_sort (gaps, compare_double);
  g_print ("delivered %d queued submissions in %.2f s = %.1f submissions/s\n", N_QUEUED, seconds,
           N_QUEUED / seconds);
  g_print ("between two deliveries: median %.2f ms  p95 %.2f ms  max %.2f ms\n",
           g_array_index (gaps, double, gaps->len / 2),
           g_array_index (gaps, double, (gaps->len * 95) / 100),
           g_array_index (gaps, double, gaps->len - 1));

  g_clear_object (&outbox);
  g_clear_object (&store);
  platform_stop (platform);
  zc_test_remove_tree (dir);
  return 0;
}

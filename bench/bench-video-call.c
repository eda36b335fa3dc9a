/* bench-video-call.c — the remote window's call on loopback: time from
 * "start" to the first remote frame, and the workstation's CPU during a
 * 640×480 call (getrusage), against headless Chromium as the citizen,
 * inside a network namespace of its own (as video-e2e). Printed, not
 * asserted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/resource.h>

#include "zc-test-util.h"
#include "zc-video-call.h"
#include "zc-video-test-browser.h"
#include "zc-video-test-relay.h"

#define RUNS 3
#define CPU_SECONDS 10

static double
cpu_seconds (void)
{
  struct rusage u;

  getrusage (RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
}

static gboolean
has_remote_frame (gpointer data)
{
  return zc_video_call_get_frames_decoded (data) > 0;
}

int
main (int   argc,
      char *argv[])
{
  ZcVideoTestRelay *relay;
  ZcVideoTestBrowser *browser = NULL;
  double first[RUNS];

  if (!zc_video_test_enter_netns (argv))
    {
      g_print ("video-call: skipped (no network namespace)\n");
      return 0;
    }
  relay = zc_video_test_relay_start ();
  /* Chromium as citizens have it (their addresses hidden behind mDNS
   * names unless the page may use the camera), or with the hiding off
   * (ZC_VIDEO_TEST_SHOW_IPS=1, as the tests once ran it) */
  g_print ("video-call: Chromium's mDNS hiding of local addresses %s\n",
           g_getenv ("ZC_VIDEO_TEST_SHOW_IPS") != NULL ? "off (--disable-features)" : "on (default)");

  for (int run = 0; run < RUNS; run++)
    {
      g_autoptr(ZcVideoTestSession) session = zc_video_test_relay_create_session (relay);
      g_autoptr(ZcVideoCall) call = zc_video_call_new (ZC_VIDEO_SOURCE_TEST);
      gint64 start;

      /* the citizen's page is open and waiting when the clerk starts */
      if (browser == NULL)
        browser = zc_video_test_browser_start (session->citizen_url);
      else
        zc_video_test_browser_open_tab (browser, session->citizen_url);
      zc_test_spin_for (3000);

      zc_video_call_set_loopback_ice (call, TRUE);
      start = g_get_monotonic_time ();
      zc_video_call_start (call, NULL, session->signal_url, session->token);
      if (!zc_test_spin_until (has_remote_frame, call, 30, "a remote frame"))
        return 1;
      first[run] = (g_get_monotonic_time () - start) / 1000.0;
      g_print ("video-call: run %d: start -> first remote frame %.0f ms\n", run + 1, first[run]);

      if (run == RUNS - 1)
        {
          /* a settled 640×480 call: the workstation's CPU over 10 s */
          guint64 decoded0, sent0;
          gint64 browser0, browser1;
          double cpu0, cpu1, wall;
          gint64 t0;

          zc_test_spin_for (3000);
          decoded0 = zc_video_call_get_frames_decoded (call);
          sent0 = zc_video_call_get_frames_sent (call);
          browser0 = zc_video_test_browser_frames_decoded (browser);
          cpu0 = cpu_seconds ();
          t0 = g_get_monotonic_time ();
          zc_test_spin_for (CPU_SECONDS * 1000);
          cpu1 = cpu_seconds ();
          wall = (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC;
          browser1 = zc_video_test_browser_frames_decoded (browser);
          g_print ("video-call: 640x480 VP8+Opus call, %.0f s: workstation CPU %.0f %% of one core "
                   "(encode+decode+conversion), sent %.1f fps, decoded %.1f fps, browser decoded %.1f fps\n",
                   wall, 100.0 * (cpu1 - cpu0) / wall,
                   (zc_video_call_get_frames_sent (call) - sent0) / wall,
                   (zc_video_call_get_frames_decoded (call) - decoded0) / wall,
                   (browser1 - browser0) / wall);
        }
      zc_video_call_hang_up (call);
      zc_test_spin_for (500);
    }

  {
    double sum = 0, best = first[0];
    for (int i = 0; i < RUNS; i++)
      {
        sum += first[i];
        best = MIN (best, first[i]);
      }
    g_print ("video-call: start -> first remote frame: mean %.0f ms, best %.0f ms over %d runs\n",
             sum / RUNS, best, RUNS);
  }
  zc_video_test_browser_stop (browser);
  zc_video_test_relay_stop (relay);
  return 0;
}

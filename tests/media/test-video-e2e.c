/* test-video-e2e.c — the remote window's call end to end: the
 * workstation's ZcVideoCall (test sources, headless) and the citizen page
 * in headless Chromium, through the platform's signalling relay, inside a
 * network namespace this test makes (issue 12, points 3 and 4)
 *
 * zc-platform's relay and citizen page: zc-video-test-relay.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zc-test-util.h"
#include "zc-video-call.h"
#include "zc-video-test-browser.h"
#include "zc-video-test-relay.h"

#define MIN_FRAMES 5
#define FRAMES_WITHIN_S 15

/* Spins until the workstation has decoded more than @call_base + MIN_FRAMES
 * and the browser more than MIN_FRAMES; returns the seconds it took. */
static double
await_frames_both_ways (ZcVideoCall        *call,
                        ZcVideoTestBrowser *browser,
                        guint64             call_base)
{
  gint64 start = g_get_monotonic_time ();
  gint64 deadline = start + FRAMES_WITHIN_S * G_USEC_PER_SEC;
  gint64 browser_frames = -1;

  for (;;)
    {
      guint64 call_frames = zc_video_call_get_frames_decoded (call) - call_base;

      browser_frames = zc_video_test_browser_frames_decoded (browser);
      if (call_frames > MIN_FRAMES && browser_frames > MIN_FRAMES)
        break;
      if (g_get_monotonic_time () > deadline)
        {
          const GError *error = zc_video_call_get_error (call);

          g_test_message ("after %d s: workstation decoded %" G_GUINT64_FORMAT
                          " (received %" G_GUINT64_FORMAT ", sent %" G_GUINT64_FORMAT
                          "), browser %" G_GINT64_FORMAT "; call %s%s%s",
                          FRAMES_WITHIN_S, call_frames,
                          zc_video_call_get_frames_received (call),
                          zc_video_call_get_frames_sent (call), browser_frames,
                          g_enum_to_string (ZC_TYPE_VIDEO_CALL_STATE, zc_video_call_get_state (call)),
                          error != NULL ? ": " : "", error != NULL ? error->message : "");
          g_assert_not_reached ();
        }
      zc_test_spin_for (200);
    }
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

typedef struct
{
  ZcVideoCall *call;
  ZcVideoCallState state;
} StateWait;

static gboolean
call_in_state (gpointer data)
{
  StateWait *w = data;

  return zc_video_call_get_state (w->call) == w->state;
}

static void
await_call_state (ZcVideoCall     *call,
                  ZcVideoCallState state,
                  guint            seconds)
{
  StateWait w = { call, state };
  g_autofree char *what = g_strdup_printf ("the call %s",
                                           g_enum_to_string (ZC_TYPE_VIDEO_CALL_STATE, state));

  g_assert_true (zc_test_spin_until (call_in_state, &w, seconds, what));
}

static gboolean
peer_present (gpointer data)
{
  return zc_video_call_get_peer_present (data);
}

static ZcVideoCall *
start_call (ZcVideoTestSession *session)
{
  ZcVideoCall *call = zc_video_call_new (ZC_VIDEO_SOURCE_TEST);

  zc_video_call_set_loopback_ice (call, TRUE);
  zc_video_call_start (call, NULL, session->signal_url, session->token);
  await_call_state (call, ZC_VIDEO_CALL_WAITING, 10);
  return call;
}

static void
await_page_state (ZcVideoTestBrowser *browser,
                  const char         *state,
                  guint               seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  for (;;)
    {
      g_autofree char *now = zc_video_test_browser_page_state (browser);

      if (g_strcmp0 (now, state) == 0)
        return;
      if (g_get_monotonic_time () > deadline)
        {
          g_test_message ("the page is '%s', not '%s'", now, state);
          g_assert_not_reached ();
        }
      zc_test_spin_for (200);
    }
}

static void
test_e2e (void)
{
  ZcVideoTestRelay *relay = zc_video_test_relay_start ();
  g_autoptr(ZcVideoTestSession) session = zc_video_test_relay_create_session (relay);
  g_autoptr(ZcVideoTestSession) second = NULL;
  g_autoptr(ZcVideoCall) call = NULL;
  g_autoptr(ZcVideoCall) call2 = NULL;
  g_autofree char *state = NULL;
  g_autoptr(JsonNode) hung_up = NULL;
  ZcVideoTestBrowser *browser;
  GdkTexture *remote;
  guint64 base;
  double seconds, joined;
  gint64 launched;

  /* the clerk starts, the citizen opens the link: pictures both ways */
  call = start_call (session);
  g_assert_cmpint (zc_video_call_get_source (call), ==, ZC_VIDEO_SOURCE_TEST);
  g_assert_false (zc_video_call_get_peer_present (call));
  launched = g_get_monotonic_time ();
  browser = zc_video_test_browser_start (session->citizen_url);
  /* the 15 s are the call's, from the citizen joining; a browser starting
   * on a loaded machine is not (up to 30 s) */
  g_assert_true (zc_test_spin_until (peer_present, call, 30, "the citizen joining"));
  joined = (g_get_monotonic_time () - launched) / (double) G_USEC_PER_SEC;
  seconds = await_frames_both_ways (call, browser, 0);
  g_test_message ("the page joined %.1f s after the browser was started; first frames both ways "
                  "%.1f s after it joined", joined, seconds);
  await_call_state (call, ZC_VIDEO_CALL_CONNECTED, 5);
  g_assert_cmpuint (zc_video_call_get_frames_received (call), >=, zc_video_call_get_frames_decoded (call) / 2);
  remote = zc_video_call_get_remote_texture (call);
  g_assert_nonnull (remote);
  g_assert_cmpint (gdk_texture_get_width (remote), >, 0);
  g_assert_nonnull (zc_video_call_get_local_texture (call));
  g_assert_cmpint (gdk_texture_get_width (zc_video_call_get_local_texture (call)), ==, 320);
  state = zc_video_test_relay_session_state (relay, session);
  g_assert_cmpstr (state, ==, "connected");
  g_clear_pointer (&state, g_free);

  /* mute and camera off keep the call going */
  zc_video_call_set_muted (call, TRUE);
  zc_video_call_set_camera_off (call, TRUE);
  base = zc_video_call_get_frames_decoded (call);
  await_frames_both_ways (call, browser, base);
  zc_video_call_set_muted (call, FALSE);
  zc_video_call_set_camera_off (call, FALSE);

  /* the citizen closes the tab: the clerk sees it; they come back */
  zc_video_test_browser_close_tab (browser);
  await_call_state (call, ZC_VIDEO_CALL_PEER_LEFT, 10);
  g_assert_false (zc_video_call_get_peer_present (call));
  g_assert_null (zc_video_call_get_remote_texture (call));
  zc_video_test_browser_open_tab (browser, session->citizen_url);
  base = zc_video_call_get_frames_decoded (call);
  seconds = await_frames_both_ways (call, browser, base);
  g_test_message ("rejoined: frames both ways after %.1f s", seconds);
  await_call_state (call, ZC_VIDEO_CALL_CONNECTED, 5);

  /* the clerk hangs up: the page has the bye and says so; the
   * workstation ends the session (DELETE, as the window does) */
  zc_video_call_hang_up (call);
  g_assert_cmpint (zc_video_call_get_state (call), ==, ZC_VIDEO_CALL_ENDED);
  await_page_state (browser, "ended", 5);
  zc_video_test_relay_end_session (relay, session);
  state = zc_video_test_relay_session_state (relay, session);
  g_assert_cmpstr (state, ==, "ended");
  g_clear_pointer (&state, g_free);

  /* another call; this time the citizen hangs up (window.zcHangUp, what
   * the page's 挂断 button does) */
  second = zc_video_test_relay_create_session (relay);
  call2 = start_call (second);
  zc_video_test_browser_open_tab (browser, second->citizen_url);
  await_frames_both_ways (call2, browser, 0);
  hung_up = zc_video_test_browser_eval (browser,
    "typeof window.zcHangUp === 'function' && document.getElementById ('hangup') !== null"
    " && (window.zcHangUp (), true)");
  g_assert_nonnull (hung_up);
  g_assert_true (json_node_get_boolean (hung_up));
  await_call_state (call2, ZC_VIDEO_CALL_ENDED, 5);
  g_assert_null (zc_video_call_get_error (call2));
  await_page_state (browser, "ended", 5);
  /* a bye is relayed, it does not end the session: the DELETE does */
  state = zc_video_test_relay_session_state (relay, second);
  g_assert_cmpstr (state, !=, "ended");
  g_clear_pointer (&state, g_free);
  zc_video_test_relay_end_session (relay, second);
  state = zc_video_test_relay_session_state (relay, second);
  g_assert_cmpstr (state, ==, "ended");
  g_clear_pointer (&state, g_free);

  zc_video_test_browser_stop (browser);
  zc_video_test_relay_stop (relay);
}

static const char *skip_reason;

static void
test_e2e_or_skip (void)
{
  if (skip_reason != NULL)
    g_test_skip (skip_reason);
  else
    test_e2e ();
}

int
main (int   argc,
      char *argv[])
{
  gboolean in_netns = zc_video_test_enter_netns (argv);

  g_test_init (&argc, &argv, NULL);
  if (!in_netns)
    skip_reason = "needs a network namespace of its own (unshare --net: root or user namespaces)";
  else if (!g_file_test ("/usr/lib/chromium/chromium", G_FILE_TEST_IS_EXECUTABLE))
    skip_reason = "needs Debian's chromium";
  g_test_add_func ("/video/e2e", test_e2e_or_skip);
  return g_test_run ();
}

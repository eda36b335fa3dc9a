/* test-video-e2e.c — the remote window's call end to end: the
 * workstation's ZcVideoCall (test sources, headless) and the citizen page
 * in headless Chromium, through the platform's signalling relay, inside a
 * network namespace this test makes (issue 12, points 3 and 4); and a
 * material page shared over the call's data channel (/video/e2e/share),
 * and the clerk's state (muted, camera off, recording) on the same
 * channel, said on the citizen's page.
 * ZC_TEST_SHOT_DIR=DIR keeps the citizen's page as citizen-shared.png.
 *
 * zc-platform's relay and citizen page: zc-video-test-relay.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
#include <cairo-pdf.h>

#include "zc-page-share.h"
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

/* An ended call's page: the clerk's picture's place says the call is
 * over (not "shown once the clerk connects"), and 打开声音, shown when
 * the browser held back the sound, is gone with the call */
static void
assert_page_shows_ended (ZcVideoTestBrowser *browser)
{
  g_autoptr(JsonNode) placeholder = zc_video_test_browser_eval (browser,
    "document.getElementById ('remote-placeholder').hidden ? '(hidden)'"
    " : document.getElementById ('remote-placeholder').textContent");
  g_autoptr(JsonNode) sound = zc_video_test_browser_eval (browser,
    "document.getElementById ('sound').hidden");

  g_assert_nonnull (placeholder);
  g_assert_cmpstr (json_node_get_string (placeholder), ==, "通话已结束");
  g_assert_nonnull (sound);
  g_assert_true (json_node_get_boolean (sound));
}

static ZcVideoCall *
start_call (ZcVideoTestSession *session)
{
  ZcVideoCall *call = zc_video_call_new (ZC_VIDEO_SOURCE_TEST);
  gboolean loopback = FALSE;

  /* the platform on 127.0.0.1: the citizen is on this machine, and the
   * call gives libnice loopback by itself (issue 12) */
  zc_video_call_start (call, NULL, session->signal_url, session->token);
  g_object_get (call, "loopback-ice", &loopback, NULL);
  g_assert_true (loopback);
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
  assert_page_shows_ended (browser);
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
  /* a rejoined page waits for the clerk again */
  {
    g_autoptr(JsonNode) waiting = zc_video_test_browser_eval (browser,
      "document.getElementById ('remote-placeholder').textContent");

    g_assert_nonnull (waiting);
    g_assert_cmpstr (json_node_get_string (waiting), !=, "通话已结束");
  }
  /* as when a browser holds back the sound until a click */
  g_autoptr(JsonNode) shown = zc_video_test_browser_eval (browser,
    "(document.getElementById ('sound').hidden = false, true)");
  g_assert_nonnull (shown);
  hung_up = zc_video_test_browser_eval (browser,
    "typeof window.zcHangUp === 'function' && document.getElementById ('hangup') !== null"
    " && (window.zcHangUp (), true)");
  g_assert_nonnull (hung_up);
  g_assert_true (json_node_get_boolean (hung_up));
  await_call_state (call2, ZC_VIDEO_CALL_ENDED, 5);
  g_assert_null (zc_video_call_get_error (call2));
  await_page_state (browser, "ended", 5);
  assert_page_shows_ended (browser);
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

/* ---- the citizen allows the camera after the offer -------------------------- */

/* The citizen's answer to the browser's camera prompt, held until the
 * test gives it (window.zcTestAllow ()): getUserMedia waits, as while a
 * citizen reads the prompt */
static const char HOLD_CAMERA[] =
  "(() => {"
  "  const md = navigator.mediaDevices;"
  "  const real = md.getUserMedia.bind (md);"
  "  let allow;"
  "  const allowed = new Promise ((r) => { allow = r; });"
  "  window.zcTestAllow = () => allow ();"
  "  md.getUserMedia = async (c) => { await allowed; return real (c); };"
  "}) ();";

/* As Chrome is for a citizen: the page's addresses are hidden behind
 * mDNS names for a peer connection made before the page may use the
 * camera. The clerk's offer comes while the citizen still reads the
 * prompt; they allow a moment later: the page made its connection only
 * then, with real addresses, and the call connects (made at the offer,
 * as the page once did, it had only .local names — in this namespace
 * none at all — and never connected). */
static void
test_camera_later (void)
{
  ZcVideoTestRelay *relay = zc_video_test_relay_start ();
  g_autoptr(ZcVideoTestSession) session = zc_video_test_relay_create_session (relay);
  g_autoptr(ZcVideoCall) call = NULL;
  g_autoptr(GUri) uri = g_uri_parse (session->citizen_url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *origin = NULL;
  g_autoptr(JsonNode) allowed = NULL;
  ZcVideoTestBrowser *browser;
  double seconds;

  g_assert_nonnull (uri);
  origin = g_strdup_printf ("%s://%s:%d", g_uri_get_scheme (uri), g_uri_get_host (uri), g_uri_get_port (uri));
  call = start_call (session);
  browser = zc_video_test_browser_start_asking (session->citizen_url, HOLD_CAMERA);
  g_assert_true (zc_test_spin_until (peer_present, call, 30, "the citizen joining"));
  g_assert_cmpint (zc_video_call_get_state (call), ==, ZC_VIDEO_CALL_NEGOTIATING);
  /* the offer is on the page; the citizen reads the prompt */
  zc_test_spin_for (1500);
  g_assert_cmpint (zc_video_call_get_frames_decoded (call), ==, 0);
  g_assert_true (zc_video_test_browser_grant_camera (browser, origin));
  allowed = zc_video_test_browser_eval (browser, "(window.zcTestAllow (), true)");
  g_assert_nonnull (allowed);
  seconds = await_frames_both_ways (call, browser, 0);
  g_test_message ("camera allowed after the offer: frames both ways %.1f s later", seconds);

  zc_video_call_hang_up (call);
  zc_video_test_relay_end_session (relay, session);
  zc_video_test_browser_stop (browser);
  zc_video_test_relay_stop (relay);
}

/* ---- a LAN inside the namespace ----------------------------------------------- */

/* Runs @script under /bin/sh (inside the test's namespace); TRUE when it
 * exited 0 */
static gboolean
run_sh (const char *script)
{
  const char *argv[] = { "/bin/sh", "-c", script, NULL };
  int status = -1;

  return g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                       NULL, NULL, NULL, NULL, &status, NULL)
         && g_spawn_check_wait_status (status, NULL);
}

/* Chromium with no network flag at all (no loopback, mDNS hiding on),
 * the namespace given a LAN (a veth pair, 10.99.0.1 and .2): the page's
 * candidates are those addresses, libnice gathers on them too, frames
 * both ways — the citizen on the counter's LAN */
static void
test_lan (void)
{
  ZcVideoTestRelay *relay;
  g_autoptr(ZcVideoTestSession) session = NULL;
  g_autoptr(ZcVideoCall) call = NULL;
  ZcVideoTestBrowser *browser;
  double seconds;

  if (!run_sh ("PATH=\"$PATH:/usr/sbin:/sbin\"; ip link add zcva type veth peer name zcvb"
               " && ip addr add 10.99.0.1/24 dev zcva && ip addr add 10.99.0.2/24 dev zcvb"
               " && ip link set zcva up && ip link set zcvb up"))
    {
      g_test_skip ("no veth pair can be made in this namespace");
      return;
    }
  relay = zc_video_test_relay_start ();
  session = zc_video_test_relay_create_session (relay);
  call = start_call (session);
  browser = zc_video_test_browser_start_lan (session->citizen_url);
  g_assert_true (zc_test_spin_until (peer_present, call, 30, "the citizen joining"));
  seconds = await_frames_both_ways (call, browser, 0);
  g_test_message ("on the namespace's LAN: frames both ways %.1f s after the citizen joined", seconds);

  zc_video_call_hang_up (call);
  zc_video_test_relay_end_session (relay, session);
  zc_video_test_browser_stop (browser);
  zc_video_test_relay_stop (relay);
  g_assert_true (run_sh ("PATH=\"$PATH:/usr/sbin:/sbin\"; ip link del zcva"));
}

/* ---- sharing a material page ---------------------------------------------- */

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A two-page A4 PDF, as a material upload would be */
static GBytes *
make_pdf (void)
{
  GByteArray *out = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_bytes, out, 595, 842);
  cairo_t *cr = cairo_create (surface);

  for (int page = 1; page <= 2; page++)
    {
      g_autofree char *text = g_strdup_printf ("营业执照 第 %d 页", page);

      cairo_set_source_rgb (cr, 0.1, 0.2, 0.6);
      cairo_rectangle (cr, 60, 60, 475, 120);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_select_font_face (cr, "Noto Sans CJK SC", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
      cairo_set_font_size (cr, 28);
      cairo_move_to (cr, 60, 260);
      cairo_show_text (cr, text);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (out);
}

static void
on_result (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static gboolean
share_ready (gpointer data)
{
  return zc_page_share_get_ready (data);
}

static gboolean
share_shown (gpointer data)
{
  return zc_page_share_get_shown (data);
}

/* Spins until the citizen's page says @words of the clerk over their
 * picture (window.zcStats ().clerk: "" when nothing is said) */
static void
await_clerk_state (ZcVideoTestBrowser *browser,
                   const char         *words,
                   guint               seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  for (;;)
    {
      g_autoptr(JsonNode) now = zc_video_test_browser_eval (browser, "window.zcStats ().then (s => s.clerk)");
      const char *text = now != NULL && JSON_NODE_HOLDS_VALUE (now) ? json_node_get_string (now) : NULL;

      if (g_strcmp0 (text, words) == 0)
        return;
      if (g_get_monotonic_time () > deadline)
        {
          g_test_message ("the page says '%s' of the clerk, not '%s'", text ? text : "(null)", words);
          g_assert_not_reached ();
        }
      zc_test_spin_for (100);
    }
}

/* window.zcStats ().shared: {id,width,height,shownWidth,shownHeight} or null */
static JsonNode *
page_shared (ZcVideoTestBrowser *browser)
{
  return zc_video_test_browser_eval (browser,
    "window.zcStats ().then (s => s.shared)");
}

static void
test_share (void)
{
  ZcVideoTestRelay *relay = zc_video_test_relay_start ();
  g_autoptr(ZcVideoTestSession) session = zc_video_test_relay_create_session (relay);
  g_autoptr(ZcVideoCall) call = NULL;
  g_autoptr(ZcPageShare) share = NULL;
  g_autoptr(GBytes) pdf = make_pdf ();
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) shared = NULL;
  g_autoptr(JsonNode) beside = NULL;
  ZcVideoTestBrowser *browser;
  JsonObject *o;
  const char *shot_dir = g_getenv ("ZC_TEST_SHOT_DIR");
  int width = 0, height = 0;
  gint64 start;
  double seconds;

  call = start_call (session);
  share = zc_page_share_new (call);
  g_assert_false (zc_page_share_get_ready (share));
  /* before the citizen is there: refused, with a reason */
  {
    g_autoptr(GBytes) nothing = g_bytes_new_static ("x", 1);
    g_assert_false (zc_page_share_show (share, nothing, 1, 1, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED);
    g_clear_error (&error);
  }

  /* the page is rendered on a worker: 2 pages; page 2 as a PNG, its
   * longer side ZC_PAGE_SHARE_MAX_SIDE; no page 3 */
  zc_page_share_count_pages_async (pdf, NULL, on_result, &result);
  g_assert_true (zc_test_spin_until (is_set, &result, 10, "the pages counted"));
  g_assert_cmpint (zc_page_share_count_pages_finish (result, &error), ==, 2);
  g_assert_no_error (error);
  g_clear_object (&result);
  zc_page_share_render_async (pdf, 2, NULL, on_result, &result);
  g_assert_true (zc_test_spin_until (is_set, &result, 10, "page 3 refused"));
  g_assert_null (zc_page_share_render_finish (result, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_clear_object (&result);
  zc_page_share_render_async (pdf, 1, NULL, on_result, &result);
  g_assert_true (zc_test_spin_until (is_set, &result, 10, "page 2 rendered"));
  png = zc_page_share_render_finish (result, &width, &height, &error);
  g_assert_no_error (error);
  g_assert_nonnull (png);
  g_assert_cmpint (height, ==, ZC_PAGE_SHARE_MAX_SIDE);
  g_assert_cmpint (width, ==, (int) (595.0 * ZC_PAGE_SHARE_MAX_SIDE / 842.0 + 0.5));
  g_assert_cmpmem (g_bytes_get_data (png, NULL), 8, "\x89PNG\r\n\x1a\n", 8);
  g_test_message ("page 2 as PNG: %d × %d, %zu bytes", width, height, g_bytes_get_size (png));

  /* the citizen joins: the channel opens with the call */
  browser = zc_video_test_browser_start (session->citizen_url);
  g_assert_true (zc_test_spin_until (peer_present, call, 30, "the citizen joining"));
  await_frames_both_ways (call, browser, 0);
  g_assert_true (zc_test_spin_until (share_ready, share, 10, "the page channel open"));

  /* shared: the citizen's page has decoded exactly that picture and shows
   * it larger than the clerk's video, beside it */
  start = g_get_monotonic_time ();
  g_assert_true (zc_page_share_show (share, png, width, height, &error));
  g_assert_no_error (error);
  g_assert_true (zc_page_share_get_sharing (share));
  if (!zc_test_spin_until (share_shown, share, 10, "the citizen's page showing the page"))
    {
      g_autoptr(JsonNode) stats = zc_video_test_browser_eval (browser, "window.zcStats ()");
      g_autofree char *text = stats != NULL ? json_to_string (stats, FALSE) : g_strdup ("null");

      g_test_message ("the citizen's page: %s", text);
      g_assert_not_reached ();
    }
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_test_message ("the citizen's page showed the shared page %.2f s after it was sent", seconds);
  shared = page_shared (browser);
  g_assert_nonnull (shared);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (shared));
  o = json_node_get_object (shared);
  g_assert_cmpint (json_object_get_int_member (o, "width"), ==, width);
  g_assert_cmpint (json_object_get_int_member (o, "height"), ==, height);
  g_assert_cmpint (json_object_get_int_member (o, "shownHeight"), >, 300);
  beside = zc_video_test_browser_eval (browser,
    "(() => { const s = document.getElementById ('shared').getBoundingClientRect ();"
    " const r = document.getElementById ('remote').getBoundingClientRect ();"
    " return s.width * s.height > r.width * r.height && s.right <= r.left + 1; }) ()");
  g_assert_nonnull (beside);
  g_assert_true (json_node_get_boolean (beside));
  if (shot_dir != NULL)
    {
      g_autofree char *path = g_build_filename (shot_dir, "citizen-shared.png", NULL);
      g_assert_true (zc_video_test_browser_screenshot (browser, path));
      g_test_message ("screenshot %s", path);
    }
  /* the call goes on meanwhile */
  await_frames_both_ways (call, browser, zc_video_call_get_frames_decoded (call));

  /* the clerk's state, over the clerk's picture on the citizen's page:
   * nothing while all is on; muted, camera off, recording said; gone
   * again when they are not */
  await_clerk_state (browser, "", 5);
  zc_video_call_set_muted (call, TRUE);
  await_clerk_state (browser, "工作人员已静音", 10);
  zc_video_call_set_camera_off (call, TRUE);
  zc_page_share_set_recording (share, TRUE);
  await_clerk_state (browser, "工作人员已静音工作人员已关闭摄像头● 正在录像", 10);
  {
    g_autoptr(JsonNode) over = zc_video_test_browser_eval (browser,
      "(() => { const c = document.getElementById ('clerk-state').getBoundingClientRect ();"
      " const r = document.getElementById ('remote').getBoundingClientRect ();"
      " return c.width > 0 && c.top >= r.top && c.bottom <= r.bottom && c.left >= r.left; }) ()");

    g_assert_nonnull (over);
    g_assert_true (json_node_get_boolean (over));
  }
  if (shot_dir != NULL)
    {
      g_autofree char *path = g_build_filename (shot_dir, "citizen-clerk-state.png", NULL);
      g_assert_true (zc_video_test_browser_screenshot (browser, path));
      g_test_message ("screenshot %s", path);
    }
  zc_video_call_set_muted (call, FALSE);
  zc_video_call_set_camera_off (call, FALSE);
  zc_page_share_set_recording (share, FALSE);
  await_clerk_state (browser, "", 10);

  /* 停止共享: gone from the citizen's screen */
  zc_page_share_stop (share);
  g_assert_false (zc_page_share_get_sharing (share));
  g_assert_false (zc_page_share_get_shown (share));
  for (gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;;)
    {
      g_autoptr(JsonNode) now = page_shared (browser);
      g_autoptr(JsonNode) hidden = NULL;

      g_assert_nonnull (now);
      if (JSON_NODE_HOLDS_NULL (now))
        {
          hidden = zc_video_test_browser_eval (browser,
            "document.getElementById ('shared-box').hidden && !document.getElementById ('shared').src");
          g_assert_nonnull (hidden);
          g_assert_true (json_node_get_boolean (hidden));
          break;
        }
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      zc_test_spin_for (100);
    }
  /* shared again after a stop, then the citizen leaves: sharing ends */
  g_assert_true (zc_page_share_show (share, png, width, height, &error));
  g_assert_true (zc_test_spin_until (share_shown, share, 10, "shown again"));
  zc_video_test_browser_close_tab (browser);
  await_call_state (call, ZC_VIDEO_CALL_PEER_LEFT, 10);
  g_assert_false (zc_page_share_get_sharing (share));
  g_assert_false (zc_page_share_get_shown (share));

  zc_video_call_hang_up (call);
  zc_video_test_relay_end_session (relay, session);
  zc_video_test_browser_stop (browser);
  zc_video_test_relay_stop (relay);
}

/* ---- main-context stalls (the ASan investigation, issue 12) --------------- */

static gint64 last_tick;
static gint64 longest_gap;

/* every 100 ms: a gap much longer says the main context, which runs the
 * relay, the call's signalling and the DevTools client, was blocked */
static gboolean
watchdog_tick (gpointer data)
{
  gint64 now = g_get_monotonic_time ();
  gint64 gap = now - last_tick;

  if (last_tick != 0 && gap > 500 * 1000)
    g_test_message ("the main context was blocked for %.1f s", gap / (double) G_USEC_PER_SEC);
  if (last_tick != 0)
    longest_gap = MAX (longest_gap, gap);
  last_tick = now;
  return G_SOURCE_CONTINUE;
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

static void
test_camera_later_or_skip (void)
{
  if (skip_reason != NULL)
    g_test_skip (skip_reason);
  else
    test_camera_later ();
}

static void
test_lan_or_skip (void)
{
  if (skip_reason != NULL)
    g_test_skip (skip_reason);
  else
    test_lan ();
}

static void
test_share_or_skip (void)
{
  if (skip_reason != NULL)
    g_test_skip (skip_reason);
  else
    test_share ();
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
  g_timeout_add (100, watchdog_tick, NULL);
  g_test_add_func ("/video/e2e", test_e2e_or_skip);
  g_test_add_func ("/video/e2e/share", test_share_or_skip);
  g_test_add_func ("/video/e2e/camera-later", test_camera_later_or_skip);
  g_test_add_func ("/video/e2e/lan", test_lan_or_skip);
  {
    int status = g_test_run ();

    g_test_message ("the longest main-context gap: %.2f s", longest_gap / (double) G_USEC_PER_SEC);
    return status;
  }
}

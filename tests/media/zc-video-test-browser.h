/* zc-video-test-browser.h — the citizen: Debian's headless Chromium,
 * driven through the DevTools protocol over a libsoup WebSocket
 * (--remote-debugging-port on 127.0.0.1; run it inside the test's own
 * network namespace, ENVIRONMENT.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _ZcVideoTestBrowser ZcVideoTestBrowser;

/* Starts Chromium (fake camera and microphone, a fresh profile) on @url;
 * asserts that it started and that its DevTools answer. */
ZcVideoTestBrowser *zc_video_test_browser_start    (const char         *url);
/* As zc_video_test_browser_start, without --allow-loopback-in-peer-connection:
 * WebRTC only on the namespace's other interfaces (a veth pair the test
 * made), as a citizen's browser on a LAN */
ZcVideoTestBrowser *zc_video_test_browser_start_lan  (const char *url);
/* As a citizen's browser: camera requests are not granted by themselves
 * (headless refuses them) — zc_video_test_browser_grant_camera is the
 * citizen clicking 允许 (kept while the browser is driven). Starts on
 * about:blank, adds @init_script (nullable) to every document, then
 * opens @url. */
ZcVideoTestBrowser *zc_video_test_browser_start_asking (const char *url,
                                                        const char *init_script);
gboolean            zc_video_test_browser_grant_camera (ZcVideoTestBrowser *browser,
                                                        const char         *origin);
/* Evaluates @expression in the page (promises awaited); returns its
 * value (transfer full), or NULL when it threw. */
JsonNode           *zc_video_test_browser_eval     (ZcVideoTestBrowser *browser,
                                                    const char         *expression);
/* window.zcStats ().framesDecoded; -1 when the page cannot say */
gint64              zc_video_test_browser_frames_decoded (ZcVideoTestBrowser *browser);
/* window.zcStats ().state, or NULL */
char               *zc_video_test_browser_page_state (ZcVideoTestBrowser *browser);
/* Saves a PNG of the page (1280×900) at @path; FALSE when it cannot */
gboolean            zc_video_test_browser_screenshot (ZcVideoTestBrowser *browser,
                                                      const char         *path);
/* Closes the page's tab (the citizen leaves) */
void                zc_video_test_browser_close_tab (ZcVideoTestBrowser *browser);
/* Opens @url in a new tab and drives that one from then on */
void                zc_video_test_browser_open_tab (ZcVideoTestBrowser *browser,
                                                    const char         *url);
/* Stops the browser and its children, removes the profile */
void                zc_video_test_browser_stop     (ZcVideoTestBrowser *browser);

/* The command for a namespace of the test's own: when not yet inside one
 * (ZC_VIDEO_NETNS unset), re-executes @argv under `unshare --net` with
 * loopback up and never returns; when that cannot be done, returns FALSE
 * (the caller skips). Inside, returns TRUE. */
gboolean            zc_video_test_enter_netns      (char              **argv);

G_END_DECLS

/* zc-video-test-relay.h — where the video tests get a call session from
 *
 * Until zc-platform serves video-sessions, its relay and the citizen page
 * (issue 12, point 1), the tests run against a stand-in of their own that
 * follows the same protocol (zc-video-test-relay.c: a SoupServer on
 * 127.0.0.1 with the WebSocket relay and a minimal citizen page).
 * ZC_VIDEO_TEST_USE_PLATFORM (below) switches every video test and the
 * bench to the real zc-platform: that is the one place to change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* 1: zc-platform's video-sessions, relay and citizen page;
 * 0: the stand-in relay of this folder. */
#ifndef ZC_VIDEO_TEST_USE_PLATFORM
#define ZC_VIDEO_TEST_USE_PLATFORM 0
#endif

typedef struct _ZcVideoTestRelay ZcVideoTestRelay;

typedef struct
{
  char *id;
  char *signal_url;    /* the clerk's WebSocket (http://…/signal) */
  char *token;         /* the clerk's bearer token */
  char *citizen_url;   /* {base}/join/{code} */
  char *join_code;
} ZcVideoTestSession;

/* Starts the backend on 127.0.0.1 (asserts it started). */
ZcVideoTestRelay   *zc_video_test_relay_start          (void);
/* POST /api/v1/video-sessions for a case of the backend */
ZcVideoTestSession *zc_video_test_relay_create_session (ZcVideoTestRelay   *relay);
/* GET /api/v1/video-sessions/{id} → "state" (waiting|connected|ended) */
char               *zc_video_test_relay_session_state  (ZcVideoTestRelay   *relay,
                                                        ZcVideoTestSession *session);
void                zc_video_test_relay_stop           (ZcVideoTestRelay   *relay);
void                zc_video_test_session_free         (ZcVideoTestSession *session);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZcVideoTestSession, zc_video_test_session_free)

G_END_DECLS

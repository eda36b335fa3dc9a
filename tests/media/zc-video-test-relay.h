/* zc-video-test-relay.h — where the video tests get a call session from:
 * zc-platform on 127.0.0.1 (a fresh demo database, logged in as the
 * clerk), its video-sessions, its signalling relay and its citizen page
 * (GET /join/{code}) — the ones the app uses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _ZcVideoTestRelay ZcVideoTestRelay;

typedef struct
{
  gint64 id;
  char *signal_url;    /* the clerk's WebSocket (http://…/signal) */
  char *token;         /* the clerk's bearer token */
  char *citizen_url;   /* {base}/join/{code} */
  char *join_code;
} ZcVideoTestSession;

/* Starts zc-platform on 127.0.0.1 (asserts it started). */
ZcVideoTestRelay   *zc_video_test_relay_start          (void);
/* POST /api/v1/video-sessions for a case of the backend */
ZcVideoTestSession *zc_video_test_relay_create_session (ZcVideoTestRelay   *relay);
/* GET /api/v1/video-sessions/{id} → "state" (waiting|connected|ended) */
char               *zc_video_test_relay_session_state  (ZcVideoTestRelay   *relay,
                                                        ZcVideoTestSession *session);
/* DELETE /api/v1/video-sessions/{id}: what the workstation does when
 * its call ends (asserts 204) */
void                zc_video_test_relay_end_session    (ZcVideoTestRelay   *relay,
                                                        ZcVideoTestSession *session);
/* The clerk's ZcClient, logged in (owned by the relay) */
gpointer            zc_video_test_relay_get_client     (ZcVideoTestRelay   *relay);
void                zc_video_test_relay_stop           (ZcVideoTestRelay   *relay);
void                zc_video_test_session_free         (ZcVideoTestSession *session);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZcVideoTestSession, zc_video_test_session_free)

G_END_DECLS

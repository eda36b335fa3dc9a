/* zc-remote-window-page.h — 远程窗口: the clerk's side of a video call
 * with a citizen at a distance, for one case
 *
 * The join code (large) and a QR code of the citizen's link on the left,
 * with the call's state in words and what the camera is (a test source is
 * said); the citizen's video large, the clerk's own small; mute, camera
 * off and hang up (Alt+M, Alt+C, Alt+H); 共享材料… / 停止共享 (Alt+P,
 * Alt+T: zc-remote-share-bar.h) and the camera for the next call
 * (Alt+A: zc-camera-chooser.h).
 *
 * Actions: remote.start (emits "start-requested" with the case id: the
 * owner asks the platform for a video session and calls
 * zc_remote_window_page_start_call), remote.hang-up (asks first:
 * "结束与申请人的视频？" 结束视频 / 继续; Enter and Escape answer 继续).
 *
 * The state is said once, on the left; the video's place only says the
 * citizen's picture comes there. The clerk's own picture is small in the
 * bottom-right corner of the citizen's. When a call is over nothing of
 * it stays pressed or shown (mute, camera off, the shared page); a new
 * call starts clean (the identity check's last result too).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "zc-client.h"
#include "zc-video-call.h"

G_BEGIN_DECLS

#define ZC_TYPE_REMOTE_WINDOW_PAGE (zc_remote_window_page_get_type ())
G_DECLARE_FINAL_TYPE (ZcRemoteWindowPage, zc_remote_window_page, ZC, REMOTE_WINDOW_PAGE, GtkWidget)

GtkWidget   *zc_remote_window_page_new        (void);

/* TRUE from the call's start until it ends: the page then stays on the
 * call's case (set_case with another case does nothing) */
gboolean     zc_remote_window_page_has_live_call (ZcRemoteWindowPage *self);
gint64       zc_remote_window_page_get_case_id   (ZcRemoteWindowPage *self);

/* The case the session is for (@title: its number and item, shown);
 * ignored for another case while a call is live */
void         zc_remote_window_page_set_case   (ZcRemoteWindowPage *self,
                                               gint64              case_id,
                                               const char         *title);

/* Shows the session the platform made and starts @call (a ref is kept)
 * on its signalling socket @signal_url with the clerk's @token, through
 * @session (the client's, for its TLS settings; NULL: the call's own). */
void         zc_remote_window_page_start_call (ZcRemoteWindowPage *self,
                                               ZcVideoCall        *call,
                                               SoupSession        *session,
                                               const char         *join_code,
                                               const char         *citizen_url,
                                               const char         *signal_url,
                                               const char         *token);

ZcVideoCall *zc_remote_window_page_get_call   (ZcRemoteWindowPage *self);

/* Where 共享材料… finds the case's documents */
void         zc_remote_window_page_set_client (ZcRemoteWindowPage *self,
                                               ZcClient           *client);

/* A column right of the video, scrolled, as narrow as it allows (the
 * identity check panel: a ZcIdentityCheckPanel follows the page's call,
 * zc_identity_check_panel_set_call) */
void         zc_remote_window_page_add_side_panel (ZcRemoteWindowPage *self,
                                                   GtkWidget          *panel);
/* A line between the video and the call's buttons (the recording: a
 * ZcCallRecordingBar's recording is said on the citizen's page, ● 正在录像) */
void         zc_remote_window_page_add_video_bar  (ZcRemoteWindowPage *self,
                                                   GtkWidget          *bar);

/* Says why a session could not be started (e.g. the platform refused) */
void         zc_remote_window_page_show_error (ZcRemoteWindowPage *self,
                                               const char         *message);

/* The words the page says for @state (translated) */
const char  *zc_remote_window_page_describe_state (ZcVideoCallState state);

G_END_DECLS

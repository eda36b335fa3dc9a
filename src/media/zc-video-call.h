/* zc-video-call.h — the workstation's side of a remote-window call
 * (远程虚拟窗口): a GStreamer webrtcbin talking to the citizen's browser
 * through the platform's WebSocket signalling relay.
 *
 * Media: VP8 (payload 96) video and Opus (payload 111) audio, bundled
 * (max-bundle). The local picture comes from the camera (v4l2src) when
 * one exists, else from a test source (videotestsrc + audiotestsrc); the
 * "source" property says which, so that the page can say it on screen.
 * The remote picture is decoded into an appsink and handed over as a
 * GdkMemoryTexture ("remote-texture", and the "frame" signal), the local
 * preview likewise ("local-texture").
 *
 * Signalling (a libsoup 3 WebSocket, all async), JSON text frames:
 *   {"type":"offer"|"answer","sdp":"…"}
 *   {"type":"candidate","candidate":"…","sdpMLineIndex":N}
 *   {"type":"bye"}                          either side hangs up
 *   {"type":"peer","state":"joined"|"left"} from the relay
 *   {"type":"consent","recording":true|false}  the citizen's answer on
 *                                           recording ("consent" signal)
 * The workstation makes the offer once the peer has joined; when the peer
 * leaves (the citizen closed the tab) the media is torn down and a new
 * offer is made when they join again.
 *
 * ICE: libnice does not gather on loopback by itself; with "loopback-ice"
 * the agent is given 127.0.0.1 explicitly: set at start when the
 * signalling URI is on this machine (zc_video_call_uri_is_loopback: the
 * one-machine demo), or by tests. The citizen's mDNS candidates
 * (xxxx.local, what Chrome sends before the page may use the camera) are
 * resolved with GResolver before libnice gets them. When ICE has not
 * connected "ice-timeout" seconds after the citizen answered, or fails,
 * the call goes NO_PATH with an error saying why (ZC_VIDEO_CALL_ERROR_MDNS
 * when only unresolvable names came, else _ICE); the socket stays and
 * zc_video_call_retry offers again. STUN and TURN servers are optional
 * (GSettings "stun-server", "turn-server"; zc_video_call_apply_settings).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <libsoup/soup.h>

#include "zc-call-recorder.h"

G_BEGIN_DECLS

typedef enum
{
  ZC_VIDEO_CALL_IDLE,          /* not started */
  ZC_VIDEO_CALL_CONNECTING,    /* opening the signalling socket */
  ZC_VIDEO_CALL_WAITING,       /* waiting for the citizen to join */
  ZC_VIDEO_CALL_NEGOTIATING,   /* offer sent, ICE checking */
  ZC_VIDEO_CALL_CONNECTED,     /* media flows */
  ZC_VIDEO_CALL_PEER_LEFT,     /* the citizen left; may rejoin */
  ZC_VIDEO_CALL_ENDED,         /* hung up (either side) */
  ZC_VIDEO_CALL_FAILED,        /* see "error" */
  ZC_VIDEO_CALL_NO_PATH,       /* ICE found no path ("error" says why); the
                                * citizen is still there: zc_video_call_retry */
} ZcVideoCallState;

typedef enum
{
  ZC_VIDEO_SOURCE_AUTO,        /* camera if one exists, else test */
  ZC_VIDEO_SOURCE_CAMERA,      /* v4l2src (+ autoaudiosrc) */
  ZC_VIDEO_SOURCE_TEST,        /* videotestsrc + audiotestsrc */
} ZcVideoSource;

#define ZC_VIDEO_CALL_ERROR (zc_video_call_error_quark ())

typedef enum
{
  ZC_VIDEO_CALL_ERROR_SIGNALLING,  /* socket could not open or broke */
  ZC_VIDEO_CALL_ERROR_PROTOCOL,    /* the other side sent what we cannot use */
  ZC_VIDEO_CALL_ERROR_MEDIA,       /* the pipeline failed */
  ZC_VIDEO_CALL_ERROR_ICE,         /* no connection could be made */
  ZC_VIDEO_CALL_ERROR_MDNS,        /* the citizen's addresses were mDNS names
                                    * that could not be resolved */
} ZcVideoCallError;

GQuark zc_video_call_error_quark (void);

#define ZC_TYPE_VIDEO_CALL_STATE (zc_video_call_state_get_type ())
GType zc_video_call_state_get_type (void);
#define ZC_TYPE_VIDEO_SOURCE (zc_video_source_get_type ())
GType zc_video_source_get_type (void);

#define ZC_TYPE_VIDEO_CALL (zc_video_call_get_type ())
G_DECLARE_FINAL_TYPE (ZcVideoCall, zc_video_call, ZC, VIDEO_CALL, GObject)

ZcVideoCall     *zc_video_call_new            (ZcVideoSource source);

/* Reads "stun-server", "turn-server" and "camera" (a device path, "" the
 * first camera, "test" the test source) from @settings (a schema that
 * has them, e.g. org.zongchuang.Workstation). */
void             zc_video_call_apply_settings (ZcVideoCall *self,
                                               GSettings   *settings);

/* Opens the signalling socket at @uri (ws:// or wss://; http(s):// is
 * accepted and mapped), with "Authorization: Bearer @token" unless
 * @token is NULL, through @session (NULL: a session of its own), and
 * starts the local media. Waits for the peer, then offers. */
void             zc_video_call_start          (ZcVideoCall *self,
                                               SoupSession *session,
                                               const char  *uri,
                                               const char  *token);
/* Says bye to the other side, closes the socket, stops the media. */
void             zc_video_call_hang_up        (ZcVideoCall *self);
/* In NO_PATH: a fresh peer connection, offered again to the citizen
 * (or waiting for them); elsewhere nothing. */
void             zc_video_call_retry          (ZcVideoCall *self);
/* Whether @uri's host is this machine (localhost, 127.0.0.0/8, ::1) */
gboolean         zc_video_call_uri_is_loopback (const char *uri);

ZcVideoCallState zc_video_call_get_state      (ZcVideoCall *self);
/* The source actually used (AUTO resolved at start) */
ZcVideoSource    zc_video_call_get_source     (ZcVideoCall *self);
const GError    *zc_video_call_get_error      (ZcVideoCall *self);
/* The citizen is connected to the relay */
gboolean         zc_video_call_get_peer_present (ZcVideoCall *self);

gboolean         zc_video_call_get_muted      (ZcVideoCall *self);
void             zc_video_call_set_muted      (ZcVideoCall *self,
                                               gboolean     muted);
gboolean         zc_video_call_get_camera_off (ZcVideoCall *self);
void             zc_video_call_set_camera_off (ZcVideoCall *self,
                                               gboolean     camera_off);
void             zc_video_call_set_loopback_ice (ZcVideoCall *self,
                                                 gboolean     loopback_ice);

/* The last decoded remote / local picture, or NULL */
GdkTexture      *zc_video_call_get_remote_texture (ZcVideoCall *self);
GdkTexture      *zc_video_call_get_local_texture  (ZcVideoCall *self);

/* Counters (any thread): remote video frames received (RTP frames
 * complete, before decoding) and decoded; local frames sent. */
guint64          zc_video_call_get_frames_received (ZcVideoCall *self);
guint64          zc_video_call_get_frames_decoded  (ZcVideoCall *self);
guint64          zc_video_call_get_frames_sent     (ZcVideoCall *self);

/* The V4L2 device of the camera (zc-camera-monitor.h: the clerk's
 * choice); NULL or "" is /dev/video0. Read when the call starts: with
 * ZC_VIDEO_SOURCE_AUTO a device that is not there gives the test source. */
void             zc_video_call_set_camera_device (ZcVideoCall *self,
                                                  const char  *device);
/* The GstWebRTCDataChannel "zc-page" of the current peer connection (made
 * with each pipeline, before the offer; zc-page-share.h), or NULL */
GObject         *zc_video_call_get_data_channel  (ZcVideoCall *self);

/* While @recorder (nullable) is set, the citizen's and the clerk's
 * pictures are handed to it too, on the streaming threads. */
void             zc_video_call_set_recorder        (ZcVideoCall    *self,
                                                    ZcCallRecorder *recorder);

/* Properties: "state", "source", "error" (GError boxed), "muted",
 * "camera-off", "loopback-ice", "stun-server", "turn-server",
 * "remote-texture", "local-texture", "peer-present", "camera-device",
 * "data-channel", "ice-timeout".
 * Signals: "frame" (GdkTexture *remote) on the main context;
 * "consent" (gboolean recording): the citizen answered on their page. */

G_END_DECLS

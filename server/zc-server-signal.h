/* zc-server-signal.h — the signalling relay of video sessions
 *
 * Each live video session has at most one clerk's and one citizen's
 * WebSocket. JSON text frames (offer, answer, candidate, bye, consent,
 * hello; at most ZC_SERVER_SIGNAL_MAX_FRAME bytes) go verbatim to the
 * other party of the same session only. The relay tells each party when
 * the other's socket opens or closes ({"type":"peer","state":"joined"|
 * "left"}), keeps the session's state (waiting/connected), and when the
 * session ends (the api's "video-ended") sends {"type":"bye"} to both and
 * closes them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "zc-server-api.h"

G_BEGIN_DECLS

#define ZC_SERVER_SIGNAL_MAX_FRAME (64 * 1024)
/* the close code of a second socket for the same party */
#define ZC_SERVER_SIGNAL_CLOSE_TAKEN 4409
/* a socket that sends more bad frames than this, or more frames than
 * ZC_SERVER_SIGNAL_MAX_FRAMES in ZC_SERVER_SIGNAL_WINDOW_SECONDS, is
 * closed (1008): each bad frame is answered, and an unread answer is
 * kept in the platform's memory; a call's signalling is a few dozen */
#define ZC_SERVER_SIGNAL_MAX_BAD_FRAMES 20
#define ZC_SERVER_SIGNAL_MAX_FRAMES 400
#define ZC_SERVER_SIGNAL_WINDOW_SECONDS 10

#define ZC_TYPE_SERVER_SIGNAL (zc_server_signal_get_type ())
G_DECLARE_FINAL_TYPE (ZcServerSignal, zc_server_signal, ZC, SERVER_SIGNAL, GObject)

/* @api: borrowed, must outlive the relay */
ZcServerSignal *zc_server_signal_new       (ZcServerApi             *api);
/* TRUE when @party of session @id has a socket open */
gboolean        zc_server_signal_has_party (ZcServerSignal          *self,
                                            gint64                   id,
                                            ZcServerVideoParty       party);
/* Takes a reference on @connection (open, server side). */
void            zc_server_signal_attach    (ZcServerSignal          *self,
                                            gint64                   id,
                                            ZcServerVideoParty       party,
                                            SoupWebsocketConnection *connection);
/* A socket silent (no frame, no pong to the pings sent every third of
 * this) for @seconds is closed (default 30; tests shorten it). */
void            zc_server_signal_set_liveness (ZcServerSignal       *self,
                                               guint                 seconds);
/* Closes every socket (the platform stops) */
void            zc_server_signal_close_all (ZcServerSignal          *self);

G_END_DECLS

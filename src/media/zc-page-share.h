/* zc-page-share.h — a material page shown to the citizen during a
 * remote-window call (远程虚拟窗口, 共享材料)
 *
 * The page is rendered by poppler on a worker into a PNG and sent over
 * the call's data channel "zc-page" (zc_video_call_get_data_channel):
 * inside the peer connection (DTLS/SCTP), never through the platform's
 * relay. Why a data channel and not a second video track: HACKING.md
 * ("Sharing a material page").
 *
 * On the channel (JSON text messages and binary pieces, in order):
 *   clerk → citizen  {"type":"page","id":N,"bytes":B,"width":W,"height":H}
 *                    then the PNG in binary messages of at most 16 KiB,
 *                    then {"type":"page-end","id":N}
 *   clerk → citizen  {"type":"stop"}                  sharing ended
 *   citizen → clerk  {"type":"shown","id":N,"width":W,"height":H}
 *                    the PNG was decoded and is on screen
 *   citizen → clerk  {"type":"hidden"}                 no page on screen
 *   clerk → citizen  {"type":"clerk","v":1,"muted":M,"camera_off":C,
 *                    "recording":R}    the clerk's state (booleans), when
 *                    the channel opens and on each change; the page says
 *                    工作人员已静音 / 工作人员已关闭摄像头 / ● 正在录像.
 *                    "v" is the version of this message: a page ignores
 *                    one it does not know.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "zc-video-call.h"

G_BEGIN_DECLS

/* the longer side of a shared page, in pixels (A4 at about 150 dpi) */
#define ZC_PAGE_SHARE_MAX_SIDE 1754

/* "v" of the "clerk" message */
#define ZC_PAGE_SHARE_CLERK_VERSION 1

#define ZC_TYPE_PAGE_SHARE (zc_page_share_get_type ())
G_DECLARE_FINAL_TYPE (ZcPageShare, zc_page_share, ZC, PAGE_SHARE, GObject)

/* Follows @call's data channel (a new one with each peer connection) */
ZcPageShare *zc_page_share_new            (ZcVideoCall *call);

/* The channel to the citizen's page is open */
gboolean     zc_page_share_get_ready      (ZcPageShare *self);
/* A page is being shared (sent, until stopped or the channel closes) */
gboolean     zc_page_share_get_sharing    (ZcPageShare *self);
/* The citizen's page said the shared page is decoded and on screen */
gboolean     zc_page_share_get_shown      (ZcPageShare *self);

/* Sends @png (@width × @height) to the citizen; FALSE with a translated
 * G_IO_ERROR_NOT_CONNECTED when the channel is not open. */
gboolean     zc_page_share_show           (ZcPageShare *self,
                                           GBytes      *png,
                                           int          width,
                                           int          height,
                                           GError     **error);
/* Ends the sharing: the citizen's page removes the picture */
void         zc_page_share_stop           (ZcPageShare *self);
/* Whether the call is being recorded, for the citizen's page (muted and
 * camera off are the call's own, followed) */
void         zc_page_share_set_recording  (ZcPageShare *self,
                                           gboolean     recording);

/* The number of pages of @pdf, on a worker (a translated
 * G_IO_ERROR_INVALID_DATA when it is not a PDF poppler can read) */
void         zc_page_share_count_pages_async  (GBytes              *pdf,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
int          zc_page_share_count_pages_finish (GAsyncResult        *result,
                                               GError             **error);

/* Page @page_index (from 0) of @pdf as a PNG on white, its longer side
 * ZC_PAGE_SHARE_MAX_SIDE pixels, on a worker */
void         zc_page_share_render_async   (GBytes              *pdf,
                                           int                  page_index,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GBytes      *zc_page_share_render_finish  (GAsyncResult        *result,
                                           int                 *width,
                                           int                 *height,
                                           GError             **error);

/* Properties: "ready", "sharing", "shown". */

G_END_DECLS

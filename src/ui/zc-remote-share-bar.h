/* zc-remote-share-bar.h — 共享材料… / 停止共享 on the 远程窗口 page
 *
 * Follows the page's call through a ZcPageShare: 共享材料… (Alt+P) opens
 * ZcPageShareDialog on the case's documents, renders the chosen page on
 * a worker and sends it; 停止共享 (Alt+T) removes it from the citizen's
 * screen. "status" says what is shared and whether the citizen's page
 * shows it ("has-status": there is something to say); the page shows it
 * over the video.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "zc-client.h"
#include "zc-page-share.h"
#include "zc-video-call.h"

G_BEGIN_DECLS

#define ZC_TYPE_REMOTE_SHARE_BAR (zc_remote_share_bar_get_type ())
G_DECLARE_FINAL_TYPE (ZcRemoteShareBar, zc_remote_share_bar, ZC, REMOTE_SHARE_BAR, GtkWidget)

GtkWidget   *zc_remote_share_bar_new        (void);
/* The call whose data channel carries the page (NULL: none) */
void         zc_remote_share_bar_set_call   (ZcRemoteShareBar *self,
                                             ZcVideoCall      *call);
/* Where the documents come from */
void         zc_remote_share_bar_set_source (ZcRemoteShareBar *self,
                                             ZcClient         *client,
                                             gint64            case_id);
/* Renders page @page_index of @pdf and shares it (what the dialog's 共享
 * does; tests call it directly) */
void         zc_remote_share_bar_share      (ZcRemoteShareBar *self,
                                             GBytes           *pdf,
                                             int               page_index,
                                             const char       *label);
ZcPageShare *zc_remote_share_bar_get_page_share (ZcRemoteShareBar *self);
/* What the clerk reads about the sharing ("" when nothing is shared) */
const char  *zc_remote_share_bar_get_status     (ZcRemoteShareBar *self);

G_END_DECLS

/* zc-page-share-dialog.h — 共享材料…: the clerk picks one of the case's
 * documents and a page to show the citizen during a remote-window call
 *
 * Lists GET /cases/{id}/documents; choosing one downloads it and counts
 * its pages on a worker; 共享 emits "share" (GBytes *pdf, int page_index
 * from 0, const char *label "NAME, page N") and closes. Rendering and
 * sending are the caller's (zc-page-share.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zc-client.h"

G_BEGIN_DECLS

#define ZC_TYPE_PAGE_SHARE_DIALOG (zc_page_share_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ZcPageShareDialog, zc_page_share_dialog, ZC, PAGE_SHARE_DIALOG, AdwWindow)

ZcPageShareDialog *zc_page_share_dialog_new (GtkWindow *parent,
                                             ZcClient  *client,
                                             gint64     case_id);

G_END_DECLS

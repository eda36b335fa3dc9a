/* zc-inbox-page.h — the window's cases, searchable and filtered by state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "zc-client.h"

G_BEGIN_DECLS

#define ZC_TYPE_INBOX_PAGE (zc_inbox_page_get_type ())
G_DECLARE_FINAL_TYPE (ZcInboxPage, zc_inbox_page, ZC, INBOX_PAGE, GtkWidget)

#define ZC_INBOX_PAGE_SIZE 50

GtkWidget  *zc_inbox_page_new        (void);
/* A logged-in client: the inbox loads its cases. NULL empties it. */
void        zc_inbox_page_set_client (ZcInboxPage *self,
                                      ZcClient    *client);
/* The case list (a ZcCaseListModel) or NULL */
GListModel *zc_inbox_page_get_model  (ZcInboxPage *self);

G_END_DECLS

/* zc-commitments-page.h — 承诺核查: the commitments to follow up, most
 * urgent first, and the 事后核查 results a department records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zc-client.h"
#include "zc-outbox.h"

G_BEGIN_DECLS

#define ZC_TYPE_COMMITMENTS_PAGE (zc_commitments_page_get_type ())
G_DECLARE_FINAL_TYPE (ZcCommitmentsPage, zc_commitments_page, ZC, COMMITMENTS_PAGE, GtkWidget)

GtkWidget *zc_commitments_page_new        (void);
/* A logged-in supervisor or department client: the page loads the
 * commitments. NULL empties it. */
void       zc_commitments_page_set_client (ZcCommitmentsPage *self,
                                           ZcClient          *client);
/* Where a missing 容缺 material supplied from the page goes (the
 * window's outbox: kept on this computer, uploaded once). Without one,
 * or for a user who is not of a window, the page offers no 补交材料…. */
void       zc_commitments_page_set_outbox (ZcCommitmentsPage *self,
                                           ZcOutbox          *outbox);
void       zc_commitments_page_reload     (ZcCommitmentsPage *self);
/* The commitments shown (JsonObject of the contract's Commitment, in
 * the order of the rows); TRUE while a load is under way */
GPtrArray *zc_commitments_page_get_shown  (ZcCommitmentsPage *self);
gboolean   zc_commitments_page_is_loading (ZcCommitmentsPage *self);

G_END_DECLS

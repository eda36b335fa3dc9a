/* zc-case-page.h — one case in full: applicant, parties, form, progress
 * of every department, history, documents, withdraw
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zc-outbox.h"

#include "zc-client.h"

G_BEGIN_DECLS

#define ZC_TYPE_CASE_PAGE (zc_case_page_get_type ())
G_DECLARE_FINAL_TYPE (ZcCasePage, zc_case_page, ZC, CASE_PAGE, AdwBin)

GtkWidget *zc_case_page_new        (void);
void       zc_case_page_set_client (ZcCasePage *self,
                                    ZcClient   *client);
/* The outbox material files taken in on the page go through */
void       zc_case_page_set_outbox (ZcCasePage *self,
                                    ZcOutbox   *outbox);
/* Loads (or reloads) case @id */
void       zc_case_page_load       (ZcCasePage *self,
                                    gint64      id);
/* The case shown, or NULL while loading */
ZcCase    *zc_case_page_get_case   (ZcCasePage *self);
/* Number of events shown in the history */
guint      zc_case_page_get_n_events (ZcCasePage *self);
/* the material files with their checks */
GtkWidget *zc_case_page_get_materials (ZcCasePage *self);

/* signals: "toast" (const char *message), "close" — back to the list */

G_END_DECLS

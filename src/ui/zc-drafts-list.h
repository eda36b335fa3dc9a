/* zc-drafts-list.h — the unfinished receptions saved on this computer,
 * offered to be continued
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ZC_TYPE_DRAFTS_LIST (zc_drafts_list_get_type ())
G_DECLARE_FINAL_TYPE (ZcDraftsList, zc_drafts_list, ZC, DRAFTS_LIST, AdwBin)

/* Empties the list (hidden while empty) */
void zc_drafts_list_clear (ZcDraftsList *self);
/* One draft: @title is the item's name, @subtitle who and which */
void zc_drafts_list_add   (ZcDraftsList *self,
                           const char   *local_ref,
                           const char   *title,
                           const char   *subtitle);

/* signals: "draft-activated" (const char *local_ref) */

G_END_DECLS

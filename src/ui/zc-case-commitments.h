/* zc-case-commitments.h — a case's commitments (容缺, 告知承诺) in words:
 * kind, materials by name, deadline and 事后核查, state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zc-catalogue.h"

G_BEGIN_DECLS

#define ZC_TYPE_CASE_COMMITMENTS (zc_case_commitments_get_type ())
G_DECLARE_FINAL_TYPE (ZcCaseCommitments, zc_case_commitments, ZC, CASE_COMMITMENTS, AdwBin)

GtkWidget *zc_case_commitments_new  (void);
/* @commitments: the case's Commitment objects (NULL or empty hides the
 * section); @item: the case's catalogue item, for the materials' names */
void       zc_case_commitments_show (ZcCaseCommitments *self,
                                     JsonArray         *commitments,
                                     ZcCatalogueItem   *item);
guint      zc_case_commitments_get_n_rows (ZcCaseCommitments *self);

G_END_DECLS

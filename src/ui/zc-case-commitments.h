/* zc-case-commitments.h — a case's commitments (容缺, 告知承诺) in words:
 * kind, materials by name, deadline and 事后核查, state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zc-catalogue.h"
#include "zc-client.h"
#include "zc-commitment-rules.h"

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

/* The case the section offers commitments on (a received case, for a
 * clerk or helper): its commitments shown, "容缺受理…" / "告知承诺…" offered
 * when a material not yet supplied may be covered. */
void       zc_case_commitments_set_case (ZcCaseCommitments *self,
                                         ZcClient          *client,
                                         ZcCase            *kase,
                                         ZcCatalogueItem   *item);
/* May @code (a material of the case) be offered for @kind now? */
gboolean   zc_case_commitments_can_offer (ZcCaseCommitments *self,
                                          ZcCommitmentKind   kind,
                                          const char        *code);
/* Starts the online flow (ZcCommitmentFlow) for @code, or for every
 * material that can be offered for @kind when @code is NULL */
void       zc_case_commitments_offer    (ZcCaseCommitments *self,
                                         ZcCommitmentKind   kind,
                                         const char        *code);
/* the running or last flow, or NULL (tests) */
GObject   *zc_case_commitments_get_flow (ZcCaseCommitments *self);

/* signals: "recorded" (ZcCase *): a commitment is on the platform, the
 * case as it answered (NULL when it could not be read again);
 * "toast" (const char *) */

G_END_DECLS

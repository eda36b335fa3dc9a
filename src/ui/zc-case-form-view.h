/* zc-case-form-view.h — the merged form of a case, grouped by the person
 * each field describes, every prefilled value with its source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zc-catalogue.h"
#include "zc-models.h"

G_BEGIN_DECLS

#define ZC_TYPE_CASE_FORM_VIEW (zc_case_form_view_get_type ())
G_DECLARE_FINAL_TYPE (ZcCaseFormView, zc_case_form_view, ZC, CASE_FORM_VIEW, AdwBin)

GtkWidget *zc_case_form_view_new   (void);
/* Shows the form of @kase; @item (may be NULL until it arrives) gives
 * the labels, the groups and their order. NULL @kase empties it. */
void       zc_case_form_view_show  (ZcCaseFormView  *self,
                                    ZcCase          *kase,
                                    ZcCatalogueItem *item);
/* the number of fields shown */
guint      zc_case_form_view_get_n_fields (ZcCaseFormView *self);

G_END_DECLS

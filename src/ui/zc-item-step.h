/* zc-item-step.h — choose the integrated item (一件事) from the catalogue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zc-catalogue.h"
#include "zc-models.h"

G_BEGIN_DECLS

#define ZC_TYPE_ITEM_STEP (zc_item_step_get_type ())
G_DECLARE_FINAL_TYPE (ZcItemStep, zc_item_step, ZC, ITEM_STEP, AdwBin)

/* The items shown: those of @catalogue (ZcCatalogueItem) that fit the
 * applicant's kind and match the search */
void zc_item_step_set_catalogue       (ZcItemStep  *self,
                                       GListModel  *catalogue);
void zc_item_step_set_applicant       (ZcItemStep  *self,
                                       ZcApplicant *applicant);
/* Empties the search */
void zc_item_step_clear               (ZcItemStep  *self);
/* Enter in the search: picks the top match ("item-activated"), or with
 * nothing typed and several items, moves into the list */
void zc_item_step_activate_default    (ZcItemStep  *self);

/* signals: "item-activated" (ZcCatalogueItem *item) */

G_END_DECLS

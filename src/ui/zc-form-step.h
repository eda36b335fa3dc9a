/* zc-form-step.h — the merged form: every field the chosen sub-matters
 * ask for, once, prefilled where licences, earlier cases or rules can
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zc-reception.h"

G_BEGIN_DECLS

#define ZC_TYPE_FORM_STEP (zc_form_step_get_type ())
G_DECLARE_FINAL_TYPE (ZcFormStep, zc_form_step, ZC, FORM_STEP, AdwBin)

void         zc_form_step_set_reception (ZcFormStep  *self,
                                         ZcReception *reception);
ZcReception *zc_form_step_get_reception (ZcFormStep  *self);
/* Makes the rows for the reception's fields as they are now */
void         zc_form_step_refresh       (ZcFormStep  *self);
/* Before leaving: FALSE (said at the form, the first focused) when
 * required fields are empty and the clerk was not told of them yet */
gboolean     zc_form_step_check_required (ZcFormStep *self);
/* Focuses the field @key; FALSE when the form does not show it */
gboolean     zc_form_step_focus_field   (ZcFormStep  *self,
                                         const char  *key);

/* signals: "done" — Enter in the last field */

G_END_DECLS

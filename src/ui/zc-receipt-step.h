/* zc-receipt-step.h — the last page of a reception: what came of it
 * (received, not accepted, one-time notice), the number and the paper
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zc-document-preview.h"

G_BEGIN_DECLS

#define ZC_TYPE_RECEIPT_STEP (zc_receipt_step_get_type ())
G_DECLARE_FINAL_TYPE (ZcReceiptStep, zc_receipt_step, ZC, RECEIPT_STEP, AdwBin)

/* @number: the case number line (or the reason of a refusal), may be "" */
void               zc_receipt_step_set_text    (ZcReceiptStep *self,
                                                const char    *title,
                                                const char    *description,
                                                const char    *number);
/* the line on the material files (taken in, waiting, uploaded); NULL or "" hides it */
void               zc_receipt_step_set_materials (ZcReceiptStep *self,
                                                  const char    *text);
const char        *zc_receipt_step_get_materials (ZcReceiptStep *self);
ZcDocumentPreview *zc_receipt_step_get_preview (ZcReceiptStep *self);

G_END_DECLS

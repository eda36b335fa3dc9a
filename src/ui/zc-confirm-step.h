/* zc-confirm-step.h — the reception in one look, everything still
 * missing at once, and receive / refuse / one-time notice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zc-reception.h"

G_BEGIN_DECLS

#define ZC_TYPE_CONFIRM_STEP (zc_confirm_step_get_type ())
G_DECLARE_FINAL_TYPE (ZcConfirmStep, zc_confirm_step, ZC, CONFIRM_STEP, AdwBin)

/* The step follows @reception ("changed"): summary, problems and
 * "can-submit" are recomputed with every change. */
void         zc_confirm_step_set_reception       (ZcConfirmStep *self,
                                                  ZcReception   *reception);
ZcReception *zc_confirm_step_get_reception       (ZcConfirmStep *self);
/* The clerk's reason for a credit code accepted despite its check */
void         zc_confirm_step_set_override_reason (ZcConfirmStep *self,
                                                  const char    *reason);
/* Nothing is missing: the reception may be received */
gboolean     zc_confirm_step_get_can_submit      (ZcConfirmStep *self);
/* Recomputes at once (e.g. when shown) */
void         zc_confirm_step_refresh             (ZcConfirmStep *self);

G_END_DECLS

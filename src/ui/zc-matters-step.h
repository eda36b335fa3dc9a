/* zc-matters-step.h — which sub-matters of the item are handled
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zc-reception.h"

G_BEGIN_DECLS

#define ZC_TYPE_MATTERS_STEP (zc_matters_step_get_type ())
G_DECLARE_FINAL_TYPE (ZcMattersStep, zc_matters_step, ZC, MATTERS_STEP, AdwBin)

void         zc_matters_step_set_reception (ZcMattersStep *self,
                                            ZcReception   *reception);
ZcReception *zc_matters_step_get_reception (ZcMattersStep *self);

G_END_DECLS

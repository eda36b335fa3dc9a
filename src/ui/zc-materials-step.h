/* zc-materials-step.h — the materials of the reception, each asked for
 * once, with its status and what the clerk did with it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zc-material-check.h"
#include "zc-reception.h"

G_BEGIN_DECLS

#define ZC_TYPE_MATERIALS_STEP (zc_materials_step_get_type ())
G_DECLARE_FINAL_TYPE (ZcMaterialsStep, zc_materials_step, ZC, MATERIALS_STEP, AdwBin)

/* The rows follow the reception's material list (items-changed) */
void         zc_materials_step_set_reception     (ZcMaterialsStep *self,
                                                  ZcReception     *reception);
ZcReception *zc_materials_step_get_reception     (ZcMaterialsStep *self);
/* The pages taken of the material CODE with the capture dialog (0: none);
 * each capture also emits "material-captured" (code, GBytes pdf, n_pages) */
guint        zc_materials_step_get_captured_pages (ZcMaterialsStep *self,
                                                   const char      *code);
/* The pages kept of CODE already (a reopened draft's files): no signal */
void         zc_materials_step_set_captured_pages (ZcMaterialsStep *self,
                                                   const char      *code,
                                                   guint            n_pages);
/* The paper of CODE just captured is kept (@error_message NULL: the row
 * says its pages, 已收取) or not (the row shows why; nothing marked) */
void         zc_materials_step_material_kept      (ZcMaterialsStep *self,
                                                   const char      *code,
                                                   const char      *error_message);
/* Every material still pending is marked received */
void         zc_materials_step_mark_all_received (ZcMaterialsStep *self);

/* The check of a material's paper as its row shows it (the reception
 * page runs it): started (a progress bar and 停止, which cancels the
 * cancellable returned), progress, done (the verdict with the first
 * finding that disagrees, or a @note such as "offline: checked later").
 * Signal "check-opened" (code): the clerk opens the verdict. */
GCancellable *zc_materials_step_check_started (ZcMaterialsStep *self,
                                               const char      *code);
void          zc_materials_step_check_progress (ZcMaterialsStep *self,
                                                const char      *code,
                                                double           fraction);
void          zc_materials_step_check_done     (ZcMaterialsStep *self,
                                                const char      *code,
                                                GCancellable    *cancellable,
                                                ZcMaterialCheck *check,
                                                const char      *note);
const ZcMaterialCheck *zc_materials_step_get_check (ZcMaterialsStep *self,
                                                    const char      *code);

G_END_DECLS

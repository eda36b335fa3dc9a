/* zc-applicant-step.h — who is applying: the key, looked up in the
 * licence library, and the drafts to continue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zc-client.h"
#include "zc-drafts-list.h"

G_BEGIN_DECLS

#define ZC_TYPE_APPLICANT_STEP (zc_applicant_step_get_type ())
G_DECLARE_FINAL_TYPE (ZcApplicantStep, zc_applicant_step, ZC, APPLICANT_STEP, AdwBin)

/* The client that looks the key up */
void          zc_applicant_step_set_client          (ZcApplicantStep *self,
                                                     ZcClient        *client);
ZcDraftsList *zc_applicant_step_get_drafts          (ZcApplicantStep *self);
/* "applicant": the one found (or set), or NULL */
ZcApplicant  *zc_applicant_step_get_applicant       (ZcApplicantStep *self);
void          zc_applicant_step_set_applicant       (ZcApplicantStep *self,
                                                     ZcApplicant     *applicant);
/* The reason a credit code is used despite its check digit, set when
 * the lookup started, or NULL */
const char   *zc_applicant_step_get_override_reason (ZcApplicantStep *self);
/* Enter: checks the key and looks it up, then shows the applicant to be
 * confirmed; emits "applicant-chosen" at once for the applicant already
 * shown */
void          zc_applicant_step_lookup              (ZcApplicantStep *self);
/* The applicant shown is the one at the counter: emits "applicant-chosen"
 * (Enter on 确认申请人, or Enter on the key once shown) */
void          zc_applicant_step_confirm             (ZcApplicantStep *self);
void          zc_applicant_step_set_typed_applicant (ZcApplicantStep *self,
                                                     ZcApplicant     *applicant);
/* TRUE when the applicant was typed by hand (the platform could not be
 * reached) and not looked up */
gboolean      zc_applicant_step_get_unverified      (ZcApplicantStep *self);
/* Empty, nothing shown, no lookup under way */
void          zc_applicant_step_reset               (ZcApplicantStep *self);

/* signals: "lookup-started" — a new applicant is looked up (what was
 * chosen for the last one goes); "applicant-chosen" (ZcApplicant *) */

G_END_DECLS

/* zc-applicant-verification.h — the 未核验 notice of a case and its
 * check against the licence library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zc-client.h"

G_BEGIN_DECLS

#define ZC_TYPE_APPLICANT_VERIFICATION (zc_applicant_verification_get_type ())
G_DECLARE_FINAL_TYPE (ZcApplicantVerification, zc_applicant_verification, ZC, APPLICANT_VERIFICATION, GtkBox)

GtkWidget *zc_applicant_verification_new  (void);
void       zc_applicant_verification_show (ZcApplicantVerification *self,
                                           ZcClient                *client,
                                           ZcCase                  *kase);
char      *zc_applicant_verification_mark_difference (const char *name,
                                                      const char *other);

G_END_DECLS

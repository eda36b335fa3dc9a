/* zc-identity-check-panel.h — 远程身份核验: beside the live video of the
 * remote window, the applicant's ID photo and data from the licence
 * library (name, ID number masked, valid until on today's date), and the
 * clerk's 通过 / 不通过 with a note (不通过 needs one), recorded on the
 * platform (POST /video-sessions/{id}/identity-checks) and so in the
 * case's history.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zc-client.h"
#include "zc-video-call.h"

G_BEGIN_DECLS

#define ZC_TYPE_IDENTITY_CHECK_PANEL (zc_identity_check_panel_get_type ())
G_DECLARE_FINAL_TYPE (ZcIdentityCheckPanel, zc_identity_check_panel, ZC, IDENTITY_CHECK_PANEL, AdwBin)

GtkWidget  *zc_identity_check_panel_new         (void);

/* Looks up applicant @key (GET /applicants/{key}, async) through
 * @client and shows their identity licence and its photo; NULL @key
 * clears the panel. */
void        zc_identity_check_panel_load        (ZcIdentityCheckPanel *self,
                                                 ZcClient             *client,
                                                 const char           *applicant_key);
/* The video session the check is recorded on (0: none; the buttons
 * wait for one) */
void        zc_identity_check_panel_set_session (ZcIdentityCheckPanel *self,
                                                 gint64                video_session);
/* The call the check is made on (the remote window page sets it): 通过
 * / 不通过 only while it is connected (a tooltip says why not); a new
 * call clears the last one's result, note and status. NULL: no call to
 * wait for (the session alone decides). */
void        zc_identity_check_panel_set_call    (ZcIdentityCheckPanel *self,
                                                 ZcVideoCall          *call);
/* "passed", "failed" once recorded on the platform, else NULL */
const char *zc_identity_check_panel_get_result  (ZcIdentityCheckPanel *self);

/* Signals: "recorded" (const char *result) once the platform kept it. */

G_END_DECLS

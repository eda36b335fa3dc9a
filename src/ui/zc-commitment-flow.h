/* zc-commitment-flow.h — a 容缺受理 / 告知承诺 on a received case, online:
 * the applicant's credit from the platform → ZcCommitmentDialog → the
 * signed letters uploaded as case documents → POST the commitment with
 * them and the signature → the case again
 *
 * A failed step says what failed ("failed") and keeps what was signed:
 * zc_commitment_flow_retry records it again without a new signature
 * (each upload and each POST has its own Idempotency-Key, kept: a retry
 * after a lost answer lands once).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "zc-client.h"
#include "zc-commitment-dialog.h"

G_BEGIN_DECLS

#define ZC_TYPE_COMMITMENT_FLOW (zc_commitment_flow_get_type ())
G_DECLARE_FINAL_TYPE (ZcCommitmentFlow, zc_commitment_flow, ZC, COMMITMENT_FLOW, GObject)

ZcCommitmentFlow *zc_commitment_flow_new          (ZcClient         *client,
                                                   ZcCase           *kase,
                                                   ZcCatalogueItem  *item,
                                                   GtkWindow        *parent);
void              zc_commitment_flow_add_material (ZcCommitmentFlow *self,
                                                   const char       *code,
                                                   ZcCommitmentKind  kind);
/* asks the credit (and reads the calendar on a worker), then opens the
 * dialog; "failed" when neither can be had */
void              zc_commitment_flow_start        (ZcCommitmentFlow *self);
/* after "failed" in recording: uploads and POSTs again what was signed */
void              zc_commitment_flow_retry        (ZcCommitmentFlow *self);
void              zc_commitment_flow_cancel       (ZcCommitmentFlow *self);

/* the dialog while it is open, else NULL */
ZcCommitmentDialog *zc_commitment_flow_get_dialog (ZcCommitmentFlow *self);
/* what the applicant signed (of ZcCommitmentResult), NULL before */
GPtrArray        *zc_commitment_flow_get_results  (ZcCommitmentFlow *self);
/* the case as the platform answered after the last commitment, or NULL */
ZcCase           *zc_commitment_flow_get_case     (ZcCommitmentFlow *self);
/* TRUE while a step runs (the credit, the uploads, the POST) */
gboolean          zc_commitment_flow_get_busy     (ZcCommitmentFlow *self);
/* TRUE when signed and not yet all recorded (a retry is possible) */
gboolean          zc_commitment_flow_can_retry    (ZcCommitmentFlow *self);

/* Prints every signed letter through GtkPrintOperation, one after the
 * other, each with the print dialog, each once (the notice's PDF holds
 * its two copies, 第一联 and 第二联). */
void              zc_commitment_flow_print        (ZcCommitmentFlow *self);
/* The same drawing exported without a dialog into @dir (the print
 * operation's export action: a file per letter, "document-KIND.pdf",
 * KIND the ZcDocumentKind's number). Synchronous: for tests and zcctl. */
gboolean          zc_commitment_flow_export       (ZcCommitmentFlow *self,
                                                   const char       *dir,
                                                   GError          **error);

/* signals: "signed" — the applicant signed, the recording begins;
 * "recorded" (ZcCase *) — every commitment is on the platform;
 * "failed" (const char *message) — a translated sentence saying which
 * step failed and why; "cancelled" — the dialog was closed unsigned */

G_END_DECLS

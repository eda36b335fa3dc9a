/* zc-commitment-dialog.h — the applicant's 容缺受理 and 告知承诺 at the
 * counter: the terms (eligibility, the 容缺 deadline on a calendar),
 * the letters previewed, the applicant's signature, the signed PDFs
 *
 * Its inputs are plain data (no case, no client): the reception page and
 * the case page open it alike. Each material is checked with the rules of
 * zc-commitment-rules.h; a refused one stays listed with its reason (never
 * a silent disable). The 容缺 materials make one commitment "tolerance"
 * with one deadline (申请容缺受理承诺书 + 容缺受理通知书, printed in two
 * copies); the 告知承诺 materials make one commitment "commitment" (告知
 * 承诺书 from the catalogue's templates). Steps in one window: terms →
 * preview → signature → done; "signed" is emitted on 完成 and the dialog
 * closes itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "zc-calendar.h"
#include "zc-catalogue.h"
#include "zc-clock.h"
#include "zc-commitment-rules.h"
#include "zc-document.h"

G_BEGIN_DECLS

/* One signed document of a commitment */
typedef struct
{
  ZcDocumentKind kind;
  GBytes        *pdf;
  guint          copies;      /* the copies (联) @pdf holds, each on its own
                               * pages: 2 for the 容缺受理通知书 (the
                               * applicant's, the window's); printed once */
  gboolean       printed;     /* printed from the dialog (the print dialog
                               * confirmed) */
} ZcCommitmentDocument;

/* One commitment the applicant signed */
typedef struct
{
  ZcCommitmentKind kind;
  GStrv            materials;           /* codes */
  GDate            deadline;            /* tolerance; invalid for a commitment */
  char            *obligations;         /* commitment: the lines promised, "\n"-joined; else NULL */
  ZcVerificationMethod verification_method; /* commitment; else INVALID */
  GPtrArray       *documents;           /* of ZcCommitmentDocument, the signature letter first */
} ZcCommitmentResult;

void zc_commitment_result_free (ZcCommitmentResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZcCommitmentResult, zc_commitment_result_free)

/* The API name of a document kind on the platform
 * (POST /cases/{id}/documents?kind=): commitment_letter, tolerance_notice */
const char *zc_commitment_document_platform_kind (ZcDocumentKind kind);

#define ZC_TYPE_COMMITMENT_DIALOG (zc_commitment_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ZcCommitmentDialog, zc_commitment_dialog, ZC, COMMITMENT_DIALOG, AdwWindow)

/* @chosen: the case's sub-matter codes; @signer_role: the signer's party
 * role ("applicant", "agent" …); @reception: the reception day; @credit:
 * the platform's answer, NULL when unknown (offline: 告知承诺 refused,
 * the platform must say there is no breach); @clock: (nullable) the
 * default clock. Add the materials, then present. */
ZcCommitmentDialog *zc_commitment_dialog_new (GtkWindow           *parent,
                                              ZcCatalogueItem     *item,
                                              const char * const  *chosen,
                                              const char          *applicant_name,
                                              const char          *applicant_key,
                                              const char          *signer_role,
                                              const GDate         *reception,
                                              ZcCalendar          *calendar,
                                              const ZcCreditFacts *credit,
                                              ZcClock             *clock);
/* What the letters name besides: the case number (or the counter's
 * reference until there is one), the window, the clerk; all nullable. */
void zc_commitment_dialog_set_context (ZcCommitmentDialog *self,
                                       const char         *case_number,
                                       const char         *local_ref,
                                       const char         *window,
                                       const char         *clerk);
/* A material to cover: @kind TOLERANCE (容缺) or COMMITMENT (告知承诺) */
void zc_commitment_dialog_add_material (ZcCommitmentDialog *self,
                                        const char         *code,
                                        ZcCommitmentKind    kind);

/* The refusals so far, one line each "NAME：REASON" (NULL: none) */
char      *zc_commitment_dialog_dup_refusals (ZcCommitmentDialog *self);
/* The 容缺 deadline chosen (invalid when no 容缺 material) */
void       zc_commitment_dialog_get_deadline (ZcCommitmentDialog *self,
                                              GDate              *deadline);
/* Picks @deadline on the calendar (the clerk's click); FALSE with the
 * reason shown when it is refused */
gboolean   zc_commitment_dialog_set_deadline (ZcCommitmentDialog *self,
                                              const GDate        *deadline);

/* After "signed": the commitments (a new reference of the dialog's
 * array of ZcCommitmentResult, not to modify; g_ptr_array_unref), the
 * signature as PNG, when it was signed (China time), by whom */
GPtrArray *zc_commitment_dialog_dup_results   (ZcCommitmentDialog *self);
/* After "signed": the commitments as the counter keeps and records them
 * (zc-signed-commitment.h: each with its signature, its signed letters
 * and their SHA-256, the signature PNG); a new JsonArray, NULL before */
JsonArray *zc_commitment_dialog_dup_signed    (ZcCommitmentDialog *self);
GBytes    *zc_commitment_dialog_get_signature (ZcCommitmentDialog *self);
GDateTime *zc_commitment_dialog_get_signed_at (ZcCommitmentDialog *self);
const char *zc_commitment_dialog_get_signer_key  (ZcCommitmentDialog *self);
const char *zc_commitment_dialog_get_signer_role (ZcCommitmentDialog *self);

/* signal "signed": the applicant signed and every letter is written */

G_END_DECLS

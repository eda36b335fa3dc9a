/* zc-material-check.h — the verdict on a material against the licence
 * library
 *
 * A pure function of what was read (pages of ZcPageText), the licences of
 * the holder, the reception date and what the catalogue expects (licence
 * type, holder). One verdict per material, the first that applies, in
 * this order (docs/domain.md, rule 3): revoked, expired, mismatch,
 * uncertain, match, unreadable.
 *
 * The paper is checked against the licence whose number it shows (a
 * renewed licence too). A paper showing an expired licence that the
 * library shows renewed — same type and holder, a later licence valid on
 * the date, the same holder name along the chain, none revoked — is
 * checked against the renewal, with a "renewed" finding as a note.
 *
 * On a text layer names and numbers compare exactly; on an OCR page
 * numbers compare with look-alikes folded, identifiers are repaired with
 * their check characters — only where OCR was unsure of a character, the
 * alphabet forbids it or a letter stands for a digit: a digit read surely
 * is what the paper says —, and a name that differs only in characters
 * OCR was unsure of is accepted when the number settled which licence it
 * is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "zc-models.h"
#include "zc-page-text.h"

G_BEGIN_DECLS

typedef enum
{
  ZC_VERDICT_REVOKED,    /* 证照已注销 */
  ZC_VERDICT_EXPIRED,    /* 证照已过期 */
  ZC_VERDICT_MISMATCH,   /* 不一致 */
  ZC_VERDICT_UNCERTAIN,  /* 待人工确认 */
  ZC_VERDICT_MATCH,      /* 一致 */
  ZC_VERDICT_UNREADABLE, /* 无法识别 */
} ZcVerdict;

typedef struct
{
  char     *field;      /* "type", "number", "holder_name", "holder",
                         * "resident_id", "uscc", "valid_until", "revoked",
                         * "renewed" (a note: the paper's licence was
                         * renewed as the expected number) */
  char     *expected;   /* from the licence library ("" when it has none) */
  char     *found;      /* as read on the paper ("" when not found) */
  guint     page;       /* 1-based; 0 when not on the paper */
  ZcBox     box;        /* where on the page (points from the top left) */
  ZcVerdict verdict;    /* what this field alone says (MATCH: it agrees) */
  float     confidence; /* how sure the reading is, 0..1 */
} ZcCheckFinding;

typedef struct
{
  ZcVerdict  verdict;
  GPtrArray *findings;   /* of ZcCheckFinding: every field compared */
  ZcLicence *licence;    /* the licence the verdict rests on: the one the
                          * paper shows or, when that one expired and was
                          * renewed, its renewal; or NULL */
  float      confidence; /* the lowest of the findings' (0 unreadable) */
  gboolean   ocr;        /* some page was read by OCR */
} ZcMaterialCheck;

/* @pages: of ZcPageText; @licences: of ZcLicence (the holder's; others
 * are ignored); @date: the reception date; @licence_type: what the
 * catalogue asks for ("business_licence" …); @holder: the party's key. */
ZcMaterialCheck *zc_material_check       (GPtrArray    *pages,
                                          GListModel   *licences,
                                          const GDate  *date,
                                          const char   *licence_type,
                                          const char   *holder);
void             zc_material_check_free  (ZcMaterialCheck *self);

/* The whole check for keeping with the case (an event) or showing beside
 * the page: {"verdict","confidence","ocr","licence_number"?,
 * "findings":[{"field","expected","found","page","box":{"x","y","width",
 * "height"}?,"verdict","confidence"}…]} — every finding, with its own
 * verdict. zcctl --json prints the contract's shorter form. */
JsonNode        *zc_material_check_to_json (const ZcMaterialCheck *self);

/* A check kept with the case, as the platform gives it back (GET
 * …/documents/{doc}/checks: {"verdict","findings":[{"field","expected",
 * "found","page","box"?,"verdict"?}…]}): the verdict and findings only
 * (no licence, confidence 1). NULL when @kept has no known verdict;
 * malformed findings are left out. */
ZcMaterialCheck *zc_material_check_new_from_kept (JsonObject *kept);

/* "match", "mismatch" … as in the contract and zcctl --json */
const char      *zc_verdict_to_string    (ZcVerdict    verdict);
/* the reverse; FALSE for any other text */
gboolean         zc_verdict_from_string  (const char  *text,
                                          ZcVerdict   *verdict);
/* 一致, 不一致 … (translated) */
const char      *zc_verdict_to_label     (ZcVerdict    verdict);
/* 号码, 持证人名称 … (translated) */
const char      *zc_check_field_to_label (const char  *field);

/* The words a paper of @licence_type carries in its title (营业执照 …),
 * or NULL when core knows none */
const char      *zc_material_title_words (const char  *licence_type);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZcMaterialCheck, zc_material_check_free)

G_END_DECLS

/* zc-reception.h — one 一件事 being received: the merged form, prefill
 * and the deduplicated material list (docs/domain.md, rules 1, 2, 7).
 *
 * A ZcReception is built from a catalogue item and the applicant (with
 * licences, from GET /applicants/{key}); the clerk chooses sub-matters and
 * names parties (each a ZcApplicant with its licences); the fields are the
 * union, each key once, of the chosen sub-matters' fields; a field whose
 * source licence (of the field's party, valid on the reception date) or an
 * earlier case can answer is prefilled and carries its source; the clerk
 * may still edit it (then the source becomes "typed"). Materials are
 * listed once each with their status. Pure core: no I/O, no network.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zc-catalogue.h"
#include "zc-models.h"

G_BEGIN_DECLS

#define ZC_RECEPTION_ERROR (zc_reception_error_quark ())
typedef enum
{
  ZC_RECEPTION_ERROR_REQUIRED,      /* a required field is empty */
  ZC_RECEPTION_ERROR_INVALID_VALUE, /* a value is wrong for its type (message says why) */
  ZC_RECEPTION_ERROR_PARTY_MISSING, /* a party the chosen matters need is not named */
  ZC_RECEPTION_ERROR_NO_MATTER,     /* no sub-matter chosen */
  ZC_RECEPTION_ERROR_MATERIAL,      /* a material still pending and neither 容缺 nor 承诺 */
  ZC_RECEPTION_ERROR_DRAFT,         /* a saved draft cannot be restored (says why) */
} ZcReceptionError;
GQuark zc_reception_error_quark (void);

typedef enum
{
  ZC_FIELD_SOURCE_NONE,          /* empty */
  ZC_FIELD_SOURCE_LICENCE,       /* prefilled from a licence */
  ZC_FIELD_SOURCE_EARLIER_CASE,  /* prefilled from an earlier case of the applicant */
  ZC_FIELD_SOURCE_COMPUTED,      /* computed by a rule from the parties' licences */
  ZC_FIELD_SOURCE_TYPED,         /* typed or edited by the clerk */
} ZcFieldSource;

typedef enum
{
  ZC_MATERIAL_STATUS_EXEMPT,      /* 免提交: a valid licence of its party replaces it */
  ZC_MATERIAL_STATUS_REQUIRED,    /* 需提交 */
  ZC_MATERIAL_STATUS_TOLERABLE,   /* 可容缺 (and required) */
  ZC_MATERIAL_STATUS_COMMITMENT,  /* 可承诺 (and required; may also be tolerable) */
} ZcMaterialStatus;

typedef enum
{
  ZC_MATERIAL_STATE_PENDING,      /* not yet handed in */
  ZC_MATERIAL_STATE_RECEIVED,     /* handed in (paper seen / scanned) */
  ZC_MATERIAL_STATE_DEFERRED,     /* 容缺: to follow within a deadline */
  ZC_MATERIAL_STATE_COMMITTED,    /* 告知承诺 replaces it */
  ZC_MATERIAL_STATE_EXEMPT,       /* replaced by a licence */
} ZcMaterialState;

const char *zc_material_status_label (ZcMaterialStatus status); /* 免提交 需提交 可容缺 可承诺 */
const char *zc_material_state_to_string (ZcMaterialState state); /* "pending" … */
const char *zc_material_state_label (ZcMaterialState state);     /* translated: 待补 已收取 … */
ZcMaterialState zc_material_state_from_string (const char *str);
/* TRUE (and @state, may be NULL) when @str names a material state */
gboolean    zc_material_state_parse (const char      *str,
                                     ZcMaterialState *state);

/* Validates one value for its field type: text (trimmed, length ≤ 200),
 * date (YYYY-MM-DD, real; birth-like keys not in the future), number
 * (decimal, full-width digits normalised), choice (one of choices), phone
 * (mainland mobile 1[3-9]x{9}, "+86" dropped, or landline 0xx(x)-xxxxxxx(x)), address (≥ 5
 * characters, containing a Chinese place word), id (身份证号 or USCC,
 * normalised). Empty is valid here (required-ness is checked elsewhere).
 * @normalized receives the value to store. Full-width digits and letters
 * are made half-width for date, number, phone and id. A date field is a
 * birth date when its key contains "birth" (birth_date, child_birth_date
 * …): the catalogue has no flag for it, the key convention is the rule.
 * Errors are ZC_RECEPTION_ERROR_INVALID_VALUE with a translated reason
 * (without the field's label). */
gboolean zc_form_field_validate_value (ZcFormField  *field,
                                       const char   *value,
                                       const GDate  *today,
                                       char        **normalized,
                                       GError      **error);

/* A licence number for display, masked in the format of its type
 * (zc_mask_licence_number()). @type may be NULL. */
char *zc_reception_mask_licence_number (const char *type, const char *number);

/* --- one field of the merged form */
#define ZC_TYPE_RECEPTION_FIELD (zc_reception_field_get_type ())
G_DECLARE_FINAL_TYPE (ZcReceptionField, zc_reception_field, ZC, RECEPTION_FIELD, GObject)
ZcFormField   *zc_reception_field_get_field        (ZcReceptionField *self);
/* FALSE while the choice field it depends on does not ask for it */
gboolean       zc_reception_field_get_applicable   (ZcReceptionField *self);
const char    *zc_reception_field_get_value        (ZcReceptionField *self); /* never NULL */
ZcFieldSource  zc_reception_field_get_source       (ZcReceptionField *self);
/* e.g. "来自 居民身份证 3402**********1234" (translated, number masked),
 * "来自 2026-10-03 的办件", or NULL when typed/empty */
const char    *zc_reception_field_get_source_label (ZcReceptionField *self);
const char    *zc_reception_field_get_source_licence_number (ZcReceptionField *self);
const GError  *zc_reception_field_get_error        (ZcReceptionField *self); /* last validation */
const char    *zc_reception_field_get_source_licence_type (ZcReceptionField *self); /* or NULL */
/* Why a licence of the field's source could not answer it, e.g.
 * "居民身份证已过期（2025-03-01）" or "不动产权证书已吊销"; NULL when none */
const char    *zc_reception_field_get_note         (ZcReceptionField *self);
/* properties "value", "source", "source-label", "error" notify on change */

/* --- one material of the list */
#define ZC_TYPE_RECEPTION_MATERIAL (zc_reception_material_get_type ())
G_DECLARE_FINAL_TYPE (ZcReceptionMaterial, zc_reception_material, ZC, RECEPTION_MATERIAL, GObject)
ZcMaterial       *zc_reception_material_get_material (ZcReceptionMaterial *self);
ZcMaterialStatus  zc_reception_material_get_status   (ZcReceptionMaterial *self);
ZcLicence        *zc_reception_material_get_licence  (ZcReceptionMaterial *self); /* the replacing licence or NULL */
ZcMaterialState   zc_reception_material_get_state    (ZcReceptionMaterial *self);
/* e.g. "居民身份证已过期（2025-03-01）" when an expired/revoked licence
 * could have replaced it; NULL otherwise */
const char       *zc_reception_material_get_note     (ZcReceptionMaterial *self);
/* property "state" notifies */

/* --- the reception */
#define ZC_TYPE_RECEPTION (zc_reception_get_type ())
G_DECLARE_FINAL_TYPE (ZcReception, zc_reception, ZC, RECEPTION, GObject)

ZcReception *zc_reception_new                 (ZcCatalogueItem *item,
                                               ZcApplicant     *applicant,
                                               const GDate     *reception_date);
ZcCatalogueItem *zc_reception_get_item        (ZcReception *self);
ZcApplicant *zc_reception_get_applicant       (ZcReception *self);
const GDate *zc_reception_get_date            (ZcReception *self);

/* Sub-matters: all non-optional are chosen and cannot be left out;
 * optional ones start left out. Choosing one of an exclusive group
 * (zc_matter_get_exclusive) leaves the others of the group out. */
gboolean     zc_reception_set_matter_chosen   (ZcReception *self, const char *code,
                                               gboolean chosen, GError **error);
gboolean     zc_reception_get_matter_chosen   (ZcReception *self, const char *code);
GStrv        zc_reception_dup_chosen_matters  (ZcReception *self);

/* Party roles the chosen matters need (fields' and materials' parties
 * other than "applicant"), in catalogue order. */
GStrv        zc_reception_dup_needed_parties  (ZcReception *self);
/* Applicability (zc-condition.h): the applicant's age on the reception
 * date (-1 unknown) and kind ("person"/"enterprise"); whether a party
 * applies; the item's yes/no questions asked now (their sub-matters
 * chosen) and the clerk's answers (no until answered). A field, party or
 * material that does not apply is not in the form (applicable FALSE),
 * not needed, not listed, not sent and not counted. */
int          zc_reception_get_applicant_age   (ZcReception *self);
const char  *zc_reception_get_applicant_kind  (ZcReception *self);
gboolean     zc_reception_party_applies       (ZcReception *self, const char *role);
GStrv        zc_reception_dup_questions       (ZcReception *self);
gboolean     zc_reception_question_is_asked   (ZcReception *self, const char *code);
gboolean     zc_reception_get_answer          (ZcReception *self, const char *code);
gboolean     zc_reception_set_answer          (ZcReception *self, const char *code,
                                               gboolean answer, GError **error);

/* Names a party (with its licences); NULL removes it. Re-runs prefill for
 * fields not typed by the clerk. The applicant's own known parties
 * (zc_applicant_get_party_key) are suggestions for the UI, not set here. */
void         zc_reception_set_party           (ZcReception *self, const char *role,
                                               ZcApplicant *party);
ZcApplicant *zc_reception_get_party           (ZcReception *self, const char *role);
/* An optional party ("agent": most applicants come in person) is not
 * reported missing; while it is not named, its materials are not listed
 * and its fields are not required. */
gboolean     zc_reception_party_is_optional   (const char *role);

/* Earlier cases of the applicant (GListModel of ZcCase with forms), newest
 * first: they answer fields with source earlier_cases (by the field's key,
 * then the source's field name), and the applicant's own licence-sourced
 * fields no valid licence answers. Case-specific typed fields are never
 * copied from an old case. A phone field with source earlier_cases that no
 * case answers takes the holder's registered phone (zc_applicant_get_phone),
 * labelled "来自 申请人档案". */
void         zc_reception_set_earlier_cases   (ZcReception *self, GListModel *cases);

/* The merged form (of ZcReceptionField), rebuilt when matters change;
 * values typed by the clerk survive a rebuild for keys that remain. */
GListModel  *zc_reception_get_fields          (ZcReception *self);
ZcReceptionField *zc_reception_find_field     (ZcReception *self, const char *key);
/* Sets a typed value (source becomes TYPED unless it equals the prefilled
 * value); validates it; returns FALSE with the error (also kept on the
 * field) when invalid — the value is kept as typed either way. */
gboolean     zc_reception_set_value           (ZcReception *self, const char *key,
                                               const char *value, GError **error);

/* The material list (of ZcReceptionMaterial), deduplicated. */
GListModel  *zc_reception_get_materials       (ZcReception *self);
gboolean     zc_reception_set_material_state  (ZcReception *self, const char *code,
                                               ZcMaterialState state, GError **error);

/* One thing that blocks submit: what it is about (@key: the field's key,
 * the party's role or the material's code; NULL for the sub-matters),
 * the error code and a translated message. */
typedef enum
{
  ZC_PROBLEM_SUBJECT_MATTERS,
  ZC_PROBLEM_SUBJECT_PARTY,
  ZC_PROBLEM_SUBJECT_FIELD,
  ZC_PROBLEM_SUBJECT_MATERIAL,
} ZcProblemSubject;

typedef struct
{
  ZcReceptionError  code;
  ZcProblemSubject  subject;
  char             *key;
  char             *message;
} ZcReceptionProblem;

#define ZC_TYPE_RECEPTION_PROBLEM (zc_reception_problem_get_type ())
GType               zc_reception_problem_get_type (void) G_GNUC_CONST;
ZcReceptionProblem *zc_reception_problem_copy     (const ZcReceptionProblem *problem);
void                zc_reception_problem_free     (ZcReceptionProblem *problem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZcReceptionProblem, zc_reception_problem_free)

/* Everything that blocks submit, all at once (一次性告知), in the order of
 * the steps (GPtrArray of ZcReceptionProblem; empty when none). */
GPtrArray   *zc_reception_dup_problems        (ZcReception *self);

/* The same as lines: returns FALSE and fills @problems (may be NULL)
 * with one translated line each. */
gboolean     zc_reception_check               (ZcReception *self, GPtrArray *problems,
                                               GError **error);

/* Share of fields prefilled (source LICENCE or EARLIER_CASE) among all
 * fields, 0..1; and share of materials EXEMPT. */
double       zc_reception_get_prefill_ratio   (ZcReception *self);
double       zc_reception_get_exempt_ratio    (ZcReception *self);

/* The POST /cases body: {"item","applicant","matters","form","parties":[{"role","key"}],
 * "field_sources":{key:{"kind":"licence|earlier_case|typed","licence_type","licence_number"}},
 * "materials":{code:state}, "answers":{question:bool} (only when asked)}
 * — only what applies */
JsonObject  *zc_reception_to_json             (ZcReception *self);
/* Restores typed values, matters, field sources and material states from
 * a saved body (parties must be set again by the caller from "parties"). */
gboolean     zc_reception_restore             (ZcReception *self, JsonObject *saved,
                                               GError **error);

/* "changed" signal: any value, matter, party or material state changed
 * (the UI debounces draft saving on it). */

G_END_DECLS

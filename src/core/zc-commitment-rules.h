/* zc-commitment-rules.h — when 容缺 and 告知承诺 are allowed, and their dates
 *
 * The rules of docs/domain.md (rules 4 and 5, "告知承诺", "容缺受理"),
 * pure: the catalogue, the applicant's credit, the calendar and the day
 * are inputs; the platform and the app ask the same questions here.
 *
 * - 容缺 (tolerance) only for a material marked 可容缺, with a deadline
 *   after the reception day and never beyond the time limit of any
 *   chosen sub-matter needing the material (counted in working days
 *   from the reception day).
 * - 告知承诺 (commitment) only for a material marked 可告知承诺 or one
 *   needed by a sub-matter marked so, never when a chosen sub-matter
 *   needing it is marked not eligible, never for an applicant with a
 *   serious credit breach or an earlier false commitment (not repaired).
 * - An open commitment whose deadline has passed (the day after it) is
 *   overdue; a 事后核查 is due N working days after the approval.
 *
 * Each refusal is a ZC_COMMITMENT_ERROR with its own code (its API name:
 * zc_commitment_error_to_string) and a translated reason.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "zc-calendar.h"
#include "zc-catalogue.h"

G_BEGIN_DECLS

#define ZC_COMMITMENT_ERROR (zc_commitment_error_quark ())

typedef enum
{
  ZC_COMMITMENT_ERROR_NOT_TOLERABLE,          /* the material is not 可容缺 */
  ZC_COMMITMENT_ERROR_MATERIAL_NOT_ELIGIBLE,  /* neither it nor its sub-matter is 可告知承诺 */
  ZC_COMMITMENT_ERROR_MATTER_NOT_ELIGIBLE,    /* a sub-matter needing it excludes 告知承诺 */
  ZC_COMMITMENT_ERROR_CREDIT_BREACH,          /* serious credit breach */
  ZC_COMMITMENT_ERROR_FALSE_COMMITMENT,       /* an earlier false commitment */
  ZC_COMMITMENT_ERROR_NO_DEADLINE,            /* 容缺 without a deadline */
  ZC_COMMITMENT_ERROR_DEADLINE_PAST,          /* not after the reception day */
  ZC_COMMITMENT_ERROR_DEADLINE_BEYOND_LIMIT,  /* beyond a sub-matter's time limit */
  ZC_COMMITMENT_ERROR_NOT_NEEDED,             /* no chosen sub-matter needs the material */
  ZC_COMMITMENT_ERROR_CALENDAR,               /* the calendar cannot answer for the dates */
  ZC_COMMITMENT_ERROR_DEADLINE_CLOSED,        /* a rest day: the window is closed then */
} ZcCommitmentError;

GQuark      zc_commitment_error_quark    (void);
/* "not_tolerable", "material_not_eligible", … (the API's error codes) */
const char *zc_commitment_error_to_string (ZcCommitmentError code);

typedef enum
{
  ZC_COMMITMENT_KIND_INVALID = -1,
  ZC_COMMITMENT_KIND_TOLERANCE,   /* 容缺: the material follows by a deadline */
  ZC_COMMITMENT_KIND_COMMITMENT,  /* 告知承诺: a signed promise, verified later */
} ZcCommitmentKind;

const char      *zc_commitment_kind_to_string   (ZcCommitmentKind kind);
ZcCommitmentKind zc_commitment_kind_from_string (const char *str);
const char      *zc_commitment_kind_label       (ZcCommitmentKind kind); /* 容缺受理 / 告知承诺 */

typedef enum
{
  ZC_COMMITMENT_STATE_INVALID = -1,
  ZC_COMMITMENT_STATE_OPEN,
  ZC_COMMITMENT_STATE_FULFILLED,  /* 容缺: every material supplied */
  ZC_COMMITMENT_STATE_OVERDUE,    /* the deadline passed while open */
  ZC_COMMITMENT_STATE_VERIFIED,   /* 告知承诺: 事后核查 confirmed it */
  ZC_COMMITMENT_STATE_BREACHED,   /* 告知承诺: found false */
  ZC_COMMITMENT_STATE_CANCELLED,  /* the case ended without it */
} ZcCommitmentState;

const char       *zc_commitment_state_to_string   (ZcCommitmentState state);
ZcCommitmentState zc_commitment_state_from_string (const char *str);
const char       *zc_commitment_state_label       (ZcCommitmentState state); /* 待履行 … */
/* What a commitment row says of it: an open 告知承诺 whose 事后核查 is
 * scheduled (@verification_due) awaits the department's verification
 * (待核查), not the applicant (待履行); otherwise the state's label */
const char       *zc_commitment_shown_state_label (ZcCommitmentKind  kind,
                                                   ZcCommitmentState state,
                                                   gboolean          verification_due);

typedef enum
{
  ZC_VERIFICATION_METHOD_INVALID = -1,
  ZC_VERIFICATION_METHOD_WRITTEN,        /* 书面核查 */
  ZC_VERIFICATION_METHOD_ONLINE,         /* 网络核验 */
  ZC_VERIFICATION_METHOD_ON_SITE,        /* 实地调查 */
  ZC_VERIFICATION_METHOD_PUBLIC_NOTICE,  /* 公示核查 */
} ZcVerificationMethod;

const char          *zc_verification_method_to_string   (ZcVerificationMethod method);
ZcVerificationMethod zc_verification_method_from_string (const char *str);
const char          *zc_verification_method_label       (ZcVerificationMethod method);

/* What the platform knows of the applicant's credit (GET
 * /applicants/{key}/credit): records not repaired. */
typedef struct
{
  gboolean serious_breach;
  gboolean false_commitment;
} ZcCreditFacts;

/* May @material of @item, on a case with the sub-matters @chosen
 * (NULL-terminated codes), be covered by a commitment of @kind for an
 * applicant with @credit (NULL: no record)? FALSE with the reason. */
gboolean zc_commitment_check_eligible (ZcCommitmentKind     kind,
                                       ZcCatalogueItem     *item,
                                       ZcMaterial          *material,
                                       const char * const  *chosen,
                                       const ZcCreditFacts *credit,
                                       GError             **error);

/* The latest supplement deadline of @material: the reception day plus
 * the shortest time limit (working days) among the chosen sub-matters
 * needing it. @provisional (may be NULL) set when it depends on a
 * provisional year. */
gboolean zc_commitment_deadline_limit (ZcCalendar          *calendar,
                                       ZcCatalogueItem     *item,
                                       ZcMaterial          *material,
                                       const char * const  *chosen,
                                       const GDate         *reception,
                                       GDate               *limit,
                                       gboolean            *provisional,
                                       GError             **error);

/* A 容缺 deadline for @material: given (@deadline valid), after the
 * reception day and not beyond zc_commitment_deadline_limit. */
gboolean zc_commitment_check_deadline (ZcCalendar          *calendar,
                                       ZcCatalogueItem     *item,
                                       ZcMaterial          *material,
                                       const char * const  *chosen,
                                       const GDate         *reception,
                                       const GDate         *deadline,
                                       GError             **error);

/* Whether a 容缺 of @material is still possible on @today: some day after
 * today lies within its limit (ZC_COMMITMENT_ERROR_DEADLINE_BEYOND_LIMIT
 * naming the last day otherwise — the time limit has run out). */
gboolean zc_commitment_check_time_left (ZcCalendar          *calendar,
                                        ZcCatalogueItem     *item,
                                        ZcMaterial          *material,
                                        const char * const  *chosen,
                                        const GDate         *reception,
                                        const GDate         *today,
                                        GError             **error);

/* The deadline @n working days after @reception, capped at the limit
 * of @material (what the counter proposes). */
gboolean zc_commitment_propose_deadline (ZcCalendar         *calendar,
                                         ZcCatalogueItem    *item,
                                         ZcMaterial         *material,
                                         const char * const *chosen,
                                         const GDate        *reception,
                                         guint               n,
                                         GDate              *deadline,
                                         gboolean           *provisional,
                                         GError            **error);

/* When the 事后核查 of a commitment approved on @approved is due: @n
 * working days later. */
gboolean zc_commitment_verification_due (ZcCalendar  *calendar,
                                         const GDate *approved,
                                         guint        n,
                                         GDate       *due,
                                         gboolean    *provisional,
                                         GError     **error);

/* "Due soon": a deadline or a 事后核查 falling on a day from today to
 * the ZC_COMMITMENT_DUE_SOON_DAYS-th working day after it (weekends,
 * holidays and 调休 as the calendar says). The 承诺核查 page, zcctl
 * commitments --due and the platform's due_before filter (given this
 * limit) agree. */
#define ZC_COMMITMENT_DUE_SOON_DAYS 3

/* The last day that is due soon on @today. */
gboolean zc_commitment_due_soon_limit (ZcCalendar  *calendar,
                                       const GDate *today,
                                       GDate       *limit,
                                       gboolean    *provisional,
                                       GError     **error);

/* The state of a commitment in @state with @deadline (may be NULL or
 * invalid: none) on @today: open becomes overdue the day after its
 * deadline; every other state stays. */
ZcCommitmentState zc_commitment_state_on (ZcCommitmentState state,
                                          const GDate      *deadline,
                                          const GDate      *today);

G_END_DECLS

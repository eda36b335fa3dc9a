/* zc-mask.h — masking of personal data for lists
 *
 * Every function is UTF-8 aware (counts characters, not bytes), accepts
 * NULL (→ "") and invalid UTF-8 (repaired first), and returns a newly
 * allocated string. Short values never show more than half of themselves:
 * up to 2 characters → all masked, 3–4 → the last one shown, otherwise the
 * last two.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 340102199001011234 → 3401**********1234; a USCC keeps its first 4 and
 * last 4 likewise (any value longer than 8 characters); shorter values as
 * above (12345678 → ******78). */
char *zc_mask_id     (const char *id);
/* 张三 → 张*, 张小明 → 张*明, 欧阳小明 → 欧**明, 张 → *; surrounding spaces
 * are dropped. */
char *zc_mask_name   (const char *name);
/* 13812345678 → 138****5678 (any value of 10 or more characters keeps its
 * first 3 and last 4); shorter values as above. */
char *zc_mask_phone  (const char *phone);

/* A licence number as a clerk may see it on screen and paper: enough to
 * compare it with the document in hand, never the identifying part.
 * @type is the licence type code of the licence library (NULL or
 * unknown → the generic rule). Per type, for a number of its usual shape:
 *   id_card, disability_certificate  as zc_mask_id (3401**********1234)
 *   business_licence (USCC, 18)      first 2, last 4 (91************0Y43)
 *   real_estate_certificate          “…不动产权第” kept, the digits but the
 *                                    last 3 masked, “号” kept
 *                                    (皖(2024)合肥市不动产权第****345号)
 *   marriage_certificate             office code kept, year masked, the
 *                                    serial but its last 4 (J340102-****-**1234)
 *   health_certificate               prefix up to “-” kept, the serial but
 *                                    its last 4 (HC2026-***2345)
 *   birth_certificate                first 3, last 3 (R34****456)
 *   social_security_card             first 1, last 4 (A****5678)
 *   social_insurance_record          “SB”, last 4 (SB********5678)
 *   housing_fund_certificate         last 4 (********5678)
 *   administrative_penalty_decision, bankruptcy_ruling, liquidation_filing:
 *                                    document numbers, public: unmasked.
 * A number not of its type's shape that is no longer than the parts its
 * type keeps is masked entirely; any other number (and any unknown
 * type) gets the generic rule: an 18-character ID-like value as
 * zc_mask_id, up to 8 characters as zc_mask_id, else the first and last
 * min (4, n / 4) characters, so that at least half is always hidden.
 * Characters, not bytes, are counted; NULL → ""; invalid UTF-8 is
 * repaired first. The mask keeps the length. */
char *zc_mask_licence_number (const char *type,
                              const char *number);

G_END_DECLS

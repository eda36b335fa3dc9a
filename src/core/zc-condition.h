/* zc-condition.h — when a field, material or party of an item applies
 *
 * The catalogue's "when" (data/platform-api.yaml, Condition): every
 * member given must hold —
 *   "field"/"in"      a choice field of the form holds one of the values
 *                     (原社会保障卡 only when 补换原因 is 损坏);
 *   "age_below",      the applicant's age on the reception date, read
 *   "age_at_least"    from the ID number (a minor's guardian);
 *   "applicant_kind"  "person" or "enterprise" (by the applicant's key);
 *   "question"        the clerk answered the item's yes/no question yes
 *                     (where no data can decide: 非父母户籍地落户);
 *   "any"             at least one of these conditions holds.
 * Core decides with zc_condition_holds(); the reception gathers the facts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _ZcCondition ZcCondition;

struct _ZcCondition
{
  char      *field;          /* a choice field's key, or NULL */
  GStrv      values;         /* … holding one of these */
  int        age_below;      /* < 0: no rule */
  int        age_at_least;   /* < 0: no rule */
  char      *applicant_kind; /* "person", "enterprise" or NULL */
  char      *question;       /* an item question's code, or NULL */
  GPtrArray *any;            /* of ZcCondition, or NULL */
};

/* What a condition is decided on. @field_value returns the value of an
 * applicable field of the form, or NULL when the field is not in the
 * form or does not apply. */
typedef struct
{
  int          age;              /* the applicant's age; < 0 unknown */
  const char  *applicant_kind;   /* "person", "enterprise" or NULL */
  gboolean   (*answer)      (const char *question, gpointer user_data);
  const char *(*field_value) (const char *key, gpointer user_data);
  gpointer     user_data;
} ZcConditionFacts;

ZcCondition *zc_condition_new      (void);
void         zc_condition_free     (ZcCondition *condition);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZcCondition, zc_condition_free)

/* TRUE for a NULL condition (always applies). An age rule with the age
 * unknown does not hold. */
gboolean     zc_condition_holds    (const ZcCondition      *condition,
                                    const ZcConditionFacts *facts);
/* Whether @condition (or one of its "any") names a question / a field */
gboolean     zc_condition_uses_question (const ZcCondition *condition,
                                         const char        *question);
/* Calls @func for every field key named, "any" included */
void         zc_condition_foreach_field (const ZcCondition *condition,
                                         void (*func) (const ZcCondition *part, gpointer user_data),
                                         gpointer           user_data);

/* Age in whole years on @date of a person born on @birth; -1 when
 * either is invalid or the birth is after @date. */
int          zc_age_on (const GDate *birth, const GDate *date);

G_END_DECLS

/* zc-reception-rules.c — the computed values of the merged form
 *
 * A field whose catalogue source is {"computed": RULE} gets its value from
 * one of the functions below, found by name in one table; the catalogue
 * parser accepts exactly the names of that table (zc_computed_rules ()).
 * Each returns the value with the label that states the rule at the
 * field, or NULL with *note saying why it cannot (NULL note: nothing to
 * say — a party not named yet). The clerk can always type over it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "zc-calendar.h"
#include "zc-catalogue.h"
#include "zc-id.h"
#include "zc-reception-private.h"
#include "zc-retirement.h"

typedef char *(*ZcRuleFunc) (ZcReception  *self,
                             const char   *rule,
                             char        **label,
                             char        **note);

/* The applicant's statutory retirement date from the ID number (birth
 * date, sex) and, for a woman, the original statutory age on her social
 * insurance record. FALSE with *note when it cannot be known. */
static gboolean
statutory_retirement (ZcReception  *self,
                      GDate        *date,
                      guint        *years,
                      guint        *months,
                      char        **note)
{
  ZcApplicant *applicant = zc_reception_get_applicant (self);
  const char *key = zc_applicant_get_key (applicant);
  ZcLicence *record;
  const char *original = NULL;
  ZcRetirementGroup group;
  gboolean male;
  GDate birth;

  g_date_clear (&birth, 1);
  if (g_strcmp0 (zc_applicant_get_kind (applicant), "person") != 0 ||
      !zc_resident_id_get_birth_date (key, &birth))
    return FALSE;
  male = zc_resident_id_is_male (key);
  record = _zc_reception_find_licence (applicant, "social_insurance_record", zc_reception_get_date (self), NULL);
  if (record != NULL)
    original = zc_licence_get_field (record, "original_retirement_age");
  if (!zc_retirement_group_from (male, original, &group))
    {
      *note = g_strdup (male
                        /* Translators: why the statutory retirement date is not computed */
                        ? _("The social insurance record states an original retirement age that does not fit: "
                            "check the retirement date")
                        : _("The original statutory retirement age (50 or 55) is not on record: "
                            "check it and type the retirement date"));
      return FALSE;
    }
  zc_retirement_age (group, &birth, years, months);
  zc_retirement_date (group, &birth, date);
  return TRUE;
}

/* statutory_retirement_date: the date the law sets from the birth date,
 * sex and original statutory age; retirement_type: 正常退休 once that
 * date is reached on the reception date */
static char *
rule_retirement (ZcReception  *self,
                const char   *rule,
                char        **label,
                char        **note)
{
  GDate date;
  guint years, months;
  g_autofree char *iso = NULL;

  if (!statutory_retirement (self, &date, &years, &months, note))
    return NULL;
  iso = zc_date_to_iso (&date);
  if (g_str_equal (rule, "retirement_type"))
    {
      /* reached on the reception date: normal retirement; before it,
       * flexible early, special work or illness — the clerk asks */
      if (g_date_compare (&date, zc_reception_get_date (self)) > 0)
        {
          /* Translators: %s is the statutory retirement date */
          *note = g_strdup_printf (_("The statutory retirement age is reached on %s: choose the type of retirement"),
                                   iso);
          return NULL;
        }
      /* Translators: the source of the retirement type; %s is the date the statutory age was reached */
      *label = g_strdup_printf (_("Statutory retirement age reached on %s"), iso);
      return g_strdup ("正常退休");
    }
  *label = months > 0
    /* Translators: the source of a computed retirement date; the statutory age, e.g. 60 岁 3 个月 */
    ? g_strdup_printf (_("Statutory retirement age: %u years %u months"), years, months)
    : g_strdup_printf (_("Statutory retirement age: %u years"), years);
  return g_steal_pointer (&iso);
}

/* 普通注销 for an enterprise with a liquidation group filed */
static char *
rule_deregistration_mode (ZcReception  *self,
                         const char   *rule,
                         char        **label,
                         char        **note)
{
  /* a liquidation group is filed for a general deregistration only */
  ZcLicence *filing = _zc_reception_find_licence (zc_reception_get_applicant (self), "liquidation_filing", zc_reception_get_date (self), NULL);

  if (filing == NULL)
    return NULL;
  *label = _zc_reception_licence_label ("liquidation_filing", zc_licence_get_number (filing));
  return g_strdup ("普通注销");
}

/* 父亲/母亲 when the household register shows the student as the
 * applicant's child */
static char *
rule_guardian_relation (ZcReception  *self,
                       const char   *rule,
                       char        **label,
                       char        **note)
{
  /* the applicant heads the child's household (or is the head's
   * spouse) and the child is a son or daughter there: a parent */
  ZcApplicant *child = _zc_reception_holder_of (self, "child");
  ZcLicence *own = _zc_reception_find_licence (zc_reception_get_applicant (self), "household_register", zc_reception_get_date (self), NULL);
  ZcLicence *theirs = _zc_reception_find_licence (child, "household_register", zc_reception_get_date (self), NULL);
  const char *own_relation = own != NULL ? zc_licence_get_field (own, "relation_to_head") : NULL;
  const char *child_relation = theirs != NULL ? zc_licence_get_field (theirs, "relation_to_head") : NULL;

  if (own == NULL || theirs == NULL ||
      g_strcmp0 (zc_licence_get_number (own), zc_licence_get_number (theirs)) != 0 ||
      !(g_strcmp0 (own_relation, "户主") == 0 || g_strcmp0 (own_relation, "配偶") == 0) ||
      !(g_strcmp0 (child_relation, "子") == 0 || g_strcmp0 (child_relation, "女") == 0))
    return NULL;
  /* Translators: the source of the guardian's relation to the student */
  *label = g_strdup (_("From the household register: the same household"));
  return g_strdup (zc_resident_id_is_male (zc_applicant_get_key (zc_reception_get_applicant (self))) ? "父亲" : "母亲");
}

/* 小学/初中一年级 by the student's age on 31 August before the next
 * school year */
static char *
rule_enrolment_stage (ZcReception  *self,
                     const char   *rule,
                     char        **label,
                     char        **note)
{
  /* entry age: 6 (primary) or 12 (junior middle school) on 31 August
   * before the next school year the reception is for */
  ZcApplicant *child = _zc_reception_holder_of (self, "child");
  GDate birth, cutoff;
  guint year = g_date_get_year (zc_reception_get_date (self)) + (g_date_get_month (zc_reception_get_date (self)) >= G_DATE_SEPTEMBER ? 1 : 0);
  int age;

  g_date_clear (&birth, 1);
  if (child == NULL || !zc_resident_id_get_birth_date (zc_applicant_get_key (child), &birth))
    return NULL;
  g_date_clear (&cutoff, 1);
  g_date_set_dmy (&cutoff, 31, G_DATE_AUGUST, (GDateYear) year);
  age = (int) g_date_get_year (&cutoff) - (int) g_date_get_year (&birth);
  if (g_date_get_month (&birth) > G_DATE_AUGUST)
    age--;
  if (age != 6 && age != 12)
    {
      /* Translators: why the school stage is not worked out: the student's age on 31 August of a year */
      *note = g_strdup_printf (_("The student is %d on 31 August %u: not the entry age of primary (6) or "
                                 "junior middle school (12)"), age, year);
      return NULL;
    }
  /* Translators: the source of the school stage; %u is the year school starts */
  *label = g_strdup_printf (_("From the student’s birth date: school starts in September %u"), year);
  return g_strdup (age == 6 ? "小学一年级" : "初中一年级");
}

/* the parents' ethnicity when both share it */
static char *
rule_newborn_ethnicity (ZcReception  *self,
                       const char   *rule,
                       char        **label,
                       char        **note)
{
  ZcApplicant *mother = _zc_reception_holder_of (self, "mother");
  ZcApplicant *father = _zc_reception_holder_of (self, "father");
  ZcLicence *m = _zc_reception_find_licence (mother, "id_card", zc_reception_get_date (self), NULL);
  ZcLicence *f = _zc_reception_find_licence (father, "id_card", zc_reception_get_date (self), NULL);
  const char *me = m != NULL ? zc_licence_get_field (m, "ethnicity") : NULL;
  const char *fe = f != NULL ? zc_licence_get_field (f, "ethnicity") : NULL;

  if (me == NULL || fe == NULL || me[0] == '\0' || fe[0] == '\0')
    return NULL;
  if (!g_str_equal (me, fe))
    {
      /* Translators: a newborn's ethnicity is chosen by the parents when theirs differ */
      *note = g_strdup (_("The parents’ ethnicities differ: ask which one the child takes"));
      return NULL;
    }
  /* Translators: the source of a newborn's ethnicity */
  *label = g_strdup (_("Both parents’ ID cards"));
  return g_strdup (me);
}

static const struct
{
  const char *name;
  ZcRuleFunc  compute;
} rules[] = {
  { "statutory_retirement_date", rule_retirement },
  { "retirement_type", rule_retirement },
  { "newborn_ethnicity", rule_newborn_ethnicity },
  { "deregistration_mode", rule_deregistration_mode },
  { "guardian_relation", rule_guardian_relation },
  { "enrolment_stage", rule_enrolment_stage },
};

/**
 * zc_computed_rules:
 *
 * Returns: (transfer none): the names of the rules a field's source may
 *   name, NULL-terminated (the table above).
 */
const char * const *
zc_computed_rules (void)
{
  static const char *names[G_N_ELEMENTS (rules) + 1];
  static gsize initialised;

  if (g_once_init_enter (&initialised))
    {
      for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
        names[i] = rules[i].name;
      g_once_init_leave (&initialised, 1);
    }
  return names;
}

char *
_zc_reception_compute (ZcReception  *self,
                       const char   *rule,
                       char        **label,
                       char        **note)
{
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if (g_str_equal (rules[i].name, rule))
      return rules[i].compute (self, rule, label, note);
  return NULL;
}

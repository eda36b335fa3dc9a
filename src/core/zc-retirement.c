/* zc-retirement.c — the statutory retirement age and date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zc-retirement.h"

static const struct {
  guint base_years;
  guint first_year;   /* the first birth month the reform reaches: January of … */
  guint step_months;  /* one month later for each … months of birth */
  guint max_months;
} rules[] = {
  [ZC_RETIREMENT_MALE]      = { 60, 1965, 4, 36 },
  [ZC_RETIREMENT_FEMALE_50] = { 50, 1975, 2, 60 },
  [ZC_RETIREMENT_FEMALE_55] = { 55, 1970, 4, 36 },
};

gboolean
zc_retirement_group_from (gboolean           male,
                          const char        *original_age,
                          ZcRetirementGroup *group)
{
  ZcRetirementGroup g;

  if (male)
    g = ZC_RETIREMENT_MALE;
  else if (g_strcmp0 (original_age, "50") == 0)
    g = ZC_RETIREMENT_FEMALE_50;
  else if (g_strcmp0 (original_age, "55") == 0)
    g = ZC_RETIREMENT_FEMALE_55;
  else
    return FALSE;
  /* a record saying otherwise for a man is not to be trusted */
  if (male && original_age != NULL && g_strcmp0 (original_age, "60") != 0)
    return FALSE;
  if (group != NULL)
    *group = g;
  return TRUE;
}

void
zc_retirement_age (ZcRetirementGroup  group,
                   const GDate       *birth,
                   guint             *years,
                   guint             *months)
{
  int since;
  guint delay = 0, total;

  g_return_if_fail (group <= ZC_RETIREMENT_FEMALE_55);
  g_return_if_fail (birth != NULL && g_date_valid (birth));

  since = ((int) g_date_get_year (birth) - (int) rules[group].first_year) * 12 +
          ((int) g_date_get_month (birth) - 1);
  if (since >= 0)
    delay = MIN (rules[group].max_months, (guint) since / rules[group].step_months + 1);
  total = rules[group].base_years * 12 + delay;
  if (years != NULL)
    *years = total / 12;
  if (months != NULL)
    *months = total % 12;
}

void
zc_retirement_date (ZcRetirementGroup  group,
                    const GDate       *birth,
                    GDate             *date)
{
  guint years, months, month_index, year, day;
  GDateMonth month;

  g_return_if_fail (date != NULL);
  zc_retirement_age (group, birth, &years, &months);
  month_index = (g_date_get_month (birth) - 1) + months;
  year = g_date_get_year (birth) + years + month_index / 12;
  month = (GDateMonth) (month_index % 12 + 1);
  day = MIN (g_date_get_day (birth), g_date_get_days_in_month (month, (GDateYear) year));
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, month, (GDateYear) year);
}

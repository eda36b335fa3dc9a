/* zc-condition.c — when a field, material or party of an item applies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zc-condition.h"

ZcCondition *
zc_condition_new (void)
{
  ZcCondition *condition = g_new0 (ZcCondition, 1);

  condition->age_below = -1;
  condition->age_at_least = -1;
  return condition;
}

void
zc_condition_free (ZcCondition *condition)
{
  if (condition == NULL)
    return;
  g_free (condition->field);
  g_strfreev (condition->values);
  g_free (condition->applicant_kind);
  g_free (condition->question);
  g_clear_pointer (&condition->any, g_ptr_array_unref);
  g_free (condition);
}

int
zc_age_on (const GDate *birth,
           const GDate *date)
{
  int age;

  if (birth == NULL || date == NULL || !g_date_valid (birth) || !g_date_valid (date) ||
      g_date_compare (birth, date) > 0)
    return -1;
  age = g_date_get_year (date) - g_date_get_year (birth);
  if (g_date_get_month (date) < g_date_get_month (birth) ||
      (g_date_get_month (date) == g_date_get_month (birth) &&
       g_date_get_day (date) < g_date_get_day (birth)))
    age--;
  return age;
}

/**
 * zc_condition_holds:
 * @condition: (nullable): the condition
 * @facts: what it is decided on
 *
 * Returns: whether every member of @condition holds (TRUE for NULL)
 */
gboolean
zc_condition_holds (const ZcCondition      *condition,
                    const ZcConditionFacts *facts)
{
  g_return_val_if_fail (facts != NULL, FALSE);

  if (condition == NULL)
    return TRUE;
  if (condition->field != NULL)
    {
      const char *value = facts->field_value != NULL
        ? facts->field_value (condition->field, facts->user_data) : NULL;

      if (value == NULL || condition->values == NULL ||
          !g_strv_contains ((const char * const *) condition->values, value))
        return FALSE;
    }
  if (condition->age_below >= 0 && (facts->age < 0 || facts->age >= condition->age_below))
    return FALSE;
  if (condition->age_at_least >= 0 && (facts->age < 0 || facts->age < condition->age_at_least))
    return FALSE;
  if (condition->applicant_kind != NULL && g_strcmp0 (condition->applicant_kind, facts->applicant_kind) != 0)
    return FALSE;
  if (condition->question != NULL &&
      (facts->answer == NULL || !facts->answer (condition->question, facts->user_data)))
    return FALSE;
  if (condition->any != NULL)
    {
      gboolean one = FALSE;

      for (guint i = 0; i < condition->any->len && !one; i++)
        one = zc_condition_holds (g_ptr_array_index (condition->any, i), facts);
      if (!one)
        return FALSE;
    }
  return TRUE;
}

gboolean
zc_condition_uses_question (const ZcCondition *condition,
                            const char        *question)
{
  if (condition == NULL || question == NULL)
    return FALSE;
  if (g_strcmp0 (condition->question, question) == 0)
    return TRUE;
  for (guint i = 0; condition->any != NULL && i < condition->any->len; i++)
    if (zc_condition_uses_question (g_ptr_array_index (condition->any, i), question))
      return TRUE;
  return FALSE;
}

void
zc_condition_foreach_field (const ZcCondition *condition,
                            void             (*func) (const ZcCondition *part, gpointer user_data),
                            gpointer           user_data)
{
  if (condition == NULL)
    return;
  if (condition->field != NULL)
    func (condition, user_data);
  for (guint i = 0; condition->any != NULL && i < condition->any->len; i++)
    zc_condition_foreach_field (g_ptr_array_index (condition->any, i), func, user_data);
}

/* zc-retirement.h — the statutory retirement age and date (法定退休年龄)
 * under the gradual reform in force since 2025-01-01 (全国人民代表大会常务
 * 委员会关于实施渐进式延迟法定退休年龄的决定, 2024-09-13).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ZC_RETIREMENT_MALE,       /* 男职工: 60 → 63 */
  ZC_RETIREMENT_FEMALE_50,  /* 原法定退休年龄 50 周岁的女职工: 50 → 55 */
  ZC_RETIREMENT_FEMALE_55,  /* 原法定退休年龄 55 周岁的女职工: 55 → 58 */
} ZcRetirementGroup;

/* The group from the sex and the original statutory age a social
 * insurance record states ("50", "55", "60"); FALSE when they do not fit
 * (a woman without a known original age, a man with 50 …). */
gboolean zc_retirement_group_from (gboolean           male,
                                   const char        *original_age,
                                   ZcRetirementGroup *group);

/* The statutory retirement age of someone born in @birth's month:
 * the original age, plus one month per 4 (women 50: per 2) months of
 * birth from the first month the reform reaches (men born 1965-01,
 * women 50 born 1975-01, women 55 born 1970-01), up to 36 (60) months. */
void     zc_retirement_age         (ZcRetirementGroup  group,
                                    const GDate       *birth,
                                    guint             *years,
                                    guint             *months);

/* The day that age is reached (the birthday in that month; the month's
 * last day when it has no such day). */
void     zc_retirement_date        (ZcRetirementGroup  group,
                                    const GDate       *birth,
                                    GDate             *date);

G_END_DECLS

/* test-retirement.c — the statutory retirement age and date under the
 * gradual reform (in force 2025-01-01), against the published tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zc-retirement.h"

static void
test_ages (void)
{
  static const struct {
    ZcRetirementGroup group;
    guint year, month;        /* of birth */
    guint years, months;      /* statutory age */
  } cases[] = {
    /* men: 60, one month later per 4 months of birth from 1965-01, up to 63 */
    { ZC_RETIREMENT_MALE, 1964, 12, 60, 0 },
    { ZC_RETIREMENT_MALE, 1965, 1, 60, 1 },
    { ZC_RETIREMENT_MALE, 1965, 4, 60, 1 },
    { ZC_RETIREMENT_MALE, 1965, 5, 60, 2 },
    { ZC_RETIREMENT_MALE, 1971, 1, 61, 7 },
    { ZC_RETIREMENT_MALE, 1976, 8, 62, 11 },
    { ZC_RETIREMENT_MALE, 1976, 9, 63, 0 },
    { ZC_RETIREMENT_MALE, 1990, 6, 63, 0 },
    /* women originally 50: one month per 2 months from 1975-01, up to 55 */
    { ZC_RETIREMENT_FEMALE_50, 1974, 12, 50, 0 },
    { ZC_RETIREMENT_FEMALE_50, 1975, 1, 50, 1 },
    { ZC_RETIREMENT_FEMALE_50, 1975, 2, 50, 1 },
    { ZC_RETIREMENT_FEMALE_50, 1975, 3, 50, 2 },
    { ZC_RETIREMENT_FEMALE_50, 1980, 1, 52, 7 },
    { ZC_RETIREMENT_FEMALE_50, 1984, 10, 54, 11 },
    { ZC_RETIREMENT_FEMALE_50, 1984, 11, 55, 0 },
    { ZC_RETIREMENT_FEMALE_50, 2000, 1, 55, 0 },
    /* women originally 55: one month per 4 months from 1970-01, up to 58 */
    { ZC_RETIREMENT_FEMALE_55, 1969, 12, 55, 0 },
    { ZC_RETIREMENT_FEMALE_55, 1970, 1, 55, 1 },
    { ZC_RETIREMENT_FEMALE_55, 1970, 5, 55, 2 },
    { ZC_RETIREMENT_FEMALE_55, 1981, 8, 57, 11 },
    { ZC_RETIREMENT_FEMALE_55, 1981, 9, 58, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDate) birth = g_date_new_dmy (15, cases[i].month, cases[i].year);
      guint years = 0, months = 0;

      zc_retirement_age (cases[i].group, birth, &years, &months);
      g_test_message ("group %d born %u-%02u", cases[i].group, cases[i].year, cases[i].month);
      g_assert_cmpuint (years, ==, cases[i].years);
      g_assert_cmpuint (months, ==, cases[i].months);
    }
}

static void
test_dates (void)
{
  static const struct {
    ZcRetirementGroup group;
    guint d, m, y;           /* birth */
    const char *expected;
  } cases[] = {
    { ZC_RETIREMENT_MALE, 15, 12, 1964, "2024-12-15" },
    { ZC_RETIREMENT_MALE, 10, 1, 1965, "2025-02-10" },
    { ZC_RETIREMENT_MALE, 31, 7, 1965, "2025-09-30" },  /* 60 y 2 m: September has no 31st */
    { ZC_RETIREMENT_MALE, 29, 9, 1976, "2039-09-29" },  /* 63 */
    { ZC_RETIREMENT_FEMALE_50, 30, 6, 1975, "2025-09-30" }, /* 50 y 3 m */
    { ZC_RETIREMENT_FEMALE_55, 29, 11, 1971, "2027-05-29" }, /* 22 months after 1970-01: 55 y 6 m */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDate) birth = g_date_new_dmy (cases[i].d, cases[i].m, cases[i].y);
      GDate date;
      char text[16];

      zc_retirement_date (cases[i].group, birth, &date);
      g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_groups (void)
{
  ZcRetirementGroup group = ZC_RETIREMENT_FEMALE_55;

  g_assert_true (zc_retirement_group_from (TRUE, NULL, &group));
  g_assert_cmpint (group, ==, ZC_RETIREMENT_MALE);
  g_assert_true (zc_retirement_group_from (TRUE, "60", &group));
  g_assert_false (zc_retirement_group_from (TRUE, "50", &group));
  g_assert_false (zc_retirement_group_from (FALSE, NULL, &group));
  g_assert_false (zc_retirement_group_from (FALSE, "60", &group));
  g_assert_false (zc_retirement_group_from (FALSE, "", &group));
  g_assert_true (zc_retirement_group_from (FALSE, "50", &group));
  g_assert_cmpint (group, ==, ZC_RETIREMENT_FEMALE_50);
  g_assert_true (zc_retirement_group_from (FALSE, "55", &group));
  g_assert_cmpint (group, ==, ZC_RETIREMENT_FEMALE_55);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/retirement/ages", test_ages);
  g_test_add_func ("/retirement/dates", test_dates);
  g_test_add_func ("/retirement/groups", test_groups);
  return g_test_run ();
}

/* test-calendar.c — the working-day calendar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "zc-calendar.h"

static ZcCalendar *
load_shipped (void)
{
  g_autoptr(GError) error = NULL;
  const char *dir = g_getenv ("ZC_DATA_DIR");
  g_autofree char *path = NULL;
  ZcCalendar *calendar;

  if (dir != NULL)
    path = g_build_filename (dir, "holidays-cn.json", NULL);
  else
    path = g_test_build_filename (G_TEST_DIST, "..", "..", "data", "holidays-cn.json", NULL);

  calendar = zc_calendar_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (calendar);
  return calendar;
}

static GDate *
iso (const char *str)
{
  GDate *date = g_date_new ();

  if (!zc_date_parse_iso (str, date))
    g_error ("bad test date %s", str);
  return date;
}

static void
assert_day (ZcCalendar *calendar,
            const char *str,
            gboolean    expect_working,
            gboolean    expect_provisional)
{
  g_autoptr(GDate) date = iso (str);
  g_autoptr(GError) error = NULL;
  gboolean working = !expect_working;
  gboolean provisional = !expect_provisional;

  if (!zc_calendar_is_working_day (calendar, date, &working, &provisional, &error))
    g_error ("%s: %s", str, error->message);
  if (working != expect_working)
    g_error ("%s should be a %s", str, expect_working ? "working day" : "day off");
  if (provisional != expect_provisional)
    g_error ("%s should %sbe provisional", str, expect_provisional ? "" : "not ");
}

static void
test_parse_iso (void)
{
  const struct { const char *str; gboolean ok; } cases[] = {
    { "2026-11-27", TRUE },
    { "2028-02-29", TRUE },
    { "2000-02-29", TRUE },
    { "2026-02-29", FALSE },
    { "1900-02-29", FALSE },
    { "2026-13-01", FALSE },
    { "2026-00-10", FALSE },
    { "2026-04-31", FALSE },
    { "2026-2-01", FALSE },
    { "2026-02-1", FALSE },
    { "2026-02-01x", FALSE },
    { " 2026-02-01", FALSE },
    { "2026/02/01", FALSE },
    { "20260201", FALSE },
    { "0000-01-01", FALSE },
    { "+026-02-01", FALSE },
    { "", FALSE },
  };
  GDate date;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean ok = zc_date_parse_iso (cases[i].str, &date);
      if (ok != cases[i].ok)
        g_error ("“%s” parsed %s", cases[i].str, ok ? "but should not" : "not but should");
      g_assert_cmpint (g_date_valid (&date), ==, cases[i].ok);
      if (ok)
        {
          g_autofree char *back = zc_date_to_iso (&date);
          g_assert_cmpstr (back, ==, cases[i].str);
        }
    }

  g_assert_false (zc_date_parse_iso (NULL, &date));
  g_date_clear (&date, 1);
  g_assert_null (zc_date_to_iso (&date));
  g_assert_null (zc_date_to_iso (NULL));
}

static void
test_chinese_calendar (void)
{
  const struct { int year; guint month; gboolean leap; guint day; const char *expected; } cases[] = {
    { 2025, 1, FALSE, 1, "2025-01-29" },   /* 春节 */
    { 2026, 1, FALSE, 1, "2026-02-17" },
    { 2027, 1, FALSE, 1, "2027-02-06" },
    { 2028, 1, FALSE, 1, "2028-01-26" },
    { 2025, 5, FALSE, 5, "2025-05-31" },   /* 端午, as in the 2025 data */
    { 2026, 5, FALSE, 5, "2026-06-19" },
    { 2027, 5, FALSE, 5, "2027-06-09" },
    { 2025, 8, FALSE, 15, "2025-10-06" },  /* 中秋 */
    { 2026, 8, FALSE, 15, "2026-09-25" },
    { 2027, 8, FALSE, 15, "2027-09-15" },
    { 2025, 6, TRUE, 1, "2025-07-25" },    /* 闰六月初一 */
    { 2025, 6, FALSE, 1, "2025-06-25" },
    { 2030, 1, FALSE, 1, "2030-02-03" },   /* ICU 72 alone says Feb 2 */
    { 2030, 1, FALSE, 15, "2030-02-17" },  /* 元宵 follows the refined 初一 */
    { 2031, 8, FALSE, 15, "2031-10-01" },
    { 2033, 1, FALSE, 1, "2033-01-31" },
    { 2034, 1, FALSE, 1, "2034-02-19" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *got = NULL;
      GDate date;

      if (!zc_chinese_date_to_gregorian (cases[i].year, cases[i].month, cases[i].leap,
                                         cases[i].day, &date, &error))
        g_error ("%d/%u/%u: %s", cases[i].year, cases[i].month, cases[i].day, error->message);
      got = zc_date_to_iso (&date);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }

  {
    g_autoptr(GError) error = NULL;
    GDate date;

    g_assert_false (zc_chinese_date_to_gregorian (2027, 13, FALSE, 1, &date, &error));
    g_assert_error (error, ZC_CALENDAR_ERROR, ZC_CALENDAR_ERROR_OUT_OF_RANGE);
    g_assert_false (g_date_valid (&date));
  }
  {
    g_autoptr(GError) error = NULL;
    GDate date;

    /* 2027 has no leap sixth month */
    g_assert_false (zc_chinese_date_to_gregorian (2027, 6, TRUE, 1, &date, &error));
    g_assert_error (error, ZC_CALENDAR_ERROR, ZC_CALENDAR_ERROR_OUT_OF_RANGE);
  }
}

static void
test_published (void)
{
  g_autoptr(ZcCalendar) calendar = load_shipped ();
  int first, last_published, last;

  g_object_get (calendar,
                "first-year", &first,
                "last-published-year", &last_published,
                "last-year", &last,
                NULL);
  g_assert_cmpint (first, ==, 2025);
  g_assert_cmpint (last_published, ==, 2026);
  g_assert_cmpint (last, ==, ZC_CALENDAR_LAST_YEAR);

  g_assert_true (zc_calendar_is_published (calendar, 2025));
  g_assert_true (zc_calendar_is_published (calendar, 2026));
  g_assert_false (zc_calendar_is_published (calendar, 2027));
  g_assert_true (zc_calendar_is_provisional (calendar, 2027));
  g_assert_false (zc_calendar_is_provisional (calendar, 2026));
  g_assert_true (zc_calendar_is_provisional (calendar, 2030));
  g_assert_true (zc_calendar_is_provisional (calendar, ZC_CALENDAR_LAST_YEAR));
  g_assert_false (zc_calendar_is_provisional (calendar, ZC_CALENDAR_LAST_YEAR + 1));
  g_assert_false (zc_calendar_is_provisional (calendar, 2024));

  /* far years are provisional, computed from the same rules: 春节 2050 is
   * Jan 23 (除夕 Jan 22, eight days off), 国庆 2099 Oct 1–7 */
  assert_day (calendar, "2050-01-21", TRUE, TRUE);
  assert_day (calendar, "2050-01-22", FALSE, TRUE);
  assert_day (calendar, "2050-01-29", FALSE, TRUE);
  assert_day (calendar, "2050-01-31", TRUE, TRUE);    /* Monday after */
  assert_day (calendar, "2099-10-05", FALSE, TRUE);
  assert_day (calendar, "2099-12-31", TRUE, TRUE);    /* Thursday */

  assert_day (calendar, "2026-10-01", FALSE, FALSE);  /* 国庆 */
  assert_day (calendar, "2026-10-07", FALSE, FALSE);
  assert_day (calendar, "2026-10-08", TRUE, FALSE);   /* Thursday */
  assert_day (calendar, "2026-10-10", TRUE, FALSE);   /* Saturday, 调休 */
  assert_day (calendar, "2026-10-11", FALSE, FALSE);  /* plain Sunday */
  assert_day (calendar, "2025-01-26", TRUE, FALSE);   /* Sunday, 调休 */
  assert_day (calendar, "2025-01-28", FALSE, FALSE);  /* 除夕, Tuesday */
  assert_day (calendar, "2025-02-08", TRUE, FALSE);   /* Saturday, 调休 */
  assert_day (calendar, "2026-02-23", FALSE, FALSE);  /* Monday in 春节 */
  assert_day (calendar, "2026-02-24", TRUE, FALSE);
  assert_day (calendar, "2026-06-19", FALSE, FALSE);  /* 端午, Friday */
  assert_day (calendar, "2026-11-27", TRUE, FALSE);   /* plain Friday */
  assert_day (calendar, "2026-11-28", FALSE, FALSE);  /* plain Saturday */
}

static void
test_add_working_days (void)
{
  g_autoptr(ZcCalendar) calendar = load_shipped ();
  const struct { const char *start; guint n; const char *expected; gboolean provisional; } cases[] = {
    /* Oct 1–7 off; Oct 8 Thu (1), 9 Fri (2), 10 Sat 调休 (3), 12 Mon (4), 13 Tue (5) */
    { "2026-09-30", 5, "2026-10-13", FALSE },
    { "2026-09-30", 0, "2026-09-30", FALSE },
    { "2026-09-30", 1, "2026-10-08", FALSE },
    /* Feb 14 Sat 调休 (1), Feb 15–23 off, Feb 24 (2), Feb 25 (3) */
    { "2026-02-13", 3, "2026-02-25", FALSE },
    /* a plain week: Fri → next Fri */
    { "2026-11-20", 5, "2026-11-27", FALSE },
    /* 2025 国庆: Sep 28 Sun 调休 (1), Sep 29 (2), Sep 30 (3), Oct 1–8 off, Oct 9 (4), 10 (5), 11 Sat 调休 (6) */
    { "2025-09-27", 6, "2025-10-11", FALSE },
    { "2026-12-29", 1, "2026-12-30", FALSE },
    /* into provisional 2027: Jan 1 Fri is 元旦, Jan 1–3 off → Mon Jan 4 */
    { "2026-12-31", 1, "2027-01-04", TRUE },
    /* 2027 春节: 除夕 Feb 5 (Fri) + 8 days → Feb 5–12 off; Feb 4 Thu → Feb 15 Mon */
    { "2027-02-04", 1, "2027-02-15", TRUE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDate) start = iso (cases[i].start);
      g_autoptr(GError) error = NULL;
      g_autofree char *got = NULL;
      gboolean provisional = !cases[i].provisional;
      GDate result;

      if (!zc_calendar_add_working_days (calendar, start, cases[i].n, &result, &provisional, &error))
        g_error ("%s + %u: %s", cases[i].start, cases[i].n, error->message);
      got = zc_date_to_iso (&result);
      if (g_strcmp0 (got, cases[i].expected) != 0)
        g_error ("%s + %u working days = %s, expected %s", cases[i].start, cases[i].n, got, cases[i].expected);
      g_assert_cmpint (provisional, ==, cases[i].provisional);
    }
}

static void
test_working_days_between (void)
{
  g_autoptr(ZcCalendar) calendar = load_shipped ();
  const struct { const char *from, *to; int expected; gboolean provisional; } cases[] = {
    { "2026-09-30", "2026-10-13", 5, FALSE },
    { "2026-10-13", "2026-09-30", -5, FALSE },
    { "2026-10-13", "2026-10-13", 0, FALSE },
    { "2026-10-01", "2026-10-07", 0, FALSE },
    /* 2026 in full: 365 − 104 weekend days − 19 weekday holidays + 6 调休 */
    { "2025-12-31", "2026-12-31", 248, FALSE },
    { "2026-12-30", "2027-01-05", 3, TRUE },   /* Dec 31, Jan 4, Jan 5 */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDate) from = iso (cases[i].from);
      g_autoptr(GDate) to = iso (cases[i].to);
      g_autoptr(GError) error = NULL;
      gboolean provisional = !cases[i].provisional;
      int n = -1000;

      if (!zc_calendar_working_days_between (calendar, from, to, &n, &provisional, &error))
        g_error ("%s..%s: %s", cases[i].from, cases[i].to, error->message);
      if (n != cases[i].expected)
        g_error ("%s..%s: %d working days, expected %d", cases[i].from, cases[i].to, n, cases[i].expected);
      g_assert_cmpint (provisional, ==, cases[i].provisional);
    }
}

static void
test_provisional_rules (void)
{
  g_autoptr(ZcCalendar) calendar = load_shipped ();

  /* 2027 */
  assert_day (calendar, "2027-01-01", FALSE, TRUE);   /* 元旦, Friday: Fri–Sun */
  assert_day (calendar, "2027-01-04", TRUE, TRUE);
  assert_day (calendar, "2027-02-05", FALSE, TRUE);   /* 除夕 */
  assert_day (calendar, "2027-02-12", FALSE, TRUE);   /* 除夕 + 7 */
  assert_day (calendar, "2027-02-15", TRUE, TRUE);
  assert_day (calendar, "2027-04-05", FALSE, TRUE);   /* 清明, Monday: Sat–Mon */
  assert_day (calendar, "2027-04-02", TRUE, TRUE);
  assert_day (calendar, "2027-04-06", TRUE, TRUE);
  assert_day (calendar, "2027-05-03", FALSE, TRUE);   /* 劳动节 May 1–5 */
  assert_day (calendar, "2027-05-05", FALSE, TRUE);
  assert_day (calendar, "2027-05-06", TRUE, TRUE);
  assert_day (calendar, "2027-06-09", FALSE, TRUE);   /* 端午, Wednesday: the day only */
  assert_day (calendar, "2027-06-08", TRUE, TRUE);
  assert_day (calendar, "2027-06-10", TRUE, TRUE);
  assert_day (calendar, "2027-09-15", FALSE, TRUE);   /* 中秋, Wednesday: the day only */
  assert_day (calendar, "2027-09-16", TRUE, TRUE);
  assert_day (calendar, "2027-10-07", FALSE, TRUE);   /* 国庆 Oct 1–7 */
  assert_day (calendar, "2027-10-08", TRUE, TRUE);
  /* No 调休 is guessed: weekends stay off. */
  assert_day (calendar, "2027-02-20", FALSE, TRUE);

  /* 2028 */
  assert_day (calendar, "2028-01-25", FALSE, TRUE);   /* 除夕 (春节 Jan 26) */
  assert_day (calendar, "2028-02-01", FALSE, TRUE);   /* 除夕 + 7 */
  assert_day (calendar, "2028-02-02", TRUE, TRUE);
  assert_day (calendar, "2028-04-04", FALSE, TRUE);   /* 清明, Tuesday: the day only */
  assert_day (calendar, "2028-04-03", TRUE, TRUE);
  assert_day (calendar, "2028-04-05", TRUE, TRUE);
  /* 中秋 2028-10-03 falls inside 国庆: merged, Oct 1–8 */
  assert_day (calendar, "2028-10-06", FALSE, TRUE);
  assert_day (calendar, "2028-10-09", TRUE, TRUE);
  assert_day (calendar, "2028-10-03", FALSE, TRUE);
}

static void
test_out_of_range (void)
{
  g_autoptr(ZcCalendar) calendar = load_shipped ();
  const char *dates[] = { "2100-03-01", "2100-01-01", "2024-12-31", "1999-06-01" };

  for (gsize i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr(GDate) date = iso (dates[i]);
      g_autoptr(GError) error = NULL;
      g_autofree char *year = g_strndup (dates[i], 4);
      gboolean working = FALSE;

      g_assert_false (zc_calendar_is_working_day (calendar, date, &working, NULL, &error));
      g_assert_error (error, ZC_CALENDAR_ERROR, ZC_CALENDAR_ERROR_OUT_OF_RANGE);
      g_assert_nonnull (strstr (error->message, year));
    }

  /* Counting runs into 2100: an error, never weekends-only. */
  {
    g_autoptr(GDate) start = iso ("2099-12-20");
    g_autoptr(GError) error = NULL;
    GDate result;

    g_assert_false (zc_calendar_add_working_days (calendar, start, 30, &result, NULL, &error));
    g_assert_error (error, ZC_CALENDAR_ERROR, ZC_CALENDAR_ERROR_OUT_OF_RANGE);
    g_assert_nonnull (strstr (error->message, "2100"));
  }
  {
    g_autoptr(GDate) from = iso ("2025-01-02");
    g_autoptr(GDate) to = iso ("2024-12-30");
    g_autoptr(GError) error = NULL;
    int n;

    g_assert_false (zc_calendar_working_days_between (calendar, from, to, &n, NULL, &error));
    g_assert_error (error, ZC_CALENDAR_ERROR, ZC_CALENDAR_ERROR_OUT_OF_RANGE);
  }
}

static void
test_malformed (void)
{
  const struct { const char *json; const char *where; } cases[] = {
    { "{", "syntax" },
    { "", "top level" },
    { "{\"years\": {\"2026\": {\"off\": [\"2026-01-01\"]}}", "syntax" },
    { "[]", "top level" },
    { "{\"source\": \"x\"}", "years" },
    { "{\"years\": []}", "years" },
    { "{\"years\": {}}", "years" },
    { "{\"years\": {\"20x6\": {\"off\": []}}}", "years.20x6" },
    { "{\"years\": {\"2026\": []}}", "years.2026" },
    { "{\"years\": {\"2026\": {\"off\": 5}}}", "years.2026.off" },
    { "{\"years\": {\"2026\": {\"off\": [\"2026-01-01\", 20260102]}}}", "years.2026.off[1]" },
    { "{\"years\": {\"2026\": {\"off\": [\"2026-02-30\"]}}}", "years.2026.off[0]: “2026-02-30”" },
    { "{\"years\": {\"2026\": {\"off\": [\"2026-1-01\"]}}}", "years.2026.off[0]" },
    { "{\"years\": {\"2026\": {\"off\": [\"2025-10-01\"]}}}", "is not in 2026" },
    { "{\"years\": {\"2026\": {\"off\": [\"2026-10-10\"], \"work\": [\"2026-10-10\"]}}}", "years.2026.work[0]" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ZcCalendar) calendar = zc_calendar_new_from_data (cases[i].json, -1, &error);

      g_assert_null (calendar);
      g_assert_error (error, ZC_CALENDAR_ERROR, ZC_CALENDAR_ERROR_PARSE);
      if (strstr (error->message, cases[i].where) == NULL)
        g_error ("case %" G_GSIZE_FORMAT ": “%s” does not say “%s”", i, error->message, cases[i].where);
    }

  {
    g_autoptr(GError) error = NULL;
    g_assert_null (zc_calendar_new_from_data (NULL, 0, &error));
    g_assert_error (error, ZC_CALENDAR_ERROR, ZC_CALENDAR_ERROR_PARSE);
  }
  {
    g_autoptr(GError) error = NULL;
    g_assert_null (zc_calendar_new_from_file ("/nonexistent/holidays-cn.json", &error));
    g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  }
}

/* A year missing between published ones is provisional, and publishing a
 * year replaces the computed one (data only, no rebuild). */
static void
test_gap_and_publishing (void)
{
  const char *gap =
    "{\"years\": {\"2025\": {\"off\": [\"2025-01-01\"]},"
    "             \"2027\": {\"off\": [\"2027-06-09\"], \"work\": [\"2027-02-20\"]}}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcCalendar) calendar = zc_calendar_new_from_data (gap, -1, &error);
  int last;

  g_assert_no_error (error);
  g_assert_true (zc_calendar_is_provisional (calendar, 2026));
  g_assert_true (zc_calendar_is_published (calendar, 2027));
  g_object_get (calendar, "last-year", &last, NULL);
  g_assert_cmpint (last, ==, ZC_CALENDAR_LAST_YEAR);

  /* 2026 computed: 国庆 Oct 1–7, 中秋 Sep 25 Friday → Sep 25–27 */
  assert_day (calendar, "2026-10-05", FALSE, TRUE);
  assert_day (calendar, "2026-09-25", FALSE, TRUE);
  assert_day (calendar, "2026-09-24", TRUE, TRUE);
  /* 2027 published: only what the data says */
  assert_day (calendar, "2027-02-20", TRUE, FALSE);    /* Saturday made a working day */
  assert_day (calendar, "2027-02-08", TRUE, FALSE);    /* not listed: a plain Monday */
  assert_day (calendar, "2027-06-09", FALSE, FALSE);
}

static void
test_default (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcCalendar) calendar = NULL;

  if (g_getenv ("ZC_DATA_DIR") == NULL)
    {
      g_test_skip ("ZC_DATA_DIR is not set");
      return;
    }

  calendar = zc_calendar_new_default (&error);
  g_assert_no_error (error);
  g_assert_true (zc_calendar_is_published (calendar, 2026));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/calendar/parse-iso", test_parse_iso);
  g_test_add_func ("/core/calendar/chinese", test_chinese_calendar);
  g_test_add_func ("/core/calendar/published", test_published);
  g_test_add_func ("/core/calendar/add-working-days", test_add_working_days);
  g_test_add_func ("/core/calendar/working-days-between", test_working_days_between);
  g_test_add_func ("/core/calendar/provisional", test_provisional_rules);
  g_test_add_func ("/core/calendar/out-of-range", test_out_of_range);
  g_test_add_func ("/core/calendar/malformed", test_malformed);
  g_test_add_func ("/core/calendar/gap-and-publishing", test_gap_and_publishing);
  g_test_add_func ("/core/calendar/default", test_default);

  return g_test_run ();
}

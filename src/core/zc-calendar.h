/* zc-calendar.h — the official working-day calendar
 *
 * Published years come from data (holidays-cn.json format: {"years":
 * {"2026": {"off": [...], "work": [...]}}}). A year that is not published
 * but lies after the first published one and not after
 * ZC_CALENDAR_LAST_YEAR is provisional: its holidays are computed from the published rules
 * (春节 8 days from 除夕, 国庆 7 or 8 merged with 中秋, 劳动节 5, 元旦/清明/
 * 端午/中秋 3 joined to the weekend, or only the day itself on a Tuesday,
 * Wednesday or Thursday) with lunar dates from ICU's Chinese calendar; no
 * make-up working day (调休) is guessed. The exact rules are at the top of
 * zc-calendar.c. Any other year is an error — never weekends-only.
 * A calendar's answers never change after construction (provisional
 * years are computed on first use, under a lock): it may be shared
 * between threads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The last year the calendar answers for (provisionally, unless published) */
#define ZC_CALENDAR_LAST_YEAR 2099

#define ZC_CALENDAR_ERROR (zc_calendar_error_quark ())

typedef enum
{
  ZC_CALENDAR_ERROR_PARSE,        /* the data is malformed (says where) */
  ZC_CALENDAR_ERROR_OUT_OF_RANGE, /* no published or provisional data for that year */
  ZC_CALENDAR_ERROR_NOT_FOUND,    /* zc_calendar_new_default: no data file */
} ZcCalendarError;

GQuark zc_calendar_error_quark (void);

#define ZC_TYPE_CALENDAR (zc_calendar_get_type ())
G_DECLARE_FINAL_TYPE (ZcCalendar, zc_calendar, ZC, CALENDAR, GObject)

ZcCalendar *zc_calendar_new_from_data  (const char   *json,
                                        gssize        length,
                                        GError      **error);
/* Errors: G_FILE_ERROR when the file cannot be read, else as above. */
ZcCalendar *zc_calendar_new_from_file  (const char   *path,
                                        GError      **error);
/* holidays-cn.json from $ZC_DATA_DIR, else the installed PKGDATADIR, else
 * the source tree's data/ (uninstalled runs). */
ZcCalendar *zc_calendar_new_default    (GError      **error);

/* TRUE when @year is published; provisional years return FALSE. */
gboolean    zc_calendar_is_published   (ZcCalendar   *self,
                                        int           year);
/* TRUE when @year is computed (暂定), not published. The properties
 * "first-year", "last-published-year" and "last-year" (the last year with
 * published or provisional data) give the range. */
gboolean    zc_calendar_is_provisional (ZcCalendar   *self,
                                        int           year);

/* @provisional (may be NULL) is set TRUE when the answer depends on a
 * provisional year. */
gboolean    zc_calendar_is_working_day (ZcCalendar   *self,
                                        const GDate  *date,
                                        gboolean     *is_working_day,
                                        gboolean     *provisional,
                                        GError      **error);

/* The @n-th working day after @start (start itself not counted; n = 0
 * gives @start). */
gboolean    zc_calendar_add_working_days (ZcCalendar  *self,
                                          const GDate *start,
                                          guint        n,
                                          GDate       *result,
                                          gboolean    *provisional,
                                          GError     **error);

/* Working days in (from, to]; negative when @to is before @from. */
gboolean    zc_calendar_working_days_between (ZcCalendar  *self,
                                              const GDate *from,
                                              const GDate *to,
                                              int         *result,
                                              gboolean    *provisional,
                                              GError     **error);

/* The Gregorian date of a Chinese-calendar date, with ICU.
 * @year is the Gregorian year in which that lunar year begins (正月初一);
 * @lunar_month 1..12, @leap_month for a 闰月, @lunar_day 1..30.
 * E.g. (2027, 1, FALSE, 1) → 2027-02-06 (春节). Errors: OUT_OF_RANGE. */
gboolean    zc_chinese_date_to_gregorian (int         year,
                                          guint       lunar_month,
                                          gboolean    leap_month,
                                          guint       lunar_day,
                                          GDate      *date,
                                          GError    **error);

/* The legal time of the counter: China Standard Time (Asia/Shanghai,
 * +08:00 without tzdata). Case numbers, reception dates and printed
 * documents use it whatever the machine's own time zone. */
GTimeZone  *zc_time_zone_china         (void);
GDateTime  *zc_date_time_now_china     (void);
GDateTime  *zc_date_time_to_china      (GDateTime    *time);

/* "YYYY-MM-DD" helpers shared by every layer. Parsing is strict (exactly
 * that form, a real date); on failure @date is left cleared (invalid).
 * zc_date_to_iso returns NULL for an invalid date. */
gboolean    zc_date_parse_iso          (const char   *str,
                                        GDate        *date);
char       *zc_date_to_iso             (const GDate  *date);

G_END_DECLS

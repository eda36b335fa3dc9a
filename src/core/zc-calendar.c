/* zc-calendar.c — the official working-day calendar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Published years are data (holidays-cn.json). A provisional year (not
 * published, after the first published year and not after
 * ZC_CALENDAR_LAST_YEAR) is computed when first asked for (under a lock,
 * so one calendar may still be shared between threads) from the principles the State Council has followed since
 * 2025 ("principles_since_2025" in the data):
 *
 *  - 春节: 8 days from 除夕 (the day before 正月初一);
 *  - 劳动节: May 1–5;
 *  - 国庆: Oct 1–7; when 中秋 falls on Oct 1–8 the two merge into Oct 1–8,
 *    when it falls on Sep 30 into Sep 30–Oct 7;
 *  - 元旦, 清明, 端午, 中秋: 3 days joined to the weekend — on a Friday
 *    Fri–Sun, on a Saturday or Sunday Sat–Mon, on a Monday Sat–Mon — and
 *    only the day itself on a Tuesday, Wednesday or Thursday. (On a Tuesday
 *    or Thursday the real arrangement adds a bridge day paid back by a
 *    weekend make-up day; we guess neither, which keeps the number of
 *    working days of that week right.)
 *
 * Make-up working days (调休) are never guessed in provisional years: a
 * provisional deadline may therefore come a day or two later than the
 * published arrangement will make it, never earlier, except for the
 * Tuesday/Thursday bridge above. Lunar dates come from ICU's Chinese
 * calendar, with the day of each 初一 checked against a precise new-moon
 * computation (see refine_first_day); 清明 from the 21st-century
 * solar-term formula. Every answer
 * that consults a provisional day says so (*provisional), so the UI can
 * mark the deadline 暂定. The computed data is immutable: one calendar may
 * be shared between threads.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucal.h>
#include <unicode/ustring.h>

#include "zc-calendar.h"
#include "zc-clock.h"

#define HOLIDAYS_FILE_NAME "holidays-cn.json"

typedef enum
{
  YEAR_PUBLISHED = 1,
  YEAR_PROVISIONAL = 2,
  YEAR_UNAVAILABLE = 3,     /* provisional, but ICU could not compute it */
} YearKind;

typedef enum
{
  DAY_OFF = 1,
  DAY_WORK = 2,
} DayKind;

struct _ZcCalendar
{
  GObject     parent_instance;

  int         first_year;          /* first published */
  int         last_published_year;
  int         last_year;           /* last published or provisional */
  GHashTable *years;               /* year → YearKind */
  GHashTable *days;                /* julian day → DayKind */
  GMutex      lock;                /* years and days grow as provisional years are computed */
};

G_DEFINE_FINAL_TYPE (ZcCalendar, zc_calendar, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FIRST_YEAR,
  PROP_LAST_PUBLISHED_YEAR,
  PROP_LAST_YEAR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_QUARK (zc-calendar-error-quark, zc_calendar_error)

/* ------------------------------------------------------------------ */
/* Dates                                                               */

gboolean
zc_date_parse_iso (const char *str,
                   GDate      *date)
{
  int year, month, day;

  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);

  if (str == NULL || strlen (str) != 10 || str[4] != '-' || str[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (str[i]))
      return FALSE;

  year = (str[0] - '0') * 1000 + (str[1] - '0') * 100 + (str[2] - '0') * 10 + (str[3] - '0');
  month = (str[5] - '0') * 10 + (str[6] - '0');
  day = (str[8] - '0') * 10 + (str[9] - '0');

  if (!g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

char *
zc_date_to_iso (const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    return NULL;

  return g_strdup_printf ("%04u-%02u-%02u",
                          (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}

/* ------------------------------------------------------------------ */
/* Chinese calendar (ICU)                                              */

/* ICU 72's Chinese calendar uses an approximate astronomy that puts 初一
 * on the wrong day when the new moon falls within a few minutes of
 * midnight Beijing time: it gives 2027-02-07 for 春节 2027 (the new moon is
 * at 23:56 on Feb 6 Beijing time) and 2030-02-02 for 春节 2030 (00:07 on
 * Feb 3). We keep ICU for the structure of the year (which month is 正月,
 * leap months) and refine the day of each 初一 with the new-moon series of
 * Meeus, Astronomical Algorithms (2nd ed.), ch. 49, accurate to seconds. */

#define DEG(x) ((x) * G_PI / 180.0)

/* Julian Ephemeris Day of the new moon number @k (0 = 2000-01-06). */
static double
new_moon_jde (double k)
{
  static const double planetary[14][4] = {
    { 299.77, 0.107408, -0.009173, 0.000325 },
    { 251.88, 0.016321, 0, 0.000165 },
    { 251.83, 26.651886, 0, 0.000164 },
    { 349.42, 36.412478, 0, 0.000126 },
    { 84.66, 18.206239, 0, 0.000110 },
    { 141.74, 53.303771, 0, 0.000062 },
    { 207.14, 2.453732, 0, 0.000060 },
    { 154.84, 7.306860, 0, 0.000056 },
    { 34.52, 27.261239, 0, 0.000047 },
    { 207.19, 0.121824, 0, 0.000042 },
    { 291.34, 1.844379, 0, 0.000040 },
    { 161.72, 24.198154, 0, 0.000037 },
    { 239.56, 25.513099, 0, 0.000035 },
    { 331.55, 3.592518, 0, 0.000023 },
  };
  double T = k / 1236.85;
  double T2 = T * T, T3 = T2 * T, T4 = T3 * T;
  double jde = 2451550.09766 + 29.530588861 * k + 0.00015437 * T2
               - 0.000000150 * T3 + 0.00000000073 * T4;
  double E = 1 - 0.002516 * T - 0.0000074 * T2;
  double M = DEG (2.5534 + 29.10535670 * k - 0.0000014 * T2 - 0.00000011 * T3);
  double Mp = DEG (201.5643 + 385.81693528 * k + 0.0107582 * T2 + 0.00001238 * T3
                   - 0.000000058 * T4);
  double F = DEG (160.7108 + 390.67050284 * k - 0.0016118 * T2 - 0.00000227 * T3
                  + 0.000000011 * T4);
  double O = DEG (124.7746 - 1.56375588 * k + 0.0020672 * T2 + 0.00000215 * T3);
  double c;

  c = -0.40720 * sin (Mp)
      + 0.17241 * E * sin (M)
      + 0.01608 * sin (2 * Mp)
      + 0.01039 * sin (2 * F)
      + 0.00739 * E * sin (Mp - M)
      - 0.00514 * E * sin (Mp + M)
      + 0.00208 * E * E * sin (2 * M)
      - 0.00111 * sin (Mp - 2 * F)
      - 0.00057 * sin (Mp + 2 * F)
      + 0.00056 * E * sin (2 * Mp + M)
      - 0.00042 * sin (3 * Mp)
      + 0.00042 * E * sin (M + 2 * F)
      + 0.00038 * E * sin (M - 2 * F)
      - 0.00024 * E * sin (2 * Mp - M)
      - 0.00017 * sin (O)
      - 0.00007 * sin (Mp + 2 * M)
      + 0.00004 * sin (2 * Mp - 2 * F)
      + 0.00004 * sin (3 * M)
      + 0.00003 * sin (Mp + M - 2 * F)
      + 0.00003 * sin (2 * Mp + 2 * F)
      - 0.00003 * sin (Mp + M + 2 * F)
      + 0.00003 * sin (Mp - M + 2 * F)
      - 0.00002 * sin (Mp - M - 2 * F)
      - 0.00002 * sin (3 * Mp + M)
      + 0.00002 * sin (4 * Mp);

  for (gsize i = 0; i < G_N_ELEMENTS (planetary); i++)
    c += planetary[i][3] * sin (DEG (planetary[i][0] + planetary[i][1] * k + planetary[i][2] * T2));

  return jde + c;
}

/* GDate counts days from 0001-01-01 = 1; the Julian Day Number of that
 * day is 1721426. */
#define GDATE_TO_JDN 1721425
/* ΔT = TT − UT, about 69 s in the 2020s; a few seconds either way do not
 * matter here. */
#define DELTA_T_DAYS (69.0 / 86400.0)

/* Move @first_day (an 初一 from ICU) to the Beijing-time day of the
 * nearest new moon when they differ by one day. */
static void
refine_first_day (GDate *first_day)
{
  double jdn = (double) g_date_get_julian (first_day) + GDATE_TO_JDN;
  double k = round ((jdn - 2451550.09766) / 29.530588861);
  double jd_ut = new_moon_jde (k) - DELTA_T_DAYS;
  double beijing_jdn = floor (jd_ut + 0.5 + 8.0 / 24.0);
  double diff = beijing_jdn - jdn;

  if (diff == 1.0)
    g_date_add_days (first_day, 1);
  else if (diff == -1.0)
    g_date_subtract_days (first_day, 1);
}

/* One Chinese-calendar date → Gregorian with ICU, unrefined. */
static gboolean
icu_chinese_to_gregorian (int         year,
                          int         lunar_month,
                          gboolean    leap_month,
                          int         lunar_day,
                          GDate      *date,
                          UErrorCode *status)
{
  UChar zone[4];
  UCalendar *chinese = NULL;
  UCalendar *gregorian = NULL;
  UDate millis;
  int g_era, g_year, g_month, g_day;
  gboolean ok = FALSE;

  u_uastrcpy (zone, "UTC");

  chinese = ucal_open (zone, -1, "zh_CN@calendar=chinese", UCAL_TRADITIONAL, status);
  if (U_SUCCESS (*status))
    gregorian = ucal_open (zone, -1, "en_US@calendar=gregorian", UCAL_GREGORIAN, status);
  if (U_FAILURE (*status))
    goto out;

  ucal_setAttribute (chinese, UCAL_LENIENT, 0);
  ucal_clear (chinese);
  /* The Chinese extended year of the lunar year that begins in Gregorian
   * year Y is Y + 2637 (ICU counts from 2637 BCE). */
  ucal_set (chinese, UCAL_EXTENDED_YEAR, year + 2637);
  ucal_set (chinese, UCAL_MONTH, lunar_month - 1);
  ucal_set (chinese, UCAL_IS_LEAP_MONTH, leap_month ? 1 : 0);
  ucal_set (chinese, UCAL_DATE, lunar_day);
  millis = ucal_getMillis (chinese, status);
  if (U_FAILURE (*status))
    goto out;

  /* Non-lenient ICU may still normalise a leap month that does not exist:
   * read it back. */
  if (ucal_get (chinese, UCAL_IS_LEAP_MONTH, status) != (leap_month ? 1 : 0) ||
      ucal_get (chinese, UCAL_MONTH, status) != lunar_month - 1 ||
      ucal_get (chinese, UCAL_DATE, status) != lunar_day)
    {
      if (U_SUCCESS (*status))
        *status = U_ILLEGAL_ARGUMENT_ERROR;
      goto out;
    }

  ucal_setMillis (gregorian, millis, status);
  g_era = ucal_get (gregorian, UCAL_ERA, status);
  g_year = ucal_get (gregorian, UCAL_YEAR, status);
  g_month = ucal_get (gregorian, UCAL_MONTH, status) + 1;
  g_day = ucal_get (gregorian, UCAL_DATE, status);
  if (U_FAILURE (*status))
    goto out;
  if (g_era != 1 || !g_date_valid_dmy (g_day, g_month, g_year))
    {
      *status = U_ILLEGAL_ARGUMENT_ERROR;
      goto out;
    }

  g_date_set_dmy (date, g_day, g_month, g_year);
  ok = TRUE;

out:
  if (chinese != NULL)
    ucal_close (chinese);
  if (gregorian != NULL)
    ucal_close (gregorian);
  return ok;
}

gboolean
zc_chinese_date_to_gregorian (int        year,
                              guint      lunar_month,
                              gboolean   leap_month,
                              guint      lunar_day,
                              GDate     *date,
                              GError   **error)
{
  UErrorCode status = U_ZERO_ERROR;
  GDate day;

  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);
  g_date_clear (&day, 1);

  if (year < 1901 || year > 2199 || lunar_month < 1 || lunar_month > 12 ||
      lunar_day < 1 || lunar_day > 30)
    {
      g_set_error (error, ZC_CALENDAR_ERROR, ZC_CALENDAR_ERROR_OUT_OF_RANGE,
                   _("No Chinese-calendar date for year %d, month %u, day %u"),
                   year, lunar_month, lunar_day);
      return FALSE;
    }

  /* The day itself first: ICU refuses a 30th in a short month or a leap
   * month the year does not have. Then the refined 初一 + (day − 1). */
  if (!icu_chinese_to_gregorian (year, (int) lunar_month, leap_month, (int) lunar_day, &day, &status) ||
      !icu_chinese_to_gregorian (year, (int) lunar_month, leap_month, 1, date, &status))
    {
      g_date_clear (date, 1);
      g_set_error (error, ZC_CALENDAR_ERROR, ZC_CALENDAR_ERROR_OUT_OF_RANGE,
                   _("The Chinese calendar has no year %d, month %u, day %u (%s)"),
                   year, lunar_month, lunar_day, u_errorName (status));
      return FALSE;
    }

  refine_first_day (date);
  g_date_add_days (date, lunar_day - 1);
  return TRUE;
}

/* 清明 (Qingming) of a year of the 21st century: April 4 or 5, from the
 * solar-term formula [Y × 0.2422 + 4.81] − [Y / 4], Y = year − 2000. */
static gboolean
qingming_day (int    year,
              GDate *date)
{
  int y = year - 2000;
  int day;

  if (y < 1 || y > 99)
    return FALSE;

  day = (int) (y * 0.2422 + 4.81) - y / 4;
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, G_DATE_APRIL, year);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Building                                                            */

static void
mark_day (ZcCalendar  *self,
          const GDate *date,
          DayKind      kind)
{
  g_hash_table_insert (self->days,
                       GUINT_TO_POINTER (g_date_get_julian (date)),
                       GINT_TO_POINTER (kind));
}

/* Mark @n days from @first off, only those inside @year. */
static void
mark_off_range (ZcCalendar  *self,
                int          year,
                const GDate *first,
                int          n)
{
  GDate d = *first;

  for (int i = 0; i < n; i++)
    {
      if (g_date_get_year (&d) == year)
        mark_day (self, &d, DAY_OFF);
      g_date_add_days (&d, 1);
    }
}

/* 元旦, 清明, 端午, 中秋: see the rules at the top of the file. */
static void
mark_three_day_holiday (ZcCalendar  *self,
                        int          year,
                        const GDate *day)
{
  GDate first = *day;

  switch (g_date_get_weekday (day))
    {
    case G_DATE_MONDAY:
      g_date_subtract_days (&first, 2);
      mark_off_range (self, year, &first, 3);
      break;
    case G_DATE_SUNDAY:
      g_date_subtract_days (&first, 1);
      mark_off_range (self, year, &first, 3);
      break;
    case G_DATE_FRIDAY:
    case G_DATE_SATURDAY:
      mark_off_range (self, year, &first, 3);
      break;
    case G_DATE_TUESDAY:
    case G_DATE_WEDNESDAY:
    case G_DATE_THURSDAY:
    case G_DATE_BAD_WEEKDAY:
    default:
      mark_off_range (self, year, &first, 1);
      break;
    }
}

static gboolean
compute_provisional_year (ZcCalendar  *self,
                          int          year,
                          GError     **error)
{
  GDate spring, eve, qingming, duanwu, zhongqiu, d;
  GDate oct1, oct8, sep30;

  if (!zc_chinese_date_to_gregorian (year, 1, FALSE, 1, &spring, error) ||
      !zc_chinese_date_to_gregorian (year, 5, FALSE, 5, &duanwu, error) ||
      !zc_chinese_date_to_gregorian (year, 8, FALSE, 15, &zhongqiu, error))
    return FALSE;
  if (!qingming_day (year, &qingming))
    {
      g_set_error (error, ZC_CALENDAR_ERROR, ZC_CALENDAR_ERROR_OUT_OF_RANGE,
                   _("Qingming of %d cannot be computed"), year);
      return FALSE;
    }

  /* 元旦 */
  g_date_clear (&d, 1);
  g_date_set_dmy (&d, 1, G_DATE_JANUARY, year);
  mark_three_day_holiday (self, year, &d);

  /* 春节: 8 days from 除夕 */
  eve = spring;
  g_date_subtract_days (&eve, 1);
  mark_off_range (self, year, &eve, 8);

  /* 清明, 端午 */
  mark_three_day_holiday (self, year, &qingming);
  mark_three_day_holiday (self, year, &duanwu);

  /* 劳动节 */
  g_date_set_dmy (&d, 1, G_DATE_MAY, year);
  mark_off_range (self, year, &d, 5);

  /* 国庆 and 中秋 */
  g_date_clear (&oct1, 1);
  g_date_set_dmy (&oct1, 1, G_DATE_OCTOBER, year);
  g_date_clear (&oct8, 1);
  g_date_set_dmy (&oct8, 8, G_DATE_OCTOBER, year);
  g_date_clear (&sep30, 1);
  g_date_set_dmy (&sep30, 30, G_DATE_SEPTEMBER, year);

  if (g_date_compare (&zhongqiu, &oct1) >= 0 && g_date_compare (&zhongqiu, &oct8) <= 0)
    mark_off_range (self, year, &oct1, 8);
  else if (g_date_compare (&zhongqiu, &sep30) == 0)
    mark_off_range (self, year, &sep30, 8);
  else
    {
      mark_off_range (self, year, &oct1, 7);
      mark_three_day_holiday (self, year, &zhongqiu);
    }

  return TRUE;
}

static gboolean
parse_error (GError     **error,
             const char  *where,
             const char  *what)
{
  /* Translators: "where in the file: what is wrong" */
  g_set_error (error, ZC_CALENDAR_ERROR, ZC_CALENDAR_ERROR_PARSE,
               _("Holiday data, %s: %s"), where, what);
  return FALSE;
}

static gboolean
parse_year_key (const char *key,
                int        *year)
{
  if (strlen (key) != 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    if (!g_ascii_isdigit (key[i]))
      return FALSE;
  *year = atoi (key);
  return *year >= 1901 && *year <= 2199;
}

static gboolean
parse_day_list (ZcCalendar  *self,
                int          year,
                const char  *year_key,
                JsonObject  *year_obj,
                const char  *member,
                DayKind      kind,
                GError     **error)
{
  JsonNode *node = json_object_get_member (year_obj, member);
  JsonArray *array;
  guint n;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *where = g_strdup_printf ("years.%s.%s", year_key, member);
      return parse_error (error, where, _("must be a list of dates"));
    }

  array = json_node_get_array (node);
  n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *where = g_strdup_printf ("years.%s.%s[%u]", year_key, member, i);
      const char *str;
      GDate date;
      gpointer existing;

      if (!JSON_NODE_HOLDS_VALUE (element) ||
          json_node_get_value_type (element) != G_TYPE_STRING)
        return parse_error (error, where, _("must be a date written YYYY-MM-DD"));

      str = json_node_get_string (element);
      if (!zc_date_parse_iso (str, &date))
        {
          g_autofree char *what = g_strdup_printf (_("“%s” is not a date written YYYY-MM-DD"), str);
          return parse_error (error, where, what);
        }
      if ((int) g_date_get_year (&date) != year)
        {
          g_autofree char *what = g_strdup_printf (_("“%s” is not in %d"), str, year);
          return parse_error (error, where, what);
        }

      existing = g_hash_table_lookup (self->days, GUINT_TO_POINTER (g_date_get_julian (&date)));
      if (existing != NULL && GPOINTER_TO_INT (existing) != (int) kind)
        {
          g_autofree char *what = g_strdup_printf (_("“%s” is listed both as a day off and as a working day"), str);
          return parse_error (error, where, what);
        }

      mark_day (self, &date, kind);
    }

  return TRUE;
}

static gboolean
zc_calendar_load (ZcCalendar  *self,
                  const char  *data,
                  gssize       length,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) json_error = NULL;
  g_autoptr(GList) members = NULL;
  JsonNode *root;
  JsonObject *root_obj;
  JsonNode *years_node;
  JsonObject *years_obj;

  if (!json_parser_load_from_data (parser, data, length, &json_error))
    return parse_error (error, _("syntax"), json_error->message);

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return parse_error (error, _("top level"), _("must be an object"));
  root_obj = json_node_get_object (root);

  years_node = json_object_get_member (root_obj, "years");
  if (years_node == NULL)
    return parse_error (error, "years", _("is missing"));
  if (!JSON_NODE_HOLDS_OBJECT (years_node))
    return parse_error (error, "years", _("must be an object keyed by year"));
  years_obj = json_node_get_object (years_node);

  members = json_object_get_members (years_obj);
  if (members == NULL)
    return parse_error (error, "years", _("no year is published"));

  self->first_year = G_MAXINT;
  self->last_published_year = G_MININT;

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *year_node = json_object_get_member (years_obj, key);
      g_autofree char *where = g_strdup_printf ("years.%s", key);
      int year;

      if (!parse_year_key (key, &year))
        return parse_error (error, where, _("is not a year (four digits, 1901–2199)"));
      if (!JSON_NODE_HOLDS_OBJECT (year_node))
        return parse_error (error, where, _("must be an object with “off” and “work” lists"));

      if (!parse_day_list (self, year, key, json_node_get_object (year_node), "off", DAY_OFF, error) ||
          !parse_day_list (self, year, key, json_node_get_object (year_node), "work", DAY_WORK, error))
        return FALSE;

      g_hash_table_insert (self->years, GINT_TO_POINTER (year), GINT_TO_POINTER (YEAR_PUBLISHED));
      self->first_year = MIN (self->first_year, year);
      self->last_published_year = MAX (self->last_published_year, year);
    }

  /* Provisional years are computed when first asked for (year_kind) */
  self->last_year = MAX (self->last_published_year, ZC_CALENDAR_LAST_YEAR);

  return TRUE;
}

/* The kind of @year, computing a provisional year the first time it is
 * asked for. Call with self->lock held. 0: no data for that year. */
static YearKind
year_kind_locked (ZcCalendar *self,
                  int         year)
{
  YearKind kind = GPOINTER_TO_INT (g_hash_table_lookup (self->years, GINT_TO_POINTER (year)));

  if (kind == 0 && year > self->first_year && year <= self->last_year)
    {
      g_autoptr(GError) local_error = NULL;

      if (compute_provisional_year (self, year, &local_error))
        kind = YEAR_PROVISIONAL;
      else
        {
          /* No personal data here; the year simply stays out of range. */
          g_debug ("Provisional calendar for %d not available: %s", year, local_error->message);
          kind = YEAR_UNAVAILABLE;
        }
      g_hash_table_insert (self->years, GINT_TO_POINTER (year), GINT_TO_POINTER (kind));
    }
  return kind == YEAR_UNAVAILABLE ? 0 : kind;
}

static YearKind
year_kind (ZcCalendar *self,
           int         year)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  return year_kind_locked (self, year);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
zc_calendar_finalize (GObject *object)
{
  ZcCalendar *self = (ZcCalendar *) object;

  g_clear_pointer (&self->years, g_hash_table_unref);
  g_clear_pointer (&self->days, g_hash_table_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (zc_calendar_parent_class)->finalize (object);
}

static void
zc_calendar_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  ZcCalendar *self = ZC_CALENDAR (object);

  switch (prop_id)
    {
    case PROP_FIRST_YEAR:
      g_value_set_int (value, self->first_year);
      break;
    case PROP_LAST_PUBLISHED_YEAR:
      g_value_set_int (value, self->last_published_year);
      break;
    case PROP_LAST_YEAR:
      g_value_set_int (value, self->last_year);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_calendar_class_init (ZcCalendarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = zc_calendar_finalize;
  object_class->get_property = zc_calendar_get_property;

  properties[PROP_FIRST_YEAR] =
    g_param_spec_int ("first-year", NULL, NULL,
                      G_MININT, G_MAXINT, 0,
                      (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_LAST_PUBLISHED_YEAR] =
    g_param_spec_int ("last-published-year", NULL, NULL,
                      G_MININT, G_MAXINT, 0,
                      (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_LAST_YEAR] =
    g_param_spec_int ("last-year", NULL, NULL,
                      G_MININT, G_MAXINT, 0,
                      (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
zc_calendar_init (ZcCalendar *self)
{
  self->years = g_hash_table_new (NULL, NULL);
  self->days = g_hash_table_new (NULL, NULL);
  g_mutex_init (&self->lock);
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */

ZcCalendar *
zc_calendar_new_from_data (const char  *json,
                           gssize       length,
                           GError     **error)
{
  g_autoptr(ZcCalendar) self = NULL;

  if (json == NULL)
    {
      parse_error (error, _("top level"), _("no data"));
      return NULL;
    }

  self = g_object_new (ZC_TYPE_CALENDAR, NULL);
  if (!zc_calendar_load (self, json, length, error))
    return NULL;

  return g_steal_pointer (&self);
}

ZcCalendar *
zc_calendar_new_from_file (const char  *path,
                           GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  return zc_calendar_new_from_data (contents, (gssize) length, error);
}

ZcCalendar *
zc_calendar_new_default (GError **error)
{
  const char *env = g_getenv ("ZC_DATA_DIR");
  const char *dirs[] = { env, PKGDATADIR, ZC_SOURCE_DATADIR };

  for (gsize i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = NULL;

      if (dirs[i] == NULL || *dirs[i] == '\0')
        continue;
      path = g_build_filename (dirs[i], HOLIDAYS_FILE_NAME, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return zc_calendar_new_from_file (path, error);
    }

  g_set_error (error, ZC_CALENDAR_ERROR, ZC_CALENDAR_ERROR_NOT_FOUND,
               _("The holiday data file %s was not found"), HOLIDAYS_FILE_NAME);
  return NULL;
}

gboolean
zc_calendar_is_published (ZcCalendar *self,
                          int         year)
{
  g_return_val_if_fail (ZC_IS_CALENDAR (self), FALSE);

  return year_kind (self, year) == YEAR_PUBLISHED;
}

gboolean
zc_calendar_is_provisional (ZcCalendar *self,
                            int         year)
{
  g_return_val_if_fail (ZC_IS_CALENDAR (self), FALSE);

  return year_kind (self, year) == YEAR_PROVISIONAL;
}

static gboolean
day_is_working (ZcCalendar   *self,
                const GDate  *date,
                gboolean     *working,
                gboolean     *provisional,
                GError      **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  int year = g_date_get_year (date);
  YearKind kind = year_kind_locked (self, year);
  DayKind day_kind;

  if (kind == 0)
    {
      g_set_error (error, ZC_CALENDAR_ERROR, ZC_CALENDAR_ERROR_OUT_OF_RANGE,
                   _("There is no holiday calendar for %d: published years are %d–%d, provisional ones reach %d"),
                   year, self->first_year, self->last_published_year, self->last_year);
      return FALSE;
    }

  if (kind == YEAR_PROVISIONAL && provisional != NULL)
    *provisional = TRUE;

  day_kind = GPOINTER_TO_INT (g_hash_table_lookup (self->days, GUINT_TO_POINTER (g_date_get_julian (date))));
  if (day_kind == DAY_WORK)
    *working = TRUE;
  else if (day_kind == DAY_OFF)
    *working = FALSE;
  else
    *working = g_date_get_weekday (date) <= G_DATE_FRIDAY;

  return TRUE;
}

gboolean
zc_calendar_is_working_day (ZcCalendar   *self,
                            const GDate  *date,
                            gboolean     *is_working_day,
                            gboolean     *provisional,
                            GError      **error)
{
  gboolean working = FALSE;
  gboolean prov = FALSE;

  g_return_val_if_fail (ZC_IS_CALENDAR (self), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  if (!day_is_working (self, date, &working, &prov, error))
    return FALSE;

  if (is_working_day != NULL)
    *is_working_day = working;
  if (provisional != NULL)
    *provisional = prov;
  return TRUE;
}

gboolean
zc_calendar_add_working_days (ZcCalendar   *self,
                              const GDate  *start,
                              guint         n,
                              GDate        *result,
                              gboolean     *provisional,
                              GError      **error)
{
  GDate d;
  gboolean prov = FALSE;
  guint count = 0;

  g_return_val_if_fail (ZC_IS_CALENDAR (self), FALSE);
  g_return_val_if_fail (start != NULL && g_date_valid (start), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  d = *start;
  while (count < n)
    {
      gboolean working;

      g_date_add_days (&d, 1);
      if (!day_is_working (self, &d, &working, &prov, error))
        return FALSE;
      if (working)
        count++;
    }

  *result = d;
  if (provisional != NULL)
    *provisional = prov;
  return TRUE;
}

gboolean
zc_calendar_working_days_between (ZcCalendar   *self,
                                  const GDate  *from,
                                  const GDate  *to,
                                  int          *result,
                                  gboolean     *provisional,
                                  GError      **error)
{
  const GDate *lo, *hi;
  GDate d;
  gboolean prov = FALSE;
  int sign, count = 0;

  g_return_val_if_fail (ZC_IS_CALENDAR (self), FALSE);
  g_return_val_if_fail (from != NULL && g_date_valid (from), FALSE);
  g_return_val_if_fail (to != NULL && g_date_valid (to), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  if (g_date_compare (from, to) <= 0)
    lo = from, hi = to, sign = 1;
  else
    lo = to, hi = from, sign = -1;

  d = *lo;
  while (g_date_compare (&d, hi) < 0)
    {
      gboolean working;

      g_date_add_days (&d, 1);
      if (!day_is_working (self, &d, &working, &prov, error))
        return FALSE;
      if (working)
        count++;
    }

  *result = sign * count;
  if (provisional != NULL)
    *provisional = prov;
  return TRUE;
}

GTimeZone *
zc_time_zone_china (void)
{
  GTimeZone *tz = g_time_zone_new_identifier ("Asia/Shanghai");

  if (tz == NULL)
    tz = g_time_zone_new_offset (8 * 3600);
  return tz;
}

GDateTime *
zc_date_time_now_china (void)
{
  return zc_clock_now_china (zc_clock_get_default ());
}

GDateTime *
zc_date_time_to_china (GDateTime *time)
{
  g_autoptr(GTimeZone) tz = zc_time_zone_china ();

  g_return_val_if_fail (time != NULL, NULL);
  return g_date_time_to_timezone (time, tz);
}

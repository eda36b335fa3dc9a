/* test-commitment-rules.c — 容缺 and 告知承诺: who may, and by when
 * (src/core/zc-commitment-rules.c on the shipped calendar)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "zc-commitment-rules.h"

/* m1 3 days, m2 10, m3 7 and excludes 告知承诺, m4 5 and allows it */
static const char item_json[] =
  "{\"code\":\"t\",\"name\":\"测试事项\",\"initials\":\"cs\",\"subject\":\"person\","
  "\"lead_department\":\"市场监管局\",\"matters\":["
  "{\"code\":\"m1\",\"name\":\"设立登记\",\"department\":\"市场监管局\",\"time_limit_days\":3,\"optional\":false},"
  "{\"code\":\"m2\",\"name\":\"食品经营许可\",\"department\":\"市场监管局\",\"time_limit_days\":10,\"optional\":false},"
  "{\"code\":\"m3\",\"name\":\"消防安全检查\",\"department\":\"消防救援\",\"time_limit_days\":7,\"optional\":true,"
  "\"commitment_allowed\":false},"
  "{\"code\":\"m4\",\"name\":\"户外招牌设置\",\"department\":\"城管\",\"time_limit_days\":5,\"optional\":true,"
  "\"commitment_allowed\":true}],"
  "\"fields\":[],\"materials\":["
  "{\"code\":\"tol\",\"name\":\"健康证明\",\"party\":\"applicant\",\"matters\":[\"m1\",\"m2\"],"
  "\"tolerable\":true,\"commitment_allowed\":false},"
  "{\"code\":\"plain\",\"name\":\"租赁合同\",\"party\":\"applicant\",\"matters\":[\"m2\"],"
  "\"tolerable\":false,\"commitment_allowed\":false},"
  "{\"code\":\"com\",\"name\":\"食品安全管理制度\",\"party\":\"applicant\",\"matters\":[\"m2\",\"m3\"],"
  "\"tolerable\":false,\"commitment_allowed\":true},"
  "{\"code\":\"sign\",\"name\":\"招牌设计图\",\"party\":\"applicant\",\"matters\":[\"m4\"],"
  "\"tolerable\":false,\"commitment_allowed\":false}]}";

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
  return calendar;
}

static ZcCatalogueItem *
load_item (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  ZcCatalogueItem *item;

  json_parser_load_from_data (parser, item_json, -1, &error);
  g_assert_no_error (error);
  item = zc_catalogue_item_new_from_json (json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  return item;
}

static GDate
date (const char *iso)
{
  GDate d;

  g_date_clear (&d, 1);
  g_assert_true (zc_date_parse_iso (iso, &d));
  return d;
}

static void
assert_date (const GDate *d,
             const char  *iso)
{
  g_autofree char *text = zc_date_to_iso (d);

  g_assert_cmpstr (text, ==, iso);
}

static void
test_codes (void)
{
  g_assert_cmpstr (zc_commitment_kind_to_string (ZC_COMMITMENT_KIND_TOLERANCE), ==, "tolerance");
  g_assert_cmpint (zc_commitment_kind_from_string ("commitment"), ==, ZC_COMMITMENT_KIND_COMMITMENT);
  g_assert_cmpint (zc_commitment_kind_from_string ("promise"), ==, ZC_COMMITMENT_KIND_INVALID);
  g_assert_cmpint (zc_commitment_kind_from_string (NULL), ==, ZC_COMMITMENT_KIND_INVALID);
  g_assert_cmpint (zc_commitment_state_from_string ("overdue"), ==, ZC_COMMITMENT_STATE_OVERDUE);
  g_assert_cmpint (zc_commitment_state_from_string ("late"), ==, ZC_COMMITMENT_STATE_INVALID);
  g_assert_cmpstr (zc_commitment_state_to_string (ZC_COMMITMENT_STATE_BREACHED), ==, "breached");
  g_assert_cmpint (zc_verification_method_from_string ("on_site"), ==, ZC_VERIFICATION_METHOD_ON_SITE);
  g_assert_cmpint (zc_verification_method_from_string ("phone"), ==, ZC_VERIFICATION_METHOD_INVALID);
  g_assert_cmpstr (zc_commitment_error_to_string (ZC_COMMITMENT_ERROR_FALSE_COMMITMENT), ==, "false_commitment");
  g_assert_nonnull (zc_verification_method_label (ZC_VERIFICATION_METHOD_PUBLIC_NOTICE));
}

/* The n-th working day after a day, through the commitment rules: 事后核查
 * due dates across weekends, holidays, 调休 and year ends */
/* an open 告知承诺 with its 事后核查 scheduled waits for the department */
static void
test_shown_state (void)
{
  g_assert_cmpstr (zc_commitment_shown_state_label (ZC_COMMITMENT_KIND_COMMITMENT, ZC_COMMITMENT_STATE_OPEN, TRUE),
                   ==, "Awaiting verification");
  g_assert_cmpstr (zc_commitment_shown_state_label (ZC_COMMITMENT_KIND_COMMITMENT, ZC_COMMITMENT_STATE_OPEN, FALSE),
                   ==, zc_commitment_state_label (ZC_COMMITMENT_STATE_OPEN));
  g_assert_cmpstr (zc_commitment_shown_state_label (ZC_COMMITMENT_KIND_TOLERANCE, ZC_COMMITMENT_STATE_OPEN, TRUE),
                   ==, zc_commitment_state_label (ZC_COMMITMENT_STATE_OPEN));
  g_assert_cmpstr (zc_commitment_shown_state_label (ZC_COMMITMENT_KIND_COMMITMENT, ZC_COMMITMENT_STATE_VERIFIED, TRUE),
                   ==, zc_commitment_state_label (ZC_COMMITMENT_STATE_VERIFIED));
}

static void
test_working_days (void)
{
  g_autoptr(ZcCalendar) calendar = load_shipped ();
  static const struct { const char *from; guint n; const char *due; gboolean provisional; } cases[] = {
    { "2026-12-04", 1, "2026-12-07", FALSE },  /* Friday → Monday */
    { "2026-12-04", 5, "2026-12-11", FALSE },
    { "2026-12-05", 0, "2026-12-05", FALSE },  /* n = 0: the day itself */
    { "2026-02-13", 1, "2026-02-14", FALSE },  /* Saturday 2026-02-14 is a 调休 working day */
    { "2026-02-13", 2, "2026-02-24", FALSE },  /* then 春节 2-15 … 2-23 */
    { "2026-02-27", 1, "2026-02-28", FALSE },  /* Saturday 2026-02-28: 调休 */
    { "2026-09-30", 1, "2026-10-08", FALSE },  /* 国庆 10-01 … 10-07 */
    { "2026-10-09", 1, "2026-10-10", FALSE },  /* Saturday 2026-10-10: 调休 */
    { "2025-12-31", 1, "2026-01-04", FALSE },  /* year end: 元旦 1-1 … 1-3, Sunday 1-4 works */
    { "2025-12-30", 3, "2026-01-05", FALSE },
    { "2026-12-31", 1, "2027-01-04", TRUE },   /* into 2027, not yet published: 暂定 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      GDate from = date (cases[i].from);
      GDate due;
      gboolean provisional = !cases[i].provisional;

      g_date_clear (&due, 1);
      g_assert_true (zc_commitment_verification_due (calendar, &from, cases[i].n, &due,
                                                     &provisional, &error));
      g_assert_no_error (error);
      assert_date (&due, cases[i].due);
      g_assert_cmpint (provisional, ==, cases[i].provisional);
    }

  {
    /* beyond the calendar: an error, never weekends only */
    g_autoptr(GError) error = NULL;
    GDate from = date ("2099-12-30");
    GDate due;

    g_date_clear (&due, 1);
    g_assert_false (zc_commitment_verification_due (calendar, &from, 10, &due, NULL, &error));
    g_assert_error (error, ZC_COMMITMENT_ERROR, ZC_COMMITMENT_ERROR_CALENDAR);
  }
}

static void
test_deadlines (void)
{
  g_autoptr(ZcCalendar) calendar = load_shipped ();
  g_autoptr(ZcCatalogueItem) item = load_item ();
  ZcMaterial *tol = zc_catalogue_item_find_material (item, "tol");
  const char *both[] = { "m1", "m2", NULL };
  const char *m2_only[] = { "m2", NULL };
  GDate reception = date ("2026-09-24");  /* Thursday before 中秋 (9-25 … 9-27) and 国庆 */
  GDate limit, proposed;
  gboolean provisional = TRUE;

  g_assert_nonnull (tol);
  g_date_clear (&limit, 1);
  g_date_clear (&proposed, 1);

  /* the shortest limit among the chosen sub-matters needing it: m1's 3
   * working days: 9-28, 9-29, 9-30 */
  g_assert_true (zc_commitment_deadline_limit (calendar, item, tol, both, &reception,
                                               &limit, &provisional, NULL));
  assert_date (&limit, "2026-09-30");
  g_assert_false (provisional);
  /* m2 alone: 10 working days (国庆, then Saturday 10-10 works) */
  g_assert_true (zc_commitment_deadline_limit (calendar, item, tol, m2_only, &reception,
                                               &limit, NULL, NULL));
  assert_date (&limit, "2026-10-15");

  /* a proposal of 5 working days is capped at m1's limit */
  g_assert_true (zc_commitment_propose_deadline (calendar, item, tol, both, &reception, 5,
                                                 &proposed, NULL, NULL));
  assert_date (&proposed, "2026-09-30");
  g_assert_true (zc_commitment_propose_deadline (calendar, item, tol, m2_only, &reception, 5,
                                                 &proposed, NULL, NULL));
  assert_date (&proposed, "2026-10-09");

  {
    GDate ok = date ("2026-09-30");
    GDate beyond = date ("2026-10-08");
    GDate same = date ("2026-09-24");
    GDate none;
    g_autoptr(GError) e1 = NULL;
    g_autoptr(GError) e2 = NULL;
    g_autoptr(GError) e3 = NULL;
    g_autoptr(GError) e4 = NULL;

    g_date_clear (&none, 1);
    g_assert_true (zc_commitment_check_deadline (calendar, item, tol, both, &reception, &ok, NULL));
    g_assert_false (zc_commitment_check_deadline (calendar, item, tol, both, &reception, &beyond, &e1));
    g_assert_error (e1, ZC_COMMITMENT_ERROR, ZC_COMMITMENT_ERROR_DEADLINE_BEYOND_LIMIT);
    /* the reason names the latest day */
    g_assert_nonnull (strstr (e1->message, "2026-09-30"));
    /* the same deadline is fine when only m2 needs it */
    g_assert_true (zc_commitment_check_deadline (calendar, item, tol, m2_only, &reception, &beyond, NULL));
    g_assert_false (zc_commitment_check_deadline (calendar, item, tol, both, &reception, &same, &e2));
    g_assert_error (e2, ZC_COMMITMENT_ERROR, ZC_COMMITMENT_ERROR_DEADLINE_PAST);
    g_assert_false (zc_commitment_check_deadline (calendar, item, tol, both, &reception, &none, &e3));
    g_assert_error (e3, ZC_COMMITMENT_ERROR, ZC_COMMITMENT_ERROR_NO_DEADLINE);
    g_assert_false (zc_commitment_check_deadline (calendar, item, tol, NULL, &reception, &ok, &e4));
    g_assert_error (e4, ZC_COMMITMENT_ERROR, ZC_COMMITMENT_ERROR_NOT_NEEDED);
  }
  /* a Saturday within the limit: the window is closed that day */
  {
    GDate saturday = date ("2026-09-26");
    g_autoptr(GError) e = NULL;

    g_assert_false (zc_commitment_check_deadline (calendar, item, tol, both, &reception, &saturday, &e));
    g_assert_error (e, ZC_COMMITMENT_ERROR, ZC_COMMITMENT_ERROR_DEADLINE_CLOSED);
  }
  /* time left: until the day before the limit (09-30), not on it */
  {
    GDate before = date ("2026-09-29");
    GDate on = date ("2026-09-30");
    g_autoptr(GError) e = NULL;

    g_assert_true (zc_commitment_check_time_left (calendar, item, tol, both, &reception, &before, NULL));
    g_assert_false (zc_commitment_check_time_left (calendar, item, tol, both, &reception, &on, &e));
    g_assert_error (e, ZC_COMMITMENT_ERROR, ZC_COMMITMENT_ERROR_DEADLINE_BEYOND_LIMIT);
    g_assert_nonnull (strstr (e->message, "2026-09-30"));
  }
}

static void
test_eligibility (void)
{
  g_autoptr(ZcCatalogueItem) item = load_item ();
  ZcMaterial *tol = zc_catalogue_item_find_material (item, "tol");
  ZcMaterial *plain = zc_catalogue_item_find_material (item, "plain");
  ZcMaterial *com = zc_catalogue_item_find_material (item, "com");
  ZcMaterial *sign = zc_catalogue_item_find_material (item, "sign");
  const char *m2[] = { "m1", "m2", NULL };
  const char *with_m3[] = { "m2", "m3", NULL };
  const char *m4[] = { "m4", NULL };
  ZcCreditFacts clean = { FALSE, FALSE };
  ZcCreditFacts breach = { TRUE, FALSE };
  ZcCreditFacts liar = { FALSE, TRUE };
  static const struct {
    ZcCommitmentKind kind; const char *material; int chosen; int credit; int expected;
  } cases[] = {
    /* chosen: 0 m1+m2, 1 m2+m3, 2 m4; credit: 0 clean, 1 breach, 2 false commitment */
    { ZC_COMMITMENT_KIND_TOLERANCE, "tol", 0, 0, -1 },
    { ZC_COMMITMENT_KIND_TOLERANCE, "tol", 0, 1, -1 },     /* credit does not bar 容缺 */
    { ZC_COMMITMENT_KIND_TOLERANCE, "plain", 0, 0, ZC_COMMITMENT_ERROR_NOT_TOLERABLE },
    { ZC_COMMITMENT_KIND_TOLERANCE, "com", 0, 0, ZC_COMMITMENT_ERROR_NOT_TOLERABLE },
    { ZC_COMMITMENT_KIND_COMMITMENT, "com", 0, 0, -1 },
    { ZC_COMMITMENT_KIND_COMMITMENT, "tol", 0, 0, ZC_COMMITMENT_ERROR_MATERIAL_NOT_ELIGIBLE },
    { ZC_COMMITMENT_KIND_COMMITMENT, "plain", 0, 0, ZC_COMMITMENT_ERROR_MATERIAL_NOT_ELIGIBLE },
    { ZC_COMMITMENT_KIND_COMMITMENT, "com", 1, 0, ZC_COMMITMENT_ERROR_MATTER_NOT_ELIGIBLE },
    { ZC_COMMITMENT_KIND_COMMITMENT, "sign", 2, 0, -1 },   /* the sub-matter allows it */
    { ZC_COMMITMENT_KIND_COMMITMENT, "com", 0, 1, ZC_COMMITMENT_ERROR_CREDIT_BREACH },
    { ZC_COMMITMENT_KIND_COMMITMENT, "com", 0, 2, ZC_COMMITMENT_ERROR_FALSE_COMMITMENT },
    { ZC_COMMITMENT_KIND_COMMITMENT, "sign", 2, 1, ZC_COMMITMENT_ERROR_CREDIT_BREACH },
    { ZC_COMMITMENT_KIND_COMMITMENT, "sign", 0, 0, ZC_COMMITMENT_ERROR_NOT_NEEDED },
  };
  const char *const *chosen[] = { m2, with_m3, m4 };
  const ZcCreditFacts *credits[] = { &clean, &breach, &liar };

  g_assert_nonnull (tol);
  g_assert_nonnull (plain);
  g_assert_nonnull (com);
  g_assert_nonnull (sign);
  g_assert_null (zc_catalogue_item_find_material (item, "nothing"));
  g_assert_cmpint (zc_matter_get_commitment (zc_catalogue_item_find_matter (item, "m1")), ==, ZC_MATTER_COMMITMENT_UNSTATED);
  g_assert_cmpint (zc_matter_get_commitment (zc_catalogue_item_find_matter (item, "m3")), ==, ZC_MATTER_COMMITMENT_EXCLUDED);
  g_assert_cmpint (zc_matter_get_commitment (zc_catalogue_item_find_matter (item, "m4")), ==, ZC_MATTER_COMMITMENT_ALLOWED);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      ZcMaterial *material = zc_catalogue_item_find_material (item, cases[i].material);
      gboolean ok = zc_commitment_check_eligible (cases[i].kind, item, material,
                                                  chosen[cases[i].chosen],
                                                  credits[cases[i].credit], &error);

      g_test_message ("case %u", i);
      if (cases[i].expected < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, ZC_COMMITMENT_ERROR, cases[i].expected);
          /* a reason a clerk can read, naming the material where it is about it */
          g_assert_cmpuint (strlen (error->message), >, 10);
          if (cases[i].expected == ZC_COMMITMENT_ERROR_NOT_TOLERABLE ||
              cases[i].expected == ZC_COMMITMENT_ERROR_MATERIAL_NOT_ELIGIBLE)
            g_assert_nonnull (strstr (error->message, zc_material_get_name (material)));
        }
    }
}

static void
test_overdue (void)
{
  GDate deadline = date ("2026-12-10");
  GDate on = date ("2026-12-10");
  GDate after = date ("2026-12-11");

  g_assert_cmpint (zc_commitment_state_on (ZC_COMMITMENT_STATE_OPEN, &deadline, &on), ==, ZC_COMMITMENT_STATE_OPEN);
  g_assert_cmpint (zc_commitment_state_on (ZC_COMMITMENT_STATE_OPEN, &deadline, &after), ==, ZC_COMMITMENT_STATE_OVERDUE);
  g_assert_cmpint (zc_commitment_state_on (ZC_COMMITMENT_STATE_FULFILLED, &deadline, &after), ==, ZC_COMMITMENT_STATE_FULFILLED);
  g_assert_cmpint (zc_commitment_state_on (ZC_COMMITMENT_STATE_OPEN, NULL, &after), ==, ZC_COMMITMENT_STATE_OPEN);
}

/* "due soon" counts working days: across a weekend, 国庆 and its 调休
 * Saturday, and a year end */
static void
test_due_soon (void)
{
  g_autoptr(ZcCalendar) calendar = load_shipped ();
  static const struct { const char *today; const char *limit; } cases[] = {
    { "2026-12-07", "2026-12-10" },  /* Monday: within the week */
    { "2026-12-09", "2026-12-14" },  /* Wednesday: over the weekend */
    { "2026-12-12", "2026-12-16" },  /* Saturday: counted from Monday */
    { "2026-09-29", "2026-10-09" },  /* 9-30, then 国庆 10-01 … 10-07, 10-08, 10-09 */
    { "2026-10-08", "2026-10-12" },  /* 10-09, Saturday 10-10 (调休), 10-12 */
    { "2025-12-30", "2026-01-05" },  /* 12-31, 元旦 1-1 … 1-3, Sunday 1-4 (调休), 1-5 */
  };

  g_assert_cmpint (ZC_COMMITMENT_DUE_SOON_DAYS, ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      GDate today = date (cases[i].today);
      GDate limit;

      g_date_clear (&limit, 1);
      g_assert_true (zc_commitment_due_soon_limit (calendar, &today, &limit, NULL, &error));
      g_assert_no_error (error);
      assert_date (&limit, cases[i].limit);
    }
  {
    g_autoptr(GError) error = NULL;
    GDate today = date ("2099-12-30");
    GDate limit;

    g_date_clear (&limit, 1);
    g_assert_false (zc_commitment_due_soon_limit (calendar, &today, &limit, NULL, &error));
    g_assert_error (error, ZC_COMMITMENT_ERROR, ZC_COMMITMENT_ERROR_CALENDAR);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/commitment/codes", test_codes);
  g_test_add_func ("/core/commitment/shown-state", test_shown_state);
  g_test_add_func ("/core/commitment/working-days", test_working_days);
  g_test_add_func ("/core/commitment/deadlines", test_deadlines);
  g_test_add_func ("/core/commitment/eligibility", test_eligibility);
  g_test_add_func ("/core/commitment/overdue", test_overdue);
  g_test_add_func ("/core/commitment/due-soon", test_due_soon);

  return g_test_run ();
}

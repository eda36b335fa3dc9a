/* test-id.c — 居民身份证号 and 统一社会信用代码 validators
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "zc-id.h"

/* A fixed "today" so that future-date cases do not age. */
static GDate *
fixed_today (void)
{
  return g_date_new_dmy (27, G_DATE_NOVEMBER, 2026);
}

typedef struct
{
  const char *input;        /* as typed */
  int         code;         /* -1 = valid */
  const char *message_part; /* NULL or a substring the message must hold */
} IdCase;

static const IdCase resident_cases[] = {
  /* valid (check characters computed by hand from the weights) */
  { "11010519491231002X", -1, NULL },
  { "340102199001011236", -1, NULL },
  { "440304200002291236", -1, NULL },          /* Feb 29 of leap 2000 */
  { "810000199001010027", -1, NULL },          /* 港澳居民居住证 (81) */
  { "830000199001010020", -1, NULL },          /* 台湾居民居住证 (83) */
  { "910000199001010020", -1, NULL },          /* 外国人永久居留身份证 (2023) */
  { "110101190001010014", -1, NULL },          /* 1900-01-01 */
  { "110105202611270025", -1, NULL },          /* born today */
  /* normalisation */
  { "11010519491231002x", -1, NULL },
  { "１１０１０５１９４９１２３１００２ｘ", -1, NULL },
  { "110105 1949-1231 002X", -1, NULL },
  { "110105\u300019491231\u2014002X", -1, NULL },
  { " 110105\t19491231\uff0d002X ", -1, NULL },
  /* empty */
  { "", ZC_ID_ERROR_EMPTY, NULL },
  { " - \u3000", ZC_ID_ERROR_EMPTY, NULL },
  /* length */
  { "11010519491231002", ZC_ID_ERROR_LENGTH, "has 17 characters; 18 are needed" },
  { "11010519491231002X1", ZC_ID_ERROR_LENGTH, "has 19 characters; 18 are needed" },
  { "1", ZC_ID_ERROR_LENGTH, "has 1 character;" },
  /* characters */
  { "1101051949A231002X", ZC_ID_ERROR_CHARACTER, "“A” at position 11" },
  { "11010519491231002号", ZC_ID_ERROR_CHARACTER, "“号” at position 18" },
  { "110105194912310X2X", ZC_ID_ERROR_CHARACTER, "“X” at position 16" },
  { "1101O519491231002X", ZC_ID_ERROR_CHARACTER, "“O” at position 5" },
  /* region */
  { "000105194912310021", ZC_ID_ERROR_REGION, "“00”" },
  { "160105194912310021", ZC_ID_ERROR_REGION, "“16”" },
  { "720105194912310021", ZC_ID_ERROR_REGION, "“72”" },
  /* dates */
  { "110105199002301234", ZC_ID_ERROR_DATE, "“19900230”" },
  { "110105190002291234", ZC_ID_ERROR_DATE, "“19000229”" },   /* 1900 not leap */
  { "110105202302291234", ZC_ID_ERROR_DATE, "“20230229”" },
  { "110105199013011234", ZC_ID_ERROR_DATE, "“19901301”" },
  { "110105199001001234", ZC_ID_ERROR_DATE, "“19900100”" },
  { "110105189912311234", ZC_ID_ERROR_DATE, "before 1900" },
  { "110105202611280020", ZC_ID_ERROR_FUTURE_DATE, "2026-11-28 is in the future" },
  { "110105209901010020", ZC_ID_ERROR_FUTURE_DATE, NULL },
  /* check character */
  { "340102199001011234", ZC_ID_ERROR_CHECK_DIGIT, "check the whole number" },
  { "110105194912310021", ZC_ID_ERROR_CHECK_DIGIT, "check the whole number" },
  { "34010219900101123X", ZC_ID_ERROR_CHECK_DIGIT, "check the whole number" },
  { "440304200002291235", ZC_ID_ERROR_CHECK_DIGIT, "check the whole number" },
};

static void
test_resident_table (void)
{
  g_autoptr(GDate) today = fixed_today ();

  for (gsize i = 0; i < G_N_ELEMENTS (resident_cases); i++)
    {
      const IdCase *c = &resident_cases[i];
      g_autofree char *id = zc_id_normalize (c->input);
      g_autoptr(GError) error = NULL;
      gboolean ok;

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      ok = zc_resident_id_validate (id, today, &error);
      if (c->code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, ZC_ID_ERROR, c->code);
          if (c->message_part != NULL && g_strstr_len (error->message, -1, c->message_part) == NULL)
            g_error ("case %" G_GSIZE_FORMAT ": “%s” does not contain “%s”",
                     i, error->message, c->message_part);
          /* the expected check character is not named (docs/domain.md:
           * a clerk would change the last one instead of finding the typo) */
          if (c->code == ZC_ID_ERROR_CHECK_DIGIT)
            g_assert_null (strchr (error->message, zc_resident_id_check_char (id)));
        }
    }
}

static void
test_normalize (void)
{
  const struct { const char *in, *out; } cases[] = {
    { "11010519491231002x", "11010519491231002X" },
    { "１１０１０５１９４９１２３１００２ｘ", "11010519491231002X" },
    { "  110105-19491231–002X\u3000", "11010519491231002X" },
    { "110105\u201019491231\u2015002X", "11010519491231002X" },
    { "９１３５０１００ｍ０００１００ｙ４３", "91350100M000100Y43" },
    { "ab号", "AB号" },
    { "", "" },
  };
  g_autofree char *from_null = zc_id_normalize (NULL);
  g_autofree char *from_invalid = zc_id_normalize ("12\xff" "34");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = zc_id_normalize (cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
    }

  g_assert_cmpstr (from_null, ==, "");
  g_assert_true (g_utf8_validate (from_invalid, -1, NULL));
}

static void
test_resident_check_char (void)
{
  g_assert_cmpint (zc_resident_id_check_char ("11010519491231002"), ==, 'X');
  g_assert_cmpint (zc_resident_id_check_char ("34010219900101123"), ==, '6');
  g_assert_cmpint (zc_resident_id_check_char ("34010219900101123456"), ==, '6');
  g_assert_cmpint (zc_resident_id_check_char ("3401021990010112"), ==, '\0');
  g_assert_cmpint (zc_resident_id_check_char ("3401021990010112A"), ==, '\0');
  g_assert_cmpint (zc_resident_id_check_char (NULL), ==, '\0');
}

static void
test_resident_birth_and_sex (void)
{
  GDate birth;

  g_assert_true (zc_resident_id_get_birth_date ("11010519491231002X", &birth));
  g_assert_cmpint (g_date_get_year (&birth), ==, 1949);
  g_assert_cmpint (g_date_get_month (&birth), ==, 12);
  g_assert_cmpint (g_date_get_day (&birth), ==, 31);
  g_assert_false (zc_resident_id_is_male ("11010519491231002X"));   /* 2: female */
  g_assert_true (zc_resident_id_is_male ("340102199001011236"));    /* 3: male */

  g_assert_false (zc_resident_id_get_birth_date ("110105199002301234", &birth));
  g_assert_false (g_date_valid (&birth));
  g_assert_false (zc_resident_id_get_birth_date ("1101", &birth));
  g_assert_false (zc_resident_id_get_birth_date (NULL, &birth));
  g_assert_false (zc_resident_id_is_male (NULL));
  g_assert_false (zc_resident_id_is_male ("11010519491231"));
}

/* the age on a given day: the birthday counts on its day, 29 February
 * on 1 March of a common year */
static void
test_resident_age (void)
{
  static const struct { const char *id; int d, m, y; int age; } cases[] = {
    { "11010519491231002X", 30, 12, 2026, 76 },
    { "11010519491231002X", 31, 12, 2026, 77 },
    { "340102199001011236",  1,  1, 1990,  0 },
    { "340102199001011236", 31, 12, 1989, -1 },
    { "340102200002290000", 28,  2, 2027, 26 },
    { "340102200002290000",  1,  3, 2027, 27 },
    { "340102200002290000", 29,  2, 2028, 28 },
    { "110105199002301234",  1,  1, 2027, -1 },  /* 30 February */
    { "1101",                1,  1, 2027, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate on;

      g_date_clear (&on, 1);
      g_date_set_dmy (&on, cases[i].d, cases[i].m, cases[i].y);
      g_assert_cmpint (zc_resident_id_get_age (cases[i].id, &on), ==, cases[i].age);
    }
  {
    GDate on;

    g_date_clear (&on, 1);
    g_date_set_dmy (&on, 1, 1, 2027);
    g_assert_cmpint (zc_resident_id_get_age (NULL, &on), ==, -1);
  }
}

static void
test_resident_today_default (void)
{
  g_autoptr(GError) error = NULL;

  /* With no "today" the local date is used: 2099 is in the future. */
  g_assert_false (zc_resident_id_validate ("110105209901010020", NULL, &error));
  g_assert_error (error, ZC_ID_ERROR, ZC_ID_ERROR_FUTURE_DATE);
  g_clear_error (&error);
  g_assert_true (zc_resident_id_validate ("11010519491231002X", NULL, &error));
  g_assert_no_error (error);
  g_assert_false (zc_resident_id_validate (NULL, NULL, &error));
  g_assert_error (error, ZC_ID_ERROR, ZC_ID_ERROR_EMPTY);
}

static const IdCase uscc_cases[] = {
  { "91350100M000100Y43", -1, NULL },
  { "91110000802100433B", -1, NULL },
  { "91350100m000100y43", -1, NULL },
  { "9135 0100-M000 100Y 43", -1, NULL },
  { "９１１１００００８０２１００４３３Ｂ", -1, NULL },
  { "", ZC_ID_ERROR_EMPTY, NULL },
  { "91350100M000100Y4", ZC_ID_ERROR_LENGTH, "has 17 characters; 18 are needed" },
  { "91350100M000100Y433", ZC_ID_ERROR_LENGTH, "has 19 characters; 18 are needed" },
  { "91350100I000100Y43", ZC_ID_ERROR_CHARACTER, "“I” at position 9 never appears" },
  { "91350100MO00100Y43", ZC_ID_ERROR_CHARACTER, "“O” at position 10 never appears" },
  { "91350100M000100S43", ZC_ID_ERROR_CHARACTER, "“S” at position 16" },
  { "91350100M000100V43", ZC_ID_ERROR_CHARACTER, "“V” at position 16" },
  { "Z1350100M000100Y43", ZC_ID_ERROR_CHARACTER, "“Z” at position 1" },
  { "91350100M000100Y4公", ZC_ID_ERROR_CHARACTER, "“公” at position 18 is not allowed" },
  { "B1350100M000100Y43", ZC_ID_ERROR_AUTHORITY, "“B”" },
  { "0135010000000100Y4", ZC_ID_ERROR_AUTHORITY, "“0”" },
  { "9135A100M000100Y43", ZC_ID_ERROR_REGION, "“35A100”" },
  { "91350100M000100Y44", ZC_ID_ERROR_CHECK_DIGIT, "check the whole number" },
  { "91110000802100433C", ZC_ID_ERROR_CHECK_DIGIT, "check the whole number" },
};

static void
test_uscc_table (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (uscc_cases); i++)
    {
      const IdCase *c = &uscc_cases[i];
      g_autofree char *code = zc_id_normalize (c->input);
      g_autoptr(GError) error = NULL;
      gboolean ok;

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      ok = zc_uscc_validate (code, &error);
      if (c->code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, ZC_ID_ERROR, c->code);
          if (c->message_part != NULL && g_strstr_len (error->message, -1, c->message_part) == NULL)
            g_error ("case %" G_GSIZE_FORMAT ": “%s” does not contain “%s”",
                     i, error->message, c->message_part);
          if (c->code == ZC_ID_ERROR_CHECK_DIGIT)
            g_assert_null (strchr (error->message, zc_uscc_check_char (code)));
        }
    }
}

static void
test_uscc_check_char (void)
{
  g_assert_cmpint (zc_uscc_check_char ("91350100M000100Y4"), ==, '3');
  g_assert_cmpint (zc_uscc_check_char ("91110000802100433"), ==, 'B');
  /* (31 − sum mod 31) mod 31 = 0 → '0': all zeros */
  g_assert_cmpint (zc_uscc_check_char ("00000000000000000"), ==, '0');
  g_assert_cmpint (zc_uscc_check_char ("91350100I000100Y4"), ==, '\0');
  g_assert_cmpint (zc_uscc_check_char ("9135"), ==, '\0');
  g_assert_cmpint (zc_uscc_check_char (NULL), ==, '\0');
}

static void
test_key_kind (void)
{
  g_autoptr(GDate) today = fixed_today ();
  const struct { const char *key; const char *kind; int code; } cases[] = {
    { "11010519491231002X", "person", -1 },
    { "91350100M000100Y43", "enterprise", -1 },
    { "340102199001011234", NULL, ZC_ID_ERROR_CHECK_DIGIT },   /* an ID, wrong check */
    { "91350100M000100Y44", NULL, ZC_ID_ERROR_CHECK_DIGIT },   /* a USCC, wrong check */
    { "91350100I000100Y43", NULL, ZC_ID_ERROR_CHARACTER },
    { "110105199002301234", NULL, ZC_ID_ERROR_DATE },
    { "12345", NULL, ZC_ID_ERROR_LENGTH },
    { "", NULL, ZC_ID_ERROR_EMPTY },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      const char *kind = zc_applicant_key_kind (cases[i].key, today, &error);

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_cmpstr (kind, ==, cases[i].kind);
      if (cases[i].code < 0)
        g_assert_no_error (error);
      else
        g_assert_error (error, ZC_ID_ERROR, cases[i].code);
    }

  /* The error of the plausible kind: a wrong ID check is the ID's (not a
   * credit code the counter may override), a wrong USCC check the code's;
   * neither names the expected character. */
  {
    g_autoptr(GError) error = NULL;
    g_assert_null (zc_applicant_key_kind ("340102199001011234", today, &error));
    g_assert_error (error, ZC_ID_ERROR, ZC_ID_ERROR_CHECK_DIGIT);
    g_assert_null (strchr (error->message, '6'));
    g_assert_false (zc_applicant_key_may_override ("340102199001011234", today));
  }
  {
    g_autoptr(GError) error = NULL;
    g_assert_null (zc_applicant_key_kind ("91350100M000100Y44", today, &error));
    g_assert_error (error, ZC_ID_ERROR, ZC_ID_ERROR_CHECK_DIGIT);
    g_assert_null (strchr (error->message, '3'));
    g_assert_true (zc_applicant_key_may_override ("91350100M000100Y44", today));
  }
}

/* Every valid ID the check routine builds must validate, and every other
 * last character must fail on the check, the expected one not named. */
static void
test_resident_roundtrip (void)
{
  g_autoptr(GDate) today = fixed_today ();
  const char *prefixes[] = { "11010519491231002", "35020319851105301", "65010120101010999" };
  const char *all = "0123456789X";

  for (gsize i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      char expected = zc_resident_id_check_char (prefixes[i]);

      for (const char *p = all; *p != '\0'; p++)
        {
          g_autofree char *id = g_strdup_printf ("%s%c", prefixes[i], *p);
          g_autoptr(GError) error = NULL;
          gboolean ok = zc_resident_id_validate (id, today, &error);

          if (*p == expected)
            {
              g_assert_no_error (error);
              g_assert_true (ok);
            }
          else
            {
              g_assert_error (error, ZC_ID_ERROR, ZC_ID_ERROR_CHECK_DIGIT);
              g_assert_null (strchr (error->message, expected));
            }
        }
    }
}

/* Random bytes and random near-valid strings: every call returns cleanly
 * with either success or a ZC_ID_ERROR, and normalisation yields UTF-8. */
static void
test_random_input (void)
{
  static const char *pieces[] = {
    "0", "1", "3", "9", "X", "x", "A", "I", "O", "-", " ", "\u3000", "\uff11",
    "\uff58", "号", "\xff", "\xe5\xbc", "\u2014", "\t", "Y", "N",
  };
  g_autoptr(GDate) today = fixed_today ();

  for (int round = 0; round < 2000; round++)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      g_autofree char *norm = NULL;
      g_autoptr(GError) e1 = NULL;
      g_autoptr(GError) e2 = NULL;
      g_autoptr(GError) e3 = NULL;
      int n = g_test_rand_int_range (0, 24);
      GDate birth;

      if (round % 2 == 0)
        {
          /* a valid value with one or two characters changed */
          g_string_assign (s, round % 4 == 0 ? "11010519491231002X" : "91350100M000100Y43");
          for (int i = 0; i < 1 + round % 3 / 2; i++)
            s->str[g_test_rand_int_range (0, 18)] = "0123456789XAIOZ"[g_test_rand_int_range (0, 15)];
          n = 0;
        }

      for (int i = 0; i < n; i++)
        {
          if (g_test_rand_bit ())
            g_string_append_c (s, (char) g_test_rand_int_range (1, 256));
          else
            g_string_append (s, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
        }

      norm = zc_id_normalize (s->str);
      g_assert_true (g_utf8_validate (norm, -1, NULL));

      if (!zc_resident_id_validate (norm, today, &e1))
        g_assert_true (e1 != NULL && e1->domain == ZC_ID_ERROR);
      if (!zc_uscc_validate (norm, &e2))
        g_assert_true (e2 != NULL && e2->domain == ZC_ID_ERROR);
      if (zc_applicant_key_kind (norm, today, &e3) == NULL)
        g_assert_true (e3 != NULL && e3->domain == ZC_ID_ERROR);

      /* Raw, unnormalised input must not crash either. */
      zc_resident_id_validate (s->str, today, NULL);
      zc_uscc_validate (s->str, NULL);
      zc_resident_id_get_birth_date (s->str, &birth);
      zc_resident_id_is_male (s->str);
      zc_resident_id_check_char (s->str);
      zc_uscc_check_char (s->str);
    }
}

/* Only a credit code whose check character alone is wrong may be
 * accepted with a reason; valid keys and other faults may not. */
static void
test_key_may_override (void)
{
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 27, G_DATE_NOVEMBER, 2026);
  g_assert_true (zc_applicant_key_may_override ("91350100M000100Y44", &today));
  g_assert_false (zc_applicant_key_may_override ("91350100M000100Y43", &today));   /* valid */
  g_assert_false (zc_applicant_key_may_override ("11010519491231002X", &today));   /* valid ID */
  g_assert_false (zc_applicant_key_may_override ("340102199001011234", &today));   /* an ID's check */
  g_assert_false (zc_applicant_key_may_override ("91350100M000100Y4", &today));    /* length */
  g_assert_false (zc_applicant_key_may_override ("01350100M000100Y43", &today));   /* authority */
  g_assert_false (zc_applicant_key_may_override ("", &today));
  g_assert_false (zc_applicant_key_may_override (NULL, &today));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/id/normalize", test_normalize);
  g_test_add_func ("/core/id/resident/table", test_resident_table);
  g_test_add_func ("/core/id/resident/check-char", test_resident_check_char);
  g_test_add_func ("/core/id/resident/birth-and-sex", test_resident_birth_and_sex);
  g_test_add_func ("/core/id/resident/age", test_resident_age);
  g_test_add_func ("/core/id/resident/today-default", test_resident_today_default);
  g_test_add_func ("/core/id/resident/roundtrip", test_resident_roundtrip);
  g_test_add_func ("/core/id/uscc/table", test_uscc_table);
  g_test_add_func ("/core/id/uscc/check-char", test_uscc_check_char);
  g_test_add_func ("/core/id/key-kind", test_key_kind);
  g_test_add_func ("/core/id/key-may-override", test_key_may_override);
  g_test_add_func ("/core/id/random-input", test_random_input);

  return g_test_run ();
}

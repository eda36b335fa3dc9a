/* zc-id.c — 居民身份证号 (GB 11643-1999) and 统一社会信用代码 (GB 32100-2015)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "zc-clock.h"
#include "zc-id.h"

#define ID_LENGTH 18

static const int resident_weights[17] = {
  7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2
};
static const char resident_check_chars[] = "10X98765432";

static const char uscc_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int uscc_weights[17] = {
  1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
};
/* Registering authorities (登记管理部门代码) of GB 32100-2015 table 1. */
static const char uscc_authorities[] = "123456789ANY";

/* 省级行政区划代码 (GB/T 2260) plus 71 台湾, 81 香港, 82 澳门 and 83 (港澳台
 * 居民居住证 for residents of Taiwan). */
static const int province_codes[] = {
  11, 12, 13, 14, 15,
  21, 22, 23,
  31, 32, 33, 34, 35, 36, 37,
  41, 42, 43, 44, 45, 46,
  50, 51, 52, 53, 54,
  61, 62, 63, 64, 65,
  71, 81, 82, 83,
};

G_DEFINE_QUARK (zc-id-error-quark, zc_id_error)

static gboolean
is_removed_char (gunichar c)
{
  switch (c)
    {
    case ' ': case '\t': case '\n': case '\r': case '\v': case '\f':
    case '-':
    case 0x00A0: /* no-break space */
    case 0x3000: /* ideographic space */
    case 0xFF0D: /* fullwidth hyphen-minus */
    case 0x2212: /* minus sign */
      return TRUE;
    default:
      return c >= 0x2010 && c <= 0x2015;
    }
}

char *
zc_id_normalize (const char *input)
{
  g_autofree char *valid = NULL;
  GString *out;
  const char *p;

  if (input == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (input, -1);
  out = g_string_sized_new (strlen (valid));

  for (p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xFF01 && c <= 0xFF5E)
        c -= 0xFEE0;

      if (is_removed_char (c))
        continue;

      if (c >= 'a' && c <= 'z')
        c = c - 'a' + 'A';

      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* The character at @p as a string, for messages. */
static char *
char_at (const char *p)
{
  return g_strndup (p, g_utf8_next_char (p) - p);
}

/* Character count, robust against invalid UTF-8 (which counts bytes). */
static glong
char_count (const char *s)
{
  if (!g_utf8_validate (s, -1, NULL))
    return (glong) strlen (s);
  return g_utf8_strlen (s, -1);
}

static gboolean
all_digits (const char *s,
            gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

char
zc_resident_id_check_char (const char *first17)
{
  int sum = 0;

  if (first17 == NULL || strlen (first17) < 17 || !all_digits (first17, 17))
    return '\0';

  for (int i = 0; i < 17; i++)
    sum += (first17[i] - '0') * resident_weights[i];

  return resident_check_chars[sum % 11];
}

static gboolean
is_province_code (int code)
{
  for (gsize i = 0; i < G_N_ELEMENTS (province_codes); i++)
    if (province_codes[i] == code)
      return TRUE;
  return FALSE;
}

static int
two_digits (const char *s)
{
  return (s[0] - '0') * 10 + (s[1] - '0');
}

static gboolean
parse_birth_date (const char *id,
                  int        *year,
                  int        *month,
                  int        *day)
{
  *year = two_digits (id + 6) * 100 + two_digits (id + 8);
  *month = two_digits (id + 10);
  *day = two_digits (id + 12);

  return *year >= 1 && g_date_valid_dmy (*day, *month, *year);
}

/* The check character does not fit: which one it should be stays out of
 * the message (zcctl names it), see ZC_ID_ERROR_CHECK_DIGIT. */
static const char *
check_digit_message (void)
{
  return _("The check character does not match the rest of the number: check the whole number "
           "against the document, the wrong character may be anywhere in it");
}

gboolean
zc_resident_id_validate (const char   *id,
                         const GDate  *today,
                         GError      **error)
{
  const char *p;
  glong n_chars;
  int position;
  int year, month, day;
  char expected;
  GDate birth;
  GDate now;

  if (id == NULL || *id == '\0')
    {
      g_set_error_literal (error, ZC_ID_ERROR, ZC_ID_ERROR_EMPTY,
                           _("No ID number was entered"));
      return FALSE;
    }

  if (!g_utf8_validate (id, -1, NULL))
    {
      g_set_error_literal (error, ZC_ID_ERROR, ZC_ID_ERROR_CHARACTER,
                           _("The ID number contains invalid characters"));
      return FALSE;
    }

  /* A character that can appear nowhere (only digits and a final X can). */
  for (p = id, position = 1; *p != '\0'; p = g_utf8_next_char (p), position++)
    {
      if (!g_ascii_isdigit (*p) && *p != 'X')
        {
          g_autofree char *c = char_at (p);
          g_set_error (error, ZC_ID_ERROR, ZC_ID_ERROR_CHARACTER,
                       _("Character “%s” at position %d is not allowed in an ID number: only digits and a final X are"),
                       c, position);
          return FALSE;
        }
    }

  n_chars = char_count (id);
  if (n_chars != ID_LENGTH)
    {
      g_set_error (error, ZC_ID_ERROR, ZC_ID_ERROR_LENGTH,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The ID number has %d character; 18 are needed",
                                "The ID number has %d characters; 18 are needed",
                                n_chars),
                   (int) n_chars);
      return FALSE;
    }

  for (position = 0; position < 17; position++)
    {
      if (id[position] == 'X')
        {
          g_set_error (error, ZC_ID_ERROR, ZC_ID_ERROR_CHARACTER,
                       _("“X” at position %d is not allowed: X may only be the 18th (check) character"),
                       position + 1);
          return FALSE;
        }
    }

  /* 9 is the first digit of the 2023 外国人永久居留身份证. */
  if (id[0] != '9' && !is_province_code (two_digits (id)))
    {
      g_set_error (error, ZC_ID_ERROR, ZC_ID_ERROR_REGION,
                   _("The first two digits “%.2s” are not a province code"),
                   id);
      return FALSE;
    }

  if (!parse_birth_date (id, &year, &month, &day))
    {
      g_set_error (error, ZC_ID_ERROR, ZC_ID_ERROR_DATE,
                   _("Digits 7–14 “%.8s” are not a real birth date"),
                   id + 6);
      return FALSE;
    }
  if (year < 1900)
    {
      g_set_error (error, ZC_ID_ERROR, ZC_ID_ERROR_DATE,
                   _("The birth date %04d-%02d-%02d is before 1900"),
                   year, month, day);
      return FALSE;
    }

  g_date_clear (&birth, 1);
  g_date_set_dmy (&birth, day, month, year);
  g_date_clear (&now, 1);
  if (today != NULL && g_date_valid (today))
    now = *today;
  else
    zc_clock_today_china (zc_clock_get_default (), &now);

  if (g_date_compare (&birth, &now) > 0)
    {
      g_set_error (error, ZC_ID_ERROR, ZC_ID_ERROR_FUTURE_DATE,
                   _("The birth date %04d-%02d-%02d is in the future"),
                   year, month, day);
      return FALSE;
    }

  expected = zc_resident_id_check_char (id);
  if (expected != id[17])
    {
      /* not the expected character: a clerk would "fix" the last one
       * and turn a typo elsewhere into a valid wrong number */
      g_set_error_literal (error, ZC_ID_ERROR, ZC_ID_ERROR_CHECK_DIGIT, check_digit_message ());
      return FALSE;
    }

  return TRUE;
}

gboolean
zc_resident_id_get_birth_date (const char *id,
                               GDate      *birth)
{
  int year, month, day;

  g_return_val_if_fail (birth != NULL, FALSE);

  g_date_clear (birth, 1);
  if (id == NULL || strlen (id) < 14 || !all_digits (id, 14))
    return FALSE;
  if (!parse_birth_date (id, &year, &month, &day))
    return FALSE;

  g_date_set_dmy (birth, day, month, year);
  return TRUE;
}

/* Whole years from the birth date in @id to @on: the birthday counts on
 * its day; one born on 29 February is a year older on 1 March in a common
 * year. -1 when @id holds no real birth date or @on is before it. */
int
zc_resident_id_get_age (const char  *id,
                        const GDate *on)
{
  GDate birth;
  int age;

  g_return_val_if_fail (on != NULL && g_date_valid (on), -1);

  if (!zc_resident_id_get_birth_date (id, &birth) || g_date_compare (on, &birth) < 0)
    return -1;
  age = (int) g_date_get_year (on) - (int) g_date_get_year (&birth);
  if (g_date_get_month (on) < g_date_get_month (&birth)
      || (g_date_get_month (on) == g_date_get_month (&birth)
          && g_date_get_day (on) < g_date_get_day (&birth)))
    age--;
  return age;
}

gboolean
zc_resident_id_is_male (const char *id)
{
  if (id == NULL || strlen (id) < 17 || !g_ascii_isdigit (id[16]))
    return FALSE;
  return (id[16] - '0') % 2 == 1;
}

static int
uscc_value (char c)
{
  const char *hit;

  if (c == '\0')
    return -1;
  hit = strchr (uscc_alphabet, c);
  return hit != NULL ? (int) (hit - uscc_alphabet) : -1;
}

char
zc_uscc_check_char (const char *first17)
{
  int sum = 0;

  if (first17 == NULL || strlen (first17) < 17)
    return '\0';

  for (int i = 0; i < 17; i++)
    {
      int v = uscc_value (first17[i]);
      if (v < 0)
        return '\0';
      sum += v * uscc_weights[i];
    }

  return uscc_alphabet[(31 - sum % 31) % 31];
}

gboolean
zc_uscc_validate (const char  *code,
                  GError     **error)
{
  const char *p;
  int position;
  glong n_chars;
  char expected;

  if (code == NULL || *code == '\0')
    {
      g_set_error_literal (error, ZC_ID_ERROR, ZC_ID_ERROR_EMPTY,
                           _("No unified social credit code was entered"));
      return FALSE;
    }

  if (!g_utf8_validate (code, -1, NULL))
    {
      g_set_error_literal (error, ZC_ID_ERROR, ZC_ID_ERROR_CHARACTER,
                           _("The credit code contains invalid characters"));
      return FALSE;
    }

  for (p = code, position = 1; *p != '\0'; p = g_utf8_next_char (p), position++)
    {
      g_autofree char *c = NULL;

      if (uscc_value (*p) >= 0)
        continue;

      c = char_at (p);
      if (*p == 'I' || *p == 'O' || *p == 'Z' || *p == 'S' || *p == 'V')
        g_set_error (error, ZC_ID_ERROR, ZC_ID_ERROR_CHARACTER,
                     _("Character “%s” at position %d never appears in a credit code (I, O, Z, S and V are not used)"),
                     c, position);
      else
        g_set_error (error, ZC_ID_ERROR, ZC_ID_ERROR_CHARACTER,
                     _("Character “%s” at position %d is not allowed in a credit code: only digits and capital letters except I, O, Z, S and V are"),
                     c, position);
      return FALSE;
    }

  n_chars = char_count (code);
  if (n_chars != ID_LENGTH)
    {
      g_set_error (error, ZC_ID_ERROR, ZC_ID_ERROR_LENGTH,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The credit code has %d character; 18 are needed",
                                "The credit code has %d characters; 18 are needed",
                                n_chars),
                   (int) n_chars);
      return FALSE;
    }

  if (strchr (uscc_authorities, code[0]) == NULL)
    {
      g_set_error (error, ZC_ID_ERROR, ZC_ID_ERROR_AUTHORITY,
                   _("The first character “%c” is not a registering authority code (1–9, A, N or Y)"),
                   code[0]);
      return FALSE;
    }

  if (!all_digits (code + 2, 6))
    {
      g_set_error (error, ZC_ID_ERROR, ZC_ID_ERROR_REGION,
                   _("Characters 3–8 “%.6s” must be a region code of six digits"),
                   code + 2);
      return FALSE;
    }

  expected = zc_uscc_check_char (code);
  if (expected != code[17])
    {
      g_set_error_literal (error, ZC_ID_ERROR, ZC_ID_ERROR_CHECK_DIGIT, check_digit_message ());
      return FALSE;
    }

  return TRUE;
}

/* How far did a resident-ID validation get? Higher = more plausible. */
static int
resident_plausibility (GError *err)
{
  switch (err->code)
    {
    case ZC_ID_ERROR_CHECK_DIGIT:
    case ZC_ID_ERROR_FUTURE_DATE:
      return 3;
    case ZC_ID_ERROR_DATE:
      return 2;
    default:
      return 0;
    }
}

/* zc_applicant_key_kind(), saying (@enterprise_error_out) whether a
 * failure is the credit code's error rather than the ID number's. */
static const char *
applicant_key_kind (const char   *key,
                    const GDate  *today,
                    gboolean     *enterprise_error_out,
                    GError      **error)
{
  g_autoptr(GError) person_error = NULL;
  g_autoptr(GError) enterprise_error = NULL;
  gboolean has_letter = FALSE;

  if (enterprise_error_out != NULL)
    *enterprise_error_out = FALSE;
  if (key == NULL || *key == '\0')
    {
      g_set_error_literal (error, ZC_ID_ERROR, ZC_ID_ERROR_EMPTY,
                           _("Enter an ID number or a unified social credit code"));
      return NULL;
    }

  if (zc_resident_id_validate (key, today, &person_error))
    return "person";
  if (zc_uscc_validate (key, &enterprise_error))
    return "enterprise";

  /* Letters other than a final X point at a credit code. */
  for (const char *p = key; *p != '\0'; p++)
    if (g_ascii_isalpha (*p) && !(*p == 'X' && p[1] == '\0'))
      has_letter = TRUE;

  if (resident_plausibility (person_error) >= 2)
    g_propagate_error (error, g_steal_pointer (&person_error));
  else if (has_letter || enterprise_error->code == ZC_ID_ERROR_CHECK_DIGIT)
    {
      if (enterprise_error_out != NULL)
        *enterprise_error_out = TRUE;
      g_propagate_error (error, g_steal_pointer (&enterprise_error));
    }
  else
    g_propagate_error (error, g_steal_pointer (&person_error));

  return NULL;
}

const char *
zc_applicant_key_kind (const char   *key,
                       const GDate  *today,
                       GError      **error)
{
  return applicant_key_kind (key, today, NULL, error);
}

gboolean
zc_applicant_key_may_override (const char  *key,
                               const GDate *today)
{
  g_autoptr(GError) error = NULL;
  gboolean read_as_credit_code = FALSE;

  if (applicant_key_kind (key, today, &read_as_credit_code, &error) != NULL)
    return FALSE;
  return read_as_credit_code && g_error_matches (error, ZC_ID_ERROR, ZC_ID_ERROR_CHECK_DIGIT);
}

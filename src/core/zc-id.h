/* zc-id.h — 居民身份证号 (GB 11643) and 统一社会信用代码 (GB 32100)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ZC_ID_ERROR (zc_id_error_quark ())

typedef enum
{
  ZC_ID_ERROR_EMPTY,        /* nothing typed */
  ZC_ID_ERROR_LENGTH,       /* not 18 characters */
  ZC_ID_ERROR_CHARACTER,    /* a character that may not appear there */
  ZC_ID_ERROR_REGION,       /* ID: first 2 digits not a province code (nor 9);
                             * USCC: characters 3–8 not six digits */
  ZC_ID_ERROR_DATE,         /* birth date is not a real date */
  ZC_ID_ERROR_FUTURE_DATE,  /* birth date after today */
  ZC_ID_ERROR_CHECK_DIGIT,  /* the check character does not fit; the message
                             * says to check the whole number and does not
                             * name the expected character (a clerk would
                             * "fix" the last one): zcctl names it, from
                             * zc_resident_id_check_char / zc_uscc_check_char */
  ZC_ID_ERROR_AUTHORITY,    /* USCC: position 1 is not a registering authority */
} ZcIdError;

GQuark   zc_id_error_quark              (void);

/* Full-width ASCII (U+FF01..U+FF5E) → half-width, a–z upper-cased (so x →
 * X), whitespace (ASCII, U+00A0, U+3000) and hyphens/dashes ('-',
 * U+2010..U+2015, U+2212, U+FF0D) removed; invalid UTF-8 is repaired.
 * Anything else is kept, so the validator can name it. NULL → "". Never
 * returns NULL. */
char    *zc_id_normalize                (const char  *input);

/* First 17 characters → check character ('0'..'9' or 'X'); '\0' when the
 * 17 are not all digits. */
char     zc_resident_id_check_char      (const char  *first17);

/* @id must be normalised. @today may be NULL (then the local date).
 * The error message is translated and says why (for a wrong check
 * character: to check the whole number, see ZC_ID_ERROR_CHECK_DIGIT). Checks, in this order: empty,
 * characters (only digits and X; the message names the character and its
 * 1-based position), length 18, X only last, region (first two digits a
 * province code 11–65, 71, 81, 82, 83 — or first digit 9), birth date real
 * and from 1900 on, not after @today, check character.
 * Messages may quote parts of the value (a birth date, a region): show
 * them at the field, never log them. */
gboolean zc_resident_id_validate        (const char  *id,
                                         const GDate *today,
                                         GError     **error);

/* For a valid id: birth date and sex (17th digit odd = male). */
gboolean zc_resident_id_get_birth_date  (const char  *id,
                                         GDate       *birth);
gboolean zc_resident_id_is_male         (const char  *id);
/* Whole years on @on (the reception date) from the birth date in @id;
 * -1 when it holds none or @on is before it */
int      zc_resident_id_get_age         (const char  *id,
                                         const GDate *on);

/* Alphabet "0123456789ABCDEFGHJKLMNPQRTUWXY". '\0' if a character of the
 * first 17 is outside it. */
char     zc_uscc_check_char             (const char  *first17);
/* @code must be normalised. Checks, in this order: empty, characters (the
 * alphabet above; I O Z S V are named as never used), length 18, position 1
 * a registering authority (1–9, A, N, Y), positions 3–8 six digits (region
 * code), check character (the expected one not named). */
gboolean zc_uscc_validate               (const char  *code,
                                         GError     **error);

/* An applicant key is either kind; returns "person", "enterprise" or NULL
 * (with the error of the more plausible kind). @key must be normalised. */
const char *zc_applicant_key_kind       (const char  *key,
                                         const GDate *today,
                                         GError     **error);

/* TRUE when @key (normalised) is read as a credit code whose only fault
 * is its check character: a pilot-era code the counter may accept with a
 * reason (a case's key_override_reason). The one rule for the reception
 * page and the platform. */
gboolean    zc_applicant_key_may_override (const char  *key,
                                           const GDate *today);

G_END_DECLS

/* zc-mask.c — masking of personal data for lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "zc-mask.h"

/* Keep the first @keep_head and last @keep_tail characters of @s and
 * replace every other character by '*'. @s must be valid UTF-8. */
static char *
mask_middle (const char *s,
             glong       keep_head,
             glong       keep_tail)
{
  glong n = g_utf8_strlen (s, -1);
  GString *out = g_string_sized_new (strlen (s));
  const char *p = s;

  for (glong i = 0; i < n; i++, p = g_utf8_next_char (p))
    {
      if (i < keep_head || i >= n - keep_tail)
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      else
        g_string_append_c (out, '*');
    }

  return g_string_free (out, FALSE);
}

/* Short values show at most their last 2 characters, and nothing when that
 * would be more than half of them. */
static char *
mask_short (const char *s)
{
  glong n = g_utf8_strlen (s, -1);

  return mask_middle (s, 0, n > 4 ? 2 : n > 2 ? 1 : 0);
}

char *
zc_mask_id (const char *id)
{
  g_autofree char *valid = NULL;

  if (id == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (id, -1);
  if (g_utf8_strlen (valid, -1) > 8)
    return mask_middle (valid, 4, 4);

  return mask_short (valid);
}

char *
zc_mask_name (const char *name)
{
  g_autofree char *valid = NULL;
  glong n;

  if (name == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (name, -1);
  g_strstrip (valid);
  n = g_utf8_strlen (valid, -1);

  if (n == 0)
    return g_strdup ("");
  if (n == 1)
    return g_strdup ("*");
  if (n == 2)
    return mask_middle (valid, 1, 0);

  return mask_middle (valid, 1, 1);
}

char *
zc_mask_phone (const char *phone)
{
  g_autofree char *valid = NULL;

  if (phone == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (phone, -1);
  if (g_utf8_strlen (valid, -1) >= 10)
    return mask_middle (valid, 3, 4);

  return mask_short (valid);
}

/* ── licence numbers ─────────────────────────────────────────────── */

static void
append_stars (GString *out,
              glong    n)
{
  for (glong i = 0; i < n; i++)
    g_string_append_c (out, '*');
}

static char *
all_stars (const char *s)
{
  GString *out = g_string_new (NULL);

  append_stars (out, g_utf8_strlen (s, -1));
  return g_string_free (out, FALSE);
}

/* A serial number inside a licence number: its last @keep characters,
 * or nothing when it is not longer than that. Appended to @out. */
static void
append_serial (GString    *out,
               const char *serial,
               glong       keep)
{
  g_autofree char *masked = NULL;

  if (g_utf8_strlen (serial, -1) <= keep)
    masked = all_stars (serial);
  else
    masked = mask_middle (serial, 0, keep);
  g_string_append (out, masked);
}

static gboolean
is_ascii_alnum (const char *s)
{
  for (; *s; s++)
    if (!g_ascii_isalnum (*s))
      return FALSE;
  return TRUE;
}

/* Anything without a rule of its own: never more than half shown. */
static char *
mask_generic (const char *s)
{
  glong n = g_utf8_strlen (s, -1);
  glong keep;

  if (n == 18 && is_ascii_alnum (s))      /* an ID or a credit code */
    return zc_mask_id (s);
  if (n <= 8)
    return mask_short (s);
  keep = MIN (4, n / 4);
  return mask_middle (s, keep, keep);
}

/* 皖(2024)合肥市不动产权第0012345号 → 皖(2024)合肥市不动产权第****345号 */
static char *
mask_real_estate (const char *s)
{
  const char *di = g_strrstr (s, "第");
  const char *start, *p;
  g_autofree char *digits = NULL;
  GString *out;

  if (di == NULL)
    return NULL;
  start = p = di + strlen ("第");
  while (*p && g_unichar_isdigit (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  if (p == start || strcmp (p, "号") != 0)
    return NULL;

  digits = g_strndup (start, p - start);
  out = g_string_new_len (s, start - s);
  append_serial (out, digits, 3);
  g_string_append (out, p);
  return g_string_free (out, FALSE);
}

/* J340102-2019-001234 → J340102-****-**1234 */
static char *
mask_marriage (const char *s)
{
  g_auto(GStrv) parts = g_strsplit (s, "-", -1);
  GString *out;

  if (g_strv_length (parts) != 3 || *parts[0] == '\0' || *parts[1] == '\0' || *parts[2] == '\0')
    return NULL;
  out = g_string_new (parts[0]);
  g_string_append_c (out, '-');
  append_stars (out, g_utf8_strlen (parts[1], -1));
  g_string_append_c (out, '-');
  append_serial (out, parts[2], 4);
  return g_string_free (out, FALSE);
}

/* HC2026-0012345 → HC2026-***2345 */
static char *
mask_health (const char *s)
{
  const char *dash = strrchr (s, '-');
  GString *out;

  if (dash == NULL || dash == s || dash[1] == '\0')
    return NULL;
  out = g_string_new_len (s, dash + 1 - s);
  append_serial (out, dash + 1, 4);
  return g_string_free (out, FALSE);
}

typedef struct
{
  const char *type;
  const char *prefix;     /* the number starts so, or NULL */
  glong head, tail;       /* characters shown */
  glong min_len, max_len; /* its shape: length (max 0 = any) */
} HeadTail;

static const HeadTail head_tail_types[] = {
  { "business_licence",         NULL, 2, 4, 18, 18 },
  { "birth_certificate",        NULL, 3, 3, 9, 0 },
  { "social_security_card",     NULL, 1, 4, 9, 0 },
  { "social_insurance_record",  "SB", 2, 4, 10, 0 },
  { "housing_fund_certificate", NULL, 0, 4, 8, 0 },
  { "vehicle_licence",          NULL, 3, 2, 7, 9 },  /* 皖A·D1234 → 皖A·***34 */
  { "transport_qualification",  NULL, 4, 4, 16, 18 }, /* 3401002019051763 → 3401********1763 */
};

/* Document numbers of public acts, not personal data */
static const char *const public_types[] = {
  "administrative_penalty_decision",
  "bankruptcy_ruling",
  "liquidation_filing",
  "listing_guidance_filing",
};

char *
zc_mask_licence_number (const char *type,
                        const char *number)
{
  g_autofree char *valid = NULL;
  char *masked = NULL;
  gboolean known = FALSE;
  glong n;

  if (number == NULL)
    return g_strdup ("");
  valid = g_utf8_make_valid (number, -1);
  g_strstrip (valid);
  n = g_utf8_strlen (valid, -1);
  if (n == 0)
    return g_strdup ("");
  if (type == NULL)
    return mask_generic (valid);

  for (gsize i = 0; i < G_N_ELEMENTS (public_types); i++)
    if (strcmp (type, public_types[i]) == 0)
      return g_steal_pointer (&valid);

  if (strcmp (type, "id_card") == 0 || strcmp (type, "disability_certificate") == 0)
    return zc_mask_id (valid);

  if (strcmp (type, "real_estate_certificate") == 0)
    {
      known = TRUE;
      masked = mask_real_estate (valid);
    }
  else if (strcmp (type, "marriage_certificate") == 0)
    {
      known = TRUE;
      masked = mask_marriage (valid);
    }
  else if (strcmp (type, "health_certificate") == 0)
    {
      known = TRUE;
      masked = mask_health (valid);
    }
  else
    {
      for (gsize i = 0; i < G_N_ELEMENTS (head_tail_types); i++)
        {
          const HeadTail *ht = &head_tail_types[i];

          if (strcmp (type, ht->type) != 0)
            continue;
          known = TRUE;
          if (n >= ht->min_len && (ht->max_len == 0 || n <= ht->max_len) &&
              (ht->prefix == NULL || g_str_has_prefix (valid, ht->prefix)))
            masked = mask_middle (valid, ht->head, ht->tail);
          break;
        }
    }
  if (masked != NULL)
    return masked;

  /* not of its type's shape: a short one is hidden entirely */
  if (known && n <= 8)
    return all_stars (valid);
  return mask_generic (valid);
}

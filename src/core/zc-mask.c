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

/* zc-collate.c — the order clerks expect of Chinese names
 *
 * A list of 事项 or applicants sorted by code point puts 企业开办 before
 * 办理 and 张 before 李: Unicode orders Han characters by radical and
 * strokes, while every list at the counter (the catalogue, the 办事指南,
 * a register) is in pinyin order. ICU's "zh" collation is pinyin (CLDR's, Han
 * before other scripts). One
 * collator for the process, opened once; ucol_strcollUTF8 takes it const
 * and may be called from any thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unicode/ucol.h>

#include "zc-collate.h"

static const UCollator *
chinese_collator (void)
{
  static UCollator *collator;

  if (g_once_init_enter (&collator))
    {
      UErrorCode status = U_ZERO_ERROR;
      UCollator *c = ucol_open ("zh", &status);

      if (U_FAILURE (status))
        g_error ("ICU has no zh collation: %s", u_errorName (status));
      g_once_init_leave (&collator, c);
    }
  return collator;
}

/**
 * zc_collate_chinese:
 * @a: UTF-8 text
 * @a_len: its length in bytes, or -1 when nul-terminated
 * @b: UTF-8 text
 * @b_len: its length in bytes, or -1
 *
 * Compares @a and @b in pinyin order (ties broken so that different
 * texts never compare equal by accident of the collation's strength:
 * the bytes decide last). Invalid UTF-8 sorts as ICU reads it
 * (U+FFFD), never crashes.
 *
 * Returns: negative, 0 or positive as @a sorts before, with or after @b
 */
int
zc_collate_chinese (const char *a,
                    gssize      a_len,
                    const char *b,
                    gssize      b_len)
{
  UErrorCode status = U_ZERO_ERROR;
  UCollationResult r;
  gsize la, lb;
  int c;

  g_return_val_if_fail (a != NULL && b != NULL, 0);

  la = a_len < 0 ? strlen (a) : (gsize) a_len;
  lb = b_len < 0 ? strlen (b) : (gsize) b_len;
  r = ucol_strcollUTF8 (chinese_collator (), a, (int32_t) MIN (la, G_MAXINT32),
                        b, (int32_t) MIN (lb, G_MAXINT32), &status);
  if (U_SUCCESS (status) && r != UCOL_EQUAL)
    return r == UCOL_LESS ? -1 : 1;
  c = memcmp (a, b, MIN (la, lb));
  if (c != 0)
    return c < 0 ? -1 : 1;
  return la < lb ? -1 : la > lb ? 1 : 0;
}

/* fuzz-ids.c — the identifier validators on any bytes
 *
 * 居民身份证号 and 统一社会信用代码: normalised, then validated; a valid
 * one must also give a birth date or a check character.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "zc-core.h"
#include "zc-fuzz.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autofree char *normalized = NULL;
  GDate today;

  /* the validators take text, as an entry gives it */
  if (memchr (data, '\0', size) != NULL || !g_utf8_validate ((const char *) data, (gssize) size, NULL))
    return 0;
  text = g_strndup ((const char *) data, size);
  normalized = zc_id_normalize (text);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 7, 12, 2026);

  if (zc_resident_id_validate (normalized, &today, NULL))
    {
      GDate birth;

      g_assert_true (zc_resident_id_get_birth_date (normalized, &birth));
      g_assert_true (g_date_valid (&birth));
      (void) zc_resident_id_is_male (normalized);
    }
  if (zc_uscc_validate (normalized, NULL))
    g_assert_true (zc_uscc_check_char (normalized) == normalized[17]);
  (void) zc_applicant_key_kind (normalized, &today, NULL);
  return 0;
}

/* test-mask.c — masking of personal data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "zc-mask.h"

typedef char *(*MaskFunc) (const char *);

typedef struct
{
  const char *in;
  const char *out;
} MaskCase;

static void
run_cases (MaskFunc        func,
           const MaskCase *cases,
           gsize           n)
{
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *out = func (cases[i].in);
      if (g_strcmp0 (out, cases[i].out) != 0)
        g_error ("case %" G_GSIZE_FORMAT ": “%s” masked to “%s”, expected “%s”",
                 i, cases[i].in ? cases[i].in : "(null)", out, cases[i].out);
    }
}

static void
test_mask_id (void)
{
  static const MaskCase cases[] = {
    { "340102199001011234", "3401**********1234" },
    { "11010519491231002X", "1101**********002X" },
    { "91350100M000100Y43", "9135**********0Y43" },
    { "123456789", "1234*6789" },
    { "12345678", "******78" },
    { "1234", "***4" },
    { "12", "**" },
    { "", "" },
    { NULL, "" },
    { "３４０１０２１９９００１０１１２３４", "３４０１**********１２３４" },
  };
  run_cases (zc_mask_id, cases, G_N_ELEMENTS (cases));
}

static void
test_mask_name (void)
{
  static const MaskCase cases[] = {
    { "张三", "张*" },
    { "张小明", "张*明" },
    { "欧阳小明", "欧**明" },
    { "阿卜杜拉·艾则孜", "阿******孜" },
    { "张", "*" },
    { " 李四 ", "李*" },
    { "Li Lei", "L****i" },
    { "", "" },
    { NULL, "" },
  };
  run_cases (zc_mask_name, cases, G_N_ELEMENTS (cases));
}

static void
test_mask_phone (void)
{
  static const MaskCase cases[] = {
    { "13812345678", "138****5678" },
    { "0551-1234567", "055*****4567" },
    { "1381234", "*****34" },
    { "110", "**0" },
    { "", "" },
    { NULL, "" },
  };
  run_cases (zc_mask_phone, cases, G_N_ELEMENTS (cases));
}

static void
test_mask_invalid_utf8 (void)
{
  g_autofree char *id = zc_mask_id ("3401\xff\xfe" "99001011234");
  g_autofree char *name = zc_mask_name ("\xe5\xbc");   /* truncated 张 */
  g_autofree char *phone = zc_mask_phone ("138\x80" "12345678");

  g_assert_true (g_utf8_validate (id, -1, NULL));
  g_assert_true (g_utf8_validate (name, -1, NULL));
  g_assert_true (g_utf8_validate (phone, -1, NULL));
  /* Nothing of the middle survives. */
  g_assert_cmpstr (id + strlen (id) - 4, ==, "1234");
  g_assert_true (g_str_has_prefix (id, "3401"));
  g_assert_null (strstr (id, "9900101"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/mask/id", test_mask_id);
  g_test_add_func ("/core/mask/name", test_mask_name);
  g_test_add_func ("/core/mask/phone", test_mask_phone);
  g_test_add_func ("/core/mask/invalid-utf8", test_mask_invalid_utf8);

  return g_test_run ();
}

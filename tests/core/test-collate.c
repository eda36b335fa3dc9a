/* test-collate.c — Chinese names in pinyin order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "zc-collate.h"

static int
compare (gconstpointer a,
         gconstpointer b)
{
  return zc_collate_chinese (*(const char * const *) a, -1, *(const char * const *) b, -1);
}

/* code point order would put 企 (U+4F01) before 办 (U+529E) and 开
 * (U+5F00), and 张 (U+5F20) before 李 (U+674E) */
static void
test_pinyin_order (void)
{
  const char *names[] = { "张三", "企业开办", "开办餐饮店", "李四", "办理居住证", "阿里", "成都", "北京" };
  const char *expected[] = { "阿里", "办理居住证", "北京", "成都", "开办餐饮店", "李四", "企业开办", "张三" };

  qsort (names, G_N_ELEMENTS (names), sizeof names[0], compare);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpstr (names[i], ==, expected[i]);
}

static void
test_ties_and_lengths (void)
{
  /* a prefix first; the same text equal; lengths taken as given */
  g_assert_cmpint (zc_collate_chinese ("张三", -1, "张三丰", -1), <, 0);
  g_assert_cmpint (zc_collate_chinese ("张三丰", -1, "张三", -1), >, 0);
  g_assert_cmpint (zc_collate_chinese ("张三", -1, "张三", -1), ==, 0);
  g_assert_cmpint (zc_collate_chinese ("张三丰", strlen ("张三"), "张三", -1), ==, 0);
  /* full-width and half-width digits are different texts: never equal */
  g_assert_cmpint (zc_collate_chinese ("1号窗口", -1, "１号窗口", -1), !=, 0);
  /* invalid UTF-8 is compared, not a crash */
  g_assert_cmpint (zc_collate_chinese ("\xff\xfe", -1, "张", -1), !=, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/collate/pinyin-order", test_pinyin_order);
  g_test_add_func ("/collate/ties-and-lengths", test_ties_and_lengths);
  return g_test_run ();
}

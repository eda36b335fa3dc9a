/* bench-material-check.c — OCR seconds per A4 page at 300 dpi, and the
 * check of the paper materials of a whole 开办餐饮店 (open_restaurant)
 * case: ID cards of the applicant and the legal representative, the
 * premises' real estate certificate, the food safety manager's health
 * certificate — each read (text layer, then as a 300 dpi scan) and
 * checked against its holder's licences. Printed, not asserted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "zc-core.h"
#include "zc-material-read.h"
#include "zc-test-licence-pdf.h"
#include "zc-test-util.h"

typedef struct
{
  const char *material;
  const char *type;
  const char *title;
  const char *number;
  const char *holder;
  const char *name;
  const char *number_label;
} Paper;

static const Paper papers[] = {
  { "申请人身份证", "id_card", "居民身份证", "340202198506123015", "340202198506123015", "张伟", "公民身份号码" },
  { "法定代表人身份证", "id_card", "居民身份证", "340102199003054029", "340102199003054029", "李娜", "公民身份号码" },
  { "经营场所使用证明", "real_estate_certificate", "不动产权证书", "皖(2025)芜湖市不动产权第0012345号",
    "11010519491231002X", "王建国", "证号" },
  { "食品安全管理人员健康证明", "health_certificate", "健康证明", "HC3-1234567",
    "340102199003054029", "李娜", "编号" },
};

static ZcLicence *
licence_of (const Paper *p)
{
  g_autofree char *json =
    g_strdup_printf ("{\"type\":\"%s\",\"number\":\"%s\",\"holder\":\"%s\",\"holder_name\":\"%s\","
                     "\"issued_on\":\"2025-01-10\",\"valid_until\":\"2035-01-09\",\"revoked\":false}",
                     p->type, p->number, p->holder, p->name);
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  return zc_licence_new_from_json (node, NULL);
}

static void
write_paper (const Paper   *p,
             const char    *path,
             ZcTestPdfKind  kind)
{
  g_autofree char *number = g_strdup_printf ("%s\t%s", p->number_label, p->number);
  g_autofree char *name = g_strdup_printf ("姓　　名\t%s", p->name);
  g_autofree char *holder = g_strdup_printf ("身份证号\t%s", p->holder);
  const char *lines[] = { name, number, g_str_equal (p->type, "id_card") ? "住　　址\t安徽省芜湖市镜湖区中山北路88号" : holder,
                          "签发机关\t芜湖市人民政府", "有效期限\t2025.01.10-2035.01.09", NULL };

  zc_test_write_licence_pdf (path, kind, p->title, lines, kind == ZC_TEST_PDF_SCAN ? 0.002 : 0, 0);
}

static double
check_all (const char    *dir,
           ZcTestPdfKind  kind,
           double        *ocr_seconds,
           guint         *ocr_pages)
{
  g_autoptr(GDate) on = g_date_new_dmy (7, 12, 2026);
  gint64 all = g_get_monotonic_time ();

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    {
      const Paper *p = &papers[i];
      g_autofree char *path = g_strdup_printf ("%s/%u-%s.pdf", dir, i, kind == ZC_TEST_PDF_SCAN ? "scan" : "text");
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GListStore) licences = g_list_store_new (ZC_TYPE_LICENCE);
      g_autoptr(ZcLicence) licence = licence_of (p);
      g_autoptr(GPtrArray) pages = NULL;
      g_autoptr(ZcMaterialCheck) check = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start;
      double seconds;

      write_paper (p, path, kind);
      g_list_store_append (licences, licence);
      start = g_get_monotonic_time ();
      pages = zc_material_read (file, NULL, NULL, NULL, &error);
      if (pages == NULL)
        {
          g_printerr ("%s: %s\n", path, error->message);
          continue;
        }
      check = zc_material_check (pages, G_LIST_MODEL (licences), on, p->type, p->holder);
      seconds = (g_get_monotonic_time () - start) / 1e6;
      if (kind == ZC_TEST_PDF_SCAN)
        {
          *ocr_seconds += seconds;
          *ocr_pages += pages->len;
        }
      if (g_getenv ("ZC_BENCH_VERBOSE") != NULL)
        {
          for (guint k = 0; k < pages->len; k++)
            printf ("%s\n", ((ZcPageText *) g_ptr_array_index (pages, k))->text->str);
          for (guint k = 0; k < check->findings->len; k++)
            {
              const ZcCheckFinding *f = g_ptr_array_index (check->findings, k);

              printf ("    %s %s “%s” “%s” %.2f\n", f->field, zc_verdict_to_string (f->verdict),
                      f->expected, f->found, f->confidence);
            }
        }
      printf ("  %-13s %-10s %4.0f%% sure %7.3f s  %s\n",
              kind == ZC_TEST_PDF_SCAN ? "scan 300 dpi" : "text layer",
              zc_verdict_to_string (check->verdict), check->confidence * 100.0, seconds,
              p->material);
    }
  return (g_get_monotonic_time () - all) / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("zc-bench-material-XXXXXX", NULL);
  double ocr_seconds = 0, text_total, scan_total;
  guint ocr_pages = 0;

  setlocale (LC_ALL, "");
  printf ("material check of an open_restaurant (开办餐饮店) case, %u paper materials\n",
          (guint) G_N_ELEMENTS (papers));
  text_total = check_all (dir, ZC_TEST_PDF_TEXT, &ocr_seconds, &ocr_pages);
  scan_total = check_all (dir, ZC_TEST_PDF_SCAN, &ocr_seconds, &ocr_pages);
  printf ("whole case, text layers (incl. writing the PDFs): %.2f s\n", text_total);
  printf ("whole case, scans (incl. writing the PDFs):       %.2f s\n", scan_total);
  if (ocr_pages > 0)
    printf ("OCR (chi_sim+eng, A4 at 300 dpi, read + check): %.2f s per page over %u pages\n",
            ocr_seconds / ocr_pages, ocr_pages);
  zc_test_remove_tree (dir);
  return 0;
}

/* test-material-read.c — reading real PDFs (text layer through poppler,
 * scans through Tesseract) and checking them (src/materials)
 *
 * The PDFs are written here with cairo (tests/common/zc-test-licence-pdf.c).
 * OCR takes seconds a page: the scans are few.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include <math.h>
#include <poppler.h>

#include "zc-core.h"
#include "zc-material-read.h"
#include "zc-test-licence-pdf.h"
#include "zc-test-util.h"

#define HOLDER_USCC "91340202MA2N0C8P79"
#define COMPANY     "芜湖市镜湖区鸠兹餐饮有限公司"
#define ON          "2026-12-07"

static char *tmp_dir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static ZcLicence *
licence_new (const char *until,
             gboolean    revoked)
{
  g_autofree char *json =
    g_strdup_printf ("{\"type\":\"business_licence\",\"number\":\"" HOLDER_USCC "\","
                     "\"holder\":\"" HOLDER_USCC "\",\"holder_name\":\"" COMPANY "\","
                     "\"issued_on\":\"2021-03-01\"%s%s%s,\"revoked\":%s}",
                     until ? ",\"valid_until\":\"" : "", until ? until : "", until ? "\"" : "",
                     revoked ? "true" : "false");
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  ZcLicence *licence = zc_licence_new_from_json (node, &error);

  g_assert_no_error (error);
  return licence;
}

static GListModel *
licences (const char *until,
          gboolean    revoked)
{
  GListStore *store = g_list_store_new (ZC_TYPE_LICENCE);
  g_autoptr(ZcLicence) l = licence_new (until, revoked);

  g_list_store_append (store, l);
  return G_LIST_MODEL (store);
}

/* a business licence of @name; @kind text layer or scan */
static char *
write_business_licence (const char    *file,
                        ZcTestPdfKind  kind,
                        const char    *name,
                        double         noise,
                        double         degrees)
{
  g_autofree char *name_line = g_strdup_printf ("名　　称\t%s", name);
  const char *lines[] = {
    "统一社会信用代码\t" HOLDER_USCC,
    name_line,
    "类　　型\t有限责任公司（自然人投资或控股）",
    "法定代表人\t张伟",
    "注册资本\t伍拾万元整",
    "成立日期\t2021年03月01日",
    "住　　所\t安徽省芜湖市镜湖区中山北路88号",
    NULL
  };
  char *path = tmp_path (file);

  zc_test_write_licence_pdf (path, kind, "营业执照", lines, noise, degrees);
  return path;
}

static GPtrArray *
read_file (const char *path,
           GError    **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return zc_material_read (file, NULL, NULL, NULL, error);
}

static ZcMaterialCheck *
check_file (const char *path,
            GListModel *with)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pages = read_file (path, &error);
  g_autoptr(GDate) on = g_date_new ();

  g_assert_no_error (error);
  for (guint i = 0; i < pages->len; i++)
    {
      const ZcPageText *page = g_ptr_array_index (pages, i);

      g_test_message ("page %u (%s):\n%s", page->page, page->ocr ? "OCR" : "text layer",
                      page->text->str);
    }
  g_date_set_parse (on, ON);
  return zc_material_check (pages, with, on, "business_licence", HOLDER_USCC);
}

static const ZcCheckFinding *
finding (ZcMaterialCheck *check,
         const char      *field)
{
  for (guint i = 0; i < check->findings->len; i++)
    {
      const ZcCheckFinding *f = g_ptr_array_index (check->findings, i);

      if (g_str_equal (f->field, field))
        return f;
    }
  return NULL;
}

static void
print_reading (ZcMaterialCheck *check)
{
  for (guint i = 0; i < check->findings->len; i++)
    {
      const ZcCheckFinding *f = g_ptr_array_index (check->findings, i);

      g_test_message ("%s: %s expected “%s” found “%s” page %u (%.0f,%.0f) %.2f",
                      f->field, zc_verdict_to_string (f->verdict), f->expected, f->found,
                      f->page, f->box.x, f->box.y, f->confidence);
    }
}

/* --- text layer --- */

static void
test_text_layer (void)
{
  g_autofree char *path = write_business_licence ("text.pdf", ZC_TEST_PDF_TEXT, COMPANY, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pages = read_file (path, &error);
  g_autoptr(GListModel) valid = licences ("2041-02-28", FALSE);
  g_autoptr(ZcMaterialCheck) check = check_file (path, valid);
  const ZcPageText *page;
  const ZcCheckFinding *f;

  g_assert_no_error (error);
  g_assert_cmpuint (pages->len, ==, 1);
  page = g_ptr_array_index (pages, 0);
  g_assert_false (page->ocr);
  g_assert_cmpfloat_with_epsilon (page->width, 595.276, 0.01);
  g_assert_nonnull (strstr (page->text->str, COMPANY));
  g_assert_cmpuint (page->chars->len, ==, g_utf8_strlen (page->text->str, -1));

  print_reading (check);
  g_assert_cmpint (check->verdict, ==, ZC_VERDICT_MATCH);
  g_assert_false (check->ocr);
  /* where the code stands: the first line, right of its label */
  f = finding (check, "number");
  g_assert_cmpuint (f->page, ==, 1);
  g_assert_cmpfloat_with_epsilon (f->box.x, 240, 2);
  g_assert_cmpfloat_with_epsilon (f->box.y, 150, 10);
  f = finding (check, "holder_name");
  g_assert_cmpfloat_with_epsilon (f->box.y, 184, 10);
}

static void
test_text_layer_verdicts (void)
{
  g_autofree char *right = write_business_licence ("right.pdf", ZC_TEST_PDF_TEXT, COMPANY, 0, 0);
  g_autofree char *wrong = write_business_licence ("wrong.pdf", ZC_TEST_PDF_TEXT,
                                                   "芜湖市镜湖区鸠兹餐厅有限公司", 0, 0);
  g_autoptr(GListModel) valid = licences (NULL, FALSE);
  g_autoptr(GListModel) expired = licences ("2026-12-06", FALSE);
  g_autoptr(GListModel) revoked = licences (NULL, TRUE);
  g_autoptr(ZcMaterialCheck) mismatch = check_file (wrong, valid);
  g_autoptr(ZcMaterialCheck) old = check_file (right, expired);
  g_autoptr(ZcMaterialCheck) gone = check_file (right, revoked);
  const ZcCheckFinding *f;

  g_assert_cmpint (mismatch->verdict, ==, ZC_VERDICT_MISMATCH);
  f = finding (mismatch, "holder_name");
  g_assert_cmpint (f->verdict, ==, ZC_VERDICT_MISMATCH);
  g_assert_cmpstr (f->expected, ==, COMPANY);
  g_assert_cmpstr (f->found, ==, "芜湖市镜湖区鸠兹餐厅有限公司");
  g_assert_cmpuint (f->page, ==, 1);
  g_assert_cmpfloat (f->box.width, >, 100);

  g_assert_cmpint (old->verdict, ==, ZC_VERDICT_EXPIRED);
  g_assert_cmpint (gone->verdict, ==, ZC_VERDICT_REVOKED);
}

/* A PDF behind a user password (standard security handler, RC4 40 bit):
 * the password check values are random, so no password opens it */
static void
write_encrypted_pdf (const char *path)
{
  static const char * const objects[] = {
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    "<< /Filter /Standard /V 1 /R 2 /P -4 "
    "/O <6a1f3c9e2b7d4a8f0e5c3b2a1d9f8e7c6b5a49382716f5e4d3c2b1a0f9e8d7c6> "
    "/U <0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0> >>",
  };
  g_autoptr(GString) pdf = g_string_new ("%PDF-1.4\n");
  gsize offsets[G_N_ELEMENTS (objects)];
  gsize xref;

  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      offsets[i] = pdf->len;
      g_string_append_printf (pdf, "%u 0 obj\n%s\nendobj\n", i + 1, objects[i]);
    }
  xref = pdf->len;
  g_string_append_printf (pdf, "xref\n0 %u\n0000000000 65535 f \n", (guint) G_N_ELEMENTS (objects) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    g_string_append_printf (pdf, "%010" G_GSIZE_FORMAT " 00000 n \n", offsets[i]);
  g_string_append_printf (pdf, "trailer\n<< /Size %u /Root 1 0 R /Encrypt 4 0 R "
                          "/ID [<00112233445566778899aabbccddeeff><00112233445566778899aabbccddeeff>] >>\n"
                          "startxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n",
                          (guint) G_N_ELEMENTS (objects) + 1, xref);
  g_assert_true (g_file_set_contents (path, pdf->str, pdf->len, NULL));
}

/* --- bad files: a clear error, never a crash --- */

static void
test_bad_files (void)
{
  g_autofree char *good = write_business_licence ("good.pdf", ZC_TEST_PDF_TEXT, COMPANY, 0, 0);
  g_autofree char *text = tmp_path ("not-a-pdf.pdf");
  g_autofree char *cut = tmp_path ("truncated.pdf");
  g_autofree char *huge = tmp_path ("huge.pdf");
  g_autofree char *missing = tmp_path ("missing.pdf");
  g_autofree char *locked = tmp_path ("locked.pdf");
  g_autofree char *png = tmp_path ("cut.png");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  gsize length;
  FILE *f;

  g_assert_true (g_file_set_contents (text, "Hello, this is no PDF\n", -1, NULL));
  pages = read_file (text, &error);
  g_assert_null (pages);
  g_assert_error (error, ZC_MATERIAL_ERROR, ZC_MATERIAL_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  g_assert_true (g_file_get_contents (good, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (cut, contents, length / 3, NULL));
  pages = read_file (cut, &error);
  g_assert_null (pages);
  g_assert_error (error, ZC_MATERIAL_ERROR, ZC_MATERIAL_ERROR_DAMAGED);
  g_clear_error (&error);

  /* a sparse file over the limit: refused before it is read */
  f = g_fopen (huge, "wb");
  g_assert_nonnull (f);
  fputs ("%PDF-1.5\n", f);
  g_assert_cmpint (fseek (f, ZC_MATERIAL_MAX_BYTES + 10, SEEK_SET), ==, 0);
  fputc ('\n', f);
  fclose (f);
  pages = read_file (huge, &error);
  g_assert_null (pages);
  g_assert_error (error, ZC_MATERIAL_ERROR, ZC_MATERIAL_ERROR_TOO_LARGE);
  g_clear_error (&error);

  write_encrypted_pdf (locked);
  pages = read_file (locked, &error);
  g_assert_null (pages);
  g_assert_error (error, ZC_MATERIAL_ERROR, ZC_MATERIAL_ERROR_ENCRYPTED);
  g_clear_error (&error);

  /* a PNG that is only its signature */
  g_assert_true (g_file_set_contents (png, "\x89PNG\r\n\x1a\n\0\0\0", 12, NULL));
  pages = read_file (png, &error);
  g_assert_null (pages);
  g_assert_error (error, ZC_MATERIAL_ERROR, ZC_MATERIAL_ERROR_DAMAGED);
  g_clear_error (&error);

  pages = read_file (missing, &error);
  g_assert_null (pages);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* --- scans (OCR) --- */

static void
test_scan_match (void)
{
  g_autofree char *path = write_business_licence ("scan.pdf", ZC_TEST_PDF_SCAN, COMPANY, 0, 0);
  g_autoptr(GListModel) valid = licences ("2041-02-28", FALSE);
  g_autoptr(ZcMaterialCheck) check = check_file (path, valid);
  const ZcCheckFinding *f;

  print_reading (check);
  /* a clean scan of a matching licence comes out 一致 */
  g_assert_cmpint (check->verdict, ==, ZC_VERDICT_MATCH);
  g_assert_true (check->ocr);
  g_assert_cmpfloat (check->confidence, >, 0);
  /* the box OCR gives is where the text is drawn, in points */
  f = finding (check, "number");
  g_assert_cmpuint (f->page, ==, 1);
  g_assert_cmpfloat_with_epsilon (f->box.x, 240, 6);
  g_assert_cmpfloat_with_epsilon (f->box.y, 150, 12);
}

static void
test_scan_noisy_expired (void)
{
  /* noise and a slight turn, as a real scanner gives; the licence expired */
  g_autofree char *path = write_business_licence ("noisy.pdf", ZC_TEST_PDF_SCAN, COMPANY, 0.01, 0.8);
  g_autoptr(GListModel) expired = licences ("2026-06-30", FALSE);
  g_autoptr(ZcMaterialCheck) check = check_file (path, expired);

  print_reading (check);
  g_assert_cmpint (check->verdict, ==, ZC_VERDICT_EXPIRED);
  g_assert_cmpstr (finding (check, "valid_until")->found, ==, "2026-06-30");
}

static void
test_scan_turned (void)
{
  /* fed a little askew, and upside down */
  g_autofree char *askew = write_business_licence ("askew.pdf", ZC_TEST_PDF_SCAN, COMPANY, 0.002, 3);
  g_autofree char *upside_down = write_business_licence ("upside-down.pdf", ZC_TEST_PDF_SCAN, COMPANY,
                                                         0.002, 180);
  g_autoptr(GListModel) valid = licences (NULL, FALSE);
  g_autoptr(ZcMaterialCheck) a = check_file (askew, valid);
  g_autoptr(ZcMaterialCheck) b = NULL;

  print_reading (a);
  g_assert_cmpint (a->verdict, ==, ZC_VERDICT_MATCH);
  b = check_file (upside_down, valid);
  print_reading (b);
  g_assert_cmpint (b->verdict, ==, ZC_VERDICT_MATCH);
  /* read turned over, boxed where it lies on the page: near the bottom */
  g_assert_cmpfloat (finding (b, "number")->box.y, >, 600);
}

/* a photo or scan handed in as a PNG: OCR'd as a 300 dpi page */
static void
test_png (void)
{
  g_autofree char *pdf = write_business_licence ("for-png.pdf", ZC_TEST_PDF_TEXT, COMPANY, 0, 0);
  g_autofree char *png = tmp_path ("scan.png");
  g_autofree char *uri = g_filename_to_uri (pdf, NULL, NULL);
  g_autoptr(GListModel) valid = licences (NULL, FALSE);
  g_autoptr(ZcMaterialCheck) check = NULL;
  PopplerDocument *doc = poppler_document_new_from_file (uri, NULL, NULL);
  PopplerPage *page = poppler_document_get_page (doc, 0);
  double w, h;
  cairo_surface_t *image;
  cairo_t *cr;

  poppler_page_get_size (page, &w, &h);
  image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (w * 300 / 72), (int) ceil (h * 300 / 72));
  cr = cairo_create (image);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, 300.0 / 72, 300.0 / 72);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (image, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (image);
  g_object_unref (page);
  g_object_unref (doc);

  check = check_file (png, valid);
  print_reading (check);
  g_assert_true (check->ocr);
  g_assert_cmpint (check->verdict, ==, ZC_VERDICT_MATCH);
  /* boxes in points of the 300 dpi page */
  g_assert_cmpfloat_with_epsilon (finding (check, "number")->box.x, 240, 6);
}

static void
test_scan_blank (void)
{
  g_autofree char *path = tmp_path ("blank.pdf");
  const char *none[] = { NULL };
  g_autoptr(GListModel) valid = licences (NULL, FALSE);
  g_autoptr(ZcMaterialCheck) check = NULL;

  zc_test_write_licence_pdf (path, ZC_TEST_PDF_SCAN, NULL, none, 0.002, 0);
  check = check_file (path, valid);
  g_assert_cmpint (check->verdict, ==, ZC_VERDICT_UNREADABLE);
  g_assert_cmpuint (check->findings->len, ==, 0);
}

/* --- on a worker: progress, cancel --- */

typedef struct
{
  guint  calls;
  double last;
  GCancellable *cancel_at_first;
} Progress;

static void
on_progress (double   fraction,
             guint    page,
             gpointer user_data)
{
  Progress *p = user_data;

  g_assert_cmpfloat (fraction, >=, p->last);
  g_assert_cmpuint (page, ==, 1);
  p->last = fraction;
  p->calls++;
  if (p->cancel_at_first != NULL)
    g_cancellable_cancel (p->cancel_at_first);
}

static void
test_async (void)
{
  g_autofree char *text = write_business_licence ("async.pdf", ZC_TEST_PDF_TEXT, COMPANY, 0, 0);
  g_autofree char *scan = write_business_licence ("async-scan.pdf", ZC_TEST_PDF_SCAN, COMPANY, 0, 0);
  g_autoptr(GFile) text_file = g_file_new_for_path (text);
  g_autoptr(GFile) scan_file = g_file_new_for_path (scan);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  Progress progress = { 0 };
  Progress cancelled = { 0, 0, cancellable };
  GAsyncResult *result = NULL;
  gint64 start;

  zc_material_read_async (text_file, on_progress, &progress, NULL, zc_test_store_result_cb, &result);
  pages = ZC_TEST_AWAIT_FINISH (result, zc_material_read_finish (result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pages->len, ==, 1);
  /* progress told on this thread's context, the last at 1 */
  zc_test_spin_for (50);
  g_assert_cmpuint (progress.calls, >=, 2);
  g_assert_cmpfloat (progress.last, ==, 1.0);
  g_clear_pointer (&pages, g_ptr_array_unref);

  /* cancelled as soon as the scan starts: stops inside OCR, quickly */
  start = g_get_monotonic_time ();
  zc_material_read_async (scan_file, on_progress, &cancelled, cancellable,
                          zc_test_store_result_cb, &result);
  pages = ZC_TEST_AWAIT_FINISH (result, zc_material_read_finish (result, &error));
  g_assert_null (pages);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_test_message ("cancelled after %.2f s", (g_get_monotonic_time () - start) / 1e6);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("zc-material-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/materials/read/text-layer", test_text_layer);
  g_test_add_func ("/materials/read/text-layer-verdicts", test_text_layer_verdicts);
  g_test_add_func ("/materials/read/bad-files", test_bad_files);
  g_test_add_func ("/materials/read/scan-match", test_scan_match);
  g_test_add_func ("/materials/read/scan-noisy-expired", test_scan_noisy_expired);
  g_test_add_func ("/materials/read/scan-turned", test_scan_turned);
  g_test_add_func ("/materials/read/png", test_png);
  g_test_add_func ("/materials/read/scan-blank", test_scan_blank);
  g_test_add_func ("/materials/read/async", test_async);

  status = g_test_run ();
  zc_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}

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
#include <stdarg.h>
#include <string.h>

#include <cairo-pdf.h>
#include <math.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <poppler.h>

#include "zc-core.h"
#include "zc-material-read.h"
#include "zc-test-licence-pdf.h"
#include "zc-test-util.h"

#define HOLDER_USCC "91340202MA2N0C8P79"
#define COMPANY     "芜湖市镜湖区鸠兹餐饮有限公司"
#define ON          "2026-12-07"
/* the applicant, and the agent who came with the agent's own ID card */
#define HOLDER_ID   "340202198506123015"
#define AGENT_ID    "340102199003054029"
#define OLD_PERMIT  "JY23402020000011"
#define NEW_PERMIT  "JY23402020000029"

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

static ZcLicence *
licence_of (const char *type,
            const char *number,
            const char *holder,
            const char *holder_name,
            const char *issued_on,
            const char *until)
{
  g_autofree char *json =
    g_strdup_printf ("{\"type\":\"%s\",\"number\":\"%s\",\"holder\":\"%s\","
                     "\"holder_name\":\"%s\",\"issued_on\":\"%s\",\"valid_until\":\"%s\","
                     "\"revoked\":false}",
                     type, number, holder, holder_name, issued_on, until);
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  ZcLicence *licence = zc_licence_new_from_json (node, &error);

  g_assert_no_error (error);
  return licence;
}

/* a list of the licences given, NULL-terminated; takes them */
static GListModel *
licences_of (ZcLicence *first,
             ...)
{
  GListStore *store = g_list_store_new (ZC_TYPE_LICENCE);
  va_list args;

  va_start (args, first);
  for (ZcLicence *l = first; l != NULL; l = va_arg (args, ZcLicence *))
    {
      g_list_store_append (store, l);
      g_object_unref (l);
    }
  va_end (args);
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

/* The test's papers carry made-up but valid resident ids; the logs
 * never hold one (no-personal-data-in-logs scans them): a run that
 * looks like one is shown as its first and last four characters. */
static char *
log_masked (const char *text)
{
  static GRegex *id_run;

  if (id_run == NULL)
    id_run = g_regex_new ("([0-9]{4})[0-9]{10,13}([0-9Xx]{4})", G_REGEX_OPTIMIZE, 0, NULL);
  return g_regex_replace (id_run, text != NULL ? text : "", -1, 0, "\\1**********\\2", 0, NULL);
}

static ZcMaterialCheck *
check_file_as (const char *path,
               GListModel *with,
               const char *licence_type,
               const char *holder)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pages = read_file (path, &error);
  g_autoptr(GDate) on = g_date_new ();

  g_assert_no_error (error);
  for (guint i = 0; i < pages->len; i++)
    {
      const ZcPageText *page = g_ptr_array_index (pages, i);

      g_autofree char *text = log_masked (page->text->str);

      g_test_message ("page %u (%s):\n%s", page->page, page->ocr ? "OCR" : "text layer", text);
    }
  g_date_set_parse (on, ON);
  return zc_material_check (pages, with, on, licence_type, holder);
}

static ZcMaterialCheck *
check_file (const char *path,
            GListModel *with)
{
  return check_file_as (path, with, "business_licence", HOLDER_USCC);
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
      g_autofree char *expected = log_masked (f->expected);
      g_autofree char *found = log_masked (f->found);

      g_test_message ("%s: %s expected “%s” found “%s” page %u (%.0f,%.0f) %.2f",
                      f->field, zc_verdict_to_string (f->verdict), expected, found,
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

/* a PNG with transparency — the paper cut out of its background, clear
 * around the ink: read as ink on white paper, as the same image in a PDF
 * is (premultiplied, the clear pixels are 0: read as they are, black) */
static void
test_png_alpha (void)
{
  g_autofree char *pdf = write_business_licence ("for-png-alpha.pdf", ZC_TEST_PDF_TEXT, COMPANY, 0, 0);
  g_autofree char *png = tmp_path ("scan-alpha.png");
  g_autofree char *uri = g_filename_to_uri (pdf, NULL, NULL);
  g_autoptr(GListModel) valid = licences (NULL, FALSE);
  g_autoptr(ZcMaterialCheck) check = NULL;
  PopplerDocument *doc = poppler_document_new_from_file (uri, NULL, NULL);
  PopplerPage *page = poppler_document_get_page (doc, 0);
  double w, h;
  cairo_surface_t *image;
  cairo_t *cr;

  poppler_page_get_size (page, &w, &h);
  /* no paper: only the ink is opaque */
  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (w * 300 / 72), (int) ceil (h * 300 / 72));
  cr = cairo_create (image);
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
on_any_progress (double   fraction,
                 guint    page,
                 gpointer user_data)
{
  ((Progress *) user_data)->calls++;
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

/* lying on its side either way (the clerk laid the paper across the
 * scanner): read turned upright, boxed where it lies on the landscape page */
static void
test_scan_quarter_turns (void)
{
  static const double turns[] = { 90, 270 };
  g_autoptr(GListModel) valid = licences (NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (turns); i++)
    {
      g_autofree char *file = g_strdup_printf ("turned-%.0f.pdf", turns[i]);
      g_autofree char *path = write_business_licence (file, ZC_TEST_PDF_SCAN, COMPANY, 0.002, turns[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) pages = read_file (path, &error);
      g_autoptr(GDate) on = g_date_new ();
      g_autoptr(ZcMaterialCheck) check = NULL;
      const ZcPageText *page;
      const ZcCheckFinding *f;

      g_assert_no_error (error);
      g_date_set_parse (on, ON);
      check = zc_material_check (pages, valid, on, "business_licence", HOLDER_USCC);
      g_test_message ("turned %.0f°", turns[i]);
      print_reading (check);
      page = g_ptr_array_index (pages, 0);
      g_assert_true (page->ocr);
      g_assert_cmpfloat_with_epsilon (page->width, 841.89, 0.5);
      g_assert_cmpfloat_with_epsilon (page->height, 595.28, 0.5);
      g_assert_cmpint (check->verdict, ==, ZC_VERDICT_MATCH);
      /* the code runs down (90°) or up (270°) the page: a tall box, on
       * the page, on the side the top of the paper lies */
      f = finding (check, "number");
      g_assert_cmpfloat (f->box.height, >, 2 * f->box.width);
      g_assert_cmpfloat (f->box.x, >=, 0);
      g_assert_cmpfloat (f->box.y, >=, 0);
      g_assert_cmpfloat (f->box.x + f->box.width, <=, page->width);
      g_assert_cmpfloat (f->box.y + f->box.height, <=, page->height);
      if (turns[i] == 90)
        g_assert_cmpfloat (f->box.x, >, page->width / 2);
      else
        g_assert_cmpfloat (f->box.x, <, page->width / 2);
    }
}

static GdkPixbuf *
surface_to_pixbuf (cairo_surface_t *image)
{
  int width = cairo_image_surface_get_width (image);
  int height = cairo_image_surface_get_height (image);
  int stride = cairo_image_surface_get_stride (image);
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  int rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  const guchar *data;

  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 p = ((const guint32 *) (data + (gsize) y * stride))[x];
        guchar *out = pixels + (gsize) y * rowstride + x * 3;

        out[0] = (p >> 16) & 0xff;
        out[1] = (p >> 8) & 0xff;
        out[2] = p & 0xff;
      }
  return pixbuf;
}

/* a photo or scan handed in as a JPEG, whatever its name says */
static void
test_jpeg (void)
{
  g_autofree char *pdf = write_business_licence ("for-jpeg.pdf", ZC_TEST_PDF_TEXT, COMPANY, 0, 0);
  g_autofree char *jpeg = tmp_path ("photo.dat");
  g_autofree char *cut = tmp_path ("cut.jpg");
  g_autofree char *uri = g_filename_to_uri (pdf, NULL, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GListModel) valid = licences (NULL, FALSE);
  g_autoptr(ZcMaterialCheck) check = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  PopplerDocument *doc = poppler_document_new_from_file (uri, NULL, NULL);
  PopplerPage *page = poppler_document_get_page (doc, 0);
  cairo_surface_t *image;
  cairo_t *cr;
  gsize length;
  double w, h;

  poppler_page_get_size (page, &w, &h);
  image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (w * 300 / 72), (int) ceil (h * 300 / 72));
  cr = cairo_create (image);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, 300.0 / 72, 300.0 / 72);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  pixbuf = surface_to_pixbuf (image);
  cairo_surface_destroy (image);
  g_object_unref (page);
  g_object_unref (doc);
  g_assert_true (gdk_pixbuf_save (pixbuf, jpeg, "jpeg", &error, "quality", "85",
                                  "x-dpi", "300", "y-dpi", "300", NULL));
  g_assert_no_error (error);

  check = check_file (jpeg, valid);
  print_reading (check);
  g_assert_true (check->ocr);
  g_assert_cmpint (check->verdict, ==, ZC_VERDICT_MATCH);
  /* boxes in points of the 300 dpi photo */
  g_assert_cmpfloat_with_epsilon (finding (check, "number")->box.x, 240, 6);

  /* the first third of it: damaged, said so */
  g_assert_true (g_file_get_contents (jpeg, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (cut, contents, 200, NULL));
  pages = read_file (cut, &error);
  g_assert_null (pages);
  g_assert_error (error, ZC_MATERIAL_ERROR, ZC_MATERIAL_ERROR_DAMAGED);
}

static void
write_pages (const char *path,
             guint       n)
{
  cairo_surface_t *pdf = cairo_pdf_surface_create (path, 595.276, 841.89);
  cairo_t *cr = cairo_create (pdf);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("Page %u", i + 1);

      cairo_move_to (cr, 72, 72);
      cairo_show_text (cr, text);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (pdf);
  g_assert_cmpint (cairo_surface_status (pdf), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (pdf);
}

/* a whole file of 101 pages handed in as one material: refused at once,
 * before a page is read, saying how many pages it has */
static void
test_too_many_pages (void)
{
  g_autofree char *hundred = tmp_path ("100-pages.pdf");
  g_autofree char *over = tmp_path ("101-pages.pdf");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  Progress progress = { 0 };

  write_pages (hundred, 100);
  write_pages (over, 101);

  pages = read_file (hundred, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pages->len, ==, 100);
  g_clear_pointer (&pages, g_ptr_array_unref);

  file = g_file_new_for_path (over);
  pages = zc_material_read (file, on_any_progress, &progress, NULL, &error);
  g_assert_null (pages);
  g_assert_error (error, ZC_MATERIAL_ERROR, ZC_MATERIAL_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "101"));
  g_assert_nonnull (strstr (error->message, "100"));
  /* not one page was started */
  g_assert_cmpuint (progress.calls, ==, 0);
}

/* --- verdicts through the whole reader --- */

static char *
write_food_permit (const char    *file,
                   ZcTestPdfKind  kind,
                   const char    *number,
                   const char    *until)
{
  g_autofree char *number_line = g_strdup_printf ("许可证编号\t%s", number);
  g_autofree char *until_line = g_strdup_printf ("有效期至\t%s", until);
  const char *lines[] = {
    "经营者名称\t" COMPANY,
    "社会信用代码\t" HOLDER_USCC,
    "法定代表人\t张伟",
    "经营场所\t安徽省芜湖市镜湖区中山北路88号",
    "主体业态\t餐饮服务经营者（小型餐馆）",
    number_line,
    until_line,
    NULL
  };
  char *path = tmp_path (file);

  zc_test_write_licence_pdf (path, kind, "食品经营许可证", lines, kind == ZC_TEST_PDF_SCAN ? 0.002 : 0, 0);
  return path;
}

/* The applicant brings the old permit; the library holds it, expired, and
 * the permit it was renewed as, valid: a clerk takes the paper as the
 * renewed permit (the same holder under the same name along the chain),
 * and is told so. A chain that does not agree leaves the old one expired. */
static void
test_renewed (void)
{
  const ZcTestPdfKind kinds[] = { ZC_TEST_PDF_TEXT, ZC_TEST_PDF_SCAN };
  g_autoptr(GListModel) renewed =
    licences_of (licence_of ("food_business_permit", OLD_PERMIT, HOLDER_USCC, COMPANY,
                             "2019-05-01", "2024-04-30"),
                 licence_of ("food_business_permit", NEW_PERMIT, HOLDER_USCC, COMPANY,
                             "2024-04-20", "2029-04-19"),
                 NULL);
  /* renewed under another name (the firm renamed): not the same chain */
  g_autoptr(GListModel) renamed =
    licences_of (licence_of ("food_business_permit", OLD_PERMIT, HOLDER_USCC, COMPANY,
                             "2019-05-01", "2024-04-30"),
                 licence_of ("food_business_permit", NEW_PERMIT, HOLDER_USCC,
                             "芜湖市镜湖区鸠兹餐饮管理有限公司", "2024-04-20", "2029-04-19"),
                 NULL);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *path = write_food_permit (kinds[i] == ZC_TEST_PDF_TEXT ? "old-permit.pdf"
                                                                              : "old-permit-scan.pdf",
                                                 kinds[i], OLD_PERMIT, "2024年04月30日");
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) pages = read_file (path, &error);
      g_autoptr(GDate) on = g_date_new ();
      g_autoptr(ZcMaterialCheck) check = NULL;
      g_autoptr(ZcMaterialCheck) other = NULL;
      const ZcCheckFinding *f;

      /* read once (OCR takes seconds), checked against either library */
      g_assert_no_error (error);
      g_date_set_parse (on, ON);
      check = zc_material_check (pages, renewed, on, "food_business_permit", HOLDER_USCC);
      other = zc_material_check (pages, renamed, on, "food_business_permit", HOLDER_USCC);

      print_reading (check);
      g_assert_cmpint (check->verdict, ==, ZC_VERDICT_MATCH);
      g_assert_cmpstr (zc_licence_get_number (check->licence), ==, NEW_PERMIT);
      f = finding (check, "renewed");
      g_assert_nonnull (f);
      g_assert_cmpstr (f->expected, ==, NEW_PERMIT);
      g_assert_cmpuint (f->page, ==, 1);
      g_assert_cmpfloat (f->box.width, >, 50);
      g_assert_null (finding (check, "valid_until"));
      g_assert_cmpint (finding (check, "holder_name")->verdict, ==, ZC_VERDICT_MATCH);

      print_reading (other);
      g_assert_cmpint (other->verdict, ==, ZC_VERDICT_EXPIRED);
      g_assert_null (finding (other, "renewed"));
      g_assert_cmpstr (finding (other, "valid_until")->found, ==, "2024-04-30");
    }
}

/* The agent's own ID card handed in where the applicant's is asked */
static void
test_wrong_party (void)
{
  const ZcTestPdfKind kinds[] = { ZC_TEST_PDF_TEXT, ZC_TEST_PDF_SCAN };
  const char *lines[] = {
    "姓　　名\t李娜",
    "性　　别\t女",
    "出　　生\t1990年3月5日",
    "住　　址\t安徽省合肥市蜀山区长江西路100号",
    "公民身份号码\t" AGENT_ID,
    NULL
  };
  g_autoptr(GListModel) applicants =
    licences_of (licence_of ("id_card", HOLDER_ID, HOLDER_ID, "张伟", "2016-08-01", "2036-08-01"),
                 licence_of ("id_card", AGENT_ID, AGENT_ID, "李娜", "2020-01-01", "2040-01-01"),
                 NULL);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *path = tmp_path (kinds[i] == ZC_TEST_PDF_TEXT ? "agent-id.pdf" : "agent-id-scan.pdf");
      g_autoptr(ZcMaterialCheck) check = NULL;
      const ZcCheckFinding *f;

      zc_test_write_licence_pdf (path, kinds[i], "居民身份证", lines,
                                 kinds[i] == ZC_TEST_PDF_SCAN ? 0.002 : 0, 0);
      check = check_file_as (path, applicants, "id_card", HOLDER_ID);
      print_reading (check);
      g_assert_cmpint (check->verdict, ==, ZC_VERDICT_MISMATCH);
      g_assert_null (check->licence);
      /* the party: the applicant's number expected, the agent's found */
      f = finding (check, "holder");
      g_assert_nonnull (f);
      g_assert_cmpint (f->verdict, ==, ZC_VERDICT_MISMATCH);
      g_assert_cmpstr (f->expected, ==, HOLDER_ID);
      g_assert_cmpstr (f->found, ==, AGENT_ID);
      g_assert_cmpuint (f->page, ==, 1);
      g_assert_cmpfloat (f->box.width, >, 50);
      f = finding (check, "holder_name");
      g_assert_cmpint (f->verdict, ==, ZC_VERDICT_MISMATCH);
      g_assert_cmpstr (f->expected, ==, "张伟");
      g_assert_cmpstr (f->found, ==, "李娜");
    }
}

/* One wrong character in the credit code printed on the paper: a 7 where
 * the code has a 2 (look-alikes; the repair could make the right code of
 * it). OCR read the 7 surely: the paper says 7, the verdict is mismatch. */
static void
test_scan_uscc_one_wrong (void)
{
  static const char * const wrong[] = { "91340702MA2N0C8P79", "91340202MA2N0C3P79" };
  g_autoptr(GListModel) valid = licences (NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      g_autofree char *code_line = g_strdup_printf ("统一社会信用代码\t%s", wrong[i]);
      const char *lines[] = {
        code_line,
        "名　　称\t" COMPANY,
        "类　　型\t有限责任公司（自然人投资或控股）",
        "法定代表人\t张伟",
        "成立日期\t2021年03月01日",
        NULL
      };
      g_autofree char *file = g_strdup_printf ("uscc-wrong-%u.pdf", i);
      g_autofree char *path = tmp_path (file);
      g_autoptr(ZcMaterialCheck) check = NULL;
      const ZcCheckFinding *f;

      zc_test_write_licence_pdf (path, ZC_TEST_PDF_SCAN, "营业执照", lines, 0.002, 0);
      check = check_file (path, valid);
      print_reading (check);
      g_assert_cmpint (check->verdict, ==, ZC_VERDICT_MISMATCH);
      g_assert_null (check->licence);
      f = finding (check, "number");
      g_assert_cmpint (f->verdict, ==, ZC_VERDICT_MISMATCH);
      g_assert_cmpstr (f->expected, ==, HOLDER_USCC);
      g_assert_cmpstr (f->found, ==, wrong[i]);
      g_assert_cmpuint (f->page, ==, 1);
      g_assert_cmpfloat_with_epsilon (f->box.y, 150, 12);
    }
}

/* a page with nothing on it, as a text-layer PDF (no text at all) */
static void
test_blank_text_page (void)
{
  g_autofree char *path = tmp_path ("blank-text.pdf");
  const char *none[] = { NULL };
  g_autoptr(GListModel) valid = licences (NULL, FALSE);
  g_autoptr(ZcMaterialCheck) check = NULL;

  zc_test_write_licence_pdf (path, ZC_TEST_PDF_TEXT, NULL, none, 0, 0);
  check = check_file (path, valid);
  g_assert_cmpint (check->verdict, ==, ZC_VERDICT_UNREADABLE);
  g_assert_cmpuint (check->findings->len, ==, 0);
  g_assert_null (check->licence);
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
  g_test_add_func ("/materials/read/png-alpha", test_png_alpha);
  g_test_add_func ("/materials/read/scan-blank", test_scan_blank);
  g_test_add_func ("/materials/read/scan-quarter-turns", test_scan_quarter_turns);
  g_test_add_func ("/materials/read/jpeg", test_jpeg);
  g_test_add_func ("/materials/read/too-many-pages", test_too_many_pages);
  g_test_add_func ("/materials/read/renewed", test_renewed);
  g_test_add_func ("/materials/read/wrong-party", test_wrong_party);
  g_test_add_func ("/materials/read/scan-uscc-one-wrong", test_scan_uscc_one_wrong);
  g_test_add_func ("/materials/read/blank-text-page", test_blank_text_page);
  g_test_add_func ("/materials/read/async", test_async);

  status = g_test_run ();
  zc_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}

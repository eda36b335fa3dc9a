/* test-pdf-view.c — ZcPdfView under a display (Xvfb), and printing
 * (export) of a document.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <poppler.h>

#include "zc-document.h"
#include "zc-pdf-view.h"
#include "zc-print.h"
#include "zc-test-util.h"

static GBytes *
make_pdf (int n_extra_materials)
{
  g_autoptr(ZcDocumentData) d = zc_document_data_new (ZC_DOCUMENT_RECEIPT);
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  d->case_number = g_strdup ("ZC-20261127-000321");
  d->applicant_name = g_strdup ("赵敏");
  d->applicant_key = g_strdup ("110101199003074518");
  d->item_name = g_strdup ("新生儿出生");
  zc_document_data_add_matter (d, "出生医学证明", "卫生健康委员会", "2026-12-01", FALSE);
  zc_document_data_add_matter (d, "户口登记", "公安局", "2026-12-03", TRUE);
  d->window = g_strdup ("1 号窗口");
  d->clerk = g_strdup ("周杰");
  d->issued_at = g_date_time_new_local (2026, 11, 27, 9, 0, 0);
  for (int i = 0; i < n_extra_materials; i++)
    g_ptr_array_add (d->materials_received, g_strdup_printf ("材料 %d", i + 1));
  bytes = zc_document_write_sync (d, &error);
  g_assert_no_error (error);
  return bytes;
}

typedef struct
{
  ZcPdfView  *view;
  GdkTexture *not_this;
} TextureWait;

static gboolean
has_new_texture (gpointer data)
{
  TextureWait *wait = data;
  GdkTexture *texture = zc_pdf_view_get_texture (wait->view);

  return texture != NULL && texture != wait->not_this;
}

static gboolean
has_error (gpointer data)
{
  return zc_pdf_view_get_error (ZC_PDF_VIEW (data)) != NULL;
}

/* Spins until the view shows a texture of page @page, or fails. */
static GdkTexture *
wait_for_texture (ZcPdfView *view,
                  GdkTexture *not_this)
{
  TextureWait wait = { view, not_this };

  g_assert_true (zc_test_spin_until (has_new_texture, &wait, 20, "a new texture"));
  return zc_pdf_view_get_texture (view);
}

static void
test_view_renders (void)
{
  g_autoptr(GBytes) pdf = make_pdf (80);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = zc_pdf_view_new ();
  GdkTexture *first, *second, *zoomed;
  int sf, w, h;

  gtk_window_set_default_size (GTK_WINDOW (window), 700, 800);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_null (zc_pdf_view_get_texture (ZC_PDF_VIEW (view)));

  zc_pdf_view_set_pdf (ZC_PDF_VIEW (view), pdf);
  g_assert_true (zc_pdf_view_get_pdf (ZC_PDF_VIEW (view)) == pdf);
  first = wait_for_texture (ZC_PDF_VIEW (view), NULL);
  g_assert_cmpint (zc_pdf_view_get_n_pages (ZC_PDF_VIEW (view)), >=, 2);
  g_assert_cmpint (zc_pdf_view_get_page (ZC_PDF_VIEW (view)), ==, 0);

  /* fitted to the width of a 700 px window, A4 proportions */
  sf = gtk_widget_get_scale_factor (view);
  w = gdk_texture_get_width (first);
  h = gdk_texture_get_height (first);
  g_assert_cmpint (w, >, 400 * sf);
  g_assert_cmpint (w, <=, 700 * sf);
  g_assert_cmpfloat_with_epsilon ((double) h / w, 842.0 / 595.0, 0.01);
  g_assert_true (zc_pdf_view_get_fit_width (ZC_PDF_VIEW (view)));

  /* the page is white where nothing is drawn (over white, not transparent) */
  {
    g_autofree guchar *px = g_malloc ((gsize) w * h * 4);
    gdk_texture_download (first, px, (gsize) w * 4);
    g_assert_cmpuint (px[3], ==, 0xff);                       /* opaque */
    g_assert_cmpuint (px[0] + px[1] + px[2], ==, 3 * 0xff);   /* white corner */
  }

  /* next page: a new texture */
  g_object_ref (first);
  zc_pdf_view_next_page (ZC_PDF_VIEW (view));
  g_assert_cmpint (zc_pdf_view_get_page (ZC_PDF_VIEW (view)), ==, 1);
  second = wait_for_texture (ZC_PDF_VIEW (view), first);
  g_assert_true (second != first);
  g_object_unref (first);

  /* clamped at the ends */
  zc_pdf_view_set_page (ZC_PDF_VIEW (view), 999);
  g_assert_cmpint (zc_pdf_view_get_page (ZC_PDF_VIEW (view)),
                   ==, zc_pdf_view_get_n_pages (ZC_PDF_VIEW (view)) - 1);
  zc_pdf_view_set_page (ZC_PDF_VIEW (view), -5);
  g_assert_cmpint (zc_pdf_view_get_page (ZC_PDF_VIEW (view)), ==, 0);

  /* zoom 2.0 leaves fit-width and renders at 2 px per point */
  g_object_ref (second);
  zc_test_spin_for (50);
  zc_pdf_view_set_zoom (ZC_PDF_VIEW (view), 2.0);
  g_assert_false (zc_pdf_view_get_fit_width (ZC_PDF_VIEW (view)));
  zoomed = wait_for_texture (ZC_PDF_VIEW (view), second);
  while (gdk_texture_get_width (zoomed) != 1190 * sf)
    zoomed = wait_for_texture (ZC_PDF_VIEW (view), zoomed);
  g_assert_cmpint (gdk_texture_get_width (zoomed), ==, 1190 * sf);
  g_object_unref (second);

  gtk_window_destroy (GTK_WINDOW (window));
  zc_test_spin_for (50);
}

static void
test_view_bad_pdf (void)
{
  g_autoptr(GBytes) junk = g_bytes_new_static ("not a pdf at all", 16);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = zc_pdf_view_new ();

  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  zc_pdf_view_set_pdf (ZC_PDF_VIEW (view), junk);
  g_assert_true (zc_test_spin_until (has_error, view, 20, "an error"));
  g_assert_error (zc_pdf_view_get_error (ZC_PDF_VIEW (view)), G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (zc_pdf_view_get_texture (ZC_PDF_VIEW (view)));
  g_assert_cmpint (zc_pdf_view_get_n_pages (ZC_PDF_VIEW (view)), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Disposing the view while the worker loads/renders must not crash, and
 * the late results are dropped. */
static void
test_view_dispose_while_rendering (void)
{
  g_autoptr(GBytes) pdf = make_pdf (200);

  for (int i = 0; i < 8; i++)
    {
      GtkWidget *window = gtk_window_new ();
      GtkWidget *view = zc_pdf_view_new ();

      gtk_window_set_child (GTK_WINDOW (window), view);
      gtk_window_present (GTK_WINDOW (window));
      zc_pdf_view_set_pdf (ZC_PDF_VIEW (view), pdf);
      if (i % 2)
        zc_test_spin_for (5 * i);    /* sometimes mid-render, sometimes mid-load */
      zc_pdf_view_set_page (ZC_PDF_VIEW (view), 1);
      gtk_window_destroy (GTK_WINDOW (window));
    }
  /* let the worker finish and the callbacks run against dead views */
  zc_test_spin_for (1500);
}

/* A newer document replaces an older one still loading. */
static void
test_view_replace (void)
{
  g_autoptr(GBytes) long_pdf = make_pdf (200);
  g_autoptr(GBytes) short_pdf = make_pdf (0);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = zc_pdf_view_new ();

  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  zc_pdf_view_set_pdf (ZC_PDF_VIEW (view), long_pdf);
  zc_pdf_view_set_pdf (ZC_PDF_VIEW (view), short_pdf);
  wait_for_texture (ZC_PDF_VIEW (view), NULL);
  zc_test_spin_for (300);
  g_assert_cmpint (zc_pdf_view_get_n_pages (ZC_PDF_VIEW (view)), ==, 1);
  zc_pdf_view_set_pdf (ZC_PDF_VIEW (view), NULL);
  g_assert_null (zc_pdf_view_get_texture (ZC_PDF_VIEW (view)));
  g_assert_cmpint (zc_pdf_view_get_n_pages (ZC_PDF_VIEW (view)), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_print_export (void)
{
  g_autoptr(GBytes) pdf = make_pdf (80);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("zc-print-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  PopplerDocument *src, *printed;
  PopplerPage *page;
  char *text;

  g_assert_no_error (error);
  path = g_build_filename (dir, "printed.pdf", NULL);
  g_assert_true (zc_print_pdf_export (pdf, "test", path, &error));
  g_assert_no_error (error);

  uri = g_filename_to_uri (path, NULL, NULL);
  printed = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  src = poppler_document_new_from_bytes (pdf, NULL, NULL);
  /* every page printed, with its text */
  g_assert_cmpint (poppler_document_get_n_pages (printed), ==, poppler_document_get_n_pages (src));
  page = poppler_document_get_page (printed, 0);
  text = poppler_page_get_text (page);
  g_assert_nonnull (strstr (text, "ZC-20261127-000321"));
  g_assert_nonnull (strstr (text, "新生儿出生"));
  g_free (text);
  g_object_unref (page);
  g_object_unref (printed);
  g_object_unref (src);
  g_unlink (path);
  g_rmdir (dir);

  /* junk is refused with an error, not a crash */
  {
    g_autoptr(GBytes) junk = g_bytes_new_static ("%PDF-garbage", 12);
    g_autoptr(GError) e2 = NULL;
    g_assert_false (zc_print_pdf_export (junk, "test", "/nonexistent/x.pdf", &e2));
    g_assert_error (e2, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_skip ("no display (run with --setup xvfb)");
      return g_test_run ();
    }

  g_test_add_func ("/media/pdf-view/renders", test_view_renders);
  g_test_add_func ("/media/pdf-view/bad-pdf", test_view_bad_pdf);
  g_test_add_func ("/media/pdf-view/dispose-while-rendering", test_view_dispose_while_rendering);
  g_test_add_func ("/media/pdf-view/replace", test_view_replace);
  g_test_add_func ("/media/print/export", test_print_export);
  return g_test_run ();
}

/* zc-acquire-test-util.c — SANE's test backend and files to import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <gtk/gtk.h>
#include <poppler.h>

#include "zc-acquire-test-util.h"

void
zc_acquire_test_setup_sane (const char *dir,
                            const char *extra_conf)
{
  g_autofree char *sane_dir = g_build_filename (dir, "sane.d", NULL);
  g_autofree char *dll = g_build_filename (sane_dir, "dll.conf", NULL);
  g_autofree char *conf = g_build_filename (sane_dir, "test.conf", NULL);
  g_autofree char *system_conf = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (sane_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (dll, "test\n", -1, &error));
  g_assert_true (g_file_get_contents ("/etc/sane.d/test.conf", &system_conf, NULL, &error));
  text = g_strconcat (system_conf, "\n", extra_conf != NULL ? extra_conf : "", "\n", NULL);
  g_assert_true (g_file_set_contents (conf, text, -1, &error));
  g_setenv ("SANE_CONFIG_DIR", sane_dir, TRUE);
}

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
zc_acquire_test_png (int width,
                     int height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  GByteArray *out = g_byte_array_new ();

  cairo_set_source_rgb (cr, 0.9, 0.9, 0.9);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_rectangle (cr, width / 10, height / 10, width / 2, height / 20 + 1);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, write_cb, out), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (out);
}

GBytes *
zc_acquire_test_pdf (int n_pages)
{
  GByteArray *out = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (write_cb, out, 595, 842);
  cairo_t *cr = cairo_create (surface);

  for (int i = 0; i < n_pages; i++)
    {
      g_autofree char *text = g_strdup_printf ("Page %d", i + 1);

      cairo_move_to (cr, 72, 100);
      cairo_set_font_size (cr, 24);
      cairo_show_text (cr, text);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (out);
}

GBytes *
zc_acquire_test_encrypted_pdf (void)
{
  /* the standard security handler, revision 2, with an owner and user
   * key that the empty password does not open */
  static const char *objects[] = {
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ("<< /Filter /Standard /V 1 /R 2 /O <1111111111111111111111111111111111111111111111111111111111111111>"
     " /U <2222222222222222222222222222222222222222222222222222222222222222> /P -4 >>"),
  };
  GString *pdf = g_string_new ("%PDF-1.4\n");
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
  g_string_append_printf (pdf, "trailer\n<< /Size %u /Root 1 0 R /Encrypt 4 0 R"
                          " /ID [<abababababababababababababababab> <abababababababababababababababab>] >>\n"
                          "startxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n",
                          (guint) G_N_ELEMENTS (objects) + 1, xref);
  return g_string_free_to_bytes (pdf);
}

GBytes *
zc_acquire_test_jpeg (int width,
                      int height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  gchar *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, 0x8080ffff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", &error, NULL));
  return g_bytes_new_take (buffer, size);
}

GFile *
zc_acquire_test_write (const char *dir,
                       const char *name,
                       GBytes     *bytes)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error));
  return g_file_new_for_path (path);
}

int
zc_acquire_test_pdf_pages (GBytes *pdf)
{
  PopplerDocument *document = poppler_document_new_from_bytes (pdf, NULL, NULL);
  int n;

  if (document == NULL)
    return -1;
  n = poppler_document_get_n_pages (document);
  g_object_unref (document);
  return n;
}

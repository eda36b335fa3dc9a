/* zc-pdf-test-util.c — reading the window's PDFs back, making PDFs to view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <cairo-pdf.h>

#include "zc-pdf-test-util.h"

char *
zc_test_squeeze (const char *in)
{
  GString *s = g_string_new (NULL);

  for (const char *p = in; p != NULL && *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (s, g_utf8_get_char (p));
  return g_string_free (s, FALSE);
}

char *
zc_test_pdf_text (PopplerDocument *doc,
                  double           tolerance)
{
  GString *all = g_string_new (NULL);
  int n = poppler_document_get_n_pages (doc);

  for (int i = 0; i < n; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      g_autofree char *text = poppler_page_get_text (page);
      g_autofree char *squeezed = zc_test_squeeze (text);
      double w, h;

      poppler_page_get_size (page, &w, &h);
      g_assert_cmpfloat_with_epsilon (w, 595, tolerance);
      g_assert_cmpfloat_with_epsilon (h, 842, tolerance);
      g_string_append (all, squeezed);
      g_string_append_c (all, '\f');
    }
  return g_string_free (all, FALSE);
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
zc_test_pages_pdf (int n_pages)
{
  GByteArray *out = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_cb, out, 595, 842);
  cairo_t *cr = cairo_create (surface);

  for (int i = 0; i < n_pages; i++)
    {
      char text[64];

      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_rectangle (cr, ZC_TEST_MARK_X, ZC_TEST_MARK_Y, ZC_TEST_MARK_SIDE, ZC_TEST_MARK_SIDE);
      cairo_rectangle (cr, ZC_TEST_BOX_X, ZC_TEST_BOX_Y, ZC_TEST_BOX_W, ZC_TEST_BOX_H);
      cairo_fill (cr);
      cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
      cairo_set_font_size (cr, 48);
      g_snprintf (text, sizeof text, "Page %d", i + 1);
      cairo_move_to (cr, 100, 420);
      cairo_show_text (cr, text);
      cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
      cairo_set_font_size (cr, 11);
      for (int line = 0; line < 24; line++)
        {
          g_snprintf (text, sizeof text, "Line %d of page %d: the quick brown fox jumps over", line + 1, i + 1);
          cairo_move_to (cr, 72, 480 + line * 14);
          cairo_show_text (cr, text);
        }
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (out);
}

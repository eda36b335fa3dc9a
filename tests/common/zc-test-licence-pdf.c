/* zc-test-licence-pdf.c — licence-like PDFs: text layer or scan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "zc-test-licence-pdf.h"

#define A4_WIDTH  595.276
#define A4_HEIGHT 841.89
#define SCAN_DPI  300.0
#define LEFT      80.0
#define VALUE_X   240.0

static void
show (cairo_t    *cr,
      const char *text,
      const char *font,
      double      x,
      double      y,
      gboolean    centred)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);
  int w, h;

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &w, &h);
  cairo_move_to (cr, centred ? x - w / PANGO_SCALE / 2.0 : x, y);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (desc);
  g_object_unref (layout);
}

/* the page in points */
static void
draw_page (cairo_t            *cr,
           const char         *title,
           const char * const *lines)
{
  double y = 150;

  cairo_set_source_rgb (cr, 0, 0, 0);
  if (title != NULL)
    show (cr, title, "Noto Serif CJK SC Bold 28", A4_WIDTH / 2, 70, TRUE);
  for (guint i = 0; lines != NULL && lines[i] != NULL; i++, y += 34)
    {
      g_auto(GStrv) parts = g_strsplit (lines[i], "\t", 2);

      show (cr, parts[0], "Noto Sans CJK SC 14", LEFT, y, FALSE);
      if (parts[0] != NULL && parts[1] != NULL)
        show (cr, parts[1], "Noto Sans CJK SC 14", VALUE_X, y, FALSE);
    }
  if (title != NULL)
    {
      /* a frame, as licences have */
      cairo_set_line_width (cr, 2);
      cairo_rectangle (cr, 40, 40, A4_WIDTH - 80, y - 10);
      cairo_stroke (cr);
    }
}

static void
add_noise (cairo_surface_t *image,
           double           noise)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);
  int width = cairo_image_surface_get_width (image);
  int height = cairo_image_surface_get_height (image);
  int stride = cairo_image_surface_get_stride (image);
  guchar *data;
  guint n = (guint) (noise * width * height);

  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  for (guint i = 0; i < n; i++)
    {
      int x = g_rand_int_range (rand, 0, width);
      int y = g_rand_int_range (rand, 0, height);
      guint8 grey = (guint8) g_rand_int_range (rand, 0, 256);

      ((guint32 *) (data + (gsize) y * stride))[x] = 0xff000000u | grey << 16 | grey << 8 | grey;
    }
  cairo_surface_mark_dirty (image);
}

void
zc_test_write_licence_pdf (const char         *path,
                           ZcTestPdfKind       kind,
                           const char         *title,
                           const char * const *lines,
                           double              noise,
                           double              degrees)
{
  /* a quarter turn: the paper lies on its side, the page is landscape */
  gboolean sideways = kind == ZC_TEST_PDF_SCAN && fabs (fmod (fabs (degrees), 180.0) - 90.0) < 0.001;
  double page_width = sideways ? A4_HEIGHT : A4_WIDTH;
  double page_height = sideways ? A4_WIDTH : A4_HEIGHT;
  cairo_surface_t *pdf = cairo_pdf_surface_create (path, page_width, page_height);
  cairo_t *cr = cairo_create (pdf);

  if (kind == ZC_TEST_PDF_TEXT)
    draw_page (cr, title, lines);
  else
    {
      int w = (int) ceil (page_width * SCAN_DPI / 72.0);
      int h = (int) ceil (page_height * SCAN_DPI / 72.0);
      cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
      cairo_t *icr = cairo_create (image);

      cairo_set_source_rgb (icr, 1, 1, 1);
      cairo_paint (icr);
      cairo_scale (icr, SCAN_DPI / 72.0, SCAN_DPI / 72.0);
      if (degrees != 0)
        {
          cairo_translate (icr, page_width / 2, page_height / 2);
          cairo_rotate (icr, degrees * G_PI / 180.0);
          cairo_translate (icr, -A4_WIDTH / 2, -A4_HEIGHT / 2);
        }
      draw_page (icr, title, lines);
      cairo_destroy (icr);
      if (noise > 0)
        add_noise (image, noise);

      cairo_scale (cr, 72.0 / SCAN_DPI, 72.0 / SCAN_DPI);
      cairo_set_source_surface (cr, image, 0, 0);
      cairo_paint (cr);
      cairo_surface_destroy (image);
    }
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (pdf);
  g_assert_cmpint (cairo_surface_status (pdf), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (pdf);
}

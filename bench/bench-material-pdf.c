/* bench-material-pdf.c — making the PDF of a material: N scanned A4
 * pages at 300 dpi in colour (2480 × 3508, a page of text-like strokes on
 * paper-grey with sensor noise) through zc_material_pdf_build (the JPEG
 * encoding of each page dominates). Prints seconds and bytes per page;
 * nothing is asserted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "zc-acquired-page.h"
#include "zc-material-pdf.h"

#define WIDTH  2480
#define HEIGHT 3508
#define DPI    300

static GdkTexture *
scan_like_page (GRand *rand)
{
  gsize stride = WIDTH * 3;
  guint8 *data = g_malloc (stride * HEIGHT);
  g_autoptr(GBytes) bytes = NULL;

  for (int y = 0; y < HEIGHT; y++)
    {
      /* lines of "text": dark strokes in bands 40 px high every 70 px */
      gboolean band = (y % 70) < 40 && y > 300 && y < HEIGHT - 300;

      for (int x = 0; x < WIDTH; x++)
        {
          guint8 *p = data + y * stride + x * 3;
          gboolean ink = band && x > 250 && x < WIDTH - 250 && g_rand_int_range (rand, 0, 100) < 18;
          int base = ink ? 40 : 236;
          int noise = g_rand_int_range (rand, -6, 7);

          p[0] = CLAMP (base + noise, 0, 255);
          p[1] = CLAMP (base + noise - 2, 0, 255);
          p[2] = CLAMP (base + noise - 6, 0, 255);
        }
    }
  bytes = g_bytes_new_take (data, stride * HEIGHT);
  return gdk_memory_texture_new (WIDTH, HEIGHT, GDK_MEMORY_R8G8B8, bytes, stride);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 5;
  gint64 start;
  double seconds;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GdkTexture) texture = scan_like_page (rand);

      g_ptr_array_add (pages, zc_acquired_page_new_image (texture, DPI, NULL));
    }
  start = g_get_monotonic_time ();
  pdf = zc_material_pdf_build (pages, NULL, &error);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  if (pdf == NULL)
    {
      g_printerr ("bench-material-pdf: %s\n", error->message);
      return 1;
    }
  g_print ("material PDF: %u scanned A4 pages at %d dpi in colour (%d x %d)\n", n, DPI, WIDTH, HEIGHT);
  g_print ("  %.2f s in all, %.2f s per page\n", seconds, seconds / n);
  g_print ("  %" G_GSIZE_FORMAT " bytes in all, %.0f KiB per page (raw RGB: %d KiB per page)\n",
           g_bytes_get_size (pdf), g_bytes_get_size (pdf) / 1024.0 / n, WIDTH * HEIGHT * 3 / 1024);
  return 0;
}

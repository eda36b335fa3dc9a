/* zc-material-pdf.c — the pages of a material as one PDF
 *
 * cairo's PDF surface, one page per acquired page at its size in points:
 * a scan of A4 at 300 dpi (2480 × 3508) is a 595 × 842 pt page. Scans
 * and photos are put in as JPEG (quality 90, through gdk-pixbuf), an
 * imported JPEG as its own bytes (cairo's MIME data), a PNG losslessly.
 * Pages of imported PDFs are drawn by poppler onto the PDF surface, which
 * keeps their text and vectors; every document is opened by this thread
 * only (poppler objects are not shared between threads).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <poppler.h>
#include <string.h>

#include "zc-acquire-error.h"
#include "zc-acquired-page.h"
#include "zc-material-pdf.h"

#define JPEG_QUALITY "90"

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* one PDF imported whole, in order, unchanged */
static GBytes *
single_whole_document (GPtrArray *pages)
{
  ZcAcquiredPage *first = g_ptr_array_index (pages, 0);
  GBytes *document = zc_acquired_page_get_document (first);

  if (document == NULL || (int) pages->len != zc_acquired_page_get_n_pages (first))
    return NULL;
  for (guint i = 0; i < pages->len; i++)
    {
      ZcAcquiredPage *page = g_ptr_array_index (pages, i);

      if (zc_acquired_page_get_document (page) != document || zc_acquired_page_get_index (page) != (int) i)
        return NULL;
    }
  return g_bytes_ref (document);
}

static gboolean
is_jpeg (GBytes *bytes)
{
  gsize size = 0;
  const guint8 *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

  return size >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff;
}

static void
unref_bytes (void *data)
{
  g_bytes_unref (data);
}

/* The texture as a cairo image; with the JPEG the PDF is to hold */
static cairo_surface_t *
image_surface (ZcAcquiredPage *page,
               GError        **error)
{
  GdkTexture *texture = zc_acquired_page_get_texture (page);
  GBytes *encoded = zc_acquired_page_get_encoded (page);
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  g_autoptr(GBytes) jpeg = NULL;

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_set_error (error, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_TOO_LARGE,
                   _("A page is too large to be put into the PDF."));
      return NULL;
    }
  {
    /* GdkTexture hands out premultiplied ARGB: an imported PNG's clear
     * pixels are 0, black once the alpha byte is ignored. Laid on white
     * paper, as poppler renders a page. */
    cairo_surface_t *raw = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
    cairo_t *cr;

    if (cairo_surface_status (raw) != CAIRO_STATUS_SUCCESS)
      {
        cairo_surface_destroy (raw);
        cairo_surface_destroy (surface);
        g_set_error (error, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_TOO_LARGE,
                     _("A page is too large to be put into the PDF."));
        return NULL;
      }
    gdk_texture_download (texture, cairo_image_surface_get_data (raw),
                          cairo_image_surface_get_stride (raw));
    cairo_surface_mark_dirty (raw);
    cr = cairo_create (surface);
    cairo_set_source_rgb (cr, 1, 1, 1);
    cairo_paint (cr);
    cairo_set_source_surface (cr, raw, 0, 0);
    cairo_paint (cr);
    cairo_destroy (cr);
    cairo_surface_destroy (raw);
    cairo_surface_flush (surface);
  }

  if (is_jpeg (encoded))
    jpeg = g_bytes_ref (encoded);
  else if (encoded == NULL)
    {
      /* BGRx (cairo) to RGB (gdk-pixbuf), then JPEG */
      const guint8 *src = cairo_image_surface_get_data (surface);
      int src_stride = cairo_image_surface_get_stride (surface);
      g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
      guint8 *dst = gdk_pixbuf_get_pixels (pixbuf);
      int dst_stride = gdk_pixbuf_get_rowstride (pixbuf);
      gchar *buffer = NULL;
      gsize size = 0;

      for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
          {
            guint32 px;

            memcpy (&px, src + (gsize) y * src_stride + x * 4, sizeof px);
            guint8 *out = dst + (gsize) y * dst_stride + x * 3;

            out[0] = (px >> 16) & 0xff;
            out[1] = (px >> 8) & 0xff;
            out[2] = px & 0xff;
          }
      if (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", NULL, "quality", JPEG_QUALITY, NULL))
        jpeg = g_bytes_new_take (buffer, size);
    }
  if (jpeg != NULL)
    {
      gsize size = 0;
      const guint8 *data = g_bytes_get_data (jpeg, &size);

      cairo_surface_set_mime_data (surface, CAIRO_MIME_TYPE_JPEG, data, size,
                                   unref_bytes, g_bytes_ref (jpeg));
    }
  return surface;
}

/* Larger than the platform keeps: refused while the pages are still
 * there to change (fewer pages, a lower resolution, grey), not after the
 * capture closed */
static GBytes *
within_limit (GBytes  *pdf,
              GError **error)
{
  gsize size = g_bytes_get_size (pdf);

  if (size <= ZC_ACQUIRE_MAX_PDF_BYTES)
    return pdf;
  g_bytes_unref (pdf);
  g_set_error (error, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_TOO_LARGE,
               _("The PDF of these pages would be %.1f MB; the platform keeps at most %d MB a material: "
                 "remove pages, or scan again at a lower resolution or in grey."),
               size / (1024.0 * 1024.0), ZC_ACQUIRE_MAX_PDF_BYTES / (1024 * 1024));
  return NULL;
}

GBytes *
zc_material_pdf_build (GPtrArray     *pages,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GByteArray) out = NULL;
  g_autoptr(GHashTable) documents = NULL;
  cairo_surface_t *pdf;
  cairo_status_t status;
  GBytes *whole;

  g_return_val_if_fail (pages != NULL, NULL);

  if (pages->len == 0)
    {
      g_set_error (error, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_EMPTY, _("No page was taken of this material."));
      return NULL;
    }
  whole = single_whole_document (pages);
  if (whole != NULL)
    return within_limit (whole, error);

  out = g_byte_array_new ();
  documents = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_object_unref);
  pdf = cairo_pdf_surface_create_for_stream (write_cb, out, 595, 842);
  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_CREATOR, "Zongchuang");

  for (guint i = 0; i < pages->len; i++)
    {
      ZcAcquiredPage *page = g_ptr_array_index (pages, i);
      cairo_t *cr;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          cairo_surface_destroy (pdf);
          return NULL;
        }
      cairo_pdf_surface_set_size (pdf, zc_acquired_page_get_width (page), zc_acquired_page_get_height (page));
      cr = cairo_create (pdf);
      if (zc_acquired_page_is_pdf (page))
        {
          GBytes *bytes = zc_acquired_page_get_document (page);
          PopplerDocument *document = g_hash_table_lookup (documents, bytes);
          PopplerPage *source;

          if (document == NULL)
            {
              document = poppler_document_new_from_bytes (bytes, NULL, NULL);
              if (document != NULL)
                g_hash_table_insert (documents, bytes, document);
            }
          source = document != NULL ? poppler_document_get_page (document, zc_acquired_page_get_index (page)) : NULL;
          if (source == NULL)
            {
              cairo_destroy (cr);
              cairo_surface_destroy (pdf);
              g_set_error (error, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_DAMAGED,
                           _("Page %u comes from a damaged PDF and cannot be put into the material."), i + 1);
              return NULL;
            }
          poppler_page_render_for_printing (source, cr);
          g_object_unref (source);
        }
      else
        {
          cairo_surface_t *image = image_surface (page, error);
          double scale = 72.0 / zc_acquired_page_get_dpi (page);

          if (image == NULL)
            {
              cairo_destroy (cr);
              cairo_surface_destroy (pdf);
              return NULL;
            }
          cairo_scale (cr, scale, scale);
          cairo_set_source_surface (cr, image, 0, 0);
          cairo_paint (cr);
          cairo_surface_destroy (image);
        }
      cairo_show_page (cr);
      cairo_destroy (cr);
    }

  cairo_surface_finish (pdf);
  status = cairo_surface_status (pdf);
  cairo_surface_destroy (pdf);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_DEVICE,
                   _("The PDF of the material could not be made (%s)."), cairo_status_to_string (status));
      return NULL;
    }
  return within_limit (g_byte_array_free_to_bytes (g_steal_pointer (&out)), error);
}

static void
build_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = zc_material_pdf_build (task_data, cancellable, &error);

  if (bytes == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

void
zc_material_pdf_build_async (GPtrArray           *pages,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GPtrArray *copy;

  g_return_if_fail (pages != NULL);

  /* the worker's own list: the caller may change its own meanwhile */
  copy = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < pages->len; i++)
    g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (pages, i)));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, zc_material_pdf_build_async);
  g_task_set_task_data (task, copy, (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, build_thread);
}

GBytes *
zc_material_pdf_build_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

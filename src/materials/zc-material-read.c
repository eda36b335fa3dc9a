/* zc-material-read.c — the text of a material's pages: poppler's text
 * layer, or Tesseract on pages that are only an image
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo.h>
#include <glib/gi18n-lib.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <poppler.h>

#include "zc-material-read.h"
#include "zc-ocr.h"

/* a rendered page larger than this (pixels on a side) is read at a lower
 * resolution: a poster-sized page would not fit in memory */
#define MAX_SIDE 7000

typedef struct
{
  GFile          *file;
  ZcReadProgress  progress;
  gpointer        progress_data;
  GMainContext   *context;   /* the caller's, for progress */
} ReadData;

typedef struct
{
  ZcReadProgress progress;
  gpointer       progress_data;
  double         fraction;
  guint          page;
} ProgressCall;

/* progress inside one page */
typedef struct
{
  ZcReadProgress progress;
  gpointer       progress_data;
  guint          index;
  guint          n_pages;
  guint          page;
} PageProgress;

G_DEFINE_QUARK (zc-material-error-quark, zc_material_error)

static void
on_page_progress (double   fraction,
                  gpointer user_data)
{
  PageProgress *p = user_data;

  if (p->progress != NULL)
    p->progress ((p->index + fraction) / p->n_pages, p->page, p->progress_data);
}

/* The text layer with a box per character; NULL when it holds nothing
 * visible */
static ZcPageText *
read_text_layer (PopplerPage *page,
                 guint        number)
{
  g_autofree char *text = poppler_page_get_text (page);
  PopplerRectangle *rects = NULL;
  guint n_rects = 0;
  double width, height;
  ZcPageText *out;
  glong n_chars;
  const char *p;

  if (text == NULL)
    return NULL;
  poppler_page_get_size (page, &width, &height);
  out = zc_page_text_new (number, FALSE, width, height);
  n_chars = g_utf8_strlen (text, -1);
  if (!poppler_page_get_text_layout (page, &rects, &n_rects) || (glong) n_rects != n_chars)
    {
      /* boxes that do not line up with the text: text without them */
      zc_page_text_append (out, text, NULL, 1.0f);
      g_free (rects);
    }
  else
    {
      p = text;
      for (guint i = 0; i < n_rects; i++, p = g_utf8_next_char (p))
        {
          char c[8] = { 0 };
          ZcBox box = { rects[i].x1, rects[i].y1, rects[i].x2 - rects[i].x1, rects[i].y2 - rects[i].y1 };

          g_unichar_to_utf8 (g_utf8_get_char (p), c);
          zc_page_text_append (out, c, &box, 1.0f);
        }
      g_free (rects);
    }
  if (zc_page_text_count_visible (out) == 0)
    {
      zc_page_text_free (out);
      return NULL;
    }
  return out;
}

static ZcPageText *
ocr_page (PopplerPage   *page,
          guint          number,
          PageProgress  *progress,
          GCancellable  *cancellable,
          GError       **error)
{
  double width, height, dpi = ZC_MATERIAL_OCR_DPI;
  cairo_surface_t *image;
  cairo_t *cr;
  ZcPageText *text;
  int w, h;

  poppler_page_get_size (page, &width, &height);
  if (width <= 0 || height <= 0)
    return zc_page_text_new (number, TRUE, 0, 0);
  if (MAX (width, height) * dpi / 72.0 > MAX_SIDE)
    dpi = MAX_SIDE * 72.0 / MAX (width, height);
  w = (int) ceil (width * dpi / 72.0);
  h = (int) ceil (height * dpi / 72.0);
  image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (image);
      g_set_error (error, ZC_MATERIAL_ERROR, ZC_MATERIAL_ERROR_TOO_LARGE,
                   _("Page %u is too large to read"), number);
      return NULL;
    }
  cr = cairo_create (image);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, dpi / 72.0, dpi / 72.0);
  poppler_page_render (page, cr);
  cairo_destroy (cr);

  text = zc_ocr_read_image (image, dpi, number, on_page_progress, progress, cancellable, error);
  cairo_surface_destroy (image);
  if (text != NULL)
    {
      text->width = width;
      text->height = height;
    }
  return text;
}

/* A pixbuf as an RGB24 surface over white */
static cairo_surface_t *
pixbuf_to_surface (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  int rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  const guchar *pixels = gdk_pixbuf_read_pixels (pixbuf);
  gboolean alpha = gdk_pixbuf_get_has_alpha (pixbuf);
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  int stride = cairo_image_surface_get_stride (image);
  guchar *data;

  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  for (int y = 0; y < height && data != NULL; y++)
    {
      const guchar *in = pixels + (gsize) y * rowstride;
      guint32 *out = (guint32 *) (data + (gsize) y * stride);

      for (int x = 0; x < width; x++, in += channels)
        {
          guint a = alpha ? in[3] : 255;
          guint r = (in[0] * a + 255 * (255 - a)) / 255;
          guint g = (in[channels > 2 ? 1 : 0] * a + 255 * (255 - a)) / 255;
          guint b = (in[channels > 2 ? 2 : 0] * a + 255 * (255 - a)) / 255;

          out[x] = 0xff000000u | r << 16 | g << 8 | b;
        }
    }
  cairo_surface_mark_dirty (image);
  return image;
}

/* One image as a page: OCR'd at @dpi */
static GPtrArray *
read_image (cairo_surface_t *image,
            double           dpi,
            ZcReadProgress   progress,
            gpointer         progress_data,
            GCancellable    *cancellable,
            GError         **error)
{
  PageProgress pp = { progress, progress_data, 0, 1, 1 };
  GPtrArray *pages;
  ZcPageText *text;

  text = zc_ocr_read_image (image, dpi, 1, on_page_progress, &pp, cancellable, error);
  if (text == NULL)
    return NULL;
  pages = g_ptr_array_new_with_free_func ((GDestroyNotify) zc_page_text_free);
  g_ptr_array_add (pages, text);
  return pages;
}

/* @image (with alpha, or grey) painted onto white: an RGB24 surface */
static cairo_surface_t *
over_white (cairo_surface_t *image)
{
  cairo_surface_t *paper = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                                       cairo_image_surface_get_width (image),
                                                       cairo_image_surface_get_height (image));
  cairo_t *cr;

  if (cairo_surface_status (paper) != CAIRO_STATUS_SUCCESS)
    return paper;
  cr = cairo_create (paper);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (paper);
  return paper;
}

static GPtrArray *
read_png (GFile         *file,
          ZcReadProgress progress,
          gpointer       progress_data,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autofree char *path = g_file_get_path (file);
  cairo_surface_t *image = path != NULL ? cairo_image_surface_create_from_png (path) : NULL;
  GPtrArray *pages;

  if (image == NULL || cairo_surface_status (image) != CAIRO_STATUS_SUCCESS ||
      cairo_image_surface_get_width (image) > 3 * MAX_SIDE ||
      cairo_image_surface_get_height (image) > 3 * MAX_SIDE)
    {
      g_set_error (error, ZC_MATERIAL_ERROR, ZC_MATERIAL_ERROR_DAMAGED,
                   _("The image cannot be read: it is damaged or too large"));
      g_clear_pointer (&image, cairo_surface_destroy);
      return NULL;
    }
  /* an image with transparency (a PNG cut out of its background) comes
   * premultiplied: its clear pixels are 0 — black to OCR, which reads the
   * colour bytes only. Laid on white paper like a PDF's page (ocr_page). */
  if (cairo_image_surface_get_format (image) != CAIRO_FORMAT_RGB24)
    {
      cairo_surface_t *paper = over_white (image);

      cairo_surface_destroy (image);
      image = paper;
      if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
        {
          cairo_surface_destroy (image);
          g_set_error (error, ZC_MATERIAL_ERROR, ZC_MATERIAL_ERROR_TOO_LARGE,
                       _("The image cannot be read: it is damaged or too large"));
          return NULL;
        }
    }
  /* a scan without its resolution: taken as 300 dpi */
  pages = read_image (image, ZC_MATERIAL_OCR_DPI, progress, progress_data, cancellable, error);
  cairo_surface_destroy (image);
  return pages;
}

/* A photo or scan as JPEG: turned as its EXIF orientation says (a
 * phone's photo), at the resolution its JFIF header says, else 300 dpi */
static GPtrArray *
read_jpeg (GFile         *file,
           ZcReadProgress progress,
           gpointer       progress_data,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GdkPixbuf) loaded = NULL;
  g_autoptr(GdkPixbuf) upright = NULL;
  g_autoptr(GError) local = NULL;
  cairo_surface_t *image;
  const char *x_dpi;
  double dpi = ZC_MATERIAL_OCR_DPI, scale = 1.0;
  GPtrArray *pages;
  int width = 0, height = 0;

  /* the size from the header: a huge image is refused before it is
   * decoded, a large photo decoded smaller (a 48-megapixel phone) */
  if (path == NULL || gdk_pixbuf_get_file_info (path, &width, &height) == NULL ||
      width <= 0 || height <= 0 || width > 3 * MAX_SIDE || height > 3 * MAX_SIDE)
    {
      g_set_error (error, ZC_MATERIAL_ERROR, ZC_MATERIAL_ERROR_DAMAGED,
                   _("The image cannot be read: it is damaged or too large"));
      return NULL;
    }
  if (MAX (width, height) > MAX_SIDE)
    {
      scale = (double) MAX_SIDE / MAX (width, height);
      loaded = gdk_pixbuf_new_from_file_at_scale (path, MAX (1, (int) (width * scale)),
                                                  MAX (1, (int) (height * scale)), TRUE, &local);
    }
  else
    loaded = gdk_pixbuf_new_from_file (path, &local);
  if (loaded == NULL)
    {
      g_set_error (error, ZC_MATERIAL_ERROR, ZC_MATERIAL_ERROR_DAMAGED,
                   _("The image cannot be read: it is damaged or too large"));
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  x_dpi = gdk_pixbuf_get_option (loaded, "x-dpi");
  if (x_dpi != NULL && g_ascii_strtod (x_dpi, NULL) >= 72 && g_ascii_strtod (x_dpi, NULL) <= 1200)
    dpi = g_ascii_strtod (x_dpi, NULL);
  dpi *= scale;
  upright = gdk_pixbuf_apply_embedded_orientation (loaded);
  image = pixbuf_to_surface (upright != NULL ? upright : loaded);
  if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (image);
      g_set_error (error, ZC_MATERIAL_ERROR, ZC_MATERIAL_ERROR_TOO_LARGE,
                   _("The image cannot be read: it is damaged or too large"));
      return NULL;
    }
  pages = read_image (image, dpi, progress, progress_data, cancellable, error);
  cairo_surface_destroy (image);
  return pages;
}

GPtrArray *
zc_material_read (GFile          *file,
                  ZcReadProgress  progress,
                  gpointer        progress_data,
                  GCancellable   *cancellable,
                  GError        **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  PopplerDocument *doc;
  guchar head[8] = { 0 };
  gsize got = 0;
  int n_pages;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_size (info) > ZC_MATERIAL_MAX_BYTES)
    {
      g_set_error (error, ZC_MATERIAL_ERROR, ZC_MATERIAL_ERROR_TOO_LARGE,
                   _("The file is larger than %d MB"), ZC_MATERIAL_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  stream = g_file_read (file, cancellable, error);
  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head, &got, cancellable, error))
    return NULL;
  g_input_stream_close (G_INPUT_STREAM (stream), NULL, NULL);

  /* the kind from the bytes, never from the name */
  if (got == 8 && memcmp (head, "\x89PNG\r\n\x1a\n", 8) == 0)
    return read_png (file, progress, progress_data, cancellable, error);
  if (got >= 3 && memcmp (head, "\xff\xd8\xff", 3) == 0)
    return read_jpeg (file, progress, progress_data, cancellable, error);
  if (got < 5 || memcmp (head, "%PDF-", 5) != 0)
    {
      g_set_error (error, ZC_MATERIAL_ERROR, ZC_MATERIAL_ERROR_UNSUPPORTED,
                   _("The file is not a PDF, JPEG or PNG image"));
      return NULL;
    }

  doc = poppler_document_new_from_gfile (file, NULL, cancellable, &local);
  if (doc == NULL)
    {
      if (g_error_matches (local, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_set_error (error, ZC_MATERIAL_ERROR, ZC_MATERIAL_ERROR_ENCRYPTED,
                     _("The PDF is protected by a password"));
      else if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, ZC_MATERIAL_ERROR, ZC_MATERIAL_ERROR_DAMAGED,
                     _("The PDF is damaged or incomplete"));
      return NULL;
    }
  n_pages = poppler_document_get_n_pages (doc);
  /* counted before any page is read: 100 pages of OCR would take the
   * clerk's afternoon */
  if (n_pages <= 0)
    {
      g_set_error (error, ZC_MATERIAL_ERROR, ZC_MATERIAL_ERROR_DAMAGED, _("The PDF has no pages"));
      g_object_unref (doc);
      return NULL;
    }
  if (n_pages > ZC_MATERIAL_MAX_PAGES)
    {
      g_set_error (error, ZC_MATERIAL_ERROR, ZC_MATERIAL_ERROR_TOO_LARGE,
                   _("The PDF has %d pages: a material may have at most %d. "
                     "Scan or import only the pages of this material."),
                   n_pages, ZC_MATERIAL_MAX_PAGES);
      g_object_unref (doc);
      return NULL;
    }

  pages = g_ptr_array_new_with_free_func ((GDestroyNotify) zc_page_text_free);
  for (int i = 0; i < n_pages; i++)
    {
      PopplerPage *page = poppler_document_get_page (doc, i);
      PageProgress pp = { progress, progress_data, (guint) i, (guint) n_pages, (guint) i + 1 };
      ZcPageText *text;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_clear_object (&page);
          g_object_unref (doc);
          return NULL;
        }
      if (page == NULL)
        {
          g_set_error (error, ZC_MATERIAL_ERROR, ZC_MATERIAL_ERROR_DAMAGED,
                       _("Page %d of the PDF cannot be read"), i + 1);
          g_object_unref (doc);
          return NULL;
        }
      on_page_progress (0, &pp);
      text = read_text_layer (page, (guint) i + 1);
      if (text == NULL)
        text = ocr_page (page, (guint) i + 1, &pp, cancellable, error);
      g_object_unref (page);
      if (text == NULL)
        {
          g_object_unref (doc);
          return NULL;
        }
      g_ptr_array_add (pages, text);
      on_page_progress (1, &pp);
    }
  g_object_unref (doc);
  return g_steal_pointer (&pages);
}

/* --- on a worker --- */

static void
read_data_free (ReadData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_free (data);
}

static gboolean
call_progress (gpointer user_data)
{
  ProgressCall *call = user_data;

  call->progress (call->fraction, call->page, call->progress_data);
  return G_SOURCE_REMOVE;
}

/* on the worker: hand the progress to the caller's context */
static void
forward_progress (double   fraction,
                  guint    page,
                  gpointer user_data)
{
  ReadData *data = user_data;
  ProgressCall *call = g_new0 (ProgressCall, 1);

  *call = (ProgressCall) { data->progress, data->progress_data, fraction, page };
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, call_progress, call, g_free);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadData *data = task_data;
  GError *error = NULL;
  GPtrArray *pages = zc_material_read (data->file, data->progress != NULL ? forward_progress : NULL,
                                       data, cancellable, &error);

  if (pages == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pages, (GDestroyNotify) g_ptr_array_unref);
}

void
zc_material_read_async (GFile               *file,
                        ZcReadProgress       progress,
                        gpointer             progress_data,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ReadData *data = g_new0 (ReadData, 1);

  g_return_if_fail (G_IS_FILE (file));

  data->file = g_object_ref (file);
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();
  g_task_set_source_tag (task, zc_material_read_async);
  g_task_set_task_data (task, data, (GDestroyNotify) read_data_free);
  g_task_run_in_thread (task, read_thread);
}

GPtrArray *
zc_material_read_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == zc_material_read_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

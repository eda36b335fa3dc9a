/* zc-material-import.c — a PDF, JPEG or PNG file taken in as pages
 *
 * What a file is comes from its first bytes, never from its name. An
 * image's size is read from its header before it is decoded, so a small
 * file claiming 100,000 × 100,000 pixels is refused without allocating
 * them. A PDF is opened with poppler on the worker (its own document: no
 * other thread sees it) to count and measure its pages and draw their
 * thumbnails; the bytes of the file are kept whole, so a PDF imported as
 * it is stays the very same file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <poppler.h>

#include "zc-acquire-error.h"
#include "zc-acquired-page.h"
#include "zc-material-import.h"

#define THUMBNAIL_WIDTH 240

typedef enum {
  KIND_UNKNOWN,
  KIND_PDF,
  KIND_PNG,
  KIND_JPEG,
} FileKind;

static FileKind
sniff (const guint8 *data,
       gsize         size)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  if (size >= 5 && memcmp (data, "%PDF-", 5) == 0)
    return KIND_PDF;
  if (size >= sizeof png && memcmp (data, png, sizeof png) == 0)
    return KIND_PNG;
  if (size >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return KIND_JPEG;
  return KIND_UNKNOWN;
}

/* The pixel size from the header: PNG's IHDR, JPEG's first SOFn */
static gboolean
image_size (FileKind      kind,
            const guint8 *data,
            gsize         size,
            guint        *width,
            guint        *height)
{
  if (kind == KIND_PNG)
    {
      if (size < 24 || memcmp (data + 12, "IHDR", 4) != 0)
        return FALSE;
      *width = ((guint) data[16] << 24) | (data[17] << 16) | (data[18] << 8) | data[19];
      *height = ((guint) data[20] << 24) | (data[21] << 16) | (data[22] << 8) | data[23];
      return TRUE;
    }

  for (gsize i = 2; i + 9 < size;)
    {
      guint8 marker;
      gsize length;

      if (data[i] != 0xff)
        return FALSE;
      marker = data[i + 1];
      if (marker == 0xff)
        {
          i++;
          continue;
        }
      length = (data[i + 2] << 8) | data[i + 3];
      if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc)
        {
          *height = (data[i + 5] << 8) | data[i + 6];
          *width = (data[i + 7] << 8) | data[i + 8];
          return TRUE;
        }
      if (length < 2)
        return FALSE;
      i += 2 + length;
    }
  return FALSE;
}

static GdkTexture *
render_thumbnail (PopplerPage *page,
                  double       width,
                  double       height)
{
  double scale = THUMBNAIL_WIDTH / MAX (width, 1.0);
  int w = MAX (1, (int) (width * scale));
  int h = MAX (1, (int) (height * scale));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GBytes) bytes = NULL;
  GdkTexture *texture;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * h);
  texture = gdk_memory_texture_new (w, h, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  return texture;
}

static GPtrArray *
import_pdf (GBytes      *bytes,
            const char  *name,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func (g_object_unref);
  PopplerDocument *document = poppler_document_new_from_bytes (bytes, NULL, &local_error);
  int n_pages;

  if (document == NULL)
    {
      if (g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_set_error (error, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_ENCRYPTED,
                     _("“%s” is protected by a password: ask for an unprotected copy."), name);
      else
        g_set_error (error, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_DAMAGED,
                     _("“%s” is a damaged PDF and cannot be read."), name);
      return NULL;
    }
  n_pages = poppler_document_get_n_pages (document);
  if (n_pages <= 0)
    {
      g_object_unref (document);
      g_set_error (error, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_EMPTY, _("“%s” has no pages."), name);
      return NULL;
    }
  if (n_pages > ZC_ACQUIRE_MAX_PAGES)
    {
      g_object_unref (document);
      g_set_error (error, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_TOO_LARGE,
                   _("“%s” has %d pages; a material may have at most %d."), name, n_pages, ZC_ACQUIRE_MAX_PAGES);
      return NULL;
    }
  for (int i = 0; i < n_pages; i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      g_autoptr(GdkTexture) thumbnail = NULL;
      double width = 0, height = 0;

      if (page == NULL)
        {
          g_object_unref (document);
          g_set_error (error, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_DAMAGED,
                       _("“%s” is a damaged PDF and cannot be read."), name);
          return NULL;
        }
      poppler_page_get_size (page, &width, &height);
      if (width < 1 || height < 1 || width > 14400 || height > 14400)
        {
          g_object_unref (page);
          g_object_unref (document);
          g_set_error (error, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_DAMAGED,
                       _("“%s” is a damaged PDF and cannot be read."), name);
          return NULL;
        }
      thumbnail = render_thumbnail (page, width, height);
      g_ptr_array_add (pages, zc_acquired_page_new_pdf_page (bytes, i, n_pages, width, height, thumbnail));
      g_object_unref (page);
    }
  g_object_unref (document);
  return g_steal_pointer (&pages);
}

GPtrArray *
zc_material_import_bytes (GBytes      *bytes,
                          const char  *display_name,
                          GError     **error)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  FileKind kind = sniff (data, size);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  guint width = 0, height = 0;

  if (size > ZC_ACQUIRE_MAX_FILE_BYTES)
    {
      g_set_error (error, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_TOO_LARGE,
                   _("“%s” is larger than %d MB: scan it again at a lower resolution."),
                   display_name, ZC_ACQUIRE_MAX_FILE_BYTES / (1024 * 1024));
      return NULL;
    }
  if (size == 0)
    {
      g_set_error (error, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_EMPTY, _("“%s” is empty."), display_name);
      return NULL;
    }
  switch (kind)
    {
    case KIND_PDF:
      return import_pdf (bytes, display_name, error);
    case KIND_PNG:
    case KIND_JPEG:
      break;
    case KIND_UNKNOWN:
    default:
      g_set_error (error, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_UNSUPPORTED,
                   _("“%s” is not a PDF, JPEG or PNG file."), display_name);
      return NULL;
    }

  if (!image_size (kind, data, size, &width, &height) || width == 0 || height == 0)
    {
      g_set_error (error, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_DAMAGED,
                   _("“%s” is a damaged image and cannot be read."), display_name);
      return NULL;
    }
  if ((guint64) width * height > ZC_ACQUIRE_MAX_PIXELS)
    {
      g_set_error (error, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_TOO_LARGE,
                   _("“%s” is %u × %u pixels, more than a page needs: make it smaller."),
                   display_name, width, height);
      return NULL;
    }
  texture = gdk_texture_new_from_bytes (bytes, &local_error);
  if (texture == NULL)
    {
      g_set_error (error, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_DAMAGED,
                   _("“%s” is a damaged image and cannot be read."), display_name);
      return NULL;
    }
  pages = g_ptr_array_new_with_free_func (g_object_unref);
  /* the file itself: a JPEG goes into the PDF as it is, a PNG lossless */
  g_ptr_array_add (pages, zc_acquired_page_new_image (texture,
                                                      zc_acquired_page_a4_dpi (gdk_texture_get_width (texture),
                                                                               gdk_texture_get_height (texture)),
                                                      bytes));
  return g_steal_pointer (&pages);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fallback = NULL;
  const char *name;
  GPtrArray *pages;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME "," G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &error);
  if (info == NULL)
    {
      fallback = g_file_get_basename (file);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autoptr(GError) open_error = NULL;

          g_set_error (&open_error, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_UNREADABLE, _("“%s” cannot be opened: %s"),
                       fallback, error->message);
          g_task_return_error (task, g_steal_pointer (&open_error));
          return;
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  name = g_file_info_get_display_name (info);
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_task_return_new_error (task, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_UNSUPPORTED,
                               _("“%s” is not a PDF, JPEG or PNG file."), name);
      return;
    }
  if (g_file_info_get_size (info) > ZC_ACQUIRE_MAX_FILE_BYTES)
    {
      g_task_return_new_error (task, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_TOO_LARGE,
                               _("“%s” is larger than %d MB: scan it again at a lower resolution."),
                               name, ZC_ACQUIRE_MAX_FILE_BYTES / (1024 * 1024));
      return;
    }
  bytes = g_file_load_bytes (file, cancellable, NULL, &error);
  if (bytes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_new_error (task, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_UNREADABLE, _("“%s” cannot be opened: %s"),
                                 name, error->message);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  pages = zc_material_import_bytes (bytes, name, &error);
  if (pages == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, pages, (GDestroyNotify) g_ptr_array_unref);
}

void
zc_material_import_async (GFile               *file,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, zc_material_import_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, import_thread);
}

GPtrArray *
zc_material_import_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* zc-pdf-render-job.c — renders one page into a texture on the worker
 *
 * As evince's ev-poppler render: the poppler page is fetched and
 * painted under the document lock; the surface becomes the texture's
 * memory without a copy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "zc-pdf-render-job.h"

struct _ZcPdfRenderJob
{
  ZcPdfJob parent_instance;

  int page;
  double scale;
  int rotation;
  GdkTexture *texture;
};

G_DEFINE_FINAL_TYPE (ZcPdfRenderJob, zc_pdf_render_job, ZC_TYPE_PDF_JOB)

static int
normalize_rotation (int rotation)
{
  rotation = ((rotation % 360) + 360) % 360;
  return rotation - rotation % 90;
}

void
zc_pdf_rotate_rect (int              rotation,
                    double           page_w,
                    double           page_h,
                    double           scale,
                    double           x,
                    double           y,
                    double           w,
                    double           h,
                    graphene_rect_t *out)
{
  double rx, ry, rw, rh;

  switch (normalize_rotation (rotation))
    {
    case 90:    /* (x, y) → (H − y, x) */
      rx = page_h - (y + h); ry = x; rw = h; rh = w;
      break;
    case 180:   /* (x, y) → (W − x, H − y) */
      rx = page_w - (x + w); ry = page_h - (y + h); rw = w; rh = h;
      break;
    case 270:   /* (x, y) → (y, W − x) */
      rx = y; ry = page_w - (x + w); rw = h; rh = w;
      break;
    default:
      rx = x; ry = y; rw = w; rh = h;
      break;
    }
  graphene_rect_init (out, (float) (rx * scale), (float) (ry * scale),
                      (float) (rw * scale), (float) (rh * scale));
}

static void
zc_pdf_render_job_run (ZcPdfJob *job)
{
  ZcPdfRenderJob *self = ZC_PDF_RENDER_JOB (job);
  ZcPdfDocument *document = zc_pdf_job_get_document (job);
  PopplerDocument *poppler;
  PopplerPage *page = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  double pw = 0, ph = 0, rw, rh, scale;
  int w, h, stride;
  GBytes *pixels;

  zc_pdf_document_lock (document);
  poppler = zc_pdf_document_get_poppler (document);
  if (poppler != NULL)
    page = poppler_document_get_page (poppler, self->page);
  if (page != NULL)
    poppler_page_get_size (page, &pw, &ph);
  if (page != NULL && (pw <= 0 || ph <= 0))
    g_clear_object (&page);
  zc_pdf_document_unlock (document);

  if (page == NULL)
    {
      zc_pdf_job_fail (job, g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                         _("Page %d cannot be shown."), self->page + 1));
      return;
    }

  rw = self->rotation % 180 ? ph : pw;
  rh = self->rotation % 180 ? pw : ph;
  scale = MIN (self->scale, ZC_PDF_RENDER_MAX_SIDE / MAX (rw, rh));
  w = MAX (1, (int) (rw * scale + 0.5));
  h = MAX (1, (int) (rh * scale + 0.5));

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  switch (self->rotation)
    {
    case 90:
      cairo_translate (cr, w, 0);
      break;
    case 180:
      cairo_translate (cr, w, h);
      break;
    case 270:
      cairo_translate (cr, 0, h);
      break;
    default:
      break;
    }
  cairo_rotate (cr, self->rotation * G_PI / 180.0);
  cairo_scale (cr, scale, scale);

  zc_pdf_document_lock (document);
  if (!zc_pdf_job_is_cancelled (job))
    poppler_page_render (page, cr);
  g_clear_object (&page);
  zc_pdf_document_unlock (document);

  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (status != CAIRO_STATUS_SUCCESS || cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      zc_pdf_job_fail (job, g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                                         _("Page %d cannot be shown."), self->page + 1));
      return;
    }
  if (zc_pdf_job_is_cancelled (job))
    {
      cairo_surface_destroy (surface);
      return;
    }

  stride = cairo_image_surface_get_stride (surface);
  pixels = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                       (gsize) stride * h,
                                       (GDestroyNotify) cairo_surface_destroy, surface);
  self->texture = gdk_memory_texture_new (w, h, GDK_MEMORY_DEFAULT, pixels, stride);
  g_bytes_unref (pixels);
}

static void
zc_pdf_render_job_finalize (GObject *object)
{
  ZcPdfRenderJob *self = ZC_PDF_RENDER_JOB (object);

  g_clear_object (&self->texture);
  G_OBJECT_CLASS (zc_pdf_render_job_parent_class)->finalize (object);
}

static void
zc_pdf_render_job_class_init (ZcPdfRenderJobClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zc_pdf_render_job_finalize;
  ZC_PDF_JOB_CLASS (klass)->run = zc_pdf_render_job_run;
}

static void
zc_pdf_render_job_init (ZcPdfRenderJob *self)
{
}

ZcPdfJob *
zc_pdf_render_job_new (ZcPdfDocument *document,
                       int            page,
                       double         scale,
                       int            rotation)
{
  ZcPdfRenderJob *self;

  g_return_val_if_fail (ZC_IS_PDF_DOCUMENT (document), NULL);

  self = g_object_new (ZC_TYPE_PDF_RENDER_JOB, "document", document, NULL);
  self->page = page;
  self->scale = isfinite (scale) && scale > 0 ? scale : 1.0;
  self->rotation = normalize_rotation (rotation);
  return ZC_PDF_JOB (self);
}

int
zc_pdf_render_job_get_page (ZcPdfRenderJob *self)
{
  return self->page;
}

double
zc_pdf_render_job_get_scale (ZcPdfRenderJob *self)
{
  return self->scale;
}

int
zc_pdf_render_job_get_rotation (ZcPdfRenderJob *self)
{
  return self->rotation;
}

GdkTexture *
zc_pdf_render_job_get_texture (ZcPdfRenderJob *self)
{
  return self->texture;
}

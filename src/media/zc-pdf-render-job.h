/* zc-pdf-render-job.h — renders one page into a texture on the worker
 *
 * The page is painted by poppler onto an ARGB32 surface filled with
 * white first, turned by @rotation (clockwise, a multiple of 90), at
 * @scale device pixels per point (capped so that no side exceeds
 * ZC_PDF_RENDER_MAX_SIDE), and wrapped in a GdkMemoryTexture on the
 * worker. Page views and thumbnails use the same job.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gdk/gdk.h>
#include <graphene.h>

#include "zc-pdf-job.h"

G_BEGIN_DECLS

#define ZC_PDF_RENDER_MAX_SIDE 6000

#define ZC_TYPE_PDF_RENDER_JOB (zc_pdf_render_job_get_type ())
G_DECLARE_FINAL_TYPE (ZcPdfRenderJob, zc_pdf_render_job, ZC, PDF_RENDER_JOB, ZcPdfJob)

ZcPdfJob   *zc_pdf_render_job_new         (ZcPdfDocument  *document,
                                           int             page,
                                           double          scale,
                                           int             rotation);
int         zc_pdf_render_job_get_page    (ZcPdfRenderJob *self);
double      zc_pdf_render_job_get_scale   (ZcPdfRenderJob *self);
int         zc_pdf_render_job_get_rotation (ZcPdfRenderJob *self);
/* after "finished" without an error */
GdkTexture *zc_pdf_render_job_get_texture (ZcPdfRenderJob *self);

/* The clockwise turn by @rotation of the rectangle (@x, @y, @w, @h) in
 * points from the page's top left corner (page @page_w × @page_h
 * points), at @scale units per point: where it lands in the turned
 * picture. The one formula of the page rendering and of the highlights. */
void        zc_pdf_rotate_rect            (int             rotation,
                                           double          page_w,
                                           double          page_h,
                                           double          scale,
                                           double          x,
                                           double          y,
                                           double          w,
                                           double          h,
                                           graphene_rect_t *out);

G_END_DECLS

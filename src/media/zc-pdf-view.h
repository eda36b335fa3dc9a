/* zc-pdf-view.h — shows a PDF page by page, with the findings on it
 *
 * A toolbar (thumbnails, previous/next, the page number entry "3 / 12",
 * rotate either way, zoom out, the zoom "81%" with fit width and fit
 * page in its menu, zoom in), a strip of thumbnails and the page. Pages are rendered by ZcPdfRenderJobs on the one worker
 * (ZcPdfJobScheduler) and kept around the shown page by a
 * ZcPdfPageCache; the main loop never calls poppler.
 *
 * Keyboard (on the view): Page Up/Down, ←/→, Alt+←/→ previous/next
 * page, Home/End first/last page, Ctrl+plus/minus zoom, Ctrl+0 fit
 * width, R or Ctrl+R rotate 90° clockwise.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "zc-pdf-highlight.h"

G_BEGIN_DECLS

#define ZC_TYPE_PDF_VIEW (zc_pdf_view_get_type ())
G_DECLARE_FINAL_TYPE (ZcPdfView, zc_pdf_view, ZC, PDF_VIEW, GtkWidget)

GtkWidget  *zc_pdf_view_new          (void);

/* Shows @pdf (a ref is taken; NULL clears). A load error is shown in the
 * view and kept in the "error" property. */
void        zc_pdf_view_set_pdf      (ZcPdfView *self,
                                      GBytes    *pdf);
GBytes     *zc_pdf_view_get_pdf      (ZcPdfView *self);

/* 0 while loading or empty */
int         zc_pdf_view_get_n_pages  (ZcPdfView *self);
/* 0-based; clamped */
int         zc_pdf_view_get_page     (ZcPdfView *self);
void        zc_pdf_view_set_page     (ZcPdfView *self,
                                      int        page);
void        zc_pdf_view_next_page    (ZcPdfView *self);
void        zc_pdf_view_previous_page (ZcPdfView *self);

/* Fit to width (the default), fit the whole page, or a fixed zoom
 * (1.0 = one css pixel per point). */
gboolean    zc_pdf_view_get_fit_width (ZcPdfView *self);
void        zc_pdf_view_set_fit_width (ZcPdfView *self,
                                       gboolean   fit_width);
gboolean    zc_pdf_view_get_fit_page (ZcPdfView *self);
void        zc_pdf_view_set_fit_page (ZcPdfView *self,
                                      gboolean   fit_page);
double      zc_pdf_view_get_zoom     (ZcPdfView *self);
void        zc_pdf_view_set_zoom     (ZcPdfView *self,
                                      double     zoom);
void        zc_pdf_view_zoom_in      (ZcPdfView *self);
void        zc_pdf_view_zoom_out     (ZcPdfView *self);

/* Clockwise, 0, 90, 180 or 270 (other values are rounded down to one) */
int         zc_pdf_view_get_rotation (ZcPdfView *self);
void        zc_pdf_view_set_rotation (ZcPdfView *self,
                                      int        rotation);
void        zc_pdf_view_rotate       (ZcPdfView *self,
                                      int        degrees);

/* The findings to draw: a GPtrArray of ZcPdfHighlight (a ref is taken;
 * NULL clears). Each is drawn on its page, turned and zoomed with it. */
void        zc_pdf_view_set_highlights (ZcPdfView *self,
                                        GPtrArray *highlights);
GPtrArray  *zc_pdf_view_get_highlights (ZcPdfView *self);
/* Goes to highlight @i's page, draws it stronger and scrolls it into
 * sight. */
void        zc_pdf_view_show_highlight (ZcPdfView *self,
                                        guint      i);
/* Where highlight @i is drawn, in the view's coordinates; FALSE when it
 * is not on the page shown. */
gboolean    zc_pdf_view_get_highlight_area (ZcPdfView       *self,
                                            guint            i,
                                            graphene_rect_t *area);

/* The thumbnails strip (shown by default when there are 2 pages or more) */
gboolean    zc_pdf_view_get_show_thumbnails (ZcPdfView *self);
void        zc_pdf_view_set_show_thumbnails (ZcPdfView *self,
                                             gboolean   show);

/* The texture of the page shown, or NULL while rendering. */
GdkTexture *zc_pdf_view_get_texture  (ZcPdfView *self);
/* The last load error, or NULL */
const GError *zc_pdf_view_get_error  (ZcPdfView *self);

/* Bytes the rendered pages around the shown one may take (default 64 MiB) */
void        zc_pdf_view_set_cache_budget (ZcPdfView *self,
                                          gsize      bytes);

/* Adds @widget (e.g. a Print button) at the end of the view's toolbar. */
void        zc_pdf_view_pack_end     (ZcPdfView *self,
                                      GtkWidget *widget);

/* Properties: "pdf" (GBytes), "n-pages", "page", "fit-width",
 * "fit-page", "zoom", "rotation", "show-thumbnails", "texture" (notifies
 * when a page has been rendered and shown). */

G_END_DECLS

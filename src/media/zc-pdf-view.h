/* zc-pdf-view.h — shows a PDF page by page
 *
 * Pages are rendered with poppler on one worker thread (all poppler calls
 * under the document's lock), onto an ARGB32 surface over white, turned
 * into a GdkMemoryTexture on the worker and shown in a GtkPicture. The
 * page is fitted to the width of the view unless a zoom is chosen.
 * Keyboard: Page Up/Down (or ←/→) change page, Ctrl+plus/minus zoom,
 * Ctrl+0 fits the width.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

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

/* Fit to width (the default) or a fixed zoom (1.0 = 72 dpi × scale). */
gboolean    zc_pdf_view_get_fit_width (ZcPdfView *self);
void        zc_pdf_view_set_fit_width (ZcPdfView *self,
                                       gboolean   fit_width);
double      zc_pdf_view_get_zoom     (ZcPdfView *self);
void        zc_pdf_view_set_zoom     (ZcPdfView *self,
                                      double     zoom);
void        zc_pdf_view_zoom_in      (ZcPdfView *self);
void        zc_pdf_view_zoom_out     (ZcPdfView *self);

/* The texture of the page shown, or NULL while rendering. */
GdkTexture *zc_pdf_view_get_texture  (ZcPdfView *self);
/* The last load error, or NULL */
const GError *zc_pdf_view_get_error  (ZcPdfView *self);

/* Adds @widget (e.g. a Print button) at the end of the view's toolbar. */
void        zc_pdf_view_pack_end     (ZcPdfView *self,
                                      GtkWidget *widget);

/* Properties: "pdf" (GBytes), "n-pages", "page", "fit-width", "zoom",
 * "texture" (notifies when a page has been rendered and shown). */

G_END_DECLS

/* zc-pdf-page-view.h — one rendered page and the findings on it
 *
 * Draws the page's texture at its size in the view (the page's points
 * turned by the rotation, times the zoom) — white until the texture
 * comes — and over it the highlights of that page, turned and scaled
 * with the page: a frame and a tint in the colour of the finding, the
 * label beside the selected one, every label in its box's tooltip.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "zc-pdf-highlight.h"

G_BEGIN_DECLS

#define ZC_TYPE_PDF_PAGE_VIEW (zc_pdf_page_view_get_type ())
G_DECLARE_FINAL_TYPE (ZcPdfPageView, zc_pdf_page_view, ZC, PDF_PAGE_VIEW, GtkWidget)

GtkWidget  *zc_pdf_page_view_new          (void);
/* the page: @width × @height points unrotated, shown at @zoom css px
 * per point, turned clockwise by @rotation */
void        zc_pdf_page_view_set_geometry (ZcPdfPageView *self,
                                           double         width,
                                           double         height,
                                           double         zoom,
                                           int            rotation);
void        zc_pdf_page_view_set_texture  (ZcPdfPageView *self,
                                           GdkTexture    *texture);
GdkTexture *zc_pdf_page_view_get_texture  (ZcPdfPageView *self);
/* the highlights to draw (those of this page; a ref is taken), and the
 * one drawn stronger (-1: none) */
void        zc_pdf_page_view_set_highlights (ZcPdfPageView *self,
                                             GPtrArray     *highlights,
                                             int            selected);
/* where @highlight is drawn, in this widget's coordinates */
void        zc_pdf_page_view_get_highlight_area (ZcPdfPageView        *self,
                                                 const ZcPdfHighlight *highlight,
                                                 graphene_rect_t      *area);

G_END_DECLS

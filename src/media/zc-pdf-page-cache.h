/* zc-pdf-page-cache.h — rendered pages around the one shown
 *
 * Keeps the textures of the shown page and of up to @n_around pages on
 * each side, rendered at the scale the view asks for, within a byte
 * budget (4 bytes a pixel). zc_pdf_page_cache_set_view() says which
 * page is shown, at which scale and turn: the page is rendered first
 * (urgent), its neighbours after (high), nearest first, as long as they
 * fit the budget; jobs and textures of another scale or turn are
 * dropped, their late results too. "page-ready" says a page's texture
 * for the current view has arrived.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gdk/gdk.h>

#include "zc-pdf-document.h"

G_BEGIN_DECLS

#define ZC_TYPE_PDF_PAGE_CACHE (zc_pdf_page_cache_get_type ())
G_DECLARE_FINAL_TYPE (ZcPdfPageCache, zc_pdf_page_cache, ZC, PDF_PAGE_CACHE, GObject)

/* device pixels per point for @page (the view's fit or zoom) */
typedef double (*ZcPdfPageScaleFunc) (int      page,
                                      gpointer user_data);

/* @document must have been loaded */
ZcPdfPageCache *zc_pdf_page_cache_new            (ZcPdfDocument     *document,
                                                  int                n_around,
                                                  gsize              budget_bytes);
void            zc_pdf_page_cache_set_view       (ZcPdfPageCache    *self,
                                                  int                page,
                                                  ZcPdfPageScaleFunc scale_func,
                                                  gpointer           user_data,
                                                  int                rotation);
/* the texture of @page for the current view, or NULL while rendering */
GdkTexture     *zc_pdf_page_cache_get_texture    (ZcPdfPageCache    *self,
                                                  int                page);
/* the failure of @page's render, or NULL */
const GError   *zc_pdf_page_cache_get_error      (ZcPdfPageCache    *self,
                                                  int                page);
/* stops every job (the cache delivers nothing after this) */
void            zc_pdf_page_cache_clear          (ZcPdfPageCache    *self);

gsize           zc_pdf_page_cache_get_size_bytes (ZcPdfPageCache    *self);
gsize           zc_pdf_page_cache_get_budget     (ZcPdfPageCache    *self);
guint           zc_pdf_page_cache_get_n_textures (ZcPdfPageCache    *self);

/* signal "page-ready" (int page) */

G_END_DECLS
